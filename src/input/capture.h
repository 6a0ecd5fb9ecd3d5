/*
 * capture: what a CAPTURE argument names.  A directory holding stdout.log
 * and/or stderr.log, a single file whose stream is unknown, or "-" for
 * standard input.  A container log (a directory's capture.log, or a regular
 * file whose first records are CRI or Docker json-file) is one file that holds
 * both streams: it becomes two sources, one per stream, on the same path.
 * capture_free releases what capture_resolve filled.
 */
#ifndef LC_CAPTURE_H
#define LC_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { LC_STREAM_STDOUT, LC_STREAM_STDERR, LC_STREAM_UNKNOWN } lc_stream;
#define LC_STREAM_COUNT 3

typedef struct {
	char *path;		/* "-" for standard input */
	char *spool;		/* read in its place: a copy (input/spool.h) */
	lc_stream stream;
	int container;		/* a containerlog_format; 0 for a plain file */
} capture_source;

typedef struct {
	char *name;		/* the argument as given */
	capture_source sources[2];
	size_t source_count;
	bool has_stdout, has_stderr;	/* which streams were captured */
} capture;

/* Resolve one CAPTURE argument.  Returns 0, or -1 with *cause set. */
int capture_resolve(const char *arg, capture *out, char **cause);
/* A capture from explicit --stdout/--stderr files; either may be NULL. */
int capture_from_streams(const char *stdout_path, const char *stderr_path,
    capture *out, char **cause);
void capture_free(capture *c);

const char *capture_stream_name(lc_stream stream);

#endif
