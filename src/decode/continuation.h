/*
 * continuation: whether a line continues the record before it, after a
 * rule file's `continuation` (a Python traceback's lines under the log
 * line that printed it, a Java stack trace's "\tat ..." lines).  A line
 * continues a record when it matches `continuation` and could not start
 * a record itself: `line` neither matches it nor, tried as a partial
 * match from the line's start, could match it with more lines after it
 * (java.util.logging's first line, whose `line` spans two).  Reading joins the lines
 * (input/source.h); this module only answers, for one thread.  It owns
 * its match data and borrows the rules, which must outlive it.
 */
#ifndef LC_CONTINUATION_H
#define LC_CONTINUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/rules.h"

typedef struct continuation continuation;

/* NULL when the rules have no `continuation`: every record is a line. */
continuation *continuation_new(const rules *r);
void continuation_free(continuation *c);

/*
 * Whether the line continues the record before it; data is the
 * continuation, so that this is a source_continues_fn.
 */
bool continuation_continues(void *data, const char *text, size_t len);

#endif
