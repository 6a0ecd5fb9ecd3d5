/*
 * rules_keys: the structured keys of a rule file; see rules_keys.h.
 * rules.c calls rules_keys_load once it has sorted the root's keys.
 */
#include "decode/rules_keys.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const decode_names[] = { "text", "json", "logfmt" };

const char *
rules_decode_name(rules_decode decode)
{
	return decode_names[decode];
}

enum { TIME_KEY, TIME_FORMAT, TIME_COUNT };
static const char *const time_keys[TIME_COUNT] = { "key", "format" };

enum { SPEC_PRESENCE, SPEC_TYPE, SPEC_COUNT };
static const char *const spec_keys[SPEC_COUNT] = { "presence", "type" };

static const char *const presence_names[] = {
	"required", "optional", "forbidden"
};
static const char *const type_names[RULES_TYPE_COUNT] = {
	"string", "number", "integer", "boolean", "object", "array", "null"
};
static const unsigned type_bits[RULES_TYPE_COUNT] = {
	RULES_TYPE_STRING, RULES_TYPE_NUMBER | RULES_TYPE_INTEGER,
	RULES_TYPE_INTEGER, RULES_TYPE_BOOLEAN, RULES_TYPE_OBJECT,
	RULES_TYPE_ARRAY, RULES_TYPE_NULL
};

const char *
rules_type_name(size_t i)
{
	return i < RULES_TYPE_COUNT ? type_names[i] : NULL;
}

unsigned
rules_type_allows(size_t i)
{
	return i < RULES_TYPE_COUNT ? type_bits[i] : 0;
}

bool
rules_keys_path(const char *name, rules_key *key)
{
	size_t len = strlen(name), depth = 1;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		depth += name[i] == '/';
	key->path = xcalloc(depth, sizeof *key->path);
	key->path_lens = xcalloc(depth, sizeof *key->path_lens);
	key->depth = 0;
	for (const char *p = name;;) {
		const char *slash = strchr(p, '/');
		size_t part = slash != NULL ? (size_t)(slash - p) : strlen(p);
		char *out = xmalloc(part + 1), *end = out;
		for (size_t i = 0; i < part; i++) {
			if (p[i] != '~') {
				*end++ = p[i];
				continue;
			}
			if (i + 1 >= part || (p[i + 1] != '0' &&
			    p[i + 1] != '1')) {
				free(out);
				return false;
			}
			*end++ = p[++i] == '0' ? '~' : '/';
		}
		*end = '\0';
		key->path_lens[key->depth] = (size_t)(end - out);
		key->path[key->depth++] = out;
		if (end == out)
			return false;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	return true;
}

static void
rules_key_clear(rules_key *key)
{
	for (size_t i = 0; i < key->depth; i++)
		free(key->path[i]);
	free(key->path);
	free(key->path_lens);
	free(key->name);
}

/* The index of key name, added as optional when not declared. */
static int
rules_keys_add(yamldoc *doc, rules_keys *k, const yamldoc_node *n,
    const char *what, size_t *index)
{
	const char *name;

	if (yamldoc_string(doc, n, what, &name) != 0)
		return -1;
	for (size_t i = 0; i < k->key_count; i++) {
		if (strcmp(k->keys[i].name, name) == 0) {
			*index = i;
			return 0;
		}
	}
	k->keys = xreallocarray(k->keys, k->key_count + 1, sizeof *k->keys);
	rules_key *key = &k->keys[k->key_count];
	memset(key, 0, sizeof *key);
	key->name = xstrdup(name);
	key->mark = n->mark;
	key->presence = RULES_KEY_OPTIONAL;
	k->key_count++;
	if (!rules_keys_path(name, key)) {
		return yamldoc_fail(doc, n, "bad key path '%s' in %s: a "
		    "'/' parts keys of nested objects, and none may be "
		    "empty; write '~1' for a '/' and '~0' for a '~'", name,
		    what);
	}
	*index = k->key_count - 1;
	return 0;
}

int
rules_keys_types(yamldoc *doc, const yamldoc_node *n, unsigned *types)
{
	const yamldoc_node *const *items = &n;
	size_t count = 1;
	int choice;

	if (n->kind == YAMLDOC_LIST) {
		items = (const yamldoc_node *const *)n->items;
		count = n->item_count;
	}
	*types = 0;
	for (size_t i = 0; i < count; i++) {
		if (yamldoc_enum(doc, items[i], "'type'", type_names,
		    sizeof type_names / sizeof type_names[0], &choice) != 0)
			return -1;
		*types |= type_bits[choice];
	}
	return 0;
}

/* `keys`: each key's presence and types. */
static int
rules_keys_specs(yamldoc *doc, rules_keys *k, const yamldoc_node *n)
{
	size_t count;

	if (yamldoc_map(doc, n, "'keys'", &count) != 0)
		return -1;
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *name = yamldoc_key(n, i),
		    *spec = yamldoc_value(n, i);
		const yamldoc_node *keys[SPEC_COUNT], *values[SPEC_COUNT];
		size_t index, before = k->key_count;
		int choice;

		if (rules_keys_add(doc, k, name, "'keys'", &index) != 0)
			return -1;
		if (k->key_count == before) {
			return yamldoc_fail(doc, name, "duplicate key '%s' in "
			    "'keys'", name->text);
		}
		rules_key *key = &k->keys[index];
		key->presence = RULES_KEY_REQUIRED;
		if (yamldoc_is_null(spec))
			continue;
		if (yamldoc_keys(doc, spec, "a key of 'keys'", spec_keys,
		    SPEC_COUNT, keys, values) != 0)
			return -1;
		if (values[SPEC_PRESENCE] != NULL) {
			if (yamldoc_enum(doc, values[SPEC_PRESENCE],
			    "'presence'", presence_names, 3, &choice) != 0)
				return -1;
			key->presence = (rules_key_presence)choice;
		}
		if (values[SPEC_TYPE] != NULL && rules_keys_types(doc,
		    values[SPEC_TYPE], &key->types) != 0)
			return -1;
	}
	return 0;
}

/* The time, level or message key: required unless `keys` says not. */
static int
rules_keys_role(yamldoc *doc, rules_keys *k, const yamldoc_node *n,
    const char *what, int *role, size_t declared)
{
	size_t index;

	if (rules_keys_add(doc, k, n, what, &index) != 0)
		return -1;
	if (index >= declared)
		k->keys[index].presence = RULES_KEY_REQUIRED;
	*role = (int)index;
	return 0;
}

static int
rules_keys_time(yamldoc *doc, rules_keys_loaded *r, rules_keys *k,
    const yamldoc_node *n, size_t declared)
{
	const yamldoc_node *keys[TIME_COUNT], *values[TIME_COUNT];
	const char *text;
	char *cause = NULL;
	size_t offset = 0;
	int status;

	if (n->kind != YAMLDOC_MAP) {
		return yamldoc_fail(doc, n, "with 'decode' json or logfmt, "
		    "'time' is a mapping: { key: KEY, format: FORMAT }");
	}
	if (yamldoc_keys(doc, n, "'time'", time_keys, TIME_COUNT, keys,
	    values) != 0 ||
	    yamldoc_required(doc, n, "'time'", time_keys, values, TIME_KEY) != 0
	    || yamldoc_required(doc, n, "'time'", time_keys, values,
	    TIME_FORMAT) != 0)
		return -1;
	if (rules_keys_role(doc, k, values[TIME_KEY], "'key' of 'time'",
	    &k->time_key, declared) != 0)
		return -1;
	if (yamldoc_string(doc, values[TIME_FORMAT], "'format' of 'time'",
	    &text) != 0)
		return -1;
	r->time_format = xstrdup(text);
	r->time = timefmt_compile(text, &cause, &offset);
	if (r->time != NULL)
		return 0;
	status = yamldoc_fail_inside(doc, values[TIME_FORMAT], offset,
	    "format", "invalid time format in 'time': %s", cause != NULL ?
	    cause : "not valid");
	free(cause);
	return status;
}

static int
rules_keys_order(yamldoc *doc, rules_keys *k, const yamldoc_node *n)
{
	size_t count, index;

	if (yamldoc_list(doc, n, "'key-order'", &count) != 0)
		return -1;
	k->order = xcalloc(count, sizeof *k->order);
	for (size_t i = 0; i < count; i++) {
		if (rules_keys_add(doc, k, n->items[i],
		    "an entry of 'key-order'", &index) != 0)
			return -1;
		for (size_t m = 0; m < k->order_count; m++) {
			if (k->order[m] == index) {
				return yamldoc_fail(doc, n->items[i],
				    "'%s' is in 'key-order' twice",
				    k->keys[index].name);
			}
		}
		k->order[k->order_count++] = index;
	}
	return 0;
}

int
rules_keys_load(yamldoc *doc, const rules_keys_nodes *n,
    rules_keys_loaded *r)
{
	const yamldoc_node *structured[] = { n->level_key, n->message_key,
	    n->keys, n->key_order };
	const char *const structured_names[] = { "level-key", "message-key",
	    "keys", "key-order" };
	int choice;

	r->decode = RULES_DECODE_TEXT;
	if (n->decode != NULL) {
		if (yamldoc_enum(doc, n->decode, "'decode'", decode_names, 3,
		    &choice) != 0)
			return -1;
		r->decode = (rules_decode)choice;
	}
	if (r->decode == RULES_DECODE_TEXT) {
		for (size_t i = 0; i < 4; i++) {
			if (structured[i] == NULL)
				continue;
			return yamldoc_fail(doc, structured[i], "'%s' needs "
			    "'decode: json' or 'decode: logfmt'",
			    structured_names[i]);
		}
		return 0;
	}
	if (n->line_key != NULL) {
		return yamldoc_fail(doc, n->line_key, "a rule file with "
		    "'decode: %s' has no 'line'", decode_names[r->decode]);
	}
	rules_keys *k = r->keys = xcalloc(1, sizeof *r->keys);
	k->time_key = k->level_key = k->message_key = -1;
	if (n->keys != NULL && rules_keys_specs(doc, k, n->keys) != 0)
		return -1;
	size_t declared = k->key_count;
	if (n->time != NULL && rules_keys_time(doc, r, k, n->time,
	    declared) != 0)
		return -1;
	if (n->level_key != NULL && rules_keys_role(doc, k, n->level_key,
	    "'level-key'", &k->level_key, declared) != 0)
		return -1;
	if (n->message_key != NULL && rules_keys_role(doc, k, n->message_key,
	    "'message-key'", &k->message_key, declared) != 0)
		return -1;
	if (n->key_order != NULL && rules_keys_order(doc, k, n->key_order) != 0)
		return -1;
	return 0;
}

void
rules_keys_free(rules_keys *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->key_count; i++)
		rules_key_clear(&k->keys[i]);
	free(k->keys);
	free(k->order);
	free(k);
}
