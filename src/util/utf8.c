/* utf8: helpers for untrusted text; see utf8.h. */
#include "util/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/xalloc.h"

/*
 * The length of the strictly valid sequence at s, whose lead is 0x80 or
 * above, or 0 when there is none (invalid lead, bad continuation,
 * overlong form, surrogate, above U+10FFFF, or cut short by len).  Inline:
 * it is the hot loop of utf8_invalid_offset.
 */
static inline size_t
utf8_valid_length(const unsigned char *s, size_t len)
{
	unsigned char lead = s[0], low = 0x80, high = 0xbf;
	size_t need;

	if (lead < 0xc2 || lead > 0xf4)
		return 0;
	need = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
	if (len < need)
		return 0;
	if (lead == 0xe0)
		low = 0xa0;	/* overlong */
	else if (lead == 0xed)
		high = 0x9f;	/* surrogates */
	else if (lead == 0xf0)
		low = 0x90;	/* overlong */
	else if (lead == 0xf4)
		high = 0x8f;	/* above U+10FFFF */
	if (s[1] < low || s[1] > high)
		return 0;
	if (need >= 3 && (s[2] & 0xc0) != 0x80)
		return 0;
	if (need == 4 && (s[3] & 0xc0) != 0x80)
		return 0;
	return need;
}

/* Decode one strictly valid sequence: its length, or 0 as above. */
static size_t
utf8_decode_strict(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const unsigned char lead_bits[5] = { 0, 0, 0x1f, 0x0f, 0x07 };
	size_t need;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	need = utf8_valid_length(s, len);
	if (need == 0)
		return 0;
	*cp = s[0] & lead_bits[need];
	for (size_t i = 1; i < need; i++)
		*cp = (*cp << 6) | (s[i] & 0x3f);
	return need;
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t used;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	used = utf8_decode_strict((const unsigned char *)s, len, cp);
	if (used == 0) {
		*cp = 0xfffd;
		return 1;
	}
	return used;
}

size_t
utf8_invalid_offset(const char *s, size_t len)
{
	const unsigned char *bytes = (const unsigned char *)s;
	size_t pos = 0;

	while (pos < len) {
#ifdef __SSE2__
		/* Log text is mostly ASCII: check 16 bytes at a time. */
		if (len - pos >= 16 && _mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(bytes + pos))) == 0) {
			pos += 16;
			continue;
		}
		/* The rest, in a chunk that ends at the end and overlaps. */
		if (len - pos < 16 && len >= 16 &&
		    (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(bytes + len - 16))) >>
		    (16 - (len - pos)) == 0)
			return len;
#endif
		/* Else 8 bytes at a time. */
		if (len - pos >= 8) {
			uint64_t word;
			memcpy(&word, bytes + pos, sizeof word);
			if ((word & UINT64_C(0x8080808080808080)) == 0) {
				pos += 8;
				continue;
			}
		}
		if (bytes[pos] < 0x80) {
			pos++;
			continue;
		}
		size_t used = utf8_valid_length(bytes + pos, len - pos);
		if (used == 0)
			return pos;
		pos += used;
	}
	return len;
}

size_t
utf8_column(const char *s, size_t len, size_t byte_offset)
{
	size_t column = 1, pos = 0;
	uint32_t cp;

	if (byte_offset > len)
		byte_offset = len;
	while (pos < byte_offset) {
		size_t used = utf8_decode(s + pos, len - pos, &cp);
		if (pos + used > byte_offset)
			break;
		pos += used;
		column++;
	}
	return column;
}

typedef struct {
	uint32_t first, last;
} utf8_range;

/*
 * The width tables approximate Unicode 15 (EastAsianWidth.txt and the
 * general categories Mn, Me, Cf) well enough to place a caret under log
 * text; they are not complete.  Terminals disagree about emoji anyway: here
 * every code point of the emoji blocks 1F300-1F64F, 1F680-1F6FF,
 * 1F900-1F9FF, 1FA70-1FAFF and the regional indicators is 2 columns, and in
 * 2600-27BF only the symbols with default emoji presentation are.  A
 * sequence (ZWJ family, flag, skin tone) is counted code point by code
 * point, so it may come out wider than a terminal that joins it draws it,
 * and a text symbol followed by U+FE0F stays 1 column.
 */
static const utf8_range utf8_zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x061c, 0x061c },
	{ 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074a }, { 0x07a6, 0x07b0 },
	{ 0x07eb, 0x07f3 }, { 0x0900, 0x0902 }, { 0x093a, 0x093a },
	{ 0x093c, 0x093c }, { 0x0941, 0x0948 }, { 0x094d, 0x094d },
	{ 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1160, 0x11ff },
	{ 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f },
	{ 0x2028, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f },
	{ 0x20d0, 0x20ff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xe0000, 0xe007f }, { 0xe0100, 0xe01ef },
};

static const utf8_range utf8_double_width[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18d08 }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f1e6, 0x1f1ff }, { 0x1f200, 0x1f202 }, { 0x1f210, 0x1f23b },
	{ 0x1f240, 0x1f248 }, { 0x1f250, 0x1f251 }, { 0x1f260, 0x1f265 },
	{ 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff }, { 0x1f7e0, 0x1f7eb },
	{ 0x1f900, 0x1f9ff }, { 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

static bool
utf8_in_table(uint32_t cp, const utf8_range *table, size_t count)
{
	size_t low = 0, high = count;

	if (cp < table[0].first || cp > table[count - 1].last)
		return false;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (cp < table[mid].first)
			high = mid;
		else if (cp > table[mid].last)
			low = mid + 1;
		else
			return true;
	}
	return false;
}

#define UTF8_COUNT(a) (sizeof (a) / sizeof (a)[0])

int
utf8_width(uint32_t cp)
{
	/* Controls draw nothing of their own; utf8_excerpt escapes them. */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (utf8_in_table(cp, utf8_zero_width, UTF8_COUNT(utf8_zero_width)))
		return 0;
	if (utf8_in_table(cp, utf8_double_width,
	    UTF8_COUNT(utf8_double_width)))
		return 2;
	return 1;
}

/* How one piece of the line is shown in an excerpt. */
typedef enum {
	UTF8_SHOW_RAW,		/* the bytes themselves */
	UTF8_SHOW_SPACE,	/* a tab, as one space */
	UTF8_SHOW_BYTE,		/* \xNN: control code point or invalid byte */
	UTF8_SHOW_CODE,		/* \uNNNN: bidi control, line separator */
} utf8_show;

typedef struct {
	size_t offset;		/* in the line */
	uint32_t value;		/* code point, or the invalid byte */
	unsigned char len;	/* bytes in the line */
	unsigned char width;	/* display columns once shown */
	unsigned char shown;	/* bytes once shown */
	utf8_show show;
} utf8_piece;

static void
utf8_piece_at(const char *line, size_t len, size_t pos, utf8_piece *piece)
{
	const unsigned char *bytes = (const unsigned char *)line;
	uint32_t cp;
	size_t used = utf8_decode_strict(bytes + pos, len - pos, &cp);

	piece->offset = pos;
	if (used == 0) {
		piece->len = 1;
		piece->value = bytes[pos];
		piece->show = UTF8_SHOW_BYTE;
		piece->width = piece->shown = 4;
		return;
	}
	piece->len = (unsigned char)used;
	piece->value = cp;
	if (cp == '\t') {
		piece->show = UTF8_SHOW_SPACE;
		piece->width = piece->shown = 1;
	} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
		piece->show = UTF8_SHOW_BYTE;
		piece->width = piece->shown = 4;
	} else if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
		/* These would reorder or break the terminal line. */
		piece->show = UTF8_SHOW_CODE;
		piece->width = piece->shown = 6;
	} else {
		piece->show = UTF8_SHOW_RAW;
		piece->width = (unsigned char)utf8_width(cp);
		piece->shown = piece->len;
	}
}

/* Pieces of no width still take room in the budget, which bounds bytes. */
static size_t
utf8_piece_cost(const utf8_piece *piece)
{
	return piece->width == 0 ? 1 : piece->width;
}

/* Write the low digits hex digits of value; return the end. */
static char *
utf8_hex(char *out, uint32_t value, int digits, const char *alphabet)
{
	for (int i = digits - 1; i >= 0; i--)
		*out++ = alphabet[(value >> (4 * i)) & 0xf];
	return out;
}

/*
 * Move forward from pos to a place where decoding from the line start would
 * also begin a piece: a lead byte, or after three continuation bytes.
 */
static size_t
utf8_resync(const char *line, size_t len, size_t pos)
{
	const unsigned char *bytes = (const unsigned char *)line;

	for (int skipped = 0; skipped < 3 && pos < len; skipped++) {
		if ((bytes[pos] & 0xc0) != 0x80)
			break;
		pos++;
	}
	return pos;
}

char *
utf8_excerpt(const char *line, size_t len, size_t at, size_t max_width,
    size_t *caret)
{
	utf8_piece *pieces = NULL;
	size_t count = 0, allocated = 0, target, reach, first, last, pos;
	size_t start, end, cost;
	size_t before_cost = 0, left_cost = 0, right_cost = 0, after_cost = 0;
	bool cut_left, cut_right;

	if (at > len)
		at = len;

	/*
	 * Only about max_width pieces can show on either side of at, and a
	 * piece is at most 4 bytes: look no further than that.
	 */
	if (max_width > (SIZE_MAX - 16) / 4)
		reach = SIZE_MAX;
	else
		reach = 4 * max_width + 16;
	first = at > reach ? utf8_resync(line, len, at - reach) : 0;
	last = len - at > reach ? at + reach : len;

	target = SIZE_MAX;
	for (pos = first; pos < last; pos += pieces[count - 1].len) {
		if (count == allocated) {
			allocated = allocated ? allocated * 2 : 64;
			pieces = xreallocarray(pieces, allocated, sizeof *pieces);
		}
		utf8_piece_at(line, len, pos, &pieces[count]);
		if (at >= pos && at < pos + pieces[count].len)
			target = count;
		count++;
	}
	last = pos;
	if (target == SIZE_MAX)
		target = count;	/* at == len: the caret goes after the end */

	/*
	 * Grow a window of pieces around the target, the shorter side first
	 * so the caret stays near the middle, while the pieces and the "..."
	 * each cut side needs fit in max_width.  Reaching an end of the line
	 * drops that side's "...", so first see whether all of a side fits.
	 */
	start = target;
	end = target < count ? target + 1 : target;
	for (size_t i = 0; i < count; i++) {
		if (i < start)
			before_cost += utf8_piece_cost(&pieces[i]);
		else if (i >= end)
			after_cost += utf8_piece_cost(&pieces[i]);
		else
			right_cost += utf8_piece_cost(&pieces[i]);
	}
	for (;;) {
		size_t inside = left_cost + right_cost;
		size_t dots_left = start > 0 || first > 0 ? 3 : 0;
		size_t dots_right = end < count || last < len ? 3 : 0;
		bool grow_left = false, grow_right = false;

		if (end < count && last == len &&
		    inside + after_cost + dots_left <= max_width) {
			right_cost += after_cost;
			after_cost = 0;
			end = count;
			continue;
		}
		if (start > 0 && first == 0 &&
		    inside + before_cost + dots_right <= max_width) {
			left_cost += before_cost;
			before_cost = 0;
			start = 0;
			continue;
		}
		if (start > 0) {
			cost = inside + utf8_piece_cost(&pieces[start - 1]) +
			    dots_right + 3;
			grow_left = cost <= max_width;
		}
		if (end < count) {
			cost = inside + utf8_piece_cost(&pieces[end]) +
			    dots_left + 3;
			grow_right = cost <= max_width;
		}
		if (grow_right && (!grow_left || right_cost <= left_cost)) {
			cost = utf8_piece_cost(&pieces[end]);
			right_cost += cost;
			after_cost -= cost;
			end++;
		} else if (grow_left) {
			start--;
			cost = utf8_piece_cost(&pieces[start]);
			left_cost += cost;
			before_cost -= cost;
		} else
			break;
	}
	cut_left = start > 0 || first > 0;
	cut_right = end < count || last < len;

	size_t size = 7;	/* two "..." and the NUL */
	for (size_t i = start; i < end; i++)
		size += pieces[i].shown;
	char *excerpt = xmalloc(size);
	char *out = excerpt;
	size_t column = 0;

	if (cut_left) {
		memcpy(out, "...", 3);
		out += 3;
		column += 3;
	}
	for (size_t i = start; i < end; i++) {
		const utf8_piece *piece = &pieces[i];

		if (i == target && caret != NULL)
			*caret = column;
		column += piece->width;
		switch (piece->show) {
		case UTF8_SHOW_RAW:
			memcpy(out, line + piece->offset, piece->len);
			out += piece->len;
			break;
		case UTF8_SHOW_SPACE:
			*out++ = ' ';
			break;
		case UTF8_SHOW_BYTE:
			*out++ = '\\';
			*out++ = 'x';
			out = utf8_hex(out, piece->value, 2, "0123456789abcdef");
			break;
		case UTF8_SHOW_CODE:
			*out++ = '\\';
			*out++ = 'u';
			out = utf8_hex(out, piece->value, 4, "0123456789ABCDEF");
			break;
		}
	}
	if (target >= end && caret != NULL)
		*caret = column;
	if (cut_right) {
		memcpy(out, "...", 3);
		out += 3;
	}
	*out = '\0';
	free(pieces);
	return excerpt;
}

char *
utf8_sanitize(const char *s, size_t len)
{
	/* Each input byte becomes at most 3 output bytes (U+FFFD). */
	char *clean = xreallocarray(NULL, len + 1, 3);
	char *out = clean;
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		const unsigned char *bytes = (const unsigned char *)s + pos;
		size_t used = 0;

		if (bytes[0] != 0)
			used = utf8_decode_strict(bytes, len - pos, &cp);
		if (used == 0) {
			memcpy(out, "\xef\xbf\xbd", 3);
			out += 3;
			pos++;
		} else {
			memcpy(out, bytes, used);
			out += used;
			pos += used;
		}
	}
	*out = '\0';
	return clean;
}
