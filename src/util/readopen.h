/*
 * readopen: open a file for reading without hanging silently.  A FIFO
 * with no writer would block open(2) with nothing said; here it is opened
 * without blocking, and when no writer has come within a second, one line
 * on standard error says what is being waited for, before the wait goes
 * on.  Every other kind of file opens as with open(2).
 */
#ifndef LC_READOPEN_H
#define LC_READOPEN_H

/* The milliseconds to wait for a FIFO's writer before saying so. */
#define READOPEN_NOTICE_MS 1000

/*
 * A blocking file descriptor for path, or -1 with *cause set to
 * "cannot open PATH: REASON" and errno to the reason.
 */
int readopen(const char *path, char **cause);

#endif
