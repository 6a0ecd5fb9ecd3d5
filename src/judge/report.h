/*
 * report: what a check found, gathered for output.  It counts every line
 * and every finding, and keeps the findings themselves up to a limit so
 * that memory stays bounded on huge inputs.  It knows nothing of formats:
 * output.c writes it.
 */
#ifndef LC_REPORT_H
#define LC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/capture.h"
#include "judge/judge.h"

typedef struct {
	const char *file;	/* owned by the report */
	unsigned long line;	/* 0 for a finding about the whole file */
	unsigned long column;	/* 1-based, in characters; 0 with line 0 */
	const char *rule;	/* owned by the report */
	rules_severity severity;
	char *message;
	char *excerpt;		/* printable line excerpt, or NULL */
	size_t caret;		/* display column under excerpt */
	size_t order;		/* arrival, to keep sorting stable */
	size_t file_index;	/* file's place in files, for sorting */
} report_finding;

typedef struct {
	uint64_t lines, conforming, violating, foreign;
} report_counts;

typedef struct {
	char *level;		/* valid UTF-8, no NUL */
	size_t length;
	uint64_t count;
} report_level;

/*
 * Flush timing of a capture: twins whose arrival times are both known,
 * and how many of them, on each stream, arrived late (past bound_ns).
 */
#define REPORT_FLUSH_BUCKETS 6
typedef struct {
	uint64_t pairs;
	uint64_t late[2];	/* lines late on stdout, on stderr */
	int64_t max_delay_ns[2];	/* the longest delay on each */
	int64_t bound_ns;
	/*
	 * The twins by how long the later one lagged, by powers of ten:
	 * under 1 ms, 10 ms, 100 ms, 1 s, 10 s, and longer.
	 */
	uint64_t delays[REPORT_FLUSH_BUCKETS];
} report_flush;

/* The upper bound of a delays bucket, for labels; the last has none. */
extern const char *const report_flush_bucket_names[REPORT_FLUSH_BUCKETS];

typedef struct {
	char *name;		/* the CAPTURE argument */
	char *stdout_path, *stderr_path, *unknown_path;	/* NULL when absent */
	report_counts counts;
	/*
	 * Of the foreign lines, those led by a blank or tab, or empty: the
	 * body of a record before them (a traceback), which the bound on
	 * the share of foreign lines does not count.
	 */
	uint64_t foreign_body;
	char *pairing;		/* "checked", or why it was not */
	report_flush flush;	/* pairs 0: arrival times unknown */
} report_capture;

typedef struct {
	char *rule;
	rules_severity severity;
	uint64_t count;
} report_category;

typedef struct report {
	char *format, *rules_path;
	report_counts total;
	report_counts streams[LC_STREAM_COUNT];
	report_level *levels;	/* in order of first appearance */
	size_t level_count;
	uint64_t other_levels;	/* past the cap on distinct levels */
	report_category *categories;	/* in order of first appearance */
	size_t category_count;
	uint64_t errors, warnings;
	/*
	 * Findings kept: up to max_findings of each severity while checking,
	 * so that errors met late are not crowded out by early warnings;
	 * report_sort then keeps the first max_findings, errors first.
	 */
	report_finding *findings;
	size_t finding_count, finding_cap, max_findings;
	size_t kept[2];		/* kept while checking, by severity */
	/*
	 * Said first by every rendering when set: the rules read almost
	 * nothing of the captures, and which shipped ones would.
	 */
	char *rules_note;
	size_t max_per_rule;	/* findings kept per rule id, 0 for no cap */
	bool fail_on_warning;	/* --fail-on warning */
	report_capture *captures;
	size_t capture_count, capture_cap;
	char **files;		/* interned file names, first seen first */
	size_t file_count, file_cap;
	uint32_t *file_slots;	/* hash index of files: index + 1, 0 free */
	size_t file_slot_mask;
} report;

/* max_findings: how many findings to keep; 0 keeps all. */
report *report_new(const char *format, const char *rules_path,
    size_t max_findings);
/* Keep at most n findings of each rule id (all are still counted). */
void report_set_max_per_rule(report *rep, size_t n);
void report_free(report *rep);

/* Start the counts of a new capture; later lines count towards it. */
void report_begin_capture(report *rep, const capture *c);
void report_set_pairing(report *rep, const char *status);
/*
 * Count a record of `lines` lines (a log line and its continuation lines):
 * each of its lines counts as the record does, so that the counts add up
 * to the lines read.
 */
void report_count_line(report *rep, lc_stream stream, judge_kind kind,
    uint64_t lines);
/* Count foreign lines already counted as the body of a record. */
void report_count_foreign_body(report *rep, uint64_t lines);
/*
 * Count a pair of twins with known arrival times: the later one, on
 * stream late (stdout or stderr), came delay_ns after the other.
 */
void report_count_flush(report *rep, lc_stream late, int64_t delay_ns,
    int64_t bound_ns);
void report_count_level(report *rep, const char *level, size_t len);
/* message and excerpt are taken over by the report. */
void report_add(report *rep, const char *file, unsigned long line,
    unsigned long column, const char *rule, rules_severity severity,
    char *message, char *excerpt, size_t caret);

/*
 * Add src (a report of the current capture alone, made on another thread)
 * into dst, whose current capture it joins.  src's findings move to dst.
 */
void report_merge(report *dst, report *src);
/*
 * Whether report_add would keep another finding of this rule and
 * severity (not only count it), under --max-findings and the cap per rule.
 */
bool report_keeps(const report *rep, const char *rule,
    rules_severity severity);
/*
 * Sort the findings, errors first, then by file, line and column (once,
 * before output), and keep the first max_findings of them: no warning is
 * listed while an error goes unlisted.
 */
void report_sort(report *rep);
/* Findings counted but not listed (past max_findings). */
uint64_t report_unlisted(const report *rep);
/* Set the note said first (caller keeps note; NULL clears). */
void report_set_rules_note(report *rep, const char *note);
/*
 * Whether the check fails: on any error, or with fail_on_warning on any
 * warning too.
 */
bool report_failed(const report *rep);
void report_set_fail_on_warning(report *rep, bool fail_on_warning);
/* A duration for messages: "250 ms", "1.204 s" (caller frees). */
char *report_duration(int64_t ns);
uint64_t report_finding_total(const report *rep);

#endif
