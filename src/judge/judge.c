/*
 * judge: one rule set applied to one record; see judge.h.  This is the hot
 * path: judge_record allocates nothing unless the record has a finding.
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
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* A step back longer than this, without a date, is taken as midnight. */
#define JUDGE_NEW_DAY_NS	(INT64_C(12) * 3600 * 1000000000)
/* Levels looked up by a scan up to this many, by a hash past it. */
#define JUDGE_LEVELS_SCANNED	16
/*
 * A level finding names every level of a list up to this long, and only
 * the count and the first few of a longer one: its cost and size stay
 * bounded whatever the rule file holds.
 */
#define JUDGE_LEVELS_LISTED	12
#define JUDGE_LEVELS_NAMED	5

typedef enum {
	FIELD_DECODED, FIELD_EMOJI, FIELD_STREAM, FIELD_LINE
} field_kind;

typedef struct {
	const rules_condition *condition;
	field_kind kind;
	int index;		/* FIELD_DECODED: the decoder's, or -1 */
	pcre2_match_data *match;	/* for regex conditions */
	bool anchored;		/* the regex is tried at one position only */
	size_t *set_lengths;	/* strlen of each set member */
	unsigned limit_lines;	/* lines the regex gave up on, at most
				 * PCREMATCH_GIVE_UP_LINES */
} judge_condition;

typedef struct {
	const rules_check *check;
	judge_condition *when, *expect;
} judge_check;

struct judge {
	const rules *rules;
	pcrematch *pm;		/* shared by the decoder and the checks */
	decoder *decoder;
	decode_result decoded;	/* of the last record */
	rules_severity severities[FINDING_BUILTIN_COUNT];
	judge_check *checks;
	size_t *level_lengths;	/* strlen of each of rules->levels */
	/* A hash index of the levels when they are many: index + 1, 0 free. */
	uint32_t *level_slots;
	size_t level_slot_mask;
	bool terse;		/* findings without messages */
	bool decode_only;	/* fields and kind, no findings */
};

void
judge_set_terse(judge *j)
{
	j->terse = true;
}

void
judge_set_decode_only(judge *j)
{
	j->decode_only = true;
}

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

static void
judge_condition_init(judge *j, judge_condition *jc, const rules_condition *rc)
{
	jc->condition = rc;
	jc->match = NULL;
	jc->index = -1;
	if (strcmp(rc->field, "emoji") == 0)
		jc->kind = FIELD_EMOJI;
	else if (strcmp(rc->field, "stream") == 0)
		jc->kind = FIELD_STREAM;
	else if (strcmp(rc->field, "line") == 0)
		jc->kind = FIELD_LINE;
	else {
		/* rules_load has checked that the field exists. */
		jc->kind = FIELD_DECODED;
		jc->index = decoder_field_index(j->decoder, rc->field);
	}
	if (rc->regex != NULL) {
		jc->match = pcre2_match_data_create_from_pattern(rc->regex,
		    NULL);
		jc->anchored = pcrematch_anchored(rc->regex);
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

static void	judge_index_levels(judge *);

judge *
judge_new(const rules *r)
{
	judge *j = xcalloc(1, sizeof *j);
	rules_severity fallback;

	j->rules = r;
	j->pm = pcrematch_new(r);
	j->decoder = decoder_new(r, j->pm);
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
	judge_index_levels(j);
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
	free(j->level_slots);
	decoder_free(j->decoder);
	pcrematch_free(j->pm);
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
	if (j->terse) {
		judge_result_add(res, findings_name(id), j->severities[id], at,
		    NULL);
		return;
	}
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
	res->decoded = NULL;
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

static const decode_field judge_absent = { "", 0, DECODE_ABSENT, 0 };

/* The field a condition looks at, in the last decoded record. */
static inline void
judge_condition_field(const judge *j, const judge_condition *jc,
    decode_field *field)
{
	const decode_result *d = &j->decoded;

	switch (jc->kind) {
	case FIELD_DECODED:
		decoder_field(j->decoder, jc->index, d, field);
		return;
	case FIELD_EMOJI:
		if (d->message.at == DECODE_ABSENT)
			break;
		field->text = d->message.text;
		field->len = field->span = d->emoji_len;
		field->at = d->message.at;
		return;
	case FIELD_LINE:
		*field = (decode_field){ d->text, d->len, 0, d->len };
		return;
	case FIELD_STREAM:
		break;
	}
	*field = judge_absent;
}

static judge_span
judge_span_of(decode_field f)
{
	if (f.at == DECODE_ABSENT)
		return (judge_span){ SIZE_MAX, 0 };
	return (judge_span){ f.at, f.span };
}

bool
judge_value(const judge *j, const char *name, decode_field *value)
{
	judge_condition jc = { .kind = FIELD_DECODED, .index = -1 };

	if (strcmp(name, "stream") == 0)
		return false;
	if (strcmp(name, "emoji") == 0)
		jc.kind = FIELD_EMOJI;
	else if (strcmp(name, "line") == 0)
		jc.kind = FIELD_LINE;
	else if ((jc.index = decoder_field_index(j->decoder, name)) < 0)
		return false;
	judge_condition_field(j, &jc, value);
	return true;
}

bool
judge_field(const judge *j, const char *name, const char *text, size_t len,
    lc_stream stream, const judge_result *res, judge_span *span)
{
	decode_field field;

	(void)text;
	(void)len;
	(void)stream;
	(void)res;
	if (!judge_value(j, name, &field))
		return false;
	*span = judge_span_of(field);
	return true;
}

/*
 * Does the condition hold?  A runaway regex counts as "no", and sets
 * *limited; one given up for the stream sets *given_up too.
 */
static bool
judge_condition_holds(judge *j, judge_condition *jc, lc_stream stream,
    bool *limited, bool *given_up)
{
	const rules_condition *rc = jc->condition;
	const char *value;
	size_t value_len;
	int rc_match;

	if (jc->kind == FIELD_STREAM) {
		value = capture_stream_name(stream);
		value_len = strlen(value);
	} else {
		decode_field field;
		judge_condition_field(j, jc, &field);
		value = field.text;
		value_len = field.len;
	}
	if (rc->regex == NULL) {
		for (size_t i = 0; i < rc->set_count; i++) {
			if (jc->set_lengths[i] == value_len &&
			    bytes_equal(rc->set[i], value, value_len))
				return true;
		}
		return false;
	}
	if (jc->limit_lines >= PCREMATCH_GIVE_UP_LINES) {
		*limited = *given_up = true;
		return false;
	}
	bool retry = pcrematch_limit(j->pm, jc->anchored, value_len);
	rc_match = pcre2_match(rc->regex, (PCRE2_SPTR)value, value_len, 0, 0,
	    jc->match, j->pm->context);
	if (rc_match == PCRE2_ERROR_MATCHLIMIT && retry) {
		pcrematch_retry(j->pm, value_len);
		rc_match = pcre2_match(rc->regex, (PCRE2_SPTR)value, value_len,
		    0, 0, jc->match, j->pm->context);
		pcrematch_unretry(j->pm);
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
judge_checks(judge *j, lc_stream stream, judge_result *res)
{
	bool limited = false, given_up = false;

	for (size_t i = 0; i < j->rules->check_count; i++) {
		const judge_check *jc = &j->checks[i];
		const rules_check *rc = jc->check;
		bool applies = true;
		size_t k;

		for (k = 0; applies && k < rc->when_count; k++)
			applies = judge_condition_holds(j, &jc->when[k],
			    stream, &limited, &given_up);
		if (!applies)
			continue;
		for (k = 0; k < rc->expect_count; k++) {
			bool gave_up = false;
			if (judge_condition_holds(j, &jc->expect[k], stream,
			    &gave_up, &given_up))
				continue;
			/* Not known to fail: the match-limit finding says so. */
			if (gave_up) {
				limited = true;
				break;
			}
			decode_field field;
			judge_condition_field(j, &jc->expect[k], &field);
			judge_result_add(res, rc->id, rc->severity,
			    field.at == DECODE_ABSENT ? 0 : field.at,
			    j->terse ? NULL : xstrdup(rc->message));
			break;
		}
	}
	if (given_up)
		judge_add(j, res, FINDING_MATCH_LIMIT, 0, "a check's pattern "
		    "was given up after it hit PCRE2's match limit on %d "
		    "lines (see 'limits')", PCREMATCH_GIVE_UP_LINES);
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
 * This is very hot, so plain ASCII is skipped eight bytes at a time.  In a
 * record of several lines (lines true), '\n' ends a line and is no
 * control character; the slow loop below sorts that out.
 */
static size_t
judge_bytes(judge *j, const char *text, size_t len, judge_result *res,
    bool lines, bool *clean)
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
			} else if ((c < 0x20 && c != '\t' &&
			    (c != '\n' || !lines)) || c == 0x7f) {
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

/* The time order of a record whose time reads as key. */
static void
judge_order(judge *j, judge_stream *state, const decode_field *time,
    judge_result *res, int64_t key)
{
	const rules *r = j->rules;

	if (state->seen && key < state->last_key &&
	    (timefmt_has_date(r->time) ||
	    state->last_key - key <= JUDGE_NEW_DAY_NS)) {
		char *shown = utf8_excerpt(time->text, time->len, 0, 60, NULL);
		judge_add(j, res, FINDING_TIME_ORDER, time->at,
		    "time '%s' is earlier than the line before it on this "
		    "stream ('%s')", shown, state->last_time);
		free(shown);
	}
	/* Later lines compare with this one, so one step back is one finding. */
	state->seen = true;
	state->last_key = key;
	size_t keep = time->len < sizeof state->last_time - 1 ?
	    time->len : sizeof state->last_time - 1;
	memcpy(state->last_time, time->text, keep);
	state->last_time[keep] = '\0';
	state->last_time_len = time->len;
	state->last_format = r->time;
}

static void
judge_time(judge *j, judge_stream *state, const decode_field *time,
    judge_result *res)
{
	const rules *r = j->rules;
	const char *why = NULL;
	timefmt_value tv;
	size_t at = 0;

	/* Lines come many to a second: the same time reads the same way. */
	if (state != NULL && state->seen && state->last_format == r->time &&
	    state->last_time_len == time->len &&
	    time->len < sizeof state->last_time &&
	    bytes_equal(state->last_time, time->text, time->len)) {
		return;
	}
	if (!timefmt_parse(r->time, time->text, time->len, &tv, &why, &at)) {
		char *shown = utf8_excerpt(time->text, time->len, 0, 60, NULL);
		judge_add(j, res, FINDING_TIME_FORMAT, time->at + at,
		    "time '%s' does not match '%s': %s", shown,
		    r->time_format, why);
		free(shown);
		return;
	}
	if (state != NULL)
		judge_order(j, state, time, res,
		    timefmt_order_key(r->time, &tv));
}

/*
 * Index the levels by hash when a scan of them would cost more than a
 * hash: a rule file may list thousands, and every line is looked up.
 */
static void
judge_index_levels(judge *j)
{
	const rules *r = j->rules;

	if (r->level_count <= JUDGE_LEVELS_SCANNED)
		return;
	size_t slots = 16;
	while (slots < 2 * r->level_count)
		slots *= 2;
	j->level_slots = xcalloc(slots, sizeof *j->level_slots);
	j->level_slot_mask = slots - 1;
	for (size_t i = 0; i < r->level_count; i++) {
		size_t slot = hash_bytes(HASH_SEED, r->levels[i],
		    j->level_lengths[i]) & j->level_slot_mask;
		while (j->level_slots[slot] != 0)
			slot = (slot + 1) & j->level_slot_mask;
		j->level_slots[slot] = (uint32_t)(i + 1);
	}
}

static bool
judge_level_known(const judge *j, const decode_field *level)
{
	const rules *r = j->rules;

	if (j->level_slots == NULL) {
		for (size_t i = 0; i < r->level_count; i++) {
			if (j->level_lengths[i] == level->len &&
			    bytes_equal(r->levels[i], level->text, level->len))
				return true;
		}
		return false;
	}
	size_t slot = hash_bytes(HASH_SEED, level->text, level->len) &
	    j->level_slot_mask;
	for (; j->level_slots[slot] != 0;
	    slot = (slot + 1) & j->level_slot_mask) {
		size_t i = j->level_slots[slot] - 1;
		if (j->level_lengths[i] == level->len &&
		    memcmp(r->levels[i], level->text, level->len) == 0)
			return true;
	}
	return false;
}

static void
judge_level(judge *j, const decode_field *level, judge_result *res)
{
	const rules *r = j->rules;

	if (judge_level_known(j, level))
		return;
	char *shown = utf8_excerpt(level->text, level->len, 0, 60, NULL);
	strbuf list = { 0 };
	/* A long list is named by its count and its first few. */
	size_t named = r->level_count <= JUDGE_LEVELS_LISTED ?
	    r->level_count : JUDGE_LEVELS_NAMED;
	if (named < r->level_count)
		strbuf_addf(&list, "the %zu levels of %s (", r->level_count,
		    r->path);
	for (size_t i = 0; i < named; i++)
		strbuf_join(&list, i > 0 ? ", " : "", r->levels[i]);
	if (named < r->level_count)
		strbuf_adds(&list, ", ...)");
	char *allowed = strbuf_take(&list);
	judge_add(j, res, FINDING_LEVEL,
	    level->at == DECODE_ABSENT ? 0 : level->at,
	    "level '%s' is not one of %s", shown, allowed);
	free(shown);
	free(allowed);
}

static void
judge_emoji(judge *j, const decode_result *d, judge_result *res)
{
	const rules *r = j->rules;
	const decode_field *message = &d->message;

	/* A message that took no part in the match is "": no emoji either. */
	if (r->emoji == EMOJI_REQUIRED && d->emoji_len == 0)
		judge_add(j, res, FINDING_EMOJI, message->at == DECODE_ABSENT ?
		    0 : message->at,
		    "message has no leading emoji (the rules require one)");
	else if (r->emoji == EMOJI_NONE && d->emoji_len > 0) {
		char *shown = utf8_excerpt(message->text, d->emoji_len, 0, 60,
		    NULL);
		judge_add(j, res, FINDING_EMOJI, message->at,
		    "message starts with the emoji '%s' (the rules allow "
		    "none)", shown);
		free(shown);
	}
}

void
judge_record(judge *j, judge_stream *state, const lc_record *rec,
    lc_stream stream, judge_result *res)
{
	const rules *r = j->rules;
	decode_result *d = &j->decoded;
	decode_input in = { rec->text, rec->len, false, SIZE_MAX };

	judge_result_reset(res);
	in.invalid = judge_bytes(j, rec->text, rec->len, res,
	    rec->line_count > 1, &in.clean);
	/* A decoder may take a clean record for one without line ends. */
	if (rec->line_count > 1)
		in.clean = false;
	decoder_decode(j->decoder, &in, d);
	/*
	 * A `line` that does not span lines matches the first alone: the
	 * lines after it are the record's continuation.
	 */
	if (d->status == DECODE_FOREIGN && rec->line_count > 1 &&
	    rec->first.len < rec->len) {
		in.len = rec->first.len;
		if (in.invalid >= in.len)
			in.invalid = SIZE_MAX;
		decoder_decode(j->decoder, &in, d);
	}
	res->decoded = d;
	/* A structured record's own findings: broken JSON, a missing key. */
	for (size_t i = 0; !j->decode_only && i < d->problem_count; i++)
		judge_add(j, res, d->problems[i].id, d->problems[i].at, "%s",
		    d->problems[i].message);
	if (d->status == DECODE_BROKEN) {
		res->kind = res->finding_count > 0 ? LINE_VIOLATING :
		    LINE_CONFORMING;
		return;
	}
	if (d->status != DECODE_OK) {
		if (j->decode_only)
			;
		else if (d->status == DECODE_FOREIGN)
			judge_add(j, res, FINDING_FOREIGN, 0, "line does not "
			    "match the %s line format", r->format);
		else {
			judge_add(j, res, FINDING_MATCH_LIMIT, 0,
			    "%s; counted as foreign", d->limit_message);
			/* A foreign line has its finding, whatever silences
			 * match-limit. */
			if (j->severities[FINDING_MATCH_LIMIT] == SEVERITY_OFF)
				judge_add(j, res, FINDING_FOREIGN, 0, "line "
				    "does not match the %s line format (%s)",
				    r->format, d->limit_short);
		}
		res->kind = LINE_FOREIGN;
		return;
	}
	res->time = judge_span_of(d->time);
	res->level = judge_span_of(d->level);
	res->message = judge_span_of(d->message);
	res->emoji_len = d->emoji_len;
	if (j->decode_only) {
		res->kind = LINE_CONFORMING;
		return;
	}
	if (r->time != NULL && d->time.at != DECODE_ABSENT)
		judge_time(j, state, &d->time, res);
	/* A missing level key is key-missing already. */
	if (r->level_count > 0 && (d->level.at != DECODE_ABSENT ||
	    r->decode == RULES_DECODE_TEXT))
		judge_level(j, &d->level, res);
	if (r->emoji == EMOJI_REQUIRED ||
	    (r->emoji == EMOJI_NONE && d->message.at != DECODE_ABSENT))
		judge_emoji(j, d, res);
	judge_checks(j, stream, res);
	res->kind = res->finding_count > 0 ? LINE_VIOLATING : LINE_CONFORMING;
}

void
judge_line(judge *j, judge_stream *state, const char *text, size_t len,
    lc_stream stream, judge_result *res)
{
	lc_record rec = { .text = text, .len = len, .line_count = 1 };

	judge_record(j, state, &rec, stream, res);
}
