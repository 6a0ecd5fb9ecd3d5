/*
 * Fuzz target: the line reader and the judge with the runpod rules, the
 * path every byte of a capture takes.  The first two bytes choose the
 * reader's buffer size and max-line, so that lines straddle buffer ends
 * and get cut; the rest is the stream.  Beyond the sanitizers, it checks
 * that the reader gives back every byte where it was, and that the fields
 * the judge finds lie within the line.  Each line is judged from an
 * exact-size copy, so that a read past its end is caught.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "judge/judge.h"
#include "input/reader.h"
#include "decode/rules.h"
#include "judge/samples.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rules *runpod;
static judge *judge_runpod;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	lc_error err;

	(void)argc;
	(void)argv;
	runpod = rules_load(FUZZ_RULES_DIR "/runpod.yaml", &err);
	if (runpod == NULL || samples_verify(runpod, &err) != 0) {
		lc_error_print(stderr, &err);
		abort();
	}
	judge_runpod = judge_new(runpod);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t bufsizes[] = { 1, 2, 3, 7, 16, 64, 4096,
		READER_BUFSIZE };
	judge_stream state = { 0 };
	judge_result res = { 0 };
	uint64_t expected_offset = 0;
	unsigned long lines = 0;
	lc_line line;
	char *cause = NULL;
	int got;

	if (size < 2)
		return 0;
	size_t bufsize = bufsizes[data[0] % 8];
	/* max-line's floor is 64; small ones cut lines often. */
	size_t max_line = data[1] < 128 ? 64 + data[1] : 1048576;
	lc_stream stream = data[0] & 0x80 ? LC_STREAM_STDERR : LC_STREAM_STDOUT;
	data += 2;
	size -= 2;

	int fd = fuzz_file("fuzz_judge", data, size);
	lc_reader *reader = reader_open_fd_sized(fd, "fuzz", max_line, bufsize);
	while ((got = reader_next(reader, &line, &cause)) == 1) {
		/* Every byte is where the reader says, and none is lost. */
		if (line.offset != expected_offset || line.len > max_line ||
		    line.truncated != (line.full_len > max_line) ||
		    line.offset + line.full_len > size ||
		    memcmp(line.text, data + line.offset, line.len) != 0 ||
		    memchr(line.text, '\n', line.len) != NULL)
			abort();
		expected_offset += line.full_len;
		if (line.crlf) {
			if (data[expected_offset] != '\r')
				abort();
			expected_offset++;
		}
		if (line.newline) {
			if (expected_offset >= size ||
			    data[expected_offset] != '\n')
				abort();
			expected_offset++;
		} else if (expected_offset != size)
			abort();
		if (line.number != ++lines)
			abort();

		/* An exact-size copy: the reader's buffer goes on past the
		 * line, which would hide a read past its end from ASan. */
		char *text = malloc(line.len ? line.len : 1);
		if (text == NULL)
			abort();
		if (line.len)
			memcpy(text, line.text, line.len);
		lc_record rec;
		reader_record_of_line(&rec, &line);
		rec.text = text;
		judge_record(judge_runpod, &state, &rec, stream, &res);
		if (res.kind > LINE_FOREIGN || res.decoded == NULL)
			abort();
		/*
		 * The decoded fields lie within the record, and the pattern's
		 * values are the bytes at their positions (mended or not).
		 */
		const decode_result *d = res.decoded;
		const decode_field *fields[] = { &d->time, &d->level,
		    &d->message };
		if (d->len != line.len)
			abort();
		for (size_t k = 0; k < 3; k++) {
			const decode_field *f = fields[k];
			if (f->at == DECODE_ABSENT) {
				if (f->len != 0)
					abort();
				continue;
			}
			if (d->status != DECODE_OK || f->at > line.len ||
			    f->span > line.len - f->at || f->len != f->span ||
			    f->text != d->text + f->at)
				abort();
		}
		free(text);
		/* The fields of a line that matched lie within it. */
		const judge_span spans[] = { res.time, res.level, res.message };
		for (size_t k = 0; res.kind != LINE_FOREIGN && k < 3; k++) {
			if (spans[k].off != SIZE_MAX &&
			    (spans[k].off > line.len ||
			    spans[k].len > line.len - spans[k].off))
				abort();
		}
		if (res.kind != LINE_FOREIGN && res.emoji_len > line.len)
			abort();
		/* Violating means findings; conforming means none. */
		if ((res.kind == LINE_CONFORMING) != (res.finding_count == 0) &&
		    res.kind != LINE_FOREIGN)
			abort();
		for (size_t k = 0; k < res.finding_count; k++) {
			if (res.findings[k].at > line.len ||
			    res.findings[k].message == NULL)
				abort();
		}
	}
	if (got != 0 || expected_offset != size || reader_bytes(reader) != size)
		abort();
	judge_result_free(&res);
	reader_close(reader);
	close(fd);
	return 0;
}
