/*
 * Fuzz target: container log records, CRI and Docker json-file.  Byte 0
 * picks the reader's stream, max-line and whether it reports malformed
 * records; the rest is the file.  Each line of it goes through
 * containerlog_parse_record in both formats, from an exact-size copy so
 * that a read past its end is caught, then the whole file through
 * containerlog_sniff and the reader.  Beyond the sanitizers, it checks
 * that a record's content lies within its record (CRI) or is no longer
 * than it (Docker, decoded), that a fault offset is within the record,
 * and that times fall in the years the parser accepts.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "input/containerlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1678-01-01T00:00:00Z less a day, 2262-12-31T23:59:60Z plus a day. */
#define FUZZ_TIME_MIN ((-9214560000LL - 86400) * 1000000000LL)
#define FUZZ_TIME_MAX INT64_MAX

static void
fuzz_record(containerlog_format format, const uint8_t *data, size_t len)
{
	/* Exact size, so ASan sees a read one byte past the record. */
	char *buf = malloc(len ? len : 1);
	containerlog_record rec;
	char *cause = NULL;
	size_t at = (size_t)-1;

	if (buf == NULL)
		abort();
	if (len)
		memcpy(buf, data, len);
	if (containerlog_parse_record(format, buf, len, &rec, &at, &cause) ==
	    0) {
		if (cause != NULL || rec.content_len > len ||
		    (rec.stream != LC_STREAM_STDOUT &&
		    rec.stream != LC_STREAM_STDERR) ||
		    rec.time_ns < FUZZ_TIME_MIN || rec.time_ns > FUZZ_TIME_MAX)
			abort();
		if (format == CONTAINERLOG_CRI &&
		    (rec.decoded != NULL || rec.content < buf ||
		    rec.content + rec.content_len > buf + len))
			abort();
		if (format == CONTAINERLOG_DOCKER && rec.content_len > 0 &&
		    rec.content != rec.decoded)
			abort();
		containerlog_record_clear(&rec);
	} else {
		if (cause == NULL || at > len || strchr(cause, '\n') != NULL)
			abort();
		free(cause);
	}
	free(buf);
}

static void
fuzz_reader(const char *path, containerlog_format format, lc_stream stream,
    bool report, size_t max_line, size_t size, unsigned long records)
{
	containerlog_line out;
	char *cause = NULL;
	int got;

	containerlog_reader *r = containerlog_open(path, format, stream,
	    report, max_line, &cause);
	if (r == NULL) {
		if (cause == NULL)
			abort();
		free(cause);
		return;
	}
	while ((got = containerlog_next(r, &out, &cause)) == 1) {
		/* A joined line comes when its last record does, so line
		 * numbers need not rise; they stay among the records. */
		if (out.line.number < 1 || out.line.number > records ||
		    out.line.len > size)
			abort();
		if (out.malformed) {
			if (!report || out.message == NULL ||
			    out.at > out.line.len)
				abort();
		} else if (stream != LC_STREAM_UNKNOWN && out.stream != stream)
			abort();
	}
	if (got != 0) {
		if (cause == NULL)
			abort();
		free(cause);
	}
	containerlog_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const lc_stream streams[] = { LC_STREAM_STDOUT,
		LC_STREAM_STDERR, LC_STREAM_UNKNOWN, LC_STREAM_UNKNOWN };

	if (size < 1)
		return 0;
	uint8_t options = data[0];
	data++;
	size--;

	/* Each line a record, in both formats. */
	unsigned long records = 0;
	for (size_t start = 0; start <= size; records++) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - data) : size;
		fuzz_record(CONTAINERLOG_CRI, data + start, end - start);
		fuzz_record(CONTAINERLOG_DOCKER, data + start, end - start);
		start = end + 1;
	}

	char *copy = malloc(size ? size : 1);
	if (copy == NULL)
		abort();
	if (size)
		memcpy(copy, data, size);
	containerlog_format sniffed = containerlog_sniff(copy, size);
	free(copy);
	if (sniffed != CONTAINERLOG_NONE && sniffed != CONTAINERLOG_CRI &&
	    sniffed != CONTAINERLOG_DOCKER)
		abort();

	int fd = fuzz_file("fuzz_containerlog", data, size);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	/* max-line's floor is 64; small ones cut records often. */
	size_t max_line = options & 0x40 ? 64 + (options & 0x3f) : 1048576;
	containerlog_format format = options & 0x80 ? CONTAINERLOG_DOCKER :
	    CONTAINERLOG_CRI;
	fuzz_reader(path, format, streams[options & 3], options & 4, max_line,
	    size, records);
	if (sniffed != CONTAINERLOG_NONE && sniffed != format)
		fuzz_reader(path, sniffed, streams[options & 3], options & 4,
		    max_line, size, records);
	close(fd);
	return 0;
}
