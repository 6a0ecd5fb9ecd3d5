/* Unit tests for keyschema: keys, presence, types, places and roles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "learn/keyschema.h"

static keyschema *
schema_of(rules_decode decode, const char *const *lines)
{
	keyschema *ks = keyschema_new(decode);

	for (size_t i = 0; lines[i] != NULL; i++)
		keyschema_add(ks, lines[i], strlen(lines[i]));
	keyschema_finish(ks);
	return ks;
}

static const keyschema_key *
key_of(const keyschema *ks, const char *name)
{
	int i = keyschema_find(ks, name);

	assert_true(i >= 0);
	return &ks->keys[i];
}

static const char *
role(const keyschema *ks, int index)
{
	return index < 0 ? "(none)" : ks->keys[index].name;
}

/* pino's records: numeric levels, epoch milliseconds, nested objects. */
static void
test_json_pino(void **state)
{
	static const char *const lines[] = {
		"{\"level\":30,\"time\":1796594600990,\"pid\":1,"
		    "\"hostname\":\"vm\",\"port\":8080,"
		    "\"msg\":\"service starting\"}",
		"{\"level\":20,\"time\":1796594601001,\"pid\":1,"
		    "\"hostname\":\"vm\",\"msg\":\"config loaded\"}",
		"{\"level\":30,\"time\":1796594601004,\"pid\":1,"
		    "\"hostname\":\"vm\",\"req\":{\"id\":\"r-1\","
		    "\"level\":\"DEBUG\"},\"duration_ms\":13.5,"
		    "\"msg\":\"request handled\"}",
		"{\"level\":40,\"time\":1796594601010,\"pid\":1,"
		    "\"hostname\":\"vm\",\"req\":{\"id\":\"r-2\","
		    "\"level\":\"DEBUG\"},\"duration_ms\":1506,"
		    "\"msg\":\"slow request\"}",
		"not json at all",
		"{\"level\":30,",
		NULL
	};
	keyschema *ks = schema_of(RULES_DECODE_JSON, lines);
	const keyschema_key *key;

	(void)state;
	assert_int_equal(ks->lines, 6);
	assert_int_equal(ks->records, 4);
	assert_int_equal(ks->broken, 1);
	assert_string_equal(role(ks, ks->time_key), "time");
	assert_string_equal(ks->time_format, "epoch-ms");
	assert_string_equal(role(ks, ks->level_key), "level");
	assert_string_equal(role(ks, ks->message_key), "msg");

	key = key_of(ks, "level");
	assert_int_equal(key->present, 4);
	assert_int_equal(key->types[KEYSCHEMA_INTEGER], 4);
	assert_int_equal(key->value_count, 3);
	assert_int_equal(key->at[0], 4);
	key = key_of(ks, "req/level");
	assert_int_equal(key->depth, 2);
	assert_int_equal(key->present, 2);
	assert_int_equal(keyschema_usual_place(key), -1);
	/* msg is at places 5, 4, 6 and 6 (0 first): 6 twice. */
	assert_int_equal(keyschema_usual_place(key_of(ks, "msg")), 6);
	assert_int_equal(keyschema_usual_place(key_of(ks, "time")), 1);
	key = key_of(ks, "duration_ms");
	assert_int_equal(key->types[KEYSCHEMA_NUMBER], 1);
	assert_int_equal(key->types[KEYSCHEMA_INTEGER], 1);
	assert_int_equal(keyschema_types(key), RULES_TYPE_NUMBER |
	    RULES_TYPE_INTEGER);
	assert_int_equal(keyschema_types(key_of(ks, "req")),
	    RULES_TYPE_OBJECT);
	assert_int_equal(key_of(ks, "msg")->present, 4);

	/* level, time, pid, hostname lead every record. */
	assert_int_equal(ks->order_count, 4);
	assert_string_equal(ks->keys[ks->order[0]].name, "level");
	assert_string_equal(ks->keys[ks->order[3]].name, "hostname");
	keyschema_free(ks);
}

/* Roles come from values: names only break ties. */
static void
test_json_roles_by_value(void **state)
{
	static const char *const lines[] = {
		"{\"level\":\"x\",\"when\":\"2026-12-06 22:03:50,796\","
		    "\"sev\":\"WARNING\",\"caller\":\"main.go:10\","
		    "\"text\":\"disk is almost full\"}",
		"{\"level\":\"x\",\"when\":\"2026-12-06 22:03:51,001\","
		    "\"sev\":\"INFO\",\"caller\":\"main.go:12\","
		    "\"text\":\"user 7 logged in\"}",
		"{\"level\":\"x\",\"when\":\"2026-12-06 22:03:52,123\","
		    "\"sev\":\"ERROR\",\"caller\":\"main.go:99\","
		    "\"text\":\"payment failed for order 1010\"}",
		NULL
	};
	keyschema *ks = schema_of(RULES_DECODE_JSON, lines);

	(void)state;
	assert_string_equal(role(ks, ks->time_key), "when");
	assert_string_equal(ks->time_format, "%Y-%m-%d %H:%M:%S,%3N");
	assert_string_equal(role(ks, ks->level_key), "sev");
	assert_string_equal(role(ks, ks->message_key), "text");
	keyschema_free(ks);
}

/* slog's text handler: logfmt, levels as words, bare and quoted values. */
static void
test_logfmt_slog(void **state)
{
	static const char *const lines[] = {
		"time=2026-12-06T22:05:10.241Z level=INFO "
		    "msg=\"service starting\" port=8080 ok",
		"time=2026-12-06T22:05:10.244Z level=DEBUG "
		    "msg=\"config loaded\" config.db.pool=5 a/b=1",
		"time=2026-12-06T22:05:10.248Z level=WARN "
		    "msg=\"slow \\\"request\\\"\" duration_ms=13.5",
		"time=2026-12-06T22:05:10.250Z level=ERROR+4 msg=\"open",
		"plain text line",
		NULL
	};
	keyschema *ks = schema_of(RULES_DECODE_LOGFMT, lines);
	const keyschema_key *key;

	(void)state;
	assert_int_equal(ks->records, 3);
	assert_int_equal(ks->broken, 1);
	assert_string_equal(role(ks, ks->time_key), "time");
	assert_string_equal(ks->time_format, "%Y-%m-%dT%H:%M:%S.%3N%z");
	assert_string_equal(role(ks, ks->level_key), "level");
	assert_string_equal(role(ks, ks->message_key), "msg");
	key = key_of(ks, "port");
	assert_int_equal(key->types[KEYSCHEMA_INTEGER], 1);
	key = key_of(ks, "ok");
	assert_int_equal(key->types[KEYSCHEMA_BOOLEAN], 1);
	key = key_of(ks, "duration_ms");
	assert_int_equal(key->types[KEYSCHEMA_NUMBER], 1);
	key = key_of(ks, "config.db.pool");
	assert_int_equal(key->depth, 1);
	/* A '/' in a logfmt key is no nesting: escaped as in a path. */
	assert_int_equal(key_of(ks, "a~1b")->depth, 1);
	/* The escaped quotes are decoded before the value is kept. */
	key = key_of(ks, "msg");
	assert_string_equal(key->values[2], "slow \"request\"");
	assert_int_equal(ks->order_count, 3);
	assert_string_equal(ks->keys[ks->order[2]].name, "msg");
	keyschema_free(ks);
}

/* Epoch seconds with a fraction; a '/' and a '~' in a key escaped. */
static void
test_json_epoch_and_paths(void **state)
{
	static const char *const lines[] = {
		"{\"ts\":1796594758.9822404,\"a/b\":{\"c~d\":1},"
		    "\"event\":\"one thing\",\"level\":\"info\"}",
		"{\"ts\":1796594758.99,\"a/b\":{\"c~d\":2},\"\":0,"
		    "\"event\":\"another thing\",\"level\":\"error\"}",
		NULL
	};
	keyschema *ks = schema_of(RULES_DECODE_JSON, lines);

	(void)state;
	assert_string_equal(role(ks, ks->time_key), "ts");
	assert_string_equal(ks->time_format, "epoch-s");
	assert_int_equal(key_of(ks, "a~1b/c~0d")->present, 2);
	assert_int_equal(keyschema_find(ks, "a/b"), -1);
	assert_true(keyschema_nameable(key_of(ks, "a~1b")));
	/* A key "" is counted, but no rule file can name it. */
	assert_int_equal(key_of(ks, "")->present, 1);
	assert_false(keyschema_nameable(key_of(ks, "")));
	assert_string_equal(role(ks, ks->message_key), "event");
	keyschema_free(ks);
}

/* Without records there are no roles; the sniff tells the formats. */
static void
test_sniff_and_empty(void **state)
{
	static const char *const lines[] = { "hello", "", NULL };
	keyschema *ks = schema_of(RULES_DECODE_JSON, lines);

	(void)state;
	assert_int_equal(ks->records, 0);
	assert_int_equal(ks->time_key, -1);
	assert_int_equal(ks->level_key, -1);
	assert_int_equal(ks->message_key, -1);
	assert_int_equal(ks->order_count, 0);
	keyschema_free(ks);
	keyschema_free(NULL);
	assert_int_equal(keyschema_sniff("  {\"a\":1}", 9), RULES_DECODE_JSON);
	assert_int_equal(keyschema_sniff("a=1 b=2", 7), RULES_DECODE_LOGFMT);
	assert_int_equal(keyschema_sniff("2026-12-06 INFO x=1", 19),
	    RULES_DECODE_TEXT);
	assert_int_equal(keyschema_sniff("=1", 2), RULES_DECODE_TEXT);
	assert_string_equal(keyschema_type_name(KEYSCHEMA_INTEGER), "integer");
	assert_null(keyschema_type_name(KEYSCHEMA_TYPES));
}

/* Hostile records: too many keys, a key too long; the rest still count. */
static void
test_bounds(void **state)
{
	keyschema *ks = keyschema_new(RULES_DECODE_JSON);
	char *line = malloc(64 * 1024), *p = line;
	char *long_key = malloc(KEYSCHEMA_KEY_MAX + 16);

	(void)state;
	p += sprintf(p, "{");
	for (int i = 0; i < KEYSCHEMA_MAX_KEYS + 88; i++)
		p += sprintf(p, "%s\"k%d\":%d", i > 0 ? "," : "", i, i);
	sprintf(p, "}");
	assert_int_equal(keyschema_add(ks, line, strlen(line)), 1);
	assert_int_equal(ks->key_count, KEYSCHEMA_MAX_KEYS);
	assert_int_equal(ks->dropped_keys, 88);
	keyschema_free(ks);

	ks = keyschema_new(RULES_DECODE_LOGFMT);
	memset(long_key, 'k', KEYSCHEMA_KEY_MAX + 1);
	long_key[KEYSCHEMA_KEY_MAX + 1] = '\0';
	sprintf(line, "a=1 %s=2 level=info", long_key);
	assert_int_equal(keyschema_add(ks, line, strlen(line)), 1);
	assert_int_equal(ks->key_count, 2);
	assert_int_equal(ks->dropped_keys, 1);
	keyschema_free(ks);
	free(long_key);
	free(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_pino),
		cmocka_unit_test(test_json_roles_by_value),
		cmocka_unit_test(test_logfmt_slog),
		cmocka_unit_test(test_json_epoch_and_paths),
		cmocka_unit_test(test_sniff_and_empty),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
