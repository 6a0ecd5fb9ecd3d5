/*
 * infer: a log format learned from lines; see infer.h.
 *
 * Each line is cut into a layout: an optional prefix ("[", "<", "(" or a
 * syslog <PRI>), a timestamp that one of a fixed list of formats parses
 * (at the start or after a few header words: a file name, a label, an
 * epoch), up to INFER_GAP_WORDS words, a level token from the vocabulary
 * of decode/levels.c, and the separators between them; then the header
 * fields that follow (see INFER_TAIL_MAX: a component, "name[pid]:", a
 * bracketed context, a padded or '|'-ended column); the rest of the line
 * is the message.  A line with neither a timestamp nor a level has no
 * layout.  The layout is kept as a key: separator bytes as they are, and
 * one marker byte per field or run of spaces, so "[14:03:22] INFO: msg"
 * and "[09:00:01] WARN: other" share the key "[" TIME "]" SPACE LEVEL ":"
 * SPACE.  The fields after the level are counted apart, per key, so that
 * a message that happens to start with "word:" does not split the key.
 *
 * Keys are counted with the space-saving algorithm: a table of
 * INFER_CANDIDATES counters where a new key, when the table is full, takes
 * the place of the smallest counter.  Each counter also keeps what
 * infer_finish needs for its key: votes for the time formats, the level
 * tokens seen, emoji counts, the length of each run of spaces, the bytes of
 * each word, the header fields after the level, per-stream line counts and
 * sequence hashes, and a few sample lines.  The most frequent key wins.
 *
 * The pattern built from the winning key is as strict as the format where
 * the time is (two digits for %H, each format seen an alternative), but
 * takes any fraction and zone after the seconds, so that a timestamp that
 * changed there is the time format's finding; and loose where values
 * vary: padding is " +", a level is any run up to the next separator (so
 * a new level is a level finding, not a foreign line), a bracketed time
 * takes anything up to its closing bracket.  Header words and fields become named groups
 * (pid, field, host, component, context), so the message is the message.
 */
#include "learn/infer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decode/emoji.h"
#include "decode/levels.h"
#include "judge/judge.h"
#include "decode/timefmt.h"
#include "util/utf8.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* Layout keys counted at once; real captures have a handful. */
#define INFER_CANDIDATES	32
/* Bytes at the start of a line that may hold its layout. */
#define INFER_SCAN_MAX		256
#define INFER_KEY_MAX		96
/* Words allowed between the timestamp (or line start) and the level. */
#define INFER_GAP_WORDS		8
#define INFER_SPACE_SLOTS	16
/* Sample lines kept per key, their longest, and how many are given out. */
#define INFER_SAMPLE_KEEP	8
#define INFER_SAMPLE_MAX	400
#define INFER_SAMPLES		5
/* The first line of each key, kept to test it against the final pattern. */
#define INFER_REPRESENTATIVE_MAX 1024

/*
 * Header fields between the level (or the timestamp) and the message, as
 * a string of kinds: B a bracketed token ("[main]", "[req-1 - -]"), C a
 * name ending in ':' ("org.a.B:", "sshd[42]:"), after which the message
 * starts, P a column padded with two or more spaces, D a column ended by
 * '|', W a plain word, kept only before one of the others (a syslog host).
 * Each key counts the tails of its lines; the most common becomes part of
 * the pattern, optional when some lines lack it.
 */
#define INFER_TAIL_MAX		4
#define INFER_TAILS		6
#define INFER_BRACKET_MAX	160

/* Levels with an offset ("ERROR+4", slog's) kept per key, and their
   longest. */
#define INFER_OFFSET_LEVELS	8
#define INFER_OFFSET_LEVEL_MAX	16

/* Marker bytes in a key; separators are printable ASCII or tab. */
#define MARK_TIME	0x01
#define MARK_LEVEL	0x02
#define MARK_WORD	0x03
#define MARK_PRI	0x04
#define MARK_SPACE	0x05

/*
 * Timestamp formats tried at the start of a line, most specific first
 * within each family: when several parse the same text, the earlier wins
 * a tie.  epoch_digits: the digit run an epoch format needs (10 for
 * seconds, 13 for milliseconds), so that any number is not a timestamp.
 */
static const struct {
	const char *format;
	unsigned epoch_digits;
} infer_formats[] = {
	{ "%Y-%m-%dT%H:%M:%S.%3N%z", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%6N%z", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%9N%z", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", 0 },
	{ "%Y-%m-%dT%H:%M:%S%z", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%3N", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%6N", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%9N", 0 },
	{ "%Y-%m-%dT%H:%M:%S.%f", 0 },
	{ "%Y-%m-%dT%H:%M:%S", 0 },
	{ "%Y-%m-%dT%H:%M:%S,%3N", 0 },
	{ "%Y-%m-%dT%H:%M:%S,%6N", 0 },
	{ "%Y-%m-%d %H:%M:%S,%3N%z", 0 },
	{ "%Y-%m-%d %H:%M:%S,%3N", 0 },
	{ "%Y-%m-%d %H:%M:%S.%3N", 0 },
	{ "%Y-%m-%d %H:%M:%S.%6N", 0 },
	{ "%Y-%m-%d %H:%M:%S.%f", 0 },
	{ "%Y-%m-%d %H:%M:%S,%6N", 0 },
	{ "%Y-%m-%d %H:%M:%S %z", 0 },
	{ "%Y-%m-%d %H:%M:%S", 0 },
	{ "%Y%m%d-%H:%M:%S:%3N", 0 },
	{ "%Y%m%d-%H:%M:%S:%f", 0 },
	{ "%Y%m%d-%-H:%-M:%-S:%f", 0 },
	{ "%Y%m%d %H:%M:%S.%3N", 0 },
	{ "%Y%m%d %H:%M:%S", 0 },
	{ "%y%m%d %H%M%S", 0 },
	{ "%y/%m/%d %H:%M:%S", 0 },
	{ "%y-%m-%d %H:%M:%S", 0 },
	{ "%d/%b/%Y:%H:%M:%S %z", 0 },
	{ "%d-%b-%Y %H:%M:%S.%3N", 0 },
	{ "%d-%b-%Y %H:%M:%S", 0 },
	{ "%a %b %d %H:%M:%S.%6N %Y", 0 },
	{ "%a %b %d %H:%M:%S %Y", 0 },
	{ "%a %b %e %H:%M:%S %Y", 0 },
	{ "%m-%d %H:%M:%S.%3N", 0 },
	{ "%m.%d %H:%M:%S", 0 },
	{ "%m%d %H:%M:%S.%6N", 0 },
	{ "%Y/%m/%d %H:%M:%S.%3N", 0 },
	{ "%Y/%m/%d %H:%M:%S.%6N", 0 },
	{ "%Y/%m/%d %H:%M:%S.%f", 0 },
	{ "%Y/%m/%d %H:%M:%S", 0 },
	{ "%b %e %H:%M:%S", 0 },
	{ "%b %d, %Y %-I:%M:%S %p", 0 },
	{ "%I:%M:%S %p", 0 },
	{ "%H:%M:%S,%3N", 0 },
	{ "%H:%M:%S.%3N", 0 },
	{ "%H:%M:%S.%6N", 0 },
	{ "%H:%M:%S.%f", 0 },
	{ "%H:%M:%S", 0 },
	{ "%s%3N", 13 },
	{ "%s.%3N", 10 },
	{ "%s.%6N", 10 },
	{ "%s.%f", 10 },
	{ "%s", 10 },
};
#define INFER_FORMAT_COUNT (sizeof infer_formats / sizeof infer_formats[0])
_Static_assert(INFER_FORMAT_COUNT <= 64, "format masks are 64 bits");

/*
 * The forms of the lines that continue a record, counted where they
 * follow a log line or another such line: a Python traceback (its header,
 * the phrases that chain one to the next, the indented frames, the
 * exception line last), a Java stack trace ("\tat ...", "Caused by: ...",
 * "\t... 5 more", the exception line first), a Ruby backtrace
 * ("app.rb:15:in `fetch'"), a message's indented or blank lines.  The
 * exception line is a dotted name whose last part ends
 * in one of the words exceptions are named with ("ValueError: ...",
 * "java.lang.IllegalStateException: ..."); a level never has a word
 * before such an ending, so the line pattern can refuse it.  Each entry's
 * pattern is what the continuation pattern says for it.
 */
#define INFER_EXCEPTION_NAME \
	"(?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*" \
	"(?:Error|Exception|Throwable|Warning|Interrupt|Exit|Iteration|" \
	"Failure|Fault)(?:Group)?(?::|$)"
enum infer_body {
	BODY_INDENTED, BODY_BLANK, BODY_TRACEBACK, BODY_CAUSED,
	BODY_EXCEPTION, BODY_BACKTRACE, BODY_COUNT
};
static const char *const infer_body_patterns[BODY_COUNT] = {
	"[ \\t]",
	"$",
	"Traceback \\(most recent call last\\):|"
	    "During handling of the above exception|"
	    "The above exception was the direct cause",
	"Caused by: ",
	INFER_EXCEPTION_NAME,
	"[^\\s:]+:\\d+:in ",
};
static const char *const infer_exception_endings[] = {
	"Error", "Exception", "Throwable", "Warning", "Interrupt", "Exit",
	"Iteration", "Failure", "Fault"
};

/* One sample line of a key, with its level (word * LEVELS_CASES + case). */
struct infer_kept {
	char *text;
	size_t len;
	int level;
};

struct infer_candidate {
	char key[INFER_KEY_MAX];
	size_t key_len;
	uint64_t count;		/* space-saving estimate, for ranking */
	uint64_t seen;		/* lines counted since this key took the slot */
	uint64_t format_votes[INFER_FORMAT_COUNT];
	uint64_t class_votes[INFER_FORMAT_COUNT];	/* lines per class */
	uint64_t level_counts[LEVELS_WORDS][LEVELS_CASES];
	uint64_t emoji_led;
	uint64_t stream_lines[LC_STREAM_COUNT];
	uint64_t stream_hash[LC_STREAM_COUNT];
	uint16_t space_min[INFER_SPACE_SLOTS], space_max[INFER_SPACE_SLOTS];
	uint32_t word_bytes[INFER_GAP_WORDS][8];	/* each word's bytes */
	struct {
		char kinds[INFER_TAIL_MAX + 1];
		uint64_t count;
	} tails[INFER_TAILS];
	size_t tail_count;
	/*
	 * The key of the lines that follow this key's lines, when they lead
	 * with a level and have no time (java.util.logging's second line
	 * after a header of time and source), and how many did.
	 */
	char follower[INFER_KEY_MAX];
	size_t follower_len;
	uint64_t followed;
	char *representative;
	size_t representative_len;
	struct infer_kept kept[INFER_SAMPLE_KEEP];
	size_t kept_count;
	char offset_levels[INFER_OFFSET_LEVELS][INFER_OFFSET_LEVEL_MAX];
	size_t offset_level_count;
};

struct infer {
	timefmt *formats[INFER_FORMAT_COUNT];
	/* Formats alike but for the fraction and zone after the seconds
	   share a class (see infer_format_class). */
	unsigned char format_class[INFER_FORMAT_COUNT];
	emoji_matcher *emoji;
	struct infer_candidate candidates[INFER_CANDIDATES];
	size_t candidate_count;
	uint64_t lines;
	uint64_t bodies[BODY_COUNT];	/* lines of each form in a record */
	bool in_record[LC_STREAM_COUNT];	/* the last line was in one */
	size_t last[LC_STREAM_COUNT];	/* the last line's key, or SIZE_MAX */
};

/* One line's layout, as infer_shape finds it. */
struct infer_shape {
	char key[INFER_KEY_MAX];
	size_t key_len;
	uint64_t format_mask;	/* formats that parse the whole timestamp */
	int level;		/* word * LEVELS_CASES + case, or -1 */
	size_t offset_at, offset_len;	/* a level with an offset, or 0 */
	uint16_t spaces[INFER_SPACE_SLOTS];
	size_t space_count;
	size_t word_at[INFER_GAP_WORDS], word_len[INFER_GAP_WORDS];
	size_t word_count;
	size_t message_at;
	char tail[INFER_TAIL_MAX + 1];
	size_t tail_end;	/* where the message starts after the tail */
};

/* Where a shape stood, to undo what a failed attempt added. */
struct infer_shape_mark {
	size_t key_len, space_count, word_count;
};

static bool
infer_is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static bool
infer_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Bytes that end a token and cannot be separators. */
static bool
infer_is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static bool
infer_push(struct infer_shape *shape, char byte)
{
	if (shape->key_len == INFER_KEY_MAX)
		return false;
	shape->key[shape->key_len++] = byte;
	return true;
}

static bool
infer_push_bytes(struct infer_shape *shape, const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!infer_push(shape, bytes[i]))
			return false;
	}
	return true;
}

static bool
infer_push_space(struct infer_shape *shape, size_t run)
{
	if (shape->space_count == INFER_SPACE_SLOTS)
		return false;
	shape->spaces[shape->space_count++] = run > UINT16_MAX ? UINT16_MAX :
	    (uint16_t)run;
	return infer_push(shape, MARK_SPACE);
}

static struct infer_shape_mark
infer_shape_mark_of(const struct infer_shape *shape)
{
	return (struct infer_shape_mark){ shape->key_len, shape->space_count,
	    shape->word_count };
}

static void
infer_shape_restore(struct infer_shape *shape, struct infer_shape_mark mark)
{
	shape->key_len = mark.key_len;
	shape->space_count = mark.space_count;
	shape->word_count = mark.word_count;
}

/*
 * The formats that parse a timestamp at text[start], as a mask of the
 * formats taking the longest run; *end gets where it stops.  The run must
 * end the line or be followed by a byte that cannot continue a word.
 */
static uint64_t
infer_time_at(const infer *in, const char *text, size_t scan, size_t len,
    size_t start, size_t *end)
{
	uint64_t mask = 0;
	size_t best = 0, digits = 0;

	if (start >= scan)
		return 0;
	unsigned char first = (unsigned char)text[start];
	if (!infer_is_digit(first) && !(first >= 'A' && first <= 'Z'))
		return 0;
	while (start + digits < scan && infer_is_digit(text[start + digits]))
		digits++;

	char after = start + digits < scan ? text[start + digits] : '\0';
	for (size_t f = 0; f < INFER_FORMAT_COUNT; f++) {
		const char *format = infer_formats[f].format;
		size_t taken;

		if (in->formats[f] == NULL)
			continue;
		if (infer_formats[f].epoch_digits != 0 &&
		    digits != infer_formats[f].epoch_digits)
			continue;
		/*
		 * This function is hot.  %Y takes exactly 4 digits, %H and %I
		 * 2, and the literal after them must follow the digit run;
		 * %b takes letters.  Formats that cannot parse are not tried.
		 */
		if (format[0] == '%' && format[2] != '%' &&
		    strchr("YHImdy", format[1]) != NULL &&
		    (digits != (format[1] == 'Y' ? 4 : 2) ||
		    after != format[2]))
			continue;
		if (format[0] == '%' && (format[1] == 'b' ||
		    format[1] == 'a') && digits > 0)
			continue;
		if (!timefmt_parse_prefix(in->formats[f], text + start,
		    scan - start, NULL, &taken))
			continue;
		size_t stop = start + taken;
		/* Cut off by the scan limit: where it ends is unknown. */
		if (stop == scan && scan < len)
			continue;
		if (stop < scan &&
		    infer_is_word_byte((unsigned char)text[stop]))
			continue;
		if (stop > best) {
			best = stop;
			mask = (uint64_t)1 << f;
		} else if (stop == best)
			mask |= (uint64_t)1 << f;
	}
	*end = best;
	return mask;
}

/*
 * A header token from pos to end (a run without spaces) joins the key:
 * punctuation only as it is, else its leading and trailing punctuation
 * around a WORD.  False when the key or the word slots are full.
 */
static bool
infer_push_token(const char *text, size_t pos, size_t end,
    struct infer_shape *shape)
{
	size_t lead = 0, trail = 0, at;

	while (pos + lead < end &&
	    !infer_is_word_byte((unsigned char)text[pos + lead]))
		lead++;
	at = pos + lead;
	if (at == end)
		return infer_push_bytes(shape, text + pos, end - pos);
	if (shape->word_count == INFER_GAP_WORDS)
		return false;
	while (end - trail > at &&
	    !infer_is_word_byte((unsigned char)text[end - trail - 1]))
		trail++;
	shape->word_at[shape->word_count] = at;
	shape->word_len[shape->word_count] = end - trail - at;
	shape->word_count++;
	return infer_push_bytes(shape, text + pos, lead) &&
	    infer_push(shape, MARK_WORD) &&
	    infer_push_bytes(shape, text + end - trail, trail);
}

/* The end of the token at pos: the next space, control byte or scan end. */
static size_t
infer_token_end(const char *text, size_t scan, size_t pos)
{
	while (pos < scan && text[pos] != ' ' &&
	    !infer_is_control((unsigned char)text[pos]))
		pos++;
	return pos;
}

/*
 * A timestamp after a few header words ("host 2026-12-06 ...", "- 1117838570
 * ..."): each word before it joins the key.  The search stops at a level
 * token, which comes before any timestamp worth the name, and at a token
 * ending in ':', after which the message starts.
 */
static uint64_t
infer_time_later(const infer *in, const char *text, size_t scan, size_t len,
    struct infer_shape *shape, size_t *end)
{
	struct infer_shape_mark start = infer_shape_mark_of(shape);
	size_t pos = 0, word_len;
	uint64_t mask;

	for (size_t tokens = 0; tokens < INFER_GAP_WORDS; tokens++) {
		size_t stop = infer_token_end(text, scan, pos), run;

		if (stop == pos || stop == scan || text[stop] != ' ')
			break;
		/* A one-letter level abbreviates the level that follows
		   the time (Ruby's "D, [time #pid] DEBUG"). */
		if ((levels_at(text + pos, stop - pos, &word_len) >= 0 &&
		    word_len > 1) || text[stop - 1] == ':')
			break;
		/* "-" before a timestamp is an empty field (BGL's label, an
		   access log's ident): a word like the values it stands for. */
		if (stop - pos == 1 && text[pos] == '-' &&
		    shape->word_count < INFER_GAP_WORDS) {
			shape->word_at[shape->word_count] = pos;
			shape->word_len[shape->word_count++] = 1;
			if (!infer_push(shape, MARK_WORD))
				break;
		} else if (!infer_push_token(text, pos, stop, shape))
			break;
		for (run = 0; stop + run < scan && text[stop + run] == ' ';
		    run++)
			;
		if (!infer_push_space(shape, run))
			break;
		pos = stop + run;
		if ((mask = infer_time_at(in, text, scan, len, pos, end)) != 0)
			return mask;
		if (pos < scan && text[pos] == '[' && (mask = infer_time_at(in,
		    text, scan, len, pos + 1, end)) != 0) {
			infer_push(shape, '[');
			return mask;
		}
	}
	infer_shape_restore(shape, start);
	return 0;
}

/* Find the timestamp, after an optional prefix; adds prefix and TIME. */
static bool
infer_find_time(const infer *in, const char *text, size_t scan, size_t len,
    struct infer_shape *shape, size_t *pos)
{
	size_t end = 0, pri_end = 0;
	uint64_t mask;

	mask = infer_time_at(in, text, scan, len, 0, &end);
	if (mask == 0 && scan > 0 && text[0] != '\0' &&
	    strchr("[<(", text[0]) != NULL) {
		mask = infer_time_at(in, text, scan, len, 1, &end);
		if (mask != 0)
			infer_push(shape, text[0]);
	}
	if (mask == 0 && scan > 2 && text[0] == '<') {
		while (pri_end < 3 && 1 + pri_end < scan &&
		    infer_is_digit(text[1 + pri_end]))
			pri_end++;
		if (pri_end > 0 && 1 + pri_end < scan &&
		    text[1 + pri_end] == '>') {
			mask = infer_time_at(in, text, scan, len, pri_end + 2,
			    &end);
			if (mask != 0)
				infer_push(shape, MARK_PRI);
		}
	}
	if (mask == 0)
		mask = infer_time_later(in, text, scan, len, shape, &end);
	if (mask == 0)
		return false;
	infer_push(shape, MARK_TIME);
	shape->format_mask = mask;
	*pos = end;
	return true;
}

/*
 * The separator after a timestamp or level: an optional closing bracket,
 * an optional ':' or '|', spaces, and after spaces an optional '-', '|' or
 * ':' with spaces of its own ("] ", ": ", " - ", " | ").  Returns where the
 * message starts, or SIZE_MAX when there is no separator and the line goes
 * on.
 */
static size_t
infer_separator(const char *text, size_t scan, size_t len, size_t pos,
    struct infer_shape *shape)
{
	size_t start = pos, run;

	if (pos < scan && text[pos] != '\0' &&
	    strchr("])>}", text[pos]) != NULL)
		infer_push(shape, text[pos++]);
	if (pos < scan && (text[pos] == ':' || text[pos] == '|' ||
	    text[pos] == ','))
		infer_push(shape, text[pos++]);
	for (run = 0; pos + run < scan && text[pos + run] == ' '; run++)
		;
	if (run > 0) {
		if (!infer_push_space(shape, run))
			return SIZE_MAX;
		pos += run;
		if (pos + 1 < scan && text[pos] != '\0' &&
		    strchr("-|:", text[pos]) != NULL && text[pos + 1] == ' ') {
			infer_push(shape, text[pos++]);
			run = 0;
			while (pos + run < scan && text[pos + run] == ' ')
				run++;
			if (!infer_push_space(shape, run))
				return SIZE_MAX;
			pos += run;
		}
	}
	if (shape->key_len == INFER_KEY_MAX)
		return SIZE_MAX;
	if (pos == start && pos < len)
		return SIZE_MAX;
	return pos;
}

/*
 * The length of a level with an offset at text[at] ("ERROR+4", as Go's
 * slog names the levels between its own), when the level word of
 * word_len bytes is followed by one; else word_len.
 */
static size_t
infer_level_offset(const char *text, size_t at, size_t end, int level,
    size_t word_len)
{
	size_t stop = at + word_len;

	if (level < 0 || stop >= end || (text[stop] != '+' &&
	    text[stop] != '-'))
		return word_len;
	stop++;
	while (stop < end && infer_is_digit((unsigned char)text[stop]))
		stop++;
	if (stop - at >= INFER_OFFSET_LEVEL_MAX ||
	    levels_rank(text + at, stop - at) < 0)
		return word_len;
	return stop - at;
}

/*
 * Look for a level token from pos on, within INFER_GAP_WORDS words; the
 * words and separators before it join the key.  Returns where the message
 * starts, or SIZE_MAX when there is no level (the shape is then as it was).
 */
static size_t
infer_find_level(const char *text, size_t scan, size_t len, size_t pos,
    struct infer_shape *shape)
{
	struct infer_shape_mark start = infer_shape_mark_of(shape);
	bool named = false;

	while (pos < scan) {
		unsigned char c = (unsigned char)text[pos];
		size_t end = pos, lead = 0, word_len;

		if (c == ' ') {
			while (end < scan && text[end] == ' ')
				end++;
			if (!infer_push_space(shape, end - pos))
				break;
			pos = end;
			continue;
		}
		while (end < scan && text[end] != ' ' &&
		    !infer_is_control((unsigned char)text[end]))
			end++;
		/* A token cut by the scan limit or a control byte: give up. */
		if (end == pos || (end == scan && scan < len) ||
		    (end < scan && text[end] != ' '))
			break;
		while (pos + lead < end &&
		    !infer_is_word_byte((unsigned char)text[pos + lead]))
			lead++;

		size_t at = pos + lead;
		int level = at < end ? levels_at(text + at, end - at,
		    &word_len) : -1;

		if (level < 0)
			word_len = 0;
		/* A one-letter level is a whole token ("D", not "(D"). */
		if (level >= 0 && word_len == 1 && (lead > 0 ||
		    end - pos > 1))
			level = -1;
		/* A level with an offset ("ERROR+4") is one token. */
		size_t offset = infer_level_offset(text, at, end, level,
		    word_len);
		if (offset > word_len) {
			shape->offset_at = at;
			shape->offset_len = offset;
			word_len = offset;
		}
		if (level >= 0) {
			struct infer_shape_mark before = infer_shape_mark_of(
			    shape);
			if (infer_push_bytes(shape, text + pos, lead) &&
			    infer_push(shape, MARK_LEVEL)) {
				size_t message = infer_separator(text, scan,
				    len, at + word_len, shape);
				if (message != SIZE_MAX) {
					shape->level = level;
					return message;
				}
			}
			infer_shape_restore(shape, before);
			shape->offset_len = 0;
		}
		/*
		 * "name:" ends the header, but for a level right after it
		 * ("app[42]: INFO: started"); later, a level is a word.
		 */
		if (named)
			break;
		named = at < end && text[end - 1] == ':';
		if (!infer_push_token(text, pos, end, shape))
			break;
		pos = end;
	}
	infer_shape_restore(shape, start);
	return SIZE_MAX;
}

/* The header fields after pos, as kinds (see INFER_TAIL_MAX); *after
   gets where the message starts. */
static void
infer_tail(const char *text, size_t scan, size_t pos, char *kinds,
    size_t *after)
{
	size_t count = 0, kept = 0, words = 0;

	*after = pos;
	kinds[0] = '\0';
	while (count < INFER_TAIL_MAX && pos < scan) {
		size_t end, run;
		char kind;

		if (text[pos] == '[') {
			end = pos + 1;
			while (end < scan && end - pos < INFER_BRACKET_MAX &&
			    text[end] != ']' && text[end] != '[' &&
			    !infer_is_control((unsigned char)text[end]))
				end++;
			if (end == scan || text[end] != ']')
				break;
			end++;
			kind = 'B';
		} else {
			end = pos;
			while (end < scan && text[end] != ' ' &&
			    text[end] != '|' &&
			    !infer_is_control((unsigned char)text[end]))
				end++;
			if (end == pos || end == scan)
				break;
			if (text[end] == '|') {
				kinds[count++] = 'D';
				pos = end + 1;
				kept = count;
				*after = pos;
				continue;
			}
			kind = text[end - 1] == ':' && end - pos > 1 ? 'C' :
			    end + 1 < scan && text[end + 1] == ' ' ? 'P' : 'W';
		}
		if (end == scan || text[end] != ' ')
			break;
		for (run = 0; end + run < scan && text[end + run] == ' '; run++)
			;
		if (kind == 'W' && ++words > 2)
			break;
		kinds[count++] = kind;
		pos = end + run;
		/* A bracketed token alone is the message's ("[client
		   1.2.3.4] ..."); after a component it is the header's. */
		if (kind != 'W' && (kind != 'B' || words > 0)) {
			kept = count;
			*after = pos;
		}
		if (kind == 'C')
			break;
	}
	kinds[kept] = '\0';
}

/* The layout of a line; false when it has neither timestamp nor level. */
static bool
infer_shape_of(const infer *in, const char *text, size_t len,
    struct infer_shape *shape)
{
	size_t scan = len < INFER_SCAN_MAX ? len : INFER_SCAN_MAX, pos = 0;
	bool timed;

	shape->key_len = 0;
	shape->format_mask = 0;
	shape->level = -1;
	shape->offset_at = shape->offset_len = 0;
	shape->space_count = 0;
	shape->word_count = 0;

	timed = infer_find_time(in, text, scan, len, shape, &pos);
	shape->message_at = infer_find_level(text, scan, len, pos, shape);
	if (shape->message_at == SIZE_MAX && timed)
		shape->message_at = infer_separator(text, scan, len, pos,
		    shape);
	if (shape->message_at == SIZE_MAX)
		return false;
	infer_tail(text, scan, shape->message_at, shape->tail,
	    &shape->tail_end);
	return true;
}

static uint64_t
infer_hash(const char *bytes, size_t len)
{
	/* Mixed, so that sequences spread over the table. */
	return hash_mix(hash_bytes(HASH_SEED, bytes, len));
}

static void
infer_candidate_clear(struct infer_candidate *cand)
{
	free(cand->representative);
	for (size_t i = 0; i < cand->kept_count; i++)
		free(cand->kept[i].text);
	memset(cand, 0, sizeof *cand);
}

/* The counter for a key: found, new, or taken from the smallest. */
static struct infer_candidate *
infer_candidate_for(infer *in, const struct infer_shape *shape)
{
	struct infer_candidate *cand, *smallest = NULL;
	uint64_t floor;

	for (size_t i = 0; i < in->candidate_count; i++) {
		cand = &in->candidates[i];
		if (cand->key_len == shape->key_len &&
		    memcmp(cand->key, shape->key, shape->key_len) == 0)
			return cand;
		if (smallest == NULL || cand->count < smallest->count)
			smallest = cand;
	}
	if (in->candidate_count < INFER_CANDIDATES) {
		cand = &in->candidates[in->candidate_count++];
		floor = 0;
	} else {
		cand = smallest;
		floor = smallest->count;
		infer_candidate_clear(cand);
	}
	memcpy(cand->key, shape->key, shape->key_len);
	cand->key_len = shape->key_len;
	cand->count = floor;
	for (size_t i = 0; i < INFER_SPACE_SLOTS; i++)
		cand->space_min[i] = UINT16_MAX;
	return cand;
}

/* A line fit to be a sample: short, valid UTF-8, no control bytes. */
static bool
infer_sample_worthy(const char *text, size_t len)
{
	if (len == 0 || len > INFER_SAMPLE_MAX ||
	    utf8_invalid_offset(text, len) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (infer_is_control((unsigned char)text[i]))
			return false;
	}
	return true;
}

/* Keep the first lines, then the first of each level not kept yet. */
static void
infer_keep(struct infer_candidate *cand, const char *text, size_t len,
    int level)
{
	bool level_new = true;

	if (cand->kept_count == INFER_SAMPLE_KEEP ||
	    !infer_sample_worthy(text, len))
		return;
	for (size_t i = 0; i < cand->kept_count; i++) {
		const struct infer_kept *kept = &cand->kept[i];
		if (kept->len == len && memcmp(kept->text, text, len) == 0)
			return;
		if (kept->level == level)
			level_new = false;
	}
	if (cand->kept_count >= INFER_SAMPLES && !level_new)
		return;
	cand->kept[cand->kept_count++] = (struct infer_kept){
	    xstrndup(text, len), len, level };
}

/* Whether text is an exception line: INFER_EXCEPTION_NAME, in C. */
static bool
infer_exception_line(const char *text, size_t len)
{
	size_t at = 0, part = 0;

	for (;;) {
		unsigned char c = at < len ? (unsigned char)text[at] : '\0';
		bool word = (c < 0x80 && infer_is_word_byte(c)) || c == '$';

		if (word && !(at == part && infer_is_digit(c))) {
			at++;
			continue;
		}
		if (at == part)
			return false;
		if (c == '.') {
			part = ++at;
			continue;
		}
		if (at < len && c != ':')
			return false;
		break;
	}
	size_t end = at;
	if (end - part > 5 && memcmp(text + end - 5, "Group", 5) == 0)
		end -= 5;
	for (size_t i = 0; i < sizeof infer_exception_endings /
	    sizeof infer_exception_endings[0]; i++) {
		size_t n = strlen(infer_exception_endings[i]);
		if (end - part > n &&
		    memcmp(text + end - n, infer_exception_endings[i], n) == 0)
			return true;
	}
	return false;
}

/* Whether text is a Ruby backtrace line: "[^\s:]+:\d+:in ". */
static bool
infer_backtrace_line(const char *text, size_t len)
{
	size_t at = 0, digits;

	while (at < len && text[at] != ':' && text[at] != ' ' &&
	    !infer_is_control((unsigned char)text[at]))
		at++;
	if (at == 0 || at == len || text[at] != ':')
		return false;
	for (digits = 0; at + 1 + digits < len &&
	    infer_is_digit((unsigned char)text[at + 1 + digits]); digits++)
		;
	at += 1 + digits;
	return digits > 0 && len - at >= 4 && memcmp(text + at, ":in ", 4) == 0;
}

static bool
infer_starts(const char *text, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(text, prefix, n) == 0;
}

/* The form of a line with no layout, or -1. */
static int
infer_body_form(const char *text, size_t len)
{
	if (len == 0)
		return BODY_BLANK;
	if (text[0] == ' ' || text[0] == '\t')
		return BODY_INDENTED;
	if (infer_starts(text, len, "Traceback (most recent call last):") ||
	    infer_starts(text, len, "During handling of the above exception") ||
	    infer_starts(text, len, "The above exception was the direct cause"))
		return BODY_TRACEBACK;
	if (infer_starts(text, len, "Caused by: "))
		return BODY_CAUSED;
	if (infer_exception_line(text, len))
		return BODY_EXCEPTION;
	if (infer_backtrace_line(text, len))
		return BODY_BACKTRACE;
	return -1;
}

/* A line with no layout: counted when it goes on a record. */
static void
infer_body_add(infer *in, const char *text, size_t len, lc_stream stream)
{
	int form = infer_body_form(text, len);

	if (form < 0 || !in->in_record[stream]) {
		in->in_record[stream] = false;
		return;
	}
	in->bodies[form]++;
}

/* Whether format starts with a fraction conversion: %3N, %N, %f. */
static size_t
infer_fraction_at(const char *format)
{
	if (format[0] != '%')
		return 0;
	if (infer_is_digit((unsigned char)format[1]) && format[2] == 'N')
		return 3;
	if (format[1] == 'N' || format[1] == 'f')
		return 2;
	return 0;
}

/*
 * A format without the fraction and zone that follow its seconds, into
 * base (cut at size).
 */
static void
infer_format_base(const char *format, char *base, size_t size)
{
	const char *p = format;
	size_t len = 0, taken, conversion;

	while (*p != '\0' && len + 4 < size) {
		conversion = 0;
		if (p[0] == '%' && p[1] != '\0' && strchr("SsT", p[1]) != NULL)
			conversion = 2;
		else if (p[0] == '%' && p[1] == '-' && p[2] == 'S')
			conversion = 3;
		if (conversion == 0) {
			base[len++] = *p++;
			continue;
		}
		memcpy(base + len, p, conversion);
		len += conversion;
		p += conversion;
		if (*p != '\0' && strchr(".,:", *p) != NULL &&
		    (taken = infer_fraction_at(p + 1)) != 0)
			p += 1 + taken;
		if (strncmp(p, "%z", 2) == 0)
			p += 2;
		else if (strncmp(p, " %z", 3) == 0)
			p += 3;
	}
	base[len] = '\0';
}

/*
 * The class of format f: the first format of the table that is the same
 * once the fraction and zone after the seconds are taken out, as
 * infer_time_shape takes them ("%Y/%m/%d %H:%M:%S.%6N" is in the class of
 * "%Y/%m/%d %H:%M:%S").
 */
static unsigned char
infer_format_class(size_t f)
{
	char base[64], other[64];

	infer_format_base(infer_formats[f].format, base, sizeof base);
	for (size_t g = 0; g < f; g++) {
		infer_format_base(infer_formats[g].format, other,
		    sizeof other);
		if (strcmp(base, other) == 0)
			return (unsigned char)g;
	}
	return (unsigned char)f;
}

/* A level with an offset, kept once per key while there is room. */
static void
infer_offset_level(struct infer_candidate *cand, const char *level,
    size_t len)
{
	for (size_t i = 0; i < cand->offset_level_count; i++) {
		if (strlen(cand->offset_levels[i]) == len &&
		    memcmp(cand->offset_levels[i], level, len) == 0)
			return;
	}
	if (cand->offset_level_count == INFER_OFFSET_LEVELS)
		return;
	memcpy(cand->offset_levels[cand->offset_level_count], level, len);
	cand->offset_levels[cand->offset_level_count++][len] = '\0';
}

static bool
infer_key_of(const char *key, size_t len, char mark)
{
	return memchr(key, mark, len) != NULL;
}

/* A line of shape follows a line of key prev: a header's second line? */
static void
infer_follow(struct infer_candidate *prev, const struct infer_shape *shape)
{
	if (shape->key_len == 0 || shape->key[0] != MARK_LEVEL ||
	    infer_key_of(shape->key, shape->key_len, MARK_TIME) ||
	    !infer_key_of(prev->key, prev->key_len, MARK_TIME) ||
	    infer_key_of(prev->key, prev->key_len, MARK_LEVEL))
		return;
	if (prev->follower_len == 0) {
		memcpy(prev->follower, shape->key, shape->key_len);
		prev->follower_len = shape->key_len;
	}
	if (prev->follower_len == shape->key_len &&
	    memcmp(prev->follower, shape->key, shape->key_len) == 0)
		prev->followed++;
}

infer *
infer_new(void)
{
	infer *in = xcalloc(1, sizeof *in);

	for (int s = 0; s < LC_STREAM_COUNT; s++)
		in->last[s] = SIZE_MAX;

	for (size_t f = 0; f < INFER_FORMAT_COUNT; f++) {
		char *cause = NULL;
		size_t offset;

		/* The table's formats are known good; skip one if not. */
		in->formats[f] = timefmt_compile(infer_formats[f].format,
		    &cause, &offset);
		free(cause);
		in->format_class[f] = infer_format_class(f);
	}
	in->emoji = emoji_matcher_new();
	return in;
}

void
infer_free(infer *in)
{
	if (in == NULL)
		return;
	for (size_t f = 0; f < INFER_FORMAT_COUNT; f++)
		timefmt_free(in->formats[f]);
	emoji_matcher_free(in->emoji);
	for (size_t i = 0; i < in->candidate_count; i++)
		infer_candidate_clear(&in->candidates[i]);
	free(in);
}

bool
infer_caught_up(const infer *in, lc_stream ahead, lc_stream behind)
{
	bool shared = false;

	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *cand = &in->candidates[i];
		if (cand->stream_lines[ahead] == 0 ||
		    cand->stream_lines[behind] == 0)
			continue;
		if (cand->stream_lines[behind] < cand->stream_lines[ahead])
			return false;
		shared = true;
	}
	return shared;
}

void
infer_add(infer *in, const char *text, size_t len, lc_stream stream)
{
	struct infer_shape shape;
	struct infer_candidate *cand;

	in->lines++;
	if (!infer_shape_of(in, text, len, &shape)) {
		infer_body_add(in, text, len, stream);
		in->last[stream] = SIZE_MAX;
		return;
	}
	in->in_record[stream] = true;

	cand = infer_candidate_for(in, &shape);
	size_t index = (size_t)(cand - in->candidates);
	if (in->last[stream] != SIZE_MAX && in->last[stream] != index)
		infer_follow(&in->candidates[in->last[stream]], &shape);
	in->last[stream] = index;
	cand->count++;
	cand->seen++;
	uint64_t classes = 0;
	for (size_t f = 0; f < INFER_FORMAT_COUNT; f++) {
		if (shape.format_mask & ((uint64_t)1 << f)) {
			cand->format_votes[f]++;
			classes |= (uint64_t)1 << in->format_class[f];
		}
	}
	for (size_t c = 0; c < INFER_FORMAT_COUNT; c++) {
		if (classes & ((uint64_t)1 << c))
			cand->class_votes[c]++;
	}
	if (shape.level >= 0 && shape.offset_len > 0)
		infer_offset_level(cand, text + shape.offset_at,
		    shape.offset_len);
	else if (shape.level >= 0) {
		cand->level_counts[shape.level / LEVELS_CASES]
		    [shape.level % LEVELS_CASES]++;
	}
	for (size_t i = 0; i < shape.space_count; i++) {
		if (shape.spaces[i] < cand->space_min[i])
			cand->space_min[i] = shape.spaces[i];
		if (shape.spaces[i] > cand->space_max[i])
			cand->space_max[i] = shape.spaces[i];
	}
	for (size_t w = 0; w < shape.word_count; w++) {
		for (size_t i = 0; i < shape.word_len[w]; i++) {
			unsigned char c = (unsigned char)text[shape.word_at[w] +
			    i];
			cand->word_bytes[w][c / 32] |= UINT32_C(1) << (c % 32);
		}
	}
	size_t t;
	for (t = 0; t < cand->tail_count; t++) {
		if (strcmp(cand->tails[t].kinds, shape.tail) == 0)
			break;
	}
	if (t == cand->tail_count && t < INFER_TAILS)
		memcpy(cand->tails[cand->tail_count++].kinds, shape.tail,
		    sizeof shape.tail);
	if (t < cand->tail_count)
		cand->tails[t].count++;
	if (in->emoji != NULL && emoji_leading(in->emoji,
	    text + shape.tail_end, len - shape.tail_end) > 0)
		cand->emoji_led++;

	/* An order-sensitive hash of the key's lines on each stream. */
	cand->stream_lines[stream]++;
	cand->stream_hash[stream] = (cand->stream_hash[stream] ^
	    infer_hash(text, len)) * UINT64_C(0x9e3779b97f4a7c15) +
	    cand->stream_lines[stream];

	if (cand->representative == NULL) {
		size_t keep = len;
		if (keep > INFER_REPRESENTATIVE_MAX) {
			keep = INFER_REPRESENTATIVE_MAX;
			/* Cut between code points, not inside one. */
			while (keep > 0 && ((unsigned char)text[keep] & 0xc0) ==
			    0x80)
				keep--;
		}
		cand->representative = xstrndup(text, keep);
		cand->representative_len = keep;
	}
	infer_keep(cand, text, len, shape.level);
}

/* A growing string. */
struct infer_text {
	char *bytes;
	size_t len, cap;
};

static void
infer_text_add(struct infer_text *t, const char *bytes, size_t len)
{
	if (t->len + len + 1 > t->cap) {
		while (t->len + len + 1 > t->cap)
			t->cap = t->cap ? t->cap * 2 : 256;
		t->bytes = xrealloc(t->bytes, t->cap);
	}
	memcpy(t->bytes + t->len, bytes, len);
	t->len += len;
	t->bytes[t->len] = '\0';
}

static void
infer_text_str(struct infer_text *t, const char *s)
{
	infer_text_add(t, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
infer_text_printf(struct infer_text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	infer_text_str(t, s);
	free(s);
}

/* The string built, never NULL; the builder is left empty. */
static char *
infer_text_take(struct infer_text *t)
{
	char *bytes = t->bytes != NULL ? t->bytes : xstrdup("");

	*t = (struct infer_text){ 0 };
	return bytes;
}

/* A key taken apart: its elements in order. */
enum infer_element_kind {
	ELEMENT_LITERAL, ELEMENT_TIME, ELEMENT_LEVEL, ELEMENT_WORD,
	ELEMENT_PRI, ELEMENT_SPACE
};

struct infer_element {
	enum infer_element_kind kind;
	const char *literal;	/* ELEMENT_LITERAL: bytes in the key */
	size_t literal_len;
	size_t slot;		/* ELEMENT_SPACE, ELEMENT_WORD: which one */
};

static size_t
infer_elements(const struct infer_candidate *cand,
    struct infer_element *elements)
{
	size_t count = 0, spaces = 0, words = 0;

	for (size_t i = 0; i < cand->key_len; i++) {
		char c = cand->key[i];
		struct infer_element *e = &elements[count];

		switch (c) {
		case MARK_TIME:
			*e = (struct infer_element){ .kind = ELEMENT_TIME };
			break;
		case MARK_LEVEL:
			*e = (struct infer_element){ .kind = ELEMENT_LEVEL };
			break;
		case MARK_PRI:
			*e = (struct infer_element){ .kind = ELEMENT_PRI };
			break;
		case MARK_WORD:
			*e = (struct infer_element){ .kind = ELEMENT_WORD,
			    .slot = words++ };
			break;
		case MARK_SPACE:
			*e = (struct infer_element){ .kind = ELEMENT_SPACE,
			    .slot = spaces++ };
			break;
		default:
			if (count > 0 && elements[count - 1].kind ==
			    ELEMENT_LITERAL) {
				elements[count - 1].literal_len++;
				continue;
			}
			*e = (struct infer_element){ .kind = ELEMENT_LITERAL,
			    .literal = cand->key + i, .literal_len = 1 };
			break;
		}
		count++;
	}
	return count;
}

static void
infer_regex_literal(struct infer_text *t, char c)
{
	if (c == '\t')
		infer_text_str(t, "\\t");
	else {
		if (strchr("\\^$.|?*+()[]{}", c) != NULL)
			infer_text_add(t, "\\", 1);
		infer_text_add(t, &c, 1);
	}
}

/* A byte inside a negated class "[^...]". */
static void
infer_class_literal(struct infer_text *t, char c)
{
	if (c == '\t')
		infer_text_str(t, "\\t");
	else {
		if (strchr("\\]^-[", c) != NULL)
			infer_text_add(t, "\\", 1);
		infer_text_add(t, &c, 1);
	}
}

/*
 * What may follow the seconds, whatever the format says there: a fraction
 * of any width and a zone, each optional.  A line whose timestamp gained
 * or lost microseconds or a zone keeps the layout, and the strict time
 * format reports the change as a time-format finding rather than the line
 * going foreign.  *p is at the seconds' conversion; the format's own
 * fraction and zone right after it are taken here.
 */
static void
infer_time_suffix(struct infer_text *t, const char *format, const char **p)
{
	const char *q = *p + 1;
	size_t taken;
	bool colon = false, zone = false, zone_space = false;
	/* A zone goes with a date and a 24-hour time, as in ISO 8601. */
	bool dated = (strstr(format, "%Y") != NULL ||
	    strstr(format, "%F") != NULL || strstr(format, "%y") != NULL) &&
	    strstr(format, "%p") == NULL;

	if (*q != '\0' && strchr(".,:", *q) != NULL &&
	    (taken = infer_fraction_at(q + 1)) != 0) {
		colon = *q == ':';
		q += 1 + taken;
	}
	infer_text_str(t, colon ? "(?:[.,:]\\d+)?" : "(?:[.,]\\d+)?");
	if (strncmp(q, "%z", 2) == 0) {
		zone = true;
		q += 2;
	} else if (strncmp(q, " %z", 3) == 0) {
		zone = zone_space = true;
		q += 3;
	}
	*p = q - 1;
	if (!dated && !zone)
		return;
	/* A zone written after a space is optional with its space. */
	if (zone_space)
		infer_text_str(t, "(?: +");
	infer_text_str(t, "(?:Z|[+-]\\d{2}(?::?\\d{2})?)");
	infer_text_str(t, zone_space ? ")?" : "?");
}

/*
 * A loose pattern with the shape of a time format: digits where it has
 * numbers, letters where it has names, its separators, spaces as " +".
 * After the seconds, any fraction and zone (infer_time_suffix).
 */
static void
infer_time_shape(struct infer_text *t, const char *format)
{
	bool digits = false;
	static const struct {
		char conversion;
		const char *shape;
	} widths[] = {
		{ 'Y', "\\d{4}" }, { 'y', "\\d{2}" }, { 'm', "\\d{2}" },
		{ 'd', "\\d{2}" }, { 'e', "[ \\d]\\d" }, { 'H', "\\d{2}" },
		{ 'I', "\\d{2}" }, { 'M', "\\d{2}" }, { 'S', "\\d{2}" },
		{ 'j', "\\d{3}" },
	};

	for (const char *p = format; *p != '\0'; p++) {
		if (*p == ' ') {
			while (p[1] == ' ')
				p++;
			infer_text_str(t, " +");
			digits = false;
			continue;
		}
		if (*p != '%' || p[1] == '\0') {
			infer_regex_literal(t, *p);
			digits = false;
			continue;
		}
		p++;
		if (*p == '-' && p[1] != '\0') {
			/* Unpadded: one digit or two. */
			infer_text_str(t, "\\d{1,2}");
			p++;
			if (*p == 'S')
				infer_time_suffix(t, format, &p);
			digits = true;
			continue;
		}
		if (infer_is_digit(*p) && p[1] == 'N') {
			/* Fractions of the width seen. */
			infer_text_printf(t, "\\d{%c}", *p);
			p++;
			digits = true;
			continue;
		}
		/* Epoch seconds have 10 digits (until 2286), milliseconds
		   13. */
		if (*p == 's') {
			bool millis = strncmp(p + 1, "%3N", 3) == 0;
			size_t taken;
			infer_text_str(t, millis ? "\\d{13}" : "\\d{10}");
			p += millis ? 3 : 0;
			/* Epoch seconds with any fraction, or none. */
			if (!millis && (p[1] == '.' || p[1] == ',') &&
			    (taken = infer_fraction_at(p + 2)) != 0)
				p += 1 + taken;
			if (!millis)
				infer_text_str(t, "(?:[.,]\\d+)?");
			digits = true;
			continue;
		}
		bool fixed = false;
		for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
			if (widths[k].conversion == *p) {
				infer_text_str(t, widths[k].shape);
				fixed = true;
			}
		}
		if (fixed) {
			if (*p == 'S')
				infer_time_suffix(t, format, &p);
			digits = true;
			continue;
		}
		switch (*p) {
		case 'a': case 'b': case 'p': case 'Z':
			infer_text_str(t, "[A-Za-z]+");
			digits = false;
			break;
		case 'z':
			infer_text_str(t, "(?:Z|[+-][\\d:]+)");
			digits = false;
			break;
		case 'T':
			infer_text_str(t, "\\d{2}:\\d{2}:\\d{2}");
			infer_time_suffix(t, format, &p);
			digits = true;
			break;
		case 'F':
			infer_text_str(t, "\\d{4}-\\d{2}-\\d{2}");
			digits = true;
			break;
		case '%':
			infer_text_add(t, "%", 1);
			digits = false;
			break;
		default:
			/* "%s%3N" is one run of digits. */
			if (!digits)
				infer_text_str(t, "\\d+");
			digits = true;
			break;
		}
	}
}

static char
infer_closer(char opener)
{
	return opener == '[' ? ']' : opener == '(' ? ')' :
	    opener == '<' ? '>' : 0;
}

static bool
infer_word_has(const struct infer_candidate *cand, size_t slot,
    unsigned char c)
{
	return (cand->word_bytes[slot][c / 32] >> (c % 32)) & 1;
}

/*
 * The shapes of every format that parsed some timestamp of the key, the
 * chosen one first, as alternatives: a line whose timestamp lacks the
 * fraction most lines have still has the layout (and a time-format
 * finding).
 */
static void
infer_time_shapes(struct infer_text *t, const struct infer_candidate *cand,
    size_t chosen)
{
	char *shapes[INFER_FORMAT_COUNT];
	size_t count = 0;

	for (size_t k = 0; k <= INFER_FORMAT_COUNT; k++) {
		/* k == 0 is the chosen format, then the others in order. */
		size_t f = k == 0 ? chosen : k - 1;
		struct infer_text shape = { 0 };
		bool known = false;

		if (k > 0 && (f == chosen || cand->format_votes[f] == 0))
			continue;
		infer_time_shape(&shape, infer_formats[f].format);
		for (size_t i = 0; i < count && !known; i++)
			known = strcmp(shapes[i], shape.bytes) == 0;
		if (known) {
			free(shape.bytes);
			continue;
		}
		if (count > 0)
			infer_text_str(t, "|");
		infer_text_str(t, shape.bytes);
		shapes[count++] = shape.bytes;
	}
	for (size_t i = 0; i < count; i++)
		free(shapes[i]);
}

/* Names given to header fields, each once: "pid", then "pid2". */
struct infer_names {
	const char *base[INFER_GAP_WORDS + 2 * INFER_TAIL_MAX];
	unsigned used[INFER_GAP_WORDS + 2 * INFER_TAIL_MAX];
	size_t count;
};

/* "(?<NAME>" for a field named after base. */
static void
infer_group(struct infer_text *t, struct infer_names *names,
    const char *base)
{
	size_t i;

	for (i = 0; i < names->count; i++) {
		if (strcmp(names->base[i], base) == 0)
			break;
	}
	if (i == names->count) {
		names->base[names->count] = base;
		names->used[names->count++] = 0;
	}
	if (names->used[i]++ == 0)
		infer_text_printf(t, "(?<%s>", base);
	else
		infer_text_printf(t, "(?<%s%u>", base, names->used[i]);
}

/* Whether a header word was only ever digits: a process or thread id. */
static bool
infer_word_numeric(const struct infer_candidate *cand, size_t slot)
{
	bool any = false;

	for (unsigned c = 0; c < 256; c++) {
		if (!infer_word_has(cand, slot, (unsigned char)c))
			continue;
		if (!infer_is_digit((unsigned char)c))
			return false;
		any = true;
	}
	return any;
}

/*
 * The header fields after the level or timestamp: the most common tail of
 * the key's lines, when at least half have it; optional when not all do.
 */
static void
infer_build_tail(const struct infer_candidate *cand, bool has_level,
    struct infer_names *names, struct infer_text *re, struct infer_text *sk)
{
	size_t best = SIZE_MAX;

	for (size_t t = 0; t < cand->tail_count; t++) {
		if (best == SIZE_MAX ||
		    cand->tails[t].count > cand->tails[best].count)
			best = t;
	}
	if (best == SIZE_MAX || cand->tails[best].kinds[0] == '\0' ||
	    cand->tails[best].count * 2 < cand->seen)
		return;
	bool optional = cand->tails[best].count < cand->seen;
	const char *kinds = cand->tails[best].kinds;

	if (optional)
		infer_text_str(re, "(?:");
	for (const char *k = kinds; *k != '\0'; k++) {
		switch (*k) {
		case 'B':
			infer_text_str(re, "\\[");
			infer_group(re, names, has_level || k > kinds ?
			    "context" : "thread");
			infer_text_str(re, "[^\\[\\]]*)\\] +");
			infer_text_str(sk, "[CONTEXT] ");
			break;
		case 'C':
			infer_group(re, names, "component");
			infer_text_str(re, "[^\\s\\[]*?)(?:\\[");
			infer_group(re, names, "pid");
			infer_text_str(re, "\\d+)\\])?: +");
			infer_text_str(sk, "COMPONENT: ");
			break;
		case 'P':
			infer_group(re, names, "component");
			infer_text_str(re, "\\S+) +");
			infer_text_str(sk, "COMPONENT  ");
			break;
		case 'D':
			infer_group(re, names, "field");
			infer_text_str(re, "[^|]*)\\|");
			infer_text_str(sk, "FIELD|");
			break;
		default:
			/* A word before "name:" is syslog's host; before a
			   bracketed context, a logger. */
			if (strchr(k + 1, 'C') != NULL) {
				infer_group(re, names, "host");
				infer_text_str(sk, "HOST ");
			} else {
				infer_group(re, names, "component");
				infer_text_str(sk, "COMPONENT ");
			}
			infer_text_str(re, "\\S+) +");
			break;
		}
	}
	if (optional)
		infer_text_str(re, ")?");
}

/*
 * The line pattern and the skeleton of a key.  With exceptions among the
 * continuation lines, a line that starts with a level or a word refuses
 * an exception line, which would else start a record of its own (a level
 * "ZeroDivisionError").
 */
static void
infer_build_header(const struct infer_candidate *cand, size_t time_format,
    bool exceptions, struct infer_names *names, struct infer_text *re,
    struct infer_text *sk)
{
	struct infer_element elements[INFER_KEY_MAX];
	size_t count = infer_elements(cand, elements);

	if (exceptions && count > 0 && (elements[0].kind == ELEMENT_LEVEL ||
	    elements[0].kind == ELEMENT_WORD))
		infer_text_str(re, "(?!" INFER_EXCEPTION_NAME ")");
	for (size_t i = 0; i < count; i++) {
		const struct infer_element *e = &elements[i];
		const struct infer_element *next = i + 1 < count ?
		    &elements[i + 1] : NULL;
		char stop = next != NULL && next->kind == ELEMENT_LITERAL ?
		    next->literal[0] : 0;

		switch (e->kind) {
		case ELEMENT_LITERAL:
			for (size_t k = 0; k < e->literal_len; k++)
				infer_regex_literal(re, e->literal[k]);
			infer_text_add(sk, e->literal, e->literal_len);
			break;
		case ELEMENT_SPACE: {
			unsigned low = cand->space_min[e->slot];
			unsigned high = cand->space_max[e->slot];

			/* Padding is a run of any length: a longer
			   field is not a foreign line. */
			if (low == high && low == 1)
				infer_text_str(re, " ");
			else
				infer_text_str(re, " +");
			for (unsigned k = 0; k < low; k++)
				infer_text_str(sk, " ");
			break;
		}
		case ELEMENT_PRI:
			infer_text_str(re, "<(?<pri>\\d+)>");
			infer_text_str(sk, "<PRI>");
			break;
		case ELEMENT_TIME:
			infer_text_str(re, "(?<time>");
			/* Bracketed: anything up to the closing bracket. */
			if (i == 1 && elements[0].kind == ELEMENT_LITERAL &&
			    elements[0].literal_len == 1 && stop != 0 &&
			    stop == infer_closer(elements[0].literal[0])) {
				infer_text_str(re, "[^");
				infer_class_literal(re, stop);
				infer_text_str(re, "]*");
			} else
				infer_time_shapes(re, cand, time_format);
			infer_text_str(re, ")");
			infer_text_str(sk, "TIME");
			break;
		case ELEMENT_LEVEL:
			infer_text_str(re, "(?<level>");
			if (stop != 0 && stop != '\t') {
				infer_text_str(re, "[^");
				infer_class_literal(re, stop);
				infer_text_str(re, "\\s]*)");
			} else
				infer_text_str(re, "\\S*)");
			infer_text_str(sk, "LEVEL");
			break;
		case ELEMENT_WORD:
			infer_group(re, names, infer_word_numeric(cand,
			    e->slot) ? "pid" : "field");
			if (stop != 0 && stop != '\t' &&
			    !infer_word_has(cand, e->slot,
			    (unsigned char)stop)) {
				infer_text_str(re, "[^");
				infer_class_literal(re, stop);
				infer_text_str(re, "\\s]+");
			} else if (stop != 0)
				infer_text_str(re, "\\S+?");
			else
				infer_text_str(re, "\\S+");
			infer_text_str(re, ")");
			infer_text_str(sk, "WORD");
			break;
		}
	}
	infer_build_tail(cand, memchr(cand->key, MARK_LEVEL, cand->key_len) !=
	    NULL, names, re, sk);
}

static void
infer_build(const struct infer_candidate *cand, size_t time_format,
    bool exceptions, char **pattern, char **skeleton)
{
	struct infer_text re = { 0 }, sk = { 0 };
	struct infer_names names = { .count = 0 };

	infer_text_str(&re, "^");
	infer_build_header(cand, time_format, exceptions, &names, &re, &sk);
	infer_text_str(&re, "(?<message>.*)$");
	infer_text_str(&sk, "MESSAGE");
	*pattern = infer_text_take(&re);
	*skeleton = infer_text_take(&sk);
}

/* pattern with its named groups made plain groups, for another regex. */
static char *
infer_unnamed(const char *pattern)
{
	struct infer_text t = { 0 };

	for (const char *p = pattern; *p != '\0'; p++) {
		if (strncmp(p, "(?<", 3) == 0 && p[3] != '=' && p[3] != '!') {
			infer_text_str(&t, "(?:");
			p = strchr(p, '>');
			continue;
		}
		infer_text_add(&t, p, 1);
	}
	return infer_text_take(&t);
}

/*
 * Two-line records (java.util.logging's SimpleFormatter): a header of time
 * and source, then a line of level and message.  The pattern spans both
 * lines; *second is the second line's pattern, for the continuation.
 */
static void
infer_build_pair(const struct infer_candidate *header, size_t time_format,
    const struct infer_candidate *follower, char **pattern, char **skeleton,
    char **second)
{
	struct infer_text re = { 0 }, sk = { 0 }, line = { 0 };
	struct infer_names names = { .count = 0 }, own = { .count = 0 };
	char *named;

	infer_text_str(&re, "^");
	infer_build_header(header, time_format, false, &names, &re, &sk);
	infer_text_str(&re, "(?<source>[^\\n]*)\\n");
	infer_text_str(&sk, "SOURCE / ");
	infer_build_header(follower, 0, false, &names, &re, &sk);
	/* No '$': the record's stack trace may follow. */
	infer_text_str(&re, "(?<message>.*)");
	infer_text_str(&sk, "MESSAGE");
	*pattern = infer_text_take(&re);
	*skeleton = infer_text_take(&sk);

	infer_build_header(follower, 0, false, &own, &line, &sk);
	free(infer_text_take(&sk));
	named = infer_text_take(&line);
	*second = infer_unnamed(named);
	free(named);
}

static bool
infer_key_has(const struct infer_candidate *cand, char mark)
{
	return memchr(cand->key, mark, cand->key_len) != NULL;
}

/* Which keys the pattern takes in: their first line matches it. */
static int
infer_compatible(const infer *in, const struct infer_candidate *winner,
    const char *pattern, bool *compatible, char **cause)
{
	pcre2_code *code;
	pcre2_match_data *match;
	PCRE2_SIZE offset;
	int error;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, NULL);
	if (code == NULL) {
		PCRE2_UCHAR text[256];
		pcre2_get_error_message(error, text, sizeof text);
		*cause = xasprintf("the inferred pattern '%s' does not "
		    "compile: %s at offset %zu", pattern, (const char *)text,
		    (size_t)offset);
		return -1;
	}
	match = pcre2_match_data_create_from_pattern(code, NULL);
	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *cand = &in->candidates[i];
		compatible[i] = cand == winner || pcre2_match(code,
		    (PCRE2_SPTR)cand->representative, cand->representative_len,
		    0, 0, match, NULL) >= 0;
	}
	pcre2_match_data_free(match);
	pcre2_code_free(code);
	return 0;
}

static rules_streams
infer_streams(const infer *in, const bool *compatible)
{
	uint64_t lines[LC_STREAM_COUNT] = { 0 };
	bool twins = true;

	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *cand = &in->candidates[i];
		if (!compatible[i])
			continue;
		for (int s = 0; s < LC_STREAM_COUNT; s++)
			lines[s] += cand->stream_lines[s];
		/* A key that lost its slot once has lost its early lines. */
		if (cand->count != cand->seen ||
		    cand->stream_lines[LC_STREAM_STDOUT] !=
		    cand->stream_lines[LC_STREAM_STDERR] ||
		    cand->stream_hash[LC_STREAM_STDOUT] !=
		    cand->stream_hash[LC_STREAM_STDERR])
			twins = false;
	}
	if (lines[LC_STREAM_UNKNOWN] != 0)
		return STREAMS_ANY;
	if (lines[LC_STREAM_STDOUT] != 0 && lines[LC_STREAM_STDERR] != 0)
		return twins ? STREAMS_BOTH : STREAMS_ANY;
	if (lines[LC_STREAM_STDOUT] != 0)
		return STREAMS_STDOUT;
	if (lines[LC_STREAM_STDERR] != 0)
		return STREAMS_STDERR;
	return STREAMS_ANY;
}

static char *
infer_span(const char *line, judge_span span)
{
	if (span.off == SIZE_MAX)
		return NULL;
	return xstrndup(line + span.off, span.len);
}

/*
 * Samples: kept lines the format's own rules judge clean, up to
 * INFER_SAMPLES, one per level first, in the order they came.
 */
static int
infer_pick_samples(const struct infer_candidate *winner, infer_format *out,
    char **cause)
{
	rules *r = infer_rules(out, NULL, cause);
	bool clean[INFER_SAMPLE_KEEP] = { false }, picked[INFER_SAMPLE_KEEP];
	int levels_taken[INFER_SAMPLE_KEEP];
	size_t taken = 0, levels = 0;

	if (r == NULL)
		return -1;
	judge *j = judge_new(r);
	judge_result res = { 0 };
	for (size_t i = 0; i < winner->kept_count; i++) {
		const struct infer_kept *kept = &winner->kept[i];
		judge_line(j, NULL, kept->text, kept->len, LC_STREAM_UNKNOWN,
		    &res);
		clean[i] = res.kind == LINE_CONFORMING;
		picked[i] = false;
	}
	for (size_t i = 0; i < winner->kept_count && taken < INFER_SAMPLES;
	    i++) {
		bool seen = false;
		for (size_t k = 0; k < levels; k++)
			seen = seen || levels_taken[k] == winner->kept[i].level;
		if (!clean[i] || seen)
			continue;
		picked[i] = true;
		levels_taken[levels++] = winner->kept[i].level;
		taken++;
	}
	for (size_t i = 0; i < winner->kept_count && taken < INFER_SAMPLES;
	    i++) {
		if (clean[i] && !picked[i]) {
			picked[i] = true;
			taken++;
		}
	}

	out->samples = xcalloc(taken ? taken : 1, sizeof *out->samples);
	for (size_t i = 0; i < winner->kept_count; i++) {
		const struct infer_kept *kept = &winner->kept[i];
		if (!picked[i])
			continue;
		judge_line(j, NULL, kept->text, kept->len, LC_STREAM_UNKNOWN,
		    &res);
		infer_sample *s = &out->samples[out->sample_count++];
		s->line = xstrndup(kept->text, kept->len);
		s->time = out->time_format != NULL ? infer_span(kept->text,
		    res.time) : NULL;
		s->level = out->level_count > 0 ? infer_span(kept->text,
		    res.level) : NULL;
		s->message = infer_span(kept->text, res.message);
		if (s->message == NULL)
			s->message = xstrdup("");
		s->emoji = xstrndup(kept->text + (res.message.off ==
		    SIZE_MAX ? 0 : res.message.off), res.emoji_len);
	}
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	return 0;
}

rules *
infer_rules(const infer_format *f, const char *name, char **cause)
{
	rules *r;

	if (name == NULL)
		name = "inferred";
	if ((r = rules_new(name, f->line_pattern, f->time_format,
	    cause)) == NULL)
		return NULL;
	if (f->continuation != NULL &&
	    rules_set_continuation(r, f->continuation, cause) != 0) {
		rules_free(r);
		return NULL;
	}
	r->description = xasprintf("Inferred from %llu lines, %llu of which "
	    "fit the layout %s", (unsigned long long)f->lines,
	    (unsigned long long)f->fitting, f->skeleton);
	r->levels = xcalloc(f->level_count + 1, sizeof *r->levels);
	for (size_t i = 0; i < f->level_count; i++)
		r->levels[r->level_count++] = xstrdup(f->levels[i]);
	r->emoji = f->emoji;
	r->streams = f->streams;
	r->foreign = f->foreign_given ? f->foreign : FOREIGN_REPORT;
	/* Whole milliseconds, as infer_rules_yaml writes them. */
	if (f->flush_ns > 0) {
		r->flush_ns = f->flush_ns / 1000000 * 1000000;
		r->flush_given = true;
	}
	r->severity_ids = xcalloc(f->relaxed_count + 2,
	    sizeof *r->severity_ids);
	r->severity_values = xcalloc(f->relaxed_count + 2,
	    sizeof *r->severity_values);
	for (size_t i = 0; i < f->relaxed_count; i++) {
		r->severity_ids[r->severity_count] = xstrdup(f->relaxed[i]);
		r->severity_values[r->severity_count++] = SEVERITY_WARNING;
	}
	if (f->other_times > 0) {
		r->severity_ids[r->severity_count] = xstrdup("time-format");
		r->severity_values[r->severity_count++] = SEVERITY_WARNING;
	}
	r->samples = xcalloc(f->sample_count + 1, sizeof *r->samples);
	for (size_t i = 0; i < f->sample_count; i++) {
		const infer_sample *s = &f->samples[i];
		static const char *const names[] = {
			"time", "level", "message", "emoji"
		};
		const char *values[] = { s->time, s->level, s->message,
		    s->emoji };
		rules_sample *to = &r->samples[r->sample_count++];

		to->line = xstrdup(s->line);
		to->field_names = xcalloc(4, sizeof *to->field_names);
		to->field_values = xcalloc(4, sizeof *to->field_values);
		for (size_t k = 0; k < 4; k++) {
			if (values[k] == NULL)
				continue;
			to->field_names[to->field_count] = xstrdup(names[k]);
			to->field_values[to->field_count++] =
			    xstrdup(values[k]);
		}
	}
	return r;
}

/*
 * The continuation pattern: the forms seen going on a record; a trace seen
 * (a traceback's header, "Caused by:", an exception line) brings all the
 * forms of traces, which the next traceback may have where this one had
 * not.  Indented lines are left out when the layout's own lines may start
 * with a space.  NULL when no line went on a record.
 */
static char *
infer_continuation(const infer *in, const struct infer_candidate *winner)
{
	struct infer_text t = { 0 };
	bool trace = in->bodies[BODY_TRACEBACK] > 0 ||
	    in->bodies[BODY_CAUSED] > 0 || in->bodies[BODY_EXCEPTION] > 0 ||
	    in->bodies[BODY_BACKTRACE] > 0;
	bool any = false;

	for (int form = 0; form < BODY_COUNT; form++) {
		if (!trace && in->bodies[form] == 0)
			continue;
		if (form == BODY_INDENTED && winner->key_len > 0 &&
		    (winner->key[0] == MARK_SPACE || winner->key[0] == ' ' ||
		    winner->key[0] == '\t'))
			continue;
		infer_text_str(&t, any ? "|" : "^(?:");
		infer_text_str(&t, infer_body_patterns[form]);
		any = true;
	}
	if (!any)
		return NULL;
	infer_text_str(&t, ")");
	return infer_text_take(&t);
}

/* The candidate of key, or NULL. */
static const struct infer_candidate *
infer_candidate_of(const infer *in, const char *key, size_t len)
{
	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *cand = &in->candidates[i];
		if (cand->key_len == len && memcmp(cand->key, key, len) == 0)
			return cand;
	}
	return NULL;
}

/*
 * Whether header's lines are nearly all followed by a line of one key
 * that leads with a level: a record of two lines.  That key, or NULL.
 */
static const struct infer_candidate *
infer_follower(const infer *in, const struct infer_candidate *header)
{
	const struct infer_candidate *follower;

	if (header->follower_len == 0 ||
	    header->followed * 10 < header->seen * 9)
		return NULL;
	follower = infer_candidate_of(in, header->follower,
	    header->follower_len);
	/* Nearly all its lines follow a header too. */
	if (follower == NULL || header->followed * 10 < follower->seen * 9)
		return NULL;
	return follower;
}

/*
 * The winner of a two-line layout is its header: the key of the second
 * lines may count as many lines, or more.  *second gets the second
 * line's key, or NULL for a layout of one line.
 */
static const struct infer_candidate *
infer_pair(const infer *in, const struct infer_candidate *winner,
    const struct infer_candidate **second)
{
	*second = infer_follower(in, winner);
	if (*second != NULL)
		return winner;
	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *header = &in->candidates[i];
		if (header != winner && infer_follower(in, header) == winner) {
			*second = winner;
			return header;
		}
	}
	return winner;
}

int
infer_finish(infer *in, infer_format *out, char **cause)
{
	const struct infer_candidate *winner = NULL, *second;
	bool compatible[INFER_CANDIDATES];

	memset(out, 0, sizeof *out);
	if (in->candidate_count == 0) {
		*cause = in->lines == 0 ?
		    xstrdup("no lines to learn a format from") :
		    xasprintf("none of the %llu lines starts with a timestamp "
		    "or a level token", (unsigned long long)in->lines);
		return -1;
	}
	for (size_t i = 0; i < in->candidate_count; i++) {
		if (winner == NULL || in->candidates[i].count > winner->count)
			winner = &in->candidates[i];
	}
	winner = infer_pair(in, winner, &second);
	/* The second line carries the level, the message and its emoji. */
	const struct infer_candidate *told = second != NULL ? second : winner;

	size_t best = 0;
	for (size_t f = 1; f < INFER_FORMAT_COUNT; f++) {
		if (winner->format_votes[f] > winner->format_votes[best])
			best = f;
	}
	if (infer_key_has(winner, MARK_TIME))
		out->time_format = xstrdup(infer_formats[best].format);
	out->continuation = infer_continuation(in, winner);
	if (second != NULL) {
		char *line, *bodies = out->continuation;
		infer_build_pair(winner, best, second, &out->line_pattern,
		    &out->skeleton, &line);
		out->continuation = bodies == NULL ?
		    xasprintf("^(?:%s)", line) :
		    xasprintf("^(?:%s|%s", line, bodies + 4);
		free(line);
		free(bodies);
	} else
		infer_build(winner, best, in->bodies[BODY_EXCEPTION] > 0 &&
		    out->continuation != NULL, &out->line_pattern,
		    &out->skeleton);

	if (infer_key_has(told, MARK_LEVEL)) {
		out->levels = xcalloc(LEVELS_WORDS * LEVELS_CASES +
		    INFER_OFFSET_LEVELS, sizeof *out->levels);
		for (size_t w = 0; w < LEVELS_WORDS; w++) {
			for (int c = 0; c < LEVELS_CASES; c++) {
				if (told->level_counts[w][c] == 0)
					continue;
				char *level = levels_spell(w, c);
				out->levels[out->level_count++] = level;
			}
		}
		/* Each level with an offset in order, beside its word. */
		for (size_t i = 0; i < told->offset_level_count; i++)
			out->levels[out->level_count++] =
			    xstrdup(told->offset_levels[i]);
		levels_sort(out->levels, out->level_count);
	}

	out->emoji_share = (double)told->emoji_led / (double)told->seen;
	out->emoji = told->emoji_led == 0 ? EMOJI_NONE :
	    told->emoji_led == told->seen ? EMOJI_REQUIRED : EMOJI_OPTIONAL;

	if (infer_compatible(in, winner, out->line_pattern, compatible,
	    cause) != 0)
		goto fail;
	if (second != NULL)
		compatible[second - in->candidates] = true;
	out->lines = in->lines;
	for (size_t i = 0; i < in->candidate_count; i++) {
		const struct infer_candidate *cand = &in->candidates[i];
		if (!compatible[i])
			continue;
		out->fitting += cand->seen;
		/*
		 * The program itself writes its time with and without a
		 * fraction or a zone (Go's log with microseconds on one
		 * logger): those lines keep the layout, and their time-format
		 * finding is one the captures have themselves.  A time of
		 * other fields (a date more) is a bad line, and stays one.
		 */
		if (out->time_format != NULL && infer_key_has(cand, MARK_TIME))
			out->other_times += cand->class_votes[
			    in->format_class[best]] - cand->format_votes[best];
	}
	out->streams = infer_streams(in, compatible);

	/*
	 * A layout that reads a few lines of many would make a profile that
	 * passes almost anything (its bound of foreign lines is the
	 * capture's own share): no profile, and say why.
	 */
	uint64_t read = out->fitting;
	for (size_t f = 0; out->continuation != NULL && f < BODY_COUNT; f++)
		read += in->bodies[f];
	if (read * 100 < (uint64_t)INFER_MIN_FIT_PERCENT * in->lines) {
		*cause = xasprintf("the best layout found (%s) reads only %llu "
		    "of the %llu lines, under %d%%: a profile of it would "
		    "pass almost anything", out->skeleton,
		    (unsigned long long)read, (unsigned long long)in->lines,
		    INFER_MIN_FIT_PERCENT);
		goto fail;
	}
	if (infer_pick_samples(winner, out, cause) != 0)
		goto fail;
	return 0;

fail:
	infer_format_free(out);
	memset(out, 0, sizeof *out);
	return -1;
}

void
infer_format_free(infer_format *f)
{
	if (f == NULL)
		return;
	free(f->line_pattern);
	free(f->skeleton);
	free(f->continuation);
	free(f->time_format);
	for (size_t i = 0; i < f->level_count; i++)
		free(f->levels[i]);
	free(f->levels);
	for (size_t i = 0; i < f->sample_count; i++) {
		infer_sample *s = &f->samples[i];
		free(s->line);
		free(s->time);
		free(s->level);
		free(s->message);
		free(s->emoji);
	}
	free(f->samples);
	for (size_t i = 0; i < f->relaxed_count; i++)
		free(f->relaxed[i]);
	free(f->relaxed);
	memset(f, 0, sizeof *f);
}

/*
 * A YAML scalar for any text: single-quoted when every character may stand
 * in one, else double-quoted with escapes.  Invalid UTF-8 cannot be YAML;
 * each bad byte becomes U+FFFD.
 */
static void
infer_yaml_string(struct infer_text *t, const char *s)
{
	size_t len = strlen(s), i, step;
	bool plain = true;
	uint32_t cp;

	for (i = 0; i < len && plain; i += step) {
		step = utf8_decode(s + i, len - i, &cp);
		plain = (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 &&
		    cp <= 0xfffd && cp != 0x2028 && cp != 0x2029 &&
		    cp != 0xfeff && !(cp == 0xfffd && step == 1)) ||
		    cp >= 0x10000;
	}
	if (plain) {
		infer_text_add(t, "'", 1);
		for (i = 0; i < len; i++) {
			if (s[i] == '\'')
				infer_text_add(t, "'", 1);
			infer_text_add(t, s + i, 1);
		}
		infer_text_add(t, "'", 1);
		return;
	}
	infer_text_add(t, "\"", 1);
	for (i = 0; i < len; i += step) {
		step = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xfffd && step == 1)
			infer_text_str(t, "\\uFFFD");
		else if (cp == '"' || cp == '\\') {
			infer_text_add(t, "\\", 1);
			infer_text_add(t, s + i, 1);
		} else if (cp == '\t')
			infer_text_str(t, "\\t");
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			infer_text_printf(t, "\\x%02X", (unsigned)cp);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
		    cp == 0xfffe || cp == 0xffff)
			infer_text_printf(t, "\\u%04X", (unsigned)cp);
		else
			infer_text_add(t, s + i, step);
	}
	infer_text_add(t, "\"", 1);
}

static const char *const infer_emoji_names[] = {
	"none", "optional", "required"
};
static const char *const infer_streams_names[] = {
	"both", "stdout", "stderr", "any"
};
static const char *const infer_foreign_names[] = {
	"allow", "report", "fail"
};

char *
infer_rules_yaml(const infer_format *f, const char *name)
{
	struct infer_text t = { 0 };
	char *description;

	if (name == NULL)
		name = "inferred";
	infer_text_printf(&t, "# %s: a log format logcompat inferred from "
	    "%llu lines.\n# Read it before you rely on it; "
	    "logcompat-rules(5) documents every key.\n", name,
	    (unsigned long long)f->lines);
	if (f->skipped_records > 0)
		infer_text_printf(&t, "# %llu malformed container-log records "
		    "were left out (logcompat check lists them).\n",
		    (unsigned long long)f->skipped_records);
	infer_text_str(&t, "\n");
	infer_text_printf(&t, "format: %s\n", name);
	description = xasprintf("Inferred from %llu lines, %llu of which fit "
	    "the layout %s", (unsigned long long)f->lines,
	    (unsigned long long)f->fitting, f->skeleton);
	infer_text_str(&t, "description: ");
	infer_yaml_string(&t, description);
	free(description);
	infer_text_str(&t, "\nline: ");
	infer_yaml_string(&t, f->line_pattern);
	infer_text_str(&t, "\n");
	if (f->continuation != NULL) {
		infer_text_str(&t, "continuation: ");
		infer_yaml_string(&t, f->continuation);
		infer_text_str(&t, "\n");
	}
	if (f->time_format != NULL) {
		infer_text_str(&t, "time: ");
		infer_yaml_string(&t, f->time_format);
		infer_text_str(&t, "\n");
	}
	if (f->level_count > 0) {
		infer_text_str(&t, "levels: [");
		for (size_t i = 0; i < f->level_count; i++) {
			/* Vocabulary words need no quotes. */
			infer_text_printf(&t, "%s%s", i > 0 ? ", " : "",
			    f->levels[i]);
		}
		infer_text_str(&t, "]\n");
	}
	infer_text_printf(&t, "emoji: %s\n", infer_emoji_names[f->emoji]);
	infer_text_printf(&t, "streams: %s\n",
	    infer_streams_names[f->streams]);
	infer_text_printf(&t, "foreign: %s\n", !f->foreign_given ? "report" :
	    infer_foreign_names[f->foreign]);
	/* Whole milliseconds: rules_load_flush takes them back exactly. */
	if (f->flush_ns > 0)
		infer_text_printf(&t, "flush: %lldms\n",
		    (long long)(f->flush_ns / 1000000));
	if (f->relaxed_count > 0)
		infer_text_str(&t, "# The captures this was inferred from "
		    "break these rules themselves\n# (time stepping back where "
		    "several logs were joined, say): warnings,\n# so that "
		    "they pass their own profile.  Make them errors once the "
		    "captures\n# are clean.\n");
	if (f->other_times > 0)
		infer_text_printf(&t, "# %llu line%s of the captures this was "
		    "inferred from write%s the time in\n# another format than "
		    "'%s' (with a fraction, say): time-format\n# is a warning, "
		    "so that they pass their own profile.  Make it an error\n"
		    "# once the program writes one format.\n",
		    (unsigned long long)f->other_times,
		    f->other_times == 1 ? "" : "s",
		    f->other_times == 1 ? "s" : "", f->time_format);
	if (f->relaxed_count > 0 || f->other_times > 0) {
		infer_text_str(&t, "severities: { ");
		for (size_t i = 0; i < f->relaxed_count; i++)
			infer_text_printf(&t, "%s%s: warning", i > 0 ? ", " :
			    "", f->relaxed[i]);
		if (f->other_times > 0)
			infer_text_printf(&t, "%stime-format: warning",
			    f->relaxed_count > 0 ? ", " : "");
		infer_text_str(&t, " }\n");
	}
	if (f->sample_count > 0)
		infer_text_str(&t, "samples:\n");
	for (size_t i = 0; i < f->sample_count; i++) {
		const infer_sample *s = &f->samples[i];
		static const char *const names[] = {
			"time", "level", "message", "emoji"
		};
		const char *values[] = { s->time, s->level, s->message,
		    s->emoji };

		infer_text_str(&t, "  - line: ");
		infer_yaml_string(&t, s->line);
		infer_text_str(&t, "\n    fields:\n");
		for (size_t k = 0; k < 4; k++) {
			if (values[k] == NULL)
				continue;
			infer_text_printf(&t, "      %s: ", names[k]);
			infer_yaml_string(&t, values[k]);
			infer_text_str(&t, "\n");
		}
	}
	return infer_text_take(&t);
}

char *
infer_yaml_scalar(const char *s)
{
	struct infer_text t = { 0 };

	infer_yaml_string(&t, s);
	return infer_text_take(&t);
}
