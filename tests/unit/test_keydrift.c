/*
 * Unit tests for the keys of a baseline: loaded, written back the same,
 * merged, and judged by drift (new-key on a record, key-gone after a
 * capture).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode/baseline.h"
#include "decode/rules.h"
#include "judge/drift.h"
#include "judge/judge.h"
#include "judge/report.h"
#include "learn/baseline_write.h"
#include "util/xalloc.h"

#define HEAD \
	"format: t\n" \
	"decode: json\n" \
	"level-key: level\n" \
	"message-key: msg\n" \
	"keys:\n" \
	"  level: { type: string }\n" \
	"  msg: { type: string }\n" \
	"  status: { presence: optional, type: integer }\n" \
	"  user: { presence: optional, type: object }\n"
#define BASELINE \
	"baseline:\n" \
	"  lines: 10\n" \
	"  log-lines: 10\n" \
	"  keys:\n" \
	"    level: { count: 10, type: string }\n" \
	"    msg: { count: 10, type: [string] }\n" \
	"    status: { count: 8, type: [integer] }\n" \
	"    user: { count: 1, type: [object, 'null'] }\n" \
	"    'caf\xc3\xa9~1x': { count: 1, type: string }\n"

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

static void
load_fails(const char *text, const char *expected)
{
	lc_error err;
	rules *r = rules_load_text("test.yaml", text, strlen(text), &err);

	assert_null(r);
	if (strstr(err.text, expected) == NULL)
		fail_msg("'%s' does not say '%s'", err.text, expected);
}

/* Judge the lines as one stream, then end the capture. */
static report *
judged(rules *r, const char *const *lines, size_t count, judge_result *last)
{
	judge *j = judge_new(r);
	drift *d = drift_new(r);
	report *rep = report_new(r->format, r->path, 0);
	judge_result res = { 0 };

	assert_non_null(d);
	for (size_t i = 0; i < count; i++) {
		judge_line(j, NULL, lines[i], strlen(lines[i]),
		    LC_STREAM_UNKNOWN, &res);
		drift_line(d, lines[i], &res);
		/* The first line's first finding, kept for the test. */
		if (last != NULL && i == 0 && res.finding_count > 0) {
			last->finding_count = res.finding_count;
			last->findings = xcalloc(1, sizeof *last->findings);
			last->findings[0].rule = res.findings[0].rule;
			last->findings[0].at = res.findings[0].at;
			last->findings[0].message = xstrdup(
			    res.findings[0].message);
		}
	}
	drift_capture_end(&d, 1, rep, "capture");
	judge_result_free(&res);
	drift_free(d);
	judge_free(j);
	return rep;
}

static void
test_load_and_write(void **state)
{
	rules *r = load(HEAD BASELINE);
	const baseline *b = r->baseline;
	char *yaml, *again;
	rules *back;

	(void)state;
	assert_true(b->has_keys);
	assert_int_equal(b->key_count, 5);
	assert_int_equal(b->new_key, DRIFT_REPORT);
	assert_int_equal(b->key_gone, DRIFT_REPORT);
	assert_int_equal(baseline_find_key(b, "status", 6)->count, 8);
	assert_int_equal(baseline_find_key(b, "user", 4)->types,
	    RULES_TYPE_OBJECT | RULES_TYPE_NULL);
	assert_null(baseline_find_key(b, "stat", 4));
	yaml = baseline_yaml(b);
	assert_non_null(strstr(yaml,
	    "  new-key: report\n  key-gone: report\n"));
	assert_non_null(strstr(yaml, "    'status': { count: 8, "
	    "type: [integer] }\n"));
	again = xasprintf("%s%s", HEAD, yaml);
	back = load(again);
	free(yaml);
	yaml = baseline_yaml(back->baseline);
	free(again);
	again = baseline_yaml(b);
	assert_string_equal(yaml, again);
	free(yaml);
	free(again);
	rules_free(back);
	rules_free(r);
}

static void
test_load_errors(void **state)
{
	(void)state;
	load_fails(HEAD "baseline:\n  log-lines: 3\n  keys:\n"
	    "    level: { count: 4 }\n", "more than 'log-lines' (3)");
	load_fails(HEAD "baseline:\n  keys:\n    level: { type: string }\n",
	    "count");
	load_fails(HEAD "baseline:\n  keys:\n"
	    "    level: { count: 1, type: text }\n", "must be one of");
	load_fails(HEAD "baseline:\n  keys:\n    level: { count: 1 }\n"
	    "    level: { count: 1 }\n", "duplicate key 'level'");
	load_fails(HEAD "drift: { new-key: warn }\nbaseline: {}\n",
	    "'new-key' must be one of allow, report, fail");
}

/* Counts add up; types join; a side without keys makes the sum lack them. */
static void
test_merge(void **state)
{
	rules *a = load(HEAD BASELINE);
	rules *c = load(HEAD "drift: { key-gone: fail }\nbaseline:\n"
	    "  log-lines: 2\n  keys:\n    status: { count: 2, type: string }\n"
	    "    port: { count: 1, type: integer }\n");
	rules *text = load("format: t\nline: '^(?<message>.*)$'\n"
	    "baseline: { lines: 1, log-lines: 1 }\n");
	baseline *sum = baseline_new(NULL, NULL);

	(void)state;
	sum->has_keys = true;
	baseline_merge(sum, a->baseline);
	baseline_merge(sum, c->baseline);
	assert_int_equal(sum->key_count, 6);
	assert_int_equal(baseline_find_key(sum, "status", 6)->count, 10);
	assert_int_equal(baseline_find_key(sum, "status", 6)->types,
	    RULES_TYPE_INTEGER | RULES_TYPE_STRING);
	assert_int_equal(baseline_find_key(sum, "port", 4)->count, 1);
	assert_int_equal(sum->key_gone, DRIFT_FAIL);
	/* Sorted by name, for lookups and for the same bytes each time. */
	assert_string_equal(sum->keys[1].name, "level");
	assert_string_equal(sum->keys[5].name, "user");
	baseline_merge(sum, text->baseline);
	assert_false(sum->has_keys);
	baseline_free(sum);
	rules_free(text);
	rules_free(c);
	rules_free(a);
}

static void
test_new_key(void **state)
{
	rules *r = load(HEAD BASELINE);
	const char *const lines[] = {
		"{\"level\":\"info\",\"msg\":\"a\",\"tenant\":\"acme\","
		    "\"status\":200,\"caf\\u00e9/x\":\"known\"}",
		"{\"level\":\"info\",\"msg\":\"b\",\"tenant\":\"acme\","
		    "\"status\":200}",
	};
	judge_result first = { 0 };
	report *rep;

	(void)state;
	rep = judged(r, lines, 2, &first);
	assert_int_equal(first.finding_count, 1);
	assert_string_equal(first.findings[0].rule, "new-key");
	assert_int_equal(first.findings[0].at, 27);
	assert_string_equal(first.findings[0].message, "new key 'tenant': no "
	    "record of the baseline holds it");
	free(first.findings[0].message);
	free(first.findings);
	/* status is there, and none of the others was promised 5 times. */
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
	rules_free(r);
}

static void
test_key_gone(void **state)
{
	rules *r = load(HEAD BASELINE);
	rules *allowed = load(HEAD "drift: { key-gone: allow }\n" BASELINE);
	const char *line = "{\"level\":\"info\",\"msg\":\"a\"}";
	const char *lines[10];
	report *rep;

	(void)state;
	for (size_t i = 0; i < 10; i++)
		lines[i] = line;
	/* 80% of 10 records is 8 promised: gone. */
	rep = judged(r, lines, 10, NULL);
	assert_int_equal(rep->finding_count, 1);
	assert_string_equal(rep->findings[0].rule, "key-gone");
	assert_int_equal(rep->findings[0].severity, SEVERITY_WARNING);
	assert_string_equal(rep->findings[0].message, "key 'status' is in "
	    "none of the 10 records; 80.0% of the baseline's log lines held "
	    "it");
	report_free(rep);
	/* 80% of 5 records is 4: a capture that small may lack it. */
	rep = judged(r, lines, 5, NULL);
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
	rep = judged(allowed, lines, 10, NULL);
	assert_int_equal(rep->finding_count, 0);
	report_free(rep);
	rules_free(allowed);
	rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_and_write),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_new_key),
		cmocka_unit_test(test_key_gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
