/* Unit tests for src/report/compare_output.c. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "config.h"

#include "learn/keyschema.h"
#include "report/compare_output.h"
#include "util/xalloc.h"

static const char *const dimension_names[DIMENSION_COUNT] = {
	"line-format", "keys", "timestamp", "levels", "streams", "emoji",
	"templates", "flush", "checks"
};

static char *
dup_or_null(const char *text)
{
	return text != NULL ? xstrdup(text) : NULL;
}

/* A report with the given totals, per-stream lines and levels. */
static report *
fixture_report(report_counts total, uint64_t out_lines, uint64_t err_lines,
    const char *const *levels, const uint64_t *level_counts)
{
	report *rep = report_new("runpod", "rules/runpod.yaml", 0);

	rep->total = total;
	rep->streams[LC_STREAM_STDOUT].lines = out_lines;
	rep->streams[LC_STREAM_STDOUT].conforming = out_lines;
	rep->streams[LC_STREAM_STDERR].lines = err_lines;
	rep->streams[LC_STREAM_STDERR].conforming = err_lines;
	for (size_t i = 0; levels[i] != NULL; i++) {
		for (uint64_t n = 0; n < level_counts[i]; n++)
			report_count_level(rep, levels[i], strlen(levels[i]));
	}
	return rep;
}

static void
fixture_dimension(compare_result *result, compare_dimension_id id,
    compare_verdict verdict)
{
	result->dimensions[id].name = dimension_names[id];
	result->dimensions[id].verdict = verdict;
}

static compare_example *
fixture_example(compare_dimension *dim, compare_example_kind kind,
    const char *file, unsigned long line, const char *text)
{
	dim->examples = xreallocarray(dim->examples, dim->example_count + 1,
	    sizeof *dim->examples);
	compare_example *ex = &dim->examples[dim->example_count++];
	*ex = (compare_example){
		.kind = kind, .file = xstrdup(file), .line = line,
		.text = xstrdup(text),
	};
	return ex;
}

static void
fixture_level(compare_level **levels, size_t *count, const char *level,
    uint64_t n)
{
	*levels = xreallocarray(*levels, *count + 1, sizeof **levels);
	(*levels)[(*count)++] = (compare_level){
		.level = xstrdup(level), .count = n,
	};
}

static void
fixture_template(compare_result *result, const char *text, const char *level,
    const char *emoji, uint64_t reference, uint64_t candidate,
    const char *reference_example, const char *candidate_example)
{
	result->templates = xreallocarray(result->templates,
	    result->template_count + 1, sizeof *result->templates);
	result->templates[result->template_count++] = (compare_template){
		.text = xstrdup(text), .level = dup_or_null(level),
		.emoji = dup_or_null(emoji), .count = { reference, candidate },
		.example = { dup_or_null(reference_example),
		    dup_or_null(candidate_example) },
	};
}

static void
fixture_emoji(compare_result *result, const char *emoji, uint64_t reference,
    uint64_t candidate, const char *reference_level,
    const char *candidate_level)
{
	result->emoji = xreallocarray(result->emoji, result->emoji_count + 1,
	    sizeof *result->emoji);
	result->emoji[result->emoji_count++] = (compare_emoji){
		.emoji = xstrdup(emoji), .count = { reference, candidate },
		.level = { dup_or_null(reference_level),
		    dup_or_null(candidate_level) },
	};
}

/*
 * The seed's situation, made small: the same format, one level and one
 * template apart, and facts chosen so that every kind of verdict and
 * output branch shows.
 */
static compare_result *
fixture_new(void)
{
	static const char *const reference_levels[] = {
		"INFO", "WARN", "ERROR", NULL
	};
	static const uint64_t reference_level_counts[] = { 6, 2, 1 };
	static const char *const candidate_levels[] = { "INFO", "DEBUG", NULL };
	static const uint64_t candidate_level_counts[] = { 5, 1 };
	compare_result *result = xcalloc(1, sizeof *result);
	compare_side *ref = &result->sides[0], *cand = &result->sides[1];
	compare_example *ex;

	result->verdict = VERDICT_INCOMPATIBLE;
	result->compatible = false;
	result->rules_name = xstrdup("inferred");
	result->rules_path = NULL;
	result->rules_yaml = xstrdup("format: inferred\n"
	    "time_format: \"%H:%M:%S\"\n");

	ref->name = xstrdup("runpod-fastbackend/");
	ref->report = fixture_report((report_counts){ 10, 8, 1, 1 }, 5, 5,
	    reference_levels, reference_level_counts);
	ref->format_yaml = xstrdup("format: own\n");
	ref->skeleton = xstrdup("[TIME] LEVEL: MESSAGE");
	ref->time_format = xstrdup("%H:%M:%S");
	ref->messages = 9;
	ref->emoji_led = 6;
	ref->text_marked = 1;
	ref->stream_lines[LC_STREAM_STDOUT] = 5;
	ref->stream_lines[LC_STREAM_STDERR] = 4;
	ref->template_count = 3;

	cand->name = xstrdup("Backend/");
	cand->report = fixture_report((report_counts){ 6, 6, 0, 0 }, 3, 3,
	    candidate_levels, candidate_level_counts);
	cand->skeleton = xstrdup("[TIME] LEVEL: MESSAGE");
	cand->messages = 6;
	cand->emoji_led = 4;
	cand->stream_lines[LC_STREAM_STDOUT] = 3;
	cand->stream_lines[LC_STREAM_STDERR] = 3;
	cand->template_count = 3;
	cand->templates_capped = true;

	fixture_dimension(result, DIMENSION_LINE_FORMAT, VERDICT_IDENTICAL);
	result->line_format = (compare_line_format_facts){
		.reason = LINE_FORMAT_SAME,
		.pattern = xstrdup("^\\[(?<time>[^]]+)\\] (?<level>\\w+): "
		    "(?<message>.*)$"),
		.skeleton = { xstrdup("[TIME] LEVEL: MESSAGE"),
		    xstrdup("[TIME] LEVEL: MESSAGE") },
		.log_lines = { 9, 6 }, .lines = 6, .own_layout_lines = 6,
	};

	fixture_dimension(result, DIMENSION_KEYS, VERDICT_NOT_CHECKED);
	result->keys = (compare_keys_facts){ .reason = KEYS_TEXT };

	fixture_dimension(result, DIMENSION_TIMESTAMP, VERDICT_DIFFERENT);
	result->timestamp = (compare_timestamp_facts){
		.reason = TIMESTAMP_BACKWARDS, .format = xstrdup("%H:%M:%S"),
		.own = { xstrdup("%H:%M:%S"), NULL }, .out_of_order = { 0, 2 },
	};
	ex = fixture_example(&result->dimensions[DIMENSION_TIMESTAMP],
	    EXAMPLE_FINDING, "Backend/stdout.log", 3,
	    "[14:03:20] INFO: Environment already ready");
	ex->message = xstrdup("time goes back 5s");
	fixture_example(&result->dimensions[DIMENSION_TIMESTAMP],
	    EXAMPLE_FINDING, "Backend/stderr.log", 2,
	    "[14:03:19] INFO: \xf0\x9f\x93\xa6 Installing Redis");

	fixture_dimension(result, DIMENSION_LEVELS, VERDICT_INCOMPATIBLE);
	result->levels.reason = LEVELS_UNKNOWN;
	for (size_t i = 0; reference_levels[i] != NULL; i++)
		fixture_level(&result->levels.levels[0],
		    &result->levels.level_count[0], reference_levels[i],
		    reference_level_counts[i]);
	for (size_t i = 0; candidate_levels[i] != NULL; i++)
		fixture_level(&result->levels.levels[1],
		    &result->levels.level_count[1], candidate_levels[i],
		    candidate_level_counts[i]);
	fixture_level(&result->levels.unknown, &result->levels.unknown_count,
	    "DEBUG", 1);
	ex = fixture_example(&result->dimensions[DIMENSION_LEVELS],
	    EXAMPLE_LEVEL, "Backend/stdout.log", 4,
	    "[14:03:25] DEBUG: cache warm");
	ex->level = xstrdup("DEBUG");

	fixture_dimension(result, DIMENSION_STREAMS, VERDICT_IDENTICAL);
	result->streams = (compare_streams_facts){
		.reason = STREAMS_SAME, .policy = STREAMS_BOTH,
		.habit = { STREAM_HABIT_PAIRED, STREAM_HABIT_PAIRED },
		.stdout_lines = { 5, 3 }, .stderr_lines = { 4, 3 },
		.pairing = { xstrdup("checked"), xstrdup("checked") },
	};

	fixture_dimension(result, DIMENSION_EMOJI, VERDICT_CONSISTENT);
	result->emoji_habit = (compare_emoji_facts){
		.reason = EMOJI_ALIKE, .share = { 6.0 / 9, 4.0 / 6 },
		.messages = { 9, 6 }, .shared = 1, .added = 1, .dropped = 1,
	};

	fixture_dimension(result, DIMENSION_TEMPLATES, VERDICT_CONSISTENT);
	result->template_overlap = (compare_templates_facts){
		.reason = TEMPLATES_MOSTLY, .count = { 3, 3 },
		.only = { 1, 1 }, .capped = { false, true }, .shared = 2,
		.all = 4,
	};

	fixture_dimension(result, DIMENSION_FLUSH, VERDICT_NOT_CHECKED);
	result->flush = (compare_flush_facts){
		.reason = FLUSH_TIMES_UNKNOWN, .policy = STREAMS_BOTH,
		.side = 2,
	};

	fixture_dimension(result, DIMENSION_CHECKS, VERDICT_IDENTICAL);
	result->checks = (compare_checks_facts){ .reason = CHECKS_CLEAN };

	/* As compare.c gives them: level and emoji apart, "" for none. */
	fixture_template(result, "Setting up <*>", "INFO", "\xf0\x9f\x9a\x80",
	    2, 1, "\xf0\x9f\x9a\x80 Setting up environment",
	    "\xf0\x9f\x9a\x80 Setting up runtime");
	fixture_template(result, "Environment already ready", "INFO", "", 1, 1,
	    NULL, "Environment already ready");
	fixture_template(result, "Installing PyTorch with CUDA...", "INFO",
	    "\xf0\x9f\x93\xa6", 3, 0,
	    "\xf0\x9f\x93\xa6 Installing PyTorch with CUDA...", NULL);
	fixture_template(result, "Installing Redis <VER> and AWS "
	    "dependencies...", "INFO", "\xf0\x9f\x93\xa6", 0, 2, NULL,
	    "\xf0\x9f\x93\xa6 Installing Redis 7.2.3 and AWS "
	    "dependencies...");

	fixture_emoji(result, "\xf0\x9f\x9a\x80", 2, 1, "INFO", "INFO");
	fixture_emoji(result, "\xf0\x9f\xa4\x97", 1, 0, "INFO", NULL);
	fixture_emoji(result, "\xf0\x9f\x8e\x89", 0, 2, NULL, NULL);
	return result;
}

/* Release what fixture_new and the tests allocated. */
static void
fixture_free(compare_result *result)
{
	/* The module's own free: the fixture is built as compare_run builds. */
	compare_result_free(result);
	free(result);
}

/* Replace *slot, which the fixture owns, by a copy of text. */
static void
replace(char **slot, const char *text)
{
	free(*slot);
	*slot = dup_or_null(text);
}

/* What compare_output writes; the caller frees it. */
static char *
rendered(const compare_result *result, compare_format format, bool color)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	assert_int_equal(compare_output(out, result, format, color), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void
assert_contains(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle) == NULL)
		fail_msg("missing \"%s\" in:\n%s", needle, haystack);
}

static void
assert_lacks(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle) != NULL)
		fail_msg("unexpected \"%s\" in:\n%s", needle, haystack);
}

/* Each needle appears, and after the one before it. */
static void
assert_in_order(const char *haystack, const char *const *needles)
{
	const char *at = haystack;

	for (size_t i = 0; needles[i] != NULL; i++) {
		const char *found = strstr(at, needles[i]);
		if (found == NULL)
			fail_msg("missing \"%s\" (in order) in:\n%s",
			    needles[i], haystack);
		at = found + strlen(needles[i]);
	}
}

static void
test_parse_format(void **state)
{
	compare_format format = COMPARE_TEXT;

	(void)state;
	assert_true(compare_output_parse_format("markdown", &format));
	assert_int_equal(format, COMPARE_MARKDOWN);
	assert_true(compare_output_parse_format("json", &format));
	assert_int_equal(format, COMPARE_JSON);
	assert_true(compare_output_parse_format("junit", &format));
	assert_int_equal(format, COMPARE_JUNIT);
	assert_true(compare_output_parse_format("text", &format));
	assert_int_equal(format, COMPARE_TEXT);
	assert_true(compare_output_parse_format("sarif", &format));
	assert_int_equal(format, COMPARE_SARIF);
	assert_true(compare_output_parse_format("github", &format));
	assert_int_equal(format, COMPARE_GITHUB);
	format = COMPARE_JUNIT;
	assert_false(compare_output_parse_format("gitlab", &format));
	assert_false(compare_output_parse_format("JSON", &format));
	assert_false(compare_output_parse_format("md", &format));
	assert_false(compare_output_parse_format("", &format));
	assert_false(compare_output_parse_format("text ", &format));
	assert_int_equal(format, COMPARE_JUNIT);
}

static const char expected_text[] =
"logcompat compare: runpod-fastbackend/ vs Backend/\n"
"reference format: inferred (inferred from runpod-fastbackend/)\n"
"    format: inferred\n"
"    time_format: \"%H:%M:%S\"\n"
"  line-format   identical    both write [TIME] LEVEL: MESSAGE\n"
"  keys          not checked  the rules read text lines (decode: text), "
"which have no keys\n"
"  timestamp     different    same format, but 2 candidate timestamps "
"go backwards\n"
"  levels        incompatible the candidate uses DEBUG, which the "
"reference does not\n"
"  streams       identical    both: stdout + stderr, paired\n"
"  emoji         consistent   the same habit and the same emoji for "
"the same levels; 1 of 3 emoji shared, 1 new in the candidate\n"
"  templates     consistent   mostly the same messages (2 shared of "
"4); the rest differ in content\n"
"  flush         not checked  arrival times are unknown for both "
"sides\n"
"  checks        identical    no finding on either side\n"
"reference: 10 lines, 9 messages, 1 foreign; levels INFO 6, WARN 2, "
"ERROR 1; stdout 5, stderr 5; 3 templates; 6 (66.7%) emoji-led\n"
"candidate: 6 lines, 6 messages, 0 foreign; levels INFO 5, DEBUG 1; "
"stdout 3, stderr 3; 3 templates (capped); 4 (66.7%) emoji-led\n"
"templates: 2 shared, 1 only in reference, 1 only in candidate\n"
"\n"
"verdict: incompatible\n";

static void
test_text_exact(void **state)
{
	compare_result *result = fixture_new();
	char *text = rendered(result, COMPARE_TEXT, false);

	(void)state;
	assert_string_equal(text, expected_text);
	free(text);
	fixture_free(result);
}

static void
test_text_color(void **state)
{
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	text = rendered(result, COMPARE_TEXT, true);
	assert_contains(text, "\033[1mlogcompat compare\033[0m: ");
	assert_contains(text, "  line-format   \033[1;32midentical\033[0m    "
	    "both write");
	assert_contains(text, "  emoji         \033[1;32mconsistent\033[0m   "
	    "the same habit");
	assert_contains(text, "  timestamp     \033[1;33mdifferent\033[0m    "
	    "same format");
	assert_contains(text, "  levels        \033[1;31mincompatible\033[0m "
	    "the candidate uses");
	assert_contains(text, "  flush         not checked\033[0m  arrival");
	assert_contains(text, "\nverdict: \033[1;31mincompatible\033[0m\n");
	free(text);

	result->compatible = true;
	result->dimensions[DIMENSION_LEVELS].verdict = VERDICT_DIFFERENT;
	text = rendered(result, COMPARE_TEXT, true);
	assert_contains(text, "\nverdict: \033[1;32mcompatible\033[0m\n");
	free(text);
	text = rendered(result, COMPARE_TEXT, false);
	assert_contains(text, "\nverdict: compatible\n");
	assert_lacks(text, "\033");
	free(text);
	fixture_free(result);
}

/* Log text cannot reach the terminal as escapes or reordering marks. */
static void
test_text_untrusted(void **state)
{
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	replace(&result->sides[1].name, "evil\033[2J\n\xff");
	replace(&result->levels.unknown[0].level,
	    "right\xe2\x80\xaeleft\ttab\x85");
	text = rendered(result, COMPARE_TEXT, false);
	assert_contains(text, "runpod-fastbackend/ vs evil\\x1b[2J \\xff\n");
	assert_contains(text, "the candidate uses right\\u202Eleft tab\\x85, "
	    "which the reference does not\n");
	assert_lacks(text, "\033");
	assert_lacks(text, "\xe2\x80\xae");
	free(text);
	fixture_free(result);
}

static const char expected_markdown[] =
"# Logging comparison: runpod-fastbackend/ vs Backend/\n"
"\n"
"Verdict: **INCOMPATIBLE**. Reference: **runpod-fastbackend/**; "
"candidate: **Backend/**.\n"
"\n"
"## Core format\n"
"\n"
"Each side's own layout, inferred from its lines:\n"
"\n"
"| Own format | runpod-fastbackend/ | Backend/ |\n"
"|---|---|---|\n"
"| Skeleton | `[TIME] LEVEL: MESSAGE` | `[TIME] LEVEL: MESSAGE` |\n"
"| Timestamp format | `%H:%M:%S` | none |\n"
"\n"
"Judged under the reference format:\n"
"\n"
"| Dimension | runpod-fastbackend/ | Backend/ | Verdict |\n"
"|---|---|---|---|\n"
"| line-format | \\[TIME\\] LEVEL: MESSAGE | \\[TIME\\] LEVEL: MESSAGE "
"| \u2705 identical |\n"
"| keys | text lines | text lines | \u2796 not checked |\n"
"| timestamp | %H:%M:%S | (none) | \u26a0\ufe0f different |\n"
"| levels | INFO, WARN, ERROR | INFO, DEBUG | \u274c incompatible |\n"
"| streams | stdout + stderr, paired | stdout + stderr, paired | "
"\u2705 identical |\n"
"| emoji | 67% of messages emoji-led | 67% of messages emoji-led | "
"\u2705 consistent |\n"
"| templates | 3 templates | 3 templates | \u2705 consistent |\n"
"| flush | arrival times unknown | arrival times unknown | \u2796 not "
"checked |\n"
"| checks | 0 errors, 0 warnings | 0 errors, 0 warnings | \u2705 "
"identical |\n"
"\n"
"## Usage statistics\n"
"\n"
"| Metric | runpod-fastbackend/ | Backend/ |\n"
"|---|---:|---:|\n"
"| Lines read | 10 | 6 |\n"
"| Log calls (messages) | 9 | 6 |\n"
"| Conforming lines | 8 | 6 |\n"
"| Violating lines | 1 | 0 |\n"
"| Foreign lines | 1 | 0 |\n"
"| Level `INFO` | 6 | 5 |\n"
"| Level `WARN` | 2 | 0 |\n"
"| Level `ERROR` | 1 | 0 |\n"
"| Level `DEBUG` | 0 | 1 |\n"
"| Lines on stdout | 5 | 3 |\n"
"| Log lines on stdout | 5 | 3 |\n"
"| Lines on stderr | 5 | 3 |\n"
"| Log lines on stderr | 4 | 3 |\n"
"| Templates | 3 | 3 (capped) |\n"
"| Emoji-led messages | 6 (66.7%) | 4 (66.7%) |\n"
"| Text-marked messages | 1 (11.1%) | 0 (0.0%) |\n"
"\n"
"## Message patterns\n"
"\n"
"### Emoji vocabulary\n"
"\n"
"| Emoji | runpod-fastbackend/ | Backend/ | Level in "
"runpod-fastbackend/ | Level in Backend/ |\n"
"|---|---:|---:|---|---|\n"
"| \xf0\x9f\x9a\x80 | 2 | 1 | `INFO` | `INFO` |\n"
"| \xf0\x9f\xa4\x97 | 1 | 0 | `INFO` | \u2014 |\n"
"| \xf0\x9f\x8e\x89 | 0 | 2 | \u2014 | \u2014 |\n"
"\n"
"### Shared templates (2)\n"
"\n"
"| Level | Template | runpod-fastbackend/ | Backend/ | Example |\n"
"|---|---|---:|---:|---|\n"
"| `INFO` | \xf0\x9f\x9a\x80 `Setting up <*>` | 2 | 1 | "
"`\xf0\x9f\x9a\x80 Setting up environment` |\n"
"| `INFO` | `Environment already ready` | 1 | 1 | `Environment already "
"ready` |\n"
"\n"
"### Only in runpod-fastbackend/ (1)\n"
"\n"
"| Level | Template | Messages | Example |\n"
"|---|---|---:|---|\n"
"| `INFO` | \xf0\x9f\x93\xa6 `Installing PyTorch with CUDA...` | 3 | "
"`\xf0\x9f\x93\xa6 Installing PyTorch with CUDA...` |\n"
"\n"
"### Only in Backend/ (1)\n"
"\n"
"| Level | Template | Messages | Example |\n"
"|---|---|---:|---|\n"
"| `INFO` | \xf0\x9f\x93\xa6 `Installing Redis <VER> and AWS "
"dependencies...` | 2 | `\xf0\x9f\x93\xa6 Installing Redis 7.2.3 and "
"AWS dependencies...` |\n"
"\n"
"## Key differences\n"
"\n"
"### Message content\n"
"\n"
"Only **runpod-fastbackend/** logs these (1 template):\n"
"\n"
"- `\xf0\x9f\x93\xa6 Installing PyTorch with CUDA...` (`INFO`, 3 "
"messages)\n"
"\n"
"Only **Backend/** logs these (1 template):\n"
"\n"
"- `\xf0\x9f\x93\xa6 Installing Redis 7.2.3 and AWS dependencies...` "
"(`INFO`, template \xf0\x9f\x93\xa6 `Installing Redis <VER> and AWS "
"dependencies...`, 2 messages)\n"
"\n"
"### Emoji\n"
"\n"
"- **Backend/** drops \xf0\x9f\xa4\x97 (1 message in "
"**runpod-fastbackend/**, mostly `INFO`)\n"
"- **Backend/** adds \xf0\x9f\x8e\x89 (2 messages)\n"
"\n"
"### Format\n"
"\n"
"- \u26a0\ufe0f **timestamp** (different): same format, but 2 "
"candidate timestamps go backwards\n"
"  - every candidate timestamp parses as %H:%M:%S\n"
"  - Backend/stdout.log:3: `[14:03:20] INFO: Environment already "
"ready` \u2014 time goes back 5s\n"
"  - Backend/stderr.log:2: `[14:03:19] INFO: \xf0\x9f\x93\xa6 "
"Installing Redis`\n"
"- \u274c **levels** (incompatible): the candidate uses DEBUG, which "
"the reference does not\n"
"  - DEBUG (1 message) is not a reference level\n"
"  - Backend/stdout.log:4: `[14:03:25] DEBUG: cache warm` \u2014 level "
"DEBUG\n"
"- \u2705 **emoji** (consistent): the same habit and the same emoji "
"for the same levels; 1 of 3 emoji shared, 1 new in the candidate\n"
"  - vocabulary: 1 shared, 1 only in the candidate, 1 only in the "
"reference\n"
"- \u2705 **templates** (consistent): mostly the same messages (2 "
"shared of 4); the rest differ in content\n"
"  - 2 shared templates, 1 only in the reference, 1 only in the "
"candidate\n"
"  - the candidate reached the cap on templates; the rest were "
"counted, not mined\n"
"\n"
"## Compatibility checklist\n"
"\n"
"- \u2705 **line-format**: identical \u2014 both write \\[TIME\\] "
"LEVEL: MESSAGE\n"
"- \u2796 **keys**: not checked \u2014 the rules read text lines "
"(decode: text), which have no keys\n"
"- \u26a0\ufe0f **timestamp**: different \u2014 same format, but 2 "
"candidate timestamps go backwards\n"
"- \u274c **levels**: incompatible \u2014 the candidate uses DEBUG, "
"which the reference does not\n"
"- \u2705 **streams**: identical \u2014 both: stdout + stderr, paired\n"
"- \u2705 **emoji**: consistent \u2014 the same habit and the same "
"emoji for the same levels; 1 of 3 emoji shared, 1 new in the "
"candidate\n"
"- \u2705 **templates**: consistent \u2014 mostly the same messages (2 "
"shared of 4); the rest differ in content\n"
"- \u2796 **flush**: not checked \u2014 arrival times are unknown for "
"both sides\n"
"- \u2705 **checks**: identical \u2014 no finding on either side\n"
"\n"
"## Final assessment\n"
"\n"
"**INCOMPATIBLE**: levels is incompatible.\n"
"\n"
"- \u274c incompatible: levels\n"
"- \u26a0\ufe0f different: timestamp\n"
"- \u2705 consistent: emoji and templates\n"
"- \u2705 identical: line-format, streams and checks\n"
"- \u2796 not checked: keys and flush\n"
"\n"
"Reference format `inferred`, inferred from **runpod-fastbackend/**:\n"
"\n"
"```yaml\n"
"format: inferred\n"
"time_format: \"%H:%M:%S\"\n"
"```\n";

static void
test_markdown_exact(void **state)
{
	compare_result *result = fixture_new();
	char *text = rendered(result, COMPARE_MARKDOWN, false);

	(void)state;
	assert_string_equal(text, expected_markdown);
	free(text);
	fixture_free(result);
}

static void
test_markdown_sections(void **state)
{
	static const char *const sections[] = {
		"# Logging comparison: runpod-fastbackend/ vs Backend/\n",
		"\n## Core format\n", "\n## Usage statistics\n",
		"\n| Metric | runpod-fastbackend/ | Backend/ |\n"
		    "|---|---:|---:|\n",
		"\n## Message patterns\n", "\n### Emoji vocabulary\n",
		"\n### Shared templates (2)\n",
		"\n### Only in runpod-fastbackend/ (1)\n",
		"\n### Only in Backend/ (1)\n", "\n## Key differences\n",
		"\n## Compatibility checklist\n", "\n## Final assessment\n",
		NULL
	};
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	result->compatible = true;
	result->dimensions[DIMENSION_LEVELS].verdict = VERDICT_DIFFERENT;
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_in_order(text, sections);
	assert_contains(text, "\n- \u2705 **line-format**: identical \u2014 "
	    "both write \\[TIME\\] LEVEL: MESSAGE\n");
	assert_contains(text, "\n- \u26a0\ufe0f **levels**: different "
	    "\u2014 the candidate uses DEBUG, which the reference does not\n");
	assert_contains(text, "\n**COMPATIBLE**: no dimension is "
	    "incompatible.\n");
	assert_contains(text, "Verdict: **COMPATIBLE**.");
	assert_lacks(text, "INCOMPATIBLE");
	assert_lacks(text, "\u274c");
	free(text);
	fixture_free(result);
}

/* Pipes, newlines and backticks from the data cannot break a table. */
static void
test_markdown_table_escaping(void **state)
{
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	replace(&result->sides[0].name, "ref|a*b_c");
	replace(&result->templates[0].text, "INFO a|b`c\nd");
	replace(&result->templates[0].example[0], "`tick`");
	replace(&result->templates[1].text, "  ");
	replace(&result->line_format.skeleton[0], "std|out\r\n<b>&amp;");
	replace(&result->sides[0].skeleton, "[TIME] | ``x``");
	replace(&result->emoji[0].emoji, "\xf0\x9f\x9a\x80|");
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "| Metric | ref\\|a\\*b\\_c | Backend/ |\n");
	assert_contains(text, "# Logging comparison: ref|a\\*b\\_c vs "
	    "Backend/\n");
	assert_contains(text, "| `INFO` | \xf0\x9f\x9a\x80 ``INFO a\\|b`c d`` "
	    "| 2 | 1 | `` `tick` `` |\n");
	assert_contains(text, "| `INFO` | `  ` | 1 | 1 |");
	assert_contains(text, "| line-format | std\\|out  \\<b\\>\\&amp; | ");
	assert_contains(text, "| Skeleton | ``` [TIME] \\| ``x`` ``` | ");
	assert_contains(text, "| \xf0\x9f\x9a\x80\\| | 2 | 1 |");
	free(text);
	fixture_free(result);
}

static void
test_markdown_fences(void **state)
{
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	replace(&result->rules_yaml, "a: \"```\"\nb: \"````\"");
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "\n`````yaml\na: \"```\"\nb: \"````\"\n`````\n");
	free(text);

	replace(&result->rules_yaml, NULL);
	replace(&result->rules_name, "runpod");
	replace(&result->rules_path, "rules/runpod.yaml");
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "\nReference format `runpod`, from "
	    "`rules/runpod.yaml`.\n");
	assert_lacks(text, "yaml\n");
	free(text);
	fixture_free(result);
}

/* Long lists stop at 20 rows and say how many were left out. */
static void
test_markdown_caps(void **state)
{
	compare_result *result = fixture_new();
	char *text, *at;
	size_t rows = 0;

	(void)state;
	for (int i = 0; i < 25; i++) {
		char name[64];
		snprintf(name, sizeof name, "INFO only here %d", i);
		fixture_template(result, name, "INFO", NULL, 1, 0, NULL, NULL);
		snprintf(name, sizeof name, "E%d", i);
		fixture_emoji(result, name, 0, 1, NULL, "INFO");
	}
	text = rendered(result, COMPARE_MARKDOWN, false);
	for (at = text; (at = strstr(at, "| `INFO only here ")) != NULL; at++)
		rows++;
	assert_int_equal(rows, 19);	/* one list slot is PyTorch's */
	assert_contains(text, "### Only in runpod-fastbackend/ (26)\n");
	assert_contains(text, "\n_6 more templates not listed._\n");
	assert_contains(text, "| E16 | 0 | 1 | \u2014 | `INFO` |\n");
	assert_contains(text, "\n- `INFO only here 0` (`INFO`, 1 message)\n");
	assert_lacks(text, "| E17 |");
	assert_contains(text, "\n_8 more emoji not listed._\n");
	assert_contains(text, "- **Backend/** adds E17 (1 message, mostly "
	    "`INFO`)\n");
	assert_lacks(text, "adds E18 ");
	assert_contains(text, "\n_7 more emoji not listed._\n");
	assert_contains(text, "Only **runpod-fastbackend/** logs these "
	    "(26 templates):");
	free(text);
	fixture_free(result);
}

static void
test_markdown_untrusted(void **state)
{
	compare_result *result = fixture_new();
	char *text;

	(void)state;
	replace(&result->levels.unknown[0].level,
	    "\033[31mred\xe2\x81\xa6\xc3");
	replace(&result->dimensions[DIMENSION_LEVELS].examples[0].text,
	    "a\x01z");
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "  - \\x1b\\[31mred\\u2066\\xc3 (1 message) is "
	    "not a reference level\n");
	assert_contains(text, "`a\\x01z`");
	assert_lacks(text, "\033");
	free(text);
	fixture_free(result);
}

static json_t *
parsed(const char *text)
{
	json_error_t error;
	json_t *root = json_loads(text, 0, &error);

	if (root == NULL)
		fail_msg("JSON does not parse (%d:%d: %s):\n%s", error.line,
		    error.column, error.text, text);
	return root;
}

static void
assert_json_string(const json_t *value, const char *expected)
{
	assert_true(json_is_string(value));
	assert_string_equal(json_string_value(value), expected);
}

static void
assert_json_integer(const json_t *value, json_int_t expected)
{
	assert_true(json_is_integer(value));
	assert_int_equal(json_integer_value(value), expected);
}

static void
test_json_document(void **state)
{
	static const char *const keys[] = {
		"command", "version", "verdict", "reference", "candidate",
		"rules", "dimensions", "statistics", "templates", "emoji", NULL
	};
	compare_result *result = fixture_new();
	char *text = rendered(result, COMPARE_JSON, false);
	json_t *root = parsed(text), *dims, *dim, *stats, *item;
	const char *key;
	size_t i = 0;

	(void)state;
	/* Keys in the documented order, and no others. */
	json_object_foreach(root, key, item) {
		assert_non_null(keys[i]);
		assert_string_equal(key, keys[i]);
		i++;
	}
	assert_null(keys[i]);
	assert_true(strncmp(text, "{\n  \"command\": \"compare\",\n", 26) == 0);
	assert_json_string(json_object_get(root, "command"), "compare");
	assert_json_string(json_object_get(root, "verdict"), "incompatible");
	assert_json_string(json_object_get(root, "version"), PACKAGE_VERSION);
	item = json_object_get(root, "reference");
	assert_json_string(json_object_get(item, "name"),
	    "runpod-fastbackend/");
	assert_json_string(json_object_get(json_object_get(item, "format"),
	    "skeleton"), "[TIME] LEVEL: MESSAGE");
	assert_json_string(json_object_get(json_object_get(item, "format"),
	    "time"), "%H:%M:%S");
	item = json_object_get(json_object_get(root, "candidate"), "format");
	assert_true(json_is_null(json_object_get(item, "time")));
	assert_true(json_is_null(json_object_get(item, "inferred")));
	item = json_object_get(root, "rules");
	assert_json_string(json_object_get(item, "name"), "inferred");
	assert_true(json_is_null(json_object_get(item, "path")));
	assert_json_string(json_object_get(item, "inferred"),
	    result->rules_yaml);

	dims = json_object_get(root, "dimensions");
	assert_int_equal(json_array_size(dims), DIMENSION_COUNT);
	for (int d = 0; d < DIMENSION_COUNT; d++) {
		dim = json_array_get(dims, d);
		assert_json_string(json_object_get(dim, "name"),
		    dimension_names[d]);
		assert_true(json_is_object(json_object_get(dim, "reference")));
		assert_true(json_is_object(json_object_get(dim, "candidate")));
		assert_true(json_is_array(json_object_get(dim, "evidence")));
		assert_true(json_is_array(json_object_get(dim, "examples")));
	}
	dim = json_array_get(dims, DIMENSION_LINE_FORMAT);
	assert_json_string(json_object_get(dim, "verdict"), "identical");
	assert_json_string(json_object_get(dim, "summary"),
	    "both write [TIME] LEVEL: MESSAGE");
	item = json_object_get(dim, "reference");
	assert_json_string(json_object_get(item, "pattern"),
	    result->line_format.pattern);
	assert_json_string(json_object_get(item, "skeleton"),
	    "[TIME] LEVEL: MESSAGE");
	assert_json_integer(json_object_get(item, "log_lines"), 9);
	item = json_object_get(dim, "candidate");
	assert_json_integer(json_object_get(item, "own_layout_lines"), 6);
	assert_json_integer(json_object_get(item, "foreign"), 0);
	assert_json_string(json_array_get(json_object_get(dim, "evidence"), 0),
	    "6 of the candidate's 6 lines have the reference layout; "
	    "0 foreign");
	dim = json_array_get(dims, DIMENSION_STREAMS);
	assert_json_string(json_object_get(dim, "verdict"), "identical");
	assert_json_string(json_object_get(json_object_get(dim, "candidate"),
	    "streams"), "stdout + stderr, paired");
	assert_json_integer(json_object_get(json_object_get(dim, "candidate"),
	    "unpaired"), 0);
	dim = json_array_get(dims, DIMENSION_TEMPLATES);
	assert_json_string(json_object_get(dim, "verdict"), "consistent");
	assert_true(json_is_true(json_object_get(json_object_get(dim,
	    "candidate"), "capped")));
	assert_json_integer(json_object_get(json_object_get(dim,
	    "reference"), "only_here"), 1);
	dim = json_array_get(dims, DIMENSION_EMOJI);
	item = json_object_get(json_object_get(dim, "candidate"), "new_emoji");
	assert_int_equal(json_array_size(item), 1);
	assert_json_string(json_array_get(item, 0), "\xf0\x9f\x8e\x89");
	item = json_object_get(json_object_get(dim, "candidate"),
	    "missing_emoji");
	assert_json_string(json_array_get(item, 0), "\xf0\x9f\xa4\x97");
	dim = json_array_get(dims, DIMENSION_FLUSH);
	assert_json_string(json_object_get(dim, "verdict"), "not checked");
	assert_true(json_is_false(json_object_get(json_object_get(dim,
	    "reference"), "checked")));
	dim = json_array_get(dims, DIMENSION_LEVELS);
	assert_json_string(json_object_get(dim, "verdict"), "incompatible");
	assert_json_string(json_object_get(dim, "summary"),
	    "the candidate uses DEBUG, which the reference does not");
	assert_json_string(json_array_get(json_object_get(dim, "evidence"), 0),
	    "DEBUG (1 message) is not a reference level");
	assert_json_integer(json_object_get(json_object_get(json_object_get(
	    dim, "candidate"), "levels"), "DEBUG"), 1);
	assert_null(json_object_get(json_object_get(dim, "reference"),
	    "allowed"));
	item = json_array_get(json_object_get(dim, "examples"), 0);
	assert_json_string(json_object_get(item, "file"), "Backend/stdout.log");
	assert_json_integer(json_object_get(item, "line"), 4);
	assert_json_string(json_object_get(item, "text"),
	    "[14:03:25] DEBUG: cache warm");
	assert_json_string(json_object_get(item, "note"), "level DEBUG");
	dim = json_array_get(dims, DIMENSION_TIMESTAMP);
	assert_json_string(json_object_get(dim, "verdict"), "different");
	item = json_array_get(json_object_get(dim, "examples"), 0);
	assert_json_string(json_object_get(item, "note"), "time goes back 5s");
	item = json_array_get(json_object_get(dim, "examples"), 1);
	assert_true(json_is_null(json_object_get(item, "note")));

	stats = json_object_get(json_object_get(root, "statistics"),
	    "reference");
	assert_json_integer(json_object_get(stats, "lines"), 10);
	assert_json_integer(json_object_get(stats, "conforming"), 8);
	assert_json_integer(json_object_get(stats, "violations"), 1);
	assert_json_integer(json_object_get(stats, "foreign"), 1);
	assert_json_integer(json_object_get(json_object_get(stats, "levels"),
	    "WARN"), 2);
	item = json_object_get(json_object_get(stats, "streams"), "stderr");
	assert_json_integer(json_object_get(item, "lines"), 5);
	assert_json_integer(json_object_get(item, "log_lines"), 4);
	assert_null(json_object_get(json_object_get(stats, "streams"),
	    "unknown"));
	assert_json_integer(json_object_get(stats, "templates"), 3);
	assert_true(json_is_false(json_object_get(stats, "templates_capped")));
	assert_json_integer(json_object_get(stats, "emoji_led"), 6);
	assert_json_integer(json_object_get(stats, "text_marked"), 1);
	assert_json_integer(json_object_get(stats, "messages"), 9);
	stats = json_object_get(json_object_get(root, "statistics"),
	    "candidate");
	assert_json_integer(json_object_get(json_object_get(stats, "levels"),
	    "DEBUG"), 1);
	assert_true(json_is_true(json_object_get(stats, "templates_capped")));

	item = json_object_get(root, "templates");
	assert_int_equal(json_array_size(item), 4);
	item = json_array_get(item, 1);
	assert_json_string(json_object_get(item, "text"),
	    "Environment already ready");
	assert_json_string(json_object_get(item, "level"), "INFO");
	assert_json_string(json_object_get(item, "emoji"), "");
	assert_json_integer(json_object_get(item, "reference"), 1);
	assert_json_integer(json_object_get(item, "candidate"), 1);
	assert_true(json_is_null(json_object_get(json_object_get(item,
	    "examples"), "reference")));
	assert_json_string(json_object_get(json_object_get(item, "examples"),
	    "candidate"), "Environment already ready");

	item = json_object_get(root, "emoji");
	assert_int_equal(json_array_size(item), 3);
	item = json_array_get(item, 1);
	assert_json_string(json_object_get(item, "emoji"), "\xf0\x9f\xa4\x97");
	assert_json_integer(json_object_get(item, "reference"), 1);
	assert_json_integer(json_object_get(item, "candidate"), 0);
	assert_json_string(json_object_get(json_object_get(item, "level"),
	    "reference"), "INFO");
	assert_true(json_is_null(json_object_get(json_object_get(item,
	    "level"), "candidate")));

	json_decref(root);
	free(text);
	fixture_free(result);
}

/* Invalid UTF-8 and NUL-free control bytes still give valid JSON. */
static void
test_json_untrusted(void **state)
{
	compare_result *result = fixture_new();
	char *text;
	json_t *root;

	(void)state;
	replace(&result->templates[0].text, "INFO \xff\xfe \x1b[0m");
	replace(&result->sides[1].name, "cand\xc3");
	text = rendered(result, COMPARE_JSON, false);
	root = parsed(text);
	assert_json_string(json_object_get(json_array_get(json_object_get(root,
	    "templates"), 0), "text"), "INFO \xef\xbf\xbd\xef\xbf\xbd \x1b[0m");
	assert_json_string(json_object_get(json_object_get(root, "candidate"),
	    "name"), "cand\xef\xbf\xbd");
	assert_contains(text, "\\u001B[0m");
	json_decref(root);
	free(text);
	fixture_free(result);
}

static const char expected_junit[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<testsuites>\n"
"  <testsuite name=\"logcompat compare\" tests=\"9\" failures=\"1\">\n"
"    <properties>\n"
"      <property name=\"reference\" value=\"runpod-fastbackend/\"/>\n"
"      <property name=\"candidate\" value=\"Backend/\"/>\n"
"      <property name=\"rules\" value=\"inferred\"/>\n"
"    </properties>\n"
"    <testcase classname=\"logcompat.compare\" name=\"line-format\"/>\n"
"    <testcase classname=\"logcompat.compare\" name=\"keys\">\n"
"      <skipped message=\"the rules read text lines (decode: text), "
"which have no keys\"/>\n"
"    </testcase>\n"
"    <testcase classname=\"logcompat.compare\" name=\"timestamp\">\n"
"      <system-out>same format, but 2 candidate timestamps go "
"backwards\n"
"every candidate timestamp parses as %H:%M:%S\n"
"Backend/stdout.log:3: [14:03:20] INFO: Environment already ready "
"(time goes back 5s)\n"
"Backend/stderr.log:2: [14:03:19] INFO: \xf0\x9f\x93\xa6 Installing "
"Redis\n"
"</system-out>\n"
"    </testcase>\n"
"    <testcase classname=\"logcompat.compare\" name=\"levels\">\n"
"      <failure message=\"the candidate uses DEBUG, which the "
"reference does not\" type=\"incompatible\">DEBUG (1 message) is not a "
"reference level\n"
"Backend/stdout.log:4: [14:03:25] DEBUG: cache warm (level DEBUG)\n"
"</failure>\n"
"    </testcase>\n"
"    <testcase classname=\"logcompat.compare\" name=\"streams\"/>\n"
"    <testcase classname=\"logcompat.compare\" name=\"emoji\"/>\n"
"    <testcase classname=\"logcompat.compare\" name=\"templates\"/>\n"
"    <testcase classname=\"logcompat.compare\" name=\"flush\">\n"
"      <skipped message=\"arrival times are unknown for both "
"sides\"/>\n"
"    </testcase>\n"
"    <testcase classname=\"logcompat.compare\" name=\"checks\"/>\n"
"  </testsuite>\n"
"</testsuites>\n";

static void
test_junit_exact(void **state)
{
	compare_result *result = fixture_new();
	char *text = rendered(result, COMPARE_JUNIT, false);

	(void)state;
	assert_string_equal(text, expected_junit);
	free(text);
	fixture_free(result);
}

/* Markup is escaped and what XML 1.0 forbids is dropped. */
static void
test_junit_escaping(void **state)
{
	compare_result *result = fixture_new();
	compare_dimension *dim = &result->dimensions[DIMENSION_LEVELS];
	char *text;

	(void)state;
	replace(&result->levels.unknown[0].level,
	    "a&b <c> \"d\" 'e'\x01\x1b\tf\ng\xff\xef\xbf\xbe");
	replace(&dim->examples[0].text, "]]>\x0b\x02\x7f\r");
	replace(&result->sides[1].name, "c&\"d\"");
	text = rendered(result, COMPARE_JUNIT, false);
	assert_contains(text, "<failure message=\"the candidate uses a&amp;b "
	    "&lt;c&gt; &quot;d&quot; &apos;e&apos;&#9;f&#10;g\xef\xbf\xbd, "
	    "which the reference does not\" type=\"incompatible\">a&amp;b "
	    "&lt;c&gt; &quot;d&quot; &apos;e&apos;\tf\ng\xef\xbf\xbd (1 "
	    "message) is not a reference level\n"
	    "Backend/stdout.log:4: ]]&gt;\x7f\r (level DEBUG)\n</failure>");
	assert_contains(text, "<property name=\"candidate\" "
	    "value=\"c&amp;&quot;d&quot;\"/>");
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			fail_msg("forbidden byte 0x%02x in:\n%s", *p, text);
	}
	assert_lacks(text, "\xef\xbf\xbe");
	free(text);

	dim->verdict = VERDICT_DIFFERENT;
	text = rendered(result, COMPARE_JUNIT, false);
	assert_contains(text, "failures=\"0\"");
	assert_contains(text, "<system-out>the candidate uses a&amp;b "
	    "&lt;c&gt; &quot;d&quot; &apos;e&apos;\tf\ng\xef\xbf\xbd, which the "
	    "reference does not\na&amp;b");
	assert_lacks(text, "<failure");
	free(text);
	fixture_free(result);
}

/* A result with nothing in it: no division by zero, no claims. */
/* SARIF, GitHub and HTML: a result per dimension that is not alike. */
static void
test_ci_formats(void **state)
{
	compare_result *result = fixture_new();
	char *text;
	json_t *root, *results;

	(void)state;
	replace(&result->sides[1].name, "<b>cand</b>,x:y");
	text = rendered(result, COMPARE_SARIF, false);
	root = parsed(text);
	assert_json_string(json_object_get(root, "version"), "2.1.0");
	results = json_object_get(json_array_get(json_object_get(root,
	    "runs"), 0), "results");
	/* levels (incompatible, one example), timestamp (different, two). */
	assert_int_equal(json_array_size(results), 5);
	assert_json_string(json_object_get(json_array_get(results, 0),
	    "ruleId"), "timestamp");
	assert_json_string(json_object_get(json_array_get(results, 0),
	    "level"), "warning");
	json_decref(root);
	free(text);

	text = rendered(result, COMPARE_GITHUB, false);
	assert_contains(text, "::error file=Backend/stdout.log,line=4,"
	    "title=compare%3A levels incompatible::the candidate uses DEBUG");
	assert_contains(text, "::warning ");
	assert_contains(text, ": incompatible; 1 incompatible, 1 different\n");
	free(text);

	text = rendered(result, COMPARE_HTML, false);
	assert_contains(text, "<div id=\"verdict\" class=\"fail\">");
	assert_contains(text, "&lt;b&gt;cand&lt;/b&gt;");
	assert_lacks(text, "<b>cand");
	assert_lacks(text, "<script");
	assert_lacks(text, "http:");
	assert_lacks(text, "https:");
	assert_contains(text, "</html>\n");
	free(text);
	fixture_free(result);
}

static void
test_empty_result(void **state)
{
	compare_result *result = xcalloc(1, sizeof *result);
	char *text;
	json_t *root;

	(void)state;
	result->compatible = true;
	result->rules_name = xstrdup("runpod");
	result->sides[0].name = xstrdup("a");
	result->sides[1].name = xstrdup("b");
	for (int d = 0; d < DIMENSION_COUNT; d++)
		fixture_dimension(result, (compare_dimension_id)d,
		    VERDICT_IDENTICAL);

	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "| Skeleton | none | none |\n");
	assert_contains(text, "| Lines read | 0 | 0 |\n"
	    "| Log calls (messages) | 0 | 0 |\n");
	assert_contains(text, "| Emoji-led messages | 0 | 0 |\n");
	assert_lacks(text, "Lines on ");
	assert_contains(text, "No message on either side is led by an "
	    "emoji.\n");
	assert_contains(text, "### Shared templates (0)\n\nNone.\n");
	assert_contains(text, "No template is unique to either side.\n");
	assert_contains(text, "Neither side leads a message with an emoji.\n");
	assert_contains(text, "All 9 dimensions are identical.\n");
	assert_contains(text, "**COMPATIBLE**: no dimension is "
	    "incompatible.\n");
	assert_contains(text, "\nReference format `runpod`.\n");
	free(text);

	text = rendered(result, COMPARE_TEXT, false);
	assert_contains(text, "reference format: runpod (inferred from a)\n");
	assert_contains(text, "reference: 0 lines, 0 messages, 0 foreign; "
	    "no levels; 0 templates; 0 emoji-led\n");
	assert_contains(text, "templates: 0 shared, 0 only in reference, "
	    "0 only in candidate\n");
	free(text);

	text = rendered(result, COMPARE_JSON, false);
	root = parsed(text);
	assert_json_string(json_object_get(root, "verdict"), "compatible");
	assert_int_equal(json_array_size(json_object_get(root, "templates")),
	    0);
	assert_int_equal(json_object_size(json_object_get(json_object_get(
	    json_object_get(root, "statistics"), "candidate"), "levels")), 0);
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(root, "reference"), "format"), "skeleton")));
	assert_true(json_is_null(json_object_get(json_object_get(root, "rules"),
	    "inferred")));
	json_decref(root);
	free(text);

	text = rendered(result, COMPARE_JUNIT, false);
	assert_contains(text, "tests=\"9\" failures=\"0\"");
	assert_lacks(text, "<system-out>");
	free(text);
	fixture_free(result);
}

/* The dimension's line of the text report, from "  name" to its end. */
static char *
summary_line(const compare_result *result, compare_dimension_id d)
{
	char *text = rendered(result, COMPARE_TEXT, false);
	char *needle = xasprintf("\n  %-14s", dimension_names[d]);
	char *at = strstr(text, needle), *line;

	assert_non_null(at);
	/* The verdict, in a column of 13. */
	at += strlen(needle) + 13;
	line = xstrndup(at, strcspn(at, "\n"));
	free(needle);
	free(text);
	return line;
}

static void
assert_summary(const compare_result *result, compare_dimension_id d,
    const char *expected)
{
	char *line = summary_line(result, d);

	assert_string_equal(line, expected);
	free(line);
}

/* Every reason of every dimension has its sentence. */
static void
test_summaries(void **state)
{
	compare_result *result = fixture_new();
	compare_line_format_facts *lf = &result->line_format;
	compare_timestamp_facts *ts = &result->timestamp;
	compare_levels_facts *lv = &result->levels;
	compare_streams_facts *st = &result->streams;
	compare_emoji_facts *em = &result->emoji_habit;
	compare_templates_facts *tp = &result->template_overlap;
	compare_flush_facts *fl = &result->flush;

	(void)state;
	lf->reason = LINE_FORMAT_NO_FIT;
	assert_summary(result, DIMENSION_LINE_FORMAT,
	    "no candidate line has the reference layout");
	lf->reason = LINE_FORMAT_FEW_FIT;
	lf->log_lines[1] = 5;
	lf->own_layout_lines = 9;
	replace(&lf->skeleton[1], "LEVEL TIME MESSAGE");
	assert_summary(result, DIMENSION_LINE_FORMAT, "only 5 of the 9 lines "
	    "in the candidate's own layout (LEVEL TIME MESSAGE) have the "
	    "reference layout");
	replace(&lf->skeleton[1], NULL);
	assert_summary(result, DIMENSION_LINE_FORMAT, "only 5 of the 9 lines "
	    "in the candidate's own layout ((no layout found)) have the "
	    "reference layout");
	lf->reason = LINE_FORMAT_FOREIGN_FAIL;
	lf->foreign = 3;
	assert_summary(result, DIMENSION_LINE_FORMAT,
	    "3 foreign lines, and the rules say foreign: fail");
	lf->reason = LINE_FORMAT_FITS;
	assert_summary(result, DIMENSION_LINE_FORMAT,
	    "the candidate's log lines fit the reference layout");
	/* Without its own layout, the reference is its pattern. */
	lf->reason = LINE_FORMAT_SAME;
	replace(&lf->skeleton[0], NULL);
	replace(&lf->pattern, "^(?<message>.*)$");
	assert_summary(result, DIMENSION_LINE_FORMAT,
	    "both write ^(?<message>.*)$");

	ts->reason = TIMESTAMP_ELSEWHERE_SAME;
	assert_summary(result, DIMENSION_TIMESTAMP,
	    "both write %H:%M:%S (in another layout)");
	ts->reason = TIMESTAMP_ELSEWHERE_OTHER;
	replace(&ts->own[1], "%I:%M:%S %p");
	assert_summary(result, DIMENSION_TIMESTAMP, "the candidate writes "
	    "%I:%M:%S %p where the reference writes %H:%M:%S");
	ts->reason = TIMESTAMP_NOT_MATCHING;
	ts->not_matching[1] = 1;
	assert_summary(result, DIMENSION_TIMESTAMP, "1 candidate log line has "
	    "timestamps that do not match %H:%M:%S");
	ts->not_matching[1] = 4;
	assert_summary(result, DIMENSION_TIMESTAMP, "4 candidate log lines "
	    "have timestamps that do not match %H:%M:%S");
	ts->reason = TIMESTAMP_MORE_NOT_MATCHING;
	ts->not_matching[0] = 1;
	ts->log_lines[0] = 6;
	ts->log_lines[1] = 6;
	assert_summary(result, DIMENSION_TIMESTAMP, "timestamps that do not "
	    "match %H:%M:%S on 4 of the candidate's 6 log lines, against 1 "
	    "of the reference's 6");
	ts->reason = TIMESTAMP_HABIT;
	ts->not_matching[1] = 1;
	assert_summary(result, DIMENSION_TIMESTAMP, "timestamps that do not "
	    "match %H:%M:%S on 1 of the candidate's 6 log lines, as on 1 of "
	    "the reference's 6");
	ts->reason = TIMESTAMP_PARSES;
	assert_summary(result, DIMENSION_TIMESTAMP,
	    "the candidate's timestamps parse as %H:%M:%S");
	ts->reason = TIMESTAMP_SAME;
	assert_summary(result, DIMENSION_TIMESTAMP, "both write %H:%M:%S");
	ts->reason = TIMESTAMP_NONE;
	replace(&ts->format, NULL);
	assert_summary(result, DIMENSION_TIMESTAMP, "the reference has no "
	    "timestamp; the candidate has %I:%M:%S %p");

	lv->reason = LEVELS_SAME;
	assert_summary(result, DIMENSION_LEVELS, "both use INFO, WARN, ERROR");
	lv->reason = LEVELS_SUBSET;
	assert_summary(result, DIMENSION_LEVELS,
	    "the candidate's levels (INFO, DEBUG) are among the reference's");
	lv->reason = LEVELS_UNKNOWN;
	fixture_level(&lv->unknown, &lv->unknown_count, "", 2);
	assert_summary(result, DIMENSION_LEVELS, "the candidate uses DEBUG, "
	    "(none), which the reference does not");

	st->reason = STREAMS_ELSEWHERE_KEPT;
	assert_summary(result, DIMENSION_STREAMS,
	    "the same stream policy (in another layout)");
	st->reason = STREAMS_ELSEWHERE_BROKEN;
	assert_summary(result, DIMENSION_STREAMS, "the candidate's log lines "
	    "do not follow the reference's stream policy");
	st->reason = STREAMS_NOT_PAIRED;
	replace(&st->pairing[1], "not checked: no stderr");
	assert_summary(result, DIMENSION_STREAMS, "the reference writes every "
	    "log line to stdout and stderr; the candidate's pairing was not "
	    "checked: no stderr");
	st->reason = STREAMS_UNPAIRED;
	st->unpaired[1] = 1;
	assert_summary(result, DIMENSION_STREAMS, "1 candidate log line is not "
	    "on both streams with the same text, in the same order");
	st->reason = STREAMS_EXCLUDED;
	st->excluded = 2;
	assert_summary(result, DIMENSION_STREAMS,
	    "2 candidate log lines are on a stream the format excludes");
	st->reason = STREAMS_OTHER;
	st->habit[0] = STREAM_HABIT_BOTH;
	assert_summary(result, DIMENSION_STREAMS, "the reference: stdout + "
	    "stderr; the candidate: stdout + stderr, 1 unpaired");
	st->habit[0] = STREAM_HABIT_STDOUT;
	st->habit[1] = STREAM_HABIT_STDERR;
	assert_summary(result, DIMENSION_STREAMS, "the reference: log lines on "
	    "stdout only; the candidate: log lines on stderr only");
	st->reason = STREAMS_SAME;
	st->habit[0] = STREAM_HABIT_NONE;
	assert_summary(result, DIMENSION_STREAMS, "both: unknown stream");

	em->reason = EMOJI_POLICY;
	em->policy = 3;
	assert_summary(result, DIMENSION_EMOJI,
	    "3 candidate messages break the format's emoji policy");
	em->reason = EMOJI_MARKERS;
	em->marker_share = 0.5;
	replace(&em->marker, "[OK]");
	assert_summary(result, DIMENSION_EMOJI, "the candidate leads 50% of "
	    "messages with text markers such as [OK] where the reference leads "
	    "67% with emoji");
	em->reason = EMOJI_DROPPED;
	em->share[1] = 0.1;
	assert_summary(result, DIMENSION_EMOJI, "the candidate dropped the "
	    "leading emoji: 10% of messages against the reference's 67%");
	em->reason = EMOJI_MOVED;
	assert_summary(result, DIMENSION_EMOJI,
	    "the candidate pairs emoji with other levels than the reference");
	em->reason = EMOJI_SAME;
	assert_summary(result, DIMENSION_EMOJI,
	    "the same emoji, on a similar share of messages");
	em->reason = EMOJI_OTHER;
	assert_summary(result, DIMENSION_EMOJI, "an emoji-led habit on 10% of "
	    "messages against 67%, 1 of 3 emoji shared");

	tp->reason = TEMPLATES_SAME;
	assert_summary(result, DIMENSION_TEMPLATES,
	    "the same 2 message templates");
	tp->reason = TEMPLATES_MOVED;
	tp->moved = 1;
	assert_summary(result, DIMENSION_TEMPLATES, "the same messages; 1 of "
	    "them with another level or emoji (see the levels and emoji "
	    "dimensions)");
	tp->reason = TEMPLATES_OTHER;
	assert_summary(result, DIMENSION_TEMPLATES, "different messages (2 "
	    "shared of 4): a difference in content, not in format");

	fl->reason = FLUSH_OFF;
	assert_summary(result, DIMENSION_FLUSH,
	    "flush-timing is off in the rules");
	fl->reason = FLUSH_UNPAIRED_RULES;
	fl->policy = STREAMS_STDERR;
	assert_summary(result, DIMENSION_FLUSH, "the rules do not pair the "
	    "streams (streams: stderr), so no twins are timed");
	fl->reason = FLUSH_NO_TWINS;
	fl->side = 1;
	replace(&fl->pairing, "not checked: no stderr");
	assert_summary(result, DIMENSION_FLUSH, "no twins on the candidate: "
	    "stream pairing not checked: no stderr");
	fl->reason = FLUSH_TIMES_UNKNOWN;
	fl->flush[0].pairs = 4;
	assert_summary(result, DIMENSION_FLUSH,
	    "arrival times are unknown for the candidate");
	fl->flush[1] = (report_flush){
		.pairs = 10, .late = { 4, 0 }, .max_delay_ns = { 149000000, 0 },
		.bound_ns = 100000000,
	};
	fl->reason = FLUSH_HABIT;
	assert_summary(result, DIMENSION_FLUSH, "the candidate: 4 of 10 twins "
	    "late, stdout up to 149 ms after stderr; the reference's twins all "
	    "arrive within 100 ms");
	fl->flush[0].late[1] = 1;
	fl->flush[0].max_delay_ns[1] = 1500000000;
	assert_summary(result, DIMENSION_FLUSH, "the candidate: 4 of 10 twins "
	    "late, stdout up to 149 ms after stderr; the reference: 1 of 4 "
	    "twins late, stderr up to 1.500 s after stdout");
	fl->reason = FLUSH_SHORT_OF_HABIT;
	assert_summary(result, DIMENSION_FLUSH, "the candidate has more late "
	    "twins, short of a habit (3 late, 10% of its twins and 10 points "
	    "above the reference): 4 of 10 twins late, stdout up to 149 ms "
	    "after stderr; the reference: 1 of 4 twins late, stderr up to "
	    "1.500 s after stdout");
	fl->reason = FLUSH_NO_MORE_LATE;
	assert_summary(result, DIMENSION_FLUSH, "the candidate has no more "
	    "late twins than the reference: 4 of 10 twins late, stdout up to 149 ms "
	    "after stderr; the reference: 1 of 4 twins late, stderr up to "
	    "1.500 s after stdout");
	fl->reason = FLUSH_IN_TIME;
	assert_summary(result, DIMENSION_FLUSH,
	    "every twin arrives within 100 ms on both");
	fixture_free(result);
}

/* Evidence and example notes come from the facts, in their order. */
static void
test_evidence(void **state)
{
	compare_result *result = fixture_new();
	compare_emoji_facts *em = &result->emoji_habit;
	compare_dimension *dim = &result->dimensions[DIMENSION_EMOJI];
	compare_example *ex;
	char *text;

	(void)state;
	em->reason = EMOJI_MOVED;
	dim->verdict = VERDICT_INCOMPATIBLE;
	em->moves = xcalloc(1, sizeof *em->moves);
	em->moves[0] = (compare_emoji_move){
		.emoji = xstrdup("\xf0\x9f\x9a\x80"),
		.level = { xstrdup("INFO"), xstrdup("WARN") }, .count = 1,
	};
	em->move_count = 1;
	em->breaks = xcalloc(1, sizeof *em->breaks);
	em->breaks[0] = (compare_check_break){
		.check = xstrdup("error-marker-level"), .count = 2,
	};
	em->break_count = 1;
	ex = fixture_example(dim, EXAMPLE_EMOJI_LEVEL, "b/stdout.log", 7,
	    "[10:00:00] WARN: \xf0\x9f\x9a\x80 Starting");
	ex->emoji = xstrdup("\xf0\x9f\x9a\x80");
	ex->level = xstrdup("WARN");
	fixture_example(dim, EXAMPLE_TEXT_MARKER, "b/stdout.log", 9,
	    "[10:00:02] INFO: [OK] done");
	text = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(text, "\n- \u274c **emoji** (incompatible): the "
	    "candidate pairs emoji with other levels than the reference\n"
	    "  - vocabulary: 1 shared, 1 only in the candidate, 1 only in the "
	    "reference\n"
	    "  - \xf0\x9f\x9a\x80 leads INFO in the reference, but WARN in the "
	    "candidate (1 message)\n"
	    "  - 2 candidate lines break the check error-marker-level\n"
	    "  - b/stdout.log:7: `[10:00:00] WARN: \xf0\x9f\x9a\x80 Starting` "
	    "\u2014 \xf0\x9f\x9a\x80 on WARN\n"
	    "  - b/stdout.log:9: `[10:00:02] INFO: [OK] done` \u2014 a text "
	    "marker\n");
	free(text);

	result->template_overlap.moved = 1;
	result->line_format.lines = 1;
	text = rendered(result, COMPARE_JSON, false);
	assert_contains(text, "\"1 of the candidate's templates are the "
	    "reference's messages with another level or emoji\"");
	assert_contains(text, "\"6 of the candidate's 1 line have the "
	    "reference layout; 0 foreign\"");
	free(text);
	fixture_free(result);
}

/* The levels a format allows are part of the reference's JSON facts. */
static void
test_json_allowed_levels(void **state)
{
	compare_result *result = fixture_new();
	compare_levels_facts *lv = &result->levels;
	char *text;
	json_t *root, *facts, *allowed;

	(void)state;
	lv->allowed = xcalloc(2, sizeof *lv->allowed);
	lv->allowed[0] = xstrdup("INFO");
	lv->allowed[1] = xstrdup("WARN");
	lv->allowed_count = 2;
	text = rendered(result, COMPARE_JSON, false);
	root = parsed(text);
	facts = json_object_get(json_array_get(json_object_get(root,
	    "dimensions"), DIMENSION_LEVELS), "reference");
	allowed = json_object_get(facts, "allowed");
	assert_int_equal(json_array_size(allowed), 2);
	assert_json_string(json_array_get(allowed, 1), "WARN");
	assert_null(json_object_get(json_object_get(json_array_get(
	    json_object_get(root, "dimensions"), DIMENSION_LEVELS),
	    "candidate"), "allowed"));
	json_decref(root);
	free(text);
	fixture_free(result);
}

static void
fixture_key(compare_keys_facts *f, const char *name, size_t depth,
    uint64_t ref, uint64_t cand, unsigned ref_types, unsigned cand_types)
{
	f->keys = xreallocarray(f->keys, f->key_count + 1, sizeof *f->keys);
	f->keys[f->key_count++] = (compare_key){
		.name = xstrdup(name), .depth = depth,
		.present = { ref, cand }, .types = { ref_types, cand_types },
	};
}

/* The keys dimension: each reason's sentence, and its JSON facts. */
static void
test_keys(void **state)
{
	const unsigned string = 1u << KEYSCHEMA_STRING;
	const unsigned integer = 1u << KEYSCHEMA_INTEGER;
	const unsigned object = 1u << KEYSCHEMA_OBJECT;
	compare_result *result = fixture_new();
	compare_keys_facts *f = &result->keys;
	char *text, *line;
	json_t *root, *dim, *cand;

	(void)state;
	*f = (compare_keys_facts){
		.reason = KEYS_ADDED, .decode = RULES_DECODE_JSON,
		.records = { 4, 4 },
	};
	fixture_key(f, "level", 1, 4, 4, integer, string);
	f->keys[0].retyped = true;
	fixture_key(f, "msg", 1, 4, 4, string, string);
	fixture_key(f, "user", 1, 4, 2, object, object);
	f->keys[2].rarer = true;
	fixture_key(f, "component", 1, 0, 4, 0, string);
	/* A nested key of a one-sided object goes without saying. */
	fixture_key(f, "req", 1, 0, 3, 0, object);
	fixture_key(f, "req/id", 2, 0, 3, 0, string);
	f->only[1] = 3;
	f->roles[KEY_ROLE_MESSAGE].key[0] = xstrdup("msg");
	f->roles[KEY_ROLE_MESSAGE].key[1] = xstrdup("message");
	f->roles[KEY_ROLE_MESSAGE].renamed = true;
	f->renamed = 1;
	f->findings = xcalloc(1, sizeof *f->findings);
	f->findings[0] = (compare_check_count){
		.id = xstrdup("key-type"), .severity = SEVERITY_ERROR,
		.count = { 0, 4 },
	};
	f->finding_count = 1;

	assert_summary(result, DIMENSION_KEYS, "the candidate adds keys "
	    "component (4 of 4 records), req (3 of 4 records); the "
	    "reference's keep their types");
	f->reason = KEYS_TYPES;
	assert_summary(result, DIMENSION_KEYS,
	    "1 key changed type: level from integer to string");
	f->reason = KEYS_DROPPED;
	assert_summary(result, DIMENSION_KEYS, "the candidate leaves out key "
	    "the reference writes on every record: user (2 of 4 records)");
	f->reason = KEYS_RENAMED;
	assert_summary(result, DIMENSION_KEYS,
	    "message key renamed from msg to message");
	f->reason = KEYS_BROKEN;
	assert_summary(result, DIMENSION_KEYS, "the candidate breaks the "
	    "rules' keys: key-type (4), which the reference passes; level "
	    "from integer to string");
	f->reason = KEYS_SAME;
	assert_summary(result, DIMENSION_KEYS,
	    "the same 6 keys with the same types");
	f->reason = KEYS_ELSEWHERE;
	assert_summary(result, DIMENSION_KEYS, "the candidate's log lines "
	    "have another layout: no JSON keys to compare");
	f->reason = KEYS_TEXT;
	assert_summary(result, DIMENSION_KEYS,
	    "the rules read text lines (decode: text), which have no keys");

	f->reason = KEYS_BROKEN;
	result->dimensions[DIMENSION_KEYS].verdict = VERDICT_INCOMPATIBLE;
	line = rendered(result, COMPARE_MARKDOWN, false);
	assert_contains(line, "| keys | 3 keys in 4 records; message: msg | "
	    "6 keys in 4 records; message: message |");
	assert_contains(line, "  - only in the candidate: component (4 of 4 "
	    "records), req (3 of 4 records)\n");
	assert_contains(line, "  - types changed: level from integer to "
	    "string\n");
	assert_contains(line, "  - key-type (error): 0 in the reference, 4 "
	    "in the candidate\n");
	/* The table of keys: those that differ first. */
	assert_contains(line, "| Key | runpod-fastbackend/ | Backend/ |\n"
	    "|---|---|---|\n"
	    "| `level` | 100%, integer | 100%, string |\n"
	    "| `user` | 100%, object | 50%, object |\n"
	    "| `component` | \u2014 | 100%, string |\n"
	    "| `req` | \u2014 | 75%, object |\n"
	    "| `req/id` | \u2014 | 75%, string |\n"
	    "| `msg` | 100%, string | 100%, string |\n");
	free(line);
	line = rendered(result, COMPARE_HTML, false);
	assert_contains(line, "<tr><td><code>component</code></td><td>"
	    "\u2014</td><td>100%, string</td></tr>");
	free(line);

	text = rendered(result, COMPARE_JSON, false);
	root = parsed(text);
	dim = json_array_get(json_object_get(root, "dimensions"),
	    DIMENSION_KEYS);
	assert_json_string(json_object_get(dim, "name"), "keys");
	assert_int_equal(json_array_size(json_object_get(json_object_get(dim,
	    "reference"), "keys")), 3);
	cand = json_object_get(dim, "candidate");
	assert_json_string(json_object_get(cand, "decode"), "json");
	assert_json_integer(json_object_get(cand, "records"), 4);
	assert_int_equal(json_array_size(json_object_get(cand, "keys")), 6);
	assert_int_equal(json_array_size(json_object_get(cand, "only_here")),
	    3);
	assert_json_string(json_object_get(json_array_get(json_object_get(
	    cand, "type_changes"), 0), "name"), "level");
	assert_json_string(json_array_get(json_object_get(json_array_get(
	    json_object_get(cand, "type_changes"), 0), "reference"), 0),
	    "integer");
	assert_json_string(json_array_get(json_object_get(cand, "rarer"), 0),
	    "user");
	assert_json_string(json_object_get(json_array_get(json_object_get(
	    cand, "renamed"), 0), "candidate"), "message");
	assert_json_string(json_object_get(json_object_get(cand, "roles"),
	    "message"), "message");
	assert_true(json_is_null(json_object_get(json_object_get(cand,
	    "roles"), "time")));
	json_decref(root);
	free(text);
	fixture_free(result);
}

/* A write error is reported, whatever the format. */
static void
test_write_error(void **state)
{
	static const compare_format formats[] = {
		COMPARE_TEXT, COMPARE_MARKDOWN, COMPARE_JSON, COMPARE_JUNIT
	};
	compare_result *result = fixture_new();

	(void)state;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		FILE *out = fopen("/dev/full", "w");
		if (out == NULL)
			skip();
		assert_int_equal(setvbuf(out, NULL, _IONBF, 0), 0);
		assert_int_equal(compare_output(out, result, formats[i], false),
		    -1);
		fclose(out);
	}
	fixture_free(result);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_text_exact),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_untrusted),
		cmocka_unit_test(test_markdown_exact),
		cmocka_unit_test(test_markdown_sections),
		cmocka_unit_test(test_markdown_table_escaping),
		cmocka_unit_test(test_markdown_fences),
		cmocka_unit_test(test_markdown_caps),
		cmocka_unit_test(test_markdown_untrusted),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_json_untrusted),
		cmocka_unit_test(test_junit_exact),
		cmocka_unit_test(test_junit_escaping),
		cmocka_unit_test(test_empty_result),
		cmocka_unit_test(test_ci_formats),
		cmocka_unit_test(test_summaries),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_json_allowed_levels),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
