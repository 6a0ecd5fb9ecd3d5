/*
 * spool: a copy of each capture source that cannot be read twice.  A
 * command that reads its captures more than once (the sniff of -r auto,
 * inference before a check) first reads standard input, a pipe, a FIFO or
 * a character device once into a temporary file, and every reading after
 * takes that file (capture_source.spool) while reports still name the
 * source as given (capture_source.path).  Regular files are never copied.
 * The module owns the temporary files: they are removed at exit and on
 * SIGINT, SIGTERM, SIGHUP and SIGPIPE.
 */
#ifndef LC_SPOOL_H
#define LC_SPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "input/capture.h"

/* Whether src can be read again: spooled already, or a regular file. */
bool spool_rereadable(const capture_source *src);
/* Whether every source of the captures can be read again. */
bool spool_captures_rereadable(const capture *captures, size_t count);
/*
 * Spool every source of the captures that cannot be read twice, once
 * each: sources on the same path share one copy.  0, or -1 with *cause
 * set (the copy read so far stays, to be removed at exit).
 */
int spool_captures(capture *captures, size_t count, char **cause);
/* Remove every spooled file now; exit does the same. */
void spool_remove_all(void);

#endif
