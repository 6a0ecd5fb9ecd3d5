/*
 * keyed: the fields and key checks of structured records; see keyed.h.
 * This is the hot path of json and logfmt rules: a record allocates
 * nothing once the tables have grown, unless a value holds an escape.
 */
#include "decode/keyed.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Past this many members, duplicates are found by hashing. */
#define KEYED_SMALL	12

static const decode_field keyed_absent = { "", 0, DECODE_ABSENT, 0 };

void
keyed_init(keyed *k, const rules *r, const keyed_syntax *syntax)
{
	const rules_keys *keys = r->keys;

	memset(k, 0, sizeof *k);
	k->rules = r;
	k->keys = keys;
	k->syntax = syntax;
	k->fields = xcalloc(keys->key_count, sizeof *k->fields);
	for (size_t i = 0; i < keys->key_count; i++) {
		/* rules_keys_load has read each path once already. */
		(void)rules_keys_path(keys->keys[i].name, &k->fields[i].key);
		k->fields[i].key.name = xstrdup(keys->keys[i].name);
	}
	k->field_count = keys->key_count;
}

void
keyed_clear(keyed *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->field_count; i++) {
		rules_key *key = &k->fields[i].key;
		for (size_t d = 0; d < key->depth; d++)
			free(key->path[d]);
		free(key->path);
		free(key->path_lens);
		free(key->name);
		free(k->fields[i].owned);
	}
	free(k->fields);
	free(k->members);
	free(k->slots);
}

void
keyed_begin(keyed *k, const char *text, size_t len, decode_result *res)
{
	k->text = text;
	k->len = len;
	k->generation++;
	k->member_count = 0;
	k->problem_count = 0;
	res->text = text;
	res->len = len;
	res->limit_message = res->limit_short = NULL;
	res->time = res->level = res->message = keyed_absent;
	res->problems = NULL;
	res->problem_count = 0;
}

keyed_member *
keyed_member_add(keyed *k)
{
	if (k->member_count == k->member_cap) {
		k->member_cap = k->member_cap ? 2 * k->member_cap : 16;
		k->members = xreallocarray(k->members, k->member_cap,
		    sizeof *k->members);
	}
	keyed_member *m = &k->members[k->member_count++];
	memset(m, 0, sizeof *m);
	return m;
}

void
keyed_problem(keyed *k, finding_id id, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (k->problem_count == KEYED_MAX_PROBLEMS)
		return;
	size_t n = k->problem_count++;
	va_start(ap, fmt);
	vsnprintf(k->messages[n], sizeof k->messages[n], fmt, ap);
	va_end(ap);
	k->problems[n] = (decode_problem){ id, at, k->messages[n] };
}

const char *
keyed_type_name(unsigned type)
{
	if (type & RULES_TYPE_STRING)
		return "a string";
	if (type & RULES_TYPE_INTEGER)
		return "an integer";
	if (type & RULES_TYPE_NUMBER)
		return "a number";
	if (type & RULES_TYPE_BOOLEAN)
		return "a boolean";
	if (type & RULES_TYPE_OBJECT)
		return "an object";
	if (type & RULES_TYPE_ARRAY)
		return "an array";
	return "null";
}

/* A key or value for a message: short, and safe to print. */
static char *
keyed_quote(const keyed *k, size_t at, size_t len)
{
	return utf8_excerpt(k->text + at, len, 0, 40, NULL);
}

static inline bool
keyed_same_key(const keyed *k, const keyed_member *m, const char *name,
    size_t len)
{
	return m->key_len == len && memcmp(k->text + m->key_at, name, len) ==
	    0;
}

/* Whether member m's key, its escapes decoded, is name. */
static bool
keyed_key_is(keyed *k, const keyed_member *m, const char *name, size_t len)
{
	keyed_member key = { .value_at = m->key_at, .value_len = m->key_len,
	    .value_escaped = true };
	size_t decoded_len;
	char *decoded;
	bool same;

	if (!m->key_escaped)
		return keyed_same_key(k, m, name, len);
	decoded = k->syntax->unescape(k, &key, &decoded_len);
	same = decoded != NULL && decoded_len == len &&
	    memcmp(decoded, name, len) == 0;
	free(decoded);
	return same;
}

/* Find field f in the record: its member and its place. */
static void
keyed_resolve(keyed *k, keyed_slot *f)
{
	const rules_key *key = &f->key;
	size_t i;

	f->generation = k->generation;
	f->found = false;
	f->value = keyed_absent;
	for (i = 0; i < k->member_count; i++) {
		if (keyed_key_is(k, &k->members[i], key->path[0],
		    key->path_lens[0]))
			break;
	}
	if (i == k->member_count)
		return;
	f->member = i;
	f->at = k->members[i];
	for (size_t d = 1; d < key->depth; d++) {
		keyed_member child;
		if (k->syntax->child == NULL || !k->syntax->child(k, &f->at,
		    key->path[d], key->path_lens[d], &child))
			return;
		f->at = child;
	}
	f->found = true;
	f->value.at = f->at.value_at;
	f->value.span = f->at.value_len;
	f->value.text = k->text + f->at.value_at;
	f->value.len = f->at.value_len;
	if (f->at.value_escaped) {
		size_t len;
		char *text = k->syntax->unescape(k, &f->at, &len);
		if (text != NULL) {
			free(f->owned);
			f->owned = text;
			f->value.text = text;
			f->value.len = len;
		}
	}
}

static inline keyed_slot *
keyed_get(keyed *k, size_t index)
{
	keyed_slot *f = &k->fields[index];

	if (f->generation != k->generation)
		keyed_resolve(k, f);
	return f;
}

int
keyed_field_index(keyed *k, const char *name)
{
	for (size_t i = 0; i < k->field_count; i++) {
		if (strcmp(k->fields[i].key.name, name) == 0)
			return (int)i;
	}
	keyed_slot f = { 0 };
	if (!rules_keys_path(name, &f.key)) {
		for (size_t d = 0; d < f.key.depth; d++)
			free(f.key.path[d]);
		free(f.key.path);
		free(f.key.path_lens);
		return -1;
	}
	f.key.name = xstrdup(name);
	k->fields = xreallocarray(k->fields, k->field_count + 1,
	    sizeof *k->fields);
	k->fields[k->field_count] = f;
	return (int)k->field_count++;
}

void
keyed_field(keyed *k, int index, decode_field *field)
{
	if (index < 0 || (size_t)index >= k->field_count) {
		*field = keyed_absent;
		return;
	}
	*field = keyed_get(k, (size_t)index)->value;
}

static uint32_t
keyed_hash(const char *bytes, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)bytes[i]) * 16777619u;
	return h;
}

static void
keyed_duplicate(keyed *k, const keyed_member *first, const keyed_member *again)
{
	char *shown;

	/* A line of a million repeats: the ones past the kept are dropped. */
	if (k->problem_count == KEYED_MAX_PROBLEMS)
		return;
	shown = keyed_quote(k, again->key_at, again->key_len);
	keyed_problem(k, FINDING_DUPLICATE_KEY, again->key_at, "duplicate key "
	    "'%s' (first at column %zu)", shown, first->key_at + 1);
	free(shown);
}

/* Keys the record holds twice, at the top level. */
static void
keyed_duplicates(keyed *k)
{
	size_t count = k->member_count;

	if (count <= KEYED_SMALL) {
		for (size_t i = 1; i < count; i++) {
			const keyed_member *m = &k->members[i];
			for (size_t j = 0; j < i; j++) {
				if (keyed_same_key(k, &k->members[j],
				    k->text + m->key_at, m->key_len)) {
					keyed_duplicate(k, &k->members[j], m);
					break;
				}
			}
		}
		return;
	}
	size_t cap = 64;
	while (cap < 2 * count)
		cap *= 2;
	if (cap > k->slot_cap) {
		k->slots = xreallocarray(k->slots, cap, sizeof *k->slots);
		k->slot_cap = cap;
	}
	memset(k->slots, 0, cap * sizeof *k->slots);
	for (size_t i = 0; i < count; i++) {
		const keyed_member *m = &k->members[i];
		size_t slot = keyed_hash(k->text + m->key_at, m->key_len) &
		    (cap - 1);
		for (;; slot = (slot + 1) & (cap - 1)) {
			uint32_t other = k->slots[slot];
			if (other == 0) {
				k->slots[slot] = (uint32_t)i + 1;
				break;
			}
			if (keyed_same_key(k, &k->members[other - 1],
			    k->text + m->key_at, m->key_len)) {
				keyed_duplicate(k, &k->members[other - 1], m);
				break;
			}
		}
	}
}

/* Presence and types of the rules' keys. */
static void
keyed_schema(keyed *k)
{
	const rules_keys *keys = k->keys;

	for (size_t i = 0; i < keys->key_count; i++) {
		const rules_key *rk = &keys->keys[i];
		keyed_slot *f = keyed_get(k, i);
		if (!f->found) {
			if (rk->presence == RULES_KEY_REQUIRED)
				keyed_problem(k, FINDING_KEY_MISSING, 0,
				    "required key '%s' is missing", rk->name);
			continue;
		}
		if (rk->presence == RULES_KEY_FORBIDDEN) {
			keyed_problem(k, FINDING_KEY_FORBIDDEN, f->at.key_at,
			    "key '%s' is forbidden", rk->name);
			continue;
		}
		if (rk->types != 0 && (rk->types & f->at.type) == 0) {
			keyed_problem(k, FINDING_KEY_TYPE, f->at.value_at,
			    "key '%s' is %s, not %s", rk->name,
			    keyed_type_name(f->at.type),
			    keyed_type_name(rk->types));
		}
	}
}

/* The record's first keys must be those of `key-order`, in its order. */
static void
keyed_order(keyed *k)
{
	const rules_keys *keys = k->keys;
	size_t place = 0;

	for (size_t i = 0; i < keys->order_count; i++) {
		keyed_slot *f = keyed_get(k, keys->order[i]);
		if (!f->found || f->key.depth != 1)
			continue;
		if (f->member != place) {
			const keyed_member *there = &k->members[place];
			char *shown = keyed_quote(k, there->key_at,
			    there->key_len);
			keyed_problem(k, FINDING_KEY_ORDER, there->key_at,
			    "key '%s' comes where 'key-order' puts '%s'",
			    shown, keys->keys[keys->order[i]].name);
			free(shown);
			return;
		}
		place++;
	}
}

void
keyed_finish(keyed *k, decode_result *res)
{
	const rules_keys *keys = k->keys;

	keyed_duplicates(k);
	keyed_schema(k);
	if (keys->order_count > 0)
		keyed_order(k);
	if (keys->time_key >= 0)
		res->time = keyed_get(k, (size_t)keys->time_key)->value;
	if (keys->level_key >= 0)
		res->level = keyed_get(k, (size_t)keys->level_key)->value;
	if (keys->message_key >= 0)
		res->message = keyed_get(k, (size_t)keys->message_key)->value;
	res->status = DECODE_OK;
	res->problems = k->problems;
	res->problem_count = k->problem_count;
	res->members = k;
}

void
keyed_broken(keyed *k, decode_result *res)
{
	res->status = DECODE_BROKEN;
	res->problems = k->problems;
	res->problem_count = k->problem_count;
}
