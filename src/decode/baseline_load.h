/*
 * baseline_load: reads the `drift` and `baseline` keys of a rule file
 * being loaded into a baseline (see baseline.h), checking them against
 * what the rest of the file declares.  rules.c calls it with the nodes of
 * its document; errors point at a node, as the rule loader's do.
 */
#ifndef LC_BASELINE_LOAD_H
#define LC_BASELINE_LOAD_H

#include <stddef.h>

#include "decode/baseline.h"
#include "decode/yamldoc.h"

/* What the rules being loaded declare, that their baseline must fit. */
typedef struct {
	baseline_layout fields;	/* the groups of `line` */
	char *const *levels;	/* `levels`; level_count 0 means any */
	size_t level_count;
} baseline_schema;

/*
 * Load `drift` (drift_key and drift, either may be NULL) and `baseline`
 * (may be NULL).  Returns 0 with *out a baseline, or -1 with *out NULL.
 */
int baseline_load(yamldoc *doc, const baseline_schema *schema,
    const yamldoc_node *drift_key, const yamldoc_node *drift,
    const yamldoc_node *base, baseline **out);

#endif
