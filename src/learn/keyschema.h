/*
 * keyschema: the key schema of a capture's structured records, each a
 * JSON object or a logfmt line: every key (a top-level key by its name,
 * dots and all, "log.level"; a key of a nested JSON object by its path in
 * the rule language's RFC 6901 style, "req/level"), how many records hold
 * it, the types of its values, where it stands among the record's keys,
 * and which keys hold the time, the level and the message.  Those roles
 * are told by the values: a time key holds timestamps or epoch numbers, a
 * level key words of the level vocabulary or a few small integers, the
 * message key the longest varied free text; a key's name only breaks a
 * tie.  Memory is bounded: at most KEYSCHEMA_MAX_KEYS keys of at most
 * KEYSCHEMA_KEY_MAX bytes, and KEYSCHEMA_DISTINCT distinct values of
 * each.  A keyschema owns all it
 * holds; keyschema_free accepts NULL.
 */
#ifndef LC_KEYSCHEMA_H
#define LC_KEYSCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/rules_keys.h"

/* Keys kept; a record's others are counted in dropped_keys. */
#define KEYSCHEMA_MAX_KEYS	512
/* A key path longer than this is counted in dropped_keys too. */
#define KEYSCHEMA_KEY_MAX	1024
/* Nested objects are walked this deep (1: top-level keys only). */
#define KEYSCHEMA_MAX_DEPTH	4
/* Distinct values kept per key; past this a key's values are "varied". */
#define KEYSCHEMA_DISTINCT	32
/* A value kept as a distinct value is at most this long. */
#define KEYSCHEMA_VALUE_MAX	64
/* A key's values tried as timestamps: enough to tell, and no more. */
#define KEYSCHEMA_TIME_TRIES	4096
/* Positions counted per top-level key (its place among the keys). */
#define KEYSCHEMA_POSITIONS	16

/* The types, as indexes of keyschema_key.types: one per value. */
enum {
	KEYSCHEMA_STRING, KEYSCHEMA_NUMBER,	/* a number with a fraction */
	KEYSCHEMA_INTEGER, KEYSCHEMA_BOOLEAN, KEYSCHEMA_OBJECT,
	KEYSCHEMA_ARRAY, KEYSCHEMA_NULL, KEYSCHEMA_TYPES
};

typedef struct {
	char *name;		/* the path as a rule file writes it: '/' in a
				   key as ~1, '~' as ~0 (RFC 6901) */
	size_t depth;		/* 1 for a top-level key */
	uint64_t present;	/* records holding it */
	uint64_t types[KEYSCHEMA_TYPES];	/* values of each type */
	/* Top-level keys: records with it at each place (0: first). */
	uint64_t at[KEYSCHEMA_POSITIONS];
	uint64_t position_sum;	/* of its places, for the mean */
	/* Distinct values (strings, integers, booleans), as written. */
	char *values[KEYSCHEMA_DISTINCT];
	size_t value_lens[KEYSCHEMA_DISTINCT];
	size_t value_count;
	bool varied;		/* more distinct values than kept */
	/* What the roles are told by. */
	uint64_t text_bytes, words;	/* of its string values */
	uint64_t level_words;	/* strings led by a level word */
	uint64_t small_integers;	/* integers 0 .. 100 */
	uint64_t *time_votes;	/* per time format, or NULL */
	uint64_t time_tried;	/* values voted: KEYSCHEMA_TIME_TRIES at most */
} keyschema_key;

typedef struct {
	rules_decode decode;	/* json or logfmt */
	uint64_t lines;		/* lines added */
	uint64_t records;	/* of them, records of the format */
	uint64_t broken;	/* of the format, but not decoded */
	uint64_t dropped_keys;	/* past KEYSCHEMA_MAX_KEYS or _KEY_MAX */
	keyschema_key *keys;	/* in the order first seen */
	size_t key_count;
	/* After keyschema_finish: indexes in keys, or -1. */
	int time_key, level_key, message_key;
	const char *time_format;	/* the time key's, as `time` takes it */
	/* Top-level keys every record starts with, in their order. */
	size_t *order;
	size_t order_count;
	void *state;		/* the decoders' */
} keyschema;

keyschema *keyschema_new(rules_decode decode);
void keyschema_free(keyschema *ks);

/*
 * Add a line: its record's keys when it is one of the format.  Returns 1
 * for a record, 0 for a line of another format, -1 for a broken record.
 */
int keyschema_add(keyschema *ks, const char *text, size_t len);

/* Decide the roles and the key order; keys may be added again after. */
void keyschema_finish(keyschema *ks);

/* The index of a key by its name, or -1. */
int keyschema_find(const keyschema *ks, const char *name);
/*
 * Whether a rule file can name the key: no part of its path is empty (a
 * JSON key "" cannot be named); such a key has no role.
 */
bool keyschema_nameable(const keyschema_key *key);
/*
 * A top-level key's usual place among the record's keys (0: first): the
 * place most records have it at, the earlier on a tie; -1 for a nested
 * key or one always past KEYSCHEMA_POSITIONS.
 */
int keyschema_usual_place(const keyschema_key *key);
/* The RULES_TYPE_* bits of a key's types (integers make number too). */
unsigned keyschema_types(const keyschema_key *key);
/* The type name, as `keys` writes it ("integer"), of type index t. */
const char *keyschema_type_name(size_t t);

/*
 * The decode a line is written in: json for a JSON object, logfmt for
 * key=value pairs, text otherwise.
 */
rules_decode keyschema_sniff(const char *text, size_t len);

#endif
