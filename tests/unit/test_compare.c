/*
 * Unit tests for src/learn/compare.c: the verdict of each dimension and the
 * facts it rests on, for small captures written by the test.  No renderer
 * is involved; test_compare_output.c words the facts.
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
#include "learn/compare.h"
#include "learn/keyschema.h"
#include "util/error.h"
#include "util/xalloc.h"

#define ROCKET "\xf0\x9f\x9a\x80"
#define PACKAGE "\xf0\x9f\x93\xa6"

/* A small format: "[HH:MM:SS] LEVEL: message" on any stream. */
static const char tiny_rules[] =
    "format: tiny\n"
    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): (?<message>.*)$'\n"
    "time: '%H:%M:%S'\n"
    "levels: [INFO, WARN, ERROR]\n"
    "emoji: optional\n"
    "streams: any\n"
    "foreign: report\n";

/* The same, with every line on both streams. */
static const char paired_rules[] =
    "format: paired\n"
    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): (?<message>.*)$'\n"
    "time: '%H:%M:%S'\n"
    "levels: [INFO, WARN, ERROR]\n"
    "emoji: optional\n"
    "streams: both\n"
    "foreign: report\n";

static const char reference_log[] =
    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
    "[10:00:01] INFO: " ROCKET " Starting worker 2\n"
    "[10:00:02] INFO: " PACKAGE " Installing torch 2.1\n"
    "[10:00:03] INFO: " PACKAGE " Installing redis 5.0\n"
    "[10:00:04] WARN: cache is cold\n"
    "[10:00:05] ERROR: request 17 failed\n";

/* The same events as JSON Lines: time, level and message keys. */
static const char json_rules[] =
    "format: jsonl\n"
    "decode: json\n"
    "time: { key: 'time', format: '%H:%M:%S' }\n"
    "level-key: 'level'\n"
    "message-key: 'msg'\n"
    "keys:\n"
    "  'level': { type: string }\n"
    "  'msg': { type: string, presence: optional }\n"
    "levels: [info, warn, error]\n"
    "emoji: optional\n"
    "streams: any\n"
    "foreign: report\n";

/* Python's json.dumps escapes the emoji: \ud83d\ude80 is U+1F680. */
static const char json_log[] =
    "{\"time\": \"10:00:00\", \"level\": \"info\", \"worker\": 1, "
    "\"msg\": \"\\ud83d\\ude80 Starting worker 1\"}\n"
    "{\"time\": \"10:00:01\", \"level\": \"info\", \"worker\": 2, "
    "\"msg\": \"\\ud83d\\ude80 Starting worker 2\"}\n"
    "{\"time\": \"10:00:02\", \"level\": \"warn\", \"worker\": 2, "
    "\"msg\": \"cache is cold\"}\n"
    "{\"time\": \"10:00:03\", \"level\": \"error\", \"worker\": 1, "
    "\"msg\": \"request 17 failed\"}\n";

#define MAX_PATHS 64

/* What a test made on disk and in memory; the teardown frees it. */
typedef struct {
	char dir[256];
	char *paths[MAX_PATHS];	/* files, then the folders they are in */
	size_t path_count;
	rules *rules;
	capture sides[2];
	int side_count;
	compare_result result;
	char *cause;
} fixture;

static void
remember(fixture *fx, char *path)
{
	assert_true(fx->path_count < MAX_PATHS);
	fx->paths[fx->path_count++] = path;
}

static int
setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	const char *base = getenv("TMPDIR");

	/* The template ends in six X, spelled so as not to be a marker. */
	snprintf(fx->dir, sizeof fx->dir, "%s/test_compare.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	fixture *fx = *state;

	compare_result_free(&fx->result);
	for (int s = 0; s < fx->side_count; s++)
		capture_free(&fx->sides[s]);
	rules_free(fx->rules);
	free(fx->cause);
	/* Files were remembered after their folder: remove them first. */
	while (fx->path_count > 0) {
		char *path = fx->paths[--fx->path_count];
		remove(path);
		free(path);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static void
load_rules(fixture *fx, const char *text)
{
	lc_error err;

	fx->rules = rules_load_text("rules.yaml", text, strlen(text), &err);
	if (fx->rules == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
}

static void
write_file(fixture *fx, const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	remember(fx, xstrdup(path));
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* A capture folder name holding stdout.log and stderr.log, if given. */
static void
add_capture(fixture *fx, const char *name, const char *out, const char *err)
{
	char *dir = xasprintf("%s/%s", fx->dir, name);
	char *path, *cause = NULL;

	assert_int_equal(mkdir(dir, 0700), 0);
	remember(fx, dir);
	if (out != NULL) {
		path = xasprintf("%s/stdout.log", dir);
		write_file(fx, path, out);
		free(path);
	}
	if (err != NULL) {
		path = xasprintf("%s/stderr.log", dir);
		write_file(fx, path, err);
		free(path);
	}
	assert_true(fx->side_count < 2);
	if (capture_resolve(dir, &fx->sides[fx->side_count], &cause) != 0)
		fail_msg("%s", cause);
	fx->side_count++;
}

/* Compare the two captures under the loaded rules (or inferred ones). */
static compare_result *
run(fixture *fx)
{
	if (compare_run(fx->rules, &fx->sides[0], &fx->sides[1], &fx->result,
	    &fx->cause) != 0)
		fail_msg("compare_run: %s", fx->cause);
	return &fx->result;
}

/* The candidate's log on stdout against reference_log, in tiny rules. */
static compare_result *
against_reference(fixture *fx, const char *candidate_log)
{
	load_rules(fx, tiny_rules);
	add_capture(fx, "ref", reference_log, NULL);
	add_capture(fx, "cand", candidate_log, NULL);
	return run(fx);
}

static compare_verdict
verdict_of(const compare_result *result, compare_dimension_id d)
{
	return result->dimensions[d].verdict;
}

static void
test_verdict_names(void **state)
{
	(void)state;
	assert_string_equal(compare_verdict_name(VERDICT_IDENTICAL),
	    "identical");
	assert_string_equal(compare_verdict_name(VERDICT_CONSISTENT),
	    "consistent");
	assert_string_equal(compare_verdict_name(VERDICT_DIFFERENT),
	    "different");
	assert_string_equal(compare_verdict_name(VERDICT_INCOMPATIBLE),
	    "incompatible");
	assert_string_equal(compare_verdict_name(VERDICT_NOT_CHECKED),
	    "not checked");
}

static void
test_free_empty(void **state)
{
	compare_result result;

	(void)state;
	compare_result_free(NULL);
	memset(&result, 0, sizeof result);
	compare_result_free(&result);
}

/* A capture against itself: every checked dimension is identical. */
static void
test_identical(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx, reference_log);
	assert_true(r->compatible);
	assert_int_equal(r->verdict, VERDICT_IDENTICAL);
	assert_string_equal(r->rules_name, "tiny");
	assert_null(r->rules_yaml);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		assert_non_null(r->dimensions[d].name);
		assert_int_equal(r->dimensions[d].example_count, 0);
		if (d != DIMENSION_FLUSH && d != DIMENSION_KEYS)
			assert_int_equal(verdict_of(r, d), VERDICT_IDENTICAL);
	}
	/* Text lines have no keys. */
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_NOT_CHECKED);
	assert_int_equal(r->keys.reason, KEYS_TEXT);
	assert_int_equal(r->dimensions[DIMENSION_KEYS].missing, MISSING_NONE);
	assert_string_equal(r->dimensions[DIMENSION_LINE_FORMAT].name,
	    "line-format");
	assert_int_equal(r->line_format.reason, LINE_FORMAT_SAME);
	assert_non_null(r->line_format.skeleton[0]);
	assert_string_equal(r->line_format.skeleton[0],
	    r->line_format.skeleton[1]);
	assert_int_equal(r->line_format.log_lines[0], 6);
	assert_int_equal(r->line_format.log_lines[1], 6);
	assert_int_equal(r->line_format.foreign, 0);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_SAME);
	assert_string_equal(r->timestamp.format, "%H:%M:%S");
	assert_int_equal(r->levels.reason, LEVELS_SAME);
	assert_int_equal(r->levels.level_count[0], 3);
	assert_string_equal(r->levels.levels[0][0].level, "INFO");
	assert_int_equal(r->levels.levels[0][0].count, 4);
	assert_int_equal(r->levels.allowed_count, 3);
	assert_int_equal(r->levels.unknown_count, 0);
	assert_int_equal(r->streams.reason, STREAMS_SAME);
	assert_int_equal(r->streams.habit[0], STREAM_HABIT_STDOUT);
	assert_int_equal(r->emoji_habit.reason, EMOJI_SAME);
	assert_int_equal(r->emoji_habit.shared, 2);
	assert_int_equal(r->emoji_habit.added + r->emoji_habit.dropped, 0);
	assert_int_equal(r->template_overlap.reason, TEMPLATES_SAME);
	assert_int_equal(r->template_overlap.shared,
	    r->template_overlap.count[0]);
	/* streams: any pairs nothing, so no twins are timed. */
	assert_int_equal(verdict_of(r, DIMENSION_FLUSH), VERDICT_NOT_CHECKED);
	assert_int_equal(r->flush.reason, FLUSH_UNPAIRED_RULES);
	assert_int_equal(r->flush.policy, STREAMS_ANY);
}

/* Without rules the reference's own format is inferred and kept. */
static void
test_inferred(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	add_capture(fx, "ref", reference_log, NULL);
	add_capture(fx, "cand", reference_log, NULL);
	r = run(fx);
	assert_true(r->compatible);
	assert_non_null(r->rules_yaml);
	assert_null(r->rules_path);
	assert_int_equal(verdict_of(r, DIMENSION_LINE_FORMAT),
	    VERDICT_IDENTICAL);
	assert_int_equal(verdict_of(r, DIMENSION_TEMPLATES), VERDICT_IDENTICAL);
}

/* Nothing to infer a format from is an error, not a verdict. */
static void
test_nothing_to_infer(void **state)
{
	fixture *fx = *state;

	add_capture(fx, "ref", "", NULL);
	add_capture(fx, "cand", reference_log, NULL);
	assert_int_equal(compare_run(NULL, &fx->sides[0], &fx->sides[1],
	    &fx->result, &fx->cause), -1);
	assert_non_null(fx->cause);
}

static void
test_levels_unknown(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_example *ex;

	r = against_reference(fx,
	    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] DEBUG: cache is warm\n"
	    "[10:00:02] DEBUG: cache is hot\n");
	assert_false(r->compatible);
	assert_int_equal(r->verdict, VERDICT_INCOMPATIBLE);
	assert_int_equal(verdict_of(r, DIMENSION_LEVELS), VERDICT_INCOMPATIBLE);
	assert_int_equal(r->levels.reason, LEVELS_UNKNOWN);
	assert_int_equal(r->levels.unknown_count, 1);
	assert_string_equal(r->levels.unknown[0].level, "DEBUG");
	assert_int_equal(r->levels.unknown[0].count, 2);
	assert_int_equal(r->dimensions[DIMENSION_LEVELS].example_count, 1);
	ex = &r->dimensions[DIMENSION_LEVELS].examples[0];
	assert_int_equal(ex->kind, EXAMPLE_LEVEL);
	assert_string_equal(ex->level, "DEBUG");
	assert_int_equal(ex->line, 2);
	assert_non_null(strstr(ex->file, "cand/stdout.log"));
	assert_string_equal(ex->text, "[10:00:01] DEBUG: cache is warm");
}

static void
test_levels_subset(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx,
	    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] INFO: " ROCKET " Starting worker 2\n");
	assert_int_equal(verdict_of(r, DIMENSION_LEVELS), VERDICT_CONSISTENT);
	assert_int_equal(r->levels.reason, LEVELS_SUBSET);
	assert_int_equal(r->levels.level_count[1], 1);
}

/* Timestamps in another format are findings, and examples. */
static void
test_timestamp_not_matching(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_dimension *dim;

	r = against_reference(fx,
	    "[10:00:00 AM] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01 AM] INFO: " ROCKET " Starting worker 2\n"
	    "[10:00:02 AM] WARN: cache is cold\n");
	dim = &r->dimensions[DIMENSION_TIMESTAMP];
	assert_int_equal(dim->verdict, VERDICT_INCOMPATIBLE);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_NOT_MATCHING);
	assert_int_equal(r->timestamp.not_matching[1], 3);
	assert_int_equal(dim->example_count, COMPARE_EXAMPLES_MAX);
	assert_int_equal(dim->examples[0].kind, EXAMPLE_FINDING);
	assert_int_equal(dim->examples[0].line, 1);
	assert_non_null(dim->examples[0].message);
}

/*
 * A program that writes its time with and without a fraction: the
 * reference has the same share of timestamps outside the format, so the
 * candidate's are a habit of the format, not a change.
 */
static const char fraction_log[] =
    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
    "[10:00:01.250] INFO: " ROCKET " Starting worker 2\n"
    "[10:00:02] INFO: " PACKAGE " Installing torch 2.1\n"
    "[10:00:03] INFO: " PACKAGE " Installing redis 5.0\n"
    "[10:00:04] WARN: cache is cold\n"
    "[10:00:05] ERROR: request 17 failed\n";

/* The same events, most of them timed with a fraction. */
static const char fractions_log[] =
    "[10:00:00.100] INFO: " ROCKET " Starting worker 1\n"
    "[10:00:01.250] INFO: " ROCKET " Starting worker 2\n"
    "[10:00:02.300] INFO: " PACKAGE " Installing torch 2.1\n"
    "[10:00:03] INFO: " PACKAGE " Installing redis 5.0\n"
    "[10:00:04.400] WARN: cache is cold\n"
    "[10:00:05] ERROR: request 17 failed\n";

static compare_result *
fractions(fixture *fx, const char *severities, const char *candidate_log)
{
	char *text = xasprintf("%s%s", tiny_rules, severities);

	load_rules(fx, text);
	free(text);
	add_capture(fx, "ref", fraction_log, NULL);
	add_capture(fx, "cand", candidate_log, NULL);
	return run(fx);
}

static void
test_timestamp_habit(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = fractions(fx, "severities: { time-format: warning }\n",
	    fraction_log);
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP),
	    VERDICT_CONSISTENT);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_HABIT);
	assert_int_equal(r->timestamp.not_matching[0], 1);
	assert_int_equal(r->timestamp.not_matching[1], 1);
	assert_int_equal(r->timestamp.log_lines[1], 6);
	assert_int_equal(r->dimensions[DIMENSION_TIMESTAMP].example_count, 0);
	assert_true(r->compatible);
}

/* Errors the reference has as often are its habit too. */
static void
test_timestamp_habit_errors(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = fractions(fx, "", fraction_log);
	assert_int_equal(r->timestamp.severity, SEVERITY_ERROR);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_HABIT);
	assert_true(r->compatible);
}

/* Clearly more of them is a change: different under warnings ... */
static void
test_timestamp_more_warnings(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = fractions(fx, "severities: { time-format: warning }\n",
	    fractions_log);
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP), VERDICT_DIFFERENT);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_MORE_NOT_MATCHING);
	assert_int_equal(r->timestamp.not_matching[0], 1);
	assert_int_equal(r->timestamp.not_matching[1], 4);
	assert_int_equal(r->dimensions[DIMENSION_TIMESTAMP].example_count,
	    COMPARE_EXAMPLES_MAX);
	assert_true(r->compatible);
}

/* ... and incompatible where the rules make them errors. */
static void
test_timestamp_more_errors(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = fractions(fx, "", fractions_log);
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP),
	    VERDICT_INCOMPATIBLE);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_MORE_NOT_MATCHING);
	assert_false(r->compatible);
}

/* A level outside the rules that the reference writes too is no change. */
static void
test_levels_reference_habit(void **state)
{
	fixture *fx = *state;
	static const char notice_log[] =
	    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] NOTICE: " ROCKET " Starting worker 2\n"
	    "[10:00:02] WARN: cache is cold\n";
	compare_result *r;

	load_rules(fx, tiny_rules);
	add_capture(fx, "ref", notice_log, NULL);
	add_capture(fx, "cand", notice_log, NULL);
	r = run(fx);
	assert_int_equal(verdict_of(r, DIMENSION_LEVELS), VERDICT_IDENTICAL);
	assert_int_equal(r->levels.unknown_count, 0);
	/* check's level errors, on both sides alike. */
	assert_int_equal(verdict_of(r, DIMENSION_CHECKS), VERDICT_CONSISTENT);
	assert_true(r->compatible);
}

static void
test_timestamp_backwards(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx,
	    "[10:00:05] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] INFO: " ROCKET " Starting worker 2\n"
	    "[10:00:02] WARN: cache is cold\n");
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP), VERDICT_DIFFERENT);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_BACKWARDS);
	assert_int_equal(r->timestamp.out_of_order[0], 0);
	assert_int_equal(r->timestamp.out_of_order[1], 1);
	assert_int_equal(r->dimensions[DIMENSION_TIMESTAMP].example_count, 1);
	assert_int_equal(r->dimensions[DIMENSION_TIMESTAMP].examples[0].line,
	    2);
	/* A difference, not an incompatibility. */
	assert_true(r->compatible);
}

/* A candidate in another layout keeps its habits comparable. */
static void
test_line_format_no_fit(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx,
	    "10:00:00 INFO " ROCKET " Starting worker 1\n"
	    "10:00:01 INFO " ROCKET " Starting worker 2\n"
	    "10:00:02 WARN cache is cold\n"
	    "10:00:03 ERROR request 17 failed\n");
	assert_int_equal(verdict_of(r, DIMENSION_LINE_FORMAT),
	    VERDICT_INCOMPATIBLE);
	assert_int_equal(r->line_format.reason, LINE_FORMAT_NO_FIT);
	assert_int_equal(r->line_format.log_lines[1], 0);
	assert_int_equal(r->line_format.foreign, 4);
	assert_int_equal(r->line_format.lines, 4);
	assert_non_null(r->line_format.skeleton[1]);
	assert_int_equal(r->dimensions[DIMENSION_LINE_FORMAT].example_count,
	    COMPARE_EXAMPLES_MAX);
	assert_int_equal(r->dimensions[DIMENSION_LINE_FORMAT].examples[0].kind,
	    EXAMPLE_FINDING);
	/* The same time format, in its own layout. */
	assert_int_equal(r->timestamp.reason, TIMESTAMP_ELSEWHERE_SAME);
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP), VERDICT_IDENTICAL);
}

static void
test_emoji_dropped(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx,
	    "[10:00:00] INFO: Starting worker 1\n"
	    "[10:00:01] INFO: Starting worker 2\n"
	    "[10:00:02] INFO: Installing torch 2.1\n"
	    "[10:00:03] INFO: Installing redis 5.0\n");
	assert_int_equal(verdict_of(r, DIMENSION_EMOJI), VERDICT_INCOMPATIBLE);
	assert_int_equal(r->emoji_habit.reason, EMOJI_DROPPED);
	assert_true(r->emoji_habit.share[0] > 0.6);
	assert_true(r->emoji_habit.share[1] == 0.0);
	assert_int_equal(r->emoji_habit.dropped, 2);
	assert_int_equal(r->emoji_count, 2);
	assert_int_equal(r->emoji[0].count[0], 2);
	assert_int_equal(r->emoji[0].count[1], 0);
	assert_string_equal(r->emoji[0].level[0], "INFO");
}

static void
test_emoji_markers(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_dimension *dim;

	r = against_reference(fx,
	    "[10:00:00] INFO: [OK] Starting worker 1\n"
	    "[10:00:01] INFO: [OK] Starting worker 2\n"
	    "[10:00:02] INFO: Installing torch 2.1\n");
	dim = &r->dimensions[DIMENSION_EMOJI];
	assert_int_equal(dim->verdict, VERDICT_INCOMPATIBLE);
	assert_int_equal(r->emoji_habit.reason, EMOJI_MARKERS);
	assert_int_equal(r->emoji_habit.text_marked, 2);
	assert_string_equal(r->emoji_habit.marker, "[OK]");
	assert_int_equal(dim->example_count, 1);
	assert_int_equal(dim->examples[0].kind, EXAMPLE_TEXT_MARKER);
	assert_int_equal(dim->examples[0].line, 1);
}

/* An emoji the reference keeps for one level moves to another. */
static void
test_emoji_moved(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_dimension *dim;

	r = against_reference(fx,
	    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] WARN: " ROCKET " Starting worker 2\n"
	    "[10:00:02] INFO: " PACKAGE " Installing torch 2.1\n"
	    "[10:00:03] INFO: " PACKAGE " Installing redis 5.0\n");
	dim = &r->dimensions[DIMENSION_EMOJI];
	assert_int_equal(dim->verdict, VERDICT_INCOMPATIBLE);
	assert_int_equal(r->emoji_habit.reason, EMOJI_MOVED);
	assert_int_equal(r->emoji_habit.move_count, 1);
	assert_string_equal(r->emoji_habit.moves[0].emoji, ROCKET);
	assert_string_equal(r->emoji_habit.moves[0].level[0], "INFO");
	assert_string_equal(r->emoji_habit.moves[0].level[1], "WARN");
	assert_int_equal(r->emoji_habit.moves[0].count, 1);
	assert_int_equal(dim->example_count, 1);
	assert_int_equal(dim->examples[0].kind, EXAMPLE_EMOJI_LEVEL);
	assert_string_equal(dim->examples[0].emoji, ROCKET);
	assert_string_equal(dim->examples[0].level, "WARN");
	assert_int_equal(dim->examples[0].line, 2);
}

static void
test_templates_different(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_reference(fx,
	    "[10:00:00] INFO: " ROCKET " Starting worker 1\n"
	    "[10:00:01] INFO: " ROCKET " Starting worker 2\n"
	    "[10:00:02] INFO: " PACKAGE " Downloading weights\n"
	    "[10:00:03] WARN: disk is slow\n"
	    "[10:00:04] ERROR: upload of shard 3 refused\n");
	assert_int_equal(verdict_of(r, DIMENSION_TEMPLATES), VERDICT_DIFFERENT);
	assert_int_equal(r->template_overlap.reason, TEMPLATES_OTHER);
	assert_int_equal(r->template_overlap.shared, 1);
	assert_int_equal(r->template_overlap.only[0], 4);
	assert_int_equal(r->template_overlap.only[1], 3);
	assert_int_equal(r->template_overlap.all, 8);
	/* Shared first, then the reference's, then the candidate's. */
	assert_int_equal(r->template_count, 8);
	assert_string_equal(r->templates[0].text, "Starting worker <NUM>");
	assert_int_equal(r->templates[0].count[0], 2);
	assert_int_equal(r->templates[0].count[1], 2);
	assert_int_equal(r->templates[4].count[1], 0);
	assert_int_equal(r->templates[5].count[0], 0);
	assert_true(r->compatible);
}

/* Paired streams against a capture of stdout alone. */
static void
test_streams_not_paired(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	load_rules(fx, paired_rules);
	add_capture(fx, "ref", reference_log, reference_log);
	add_capture(fx, "cand", reference_log, NULL);
	r = run(fx);
	assert_int_equal(r->streams.habit[0], STREAM_HABIT_PAIRED);
	assert_string_equal(r->streams.pairing[0], "checked");
	assert_int_equal(r->streams.unpaired[0], 0);
	assert_int_equal(r->streams.stdout_lines[0], 6);
	assert_int_equal(r->streams.stderr_lines[0], 6);
	assert_int_equal(r->streams.habit[1], STREAM_HABIT_STDOUT);
	assert_int_equal(verdict_of(r, DIMENSION_STREAMS),
	    VERDICT_INCOMPATIBLE);
	assert_int_equal(r->streams.reason, STREAMS_NOT_PAIRED);
	assert_string_not_equal(r->streams.pairing[1], "checked");
	/* The candidate has no twins to time. */
	assert_int_equal(verdict_of(r, DIMENSION_FLUSH), VERDICT_NOT_CHECKED);
	assert_true(r->flush.reason == FLUSH_NO_TWINS ||
	    r->flush.reason == FLUSH_TIMES_UNKNOWN);
}

/* The candidate's JSON log against json_log, in json_rules. */
static compare_result *
against_json(fixture *fx, const char *candidate_log)
{
	load_rules(fx, json_rules);
	add_capture(fx, "ref", json_log, NULL);
	add_capture(fx, "cand", candidate_log, NULL);
	return run(fx);
}

static const compare_key *
key_named(const compare_result *r, const char *name)
{
	for (size_t i = 0; i < r->keys.key_count; i++) {
		if (strcmp(r->keys.keys[i].name, name) == 0)
			return &r->keys.keys[i];
	}
	fail_msg("no key %s", name);
	return NULL;
}

/* Escaped and unescaped emoji decode alike: no difference at all. */
static void
test_keys_escapes(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": \"info\", \"worker\": 1, "
	    "\"msg\": \"" ROCKET " Starting worker 1\"}\n"
	    "{\"time\": \"10:00:01\", \"level\": \"info\", \"worker\": 2, "
	    "\"msg\": \"" ROCKET " Starting worker 2\"}\n"
	    "{\"time\": \"10:00:02\", \"level\": \"warn\", \"worker\": 2, "
	    "\"msg\": \"cache is cold\"}\n"
	    "{\"time\": \"10:00:03\", \"level\": \"error\", \"worker\": 1, "
	    "\"msg\": \"request 17 failed\"}\n");
	assert_int_equal(r->verdict, VERDICT_IDENTICAL);
	assert_int_equal(r->line_format.reason, LINE_FORMAT_RECORDS);
	assert_null(r->line_format.pattern);
	assert_int_equal(r->keys.reason, KEYS_SAME);
	assert_int_equal(r->keys.records[0], 4);
	assert_int_equal(r->keys.records[1], 4);
	assert_int_equal(r->keys.key_count, 4);
	assert_string_equal(r->keys.roles[KEY_ROLE_MESSAGE].key[0], "msg");
	assert_string_equal(r->keys.roles[KEY_ROLE_LEVEL].key[0], "level");
	assert_int_equal(r->emoji_habit.reason, EMOJI_SAME);
	assert_int_equal(r->emoji_habit.shared, 1);
	assert_int_equal(r->emoji_count, 1);
	assert_string_equal(r->emoji[0].emoji, ROCKET);
	assert_int_equal(r->template_overlap.reason, TEMPLATES_SAME);
	assert_int_equal(r->levels.reason, LEVELS_SAME);
}

/* A key of the candidate's own is compatible, said by name. */
static void
test_keys_added(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": \"info\", \"worker\": 1, "
	    "\"pid\": 7, \"msg\": \"\\ud83d\\ude80 Starting worker 1\"}\n"
	    "{\"time\": \"10:00:01\", \"level\": \"warn\", \"worker\": 2, "
	    "\"pid\": 7, \"msg\": \"cache is cold\"}\n");
	assert_true(r->compatible);
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_CONSISTENT);
	assert_int_equal(r->keys.reason, KEYS_ADDED);
	assert_int_equal(r->keys.only[1], 1);
	assert_int_equal(r->keys.only[0], 0);
	assert_int_equal(key_named(r, "pid")->present[1], 2);
	assert_int_equal(key_named(r, "pid")->present[0], 0);
	assert_int_equal(r->keys.type_changes, 0);
}

/* A key of both sides with another type: a reader of it breaks. */
static void
test_keys_types(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": \"info\", \"worker\": "
	    "\"w1\", \"msg\": \"cache is cold\"}\n"
	    "{\"time\": \"10:00:01\", \"level\": \"info\", \"worker\": 2.5, "
	    "\"msg\": \"cache is cold\"}\n");
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_DIFFERENT);
	assert_int_equal(r->keys.reason, KEYS_TYPES);
	assert_int_equal(r->keys.type_changes, 1);
	assert_true(key_named(r, "worker")->retyped);
	assert_int_equal(key_named(r, "worker")->types[0],
	    1u << KEYSCHEMA_INTEGER);
	assert_int_equal(key_named(r, "worker")->types[1],
	    1u << KEYSCHEMA_STRING | 1u << KEYSCHEMA_NUMBER);
	assert_false(key_named(r, "time")->retyped);
}

/* A key the reference writes on every record, gone or sometimes missing. */
static void
test_keys_dropped(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": \"info\", "
	    "\"msg\": \"cache is cold\"}\n"
	    "{\"time\": \"10:00:01\", \"level\": \"info\", "
	    "\"msg\": \"cache is cold\"}\n");
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_DIFFERENT);
	assert_int_equal(r->keys.reason, KEYS_DROPPED);
	assert_int_equal(r->keys.only[0], 1);
	assert_int_equal(key_named(r, "worker")->present[1], 0);
}

/* Integer levels where the rules want strings: check would fail it. */
static void
test_keys_broken(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_dimension *d;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": 30, \"worker\": 1, "
	    "\"msg\": \"cache is cold\"}\n");
	assert_false(r->compatible);
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_INCOMPATIBLE);
	assert_int_equal(r->keys.reason, KEYS_BROKEN);
	assert_true(key_named(r, "level")->retyped);
	assert_int_equal(r->keys.finding_count, 1);
	assert_string_equal(r->keys.findings[0].id, "key-type");
	assert_int_equal(r->keys.findings[0].count[0], 0);
	assert_int_equal(r->keys.findings[0].count[1], 1);
	d = &r->dimensions[DIMENSION_KEYS];
	assert_int_equal(d->example_count, 1);
	assert_int_equal(d->examples[0].kind, EXAMPLE_FINDING);
	/* checks counts key-type and leaves it to keys. */
	bool counted = false;
	for (size_t i = 0; i < r->checks.count; i++) {
		if (strcmp(r->checks.counts[i].id, "key-type") != 0)
			continue;
		assert_string_equal(r->checks.counts[i].judged_by, "keys");
		counted = true;
	}
	assert_true(counted);
}

/* The message under another key: the format reads none. */
static void
test_keys_renamed(void **state)
{
	fixture *fx = *state;
	compare_result *r;
	const compare_key_holder *h;

	r = against_json(fx,
	    "{\"time\": \"10:00:00\", \"level\": \"info\", \"worker\": 1, "
	    "\"message\": \"Starting worker 1 of the pool\"}\n"
	    "{\"time\": \"10:00:01\", \"level\": \"warn\", \"worker\": 2, "
	    "\"message\": \"cache is cold, warming it up\"}\n"
	    "{\"time\": \"10:00:02\", \"level\": \"error\", \"worker\": 1, "
	    "\"message\": \"request 17 failed after 3 retries\"}\n");
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_INCOMPATIBLE);
	assert_int_equal(r->keys.reason, KEYS_RENAMED);
	assert_int_equal(r->keys.renamed, 1);
	h = &r->keys.roles[KEY_ROLE_MESSAGE];
	assert_true(h->renamed);
	assert_string_equal(h->key[0], "msg");
	assert_non_null(h->key[1]);
	assert_string_equal(h->key[1], "message");
	assert_false(r->keys.roles[KEY_ROLE_LEVEL].renamed);
	assert_false(r->keys.roles[KEY_ROLE_TIME].renamed);
}

/* logfmt against JSON: no record of the format, no keys to compare. */
static void
test_keys_other_records(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "time=10:00:00 level=info worker=1 msg=\"Starting worker 1\"\n"
	    "time=10:00:01 level=warn worker=2 msg=\"cache is cold\"\n");
	assert_int_equal(verdict_of(r, DIMENSION_LINE_FORMAT),
	    VERDICT_INCOMPATIBLE);
	assert_int_equal(r->line_format.reason, LINE_FORMAT_NO_FIT);
	assert_int_equal(r->line_format.decode, RULES_DECODE_JSON);
	/* What the lines are instead. */
	assert_int_equal(r->line_format.foreign_as[RULES_DECODE_LOGFMT], 2);
	assert_int_equal(r->line_format.foreign_as[RULES_DECODE_JSON], 0);
	assert_int_equal(verdict_of(r, DIMENSION_KEYS), VERDICT_NOT_CHECKED);
	assert_int_equal(r->dimensions[DIMENSION_KEYS].missing,
	    MISSING_LOG_LINES);
	assert_int_equal(r->dimensions[DIMENSION_KEYS].missing_side, 1);
}

/* Times under another key: nothing the format can parse. */
static void
test_timestamp_absent(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	r = against_json(fx,
	    "{\"ts\": \"10:00:00\", \"level\": \"info\", \"worker\": 1, "
	    "\"msg\": \"cache is cold\"}\n");
	assert_int_equal(verdict_of(r, DIMENSION_TIMESTAMP),
	    VERDICT_INCOMPATIBLE);
	assert_int_equal(r->timestamp.reason, TIMESTAMP_ABSENT);
	assert_int_equal(r->timestamp.timed[0], 4);
	assert_int_equal(r->timestamp.timed[1], 0);
	assert_true(r->keys.roles[KEY_ROLE_TIME].renamed);
}

/* Without rules, JSON Lines get a profile of their keys. */
static void
test_keys_inferred(void **state)
{
	fixture *fx = *state;
	compare_result *r;

	add_capture(fx, "ref", json_log, NULL);
	add_capture(fx, "cand", json_log, NULL);
	r = run(fx);
	assert_true(r->compatible);
	assert_non_null(r->rules_yaml);
	assert_non_null(strstr(r->rules_yaml, "decode: json\n"));
	assert_int_equal(r->line_format.decode, RULES_DECODE_JSON);
	assert_int_equal(r->keys.reason, KEYS_SAME);
	assert_string_equal(r->keys.roles[KEY_ROLE_MESSAGE].key[0], "msg");
	assert_int_equal(verdict_of(r, DIMENSION_TEMPLATES), VERDICT_IDENTICAL);
	/* compare judges formats: no drift from the profile's baseline. */
	assert_int_equal(r->sides[1].report->category_count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdict_names),
		cmocka_unit_test(test_free_empty),
		cmocka_unit_test_setup_teardown(test_identical, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_inferred, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_to_infer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_levels_unknown, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_levels_subset, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_not_matching,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_habit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_habit_errors,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_more_warnings,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_more_errors,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels_reference_habit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_backwards, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_format_no_fit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_emoji_dropped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_emoji_markers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_emoji_moved, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_templates_different, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_streams_not_paired, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_escapes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_added, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_types, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_dropped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_broken, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_renamed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_other_records, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timestamp_absent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keys_inferred, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
