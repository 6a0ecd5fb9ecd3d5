/*
 * templates: Drain-style template miner; see templates.h.
 *
 * Layout.  Every token a template holds, and every level and emoji, is
 * interned once: an id indexes its text in one arena.  A template is an
 * array of ids, so comparing a message with a template is comparing
 * integers.  The tree is a set of nodes and one hash table of edges keyed
 * by (parent node, label); labels are intern ids, and the token count on
 * the third layer.  Node 0 is the root: root -> level -> emoji -> token
 * count -> first prefix_tokens tokens -> leaf (a list of templates).
 *
 * The hot path (a message that joins an existing template) allocates
 * nothing: masked tokens go to a scratch buffer sized once, and tokens are
 * looked up but not interned (one no template holds is UNKNOWN, equal to
 * nothing), so only a new template or a changed one touches the heap and
 * memory grows with templates, not with input.  Masking is done by
 * hand-written scanners over a byte class table rather than regexes: one
 * pass, no backtracking, no per-token regex calls, and tokens without
 * digits, slashes or quotes (most words) skip it entirely.
 *
 * As in Drain, a leaf's templates are compared one by one; leaves stay
 * small unless many templates share level, emoji, length and first tokens
 * (at worst, max_templates of them in one leaf).
 */
#include "mine/templates.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte classes. */
#define C_SPACE	0x01	/* ASCII whitespace: tokens are split on it */
#define C_DIGIT	0x02
#define C_ALPHA	0x04	/* ASCII letters only; other bytes are punctuation */
#define C_HEX	0x08
#define C_MARK	0x10	/* / ' ": may start a path, URL or quoted value */
#define C_ANGLE	0x20	/* <: may start a mask */
#define C_BRACKET 0x40	/* brackets and quotes: end a URL or path */
#define C_PUNCT	0x80	/* , ; : end a path */

static const uint8_t templates_class[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x50,	/* sp ! " # $ % & ' */
	0x40, 0x40, 0x00, 0x00, 0x80, 0x00, 0x00, 0x10,	/* ( ) * + , - . / */
	0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a,	/* 0-7 */
	0x0a, 0x0a, 0x80, 0x80, 0x60, 0x00, 0x40, 0x00,	/* 8 9 : ; < = > ? */
	0x00, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x04,	/* @ A-G */
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
	0x04, 0x04, 0x04, 0x40, 0x00, 0x40, 0x00, 0x00,	/* X Y Z [ \ ] ^ _ */
	0x40, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x04,	/* ` a-g */
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
	0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
	0x04, 0x04, 0x04, 0x40, 0x00, 0x40, 0x00, 0x00,	/* x y z { | } ~ DEL */
	/* 0x80-0xff: bytes of multibyte (or invalid) UTF-8, punctuation. */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#define CLASS(c)	(templates_class[(unsigned char)(c)])
#define IS_DIGIT(c)	((CLASS(c) & C_DIGIT) != 0)
#define IS_ALPHA(c)	((CLASS(c) & C_ALPHA) != 0)
#define IS_ALNUM(c)	((CLASS(c) & (C_DIGIT|C_ALPHA)) != 0)
#define IS_HEX(c)	((CLASS(c) & C_HEX) != 0)
#define IS_SPACE(c)	((CLASS(c) & C_SPACE) != 0)

/* Intern id of "<*>", interned first. */
#define WILDCARD	0
/* Id of a token no template holds: equal to nothing. */
#define UNKNOWN		UINT32_MAX
/*
 * Scanners look at most this far ahead, and a quoted value spans at most
 * this much, so masking a token costs at most TEMPLATES_TOKEN_MAX steps of
 * SCAN_MAX bytes whatever the input.
 */
#define SCAN_MAX	512
/* Recent (level, emoji) pairs and their node; see templates_context. */
#define CONTEXT_SLOTS	16
#define CONTEXT_MAX	16
/* Similarity is compared in integers, in units of 1/SCALE. */
#define SCALE		10000

typedef enum {
	MASK_NUM, MASK_HEX, MASK_UUID, MASK_ID, MASK_IP, MASK_VER, MASK_DUR,
	MASK_SIZE, MASK_TIME, MASK_PATH, MASK_URL, MASK_QUOTED, MASK_LONG,
	MASK_COUNT
} templates_mask;

/* A string with its length, for tables of short constants. */
typedef struct {
	const char *text;
	size_t len;
} templates_word;
#define WORD(s)	{ s, sizeof s - 1 }

static const templates_word templates_mask_text[MASK_COUNT] = {
	WORD("<NUM>"), WORD("<HEX>"), WORD("<UUID>"), WORD("<ID>"),
	WORD("<IP>"), WORD("<VER>"), WORD("<DUR>"), WORD("<SIZE>"),
	WORD("<TIME>"), WORD("<PATH>"), WORD("<URL>"), WORD("<QUOTED>"),
	WORD("<LONG>")
};
#define REST_TEXT	"<REST>"

/* One token of the message being added. */
typedef struct {
	const char *text;	/* into the message or the scratch buffer */
	uint32_t len;
	uint32_t hash;
	/* Has a digit or a mask: goes down <*> in the tree, as in Drain. */
	bool variable;
} templates_token;

/*
 * What templates_same finds of a token when it first needs it, valid when
 * split is the miner's count of splits: most tokens never need it, so it
 * lies apart from templates_token, which stays 24 bytes.
 */
typedef struct {
	uint64_t split;
	bool word;		/* see templates_is_word */
	uint32_t stem;
} templates_lookup;

typedef struct {
	uint32_t *tokens;	/* intern ids */
	uint32_t token_count;
	uint32_t wildcard_count;
	uint32_t level;		/* intern ids */
	uint32_t emoji;
	uint64_t count;
	char *text;
	size_t text_len;
	char *example;
	/* At most TEMPLATES_EXAMPLE_MAX; 32 bits keep this 64 bytes. */
	uint32_t example_len;
	uint32_t merged_into;	/* index + 1 of the template that took it */
} templates_template;

typedef struct {
	uint32_t child_count;
	uint32_t *members;	/* template indexes, at a leaf */
	uint32_t member_count;
	uint32_t member_capacity;
} templates_node;

typedef struct {
	uint32_t hash;
	uint32_t id_plus_one;	/* 0 for an empty slot */
} templates_slot;

/* A level and emoji seen lately, and the node they lead to. */
typedef struct {
	char level[CONTEXT_MAX];
	char emoji[CONTEXT_MAX];
	size_t level_len, emoji_len;
	uint32_t node;		/* 0 when the tree has no such pair yet */
	bool used;
} templates_context_slot;

typedef struct {
	uint64_t key;		/* parent << 32 | label */
	uint32_t child;		/* 0 for an empty slot: the root is no child */
} templates_edge;

struct templates {
	uint32_t split_count;	/* tokens of the last templates_split */
	templates_options opts;
	uint64_t threshold;	/* similarity * SCALE */

	char *arena;		/* interned texts, each NUL-terminated */
	size_t arena_len, arena_capacity;
	uint32_t *intern_offset;
	uint32_t *intern_len;
	bool *intern_variable;
	bool *intern_word;
	uint32_t *intern_stem;
	uint32_t intern_count, intern_capacity;
	templates_slot *intern_slots;
	uint32_t intern_mask;

	templates_node *nodes;
	uint32_t node_count, node_capacity;
	templates_edge *edges;
	uint32_t edge_count, edge_mask, edge_shift;

	templates_context_slot contexts[CONTEXT_SLOTS];

	templates_template *list;
	size_t list_count, list_capacity;
	uint64_t messages, overflow;
	uint64_t splits;	/* messages tokenized, for templates_token */
	bool capped;

	/* One message's tokens, sized once from max_tokens. */
	char *scratch;
	/* A message with NUL or invalid bytes, made valid; grows as needed. */
	char *clean;
	size_t clean_capacity;
	templates_token *tokens;
	templates_lookup *lookups;
	uint32_t *ids;

	/*
	 * For templates_known: templates by (level, token count), emoji
	 * aside.  Built when first needed, rebuilt when templates were added.
	 */
	uint64_t *shape_keys;	/* level << 32 | token count */
	uint32_t *shape_heads;	/* first template index + 1, 0: empty */
	uint32_t shape_mask;
	uint32_t *shape_next;	/* per template: next index + 1 */
	size_t shape_built;	/* list_count when built */
};

static uint64_t
templates_load64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint32_t
templates_load32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/*
 * A byte string hash.  Tokens are short, so the tail is read with two
 * overlapping fixed-size loads rather than a byte loop or a memcpy of
 * variable size (which becomes a call).  Hash values never change results,
 * only where entries sit in a table.
 */
static uint32_t
templates_hash(const char *text, size_t len)
{
	const uint64_t m1 = UINT64_C(0x9e3779b97f4a7c15);
	const uint64_t m2 = UINT64_C(0xd6e8feb86659fd93);
	uint64_t hash = UINT64_C(0x243f6a8885a308d3) ^ (len * m1), a, b;
	const char *p = text;
	size_t left = len;

	while (left > 16) {
		hash = (hash ^ templates_load64(p)) * m1;
		hash = (hash ^ templates_load64(p + 8) ^ (hash >> 29)) * m2;
		p += 16;
		left -= 16;
	}
	if (left >= 8) {
		a = templates_load64(p);
		b = templates_load64(p + left - 8);
	} else if (left >= 4) {
		a = templates_load32(p);
		b = templates_load32(p + left - 4);
	} else if (left > 0) {
		a = (uint64_t)(unsigned char)p[0] << 16 |
		    (uint64_t)(unsigned char)p[left / 2] << 8 |
		    (unsigned char)p[left - 1];
		b = 0;
	} else
		a = b = 0;
	hash = (hash ^ a) * m1;
	hash = (hash ^ b ^ (hash >> 32)) * m2;
	hash ^= hash >> 32;
	return (uint32_t)hash;
}

/* memcmp(a, b, len) == 0 for short strings, without a call. */
static inline bool
templates_equal(const char *a, const char *b, size_t len)
{
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			if (templates_load64(a + i) != templates_load64(b + i))
				return false;
		}
		return templates_load64(a + len - 8) ==
		    templates_load64(b + len - 8);
	}
	if (len >= 4)
		return templates_load32(a) == templates_load32(b) &&
		    templates_load32(a + len - 4) ==
		    templates_load32(b + len - 4);
	for (i = 0; i < len; i++) {
		if (a[i] != b[i])
			return false;
	}
	return true;
}

/*
 * Whether a token holds a dotted name of three parts or more, as host and
 * class names are ("api.example.com", "org.apache.spark.SparkContext").
 */
static bool
templates_is_dotted(const char *text, size_t len)
{
	size_t i = 0, parts = 0, n;

	if (len < 5 || memchr(text, '.', len) == NULL)
		return false;
	while (i < len && !IS_ALNUM(text[i]))
		i++;
	for (;;) {
		for (n = 0; i < len && (IS_ALNUM(text[i]) || text[i] == '-' ||
		    text[i] == '_'); i++)
			n++;
		if (n == 0)
			return false;
		parts++;
		if (i + 1 < len && text[i] == '.' && IS_ALNUM(text[i + 1]))
			i++;
		else
			break;
	}
	return parts >= 3;
}

/*
 * Whether a token looks variable: it has a digit, or a mask like <NUM> or
 * <*>.  A function of the text alone, so an interned token keeps it.
 */
static bool
templates_is_variable(const char *text, size_t len)
{
	size_t i, k;

	for (i = 0; i < len; i++) {
		if (IS_DIGIT(text[i]))
			return true;
		if (text[i] != '<')
			continue;
		k = i + 1;
		while (k < len && ((text[k] >= 'A' && text[k] <= 'Z') ||
		    text[k] == '*'))
			k++;
		if (k > i + 1 && k < len && text[k] == '>')
			return true;
	}
	return false;
}

/*
 * The length of a token's key: a name of letters, digits, '_', '.' or
 * '-' starting with a letter, and the '=' after it ("r24=" of "r24=0x1f",
 * "setDiffTotalSteps=" of "setDiffTotalSteps=0"), or such a name without
 * digits and the '(' after it ("LOGIN(" of "LOGIN(uid=0)"); 0 for none.  Two
 * variable tokens are alike only when their keys are: the key before a
 * value says which event a message is.
 */
static uint32_t
templates_stem(const char *text, size_t len)
{
	size_t i;
	bool digit = false;

	if (len == 0 || !IS_ALPHA(text[0]))
		return 0;
	for (i = 1; i < len; i++) {
		/* A function's name: "LOGIN(" but not "jk2_init(". */
		if (text[i] == '(')
			return digit ? 0 : (uint32_t)i + 1;
		if (IS_DIGIT(text[i]))
			digit = true;
		if (text[i] == '=')
			return i + 1 < len && text[i + 1] == '=' ? 0 :
			    (uint32_t)i + 1;
		if (!IS_ALNUM(text[i]) && text[i] != '_' && text[i] != '.' &&
		    text[i] != '-')
			return 0;
	}
	return 0;
}

static bool templates_is_word(const char *, size_t);

/* Interning. */

static uint32_t
templates_find(const templates *t, const char *text, size_t len,
    uint32_t hash)
{
	uint32_t i = hash & t->intern_mask, id;

	for (;;) {
		const templates_slot *slot = &t->intern_slots[i];
		if (slot->id_plus_one == 0)
			return UNKNOWN;
		if (slot->hash == hash) {
			id = slot->id_plus_one - 1;
			if (t->intern_len[id] == len &&
			    templates_equal(t->arena + t->intern_offset[id],
			    text, len))
				return id;
		}
		i = (i + 1) & t->intern_mask;
	}
}

static void
templates_place(templates_slot *slots, uint32_t mask, uint32_t hash,
    uint32_t id)
{
	uint32_t i = hash & mask;

	while (slots[i].id_plus_one != 0)
		i = (i + 1) & mask;
	slots[i].hash = hash;
	slots[i].id_plus_one = id + 1;
}

static uint32_t
templates_intern(templates *t, const char *text, size_t len, uint32_t hash)
{
	uint32_t id = templates_find(t, text, len, hash);

	if (id != UNKNOWN)
		return id;

	/* Keep the table at most half full. */
	if (2 * (t->intern_count + 1) > t->intern_mask + 1) {
		uint32_t size = 2 * (t->intern_mask + 1), i;
		templates_slot *slots = xcalloc(size, sizeof *slots);
		for (i = 0; i <= t->intern_mask; i++) {
			if (t->intern_slots[i].id_plus_one != 0)
				templates_place(slots, size - 1,
				    t->intern_slots[i].hash,
				    t->intern_slots[i].id_plus_one - 1);
		}
		free(t->intern_slots);
		t->intern_slots = slots;
		t->intern_mask = size - 1;
	}
	if (t->intern_count == t->intern_capacity) {
		t->intern_capacity *= 2;
		t->intern_offset = xreallocarray(t->intern_offset,
		    t->intern_capacity, sizeof *t->intern_offset);
		t->intern_len = xreallocarray(t->intern_len,
		    t->intern_capacity, sizeof *t->intern_len);
		t->intern_variable = xreallocarray(t->intern_variable,
		    t->intern_capacity, sizeof *t->intern_variable);
		t->intern_stem = xreallocarray(t->intern_stem,
		    t->intern_capacity, sizeof *t->intern_stem);
		t->intern_word = xreallocarray(t->intern_word,
		    t->intern_capacity, sizeof *t->intern_word);
	}
	while (t->arena_len + len + 1 > t->arena_capacity) {
		t->arena_capacity *= 2;
		t->arena = xrealloc(t->arena, t->arena_capacity);
	}
	id = t->intern_count++;
	t->intern_offset[id] = (uint32_t)t->arena_len;
	t->intern_len[id] = (uint32_t)len;
	t->intern_variable[id] = templates_is_variable(text, len);
	t->intern_stem[id] = templates_stem(text, len);
	t->intern_word[id] = templates_is_word(text, len);
	memcpy(t->arena + t->arena_len, text, len);
	t->arena[t->arena_len + len] = '\0';
	t->arena_len += len + 1;
	templates_place(t->intern_slots, t->intern_mask, hash, id);
	return id;
}

/* The tree. */

static uint32_t
templates_edge_slot(uint64_t key, uint32_t shift)
{
	return (uint32_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> shift);
}

/* The child of parent under label, or 0 when there is none. */
static uint32_t
templates_child(const templates *t, uint32_t parent, uint32_t label)
{
	uint64_t key = (uint64_t)parent << 32 | label;
	uint32_t i = templates_edge_slot(key, t->edge_shift);

	while (t->edges[i].child != 0) {
		if (t->edges[i].key == key)
			return t->edges[i].child;
		i = (i + 1) & t->edge_mask;
	}
	return 0;
}

static void
templates_edge_place(templates_edge *edges, uint32_t mask, uint32_t shift,
    uint64_t key, uint32_t child)
{
	uint32_t i = templates_edge_slot(key, shift);

	while (edges[i].child != 0)
		i = (i + 1) & mask;
	edges[i].key = key;
	edges[i].child = child;
}

static uint32_t
templates_add_child(templates *t, uint32_t parent, uint32_t label)
{
	uint32_t child, i;

	if (2 * (t->edge_count + 1) > t->edge_mask + 1) {
		uint32_t size = 2 * (t->edge_mask + 1);
		uint32_t shift = t->edge_shift - 1;
		templates_edge *edges = xcalloc(size, sizeof *edges);
		for (i = 0; i <= t->edge_mask; i++) {
			if (t->edges[i].child != 0)
				templates_edge_place(edges, size - 1, shift,
				    t->edges[i].key, t->edges[i].child);
		}
		free(t->edges);
		t->edges = edges;
		t->edge_mask = size - 1;
		t->edge_shift = shift;
	}
	if (t->node_count == t->node_capacity) {
		t->node_capacity *= 2;
		t->nodes = xreallocarray(t->nodes, t->node_capacity,
		    sizeof *t->nodes);
	}
	child = t->node_count++;
	memset(&t->nodes[child], 0, sizeof t->nodes[child]);
	templates_edge_place(t->edges, t->edge_mask, t->edge_shift,
	    (uint64_t)parent << 32 | label, child);
	t->edge_count++;
	t->nodes[parent].child_count++;
	return child;
}

static uint32_t
templates_child_or_add(templates *t, uint32_t parent, uint32_t label)
{
	uint32_t child = templates_child(t, parent, label);

	return child != 0 ? child : templates_add_child(t, parent, label);
}

/* How many token layers a message of token_count tokens goes through. */
static uint32_t
templates_layers(const templates *t, uint32_t token_count)
{
	if (token_count == 0)
		return 0;
	if (token_count - 1 < t->opts.prefix_tokens)
		return token_count - 1;
	return t->opts.prefix_tokens;
}

/* Masking. */

/* A token being masked, and what went into it. */
typedef struct {
	char *text;
	size_t len;
	bool too_long;
	bool digit;		/* a digit was copied */
	bool masked;		/* a mask was put */
	bool angle;		/* a '<' was copied: it may be a mask's text */
} templates_out;

static inline void
templates_put(templates_out *out, const char *text, size_t len)
{
	char *to;

	if (out->too_long)
		return;
	if (out->len + len > TEMPLATES_TOKEN_MAX) {
		out->too_long = true;
		return;
	}
	/* Pieces are a few bytes: a loop beats a call to memcpy. */
	to = out->text + out->len;
	out->len += len;
	while (len-- > 0)
		*to++ = *text++;
}

static inline void
templates_put_mask(const templates *t, templates_out *out,
    templates_mask mask)
{
	if (t->opts.typed_masks)
		templates_put(out, templates_mask_text[mask].text,
		    templates_mask_text[mask].len);
	else
		templates_put(out, "<*>", 3);
}

static size_t
templates_digits(const char *s, size_t len, size_t at)
{
	size_t i = at;

	while (i < len && IS_DIGIT(s[i]))
		i++;
	return i - at;
}

/* A mask must end where a letter or digit run ends. */
static bool
templates_ends_word(const char *s, size_t len, size_t at)
{
	return at == len || !IS_ALNUM(s[at]);
}

/* 8-4-4-4-12 hex digits. */
static size_t
templates_scan_uuid(const char *s, size_t len)
{
	static const size_t groups[] = { 8, 4, 4, 4, 12 };
	size_t i = 0, g, k;

	for (g = 0; g < 5; g++) {
		if (g > 0) {
			if (i >= len || s[i] != '-')
				return 0;
			i++;
		}
		for (k = 0; k < groups[g]; k++, i++) {
			if (i >= len || !IS_HEX(s[i]))
				return 0;
		}
	}
	return templates_ends_word(s, len, i) ? i : 0;
}

/* Dotted IPv4, each part 0-255, not followed by another .digit. */
static size_t
templates_scan_ipv4(const char *s, size_t len)
{
	size_t i = 0, n, part, k;
	unsigned value;

	for (part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= len || s[i] != '.')
				return 0;
			i++;
		}
		n = templates_digits(s, len, i);
		if (n == 0 || n > 3)
			return 0;
		value = 0;
		for (k = 0; k < n; k++)
			value = value * 10 + (unsigned)(s[i + k] - '0');
		if (value > 255)
			return 0;
		i += n;
	}
	if (!templates_ends_word(s, len, i))
		return 0;
	if (i + 1 < len && s[i] == '.' && IS_DIGIT(s[i + 1]))
		return 0;
	return i;
}

/*
 * 1.2.3, v2.0, with an optional suffix like -rc.1 or +cu118.  Two parts
 * without a v are a decimal number.
 */
static size_t
templates_scan_version(const char *s, size_t len)
{
	size_t i = 0, n, parts = 1;
	bool v = false;

	if (len > 0 && (s[0] == 'v' || s[0] == 'V')) {
		v = true;
		i = 1;
	}
	n = templates_digits(s, len, i);
	if (n == 0)
		return 0;
	i += n;
	while (i + 1 < len && s[i] == '.' && IS_DIGIT(s[i + 1])) {
		i += 1 + templates_digits(s, len, i + 1);
		parts++;
	}
	if (parts < 2 || (parts == 2 && !v))
		return 0;
	if (i + 1 < len && (s[i] == '-' || s[i] == '+') && IS_ALNUM(s[i + 1])) {
		i++;
		for (;;) {
			while (i < len && IS_ALNUM(s[i]))
				i++;
			if (i + 1 < len && s[i] == '.' && IS_ALNUM(s[i + 1]))
				i++;
			else
				break;
		}
	}
	return templates_ends_word(s, len, i) ? i : 0;
}

/* YYYY-MM-DD, hh:mm:ss(.fff), or both joined by T, with an optional zone. */
static size_t
templates_scan_time(const char *s, size_t len)
{
	size_t i = 0, n;
	bool date = false;

	if (templates_digits(s, len, 0) == 4 && len >= 10 && s[4] == '-' &&
	    templates_digits(s, len, 5) == 2 && s[7] == '-' &&
	    templates_digits(s, len, 8) == 2) {
		date = true;
		i = 10;
		if (i < len && s[i] == 'T')
			i++;
		else
			return templates_ends_word(s, len, i) ? i : 0;
	}
	if (templates_digits(s, len, i) != 2 || i + 8 > len ||
	    s[i + 2] != ':' || templates_digits(s, len, i + 3) != 2 ||
	    s[i + 5] != ':' || templates_digits(s, len, i + 6) != 2)
		return 0;
	i += 8;
	if (i + 1 < len && (s[i] == '.' || s[i] == ',') && IS_DIGIT(s[i + 1]))
		i += 1 + templates_digits(s, len, i + 1);
	if (date && i < len) {
		if (s[i] == 'Z')
			i++;
		else if ((s[i] == '+' || s[i] == '-') &&
		    templates_digits(s, len, i + 1) == 2) {
			n = i + 3;
			if (n < len && s[n] == ':')
				n++;
			if (templates_digits(s, len, n) == 2)
				i = n + 2;
		}
	}
	return templates_ends_word(s, len, i) ? i : 0;
}

/*
 * ns us \xc2\xb5s ms s sec secs m min mins h hr hrs d, written out: this
 * runs for every number with letters after it.
 */
static bool
templates_is_duration(const char *u, size_t n)
{
	switch (n) {
	case 1:
		return u[0] == 's' || u[0] == 'm' || u[0] == 'h' || u[0] == 'd';
	case 2:
		return (u[1] == 's' && (u[0] == 'n' || u[0] == 'u' ||
		    u[0] == 'm')) || (u[0] == 'h' && u[1] == 'r');
	case 3:
		return memcmp(u, "sec", 3) == 0 || memcmp(u, "min", 3) == 0 ||
		    memcmp(u, "hrs", 3) == 0 || memcmp(u, "\xc2\xb5s", 3) == 0;
	case 4:
		return memcmp(u, "secs", 4) == 0 || memcmp(u, "mins", 4) == 0;
	}
	return false;
}

/* B K M G T, KB MB GB TB PB in either case, KiB MiB GiB TiB PiB. */
static bool
templates_is_size(const char *u, size_t n)
{
	static const char prefixes[] = "KMGTPkmgtp";

	switch (n) {
	case 1:
		return u[0] == 'B' || u[0] == 'K' || u[0] == 'M' ||
		    u[0] == 'G' || u[0] == 'T';
	case 2:
		return memchr(prefixes, u[0], sizeof prefixes - 1) != NULL &&
		    (u[1] == 'B' || u[1] == 'b');
	case 3:
		return memchr(prefixes, u[0], 5) != NULL && u[1] == 'i' &&
		    u[2] == 'B';
	}
	return false;
}

/* Length of a unit's letters at s: ASCII letters, or the micro sign. */
static inline size_t
templates_unit_len(const char *s, size_t len, size_t at)
{
	size_t i = at;

	if (i + 1 < len && s[i] == '\xc2' && s[i + 1] == '\xb5')
		i += 2;
	while (i < len && IS_ALPHA(s[i]))
		i++;
	return i - at;
}

/*
 * A number: sign, digits, fraction, exponent.  With letters right after it
 * the letters must be a unit (then *mask is MASK_DUR or MASK_SIZE), else it
 * is no number but part of a word like "7b" or "2nd".
 */
static size_t
templates_scan_number(const char *s, size_t len, templates_mask *mask)
{
	size_t i = 0, n, u;

	*mask = MASK_NUM;
	for (;;) {
		if (i < len && (s[i] == '-' || s[i] == '+') &&
		    *mask == MASK_NUM)
			i++;
		n = templates_digits(s, len, i);
		if (n == 0)
			return 0;
		i += n;
		if (i + 1 < len && s[i] == '.' && IS_DIGIT(s[i + 1]))
			i += 1 + templates_digits(s, len, i + 1);
		if (*mask == MASK_NUM && i + 1 < len &&
		    (s[i] == 'e' || s[i] == 'E')) {
			n = i + 1;
			if (n + 1 < len && (s[n] == '-' || s[n] == '+'))
				n++;
			if (templates_digits(s, len, n) > 0) {
				i = n + templates_digits(s, len, n);
				break;
			}
		}
		u = templates_unit_len(s, len, i);
		if (u == 0)
			break;
		if (*mask != MASK_SIZE && templates_is_duration(s + i, u)) {
			*mask = MASK_DUR;
			i += u;
			/* 1h30m, 2m3.5s: go on while digits follow. */
			if (i < len && IS_DIGIT(s[i]))
				continue;
			break;
		}
		if (*mask == MASK_NUM && templates_is_size(s + i, u)) {
			*mask = MASK_SIZE;
			i += u;
			break;
		}
		return 0;
	}
	return templates_ends_word(s, len, i) ? i : 0;
}

/* scheme://... up to a space or a closing bracket or quote. */
static size_t
templates_scan_url(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (IS_ALNUM(s[i]) || s[i] == '+' || s[i] == '-' ||
	    s[i] == '.'))
		i++;
	if (i == 0 || i + 3 > len || memcmp(s + i, "://", 3) != 0)
		return 0;
	i += 3;
	while (i < len && (CLASS(s[i]) & (C_SPACE|C_BRACKET)) == 0)
		i++;
	while (i > 0 && (s[i - 1] == '.' || s[i - 1] == ',' ||
	    s[i - 1] == ';' || s[i - 1] == ':' || s[i - 1] == '!' ||
	    s[i - 1] == '?'))
		i--;
	return i;
}

/*
 * /a/b, ./a, ../a, ~/a: up to a space, bracket, quote or one of ",;:",
 * without trailing dots; it must hold a letter or digit.
 */
static size_t
templates_scan_path(const char *s, size_t len)
{
	size_t i = 0;
	bool word = false;

	if (len >= 2 && (s[0] == '.' || s[0] == '~') && s[1] == '/')
		i = 2;
	else if (len >= 3 && s[0] == '.' && s[1] == '.' && s[2] == '/')
		i = 3;
	else if (len >= 1 && s[0] == '/')
		i = 1;
	else
		return 0;
	while (i < len && (CLASS(s[i]) & (C_SPACE|C_BRACKET|C_PUNCT)) == 0) {
		if (IS_ALNUM(s[i]))
			word = true;
		i++;
	}
	while (i > 0 && s[i - 1] == '.')
		i--;
	return word ? i : 0;
}

/* A closing quote: the same character, not followed by a letter or digit. */
static size_t
templates_scan_quoted(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++) {
		if (s[i] == s[0] && templates_ends_word(s, len, i + 1))
			return i + 1;
	}
	return 0;
}

/*
 * Whether the quote at message[at] opens a value: the byte before it,
 * spaces aside, is ':' or '=' ("prompt": "a lighthouse at dusk",
 * msg='no such user').  Other quoted text stays words, as Loghub's labels
 * have it ("GET /v2/servers HTTP/1.1", 'sparkExecutorActorSystem').
 */
static bool
templates_quoted_value(const char *message, size_t at)
{
	while (at > 0 && IS_SPACE(message[at - 1]))
		at--;
	return at > 0 && (message[at - 1] == ':' || message[at - 1] == '=');
}

/*
 * A run of letters and digits that no scanner above took: a hex id, a
 * long mixed id, or a word kept as it is.
 */
static bool
templates_run_mask(const char *s, size_t n, templates_mask *mask)
{
	size_t i;
	bool digit = false, letter = false, hex = true;

	if (n < 6)
		return false;
	for (i = 0; i < n; i++) {
		if (IS_DIGIT(s[i]))
			digit = true;
		else
			letter = true;
		if (!IS_HEX(s[i]))
			hex = false;
	}
	if (!digit || !letter)
		return false;
	if (hex) {
		*mask = MASK_HEX;
		return true;
	}
	if (n >= 10) {
		*mask = MASK_ID;
		return true;
	}
	return false;
}

/*
 * Mask one token starting at message[at] (not whitespace) into out.
 * Returns where the token ends: the first whitespace after it, which may
 * lie beyond spaces inside a quoted value.
 */
static size_t
templates_mask_token(const templates *t, const char *message, size_t len,
    size_t at, templates_out *out)
{
	size_t p = at, n, run;
	templates_mask mask = MASK_NUM;
	uint8_t bits;
	char c, after;
	bool boundary;

	while (p < len && !IS_SPACE(message[p])) {
		const char *s = message + p;
		size_t left = len - p < SCAN_MAX ? len - p : SCAN_MAX;

		if (out->too_long) {
			/* It will be "<LONG>": only its end matters now. */
			while (p < len && !IS_SPACE(message[p]))
				p++;
			break;
		}
		c = *s;
		boundary = p == at || !IS_ALNUM(message[p - 1]);
		if (c == '\x1b' && left > 2 && s[1] == '[') {
			/* A terminal escape ("\x1b[32m") is no duration. */
			for (n = 2; n < left && ((s[n] >= '0' && s[n] <= '9') ||
			    s[n] == ';' || s[n] == '?'); n++)
				;
			if (n < left && s[n] >= 0x40 && s[n] <= 0x7e) {
				templates_put(out, s, n + 1);
				p += n + 1;
				continue;
			}
		}
		if (IS_ALNUM(c)) {
			/*
			 * Runs are taken whole, so p is at a boundary here.
			 * The run and the byte after it say which scanners
			 * can match, so most runs try one or two.
			 */
			bits = 0;
			for (run = 0; run < left && IS_ALNUM(s[run]); run++)
				bits |= CLASS(s[run]);
			after = run < left ? s[run] : ' ';
			if (run == 8 && after == '-' &&
			    (n = templates_scan_uuid(s, left))) {
				mask = MASK_UUID;
				goto masked;
			}
			if (IS_ALPHA(c) && (after == ':' || after == '+' ||
			    after == '-' || after == '.') &&
			    (n = templates_scan_url(s, left))) {
				mask = MASK_URL;
				goto masked;
			}
			if (IS_DIGIT(c) && (after == '-' || after == ':') &&
			    (n = templates_scan_time(s, left))) {
				mask = MASK_TIME;
				goto masked;
			}
			if (IS_DIGIT(c) && after == '.' &&
			    (n = templates_scan_ipv4(s, left))) {
				mask = MASK_IP;
				goto masked;
			}
			if ((IS_DIGIT(c) || c == 'v' || c == 'V') &&
			    after == '.' &&
			    (n = templates_scan_version(s, left))) {
				mask = MASK_VER;
				goto masked;
			}
			if (c == '0' && run > 2 && (s[1] == 'x' ||
			    s[1] == 'X')) {
				for (n = 2; n < run && IS_HEX(s[n]); n++)
					;
				if (n == run) {
					mask = MASK_HEX;
					goto masked;
				}
			}
			if (IS_DIGIT(c) &&
			    (n = templates_scan_number(s, left, &mask)))
				goto masked;
			if ((bits & (C_DIGIT|C_ALPHA)) == (C_DIGIT|C_ALPHA) &&
			    templates_run_mask(s, run, &mask)) {
				n = run;
				goto masked;
			}
			if (bits & C_DIGIT)
				out->digit = true;
			templates_put(out, s, run);
			p += run;
			continue;
		}
		if (boundary) {
			if ((c == '\'' || c == '"') &&
			    templates_quoted_value(message, p) &&
			    (n = templates_scan_quoted(s, left))) {
				mask = MASK_QUOTED;
				goto masked;
			}
			if (c == '/' && left > 1 && IS_DIGIT(s[1]) &&
			    templates_scan_ipv4(s + 1, left - 1)) {
				/* "/10.0.0.1:50010": an address, no path. */
				templates_put(out, s, 1);
				p++;
				continue;
			}
			if ((c == '/' || c == '.' || c == '~') &&
			    (n = templates_scan_path(s, left))) {
				mask = MASK_PATH;
				goto masked;
			}
			if ((c == '-' || c == '+') && left > 1 &&
			    IS_DIGIT(s[1]) &&
			    (n = templates_scan_number(s, left, &mask)))
				goto masked;
		}
		if (c == '<')
			out->angle = true;
		templates_put(out, s, 1);
		p++;
		continue;
masked:
		templates_put_mask(t, out, mask);
		out->masked = true;
		p += n;
	}
	return p;
}

/*
 * Split message into masked tokens in t->tokens; returns their count.
 * This function is hot: it sees every byte of every message.  (A SWAR
 * scan, eight bytes a step, was tried for the token ends and was slower on
 * tokens this short.)
 */
/*
 * message, or a copy in t->clean with each NUL and invalid byte replaced
 * by U+FFFD, as a profile's YAML must hold it: so a template's text can be
 * written and loaded as it is, and a line is like the template made from
 * it.  *len becomes the copy's length.
 */
/*
 * Whether text is ASCII without NUL, as most messages are: then it needs
 * no cleaning.  Eight bytes a step, one pass instead of a UTF-8 check and
 * a search for NUL.
 */
static bool
templates_plain(const char *text, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	uint64_t v;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		v = templates_load64(text + i);
		/* A byte of 0x80 or more, or a zero byte. */
		if (((v | ((v - ones) & ~v)) & highs) != 0)
			return false;
	}
	if (i < len && len >= 8) {
		/* The last eight bytes, overlapping those seen. */
		v = templates_load64(text + len - 8);
		return ((v | ((v - ones) & ~v)) & highs) == 0;
	}
	for (; i < len; i++) {
		if (text[i] == '\0' || ((unsigned char)text[i] & 0x80) != 0)
			return false;
	}
	return true;
}

static const char *
templates_clean(templates *t, const char *message, size_t *len)
{
	size_t n = 0, step;
	uint32_t cp;

	if (*len == 0 || templates_plain(message, *len) ||
	    (utf8_invalid_offset(message, *len) == *len &&
	    memchr(message, '\0', *len) == NULL))
		return message;
	if (t->clean_capacity < 3 * *len) {
		t->clean_capacity = 3 * *len;
		t->clean = xrealloc(t->clean, t->clean_capacity);
	}
	for (size_t i = 0; i < *len; i += step) {
		step = utf8_decode(message + i, *len - i, &cp);
		if (cp == 0 || (cp == 0xfffd && step == 1)) {
			memcpy(t->clean + n, "\xef\xbf\xbd", 3);
			n += 3;
		} else {
			memcpy(t->clean + n, message + i, step);
			n += step;
		}
	}
	*len = n;
	return t->clean;
}

/* Whether token i is text, a NUL-terminated constant. */
static bool
templates_token_is(const templates *t, uint32_t i, uint32_t count,
    const char *text)
{
	size_t len = strlen(text);

	return i < count && t->tokens[i].len == len &&
	    memcmp(t->tokens[i].text, text, len) == 0;
}

/*
 * Whether three bytes are the name of a day (1) or a month (2), as ctime
 * and syslog write them, or neither (0).  Called for every three-letter
 * word, so it looks at the first letter first.
 */
static int
templates_date_name(const char *s)
{
	static const char *const names[] = {
		"Apr2Aug2", "", "Dec2", "", "", "Feb2Fri1", "", "", "",
		"Jan2Jul2Jun2", "", "", "Mar2May2Mon1", "Nov2", "Oct2", "",
		"", "", "Sat1Sep2Sun1", "Thu1Tue1", "", "", "Wed1"
	};
	const char *n;

	if (s[0] < 'A' || s[0] > 'W')
		return 0;
	for (n = names[s[0] - 'A']; *n != '\0'; n += 4) {
		if (n[1] == s[1] && n[2] == s[2])
			return n[3] - '0';
	}
	return 0;
}

/* The date name kind (see templates_date_name) of token i, 0 past count. */
static int
templates_token_date(const templates *t, uint32_t i, uint32_t count)
{
	if (i >= count || t->tokens[i].len != 3)
		return 0;
	return templates_date_name(t->tokens[i].text);
}

#ifdef __SSE2__
/*
 * Of the sixteen bytes at s, from the first in live on: the end of the
 * word (16: past them), and its classes added to *found.
 */
static inline unsigned
templates_chunk(const char *s, unsigned live, uint8_t *found)
{
	/* Signed: bytes of 0x80 and above compare low, in no class. */
	const __m128i v = _mm_loadu_si128((const __m128i *)s);
	unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8('\t' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('\r' + 1))))) & live;
	unsigned end = spaces != 0 ? (unsigned)__builtin_ctz(spaces) : 16;
	unsigned keep = live & (end < 16 ? (1u << end) - 1 : 0xffffu);
	unsigned digits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
	unsigned marks = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))));
	unsigned angles = (unsigned)_mm_movemask_epi8(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));

	if (digits & keep)
		*found |= C_DIGIT;
	if (marks & keep)
		*found |= C_MARK;
	if (angles & keep)
		*found |= C_ANGLE;
	return end;
}
#endif

/*
 * The end of the word at p (the next ASCII space, or len), and in *bits
 * which of C_DIGIT, C_MARK and C_ANGLE its bytes have: the only classes
 * the tokenizer asks of a whole word.  Sixteen bytes at a time, the last
 * few in a chunk that ends at the message's end and overlaps what was
 * seen: byte by byte, this scan was a tenth of the miner's time.
 */
static inline size_t
templates_word_end(const char *s, size_t p, size_t len, uint8_t *bits)
{
	uint8_t found = 0;

#ifdef __SSE2__
	unsigned end;

	for (; len - p >= 16; p += 16) {
		if ((end = templates_chunk(s + p, 0xffffu, &found)) < 16) {
			*bits = found;
			return p + end;
		}
	}
	if (p < len && len >= 16) {
		size_t base = len - 16;
		end = templates_chunk(s + base,
		    0xffffu << (unsigned)(p - base) & 0xffffu, &found);
		*bits = found;
		return base + end;
	}
#endif
	for (; p < len && !IS_SPACE(s[p]); p++)
		found |= CLASS(s[p]);
	*bits = found & (C_DIGIT|C_MARK|C_ANGLE);
	return p;
}

/*
 * Dates written with names take several tokens: "Fri Jun 17 07:07:00
 * 2005", "Jul  1 09:01:22", "Thu Aug 04 15:29:45 PDT 2005".  The names
 * are words, so the tree would keep each day apart; the whole date
 * becomes one <TIME> token.  Returns the new token count.
 */
static uint32_t
templates_dates(templates *t, uint32_t count)
{
	const char *num = templates_mask_text[MASK_NUM].text;
	const char *time = templates_mask_text[MASK_TIME].text;
	templates_token *token;
	uint32_t i, j, end, out = 0;
	bool day;

	if (!t->opts.typed_masks)
		return count;
	for (i = 0; i < count; i++) {
		day = templates_token_date(t, i, count) == 1;
		j = day ? i + 1 : i;
		end = i;
		if (templates_token_date(t, j, count) == 2 &&
		    templates_token_is(t, j + 1, count, num)) {
			end = j + 2;
			if (templates_token_is(t, end, count, time)) {
				end++;
				/* A zone: "PDT", "CEST". */
				token = &t->tokens[end];
				if (end + 1 < count && token->len >= 3 &&
				    token->len <= 4 && !token->variable &&
				    IS_ALPHA(token->text[0]) &&
				    token->text[0] <= 'Z' &&
				    templates_token_is(t, end + 1, count, num))
					end++;
				if (templates_token_is(t, end, count, num))
					end++;
			} else if (!day)
				end = i;
		}
		if (end == i) {
			if (out != i)
				t->tokens[out] = t->tokens[i];
			out++;
			continue;
		}
		token = &t->tokens[out++];
		*token = t->tokens[i];
		token->text = time;
		token->len = (uint32_t)strlen(time);
		token->variable = true;
		i = end - 1;
	}
	return out;
}

static uint32_t
templates_tokenize(templates *t, const char *message, size_t len)
{
	templates_token *token;
	templates_out out;
	size_t p = 0, q, i;
	uint32_t count = 0;
	uint8_t bits;
	char *scratch = t->scratch;
	bool names = false;

	message = templates_clean(t, message, &len);
	while (p < len && IS_SPACE(message[p]))
		p++;
	while (p < len) {
		token = &t->tokens[count];
		q = templates_word_end(message, p, len, &bits);
		if ((bits & (C_DIGIT|C_MARK)) == 0) {
			/* Nothing to mask: use the message's bytes. */
			token->text = message + p;
			token->len = (uint32_t)(q - p);
			token->variable = (bits & C_ANGLE) != 0 &&
			    templates_is_variable(token->text, token->len);
			if (q - p == 3 && templates_date_name(message + p))
				names = true;
			if (q - p > TEMPLATES_TOKEN_MAX) {
				memset(&out, 0, sizeof out);
				out.text = scratch;
				templates_put_mask(t, &out, MASK_LONG);
				token->text = scratch;
				token->len = (uint32_t)out.len;
				token->variable = true;
				scratch += out.len;
			}
		} else {
			memset(&out, 0, sizeof out);
			out.text = scratch;
			q = templates_mask_token(t, message, len, p, &out);
			if (out.too_long) {
				memset(&out, 0, sizeof out);
				out.text = scratch;
				templates_put_mask(t, &out, MASK_LONG);
			}
			token->text = scratch;
			token->len = (uint32_t)out.len;
			token->variable = out.digit || out.masked ||
			    (out.angle &&
			    templates_is_variable(scratch, out.len));
			scratch += out.len;
		}
		count++;
		while (q < len && IS_SPACE(message[q]))
			q++;
		if (count == t->opts.max_tokens && q < len) {
			/* Over max_tokens: the last one stands for the rest. */
			token->text = REST_TEXT;
			token->len = sizeof REST_TEXT - 1;
			token->variable = true;
			break;
		}
		p = q;
	}
	if (names)
		count = templates_dates(t, count);
	for (i = 0; i < count; i++) {
		token = &t->tokens[i];
		token->hash = templates_hash(token->text, token->len);
	}
	t->splits++;
	return count;
}

/* Templates. */

static void
templates_set_text(templates *t, templates_template *tp)
{
	size_t len = 0, i;
	char *at;

	for (i = 0; i < tp->token_count; i++)
		len += t->intern_len[tp->tokens[i]] + 1;
	tp->text = xrealloc(tp->text, len + 1);
	at = tp->text;
	for (i = 0; i < tp->token_count; i++) {
		if (i > 0)
			*at++ = ' ';
		memcpy(at, t->arena + t->intern_offset[tp->tokens[i]],
		    t->intern_len[tp->tokens[i]]);
		at += t->intern_len[tp->tokens[i]];
	}
	*at = '\0';
	tp->text_len = (size_t)(at - tp->text);
}

/* Intern a level or emoji; one longer than a token may be is "<LONG>". */
static uint32_t
templates_context_id(templates *t, const char *text, size_t len, bool add)
{
	if (text == NULL)
		len = 0;
	if (len > TEMPLATES_TOKEN_MAX) {
		text = templates_mask_text[MASK_LONG].text;
		len = templates_mask_text[MASK_LONG].len;
	}
	if (len == 0)
		text = "";
	if (add)
		return templates_intern(t, text, len,
		    templates_hash(text, len));
	return templates_find(t, text, len, templates_hash(text, len));
}

/*
 * The node under root -> level -> emoji, or 0 when there is none.  Most
 * streams use a handful of levels and emoji, so the answer is remembered
 * per pair; that saves two hashes and four table lookups a message.  The
 * slots are cleared whenever a template is created.
 */
static uint32_t
templates_context(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len)
{
	templates_context_slot *slot = NULL;
	uint32_t level_id, emoji_id, node = 0;

	if (level == NULL)
		level_len = 0;
	if (emoji == NULL)
		emoji_len = 0;
	if (level_len <= CONTEXT_MAX && emoji_len <= CONTEXT_MAX) {
		slot = &t->contexts[(level_len + 3 * emoji_len +
		    (level_len ? (unsigned char)level[0] : 0) +
		    (emoji_len ? (unsigned char)emoji[emoji_len - 1] : 0)) %
		    CONTEXT_SLOTS];
		if (slot->used && slot->level_len == level_len &&
		    slot->emoji_len == emoji_len &&
		    templates_equal(slot->level, level, level_len) &&
		    templates_equal(slot->emoji, emoji, emoji_len))
			return slot->node;
	}
	level_id = templates_context_id(t, level, level_len, false);
	emoji_id = templates_context_id(t, emoji, emoji_len, false);
	if (level_id != UNKNOWN && emoji_id != UNKNOWN &&
	    (node = templates_child(t, 0, level_id)) != 0)
		node = templates_child(t, node, emoji_id);
	if (slot != NULL) {
		if (level_len > 0)
			memcpy(slot->level, level, level_len);
		if (emoji_len > 0)
			memcpy(slot->emoji, emoji, emoji_len);
		slot->level_len = level_len;
		slot->emoji_len = emoji_len;
		slot->node = node;
		slot->used = true;
	}
	return node;
}

/* The leaf a message goes to from a context node, or 0 when none. */
static uint32_t
templates_search(const templates *t, uint32_t node, uint32_t count)
{
	uint32_t child, i, layers = templates_layers(t, count);

	if (node == 0 || (node = templates_child(t, node, count)) == 0)
		return 0;
	for (i = 0; i < layers; i++) {
		child = 0;
		if (t->ids[i] != UNKNOWN)
			child = templates_child(t, node, t->ids[i]);
		if (child == 0)
			child = templates_child(t, node, WILDCARD);
		if (child == 0)
			return 0;
		node = child;
	}
	return node;
}

/*
 * Whether a word is a unit of size or time, with punctuation after it:
 * "KB," of Spark's "estimated size 5.4 KB, free 317.1 KB".  The unit that
 * follows a number varies with it.
 */
static bool
templates_is_unit(const char *text, size_t len)
{
	size_t u = templates_unit_len(text, len, 0);

	if (u == 0 || !templates_ends_word(text, len, u))
		return false;
	return templates_is_size(text, u) ||
	    (u >= 2 && templates_is_duration(text, u));
}

/*
 * Whether a token without digit or mask is a word that names its event:
 * two different ones at a position are a conflict (see templates_same).
 * Not one without letters ("_" or "-" in a name's place), nor a dotted
 * name of three parts or more (host and class names vary between messages
 * of one event: "server: api.example.com,"), nor a unit ("KB," in Spark's
 * "estimated size 5.4 KB, free 317.1 KB").  Those positions are simply
 * not shared.
 */
static bool
templates_is_word(const char *text, size_t len)
{
	size_t i;
	bool letter = false;

	for (i = 0; i < len && !letter; i++)
		letter = IS_ALPHA(text[i]);
	return letter && !templates_is_dotted(text, len) &&
	    !templates_is_unit(text, len);
}

/*
 * Positions the message in t->tokens and t->ids shares with a template of
 * its length: equal tokens, <*> and any token (as in Drain's match: <*>
 * stands for words the miner saw vary), or two variable tokens with the
 * same key.
 *
 * Two different words at a position (no digit, no mask, not <*>) are a
 * conflict: the labelled logs of Loghub show that such messages are
 * nearly always different events ("VM Paused", "VM Started"; "GET", "POST").
 * *conflict is 0 when there is none, the position + 1 of the only one, or
 * UINT32_MAX for several or for values of different keys ("r24=0" and
 * "r25=0").
 */
static uint32_t
templates_same(const templates *t, const templates_template *tp,
    uint32_t count, uint32_t *conflict)
{
	const uint32_t *tokens = tp->tokens;
	const templates_token *token;
	templates_lookup *lookup;
	uint32_t k, same = 0, id, stem;

	*conflict = 0;
	for (k = 0; k < count; k++) {
		id = tokens[k];
		if (id == t->ids[k] || id == WILDCARD) {
			same++;
			continue;
		}
		token = &t->tokens[k];
		if (token->variable != t->intern_variable[id] ||
		    (!token->variable && !t->intern_word[id]))
			continue;
		lookup = &t->lookups[k];
		if (lookup->split != t->splits) {
			lookup->split = t->splits;
			lookup->word = !token->variable &&
			    templates_is_word(token->text, token->len);
			/* Keys are found here, not per token: few differ. */
			lookup->stem = token->variable ?
			    templates_stem(token->text, token->len) : 0;
		}
		if (!token->variable) {
			if (!lookup->word)
				continue;
			if (*conflict == 0) {
				*conflict = k + 1;
				continue;
			}
			/* Two conflicts: neither taken nor a sibling. */
			*conflict = UINT32_MAX;
			return same;
		}
		stem = lookup->stem;
		if (stem == t->intern_stem[id] && (stem == 0 ||
		    templates_equal(token->text, t->arena +
		    t->intern_offset[id], stem))) {
			same++;
			continue;
		}
		*conflict = UINT32_MAX;
		return same;
	}
	return same;
}

/*
 * Templates of a leaf that differ from the message by one word at the
 * same position, before it becomes <*> there: the position holds a
 * variable that looks like a word (a user or host name) rather than a
 * word that names the event.  Then the oldest takes the others (see
 * templates_absorb) and the message.
 */
#define SIBLINGS_MAX	3

/*
 * Whether a template that shares same positions with the message and has
 * the conflict templates_same found would take it but for one word, at
 * position where (or at a first such position, which where becomes).
 */
static bool
templates_sibling(const templates *t, uint32_t same, uint32_t conflict,
    uint32_t count, uint32_t *where)
{
	if (conflict == 0 || conflict == UINT32_MAX || same == 0 ||
	    (uint64_t)(same + 1) * SCALE < t->threshold * count ||
	    (*where != 0 && *where != conflict))
		return false;
	*where = conflict;
	return true;
}

/*
 * The siblings of the message in leaf become one template: the oldest,
 * with <*> where they differ.  The others stay listed, with the lines
 * they took, but leave the tree; templates_get names the one that took
 * them.  So the templates' count no longer grows with user names, and
 * the lines of all of them are one group.
 */
static templates_template *
templates_absorb(templates *t, uint32_t leaf, uint32_t count, uint32_t where)
{
	templates_node *node = &t->nodes[leaf];
	templates_template *target = NULL, *tp;
	uint32_t i, k, kept = 0, index, same, conflict;

	for (i = 0; i < node->member_count; i++) {
		index = node->members[i];
		tp = &t->list[index];
		same = templates_same(t, tp, count, &conflict);
		if (!templates_sibling(t, same, conflict, count, &where)) {
			node->members[kept++] = index;
			continue;
		}
		if (target == NULL) {
			target = tp;
			node->members[kept++] = index;
			continue;
		}
		tp->merged_into = (uint32_t)(target - t->list) + 1;
		for (k = 0; k < count; k++) {
			if (target->tokens[k] != tp->tokens[k] &&
			    target->tokens[k] != WILDCARD) {
				target->tokens[k] = WILDCARD;
				target->wildcard_count++;
			}
		}
	}
	node->member_count = kept;
	if (target != NULL && target->tokens[where - 1] != WILDCARD) {
		target->tokens[where - 1] = WILDCARD;
		target->wildcard_count++;
	}
	if (target != NULL)
		templates_set_text(t, target);
	return target;
}

/* The template in leaf the message is most like, or NULL. */
static templates_template *
templates_best(templates *t, uint32_t leaf, uint32_t count)
{
	const templates_node *node = &t->nodes[leaf];
	templates_template *best = NULL, *tp;
	uint32_t i, same, best_same = 0, conflict, where = 0, siblings = 0;
	uint64_t need = t->threshold * count;

	for (i = 0; i < node->member_count; i++) {
		tp = &t->list[node->members[i]];
		same = templates_same(t, tp, count, &conflict);
		if (conflict != 0) {
			if (templates_sibling(t, same, conflict, count,
			    &where))
				siblings++;
			continue;
		}
		if (best == NULL || same > best_same || (same == best_same &&
		    tp->wildcard_count > best->wildcard_count)) {
			best = tp;
			best_same = same;
		}
	}
	if (best != NULL && (count == 0 ||
	    (uint64_t)best_same * SCALE >= need))
		return best;
	if (siblings >= SIBLINGS_MAX)
		return templates_absorb(t, leaf, count, where);
	return NULL;
}

/*
 * Position i of a template differs from the message's token: it becomes
 * <*>, or stem<*> when both are variable with the same stem, so that
 * "setDiffTotalSteps=<*>" keeps saying which value it is and stays apart
 * from "setWriteDBLastDataMinute=<*>".
 */
static void
templates_generalize(templates *t, templates_template *tp, uint32_t i)
{
	const templates_token *token = &t->tokens[i];
	uint32_t id = tp->tokens[i], stem = t->intern_stem[id];
	char text[TEMPLATES_TOKEN_MAX + 3];

	if (token->variable && t->intern_variable[id] && stem > 0 &&
	    stem == templates_stem(token->text, token->len) &&
	    stem + 3 <= TEMPLATES_TOKEN_MAX &&
	    t->arena[t->intern_offset[id] + stem - 1] == '=') {
		memcpy(text, t->arena + t->intern_offset[id], stem);
		memcpy(text + stem, "<*>", 3);
		tp->tokens[i] = templates_intern(t, text, stem + 3,
		    templates_hash(text, stem + 3));
		return;
	}
	tp->tokens[i] = WILDCARD;
	tp->wildcard_count++;
}

/* Put a new template in the tree, as Drain's add_seq_to_prefix_tree. */
static void
templates_place_template(templates *t, uint32_t index)
{
	templates_template *tp = &t->list[index];
	templates_node *leaf;
	uint32_t node, child, label, i, layers;
	uint32_t max_children = t->opts.max_children;

	node = templates_child_or_add(t, 0, tp->level);
	node = templates_child_or_add(t, node, tp->emoji);
	node = templates_child_or_add(t, node, tp->token_count);
	layers = templates_layers(t, tp->token_count);
	for (i = 0; i < layers; i++) {
		label = tp->tokens[i];
		if ((child = templates_child(t, node, label)) != 0) {
			node = child;
			continue;
		}
		if (t->tokens[i].variable) {
			node = templates_child_or_add(t, node, WILDCARD);
		} else if (templates_child(t, node, WILDCARD) != 0) {
			if (t->nodes[node].child_count < max_children)
				node = templates_add_child(t, node, label);
			else
				node = templates_child(t, node, WILDCARD);
		} else if (t->nodes[node].child_count + 1 < max_children)
			node = templates_add_child(t, node, label);
		else
			node = templates_add_child(t, node, WILDCARD);
	}
	leaf = &t->nodes[node];
	if (leaf->member_count == leaf->member_capacity) {
		leaf->member_capacity = leaf->member_capacity ?
		    2 * leaf->member_capacity : 4;
		leaf->members = xreallocarray(leaf->members,
		    leaf->member_capacity, sizeof *leaf->members);
	}
	leaf->members[leaf->member_count++] = index;
}

static uint32_t
templates_create(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *message,
    size_t message_len, uint32_t count)
{
	templates_template *tp;
	templates_token *token;
	size_t cut;
	uint32_t i, index;

	if (t->list_count == t->list_capacity) {
		t->list_capacity = t->list_capacity ? 2 * t->list_capacity : 64;
		t->list = xreallocarray(t->list, t->list_capacity,
		    sizeof *t->list);
	}
	index = (uint32_t)t->list_count++;
	tp = &t->list[index];
	memset(tp, 0, sizeof *tp);
	memset(t->contexts, 0, sizeof t->contexts);
	tp->level = templates_context_id(t, level, level_len, true);
	tp->emoji = templates_context_id(t, emoji, emoji_len, true);
	tp->token_count = count;
	tp->tokens = xreallocarray(NULL, count, sizeof *tp->tokens);
	for (i = 0; i < count; i++) {
		token = &t->tokens[i];
		tp->tokens[i] = templates_intern(t, token->text, token->len,
		    token->hash);
		if (tp->tokens[i] == WILDCARD)
			tp->wildcard_count++;
	}
	tp->count = 1;
	templates_set_text(t, tp);

	/* Keep the example whole but for a cut at a UTF-8 boundary. */
	cut = message_len;
	if (cut > TEMPLATES_EXAMPLE_MAX) {
		cut = TEMPLATES_EXAMPLE_MAX;
		while (cut > 0 && ((unsigned char)message[cut] & 0xc0) == 0x80)
			cut--;
	}
	tp->example = xmalloc(cut + 1);
	if (cut > 0)
		memcpy(tp->example, message, cut);
	tp->example[cut] = '\0';
	tp->example_len = (uint32_t)cut;

	templates_place_template(t, index);
	return index + 1;
}

void
templates_options_init(templates_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->similarity = 0.7;
	opts->prefix_tokens = 1;
	opts->max_children = 100000;
	opts->max_templates = 10000;
	opts->max_tokens = 128;
	opts->typed_masks = true;
}

templates *
templates_new(const templates_options *opts)
{
	templates *t = xcalloc(1, sizeof *t);
	templates_options *o = &t->opts;

	if (opts != NULL)
		*o = *opts;
	else
		templates_options_init(o);
	/* Written so that NaN fails both tests and ends at 0. */
	if (!(o->similarity >= 0))
		o->similarity = 0;
	if (!(o->similarity <= 1))
		o->similarity = 1;
	if (o->max_children < 2)
		o->max_children = 2;
	if (o->max_templates < 1)
		o->max_templates = 1;
	if (o->max_templates >= UINT32_MAX)
		o->max_templates = UINT32_MAX - 1;
	if (o->max_tokens < 2)
		o->max_tokens = 2;
	if (o->max_tokens > 65535)
		o->max_tokens = 65535;
	t->threshold = (uint64_t)(o->similarity * SCALE + 0.5);

	t->arena_capacity = 4096;
	t->arena = xmalloc(t->arena_capacity);
	t->intern_capacity = 256;
	t->intern_offset = xreallocarray(NULL, t->intern_capacity,
	    sizeof *t->intern_offset);
	t->intern_len = xreallocarray(NULL, t->intern_capacity,
	    sizeof *t->intern_len);
	t->intern_variable = xreallocarray(NULL, t->intern_capacity,
	    sizeof *t->intern_variable);
	t->intern_stem = xreallocarray(NULL, t->intern_capacity,
	    sizeof *t->intern_stem);
	t->intern_word = xreallocarray(NULL, t->intern_capacity,
	    sizeof *t->intern_word);
	t->intern_mask = 511;
	t->intern_slots = xcalloc(t->intern_mask + 1, sizeof *t->intern_slots);
	templates_intern(t, "<*>", 3, templates_hash("<*>", 3));

	t->node_capacity = 256;
	t->nodes = xcalloc(t->node_capacity, sizeof *t->nodes);
	t->node_count = 1;
	t->edge_mask = 511;
	t->edge_shift = 64 - 9;
	t->edges = xcalloc(t->edge_mask + 1, sizeof *t->edges);

	t->scratch = xmalloc((size_t)o->max_tokens * TEMPLATES_TOKEN_MAX);
	t->tokens = xcalloc(o->max_tokens, sizeof *t->tokens);
	t->lookups = xcalloc(o->max_tokens, sizeof *t->lookups);
	t->ids = xcalloc(o->max_tokens, sizeof *t->ids);
	return t;
}

void
templates_free(templates *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->list_count; i++) {
		free(t->list[i].tokens);
		free(t->list[i].text);
		free(t->list[i].example);
	}
	free(t->list);
	for (i = 0; i < t->node_count; i++)
		free(t->nodes[i].members);
	free(t->nodes);
	free(t->edges);
	free(t->arena);
	free(t->intern_offset);
	free(t->intern_len);
	free(t->intern_variable);
	free(t->intern_stem);
	free(t->intern_word);
	free(t->intern_slots);
	free(t->scratch);
	free(t->clean);
	free(t->tokens);
	free(t->lookups);
	free(t->ids);
	free(t->shape_keys);
	free(t->shape_heads);
	free(t->shape_next);
	free(t);
}

/* Add a message whose count tokens are in t->tokens. */
static uint32_t
templates_add_tokens(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *message,
    size_t message_len, uint32_t count)
{
	templates_template *tp = NULL;
	uint32_t leaf, i;
	bool changed = false;

	t->messages++;
	for (i = 0; i < count; i++) {
		t->ids[i] = templates_find(t, t->tokens[i].text,
		    t->tokens[i].len, t->tokens[i].hash);
	}
	leaf = templates_search(t, templates_context(t, level, level_len,
	    emoji, emoji_len), count);
	if (leaf != 0)
		tp = templates_best(t, leaf, count);
	if (tp == NULL) {
		if (t->list_count >= t->opts.max_templates) {
			t->capped = true;
			t->overflow++;
			return TEMPLATES_OVERFLOW;
		}
		return templates_create(t, level, level_len, emoji, emoji_len,
		    message, message_len, count);
	}
	for (i = 0; i < count; i++) {
		if (tp->tokens[i] != WILDCARD && tp->tokens[i] != t->ids[i]) {
			templates_generalize(t, tp, i);
			changed = true;
		}
	}
	if (changed)
		templates_set_text(t, tp);
	tp->count++;
	return (uint32_t)(tp - t->list) + 1;
}

uint32_t
templates_add(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *message,
    size_t message_len)
{
	if (message == NULL)
		message_len = 0;
	return templates_add_tokens(t, level, level_len, emoji, emoji_len,
	    message, message_len, templates_tokenize(t, message, message_len));
}

uint32_t
templates_add_split(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *message,
    size_t message_len)
{
	if (message == NULL)
		message_len = 0;
	return templates_add_tokens(t, level, level_len, emoji, emoji_len,
	    message, message_len, t->split_count);
}

size_t
templates_count(const templates *t)
{
	return t->list_count;
}

bool
templates_get(const templates *t, size_t index, templates_entry *entry)
{
	const templates_template *tp;

	if (index >= t->list_count)
		return false;
	tp = &t->list[index];
	entry->id = (uint32_t)index + 1;
	entry->text = tp->text;
	entry->text_len = tp->text_len;
	entry->token_count = tp->token_count;
	entry->count = tp->count;
	entry->example = tp->example;
	entry->example_len = tp->example_len;
	entry->level = t->arena + t->intern_offset[tp->level];
	entry->level_len = t->intern_len[tp->level];
	entry->emoji = t->arena + t->intern_offset[tp->emoji];
	entry->emoji_len = t->intern_len[tp->emoji];
	entry->merged_into = tp->merged_into;
	return true;
}

uint64_t
templates_messages(const templates *t)
{
	return t->messages;
}

uint64_t
templates_overflow(const templates *t)
{
	return t->overflow;
}

bool
templates_capped(const templates *t)
{
	return t->capped;
}

uint32_t
templates_seed(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *text, size_t text_len,
    uint64_t count)
{
	templates_token *token;
	size_t p = 0, q;
	uint32_t tokens = 0, id;

	if (text == NULL)
		text_len = 0;
	/* A template's text is its tokens, already masked: no masking. */
	while (p < text_len) {
		while (p < text_len && IS_SPACE(text[p]))
			p++;
		if (p == text_len)
			break;
		for (q = p; q < text_len && !IS_SPACE(text[q]); q++)
			;
		if (tokens == t->opts.max_tokens || q - p > TEMPLATES_TOKEN_MAX)
			return TEMPLATES_OVERFLOW;
		token = &t->tokens[tokens++];
		token->text = text + p;
		token->len = (uint32_t)(q - p);
		token->variable = templates_is_variable(token->text,
		    token->len);
		token->hash = templates_hash(token->text, token->len);
		p = q;
	}
	if (t->list_count >= t->opts.max_templates) {
		t->capped = true;
		return TEMPLATES_OVERFLOW;
	}
	id = templates_create(t, level, level_len, emoji, emoji_len, text,
	    text_len, tokens);
	t->list[id - 1].count = count;
	return id;
}

static uint32_t
templates_shape_slot(const templates *t, uint64_t key)
{
	uint32_t i = templates_edge_slot(key, 32) & t->shape_mask;

	while (t->shape_heads[i] != 0 && t->shape_keys[i] != key)
		i = (i + 1) & t->shape_mask;
	return i;
}

/* Chain the templates by level and token count, oldest first. */
static void
templates_shape_build(templates *t)
{
	uint32_t size = 16, slot;

	while (size < 2 * t->list_count)
		size *= 2;
	free(t->shape_keys);
	free(t->shape_heads);
	free(t->shape_next);
	t->shape_keys = xcalloc(size, sizeof *t->shape_keys);
	t->shape_heads = xcalloc(size, sizeof *t->shape_heads);
	t->shape_next = xcalloc(t->list_count + 1, sizeof *t->shape_next);
	t->shape_mask = size - 1;
	/* Backwards, so that each chain starts with its oldest template. */
	for (size_t i = t->list_count; i-- > 0;) {
		const templates_template *tp = &t->list[i];
		uint64_t key = (uint64_t)tp->level << 32 | tp->token_count;
		slot = templates_shape_slot(t, key);
		t->shape_next[i] = t->shape_heads[slot];
		t->shape_keys[slot] = key;
		t->shape_heads[slot] = (uint32_t)i + 1;
	}
	t->shape_built = t->list_count;
}

size_t
templates_split(templates *t, const char *message, size_t message_len)
{
	if (message == NULL)
		message_len = 0;
	t->split_count = templates_tokenize(t, message, message_len);
	return t->split_count;
}

const char *
templates_split_token(const templates *t, size_t i, size_t *len)
{
	*len = t->tokens[i].len;
	return t->tokens[i].text;
}

uint32_t
templates_known(templates *t, const char *level, size_t level_len,
    const char *message, size_t message_len)
{
	const templates_template *best = NULL, *tp;
	uint32_t count, level_id, next, same, best_same = 0, conflict;

	if (message == NULL)
		message_len = 0;
	level_id = templates_context_id(t, level, level_len, false);
	if (level_id == UNKNOWN)
		return 0;
	if (t->shape_heads == NULL || t->shape_built != t->list_count)
		templates_shape_build(t);
	count = templates_tokenize(t, message, message_len);
	for (uint32_t i = 0; i < count; i++) {
		t->ids[i] = templates_find(t, t->tokens[i].text,
		    t->tokens[i].len, t->tokens[i].hash);
	}
	next = t->shape_heads[templates_shape_slot(t,
	    (uint64_t)level_id << 32 | count)];
	/* The choice of templates_best, over every emoji, <*> matching all. */
	for (; next != 0; next = t->shape_next[next - 1]) {
		tp = &t->list[next - 1];
		if (tp->merged_into != 0)
			continue;
		same = templates_same(t, tp, count, &conflict);
		if (conflict != 0)
			continue;
		if (best == NULL || same > best_same || (same == best_same &&
		    tp->wildcard_count > best->wildcard_count)) {
			best = tp;
			best_same = same;
		}
	}
	if (best == NULL)
		return 0;
	if (count > 0 && (uint64_t)best_same * SCALE < t->threshold * count)
		return 0;
	return (uint32_t)(best - t->list) + 1;
}
