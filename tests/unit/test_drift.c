/*
 * Unit tests for drift: rules with a baseline loaded from text, lines
 * judged and then given to drift_line, the findings looked at one by one;
 * level shares through drift_capture_end into a report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "judge/drift.h"
#include "judge/judge.h"
#include "judge/report.h"
#include "decode/rules.h"

#define PROFILE_HEAD \
	"format: t\n" \
	"line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
#define BASELINE \
	"baseline:\n" \
	"  levels: { INFO: 8, WARN: 2 }\n" \
	"  emoji:\n" \
	"    INFO: { '\xf0\x9f\x9a\x80': 2, '': 6 }\n" \
	"    WARN: { '\xe2\x9a\xa0': 2 }\n" \
	"  templates:\n" \
	"    - { count: 6, level: INFO, text: 'Request <NUM> done in <DUR>' }\n" \
	"    - { count: 2, level: INFO, emoji: '\xf0\x9f\x9a\x80', " \
	"text: 'Loaded model <*> on gpu <NUM>' }\n" \
	"    - { count: 2, level: WARN, emoji: '\xe2\x9a\xa0', " \
	"text: 'Disk almost full' }\n"

static rules *
load(const char *text)
{
	lc_error err;
	rules *r = rules_load_text("test.yaml", text, strlen(text), &err);

	if (r == NULL)
		fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column,
		    err.text);
	return r;
}

/* Judge a line and run drift on it; res keeps the findings. */
static void
drift_judge(judge *j, drift *d, const char *line, judge_result *res)
{
	judge_line(j, NULL, line, strlen(line), LC_STREAM_UNKNOWN, res);
	assert_int_not_equal(res->kind, LINE_FOREIGN);
	drift_line(d, line, res);
}

/* Rules, a judge and a drift for one test. */
typedef struct {
	rules *r;
	judge *j;
	drift *d;
	judge_result res;
} fixture;

static void
fixture_open(fixture *f, const char *text)
{
	f->r = load(text);
	f->j = judge_new(f->r);
	f->d = drift_new(f->r);
	memset(&f->res, 0, sizeof f->res);
}

static void
fixture_close(fixture *f)
{
	judge_result_free(&f->res);
	drift_free(f->d);
	judge_free(f->j);
	rules_free(f->r);
}

static size_t
count_rule(const judge_result *res, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < res->finding_count; i++)
		n += strcmp(res->findings[i].rule, rule) == 0;
	return n;
}

static void
test_no_baseline_no_drift(void **state)
{
	rules *r = load(PROFILE_HEAD);

	(void)state;
	assert_null(drift_new(r));
	rules_free(r);
}

static void
test_known_lines(void **state)
{
	fixture f;
	const char *const lines[] = {
		"INFO Request 17 done in 3ms",
		"INFO Request 9000 done in 1.5s",
		/* <*> takes a word it never saw; the emoji is known. */
		"INFO \xf0\x9f\x9a\x80 Loaded model phi on gpu 1",
		"WARN \xe2\x9a\xa0 Disk almost full",
	};

	(void)state;
	fixture_open(&f, PROFILE_HEAD BASELINE);
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		drift_judge(f.j, f.d, lines[i], &f.res);
		assert_int_equal(f.res.finding_count, 0);
	}
	fixture_close(&f);
}

static void
test_new_template_once(void **state)
{
	fixture f;

	(void)state;
	fixture_open(&f, PROFILE_HEAD BASELINE);
	drift_judge(f.j, f.d, "INFO Cache warmed with 12 entries", &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	assert_int_equal(f.res.findings[0].severity, SEVERITY_WARNING);
	assert_int_equal(f.res.findings[0].at, 5);
	assert_string_equal(f.res.findings[0].message, "new template 'Cache "
	    "warmed with <NUM> entries' at level INFO: no template of the "
	    "baseline is like this message");
	/* The same template again: it was reported at its first line. */
	drift_judge(f.j, f.d, "INFO Cache warmed with 99 entries", &f.res);
	assert_int_equal(f.res.finding_count, 0);
	/* A known message at another level is new there. */
	drift_judge(f.j, f.d, "WARN \xe2\x9a\xa0 Request 1 done in 2ms", &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	fixture_close(&f);
}

static void
test_new_emoji(void **state)
{
	fixture f;

	(void)state;
	fixture_open(&f, PROFILE_HEAD BASELINE);
	drift_judge(f.j, f.d, "INFO \xf0\x9f\x94\xa5 Request 1 done in 2ms", &f.res);
	assert_int_equal(f.res.finding_count, 1);
	assert_string_equal(f.res.findings[0].rule, "new-emoji");
	assert_int_equal(f.res.findings[0].at, 5);
	assert_string_equal(f.res.findings[0].message, "new emoji "
	    "'\xf0\x9f\x94\xa5' at level INFO: in the baseline such messages "
	    "start with no emoji, \xf0\x9f\x9a\x80");
	/* Every WARN message had an emoji: one without is new too. */
	drift_judge(f.j, f.d, "WARN Disk almost full", &f.res);
	assert_int_equal(count_rule(&f.res, "new-emoji"), 1);
	assert_non_null(strstr(f.res.findings[0].message, "without a leading "
	    "emoji at level WARN"));
	fixture_close(&f);
}

static void
test_policies(void **state)
{
	fixture f;

	(void)state;
	fixture_open(&f, PROFILE_HEAD "drift: { new-template: fail, "
	    "new-emoji: allow }\n" BASELINE);
	drift_judge(f.j, f.d, "INFO \xf0\x9f\x94\xa5 Something else entirely",
	    &f.res);
	assert_int_equal(f.res.finding_count, 1);
	assert_string_equal(f.res.findings[0].rule, "new-template");
	assert_int_equal(f.res.findings[0].severity, SEVERITY_ERROR);
	fixture_close(&f);
}

static void
test_unseen_level_left_to_levels(void **state)
{
	fixture f;

	(void)state;
	fixture_open(&f, PROFILE_HEAD BASELINE);
	drift_judge(f.j, f.d, "DEBUG \xf0\x9f\x94\xa5 tick 1", &f.res);
	assert_int_equal(f.res.finding_count, 0);
	fixture_close(&f);
}

/* Feed lines to one drift, then report the shares. */
static report *
shares(rules *r, const char *const *lines, size_t count)
{
	judge *j = judge_new(r);
	drift *d = drift_new(r);
	judge_result res = { 0 };
	report *rep = report_new(r->format, r->path, 0);

	for (size_t i = 0; i < count; i++)
		drift_judge(j, d, lines[i], &res);
	drift_capture_end(&d, 1, rep, "capture");
	judge_result_free(&res);
	drift_free(d);
	judge_free(j);
	return rep;
}

static void
test_level_share(void **state)
{
	rules *r = load(PROFILE_HEAD BASELINE);
	/* 80% INFO, 20% WARN as in the baseline: nothing. */
	const char *const same[] = {
		"INFO Request 1 done in 2ms", "INFO Request 1 done in 2ms",
		"INFO Request 1 done in 2ms", "INFO Request 1 done in 2ms",
		"WARN \xe2\x9a\xa0 Disk almost full",
	};
	/* 50% WARN: 30 points more. */
	const char *const moved[] = {
		"INFO Request 1 done in 2ms", "WARN \xe2\x9a\xa0 Disk almost full",
	};
	report *rep;

	(void)state;
	rep = shares(r, same, 5);
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
	rep = shares(r, moved, 2);
	assert_int_equal(rep->finding_count, 2);
	report_sort(rep);
	assert_string_equal(rep->findings[0].rule, "level-share");
	assert_int_equal(rep->findings[0].severity, SEVERITY_WARNING);
	assert_string_equal(rep->findings[0].file, "capture");
	assert_string_equal(rep->findings[0].message, "level INFO is 50.0% "
	    "of the log lines, 80.0% in the baseline: 30.0 points apart, "
	    "more than 10");
	assert_false(report_failed(rep));
	report_free(rep);
	rules_free(r);
}

static void
test_level_share_threshold(void **state)
{
	rules *r = load(PROFILE_HEAD "drift: { level-share: fail, "
	    "level-share-points: 30.5 }\n" BASELINE);
	const char *const moved[] = {
		"INFO Request 1 done in 2ms", "WARN \xe2\x9a\xa0 Disk almost full",
	};
	const char *const new_level[] = {
		"INFO Request 1 done in 2ms", "DEBUG tick",
	};
	report *rep;

	(void)state;
	rep = shares(r, moved, 2);
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
	/* DEBUG, never seen, is half: 50 points from 0. */
	rep = shares(r, new_level, 2);
	assert_int_equal(rep->finding_count, 1);
	assert_true(report_failed(rep));
	assert_non_null(strstr(rep->findings[0].message, "level DEBUG is "
	    "50.0% of the log lines, 0.0% in the baseline"));
	report_free(rep);
	rules_free(r);
}

/* With `shapes`, they judge new templates, not `templates`. */
static void
test_shapes_judge(void **state)
{
	fixture f;

	(void)state;
	fixture_open(&f, PROFILE_HEAD "baseline:\n"
	    "  levels: { INFO: 3 }\n"
	    "  shapes:\n"
	    "    - { level: INFO, text: 'Installing <*> version <VER>' }\n"
	    "    - { level: INFO, emoji: '\xf0\x9f\x9a\x80', text: 'Go \\<*>' }\n"
	    "  templates:\n"
	    "    - { count: 3, level: INFO, text: 'Installing redis version "
	    "<VER>' }\n");
	drift_judge(f.j, f.d, "INFO Installing numpy version 1.2.3", &f.res);
	assert_int_equal(f.res.finding_count, 0);
	drift_judge(f.j, f.d, "INFO \xf0\x9f\x9a\x80 Go <*>", &f.res);
	assert_int_equal(f.res.finding_count, 0);
	/* A literal position differs. */
	drift_judge(f.j, f.d, "INFO Installing numpy release 1.2.3", &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	assert_int_equal(f.res.findings[0].at, 5);
	assert_string_equal(f.res.findings[0].message, "new template "
	    "'Installing numpy release <VER>' at level INFO: no template of "
	    "the baseline is like this message");
	/* No group of that key: another token count, emoji or first token. */
	drift_judge(f.j, f.d, "INFO Installing numpy version 1.2.3 now",
	    &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	drift_judge(f.j, f.d, "INFO \xf0\x9f\x9a\x80 Go now", &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	drift_judge(f.j, f.d, "INFO Go <*>", &f.res);
	assert_int_equal(count_rule(&f.res, "new-template"), 1);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_baseline_no_drift),
		cmocka_unit_test(test_known_lines),
		cmocka_unit_test(test_new_template_once),
		cmocka_unit_test(test_new_emoji),
		cmocka_unit_test(test_policies),
		cmocka_unit_test(test_unseen_level_left_to_levels),
		cmocka_unit_test(test_level_share),
		cmocka_unit_test(test_level_share_threshold),
		cmocka_unit_test(test_shapes_judge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
