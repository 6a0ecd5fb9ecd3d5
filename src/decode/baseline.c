/* baseline: the counts of a known-good capture; see baseline.h. */
#include "decode/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"

static const char *const baseline_policy_names[] = {
	"allow", "report", "fail"
};

baseline *
baseline_new(const baseline_layout *fields, const char *layout)
{
	baseline *b = xcalloc(1, sizeof *b);

	b->new_template = DRIFT_REPORT;
	b->new_emoji = DRIFT_REPORT;
	b->level_share = DRIFT_REPORT;
	b->new_key = DRIFT_REPORT;
	b->key_gone = DRIFT_REPORT;
	b->share_points = BASELINE_SHARE_POINTS;
	b->layout = layout != NULL ? xstrdup(layout) : NULL;
	if (fields != NULL) {
		b->has_levels = fields->level;
		b->has_emoji = b->has_templates = fields->message;
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
	free(b->level_table);
	free(b->emoji_table);
	for (size_t i = 0; i < b->template_count; i++) {
		free(b->templates[i].level);
		free(b->templates[i].emoji);
		free(b->templates[i].text);
	}
	free(b->templates);
	for (size_t i = 0; i < b->key_count; i++)
		free(b->keys[i].name);
	free(b->keys);
	templates_free(b->miner);
	shapes_free(b->shapes);
	free(b);
}

/*
 * Counts never wrap: a count stops at the largest, and b->overflowed says
 * so (merge refuses such a sum).
 */
uint64_t
baseline_sum(baseline *into, uint64_t a, uint64_t b)
{
	if (a > UINT64_MAX - b) {
		if (into != NULL)
			into->overflowed = true;
		return UINT64_MAX;
	}
	return a + b;
}

/* Whether s, of len bytes, is text. */
static bool
baseline_equal(const char *s, size_t len, const char *text, size_t text_len)
{
	return len == text_len && memcmp(s, text, len) == 0;
}

static uint64_t
baseline_level_hash(const char *level, size_t len)
{
	return hash_mix(hash_bytes(HASH_SEED, level, len));
}

static uint64_t
baseline_emoji_hash(const char *level, size_t level_len, const char *emoji,
    size_t emoji_len)
{
	uint64_t h = hash_separator(hash_bytes(HASH_SEED, level, level_len));

	return hash_mix(hash_bytes(h, emoji, emoji_len));
}

/*
 * The slot of *table that holds a level, or the empty one where it would
 * go.  The tables keep merge and the loading of a profile linear in its
 * levels and emoji; a scan per entry made them quadratic.
 */
static size_t
baseline_level_slot(const baseline *b, const char *level, size_t len,
    uint64_t hash)
{
	size_t slot = hash & b->level_mask;

	for (; b->level_table[slot] != 0; slot = (slot + 1) & b->level_mask) {
		const baseline_level *l = &b->levels[b->level_table[slot] - 1];
		if (baseline_equal(l->level, l->level_len, level, len))
			break;
	}
	return slot;
}

static size_t
baseline_emoji_slot(const baseline *b, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, uint64_t hash)
{
	size_t slot = hash & b->emoji_mask;

	for (; b->emoji_table[slot] != 0; slot = (slot + 1) & b->emoji_mask) {
		const baseline_emoji *e = &b->emoji[b->emoji_table[slot] - 1];
		if (baseline_equal(e->emoji, e->emoji_len, emoji, emoji_len) &&
		    baseline_equal(e->level, e->level_len, level, level_len))
			break;
	}
	return slot;
}

/* Room in the tables for one more, at most half full. */
static void
baseline_grow_levels(baseline *b)
{
	if (b->level_table != NULL && 2 * (b->level_count + 1) <=
	    b->level_mask + 1)
		return;
	b->level_mask = b->level_table == NULL ? 15 : 2 * b->level_mask + 1;
	free(b->level_table);
	b->level_table = xcalloc(b->level_mask + 1, sizeof *b->level_table);
	for (size_t i = 0; i < b->level_count; i++) {
		const baseline_level *l = &b->levels[i];
		size_t slot = baseline_level_slot(b, l->level, l->level_len,
		    baseline_level_hash(l->level, l->level_len));
		b->level_table[slot] = (uint32_t)i + 1;
	}
}

static void
baseline_grow_emoji(baseline *b)
{
	if (b->emoji_table != NULL && 2 * (b->emoji_count + 1) <=
	    b->emoji_mask + 1)
		return;
	b->emoji_mask = b->emoji_table == NULL ? 15 : 2 * b->emoji_mask + 1;
	free(b->emoji_table);
	b->emoji_table = xcalloc(b->emoji_mask + 1, sizeof *b->emoji_table);
	for (size_t i = 0; i < b->emoji_count; i++) {
		const baseline_emoji *e = &b->emoji[i];
		size_t slot = baseline_emoji_slot(b, e->level, e->level_len,
		    e->emoji, e->emoji_len, baseline_emoji_hash(e->level,
		    e->level_len, e->emoji, e->emoji_len));
		b->emoji_table[slot] = (uint32_t)i + 1;
	}
}

/* The level's entry, or NULL. */
static baseline_level *
baseline_find_level(const baseline *b, const char *level, size_t len)
{
	size_t slot;

	if (b->level_table == NULL)
		return NULL;
	slot = baseline_level_slot(b, level, len, baseline_level_hash(level,
	    len));
	return b->level_table[slot] == 0 ? NULL :
	    &b->levels[b->level_table[slot] - 1];
}

void
baseline_count_level(baseline *b, const char *level, size_t len,
    uint64_t count)
{
	uint64_t hash = baseline_level_hash(level, len);
	size_t slot;

	baseline_grow_levels(b);
	slot = baseline_level_slot(b, level, len, hash);
	if (b->level_table[slot] != 0) {
		baseline_level *l = &b->levels[b->level_table[slot] - 1];
		l->count = baseline_sum(b, l->count, count);
		return;
	}
	b->levels = xreallocarray(b->levels, b->level_count + 1,
	    sizeof *b->levels);
	b->levels[b->level_count++] = (baseline_level){
		.level = xstrndup(level, len), .count = count,
		.level_len = len
	};
	b->level_table[slot] = (uint32_t)b->level_count;
}

void
baseline_count_emoji(baseline *b, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, uint64_t count)
{
	uint64_t hash = baseline_emoji_hash(level, level_len, emoji,
	    emoji_len);
	size_t slot;

	baseline_grow_emoji(b);
	slot = baseline_emoji_slot(b, level, level_len, emoji, emoji_len,
	    hash);
	if (b->emoji_table[slot] != 0) {
		baseline_emoji *e = &b->emoji[b->emoji_table[slot] - 1];
		e->count = baseline_sum(b, e->count, count);
		return;
	}
	b->emoji = xreallocarray(b->emoji, b->emoji_count + 1,
	    sizeof *b->emoji);
	b->emoji[b->emoji_count++] = (baseline_emoji){
		.level = xstrndup(level, level_len),
		.emoji = xstrndup(emoji, emoji_len), .count = count,
		.level_len = level_len, .emoji_len = emoji_len
	};
	b->emoji_table[slot] = (uint32_t)b->emoji_count;
}

void
baseline_add_line(baseline *b, const baseline_parts *p)
{
	b->lines++;
	if (p == NULL)
		return;
	b->log_lines++;
	if (b->has_levels)
		baseline_count_level(b, p->level, p->level_len, 1);
	if (b->has_emoji)
		baseline_count_emoji(b, p->level, p->level_len, p->emoji,
		    p->emoji_len, 1);
	if (b->miner == NULL)
		return;
	/* shapes_add splits with the miner: its tokens serve both. */
	if (b->shapes != NULL) {
		shapes_add(b->shapes, b->miner, p->level, p->level_len,
		    p->emoji, p->emoji_len, p->rest, p->rest_len);
		templates_add_split(b->miner, p->level, p->level_len, p->emoji,
		    p->emoji_len, p->rest, p->rest_len);
	} else
		templates_add(b->miner, p->level, p->level_len, p->emoji,
		    p->emoji_len, p->rest, p->rest_len);
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
	if (src->new_key > dst->new_key)
		dst->new_key = src->new_key;
	if (src->key_gone > dst->key_gone)
		dst->key_gone = src->key_gone;
	dst->has_keys = dst->has_keys && src->has_keys;
	for (size_t i = 0; dst->has_keys && i < src->key_count; i++)
		baseline_count_key(dst, src->keys[i].name,
		    strlen(src->keys[i].name), src->keys[i].types,
		    src->keys[i].count);
	dst->has_shapes = dst->has_shapes && src->has_shapes;
	if (dst->has_shapes)
		shapes_merge(dst->shapes, src->shapes);
	else {
		shapes_free(dst->shapes);
		dst->shapes = NULL;
	}
}

uint64_t
baseline_level_count(const baseline *b, const char *level, size_t len)
{
	const baseline_level *l = baseline_find_level(b, level, len);

	return l != NULL ? l->count : 0;
}

bool
baseline_level_known(const baseline *b, const char *level, size_t len)
{
	return baseline_find_level(b, level, len) != NULL;
}

/* Where name is in the sorted keys, or would go (*found false). */
static size_t
baseline_key_place(const baseline *b, const char *name, size_t len,
    bool *found)
{
	size_t low = 0, high = b->key_count;

	*found = false;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		const char *have = b->keys[mid].name;
		size_t have_len = strlen(have);
		int by = memcmp(have, name, have_len < len ? have_len : len);
		if (by == 0)
			by = have_len < len ? -1 : have_len > len;
		if (by == 0) {
			*found = true;
			return mid;
		}
		if (by < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return low;
}

void
baseline_count_key(baseline *b, const char *name, size_t len,
    unsigned types, uint64_t count)
{
	bool found;
	size_t at = baseline_key_place(b, name, len, &found);

	b->has_keys = true;
	if (!found) {
		b->keys = xreallocarray(b->keys, b->key_count + 1,
		    sizeof *b->keys);
		memmove(&b->keys[at + 1], &b->keys[at], (b->key_count - at) *
		    sizeof *b->keys);
		b->keys[at] = (baseline_keystat){ .name = xstrndup(name, len) };
		b->key_count++;
	}
	b->keys[at].count = baseline_sum(b, b->keys[at].count, count);
	b->keys[at].types |= types;
}

const baseline_keystat *
baseline_find_key(const baseline *b, const char *name, size_t len)
{
	bool found;
	size_t at = baseline_key_place(b, name, len, &found);

	return found ? &b->keys[at] : NULL;
}

bool
baseline_finding_id(const char *id)
{
	return strcmp(id, "new-template") == 0 ||
	    strcmp(id, "new-emoji") == 0 || strcmp(id, "level-share") == 0 ||
	    strcmp(id, "new-key") == 0 || strcmp(id, "key-gone") == 0;
}

const char *
baseline_policy_name(baseline_policy policy)
{
	return baseline_policy_names[policy];
}
