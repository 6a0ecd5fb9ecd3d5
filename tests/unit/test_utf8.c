/* Unit tests for src/utf8.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/utf8.h"

#define S(lit) (lit), (sizeof (lit) - 1)

static void
test_decode_valid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode(S("A"), &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode(S("\xc3\xa9"), &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode(S("\xe2\x82\xac"), &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode(S("\xf0\x9f\x9a\x80"), &cp), 4);
	assert_int_equal(cp, 0x1f680);
	assert_int_equal(utf8_decode(S("\xf4\x8f\xbf\xbf"), &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(utf8_decode(S("\xed\x9f\xbf"), &cp), 3);
	assert_int_equal(cp, 0xd7ff);
	/* A real U+FFFD is 3 bytes, unlike a replaced invalid byte. */
	assert_int_equal(utf8_decode(S("\xef\xbf\xbd"), &cp), 3);
	assert_int_equal(cp, 0xfffd);
	/* NUL is a code point like any other. */
	assert_int_equal(utf8_decode("\0x", 2, &cp), 1);
	assert_int_equal(cp, 0);
	cp = 42;
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_int_equal(cp, 0);
}

static void
test_decode_invalid(void **state)
{
	static const char *const bad[] = {
		"\xc0\x80",		/* overlong NUL */
		"\xc1\xbf",		/* overlong */
		"\xe0\x80\xaf",		/* overlong '/' */
		"\xe0\x9f\xbf",		/* overlong */
		"\xf0\x8f\xbf\xbf",	/* overlong */
		"\xed\xa0\x80",		/* surrogate D800 */
		"\xed\xbf\xbf",		/* surrogate DFFF */
		"\xf4\x90\x80\x80",	/* 110000 */
		"\xf5\x80\x80\x80",	/* lead out of range */
		"\xff",
		"\xfe",
		"\x80",			/* lone continuation */
		"\xbf",
		"\xe2\x82",		/* truncated */
		"\xf0\x9f\x9a",		/* truncated */
		"\xc3",			/* truncated */
		"\xe2\x28\xa1",		/* bad second byte */
		"\xe2\x82\x28",		/* bad third byte */
		"\xf0\x9f\x9a\x28",	/* bad fourth byte */
	};
	uint32_t cp;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, 0xfffd);
	}
	/* A valid sequence cut short by len is truncated too. */
	assert_int_equal(utf8_decode("\xe2\x82\xac", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
}

static void
test_invalid_offset(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_offset("", 0), 0);
	assert_int_equal(utf8_invalid_offset(S("plain ascii text, long enough")),
	    29);
	assert_int_equal(utf8_invalid_offset(S("\xf0\x9f\x9a\x80 ok \xc3\xa9")),
	    10);
	/* Past the 8-byte fast path, inside it and at the very end. */
	assert_int_equal(utf8_invalid_offset(S("0123456789abcdef\xff")), 16);
	assert_int_equal(utf8_invalid_offset(S("012\x80" "4567")), 3);
	assert_int_equal(utf8_invalid_offset(S("01234567\xe2\x82")), 8);
	assert_int_equal(utf8_invalid_offset(S("abc\xed\xa0\x80")), 3);
	assert_int_equal(utf8_invalid_offset(S("\xc0\x80")), 0);
	/* NUL is valid UTF-8. */
	assert_int_equal(utf8_invalid_offset("a\0b", 3), 3);
}

/*
 * The scan goes 16 and 8 bytes at a time and ends in a chunk that
 * overlaps: a bad byte, and a sequence cut short at the end, must be
 * found at every offset of lines of every length, after valid ones.
 */
static void
test_invalid_offset_every_place(void **state)
{
	static const char *const bad[] = { "\xff", "\x80", "\xc0\xaf",
	    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82" };
	char line[64];

	(void)state;
	for (size_t len = 1; len <= sizeof line; len++) {
		for (size_t at = 0; at < len; at++) {
			for (size_t k = 0; k < sizeof bad / sizeof bad[0];
			    k++) {
				size_t n = strlen(bad[k]);
				if (at + n > len)
					continue;
				memset(line, 'a', len);
				/* A valid two-byte character before it. */
				if (at >= 2)
					memcpy(line + at - 2, "\xc3\xa9", 2);
				memcpy(line + at, bad[k], n);
				assert_int_equal(utf8_invalid_offset(line, len),
				    at);
			}
			memset(line, 'a', len);
			if (at + 4 <= len)
				memcpy(line + at, "\xf0\x9f\x9a\x80", 4);
			assert_int_equal(utf8_invalid_offset(line, len), len);
		}
	}
}

static void
test_column(void **state)
{
	const char *line = "a\xc3\xa9" "b\xf0\x9f\x9a\x80" "c";

	(void)state;
	assert_int_equal(utf8_column(line, strlen(line), 0), 1);
	assert_int_equal(utf8_column(line, strlen(line), 1), 2);
	assert_int_equal(utf8_column(line, strlen(line), 3), 3);	/* b */
	assert_int_equal(utf8_column(line, strlen(line), 4), 4);	/* rocket */
	assert_int_equal(utf8_column(line, strlen(line), 8), 5);	/* c */
	assert_int_equal(utf8_column(line, strlen(line), 9), 6);	/* end */
	assert_int_equal(utf8_column(line, strlen(line), 100), 6);
	/* Inside a code point: that code point's column. */
	assert_int_equal(utf8_column(line, strlen(line), 2), 2);
	assert_int_equal(utf8_column(line, strlen(line), 6), 4);
	/* Each invalid byte is a column. */
	assert_int_equal(utf8_column(S("\xff\xfe" "x"), 2), 3);
	assert_int_equal(utf8_column(S("\xe2\x82" "x"), 2), 3);
	assert_int_equal(utf8_column("", 0, 0), 1);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width('a'), 1);
	assert_int_equal(utf8_width(0xe9), 1);
	assert_int_equal(utf8_width(0x0301), 0);	/* combining acute */
	assert_int_equal(utf8_width(0xfe0f), 0);
	assert_int_equal(utf8_width(0xfe00), 0);
	assert_int_equal(utf8_width(0x200d), 0);
	assert_int_equal(utf8_width(0x20e3), 0);
	assert_int_equal(utf8_width(0xe0100), 0);
	assert_int_equal(utf8_width(0xe01ef), 0);
	assert_int_equal(utf8_width(0x4e2d), 2);	/* CJK */
	assert_int_equal(utf8_width(0xac00), 2);	/* Hangul */
	assert_int_equal(utf8_width(0xff21), 2);	/* fullwidth A */
	assert_int_equal(utf8_width(0x1f680), 2);
	assert_int_equal(utf8_width(0x1f300), 2);
	assert_int_equal(utf8_width(0x1f64f), 2);
	assert_int_equal(utf8_width(0x1f9ff), 2);
	assert_int_equal(utf8_width(0x1fa70), 2);
	assert_int_equal(utf8_width(0x1f1f5), 2);
	assert_int_equal(utf8_width(0x2705), 2);	/* check mark button */
	assert_int_equal(utf8_width(0x274c), 2);	/* cross mark */
	assert_int_equal(utf8_width(0x26a0), 1);	/* warning: text style */
	assert_int_equal(utf8_width(0x2713), 1);	/* check mark */
	assert_int_equal(utf8_width(0x1f650), 1);	/* outside the blocks */
	assert_int_equal(utf8_width(0x20000), 2);
	assert_int_equal(utf8_width(0x1b), 0);
	assert_int_equal(utf8_width(0x85), 0);
	assert_int_equal(utf8_width(0x10ffff), 1);
}

/* The display width of a printable excerpt. */
static size_t
display_width(const char *s)
{
	size_t len = strlen(s), pos = 0, width = 0;
	uint32_t cp;

	while (pos < len) {
		size_t used = utf8_decode(s + pos, len - pos, &cp);
		assert_true(used > 1 || cp != 0xfffd);	/* valid UTF-8 */
		assert_true(cp >= 0x20 && cp != 0x7f);
		width += (size_t)utf8_width(cp);
		pos += used;
	}
	return width;
}

static void
test_excerpt_short(void **state)
{
	size_t caret = 99;
	char *x;

	(void)state;
	x = utf8_excerpt(S("hello world"), 6, 80, &caret);
	assert_string_equal(x, "hello world");
	assert_int_equal(caret, 6);
	free(x);

	x = utf8_excerpt(S("hello"), 5, 80, &caret);
	assert_string_equal(x, "hello");
	assert_int_equal(caret, 5);
	free(x);

	x = utf8_excerpt(S("hello"), 500, 80, &caret);	/* clamped to len */
	assert_string_equal(x, "hello");
	assert_int_equal(caret, 5);
	free(x);

	x = utf8_excerpt("", 0, 0, 80, &caret);
	assert_string_equal(x, "");
	assert_int_equal(caret, 0);
	free(x);

	/* Wide characters move the caret two columns each. */
	x = utf8_excerpt(S("\xf0\x9f\x9a\x80 go \xe4\xb8\xad!"), 11, 80, &caret);
	assert_string_equal(x, "\xf0\x9f\x9a\x80 go \xe4\xb8\xad!");
	assert_int_equal(caret, 8);
	free(x);

	/* at inside a code point points at its start. */
	x = utf8_excerpt(S("a\xe4\xb8\xad" "b"), 2, 80, &caret);
	assert_int_equal(caret, 1);
	free(x);
}

static void
test_excerpt_escapes(void **state)
{
	size_t caret;
	char *x;

	(void)state;
	x = utf8_excerpt(S("a\x1b[31mb\tc\x7f" "d"), 8, 80, &caret);
	assert_string_equal(x, "a\\x1b[31mb c\\x7fd");
	assert_int_equal(caret, 11);	/* the 'c' after the tab */
	free(x);

	/* Invalid bytes and a C1 control (U+0085). */
	x = utf8_excerpt(S("x\xff\xc2\x85y"), 4, 80, &caret);
	assert_string_equal(x, "x\\xff\\x85y");
	assert_int_equal(caret, 9);
	free(x);

	/* NUL, CR and a right-to-left override. */
	x = utf8_excerpt("a\0b\rc\xe2\x80\xae" "d", 9, 8, 80, &caret);
	assert_string_equal(x, "a\\x00b\\x0dc\\u202Ed");
	assert_int_equal(caret, 17);
	free(x);

	/* A valid U+FFFD stays as it is; a truncated sequence does not. */
	x = utf8_excerpt(S("\xef\xbf\xbd\xe2\x82"), 0, 80, &caret);
	assert_string_equal(x, "\xef\xbf\xbd\\xe2\\x82");
	assert_int_equal(caret, 0);
	free(x);
}

static void
test_excerpt_cut(void **state)
{
	char line[1000];
	size_t caret;
	char *x;

	(void)state;
	for (size_t i = 0; i < sizeof line; i++)
		line[i] = (char)('a' + i % 26);

	/* Cut on both sides: the caret still points at line[500]. */
	x = utf8_excerpt(line, sizeof line, 500, 40, &caret);
	assert_memory_equal(x, "...", 3);
	assert_memory_equal(x + strlen(x) - 3, "...", 3);
	assert_true(strlen(x) <= 40);
	assert_true(strlen(x) >= 38);
	assert_int_equal(x[caret], line[500]);
	/* The caret is near the middle. */
	assert_true(caret >= 15 && caret <= 25);
	free(x);

	/* Near the start: no "..." on the left. */
	x = utf8_excerpt(line, sizeof line, 3, 40, &caret);
	assert_memory_equal(x, "abcd", 4);
	assert_int_equal(caret, 3);
	assert_int_equal(strlen(x), 40);
	assert_memory_equal(x + 37, "...", 3);
	free(x);

	/* At the end: no "..." on the right, caret after the last column. */
	x = utf8_excerpt(line, sizeof line, sizeof line, 40, &caret);
	assert_memory_equal(x, "...", 3);
	assert_int_equal(x[strlen(x) - 1], line[sizeof line - 1]);
	assert_int_equal(caret, strlen(x));
	assert_true(strlen(x) <= 40);
	free(x);

	/* A line just one column too long gets cut. */
	x = utf8_excerpt(line, 41, 0, 40, &caret);
	assert_int_equal(strlen(x), 40);
	assert_memory_equal(x + 37, "...", 3);
	free(x);
	x = utf8_excerpt(line, 40, 0, 40, &caret);
	assert_memory_equal(x, line, 40);
	assert_int_equal(strlen(x), 40);
	free(x);

	/* Close to the end the whole tail shows, without "..." there. */
	x = utf8_excerpt(line, 60, 50, 40, &caret);
	assert_int_equal(strlen(x), 40);
	assert_memory_equal(x, "...", 3);
	assert_memory_equal(x + 3, line + 23, 37);
	assert_int_equal(caret, 30);
	assert_int_equal(x[caret], line[50]);
	free(x);

	/* A tiny width still shows the character under the caret. */
	x = utf8_excerpt(line, sizeof line, 500, 0, &caret);
	assert_string_equal(x, "...g...");
	assert_int_equal(caret, 3);
	free(x);
}

static void
test_excerpt_wide_cut(void **state)
{
	char line[3 * 300 + 4 * 100];
	size_t len = 0, caret;
	char *x;

	(void)state;
	/* 300 CJK characters then 100 rockets. */
	for (int i = 0; i < 300; i++) {
		memcpy(line + len, "\xe4\xb8\xad", 3);
		len += 3;
	}
	for (int i = 0; i < 100; i++) {
		memcpy(line + len, "\xf0\x9f\x9a\x80", 4);
		len += 4;
	}
	for (size_t at = 0; at <= len; at += 7) {
		x = utf8_excerpt(line, len, at, 31, &caret);
		/* Whole code points only: the result decodes cleanly. */
		assert_int_equal(utf8_invalid_offset(x, strlen(x)), strlen(x));
		assert_true(display_width(x) <= 31);
		assert_true(display_width(x) >= 27);
		if (at < len) {
			/* The caret column starts the character holding at. */
			size_t col = 0, pos = 0;
			uint32_t cp;
			while (col < caret) {
				pos += utf8_decode(x + pos, strlen(x) - pos, &cp);
				col += (size_t)utf8_width(cp);
			}
			assert_int_equal(col, caret);
			utf8_decode(x + pos, strlen(x) - pos, &cp);
			assert_int_equal(cp, at < 900 ? 0x4e2d : 0x1f680);
		} else
			assert_int_equal(caret, display_width(x));
		free(x);
	}
}

static void
test_excerpt_zero_width_run(void **state)
{
	/* A long run of combining marks cannot blow up the excerpt. */
	char line[2 + 2 * 5000];
	size_t len = 0, caret;
	char *x;

	(void)state;
	line[len++] = 'e';
	for (int i = 0; i < 5000; i++) {
		memcpy(line + len, "\xcc\x81", 2);
		len += 2;
	}
	line[len++] = 'z';
	x = utf8_excerpt(line, len, len - 1, 50, &caret);
	assert_true(strlen(x) <= 4 * 50 + 6);
	assert_int_equal(x[strlen(x) - 1], 'z');
	assert_memory_equal(x, "...", 3);
	assert_int_equal(caret, 3);	/* the marks take no columns */
	free(x);
}

static void
test_sanitize(void **state)
{
	char *clean;

	(void)state;
	clean = utf8_sanitize(S("ok \xf0\x9f\x9a\x80 \xc3\xa9"));
	assert_string_equal(clean, "ok \xf0\x9f\x9a\x80 \xc3\xa9");
	free(clean);

	clean = utf8_sanitize("a\0b", 3);
	assert_string_equal(clean, "a\xef\xbf\xbd" "b");
	free(clean);

	clean = utf8_sanitize(S("\xff" "x\xc0\x80\xe2\x82"));
	assert_string_equal(clean, "\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd");
	free(clean);

	clean = utf8_sanitize("", 0);
	assert_string_equal(clean, "");
	free(clean);

	/* The result is always valid. */
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	clean = utf8_sanitize(all, sizeof all);
	assert_int_equal(utf8_invalid_offset(clean, strlen(clean)),
	    strlen(clean));
	/* NUL + 127 ASCII + 128 replaced bytes. */
	assert_int_equal(strlen(clean), 3 + 127 + 128 * 3);
	free(clean);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_invalid_offset),
		cmocka_unit_test(test_invalid_offset_every_place),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_excerpt_short),
		cmocka_unit_test(test_excerpt_escapes),
		cmocka_unit_test(test_excerpt_cut),
		cmocka_unit_test(test_excerpt_wide_cut),
		cmocka_unit_test(test_excerpt_zero_width_run),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
