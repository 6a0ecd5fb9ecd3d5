/* baseline_scan: counting captures into a baseline; see baseline_scan.h. */
#include "learn/baseline_scan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "judge/check.h"
#include "judge/drift.h"
#include "judge/judge.h"
#include "judge/samples.h"
#include "learn/baseline_write.h"
#include "util/strbuf.h"
#include "util/fileio.h"
#include "util/xalloc.h"

baseline *
baseline_for(const rules *r, const char *layout)
{
	baseline_layout fields = {
		.level = rules_has_level(r), .message = rules_has_message(r)
	};

	return baseline_new(&fields, layout);
}

/*
 * A source after the first, read while the first is (paired streams, each
 * on its thread), is held until the capture is read: in memory up to
 * this many bytes, past them in a temporary file.
 */
#define BASELINE_HELD_BYTES (1024 * 1024)

/* What a held line's parts are followed by: their lengths. */
typedef struct {
	size_t level_len, emoji_len, rest_len;
	bool foreign;
	uint64_t more_lines;	/* the record's lines past its first */
} baseline_held;

struct baseline_counter {
	baseline *b;
	bool in_order;		/* sources handed over one after the other */
	/*
	 * Written by the later source's thread for every line, while the
	 * first's reads the fields above: a cache line of their own.
	 */
	_Alignas(64) strbuf held;	/* lines of later sources, as
					   baseline_held */
	FILE *spill;		/* held lines past BASELINE_HELD_BYTES */
	bool in_memory;		/* no temporary file could be made */
	char *cause;		/* a failure to write the spill */
};

baseline_counter *
baseline_counter_new(baseline *b, bool in_order)
{
	baseline_counter *bc = xcalloc_aligned(_Alignof(baseline_counter),
	    sizeof *bc);

	bc->b = b;
	bc->in_order = in_order;
	return bc;
}

void
baseline_counter_free(baseline_counter *bc)
{
	if (bc == NULL)
		return;
	strbuf_free(&bc->held);
	if (bc->spill != NULL)
		fclose(bc->spill);
	free(bc->cause);
	free(bc);
}

/* An unlinked temporary file, in $TMPDIR or /tmp, or NULL. */
static FILE *
baseline_spill_open(void)
{
	int fd;
	char *path = fileio_temp("count", &fd);
	FILE *f = NULL;

	if (fd >= 0) {
		unlink(path);
		if ((f = fdopen(fd, "w+")) == NULL)
			close(fd);
	}
	free(path);
	return f;
}

/* Keep a line of a later source: in memory, or moved on to the spill. */
static void
baseline_hold(baseline_counter *bc, const baseline_parts *p,
    uint64_t more_lines)
{
	baseline_held h = { .foreign = p == NULL, .more_lines = more_lines };

	if (bc->cause != NULL)
		return;
	if (p != NULL) {
		h.level_len = p->level_len;
		h.emoji_len = p->emoji_len;
		h.rest_len = p->rest_len;
	}
	strbuf_add(&bc->held, (const char *)&h, sizeof h);
	if (p != NULL) {
		strbuf_add(&bc->held, p->level, p->level_len);
		strbuf_add(&bc->held, p->emoji, p->emoji_len);
		strbuf_add(&bc->held, p->rest, p->rest_len);
	}
	if (bc->held.len < BASELINE_HELD_BYTES || bc->in_memory)
		return;
	/* Without a temporary file the lines stay in memory: larger. */
	if (bc->spill == NULL && (bc->spill = baseline_spill_open()) == NULL) {
		bc->in_memory = true;
		return;
	}
	if (fwrite(bc->held.text, 1, bc->held.len, bc->spill) !=
	    bc->held.len)
		bc->cause = xasprintf("cannot hold counted lines in a "
		    "temporary file: %s", strerror(errno));
	bc->held.len = 0;
}

/*
 * A record is one log line (its level, emoji and template, as check's
 * drift counts it) and its other lines are lines, so that 'lines' is every
 * line read and the levels still add up to 'log-lines'.
 */
void
baseline_counter_each(void *data, size_t source, const lc_record *rec,
    const judge_result *res)
{
	baseline_counter *bc = data;
	baseline_parts p;

	if (res->kind != LINE_FOREIGN)
		drift_parts_of(rec->text, res, &p);
	if (source > 0 && !bc->in_order)
		baseline_hold(bc, res->kind == LINE_FOREIGN ? NULL : &p,
		    rec->line_count - 1);
	else {
		baseline_add_line(bc->b, res->kind == LINE_FOREIGN ? NULL :
		    &p);
		bc->b->lines += rec->line_count - 1;
	}
}

/* Count the held lines in bytes [at, end) of text; where the last ends. */
static size_t
baseline_count_held(baseline *b, const char *text, size_t len)
{
	size_t at = 0;

	while (len - at >= sizeof (baseline_held)) {
		baseline_held h;
		baseline_parts p = { 0 };

		memcpy(&h, text + at, sizeof h);
		if (len - at - sizeof h < h.level_len + h.emoji_len +
		    h.rest_len)
			break;
		at += sizeof h;
		b->lines += h.more_lines;
		if (h.foreign) {
			baseline_add_line(b, NULL);
			continue;
		}
		p.level = text + at;
		p.level_len = h.level_len;
		p.emoji = p.level + h.level_len;
		p.emoji_len = h.emoji_len;
		p.rest = p.emoji + h.emoji_len;
		p.rest_len = h.rest_len;
		at += h.level_len + h.emoji_len + h.rest_len;
		baseline_add_line(b, &p);
	}
	return at;
}

int
baseline_counter_flush(baseline_counter *bc, char **cause)
{
	if (bc->cause != NULL) {
		*cause = bc->cause;
		bc->cause = NULL;
		return -1;
	}
	if (bc->spill != NULL && ftello(bc->spill) > 0) {
		strbuf from = { 0 };
		char chunk[65536];
		size_t got, used;

		rewind(bc->spill);
		while ((got = fread(chunk, 1, sizeof chunk, bc->spill)) > 0) {
			strbuf_add(&from, chunk, got);
			used = baseline_count_held(bc->b, from.text, from.len);
			memmove(from.text, from.text + used, from.len - used);
			from.len -= used;
		}
		strbuf_free(&from);
		if (ferror(bc->spill)) {
			*cause = xasprintf("cannot read back counted lines: "
			    "%s", strerror(errno));
			return -1;
		}
		rewind(bc->spill);
		if (ftruncate(fileno(bc->spill), 0) != 0) {
			*cause = xasprintf("cannot reuse a temporary file: %s",
			    strerror(errno));
			return -1;
		}
	}
	baseline_count_held(bc->b, bc->held.text, bc->held.len);
	bc->held.len = 0;
	return 0;
}

int
baseline_scan(baseline *b, const rules *r, const capture *c, report *rep,
    uint64_t *skipped, char **cause)
{
	baseline_counter *bc = baseline_counter_new(b,
	    !check_reads_at_once(r, c));
	/* Only the counts are wanted: keep no finding. */
	report *own = rep == NULL ? report_new(r->format, r->path, 1) : NULL;
	uint64_t malformed = 0;
	int status;

	if (rep == NULL)
		rep = own;

	status = check_capture_each(r, c, rep, baseline_counter_each, bc,
	    &malformed, cause);
	if (status == 0)
		status = baseline_counter_flush(bc, cause);
	if (status == 0 && skipped != NULL)
		*skipped += malformed;
	baseline_counter_free(bc);
	report_free(own);
	return status;
}

rules_emoji
baseline_emoji_policy(const baseline *b, rules_emoji fallback)
{
	bool led = false, bare = false;

	if (!b->has_emoji || b->emoji_count == 0)
		return fallback;
	for (size_t i = 0; i < b->emoji_count; i++) {
		if (b->emoji[i].emoji[0] == '\0')
			bare = true;
		else
			led = true;
	}
	return !led ? EMOJI_NONE : !bare ? EMOJI_REQUIRED : EMOJI_OPTIONAL;
}

rules *
baseline_profile(const infer_format *f, baseline *b, const char *name,
    char **yaml, char **cause)
{
	char *why = NULL, *format, *base;
	lc_error err;
	rules *r;

	*yaml = NULL;
	if ((r = infer_rules(f, name, &why)) == NULL) {
		*cause = xasprintf("the profile does not build: %s", why);
		free(why);
		baseline_free(b);
		return NULL;
	}
	r->baseline = b;
	if (samples_verify(r, &err) != 0) {
		*cause = xasprintf("the profile does not hold its samples: %s",
		    err.text);
		rules_free(r);
		return NULL;
	}
	format = infer_rules_yaml(f, name);
	base = baseline_yaml(b);
	*yaml = xasprintf("%s%s", format, base);
	free(format);
	free(base);
	return r;
}
