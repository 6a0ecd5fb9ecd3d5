/*
 * merge: `logcompat merge`: one profile (a rule file that logcompat infer
 * wrote, with its baseline) from profiles of shards of the same logs.
 * Counts add up and sets join, so the result does not depend on the order
 * or grouping of the inputs; man/logcompat.1 says what is exact.
 */
#ifndef LC_MERGE_H
#define LC_MERGE_H

#include <stddef.h>

#include "util/error.h"
#include "decode/rules.h"

/*
 * The merged profile of count loaded profiles (caller frees), named name
 * (NULL: their common `format`).  NULL with *cause when they cannot be
 * merged: no baseline, different layouts or names, keys merge cannot
 * carry.
 */
char *merge_profiles(rules *const *profiles, size_t count, const char *name,
    char **cause);

#endif
