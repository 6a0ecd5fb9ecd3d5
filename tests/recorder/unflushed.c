/*
 * unflushed: a recorder test child.  Writes N numbered lines to stdout with
 * stdio (block buffered on a pipe, so they leave only at exit) and the same
 * lines to stderr (unbuffered).  After each stderr line it waits until the
 * reader has emptied the pipe, so every stderr line is read before stdout
 * is flushed.  "unflushed N MS" then sleeps MS milliseconds before it
 * exits, so that stdout arrives that much after stderr.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long count = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
	long linger_ms = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	struct timespec pause = { 0, 1000000 };

	for (long i = 0; i < count; i++) {
		printf("line %ld\n", i);
		fprintf(stderr, "line %ld\n", i);
		for (;;) {
			int pending = 0;
			if (ioctl(STDERR_FILENO, FIONREAD, &pending) == -1 ||
			    pending == 0)
				break;
			nanosleep(&pause, NULL);
		}
	}
	struct timespec linger = { linger_ms / 1000, linger_ms % 1000 * 1000000 };
	nanosleep(&linger, NULL);
	return 0;
}
