/* Unit tests for src/capture.c. */
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/capture.h"
#include "util/xalloc.h"

/* A fresh directory under /tmp for each test, removed afterwards. */
static int
make_tmp(void **state)
{
	char *dir = strdup("/tmp/test_capture.XXXXXX");

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
			size_t len = strlen(path) + strlen(entry->d_name) + 2;
			char *child = malloc(len);
			if (child == NULL) {
				status = -1;
				break;
			}
			snprintf(child, len, "%s/%s", path, entry->d_name);
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
remove_tmp(void **state)
{
	int status = remove_tree(*state);

	free(*state);
	return status;
}

/* dir/name, in a buffer the caller frees. */
static char *
join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	assert_non_null(path);
	snprintf(path, len, "%s/%s", dir, name);
	return path;
}

static char *
make_file(const char *dir, const char *name)
{
	char *path = join(dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs("[14:03:22] INFO: hello\n", f) >= 0);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *
make_subdir(const char *dir, const char *name)
{
	char *path = join(dir, name);

	assert_int_equal(mkdir(path, 0700), 0);
	return path;
}

static void
assert_zeroed(const capture *c)
{
	assert_null(c->name);
	assert_int_equal(c->source_count, 0);
	assert_null(c->sources[0].path);
	assert_null(c->sources[1].path);
	assert_false(c->has_stdout);
	assert_false(c->has_stderr);
}

static void
test_directory_with_both(void **state)
{
	const char *dir = *state;
	char *out = make_file(dir, "stdout.log"), *err = make_file(dir,
	    "stderr.log"), *other = make_file(dir, "other.log");
	char *cause = NULL;
	capture c;

	assert_int_equal(capture_resolve(dir, &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, dir);
	assert_int_equal(c.source_count, 2);
	assert_string_equal(c.sources[0].path, out);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDOUT);
	assert_string_equal(c.sources[1].path, err);
	assert_int_equal(c.sources[1].stream, LC_STREAM_STDERR);
	assert_true(c.has_stdout);
	assert_true(c.has_stderr);
	capture_free(&c);
	assert_zeroed(&c);
	free(out);
	free(err);
	free(other);
}

static void
test_directory_with_stdout_only(void **state)
{
	const char *dir = *state;
	char *out = make_file(dir, "stdout.log");
	char *cause = NULL;
	capture c;

	assert_int_equal(capture_resolve(dir, &c, &cause), 0);
	assert_null(cause);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, out);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDOUT);
	assert_true(c.has_stdout);
	assert_false(c.has_stderr);
	capture_free(&c);
	free(out);
}

static void
test_directory_with_stderr_only(void **state)
{
	const char *dir = *state;
	char *err = make_file(dir, "stderr.log");
	char *cause = NULL;
	capture c;

	assert_int_equal(capture_resolve(dir, &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, dir);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, err);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDERR);
	assert_false(c.has_stdout);
	assert_true(c.has_stderr);
	capture_free(&c);
	free(err);
}

static void
test_directory_with_neither(void **state)
{
	const char *dir = *state;
	char *other = make_file(dir, "output.log");
	char *cause = NULL, *expected;
	capture c;

	assert_int_equal(capture_resolve(dir, &c, &cause), -1);
	assert_non_null(cause);
	expected = xasprintf("%s: a capture directory must hold "
	    "stdout.log or stderr.log", dir);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	free(other);
}

static void
test_missing_path(void **state)
{
	char *missing = join(*state, "no-such-capture");
	char *file = make_file(*state, "plain.log");
	char *below_file = join(file, "");
	char *cause = NULL, *expected;
	capture c;

	assert_int_equal(capture_resolve(missing, &c, &cause), -1);
	expected = xasprintf("cannot read %s: No such file or "
	    "directory", missing);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	cause = NULL;

	/* "plain.log/" names a directory that a file stands in for. */
	assert_int_equal(capture_resolve(below_file, &c, &cause), -1);
	expected = xasprintf("cannot read %s: Not a directory",
	    below_file);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	free(below_file);
	free(file);
	free(missing);
}

static void
test_stdin(void **state)
{
	char *cause = NULL;
	capture c;

	(void)state;
	assert_int_equal(capture_resolve("-", &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, "-");
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, "-");
	assert_int_equal(c.sources[0].stream, LC_STREAM_UNKNOWN);
	assert_false(c.has_stdout);
	assert_false(c.has_stderr);
	capture_free(&c);
	assert_zeroed(&c);
}

static void
test_plain_file(void **state)
{
	char *file = make_file(*state, "stdout.log");
	char *cause = NULL;
	capture c;

	/* Even named stdout.log, a file given alone has no known stream. */
	assert_int_equal(capture_resolve(file, &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, file);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, file);
	assert_int_equal(c.sources[0].stream, LC_STREAM_UNKNOWN);
	assert_false(c.has_stdout);
	assert_false(c.has_stderr);
	capture_free(&c);
	free(file);
}

static void
test_member_is_directory(void **state)
{
	const char *dir = *state;
	char *out = make_subdir(dir, "stdout.log");
	char *cause = NULL, *expected;
	capture c;

	assert_int_equal(capture_resolve(dir, &c, &cause), -1);
	expected = xasprintf("%s is a directory, not a stream "
	    "file", out);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	free(out);
}

static void
test_stderr_member_is_directory(void **state)
{
	const char *dir = *state;
	char *out = make_file(dir, "stdout.log");
	char *err = make_subdir(dir, "stderr.log");
	char *cause = NULL, *expected;
	capture c;

	/* stdout.log was taken already; it must be released, not leaked. */
	assert_int_equal(capture_resolve(dir, &c, &cause), -1);
	expected = xasprintf("%s is a directory, not a stream "
	    "file", err);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	free(out);
	free(err);
}

static void
test_member_unreadable(void **state)
{
	const char *dir = *state;
	char *out = join(dir, "stdout.log");
	char *cause = NULL, *expected;
	capture c;

	/* A link to itself: stat fails, but not with ENOENT. */
	assert_int_equal(symlink("stdout.log", out), 0);
	assert_int_equal(capture_resolve(dir, &c, &cause), -1);
	expected = xasprintf("cannot read %s: Too many levels of "
	    "symbolic links", out);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(expected);
	free(cause);
	free(out);
}

static void
test_member_symlink(void **state)
{
	const char *dir = *state;
	char *target = make_file(dir, "elsewhere.log");
	char *err = join(dir, "stderr.log");
	char *cause = NULL;
	capture c;

	assert_int_equal(symlink("elsewhere.log", err), 0);
	assert_int_equal(capture_resolve(dir, &c, &cause), 0);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, err);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDERR);
	capture_free(&c);
	free(target);
	free(err);
}

static void
test_from_streams_both(void **state)
{
	char *out = make_file(*state, "a.log"), *err = make_file(*state,
	    "b.log");
	char *cause = NULL;
	capture c;

	char both[8192];

	assert_int_equal(capture_from_streams(out, err, &c, &cause), 0);
	assert_null(cause);
	/* Named by both files, not by the stdout one alone. */
	snprintf(both, sizeof both, "%s + %s", out, err);
	assert_string_equal(c.name, both);
	assert_int_equal(c.source_count, 2);
	assert_string_equal(c.sources[0].path, out);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDOUT);
	assert_string_equal(c.sources[1].path, err);
	assert_int_equal(c.sources[1].stream, LC_STREAM_STDERR);
	assert_true(c.has_stdout);
	assert_true(c.has_stderr);
	capture_free(&c);
	assert_zeroed(&c);
	free(out);
	free(err);
}

static void
test_from_streams_one(void **state)
{
	char *file = make_file(*state, "only.log");
	char *cause = NULL;
	capture c;

	assert_int_equal(capture_from_streams(file, NULL, &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, file);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, file);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDOUT);
	assert_true(c.has_stdout);
	assert_false(c.has_stderr);
	capture_free(&c);

	assert_int_equal(capture_from_streams(NULL, file, &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, file);
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, file);
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDERR);
	assert_false(c.has_stdout);
	assert_true(c.has_stderr);
	capture_free(&c);
	free(file);
}

static void
test_from_streams_stdin(void **state)
{
	char *cause = NULL;
	capture c;

	(void)state;
	/* "-" is standard input, not a file to stat; its stream is known. */
	assert_int_equal(capture_from_streams(NULL, "-", &c, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.name, "-");
	assert_int_equal(c.source_count, 1);
	assert_string_equal(c.sources[0].path, "-");
	assert_int_equal(c.sources[0].stream, LC_STREAM_STDERR);
	assert_true(c.has_stderr);
	capture_free(&c);
}

static void
test_from_streams_missing(void **state)
{
	char *file = make_file(*state, "there.log");
	char *missing = join(*state, "missing.log");
	char *cause = NULL, *expected;
	capture c;

	expected = xasprintf("cannot read %s: No such file or "
	    "directory", missing);
	assert_int_equal(capture_from_streams(missing, file, &c, &cause), -1);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(cause);
	cause = NULL;
	/* The first stream was taken already when the second fails. */
	assert_int_equal(capture_from_streams(file, missing, &c, &cause), -1);
	assert_string_equal(cause, expected);
	assert_zeroed(&c);
	free(cause);
	free(expected);
	free(missing);
	free(file);
}

static void
test_stream_name(void **state)
{
	(void)state;
	assert_string_equal(capture_stream_name(LC_STREAM_STDOUT), "stdout");
	assert_string_equal(capture_stream_name(LC_STREAM_STDERR), "stderr");
	assert_string_equal(capture_stream_name(LC_STREAM_UNKNOWN), "unknown");
}

static void
test_free_zeroed(void **state)
{
	capture c;

	(void)state;
	memset(&c, 0, sizeof c);
	capture_free(&c);
	assert_zeroed(&c);
	/* Freeing twice is harmless: the first free zeroes it. */
	capture_free(&c);
	capture_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_directory_with_both,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_directory_with_stdout_only,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_directory_with_stderr_only,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_directory_with_neither,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_missing_path,
		    make_tmp, remove_tmp),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test_setup_teardown(test_plain_file,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_member_is_directory,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_stderr_member_is_directory,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_member_unreadable,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_member_symlink,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_from_streams_both,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_from_streams_one,
		    make_tmp, remove_tmp),
		cmocka_unit_test(test_from_streams_stdin),
		cmocka_unit_test_setup_teardown(test_from_streams_missing,
		    make_tmp, remove_tmp),
		cmocka_unit_test(test_stream_name),
		cmocka_unit_test(test_free_zeroed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
