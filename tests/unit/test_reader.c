/* Unit tests for src/reader.c. */
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

#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/reader.h"

#define S(lit) (lit), (sizeof (lit) - 1)

/* An unlinked temporary file holding data, positioned at its start. */
static int
file_with(const char *data, size_t len)
{
	char path[] = "/tmp/test_reader.XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd != -1);
	assert_int_equal(unlink(path), 0);
	for (size_t done = 0; done < len;) {
		ssize_t wrote = write(fd, data + done, len - done);
		assert_true(wrote > 0);
		done += (size_t)wrote;
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void
expect_line(lc_reader *r, const char *text, size_t len, uint64_t offset,
    bool crlf, bool newline)
{
	lc_line line;
	char *cause = NULL;

	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_null(cause);
	assert_int_equal(line.len, len);
	assert_memory_equal(line.text, text, len);
	assert_int_equal(line.offset, offset);
	assert_int_equal(line.full_len, len);
	assert_false(line.truncated);
	assert_int_equal(line.crlf, crlf);
	assert_int_equal(line.newline, newline);
}

static void
expect_end(lc_reader *r)
{
	lc_line line;
	char *cause = NULL;

	assert_int_equal(reader_next(r, &line, &cause), 0);
	assert_null(cause);
	/* And it stays at the end. */
	assert_int_equal(reader_next(r, &line, &cause), 0);
}

static void
test_empty(void **state)
{
	int fd = file_with("", 0);
	lc_reader *r = reader_open_fd(fd, "empty", 100);

	(void)state;
	assert_string_equal(reader_name(r), "empty");
	expect_end(r);
	assert_int_equal(reader_bytes(r), 0);
	reader_close(r);
	close(fd);
}

static void
test_only_newlines(void **state)
{
	int fd = file_with(S("\n\n"));
	lc_reader *r = reader_open_fd(fd, "nl", 100);
	lc_line line;
	char *cause = NULL;

	(void)state;
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(line.len, 0);
	assert_int_equal(line.number, 1);
	assert_int_equal(line.offset, 0);
	assert_true(line.newline);
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(line.len, 0);
	assert_int_equal(line.number, 2);
	assert_int_equal(line.offset, 1);
	assert_true(line.newline);
	expect_end(r);
	assert_int_equal(reader_bytes(r), 2);
	reader_close(r);
	close(fd);
}

static void
test_last_line_without_newline(void **state)
{
	int fd = file_with(S("first\nsecond"));
	lc_reader *r = reader_open_fd(fd, "t", 100);

	(void)state;
	expect_line(r, S("first"), 0, false, true);
	expect_line(r, S("second"), 6, false, false);
	expect_end(r);
	assert_int_equal(reader_bytes(r), 12);
	reader_close(r);
	close(fd);
}

static void
test_crlf(void **state)
{
	int fd = file_with(S("a\r\nb\rc\r\n\r\n\rd\n\r"));
	lc_reader *r = reader_open_fd(fd, "t", 100);

	(void)state;
	expect_line(r, S("a"), 0, true, true);
	expect_line(r, S("b\rc"), 3, true, true);	/* lone \r is data */
	expect_line(r, S(""), 8, true, true);
	expect_line(r, S("\rd"), 10, false, true);
	expect_line(r, S("\r"), 13, false, false);	/* no \n: data */
	expect_end(r);
	reader_close(r);
	close(fd);
}

static void
test_crlf_split_across_reads(void **state)
{
	/* With a 4-byte buffer the first read ends in the \r. */
	int fd = file_with(S("abc\r\nxy\r\n"));
	lc_reader *r = reader_open_fd_sized(fd, "t", 100, 4);

	(void)state;
	expect_line(r, S("abc"), 0, true, true);
	expect_line(r, S("xy"), 5, true, true);
	expect_end(r);
	reader_close(r);
	close(fd);

	/* Through a pipe, written in two pieces before reading. */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "one\r", 4), 4);
	assert_int_equal(write(fds[1], "\ntwo\r", 5), 5);
	assert_int_equal(close(fds[1]), 0);
	r = reader_open_fd_sized(fds[0], "pipe", 100, 4);
	expect_line(r, S("one"), 0, true, true);
	expect_line(r, S("two\r"), 5, false, false);
	expect_end(r);
	reader_close(r);
	close(fds[0]);
}

static void
test_nul_bytes(void **state)
{
	int fd = file_with("a\0b\n\0\n", 6);
	lc_reader *r = reader_open_fd(fd, "t", 100);

	(void)state;
	expect_line(r, "a\0b", 3, 0, false, true);
	expect_line(r, "\0", 1, 4, false, true);
	expect_end(r);
	reader_close(r);
	close(fd);
}

static void
test_truncation_at_max_line(void **state)
{
	const char data[] =
	    "0123456789\n"		/* exactly max_line: whole */
	    "0123456789A\n"		/* one more: truncated */
	    "0123456789\r\n"		/* max_line and CRLF: whole */
	    "0123456789A\r\n"		/* truncated, CRLF */
	    "short\n";
	lc_line line;
	char *cause = NULL;

	(void)state;
	/* The same answers whatever the buffer size. */
	for (size_t bufsize = 1; bufsize <= 70; bufsize++) {
		int fd = file_with(data, sizeof data - 1);
		lc_reader *r = reader_open_fd_sized(fd, "t", 10, bufsize);

		expect_line(r, S("0123456789"), 0, false, true);

		assert_int_equal(reader_next(r, &line, &cause), 1);
		assert_true(line.truncated);
		assert_int_equal(line.len, 10);
		assert_int_equal(line.full_len, 11);
		assert_memory_equal(line.text, "0123456789", 10);
		assert_int_equal(line.offset, 11);
		assert_false(line.crlf);

		expect_line(r, S("0123456789"), 23, true, true);

		assert_int_equal(reader_next(r, &line, &cause), 1);
		assert_true(line.truncated);
		assert_int_equal(line.len, 10);
		assert_int_equal(line.full_len, 11);
		assert_int_equal(line.offset, 35);
		assert_true(line.crlf);
		assert_true(line.newline);

		expect_line(r, S("short"), 48, false, true);
		expect_end(r);
		assert_int_equal(reader_bytes(r), sizeof data - 1);
		reader_close(r);
		close(fd);
	}
}

static void
test_long_line_skipped(void **state)
{
	size_t big = 1000000;
	char *data = malloc(big + 20);
	lc_line line;
	char *cause = NULL;

	(void)state;
	assert_non_null(data);
	memset(data, 'x', big);
	data[0] = 'S';
	memcpy(data + big, "\r\nnext\nlast", 11);
	int fd = file_with(data, big + 11);
	lc_reader *r = reader_open_fd_sized(fd, "t", 100, 64);

	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_true(line.truncated);
	assert_int_equal(line.len, 100);
	assert_int_equal(line.full_len, big);
	assert_int_equal(line.text[0], 'S');
	assert_memory_equal(line.text, data, 100);
	assert_true(line.crlf);
	expect_line(r, S("next"), big + 2, false, true);
	expect_line(r, S("last"), big + 7, false, false);
	expect_end(r);
	reader_close(r);
	close(fd);

	/* The same line with no end at all. */
	fd = file_with(data, big);
	r = reader_open_fd_sized(fd, "t", 100, 64);
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_true(line.truncated);
	assert_int_equal(line.full_len, big);
	assert_false(line.newline);
	assert_false(line.crlf);
	expect_end(r);
	reader_close(r);
	close(fd);

	/* max_line 0 keeps nothing but still counts. */
	fd = file_with(S("abc\n\nde"));
	r = reader_open_fd_sized(fd, "t", 0, 2);
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(line.len, 0);
	assert_int_equal(line.full_len, 3);
	assert_true(line.truncated);
	expect_line(r, S(""), 4, false, true);
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(line.full_len, 2);
	assert_int_equal(line.offset, 5);
	assert_false(line.newline);
	expect_end(r);
	reader_close(r);
	close(fd);
	free(data);
}

/*
 * Compare the reader with a plain split of the whole data, for many buffer
 * sizes and line limits, so that every boundary falls everywhere once.
 */
static void
check_against_split(const char *data, size_t len, size_t max_line,
    size_t bufsize)
{
	int fd = file_with(data, len);
	lc_reader *r = reader_open_fd_sized(fd, "t", max_line, bufsize);
	unsigned long number = 0;
	size_t pos = 0;
	lc_line line;
	char *cause = NULL;

	while (pos < len) {
		const char *newline = memchr(data + pos, '\n', len - pos);
		size_t stop = newline ? (size_t)(newline - data) : len;
		size_t content = stop - pos;
		bool crlf = newline && content > 0 && data[stop - 1] == '\r';

		if (crlf)
			content--;
		assert_int_equal(reader_next(r, &line, &cause), 1);
		assert_int_equal(line.number, ++number);
		assert_int_equal(line.offset, pos);
		assert_int_equal(line.full_len, content);
		assert_int_equal(line.truncated, content > max_line);
		assert_int_equal(line.len,
		    content > max_line ? max_line : content);
		assert_memory_equal(line.text, data + pos, line.len);
		assert_int_equal(line.crlf, crlf);
		assert_int_equal(line.newline, newline != NULL);
		pos = newline ? stop + 1 : len;
	}
	expect_end(r);
	assert_int_equal(reader_bytes(r), len);
	reader_close(r);
	close(fd);
}

static void
test_buffer_boundaries(void **state)
{
	static const char data[] =
	    "[14:03:22] INFO: \xf0\x9f\x9a\x80 Setting up environment...\n"
	    "\r\n"
	    "\n"
	    "a\r\rb\r\n"
	    "no\0te\n"
	    "a fairly long line that crosses many small buffers, "
	    "and then some more text\r\n"
	    "\r"
	    "x\r\n"
	    "tail without end\r";
	static const size_t limits[] = { 0, 1, 2, 3, 7, 16, 40, 1000 };

	(void)state;
	for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++)
		for (size_t bufsize = 1; bufsize <= 40; bufsize++)
			check_against_split(data, sizeof data - 1, limits[l],
			    bufsize);
	check_against_split(data, sizeof data - 1, 16, READER_BUFSIZE);
	/* Without the last line's end. */
	check_against_split(data, sizeof data - 2, 7, 5);
	check_against_split("x\n", 2, 0, 1);
}

static void
test_stdin_pipe(void **state)
{
	int fds[2], saved;
	lc_reader *r;
	char *cause = NULL;

	(void)state;
	saved = dup(STDIN_FILENO);
	assert_true(saved != -1);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "from\nstdin\n", 11), 11);
	assert_int_equal(close(fds[1]), 0);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);

	r = reader_open("-", 100, &cause);
	assert_non_null(r);
	assert_string_equal(reader_name(r), "<stdin>");
	expect_line(r, S("from"), 0, false, true);
	expect_line(r, S("stdin"), 5, false, true);
	expect_end(r);
	reader_close(r);
	/* Standard input is still open. */
	assert_true(fcntl(STDIN_FILENO, F_GETFD) != -1);

	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
}

static void
test_open_path(void **state)
{
	char path[] = "/tmp/test_reader.XXXXXX";
	int fd = mkstemp(path);
	char *cause = NULL;
	lc_reader *r;

	(void)state;
	assert_true(fd != -1);
	assert_int_equal(write(fd, "x\ny", 3), 3);
	close(fd);
	r = reader_open(path, 100, &cause);
	assert_non_null(r);
	assert_null(cause);
	assert_string_equal(reader_name(r), path);
	expect_line(r, S("x"), 0, false, true);
	expect_line(r, S("y"), 2, false, false);
	expect_end(r);
	reader_close(r);
	unlink(path);

	r = reader_open("/nonexistent/file.log", 100, &cause);
	assert_null(r);
	assert_string_equal(cause,
	    "cannot open /nonexistent/file.log: No such file or directory");
	free(cause);

	cause = NULL;
	r = reader_open("/tmp", 100, &cause);
	assert_null(r);
	assert_string_equal(cause, "cannot open /tmp: Is a directory");
	free(cause);

	reader_close(NULL);
}

/* A regular file can be read again at a line's offset; a pipe cannot. */
static void
test_reread(void **state)
{
	char path[] = "/tmp/test_reader.XXXXXX";
	int fd = mkstemp(path), fds[2];
	char *cause = NULL, buf[16];
	lc_reader *r;
	lc_line line;

	(void)state;
	assert_true(fd != -1);
	assert_int_equal(write(fd, "first\r\nsecond\nthird", 19), 19);
	close(fd);
	r = reader_open(path, 100, &cause);
	assert_non_null(r);
	assert_true(reader_rereadable(r));
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(reader_next(r, &line, &cause), 1);
	assert_int_equal(line.offset, 7);
	assert_int_equal(reader_reread(r, line.offset, buf, line.len), 6);
	assert_memory_equal(buf, "second", 6);
	/* The reader goes on where it was. */
	expect_line(r, S("third"), 14, false, false);
	assert_int_equal(reader_reread(r, 0, buf, 5), 5);
	assert_memory_equal(buf, "first", 5);
	/* Past the end there is less, or nothing. */
	assert_int_equal(reader_reread(r, 17, buf, sizeof buf), 2);
	assert_int_equal(reader_reread(r, 100, buf, sizeof buf), 0);
	reader_close(r);
	unlink(path);

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "x\n", 2), 2);
	r = reader_open_fd(fds[0], "pipe", 100);
	assert_false(reader_rereadable(r));
	expect_line(r, S("x"), 0, false, true);
	assert_int_equal(reader_reread(r, 0, buf, 1), 0);
	reader_close(r);
	close(fds[0]);
	close(fds[1]);
}

static void
test_read_error(void **state)
{
	int fds[2];
	lc_reader *r;
	lc_line line;
	char *cause = NULL;

	(void)state;
	/* Reading the write end of a pipe fails with EBADF. */
	assert_int_equal(pipe(fds), 0);
	r = reader_open_fd(fds[1], "broken", 100);
	assert_int_equal(reader_next(r, &line, &cause), -1);
	assert_string_equal(cause, "read error on broken: Bad file descriptor");
	free(cause);
	reader_close(r);
	/* The reader did not close a descriptor it did not open. */
	assert_int_equal(close(fds[1]), 0);
	assert_int_equal(close(fds[0]), 0);
}

/* Every line read is a record of one line, the line's own bytes. */
static void
test_record_of_line(void **state)
{
	int fd = file_with(S("first\r\nsecond"));
	lc_reader *r = reader_open_fd(fd, "records", 100);
	unsigned long lines = 0;
	lc_record rec;
	lc_line line;
	char *cause = NULL;

	(void)state;
	while (reader_next(r, &line, &cause) == 1) {
		reader_record_of_line(&rec, &line);
		assert_ptr_equal(rec.text, line.text);
		assert_int_equal(rec.len, line.len);
		assert_int_equal(rec.first.number, line.number);
		assert_int_equal(rec.first.offset, line.offset);
		assert_int_equal(rec.first.crlf, line.crlf);
		assert_int_equal(rec.line_count, 1);
		lines += rec.line_count;
	}
	assert_null(cause);
	assert_int_equal(lines, 2);
	reader_close(r);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_only_newlines),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_crlf_split_across_reads),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_truncation_at_max_line),
		cmocka_unit_test(test_long_line_skipped),
		cmocka_unit_test(test_buffer_boundaries),
		cmocka_unit_test(test_stdin_pipe),
		cmocka_unit_test(test_open_path),
		cmocka_unit_test(test_reread),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_record_of_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
