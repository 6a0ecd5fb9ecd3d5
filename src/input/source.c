/* source: plain stream files and container logs alike; see source.h. */
#include "input/source.h"

#include <stdlib.h>
#include <string.h>

#include "input/containerlog.h"
#include "util/xalloc.h"

struct source_reader {
	lc_reader *plain;
	containerlog_reader *container;
	uint64_t lines;		/* of the source's stream, from a container */
	lc_stream stream;
};

source_reader *
source_open(const capture_source *src, size_t max_line,
    bool report_malformed, char **cause)
{
	source_reader *r = xcalloc(1, sizeof *r);

	r->stream = src->stream;

	if (src->container != CONTAINERLOG_NONE)
		r->container = containerlog_open(src->path, src->container,
		    src->stream, report_malformed, max_line, cause);
	else
		r->plain = reader_open(src->path, max_line, cause);
	if (r->plain == NULL && r->container == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

int
source_next(source_reader *r, lc_line *line, source_info *info,
    char **cause)
{
	source_info ignored;
	containerlog_line cl;
	int got;

	if (info == NULL)
		info = &ignored;
	memset(info, 0, sizeof *info);
	info->time_ns = SOURCE_TIME_UNKNOWN;
	info->stream = r->stream;
	if (r->plain != NULL)
		return reader_next(r->plain, line, cause);
	got = containerlog_next(r->container, &cl, cause);
	if (got <= 0)
		return got;
	*line = cl.line;
	info->malformed = cl.malformed;
	info->at = cl.at;
	info->message = cl.message;
	if (!cl.malformed) {
		info->stream = cl.stream;
		info->time_ns = cl.time_ns;
		r->lines++;
	}
	return 1;
}

bool
source_rereadable(const source_reader *r)
{
	return r->plain != NULL && reader_rereadable(r->plain);
}

size_t
source_reread(const source_reader *r, uint64_t offset, char *buf, size_t len)
{
	return r->plain != NULL ? reader_reread(r->plain, offset, buf, len) : 0;
}

uint64_t
source_skipped(const source_reader *r)
{
	return r->container != NULL ? containerlog_skipped(r->container) : 0;
}

bool
source_empty(const source_reader *r)
{
	return r->plain != NULL ? reader_bytes(r->plain) == 0 : r->lines == 0;
}

void
source_close(source_reader *r)
{
	if (r == NULL)
		return;
	reader_close(r->plain);
	containerlog_close(r->container);
	free(r);
}
