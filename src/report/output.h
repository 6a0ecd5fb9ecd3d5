/*
 * output: writes a check report as text (for a person at a terminal),
 * JSON (for programs; schema in logcompat(1)) or GitHub Actions
 * annotations.  It only reads the report.
 */
#ifndef LC_OUTPUT_H
#define LC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "judge/report.h"

typedef enum { OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_GITHUB } output_format;

/* Returns 0, or -1 when writing failed. */
int output_check(FILE *out, const report *rep, output_format format,
    bool color);

#endif
