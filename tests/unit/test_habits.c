/*
 * Unit tests for src/learn/habits.c: what habits_build counts in small
 * captures written by the test (levels, emoji uses, text markers, log
 * lines per stream, templates), and which format it takes them under
 * when the capture's own layout is not the rules'.
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
#include "learn/habits.h"
#include "mine/templates.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define ROCKET "\xf0\x9f\x9a\x80"
#define PACKAGE "\xf0\x9f\x93\xa6"

/*
 * Rules for "[HH:MM:SS] LEVEL: message" lines, with the streams policy
 * given: any, or both (every log line on both streams, paired).
 */
#define HABITS_RULES(streams) \
    "format: tiny\n" \
    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): " \
    "(?<message>.*)$'\n" \
    "time: '%H:%M:%S'\n" \
    "levels: [INFO, WARN, ERROR]\n" \
    "streams: " streams "\n"

static const char tiny_rules[] = HABITS_RULES("any");
static const char paired_rules[] = HABITS_RULES("both");

static const char worker_log[] =
    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
    "[10:00:01] INFO: " ROCKET " Starting worker 2\n"
    "[10:00:02] INFO: " PACKAGE " Installing torch 2.1\n"
    "Collecting torch\n"
    "[10:00:03] WARN: cache is cold\n"
    "[10:00:04] ERROR: request 17 failed\n"
    "[10:00:05] INFO: " ROCKET " Starting worker 3\n";

/*
 * What a test made: a temporary folder with a capture folder in it,
 * holding stdout.log and stderr.log when given; the teardown frees it.
 */
typedef struct {
	char dir[256];
	char *capture_dir;
	rules *rules;
	capture capture;
	bool resolved;
	habits habits;
	char *cause;
} fixture;

static const char *const stream_files[] = { "stdout.log", "stderr.log" };

static int
setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	const char *base = getenv("TMPDIR");

	snprintf(fx->dir, sizeof fx->dir, "%s/test_habits.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	fx->capture_dir = xasprintf("%s/capture", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	fixture *fx = *state;

	habits_free(&fx->habits);
	if (fx->resolved)
		capture_free(&fx->capture);
	rules_free(fx->rules);
	free(fx->cause);
	for (size_t i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", fx->capture_dir,
		    stream_files[i]);
		unlink(path);
		free(path);
	}
	rmdir(fx->capture_dir);
	rmdir(fx->dir);
	free(fx->capture_dir);
	free(fx);
	return 0;
}

/*
 * Habits of a capture folder holding stdout.log and stderr.log (each if
 * given), under rules_text.
 */
static habits *
build(fixture *fx, const char *rules_text, const char *out, const char *err)
{
	const char *texts[2] = { out, err };
	lc_error lerr;

	fx->rules = rules_load_text("rules.yaml", rules_text,
	    strlen(rules_text), &lerr);
	if (fx->rules == NULL)
		fail_msg("%lu:%lu: %s", lerr.line, lerr.column, lerr.text);
	assert_int_equal(mkdir(fx->capture_dir, 0700), 0);
	for (size_t i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", fx->capture_dir,
		    stream_files[i]);
		FILE *f = texts[i] != NULL ? fopen(path, "wb") : NULL;

		free(path);
		if (texts[i] == NULL)
			continue;
		assert_non_null(f);
		assert_int_equal(fputs(texts[i], f) >= 0, true);
		assert_int_equal(fclose(f), 0);
	}
	if (capture_resolve(fx->capture_dir, &fx->capture, &fx->cause) != 0)
		fail_msg("%s", fx->cause);
	fx->resolved = true;
	if (habits_build(fx->rules, &fx->capture, 0, NULL, &fx->habits,
	    &fx->cause) != 0)
		fail_msg("habits_build: %s", fx->cause);
	return &fx->habits;
}

/* The count of a level, or -1 when it was not seen. */
static long long
level_count(const habits *p, const char *level)
{
	for (size_t i = 0; i < p->level_count; i++) {
		if (strcmp(p->levels[i].level, level) == 0)
			return (long long)p->levels[i].count;
	}
	return -1;
}

static const habits_emoji_use *
use_of(const habits *p, const char *emoji, const char *level)
{
	for (size_t i = 0; i < p->use_count; i++) {
		if (strcmp(p->uses[i].emoji, emoji) == 0 &&
		    strcmp(p->uses[i].level, level) == 0)
			return &p->uses[i];
	}
	return NULL;
}

/*
 * A level that is not UTF-8 is read with '?' for its bad bytes, so the
 * habits count it as one level, and one emoji use, however it is spelt.
 */
static void
test_level_not_utf8(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules,
	    "[10:00:00] W\xffRN: " ROCKET " one\n"
	    "[10:00:01] W\xffRN: " ROCKET " two\n"
	    "[10:00:02] W\xfeRN: " ROCKET " three\n"
	    "[10:00:03] WARN: " ROCKET " four\n", NULL);

	assert_int_equal(p->messages, 4);
	assert_int_equal(p->level_count, 2);
	assert_int_equal(level_count(p, "W?RN"), 3);
	assert_int_equal(level_count(p, "WARN"), 1);
	assert_int_equal(p->use_count, 2);
	assert_non_null(use_of(p, ROCKET, "W?RN"));
	assert_int_equal(use_of(p, ROCKET, "W?RN")->count, 3);
}

static void
test_free_empty(void **state)
{
	habits p;

	(void)state;
	habits_free(NULL);
	memset(&p, 0, sizeof p);
	habits_free(&p);
}

/* Log lines per level, first seen first; a foreign line is no message. */
static void
test_levels(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules, worker_log, NULL);

	assert_false(p->own_habits);
	assert_int_equal(p->lines, 7);
	assert_int_equal(p->messages, 6);
	assert_int_equal(p->level_count, 3);
	assert_string_equal(p->levels[0].level, "INFO");
	assert_string_equal(p->levels[1].level, "WARN");
	assert_string_equal(p->levels[2].level, "ERROR");
	assert_int_equal(level_count(p, "INFO"), 4);
	assert_int_equal(level_count(p, "WARN"), 1);
	assert_int_equal(level_count(p, "ERROR"), 1);
	/* The check report was taken in the same reading. */
	assert_non_null(p->report);
	assert_int_equal(p->report->total.foreign, 1);
}

/* Each (emoji, level) pairing with its count and where it came first. */
static void
test_emoji_uses(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules, worker_log, NULL);
	const habits_emoji_use *u;

	assert_int_equal(p->emoji_led, 4);
	assert_int_equal(p->use_count, 4);
	u = use_of(p, ROCKET, "INFO");
	assert_non_null(u);
	assert_int_equal(u->count, 3);
	assert_int_equal(u->line, 1);
	assert_non_null(strstr(u->file, "stdout.log"));
	assert_non_null(strstr(u->text, "Starting worker 1"));
	u = use_of(p, PACKAGE, "INFO");
	assert_non_null(u);
	assert_int_equal(u->count, 1);
	assert_int_equal(u->line, 3);
	/* A message without an emoji is a use of "". */
	u = use_of(p, "", "WARN");
	assert_non_null(u);
	assert_int_equal(u->count, 1);
	assert_int_equal(u->line, 5);
	assert_non_null(use_of(p, "", "ERROR"));
	assert_null(use_of(p, "", "INFO"));
}

/* A marker such as [OK] or SUCCESS: leads where an emoji would. */
static void
test_text_markers(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules,
	    "[10:00:00] INFO: plain start\n"
	    "[10:00:01] INFO: [OK] model loaded\n"
	    "[10:00:02] INFO: SUCCESS: job 4 done\n"
	    "[10:00:03] ERROR: FAILED job 5\n"
	    "[10:00:04] INFO: " ROCKET " [OK] led by an emoji\n"
	    "[10:00:05] INFO: [ok] lower case is no marker\n",
	    NULL);

	assert_int_equal(p->messages, 6);
	assert_int_equal(p->emoji_led, 1);
	assert_int_equal(p->text_marked, 3);
	assert_non_null(p->marker);
	assert_string_equal(p->marker, "[OK]");
	assert_int_equal(p->marker_line, 2);
	assert_non_null(strstr(p->marker_file, "stdout.log"));
	assert_non_null(strstr(p->marker_text, "model loaded"));
}

/* A marker or an emoji is not part of the message's template. */
static void
test_templates(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules,
	    "[10:00:00] INFO: [OK] worker 1 ready\n"
	    "[10:00:01] INFO: [OK] worker 2 ready\n"
	    "[10:00:02] INFO: [OK] worker 3 ready\n"
	    "[10:00:03] WARN: disk nearly full\n",
	    NULL);
	templates_entry e;
	bool ready = false;

	assert_non_null(p->miner);
	assert_int_equal(templates_count(p->miner), 2);
	for (size_t i = 0; templates_get(p->miner, i, &e); i++) {
		if (e.count != 3)
			continue;
		ready = true;
		assert_int_equal(e.emoji_len, 4);
		assert_memory_equal(e.emoji, "[OK]", 4);
		assert_null(memchr(e.text, '[', e.text_len));
	}
	assert_true(ready);
}

/* Unpaired streams: every log line counts, per stream. */
static void
test_stream_lines(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules,
	    "[10:00:00] INFO: one\n"
	    "[10:00:01] INFO: two\n"
	    "noise\n",
	    "[10:00:02] WARN: three\n");

	assert_int_equal(p->lines, 4);
	assert_int_equal(p->messages, 3);
	assert_int_equal(p->stream_lines[LC_STREAM_STDOUT], 2);
	assert_int_equal(p->stream_lines[LC_STREAM_STDERR], 1);
	assert_int_equal(level_count(p, "WARN"), 1);
}

/* Paired streams: the habits come from one stream, the twin adds none. */
static void
test_paired_twins(void **state)
{
	fixture *fx = *state;
	static const char twins[] =
	    "[10:00:00] INFO: " ROCKET " one\n"
	    "[10:00:01] WARN: two\n";
	habits *p = build(fx, paired_rules, twins, twins);

	assert_int_equal(p->lines, 4);
	assert_int_equal(p->messages, 2);
	assert_int_equal(level_count(p, "INFO"), 1);
	assert_int_equal(level_count(p, "WARN"), 1);
	assert_int_equal(p->emoji_led, 1);
	/* Log lines are still counted on each stream. */
	assert_int_equal(p->stream_lines[LC_STREAM_STDOUT], 2);
	assert_int_equal(p->stream_lines[LC_STREAM_STDERR], 2);
}

/* Paired streams with no log line on stdout: stderr gives the habits. */
static void
test_paired_from_stderr(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, paired_rules,
	    "pip install torch\n",
	    "[10:00:00] ERROR: " PACKAGE " one\n"
	    "[10:00:01] ERROR: two\n");

	assert_int_equal(p->lines, 3);
	assert_int_equal(p->messages, 2);
	assert_int_equal(level_count(p, "ERROR"), 2);
	assert_int_equal(p->stream_lines[LC_STREAM_STDOUT], 0);
	assert_int_equal(p->stream_lines[LC_STREAM_STDERR], 2);
	assert_non_null(use_of(p, PACKAGE, "ERROR"));
	assert_non_null(strstr(use_of(p, PACKAGE, "ERROR")->file,
	    "stderr.log"));
}

/*
 * A capture that only moved its fields around: none of its lines has
 * the rules' layout, so its habits are taken under its own format.
 */
static void
test_own_format(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules,
	    "2024-05-01 10:00:00 INFO " ROCKET " Starting worker 1\n"
	    "2024-05-01 10:00:01 INFO " ROCKET " Starting worker 2\n"
	    "2024-05-01 10:00:02 WARN cache is cold\n"
	    "2024-05-01 10:00:03 ERROR request 17 failed\n"
	    "2024-05-01 10:00:04 INFO " PACKAGE " Installing torch\n",
	    NULL);

	assert_true(p->own_ok);
	assert_true(p->own_habits);
	assert_int_equal(p->own.lines, 5);
	assert_int_equal(p->own.fitting, 5);
	/* Under the rules every line is foreign ... */
	assert_int_equal(p->report->total.foreign, 5);
	/* ... under its own format each has its level and emoji. */
	assert_int_equal(p->messages, 5);
	assert_int_equal(level_count(p, "INFO"), 3);
	assert_int_equal(level_count(p, "WARN"), 1);
	assert_int_equal(level_count(p, "ERROR"), 1);
	assert_int_equal(p->emoji_led, 3);
	assert_non_null(use_of(p, ROCKET, "INFO"));
	assert_int_equal(p->stream_lines[LC_STREAM_STDOUT], 5);
}

/* The rules' layout fits: the own format is known but not used. */
static void
test_own_format_not_taken(void **state)
{
	fixture *fx = *state;
	habits *p = build(fx, tiny_rules, worker_log, NULL);

	assert_true(p->own_ok);
	assert_false(p->own_habits);
	assert_int_equal(p->own.lines, 7);
	assert_int_equal(p->own.fitting, 6);
}

/*
 * A capture whose start has the rules' layout and whose rest has only its
 * own: the first sniff's worth of lines says the own habits will not be
 * taken, so they stop there, and the capture is read again when they are
 * taken after all.  They are whole: every message of both layouts.
 */
static void
test_own_format_taken_late(void **state)
{
	static const char strict_rules[] =
	    "format: strict\n"
	    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>INFO|WARN|ERROR): "
	    "(?<message>.*)$'\n"
	    "time: '%H:%M:%S'\n"
	    "levels: [INFO, WARN, ERROR]\n";
	enum { START = 9000, REST = 30000 };
	fixture *fx = *state;
	strbuf log = { 0 };

	for (int i = 0; i < START + REST; i++) {
		char line[80];
		int n = snprintf(line, sizeof line, i < START ?
		    "[10:%02d:%02d] INFO: job %d done\n" :
		    "[11:%02d:%02d] NOTICE: cache %d warmed\n",
		    i / 60 % 60, i % 60, i % 977);
		strbuf_add(&log, line, (size_t)n);
	}
	strbuf_add(&log, "", 1);
	habits *p = build(fx, strict_rules, log.text, NULL);

	assert_true(p->own_habits);
	assert_int_equal(p->lines, START + REST);
	assert_int_equal(p->messages, START + REST);
	assert_int_equal(level_count(p, "INFO"), START);
	assert_int_equal(level_count(p, "NOTICE"), REST);
	assert_int_equal(templates_count(p->miner), 2);
	strbuf_free(&log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_empty),
		cmocka_unit_test_setup_teardown(test_level_not_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_format_taken_late,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_emoji_uses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_text_markers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_templates, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stream_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_paired_twins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_paired_from_stderr, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_own_format, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_own_format_not_taken,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
