/*
 * html: a check report as one self-contained HTML page, to read in a
 * browser or keep as a CI artifact: the verdict, the counts per stream,
 * the levels as a chart, the findings by id with examples and a timeline
 * of the findings along each capture.  CSS and SVG are inline; the page
 * has no script and loads nothing from anywhere.
 */
#ifndef LC_HTML_H
#define LC_HTML_H

#include <stdio.h>

#include "decode/rules.h"
#include "judge/report.h"

/* r (may be NULL) describes the rule file's own checks.  0, or -1. */
int html_write(FILE *out, const report *rep, const rules *r);

#endif
