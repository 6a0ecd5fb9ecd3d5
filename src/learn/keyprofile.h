/*
 * keyprofile: the profile of captures whose lines are structured records
 * (JSON objects or logfmt lines): a `decode: json|logfmt` rule file with
 * the time, level and message keys their values show, the time format,
 * the level set as written, each top-level key's presence and types, the
 * key order the records keep, samples, and the baseline (templates of
 * the message, levels, emoji, and the key schema) that check judges
 * drift by.  learn/profile.c hands it the captures first; the text
 * inference takes those it declines.
 */
#ifndef LC_KEYPROFILE_H
#define LC_KEYPROFILE_H

#include <stddef.h>

#include "decode/baseline.h"
#include "decode/rules.h"
#include "input/capture.h"

/* Lines of each source whose first bytes tell whether they are records. */
#define KEYPROFILE_SNIFF_LINES	1024

/*
 * The profile of the captures, named name, with the built-in finding ids
 * relaxed (relaxed_count of them) written as warnings.  Returns 1 with
 * its rules (*profile, caller frees) and its rule file (*yaml, caller
 * frees); 0 when most lines are not structured records, nothing set;
 * -1 with *cause.
 */
int keyprofile_infer(const capture *captures, size_t count, const char *name,
    char *const *relaxed, size_t relaxed_count, rules **profile,
    char **yaml, char **cause);

/*
 * The rule file of structured profiles merged (see learn/merge.h): the
 * union of their keys (required where all require them, their types
 * joined), their roles and time format (merge checked that all have the
 * same), the key order all start with, the union of their levels, the
 * emoji policy given, samples from theirs, and b, their baselines merged
 * (borrowed).  NULL with *cause when it does not load.
 */
char *keyprofile_merge(rules *const *profiles, size_t count,
    const char *name, baseline *b, rules_emoji emoji, char **cause);

#endif
