/*
 * compare_output: writes a compare_result as text (for a person at a
 * terminal), Markdown (a report to paste into a pull request), JSON (for
 * programs), JUnit XML (for CI test views), SARIF 2.1.0 (code scanning),
 * GitHub workflow commands (annotations) or one HTML page (a report with
 * charts, for people).  compare.c gives facts only:
 * verdicts, their reasons, counts, lists and example lines.  Every
 * sentence, table and JSON value is made here from them, once for all
 * formats, so that every format says the same.
 */
#ifndef LC_COMPARE_OUTPUT_H
#define LC_COMPARE_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "learn/compare.h"

typedef enum {
	COMPARE_TEXT, COMPARE_MARKDOWN, COMPARE_JSON, COMPARE_JUNIT,
	COMPARE_SARIF, COMPARE_GITHUB, COMPARE_HTML
} compare_format;

/* Parse a -f value; returns false when it names no format. */
bool compare_output_parse_format(const char *name, compare_format *format);

/* Returns 0, or -1 when writing failed. */
int compare_output(FILE *out, const compare_result *result,
    compare_format format, bool color);

#endif
