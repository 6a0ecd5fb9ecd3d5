/* Unit tests for src/containerlog.c. */
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

#define S(lit) (lit), (sizeof (lit) - 1)
#define T0 "2024-01-02T03:04:05.123456789Z"
#define T0_NS INT64_C(1704164645123456789)

static void
test_time(void **state)
{
	int64_t ns = 0;

	(void)state;
	assert_int_equal(containerlog_parse_time(S(T0), &ns), 30);
	assert_true(ns == T0_NS);
	assert_int_equal(containerlog_parse_time(S("1970-01-01T00:00:00Z"),
	    &ns), 20);
	assert_true(ns == 0);
	/* An offset is taken away: 00:00+01:00 is 23:00 the day before. */
	assert_int_equal(containerlog_parse_time(
	    S("1970-01-01T00:00:00+01:00"), &ns), 25);
	assert_true(ns == INT64_C(-3600) * 1000000000);
	assert_int_equal(containerlog_parse_time(
	    S("2000-02-29T23:59:59.5Z"), &ns), 22);
	assert_true(ns == INT64_C(951868799) * 1000000000 + 500000000);
	/* Not times. */
	assert_int_equal(containerlog_parse_time(S(""), &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2024-01-02T03:04:05"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2024-13-02T03:04:05Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2023-02-29T03:04:05Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2100-02-29T03:04:05Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2024-01-02T24:00:00Z"),
	    &ns), 0);
	/* Lowercase t and z are RFC 3339 too; digits past nine are cut. */
	assert_int_equal(containerlog_parse_time(
	    S("2024-01-02t03:04:05.123456789z"), &ns), 30);
	assert_true(ns == T0_NS);
	assert_int_equal(containerlog_parse_time(
	    S("2024-01-02T03:04:05.123456789987Z"), &ns), 33);
	assert_true(ns == T0_NS);
	/* Out of int64 nanoseconds' reach: not a time, and no overflow. */
	assert_int_equal(containerlog_parse_time(S("9999-12-31T23:59:59Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2262-04-12T00:00:00Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("0001-01-01T00:00:00Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("1677-12-31T23:59:59Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2262-04-11T00:00:00Z"),
	    &ns), 20);
	assert_int_equal(containerlog_parse_time(S("1678-01-01T00:00:00Z"),
	    &ns), 20);
	assert_true(ns < 0);
	assert_int_equal(containerlog_parse_time(S("2024-01-02T03:04:05.Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2024-01-02 03:04:05Z"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(S("2024-01-02T03:04:05Zx"),
	    &ns), 0);
	assert_int_equal(containerlog_parse_time(
	    S("2024-01-02T03:04:05+1:00"), &ns), 0);
}

/* Parse a record that must be good. */
static void
parse_ok(containerlog_format format, const char *buf, size_t len,
    containerlog_record *rec)
{
	char *cause = NULL;
	size_t at = 0;

	assert_int_equal(containerlog_parse_record(format, buf, len, rec, &at,
	    &cause), 0);
	assert_null(cause);
}

/* Parse a record that must fail at byte `at` with `message`. */
static void
parse_bad(containerlog_format format, const char *buf, size_t len,
    size_t want_at, const char *message)
{
	containerlog_record rec;
	char *cause = NULL;
	size_t at = 12345;

	assert_int_equal(containerlog_parse_record(format, buf, len, &rec, &at,
	    &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, message);
	assert_int_equal(at, want_at);
	free(cause);
}

#define CRI_OK(text, rec)	parse_ok(CONTAINERLOG_CRI, S(text), (rec))
#define CRI_BAD(text, at, msg)	parse_bad(CONTAINERLOG_CRI, S(text), (at), (msg))
#define DOCKER_OK(text, rec)	parse_ok(CONTAINERLOG_DOCKER, S(text), (rec))
#define DOCKER_BAD(text, at, msg) \
	parse_bad(CONTAINERLOG_DOCKER, S(text), (at), (msg))

static void
test_cri_records(void **state)
{
	containerlog_record rec;

	(void)state;
	CRI_OK(T0 " stdout F [10:00:00] INFO: ok", &rec);
	assert_int_equal(rec.stream, LC_STREAM_STDOUT);
	assert_true(rec.time_ns == T0_NS);
	assert_false(rec.partial);
	assert_int_equal(rec.content_len, 19);
	assert_memory_equal(rec.content, "[10:00:00] INFO: ok", 19);
	containerlog_record_clear(&rec);

	CRI_OK(T0 " stderr P half ", &rec);
	assert_int_equal(rec.stream, LC_STREAM_STDERR);
	assert_true(rec.partial);
	assert_int_equal(rec.content_len, 5);
	assert_memory_equal(rec.content, "half ", 5);
	containerlog_record_clear(&rec);

	/* An empty line, with or without the space before its content. */
	CRI_OK(T0 " stdout F ", &rec);
	assert_int_equal(rec.content_len, 0);
	containerlog_record_clear(&rec);
	CRI_OK(T0 " stdout F", &rec);
	assert_int_equal(rec.content_len, 0);
	containerlog_record_clear(&rec);
}

static void
test_cri_malformed(void **state)
{
	(void)state;
	CRI_BAD("2024-01-02 03:04:05 stdout F x", 0, "bad timestamp "
	    "'2024-01-02' (expected RFC 3339, e.g. "
	    "2024-01-02T03:04:05.123456789Z)");
	CRI_BAD("", 0, "bad timestamp '' (expected RFC 3339, e.g. "
	    "2024-01-02T03:04:05.123456789Z)");
	CRI_BAD(" stdout F x", 0, "bad timestamp '' (expected RFC 3339, e.g. "
	    "2024-01-02T03:04:05.123456789Z)");
	CRI_BAD(T0, 30, "record has no stream after its timestamp");
	CRI_BAD(T0 " stdin F x", 31, "unknown stream 'stdin' (expected stdout "
	    "or stderr)");
	CRI_BAD(T0 " stdout", 37, "record has no tag after its stream "
	    "(expected F or P)");
	CRI_BAD(T0 " stdout X x", 38, "unknown tag 'X' (expected F or P)");
	CRI_BAD(T0 " stdout FP x", 38, "unknown tag 'FP' (expected F or P)");
	/* A field is shown printable, whatever its bytes. */
	CRI_BAD(T0 " std\x1bout F x", 31, "unknown stream 'std\\x1bout' "
	    "(expected stdout or stderr)");
}

static void
test_docker_records(void **state)
{
	containerlog_record rec;

	(void)state;
	DOCKER_OK("{\"log\":\"[10:00:00] INFO: ok\\n\",\"stream\":\"stderr\","
	    "\"time\":\"" T0 "\"}", &rec);
	assert_int_equal(rec.stream, LC_STREAM_STDERR);
	assert_true(rec.time_ns == T0_NS);
	assert_false(rec.partial);
	assert_int_equal(rec.content_len, 19);
	assert_memory_equal(rec.content, "[10:00:00] INFO: ok", 19);
	containerlog_record_clear(&rec);

	/* No newline: Docker split a long line, more follows. */
	DOCKER_OK("{\"time\":\"" T0 "\",\"stream\":\"stdout\",\"log\":\"a\\u0000b\"}",
	    &rec);
	assert_true(rec.partial);
	assert_int_equal(rec.content_len, 3);
	assert_memory_equal(rec.content, "a\0b", 3);
	containerlog_record_clear(&rec);
}

static void
test_docker_malformed(void **state)
{
	(void)state;
	/* At the end of the record: past its last byte. */
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":", 22, "bad JSON: "
	    "unexpected token at the end of the record");
	/* At the start of the token jansson stopped at. */
	DOCKER_BAD("{\"log\":\"x\\n\" \"stream\":\"stdout\"}", 13, "bad JSON: "
	    "'}' expected near '\"stream\"'");
	DOCKER_BAD("{\"log\":xyz}", 7, "bad JSON: invalid token near 'xyz'");
	DOCKER_BAD("{\"log\":\"x\\n\"}x", 13, "bad JSON: nothing expected "
	    "after the object near 'x'");
	DOCKER_BAD("[1, 2]", 0, "record is not a JSON object");
	DOCKER_BAD("{\"stream\":\"stdout\",\"time\":\"" T0 "\"}", 0,
	    "record has no \"log\" field");
	DOCKER_BAD("{\"log\":\"x\\n\",\"time\":\"" T0 "\"}", 0,
	    "record has no \"stream\" field");
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":\"stdout\"}", 0,
	    "record has no \"time\" field");
	DOCKER_BAD("{\"log\":7,\"stream\":\"stdout\",\"time\":\"" T0 "\"}", 1,
	    "\"log\" must be a string");
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":1,\"time\":\"" T0 "\"}", 13,
	    "\"stream\" must be a string");
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":\"tty\",\"time\":\"" T0 "\"}",
	    13, "unknown stream 'tty' (expected stdout or stderr)");
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"yesterday\"}",
	    31, "bad timestamp 'yesterday' (expected RFC 3339, e.g. "
	    "2024-01-02T03:04:05.123456789Z)");
	DOCKER_BAD("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":null}", 31,
	    "\"time\" must be a string");
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(containerlog_sniff(S(T0 " stdout F x\nmore")),
	    CONTAINERLOG_CRI);
	assert_int_equal(containerlog_sniff(S(T0 " stdout F x\r\n")),
	    CONTAINERLOG_CRI);
	assert_int_equal(containerlog_sniff(S("{\"log\":\"x\\n\",\"stream\":"
	    "\"stdout\",\"time\":\"" T0 "\"}\n")), CONTAINERLOG_DOCKER);
	assert_int_equal(containerlog_sniff(S("[10:00:00] INFO: ok\n")),
	    CONTAINERLOG_NONE);
	assert_int_equal(containerlog_sniff(S("{\"level\":\"info\"}\n")),
	    CONTAINERLOG_NONE);
	assert_int_equal(containerlog_sniff(S("")), CONTAINERLOG_NONE);
	assert_string_equal(containerlog_format_name(CONTAINERLOG_DOCKER),
	    "docker");
}

/* A temporary file holding data; the caller unlinks and frees the path. */
static char *
file_with(const char *data, size_t len)
{
	char *path = strdup("/tmp/test_containerlog.XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd != -1);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static containerlog_reader *
open_text(const char *text, containerlog_format format, lc_stream stream,
    bool report_malformed, size_t max_line, char **path)
{
	char *cause = NULL;

	*path = file_with(text, strlen(text));
	containerlog_reader *r = containerlog_open(*path, format, stream,
	    report_malformed, max_line, &cause);
	assert_non_null(r);
	assert_null(cause);
	return r;
}

static void
close_text(containerlog_reader *r, char *path)
{
	containerlog_close(r);
	unlink(path);
	free(path);
}

static void
expect_line(containerlog_reader *r, const char *text, unsigned long number,
    int64_t time_ns)
{
	containerlog_line cl;
	char *cause = NULL;

	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_null(cause);
	assert_false(cl.malformed);
	assert_int_equal(cl.line.len, strlen(text));
	assert_memory_equal(cl.line.text, text, cl.line.len);
	assert_int_equal(cl.line.number, number);
	assert_true(cl.time_ns == time_ns);
}

static void
expect_malformed(containerlog_reader *r, unsigned long number, size_t at,
    const char *message)
{
	containerlog_line cl;
	char *cause = NULL;

	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_true(cl.malformed);
	assert_int_equal(cl.line.number, number);
	assert_int_equal(cl.at, at);
	assert_string_equal(cl.message, message);
}

static void
expect_end(containerlog_reader *r)
{
	containerlog_line cl;
	char *cause = NULL;

	assert_int_equal(containerlog_next(r, &cl, &cause), 0);
	assert_null(cause);
}

#define TA "2024-01-02T03:04:05.000000001Z"
#define TB "2024-01-02T03:04:05.000000002Z"
#define TC "2024-01-02T03:04:06Z"
#define TS INT64_C(1704164645000000000)

/* Pieces of each stream are joined on their own, across the other's. */
static const char joined[] =
	TA " stdout P one \n"
	TA " stderr P uno \n"
	TB " stdout P two \n"
	TB " stderr F dos\n"
	TC " stdout F three\n";

static void
test_reader_joins(void **state)
{
	char *path;
	containerlog_reader *r;

	(void)state;
	r = open_text(joined, CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1024,
	    &path);
	expect_line(r, "one two three", 1, TS + 1000000000);
	expect_end(r);
	close_text(r, path);
	r = open_text(joined, CONTAINERLOG_CRI, LC_STREAM_STDERR, true, 1024,
	    &path);
	expect_line(r, "uno dos", 2, TS + 2);
	expect_end(r);
	close_text(r, path);
}

/* A P record at the end is the last line, left without its newline. */
static void
test_reader_unfinished(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;

	(void)state;
	r = open_text(TA " stdout F whole\n" TA " stdout P half\n",
	    CONTAINERLOG_CRI, LC_STREAM_STDOUT, false, 1024, &path);
	expect_line(r, "whole", 1, TS + 1);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_false(cl.malformed);
	assert_null(cl.message);
	assert_false(cl.line.newline);
	assert_int_equal(cl.line.number, 2);
	assert_int_equal(cl.line.len, 4);
	assert_memory_equal(cl.line.text, "half", 4);
	expect_end(r);
	close_text(r, path);
}

/* Pieces join whatever max-line is: one line, cut at max-line. */
static void
test_reader_small_max_line(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;
	size_t piece = 16384, pieces = 3;
	size_t head = strlen(TA " stdout P ");
	char *text = malloc(pieces * (head + piece + 1) + 64);
	char *p = text;

	(void)state;
	for (size_t i = 0; i < pieces; i++) {
		memcpy(p, TA " stdout P ", head);
		if (i == pieces - 1)
			p[head - 2] = 'F';
		memset(p + head, 'a' + (int)i, piece);
		p[head + piece] = '\n';
		p += head + piece + 1;
	}
	*p = '\0';
	r = open_text(text, CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 100,
	    &path);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_false(cl.malformed);
	assert_true(cl.line.truncated);
	assert_int_equal(cl.line.len, 100);
	assert_true(cl.line.full_len == pieces * piece);
	assert_true(cl.line.newline);
	expect_end(r);
	close_text(r, path);
	free(text);
}

/* A CRI record longer than a record may be is read from its head. */
static void
test_reader_huge_record(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;
	size_t content = 300000;
	size_t head = strlen(TA " stdout F ");
	char *text = malloc(head + content + 64);

	(void)state;
	memcpy(text, TA " stdout F ", head);
	memset(text + head, 'x', content);
	strcpy(text + head + content, "\n" TA " stdout F next\n");
	r = open_text(text, CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1000,
	    &path);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_false(cl.malformed);
	assert_true(cl.line.truncated);
	assert_int_equal(cl.line.len, 1000);
	assert_true(cl.line.full_len == content);
	expect_line(r, "next", 2, TS + 1);
	expect_end(r);
	close_text(r, path);
	free(text);
}

/* A byte order mark before the first record; a blank line is malformed. */
static void
test_reader_bom_blank(void **state)
{
	char *path;
	containerlog_reader *r;

	(void)state;
	r = open_text("\xef\xbb\xbf" TA " stdout F one\n\n" TA
	    " stdout F two\n", CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1024,
	    &path);
	expect_line(r, "one", 1, TS + 1);
	expect_malformed(r, 2, 0, "blank line where a record was expected");
	expect_line(r, "two", 3, TS + 1);
	expect_end(r);
	close_text(r, path);
	r = open_text("\xef\xbb\xbfyesterday stdout F one\n",
	    CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1024, &path);
	expect_malformed(r, 1, 3, "bad timestamp 'yesterday' (expected RFC "
	    "3339, e.g. 2024-01-02T03:04:05.123456789Z)");
	expect_end(r);
	close_text(r, path);
}

/* A Docker file's CRLF line ends are outside the JSON: not content. */
static void
test_reader_docker_crlf(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;

	(void)state;
	r = open_text("{\"log\":\"par\",\"stream\":\"stdout\",\"time\":\"" TA
	    "\"}\r\n{\"log\":\"t\\n\",\"stream\":\"stdout\",\"time\":\"" TB
	    "\"}\r\n", CONTAINERLOG_DOCKER, LC_STREAM_STDOUT, true, 1024, &path);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_int_equal(cl.line.len, 4);
	assert_memory_equal(cl.line.text, "part", 4);
	assert_false(cl.line.crlf);
	expect_end(r);
	close_text(r, path);
}

/* The format is the first records', past one that is bad. */
#define DOCKER_REC \
	"{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"" T0 "\"}\n"
static void
test_sniff_records(void **state)
{
	static const char docker[] = DOCKER_REC;
	char *path;

	(void)state;
	assert_int_equal(containerlog_sniff(S("{\"log\":\"x\\n\",\"stream\":"
	    "\"stdin\",\"time\":\"" T0 "\"}\n" DOCKER_REC DOCKER_REC)),
	    CONTAINERLOG_DOCKER);
	assert_int_equal(containerlog_sniff(S("\n\n" T0 " stdout F x\n")),
	    CONTAINERLOG_CRI);
	assert_int_equal(containerlog_sniff(S("\xef\xbb\xbf" T0
	    " stdout F x\n")), CONTAINERLOG_CRI);
	/* One good record of the first eight is enough, none is not. */
	assert_int_equal(containerlog_sniff(S("a\nb\nc\n" T0 " stdout F x\n")),
	    CONTAINERLOG_CRI);
	assert_int_equal(containerlog_sniff(S("a\nb\nc\nd\ne\nf\ng\nh\n" T0
	    " stdout F x\n")), CONTAINERLOG_NONE);
	/* A first record longer than the sniff window. */
	size_t big = 200000;
	char *text = malloc(big + 2 * sizeof docker + 16);
	memcpy(text, "{\"log\":\"", 8);
	memset(text + 8, 'x', big);
	strcpy(text + 8 + big, "\\n\",\"stream\":\"stdout\",\"time\":\"" T0
	    "\"}\n");
	strcat(text, docker);
	path = file_with(text, strlen(text));
	assert_int_equal(containerlog_sniff_file(path), CONTAINERLOG_DOCKER);
	unlink(path);
	free(path);
	memcpy(text, T0 " stdout F ", strlen(T0) + 10);
	memset(text + strlen(T0) + 10, 'x', big);
	strcpy(text + strlen(T0) + 10 + big, "\n");
	path = file_with(text, strlen(text));
	assert_int_equal(containerlog_sniff_file(path), CONTAINERLOG_CRI);
	unlink(path);
	free(path);
	free(text);
	/* One record, longer than the whole sniff: judged by its head. */
	big = 5 * 1024 * 1024;
	text = malloc(big + 64);
	memcpy(text, "{\"log\":\"", 8);
	memset(text + 8, 'x', big);
	strcpy(text + 8 + big, "\\n\",\"stream\":\"stdout\"}\n");
	path = file_with(text, strlen(text));
	assert_int_equal(containerlog_sniff_file(path), CONTAINERLOG_DOCKER);
	unlink(path);
	free(path);
	free(text);
}

static const char broken[] =
	TA " stdout F a\n"
	"garbage\n"
	TA " tty F b\n"
	TA " stderr F c\n";

/* Only the reader that reports malformed records returns them. */
static void
test_reader_malformed(void **state)
{
	char *path;
	containerlog_reader *r;

	(void)state;
	r = open_text(broken, CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1024,
	    &path);
	expect_line(r, "a", 1, TS + 1);
	expect_malformed(r, 2, 0, "bad timestamp 'garbage' (expected RFC "
	    "3339, e.g. 2024-01-02T03:04:05.123456789Z)");
	expect_malformed(r, 3, 31, "unknown stream 'tty' (expected stdout or "
	    "stderr)");
	expect_end(r);
	close_text(r, path);
	r = open_text(broken, CONTAINERLOG_CRI, LC_STREAM_STDERR, false, 1024,
	    &path);
	expect_line(r, "c", 4, TS + 1);
	expect_end(r);
	close_text(r, path);
}

/* A joined line keeps max_line bytes and says how long it was. */
static void
test_reader_long_line(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;

	(void)state;
	r = open_text(TA " stdout P 0123456789\n" TA " stdout F abcdef\n",
	    CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 12, &path);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_true(cl.line.truncated);
	assert_int_equal(cl.line.len, 12);
	assert_int_equal(cl.line.full_len, 16);
	assert_memory_equal(cl.line.text, "0123456789ab", 12);
	expect_end(r);
	close_text(r, path);
}

static void
test_reader_docker(void **state)
{
	containerlog_line cl;
	char *cause = NULL, *path;
	containerlog_reader *r;

	(void)state;
	r = open_text("{\"log\":\"par\",\"stream\":\"stdout\",\"time\":\"" TA
	    "\"}\n{\"log\":\"t\\r\\n\",\"stream\":\"stdout\",\"time\":\"" TB
	    "\"}\n{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"" TA "\"\n",
	    CONTAINERLOG_DOCKER, LC_STREAM_STDOUT, true, 1024, &path);
	assert_int_equal(containerlog_next(r, &cl, &cause), 1);
	assert_int_equal(cl.line.len, 4);
	assert_memory_equal(cl.line.text, "part", 4);
	assert_true(cl.line.crlf);
	assert_int_equal(cl.line.number, 1);
	assert_true(cl.time_ns == TS + 2);
	/* The record ends there: the fault is past its last byte. */
	expect_malformed(r, 3, 70, "bad JSON: '}' expected at the end of the "
	    "record");
	expect_end(r);
	close_text(r, path);
}

/*
 * Every prefix of good records parses or fails cleanly, from a buffer of
 * exactly its length (so that ASan sees a read past the end), with the
 * fault inside or just after it.
 */
static void
test_prefixes(void **state)
{
	static const char *const records[] = {
		T0 " stdout P [10:00:00] INFO: ok",
		"2024-01-02T03:04:05+01:00 stderr F x",
		"{\"log\":\"a\\u00e9\\n\",\"stream\":\"stdout\",\"time\":\""
		    T0 "\"}",
	};

	(void)state;
	for (size_t r = 0; r < sizeof records / sizeof records[0]; r++) {
		size_t full = strlen(records[r]);
		containerlog_format format = records[r][0] == '{' ?
		    CONTAINERLOG_DOCKER : CONTAINERLOG_CRI;
		for (size_t len = 0; len <= full; len++) {
			char *buf = malloc(len > 0 ? len : 1);
			containerlog_record rec;
			char *cause = NULL;
			size_t at = SIZE_MAX;

			memcpy(buf, records[r], len);
			int got = containerlog_parse_record(format, buf, len,
			    &rec, &at, &cause);
			if (got == 0) {
				assert_null(cause);
				assert_true(rec.content_len <= len);
				containerlog_record_clear(&rec);
			} else {
				assert_int_equal(got, -1);
				assert_non_null(cause);
				assert_true(at <= len);
				free(cause);
			}
			/* The whole record is good. */
			if (len == full)
				assert_int_equal(got, 0);
			free(buf);
		}
	}
}

static void
test_open_missing(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_null(containerlog_open("/nonexistent/capture.log",
	    CONTAINERLOG_CRI, LC_STREAM_STDOUT, true, 1024, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "/nonexistent/capture.log"));
	free(cause);
	assert_int_equal(containerlog_sniff_file("/nonexistent/capture.log"),
	    CONTAINERLOG_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_cri_records),
		cmocka_unit_test(test_cri_malformed),
		cmocka_unit_test(test_docker_records),
		cmocka_unit_test(test_docker_malformed),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_reader_joins),
		cmocka_unit_test(test_reader_unfinished),
		cmocka_unit_test(test_reader_small_max_line),
		cmocka_unit_test(test_reader_huge_record),
		cmocka_unit_test(test_reader_bom_blank),
		cmocka_unit_test(test_reader_docker_crlf),
		cmocka_unit_test(test_sniff_records),
		cmocka_unit_test(test_reader_malformed),
		cmocka_unit_test(test_reader_long_line),
		cmocka_unit_test(test_reader_docker),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_open_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
