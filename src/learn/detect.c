/* detect: the library's best rule file for a capture; see detect.h. */
#include "learn/detect.h"

#include <stdlib.h>
#include <string.h>

#include "decode/continuation.h"
#include "input/source.h"
#include "judge/judge.h"
#include "util/xalloc.h"

/* A sniffed line longer than this is kept cut, like max-line would. */
#define DETECT_MAX_LINE	65536

typedef struct {
	char *text;
	size_t len;
	lc_line line;		/* number, offset, flags; text is ours */
	lc_stream stream;
} detect_line;

struct detect_sniff {
	detect_line *lines;
	size_t count;
	size_t bytes;
};

static bool
detect_sniff_full(const detect_sniff *s)
{
	return s->count >= DETECT_SNIFF_LINES || s->bytes >= DETECT_SNIFF_BYTES;
}

detect_sniff *
detect_sniff_new(const capture *captures, size_t count, char **cause)
{
	detect_sniff *s = xcalloc(1, sizeof *s);
	lc_line line;
	source_info info;
	int got = 0;

	s->lines = xcalloc(DETECT_SNIFF_LINES, sizeof *s->lines);
	for (size_t c = 0; c < count && !detect_sniff_full(s); c++) {
		const capture *cap = &captures[c];
		for (size_t i = 0; i < cap->source_count &&
		    !detect_sniff_full(s); i++) {
			source_reader *reader = source_open(&cap->sources[i],
			    DETECT_MAX_LINE, false, cause);
			if (reader == NULL) {
				detect_sniff_free(s);
				return NULL;
			}
			while (!detect_sniff_full(s) && (got = source_next(
			    reader, &line, &info, cause)) > 0) {
				detect_line *dl = &s->lines[s->count++];
				/* Zeroed slack: PCRE2's JIT reads past it. */
				dl->text = xcalloc(1, line.len + 64);
				memcpy(dl->text, line.text, line.len);
				dl->len = line.len;
				dl->line = line;
				dl->line.text = dl->text;
				dl->stream = info.stream;
				s->bytes += line.len + 1;
			}
			source_close(reader);
			if (got < 0) {
				detect_sniff_free(s);
				return NULL;
			}
		}
	}
	return s;
}

void
detect_sniff_free(detect_sniff *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->count; i++)
		free(s->lines[i].text);
	free(s->lines);
	free(s);
}

uint64_t
detect_sniff_lines(const detect_sniff *s)
{
	return s->count;
}

/*
 * Findings of order: they say how a record stands to the one before it
 * (a time stepping back where threads or nodes interleave) or how its
 * keys are ordered, never that the file misreads it.
 */
static const char *const detect_order_ids[] = { "time-order", "key-order" };

static bool
detect_only_order(const judge_result *res)
{
	for (size_t i = 0; i < res->finding_count; i++) {
		bool order = false;
		for (size_t k = 0; k < sizeof detect_order_ids /
		    sizeof detect_order_ids[0]; k++)
			order |= strcmp(res->findings[i].rule,
			    detect_order_ids[k]) == 0;
		if (!order)
			return false;
	}
	return true;
}

static void
detect_count(detect_candidate *c, const judge_result *res, uint64_t lines)
{
	c->lines += lines;
	if (res->kind == LINE_FOREIGN) {
		c->foreign += lines;
		return;
	}
	if (detect_only_order(res))
		c->in_order += lines;
	if (res->kind == LINE_CONFORMING && res->finding_count == 0)
		c->conforming += lines;
	else
		c->violating += lines;
}

/*
 * Count the named fields of the record just judged that hold text, and
 * those that do not: of two files that read the same lines, the one whose
 * fields say more of them is the more specific (a Python logger's
 * "name: " against log4j's optional thread and source).
 */
static void
detect_fields(const judge *j, const rules *r, uint32_t names,
    detect_candidate *c)
{
	PCRE2_SPTR table;
	uint32_t size;
	decode_field value;

	if (names == 0 || pcre2_pattern_info(r->line_regex,
	    PCRE2_INFO_NAMETABLE, &table) != 0 || pcre2_pattern_info(
	    r->line_regex, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0)
		return;
	for (uint32_t k = 0; k < names; k++) {
		const char *name = (const char *)(table + k * size + 2);
		if (judge_value(j, name, &value) && value.at != DECODE_ABSENT &&
		    value.len > 0)
			c->filled++;
		else
			c->unfilled++;
	}
}

void
detect_try(const detect_sniff *s, const rules *r, detect_candidate *c)
{
	continuation *cont = continuation_new(r);
	judge *j = judge_new(r);
	judge_stream order = { 0 };
	judge_result res = { 0 };
	char *joined = NULL;
	size_t cap = 0;
	uint32_t names = 0;

	judge_set_terse(j);	/* the findings are counted, not shown */
	c->lines = c->conforming = c->violating = c->foreign = 0;
	c->in_order = c->filled = c->unfilled = 0;
	if (r->line_regex != NULL)
		pcre2_pattern_info(r->line_regex, PCRE2_INFO_NAMECOUNT, &names);
	c->named_fields = names;
	c->pattern_len = r->line_pattern != NULL ? strlen(r->line_pattern) :
	    0;
	for (size_t i = 0; i < s->count;) {
		const detect_line *first = &s->lines[i];
		lc_record rec;
		size_t next = i + 1, len = first->len;

		reader_record_of_line(&rec, &first->line);
		/* Join as source_next_record would, within the sniff. */
		while (cont != NULL && next < s->count &&
		    s->lines[next].stream == first->stream &&
		    continuation_continues(cont, s->lines[next].text,
		    s->lines[next].len))
			len += 1 + s->lines[next++].len;
		if (next > i + 1) {
			if (len + 64 > cap) {
				cap = len + 64;
				joined = xrealloc(joined, cap);
			}
			memset(joined, 0, cap);
			size_t at = 0;
			for (size_t k = i; k < next; k++) {
				if (k > i)
					joined[at++] = '\n';
				memcpy(joined + at, s->lines[k].text,
				    s->lines[k].len);
				at += s->lines[k].len;
			}
			rec.text = joined;
			rec.len = len;
			rec.line_count = next - i;
		}
		judge_record(j, &order, &rec, first->stream, &res);
		detect_count(c, &res, rec.line_count);
		if (res.kind != LINE_FOREIGN)
			detect_fields(j, r, names, c);
		i = next;
	}
	free(joined);
	judge_result_free(&res);
	judge_free(j);
	continuation_free(cont);
}

int
detect_rank(const void *a, const void *b)
{
	const detect_candidate *x = a, *y = b;

	if ((x->format == NULL) != (y->format == NULL))
		return x->format == NULL ? 1 : -1;
	if (x->in_order != y->in_order)
		return x->in_order > y->in_order ? -1 : 1;
	if (x->conforming != y->conforming)
		return x->conforming > y->conforming ? -1 : 1;
	if (x->foreign != y->foreign)
		return x->foreign < y->foreign ? -1 : 1;
	if (x->filled != y->filled)
		return x->filled > y->filled ? -1 : 1;
	if (x->unfilled != y->unfilled)
		return x->unfilled < y->unfilled ? -1 : 1;
	if (x->named_fields != y->named_fields)
		return x->named_fields > y->named_fields ? -1 : 1;
	if (x->pattern_len != y->pattern_len)
		return x->pattern_len > y->pattern_len ? -1 : 1;
	return strcmp(x->name, y->name);
}

size_t
detect_library(const detect_sniff *s, const rulepath_entry *library,
    size_t count, detect_candidate **candidates)
{
	detect_candidate *cands = xcalloc(count + 1, sizeof *cands);

	for (size_t i = 0; i < count; i++) {
		detect_candidate *c = &cands[i];
		lc_error err;
		rules *r;

		c->name = xstrdup(library[i].name);
		c->path = xstrdup(library[i].path);
		lc_error_clear(&err);
		if ((r = rules_load(library[i].path, &err)) == NULL) {
			c->error = xstrdup(err.text);
			continue;
		}
		c->format = xstrdup(r->format);
		if (r->description != NULL)
			c->description = xstrdup(r->description);
		detect_try(s, r, c);
		rules_free(r);
	}
	qsort(cands, count, sizeof *cands, detect_rank);
	*candidates = cands;
	return count;
}

void
detect_candidates_free(detect_candidate *c, size_t count)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		free(c[i].name);
		free(c[i].path);
		free(c[i].format);
		free(c[i].description);
		free(c[i].error);
	}
	free(c);
}

unsigned
detect_percent(const detect_candidate *c)
{
	if (c->lines == 0)
		return 0;
	return (unsigned)((c->conforming + c->violating) * 100 / c->lines);
}

bool
detect_fits(const detect_candidate *c)
{
	return c->format != NULL && c->lines > 0 &&
	    (c->conforming + c->violating) * 100 >=
	    (uint64_t)DETECT_FIT_PERCENT * c->lines;
}
