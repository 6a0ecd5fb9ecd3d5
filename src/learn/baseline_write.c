/* baseline_write: a baseline as YAML; see baseline_write.h. */
#include "learn/baseline_write.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decode/levels.h"
#include "decode/rules_keys.h"
#include "learn/infer.h"
#include "util/xalloc.h"

static int
baseline_count_order(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

static int
baseline_level_compare(const void *pa, const void *pb)
{
	const baseline_level *a = pa, *b = pb;

	return levels_order(a->level, b->level);
}

static int
baseline_emoji_compare(const void *pa, const void *pb)
{
	const baseline_emoji *a = pa, *b = pb;
	int by;

	if ((by = levels_order(a->level, b->level)) != 0 ||
	    (by = baseline_count_order(a->count, b->count)) != 0)
		return by;
	return strcmp(a->emoji, b->emoji);
}

static int
baseline_template_compare(const void *pa, const void *pb)
{
	const baseline_template *a = pa, *b = pb;
	int by;

	if ((by = baseline_count_order(a->count, b->count)) != 0 ||
	    (by = levels_order(a->level, b->level)) != 0 ||
	    (by = strcmp(a->emoji, b->emoji)) != 0)
		return by;
	return strcmp(a->text, b->text);
}

/* A growing string. */
typedef struct {
	char *bytes;
	size_t len, cap;
} baseline_text;

static void
baseline_put(baseline_text *t, const char *s)
{
	size_t len = strlen(s);

	if (t->len + len + 1 > t->cap) {
		while (t->len + len + 1 > t->cap)
			t->cap = t->cap ? 2 * t->cap : 1024;
		t->bytes = xrealloc(t->bytes, t->cap);
	}
	memcpy(t->bytes + t->len, s, len + 1);
	t->len += len;
}

/* Put s quoted as a YAML scalar. */
static void
baseline_put_scalar(baseline_text *t, const char *s)
{
	char *quoted = infer_yaml_scalar(s);

	baseline_put(t, quoted);
	free(quoted);
}

static void __attribute__((format(printf, 2, 3)))
baseline_printf(baseline_text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	baseline_put(t, s);
	free(s);
}

static void
baseline_write_levels(baseline_text *t, const baseline *b)
{
	baseline_level *levels = xcalloc(b->level_count + 1, sizeof *levels);
	uint64_t total = 0;

	if (b->level_count > 0)
		memcpy(levels, b->levels, b->level_count * sizeof *levels);
	qsort(levels, b->level_count, sizeof *levels, baseline_level_compare);
	for (size_t i = 0; i < b->level_count; i++)
		total = baseline_sum(NULL, total, levels[i].count);
	baseline_put(t, b->level_count > 0 ? "  levels:\n" : "  levels: {}\n");
	for (size_t i = 0; i < b->level_count; i++) {
		baseline_put(t, "    ");
		baseline_put_scalar(t, levels[i].level);
		baseline_printf(t, ": %llu    # %.1f%%\n",
		    (unsigned long long)levels[i].count, total == 0 ? 0.0 :
		    100.0 * (double)levels[i].count / (double)total);
	}
	free(levels);
}

static void
baseline_write_emoji(baseline_text *t, const baseline *b)
{
	baseline_emoji *emoji = xcalloc(b->emoji_count + 1, sizeof *emoji);

	if (b->emoji_count > 0)
		memcpy(emoji, b->emoji, b->emoji_count * sizeof *emoji);
	qsort(emoji, b->emoji_count, sizeof *emoji, baseline_emoji_compare);
	baseline_put(t, b->emoji_count > 0 ? "  emoji:\n" : "  emoji: {}\n");
	for (size_t i = 0; i < b->emoji_count; i++) {
		bool first = i == 0 ||
		    strcmp(emoji[i - 1].level, emoji[i].level) != 0;
		bool last = i + 1 == b->emoji_count ||
		    strcmp(emoji[i + 1].level, emoji[i].level) != 0;
		if (first) {
			baseline_put(t, "    ");
			baseline_put_scalar(t, emoji[i].level);
			baseline_put(t, ": { ");
		} else
			baseline_put(t, ", ");
		baseline_put_scalar(t, emoji[i].emoji);
		baseline_printf(t, ": %llu", (unsigned long
		    long)emoji[i].count);
		if (last)
			baseline_put(t, " }\n");
	}
	free(emoji);
}

static void
baseline_write_templates(baseline_text *t, const baseline *b)
{
	baseline_template *list = xcalloc(b->template_count + 1,
	    sizeof *list);

	if (b->template_count > 0)
		memcpy(list, b->templates, b->template_count * sizeof *list);
	qsort(list, b->template_count, sizeof *list,
	    baseline_template_compare);
	if (b->overflow > 0 && b->has_shapes)
		baseline_printf(t, "  # %llu log line%s no template: the "
		    "miner's cap of templates was\n  # reached.  check "
		    "judges new templates by the shapes above.\n",
		    (unsigned long long)b->overflow,
		    b->overflow == 1 ? " fits" : "s fit");
	else if (b->overflow > 0)
		baseline_printf(t, "  # %llu log line%s no template: the "
		    "miner's cap of templates was\n  # reached.  check "
		    "reports such lines as new-template findings, one\n  # "
		    "per template they form among themselves (at most 10000 "
		    "per stream).\n", (unsigned long long)b->overflow,
		    b->overflow == 1 ? " fits" : "s fit");
	baseline_put(t, b->template_count > 0 ? "  templates:\n" :
	    "  templates: []\n");
	for (size_t i = 0; i < b->template_count; i++) {
		baseline_printf(t, "    - { count: %llu",
		    (unsigned long long)list[i].count);
		if (list[i].level[0] != '\0') {
			baseline_put(t, ", level: ");
			baseline_put_scalar(t, list[i].level);
		}
		if (list[i].emoji[0] != '\0') {
			baseline_put(t, ", emoji: ");
			baseline_put_scalar(t, list[i].emoji);
		}
		baseline_put(t, ", text: ");
		baseline_put_scalar(t, list[i].text);
		baseline_put(t, " }\n");
	}
	free(list);
}

typedef struct {
	const char *level, *emoji;
	char *text;
} baseline_shape;

static int
baseline_shape_compare(const void *pa, const void *pb)
{
	const baseline_shape *a = pa, *b = pb;
	int by = levels_order(a->level, b->level);

	if (by == 0)
		by = strcmp(a->emoji, b->emoji);
	return by != 0 ? by : strcmp(a->text, b->text);
}

static void
baseline_write_shapes(baseline_text *t, const baseline *b)
{
	size_t count = shapes_count(b->shapes);
	baseline_shape *list = xcalloc(count + 1, sizeof *list);

	for (size_t i = 0; i < count; i++)
		shapes_get(b->shapes, i, &list[i].level, &list[i].emoji,
		    &list[i].text);
	qsort(list, count, sizeof *list, baseline_shape_compare);
	if (shapes_capped(b->shapes) || count == SHAPES_MAX)
		baseline_printf(t, "  # The cap of %d shapes was reached: "
		    "messages of other shapes\n  # were left out, and check "
		    "reports them as new templates.\n", SHAPES_MAX);
	baseline_put(t, count > 0 ? "  shapes:\n" : "  shapes: []\n");
	for (size_t i = 0; i < count; i++) {
		const char *sep = "";
		baseline_put(t, "    - { ");
		if (list[i].level[0] != '\0') {
			baseline_put(t, "level: ");
			baseline_put_scalar(t, list[i].level);
			sep = ", ";
		}
		if (list[i].emoji[0] != '\0') {
			baseline_printf(t, "%semoji: ", sep);
			baseline_put_scalar(t, list[i].emoji);
			sep = ", ";
		}
		baseline_printf(t, "%stext: ", sep);
		baseline_put_scalar(t, list[i].text);
		baseline_put(t, " }\n");
		free(list[i].text);
	}
	free(list);
}

/*
 * Each key with its count and its types as `keys` names them: "number"
 * takes integers in.
 */
static void
baseline_write_keys(baseline_text *t, const baseline *b)
{
	baseline_put(t, b->key_count > 0 ? "  keys:\n" : "  keys: {}\n");
	for (size_t i = 0; i < b->key_count; i++) {
		const baseline_keystat *k = &b->keys[i];
		unsigned left = k->types;
		size_t named = 0;
		baseline_put(t, "    ");
		baseline_put_scalar(t, k->name);
		baseline_printf(t, ": { count: %llu",
		    (unsigned long long)k->count);
		for (size_t y = 0; y < RULES_TYPE_COUNT; y++) {
			unsigned bits = rules_type_allows(y);
			if ((left & bits) == 0 ||
			    (bits & ~RULES_TYPE_INTEGER & ~left) != 0)
				continue;
			left &= ~bits;
			baseline_printf(t, "%s%s", named++ == 0 ?
			    ", type: [" : ", ", rules_type_name(y));
		}
		baseline_put(t, named > 0 ? "] }\n" : " }\n");
	}
}

char *
baseline_yaml(const baseline *b)
{
	baseline_text t = { 0 };

	baseline_put(&t, "\n# Drift from the baseline below, for logcompat "
	    "check: allow, report (a\n# warning) or fail (an error).  "
	    "logcompat-rules(5) explains each.\ndrift:\n");
	baseline_printf(&t, "  new-template: %s\n  new-emoji: %s\n"
	    "  level-share: %s\n  level-share-points: %g\n",
	    baseline_policy_name(b->new_template),
	    baseline_policy_name(b->new_emoji),
	    baseline_policy_name(b->level_share), b->share_points);
	if (b->has_keys)
		baseline_printf(&t, "  new-key: %s\n  key-gone: %s\n",
		    baseline_policy_name(b->new_key),
		    baseline_policy_name(b->key_gone));
	baseline_put(&t, "\n# What the known-good capture held.  Counts are "
	    "of the lines of every\n# stream (a line written to both counts "
	    "twice); logcompat merge adds\n# them up.\nbaseline:\n");
	if (b->layout != NULL) {
		baseline_put(&t, "  layout: ");
		baseline_put_scalar(&t, b->layout);
		baseline_put(&t, "\n");
	}
	baseline_printf(&t, "  lines: %llu\n  log-lines: %llu\n",
	    (unsigned long long)b->lines, (unsigned long long)b->log_lines);
	if (b->has_levels)
		baseline_write_levels(&t, b);
	if (b->has_emoji)
		baseline_write_emoji(&t, b);
	if (b->has_shapes && b->shapes != NULL)
		baseline_write_shapes(&t, b);
	if (b->has_templates)
		baseline_write_templates(&t, b);
	if (b->has_keys)
		baseline_write_keys(&t, b);
	return t.bytes;
}
