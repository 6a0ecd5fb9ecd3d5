/*
 * profile: a learned rule file (a profile) inferred from captures: the
 * format inferred from a sniff of their start, then one reading of them
 * that counts the baseline and checks that the profile holds them.
 */
#ifndef LC_PROFILE_H
#define LC_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "input/capture.h"
#include "learn/infer.h"
#include "decode/rules.h"

/*
 * Read the start of a capture into an inference: at most sniff lines of
 * the first source (0: all of them), and of the others as many as bring
 * their layouts level with it (at most 4 * sniff), counting the
 * malformed container-log records left out (once: both streams' readers
 * see them).  *complete says whether every line was read.  0, or -1 on a
 * read error.
 */
int profile_infer_feed(infer *in, const capture *c, size_t sniff,
    uint64_t *skipped, bool *complete, char **cause);

/*
 * The rules of an inferred format (named name; from names the captures
 * in messages), checked to hold their samples; NULL with *cause.
 */
rules *profile_format_rules(const infer_format *format, const char *name,
    const char *from, char **cause);

/*
 * Infer a format from a sniff of a capture's start: the rules, and the
 * rule file text for people (*yaml, caller frees); with format, the
 * inferred format too (caller frees).  NULL with *cause when no layout
 * fits.
 */
rules *profile_infer_rules(const capture *c, const char *name, char **yaml,
    infer_format *format, char **cause);

/*
 * The rule file inferred from the lines of several captures together (a
 * sniff of each), with the baseline of all their lines (see
 * decode/baseline.h), checked to hold its samples (caller frees; NULL
 * with *cause when no layout fits), and what profile_self_check would
 * find in the same captures, from the same reading of each: the captures
 * are read twice, so an input that cannot be is spooled before (see
 * input/spool.h).  With layout_from, its layout is taken instead of
 * inferred (levels and the emoji policy still come from the counts), so
 * even a capture without log lines gives a profile.  *failing and *ids
 * as profile_self_check gives them; a failure of the check itself goes to
 * *check_cause (caller frees; may be NULL: no check), not *cause.
 */
char *profile_infer_checked(const capture *captures, size_t count,
    const char *name, const rules *layout_from, uint64_t *failing,
    char **ids, char **check_cause, char **cause);

/*
 * The format of a rule file as infer_rules_yaml takes it: line, time,
 * layout, levels, emoji and stream policies; no samples (free with
 * infer_format_free).
 */
void profile_format_of(const rules *r, infer_format *f);

/*
 * Lines of each source that a capture's own format is inferred from: a
 * sniff of its start, so that the rest is read once.
 */
#define PROFILE_SNIFF_LINES 8192

/* A capture's layout counts as the format's when this share of it fits. */
#define PROFILE_LAYOUT_FIT_SHARE 0.9

/* Finding ids profile_self_check lists before "...". */
#define PROFILE_SELF_CHECK_IDS 3

/*
 * Check the captures against the profile r (named name in messages), as
 * `logcompat check -r` would: *failing gets the findings that fail
 * (errors), *ids the first PROFILE_SELF_CHECK_IDS of their ids, comma
 * separated (caller frees; "" for none).  Returns 0, or -1 with *cause.
 * infer uses it to warn when its own captures will not pass.
 */
int profile_self_check(const rules *r, const char *name,
    const capture *captures, size_t count, uint64_t *failing, char **ids,
    char **cause);

#endif
