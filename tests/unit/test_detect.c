/*
 * Unit tests for src/learn/detect.c: how a rule file reads a sniff, and
 * the order detection ranks rule files in, for small captures written by
 * the test.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/capture.h"
#include "learn/detect.h"
#include "util/error.h"
#include "util/xalloc.h"

/*
 * Threads of one program: a worker's record is stamped before main's
 * that was written first, and carries a stack trace.
 */
static const char threads_log[] =
    "10:00:05 INFO [main] starting\n"
    "10:00:04 ERROR [worker-1] request failed\n"
    "    at app.Worker.run(Worker.java:42)\n"
    "    at java.lang.Thread.run(Thread.java:1583)\n"
    "10:00:06 INFO [main] done\n";

/* The program's own format: its time, levels, thread and stack traces. */
static const char own_rules[] =
    "format: own\n"
    "line: '^(?<time>\\d\\d:\\d\\d:\\d\\d) (?<level>[A-Z]+) "
    "\\[(?<thread>[^\\]]+)\\] (?<message>.*)$'\n"
    "time: '%H:%M:%S'\n"
    "levels: [DEBUG, INFO, WARN, ERROR]\n"
    "continuation: '^\\s+at '\n"
    "streams: any\n"
    "foreign: report\n";

/* The same, without ERROR among its levels. */
static const char no_error_rules[] =
    "format: no-error\n"
    "line: '^(?<time>\\d\\d:\\d\\d:\\d\\d) (?<level>[A-Z]+) "
    "\\[(?<thread>[^\\]]+)\\] (?<message>.*)$'\n"
    "time: '%H:%M:%S'\n"
    "levels: [DEBUG, INFO, WARN]\n"
    "continuation: '^\\s+at '\n"
    "streams: any\n"
    "foreign: report\n";

/* A looser format without time order or stack traces. */
static const char loose_rules[] =
    "format: loose\n"
    "line: '^\\d\\d:\\d\\d:\\d\\d (?<message>.*)$'\n"
    "streams: any\n"
    "foreign: report\n";

/* The program's format with two optional fields it never writes. */
static const char optional_rules[] =
    "format: optional\n"
    "line: '^(?<time>\\d\\d:\\d\\d:\\d\\d) (?<level>[A-Z]+) "
    "(?:<(?<pid>\\d+)> )?\\[(?<thread>[^\\]]+)\\] "
    "(?:\\((?<source>[^)]*)\\) )?(?<message>.*)$'\n"
    "time: '%H:%M:%S'\n"
    "levels: [DEBUG, INFO, WARN, ERROR]\n"
    "continuation: '^\\s+at '\n"
    "streams: any\n"
    "foreign: report\n";

typedef struct {
	char path[256];
	capture cap;
	detect_sniff *sniff;
} fixture;

static int
setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	const char *base = getenv("TMPDIR");
	char *cause = NULL;
	FILE *f;
	int fd;

	snprintf(fx->path, sizeof fx->path, "%s/test_detect.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	if ((fd = mkstemp(fx->path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(threads_log, f);
	if (fclose(f) != 0 || capture_resolve(fx->path, &fx->cap, &cause) != 0)
		return -1;
	if ((fx->sniff = detect_sniff_new(&fx->cap, 1, &cause)) == NULL)
		return -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	fixture *fx = *state;

	detect_sniff_free(fx->sniff);
	capture_free(&fx->cap);
	unlink(fx->path);
	free(fx);
	return 0;
}

static void
try_rules(const fixture *fx, const char *text, detect_candidate *c)
{
	lc_error err;
	rules *r = rules_load_text("rules.yaml", text, strlen(text), &err);

	if (r == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
	c->name = xstrdup(r->format);
	c->format = xstrdup(r->format);
	detect_try(fx->sniff, r, c);
	rules_free(r);
}

/* A record whose only finding is its time stepping back is read in order. */
static void
test_time_order_in_order(void **state)
{
	fixture *fx = *state;
	detect_candidate *c = xcalloc(1, sizeof *c);

	assert_int_equal(detect_sniff_lines(fx->sniff), 5);
	try_rules(fx, own_rules, c);
	assert_int_equal(c->lines, 5);
	assert_int_equal(c->conforming, 2);
	assert_int_equal(c->violating, 3);
	assert_int_equal(c->foreign, 0);
	assert_int_equal(c->in_order, 5);
	assert_int_equal(detect_percent(c), 100);
	assert_true(detect_fits(c));
	detect_candidates_free(c, 1);
}

/* Any other finding is a misreading: a level outside the rules. */
static void
test_level_not_in_order(void **state)
{
	fixture *fx = *state;
	detect_candidate *c = xcalloc(1, sizeof *c);

	try_rules(fx, no_error_rules, c);
	assert_int_equal(c->conforming, 2);
	assert_int_equal(c->violating, 3);
	assert_int_equal(c->in_order, 2);
	detect_candidates_free(c, 1);
}

/*
 * Ranking: the file that reads every line, a time step aside, before a
 * looser one that conforms on more lines and leaves the trace foreign.
 */
static void
test_rank_in_order_first(void **state)
{
	fixture *fx = *state;
	detect_candidate *c = xcalloc(3, sizeof *c);

	try_rules(fx, loose_rules, &c[0]);
	try_rules(fx, no_error_rules, &c[1]);
	try_rules(fx, own_rules, &c[2]);
	assert_int_equal(c[0].conforming, 3);
	assert_int_equal(c[0].foreign, 2);
	assert_int_equal(c[0].in_order, 3);
	qsort(c, 3, sizeof c[0], detect_rank);
	assert_string_equal(c[0].name, "own");
	assert_string_equal(c[1].name, "loose");
	assert_string_equal(c[2].name, "no-error");
	detect_candidates_free(c, 3);
}

/*
 * Of two files that read the same lines, the one whose named fields all
 * hold text goes first, though the other names more fields.
 */
static void
test_rank_filled_fields(void **state)
{
	fixture *fx = *state;
	detect_candidate *c = xcalloc(2, sizeof *c);

	try_rules(fx, optional_rules, &c[0]);
	try_rules(fx, own_rules, &c[1]);
	assert_int_equal(c[0].in_order, c[1].in_order);
	assert_int_equal(c[0].conforming, c[1].conforming);
	assert_int_equal(c[0].filled, c[1].filled);
	assert_int_equal(c[1].unfilled, 0);
	assert_int_equal(c[0].unfilled, 2 * 3);
	qsort(c, 2, sizeof c[0], detect_rank);
	assert_string_equal(c[0].name, "own");
	detect_candidates_free(c, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_time_order_in_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_not_in_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_in_order_first,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_filled_fields,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
