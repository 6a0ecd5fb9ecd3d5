/*
 * baseline_scan: a baseline (see decode/baseline.h) counted from the
 * lines of captures as their check judges them, and the profile, a rule
 * file with its baseline, that infer writes from it.
 */
#ifndef LC_BASELINE_SCAN_H
#define LC_BASELINE_SCAN_H

#include "decode/baseline.h"
#include "decode/rules.h"
#include "judge/report.h"
#include "input/capture.h"
#include "judge/judge.h"
#include "learn/infer.h"

/* An empty baseline for captures judged by r (baseline_new). */
baseline *baseline_for(const rules *r, const char *layout);

/*
 * Counts the lines of captures into a baseline as a check reads them
 * (a check_each_fn of judge/check.h), in the order of their sources: with
 * in_order false (the sources read at once, see check_reads_at_once), the
 * lines of a source after the first are held until the capture is read,
 * then counted by baseline_counter_flush.  The counter borrows b.
 */
typedef struct baseline_counter baseline_counter;

baseline_counter *baseline_counter_new(baseline *b, bool in_order);
void baseline_counter_free(baseline_counter *bc);
void baseline_counter_each(void *data, size_t source, const lc_record *rec,
    const judge_result *res);
/* Count the lines held, once a capture is read; -1 with *cause. */
int baseline_counter_flush(baseline_counter *bc, char **cause);

/*
 * Count every record of a capture, judged by r, into b, in a reading of
 * its own; the check's counts go to rep, or nowhere when rep is NULL.
 * The malformed container-log records left out are added to *skipped
 * (may be NULL).  -1 with *cause on a read error.
 */
int baseline_scan(baseline *b, const rules *r, const capture *c,
    report *rep, uint64_t *skipped, char **cause);

/*
 * The `emoji` policy the vocabulary implies (none: no message is led by
 * an emoji; required: every one is; else optional), or fallback without
 * a vocabulary.
 */
rules_emoji baseline_emoji_policy(const baseline *b, rules_emoji fallback);

/*
 * The rules of a profile, f's format with b (taken over) for baseline,
 * checked to hold their samples, and their rule file (*yaml, as
 * infer_rules_yaml writes the format, then baseline_yaml; caller frees).
 * NULL with *cause.
 */
rules *baseline_profile(const infer_format *f, baseline *b,
    const char *name, char **yaml, char **cause);

#endif
