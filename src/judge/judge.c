/*
 * judge: one rule set applied to one line; see judge.h.  This is the hot
 * path: judge_line allocates nothing unless the line has a finding.
 */
#include "judge/judge.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/bytes.h"
#include "decode/emoji.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/*
 * PCRE2 counts the match limit afresh at each position where it tries an
 * unanchored pattern, so a long line would multiply it.  Unless the rule
 * file sets `match`, such a pattern gets match * JUDGE_LINE_SHARE /
 * (length + 1) at each position, never more than match nor less than
 * JUDGE_POSITION_FLOOR: a runaway pattern then gives up on a line of a
 * megabyte within seconds.  A linear match of a long line may need more
 * than that share at its first position, so a pattern that hits the limit
 * is tried once more (judge_retry) with JUDGE_STEPS_PER_BYTE * (length +
 * 1) steps at each position (at most match), at as many positions as keep
 * the retry within match * JUDGE_LINE_SHARE steps too.
 */
#define JUDGE_LINE_SHARE	64
#define JUDGE_POSITION_FLOOR	1000
#define JUDGE_STEPS_PER_BYTE	4
/*
 * Each line a runaway pattern gives up on costs up to a second or so: after
 * this many, the judge stops trying that pattern for the rest of the
 * stream, so that a thousand such lines take seconds, not minutes.
 */
#define JUDGE_GIVE_UP_LINES	8
/* Not a PCRE2 code: the pattern was not tried (JUDGE_GIVE_UP_LINES). */
#define JUDGE_GIVEN_UP		(-100000)
/* A step back longer than this, without a date, is taken as midnight. */
#define JUDGE_NEW_DAY_NS	(INT64_C(12) * 3600 * 1000000000)

typedef enum { FIELD_GROUP, FIELD_EMOJI, FIELD_STREAM, FIELD_LINE } field_kind;

typedef struct {
	const rules_condition *condition;
	field_kind kind;
	uint32_t group;
	pcre2_match_data *match;	/* for regex conditions */
	bool anchored;		/* the regex is tried at one position only */
	size_t *set_lengths;	/* strlen of each set member */
	unsigned limit_lines;	/* lines the regex gave up on, at most
				 * JUDGE_GIVE_UP_LINES */
} judge_condition;

typedef struct {
	const rules_check *check;
	judge_condition *when, *expect;
} judge_check;

struct judge {
	const rules *rules;
	pcre2_match_data *line_match;
	pcre2_match_context *context;
	uint32_t context_limit;	/* the match limit context holds now */
	pcre2_jit_stack *jit_stack;
	emoji_matcher *emoji;
	rules_severity severities[FINDING_BUILTIN_COUNT];
	judge_check *checks;
	size_t *level_lengths;	/* strlen of each of rules->levels */
	bool line_jit;		/* line_regex is JIT-compiled */
	bool line_anchored;	/* line_regex is tried at one position only */
	unsigned line_limit_lines;	/* as judge_condition's limit_lines */
	/*
	 * line_regex again, for lines already known to be valid UTF-8 with no
	 * control character: without MATCH_INVALID_UTF and, as such a line
	 * holds no newline, with DOTALL, it matches alike in half the time.
	 * NULL when it could not be made.
	 */
	pcre2_code *clean_regex;
	bool clean_jit;
	PCRE2_SIZE *ovector;	/* line_match's, fixed for its life */
	uint32_t ovector_pairs;
	char *mended;		/* scratch for judge_mend */
	size_t mended_cap;
	/* The last judged line's match, for field lookups. */
	bool matched;
};

const char *
judge_builtin_id(judge_builtin id)
{
	return findings_name(id);
}

rules_severity
judge_severity(const judge *j, judge_builtin id)
{
	return j->severities[id];
}

static bool
judge_anchored(const pcre2_code *code)
{
	uint32_t options = 0;

	pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &options);
	return (options & PCRE2_ANCHORED) != 0;
}

static void
judge_set_limit(judge *j, uint32_t limit)
{
	if (limit != j->context_limit) {
		pcre2_set_match_limit(j->context, limit);
		j->context_limit = limit;
	}
}

/*
 * Set the match limit for a pattern about to be tried on len bytes; true
 * when a limit hit deserves judge_retry.
 */
static bool
judge_limit(judge *j, bool anchored, size_t len)
{
	uint32_t limit = j->rules->match_limit;
	bool share = !anchored && !j->rules->match_limit_given &&
	    len >= JUDGE_LINE_SHARE;

	if (share) {
		uint64_t shared = (uint64_t)limit * JUDGE_LINE_SHARE /
		    ((uint64_t)len + 1);
		uint32_t floor = limit < JUDGE_POSITION_FLOOR ? limit :
		    JUDGE_POSITION_FLOOR;
		limit = shared < floor ? floor : (uint32_t)shared;
	}
	judge_set_limit(j, limit);
	return share && limit < j->rules->match_limit;
}

/*
 * After a limit hit under the shared budget: a larger limit at each
 * position, at the first positions only (the offset limit), so that the
 * retry too stays within match * JUDGE_LINE_SHARE steps.  judge_unretry
 * undoes it.
 */
static void
judge_retry(judge *j, size_t len)
{
	uint64_t total = (uint64_t)j->rules->match_limit * JUDGE_LINE_SHARE;
	uint64_t each = (uint64_t)JUDGE_STEPS_PER_BYTE * ((uint64_t)len + 1);

	if (each > j->rules->match_limit)
		each = j->rules->match_limit;
	if (each < j->context_limit)
		each = j->context_limit;
	judge_set_limit(j, (uint32_t)each);
	pcre2_set_offset_limit(j->context, (PCRE2_SIZE)(total / each) - 1);
}

static void
judge_unretry(judge *j)
{
	pcre2_set_offset_limit(j->context, PCRE2_UNSET);
}

static void
judge_condition_init(judge *j, judge_condition *jc, const rules_condition *rc)
{
	const rules *r = j->rules;
	int group;

	jc->condition = rc;
	jc->match = NULL;
	jc->group = 0;
	if (strcmp(rc->field, "emoji") == 0)
		jc->kind = FIELD_EMOJI;
	else if (strcmp(rc->field, "stream") == 0)
		jc->kind = FIELD_STREAM;
	else if (strcmp(rc->field, "line") == 0)
		jc->kind = FIELD_LINE;
	else {
		/* rules_load has checked that the group exists. */
		group = pcre2_substring_number_from_name(r->line_regex,
		    (PCRE2_SPTR)rc->field);
		jc->kind = FIELD_GROUP;
		jc->group = group > 0 ? (uint32_t)group : 0;
	}
	if (rc->regex != NULL) {
		jc->match = pcre2_match_data_create_from_pattern(rc->regex,
		    NULL);
		jc->anchored = judge_anchored(rc->regex);
	}
	jc->set_lengths = xcalloc(rc->set_count, sizeof *jc->set_lengths);
	for (size_t i = 0; i < rc->set_count; i++)
		jc->set_lengths[i] = strlen(rc->set[i]);
}

static judge_condition *
judge_conditions_new(judge *j, const rules_condition *rcs, size_t count)
{
	judge_condition *jcs = xcalloc(count, sizeof *jcs);

	for (size_t i = 0; i < count; i++)
		judge_condition_init(j, &jcs[i], &rcs[i]);
	return jcs;
}

static void
judge_conditions_free(judge_condition *jcs, size_t count)
{
	if (jcs == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		pcre2_match_data_free(jcs[i].match);
		free(jcs[i].set_lengths);
	}
	free(jcs);
}

/* The clean_regex of struct judge, from the same source as line_regex. */
static pcre2_code *
judge_clean_regex(const rules *r)
{
	uint32_t options = PCRE2_UTF | PCRE2_DOTALL | PCRE2_USE_OFFSET_LIMIT,
	    newline = 0;
	PCRE2_SIZE offset;
	pcre2_code *code;
	int error;

	if (r->line_pattern == NULL)
		return NULL;
	/*
	 * Under NEWLINE_ANY, U+0085, U+2028 and U+2029 end lines too, and a
	 * line without control characters may hold them: keep '.' as it is.
	 */
	pcre2_pattern_info(r->line_regex, PCRE2_INFO_NEWLINE, &newline);
	if (newline == PCRE2_NEWLINE_ANY)
		options &= ~(uint32_t)PCRE2_DOTALL;
	code = pcre2_compile((PCRE2_SPTR)r->line_pattern, PCRE2_ZERO_TERMINATED,
	    options, &error, &offset, NULL);
	if (code != NULL)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

judge *
judge_new(const rules *r)
{
	judge *j = xcalloc(1, sizeof *j);
	rules_severity fallback;

	j->rules = r;
	j->line_match = pcre2_match_data_create_from_pattern(r->line_regex,
	    NULL);
	j->ovector = pcre2_get_ovector_pointer(j->line_match);
	j->ovector_pairs = pcre2_get_ovector_count(j->line_match);
	size_t jit_size = 0;
	pcre2_pattern_info(r->line_regex, PCRE2_INFO_JITSIZE, &jit_size);
	j->line_jit = jit_size > 0;
	j->clean_regex = judge_clean_regex(r);
	if (j->clean_regex != NULL) {
		jit_size = 0;
		pcre2_pattern_info(j->clean_regex, PCRE2_INFO_JITSIZE,
		    &jit_size);
		j->clean_jit = jit_size > 0;
	}
	j->line_anchored = judge_anchored(r->line_regex);
	j->context = pcre2_match_context_create(NULL);
	j->context_limit = r->match_limit;
	pcre2_set_match_limit(j->context, r->match_limit);
	pcre2_set_depth_limit(j->context, r->depth_limit);
	/* Unless JIT is unavailable, give it room beyond the 32K default. */
	j->jit_stack = pcre2_jit_stack_create(32 * 1024, r->jit_stack, NULL);
	if (j->jit_stack != NULL)
		pcre2_jit_stack_assign(j->context, NULL, j->jit_stack);
	j->emoji = emoji_matcher_new();
	for (size_t i = 0; i < FINDING_BUILTIN_COUNT; i++) {
		const finding_info *info = findings_get((finding_id)i);
		switch (info->severity) {
		case FINDING_DEFAULT_WARNING:
			fallback = SEVERITY_WARNING;
			break;
		case FINDING_DEFAULT_BY_FOREIGN:
			fallback = r->foreign == FOREIGN_FAIL ? SEVERITY_ERROR :
			    r->foreign == FOREIGN_REPORT ? SEVERITY_WARNING :
			    SEVERITY_OFF;
			break;
		default:
			fallback = SEVERITY_ERROR;
			break;
		}
		/* A fixed one (a capture with no log line) keeps its own. */
		j->severities[i] = info->fixed ? fallback :
		    rules_severity_of(r, info->id, fallback);
	}
	j->level_lengths = xcalloc(r->level_count, sizeof *j->level_lengths);
	for (size_t i = 0; i < r->level_count; i++)
		j->level_lengths[i] = strlen(r->levels[i]);
	j->checks = xcalloc(r->check_count, sizeof *j->checks);
	for (size_t i = 0; i < r->check_count; i++) {
		const rules_check *rc = &r->checks[i];
		j->checks[i].check = rc;
		j->checks[i].when = judge_conditions_new(j, rc->when,
		    rc->when_count);
		j->checks[i].expect = judge_conditions_new(j, rc->expect,
		    rc->expect_count);
	}
	return j;
}

void
judge_free(judge *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->rules->check_count; i++) {
		judge_conditions_free(j->checks[i].when,
		    j->checks[i].check->when_count);
		judge_conditions_free(j->checks[i].expect,
		    j->checks[i].check->expect_count);
	}
	free(j->checks);
	free(j->level_lengths);
	free(j->mended);
	emoji_matcher_free(j->emoji);
	pcre2_jit_stack_free(j->jit_stack);
	pcre2_match_context_free(j->context);
	pcre2_match_data_free(j->line_match);
	pcre2_code_free(j->clean_regex);
	free(j);
}

void
judge_result_add(judge_result *res, const char *rule,
    rules_severity severity, size_t at, char *message)
{
	if (severity == SEVERITY_OFF) {
		free(message);
		return;
	}
	if (res->finding_count == res->finding_cap) {
		res->finding_cap = res->finding_cap ? res->finding_cap * 2 : 4;
		res->findings = xreallocarray(res->findings,
		    res->finding_cap, sizeof *res->findings);
	}
	res->findings[res->finding_count++] = (judge_finding){
		.rule = rule, .severity = severity, .at = at,
		.message = message,
	};
}

static void
judge_add(judge *j, judge_result *res, judge_builtin id, size_t at,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
judge_add(judge *j, judge_result *res, judge_builtin id, size_t at,
    const char *fmt, ...)
{
	va_list ap;

	if (j->severities[id] == SEVERITY_OFF)
		return;
	va_start(ap, fmt);
	judge_result_add(res, findings_name(id), j->severities[id], at,
	    xvasprintf(fmt, ap));
	va_end(ap);
}

static void
judge_result_reset(judge_result *res)
{
	for (size_t i = 0; i < res->finding_count; i++)
		free(res->findings[i].message);
	res->finding_count = 0;
	res->kind = LINE_FOREIGN;
	res->time = res->level = res->message =
	    (judge_span){ SIZE_MAX, 0 };
	res->emoji_len = 0;
}

void
judge_result_free(judge_result *res)
{
	if (res == NULL)
		return;
	judge_result_reset(res);
	free(res->findings);
	res->findings = NULL;
	res->finding_cap = 0;
}

static judge_span
judge_group(const judge *j, uint32_t group)
{
	const PCRE2_SIZE *ovector = j->ovector;

	if (!j->matched || group == 0 || group >= j->ovector_pairs ||
	    ovector[2 * group] == PCRE2_UNSET)
		return (judge_span){ SIZE_MAX, 0 };
	return (judge_span){ ovector[2 * group],
	    ovector[2 * group + 1] - ovector[2 * group] };
}

static judge_span
judge_condition_span(const judge *j, const judge_condition *jc, size_t len,
    const judge_result *res)
{
	switch (jc->kind) {
	case FIELD_GROUP:
		return judge_group(j, jc->group);
	case FIELD_EMOJI:
		if (res->message.off == SIZE_MAX)
			return (judge_span){ SIZE_MAX, 0 };
		return (judge_span){ res->message.off, res->emoji_len };
	case FIELD_LINE:
		return (judge_span){ 0, len };
	case FIELD_STREAM:
		break;
	}
	return (judge_span){ SIZE_MAX, 0 };
}

bool
judge_field(const judge *j, const char *name, const char *text, size_t len,
    lc_stream stream, const judge_result *res, judge_span *span)
{
	judge_condition jc;
	rules_condition rc = { .field = (char *)name };
	int group;

	(void)text;
	(void)stream;
	if (strcmp(name, "stream") == 0)
		return false;
	if (strcmp(name, "emoji") == 0)
		jc.kind = FIELD_EMOJI;
	else if (strcmp(name, "line") == 0)
		jc.kind = FIELD_LINE;
	else {
		group = pcre2_substring_number_from_name(j->rules->line_regex,
		    (PCRE2_SPTR)name);
		if (group <= 0)
			return false;
		jc.kind = FIELD_GROUP;
		jc.group = (uint32_t)group;
	}
	jc.condition = &rc;
	*span = judge_condition_span(j, &jc, len, res);
	return true;
}

/*
 * Does the condition hold?  A runaway regex counts as "no", and sets
 * *limited; one given up for the stream sets *given_up too.
 */
static bool
judge_condition_holds(judge *j, judge_condition *jc, const char *text,
    size_t len, lc_stream stream, const judge_result *res, bool *limited,
    bool *given_up)
{
	const rules_condition *rc = jc->condition;
	const char *value;
	size_t value_len;
	judge_span span;
	int rc_match;

	if (jc->kind == FIELD_STREAM) {
		value = capture_stream_name(stream);
		value_len = strlen(value);
	} else {
		span = judge_condition_span(j, jc, len, res);
		value = span.off == SIZE_MAX ? "" : text + span.off;
		value_len = span.off == SIZE_MAX ? 0 : span.len;
	}
	if (rc->regex == NULL) {
		for (size_t i = 0; i < rc->set_count; i++) {
			if (jc->set_lengths[i] == value_len &&
			    bytes_equal(rc->set[i], value, value_len))
				return true;
		}
		return false;
	}
	if (jc->limit_lines >= JUDGE_GIVE_UP_LINES) {
		*limited = *given_up = true;
		return false;
	}
	bool retry = judge_limit(j, jc->anchored, value_len);
	rc_match = pcre2_match(rc->regex, (PCRE2_SPTR)value, value_len, 0, 0,
	    jc->match, j->context);
	if (rc_match == PCRE2_ERROR_MATCHLIMIT && retry) {
		judge_retry(j, value_len);
		rc_match = pcre2_match(rc->regex, (PCRE2_SPTR)value, value_len,
		    0, 0, jc->match, j->context);
		judge_unretry(j);
		/* No match at the first positions is no answer for the rest. */
		if (rc_match == PCRE2_ERROR_NOMATCH)
			rc_match = PCRE2_ERROR_MATCHLIMIT;
	}
	if (rc_match < 0 && rc_match != PCRE2_ERROR_NOMATCH) {
		*limited = true;
		jc->limit_lines++;
	}
	return rc_match >= 0;
}

static void
judge_checks(judge *j, const char *text, size_t len, lc_stream stream,
    judge_result *res)
{
	bool limited = false, given_up = false;

	for (size_t i = 0; i < j->rules->check_count; i++) {
		const judge_check *jc = &j->checks[i];
		const rules_check *rc = jc->check;
		bool applies = true;
		size_t k;

		for (k = 0; applies && k < rc->when_count; k++)
			applies = judge_condition_holds(j, &jc->when[k], text,
			    len, stream, res, &limited, &given_up);
		if (!applies)
			continue;
		for (k = 0; k < rc->expect_count; k++) {
			bool gave_up = false;
			if (judge_condition_holds(j, &jc->expect[k], text, len,
			    stream, res, &gave_up, &given_up))
				continue;
			/* Not known to fail: the match-limit finding says so. */
			if (gave_up) {
				limited = true;
				break;
			}
			judge_span span = judge_condition_span(j,
			    &jc->expect[k], len, res);
			judge_result_add(res, rc->id, rc->severity,
			    span.off == SIZE_MAX ? 0 : span.off,
			    xstrdup(rc->message));
			break;
		}
	}
	if (given_up)
		judge_add(j, res, FINDING_MATCH_LIMIT, 0, "a check's pattern "
		    "was given up after it hit PCRE2's match limit on %d "
		    "lines (see 'limits')", JUDGE_GIVE_UP_LINES);
	else if (limited)
		judge_add(j, res, FINDING_MATCH_LIMIT, 0, "a check's pattern "
		    "hit PCRE2's match limit on this line");
}

/* Word-at-a-time tests (from "Bit Twiddling Hacks"). */
#define ONES		UINT64_C(0x0101010101010101)
#define HIGHS		UINT64_C(0x8080808080808080)
#define HAS_LESS(x, n)	(((x) - ONES * (n)) & ~(x) & HIGHS)
#define HAS_ZERO(x)	(((x) - ONES) & ~(x) & HIGHS)

#ifdef __SSE2__
/*
 * The control characters (a mask of their places) and, in *high, the
 * bytes of 0x80 and above among the 16 bytes at p, counting only the
 * places in keep.
 */
static inline unsigned
judge_chunk(const unsigned char *p, unsigned keep, unsigned *high)
{
	const __m128i space = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'),
	    del = _mm_set1_epi8(0x7f);
	__m128i chunk = _mm_loadu_si128((const __m128i *)p);
	unsigned top = (unsigned)_mm_movemask_epi8(chunk);
	/* Signed, so bytes of 0x80 and above compare low: mask them. */
	unsigned low = (unsigned)_mm_movemask_epi8(
	    _mm_cmplt_epi8(chunk, space)) & ~top;

	low &= ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, tab));
	low |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, del));
	*high = top & keep;
	return low & keep;
}
#endif

/*
 * Encoding, NUL bytes and control characters: every line, log or not.
 * This is very hot, so plain ASCII is skipped eight bytes at a time.
 */
static size_t
judge_bytes(judge *j, const char *text, size_t len, judge_result *res,
    bool *clean)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t i = 0, first_high = SIZE_MAX, control = SIZE_MAX, nul = SIZE_MAX;
	uint64_t word;

#ifdef __SSE2__
	/* Sixteen bytes at a time while there is no control character. */
	unsigned high, low = 0;
	for (; len - i >= 16; i += 16) {
		low = judge_chunk(bytes + i, 0xffff, &high);
		if (high != 0 && first_high == SIZE_MAX)
			first_high = i + (size_t)__builtin_ctz(high);
		if (low != 0)
			break;	/* the loop below finds and sorts it out */
	}
	/*
	 * The last few bytes in one more chunk, which ends at the line's end
	 * and overlaps what was seen: the byte loop was a tenth of check.
	 */
	if (low == 0 && i < len && len >= 16) {
		size_t base = len - 16;
		low = judge_chunk(bytes + base, 0xffffu << (i - base) & 0xffff,
		    &high);
		if (high != 0 && first_high == SIZE_MAX)
			first_high = base + (size_t)__builtin_ctz(high);
		if (low == 0)
			i = len;
	}
#endif
	while (i < len) {
		if (len - i >= 8) {
			memcpy(&word, bytes + i, sizeof word);
			/* Neither test is fooled by bytes of 0x80 and above. */
			if (!HAS_LESS(word, 0x20) &&
			    !HAS_ZERO(word ^ (ONES * 0x7f))) {
				if ((word & HIGHS) != 0 && first_high == SIZE_MAX)
					first_high = i;
				i += 8;
				continue;
			}
		}
		size_t end = len - i >= 8 ? i + 8 : len;
		for (; i < end; i++) {
			unsigned char c = bytes[i];
			if (c >= 0x80) {
				if (first_high == SIZE_MAX)
					first_high = i;
			} else if (c == 0) {
				if (nul == SIZE_MAX)
					nul = i;
			} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
				if (control == SIZE_MAX)
					control = i;
			}
		}
	}
	if (nul != SIZE_MAX)
		judge_add(j, res, FINDING_NUL_BYTE, nul, "NUL byte in line");
	if (control != SIZE_MAX)
		judge_add(j, res, FINDING_CONTROL_CHAR, control,
		    "control character 0x%02X%s", bytes[control],
		    bytes[control] == 0x1b ? " (an ANSI escape sequence)" : "");
	*clean = nul == SIZE_MAX && control == SIZE_MAX;
	if (first_high == SIZE_MAX)
		return SIZE_MAX;
	size_t invalid = first_high + utf8_invalid_offset(text + first_high,
	    len - first_high);
	if (invalid == len)
		return SIZE_MAX;
	*clean = false;
	judge_add(j, res, FINDING_ENCODING, invalid,
	    "invalid UTF-8 (byte 0x%02X)", bytes[invalid]);
	return invalid;
}

/*
 * A copy of text with each invalid UTF-8 byte as '?', so that a line with
 * a bad byte in its message still matches the layout; offsets are kept.
 */
static const char *
judge_mend(judge *j, const char *text, size_t len, size_t invalid)
{
	uint32_t cp;

	/* Zeroed slack: PCRE2's JIT reads aligned words past the end. */
	if (len + 64 > j->mended_cap) {
		j->mended = xrealloc(j->mended, len + 64);
		j->mended_cap = len + 64;
		memset(j->mended, 0, j->mended_cap);
	}
	memcpy(j->mended, text, len);
	for (size_t i = invalid; i < len;) {
		size_t used = utf8_decode(text + i, len - i, &cp);
		if (used == 1 && (unsigned char)text[i] >= 0x80)
			j->mended[i] = '?';
		i += used;
	}
	return j->mended;
}

/* The time order of a line whose time reads as key. */
static void
judge_order(judge *j, judge_stream *state, const char *value,
    judge_result *res, int64_t key)
{
	const rules *r = j->rules;

	if (state->seen && key < state->last_key &&
	    (timefmt_has_date(r->time) ||
	    state->last_key - key <= JUDGE_NEW_DAY_NS)) {
		char *shown = utf8_excerpt(value, res->time.len, 0, 60, NULL);
		judge_add(j, res, FINDING_TIME_ORDER, res->time.off,
		    "time '%s' is earlier than the line before it on this "
		    "stream ('%s')", shown, state->last_time);
		free(shown);
	}
	/* Later lines compare with this one, so one step back is one finding. */
	state->seen = true;
	state->last_key = key;
	size_t keep = res->time.len < sizeof state->last_time - 1 ?
	    res->time.len : sizeof state->last_time - 1;
	memcpy(state->last_time, value, keep);
	state->last_time[keep] = '\0';
	state->last_time_len = res->time.len;
	state->last_format = r->time;
}

static void
judge_time(judge *j, judge_stream *state, const char *text,
    judge_result *res)
{
	const rules *r = j->rules;
	const char *value = text + res->time.off, *why = NULL;
	timefmt_value tv;
	size_t at = 0;

	/* Lines come many to a second: the same time reads the same way. */
	if (state != NULL && state->seen && state->last_format == r->time &&
	    state->last_time_len == res->time.len &&
	    res->time.len < sizeof state->last_time &&
	    bytes_equal(state->last_time, value, res->time.len)) {
		return;
	}
	if (!timefmt_parse(r->time, value, res->time.len, &tv, &why, &at)) {
		char *shown = utf8_excerpt(value, res->time.len, 0, 60, NULL);
		judge_add(j, res, FINDING_TIME_FORMAT, res->time.off + at,
		    "time '%s' does not match '%s': %s", shown,
		    r->time_format, why);
		free(shown);
		return;
	}
	if (state != NULL)
		judge_order(j, state, value, res,
		    timefmt_order_key(r->time, &tv));
}

static void
judge_level(judge *j, const char *text, judge_result *res)
{
	const rules *r = j->rules;
	const char *value = res->level.off == SIZE_MAX ? "" :
	    text + res->level.off;

	for (size_t i = 0; i < r->level_count; i++) {
		if (j->level_lengths[i] == res->level.len &&
		    bytes_equal(r->levels[i], value, res->level.len))
			return;
	}
	char *shown = utf8_excerpt(value, res->level.len, 0, 60, NULL);
	strbuf list = { 0 };
	for (size_t i = 0; i < r->level_count; i++)
		strbuf_join(&list, ", ", r->levels[i]);
	char *allowed = strbuf_take(&list);
	judge_add(j, res, FINDING_LEVEL,
	    res->level.off == SIZE_MAX ? 0 : res->level.off,
	    "level '%s' is not one of %s", shown, allowed);
	free(shown);
	free(allowed);
}

static void
judge_emoji(judge *j, const char *text, judge_result *res)
{
	const rules *r = j->rules;

	/* A message that took no part in the match is "": no emoji either. */
	if (r->emoji == EMOJI_REQUIRED && res->emoji_len == 0)
		judge_add(j, res, FINDING_EMOJI, res->message.off == SIZE_MAX ?
		    0 : res->message.off,
		    "message has no leading emoji (the rules require one)");
	else if (r->emoji == EMOJI_NONE && res->emoji_len > 0) {
		char *shown = utf8_excerpt(text + res->message.off,
		    res->emoji_len, 0, 60, NULL);
		judge_add(j, res, FINDING_EMOJI, res->message.off,
		    "message starts with the emoji '%s' (the rules allow "
		    "none)", shown);
		free(shown);
	}
}

/* One attempt at the line pattern, under the limits the context holds. */
static int
judge_match_once(judge *j, const char *text, size_t len, bool clean)
{
	const rules *r = j->rules;
	int rc;

	/* Limits aside, both patterns give the same answer on a clean line. */
	if (clean && j->clean_regex != NULL) {
		if (j->clean_jit)
			rc = pcre2_jit_match(j->clean_regex, (PCRE2_SPTR)text,
			    len, 0, PCRE2_NO_UTF_CHECK, j->line_match,
			    j->context);
		else
			rc = pcre2_match(j->clean_regex, (PCRE2_SPTR)text, len,
			    0, PCRE2_NO_UTF_CHECK, j->line_match, j->context);
		if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
			return rc;
	}
	/* The JIT entry point skips pcre2_match's per-call checks. */
	if (j->line_jit)
		return pcre2_jit_match(r->line_regex, (PCRE2_SPTR)text, len, 0,
		    0, j->line_match, j->context);
	return pcre2_match(r->line_regex, (PCRE2_SPTR)text, len, 0, 0,
	    j->line_match, j->context);
}

static int
judge_match(judge *j, const char *text, size_t len, bool clean)
{
	bool retry = judge_limit(j, j->line_anchored, len);
	int rc = judge_match_once(j, text, len, clean);

	if (rc == PCRE2_ERROR_MATCHLIMIT && retry) {
		judge_retry(j, len);
		rc = judge_match_once(j, text, len, clean);
		judge_unretry(j);
		/* No match at the first positions is no answer for the rest. */
		if (rc == PCRE2_ERROR_NOMATCH)
			rc = PCRE2_ERROR_MATCHLIMIT;
	}
	return rc;
}

void
judge_line(judge *j, judge_stream *state, const char *text, size_t len,
    lc_stream stream, judge_result *res)
{
	const rules *r = j->rules;
	int rc;

	bool clean;

	judge_result_reset(res);
	size_t invalid = judge_bytes(j, text, len, res, &clean);
	if (j->line_limit_lines >= JUDGE_GIVE_UP_LINES)
		rc = JUDGE_GIVEN_UP;
	else {
		rc = judge_match(j, text, len, clean);
		if (rc == PCRE2_ERROR_NOMATCH && invalid != SIZE_MAX) {
			text = judge_mend(j, text, len, invalid);
			rc = judge_match(j, text, len, false);
		}
		if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
			j->line_limit_lines++;
	}
	j->matched = rc >= 0;
	if (rc < 0) {
		if (rc == PCRE2_ERROR_NOMATCH)
			judge_add(j, res, FINDING_FOREIGN, 0, "line does not "
			    "match the %s line format", r->format);
		else if (rc == JUDGE_GIVEN_UP) {
			judge_add(j, res, FINDING_MATCH_LIMIT, 0, "the line "
			    "pattern was given up after it hit PCRE2's limits "
			    "on %d lines (see 'limits'); counted as foreign",
			    JUDGE_GIVE_UP_LINES);
			if (j->severities[FINDING_MATCH_LIMIT] == SEVERITY_OFF)
				judge_add(j, res, FINDING_FOREIGN, 0, "line does "
				    "not match the %s line format (the line "
				    "pattern was given up)", r->format);
		} else {
			PCRE2_UCHAR why[120];
			if (pcre2_get_error_message(rc, why, sizeof why) < 0)
				snprintf((char *)why, sizeof why, "error %d", rc);
			judge_add(j, res, FINDING_MATCH_LIMIT, 0, "the line "
			    "pattern gave up on this line (PCRE2: %s; see "
			    "'limits'); counted as foreign", (char *)why);
			/* A foreign line has its finding, whatever silences
			 * match-limit. */
			if (j->severities[FINDING_MATCH_LIMIT] == SEVERITY_OFF)
				judge_add(j, res, FINDING_FOREIGN, 0, "line does "
				    "not match the %s line format (the line "
				    "pattern gave up on it)", r->format);
		}
		res->kind = LINE_FOREIGN;
		return;
	}
	res->time = judge_group(j, r->time_group);
	res->level = judge_group(j, r->level_group);
	res->message = judge_group(j, r->message_group);
	if (res->message.off != SIZE_MAX)
		res->emoji_len = emoji_leading(j->emoji,
		    text + res->message.off, res->message.len);
	if (r->time != NULL && res->time.off != SIZE_MAX)
		judge_time(j, state, text, res);
	if (r->level_count > 0)
		judge_level(j, text, res);
	if (r->emoji == EMOJI_REQUIRED ||
	    (r->emoji == EMOJI_NONE && res->message.off != SIZE_MAX))
		judge_emoji(j, text, res);
	judge_checks(j, text, len, stream, res);
	res->kind = res->finding_count > 0 ? LINE_VIOLATING : LINE_CONFORMING;
}
