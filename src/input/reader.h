/*
 * reader: a streaming line reader over a file descriptor.  Lines come back
 * as pointers into the reader's own buffer, without copying; memory stays
 * bounded by the buffer plus max_line, whatever the input holds.  The
 * reader owns its buffer and name; it closes the file only when it opened
 * it (never standard input).
 */
#ifndef LC_READER_H
#define LC_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lc_reader lc_reader;

typedef struct {
	const char *text;	/* not NUL-terminated; valid until the next reader_next */
	size_t len;		/* bytes in text, without the line end, at most max_line */
	unsigned long number;	/* 1-based */
	uint64_t offset;	/* byte offset of the line start in the stream */
	uint64_t full_len;	/* the line's real length; > len when truncated */
	bool truncated;		/* longer than max_line: text holds its first max_line bytes */
	bool crlf;		/* ended in \r\n (the \r is not in text) */
	bool newline;		/* false for a last line with no line end */
} lc_line;

/*
 * A record: one entry of a log, as a decoder reads it.  It is a first line
 * and the continuation lines that belong to it (a Python traceback under
 * its log line, issue 11), and its text runs from the start of the first
 * to the end of the last, joined by '\n' (a \r before a line end is not
 * in it).  Positions in a record are byte offsets into that text; first
 * says where it stands in the stream.  Every line read belongs to exactly
 * one record, so that the lines a record holds (line_count) add up to the
 * lines read: a summary counts lines, a record counts line_count of them.
 * A record's text is bounded by max_line: lines past that are counted in
 * line_count and full_len but not kept (cut).
 */
typedef struct {
	const char *text;	/* not NUL-terminated; valid as first.text */
	size_t len;
	lc_line first;		/* the first line: number, offset, ... */
	unsigned long line_count;	/* lines it holds, at least 1 */
	uint64_t full_len;	/* bytes of all its lines, joined */
	bool cut;		/* text holds only the first len of full_len */
} lc_record;

/* A record of one line: what reading yields until lines continue. */
void reader_record_of_line(lc_record *rec, const lc_line *line);

/* The buffer size reader_open and reader_open_fd use. */
#define READER_BUFSIZE (256 * 1024)

/*
 * Open path for reading; "-" means standard input (named "<stdin>").  On
 * error returns NULL and sets *cause to "cannot open PATH: REASON".
 */
lc_reader *reader_open(const char *path, size_t max_line, char **cause);
/* Read from fd, which stays open; name is used in messages. */
lc_reader *reader_open_fd(int fd, const char *name, size_t max_line);
/* As reader_open_fd with a chosen buffer size (at least 1), for tests. */
lc_reader *reader_open_fd_sized(int fd, const char *name, size_t max_line,
    size_t bufsize);

/*
 * The next line.  Returns 1 with *line filled, 0 at the end of input, -1 on
 * a read error with *cause set to "read error on NAME: REASON".  Lines end
 * in \n; a \r right before it is stripped and flagged; a lone \r and NUL
 * bytes are data.  A line longer than max_line is returned truncated and
 * the rest of it skipped.
 */
int reader_next(lc_reader *r, lc_line *line, char **cause);
const char *reader_name(const lc_reader *r);
/* Bytes read from the file so far. */
uint64_t reader_bytes(const lc_reader *r);
/*
 * Whether bytes already read can be read again (a regular file), so that
 * a caller need not copy what it may want later.
 */
bool reader_rereadable(const lc_reader *r);
/*
 * Read up to len bytes at a stream offset again, without moving the
 * reader; safe from another thread.  Returns the bytes read, 0 on error
 * or when the reader is not rereadable.
 */
size_t reader_reread(const lc_reader *r, uint64_t offset, char *buf,
    size_t len);
void reader_close(lc_reader *r);

#endif
