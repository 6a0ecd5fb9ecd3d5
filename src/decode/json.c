/*
 * json: the decoder of `decode: json` (see decoder.h): one JSON object per
 * record.  It checks the whole record as JSON in one pass without
 * recursion (so depth is bounded by JSON_MAX_DEPTH, not by the stack) and
 * keeps the top-level members as byte ranges; jansson decodes a string
 * only when it holds an escape and a field asks for it.  It owns its
 * keyed state; see keyed.h.
 */
#include "decode/decoder.h"
#include "decode/keyed.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/xalloc.h"

/* Nesting past this is a decode-limit finding, not a stack overflow. */
#define JSON_MAX_DEPTH		512
/* A number longer than this is a decode-limit finding. */
#define JSON_MAX_NUMBER		100
/* A key longer than this is a decode-limit finding. */
#define JSON_MAX_KEY		4096

typedef struct {
	keyed k;
	unsigned char stack[JSON_MAX_DEPTH];	/* '{' or '[' */
	const char *why;	/* the syntax error */
	size_t why_at;
	bool report;		/* the pass that reports problems */
} json;

/* Where a parse puts the members of the object it reads. */
typedef struct {
	bool top;		/* into the keyed members */
	const char *want;	/* otherwise: the member named want */
	size_t want_len;
	keyed_member *found;
	bool hit;
} json_sink;

static inline size_t
json_ws(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i;
}

static bool
json_fail(json *js, size_t at, const char *why)
{
	js->why = why;
	js->why_at = at;
	return false;
}

static int
json_hex(const char *s, size_t len, size_t i)
{
	int value = 0;

	if (len - i < 4)
		return -1;
	for (size_t k = i; k < i + 4; k++) {
		char c = s[k];
		value <<= 4;
		if (c >= '0' && c <= '9')
			value |= c - '0';
		else if (c >= 'a' && c <= 'f')
			value |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			value |= c - 'A' + 10;
		else
			return -1;
	}
	return value;
}

/* Bytes a string scans past at once: none of '"', '\\', controls. */
static const unsigned char json_plain[256] = {
	['"'] = 1, ['\\'] = 1,
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1,
	[0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
	[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
	[0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1,
};

/* The string whose quote is at *i; *i ends past its closing quote. */
static bool
json_scan_string(json *js, const char *s, size_t len, size_t *i,
    bool *escaped)
{
	size_t p = *i + 1;

	*escaped = false;
	for (;;) {
#ifdef __SSE2__
		/* Strings are most of a record: 16 plain bytes at a time. */
		const __m128i quote = _mm_set1_epi8('"'),
		    backslash = _mm_set1_epi8('\\'),
		    space = _mm_set1_epi8(0x20);
		while (len - p >= 16) {
			__m128i chunk = _mm_loadu_si128((const __m128i *)(s +
			    p));
			unsigned high = (unsigned)_mm_movemask_epi8(chunk);
			unsigned stop = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(chunk, quote)) |
			    (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(chunk, backslash)) |
			    ((unsigned)_mm_movemask_epi8(
			    _mm_cmplt_epi8(chunk, space)) & ~high);
			if (stop != 0) {
				p += (size_t)__builtin_ctz(stop);
				break;
			}
			p += 16;
		}
#endif
		while (p < len && !json_plain[(unsigned char)s[p]])
			p++;
		if (p >= len)
			return json_fail(js, *i, "a string is not closed");
		if (s[p] == '"')
			break;
		if (s[p] != '\\')
			return json_fail(js, p, "a control character in a "
			    "string (it must be escaped)");
		*escaped = true;
		if (p + 1 >= len)
			return json_fail(js, p, "a string is not closed");
		char c = s[p + 1];
		if (c != 'u') {
			if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
				return json_fail(js, p, "an invalid escape");
			p += 2;
			continue;
		}
		int cp = json_hex(s, len, p + 2);
		if (cp < 0)
			return json_fail(js, p, "an invalid \\u escape");
		if (cp >= 0xd800 && cp <= 0xdbff) {
			int low = len - p >= 12 && s[p + 6] == '\\' &&
			    s[p + 7] == 'u' ? json_hex(s, len, p + 8) : -1;
			if (low >= 0xdc00 && low <= 0xdfff) {
				p += 12;
				continue;
			}
			if (js->report)
				keyed_problem(&js->k, FINDING_STRING_ESCAPE, p,
				    "a lone surrogate \\u%04X in a string", cp);
		} else if (cp >= 0xdc00 && cp <= 0xdfff) {
			if (js->report)
				keyed_problem(&js->k, FINDING_STRING_ESCAPE, p,
				    "a lone surrogate \\u%04X in a string", cp);
		} else if (cp == 0 && js->report)
			keyed_problem(&js->k, FINDING_STRING_ESCAPE, p,
			    "a \\u0000 escape: a NUL in a string");
		p += 6;
	}
	*i = p + 1;
	return true;
}

static inline bool
json_digit(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

static bool
json_scan_number(json *js, const char *s, size_t len, size_t *i,
    unsigned *type)
{
	size_t p = *i;

	*type = RULES_TYPE_NUMBER | RULES_TYPE_INTEGER;
	if (p < len && s[p] == '-')
		p++;
	if (!json_digit(s, len, p))
		return json_fail(js, p, "a value was expected");
	if (s[p] == '0')
		p++;
	else
		while (json_digit(s, len, p))
			p++;
	if (p < len && s[p] == '.') {
		*type = RULES_TYPE_NUMBER;
		if (!json_digit(s, len, ++p))
			return json_fail(js, p, "a digit was expected after "
			    "the decimal point");
		while (json_digit(s, len, p))
			p++;
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E')) {
		*type = RULES_TYPE_NUMBER;
		p++;
		if (p < len && (s[p] == '+' || s[p] == '-'))
			p++;
		if (!json_digit(s, len, p))
			return json_fail(js, p, "a digit was expected in the "
			    "exponent");
		while (json_digit(s, len, p))
			p++;
	}
	if (p - *i > JSON_MAX_NUMBER && js->report)
		keyed_problem(&js->k, FINDING_DECODE_LIMIT, *i, "a number of "
		    "%zu characters (the most is %d)", p - *i,
		    JSON_MAX_NUMBER);
	*i = p;
	return true;
}

static bool
json_scan_literal(json *js, const char *s, size_t len, size_t *i,
    unsigned *type)
{
	static const struct {
		const char *word;
		size_t len;
		unsigned type;
	} words[] = {
		{ "true", 4, RULES_TYPE_BOOLEAN },
		{ "false", 5, RULES_TYPE_BOOLEAN },
		{ "null", 4, RULES_TYPE_NULL },
	};

	for (size_t k = 0; k < 3; k++) {
		if (len - *i >= words[k].len &&
		    memcmp(s + *i, words[k].word, words[k].len) == 0) {
			*i += words[k].len;
			*type = words[k].type;
			return true;
		}
	}
	return json_fail(js, *i, "a value was expected");
}

enum { JSON_VALUE, JSON_FIRST_VALUE, JSON_FIRST_KEY, JSON_KEY, JSON_AFTER };

/*
 * Read the object at s[*pos] to its end, checking it is JSON, and give
 * the sink its members.  No recursion: a stack of open brackets.
 */
static bool
json_parse(json *js, const char *s, size_t len, size_t *pos, json_sink *sink)
{
	keyed_member local, *m = &local;
	size_t i = *pos, depth = 0;
	int state = JSON_VALUE;
	bool escaped;
	unsigned type;

	for (;;) {
		i = json_ws(s, len, i);
		if (i >= len && !(state == JSON_AFTER && depth == 0))
			return json_fail(js, len, "the line ends inside the "
			    "object");
		switch (state) {
		case JSON_FIRST_VALUE:
			if (s[i] == ']')
				goto close;
			/* FALLTHROUGH */
		case JSON_VALUE:
			if (depth == 1)
				m->value_at = i;
			if (s[i] == '{' || s[i] == '[') {
				if (depth == JSON_MAX_DEPTH) {
					if (js->report)
						keyed_problem(&js->k,
						    FINDING_DECODE_LIMIT, i,
						    "objects and arrays nested "
						    "deeper than %d",
						    JSON_MAX_DEPTH);
					return json_fail(js, i, NULL);
				}
				js->stack[depth++] = (unsigned char)s[i];
				state = s[i] == '{' ? JSON_FIRST_KEY :
				    JSON_FIRST_VALUE;
				i++;
				continue;
			}
			if (depth == 0)
				return json_fail(js, i, "not an object");
			if (s[i] == '"') {
				if (!json_scan_string(js, s, len, &i, &escaped))
					return false;
				type = RULES_TYPE_STRING;
				if (depth == 1) {
					m->value_at++;
					m->value_escaped = escaped;
				}
			} else if (s[i] == '-' || (s[i] >= '0' &&
			    s[i] <= '9')) {
				if (!json_scan_number(js, s, len, &i, &type))
					return false;
			} else if (!json_scan_literal(js, s, len, &i, &type))
				return false;
			if (depth == 1) {
				m->type = type;
				m->value_len = i - m->value_at -
				    (type == RULES_TYPE_STRING);
				goto member;
			}
			state = JSON_AFTER;
			continue;
		case JSON_FIRST_KEY:
			if (s[i] == '}')
				goto close;
			/* FALLTHROUGH */
		case JSON_KEY:
			if (s[i] != '"')
				return json_fail(js, i, "a key (a string) was "
				    "expected");
			size_t key_at = i;
			if (!json_scan_string(js, s, len, &i, &escaped))
				return false;
			if (depth == 1) {
				m = sink->top ? keyed_member_add(&js->k) :
				    &local;
				m->key_at = key_at + 1;
				m->key_len = i - key_at - 2;
				m->key_escaped = escaped;
				m->value_escaped = false;
				if (m->key_len > JSON_MAX_KEY && js->report)
					keyed_problem(&js->k,
					    FINDING_DECODE_LIMIT, key_at, "a "
					    "key of %zu bytes (the most is "
					    "%d)", m->key_len, JSON_MAX_KEY);
			}
			i = json_ws(s, len, i);
			if (i >= len || s[i] != ':')
				return json_fail(js, i, "':' was expected "
				    "after the key");
			i++;
			state = JSON_VALUE;
			continue;
		case JSON_AFTER:
			if (depth == 0) {
				*pos = i;
				return true;
			}
			if (s[i] == ',') {
				i++;
				state = js->stack[depth - 1] == '{' ?
				    JSON_KEY : JSON_VALUE;
				continue;
			}
			if ((s[i] == '}' && js->stack[depth - 1] == '{') ||
			    (s[i] == ']' && js->stack[depth - 1] == '['))
				goto close;
			return json_fail(js, i, js->stack[depth - 1] == '{' ?
			    "',' or '}' was expected" :
			    "',' or ']' was expected");
		}
close:
		depth--;
		i++;
		state = JSON_AFTER;
		if (depth != 1)
			continue;
		m->type = js->stack[1] == '{' ? RULES_TYPE_OBJECT :
		    RULES_TYPE_ARRAY;
		m->value_len = i - m->value_at;
member:
		state = JSON_AFTER;
		if (!sink->top && !sink->hit && m->key_len == sink->want_len &&
		    memcmp(s + m->key_at, sink->want, sink->want_len) == 0) {
			*sink->found = *m;
			sink->hit = true;
		}
	}
}

static bool
json_child(keyed *k, const keyed_member *parent, const char *part,
    size_t part_len, keyed_member *child)
{
	json *js = (json *)k;
	json_sink sink = { .want = part, .want_len = part_len,
	    .found = child };
	size_t at = parent->value_at;

	if (parent->type != RULES_TYPE_OBJECT)
		return false;
	/* The record was read whole already: this pass reports nothing. */
	js->report = false;
	bool ok = json_parse(js, k->text, parent->value_at + parent->value_len,
	    &at, &sink);
	js->report = true;
	return ok && sink.hit;
}

static char *
json_unescape(keyed *k, const keyed_member *m, size_t *len)
{
	json_error_t error;
	json_t *value = json_loadb(k->text + m->value_at - 1, m->value_len + 2,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &error);
	char *text = NULL;

	/* A lone surrogate: jansson says no, and the raw text stays. */
	if (value != NULL && json_is_string(value)) {
		*len = json_string_length(value);
		text = xmalloc(*len + 1);
		memcpy(text, json_string_value(value), *len + 1);
	}
	json_decref(value);
	return text;
}

static const keyed_syntax json_syntax = {
	.child = json_child, .unescape = json_unescape,
};

static void *
json_create(const rules *r, pcrematch *m)
{
	json *js = xcalloc(1, sizeof *js);

	(void)m;
	keyed_init(&js->k, r, &json_syntax);
	js->report = true;
	return js;
}

static void
json_free(void *state)
{
	json *js = state;

	if (js == NULL)
		return;
	keyed_clear(&js->k);
	free(js);
}

static void
json_decode(void *state, const decode_input *in, decode_result *res)
{
	json *js = state;
	json_sink sink = { .top = true };
	size_t i = 0;

	keyed_begin(&js->k, in->text, in->len, res);
	/*
	 * A record is an object from the line's first byte, as JSON Lines
	 * writers put it: an indented brace is text (a traceback's source
	 * line, the inside of pretty-printed JSON).
	 */
	if (in->len == 0 || in->text[0] != '{') {
		res->status = DECODE_FOREIGN;
		return;
	}
	js->why = NULL;
	if (json_parse(js, in->text, in->len, &i, &sink)) {
		if (i == in->len) {
			keyed_finish(&js->k, res);
			return;
		}
		json_fail(js, i, "text after the object");
	}
	if (js->why != NULL)
		keyed_problem(&js->k, FINDING_JSON_SYNTAX, js->why_at,
		    "invalid JSON at column %zu: %s", js->why_at + 1,
		    js->why);
	keyed_broken(&js->k, res);
}

static int
json_field_index(const void *state, const char *name)
{
	/* Asking for a field adds it to the table, the record unchanged. */
	return keyed_field_index(&((json *)(uintptr_t)state)->k, name);
}

static void
json_field(const void *state, int index, const decode_result *res,
    decode_field *field)
{
	(void)res;
	/* A field is decoded the first time it is asked for, then kept. */
	keyed_field(&((json *)(uintptr_t)state)->k, index, field);
}

const decoder_ops decoder_json = {
	.name = "json",
	.create = json_create,
	.free = json_free,
	.decode = json_decode,
	.field_index = json_field_index,
	.field = json_field,
};
