/*
 * containerlog: container log files, where each line of the file is one
 * record that carries a stream, an arrival time and a piece of a log line:
 *
 *	CRI (containerd, kubelet, logcompat capture's capture.log):
 *	    2024-01-02T03:04:05.123456789Z stdout F a whole line
 *	    2024-01-02T03:04:05.123456789Z stderr P a piece; more follows
 *	Docker json-file:
 *	    {"log":"a whole line\n","stream":"stdout","time":"2024-..."}
 *
 * containerlog_parse_record reads one record from memory and is the entry
 * point for fuzzing; containerlog_open reads a file and joins the pieces
 * of each stream back into log lines.  The reader owns its buffers; lines
 * it returns stay valid until the next containerlog_next.
 */
#ifndef LC_CONTAINERLOG_H
#define LC_CONTAINERLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "input/reader.h"

typedef enum {
	CONTAINERLOG_NONE, CONTAINERLOG_CRI, CONTAINERLOG_DOCKER
} containerlog_format;

typedef struct {
	lc_stream stream;	/* stdout or stderr */
	int64_t time_ns;	/* nanoseconds since the epoch, UTC */
	bool partial;		/* the log line goes on in a later record */
	const char *content;	/* the piece of the log line, no newline */
	size_t content_len;
	char *decoded;		/* owns content for Docker records, else NULL */
} containerlog_record;

/*
 * Parse one record: buf holds one line of the file without its line end
 * and need not be NUL-terminated.  Returns 0 with *rec filled (free it
 * with containerlog_record_clear), or -1 with *at the byte offset of the
 * fault in buf and *cause a one-line message the caller frees; *rec then
 * needs no clearing.  CRI content points into buf.
 */
int containerlog_parse_record(containerlog_format format, const char *buf,
    size_t len, containerlog_record *rec, size_t *at, char **cause);
void containerlog_record_clear(containerlog_record *rec);

/*
 * The format of a file from its first records: of the first eight that
 * are not blank (past a byte order mark), the format most are in, when
 * any is a whole CRI or Docker record; CONTAINERLOG_NONE when none is.
 * Bad records do not make a container log plain text: they are
 * container-record findings.
 */
containerlog_format containerlog_sniff(const char *buf, size_t len);
/* The same of the regular file at path; NONE on errors. */
containerlog_format containerlog_sniff_file(const char *path);
const char *containerlog_format_name(containerlog_format format);

/*
 * Parse an RFC 3339 time (T or t, Z or z, or a +HH:MM offset; fraction
 * digits past the ninth are cut) into nanoseconds since the epoch.
 * Returns the bytes read (the whole of len), or 0 when it is not one,
 * or falls outside what int64 nanoseconds hold (about 1678 to 2262).
 */
size_t containerlog_parse_time(const char *buf, size_t len, int64_t *ns);

typedef struct containerlog_reader containerlog_reader;

/* One log line of the chosen stream, or one malformed record. */
typedef struct {
	lc_line line;		/* number: the file line its first record is on */
	int64_t time_ns;	/* arrival of its last record */
	/* A record that could not be read; line holds the record itself. */
	bool malformed;
	size_t at;		/* malformed: byte offset of the fault */
	char *message;		/* malformed: owned by the reader */
	lc_stream stream;	/* of the log line */
} containerlog_line;

/*
 * Open a container log for the log lines of one stream, or of both in the
 * file's order (stream LC_STREAM_UNKNOWN: a line comes when its last
 * record does).  Malformed records are returned only when report_malformed
 * is set, so that of two readers of one file, one reports them; the
 * others are counted (containerlog_skipped).  NULL with *cause on error.
 */
containerlog_reader *containerlog_open(const char *path,
    containerlog_format format, lc_stream stream, bool report_malformed,
    size_t max_line, char **cause);
/* As reader_next: 1 with *out filled, 0 at the end, -1 with *cause. */
int containerlog_next(containerlog_reader *r, containerlog_line *out,
    char **cause);
/* Malformed records skipped so far, by a reader without report_malformed. */
uint64_t containerlog_skipped(const containerlog_reader *r);
void containerlog_close(containerlog_reader *r);

#endif
