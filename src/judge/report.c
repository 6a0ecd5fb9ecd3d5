/* report: counts and findings of a check; see report.h. */
#include "judge/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Distinct level tokens counted one by one; the rest are "other". */
#define REPORT_MAX_LEVELS 64

report *
report_new(const char *format, const char *rules_path, size_t max_findings)
{
	report *rep = xcalloc(1, sizeof *rep);

	rep->format = xstrdup(format);
	rep->rules_path = xstrdup(rules_path);
	rep->max_findings = max_findings;
	return rep;
}

void
report_set_max_per_rule(report *rep, size_t n)
{
	rep->max_per_rule = n;
}

void
report_free(report *rep)
{
	if (rep == NULL)
		return;
	for (size_t i = 0; i < rep->finding_count; i++) {
		free(rep->findings[i].message);
		free(rep->findings[i].excerpt);
	}
	free(rep->findings);
	for (size_t i = 0; i < rep->level_count; i++)
		free(rep->levels[i].level);
	free(rep->levels);
	for (size_t i = 0; i < rep->category_count; i++)
		free(rep->categories[i].rule);
	free(rep->categories);
	for (size_t i = 0; i < rep->capture_count; i++) {
		report_capture *rc = &rep->captures[i];
		free(rc->name);
		free(rc->stdout_path);
		free(rc->stderr_path);
		free(rc->unknown_path);
		free(rc->pairing);
	}
	free(rep->captures);
	for (size_t i = 0; i < rep->file_count; i++)
		free(rep->files[i]);
	free(rep->files);
	free(rep->file_slots);
	free(rep->format);
	free(rep->rules_path);
	free(rep->rules_note);
	free(rep);
}

/*
 * The index of a file name in rep->files, added when new.  A hash index,
 * since a check of many small captures meets as many names.
 */
static size_t
report_intern(report *rep, const char *name)
{
	uint64_t h = hash_bytes(HASH_SEED, name, strlen(name));
	size_t slot;

	if (rep->file_slots != NULL) {
		for (slot = h & rep->file_slot_mask; rep->file_slots[slot] != 0;
		    slot = (slot + 1) & rep->file_slot_mask) {
			size_t i = rep->file_slots[slot] - 1;
			if (strcmp(rep->files[i], name) == 0)
				return i;
		}
	}
	if (rep->file_count == rep->file_cap) {
		rep->file_cap = rep->file_cap ? rep->file_cap * 2 : 8;
		rep->files = xreallocarray(rep->files, rep->file_cap,
		    sizeof *rep->files);
	}
	rep->files[rep->file_count++] = xstrdup(name);
	/* Keep the index at most half full. */
	if (2 * rep->file_count > rep->file_slot_mask) {
		free(rep->file_slots);
		rep->file_slot_mask = rep->file_slot_mask ?
		    2 * rep->file_slot_mask + 1 : 15;
		rep->file_slots = xcalloc(rep->file_slot_mask + 1,
		    sizeof *rep->file_slots);
		for (size_t i = 0; i < rep->file_count; i++) {
			const char *f = rep->files[i];
			slot = hash_bytes(HASH_SEED, f, strlen(f)) &
			    rep->file_slot_mask;
			while (rep->file_slots[slot] != 0)
				slot = (slot + 1) & rep->file_slot_mask;
			rep->file_slots[slot] = (uint32_t)(i + 1);
		}
	} else {
		slot = h & rep->file_slot_mask;
		while (rep->file_slots[slot] != 0)
			slot = (slot + 1) & rep->file_slot_mask;
		rep->file_slots[slot] = (uint32_t)rep->file_count;
	}
	return rep->file_count - 1;
}

void
report_begin_capture(report *rep, const capture *c)
{
	if (rep->capture_count == rep->capture_cap) {
		rep->capture_cap = rep->capture_cap ? rep->capture_cap * 2 : 4;
		rep->captures = xreallocarray(rep->captures, rep->capture_cap,
		    sizeof *rep->captures);
	}
	report_capture *rc = &rep->captures[rep->capture_count++];
	memset(rc, 0, sizeof *rc);
	rc->name = xstrdup(c->name);
	for (size_t i = 0; i < c->source_count; i++) {
		char **slot = c->sources[i].stream == LC_STREAM_STDOUT ?
		    &rc->stdout_path : c->sources[i].stream == LC_STREAM_STDERR ?
		    &rc->stderr_path : &rc->unknown_path;
		*slot = xstrdup(c->sources[i].path);
		/* Findings list files in the capture's order, stdout first. */
		report_intern(rep, c->sources[i].path);
	}
}

void
report_set_pairing(report *rep, const char *status)
{
	report_capture *rc = &rep->captures[rep->capture_count - 1];

	free(rc->pairing);
	rc->pairing = xstrdup(status);
}

void
report_count_flush(report *rep, lc_stream late, int64_t delay_ns,
    int64_t bound_ns)
{
	report_flush *f = &rep->captures[rep->capture_count - 1].flush;
	int side = late == LC_STREAM_STDERR;

	f->pairs++;
	f->bound_ns = bound_ns;
	if (delay_ns > bound_ns)
		f->late[side]++;
	int bucket = 0;
	for (int64_t top = 1000000; bucket < REPORT_FLUSH_BUCKETS - 1 &&
	    delay_ns >= top; top *= 10)
		bucket++;
	f->delays[bucket]++;
	if (delay_ns > f->max_delay_ns[side])
		f->max_delay_ns[side] = delay_ns;
}

const char *const report_flush_bucket_names[REPORT_FLUSH_BUCKETS] = {
	"under 1 ms", "1 to 10 ms", "10 to 100 ms", "0.1 to 1 s",
	"1 to 10 s", "10 s or more"
};

static void
report_flush_merge(report_flush *dst, const report_flush *src)
{
	dst->pairs += src->pairs;
	if (src->pairs > 0)
		dst->bound_ns = src->bound_ns;
	for (int s = 0; s < 2; s++) {
		dst->late[s] += src->late[s];
		if (src->max_delay_ns[s] > dst->max_delay_ns[s])
			dst->max_delay_ns[s] = src->max_delay_ns[s];
	}
	for (int b = 0; b < REPORT_FLUSH_BUCKETS; b++)
		dst->delays[b] += src->delays[b];
}

static void
report_counts_add(report_counts *counts, judge_kind kind, uint64_t lines)
{
	counts->lines += lines;
	if (kind == LINE_CONFORMING)
		counts->conforming += lines;
	else if (kind == LINE_VIOLATING)
		counts->violating += lines;
	else
		counts->foreign += lines;
}

static void
report_level_add(report *rep, const char *level, size_t len, uint64_t count)
{
	char *clean = NULL;

	/*
	 * Text equal to a kept level is clean already: the common case,
	 * found without checking the bytes first.
	 */
	for (size_t i = 0; i < rep->level_count; i++) {
		if (rep->levels[i].length == len &&
		    memcmp(rep->levels[i].level, level, len) == 0) {
			rep->levels[i].count += count;
			return;
		}
	}
	/* Levels are kept sanitized, so compare them in that form. */
	if (memchr(level, '\0', len) != NULL ||
	    utf8_invalid_offset(level, len) != len) {
		clean = utf8_sanitize(level, len);
		level = clean;
		len = strlen(clean);
	}
	for (size_t i = 0; i < rep->level_count; i++) {
		if (rep->levels[i].length == len &&
		    memcmp(rep->levels[i].level, level, len) == 0) {
			rep->levels[i].count += count;
			free(clean);
			return;
		}
	}
	if (rep->level_count == REPORT_MAX_LEVELS) {
		rep->other_levels += count;
		free(clean);
		return;
	}
	rep->levels = xreallocarray(rep->levels, rep->level_count + 1,
	    sizeof *rep->levels);
	rep->levels[rep->level_count++] = (report_level){
		.level = clean != NULL ? clean : xstrndup(level, len),
		.length = len, .count = count,
	};
}

void
report_count_level(report *rep, const char *level, size_t len)
{
	report_level_add(rep, level, len, 1);
}

static void
report_counts_merge(report_counts *dst, const report_counts *src)
{
	dst->lines += src->lines;
	dst->conforming += src->conforming;
	dst->violating += src->violating;
	dst->foreign += src->foreign;
}

void
report_count_line(report *rep, lc_stream stream, judge_kind kind,
    uint64_t lines)
{
	report_counts_add(&rep->total, kind, lines);
	report_counts_add(&rep->streams[stream], kind, lines);
	report_counts_add(&rep->captures[rep->capture_count - 1].counts, kind,
	    lines);
}

void
report_count_foreign_body(report *rep, uint64_t lines)
{
	rep->captures[rep->capture_count - 1].foreign_body += lines;
}

/* The category of a rule, or NULL when none was counted yet. */
static report_category *
report_category_find(const report *rep, const char *rule)
{
	for (size_t i = 0; i < rep->category_count; i++) {
		if (strcmp(rep->categories[i].rule, rule) == 0)
			return &rep->categories[i];
	}
	return NULL;
}

static report_category *
report_category_of(report *rep, const char *rule, rules_severity severity)
{
	report_category *found = report_category_find(rep, rule);

	if (found != NULL)
		return found;
	rep->categories = xreallocarray(rep->categories,
	    rep->category_count + 1, sizeof *rep->categories);
	rep->categories[rep->category_count] = (report_category){
		.rule = xstrdup(rule), .severity = severity,
	};
	return &rep->categories[rep->category_count++];
}

void
report_add(report *rep, const char *file, unsigned long line,
    unsigned long column, const char *rule, rules_severity severity,
    char *message, char *excerpt, size_t caret)
{
	report_category *category = report_category_of(rep, rule, severity);

	category->count++;
	if (severity == SEVERITY_ERROR)
		rep->errors++;
	else
		rep->warnings++;
	if ((rep->max_findings != 0 &&
	    rep->kept[severity == SEVERITY_WARNING] >= rep->max_findings) ||
	    (rep->max_per_rule != 0 && category->count > rep->max_per_rule)) {
		free(message);
		free(excerpt);
		return;
	}
	if (rep->finding_count == rep->finding_cap) {
		rep->finding_cap = rep->finding_cap ? rep->finding_cap * 2 : 64;
		rep->findings = xreallocarray(rep->findings, rep->finding_cap,
		    sizeof *rep->findings);
	}
	size_t file_index = report_intern(rep, file);
	rep->findings[rep->finding_count] = (report_finding){
		.file = rep->files[file_index], .file_index = file_index,
		.line = line, .column = column,
		.rule = category->rule, .severity = severity,
		.message = message, .excerpt = excerpt, .caret = caret,
		.order = rep->finding_count,
	};
	rep->finding_count++;
	rep->kept[severity == SEVERITY_WARNING]++;
}

void
report_merge(report *dst, report *src)
{
	report_counts_merge(&dst->total, &src->total);
	for (int s = 0; s < LC_STREAM_COUNT; s++)
		report_counts_merge(&dst->streams[s], &src->streams[s]);
	for (size_t i = 0; i < src->capture_count; i++) {
		report_counts_merge(&dst->captures[dst->capture_count - 1].counts,
		    &src->captures[i].counts);
		report_flush_merge(&dst->captures[dst->capture_count - 1].flush,
		    &src->captures[i].flush);
		dst->captures[dst->capture_count - 1].foreign_body +=
		    src->captures[i].foreign_body;
	}
	for (size_t i = 0; i < src->level_count; i++)
		report_level_add(dst, src->levels[i].level,
		    src->levels[i].length, src->levels[i].count);
	dst->other_levels += src->other_levels;
	for (size_t i = 0; i < src->category_count; i++)
		report_category_of(dst, src->categories[i].rule,
		    src->categories[i].severity)->count +=
		    src->categories[i].count;
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	for (size_t i = 0; i < src->finding_count; i++) {
		report_finding *f = &src->findings[i];
		if (dst->finding_count == dst->finding_cap) {
			dst->finding_cap = dst->finding_cap ?
			    dst->finding_cap * 2 : 64;
			dst->findings = xreallocarray(dst->findings,
			    dst->finding_cap, sizeof *dst->findings);
		}
		report_finding *moved = &dst->findings[dst->finding_count];
		*moved = *f;
		moved->file_index = report_intern(dst, f->file);
		moved->file = dst->files[moved->file_index];
		moved->rule = report_category_of(dst, f->rule,
		    f->severity)->rule;
		moved->order = dst->finding_count++;
		dst->kept[f->severity == SEVERITY_WARNING]++;
	}
	src->finding_count = 0;
	src->kept[0] = src->kept[1] = 0;
	/* Many captures into one report: keep memory bounded as they come. */
	if (dst->max_findings != 0 &&
	    dst->finding_count / 4 > dst->max_findings)
		report_sort(dst);
}

/*
 * Errors first, then files in order of first appearance, line, column,
 * arrival.
 */
static int
report_compare(const void *va, const void *vb)
{
	const report_finding *a = va, *b = vb;

	if (a->severity != b->severity)
		return a->severity == SEVERITY_ERROR ? -1 : 1;
	if (a->file_index != b->file_index)
		return a->file_index < b->file_index ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void
report_sort(report *rep)
{
	if (rep->finding_count > 1)
		qsort(rep->findings, rep->finding_count,
		    sizeof *rep->findings, report_compare);
	/*
	 * Merged reports each kept their first findings of each severity:
	 * keep the first, errors before any warning.
	 */
	while (rep->max_findings != 0 && rep->finding_count > rep->max_findings) {
		report_finding *f = &rep->findings[--rep->finding_count];
		free(f->message);
		free(f->excerpt);
	}
	rep->kept[0] = rep->kept[1] = 0;
	for (size_t i = 0; i < rep->finding_count; i++)
		rep->kept[rep->findings[i].severity == SEVERITY_WARNING]++;
	/*
	 * Categories in the order their first finding is listed; threads
	 * met them in another order.  Unlisted ones keep theirs, after.
	 */
	size_t placed = 0;
	for (size_t i = 0; i < rep->finding_count; i++) {
		for (size_t c = placed; c < rep->category_count; c++) {
			if (rep->categories[c].rule != rep->findings[i].rule)
				continue;
			report_category moved = rep->categories[c];
			memmove(&rep->categories[placed + 1],
			    &rep->categories[placed],
			    (c - placed) * sizeof *rep->categories);
			rep->categories[placed++] = moved;
			break;
		}
	}
	/* Unlisted ones: errors first (no listed one is a warning then). */
	for (size_t c = placed; c < rep->category_count; c++) {
		if (rep->categories[c].severity != SEVERITY_ERROR)
			continue;
		report_category moved = rep->categories[c];
		memmove(&rep->categories[placed + 1], &rep->categories[placed],
		    (c - placed) * sizeof *rep->categories);
		rep->categories[placed++] = moved;
	}
}

bool
report_keeps(const report *rep, const char *rule, rules_severity severity)
{
	if (rep->max_findings != 0 &&
	    rep->kept[severity == SEVERITY_WARNING] >= rep->max_findings)
		return false;
	if (rep->max_per_rule == 0)
		return true;
	const report_category *category = report_category_find(rep, rule);
	return category == NULL || category->count < rep->max_per_rule;
}

uint64_t
report_unlisted(const report *rep)
{
	return report_finding_total(rep) - rep->finding_count;
}

void
report_set_rules_note(report *rep, const char *note)
{
	free(rep->rules_note);
	rep->rules_note = note != NULL ? xstrdup(note) : NULL;
}

void
report_set_fail_on_warning(report *rep, bool fail_on_warning)
{
	rep->fail_on_warning = fail_on_warning;
}

bool
report_failed(const report *rep)
{
	return rep->errors > 0 || (rep->fail_on_warning && rep->warnings > 0);
}

uint64_t
report_finding_total(const report *rep)
{
	return rep->errors + rep->warnings;
}

char *
report_duration(int64_t ns)
{
	if (ns < 1000000000)
		return xasprintf("%lld ms", (long long)(ns / 1000000));
	return xasprintf("%lld.%03lld s", (long long)(ns / 1000000000),
	    (long long)(ns % 1000000000 / 1000000));
}
