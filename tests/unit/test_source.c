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

/* A line that starts with a blank continues the record before it. */
static bool
blank_continues(void *data, const char *text, size_t len)
{
	(void)data;
	return len > 0 && text[0] == ' ';
}

static int
next_record(source_reader *r, lc_record *rec)
{
	char *cause = NULL;
	int got = source_next_record(r, rec, NULL, &cause);

	assert_null(cause);
	return got;
}

/* Continuation lines join their record; every line is in one record. */
static void
test_records(void **state)
{
	lc_record rec;

	(void)state;
	write_text(" orphan\na\n b\r\n c\nd\n e");
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_NONE,
	    true);
	source_set_continuation(r, blank_continues, NULL);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.line_count, 1);
	assert_int_equal(rec.first.number, 1);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.line_count, 3);
	assert_int_equal(rec.first.number, 2);
	assert_int_equal(rec.first.len, 1);
	/* Joined by '\n', the \r of a CRLF line left out. */
	assert_int_equal(rec.len, 7);
	assert_memory_equal(rec.text, "a\n b\n c", 7);
	assert_false(rec.cut);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.line_count, 2);
	assert_int_equal(rec.first.number, 5);
	assert_memory_equal(rec.text, "d\n e", 4);
	assert_int_equal(next_record(r, &rec), 0);
	assert_int_equal(next_record(r, &rec), 0);
	source_close(r);
}

/* A record longer than max-line (1024 here) keeps what fits. */
static void
test_record_cut(void **state)
{
	char text[2000];
	lc_record rec;

	(void)state;
	memset(text, 'x', sizeof text);
	memcpy(text, "a\n ", 3);
	text[603] = '\n';
	text[604] = ' ';
	text[1205] = '\n';
	memcpy(text + 1206, "z\n", 3);
	text[1209] = '\0';
	write_text(text);
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_NONE,
	    true);
	source_set_continuation(r, blank_continues, NULL);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.line_count, 3);
	assert_true(rec.cut);
	assert_int_equal(rec.len, 1 + 1 + 601);
	assert_int_equal(rec.full_len, 1 + 1 + 601 + 1 + 601);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.first.number, 4);
	assert_memory_equal(rec.text, "z", 1);
	source_close(r);
}

/* Past SOURCE_RECORD_LINES lines a record is cut, and still counts all. */
static void
test_record_lines(void **state)
{
	size_t lines = SOURCE_RECORD_LINES + 5;
	char *text = malloc(2 * lines + 8);
	lc_record rec;

	(void)state;
	strcpy(text, "a\n");
	for (size_t i = 0; i < lines; i++)
		strcat(text + 2 * i, " \n");
	write_text(text);
	free(text);
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_NONE,
	    true);
	source_set_continuation(r, blank_continues, NULL);
	assert_int_equal(next_record(r, &rec), 1);
	assert_int_equal(rec.line_count, lines + 1);
	assert_true(rec.cut);
	assert_int_equal(next_record(r, &rec), 0);
	source_close(r);
}

/* A malformed container record is a record of its own, and ends one. */
static void
test_record_malformed(void **state)
{
	source_info info;
	lc_record rec;
	char *cause = NULL;

	(void)state;
	write_text(T " stdout F a\nnot a record\n" T " stdout F  b\n");
	source_reader *r = open_source(LC_STREAM_STDOUT, CONTAINERLOG_CRI,
	    true);
	source_set_continuation(r, blank_continues, NULL);
	assert_int_equal(source_next_record(r, &rec, &info, &cause), 1);
	assert_int_equal(rec.line_count, 1);
	assert_false(info.malformed);
	assert_int_equal(source_next_record(r, &rec, &info, &cause), 1);
	assert_true(info.malformed);
	assert_int_equal(rec.line_count, 1);
	assert_int_equal(source_next_record(r, &rec, &info, &cause), 1);
	assert_false(info.malformed);
	assert_int_equal(rec.line_count, 1);
	assert_memory_equal(rec.text, " b", 2);
	assert_true(info.time_ns != SOURCE_TIME_UNKNOWN);
	assert_int_equal(source_next_record(r, &rec, &info, &cause), 0);
	assert_null(cause);
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
		cmocka_unit_test_teardown(test_records, remove_file),
		cmocka_unit_test_teardown(test_record_cut, remove_file),
		cmocka_unit_test_teardown(test_record_lines, remove_file),
		cmocka_unit_test_teardown(test_record_malformed, remove_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
