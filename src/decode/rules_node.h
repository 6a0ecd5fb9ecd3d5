/*
 * rules_node: the YAML of a rule file being loaded, for modules that load
 * keys of their own (baseline.c loads `drift` and `baseline`).  The nodes
 * and the loader belong to rules_load; a module reads them and reports an
 * error through the loader, which fills the caller's lc_error with the
 * node's FILE:LINE:COLUMN.  Every function that fails returns -1.
 */
#ifndef LC_RULES_NODE_H
#define LC_RULES_NODE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rules_node rules_node;
typedef struct rules_loader rules_loader;

/* Fail with a message at n (always returns -1). */
int rules_node_fail(rules_loader *ld, const rules_node *n, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
/* Fail at byte offset of n's text, with the text and a caret. */
int rules_node_fail_inside(rules_loader *ld, const rules_node *n,
    size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A string (not null, no NUL): *text is n's, valid while loading. */
int rules_node_string(rules_loader *ld, const rules_node *n,
    const char *what, const char **text);
/* A plain decimal integer from min to max. */
int rules_node_integer(rules_loader *ld, const rules_node *n,
    const char *what, unsigned long long min, unsigned long long max,
    unsigned long long *value);
/* A plain decimal number with at most 3 decimals, from 0 to max. */
int rules_node_decimal(rules_loader *ld, const rules_node *n,
    const char *what, double max, double *value);
/* One of names; *choice gets its index. */
int rules_node_enum(rules_loader *ld, const rules_node *n, const char *what,
    const char *const *names, size_t count, int *choice);
/* A list: *count gets its length. */
int rules_node_list(rules_loader *ld, const rules_node *n, const char *what,
    size_t *count);
/* A mapping: *count gets its number of keys. */
int rules_node_map(rules_loader *ld, const rules_node *n, const char *what,
    size_t *count);
/*
 * A mapping whose keys must be among names, each at most once; values[i]
 * gets the value of names[i], keys[i] its key, NULL when absent.
 */
int rules_node_keys(rules_loader *ld, const rules_node *n, const char *where,
    const char *const *names, size_t count, const rules_node **keys,
    const rules_node **values);

/* Entry i of a list; key and value of entry i of a mapping. */
const rules_node *rules_node_item(const rules_node *n, size_t i);
const rules_node *rules_node_key(const rules_node *n, size_t i);
const rules_node *rules_node_value(const rules_node *n, size_t i);
unsigned long rules_node_line(const rules_node *n);
unsigned long rules_node_column(const rules_node *n);

#endif
