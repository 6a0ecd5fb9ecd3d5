/*
 * Unit tests for samples: a rule file's samples checked against its rules,
 * and the exact error, line and column of the first sample that does not
 * hold.  Shipped rule files are read under $srcdir (as automake sets it for
 * tests), else ".".
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
#include "judge/samples.h"

#define ROCKET		"\xf0\x9f\x9a\x80"	/* U+1F680 */
#define CROSS_MARK	"\xe2\x9d\x8c"		/* U+274C */

/*
 * Thirteen lines of rules; the first sample's mapping starts at line 15,
 * column 5, after "samples:".
 */
#define BASE \
	"format: s\n" \
	"line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): " \
	    "(?<message>.*)$'\n" \
	"time: '%H:%M:%S'\n" \
	"levels: [INFO, WARN, ERROR]\n" \
	"checks:\n" \
	"  - id: error-marker\n" \
	"    when: { emoji: ['" CROSS_MARK "'] }\n" \
	"    expect: { level: [ERROR] }\n" \
	"    message: crosses are errors\n" \
	"  - id: stdout-only\n" \
	"    when: { stream: [stdout] }\n" \
	"    expect: { level: [NEVER] }\n" \
	"    message: never on stdout\n"
#define FIRST_SAMPLE	15

/* The rules loaded by the running test, freed by its teardown. */
static rules *loaded;

static int
rules_teardown(void **state)
{
	(void)state;
	rules_free(loaded);
	loaded = NULL;
	return 0;
}

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

static const rules *
load_text(const char *text)
{
	const char *base = getenv("TMPDIR");
	char path[4096];
	size_t len = strlen(text);
	lc_error err;
	FILE *f;
	int fd;

	/* The template ends in six X, spelled so as not to be a marker. */
	snprintf(path, sizeof path, "%s/test_samples.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	rules_free(loaded);
	loaded = rules_load(path, &err);
	unlink(path);
	if (loaded == NULL)
		fail_msg("rules did not load: %lu:%lu: %s", err.line,
		    err.column, err.text);
	assert_string_equal(loaded->path, path);
	return loaded;
}

/* The samples must hold. */
static void
expect_pass(const char *text)
{
	const rules *r = load_text(text);
	lc_error err;

	memset(&err, 0, sizeof err);
	if (samples_verify(r, &err) != 0)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
}

/* The samples must fail with exactly this position and message. */
static void
expect_fail(const char *text, unsigned long line, unsigned long column,
    const char *message)
{
	const rules *r = load_text(text);
	lc_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(samples_verify(r, &err), -1);
	assert_string_equal(err.text, message);
	assert_string_equal(err.source, r->path);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
}

static void
verify_file(const char *relative)
{
	char *path = source_path(relative);
	lc_error err;

	rules_free(loaded);
	loaded = rules_load(path, &err);
	if (loaded == NULL) {
		free(path);
		fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column,
		    err.text);
	}
	free(path);
	assert_true(loaded->sample_count > 0);
	if (samples_verify(loaded, &err) != 0)
		fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column,
		    err.text);
}

static void
test_runpod_samples_hold(void **state)
{
	(void)state;
	verify_file("rules/runpod.yaml");
	assert_int_equal(loaded->sample_count, 12);
}

/*
 * rules/python-logging.yaml is left out: under valgrind, one of its samples
 * makes PCRE2's JIT read an aligned 16 bytes past the end of the heap copy
 * of the line, which memcheck reports (a known false positive of the JIT's
 * SIMD code, PCRE2Project/pcre2#995).  The binary verifies it on every load.
 */
static void
test_shipped_samples_hold(void **state)
{
	static const char *const files[] = {
		"rules/python-asctime.yaml",
		"rules/syslog-rfc3164.yaml", "rules/syslog-rfc5424.yaml",
		"rules/go-log.yaml", "rules/nginx-error.yaml",
		"tests/unit/rules/full.yaml",
	};

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		verify_file(files[i]);
}

static void
test_no_samples(void **state)
{
	(void)state;
	expect_pass(BASE);
	assert_int_equal(loaded->sample_count, 0);
}

static void
test_samples_hold(void **state)
{
	(void)state;
	expect_pass(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: " ROCKET " hi'\n"
	    "    fields:\n"
	    "      time: '14:03:22'\n"
	    "      level: INFO\n"
	    "      message: '" ROCKET " hi'\n"
	    "      emoji: '" ROCKET "'\n"
	    "      line: '[14:03:22] INFO: " ROCKET " hi'\n"
	    "    findings: []\n"
	    /* Each sample alone: no time order between them. */
	    "  - line: '[14:03:21] INFO: no emoji'\n"
	    "    fields: { emoji: '', message: no emoji }\n"
	    /* Findings in any order. */
	    "  - line: '[14:6:00] DEBUG: x'\n"
	    "    findings: [level, time-format]\n"
	    "  - line: '[14:06:00] INFO: " CROSS_MARK " x'\n"
	    "    findings: [error-marker]\n"
	    "  - { line: 'pip install torch', foreign: true }\n"
	    /* The foreign finding is implied; others are listed. */
	    "  - line: \"\\e[1mnot a log line\"\n"
	    "    foreign: true\n"
	    "    findings: [control-char]\n"
	    "  - line: '[14:06:01] ERROR: ok'\n"
	    "    foreign: false\n");
	assert_int_equal(loaded->sample_count, 7);
}

/* A sample is of no stream: a check on `stream` does not apply. */
static void
test_sample_has_no_stream(void **state)
{
	(void)state;
	expect_pass(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n");
	expect_pass("format: u\n"
	    "line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
	    "checks:\n"
	    "  - id: unknown-stream\n"
	    "    when: { stream: [unknown] }\n"
	    "    expect: { level: [ERROR] }\n"
	    "    message: lines of no stream are errors\n"
	    "samples:\n"
	    "  - line: INFO x\n"
	    "    findings: [unknown-stream]\n"
	    "  - line: ERROR x\n");
}

static void
test_field_mismatch(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    fields: { level: WARN }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'level' is 'INFO', the sample says 'WARN'");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: " ROCKET " hi'\n"
	    "    fields: { time: '14:03:22', emoji: '' }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'emoji' is '" ROCKET "', the sample says ''");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    fields: { emoji: '" ROCKET "' }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'emoji' is '', the sample says '" ROCKET "'");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    fields: { line: '[14:03:22] INFO: ho' }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'line' is '[14:03:22] INFO: hi', the sample says "
	    "'[14:03:22] INFO: ho'");
	/* A longer or shorter value differs as well as a different one. */
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    fields: { message: h }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'message' is 'hi', the sample says 'h'");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    fields: { message: hi! }\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'message' is 'hi', the sample says 'hi!'");
	/* What the line holds is shown printable. */
	expect_fail(BASE "samples:\n"
	    "  - line: \"[14:03:22] INFO: \\e[1mx\"\n"
	    "    fields: { message: x }\n"
	    "    findings: [control-char]\n",
	    FIRST_SAMPLE, 5,
	    "sample field 'message' is '\\x1b[1mx', the sample says 'x'");
}

/* A group that took no part in the match is "". */
static void
test_field_absent_group(void **state)
{
	const char *rules_text = "format: g\n"
	    "line: '^(?<level>[A-Z]+)(?: \\[(?<tag>\\w+)\\])?: "
	    "(?<message>.*)$'\n"
	    "samples:\n"
	    "  - line: 'INFO [db]: x'\n"
	    "    fields: { tag: db }\n"
	    "  - line: 'INFO: x'\n"
	    "    fields: { tag: '' }\n"
	    "  - line: 'WARN: y'\n"
	    "    fields: { tag: db }\n";

	(void)state;
	expect_fail(rules_text, 8, 5,
	    "sample field 'tag' is '', the sample says 'db'");
}

static void
test_foreign_sample_matches(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: hi'\n"
	    "    foreign: true\n",
	    FIRST_SAMPLE, 5, "sample is marked foreign but matches 'line'");
	/* Even a log line with findings is not foreign. */
	expect_fail(BASE "samples:\n"
	    "  - { line: '[14:03:22] NOPE: hi', foreign: True }\n",
	    FIRST_SAMPLE, 5, "sample is marked foreign but matches 'line'");
}

static void
test_sample_does_not_match(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: 'Collecting torch==2.1.0'\n",
	    FIRST_SAMPLE, 5, "sample does not match 'line'");
	expect_fail(BASE "samples:\n"
	    "  - line: 'Collecting torch==2.1.0'\n"
	    "    foreign: false\n"
	    "    findings: [foreign]\n",
	    FIRST_SAMPLE, 5, "sample does not match 'line'");
}

static void
test_findings_missing_one(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:6:00] DEBUG: x'\n"
	    "    findings: [level]\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings time-format, level, the sample says "
	    "level");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:06:00] DEBUG: x'\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings level, the sample says none");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:06:00] INFO: " CROSS_MARK " x'\n"
	    "    findings: []\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings error-marker, the sample says none");
	/* Foreign: the implied foreign finding is not listed. */
	expect_fail(BASE "samples:\n"
	    "  - line: \"\\e[1mnot a log line\"\n"
	    "    foreign: true\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings control-char, the sample says none");
}

static void
test_findings_extra_one(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:06:00] DEBUG: x'\n"
	    "    findings: [level, time-format]\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings level, the sample says level, "
	    "time-format");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:06:00] INFO: x'\n"
	    "    findings: [stdout-only]\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings none, the sample says stdout-only");
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:06:00] DEBUG: x'\n"
	    "    findings: [time-format]\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings level, the sample says time-format");
	expect_fail(BASE "samples:\n"
	    "  - line: 'pip install torch'\n"
	    "    foreign: true\n"
	    "    findings: [nul-byte]\n",
	    FIRST_SAMPLE, 5,
	    "sample yields findings none, the sample says nul-byte");
}

/* The first sample that does not hold is the one reported. */
static void
test_first_failure_reported(void **state)
{
	(void)state;
	expect_fail(BASE "samples:\n"
	    "  - line: '[14:03:22] INFO: fine'\n"
	    "  -   line: '[14:03:22] WARN: hi'\n"
	    "      fields: { level: ERROR }\n"
	    "  - line: 'not a log line'\n",
	    FIRST_SAMPLE + 1, 7,
	    "sample field 'level' is 'WARN', the sample says 'ERROR'");
}

static void
test_foreign_policies(void **state)
{
	static const char *const policies[] = { "allow", "report", "fail" };
	char text[1024];

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		snprintf(text, sizeof text, "%sforeign: %s\n"
		    "samples:\n"
		    "  - { line: 'pip install torch', foreign: true }\n"
		    "  - line: '[14:03:22] INFO: hi'\n", BASE, policies[i]);
		expect_pass(text);
		snprintf(text, sizeof text, "%sforeign: %s\n"
		    "samples:\n"
		    "  - { line: '[14:03:22] INFO: hi', foreign: true }\n",
		    BASE, policies[i]);
		expect_fail(text, FIRST_SAMPLE + 1, 5,
		    "sample is marked foreign but matches 'line'");
	}
}

/* A severity of off takes the finding out of what a sample yields. */
static void
test_severity_off(void **state)
{
	(void)state;
	expect_pass(BASE "severities: { level: off }\n"
	    "samples:\n"
	    "  - line: '[14:06:00] DEBUG: x'\n");
	expect_fail(BASE "severities: { level: warning }\n"
	    "samples:\n"
	    "  - line: '[14:06:00] DEBUG: x'\n",
	    FIRST_SAMPLE + 1, 5,
	    "sample yields findings level, the sample says none");
}

/* Every test with its teardown, which frees what a failed test left. */
#define TEST(name)	cmocka_unit_test_teardown(name, rules_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_runpod_samples_hold),
		TEST(test_shipped_samples_hold),
		TEST(test_no_samples),
		TEST(test_samples_hold),
		TEST(test_sample_has_no_stream),
		TEST(test_field_mismatch),
		TEST(test_field_absent_group),
		TEST(test_foreign_sample_matches),
		TEST(test_sample_does_not_match),
		TEST(test_findings_missing_one),
		TEST(test_findings_extra_one),
		TEST(test_first_failure_reported),
		TEST(test_foreign_policies),
		TEST(test_severity_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
