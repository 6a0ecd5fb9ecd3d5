/*
 * fuzz_record: the body of the structured decoders' targets (fuzz_json,
 * fuzz_logfmt).  Each line of the input is judged as one record from an
 * exact-size copy, so that a read past its end is caught; the findings
 * and the decoded fields must lie within it, and asking for nested and
 * unknown fields must not disturb the record's own.
 */
#ifndef FUZZ_RECORD_H
#define FUZZ_RECORD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/rules.h"
#include "judge/judge.h"
#include "judge/samples.h"

static judge *
fuzz_record_judge(const char *path)
{
	lc_error err;
	rules *r = rules_load(path, &err);

	if (r == NULL || samples_verify(r, &err) != 0) {
		lc_error_print(stderr, &err);
		abort();
	}
	/* The rules live as long as the process. */
	return judge_new(r);
}

static void
fuzz_record_field(const decode_field *f, size_t len)
{
	if (f->at == DECODE_ABSENT)
		return;
	if (f->at > len || f->span > len - f->at || f->text == NULL)
		abort();
	/* Every byte of the value can be read. */
	volatile unsigned sum = 0;
	for (size_t i = 0; i < f->len; i++)
		sum += (unsigned char)f->text[i];
}

static void
fuzz_record_line(judge *j, judge_stream *state, const uint8_t *data,
    size_t len)
{
	static const char *const names[] = { "service/name", "req/level",
	    "a/b/c/d", "log.level", "~0~1/x", "msg", "" };
	judge_result res = { 0 };
	char *text = malloc(len ? len : 1);

	if (text == NULL)
		abort();
	memcpy(text, data, len);
	judge_line(j, state, text, len, LC_STREAM_STDOUT, &res);
	const decode_result *d = res.decoded;
	if (d == NULL || d->len != len)
		abort();
	fuzz_record_field(&d->time, len);
	fuzz_record_field(&d->level, len);
	fuzz_record_field(&d->message, len);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		judge_span span;
		if (judge_field(j, names[i], text, len, LC_STREAM_STDOUT,
		    &res, &span) && span.off != SIZE_MAX &&
		    (span.off > len || span.len > len - span.off))
			abort();
	}
	for (size_t i = 0; i < res.finding_count; i++) {
		if (res.findings[i].at > len ||
		    res.findings[i].message == NULL)
			abort();
	}
	if ((res.kind == LINE_CONFORMING) != (res.finding_count == 0) &&
	    res.kind != LINE_FOREIGN)
		abort();
	judge_result_free(&res);
	free(text);
}

static void
fuzz_record_run(judge *j, const uint8_t *data, size_t size)
{
	judge_stream state = { 0 };
	size_t start = 0;

	for (size_t i = 0; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			fuzz_record_line(j, &state, data + start, i - start);
			start = i + 1;
		}
	}
}

#endif
