/*
 * source: the lines of one capture source, whatever its file holds.  A
 * plain stream file is read line by line; a container log (CRI or Docker
 * json-file) yields the log lines of the source's stream, joined from
 * their records, with the time each arrived.  The reader owns what it
 * returns until the next source_next.
 */
#ifndef LC_SOURCE_H
#define LC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "input/reader.h"

/* time_ns of a line whose arrival time is not known. */
#define SOURCE_TIME_UNKNOWN INT64_MIN

typedef struct source_reader source_reader;

typedef struct {
	int64_t time_ns;	/* arrival, or SOURCE_TIME_UNKNOWN */
	lc_stream stream;	/* of the line: a container log read whole has both */
	bool malformed;		/* the line is a record that could not be read */
	size_t at;		/* malformed: byte offset of the fault */
	const char *message;	/* malformed: what is wrong */
} source_info;

/*
 * The sources to read a capture from, each once, in the order the
 * capture wrote its lines: a container log holding both streams is one
 * source of stream LC_STREAM_UNKNOWN (each line says its own stream),
 * else the capture's sources.  Fills into (borrowing c's paths) and
 * returns how many.
 */
size_t source_read_once(const capture *c, capture_source into[2]);

/*
 * Open a source for reading.  Of a container log's malformed records only
 * a reader opened with report_malformed returns them (as lines with
 * info.malformed set); others skip and count them (source_skipped).  A
 * container source of stream LC_STREAM_UNKNOWN yields the lines of both
 * streams in the file's order.  NULL with *cause on error.
 */
source_reader *source_open(const capture_source *src, size_t max_line,
    bool report_malformed, char **cause);
/* As reader_next; info may be NULL. */
int source_next(source_reader *r, lc_line *line, source_info *info,
    char **cause);
/*
 * Whether a line continues the record before it: a rule file's
 * `continuation` (decode/continuation.h), which the source does not know.
 */
typedef bool (*source_continues_fn)(void *data, const char *text,
    size_t len);

/*
 * The lines past which a record is cut: later continuation lines still
 * join it (a continuation line is never a record of its own) but are
 * only counted.
 */
#define SOURCE_RECORD_LINES 10000

/*
 * Join continuation lines to their record from now on: a line for which
 * continues(data, ...) is true joins the record before it, if that record
 * is on the same stream and no malformed container record stands between.
 * A record's text is a copy of its lines, joined by '\n', of at most
 * max_line bytes; past that, or past SOURCE_RECORD_LINES lines, the
 * record is cut (lc_record.cut).  continues NULL: every record is one line.
 */
void source_set_continuation(source_reader *r, source_continues_fn continues,
    void *data);
/*
 * The next record, as source_next: its first line in rec->first, info
 * that of the first line.  The source reads one line ahead, keeps it
 * while it continues the record and hands the record over at the first
 * line that does not.  Every line goes into one record, malformed
 * container records as records of one line.  A read error after the
 * first line of a record is returned at the next call.
 */
int source_next_record(source_reader *r, lc_record *rec, source_info *info,
    char **cause);
/*
 * The next record of a source that joins no lines: source_next, inline,
 * into a record of one line.  The hot path of a check without
 * continuation.
 */
static inline int
source_next_line_record(source_reader *r, lc_record *rec, source_info *info,
    char **cause)
{
	int got = source_next(r, &rec->first, info, cause);

	if (got > 0) {
		rec->text = rec->first.text;
		rec->len = rec->first.len;
		rec->line_count = 1;
		rec->full_len = rec->first.full_len;
		rec->cut = rec->first.truncated;
	}
	return got;
}
/*
 * Whether a line's text can be read again at its offset (a plain regular
 * file: see reader_reread), and the reading; a container log's lines
 * come out of records, so they cannot.
 */
bool source_rereadable(const source_reader *r);
size_t source_reread(const source_reader *r, uint64_t offset, char *buf,
    size_t len);
/* Malformed container-log records skipped so far. */
uint64_t source_skipped(const source_reader *r);
/* After the last line: whether the source held nothing of its stream. */
bool source_empty(const source_reader *r);
void source_close(source_reader *r);

#endif
