/*
 * Unit tests for decoder and its pattern decoder: a record becomes fields,
 * each with a value and a position in the record, whatever the judge does
 * with them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode/decoder.h"
#include "decode/pcrematch.h"
#include "decode/rules.h"

#define ROCKET		"\xf0\x9f\x9a\x80"		/* U+1F680 */

/* A rule file, its limits and its decoder. */
typedef struct {
	rules *rules;
	pcrematch *pm;
	decoder *decoder;
	decode_result res;
} fixture;

static fixture *
fixture_new(const char *text)
{
	fixture *fx = calloc(1, sizeof *fx);
	lc_error err;

	assert_non_null(fx);
	fx->rules = rules_load_text("test.yaml", text, strlen(text), &err);
	if (fx->rules == NULL)
		fail_msg("line %lu, column %lu: %s", err.line, err.column,
		    err.text);
	fx->pm = pcrematch_new(fx->rules);
	fx->decoder = decoder_new(fx->rules, fx->pm);
	return fx;
}

static void
fixture_free(fixture *fx)
{
	decoder_free(fx->decoder);
	pcrematch_free(fx->pm);
	rules_free(fx->rules);
	free(fx);
}

/* Decode a NUL-terminated record, its bytes as the judge would find them. */
static const decode_result *
decode(fixture *fx, const char *text, bool clean, size_t invalid)
{
	decode_input in = { text, strlen(text), clean, invalid };

	decoder_decode(fx->decoder, &in, &fx->res);
	return &fx->res;
}

static void
assert_field(const decode_field *f, const char *value, size_t at)
{
	assert_int_equal(f->len, strlen(value));
	assert_memory_equal(f->text, value, f->len);
	assert_int_equal(f->at, at);
	assert_int_equal(f->span, strlen(value));
}

#define LAYOUT "format: t\n" \
	"line: '^\\[(?<time>[^\\]]*)\\] (?<level>[A-Z]+): " \
	"(?<message>.*?)(?: id=(?<id>\\d+))?$'\n"

static void
test_pattern_fields(void **state)
{
	fixture *fx = fixture_new(LAYOUT);
	const char *line = "[14:03:22] INFO: " ROCKET " up id=42";
	const decode_result *res;
	decode_field f;
	int id;

	(void)state;
	assert_string_equal(decoder_name(fx->decoder), "pattern");
	res = decode(fx, line, true, SIZE_MAX);
	assert_int_equal(res->status, DECODE_OK);
	assert_ptr_equal(res->text, line);
	assert_int_equal(res->len, strlen(line));
	assert_field(&res->time, "14:03:22", 1);
	assert_field(&res->level, "INFO", 11);
	assert_field(&res->message, ROCKET " up", 17);
	assert_int_equal(res->emoji_len, strlen(ROCKET));
	/* Named fields by index, resolved once. */
	id = decoder_field_index(fx->decoder, "id");
	assert_true(id >= 0);
	decoder_field(fx->decoder, id, res, &f);
	assert_field(&f, "42", strlen(line) - 2);
	assert_int_equal(decoder_field_index(fx->decoder, "nosuch"), -1);
	decoder_field(fx->decoder, -1, res, &f);
	assert_int_equal(f.at, DECODE_ABSENT);
	assert_int_equal(f.len, 0);

	/* A group that took no part is absent, with an empty value. */
	res = decode(fx, "[1] WARN: plain", true, SIZE_MAX);
	assert_int_equal(res->status, DECODE_OK);
	assert_int_equal(res->emoji_len, 0);
	decoder_field(fx->decoder, id, res, &f);
	assert_int_equal(f.at, DECODE_ABSENT);
	assert_int_equal(f.len, 0);
	assert_non_null(f.text);
	fixture_free(fx);
}

static void
test_pattern_foreign(void **state)
{
	fixture *fx = fixture_new(LAYOUT);
	const decode_result *res;
	decode_field f;
	int level = decoder_field_index(fx->decoder, "level");

	(void)state;
	res = decode(fx, "Collecting torch", true, SIZE_MAX);
	assert_int_equal(res->status, DECODE_FOREIGN);
	assert_int_equal(res->time.at, DECODE_ABSENT);
	assert_int_equal(res->message.at, DECODE_ABSENT);
	assert_int_equal(res->emoji_len, 0);
	/* No field of a foreign record, even one the last record had. */
	decode(fx, "[1] INFO: x", true, SIZE_MAX);
	decode(fx, "Collecting torch", true, SIZE_MAX);
	decoder_field(fx->decoder, level, &fx->res, &f);
	assert_int_equal(f.at, DECODE_ABSENT);
	fixture_free(fx);
}

/* An invalid byte is mended to '?' for the match; offsets stay. */
static void
test_pattern_mended(void **state)
{
	fixture *fx = fixture_new("format: t\n"
	    "line: '^(?<level>[A-Z]+): (?<message>\\S+ ok)$'\n");
	const char line[] = "INFO: a\xff ok";
	const decode_result *res;

	(void)state;
	res = decode(fx, line, false, 7);
	assert_int_equal(res->status, DECODE_OK);
	assert_ptr_not_equal(res->text, line);
	assert_memory_equal(res->text, "INFO: a? ok", sizeof line - 1);
	assert_field(&res->message, "a? ok", 6);
	fixture_free(fx);
}

/* A runaway pattern gives up, and after a few records is not tried. */
static void
test_pattern_gave_up(void **state)
{
	fixture *fx = fixture_new("format: boom\nline: '^(a|aa)+$'\n");
	char line[5002];
	const decode_result *res;

	(void)state;
	memset(line, 'a', 5000);
	strcpy(line + 5000, "b");
	res = decode(fx, line, true, SIZE_MAX);
	assert_int_equal(res->status, DECODE_GAVE_UP);
	assert_string_equal(res->limit_message, "the line pattern gave up "
	    "on this line (PCRE2: match limit exceeded; see 'limits')");
	assert_string_equal(res->limit_short,
	    "the line pattern gave up on it");
	for (int i = 1; i < PCREMATCH_GIVE_UP_LINES; i++)
		decode(fx, line, true, SIZE_MAX);
	res = decode(fx, "aaaa", true, SIZE_MAX);
	assert_int_equal(res->status, DECODE_GAVE_UP);
	assert_string_equal(res->limit_short, "the line pattern was given up");
	assert_non_null(strstr(res->limit_message, "on 8 lines"));
	fixture_free(fx);
}

static void
test_free_null(void **state)
{
	(void)state;
	decoder_free(NULL);
	pcrematch_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pattern_fields),
		cmocka_unit_test(test_pattern_foreign),
		cmocka_unit_test(test_pattern_mended),
		cmocka_unit_test(test_pattern_gave_up),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
