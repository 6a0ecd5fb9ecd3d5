/*
 * samples: a rule file's sample lines are checked against the rules as
 * soon as they load, so a rule file cannot contradict its own examples.
 */
#ifndef LC_SAMPLES_H
#define LC_SAMPLES_H

#include "util/error.h"
#include "decode/rules.h"

/* Returns 0, or -1 with err at the first sample that does not hold. */
int samples_verify(const rules *r, lc_error *err);

#endif
