/*
 * junit: a check report as JUnit XML, which GitLab (artifacts:reports:
 * junit) and Jenkins (the junit step) read: one testsuite per capture,
 * one testcase per finding id in it, failing when the id's findings are
 * errors.  A capture without findings has one passing testcase.
 */
#ifndef LC_JUNIT_H
#define LC_JUNIT_H

#include <stdio.h>

#include "decode/rules.h"
#include "judge/report.h"

/* r (may be NULL) describes the rule file's own checks.  0, or -1. */
int junit_write(FILE *out, const report *rep, const rules *r);

#endif
