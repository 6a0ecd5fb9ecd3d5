/* Unit tests for bytes_equal: every length, a difference at every place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/bytes.h"

#define MAX_LEN 40

static void
test_equal_at_every_length(void **state)
{
	char a[MAX_LEN], b[MAX_LEN];

	(void)state;
	for (size_t i = 0; i < MAX_LEN; i++)
		a[i] = b[i] = (char)(0x41 + i * 7);
	for (size_t n = 0; n <= MAX_LEN; n++)
		assert_true(bytes_equal(a, b, n));
}

static void
test_difference_anywhere(void **state)
{
	char a[MAX_LEN], b[MAX_LEN];

	(void)state;
	for (size_t n = 1; n <= MAX_LEN; n++) {
		for (size_t at = 0; at < n; at++) {
			for (size_t i = 0; i < MAX_LEN; i++)
				a[i] = b[i] = (char)(0xf0 ^ i);
			/* One bit, high or low, at one place. */
			b[at] ^= (char)(at % 2 ? 0x80 : 0x01);
			assert_false(bytes_equal(a, b, n));
			/* Bytes past n do not count. */
			if (at + 1 < n)
				continue;
			assert_true(bytes_equal(a, b, at));
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_at_every_length),
		cmocka_unit_test(test_difference_anywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
