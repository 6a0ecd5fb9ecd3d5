/* spool: copies of sources that cannot be read twice; see spool.h. */
#include "input/spool.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/readopen.h"
#include "util/fileio.h"
#include "util/xalloc.h"

/*
 * The files to remove, read by the signal handler: it only walks the
 * array, which grows while the signals are blocked.
 */
static char **spool_files;
static volatile sig_atomic_t spool_file_count;
static bool spool_guarded;

/* SIGPIPE too: a report piped into head(1) ends with it. */
static const int spool_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void
spool_unlink_all(void)
{
	for (sig_atomic_t i = 0; i < spool_file_count; i++)
		unlink(spool_files[i]);
}

static void
spool_signal(int sig)
{
	spool_unlink_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Hold off the signals that remove the spool files; *old to restore. */
static void
spool_block_signals(sigset_t *old)
{
	sigset_t block;

	sigemptyset(&block);
	for (size_t i = 0; i < sizeof spool_signals / sizeof spool_signals[0];
	    i++)
		sigaddset(&block, spool_signals[i]);
	sigprocmask(SIG_BLOCK, &block, old);
}

void
spool_remove_all(void)
{
	sigset_t old_mask;

	spool_block_signals(&old_mask);
	spool_unlink_all();
	for (sig_atomic_t i = 0; i < spool_file_count; i++)
		free(spool_files[i]);
	free(spool_files);
	spool_files = NULL;
	spool_file_count = 0;
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

static void
spool_at_exit(void)
{
	spool_remove_all();
}

/* Install the guards once, the first time a file is spooled. */
static void
spool_guard(void)
{
	struct sigaction sa;

	if (spool_guarded)
		return;
	spool_guarded = true;
	atexit(spool_at_exit);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = spool_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof spool_signals / sizeof spool_signals[0];
	    i++) {
		struct sigaction old;
		/* A signal the caller chose to ignore stays ignored. */
		if (sigaction(spool_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(spool_signals[i], &sa, NULL);
	}
}

/* A new, empty temporary file, registered for removal; fd open on it. */
static char *
spool_create(int *fd, char **cause)
{
	char *path;
	sigset_t old_mask;

	spool_guard();
	/* No signal between creating the file and registering it. */
	spool_block_signals(&old_mask);
	path = fileio_temp("spool", fd);
	if (*fd >= 0) {
		spool_files = xreallocarray(spool_files,
		    (size_t)spool_file_count + 1, sizeof *spool_files);
		spool_files[spool_file_count] = xstrdup(path);
		spool_file_count++;
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (*fd < 0) {
		*cause = xasprintf("cannot create a spool file %s: %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

/* Copy everything from in to out; -1 with *cause naming what failed. */
static int
spool_copy(int in, int out, const char *from, const char *to, char **cause)
{
	char buffer[65536];
	ssize_t got;

	while ((got = read(in, buffer, sizeof buffer)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			*cause = xasprintf("read error on %s: %s", from,
			    strerror(errno));
			return -1;
		}
		if (fileio_write_all(out, buffer, (size_t)got) != 0) {
			*cause = xasprintf("cannot spool %s to %s: %s", from,
			    to, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Read path (- for standard input) once into a new spool file. */
static char *
spool_file(const char *path, char **cause)
{
	bool from_stdin = strcmp(path, "-") == 0;
	const char *from = from_stdin ? "standard input" : path;
	int in, out;
	char *spooled;

	if (from_stdin)
		in = STDIN_FILENO;
	else if ((in = readopen(path, cause)) == -1)
		return NULL;
	if ((spooled = spool_create(&out, cause)) == NULL) {
		if (!from_stdin)
			close(in);
		return NULL;
	}
	int copied = spool_copy(in, out, from, spooled, cause);
	if (!from_stdin)
		close(in);
	if (close(out) != 0 && copied == 0) {
		*cause = xasprintf("cannot spool %s to %s: %s", from, spooled,
		    strerror(errno));
		copied = -1;
	}
	if (copied != 0) {
		free(spooled);
		return NULL;
	}
	return spooled;
}

bool
spool_rereadable(const capture_source *src)
{
	struct stat st;

	if (src->spool != NULL)
		return true;
	if (strcmp(src->path, "-") == 0)
		return false;
	/* What cannot be looked at is the reader's to report. */
	return stat(src->path, &st) != 0 || S_ISREG(st.st_mode) ||
	    S_ISDIR(st.st_mode);
}

bool
spool_captures_rereadable(const capture *captures, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		for (size_t k = 0; k < captures[i].source_count; k++) {
			if (!spool_rereadable(&captures[i].sources[k]))
				return false;
		}
	}
	return true;
}

/* An earlier source on the same path that was spooled already. */
static const char *
spool_shared(const capture *captures, size_t c, size_t k)
{
	const char *path = captures[c].sources[k].path;

	for (size_t i = 0; i <= c; i++) {
		size_t end = i == c ? k : captures[i].source_count;
		for (size_t j = 0; j < end; j++) {
			if (captures[i].sources[j].spool != NULL &&
			    strcmp(captures[i].sources[j].path, path) == 0)
				return captures[i].sources[j].spool;
		}
	}
	return NULL;
}

int
spool_captures(capture *captures, size_t count, char **cause)
{
	for (size_t i = 0; i < count; i++) {
		for (size_t k = 0; k < captures[i].source_count; k++) {
			capture_source *src = &captures[i].sources[k];
			const char *shared;

			if (spool_rereadable(src))
				continue;
			if ((shared = spool_shared(captures, i, k)) != NULL)
				src->spool = xstrdup(shared);
			else if ((src->spool = spool_file(src->path,
			    cause)) == NULL)
				return -1;
		}
	}
	return 0;
}
