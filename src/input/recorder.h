/*
 * recorder: run a command with its stdout and stderr on two pipes and record
 * them in a capture directory: stdout.log and stderr.log byte for byte, and
 * capture.log in the Kubernetes CRI log format, one record per line or
 * partial chunk, so the arrival order and time of every line is kept:
 *
 *	2026-11-24T14:03:22.123456789Z stdout F a whole line
 *	2026-11-24T14:03:22.123460001Z stderr P a line still open when read
 *
 * F ends a line (its newline is not written); P is a chunk of a line that
 * was still open when the read returned, or a piece of a line longer than
 * RECORDER_CHUNK_MAX.  A last line the command never ended stays P.
 * The recorder owns the files and pipes it opens and closes them all before
 * returning.  The command runs in its own process group, to which SIGINT
 * and SIGTERM are forwarded, once each.  Once the command has exited, the
 * pipes are read until they are quiet for a moment (a background process
 * may hold them open) or a signal comes.
 */
#ifndef LC_RECORDER_H
#define LC_RECORDER_H

/* Longest content of one capture.log record, in bytes. */
#define RECORDER_CHUNK_MAX 16384

typedef struct {
	const char *dir;	/* created if missing (one level) */
	char *const *argv;	/* command and arguments, NULL-terminated */
} recorder_options;

/*
 * Run the command to its end and record it.  Returns the exit status to use
 * (0-255: the command's status, 128+N when signal N killed it, 127 when it
 * was not found and 126 when it could not be executed), or -1 with *cause
 * set on a setup or write error.  When the command could not be executed
 * the status is 126 or 127 and *cause holds a one-line message too.  The
 * caller frees *cause.
 */
int recorder_run(const recorder_options *opts, char **cause);

#endif
