/*
 * logfmt: the decoder of `decode: logfmt` (see decoder.h): key=value
 * pairs parted by spaces, as Go's log/slog TextHandler and logrus's
 * TextFormatter write them.  A value is bare (up to the next space) or
 * quoted with Go's escapes (\" \\ \n \t \xHH \uHHHH ...); a key without
 * '=' is a bare key.  Keys are flat: slog writes groups as dotted keys
 * ("req.level"), which a rule names as they are.  It owns its keyed
 * state; see keyed.h.
 */
#include "decode/decoder.h"
#include "decode/keyed.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A key longer than this is a decode-limit finding. */
#define LOGFMT_MAX_KEY	4096

typedef struct {
	keyed k;
} logfmt;

static inline bool
logfmt_key_byte(unsigned char c)
{
	return c > ' ' && c != '=' && c != '"' && c != 0x7f;
}

/* What a bare value reads as: logfmt has no types, so a string too. */
static unsigned
logfmt_type(const char *s, size_t len)
{
	size_t i = 0;
	bool digits = false, fraction = false;

	if ((len == 4 && memcmp(s, "true", 4) == 0) ||
	    (len == 5 && memcmp(s, "false", 5) == 0))
		return RULES_TYPE_BOOLEAN | RULES_TYPE_STRING;
	if (i < len && s[i] == '-')
		i++;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits = true;
		else if (s[i] == '.' && !fraction)
			fraction = true;
		else
			return RULES_TYPE_STRING;
	}
	if (!digits)
		return RULES_TYPE_STRING;
	return RULES_TYPE_STRING | RULES_TYPE_NUMBER |
	    (fraction ? 0 : RULES_TYPE_INTEGER);
}

static void
logfmt_decode(void *state, const decode_input *in, decode_result *res)
{
	logfmt *lf = state;
	const char *s = in->text;
	size_t len = in->len, i = 0;

	keyed_begin(&lf->k, s, len, res);
	while (i < len && s[i] == ' ')
		i++;
	/* A logfmt record starts with key=. */
	size_t first = i;
	while (i < len && logfmt_key_byte((unsigned char)s[i]))
		i++;
	if (i == first || i >= len || s[i] != '=') {
		res->status = DECODE_FOREIGN;
		return;
	}
	i = first;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		size_t key_at = i;
		while (i < len && logfmt_key_byte((unsigned char)s[i]))
			i++;
		if (i == key_at) {
			keyed_problem(&lf->k, FINDING_LOGFMT_SYNTAX, i,
			    "a key was expected at column %zu", i + 1);
			keyed_broken(&lf->k, res);
			return;
		}
		keyed_member *m = keyed_member_add(&lf->k);
		m->key_at = key_at;
		m->key_len = i - key_at;
		if (m->key_len > LOGFMT_MAX_KEY)
			keyed_problem(&lf->k, FINDING_DECODE_LIMIT, key_at,
			    "a key of %zu bytes (the most is %d)", m->key_len,
			    LOGFMT_MAX_KEY);
		if (i >= len || s[i] != '=') {
			/* A bare key. */
			m->value_at = i;
			m->type = RULES_TYPE_BOOLEAN;
			continue;
		}
		i++;
		if (i < len && s[i] == '"') {
			size_t quote = i++;
			while (i < len && s[i] != '"') {
				if (s[i] == '\\') {
					m->value_escaped = true;
					i++;
				}
				i++;
			}
			if (i >= len) {
				keyed_problem(&lf->k, FINDING_LOGFMT_SYNTAX,
				    quote, "the quote at column %zu is not "
				    "closed", quote + 1);
				keyed_broken(&lf->k, res);
				return;
			}
			m->value_at = quote + 1;
			m->value_len = i - quote - 1;
			m->type = RULES_TYPE_STRING;
			i++;
			if (i < len && s[i] != ' ' && s[i] != '\t') {
				keyed_problem(&lf->k, FINDING_LOGFMT_SYNTAX,
				    i, "a space was expected after the quoted "
				    "value at column %zu", i + 1);
				keyed_broken(&lf->k, res);
				return;
			}
			continue;
		}
		m->value_at = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		m->value_len = i - m->value_at;
		m->type = logfmt_type(s + m->value_at, m->value_len);
	}
	keyed_finish(&lf->k, res);
}

static int
logfmt_hex(const char *s, size_t len, size_t at, size_t count, uint32_t *cp)
{
	*cp = 0;
	if (len - at < count)
		return -1;
	for (size_t k = at; k < at + count; k++) {
		char c = s[k];
		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static size_t
logfmt_put_utf8(char *out, uint32_t cp)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Go's strconv.Quote escapes, undone; an unknown one is kept as it is. */
static char *
logfmt_unescape(keyed *k, const keyed_member *m, size_t *len)
{
	const char *s = k->text + m->value_at;
	size_t n = m->value_len, o = 0;
	/* No escape grows: \uHHHH is 6 bytes for at most 3. */
	char *out = xmalloc(n + 1);
	uint32_t cp;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			out[o++] = s[i];
			continue;
		}
		char c = s[++i];
		const char *from = "abfnrtv\\\"'", *to = "\a\b\f\n\r\t\v\\\"'";
		const char *hit = strchr(from, c);
		if (hit != NULL && c != '\0') {
			out[o++] = to[hit - from];
		} else if (c == 'x' && logfmt_hex(s, n, i + 1, 2, &cp) == 0) {
			out[o++] = (char)cp;
			i += 2;
		} else if (c == 'u' && logfmt_hex(s, n, i + 1, 4, &cp) == 0) {
			o += logfmt_put_utf8(out + o, cp);
			i += 4;
		} else if (c == 'U' && logfmt_hex(s, n, i + 1, 8, &cp) == 0) {
			o += logfmt_put_utf8(out + o, cp);
			i += 8;
		} else {
			out[o++] = '\\';
			out[o++] = c;
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static const keyed_syntax logfmt_syntax = {
	.child = NULL, .unescape = logfmt_unescape,
};

static void *
logfmt_create(const rules *r, pcrematch *m)
{
	logfmt *lf = xcalloc(1, sizeof *lf);

	(void)m;
	keyed_init(&lf->k, r, &logfmt_syntax);
	return lf;
}

static void
logfmt_free(void *state)
{
	logfmt *lf = state;

	if (lf == NULL)
		return;
	keyed_clear(&lf->k);
	free(lf);
}

static int
logfmt_field_index(const void *state, const char *name)
{
	/* Asking for a field adds it to the table, the record unchanged. */
	return keyed_field_index(&((logfmt *)(uintptr_t)state)->k, name);
}

static void
logfmt_field(const void *state, int index, const decode_result *res,
    decode_field *field)
{
	(void)res;
	/* A field is decoded the first time it is asked for, then kept. */
	keyed_field(&((logfmt *)(uintptr_t)state)->k, index, field);
}

const decoder_ops decoder_logfmt = {
	.name = "logfmt",
	.create = logfmt_create,
	.free = logfmt_free,
	.decode = logfmt_decode,
	.field_index = logfmt_field_index,
	.field = logfmt_field,
};
