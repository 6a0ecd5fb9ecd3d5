/*
 * profile: a learned rule file (a profile) inferred from captures: the
 * sniff that infers a format, the reading that counts its baseline and
 * the check that it holds its own captures; see profile.h.
 */
#include "learn/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/baseline.h"
#include "decode/findings.h"
#include "decode/levels.h"
#include "learn/baseline_scan.h"
#include "learn/keyprofile.h"
#include "judge/check.h"
#include "judge/judge.h"
#include "input/source.h"
#include "input/spool.h"
#include "judge/samples.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/*
 * Read the start of a capture into an inference: at most sniff lines of
 * the first source (0: all of them), and of the others as many as bring
 * their layouts level with it (at most 4 * sniff), counting the
 * malformed container-log records left out (once: both streams' readers
 * see them).  *complete says whether every line was read.  0, or -1 on a
 * read error.
 */
int
profile_infer_feed(infer *in, const capture *c, size_t sniff,
    uint64_t *skipped, bool *complete, char **cause)
{
	bool cut = false;
	lc_line line;
	int got = 0;

	for (size_t i = 0; i < c->source_count && got >= 0; i++) {
		lc_stream first = c->sources[0].stream;
		lc_stream stream = c->sources[i].stream;
		source_reader *reader = source_open(&c->sources[i],
		    1024 * 1024, false, cause);
		size_t fed = 0, most = i == 0 ? sniff : 4 * sniff;

		/* A source that cannot be read again: take all of it. */
		if (!spool_rereadable(&c->sources[i]))
			most = 0;

		if (reader == NULL)
			return -1;
		for (;;) {
			if (cut && i > 0 && stream != first &&
			    infer_caught_up(in, first, stream))
				break;
			if ((got = source_next(reader, &line, NULL,
			    cause)) <= 0)
				break;
			if (most != 0 && fed == most) {
				cut = true;
				break;
			}
			infer_add(in, line.text, line.len, stream);
			fed++;
		}
		if (i == 0 && skipped != NULL)
			*skipped += source_skipped(reader);
		source_close(reader);
	}
	if (complete != NULL)
		*complete = !cut;
	return got < 0 ? -1 : 0;
}

/* Rules from an inferred format; NULL with *cause when they do not hold. */
rules *
profile_format_rules(const infer_format *format, const char *name,
    const char *from, char **cause)
{
	char *why = NULL;
	lc_error err;
	rules *r;

	r = infer_rules(format, name, &why);
	if (r != NULL && samples_verify(r, &err) != 0) {
		rules_free(r);
		r = NULL;
		why = xstrdup(err.text);
	}
	if (r == NULL)
		*cause = xasprintf("the format inferred from %s does not load: "
		    "%s", from, why);
	free(why);
	return r;
}

rules *
profile_infer_rules(const capture *c, const char *name, char **yaml,
    infer_format *format_out, char **cause)
{
	infer *in = infer_new();
	infer_format format;
	rules *r = NULL;

	bool complete;

	*yaml = NULL;
	if (profile_infer_feed(in, c, PROFILE_SNIFF_LINES, NULL, &complete,
	    cause) == 0 && infer_finish(in, &format, cause) == 0) {
		r = profile_format_rules(&format, name, c->name, cause);
		/* The rule file only for people to read. */
		if (r != NULL)
			*yaml = infer_rules_yaml(&format, name);
		if (r != NULL && format_out != NULL)
			*format_out = format;
		else
			infer_format_free(&format);
	}
	infer_free(in);
	return r;
}

static char *profile_infer_spooled(const capture *captures, size_t count,
    const char *name, const rules *layout_from, uint64_t *failing,
    char **ids, char **check_cause, char **cause);

/* Levels from a baseline's counts: the vocabulary words, in order. */
static void
profile_levels_from(infer_format *f, const baseline *b)
{
	for (size_t i = 0; i < f->level_count; i++)
		free(f->levels[i]);
	f->level_count = 0;
	f->levels = xreallocarray(f->levels, b->level_count + 1,
	    sizeof *f->levels);
	for (size_t i = 0; i < b->level_count; i++) {
		const char *level = b->levels[i].level;
		if (levels_rank(level, strlen(level)) >= 0)
			f->levels[f->level_count++] = xstrdup(level);
	}
	levels_sort(f->levels, f->level_count);
}

char *
profile_infer_checked(const capture *captures, size_t count,
    const char *name, const rules *layout_from, uint64_t *failing,
    char **ids, char **check_cause, char **cause)
{
	*failing = 0;
	*ids = NULL;
	return profile_infer_spooled(captures, count, name, layout_from,
	    failing, ids, check_cause, cause);
}


void
profile_format_of(const rules *r, infer_format *f)
{
	memset(f, 0, sizeof *f);
	f->line_pattern = xstrdup(r->line_pattern);
	f->skeleton = xstrdup(r->baseline != NULL && r->baseline->layout !=
	    NULL ? r->baseline->layout : r->line_pattern);
	f->time_format = r->time_format != NULL ? xstrdup(r->time_format) :
	    NULL;
	f->continuation = r->continuation_pattern != NULL ?
	    xstrdup(r->continuation_pattern) : NULL;
	f->emoji = r->emoji;
	f->streams = r->streams;
	f->foreign_given = true;
	f->foreign = r->foreign;
	f->flush_ns = r->flush_given ? r->flush_ns : 0;
	f->levels = xcalloc(r->level_count + 1, sizeof *f->levels);
	for (size_t k = 0; k < r->level_count; k++)
		f->levels[f->level_count++] = xstrdup(r->levels[k]);
}

/*
 * Findings about how lines relate (their order, their pairing across
 * streams, their timing) rather than about one line: captures joined from
 * several sources break those by themselves.  A bad line is never
 * blessed: a wrong time format, a line too long stay errors.
 */
static const char *const profile_relations[] = {
	"time-order"
};
#define PROFILE_RELATIONS \
	(sizeof profile_relations / sizeof profile_relations[0])

/*
 * Whether a finding of the captures under the format's rules r becomes a
 * warning in their profile when they break it: a relation that fails.
 */
static bool
profile_relaxable(const rules *r, const char *id)
{
	int found = findings_lookup(id);
	bool relation = false;

	for (size_t i = 0; i < PROFILE_RELATIONS; i++) {
		if (strcmp(id, profile_relations[i]) == 0)
			relation = true;
	}
	return relation && found >= 0 && findings_builtin((finding_id)found) &&
	    findings_get((finding_id)found)->severity ==
	    FINDING_DEFAULT_ERROR &&
	    rules_severity_of(r, id, SEVERITY_ERROR) == SEVERITY_ERROR;
}

/*
 * The rules the one reading of the captures judges by: the format's
 * rules, with what the counts will decide left open (with any_levels,
 * every level of the vocabulary; any emoji habit) and, with relaxing, the
 * relations a profile may relax made warnings already.  What it finds is
 * then what the profile finds (see profile_findings_exact).  NULL with
 * *cause.
 */
static rules *
profile_reading_rules(const infer_format *format, const rules *r,
    const char *name, bool any_levels, bool relaxing, char **cause)
{
	char *levels[LEVELS_WORDS * LEVELS_CASES];
	char *relaxed[PROFILE_RELATIONS];
	infer_format open = *format;	/* borrowed: not freed */
	char *why = NULL;
	rules *reading;

	if (any_levels) {
		open.levels = levels;
		open.level_count = 0;
		for (size_t w = 0; w < LEVELS_WORDS; w++) {
			for (int c = 0; c < LEVELS_CASES; c++) {
				char *level = levels_spell(w, c);
				bool twice = false;
				for (size_t k = 0; k < open.level_count; k++)
					twice = twice || strcmp(levels[k],
					    level) == 0;
				/* "v" is no level, "V" is written once. */
				if (twice || levels_rank(level,
				    strlen(level)) < 0)
					free(level);
				else
					levels[open.level_count++] = level;
			}
		}
	}
	open.emoji = EMOJI_OPTIONAL;
	open.relaxed = relaxed;
	open.relaxed_count = 0;
	for (size_t i = 0; relaxing && i < PROFILE_RELATIONS; i++) {
		if (profile_relaxable(r, profile_relations[i]))
			relaxed[open.relaxed_count++] =
			    (char *)profile_relations[i];
	}
	if ((reading = infer_rules(&open, name, &why)) == NULL)
		*cause = xasprintf("the profile does not build: %s", why);
	free(why);
	for (size_t i = 0; any_levels && i < open.level_count; i++)
		free(levels[i]);
	return reading;
}

/*
 * Whether the reading's findings are the profile's: its levels, from the
 * counts, are every vocabulary level a log line has (none: it checks no
 * level), and its emoji habit, from the counts too, fits every log line.
 */
static bool
profile_findings_exact(bool any_levels, const infer_format *f,
    const baseline *b)
{
	if (any_levels && f->level_count == 0)
		return false;
	if (b->has_emoji && b->emoji_count > 0)
		return true;
	return b->log_lines == 0 || f->emoji == EMOJI_OPTIONAL;
}

/* The relations the captures break, as warnings of their profile. */
static void
profile_relax(infer_format *f, const rules *r, const report *rep)
{
	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		if (c->count == 0 || !profile_relaxable(r, c->rule))
			continue;
		f->relaxed = xreallocarray(f->relaxed, f->relaxed_count + 1,
		    sizeof *f->relaxed);
		f->relaxed[f->relaxed_count++] = xstrdup(c->rule);
	}
}

/*
 * The findings of a check that fail (errors) into *failing, the first
 * PROFILE_SELF_CHECK_IDS of their ids into *ids (caller frees).
 */
static void
profile_failing(const report *rep, uint64_t *failing, char **ids)
{
	strbuf list = { 0 };
	size_t listed = 0;

	*failing = 0;
	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		if (c->severity != SEVERITY_ERROR || c->count == 0)
			continue;
		*failing += c->count;
		if (listed++ == PROFILE_SELF_CHECK_IDS)
			strbuf_adds(&list, ", ...");
		else if (listed <= PROFILE_SELF_CHECK_IDS)
			strbuf_join(&list, ", ", c->rule);
	}
	*ids = strbuf_take(&list);
}

/*
 * The foreign-share findings of the profile r on the captures counted in
 * rep, added to *failing and *ids as profile_failing gives them.
 */
static void
profile_failing_share(const rules *r, const report *rep, uint64_t *failing,
    char **ids)
{
	const char *id = judge_builtin_id(FINDING_FOREIGN_SHARE);
	uint64_t over = 0, lines, foreign;

	if (rules_severity_of(r, id, SEVERITY_ERROR) != SEVERITY_ERROR)
		return;
	for (size_t i = 0; i < rep->capture_count; i++) {
		if (check_foreign_share_over(r, &rep->captures[i], &lines,
		    &foreign))
			over++;
	}
	if (over == 0)
		return;
	*failing += over;
	char *more = xasprintf("%s%s%s", *ids, **ids != '\0' ? ", " : "", id);
	free(*ids);
	*ids = more;
}

/*
 * The captures checked against a profile without its baseline (drift from
 * its own counts is reported at most, never a failure) into rep; -1 with
 * *cause.
 */
static int
profile_check_bare(rules *r, const capture *captures, size_t count,
    report *rep, char **cause)
{
	baseline *counts = r->baseline;
	int share = r->foreign_share;
	bool given = r->foreign_share_given;
	int status = 0;

	/* The bound of foreign lines is still the one the counts give. */
	r->foreign_share = rules_foreign_share(r);
	r->foreign_share_given = true;
	r->baseline = NULL;
	for (size_t i = 0; i < count && status == 0; i++)
		status = check_capture(r, &captures[i], rep, cause);
	r->baseline = counts;
	r->foreign_share = share;
	r->foreign_share_given = given;
	return status;
}

/*
 * A profile of JSON Lines or logfmt records (learn/keyprofile.c), its
 * captures' own broken relations relaxed as for a text profile, and its
 * self-check as profile_infer_spooled gives it.  1 with *yaml (NULL with
 * *cause on a failure), or 0 when the captures are not such records.
 */
static int
profile_infer_keyed(const capture *captures, size_t count,
    const char *name, char **yaml, uint64_t *failing, char **ids,
    char **check_cause, char **cause)
{
	infer_format relax = { 0 };
	rules *kp = NULL;
	report *rep;
	int got;

	got = keyprofile_infer(captures, count, name, NULL, 0, &kp, yaml,
	    cause);
	if (got == 0)
		return 0;
	if (got < 0) {
		*yaml = NULL;
		return 1;
	}
	rep = report_new(kp->format, name, 1);
	/* An unreadable capture is the self-check's to report. */
	char *first_cause = NULL;
	bool checked = profile_check_bare(kp, captures, count, rep,
	    &first_cause) == 0;
	if (checked)
		profile_relax(&relax, kp, rep);
	if (relax.relaxed_count > 0) {
		rules_free(kp);
		free(*yaml);
		kp = NULL;
		*yaml = NULL;
		if (keyprofile_infer(captures, count, name, relax.relaxed,
		    relax.relaxed_count, &kp, yaml, cause) <= 0) {
			free(*yaml);
			*yaml = NULL;
		}
		/* A new profile: checked anew. */
		if (*yaml != NULL && check_cause != NULL) {
			report_free(rep);
			rep = report_new(kp->format, name, 1);
			if (profile_check_bare(kp, captures, count, rep,
			    check_cause) == 0)
				profile_failing(rep, failing, ids);
		}
	} else if (check_cause != NULL) {
		/* Nothing relaxed: that check was the profile's own. */
		if (checked)
			profile_failing(rep, failing, ids);
		else {
			*check_cause = first_cause;
			first_cause = NULL;
		}
	}
	free(first_cause);
	report_free(rep);
	infer_format_free(&relax);
	rules_free(kp);
	return 1;
}

/*
 * The profile of the captures (standard input spooled), from one reading
 * of each after a sniff of their start: the check of that reading counts
 * the baseline and finds what the profile's own check would find.  With
 * check_cause, *failing and *ids are that check's (see
 * profile_self_check).
 */
static char *
profile_infer_spooled(const capture *captures, size_t count,
    const char *name, const rules *layout_from, uint64_t *failing,
    char **ids, char **check_cause, char **cause)
{
	infer *in;
	infer_format format;
	char *yaml = NULL;
	baseline *b = NULL;
	uint64_t skipped = 0;
	rules *r, *reading = NULL, *profile = NULL;
	report *rep = NULL;
	/* With --format-from the shards of a fleet keep one rule file. */
	bool relaxing = layout_from == NULL, any_levels;

	if (layout_from != NULL && layout_from->line_pattern == NULL) {
		/* Inferring keys is to come: no line pattern to take. */
		*cause = xasprintf("%s: --format-from takes a text format, "
		    "not 'decode: json' or 'decode: logfmt'",
		    layout_from->path);
		return NULL;
	}
	/* JSON Lines and logfmt: a profile of their keys, not of a layout. */
	if (layout_from == NULL && profile_infer_keyed(captures, count, name,
	    &yaml, failing, ids, check_cause, cause) != 0)
		return yaml;
	if (layout_from != NULL) {
		/* The layout given: a shard too small to show it still fits. */
		profile_format_of(layout_from, &format);
		r = profile_format_rules(&format, name, layout_from->path,
		    cause);
		if (r == NULL)
			goto out;
		goto counted;
	}
	in = infer_new();
	for (size_t i = 0; i < count; i++) {
		if (profile_infer_feed(in, &captures[i], PROFILE_SNIFF_LINES,
		    NULL, NULL, cause) != 0) {
			infer_free(in);
			return NULL;
		}
	}
	if (infer_finish(in, &format, cause) != 0) {
		infer_free(in);
		return NULL;
	}
	infer_free(in);
	r = profile_format_rules(&format, name, count == 1 ?
	    captures[0].name : "the captures", cause);
	if (r == NULL)
		goto out;
counted:
	b = baseline_for(r, format.skeleton);
	any_levels = b->has_levels && format.level_count > 0;
	reading = profile_reading_rules(&format, r, name, any_levels,
	    relaxing, cause);
	if (reading == NULL)
		goto out;
	/* The profile's bound comes from its counts: judged once they are. */
	reading->foreign_share = RULES_FOREIGN_SHARE_OFF;
	reading->foreign_share_given = true;
	/* Only the counts are wanted: keep no finding. */
	rep = report_new(reading->format, name, 1);
	for (size_t i = 0; i < count; i++) {
		if (baseline_scan(b, reading, &captures[i], rep, &skipped,
		    cause) != 0)
			goto out;
	}
	baseline_finish(b);
	/*
	 * Levels and the emoji policy from every log line's counts, not only
	 * the layout's winner: exact, so that merge can rebuild them.
	 */
	if (any_levels)
		profile_levels_from(&format, b);
	format.emoji = baseline_emoji_policy(b, format.emoji);
	format.lines = b->lines;
	format.fitting = b->log_lines;
	format.skipped_records = layout_from == NULL ? skipped : 0;
	/*
	 * A profile passes the captures it was read from: the relations they
	 * break themselves (time stepping back where logs were joined)
	 * become warnings, with a comment saying so.
	 */
	if (relaxing)
		profile_relax(&format, r, rep);
	bool exact = profile_findings_exact(any_levels, &format, b);
	profile = baseline_profile(&format, b, name, &yaml, cause);
	b = NULL;	/* the profile's now */
	if (profile == NULL || check_cause == NULL)
		goto out;
	if (exact) {
		profile_failing(rep, failing, ids);
		profile_failing_share(profile, rep, failing, ids);
		goto out;
	}
	/*
	 * The counts left a level or an emoji habit the reading did not
	 * judge by: check again.  Drift from its own counts is reported at
	 * most (the policies infer writes), never a failure: the check goes
	 * without the baseline.
	 */
	char *why = NULL;
	rules *bare = infer_rules(&format, name, &why);
	free(*ids);
	*ids = NULL;
	if (bare != NULL) {
		bare->foreign_share = rules_foreign_share(profile);
		bare->foreign_share_given = true;
	}
	if (bare == NULL)
		*check_cause = why;
	else if (profile_self_check(bare, name, captures, count, failing,
	    ids, check_cause) != 0)
		*failing = 0;
	rules_free(bare);
out:
	report_free(rep);
	baseline_free(b);
	rules_free(profile);
	rules_free(reading);
	rules_free(r);
	infer_format_free(&format);
	return yaml;
}

int
profile_self_check(const rules *r, const char *name,
    const capture *captures, size_t count, uint64_t *failing, char **ids,
    char **cause)
{
	report *rep;
	int status = 0;

	*failing = 0;
	*ids = xstrdup("");
	/* Only the counts are wanted: keep no finding. */
	rep = report_new(r->format, name, 1);
	for (size_t i = 0; i < count && status == 0; i++)
		status = check_capture(r, &captures[i], rep, cause);
	if (status == 0) {
		free(*ids);
		profile_failing(rep, failing, ids);
	}
	report_free(rep);
	return status;
}
