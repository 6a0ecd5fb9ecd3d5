/*
 * Unit tests for baseline: counting judged lines, the YAML it writes (it
 * must load back to the same bytes), merging (order does not matter),
 * the emoji policy, and the loader's errors for each key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "decode/baseline.h"
#include "judge/drift.h"
#include "learn/baseline_scan.h"
#include "learn/baseline_write.h"
#include "judge/judge.h"
#include "decode/rules.h"
#include "util/xalloc.h"

#define ROCKET	"\xf0\x9f\x9a\x80"
#define HEAD \
	"format: t\n" \
	"line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"

/* Count one line as judged into res. */
static void
add_judged(baseline *b, const char *text, const judge_result *res)
{
	baseline_parts p;

	if (res->kind == LINE_FOREIGN) {
		baseline_add_line(b, NULL);
		return;
	}
	drift_parts_of(text, res, &p);
	baseline_add_line(b, &p);
}

static rules *
load(const char *text, lc_error *err)
{
	return rules_load_text("test.yaml", text, strlen(text), err);
}

static rules *
load_ok(const char *text)
{
	lc_error err;
	rules *r = load(text, &err);

	if (r == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
	return r;
}

/* A baseline of lines judged by r. */
static baseline *
counted(const rules *r, const char *const *lines, size_t count)
{
	baseline *b = baseline_for(r, "LEVEL MESSAGE");
	judge *j = judge_new(r);
	judge_result res = { 0 };

	for (size_t i = 0; i < count; i++) {
		judge_line(j, NULL, lines[i], strlen(lines[i]),
		    LC_STREAM_UNKNOWN, &res);
		add_judged(b, lines[i], &res);
	}
	baseline_finish(b);
	judge_result_free(&res);
	judge_free(j);
	return b;
}

static const char *const first_lines[] = {
	"INFO " ROCKET " Starting worker 1",
	"INFO Request 1 done in 3ms",
	"INFO Request 2 done in 5ms",
	"not a log line",
	"WARN Disk almost full",
};
static const char *const second_lines[] = {
	"INFO Request 3 done in 1ms",
	"ERROR Crashed with code 3",
	"INFO " ROCKET " Starting worker 2",
};

static void
test_counts(void **state)
{
	rules *r = load_ok(HEAD);
	baseline *b = counted(r, first_lines, 5);

	(void)state;
	assert_int_equal(b->lines, 5);
	assert_int_equal(b->log_lines, 4);
	assert_int_equal(baseline_level_count(b, "INFO", 4), 3);
	assert_int_equal(baseline_level_count(b, "WARN", 4), 1);
	assert_false(baseline_level_known(b, "ERROR", 5));
	assert_int_equal(b->emoji_count, 3);	/* INFO rocket, INFO "", WARN "" */
	assert_int_equal(b->template_count, 3);
	assert_int_equal(baseline_emoji_policy(b, EMOJI_NONE), EMOJI_OPTIONAL);
	baseline_free(b);
	rules_free(r);
}

/* The YAML of b, appended to HEAD, loaded, written again. */
static char *
round_trip(const baseline *b)
{
	char *yaml = baseline_yaml(b), *text = xasprintf("%s%s", HEAD, yaml);
	rules *r = load_ok(text);
	char *again;

	assert_non_null(r->baseline);
	again = baseline_yaml(r->baseline);
	assert_string_equal(again, yaml);
	free(text);
	free(again);
	rules_free(r);
	return yaml;
}

static void
test_yaml_round_trip(void **state)
{
	rules *r = load_ok(HEAD);
	baseline *b = counted(r, first_lines, 5);
	char *yaml = round_trip(b);

	(void)state;
	assert_non_null(strstr(yaml, "  levels:\n    'INFO': 3    # 75.0%\n"
	    "    'WARN': 1    # 25.0%\n"));
	assert_non_null(strstr(yaml, "    'INFO': { '': 2, '" ROCKET "': 1 }\n"));
	assert_non_null(strstr(yaml, "    - { count: 2, level: 'INFO', text: "
	    "'Request <NUM> done in <DUR>' }\n"));
	assert_non_null(strstr(yaml, "new-template: report\n"));
	free(yaml);
	baseline_free(b);
	rules_free(r);
}

static void
test_merge_order(void **state)
{
	rules *r = load_ok(HEAD);
	baseline *a = counted(r, first_lines, 5);
	baseline *c = counted(r, second_lines, 3);
	baseline *ac = counted(r, first_lines, 5), *ca = counted(r,
	    second_lines, 3);
	char *ac_yaml, *ca_yaml;

	(void)state;
	baseline_merge(ac, c);
	baseline_merge(ca, a);
	ac_yaml = baseline_yaml(ac);
	ca_yaml = baseline_yaml(ca);
	assert_string_equal(ac_yaml, ca_yaml);
	assert_int_equal(ac->lines, 8);
	assert_int_equal(baseline_level_count(ac, "INFO", 4), 5);
	assert_int_equal(baseline_level_count(ac, "ERROR", 5), 1);
	/* "Starting worker <NUM>" from both sides is one template. */
	assert_non_null(strstr(ac_yaml, "{ count: 2, level: 'INFO', emoji: '"
	    ROCKET "', text: 'Starting worker <NUM>' }"));
	free(ac_yaml);
	free(ca_yaml);
	baseline_free(a);
	baseline_free(c);
	baseline_free(ac);
	baseline_free(ca);
	rules_free(r);
}

static void
test_merge_stricter_policy(void **state)
{
	rules *a = load_ok(HEAD "drift: { new-emoji: fail, "
	    "level-share-points: 20 }\nbaseline: { lines: 1 }\n");
	rules *b = load_ok(HEAD "drift: { new-template: allow, "
	    "level-share-points: 5 }\nbaseline: { lines: 2, levels: {} }\n");
	baseline *m = baseline_new(NULL, NULL);

	(void)state;
	m->new_template = m->new_emoji = m->level_share = DRIFT_ALLOW;
	m->share_points = 100;
	m->has_levels = true;
	baseline_merge(m, a->baseline);
	baseline_merge(m, b->baseline);
	assert_int_equal(m->new_template, DRIFT_REPORT);
	assert_int_equal(m->new_emoji, DRIFT_FAIL);
	assert_true(m->share_points == 5.0);
	assert_int_equal(m->lines, 3);
	/* a has no level counts: the merge has none either. */
	assert_false(m->has_levels);
	baseline_free(m);
	rules_free(a);
	rules_free(b);
}

static void
test_emoji_policy(void **state)
{
	rules *r = load_ok(HEAD);
	const char *const all[] = { "INFO " ROCKET " a", "WARN " ROCKET " b" };
	const char *const none[] = { "INFO a", "WARN b" };
	baseline *b = counted(r, all, 2), *n = counted(r, none, 2);

	(void)state;
	assert_int_equal(baseline_emoji_policy(b, EMOJI_NONE), EMOJI_REQUIRED);
	assert_int_equal(baseline_emoji_policy(n, EMOJI_OPTIONAL), EMOJI_NONE);
	baseline_free(b);
	baseline_free(n);
	rules_free(r);
}

/*
 * The second and third messages turn six of the first one's words into
 * <*>.  Judging lets <*> match any word, so the first message is still
 * like the final template, and each line is counted once.
 */
static void
test_counted_once(void **state)
{
	static const char *const lines[] = {
		"INFO a b c d e f g h i j",
		"INFO a 1 2 3 e f g h i j",
		"INFO a 4 5 6 7 8 9 h i j",
	};
	rules *r = load_ok(HEAD);
	baseline *b = counted(r, lines, 3);
	templates *known;

	(void)state;
	assert_int_equal(b->template_count, 1);
	assert_string_equal(b->templates[0].text,
	    "a <*> <*> <*> <*> <*> <*> h i j");
	assert_int_equal(b->templates[0].count, 3);
	assert_int_equal(b->log_lines, 3);
	known = baseline_known(b);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(templates_known(known, "INFO", 4,
		    lines[i] + 5, strlen(lines[i] + 5)), 1);
	templates_free(known);
	baseline_free(b);
	rules_free(r);
}

/* Past the miner's cap the profile says so, rather than hide it. */
static void
test_overflow_noted(void **state)
{
	rules *r = load_ok(HEAD);
	baseline *b = baseline_for(r, NULL);
	judge *j = judge_new(r);
	judge_result res = { 0 };
	char line[64], *yaml;

	(void)state;
	for (unsigned i = 0; i <= 10000; i++) {
		/* One word of letters each: no two alike, nothing to mask. */
		snprintf(line, sizeof line, "INFO w%c%c%c%c", 'a' + i % 26,
		    'a' + i / 26 % 26, 'a' + i / 676 % 26, 'a' + i / 17576);
		judge_line(j, NULL, line, strlen(line), LC_STREAM_UNKNOWN, &res);
		add_judged(b, line, &res);
	}
	baseline_finish(b);
	assert_int_equal(b->template_count, 10000);
	assert_int_equal(b->overflow, 1);
	/* Exact: each log line in one template or in the overflow. */
	uint64_t counted = b->overflow;
	for (size_t i = 0; i < b->template_count; i++)
		counted += b->templates[i].count;
	assert_int_equal(counted, b->log_lines);
	yaml = baseline_yaml(b);
	assert_non_null(strstr(yaml, "  # 1 log line fits no template: the "
	    "miner's cap of templates was\n  # reached.  check judges new "
	    "templates by the shapes above.\n"));
	/* Each line has a key of its own: the shapes are capped too. */
	assert_int_equal(shapes_count(b->shapes), SHAPES_MAX);
	assert_true(shapes_capped(b->shapes));
	assert_non_null(strstr(yaml, "  # The cap of 10000 shapes was "
	    "reached: messages of other shapes\n"));
	free(yaml);
	judge_result_free(&res);
	judge_free(j);
	baseline_free(b);
	rules_free(r);
}

/* The rule file fails to load with this message at line:column. */
static void
load_fails(const char *text, unsigned long line, unsigned long column,
    const char *message)
{
	lc_error err;
	rules *r = load(text, &err);

	if (r != NULL) {
		rules_free(r);
		fail_msg("loaded: %s", text);
	}
	if (strcmp(err.text, message) != 0 || err.line != line ||
	    err.column != column)
		fail_msg("%s: got %lu:%lu: %s", text, err.line, err.column,
		    err.text);
}

static void
test_load_errors(void **state)
{
	(void)state;
	load_fails(HEAD "drift: { new-emoji: report }\n", 3, 1, "'drift' needs "
	    "'baseline', the counts that drift is judged against");
	load_fails(HEAD "drift: { new-emoji: yes }\nbaseline: {}\n", 3, 21,
	    "'new-emoji' must be one of allow, report, fail");
	load_fails(HEAD "drift: { level-share-points: 101 }\nbaseline: {}\n",
	    3, 30, "'level-share-points' must be a number from 0 to 100, "
	    "with at most 3 decimals");
	load_fails(HEAD "drift: { level-share-points: '5' }\nbaseline: {}\n",
	    3, 30, "'level-share-points' must be a number from 0 to 100, "
	    "with at most 3 decimals");
	load_fails(HEAD "baseline: { lines: 1, log-lines: 2 }\n", 3, 34,
	    "'log-lines' (2) is more than 'lines' (1)");
	load_fails(HEAD "baseline: { lines: -1 }\n", 3, 20, "'lines' must be "
	    "a whole number from 0 to 18446744073709551615");
	load_fails(HEAD "baseline: { lines: 18446744073709551616 }\n", 3, 20,
	    "'lines' must be a whole number from 0 to 18446744073709551615");
	/* YAML 1.1 reads 010 as octal: a count has no leading zero. */
	load_fails(HEAD "baseline: { lines: 010 }\n", 3, 20, "'lines' must be "
	    "a whole number from 0 to 18446744073709551615");
	load_fails(HEAD "baseline: { levels: [INFO] }\n", 3, 21, "'levels' in "
	    "'baseline' must be a mapping, not a list");
	load_fails(HEAD "baseline: { emoji: { INFO: { 'x': 1 } } }\n", 3, 30,
	    "'x' is not one emoji (nor '' for none)");
	load_fails(HEAD "baseline: { emoji: { INFO: { '': 1 }, INFO: {} } }\n",
	    3, 39, "duplicate key 'INFO' (first at line 3, column 22)");
	/* A repeat names the first of its key, not the one before it. */
	load_fails(HEAD "baseline: { levels: { A: 0, B: 0, A: 0, A: 0 } }\n",
	    3, 35, "duplicate key 'A' (first at line 3, column 23)");
	load_fails(HEAD "baseline: { levels: { A: 0, B: x, A: 0 } }\n", 3, 32,
	    "a count in 'levels' must be a whole number from 0 to "
	    "18446744073709551615");
	load_fails(HEAD "baseline: { levels: { INFO: 1 }, emoji: { INFO: "
	    "{ '': 1, '': 2 } } }\n", 3, 58, "duplicate key '' (first at line "
	    "3, column 51)");
	/* The emoji of each level add up to its count, past other levels'. */
	load_fails(HEAD "baseline: { lines: 3, log-lines: 3, levels: { INFO: 2, "
	    "WARN: 1 }, emoji: { WARN: { '': 1 } } }\n", 3, 74, "the emoji "
	    "counts of level 'INFO' add up to 0, not to its count in 'levels' "
	    "(2)");
	load_fails(HEAD "baseline: { lines: 3, log-lines: 3, levels: { INFO: 2, "
	    "WARN: 1 }, emoji: { WARN: { '': 1, " ROCKET ": "
	    "18446744073709551615 }, INFO: { '': 1, " ROCKET ": 1 } } }\n", 3,
	    74, "the emoji counts of level 'WARN' add up to "
	    "18446744073709551615, not to its count in 'levels' (1)");
	load_fails(HEAD "baseline: { templates: [ { count: 1 } ] }\n", 3, 26,
	    "missing required key 'text' in template");
	load_fails(HEAD "baseline: { templates: [ { count: 1, text: ' a' } ] "
	    "}\n", 3, 45, "a template's tokens are separated by single "
	    "spaces (an empty token here)");
	load_fails(HEAD "baseline: { templates: [ { count: 1, text: a },"
	    " { count: 2, text: a } ] }\n", 3, 49, "duplicate template (first "
	    "at line 3, column 26)");
	load_fails(HEAD "checks:\n  - { id: new-emoji, when: { level: [A] }, "
	    "expect: { level: [B] }, message: m }\n", 4, 11, "check id "
	    "'new-emoji' is a drift finding id");
	load_fails(HEAD "baseline: { shapes: [ { level: INFO } ] }\n", 3, 23,
	    "missing required key 'text' in shape");
	load_fails(HEAD "baseline: { shapes: [ { text: '<*> a' } ] }\n", 3, 32,
	    "the first token of a shape is part of its key and cannot be <*>");
	load_fails(HEAD "baseline: { shapes: [ { text: 'a \\b' } ] }\n", 3,
	    34, "a backslash at the start of a token escapes only <*> or a "
	    "backslash");
	load_fails(HEAD "baseline: { shapes: [ { text: a b }, { text: a c } ] "
	    "}\n", 3, 38, "duplicate shape: another has the same level, "
	    "emoji, token count and first token");
	load_fails("format: t\nline: '^(?<message>.*)$'\n"
	    "baseline: { templates: [ { count: 1, level: INFO, text: a } ] }\n",
	    3, 38, "'line' has no level group: a template has no 'level'");
}

/* Many levels and emoji: counted, found and merged by their index. */
static void
test_many_levels(void **state)
{
	baseline *a = baseline_new(NULL, NULL), *b = baseline_new(NULL, NULL);
	char name[32];

	(void)state;
	a->has_levels = b->has_levels = a->has_emoji = b->has_emoji = true;
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "L%d", i);
		baseline_count_level(a, name, strlen(name), 1);
		baseline_count_emoji(a, name, strlen(name), "", 0, 1);
		snprintf(name, sizeof name, "L%d", 2500 + i);
		baseline_count_level(b, name, strlen(name), 2);
		baseline_count_emoji(b, name, strlen(name), ROCKET,
		    strlen(ROCKET), 2);
	}
	baseline_count_level(a, "L7", 2, 1);
	assert_int_equal(a->level_count, 5000);
	assert_int_equal(baseline_level_count(a, "L7", 2), 2);
	assert_false(baseline_level_known(a, "L5000", 5));
	baseline_merge(a, b);
	assert_int_equal(a->level_count, 7500);
	assert_int_equal(a->emoji_count, 10000);
	/* In the order first counted: a's, then b's new ones. */
	assert_string_equal(a->levels[4999].level, "L4999");
	assert_string_equal(a->levels[5000].level, "L5000");
	assert_int_equal(baseline_level_count(a, "L2500", 5), 3);
	assert_int_equal(baseline_level_count(a, "L7499", 5), 2);
	assert_int_equal(baseline_level_count(a, "L7500", 5), 0);
	baseline_free(a);
	baseline_free(b);
}

/* The `shapes:` block of b's YAML (caller frees). */
static char *
shapes_block(const baseline *b)
{
	char *yaml = baseline_yaml(b), *from = strstr(yaml, "  shapes:"),
	    *to, *block;

	assert_non_null(from);
	to = strstr(from, "  templates:");
	block = xstrndup(from, to != NULL ? (size_t)(to - from) : strlen(from));
	free(yaml);
	return block;
}

static void
test_shapes_order(void **state)
{
	static const char *const lines[] = {
		"INFO Installing redis version 1.2.3",
		"INFO Installing numpy version 2.0.1",
		"INFO Installing numpy release 2.0.1",
		"INFO Installing redis version 1.2.3 now",
		"WARN Installing redis version 1.2.3",
	};
	static const char *const reversed[] = {
		"WARN Installing redis version 1.2.3",
		"INFO Installing redis version 1.2.3 now",
		"INFO Installing numpy release 2.0.1",
		"INFO Installing numpy version 2.0.1",
		"INFO Installing redis version 1.2.3",
	};
	rules *r = load_ok(HEAD);
	baseline *a = counted(r, lines, 5), *b = counted(r, reversed, 5);
	char *block_a = shapes_block(a), *block_b = shapes_block(b);

	(void)state;
	assert_string_equal(block_a, block_b);
	assert_string_equal(block_a, "  shapes:\n"
	    "    - { level: 'INFO', text: 'Installing <*> <*> <VER>' }\n"
	    "    - { level: 'INFO', text: 'Installing redis version <VER> now' }\n"
	    "    - { level: 'WARN', text: 'Installing redis version <VER>' }\n");
	free(block_a);
	free(block_b);
	baseline_free(a);
	baseline_free(b);
	rules_free(r);
}

static void
test_shapes_merge(void **state)
{
	static const char *const one[] = {
		"INFO Installing redis version 1.2.3",
		"INFO Request 1 done",
	};
	static const char *const two[] = {
		"INFO Installing numpy version 2.0.1",
		"ERROR Crashed with code 3",
	};
	static const char *const both[] = {
		"INFO Installing redis version 1.2.3",
		"INFO Request 1 done",
		"INFO Installing numpy version 2.0.1",
		"ERROR Crashed with code 3",
	};
	rules *r = load_ok(HEAD);
	baseline *a = counted(r, one, 2), *b = counted(r, two, 2),
	    *whole = counted(r, both, 4);
	char *merged, *expected;

	(void)state;
	baseline_merge(a, b);
	merged = shapes_block(a);
	expected = shapes_block(whole);
	assert_string_equal(merged, expected);
	assert_non_null(strstr(merged, "'Installing <*> version <VER>'"));
	free(merged);
	free(expected);
	baseline_free(a);
	baseline_free(b);
	baseline_free(whole);
	rules_free(r);
}

/* Tokens that read <*> or start with a backslash survive the YAML. */
static void
test_shapes_literal_many(void **state)
{
	static const char *const lines[] = {
		"INFO Got <*> and \\x here",
		"INFO Got <*> and \\\\y here",
	};
	rules *r = load_ok(HEAD);
	baseline *b = counted(r, lines, 2);
	char *yaml = round_trip(b);

	(void)state;
	assert_non_null(strstr(yaml, "text: 'Got \\<*> and <*> here' }"));
	free(yaml);
	baseline_free(b);
	b = counted(r, lines, 1);
	yaml = round_trip(b);
	assert_non_null(strstr(yaml, "text: 'Got \\<*> and \\\\x here' }"));
	free(yaml);
	baseline_free(b);
	rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_yaml_round_trip),
		cmocka_unit_test(test_merge_order),
		cmocka_unit_test(test_merge_stricter_policy),
		cmocka_unit_test(test_emoji_policy),
		cmocka_unit_test(test_counted_once),
		cmocka_unit_test(test_overflow_noted),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_many_levels),
		cmocka_unit_test(test_shapes_order),
		cmocka_unit_test(test_shapes_merge),
		cmocka_unit_test(test_shapes_literal_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
