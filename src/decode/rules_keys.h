/*
 * rules_keys: the part of a rule file that says how a structured record
 * (one JSON object or one logfmt line) is read: `decode`, the time, level
 * and message keys, `keys` (each key's presence and types) and
 * `key-order`.  rules_keys_load fills rules->keys, which it owns;
 * rules_keys_free releases it and accepts NULL.  The language is in
 * man/logcompat-rules.5.
 */
#ifndef LC_RULES_KEYS_H
#define LC_RULES_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/timefmt.h"
#include "decode/yamldoc.h"

/* `decode`: how a record becomes fields. */
typedef enum { RULES_DECODE_TEXT, RULES_DECODE_JSON, RULES_DECODE_LOGFMT }
    rules_decode;

typedef enum {
	RULES_KEY_REQUIRED, RULES_KEY_OPTIONAL, RULES_KEY_FORBIDDEN
} rules_key_presence;

/* Types of a value, as bits: a key allows those of its `type`. */
#define RULES_TYPE_STRING	0x01u
#define RULES_TYPE_NUMBER	0x02u
#define RULES_TYPE_INTEGER	0x04u	/* an integer is a number too */
#define RULES_TYPE_BOOLEAN	0x08u
#define RULES_TYPE_OBJECT	0x10u
#define RULES_TYPE_ARRAY	0x20u
#define RULES_TYPE_NULL		0x40u
#define RULES_TYPE_COUNT	7	/* bit i is 1u << i */

/*
 * A key path: one key of the record ("log.level", dots and all), or keys
 * of nested objects written with '/' between them ("req/level"); "~1"
 * stands for a '/' inside a key and "~0" for a '~', as in RFC 6901.
 */
typedef struct {
	char *name;		/* as the rule file writes it */
	char **path;		/* its keys, unescaped */
	size_t *path_lens;
	size_t depth;		/* keys in path, at least 1 */
	rules_key_presence presence;
	unsigned types;		/* RULES_TYPE_* bits; 0 for any */
	yamldoc_mark mark;
} rules_key;

typedef struct rules_keys {
	rules_key *keys;	/* declared under `keys`, then the others */
	size_t key_count;
	/* Index in keys of the time, level and message key, or -1. */
	int time_key, level_key, message_key;
	size_t *order;		/* `key-order`: indexes in keys */
	size_t order_count;
} rules_keys;

/* The nodes of the root mapping that rules_keys_load reads, or NULL. */
typedef struct {
	const yamldoc_node *decode, *line_key, *time_key, *time,
	    *level_key, *message_key, *keys, *key_order;
} rules_keys_nodes;

/* What rules_keys_load reads, for the rules to keep. */
typedef struct {
	rules_decode decode;
	rules_keys *keys;	/* NULL with decode text */
	char *time_format;	/* the format of `time`, or NULL */
	timefmt *time;
} rules_keys_loaded;

/*
 * Read `decode`; with json or logfmt, read the other keys and the time
 * format.  Returns 0, or -1 with the error in doc; out holds what was
 * read either way, for the caller to keep or free.
 */
int rules_keys_load(yamldoc *doc, const rules_keys_nodes *n,
    rules_keys_loaded *out);
void rules_keys_free(rules_keys *k);

/* The word `decode:` takes for a kind of record: "text", "json", "logfmt". */
const char *rules_decode_name(rules_decode decode);
/* The name `type` gives the type of bit 1u << i, i below RULES_TYPE_COUNT. */
const char *rules_type_name(size_t i);
/* The bits that name allows: "number" takes integers in. */
unsigned rules_type_allows(size_t i);
/* A `type`: one name or a list, as RULES_TYPE_* bits; -1 with the error. */
int rules_keys_types(yamldoc *doc, const yamldoc_node *n, unsigned *types);

/* Split a key path as rules_key says; false when it is malformed. */
bool rules_keys_path(const char *name, rules_key *key);

#endif
