/*
 * Unit tests for rules: loading good rule files field by field, and every
 * kind of error with its exact message, line and column.  Data files are
 * found under $srcdir (as automake sets it for tests), else ".".
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

#include "decode/rules.h"

static char tmp_dir[4096];
static char tmp_path[4096 + 32];

static int
group_setup(void **state)
{
	const char *base = getenv("TMPDIR");

	(void)state;
	/* mkdtemp's template ends in six X, spelled so as not to be a marker. */
	snprintf(tmp_dir, sizeof tmp_dir, "%s/test_rules.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	if (mkdtemp(tmp_dir) == NULL)
		return -1;
	snprintf(tmp_path, sizeof tmp_path, "%s/rules.yaml", tmp_dir);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	unlink(tmp_path);
	return rmdir(tmp_dir);
}

/* A data file of the source tree. */
static char *
source_path(const char *relative)
{
	const char *srcdir = getenv("srcdir");
	size_t size;
	char *path;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	size = strlen(srcdir) + strlen(relative) + 2;
	path = malloc(size);
	assert_non_null(path);
	snprintf(path, size, "%s/%s", srcdir, relative);
	return path;
}

static const char *
write_rules(const char *text, size_t len)
{
	FILE *f = fopen(tmp_path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return tmp_path;
}

static rules *
load_text(const char *text, size_t len)
{
	lc_error err;
	rules *r = rules_load(write_rules(text, len), &err);

	if (r == NULL)
		fail_msg("rules did not load: %lu:%lu: %s", err.line,
		    err.column, err.text);
	return r;
}

/* Load text that must fail with exactly this line, column and message. */
static void
expect_error_len(const char *text, size_t len, unsigned long line,
    unsigned long column, const char *message, lc_error *out)
{
	lc_error err;
	rules *r = rules_load(write_rules(text, len), &err);

	if (r != NULL) {
		rules_free(r);
		fail_msg("rules loaded, expected: %s", message);
	}
	assert_string_equal(err.text, message);
	assert_string_equal(err.source, tmp_path);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	if (out != NULL)
		*out = err;
}

#define LOAD(text)	load_text((text), sizeof (text) - 1)
#define EXPECT_ERROR(text, line, column, message) \
	expect_error_len((text), sizeof (text) - 1, (line), (column), \
	    (message), NULL)

#define ROOT_KEYS	"format, description, line, time, levels, emoji, " \
	"streams, foreign, max-line, severities, checks, samples, flush, " \
	"drift, baseline, limits, continuation, decode, level-key, " \
	"message-key, keys, key-order, foreign-share"
#define BASE	"format: t\nline: '^(?<time>\\S+) (?<level>\\w+): " \
	"(?<message>.*)$'\n"

static void
test_free_null(void **state)
{
	(void)state;
	rules_free(NULL);
}

static void
test_full_file(void **state)
{
	char *path = source_path("tests/unit/rules/full.yaml");
	lc_error err;
	rules *r = rules_load(path, &err);
	const rules_check *check;
	const rules_sample *s;

	(void)state;
	if (r == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
	assert_string_equal(r->path, path);
	assert_string_equal(r->format, "svc-1.log_v2");
	assert_string_equal(r->description, "a service log");
	assert_string_equal(r->line_pattern, "^(?<time>\\S+) \\[(?<level>"
	    "[a-z]+)\\] (?<component>\\w+): (?<message>.*)$");
	assert_non_null(r->line_regex);
	assert_int_equal(r->time_group, 1);
	assert_int_equal(r->level_group, 2);
	assert_int_equal(r->message_group, 4);
	assert_string_equal(r->time_format, "%Y-%m-%dT%H:%M:%S.%3N%z");
	assert_non_null(r->time);
	assert_true(timefmt_has_date(r->time));
	assert_int_equal(r->level_count, 4);
	assert_string_equal(r->levels[0], "debug");
	assert_string_equal(r->levels[3], "error");
	assert_int_equal(r->emoji, EMOJI_REQUIRED);
	assert_int_equal(r->streams, STREAMS_STDERR);
	assert_int_equal(r->foreign, FOREIGN_FAIL);
	assert_int_equal(r->max_line, 4096);
	assert_int_equal(r->match_limit, 500000);
	assert_true(r->match_limit_given);
	assert_int_equal(r->depth_limit, 20000);
	assert_int_equal(r->jit_stack, 4 * 1024 * 1024);

	assert_int_equal(r->severity_count, 3);
	assert_string_equal(r->severity_ids[0], "control-char");
	assert_int_equal(r->severity_values[0], SEVERITY_ERROR);
	assert_string_equal(r->severity_ids[1], "time-order");
	assert_int_equal(r->severity_values[1], SEVERITY_WARNING);
	assert_string_equal(r->severity_ids[2], "empty-stream");
	assert_int_equal(r->severity_values[2], SEVERITY_OFF);

	assert_int_equal(r->check_count, 2);
	check = &r->checks[0];
	assert_string_equal(check->id, "db-errors");
	assert_int_equal(check->severity, SEVERITY_WARNING);
	assert_int_equal(check->mark.line, 16);
	assert_int_equal(check->mark.column, 5);
	assert_int_equal(check->when_count, 2);
	assert_string_equal(check->when[0].field, "component");
	assert_non_null(check->when[0].regex);
	assert_string_equal(check->when[0].pattern, "^db$");
	assert_null(check->when[0].set);
	assert_int_equal(check->when[0].mark.line, 19);
	assert_int_equal(check->when[0].mark.column, 7);
	assert_string_equal(check->when[1].field, "stream");
	assert_null(check->when[1].regex);
	assert_int_equal(check->when[1].set_count, 1);
	assert_string_equal(check->when[1].set[0], "stderr");
	assert_int_equal(check->expect_count, 1);
	assert_string_equal(check->expect[0].field, "level");
	assert_int_equal(check->expect[0].set_count, 2);
	assert_string_equal(check->expect[0].set[1], "warn");
	assert_string_equal(check->message,
	    "database messages must be warnings or errors");
	check = &r->checks[1];
	assert_string_equal(check->id, "no-tabs");
	assert_int_equal(check->severity, SEVERITY_ERROR);
	assert_string_equal(check->when[0].field, "line");
	assert_string_equal(check->when[0].pattern, "\t");
	assert_string_equal(check->expect[0].pattern, "^[^\\t]*$");

	assert_int_equal(r->sample_count, 3);
	s = &r->samples[0];
	assert_string_equal(s->line,
	    "2024-01-02T03:04:05.678+0100 [info] web: \xf0\x9f\x9a\x80 up");
	assert_false(s->foreign);
	assert_int_equal(s->mark.line, 28);
	assert_int_equal(s->mark.column, 5);
	assert_int_equal(s->field_count, 4);
	assert_string_equal(s->field_names[0], "time");
	assert_string_equal(s->field_values[0],
	    "2024-01-02T03:04:05.678+0100");
	assert_string_equal(s->field_names[3], "emoji");
	assert_string_equal(s->field_values[3], "\xf0\x9f\x9a\x80");
	assert_int_equal(s->finding_count, 0);
	s = &r->samples[1];
	assert_true(s->foreign);
	assert_int_equal(s->field_count, 0);
	assert_int_equal(s->finding_count, 0);
	s = &r->samples[2];
	assert_int_equal(s->finding_count, 1);
	assert_string_equal(s->line, "2024-01-02T03:04:05.678+0100 [info] "
	    "web: \xf0\x9f\x9a\x80 a\tb");
	assert_string_equal(s->findings[0], "no-tabs");

	assert_int_equal(rules_severity_of(r, "control-char",
	    SEVERITY_WARNING), SEVERITY_ERROR);
	assert_int_equal(rules_severity_of(r, "empty-stream",
	    SEVERITY_WARNING), SEVERITY_OFF);
	assert_int_equal(rules_severity_of(r, "level", SEVERITY_WARNING),
	    SEVERITY_WARNING);
	assert_int_equal(rules_level_index(r, "warn", 4), 2);
	assert_int_equal(rules_level_index(r, "warning", 4), 2);
	assert_int_equal(rules_level_index(r, "warning", 7), -1);
	assert_int_equal(rules_level_index(r, "WARN", 4), -1);
	assert_int_equal(rules_level_index(r, "", 0), -1);
	rules_free(r);
	free(path);
}

static void
test_runpod(void **state)
{
	char *path = source_path("rules/runpod.yaml");
	lc_error err;
	rules *r = rules_load(path, &err);

	(void)state;
	if (r == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
	assert_string_equal(r->format, "runpod");
	assert_string_equal(r->line_pattern, "^\\[(?<time>[^\\]]*)\\] "
	    "(?<level>[^:\\s]*): (?<message>.*)$");
	assert_int_equal(r->time_group, 1);
	assert_int_equal(r->level_group, 2);
	assert_int_equal(r->message_group, 3);
	assert_string_equal(r->time_format, "%H:%M:%S");
	assert_non_null(r->time);
	assert_false(timefmt_has_date(r->time));
	assert_int_equal(r->level_count, 3);
	assert_int_equal(rules_level_index(r, "INFO", 4), 0);
	assert_int_equal(rules_level_index(r, "WARN", 4), 1);
	assert_int_equal(rules_level_index(r, "ERROR", 5), 2);
	assert_int_equal(rules_level_index(r, "DEBUG", 5), -1);
	assert_int_equal(r->emoji, EMOJI_OPTIONAL);
	assert_int_equal(r->streams, STREAMS_BOTH);
	assert_int_equal(r->foreign, FOREIGN_REPORT);
	assert_int_equal(r->max_line, 1048576);
	assert_int_equal(r->check_count, 2);
	assert_string_equal(r->checks[0].id, "error-marker-level");
	assert_string_equal(r->checks[0].when[0].field, "emoji");
	assert_int_equal(r->checks[0].when[0].set_count, 2);
	assert_string_equal(r->checks[1].id, "warning-marker-level");
	assert_int_equal(r->checks[1].when[0].set_count, 2);
	assert_string_equal(r->checks[1].when[0].set[0], "\xe2\x9a\xa0"
	    "\xef\xb8\x8f");
	assert_string_equal(r->checks[1].when[0].set[1], "\xe2\x9a\xa0");
	assert_true(r->sample_count >= 8);
	rules_free(r);
	free(path);
}

static void
test_defaults(void **state)
{
	rules *r = LOAD(BASE);

	(void)state;
	assert_string_equal(r->format, "t");
	assert_null(r->description);
	assert_null(r->time_format);
	assert_null(r->time);
	assert_int_equal(r->level_count, 0);
	assert_int_equal(rules_level_index(r, "ANYTHING", 8), 0);
	assert_int_equal(r->emoji, EMOJI_OPTIONAL);
	assert_int_equal(r->streams, STREAMS_ANY);
	assert_int_equal(r->foreign, FOREIGN_REPORT);
	assert_int_equal(r->max_line, 1048576);
	assert_int_equal(r->check_count, 0);
	assert_int_equal(r->sample_count, 0);
	assert_int_equal(r->severity_count, 0);
	assert_int_equal(rules_severity_of(r, "foreign", SEVERITY_WARNING),
	    SEVERITY_WARNING);
	rules_free(r);
}

static void
test_defaults_without_message(void **state)
{
	rules *r = LOAD("format: plain\nline: '^\\w+ (?<rest>.*)'\n");

	(void)state;
	assert_int_equal(r->time_group, 0);
	assert_int_equal(r->level_group, 0);
	assert_int_equal(r->message_group, 0);
	assert_int_equal(r->emoji, EMOJI_NONE);
	rules_free(r);
}

static void
test_enum_values(void **state)
{
	rules *r = LOAD(BASE "emoji: none\nstreams: stdout\nforeign: allow\n"
	    "max-line: 64\n");

	(void)state;
	assert_int_equal(r->emoji, EMOJI_NONE);
	assert_int_equal(r->streams, STREAMS_STDOUT);
	assert_int_equal(r->foreign, FOREIGN_ALLOW);
	assert_int_equal(r->max_line, 64);
	rules_free(r);
	r = LOAD(BASE "streams: both\nforeign: report\nmax-line: 1073741824\n");
	assert_int_equal(r->streams, STREAMS_BOTH);
	assert_int_equal(r->foreign, FOREIGN_REPORT);
	assert_int_equal(r->max_line, 1073741824);
	rules_free(r);
}

static void
test_quoted_keys_and_flow_style(void **state)
{
	rules *r = LOAD("{\"format\": 'q', line: \"^(?<level>x)$\", "
	    "levels: [x]}");

	(void)state;
	assert_string_equal(r->format, "q");
	assert_int_equal(r->level_group, 1);
	assert_int_equal(r->level_count, 1);
	rules_free(r);
}

static void
test_yaml_syntax_error(void **state)
{
	(void)state;
	EXPECT_ERROR("format: t\nline: [a\n", 3, 1, "YAML syntax error: did "
	    "not find expected ',' or ']' (while parsing a flow sequence at "
	    "line 2, column 7)");
	EXPECT_ERROR("format: t\n line: a\n", 2, 6, "YAML syntax error: "
	    "mapping values are not allowed in this context");
}

static void
test_invalid_text(void **state)
{
	(void)state;
	EXPECT_ERROR("format: t\nline: a\ndescription: \xc3\xa9\xff\n", 3, 15,
	    "invalid text in rule file: invalid leading UTF-8 octet (0xFF)");
	EXPECT_ERROR("format: t\nline: a\ndescription: \x1b[31m\n", 3, 14,
	    "invalid text in rule file: control characters are not allowed "
	    "(0x1B)");
}

static void
test_unknown_key(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "leveles: [INFO]\n", 3, 1, "unknown key 'leveles' "
	    "in rule file (expected one of: " ROOT_KEYS ")");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x}\n"
	    "    expect: {level: y}\n    mesage: m\n", 7, 5, "unknown key "
	    "'mesage' in check (expected one of: id, severity, when, expect, "
	    "message)");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    foriegn: true\n", 5, 5,
	    "unknown key 'foriegn' in sample (expected one of: line, "
	    "foreign, fields, findings)");
}

static void
test_unknown_key_quoted(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "\"le\\evels\": [INFO]\n", 3, 1, "unknown key "
	    "'le\\x1bvels' in rule file (expected one of: " ROOT_KEYS ")");
}

static void
test_duplicate_key(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "emoji: none\nformat: u\n", 4, 1, "duplicate key "
	    "'format' (first at line 1, column 1)");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x, level: y}"
	    "\n    expect: {level: y}\n    message: m\n", 5, 22, "duplicate "
	    "key 'level' (first at line 5, column 12)");
	EXPECT_ERROR(BASE "severities:\n  level: off\n  level: error\n", 5,
	    3, "duplicate key 'level' (first at line 4, column 3)");
}

static void
test_key_not_a_string(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "? [a]\n: b\n", 3, 3, "a key in rule file must be a "
	    "string, not a list");
}

static void
test_wrong_kinds(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "levels: {INFO: 1}\n", 3, 9,
	    "'levels' must be a list, not a mapping");
	EXPECT_ERROR("format: [t]\nline: a\n", 1, 9,
	    "'format' must be a string, not a list");
	EXPECT_ERROR(BASE "description:\n", 3, 13,
	    "'description' has no value");
	EXPECT_ERROR(BASE "description: ~\n", 3, 14,
	    "'description' must be a string, not null");
	EXPECT_ERROR(BASE "checks: {a: 1}\n", 3, 9,
	    "'checks' must be a list, not a mapping");
	EXPECT_ERROR(BASE "checks: [a]\n", 3, 10,
	    "each entry of 'checks' must be a mapping, not a string");
	EXPECT_ERROR(BASE "levels: [INFO, [WARN]]\n", 3, 16,
	    "each entry of 'levels' must be a string, not a list");
	EXPECT_ERROR(BASE "severities:\n", 3, 12,
	    "'severities' has no value (expected a mapping)");
}

static void
test_root_not_mapping(void **state)
{
	(void)state;
	EXPECT_ERROR("- format: t\n", 1, 1,
	    "a rule file must be a mapping of keys, not a list");
	EXPECT_ERROR("just text\n", 1, 1,
	    "a rule file must be a mapping of keys, not a string");
}

static void
test_bad_enums(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "emoji: yes\n", 3, 8,
	    "'emoji' must be one of none, optional, required");
	EXPECT_ERROR(BASE "streams: [both]\n", 3, 10,
	    "'streams' must be one of both, stdout, stderr, any");
	EXPECT_ERROR(BASE "foreign: Report\n", 3, 10,
	    "'foreign' must be one of allow, report, fail");
}

static void
test_missing_required(void **state)
{
	(void)state;
	EXPECT_ERROR("# a comment\nline: a\n", 2, 1,
	    "missing required key 'format' in rule file");
	EXPECT_ERROR("format: t\ndescription: d\n", 1, 1,
	    "missing required key 'line' in rule file");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x}\n"
	    "    message: m\n", 4, 5,
	    "missing required key 'expect' in check");
	EXPECT_ERROR(BASE "samples:\n  - fields: {level: x}\n", 4, 5,
	    "missing required key 'line' in sample");
}

static void
test_bad_format_name(void **state)
{
	(void)state;
	EXPECT_ERROR("format: Run pod\nline: a\n", 1, 9,
	    "'format' must match [a-z0-9][a-z0-9._-]*");
	EXPECT_ERROR("format: -x\nline: a\n", 1, 9,
	    "'format' must match [a-z0-9][a-z0-9._-]*");
	EXPECT_ERROR("format: ''\nline: a\n", 1, 9,
	    "'format' must match [a-z0-9][a-z0-9._-]*");
}

static void
test_alias(void **state)
{
	(void)state;
	EXPECT_ERROR("format: t\nline: a\ndescription: *x\n", 3, 14,
	    "YAML anchors and aliases are not allowed");
}

static void
test_anchor(void **state)
{
	(void)state;
	EXPECT_ERROR("format: &name t\nline: a\n", 1, 9,
	    "YAML anchors and aliases are not allowed");
	EXPECT_ERROR(BASE "levels: &l [A]\n", 3, 9,
	    "YAML anchors and aliases are not allowed");
}

static void
test_two_documents(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "---\nformat: u\n", 3, 1,
	    "a rule file must hold only one YAML document");
	EXPECT_ERROR("---\n" BASE "...\n---\n", 5, 1,
	    "a rule file must hold only one YAML document");
}

static void
test_empty_file(void **state)
{
	(void)state;
	EXPECT_ERROR("", 1, 1, "empty rule file");
	EXPECT_ERROR("# nothing but a comment\n\n", 1, 1, "empty rule file");
	EXPECT_ERROR("---\n...\n", 1, 1, "empty rule file");
}

static void
test_missing_file(void **state)
{
	lc_error err;
	char path[4200];

	(void)state;
	snprintf(path, sizeof path, "%s/absent.yaml", tmp_dir);
	assert_null(rules_load(path, &err));
	assert_string_equal(err.source, path);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.text,
	    "cannot open rule file: No such file or directory");
	assert_null(rules_load(tmp_dir, &err));
	assert_string_equal(err.text, "cannot read rule file: Is a directory");
}

/* Nesting one level past the limit, and far past it. */
static void
test_deep_nesting(void **state)
{
	size_t prefix = strlen(BASE "checks: "), depth = 100000;
	size_t len = prefix + 2 * depth + 1;
	char *text = malloc(len + 1);
	lc_error err;

	(void)state;
	assert_non_null(text);
	memcpy(text, BASE "checks: ", prefix);
	for (int round = 0; round < 2; round++) {
		size_t levels = round == 0 ? 64 : depth;
		size_t at = prefix;
		for (size_t i = 0; i < levels; i++)
			text[at++] = '[';
		for (size_t i = 0; i < levels; i++)
			text[at++] = ']';
		text[at++] = '\n';
		/* The root mapping is level 1: the 64th '[' is level 65. */
		expect_error_len(text, at, 3, 9 + 63, "YAML nesting is deeper "
		    "than 64 levels", &err);
	}
	free(text);
}

static void
test_nesting_at_limit(void **state)
{
	(void)state;
	/* 63 levels of lists under the root mapping: deep but allowed. */
	char text[256];
	size_t at = 0;

	at += (size_t)snprintf(text, sizeof text, "%s", BASE "x: ");
	for (int i = 0; i < 63; i++)
		text[at++] = '[';
	for (int i = 0; i < 63; i++)
		text[at++] = ']';
	text[at++] = '\n';
	/* It parses, so the walker sees the unknown key. */
	expect_error_len(text, at, 3, 1, "unknown key 'x' in rule file "
	    "(expected one of: " ROOT_KEYS ")", NULL);
}

static void
test_bad_pattern_plain(void **state)
{
	lc_error err;

	(void)state;
	expect_error_len("format: t\nline: ^(?<time>\\d+ x\n",
	    sizeof "format: t\nline: ^(?<time>\\d+ x\n" - 1, 2, 21,
	    "invalid pattern in 'line': missing closing parenthesis (at "
	    "pattern offset 14)", &err);
	assert_string_equal(err.excerpt, "^(?<time>\\d+ x");
	assert_int_equal(err.caret, 14);
}

static void
test_bad_pattern_quoted(void **state)
{
	(void)state;
	/* Single quotes: one column for the quote. */
	EXPECT_ERROR("format: t\nline: 'ab[c'\n", 2, 12,
	    "invalid pattern in 'line': missing terminating ] for character "
	    "class (at pattern offset 4)");
	/* Columns count characters, offsets bytes. */
	EXPECT_ERROR("format: t\nline: '\xc3\xa9\xc3\xa9)'\n", 2, 10,
	    "invalid pattern in 'line': unmatched closing parenthesis (at "
	    "pattern offset 4)");
	/* Double quotes without escapes: exact too. */
	EXPECT_ERROR("format: t\nline: \"a{2,1}\"\n", 2, 13,
	    "invalid pattern in 'line': numbers out of order in {} quantifier "
	    "(at pattern offset 5)");
}

static void
test_bad_pattern_not_verbatim(void **state)
{
	(void)state;
	/* An escape or a '' makes the source longer: point at the start. */
	EXPECT_ERROR("format: t\nline: \"\\\\d)\"\n", 2, 7,
	    "invalid pattern in 'line': unmatched closing parenthesis (at "
	    "pattern offset 2)");
	EXPECT_ERROR("format: t\nline: 'it''s)'\n", 2, 7,
	    "invalid pattern in 'line': unmatched closing parenthesis (at "
	    "pattern offset 4)");
	EXPECT_ERROR("format: t\nline: |\n  a)\n", 2, 7,
	    "invalid pattern in 'line': unmatched closing parenthesis (at "
	    "pattern offset 1)");
}

static void
test_bad_time_format(void **state)
{
	lc_error err;
	const char text[] = BASE "time: '%H:%M:%Q'\n";

	(void)state;
	expect_error_len(text, sizeof text - 1, 3, 14, "invalid time format "
	    "in 'time': unknown conversion '%Q' (at format offset 6)", &err);
	assert_string_equal(err.excerpt, "%H:%M:%Q");
	assert_int_equal(err.caret, 6);
}

static void
test_missing_groups(void **state)
{
	(void)state;
	EXPECT_ERROR("format: t\nline: '^(?<message>.*)'\ntime: '%H'\n", 3, 1,
	    "'time' needs a named group (?<time>...) in 'line'");
	EXPECT_ERROR("format: t\nline: '^(?<message>.*)'\nlevels: [A]\n", 3,
	    1, "'levels' needs a named group (?<level>...) in 'line'");
	EXPECT_ERROR("format: t\nline: '^(?<level>\\w+)'\nemoji: required\n",
	    3, 1, "'emoji' needs a named group (?<message>...) in 'line'");
}

static void
test_emoji_none_without_message(void **state)
{
	rules *r = LOAD("format: t\nline: '^x'\nemoji: none\n");

	(void)state;
	assert_int_equal(r->emoji, EMOJI_NONE);
	rules_free(r);
}

static void
test_empty_levels(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "levels: []\n", 3, 9, "'levels' must not be empty "
	    "(leave it out to allow any level)");
}

static void
test_group_clashes(void **state)
{
	lc_error err;
	const char text[] = "format: t\nline: '(?<stream>\\w+) (?<m>.*)'\n";

	(void)state;
	expect_error_len(text, sizeof text - 1, 2, 11, "named group 'stream' "
	    "in 'line' clashes with the built-in field 'stream' (at pattern "
	    "offset 3)", &err);
	assert_int_equal(err.caret, 3);
	EXPECT_ERROR("format: t\nline: '(?J)(?<level>a)|(?<level>b)'\n", 2, 15,
	    "named group 'level' appears more than once in 'line' (at "
	    "pattern offset 7)");
}

static void
test_check_unknown_field(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {lvl: x}\n"
	    "    expect: {level: y}\n    message: m\n", 5, 12, "unknown field "
	    "'lvl' in 'when' (fields: emoji, level, line, message, stream, "
	    "time)");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x}\n"
	    "    expect: {Level: y}\n    message: m\n", 6, 14, "unknown field "
	    "'Level' in 'expect' (fields: emoji, level, line, message, stream, "
	    "time)");
}

static void
test_check_ambiguous_field(void **state)
{
	(void)state;
	EXPECT_ERROR("format: t\nline: '(?J)(?<x>a)|(?<x>b)'\nchecks:\n"
	    "  - id: a\n    when: {x: a}\n    expect: {line: b}\n"
	    "    message: m\n", 5, 12, "field 'x' in 'when' names more than "
	    "one group of 'line'");
}

static void
test_check_ids(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "checks:\n  - id: Bad_Id\n    when: {level: x}\n"
	    "    expect: {level: y}\n    message: m\n", 4, 9,
	    "check id 'Bad_Id' must match [a-z0-9][a-z0-9-]*");
	EXPECT_ERROR(BASE "checks:\n  - id: time-order\n    when: {level: x}\n"
	    "    expect: {level: y}\n    message: m\n", 4, 9,
	    "check id 'time-order' is a built-in finding id");
	EXPECT_ERROR(BASE "checks:\n"
	    "  - {id: b, when: {level: x}, expect: {level: y}, message: m}\n"
	    "  - {id: a, when: {level: x}, expect: {level: y}, message: m}\n"
	    "  - {id: b, when: {level: x}, expect: {level: y}, message: m}\n"
	    "  - {id: a, when: {level: x}, expect: {level: y}, message: m}\n",
	    6, 5, "duplicate check id 'b' (first at line 4, column 5)");
}

static void
test_check_severity(void **state)
{
	rules *r;

	(void)state;
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    severity: off\n"
	    "    when: {level: x}\n    expect: {level: y}\n    message: m\n",
	    5, 15, "'severity' must be one of error, warning");
	r = LOAD(BASE "checks:\n  - id: a\n    severity: warning\n"
	    "    when: {level: x}\n    expect: {level: y}\n    message: m\n");
	assert_int_equal(r->checks[0].severity, SEVERITY_WARNING);
	rules_free(r);
}

static void
test_check_conditions(void **state)
{
	lc_error err;
	const char bad_regex[] = BASE "checks:\n  - id: a\n"
	    "    when: {message: '^(x'}\n    expect: {level: [y]}\n"
	    "    message: m\n";

	(void)state;
	expect_error_len(bad_regex, sizeof bad_regex - 1, 5, 25,
	    "invalid pattern for 'message' in 'when': missing closing "
	    "parenthesis (at pattern offset 3)", &err);
	assert_string_equal(err.excerpt, "^(x");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {}\n"
	    "    expect: {level: y}\n    message: m\n", 5, 11,
	    "'when' must not be empty");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: []}\n"
	    "    expect: {level: y}\n    message: m\n", 5, 19,
	    "condition on 'level' in 'when' must not be an empty list");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: {a: b}}\n"
	    "    expect: {level: y}\n    message: m\n", 5, 19,
	    "condition on 'level' in 'when' must be a pattern or a list of "
	    "strings, not a mapping");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: [a, [b]]}\n"
	    "    expect: {level: y}\n    message: m\n", 5, 23,
	    "each entry of the condition on 'level' in 'when' must be a "
	    "string, not a list");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x}\n"
	    "    expect: [level]\n    message: m\n", 6, 13,
	    "'expect' must be a mapping, not a list");
	EXPECT_ERROR(BASE "checks:\n  - id: a\n    when: {level: x}\n"
	    "    expect: {level: y}\n    message: ''\n", 7, 14,
	    "'message' must not be empty");
}

static void
test_severities(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "severities:\n  control-chars: off\n", 4, 3,
	    "unknown finding id 'control-chars' in 'severities' (expected "
	    "one of: foreign, time-format, time-order, level, emoji, "
	    "stream-pairing, stream-policy, encoding, nul-byte, control-char, "
	    "line-too-long, empty-stream, no-log-lines, match-limit, "
	    "container-record, flush-timing, json-syntax, logfmt-syntax, "
	    "duplicate-key, key-missing, key-forbidden, key-type, key-order, "
	    "string-escape, decode-limit, foreign-share)");
	EXPECT_ERROR(BASE "severities:\n  no-log-lines: warning\n", 4, 3,
	    "the severity of 'no-log-lines' cannot be changed");
	EXPECT_ERROR(BASE "severities:\n  level: fatal\n", 4, 10,
	    "the severity of 'level' must be one of error, warning, off");
	EXPECT_ERROR(BASE "severities: [level]\n", 3, 13,
	    "'severities' must be a mapping, not a list");
}

static void
test_max_line(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "max-line: 63\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: 1073741825\n", 3, 11, "'max-line' must "
	    "be an integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: 999999999999999999999999999999\n", 3, 11,
	    "'max-line' must be an integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: 1e6\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: '4096'\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: -100\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: 2G\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	EXPECT_ERROR(BASE "max-line: 04096\n", 3, 11, "'max-line' must be an "
	    "integer from 64 to 1073741824 (bytes, or a number and K, M or G)");
	/* Sizes as jit-stack takes them. */
	static const struct {
		const char *text;
		size_t bytes;
	} sizes[] = { { "4M", 4194304 }, { "1G", 1073741824 },
		{ "64K", 65536 }, { "4096", 4096 } };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		char text[128];
		snprintf(text, sizeof text, BASE "max-line: %s\n",
		    sizes[i].text);
		rules *r = load_text(text, strlen(text));
		assert_non_null(r);
		assert_int_equal(r->max_line, sizes[i].bytes);
		rules_free(r);
	}
}

#define FLUSH_ERROR	"'flush' must be a duration from 1ms to 3600s, in " \
	"whole ms or s (e.g. 100ms, 2s)"

#define SHARE_ERROR	"'foreign-share' must be a percentage from 0% to " \
	"100%, or off"

/* foreign-share: a percentage or off; half by default but under allow. */
static void
test_foreign_share(void **state)
{
	rules *r;

	(void)state;
	r = LOAD(BASE);
	assert_int_equal(rules_foreign_share(r), 50);
	rules_free(r);
	r = LOAD(BASE "foreign: allow\n");
	assert_int_equal(rules_foreign_share(r), RULES_FOREIGN_SHARE_OFF);
	rules_free(r);
	r = LOAD(BASE "foreign: allow\nforeign-share: 80%\n");
	assert_int_equal(rules_foreign_share(r), 80);
	rules_free(r);
	r = LOAD(BASE "foreign-share: 0%\n");
	assert_int_equal(rules_foreign_share(r), 0);
	rules_free(r);
	r = LOAD(BASE "foreign-share: 100%\n");
	assert_int_equal(rules_foreign_share(r), 100);
	rules_free(r);
	r = LOAD(BASE "foreign-share: off\n");
	assert_int_equal(rules_foreign_share(r), RULES_FOREIGN_SHARE_OFF);
	rules_free(r);
	EXPECT_ERROR(BASE "foreign-share: 20\n", 3, 16, SHARE_ERROR);
	EXPECT_ERROR(BASE "foreign-share: 101%\n", 3, 16, SHARE_ERROR);
	EXPECT_ERROR(BASE "foreign-share: 0020%\n", 3, 16, SHARE_ERROR);
	EXPECT_ERROR(BASE "foreign-share: -5%\n", 3, 16, SHARE_ERROR);
	EXPECT_ERROR(BASE "foreign-share: [20%]\n", 3, 16, SHARE_ERROR);
}

static void
test_flush(void **state)
{
	rules *r;

	(void)state;
	r = LOAD(BASE);
	assert_int_equal(r->flush_ns, INT64_C(100000000));
	rules_free(r);
	r = LOAD(BASE "flush: 250ms\n");
	assert_int_equal(r->flush_ns, INT64_C(250000000));
	rules_free(r);
	r = LOAD(BASE "flush: 2s\n");
	assert_int_equal(r->flush_ns, INT64_C(2000000000));
	rules_free(r);
	r = LOAD(BASE "flush: 3600s\n");
	assert_int_equal(r->flush_ns, INT64_C(3600000000000));
	rules_free(r);
	EXPECT_ERROR(BASE "flush: 100\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: 0ms\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: 3601s\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: 1.5s\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: 100 ms\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: ms\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: -5ms\n", 3, 8, FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: 99999999999999999999999ms\n", 3, 8,
	    FLUSH_ERROR);
	EXPECT_ERROR(BASE "flush: [100ms]\n", 3, 8, FLUSH_ERROR);
}

static void
test_limits(void **state)
{
	rules *r;

	(void)state;
	r = LOAD(BASE);
	assert_int_equal(r->match_limit, 1000000);
	assert_int_equal(r->depth_limit, 100000);
	assert_int_equal(r->jit_stack, 1048576);
	rules_free(r);
	r = LOAD(BASE "limits: {match: 5000, depth: 4294967295, "
	    "jit-stack: 4M}\n");
	assert_int_equal(r->match_limit, 5000);
	assert_int_equal(r->depth_limit, 4294967295u);
	assert_int_equal(r->jit_stack, 4 * 1024 * 1024);
	rules_free(r);
	r = LOAD(BASE "limits:\n  jit-stack: 32768\n");
	assert_int_equal(r->match_limit, 1000000);
	assert_int_equal(r->jit_stack, 32768);
	rules_free(r);
	r = LOAD(BASE "limits: {jit-stack: 1G, match: 1}\n");
	assert_int_equal(r->jit_stack, 1024 * 1024 * 1024);
	assert_int_equal(r->match_limit, 1);
	rules_free(r);
}

static void
test_limits_errors(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "limits: 1000\n", 3, 9,
	    "'limits' must be a mapping, not a string");
	EXPECT_ERROR(BASE "limits: {steps: 1}\n", 3, 10, "unknown key "
	    "'steps' in 'limits' (expected one of: match, depth, jit-stack)");
	EXPECT_ERROR(BASE "limits: {match: 1, match: 2}\n", 3, 20,
	    "duplicate key 'match' (first at line 3, column 10)");
	/* 01000 would be octal to YAML 1.1: no leading zeros. */
	static const char *const bad_counts[] = { "0", "4294967296", "-5",
		"'10'", "1M", "", "01000", "00" };
	static const char *const bad_sizes[] = { "32767", "2G", "4MB", "K",
		"99999999999999999999999K", "'1M'", "04M" };
	char text[256];

	/* Each value stands at line 3, column 17 (counts) or 21 (sizes). */
	for (size_t i = 0; i < sizeof bad_counts / sizeof *bad_counts; i++) {
		snprintf(text, sizeof text, BASE "limits: {match: %s}\n",
		    bad_counts[i]);
		expect_error_len(text, strlen(text), 3, 17, "'match' in "
		    "'limits' must be an integer from 1 to 4294967295", NULL);
		snprintf(text, sizeof text, BASE "limits: {depth: %s}\n",
		    bad_counts[i]);
		expect_error_len(text, strlen(text), 3, 17, "'depth' in "
		    "'limits' must be an integer from 1 to 4294967295", NULL);
	}
	for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
		snprintf(text, sizeof text, BASE "limits: {jit-stack: %s}\n",
		    bad_sizes[i]);
		expect_error_len(text, strlen(text), 3, 21, "'jit-stack' in "
		    "'limits' must be a size from 32K to 1G (bytes, or a "
		    "number and K, M or G)", NULL);
	}
	/* Block style: the column is the value's own. */
	EXPECT_ERROR(BASE "limits:\n  depth: '10'\n", 4, 10, "'depth' in "
	    "'limits' must be an integer from 1 to 4294967295");
}

static void
test_samples(void **state)
{
	rules *r;

	(void)state;
	r = LOAD(BASE "samples:\n  - line: 'x y: z'\n    fields: {emoji: '',"
	    " line: 'x y: z', level: y}\n  - line: abc\n"
	    "    foreign: True\n  - line: x\n    foreign: false\n");
	assert_int_equal(r->sample_count, 3);
	assert_int_equal(r->samples[0].field_count, 3);
	assert_string_equal(r->samples[0].field_names[0], "emoji");
	assert_string_equal(r->samples[0].field_values[0], "");
	assert_string_equal(r->samples[0].field_names[1], "line");
	assert_string_equal(r->samples[0].field_values[1], "x y: z");
	assert_true(r->samples[1].foreign);
	assert_int_equal(r->samples[1].mark.line, 6);
	assert_int_equal(r->samples[1].mark.column, 5);
	assert_false(r->samples[2].foreign);
	rules_free(r);
}

static void
test_sample_errors(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    fields: {lvl: x}\n", 5,
	    14, "unknown field 'lvl' in 'fields' (fields: emoji, level, line, "
	    "message, stream, time)");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    fields: {level: [x]}\n",
	    5, 21, "the value of field 'level' must be a string, not a list");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    findings: [levels]\n",
	    5, 16, "unknown finding id 'levels' in 'findings' (neither "
	    "built-in nor a check's id)");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    foreign: 'true'\n", 5,
	    14, "'foreign' must be true or false");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    foreign: yes\n", 5, 14,
	    "'foreign' must be true or false");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    foreign: true\n"
	    "    fields: {level: x}\n", 6, 5,
	    "a foreign sample cannot have 'fields'");
	EXPECT_ERROR(BASE "samples:\n  - line: x\n    fields: {stream: stdout}"
	    "\n", 5, 14, "a sample has no stream: 'stream' cannot be one of "
	    "its 'fields'");
	EXPECT_ERROR(BASE "samples: x\n", 3, 10,
	    "'samples' must be a list, not a string");
}

static void
test_sample_finding_of_a_check(void **state)
{
	rules *r;

	(void)state;
	/* Samples may come first in the file and name later checks. */
	r = LOAD(BASE "samples:\n  - line: 'a b: c'\n    findings: [mine, "
	    "level]\nchecks:\n  - {id: mine, when: {level: b}, expect: "
	    "{level: c}, message: m}\n");
	assert_int_equal(r->samples[0].finding_count, 2);
	assert_string_equal(r->samples[0].findings[0], "mine");
	rules_free(r);
}

static void
test_nul_character(void **state)
{
	(void)state;
	EXPECT_ERROR(BASE "description: \"a\\0b\"\n", 3, 14,
	    "'description' must not contain a NUL character");
	EXPECT_ERROR(BASE "samples:\n  - line: \"\\0\"\n", 4, 11,
	    "'line' of a sample must not contain a NUL character");
}

static void
test_null_error(void **state)
{
	(void)state;
	assert_null(rules_load(write_rules("format: [", 9), NULL));
	assert_null(rules_load(write_rules("format: t\nline: '('\n", 19),
	    NULL));
}

static void
test_error_cleared_on_success(void **state)
{
	lc_error err;
	rules *r;

	(void)state;
	memset(&err, 'x', sizeof err);
	r = rules_load(write_rules(BASE, sizeof BASE - 1), &err);
	assert_non_null(r);
	assert_string_equal(err.text, "");
	assert_int_equal(err.line, 0);
	rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_full_file),
		cmocka_unit_test(test_runpod),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_defaults_without_message),
		cmocka_unit_test(test_enum_values),
		cmocka_unit_test(test_quoted_keys_and_flow_style),
		cmocka_unit_test(test_yaml_syntax_error),
		cmocka_unit_test(test_invalid_text),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_unknown_key_quoted),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_key_not_a_string),
		cmocka_unit_test(test_wrong_kinds),
		cmocka_unit_test(test_root_not_mapping),
		cmocka_unit_test(test_bad_enums),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_bad_format_name),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_anchor),
		cmocka_unit_test(test_two_documents),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_nesting_at_limit),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_limits_errors),
		cmocka_unit_test(test_bad_pattern_plain),
		cmocka_unit_test(test_bad_pattern_quoted),
		cmocka_unit_test(test_bad_pattern_not_verbatim),
		cmocka_unit_test(test_bad_time_format),
		cmocka_unit_test(test_missing_groups),
		cmocka_unit_test(test_emoji_none_without_message),
		cmocka_unit_test(test_empty_levels),
		cmocka_unit_test(test_group_clashes),
		cmocka_unit_test(test_check_unknown_field),
		cmocka_unit_test(test_check_ambiguous_field),
		cmocka_unit_test(test_check_ids),
		cmocka_unit_test(test_check_severity),
		cmocka_unit_test(test_check_conditions),
		cmocka_unit_test(test_severities),
		cmocka_unit_test(test_max_line),
		cmocka_unit_test(test_foreign_share),
		cmocka_unit_test(test_flush),
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_sample_errors),
		cmocka_unit_test(test_sample_finding_of_a_check),
		cmocka_unit_test(test_nul_character),
		cmocka_unit_test(test_null_error),
		cmocka_unit_test(test_error_cleared_on_success),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
