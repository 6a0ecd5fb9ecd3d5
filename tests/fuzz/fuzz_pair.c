/*
 * Fuzz target: stream pairing.  Byte 0 picks the window; each further
 * byte pushes one line: bit 7 picks the stream, bit 6 ends it instead
 * (a stream may end early, then its pushes are skipped), bit 5 makes the
 * line long (equal to the others in its first PAIR_HEAD bytes) and the
 * low bits pick its text among a few.  Every line must reach the sink
 * exactly once, in its stream's order, with its own length and head, and
 * a matched pair must have the same text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/pair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TEXT_MAX (PAIR_HEAD + 16)

typedef struct {
	char (*text[2])[TEXT_MAX];	/* the lines pushed, by stream */
	size_t count[2];		/* lines pushed */
	unsigned long resolved[2];	/* lines resolved, in order */
} streams;

static void
fuzz_resolved(streams *s, pair_side side, const pair_line *line)
{
	const char *text = s->text[side][line->number - 1];

	if (line->number != s->resolved[side] + 1 ||
	    line->number > s->count[side] || line->len != strlen(text) ||
	    memcmp(line->head, text, pair_head_len(line)) != 0)
		abort();
	s->resolved[side]++;
}

static void
fuzz_sink(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b)
{
	streams *s = data;

	fuzz_resolved(s, a_side, a);
	if (outcome == PAIR_ONLY)
		return;
	if (a_side != PAIR_STDOUT || b == NULL)
		abort();
	fuzz_resolved(s, PAIR_STDERR, b);
	bool same = strcmp(s->text[0][a->number - 1],
	    s->text[1][b->number - 1]) == 0;
	if (same != (outcome == PAIR_MATCHED))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	streams s = { 0 };
	bool ended[2] = { false, false };

	if (size < 1)
		return 0;
	for (int side = 0; side < 2; side++) {
		s.text[side] = calloc(size, sizeof *s.text[side]);
		if (s.text[side] == NULL)
			abort();
	}
	pair *p = pair_new(1 + data[0] % 16, fuzz_sink, &s);
	for (size_t i = 1; i < size; i++) {
		pair_side side = data[i] & 0x80 ? PAIR_STDERR : PAIR_STDOUT;
		if (ended[side])
			continue;
		if (data[i] & 0x40) {
			pair_end(p, side);
			ended[side] = true;
			continue;
		}
		char *text = s.text[side][s.count[side]];
		if (data[i] & 0x20) {
			memset(text, 'h', PAIR_HEAD + 4);
			snprintf(text + PAIR_HEAD + 4, 8, "%u", data[i] & 0x1f);
		} else
			snprintf(text, TEXT_MAX, "%u", data[i] & 0x1f);
		s.count[side]++;
		pair_push(p, side, text, strlen(text), s.count[side], false);
	}
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	if (pair_pending(p, PAIR_STDOUT) != 0 ||
	    pair_pending(p, PAIR_STDERR) != 0 ||
	    s.resolved[0] != s.count[0] || s.resolved[1] != s.count[1])
		abort();
	pair_free(p);
	free(s.text[0]);
	free(s.text[1]);
	return 0;
}
