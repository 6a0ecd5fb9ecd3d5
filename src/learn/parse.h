/*
 * parse: `logcompat parse`, what a rule file reads in each record of
 * captures: its file, line, stream, verdict and every decoded field (time,
 * level, message, emoji and each named field), as text or as one JSON
 * object per record.  It is how a rule author sees what a rule extracts.
 * It streams: nothing is kept from one record to the next.
 */
#ifndef LC_PARSE_H
#define LC_PARSE_H

#include <stdio.h>

#include "input/capture.h"
#include "decode/rules.h"

typedef enum { PARSE_TEXT, PARSE_JSON } parse_format;

/*
 * Parse every record of every capture with r, in order: a container log's
 * in the file's order, a capture directory's stdout.log before its
 * stderr.log; malformed container-log records are left out.  Returns 0,
 * or -1 with *cause (read or write error).
 */
int parse_run(const rules *r, const capture *captures, size_t count,
    parse_format format, FILE *out, char **cause);

#endif
