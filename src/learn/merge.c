/* merge: one profile from the profiles of shards; see merge.h. */
#include "learn/merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/baseline.h"
#include "decode/levels.h"
#include "learn/baseline_scan.h"
#include "learn/infer.h"
#include "learn/keyprofile.h"
#include "judge/judge.h"
#include "learn/profile.h"
#include "util/xalloc.h"

/* What rules_load gives a rule file without `max-line`. */
#define MERGE_MAX_LINE_DEFAULT 1048576

static bool
merge_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* FILE:LINE:COLUMN of a key of r, or FILE when it has no place. */
static char *
merge_where(const rules *r, rules_mark mark)
{
	if (mark.line == 0)
		return xstrdup(r->path);
	return xasprintf("%s:%lu:%lu", r->path, mark.line, mark.column);
}

/* Whether merge can take r; *cause says why not. */
static int
merge_usable(const rules *r, char **cause)
{
	const char *what = NULL;
	rules_mark mark = { 0, 0 };
	char *where;

	if (r->baseline == NULL) {
		*cause = xasprintf("%s has no baseline: merge takes profiles "
		    "that logcompat infer or logcompat merge wrote", r->path);
		return -1;
	}
	if (r->check_count > 0) {
		what = "'checks'";
		mark = r->checks_mark;
	} else if (r->severity_count > 0) {
		what = "'severities'";
		mark = r->severities_mark;
	} else if (r->max_line != MERGE_MAX_LINE_DEFAULT) {
		what = "'max-line'";
		mark = r->max_line_mark;
	} else if (r->continuation_pattern != NULL)
		what = "'continuation'";
	if (what != NULL) {
		where = merge_where(r, mark);
		*cause = xasprintf("%s: %s cannot be carried over by merge "
		    "(it writes the keys that logcompat infer writes, and "
		    "'flush' and 'foreign')", where, what);
		free(where);
		return -1;
	}
	return 0;
}

/* The layouts must be one: same line pattern, time format and layout. */
static int
merge_layouts(const rules *a, const rules *b, char **cause)
{
	const char *differs = NULL;
	rules_mark at_a = { 0, 0 }, at_b = { 0, 0 };
	char *where_a, *where_b;

	/* Profiles of keys have no line pattern: their layout names keys. */
	if (a->decode != b->decode)
		differs = "'decode's";
	else if (a->line_pattern != NULL &&
	    strcmp(a->line_pattern, b->line_pattern) != 0) {
		differs = "'line' patterns";
		at_a = a->line_mark;
		at_b = b->line_mark;
	} else if (!merge_same(a->time_format, b->time_format)) {
		differs = "'time' formats";
		at_a = a->time_mark.line != 0 ? a->time_mark : a->line_mark;
		at_b = b->time_mark.line != 0 ? b->time_mark : b->line_mark;
	} else if (!merge_same(a->baseline->layout, b->baseline->layout)) {
		differs = "baseline 'layout's";
		at_a = a->baseline_mark;
		at_b = b->baseline_mark;
	}
	if (differs == NULL)
		return 0;
	where_a = merge_where(a, at_a);
	where_b = merge_where(b, at_b);
	*cause = xasprintf("%s: %s and %s have different layouts (their %s "
	    "differ, see also %s): profiles of different formats cannot be "
	    "merged", where_b, a->path, b->path, differs, where_a);
	free(where_a);
	free(where_b);
	return -1;
}

/* A level of an input, its rank looked up once for the sort. */
typedef struct {
	const char *name;
	int rank;
} merge_level;

/* levels_order, on ranks found once rather than at every comparison. */
static int
merge_level_compare(const void *pa, const void *pb)
{
	const merge_level *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < 0 ? 1 : b->rank < 0 ? -1 :
		    a->rank < b->rank ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * The union of the inputs' levels into f, in the order of the levels:
 * sorted and then deduplicated, n log n for any number of levels.
 */
static void
merge_set_levels(infer_format *f, merge_level *all, size_t count)
{
	size_t kept = 0;

	qsort(all, count, sizeof *all, merge_level_compare);
	f->levels = xreallocarray(f->levels, count + 1, sizeof *f->levels);
	for (size_t i = 0; i < count; i++) {
		if (kept > 0 && strcmp(f->levels[kept - 1], all[i].name) == 0)
			continue;
		f->levels[kept++] = xstrdup(all[i].name);
	}
	f->level_count = kept;
}

/* Sets join: the same value stays, different ones give the loosest. */
static rules_emoji
merge_emoji(rules_emoji a, rules_emoji b)
{
	return a == b ? a : EMOJI_OPTIONAL;
}

static rules_streams
merge_streams(rules_streams a, rules_streams b)
{
	return a == b ? a : STREAMS_ANY;
}

static char *
merge_span(const char *line, judge_span span)
{
	return span.off == SIZE_MAX ? NULL : xstrndup(line + span.off,
	    span.len);
}

/*
 * Samples: of every input's samples that the merged format judges clean,
 * the smallest line (by its bytes) of each level, in the order of the
 * levels.  A choice from the union that does not depend on how it was
 * grouped.
 */
static int
merge_samples(rules *const *profiles, size_t count, infer_format *f,
    const char *name, char **cause)
{
	rules *r = infer_rules(f, name, cause);
	judge_result res = { 0 };
	char **lines = NULL, **levels = NULL;
	size_t picked = 0;
	judge *j;

	if (r == NULL)
		return -1;
	j = judge_new(r);
	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < profiles[p]->sample_count; i++) {
			const char *line = profiles[p]->samples[i].line;
			char *level;
			size_t k;

			judge_line(j, NULL, line, strlen(line),
			    LC_STREAM_UNKNOWN, &res);
			if (profiles[p]->samples[i].foreign ||
			    res.kind != LINE_CONFORMING)
				continue;
			level = res.level.off != SIZE_MAX ? xstrndup(line +
			    res.level.off, res.level.len) : xstrdup("");
			for (k = 0; k < picked && strcmp(levels[k], level) != 0;
			    k++)
				;
			if (k < picked) {
				if (strcmp(line, lines[k]) < 0) {
					free(lines[k]);
					lines[k] = xstrdup(line);
				}
				free(level);
				continue;
			}
			lines = xreallocarray(lines, picked + 1, sizeof *lines);
			levels = xreallocarray(levels, picked + 1,
			    sizeof *levels);
			lines[picked] = xstrdup(line);
			levels[picked++] = level;
		}
	}
	/* In the order of the levels. */
	for (size_t i = 1; i < picked; i++) {
		for (size_t k = i; k > 0 && levels_order(levels[k - 1],
		    levels[k]) > 0; k--) {
			char *swap = levels[k];
			levels[k] = levels[k - 1];
			levels[k - 1] = swap;
			swap = lines[k];
			lines[k] = lines[k - 1];
			lines[k - 1] = swap;
		}
	}
	f->samples = xcalloc(picked + 1, sizeof *f->samples);
	for (size_t i = 0; i < picked; i++) {
		const char *line = lines[i];
		infer_sample *s = &f->samples[f->sample_count++];

		judge_line(j, NULL, line, strlen(line), LC_STREAM_UNKNOWN, &res);
		s->line = lines[i];
		s->time = f->time_format != NULL ? merge_span(line, res.time) :
		    NULL;
		s->level = f->level_count > 0 ? merge_span(line, res.level) :
		    NULL;
		s->message = merge_span(line, res.message);
		if (s->message == NULL)
			s->message = xstrdup("");
		s->emoji = xstrndup(line + (res.message.off == SIZE_MAX ? 0 :
		    res.message.off), res.emoji_len);
		free(levels[i]);
	}
	free(lines);
	free(levels);
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	return 0;
}

/* Add profile i's baseline to b; -1 with *cause when a count overflows. */
static int
merge_add(baseline *b, rules *const *profiles, size_t i, char **cause)
{
	baseline_merge(b, profiles[i]->baseline);
	if (!b->overflowed)
		return 0;
	*cause = xasprintf("%s: its counts added to those of %s%s overflow (a "
	    "count past %llu): they cannot be merged", profiles[i]->path,
	    i > 0 ? profiles[0]->path : "itself", i > 1 ?
	    " and the profiles between" : "", (unsigned long long)UINT64_MAX);
	return -1;
}

/*
 * Profiles of JSON or logfmt records: the baselines add up as for text,
 * keys included; learn/keyprofile.c writes the rule file.  Takes b.
 */
static char *
merge_keyed(rules *const *profiles, size_t count, const char *name,
    baseline *b, char **cause)
{
	rules_emoji emoji = EMOJI_NONE;
	bool any_lines = false, first = true;
	char *yaml = NULL;

	b->has_keys = true;
	for (size_t i = 0; i < count; i++)
		any_lines = any_lines || profiles[i]->baseline->log_lines > 0;
	for (size_t i = 0; i < count; i++) {
		if (merge_add(b, profiles, i, cause) != 0) {
			baseline_free(b);
			return NULL;
		}
		if (any_lines && profiles[i]->baseline->log_lines == 0)
			continue;
		emoji = first ? profiles[i]->emoji :
		    merge_emoji(emoji, profiles[i]->emoji);
		first = false;
	}
	yaml = keyprofile_merge(profiles, count, name, b, emoji, cause);
	baseline_free(b);
	return yaml;
}

char *
merge_profiles(rules *const *profiles, size_t count, const char *name,
    char **cause)
{
	const rules *first = profiles[0], *policy = NULL;
	infer_format f;
	baseline *b;
	bool any_level = false, any_lines = false, flush_given = false;
	merge_level *all_levels = NULL;
	size_t all_count = 0;
	char *yaml = NULL;

	for (size_t i = 0; i < count; i++) {
		if (merge_usable(profiles[i], cause) != 0 ||
		    merge_layouts(first, profiles[i], cause) != 0)
			return NULL;
		if (name == NULL && strcmp(profiles[i]->format,
		    first->format) != 0) {
			*cause = xasprintf("%s and %s name different formats, "
			    "'%s' and '%s' (give --name)", first->path,
			    profiles[i]->path, first->format,
			    profiles[i]->format);
			return NULL;
		}
	}
	if (name == NULL)
		name = first->format;

	/* From the weakest policy and every list; each input tightens. */
	b = baseline_new(NULL, first->baseline->layout);
	b->new_template = b->new_emoji = b->level_share = DRIFT_ALLOW;
	b->new_key = b->key_gone = DRIFT_ALLOW;
	b->share_points = 100.0;
	b->has_levels = b->has_emoji = b->has_templates = true;
	b->has_shapes = true;
	b->shapes = shapes_new();
	if (first->decode != RULES_DECODE_TEXT)
		return merge_keyed(profiles, count, name, b, cause);
	/*
	 * A shard without log lines (a profile of an empty shard, written
	 * with infer --format-from) says nothing of levels, emoji or streams:
	 * its policies count only when no input has log lines.
	 */
	for (size_t i = 0; i < count; i++)
		any_lines = any_lines || profiles[i]->baseline->log_lines > 0;
	for (size_t i = 0; i < count && policy == NULL; i++) {
		if (!any_lines || profiles[i]->baseline->log_lines > 0)
			policy = profiles[i];
	}
	profile_format_of(policy, &f);
	/*
	 * The largest flush bound (a profile without `flush` has the
	 * default), written when any input had one; the strictest foreign
	 * policy.  Both are the same for any grouping.
	 */
	f.flush_ns = 0;
	for (size_t i = 0; i < count; i++)
		flush_given = flush_given || profiles[i]->flush_given;
	for (size_t i = 0; i < count; i++) {
		const rules *r = profiles[i];
		if (flush_given && r->flush_ns > f.flush_ns)
			f.flush_ns = r->flush_ns;
		if (r->foreign > f.foreign)
			f.foreign = r->foreign;
	}
	for (size_t k = 0; k < f.level_count; k++)
		free(f.levels[k]);
	f.level_count = 0;
	for (size_t i = 0; i < count; i++) {
		const rules *r = profiles[i];

		if (merge_add(b, profiles, i, cause) != 0) {
			free(all_levels);
			infer_format_free(&f);
			baseline_free(b);
			return NULL;
		}
		if (any_lines && r->baseline->log_lines == 0)
			continue;
		f.emoji = merge_emoji(f.emoji, r->emoji);
		f.streams = merge_streams(f.streams, r->streams);
		/* No `levels` allows any level: so does the merge. */
		any_level = any_level || r->level_count == 0;
		all_levels = xreallocarray(all_levels, all_count +
		    r->level_count + 1, sizeof *all_levels);
		for (size_t k = 0; k < r->level_count; k++) {
			all_levels[all_count++] = (merge_level){
				.name = r->levels[k],
				.rank = levels_rank(r->levels[k],
				    strlen(r->levels[k])),
			};
		}
	}
	if (!any_level)
		merge_set_levels(&f, all_levels, all_count);
	free(all_levels);
	f.lines = b->lines;
	f.fitting = b->log_lines;
	if (merge_samples(profiles, count, &f, name, cause) == 0) {
		rules_free(baseline_profile(&f, b, name, &yaml, cause));
		b = NULL;	/* the profile took it */
	}
	infer_format_free(&f);
	baseline_free(b);
	return yaml;
}
