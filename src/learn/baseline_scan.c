/* baseline_scan: counting captures into a baseline; see baseline_scan.h. */
#include "learn/baseline_scan.h"

#include <stdlib.h>
#include <string.h>

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

/* Judge every line of a capture by r and hand it to each(). */
static int
baseline_each_line(const rules *r, const capture *c,
    void (*each)(void *, const char *, size_t, const judge_result *),
    void *data, uint64_t *skipped, char **cause)
{
	judge *j = judge_new(r);
	judge_result res = { 0 };
	lc_line line;
	int got = 0;

	for (size_t i = 0; i < c->source_count && got >= 0; i++) {
		/* A source, not a file: a container log holds two streams. */
		source_reader *reader = source_open(&c->sources[i],
		    r->max_line, false, cause);
		if (reader == NULL) {
			got = -1;
			break;
		}
		while ((got = source_next(reader, &line, NULL, cause)) > 0) {
			judge_line(j, NULL, line.text, line.len,
			    c->sources[i].stream, &res);
			each(data, line.text, line.len, &res);
		}
		/* Once: both streams' readers of a container log see them. */
		if (i == 0 && skipped != NULL)
			*skipped += source_skipped(reader);
		source_close(reader);
	}
	judge_result_free(&res);
	judge_free(j);
	return got < 0 ? -1 : 0;
}

static void
baseline_scan_line(void *data, const char *text, size_t len,
    const judge_result *res)
{
	baseline_parts p;

	(void)len;
	if (res->kind == LINE_FOREIGN) {
		baseline_add_line(data, NULL);
		return;
	}
	drift_parts_of(text, res, &p);
	baseline_add_line(data, &p);
}

int
baseline_scan(baseline *b, const rules *r, const capture *c,
    uint64_t *skipped, char **cause)
{
	return baseline_each_line(r, c, baseline_scan_line, b, skipped, cause);
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
