/*
 * baseline_scan: a baseline (see decode/baseline.h) from captures judged
 * by their rules, and the profile, a rule file with its baseline, that
 * infer writes from it.
 */
#ifndef LC_BASELINE_SCAN_H
#define LC_BASELINE_SCAN_H

#include "decode/baseline.h"
#include "decode/rules.h"
#include "input/capture.h"
#include "learn/infer.h"

/* An empty baseline for captures judged by r (baseline_new). */
baseline *baseline_for(const rules *r, const char *layout);

/*
 * Count every line of a capture, judged by r, adding the malformed
 * container-log records left out to *skipped (may be NULL); -1 with
 * *cause on a read error.
 */
int baseline_scan(baseline *b, const rules *r, const capture *c,
    uint64_t *skipped, char **cause);

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
