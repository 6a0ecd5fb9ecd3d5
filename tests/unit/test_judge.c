/*
 * Unit tests for judge: one rule set applied to one line.  Rule files are
 * written to temporary files, or rules/runpod.yaml is read from $srcdir
 * (as automake sets it for tests), else ".".
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

#include "judge/judge.h"
#include "decode/rules.h"
#include "util/xalloc.h"

/* Offsets of the fields of a runpod line "[HH:MM:SS] LEVEL: message". */
#define RP_TIME		1
#define RP_LEVEL	11
#define RP_LEVELS	"INFO, WARN, ERROR"

#define ROCKET		"\xf0\x9f\x9a\x80"		/* U+1F680 */
/* U+26A0 U+FE0F */
#define WARNING_SIGN	"\xe2\x9a\xa0\xef\xb8\x8f"
#define CROSS_MARK	"\xe2\x9d\x8c"			/* U+274C */
/* man, ZWJ, woman, ZWJ, girl */
#define FAMILY		"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9" \
			"\xe2\x80\x8d\xf0\x9f\x91\xa7"
#define FLAG_PL		"\xf0\x9f\x87\xb5\xf0\x9f\x87\xb1"

/* A rules file and its judge, with one result reused by the test. */
typedef struct {
	rules *rules;
	judge *judge;
	judge_result res;
	judge_stream order;
} fixture;

/* Fixtures made by the running test, freed by its teardown even if it fails. */
#define MAX_FIXTURES 4
static fixture *fixtures[MAX_FIXTURES];
static size_t fixture_count;

static rules *
load_file(const char *path)
{
	lc_error err;
	rules *r = rules_load(path, &err);

	if (r == NULL)
		fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column,
		    err.text);
	return r;
}

static rules *
load_text(const char *text)
{
	const char *base = getenv("TMPDIR");
	char path[4096];
	size_t len = strlen(text);
	lc_error err;
	rules *r;
	FILE *f;
	int fd;

	/* The template ends in six X, spelled so as not to be a marker. */
	snprintf(path, sizeof path, "%s/test_judge.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	r = rules_load(path, &err);
	unlink(path);
	if (r == NULL)
		fail_msg("line %lu, column %lu: %s", err.line, err.column,
		    err.text);
	return r;
}

static fixture *
fixture_new(rules *r)
{
	fixture *fx = xcalloc(1, sizeof *fx);

	assert_true(fixture_count < MAX_FIXTURES);
	fixtures[fixture_count++] = fx;
	fx->rules = r;
	fx->judge = judge_new(r);
	assert_non_null(fx->judge);
	return fx;
}

static fixture *
fixture_text(const char *text)
{
	return fixture_new(load_text(text));
}

static fixture *
fixture_runpod(void)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof path, "%s/rules/runpod.yaml", srcdir);
	return fixture_new(load_file(path));
}

static int
fixtures_free(void **state)
{
	(void)state;
	for (size_t i = 0; i < fixture_count; i++) {
		fixture *fx = fixtures[i];
		judge_result_free(&fx->res);
		judge_free(fx->judge);
		rules_free(fx->rules);
		free(fx);
	}
	fixture_count = 0;
	return 0;
}

/* Judge a NUL-terminated line with time-order memory. */
static judge_result *
judge_on(fixture *fx, const char *line, lc_stream stream)
{
	judge_line(fx->judge, &fx->order, line, strlen(line), stream, &fx->res);
	return &fx->res;
}

static judge_result *
judge_text(fixture *fx, const char *line)
{
	return judge_on(fx, line, LC_STREAM_STDOUT);
}

/* The finding with this rule id; fails the test when there is none. */
static const judge_finding *
finding(const judge_result *res, const char *rule)
{
	for (size_t i = 0; i < res->finding_count; i++) {
		if (strcmp(res->findings[i].rule, rule) == 0)
			return &res->findings[i];
	}
	fail_msg("no '%s' finding among %zu", rule, res->finding_count);
	return NULL;
}

static bool
has_finding(const judge_result *res, const char *rule)
{
	for (size_t i = 0; i < res->finding_count; i++) {
		if (strcmp(res->findings[i].rule, rule) == 0)
			return true;
	}
	return false;
}

static void
assert_finding(const judge_result *res, const char *rule,
    rules_severity severity, size_t at, const char *message)
{
	const judge_finding *f = finding(res, rule);

	assert_int_equal(f->severity, severity);
	assert_int_equal(f->at, at);
	if (message != NULL)
		assert_string_equal(f->message, message);
}

static void
assert_span(judge_span span, size_t off, size_t len)
{
	assert_int_equal(span.off, off);
	if (off != SIZE_MAX)
		assert_int_equal(span.len, len);
}

static void
test_free_null(void **state)
{
	judge_result res = { 0 };

	(void)state;
	judge_free(NULL);
	judge_result_free(NULL);
	judge_result_free(&res);
	judge_result_free(&res);
}

static void
test_builtin_ids(void **state)
{
	(void)state;
	for (int i = 0; i < FINDING_BUILTIN_COUNT; i++)
		assert_string_equal(judge_builtin_id(i), findings_name(i));
	assert_string_equal(judge_builtin_id(FINDING_FOREIGN), "foreign");
	assert_string_equal(judge_builtin_id(FINDING_CONTROL_CHAR),
	    "control-char");
	assert_string_equal(judge_builtin_id(FINDING_MATCH_LIMIT),
	    "match-limit");
}

static void
test_default_severities(void **state)
{
	fixture *fx = fixture_runpod();

	(void)state;
	for (int i = 0; i < FINDING_BUILTIN_COUNT; i++) {
		rules_severity want = SEVERITY_ERROR;
		if (i == FINDING_FOREIGN || i == FINDING_CONTROL_CHAR ||
		    i == FINDING_EMPTY_STREAM || i == FINDING_KEY_ORDER)
			want = SEVERITY_WARNING;
		assert_int_equal(judge_severity(fx->judge, i), want);
	}
}

static void
test_conforming_runpod(void **state)
{
	fixture *fx = fixture_runpod();
	const char *line = "[14:03:22] INFO: " ROCKET " Setting up...";
	judge_result *res = judge_text(fx, line);

	(void)state;
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	assert_span(res->time, RP_TIME, 8);
	assert_span(res->level, RP_LEVEL, 4);
	assert_span(res->message, 17, strlen(line) - 17);
	assert_int_equal(res->emoji_len, 4);
	assert_memory_equal(line + res->message.off, ROCKET, 4);

	line = "[14:05:10] WARN: " WARNING_SIGN " CUDA not available";
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	assert_span(res->level, RP_LEVEL, 4);
	assert_span(res->message, 17, strlen(line) - 17);
	assert_int_equal(res->emoji_len, 6);

	/* No emoji: the message starts with a letter. */
	line = "[14:05:11] ERROR: Environment already ready";
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_span(res->level, RP_LEVEL, 5);
	assert_span(res->message, 18, strlen(line) - 18);
	assert_int_equal(res->emoji_len, 0);
}

static void
test_judge_field(void **state)
{
	fixture *fx = fixture_text("format: t\n"
	    "line: '^(?<level>[A-Z]+)(?: (?<extra>x+))?: (?<message>.*)$'\n");
	const char *line = "INFO: " ROCKET " go";
	judge_span span;

	(void)state;
	judge_text(fx, line);
	assert_true(judge_field(fx->judge, "level", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_span(span, 0, 4);
	assert_true(judge_field(fx->judge, "message", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_span(span, 6, strlen(line) - 6);
	assert_true(judge_field(fx->judge, "emoji", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_span(span, 6, 4);
	assert_true(judge_field(fx->judge, "line", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_span(span, 0, strlen(line));
	/* A group that took no part in the match has no span. */
	assert_true(judge_field(fx->judge, "extra", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_int_equal(span.off, SIZE_MAX);
	assert_false(judge_field(fx->judge, "stream", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_false(judge_field(fx->judge, "nosuch", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));

	line = "INFO xx: y";
	judge_text(fx, line);
	assert_true(judge_field(fx->judge, "extra", line, strlen(line),
	    LC_STREAM_STDOUT, &fx->res, &span));
	assert_span(span, 5, 2);
}

/*
 * judge_record judges a record as judge_line its one line, and hands the
 * decoder's fields over beside the positions.
 */
static void
test_judge_record(void **state)
{
	fixture *fx = fixture_runpod();
	const char *text = "[14:03:22] WARN: " CROSS_MARK " Failed";
	lc_record rec = { .text = text, .len = strlen(text),
	    .line_count = 1 };
	const decode_result *d;
	judge_result *res;

	(void)state;
	judge_record(fx->judge, NULL, &rec, LC_STREAM_STDOUT, &fx->res);
	res = &fx->res;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "error-marker-level", SEVERITY_ERROR, RP_LEVEL,
	    "a message led by " CROSS_MARK " or \xf0\x9f\x92\xa5 must be "
	    "logged at level ERROR");
	d = res->decoded;
	assert_non_null(d);
	assert_int_equal(d->status, DECODE_OK);
	assert_int_equal(d->level.at, res->level.off);
	assert_int_equal(d->level.len, res->level.len);
	assert_memory_equal(d->level.text, "WARN", 4);
	assert_int_equal(d->message.at, res->message.off);
	assert_int_equal(d->emoji_len, res->emoji_len);
	assert_int_equal(res->emoji_len, strlen(CROSS_MARK));

	res = judge_text(fx, text);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_non_null(res->decoded);

	res = judge_text(fx, "Collecting torch==2.1.0");
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->decoded->status, DECODE_FOREIGN);
	assert_int_equal(res->decoded->message.at, DECODE_ABSENT);
}

static void
test_foreign_report(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res = judge_text(fx, "Collecting torch==2.1.0");

	(void)state;
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "foreign", SEVERITY_WARNING, 0,
	    "line does not match the runpod line format");
	assert_int_equal(res->time.off, SIZE_MAX);
	assert_int_equal(res->level.off, SIZE_MAX);
	assert_int_equal(res->message.off, SIZE_MAX);
	assert_int_equal(res->emoji_len, 0);

	/* pip's notice is foreign too: the level stops at a blank. */
	res = judge_text(fx,
	    "[notice] A new release of pip is available: 23.2.1 -> 24.0");
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	assert_string_equal(res->findings[0].rule, "foreign");
}

#define SIMPLE \
	"format: simple\nline: '^(?<level>[A-Z]+): (?<message>.*)$'\n"

static void
test_foreign_allow(void **state)
{
	fixture *fx = fixture_text(SIMPLE "foreign: allow\n");
	judge_result *res = judge_text(fx, "not a log line");

	(void)state;
	assert_int_equal(judge_severity(fx->judge, FINDING_FOREIGN),
	    SEVERITY_OFF);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 0);
}

static void
test_foreign_fail(void **state)
{
	fixture *fx = fixture_text(SIMPLE "foreign: fail\n");
	judge_result *res = judge_text(fx, "not a log line");

	(void)state;
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "foreign", SEVERITY_ERROR, 0,
	    "line does not match the simple line format");
}

/* An entry in severities wins over what `foreign` implies. */
static void
test_foreign_severity_wins(void **state)
{
	fixture *fx = fixture_text(SIMPLE "foreign: fail\n"
	    "severities: { foreign: warning }\n");
	judge_result *res = judge_text(fx, "not a log line");

	(void)state;
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "foreign", SEVERITY_WARNING, 0, NULL);

	fx = fixture_text(SIMPLE "foreign: fail\n"
	    "severities: { foreign: off }\n");
	res = judge_text(fx, "not a log line");
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 0);
}

static void
test_bad_level(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res = judge_text(fx, "[14:06:00] DEBUG: loading weights");

	(void)state;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "level", SEVERITY_ERROR, RP_LEVEL,
	    "level 'DEBUG' is not one of " RP_LEVELS);
	assert_span(res->level, RP_LEVEL, 5);

	/* Levels are case-sensitive. */
	res = judge_text(fx, "[14:06:01] info: x");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "level", SEVERITY_ERROR, RP_LEVEL,
	    "level 'info' is not one of " RP_LEVELS);

	/* An empty level token is not allowed either. */
	res = judge_text(fx, "[14:06:02] : x");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_finding(res, "level", SEVERITY_ERROR, RP_LEVEL,
	    "level '' is not one of " RP_LEVELS);
}

static void
test_level_any(void **state)
{
	fixture *fx = fixture_text(SIMPLE);
	judge_result *res = judge_text(fx, "WHATEVER: x");

	(void)state;
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
}

static void
test_bad_time(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res = judge_text(fx, "[14:6:01] INFO: Starting");

	(void)state;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	/* %M wants two digits where "6:" stands. */
	assert_finding(res, "time-format", SEVERITY_ERROR, RP_TIME + 3,
	    "time '14:6:01' does not match '%H:%M:%S': expected 2 digits");
	assert_span(res->time, RP_TIME, 7);

	res = judge_text(fx, "[25:00:00] INFO: x");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "time-format", SEVERITY_ERROR, RP_TIME,
	    "time '25:00:00' does not match '%H:%M:%S': "
	    "hour out of range (0-23)");

	res = judge_text(fx, "[14:07:60] INFO: leap second");
	assert_int_equal(res->finding_count, 0);

	res = judge_text(fx, "[14:07:61] INFO: x");
	assert_finding(res, "time-format", SEVERITY_ERROR, RP_TIME + 6, NULL);

	res = judge_text(fx, "[14:08:00.5] INFO: x");
	assert_finding(res, "time-format", SEVERITY_ERROR, RP_TIME + 8,
	    "time '14:08:00.5' does not match '%H:%M:%S': "
	    "trailing text after timestamp");

	/* An empty time: nothing where %H wants its digits. */
	res = judge_text(fx, "[] INFO: x");
	assert_finding(res, "time-format", SEVERITY_ERROR, RP_TIME, NULL);
}

static void
test_time_order(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res;

	(void)state;
	res = judge_text(fx, "[14:03:22] INFO: a");
	assert_int_equal(res->finding_count, 0);
	/* Equal times are in order. */
	res = judge_text(fx, "[14:03:22] INFO: b");
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "[14:03:20] INFO: c");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "time-order", SEVERITY_ERROR, RP_TIME,
	    "time '14:03:20' is earlier than the line before it on this "
	    "stream ('14:03:22')");
	/* The next line compares with the one that stepped back. */
	res = judge_text(fx, "[14:03:21] INFO: d");
	assert_int_equal(res->finding_count, 0);
	/* A bad time is not remembered. */
	res = judge_text(fx, "[99:03:21] INFO: e");
	assert_int_equal(res->finding_count, 1);
	assert_string_equal(res->findings[0].rule, "time-format");
	res = judge_text(fx, "[14:03:21] INFO: f");
	assert_int_equal(res->finding_count, 0);
	/* Foreign lines do not take part. */
	judge_text(fx, "23:59:59 is not a log line");
	res = judge_text(fx, "[14:03:21] INFO: g");
	assert_int_equal(res->finding_count, 0);
}

static void
test_time_order_midnight(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res;

	(void)state;
	judge_text(fx, "[23:59:58] INFO: a");
	res = judge_text(fx, "[00:00:03] INFO: b");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	/* The new day goes on from there. */
	res = judge_text(fx, "[00:00:01] INFO: c");
	assert_finding(res, "time-order", SEVERITY_ERROR, RP_TIME,
	    "time '00:00:01' is earlier than the line before it on this "
	    "stream ('00:00:03')");

	/* A step back of exactly 12 hours is a step back... */
	judge_text(fx, "[12:00:00] INFO: d");
	res = judge_text(fx, "[00:00:00] INFO: e");
	assert_int_equal(res->finding_count, 1);
	assert_string_equal(res->findings[0].rule, "time-order");
	/* ...one of more than 12 hours is a new day. */
	judge_text(fx, "[12:00:01] INFO: f");
	res = judge_text(fx, "[00:00:00] INFO: g");
	assert_int_equal(res->finding_count, 0);
}

/* Each judge_stream is one stream; NULL means no time order at all. */
static void
test_time_order_streams(void **state)
{
	fixture *fx = fixture_runpod();
	judge_stream out = { 0 }, err = { 0 };
	const char *late = "[10:00:00] INFO: late";
	const char *early = "[09:00:00] INFO: early";

	(void)state;
	judge_line(fx->judge, &out, late, strlen(late), LC_STREAM_STDOUT,
	    &fx->res);
	judge_line(fx->judge, &err, early, strlen(early), LC_STREAM_STDERR,
	    &fx->res);
	assert_int_equal(fx->res.finding_count, 0);
	judge_line(fx->judge, &out, early, strlen(early), LC_STREAM_STDOUT,
	    &fx->res);
	assert_int_equal(fx->res.finding_count, 1);
	assert_string_equal(fx->res.findings[0].rule, "time-order");
	assert_string_equal(out.last_time, "09:00:00");

	judge_line(fx->judge, NULL, late, strlen(late), LC_STREAM_STDOUT,
	    &fx->res);
	judge_line(fx->judge, NULL, early, strlen(early), LC_STREAM_STDOUT,
	    &fx->res);
	assert_int_equal(fx->res.finding_count, 0);
	assert_int_equal(fx->res.kind, LINE_CONFORMING);
}

/* A format with a date: any step back is a finding. */
static void
test_time_order_dated(void **state)
{
	fixture *fx = fixture_text("format: dated\n"
	    "line: '^(?<time>\\S+ \\S+) (?<message>.*)$'\n"
	    "time: '%Y-%m-%d %H:%M:%S'\n");
	judge_result *res;

	(void)state;
	judge_text(fx, "2024-01-02 23:59:58 a");
	res = judge_text(fx, "2024-01-02 00:00:03 b");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "time-order", SEVERITY_ERROR, 0, NULL);
	res = judge_text(fx, "2024-01-03 00:00:03 c");
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "2024-02-30 00:00:03 d");
	assert_finding(res, "time-format", SEVERITY_ERROR, 8,
	    "time '2024-02-30 00:00:03' does not match '%Y-%m-%d %H:%M:%S': "
	    "day out of range for the month");
}

#define EMOJI_RULES \
	"format: e\nline: '^(?<level>[A-Z]+) (?<message>.*)$'\n"

static void
test_emoji_none(void **state)
{
	fixture *fx = fixture_text(EMOJI_RULES "emoji: none\n");
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO " ROCKET " go");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_int_equal(res->emoji_len, 4);
	assert_finding(res, "emoji", SEVERITY_ERROR, 5,
	    "message starts with the emoji '" ROCKET "' (the rules allow "
	    "none)");
	res = judge_text(fx, "INFO " WARNING_SIGN " careful");
	assert_finding(res, "emoji", SEVERITY_ERROR, 5,
	    "message starts with the emoji '" WARNING_SIGN "' (the rules "
	    "allow none)");
	res = judge_text(fx, "INFO go " ROCKET);
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->emoji_len, 0);
}

static void
test_emoji_required(void **state)
{
	fixture *fx = fixture_text(EMOJI_RULES "emoji: required\n");
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO go");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "emoji", SEVERITY_ERROR, 5,
	    "message has no leading emoji (the rules require one)");
	res = judge_text(fx, "INFO ");
	assert_finding(res, "emoji", SEVERITY_ERROR, 5, NULL);

	/* One extended grapheme cluster, however many code points. */
	res = judge_text(fx, "INFO " FAMILY " family");
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->emoji_len, strlen(FAMILY));
	res = judge_text(fx, "INFO " FLAG_PL " flag");
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->emoji_len, 8);
	res = judge_text(fx, "INFO " WARNING_SIGN " w");
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->emoji_len, 6);
}

/*
 * emoji: required when the message group took no part in the match: the
 * message is "" and has no emoji, which the rules require.
 */
static void
test_emoji_required_absent_message(void **state)
{
	fixture *fx = fixture_text("format: e\n"
	    "line: '^(?<level>[A-Z]+)(?: (?<message>.+))?$'\n"
	    "emoji: required\n");
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO " ROCKET " go");
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "INFO");
	assert_int_equal(res->message.off, SIZE_MAX);
	assert_true(has_finding(res, "emoji"));
	assert_int_equal(res->kind, LINE_VIOLATING);
}

static void
test_emoji_optional(void **state)
{
	fixture *fx = fixture_text(EMOJI_RULES);
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO " ROCKET " go");
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->emoji_len, 4);
	res = judge_text(fx, "INFO go");
	assert_int_equal(res->finding_count, 0);
}

static void
test_runpod_checks(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res;

	(void)state;
	res = judge_text(fx, "[14:06:02] INFO: " CROSS_MARK " Upload failed");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "error-marker-level", SEVERITY_ERROR, RP_LEVEL,
	    "a message led by " CROSS_MARK " or \xf0\x9f\x92\xa5 must be "
	    "logged at level ERROR");
	res = judge_text(fx, "[14:06:03] ERROR: " CROSS_MARK " Upload failed");
	assert_int_equal(res->kind, LINE_CONFORMING);
	res = judge_text(fx, "[14:06:04] ERROR: " WARNING_SIGN " Disk full");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "warning-marker-level", SEVERITY_ERROR, RP_LEVEL,
	    "a message led by " WARNING_SIGN " must be logged at level WARN");
	/* A bare U+26A0, without the emoji selector, counts as well. */
	res = judge_text(fx, "[14:06:05] INFO: \xe2\x9a\xa0 Disk full");
	assert_int_equal(res->emoji_len, 3);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "warning-marker-level", SEVERITY_ERROR, RP_LEVEL,
	    NULL);
	/* A cross later in the message does not lead it. */
	res = judge_text(fx, "[14:06:05] INFO: done " CROSS_MARK);
	assert_int_equal(res->kind, LINE_CONFORMING);
}

#define CHECK_RULES \
	"format: c\n" \
	"line: '^(?<seq>\\d+) (?<level>[A-Z]+) (?<component>\\w+): " \
	    "(?<message>.*)$'\n" \
	"levels: [INFO, WARN, ERROR]\n" \
	"checks:\n" \
	"  - id: db-level\n" \
	"    when: { component: '^db$' }\n" \
	"    expect: { level: [WARN, ERROR] }\n" \
	"    message: db messages must be warnings or errors\n" \
	"  - id: stderr-errors\n" \
	"    severity: warning\n" \
	"    when: { stream: [stderr] }\n" \
	"    expect: { level: '^ERROR$' }\n" \
	"    message: only errors go to stderr\n" \
	"  - id: web-stdout\n" \
	"    when: { component: [web] }\n" \
	"    expect: { stream: [stdout] }\n" \
	"    message: web logs on stdout\n" \
	"  - id: no-tabs\n" \
	"    when: { line: \"\\t\" }\n" \
	"    expect: { message: '^[^\\t]*$' }\n" \
	"    message: no tabs in messages\n" \
	"  - id: both-wrong\n" \
	"    when: { component: [multi], seq: '^7' }\n" \
	"    expect: { message: '^ok', level: [ERROR] }\n" \
	"    message: multi must say ok at ERROR\n"

static void
test_check_sets_and_regexes(void **state)
{
	fixture *fx = fixture_text(CHECK_RULES);
	judge_result *res;

	(void)state;
	/* No check applies. */
	res = judge_on(fx, "1 INFO api: up", LC_STREAM_STDOUT);
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	/* The regex `when` holds, the set `expect` fails: at the level. */
	res = judge_on(fx, "12 INFO db: slow", LC_STREAM_STDOUT);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "db-level", SEVERITY_ERROR, 3,
	    "db messages must be warnings or errors");
	res = judge_on(fx, "12 WARN db: slow", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
	/* The regex is anchored by the rule: "dbx" is not "db". */
	res = judge_on(fx, "12 INFO dbx: slow", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
}

static void
test_check_stream_field(void **state)
{
	fixture *fx = fixture_text(CHECK_RULES);
	judge_result *res;

	(void)state;
	res = judge_on(fx, "1 WARN api: x", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
	res = judge_on(fx, "1 WARN api: x", LC_STREAM_UNKNOWN);
	assert_int_equal(res->finding_count, 0);
	res = judge_on(fx, "1 WARN api: x", LC_STREAM_STDERR);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "stderr-errors", SEVERITY_WARNING, 2,
	    "only errors go to stderr");
	res = judge_on(fx, "1 ERROR api: x", LC_STREAM_STDERR);
	assert_int_equal(res->finding_count, 0);

	/* `stream` in expect: it has no place in the line, so offset 0. */
	res = judge_on(fx, "1 ERROR web: x", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
	res = judge_on(fx, "1 ERROR web: x", LC_STREAM_UNKNOWN);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "web-stdout", SEVERITY_ERROR, 0,
	    "web logs on stdout");
	res = judge_on(fx, "1 INFO web: x", LC_STREAM_STDERR);
	assert_int_equal(res->finding_count, 2);
	assert_finding(res, "stderr-errors", SEVERITY_WARNING, 2, NULL);
	assert_finding(res, "web-stdout", SEVERITY_ERROR, 0, NULL);
}

static void
test_check_line_field(void **state)
{
	fixture *fx = fixture_text(CHECK_RULES);
	judge_result *res;

	(void)state;
	res = judge_on(fx, "1 INFO api: a\tb", LC_STREAM_STDOUT);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "no-tabs", SEVERITY_ERROR, 12,
	    "no tabs in messages");
	res = judge_on(fx, "1 INFO api: a b", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
}

/* Every `when` must hold; a failing check yields one finding only. */
static void
test_check_when_and_expect(void **state)
{
	fixture *fx = fixture_text(CHECK_RULES);
	judge_result *res;

	(void)state;
	res = judge_on(fx, "8 INFO multi: bad", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
	res = judge_on(fx, "7 INFO other: bad", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
	res = judge_on(fx, "70 INFO multi: bad", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "both-wrong", SEVERITY_ERROR, 15,
	    "multi must say ok at ERROR");
	res = judge_on(fx, "70 INFO multi: ok", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "both-wrong", SEVERITY_ERROR, 3, NULL);
	res = judge_on(fx, "70 ERROR multi: ok", LC_STREAM_STDOUT);
	assert_int_equal(res->finding_count, 0);
}

/* Checks apply to log lines only. */
static void
test_check_not_on_foreign(void **state)
{
	fixture *fx = fixture_text(CHECK_RULES "foreign: allow\n");
	judge_result *res;

	(void)state;
	res = judge_on(fx, "db\tweb", LC_STREAM_STDERR);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 0);
}

/* A field that took no part in the match is "". */
static void
test_check_absent_field(void **state)
{
	fixture *fx = fixture_text("format: a\n"
	    "line: '^(?<level>[A-Z]+)(?: \\[(?<tag>\\w+)\\])?: "
	    "(?<message>.*)$'\n"
	    "checks:\n"
	    "  - id: tagged\n"
	    "    when: { level: [ERROR] }\n"
	    "    expect: { tag: '.' }\n"
	    "    message: errors carry a tag\n"
	    "  - id: empty-tag\n"
	    "    when: { tag: [''] }\n"
	    "    expect: { message: '^untagged' }\n"
	    "    message: untagged lines say so\n");
	judge_result *res;

	(void)state;
	res = judge_text(fx, "ERROR: untagged boom");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "tagged", SEVERITY_ERROR, 0, "errors carry a tag");
	res = judge_text(fx, "ERROR [db]: boom");
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "INFO: boom");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "empty-tag", SEVERITY_ERROR, 6, NULL);
}

static void
test_encoding(void **state)
{
	fixture *fx = fixture_text("format: u\n"
	    "line: '^(?<level>[A-Z]+): (?<message>[^\\x{7f}]*)'\n");
	const char line[] = "INFO: caf\xe9 ok";
	judge_result *res;

	(void)state;
	judge_line(fx->judge, NULL, line, sizeof line - 1, LC_STREAM_STDOUT,
	    &fx->res);
	res = &fx->res;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "encoding", SEVERITY_ERROR, 9,
	    "invalid UTF-8 (byte 0xE9)");
	/* The match stops before the invalid byte. */
	assert_span(res->message, 6, 3);

	/* A truncated sequence at the end, and an overlong form. */
	res = judge_text(fx, "INFO: ok \xf0\x9f\x9a");
	assert_finding(res, "encoding", SEVERITY_ERROR, 9,
	    "invalid UTF-8 (byte 0xF0)");
	res = judge_text(fx, "INFO: \xc0\xaf");
	assert_finding(res, "encoding", SEVERITY_ERROR, 6,
	    "invalid UTF-8 (byte 0xC0)");
}

/*
 * A bad byte the pattern cannot match (`.` never matches invalid UTF-8)
 * does not make a log line foreign: the line is matched again with each
 * bad byte as '?'.  Offsets stay those of the line.
 */
static void
test_encoding_in_message(void **state)
{
	fixture *fx = fixture_runpod();
	judge_result *res = judge_text(fx, "[14:03:22] INFO: caf\xe9");

	(void)state;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "encoding", SEVERITY_ERROR, 20,
	    "invalid UTF-8 (byte 0xE9)");
	assert_span(res->time, RP_TIME, 8);
	assert_span(res->level, RP_LEVEL, 4);
	assert_span(res->message, 17, 4);

	/* Several bad bytes, and a valid character between them. */
	res = judge_text(fx, "[14:03:23] INFO: \xff" ROCKET " \xc0\xaf!");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "encoding", SEVERITY_ERROR, 17,
	    "invalid UTF-8 (byte 0xFF)");
	assert_span(res->message, 17, 9);
	assert_int_equal(res->emoji_len, 0);

	/* A bad byte in the level: a log line with a bad level. */
	res = judge_text(fx, "[14:03:24] IN\xff" "FO: x");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 2);
	assert_finding(res, "encoding", SEVERITY_ERROR, 13, NULL);
	assert_finding(res, "level", SEVERITY_ERROR, RP_LEVEL, NULL);

	/* Foreign with or without the bad byte: both findings. */
	res = judge_text(fx, "caf\xe9 noise");
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 2);
	assert_finding(res, "encoding", SEVERITY_ERROR, 3, NULL);
	assert_finding(res, "foreign", SEVERITY_WARNING, 0, NULL);

	/* The next clean line is judged as it is. */
	res = judge_text(fx, "[14:03:25] INFO: clean");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
}

static void
test_nul_and_control(void **state)
{
	fixture *fx = fixture_runpod();
	const char nul_line[] = "[14:03:22] INFO: a\0b";
	judge_result *res;

	(void)state;
	judge_line(fx->judge, NULL, nul_line, sizeof nul_line - 1,
	    LC_STREAM_STDOUT, &fx->res);
	res = &fx->res;
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "nul-byte", SEVERITY_ERROR, 18, "NUL byte in line");
	assert_span(res->message, 17, 3);

	res = judge_text(fx, "[14:03:22] INFO: \x1b[31mred\x1b[0m");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "control-char", SEVERITY_WARNING, 17,
	    "control character 0x1B (an ANSI escape sequence)");

	res = judge_text(fx, "[14:03:22] INFO: del\x7f");
	assert_finding(res, "control-char", SEVERITY_WARNING, 20,
	    "control character 0x7F");
	res = judge_text(fx, "[14:03:22] INFO: bell\a\x1b");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "control-char", SEVERITY_WARNING, 21,
	    "control character 0x07");

	/* A tab is fine. */
	res = judge_text(fx, "[14:03:22] INFO: a\tb");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);

	/* Both, each at its first place, and on a foreign line too. */
	const char both[] = "x\x1b y\0z\0\x1b";
	judge_line(fx->judge, NULL, both, sizeof both - 1, LC_STREAM_STDOUT,
	    &fx->res);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 3);
	assert_finding(res, "nul-byte", SEVERITY_ERROR, 4, NULL);
	assert_finding(res, "control-char", SEVERITY_WARNING, 1, NULL);
	assert_finding(res, "foreign", SEVERITY_WARNING, 0, NULL);
}

/*
 * The byte scan skips plain ASCII a word at a time: a NUL, a control
 * character or a high byte must be found at every offset and alignment,
 * with more of them after it on the same line.
 */
static void
test_bytes_every_offset(void **state)
{
	fixture *fx = fixture_text("format: any\nline: '^'\nforeign: fail\n");
	char line[64];
	const judge_result *res = &fx->res;

	(void)state;
	for (size_t len = 1; len <= sizeof line; len++) {
		for (size_t at = 0; at < len; at++) {
			memset(line, 'a', len);
			line[at] = '\0';
			judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT,
			    &fx->res);
			assert_int_equal(res->kind, LINE_VIOLATING);
			assert_int_equal(res->finding_count, 1);
			assert_finding(res, "nul-byte", SEVERITY_ERROR, at,
			    NULL);

			line[at] = '\x1f';
			if (at + 1 < len)
				line[len - 1] = '\x7f';
			judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT,
			    &fx->res);
			assert_int_equal(res->finding_count, 1);
			assert_finding(res, "control-char", SEVERITY_WARNING,
			    at, NULL);

			memset(line, 'a', len);
			line[at] = '\x80';
			judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT,
			    &fx->res);
			assert_int_equal(res->finding_count, 1);
			assert_finding(res, "encoding", SEVERITY_ERROR, at,
			    "invalid UTF-8 (byte 0x80)");

			/* Valid UTF-8 before the bad byte is skipped right. */
			if (at >= 2) {
				line[at - 2] = '\xc3';
				line[at - 1] = '\xa9';
				judge_line(fx->judge, NULL, line, len,
				    LC_STREAM_STDOUT, &fx->res);
				assert_int_equal(res->finding_count, 1);
				assert_finding(res, "encoding", SEVERITY_ERROR,
				    at, NULL);
			}

			/* A line of tabs has nothing to report. */
			memset(line, '\t', len);
			judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT,
			    &fx->res);
			assert_int_equal(res->finding_count, 0);
			assert_int_equal(res->kind, LINE_CONFORMING);
		}
	}
}

/* The same among valid two-byte characters: words with high bytes. */
static void
test_bytes_among_utf8(void **state)
{
	fixture *fx = fixture_text("format: any\nline: '^'\nforeign: fail\n");
	static const char bad[] = { '\0', '\x1b', '\x7f', '\xff' };
	static const char *const rule[] = {
		"nul-byte", "control-char", "control-char", "encoding"
	};
	char line[64];
	const judge_result *res = &fx->res;

	(void)state;
	for (size_t len = 2; len <= sizeof line; len += 2) {
		for (size_t at = 0; at < len; at += 2) {
			for (size_t k = 0; k < sizeof bad; k++) {
				for (size_t i = 0; i < len; i += 2)
					memcpy(line + i, "\xc3\xa9", 2);
				line[at] = bad[k];
				line[at + 1] = 'a';
				judge_line(fx->judge, NULL, line, len,
				    LC_STREAM_STDOUT, &fx->res);
				assert_int_equal(res->finding_count, 1);
				assert_finding(res, rule[k],
				    k == 0 || k == 3 ? SEVERITY_ERROR :
				    SEVERITY_WARNING, at, NULL);
			}
			for (size_t i = 0; i < len; i += 2)
				memcpy(line + i, "\xc3\xa9", 2);
			judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT,
			    &fx->res);
			assert_int_equal(res->finding_count, 0);
		}
	}
}

static void
test_severities_override(void **state)
{
	fixture *fx = fixture_text("format: s\n"
	    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>\\w*): (?<message>.*)$'\n"
	    "time: '%H:%M:%S'\n"
	    "levels: [INFO]\n"
	    "severities:\n"
	    "  control-char: off\n"
	    "  level: warning\n"
	    "  time-order: off\n"
	    "  encoding: warning\n");
	judge_result *res;

	(void)state;
	assert_int_equal(judge_severity(fx->judge, FINDING_CONTROL_CHAR),
	    SEVERITY_OFF);
	assert_int_equal(judge_severity(fx->judge, FINDING_LEVEL),
	    SEVERITY_WARNING);
	assert_int_equal(judge_severity(fx->judge, FINDING_NO_LOG_LINES),
	    SEVERITY_ERROR);
	res = judge_text(fx, "[10:00:00] INFO: \x1b[1mbold");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "[09:00:00] INFO: back in time");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
	res = judge_text(fx, "[09:00:01] WARN: x");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "level", SEVERITY_WARNING, 11,
	    "level 'WARN' is not one of INFO");
	res = judge_text(fx, "[09:00:02] INFO: \xff");
	assert_finding(res, "encoding", SEVERITY_WARNING, 17, NULL);
}

static const char *
long_run(size_t count, char fill, const char *tail)
{
	static char buffer[8192];

	assert_true(count + strlen(tail) < sizeof buffer);
	memset(buffer, fill, count);
	strcpy(buffer + count, tail);
	return buffer;
}

/* A runaway line pattern ends in a finding, and the line is foreign. */
static void
test_match_limit_line(void **state)
{
	fixture *fx = fixture_text("format: boom\nline: '^(a|aa)+$'\n");
	judge_result *res;
	const judge_finding *f;

	(void)state;
	res = judge_text(fx, "aaaa");
	assert_int_equal(res->kind, LINE_CONFORMING);
	res = judge_text(fx, long_run(5000, 'a', "b"));
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	f = finding(res, "match-limit");
	assert_int_equal(f->severity, SEVERITY_ERROR);
	assert_int_equal(f->at, 0);
	assert_string_equal(f->message, "the line pattern gave up on this "
	    "line (PCRE2: match limit exceeded; see 'limits'); counted as "
	    "foreign");
	assert_non_null(strstr(f->message, "counted as foreign"));
	assert_false(has_finding(res, "foreign"));
	/* The judge goes on working after it. */
	res = judge_text(fx, "aaaaa");
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
}

/* A runaway check pattern does not hold, and the line gets a finding. */
static void
test_match_limit_check(void **state)
{
	fixture *fx = fixture_text("format: boom\n"
	    "line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
	    "checks:\n"
	    "  - id: aaa\n"
	    "    when: { message: '^(a|aa)+$' }\n"
	    "    expect: { level: [A] }\n"
	    "    message: all a\n");
	char line[8300];
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO aaaa");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "aaa", SEVERITY_ERROR, 0, "all a");
	snprintf(line, sizeof line, "INFO %s", long_run(5000, 'a', "b"));
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "match-limit", SEVERITY_ERROR, 0,
	    "a check's pattern hit PCRE2's match limit on this line");

	fx = fixture_text("format: boom\n"
	    "line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
	    "severities: { match-limit: off }\n"
	    "checks:\n"
	    "  - id: aaa\n"
	    "    when: { message: '^(a|aa)+$' }\n"
	    "    expect: { level: [A] }\n"
	    "    message: all a\n");
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_CONFORMING);
	assert_int_equal(res->finding_count, 0);
}

/* `limits: {match: N}` is the limit: lower, a plain pattern gives up. */
static void
test_limits_match(void **state)
{
	fixture *fx = fixture_text("format: lim\nline: '^(a|aa)+$'\n"
	    "limits: {match: 20}\n");
	fixture *roomy = fixture_text("format: lim\nline: '^(a|aa)+$'\n"
	    "limits: {match: 100000000}\n");
	const char *line = long_run(22, 'a', "b");

	(void)state;
	assert_int_equal(judge_text(fx, "aaaa")->kind, LINE_CONFORMING);
	judge_result *res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_non_null(finding(res, "match-limit"));
	/* 2^22 steps fit in a hundred million: the line is simply foreign. */
	res = judge_text(roomy, line);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_non_null(finding(res, "foreign"));
	assert_false(has_finding(res, "match-limit"));
}

/* Judge len bytes of fill, the last one being last, on fx. */
static judge_result *
judge_long(fixture *fx, size_t len, char fill, char last)
{
	char *line = xmalloc(len);

	memset(line, fill, len - 1);
	line[len - 1] = last;
	judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT, &fx->res);
	free(line);
	return &fx->res;
}

/*
 * An unanchored pattern is tried at every position, each with its own
 * count: on a long line the limit is shared out, so that a pattern whose
 * every try is expensive gives up at once instead of taking minutes.
 */
static void
test_limits_unanchored_long_line(void **state)
{
	fixture *fx = fixture_text("format: lim\n"
	    "line: '(?:a|aa){1,14}c'\n");
	judge_result *res;

	(void)state;
	/* Short: every position gets the whole limit, and it matches. */
	res = judge_text(fx, long_run(100, 'a', "c"));
	assert_int_equal(res->kind, LINE_CONFORMING);
	res = judge_long(fx, 1024 * 1024, 'a', 'c');
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_non_null(finding(res, "match-limit"));
	/* The short line after it has the whole limit again. */
	res = judge_text(fx, long_run(100, 'a', "c"));
	assert_int_equal(res->kind, LINE_CONFORMING);
}

/*
 * Anchored, the pattern is tried once, with the whole limit: its 32766
 * steps on this line are well within it, so the line is simply foreign.
 */
static void
test_limits_anchored_long_line(void **state)
{
	fixture *fx = fixture_text("format: lim\n"
	    "line: '^(?:a|aa){1,14}c'\n");
	judge_result *res;

	(void)state;
	res = judge_long(fx, 1024 * 1024, 'a', 'c');
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_non_null(finding(res, "foreign"));
	assert_false(has_finding(res, "match-limit"));
}

/*
 * A JIT stack too small for a deep match is a finding, not a crash; a
 * larger one lets the match through.
 */
static void
test_limits_jit_stack(void **state)
{
	fixture *fx = fixture_text("format: lim\n"
	    "line: '^(?<message>(a|b(?1))*)$'\nlimits: {jit-stack: 32K}\n");
	fixture *roomy = fixture_text("format: lim\n"
	    "line: '^(?<message>(a|b(?1))*)$'\nlimits: {jit-stack: 64M}\n");
	size_t len = 200000;
	char *line = xmalloc(len);

	(void)state;
	for (size_t i = 0; i < len; i++)
		line[i] = i % 2 ? 'a' : 'b';
	judge_line(fx->judge, NULL, line, len, LC_STREAM_STDOUT, &fx->res);
	assert_int_equal(fx->res.kind, LINE_FOREIGN);
	assert_string_equal(finding(&fx->res, "match-limit")->message,
	    "the line pattern gave up on this line (PCRE2: JIT stack limit "
	    "reached; see 'limits'); counted as foreign");
	judge_line(roomy->judge, NULL, line, len, LC_STREAM_STDOUT,
	    &roomy->res);
	assert_int_equal(roomy->res.kind, LINE_CONFORMING);
	free(line);
}

/* Five thousand words, "done" after them: about 29 KB, NUL-terminated. */
static char *
words_line(void)
{
	static const char *const words[] = { "alpha", "beta", "gamma",
		"delta", "epsilon" };
	size_t cap = 5000 * 8 + 8, len = 0;
	char *line = xmalloc(cap);

	for (size_t i = 0; i < 5000; i++)
		len += (size_t)snprintf(line + len, cap - len, "%s ",
		    words[i % 5]);
	strcpy(line + len, "done");
	return line;
}

/*
 * A linear unanchored pattern needs more than its share of the limit at
 * the first position of a long line: the retry lets it through, with the
 * default limits and with `match` set (used at each position, no share).
 */
static void
test_limits_linear_long_line(void **state)
{
	fixture *fx = fixture_text("format: words\n"
	    "line: '(?<message>(\\w+ )+done)'\nmax-line: 4194304\n");
	fixture *set = fixture_text("format: words\n"
	    "line: '(?<message>(\\w+ )+done)'\nmax-line: 4194304\n"
	    "limits: {match: 100000}\n");
	char *line = words_line();

	(void)state;
	assert_true(strlen(line) > 29000);
	judge_result *res = judge_text(fx, line);
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->kind, LINE_CONFORMING);
	res = judge_text(set, line);
	assert_int_equal(res->finding_count, 0);
	assert_int_equal(res->kind, LINE_CONFORMING);
	free(line);
}

/* An expect that gave up is no violation: match-limit alone says so. */
static void
test_match_limit_expect(void **state)
{
	fixture *fx = fixture_text("format: boom\n"
	    "line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
	    "checks:\n"
	    "  - id: aaa\n"
	    "    when: { level: [INFO] }\n"
	    "    expect: { message: '^(a|aa)+$' }\n"
	    "    message: all a\n");
	char line[8300];
	judge_result *res;

	(void)state;
	res = judge_text(fx, "INFO aab");
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "aaa", SEVERITY_ERROR, 5, "all a");
	snprintf(line, sizeof line, "INFO %s", long_run(5000, 'a', "b"));
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "match-limit", SEVERITY_ERROR, 0,
	    "a check's pattern hit PCRE2's match limit on this line");
}

/* With match-limit off, a line the line pattern gave up on is foreign. */
static void
test_match_limit_off_foreign(void **state)
{
	fixture *fx = fixture_text("format: boom\nline: '^(a|aa)+$'\n"
	    "severities: { match-limit: off }\n");

	(void)state;
	judge_result *res = judge_text(fx, long_run(5000, 'a', "b"));
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "foreign", SEVERITY_WARNING, 0, "line does not "
	    "match the boom line format (the line pattern gave up on it)");
}

/*
 * After JUDGE_GIVE_UP_LINES (8) lines that hit the limit, a pattern is
 * given up for the stream: the line pattern's later lines are foreign
 * with a match-limit finding that says so, without trying it.
 */
static void
test_match_limit_give_up_line(void **state)
{
	fixture *fx = fixture_text("format: boom\nline: '^(a|aa)+$'\n");
	char line[8300];
	judge_result *res;

	(void)state;
	snprintf(line, sizeof line, "%s", long_run(33, 'a', "b"));
	for (int i = 0; i < 8; i++) {
		res = judge_text(fx, line);
		assert_int_equal(res->kind, LINE_FOREIGN);
		assert_string_equal(finding(res, "match-limit")->message,
		    "the line pattern gave up on this line (PCRE2: match "
		    "limit exceeded; see 'limits'); counted as foreign");
	}
	res = judge_text(fx, line);
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_int_equal(res->finding_count, 1);
	assert_string_equal(finding(res, "match-limit")->message,
	    "the line pattern was given up after it hit PCRE2's limits on 8 "
	    "lines (see 'limits'); counted as foreign");
	/* Given up for good: a line it would match is foreign too. */
	res = judge_text(fx, "aaaa");
	assert_int_equal(res->kind, LINE_FOREIGN);
	assert_non_null(finding(res, "match-limit"));
}

/* A check's condition given up does not hold, with a match-limit finding. */
static void
test_match_limit_give_up_check(void **state)
{
	fixture *fx = fixture_text("format: boom\n"
	    "line: '^(?<level>[A-Z]+) (?<message>.*)$'\n"
	    "checks:\n"
	    "  - id: aaa\n"
	    "    when: { message: '^((a|aa)+)+$' }\n"
	    "    expect: { level: [A] }\n"
	    "    message: all a\n");
	char line[8300];
	judge_result *res;

	(void)state;
	snprintf(line, sizeof line, "INFO %s", long_run(33, 'a', "b"));
	for (int i = 0; i < 8; i++) {
		res = judge_text(fx, line);
		assert_finding(res, "match-limit", SEVERITY_ERROR, 0,
		    "a check's pattern hit PCRE2's match limit on this line");
	}
	res = judge_text(fx, "INFO aaaa");
	assert_int_equal(res->kind, LINE_VIOLATING);
	assert_int_equal(res->finding_count, 1);
	assert_finding(res, "match-limit", SEVERITY_ERROR, 0, "a check's "
	    "pattern was given up after it hit PCRE2's match limit on 8 "
	    "lines (see 'limits')");
}

static void
test_result_add(void **state)
{
	judge_result res = { 0 };

	(void)state;
	judge_result_add(&res, "mine", SEVERITY_WARNING, 3, xstrdup("one"));
	judge_result_add(&res, "mine", SEVERITY_OFF, 4, xstrdup("silenced"));
	for (int i = 0; i < 20; i++)
		judge_result_add(&res, "more", SEVERITY_ERROR, (size_t)i,
		    xasprintf("n%d", i));
	assert_int_equal(res.finding_count, 21);
	assert_true(res.finding_cap >= 21);
	assert_string_equal(res.findings[0].rule, "mine");
	assert_int_equal(res.findings[0].severity, SEVERITY_WARNING);
	assert_int_equal(res.findings[0].at, 3);
	assert_string_equal(res.findings[0].message, "one");
	assert_string_equal(res.findings[20].message, "n19");
	judge_result_free(&res);
	assert_null(res.findings);
	assert_int_equal(res.finding_count, 0);
}

/* One result through many lines: findings are replaced, never leaked. */
static void
test_result_reuse(void **state)
{
	fixture *fx = fixture_runpod();
	char line[128];
	size_t findings = 0;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		judge_result *res;
		switch (i % 5) {
		case 0:
			snprintf(line, sizeof line, "[10:%02d:%02d] INFO: "
			    "ok %d", i / 60 % 60, i % 60, i);
			break;
		case 1:
			snprintf(line, sizeof line, "[10:%02d:%02d] NOPE: "
			    CROSS_MARK " \x1b %d", i / 60 % 60, i % 60, i);
			break;
		case 2:
			snprintf(line, sizeof line, "foreign \xff %d", i);
			break;
		case 3:
			snprintf(line, sizeof line, "[1:%02d] INFO: %d", i % 60,
			    i);
			break;
		default:
			snprintf(line, sizeof line, "[00:00:00] WARN: %d", i);
			break;
		}
		judge_line(fx->judge, &fx->order, line, strlen(line),
		    LC_STREAM_STDERR, &fx->res);
		res = &fx->res;
		switch (i % 5) {
		case 0:
			assert_int_equal(res->finding_count, 0);
			break;
		case 1:
			/* level, control-char, error-marker-level */
			assert_int_equal(res->finding_count, 3);
			assert_finding(res, "error-marker-level",
			    SEVERITY_ERROR, RP_LEVEL, NULL);
			break;
		case 2:
			assert_int_equal(res->finding_count, 2);
			break;
		case 3:
			assert_int_equal(res->finding_count, 1);
			break;
		default:
			assert_int_equal(res->finding_count, 1);
			assert_string_equal(res->findings[0].rule,
			    "time-order");
			break;
		}
		findings += res->finding_count;
	}
	assert_int_equal(findings, 600 * (0 + 3 + 2 + 1 + 1));
	assert_true(fx->res.finding_cap <= 4);
}

/* Every test with its teardown, which frees what a failed test left. */
#define TEST(name)	cmocka_unit_test_teardown(name, fixtures_free)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_free_null),
		TEST(test_builtin_ids),
		TEST(test_default_severities),
		TEST(test_conforming_runpod),
		TEST(test_judge_field),
		TEST(test_judge_record),
		TEST(test_foreign_report),
		TEST(test_foreign_allow),
		TEST(test_foreign_fail),
		TEST(test_foreign_severity_wins),
		TEST(test_bad_level),
		TEST(test_level_any),
		TEST(test_bad_time),
		TEST(test_time_order),
		TEST(test_time_order_midnight),
		TEST(test_time_order_streams),
		TEST(test_time_order_dated),
		TEST(test_emoji_none),
		TEST(test_emoji_required),
		TEST(test_emoji_required_absent_message),
		TEST(test_emoji_optional),
		TEST(test_runpod_checks),
		TEST(test_check_sets_and_regexes),
		TEST(test_check_stream_field),
		TEST(test_check_line_field),
		TEST(test_check_when_and_expect),
		TEST(test_check_not_on_foreign),
		TEST(test_check_absent_field),
		TEST(test_encoding),
		TEST(test_encoding_in_message),
		TEST(test_nul_and_control),
		TEST(test_bytes_every_offset),
		TEST(test_bytes_among_utf8),
		TEST(test_severities_override),
		TEST(test_match_limit_line),
		TEST(test_match_limit_check),
		TEST(test_limits_match),
		TEST(test_limits_unanchored_long_line),
		TEST(test_limits_anchored_long_line),
		TEST(test_limits_jit_stack),
		TEST(test_limits_linear_long_line),
		TEST(test_match_limit_expect),
		TEST(test_match_limit_off_foreign),
		TEST(test_match_limit_give_up_line),
		TEST(test_match_limit_give_up_check),
		TEST(test_result_add),
		TEST(test_result_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
