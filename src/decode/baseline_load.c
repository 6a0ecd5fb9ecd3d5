/* baseline_load: the `drift` and `baseline` keys; see baseline_load.h. */
#include "decode/baseline_load.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/emoji.h"
#include "decode/levels.h"
#include "decode/rules_keys.h"
#include "util/xalloc.h"

static const char *const policy_names[] = { "allow", "report", "fail" };

/* The policies first, in the order of their fields in baseline_load_drift. */
enum { DRIFT_KEY_TEMPLATE, DRIFT_KEY_EMOJI, DRIFT_KEY_SHARE,
	DRIFT_KEY_NEW_KEY, DRIFT_KEY_KEY_GONE, DRIFT_KEY_POINTS,
	DRIFT_KEY_COUNT };
static const char *const drift_keys[DRIFT_KEY_COUNT] = {
	"new-template", "new-emoji", "level-share", "new-key", "key-gone",
	"level-share-points"
};

enum { BASE_LAYOUT, BASE_LINES, BASE_LOG_LINES, BASE_LEVELS, BASE_EMOJI,
	BASE_TEMPLATES, BASE_SHAPES, BASE_KEYS, BASE_COUNT };
static const char *const base_keys[BASE_COUNT] = {
	"layout", "lines", "log-lines", "levels", "emoji", "templates",
	"shapes", "keys"
};

enum { KEYSTAT_COUNT, KEYSTAT_TYPE, KEYSTAT_KEY_COUNT };
static const char *const keystat_keys[KEYSTAT_KEY_COUNT] = {
	"count", "type"
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

static int
baseline_load_drift(yamldoc *doc, const yamldoc_node *n, baseline *b)
{
	const yamldoc_node *keys[DRIFT_KEY_COUNT], *values[DRIFT_KEY_COUNT];
	baseline_policy *policies[] = {
		&b->new_template, &b->new_emoji, &b->level_share, &b->new_key,
		&b->key_gone
	};
	int choice;

	if (yamldoc_keys(doc, n, "'drift'", drift_keys, DRIFT_KEY_COUNT,
	    keys, values) != 0)
		return -1;
	for (size_t k = 0; k < DRIFT_KEY_POINTS; k++) {
		char what[64];

		if (values[k] == NULL)
			continue;
		snprintf(what, sizeof what, "'%s'", drift_keys[k]);
		if (yamldoc_enum(doc, values[k], what, policy_names,
		    3, &choice) != 0)
			return -1;
		*policies[k] = (baseline_policy)choice;
	}
	if (values[DRIFT_KEY_POINTS] != NULL && yamldoc_decimal(doc,
	    values[DRIFT_KEY_POINTS], "'level-share-points'", 100.0,
	    &b->share_points) != 0)
		return -1;
	return 0;
}

/* A key of a map, for finding repeats. */
typedef struct {
	const char *text;
	size_t index;
} baseline_key;

static int
baseline_key_compare(const void *pa, const void *pb)
{
	const baseline_key *a = pa, *b = pb;
	int by = strcmp(a->text, b->text);

	if (by != 0)
		return by;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * For each key of a map that repeats an earlier one, the index of its
 * first; SIZE_MAX for the others.  One sort, so that a profile of many
 * levels loads in n log n (a scan per key made it quadratic).  Keys that
 * are not strings are left out: yamldoc_string fails on them first.
 */
static size_t *
baseline_repeats(const yamldoc_node *map, size_t count)
{
	size_t *repeats = xcalloc(count + 1, sizeof *repeats);
	baseline_key *keys = xcalloc(count + 1, sizeof *keys);
	size_t kept = 0;

	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *key = yamldoc_key(map, i);
		repeats[i] = SIZE_MAX;
		if (key->kind == YAMLDOC_SCALAR && !yamldoc_is_null(key) &&
		    memchr(key->text, '\0', key->len) == NULL)
			keys[kept++] = (baseline_key){ key->text, i };
	}
	qsort(keys, kept, sizeof *keys, baseline_key_compare);
	for (size_t i = 1, first = 0; i < kept; i++) {
		if (strcmp(keys[i - 1].text, keys[i].text) != 0)
			first = i;
		else
			repeats[keys[i].index] = keys[first].index;
	}
	free(keys);
	return repeats;
}

/* A mapping key that must be a string and appear once (see above). */
static int
baseline_unique_key(yamldoc *doc, const yamldoc_node *map, size_t i,
    const size_t *repeats, const char *what, const char **text)
{
	const yamldoc_node *first;

	if (yamldoc_string(doc, yamldoc_key(map, i), what, text) != 0)
		return -1;
	if (repeats[i] == SIZE_MAX)
		return 0;
	first = yamldoc_key(map, repeats[i]);
	return yamldoc_fail(doc, yamldoc_key(map, i), "duplicate key '%s' "
	    "(first at line %lu, column %lu)", *text, first->mark.line,
	    first->mark.column);
}

/* Whether level is one of the rule file's `levels`. */
static bool
baseline_in_levels(const baseline_schema *r, const char *level)
{
	for (size_t i = 0; i < r->level_count; i++) {
		if (strcmp(r->levels[i], level) == 0)
			return true;
	}
	return false;
}

/* With `levels` in the baseline, a level elsewhere must have a count. */
static int
baseline_check_counted(yamldoc *doc, const baseline *b,
    const yamldoc_node *at, const char *level, const char *where)
{
	if (!b->has_levels || baseline_level_known(b, level, strlen(level)))
		return 0;
	return yamldoc_fail(doc, at, "level '%s' of %s has no count in "
	    "'levels' of 'baseline'", level, where);
}

static int
baseline_load_levels(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *n, baseline *b)
{
	size_t count, *repeats;
	int status = -1;

	if (!r->fields.level)
		return yamldoc_fail(doc, n, "'levels' in 'baseline' needs a "
		    "named group (?<level>...) in 'line'");
	if (yamldoc_map(doc, n, "'levels' in 'baseline'", &count) != 0)
		return -1;
	b->has_levels = true;
	repeats = baseline_repeats(n, count);
	for (size_t i = 0; i < count; i++) {
		const char *level;
		unsigned long long value;
		if (baseline_unique_key(doc, n, i, repeats,
		    "a level in 'levels'", &level) != 0 ||
		    yamldoc_integer(doc, yamldoc_value(n, i), "a count "
		    "in 'levels'", 0, UINT64_MAX, &value) != 0)
			goto out;
		/*
		 * A level word infer knows is in `levels:` when it was
		 * counted; other tokens and '' count lines with a level
		 * finding.
		 */
		if (r->level_count > 0 && levels_rank(level,
		    strlen(level)) >= 0 && !baseline_in_levels(r, level)) {
			yamldoc_fail(doc, yamldoc_key(n, i),
			    "level '%s' in 'baseline' is not in 'levels'",
			    level);
			goto out;
		}
		baseline_count_level(b, level, strlen(level), value);
	}
	status = 0;
out:
	free(repeats);
	return status;
}

static int
baseline_load_emoji(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *n, baseline *b)
{
	emoji_matcher *m;
	size_t count, *repeats, *emoji_repeats = NULL;
	int status = -1;

	if (!r->fields.message)
		return yamldoc_fail(doc, n, "'emoji' in 'baseline' needs a "
		    "named group (?<message>...) in 'line'");
	if (yamldoc_map(doc, n, "'emoji' in 'baseline'", &count) != 0)
		return -1;
	b->has_emoji = true;
	m = emoji_matcher_new();
	repeats = baseline_repeats(n, count);
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *vocab = yamldoc_value(n, i);
		const char *level;
		size_t emoji_count;

		if (baseline_unique_key(doc, n, i, repeats,
		    "a level in 'emoji'", &level) != 0)
			goto out;
		if (!r->fields.level && level[0] != '\0') {
			yamldoc_fail(doc, yamldoc_key(n, i), "'line' has "
			    "no level group: the level in 'emoji' must be ''");
			goto out;
		}
		if (baseline_check_counted(doc, b, yamldoc_key(n, i), level,
		    "'emoji'") != 0)
			goto out;
		if (yamldoc_map(doc, vocab, "the emoji of a level",
		    &emoji_count) != 0)
			goto out;
		free(emoji_repeats);
		emoji_repeats = baseline_repeats(vocab, emoji_count);
		for (size_t k = 0; k < emoji_count; k++) {
			const char *emoji;
			unsigned long long value;
			size_t len;
			if (baseline_unique_key(doc, vocab, k, emoji_repeats,
			    "an emoji", &emoji) != 0)
				goto out;
			len = strlen(emoji);
			if (len > 0 && (m == NULL ||
			    emoji_leading(m, emoji, len) != len)) {
				yamldoc_fail(doc, yamldoc_key(vocab, k),
				    "'%s' is not one emoji (nor '' for "
				    "none)", emoji);
				goto out;
			}
			if (yamldoc_integer(doc, yamldoc_value(vocab, k),
			    "a count in 'emoji'", 1, UINT64_MAX, &value) != 0)
				goto out;
			baseline_count_emoji(b, level, strlen(level), emoji,
			    len, value);
		}
	}
	status = 0;
out:
	free(repeats);
	free(emoji_repeats);
	emoji_matcher_free(m);
	return status;
}

/*
 * A template's text must be what the miner writes: tokens of at most
 * TEMPLATES_TOKEN_MAX bytes joined by single spaces.
 */
static int
baseline_check_text(yamldoc *doc, const yamldoc_node *n, const char *text)
{
	size_t len = strlen(text), start = 0;
	templates_options opts;

	templates_options_init(&opts);
	for (size_t i = 0, tokens = 0; i <= len; i++) {
		bool end = i == len || text[i] == ' ';
		if (i < len && strchr("\t\n\v\f\r", text[i]) != NULL)
			return yamldoc_fail_inside(doc, n, i, NULL, "a "
			    "template's tokens are separated by single spaces, "
			    "not other white space");
		if (!end)
			continue;
		if (i == start && len > 0)
			return yamldoc_fail_inside(doc, n, i, NULL, "a "
			    "template's tokens are separated by single spaces "
			    "(an empty token here)");
		if (i - start > TEMPLATES_TOKEN_MAX)
			return yamldoc_fail_inside(doc, n, start, NULL, "a "
			    "token longer than %d bytes (the miner writes "
			    "<LONG>)", TEMPLATES_TOKEN_MAX);
		if (++tokens > opts.max_tokens)
			return yamldoc_fail_inside(doc, n, start, NULL, "a "
			    "template has at most %u tokens", opts.max_tokens);
		start = i + 1;
	}
	return 0;
}

static int
baseline_load_template(yamldoc *doc, const baseline_schema *r,
    const baseline *b, emoji_matcher *m, const yamldoc_node *n,
    baseline_template *t)
{
	const yamldoc_node *keys[TEMPLATE_KEY_COUNT],
	    *values[TEMPLATE_KEY_COUNT];
	const char *text;
	unsigned long long count;

	t->level = xstrdup("");
	t->emoji = xstrdup("");
	t->mark = n->mark;
	if (yamldoc_keys(doc, n, "template", template_keys,
	    TEMPLATE_KEY_COUNT, keys, values) != 0)
		return -1;
	if (values[TEMPLATE_COUNT] == NULL || values[TEMPLATE_TEXT] == NULL)
		return yamldoc_fail(doc, n, "missing required key '%s' in "
		    "template", values[TEMPLATE_COUNT] == NULL ? "count" :
		    "text");
	if (yamldoc_integer(doc, values[TEMPLATE_COUNT], "'count'", 1,
	    UINT64_MAX, &count) != 0)
		return -1;
	t->count = count;
	if (values[TEMPLATE_LEVEL] != NULL) {
		if (!r->fields.level)
			return yamldoc_fail(doc, keys[TEMPLATE_LEVEL], "'line' "
			    "has no level group: a template has no 'level'");
		if (yamldoc_string(doc, values[TEMPLATE_LEVEL], "'level'",
		    &text) != 0)
			return -1;
		free(t->level);
		t->level = xstrdup(text);
	}
	if (baseline_check_counted(doc, b, values[TEMPLATE_LEVEL] != NULL ?
	    values[TEMPLATE_LEVEL] : n, t->level, "a template") != 0)
		return -1;
	if (values[TEMPLATE_EMOJI] != NULL) {
		size_t len;
		if (yamldoc_string(doc, values[TEMPLATE_EMOJI], "'emoji'",
		    &text) != 0)
			return -1;
		/* As in the emoji map: one emoji, or '' for none. */
		len = strlen(text);
		if (len > 0 && (m == NULL || emoji_leading(m, text, len) !=
		    len))
			return yamldoc_fail(doc, values[TEMPLATE_EMOJI],
			    "'%s' is not one emoji (nor '' for none)", text);
		free(t->emoji);
		t->emoji = xstrdup(text);
	}
	if (yamldoc_string(doc, values[TEMPLATE_TEXT], "'text'", &text) != 0 ||
	    baseline_check_text(doc, values[TEMPLATE_TEXT], text) != 0)
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
baseline_load_templates(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *n, baseline *b)
{
	baseline_template **sorted;
	emoji_matcher *m;
	size_t count;
	int status = 0;

	if (!r->fields.message)
		return yamldoc_fail(doc, n, "'templates' in 'baseline' needs "
		    "a named group (?<message>...) in 'line'");
	if (yamldoc_list(doc, n, "'templates' in 'baseline'", &count) != 0)
		return -1;
	b->has_templates = true;
	b->templates = xcalloc(count + 1, sizeof *b->templates);
	m = emoji_matcher_new();
	for (size_t i = 0; i < count; i++) {
		b->template_count = i + 1;
		if (baseline_load_template(doc, r, b, m, n->items[i],
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
		if (repeat == NULL || sorted[i]->mark.line < repeat->mark.line)
		    {
			repeat = sorted[i];
			first = sorted[i - 1];
		}
	}
	if (repeat != NULL)
		status = yamldoc_fail(doc,
		    n->items[repeat - b->templates], "duplicate template "
		    "(first at line %lu, column %lu)", first->mark.line,
		    first->mark.column);
	free(sorted);
	return status;
}

/* By level, then in the order counted (the order of the sums). */
static int
baseline_emoji_by_level(const void *pa, const void *pb)
{
	const baseline_emoji *const *a = pa, *const *b = pb;
	int by = strcmp((*a)->level, (*b)->level);

	if (by != 0)
		return by;
	return *a < *b ? -1 : *a > *b;
}

/*
 * Counts that infer and merge write add up: the levels to log-lines, the
 * emoji of a level to its count, and the templates to at most log-lines
 * (messages past the miner's cap are in no template).
 */
static int
baseline_check_sums(yamldoc *doc, baseline *b, const yamldoc_node *log_lines,
    const yamldoc_node *levels, const yamldoc_node *emoji,
    const yamldoc_node *templates)
{
	uint64_t total = 0;

	if (levels != NULL && log_lines != NULL) {
		for (size_t i = 0; i < b->level_count; i++)
			total = baseline_sum(b, total, b->levels[i].count);
		if (b->overflowed || total != b->log_lines)
			return yamldoc_fail(doc, levels, "the counts of "
			    "'levels' add up to %s%llu, not to 'log-lines' "
			    "(%llu)", b->overflowed ? "more than " : "",
			    (unsigned long long)total,
			    (unsigned long long)b->log_lines);
	}
	if (levels != NULL && emoji != NULL) {
		/* By level, so that each level finds its emoji in log n. */
		const baseline_emoji **by_level = xcalloc(b->emoji_count + 1,
		    sizeof *by_level);
		int status = 0;

		for (size_t k = 0; k < b->emoji_count; k++)
			by_level[k] = &b->emoji[k];
		qsort(by_level, b->emoji_count, sizeof *by_level,
		    baseline_emoji_by_level);
		for (size_t i = 0; i < b->level_count && status == 0; i++) {
			const baseline_level *l = &b->levels[i];
			uint64_t led = 0;
			bool listed = false;
			size_t lo = 0, hi = b->emoji_count;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (strcmp(by_level[mid]->level, l->level) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t k = lo; k < b->emoji_count &&
			    strcmp(by_level[k]->level, l->level) == 0; k++) {
				listed = true;
				led = baseline_sum(b, led, by_level[k]->count);
			}
			if ((listed || l->count > 0) && (b->overflowed ||
			    led != l->count))
				status = yamldoc_fail(doc, emoji, "the emoji "
				    "counts of level '%s' add up to %llu, not "
				    "to its count in 'levels' (%llu)", l->level,
				    (unsigned long long)led,
				    (unsigned long long)l->count);
		}
		free(by_level);
		if (status != 0)
			return status;
	}
	if (templates != NULL && log_lines != NULL) {
		total = 0;
		for (size_t i = 0; i < b->template_count; i++)
			total = baseline_sum(b, total, b->templates[i].count);
		if (b->overflowed || total > b->log_lines)
			return yamldoc_fail(doc, templates, "the counts of "
			    "'templates' add up to %s%llu, more than "
			    "'log-lines' (%llu)", b->overflowed ? "more than "
			    : "", (unsigned long long)total,
			    (unsigned long long)b->log_lines);
	}
	return 0;
}

static int
baseline_load_shape(yamldoc *doc, const baseline_schema *r, const baseline *b,
    emoji_matcher *m, const yamldoc_node *n)
{
	const yamldoc_node *keys[SHAPE_KEY_COUNT], *values[SHAPE_KEY_COUNT];
	const char *level = "", *emoji = "", *text, *cause;
	size_t at;
	int got;

	if (yamldoc_keys(doc, n, "shape", shape_keys, SHAPE_KEY_COUNT, keys,
	    values) != 0)
		return -1;
	if (values[SHAPE_TEXT] == NULL)
		return yamldoc_fail(doc, n, "missing required key 'text' in "
		    "shape");
	if (values[SHAPE_LEVEL] != NULL) {
		if (!r->fields.level)
			return yamldoc_fail(doc, keys[SHAPE_LEVEL], "'line' "
			    "has no level group: a shape has no 'level'");
		if (yamldoc_string(doc, values[SHAPE_LEVEL], "'level'",
		    &level) != 0)
			return -1;
	}
	if (baseline_check_counted(doc, b, values[SHAPE_LEVEL] != NULL ?
	    values[SHAPE_LEVEL] : n, level, "a shape") != 0)
		return -1;
	if (values[SHAPE_EMOJI] != NULL) {
		size_t len;
		if (yamldoc_string(doc, values[SHAPE_EMOJI], "'emoji'",
		    &emoji) != 0)
			return -1;
		len = strlen(emoji);
		if (len > 0 && emoji_leading(m, emoji, len) != len)
			return yamldoc_fail(doc, values[SHAPE_EMOJI],
			    "'%s' is not one emoji (nor '' for none)", emoji);
	}
	if (yamldoc_string(doc, values[SHAPE_TEXT], "'text'", &text) != 0)
		return -1;
	got = shapes_add_text(b->shapes, level, emoji, text, &at, &cause);
	if (got < 0)
		return yamldoc_fail_inside(doc, values[SHAPE_TEXT], at, NULL,
		    "%s", cause);
	if (got > 0)
		return yamldoc_fail(doc, n, "duplicate shape: another has "
		    "the same level, emoji, token count and first token");
	return 0;
}

static int
baseline_load_shapes(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *n, baseline *b)
{
	emoji_matcher *m;
	size_t count;

	if (!r->fields.message)
		return yamldoc_fail(doc, n, "'shapes' in 'baseline' needs "
		    "a named group (?<message>...) in 'line'");
	if (yamldoc_list(doc, n, "'shapes' in 'baseline'", &count) != 0)
		return -1;
	if (count > SHAPES_MAX)
		return yamldoc_fail(doc, n->items[SHAPES_MAX],
		    "more than %d shapes (the cap of a profile)", SHAPES_MAX);
	b->has_shapes = true;
	b->shapes = shapes_new();
	m = emoji_matcher_new();
	for (size_t i = 0; i < count; i++) {
		if (baseline_load_shape(doc, r, b, m, n->items[i])
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

/* `keys`: each top-level key of the records, its count and types. */
static int
baseline_load_keys(yamldoc *doc, const yamldoc_node *n, bool bounded,
    baseline *b)
{
	size_t count, *repeats;
	int status = -1;

	if (yamldoc_map(doc, n, "'keys' in 'baseline'", &count) != 0)
		return -1;
	b->has_keys = true;
	repeats = baseline_repeats(n, count);
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *keys[KEYSTAT_KEY_COUNT],
		    *values[KEYSTAT_KEY_COUNT];
		unsigned long long value = 0;
		unsigned types = 0;
		const char *name;
		if (baseline_unique_key(doc, n, i, repeats,
		    "a key in 'keys'", &name) != 0 ||
		    yamldoc_keys(doc, yamldoc_value(n, i), "a key in 'keys'",
		    keystat_keys, KEYSTAT_KEY_COUNT, keys, values) != 0 ||
		    yamldoc_required(doc, yamldoc_value(n, i),
		    "a key in 'keys'", keystat_keys, values,
		    KEYSTAT_COUNT) != 0 ||
		    yamldoc_integer(doc, values[KEYSTAT_COUNT], "'count' in "
		    "'keys'", 0, UINT64_MAX, &value) != 0)
			goto out;
		if (values[KEYSTAT_TYPE] != NULL && rules_keys_types(doc,
		    values[KEYSTAT_TYPE], &types) != 0)
			goto out;
		if (bounded && value > b->log_lines) {
			yamldoc_fail(doc, values[KEYSTAT_COUNT], "key '%s' is "
			    "counted on %llu log lines, more than 'log-lines' "
			    "(%llu)", name, value,
			    (unsigned long long)b->log_lines);
			goto out;
		}
		baseline_count_key(b, name, strlen(name), types, value);
	}
	status = 0;
out:
	free(repeats);
	return status;
}

static int
baseline_load_base(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *n, baseline *b)
{
	const yamldoc_node *keys[BASE_COUNT], *values[BASE_COUNT];
	unsigned long long value;
	const char *text;

	if (yamldoc_keys(doc, n, "'baseline'", base_keys, BASE_COUNT, keys,
	    values) != 0)
		return -1;
	if (values[BASE_LAYOUT] != NULL) {
		if (yamldoc_string(doc, values[BASE_LAYOUT], "'layout'",
		    &text) != 0)
			return -1;
		b->layout = xstrdup(text);
	}
	if (values[BASE_LINES] != NULL) {
		if (yamldoc_integer(doc, values[BASE_LINES], "'lines'", 0,
		    UINT64_MAX, &value) != 0)
			return -1;
		b->lines = value;
	}
	if (values[BASE_LOG_LINES] != NULL) {
		if (yamldoc_integer(doc, values[BASE_LOG_LINES],
		    "'log-lines'", 0, UINT64_MAX, &value) != 0)
			return -1;
		b->log_lines = value;
		if (values[BASE_LINES] != NULL && b->log_lines > b->lines)
			return yamldoc_fail(doc, values[BASE_LOG_LINES],
			    "'log-lines' (%llu) is more than 'lines' (%llu)",
			    (unsigned long long)b->log_lines,
			    (unsigned long long)b->lines);
	}
	if (values[BASE_LEVELS] != NULL &&
	    baseline_load_levels(doc, r, values[BASE_LEVELS], b) != 0)
		return -1;
	if (values[BASE_EMOJI] != NULL &&
	    baseline_load_emoji(doc, r, values[BASE_EMOJI], b) != 0)
		return -1;
	if (values[BASE_TEMPLATES] != NULL &&
	    baseline_load_templates(doc, r, values[BASE_TEMPLATES], b) != 0)
		return -1;
	if (values[BASE_SHAPES] != NULL &&
	    baseline_load_shapes(doc, r, values[BASE_SHAPES], b) != 0)
		return -1;
	if (values[BASE_KEYS] != NULL &&
	    baseline_load_keys(doc, values[BASE_KEYS],
	    values[BASE_LOG_LINES] != NULL, b) != 0)
		return -1;
	return baseline_check_sums(doc, b, values[BASE_LOG_LINES],
	    values[BASE_LEVELS], values[BASE_EMOJI], values[BASE_TEMPLATES]);
}

int
baseline_load(yamldoc *doc, const baseline_schema *r,
    const yamldoc_node *drift_key, const yamldoc_node *drift,
    const yamldoc_node *base, baseline **out)
{
	baseline *b = baseline_new(NULL, NULL);

	*out = NULL;
	if (base == NULL) {
		baseline_free(b);
		return yamldoc_fail(doc, drift_key, "'drift' needs "
		    "'baseline', the counts that drift is judged against");
	}
	if ((drift != NULL && baseline_load_drift(doc, drift, b) != 0) ||
	    baseline_load_base(doc, r, base, b) != 0) {
		baseline_free(b);
		return -1;
	}
	*out = b;
	return 0;
}
