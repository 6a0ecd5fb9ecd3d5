/* source: plain stream files and container logs alike; see source.h. */
#include "input/source.h"

#include <stdlib.h>
#include <string.h>

#include "input/containerlog.h"
#include "util/xalloc.h"

struct source_reader {
	lc_reader *plain;
	containerlog_reader *container;
	uint64_t lines;		/* of the source's stream, from a container */
	lc_stream stream;
	size_t max_line;

	/*
	 * Joining records: the line read ahead (ahead_got 1), or the end or
	 * error met there (0 or -1, with ahead_cause), and the text of the
	 * record being handed over.
	 */
	source_continues_fn continues;
	void *continues_data;
	lc_line ahead;
	source_info ahead_info;
	int ahead_got;
	bool ahead_held;	/* ahead_got says what was met */
	char *ahead_cause;
	char *text;
	size_t text_cap;
};

size_t
source_read_once(const capture *c, capture_source into[2])
{
	bool container = c->source_count == 2 &&
	    c->sources[0].container != CONTAINERLOG_NONE &&
	    strcmp(c->sources[0].path, c->sources[1].path) == 0;

	if (container) {
		into[0] = c->sources[0];
		into[0].stream = LC_STREAM_UNKNOWN;
		return 1;
	}
	for (size_t i = 0; i < c->source_count; i++)
		into[i] = c->sources[i];
	return c->source_count;
}

source_reader *
source_open(const capture_source *src, size_t max_line,
    bool report_malformed, char **cause)
{
	source_reader *r = xcalloc(1, sizeof *r);
	const char *file = src->spool != NULL ? src->spool : src->path;

	r->stream = src->stream;
	r->max_line = max_line;

	if (src->container != CONTAINERLOG_NONE)
		r->container = containerlog_open(file, src->container,
		    src->stream, report_malformed, max_line, cause);
	else
		r->plain = reader_open(file, max_line, cause);
	if (r->plain == NULL && r->container == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

int
source_next(source_reader *r, lc_line *line, source_info *info,
    char **cause)
{
	source_info ignored;
	containerlog_line cl;
	int got;

	if (info == NULL)
		info = &ignored;
	memset(info, 0, sizeof *info);
	info->time_ns = SOURCE_TIME_UNKNOWN;
	info->stream = r->stream;
	if (r->plain != NULL)
		return reader_next(r->plain, line, cause);
	got = containerlog_next(r->container, &cl, cause);
	if (got <= 0)
		return got;
	*line = cl.line;
	info->malformed = cl.malformed;
	info->at = cl.at;
	info->message = cl.message;
	if (!cl.malformed) {
		info->stream = cl.stream;
		info->time_ns = cl.time_ns;
		r->lines++;
	}
	return 1;
}

void
source_set_continuation(source_reader *r, source_continues_fn continues,
    void *data)
{
	r->continues = continues;
	r->continues_data = data;
}

/* Put len bytes of text at offset at of the record's text. */
static void
source_keep(source_reader *r, size_t at, const char *text, size_t len)
{
	/* Zeroed slack: PCRE2's JIT reads aligned words past the end. */
	if (at + len + 64 > r->text_cap) {
		size_t cap = r->text_cap > 0 ? r->text_cap : 1024;

		while (cap < at + len + 64)
			cap *= 2;
		r->text = xrealloc(r->text, cap);
		memset(r->text + r->text_cap, 0, cap - r->text_cap);
		r->text_cap = cap;
	}
	memcpy(r->text + at, text, len);
	memset(r->text + at + len, 0, 64);
}

/* Add the line read ahead, a continuation line, to rec. */
static void
source_join(source_reader *r, lc_record *rec)
{
	const lc_line *line = &r->ahead;

	rec->line_count++;
	rec->full_len += 1 + line->full_len;
	if (rec->cut)
		return;
	if (rec->line_count > SOURCE_RECORD_LINES ||
	    line->len > r->max_line - rec->len - 1 || rec->len >= r->max_line) {
		rec->cut = true;
		return;
	}
	source_keep(r, rec->len, "\n", 1);
	source_keep(r, rec->len + 1, line->text, line->len);
	/* Keeping may have moved the text. */
	rec->text = rec->first.text = r->text;
	rec->len += 1 + line->len;
	rec->cut = line->truncated;
}

int
source_next_record(source_reader *r, lc_record *rec, source_info *info,
    char **cause)
{
	source_info ignored;
	int got;

	if (info == NULL)
		info = &ignored;
	/* This is the hot path: fill the record in place, no copy. */
	if (r->continues == NULL)
		return source_next_line_record(r, rec, info, cause);
	if (r->ahead_held) {
		got = r->ahead_got;
		rec->first = r->ahead;
		*info = r->ahead_info;
		if (got < 0) {
			*cause = r->ahead_cause;
			r->ahead_cause = NULL;
		}
		r->ahead_held = false;
	} else
		got = source_next(r, &rec->first, info, cause);
	if (got <= 0)
		return got;
	reader_record_of_line(rec, &rec->first);
	if (info->malformed)
		return 1;
	/* The reader's next line may move this one: keep a copy. */
	source_keep(r, 0, rec->first.text, rec->first.len);
	rec->first.text = rec->text = r->text;
	for (;;) {
		r->ahead_got = source_next(r, &r->ahead, &r->ahead_info,
		    &r->ahead_cause);
		r->ahead_held = true;
		if (r->ahead_got <= 0 || r->ahead_info.malformed ||
		    r->ahead_info.stream != info->stream ||
		    !r->continues(r->continues_data, r->ahead.text,
		    r->ahead.len))
			break;
		source_join(r, rec);
		r->ahead_held = false;
	}
	return 1;
}

bool
source_rereadable(const source_reader *r)
{
	return r->plain != NULL && reader_rereadable(r->plain);
}

size_t
source_reread(const source_reader *r, uint64_t offset, char *buf, size_t len)
{
	return r->plain != NULL ? reader_reread(r->plain, offset, buf, len) : 0;
}

uint64_t
source_skipped(const source_reader *r)
{
	return r->container != NULL ? containerlog_skipped(r->container) : 0;
}

bool
source_empty(const source_reader *r)
{
	return r->plain != NULL ? reader_bytes(r->plain) == 0 : r->lines == 0;
}

void
source_close(source_reader *r)
{
	if (r == NULL)
		return;
	reader_close(r->plain);
	containerlog_close(r->container);
	free(r->ahead_cause);
	free(r->text);
	free(r);
}
