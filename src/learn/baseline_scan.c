/* baseline_scan: counting captures into a baseline; see baseline_scan.h. */
#include "learn/baseline_scan.h"

#include <stdlib.h>
#include <string.h>

#include "decode/continuation.h"
#include "input/source.h"
#include "judge/drift.h"
#include "judge/judge.h"
#include "judge/samples.h"
#include "learn/baseline_write.h"
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
 * Judge every record of a capture by r (a line, or a line and the lines
 * that continue it under r's continuation) and hand it to each().
 */
static int
baseline_each_record(const rules *r, const capture *c,
    void (*each)(void *, const lc_record *, const judge_result *),
    void *data, uint64_t *skipped, char **cause)
{
	judge *j = judge_new(r);
	judge_result res = { 0 };
	continuation *cont = continuation_new(r);
	lc_record rec;
	int got = 0;

	for (size_t i = 0; i < c->source_count && got >= 0; i++) {
		/* A source, not a file: a container log holds two streams. */
		source_reader *reader = source_open(&c->sources[i],
		    r->max_line, false, cause);
		if (reader == NULL) {
			got = -1;
			break;
		}
		if (cont != NULL)
			source_set_continuation(reader, continuation_continues,
			    cont);
		while ((got = cont != NULL ? source_next_record(reader, &rec,
		    NULL, cause) : source_next_line_record(reader, &rec, NULL,
		    cause)) > 0) {
			judge_record(j, NULL, &rec, c->sources[i].stream, &res);
			each(data, &rec, &res);
		}
		/* Once: both streams' readers of a container log see them. */
		if (i == 0 && skipped != NULL)
			*skipped += source_skipped(reader);
		source_close(reader);
	}
	continuation_free(cont);
	judge_result_free(&res);
	judge_free(j);
	return got < 0 ? -1 : 0;
}

/*
 * A record is one log line (its level, emoji and template, as check's
 * drift counts it) and its other lines are lines, so that 'lines' is every
 * line read and the levels still add up to 'log-lines'.
 */
static void
baseline_scan_record(void *data, const lc_record *rec,
    const judge_result *res)
{
	baseline *b = data;
	baseline_parts p;

	if (res->kind == LINE_FOREIGN)
		baseline_add_line(b, NULL);
	else {
		drift_parts_of(rec->text, res, &p);
		baseline_add_line(b, &p);
	}
	b->lines += rec->line_count - 1;
}

int
baseline_scan(baseline *b, const rules *r, const capture *c,
    uint64_t *skipped, char **cause)
{
	return baseline_each_record(r, c, baseline_scan_record, b, skipped,
	    cause);
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
