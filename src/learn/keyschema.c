/*
 * keyschema: the key schema of structured records; see keyschema.h.
 * JSON records are read with jansson (values decoded, nested objects
 * walked); logfmt records with the logfmt decoder, whose members keyed.h
 * shows.
 */
#include "learn/keyschema.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoder.h"
#include "decode/keyed.h"
#include "decode/levels.h"
#include "decode/rules.h"
#include "decode/timefmt.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Slots of the key index: twice the keys, a power of two. */
#define KEYSCHEMA_SLOTS		(2 * KEYSCHEMA_MAX_KEYS)
/* A role's values: at least this share of the key's values fit it. */
#define KEYSCHEMA_ROLE_SHARE	0.9
/* A role's key is on at least this share of the records. */
#define KEYSCHEMA_ROLE_PRESENCE	0.5
/* A level key of integers has at most this many distinct values. */
#define KEYSCHEMA_LEVEL_INTEGERS	8

/*
 * Time formats a value is tried against whole, most specific first (a
 * tie goes to the earlier); then the epoch units, told by the digits of
 * a number's whole part.
 */
static const char *const keyschema_formats[] = {
	"%Y-%m-%dT%H:%M:%S.%3N%z",
	"%Y-%m-%dT%H:%M:%S.%6N%z",
	"%Y-%m-%dT%H:%M:%S.%9N%z",
	"%Y-%m-%dT%H:%M:%S.%f%z",
	"%Y-%m-%dT%H:%M:%S%z",
	"%Y-%m-%dT%H:%M:%S.%3N",
	"%Y-%m-%dT%H:%M:%S.%6N",
	"%Y-%m-%dT%H:%M:%S.%9N",
	"%Y-%m-%dT%H:%M:%S.%f",
	"%Y-%m-%dT%H:%M:%S",
	"%Y-%m-%d %H:%M:%S,%3N",
	"%Y-%m-%d %H:%M:%S.%3N",
	"%Y-%m-%d %H:%M:%S.%6N",
	"%Y-%m-%d %H:%M:%S.%f",
	"%Y-%m-%d %H:%M:%S %z",
	"%Y-%m-%d %H:%M:%S",
	"%Y/%m/%d %H:%M:%S",
	"%d/%b/%Y:%H:%M:%S %z",
};
#define KEYSCHEMA_STRFTIME \
	(sizeof keyschema_formats / sizeof keyschema_formats[0])
static const struct {
	const char *format;
	unsigned digits;
} keyschema_epochs[] = {
	{ "epoch-s", 10 }, { "epoch-ms", 13 }, { "epoch-us", 16 },
	{ "epoch-ns", 19 },
};
#define KEYSCHEMA_EPOCHS \
	(sizeof keyschema_epochs / sizeof keyschema_epochs[0])
#define KEYSCHEMA_FORMATS (KEYSCHEMA_STRFTIME + KEYSCHEMA_EPOCHS)

/* The schema's types are `type`'s, in the same order. */
_Static_assert(KEYSCHEMA_TYPES == RULES_TYPE_COUNT,
    "the schema's types are rules_type_name's");

/* Names that break a tie between keys whose values fit a role alike. */
static const char *const keyschema_time_names[] = {
	"time", "timestamp", "@timestamp", "ts", "asctime", "datetime", "date",
	"t", NULL
};
static const char *const keyschema_level_names[] = {
	"level", "log.level", "levelname", "severity", "lvl", "loglevel",
	NULL
};
static const char *const keyschema_message_names[] = {
	"msg", "message", "event", "text", NULL
};

typedef struct {
	timefmt *formats[KEYSCHEMA_STRFTIME];
	uint16_t slots[KEYSCHEMA_SLOTS];	/* key index + 1, 0 empty */
	rules *logfmt_rules;
	decoder *logfmt;
	strbuf path;		/* the key being counted, reused */
} keyschema_state;

/* One value of a record, as the roles see it. */
typedef struct {
	size_t type;		/* KEYSCHEMA_* */
	const char *text;	/* strings, integers, booleans; else NULL */
	size_t len;
	double number;		/* numbers */
	unsigned whole_digits;	/* digits of a number's whole part */
} keyschema_value;

keyschema *
keyschema_new(rules_decode decode)
{
	keyschema *ks = xcalloc(1, sizeof *ks);
	keyschema_state *st = xcalloc(1, sizeof *st);

	ks->decode = decode;
	ks->time_key = ks->level_key = ks->message_key = -1;
	ks->state = st;
	for (size_t f = 0; f < KEYSCHEMA_STRFTIME; f++) {
		char *cause = NULL;
		size_t offset;
		st->formats[f] = timefmt_compile(keyschema_formats[f], &cause,
		    &offset);
		free(cause);
	}
	if (decode == RULES_DECODE_LOGFMT) {
		static const char text[] = "format: keyschema\n"
		    "decode: logfmt\n";
		lc_error err;
		st->logfmt_rules = rules_load_text("keyschema", text,
		    sizeof text - 1, &err);
		if (st->logfmt_rules != NULL)
			st->logfmt = decoder_new(st->logfmt_rules, NULL);
	}
	return ks;
}

void
keyschema_free(keyschema *ks)
{
	keyschema_state *st;

	if (ks == NULL)
		return;
	st = ks->state;
	for (size_t i = 0; i < ks->key_count; i++) {
		keyschema_key *key = &ks->keys[i];
		free(key->name);
		for (size_t v = 0; v < key->value_count; v++)
			free(key->values[v]);
		free(key->time_votes);
	}
	free(ks->keys);
	free(ks->order);
	for (size_t f = 0; f < KEYSCHEMA_STRFTIME; f++)
		timefmt_free(st->formats[f]);
	decoder_free(st->logfmt);
	rules_free(st->logfmt_rules);
	strbuf_free(&st->path);
	free(st);
	free(ks);
}

/* The index of name, or -1 with *slot where it would go. */
static int
keyschema_lookup(const keyschema *ks, const char *name, size_t *slot)
{
	const keyschema_state *st = ks->state;
	size_t at = hash_mix(hash_bytes(HASH_SEED, name, strlen(name))) &
	    (KEYSCHEMA_SLOTS - 1);

	for (;; at = (at + 1) & (KEYSCHEMA_SLOTS - 1)) {
		uint16_t index = st->slots[at];
		if (index == 0)
			break;
		if (strcmp(ks->keys[index - 1].name, name) == 0)
			return index - 1;
	}
	*slot = at;
	return -1;
}

int
keyschema_find(const keyschema *ks, const char *name)
{
	size_t slot;

	return keyschema_lookup(ks, name, &slot);
}

/* The key of that name, added when new; NULL past the most kept. */
static keyschema_key *
keyschema_key_for(keyschema *ks, const char *name, size_t depth)
{
	keyschema_state *st = ks->state;
	size_t slot;
	int found;

	/* A hostile record's megabyte keys are not kept. */
	if (strlen(name) > KEYSCHEMA_KEY_MAX) {
		ks->dropped_keys++;
		return NULL;
	}
	if ((found = keyschema_lookup(ks, name, &slot)) >= 0)
		return &ks->keys[found];
	if (ks->key_count == KEYSCHEMA_MAX_KEYS) {
		ks->dropped_keys++;
		return NULL;
	}
	ks->keys = xreallocarray(ks->keys, ks->key_count + 1,
	    sizeof *ks->keys);
	keyschema_key *key = &ks->keys[ks->key_count++];
	memset(key, 0, sizeof *key);
	key->name = xstrdup(name);
	key->depth = depth;
	st->slots[slot] = (uint16_t)ks->key_count;
	return key;
}

/* Whether a string is a level: a vocabulary word, maybe "+4" or "-4". */
static bool
keyschema_level_word(const char *s, size_t len)
{
	size_t word, i;

	if (levels_at(s, len, &word) < 0)
		return false;
	if (word == len)
		return true;
	if (s[word] != '+' && s[word] != '-')
		return false;
	for (i = word + 1; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i == len && i > word + 1;
}

static void
keyschema_keep_value(keyschema_key *key, const char *text, size_t len)
{
	if (key->varied)
		return;
	if (len > KEYSCHEMA_VALUE_MAX) {
		key->varied = true;
		return;
	}
	for (size_t v = 0; v < key->value_count; v++) {
		if (key->value_lens[v] == len &&
		    memcmp(key->values[v], text, len) == 0)
			return;
	}
	if (key->value_count == KEYSCHEMA_DISTINCT) {
		key->varied = true;
		return;
	}
	key->values[key->value_count] = xstrndup(text, len);
	key->value_lens[key->value_count++] = len;
}

/* The time formats that take a value whole, as votes. */
static void
keyschema_vote_time(keyschema *ks, keyschema_key *key,
    const keyschema_value *v)
{
	keyschema_state *st = ks->state;

	/* Parsing is most of the reading: a sample of each key tells. */
	if (key->time_tried == KEYSCHEMA_TIME_TRIES)
		return;
	key->time_tried++;
	if (v->type == KEYSCHEMA_NUMBER || v->type == KEYSCHEMA_INTEGER) {
		if (v->number < 0)
			return;
		for (size_t e = 0; e < KEYSCHEMA_EPOCHS; e++) {
			if (v->whole_digits != keyschema_epochs[e].digits)
				continue;
			if (key->time_votes == NULL)
				key->time_votes = xcalloc(KEYSCHEMA_FORMATS,
				    sizeof *key->time_votes);
			key->time_votes[KEYSCHEMA_STRFTIME + e]++;
		}
		return;
	}
	if (v->type != KEYSCHEMA_STRING || v->len < 8 || v->len > 64 ||
	    !((v->text[0] >= '0' && v->text[0] <= '9')))
		return;
	for (size_t f = 0; f < KEYSCHEMA_STRFTIME; f++) {
		if (st->formats[f] == NULL || !timefmt_parse(st->formats[f],
		    v->text, v->len, NULL, &(const char *){ NULL },
		    &(size_t){ 0 }))
			continue;
		if (key->time_votes == NULL)
			key->time_votes = xcalloc(KEYSCHEMA_FORMATS,
			    sizeof *key->time_votes);
		key->time_votes[f]++;
	}
}

/* Count one value of a key present in the record. */
static void
keyschema_count(keyschema *ks, keyschema_key *key, const keyschema_value *v)
{
	key->present++;
	key->types[v->type]++;
	if (v->text != NULL)
		keyschema_keep_value(key, v->text, v->len);
	if (v->type == KEYSCHEMA_STRING) {
		key->text_bytes += v->len;
		key->words++;
		for (size_t i = 0; i < v->len; i++) {
			if (v->text[i] == ' ' && i + 1 < v->len &&
			    v->text[i + 1] != ' ')
				key->words++;
		}
		/* A level is a short word; a message is not worth the look. */
		if (v->len <= 16 && keyschema_level_word(v->text, v->len))
			key->level_words++;
	}
	if (v->type == KEYSCHEMA_INTEGER && v->number >= 0 &&
	    v->number <= 100)
		key->small_integers++;
	keyschema_vote_time(ks, key, v);
}

static void
keyschema_place(keyschema_key *key, size_t place)
{
	if (place < KEYSCHEMA_POSITIONS)
		key->at[place]++;
	key->position_sum += place;
}

static unsigned
keyschema_digits(double whole)
{
	unsigned digits = 1;

	whole = fabs(whole);
	while (whole >= 10 && digits < 40) {
		whole /= 10;
		digits++;
	}
	return digits;
}

/*
 * The path of a key below the parent's (its first parent bytes), escaped
 * as RFC 6901 says: '~' as ~0, '/' as ~1.
 */
static const char *
keyschema_path(strbuf *path, size_t parent, const char *key)
{
	path->len = parent;
	if (parent > 0)
		strbuf_add(path, "/", 1);
	for (const char *p = key; *p != '\0';) {
		size_t plain = strcspn(p, "~/");
		strbuf_add(path, p, plain);
		p += plain;
		if (*p == '\0')
			break;
		strbuf_add(path, *p == '~' ? "~0" : "~1", 2);
		p++;
	}
	strbuf_add(path, "", 0);
	return path->text;
}

static void
keyschema_json_object(keyschema *ks, json_t *object, size_t parent,
    size_t depth)
{
	keyschema_state *st = ks->state;
	const char *name;
	json_t *value;
	size_t place = 0;
	char number[32];

	json_object_foreach(object, name, value) {
		keyschema_value v = { 0 };
		keyschema_key *key = keyschema_key_for(ks,
		    keyschema_path(&st->path, parent, name), depth);
		switch (json_typeof(value)) {
		case JSON_STRING:
			v.type = KEYSCHEMA_STRING;
			v.text = json_string_value(value);
			v.len = json_string_length(value);
			break;
		case JSON_INTEGER:
			v.type = KEYSCHEMA_INTEGER;
			v.number = (double)json_integer_value(value);
			/* The text only counts among a key's few values. */
			if (key != NULL && !key->varied) {
				v.len = (size_t)snprintf(number, sizeof number,
				    "%" JSON_INTEGER_FORMAT,
				    json_integer_value(value));
				v.text = number;
			}
			v.whole_digits = keyschema_digits(v.number);
			break;
		case JSON_REAL:
			v.type = KEYSCHEMA_NUMBER;
			v.number = json_real_value(value);
			v.whole_digits = keyschema_digits(floor(v.number));
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			v.type = KEYSCHEMA_BOOLEAN;
			v.text = json_is_true(value) ? "true" : "false";
			v.len = strlen(v.text);
			break;
		case JSON_OBJECT:
			v.type = KEYSCHEMA_OBJECT;
			break;
		case JSON_ARRAY:
			v.type = KEYSCHEMA_ARRAY;
			break;
		default:
			v.type = KEYSCHEMA_NULL;
			break;
		}
		if (key != NULL) {
			keyschema_count(ks, key, &v);
			if (depth == 1)
				keyschema_place(key, place);
		}
		place++;
		if (key != NULL && v.type == KEYSCHEMA_OBJECT &&
		    depth < KEYSCHEMA_MAX_DEPTH)
			keyschema_json_object(ks, value, st->path.len,
			    depth + 1);
	}
}

static int
keyschema_add_json(keyschema *ks, const char *text, size_t len)
{
	json_error_t error;
	json_t *root;

	if (keyschema_sniff(text, len) != RULES_DECODE_JSON)
		return 0;
	root = json_loadb(text, len, 0, &error);
	if (root == NULL || !json_is_object(root)) {
		json_decref(root);
		ks->broken++;
		return -1;
	}
	ks->records++;
	keyschema_json_object(ks, root, 0, 1);
	json_decref(root);
	return 1;
}

/* A bare logfmt value: an integer, a number, a boolean or a string. */
static void
keyschema_logfmt_value(const char *s, size_t len, keyschema_value *v)
{
	size_t i = 0, whole = 0;
	bool fraction = false;

	v->type = KEYSCHEMA_STRING;
	if ((len == 4 && memcmp(s, "true", 4) == 0) ||
	    (len == 5 && memcmp(s, "false", 5) == 0)) {
		v->type = KEYSCHEMA_BOOLEAN;
		return;
	}
	if (i < len && s[i] == '-')
		i++;
	if (i == len)
		return;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			whole += !fraction;
		else if (s[i] == '.' && !fraction && whole > 0)
			fraction = true;
		else
			return;
	}
	if (s[len - 1] == '.')
		return;
	v->type = fraction ? KEYSCHEMA_NUMBER : KEYSCHEMA_INTEGER;
	v->number = strtod(s, NULL);
	v->whole_digits = (unsigned)whole;
}

static int
keyschema_add_logfmt(keyschema *ks, const char *text, size_t len)
{
	keyschema_state *st = ks->state;
	decode_input in = { .text = text, .len = len, .clean = true,
	    .invalid = SIZE_MAX };
	decode_result res;

	if (st->logfmt == NULL)
		return 0;
	decoder_decode(st->logfmt, &in, &res);
	if (res.status == DECODE_FOREIGN)
		return 0;
	if (res.status != DECODE_OK) {
		ks->broken++;
		return -1;
	}
	ks->records++;
	/* The logfmt decoder's state is its keyed table (logfmt.c). */
	keyed *k = st->logfmt->state;
	for (size_t i = 0; i < k->member_count; i++) {
		const keyed_member *m = &k->members[i];
		char *name = xstrndup(text + m->key_at, m->key_len);
		/* Flat keys, but a '/' in one is escaped as in JSON's. */
		keyschema_key *key = keyschema_key_for(ks,
		    keyschema_path(&st->path, 0, name), 1);
		keyschema_value v = { .text = text + m->value_at,
		    .len = m->value_len };
		char *unescaped = NULL;

		free(name);
		if (key == NULL)
			continue;
		if (m->type == RULES_TYPE_BOOLEAN) {
			/* A bare key. */
			v.type = KEYSCHEMA_BOOLEAN;
			v.text = "true";
			v.len = 4;
		} else if (m->type == RULES_TYPE_STRING) {
			v.type = KEYSCHEMA_STRING;
			if (m->value_escaped && (unescaped =
			    k->syntax->unescape(k, m, &v.len)) != NULL)
				v.text = unescaped;
		} else
			keyschema_logfmt_value(v.text, v.len, &v);
		keyschema_count(ks, key, &v);
		keyschema_place(key, i);
		free(unescaped);
	}
	return 1;
}

int
keyschema_add(keyschema *ks, const char *text, size_t len)
{
	ks->lines++;
	if (ks->decode == RULES_DECODE_JSON)
		return keyschema_add_json(ks, text, len);
	if (ks->decode == RULES_DECODE_LOGFMT)
		return keyschema_add_logfmt(ks, text, len);
	return 0;
}

static bool
keyschema_named(const keyschema_key *key, const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++) {
		if (strcmp(key->name, names[i]) == 0)
			return true;
	}
	return false;
}

static uint64_t
keyschema_distinct(const keyschema_key *key)
{
	return key->varied ? KEYSCHEMA_DISTINCT + 1 : key->value_count;
}

/*
 * The best of the keys' scores (0 for a key that does not fit): a key
 * within a tenth of the best score wins by its name, else the best; an
 * earlier key wins a tie.
 */
static int
keyschema_pick(const keyschema *ks, const double *score,
    const char *const *names)
{
	double best = 0;
	int pick = -1;

	for (size_t i = 0; i < ks->key_count; i++) {
		if (score[i] > best)
			best = score[i];
	}
	if (best <= 0)
		return -1;
	for (size_t i = 0; i < ks->key_count; i++) {
		if (score[i] >= 0.9 * best && keyschema_named(&ks->keys[i],
		    names))
			return (int)i;
	}
	for (size_t i = 0; i < ks->key_count; i++) {
		if (score[i] == best && pick < 0)
			pick = (int)i;
	}
	return pick;
}

bool
keyschema_nameable(const keyschema_key *key)
{
	const char *name = key->name;
	size_t len = strlen(name);

	return len > 0 && name[0] != '/' && name[len - 1] != '/' &&
	    strstr(name, "//") == NULL;
}

static double
keyschema_presence(const keyschema *ks, const keyschema_key *key)
{
	if (!keyschema_nameable(key))
		return 0;
	return ks->records == 0 ? 0 : (double)key->present /
	    (double)ks->records;
}

/* A top-level key is worth a little more than a nested one. */
static double
keyschema_depth_weight(const keyschema_key *key)
{
	return key->depth == 1 ? 1.0 : 0.5;
}

static void
keyschema_find_time(keyschema *ks, double *score)
{
	size_t best_format[KEYSCHEMA_MAX_KEYS];

	for (size_t i = 0; i < ks->key_count; i++) {
		const keyschema_key *key = &ks->keys[i];
		uint64_t votes = 0;

		score[i] = 0;
		best_format[i] = 0;
		if (key->time_votes == NULL ||
		    keyschema_presence(ks, key) < KEYSCHEMA_ROLE_PRESENCE)
			continue;
		for (size_t f = 0; f < KEYSCHEMA_FORMATS; f++) {
			if (key->time_votes[f] > votes) {
				votes = key->time_votes[f];
				best_format[i] = f;
			}
		}
		if ((double)votes < KEYSCHEMA_ROLE_SHARE *
		    (double)key->time_tried)
			continue;
		score[i] = keyschema_presence(ks, key) *
		    keyschema_depth_weight(key) * (double)votes /
		    (double)key->time_tried;
	}
	ks->time_key = keyschema_pick(ks, score, keyschema_time_names);
	if (ks->time_key >= 0) {
		size_t f = best_format[ks->time_key];
		ks->time_format = f < KEYSCHEMA_STRFTIME ?
		    keyschema_formats[f] :
		    keyschema_epochs[f - KEYSCHEMA_STRFTIME].format;
	}
}

static void
keyschema_find_level(keyschema *ks, double *score)
{
	for (size_t i = 0; i < ks->key_count; i++) {
		const keyschema_key *key = &ks->keys[i];
		double words = (double)key->level_words,
		    integers = (double)key->small_integers,
		    present = (double)key->present;
		uint64_t distinct = keyschema_distinct(key);

		score[i] = 0;
		if ((int)i == ks->time_key ||
		    keyschema_presence(ks, key) < KEYSCHEMA_ROLE_PRESENCE)
			continue;
		/* Words of the vocabulary count over a few numbers. */
		if (words >= KEYSCHEMA_ROLE_SHARE * present)
			score[i] = 2;
		else if (integers >= KEYSCHEMA_ROLE_SHARE * present &&
		    distinct <= KEYSCHEMA_LEVEL_INTEGERS)
			score[i] = 1;
		else
			continue;
		/* One value throughout says less than several. */
		if (distinct < 2)
			score[i] /= 2;
		score[i] *= keyschema_presence(ks, key) *
		    keyschema_depth_weight(key);
	}
	ks->level_key = keyschema_pick(ks, score, keyschema_level_names);
}

static void
keyschema_find_message(keyschema *ks, double *score)
{
	for (size_t i = 0; i < ks->key_count; i++) {
		const keyschema_key *key = &ks->keys[i];
		double strings = (double)key->types[KEYSCHEMA_STRING];

		score[i] = 0;
		if ((int)i == ks->time_key || (int)i == ks->level_key ||
		    strings == 0 || strings < KEYSCHEMA_ROLE_SHARE *
		    (double)key->present)
			continue;
		/* A message varies; a name, a host or a version does not. */
		if (keyschema_distinct(key) < 2 && ks->records > 1)
			continue;
		score[i] = keyschema_presence(ks, key) *
		    keyschema_depth_weight(key) * ((double)key->words +
		    (double)key->text_bytes / 100) / strings;
	}
	ks->message_key = keyschema_pick(ks, score, keyschema_message_names);
}

/* Top-level keys that every record has at the same place, from the first. */
static void
keyschema_find_order(keyschema *ks)
{
	ks->order_count = 0;
	for (size_t place = 0; place < KEYSCHEMA_POSITIONS; place++) {
		size_t found = SIZE_MAX;
		for (size_t i = 0; i < ks->key_count; i++) {
			if (ks->keys[i].depth == 1 &&
			    ks->keys[i].at[place] == ks->records) {
				found = i;
				break;
			}
		}
		/* The order stops at a key a rule file cannot name. */
		if (found == SIZE_MAX || !keyschema_nameable(&ks->keys[found]))
			break;
		ks->order = xreallocarray(ks->order, ks->order_count + 1,
		    sizeof *ks->order);
		ks->order[ks->order_count++] = found;
	}
}

void
keyschema_finish(keyschema *ks)
{
	double *score = xcalloc(ks->key_count + 1, sizeof *score);

	ks->time_key = ks->level_key = ks->message_key = -1;
	ks->time_format = NULL;
	if (ks->records > 0) {
		keyschema_find_time(ks, score);
		keyschema_find_level(ks, score);
		keyschema_find_message(ks, score);
		keyschema_find_order(ks);
	}
	free(score);
}

int
keyschema_usual_place(const keyschema_key *key)
{
	int place = -1;
	uint64_t most = 0;

	for (size_t i = 0; key->depth == 1 && i < KEYSCHEMA_POSITIONS; i++) {
		if (key->at[i] > most) {
			most = key->at[i];
			place = (int)i;
		}
	}
	return place;
}

unsigned
keyschema_types(const keyschema_key *key)
{
	static const unsigned bits[KEYSCHEMA_TYPES] = {
		RULES_TYPE_STRING, RULES_TYPE_NUMBER,
		RULES_TYPE_NUMBER | RULES_TYPE_INTEGER, RULES_TYPE_BOOLEAN,
		RULES_TYPE_OBJECT, RULES_TYPE_ARRAY, RULES_TYPE_NULL
	};
	unsigned types = 0;

	for (size_t t = 0; t < KEYSCHEMA_TYPES; t++) {
		if (key->types[t] > 0)
			types |= bits[t];
	}
	return types;
}

const char *
keyschema_type_name(size_t t)
{
	return rules_type_name(t);
}

rules_decode
keyschema_sniff(const char *text, size_t len)
{
	size_t i = 0, key;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len && text[i] == '{')
		return RULES_DECODE_JSON;
	/* key=value, as the logfmt decoder starts a record. */
	for (key = i; i < len && (unsigned char)text[i] > ' ' &&
	    text[i] != '=' && text[i] != '"' && text[i] != 0x7f; i++)
		;
	if (i > key && i < len && text[i] == '=')
		return RULES_DECODE_LOGFMT;
	return RULES_DECODE_TEXT;
}
