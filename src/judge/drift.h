/*
 * drift: judges a capture's log lines against the baseline of its rules
 * (see baseline.h) while check reads them: messages like no template of
 * the baseline, leading emoji a level never had, and, once the capture is
 * read, levels whose share of the log lines moved.  One drift per stream
 * and thread; it borrows the rules, which must outlive it.  The first line
 * of each new template or emoji on a stream gets the finding, as the
 * example of its kind.
 */
#ifndef LC_DRIFT_H
#define LC_DRIFT_H

#include <stddef.h>

#include "decode/baseline.h"
#include "judge/judge.h"
#include "judge/report.h"
#include "decode/rules.h"

typedef struct drift drift;

/*
 * The parts of a judged log line (not a foreign one) that a baseline
 * counts: its level, and its message as the leading emoji and the rest.
 */
void drift_parts_of(const char *text, const judge_result *res,
    baseline_parts *parts);

/* NULL when the rules have no baseline: there is nothing to judge. */
drift *drift_new(const rules *r);
void drift_free(drift *d);

/*
 * Judge one log line (not a foreign one) that judge_line judged into res;
 * findings go into res.  Allocates only for a finding.
 */
void drift_line(drift *d, const char *text, judge_result *res);

/*
 * After every stream of a capture: the level-share findings, from the
 * counts of its drifts (NULL entries are skipped), reported against the
 * capture's name.
 */
void drift_capture_end(drift *const *drifts, size_t count, report *rep,
    const char *capture_name);

#endif
