/*
 * pattern: the decoder of a rule file's `line` pattern (see decoder.h).
 * A record's fields are the pattern's named groups, and their values are
 * byte ranges of the record.  It owns its match data, a second compile of
 * the pattern for clean records, and a scratch copy for mending; this is
 * the hot path, so decoding allocates nothing once the scratch has grown.
 */
#include "decode/decoder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Not a PCRE2 code: the pattern was not tried (PCREMATCH_GIVE_UP_LINES). */
#define PATTERN_GIVEN_UP	(-100000)

typedef struct {
	const rules *rules;
	pcrematch *pm;
	pcre2_match_data *match;
	PCRE2_SIZE *ovector;	/* match's, fixed for its life */
	uint32_t ovector_pairs;
	bool jit;		/* line_regex is JIT-compiled */
	bool anchored;		/* line_regex is tried at one position only */
	/*
	 * line_regex again, for records already known to be valid UTF-8 with
	 * no control character: without MATCH_INVALID_UTF and, as such a
	 * record holds no newline, with DOTALL, it matches alike in half the
	 * time.  NULL when it could not be made.
	 */
	pcre2_code *clean_regex;
	bool clean_jit;
	unsigned limit_lines;	/* records the pattern gave up on */
	char *mended;		/* scratch for pattern_mend */
	size_t mended_cap;
	bool matched;		/* the last record matched */
	char why[200];		/* the limit message of the last record */
} pattern;

/* The clean_regex of a pattern, from the same source as line_regex. */
static pcre2_code *
pattern_clean_regex(const rules *r)
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

static bool
pattern_jitted(const pcre2_code *code)
{
	size_t jit_size = 0;

	pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &jit_size);
	return jit_size > 0;
}

static void *
pattern_create(const rules *r, pcrematch *pm)
{
	pattern *p = xcalloc(1, sizeof *p);

	p->rules = r;
	p->pm = pm;
	p->match = pcre2_match_data_create_from_pattern(r->line_regex, NULL);
	p->ovector = pcre2_get_ovector_pointer(p->match);
	p->ovector_pairs = pcre2_get_ovector_count(p->match);
	p->jit = pattern_jitted(r->line_regex);
	p->anchored = pcrematch_anchored(r->line_regex);
	p->clean_regex = pattern_clean_regex(r);
	if (p->clean_regex != NULL)
		p->clean_jit = pattern_jitted(p->clean_regex);
	return p;
}

static void
pattern_free(void *state)
{
	pattern *p = state;

	if (p == NULL)
		return;
	free(p->mended);
	pcre2_match_data_free(p->match);
	pcre2_code_free(p->clean_regex);
	free(p);
}

/*
 * A copy of text with each invalid UTF-8 byte as '?', so that a record
 * with a bad byte in its message still matches the layout; offsets are
 * kept.
 */
static const char *
pattern_mend(pattern *p, const char *text, size_t len, size_t invalid)
{
	uint32_t cp;

	/* Zeroed slack: PCRE2's JIT reads aligned words past the end. */
	if (len + 64 > p->mended_cap) {
		p->mended = xrealloc(p->mended, len + 64);
		p->mended_cap = len + 64;
		memset(p->mended, 0, p->mended_cap);
	}
	memcpy(p->mended, text, len);
	for (size_t i = invalid; i < len;) {
		size_t used = utf8_decode(text + i, len - i, &cp);
		if (used == 1 && (unsigned char)text[i] >= 0x80)
			p->mended[i] = '?';
		i += used;
	}
	return p->mended;
}

/* One attempt at the line pattern, under the limits the context holds. */
static int
pattern_match_once(pattern *p, const char *text, size_t len, bool clean)
{
	pcre2_match_context *context = p->pm->context;
	const rules *r = p->rules;
	int rc;

	/* Limits aside, both patterns give the same answer on a clean line. */
	if (clean && p->clean_regex != NULL) {
		if (p->clean_jit)
			rc = pcre2_jit_match(p->clean_regex, (PCRE2_SPTR)text,
			    len, 0, PCRE2_NO_UTF_CHECK, p->match, context);
		else
			rc = pcre2_match(p->clean_regex, (PCRE2_SPTR)text, len,
			    0, PCRE2_NO_UTF_CHECK, p->match, context);
		if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
			return rc;
	}
	/* The JIT entry point skips pcre2_match's per-call checks. */
	if (p->jit)
		return pcre2_jit_match(r->line_regex, (PCRE2_SPTR)text, len, 0,
		    0, p->match, context);
	return pcre2_match(r->line_regex, (PCRE2_SPTR)text, len, 0, 0,
	    p->match, context);
}

static int
pattern_match(pattern *p, const char *text, size_t len, bool clean)
{
	bool retry = pcrematch_limit(p->pm, p->anchored, len);
	int rc = pattern_match_once(p, text, len, clean);

	if (rc == PCRE2_ERROR_MATCHLIMIT && retry) {
		pcrematch_retry(p->pm, len);
		rc = pattern_match_once(p, text, len, clean);
		pcrematch_unretry(p->pm);
		/* No match at the first positions is no answer for the rest. */
		if (rc == PCRE2_ERROR_NOMATCH)
			rc = PCRE2_ERROR_MATCHLIMIT;
	}
	return rc;
}

/* Group group of the last match, a field of the record res->text. */
static inline void
pattern_group(const pattern *p, uint32_t group, const decode_result *res,
    decode_field *field)
{
	const PCRE2_SIZE *ovector = p->ovector;

	if (!p->matched || group == 0 || group >= p->ovector_pairs ||
	    ovector[2 * group] == PCRE2_UNSET) {
		*field = (decode_field){ "", 0, DECODE_ABSENT, 0 };
		return;
	}
	field->at = ovector[2 * group];
	field->len = field->span = ovector[2 * group + 1] - field->at;
	field->text = res->text + field->at;
}

static void
pattern_decode(void *state, const decode_input *in, decode_result *res)
{
	pattern *p = state;
	const rules *r = p->rules;
	int rc;

	res->text = in->text;
	res->len = in->len;
	res->limit_message = res->limit_short = NULL;
	res->problems = NULL;
	res->problem_count = 0;
	if (p->limit_lines >= PCREMATCH_GIVE_UP_LINES)
		rc = PATTERN_GIVEN_UP;
	else {
		rc = pattern_match(p, in->text, in->len, in->clean);
		if (rc == PCRE2_ERROR_NOMATCH && in->invalid != SIZE_MAX) {
			res->text = pattern_mend(p, in->text, in->len,
			    in->invalid);
			rc = pattern_match(p, res->text, in->len, false);
		}
		if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
			p->limit_lines++;
	}
	p->matched = rc >= 0;
	if (rc >= 0) {
		res->status = DECODE_OK;
		pattern_group(p, r->time_group, res, &res->time);
		pattern_group(p, r->level_group, res, &res->level);
		pattern_group(p, r->message_group, res, &res->message);
		return;
	}
	res->time = res->level = res->message =
	    (decode_field){ "", 0, DECODE_ABSENT, 0 };
	if (rc == PCRE2_ERROR_NOMATCH) {
		res->status = DECODE_FOREIGN;
		return;
	}
	res->status = DECODE_GAVE_UP;
	if (rc == PATTERN_GIVEN_UP) {
		snprintf(p->why, sizeof p->why, "the line pattern was given "
		    "up after it hit PCRE2's limits on %d lines (see "
		    "'limits')", PCREMATCH_GIVE_UP_LINES);
		res->limit_short = "the line pattern was given up";
	} else {
		PCRE2_UCHAR why[120];
		if (pcre2_get_error_message(rc, why, sizeof why) < 0)
			snprintf((char *)why, sizeof why, "error %d", rc);
		snprintf(p->why, sizeof p->why, "the line pattern gave up on "
		    "this line (PCRE2: %s; see 'limits')", (char *)why);
		res->limit_short = "the line pattern gave up on it";
	}
	res->limit_message = p->why;
}

static int
pattern_field_index(const void *state, const char *name)
{
	const pattern *p = state;
	int group = pcre2_substring_number_from_name(p->rules->line_regex,
	    (PCRE2_SPTR)name);

	return group > 0 ? group : -1;
}

static void
pattern_field(const void *state, int index, const decode_result *res,
    decode_field *field)
{
	pattern_group(state, index < 0 ? 0 : (uint32_t)index, res, field);
}

const decoder_ops decoder_pattern = {
	.name = "pattern",
	.create = pattern_create,
	.free = pattern_free,
	.decode = pattern_decode,
	.field_index = pattern_field_index,
	.field = pattern_field,
};
