/* Unit tests for src/source.c. */
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

#include "input/containerlog.h"
#include "input/source.h"

static char path[] = "/tmp/test_source.XXXXXX";

static void
write_text(const char *text)
{
	int fd = mkstemp(path);

	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static int
remove_file(void **state)
{
	(void)state;
	unlink(path);
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	return 0;
}

static source_reader *
open_source(lc_stream stream, int container, bool report_malformed)
{
	capture_source src = { .path = path, .stream = stream,
	    .container = container };
	char *cause = NULL;
	source_reader *r = source_open(&src, 1024, report_malformed, &cause);

	assert_non_null(r);
	assert_null(cause);
	return r;
}

/* A plain file: lines as the reader gives them, no times. */
static void
test_plain(void **state)
{
	source_info info;
	lc_line line;
	char *cause = NULL;

	(void)state;
	write_text("one\ntwo");
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_NONE,
	    true);
	assert_int_equal(source_next(r, &line, &info, &cause), 1);
	assert_int_equal(line.len, 3);
	assert_true(info.time_ns == SOURCE_TIME_UNKNOWN);
	assert_false(info.malformed);
	assert_int_equal(source_next(r, &line, NULL, &cause), 1);
	assert_false(line.newline);
	assert_int_equal(source_next(r, &line, &info, &cause), 0);
	assert_false(source_empty(r));
	source_close(r);
}

#define T "2026-11-24T14:03:22Z"

/* A container log: one stream's lines with times; empty by that stream. */
static void
test_container(void **state)
{
	source_info info;
	lc_line line;
	char *cause = NULL;

	(void)state;
	write_text(T " stdout F a\nnot a record\n");
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_CRI,
	    true);
	assert_int_equal(source_next(r, &line, &info, &cause), 1);
	assert_int_equal(line.len, 1);
	assert_true(info.time_ns == INT64_C(1795529002) * 1000000000);
	assert_int_equal(source_next(r, &line, &info, &cause), 1);
	assert_true(info.malformed);
	assert_true(info.time_ns == SOURCE_TIME_UNKNOWN);
	assert_int_equal(info.at, 0);
	assert_non_null(strstr(info.message, "bad timestamp 'not'"));
	assert_int_equal(source_next(r, &line, &info, &cause), 0);
	assert_false(source_empty(r));
	source_close(r);

	/* stderr has no record: empty, and the bad record is not its own. */
	r = open_source(LC_STREAM_STDERR, CONTAINERLOG_CRI, false);
	assert_int_equal(source_next(r, &line, &info, &cause), 0);
	assert_true(source_empty(r));
	source_close(r);
}

static void
test_missing(void **state)
{
	capture_source src = { .path = "/nonexistent/x.log",
	    .stream = LC_STREAM_STDOUT, .container = CONTAINERLOG_DOCKER };
	char *cause = NULL;

	(void)state;
	assert_null(source_open(&src, 1024, true, &cause));
	assert_non_null(strstr(cause, "/nonexistent/x.log"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_plain, remove_file),
		cmocka_unit_test_teardown(test_container, remove_file),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
