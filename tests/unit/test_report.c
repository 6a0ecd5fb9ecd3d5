/* Unit tests for src/report.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "judge/report.h"
#include "util/xalloc.h"

/* A capture directory with both streams, as capture_resolve makes it. */
static capture
capture_dir(char *name, char *out, char *err)
{
	capture c = {
		.name = name,
		.sources = {
			{ .path = out, .stream = LC_STREAM_STDOUT },
			{ .path = err, .stream = LC_STREAM_STDERR },
		},
		.source_count = 2, .has_stdout = true, .has_stderr = true,
	};
	return c;
}

static capture
capture_file(char *path)
{
	capture c = {
		.name = path,
		.sources = { { .path = path, .stream = LC_STREAM_UNKNOWN } },
		.source_count = 1,
	};
	return c;
}

static void
add(report *rep, const char *file, unsigned long line, unsigned long column,
    const char *rule, rules_severity severity, const char *message)
{
	report_add(rep, file, line, column, rule, severity, xstrdup(message),
	    line != 0 ? xasprintf("excerpt of %s", message) : NULL, column);
}

static void
assert_counts(const report_counts *counts, uint64_t conforming,
    uint64_t violating, uint64_t foreign)
{
	assert_int_equal(counts->conforming, conforming);
	assert_int_equal(counts->violating, violating);
	assert_int_equal(counts->foreign, foreign);
	assert_int_equal(counts->lines, conforming + violating + foreign);
}

static void
test_new_and_free(void **state)
{
	report *rep = report_new("runpod", "rules/runpod.yaml", 0);

	(void)state;
	assert_string_equal(rep->format, "runpod");
	assert_string_equal(rep->rules_path, "rules/runpod.yaml");
	assert_int_equal(rep->max_findings, 0);
	assert_counts(&rep->total, 0, 0, 0);
	for (int s = 0; s < LC_STREAM_COUNT; s++)
		assert_counts(&rep->streams[s], 0, 0, 0);
	assert_int_equal(rep->level_count, 0);
	assert_int_equal(rep->other_levels, 0);
	assert_int_equal(rep->category_count, 0);
	assert_int_equal(rep->finding_count, 0);
	assert_int_equal(rep->capture_count, 0);
	assert_int_equal(rep->errors, 0);
	assert_int_equal(rep->warnings, 0);
	assert_false(report_failed(rep));
	assert_int_equal(report_finding_total(rep), 0);
	report_free(rep);
	report_free(NULL);
}

static void
test_captures(void **state)
{
	report *rep = report_new("f", "r", 0);
	capture first = capture_dir("run1", "run1/stdout.log",
	    "run1/stderr.log");
	capture second = capture_file("-");

	(void)state;
	report_begin_capture(rep, &first);
	report_set_pairing(rep, "not checked yet");
	report_set_pairing(rep, "checked");
	report_begin_capture(rep, &second);
	report_set_pairing(rep, "not checked: the stream is unknown");
	assert_int_equal(rep->capture_count, 2);

	report_capture *rc = &rep->captures[0];
	assert_string_equal(rc->name, "run1");
	assert_ptr_not_equal(rc->name, first.name);
	assert_string_equal(rc->stdout_path, "run1/stdout.log");
	assert_string_equal(rc->stderr_path, "run1/stderr.log");
	assert_null(rc->unknown_path);
	assert_string_equal(rc->pairing, "checked");
	rc = &rep->captures[1];
	assert_string_equal(rc->name, "-");
	assert_null(rc->stdout_path);
	assert_null(rc->stderr_path);
	assert_string_equal(rc->unknown_path, "-");
	assert_string_equal(rc->pairing, "not checked: the stream is unknown");
	/* The capture's files are known before any finding names them. */
	assert_int_equal(rep->file_count, 3);
	assert_string_equal(rep->files[0], "run1/stdout.log");
	assert_string_equal(rep->files[1], "run1/stderr.log");
	assert_string_equal(rep->files[2], "-");
	report_free(rep);
}

static void
test_counts_add_up(void **state)
{
	report *rep = report_new("f", "r", 0);
	capture first = capture_dir("run1", "run1/stdout.log",
	    "run1/stderr.log");
	capture second = capture_dir("run2", "run2/stdout.log",
	    "run2/stderr.log");
	capture third = capture_file("plain.log");

	(void)state;
	report_begin_capture(rep, &first);
	report_count_line(rep, LC_STREAM_STDOUT, LINE_CONFORMING, 1);
	report_count_line(rep, LC_STREAM_STDOUT, LINE_CONFORMING, 1);
	report_count_line(rep, LC_STREAM_STDOUT, LINE_VIOLATING, 1);
	report_count_line(rep, LC_STREAM_STDERR, LINE_FOREIGN, 1);
	report_count_line(rep, LC_STREAM_STDERR, LINE_CONFORMING, 1);
	report_begin_capture(rep, &second);
	report_count_line(rep, LC_STREAM_STDERR, LINE_VIOLATING, 1);
	report_count_line(rep, LC_STREAM_STDERR, LINE_VIOLATING, 1);
	report_count_line(rep, LC_STREAM_STDOUT, LINE_FOREIGN, 1);
	report_begin_capture(rep, &third);
	report_count_line(rep, LC_STREAM_UNKNOWN, LINE_CONFORMING, 1);
	report_count_line(rep, LC_STREAM_UNKNOWN, LINE_FOREIGN, 1);
	report_count_line(rep, LC_STREAM_UNKNOWN, LINE_FOREIGN, 1);

	assert_counts(&rep->captures[0].counts, 3, 1, 1);
	assert_counts(&rep->captures[1].counts, 0, 2, 1);
	assert_counts(&rep->captures[2].counts, 1, 0, 2);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 2, 1, 1);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 1, 2, 1);
	assert_counts(&rep->streams[LC_STREAM_UNKNOWN], 1, 0, 2);
	assert_counts(&rep->total, 4, 3, 4);

	/* Each total is the sum of the streams and of the captures. */
	report_counts by_stream = { 0 }, by_capture = { 0 };
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		by_stream.lines += rep->streams[s].lines;
		by_stream.conforming += rep->streams[s].conforming;
		by_stream.violating += rep->streams[s].violating;
		by_stream.foreign += rep->streams[s].foreign;
	}
	for (size_t i = 0; i < rep->capture_count; i++) {
		by_capture.lines += rep->captures[i].counts.lines;
		by_capture.conforming += rep->captures[i].counts.conforming;
		by_capture.violating += rep->captures[i].counts.violating;
		by_capture.foreign += rep->captures[i].counts.foreign;
	}
	assert_memory_equal(&by_stream, &rep->total, sizeof by_stream);
	assert_memory_equal(&by_capture, &rep->total, sizeof by_capture);
	report_free(rep);
}

static void
test_levels_in_order(void **state)
{
	report *rep = report_new("f", "r", 0);
	const char *line = "INFO: WARNING: INF";

	(void)state;
	/* Levels are byte ranges of a line, not NUL-terminated strings. */
	report_count_level(rep, line, 4);
	report_count_level(rep, line + 6, 7);
	report_count_level(rep, line, 4);
	report_count_level(rep, line + 15, 3);
	report_count_level(rep, line + 6, 4);
	report_count_level(rep, "INFO", 4);
	assert_int_equal(rep->level_count, 4);
	assert_string_equal(rep->levels[0].level, "INFO");
	assert_int_equal(rep->levels[0].count, 3);
	assert_string_equal(rep->levels[1].level, "WARNING");
	assert_int_equal(rep->levels[1].count, 1);
	/* A prefix of a level is a level of its own. */
	assert_string_equal(rep->levels[2].level, "INF");
	assert_int_equal(rep->levels[2].count, 1);
	assert_string_equal(rep->levels[3].level, "WARN");
	assert_int_equal(rep->levels[3].count, 1);
	assert_int_equal(rep->other_levels, 0);
	report_free(rep);
}

static void
test_levels_capped(void **state)
{
	report *rep = report_new("f", "r", 0);
	char level[16];

	(void)state;
	for (int i = 0; i < 70; i++) {
		int len = snprintf(level, sizeof level, "L%d", i);
		report_count_level(rep, level, (size_t)len);
		report_count_level(rep, level, (size_t)len);
	}
	assert_int_equal(rep->level_count, 64);
	for (int i = 0; i < 64; i++) {
		snprintf(level, sizeof level, "L%d", i);
		assert_string_equal(rep->levels[i].level, level);
		assert_int_equal(rep->levels[i].count, 2);
	}
	/* Every occurrence past the cap is counted, not each level once. */
	assert_int_equal(rep->other_levels, 12);
	/* Levels known before the cap are still counted as themselves. */
	report_count_level(rep, "L0", 2);
	report_count_level(rep, "L63", 3);
	report_count_level(rep, "L64", 3);
	assert_int_equal(rep->levels[0].count, 3);
	assert_int_equal(rep->levels[63].count, 3);
	assert_int_equal(rep->level_count, 64);
	assert_int_equal(rep->other_levels, 13);
	report_free(rep);
}

static void
test_levels_sanitized(void **state)
{
	report *rep = report_new("f", "r", 0);

	(void)state;
	/* What reaches the output is valid UTF-8 without NUL bytes. */
	report_count_level(rep, "WARN\xff", 5);
	report_count_level(rep, "IN\0FO", 5);
	assert_int_equal(rep->level_count, 2);
	assert_string_equal(rep->levels[0].level, "WARN\xef\xbf\xbd");
	assert_string_equal(rep->levels[1].level, "IN\xef\xbf\xbd" "FO");
	/* The same bytes again are the same level. */
	report_count_level(rep, "WARN\xff", 5);
	report_count_level(rep, "IN\0FO", 5);
	assert_int_equal(rep->level_count, 2);
	assert_int_equal(rep->levels[0].count, 2);
	assert_int_equal(rep->levels[1].count, 2);
	report_free(rep);
}

static void
test_levels_shown_alike(void **state)
{
	report *rep = report_new("f", "r", 0);

	(void)state;
	/*
	 * An invalid byte and a real U+FFFD print alike; as two levels they
	 * would be one key twice in the JSON "levels" object.
	 */
	report_count_level(rep, "ERR\xef\xbf\xbd", 6);
	report_count_level(rep, "ERR\xfe", 4);
	report_count_level(rep, "ERR\xef\xbf\xbd", 6);
	assert_int_equal(rep->level_count, 1);
	assert_string_equal(rep->levels[0].level, "ERR\xef\xbf\xbd");
	assert_int_equal(rep->levels[0].count, 3);
	report_free(rep);
}

static void
test_categories(void **state)
{
	report *rep = report_new("f", "r", 0);
	char rule[16];

	(void)state;
	add(rep, "a.log", 1, 1, "time-format", SEVERITY_ERROR, "m1");
	add(rep, "a.log", 2, 1, "level", SEVERITY_WARNING, "m2");
	/* The rule id is copied, not borrowed. */
	snprintf(rule, sizeof rule, "%s", "time-format");
	add(rep, "a.log", 3, 1, rule, SEVERITY_ERROR, "m3");
	memset(rule, 'x', sizeof rule - 1);
	add(rep, "a.log", 0, 0, "empty-stream", SEVERITY_WARNING, "m4");
	add(rep, "a.log", 4, 1, "level", SEVERITY_WARNING, "m5");
	assert_int_equal(rep->category_count, 3);
	assert_string_equal(rep->categories[0].rule, "time-format");
	assert_int_equal(rep->categories[0].severity, SEVERITY_ERROR);
	assert_int_equal(rep->categories[0].count, 2);
	assert_string_equal(rep->categories[1].rule, "level");
	assert_int_equal(rep->categories[1].severity, SEVERITY_WARNING);
	assert_int_equal(rep->categories[1].count, 2);
	assert_string_equal(rep->categories[2].rule, "empty-stream");
	assert_int_equal(rep->categories[2].count, 1);
	assert_int_equal(rep->errors, 2);
	assert_int_equal(rep->warnings, 3);
	assert_int_equal(report_finding_total(rep), 5);
	/* A finding's rule is its category's copy. */
	assert_ptr_equal(rep->findings[2].rule, rep->categories[0].rule);
	assert_ptr_equal(rep->findings[4].rule, rep->categories[1].rule);
	assert_int_equal(rep->findings[3].line, 0);
	assert_null(rep->findings[3].excerpt);
	assert_string_equal(rep->findings[0].excerpt, "excerpt of m1");
	report_free(rep);
}

static void
test_max_findings(void **state)
{
	report *rep = report_new("f", "r", 3);
	char message[16];

	(void)state;
	for (int i = 0; i < 10; i++) {
		snprintf(message, sizeof message, "m%d", i);
		add(rep, "a.log", 10 - (unsigned long)i, 1,
		    i % 2 ? "odd" : "even",
		    i < 9 ? SEVERITY_WARNING : SEVERITY_ERROR, message);
	}
	/*
	 * The first three of each severity are kept, all ten counted: the
	 * error met last is kept past the warnings.
	 */
	assert_int_equal(rep->finding_count, 4);
	for (int i = 0; i < 3; i++) {
		snprintf(message, sizeof message, "m%d", i);
		assert_string_equal(rep->findings[i].message, message);
		assert_int_equal(rep->findings[i].order, i);
	}
	assert_string_equal(rep->findings[3].message, "m9");
	assert_int_equal(rep->warnings, 9);
	assert_int_equal(rep->errors, 1);
	assert_int_equal(report_finding_total(rep), 10);
	assert_int_equal(rep->categories[0].count, 5);
	assert_int_equal(rep->categories[1].count, 5);
	assert_true(report_failed(rep));
	/* The error is listed first; a warning is what the cut drops. */
	report_sort(rep);
	assert_int_equal(rep->finding_count, 3);
	assert_string_equal(rep->findings[0].message, "m9");
	assert_string_equal(rep->findings[1].message, "m2");
	assert_string_equal(rep->findings[2].message, "m1");
	assert_int_equal(report_unlisted(rep), 7);
	/* The counts by id stay whole; the listed id comes first. */
	assert_string_equal(rep->categories[0].rule, "odd");
	assert_int_equal(rep->categories[0].count, 5);
	assert_int_equal(rep->categories[1].count, 5);
	report_free(rep);
}

/* report_keeps says beforehand what report_add will keep. */
static void
test_keeps(void **state)
{
	report *rep = report_new("f", "r", 3);

	(void)state;
	report_set_max_per_rule(rep, 2);
	for (int i = 0; i < 3; i++) {
		bool keeps = report_keeps(rep, "a", SEVERITY_WARNING);
		size_t kept = rep->finding_count;

		assert_int_equal(keeps, i < 2);
		add(rep, "a.log", 1, 1, "a", SEVERITY_WARNING, "m");
		assert_int_equal(rep->finding_count, kept + (keeps ? 1 : 0));
	}
	/* Another rule has a cap of its own, until --max-findings. */
	assert_true(report_keeps(rep, "b", SEVERITY_WARNING));
	add(rep, "a.log", 2, 1, "b", SEVERITY_WARNING, "m");
	assert_false(report_keeps(rep, "b", SEVERITY_WARNING));
	assert_false(report_keeps(rep, "c", SEVERITY_WARNING));
	/* Errors are kept apart from warnings. */
	assert_true(report_keeps(rep, "c", SEVERITY_ERROR));
	report_free(rep);
}

static void
test_keep_all(void **state)
{
	report *rep = report_new("f", "r", 0);
	char message[16];

	(void)state;
	/* Past the first allocation of 64 findings. */
	for (int i = 0; i < 300; i++) {
		snprintf(message, sizeof message, "m%d", i);
		add(rep, "a.log", (unsigned long)i + 1, 1, "r",
		    SEVERITY_WARNING, message);
	}
	assert_int_equal(rep->finding_count, 300);
	for (int i = 0; i < 300; i++) {
		snprintf(message, sizeof message, "m%d", i);
		assert_string_equal(rep->findings[i].message, message);
	}
	assert_false(report_failed(rep));
	report_free(rep);
}

static void
test_files_interned(void **state)
{
	report *rep = report_new("f", "r", 0);
	char file[32];

	(void)state;
	snprintf(file, sizeof file, "%s", "x/stdout.log");
	add(rep, file, 1, 1, "r", SEVERITY_WARNING, "m1");
	/* The name is copied: the caller's buffer may change. */
	snprintf(file, sizeof file, "%s", "x/stderr.log");
	add(rep, file, 1, 1, "r", SEVERITY_WARNING, "m2");
	add(rep, "x/stdout.log", 2, 1, "r", SEVERITY_WARNING, "m3");
	assert_int_equal(rep->file_count, 2);
	assert_string_equal(rep->findings[0].file, "x/stdout.log");
	assert_string_equal(rep->findings[1].file, "x/stderr.log");
	assert_ptr_equal(rep->findings[0].file, rep->findings[2].file);
	assert_ptr_equal(rep->findings[0].file, rep->files[0]);
	report_free(rep);
}

static void
expect_finding(const report *rep, size_t i, const char *file,
    unsigned long line, unsigned long column, const char *message)
{
	assert_true(i < rep->finding_count);
	assert_string_equal(rep->findings[i].file, file);
	assert_int_equal(rep->findings[i].line, line);
	assert_int_equal(rep->findings[i].column, column);
	assert_string_equal(rep->findings[i].message, message);
}

static void
test_sort(void **state)
{
	report *rep = report_new("f", "r", 0);
	capture first = capture_dir("run1", "run1/stdout.log",
	    "run1/stderr.log");
	capture second = capture_dir("run2", "run2/stdout.log",
	    "run2/stderr.log");

	(void)state;
	report_begin_capture(rep, &first);
	/* stderr's findings come first, yet stdout is listed first. */
	add(rep, "run1/stderr.log", 5, 1, "r", SEVERITY_WARNING, "e5");
	add(rep, "run1/stderr.log", 2, 9, "r", SEVERITY_WARNING, "e2.9");
	add(rep, "rules.yaml", 7, 3, "r", SEVERITY_ERROR, "rules");
	add(rep, "run1/stdout.log", 3, 4, "r", SEVERITY_WARNING, "o3.4-a");
	add(rep, "run1/stdout.log", 3, 2, "r", SEVERITY_WARNING, "o3.2");
	add(rep, "run1/stdout.log", 0, 0, "r", SEVERITY_WARNING, "o-file");
	add(rep, "run1/stdout.log", 3, 4, "r", SEVERITY_WARNING, "o3.4-b");
	add(rep, "run1/stdout.log", 1, 7, "r", SEVERITY_WARNING, "o1.7");
	add(rep, "run1/stderr.log", 2, 1, "r", SEVERITY_WARNING, "e2.1");
	add(rep, "run1", 0, 0, "r", SEVERITY_ERROR, "capture");
	report_begin_capture(rep, &second);
	add(rep, "run2/stderr.log", 1, 1, "r", SEVERITY_WARNING, "f1");
	add(rep, "run1/stdout.log", 3, 4, "r", SEVERITY_WARNING, "o3.4-c");
	add(rep, "run2/stdout.log", 9, 1, "r", SEVERITY_WARNING, "g9");
	add(rep, "run2/stdout.log", 10, 1, "r", SEVERITY_WARNING, "g10");
	report_sort(rep);

	size_t i = 0;
	/* Errors first, in the same order among themselves. */
	expect_finding(rep, i++, "rules.yaml", 7, 3, "rules");
	expect_finding(rep, i++, "run1", 0, 0, "capture");
	expect_finding(rep, i++, "run1/stdout.log", 0, 0, "o-file");
	expect_finding(rep, i++, "run1/stdout.log", 1, 7, "o1.7");
	expect_finding(rep, i++, "run1/stdout.log", 3, 2, "o3.2");
	/* Equal places keep their order of arrival. */
	expect_finding(rep, i++, "run1/stdout.log", 3, 4, "o3.4-a");
	expect_finding(rep, i++, "run1/stdout.log", 3, 4, "o3.4-b");
	expect_finding(rep, i++, "run1/stdout.log", 3, 4, "o3.4-c");
	expect_finding(rep, i++, "run1/stderr.log", 2, 1, "e2.1");
	expect_finding(rep, i++, "run1/stderr.log", 2, 9, "e2.9");
	expect_finding(rep, i++, "run1/stderr.log", 5, 1, "e5");
	/* Line 10 after line 9: numbers, not text. */
	expect_finding(rep, i++, "run2/stdout.log", 9, 1, "g9");
	expect_finding(rep, i++, "run2/stdout.log", 10, 1, "g10");
	expect_finding(rep, i++, "run2/stderr.log", 1, 1, "f1");
	assert_int_equal(rep->finding_count, i);

	/* Sorting is stable: once more changes nothing. */
	report_sort(rep);
	assert_string_equal(rep->findings[5].message, "o3.4-a");
	assert_string_equal(rep->findings[7].message, "o3.4-c");
	assert_string_equal(rep->findings[13].message, "f1");
	/* Findings may still come after a sort. */
	add(rep, "run2/stderr.log", 0, 0, "r", SEVERITY_WARNING, "late");
	add(rep, "run2/stderr.log", 0, 0, "r", SEVERITY_WARNING, "later");
	assert_int_equal(rep->finding_count, 16);
	report_sort(rep);
	expect_finding(rep, 13, "run2/stderr.log", 0, 0, "late");
	expect_finding(rep, 14, "run2/stderr.log", 0, 0, "later");
	expect_finding(rep, 15, "run2/stderr.log", 1, 1, "f1");
	report_free(rep);
}

static void
test_sort_empty(void **state)
{
	report *rep = report_new("f", "r", 0);
	capture c = capture_file("x.log");

	(void)state;
	report_sort(rep);
	assert_int_equal(rep->finding_count, 0);
	report_begin_capture(rep, &c);
	report_sort(rep);
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
}

static void
test_failed(void **state)
{
	report *rep = report_new("f", "r", 0);

	(void)state;
	assert_false(report_failed(rep));
	add(rep, "a.log", 1, 1, "w", SEVERITY_WARNING, "w1");
	add(rep, "a.log", 2, 1, "w", SEVERITY_WARNING, "w2");
	assert_false(report_failed(rep));
	add(rep, "a.log", 3, 1, "e", SEVERITY_ERROR, "e1");
	assert_true(report_failed(rep));
	report_free(rep);
}

/* Twins' delays by powers of ten, added up by a merge. */
static void
test_flush_delays(void **state)
{
	(void)state;
	capture c = capture_dir("cap", "cap/stdout.log", "cap/stderr.log");
	report *rep = report_new("f", "r.yaml", 0);
	report *more = report_new("f", "r.yaml", 0);
	static const int64_t delays[] = {
		0, 999999, 1000000, 50000000, 100000000, 999999999,
		1000000000, 9999999999, INT64_C(10000000000),
		INT64_C(1000000000000)
	};
	static const uint64_t want[REPORT_FLUSH_BUCKETS] = { 2, 1, 1, 2, 2, 2 };

	report_begin_capture(rep, &c);
	report_begin_capture(more, &c);
	for (size_t i = 0; i < sizeof delays / sizeof delays[0]; i++)
		report_count_flush(i % 2 ? rep : more, LC_STREAM_STDOUT,
		    delays[i], 100000000);
	report_merge(rep, more);
	const report_flush *f = &rep->captures[0].flush;
	assert_int_equal(f->pairs, 10);
	for (int b = 0; b < REPORT_FLUSH_BUCKETS; b++)
		assert_int_equal(f->delays[b], want[b]);
	assert_string_equal(report_flush_bucket_names[0], "under 1 ms");
	report_free(more);
	report_free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_and_free),
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_counts_add_up),
		cmocka_unit_test(test_levels_in_order),
		cmocka_unit_test(test_levels_capped),
		cmocka_unit_test(test_levels_sanitized),
		cmocka_unit_test(test_levels_shown_alike),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_max_findings),
		cmocka_unit_test(test_keeps),
		cmocka_unit_test(test_keep_all),
		cmocka_unit_test(test_files_interned),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_sort_empty),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_flush_delays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
