/* Unit tests for src/decode/emoji.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode/emoji.h"

#define S(lit) (lit), (sizeof (lit) - 1)

static int
setup(void **state)
{
	emoji_matcher *m = emoji_matcher_new();

	if (m == NULL)
		return -1;
	*state = m;
	return 0;
}

static int
teardown(void **state)
{
	emoji_matcher_free(*state);
	return 0;
}

static void
test_single_code_points(void **state)
{
	emoji_matcher *m = *state;

	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x9a\x80")), 4);	/* 🚀 */
	assert_int_equal(emoji_leading(m, S("\xe2\x9c\x85 done")), 3);	/* ✅ */
	assert_int_equal(emoji_leading(m, S("\xe2\x9d\x8c failed")), 3);	/* ❌ */
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x92\xa5 boom")), 4);	/* 💥 */
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\xa4\x97 hi")), 4);	/* 🤗 */
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x93\xa6 pkg")), 4);	/* 📦 */
}

static void
test_sequences(void **state)
{
	emoji_matcher *m = *state;

	/* ⚠️: U+26A0 U+FE0F. */
	assert_int_equal(emoji_leading(m, S("\xe2\x9a\xa0\xef\xb8\x8f Warning")),
	    6);
	/* 👨‍👩‍👧: man ZWJ woman ZWJ girl. */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7 family")), 18);
	/* 🇵🇱: two regional indicators. */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x87\xb5\xf0\x9f\x87\xb1 Polska")), 8);
	/* 1️⃣: keycap. */
	assert_int_equal(emoji_leading(m, S("1\xef\xb8\x8f\xe2\x83\xa3 first")),
	    7);
	/* #⃣ without the selector. */
	assert_int_equal(emoji_leading(m, S("#\xe2\x83\xa3")), 4);
	/* 🏴󠁧󠁢󠁳󠁣󠁴󠁿: black flag and tag characters (Scotland). */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2"
	    "\xf3\xa0\x81\xb3\xf3\xa0\x81\xa3\xf3\xa0\x81\xb4"
	    "\xf3\xa0\x81\xbf go")), 28);
	/* 👍🏽: thumbs up with a skin tone is one cluster. */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok")), 8);
}

/*
 * Clusters that start with the same four bytes share a cache set: asked
 * for in turn, each must still get its own length.
 */
static void
test_cache_shared_start(void **state)
{
	emoji_matcher *m = *state;

	for (int i = 0; i < 4; i++) {
		/* 👍 and 👍🏽. */
		assert_int_equal(emoji_leading(m, S("\xf0\x9f\x91\x8d ok")), 4);
		assert_int_equal(emoji_leading(m,
		    S("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok")), 8);
		/* ⚠️ and the bare ⚠, and 📨 with ✅ whose set is one. */
		assert_int_equal(emoji_leading(m,
		    S("\xe2\x9a\xa0\xef\xb8\x8f Warning")), 6);
		assert_int_equal(emoji_leading(m, S("\xe2\x9a\xa0 Warning")), 3);
		assert_int_equal(emoji_leading(m, S("\xf0\x9f\x93\xa8 got")), 4);
		assert_int_equal(emoji_leading(m, S("\xe2\x9c\x85 Job")), 3);
	}
	/* A cached cluster is no answer for a longer one it starts. */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbf ok")), 8);
}

static void
test_followed_by_text(void **state)
{
	emoji_matcher *m = *state;

	/* No space after the emoji: only the emoji counts. */
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x9a\x80Starting")), 4);
	assert_int_equal(emoji_leading(m, S("\xe2\x9c\x85\xe2\x9c\x85")), 3);
	/*
	 * Pictographs side by side are separate clusters, even after a
	 * selector or a skin tone (PCRE2 10.42's \X alone joins them).
	 */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80")), 4);
	assert_int_equal(emoji_leading(m,
	    S("\xe2\x9a\xa0\xef\xb8\x8f\xf0\x9f\x9a\x80")), 6);
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\xf0\x9f\x91\x8d")), 8);
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7\xf0\x9f\x91\x8d")), 18);
	/* ❤️‍🔥: heart, selector, ZWJ, fire stays whole. */
	assert_int_equal(emoji_leading(m,
	    S("\xe2\x9d\xa4\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x94\xa5!")), 13);
	/* Two flags in a row are two clusters. */
	assert_int_equal(emoji_leading(m,
	    S("\xf0\x9f\x87\xb5\xf0\x9f\x87\xb1\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa")),
	    8);
}

static void
test_not_emoji(void **state)
{
	emoji_matcher *m = *state;

	assert_int_equal(emoji_leading(m, S("Setting up environment")), 0);
	assert_int_equal(emoji_leading(m, S("1 two")), 0);
	assert_int_equal(emoji_leading(m, S("123")), 0);
	assert_int_equal(emoji_leading(m, S("# heading")), 0);
	assert_int_equal(emoji_leading(m, S("*")), 0);
	assert_int_equal(emoji_leading(m, "", 0), 0);
	assert_int_equal(emoji_leading(m, S(" \xf0\x9f\x9a\x80")), 0);
	assert_int_equal(emoji_leading(m, S("\xc3\xa9t\xc3\xa9")), 0);	/* été */
	assert_int_equal(emoji_leading(m, S("\xe4\xb8\xad")), 0);	/* 中 */
	assert_int_equal(emoji_leading(m, S("\xcc\x81")), 0);	/* combining */
}

static void
test_invalid_utf8(void **state)
{
	emoji_matcher *m = *state;

	assert_int_equal(emoji_leading(m, S("\xff\xfe")), 0);
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x9a")), 0);	/* cut 🚀 */
	assert_int_equal(emoji_leading(m, S("\xed\xa0\x80")), 0);	/* surrogate */
	assert_int_equal(emoji_leading(m, S("\x80\xf0\x9f\x9a\x80")), 0);
	/* Only the start matters: junk after the emoji is not read. */
	assert_int_equal(emoji_leading(m, S("\xf0\x9f\x9a\x80\xff")), 4);
	/* The length limits the match, not a NUL. */
	assert_int_equal(emoji_leading(m, "\xf0\x9f\x9a\x80", 3), 0);
}

static void
test_free_null(void **state)
{
	(void)state;
	emoji_matcher_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_code_points),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_cache_shared_start),
		cmocka_unit_test(test_followed_by_text),
		cmocka_unit_test(test_not_emoji),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
