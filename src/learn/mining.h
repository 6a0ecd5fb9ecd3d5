/*
 * mining: `logcompat templates`: the message templates of captures, with
 * counts and an example each, or the template id of every line.
 */
#ifndef LC_MINING_H
#define LC_MINING_H

#include <stdbool.h>
#include <stdio.h>

#include "input/capture.h"
#include "decode/rules.h"

typedef enum { MINING_TEXT, MINING_JSON } mining_format;

/*
 * Mine the lines of every capture, in order: a container log's in the
 * file's order, a capture directory's stdout.log before its stderr.log.
 * Malformed container-log records are left out and counted (in the
 * output, or on stderr with per_line text).  With rules, a log line's
 * message is mined with its level and leading emoji kept apart, and a
 * foreign line whole; without rules every line is a message.  With
 * per_line, writes the template id of each line instead of the list.
 * Returns 0, or -1 with *cause (read or write error).
 */
int mining_run(const rules *r, const capture *captures, size_t count,
    bool per_line, mining_format format, FILE *out, char **cause);

#endif
