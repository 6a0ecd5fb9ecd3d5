/*
 * Unit tests for the structured decoders (json.c, logfmt.c, keyed.c),
 * the keys of the rule language that drive them (rules_keys.c) and the
 * epoch formats of timefmt: a record's keys become fields with values
 * and positions, and its problems are findings at their columns.
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
#include "decode/timefmt.h"

#define ROCKET		"\xf0\x9f\x9a\x80"		/* U+1F680 */

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

static const decode_result *
decode(fixture *fx, const char *text)
{
	decode_input in = { text, strlen(text), true, SIZE_MAX };

	decoder_decode(fx->decoder, &in, &fx->res);
	return &fx->res;
}

static void
assert_value(const decode_field *f, const char *value, size_t at)
{
	assert_int_equal(f->len, strlen(value));
	assert_memory_equal(f->text, value, f->len);
	assert_int_equal(f->at, at);
}

static decode_field
field(fixture *fx, const char *name)
{
	decode_field f;
	int index = decoder_field_index(fx->decoder, name);

	assert_true(index >= 0);
	decoder_field(fx->decoder, index, &fx->res, &f);
	return f;
}

/* The problem ids of the last record, as "id@at id@at". */
static char *
problems(const decode_result *res)
{
	static char out[400];
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < res->problem_count; i++)
		used += (size_t)snprintf(out + used, sizeof out - used,
		    "%s%d@%zu", i ? " " : "", (int)res->problems[i].id,
		    res->problems[i].at);
	return out;
}

#define JSON_RULES "format: t\ndecode: json\n" \
	"time: { key: ts, format: epoch-ms }\n" \
	"level-key: log.level\nmessage-key: msg\n" \
	"keys:\n  pid: { type: integer }\n  gone: { presence: forbidden }\n" \
	"  opt: { presence: optional, type: [string, null] }\n" \
	"key-order: [ts, log.level]\n"

static void
test_json_fields(void **state)
{
	fixture *fx = fixture_new(JSON_RULES);
	const char *line = "{\"ts\":1796594600990,\"log.level\":\"info\","
	    "\"pid\":7,\"msg\":\"deploy \\ud83d\\ude80 done\","
	    "\"req\":{\"level\":\"DEBUG\",\"a\":[1,{\"b\":2}]},"
	    "\"log\":{\"level\":\"nested\"}}";
	const decode_result *res = decode(fx, line);

	(void)state;
	assert_int_equal(res->status, DECODE_OK);
	assert_int_equal(res->problem_count, 0);
	assert_value(&res->time, "1796594600990", 6);
	/* A flat dotted key is the key itself, not log/level. */
	assert_value(&res->level, "info", 33);
	/* Escapes and a surrogate pair are decoded; at is the raw string. */
	assert_value(&res->message, "deploy " ROCKET " done", 54);
	assert_int_equal(res->message.span, 24);
	decode_field f = field(fx, "req/level");
	assert_value(&f, "DEBUG", 96);
	f = field(fx, "log/level");
	assert_value(&f, "nested", 136);
	f = field(fx, "req/a");
	assert_value(&f, "[1,{\"b\":2}]", 107);
	f = field(fx, "req/nosuch");
	assert_int_equal(f.at, DECODE_ABSENT);
	f = field(fx, "pid");
	assert_value(&f, "7", 45);
	fixture_free(fx);
}

static void
test_json_problems(void **state)
{
	fixture *fx = fixture_new(JSON_RULES);
	const decode_result *res;
	char want[200];

	(void)state;
	/* Missing level, pid a string, a forbidden key, out of order. */
	res = decode(fx, "{\"pid\":\"7\",\"ts\":1,\"gone\":1,\"msg\":\"m\"}");
	assert_int_equal(res->status, DECODE_OK);
	snprintf(want, sizeof want, "%d@8 %d@19 %d@0 %d@2",
	    FINDING_KEY_TYPE, FINDING_KEY_FORBIDDEN, FINDING_KEY_MISSING,
	    FINDING_KEY_ORDER);
	assert_string_equal(problems(res), want);
	/* A duplicate at the second, with the first's column. */
	res = decode(fx, "{\"ts\":1,\"log.level\":\"i\",\"ts\":2,\"pid\":1,"
	    "\"msg\":\"m\"}");
	snprintf(want, sizeof want, "%d@25", FINDING_DUPLICATE_KEY);
	assert_string_equal(problems(res), want);
	assert_non_null(strstr(res->problems[0].message, "column 3"));
	/* Broken JSON: where it breaks. */
	res = decode(fx, "{\"ts\":1,\"log.level\" \"i\"}");
	assert_int_equal(res->status, DECODE_BROKEN);
	snprintf(want, sizeof want, "%d@20", FINDING_JSON_SYNTAX);
	assert_string_equal(problems(res), want);
	res = decode(fx, "{\"ts\":1} x");
	assert_int_equal(res->status, DECODE_BROKEN);
	res = decode(fx, "{\"ts\":01}");
	assert_int_equal(res->status, DECODE_BROKEN);
	res = decode(fx, "{\"ts\":\"a\tb\"}");
	assert_int_equal(res->status, DECODE_BROKEN);
	/* Lone surrogates and NULs are findings; the record still reads. */
	res = decode(fx, "{\"ts\":1,\"log.level\":\"i\",\"pid\":1,"
	    "\"msg\":\"\\ud800 \\u0000\"}");
	assert_int_equal(res->status, DECODE_OK);
	snprintf(want, sizeof want, "%d@39 %d@46", FINDING_STRING_ESCAPE,
	    FINDING_STRING_ESCAPE);
	assert_string_equal(problems(res), want);
	/* A top-level key's escapes are decoded before it is compared. */
	res = decode(fx, "{\"\\u0074s\":5,\"log.level\":\"i\",\"pid\":1,"
	    "\"msg\":\"m\"}");
	assert_string_equal(problems(res), "");
	assert_value(&res->time, "5", 11);
	/* Not an object: foreign. */
	assert_int_equal(decode(fx, "[1,2]")->status, DECODE_FOREIGN);
	assert_int_equal(decode(fx, "")->status, DECODE_FOREIGN);
	assert_int_equal(decode(fx, "plain text")->status, DECODE_FOREIGN);
	assert_int_equal(decode(fx, "{")->status, DECODE_BROKEN);
	/* An indented brace is text, such as a traceback's source line. */
	assert_int_equal(decode(fx, "    {}[\"missing\"]")->status,
	    DECODE_FOREIGN);
	fixture_free(fx);
}

static void
test_json_deep(void **state)
{
	fixture *fx = fixture_new(JSON_RULES);
	size_t depth = 100000;
	char *line = malloc(2 * depth + 16);
	char want[40];

	(void)state;
	assert_non_null(line);
	strcpy(line, "{\"a\":");
	memset(line + 5, '[', depth);
	memset(line + 5 + depth, ']', depth);
	strcpy(line + 5 + 2 * depth, "}");
	const decode_result *res = decode(fx, line);
	assert_int_equal(res->status, DECODE_BROKEN);
	/* The 512th bracket is the 513th level, the object counting. */
	snprintf(want, sizeof want, "%d@516", FINDING_DECODE_LIMIT);
	assert_string_equal(problems(res), want);
	free(line);
	fixture_free(fx);
}

#define LOGFMT_RULES "format: t\ndecode: logfmt\n" \
	"time: { key: time, format: '%Y-%m-%dT%H:%M:%S.%3NZ' }\n" \
	"level-key: level\nmessage-key: msg\n" \
	"keys: { port: { type: integer }, ok: { presence: optional, " \
	"type: boolean } }\n"

static void
test_logfmt(void **state)
{
	fixture *fx = fixture_new(LOGFMT_RULES);
	const decode_result *res;
	char want[40];

	(void)state;
	res = decode(fx, "time=2026-12-06T22:05:10.241Z level=INFO "
	    "msg=\"a \\\"b\\\" \\u00e9\\n\" port=8080 req.level=DEBUG ok");
	assert_int_equal(res->status, DECODE_OK);
	assert_string_equal(problems(res), "");
	assert_value(&res->time, "2026-12-06T22:05:10.241Z", 5);
	assert_value(&res->level, "INFO", 36);
	assert_value(&res->message, "a \"b\" \xc3\xa9\n", 46);
	decode_field f = field(fx, "req.level");
	assert_value(&f, "DEBUG", 84);
	f = field(fx, "ok");
	assert_int_equal(f.len, 0);
	res = decode(fx, "time=x level=INFO msg=\"open port=1");
	assert_int_equal(res->status, DECODE_BROKEN);
	snprintf(want, sizeof want, "%d@22", FINDING_LOGFMT_SYNTAX);
	assert_string_equal(problems(res), want);
	res = decode(fx, "time=x level=INFO msg=m port=80a");
	snprintf(want, sizeof want, "%d@29", FINDING_KEY_TYPE);
	assert_string_equal(problems(res), want);
	assert_int_equal(decode(fx, "{\"a\":1}")->status, DECODE_FOREIGN);
	assert_int_equal(decode(fx, "INFO starting")->status, DECODE_FOREIGN);
	fixture_free(fx);
}

static void
expect_error(const char *text, unsigned long line, const char *part)
{
	lc_error err;
	rules *r = rules_load_text("test.yaml", text, strlen(text), &err);

	assert_null(r);
	assert_int_equal(err.line, line);
	if (strstr(err.text, part) == NULL)
		fail_msg("'%s' lacks '%s'", err.text, part);
}

static void
test_rules_errors(void **state)
{
	(void)state;
	expect_error("format: t\nline: x\nkeys: { a: {} }\n", 3,
	    "'keys' needs 'decode: json' or 'decode: logfmt'");
	expect_error("format: t\ndecode: json\nline: x\n", 3, "has no 'line'");
	expect_error("format: t\ndecode: json\nkeys: { 'a//b': {} }\n", 3,
	    "bad key path 'a//b'");
	expect_error("format: t\ndecode: json\nkeys: { 'a~2': {} }\n", 3,
	    "bad key path");
	expect_error("format: t\ndecode: json\nkeys: { a: { type: text } }\n",
	    3, "'type'");
	expect_error("format: t\ndecode: json\ntime: '%H'\n", 3,
	    "{ key: KEY, format: FORMAT }");
	expect_error("format: t\ndecode: json\ntime: { key: t, format: "
	    "'%Q' }\n", 3, "invalid time format");
	expect_error("format: t\ndecode: json\nlevels: [a]\n", 3,
	    "'levels' needs 'level-key'");
	expect_error("format: t\ndecode: json\nkey-order: [a, a]\n", 3,
	    "'a' is in 'key-order' twice");
	expect_error("format: t\ndecode: yaml\n", 2, "'decode'");
}

static void
test_epoch(void **state)
{
	timefmt_value v;
	const char *why;
	size_t at;
	char *cause = NULL;
	size_t offset;
	timefmt *ms = timefmt_compile("epoch-ms", &cause, &offset);
	timefmt *s = timefmt_compile("epoch-s", &cause, &offset);
	timefmt *ns = timefmt_compile("epoch-ns", &cause, &offset);

	(void)state;
	assert_non_null(ms);
	assert_true(timefmt_parse(ms, "1796594600990", 13, &v, &why, &at));
	assert_int_equal(v.epoch, 1796594600);
	assert_int_equal(v.nanosecond, 990000000);
	assert_true(timefmt_parse(ms, "1796594600990.5", 15, &v, &why, &at));
	assert_int_equal(v.nanosecond, 990500000);
	assert_true(timefmt_parse(s, "1796594758.9822404", 18, &v, &why,
	    &at));
	assert_int_equal(v.epoch, 1796594758);
	assert_int_equal(v.nanosecond, 982240400);
	assert_true(timefmt_parse(ns, "1796594600123456789", 19, &v, &why,
	    &at));
	assert_int_equal(v.nanosecond, 123456789);
	assert_int_equal(timefmt_order_key(ns, &v),
	    INT64_C(1796594600123456789));
	assert_false(timefmt_parse(s, "2026-12-06", 10, &v, &why, &at));
	assert_int_equal(at, 4);
	assert_false(timefmt_parse(s, "1.", 2, &v, &why, &at));
	assert_false(timefmt_parse(s, "", 0, &v, &why, &at));
	assert_false(timefmt_parse(s, "99999999999999999999999", 23, &v, &why,
	    &at));
	assert_true(timefmt_has_date(s));
	timefmt_free(ms);
	timefmt_free(s);
	timefmt_free(ns);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_json_problems),
		cmocka_unit_test(test_json_deep),
		cmocka_unit_test(test_logfmt),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_epoch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
