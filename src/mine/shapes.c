/* shapes: order-independent signature groups; see shapes.h. */
#include "mine/shapes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"

#define SHAPES_MANY "<*>"

typedef struct {
	char *level, *emoji;
	size_t token_count;
	char **tokens;		/* NULL for many; tokens[0] never is */
	size_t *lens;
	uint64_t hash;
} shapes_group;

struct shapes {
	shapes_group *groups;
	size_t count, capacity;
	uint32_t *table;	/* group index + 1, 0 for an empty slot */
	size_t table_mask;
	bool capped;
};

static uint64_t
shapes_fnv(uint64_t h, const char *s, size_t len)
{
	return hash_separator(hash_bytes(h, s, len));
}

static uint64_t
shapes_key_hash(const char *level, size_t level_len, const char *emoji,
    size_t emoji_len, size_t token_count, const char *first, size_t first_len)
{
	uint64_t h = HASH_SEED;

	h = shapes_fnv(h, level, level_len);
	h = shapes_fnv(h, emoji, emoji_len);
	h = shapes_fnv(h, (const char *)&token_count, sizeof token_count);
	return shapes_fnv(h, first, first_len);
}

static bool
shapes_same(const char *a, size_t a_len, const char *b, size_t b_len)
{
	return a_len == b_len && memcmp(a, b, a_len) == 0;
}

shapes *
shapes_new(void)
{
	shapes *s = xcalloc(1, sizeof *s);

	s->table_mask = 63;
	s->table = xcalloc(s->table_mask + 1, sizeof *s->table);
	return s;
}

void
shapes_free(shapes *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->count; i++) {
		shapes_group *g = &s->groups[i];
		for (size_t k = 0; k < g->token_count; k++)
			free(g->tokens[k]);
		free(g->tokens);
		free(g->lens);
		free(g->level);
		free(g->emoji);
	}
	free(s->groups);
	free(s->table);
	free(s);
}

static shapes_group *
shapes_find(const shapes *s, uint64_t hash, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    size_t token_count, const char *first, size_t first_len)
{
	for (size_t slot = hash & s->table_mask; s->table[slot] != 0;
	    slot = (slot + 1) & s->table_mask) {
		shapes_group *g = &s->groups[s->table[slot] - 1];
		if (g->hash == hash && g->token_count == token_count &&
		    strlen(g->level) == level_len &&
		    memcmp(g->level, level, level_len) == 0 &&
		    strlen(g->emoji) == emoji_len &&
		    memcmp(g->emoji, emoji, emoji_len) == 0 &&
		    (token_count == 0 || shapes_same(g->tokens[0], g->lens[0],
		    first, first_len)))
			return g;
	}
	return NULL;
}

static void
shapes_place(shapes *s, size_t index)
{
	size_t slot = s->groups[index].hash & s->table_mask;

	while (s->table[slot] != 0)
		slot = (slot + 1) & s->table_mask;
	s->table[slot] = (uint32_t)index + 1;
}

/* A new group, its tokens not yet set; NULL at the cap. */
static shapes_group *
shapes_new_group(shapes *s, uint64_t hash, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    size_t token_count)
{
	shapes_group *g;

	if (s->count == SHAPES_MAX) {
		s->capped = true;
		return NULL;
	}
	if (s->count == s->capacity) {
		s->capacity = s->capacity ? 2 * s->capacity : 64;
		s->groups = xreallocarray(s->groups, s->capacity,
		    sizeof *s->groups);
	}
	if (2 * (s->count + 1) > s->table_mask + 1) {
		free(s->table);
		s->table_mask = 2 * s->table_mask + 1;
		s->table = xcalloc(s->table_mask + 1, sizeof *s->table);
		for (size_t i = 0; i < s->count; i++)
			shapes_place(s, i);
	}
	g = &s->groups[s->count];
	*g = (shapes_group){
		.level = xstrndup(level, level_len),
		.emoji = xstrndup(emoji, emoji_len),
		.token_count = token_count,
		.tokens = xcalloc(token_count + 1, sizeof *g->tokens),
		.lens = xcalloc(token_count + 1, sizeof *g->lens),
		.hash = hash,
	};
	shapes_place(s, s->count++);
	return g;
}

/* Position k of g meets token (NULL: many). */
static void
shapes_meet(shapes_group *g, size_t k, const char *token, size_t len)
{
	if (g->tokens[k] == NULL)
		return;
	if (token != NULL && shapes_same(g->tokens[k], g->lens[k], token, len))
		return;
	free(g->tokens[k]);
	g->tokens[k] = NULL;
	g->lens[k] = 0;
}

void
shapes_add(shapes *s, templates *splitter, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    const char *message, size_t message_len)
{
	size_t count = templates_split(splitter, message, message_len);
	size_t first_len = 0;
	const char *first = count > 0 ? templates_split_token(splitter, 0,
	    &first_len) : "";
	uint64_t hash = shapes_key_hash(level, level_len, emoji, emoji_len,
	    count, first, first_len);
	shapes_group *g = shapes_find(s, hash, level, level_len, emoji,
	    emoji_len, count, first, first_len);
	bool fresh = g == NULL;

	if (fresh && (g = shapes_new_group(s, hash, level, level_len, emoji,
	    emoji_len, count)) == NULL)
		return;
	for (size_t k = 0; k < count; k++) {
		size_t len;
		const char *token = templates_split_token(splitter, k, &len);
		if (fresh) {
			g->tokens[k] = xstrndup(token, len);
			g->lens[k] = len;
		} else
			shapes_meet(g, k, token, len);
	}
}

int
shapes_add_text(shapes *s, const char *level, const char *emoji,
    const char *text, size_t *at, const char **cause)
{
	size_t len = strlen(text), count = 0, start = 0, first_len = 0;
	const char *first = "";
	shapes_group *g;
	uint64_t hash;
	templates_options opts;

	templates_options_init(&opts);
	/* First pass: check, count, and find the first token. */
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != ' ') {
			if (strchr("\t\n\v\f\r", text[i]) != NULL) {
				*at = i;
				*cause = "a shape's tokens are separated by "
				    "single spaces, not other white space";
				return -1;
			}
			continue;
		}
		if (i == start && len > 0) {
			*at = i;
			*cause = "a shape's tokens are separated by single "
			    "spaces (an empty token here)";
			return -1;
		}
		if (len == 0)
			break;
		if (text[start] == '\\' && !(i - start == 4 &&
		    memcmp(text + start + 1, SHAPES_MANY, 3) == 0) &&
		    !(i - start >= 2 && text[start + 1] == '\\')) {
			*at = start;
			*cause = "a backslash at the start of a token escapes "
			    "only <*> or a backslash";
			return -1;
		}
		if (count == 0 && shapes_same(text + start, i - start,
		    SHAPES_MANY, 3)) {
			*at = start;
			*cause = "the first token of a shape is part of its "
			    "key and cannot be <*>";
			return -1;
		}
		if (i - start - (text[start] == '\\') > TEMPLATES_TOKEN_MAX) {
			*at = start;
			*cause = "a token longer than 256 bytes (the miner "
			    "writes <LONG>)";
			return -1;
		}
		if (count == 0) {
			first = text + start + (text[start] == '\\');
			first_len = i - start - (text[start] == '\\');
		}
		if (++count > opts.max_tokens) {
			*at = start;
			*cause = "a shape has at most 128 tokens (the miner "
			    "writes <REST>)";
			return -1;
		}
		start = i + 1;
	}
	hash = shapes_key_hash(level, strlen(level), emoji, strlen(emoji),
	    count, first, first_len);
	if (shapes_find(s, hash, level, strlen(level), emoji, strlen(emoji),
	    count, first, first_len) != NULL)
		return 1;
	g = shapes_new_group(s, hash, level, strlen(level), emoji,
	    strlen(emoji), count);
	if (g == NULL)
		return 0;
	start = 0;
	for (size_t i = 0, k = 0; i <= len && len > 0; i++) {
		size_t n, skip;
		if (i < len && text[i] != ' ')
			continue;
		n = i - start;
		if (!shapes_same(text + start, n, SHAPES_MANY, 3)) {
			skip = text[start] == '\\';
			g->tokens[k] = xstrndup(text + start + skip, n - skip);
			g->lens[k] = n - skip;
		}
		k++;
		start = i + 1;
	}
	return 0;
}

void
shapes_merge(shapes *dst, const shapes *src)
{
	dst->capped = dst->capped || src->capped;
	for (size_t i = 0; i < src->count; i++) {
		const shapes_group *from = &src->groups[i];
		size_t level_len = strlen(from->level);
		size_t emoji_len = strlen(from->emoji);
		const char *first = from->token_count > 0 ? from->tokens[0] :
		    "";
		size_t first_len = from->token_count > 0 ? from->lens[0] : 0;
		shapes_group *g = shapes_find(dst, from->hash, from->level,
		    level_len, from->emoji, emoji_len, from->token_count,
		    first, first_len);

		if (g == NULL) {
			g = shapes_new_group(dst, from->hash, from->level,
			    level_len, from->emoji, emoji_len,
			    from->token_count);
			if (g == NULL)
				continue;
			for (size_t k = 0; k < from->token_count; k++) {
				if (from->tokens[k] == NULL)
					continue;
				g->tokens[k] = xstrndup(from->tokens[k],
				    from->lens[k]);
				g->lens[k] = from->lens[k];
			}
			continue;
		}
		for (size_t k = 0; k < from->token_count; k++)
			shapes_meet(g, k, from->tokens[k], from->lens[k]);
	}
}

bool
shapes_known(const shapes *s, templates *splitter, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    const char *message, size_t message_len)
{
	size_t count = templates_split(splitter, message, message_len);
	size_t first_len = 0, len;
	const char *first = count > 0 ? templates_split_token(splitter, 0,
	    &first_len) : "";
	const char *token;
	uint64_t hash = shapes_key_hash(level, level_len, emoji, emoji_len,
	    count, first, first_len);
	const shapes_group *g = shapes_find(s, hash, level, level_len, emoji,
	    emoji_len, count, first, first_len);

	if (g == NULL)
		return false;
	for (size_t k = 1; k < count; k++) {
		if (g->tokens[k] == NULL)
			continue;
		token = templates_split_token(splitter, k, &len);
		if (!shapes_same(g->tokens[k], g->lens[k], token, len))
			return false;
	}
	return true;
}

size_t
shapes_count(const shapes *s)
{
	return s->count;
}

bool
shapes_capped(const shapes *s)
{
	return s->capped;
}

void
shapes_set_capped(shapes *s)
{
	s->capped = true;
}

bool
shapes_get(const shapes *s, size_t index, const char **level,
    const char **emoji, char **text)
{
	const shapes_group *g;
	size_t len = 0;
	char *at;

	if (index >= s->count)
		return false;
	g = &s->groups[index];
	for (size_t k = 0; k < g->token_count; k++)
		len += (g->tokens[k] != NULL ? g->lens[k] + 1 : 3) + 1;
	*text = at = xmalloc(len + 1);
	for (size_t k = 0; k < g->token_count; k++) {
		const char *token = g->tokens[k];
		if (k > 0)
			*at++ = ' ';
		if (token == NULL) {
			memcpy(at, SHAPES_MANY, 3);
			at += 3;
			continue;
		}
		if (token[0] == '\\' || shapes_same(token, g->lens[k],
		    SHAPES_MANY, 3))
			*at++ = '\\';
		memcpy(at, token, g->lens[k]);
		at += g->lens[k];
	}
	*at = '\0';
	*level = g->level;
	*emoji = g->emoji;
	return true;
}
