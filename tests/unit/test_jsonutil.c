/* Unit tests for src/jsonutil.c. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/jsonutil.h"

#define S(lit) (lit), (sizeof (lit) - 1)

/*
 * What dump (compact or not) writes for value; the caller frees it.  Like
 * jansson without JSON_ENCODE_ANY, the dumps take only objects and arrays.
 */
static char *
dumped(const json_t *value, bool compact)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	if (compact)
		assert_int_equal(jsonutil_dump_compact(out, value), 0);
	else
		assert_int_equal(jsonutil_dump(out, value), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* A string alone, as the one element of a compact array. */
static char *
dumped_in_array(json_t *string)
{
	json_t *array = json_pack("[O]", string);
	char *text;

	assert_non_null(array);
	text = dumped(array, true);
	json_decref(array);
	return text;
}

static void
test_string_valid(void **state)
{
	json_t *string;
	char *text;

	(void)state;
	string = jsonutil_string(S("\xf0\x9f\x9a\x80 Setting up \xc3\xa9t\xc3\xa9"));
	assert_non_null(string);
	assert_string_equal(json_string_value(string),
	    "\xf0\x9f\x9a\x80 Setting up \xc3\xa9t\xc3\xa9");
	/* The emoji is written as it is, not as \u escapes. */
	text = dumped_in_array(string);
	assert_string_equal(text,
	    "[\"\xf0\x9f\x9a\x80 Setting up \xc3\xa9t\xc3\xa9\"]\n");
	free(text);
	json_decref(string);

	string = jsonutil_string("", 0);
	assert_string_equal(json_string_value(string), "");
	json_decref(string);

	/* Only len bytes are taken. */
	string = jsonutil_string("abcdef", 3);
	assert_string_equal(json_string_value(string), "abc");
	json_decref(string);
}

static void
test_string_controls_escaped(void **state)
{
	json_t *string;
	char *text;

	(void)state;
	string = jsonutil_string(S("a\x1b[31mred\x1b[0m\n\tb\"\\\x7f\x01"));
	text = dumped_in_array(string);
	/* jansson writes hex digits in capitals; DEL needs no escape. */
	assert_string_equal(text,
	    "[\"a\\u001B[31mred\\u001B[0m\\n\\tb\\\"\\\\\x7f\\u0001\"]\n");
	free(text);
	json_decref(string);
}

static void
test_string_invalid_replaced(void **state)
{
	json_t *string;
	char *text;

	(void)state;
	string = jsonutil_string(S("x\xffy\xc0\x80z\xe2\x82"));
	assert_string_equal(json_string_value(string),
	    "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd");
	json_decref(string);

	/* NUL bytes too, so the C string is the whole value. */
	string = jsonutil_string("a\0b", 3);
	assert_int_equal(json_string_length(string), 5);
	assert_string_equal(json_string_value(string), "a\xef\xbf\xbd" "b");
	text = dumped_in_array(string);
	assert_string_equal(text, "[\"a\xef\xbf\xbd" "b\"]\n");
	free(text);
	json_decref(string);
}

static json_t *
fixed_object(void)
{
	json_t *object = json_object();
	json_t *list = json_array();

	/* Not in key order: the output must keep insertion order. */
	json_object_set_new(object, "format", json_string("runpod"));
	json_object_set_new(object, "count", json_integer(3));
	json_object_set_new(object, "ok", json_true());
	json_array_append_new(list, json_integer(1));
	json_array_append_new(list, jsonutil_string(S("two\n")));
	json_object_set_new(object, "list", list);
	json_object_set_new(object, "empty", json_object());
	json_object_set_new(object, "none", json_null());
	json_object_set_new(object, "emoji", jsonutil_string(S("\xe2\x9c\x85")));
	return object;
}

static void
test_dump_exact(void **state)
{
	json_t *object = fixed_object();
	char *text;

	(void)state;
	text = dumped(object, false);
	assert_string_equal(text,
	    "{\n"
	    "  \"format\": \"runpod\",\n"
	    "  \"count\": 3,\n"
	    "  \"ok\": true,\n"
	    "  \"list\": [\n"
	    "    1,\n"
	    "    \"two\\n\"\n"
	    "  ],\n"
	    "  \"empty\": {},\n"
	    "  \"none\": null,\n"
	    "  \"emoji\": \"\xe2\x9c\x85\"\n"
	    "}\n");
	free(text);

	text = dumped(object, true);
	assert_string_equal(text,
	    "{\"format\":\"runpod\",\"count\":3,\"ok\":true,"
	    "\"list\":[1,\"two\\n\"],\"empty\":{},\"none\":null,"
	    "\"emoji\":\"\xe2\x9c\x85\"}\n");
	free(text);
	json_decref(object);
}

static void
test_dump_write_error(void **state)
{
	json_t *object = fixed_object();
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (full == NULL) {
		json_decref(object);
		skip();
	}
	/* Unbuffered, so the failure shows at once. */
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(jsonutil_dump(full, object), -1);
	assert_int_equal(jsonutil_dump_compact(full, object), -1);
	fclose(full);
	json_decref(object);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_valid),
		cmocka_unit_test(test_string_controls_escaped),
		cmocka_unit_test(test_string_invalid_replaced),
		cmocka_unit_test(test_dump_exact),
		cmocka_unit_test(test_dump_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
