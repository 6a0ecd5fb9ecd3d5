/*
 * Unit tests for shapes: messages grouped by level, emoji, token count and
 * first token; a position that held two tokens is "many"; the groups are a
 * function of the set of messages (order does not matter, and merging two
 * is the shapes of the union); the cap; and the text form a profile keeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mine/shapes.h"
#include "mine/templates.h"

/* One message of a baseline: its level, leading emoji and the rest. */
struct message {
	const char *level;
	const char *emoji;
	const char *text;
};

static templates *splitter;

static int
group_setup(void **state)
{
	(void)state;
	splitter = templates_new(NULL);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	templates_free(splitter);
	return 0;
}

static void
add(shapes *s, const char *level, const char *emoji, const char *text)
{
	shapes_add(s, splitter, level, strlen(level), emoji, strlen(emoji),
	    text, strlen(text));
}

static bool
known(const shapes *s, const char *level, const char *emoji,
    const char *text)
{
	return shapes_known(s, splitter, level, strlen(level), emoji,
	    strlen(emoji), text, strlen(text));
}

static shapes *
shapes_of(const struct message *messages, size_t count)
{
	shapes *s = shapes_new();

	for (size_t i = 0; i < count; i++)
		add(s, messages[i].level, messages[i].emoji,
		    messages[i].text);
	return s;
}

/* Group index as "LEVEL|EMOJI|TEXT", to free. */
static char *
group_line(const shapes *s, size_t index)
{
	const char *level, *emoji;
	char *text, *line;
	size_t size;

	assert_true(shapes_get(s, index, &level, &emoji, &text));
	size = strlen(level) + strlen(emoji) + strlen(text) + 3;
	line = malloc(size);
	assert_non_null(line);
	snprintf(line, size, "%s|%s|%s", level, emoji, text);
	free(text);
	return line;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The groups of s, one a line, sorted: the set, whatever the order. */
static char *
group_set(const shapes *s)
{
	size_t count = shapes_count(s), size = 1;
	char **lines = calloc(count + 1, sizeof *lines);
	char *set;

	assert_non_null(lines);
	for (size_t i = 0; i < count; i++) {
		lines[i] = group_line(s, i);
		size += strlen(lines[i]) + 1;
	}
	qsort(lines, count, sizeof *lines, compare_strings);
	set = calloc(1, size);
	assert_non_null(set);
	for (size_t i = 0; i < count; i++) {
		strcat(set, lines[i]);
		strcat(set, "\n");
		free(lines[i]);
	}
	free(lines);
	return set;
}

static void
assert_groups(const shapes *s, const char *expected)
{
	char *set = group_set(s);

	assert_string_equal(set, expected);
	free(set);
}

static const struct message backend[] = {
	{ "INFO", "📦", "Installing torch version 2.1.0" },
	{ "INFO", "", "Request req-1 done in 12 ms status=200" },
	{ "INFO", "✅", "Loaded model sdxl in 812 ms" },
	{ "INFO", "📦", "Installing numpy version 1.26.4" },
	{ "WARN", "⚠️", "Retrying upload of /data/a.bin (attempt 1/3)" },
	{ "INFO", "", "Request req-2 done in 9 ms status=500" },
	{ "INFO", "✅", "Loaded model flux in 95 ms" },
	{ "INFO", "✅", "Loaded adapter lora in 3 ms" },
	{ "ERROR", "❌", "Failed to fetch https://x.example/w: timeout" },
	{ "INFO", "", "Request done" },
};
#define BACKEND_COUNT	(sizeof backend / sizeof backend[0])

/* The groups of backend[], whatever order its messages come in. */
#define BACKEND_GROUPS \
	"ERROR|❌|Failed to fetch <URL>: timeout\n" \
	"INFO||Request done\n" \
	"INFO||Request req-<NUM> done in <NUM> ms status=<NUM>\n" \
	"INFO|✅|Loaded <*> <*> in <NUM> ms\n" \
	"INFO|📦|Installing <*> version <VER>\n" \
	"WARN|⚠️|Retrying upload of <PATH> (attempt <NUM>/<NUM>)\n"

static void
test_shapes_grouping(void **state)
{
	shapes *s = shapes_new();

	(void)state;
	assert_int_equal(shapes_count(s), 0);
	add(s, "INFO", "", "Request done");
	add(s, "INFO", "", "Request done");
	assert_int_equal(shapes_count(s), 1);
	/* Each part of the key apart makes a group of its own. */
	add(s, "WARN", "", "Request done");
	add(s, "INFO", "🚀", "Request done");
	add(s, "INFO", "", "Request done twice");
	add(s, "INFO", "", "Response done");
	assert_int_equal(shapes_count(s), 5);
	/* The same key with other tokens after the first joins a group. */
	add(s, "INFO", "", "Request failed");
	assert_int_equal(shapes_count(s), 5);
	assert_groups(s, "INFO||Request <*>\n"
	    "INFO||Request done twice\n"
	    "INFO||Response done\n"
	    "INFO|🚀|Request done\n"
	    "WARN||Request done\n");
	/* Groups are listed in the order they were added. */
	{
		char *first = group_line(s, 0), *last = group_line(s, 4);
		assert_string_equal(first, "INFO||Request <*>");
		assert_string_equal(last, "INFO||Response done");
		free(first);
		free(last);
	}
	{
		const char *level, *emoji;
		char *text = NULL;
		assert_false(shapes_get(s, 5, &level, &emoji, &text));
		assert_null(text);
	}
	shapes_free(s);
	shapes_free(NULL);
}

static void
test_shapes_many_positions(void **state)
{
	shapes *s = shapes_new();

	(void)state;
	/* Masked tokens are equal: "<NUM>" stays a literal position. */
	add(s, "INFO", "", "Loaded model sdxl in 812 ms");
	add(s, "INFO", "", "Loaded model flux in 95 ms");
	assert_groups(s, "INFO||Loaded model <*> in <NUM> ms\n");
	/* Once many, a position stays many, even for its first token. */
	add(s, "INFO", "", "Loaded model sdxl in 812 ms");
	assert_groups(s, "INFO||Loaded model <*> in <NUM> ms\n");
	add(s, "INFO", "", "Loaded adapter sdxl in 1 s");
	assert_groups(s, "INFO||Loaded <*> <*> in <NUM> <*>\n");

	assert_true(known(s, "INFO", "", "Loaded any thing in 5 all"));
	assert_false(known(s, "INFO", "", "Loaded any thing at 5 all"));
	assert_false(known(s, "INFO", "", "Loaded any thing in five all"));
	assert_false(known(s, "INFO", "", "Loaded any thing in"));
	shapes_free(s);

	/* shapes_known: literal positions must match, many ones need not. */
	s = shapes_of(backend, BACKEND_COUNT);
	assert_true(known(s, "INFO", "📦", "Installing redis version 7.2.4"));
	assert_true(known(s, "INFO", "✅", "Loaded lora x in 7 ms"));
	assert_false(known(s, "INFO", "📦", "Installing redis release 7.2.4"));
	assert_false(known(s, "INFO", "📦", "Installing redis version 7"));
	assert_false(known(s, "WARN", "📦", "Installing redis version 7.2.4"));
	assert_false(known(s, "INFO", "", "Installing redis version 7.2.4"));
	assert_false(known(s, "INFO", "", "Requests done"));
	assert_true(known(s, "INFO", "", "Request done"));
	shapes_free(s);
}

static void
test_shapes_order_independent(void **state)
{
	struct message shuffled[BACKEND_COUNT];
	shapes *s;

	(void)state;
	s = shapes_of(backend, BACKEND_COUNT);
	assert_groups(s, BACKEND_GROUPS);
	shapes_free(s);

	/* Reversed, and rotated by each amount. */
	for (size_t i = 0; i < BACKEND_COUNT; i++)
		shuffled[i] = backend[BACKEND_COUNT - 1 - i];
	s = shapes_of(shuffled, BACKEND_COUNT);
	assert_groups(s, BACKEND_GROUPS);
	shapes_free(s);
	for (size_t r = 1; r < BACKEND_COUNT; r++) {
		for (size_t i = 0; i < BACKEND_COUNT; i++)
			shuffled[i] = backend[(i + r) % BACKEND_COUNT];
		s = shapes_of(shuffled, BACKEND_COUNT);
		assert_groups(s, BACKEND_GROUPS);
		shapes_free(s);
	}
}

static void
test_shapes_merge_is_union(void **state)
{
	(void)state;
	/* Every split of backend[] into two parts merges to the whole's. */
	for (size_t cut = 0; cut <= BACKEND_COUNT; cut++) {
		shapes *a = shapes_of(backend, cut);
		shapes *b = shapes_of(backend + cut, BACKEND_COUNT - cut);
		shapes *ab = shapes_of(backend, cut);
		shapes *ba = shapes_of(backend + cut, BACKEND_COUNT - cut);
		char *before = group_set(b);

		shapes_merge(ab, b);
		shapes_merge(ba, a);
		assert_groups(ab, BACKEND_GROUPS);
		assert_groups(ba, BACKEND_GROUPS);
		/* The source is left as it was. */
		assert_groups(b, before);
		free(before);
		shapes_free(a);
		shapes_free(b);
		shapes_free(ab);
		shapes_free(ba);
	}

	/* Merging a set with itself, or with nothing, changes nothing. */
	{
		shapes *s = shapes_of(backend, BACKEND_COUNT);
		shapes *copy = shapes_of(backend, BACKEND_COUNT);
		shapes *empty = shapes_new();

		shapes_merge(s, copy);
		shapes_merge(s, empty);
		assert_groups(s, BACKEND_GROUPS);
		shapes_merge(empty, s);
		assert_groups(empty, BACKEND_GROUPS);
		shapes_free(s);
		shapes_free(copy);
		shapes_free(empty);
	}
}

/* A message whose first token, n in letters, makes a group of its own. */
static void
add_numbered(shapes *s, size_t n)
{
	char text[64];
	size_t at = 0;

	do {
		text[at++] = (char)('a' + n % 26);
		n /= 26;
	} while (n > 0);
	strcpy(text + at, " happened");
	add(s, "INFO", "", text);
}

static void
test_shapes_cap(void **state)
{
	shapes *s = shapes_new(), *other = shapes_new();

	(void)state;
	for (size_t n = 0; n < SHAPES_MAX; n++)
		add_numbered(s, n);
	assert_int_equal(shapes_count(s), SHAPES_MAX);
	assert_false(shapes_capped(s));
	/* A message of a known group still joins it at the cap. */
	add(s, "INFO", "", "a vanished");
	assert_false(shapes_capped(s));
	add_numbered(s, SHAPES_MAX);
	assert_int_equal(shapes_count(s), SHAPES_MAX);
	assert_true(shapes_capped(s));
	assert_true(known(s, "INFO", "", "a anything"));
	assert_false(known(s, "INFO", "", "zzzzzz happened"));

	/* Merging into a full set leaves the rest out and says so. */
	add(other, "WARN", "", "late arrival");
	assert_false(shapes_capped(other));
	shapes_merge(other, s);
	assert_true(shapes_capped(other));
	assert_int_equal(shapes_count(other), SHAPES_MAX);
	assert_true(known(other, "WARN", "", "late arrival"));
	shapes_free(other);

	/* A capped source makes the merge capped; so does set_capped. */
	other = shapes_new();
	shapes_merge(other, s);
	assert_true(shapes_capped(other));
	shapes_free(other);
	other = shapes_new();
	shapes_set_capped(other);
	assert_true(shapes_capped(other));
	assert_int_equal(shapes_count(other), 0);
	shapes_free(other);

	/* shapes_add_text past the cap adds nothing, and is no error. */
	{
		size_t at = 0;
		const char *cause = NULL;
		assert_int_equal(shapes_add_text(s, "INFO", "", "brand new",
		    &at, &cause), 0);
		assert_int_equal(shapes_count(s), SHAPES_MAX);
	}
	shapes_free(s);
}

static void
test_shapes_text(void **state)
{
	shapes *s = shapes_new(), *again = shapes_new();
	const char *level, *emoji, *cause = NULL;
	char *text;
	size_t at = 0;

	(void)state;
	/* Tokens that look like the many marker or escapes get a backslash. */
	add(s, "INFO", "🚀", "\\path <*> x");
	add(s, "INFO", "🚀", "\\path <*> y");
	assert_true(shapes_get(s, 0, &level, &emoji, &text));
	assert_string_equal(level, "INFO");
	assert_string_equal(emoji, "🚀");
	assert_string_equal(text, "\\\\path \\<*> <*>");
	/* Read back, the text is the same group. */
	assert_int_equal(shapes_add_text(again, level, emoji, text, &at,
	    &cause), 0);
	assert_int_equal(shapes_add_text(again, level, emoji, text, &at,
	    &cause), 1);
	free(text);
	assert_groups(again, "INFO|🚀|\\\\path \\<*> <*>\n");
	assert_true(known(again, "INFO", "🚀", "\\path <*> z"));
	assert_false(known(again, "INFO", "🚀", "\\path x z"));

	/* What is not a shape, with where and why. */
	assert_int_equal(shapes_add_text(again, "INFO", "", "a  b", &at,
	    &cause), -1);
	assert_int_equal(at, 2);
	assert_string_equal(cause, "a shape's tokens are separated by single "
	    "spaces (an empty token here)");
	assert_int_equal(shapes_add_text(again, "INFO", "", "a\tb", &at,
	    &cause), -1);
	assert_int_equal(at, 1);
	assert_int_equal(shapes_add_text(again, "INFO", "", "<*> b", &at,
	    &cause), -1);
	assert_int_equal(at, 0);
	assert_string_equal(cause, "the first token of a shape is part of its "
	    "key and cannot be <*>");
	assert_int_equal(shapes_add_text(again, "INFO", "", "a \\b", &at,
	    &cause), -1);
	assert_int_equal(at, 2);
	assert_string_equal(cause, "a backslash at the start of a token "
	    "escapes only <*> or a backslash");
	assert_int_equal(shapes_count(again), 1);
	shapes_free(s);
	shapes_free(again);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes_grouping),
		cmocka_unit_test(test_shapes_many_positions),
		cmocka_unit_test(test_shapes_order_independent),
		cmocka_unit_test(test_shapes_merge_is_union),
		cmocka_unit_test(test_shapes_cap),
		cmocka_unit_test(test_shapes_text),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
