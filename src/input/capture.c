/* capture: resolve CAPTURE arguments into stream sources; see capture.h. */
#include "input/capture.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/containerlog.h"
#include "util/xalloc.h"

static const char *const stream_names[LC_STREAM_COUNT] = {
	"stdout", "stderr", "unknown"
};

const char *
capture_stream_name(lc_stream stream)
{
	return stream_names[stream];
}

static void
capture_add(capture *c, char *path, lc_stream stream)
{
	c->sources[c->source_count].path = path;
	c->sources[c->source_count].stream = stream;
	c->source_count++;
	if (stream == LC_STREAM_STDOUT)
		c->has_stdout = true;
	else if (stream == LC_STREAM_STDERR)
		c->has_stderr = true;
}

/* Both streams of one container log. */
static void
capture_add_container(capture *c, const char *path, containerlog_format format)
{
	capture_add(c, xstrdup(path), LC_STREAM_STDOUT);
	capture_add(c, xstrdup(path), LC_STREAM_STDERR);
	c->sources[c->source_count - 2].container = (int)format;
	c->sources[c->source_count - 1].container = (int)format;
}

/* A stream file inside a capture directory, if it is there. */
static int
capture_add_member(capture *c, const char *dir, const char *file,
    lc_stream stream, char **cause)
{
	size_t dir_len = strlen(dir);

	/* "capture/" names the same folder as "capture". */
	while (dir_len > 1 && dir[dir_len - 1] == '/')
		dir_len--;
	char *path = xasprintf("%.*s/%s", (int)dir_len, dir, file);
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT) {
			free(path);
			return 0;
		}
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s is a directory, not a stream file", path);
		free(path);
		return -1;
	}
	/*
	 * capture.log is a container log by name, CRI unless its first
	 * records are Docker json-file; an empty one (a command that wrote
	 * nothing) leaves the stream files.
	 */
	if (stream == LC_STREAM_UNKNOWN) {
		if (st.st_size > 0)
			capture_add_container(c, path, S_ISREG(st.st_mode) &&
			    containerlog_sniff_file(path) ==
			    CONTAINERLOG_DOCKER ? CONTAINERLOG_DOCKER :
			    CONTAINERLOG_CRI);
		free(path);
		return 0;
	}
	capture_add(c, path, stream);
	return 0;
}

int
capture_resolve(const char *arg, capture *out, char **cause)
{
	struct stat st;

	memset(out, 0, sizeof *out);
	out->name = xstrdup(arg);
	if (strcmp(arg, "-") == 0) {
		capture_add(out, xstrdup("-"), LC_STREAM_UNKNOWN);
		return 0;
	}
	if (stat(arg, &st) != 0) {
		*cause = xasprintf("cannot read %s: %s", arg, strerror(errno));
		capture_free(out);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		/*
		 * Only a regular file can be sniffed and then read again
		 * (twice, once per stream): a pipe, FIFO or device is read
		 * once, as a plain stream.
		 */
		containerlog_format format = S_ISREG(st.st_mode) ?
		    containerlog_sniff_file(arg) : CONTAINERLOG_NONE;
		if (format != CONTAINERLOG_NONE)
			capture_add_container(out, arg, format);
		else
			capture_add(out, xstrdup(arg), LC_STREAM_UNKNOWN);
		return 0;
	}
	/* A directory's capture.log holds the streams and their times. */
	if (capture_add_member(out, arg, "capture.log", LC_STREAM_UNKNOWN,
	    cause) != 0) {
		capture_free(out);
		return -1;
	}
	if (out->source_count > 0)
		return 0;
	if (capture_add_member(out, arg, "stdout.log", LC_STREAM_STDOUT,
	    cause) != 0 || capture_add_member(out, arg, "stderr.log",
	    LC_STREAM_STDERR, cause) != 0) {
		capture_free(out);
		return -1;
	}
	if (out->source_count == 0) {
		*cause = xasprintf("%s: a capture directory must hold "
		    "stdout.log or stderr.log", arg);
		capture_free(out);
		return -1;
	}
	return 0;
}

int
capture_from_streams(const char *stdout_path, const char *stderr_path,
    capture *out, char **cause)
{
	const char *paths[2] = { stdout_path, stderr_path };
	const lc_stream streams[2] = { LC_STREAM_STDOUT, LC_STREAM_STDERR };
	struct stat st;

	memset(out, 0, sizeof *out);
	/*
	 * A pair is named by both files: findings about the whole capture
	 * (level shares) are not about one stream.
	 */
	out->name = stdout_path != NULL && stderr_path != NULL ?
	    xasprintf("%s + %s", stdout_path, stderr_path) :
	    xstrdup(stdout_path != NULL ? stdout_path : stderr_path);
	for (size_t i = 0; i < 2; i++) {
		if (paths[i] == NULL)
			continue;
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) != 0) {
			*cause = xasprintf("cannot read %s: %s", paths[i],
			    strerror(errno));
			capture_free(out);
			return -1;
		}
		capture_add(out, xstrdup(paths[i]), streams[i]);
	}
	return 0;
}

void
capture_free(capture *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->source_count; i++) {
		free(c->sources[i].path);
		free(c->sources[i].spool);
	}
	free(c->name);
	memset(c, 0, sizeof *c);
}
