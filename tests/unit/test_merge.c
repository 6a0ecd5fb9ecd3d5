/*
 * Unit tests for merge: profiles loaded from text, merged; the result must
 * load, join the sets, add the counts, not depend on the order, and
 * refuse what it cannot merge.
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
#include "learn/merge.h"
#include "decode/rules.h"
#include "judge/samples.h"

#define LINE "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): " \
	"(?<message>.*)$'\ntime: '%H:%M:%S'\n"
#define PROFILE(levels, emoji, streams, counts, samples) \
	"format: w\n" LINE "levels: [" levels "]\nemoji: " emoji "\n" \
	"streams: " streams "\nsamples:\n" samples \
	"baseline:\n  layout: '[TIME] LEVEL: MESSAGE'\n" counts
#define SAMPLE(text) "  - line: '" text "'\n"

static const char a_text[] = PROFILE("INFO", "none", "both",
    "  lines: 3\n  log-lines: 2\n  levels: { INFO: 2 }\n"
    "  emoji: { INFO: { '': 2 } }\n"
    "  templates:\n    - { count: 2, level: INFO, text: 'Request <NUM>' }\n",
    SAMPLE("[10:00:00] INFO: Request 7"));
static const char b_text[] = PROFILE("INFO, ERROR", "required", "both",
    "  lines: 2\n  log-lines: 2\n  levels: { INFO: 1, ERROR: 1 }\n"
    "  emoji: { INFO: { '\xe2\x9c\x85': 1 }, ERROR: { '\xe2\x9d\x8c': 1 } }\n"
    "  templates:\n    - { count: 1, level: ERROR, emoji: '\xe2\x9d\x8c', "
    "text: 'Crashed' }\n"
    "    - { count: 1, level: INFO, emoji: '\xe2\x9c\x85', "
    "text: 'Request <NUM>' }\n",
    SAMPLE("[10:00:01] ERROR: \xe2\x9d\x8c Crashed")
    SAMPLE("[10:00:00] INFO: \xe2\x9c\x85 Request 1"));
static const char c_text[] = PROFILE("WARN", "none", "stdout",
    "  lines: 1\n  log-lines: 1\n  levels: { WARN: 1 }\n"
    "  emoji: { WARN: { '': 1 } }\n"
    "  templates:\n    - { count: 1, level: WARN, text: 'Slow' }\n",
    SAMPLE("[10:00:02] WARN: Slow"));

static rules *
load(const char *name, const char *text)
{
	lc_error err;
	rules *r = rules_load_text(name, text, strlen(text), &err);

	if (r == NULL || samples_verify(r, &err) != 0)
		fail_msg("%s:%lu:%lu: %s", name, err.line, err.column,
		    err.text);
	return r;
}

static char *
merged(rules *const *profiles, size_t count)
{
	char *cause = NULL, *yaml = merge_profiles(profiles, count, NULL,
	    &cause);

	if (yaml == NULL)
		fail_msg("%s", cause);
	return yaml;
}

static void
test_merge_joins(void **state)
{
	rules *p[2] = { load("a.yaml", a_text), load("b.yaml", b_text) };
	char *yaml = merged(p, 2);
	rules *m = load("m.yaml", yaml);

	(void)state;
	assert_int_equal(m->level_count, 2);
	assert_string_equal(m->levels[0], "INFO");
	assert_string_equal(m->levels[1], "ERROR");
	/* none and required: some messages have an emoji, some not. */
	assert_int_equal(m->emoji, EMOJI_OPTIONAL);
	assert_int_equal(m->streams, STREAMS_BOTH);
	assert_int_equal(m->sample_count, 2);
	assert_int_equal(m->baseline->lines, 5);
	assert_int_equal(m->baseline->template_count, 3);
	assert_non_null(strstr(yaml, "description: 'Inferred from 5 lines, 4 "
	    "of which fit the layout [TIME] LEVEL: MESSAGE'"));
	rules_free(m);
	free(yaml);
	rules_free(p[0]);
	rules_free(p[1]);
}

static void
test_merge_order_and_grouping(void **state)
{
	rules *a = load("a.yaml", a_text), *b = load("b.yaml", b_text);
	rules *c = load("c.yaml", c_text);
	rules *abc[3] = { a, b, c }, *cba[3] = { c, b, a };
	rules *ab[2] = { a, b }, *bc[2] = { b, c };
	char *x = merged(abc, 3), *y = merged(cba, 3);
	char *ab_yaml = merged(ab, 2), *bc_yaml = merged(bc, 2);
	rules *ab_r = load("ab.yaml", ab_yaml), *bc_r = load("bc.yaml", bc_yaml);
	rules *left[2] = { ab_r, c }, *right[2] = { a, bc_r };
	char *l = merged(left, 2), *r = merged(right, 2);

	(void)state;
	assert_string_equal(x, y);
	assert_string_equal(l, r);
	assert_string_equal(x, l);
	/* stdout with both: any. */
	assert_non_null(strstr(x, "\nstreams: any\n"));
	free(x);
	free(y);
	free(l);
	free(r);
	free(ab_yaml);
	free(bc_yaml);
	rules_free(ab_r);
	rules_free(bc_r);
	rules_free(a);
	rules_free(b);
	rules_free(c);
}

static void
merge_fails(const char *first, const char *second, const char *message)
{
	rules *p[2] = { load("a.yaml", first), load("b.yaml", second) };
	char *cause = NULL, *yaml = merge_profiles(p, 2, NULL, &cause);

	assert_null(yaml);
	assert_non_null(cause);
	assert_string_equal(cause, message);
	free(cause);
	rules_free(p[0]);
	rules_free(p[1]);
}

static void
test_merge_refuses(void **state)
{
	(void)state;
	merge_fails(a_text, "format: w\n" LINE, "b.yaml has no baseline: "
	    "merge takes profiles that logcompat infer or logcompat merge "
	    "wrote");
	merge_fails(a_text, "format: w\nline: '^(?<level>\\S+) "
	    "(?<message>.*)$'\nbaseline: {}\n", "b.yaml:2:1: a.yaml and b.yaml "
	    "have different layouts (their 'line' patterns differ, see also "
	    "a.yaml:2:1): profiles of different formats cannot be merged");
	merge_fails(a_text, "format: w\n" "line: '^\\[(?<time>[^\\]]*)\\] "
	    "(?<level>[^:\\s]*): (?<message>.*)$'\ntime: '%T'\nbaseline: {}\n",
	    "b.yaml:3:1: a.yaml and b.yaml have different layouts (their "
	    "'time' formats differ, see also a.yaml:3:1): profiles of "
	    "different formats cannot be merged");
	merge_fails(a_text, "format: v\n" LINE "baseline: { layout: '[TIME] "
	    "LEVEL: MESSAGE' }\n", "a.yaml and b.yaml name different formats, "
	    "'w' and 'v' (give --name)");
	merge_fails(a_text, "format: w\n" LINE "severities: { foreign: error }\n"
	    "baseline: {}\n", "b.yaml:4:1: 'severities' cannot be carried over "
	    "by merge (it writes the keys that logcompat infer writes, and "
	    "'flush' and 'foreign')");
}

/* flush: the largest bound; foreign: the strictest; in any order. */
static void
test_merge_carries_flush_and_foreign(void **state)
{
	const char *strict = "format: w\n" LINE "foreign: fail\nflush: 2s\n"
	    "baseline: { layout: '[TIME] LEVEL: MESSAGE' }\n";
	rules *p[2] = { load("a.yaml", a_text), load("b.yaml", strict) };
	rules *q[2] = { p[1], p[0] };
	char *cause = NULL, *x = merge_profiles(p, 2, NULL, &cause);
	char *y = merge_profiles(q, 2, NULL, &cause);

	(void)state;
	assert_non_null(x);
	assert_non_null(y);
	assert_string_equal(x, y);
	assert_non_null(strstr(x, "\nforeign: fail\nflush: 2000ms\n"));
	free(x);
	free(y);
	rules_free(p[0]);
	rules_free(p[1]);
}

#define SHAPED(shapes) PROFILE("INFO", "none", "both", \
    "  lines: 1\n  log-lines: 1\n  levels: { INFO: 1 }\n" \
    "  emoji: { INFO: { '': 1 } }\n  shapes:\n" shapes, \
    SAMPLE("[10:00:00] INFO: Request 7"))

/* Shapes join per position; a profile without them leaves them out. */
static void
test_merge_shapes(void **state)
{
	rules *p[3] = {
		load("a.yaml", SHAPED("    - { level: INFO, text: 'Installing "
		    "redis version <VER>' }\n    - { level: INFO, text: "
		    "'Request <NUM>' }\n")),
		load("b.yaml", SHAPED("    - { level: INFO, text: 'Installing "
		    "numpy version <VER>' }\n")),
		load("c.yaml", a_text),
	};
	char *ab = merged(p, 2), *ba, *abc;
	rules *swap;

	(void)state;
	assert_non_null(strstr(ab, "  shapes:\n"
	    "    - { level: 'INFO', text: 'Installing <*> version <VER>' }\n"
	    "    - { level: 'INFO', text: 'Request <NUM>' }\n"));
	swap = p[0];
	p[0] = p[1];
	p[1] = swap;
	ba = merged(p, 2);
	assert_string_equal(ab, ba);
	abc = merged(p, 3);
	assert_null(strstr(abc, "shapes:"));
	free(ab);
	free(ba);
	free(abc);
	for (size_t i = 0; i < 3; i++)
		rules_free(p[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_joins),
		cmocka_unit_test(test_merge_order_and_grouping),
		cmocka_unit_test(test_merge_refuses),
		cmocka_unit_test(test_merge_carries_flush_and_foreign),
		cmocka_unit_test(test_merge_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
