/* Unit tests for levels: the vocabulary, its cases, and its order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode/levels.h"

static int
rank(const char *level)
{
	return levels_rank(level, strlen(level));
}

/* A whole token in one of three cases, nothing else. */
static void
test_rank(void **state)
{
	(void)state;
	assert_int_equal(rank("FINEST"), 0);
	assert_int_equal(rank("I"), rank("INFO") + LEVELS_CASES);
	assert_int_equal(rank("i"), -1);
	assert_int_equal(rank("SEVERE") / LEVELS_CASES,
	    rank("ERROR") / LEVELS_CASES + 3);
	assert_int_equal(rank("INFO"), 8 * LEVELS_CASES + LEVELS_UPPER);
	assert_int_equal(rank("info"), 8 * LEVELS_CASES + LEVELS_LOWER);
	assert_int_equal(rank("Info"), 8 * LEVELS_CASES + LEVELS_CAPITAL);
	assert_int_equal(rank("PANIC") / LEVELS_CASES, LEVELS_WORDS - 1);
	assert_int_equal(rank("iNFO"), -1);
	assert_int_equal(rank("INFOS"), -1);
	assert_int_equal(rank("VERBOSE"), -1);
	/* Ruby Logger's ANY, above FATAL; "any" is a word of messages. */
	assert_int_equal(rank("ANY") / LEVELS_CASES,
	    rank("FATAL") / LEVELS_CASES + 2);
	assert_int_equal(rank("any"), -1);
	assert_int_equal(rank("Any"), -1);
	/* Go slog's levels between its own: a word and an offset. */
	assert_int_equal(rank("ERROR+4"), rank("ERROR"));
	assert_int_equal(rank("DEBUG-4"), rank("DEBUG"));
	assert_int_equal(rank("ERROR+"), -1);
	assert_int_equal(rank("ERROR+4x"), -1);
	assert_int_equal(rank("E+1"), -1);
	assert_true(levels_word("ERROR", 5));
	assert_false(levels_word("ERROR+4", 7));
	assert_false(levels_word("ZeroDivisionError", 17));
	assert_int_equal(rank(""), -1);
}

/* At the start of a token: the word must end where a word byte does not. */
static void
test_at(void **state)
{
	size_t len = 0;

	(void)state;
	assert_int_equal(levels_at("WARNING: x", 10, &len),
	    12 * LEVELS_CASES);
	assert_int_equal(len, 7);
	assert_int_equal(levels_at("WARN: x", 7, &len), 11 * LEVELS_CASES);
	assert_int_equal(len, 4);
	assert_int_equal(levels_at("ERRORS", 6, &len), -1);
	assert_int_equal(levels_at("ERROR_1", 7, &len), -1);
	assert_int_equal(levels_at("error]", 6, &len),
	    14 * LEVELS_CASES + LEVELS_LOWER);
}

static void
test_spell(void **state)
{
	char *s;

	(void)state;
	s = levels_spell(10, LEVELS_CAPITAL);
	assert_string_equal(s, "Notice");
	free(s);
	s = levels_spell(18, LEVELS_LOWER);
	assert_string_equal(s, "critical");
	free(s);
}

/* Vocabulary order first, then other tokens by their bytes. */
static void
test_order(void **state)
{
	(void)state;
	assert_true(levels_order("DEBUG", "INFO") < 0);
	assert_true(levels_order("ERROR", "WARN") > 0);
	assert_true(levels_order("INFO", "info") < 0);
	assert_true(levels_order("PANIC", "AUDIT") < 0);
	assert_true(levels_order("AUDIT", "BOOT") < 0);
	assert_int_equal(levels_order("INFO", "INFO"), 0);
	assert_true(levels_order("DEBUG-4", "DEBUG") < 0);
	assert_true(levels_order("ERROR+4", "ERROR") > 0);
	assert_true(levels_order("ERROR+4", "ERROR+12") < 0);
	assert_true(levels_order("WARN+1", "ERROR") < 0);
}

/* The vocabulary's order, offsets beside their word, others last. */
static void
test_sort(void **state)
{
	char *levels[] = { "custom", "ERROR", "DEBUG", "ERROR+4", "INFO",
	    "DEBUG-4", "info" };
	const char *sorted[] = { "DEBUG-4", "DEBUG", "INFO", "info", "ERROR",
	    "ERROR+4", "custom" };
	size_t n = sizeof levels / sizeof levels[0];
	(void)state;

	levels_sort(levels, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(levels[i], sorted[i]);
	levels_sort(levels, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_at),
		cmocka_unit_test(test_spell),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
