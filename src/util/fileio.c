/* fileio: temporary files and whole writes; see fileio.h. */
#include "util/fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/xalloc.h"

char *
fileio_temp(const char *tag, int *fd)
{
	const char *base = getenv("TMPDIR");
	char *path = xasprintf("%s/logcompat-%s.XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp", tag);

	*fd = mkstemp(path);
	return path;
}

int
fileio_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t done = write(fd, data, len);
		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0)
			return -1;
		/*
		 * A full disk first shortens a write, with errno untouched;
		 * a write of nothing at all would loop for ever.
		 */
		if (done == 0) {
			errno = ENOSPC;
			return -1;
		}
		data += done;
		len -= (size_t)done;
	}
	return 0;
}
