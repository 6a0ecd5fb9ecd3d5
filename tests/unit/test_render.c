/*
 * Unit tests for the CI renderers: render's escaping, URIs and capture
 * lookup, and SARIF, JUnit and HTML written from reports built by hand,
 * hostile names and messages included.
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

#include "decode/findings.h"
#include "report/finding_ids.h"
#include "report/html.h"
#include "report/junit.h"
#include "report/render.h"
#include "judge/report.h"
#include "report/sarif.h"
#include "util/xalloc.h"

static report *rep;
static char *written;

static int
render_teardown(void **state)
{
	(void)state;
	report_free(rep);
	rep = NULL;
	free(written);
	written = NULL;
	return 0;
}

typedef int (*writer)(FILE *, const report *, const rules *);

/* What w writes for the report, NUL-terminated. */
static const char *
write_with(writer w)
{
	size_t size = 0;
	FILE *out;

	free(written);
	written = NULL;
	out = open_memstream(&written, &size);
	assert_non_null(out);
	assert_int_equal(w(out, rep, NULL), 0);
	assert_int_equal(fclose(out), 0);
	return written;
}

static const char *
xml_text(const char *text)
{
	size_t size = 0;
	FILE *out;

	free(written);
	written = NULL;
	out = open_memstream(&written, &size);
	assert_non_null(out);
	render_xml_text(out, text);
	assert_int_equal(fclose(out), 0);
	return written;
}

static void
begin(const char *name, const char *out_path, const char *err_path)
{
	capture c = { .name = (char *)name };

	if (out_path != NULL)
		c.sources[c.source_count++] = (capture_source){
		    .path = (char *)out_path, .stream = LC_STREAM_STDOUT };
	if (err_path != NULL)
		c.sources[c.source_count++] = (capture_source){
		    .path = (char *)err_path, .stream = LC_STREAM_STDERR };
	report_begin_capture(rep, &c);
	report_set_pairing(rep, "checked");
}

static void
add(const char *file, unsigned long line, unsigned long column,
    const char *rule, rules_severity severity, const char *message,
    const char *excerpt)
{
	report_add(rep, file, line, column, rule, severity, xstrdup(message),
	    excerpt != NULL ? xstrdup(excerpt) : NULL, column > 0 ?
	    column - 1 : 0);
}

/* Two captures, a hostile file name and message, a whole-file finding. */
static void
build(size_t max_findings)
{
	rep = report_new("runpod", "/rules/runpod.yaml", max_findings);
	begin("a", "a/stdout.log", "a/stderr.log");
	for (int i = 0; i < 4; i++)
		report_count_line(rep, LC_STREAM_STDOUT, LINE_CONFORMING, 1);
	report_count_level(rep, "INFO", 4);
	add("a/stdout.log", 2, 1, "foreign", SEVERITY_WARNING,
	    "line does not match", "Collecting redis");
	add("a/stdout.log", 3, 12, "level", SEVERITY_ERROR,
	    "level 'WARNING' is not one of INFO", "[1] WARNING: x");
	begin("b <&\"'>", "b <&\"'>/stdout.log", NULL);
	add("b <&\"'>/stdout.log", 1, 1, "foreign", SEVERITY_WARNING,
	    "</system-out><script>alert(1)</script>\x1b[0m\xff", "<b>");
	add("b <&\"'>", 0, 0, "no-log-lines", SEVERITY_ERROR,
	    "no line matches", NULL);
	report_sort(rep);
}

static void
test_xml_text(void **state)
{
	(void)state;
	assert_string_equal(xml_text("a<b>&\"'c"),
	    "a&lt;b&gt;&amp;&quot;&#39;c");
	/* ESC, an invalid byte and DEL become U+FFFD; tab, newline stay. */
	assert_string_equal(xml_text("x\x1by\xffz\x7f\t\n"),
	    "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd\t\n");
	assert_string_equal(xml_text("\xe2\x9c\x85 ok"), "\xe2\x9c\x85 ok");
	assert_string_equal(xml_text(""), "");
}

static void
test_uri(void **state)
{
	char *uri;

	(void)state;
	uri = render_uri("logs/a b/stdout.log");
	assert_string_equal(uri, "logs/a%20b/stdout.log");
	free(uri);
	uri = render_uri("/tmp/x:y#z?.log");
	assert_string_equal(uri, "file:///tmp/x%3Ay%23z%3F.log");
	free(uri);
	uri = render_uri("\xc3\xbc");
	assert_string_equal(uri, "%C3%BC");
	free(uri);
}

static void
test_capture_of(void **state)
{
	(void)state;
	build(0);
	assert_int_equal(rep->finding_count, 4);
	for (size_t i = 0; i < rep->finding_count; i++) {
		size_t want = strncmp(rep->findings[i].file, "a/", 2) == 0 ?
		    0 : 1;
		assert_int_equal(render_capture_of(rep, &rep->findings[i]),
		    want);
	}
	report_finding stray = { .file = "elsewhere.log" };
	assert_int_equal(render_capture_of(rep, &stray), 2);
}

static void
test_finding_ids(void **state)
{
	(void)state;
	assert_true(finding_id_builtin("foreign"));
	assert_false(finding_id_builtin("warning-marker-level"));
	assert_int_equal(finding_id_default("control-char", NULL),
	    SEVERITY_WARNING);
	assert_int_equal(finding_id_default("no-log-lines", NULL),
	    SEVERITY_ERROR);
	assert_string_equal(finding_id_describe("a-check", NULL),
	    "A check of the rule file");
	/* Every id of the table has a description. */
	for (int i = 0; i < FINDING_COUNT; i++)
		assert_string_not_equal(finding_id_describe(
		    findings_name((finding_id)i), NULL),
		    "A check of the rule file");
}

static void
test_sarif(void **state)
{
	json_error_t error;
	json_t *root, *run, *results, *rules, *region;

	(void)state;
	build(0);
	root = json_loads(write_with(sarif_write), 0, &error);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root,
	    "version")), "2.1.0");
	run = json_array_get(json_object_get(root, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
	    "driver"), "rules");
	results = json_object_get(run, "results");
	assert_int_equal(json_array_size(rules), 3);
	assert_int_equal(json_array_size(results), 4);
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *result = json_array_get(results, i);
		json_t *rule = json_array_get(rules, (size_t)json_integer_value(
		    json_object_get(result, "ruleIndex")));
		assert_string_equal(json_string_value(json_object_get(rule,
		    "id")), json_string_value(json_object_get(result,
		    "ruleId")));
		region = json_object_get(json_object_get(json_array_get(
		    json_object_get(result, "locations"), 0),
		    "physicalLocation"), "region");
		if (strcmp(json_string_value(json_object_get(result,
		    "ruleId")), "no-log-lines") == 0)
			assert_null(region);
		else {
			assert_non_null(region);
			assert_true(json_integer_value(json_object_get(region,
			    "startLine")) >= 1);
			assert_non_null(json_object_get(region, "snippet"));
		}
	}
	/* All listed: no notification. */
	assert_null(json_object_get(json_array_get(json_object_get(run,
	    "invocations"), 0), "toolExecutionNotifications"));
	json_decref(root);
}

static void
test_sarif_unlisted(void **state)
{
	json_error_t error;
	json_t *root, *run, *notes;

	(void)state;
	build(1);
	root = json_loads(write_with(sarif_write), 0, &error);
	assert_non_null(root);
	run = json_array_get(json_object_get(root, "runs"), 0);
	assert_int_equal(json_array_size(json_object_get(run, "results")), 1);
	notes = json_object_get(json_array_get(json_object_get(run,
	    "invocations"), 0), "toolExecutionNotifications");
	assert_int_equal(json_array_size(notes), 1);
	assert_non_null(strstr(json_string_value(json_object_get(
	    json_object_get(json_array_get(notes, 0), "message"), "text")),
	    "3 more findings not listed"));
	json_decref(root);
}

static void
test_junit(void **state)
{
	const char *xml;

	(void)state;
	build(0);
	xml = write_with(junit_write);
	assert_non_null(strstr(xml, "<testsuites name=\"logcompat check\" "
	    "tests=\"4\" failures=\"2\""));
	assert_non_null(strstr(xml, "<testsuite name=\"a\" tests=\"2\" "
	    "failures=\"1\""));
	assert_non_null(strstr(xml, "<testsuite name=\"b &lt;&amp;&quot;"
	    "&#39;&gt;\" tests=\"2\" failures=\"1\""));
	assert_null(strstr(xml, "<script"));
	assert_null(strstr(xml, "\x1b"));
	assert_non_null(strstr(xml, "&lt;/system-out&gt;&lt;script&gt;"));
}

static void
test_junit_errors_listed_first(void **state)
{
	const char *xml;

	(void)state;
	build(1);
	/* The one finding listed is an error, though a warning came first. */
	assert_int_equal(rep->findings[0].severity, SEVERITY_ERROR);
	xml = write_with(junit_write);
	assert_non_null(strstr(xml, "failures=\"1\""));
	assert_null(strstr(xml, "name=\"unlisted\""));
	assert_non_null(strstr(xml, "3 more findings not listed"));
}

static void
test_junit_pass(void **state)
{
	const char *xml;

	(void)state;
	rep = report_new("runpod", "r.yaml", 0);
	begin("clean", "clean/stdout.log", NULL);
	report_sort(rep);
	xml = write_with(junit_write);
	assert_non_null(strstr(xml, "tests=\"1\" failures=\"0\""));
	assert_non_null(strstr(xml, "name=\"conforming\""));
	assert_null(strstr(xml, "<failure"));
}

static void
test_html(void **state)
{
	const char *page;

	(void)state;
	build(0);
	page = write_with(html_write);
	assert_true(strncmp(page, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(page, "id=\"verdict\" class=\"fail\""));
	assert_non_null(strstr(page, "<svg id=\"levels\""));
	assert_non_null(strstr(page, "<svg id=\"timeline\""));
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "http://"));
	assert_null(strstr(page, "https://"));
	assert_non_null(strstr(page, "&lt;script&gt;alert(1)"));
	assert_non_null(strstr(page, "</html>\n"));
}

static void
test_html_pass(void **state)
{
	const char *page;

	(void)state;
	rep = report_new("runpod", "r.yaml", 0);
	begin("clean", "clean/stdout.log", NULL);
	report_sort(rep);
	page = write_with(html_write);
	assert_non_null(strstr(page, "id=\"verdict\" class=\"pass\""));
	assert_non_null(strstr(page, "No findings"));
}

/* A stream that refuses writes: each writer says so. */
static void
test_write_error(void **state)
{
	static const writer writers[] = { sarif_write, junit_write,
	    html_write };

	(void)state;
	build(0);
	for (size_t i = 0; i < 3; i++) {
		FILE *out = fopen("/dev/full", "w");
		if (out == NULL)
			skip();
		setvbuf(out, NULL, _IONBF, 0);
		assert_int_equal(writers[i](out, rep, NULL), -1);
		fclose(out);
	}
}

#define TEST(name)	cmocka_unit_test_teardown(name, render_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_xml_text),
		TEST(test_uri),
		TEST(test_capture_of),
		TEST(test_finding_ids),
		TEST(test_sarif),
		TEST(test_sarif_unlisted),
		TEST(test_junit),
		TEST(test_junit_errors_listed_first),
		TEST(test_junit_pass),
		TEST(test_html),
		TEST(test_html_pass),
		TEST(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
