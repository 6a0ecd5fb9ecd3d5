/*
 * pair: stream alignment; see pair.h.  Twins are found by hash and length
 * within a window of waiting lines on each side, which keeps memory flat and
 * the common case (the next lines are twins) O(1).
 */
#include "judge/pair.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A ring of waiting lines for one stream. */
typedef struct {
	pair_line *lines;
	char *heads;		/* PAIR_HEAD bytes per slot, for pair_push */
	size_t capacity, start, count;
	bool ended;
} pair_queue;

struct pair {
	pair_queue sides[2];
	size_t window;
	pair_sink sink;
	void *data;
};

uint64_t
pair_hash(const char *text, size_t len)
{
	/*
	 * FNV-1a over 8-byte words, with a shift to spread the high bits, in
	 * two lanes so that their multiplications overlap.  The length is in
	 * the seed, so the zeroes padding the last word are not ambiguous.
	 */
	const uint64_t prime = UINT64_C(0x100000001b3);
	uint64_t a = UINT64_C(0xcbf29ce484222325) ^ len;
	uint64_t b = UINT64_C(0x9e3779b97f4a7c15), word, other;
	size_t i = 0;

	for (; i + 16 <= len; i += 16) {
		memcpy(&word, text + i, 8);
		memcpy(&other, text + i + 8, 8);
		a = (a ^ word) * prime;
		a ^= a >> 29;
		b = (b ^ other) * prime;
		b ^= b >> 29;
	}
	if (i + 8 <= len) {
		memcpy(&word, text + i, 8);
		a = (a ^ word) * prime;
		a ^= a >> 29;
		i += 8;
	}
	if (i < len) {
		other = 0;
		memcpy(&other, text + i, len - i);
		b = (b ^ other) * prime;
		b ^= b >> 29;
	}
	b *= prime;
	a ^= b << 32 | b >> 32;
	a *= prime;
	return a ^ (a >> 32);
}

pair *
pair_new(size_t window, pair_sink sink, void *data)
{
	pair *p = xcalloc(1, sizeof *p);

	p->window = window > 0 ? window : 1;
	p->sink = sink;
	p->data = data;
	for (int s = 0; s < 2; s++) {
		p->sides[s].capacity = 2 * p->window + 1;
		p->sides[s].lines = xcalloc(p->sides[s].capacity,
		    sizeof (pair_line));
		p->sides[s].heads = xcalloc(p->sides[s].capacity, PAIR_HEAD);
	}
	return p;
}

void
pair_free(pair *p)
{
	if (p == NULL)
		return;
	for (int s = 0; s < 2; s++) {
		free(p->sides[s].lines);
		free(p->sides[s].heads);
	}
	free(p);
}

static pair_line *
pair_at(pair_queue *q, size_t i)
{
	return &q->lines[(q->start + i) % q->capacity];
}

static void
pair_pop(pair_queue *q)
{
	q->start = (q->start + 1) % q->capacity;
	q->count--;
}

/*
 * Hash and length decide.  Comparing the heads as well cost a sixth of
 * check's time (they are written on another core) and guarded only the
 * first PAIR_HEAD bytes.  A line meets at most 2 * window + 1 others, so
 * for a well-mixed 64-bit hash a false twin has odds near 2^-54 a line.
 */
static bool
pair_same(const pair_line *a, const pair_line *b)
{
	return a->hash == b->hash && a->len == b->len;
}

/* Index of the first line in q (from 1) that is a's twin, or 0. */
static size_t
pair_find(pair_queue *q, const pair_line *a)
{
	for (size_t i = 1; i < q->count; i++) {
		if (pair_same(pair_at(q, i), a))
			return i;
	}
	return 0;
}

static void
pair_only(pair *p, pair_side side)
{
	pair_queue *q = &p->sides[side], *other = &p->sides[!side];

	p->sink(p->data, PAIR_ONLY, side, pair_at(q, 0),
	    other->count > 0 ? pair_at(other, 0) : NULL);
	pair_pop(q);
}

/*
 * Resolve what can be resolved now.  With force (a ring is full), the first
 * resolution is made without waiting for more lines.
 */
static void
pair_settle(pair *p, bool force)
{
	pair_queue *out = &p->sides[PAIR_STDOUT], *err = &p->sides[PAIR_STDERR];

	for (;; force = false) {
		if (out->count == 0 || err->count == 0) {
			if (out->count > 0 && (err->ended || force))
				pair_only(p, PAIR_STDOUT);
			else if (err->count > 0 && (out->ended || force))
				pair_only(p, PAIR_STDERR);
			else
				return;
			continue;
		}
		pair_line *a = pair_at(out, 0), *b = pair_at(err, 0);
		if (pair_same(a, b)) {
			p->sink(p->data, PAIR_MATCHED, PAIR_STDOUT, a, b);
			pair_pop(out);
			pair_pop(err);
			continue;
		}
		size_t in_err = pair_find(err, a), in_out = pair_find(out, b);
		if (in_err == 0 && in_out == 0) {
			bool out_full = out->count >= p->window || out->ended;
			bool err_full = err->count >= p->window || err->ended;
			if (!force && !(out_full && err_full))
				return;
			p->sink(p->data, PAIR_DIFFERENT, PAIR_STDOUT, a, b);
			pair_pop(out);
			pair_pop(err);
		} else if (in_err != 0 && (in_out == 0 || in_err <= in_out))
			pair_only(p, PAIR_STDERR);	/* err's head came early */
		else
			pair_only(p, PAIR_STDOUT);
	}
}

void
pair_line_set(pair_line *line, char *head, const char *text, size_t len,
    uint64_t offset, unsigned long number, bool violating)
{
	line->hash = pair_hash(text, len);
	line->len = len;
	line->offset = offset;
	line->number = number;
	line->line_count = 1;
	line->head = head;
	if (head != NULL && len > 0)
		memcpy(head, text, pair_head_len(line));
	line->violating = violating;
	line->time_ns = PAIR_TIME_UNKNOWN;
}

size_t
pair_head_len(const pair_line *line)
{
	return line->len < PAIR_HEAD ? (size_t)line->len : PAIR_HEAD;
}

void
pair_push_line(pair *p, pair_side side, const pair_line *line)
{
	pair_queue *q = &p->sides[side];

	/* The ring has room for two windows; past that, give up waiting. */
	if (q->count == q->capacity)
		pair_settle(p, true);
	*pair_at(q, q->count) = *line;
	q->count++;
	pair_settle(p, false);
}

void
pair_push(pair *p, pair_side side, const char *text, size_t len,
    unsigned long number, bool violating)
{
	pair_queue *q = &p->sides[side];
	pair_line line;

	/* The slot the line will take, as pair_push_line settles first. */
	if (q->count == q->capacity)
		pair_settle(p, true);
	pair_line_set(&line, q->heads + (q->start + q->count) % q->capacity *
	    PAIR_HEAD, text, len, 0, number, violating);
	pair_push_line(p, side, &line);
}

void
pair_end(pair *p, pair_side side)
{
	p->sides[side].ended = true;
	pair_settle(p, false);
}

size_t
pair_pending(const pair *p, pair_side side)
{
	return p->sides[side].count;
}
