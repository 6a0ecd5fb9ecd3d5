/*
 * yamldoc: one YAML document read into a small tree of scalars, lists and
 * mappings that keep their positions, and the checks that a schema walk
 * makes of them with errors at FILE:LINE:COLUMN (rules.c walks a rule
 * file, baseline_load.c its `drift` and `baseline` keys).  Anchors,
 * aliases and more than one document are refused.  A yamldoc owns its
 * source and its tree; yamldoc_clear releases both.  Every check that
 * fails fills the document's lc_error (when it has one) and returns -1.
 */
#ifndef LC_YAMLDOC_H
#define LC_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/*
 * The largest document read, so that memory stays bounded whatever a rule
 * file (or a FIFO, or /dev/zero) holds; the profile of a large fleet,
 * with its templates and shapes at their caps, is a few MiB.
 */
#define YAMLDOC_SIZE_MAX (16 * 1024 * 1024)

/* Where a node starts, 1-based. */
typedef struct {
	unsigned long line, column;
} yamldoc_mark;

typedef enum { YAMLDOC_SCALAR, YAMLDOC_LIST, YAMLDOC_MAP } yamldoc_kind;

typedef struct yamldoc_node {
	yamldoc_kind kind;
	yamldoc_mark mark;
	char *text;		/* scalars: the value, NUL-terminated */
	size_t len;		/* scalars: its length, which may hold NULs */
	bool plain;		/* a plain (unquoted) scalar */
	/* A single-line scalar without escapes: its source is its value. */
	bool verbatim;
	/* Tagged other than !!int (say !!str 76): never a number. */
	bool not_number;
	/* lists: entries; mappings: key, value, key, value ... */
	struct yamldoc_node **items;
	size_t item_count, item_cap;
} yamldoc_node;

typedef struct {
	const char *path;	/* for messages */
	const char *what;	/* "rule file", for messages */
	lc_error *err;		/* may be NULL */
	char *source;		/* the bytes read */
	size_t source_len;
	yamldoc_node *root;	/* NULL for an empty document */
} yamldoc;

/* Read and parse the file at path; 0, or -1 with err filled. */
int yamldoc_load(yamldoc *doc, const char *path, const char *what,
    lc_error *err);
/* The same from text in memory (copied); name stands for the file. */
int yamldoc_load_text(yamldoc *doc, const char *name, const char *what,
    const char *text, size_t len, lc_error *err);
void yamldoc_clear(yamldoc *doc);

/* Fail at a place, or at a node (always -1). */
int yamldoc_fail_at(yamldoc *doc, unsigned long line, unsigned long column,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int yamldoc_fail(yamldoc *doc, const yamldoc_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Fail at byte offset of a scalar's value, with the value and a caret;
 * with unit, the message ends "(at UNIT offset N)".
 */
int yamldoc_fail_inside(yamldoc *doc, const yamldoc_node *n, size_t offset,
    const char *unit, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Plain empty, ~ and null are YAML's null; quoted, they are text. */
bool yamldoc_is_null(const yamldoc_node *n);
/* "a string", "a list", "a mapping" or "null", for messages. */
const char *yamldoc_kind_name(const yamldoc_node *n);
/* "a, b, c" from count names (caller frees). */
char *yamldoc_join(const char *const *names, size_t count);

/* A node of a kind: mappings, lists, or strings. */
int yamldoc_want(yamldoc *doc, const yamldoc_node *n, const char *what,
    yamldoc_kind kind);
/* A string (not null, no NUL): *text is n's, valid while doc is. */
int yamldoc_string(yamldoc *doc, const yamldoc_node *n, const char *what,
    const char **text);
/* Index of a scalar among names, or -1. */
int yamldoc_enum_index(const char *const *names, size_t count,
    const yamldoc_node *n);
/* One of names; *choice gets its index, or the call fails with them. */
int yamldoc_enum(yamldoc *doc, const yamldoc_node *n, const char *what,
    const char *const *names, size_t count, int *choice);
/*
 * Sort the keys of a mapping against the names it may hold: unknown and
 * duplicate keys fail.  keys[i] and values[i] get the node of names[i], or
 * NULL when absent.  yamldoc_keys first checks that n is a mapping.
 */
int yamldoc_sort_keys(yamldoc *doc, const yamldoc_node *map,
    const char *where, const char *const *names, size_t count,
    const yamldoc_node **keys, const yamldoc_node **values);
int yamldoc_keys(yamldoc *doc, const yamldoc_node *n, const char *where,
    const char *const *names, size_t count, const yamldoc_node **keys,
    const yamldoc_node **values);
/* values[which] must be there. */
int yamldoc_required(yamldoc *doc, const yamldoc_node *map, const char *where,
    const char *const *names, const yamldoc_node **values, size_t which);
/*
 * A plain decimal integer without leading zeros of at most max, times the
 * multiplier of its suffix when units allows one ("K", "M", "G": KiB, MiB,
 * GiB).  False for anything else.
 */
bool yamldoc_integer_ok(const yamldoc_node *n, unsigned long long max,
    bool units, unsigned long long *value);
/* A plain decimal integer from min to max. */
int yamldoc_integer(yamldoc *doc, const yamldoc_node *n, const char *what,
    unsigned long long min, unsigned long long max,
    unsigned long long *value);
/* A plain decimal number with at most 3 decimals, from 0 to max. */
int yamldoc_decimal(yamldoc *doc, const yamldoc_node *n, const char *what,
    double max, double *value);
/* A list: *count gets its length. */
int yamldoc_list(yamldoc *doc, const yamldoc_node *n, const char *what,
    size_t *count);
/* A mapping whose keys are strings: *count gets its number of keys. */
int yamldoc_map(yamldoc *doc, const yamldoc_node *n, const char *what,
    size_t *count);

/* Key and value of entry i of a mapping. */
static inline const yamldoc_node *
yamldoc_key(const yamldoc_node *n, size_t i)
{
	return n->items[2 * i];
}

static inline const yamldoc_node *
yamldoc_value(const yamldoc_node *n, size_t i)
{
	return n->items[2 * i + 1];
}

#endif
