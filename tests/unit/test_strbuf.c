/* Unit tests for strbuf: empty, joined and grown strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/strbuf.h"

static void
test_empty(void **state)
{
	(void)state;
	strbuf b = { 0 };
	char *text = strbuf_take(&b);

	assert_string_equal(text, "");
	free(text);
	strbuf_free(&b);
}

static void
test_join(void **state)
{
	(void)state;
	strbuf b = { 0 };

	strbuf_join(&b, ", ", "a");
	strbuf_join(&b, ", ", "b");
	strbuf_addf(&b, " (%d)", 2);
	assert_int_equal(b.len, strlen("a, b (2)"));
	char *text = strbuf_take(&b);
	assert_string_equal(text, "a, b (2)");
	assert_null(b.text);
	free(text);
}

/* Many pieces grow the buffer past its first size, byte for byte. */
static void
test_growth(void **state)
{
	(void)state;
	strbuf b = { 0 };

	for (int i = 0; i < 10000; i++)
		strbuf_add(&b, "xy\0z", 4);
	assert_int_equal(b.len, 40000);
	for (size_t i = 0; i < b.len; i += 4)
		assert_memory_equal(b.text + i, "xy\0z", 4);
	assert_int_equal(b.text[b.len], '\0');
	strbuf_free(&b);
	assert_int_equal(b.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
