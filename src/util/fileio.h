/*
 * fileio: the few file operations several stages share: a new temporary
 * file under $TMPDIR, and writing a whole buffer to a descriptor.
 */
#ifndef LC_FILEIO_H
#define LC_FILEIO_H

#include <stddef.h>

/*
 * A new, empty file $TMPDIR/logcompat-TAG.XXXXXX (/tmp when TMPDIR is
 * unset or empty), open for reading and writing in *fd.  Its path, which
 * the caller frees; on failure the path tried, with *fd -1 and errno set.
 */
char *fileio_temp(const char *tag, int *fd);

/*
 * Write all len bytes, going on after a short write or EINTR.  0, or -1
 * with errno set (ENOSPC when the system wrote nothing and said nothing).
 */
int fileio_write_all(int fd, const char *data, size_t len);

#endif
