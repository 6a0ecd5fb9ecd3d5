/*
 * Unit tests for mining, the library part of `logcompat templates`:
 * mining_run over captures written to a scratch folder, with and without
 * rules, as the list (text and JSON) and as one id per line; the order in
 * which captures and streams are read; container logs read once with
 * their malformed records counted; read and write errors.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "decode/rules.h"
#include "input/capture.h"
#include "learn/mining.h"

static char tmp_dir[4096];

/* Files written into tmp_dir, removed at the end. */
static char *written[16];
static size_t written_count;

static int
group_setup(void **state)
{
	const char *base = getenv("TMPDIR");

	(void)state;
	/* mkdtemp's template ends in six X, split so as not to be a marker. */
	snprintf(tmp_dir, sizeof tmp_dir, "%s/test_mining.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	return mkdtemp(tmp_dir) == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	/* Files last, then the folders they were in. */
	while (written_count > 0) {
		char *path = written[--written_count];
		if (unlink(path) != 0)
			rmdir(path);
		free(path);
	}
	return rmdir(tmp_dir);
}

static char *
remember(const char *name)
{
	size_t size = strlen(tmp_dir) + strlen(name) + 2;
	char *path = malloc(size);

	assert_non_null(path);
	assert_true(written_count < sizeof written / sizeof written[0]);
	snprintf(path, size, "%s/%s", tmp_dir, name);
	written[written_count++] = path;
	return path;
}

static const char *
make_dir(const char *name)
{
	const char *path = remember(name);

	assert_int_equal(mkdir(path, 0700), 0);
	return path;
}

static const char *
write_file(const char *name, const char *text)
{
	const char *path = remember(name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

static rules *
load_rules(void)
{
	static const char text[] = "format: t\n"
	    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[A-Z]+): "
	    "(?<message>.*)$'\n"
	    "levels: [INFO, WARN, ERROR]\n"
	    "emoji: optional\n";
	lc_error err;
	rules *r = rules_load_text("t.yaml", text, sizeof text - 1, &err);

	if (r == NULL)
		fail_msg("rules: %lu:%lu: %s", err.line, err.column, err.text);
	return r;
}

/* mining_run over the captures at paths, which must succeed: its output. */
static char *
mine(const rules *r, const char **paths, size_t count, bool per_line,
    mining_format format)
{
	capture captures[4];
	char *output = NULL, *cause = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&output, &size);

	assert_non_null(out);
	assert_true(count <= sizeof captures / sizeof captures[0]);
	for (size_t i = 0; i < count; i++) {
		if (capture_resolve(paths[i], &captures[i], &cause) != 0)
			fail_msg("%s: %s", paths[i], cause);
	}
	if (mining_run(r, captures, count, per_line, format, out, &cause) != 0)
		fail_msg("mining_run: %s", cause);
	assert_null(cause);
	assert_int_equal(fclose(out), 0);
	for (size_t i = 0; i < count; i++)
		capture_free(&captures[i]);
	return output;
}

static void
assert_mined(const rules *r, const char *path, bool per_line,
    const char *expected)
{
	char *output = mine(r, &path, 1, per_line, MINING_TEXT);

	assert_string_equal(output, expected);
	free(output);
}

#define JOBS \
	"[10:00:00] INFO: 🚀 Job 1 started\n" \
	"[10:00:01] INFO: 🚀 Job 2 started\n" \
	"[10:00:02] ERROR: ❌ Job 2 failed after 3.5s\n" \
	"Collecting torch==2.1.0\n" \
	"[10:00:03] INFO: Ready\n" \
	"[10:00:04] INFO: 🚀 Job 3 started\n"

static void
test_mining_without_rules(void **state)
{
	const char *path = write_file("plain.log", JOBS);

	(void)state;
	/* Every line is a message, timestamp and level included. */
	assert_mined(NULL, path, false,
	    "4 templates from 6 lines\n"
	    "    1        3  [<TIME>] INFO: 🚀 Job <NUM> started\n"
	    "        example: [10:00:00] INFO: 🚀 Job 1 started\n"
	    "    2        1  [<TIME>] ERROR: ❌ Job <NUM> failed after <DUR>\n"
	    "        example: [10:00:02] ERROR: ❌ Job 2 failed after 3.5s\n"
	    "    3        1  Collecting torch==<VER>\n"
	    "        example: Collecting torch==2.1.0\n"
	    "    4        1  [<TIME>] INFO: Ready\n"
	    "        example: [10:00:03] INFO: Ready\n");
	assert_mined(NULL, path, true, "1\n1\n2\n3\n4\n1\n");
}

static void
test_mining_with_rules(void **state)
{
	const char *path = write_file("rules.log", JOBS);
	rules *r = load_rules();

	(void)state;
	/*
	 * The level and leading emoji are kept apart from the message; a
	 * foreign line is mined whole.
	 */
	assert_mined(r, path, false,
	    "4 templates from 6 lines\n"
	    "    1        3  [INFO] 🚀 Job <NUM> started\n"
	    "        example: Job 1 started\n"
	    "    2        1  [ERROR] ❌ Job <NUM> failed after <DUR>\n"
	    "        example: Job 2 failed after 3.5s\n"
	    "    3        1  Collecting torch==<VER>\n"
	    "        example: Collecting torch==2.1.0\n"
	    "    4        1  [INFO] Ready\n"
	    "        example: Ready\n");
	assert_mined(r, path, true, "1\n1\n2\n3\n4\n1\n");
	rules_free(r);
}

static void
test_mining_json(void **state)
{
	const char *path = write_file("json.log", JOBS);
	rules *r = load_rules();
	char *output = mine(r, &path, 1, false, MINING_JSON);
	json_error_t error;
	json_t *root = json_loads(output, 0, &error), *list, *first;

	(void)state;
	if (root == NULL)
		fail_msg("not JSON: %s\n%s", error.text, output);
	assert_string_equal(json_string_value(json_object_get(root,
	    "command")), "templates");
	assert_int_equal(json_integer_value(json_object_get(root, "lines")),
	    6);
	assert_true(json_is_false(json_object_get(root, "capped")));
	assert_int_equal(json_integer_value(json_object_get(root,
	    "overflow")), 0);
	assert_int_equal(json_integer_value(json_object_get(root,
	    "skipped_records")), 0);
	assert_null(json_object_get(root, "ids"));
	list = json_object_get(root, "templates");
	assert_int_equal(json_array_size(list), 4);
	first = json_array_get(list, 0);
	assert_int_equal(json_integer_value(json_object_get(first, "id")), 1);
	assert_int_equal(json_integer_value(json_object_get(first, "count")),
	    3);
	assert_string_equal(json_string_value(json_object_get(first, "level")),
	    "INFO");
	assert_string_equal(json_string_value(json_object_get(first, "emoji")),
	    "🚀");
	assert_string_equal(json_string_value(json_object_get(first,
	    "template")), "Job <NUM> started");
	assert_string_equal(json_string_value(json_object_get(first,
	    "example")), "Job 1 started");
	/* A foreign line has no level and no emoji. */
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(list, 2), "level")), "");
	json_decref(root);
	free(output);

	/* Per line: the ids instead of the list. */
	output = mine(r, &path, 1, true, MINING_JSON);
	root = json_loads(output, 0, &error);
	assert_non_null(root);
	assert_null(json_object_get(root, "templates"));
	list = json_object_get(root, "ids");
	assert_int_equal(json_array_size(list), 6);
	for (size_t i = 0; i < 6; i++) {
		static const json_int_t ids[] = { 1, 1, 2, 3, 4, 1 };
		assert_int_equal(json_integer_value(json_array_get(list, i)),
		    ids[i]);
	}
	json_decref(root);
	free(output);
	rules_free(r);
}

static void
test_mining_order(void **state)
{
	const char *paths[2];
	char *output;

	(void)state;
	/* A capture folder: stdout.log before stderr.log. */
	paths[0] = make_dir("cap");
	write_file("cap/stderr.log", "alpha 1\nbeta 1\n");
	write_file("cap/stdout.log", "beta 2\n");
	assert_mined(NULL, paths[0], true, "1\n2\n1\n");
	/* Captures in the order given; ids go on across them. */
	paths[1] = write_file("second.log", "gamma 1\nalpha 2\n");
	output = mine(NULL, paths, 2, false, MINING_TEXT);
	assert_string_equal(output, "3 templates from 5 lines\n"
	    "    1        2  beta <NUM>\n"
	    "        example: beta 2\n"
	    "    2        2  alpha <NUM>\n"
	    "        example: alpha 1\n"
	    "    3        1  gamma <NUM>\n"
	    "        example: gamma 1\n");
	free(output);
}

static void
test_mining_container(void **state)
{
	/* Both streams in the file's order; bad records left out, counted. */
	const char *path = write_file("container.log",
	    "{\"log\":\"[10:00:00] INFO: ok 1\\n\",\"stream\":\"stdout\","
	    "\"time\":\"2026-11-24T10:00:00Z\"}\n"
	    "{\"log\":\"[10:00:01] WARN: slow\\n\",\"stream\":\"stderr\","
	    "\"time\":\"2026-11-24T10:00:01Z\"}\n"
	    "[\"not\", \"a\", \"record\"]\n"
	    "{\"log\":\"[10:00:02] INFO: ok 2\\n\",\"stream\":\"stdout\","
	    "\"time\":\"2026-11-24T10:00:02Z\"}\n");
	rules *r = load_rules();

	(void)state;
	assert_mined(r, path, false,
	    "2 templates from 3 lines\n"
	    "1 malformed container-log records left out (logcompat check "
	    "lists them)\n"
	    "    1        2  [INFO] ok <NUM>\n"
	    "        example: ok 1\n"
	    "    2        1  [WARN] slow\n"
	    "        example: slow\n");
	rules_free(r);
}

static void
test_mining_errors(void **state)
{
	const char *path = write_file("gone.log", "a line\n");
	char *cause = NULL, *output = NULL;
	size_t size = 0;
	capture c;
	FILE *out;

	(void)state;
	/* A capture that cannot be read any more. */
	assert_int_equal(capture_resolve(path, &c, &cause), 0);
	assert_int_equal(unlink(path), 0);
	out = open_memstream(&output, &size);
	assert_non_null(out);
	assert_int_equal(mining_run(NULL, &c, 1, false, MINING_TEXT, out,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	fclose(out);
	free(output);
	capture_free(&c);

	/* A write that fails. */
	path = write_file("kept.log", "a line\n");
	assert_int_equal(capture_resolve(path, &c, &cause), 0);
	out = fopen("/dev/full", "w");
	if (out != NULL) {
		setvbuf(out, NULL, _IONBF, 0);
		assert_int_equal(mining_run(NULL, &c, 1, false, MINING_TEXT,
		    out, &cause), -1);
		assert_string_equal(cause, "cannot write the templates");
		free(cause);
		fclose(out);
	}
	capture_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mining_without_rules),
		cmocka_unit_test(test_mining_with_rules),
		cmocka_unit_test(test_mining_json),
		cmocka_unit_test(test_mining_order),
		cmocka_unit_test(test_mining_container),
		cmocka_unit_test(test_mining_errors),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
