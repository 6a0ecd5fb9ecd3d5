/*
 * Unit tests for output: reports built by hand, written as text, JSON and
 * GitHub annotations, and compared byte for byte.
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

#include <cmocka.h>
#include <jansson.h>

#include "config.h"
#include "report/output.h"
#include "judge/report.h"
#include "util/xalloc.h"

/* The report of the running test and its output, freed by the teardown. */
static report *rep;
static char *written;

static int
output_teardown(void **state)
{
	(void)state;
	report_free(rep);
	rep = NULL;
	free(written);
	written = NULL;
	return 0;
}

/* What output_check writes, NUL-terminated (the report holds no NUL). */
static const char *
render(output_format format, bool color)
{
	size_t size = 0;
	FILE *out;

	free(written);
	written = NULL;
	out = open_memstream(&written, &size);
	assert_non_null(out);
	assert_int_equal(output_check(out, rep, format, color), 0);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(strlen(written), size);
	return written;
}

static void
add(const char *file, unsigned long line, unsigned long column,
    const char *rule, rules_severity severity, const char *message,
    const char *excerpt, size_t caret)
{
	report_add(rep, file, line, column, rule, severity, xstrdup(message),
	    excerpt != NULL ? xstrdup(excerpt) : NULL, caret);
}

static void
count(lc_stream stream, judge_kind kind, int times)
{
	for (int i = 0; i < times; i++)
		report_count_line(rep, stream, kind, 1);
}

static void
level(const char *name, int times)
{
	for (int i = 0; i < times; i++)
		report_count_level(rep, name, strlen(name));
}

/*
 * A capture directory "cap": stdout 2 conforming, 1 violating, 1 foreign;
 * stderr 2 conforming, 1 violating.  Three findings, added out of order.
 */
static void
build_dir_report(size_t max_findings)
{
	char name[] = "cap", out[] = "cap/stdout.log", err[] = "cap/stderr.log";
	capture c = {
		.name = name,
		.sources = {
			{ .path = out, .stream = LC_STREAM_STDOUT },
			{ .path = err, .stream = LC_STREAM_STDERR },
		},
		.source_count = 2, .has_stdout = true, .has_stderr = true,
	};

	rep = report_new("runpod", "rules/runpod.yaml", max_findings);
	report_begin_capture(rep, &c);
	report_set_pairing(rep, "checked");
	count(LC_STREAM_STDOUT, LINE_CONFORMING, 2);
	count(LC_STREAM_STDOUT, LINE_VIOLATING, 1);
	count(LC_STREAM_STDOUT, LINE_FOREIGN, 1);
	count(LC_STREAM_STDERR, LINE_CONFORMING, 2);
	count(LC_STREAM_STDERR, LINE_VIOLATING, 1);
	level("INFO", 3);
	level("ERROR", 1);
	add("cap/stderr.log", 2, 12, "level", SEVERITY_ERROR,
	    "level 'DEBUG' is not one of INFO, WARN, ERROR",
	    "[14:06:00] DEBUG: x", 11);
	add("cap/stdout.log", 4, 1, "foreign", SEVERITY_WARNING,
	    "line does not match the runpod line format", "pip install", 0);
	add("cap/stdout.log", 3, 12, "level", SEVERITY_ERROR,
	    "level 'DEBUG' is not one of INFO, WARN, ERROR",
	    "[14:06:00] DEBUG: x", 11);
	report_sort(rep);
}

static void
test_text(void **state)
{
	(void)state;
	build_dir_report(0);
	assert_string_equal(render(OUTPUT_TEXT, false),
	    "logcompat check: rules runpod (rules/runpod.yaml)\n"
	    "capture cap: stream pairing checked\n"
	    "total:  7 lines: 4 conforming, 2 violating, 1 foreign\n"
	    "stdout: 4 lines: 2 conforming, 1 violating, 1 foreign\n"
	    "stderr: 3 lines: 2 conforming, 1 violating, 0 foreign\n"
	    "levels: INFO 3, ERROR 1\n"
	    "findings: 2 errors, 1 warning: level 2, foreign 1\n"
	    "\n"
	    "cap/stdout.log:3:12: level: level 'DEBUG' is not one of INFO, "
	    "WARN, ERROR\n"
	    "    [14:06:00] DEBUG: x\n"
	    "               ^\n"
	    "\n"
	    "cap/stderr.log:2:12: level: level 'DEBUG' is not one of INFO, "
	    "WARN, ERROR\n"
	    "    [14:06:00] DEBUG: x\n"
	    "               ^\n"
	    "\n"
	    "cap/stdout.log:4:1: foreign: line does not match the runpod "
	    "line format [warning]\n"
	    "    pip install\n"
	    "    ^\n"
	    "\n"
	    "verdict: fail\n");
}

/* Colour only when asked: the same text with SGR sequences around parts. */
static void
test_text_color(void **state)
{
	const char *text;

	(void)state;
	build_dir_report(0);
	text = render(OUTPUT_TEXT, false);
	assert_null(strchr(text, '\033'));
	text = render(OUTPUT_TEXT, true);
	assert_non_null(strstr(text,
	    "\033[1mlogcompat check\033[0m: rules runpod"));
	assert_non_null(strstr(text, "\033[1mcap/stdout.log:3:12:\033[0m "
	    "\033[1;31mlevel\033[0m: level 'DEBUG'"));
	assert_non_null(strstr(text, "\033[1;33mforeign\033[0m: line does "
	    "not match the runpod line format [warning]\n"));
	assert_non_null(strstr(text, "    \033[1;31m^\033[0m\n"));
	assert_non_null(strstr(text, "\nverdict: \033[1;31mfail\033[0m\n"));
}

static void
test_text_pass_and_file_level(void **state)
{
	char name[] = "run", out[] = "run/stdout.log", err[] = "run/stderr.log";
	capture c = {
		.name = name,
		.sources = {
			{ .path = out, .stream = LC_STREAM_STDOUT },
			{ .path = err, .stream = LC_STREAM_STDERR },
		},
		.source_count = 2, .has_stdout = true, .has_stderr = true,
	};

	(void)state;
	rep = report_new("runpod", "/usr/share/logcompat/rules/runpod.yaml", 0);
	report_begin_capture(rep, &c);
	report_set_pairing(rep, "not required by the rules");
	count(LC_STREAM_STDOUT, LINE_CONFORMING, 1);
	add("run/stderr.log", 0, 0, "empty-stream", SEVERITY_WARNING,
	    "stderr is empty", NULL, 0);
	report_sort(rep);
	assert_string_equal(render(OUTPUT_TEXT, false),
	    "logcompat check: rules runpod "
	    "(/usr/share/logcompat/rules/runpod.yaml)\n"
	    "capture run: stream pairing not required by the rules\n"
	    "total:  1 line: 1 conforming, 0 violating, 0 foreign\n"
	    "stdout: 1 line: 1 conforming, 0 violating, 0 foreign\n"
	    "levels: none\n"
	    "findings: 0 errors, 1 warning: empty-stream 1\n"
	    "\n"
	    "run/stderr.log: empty-stream: stderr is empty [warning]\n"
	    "\n"
	    "verdict: pass\n");
}

/* The stream of a single file is "unknown", and its label says so whole. */
static void
test_text_unknown_stream(void **state)
{
	char path[] = "worker.log";
	capture c = {
		.name = path,
		.sources = { { .path = path, .stream = LC_STREAM_UNKNOWN } },
		.source_count = 1,
	};

	(void)state;
	rep = report_new("runpod", "runpod.yaml", 0);
	report_begin_capture(rep, &c);
	report_set_pairing(rep, "not checked: the stream is unknown");
	count(LC_STREAM_UNKNOWN, LINE_CONFORMING, 2);
	count(LC_STREAM_UNKNOWN, LINE_FOREIGN, 1);
	level("INFO", 2);
	assert_string_equal(render(OUTPUT_TEXT, false),
	    "logcompat check: rules runpod (runpod.yaml)\n"
	    "capture worker.log: stream pairing not checked: the stream is "
	    "unknown\n"
	    "total:  3 lines: 2 conforming, 0 violating, 1 foreign\n"
	    "unknown: 3 lines: 2 conforming, 0 violating, 1 foreign\n"
	    "levels: INFO 2\n"
	    "findings: 0 errors, 0 warnings\n"
	    "\n"
	    "verdict: pass\n");
}

static void
test_text_empty_report(void **state)
{
	(void)state;
	rep = report_new("go-log", "go-log.yaml", 0);
	assert_string_equal(render(OUTPUT_TEXT, false),
	    "logcompat check: rules go-log (go-log.yaml)\n"
	    "total:  0 lines: 0 conforming, 0 violating, 0 foreign\n"
	    "levels: none\n"
	    "findings: 0 errors, 0 warnings\n"
	    "\n"
	    "verdict: pass\n");
}

/*
 * Findings past --max-findings are counted, not listed, errors listed
 * first; categories follow the order of the listed findings.
 */
static void
test_text_max_findings(void **state)
{
	const char *text;

	(void)state;
	build_dir_report(2);
	assert_int_equal(rep->finding_count, 2);
	text = render(OUTPUT_TEXT, false);
	assert_non_null(strstr(text,
	    "findings: 2 errors, 1 warning: level 2, foreign 1\n"));
	assert_non_null(strstr(text, "\n... 1 more finding not listed "
	    "(--max-findings 2)\n\nverdict: fail\n"));
	assert_non_null(strstr(text, "cap/stdout.log:3:12"));
	assert_non_null(strstr(text, "cap/stderr.log:2:12"));
	assert_null(strstr(text, "cap/stdout.log:4:1"));
}

/* One error, one warning: no plural s. */
static void
test_text_plurals(void **state)
{
	(void)state;
	rep = report_new("t", "t.yaml", 0);
	add("a.log", 1, 1, "level", SEVERITY_ERROR, "m", "x", 0);
	add("a.log", 2, 1, "foreign", SEVERITY_WARNING, "m", "x", 0);
	add("a.log", 3, 1, "foreign", SEVERITY_WARNING, "m", "x", 0);
	report_sort(rep);
	assert_non_null(strstr(render(OUTPUT_TEXT, false),
	    "\nfindings: 1 error, 2 warnings: level 1, foreign 2\n"));
	add("a.log", 4, 1, "level", SEVERITY_ERROR, "m", "x", 0);
	add("a.log", 5, 1, "control-char", SEVERITY_WARNING, "m", "x", 0);
	add("a.log", 6, 1, "control-char", SEVERITY_WARNING, "m", "x", 0);
	report_sort(rep);
	assert_non_null(strstr(render(OUTPUT_TEXT, false),
	    "\nfindings: 2 errors, 4 warnings: level 2, foreign 2, "
	    "control-char 2\n"));
}

static void
test_text_other_levels(void **state)
{
	char name[16];

	(void)state;
	build_dir_report(0);
	for (int i = 0; i < 70; i++) {
		snprintf(name, sizeof name, "L%d", i);
		level(name, 1);
	}
	level("L69", 1);
	assert_non_null(strstr(render(OUTPUT_TEXT, false),
	    "levels: INFO 3, ERROR 1, L0 1, "));
	assert_non_null(strstr(written, ", L61 1, (other) 9\n"));
	assert_null(strstr(written, "L62"));
}

static void
test_json(void **state)
{
	(void)state;
	build_dir_report(0);
	assert_string_equal(render(OUTPUT_JSON, false),
	    "{\n"
	    "  \"command\": \"check\",\n"
	    "  \"version\": \"" PACKAGE_VERSION "\",\n"
	    "  \"verdict\": \"fail\",\n"
	    "  \"rules\": {\n"
	    "    \"format\": \"runpod\",\n"
	    "    \"path\": \"rules/runpod.yaml\"\n"
	    "  },\n"
	    "  \"summary\": {\n"
	    "    \"lines\": 7,\n"
	    "    \"conforming\": 4,\n"
	    "    \"violations\": 2,\n"
	    "    \"foreign\": 1,\n"
	    "    \"errors\": 2,\n"
	    "    \"warnings\": 1,\n"
	    "    \"findings\": 3,\n"
	    "    \"findings_listed\": 3,\n"
	    "    \"findings_not_listed\": 0\n"
	    "  },\n"
	    "  \"levels\": {\n"
	    "    \"INFO\": 3,\n"
	    "    \"ERROR\": 1\n"
	    "  },\n"
	    "  \"streams\": {\n"
	    "    \"stdout\": {\n"
	    "      \"lines\": 4,\n"
	    "      \"conforming\": 2,\n"
	    "      \"violations\": 1,\n"
	    "      \"foreign\": 1\n"
	    "    },\n"
	    "    \"stderr\": {\n"
	    "      \"lines\": 3,\n"
	    "      \"conforming\": 2,\n"
	    "      \"violations\": 1,\n"
	    "      \"foreign\": 0\n"
	    "    }\n"
	    "  },\n"
	    "  \"categories\": {\n"
	    "    \"level\": {\n"
	    "      \"severity\": \"error\",\n"
	    "      \"count\": 2\n"
	    "    },\n"
	    "    \"foreign\": {\n"
	    "      \"severity\": \"warning\",\n"
	    "      \"count\": 1\n"
	    "    }\n"
	    "  },\n"
	    "  \"captures\": [\n"
	    "    {\n"
	    "      \"name\": \"cap\",\n"
	    "      \"stdout\": \"cap/stdout.log\",\n"
	    "      \"stderr\": \"cap/stderr.log\",\n"
	    "      \"file\": null,\n"
	    "      \"pairing\": \"checked\",\n"
	    "      \"lines\": 7,\n"
	    "      \"conforming\": 4,\n"
	    "      \"violations\": 2,\n"
	    "      \"foreign\": 1\n"
	    "    }\n"
	    "  ],\n"
	    "  \"findings\": [\n"
	    "    {\n"
	    "      \"file\": \"cap/stdout.log\",\n"
	    "      \"line\": 3,\n"
	    "      \"column\": 12,\n"
	    "      \"rule\": \"level\",\n"
	    "      \"severity\": \"error\",\n"
	    "      \"message\": \"level 'DEBUG' is not one of INFO, WARN, "
	    "ERROR\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"file\": \"cap/stderr.log\",\n"
	    "      \"line\": 2,\n"
	    "      \"column\": 12,\n"
	    "      \"rule\": \"level\",\n"
	    "      \"severity\": \"error\",\n"
	    "      \"message\": \"level 'DEBUG' is not one of INFO, WARN, "
	    "ERROR\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"file\": \"cap/stdout.log\",\n"
	    "      \"line\": 4,\n"
	    "      \"column\": 1,\n"
	    "      \"rule\": \"foreign\",\n"
	    "      \"severity\": \"warning\",\n"
	    "      \"message\": \"line does not match the runpod line "
	    "format\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	/* Colour never reaches JSON. */
	assert_null(strchr(render(OUTPUT_JSON, true), '\033'));
}

static void
test_json_empty_report(void **state)
{
	(void)state;
	rep = report_new("go-log", "go-log.yaml", 0);
	assert_string_equal(render(OUTPUT_JSON, false),
	    "{\n"
	    "  \"command\": \"check\",\n"
	    "  \"version\": \"" PACKAGE_VERSION "\",\n"
	    "  \"verdict\": \"pass\",\n"
	    "  \"rules\": {\n"
	    "    \"format\": \"go-log\",\n"
	    "    \"path\": \"go-log.yaml\"\n"
	    "  },\n"
	    "  \"summary\": {\n"
	    "    \"lines\": 0,\n"
	    "    \"conforming\": 0,\n"
	    "    \"violations\": 0,\n"
	    "    \"foreign\": 0,\n"
	    "    \"errors\": 0,\n"
	    "    \"warnings\": 0,\n"
	    "    \"findings\": 0,\n"
	    "    \"findings_listed\": 0,\n"
	    "    \"findings_not_listed\": 0\n"
	    "  },\n"
	    "  \"levels\": {},\n"
	    "  \"streams\": {},\n"
	    "  \"categories\": {},\n"
	    "  \"captures\": [],\n"
	    "  \"findings\": []\n"
	    "}\n");
}

/* Untrusted bytes become U+FFFD, control characters are escaped. */
static void
test_json_untrusted_bytes(void **state)
{
	char name[] = "cap\xff", out[] = "cap\xff/stdout.log";
	capture c = {
		.name = name,
		.sources = { { .path = out, .stream = LC_STREAM_STDOUT } },
		.source_count = 1, .has_stdout = true,
	};
	json_error_t error;
	json_t *root, *f;
	const char *text;

	(void)state;
	rep = report_new("runpod", "rules/\xc3(.yaml", 0);
	report_begin_capture(rep, &c);
	report_set_pairing(rep, "not checked: no stderr was captured");
	count(LC_STREAM_STDOUT, LINE_VIOLATING, 1);
	level("WA\xe9RN", 1);
	add("cap\xff/stdout.log", 1, 5, "level", SEVERITY_ERROR,
	    "level 'WA\xe9RN' is \x1b[1mbad\x1b[0m\tand \"quoted\"\\", NULL, 0);
	add("cap\xff", 0, 0, "no-log-lines", SEVERITY_ERROR,
	    "caf\xc3\xa9 \xf0\x9f\x9a\x80 \xed\xa0\x80 end", NULL, 0);
	report_sort(rep);
	text = render(OUTPUT_JSON, false);

	assert_non_null(strstr(text, "\"message\": \"level 'WA\xef\xbf\xbdRN' "
	    "is \\u001B[1mbad\\u001B[0m\\tand \\\"quoted\\\"\\\\\"\n"));
	/* Valid UTF-8 stays; a surrogate's three bytes are three U+FFFD. */
	assert_non_null(strstr(text, "\"message\": \"caf\xc3\xa9 "
	    "\xf0\x9f\x9a\x80 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end\"\n"));
	assert_non_null(strstr(text, "\"path\": \"rules/\xef\xbf\xbd(.yaml\""));
	assert_non_null(strstr(text, "\"WA\xef\xbf\xbdRN\": 1"));
	assert_non_null(strstr(text, "\"name\": \"cap\xef\xbf\xbd\""));
	assert_non_null(strstr(text,
	    "\"stdout\": \"cap\xef\xbf\xbd/stdout.log\""));

	/* And it is JSON that parses back. */
	root = json_loads(text, 0, &error);
	if (root == NULL)
		fail_msg("JSON does not parse: %d:%d: %s", error.line,
		    error.column, error.text);
	f = json_array_get(json_object_get(root, "findings"), 1);
	assert_string_equal(json_string_value(json_object_get(f, "file")),
	    "cap\xef\xbf\xbd");
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 0);
	assert_int_equal(json_integer_value(json_object_get(f, "column")), 0);
	assert_string_equal(json_string_value(json_object_get(f, "rule")),
	    "no-log-lines");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(json_object_get(root, "captures"), 0), "pairing")),
	    "not checked: no stderr was captured");
	assert_true(json_is_null(json_object_get(json_array_get(
	    json_object_get(root, "captures"), 0), "stderr")));
	json_decref(root);
}

static void
test_json_max_findings(void **state)
{
	json_t *root, *summary;

	(void)state;
	build_dir_report(1);
	root = json_loads(render(OUTPUT_JSON, false), 0, NULL);
	assert_non_null(root);
	summary = json_object_get(root, "summary");
	assert_int_equal(json_integer_value(json_object_get(summary,
	    "findings")), 3);
	assert_int_equal(json_integer_value(json_object_get(summary,
	    "findings_listed")), 1);
	assert_int_equal(json_array_size(json_object_get(root, "findings")), 1);
	json_decref(root);
}

static void
test_github(void **state)
{
	(void)state;
	build_dir_report(0);
	add("cap", 0, 0, "no-log-lines", SEVERITY_ERROR,
	    "no line of this capture matches the runpod line format", NULL, 0);
	report_sort(rep);
	assert_string_equal(render(OUTPUT_GITHUB, false),
	    "::error file=cap/stdout.log,line=3,col=12,title=level::level "
	    "'DEBUG' is not one of INFO, WARN, ERROR\n"
	    "::error file=cap/stderr.log,line=2,col=12,title=level::level "
	    "'DEBUG' is not one of INFO, WARN, ERROR\n"
	    "::error file=cap,title=no-log-lines::no line of this capture "
	    "matches the runpod line format\n"
	    "::warning file=cap/stdout.log,line=4,col=1,title=foreign::line "
	    "does not match the runpod line format\n"
	    "logcompat check: fail: 7 lines, 4 conforming, 2 violating, "
	    "1 foreign; 3 errors, 1 warning\n");
	assert_null(strchr(render(OUTPUT_GITHUB, true), '\033'));
}

/* Data escapes %, CR and LF; properties also ':' and ','. */
static void
test_github_escaping(void **state)
{
	(void)state;
	rep = report_new("t", "t.yaml", 0);
	add("odd:name,100%\r\n.log", 7, 3, "a:b,c%d", SEVERITY_WARNING,
	    "50% done\r\nnext: a,b::c", NULL, 0);
	add("plain.log", 0, 0, "empty-stream", SEVERITY_WARNING,
	    "stdout is empty", NULL, 0);
	assert_string_equal(render(OUTPUT_GITHUB, false),
	    "::warning file=odd%3Aname%2C100%25%0D%0A.log,line=7,col=3,"
	    "title=a%3Ab%2Cc%25d::50%25 done%0D%0Anext: a,b::c\n"
	    "::warning file=plain.log,title=empty-stream::stdout is empty\n"
	    "logcompat check: pass: 0 lines, 0 conforming, 0 violating, "
	    "0 foreign; 0 errors, 2 warnings\n");
}

static void
test_github_empty_report(void **state)
{
	(void)state;
	rep = report_new("t", "t.yaml", 0);
	assert_string_equal(render(OUTPUT_GITHUB, false),
	    "logcompat check: pass: 0 lines, 0 conforming, 0 violating, "
	    "0 foreign; 0 errors, 0 warnings\n");
}

/* A stream that refuses writes: output_check says so, in every format. */
static void
test_write_error(void **state)
{
	static const output_format formats[] = {
		OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_GITHUB
	};

	(void)state;
	build_dir_report(0);
	for (size_t i = 0; i < 3; i++) {
		FILE *out = fopen("/dev/full", "w");
		if (out == NULL)
			skip();
		setvbuf(out, NULL, _IONBF, 0);
		assert_int_equal(output_check(out, rep, formats[i], false), -1);
		fclose(out);

		out = fopen("/dev/null", "r");
		assert_non_null(out);
		assert_int_equal(output_check(out, rep, formats[i], false), -1);
		fclose(out);
	}
}

/* Every test with its teardown, which frees what a failed test left. */
#define TEST(name)	cmocka_unit_test_teardown(name, output_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_text),
		TEST(test_text_color),
		TEST(test_text_pass_and_file_level),
		TEST(test_text_unknown_stream),
		TEST(test_text_empty_report),
		TEST(test_text_max_findings),
		TEST(test_text_plurals),
		TEST(test_text_other_levels),
		TEST(test_json),
		TEST(test_json_empty_report),
		TEST(test_json_untrusted_bytes),
		TEST(test_json_max_findings),
		TEST(test_github),
		TEST(test_github_escaping),
		TEST(test_github_empty_report),
		TEST(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
