/*
 * keyed: what the JSON and logfmt decoders share.  A decoder reads a
 * record into members (each top-level key and its value, as byte ranges
 * of the record); keyed then finds the fields by key path, decodes the
 * values it is asked for, and checks the record against the rules' keys
 * (presence, types, order, duplicates).  It owns its member table, its
 * decoded values and its problems, all reused from record to record; it
 * borrows the rules.
 */
#ifndef LC_KEYED_H
#define LC_KEYED_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/decoder.h"
#include "decode/rules_keys.h"

/* Findings a record keeps; past this they are dropped. */
#define KEYED_MAX_PROBLEMS	8

typedef struct {
	size_t key_at, key_len;		/* the key's bytes, inside quotes */
	size_t value_at, value_len;	/* a string's bytes, inside quotes */
	unsigned type;			/* RULES_TYPE_* bits of the value */
	bool key_escaped;		/* the key holds an escape */
	bool value_escaped;		/* the value holds an escape */
} keyed_member;

typedef struct keyed keyed;

/* What differs between JSON and logfmt. */
typedef struct {
	/*
	 * The member named part of the object that is parent's value; false
	 * when there is none (logfmt has no nested objects).
	 */
	bool (*child)(keyed *k, const keyed_member *parent, const char *part,
	    size_t part_len, keyed_member *child);
	/* The text of an escaped value, to be freed; NULL when it has none. */
	char *(*unescape)(keyed *k, const keyed_member *m, size_t *len);
} keyed_syntax;

typedef struct {
	rules_key key;		/* the path; presence and types unused */
	unsigned long generation;	/* of the record value is for */
	bool found;
	size_t member;		/* the top-level member it is in */
	keyed_member at;	/* where it is */
	decode_field value;
	char *owned;		/* value's text when decoded */
} keyed_slot;

struct keyed {
	const rules *rules;
	const rules_keys *keys;
	const keyed_syntax *syntax;
	const char *text;	/* the last record */
	size_t len;
	unsigned long generation;	/* counts records */
	keyed_member *members;
	size_t member_count, member_cap;
	/* The rules' keys first, in their order, then the fields asked for. */
	keyed_slot *fields;
	size_t field_count;
	uint32_t *slots;	/* duplicate detection: member index + 1 */
	size_t slot_cap;
	decode_problem problems[KEYED_MAX_PROBLEMS];
	char messages[KEYED_MAX_PROBLEMS][200];
	size_t problem_count;
};

void keyed_init(keyed *k, const rules *r, const keyed_syntax *syntax);
void keyed_clear(keyed *k);

/* Start a record; the decoder then adds its members. */
void keyed_begin(keyed *k, const char *text, size_t len,
    decode_result *res);
keyed_member *keyed_member_add(keyed *k);
/* A finding of the record, at offset at. */
void keyed_problem(keyed *k, finding_id id, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The record is whole: check it and fill res (status DECODE_OK). */
void keyed_finish(keyed *k, decode_result *res);
/* The record is broken: res gets its problems (status DECODE_BROKEN). */
void keyed_broken(keyed *k, decode_result *res);

int keyed_field_index(keyed *k, const char *name);
void keyed_field(keyed *k, int index, decode_field *field);

/* The name of the first of a value's types, for messages. */
const char *keyed_type_name(unsigned type);

#endif
