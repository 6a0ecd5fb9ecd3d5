/*
 * outfile: where a report or profile goes (-o FILE, or standard output),
 * written whole or not at all.  A regular file, or one not there yet, is
 * written to a new file beside it and renamed into place by
 * outfile_commit, so that a failed run leaves the old file as it was and
 * never half a report; outfile_abort removes what was written.  Anything
 * else (standard output, /dev/null, a FIFO, a terminal) is written
 * directly.  outfile_same_as refuses an output that is one of the inputs
 * before anything is opened for writing.
 */
#ifndef LC_OUTFILE_H
#define LC_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct outfile outfile;

/*
 * Whether path (NULL or "-" for standard output) names the same file as
 * input, by device and inode, so that links and other spellings count.
 * An input that cannot be looked at is not the same.
 */
bool outfile_same_as(const char *path, const char *input);

/* NULL or "-" is standard output.  NULL with *cause set on error. */
outfile *outfile_open(const char *path, char **cause);
FILE *outfile_stream(const outfile *o);
/* The name to use in messages ("<stdout>" for standard output). */
const char *outfile_name(const outfile *o);
/*
 * Flush, close and put the file in place; frees o.  -1 with *cause set
 * when anything failed, and then the old file is left as it was.
 */
int outfile_commit(outfile *o, char **cause);
/* Drop what was written (standard output: only flush); frees o. */
void outfile_abort(outfile *o);

#endif
