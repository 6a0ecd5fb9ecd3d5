/*
 * compare: two captures judged dimension by dimension; see compare.h.
 * Every verdict is computed from the two captures' habits; the thresholds
 * below are the whole of the judgement, so they are named and documented
 * in logcompat(1).  Nothing here is worded: the facts go to the renderers.
 */
#include "learn/compare.h"

#include <pthread.h>

#include <stdlib.h>
#include <string.h>

#include "decode/findings.h"
#include "decode/baseline.h"
#include "decode/timefmt.h"
#include "learn/habits.h"
#include "learn/keyprofile.h"
#include "learn/keyschema.h"
#include "learn/profile.h"
#include "input/spool.h"
#include "util/xalloc.h"

/* Emoji are "dropped" when a habit of at least MIN falls below half. */
#define EMOJI_HABIT_MIN		0.2
#define EMOJI_DROP_FACTOR	0.5
/* Leading-emoji shares this close count as the same habit. */
#define EMOJI_SHARE_SLACK	0.1
/* An emoji "belongs" to a level when this share of its uses are there. */
#define EMOJI_LEVEL_SHARE	0.9
/* Text markers replace emoji when they lead this share of messages. */
#define TEXT_MARKER_SHARE	0.1
/* Shared share of the union for templates to be alike. */
#define OVERLAP_CONSISTENT	0.5
/* Emoji vocabularies sharing this much, with the same habit, agree. */
#define VOCABULARY_CONSISTENT	0.25

/* Names of dimensions and verdicts: every format writes these words. */
static const char *const dimension_names[DIMENSION_COUNT] = {
	"line-format", "keys", "timestamp", "levels", "streams", "emoji",
	"templates", "flush", "checks"
};

static const char *const verdict_names[] = {
	"identical", "consistent", "different", "incompatible", "not checked"
};

const char *
compare_verdict_name(compare_verdict verdict)
{
	return verdict_names[verdict];
}

static char *
dup_or_null(const char *text)
{
	return text != NULL ? xstrdup(text) : NULL;
}

/* A new example, or NULL when the dimension has enough. */
static compare_example *
dimension_example(compare_dimension *d, compare_example_kind kind,
    const char *file, unsigned long line, const char *text)
{
	if (d->example_count == COMPARE_EXAMPLES_MAX)
		return NULL;
	d->examples = xreallocarray(d->examples, d->example_count + 1,
	    sizeof *d->examples);
	compare_example *ex = &d->examples[d->example_count++];
	*ex = (compare_example){
		.kind = kind, .file = xstrdup(file), .line = line,
		.text = xstrdup(text != NULL ? text : ""),
	};
	return ex;
}

/* Examples from a side's findings with this rule id. */
static void
dimension_findings(compare_dimension *d, const habits *p, const char *rule)
{
	const report *rep = p->report;

	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		if (strcmp(f->rule, rule) != 0)
			continue;
		compare_example *ex = dimension_example(d, EXAMPLE_FINDING,
		    f->file, f->line, f->excerpt);
		if (ex != NULL)
			ex->message = dup_or_null(f->message);
	}
}

static uint64_t
category_count(const report *rep, const char *rule)
{
	for (size_t i = 0; i < rep->category_count; i++) {
		if (strcmp(rep->categories[i].rule, rule) == 0)
			return rep->categories[i].count;
	}
	return 0;
}

static uint64_t
log_lines(const report *rep)
{
	return rep->total.conforming + rep->total.violating;
}

static double
share(uint64_t part, uint64_t whole)
{
	return whole == 0 ? 0.0 : (double)part / (double)whole;
}

static compare_verdict
compare_line_format(compare_dimension *d, compare_line_format_facts *f,
    const rules *r, const habits *ref, const habits *cand)
{
	f->decode = r->decode;
	f->pattern = dup_or_null(r->line_pattern);
	f->skeleton[0] = ref->own_ok ? xstrdup(ref->own.skeleton) : NULL;
	f->skeleton[1] = cand->own_ok ? xstrdup(cand->own.skeleton) : NULL;
	f->log_lines[0] = log_lines(ref->report);
	f->log_lines[1] = log_lines(cand->report);
	f->lines = cand->report->total.lines;
	f->own_layout_lines = cand->own_ok ? cand->own.fitting : 0;
	f->foreign = cand->report->total.foreign;
	memcpy(f->foreign_as, cand->foreign_as, sizeof f->foreign_as);
	for (int s = 0; s < 2; s++) {
		const report *rep = (s == 0 ? ref : cand)->report;
		f->syntax[s] = category_count(rep, "json-syntax") +
		    category_count(rep, "logfmt-syntax");
	}
	if (f->log_lines[1] == 0)
		f->reason = LINE_FORMAT_NO_FIT;
	else if (f->own_layout_lines > 0 && (double)f->log_lines[1] <
	    HABITS_LAYOUT_FIT_SHARE * (double)f->own_layout_lines)
		f->reason = LINE_FORMAT_FEW_FIT;
	else if (r->foreign == FOREIGN_FAIL && f->foreign > 0)
		f->reason = LINE_FORMAT_FOREIGN_FAIL;
	else if (ref->own_ok && cand->own_ok &&
	    strcmp(ref->own.skeleton, cand->own.skeleton) == 0)
		return f->reason = LINE_FORMAT_SAME, VERDICT_IDENTICAL;
	/*
	 * A structured format has no layout to infer: records that all
	 * decode are the same format, however their bytes are escaped.
	 */
	else if (r->decode != RULES_DECODE_TEXT && f->foreign == 0 &&
	    ref->report->total.foreign == 0 && f->syntax[0] == 0 &&
	    f->syntax[1] == 0)
		return f->reason = LINE_FORMAT_RECORDS, VERDICT_IDENTICAL;
	else
		return f->reason = LINE_FORMAT_FITS, VERDICT_CONSISTENT;
	dimension_findings(d, cand, "foreign");
	return VERDICT_INCOMPATIBLE;
}

/* Built-in finding ids another dimension judges by its own measure. */
static const struct {
	const char *id;
	compare_dimension_id dimension;
} check_owners[] = {
	{ "foreign", DIMENSION_LINE_FORMAT },
	{ "time-format", DIMENSION_TIMESTAMP },
	{ "time-order", DIMENSION_TIMESTAMP },
	{ "stream-pairing", DIMENSION_STREAMS },
	{ "stream-policy", DIMENSION_STREAMS },
	{ "emoji", DIMENSION_EMOJI },
	{ "flush-timing", DIMENSION_FLUSH },
	{ "key-missing", DIMENSION_KEYS },
	{ "key-forbidden", DIMENSION_KEYS },
	{ "key-type", DIMENSION_KEYS },
	{ "duplicate-key", DIMENSION_KEYS },
	{ "key-order", DIMENSION_KEYS },
};

/* A side's types as bits of KEYSCHEMA_* type indexes. */
static unsigned
key_types(const keyschema_key *key)
{
	unsigned types = 0;

	for (size_t t = 0; t < KEYSCHEMA_TYPES; t++) {
		if (key->types[t] > 0)
			types |= 1u << t;
	}
	return types;
}

/*
 * Types as a reader of the records sees them: JSON has one kind of
 * number, so an integer that is sometimes written with a fraction has
 * not changed its type.
 */
static unsigned
key_kinds(unsigned types)
{
	if (types & (1u << KEYSCHEMA_INTEGER))
		types = (types & ~(1u << KEYSCHEMA_INTEGER)) |
		    1u << KEYSCHEMA_NUMBER;
	return types;
}

static compare_key *
key_find(compare_keys_facts *f, const char *name)
{
	for (size_t i = 0; i < f->key_count; i++) {
		if (strcmp(f->keys[i].name, name) == 0)
			return &f->keys[i];
	}
	return NULL;
}

static void
key_add(compare_keys_facts *f, int side, const keyschema_key *k)
{
	compare_key *key = side == 1 ? key_find(f, k->name) : NULL;

	if (key == NULL) {
		f->keys = xreallocarray(f->keys, f->key_count + 1,
		    sizeof *f->keys);
		key = &f->keys[f->key_count++];
		*key = (compare_key){
			.name = xstrdup(k->name), .depth = k->depth,
		};
	}
	key->present[side] = k->present;
	key->types[side] = key_types(k);
}

/* The name of a side's key for a role, or NULL. */
static const char *
key_of_role(const rules *r, const keyschema *ks, compare_key_role role,
    bool declared)
{
	int rule_index = -1, schema_index;

	switch (role) {
	case KEY_ROLE_TIME:
		rule_index = r->keys->time_key;
		schema_index = ks->time_key;
		break;
	case KEY_ROLE_LEVEL:
		rule_index = r->keys->level_key;
		schema_index = ks->level_key;
		break;
	default:
		rule_index = r->keys->message_key;
		schema_index = ks->message_key;
		break;
	}
	if (declared)
		return rule_index >= 0 ? r->keys->keys[rule_index].name : NULL;
	return schema_index >= 0 ? ks->keys[schema_index].name : NULL;
}

/*
 * Keys: what each side's records hold.  A key error of the rules the
 * reference lacks, or a time, level or message key the candidate no
 * longer writes, is incompatible; a key that changed its type or that
 * the candidate writes less often is different; keys of the candidate's
 * own are consistent, said by name.
 */
static compare_verdict
compare_keys(compare_dimension *d, compare_keys_facts *f, const rules *r,
    const habits *ref, const habits *cand)
{
	const habits *sides[2] = { ref, cand };
	uint64_t new_errors = 0, new_warnings = 0;

	f->decode = r->decode;
	if (r->decode == RULES_DECODE_TEXT)
		return f->reason = KEYS_TEXT, VERDICT_NOT_CHECKED;
	if (ref->keys == NULL || cand->keys == NULL)
		return f->reason = KEYS_ELSEWHERE, VERDICT_NOT_CHECKED;
	for (int s = 0; s < 2; s++) {
		const keyschema *ks = sides[s]->keys;
		f->records[s] = ks->records;
		for (size_t i = 0; i < ks->key_count; i++)
			key_add(f, s, &ks->keys[i]);
	}
	for (size_t i = 0; i < f->key_count; i++) {
		compare_key *k = &f->keys[i];
		double apart = share(k->present[0], f->records[0]) -
		    share(k->present[1], f->records[1]);
		if (k->present[0] == 0 || k->present[1] == 0) {
			f->only[k->present[0] == 0 ? 1 : 0]++;
			continue;
		}
		k->retyped = key_kinds(k->types[0]) != key_kinds(k->types[1]);
		k->rarer = k->present[0] == f->records[0] &&
		    k->present[1] < f->records[1];
		k->reshared = !k->rarer && (apart > COMPARE_KEYS_SHARE_SLACK ||
		    -apart > COMPARE_KEYS_SHARE_SLACK);
		f->type_changes += k->retyped;
		f->rarer += k->rarer;
		f->shares += k->reshared;
	}
	/* The reference's roles are the rule file's where it names them. */
	for (int role = 0; role < KEY_ROLE_COUNT; role++) {
		compare_key_holder *h = &f->roles[role];
		const char *ref_key = key_of_role(r, ref->keys, role, true);
		const compare_key *k;
		if (ref_key == NULL)
			ref_key = key_of_role(r, ref->keys, role, false);
		h->key[0] = dup_or_null(ref_key);
		h->key[1] = dup_or_null(key_of_role(r, cand->keys, role,
		    false));
		k = ref_key != NULL ? key_find(f, ref_key) : NULL;
		if (k != NULL && k->present[0] > 0 && k->present[1] == 0 &&
		    f->records[1] > 0) {
			h->renamed = true;
			f->renamed++;
		}
	}
	for (size_t i = 0; i < sizeof check_owners / sizeof check_owners[0];
	    i++) {
		if (check_owners[i].dimension != DIMENSION_KEYS)
			continue;
		const char *id = check_owners[i].id;
		uint64_t n[2] = {
			category_count(ref->report, id),
			category_count(cand->report, id),
		};
		if (n[0] == 0 && n[1] == 0)
			continue;
		const finding_info *info = findings_get(findings_lookup(id));
		rules_severity severity = rules_severity_of(r, id,
		    info->severity == FINDING_DEFAULT_WARNING ?
		    SEVERITY_WARNING : SEVERITY_ERROR);
		f->findings = xreallocarray(f->findings, f->finding_count + 1,
		    sizeof *f->findings);
		f->findings[f->finding_count++] = (compare_check_count){
			.id = xstrdup(id), .severity = severity,
			.count = { n[0], n[1] },
		};
		if (n[1] > 0 && n[0] == 0) {
			if (severity == SEVERITY_ERROR)
				new_errors++;
			else
				new_warnings++;
		}
	}
	if (new_errors > 0) {
		for (size_t i = 0; i < f->finding_count; i++) {
			const compare_check_count *c = &f->findings[i];
			if (c->severity == SEVERITY_ERROR && c->count[0] == 0)
				dimension_findings(d, cand, c->id);
		}
		return f->reason = KEYS_BROKEN, VERDICT_INCOMPATIBLE;
	}
	if (f->renamed > 0)
		return f->reason = KEYS_RENAMED, VERDICT_INCOMPATIBLE;
	if (f->type_changes > 0)
		return f->reason = KEYS_TYPES, VERDICT_DIFFERENT;
	if (f->only[0] > 0 || f->rarer > 0)
		return f->reason = KEYS_DROPPED, VERDICT_DIFFERENT;
	if (new_warnings > 0) {
		dimension_findings(d, cand, "key-order");
		return f->reason = KEYS_ORDER, VERDICT_DIFFERENT;
	}
	if (f->only[1] > 0)
		return f->reason = KEYS_ADDED, VERDICT_CONSISTENT;
	if (f->shares > 0)
		return f->reason = KEYS_SHARES, VERDICT_CONSISTENT;
	return f->reason = KEYS_SAME, VERDICT_IDENTICAL;
}

static const char *
own_time(const habits *p)
{
	return p->own_ok ? p->own.time_format : NULL;
}

static compare_verdict
compare_timestamp(compare_dimension *d, compare_timestamp_facts *f,
    const rules *r, const habits *ref, const habits *cand)
{
	f->format = dup_or_null(r->time_format);
	f->own[0] = dup_or_null(own_time(ref));
	f->own[1] = dup_or_null(own_time(cand));
	f->severity = rules_severity_of(r, "time-format", SEVERITY_ERROR);
	for (int s = 0; s < 2; s++) {
		const report *rep = (s == 0 ? ref : cand)->report;
		f->not_matching[s] = category_count(rep, "time-format");
		f->log_lines[s] = log_lines(rep);
	}
	f->timed[0] = ref->timed;
	f->timed[1] = cand->timed;
	f->out_of_order[0] = category_count(ref->report, "time-order");
	f->out_of_order[1] = category_count(cand->report, "time-order");
	if (cand->own_habits && f->format != NULL) {
		/* Its lines have another layout: compare the formats. */
		if (f->own[1] != NULL && timefmt_same(f->own[1], f->format))
			return f->reason = TIMESTAMP_ELSEWHERE_SAME,
			    VERDICT_IDENTICAL;
		return f->reason = TIMESTAMP_ELSEWHERE_OTHER,
		    VERDICT_INCOMPATIBLE;
	}
	if (f->format == NULL) {
		/* The rules read no time; the sides' own formats say. */
		if (f->own[0] != NULL && f->own[1] != NULL &&
		    timefmt_same(f->own[0], f->own[1]))
			return f->reason = TIMESTAMP_NONE_SAME,
			    VERDICT_IDENTICAL;
		f->reason = TIMESTAMP_NONE;
		return f->own[1] != NULL ? VERDICT_DIFFERENT :
		    VERDICT_IDENTICAL;
	}
	/* A time key renamed or gone leaves nothing to parse. */
	if (f->timed[0] > 0 && f->timed[1] == 0 && cand->messages > 0)
		return f->reason = TIMESTAMP_ABSENT, VERDICT_INCOMPATIBLE;
	if (f->not_matching[1] > 0 && f->not_matching[0] == 0) {
		f->reason = TIMESTAMP_NOT_MATCHING;
		dimension_findings(d, cand, "time-format");
		return VERDICT_INCOMPATIBLE;
	}
	/*
	 * Timestamps the reference writes outside the format too are a
	 * habit of the program (its time with and without a fraction): the
	 * candidate differs only where it has clearly more of them, and
	 * breaks the format where the rules make them errors.
	 */
	if (f->not_matching[1] > 0 && share(f->not_matching[1],
	    f->log_lines[1]) > COMPARE_CHECKS_MORE_FACTOR *
	    share(f->not_matching[0], f->log_lines[0])) {
		f->reason = TIMESTAMP_MORE_NOT_MATCHING;
		dimension_findings(d, cand, "time-format");
		return f->severity == SEVERITY_ERROR ? VERDICT_INCOMPATIBLE :
		    VERDICT_DIFFERENT;
	}
	if (f->out_of_order[1] > f->out_of_order[0]) {
		f->reason = TIMESTAMP_BACKWARDS;
		dimension_findings(d, cand, "time-order");
		return VERDICT_DIFFERENT;
	}
	if (f->not_matching[1] > 0)
		return f->reason = TIMESTAMP_HABIT, VERDICT_CONSISTENT;
	if (f->own[1] == NULL || (f->own[0] != NULL &&
	    timefmt_same(f->own[0], f->own[1])))
		return f->reason = TIMESTAMP_SAME, VERDICT_IDENTICAL;
	return f->reason = TIMESTAMP_PARSES, VERDICT_CONSISTENT;
}

static bool
level_in(const habits *p, const char *level)
{
	for (size_t i = 0; i < p->level_count; i++) {
		if (strcmp(p->levels[i].level, level) == 0)
			return true;
	}
	return false;
}

/*
 * A level is the candidate's own when neither the rules nor the reference
 * have it: one the reference writes outside the rules' set is a habit of
 * the program, whose share the checks dimension weighs.
 */
static bool
level_allowed(const rules *r, const habits *ref, const char *level)
{
	if (level_in(ref, level))
		return true;
	for (size_t i = 0; i < r->level_count; i++) {
		if (strcmp(r->levels[i], level) == 0)
			return true;
	}
	return false;
}

static void
level_add(compare_level **levels, size_t *count, const habits_level *l)
{
	*levels = xreallocarray(*levels, *count + 1, sizeof **levels);
	(*levels)[(*count)++] = (compare_level){
		.level = xstrdup(l->level), .count = l->count,
	};
}

/* The first line of a level, from the emoji table that saw them all. */
static void
level_example(compare_dimension *d, const habits *p, const char *level)
{
	for (size_t i = 0; i < p->use_count; i++) {
		const habits_emoji_use *u = &p->uses[i];
		if (strcmp(u->level, level) == 0) {
			compare_example *ex = dimension_example(d,
			    EXAMPLE_LEVEL, u->file, u->line, u->text);
			if (ex != NULL)
				ex->level = xstrdup(level);
			return;
		}
	}
}

static compare_verdict
compare_levels(compare_dimension *d, compare_levels_facts *f, const rules *r,
    const habits *ref, const habits *cand)
{
	const habits *sides[2] = { ref, cand };
	size_t unused = 0;

	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < sides[s]->level_count; i++)
			level_add(&f->levels[s], &f->level_count[s],
			    &sides[s]->levels[i]);
	}
	if (r->level_count > 0) {
		f->allowed = xreallocarray(NULL, r->level_count,
		    sizeof *f->allowed);
		for (size_t i = 0; i < r->level_count; i++)
			f->allowed[i] = xstrdup(r->levels[i]);
		f->allowed_count = r->level_count;
	}
	for (size_t i = 0; i < cand->level_count; i++) {
		const habits_level *l = &cand->levels[i];
		if (!level_allowed(r, ref, l->level)) {
			level_add(&f->unknown, &f->unknown_count, l);
			level_example(d, cand, l->level);
		}
	}
	for (size_t i = 0; i < ref->level_count; i++) {
		if (!level_in(cand, ref->levels[i].level))
			unused++;
	}
	if (f->unknown_count > 0)
		return f->reason = LEVELS_UNKNOWN, VERDICT_INCOMPATIBLE;
	if (unused == 0 && cand->level_count == ref->level_count)
		return f->reason = LEVELS_SAME, VERDICT_IDENTICAL;
	return f->reason = LEVELS_SUBSET, VERDICT_CONSISTENT;
}

static const char *
pairing_of(const habits *p)
{
	return p->report->captures[0].pairing;
}

/* What the log lines of a side do across streams. */
static compare_stream_habit
stream_habit(const rules *r, const habits *p)
{
	uint64_t out = p->stream_lines[LC_STREAM_STDOUT];
	uint64_t err = p->stream_lines[LC_STREAM_STDERR];

	if (r->streams == STREAMS_BOTH && strcmp(pairing_of(p), "checked") == 0 &&
	    out > 0 && err > 0)
		return STREAM_HABIT_PAIRED;
	if (out > 0 && err > 0)
		return STREAM_HABIT_BOTH;
	if (out > 0)
		return STREAM_HABIT_STDOUT;
	if (err > 0)
		return STREAM_HABIT_STDERR;
	return STREAM_HABIT_NONE;
}

static compare_verdict
compare_streams(compare_dimension *d, compare_streams_facts *f,
    const rules *r, const habits *ref, const habits *cand)
{
	const habits *sides[2] = { ref, cand };

	f->policy = r->streams;
	for (int s = 0; s < 2; s++) {
		f->habit[s] = stream_habit(r, sides[s]);
		f->stdout_lines[s] = sides[s]->stream_lines[LC_STREAM_STDOUT];
		f->stderr_lines[s] = sides[s]->stream_lines[LC_STREAM_STDERR];
		f->pairing[s] = dup_or_null(pairing_of(sides[s]));
		f->unpaired[s] = category_count(sides[s]->report,
		    "stream-pairing");
	}
	f->excluded = category_count(cand->report, "stream-policy");
	if (cand->own_habits) {
		/* Its lines have another layout: compare the stream habits. */
		if (cand->own.streams == r->streams)
			return f->reason = STREAMS_ELSEWHERE_KEPT,
			    VERDICT_IDENTICAL;
		f->reason = STREAMS_ELSEWHERE_BROKEN;
		return r->streams == STREAMS_ANY ? VERDICT_DIFFERENT :
		    VERDICT_INCOMPATIBLE;
	}
	if (r->streams == STREAMS_BOTH && strcmp(pairing_of(ref), "checked") == 0 &&
	    strcmp(pairing_of(cand), "checked") != 0)
		return f->reason = STREAMS_NOT_PAIRED, VERDICT_INCOMPATIBLE;
	if (f->unpaired[1] > f->unpaired[0]) {
		f->reason = STREAMS_UNPAIRED;
		dimension_findings(d, cand, "stream-pairing");
		return VERDICT_INCOMPATIBLE;
	}
	if (f->excluded > category_count(ref->report, "stream-policy")) {
		f->reason = STREAMS_EXCLUDED;
		dimension_findings(d, cand, "stream-policy");
		return VERDICT_INCOMPATIBLE;
	}
	if (f->habit[0] == f->habit[1] && (f->habit[0] != STREAM_HABIT_PAIRED ||
	    f->unpaired[0] == f->unpaired[1]))
		return f->reason = STREAMS_SAME, VERDICT_IDENTICAL;
	return f->reason = STREAMS_OTHER, VERDICT_DIFFERENT;
}

static const report_flush *
flush_of(const habits *p)
{
	return &p->report->captures[0].flush;
}

/*
 * Flush timing: do the candidate's twins arrive together, as the
 * reference's do?  Only captures with arrival times (container logs) say.
 */
static compare_verdict
compare_flush(compare_dimension *d, compare_flush_facts *f, const rules *r,
    const habits *ref, const habits *cand)
{
	const report_flush *rf = flush_of(ref), *cf = flush_of(cand);
	uint64_t ref_late = rf->late[0] + rf->late[1];
	uint64_t cand_late = cf->late[0] + cf->late[1];

	f->policy = r->streams;
	f->flush[0] = *rf;
	f->flush[1] = *cf;
	if (rules_severity_of(r, "flush-timing", SEVERITY_ERROR) ==
	    SEVERITY_OFF)
		return f->reason = FLUSH_OFF, VERDICT_NOT_CHECKED;
	/* Only twins are timed: without pairing there are none. */
	if (r->streams != STREAMS_BOTH)
		return f->reason = FLUSH_UNPAIRED_RULES, VERDICT_NOT_CHECKED;
	if (rf->pairs == 0 || cf->pairs == 0) {
		int side = rf->pairs == 0 ? cf->pairs == 0 ? 2 : 0 : 1;
		const char *pairing = pairing_of(side == 1 ? cand : ref);
		bool untimed[2] = {
			!f->timed[0] && rf->pairs == 0,
			!f->timed[1] && cf->pairs == 0,
		};
		if (pairing != NULL &&
		    strncmp(pairing, "not checked: ", 13) == 0) {
			f->reason = FLUSH_NO_TWINS;
			f->side = side == 1 ? 1 : 0;
			f->pairing = xstrdup(pairing);
		} else if (untimed[0] || untimed[1]) {
			f->reason = FLUSH_TIMES_UNKNOWN;
			f->side = untimed[0] ? untimed[1] ? 2 : 0 : 1;
		} else {
			/* Times were read: it is the twins that are missing. */
			f->reason = FLUSH_NO_TIMED_TWINS;
			f->side = side;
		}
		return VERDICT_NOT_CHECKED;
	}
	double ref_share = (double)ref_late / (double)rf->pairs;
	double cand_share = (double)cand_late / (double)cf->pairs;
	if (cand_late >= COMPARE_FLUSH_MIN_LATE &&
	    cand_share >= COMPARE_FLUSH_MIN_SHARE &&
	    cand_share >= ref_share + COMPARE_FLUSH_MARGIN) {
		f->reason = FLUSH_HABIT;
		dimension_findings(d, cand, "flush-timing");
		return VERDICT_INCOMPATIBLE;
	}
	if (cand_late > 0 && cand_share > ref_share)
		return f->reason = FLUSH_SHORT_OF_HABIT, VERDICT_DIFFERENT;
	if (cand_late > 0 || ref_late > 0)
		return f->reason = FLUSH_NO_MORE_LATE, VERDICT_CONSISTENT;
	return f->reason = FLUSH_IN_TIME, VERDICT_IDENTICAL;
}


static compare_check_count *
check_count_find(compare_checks_facts *f, const char *id)
{
	for (size_t i = 0; i < f->count; i++) {
		if (strcmp(f->counts[i].id, id) == 0)
			return &f->counts[i];
	}
	return NULL;
}

static compare_check_count *
check_count_add(compare_checks_facts *f, const char *id, bool check,
    rules_severity severity)
{
	compare_check_count *c = check_count_find(f, id);

	if (c != NULL)
		return c;
	f->counts = xreallocarray(f->counts, f->count + 1, sizeof *f->counts);
	c = &f->counts[f->count++];
	*c = (compare_check_count){
		.id = xstrdup(id), .check = check, .severity = severity,
	};
	for (size_t i = 0; !check &&
	    i < sizeof check_owners / sizeof check_owners[0]; i++) {
		if (strcmp(check_owners[i].id, id) == 0)
			c->judged_by = dimension_names[check_owners[i].dimension];
	}
	return c;
}

/*
 * What check judges: every check of the rule file and every finding id,
 * counted on both sides.  The candidate fails here where check would
 * fail it and the reference passes: an error id the reference has none of.
 */
static compare_verdict
compare_checks(compare_dimension *d, compare_checks_facts *f, const rules *r,
    const habits *ref, const habits *cand)
{
	const habits *sides[2] = { ref, cand };

	for (size_t i = 0; i < r->check_count; i++)
		check_count_add(f, r->checks[i].id, true,
		    r->checks[i].severity);
	for (int s = 0; s < 2; s++) {
		const report *rep = sides[s]->report;
		f->errors[s] = rep->errors;
		f->warnings[s] = rep->warnings;
		f->log_lines[s] = log_lines(rep);
		for (size_t i = 0; i < rep->category_count; i++) {
			const report_category *cat = &rep->categories[i];
			compare_check_count *c = check_count_add(f, cat->rule,
			    false, cat->severity);
			/* An id counted at both severities counts as its worst. */
			if (cat->severity < c->severity)
				c->severity = cat->severity;
			c->count[s] += cat->count;
		}
	}
	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		if (c->judged_by != NULL || c->count[1] == 0)
			continue;
		if (c->count[0] == 0 && c->severity == SEVERITY_ERROR) {
			f->new_errors++;
			dimension_findings(d, cand, c->id);
		} else if (c->count[0] == 0)
			f->new_warnings++;
		else if (c->severity == SEVERITY_ERROR &&
		    share(c->count[1], f->log_lines[1]) >
		    COMPARE_CHECKS_MORE_FACTOR *
		    share(c->count[0], f->log_lines[0]))
			f->more_errors++;
	}
	if (f->new_errors > 0)
		return f->reason = CHECKS_NEW_ERRORS, VERDICT_INCOMPATIBLE;
	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		if (c->judged_by == NULL && c->count[1] > 0 &&
		    (c->count[0] == 0 || c->severity == SEVERITY_ERROR))
			dimension_findings(d, cand, c->id);
	}
	if (f->new_warnings > 0)
		return f->reason = CHECKS_NEW_WARNINGS, VERDICT_DIFFERENT;
	if (f->more_errors > 0)
		return f->reason = CHECKS_MORE_ERRORS, VERDICT_DIFFERENT;
	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		if (c->judged_by == NULL && (c->count[0] > 0 ||
		    c->count[1] > 0))
			return f->reason = CHECKS_SAME_IDS, VERDICT_CONSISTENT;
	}
	return f->reason = CHECKS_CLEAN, VERDICT_IDENTICAL;
}

/* Emoji vocabulary across both sides, with the level each mostly leads. */
static void
compare_emoji_table(compare_result *result, const habits *sides[2])
{
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < sides[s]->use_count; i++) {
			const habits_emoji_use *u = &sides[s]->uses[i];
			compare_emoji *e = NULL;
			if (*u->emoji == '\0')
				continue;
			for (size_t k = 0; k < result->emoji_count && !e; k++) {
				if (strcmp(result->emoji[k].emoji, u->emoji) == 0)
					e = &result->emoji[k];
			}
			if (e == NULL) {
				result->emoji = xreallocarray(result->emoji,
				    result->emoji_count + 1,
				    sizeof *result->emoji);
				e = &result->emoji[result->emoji_count++];
				memset(e, 0, sizeof *e);
				e->emoji = xstrdup(u->emoji);
			}
			e->count[s] += u->count;
		}
	}
	/* The level each emoji leads most, per side. */
	for (size_t k = 0; k < result->emoji_count; k++) {
		compare_emoji *e = &result->emoji[k];
		for (int s = 0; s < 2; s++) {
			uint64_t best = 0;
			for (size_t i = 0; i < sides[s]->use_count; i++) {
				const habits_emoji_use *u = &sides[s]->uses[i];
				if (strcmp(u->emoji, e->emoji) == 0 &&
				    u->count > best) {
					best = u->count;
					free(e->level[s]);
					e->level[s] = xstrdup(u->level);
				}
			}
		}
	}
}

/* How often a side leads level with emoji. */
static uint64_t
uses_of(const habits *p, const char *emoji, const char *level)
{
	for (size_t i = 0; i < p->use_count; i++) {
		if (strcmp(p->uses[i].emoji, emoji) == 0 &&
		    strcmp(p->uses[i].level, level) == 0)
			return p->uses[i].count;
	}
	return 0;
}

static compare_verdict
compare_emoji_habit(compare_dimension *d, compare_emoji_facts *f,
    const compare_result *result, const rules *r, const habits *ref,
    const habits *cand)
{
	f->share[0] = share(ref->emoji_led, ref->messages);
	f->share[1] = share(cand->emoji_led, cand->messages);
	f->messages[0] = ref->messages;
	f->messages[1] = cand->messages;
	f->text_marked = cand->text_marked;
	f->marker_share = share(cand->text_marked, cand->messages);
	f->marker = dup_or_null(cand->marker);
	for (size_t k = 0; k < result->emoji_count; k++) {
		const compare_emoji *e = &result->emoji[k];
		if (e->count[0] > 0 && e->count[1] > 0)
			f->shared++;
		else if (e->count[1] > 0)
			f->added++;
		else
			f->dropped++;
	}

	/* An emoji the reference keeps for one level must stay there. */
	for (size_t k = 0; k < result->emoji_count; k++) {
		const compare_emoji *e = &result->emoji[k];
		uint64_t at_level = 0;
		if (e->count[0] == 0 || e->level[0] == NULL)
			continue;
		for (size_t i = 0; i < ref->use_count; i++) {
			if (strcmp(ref->uses[i].emoji, e->emoji) == 0 &&
			    strcmp(ref->uses[i].level, e->level[0]) == 0)
				at_level = ref->uses[i].count;
		}
		if (share(at_level, e->count[0]) < EMOJI_LEVEL_SHARE)
			continue;
		for (size_t i = 0; i < cand->use_count; i++) {
			const habits_emoji_use *u = &cand->uses[i];
			/* A level the reference lacks is the levels' finding. */
			if (strcmp(u->emoji, e->emoji) != 0 ||
			    strcmp(u->level, e->level[0]) == 0 ||
			    uses_of(ref, u->emoji, u->level) > 0 ||
			    !level_allowed(r, ref, u->level))
				continue;
			f->moves = xreallocarray(f->moves, f->move_count + 1,
			    sizeof *f->moves);
			f->moves[f->move_count++] = (compare_emoji_move){
				.emoji = xstrdup(e->emoji),
				.level = { xstrdup(e->level[0]),
				    xstrdup(u->level) },
				.count = u->count,
			};
			compare_example *ex = dimension_example(d,
			    EXAMPLE_EMOJI_LEVEL, u->file, u->line, u->text);
			if (ex != NULL) {
				ex->emoji = xstrdup(e->emoji);
				ex->level = xstrdup(u->level);
			}
		}
	}
	/* The rules' own checks on the emoji field count here too. */
	for (size_t i = 0; i < r->check_count; i++) {
		bool on_emoji = false;
		for (size_t k = 0; k < r->checks[i].when_count; k++)
			on_emoji |= strcmp(r->checks[i].when[k].field,
			    "emoji") == 0;
		if (!on_emoji || r->checks[i].severity != SEVERITY_ERROR)
			continue;
		uint64_t n = category_count(cand->report, r->checks[i].id);
		if (n > category_count(ref->report, r->checks[i].id)) {
			f->breaks = xreallocarray(f->breaks,
			    f->break_count + 1, sizeof *f->breaks);
			f->breaks[f->break_count++] = (compare_check_break){
				.check = xstrdup(r->checks[i].id), .count = n,
			};
			dimension_findings(d, cand, r->checks[i].id);
		}
	}
	f->policy = category_count(cand->report, "emoji");
	if (f->policy > category_count(ref->report, "emoji")) {
		f->reason = EMOJI_POLICY;
		dimension_findings(d, cand, "emoji");
		return VERDICT_INCOMPATIBLE;
	}
	if (f->share[0] >= EMOJI_HABIT_MIN &&
	    f->share[1] < EMOJI_DROP_FACTOR * f->share[0]) {
		if (f->marker_share >= TEXT_MARKER_SHARE) {
			f->reason = EMOJI_MARKERS;
			dimension_example(d, EXAMPLE_TEXT_MARKER,
			    cand->marker_file, cand->marker_line,
			    cand->marker_text);
		} else
			f->reason = EMOJI_DROPPED;
		return VERDICT_INCOMPATIBLE;
	}
	if (f->move_count > 0 || f->break_count > 0)
		return f->reason = EMOJI_MOVED, VERDICT_INCOMPATIBLE;
	size_t all = f->shared + f->added + f->dropped;
	double close = f->share[1] - f->share[0];
	if (close < 0)
		close = -close;
	if (f->added == 0 && f->dropped == 0 && close <= EMOJI_SHARE_SLACK)
		return f->reason = EMOJI_SAME, VERDICT_IDENTICAL;
	if (close <= EMOJI_SHARE_SLACK &&
	    (share(f->shared, all) >= VOCABULARY_CONSISTENT || all == 0))
		return f->reason = EMOJI_ALIKE, VERDICT_CONSISTENT;
	return f->reason = EMOJI_OTHER, VERDICT_DIFFERENT;
}

static bool
template_same(const compare_template *t, const templates_entry *e)
{
	return strlen(t->text) == e->text_len && strlen(t->level) ==
	    e->level_len && strlen(t->emoji) == e->emoji_len &&
	    memcmp(t->text, e->text, e->text_len) == 0 &&
	    memcmp(t->level, e->level, e->level_len) == 0 &&
	    memcmp(t->emoji, e->emoji, e->emoji_len) == 0;
}

static void
compare_template_add(compare_result *result, int side,
    const templates_entry *e)
{
	/* The reference's templates are all in place before any candidate's. */
	for (size_t i = 0; side == 1 && i < result->template_count; i++) {
		compare_template *t = &result->templates[i];
		if (template_same(t, e)) {
			t->count[side] += e->count;
			if (t->example[side] == NULL)
				t->example[side] = xstrndup(e->example,
				    e->example_len);
			return;
		}
	}
	result->templates = xreallocarray(result->templates,
	    result->template_count + 1, sizeof *result->templates);
	compare_template *t = &result->templates[result->template_count++];
	memset(t, 0, sizeof *t);
	t->text = xstrndup(e->text, e->text_len);
	t->level = xstrndup(e->level, e->level_len);
	t->emoji = xstrndup(e->emoji, e->emoji_len);
	t->count[side] = e->count;
	t->example[side] = xstrndup(e->example, e->example_len);
}

static int
template_rank(const compare_template *t)
{
	return t->count[0] > 0 && t->count[1] > 0 ? 0 : t->count[0] > 0 ? 1 : 2;
}

static int
template_order(const void *va, const void *vb)
{
	const compare_template *a = va, *b = vb;
	int ra = template_rank(a), rb = template_rank(b);

	if (ra != rb)
		return ra - rb;
	uint64_t ca = a->count[0] + a->count[1], cb = b->count[0] + b->count[1];
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return strcmp(a->text, b->text);
}

static compare_verdict
compare_templates(compare_templates_facts *f, compare_result *result,
    const habits *sides[2])
{
	templates_entry e;

	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; templates_get(sides[s]->miner, i, &e); i++)
			compare_template_add(result, s, &e);
		f->count[s] = templates_count(sides[s]->miner);
		f->capped[s] = templates_capped(sides[s]->miner);
	}
	qsort(result->templates, result->template_count,
	    sizeof *result->templates, template_order);
	for (size_t i = 0; i < result->template_count; i++) {
		int rank = template_rank(&result->templates[i]);
		if (rank == 0)
			f->shared++;
		else
			f->only[rank - 1]++;
	}
	/* A message that only changed its level or emoji is not new. */
	for (size_t i = 0; i < result->template_count; i++) {
		const compare_template *t = &result->templates[i];
		if (template_rank(t) != 2)
			continue;
		for (size_t k = 0; k < result->template_count; k++) {
			const compare_template *o = &result->templates[k];
			if (template_rank(o) == 1 && strcmp(o->text, t->text) == 0) {
				f->moved++;
				break;
			}
		}
	}
	f->all = f->shared + f->only[0] + f->only[1] - f->moved;
	if (f->only[0] == 0 && f->only[1] == 0)
		return f->reason = TEMPLATES_SAME, VERDICT_IDENTICAL;
	if (f->moved > 0 && share(f->shared + f->moved, f->all) >=
	    OVERLAP_CONSISTENT) {
		f->reason = TEMPLATES_MOVED;
		return share(f->shared, f->all) >= OVERLAP_CONSISTENT ?
		    VERDICT_CONSISTENT : VERDICT_DIFFERENT;
	}
	if (share(f->shared, f->all) >= OVERLAP_CONSISTENT)
		return f->reason = TEMPLATES_MOSTLY, VERDICT_CONSISTENT;
	return f->reason = TEMPLATES_OTHER, VERDICT_DIFFERENT;
}

/*
 * Habits are taken from log lines: where a side has none, the dimensions
 * built on them have nothing to compare, and say so rather than finding
 * two empty sets "identical".
 */
static void
compare_missing_lines(compare_result *result, const habits *ref,
    const habits *cand)
{
	static const compare_dimension_id habits[] = {
		DIMENSION_KEYS, DIMENSION_TIMESTAMP, DIMENSION_LEVELS,
		DIMENSION_STREAMS,
		DIMENSION_EMOJI, DIMENSION_TEMPLATES, DIMENSION_FLUSH,
	};
	bool none[2] = { ref->messages == 0, cand->messages == 0 };

	if (!none[0] && !none[1])
		return;
	for (size_t i = 0; i < sizeof habits / sizeof habits[0]; i++) {
		compare_dimension *d = &result->dimensions[habits[i]];
		/* Flush keeps its reasons that do not depend on the lines. */
		if (habits[i] == DIMENSION_FLUSH && (result->flush.reason ==
		    FLUSH_OFF || result->flush.reason == FLUSH_UNPAIRED_RULES))
			continue;
		/* So do keys of text lines: there are none to miss. */
		if (habits[i] == DIMENSION_KEYS &&
		    result->keys.reason == KEYS_TEXT)
			continue;
		d->verdict = VERDICT_NOT_CHECKED;
		d->missing = MISSING_LOG_LINES;
		d->missing_side = none[0] ? none[1] ? 2 : 0 : 1;
	}
}

/* The candidate's habits, taken on a thread of their own. */
typedef struct {
	const rules *rules;
	const capture *capture;
	habits *habits;
	char *cause;
	int status;
} compare_reading;

static void *
compare_reading_run(void *data)
{
	compare_reading *side = data;

	side->status = habits_build(side->rules, side->capture, 0, NULL,
	    side->habits, &side->cause);
	return NULL;
}

/*
 * The habits of both sides.  The two captures share nothing, so they are
 * read at the same time: on a machine of two cores or more, compare
 * takes about as long as the longer reading, not the sum of the two.
 */
static int
compare_sides(const rules *r, const capture *reference,
    infer_format *reference_format, const capture *candidate,
    habits sides[2], char **cause)
{
	compare_reading cand = { r, candidate, &sides[1], NULL, -1 };
	pthread_t thread;
	bool threaded = pthread_create(&thread, NULL, compare_reading_run,
	    &cand) == 0;
	int status = habits_build(r, reference, 0, reference_format,
	    &sides[0], cause);

	if (threaded)
		pthread_join(thread, NULL);
	else
		compare_reading_run(&cand);
	/* The reference's error first, as when the sides were read in turn. */
	if (status != 0) {
		free(cand.cause);
		return -1;
	}
	if (cand.status != 0) {
		*cause = cand.cause;
		return -1;
	}
	return 0;
}

int
compare_run(const rules *given, const capture *reference,
    const capture *candidate, compare_result *result, char **cause)
{
	const rules *r = given;
	rules *inferred = NULL;
	habits sides[2];
	int status = -1;

	memset(result, 0, sizeof *result);
	memset(sides, 0, sizeof sides);
	infer_format reference_format;
	bool reference_known = false;
	if (r == NULL) {
		/*
		 * JSON Lines and logfmt: a profile of their keys.  It reads
		 * the whole capture: one that cannot be read again (standard
		 * input not spooled) goes to the text inference alone.
		 */
		int keyed = 0;
		if (spool_captures_rereadable(reference, 1))
			keyed = keyprofile_infer(reference, 1, "inferred",
			    NULL, 0, &inferred, &result->rules_yaml, cause);
		if (keyed < 0)
			goto out;
		if (keyed > 0) {
			/* compare judges formats; drift is check's. */
			rules_drop_baseline(inferred);
		} else {
			inferred = profile_infer_rules(reference, "inferred",
			    &result->rules_yaml, &reference_format, cause);
			if (inferred == NULL)
				goto out;
			reference_known = true;	/* no need to infer it again */
		}
		r = inferred;
	}
	result->rules_name = xstrdup(r->format);
	result->rules_path = inferred == NULL ? xstrdup(r->path) : NULL;
	/* Findings are kept whole: they are the examples. */
	if (compare_sides(r, reference, reference_known ? &reference_format :
	    NULL, candidate, sides, cause) != 0)
		goto out;

	const habits *ref = &sides[0], *cand = &sides[1];
	const habits *both[2] = { ref, cand };
	compare_dimension *dims = result->dimensions;
	for (int d = 0; d < DIMENSION_COUNT; d++)
		dims[d].name = dimension_names[d];
	dims[DIMENSION_LINE_FORMAT].verdict = compare_line_format(
	    &dims[DIMENSION_LINE_FORMAT], &result->line_format, r, ref, cand);
	dims[DIMENSION_KEYS].verdict = compare_keys(&dims[DIMENSION_KEYS],
	    &result->keys, r, ref, cand);
	dims[DIMENSION_TIMESTAMP].verdict = compare_timestamp(
	    &dims[DIMENSION_TIMESTAMP], &result->timestamp, r, ref, cand);
	dims[DIMENSION_LEVELS].verdict = compare_levels(
	    &dims[DIMENSION_LEVELS], &result->levels, r, ref, cand);
	dims[DIMENSION_STREAMS].verdict = compare_streams(
	    &dims[DIMENSION_STREAMS], &result->streams, r, ref, cand);
	compare_emoji_table(result, both);
	dims[DIMENSION_EMOJI].verdict = compare_emoji_habit(
	    &dims[DIMENSION_EMOJI], &result->emoji_habit, result, r, ref,
	    cand);
	dims[DIMENSION_TEMPLATES].verdict = compare_templates(
	    &result->template_overlap, result, both);
	for (int s = 0; s < 2; s++)
		result->flush.timed[s] = (s == 0 ? reference :
		    candidate)->sources[0].container != 0;
	dims[DIMENSION_FLUSH].verdict = compare_flush(&dims[DIMENSION_FLUSH],
	    &result->flush, r, ref, cand);
	dims[DIMENSION_CHECKS].verdict = compare_checks(
	    &dims[DIMENSION_CHECKS], &result->checks, r, ref, cand);
	compare_missing_lines(result, ref, cand);

	result->verdict = VERDICT_IDENTICAL;
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		if (dims[d].verdict == VERDICT_NOT_CHECKED)
			continue;
		if (dims[d].verdict > result->verdict)
			result->verdict = dims[d].verdict;
	}
	result->compatible = result->verdict != VERDICT_INCOMPATIBLE;
	for (int s = 0; s < 2; s++) {
		compare_side *side = &result->sides[s];
		habits *p = &sides[s];
		side->name = xstrdup(p->name);
		side->report = p->report;
		p->report = NULL;
		side->skeleton = p->own_ok ? xstrdup(p->own.skeleton) : NULL;
		side->time_format = p->own_ok && p->own.time_format != NULL ?
		    xstrdup(p->own.time_format) : NULL;
		side->messages = p->messages;
		side->emoji_led = p->emoji_led;
		side->text_marked = p->text_marked;
		memcpy(side->stream_lines, p->stream_lines,
		    sizeof side->stream_lines);
		side->template_count = templates_count(p->miner);
		side->templates_capped = templates_capped(p->miner);
	}
	status = 0;
out:
	habits_free(&sides[0]);
	habits_free(&sides[1]);
	rules_free(inferred);
	return status;
}

static void
levels_free(compare_level *levels, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(levels[i].level);
	free(levels);
}

static void
facts_free(compare_result *result)
{
	compare_levels_facts *levels = &result->levels;
	compare_emoji_facts *emoji = &result->emoji_habit;

	free(result->line_format.pattern);
	for (int s = 0; s < 2; s++) {
		free(result->line_format.skeleton[s]);
		free(result->timestamp.own[s]);
		levels_free(levels->levels[s], levels->level_count[s]);
		free(result->streams.pairing[s]);
	}
	free(result->timestamp.format);
	for (size_t i = 0; i < levels->allowed_count; i++)
		free(levels->allowed[i]);
	free(levels->allowed);
	levels_free(levels->unknown, levels->unknown_count);
	free(emoji->marker);
	for (size_t i = 0; i < emoji->move_count; i++) {
		free(emoji->moves[i].emoji);
		free(emoji->moves[i].level[0]);
		free(emoji->moves[i].level[1]);
	}
	free(emoji->moves);
	for (size_t i = 0; i < emoji->break_count; i++)
		free(emoji->breaks[i].check);
	free(emoji->breaks);
	free(result->flush.pairing);
	for (size_t i = 0; i < result->keys.key_count; i++)
		free(result->keys.keys[i].name);
	free(result->keys.keys);
	for (int role = 0; role < KEY_ROLE_COUNT; role++) {
		free(result->keys.roles[role].key[0]);
		free(result->keys.roles[role].key[1]);
	}
	for (size_t i = 0; i < result->keys.finding_count; i++)
		free(result->keys.findings[i].id);
	free(result->keys.findings);
	for (size_t i = 0; i < result->checks.count; i++)
		free(result->checks.counts[i].id);
	free(result->checks.counts);
}

void
compare_result_free(compare_result *result)
{
	if (result == NULL)
		return;
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		compare_dimension *dim = &result->dimensions[d];
		for (size_t i = 0; i < dim->example_count; i++) {
			free(dim->examples[i].file);
			free(dim->examples[i].text);
			free(dim->examples[i].message);
			free(dim->examples[i].level);
			free(dim->examples[i].emoji);
		}
		free(dim->examples);
	}
	facts_free(result);
	for (int s = 0; s < 2; s++) {
		free(result->sides[s].name);
		report_free(result->sides[s].report);
		free(result->sides[s].format_yaml);
		free(result->sides[s].skeleton);
		free(result->sides[s].time_format);
	}
	for (size_t i = 0; i < result->template_count; i++) {
		compare_template *t = &result->templates[i];
		free(t->text);
		free(t->level);
		free(t->emoji);
		free(t->example[0]);
		free(t->example[1]);
	}
	free(result->templates);
	for (size_t i = 0; i < result->emoji_count; i++) {
		free(result->emoji[i].emoji);
		free(result->emoji[i].level[0]);
		free(result->emoji[i].level[1]);
	}
	free(result->emoji);
	free(result->rules_name);
	free(result->rules_path);
	free(result->rules_yaml);
	memset(result, 0, sizeof *result);
}
