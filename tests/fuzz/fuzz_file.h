/*
 * fuzz_file: the fuzz input as a file, read from its start, for targets
 * whose code under test reads files; memfd keeps it off the disk.
 */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	int fd = memfd_create(name, 0);

	if (fd == -1)
		abort();
	for (size_t done = 0; done < size;) {
		ssize_t wrote = write(fd, data + done, size - done);
		if (wrote <= 0)
			abort();
		done += (size_t)wrote;
	}
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

#endif
