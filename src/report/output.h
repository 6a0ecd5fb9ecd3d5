/*
 * output: writes a check report as text (for a person at a terminal),
 * JSON (for programs; schema in logcompat(1)) or GitHub Actions
 * annotations, and dispatches the formats CI systems read to their own
 * files: SARIF (sarif.c), JUnit XML (junit.c) and HTML (html.c).  It only
 * reads the report.
 */
#ifndef LC_OUTPUT_H
#define LC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "decode/rules.h"
#include "judge/report.h"

typedef enum {
	OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_GITHUB, OUTPUT_SARIF, OUTPUT_JUNIT,
	OUTPUT_HTML
} output_format;

/* Returns 0, or -1 when writing failed. */
int output_check(FILE *out, const report *rep, output_format format,
    bool color);
/*
 * The same, with the rule file the report was made with, whose checks'
 * messages describe their finding ids in SARIF, JUnit and HTML (r may be
 * NULL).
 */
int output_check_rules(FILE *out, const report *rep, output_format format,
    bool color, const rules *r);

#endif
