/*
 * baseline_write: the `drift` and `baseline` keys of a profile as YAML,
 * for the end of a rule file that infer or merge writes.
 */
#ifndef LC_BASELINE_WRITE_H
#define LC_BASELINE_WRITE_H

#include "decode/baseline.h"

/*
 * The `drift` and `baseline` keys as YAML, in a canonical order (the same
 * counts give the same bytes), for the end of a rule file (caller frees).
 */
char *baseline_yaml(const baseline *b);

#endif
