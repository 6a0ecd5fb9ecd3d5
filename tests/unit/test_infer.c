/*
 * Unit tests for infer: formats learned from lines, the rule files written
 * for them (they must load and their samples must verify), streams, foreign
 * lines, failures and determinism.
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

#include "util/error.h"
#include "learn/infer.h"
#include "decode/rules.h"
#include "judge/judge.h"
#include "judge/samples.h"

/* The seed format's pattern, as rules/runpod.yaml has it. */
#define RUNPOD_LINE \
	"^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): (?<message>.*)$"

/*
 * What an inferred time pattern allows after the seconds: any fraction, and
 * with a date a zone, so that a timestamp that gained or lost either is a
 * time-format finding rather than a foreign line.
 */
#define FRACTION	"(?:[.,]\\d+)?"
#define ZONE		"(?:Z|[+-]\\d{2}(?::?\\d{2})?)?"

static const char *const seed_lines[] = {
	"[14:03:22] INFO: 🚀 Setting up environment at runtime...",
	"[14:03:22] INFO: Environment already ready",
	"[14:04:51] INFO: ✅ PyTorch installed successfully",
	"[14:05:10] WARN: ⚠️ CUDA not available, falling back to CPU",
	"[14:05:11] ERROR: ❌ Failed to install PyTorch",
	"[14:05:12] INFO: 📦 Loading model 'sdxl' from \"/runpod-volume\"",
	"[14:05:13] INFO: it's C:\\models\\sdxl # not a comment",
	"[14:05:14] ERROR: 💥 Worker crashed",
};
#define SEED_COUNT (sizeof seed_lines / sizeof seed_lines[0])

static void
add(infer *in, const char *line, lc_stream stream)
{
	infer_add(in, line, strlen(line), stream);
}

static void
add_all(infer *in, const char *const *lines, size_t count, lc_stream stream)
{
	for (size_t i = 0; i < count; i++)
		add(in, lines[i], stream);
}

/* Finish, failing the test with the cause when nothing was learned. */
static void
finish_ok(infer *in, infer_format *f)
{
	char *cause = NULL;

	if (infer_finish(in, f, &cause) != 0)
		fail_msg("infer_finish failed: %s", cause);
	assert_null(cause);
}

static void
same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Rules built from f in memory are the rules its rule file loads to. */
static void
same_rules(const rules *loaded, const infer_format *f, const char *name)
{
	char *cause = NULL;
	rules *built = infer_rules(f, name, &cause);

	if (built == NULL)
		fail_msg("infer_rules: %s", cause);
	same_string(built->format, loaded->format);
	same_string(built->description, loaded->description);
	same_string(built->line_pattern, loaded->line_pattern);
	same_string(built->time_format, loaded->time_format);
	same_string(built->continuation_pattern, loaded->continuation_pattern);
	assert_int_equal(built->continuation_regex != NULL,
	    loaded->continuation_regex != NULL);
	assert_int_equal(built->time_group, loaded->time_group);
	assert_int_equal(built->level_group, loaded->level_group);
	assert_int_equal(built->message_group, loaded->message_group);
	assert_int_equal(built->level_count, loaded->level_count);
	for (size_t i = 0; i < built->level_count; i++)
		assert_string_equal(built->levels[i], loaded->levels[i]);
	assert_int_equal(built->emoji, loaded->emoji);
	assert_int_equal(built->streams, loaded->streams);
	assert_int_equal(built->foreign, loaded->foreign);
	assert_int_equal(built->max_line, loaded->max_line);
	assert_int_equal(built->flush_ns, loaded->flush_ns);
	assert_int_equal(built->flush_given, loaded->flush_given);
	assert_int_equal(built->match_limit, loaded->match_limit);
	assert_int_equal(built->depth_limit, loaded->depth_limit);
	assert_int_equal(built->jit_stack, loaded->jit_stack);
	assert_int_equal(built->check_count, 0);
	assert_int_equal(built->severity_count, loaded->severity_count);
	for (size_t i = 0; i < built->severity_count; i++) {
		assert_string_equal(built->severity_ids[i],
		    loaded->severity_ids[i]);
		assert_int_equal(built->severity_values[i],
		    loaded->severity_values[i]);
	}
	assert_int_equal(built->sample_count, loaded->sample_count);
	for (size_t i = 0; i < built->sample_count; i++) {
		const rules_sample *a = &built->samples[i];
		const rules_sample *b = &loaded->samples[i];
		assert_string_equal(a->line, b->line);
		assert_int_equal(a->foreign, b->foreign);
		assert_int_equal(a->field_count, b->field_count);
		for (size_t k = 0; k < a->field_count; k++) {
			assert_string_equal(a->field_names[k],
			    b->field_names[k]);
			assert_string_equal(a->field_values[k],
			    b->field_values[k]);
		}
	}
	rules_free(built);
}

/*
 * The rule file for f must load and its samples verify, to the rules that
 * infer_rules builds; returns the rules for more checks (caller frees).
 */
static rules *
load_yaml(const infer_format *f, const char *name)
{
	char *yaml = infer_rules_yaml(f, name);
	lc_error err;
	rules *r = rules_load_text("inferred.yaml", yaml, strlen(yaml), &err);

	if (r == NULL)
		fail_msg("%s:%lu:%lu: %s\n%s", err.source, err.line, err.column,
		    err.text, yaml);
	if (samples_verify(r, &err) != 0)
		fail_msg("sample at %lu:%lu: %s\n%s", err.line, err.column,
		    err.text, yaml);
	assert_string_equal(r->format, name != NULL ? name : "inferred");
	assert_string_equal(r->line_pattern, f->line_pattern);
	same_string(r->continuation_pattern, f->continuation);
	assert_int_equal(r->sample_count, f->sample_count);
	if (f->time_format != NULL)
		assert_string_equal(r->time_format, f->time_format);
	else
		assert_null(r->time_format);
	assert_int_equal(r->level_count, f->level_count);
	for (size_t i = 0; i < f->level_count; i++)
		assert_string_equal(r->levels[i], f->levels[i]);
	assert_int_equal(r->emoji, f->emoji);
	assert_int_equal(r->streams, f->streams);
	assert_int_equal(r->foreign, FOREIGN_REPORT);
	same_rules(r, f, name);
	free(yaml);
	return r;
}

static void
check_levels(const infer_format *f, const char *const *want, size_t count)
{
	assert_int_equal(f->level_count, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(f->levels[i], want[i]);
}

/* Learn from lines on one stream; the result must load. */
static void
learn(const char *const *lines, size_t count, lc_stream stream,
    infer_format *f)
{
	infer *in = infer_new();

	add_all(in, lines, count, stream);
	finish_ok(in, f);
	infer_free(in);
	rules_free(load_yaml(f, "learned"));
}

/* The pattern must take in line and give it these fields (NULL: none). */
static void
check_match(const infer_format *f, const char *line, const char *time,
    const char *level, const char *message)
{
	char *yaml = infer_rules_yaml(f, NULL);
	lc_error err;
	rules *r = rules_load_text("x", yaml, strlen(yaml), &err);
	pcre2_match_data *md;
	const char *names[] = { "time", "level", "message" };
	const char *want[] = { time, level, message };

	assert_non_null(r);
	md = pcre2_match_data_create_from_pattern(r->line_regex, NULL);
	if (pcre2_match(r->line_regex, (PCRE2_SPTR)line, strlen(line), 0, 0,
	    md, NULL) < 0)
		fail_msg("'%s' does not match %s", line, f->line_pattern);
	for (size_t i = 0; i < 3; i++) {
		PCRE2_UCHAR *value = NULL;
		PCRE2_SIZE len;
		int rc = pcre2_substring_get_byname(md,
		    (PCRE2_SPTR)names[i], &value, &len);
		if (want[i] == NULL) {
			if (rc == 0)
				fail_msg("'%s' has a %s field", line, names[i]);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' has no %s field", line, names[i]);
		assert_string_equal((char *)value, want[i]);
		pcre2_substring_free(value);
	}
	pcre2_match_data_free(md);
	rules_free(r);
	free(yaml);
}

/* Whether pattern (compiled as a rule file's) matches line. */
static bool
pattern_matches(const char *pattern, const char *line)
{
	int error;
	PCRE2_SIZE offset;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error,
	    &offset, NULL);
	assert_non_null(code);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code,
	    NULL);
	int rc = pcre2_match(code, (PCRE2_SPTR)line, strlen(line), 0, 0, md,
	    NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}

static bool
matches(const infer_format *f, const char *line)
{
	return pattern_matches(f->line_pattern, line);
}

/* The seed format from both streams: rules/runpod.yaml, learned. */
static void
test_seed_both_streams(void **state)
{
	(void)state;
	infer *in = infer_new();
	infer_format f;
	static const char *const levels[] = { "INFO", "WARN", "ERROR" };

	/* As the worker writes them: each line to stdout, then stderr. */
	for (size_t i = 0; i < SEED_COUNT; i++) {
		add(in, seed_lines[i], LC_STREAM_STDOUT);
		add(in, seed_lines[i], LC_STREAM_STDERR);
	}
	finish_ok(in, &f);
	infer_free(in);

	assert_string_equal(f.line_pattern, RUNPOD_LINE);
	assert_string_equal(f.skeleton, "[TIME] LEVEL: MESSAGE");
	assert_string_equal(f.time_format, "%H:%M:%S");
	check_levels(&f, levels, 3);
	assert_int_equal(f.emoji, EMOJI_OPTIONAL);
	assert_true(f.emoji_share > 0.74 && f.emoji_share < 0.76);
	assert_int_equal(f.streams, STREAMS_BOTH);
	assert_int_equal(f.lines, 2 * SEED_COUNT);
	assert_int_equal(f.fitting, 2 * SEED_COUNT);
	assert_int_equal(f.sample_count, 5);
	/* One sample per level first, in the order they came. */
	assert_string_equal(f.samples[0].line, seed_lines[0]);
	assert_string_equal(f.samples[0].time, "14:03:22");
	assert_string_equal(f.samples[0].level, "INFO");
	assert_string_equal(f.samples[0].message,
	    "🚀 Setting up environment at runtime...");
	assert_string_equal(f.samples[0].emoji, "🚀");
	assert_string_equal(f.samples[1].emoji, "");
	assert_string_equal(f.samples[3].level, "WARN");
	assert_string_equal(f.samples[3].emoji, "⚠️");
	assert_string_equal(f.samples[4].level, "ERROR");

	rules *r = load_yaml(&f, "runpod-inferred");
	assert_int_equal(r->time_group != 0, true);
	assert_int_equal(r->level_group != 0, true);
	rules_free(r);
	infer_format_free(&f);
	/* Freeing twice is harmless: the format is left empty. */
	infer_format_free(&f);
	infer_format_free(NULL);
}

/* Quotes, backslashes and '#' survive the trip through YAML. */
static void
test_yaml_quoting(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[10:00:00] INFO: it's \"quoted\" C:\\dir # no comment",
		"[10:00:01] INFO: 'single' and ''double''",
		"[10:00:02] INFO: ends with a backslash \\",
		"[10:00:03] INFO: key: value, [list], {map}, & * ! | > %",
	};
	infer_format f;

	learn(lines, 4, LC_STREAM_STDOUT, &f);
	assert_int_equal(f.sample_count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(f.samples[i].line, lines[i]);
	/* Names are the caller's; the default is "inferred". */
	rules_free(load_yaml(&f, NULL));
	infer_format_free(&f);
}

/* Characters YAML cannot hold as they are go in escaped. */
static void
test_yaml_escapes(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[10:00:00] INFO: tab\there",
		"[10:00:01] INFO: next line \xc2\x85 (U+0085)",
		"[10:00:02] INFO: line separator \xe2\x80\xa8 (U+2028)",
		"[10:00:03] INFO: byte order mark \xef\xbb\xbf (U+FEFF)",
		"[10:00:04] INFO: \xc2\xa0no-break space and \xf0\x9f\x98\x80",
	};
	infer_format f;

	learn(lines, 5, LC_STREAM_STDOUT, &f);
	assert_int_equal(f.sample_count, 5);
	char *yaml = infer_rules_yaml(&f, NULL);
	assert_non_null(strstr(yaml, "\"[10:00:00] INFO: tab\\there\""));
	assert_non_null(strstr(yaml, "next line \\x85 (U+0085)"));
	assert_non_null(strstr(yaml, "separator \\u2028 (U+2028)"));
	assert_non_null(strstr(yaml, "mark \\uFEFF (U+FEFF)"));
	/* Printable text outside ASCII stays as it is, single-quoted. */
	assert_non_null(strstr(yaml, "'[10:00:04] INFO: \xc2\xa0no-break"));
	free(yaml);
	infer_format_free(&f);
}

/* pip and tracebacks among the log lines do not change the layout. */
static void
test_foreign_lines(void **state)
{
	(void)state;
	static const char *const pip[] = {
		"Collecting torch==2.1.0",
		"  Downloading torch-2.1.0-cp310-cp310-manylinux1_x86_64.whl "
		    "(670.2 MB)",
		"[notice] A new release of pip is available: 23.2.1 -> 24.0",
		"ERROR: Could not find a version that satisfies the "
		    "requirement nothing",
		"Traceback (most recent call last):",
		"  File \"/app/handler.py\", line 12, in handler",
		"ValueError: input.prompt is required",
		"WARNING: Running pip as the 'root' user",
		"Successfully installed torch-2.1.0",
	};
	static const char *const levels[] = { "INFO", "WARN", "ERROR" };
	infer *in = infer_new();
	infer_format f;

	for (size_t i = 0; i < SEED_COUNT; i++) {
		add(in, pip[i % 9], LC_STREAM_STDOUT);
		add(in, seed_lines[i], LC_STREAM_STDOUT);
		add(in, pip[(i + 3) % 9], LC_STREAM_STDOUT);
	}
	add(in, pip[8], LC_STREAM_STDOUT);
	finish_ok(in, &f);
	infer_free(in);

	assert_string_equal(f.line_pattern, RUNPOD_LINE);
	check_levels(&f, levels, 3);
	assert_int_equal(f.lines, 3 * SEED_COUNT + 1);
	assert_int_equal(f.fitting, SEED_COUNT);
	assert_int_equal(f.streams, STREAMS_STDOUT);
	assert_false(matches(&f, pip[2]));
	assert_false(matches(&f, pip[3]));
	/* A log line with a bad value is still a log line. */
	assert_true(matches(&f, "[14:6:01] DEBUG: loading weights"));
	rules_free(load_yaml(&f, "runpod"));
	infer_format_free(&f);
}

/* Many small layouts cannot push out the one that is most frequent. */
static void
test_many_layouts_bounded(void **state)
{
	(void)state;
	static const char punct[] = "#%&*+=~@";
	infer *in = infer_new();
	infer_format f;
	char line[64];
	size_t seed = 0;

	for (size_t i = 0; i < 64; i++) {
		for (size_t k = 0; k < 8; k++) {
			snprintf(line, sizeof line, "%c%c ERROR: noise %zu",
			    punct[i % 8], punct[k % 8], k);
			add(in, line, LC_STREAM_STDOUT);
		}
		add(in, seed_lines[i % SEED_COUNT], LC_STREAM_STDOUT);
		seed++;
	}
	/* The seed lines lead by count once the noise stops. */
	for (size_t i = 0; i < 200; i++, seed++)
		add(in, seed_lines[i % SEED_COUNT], LC_STREAM_STDOUT);
	finish_ok(in, &f);
	infer_free(in);

	assert_string_equal(f.line_pattern, RUNPOD_LINE);
	assert_int_equal(f.lines, 64 * 8 + seed);
	assert_true(f.fitting <= seed && f.fitting >= 200);
	rules_free(load_yaml(&f, "noisy"));
	infer_format_free(&f);
}

/* A layout that reads a few lines of many makes no profile. */
static void
test_few_lines_fit_refused(void **state)
{
	(void)state;
	infer *in = infer_new();
	infer_format f;
	char *cause = NULL, line[64];

	for (size_t i = 0; i < 95; i++) {
		snprintf(line, sizeof line, "banner line %zu of a program", i);
		add(in, line, LC_STREAM_STDOUT);
	}
	for (size_t i = 0; i < 5; i++)
		add(in, seed_lines[0], LC_STREAM_STDOUT);
	assert_int_equal(infer_finish(in, &f, &cause), -1);
	assert_non_null(strstr(cause, "reads only 5 of the 100 lines"));
	free(cause);
	infer_free(in);

	/* Ten in a hundred are enough. */
	in = infer_new();
	for (size_t i = 0; i < 90; i++) {
		snprintf(line, sizeof line, "banner line %zu of a program", i);
		add(in, line, LC_STREAM_STDOUT);
	}
	for (size_t i = 0; i < 10; i++)
		add(in, seed_lines[0], LC_STREAM_STDOUT);
	finish_ok(in, &f);
	assert_int_equal(f.fitting, 10);
	infer_format_free(&f);
	infer_free(in);
}

static void
test_streams(void **state)
{
	(void)state;
	infer *in;
	infer_format f;

	/* Only on stderr. */
	in = infer_new();
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_STDERR);
	finish_ok(in, &f);
	assert_int_equal(f.streams, STREAMS_STDERR);
	infer_format_free(&f);
	infer_free(in);

	/* Both streams, one log line missing from stderr. */
	in = infer_new();
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_STDOUT);
	add_all(in, seed_lines, SEED_COUNT - 1, LC_STREAM_STDERR);
	finish_ok(in, &f);
	assert_int_equal(f.streams, STREAMS_ANY);
	infer_format_free(&f);
	infer_free(in);

	/* Both streams, same lines, another order. */
	in = infer_new();
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_STDOUT);
	for (size_t i = SEED_COUNT; i-- > 0;)
		add(in, seed_lines[i], LC_STREAM_STDERR);
	finish_ok(in, &f);
	assert_int_equal(f.streams, STREAMS_ANY);
	infer_format_free(&f);
	infer_free(in);

	/* Both streams, same log lines, foreign lines on one only. */
	in = infer_new();
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_STDOUT);
	add(in, "Collecting torch==2.1.0", LC_STREAM_STDERR);
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_STDERR);
	finish_ok(in, &f);
	assert_int_equal(f.streams, STREAMS_BOTH);
	rules_free(load_yaml(&f, "both"));
	infer_format_free(&f);
	infer_free(in);

	/* A single file of unknown stream: no policy. */
	in = infer_new();
	add_all(in, seed_lines, SEED_COUNT, LC_STREAM_UNKNOWN);
	finish_ok(in, &f);
	assert_int_equal(f.streams, STREAMS_ANY);
	infer_format_free(&f);
	infer_free(in);
}

static void
test_iso8601_zone_millis(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2024-01-02T03:04:05.123Z INFO starting",
		"2024-01-02T03:04:05.456Z DEBUG config loaded",
		"2024-01-02T03:04:06.000Z ERROR failed: timeout",
	};
	static const char *const levels[] = { "DEBUG", "INFO", "ERROR" };
	infer_format f;

	learn(lines, 3, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%Y-%m-%dT%H:%M:%S.%3N%z");
	assert_string_equal(f.skeleton, "TIME LEVEL MESSAGE");
	check_levels(&f, levels, 3);
	assert_int_equal(f.emoji, EMOJI_NONE);
	check_match(&f, lines[2], "2024-01-02T03:04:06.000Z", "ERROR",
	    "failed: timeout");
	/* As strict as the format: a value out of range keeps its place,
	   digits of another width do not. */
	assert_true(matches(&f, "2024-13-02T03:04:05.100Z INFO x"));
	assert_false(matches(&f, "2024-1-02T03:04:05.1Z INFO x"));
	assert_false(matches(&f, "Successfully installed torch-2.1.0"));
	infer_format_free(&f);
}

/* Fractions of varying length and offsets: the format that parses all. */
static void
test_iso8601_offset_fraction(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[2024-01-02T03:04:05.5+01:00] [INFO] one",
		"[2024-01-02T03:04:05.123456+01:00] [INFO] two",
		"[2024-01-02T03:04:05.123-05:30] [WARNING] three",
		"[2024-01-02T03:04:05.12+00:00] [INFO] four",
	};
	infer_format f;

	learn(lines, 4, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%Y-%m-%dT%H:%M:%S.%f%z");
	assert_string_equal(f.skeleton, "[TIME] [LEVEL] MESSAGE");
	assert_string_equal(f.line_pattern, "^\\[(?<time>[^\\]]*)\\] "
	    "\\[(?<level>[^\\]\\s]*)\\] (?<message>.*)$");
	check_match(&f, lines[2], "2024-01-02T03:04:05.123-05:30", "WARNING",
	    "three");
	infer_format_free(&f);

	static const char *const plain[] = {
		"2024-01-02T03:04:05 | info | a",
		"2024-01-02T03:04:06 | info | b",
	};
	learn(plain, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%Y-%m-%dT%H:%M:%S");
	assert_string_equal(f.skeleton, "TIME | LEVEL | MESSAGE");
	check_match(&f, plain[1], "2024-01-02T03:04:06", "info", "b");
	infer_format_free(&f);
}

/* Most lines decide: the odd one out gets a finding, not the format. */
static void
test_time_majority(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2024-01-02 03:04:05.123456 INFO a",
		"2024-01-02 03:04:05.654321 INFO b",
		"2024-01-02 03:04:06 INFO c",
		"2024-01-02 03:04:07.000001 INFO d",
	};
	infer_format f;

	learn(lines, 4, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%Y-%m-%d %H:%M:%S.%6N");
	/* One shape takes every width: no alternatives. */
	assert_string_equal(f.line_pattern, "^(?<time>"
	    "\\d{4}-\\d{2}-\\d{2} +\\d{2}:\\d{2}:\\d{2}" FRACTION ZONE
	    ") (?<level>\\S*) (?<message>.*)$");
	assert_int_equal(f.fitting, 4);
	/* The line without a fraction fits the layout all the same. */
	check_match(&f, lines[2], "2024-01-02 03:04:06", "INFO", "c");
	infer_format_free(&f);

	static const char *const none[] = {
		"2024-01-02 03:04:05 NOTICE a",
		"2024-01-02 03:04:06 NOTICE b",
	};
	learn(none, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%Y-%m-%d %H:%M:%S");
	infer_format_free(&f);
}

/* Python logging: '%(asctime)s - %(name)s - %(levelname)s - %(message)s'. */
static void
test_python_asctime(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2024-01-02 03:04:05,678 - root - WARNING - disk low",
		"2024-01-02 03:04:05,912 - uvicorn.error - INFO - Application "
		    "startup complete.",
		"2024-01-02 03:04:06,001 - app.worker - ERROR - ❌ job 42 "
		    "failed - timeout after 30s",
		"2024-01-02 03:04:07,002 - app.worker - CRITICAL - out of "
		    "memory",
	};
	static const char *const levels[] = {
		"INFO", "WARNING", "ERROR", "CRITICAL"
	};
	infer_format f;

	learn(lines, 4, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%Y-%m-%d %H:%M:%S,%3N");
	assert_string_equal(f.skeleton,
	    "TIME - WORD - LEVEL - MESSAGE");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{4}-\\d{2}-\\d{2} +"
	    "\\d{2}:\\d{2}:\\d{2}" FRACTION ZONE ") - (?<field>\\S+) - "
	    "(?<level>\\S*) - "
	    "(?<message>.*)$");
	check_levels(&f, levels, 4);
	assert_int_equal(f.streams, STREAMS_STDERR);
	assert_int_equal(f.emoji, EMOJI_OPTIONAL);
	check_match(&f, lines[2], "2024-01-02 03:04:06,001", "ERROR",
	    "❌ job 42 failed - timeout after 30s");
	assert_string_equal(f.samples[2].emoji, "❌");
	assert_false(matches(&f, "Traceback (most recent call last):"));
	infer_format_free(&f);
}

/* '%(asctime)s %(levelname)-8s %(message)s': padding is layout. */
static void
test_padded_levels(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2024-01-02 03:04:05,678 INFO     🚀 started",
		"2024-01-02 03:04:05,912 WARNING  ⚠️ disk low",
		"2024-01-02 03:04:06,001 CRITICAL 💥 gone",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_STDERR, &f);
	assert_string_equal(f.skeleton, "TIME LEVEL MESSAGE");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{4}-\\d{2}-\\d{2} +"
	    "\\d{2}:\\d{2}:\\d{2}" FRACTION ZONE ") (?<level>\\S*) +"
	    "(?<message>.*)$");
	/* Every message starts with an emoji once the padding is off. */
	assert_int_equal(f.emoji, EMOJI_REQUIRED);
	assert_true(f.emoji_share == 1.0);
	check_match(&f, lines[0], "2024-01-02 03:04:05,678", "INFO",
	    "🚀 started");
	infer_format_free(&f);
}

/* Go's log package: date and time, no level. */
static void
test_go_log(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2009/11/10 23:00:00 Hello, playground",
		"2024/01/02 03:04:05 listening on :8080",
		"2024/01/02 03:04:05 main.go:42: config loaded",
		"2024/01/02 03:04:06 error: cannot open db",
		"2024/01/02 03:04:07 retrying in 5s",
		"panic: runtime error: invalid memory address",
		"goroutine 1 [running]:",
	};
	infer_format f;

	learn(lines, 7, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%Y/%m/%d %H:%M:%S");
	assert_string_equal(f.skeleton, "TIME MESSAGE");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{4}/\\d{2}/\\d{2} +"
	    "\\d{2}:\\d{2}:\\d{2}" FRACTION ZONE ") (?<message>.*)$");
	assert_int_equal(f.level_count, 0);
	assert_null(f.levels);
	/* The line whose message starts like a level fits all the same. */
	assert_int_equal(f.fitting, 5);
	assert_int_equal(f.lines, 7);
	check_match(&f, lines[3], "2024/01/02 03:04:06", NULL,
	    "error: cannot open db");
	assert_null(f.samples[0].level);
	assert_false(matches(&f, lines[5]));
	infer_format_free(&f);

	/* log.Lmicroseconds. */
	static const char *const micro[] = {
		"2024/01/02 03:04:05.123456 listening",
		"2024/01/02 03:04:05.223456 serving",
	};
	learn(micro, 2, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%Y/%m/%d %H:%M:%S.%6N");
	infer_format_free(&f);
}

/* BSD syslog, with <PRI> and a space-padded day. */
static void
test_syslog(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"<34>Oct 11 22:14:15 mymachine su: 'su root' failed for "
		    "lonvick on /dev/pts/8",
		"<13>Feb  5 17:32:18 10.0.0.99 systemd-logind[642]: New "
		    "session 12 of user deploy.",
		"<30>Nov 24 14:03:22 gpu-node-7 kernel: [ 1234.567890] NVRM: "
		    "Xid 79",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%b %e %H:%M:%S");
	/* The host and "name[pid]:" are header fields, not the message. */
	assert_string_equal(f.skeleton, "<PRI>TIME HOST COMPONENT: MESSAGE");
	assert_string_equal(f.line_pattern, "^<(?<pri>\\d+)>(?<time>"
	    "[A-Za-z]+ +[ \\d]\\d +\\d{2}:\\d{2}:\\d{2}" FRACTION
	    ") (?<host>\\S+) +"
	    "(?<component>[^\\s\\[]*?)(?:\\[(?<pid>\\d+)\\])?: +"
	    "(?<message>.*)$");
	assert_int_equal(f.streams, STREAMS_ANY);
	check_match(&f, lines[1], "Feb  5 17:32:18", NULL,
	    "New session 12 of user deploy.");
	infer_format_free(&f);

	/* Without PRI, as syslogd writes files, and with a level. */
	static const char *const file[] = {
		"Oct  3 06:25:01 web-01 app[20411]: INFO: started",
		"Oct  3 06:25:02 web-01 app[20411]: ERROR: stopped",
	};
	learn(file, 2, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.skeleton,
	    "TIME WORD WORD]: LEVEL: MESSAGE");
	assert_string_equal(f.line_pattern, "^(?<time>[A-Za-z]+ +[ \\d]\\d +"
	    "\\d{2}:\\d{2}:\\d{2}" FRACTION ") (?<field>\\S+) "
	    "(?<field2>[^\\]\\s]+)\\]: "
	    "(?<level>[^:\\s]*): (?<message>.*)$");
	check_match(&f, file[1], "Oct  3 06:25:02", "ERROR", "stopped");
	infer_format_free(&f);
}

/* Time of day with milliseconds, as ',' and as '.'. */
static void
test_time_of_day_fractions(void **state)
{
	(void)state;
	static const char *const comma[] = {
		"03:04:05,678 INFO a", "03:04:06,001 WARN b",
	};
	static const char *const dot[] = {
		"(03:04:05.678) debug: a", "(03:04:06.001) debug: b",
	};
	static const char *const bare[] = {
		"03:04:05 INFO a", "03:04:06 INFO b",
	};
	infer_format f;

	learn(comma, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%H:%M:%S,%3N");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{2}:\\d{2}:\\d{2}"
	    FRACTION ") (?<level>\\S*) (?<message>.*)$");
	infer_format_free(&f);

	learn(dot, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%H:%M:%S.%3N");
	assert_string_equal(f.line_pattern, "^\\((?<time>[^)]*)\\) "
	    "(?<level>[^:\\s]*): (?<message>.*)$");
	infer_format_free(&f);

	learn(bare, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%H:%M:%S");
	infer_format_free(&f);
}

static void
test_twelve_hour(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"03:04:05 PM INFO served",
		"11:59:59 AM WARN slow",
		"12:00:00 PM INFO noon",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%I:%M:%S %p");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{2}:\\d{2}:\\d{2}"
	    FRACTION " +"
	    "[A-Za-z]+) (?<level>\\S*) (?<message>.*)$");
	check_match(&f, lines[1], "11:59:59 AM", "WARN", "slow");
	infer_format_free(&f);
}

static void
test_epoch_seconds(void **state)
{
	(void)state;
	static const char *const whole[] = {
		"1704164645 INFO a", "1704164646 ERROR b",
	};
	static const char *const micro[] = {
		"1704164645.123456 [INFO] a", "1704164646.000001 [INFO] b",
	};
	infer_format f;

	learn(whole, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%s");
	check_match(&f, whole[1], "1704164646", "ERROR", "b");
	infer_format_free(&f);

	learn(micro, 2, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%s.%6N");
	infer_format_free(&f);

	/* A number that is no epoch (too few digits) is no timestamp. */
	static const char *const counts[] = {
		"12345 items", "678 items",
	};
	infer *in = infer_new();
	char *cause = NULL;
	add_all(in, counts, 2, LC_STREAM_STDOUT);
	assert_int_equal(infer_finish(in, &f, &cause), -1);
	assert_non_null(cause);
	free(cause);
	infer_free(in);
}

/* Epoch milliseconds: timefmt's "%s%3N". */
static void
test_epoch_milliseconds(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"1704164645678 info: ✅ a",
		"1704164645999 info: ✅ b",
		"1704164646001 error: ❌ c",
	};
	static const char *const levels[] = { "info", "error" };
	infer_format f;

	learn(lines, 3, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.time_format, "%s%3N");
	assert_string_equal(f.line_pattern, "^(?<time>\\d{13}) "
	    "(?<level>[^:\\s]*): (?<message>.*)$");
	check_levels(&f, levels, 2);
	assert_int_equal(f.emoji, EMOJI_REQUIRED);
	assert_string_equal(f.samples[0].time, "1704164645678");
	infer_format_free(&f);
}

/*
 * Under the rules learned from lines, each line of drifted is a log line
 * whose one finding is time-format, at the timestamp: never foreign.
 */
static void
check_time_drift(const char *const *lines, size_t count,
    const char *const *drifted, size_t drifted_count)
{
	infer_format f;
	char *cause = NULL;
	rules *r;
	judge *j;
	judge_result res = { 0 };

	learn(lines, count, LC_STREAM_STDERR, &f);
	assert_int_equal(f.other_times, 0);
	if ((r = infer_rules(&f, NULL, &cause)) == NULL)
		fail_msg("infer_rules: %s", cause);
	j = judge_new(r);
	for (size_t i = 0; i < count; i++) {
		judge_line(j, NULL, lines[i], strlen(lines[i]),
		    LC_STREAM_STDERR, &res);
		if (res.kind != LINE_CONFORMING)
			fail_msg("'%s' does not conform to %s", lines[i],
			    f.line_pattern);
	}
	for (size_t i = 0; i < drifted_count; i++) {
		judge_line(j, NULL, drifted[i], strlen(drifted[i]),
		    LC_STREAM_STDERR, &res);
		if (res.kind != LINE_VIOLATING)
			fail_msg("'%s' is %s under %s (time '%s'), not a "
			    "time-format finding", drifted[i],
			    res.kind == LINE_FOREIGN ? "foreign" :
			    "conforming", f.line_pattern, f.time_format);
		assert_int_equal(res.finding_count, 1);
		assert_string_equal(res.findings[0].rule, "time-format");
		assert_int_equal(res.time.off, 0);
	}
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	infer_format_free(&f);
}

/* A timestamp that gains or loses a fraction or a zone is a time finding. */
static void
test_changed_time_is_time_finding(void **state)
{
	(void)state;
	/* Go's log, then log.Lmicroseconds on some lines. */
	static const char *const go[] = {
		"2026/12/06 10:00:01 worker: step 1 done",
		"2026/12/06 10:00:03 worker: step 3 done",
	};
	static const char *const go_micro[] = {
		"2026/12/06 10:00:02.123456 worker: step 2 done",
		"2026/12/06 10:00:04,5 worker: step 4 done",
	};
	/* Six digits, then three, none, or a zone gained. */
	static const char *const micro[] = {
		"2026-12-06T10:00:01.123456 INFO a",
		"2026-12-06T10:00:02.654321 WARN b",
	};
	static const char *const micro_drift[] = {
		"2026-12-06T10:00:03.123 INFO c",
		"2026-12-06T10:00:04 INFO d",
		"2026-12-06T10:00:05.123456Z INFO e",
		"2026-12-06T10:00:06.123456+01:00 INFO f",
	};
	/* A zone, after a space or not, lost. */
	static const char *const zoned[] = {
		"2026-12-06 10:00:01 +0000 INFO a",
		"2026-12-06 10:00:02 +0000 INFO b",
	};
	static const char *const zoned_drift[] = {
		"2026-12-06 10:00:03 INFO c",
	};
	static const char *const iso_zone[] = {
		"2026-12-06T10:00:01.123Z INFO a",
		"2026-12-06T10:00:02.456Z INFO b",
	};
	static const char *const iso_zone_drift[] = {
		"2026-12-06T10:00:03.789 INFO c",
		"2026-12-06T10:00:04Z INFO d",
	};
	/* Python's comma, written as a dot. */
	static const char *const comma[] = {
		"2026-12-06 10:00:01,123 INFO a",
		"2026-12-06 10:00:02,456 ERROR b",
	};
	static const char *const comma_drift[] = {
		"2026-12-06 10:00:03.789 INFO c",
		"2026-12-06 10:00:04 INFO d",
	};
	/* Time of day alone, and epoch seconds. */
	static const char *const day[] = {
		"10:00:01 INFO a", "10:00:02 INFO b",
	};
	static const char *const day_drift[] = {
		"10:00:03.250 INFO c",
	};
	static const char *const epoch[] = {
		"1704164645.123 INFO a", "1704164646.456 INFO b",
	};
	static const char *const epoch_drift[] = {
		"1704164647 INFO c", "1704164648.123456 INFO d",
	};

	check_time_drift(go, 2, go_micro, 2);
	check_time_drift(micro, 2, micro_drift, 4);
	check_time_drift(zoned, 2, zoned_drift, 1);
	check_time_drift(iso_zone, 2, iso_zone_drift, 2);
	check_time_drift(comma, 2, comma_drift, 2);
	check_time_drift(day, 2, day_drift, 1);
	check_time_drift(epoch, 2, epoch_drift, 2);
}

/*
 * A capture whose own lines write the time two ways passes its profile:
 * time-format is a warning there, with a comment saying why.
 */
static void
test_capture_with_two_time_formats(void **state)
{
	(void)state;
	/* Go's log, one logger with log.Lmicroseconds. */
	static const char *const lines[] = {
		"2026/12/06 22:22:31 starting indexer v0.7.3",
		"2026/12/06 22:22:31 indexed 1204 files in 2.31s",
		"2026/12/06 22:22:31.503417 timing: merge took 842ms",
		"2026/12/06 22:22:32 ready",
	};
	infer_format f;
	char *cause = NULL, *yaml;
	judge_result res = { 0 };

	learn(lines, 4, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%Y/%m/%d %H:%M:%S");
	assert_int_equal(f.other_times, 1);
	yaml = infer_rules_yaml(&f, NULL);
	assert_non_null(strstr(yaml, "\n# 1 line of the captures this was "
	    "inferred from writes the time in\n# another format than "
	    "'%Y/%m/%d %H:%M:%S'"));
	assert_non_null(strstr(yaml, "\nseverities: { time-format: warning "
	    "}\n"));
	free(yaml);

	rules *r = infer_rules(&f, NULL, &cause);
	assert_non_null(r);
	judge *j = judge_new(r);
	judge_line(j, NULL, lines[2], strlen(lines[2]), LC_STREAM_STDERR,
	    &res);
	assert_int_equal(res.kind, LINE_VIOLATING);
	assert_int_equal(res.finding_count, 1);
	assert_string_equal(res.findings[0].rule, "time-format");
	assert_int_equal(res.findings[0].severity, SEVERITY_WARNING);
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	infer_format_free(&f);

	/* A time with a date more is a bad line, and stays an error. */
	static const char *const dated[] = {
		"[14:03:22] INFO: a", "[14:03:23] INFO: b",
		"[2026-11-24 14:03:24] INFO: c", "[14:03:25] INFO: d",
	};
	learn(dated, 4, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%H:%M:%S");
	assert_int_equal(f.other_times, 0);
	infer_format_free(&f);

	/* Epoch seconds with and without a fraction are alike. */
	static const char *const epoch[] = {
		"1704164645 INFO a", "1704164646.25 INFO b",
		"1704164647 INFO c",
	};
	learn(epoch, 3, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%s");
	assert_int_equal(f.other_times, 1);
	infer_format_free(&f);
}

/*
 * Learned from lines, the continuation pattern takes every body line and
 * no log line, and the line pattern takes no body line.
 */
static void
check_bodies(const char *const *lines, size_t count, const bool *body)
{
	infer_format f;

	learn(lines, count, LC_STREAM_STDERR, &f);
	if (f.continuation == NULL)
		fail_msg("no continuation learned for %s", f.line_pattern);
	for (size_t i = 0; i < count; i++) {
		if (pattern_matches(f.continuation, lines[i]) != body[i])
			fail_msg("continuation %s %s '%s'", f.continuation,
			    body[i] ? "misses" : "takes", lines[i]);
		if (body[i] && pattern_matches(f.line_pattern, lines[i]))
			fail_msg("line %s takes the body line '%s'",
			    f.line_pattern, lines[i]);
	}
	infer_format_free(&f);
}

/* Tracebacks and stack traces after log lines: a continuation. */
static void
test_continuation(void **state)
{
	(void)state;
	/* uvicorn: the exception line would else be a level of its own. */
	static const char *const python[] = {
		"INFO:     Started server process [25762]",
		"ERROR:    Exception in ASGI application",
		"Traceback (most recent call last):",
		"  File \"/srv/app.py\", line 6, in price",
		"    return 100 / item[\"qty\"]",
		"           ~~~~^~~~~~~~~~~~~",
		"ZeroDivisionError: division by zero",
		"INFO:     Shutting down",
		"WARNING:  quota at 95%",
	};
	static const bool python_body[] = {
		false, false, true, true, true, true, true, false, false
	};
	/* log4j2's default layout, a stack trace with its cause. */
	static const char *const java[] = {
		"20:41:13.787 [main] INFO  com.example.Main - starting",
		"20:41:13.790 [main] ERROR com.example.Main - order failed",
		"java.lang.IllegalStateException: no stock",
		"\tat com.example.Shop.place(Shop.java:10)",
		"\tat com.example.Main.main(Main.java:5)",
		"Caused by: java.io.IOException: disk full",
		"\t... 2 more",
		"20:41:13.791 [main] WARN  com.example.Main - retrying",
	};
	static const bool java_body[] = {
		false, false, true, true, true, true, true, false
	};

	check_bodies(python, 9, python_body);
	check_bodies(java, 8, java_body);

	/* Not after a log line, or of no known form: none. */
	static const char *const none[] = {
		"  an indented banner",
		"ValueError: before any log line",
		"INFO: started",
		"a bare line",
		"  indented after a bare line",
		"INFO: stopped",
	};
	infer_format f;
	learn(none, 6, LC_STREAM_STDOUT, &f);
	assert_null(f.continuation);
	/* And without an exception, the line pattern refuses nothing. */
	assert_string_equal(f.line_pattern,
	    "^(?<level>[^:\\s]*): (?<message>.*)$");
	infer_format_free(&f);

	/* A message's indented lines alone: those, and no trace forms. */
	static const char *const indented[] = {
		"2026-12-06 10:00:01 INFO config:",
		"  workers = 4",
		"2026-12-06 10:00:02 INFO ready",
	};
	learn(indented, 3, LC_STREAM_STDOUT, &f);
	assert_string_equal(f.continuation, "^(?:[ \\t])");
	infer_format_free(&f);
}

/*
 * Ruby's Logger: the severity's letter before the time, ANY for UNKNOWN,
 * a backtrace after the record.
 */
static void
test_ruby_logger(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"D, [2026-12-06T22:25:09.380563 #1088] DEBUG -- : Loading",
		"I, [2026-12-06T22:25:09.380617 #1088]  INFO -- : starting",
		"E, [2026-12-06T22:25:09.380681 #1088] ERROR -- : key not "
		    "found: \"qty\" (KeyError)",
		"/tmp/app.rb:15:in `fetch'",
		"/tmp/app.rb:19:in `<main>'",
		"A, [2026-12-06T22:25:09.380829 #1088]   ANY -- billing: "
		    "Record with the UNKNOWN level",
		"I, [2026-12-06T22:25:09.380831 #1088]  INFO -- mailer: "
		    "Connected",
		"W, [2026-12-06T22:25:09.380838 #1088]  WARN -- retry: "
		    "Retrying in 5s",
	};
	static const char *const levels[] = {
		"DEBUG", "INFO", "WARN", "ERROR", "ANY"
	};
	infer_format f;

	learn(lines, 8, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%Y-%m-%dT%H:%M:%S.%6N");
	check_levels(&f, levels, 5);
	assert_true(matches(&f, lines[5]));
	assert_non_null(f.continuation);
	assert_true(pattern_matches(f.continuation, lines[3]));
	assert_false(pattern_matches(f.continuation, lines[0]));
	infer_format_free(&f);
}

/*
 * java.util.logging's SimpleFormatter: a header of time and source, then
 * a line of level and message; one pattern spans both, the second line
 * continues the header's record.
 */
static void
test_two_line_records(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"Dec 06, 2026 10:14:59 PM com.example.shop.Main main",
		"INFO: Starting shop service version 2.3.1",
		"Dec 06, 2026 10:14:59 PM com.example.shop.Main main",
		"CONFIG: Loaded configuration from /etc/shop/shop.properties",
		"Dec 06, 2026 10:14:59 PM com.example.shop.Main main",
		"WARNING: Rejected order A-1002",
		"java.lang.IllegalArgumentException: quantity must be positive",
		"\tat com.example.shop.OrderService.place(OrderService.java:10)",
		"Dec 06, 2026 10:15:00 PM com.example.shop.Main lambda$main$0",
		"SEVERE: Payment failed for order A-1003",
	};
	static const char *const levels[] = {
		"CONFIG", "INFO", "WARNING", "SEVERE"
	};
	static const char record[] =
	    "Dec 06, 2026 10:15:00 PM com.example.shop.Main main\n"
	    "SEVERE: Payment failed for order A-1003";
	infer_format f;
	char *cause = NULL;
	judge_result res = { 0 };

	learn(lines, 10, LC_STREAM_STDERR, &f);
	assert_string_equal(f.time_format, "%b %d, %Y %-I:%M:%S %p");
	assert_string_equal(f.skeleton, "TIME SOURCE / LEVEL: MESSAGE");
	check_levels(&f, levels, 4);
	assert_non_null(f.continuation);
	for (size_t i = 0; i < 10; i++) {
		/* Headers start records; every other line continues one. */
		bool header = strncmp(lines[i], "Dec ", 4) == 0;
		if (pattern_matches(f.continuation, lines[i]) == header)
			fail_msg("continuation %s %s '%s'", f.continuation,
			    header ? "takes" : "misses", lines[i]);
	}
	rules *r = infer_rules(&f, NULL, &cause);
	assert_non_null(r);
	judge *j = judge_new(r);
	/* A record of two lines, as the reader joins them. */
	lc_record rec = {
		.text = record, .len = strlen(record), .line_count = 2,
		.full_len = strlen(record),
		.first = { .text = record, .len = strchr(record, '\n') -
		    record, .number = 1, .newline = true },
	};
	rec.first.full_len = rec.first.len;
	judge_record(j, NULL, &rec, LC_STREAM_STDERR, &res);
	if (res.kind != LINE_CONFORMING)
		fail_msg("the record is not conforming: %s",
		    res.finding_count > 0 ? res.findings[0].message :
		    "foreign");
	assert_int_equal(res.level.len, 6);
	assert_memory_equal(record + res.level.off, "SEVERE", 6);
	judge_result_free(&res);
	judge_free(j);
	rules_free(r);
	infer_format_free(&f);
}

/* Go slog's levels between its own ("ERROR+4") are levels of the layout. */
static void
test_offset_levels(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2026/12/06 22:25:00 INFO server starting version=1.22.0",
		"2026/12/06 22:25:00 WARN slow request duration=1.5s",
		"2026/12/06 22:25:00 ERROR+4 custom level above ERROR",
		"2026/12/06 22:25:00 WARN+1 custom level between",
		"2026/12/06 22:25:00 ERROR request failed",
	};
	static const char *const levels[] = {
		"INFO", "WARN", "WARN+1", "ERROR", "ERROR+4"
	};
	infer_format f;

	learn(lines, 5, LC_STREAM_STDERR, &f);
	/* Every line has the layout, the level its whole token. */
	assert_int_equal(f.fitting, 5);
	check_match(&f, lines[2], "2026/12/06 22:25:00", "ERROR+4",
	    "custom level above ERROR");
	/* In the vocabulary's order, by offset beside the word. */
	check_levels(&f, levels, 5);
	infer_format_free(&f);
}

/* Levels keep their case, in the vocabulary's order. */
static void
test_lowercase_levels(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2024/01/02 03:04:05 [error] 1234#5678: *9 open() failed",
		"2024/01/02 03:04:05 [notice] 1#1: start worker processes",
		"2024/01/02 03:04:05 [warn] 1#1: conflicting server name",
		"2024/01/02 03:04:06 [Info] 1#1: mixed case kept",
		"2024/01/02 03:04:07 [INFO] 1#1: upper kept apart",
		"2024/01/02 03:04:08 [iNfO] 1#1: odd case: a word",
	};
	static const char *const levels[] = {
		"INFO", "Info", "notice", "warn", "error"
	};
	infer_format f;

	learn(lines, 6, LC_STREAM_STDERR, &f);
	/* nginx's "PID#TID:" is a header field. */
	assert_string_equal(f.skeleton, "TIME [LEVEL] COMPONENT: MESSAGE");
	check_levels(&f, levels, 5);
	assert_int_equal(f.fitting, 6);
	check_match(&f, lines[0], "2024/01/02 03:04:05", "error",
	    "*9 open() failed");
	infer_format_free(&f);
}

/* The value of a named group of f's pattern in line (caller frees). */
static char *
group_of(const infer_format *f, const char *line, const char *name)
{
	int error;
	PCRE2_SIZE offset, len;
	PCRE2_UCHAR *value = NULL;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)f->line_pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error, &offset, NULL);
	pcre2_match_data *md;
	char *copy = NULL;

	assert_non_null(code);
	md = pcre2_match_data_create_from_pattern(code, NULL);
	if (pcre2_match(code, (PCRE2_SPTR)line, strlen(line), 0, 0, md,
	    NULL) >= 0 && pcre2_substring_get_byname(md, (PCRE2_SPTR)name,
	    &value, &len) == 0) {
		copy = strdup((char *)value);
		pcre2_substring_free(value);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return copy;
}

static void
check_group(const infer_format *f, const char *line, const char *name,
    const char *want)
{
	char *got = group_of(f, line, name);

	if (got == NULL)
		fail_msg("'%s' has no %s under %s", line, name,
		    f->line_pattern);
	assert_string_equal(got, want);
	free(got);
}

/* Hadoop's "yyMMdd HHmmss pid LEVEL logger: message". */
static void
test_two_digit_year_logger(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"081109 203615 148 INFO dfs.DataNode$PacketResponder: "
		    "PacketResponder 1 for block blk_3886 terminating",
		"081109 203807 222 WARN dfs.FSNamesystem: BLOCK* "
		    "NameSystem.allocateBlock: /mnt/x",
		"081109 204005 35 INFO dfs.DataNode: Receiving block blk_1",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%y%m%d %H%M%S");
	assert_string_equal(f.skeleton, "TIME WORD LEVEL COMPONENT: MESSAGE");
	check_match(&f, lines[1], "081109 203807", "WARN",
	    "BLOCK* NameSystem.allocateBlock: /mnt/x");
	check_group(&f, lines[0], "component",
	    "dfs.DataNode$PacketResponder");
	check_group(&f, lines[0], "pid", "148");
	/* Strict: a time of another width is not this layout. */
	assert_false(matches(&f, "81109 203615 148 INFO a: b"));
	infer_format_free(&f);
}

/* A timestamp after a header word; a context in brackets after a logger. */
static void
test_time_after_words(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"nova-api.log.1 2017-05-16 00:00:00.008 25746 INFO "
		    "nova.wsgi.server [req-38 113d - - -] 10.1.1.1 \"GET /\"",
		"nova-api.log.1 2017-05-16 00:00:01.272 25746 WARNING "
		    "nova.compute [req-39 113d - - -] Unknown base file",
		"nova-compute.log.2 2017-05-16 00:00:02.001 2931 INFO "
		    "nova.compute.manager [req-40 - - - -] Took 1.2 seconds",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%Y-%m-%d %H:%M:%S.%3N");
	check_match(&f, lines[2], "2017-05-16 00:00:02.001", "INFO",
	    "Took 1.2 seconds");
	check_group(&f, lines[1], "context", "req-39 113d - - -");
	check_group(&f, lines[1], "component", "nova.compute");
	infer_format_free(&f);
}

/* java.util.logging's and logcat's levels are levels. */
static void
test_wide_levels(void **state)
{
	(void)state;
	static const char *const logcat[] = {
		"03-17 16:13:38.811  1702  2395 D WindowManager: freezing",
		"03-17 16:13:38.819  1702  8671 I PowerManager: wake lock",
		"03-17 16:13:38.839  1702  2113 W ActivityManager: slow",
	};
	static const char *const letters[] = { "D", "I", "W" };
	static const char *const java[] = {
		"2026-12-06 20:41:08 SEVERE Connection refused",
		"2026-12-06 20:41:09 FINE opened pool",
		"2026-12-06 20:41:10 INFO started",
	};
	static const char *const words[] = { "FINE", "INFO", "SEVERE" };
	infer_format f;

	learn(logcat, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%m-%d %H:%M:%S.%3N");
	check_levels(&f, letters, 3);
	check_match(&f, logcat[2], "03-17 16:13:38.839", "W", "slow");
	check_group(&f, logcat[2], "component", "ActivityManager");
	infer_format_free(&f);

	learn(java, 3, LC_STREAM_UNKNOWN, &f);
	check_levels(&f, words, 3);
	infer_format_free(&f);
}

/* A padded column after the level, and '|'-separated columns. */
static void
test_columns(void **state)
{
	(void)state;
	static const char *const padded[] = {
		"2016-09-28 04:30:30, Info                  CBS    Loaded "
		    "Servicing Stack",
		"2016-09-28 04:30:31, Warning               CSI    Wcp "
		    "called (stack)",
		"2016-09-28 04:30:32, Info                  CBS    Ending "
		    "TrustedInstaller",
	};
	static const char *const piped[] = {
		"20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 1",
		"20171223-22:15:29:615|Step_LSC|30002312|onExtend:15 14 0 4",
		"20171223-22:15:29:633|Step_StandReportReceiver|30002312|"
		    "onReceive action: android.intent.action.SCREEN_ON",
	};
	infer_format f;

	learn(padded, 3, LC_STREAM_UNKNOWN, &f);
	/* Padding is " +": a longer level is not a foreign line. */
	assert_non_null(strstr(f.line_pattern, " +"));
	assert_null(strstr(f.line_pattern, " {"));
	check_match(&f, padded[1], "2016-09-28 04:30:31", "Warning",
	    "Wcp called (stack)");
	infer_format_free(&f);

	learn(piped, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%Y%m%d-%H:%M:%S:%3N");
	check_match(&f, piped[2], "20171223-22:15:29:633", NULL,
	    "onReceive action: android.intent.action.SCREEN_ON");
	check_group(&f, piped[2], "field", "Step_StandReportReceiver");
	infer_format_free(&f);
}

/* A ctime in brackets; epoch seconds after a label. */
static void
test_ctime_and_epoch_later(void **state)
{
	(void)state;
	static const char *const apache[] = {
		"[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok",
		"[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error",
		"[Sun Dec 04 04:51:08 2005] [error] [client 1.2.3.4] "
		    "Directory index forbidden",
	};
	static const char *const bgl[] = {
		"- 1117838570 2005.06.03 R02-M1 RAS KERNEL INFO cache parity",
		"APPREAD 1117869872 2005.06.04 R04-M1 RAS APP FATAL ciod: "
		    "failed",
		"- 1117838573 2005.06.03 R02-M1 RAS KERNEL INFO corrected",
	};
	infer_format f;

	learn(apache, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%a %b %d %H:%M:%S %Y");
	/* A bracketed token alone after the level is the message's. */
	check_match(&f, apache[2], "Sun Dec 04 04:51:08 2005", "error",
	    "[client 1.2.3.4] Directory index forbidden");
	infer_format_free(&f);

	learn(bgl, 3, LC_STREAM_UNKNOWN, &f);
	assert_string_equal(f.time_format, "%s");
	check_match(&f, bgl[1], "1117869872", "FATAL", "ciod: failed");
	infer_format_free(&f);
}

/* A level and no time: logging.basicConfig()'s 'LEVEL:name:message'. */
static void
test_level_only(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"WARNING:root:disk low",
		"INFO:__main__:✅ Model loaded in 41.7s",
		"ERROR:root:",
	};
	infer_format f;

	learn(lines, 3, LC_STREAM_STDERR, &f);
	assert_null(f.time_format);
	assert_string_equal(f.skeleton, "LEVEL:MESSAGE");
	assert_string_equal(f.line_pattern,
	    "^(?<level>[^:\\s]*):(?<message>.*)$");
	check_match(&f, lines[2], NULL, "ERROR", "root:");
	assert_null(f.samples[0].time);
	infer_format_free(&f);
}

/* Emoji policy: none when no message has one. */
static void
test_emoji_none(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[10:00:00] INFO: plain", "[10:00:01] INFO: text",
	};
	infer_format f;

	learn(lines, 2, LC_STREAM_STDOUT, &f);
	assert_int_equal(f.emoji, EMOJI_NONE);
	assert_true(f.emoji_share == 0.0);
	infer_format_free(&f);
}

/* Lines with no timestamp and no level: nothing to learn. */
static void
test_no_structure(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"hello world", "Collecting torch==2.1.0", "", "   indented",
		"12:30 is not a time", "information is not a level",
	};
	infer *in = infer_new();
	infer_format f;
	char *cause = NULL;

	assert_int_equal(infer_finish(in, &f, &cause), -1);
	assert_string_equal(cause, "no lines to learn a format from");
	free(cause);
	cause = NULL;

	add_all(in, lines, 6, LC_STREAM_STDOUT);
	assert_int_equal(infer_finish(in, &f, &cause), -1);
	assert_string_equal(cause, "none of the 6 lines starts with a "
	    "timestamp or a level token");
	assert_null(f.line_pattern);
	assert_int_equal(f.sample_count, 0);
	free(cause);

	/* More lines, then it works. */
	add(in, "[10:00:00] INFO: at last", LC_STREAM_STDOUT);
	finish_ok(in, &f);
	assert_int_equal(f.lines, 7);
	assert_int_equal(f.fitting, 1);
	infer_format_free(&f);
	infer_free(in);
	infer_free(NULL);
}

/* Bad bytes do not break learning, and never become samples. */
static void
test_odd_bytes(void **state)
{
	(void)state;
	infer *in = infer_new();
	infer_format f;
	static const char invalid[] = "[10:00:00] INFO: bad \xff byte";
	static const char escape[] = "[10:00:01] INFO: \x1b[31mred\x1b[0m";
	static const char nul[] = "[10:00:02] INFO: nul \0 inside";
	char longer[2000];

	add(in, invalid, LC_STREAM_STDOUT);
	add(in, escape, LC_STREAM_STDOUT);
	infer_add(in, nul, sizeof nul - 1, LC_STREAM_STDOUT);
	memset(longer, 'x', sizeof longer);
	memcpy(longer, "[10:00:03] WARN: ", 17);
	infer_add(in, longer, sizeof longer, LC_STREAM_STDOUT);
	add(in, "[10:00:04] ERROR: clean", LC_STREAM_STDOUT);
	finish_ok(in, &f);
	infer_free(in);

	assert_string_equal(f.line_pattern, RUNPOD_LINE);
	assert_int_equal(f.fitting, 5);
	assert_int_equal(f.level_count, 3);
	assert_int_equal(f.sample_count, 1);
	assert_string_equal(f.samples[0].line, "[10:00:04] ERROR: clean");
	rules_free(load_yaml(&f, "odd"));
	infer_format_free(&f);
}

/* The same lines give the same rule file, byte for byte. */
static void
test_deterministic(void **state)
{
	(void)state;
	char *yaml[2];

	for (int run = 0; run < 2; run++) {
		infer *in = infer_new();
		infer_format f;

		for (size_t i = 0; i < 50; i++) {
			add(in, seed_lines[i % SEED_COUNT], LC_STREAM_STDOUT);
			add(in, "Collecting torch==2.1.0", LC_STREAM_STDOUT);
			add(in, "ERROR: no matching distribution",
			    LC_STREAM_STDOUT);
			add(in, seed_lines[i % SEED_COUNT], LC_STREAM_STDERR);
		}
		finish_ok(in, &f);
		/* Finishing twice gives the same answer too. */
		infer_format g;
		finish_ok(in, &g);
		assert_string_equal(f.line_pattern, g.line_pattern);
		assert_int_equal(f.fitting, g.fitting);
		infer_format_free(&g);
		yaml[run] = infer_rules_yaml(&f, "same");
		assert_int_equal(f.streams, STREAMS_BOTH);
		assert_int_equal(f.fitting, 100);
		infer_format_free(&f);
		infer_free(in);
	}
	assert_string_equal(yaml[0], yaml[1]);
	assert_non_null(strstr(yaml[0], "format: same\n"));
	assert_non_null(strstr(yaml[0], "Inferred from 200 lines, 100 of "
	    "which fit the layout [TIME] LEVEL: MESSAGE"));
	free(yaml[0]);
	free(yaml[1]);
}

/* Keys infer leaves to its callers are built as their text loads. */
static void
test_rules_built_keys(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[14:03:22] INFO: Setting up",
		"[14:03:23] WARN: CUDA not available",
	};
	infer *in = infer_new();
	infer_format f;
	lc_error err;

	add_all(in, lines, 2, LC_STREAM_STDOUT);
	finish_ok(in, &f);
	infer_free(in);
	/* Whole milliseconds: 150.5 ms is written, and built, as 150. */
	f.flush_ns = 150500000;
	f.foreign_given = true;
	f.foreign = FOREIGN_FAIL;
	char *yaml = infer_rules_yaml(&f, "keys");
	rules *r = rules_load_text("keys.yaml", yaml, strlen(yaml), &err);
	assert_non_null(r);
	assert_int_equal(r->flush_ns, 150000000);
	assert_int_equal(r->foreign, FOREIGN_FAIL);
	same_rules(r, &f, "keys");
	rules_free(r);
	free(yaml);
	infer_format_free(&f);
}

/* The rule file as a whole, for the seed format. */
static void
test_rules_yaml_text(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[14:03:22] INFO: 🚀 Setting up",
		"[14:03:23] WARN: ⚠️ CUDA not available",
	};
	infer *in = infer_new();
	infer_format f;

	add_all(in, lines, 2, LC_STREAM_STDOUT);
	add_all(in, lines, 2, LC_STREAM_STDERR);
	finish_ok(in, &f);
	infer_free(in);

	char *yaml = infer_rules_yaml(&f, "seed");
	assert_string_equal(yaml,
	    "# seed: a log format logcompat inferred from 4 lines.\n"
	    "# Read it before you rely on it; logcompat-rules(5) documents "
	    "every key.\n"
	    "\n"
	    "format: seed\n"
	    "description: 'Inferred from 4 lines, 4 of which fit the layout "
	    "[TIME] LEVEL: MESSAGE'\n"
	    "line: '" RUNPOD_LINE "'\n"
	    "time: '%H:%M:%S'\n"
	    "levels: [INFO, WARN]\n"
	    "emoji: required\n"
	    "streams: both\n"
	    "foreign: report\n"
	    "samples:\n"
	    "  - line: '[14:03:22] INFO: 🚀 Setting up'\n"
	    "    fields:\n"
	    "      time: '14:03:22'\n"
	    "      level: 'INFO'\n"
	    "      message: '🚀 Setting up'\n"
	    "      emoji: '🚀'\n"
	    "  - line: '[14:03:23] WARN: ⚠️ CUDA not available'\n"
	    "    fields:\n"
	    "      time: '14:03:23'\n"
	    "      level: 'WARN'\n"
	    "      message: '⚠️ CUDA not available'\n"
	    "      emoji: '⚠️'\n");
	free(yaml);
	infer_format_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_both_streams),
		cmocka_unit_test(test_yaml_quoting),
		cmocka_unit_test(test_yaml_escapes),
		cmocka_unit_test(test_foreign_lines),
		cmocka_unit_test(test_many_layouts_bounded),
		cmocka_unit_test(test_few_lines_fit_refused),
		cmocka_unit_test(test_streams),
		cmocka_unit_test(test_iso8601_zone_millis),
		cmocka_unit_test(test_iso8601_offset_fraction),
		cmocka_unit_test(test_time_majority),
		cmocka_unit_test(test_python_asctime),
		cmocka_unit_test(test_padded_levels),
		cmocka_unit_test(test_two_digit_year_logger),
		cmocka_unit_test(test_time_after_words),
		cmocka_unit_test(test_wide_levels),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_ctime_and_epoch_later),
		cmocka_unit_test(test_go_log),
		cmocka_unit_test(test_syslog),
		cmocka_unit_test(test_time_of_day_fractions),
		cmocka_unit_test(test_twelve_hour),
		cmocka_unit_test(test_epoch_seconds),
		cmocka_unit_test(test_epoch_milliseconds),
		cmocka_unit_test(test_changed_time_is_time_finding),
		cmocka_unit_test(test_capture_with_two_time_formats),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_ruby_logger),
		cmocka_unit_test(test_two_line_records),
		cmocka_unit_test(test_offset_levels),
		cmocka_unit_test(test_lowercase_levels),
		cmocka_unit_test(test_level_only),
		cmocka_unit_test(test_emoji_none),
		cmocka_unit_test(test_no_structure),
		cmocka_unit_test(test_odd_bytes),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_rules_yaml_text),
		cmocka_unit_test(test_rules_built_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
