/* Unit tests for src/error.c. */
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
#include "util/utf8.h"

#define S(lit) (lit), (sizeof (lit) - 1)

/* What lc_error_print writes; the caller frees it. */
static char *
printed(const lc_error *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	lc_error_print(out, err);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void
test_print_forms(void **state)
{
	lc_error err;
	char *text;

	(void)state;
	lc_error_set(&err, "rules.yaml", 3, 14, "unknown key \"%s\"", "levle");
	text = printed(&err);
	assert_string_equal(text,
	    "rules.yaml:3:14: error: unknown key \"levle\"\n");
	free(text);

	lc_error_set(&err, "rules.yaml", 3, 0, "bad");
	text = printed(&err);
	assert_string_equal(text, "rules.yaml:3: error: bad\n");
	free(text);

	lc_error_set(&err, "rules.yaml", 0, 0, "cannot read: %s", "EIO");
	text = printed(&err);
	assert_string_equal(text, "rules.yaml: error: cannot read: EIO\n");
	free(text);

	/* No line: the column alone is not shown. */
	lc_error_set(&err, "rules.yaml", 0, 7, "odd");
	text = printed(&err);
	assert_string_equal(text, "rules.yaml: error: odd\n");
	free(text);

	lc_error_set(&err, "", 0, 0, "no rule file given");
	text = printed(&err);
	assert_string_equal(text, "logcompat: error: no rule file given\n");
	free(text);

	lc_error_set(&err, NULL, 0, 0, "%d%%", 50);
	assert_string_equal(err.source, "");
	text = printed(&err);
	assert_string_equal(text, "logcompat: error: 50%\n");
	free(text);
}

static void
test_excerpt_and_caret(void **state)
{
	const char *pattern = "^\\[(?<time>[^]]+\\] (?<level";
	lc_error err;
	char *text;

	(void)state;
	lc_error_set(&err, "rules.yaml", 4, 21,
	    "pattern: missing closing parenthesis");
	lc_error_set_excerpt(&err, pattern, strlen(pattern), 19);
	assert_int_equal(err.caret, 19);
	text = printed(&err);
	assert_string_equal(text,
	    "rules.yaml:4:21: error: pattern: missing closing parenthesis\n"
	    "^\\[(?<time>[^]]+\\] (?<level\n"
	    "                   ^\n");
	free(text);

	/* Wide characters and escapes move the caret. */
	lc_error_set(&err, "in.log", 2, 0, "bad byte");
	lc_error_set_excerpt(&err, S("\xf0\x9f\x9a\x80\tx\x1b\xff!"), 8);
	assert_string_equal(err.excerpt, "\xf0\x9f\x9a\x80 x\\x1b\\xff!");
	assert_int_equal(err.caret, 12);
	text = printed(&err);
	assert_string_equal(text,
	    "in.log:2: error: bad byte\n"
	    "\xf0\x9f\x9a\x80 x\\x1b\\xff!\n"
	    "            ^\n");
	free(text);

	/* Caret at column 0, and at the very end. */
	lc_error_set(&err, "f", 1, 1, "here");
	lc_error_set_excerpt(&err, S("abc"), 0);
	text = printed(&err);
	assert_string_equal(text, "f:1:1: error: here\nabc\n^\n");
	free(text);
	lc_error_set_excerpt(&err, S("abc"), 3);
	text = printed(&err);
	assert_string_equal(text, "f:1:1: error: here\nabc\n   ^\n");
	free(text);

	/* A new error forgets the old excerpt. */
	lc_error_set(&err, "f", 1, 1, "other");
	assert_string_equal(err.excerpt, "");
	assert_int_equal(err.caret, 0);
	text = printed(&err);
	assert_string_equal(text, "f:1:1: error: other\n");
	free(text);
}

static void
test_long_excerpt(void **state)
{
	char line[5000];
	lc_error err;
	uint32_t cp;

	(void)state;
	/* 4-byte characters of width 1 and no width: the worst for bytes. */
	for (size_t i = 0; i + 4 <= sizeof line; i += 4) {
		if (i % 8 == 0)
			memcpy(line + i, "\xf0\x9d\x90\x80", 4);	/* U+1D400 */
		else
			memcpy(line + i, "\xf3\xa0\x84\x80", 4);	/* U+E0100 */
	}
	lc_error_set(&err, "f", 1, 1, "long");
	lc_error_set_excerpt(&err, line, sizeof line, 2504);
	assert_true(strlen(err.excerpt) < sizeof err.excerpt);
	assert_int_equal(utf8_invalid_offset(err.excerpt, strlen(err.excerpt)),
	    strlen(err.excerpt));
	assert_memory_equal(err.excerpt, "...", 3);
	assert_memory_equal(err.excerpt + strlen(err.excerpt) - 3, "...", 3);
	/*
	 * The caret is under the character at byte 2504, a U+1D400: walk
	 * err.caret columns, then past the marks of no width.
	 */
	size_t col = 0, pos = 0, len = strlen(err.excerpt);
	while (col < err.caret) {
		pos += utf8_decode(err.excerpt + pos, len - pos, &cp);
		col += (size_t)utf8_width(cp);
	}
	assert_int_equal(col, err.caret);
	do
		pos += utf8_decode(err.excerpt + pos, len - pos, &cp);
	while (utf8_width(cp) == 0);
	assert_int_equal(cp, 0x1d400);
	assert_true(err.caret <= 100);
}

static void
test_truncation(void **state)
{
	char long_text[3000], long_source[3000];
	lc_error err;

	(void)state;
	/* 'é' is two bytes: 1023 bytes would end inside one. */
	for (size_t i = 0; i + 2 <= sizeof long_text; i += 2)
		memcpy(long_text + i, "\xc3\xa9", 2);
	long_text[sizeof long_text - 1] = '\0';
	memset(long_source, 's', sizeof long_source - 1);
	long_source[sizeof long_source - 1] = '\0';

	lc_error_set(&err, long_source, 1, 2, "%s", long_text);
	assert_int_equal(strlen(err.text), 1022);
	assert_int_equal(utf8_invalid_offset(err.text, strlen(err.text)), 1022);
	assert_int_equal(strlen(err.source), sizeof err.source - 1);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 2);

	/* A short ASCII text is kept whole; newlines become spaces. */
	lc_error_set(&err, "f", 0, 0, "bad value \"%s\"", "a\nb\r\nc");
	assert_string_equal(err.text, "bad value \"a b  c\"");
}

static void
test_null_error(void **state)
{
	(void)state;
	lc_error_set(NULL, "f", 1, 1, "ignored %d", 1);
	lc_error_set_excerpt(NULL, S("x"), 0);
	lc_error_clear(NULL);

	lc_error err;
	lc_error_set(&err, "f", 1, 1, "x");
	lc_error_set_excerpt(&err, S("x"), 0);
	lc_error_clear(&err);
	assert_string_equal(err.source, "");
	assert_string_equal(err.text, "");
	assert_string_equal(err.excerpt, "");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_int_equal(err.caret, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_forms),
		cmocka_unit_test(test_excerpt_and_caret),
		cmocka_unit_test(test_long_excerpt),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_null_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
