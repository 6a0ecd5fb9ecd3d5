/*
 * Fuzz target: records of several lines, as a check reads them with a
 * rule file that has `continuation` (python-logging's tracebacks).  The
 * first byte chooses max-line; the rest is the stream.  Beyond the
 * sanitizers, it checks that every line read is in exactly one record,
 * that a record's text is its lines joined by '\n' (up to max-line), and
 * that the fields the judge finds lie within the record.  Each record is
 * judged from an exact-size copy, so that a read past its end is caught.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "decode/continuation.h"
#include "decode/rules.h"
#include "input/source.h"
#include "judge/judge.h"
#include "judge/samples.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rules *python;
static judge *judge_python;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	lc_error err;

	(void)argc;
	(void)argv;
	python = rules_load(FUZZ_RULES_DIR "/python-logging.yaml", &err);
	if (python == NULL || samples_verify(python, &err) != 0) {
		lc_error_print(stderr, &err);
		abort();
	}
	judge_python = judge_new(python);
	return 0;
}

/* Lines in data, as the reader splits them. */
static unsigned long
count_lines(const uint8_t *data, size_t size)
{
	unsigned long lines = 0;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines + (size > 0 && data[size - 1] != '\n');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	judge_stream state = { 0 };
	judge_result res = { 0 };
	unsigned long next = 1;
	char path[64], *cause = NULL;
	lc_record rec;
	int got;

	if (size < 1)
		return 0;
	size_t max_line = data[0] < 128 ? 64 + data[0] : 1048576;
	data++;
	size--;

	int fd = fuzz_file("fuzz_records", data, size);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	capture_source src = { .path = path, .stream = LC_STREAM_STDERR };
	source_reader *reader = source_open(&src, max_line, false, &cause);
	if (reader == NULL)
		abort();
	continuation *cont = continuation_new(python);
	if (cont == NULL)
		abort();
	source_set_continuation(reader, continuation_continues, cont);
	while ((got = source_next_record(reader, &rec, NULL, &cause)) == 1) {
		/* Lines in order, each in one record; text bounded. */
		if (rec.first.number != next || rec.line_count == 0 ||
		    rec.len > max_line || rec.first.len > rec.len ||
		    rec.text != rec.first.text ||
		    (rec.line_count == 1 && rec.len != rec.first.len) ||
		    (!rec.cut && rec.line_count > SOURCE_RECORD_LINES))
			abort();
		next += rec.line_count;
		size_t newlines = 0;
		for (size_t i = 0; i < rec.len; i++)
			newlines += rec.text[i] == '\n';
		if (newlines >= rec.line_count ||
		    (!rec.cut && newlines != rec.line_count - 1))
			abort();

		char *text = malloc(rec.len ? rec.len : 1);
		if (text == NULL)
			abort();
		if (rec.len)
			memcpy(text, rec.text, rec.len);
		lc_record copy = rec;
		copy.text = text;
		copy.first.text = text;
		judge_record(judge_python, &state, &copy, LC_STREAM_STDERR,
		    &res);
		if (res.kind > LINE_FOREIGN || res.decoded == NULL)
			abort();
		const judge_span spans[] = { res.time, res.level, res.message };
		for (size_t k = 0; res.kind != LINE_FOREIGN && k < 3; k++) {
			if (spans[k].off != SIZE_MAX &&
			    (spans[k].off > rec.len ||
			    spans[k].len > rec.len - spans[k].off))
				abort();
		}
		for (size_t k = 0; k < res.finding_count; k++) {
			if (res.findings[k].at > rec.len)
				abort();
		}
		free(text);
	}
	if (got != 0 || next - 1 != count_lines(data, size))
		abort();
	judge_result_free(&res);
	continuation_free(cont);
	source_close(reader);
	close(fd);
	return 0;
}
