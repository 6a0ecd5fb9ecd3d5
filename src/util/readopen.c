/* readopen: open for reading, saying when a FIFO waits; see readopen.h. */
#include "util/readopen.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

/*
 * Wait until a FIFO opened without blocking has a writer that wrote or
 * left.  On Linux, poll(2) on such a FIFO reports nothing until a writer
 * came, then POLLIN, or POLLHUP once every writer left.
 */
static int
readopen_wait_writer(int fd, const char *path)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int timeout = READOPEN_NOTICE_MS, ready;

	for (;;) {
		ready = poll(&p, 1, timeout);
		if (ready > 0)
			return 0;
		if (ready < 0 && errno != EINTR)
			return -1;
		if (ready == 0 && timeout > 0) {
			fprintf(stderr, "logcompat: waiting for a writer on "
			    "the FIFO %s\n", path);
			timeout = -1;
		}
	}
}

int
readopen(const char *path, char **cause)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) != 0)
		goto fail_close;
	if (S_ISFIFO(st.st_mode) && readopen_wait_writer(fd, path) != 0)
		goto fail_close;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		goto fail_close;
	return fd;
fail_close:;
	int saved = errno;
	close(fd);
	errno = saved;
fail:;
	int error = errno;
	*cause = xasprintf("cannot open %s: %s", path, strerror(error));
	errno = error;
	return -1;
}
