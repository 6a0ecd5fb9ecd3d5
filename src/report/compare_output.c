/*
 * compare_output: text, Markdown, JSON and JUnit renderings of a
 * comparison, worded from its facts; see compare_output.h.
 */
#include "config.h"

#include "report/compare_output.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "learn/keyschema.h"
#include "report/render.h"
#include "util/colour.h"
#include "util/jsonutil.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/* Rows of each template and emoji list in Markdown; JSON lists them all. */
#define COMPARE_OUTPUT_LIST_MAX 20

enum {
	REFERENCE_SIDE = COMPARE_REFERENCE, CANDIDATE_SIDE = COMPARE_CANDIDATE
};

/* Where a template was seen, from its counts. */
typedef enum {
	TEMPLATE_SHARED, TEMPLATE_REFERENCE_ONLY, TEMPLATE_CANDIDATE_ONLY
} compare_output_presence;

/* How a piece of untrusted text is written. */
typedef enum {
	SHOW_TERMINAL,		/* one terminal line */
	SHOW_MARKDOWN,		/* Markdown text, punctuation escaped */
	SHOW_CELL,		/* the same in a table cell: | too */
	SHOW_CODE,		/* inside a code span */
	SHOW_CODE_CELL,		/* inside a code span in a table cell */
	SHOW_BLOCK,		/* inside a fenced block: lines kept */
	SHOW_XML_TEXT,
	SHOW_XML_ATTRIBUTE,
} compare_output_show;

/* Counts of a side whose report is missing read as zero. */
static const report compare_output_no_report;

static const char *
compare_output_verdict_mark(compare_verdict verdict)
{
	switch (verdict) {
	case VERDICT_IDENTICAL:
	case VERDICT_CONSISTENT:
		return "\u2705";
	case VERDICT_DIFFERENT:
		return "\u26a0\ufe0f";
	case VERDICT_NOT_CHECKED:
		return "\u2796";
	case VERDICT_INCOMPATIBLE:
		break;
	}
	return "\u274c";
}

static const char *
compare_output_verdict_color(compare_verdict verdict)
{
	switch (verdict) {
	case VERDICT_IDENTICAL:
	case VERDICT_CONSISTENT:
		return SGR_GREEN;
	case VERDICT_DIFFERENT:
		return SGR_YELLOW;
	case VERDICT_NOT_CHECKED:
		return "";
	case VERDICT_INCOMPATIBLE:
		break;
	}
	return SGR_RED;
}

bool
compare_output_parse_format(const char *name, compare_format *format)
{
	if (strcmp(name, "text") == 0)
		*format = COMPARE_TEXT;
	else if (strcmp(name, "markdown") == 0)
		*format = COMPARE_MARKDOWN;
	else if (strcmp(name, "json") == 0)
		*format = COMPARE_JSON;
	else if (strcmp(name, "junit") == 0)
		*format = COMPARE_JUNIT;
	else if (strcmp(name, "sarif") == 0)
		*format = COMPARE_SARIF;
	else if (strcmp(name, "github") == 0)
		*format = COMPARE_GITHUB;
	else if (strcmp(name, "html") == 0)
		*format = COMPARE_HTML;
	else
		return false;
	return true;
}

static const char *
compare_output_or(const char *text, const char *fallback)
{
	return text != NULL ? text : fallback;
}

/* Whether text has something to show: NULL and "" do not. */
static bool
compare_output_has(const char *text)
{
	return text != NULL && *text != '\0';
}

static const report *
compare_output_report(const compare_side *side)
{
	return side->report != NULL ? side->report : &compare_output_no_report;
}

/*
 * What a dimension says, worded from its facts: the verdict's reason, each
 * side in a few words, the evidence with counts and a note per example.
 * Every renderer writes the same words.
 */
typedef struct {
	char *summary;
	char *side[2];		/* the reference, the candidate */
	char **evidence;
	size_t evidence_count;
	char *notes[COMPARE_EXAMPLES_MAX];	/* per example, or NULL */
} compare_output_words;

static void
compare_output_summary(compare_output_words *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
compare_output_summary(compare_output_words *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	w->summary = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
compare_output_evidence(compare_output_words *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
compare_output_evidence(compare_output_words *w, const char *fmt, ...)
{
	va_list ap;

	w->evidence = xreallocarray(w->evidence, w->evidence_count + 1,
	    sizeof *w->evidence);
	va_start(ap, fmt);
	w->evidence[w->evidence_count++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static const char *
compare_output_plural(uint64_t count)
{
	return count == 1 ? "" : "s";
}

static const char *
compare_output_side_name(int side)
{
	return side == REFERENCE_SIDE ? "the reference" : "the candidate";
}

/* The records a structured format reads: "JSON", "logfmt". */
static const char *
compare_output_decode_name(rules_decode decode)
{
	return decode == RULES_DECODE_JSON ? "JSON" :
	    decode == RULES_DECODE_LOGFMT ? "logfmt" : "text";
}

static void
compare_output_words_line_format(compare_output_words *w,
    const compare_line_format_facts *f)
{
	const char *records = compare_output_decode_name(f->decode);
	bool keyed = f->decode != RULES_DECODE_TEXT;

	if (keyed) {
		/* A structured format has records, not a layout. */
		w->side[0] = f->skeleton[0] != NULL ? xstrdup(f->skeleton[0]) :
		    xasprintf("%s records", records);
		w->side[1] = f->skeleton[1] != NULL ? xstrdup(f->skeleton[1]) :
		    f->log_lines[1] > 0 ? xasprintf("%s records", records) :
		    xasprintf("(no %s records)", records);
		compare_output_evidence(w, "%llu of the candidate's %llu "
		    "line%s decode as %s records; %llu foreign",
		    (unsigned long long)f->log_lines[1],
		    (unsigned long long)f->lines,
		    compare_output_plural(f->lines), records,
		    (unsigned long long)f->foreign);
		if (f->syntax[0] > 0 || f->syntax[1] > 0)
			compare_output_evidence(w, "%s that do not decode: "
			    "%llu in the reference, %llu in the candidate",
			    records, (unsigned long long)f->syntax[0],
			    (unsigned long long)f->syntax[1]);
	} else {
		w->side[0] = xstrdup(f->skeleton[0] != NULL ? f->skeleton[0] :
		    f->pattern != NULL ? f->pattern : "");
		w->side[1] = xstrdup(f->skeleton[1] != NULL ? f->skeleton[1] :
		    "(no layout found)");
		compare_output_evidence(w, "%llu of the candidate's %llu "
		    "line%s have the reference layout; %llu foreign",
		    (unsigned long long)f->log_lines[1],
		    (unsigned long long)f->lines,
		    compare_output_plural(f->lines),
		    (unsigned long long)f->foreign);
	}
	/* What the foreign lines are instead, when they are records. */
	rules_decode other = f->foreign_as[RULES_DECODE_JSON] >=
	    f->foreign_as[RULES_DECODE_LOGFMT] ? RULES_DECODE_JSON :
	    RULES_DECODE_LOGFMT;
	char *instead = f->foreign_as[other] > 0 && other != f->decode ?
	    xasprintf("; %llu of its %llu line%s are %s records",
	    (unsigned long long)f->foreign_as[other],
	    (unsigned long long)f->lines, compare_output_plural(f->lines),
	    compare_output_decode_name(other)) : xstrdup("");
	switch (f->reason) {
	case LINE_FORMAT_NO_FIT:
		if (keyed)
			compare_output_summary(w, "no candidate line is a %s "
			    "record%s", records, instead);
		else
			compare_output_summary(w, "no candidate line has the "
			    "reference layout%s", instead);
		break;
	case LINE_FORMAT_FEW_FIT:
		compare_output_summary(w, "only %llu of the %llu lines in the "
		    "candidate's own layout (%s) have the reference layout",
		    (unsigned long long)f->log_lines[1],
		    (unsigned long long)f->own_layout_lines, w->side[1]);
		break;
	case LINE_FORMAT_FOREIGN_FAIL:
		compare_output_summary(w, "%llu foreign lines, and the rules "
		    "say foreign: fail", (unsigned long long)f->foreign);
		break;
	case LINE_FORMAT_SAME:
		compare_output_summary(w, "both write %s", w->side[0]);
		break;
	case LINE_FORMAT_RECORDS:
		compare_output_summary(w, "every line of both decodes as a %s "
		    "record", records);
		break;
	case LINE_FORMAT_FITS:
		if (keyed)
			compare_output_summary(w, "the candidate's log lines "
			    "decode as %s records", records);
		else
			compare_output_summary(w, "the candidate's log lines "
			    "fit the reference layout");
		break;
	}
	free(instead);
}

static void
compare_output_words_timestamp(compare_output_words *w,
    const compare_timestamp_facts *f)
{
	const char *format = compare_output_or(f->format, "(none)");

	w->side[0] = xstrdup(format);
	w->side[1] = xstrdup(compare_output_or(f->own[1], "(none)"));
	switch (f->reason) {
	case TIMESTAMP_ELSEWHERE_SAME:
		compare_output_summary(w, "both write %s (in another layout)",
		    format);
		return;
	case TIMESTAMP_ELSEWHERE_OTHER:
		compare_output_summary(w, "the candidate writes %s where the "
		    "reference writes %s", w->side[1], format);
		return;
	case TIMESTAMP_NONE:
		compare_output_summary(w, "the reference has no timestamp; the "
		    "candidate has %s", w->side[1]);
		return;
	case TIMESTAMP_NONE_SAME:
		compare_output_summary(w, "the rules read no timestamp; both "
		    "write %s", w->side[1]);
		return;
	case TIMESTAMP_ABSENT:
		compare_output_summary(w, "no candidate log line has a "
		    "timestamp; %llu of the reference's have %s",
		    (unsigned long long)f->timed[0], format);
		return;
	case TIMESTAMP_NOT_MATCHING:
		compare_output_summary(w, "%llu candidate log line%s "
		    "timestamps that do not match %s",
		    (unsigned long long)f->not_matching[1],
		    f->not_matching[1] == 1 ? " has" : "s have", format);
		return;
	case TIMESTAMP_MORE_NOT_MATCHING:
	case TIMESTAMP_HABIT:
		compare_output_summary(w, "timestamps that do not match %s "
		    "on %llu of the candidate's %llu log lines, %s %llu of the "
		    "reference's %llu", format,
		    (unsigned long long)f->not_matching[1],
		    (unsigned long long)f->log_lines[1],
		    f->reason == TIMESTAMP_HABIT ? "as on" : "against",
		    (unsigned long long)f->not_matching[0],
		    (unsigned long long)f->log_lines[0]);
		return;
	case TIMESTAMP_BACKWARDS:
		compare_output_summary(w, "same format, but %llu candidate "
		    "timestamps go backwards",
		    (unsigned long long)f->out_of_order[1]);
		break;
	case TIMESTAMP_SAME:
		compare_output_summary(w, "both write %s", format);
		break;
	case TIMESTAMP_PARSES:
		compare_output_summary(w, "the candidate's timestamps parse "
		    "as %s", format);
		break;
	}
	if (f->not_matching[1] == 0)
		compare_output_evidence(w, "every candidate timestamp parses "
		    "as %s", format);
}

/* "INFO, WARN": the levels of a list, "(none)" for a level or a list. */
static char *
compare_output_level_list(const compare_level *levels, size_t count)
{
	strbuf list = { 0 };

	for (size_t i = 0; i < count; i++)
		strbuf_join(&list, ", ", *levels[i].level ? levels[i].level :
		    "(none)");
	char *text = strbuf_take(&list);
	if (*text == '\0') {
		free(text);
		text = xstrdup("(none)");
	}
	return text;
}

static void
compare_output_words_levels(compare_output_words *w,
    const compare_levels_facts *f)
{
	char *unknown;

	for (int s = 0; s < 2; s++)
		w->side[s] = compare_output_level_list(f->levels[s],
		    f->level_count[s]);
	for (size_t i = 0; i < f->unknown_count; i++)
		compare_output_evidence(w, "%s (%llu message%s) is not a "
		    "reference level", f->unknown[i].level,
		    (unsigned long long)f->unknown[i].count,
		    compare_output_plural(f->unknown[i].count));
	switch (f->reason) {
	case LEVELS_UNKNOWN:
		unknown = compare_output_level_list(f->unknown,
		    f->unknown_count);
		compare_output_summary(w, "the candidate uses %s, which the "
		    "reference does not", unknown);
		free(unknown);
		break;
	case LEVELS_SAME:
		compare_output_summary(w, "both use %s", w->side[0]);
		break;
	case LEVELS_SUBSET:
		compare_output_summary(w, "the candidate's levels (%s) are "
		    "among the reference's", w->side[1]);
		break;
	}
}

/* What the log lines of a side do across streams, in a few words. */
static char *
compare_output_stream_habit(const compare_streams_facts *f, int side)
{
	switch (f->habit[side]) {
	case STREAM_HABIT_PAIRED:
		if (f->unpaired[side] == 0)
			return xstrdup("stdout + stderr, paired");
		return xasprintf("stdout + stderr, %llu unpaired",
		    (unsigned long long)f->unpaired[side]);
	case STREAM_HABIT_BOTH:
		return xstrdup("stdout + stderr");
	case STREAM_HABIT_STDOUT:
		return xstrdup("log lines on stdout only");
	case STREAM_HABIT_STDERR:
		return xstrdup("log lines on stderr only");
	case STREAM_HABIT_NONE:
		break;
	}
	return xstrdup("unknown stream");
}

static void
compare_output_words_streams(compare_output_words *w,
    const compare_streams_facts *f)
{
	for (int s = 0; s < 2; s++)
		w->side[s] = compare_output_stream_habit(f, s);
	switch (f->reason) {
	case STREAMS_ELSEWHERE_KEPT:
		compare_output_summary(w, "the same stream policy (in another "
		    "layout)");
		break;
	case STREAMS_ELSEWHERE_BROKEN:
		compare_output_summary(w, "the candidate's log lines do not "
		    "follow the reference's stream policy");
		break;
	case STREAMS_NOT_PAIRED:
		compare_output_summary(w, "the reference writes every log line "
		    "to stdout and stderr; the candidate's pairing was %s",
		    f->pairing[CANDIDATE_SIDE]);
		break;
	case STREAMS_UNPAIRED:
		compare_output_summary(w, "%llu candidate log line%s not on "
		    "both streams with the same text, in the same order",
		    (unsigned long long)f->unpaired[CANDIDATE_SIDE],
		    f->unpaired[CANDIDATE_SIDE] == 1 ? " is" : "s are");
		break;
	case STREAMS_EXCLUDED:
		compare_output_summary(w, "%llu candidate log line%s on a "
		    "stream the format excludes",
		    (unsigned long long)f->excluded,
		    f->excluded == 1 ? " is" : "s are");
		break;
	case STREAMS_SAME:
		compare_output_summary(w, "both: %s", w->side[0]);
		break;
	case STREAMS_OTHER:
		compare_output_summary(w, "the reference: %s; the candidate: "
		    "%s", w->side[0], w->side[1]);
		break;
	}
}

static void
compare_output_words_emoji(compare_output_words *w,
    const compare_emoji_facts *f)
{
	size_t all = f->shared + f->added + f->dropped;

	for (int s = 0; s < 2; s++)
		w->side[s] = xasprintf("%.0f%% of messages emoji-led",
		    100.0 * f->share[s]);
	compare_output_evidence(w, "vocabulary: %zu shared, %zu only in the "
	    "candidate, %zu only in the reference", f->shared, f->added,
	    f->dropped);
	for (size_t i = 0; i < f->move_count; i++) {
		const compare_emoji_move *m = &f->moves[i];
		compare_output_evidence(w, "%s leads %s in the reference, but "
		    "%s in the candidate (%llu message%s)", m->emoji,
		    m->level[0], m->level[1], (unsigned long long)m->count,
		    compare_output_plural(m->count));
	}
	for (size_t i = 0; i < f->break_count; i++)
		compare_output_evidence(w, "%llu candidate lines break the "
		    "check %s", (unsigned long long)f->breaks[i].count,
		    f->breaks[i].check);
	switch (f->reason) {
	case EMOJI_POLICY:
		compare_output_summary(w, "%llu candidate messages break the "
		    "format's emoji policy", (unsigned long long)f->policy);
		break;
	case EMOJI_MARKERS:
		compare_output_summary(w, "the candidate leads %.0f%% of "
		    "messages with text markers such as %s where the reference "
		    "leads %.0f%% with emoji", 100.0 * f->marker_share,
		    compare_output_or(f->marker, ""), 100.0 * f->share[0]);
		break;
	case EMOJI_DROPPED:
		compare_output_summary(w, "the candidate dropped the leading "
		    "emoji: %.0f%% of messages against the reference's %.0f%%",
		    100.0 * f->share[1], 100.0 * f->share[0]);
		break;
	case EMOJI_MOVED:
		compare_output_summary(w, "the candidate pairs emoji with "
		    "other levels than the reference");
		break;
	case EMOJI_SAME:
		compare_output_summary(w, "the same emoji, on a similar share "
		    "of messages");
		break;
	case EMOJI_ALIKE:
		compare_output_summary(w, "the same habit and the same emoji "
		    "for the same levels; %zu of %zu emoji shared, %zu new in "
		    "the candidate", f->shared, all, f->added);
		break;
	case EMOJI_OTHER:
		compare_output_summary(w, "an emoji-led habit on %.0f%% of "
		    "messages against %.0f%%, %zu of %zu emoji shared",
		    100.0 * f->share[1], 100.0 * f->share[0], f->shared, all);
		break;
	}
}

static void
compare_output_words_templates(compare_output_words *w,
    const compare_templates_facts *f)
{
	for (int s = 0; s < 2; s++)
		w->side[s] = xasprintf("%zu templates", f->count[s]);
	compare_output_evidence(w, "%zu shared templates, %zu only in the "
	    "reference, %zu only in the candidate", f->shared, f->only[0],
	    f->only[1]);
	for (int s = 0; s < 2; s++) {
		if (f->capped[s])
			compare_output_evidence(w, "the %s reached the cap on "
			    "templates; the rest were counted, not mined",
			    s == REFERENCE_SIDE ? "reference" : "candidate");
	}
	if (f->moved > 0)
		compare_output_evidence(w, "%zu of the candidate's templates "
		    "are the reference's messages with another level or emoji",
		    f->moved);
	switch (f->reason) {
	case TEMPLATES_SAME:
		compare_output_summary(w, "the same %zu message templates",
		    f->shared);
		break;
	case TEMPLATES_MOVED:
		compare_output_summary(w, "the same messages; %zu of them with "
		    "another level or emoji (see the levels and emoji "
		    "dimensions)", f->moved);
		break;
	case TEMPLATES_MOSTLY:
		compare_output_summary(w, "mostly the same messages (%zu "
		    "shared of %zu); the rest differ in content", f->shared,
		    f->all);
		break;
	case TEMPLATES_OTHER:
		compare_output_summary(w, "different messages (%zu shared of "
		    "%zu): a difference in content, not in format", f->shared,
		    f->all);
		break;
	}
}

/* What a side's arrival times show, in a few words. */
static char *
compare_output_flush_habit(const report_flush *f, bool timed)
{
	if (f->pairs == 0)
		return xstrdup(timed ? "no timed twins" :
		    "arrival times unknown");
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

static const char *
compare_output_policy_name(rules_streams policy)
{
	switch (policy) {
	case STREAMS_STDOUT:
		return "stdout";
	case STREAMS_STDERR:
		return "stderr";
	case STREAMS_BOTH:
		return "both";
	case STREAMS_ANY:
		break;
	}
	return "any";
}

static void
compare_output_words_flush(compare_output_words *w,
    const compare_flush_facts *f)
{
	const report_flush *ref = &f->flush[REFERENCE_SIDE];
	const report_flush *cand = &f->flush[CANDIDATE_SIDE];
	char *bound;

	for (int s = 0; s < 2; s++)
		w->side[s] = compare_output_flush_habit(&f->flush[s],
		    f->timed[s]);
	switch (f->reason) {
	case FLUSH_OFF:
		compare_output_summary(w, "flush-timing is off in the rules");
		return;
	case FLUSH_UNPAIRED_RULES:
		compare_output_summary(w, "the rules do not pair the streams "
		    "(streams: %s), so no twins are timed",
		    compare_output_policy_name(f->policy));
		return;
	case FLUSH_NO_TWINS:
		compare_output_summary(w, "no twins on %s: stream pairing %s",
		    compare_output_side_name(f->side),
		    compare_output_or(f->pairing, ""));
		return;
	case FLUSH_TIMES_UNKNOWN:
		compare_output_summary(w, "arrival times are unknown for %s",
		    f->side == 2 ? "both sides" : f->side == REFERENCE_SIDE ?
		    "the reference" : "the candidate");
		return;
	case FLUSH_NO_TIMED_TWINS:
		compare_output_summary(w, "no twins with both arrival times "
		    "on %s, though %s arrival times",
		    f->side == 2 ? "either side" :
		    compare_output_side_name(f->side),
		    f->side == 2 ? "both captures have" : "the capture has");
		return;
	default:
		break;
	}
	bound = report_duration(cand->bound_ns);
	compare_output_evidence(w, "the bound: a line may arrive %s after its "
	    "twin", bound);
	switch (f->reason) {
	case FLUSH_HABIT:
		if (ref->late[0] + ref->late[1] == 0)
			compare_output_summary(w, "the candidate: %s; the "
			    "reference's twins all arrive within %s",
			    w->side[1], bound);
		else
			compare_output_summary(w, "the candidate: %s; the "
			    "reference: %s", w->side[1], w->side[0]);
		break;
	case FLUSH_SHORT_OF_HABIT:
		compare_output_summary(w, "the candidate has more late twins, "
		    "short of a habit (%d late, %d%% of its twins and %d "
		    "points above the reference): %s; the reference: %s",
		    COMPARE_FLUSH_MIN_LATE,
		    (int)(COMPARE_FLUSH_MIN_SHARE * 100),
		    (int)(COMPARE_FLUSH_MARGIN * 100), w->side[1], w->side[0]);
		break;
	case FLUSH_NO_MORE_LATE:
		compare_output_summary(w, "the candidate has no more late "
		    "twins than the reference: %s; the reference: %s",
		    w->side[1], w->side[0]);
		break;
	default:
		compare_output_summary(w, "every twin arrives within %s on "
		    "both", bound);
		break;
	}
	free(bound);
}

/* "time-secfrac (24), version (25)": ids of counts that pass keep. */
static char *
compare_output_check_list(const compare_checks_facts *f,
    bool (*keep)(const compare_checks_facts *, const compare_check_count *))
{
	strbuf list = { 0 };

	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		if (!keep(f, c))
			continue;
		char *item = c->count[0] > 0 ? xasprintf("%s (%llu against "
		    "%llu)", c->id, (unsigned long long)c->count[1],
		    (unsigned long long)c->count[0]) : xasprintf("%s (%llu)",
		    c->id, (unsigned long long)c->count[1]);
		strbuf_join(&list, ", ", item);
		free(item);
	}
	return strbuf_take(&list);
}

static bool
compare_output_new_error(const compare_checks_facts *f,
    const compare_check_count *c)
{
	(void)f;
	return c->judged_by == NULL && c->count[1] > 0 && c->count[0] == 0 &&
	    c->severity == SEVERITY_ERROR;
}

static bool
compare_output_new_warning(const compare_checks_facts *f,
    const compare_check_count *c)
{
	(void)f;
	return c->judged_by == NULL && c->count[1] > 0 && c->count[0] == 0 &&
	    c->severity != SEVERITY_ERROR;
}

static bool
compare_output_more_error(const compare_checks_facts *f,
    const compare_check_count *c)
{
	return c->judged_by == NULL && c->count[0] > 0 &&
	    c->severity == SEVERITY_ERROR && f->log_lines[0] > 0 &&
	    f->log_lines[1] > 0 && (double)c->count[1] /
	    (double)f->log_lines[1] > COMPARE_CHECKS_MORE_FACTOR *
	    (double)c->count[0] / (double)f->log_lines[0];
}

static const char *
compare_output_severity_name(rules_severity severity)
{
	return severity == SEVERITY_ERROR ? "error" :
	    severity == SEVERITY_WARNING ? "warning" : "off";
}

static void
compare_output_words_checks(compare_output_words *w,
    const compare_checks_facts *f)
{
	size_t checks = 0, judged = 0;
	char *list;

	for (int s = 0; s < 2; s++)
		w->side[s] = xasprintf("%llu error%s, %llu warning%s",
		    (unsigned long long)f->errors[s],
		    compare_output_plural(f->errors[s]),
		    (unsigned long long)f->warnings[s],
		    compare_output_plural(f->warnings[s]));
	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		checks += c->check;
		if (c->count[0] == 0 && c->count[1] == 0)
			continue;
		if (c->judged_by != NULL) {
			judged++;
			compare_output_evidence(w, "%s (%s): %llu in the "
			    "reference, %llu in the candidate; judged under "
			    "%s", c->id, compare_output_severity_name(
			    c->severity), (unsigned long long)c->count[0],
			    (unsigned long long)c->count[1], c->judged_by);
		} else
			compare_output_evidence(w, "%s (%s%s): %llu in the "
			    "reference, %llu in the candidate", c->id,
			    c->check ? "check, " : "",
			    compare_output_severity_name(c->severity),
			    (unsigned long long)c->count[0],
			    (unsigned long long)c->count[1]);
	}
	switch (f->reason) {
	case CHECKS_NEW_ERRORS:
		list = compare_output_check_list(f, compare_output_new_error);
		compare_output_summary(w, "the candidate fails %s, which the "
		    "reference passes", list);
		free(list);
		break;
	case CHECKS_NEW_WARNINGS:
		list = compare_output_check_list(f, compare_output_new_warning);
		compare_output_summary(w, "the candidate has warnings the "
		    "reference does not: %s", list);
		free(list);
		break;
	case CHECKS_MORE_ERRORS:
		list = compare_output_check_list(f, compare_output_more_error);
		compare_output_summary(w, "the candidate fails on a larger "
		    "share of its log lines: %s", list);
		free(list);
		break;
	case CHECKS_SAME_IDS:
		compare_output_summary(w, "the candidate's findings are of "
		    "the ids the reference has too");
		break;
	case CHECKS_CLEAN:
		if (judged > 0)
			compare_output_summary(w, "no finding on either side "
			    "besides those the other dimensions judge");
		else if (checks > 0)
			compare_output_summary(w, "the rules' %zu check%s pass "
			    "on both; no finding on either side", checks,
			    compare_output_plural(checks));
		else
			compare_output_summary(w, "no finding on either side");
		break;
	}
}

/* Keys named in a summary or evidence line; JSON lists them all. */
#define COMPARE_OUTPUT_KEYS_NAMED 8

static const char *const compare_output_role_names[KEY_ROLE_COUNT] = {
	"time", "level", "message"
};

/* Which keys a list of the keys dimension names. */
typedef enum {
	KEY_LIST_ONLY_REFERENCE, KEY_LIST_ONLY_CANDIDATE, KEY_LIST_TYPES,
	KEY_LIST_RARER, KEY_LIST_SHARES
} compare_output_key_list_kind;

static bool
compare_output_key_only(const compare_key *k, int side)
{
	return k->present[side] > 0 && k->present[!side] == 0;
}

/*
 * Whether a nested key's object is on that side alone too: the object
 * is named, its keys go without saying.
 */
static bool
compare_output_key_under_only(const compare_keys_facts *f,
    const compare_key *k, int side)
{
	const char *slash = strrchr(k->name, '/');
	size_t len;

	if (k->depth <= 1 || slash == NULL)
		return false;
	len = (size_t)(slash - k->name);
	for (size_t i = 0; i < f->key_count; i++) {
		const compare_key *o = &f->keys[i];
		if (strlen(o->name) == len && memcmp(o->name, k->name,
		    len) == 0)
			return compare_output_key_only(o, side);
	}
	return false;
}

/* "string, null": the names of a side's types. */
static char *
compare_output_key_types(unsigned types)
{
	strbuf list = { 0 };

	for (size_t t = 0; t < KEYSCHEMA_TYPES; t++) {
		if (types & (1u << t))
			strbuf_join(&list, ", ", keyschema_type_name(t));
	}
	return strbuf_take(&list);
}

static double
compare_output_key_share(const compare_keys_facts *f, const compare_key *k,
    int side)
{
	return f->records[side] == 0 ? 0.0 :
	    (double)k->present[side] / (double)f->records[side];
}

/* Whether k belongs in a list of that kind. */
static bool
compare_output_key_listed(const compare_keys_facts *f, const compare_key *k,
    compare_output_key_list_kind kind)
{
	int side;

	switch (kind) {
	case KEY_LIST_ONLY_REFERENCE:
	case KEY_LIST_ONLY_CANDIDATE:
		side = kind == KEY_LIST_ONLY_REFERENCE ? 0 : 1;
		return compare_output_key_only(k, side) &&
		    !compare_output_key_under_only(f, k, side);
	case KEY_LIST_TYPES:
		return k->retyped;
	case KEY_LIST_RARER:
		return k->rarer;
	case KEY_LIST_SHARES:
		return k->reshared;
	}
	return false;
}

/* One key as a list of its kind shows it. */
static char *
compare_output_key_item(const compare_keys_facts *f, const compare_key *k,
    compare_output_key_list_kind kind)
{
	char *types[2], *item;
	int side;

	switch (kind) {
	case KEY_LIST_ONLY_REFERENCE:
	case KEY_LIST_ONLY_CANDIDATE:
		side = kind == KEY_LIST_ONLY_REFERENCE ? 0 : 1;
		return xasprintf("%s (%llu of %llu records)", k->name,
		    (unsigned long long)k->present[side],
		    (unsigned long long)f->records[side]);
	case KEY_LIST_TYPES:
		types[0] = compare_output_key_types(k->types[0]);
		types[1] = compare_output_key_types(k->types[1]);
		item = xasprintf("%s from %s to %s", k->name, types[0],
		    types[1]);
		free(types[0]);
		free(types[1]);
		return item;
	case KEY_LIST_RARER:
		return xasprintf("%s (%llu of %llu records)", k->name,
		    (unsigned long long)k->present[1],
		    (unsigned long long)f->records[1]);
	case KEY_LIST_SHARES:
		return xasprintf("%s (%.0f%% against %.0f%%)", k->name,
		    100.0 * compare_output_key_share(f, k, 1),
		    100.0 * compare_output_key_share(f, k, 0));
	}
	return xstrdup(k->name);
}

/* The keys of a kind, the first few by name and the rest counted. */
static char *
compare_output_key_list(const compare_keys_facts *f,
    compare_output_key_list_kind kind, size_t *count)
{
	strbuf list = { 0 };
	size_t n = 0;

	for (size_t i = 0; i < f->key_count; i++) {
		const compare_key *k = &f->keys[i];
		if (!compare_output_key_listed(f, k, kind))
			continue;
		if (n++ < COMPARE_OUTPUT_KEYS_NAMED) {
			char *item = compare_output_key_item(f, k, kind);
			strbuf_join(&list, ", ", item);
			free(item);
		}
	}
	if (n > COMPARE_OUTPUT_KEYS_NAMED)
		strbuf_addf(&list, " and %zu more",
		    n - COMPARE_OUTPUT_KEYS_NAMED);
	if (count != NULL)
		*count = n;
	return strbuf_take(&list);
}

/* "level: level, message: msg": the keys of the roles a side has. */
static char *
compare_output_key_roles(const compare_keys_facts *f, int side)
{
	strbuf list = { 0 };

	for (int role = 0; role < KEY_ROLE_COUNT; role++) {
		if (f->roles[role].key[side] != NULL)
			strbuf_addf(&list, "%s%s: %s", list.len > 0 ? ", " : "",
			    compare_output_role_names[role],
			    f->roles[role].key[side]);
	}
	return strbuf_take(&list);
}

/* The key errors of the rules the reference does not have. */
static char *
compare_output_key_errors(const compare_keys_facts *f)
{
	strbuf list = { 0 };

	for (size_t i = 0; i < f->finding_count; i++) {
		const compare_check_count *c = &f->findings[i];
		if (c->severity != SEVERITY_ERROR || c->count[0] > 0 ||
		    c->count[1] == 0)
			continue;
		char *item = xasprintf("%s (%llu)", c->id,
		    (unsigned long long)c->count[1]);
		strbuf_join(&list, ", ", item);
		free(item);
	}
	return strbuf_take(&list);
}

/* The roles whose reference key the candidate does not write. */
static char *
compare_output_key_renames(const compare_keys_facts *f)
{
	strbuf list = { 0 };

	for (int role = 0; role < KEY_ROLE_COUNT; role++) {
		const compare_key_holder *h = &f->roles[role];
		char *item;
		if (!h->renamed)
			continue;
		if (h->key[1] != NULL)
			item = xasprintf("%s key renamed from %s to %s",
			    compare_output_role_names[role], h->key[0],
			    h->key[1]);
		else
			item = xasprintf("%s key %s gone",
			    compare_output_role_names[role], h->key[0]);
		strbuf_join(&list, "; ", item);
		free(item);
	}
	return strbuf_take(&list);
}

static void
compare_output_words_keys(compare_output_words *w,
    const compare_keys_facts *f)
{
	static const struct {
		compare_output_key_list_kind kind;
		const char *label;
	} lists[] = {
		{ KEY_LIST_ONLY_CANDIDATE, "only in the candidate" },
		{ KEY_LIST_ONLY_REFERENCE, "only in the reference" },
		{ KEY_LIST_TYPES, "types changed" },
		{ KEY_LIST_RARER, "on every reference record, not every "
		    "candidate's" },
		{ KEY_LIST_SHARES, "on another share of records" },
	};
	const char *records = compare_output_decode_name(f->decode);
	char *list;
	size_t n;

	if (f->reason == KEYS_TEXT) {
		w->side[0] = xstrdup("text lines");
		w->side[1] = xstrdup("text lines");
		compare_output_summary(w, "the rules read text lines "
		    "(decode: text), which have no keys");
		return;
	}
	if (f->reason == KEYS_ELSEWHERE) {
		w->side[0] = xasprintf("%s records", records);
		w->side[1] = xstrdup("another layout");
		compare_output_summary(w, "the candidate's log lines have "
		    "another layout: no %s keys to compare", records);
		return;
	}
	for (int s = 0; s < 2; s++) {
		size_t keys = 0;
		for (size_t i = 0; i < f->key_count; i++)
			keys += f->keys[i].present[s] > 0;
		char *roles = compare_output_key_roles(f, s);
		w->side[s] = xasprintf("%zu key%s in %llu record%s%s%s", keys,
		    compare_output_plural(keys),
		    (unsigned long long)f->records[s],
		    compare_output_plural(f->records[s]),
		    *roles != '\0' ? "; " : "", roles);
		free(roles);
	}
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		list = compare_output_key_list(f, lists[i].kind, &n);
		if (n > 0)
			compare_output_evidence(w, "%s: %s", lists[i].label,
			    list);
		free(list);
	}
	if (f->renamed > 0) {
		list = compare_output_key_renames(f);
		compare_output_evidence(w, "%s", list);
		free(list);
	}
	for (size_t i = 0; i < f->finding_count; i++) {
		const compare_check_count *c = &f->findings[i];
		compare_output_evidence(w, "%s (%s): %llu in the reference, "
		    "%llu in the candidate", c->id,
		    compare_output_severity_name(c->severity),
		    (unsigned long long)c->count[0],
		    (unsigned long long)c->count[1]);
	}
	switch (f->reason) {
	case KEYS_TEXT:
	case KEYS_ELSEWHERE:
		break;
	case KEYS_BROKEN: {
		/* A key that changed its type is most often the reason. */
		char *retyped = compare_output_key_list(f, KEY_LIST_TYPES, &n);
		list = compare_output_key_errors(f);
		compare_output_summary(w, "the candidate breaks the rules' "
		    "keys: %s, which the reference passes%s%s", list,
		    n > 0 ? "; " : "", retyped);
		free(retyped);
		free(list);
		break;
	}
	case KEYS_RENAMED:
		list = compare_output_key_renames(f);
		compare_output_summary(w, "%s", list);
		free(list);
		break;
	case KEYS_TYPES:
		list = compare_output_key_list(f, KEY_LIST_TYPES, &n);
		compare_output_summary(w, "%zu key%s changed type: %s", n,
		    compare_output_plural(n), list);
		free(list);
		break;
	case KEYS_DROPPED:
		list = compare_output_key_list(f, KEY_LIST_ONLY_REFERENCE, &n);
		if (n > 0)
			compare_output_summary(w, "the candidate drops "
			    "key%s the reference writes: %s",
			    compare_output_plural(n), list);
		else {
			free(list);
			list = compare_output_key_list(f, KEY_LIST_RARER, &n);
			compare_output_summary(w, "the candidate leaves out "
			    "key%s the reference writes on every record: %s",
			    compare_output_plural(n), list);
		}
		free(list);
		break;
	case KEYS_ORDER:
		compare_output_summary(w, "the candidate writes its keys out "
		    "of the rules' order, which the reference does not");
		break;
	case KEYS_ADDED:
		list = compare_output_key_list(f, KEY_LIST_ONLY_CANDIDATE, &n);
		compare_output_summary(w, "the candidate adds key%s %s; the "
		    "reference's keep their types", compare_output_plural(n),
		    list);
		free(list);
		break;
	case KEYS_SHARES:
		list = compare_output_key_list(f, KEY_LIST_SHARES, &n);
		compare_output_summary(w, "the same keys and types; %zu on "
		    "another share of records: %s", n, list);
		free(list);
		break;
	case KEYS_SAME:
		compare_output_summary(w, "the same %zu key%s with the same "
		    "types", f->key_count, compare_output_plural(f->key_count));
		break;
	}
}

/*
 * A dimension whose habits come from log lines, where a side had none:
 * what was read instead, in place of a comparison with nothing.
 */
static void
compare_output_words_missing(compare_output_words *w,
    const compare_result *result, const compare_dimension *dim)
{
	int side = dim->missing_side;

	for (size_t i = 0; i < w->evidence_count; i++)
		free(w->evidence[i]);
	w->evidence_count = 0;
	free(w->summary);
	for (int s = 0; s < 2; s++) {
		const report *rep = compare_output_report(&result->sides[s]);
		if (side != 2 && side != s)
			continue;
		free(w->side[s]);
		w->side[s] = xstrdup("no log lines");
		compare_output_evidence(w, "%s: %llu line%s read, %llu "
		    "foreign", compare_output_side_name(s),
		    (unsigned long long)rep->total.lines,
		    compare_output_plural(rep->total.lines),
		    (unsigned long long)rep->total.foreign);
	}
	if (side == 2)
		w->summary = xstrdup("neither side has log lines in the "
		    "reference format to compare");
	else
		w->summary = xasprintf("%s has no log lines in the reference "
		    "format to compare", compare_output_side_name(side));
}

/* What an example shows, in a few words. */
static char *
compare_output_note(const compare_example *ex)
{
	switch (ex->kind) {
	case EXAMPLE_FINDING:
		return ex->message != NULL ? xstrdup(ex->message) : NULL;
	case EXAMPLE_LEVEL:
		return xasprintf("level %s", compare_output_or(ex->level, ""));
	case EXAMPLE_EMOJI_LEVEL:
		return xasprintf("%s on %s", compare_output_or(ex->emoji, ""),
		    compare_output_or(ex->level, ""));
	case EXAMPLE_TEXT_MARKER:
		break;
	}
	return xstrdup("a text marker");
}

static void
compare_output_words_make(compare_output_words *w,
    const compare_result *result, int d)
{
	const compare_dimension *dim = &result->dimensions[d];

	memset(w, 0, sizeof *w);
	switch ((compare_dimension_id)d) {
	case DIMENSION_LINE_FORMAT:
		compare_output_words_line_format(w, &result->line_format);
		break;
	case DIMENSION_KEYS:
		compare_output_words_keys(w, &result->keys);
		break;
	case DIMENSION_TIMESTAMP:
		compare_output_words_timestamp(w, &result->timestamp);
		break;
	case DIMENSION_LEVELS:
		compare_output_words_levels(w, &result->levels);
		break;
	case DIMENSION_STREAMS:
		compare_output_words_streams(w, &result->streams);
		break;
	case DIMENSION_EMOJI:
		compare_output_words_emoji(w, &result->emoji_habit);
		break;
	case DIMENSION_TEMPLATES:
		compare_output_words_templates(w, &result->template_overlap);
		break;
	case DIMENSION_FLUSH:
		compare_output_words_flush(w, &result->flush);
		break;
	case DIMENSION_CHECKS:
		compare_output_words_checks(w, &result->checks);
		break;
	case DIMENSION_COUNT:
		break;
	}
	if (dim->missing == MISSING_LOG_LINES)
		compare_output_words_missing(w, result, dim);
	for (size_t i = 0; i < dim->example_count &&
	    i < COMPARE_EXAMPLES_MAX; i++)
		w->notes[i] = compare_output_note(&dim->examples[i]);
}

/* The note of example i, or NULL. */
static const char *
compare_output_note_of(const compare_output_words *w, size_t i)
{
	return i < COMPARE_EXAMPLES_MAX ? w->notes[i] : NULL;
}

static void
compare_output_words_free(compare_output_words *w)
{
	free(w->summary);
	free(w->side[0]);
	free(w->side[1]);
	for (size_t i = 0; i < w->evidence_count; i++)
		free(w->evidence[i]);
	free(w->evidence);
	for (size_t i = 0; i < COMPARE_EXAMPLES_MAX; i++)
		free(w->notes[i]);
}

/* A JSON string from text, or null. */
static json_t *
compare_output_json_string(const char *text)
{
	return text != NULL ? jsonutil_string(text, strlen(text)) : json_null();
}

static json_t *
compare_output_json_levels(const compare_level *levels, size_t count)
{
	json_t *object = json_object();

	for (size_t i = 0; i < count; i++)
		json_object_set_new(object, levels[i].level,
		    json_integer((json_int_t)levels[i].count));
	return object;
}

static json_t *
compare_output_json_flush(const report_flush *f)
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

/* The emoji of one side only: the candidate's new ones, or its missing. */
static json_t *
compare_output_json_emoji_only(const compare_result *result, int side)
{
	json_t *list = json_array();

	for (size_t i = 0; i < result->emoji_count; i++) {
		const compare_emoji *e = &result->emoji[i];
		if (e->count[0] > 0 && e->count[1] > 0)
			continue;
		if ((e->count[CANDIDATE_SIDE] > 0) == (side == CANDIDATE_SIDE))
			json_array_append_new(list, json_string(e->emoji));
	}
	return list;
}

/* Each id's findings on a side, with its severity and whose it is. */
static json_t *
compare_output_json_checks(const compare_checks_facts *f, int side)
{
	json_t *ids = json_array();

	for (size_t i = 0; i < f->count; i++) {
		const compare_check_count *c = &f->counts[i];
		json_t *one = json_pack("{ss sb ss sI}", "id", c->id,
		    "check", (int)c->check,
		    "severity", compare_output_severity_name(c->severity),
		    "count", (json_int_t)c->count[side]);
		if (c->judged_by != NULL)
			json_object_set_new(one, "judged_by",
			    json_string(c->judged_by));
		json_array_append_new(ids, one);
	}
	return json_pack("{sI sI sI so}", "errors", (json_int_t)f->errors[side],
	    "warnings", (json_int_t)f->warnings[side],
	    "log_lines", (json_int_t)f->log_lines[side], "ids", ids);
}

/* A side's types as a list of their names. */
static json_t *
compare_output_json_key_types(unsigned types)
{
	json_t *list = json_array();

	for (size_t t = 0; t < KEYSCHEMA_TYPES; t++) {
		if (types & (1u << t))
			json_array_append_new(list,
			    json_string(keyschema_type_name(t)));
	}
	return list;
}

/*
 * The keys of a side, its keys for the roles and its key findings; the
 * candidate's side says what changed from the reference.
 */
static json_t *
compare_output_json_keys(const compare_keys_facts *f, int side)
{
	json_t *keys = json_array(), *only = json_array();
	json_t *roles = json_object(), *findings = json_array(), *facts;

	for (size_t i = 0; i < f->key_count; i++) {
		const compare_key *k = &f->keys[i];
		if (k->present[side] == 0)
			continue;
		json_array_append_new(keys, json_pack("{ss sI sf so}",
		    "name", k->name, "present", (json_int_t)k->present[side],
		    "share", compare_output_key_share(f, k, side),
		    "types", compare_output_json_key_types(k->types[side])));
		if (k->present[!side] == 0)
			json_array_append_new(only, json_string(k->name));
	}
	for (int role = 0; role < KEY_ROLE_COUNT; role++)
		json_object_set_new(roles, compare_output_role_names[role],
		    compare_output_json_string(f->roles[role].key[side]));
	for (size_t i = 0; i < f->finding_count; i++) {
		const compare_check_count *c = &f->findings[i];
		json_array_append_new(findings, json_pack("{ss ss sI}",
		    "id", c->id, "severity",
		    compare_output_severity_name(c->severity),
		    "count", (json_int_t)c->count[side]));
	}
	facts = json_pack("{ss sI so so so so}",
	    "decode", rules_decode_name(f->decode),
	    "records", (json_int_t)f->records[side], "keys", keys,
	    "roles", roles, "only_here", only, "findings", findings);
	if (side == REFERENCE_SIDE)
		return facts;

	json_t *retyped = json_array(), *rarer = json_array();
	json_t *renamed = json_array();
	for (size_t i = 0; i < f->key_count; i++) {
		const compare_key *k = &f->keys[i];
		if (k->retyped)
			json_array_append_new(retyped, json_pack("{ss so so}",
			    "name", k->name, "reference",
			    compare_output_json_key_types(k->types[0]),
			    "candidate",
			    compare_output_json_key_types(k->types[1])));
		if (k->rarer)
			json_array_append_new(rarer, json_string(k->name));
	}
	for (int role = 0; role < KEY_ROLE_COUNT; role++) {
		const compare_key_holder *h = &f->roles[role];
		if (h->renamed)
			json_array_append_new(renamed, json_pack("{ss ss so}",
			    "role", compare_output_role_names[role],
			    "reference", h->key[0], "candidate",
			    compare_output_json_string(h->key[1])));
	}
	json_object_set_new(facts, "type_changes", retyped);
	json_object_set_new(facts, "rarer", rarer);
	json_object_set_new(facts, "renamed", renamed);
	return facts;
}

/* The facts of one side of a dimension, as the JSON report has them. */
static json_t *
compare_output_json_facts(const compare_result *result, int d,
    const compare_output_words *w, int side)
{
	const compare_line_format_facts *lf = &result->line_format;
	const compare_timestamp_facts *ts = &result->timestamp;
	const compare_levels_facts *lv = &result->levels;
	const compare_streams_facts *st = &result->streams;
	const compare_emoji_facts *em = &result->emoji_habit;
	const compare_templates_facts *tp = &result->template_overlap;
	bool ref = side == REFERENCE_SIDE;
	json_t *facts = NULL;

	switch ((compare_dimension_id)d) {
	case DIMENSION_LINE_FORMAT:
		if (ref)
			return json_pack("{ss so so sI}", "decode",
			    rules_decode_name(lf->decode), "pattern",
			    compare_output_json_string(lf->pattern),
			    "skeleton", compare_output_json_string(w->side[0]),
			    "log_lines", (json_int_t)lf->log_lines[0]);
		return json_pack("{so sI sI sI s{sI sI}}",
		    "skeleton", compare_output_json_string(w->side[1]),
		    "log_lines", (json_int_t)lf->log_lines[1],
		    "own_layout_lines", (json_int_t)lf->own_layout_lines,
		    "foreign", (json_int_t)lf->foreign,
		    "foreign_records",
		    "json", (json_int_t)lf->foreign_as[RULES_DECODE_JSON],
		    "logfmt", (json_int_t)lf->foreign_as[RULES_DECODE_LOGFMT]);
	case DIMENSION_TIMESTAMP:
		if (ref)
			return json_pack("{so sI sI}",
			    "format", compare_output_json_string(w->side[0]),
			    "not_matching", (json_int_t)ts->not_matching[0],
			    "out_of_order", (json_int_t)ts->out_of_order[0]);
		return json_pack("{so sI sI}",
		    "format", compare_output_json_string(w->side[1]),
		    "not_matching", (json_int_t)ts->not_matching[1],
		    "out_of_order", (json_int_t)ts->out_of_order[1]);
	case DIMENSION_LEVELS:
		facts = json_pack("{so}", "levels", compare_output_json_levels(
		    lv->levels[side], lv->level_count[side]));
		if (ref && lv->allowed_count > 0) {
			json_t *allowed = json_array();
			for (size_t i = 0; i < lv->allowed_count; i++)
				json_array_append_new(allowed,
				    json_string(lv->allowed[i]));
			json_object_set_new(facts, "allowed", allowed);
		}
		return facts;
	case DIMENSION_STREAMS:
		if (ref)
			return json_pack("{ss sI sI ss}", "streams", w->side[0],
			    "stdout", (json_int_t)st->stdout_lines[0],
			    "stderr", (json_int_t)st->stderr_lines[0],
			    "pairing", st->pairing[0]);
		return json_pack("{ss sI sI ss sI}", "streams", w->side[1],
		    "stdout", (json_int_t)st->stdout_lines[1],
		    "stderr", (json_int_t)st->stderr_lines[1],
		    "pairing", st->pairing[1],
		    "unpaired", (json_int_t)st->unpaired[1]);
	case DIMENSION_EMOJI:
		if (ref)
			return json_pack("{sf sI}",
			    "emoji_led_share", em->share[0],
			    "messages", (json_int_t)em->messages[0]);
		facts = json_pack("{sf sI sI}", "emoji_led_share", em->share[1],
		    "messages", (json_int_t)em->messages[1],
		    "text_marked", (json_int_t)em->text_marked);
		json_object_set_new(facts, "new_emoji",
		    compare_output_json_emoji_only(result, CANDIDATE_SIDE));
		json_object_set_new(facts, "missing_emoji",
		    compare_output_json_emoji_only(result, REFERENCE_SIDE));
		return facts;
	case DIMENSION_TEMPLATES:
		return json_pack("{sI sI sb}",
		    "templates", (json_int_t)tp->count[side],
		    "only_here", (json_int_t)tp->only[side],
		    "capped", (int)tp->capped[side]);
	case DIMENSION_FLUSH:
		facts = compare_output_json_flush(&result->flush.flush[side]);
		json_object_set_new(facts, "arrival_times",
		    json_boolean(result->flush.timed[side]));
		return facts;
	case DIMENSION_KEYS:
		return compare_output_json_keys(&result->keys, side);
	case DIMENSION_CHECKS:
		return compare_output_json_checks(&result->checks, side);
	case DIMENSION_COUNT:
		break;
	}
	return NULL;
}

static compare_output_presence
compare_output_presence_of(const compare_template *t)
{
	if (t->count[CANDIDATE_SIDE] == 0 && t->count[REFERENCE_SIDE] > 0)
		return TEMPLATE_REFERENCE_ONLY;
	if (t->count[REFERENCE_SIDE] == 0 && t->count[CANDIDATE_SIDE] > 0)
		return TEMPLATE_CANDIDATE_ONLY;
	return TEMPLATE_SHARED;
}

static size_t
compare_output_presence_count(const compare_result *result,
    compare_output_presence presence)
{
	size_t count = 0;

	for (size_t i = 0; i < result->template_count; i++) {
		if (compare_output_presence_of(&result->templates[i]) ==
		    presence)
			count++;
	}
	return count;
}

/* How often level occurs on a side. */
static uint64_t
compare_output_level_count(const report *rep, const char *level)
{
	for (size_t i = 0; i < rep->level_count; i++) {
		if (strcmp(rep->levels[i].level, level) == 0)
			return rep->levels[i].count;
	}
	return 0;
}

/*
 * The levels of both sides, the reference's first, each once.  The
 * strings belong to the reports; the caller frees the array.
 */
static const char **
compare_output_levels(const compare_result *result, size_t *count)
{
	const char **levels = NULL;

	*count = 0;
	for (int side = 0; side < 2; side++) {
		const report *rep = compare_output_report(&result->sides[side]);
		for (size_t i = 0; i < rep->level_count; i++) {
			size_t seen = 0;
			while (seen < *count &&
			    strcmp(levels[seen], rep->levels[i].level) != 0)
				seen++;
			if (seen < *count)
				continue;
			levels = xreallocarray(levels, *count + 1,
			    sizeof *levels);
			levels[(*count)++] = rep->levels[i].level;
		}
	}
	return levels;
}

/* "30 (55.6%)": a count with its share of the messages. */
static char *
compare_output_share(uint64_t count, uint64_t messages)
{
	if (messages == 0)
		return xasprintf("%llu", (unsigned long long)count);
	return xasprintf("%llu (%.1f%%)", (unsigned long long)count,
	    100.0 * (double)count / (double)messages);
}

/* These would reorder or break the line they are shown in. */
static bool
compare_output_reorders(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool
compare_output_escapes(compare_output_show show, uint32_t cp)
{
	if (cp == 0 || cp >= 0x80)
		return false;
	switch (show) {
	case SHOW_MARKDOWN:
		return strchr("\\`*_[]<>&~", (int)cp) != NULL;
	case SHOW_CELL:
		return strchr("\\`*_[]<>&~|", (int)cp) != NULL;
	case SHOW_CODE_CELL:
		return cp == '|';
	default:
		return false;
	}
}

/*
 * One code point in XML: markup characters as entities, what XML 1.0
 * forbids dropped, an invalid byte as U+FFFD.  Attribute values keep their
 * tabs and line breaks as character references, which parsers preserve.
 */
static void
compare_output_put_xml(FILE *out, const char *raw, size_t used, uint32_t cp,
    bool invalid, bool attribute)
{
	if (invalid) {
		fputs("\xef\xbf\xbd", out);
		return;
	}
	switch (cp) {
	case '&': fputs("&amp;", out); return;
	case '<': fputs("&lt;", out); return;
	case '>': fputs("&gt;", out); return;
	case '"': fputs("&quot;", out); return;
	case '\'': fputs("&apos;", out); return;
	case '\t': case '\n': case '\r':
		if (attribute)
			fprintf(out, "&#%u;", (unsigned)cp);
		else
			fputc((int)cp, out);
		return;
	default:
		break;
	}
	if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
		return;
	fwrite(raw, 1, used, out);
}

/*
 * Write untrusted text as show says.  Outside XML, control characters and
 * invalid bytes become \xNN and reordering characters \uNNNN, as in
 * utf8_excerpt, so that no log line can restyle a terminal or a document.
 */
static void
compare_output_put(FILE *out, const char *text, compare_output_show show)
{
	size_t len = text != NULL ? strlen(text) : 0;

	for (size_t pos = 0; pos < len;) {
		const char *raw = text + pos;
		uint32_t cp;
		size_t used = utf8_decode(raw, len - pos, &cp);
		bool invalid = cp == 0xfffd && used == 1;

		pos += used;
		if (show == SHOW_XML_TEXT || show == SHOW_XML_ATTRIBUTE) {
			compare_output_put_xml(out, raw, used, cp, invalid,
			    show == SHOW_XML_ATTRIBUTE);
		} else if (invalid) {
			fprintf(out, "\\x%02x", (unsigned)(unsigned char)*raw);
		} else if (cp == '\t' || cp == '\n') {
			fputc(show == SHOW_BLOCK ? (int)cp : ' ', out);
		} else if (cp == '\r' && show != SHOW_BLOCK) {
			fputc(' ', out);
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			fprintf(out, "\\x%02x", (unsigned)cp);
		} else if (compare_output_reorders(cp)) {
			fprintf(out, "\\u%04X", (unsigned)cp);
		} else {
			if (compare_output_escapes(show, cp))
				fputc('\\', out);
			fwrite(raw, 1, used, out);
		}
	}
}

/* The longest run of backticks in text. */
static size_t
compare_output_backtick_run(const char *text)
{
	size_t longest = 0, run = 0;

	for (const char *p = text; *p != '\0'; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

static bool
compare_output_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
compare_output_fence(FILE *out, size_t length)
{
	for (size_t i = 0; i < length; i++)
		fputc('`', out);
}

/*
 * A code span holding text.  Its fence is longer than any backtick run
 * inside, and a space pads text that starts or ends with a backtick or
 * would lose its outer spaces (CommonMark strips one on each side).
 */
static void
compare_output_code(FILE *out, const char *text, bool cell)
{
	size_t len = strlen(text);
	size_t fence = compare_output_backtick_run(text) + 1;
	bool pad = len == 0 || text[0] == '`' || text[len - 1] == '`';

	if (!pad && compare_output_blank(text[0]) &&
	    compare_output_blank(text[len - 1])) {
		for (size_t i = 0; i < len && !pad; i++)
			pad = !compare_output_blank(text[i]);
	}
	compare_output_fence(out, fence);
	if (pad)
		fputc(' ', out);
	compare_output_put(out, text, cell ? SHOW_CODE_CELL : SHOW_CODE);
	if (pad)
		fputc(' ', out);
	compare_output_fence(out, fence);
}

/* A fenced block of lines, with a fence no line can close early. */
static void
compare_output_block(FILE *out, const char *info, const char *text)
{
	size_t fence = compare_output_backtick_run(text) + 1;
	size_t len = strlen(text);

	if (fence < 3)
		fence = 3;
	compare_output_fence(out, fence);
	fprintf(out, "%s\n", info);
	compare_output_put(out, text, SHOW_BLOCK);
	if (len > 0 && text[len - 1] != '\n')
		fputc('\n', out);
	compare_output_fence(out, fence);
	fputc('\n', out);
}

/* "a", "a and b", "a, b and c". */
static void
compare_output_and_list(FILE *out, const char **names, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			fputs(i + 1 == count ? " and " : ", ", out);
		fputs(names[i], out);
	}
}

/* The names of the dimensions with a verdict; returns how many. */
static size_t
compare_output_dimensions_with(const compare_result *result,
    compare_verdict verdict, const char **names)
{
	size_t count = 0;

	for (int d = 0; d < DIMENSION_COUNT; d++) {
		if (result->dimensions[d].verdict == verdict)
			names[count++] = result->dimensions[d].name;
	}
	return count;
}

static void
compare_output_text_side(FILE *out, const char *label,
    const compare_side *side)
{
	const report *rep = compare_output_report(side);
	char *emoji = compare_output_share(side->emoji_led, side->messages);
	const char *separator = " levels ";

	fprintf(out, "%s: %llu lines, %llu messages, %llu foreign;", label,
	    (unsigned long long)rep->total.lines,
	    (unsigned long long)side->messages,
	    (unsigned long long)rep->total.foreign);
	for (size_t i = 0; i < rep->level_count; i++) {
		fputs(separator, out);
		compare_output_put(out, rep->levels[i].level, SHOW_TERMINAL);
		fprintf(out, " %llu", (unsigned long long)rep->levels[i].count);
		separator = ", ";
	}
	if (rep->other_levels > 0) {
		fprintf(out, "%s(other) %llu", separator,
		    (unsigned long long)rep->other_levels);
	}
	if (rep->level_count == 0 && rep->other_levels == 0)
		fputs(" no levels", out);
	separator = "; ";
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		if (rep->streams[s].lines == 0)
			continue;
		fprintf(out, "%s%s %llu", separator, capture_stream_name(s),
		    (unsigned long long)rep->streams[s].lines);
		separator = ", ";
	}
	fprintf(out, "; %zu template%s%s; %s emoji-led\n", side->template_count,
	    compare_output_plural(side->template_count),
	    side->templates_capped ? " (capped)" : "", emoji);
	free(emoji);
}

/*
 * What was assumed, in a few lines: the inferred rule file's settings,
 * without its comments and samples (markdown and json carry it whole).
 */
static void
compare_output_text_format(FILE *out, const char *yaml)
{
	for (const char *line = yaml; *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
		if (len >= 8 && strncmp(line, "samples:", 8) == 0)
			break;
		if (len > 0 && line[0] != '#' && strncmp(line, "description:",
		    12) != 0) {
			char *copy = xstrndup(line, len);
			fputs("    ", out);
			compare_output_put(out, copy, SHOW_TERMINAL);
			fputc('\n', out);
			free(copy);
		}
		line = end != NULL ? end + 1 : line + len;
	}
}

static void
compare_output_text(FILE *out, const compare_result *result,
    const compare_output_words *words, bool color)
{
	const char *bold = color ? SGR_BOLD : "";
	const char *reset = color ? SGR_RESET : "";
	const compare_side *sides = result->sides;

	fprintf(out, "%slogcompat compare%s: ", bold, reset);
	compare_output_put(out, sides[REFERENCE_SIDE].name, SHOW_TERMINAL);
	fputs(" vs ", out);
	compare_output_put(out, sides[CANDIDATE_SIDE].name, SHOW_TERMINAL);
	fputs("\nreference format: ", out);
	compare_output_put(out, result->rules_name, SHOW_TERMINAL);
	if (result->rules_path != NULL) {
		fputs(" (", out);
		compare_output_put(out, result->rules_path, SHOW_TERMINAL);
		fputs(")\n", out);
	} else {
		fputs(" (inferred from ", out);
		compare_output_put(out, sides[REFERENCE_SIDE].name,
		    SHOW_TERMINAL);
		fputs(")\n", out);
		if (result->rules_yaml != NULL)
			compare_output_text_format(out, result->rules_yaml);
	}
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		const char *name = compare_verdict_name(dim->verdict);
		fprintf(out, "  %-14s%s%s%s%*s", dim->name,
		    color ? compare_output_verdict_color(dim->verdict) : "",
		    name, reset, 13 - (int)strlen(name), "");
		compare_output_put(out, words[d].summary, SHOW_TERMINAL);
		fputc('\n', out);
	}
	compare_output_text_side(out, "reference", &sides[REFERENCE_SIDE]);
	compare_output_text_side(out, "candidate", &sides[CANDIDATE_SIDE]);
	fprintf(out, "templates: %zu shared, %zu only in reference, "
	    "%zu only in candidate\n",
	    compare_output_presence_count(result, TEMPLATE_SHARED),
	    compare_output_presence_count(result, TEMPLATE_REFERENCE_ONLY),
	    compare_output_presence_count(result, TEMPLATE_CANDIDATE_ONLY));
	fprintf(out, "\nverdict: %s%s%s\n", color ? (result->compatible ?
	    SGR_GREEN : SGR_RED) : "", result->compatible ? "compatible" :
	    "incompatible", reset);
}

/* A side's name, bold, in Markdown text. */
static void
compare_output_md_side(FILE *out, const compare_result *result, int side)
{
	fputs("**", out);
	compare_output_put(out, result->sides[side].name, SHOW_MARKDOWN);
	fputs("**", out);
}

/* "| label | REF | CAND |" header and its rule; label is ours. */
static void
compare_output_md_header(FILE *out, const compare_result *result,
    const char *label, const char *rule)
{
	fprintf(out, "| %s | ", label);
	compare_output_put(out, result->sides[REFERENCE_SIDE].name, SHOW_CELL);
	fputs(" | ", out);
	compare_output_put(out, result->sides[CANDIDATE_SIDE].name, SHOW_CELL);
	fprintf(out, " |\n%s\n", rule);
}

/* A cell with text in a code span, or a plain word when there is none. */
static void
compare_output_md_code_cell(FILE *out, const char *text, const char *none)
{
	if (text != NULL)
		compare_output_code(out, text, true);
	else
		fputs(none, out);
}

static void
compare_output_md_core(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	const compare_side *sides = result->sides;

	fputs("## Core format\n\nEach side's own layout, inferred from its "
	    "lines:\n\n", out);
	compare_output_md_header(out, result, "Own format", "|---|---|---|");
	fputs("| Skeleton | ", out);
	compare_output_md_code_cell(out, sides[REFERENCE_SIDE].skeleton,
	    "none");
	fputs(" | ", out);
	compare_output_md_code_cell(out, sides[CANDIDATE_SIDE].skeleton,
	    "none");
	fputs(" |\n| Timestamp format | ", out);
	compare_output_md_code_cell(out, sides[REFERENCE_SIDE].time_format,
	    "none");
	fputs(" | ", out);
	compare_output_md_code_cell(out, sides[CANDIDATE_SIDE].time_format,
	    "none");
	fputs(" |\n\nJudged under the reference format:\n\n", out);
	fputs("| Dimension | ", out);
	compare_output_put(out, sides[REFERENCE_SIDE].name, SHOW_CELL);
	fputs(" | ", out);
	compare_output_put(out, sides[CANDIDATE_SIDE].name, SHOW_CELL);
	fputs(" | Verdict |\n|---|---|---|---|\n", out);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		fprintf(out, "| %s | ", dim->name);
		compare_output_put(out, words[d].side[0], SHOW_CELL);
		fputs(" | ", out);
		compare_output_put(out, words[d].side[1], SHOW_CELL);
		fprintf(out, " | %s %s |\n",
		    compare_output_verdict_mark(dim->verdict),
		    compare_verdict_name(dim->verdict));
	}
	fputc('\n', out);
}

static void
compare_output_md_count_row(FILE *out, const char *label,
    uint64_t reference, uint64_t candidate)
{
	fprintf(out, "| %s | %llu | %llu |\n", label,
	    (unsigned long long)reference, (unsigned long long)candidate);
}

static void
compare_output_md_statistics(FILE *out, const compare_result *result)
{
	const compare_side *sides = result->sides;
	const report *reps[2] = {
		compare_output_report(&sides[REFERENCE_SIDE]),
		compare_output_report(&sides[CANDIDATE_SIDE]),
	};
	const char **levels;
	size_t level_count;

	fputs("## Usage statistics\n\n", out);
	compare_output_md_header(out, result, "Metric", "|---|---:|---:|");
	compare_output_md_count_row(out, "Lines read", reps[0]->total.lines,
	    reps[1]->total.lines);
	compare_output_md_count_row(out, "Log calls (messages)", sides[0].messages,
	    sides[1].messages);
	compare_output_md_count_row(out, "Conforming lines",
	    reps[0]->total.conforming, reps[1]->total.conforming);
	compare_output_md_count_row(out, "Violating lines",
	    reps[0]->total.violating, reps[1]->total.violating);
	compare_output_md_count_row(out, "Foreign lines",
	    reps[0]->total.foreign, reps[1]->total.foreign);
	levels = compare_output_levels(result, &level_count);
	for (size_t i = 0; i < level_count; i++) {
		fputs("| Level ", out);
		compare_output_code(out, levels[i], true);
		fprintf(out, " | %llu | %llu |\n", (unsigned long long)
		    compare_output_level_count(reps[0], levels[i]),
		    (unsigned long long)
		    compare_output_level_count(reps[1], levels[i]));
	}
	free(levels);
	if (reps[0]->other_levels > 0 || reps[1]->other_levels > 0)
		compare_output_md_count_row(out, "Other levels",
		    reps[0]->other_levels, reps[1]->other_levels);
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		if (reps[0]->streams[s].lines == 0 &&
		    reps[1]->streams[s].lines == 0 &&
		    sides[0].stream_lines[s] == 0 &&
		    sides[1].stream_lines[s] == 0)
			continue;
		fprintf(out, "| Lines on %s | %llu | %llu |\n",
		    capture_stream_name(s),
		    (unsigned long long)reps[0]->streams[s].lines,
		    (unsigned long long)reps[1]->streams[s].lines);
		fprintf(out, "| Log lines on %s | %llu | %llu |\n",
		    capture_stream_name(s),
		    (unsigned long long)sides[0].stream_lines[s],
		    (unsigned long long)sides[1].stream_lines[s]);
	}
	fputs("| Templates |", out);
	for (int side = 0; side < 2; side++)
		fprintf(out, " %zu%s |", sides[side].template_count,
		    sides[side].templates_capped ? " (capped)" : "");
	fputs("\n| Emoji-led messages |", out);
	for (int side = 0; side < 2; side++) {
		char *share = compare_output_share(sides[side].emoji_led,
		    sides[side].messages);
		fprintf(out, " %s |", share);
		free(share);
	}
	fputs("\n| Text-marked messages |", out);
	for (int side = 0; side < 2; side++) {
		char *share = compare_output_share(sides[side].text_marked,
		    sides[side].messages);
		fprintf(out, " %s |", share);
		free(share);
	}
	fputs("\n\n", out);
}

static void
compare_output_md_more(FILE *out, size_t shown, size_t total,
    const char *what)
{
	if (total > shown)
		fprintf(out, "\n_%zu more %s not listed._\n", total - shown,
		    what);
}

/* Whether a key is on one side only, or changed between them. */
static bool
compare_output_key_differs(const compare_key *k)
{
	return k->present[0] == 0 || k->present[1] == 0 || k->retyped ||
	    k->rarer || k->reshared;
}

/* A side's share of records holding a key and its types, or a dash. */
static char *
compare_output_key_cell(const compare_keys_facts *f, const compare_key *k,
    int side)
{
	char *types, *cell;

	if (k->present[side] == 0)
		return xstrdup("\u2014");
	types = compare_output_key_types(k->types[side]);
	cell = xasprintf("%.0f%%, %s", 100.0 * compare_output_key_share(f, k,
	    side), types);
	free(types);
	return cell;
}

/* Whether the keys have a table: the format's records have keys. */
static bool
compare_output_keys_listed(const compare_keys_facts *f)
{
	return f->reason != KEYS_TEXT && f->reason != KEYS_ELSEWHERE &&
	    f->key_count > 0;
}

/*
 * The i-th key of the table: those that differ first, then the rest; NULL
 * past the last.
 */
static const compare_key *
compare_output_key_row(const compare_keys_facts *f, size_t i)
{
	for (int differing = 1; differing >= 0; differing--) {
		for (size_t k = 0; k < f->key_count; k++) {
			if (compare_output_key_differs(&f->keys[k]) !=
			    (differing == 1))
				continue;
			if (i-- == 0)
				return &f->keys[k];
		}
	}
	return NULL;
}

/*
 * The keys of both sides for JSON and logfmt formats, those that differ
 * first, each with the share of records holding it and its types.
 */
static void
compare_output_md_keys(FILE *out, const compare_result *result)
{
	const compare_keys_facts *f = &result->keys;
	const compare_key *k;
	size_t shown = 0;

	if (!compare_output_keys_listed(f))
		return;
	fputs("## Keys\n\nShare of records holding each key, and the types "
	    "of its values; keys that differ first:\n\n", out);
	compare_output_md_header(out, result, "Key", "|---|---|---|");
	while (shown < COMPARE_OUTPUT_LIST_MAX &&
	    (k = compare_output_key_row(f, shown)) != NULL) {
		fputs("| ", out);
		compare_output_code(out, k->name, true);
		fputs(" |", out);
		for (int side = 0; side < 2; side++) {
			char *cell = compare_output_key_cell(f, k, side);
			fprintf(out, " %s |", cell);
			free(cell);
		}
		fputc('\n', out);
		shown++;
	}
	compare_output_md_more(out, shown, f->key_count, "keys");
	fputc('\n', out);
}

static void
compare_output_md_emoji(FILE *out, const compare_result *result)
{
	size_t shown;

	fputs("### Emoji vocabulary\n\n", out);
	if (result->emoji_count == 0) {
		fputs("No message on either side is led by an emoji.\n\n",
		    out);
		return;
	}
	fputs("| Emoji | ", out);
	compare_output_put(out, result->sides[REFERENCE_SIDE].name, SHOW_CELL);
	fputs(" | ", out);
	compare_output_put(out, result->sides[CANDIDATE_SIDE].name, SHOW_CELL);
	fputs(" | Level in ", out);
	compare_output_put(out, result->sides[REFERENCE_SIDE].name, SHOW_CELL);
	fputs(" | Level in ", out);
	compare_output_put(out, result->sides[CANDIDATE_SIDE].name, SHOW_CELL);
	fputs(" |\n|---|---:|---:|---|---|\n", out);
	shown = result->emoji_count < COMPARE_OUTPUT_LIST_MAX ?
	    result->emoji_count : COMPARE_OUTPUT_LIST_MAX;
	for (size_t i = 0; i < shown; i++) {
		const compare_emoji *e = &result->emoji[i];
		fputs("| ", out);
		compare_output_put(out, e->emoji, SHOW_CELL);
		fprintf(out, " | %llu | %llu |",
		    (unsigned long long)e->count[REFERENCE_SIDE],
		    (unsigned long long)e->count[CANDIDATE_SIDE]);
		for (int side = 0; side < 2; side++) {
			fputc(' ', out);
			compare_output_md_code_cell(out,
			    compare_output_has(e->level[side]) ?
			    e->level[side] : NULL, "\u2014");
			fputs(" |", out);
		}
		fputc('\n', out);
	}
	compare_output_md_more(out, shown, result->emoji_count, "emoji");
	fputc('\n', out);
}

static void
compare_output_md_template_heading(FILE *out, const compare_result *result,
    compare_output_presence presence, size_t count)
{
	switch (presence) {
	case TEMPLATE_SHARED:
		fprintf(out, "### Shared templates (%zu)\n\n", count);
		return;
	case TEMPLATE_REFERENCE_ONLY:
		fputs("### Only in ", out);
		compare_output_put(out, result->sides[REFERENCE_SIDE].name,
		    SHOW_MARKDOWN);
		break;
	case TEMPLATE_CANDIDATE_ONLY:
		fputs("### Only in ", out);
		compare_output_put(out, result->sides[CANDIDATE_SIDE].name,
		    SHOW_MARKDOWN);
		break;
	}
	fprintf(out, " (%zu)\n\n", count);
}

/* A template as its emoji, if any, then its masked message. */
static void
compare_output_md_template(FILE *out, const compare_template *t, bool cell)
{
	if (compare_output_has(t->emoji)) {
		compare_output_put(out, t->emoji, cell ? SHOW_CELL :
		    SHOW_MARKDOWN);
		fputc(' ', out);
	}
	compare_output_code(out, compare_output_or(t->text, ""), cell);
}

/* Whether example is its template word for word (nothing masked). */
static bool
compare_output_example_is_template(const compare_template *t,
    const char *example)
{
	size_t emoji_len = t->emoji != NULL ? strlen(t->emoji) : 0;

	if (t->text == NULL)
		return false;
	if (emoji_len > 0 && strncmp(example, t->emoji, emoji_len) == 0 &&
	    example[emoji_len] == ' ')
		example += emoji_len + 1;
	return strcmp(example, t->text) == 0;
}

/* The templates seen as presence says, at most the list cap of them. */
static void
compare_output_md_templates(FILE *out, const compare_result *result,
    compare_output_presence presence)
{
	size_t total = compare_output_presence_count(result, presence);
	size_t shown = 0;
	bool shared = presence == TEMPLATE_SHARED;
	int side = presence == TEMPLATE_CANDIDATE_ONLY ? CANDIDATE_SIDE :
	    REFERENCE_SIDE;

	compare_output_md_template_heading(out, result, presence, total);
	if (total == 0) {
		fputs("None.\n\n", out);
		return;
	}
	if (shared) {
		fputs("| Level | Template | ", out);
		compare_output_put(out, result->sides[REFERENCE_SIDE].name,
		    SHOW_CELL);
		fputs(" | ", out);
		compare_output_put(out, result->sides[CANDIDATE_SIDE].name,
		    SHOW_CELL);
		fputs(" | Example |\n|---|---|---:|---:|---|\n", out);
	} else {
		fputs("| Level | Template | Messages | Example |\n"
		    "|---|---|---:|---|\n", out);
	}
	for (size_t i = 0; i < result->template_count &&
	    shown < COMPARE_OUTPUT_LIST_MAX; i++) {
		const compare_template *t = &result->templates[i];
		const char *example = t->example[side];
		if (compare_output_presence_of(t) != presence)
			continue;
		shown++;
		fputs("| ", out);
		compare_output_md_code_cell(out, compare_output_has(t->level) ?
		    t->level : NULL, "\u2014");
		fputs(" | ", out);
		compare_output_md_template(out, t, true);
		if (shared) {
			fprintf(out, " | %llu | %llu | ", (unsigned long long)
			    t->count[REFERENCE_SIDE], (unsigned long long)
			    t->count[CANDIDATE_SIDE]);
			if (example == NULL)
				example = t->example[CANDIDATE_SIDE];
		} else {
			fprintf(out, " | %llu | ",
			    (unsigned long long)t->count[side]);
		}
		compare_output_md_code_cell(out, example, "\u2014");
		fputs(" |\n", out);
	}
	compare_output_md_more(out, shown, total, "templates");
	fputc('\n', out);
}

static void
compare_output_md_patterns(FILE *out, const compare_result *result)
{
	fputs("## Message patterns\n\n", out);
	compare_output_md_emoji(out, result);
	compare_output_md_templates(out, result, TEMPLATE_SHARED);
	compare_output_md_templates(out, result, TEMPLATE_REFERENCE_ONLY);
	compare_output_md_templates(out, result, TEMPLATE_CANDIDATE_ONLY);
}

/* Templates of one side only, as what that side logs and the other not. */
static void
compare_output_md_content_side(FILE *out, const compare_result *result,
    compare_output_presence presence)
{
	int side = presence == TEMPLATE_REFERENCE_ONLY ? REFERENCE_SIDE :
	    CANDIDATE_SIDE;
	size_t total = compare_output_presence_count(result, presence);
	size_t shown = 0;

	if (total == 0)
		return;
	fputs("Only ", out);
	compare_output_md_side(out, result, side);
	fprintf(out, " logs these (%zu template%s):\n\n", total,
	    compare_output_plural(total));
	for (size_t i = 0; i < result->template_count &&
	    shown < COMPARE_OUTPUT_LIST_MAX; i++) {
		const compare_template *t = &result->templates[i];
		const char *example = t->example[side];
		if (compare_output_presence_of(t) != presence)
			continue;
		shown++;
		fputs("- ", out);
		if (example != NULL)
			compare_output_code(out, example, false);
		else
			compare_output_md_template(out, t, false);
		fputs(" (", out);
		if (compare_output_has(t->level)) {
			compare_output_code(out, t->level, false);
			fputs(", ", out);
		}
		if (example != NULL &&
		    !compare_output_example_is_template(t, example)) {
			fputs("template ", out);
			compare_output_md_template(out, t, false);
			fputs(", ", out);
		}
		fprintf(out, "%llu message%s)\n", (unsigned long long)
		    t->count[side], compare_output_plural(t->count[side]));
	}
	compare_output_md_more(out, shown, total, "templates");
	fputc('\n', out);
}

static void
compare_output_md_emoji_change(FILE *out, const compare_result *result,
    const compare_emoji *e, int side)
{
	fputs("- ", out);
	compare_output_md_side(out, result, CANDIDATE_SIDE);
	fputs(side == CANDIDATE_SIDE ? " adds " : " drops ", out);
	compare_output_put(out, e->emoji, SHOW_MARKDOWN);
	fprintf(out, " (%llu message%s", (unsigned long long)e->count[side],
	    compare_output_plural(e->count[side]));
	if (side == REFERENCE_SIDE) {
		fputs(" in ", out);
		compare_output_md_side(out, result, REFERENCE_SIDE);
	}
	if (compare_output_has(e->level[side])) {
		fputs(", mostly ", out);
		compare_output_code(out, e->level[side], false);
	}
	fputs(")\n", out);
}

static void
compare_output_md_emoji_changes(FILE *out, const compare_result *result)
{
	size_t shown = 0, total = 0;

	for (size_t i = 0; i < result->emoji_count; i++) {
		const compare_emoji *e = &result->emoji[i];
		if (e->count[REFERENCE_SIDE] > 0 &&
		    e->count[CANDIDATE_SIDE] > 0)
			continue;
		if (total++ >= COMPARE_OUTPUT_LIST_MAX)
			continue;
		shown++;
		compare_output_md_emoji_change(out, result, e,
		    e->count[CANDIDATE_SIDE] > 0 ? CANDIDATE_SIDE :
		    REFERENCE_SIDE);
	}
	if (total == 0 && result->emoji_count > 0)
		fputs("Both sides lead messages with the same emoji.\n", out);
	else if (total == 0)
		fputs("Neither side leads a message with an emoji.\n", out);
	compare_output_md_more(out, shown, total, "emoji");
	fputc('\n', out);
}

static void
compare_output_md_dimension(FILE *out, const compare_dimension *dim,
    const compare_output_words *w)
{
	fprintf(out, "- %s **%s** (%s): ",
	    compare_output_verdict_mark(dim->verdict), dim->name,
	    compare_verdict_name(dim->verdict));
	compare_output_put(out, w->summary, SHOW_MARKDOWN);
	fputc('\n', out);
	for (size_t i = 0; i < w->evidence_count; i++) {
		fputs("  - ", out);
		compare_output_put(out, w->evidence[i], SHOW_MARKDOWN);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dim->example_count; i++) {
		const compare_example *ex = &dim->examples[i];
		fputs("  - ", out);
		compare_output_put(out, ex->file, SHOW_MARKDOWN);
		fprintf(out, ":%lu: ", ex->line);
		compare_output_code(out, compare_output_or(ex->text, ""),
		    false);
		if (compare_output_note_of(w, i) != NULL) {
			fputs(" \u2014 ", out);
			compare_output_put(out, compare_output_note_of(w, i),
			    SHOW_MARKDOWN);
		}
		fputc('\n', out);
	}
}

static void
compare_output_md_differences(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	size_t identical = 0, unchecked = 0;

	fputs("## Key differences\n\n### Message content\n\n", out);
	if (compare_output_presence_count(result,
	    TEMPLATE_REFERENCE_ONLY) == 0 && compare_output_presence_count(
	    result, TEMPLATE_CANDIDATE_ONLY) == 0) {
		fputs("No template is unique to either side.\n\n", out);
	} else {
		compare_output_md_content_side(out, result,
		    TEMPLATE_REFERENCE_ONLY);
		compare_output_md_content_side(out, result,
		    TEMPLATE_CANDIDATE_ONLY);
	}
	fputs("### Emoji\n\n", out);
	compare_output_md_emoji_changes(out, result);
	fputs("### Format\n\n", out);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		/* The checklist says what was not checked, and why. */
		if (result->dimensions[d].verdict == VERDICT_NOT_CHECKED)
			unchecked++;
		else if (result->dimensions[d].verdict == VERDICT_IDENTICAL)
			identical++;
		else
			compare_output_md_dimension(out,
			    &result->dimensions[d], &words[d]);
	}
	if (identical == DIMENSION_COUNT)
		fprintf(out, "All %d dimensions are identical.\n",
		    DIMENSION_COUNT);
	else if (identical > 0 && identical + unchecked == DIMENSION_COUNT)
		fprintf(out, "All %zu checked dimensions are identical.\n",
		    identical);
	fputc('\n', out);
}

static void
compare_output_md_checklist(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	fputs("## Compatibility checklist\n\n", out);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		fprintf(out, "- %s **%s**: %s \u2014 ",
		    compare_output_verdict_mark(dim->verdict), dim->name,
		    compare_verdict_name(dim->verdict));
		compare_output_put(out, words[d].summary, SHOW_MARKDOWN);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void
compare_output_md_assessment(FILE *out, const compare_result *result)
{
	static const compare_verdict order[] = {
		VERDICT_INCOMPATIBLE, VERDICT_DIFFERENT, VERDICT_CONSISTENT,
		VERDICT_IDENTICAL, VERDICT_NOT_CHECKED
	};
	const char *names[DIMENSION_COUNT];
	size_t count;

	fputs("## Final assessment\n\n", out);
	count = compare_output_dimensions_with(result, VERDICT_INCOMPATIBLE,
	    names);
	if (result->compatible) {
		fputs("**COMPATIBLE**: no dimension is incompatible.\n\n", out);
	} else {
		fputs("**INCOMPATIBLE**: ", out);
		compare_output_and_list(out, names, count);
		fputs(count == 1 ? " is" : " are", out);
		fputs(" incompatible.\n\n", out);
	}
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		count = compare_output_dimensions_with(result, order[i], names);
		if (count == 0)
			continue;
		fprintf(out, "- %s %s: ", compare_output_verdict_mark(order[i]),
		    compare_verdict_name(order[i]));
		compare_output_and_list(out, names, count);
		fputc('\n', out);
	}
	fputs("\nReference format ", out);
	compare_output_code(out, compare_output_or(result->rules_name, ""),
	    false);
	if (result->rules_yaml != NULL) {
		fputs(", inferred from ", out);
		compare_output_md_side(out, result, REFERENCE_SIDE);
		fputs(":\n\n", out);
		compare_output_block(out, "yaml", result->rules_yaml);
	} else if (result->rules_path != NULL) {
		fputs(", from ", out);
		compare_output_code(out, result->rules_path, false);
		fputs(".\n", out);
	} else {
		fputs(".\n", out);
	}
}

static void
compare_output_markdown(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	fputs("# Logging comparison: ", out);
	compare_output_put(out, result->sides[REFERENCE_SIDE].name,
	    SHOW_MARKDOWN);
	fputs(" vs ", out);
	compare_output_put(out, result->sides[CANDIDATE_SIDE].name,
	    SHOW_MARKDOWN);
	fprintf(out, "\n\nVerdict: **%s**. Reference: ",
	    result->compatible ? "COMPATIBLE" : "INCOMPATIBLE");
	compare_output_md_side(out, result, REFERENCE_SIDE);
	fputs("; candidate: ", out);
	compare_output_md_side(out, result, CANDIDATE_SIDE);
	fputs(".\n\n", out);
	compare_output_md_core(out, result, words);
	compare_output_md_statistics(out, result);
	compare_output_md_keys(out, result);
	compare_output_md_patterns(out, result);
	compare_output_md_differences(out, result, words);
	compare_output_md_checklist(out, result, words);
	compare_output_md_assessment(out, result);
}

/* Facts that could not be packed read as an empty object. */
static json_t *
compare_output_json_object(json_t *facts)
{
	return facts != NULL ? facts : json_object();
}

static json_t *
compare_output_json_side(const compare_side *side)
{
	return json_pack("{so s{so so so}}",
	    "name", compare_output_json_string(side->name),
	    "format",
	    "skeleton", compare_output_json_string(side->skeleton),
	    "time", compare_output_json_string(side->time_format),
	    "inferred", compare_output_json_string(side->format_yaml));
}

static json_t *
compare_output_json_dimension(const compare_result *result, int d,
    const compare_output_words *w)
{
	const compare_dimension *dim = &result->dimensions[d];
	json_t *evidence = json_array(), *examples = json_array();

	for (size_t i = 0; i < w->evidence_count; i++)
		json_array_append_new(evidence,
		    compare_output_json_string(w->evidence[i]));
	for (size_t i = 0; i < dim->example_count; i++) {
		const compare_example *ex = &dim->examples[i];
		json_array_append_new(examples, json_pack("{so sI so so}",
		    "file", compare_output_json_string(ex->file),
		    "line", (json_int_t)ex->line,
		    "text", compare_output_json_string(ex->text),
		    "note", compare_output_json_string(
		    compare_output_note_of(w, i))));
	}
	return json_pack("{ss ss so so so so so}",
	    "name", dim->name,
	    "verdict", compare_verdict_name(dim->verdict),
	    "summary", compare_output_json_string(w->summary),
	    "reference", compare_output_json_object(
	    compare_output_json_facts(result, d, w, REFERENCE_SIDE)),
	    "candidate", compare_output_json_object(
	    compare_output_json_facts(result, d, w, CANDIDATE_SIDE)),
	    "evidence", evidence,
	    "examples", examples);
}

static json_t *
compare_output_json_statistics(const compare_side *side)
{
	const report *rep = compare_output_report(side);
	json_t *levels = json_object(), *streams = json_object();

	for (size_t i = 0; i < rep->level_count; i++)
		json_object_set_new(levels, rep->levels[i].level,
		    json_integer((json_int_t)rep->levels[i].count));
	if (rep->other_levels > 0)
		json_object_set_new(levels, "(other)",
		    json_integer((json_int_t)rep->other_levels));
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		const report_counts *c = &rep->streams[s];
		if (c->lines == 0 && side->stream_lines[s] == 0)
			continue;
		json_object_set_new(streams, capture_stream_name(s),
		    json_pack("{sI sI sI sI sI}",
		    "lines", (json_int_t)c->lines,
		    "conforming", (json_int_t)c->conforming,
		    "violations", (json_int_t)c->violating,
		    "foreign", (json_int_t)c->foreign,
		    "log_lines", (json_int_t)side->stream_lines[s]));
	}
	return json_pack("{sI sI sI sI so so sI sb sI sI sI}",
	    "lines", (json_int_t)rep->total.lines,
	    "conforming", (json_int_t)rep->total.conforming,
	    "violations", (json_int_t)rep->total.violating,
	    "foreign", (json_int_t)rep->total.foreign,
	    "levels", levels,
	    "streams", streams,
	    "templates", (json_int_t)side->template_count,
	    "templates_capped", (int)side->templates_capped,
	    "emoji_led", (json_int_t)side->emoji_led,
	    "text_marked", (json_int_t)side->text_marked,
	    "messages", (json_int_t)side->messages);
}

static json_t *
compare_output_json(const compare_result *result,
    const compare_output_words *words)
{
	json_t *root = json_object(), *dimensions = json_array(),
	    *templates = json_array(), *emoji = json_array();

	json_object_set_new(root, "command", json_string("compare"));
	json_object_set_new(root, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(root, "verdict", json_string(result->compatible ?
	    "compatible" : "incompatible"));
	json_object_set_new(root, "reference",
	    compare_output_json_side(&result->sides[REFERENCE_SIDE]));
	json_object_set_new(root, "candidate",
	    compare_output_json_side(&result->sides[CANDIDATE_SIDE]));
	json_object_set_new(root, "rules", json_pack("{so so so}",
	    "name", compare_output_json_string(result->rules_name),
	    "path", compare_output_json_string(result->rules_path),
	    "inferred", compare_output_json_string(result->rules_yaml)));
	for (int d = 0; d < DIMENSION_COUNT; d++)
		json_array_append_new(dimensions,
		    compare_output_json_dimension(result, d, &words[d]));
	json_object_set_new(root, "dimensions", dimensions);
	json_object_set_new(root, "statistics", json_pack("{so so}",
	    "reference", compare_output_json_statistics(
	    &result->sides[REFERENCE_SIDE]),
	    "candidate", compare_output_json_statistics(
	    &result->sides[CANDIDATE_SIDE])));
	for (size_t i = 0; i < result->template_count; i++) {
		const compare_template *t = &result->templates[i];
		json_array_append_new(templates, json_pack(
		    "{so so so sI sI s{so so}}",
		    "text", compare_output_json_string(t->text),
		    "level", compare_output_json_string(t->level),
		    "emoji", compare_output_json_string(t->emoji),
		    "reference", (json_int_t)t->count[REFERENCE_SIDE],
		    "candidate", (json_int_t)t->count[CANDIDATE_SIDE],
		    "examples",
		    "reference", compare_output_json_string(
		    t->example[REFERENCE_SIDE]),
		    "candidate", compare_output_json_string(
		    t->example[CANDIDATE_SIDE])));
	}
	json_object_set_new(root, "templates", templates);
	for (size_t i = 0; i < result->emoji_count; i++) {
		const compare_emoji *e = &result->emoji[i];
		json_array_append_new(emoji, json_pack("{so sI sI s{so so}}",
		    "emoji", compare_output_json_string(e->emoji),
		    "reference", (json_int_t)e->count[REFERENCE_SIDE],
		    "candidate", (json_int_t)e->count[CANDIDATE_SIDE],
		    "level",
		    "reference", compare_output_json_string(
		    e->level[REFERENCE_SIDE]),
		    "candidate", compare_output_json_string(
		    e->level[CANDIDATE_SIDE])));
	}
	json_object_set_new(root, "emoji", emoji);
	return root;
}

static void
compare_output_junit_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"%s\" value=\"", name);
	compare_output_put(out, value, SHOW_XML_ATTRIBUTE);
	fputs("\"/>\n", out);
}

/* Evidence, then examples, one a line, for a failure or system-out. */
static void
compare_output_junit_details(FILE *out, const compare_dimension *dim,
    const compare_output_words *w)
{
	for (size_t i = 0; i < w->evidence_count; i++) {
		compare_output_put(out, w->evidence[i], SHOW_XML_TEXT);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dim->example_count; i++) {
		const compare_example *ex = &dim->examples[i];
		compare_output_put(out, ex->file, SHOW_XML_TEXT);
		fprintf(out, ":%lu: ", ex->line);
		compare_output_put(out, ex->text, SHOW_XML_TEXT);
		if (compare_output_note_of(w, i) != NULL) {
			fputs(" (", out);
			compare_output_put(out, compare_output_note_of(w, i),
			    SHOW_XML_TEXT);
			fputc(')', out);
		}
		fputc('\n', out);
	}
}

static void
compare_output_junit(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	size_t failures = 0;

	for (int d = 0; d < DIMENSION_COUNT; d++) {
		if (result->dimensions[d].verdict == VERDICT_INCOMPATIBLE)
			failures++;
	}
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites>\n"
	    "  <testsuite name=\"logcompat compare\" tests=\"%d\" "
	    "failures=\"%zu\">\n"
	    "    <properties>\n", DIMENSION_COUNT, failures);
	compare_output_junit_property(out, "reference",
	    result->sides[REFERENCE_SIDE].name);
	compare_output_junit_property(out, "candidate",
	    result->sides[CANDIDATE_SIDE].name);
	compare_output_junit_property(out, "rules", result->rules_name);
	fputs("    </properties>\n", out);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		fprintf(out, "    <testcase classname=\"logcompat.compare\" "
		    "name=\"%s\"", dim->name);
		if (dim->verdict == VERDICT_INCOMPATIBLE) {
			fputs(">\n      <failure message=\"", out);
			compare_output_put(out, words[d].summary,
			    SHOW_XML_ATTRIBUTE);
			fputs("\" type=\"incompatible\">", out);
			compare_output_junit_details(out, dim, &words[d]);
			fputs("</failure>\n    </testcase>\n", out);
		} else if (dim->verdict == VERDICT_NOT_CHECKED) {
			fputs(">\n      <skipped message=\"", out);
			compare_output_put(out, words[d].summary,
			    SHOW_XML_ATTRIBUTE);
			fputs("\"/>\n    </testcase>\n", out);
		} else if (dim->verdict == VERDICT_DIFFERENT) {
			fputs(">\n      <system-out>", out);
			compare_output_put(out, words[d].summary,
			    SHOW_XML_TEXT);
			fputc('\n', out);
			compare_output_junit_details(out, dim, &words[d]);
			fputs("</system-out>\n    </testcase>\n", out);
		} else {
			fputs("/>\n", out);
		}
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
}

#define COMPARE_OUTPUT_SARIF_SCHEMA "https://docs.oasis-open.org/sarif/" \
	"sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* Dimensions that have something to say in CI: a failure or a warning. */
static bool
compare_output_reported(compare_verdict verdict)
{
	return verdict == VERDICT_INCOMPATIBLE || verdict == VERDICT_DIFFERENT;
}

static const char *
compare_output_ci_level(compare_verdict verdict)
{
	return verdict == VERDICT_INCOMPATIBLE ? "error" : "warning";
}

static json_t *
compare_output_sarif_text(const char *text)
{
	return json_pack("{so}", "text", compare_output_json_string(
	    compare_output_has(text) ? text : "(none)"));
}

static json_t *
compare_output_sarif_location(const char *file, unsigned long line,
    const char *snippet)
{
	char *uri = render_uri(file);
	json_t *physical = json_pack("{s{so}}", "artifactLocation", "uri",
	    jsonutil_string(uri, strlen(uri)));

	free(uri);
	if (line > 0) {
		json_t *region = json_pack("{sI}", "startLine",
		    (json_int_t)line);
		/* SARIF's text is never "": an empty line has no snippet. */
		if (compare_output_has(snippet))
			json_object_set_new(region, "snippet",
			    compare_output_sarif_text(snippet));
		json_object_set_new(physical, "region", region);
	}
	return json_pack("[{so}]", "physicalLocation", physical);
}

/* The summary and its evidence, one a line, as a result's message. */
static char *
compare_output_sarif_message(const compare_output_words *w)
{
	strbuf text = { 0 };

	strbuf_join(&text, "", compare_output_or(w->summary, ""));
	for (size_t i = 0; i < w->evidence_count; i++)
		strbuf_join(&text, "\n", w->evidence[i]);
	return strbuf_take(&text);
}

/*
 * SARIF 2.1.0: a rule per dimension; a result per incompatible (error) or
 * different (warning) dimension, at its first example or the candidate,
 * and one per example line it rests on.
 */
static json_t *
compare_output_sarif(const compare_result *result,
    const compare_output_words *words)
{
	json_t *rules = json_array(), *results = json_array();
	const char *candidate = result->sides[CANDIDATE_SIDE].name;

	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		char *description = xasprintf("compare: the %s dimension",
		    dim->name);
		json_array_append_new(rules, json_pack("{ss so s{ss}}",
		    "id", dim->name,
		    "shortDescription", compare_output_sarif_text(description),
		    "defaultConfiguration", "level",
		    dim->verdict == VERDICT_DIFFERENT ? "warning" : "error"));
		free(description);
		if (!compare_output_reported(dim->verdict))
			continue;
		const char *level = compare_output_ci_level(dim->verdict);
		char *message = compare_output_sarif_message(&words[d]);
		const compare_example *first = dim->example_count > 0 ?
		    &dim->examples[0] : NULL;
		json_array_append_new(results, json_pack("{ss sI ss so so "
		    "s{ss}}", "ruleId", dim->name, "ruleIndex", (json_int_t)d,
		    "level", level,
		    "message", compare_output_sarif_text(message),
		    "locations", first != NULL ?
		    compare_output_sarif_location(first->file, first->line,
		    first->text) : compare_output_sarif_location(
		    compare_output_or(candidate, "-"), 0, NULL),
		    "properties", "verdict", compare_verdict_name(dim->verdict)));
		free(message);
		for (size_t i = 0; i < dim->example_count; i++) {
			const compare_example *ex = &dim->examples[i];
			const char *note = compare_output_note_of(&words[d], i);
			json_array_append_new(results, json_pack("{ss sI ss so "
			    "so}", "ruleId", dim->name,
			    "ruleIndex", (json_int_t)d, "level", level,
			    "message", compare_output_sarif_text(note != NULL ?
			    note : words[d].summary),
			    "locations", compare_output_sarif_location(ex->file,
			    ex->line, ex->text)));
		}
	}
	json_t *run = json_pack("{s{s{ss ss so}} so s[{sb}] s{ss so so so}}",
	    "tool", "driver", "name", "logcompat",
	    "version", PACKAGE_VERSION, "rules", rules,
	    "results", results,
	    "invocations", "executionSuccessful", 1,
	    "properties", "verdict", result->compatible ? "compatible" :
	    "incompatible",
	    "reference", compare_output_json_string(
	    result->sides[REFERENCE_SIDE].name),
	    "candidate", compare_output_json_string(candidate),
	    "rulesFormat", compare_output_json_string(result->rules_name));
	return json_pack("{ss ss s[o]}", "$schema",
	    COMPARE_OUTPUT_SARIF_SCHEMA, "version", "2.1.0", "runs", run);
}

/* GitHub workflow commands: escape data, and more in properties. */
static void
compare_output_github_escaped(FILE *out, const char *text, bool property)
{
	for (const char *p = text != NULL ? text : ""; *p != '\0'; p++) {
		switch (*p) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs(property ? "%3A" : ":", out); break;
		case ',': fputs(property ? "%2C" : ",", out); break;
		default: fputc(*p, out); break;
		}
	}
}

/*
 * GitHub annotations: ::error per incompatible dimension, ::warning per
 * different one, at its first example line when it has one; then the
 * verdict.  The job summary is the Markdown report (the command appends
 * it to $GITHUB_STEP_SUMMARY).
 */
static void
compare_output_github(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	size_t counts[2] = { 0, 0 };

	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		if (!compare_output_reported(dim->verdict))
			continue;
		counts[dim->verdict == VERDICT_DIFFERENT]++;
		fprintf(out, "::%s ", compare_output_ci_level(dim->verdict));
		if (dim->example_count > 0) {
			fputs("file=", out);
			compare_output_github_escaped(out,
			    dim->examples[0].file, true);
			if (dim->examples[0].line > 0)
				fprintf(out, ",line=%lu",
				    dim->examples[0].line);
			fputc(',', out);
		}
		fputs("title=", out);
		char *title = xasprintf("compare: %s %s", dim->name,
		    compare_verdict_name(dim->verdict));
		compare_output_github_escaped(out, title, true);
		free(title);
		fputs("::", out);
		char *message = compare_output_sarif_message(&words[d]);
		compare_output_github_escaped(out, message, false);
		free(message);
		fputc('\n', out);
	}
	fputs("logcompat compare: ", out);
	compare_output_put(out, result->sides[REFERENCE_SIDE].name,
	    SHOW_TERMINAL);
	fputs(" vs ", out);
	compare_output_put(out, result->sides[CANDIDATE_SIDE].name,
	    SHOW_TERMINAL);
	fprintf(out, ": %s; %zu incompatible, %zu different\n",
	    result->compatible ? "compatible" : "incompatible", counts[0],
	    counts[1]);
}

#define COMPARE_HTML_W		560	/* a chart's plot width, pixels */
#define COMPARE_HTML_REF	"#1565c0"
#define COMPARE_HTML_CAND	"#e69b00"
#define COMPARE_HTML_RED	"#c62828"
#define COMPARE_HTML_GREEN	"#2e7d32"
#define COMPARE_HTML_GREY	"#9e9e9e"

static const char compare_html_style[] =
"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
"max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;"
"background:#fff}\n"
"h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;"
"margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\n"
".sub{color:#555;margin-top:0}code,pre{font:13px/1.4 ui-monospace,"
"\"DejaVu Sans Mono\",Menlo,monospace}\n"
"table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid "
"#ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}\n"
"th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:"
"tabular-nums}\n"
"#verdict{font-size:1.3rem;font-weight:600;padding:.6rem .9rem;"
"border-radius:6px;display:inline-block}\n"
".pass{background:#e8f5e9;color:" COMPARE_HTML_GREEN "}"
".fail{background:#ffebee;color:" COMPARE_HTML_RED "}\n"
".incompatible{color:" COMPARE_HTML_RED ";font-weight:600}"
".different{color:#a86b00;font-weight:600}.identical,.consistent{color:"
COMPARE_HTML_GREEN "}.unchecked{color:#666}\n"
".loc{color:#555}.note{color:#555;font-style:italic}"
".key span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 "
"1em}\n"
"svg text{font:12px system-ui,sans-serif;fill:#333}\n";

static const char *
compare_html_class(compare_verdict verdict)
{
	return verdict == VERDICT_NOT_CHECKED ? "unchecked" :
	    compare_verdict_name(verdict);
}

static void
compare_html_side_key(FILE *out, const compare_result *result)
{
	fputs("<p class=\"key\"><span style=\"background:" COMPARE_HTML_REF
	    "\"></span>", out);
	render_xml_text(out, result->sides[REFERENCE_SIDE].name);
	fputs(" (reference)<span style=\"background:" COMPARE_HTML_CAND
	    "\"></span>", out);
	render_xml_text(out, result->sides[CANDIDATE_SIDE].name);
	fputs(" (candidate)</p>\n", out);
}

/*
 * Horizontal bars, two per row (reference above candidate), scaled to
 * the largest count; labels are ours or escaped.
 */
static void
compare_html_pairs(FILE *out, const char *const *labels,
    const uint64_t (*counts)[2], size_t rows)
{
	uint64_t most = 1;
	int height = (int)rows * 34 + 6;

	for (size_t i = 0; i < rows; i++) {
		for (int s = 0; s < 2; s++) {
			if (counts[i][s] > most)
				most = counts[i][s];
		}
	}
	fprintf(out, "<svg width=\"%d\" height=\"%d\" role=\"img\">\n",
	    COMPARE_HTML_W + 220, height);
	for (size_t i = 0; i < rows; i++) {
		int y = (int)i * 34 + 4;
		fprintf(out, "<text x=\"0\" y=\"%d\">", y + 18);
		render_xml_text(out, labels[i]);
		fputs("</text>\n", out);
		for (int s = 0; s < 2; s++) {
			double w = (double)COMPARE_HTML_W * (double)counts[i][s]
			    / (double)most;
			fprintf(out, "<rect x=\"140\" y=\"%d\" width=\"%.1f\" "
			    "height=\"13\" fill=\"%s\"><title>%llu</title>"
			    "</rect><text x=\"%.1f\" y=\"%d\">%llu</text>\n",
			    y + s * 14, w, s == 0 ? COMPARE_HTML_REF :
			    COMPARE_HTML_CAND, (unsigned long long)counts[i][s],
			    144 + w, y + s * 14 + 11,
			    (unsigned long long)counts[i][s]);
		}
	}
	fputs("</svg>\n", out);
}

static void
compare_html_levels(FILE *out, const compare_result *result)
{
	const report *reps[2] = {
		compare_output_report(&result->sides[REFERENCE_SIDE]),
		compare_output_report(&result->sides[CANDIDATE_SIDE]),
	};
	size_t count;
	const char **levels = compare_output_levels(result, &count);

	fputs("<h2>Levels</h2>\n", out);
	if (count == 0) {
		fputs("<p>Neither side has a level.</p>\n", out);
		free(levels);
		return;
	}
	uint64_t (*counts)[2] = xreallocarray(NULL, count, sizeof *counts);
	for (size_t i = 0; i < count; i++) {
		for (int s = 0; s < 2; s++)
			counts[i][s] = compare_output_level_count(reps[s],
			    levels[i]);
	}
	compare_html_side_key(out, result);
	compare_html_pairs(out, levels, (const uint64_t (*)[2])counts, count);
	free(counts);
	free(levels);
}

static void
compare_html_emoji(FILE *out, const compare_result *result)
{
	size_t shown = result->emoji_count < COMPARE_OUTPUT_LIST_MAX ?
	    result->emoji_count : COMPARE_OUTPUT_LIST_MAX;

	fputs("<h2>Emoji vocabulary</h2>\n", out);
	if (shown == 0) {
		fputs("<p>No message on either side is led by an emoji.</p>\n",
		    out);
		return;
	}
	const char **labels = xreallocarray(NULL, shown, sizeof *labels);
	uint64_t (*counts)[2] = xreallocarray(NULL, shown, sizeof *counts);
	for (size_t i = 0; i < shown; i++) {
		const compare_emoji *e = &result->emoji[i];
		labels[i] = e->emoji;
		counts[i][0] = e->count[REFERENCE_SIDE];
		counts[i][1] = e->count[CANDIDATE_SIDE];
	}
	compare_html_side_key(out, result);
	compare_html_pairs(out, labels, (const uint64_t (*)[2])counts, shown);
	free(labels);
	free(counts);
	fputs("<table><tr><th>Emoji</th><th>Level in the reference</th>"
	    "<th>Level in the candidate</th></tr>\n", out);
	for (size_t i = 0; i < shown; i++) {
		const compare_emoji *e = &result->emoji[i];
		fputs("<tr><td>", out);
		render_xml_text(out, e->emoji);
		for (int s = 0; s < 2; s++) {
			fputs("</td><td><code>", out);
			render_xml_text(out, compare_output_has(e->level[s]) ?
			    e->level[s] : "\u2014");
			fputs("</code>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	if (result->emoji_count > shown)
		fprintf(out, "<p>%zu more emoji not shown.</p>\n",
		    result->emoji_count - shown);
}

static void
compare_html_templates(FILE *out, const compare_result *result)
{
	size_t n[3] = {
		compare_output_presence_count(result, TEMPLATE_SHARED),
		compare_output_presence_count(result, TEMPLATE_REFERENCE_ONLY),
		compare_output_presence_count(result, TEMPLATE_CANDIDATE_ONLY),
	};
	static const char *const names[3] = {
		"shared", "only in the reference", "only in the candidate"
	};
	static const char *const colours[3] = {
		COMPARE_HTML_GREEN, COMPARE_HTML_REF, COMPARE_HTML_CAND
	};
	size_t all = n[0] + n[1] + n[2], shown = 0;
	double x = 0;

	fputs("<h2>Templates</h2>\n", out);
	fprintf(out, "<p>%zu shared, %zu only in the reference, %zu only in "
	    "the candidate.</p>\n", n[0], n[1], n[2]);
	if (all == 0)
		return;
	fprintf(out, "<svg width=\"%d\" height=\"22\" role=\"img\">",
	    COMPARE_HTML_W + 160);
	for (int k = 0; k < 3; k++) {
		double w = (double)(COMPARE_HTML_W + 160) * (double)n[k] /
		    (double)all;
		if (n[k] == 0)
			continue;
		fprintf(out, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" "
		    "height=\"22\" fill=\"%s\"><title>%zu %s</title></rect>",
		    x, w, colours[k], n[k], names[k]);
		x += w;
	}
	fputs("</svg>\n<table><tr><th>Where</th><th>Level</th><th>Template"
	    "</th><th>Reference</th><th>Candidate</th></tr>\n", out);
	for (size_t i = 0; i < result->template_count &&
	    shown < COMPARE_OUTPUT_LIST_MAX * 2; i++, shown++) {
		const compare_template *t = &result->templates[i];
		fprintf(out, "<tr><td>%s</td><td><code>",
		    names[compare_output_presence_of(t)]);
		render_xml_text(out, compare_output_has(t->level) ? t->level :
		    "\u2014");
		fputs("</code></td><td>", out);
		if (compare_output_has(t->emoji)) {
			render_xml_text(out, t->emoji);
			fputc(' ', out);
		}
		fputs("<code>", out);
		render_xml_text(out, compare_output_or(t->text, ""));
		fprintf(out, "</code></td><td class=\"n\">%llu</td>"
		    "<td class=\"n\">%llu</td></tr>\n",
		    (unsigned long long)t->count[REFERENCE_SIDE],
		    (unsigned long long)t->count[CANDIDATE_SIDE]);
	}
	fputs("</table>\n", out);
	if (result->template_count > shown)
		fprintf(out, "<p>%zu more templates not shown.</p>\n",
		    result->template_count - shown);
}

/* The keys of both sides, as the Markdown report lists them. */
static void
compare_html_keys(FILE *out, const compare_result *result)
{
	const compare_keys_facts *f = &result->keys;
	const compare_key *k;
	size_t shown = 0;

	if (!compare_output_keys_listed(f))
		return;
	fputs("<h2>Keys</h2>\n<p>Share of records holding each key, and the "
	    "types of its values; keys that differ first.</p>\n<table><tr>"
	    "<th>Key</th><th>Reference</th><th>Candidate</th></tr>\n", out);
	while (shown < COMPARE_OUTPUT_LIST_MAX * 2 &&
	    (k = compare_output_key_row(f, shown)) != NULL) {
		fputs("<tr><td><code>", out);
		render_xml_text(out, k->name);
		fputs("</code></td>", out);
		for (int side = 0; side < 2; side++) {
			char *cell = compare_output_key_cell(f, k, side);
			fputs("<td>", out);
			render_xml_text(out, cell);
			fputs("</td>", out);
			free(cell);
		}
		fputs("</tr>\n", out);
		shown++;
	}
	fputs("</table>\n", out);
	if (f->key_count > shown)
		fprintf(out, "<p>%zu more keys not shown.</p>\n",
		    f->key_count - shown);
}

/*
 * Flush: the twins of each side by how they arrived (in time, late on
 * stdout, late on stderr), then a histogram of their delays by powers of
 * ten.
 */
static void
compare_html_flush(FILE *out, const compare_result *result,
    const compare_output_words *w)
{
	const compare_flush_facts *f = &result->flush;
	static const char *const labels[3] = {
		"in time", "late on stdout", "late on stderr"
	};
	uint64_t counts[3][2];

	fputs("<h2>Flush timing</h2>\n<p>", out);
	render_xml_text(out, w->summary);
	fputs("</p>\n", out);
	if (f->flush[0].pairs == 0 && f->flush[1].pairs == 0)
		return;
	for (int s = 0; s < 2; s++) {
		const report_flush *fl = &f->flush[s];
		counts[1][s] = fl->late[0];
		counts[2][s] = fl->late[1];
		counts[0][s] = fl->pairs - fl->late[0] - fl->late[1];
	}
	compare_html_side_key(out, result);
	compare_html_pairs(out, labels, (const uint64_t (*)[2])counts, 3);
	uint64_t delays[REPORT_FLUSH_BUCKETS][2];
	for (int b = 0; b < REPORT_FLUSH_BUCKETS; b++) {
		delays[b][0] = f->flush[0].delays[b];
		delays[b][1] = f->flush[1].delays[b];
	}
	fputs("<h3>Delays of the later twin</h3>\n", out);
	compare_html_pairs(out, report_flush_bucket_names,
	    (const uint64_t (*)[2])delays, REPORT_FLUSH_BUCKETS);
	fputs("<table><tr><th></th><th>Twins</th><th>Longest delay on stdout"
	    "</th><th>Longest delay on stderr</th></tr>\n", out);
	for (int s = 0; s < 2; s++) {
		const report_flush *fl = &f->flush[s];
		char *d0 = report_duration(fl->max_delay_ns[0]);
		char *d1 = report_duration(fl->max_delay_ns[1]);
		fprintf(out, "<tr><td>%s</td><td class=\"n\">%llu</td>"
		    "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
		    s == 0 ? "reference" : "candidate",
		    (unsigned long long)fl->pairs, d0, d1);
		free(d0);
		free(d1);
	}
	fputs("</table>\n", out);
}

static void
compare_html_dimensions(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	fputs("<h2>Dimensions</h2>\n<table><tr><th>Dimension</th><th>", out);
	render_xml_text(out, result->sides[REFERENCE_SIDE].name);
	fputs("</th><th>", out);
	render_xml_text(out, result->sides[CANDIDATE_SIDE].name);
	fputs("</th><th>Verdict</th><th>Why</th></tr>\n", out);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		fprintf(out, "<tr><td>%s</td><td>", dim->name);
		render_xml_text(out, compare_output_or(words[d].side[0], ""));
		fputs("</td><td>", out);
		render_xml_text(out, compare_output_or(words[d].side[1], ""));
		fprintf(out, "</td><td class=\"%s\">%s</td><td>",
		    compare_html_class(dim->verdict),
		    compare_verdict_name(dim->verdict));
		render_xml_text(out, compare_output_or(words[d].summary, ""));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

/* The evidence and example lines of what is not alike. */
static void
compare_html_evidence(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	bool any = false;

	for (int d = 0; d < DIMENSION_COUNT; d++) {
		const compare_dimension *dim = &result->dimensions[d];
		const compare_output_words *w = &words[d];
		if (!compare_output_reported(dim->verdict))
			continue;
		if (!any)
			fputs("<h2>Key differences</h2>\n", out);
		any = true;
		fprintf(out, "<h3 class=\"%s\">%s: %s</h3>\n<p>",
		    compare_html_class(dim->verdict), dim->name,
		    compare_verdict_name(dim->verdict));
		render_xml_text(out, compare_output_or(w->summary, ""));
		fputs("</p>\n<ul>\n", out);
		for (size_t i = 0; i < w->evidence_count; i++) {
			fputs("<li>", out);
			render_xml_text(out, w->evidence[i]);
			fputs("</li>\n", out);
		}
		for (size_t i = 0; i < dim->example_count; i++) {
			const compare_example *ex = &dim->examples[i];
			fputs("<li><span class=\"loc\">", out);
			render_xml_text(out, ex->file);
			fprintf(out, ":%lu</span> <code>", ex->line);
			render_xml_text(out, compare_output_or(ex->text, ""));
			fputs("</code>", out);
			if (compare_output_note_of(w, i) != NULL) {
				fputs(" <span class=\"note\">", out);
				render_xml_text(out,
				    compare_output_note_of(w, i));
				fputs("</span>", out);
			}
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
}

/*
 * One self-contained page, as the seed document reads: the verdict, the
 * dimensions side by side, levels and emoji per side as charts, templates
 * shared and not, the flush timing, then the evidence.  CSS and SVG are
 * inline; no script, nothing fetched.
 */
static void
compare_output_html(FILE *out, const compare_result *result,
    const compare_output_words *words)
{
	const char *verdict = result->compatible ? "compatible" :
	    "incompatible";

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n<title>logcompat compare: ", out);
	render_xml_text(out, result->sides[REFERENCE_SIDE].name);
	fputs(" vs ", out);
	render_xml_text(out, result->sides[CANDIDATE_SIDE].name);
	fprintf(out, ": %s</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>Logging comparison: ", verdict, compare_html_style);
	render_xml_text(out, result->sides[REFERENCE_SIDE].name);
	fputs(" vs ", out);
	render_xml_text(out, result->sides[CANDIDATE_SIDE].name);
	fputs("</h1>\n<p class=\"sub\">reference format <code>", out);
	render_xml_text(out, compare_output_or(result->rules_name, ""));
	fputs("</code>", out);
	if (result->rules_path != NULL) {
		fputs(" from <code>", out);
		render_xml_text(out, result->rules_path);
		fputs("</code>", out);
	} else
		fputs(", inferred from the reference", out);
	fprintf(out, "</p>\n<div id=\"verdict\" class=\"%s\">%s</div>\n",
	    result->compatible ? "pass" : "fail",
	    result->compatible ? "\u2705 COMPATIBLE" : "\u274c INCOMPATIBLE");
	compare_html_dimensions(out, result, words);
	compare_html_keys(out, result);
	compare_html_levels(out, result);
	compare_html_emoji(out, result);
	compare_html_templates(out, result);
	compare_html_flush(out, result, &words[DIMENSION_FLUSH]);
	compare_html_evidence(out, result, words);
	if (result->rules_yaml != NULL) {
		fputs("<h2>Inferred format</h2>\n<pre>", out);
		render_xml_text(out, result->rules_yaml);
		fputs("</pre>\n", out);
	}
	fprintf(out, "<p class=\"sub\">logcompat %s</p>\n</body>\n</html>\n",
	    PACKAGE_VERSION);
}

int
compare_output(FILE *out, const compare_result *result,
    compare_format format, bool color)
{
	compare_output_words words[DIMENSION_COUNT];
	int status = 0;

	for (int d = 0; d < DIMENSION_COUNT; d++)
		compare_output_words_make(&words[d], result, d);
	switch (format) {
	case COMPARE_JSON:
		if (jsonutil_dump_new(out, compare_output_json(result,
		    words)) != 0)
			status = -1;
		break;
	case COMPARE_JUNIT:
		compare_output_junit(out, result, words);
		break;
	case COMPARE_SARIF:
		if (jsonutil_dump_new(out, compare_output_sarif(result,
		    words)) != 0)
			status = -1;
		break;
	case COMPARE_GITHUB:
		compare_output_github(out, result, words);
		break;
	case COMPARE_HTML:
		compare_output_html(out, result, words);
		break;
	case COMPARE_MARKDOWN:
		compare_output_markdown(out, result, words);
		break;
	case COMPARE_TEXT:
		compare_output_text(out, result, words, color);
		break;
	}
	for (int d = 0; d < DIMENSION_COUNT; d++)
		compare_output_words_free(&words[d]);
	return status != 0 || ferror(out) ? -1 : 0;
}
