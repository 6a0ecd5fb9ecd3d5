/*
 * sarif: a check report as SARIF 2.1.0, which GitHub code scanning and
 * GitLab read: one run whose tool.driver.rules describe every finding id
 * the report counted, and one result per listed finding.
 */
#ifndef LC_SARIF_H
#define LC_SARIF_H

#include <stdio.h>

#include "decode/rules.h"
#include "judge/report.h"

/* r (may be NULL) describes the rule file's own checks.  0, or -1. */
int sarif_write(FILE *out, const report *rep, const rules *r);

#endif
