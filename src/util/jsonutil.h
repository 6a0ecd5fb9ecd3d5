/*
 * jsonutil: small helpers on top of jansson for the JSON reports: strings
 * made from untrusted bytes, and the two output layouts.  Functions that
 * return a json_t return a new reference the caller owns.
 */
#ifndef LC_JSONUTIL_H
#define LC_JSONUTIL_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/*
 * A JSON string from len untrusted bytes.  Valid UTF-8 is kept as it is;
 * each invalid byte and each NUL byte becomes U+FFFD, since a JSON string
 * from jansson must be valid UTF-8 and NUL-free (a NUL would be legal JSON
 * as \u0000, but consumers in C would cut the string there).  Control
 * characters stay and are escaped on output.  NULL only when jansson runs
 * out of memory.
 */
json_t *jsonutil_string(const char *s, size_t len);

/*
 * Write value indented by 2, keys in insertion order, and a newline.
 * Returns 0, or -1 on a write error.
 */
int jsonutil_dump(FILE *out, const json_t *value);
/* The same, and release value (the _new suffix: it takes the reference). */
int jsonutil_dump_new(FILE *out, json_t *value);
/* The same on one line (JSON Lines): compact, then a newline. */
int jsonutil_dump_compact(FILE *out, const json_t *value);

#endif
