/*
 * compare: two captures judged dimension by dimension; see compare.h.
 * Every verdict is computed from the two profiles; the thresholds below
 * are the whole of the judgement, so they are named and documented in
 * logcompat(1).
 */
#include "learn/compare.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "judge/judge.h"
#include "util/jsonutil.h"
#include "learn/profile.h"
#include "util/strbuf.h"
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
/* Examples shown per dimension. */
#define EXAMPLES_MAX		3

static const char *const dimension_names[DIMENSION_COUNT] = {
	"line-format", "timestamp", "levels", "streams", "emoji", "templates",
	"flush"
};

static const char *const verdict_names[] = {
	"identical", "consistent", "different", "incompatible", "not checked"
};

const char *
compare_verdict_name(compare_verdict verdict)
{
	return verdict_names[verdict];
}

static void
dimension_set(compare_dimension *d, compare_verdict verdict,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
dimension_set(compare_dimension *d, compare_verdict verdict,
    const char *fmt, ...)
{
	va_list ap;

	d->verdict = verdict;
	free(d->summary);
	va_start(ap, fmt);
	d->summary = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
dimension_evidence(compare_dimension *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
dimension_evidence(compare_dimension *d, const char *fmt, ...)
{
	va_list ap;

	d->evidence = xreallocarray(d->evidence, d->evidence_count + 1,
	    sizeof *d->evidence);
	va_start(ap, fmt);
	d->evidence[d->evidence_count++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
dimension_example(compare_dimension *d, const char *file, unsigned long line,
    const char *text, const char *note)
{
	if (d->example_count == EXAMPLES_MAX)
		return;
	d->examples = xreallocarray(d->examples, d->example_count + 1,
	    sizeof *d->examples);
	d->examples[d->example_count++] = (compare_example){
		.file = xstrdup(file), .line = line,
		.text = xstrdup(text != NULL ? text : ""),
		.note = xstrdup(note),
	};
}

/* Examples from a side's findings with this rule id. */
static void
dimension_findings(compare_dimension *d, const profile *p, const char *rule)
{
	const report *rep = p->report;

	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		if (strcmp(f->rule, rule) == 0)
			dimension_example(d, f->file, f->line, f->excerpt,
			    f->message);
	}
}

/* A JSON string of text that may hold any bytes. */
static json_t *
json_text(const char *text)
{
	return jsonutil_string(text, strlen(text));
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

static void
compare_line_format(compare_dimension *d, const rules *r, const profile *ref,
    const profile *cand)
{
	uint64_t fitting = log_lines(cand->report);
	uint64_t own = cand->own_ok ? cand->own.fitting : 0;
	uint64_t foreign = cand->report->total.foreign;

	d->reference = xstrdup(ref->own_ok ? ref->own.skeleton : r->line_pattern);
	d->candidate = xstrdup(cand->own_ok ? cand->own.skeleton :
	    "(no layout found)");
	d->reference_json = json_pack("{ss so sI}", "pattern", r->line_pattern,
	    "skeleton", json_text(d->reference), "log_lines",
	    (json_int_t)log_lines(ref->report));
	d->candidate_json = json_pack("{so sI sI sI}", "skeleton",
	    json_text(d->candidate),
	    "log_lines", (json_int_t)fitting, "own_layout_lines",
	    (json_int_t)own, "foreign", (json_int_t)foreign);
	dimension_evidence(d, "%llu of the candidate's %llu line%s have the "
	    "reference layout; %llu foreign", (unsigned long long)fitting,
	    (unsigned long long)cand->report->total.lines,
	    cand->report->total.lines == 1 ? "" : "s",
	    (unsigned long long)foreign);
	if (fitting == 0) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "no candidate line has "
		    "the reference layout");
		dimension_findings(d, cand, "foreign");
		return;
	}
	if (own > 0 && (double)fitting < PROFILE_LAYOUT_FIT_SHARE * (double)own) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "only %llu of the %llu "
		    "lines in the candidate's own layout (%s) have the "
		    "reference layout", (unsigned long long)fitting,
		    (unsigned long long)own, d->candidate);
		dimension_findings(d, cand, "foreign");
		return;
	}
	if (r->foreign == FOREIGN_FAIL && foreign > 0) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "%llu foreign lines, and "
		    "the rules say foreign: fail", (unsigned long long)foreign);
		dimension_findings(d, cand, "foreign");
		return;
	}
	if (ref->own_ok && cand->own_ok &&
	    strcmp(ref->own.skeleton, cand->own.skeleton) == 0)
		dimension_set(d, VERDICT_IDENTICAL, "both write %s",
		    d->reference);
	else
		dimension_set(d, VERDICT_CONSISTENT, "the candidate's log lines "
		    "fit the reference layout");
}

static const char *
own_time(const profile *p)
{
	return p->own_ok && p->own.time_format != NULL ? p->own.time_format :
	    "(none)";
}

static void
compare_timestamp(compare_dimension *d, const rules *r, const profile *ref,
    const profile *cand)
{
	uint64_t bad = category_count(cand->report, "time-format");
	uint64_t order[2] = {
		category_count(ref->report, "time-order"),
		category_count(cand->report, "time-order"),
	};

	d->reference = xstrdup(r->time_format != NULL ? r->time_format :
	    "(none)");
	d->candidate = xstrdup(own_time(cand));
	d->reference_json = json_pack("{so sI}", "format",
	    json_text(d->reference), "out_of_order", (json_int_t)order[0]);
	d->candidate_json = json_pack("{so sI sI}", "format",
	    json_text(d->candidate),
	    "not_matching", (json_int_t)bad, "out_of_order",
	    (json_int_t)order[1]);
	if (cand->own_habits && r->time_format != NULL) {
		/* Its lines have another layout: compare the formats. */
		if (strcmp(d->candidate, r->time_format) == 0)
			dimension_set(d, VERDICT_IDENTICAL, "both write %s "
			    "(in another layout)", r->time_format);
		else
			dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate "
			    "writes %s where the reference writes %s",
			    d->candidate, r->time_format);
		return;
	}
	if (r->time_format == NULL) {
		dimension_set(d, cand->own_ok && cand->own.time_format != NULL ?
		    VERDICT_DIFFERENT : VERDICT_IDENTICAL, "the reference has "
		    "no timestamp; the candidate has %s", d->candidate);
		return;
	}
	if (bad > 0) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "%llu candidate log "
		    "line%s timestamps that do not match %s",
		    (unsigned long long)bad, bad == 1 ? " has" : "s have",
		    r->time_format);
		dimension_findings(d, cand, "time-format");
		return;
	}
	dimension_evidence(d, "every candidate timestamp parses as %s",
	    r->time_format);
	if (order[1] > order[0]) {
		dimension_set(d, VERDICT_DIFFERENT, "same format, but %llu "
		    "candidate timestamps go backwards",
		    (unsigned long long)order[1]);
		dimension_findings(d, cand, "time-order");
		return;
	}
	if (strcmp(own_time(ref), own_time(cand)) == 0 ||
	    strcmp(d->candidate, "(none)") == 0)
		dimension_set(d, VERDICT_IDENTICAL, "both write %s",
		    r->time_format);
	else
		dimension_set(d, VERDICT_CONSISTENT, "the candidate's "
		    "timestamps parse as %s", r->time_format);
}

static bool
level_in(const profile *p, const char *level)
{
	for (size_t i = 0; i < p->level_count; i++) {
		if (strcmp(p->levels[i].level, level) == 0)
			return true;
	}
	return false;
}

static bool
level_allowed(const rules *r, const profile *ref, const char *level)
{
	if (r->level_count == 0)
		return level_in(ref, level);
	for (size_t i = 0; i < r->level_count; i++) {
		if (strcmp(r->levels[i], level) == 0)
			return true;
	}
	return false;
}

static json_t *
levels_json(const profile *p)
{
	json_t *levels = json_object();

	for (size_t i = 0; i < p->level_count; i++)
		json_object_set_new(levels, p->levels[i].level,
		    json_integer((json_int_t)p->levels[i].count));
	return levels;
}

static char *
levels_text(const profile *p)
{
	strbuf list = { 0 };

	for (size_t i = 0; i < p->level_count; i++)
		strbuf_join(&list, ", ",
		    *p->levels[i].level ? p->levels[i].level : "(none)");
	char *text = strbuf_take(&list);
	if (*text == '\0') {
		free(text);
		text = xstrdup("(none)");
	}
	return text;
}

/* The first line of a level, from the emoji table that saw them all. */
static void
level_example(compare_dimension *d, const profile *p, const char *level)
{
	for (size_t i = 0; i < p->use_count; i++) {
		if (strcmp(p->uses[i].level, level) == 0) {
			char *note = xasprintf("level %s", level);
			dimension_example(d, p->uses[i].file, p->uses[i].line,
			    p->uses[i].text, note);
			free(note);
			return;
		}
	}
}

static void
compare_levels(compare_dimension *d, const rules *r, const profile *ref,
    const profile *cand)
{
	size_t unknown = 0, unused = 0;

	d->reference = levels_text(ref);
	d->candidate = levels_text(cand);
	d->reference_json = json_pack("{so}", "levels", levels_json(ref));
	d->candidate_json = json_pack("{so}", "levels", levels_json(cand));
	if (r->level_count > 0) {
		json_t *allowed = json_array();
		for (size_t i = 0; i < r->level_count; i++)
			json_array_append_new(allowed,
			    json_string(r->levels[i]));
		json_object_set_new(d->reference_json, "allowed", allowed);
	}
	for (size_t i = 0; i < cand->level_count; i++) {
		const profile_level *l = &cand->levels[i];
		if (!level_allowed(r, ref, l->level)) {
			unknown++;
			dimension_evidence(d, "%s (%llu message%s) is not a "
			    "reference level", l->level,
			    (unsigned long long)l->count,
			    l->count == 1 ? "" : "s");
			level_example(d, cand, l->level);
		}
	}
	for (size_t i = 0; i < ref->level_count; i++) {
		if (!level_in(cand, ref->levels[i].level))
			unused++;
	}
	if (unknown > 0) {
		strbuf list = { 0 };
		for (size_t i = 0; i < cand->level_count; i++) {
			const char *level = cand->levels[i].level;
			if (!level_allowed(r, ref, level))
				strbuf_join(&list, ", ", *level ? level : "(none)");
		}
		char *tokens = strbuf_take(&list);
		dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate uses %s, "
		    "which the reference does not", tokens);
		free(tokens);
		return;
	}
	if (unused == 0 && cand->level_count == ref->level_count)
		dimension_set(d, VERDICT_IDENTICAL, "both use %s", d->reference);
	else
		dimension_set(d, VERDICT_CONSISTENT, "the candidate's levels "
		    "(%s) are among the reference's", d->candidate);
}

static const char *
pairing_of(const profile *p)
{
	return p->report->captures[0].pairing;
}

/* What the log lines of a side do across streams, in a few words. */
static char *
streams_text(const rules *r, const profile *p)
{
	uint64_t out = p->stream_lines[LC_STREAM_STDOUT];
	uint64_t err = p->stream_lines[LC_STREAM_STDERR];
	uint64_t unpaired = category_count(p->report, "stream-pairing");

	if (r->streams == STREAMS_BOTH && strcmp(pairing_of(p), "checked") == 0 &&
	    out > 0 && err > 0)
		return unpaired == 0 ? xstrdup("stdout + stderr, paired") :
		    xasprintf("stdout + stderr, %llu unpaired",
		    (unsigned long long)unpaired);
	if (out > 0 && err > 0)
		return xstrdup("stdout + stderr");
	if (out > 0)
		return xstrdup("log lines on stdout only");
	if (err > 0)
		return xstrdup("log lines on stderr only");
	return xstrdup("unknown stream");
}

static void
compare_streams(compare_dimension *d, const rules *r, const profile *ref,
    const profile *cand)
{
	uint64_t unpaired = category_count(cand->report, "stream-pairing");
	uint64_t policy = category_count(cand->report, "stream-policy");

	d->reference = streams_text(r, ref);
	d->candidate = streams_text(r, cand);
	d->reference_json = json_pack("{ss sI sI ss}", "streams", d->reference,
	    "stdout", (json_int_t)ref->stream_lines[LC_STREAM_STDOUT],
	    "stderr", (json_int_t)ref->stream_lines[LC_STREAM_STDERR],
	    "pairing", pairing_of(ref));
	d->candidate_json = json_pack("{ss sI sI ss sI}", "streams",
	    d->candidate, "stdout",
	    (json_int_t)cand->stream_lines[LC_STREAM_STDOUT], "stderr",
	    (json_int_t)cand->stream_lines[LC_STREAM_STDERR], "pairing",
	    pairing_of(cand), "unpaired", (json_int_t)unpaired);
	if (cand->own_habits) {
		/* Its lines have another layout: compare the stream habits. */
		if (cand->own.streams == r->streams)
			dimension_set(d, VERDICT_IDENTICAL, "the same stream "
			    "policy (in another layout)");
		else
			dimension_set(d, r->streams == STREAMS_ANY ?
			    VERDICT_DIFFERENT : VERDICT_INCOMPATIBLE, "the "
			    "candidate's log lines do not follow the reference's "
			    "stream policy");
		return;
	}
	if (r->streams == STREAMS_BOTH && strcmp(pairing_of(ref), "checked") == 0 &&
	    strcmp(pairing_of(cand), "checked") != 0) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "the reference writes every "
		    "log line to stdout and stderr; the candidate's pairing was "
		    "%s", pairing_of(cand));
		return;
	}
	if (unpaired > category_count(ref->report, "stream-pairing")) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "%llu candidate log "
		    "line%s not on both streams with the same text, in the same "
		    "order", (unsigned long long)unpaired,
		    unpaired == 1 ? " is" : "s are");
		dimension_findings(d, cand, "stream-pairing");
		return;
	}
	if (policy > category_count(ref->report, "stream-policy")) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "%llu candidate log "
		    "line%s on a stream the format excludes",
		    (unsigned long long)policy, policy == 1 ? " is" : "s are");
		dimension_findings(d, cand, "stream-policy");
		return;
	}
	if (strcmp(d->reference, d->candidate) == 0)
		dimension_set(d, VERDICT_IDENTICAL, "both: %s", d->reference);
	else
		dimension_set(d, VERDICT_DIFFERENT, "the reference: %s; the "
		    "candidate: %s", d->reference, d->candidate);
}

/*
 * The flush dimension is incompatible only when the candidate's lateness
 * is clearly a habit, not one slow line: at least COMPARE_FLUSH_MIN_LATE
 * late twins, at least COMPARE_FLUSH_MIN_SHARE of its twins, and a share
 * at least COMPARE_FLUSH_MARGIN above the reference's.  check still gives
 * every late line its finding.
 */
#define COMPARE_FLUSH_MIN_LATE 3
#define COMPARE_FLUSH_MIN_SHARE 0.10
#define COMPARE_FLUSH_MARGIN 0.10

static const report_flush *
flush_of(const profile *p)
{
	return &p->report->captures[0].flush;
}

/* What a side's arrival times show, in a few words. */
static char *
flush_text(const report_flush *f)
{
	if (f->pairs == 0)
		return xstrdup("arrival times unknown");
	uint64_t late = f->late[0] + f->late[1];
	if (late == 0)
		return xasprintf("%llu twins, none late",
		    (unsigned long long)f->pairs);
	int worse = f->max_delay_ns[1] > f->max_delay_ns[0];
	char *delay = report_duration(f->max_delay_ns[worse]);
	char *text = xasprintf("%llu of %llu twins late, %s up to %s after "
	    "%s", (unsigned long long)late, (unsigned long long)f->pairs,
	    worse ? "stderr" : "stdout", delay, worse ? "stdout" : "stderr");
	free(delay);
	return text;
}

static json_t *
flush_json(const report_flush *f)
{
	if (f->pairs == 0)
		return json_pack("{sb}", "checked", 0);
	return json_pack("{sb sI sI sI sI sI sI}", "checked", 1,
	    "bound_ms", (json_int_t)(f->bound_ns / 1000000),
	    "twins", (json_int_t)f->pairs,
	    "late_stdout", (json_int_t)f->late[0],
	    "late_stderr", (json_int_t)f->late[1],
	    "max_delay_stdout_ms", (json_int_t)(f->max_delay_ns[0] / 1000000),
	    "max_delay_stderr_ms", (json_int_t)(f->max_delay_ns[1] / 1000000));
}

/*
 * Flush timing: do the candidate's twins arrive together, as the
 * reference's do?  Only captures with arrival times (container logs) say.
 */
static void
compare_flush(compare_dimension *d, const rules *r, const profile *ref,
    const profile *cand)
{
	const report_flush *rf = flush_of(ref), *cf = flush_of(cand);
	uint64_t ref_late = rf->late[0] + rf->late[1];
	uint64_t cand_late = cf->late[0] + cf->late[1];

	d->reference = flush_text(rf);
	d->candidate = flush_text(cf);
	d->reference_json = flush_json(rf);
	d->candidate_json = flush_json(cf);
	if (rules_severity_of(r, "flush-timing", SEVERITY_ERROR) ==
	    SEVERITY_OFF) {
		dimension_set(d, VERDICT_NOT_CHECKED, "flush-timing is off in "
		    "the rules");
		return;
	}
	/* Only twins are timed: without pairing there are none. */
	if (r->streams != STREAMS_BOTH) {
		dimension_set(d, VERDICT_NOT_CHECKED, "the rules do not pair "
		    "the streams (streams: %s), so no twins are timed",
		    r->streams == STREAMS_STDOUT ? "stdout" :
		    r->streams == STREAMS_STDERR ? "stderr" : "any");
		return;
	}
	if (rf->pairs == 0 || cf->pairs == 0) {
		const profile *side = rf->pairs == 0 ? ref : cand;
		const char *pairing = side->report->captures[0].pairing;
		if (pairing != NULL && strncmp(pairing, "not checked: ", 13) == 0)
			dimension_set(d, VERDICT_NOT_CHECKED, "no twins on %s: "
			    "stream pairing %s", side == ref ? "the reference" :
			    "the candidate", pairing);
		else
			dimension_set(d, VERDICT_NOT_CHECKED, "arrival times "
			    "are unknown for %s", rf->pairs == 0 ?
			    cf->pairs == 0 ? "both sides" : "the reference" :
			    "the candidate");
		return;
	}
	char *bound = report_duration(cf->bound_ns);
	dimension_evidence(d, "the bound: a line may arrive %s after its twin",
	    bound);
	double ref_share = (double)ref_late / (double)rf->pairs;
	double cand_share = (double)cand_late / (double)cf->pairs;
	if (cand_late >= COMPARE_FLUSH_MIN_LATE &&
	    cand_share >= COMPARE_FLUSH_MIN_SHARE &&
	    cand_share >= ref_share + COMPARE_FLUSH_MARGIN) {
		if (ref_late == 0)
			dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate: "
			    "%s; the reference's twins all arrive within %s",
			    d->candidate, bound);
		else
			dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate: "
			    "%s; the reference: %s", d->candidate,
			    d->reference);
		dimension_findings(d, cand, "flush-timing");
	} else if (cand_late > 0 && cand_share > ref_share)
		dimension_set(d, VERDICT_DIFFERENT, "the candidate has more "
		    "late twins, short of a habit (%d late, %d%% of its twins "
		    "and %d points above the reference): %s; the reference: "
		    "%s", COMPARE_FLUSH_MIN_LATE,
		    (int)(COMPARE_FLUSH_MIN_SHARE * 100),
		    (int)(COMPARE_FLUSH_MARGIN * 100), d->candidate,
		    d->reference);
	else if (cand_late > 0 || ref_late > 0)
		dimension_set(d, VERDICT_CONSISTENT, "the candidate has no more "
		    "late twins than the reference: %s; the reference: %s",
		    d->candidate, d->reference);
	else
		dimension_set(d, VERDICT_IDENTICAL, "every twin arrives within "
		    "%s on both", bound);
	free(bound);
}

/* Emoji vocabulary across both sides, with the level each mostly leads. */
static void
compare_emoji_table(compare_result *result, const profile *sides[2])
{
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < sides[s]->use_count; i++) {
			const profile_emoji_use *u = &sides[s]->uses[i];
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
				const profile_emoji_use *u = &sides[s]->uses[i];
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
uses_of(const profile *p, const char *emoji, const char *level)
{
	for (size_t i = 0; i < p->use_count; i++) {
		if (strcmp(p->uses[i].emoji, emoji) == 0 &&
		    strcmp(p->uses[i].level, level) == 0)
			return p->uses[i].count;
	}
	return 0;
}

static void
compare_emoji_habit(compare_dimension *d, compare_result *result, const rules *r,
    const profile *ref, const profile *cand)
{
	double ref_share = share(ref->emoji_led, ref->messages);
	double cand_share = share(cand->emoji_led, cand->messages);
	double marker_share = share(cand->text_marked, cand->messages);
	size_t shared = 0, added = 0, dropped = 0, mispaired = 0;
	uint64_t check_findings = 0;

	d->reference = xasprintf("%.0f%% of messages emoji-led",
	    100.0 * ref_share);
	d->candidate = xasprintf("%.0f%% of messages emoji-led",
	    100.0 * cand_share);
	d->reference_json = json_pack("{sf sI}", "emoji_led_share", ref_share,
	    "messages", (json_int_t)ref->messages);
	d->candidate_json = json_pack("{sf sI sI}", "emoji_led_share",
	    cand_share, "messages", (json_int_t)cand->messages,
	    "text_marked", (json_int_t)cand->text_marked);
	json_t *new_emoji = json_array(), *missing_emoji = json_array();
	for (size_t k = 0; k < result->emoji_count; k++) {
		const compare_emoji *e = &result->emoji[k];
		if (e->count[0] > 0 && e->count[1] > 0)
			shared++;
		else if (e->count[1] > 0) {
			added++;
			json_array_append_new(new_emoji, json_string(e->emoji));
		} else {
			dropped++;
			json_array_append_new(missing_emoji,
			    json_string(e->emoji));
		}
	}
	json_object_set_new(d->candidate_json, "new_emoji", new_emoji);
	json_object_set_new(d->candidate_json, "missing_emoji", missing_emoji);
	dimension_evidence(d, "vocabulary: %zu shared, %zu only in the "
	    "candidate, %zu only in the reference", shared, added, dropped);

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
			const profile_emoji_use *u = &cand->uses[i];
			/* A level the reference lacks is the levels' finding. */
			if (strcmp(u->emoji, e->emoji) != 0 ||
			    strcmp(u->level, e->level[0]) == 0 ||
			    uses_of(ref, u->emoji, u->level) > 0 ||
			    !level_allowed(r, ref, u->level))
				continue;
			mispaired++;
			dimension_evidence(d, "%s leads %s in the reference, but "
			    "%s in the candidate (%llu message%s)", e->emoji,
			    e->level[0], u->level, (unsigned long long)u->count,
			    u->count == 1 ? "" : "s");
			char *note = xasprintf("%s on %s", e->emoji, u->level);
			dimension_example(d, u->file, u->line, u->text, note);
			free(note);
		}
	}
	/* The rules' own checks on the emoji field count here too. */
	for (size_t i = 0; i < r->check_count; i++) {
		bool on_emoji = false;
		for (size_t k = 0; k < r->checks[i].when_count; k++)
			on_emoji |= strcmp(r->checks[i].when[k].field,
			    "emoji") == 0;
		if (on_emoji && r->checks[i].severity == SEVERITY_ERROR) {
			uint64_t n = category_count(cand->report,
			    r->checks[i].id);
			if (n > category_count(ref->report, r->checks[i].id)) {
				check_findings += n;
				dimension_evidence(d, "%llu candidate lines break "
				    "the check %s", (unsigned long long)n,
				    r->checks[i].id);
				dimension_findings(d, cand, r->checks[i].id);
			}
		}
	}
	uint64_t policy = category_count(cand->report, "emoji");
	if (policy > category_count(ref->report, "emoji")) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "%llu candidate messages "
		    "break the format's emoji policy", (unsigned long long)policy);
		dimension_findings(d, cand, "emoji");
		return;
	}
	if (ref_share >= EMOJI_HABIT_MIN &&
	    cand_share < EMOJI_DROP_FACTOR * ref_share) {
		if (marker_share >= TEXT_MARKER_SHARE) {
			dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate "
			    "leads %.0f%% of messages with text markers such as "
			    "%s where the reference leads %.0f%% with emoji",
			    100.0 * marker_share, cand->marker, 100.0 * ref_share);
			dimension_example(d, cand->marker_file, cand->marker_line,
			    cand->marker_text, "a text marker");
		} else
			dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate "
			    "dropped the leading emoji: %.0f%% of messages against "
			    "the reference's %.0f%%", 100.0 * cand_share,
			    100.0 * ref_share);
		return;
	}
	if (mispaired > 0 || check_findings > 0) {
		dimension_set(d, VERDICT_INCOMPATIBLE, "the candidate pairs "
		    "emoji with other levels than the reference");
		return;
	}
	size_t all = shared + added + dropped;
	double close = cand_share - ref_share;
	if (close < 0)
		close = -close;
	if (added == 0 && dropped == 0 && close <= EMOJI_SHARE_SLACK)
		dimension_set(d, VERDICT_IDENTICAL, "the same emoji, on a "
		    "similar share of messages");
	else if (close <= EMOJI_SHARE_SLACK &&
	    (share(shared, all) >= VOCABULARY_CONSISTENT || all == 0))
		dimension_set(d, VERDICT_CONSISTENT, "the same habit and the "
		    "same emoji for the same levels; %zu of %zu emoji shared, "
		    "%zu new in the candidate", shared, all, added);
	else
		dimension_set(d, VERDICT_DIFFERENT, "an emoji-led habit on "
		    "%.0f%% of messages against %.0f%%, %zu of %zu emoji "
		    "shared", 100.0 * cand_share, 100.0 * ref_share, shared,
		    all);
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

static void
compare_templates(compare_dimension *d, compare_result *result,
    const profile *sides[2])
{
	size_t shared = 0, only[2] = { 0, 0 };
	templates_entry e;

	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; templates_get(sides[s]->miner, i, &e); i++)
			compare_template_add(result, s, &e);
	}
	qsort(result->templates, result->template_count,
	    sizeof *result->templates, template_order);
	for (size_t i = 0; i < result->template_count; i++) {
		int rank = template_rank(&result->templates[i]);
		if (rank == 0)
			shared++;
		else
			only[rank - 1]++;
	}
	d->reference = xasprintf("%zu templates",
	    templates_count(sides[0]->miner));
	d->candidate = xasprintf("%zu templates",
	    templates_count(sides[1]->miner));
	d->reference_json = json_pack("{sI sI sb}", "templates",
	    (json_int_t)templates_count(sides[0]->miner), "only_here",
	    (json_int_t)only[0], "capped", templates_capped(sides[0]->miner));
	d->candidate_json = json_pack("{sI sI sb}", "templates",
	    (json_int_t)templates_count(sides[1]->miner), "only_here",
	    (json_int_t)only[1], "capped", templates_capped(sides[1]->miner));
	dimension_evidence(d, "%zu shared templates, %zu only in the reference, "
	    "%zu only in the candidate", shared, only[0], only[1]);
	for (int s = 0; s < 2; s++) {
		if (templates_capped(sides[s]->miner))
			dimension_evidence(d, "the %s reached the cap on "
			    "templates; the rest were counted, not mined",
			    s == 0 ? "reference" : "candidate");
	}
	/* A message that only changed its level or emoji is not new. */
	size_t moved = 0;
	for (size_t i = 0; i < result->template_count; i++) {
		const compare_template *t = &result->templates[i];
		if (template_rank(t) != 2)
			continue;
		for (size_t k = 0; k < result->template_count; k++) {
			const compare_template *o = &result->templates[k];
			if (template_rank(o) == 1 && strcmp(o->text, t->text) == 0) {
				moved++;
				break;
			}
		}
	}
	if (moved > 0)
		dimension_evidence(d, "%zu of the candidate's templates are the "
		    "reference's messages with another level or emoji", moved);
	size_t all = shared + only[0] + only[1] - moved;
	if (only[0] == 0 && only[1] == 0)
		dimension_set(d, VERDICT_IDENTICAL, "the same %zu message "
		    "templates", shared);
	else if (moved > 0 && share(shared + moved, all) >= OVERLAP_CONSISTENT)
		dimension_set(d, share(shared, all) >= OVERLAP_CONSISTENT ?
		    VERDICT_CONSISTENT : VERDICT_DIFFERENT, "the same messages; "
		    "%zu of them with another level or emoji (see the levels "
		    "and emoji dimensions)", moved);
	else if (share(shared, all) >= OVERLAP_CONSISTENT)
		dimension_set(d, VERDICT_CONSISTENT, "mostly the same messages "
		    "(%zu shared of %zu); the rest differ in content", shared,
		    all);
	else
		dimension_set(d, VERDICT_DIFFERENT, "different messages (%zu "
		    "shared of %zu): a difference in content, not in format",
		    shared, all);
}

int
compare_run(const rules *given, const capture *reference,
    const capture *candidate, compare_result *result, char **cause)
{
	const rules *r = given;
	rules *inferred = NULL;
	profile sides[2];
	int status = -1;

	memset(result, 0, sizeof *result);
	memset(sides, 0, sizeof sides);
	infer_format reference_format;
	bool reference_known = false;
	if (r == NULL) {
		inferred = profile_infer_rules(reference, "inferred",
		    &result->rules_yaml, &reference_format, cause);
		if (inferred == NULL)
			goto out;
		r = inferred;
		reference_known = true;	/* no need to infer it again */
	}
	/* Profiles of keys are to come: no line pattern to profile yet. */
	if (r->decode != RULES_DECODE_TEXT) {
		*cause = xasprintf("%s: compare takes text rules only, not "
		    "'decode: %s'", r->path, r->decode == RULES_DECODE_JSON ?
		    "json" : "logfmt");
		goto out;
	}
	result->rules_name = xstrdup(r->format);
	result->rules_path = inferred == NULL ? xstrdup(r->path) : NULL;
	/* Findings are kept whole: they are the examples. */
	if (profile_build(r, reference, 0, reference_known ?
	    &reference_format : NULL, &sides[0], cause) != 0 ||
	    profile_build(r, candidate, 0, NULL, &sides[1], cause) != 0)
		goto out;

	const profile *both[2] = { &sides[0], &sides[1] };
	for (int d = 0; d < DIMENSION_COUNT; d++)
		result->dimensions[d].name = dimension_names[d];
	compare_line_format(&result->dimensions[DIMENSION_LINE_FORMAT], r,
	    &sides[0], &sides[1]);
	compare_timestamp(&result->dimensions[DIMENSION_TIMESTAMP], r,
	    &sides[0], &sides[1]);
	compare_levels(&result->dimensions[DIMENSION_LEVELS], r, &sides[0],
	    &sides[1]);
	compare_streams(&result->dimensions[DIMENSION_STREAMS], r, &sides[0],
	    &sides[1]);
	compare_emoji_table(result, both);
	compare_emoji_habit(&result->dimensions[DIMENSION_EMOJI], result, r,
	    &sides[0], &sides[1]);
	compare_templates(&result->dimensions[DIMENSION_TEMPLATES], result,
	    both);

	compare_flush(&result->dimensions[DIMENSION_FLUSH], r, &sides[0],
	    &sides[1]);

	result->verdict = VERDICT_IDENTICAL;
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		if (result->dimensions[d].verdict == VERDICT_NOT_CHECKED)
			continue;
		if (result->dimensions[d].verdict > result->verdict)
			result->verdict = result->dimensions[d].verdict;
	}
	result->compatible = result->verdict != VERDICT_INCOMPATIBLE;
	for (int s = 0; s < 2; s++) {
		compare_side *side = &result->sides[s];
		profile *p = &sides[s];
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
	profile_free(&sides[0]);
	profile_free(&sides[1]);
	rules_free(inferred);
	return status;
}

void
compare_result_free(compare_result *result)
{
	if (result == NULL)
		return;
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		compare_dimension *dim = &result->dimensions[d];
		free(dim->summary);
		free(dim->reference);
		free(dim->candidate);
		for (size_t i = 0; i < dim->evidence_count; i++)
			free(dim->evidence[i]);
		free(dim->evidence);
		for (size_t i = 0; i < dim->example_count; i++) {
			free(dim->examples[i].file);
			free(dim->examples[i].text);
			free(dim->examples[i].note);
		}
		free(dim->examples);
		json_decref(dim->reference_json);
		json_decref(dim->candidate_json);
	}
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
