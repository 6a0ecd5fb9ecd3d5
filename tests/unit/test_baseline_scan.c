/*
 * Unit tests for src/learn/baseline_scan.c: a baseline counted by
 * baseline_counter during a check of a capture is the one counted by
 * reading its sources one after the other, also when the streams are
 * paired (read at once on two threads) and the second stream's lines are
 * held past memory into a temporary file.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/capture.h"
#include "input/source.h"
#include "judge/check.h"
#include "judge/drift.h"
#include "judge/judge.h"
#include "learn/baseline_scan.h"
#include "util/error.h"
#include "util/xalloc.h"

#define ROCKET "\xf0\x9f\x9a\x80"

/* "[HH:MM:SS] LEVEL: message", with the streams policy given. */
#define SCAN_RULES(streams) \
    "format: scan\n" \
    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): " \
    "(?<message>.*)$'\n" \
    "time: '%H:%M:%S'\n" \
    "levels: [INFO, WARN, ERROR]\n" \
    "streams: " streams "\n"

/* Lines of each stream: well past the 1 MiB held in memory. */
#define SCAN_LINES 30000

typedef struct {
	char dir[256];
	char *paths[2];
	rules *rules;
	capture capture;
	bool resolved;
} fixture;

static int
setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	const char *base = getenv("TMPDIR");

	snprintf(fx->dir, sizeof fx->dir, "%s/test_baseline_scan.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	fx->paths[0] = xasprintf("%s/stdout.log", fx->dir);
	fx->paths[1] = xasprintf("%s/stderr.log", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	fixture *fx = *state;

	if (fx->resolved)
		capture_free(&fx->capture);
	rules_free(fx->rules);
	for (int i = 0; i < 2; i++) {
		unlink(fx->paths[i]);
		free(fx->paths[i]);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/*
 * Write both streams: the same log lines in the same order, messages
 * the miner must generalize as it goes, and on stderr some lines of its
 * own, so that the order the miner sees them in matters.
 */
static void
write_capture(fixture *fx, const char *rules_text)
{
	static const char *const levels[] = { "INFO", "WARN", "ERROR" };
	lc_error err;
	char *cause = NULL;

	fx->rules = rules_load_text("rules.yaml", rules_text,
	    strlen(rules_text), &err);
	if (fx->rules == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
	for (int s = 0; s < 2; s++) {
		FILE *f = fopen(fx->paths[s], "wb");

		assert_non_null(f);
		for (unsigned i = 0; i < SCAN_LINES; i++) {
			unsigned t = i % 86400;
			fprintf(f, "[%02u:%02u:%02u] %s: %s", t / 3600,
			    t / 60 % 60, t % 60, levels[i % 3],
			    i % 7 == 0 ? ROCKET " " : "");
			if (s == 1 && i % 11 == 0)
				fprintf(f, "stderr alone %u in step %u of "
				    "job %u\n", i, i % 5, i / 100);
			else if (i % 4 == 0)
				fprintf(f, "worker %u started job %u\n", i % 9,
				    i);
			else
				fprintf(f, "request %u took %u ms on node-%u\n",
				    i, i % 97, i % 13);
			if (i % 50 == 0)
				fputs("Traceback (most recent call last):\n", f);
		}
		assert_int_equal(fclose(f), 0);
	}
	if (capture_resolve(fx->dir, &fx->capture, &cause) != 0)
		fail_msg("%s", cause);
	fx->resolved = true;
}

/* The baseline of reading the sources one after the other. */
static baseline *
count_in_order(const rules *r, const capture *c)
{
	baseline *b = baseline_for(r, "layout");
	judge *j = judge_new(r);
	judge_result res = { 0 };
	lc_line line;
	char *cause = NULL;

	for (size_t i = 0; i < c->source_count; i++) {
		source_reader *reader = source_open(&c->sources[i],
		    r->max_line, false, &cause);
		assert_non_null(reader);
		while (source_next(reader, &line, NULL, &cause) > 0) {
			baseline_parts p;
			judge_line(j, NULL, line.text, line.len,
			    c->sources[i].stream, &res);
			if (res.kind == LINE_FOREIGN) {
				baseline_add_line(b, NULL);
				continue;
			}
			drift_parts_of(line.text, &res, &p);
			baseline_add_line(b, &p);
		}
		source_close(reader);
	}
	judge_result_free(&res);
	judge_free(j);
	baseline_finish(b);
	return b;
}

/* The baseline baseline_counter counts while the capture is checked. */
static baseline *
count_while_checked(const rules *r, const capture *c)
{
	baseline *b = baseline_for(r, "layout");
	baseline_counter *bc = baseline_counter_new(b,
	    !check_reads_at_once(r, c));
	report *rep = report_new(r->format, r->path, 1);
	char *cause = NULL;

	if (check_capture_each(r, c, rep, baseline_counter_each, bc, NULL,
	    &cause) != 0 || baseline_counter_flush(bc, &cause) != 0)
		fail_msg("%s", cause);
	baseline_counter_free(bc);
	report_free(rep);
	baseline_finish(b);
	return b;
}

static void
assert_same_baseline(const baseline *a, const baseline *b)
{
	assert_int_equal(a->lines, b->lines);
	assert_int_equal(a->log_lines, b->log_lines);
	assert_int_equal(a->level_count, b->level_count);
	for (size_t i = 0; i < a->level_count; i++) {
		assert_string_equal(a->levels[i].level, b->levels[i].level);
		assert_int_equal(a->levels[i].count, b->levels[i].count);
	}
	assert_int_equal(a->emoji_count, b->emoji_count);
	for (size_t i = 0; i < a->emoji_count; i++) {
		assert_string_equal(a->emoji[i].level, b->emoji[i].level);
		assert_string_equal(a->emoji[i].emoji, b->emoji[i].emoji);
		assert_int_equal(a->emoji[i].count, b->emoji[i].count);
	}
	assert_int_equal(a->template_count, b->template_count);
	for (size_t i = 0; i < a->template_count; i++) {
		assert_string_equal(a->templates[i].level,
		    b->templates[i].level);
		assert_string_equal(a->templates[i].emoji,
		    b->templates[i].emoji);
		assert_string_equal(a->templates[i].text,
		    b->templates[i].text);
		assert_int_equal(a->templates[i].count,
		    b->templates[i].count);
	}
	assert_int_equal(a->overflow, b->overflow);
}

static void
check_counts(fixture *fx, const char *rules_text, bool at_once)
{
	baseline *in_order, *checked;

	write_capture(fx, rules_text);
	assert_int_equal(check_reads_at_once(fx->rules, &fx->capture),
	    at_once);
	in_order = count_in_order(fx->rules, &fx->capture);
	checked = count_while_checked(fx->rules, &fx->capture);
	assert_int_equal(in_order->lines, 2 * SCAN_LINES +
	    2 * (SCAN_LINES / 50));
	assert_true(in_order->template_count > 3);
	assert_same_baseline(in_order, checked);
	baseline_free(in_order);
	baseline_free(checked);
}

/* Paired streams: stderr's lines held (past 1 MiB in a file), then. */
static void
test_paired(void **state)
{
	check_counts(*state, SCAN_RULES("both"), true);
}

/* Streams not paired: the sources are read one after the other. */
static void
test_unpaired(void **state)
{
	check_counts(*state, SCAN_RULES("any"), false);
}

/* Without a temporary file the held lines stay in memory. */
static void
test_paired_no_tmpdir(void **state)
{
	char *saved = getenv("TMPDIR") != NULL ? xstrdup(getenv("TMPDIR")) :
	    NULL;

	setenv("TMPDIR", "/nonexistent/logcompat-test", 1);
	check_counts(*state, SCAN_RULES("both"), true);
	if (saved != NULL)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_paired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unpaired, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_paired_no_tmpdir, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
