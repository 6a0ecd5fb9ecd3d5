/* baseline: the counts of a known-good capture; see baseline.h. */
#include "learn/baseline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/emoji.h"
#include "learn/infer.h"
#include "input/source.h"
#include "judge/samples.h"
#include "util/hash.h"
#include "util/xalloc.h"

static const char *const baseline_policy_names[] = {
	"allow", "report", "fail"
};

enum { DRIFT_KEY_TEMPLATE, DRIFT_KEY_EMOJI, DRIFT_KEY_SHARE,
	DRIFT_KEY_POINTS, DRIFT_KEY_COUNT };
static const char *const drift_keys[DRIFT_KEY_COUNT] = {
	"new-template", "new-emoji", "level-share", "level-share-points"
};

enum { BASE_LAYOUT, BASE_LINES, BASE_LOG_LINES, BASE_LEVELS, BASE_EMOJI,
	BASE_TEMPLATES, BASE_SHAPES, BASE_COUNT };
static const char *const base_keys[BASE_COUNT] = {
	"layout", "lines", "log-lines", "levels", "emoji", "templates",
	"shapes"
};

enum { SHAPE_LEVEL, SHAPE_EMOJI, SHAPE_TEXT, SHAPE_KEY_COUNT };
static const char *const shape_keys[SHAPE_KEY_COUNT] = {
	"level", "emoji", "text"
};

enum { TEMPLATE_COUNT, TEMPLATE_LEVEL, TEMPLATE_EMOJI, TEMPLATE_TEXT,
	TEMPLATE_KEY_COUNT };
static const char *const template_keys[TEMPLATE_KEY_COUNT] = {
	"count", "level", "emoji", "text"
};

baseline *
baseline_new(const rules *r, const char *layout)
{
	baseline *b = xcalloc(1, sizeof *b);

	b->new_template = DRIFT_REPORT;
	b->new_emoji = DRIFT_REPORT;
	b->level_share = DRIFT_REPORT;
	b->share_points = BASELINE_SHARE_POINTS;
	b->layout = layout != NULL ? xstrdup(layout) : NULL;
	if (r != NULL) {
		b->has_levels = r->level_group != 0;
		b->has_emoji = b->has_templates = r->message_group != 0;
	}
	if (b->has_templates) {
		b->miner = templates_new(NULL);
		b->has_shapes = true;
		b->shapes = shapes_new();
	}
	return b;
}

void
baseline_free(baseline *b)
{
	if (b == NULL)
		return;
	free(b->layout);
	for (size_t i = 0; i < b->level_count; i++)
		free(b->levels[i].level);
	free(b->levels);
	for (size_t i = 0; i < b->emoji_count; i++) {
		free(b->emoji[i].level);
		free(b->emoji[i].emoji);
	}
	free(b->emoji);
	for (size_t i = 0; i < b->template_count; i++) {
		free(b->templates[i].level);
		free(b->templates[i].emoji);
		free(b->templates[i].text);
	}
	free(b->templates);
	templates_free(b->miner);
	shapes_free(b->shapes);
	free(b);
}

static bool
baseline_same(const char *s, const char *text, size_t len)
{
	return strlen(s) == len && memcmp(s, text, len) == 0;
}

/*
 * Counts never wrap: a count stops at the largest, and b->overflowed says
 * so (merge refuses such a sum).
 */
static uint64_t
baseline_sum(baseline *into, uint64_t a, uint64_t b)
{
	if (a > UINT64_MAX - b) {
		if (into != NULL)
			into->overflowed = true;
		return UINT64_MAX;
	}
	return a + b;
}

static void
baseline_count_level(baseline *b, const char *level, size_t len,
    uint64_t count)
{
	for (size_t i = 0; i < b->level_count; i++) {
		if (baseline_same(b->levels[i].level, level, len)) {
			b->levels[i].count = baseline_sum(b, b->levels[i].count,
			    count);
			return;
		}
	}
	b->levels = xreallocarray(b->levels, b->level_count + 1,
	    sizeof *b->levels);
	b->levels[b->level_count++] = (baseline_level){
		.level = xstrndup(level, len), .count = count
	};
}

static void
baseline_count_emoji(baseline *b, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, uint64_t count)
{
	for (size_t i = 0; i < b->emoji_count; i++) {
		baseline_emoji *e = &b->emoji[i];
		if (baseline_same(e->level, level, level_len) &&
		    baseline_same(e->emoji, emoji, emoji_len)) {
			e->count = baseline_sum(b, e->count, count);
			return;
		}
	}
	b->emoji = xreallocarray(b->emoji, b->emoji_count + 1,
	    sizeof *b->emoji);
	b->emoji[b->emoji_count++] = (baseline_emoji){
		.level = xstrndup(level, level_len),
		.emoji = xstrndup(emoji, emoji_len), .count = count
	};
}

void
baseline_parts_of(const char *text, const judge_result *res,
    baseline_parts *parts)
{
	const char *message = "";
	size_t message_len = 0, rest;

	*parts = (baseline_parts){ .level = "", .emoji = "", .rest = "" };
	if (res->level.off != SIZE_MAX) {
		parts->level = text + res->level.off;
		parts->level_len = res->level.len;
	}
	if (res->message.off == SIZE_MAX)
		return;
	message = text + res->message.off;
	message_len = res->message.len;
	/* As `logcompat templates` does: the emoji and its spaces apart. */
	rest = res->emoji_len;
	while (rest < message_len && message[rest] == ' ')
		rest++;
	parts->emoji = message;
	parts->emoji_len = res->emoji_len;
	parts->rest = message + rest;
	parts->rest_len = message_len - rest;
	parts->rest_at = res->message.off + rest;
}

void
baseline_add_line(baseline *b, const char *text, size_t len,
    const judge_result *res)
{
	baseline_parts p;

	(void)len;
	b->lines++;
	if (res->kind == LINE_FOREIGN)
		return;
	b->log_lines++;
	baseline_parts_of(text, res, &p);
	if (b->has_levels)
		baseline_count_level(b, p.level, p.level_len, 1);
	if (b->has_emoji)
		baseline_count_emoji(b, p.level, p.level_len, p.emoji,
		    p.emoji_len, 1);
	/* Before templates_add: shapes_add splits with the miner. */
	if (b->miner != NULL && b->shapes != NULL)
		shapes_add(b->shapes, b->miner, p.level, p.level_len, p.emoji,
		    p.emoji_len, p.rest, p.rest_len);
	if (b->miner != NULL)
		templates_add(b->miner, p.level, p.level_len, p.emoji,
		    p.emoji_len, p.rest, p.rest_len);
}

/* Judge every line of a capture by r and hand it to each(). */
static int
baseline_each_line(const rules *r, const capture *c,
    void (*each)(void *, const char *, size_t, const judge_result *),
    void *data, char **cause)
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
	baseline_add_line(data, text, len, res);
}

int
baseline_scan(baseline *b, const rules *r, const capture *c, char **cause)
{
	return baseline_each_line(r, c, baseline_scan_line, b, cause);
}

void
baseline_finish(baseline *b)
{
	templates_entry e;

	if (b->miner == NULL)
		return;
	b->templates = xcalloc(templates_count(b->miner) + 1,
	    sizeof *b->templates);
	for (size_t i = 0; templates_get(b->miner, i, &e); i++) {
		b->templates[b->template_count++] = (baseline_template){
			.level = xstrndup(e.level, e.level_len),
			.emoji = xstrndup(e.emoji, e.emoji_len),
			.text = xstrndup(e.text, e.text_len),
			.count = e.count,
		};
	}
	b->overflow = templates_overflow(b->miner);
	templates_free(b->miner);
	b->miner = NULL;
}

/* FNV-1a over a template's level, emoji and text, NULs between. */
static uint64_t
baseline_template_hash(const baseline_template *t)
{
	const char *parts[3] = { t->level, t->emoji, t->text };
	uint64_t h = HASH_SEED;

	for (size_t k = 0; k < 3; k++)
		h = hash_bytes(h, parts[k], strlen(parts[k]) + 1);
	return h;
}

static bool
baseline_template_same(const baseline_template *a, const baseline_template *b)
{
	return strcmp(a->level, b->level) == 0 &&
	    strcmp(a->emoji, b->emoji) == 0 && strcmp(a->text, b->text) == 0;
}

/*
 * Add src's templates to dst's: counts add up for the same level, emoji
 * and text.  A hash table of dst's templates (index + 1, 0 for empty)
 * makes it linear; a scan per template made merge quadratic.
 */
static void
baseline_merge_templates(baseline *dst, const baseline *src)
{
	size_t size = 16, mask, slot, total;
	uint32_t *table;

	total = dst->template_count + src->template_count;
	while (size < 2 * total)
		size *= 2;
	mask = size - 1;
	table = xcalloc(size, sizeof *table);
	dst->templates = xreallocarray(dst->templates, total + 1,
	    sizeof *dst->templates);
	for (size_t i = 0; i < dst->template_count; i++) {
		slot = baseline_template_hash(&dst->templates[i]) & mask;
		while (table[slot] != 0)
			slot = (slot + 1) & mask;
		table[slot] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < src->template_count; i++) {
		const baseline_template *t = &src->templates[i];
		baseline_template *have = NULL;

		slot = baseline_template_hash(t) & mask;
		for (; table[slot] != 0; slot = (slot + 1) & mask) {
			have = &dst->templates[table[slot] - 1];
			if (baseline_template_same(have, t))
				break;
			have = NULL;
		}
		if (have != NULL) {
			have->count = baseline_sum(dst, have->count, t->count);
			continue;
		}
		dst->templates[dst->template_count] = (baseline_template){
			.level = xstrdup(t->level), .emoji = xstrdup(t->emoji),
			.text = xstrdup(t->text), .count = t->count,
		};
		table[slot] = (uint32_t)++dst->template_count;
	}
	free(table);
}

templates *
baseline_known(const baseline *b)
{
	templates *known = templates_new(NULL);

	for (size_t i = 0; i < b->template_count; i++) {
		const baseline_template *t = &b->templates[i];
		templates_seed(known, t->level, strlen(t->level), t->emoji,
		    strlen(t->emoji), t->text, strlen(t->text), t->count);
	}
	return known;
}

void
baseline_merge(baseline *dst, const baseline *src)
{
	/* The stricter policy wins, whatever the order. */
	if (src->new_template > dst->new_template)
		dst->new_template = src->new_template;
	if (src->new_emoji > dst->new_emoji)
		dst->new_emoji = src->new_emoji;
	if (src->level_share > dst->level_share)
		dst->level_share = src->level_share;
	if (src->share_points < dst->share_points)
		dst->share_points = src->share_points;
	dst->lines = baseline_sum(dst, dst->lines, src->lines);
	dst->log_lines = baseline_sum(dst, dst->log_lines, src->log_lines);
	/* A list that one side lacks is incomplete for the other. */
	dst->has_levels = dst->has_levels && src->has_levels;
	dst->has_emoji = dst->has_emoji && src->has_emoji;
	dst->has_templates = dst->has_templates && src->has_templates;
	for (size_t i = 0; dst->has_levels && i < src->level_count; i++)
		baseline_count_level(dst, src->levels[i].level,
		    strlen(src->levels[i].level), src->levels[i].count);
	for (size_t i = 0; dst->has_emoji && i < src->emoji_count; i++) {
		const baseline_emoji *e = &src->emoji[i];
		baseline_count_emoji(dst, e->level, strlen(e->level), e->emoji,
		    strlen(e->emoji), e->count);
	}
	if (dst->has_templates)
		baseline_merge_templates(dst, src);
	dst->has_shapes = dst->has_shapes && src->has_shapes;
	if (dst->has_shapes)
		shapes_merge(dst->shapes, src->shapes);
	else {
		shapes_free(dst->shapes);
		dst->shapes = NULL;
	}
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

uint64_t
baseline_level_count(const baseline *b, const char *level, size_t len)
{
	for (size_t i = 0; i < b->level_count; i++) {
		if (baseline_same(b->levels[i].level, level, len))
			return b->levels[i].count;
	}
	return 0;
}

bool
baseline_level_known(const baseline *b, const char *level, size_t len)
{
	for (size_t i = 0; i < b->level_count; i++) {
		if (baseline_same(b->levels[i].level, level, len))
			return true;
	}
	return false;
}

/* Writing. */

bool
baseline_finding_id(const char *id)
{
	return strcmp(id, "new-template") == 0 ||
	    strcmp(id, "new-emoji") == 0 || strcmp(id, "level-share") == 0;
}

int
baseline_level_order(const char *a, const char *b)
{
	int ra = infer_level_rank(a, strlen(a));
	int rb = infer_level_rank(b, strlen(b));

	if (ra != rb)
		return ra < 0 ? 1 : rb < 0 ? -1 : ra < rb ? -1 : 1;
	return strcmp(a, b);
}

static int
baseline_count_order(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

static int
baseline_level_compare(const void *pa, const void *pb)
{
	const baseline_level *a = pa, *b = pb;

	return baseline_level_order(a->level, b->level);
}

static int
baseline_emoji_compare(const void *pa, const void *pb)
{
	const baseline_emoji *a = pa, *b = pb;
	int by;

	if ((by = baseline_level_order(a->level, b->level)) != 0 ||
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
	    (by = baseline_level_order(a->level, b->level)) != 0 ||
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
		baseline_printf(t, ": %llu", (unsigned long long)emoji[i].count);
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
	int by = baseline_level_order(a->level, b->level);

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

char *
baseline_yaml(const baseline *b)
{
	baseline_text t = { 0 };

	baseline_put(&t, "\n# Drift from the baseline below, for logcompat "
	    "check: allow, report (a\n# warning) or fail (an error).  "
	    "logcompat-rules(5) explains each.\ndrift:\n");
	baseline_printf(&t, "  new-template: %s\n  new-emoji: %s\n"
	    "  level-share: %s\n  level-share-points: %g\n",
	    baseline_policy_names[b->new_template],
	    baseline_policy_names[b->new_emoji],
	    baseline_policy_names[b->level_share], b->share_points);
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
	return t.bytes;
}

/* Loading. */

static int
baseline_load_drift(rules_loader *ld, const rules_node *n, baseline *b)
{
	const rules_node *keys[DRIFT_KEY_COUNT], *values[DRIFT_KEY_COUNT];
	baseline_policy *policies[] = {
		&b->new_template, &b->new_emoji, &b->level_share
	};
	int choice;

	if (rules_node_keys(ld, n, "'drift'", drift_keys, DRIFT_KEY_COUNT,
	    keys, values) != 0)
		return -1;
	for (size_t k = 0; k < 3; k++) {
		char what[64];

		if (values[k] == NULL)
			continue;
		snprintf(what, sizeof what, "'%s'", drift_keys[k]);
		if (rules_node_enum(ld, values[k], what, baseline_policy_names,
		    3, &choice) != 0)
			return -1;
		*policies[k] = (baseline_policy)choice;
	}
	if (values[DRIFT_KEY_POINTS] != NULL && rules_node_decimal(ld,
	    values[DRIFT_KEY_POINTS], "'level-share-points'", 100.0,
	    &b->share_points) != 0)
		return -1;
	return 0;
}

/* A mapping key that must be a string and appear once. */
static int
baseline_unique_key(rules_loader *ld, const rules_node *map, size_t i,
    const char *what, const char **text)
{
	if (rules_node_string(ld, rules_node_key(map, i), what, text) != 0)
		return -1;
	for (size_t k = 0; k < i; k++) {
		const rules_node *first = rules_node_key(map, k);
		const char *seen;
		if (rules_node_string(ld, first, what, &seen) == 0 &&
		    strcmp(seen, *text) == 0)
			return rules_node_fail(ld, rules_node_key(map, i),
			    "duplicate key '%s' (first at line %lu, column "
			    "%lu)", *text, rules_node_line(first),
			    rules_node_column(first));
	}
	return 0;
}

/* Whether level is one of the rule file's `levels`. */
static bool
baseline_in_levels(const rules *r, const char *level)
{
	for (size_t i = 0; i < r->level_count; i++) {
		if (strcmp(r->levels[i], level) == 0)
			return true;
	}
	return false;
}

/* With `levels` in the baseline, a level elsewhere must have a count. */
static int
baseline_check_counted(rules_loader *ld, const baseline *b,
    const rules_node *at, const char *level, const char *where)
{
	if (!b->has_levels || baseline_level_known(b, level, strlen(level)))
		return 0;
	return rules_node_fail(ld, at, "level '%s' of %s has no count in "
	    "'levels' of 'baseline'", level, where);
}

static int
baseline_load_levels(rules_loader *ld, const rules *r, const rules_node *n,
    baseline *b)
{
	size_t count;

	if (r->level_group == 0)
		return rules_node_fail(ld, n, "'levels' in 'baseline' needs a "
		    "named group (?<level>...) in 'line'");
	if (rules_node_map(ld, n, "'levels' in 'baseline'", &count) != 0)
		return -1;
	b->has_levels = true;
	for (size_t i = 0; i < count; i++) {
		const char *level;
		unsigned long long value;
		if (baseline_unique_key(ld, n, i, "a level in 'levels'",
		    &level) != 0 ||
		    rules_node_integer(ld, rules_node_value(n, i), "a count "
		    "in 'levels'", 0, UINT64_MAX, &value) != 0)
			return -1;
		/*
		 * A level word infer knows is in `levels:` when it was
		 * counted; other tokens and '' count lines with a level
		 * finding.
		 */
		if (r->level_count > 0 && infer_level_rank(level,
		    strlen(level)) >= 0 && !baseline_in_levels(r, level))
			return rules_node_fail(ld, rules_node_key(n, i),
			    "level '%s' in 'baseline' is not in 'levels'",
			    level);
		baseline_count_level(b, level, strlen(level), value);
	}
	return 0;
}

static int
baseline_load_emoji(rules_loader *ld, const rules *r, const rules_node *n,
    baseline *b)
{
	emoji_matcher *m;
	size_t count;
	int status = -1;

	if (r->message_group == 0)
		return rules_node_fail(ld, n, "'emoji' in 'baseline' needs a "
		    "named group (?<message>...) in 'line'");
	if (rules_node_map(ld, n, "'emoji' in 'baseline'", &count) != 0)
		return -1;
	b->has_emoji = true;
	m = emoji_matcher_new();
	for (size_t i = 0; i < count; i++) {
		const rules_node *vocab = rules_node_value(n, i);
		const char *level;
		size_t emoji_count;

		if (baseline_unique_key(ld, n, i, "a level in 'emoji'",
		    &level) != 0)
			goto out;
		if (r->level_group == 0 && level[0] != '\0') {
			rules_node_fail(ld, rules_node_key(n, i), "'line' has "
			    "no level group: the level in 'emoji' must be ''");
			goto out;
		}
		if (baseline_check_counted(ld, b, rules_node_key(n, i), level,
		    "'emoji'") != 0)
			goto out;
		if (rules_node_map(ld, vocab, "the emoji of a level",
		    &emoji_count) != 0)
			goto out;
		for (size_t k = 0; k < emoji_count; k++) {
			const char *emoji;
			unsigned long long value;
			size_t len;
			if (baseline_unique_key(ld, vocab, k, "an emoji",
			    &emoji) != 0)
				goto out;
			len = strlen(emoji);
			if (len > 0 && (m == NULL ||
			    emoji_leading(m, emoji, len) != len)) {
				rules_node_fail(ld, rules_node_key(vocab, k),
				    "'%s' is not one emoji (nor '' for "
				    "none)", emoji);
				goto out;
			}
			if (rules_node_integer(ld, rules_node_value(vocab, k),
			    "a count in 'emoji'", 1, UINT64_MAX, &value) != 0)
				goto out;
			baseline_count_emoji(b, level, strlen(level), emoji,
			    len, value);
		}
	}
	status = 0;
out:
	emoji_matcher_free(m);
	return status;
}

/*
 * A template's text must be what the miner writes: tokens of at most
 * TEMPLATES_TOKEN_MAX bytes joined by single spaces.
 */
static int
baseline_check_text(rules_loader *ld, const rules_node *n, const char *text)
{
	size_t len = strlen(text), start = 0;
	templates_options opts;

	templates_options_init(&opts);
	for (size_t i = 0, tokens = 0; i <= len; i++) {
		bool end = i == len || text[i] == ' ';
		if (i < len && strchr("\t\n\v\f\r", text[i]) != NULL)
			return rules_node_fail_inside(ld, n, i, "a template's "
			    "tokens are separated by single spaces, not other "
			    "white space");
		if (!end)
			continue;
		if (i == start && len > 0)
			return rules_node_fail_inside(ld, n, i, "a template's "
			    "tokens are separated by single spaces (an empty "
			    "token here)");
		if (i - start > TEMPLATES_TOKEN_MAX)
			return rules_node_fail_inside(ld, n, start, "a token "
			    "longer than %d bytes (the miner writes <LONG>)",
			    TEMPLATES_TOKEN_MAX);
		if (++tokens > opts.max_tokens)
			return rules_node_fail_inside(ld, n, start, "a "
			    "template has at most %u tokens", opts.max_tokens);
		start = i + 1;
	}
	return 0;
}

static int
baseline_load_template(rules_loader *ld, const rules *r, const baseline *b,
    emoji_matcher *m, const rules_node *n, baseline_template *t)
{
	const rules_node *keys[TEMPLATE_KEY_COUNT], *values[TEMPLATE_KEY_COUNT];
	const char *text;
	unsigned long long count;

	t->level = xstrdup("");
	t->emoji = xstrdup("");
	t->mark.line = rules_node_line(n);
	t->mark.column = rules_node_column(n);
	if (rules_node_keys(ld, n, "template", template_keys,
	    TEMPLATE_KEY_COUNT, keys, values) != 0)
		return -1;
	if (values[TEMPLATE_COUNT] == NULL || values[TEMPLATE_TEXT] == NULL)
		return rules_node_fail(ld, n, "missing required key '%s' in "
		    "template", values[TEMPLATE_COUNT] == NULL ? "count" :
		    "text");
	if (rules_node_integer(ld, values[TEMPLATE_COUNT], "'count'", 1,
	    UINT64_MAX, &count) != 0)
		return -1;
	t->count = count;
	if (values[TEMPLATE_LEVEL] != NULL) {
		if (r->level_group == 0)
			return rules_node_fail(ld, keys[TEMPLATE_LEVEL], "'line' "
			    "has no level group: a template has no 'level'");
		if (rules_node_string(ld, values[TEMPLATE_LEVEL], "'level'",
		    &text) != 0)
			return -1;
		free(t->level);
		t->level = xstrdup(text);
	}
	if (baseline_check_counted(ld, b, values[TEMPLATE_LEVEL] != NULL ?
	    values[TEMPLATE_LEVEL] : n, t->level, "a template") != 0)
		return -1;
	if (values[TEMPLATE_EMOJI] != NULL) {
		size_t len;
		if (rules_node_string(ld, values[TEMPLATE_EMOJI], "'emoji'",
		    &text) != 0)
			return -1;
		/* As in the emoji map: one emoji, or '' for none. */
		len = strlen(text);
		if (len > 0 && (m == NULL || emoji_leading(m, text, len) != len))
			return rules_node_fail(ld, values[TEMPLATE_EMOJI],
			    "'%s' is not one emoji (nor '' for none)", text);
		free(t->emoji);
		t->emoji = xstrdup(text);
	}
	if (rules_node_string(ld, values[TEMPLATE_TEXT], "'text'", &text) != 0 ||
	    baseline_check_text(ld, values[TEMPLATE_TEXT], text) != 0)
		return -1;
	t->text = xstrdup(text);
	return 0;
}

static int
baseline_template_identity(const void *pa, const void *pb)
{
	const baseline_template *const *a = pa, *const *b = pb;
	int by;

	if ((by = strcmp((*a)->level, (*b)->level)) != 0 ||
	    (by = strcmp((*a)->emoji, (*b)->emoji)) != 0 ||
	    (by = strcmp((*a)->text, (*b)->text)) != 0)
		return by;
	return (*a)->mark.line < (*b)->mark.line ? -1 :
	    (*a)->mark.line > (*b)->mark.line;
}

static int
baseline_load_templates(rules_loader *ld, const rules *r, const rules_node *n,
    baseline *b)
{
	baseline_template **sorted;
	emoji_matcher *m;
	size_t count;
	int status = 0;

	if (r->message_group == 0)
		return rules_node_fail(ld, n, "'templates' in 'baseline' needs "
		    "a named group (?<message>...) in 'line'");
	if (rules_node_list(ld, n, "'templates' in 'baseline'", &count) != 0)
		return -1;
	b->has_templates = true;
	b->templates = xcalloc(count + 1, sizeof *b->templates);
	m = emoji_matcher_new();
	for (size_t i = 0; i < count; i++) {
		b->template_count = i + 1;
		if (baseline_load_template(ld, r, b, m, rules_node_item(n, i),
		    &b->templates[i]) != 0) {
			emoji_matcher_free(m);
			return -1;
		}
	}
	emoji_matcher_free(m);
	/* Sorted, a repeat sits next to the template it repeats. */
	sorted = xcalloc(count + 1, sizeof *sorted);
	for (size_t i = 0; i < count; i++)
		sorted[i] = &b->templates[i];
	qsort(sorted, count, sizeof *sorted, baseline_template_identity);
	const baseline_template *repeat = NULL, *first = NULL;
	for (size_t i = 1; i < count; i++) {
		if (strcmp(sorted[i - 1]->level, sorted[i]->level) != 0 ||
		    strcmp(sorted[i - 1]->emoji, sorted[i]->emoji) != 0 ||
		    strcmp(sorted[i - 1]->text, sorted[i]->text) != 0)
			continue;
		if (repeat == NULL || sorted[i]->mark.line < repeat->mark.line) {
			repeat = sorted[i];
			first = sorted[i - 1];
		}
	}
	if (repeat != NULL)
		status = rules_node_fail(ld, rules_node_item(n,
		    (size_t)(repeat - b->templates)), "duplicate template "
		    "(first at line %lu, column %lu)", first->mark.line,
		    first->mark.column);
	free(sorted);
	return status;
}

/*
 * Counts that infer and merge write add up: the levels to log-lines, the
 * emoji of a level to its count, and the templates to at most log-lines
 * (messages past the miner's cap are in no template).
 */
static int
baseline_check_sums(rules_loader *ld, baseline *b, const rules_node *log_lines,
    const rules_node *levels, const rules_node *emoji,
    const rules_node *templates)
{
	uint64_t total = 0;

	if (levels != NULL && log_lines != NULL) {
		for (size_t i = 0; i < b->level_count; i++)
			total = baseline_sum(b, total, b->levels[i].count);
		if (b->overflowed || total != b->log_lines)
			return rules_node_fail(ld, levels, "the counts of "
			    "'levels' add up to %s%llu, not to 'log-lines' "
			    "(%llu)", b->overflowed ? "more than " : "",
			    (unsigned long long)total,
			    (unsigned long long)b->log_lines);
	}
	if (levels != NULL && emoji != NULL) {
		for (size_t i = 0; i < b->level_count; i++) {
			const baseline_level *l = &b->levels[i];
			uint64_t led = 0;
			bool listed = false;
			for (size_t k = 0; k < b->emoji_count; k++) {
				if (strcmp(b->emoji[k].level, l->level) != 0)
					continue;
				listed = true;
				led = baseline_sum(b, led, b->emoji[k].count);
			}
			if ((listed || l->count > 0) && (b->overflowed ||
			    led != l->count))
				return rules_node_fail(ld, emoji, "the emoji "
				    "counts of level '%s' add up to %llu, not "
				    "to its count in 'levels' (%llu)", l->level,
				    (unsigned long long)led,
				    (unsigned long long)l->count);
		}
	}
	if (templates != NULL && log_lines != NULL) {
		total = 0;
		for (size_t i = 0; i < b->template_count; i++)
			total = baseline_sum(b, total, b->templates[i].count);
		if (b->overflowed || total > b->log_lines)
			return rules_node_fail(ld, templates, "the counts of "
			    "'templates' add up to %s%llu, more than "
			    "'log-lines' (%llu)", b->overflowed ? "more than "
			    : "", (unsigned long long)total,
			    (unsigned long long)b->log_lines);
	}
	return 0;
}

static int
baseline_load_shape(rules_loader *ld, const rules *r, const baseline *b,
    emoji_matcher *m, const rules_node *n)
{
	const rules_node *keys[SHAPE_KEY_COUNT], *values[SHAPE_KEY_COUNT];
	const char *level = "", *emoji = "", *text, *cause;
	size_t at;
	int got;

	if (rules_node_keys(ld, n, "shape", shape_keys, SHAPE_KEY_COUNT, keys,
	    values) != 0)
		return -1;
	if (values[SHAPE_TEXT] == NULL)
		return rules_node_fail(ld, n, "missing required key 'text' in "
		    "shape");
	if (values[SHAPE_LEVEL] != NULL) {
		if (r->level_group == 0)
			return rules_node_fail(ld, keys[SHAPE_LEVEL], "'line' "
			    "has no level group: a shape has no 'level'");
		if (rules_node_string(ld, values[SHAPE_LEVEL], "'level'",
		    &level) != 0)
			return -1;
	}
	if (baseline_check_counted(ld, b, values[SHAPE_LEVEL] != NULL ?
	    values[SHAPE_LEVEL] : n, level, "a shape") != 0)
		return -1;
	if (values[SHAPE_EMOJI] != NULL) {
		size_t len;
		if (rules_node_string(ld, values[SHAPE_EMOJI], "'emoji'",
		    &emoji) != 0)
			return -1;
		len = strlen(emoji);
		if (len > 0 && emoji_leading(m, emoji, len) != len)
			return rules_node_fail(ld, values[SHAPE_EMOJI],
			    "'%s' is not one emoji (nor '' for none)", emoji);
	}
	if (rules_node_string(ld, values[SHAPE_TEXT], "'text'", &text) != 0)
		return -1;
	got = shapes_add_text(b->shapes, level, emoji, text, &at, &cause);
	if (got < 0)
		return rules_node_fail_inside(ld, values[SHAPE_TEXT], at, "%s",
		    cause);
	if (got > 0)
		return rules_node_fail(ld, n, "duplicate shape: another has "
		    "the same level, emoji, token count and first token");
	return 0;
}

static int
baseline_load_shapes(rules_loader *ld, const rules *r, const rules_node *n,
    baseline *b)
{
	emoji_matcher *m;
	size_t count;

	if (r->message_group == 0)
		return rules_node_fail(ld, n, "'shapes' in 'baseline' needs "
		    "a named group (?<message>...) in 'line'");
	if (rules_node_list(ld, n, "'shapes' in 'baseline'", &count) != 0)
		return -1;
	if (count > SHAPES_MAX)
		return rules_node_fail(ld, rules_node_item(n, SHAPES_MAX),
		    "more than %d shapes (the cap of a profile)", SHAPES_MAX);
	b->has_shapes = true;
	b->shapes = shapes_new();
	m = emoji_matcher_new();
	for (size_t i = 0; i < count; i++) {
		if (baseline_load_shape(ld, r, b, m, rules_node_item(n, i))
		    != 0) {
			emoji_matcher_free(m);
			return -1;
		}
	}
	emoji_matcher_free(m);
	if (count == SHAPES_MAX)
		shapes_set_capped(b->shapes);
	return 0;
}

static int
baseline_load_base(rules_loader *ld, const rules *r, const rules_node *n,
    baseline *b)
{
	const rules_node *keys[BASE_COUNT], *values[BASE_COUNT];
	unsigned long long value;
	const char *text;

	if (rules_node_keys(ld, n, "'baseline'", base_keys, BASE_COUNT, keys,
	    values) != 0)
		return -1;
	if (values[BASE_LAYOUT] != NULL) {
		if (rules_node_string(ld, values[BASE_LAYOUT], "'layout'",
		    &text) != 0)
			return -1;
		b->layout = xstrdup(text);
	}
	if (values[BASE_LINES] != NULL) {
		if (rules_node_integer(ld, values[BASE_LINES], "'lines'", 0,
		    UINT64_MAX, &value) != 0)
			return -1;
		b->lines = value;
	}
	if (values[BASE_LOG_LINES] != NULL) {
		if (rules_node_integer(ld, values[BASE_LOG_LINES],
		    "'log-lines'", 0, UINT64_MAX, &value) != 0)
			return -1;
		b->log_lines = value;
		if (values[BASE_LINES] != NULL && b->log_lines > b->lines)
			return rules_node_fail(ld, values[BASE_LOG_LINES],
			    "'log-lines' (%llu) is more than 'lines' (%llu)",
			    (unsigned long long)b->log_lines,
			    (unsigned long long)b->lines);
	}
	if (values[BASE_LEVELS] != NULL &&
	    baseline_load_levels(ld, r, values[BASE_LEVELS], b) != 0)
		return -1;
	if (values[BASE_EMOJI] != NULL &&
	    baseline_load_emoji(ld, r, values[BASE_EMOJI], b) != 0)
		return -1;
	if (values[BASE_TEMPLATES] != NULL &&
	    baseline_load_templates(ld, r, values[BASE_TEMPLATES], b) != 0)
		return -1;
	if (values[BASE_SHAPES] != NULL &&
	    baseline_load_shapes(ld, r, values[BASE_SHAPES], b) != 0)
		return -1;
	return baseline_check_sums(ld, b, values[BASE_LOG_LINES],
	    values[BASE_LEVELS], values[BASE_EMOJI], values[BASE_TEMPLATES]);
}

int
baseline_load(rules_loader *ld, const rules *r, const rules_node *drift_key,
    const rules_node *drift, const rules_node *base, baseline **out)
{
	baseline *b = baseline_new(NULL, NULL);

	*out = NULL;
	if (base == NULL) {
		baseline_free(b);
		return rules_node_fail(ld, drift_key, "'drift' needs "
		    "'baseline', the counts that drift is judged against");
	}
	if ((drift != NULL && baseline_load_drift(ld, drift, b) != 0) ||
	    baseline_load_base(ld, r, base, b) != 0) {
		baseline_free(b);
		return -1;
	}
	*out = b;
	return 0;
}

char *
baseline_profile_yaml(const infer_format *f, const baseline *b,
    const char *name, char **cause)
{
	char *format = infer_rules_yaml(f, name), *base = baseline_yaml(b);
	char *yaml = xasprintf("%s%s", format, base);
	lc_error err;
	rules *r;

	free(format);
	free(base);
	r = rules_load_text(name, yaml, strlen(yaml), &err);
	if (r != NULL && samples_verify(r, &err) != 0) {
		rules_free(r);
		r = NULL;
	}
	if (r == NULL) {
		*cause = xasprintf("the profile written does not load: %s:%lu:"
		    "%lu: %s", name, err.line, err.column, err.text);
		free(yaml);
		return NULL;
	}
	rules_free(r);
	return yaml;
}
