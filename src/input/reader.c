/* reader: a streaming line reader; see reader.h. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "input/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/readopen.h"
#include "util/xalloc.h"

/* Bytes past the last read that are kept zeroed (see reader_fill). */
#define READER_SLACK 64

struct lc_reader {
	int fd;
	bool owns_fd;		/* opened by reader_open: close it */
	char *name;

	/*
	 * Bytes [start, end) of buffer are read but not yet returned: the
	 * beginning of the current line.  scanned of them are known to hold
	 * no '\n'.
	 */
	char *buffer;
	size_t capacity;
	size_t zeroed;		/* bytes [0, zeroed) hold data or zeros */
	size_t capacity_limit;	/* max_line + 1 + bufsize */
	size_t bufsize;
	size_t start, end, scanned;
	bool eof;

	/*
	 * When the current line outgrew max_line, only its first max_line
	 * bytes stay in the buffer; what follows is read into the space after
	 * them, counted in skipped and dropped until the '\n' turns up.
	 */
	size_t max_line;
	bool skipping;
	uint64_t skipped;
	bool skipped_cr;	/* the last byte dropped was '\r' */

	unsigned long number;	/* of the last line returned */
	uint64_t line_offset;	/* stream offset of the current line */
	uint64_t bytes_read;
	bool regular;		/* a regular file: reader_reread works */
};

lc_reader *
reader_open(const char *path, size_t max_line, char **cause)
{
	struct stat st;
	lc_reader *r;
	int fd;

	if (strcmp(path, "-") == 0)
		return reader_open_fd(STDIN_FILENO, "<stdin>", max_line);
	/* A FIFO with no writer yet is waited for, and said so. */
	if ((fd = readopen(path, cause)) == -1)
		return NULL;
	/* read(2) would only fail later, with a less helpful message. */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		*cause = xasprintf("cannot open %s: %s", path, strerror(EISDIR));
		close(fd);
		return NULL;
	}
	r = reader_open_fd(fd, path, max_line);
	r->owns_fd = true;
	return r;
}

lc_reader *
reader_open_fd(int fd, const char *name, size_t max_line)
{
	return reader_open_fd_sized(fd, name, max_line, READER_BUFSIZE);
}

lc_reader *
reader_open_fd_sized(int fd, const char *name, size_t max_line,
    size_t bufsize)
{
	lc_reader *r = xcalloc(1, sizeof *r);

	if (bufsize == 0)
		bufsize = 1;
	r->fd = fd;
	r->name = xstrdup(name);
	r->bufsize = bufsize;
	r->max_line = max_line;
	if (max_line > SIZE_MAX - 1 - bufsize)
		r->capacity_limit = SIZE_MAX;
	else
		r->capacity_limit = max_line + 1 + bufsize;
	r->capacity = bufsize;
	/*
	 * Not zeroed whole (a reader per file opened): reader_fill zeroes
	 * the slack past what it reads.
	 */
	r->buffer = xmalloc(r->capacity);
	struct stat st;
	r->regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
#ifdef POSIX_FADV_SEQUENTIAL
	/* Only a hint, and pipes refuse it: ignore the result. */
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	return r;
}

/*
 * Make room after end, moving the unreturned bytes (a partial line) to the
 * front or growing the buffer up to its limit, then read once.  Returns the
 * bytes read, 0 at the end of the file, -1 on error.
 */
static ssize_t
reader_fill(lc_reader *r, char **cause)
{
	size_t want = r->bufsize / 2;
	ssize_t got;

	if (r->capacity - r->end <= want && r->start > 0) {
		memmove(r->buffer, r->buffer + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->capacity - r->end <= want && r->capacity < r->capacity_limit) {
		size_t limit = r->capacity_limit, grown;

		grown = r->capacity <= limit / 2 ? r->capacity * 2 : limit;
		if (grown - r->end < r->bufsize)
			grown = limit - r->end > r->bufsize ?
			    r->end + r->bufsize : limit;
		r->buffer = xrealloc(r->buffer, grown);
		r->capacity = grown;
	}

	do
		got = read(r->fd, r->buffer + r->end, r->capacity - r->end);
	while (got == -1 && errno == EINTR);
	if (got == -1) {
		*cause = xasprintf("read error on %s: %s", r->name,
		    strerror(errno));
		return -1;
	}
	r->end += (size_t)got;
	r->bytes_read += (uint64_t)got;
	/*
	 * PCRE2's JIT reads aligned words past a line's end: what follows
	 * the last byte read is zeros, or bytes read before.
	 */
	size_t slack = r->capacity - r->end < READER_SLACK ?
	    r->capacity : r->end + READER_SLACK;
	if (r->zeroed < slack) {
		memset(r->buffer + r->end, 0, slack - r->end);
		r->zeroed = slack;
	}
	return got;
}

/*
 * Return the current line, which ends at pos in the buffer (the '\n' when
 * newline is true), and move past it.
 */
static void
reader_line(lc_reader *r, lc_line *line, size_t pos, bool newline)
{
	size_t kept = pos - r->start;
	uint64_t full_len;
	bool crlf = false;

	if (newline) {
		if (r->skipping && pos == r->start + r->max_line)
			crlf = r->skipped_cr;
		else
			crlf = kept > 0 && r->buffer[pos - 1] == '\r';
	}
	full_len = (uint64_t)kept + r->skipped - (crlf ? 1 : 0);

	line->text = r->buffer + r->start;
	line->full_len = full_len;
	line->truncated = full_len > r->max_line;
	line->len = line->truncated ? r->max_line : (size_t)full_len;
	line->number = ++r->number;
	line->offset = r->line_offset;
	line->crlf = crlf;
	line->newline = newline;

	r->line_offset += full_len + (crlf ? 1 : 0) + (newline ? 1 : 0);
	r->start = newline ? pos + 1 : pos;
	r->scanned = 0;
	r->skipping = false;
	r->skipped = 0;
	r->skipped_cr = false;
}

int
reader_next(lc_reader *r, lc_line *line, char **cause)
{
	for (;;) {
		size_t pending = r->end - r->start;
		char *newline;

		/* This loop is the hot path: memchr over what is new. */
		newline = memchr(r->buffer + r->start + r->scanned, '\n',
		    pending - r->scanned);
		if (newline != NULL) {
			reader_line(r, line, (size_t)(newline - r->buffer),
			    true);
			return 1;
		}
		r->scanned = pending;

		/*
		 * With no '\n' in sight, keep max_line bytes and drop the rest
		 * as it comes.  (The line may yet turn out to be exactly
		 * max_line long, when what was dropped is the '\r' of its
		 * "\r\n": skipped_cr remembers that.)
		 */
		if (pending > r->max_line) {
			r->skipping = true;
			r->skipped += pending - r->max_line;
			r->skipped_cr = r->buffer[r->end - 1] == '\r';
			r->end = r->start + r->max_line;
			r->scanned = r->max_line;
		}

		if (r->eof) {
			if (r->end == r->start && !r->skipping)
				return 0;
			reader_line(r, line, r->end, false);
			return 1;
		}
		switch (reader_fill(r, cause)) {
		case -1:
			return -1;
		case 0:
			r->eof = true;
			break;
		}
	}
}

const char *
reader_name(const lc_reader *r)
{
	return r->name;
}

uint64_t
reader_bytes(const lc_reader *r)
{
	return r->bytes_read;
}

bool
reader_rereadable(const lc_reader *r)
{
	return r->regular;
}

size_t
reader_reread(const lc_reader *r, uint64_t offset, char *buf, size_t len)
{
	size_t done = 0;

	if (!r->regular || offset > (uint64_t)INT64_MAX)
		return 0;
	while (done < len) {
		ssize_t got = pread(r->fd, buf + done, len - done,
		    (off_t)(offset + done));
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		done += (size_t)got;
	}
	return done;
}

void
reader_close(lc_reader *r)
{
	if (r == NULL)
		return;
	if (r->owns_fd)
		close(r->fd);
	free(r->buffer);
	free(r->name);
	free(r);
}

void
reader_record_of_line(lc_record *rec, const lc_line *line)
{
	rec->text = line->text;
	rec->len = line->len;
	rec->first = *line;
	rec->line_count = 1;
	rec->full_len = line->full_len;
	rec->cut = line->truncated;
}
