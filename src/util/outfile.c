/* outfile: a report or profile written whole or not at all; see outfile.h. */
/* realpath is XSI. */
#define _XOPEN_SOURCE 700

#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

struct outfile {
	FILE *stream;
	char *name;		/* as given, for messages */
	char *target;		/* the file renamed onto, NULL when direct */
	char *temporary;	/* the file written, NULL when direct */
};

bool
outfile_same_as(const char *path, const char *input)
{
	struct stat out_st, in_st;

	if (path == NULL || strcmp(path, "-") == 0 || input == NULL ||
	    strcmp(input, "-") == 0)
		return false;
	if (stat(path, &out_st) != 0 || stat(input, &in_st) != 0)
		return false;
	return out_st.st_dev == in_st.st_dev && out_st.st_ino == in_st.st_ino;
}

/* A new file beside target, opened exclusively; NULL with errno set. */
static FILE *
outfile_create_beside(const char *target, char **temporary)
{
	const char *slash = strrchr(target, '/');
	int dir_len = slash != NULL ? (int)(slash - target) + 1 : 0;
	const char *base = target + dir_len;
	static unsigned long serial;

	for (int attempt = 0; attempt < 100; attempt++) {
		char *name = xasprintf("%.*s.%s.%ld.%lu.tmp", dir_len, target,
		    base, (long)getpid(), serial++);
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (fd >= 0) {
			FILE *f = fdopen(fd, "w");
			if (f == NULL) {
				int saved = errno;
				close(fd);
				unlink(name);
				free(name);
				errno = saved;
				return NULL;
			}
			*temporary = name;
			return f;
		}
		free(name);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

outfile *
outfile_open(const char *path, char **cause)
{
	outfile *o = xcalloc(1, sizeof *o);
	struct stat st;

	if (path == NULL || strcmp(path, "-") == 0) {
		o->stream = stdout;
		o->name = xstrdup("<stdout>");
		return o;
	}
	o->name = xstrdup(path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* A device, FIFO or terminal: there is nothing to replace. */
		o->stream = fopen(path, "w");
		if (o->stream == NULL)
			goto fail;
		return o;
	}
	/* Through a link, the file it names is the one replaced. */
	char *resolved = realpath(path, NULL);
	o->target = resolved != NULL ? resolved : xstrdup(path);
	o->stream = outfile_create_beside(o->target, &o->temporary);
	if (o->stream == NULL)
		goto fail;
	/* A file replaced keeps its permissions. */
	if (stat(o->target, &st) == 0)
		(void)fchmod(fileno(o->stream), st.st_mode & 07777);
	return o;
fail:
	*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
	free(o->target);
	free(o->name);
	free(o);
	return NULL;
}

FILE *
outfile_stream(const outfile *o)
{
	return o->stream;
}

const char *
outfile_name(const outfile *o)
{
	return o->name;
}

static void
outfile_release(outfile *o)
{
	free(o->name);
	free(o->target);
	free(o->temporary);
	free(o);
}

int
outfile_commit(outfile *o, char **cause)
{
	int failed = fflush(o->stream) != 0 || ferror(o->stream);
	int error = failed ? errno : 0;

	if (o->stream != stdout && fclose(o->stream) != 0 && !failed) {
		failed = 1;
		error = errno;
	}
	if (!failed && o->temporary != NULL &&
	    rename(o->temporary, o->target) != 0) {
		failed = 1;
		error = errno;
	}
	if (failed) {
		if (o->temporary != NULL)
			unlink(o->temporary);
		*cause = error != 0 ? xasprintf("cannot write %s: %s",
		    o->name, strerror(error)) :
		    xasprintf("cannot write %s", o->name);
	}
	outfile_release(o);
	return failed ? -1 : 0;
}

void
outfile_abort(outfile *o)
{
	if (o == NULL)
		return;
	if (o->stream == stdout)
		fflush(stdout);
	else
		fclose(o->stream);
	if (o->temporary != NULL)
		unlink(o->temporary);
	outfile_release(o);
}
