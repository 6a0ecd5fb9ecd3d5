/*
 * Unit tests for check: captures written to temporary directories, checked
 * with rules/runpod.yaml (read under $srcdir, as automake sets it for
 * tests, else ".") or rule text written beside them, and the report looked
 * at field by field.  Every line read must be counted exactly once.
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

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/capture.h"
#include "judge/check.h"
#include "judge/report.h"
#include "decode/rules.h"
#include "util/xalloc.h"

#define ROCKET	"\xf0\x9f\x9a\x80"	/* U+1F680 */

/* What the running test made, undone by its teardown even if it fails. */
#define MAX_PATHS 16
/* Directories before the files in them: removed in reverse. */
static char *paths[MAX_PATHS];
static size_t path_count;
static rules *loaded;
static report *rep;
static char *cause;
static char dir[4096];

static int
check_teardown(void **state)
{
	(void)state;
	while (path_count > 0) {
		char *path = paths[--path_count];
		if (unlink(path) != 0)
			rmdir(path);
		free(path);
	}
	rules_free(loaded);
	loaded = NULL;
	report_free(rep);
	rep = NULL;
	free(cause);
	cause = NULL;
	return 0;
}

static void
remember(char *path)
{
	assert_true(path_count < MAX_PATHS);
	paths[path_count++] = path;
}

/* A fresh capture directory; it is removed after the files in it. */
static const char *
make_dir(void)
{
	const char *base = getenv("TMPDIR");

	/* The template ends in six X, spelled so as not to be a marker. */
	snprintf(dir, sizeof dir, "%s/test_check.%s",
	    base != NULL && *base != '\0' ? base : "/tmp", "XX" "XX" "XX");
	assert_non_null(mkdtemp(dir));
	remember(xstrdup(dir));
	return dir;
}

static char *
write_file(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	remember(path);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

#define WRITE(name, text)	write_file((name), (text), sizeof (text) - 1)

static void
load_runpod(void)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];
	lc_error err;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof path, "%s/rules/runpod.yaml", srcdir);
	loaded = rules_load(path, &err);
	if (loaded == NULL)
		fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column,
		    err.text);
}

/* Rules from text, written as rules.yaml in the capture directory. */
static void
load_text(const char *text)
{
	char *path = write_file("rules.yaml", text, strlen(text));
	lc_error err;

	loaded = rules_load(path, &err);
	if (loaded == NULL)
		fail_msg("%lu:%lu: %s", err.line, err.column, err.text);
}

static void
new_report(size_t max_findings)
{
	rep = report_new(loaded->format, loaded->path, max_findings);
}

/* Check a capture into rep, as main does; it must succeed. */
static void
check_capture_arg(const char *arg)
{
	capture c;

	if (capture_resolve(arg, &c, &cause) != 0)
		fail_msg("%s", cause);
	if (check_capture(loaded, &c, rep, &cause) != 0) {
		capture_free(&c);
		fail_msg("%s", cause);
	}
	capture_free(&c);
	report_sort(rep);
}

static void
check_dir(void)
{
	if (rep == NULL)
		new_report(0);
	check_capture_arg(dir);
}

static void
assert_counts(const report_counts *c, uint64_t lines, uint64_t conforming,
    uint64_t violating, uint64_t foreign)
{
	assert_int_equal(c->lines, lines);
	assert_int_equal(c->conforming, conforming);
	assert_int_equal(c->violating, violating);
	assert_int_equal(c->foreign, foreign);
}

/* Every line is counted once: the parts add up everywhere. */
static void
assert_counts_add_up(void)
{
	const report_counts *all[LC_STREAM_COUNT + 1];
	uint64_t lines = 0, captured = 0;

	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		all[s] = &rep->streams[s];
		lines += rep->streams[s].lines;
	}
	all[LC_STREAM_COUNT] = &rep->total;
	for (size_t i = 0; i <= LC_STREAM_COUNT; i++)
		assert_int_equal(all[i]->lines, all[i]->conforming +
		    all[i]->violating + all[i]->foreign);
	assert_int_equal(lines, rep->total.lines);
	for (size_t i = 0; i < rep->capture_count; i++) {
		const report_counts *c = &rep->captures[i].counts;
		assert_int_equal(c->lines, c->conforming + c->violating +
		    c->foreign);
		captured += c->lines;
	}
	assert_int_equal(captured, rep->total.lines);
	assert_int_equal(rep->errors + rep->warnings,
	    report_finding_total(rep));
}

/* The path of a stream file of the current capture directory. */
static const char *
in_dir(const char *name)
{
	static char path[4096 + 32];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static size_t
count_rule(const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < rep->finding_count; i++)
		n += strcmp(rep->findings[i].rule, rule) == 0;
	return n;
}

static uint64_t
category_count(const char *rule)
{
	for (size_t i = 0; i < rep->category_count; i++) {
		if (strcmp(rep->categories[i].rule, rule) == 0)
			return rep->categories[i].count;
	}
	return 0;
}

static void
assert_finding(size_t index, const char *file, unsigned long line,
    unsigned long column, const char *rule, rules_severity severity,
    const char *message)
{
	const report_finding *f;

	assert_true(index < rep->finding_count);
	f = &rep->findings[index];
	assert_string_equal(f->file, file);
	assert_int_equal(f->line, line);
	assert_int_equal(f->column, column);
	assert_string_equal(f->rule, rule);
	assert_int_equal(f->severity, severity);
	if (message != NULL)
		assert_string_equal(f->message, message);
	if (line == 0)
		assert_null(f->excerpt);
	else
		assert_non_null(f->excerpt);
}

static uint64_t
level_count(const char *level)
{
	for (size_t i = 0; i < rep->level_count; i++) {
		if (strcmp(rep->levels[i].level, level) == 0)
			return rep->levels[i].count;
	}
	return 0;
}

#define LINES3 \
	"[14:03:22] INFO: " ROCKET " Setting up environment...\n" \
	"[14:03:23] WARN: \xe2\x9a\xa0\xef\xb8\x8f CUDA not available\n" \
	"[14:03:24] INFO: Environment ready\n"

static void
test_identical_streams(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", LINES3);
	WRITE("stderr.log", LINES3);
	check_dir();
	assert_int_equal(rep->capture_count, 1);
	assert_string_equal(rep->captures[0].pairing, "checked");
	assert_string_equal(rep->captures[0].name, dir);
	assert_string_equal(rep->captures[0].stdout_path, in_dir("stdout.log"));
	assert_string_equal(rep->captures[0].stderr_path, in_dir("stderr.log"));
	assert_null(rep->captures[0].unknown_path);
	assert_counts(&rep->total, 6, 6, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 3, 3, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 3, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_UNKNOWN], 0, 0, 0, 0);
	assert_counts(&rep->captures[0].counts, 6, 6, 0, 0);
	assert_int_equal(rep->finding_count, 0);
	assert_int_equal(report_finding_total(rep), 0);
	assert_false(report_failed(rep));
	assert_int_equal(level_count("INFO"), 4);
	assert_int_equal(level_count("WARN"), 2);
	assert_int_equal(rep->level_count, 2);
	assert_counts_add_up();
}

/* Foreign lines are not paired; CRLF line ends are no difference. */
static void
test_foreign_lines_not_paired(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "Collecting torch==2.1.0\n"
	    "[14:03:22] INFO: a\r\n"
	    "  Downloading torch-2.1.0.whl\n"
	    "[14:03:23] INFO: b\n");
	WRITE("stderr.log", "[14:03:22] INFO: a\n"
	    "[14:03:23] INFO: b\n"
	    "Traceback (most recent call last):\n");
	check_dir();
	assert_string_equal(rep->captures[0].pairing, "checked");
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 4, 2, 0, 2);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 2, 0, 1);
	assert_counts(&rep->total, 7, 4, 0, 3);
	assert_int_equal(rep->finding_count, 3);
	assert_int_equal(count_rule("foreign"), 3);
	assert_int_equal(count_rule("stream-pairing"), 0);
	assert_finding(0, in_dir("stdout.log"), 1, 1, "foreign",
	    SEVERITY_WARNING, "line does not match the runpod line format");
	assert_finding(1, in_dir("stdout.log"), 3, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_finding(2, in_dir("stderr.log"), 3, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_false(report_failed(rep));
	assert_counts_add_up();
}

static void
test_line_missing_on_stderr(void **state)
{
	char message[8192];

	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: two\n"
	    "[14:03:24] INFO: three\n");
	WRITE("stderr.log", "[14:03:22] INFO: one\n"
	    "[14:03:24] INFO: three\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	snprintf(message, sizeof message, "log line missing from stderr (its "
	    "twin was due before %s:2)", in_dir("stderr.log"));
	assert_finding(0, in_dir("stdout.log"), 2, 1, "stream-pairing",
	    SEVERITY_ERROR, message);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 3, 2, 1, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 2, 2, 0, 0);
	assert_counts(&rep->total, 5, 4, 1, 0);
	assert_counts(&rep->captures[0].counts, 5, 4, 1, 0);
	assert_int_equal(rep->errors, 1);
	assert_true(report_failed(rep));
	assert_counts_add_up();
}

static void
test_line_missing_at_end(void **state)
{
	char message[8192];

	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[14:03:22] INFO: one\n");
	WRITE("stderr.log", "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: two\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	snprintf(message, sizeof message, "log line missing from stdout (its "
	    "twin was due after the last log line of %s)",
	    in_dir("stdout.log"));
	assert_finding(0, in_dir("stderr.log"), 2, 1, "stream-pairing",
	    SEVERITY_ERROR, message);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 1, 1, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 2, 1, 1, 0);
	assert_counts_add_up();
}

static void
test_different_text(void **state)
{
	char message[8192];

	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: hello " ROCKET "\n"
	    "[14:03:24] INFO: three\n");
	WRITE("stderr.log", "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: hallo " ROCKET "\n"
	    "[14:03:24] INFO: three\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	snprintf(message, sizeof message, "text differs from its twin at "
	    "%s:2:19", in_dir("stderr.log"));
	assert_finding(0, in_dir("stdout.log"), 2, 19, "stream-pairing",
	    SEVERITY_ERROR, message);
	/* Both lines of the pair count as violating. */
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 3, 2, 1, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 2, 1, 0);
	assert_counts(&rep->total, 6, 4, 2, 0);
	assert_counts_add_up();
}

/*
 * The same through pipes, which cannot be read again: the heads of the
 * paired lines are copied as they pass, and the findings are the same.
 */
static void
test_different_text_from_pipes(void **state)
{
	static const char out_text[] = "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: hello " ROCKET "\n"
	    "[14:03:24] INFO: gone\n";
	static const char err_text[] = "[14:03:22] INFO: one\n"
	    "[14:03:23] INFO: hallo " ROCKET "\n";
	char *out_path, *err_path, message[8192];
	capture c;
	int status;
	pid_t child;

	(void)state;
	load_runpod();
	make_dir();
	out_path = xasprintf("%s/out.fifo", dir);
	err_path = xasprintf("%s/err.fifo", dir);
	assert_int_equal(mkfifo(out_path, 0600), 0);
	remember(out_path);
	assert_int_equal(mkfifo(err_path, 0600), 0);
	remember(err_path);
	/* check opens stdout, then stderr: the writer goes in that order. */
	child = fork();
	assert_true(child != -1);
	if (child == 0) {
		const char *texts[2] = { out_text, err_text };
		const char *fifos[2] = { out_path, err_path };
		for (int i = 0; i < 2; i++) {
			int fd = open(fifos[i], O_WRONLY);
			size_t len = strlen(texts[i]);
			if (fd == -1 || write(fd, texts[i], len) != (ssize_t)len)
				_exit(1);
			close(fd);
		}
		_exit(0);
	}
	new_report(0);
	assert_int_equal(capture_from_streams(out_path, err_path, &c, &cause),
	    0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), 0);
	capture_free(&c);
	report_sort(rep);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	assert_int_equal(rep->finding_count, 2);
	snprintf(message, sizeof message, "text differs from its twin at "
	    "%s:2:19", err_path);
	assert_finding(0, out_path, 2, 19, "stream-pairing", SEVERITY_ERROR,
	    message);
	assert_string_equal(rep->findings[0].excerpt,
	    "[14:03:23] INFO: hello " ROCKET);
	snprintf(message, sizeof message, "log line missing from stderr (its "
	    "twin was due after the last log line of %s)", err_path);
	assert_finding(1, out_path, 3, 1, "stream-pairing", SEVERITY_ERROR,
	    message);
	assert_counts(&rep->total, 5, 2, 3, 0);
	assert_counts_add_up();
}

/* A line with its own findings keeps them, paired or not. */
static void
test_pairing_with_line_findings(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[14:03:22] DEBUG: x\n"
	    "[14:03:23] INFO: \x1b[1mbold\n");
	WRITE("stderr.log", "[14:03:22] DEBUG: x\n");
	check_dir();
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 2, 0, 2, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 1, 0, 1, 0);
	assert_int_equal(rep->finding_count, 4);
	assert_finding(0, in_dir("stdout.log"), 1, 12, "level",
	    SEVERITY_ERROR, "level 'DEBUG' is not one of INFO, WARN, ERROR");
	assert_finding(1, in_dir("stdout.log"), 2, 1, "stream-pairing",
	    SEVERITY_ERROR, NULL);
	assert_finding(2, in_dir("stderr.log"), 1, 12, "level",
	    SEVERITY_ERROR, NULL);
	/* Warnings after every error. */
	assert_finding(3, in_dir("stdout.log"), 2, 18, "control-char",
	    SEVERITY_WARNING, NULL);
	assert_int_equal(level_count("DEBUG"), 2);
	assert_int_equal(level_count("INFO"), 1);
	assert_counts_add_up();
}

/* Under severities: stream-pairing: off, a lone line is conforming. */
static void
test_pairing_severity_off(void **state)
{
	(void)state;
	make_dir();
	load_text("format: p\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "streams: both\n"
	    "severities: { stream-pairing: off }\n");
	WRITE("stdout.log", "INFO: a\nINFO: b\n");
	WRITE("stderr.log", "INFO: a\nINFO: c\n");
	check_dir();
	assert_string_equal(rep->captures[0].pairing, "checked");
	assert_int_equal(report_finding_total(rep), 0);
	assert_counts(&rep->total, 4, 4, 0, 0);
	assert_counts_add_up();
}

static void
test_stdout_only(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", LINES3 "pip noise\n");
	check_dir();
	assert_string_equal(rep->captures[0].pairing,
	    "not checked: no stderr was captured");
	assert_null(rep->captures[0].stderr_path);
	assert_int_equal(count_rule("stream-pairing"), 0);
	assert_int_equal(category_count("stream-pairing"), 0);
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stdout.log"), 4, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 4, 3, 0, 1);
	assert_counts(&rep->total, 4, 3, 0, 1);
	assert_counts_add_up();
}

static void
test_stderr_only_and_single_file(void **state)
{
	char *file;

	(void)state;
	load_runpod();
	make_dir();
	WRITE("stderr.log", LINES3);
	check_dir();
	assert_string_equal(rep->captures[0].pairing,
	    "not checked: no stdout was captured");
	assert_int_equal(report_finding_total(rep), 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 3, 0, 0);

	/* A second capture in the same report: a single file. */
	file = write_file("worker.log", LINES3, sizeof LINES3 - 1);
	check_capture_arg(file);
	assert_int_equal(rep->capture_count, 2);
	assert_string_equal(rep->captures[1].pairing,
	    "not checked: the stream is unknown");
	assert_string_equal(rep->captures[1].unknown_path, file);
	assert_counts(&rep->captures[1].counts, 3, 3, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_UNKNOWN], 3, 3, 0, 0);
	assert_counts(&rep->total, 6, 6, 0, 0);
	assert_int_equal(report_finding_total(rep), 0);
	assert_int_equal(level_count("INFO"), 4);
	assert_counts_add_up();
}

static void
test_pairing_not_required(void **state)
{
	(void)state;
	make_dir();
	load_text("format: any\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n");
	WRITE("stdout.log", "INFO: a\n");
	WRITE("stderr.log", "WARN: b\nWARN: c\n");
	check_dir();
	assert_string_equal(rep->captures[0].pairing,
	    "not required by the rules");
	assert_int_equal(report_finding_total(rep), 0);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 1, 1, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 2, 2, 0, 0);
	assert_counts_add_up();
}

static void
test_empty_stderr(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[14:03:22] INFO: one\n[14:03:23] INFO: two\n");
	WRITE("stderr.log", "");
	check_dir();
	assert_int_equal(count_rule("empty-stream"), 1);
	assert_int_equal(count_rule("stream-pairing"), 2);
	assert_int_equal(rep->finding_count, 3);
	/* The file-level finding sorts first in its file: line 0. */
	assert_finding(2, in_dir("stderr.log"), 0, 0, "empty-stream",
	    SEVERITY_WARNING, "stderr is empty");
	assert_finding(0, in_dir("stdout.log"), 1, 1, "stream-pairing",
	    SEVERITY_ERROR, NULL);
	assert_finding(1, in_dir("stdout.log"), 2, 1, "stream-pairing",
	    SEVERITY_ERROR, NULL);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 2, 0, 2, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 0, 0, 0, 0);
	assert_int_equal(rep->warnings, 1);
	assert_int_equal(rep->errors, 2);
	assert_counts_add_up();
}

/* A stream holding only a line end is not empty: it has one empty line. */
static void
test_blank_stream_is_not_empty(void **state)
{
	(void)state;
	make_dir();
	load_text("format: any\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n");
	WRITE("stdout.log", "INFO: a\n");
	WRITE("stderr.log", "\n");
	check_dir();
	assert_int_equal(count_rule("empty-stream"), 0);
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stderr.log"), 1, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 1, 0, 0, 1);
	assert_counts_add_up();
}

static void
test_no_log_lines(void **state)
{
	char message[] = "no line of this capture matches the runpod line "
	    "format";

	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "Collecting torch\nInstalling torch\n");
	WRITE("stderr.log", "Traceback (most recent call last):\n");
	check_dir();
	assert_int_equal(rep->finding_count, 4);
	assert_int_equal(count_rule("foreign"), 3);
	assert_int_equal(count_rule("no-log-lines"), 1);
	assert_finding(0, dir, 0, 0, "no-log-lines", SEVERITY_ERROR, message);
	assert_true(report_failed(rep));
	assert_counts(&rep->total, 3, 0, 0, 3);
	assert_counts_add_up();
}

/* foreign: allow does not save a capture without any log line. */
static void
test_no_log_lines_foreign_allowed(void **state)
{
	(void)state;
	make_dir();
	load_text("format: quiet\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "foreign: allow\n"
	    "severities: { empty-stream: off }\n");
	WRITE("stdout.log", "");
	WRITE("stderr.log", "noise\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, dir, 0, 0, "no-log-lines", SEVERITY_ERROR,
	    "no line of this capture matches the quiet line format");
	assert_counts(&rep->total, 1, 0, 0, 1);
	assert_counts_add_up();
}

static void
test_stream_policy(void **state)
{
	(void)state;
	make_dir();
	load_text("format: out\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "streams: stdout\n");
	WRITE("stdout.log", "INFO: fine\n");
	WRITE("stderr.log", "oops, a traceback\nWARN: here\nINFO: and here\n");
	check_dir();
	assert_string_equal(rep->captures[0].pairing,
	    "not required by the rules");
	assert_int_equal(count_rule("stream-policy"), 2);
	assert_int_equal(rep->finding_count, 3);
	assert_finding(0, in_dir("stderr.log"), 2, 1, "stream-policy",
	    SEVERITY_ERROR, "log line on stderr; the rules allow log lines "
	    "on stdout only");
	assert_finding(1, in_dir("stderr.log"), 3, 1, "stream-policy",
	    SEVERITY_ERROR, NULL);
	assert_finding(2, in_dir("stderr.log"), 1, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 1, 1, 0, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 0, 2, 1);
	assert_counts_add_up();
}

static void
test_stream_policy_stderr(void **state)
{
	char *file;

	(void)state;
	make_dir();
	load_text("format: err\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "streams: stderr\n");
	WRITE("stdout.log", "INFO: wrong place\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stdout.log"), 1, 1, "stream-policy",
	    SEVERITY_ERROR, "log line on stdout; the rules allow log lines "
	    "on stderr only");

	/* A single file's stream is unknown: no policy applies. */
	file = write_file("worker.log", "INFO: anywhere\n", 15);
	check_capture_arg(file);
	assert_int_equal(rep->finding_count, 1);
	assert_counts(&rep->captures[1].counts, 1, 1, 0, 0);
	assert_counts_add_up();
}

static void
test_line_too_long(void **state)
{
	char text[256];

	(void)state;
	make_dir();
	load_text("format: short\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "max-line: 64\n");
	memset(text, 'x', sizeof text);
	memcpy(text, "INFO: ", 6);
	text[100] = '\n';
	memcpy(text + 101, "INFO: short\n", 12);
	write_file("stdout.log", text, 113);
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stdout.log"), 1, 65, "line-too-long",
	    SEVERITY_ERROR, "line is 100 bytes long; only the first 64 were "
	    "judged (max-line)");
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 2, 1, 1, 0);
	assert_counts_add_up();
}

/* Exactly max-line bytes is not too long; a long foreign line is foreign. */
static void
test_line_too_long_edges(void **state)
{
	char text[256];

	(void)state;
	make_dir();
	load_text("format: short\n"
	    "line: '^(?<level>[A-Z]+): (?<message>.*)$'\n"
	    "max-line: 64\n");
	memset(text, 'x', sizeof text);
	memcpy(text, "INFO: ", 6);
	text[64] = '\n';
	memset(text + 65, 'y', 80);
	text[145] = '\n';
	write_file("stdout.log", text, 146);
	check_dir();
	assert_int_equal(rep->finding_count, 2);
	assert_finding(0, in_dir("stdout.log"), 2, 65, "line-too-long",
	    SEVERITY_ERROR, "line is 80 bytes long; only the first 64 were "
	    "judged (max-line)");
	assert_finding(1, in_dir("stdout.log"), 2, 1, "foreign",
	    SEVERITY_WARNING, NULL);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 2, 1, 0, 1);
	assert_counts_add_up();
}

/* Time order is kept per stream, not across the two. */
static void
test_time_order_per_stream(void **state)
{
	(void)state;
	make_dir();
	load_text("format: t\n"
	    "line: '^\\[(?<time>[^\\]]*)\\] (?<message>.*)$'\n"
	    "time: '%H:%M:%S'\n");
	WRITE("stdout.log", "[10:00:00] a\n[10:00:05] b\n[10:00:04] c\n");
	WRITE("stderr.log", "[09:00:00] x\n[09:00:01] y\n");
	check_dir();
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stdout.log"), 3, 2, "time-order",
	    SEVERITY_ERROR, "time '10:00:04' is earlier than the line before "
	    "it on this stream ('10:00:05')");
	assert_counts_add_up();
}

/* A capture that cannot be read: an error, not a report. */
static void
test_unopenable_stream(void **state)
{
	char message[8192];
	capture c;

	(void)state;
	load_runpod();
	make_dir();
	new_report(0);
	/* capture_resolve refuses a directory, capture_from_streams not. */
	assert_int_equal(capture_from_streams(dir, NULL, &c, &cause), 0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), -1);
	capture_free(&c);
	snprintf(message, sizeof message, "cannot open %s: Is a directory",
	    dir);
	assert_non_null(cause);
	assert_string_equal(cause, message);
	free(cause);
	cause = NULL;

	/* The second stream of two, while the first opens. */
	WRITE("stdout.log", LINES3);
	assert_int_equal(capture_from_streams(in_dir("stdout.log"), dir, &c,
	    &cause), 0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), -1);
	capture_free(&c);
	assert_non_null(cause);
	assert_string_equal(cause, message);
}

/*
 * A read error in the middle of a check.  Reading /proc/self/mem at
 * offset 0 fails with EIO on Linux, for any user; elsewhere, skip.
 */
static void
test_read_error(void **state)
{
	static const char *const mem = "/proc/self/mem";
	char message[256];
	capture c;

	(void)state;
	if (access(mem, R_OK) != 0)
		skip();
	load_runpod();
	make_dir();
	new_report(0);
	snprintf(message, sizeof message, "read error on %s: %s", mem,
	    strerror(EIO));
	assert_int_equal(capture_from_streams(NULL, mem, &c, &cause), 0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), -1);
	capture_free(&c);
	assert_non_null(cause);
	assert_string_equal(cause, message);
	free(cause);
	cause = NULL;

	/* With pairing: both streams are read on their own threads. */
	WRITE("stdout.log", LINES3);
	assert_int_equal(capture_from_streams(in_dir("stdout.log"), mem, &c,
	    &cause), 0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), -1);
	capture_free(&c);
	assert_non_null(cause);
	assert_string_equal(cause, message);
}

/* A stream file named on the command line but gone by the time of reading. */
static void
test_vanished_stream(void **state)
{
	char message[8192];
	capture c;

	(void)state;
	load_runpod();
	make_dir();
	new_report(0);
	WRITE("stdout.log", LINES3);
	WRITE("stderr.log", LINES3);
	assert_int_equal(capture_resolve(dir, &c, &cause), 0);
	assert_int_equal(unlink(in_dir("stderr.log")), 0);
	assert_int_equal(check_capture(loaded, &c, rep, &cause), -1);
	capture_free(&c);
	snprintf(message, sizeof message, "cannot open %s: No such file or "
	    "directory", in_dir("stderr.log"));
	assert_non_null(cause);
	assert_string_equal(cause, message);
}

/*
 * --max-findings lists the first findings of the sorted list, whatever
 * order pairing met them in: here it meets stderr's lone line 1 before
 * stdout's lone line 3, but stdout's findings come first.
 */
static void
test_max_findings_first_listed(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("stdout.log", "[10:00:00] INFO: A\n[10:00:01] INFO: B\n"
	    "[10:00:02] INFO: C\n");
	WRITE("stderr.log", "[10:00:00] INFO: X\n[10:00:00] INFO: A\n"
	    "[10:00:01] INFO: B\n");
	new_report(1);
	check_dir();
	assert_int_equal(report_finding_total(rep), 2);
	assert_int_equal(rep->finding_count, 1);
	assert_finding(0, in_dir("stdout.log"), 3, 1, "stream-pairing",
	    SEVERITY_ERROR, NULL);
	assert_counts_add_up();
}

/* Open stdout.log and stderr.log of the current capture for writing. */
static void
open_streams(FILE **out, FILE **err)
{
	char *out_path = xasprintf("%s/stdout.log", dir);
	char *err_path = xasprintf("%s/stderr.log", dir);

	remember(out_path);
	remember(err_path);
	*out = fopen(out_path, "w");
	*err = fopen(err_path, "w");
	assert_non_null(*out);
	assert_non_null(*err);
}

/*
 * Thousands of lines through the batches and the pairing window: lines
 * missing on either side, a stretch of 400 on stdout alone, foreign lines
 * between.  No lone line on one side ever faces a lone line on the other
 * (those two would pair as "different"), so every outcome is known.
 */
static void
test_many_lines(void **state)
{
	FILE *out, *err;
	uint64_t out_lines = 0, err_lines = 0, log_lines = 0;
	uint64_t missing_on_err = 0, missing_on_out = 0, foreign = 0;

	(void)state;
	load_runpod();
	make_dir();
	open_streams(&out, &err);
	for (int i = 0; i < 6000; i++) {
		int h = 10 + i / 3600, m = i / 60 % 60, s = i % 60;
		bool stretch = i >= 3000 && i < 3400;
		fprintf(out, "[%02d:%02d:%02d] INFO: line %d\n", h, m, s, i);
		out_lines++, log_lines++;
		if (stretch || i % 97 == 5) {
			missing_on_err++;
		} else {
			fprintf(err, "[%02d:%02d:%02d] INFO: line %d\n", h, m,
			    s, i);
			err_lines++, log_lines++;
		}
		if (i % 97 == 50 && !stretch) {
			fprintf(err, "[%02d:%02d:%02d] INFO: only on stderr "
			    "%d\n", h, m, s, i);
			err_lines++, log_lines++;
			missing_on_out++;
		}
		if (i % 13 == 0) {
			fprintf(i % 2 ? out : err, "pip noise %d\n", i);
			*(i % 2 ? &out_lines : &err_lines) += 1;
			foreign++;
		}
	}
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	new_report(10);
	check_dir();

	assert_string_equal(rep->captures[0].pairing, "checked");
	assert_int_equal(rep->streams[LC_STREAM_STDOUT].lines, out_lines);
	assert_int_equal(rep->streams[LC_STREAM_STDERR].lines, err_lines);
	assert_int_equal(rep->total.lines, out_lines + err_lines);
	assert_int_equal(rep->total.foreign, foreign);
	assert_int_equal(rep->total.violating, missing_on_err + missing_on_out);
	assert_int_equal(rep->total.conforming, log_lines - missing_on_err -
	    missing_on_out);
	assert_int_equal(category_count("stream-pairing"),
	    missing_on_err + missing_on_out);
	assert_int_equal(category_count("foreign"), foreign);
	assert_int_equal(report_finding_total(rep),
	    missing_on_err + missing_on_out + foreign);
	assert_int_equal(level_count("INFO"), log_lines);
	/*
	 * Only the first ten findings are listed, errors first: stdout's
	 * stream-pairing errors, in order, none of the foreign warnings.
	 */
	assert_int_equal(rep->finding_count, 10);
	assert_finding(0, in_dir("stdout.log"), 6, 1, "stream-pairing",
	    SEVERITY_ERROR, NULL);
	for (size_t i = 0; i < rep->finding_count; i++)
		assert_int_equal(rep->findings[i].severity, SEVERITY_ERROR);
	for (size_t i = 1; i < rep->finding_count; i++) {
		assert_string_equal(rep->findings[i].file,
		    in_dir("stdout.log"));
		assert_true(rep->findings[i - 1].line < rep->findings[i].line);
	}
	assert_counts_add_up();
}

/*
 * A stretch on one side longer than the window: twins that far apart are
 * not looked for, so what pairs with what is not fixed here; that every
 * line is counted once is.
 */
static void
test_gap_longer_than_window(void **state)
{
	FILE *out, *err;
	uint64_t out_lines = 0, err_lines = 0;

	(void)state;
	load_runpod();
	make_dir();
	open_streams(&out, &err);
	for (int i = 0; i < 4000; i++) {
		bool stretch = i >= 1000 && i < 1000 + 3 * CHECK_PAIR_WINDOW;
		fprintf(out, "[10:00:00] INFO: line %d\n", i);
		out_lines++;
		if (!stretch) {
			fprintf(err, "[10:00:00] INFO: line %d\n", i);
			err_lines++;
		}
		if (i % 500 == 0) {
			fprintf(err, "[10:00:00] INFO: extra %d\n", i);
			err_lines++;
		}
	}
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	new_report(0);
	check_dir();
	assert_int_equal(rep->streams[LC_STREAM_STDOUT].lines, out_lines);
	assert_int_equal(rep->streams[LC_STREAM_STDERR].lines, err_lines);
	assert_int_equal(rep->total.foreign, 0);
	assert_true(rep->total.violating >= 3 * CHECK_PAIR_WINDOW);
	assert_true(category_count("stream-pairing") >= 3 * CHECK_PAIR_WINDOW);
	assert_int_equal(rep->finding_count, category_count("stream-pairing"));
	assert_counts_add_up();
}

/* Log lines on stdout and none on stderr: pairing must not wait forever. */
static void
test_one_sided_pairing(void **state)
{
	FILE *out, *err;
	const int count = 20000;

	(void)state;
	load_runpod();
	make_dir();
	open_streams(&out, &err);
	for (int i = 0; i < count; i++) {
		fprintf(out, "[10:00:00] INFO: %d\n", i);
		fprintf(err, "noise %d\n", i);
	}
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	new_report(5);
	check_dir();
	assert_counts(&rep->streams[LC_STREAM_STDOUT], count, 0, count, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], count, 0, 0, count);
	assert_int_equal(category_count("stream-pairing"), count);
	assert_int_equal(rep->finding_count, 5);
	assert_counts_add_up();
}

/* A CRI record at 14:03:SECONDS, in capture.log's form. */
#define CRI(seconds, stream, text) \
	"2026-11-24T14:03:" seconds "Z " stream " F " text "\n"

static const report_finding *
finding_of(const char *rule, size_t nth)
{
	for (size_t i = 0; i < rep->finding_count; i++) {
		if (strcmp(rep->findings[i].rule, rule) == 0 && nth-- == 0)
			return &rep->findings[i];
	}
	fail_msg("no finding %s", rule);
	return NULL;
}

/*
 * A twin later by exactly the bound is in time; a nanosecond more is late,
 * whichever stream it is on.  Positions are capture.log's, and the
 * directory's stream files are not read.
 */
static void
test_flush_bound_edges(void **state)
{
	const report_flush *f;
	const report_finding *late;

	(void)state;
	load_runpod();
	make_dir();
	WRITE("capture.log",
	    CRI("22.000000000", "stdout", "[14:03:22] INFO: a")
	    CRI("22.100000000", "stderr", "[14:03:22] INFO: a")
	    CRI("23.000000000", "stderr", "[14:03:23] INFO: b")
	    CRI("23.100000001", "stdout", "[14:03:23] INFO: b")
	    CRI("24.000000000", "stdout", "[14:03:24] INFO: c")
	    CRI("26.250000000", "stderr", "[14:03:24] INFO: c"));
	WRITE("stdout.log", "not read: capture.log holds the streams\n");
	check_dir();
	f = &rep->captures[0].flush;
	assert_int_equal(f->pairs, 3);
	assert_int_equal(f->late[0], 1);
	assert_int_equal(f->late[1], 1);
	assert_true(f->max_delay_ns[0] == INT64_C(100000001));
	assert_true(f->max_delay_ns[1] == INT64_C(2250000000));
	assert_true(f->bound_ns == INT64_C(100000000));
	assert_int_equal(count_rule("flush-timing"), 2);
	late = finding_of("flush-timing", 1);
	assert_string_equal(late->file, in_dir("capture.log"));
	assert_int_equal(late->line, 6);
	assert_int_equal(late->column, 1);
	assert_int_equal(late->severity, SEVERITY_ERROR);
	assert_non_null(strstr(late->message, "log line arrived on stderr "
	    "2.250 s after its twin on stdout ("));
	assert_non_null(strstr(late->message, "capture.log:5); the flush "
	    "bound is 100 ms"));
	assert_int_equal(finding_of("flush-timing", 0)->line, 4);
	assert_counts(&rep->streams[LC_STREAM_STDOUT], 3, 2, 1, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 3, 2, 1, 0);
	assert_true(report_failed(rep));
	assert_counts_add_up();
}

/* The rules' bound, and the severity that silences the timing. */
static void
test_flush_bound_from_rules(void **state)
{
	lc_error err;

	(void)state;
	make_dir();
	load_text("format: t\nline: '^\\[(?<time>[^\\]]*)\\] (?<level>\\w+): "
	    "(?<message>.*)$'\nstreams: both\nflush: 3s\n");
	WRITE("capture.log",
	    CRI("22.000000000", "stdout", "[14:03:22] INFO: a")
	    CRI("24.999999999", "stderr", "[14:03:22] INFO: a")
	    CRI("25.000000000", "stdout", "[14:03:25] INFO: b")
	    CRI("28.000000001", "stderr", "[14:03:25] INFO: b"));
	check_dir();
	assert_int_equal(rep->captures[0].flush.pairs, 2);
	assert_int_equal(rep->captures[0].flush.late[1], 1);
	assert_int_equal(count_rule("flush-timing"), 1);
	assert_int_equal(finding_of("flush-timing", 0)->line, 4);
	assert_counts_add_up();

	char *off = WRITE("off.yaml", "format: t\nline: '^(?<message>.*)$'\n"
	    "streams: both\nseverities: {flush-timing: off}\n");
	rules_free(loaded);
	report_free(rep);
	rep = NULL;
	loaded = rules_load(off, &err);
	assert_non_null(loaded);
	check_dir();
	assert_int_equal(rep->captures[0].flush.pairs, 0);
	assert_int_equal(count_rule("flush-timing"), 0);
	assert_counts(&rep->total, 4, 4, 0, 0);
}

/*
 * Malformed records are findings and lines of stream unknown, reported
 * once though both streams' readers meet them.
 */
static void
test_container_malformed(void **state)
{
	const report_finding *bad;

	(void)state;
	load_runpod();
	make_dir();
	WRITE("capture.log",
	    CRI("22.000000000", "stdout", "[14:03:22] INFO: a")
	    CRI("22.000000001", "stderr", "[14:03:22] INFO: a")
	    "2026-11-24T14:03:23Z stdin F [14:03:23] INFO: b\n"
	    "2026-11-24T14:03:24Z stderr P [14:03:24] INFO: c\n");
	check_dir();
	/* The last P record is a last line without its newline: no fault. */
	assert_int_equal(count_rule("container-record"), 1);
	bad = finding_of("container-record", 0);
	assert_int_equal(bad->line, 3);
	assert_int_equal(bad->column, 22);
	assert_string_equal(bad->message, "unknown stream 'stdin' (expected "
	    "stdout or stderr)");
	assert_counts(&rep->streams[LC_STREAM_UNKNOWN], 1, 0, 1, 0);
	assert_counts(&rep->streams[LC_STREAM_STDERR], 2, 1, 1, 0);
	assert_counts(&rep->total, 4, 2, 2, 0);
	assert_counts_add_up();
}

/* An empty capture.log (a silent command) leaves the stream files. */
static void
test_empty_capture_log(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("capture.log", "");
	WRITE("stdout.log", LINES3);
	WRITE("stderr.log", LINES3);
	check_dir();
	assert_string_equal(rep->captures[0].stdout_path, in_dir("stdout.log"));
	assert_int_equal(rep->captures[0].flush.pairs, 0);
	assert_counts(&rep->total, 6, 6, 0, 0);
}

/* A Docker json-file log given as a file: both streams, with times. */
static void
test_docker_file(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	char *path = WRITE("container.log",
	    "{\"log\":\"[14:03:22] INFO: a\\n\",\"stream\":\"stderr\","
	    "\"time\":\"2026-11-24T14:03:22Z\"}\n"
	    "{\"log\":\"[14:03:22] INFO: a\\n\",\"stream\":\"stdout\","
	    "\"time\":\"2026-11-24T14:03:22.5Z\"}\n");
	new_report(0);
	check_capture_arg(path);
	assert_string_equal(rep->captures[0].pairing, "checked");
	assert_string_equal(rep->captures[0].stdout_path, path);
	assert_string_equal(rep->captures[0].stderr_path, path);
	assert_int_equal(rep->captures[0].flush.pairs, 1);
	assert_int_equal(rep->captures[0].flush.late[0], 1);
	assert_int_equal(finding_of("flush-timing", 0)->line, 2);
	assert_counts_add_up();
}

/* A capture directory's capture.log may be Docker json-file too. */
static void
test_docker_capture_log(void **state)
{
	(void)state;
	load_runpod();
	make_dir();
	WRITE("capture.log",
	    "{\"log\":\"[14:03:22] INFO: a\\n\",\"stream\":\"stderr\","
	    "\"time\":\"2026-11-24T14:03:22Z\"}\n"
	    "{\"log\":\"[14:03:22] INFO: a\\n\",\"stream\":\"stdout\","
	    "\"time\":\"2026-11-24T14:03:22.01Z\"}\n");
	check_dir();
	assert_int_equal(count_rule("container-record"), 0);
	assert_int_equal(rep->captures[0].flush.pairs, 1);
	assert_counts(&rep->total, 2, 2, 0, 0);
}

/* A deterministic generator, so that a failure can be replayed. */
static uint32_t
next_random(uint64_t *seed)
{
	*seed = *seed * UINT64_C(6364136223846793005) +
	    UINT64_C(1442695040888963407);
	return (uint32_t)(*seed >> 33);
}

/*
 * Append random lines to text: log lines of every kind of finding, foreign
 * lines, hostile bytes, lines past max-line, CR LF, and a last line that
 * may lack its line end.  Returns the number of lines written.
 */
static uint64_t
random_stream(char *text, size_t *len, size_t cap, uint64_t *seed)
{
	static const char *const pieces[] = {
		"[10:00:00] INFO: " ROCKET " ready", "[10:00:01] WARN: low",
		"[10:00:02] ERROR: \xe2\x9d\x8c failed", "[9:0:0] INFO: bad time",
		"[10:00:03] DEBUG: level", "[10:00:04] INFO: \xe2\x9d\x8c marker",
		"[09:00:00] INFO: earlier", "Collecting torch", "",
		"[10:00:05] INFO: \xff\xfe bytes", "[10:00:06] INFO: a\0b",
		"[10:00:07] INFO: \x1b[31mred", "\r", "[10:00:08] INFO: cr\r",
		"[10:00:09] INFO: a message well past the sixty-four bytes "
		    "that max-line allows here",
	};
	uint64_t lines = 0;
	size_t count = next_random(seed) % 300;

	for (size_t i = 0; i < count; i++) {
		const char *piece = pieces[next_random(seed) % (sizeof pieces /
		    sizeof *pieces)];
		/* The NUL piece is the only one with an inner NUL. */
		size_t piece_len = strcmp(piece, "[10:00:06] INFO: a") == 0 ?
		    sizeof "[10:00:06] INFO: a\0b" - 1 : strlen(piece);
		assert_true(*len + piece_len + 2 <= cap);
		memcpy(text + *len, piece, piece_len);
		*len += piece_len;
		if (i + 1 < count || next_random(seed) % 2) {
			if (next_random(seed) % 5 == 0)
				text[(*len)++] = '\r';
			text[(*len)++] = '\n';
		} else if (piece_len == 0)
			break;	/* no bytes after the last line end: no line */
		lines++;
	}
	return lines;
}

/*
 * Random captures: every line read is counted once, on its stream, as
 * conforming, violating or foreign; and two identical streams always pair.
 */
static void
test_property_counts(void **state)
{
	static char out_text[64 * 1024], err_text[64 * 1024];
	uint64_t seed = 4242, kinds[3] = { 0 }, pairing_findings = 0;

	(void)state;
	make_dir();
	load_text("format: prop\n"
	    "line: '^\\[(?<time>[^\\]]*)\\] (?<level>[^:\\s]*): "
	    "(?<message>.*)$'\n"
	    "time: '%H:%M:%S'\nlevels: [INFO, WARN, ERROR]\n"
	    "streams: both\nmax-line: 64\n"
	    "checks:\n  - id: marker\n    when: { emoji: ['\xe2\x9d\x8c'] }\n"
	    "    expect: { level: [ERROR] }\n    message: m\n");
	char *out_path = xasprintf("%s/stdout.log", dir);
	char *err_path = xasprintf("%s/stderr.log", dir);
	remember(out_path);
	remember(err_path);
	for (int round = 0; round < 400; round++) {
		size_t out_len = 0, err_len = 0;
		uint64_t out_lines = random_stream(out_text, &out_len,
		    sizeof out_text, &seed);
		bool identical = next_random(&seed) % 3 == 0;
		uint64_t err_lines = out_lines;
		if (identical) {
			memcpy(err_text, out_text, out_len);
			err_len = out_len;
		} else
			err_lines = random_stream(err_text, &err_len,
			    sizeof err_text, &seed);
		FILE *f = fopen(out_path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(out_text, 1, out_len, f), out_len);
		assert_int_equal(fclose(f), 0);
		f = fopen(err_path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(err_text, 1, err_len, f), err_len);
		assert_int_equal(fclose(f), 0);

		report_free(rep);
		new_report(0);
		check_dir();
		assert_counts_add_up();
		assert_int_equal(rep->streams[LC_STREAM_STDOUT].lines,
		    out_lines);
		assert_int_equal(rep->streams[LC_STREAM_STDERR].lines,
		    err_lines);
		if (identical)
			assert_int_equal(category_count("stream-pairing"), 0);
		else
			pairing_findings += category_count("stream-pairing");
		for (int k = 0; k < 3; k++)
			kinds[k] += k == 0 ? rep->total.conforming : k == 1 ?
			    rep->total.violating : rep->total.foreign;
	}
	/* The inputs did reach every outcome. */
	assert_true(kinds[0] > 0 && kinds[1] > 0 && kinds[2] > 0);
	assert_true(pairing_findings > 0);
}

/* Every test with its teardown, which frees what a failed test left. */
#define TEST(name)	cmocka_unit_test_teardown(name, check_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_identical_streams),
		TEST(test_foreign_lines_not_paired),
		TEST(test_line_missing_on_stderr),
		TEST(test_line_missing_at_end),
		TEST(test_different_text),
		TEST(test_different_text_from_pipes),
		TEST(test_pairing_with_line_findings),
		TEST(test_pairing_severity_off),
		TEST(test_stdout_only),
		TEST(test_stderr_only_and_single_file),
		TEST(test_pairing_not_required),
		TEST(test_empty_stderr),
		TEST(test_blank_stream_is_not_empty),
		TEST(test_no_log_lines),
		TEST(test_no_log_lines_foreign_allowed),
		TEST(test_stream_policy),
		TEST(test_stream_policy_stderr),
		TEST(test_line_too_long),
		TEST(test_line_too_long_edges),
		TEST(test_time_order_per_stream),
		TEST(test_unopenable_stream),
		TEST(test_read_error),
		TEST(test_vanished_stream),
		TEST(test_max_findings_first_listed),
		TEST(test_many_lines),
		TEST(test_gap_longer_than_window),
		TEST(test_one_sided_pairing),
		TEST(test_flush_bound_edges),
		TEST(test_flush_bound_from_rules),
		TEST(test_container_malformed),
		TEST(test_empty_capture_log),
		TEST(test_docker_file),
		TEST(test_docker_capture_log),
		TEST(test_property_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
