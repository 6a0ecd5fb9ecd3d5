/*
 * Unit tests for src/recorder.c.  They run the small programs of
 * tests/recorder/ as real children; LOGCOMPAT_TEST_BIN names the folder
 * that holds them when it is not tests/recorder.
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

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/recorder.h"
#include "util/xalloc.h"

#define STAMP_LEN 30	/* 2026-11-24T14:03:22.123456789Z */

typedef struct {
	char stamp[STAMP_LEN + 1];
	int stream;		/* 0 stdout, 1 stderr */
	char tag;		/* 'P' or 'F' */
	const char *content;
	size_t len;
} record;

typedef struct {
	char *text;		/* capture.log, owned */
	record *records;
	size_t count;
} capture_log;

static const char *
helper_dir(void)
{
	const char *dir = getenv("LOGCOMPAT_TEST_BIN");

	return dir != NULL && *dir != '\0' ? dir : "tests/recorder";
}

/* A fresh directory under /tmp for each test, removed afterwards. */
static int
make_tmp(void **state)
{
	char *dir = strdup("/tmp/test_recorder.XXXXXX");

	if (dir == NULL || mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int
remove_tree(const char *path)
{
	struct stat st;
	int status = 0;

	if (lstat(path, &st) != 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *entry;
		if (d == NULL)
			return -1;
		while ((entry = readdir(d)) != NULL) {
			if (strcmp(entry->d_name, ".") == 0 ||
			    strcmp(entry->d_name, "..") == 0)
				continue;
			char *child = xasprintf("%s/%s", path, entry->d_name);
			if (remove_tree(child) != 0)
				status = -1;
			free(child);
		}
		closedir(d);
		if (rmdir(path) != 0)
			status = -1;
	} else if (unlink(path) != 0)
		status = -1;
	return status;
}

static int
drop_tmp(void **state)
{
	char *dir = *state;
	int status = remove_tree(dir);

	free(dir);
	return status;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t size = 65536, used = 0, got;
	char *text;

	assert_non_null(f);
	text = xmalloc(size + 1);
	while ((got = fread(text + used, 1, size - used, f)) > 0) {
		used += got;
		if (used == size) {
			size *= 2;
			text = xrealloc(text, size + 1);
		}
	}
	assert_int_equal(ferror(f), 0);
	fclose(f);
	text[used] = '\0';
	*len = used;
	return text;
}

static char *
slurp_member(const char *dir, const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *text = slurp(path, len);

	free(path);
	return text;
}

static void
assert_member(const char *dir, const char *name, const char *expected,
    size_t expected_len)
{
	size_t len;
	char *text = slurp_member(dir, name, &len);

	assert_int_equal(len, expected_len);
	assert_memory_equal(text, expected, expected_len);
	free(text);
}

/* Run a helper program from the test folder into dir. */
static int
run_helper(const char *dir, char **cause, const char *name, ...)
{
	char *args[8];
	size_t count = 0;
	va_list ap;
	const char *arg;
	recorder_options opts;

	args[count++] = xasprintf("%s/%s", helper_dir(), name);
	va_start(ap, name);
	while ((arg = va_arg(ap, const char *)) != NULL && count < 7)
		args[count++] = xstrdup(arg);
	va_end(ap);
	args[count] = NULL;
	opts.dir = dir;
	opts.argv = args;
	int status = recorder_run(&opts, cause);
	for (size_t i = 0; i < count; i++)
		free(args[i]);
	return status;
}

static void
assert_stamp_shape(const char *stamp)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddddddddZ";

	for (size_t i = 0; i < STAMP_LEN; i++) {
		if (shape[i] == 'd')
			assert_true(stamp[i] >= '0' && stamp[i] <= '9');
		else
			assert_int_equal(stamp[i], shape[i]);
	}
}

/* Parse capture.log, checking the shape of every record. */
static void
capture_read(const char *dir, capture_log *log)
{
	size_t len, size = 1024;
	char *at, *end;

	log->text = slurp_member(dir, "capture.log", &len);
	log->records = xmalloc(size * sizeof *log->records);
	log->count = 0;
	at = log->text;
	end = log->text + len;
	assert_true(len == 0 || end[-1] == '\n');
	while (at < end) {
		char *newline = memchr(at, '\n', (size_t)(end - at));
		record *r;

		assert_non_null(newline);
		if (log->count == size) {
			size *= 2;
			log->records = xreallocarray(log->records, size,
			    sizeof *log->records);
		}
		r = &log->records[log->count++];
		assert_true(newline - at >= STAMP_LEN + 10);
		assert_stamp_shape(at);
		memcpy(r->stamp, at, STAMP_LEN);
		r->stamp[STAMP_LEN] = '\0';
		at += STAMP_LEN;
		if (strncmp(at, " stdout ", 8) == 0)
			r->stream = 0;
		else if (strncmp(at, " stderr ", 8) == 0)
			r->stream = 1;
		else
			fail_msg("bad stream in record %zu", log->count);
		at += 8;
		r->tag = *at++;
		assert_true(r->tag == 'P' || r->tag == 'F');
		assert_int_equal(*at++, ' ');
		r->content = at;
		r->len = (size_t)(newline - at);
		assert_true(r->len <= RECORDER_CHUNK_MAX);
		at = newline + 1;
	}
}

static void
capture_free(capture_log *log)
{
	free(log->text);
	free(log->records);
}

/*
 * Join P records up to each F into whole lines of one stream; the lines
 * point into a buffer the caller frees.  Returns the number of lines and
 * stores each line's record index (its F) in where.
 */
static size_t
capture_lines(const capture_log *log, int stream, char ***lines,
    size_t **where, char **joined)
{
	size_t total = 0, count = 0, used = 0, start = 0;

	for (size_t i = 0; i < log->count; i++) {
		if (log->records[i].stream == stream)
			total += log->records[i].len + 1;
	}
	*joined = xmalloc(total + 1);
	*lines = xmalloc((total + 1) * sizeof **lines);
	*where = xmalloc((total + 1) * sizeof **where);
	for (size_t i = 0; i < log->count; i++) {
		const record *r = &log->records[i];
		if (r->stream != stream)
			continue;
		memcpy(*joined + used, r->content, r->len);
		used += r->len;
		if (r->tag == 'F') {
			(*joined)[used++] = '\0';
			(*lines)[count] = *joined + start;
			(*where)[count] = i;
			count++;
			start = used;
		}
	}
	return count;
}

static void
assert_stamps_rise(const capture_log *log, int stream)
{
	const char *last = NULL;

	for (size_t i = 0; i < log->count; i++) {
		if (log->records[i].stream != stream)
			continue;
		if (last != NULL)
			assert_true(memcmp(last, log->records[i].stamp,
			    STAMP_LEN) <= 0);
		last = log->records[i].stamp;
	}
}

static void
test_fast_both_streams(void **state)
{
	const char *dir = *state;
	const long count = 100000;
	char *cause = NULL, *expected, *joined;
	char **lines;
	size_t *where, expected_len = 0;
	capture_log log;

	assert_int_equal(run_helper(dir, &cause, "fastwriter", "lines",
	    "100000", (char *)NULL), 0);
	assert_null(cause);

	expected = xmalloc((size_t)count * 11 + 1);
	for (int stream = 0; stream < 2; stream++) {
		const char *prefix = stream == 0 ? "out" : "err";
		expected_len = 0;
		for (long i = 0; i < count; i++)
			expected_len += (size_t)sprintf(expected + expected_len,
			    "%s %06ld\n", prefix, i);
		assert_member(dir, stream == 0 ? "stdout.log" : "stderr.log",
		    expected, expected_len);
	}
	free(expected);

	capture_read(dir, &log);
	for (int stream = 0; stream < 2; stream++) {
		const char *prefix = stream == 0 ? "out" : "err";
		size_t found = capture_lines(&log, stream, &lines, &where,
		    &joined);
		size_t f_count = 0;
		char want[32];

		assert_int_equal(found, (size_t)count);
		for (long i = 0; i < count; i++) {
			snprintf(want, sizeof want, "%s %06ld", prefix, i);
			assert_string_equal(lines[i], want);
		}
		for (size_t i = 0; i < log.count; i++) {
			if (log.records[i].stream == stream &&
			    log.records[i].tag == 'F')
				f_count++;
		}
		assert_int_equal(f_count, (size_t)count);
		assert_stamps_rise(&log, stream);
		free(lines);
		free(where);
		free(joined);
	}
	capture_free(&log);
}

static void
test_unflushed_stdout_lags(void **state)
{
	const char *dir = *state;
	char *cause = NULL, *out_joined, *err_joined;
	char **out_lines, **err_lines;
	size_t *out_where, *err_where;
	capture_log log;

	assert_int_equal(run_helper(dir, &cause, "unflushed", "20",
	    (char *)NULL), 0);
	assert_null(cause);
	capture_read(dir, &log);
	assert_int_equal(capture_lines(&log, 0, &out_lines, &out_where,
	    &out_joined), 20);
	assert_int_equal(capture_lines(&log, 1, &err_lines, &err_where,
	    &err_joined), 20);
	for (size_t i = 0; i < 20; i++) {
		const record *out = &log.records[out_where[i]];
		const record *err = &log.records[err_where[i]];
		char want[32];

		snprintf(want, sizeof want, "line %zu", i);
		assert_string_equal(out_lines[i], want);
		assert_string_equal(err_lines[i], want);
		/* Each stdout line arrives after its stderr twin... */
		assert_true(out_where[i] > err_where[i]);
		assert_true(memcmp(out->stamp, err->stamp, STAMP_LEN) >= 0);
		/* ...indeed after every stderr line, in one burst at exit. */
		assert_true(out_where[i] > err_where[19]);
		assert_string_equal(out->stamp,
		    log.records[out_where[0]].stamp);
	}
	assert_stamps_rise(&log, 0);
	assert_stamps_rise(&log, 1);
	free(out_lines);
	free(out_where);
	free(out_joined);
	free(err_lines);
	free(err_where);
	free(err_joined);
	capture_free(&log);
}

static void
test_exit_mid_line(void **state)
{
	const char *dir = *state;
	char *cause = NULL;
	capture_log log;
	int seen_partial = 0;

	assert_int_equal(run_helper(dir, &cause, "midline", (char *)NULL), 0);
	assert_null(cause);
	assert_member(dir, "stdout.log", "complete\npartial", 16);
	assert_member(dir, "stderr.log", "err-partial", 11);
	capture_read(dir, &log);
	for (size_t i = 0; i < log.count; i++) {
		const record *r = &log.records[i];
		if (r->stream == 0 && r->tag == 'F') {
			assert_int_equal(r->len, 8);
			assert_memory_equal(r->content, "complete", 8);
		} else if (r->stream == 0) {
			assert_int_equal(r->len, 7);
			assert_memory_equal(r->content, "partial", 7);
			seen_partial |= 1;
		} else {
			/* The unended last line stays a P record. */
			assert_int_equal(r->tag, 'P');
			assert_int_equal(r->len, 11);
			assert_memory_equal(r->content, "err-partial", 11);
			seen_partial |= 2;
		}
	}
	assert_int_equal(seen_partial, 3);
	capture_free(&log);
}

static void
test_exit_code(void **state)
{
	char *cause = NULL;

	assert_int_equal(run_helper(*state, &cause, "midline", "3",
	    (char *)NULL), 3);
	assert_null(cause);
}

static void
test_killed_by_sigkill(void **state)
{
	char *cause = NULL;

	assert_int_equal(run_helper(*state, &cause, "selfkill", "kill", "9",
	    (char *)NULL), 128 + 9);
	assert_null(cause);
	assert_member(*state, "stdout.log", "before\n", 7);
}

static void
test_killed_by_sigterm(void **state)
{
	char *cause = NULL;

	assert_int_equal(run_helper(*state, &cause, "selfkill", "kill", "15",
	    (char *)NULL), 128 + 15);
	assert_null(cause);
}

/*
 * The command sends sig to the recorder, this very process; the recorder
 * must pass it on and report the command's death by it.  Were it not
 * caught, the test program itself would die.
 */
static void
assert_forwards(const char *dir, int sig)
{
	char *cause = NULL;
	char number[16];

	snprintf(number, sizeof number, "%d", sig);
	assert_int_equal(run_helper(dir, &cause, "selfkill", "parent", number,
	    (char *)NULL), 128 + sig);
	assert_null(cause);
	assert_member(dir, "stdout.log", "before\n", 7);
	/* The handlers are gone again: the old disposition is back. */
	struct sigaction now;
	assert_int_equal(sigaction(sig, NULL, &now), 0);
	assert_true(now.sa_handler == SIG_DFL);
}

static void
test_forwards_sigterm(void **state)
{
	assert_forwards(*state, SIGTERM);
}

static void
test_forwards_sigint(void **state)
{
	assert_forwards(*state, SIGINT);
}

static void
test_missing_command(void **state)
{
	char *cause = NULL;
	char *args[] = { "logcompat-test-no-such-command", NULL };
	recorder_options opts = { *state, args };

	assert_int_equal(recorder_run(&opts, &cause), 127);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "logcompat-test-no-such-command"));
	assert_null(strchr(cause, '\n'));
	free(cause);
	assert_member(*state, "stdout.log", "", 0);
	assert_member(*state, "capture.log", "", 0);
}

static void
test_not_executable(void **state)
{
	const char *dir = *state;
	char *script = xasprintf("%s/script", dir);
	char *out = xasprintf("%s/out", dir);
	char *cause = NULL;
	char *args[] = { script, NULL };
	recorder_options opts = { out, args };
	int fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd != -1);
	assert_int_equal(write(fd, "#!/bin/sh\n", 10), 10);
	close(fd);
	assert_int_equal(recorder_run(&opts, &cause), 126);
	assert_non_null(cause);
	assert_non_null(strstr(cause, script));
	free(cause);
	free(script);
	free(out);
}

static void
test_huge_line(void **state)
{
	const char *dir = *state;
	const size_t size = 1000000;
	char *cause = NULL, *text, *joined;
	char **lines;
	size_t *where, len, p_count = 0;
	capture_log log;

	assert_int_equal(run_helper(dir, &cause, "fastwriter", "huge",
	    "1000000", (char *)NULL), 0);
	assert_null(cause);
	text = slurp_member(dir, "stdout.log", &len);
	assert_int_equal(len, size + 1);
	for (size_t i = 0; i < size; i++)
		assert_int_equal(text[i], 'a' + i % 26);
	assert_int_equal(text[size], '\n');

	capture_read(dir, &log);
	assert_int_equal(capture_lines(&log, 0, &lines, &where, &joined), 1);
	assert_int_equal(strlen(lines[0]), size);
	assert_memory_equal(lines[0], text, size);
	for (size_t i = 0; i < log.count; i++) {
		assert_int_equal(log.records[i].stream, 0);
		if (log.records[i].tag == 'P')
			p_count++;
	}
	/* Only the last record ends the line. */
	assert_int_equal(where[0], log.count - 1);
	assert_int_equal(p_count, log.count - 1);
	assert_true(p_count >= size / RECORDER_CHUNK_MAX);
	free(lines);
	free(where);
	free(joined);
	free(text);
	capture_free(&log);
}

static void
test_truncates_existing_files(void **state)
{
	const char *dir = *state;
	char *cause = NULL;
	char *path = xasprintf("%s/stdout.log", dir);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("old content that must go away\n", f);
	fclose(f);
	assert_int_equal(run_helper(dir, &cause, "midline", (char *)NULL), 0);
	assert_null(cause);
	assert_member(dir, "stdout.log", "complete\npartial", 16);
	free(path);
}

static void
test_creates_one_level(void **state)
{
	char *sub = xasprintf("%s/new", (char *)*state);
	char *deep = xasprintf("%s/missing/new", (char *)*state);
	char *cause = NULL;
	struct stat st;

	assert_int_equal(run_helper(sub, &cause, "midline", (char *)NULL), 0);
	assert_null(cause);
	assert_member(sub, "stderr.log", "err-partial", 11);

	assert_int_equal(run_helper(deep, &cause, "midline", (char *)NULL),
	    -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, deep));
	free(cause);
	assert_int_equal(stat(deep, &st), -1);
	free(sub);
	free(deep);
}

static void
test_dir_is_a_file(void **state)
{
	char *path = xasprintf("%s/file", (char *)*state);
	char *cause = NULL;
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	assert_true(fd != -1);
	close(fd);
	assert_int_equal(run_helper(path, &cause, "midline", (char *)NULL),
	    -1);
	assert_non_null(cause);
	free(cause);
	free(path);
}

/* A full disk: the error is reported, the other files are still whole. */
static void
test_write_error(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/stdout.log", dir);
	char *cause = NULL;
	capture_log log;

	assert_int_equal(symlink("/dev/full", path), 0);
	assert_int_equal(run_helper(dir, &cause, "midline", (char *)NULL),
	    -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	free(cause);
	assert_member(dir, "stderr.log", "err-partial", 11);
	capture_read(dir, &log);
	assert_int_equal(log.count, 3);
	capture_free(&log);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fast_both_streams,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_unflushed_stdout_lags,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_exit_mid_line,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_exit_code,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_killed_by_sigkill,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_killed_by_sigterm,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_forwards_sigterm,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_forwards_sigint,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_missing_command,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_not_executable,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_huge_line,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_truncates_existing_files,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_creates_one_level,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_dir_is_a_file,
		    make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(test_write_error,
		    make_tmp, drop_tmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
