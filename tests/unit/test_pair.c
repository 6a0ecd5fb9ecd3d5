/* Unit tests for src/pair.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "judge/pair.h"

/* What the sink was told about one resolution. */
typedef struct {
	pair_outcome outcome;
	pair_side side;
	unsigned long a, b;	/* line numbers; b is 0 when b was NULL */
	bool has_b;
	bool a_violating, b_violating;
} event;

typedef struct {
	event *events;
	size_t count, cap;
} recorder;

static void
record(void *data, pair_outcome outcome, pair_side a_side, const pair_line *a,
    const pair_line *b)
{
	recorder *rec = data;

	assert_non_null(a);
	if (outcome != PAIR_ONLY) {
		/* MATCHED and DIFFERENT always name both, stdout's first. */
		assert_non_null(b);
		assert_int_equal(a_side, PAIR_STDOUT);
	}
	if (rec->count == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 16;
		rec->events = realloc(rec->events,
		    rec->cap * sizeof *rec->events);
		assert_non_null(rec->events);
	}
	rec->events[rec->count++] = (event){
		.outcome = outcome, .side = a_side, .a = a->number,
		.b = b != NULL ? b->number : 0, .has_b = b != NULL,
		.a_violating = a->violating,
		.b_violating = b != NULL && b->violating,
	};
}

static void
recorder_clear(recorder *rec)
{
	free(rec->events);
	memset(rec, 0, sizeof *rec);
}

static void
push(pair *p, pair_side side, const char *text, unsigned long number)
{
	pair_push(p, side, text, strlen(text), number, false);
}

/* Push a whole stream, numbering its lines from 1. */
static void
push_all(pair *p, pair_side side, const char *const *lines, size_t count)
{
	for (size_t i = 0; i < count; i++)
		push(p, side, lines[i], i + 1);
}

static void
expect_event(const recorder *rec, size_t i, pair_outcome outcome,
    pair_side side, unsigned long a, unsigned long b)
{
	assert_true(i < rec->count);
	assert_int_equal(rec->events[i].outcome, outcome);
	assert_int_equal(rec->events[i].side, side);
	assert_int_equal(rec->events[i].a, a);
	assert_int_equal(rec->events[i].has_b, b != 0);
	assert_int_equal(rec->events[i].b, b);
}

static bool
recorders_equal(const recorder *x, const recorder *y)
{
	if (x->count != y->count)
		return false;
	for (size_t i = 0; i < x->count; i++) {
		const event *e = &x->events[i], *f = &y->events[i];
		if (e->outcome != f->outcome || e->side != f->side ||
		    e->a != f->a || e->b != f->b || e->has_b != f->has_b)
			return false;
	}
	return true;
}

#define COUNT(array) (sizeof (array) / sizeof (array)[0])

static void
test_identical(void **state)
{
	static const char *const lines[] = {
		"[14:03:22] INFO: one", "[14:03:23] INFO: two",
		"[14:03:24] WARN: three", "[14:03:25] INFO: four",
	};
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	for (size_t i = 0; i < COUNT(lines); i++) {
		push(p, PAIR_STDOUT, lines[i], i + 1);
		push(p, PAIR_STDERR, lines[i], i + 1);
		/* A twin found is resolved at once, without waiting. */
		assert_int_equal(rec.count, i + 1);
		assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
		assert_int_equal(pair_pending(p, PAIR_STDERR), 0);
	}
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, COUNT(lines));
	for (size_t i = 0; i < COUNT(lines); i++)
		expect_event(&rec, i, PAIR_MATCHED, PAIR_STDOUT, i + 1, i + 1);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_only_on_stdout(void **state)
{
	static const char *const out[] = { "A", "B", "X", "C", "D" };
	static const char *const err[] = { "A", "B", "C", "D" };
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 5);
	expect_event(&rec, 0, PAIR_MATCHED, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 2);
	/* X's twin was due where stderr's C (line 3) stands. */
	expect_event(&rec, 2, PAIR_ONLY, PAIR_STDOUT, 3, 3);
	expect_event(&rec, 3, PAIR_MATCHED, PAIR_STDOUT, 4, 3);
	expect_event(&rec, 4, PAIR_MATCHED, PAIR_STDOUT, 5, 4);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_only_on_stderr(void **state)
{
	static const char *const out[] = { "A", "B", "C", "D" };
	static const char *const err[] = { "A", "B", "X", "C", "D" };
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 5);
	expect_event(&rec, 0, PAIR_MATCHED, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 2);
	expect_event(&rec, 2, PAIR_ONLY, PAIR_STDERR, 3, 3);
	expect_event(&rec, 3, PAIR_MATCHED, PAIR_STDOUT, 3, 4);
	expect_event(&rec, 4, PAIR_MATCHED, PAIR_STDOUT, 4, 5);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_different(void **state)
{
	static const char *const out[] = { "A", "X: stdout's text", "C" };
	static const char *const err[] = { "A", "Y: stderr's text", "C" };
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	/* Within the window the twin may still come: nothing decided. */
	assert_int_equal(rec.count, 1);
	assert_int_equal(pair_pending(p, PAIR_STDOUT), 2);
	assert_int_equal(pair_pending(p, PAIR_STDERR), 2);
	pair_end(p, PAIR_STDOUT);
	assert_int_equal(rec.count, 1);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 3);
	expect_event(&rec, 0, PAIR_MATCHED, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_DIFFERENT, PAIR_STDOUT, 2, 2);
	expect_event(&rec, 2, PAIR_MATCHED, PAIR_STDOUT, 3, 3);
	assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
	assert_int_equal(pair_pending(p, PAIR_STDERR), 0);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_different_decided_by_window(void **state)
{
	recorder rec = { 0 };
	pair *p = pair_new(2, record, &rec);

	(void)state;
	push(p, PAIR_STDOUT, "X", 1);
	push(p, PAIR_STDERR, "Y", 1);
	assert_int_equal(rec.count, 0);
	push(p, PAIR_STDOUT, "C", 2);
	assert_int_equal(rec.count, 0);
	/* Both sides hold a window's worth: X and Y stand for each other. */
	push(p, PAIR_STDERR, "C", 2);
	assert_int_equal(rec.count, 2);
	expect_event(&rec, 0, PAIR_DIFFERENT, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 2);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_long_lines_differing_past_head(void **state)
{
	char out[400], err[400];
	recorder rec = { 0 };
	pair *p = pair_new(1, record, &rec);

	(void)state;
	memset(out, 'a', sizeof out);
	memcpy(err, out, sizeof err);
	err[sizeof err - 1] = 'b';
	pair_push(p, PAIR_STDOUT, out, sizeof out, 1, false);
	pair_push(p, PAIR_STDERR, err, sizeof err, 1, false);
	pair_push(p, PAIR_STDOUT, out, sizeof out, 2, false);
	pair_push(p, PAIR_STDERR, out, sizeof out, 2, false);
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 2);
	/* Equal heads are not enough: the whole text is compared. */
	expect_event(&rec, 0, PAIR_DIFFERENT, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 2);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_resolved_when_twin_arrives(void **state)
{
	recorder rec = { 0 };
	pair *p = pair_new(8, record, &rec);

	(void)state;
	push(p, PAIR_STDOUT, "X", 1);
	push(p, PAIR_STDERR, "C", 1);
	assert_int_equal(rec.count, 0);
	/* C is the newest line on stdout, and still found there. */
	push(p, PAIR_STDOUT, "C", 2);
	assert_int_equal(rec.count, 2);
	expect_event(&rec, 0, PAIR_ONLY, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 1);
	push(p, PAIR_STDERR, "Y", 2);
	push(p, PAIR_STDOUT, "D", 3);
	push(p, PAIR_STDERR, "D", 3);
	assert_int_equal(rec.count, 4);
	expect_event(&rec, 2, PAIR_ONLY, PAIR_STDERR, 2, 3);
	expect_event(&rec, 3, PAIR_MATCHED, PAIR_STDOUT, 3, 3);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_swapped(void **state)
{
	static const char *const out[] = { "A", "X", "Y" };
	static const char *const err[] = { "B", "Y", "X" };
	recorder rec = { 0 };
	pair *p = pair_new(3, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	/*
	 * A and B fill the window; then X and Y each have a twin one line
	 * away on the other side, and stderr's head gives way.
	 */
	assert_int_equal(rec.count, 3);
	expect_event(&rec, 0, PAIR_DIFFERENT, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_ONLY, PAIR_STDERR, 2, 2);
	expect_event(&rec, 2, PAIR_MATCHED, PAIR_STDOUT, 2, 3);
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 4);
	expect_event(&rec, 3, PAIR_ONLY, PAIR_STDOUT, 3, 0);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_several_missing(void **state)
{
	static const char *const out[] = { "A", "B", "C", "D", "E", "F" };
	static const char *const err[] = { "A", "E", "F" };
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 6);
	expect_event(&rec, 0, PAIR_MATCHED, PAIR_STDOUT, 1, 1);
	for (size_t i = 1; i <= 3; i++)
		expect_event(&rec, i, PAIR_ONLY, PAIR_STDOUT, i + 1, 2);
	expect_event(&rec, 4, PAIR_MATCHED, PAIR_STDOUT, 5, 2);
	expect_event(&rec, 5, PAIR_MATCHED, PAIR_STDOUT, 6, 3);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_missing_at_end(void **state)
{
	static const char *const out[] = { "A", "B", "C" };
	static const char *const err[] = { "A" };
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	push_all(p, PAIR_STDERR, err, COUNT(err));
	pair_end(p, PAIR_STDERR);
	/* stderr has ended: nothing left to wait for. */
	assert_int_equal(rec.count, 3);
	expect_event(&rec, 0, PAIR_MATCHED, PAIR_STDOUT, 1, 1);
	expect_event(&rec, 1, PAIR_ONLY, PAIR_STDOUT, 2, 0);
	expect_event(&rec, 2, PAIR_ONLY, PAIR_STDOUT, 3, 0);
	pair_end(p, PAIR_STDOUT);
	assert_int_equal(rec.count, 3);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_stderr_empty(void **state)
{
	static const char *const out[] = { "A", "B", "C" };
	recorder rec = { 0 };
	pair *p;

	(void)state;
	/* stderr ends before stdout has any line. */
	p = pair_new(4, record, &rec);
	pair_end(p, PAIR_STDERR);
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	assert_int_equal(rec.count, 3);
	pair_end(p, PAIR_STDOUT);
	assert_int_equal(rec.count, 3);
	for (size_t i = 0; i < 3; i++)
		expect_event(&rec, i, PAIR_ONLY, PAIR_STDOUT, i + 1, 0);
	pair_free(p);
	recorder_clear(&rec);

	/* stderr ends after stdout has queued everything. */
	p = pair_new(4, record, &rec);
	push_all(p, PAIR_STDOUT, out, COUNT(out));
	assert_int_equal(rec.count, 0);
	assert_int_equal(pair_pending(p, PAIR_STDOUT), 3);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 3);
	for (size_t i = 0; i < 3; i++)
		expect_event(&rec, i, PAIR_ONLY, PAIR_STDOUT, i + 1, 0);
	pair_end(p, PAIR_STDOUT);
	assert_int_equal(rec.count, 3);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_both_empty(void **state)
{
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 0);
	assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
	assert_int_equal(pair_pending(p, PAIR_STDERR), 0);
	pair_free(p);
}

/* How pushes of the two streams are interleaved. */
typedef enum {
	ORDER_STDOUT_FIRST,
	ORDER_STDERR_FIRST,
	ORDER_ALTERNATE,
	ORDER_ALTERNATE_STDERR,
	ORDER_STDOUT_FIRST_ENDED,	/* stdout ends before stderr starts */
	ORDER_COUNT
} push_order;

static void
run_order(pair *p, push_order order, const char *const *out, size_t out_count,
    const char *const *err, size_t err_count)
{
	size_t i = 0, j = 0;

	switch (order) {
	case ORDER_STDOUT_FIRST:
		push_all(p, PAIR_STDOUT, out, out_count);
		push_all(p, PAIR_STDERR, err, err_count);
		break;
	case ORDER_STDERR_FIRST:
		push_all(p, PAIR_STDERR, err, err_count);
		push_all(p, PAIR_STDOUT, out, out_count);
		break;
	case ORDER_ALTERNATE:
	case ORDER_ALTERNATE_STDERR:
		while (i < out_count || j < err_count) {
			if (order == ORDER_ALTERNATE_STDERR && j < err_count) {
				push(p, PAIR_STDERR, err[j], j + 1);
				j++;
			}
			if (i < out_count) {
				push(p, PAIR_STDOUT, out[i], i + 1);
				i++;
			}
			if (order == ORDER_ALTERNATE && j < err_count) {
				push(p, PAIR_STDERR, err[j], j + 1);
				j++;
			}
		}
		break;
	case ORDER_STDOUT_FIRST_ENDED:
		push_all(p, PAIR_STDOUT, out, out_count);
		pair_end(p, PAIR_STDOUT);
		push_all(p, PAIR_STDERR, err, err_count);
		break;
	default:
		fail();
	}
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
}

static void
test_orders_agree(void **state)
{
	static const struct {
		const char *out[8], *err[8];
	} cases[] = {
		{ { "A", "B", "C" }, { "A", "B", "C" } },
		{ { "A", "B", "X", "C", "D" }, { "A", "B", "C", "D" } },
		{ { "A", "B", "C", "D" }, { "A", "B", "X", "C", "D" } },
		{ { "A", "X", "C" }, { "A", "Y", "C" } },
		{ { "A", "B", "C", "D", "E", "F" }, { "A", "E", "F" } },
		{ { "A", "E", "F" }, { "A", "B", "C", "D", "E", "F" } },
		{ { "A", "B" }, { "C", "D" } },
		{ { "A", "B", "C" }, { NULL } },
		{ { NULL }, { "A", "B", "C" } },
		{ { "A", "X", "B", "C" }, { "A", "B", "Y", "C" } },
	};
	recorder first = { 0 }, rec = { 0 };

	(void)state;
	for (size_t c = 0; c < COUNT(cases); c++) {
		size_t out_count = 0, err_count = 0;
		while (out_count < 8 && cases[c].out[out_count] != NULL)
			out_count++;
		while (err_count < 8 && cases[c].err[err_count] != NULL)
			err_count++;
		for (push_order order = 0; order < ORDER_COUNT; order++) {
			recorder *into = order == 0 ? &first : &rec;
			/* A window wider than the streams: order is moot. */
			pair *p = pair_new(8, record, into);

			run_order(p, order, cases[c].out, out_count,
			    cases[c].err, err_count);
			pair_free(p);
			if (order == 0)
				continue;
			if (!recorders_equal(&rec, &first))
				fail_msg("case %zu: order %d resolves "
				    "differently from order 0", c, (int)order);
			recorder_clear(&rec);
		}
		recorder_clear(&first);
	}
}

/* Every line of each stream resolved exactly once, and in stream order. */
static void
check_exactly_once(const recorder *rec, size_t out_count, size_t err_count)
{
	unsigned long next[2] = { 1, 1 };

	for (size_t i = 0; i < rec->count; i++) {
		const event *e = &rec->events[i];
		if (e->outcome == PAIR_ONLY) {
			assert_int_equal(e->a, next[e->side]);
			next[e->side]++;
			/* b, when given, is a line not yet resolved. */
			if (e->has_b)
				assert_int_equal(e->b, next[!e->side]);
		} else {
			assert_int_equal(e->a, next[PAIR_STDOUT]);
			assert_int_equal(e->b, next[PAIR_STDERR]);
			next[PAIR_STDOUT]++;
			next[PAIR_STDERR]++;
		}
	}
	assert_int_equal(next[PAIR_STDOUT], out_count + 1);
	assert_int_equal(next[PAIR_STDERR], err_count + 1);
}

static void
test_gap_wider_than_window(void **state)
{
	static const char *const out[] = {
		"A", "1", "2", "3", "4", "5", "B", "C"
	};
	static const char *const err[] = { "A", "B", "C" };
	recorder rec = { 0 };

	(void)state;
	for (push_order order = 0; order < ORDER_COUNT; order++) {
		for (int swap = 0; swap < 2; swap++) {
			pair *p = pair_new(2, record, &rec);
			if (swap)
				run_order(p, order, err, COUNT(err), out,
				    COUNT(out));
			else
				run_order(p, order, out, COUNT(out), err,
				    COUNT(err));
			assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
			assert_int_equal(pair_pending(p, PAIR_STDERR), 0);
			pair_free(p);
			check_exactly_once(&rec, swap ? COUNT(err) : COUNT(out),
			    swap ? COUNT(out) : COUNT(err));
			recorder_clear(&rec);
		}
	}
}

static void
test_ring_overflow(void **state)
{
	char text[32];
	recorder rec = { 0 };
	pair *p = pair_new(2, record, &rec);

	(void)state;
	/* 2 * window + 1 = 5 lines fit; the 6th forces the oldest out. */
	for (unsigned long n = 1; n <= 50; n++) {
		snprintf(text, sizeof text, "line %lu", n);
		push(p, PAIR_STDOUT, text, n);
		assert_true(pair_pending(p, PAIR_STDOUT) <= 5);
		assert_int_equal(rec.count, n > 5 ? n - 5 : 0);
	}
	for (size_t i = 0; i < rec.count; i++)
		expect_event(&rec, i, PAIR_ONLY, PAIR_STDOUT, i + 1, 0);
	/* The lines still waiting find their twins. */
	for (unsigned long n = 46; n <= 50; n++) {
		snprintf(text, sizeof text, "line %lu", n);
		push(p, PAIR_STDERR, text, n - 45);
	}
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 50);
	for (size_t i = 45; i < 50; i++)
		expect_event(&rec, i, PAIR_MATCHED, PAIR_STDOUT, i + 1, i - 44);
	check_exactly_once(&rec, 50, 5);
	pair_free(p);
	recorder_clear(&rec);

	/* The same on stderr, with stdout holding a line that never pairs. */
	p = pair_new(1, record, &rec);
	push(p, PAIR_STDOUT, "lonely", 1);
	for (unsigned long n = 1; n <= 40; n++) {
		snprintf(text, sizeof text, "line %lu", n);
		push(p, PAIR_STDERR, text, n);
		assert_true(pair_pending(p, PAIR_STDERR) <= 3);
	}
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	check_exactly_once(&rec, 1, 40);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_window_zero_is_one(void **state)
{
	recorder rec = { 0 };
	pair *p = pair_new(0, record, &rec);

	(void)state;
	push(p, PAIR_STDOUT, "A", 1);
	push(p, PAIR_STDOUT, "B", 2);
	push(p, PAIR_STDOUT, "C", 3);
	assert_int_equal(rec.count, 0);
	push(p, PAIR_STDOUT, "D", 4);
	assert_int_equal(rec.count, 1);
	expect_event(&rec, 0, PAIR_ONLY, PAIR_STDOUT, 1, 0);
	push(p, PAIR_STDERR, "B", 1);
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	check_exactly_once(&rec, 4, 1);
	expect_event(&rec, 1, PAIR_MATCHED, PAIR_STDOUT, 2, 1);
	pair_free(p);
	recorder_clear(&rec);
}

static void
test_violating_carried(void **state)
{
	recorder rec = { 0 };
	pair *p = pair_new(4, record, &rec);

	(void)state;
	pair_push(p, PAIR_STDOUT, "A", 1, 1, true);
	pair_push(p, PAIR_STDERR, "A", 1, 1, false);
	pair_push(p, PAIR_STDOUT, "B", 1, 2, false);
	pair_push(p, PAIR_STDERR, "B", 1, 2, true);
	pair_push(p, PAIR_STDOUT, "X", 1, 3, true);
	pair_push(p, PAIR_STDERR, "Y", 1, 3, true);
	pair_push(p, PAIR_STDERR, "Z", 1, 4, true);
	pair_end(p, PAIR_STDOUT);
	pair_end(p, PAIR_STDERR);
	assert_int_equal(rec.count, 4);
	assert_true(rec.events[0].a_violating);
	assert_false(rec.events[0].b_violating);
	assert_false(rec.events[1].a_violating);
	assert_true(rec.events[1].b_violating);
	expect_event(&rec, 2, PAIR_DIFFERENT, PAIR_STDOUT, 3, 3);
	assert_true(rec.events[2].a_violating);
	assert_true(rec.events[2].b_violating);
	expect_event(&rec, 3, PAIR_ONLY, PAIR_STDERR, 4, 0);
	assert_true(rec.events[3].a_violating);
	pair_free(p);
	recorder_clear(&rec);
}

/* The sink sees the line's hash, length and head as pushed. */
static void
check_line_fields(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b)
{
	const char *text = data;
	size_t len = strlen(text);
	size_t head_len = len < PAIR_HEAD ? len : PAIR_HEAD;

	(void)a_side;
	assert_int_equal(outcome, PAIR_MATCHED);
	for (int i = 0; i < 2; i++) {
		const pair_line *line = i == 0 ? a : b;
		assert_int_equal(line->hash, pair_hash(text, len));
		assert_int_equal(line->len, len);
		assert_int_equal(pair_head_len(line), head_len);
		assert_memory_equal(line->head, text, head_len);
	}
}

static void
test_line_fields(void **state)
{
	char long_text[PAIR_HEAD * 2 + 1];
	const char *texts[] = { "short", "", long_text };

	(void)state;
	for (size_t i = 0; i < sizeof long_text - 1; i++)
		long_text[i] = (char)('a' + i % 26);
	long_text[sizeof long_text - 1] = '\0';
	for (size_t i = 0; i < COUNT(texts); i++) {
		pair *p = pair_new(2, check_line_fields, (void *)texts[i]);
		push(p, PAIR_STDOUT, texts[i], 1);
		push(p, PAIR_STDERR, texts[i], 1);
		assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
		pair_free(p);
	}
}

static void
test_hash(void **state)
{
	char text[21], copy[21 + 8];

	(void)state;
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('A' + i);
	for (size_t len = 0; len <= 20; len++) {
		uint64_t hash = pair_hash(text, len);
		/* Equal text, another buffer at another alignment. */
		for (size_t shift = 0; shift < 8; shift++) {
			memcpy(copy + shift, text, len);
			assert_int_equal(pair_hash(copy + shift, len), hash);
		}
		/* One more or one less byte. */
		if (len < 20)
			assert_int_not_equal(pair_hash(text, len + 1), hash);
		if (len > 0)
			assert_int_not_equal(pair_hash(text, len - 1), hash);
		for (size_t at = 0; at < len; at++) {
			static const unsigned char flips[] = {
				0x01, 0x80, 0xff, 0x20
			};
			for (size_t f = 0; f < COUNT(flips); f++) {
				memcpy(copy, text, len);
				copy[at] = (char)(copy[at] ^ flips[f]);
				if (pair_hash(copy, len) == hash)
					fail_msg("length %zu: flipping byte "
					    "%zu by %#x keeps the hash", len,
					    at, flips[f]);
			}
		}
	}
	/* NUL bytes count like any other. */
	assert_int_not_equal(pair_hash("", 0), pair_hash("\0", 1));
	assert_int_not_equal(pair_hash("\0", 1), pair_hash("\0\0", 2));
	assert_int_not_equal(pair_hash("a\0b", 3), pair_hash("a\0c", 3));
}

/* A deterministic generator, so that a failure can be replayed. */
static uint32_t
next_random(uint64_t *seed)
{
	*seed = *seed * UINT64_C(6364136223846793005) +
	    UINT64_C(1442695040888963407);
	return (uint32_t)(*seed >> 33);
}

#define MAX_STREAM 64

typedef struct {
	char text[MAX_STREAM * 2][16];
	size_t count;
} stream;

static void
stream_add(stream *s, unsigned id, char tag)
{
	assert_true(s->count < MAX_STREAM * 2);
	snprintf(s->text[s->count++], sizeof s->text[0], "%c%u", tag, id);
}

/*
 * Push both streams in a random interleaving, keeping one side at most
 * max_lead lines ahead while both have lines left, and end each side at a
 * random moment after its last line.
 */
static void
push_random(pair *p, const stream *out, const stream *err, uint64_t *seed,
    size_t max_lead)
{
	size_t next[2] = { 0, 0 };
	const stream *streams[2] = { out, err };
	bool ended[2] = { false, false };

	while (!ended[0] || !ended[1]) {
		pair_side side = next_random(seed) % 2 ? PAIR_STDERR :
		    PAIR_STDOUT;
		if (ended[side])
			side = !side;
		size_t lead = next[side] > next[!side] ?
		    next[side] - next[!side] : 0;
		if (lead >= max_lead && !ended[!side] &&
		    next[!side] < streams[!side]->count)
			side = !side;
		if (next[side] == streams[side]->count) {
			pair_end(p, side);
			ended[side] = true;
			continue;
		}
		const char *text = streams[side]->text[next[side]];
		pair_push(p, side, text, strlen(text), next[side] + 1,
		    next_random(seed) % 4 == 0);
		next[side]++;
	}
}

static void
check_texts(const recorder *rec, const stream *out, const stream *err)
{
	for (size_t i = 0; i < rec->count; i++) {
		const event *e = &rec->events[i];
		if (e->outcome == PAIR_ONLY)
			continue;
		const char *a = out->text[e->a - 1], *b = err->text[e->b - 1];
		if (e->outcome == PAIR_MATCHED)
			assert_string_equal(a, b);
		else
			assert_string_not_equal(a, b);
	}
}

static void
test_property_random_edits(void **state)
{
	uint64_t seed = 20240611;
	recorder rec = { 0 };
	stream *out = calloc(1, sizeof *out), *err = calloc(1, sizeof *err);

	(void)state;
	assert_non_null(out);
	assert_non_null(err);
	for (int round = 0; round < 3000; round++) {
		size_t base = next_random(&seed) % MAX_STREAM;
		size_t window = 1 + next_random(&seed) % 6;
		/* Few distinct texts make repeated lines common. */
		unsigned alphabet = 2 + next_random(&seed) % 40;
		unsigned edit_rate = 2 + next_random(&seed) % 12;

		out->count = err->count = 0;
		for (size_t i = 0; i < base; i++) {
			unsigned id = next_random(&seed) % alphabet;
			unsigned edit = next_random(&seed) % edit_rate;
			switch (edit) {
			case 0:		/* dropped from stdout */
				stream_add(err, id, 'L');
				break;
			case 1:		/* dropped from stderr */
				stream_add(out, id, 'L');
				break;
			case 2:		/* substituted */
				stream_add(out, id, 'L');
				stream_add(err, id, 'S');
				break;
			case 3:		/* inserted on stdout */
				stream_add(out, next_random(&seed) % alphabet,
				    'I');
				stream_add(out, id, 'L');
				stream_add(err, id, 'L');
				break;
			case 4:		/* inserted on stderr */
				stream_add(err, next_random(&seed) % alphabet,
				    'I');
				stream_add(out, id, 'L');
				stream_add(err, id, 'L');
				break;
			default:
				stream_add(out, id, 'L');
				stream_add(err, id, 'L');
				break;
			}
		}
		pair *p = pair_new(window, record, &rec);
		push_random(p, out, err, &seed,
		    next_random(&seed) % 2 ? 2 * window + 1 : SIZE_MAX);
		if (pair_pending(p, PAIR_STDOUT) != 0 ||
		    pair_pending(p, PAIR_STDERR) != 0)
			fail_msg("round %d: lines left waiting after both "
			    "ends", round);
		pair_free(p);
		check_exactly_once(&rec, out->count, err->count);
		check_texts(&rec, out, err);
		recorder_clear(&rec);
	}
	free(out);
	free(err);
}

static void
test_property_identical(void **state)
{
	uint64_t seed = 7;
	recorder rec = { 0 };
	stream *out = calloc(1, sizeof *out);

	(void)state;
	assert_non_null(out);
	for (int round = 0; round < 2000; round++) {
		size_t base = next_random(&seed) % MAX_STREAM;
		size_t window = 1 + next_random(&seed) % 6;
		unsigned alphabet = 1 + next_random(&seed) % 40;

		out->count = 0;
		for (size_t i = 0; i < base; i++)
			stream_add(out, next_random(&seed) % alphabet, 'L');
		pair *p = pair_new(window, record, &rec);
		/* Within what the rings hold, no line gives up waiting. */
		push_random(p, out, out, &seed, 2 * window + 1);
		pair_free(p);
		assert_int_equal(rec.count, out->count);
		for (size_t i = 0; i < rec.count; i++)
			expect_event(&rec, i, PAIR_MATCHED, PAIR_STDOUT, i + 1,
			    i + 1);
		recorder_clear(&rec);
	}
	free(out);
}

/*
 * Lines that share their first PAIR_HEAD bytes and more, so that only the
 * hash tells them apart, among short ones; big streams; every window size; pushes in
 * bursts of any length, so that rings overflow.  Each line must reach the
 * sink once, in order, with the head bytes of its own text.
 */
#define LONG_STREAM 1500
#define LONG_TEXT 200

typedef struct {
	char (*text[2])[LONG_TEXT + 1];	/* stdout's and stderr's lines */
	size_t count[2];
	recorder rec;
} long_streams;

static void
record_checking_heads(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b)
{
	long_streams *ls = data;
	const pair_line *lines[2] = { a, b };
	pair_side sides[2] = { a_side, !a_side };

	for (int i = 0; i < 2 && lines[i] != NULL; i++) {
		const char *text = ls->text[sides[i]][lines[i]->number - 1];
		assert_int_equal(lines[i]->len, strlen(text));
		assert_memory_equal(lines[i]->head, text,
		    pair_head_len(lines[i]));
	}
	record(&ls->rec, outcome, a_side, a, b);
}

/* Text for id: short for odd ids, else long and differing past its head. */
static void
long_line(char *text, unsigned id, uint64_t *seed)
{
	size_t len = PAIR_HEAD + 8 + next_random(seed) % (LONG_TEXT -
	    PAIR_HEAD - 16);

	if (id % 2) {
		snprintf(text, LONG_TEXT + 1, "short %u", id);
		return;
	}
	memset(text, 'h', len);
	snprintf(text + len - 8, 9, "%8u", id);
}

static void
test_property_long_lines_bursts(void **state)
{
	static const size_t windows[] = { 1, 2, 3, 8, 64, 512 };
	uint64_t seed = 99;
	long_streams ls;

	(void)state;
	for (int s = 0; s < 2; s++) {
		ls.text[s] = calloc(LONG_STREAM, sizeof *ls.text[s]);
		assert_non_null(ls.text[s]);
	}
	for (int round = 0; round < 300; round++) {
		size_t window = windows[next_random(&seed) % COUNT(windows)];
		unsigned alphabet = 1 + next_random(&seed) % 30;

		memset(&ls.rec, 0, sizeof ls.rec);
		ls.count[0] = ls.count[1] = 0;
		size_t base = next_random(&seed) % (LONG_STREAM / 2);
		for (size_t i = 0; i < base; i++) {
			unsigned id = next_random(&seed) % alphabet;
			unsigned edit = next_random(&seed) % 8;
			/* 0: only on stdout; 1: only on stderr; 2: changed. */
			if (edit != 1)
				long_line(ls.text[0][ls.count[0]++], id, &seed);
			if (edit != 0)
				long_line(ls.text[1][ls.count[1]++],
				    edit == 2 ? id + alphabet : id, &seed);
		}
		pair *p = pair_new(window, record_checking_heads, &ls);
		size_t next[2] = { 0, 0 };
		while (next[0] < ls.count[0] || next[1] < ls.count[1]) {
			pair_side side = next_random(&seed) % 2;
			size_t burst = 1 + next_random(&seed) % (3 * window + 2);
			for (; burst > 0 && next[side] < ls.count[side];
			    burst--, next[side]++) {
				const char *text = ls.text[side][next[side]];
				pair_push(p, side, text, strlen(text),
				    next[side] + 1, false);
			}
			if (next[side] == ls.count[side])
				pair_end(p, side);
		}
		pair_end(p, PAIR_STDOUT);
		pair_end(p, PAIR_STDERR);
		assert_int_equal(pair_pending(p, PAIR_STDOUT), 0);
		assert_int_equal(pair_pending(p, PAIR_STDERR), 0);
		pair_free(p);
		check_exactly_once(&ls.rec, ls.count[0], ls.count[1]);
		for (size_t i = 0; i < ls.rec.count; i++) {
			const event *e = &ls.rec.events[i];
			if (e->outcome == PAIR_ONLY)
				continue;
			int same = strcmp(ls.text[0][e->a - 1],
			    ls.text[1][e->b - 1]) == 0;
			assert_int_equal(same, e->outcome == PAIR_MATCHED);
		}
		recorder_clear(&ls.rec);
	}
	free(ls.text[0]);
	free(ls.text[1]);
}

static void
test_free_null(void **state)
{
	(void)state;
	pair_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_only_on_stdout),
		cmocka_unit_test(test_only_on_stderr),
		cmocka_unit_test(test_different),
		cmocka_unit_test(test_different_decided_by_window),
		cmocka_unit_test(test_long_lines_differing_past_head),
		cmocka_unit_test(test_resolved_when_twin_arrives),
		cmocka_unit_test(test_swapped),
		cmocka_unit_test(test_several_missing),
		cmocka_unit_test(test_missing_at_end),
		cmocka_unit_test(test_stderr_empty),
		cmocka_unit_test(test_both_empty),
		cmocka_unit_test(test_orders_agree),
		cmocka_unit_test(test_gap_wider_than_window),
		cmocka_unit_test(test_ring_overflow),
		cmocka_unit_test(test_window_zero_is_one),
		cmocka_unit_test(test_violating_carried),
		cmocka_unit_test(test_line_fields),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_property_random_edits),
		cmocka_unit_test(test_property_identical),
		cmocka_unit_test(test_property_long_lines_bursts),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
