/* check: reader -> judge -> pair -> report for one capture; see check.h. */
#include "judge/check.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/continuation.h"
#include "judge/drift.h"
#include "judge/judge.h"
#include "judge/pair.h"
#include "input/source.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Display width of the excerpt shown under a finding. */
#define CHECK_EXCERPT_WIDTH 100

typedef struct {
	source_reader *reader;
	const char *path;
	lc_stream stream;
	bool report_malformed;	/* of a container log's two readers, one */
	judge_stream order;
} check_source;

/* What the pairing callback needs. */
typedef struct {
	/*
	 * One report per side: each meets its findings in line order, so
	 * that the first max_findings it keeps are its first ones.
	 */
	report *reps[2];
	judge *judge;
	const char *paths[2];	/* by pair_side */
	const source_reader *readers[2];	/* by pair_side, for heads not kept */
	int64_t flush_ns;	/* the rules' flush bound */
} check_pairing;

static void
check_add(report *rep, const char *path, const char *text, size_t len,
    unsigned long number, size_t at, const char *rule,
    rules_severity severity, char *message)
{
	size_t caret = 0;

	/* Past --max-findings a finding is only counted: skip the excerpt. */
	if (!report_keeps(rep, rule, severity)) {
		report_add(rep, path, number, 0, rule, severity, message, NULL,
		    0);
		return;
	}
	/* The excerpt sets caret: make it before reading caret. */
	char *excerpt = utf8_excerpt(text, len, at, CHECK_EXCERPT_WIDTH,
	    &caret);
	report_add(rep, path, number, utf8_column(text, len, at), rule,
	    severity, message, excerpt, caret);
}

/*
 * The line of text (lines joined by '\n', the first numbered first) that
 * holds offset at: its number, and its bounds in [*start, *end).
 */
static unsigned long
check_line_at(const char *text, size_t len, size_t at, unsigned long first,
    size_t *start, size_t *end)
{
	const char *nl;

	*start = 0;
	while ((nl = memchr(text + *start, '\n', len - *start)) != NULL &&
	    (size_t)(nl - text) < at) {
		*start = (size_t)(nl - text) + 1;
		first++;
	}
	nl = memchr(text + *start, '\n', len - *start);
	*end = nl != NULL ? (size_t)(nl - text) : len;
	return first;
}

/*
 * A finding at offset at of a record (or of its head), text: on the line
 * of the record that holds it, with that line's number and excerpt.
 */
static void
check_add_lines(report *rep, const char *path, const char *text, size_t len,
    unsigned long number, size_t at, const char *rule,
    rules_severity severity, char *message)
{
	size_t start, end;

	if (at > len)
		at = len;
	number = check_line_at(text, len, at, number, &start, &end);
	if (at > end)
		at = end;
	check_add(rep, path, text + start, end - start, number, at - start,
	    rule, severity, message);
}

static void
check_add_record(report *rep, const char *path, const lc_record *rec,
    size_t at, const char *rule, rules_severity severity, char *message)
{
	/* The common case, a record of one line, needs no search. */
	if (rec->line_count == 1)
		check_add(rep, path, rec->text, rec->len, rec->first.number,
		    at, rule, severity, message);
	else
		check_add_lines(rep, path, rec->text, rec->len,
		    rec->first.number, at, rule, severity, message);
}

/* A line's head: kept in its batch, or read again from its stream. */
static size_t
check_head(const check_pairing *cp, pair_side side, const pair_line *line,
    char buf[PAIR_HEAD], const char **head)
{
	size_t len = pair_head_len(line);

	if (line->head != NULL) {
		*head = line->head;
		return len;
	}
	*head = buf;
	return source_reread(cp->readers[side], line->offset, buf, len);
}

/* The finding of a line that was not matched, with its message. */
static void
check_unpaired(check_pairing *cp, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b, rules_severity severity)
{
	const lc_stream streams[2] = { LC_STREAM_STDOUT, LC_STREAM_STDERR };
	const char *other = cp->paths[!a_side];
	char a_buf[PAIR_HEAD], b_buf[PAIR_HEAD];
	const char *a_head, *b_head;
	size_t at = 0, a_len, b_len;
	char *message;

	a_len = check_head(cp, a_side, a, a_buf, &a_head);
	if (outcome == PAIR_ONLY && b != NULL)
		message = xasprintf("log line missing from %s (its twin was "
		    "due before %s:%lu)", capture_stream_name(streams[!a_side]),
		    other, b->number);
	else if (outcome == PAIR_ONLY)
		message = xasprintf("log line missing from %s (its twin was "
		    "due after the last log line of %s)",
		    capture_stream_name(streams[!a_side]), other);
	else {
		size_t start, end, b_at;
		unsigned long b_number;
		b_len = check_head(cp, PAIR_STDERR, b, b_buf, &b_head);
		while (at < a_len && at < b_len && a_head[at] == b_head[at])
			at++;
		/* In a record of several lines, the line that differs. */
		b_at = at < b_len ? at : b_len;
		b_number = check_line_at(b_head, b_len, b_at, b->number, &start,
		    &end);
		if (b_at > end)
			b_at = end;
		message = xasprintf("text differs from its twin at %s:%lu:%lu",
		    other, b_number, utf8_column(b_head + start, end - start,
		    b_at - start));
	}
	check_add_lines(cp->reps[a_side], cp->paths[a_side], a_head, a_len,
	    a->number, at, judge_builtin_id(FINDING_STREAM_PAIRING), severity,
	    message);
}

/*
 * Twins a (stdout) and b (stderr) with arrival times: count them for the
 * flush timing, and when the later came past the bound, give it a finding
 * and count both lines.  Returns whether it counted them.  With
 * flush-timing off, nothing is timed.
 */
static bool
check_flush(check_pairing *cp, const pair_line *a, const pair_line *b)
{
	pair_side late = b->time_ns >= a->time_ns ? PAIR_STDERR : PAIR_STDOUT;
	const pair_line *late_line = late == PAIR_STDOUT ? a : b;
	const pair_line *twin = late == PAIR_STDOUT ? b : a;
	const lc_stream streams[2] = { LC_STREAM_STDOUT, LC_STREAM_STDERR };
	int64_t delay;
	/* Times two centuries apart do not fit a difference: saturate. */
	if (__builtin_sub_overflow(late_line->time_ns, twin->time_ns, &delay))
		delay = INT64_MAX;
	rules_severity severity = judge_severity(cp->judge,
	    FINDING_FLUSH_TIMING);

	if (severity == SEVERITY_OFF)
		return false;
	report_count_flush(cp->reps[late], streams[late], delay, cp->flush_ns);
	if (delay <= cp->flush_ns)
		return false;
	char *delay_text = report_duration(delay);
	char *bound_text = report_duration(cp->flush_ns);
	char buf[PAIR_HEAD];
	const char *head;
	size_t head_len = check_head(cp, late, late_line, buf, &head);
	check_add_lines(cp->reps[late], cp->paths[late], head, head_len,
	    late_line->number, 0,
	    judge_builtin_id(FINDING_FLUSH_TIMING), severity,
	    xasprintf("log line arrived on %s %s after its twin on %s "
	    "(%s:%lu); the flush bound is %s", capture_stream_name(
	    streams[late]), delay_text, capture_stream_name(streams[!late]),
	    cp->paths[!late], twin->number, bound_text));
	free(delay_text);
	free(bound_text);
	report_count_line(cp->reps[late], streams[late], LINE_VIOLATING,
	    late_line->line_count);
	report_count_line(cp->reps[!late], streams[!late], twin->violating ?
	    LINE_VIOLATING : LINE_CONFORMING, twin->line_count);
	return true;
}

static void
check_paired(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b)
{
	check_pairing *cp = data;
	rules_severity severity = judge_severity(cp->judge,
	    FINDING_STREAM_PAIRING);
	report *rep = cp->reps[a_side];
	bool failed = severity != SEVERITY_OFF;

	if (outcome == PAIR_MATCHED) {
		if (a->time_ns != PAIR_TIME_UNKNOWN &&
		    b->time_ns != PAIR_TIME_UNKNOWN &&
		    check_flush(cp, a, b))
			return;
		report_count_line(cp->reps[PAIR_STDOUT], LC_STREAM_STDOUT,
		    a->violating ? LINE_VIOLATING : LINE_CONFORMING,
		    a->line_count);
		report_count_line(cp->reps[PAIR_STDERR], LC_STREAM_STDERR,
		    b->violating ? LINE_VIOLATING : LINE_CONFORMING,
		    b->line_count);
		return;
	}
	/* Past --max-findings only the count is kept: read no head back. */
	if (failed && !report_keeps(rep,
	    judge_builtin_id(FINDING_STREAM_PAIRING), severity))
		report_add(rep, cp->paths[a_side], a->number, 0,
		    judge_builtin_id(FINDING_STREAM_PAIRING), severity, NULL,
		    NULL, 0);
	else if (failed)
		check_unpaired(cp, outcome, a_side, a, b, severity);
	report_count_line(rep, a_side == PAIR_STDOUT ? LC_STREAM_STDOUT :
	    LC_STREAM_STDERR,
	    a->violating || failed ? LINE_VIOLATING : LINE_CONFORMING,
	    a->line_count);
	if (outcome == PAIR_DIFFERENT)
		report_count_line(cp->reps[PAIR_STDERR], LC_STREAM_STDERR,
		    b->violating || failed ? LINE_VIOLATING : LINE_CONFORMING,
		    b->line_count);
}

/*
 * Findings the judge cannot see: length, stream policy.  Inline: it runs
 * for every record, and has a caller outside the hot loop too.
 */
static inline __attribute__((always_inline)) void
check_extras(judge *j, const rules *r, const lc_record *rec,
    lc_stream stream, judge_result *res)
{
	const lc_line *line = &rec->first;

	if (rec->line_count > 1 && rec->cut)
		judge_result_add(res, judge_builtin_id(FINDING_LINE_TOO_LONG),
		    judge_severity(j, FINDING_LINE_TOO_LONG), rec->len,
		    xasprintf("record of %lu lines and %llu bytes is longer "
		    "than a record may be (max-line %zu bytes, %d lines); "
		    "only its first %zu bytes were judged", rec->line_count,
		    (unsigned long long)rec->full_len, r->max_line,
		    SOURCE_RECORD_LINES, rec->len));
	else if (line->truncated)
		judge_result_add(res, judge_builtin_id(FINDING_LINE_TOO_LONG),
		    judge_severity(j, FINDING_LINE_TOO_LONG), line->len,
		    xasprintf("line is %llu bytes long; only the first %zu "
		    "were judged (max-line)", (unsigned long long)line->full_len,
		    line->len));
	if (res->kind == LINE_FOREIGN || stream == LC_STREAM_UNKNOWN)
		return;
	if ((r->streams == STREAMS_STDOUT && stream == LC_STREAM_STDERR) ||
	    (r->streams == STREAMS_STDERR && stream == LC_STREAM_STDOUT))
		judge_result_add(res, judge_builtin_id(FINDING_STREAM_POLICY),
		    judge_severity(j, FINDING_STREAM_POLICY), 0,
		    xasprintf("log line on %s; the rules allow log lines on "
		    "%s only", capture_stream_name(stream),
		    r->streams == STREAMS_STDOUT ? "stdout" : "stderr"));
}

void
check_record_extras(judge *j, const rules *r, const lc_record *rec,
    lc_stream stream, judge_result *res)
{
	check_extras(j, r, rec, stream, res);
}

/*
 * Each stream of a capture of two is read and judged on its own thread
 * (a capture of one stream on the caller's), into its own report;
 * log lines bound for pairing travel to the calling thread in batches
 * through a small bounded queue, so memory stays flat.
 */
#define CHECK_BATCH	4096
#define CHECK_QUEUE	4

typedef struct {
	pair_line lines[CHECK_BATCH];
	size_t count;
	size_t head_used;	/* bytes of heads taken */
	char heads[CHECK_BATCH * PAIR_HEAD];	/* the lines' heads, packed */
} check_batch;

/*
 * The pairing keeps pointers to heads in the batches it has read, so each
 * stays until its lines are resolved.  Lines waiting on a side fit in the
 * pairing ring (2 * CHECK_PAIR_WINDOW + 1), and every batch but a stream's
 * last is full: this many batches per side is enough.
 */
#define CHECK_HELD	((2 * CHECK_PAIR_WINDOW + 1) / CHECK_BATCH + 3)

/* Aligned: each worker's fields, written by its thread, on lines of its own. */
typedef struct {
	_Alignas(64) const rules *rules;
	const capture *capture;
	size_t max_findings, max_per_rule;
	check_source source;
	size_t index;		/* of the source in the capture */
	check_each_fn each;	/* or NULL */
	void *each_data;
	report *rep;		/* this stream's own findings and counts */
	uint64_t malformed;	/* container-log records met malformed */
	judge *judge;
	drift *drift;		/* NULL without a baseline in the rules */
	bool pairing;		/* send log lines to the pairing thread */
	bool copy_heads;	/* the stream cannot be read again */
	uint64_t log_lines;
	char *cause;		/* a read error, for the caller */
	pthread_t thread;
	bool started;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	check_batch *queue[CHECK_QUEUE];
	size_t queue_start, queue_count;
	bool finished;		/* no batch will be added */
	check_batch *filling;
	/*
	 * Batches come back for reuse: a batch is larger than malloc's mmap
	 * threshold, and an mmap per batch serializes the threads.
	 */
	check_batch *spare[CHECK_QUEUE + 2];
	size_t spare_count;
} __attribute__((aligned(64))) check_worker;

static check_batch *
check_batch_get(check_worker *w)
{
	check_batch *batch = NULL;

	pthread_mutex_lock(&w->lock);
	if (w->spare_count > 0)
		batch = w->spare[--w->spare_count];
	pthread_mutex_unlock(&w->lock);
	if (batch == NULL)
		batch = xmalloc(sizeof *batch);
	batch->count = 0;
	batch->head_used = 0;
	return batch;
}

static void
check_batch_put(check_worker *w, check_batch *batch)
{
	if (batch == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	if (w->spare_count < CHECK_QUEUE + 2) {
		w->spare[w->spare_count++] = batch;
		batch = NULL;
	}
	pthread_mutex_unlock(&w->lock);
	free(batch);
}

/* Queue a batch, waiting while the queue is full; NULL says "finished". */
static void
check_send(check_worker *w, check_batch *batch)
{
	pthread_mutex_lock(&w->lock);
	while (batch != NULL && w->queue_count == CHECK_QUEUE)
		pthread_cond_wait(&w->changed, &w->lock);
	if (batch != NULL) {
		w->queue[(w->queue_start + w->queue_count) % CHECK_QUEUE] =
		    batch;
		w->queue_count++;
	} else
		w->finished = true;
	/* Only the receiver waits for this: wake it when it may be asleep. */
	if (batch == NULL || w->queue_count == 1)
		pthread_cond_signal(&w->changed);
	pthread_mutex_unlock(&w->lock);
}

/* The next batch of a worker; NULL once it has finished. */
static check_batch *
check_receive(check_worker *w)
{
	check_batch *batch = NULL;

	pthread_mutex_lock(&w->lock);
	while (w->queue_count == 0 && !w->finished)
		pthread_cond_wait(&w->changed, &w->lock);
	if (w->queue_count > 0) {
		batch = w->queue[w->queue_start];
		w->queue_start = (w->queue_start + 1) % CHECK_QUEUE;
		w->queue_count--;
		if (w->queue_count == CHECK_QUEUE - 1)
			pthread_cond_signal(&w->changed);
	}
	pthread_mutex_unlock(&w->lock);
	return batch;
}

/* A container log record that could not be read: one line, violating. */
static void
check_malformed(check_worker *w, const lc_line *line, const source_info *info)
{
	rules_severity severity = judge_severity(w->judge,
	    FINDING_CONTAINER_RECORD);

	if (severity == SEVERITY_OFF) {
		report_count_line(w->rep, LC_STREAM_UNKNOWN, LINE_FOREIGN, 1);
		return;
	}
	check_add(w->rep, w->source.path, line->text, line->len, line->number,
	    info->at, judge_builtin_id(FINDING_CONTAINER_RECORD), severity,
	    xstrdup(info->message));
	report_count_line(w->rep, LC_STREAM_UNKNOWN, LINE_VIOLATING, 1);
}

static void
check_judged(check_worker *w, const lc_record *rec, int64_t time_ns,
    judge_result *res)
{
	check_source *src = &w->source;
	const lc_line *line = &rec->first;

	for (size_t i = 0; i < res->finding_count; i++) {
		judge_finding *f = &res->findings[i];
		check_add_record(w->rep, src->path, rec, f->at, f->rule,
		    f->severity, f->message);
		f->message = NULL;	/* the report has it now */
	}
	if (res->kind == LINE_FOREIGN) {
		report_count_line(w->rep, src->stream, res->kind,
		    rec->line_count);
		if (rec->len == 0 || rec->text[0] == ' ' ||
		    rec->text[0] == '\t' || rec->text[0] == '\n')
			report_count_foreign_body(w->rep, rec->line_count);
		return;
	}
	w->log_lines++;
	if (res->level.off != SIZE_MAX)
		report_count_level(w->rep, rec->text + res->level.off,
		    res->level.len);
	if (!w->pairing) {
		report_count_line(w->rep, src->stream, res->kind,
		    rec->line_count);
		return;
	}
	if (w->filling == NULL)
		w->filling = check_batch_get(w);
	check_batch *b = w->filling;
	pair_line *pl = &b->lines[b->count++];
	/*
	 * Twins are log lines: a record's first line.  Its body (a traceback
	 * written to one stream only) is no twin's.  A head that can be read
	 * again later is not copied: see pair.h.
	 */
	pair_line_set(pl, w->copy_heads ? b->heads + b->head_used : NULL,
	    rec->text, line->len, line->offset, line->number,
	    res->kind == LINE_VIOLATING);
	pl->line_count = rec->line_count;
	if (time_ns != SOURCE_TIME_UNKNOWN)
		pl->time_ns = time_ns;
	if (w->copy_heads)
		b->head_used += pair_head_len(pl);
	if (w->filling->count == CHECK_BATCH) {
		check_send(w, w->filling);
		w->filling = NULL;
	}
}

static void *
check_worker_run(void *data)
{
	check_worker *w = data;
	check_source *src = &w->source;
	judge_result res = { 0 };
	source_info info;
	lc_record rec;
	const lc_line *line = &rec.first;
	continuation *cont;
	int got;

	/*
	 * Made here, so that this thread's hot data (match data, counts) come
	 * from its own malloc arena and share no cache line with the other's.
	 */
	w->judge = judge_new(w->rules);
	w->drift = drift_new(w->rules);
	w->rep = report_new(w->rules->format, w->rules->path, w->max_findings);
	report_set_max_per_rule(w->rep, w->max_per_rule);
	report_begin_capture(w->rep, w->capture);
	/* A record counts as its lines (see lc_record). */
	cont = continuation_new(w->rules);
	if (cont != NULL)
		source_set_continuation(src->reader, continuation_continues,
		    cont);
	while ((got = cont != NULL ? source_next_record(src->reader, &rec,
	    &info, &w->cause) : source_next_line_record(src->reader, &rec,
	    &info, &w->cause)) > 0) {
		if (info.malformed) {
			w->malformed++;
			check_malformed(w, line, &info);
			continue;
		}
		judge_record(w->judge, &src->order, &rec, src->stream, &res);
		check_extras(w->judge, w->rules, &rec, src->stream, &res);
		if (w->drift != NULL && res.kind != LINE_FOREIGN)
			drift_line(w->drift, rec.text, &res);
		if (w->each != NULL)
			w->each(w->each_data, w->index, &rec, &res);
		if (res.kind == LINE_CONFORMING && res.finding_count > 0)
			res.kind = LINE_VIOLATING;
		check_judged(w, &rec, info.time_ns, &res);
	}
	source_set_continuation(src->reader, NULL, NULL);
	continuation_free(cont);
	/*
	 * An empty stream the rules expect no log lines on (stdout under
	 * streams: stderr) is what they want, not worth a warning.
	 */
	bool unexpected = (w->rules->streams == STREAMS_STDOUT &&
	    src->stream == LC_STREAM_STDERR) ||
	    (w->rules->streams == STREAMS_STDERR &&
	    src->stream == LC_STREAM_STDOUT);
	if (got == 0 && !unexpected && source_empty(src->reader) &&
	    judge_severity(w->judge, FINDING_EMPTY_STREAM) != SEVERITY_OFF)
		report_add(w->rep, src->path, 0, 0,
		    judge_builtin_id(FINDING_EMPTY_STREAM),
		    judge_severity(w->judge, FINDING_EMPTY_STREAM),
		    src->stream == LC_STREAM_UNKNOWN ? xstrdup("the file is "
		    "empty") : xasprintf("%s is empty",
		    capture_stream_name(src->stream)), NULL, 0);
	judge_result_free(&res);
	if (w->filling != NULL)
		check_send(w, w->filling);
	w->filling = NULL;
	check_send(w, NULL);
	return NULL;
}

static const char *
check_pairing_status(const rules *r, const capture *c)
{
	if (r->streams != STREAMS_BOTH)
		return "not required by the rules";
	if (!c->has_stdout && !c->has_stderr)
		return "not checked: the stream is unknown";
	if (!c->has_stderr)
		return "not checked: no stderr was captured";
	if (!c->has_stdout)
		return "not checked: no stdout was captured";
	return "checked";
}

/*
 * Feed both workers' log lines to the pairing one at a time, always from
 * the side with fewer lines waiting, so that each stays within the window.
 */
static void
check_pair_streams(check_worker *workers, pair *pairing)
{
	check_worker *by_side[2];
	check_batch *batch[2] = { NULL, NULL };
	size_t next[2] = { 0, 0 };
	bool ended[2] = { false, false };
	/* Batches the pairing may still point into, oldest first. */
	check_batch *held[2][CHECK_HELD];
	uint64_t held_end[2][CHECK_HELD];	/* pushed count after each */
	size_t held_count[2] = { 0, 0 };
	uint64_t pushed[2] = { 0, 0 };

	by_side[PAIR_STDOUT] = workers[0].source.stream == LC_STREAM_STDOUT ?
	    &workers[0] : &workers[1];
	by_side[PAIR_STDERR] = by_side[PAIR_STDOUT] == &workers[0] ?
	    &workers[1] : &workers[0];
	while (!ended[PAIR_STDOUT] || !ended[PAIR_STDERR]) {
		pair_side side = PAIR_STDOUT;
		if (ended[PAIR_STDOUT] || (!ended[PAIR_STDERR] &&
		    pair_pending(pairing, PAIR_STDERR) <
		    pair_pending(pairing, PAIR_STDOUT)))
			side = PAIR_STDERR;
		if (batch[side] == NULL || next[side] == batch[side]->count) {
			uint64_t resolved = pushed[side] -
			    pair_pending(pairing, side);
			size_t done = 0;
			while (done < held_count[side] &&
			    held_end[side][done] <= resolved)
				check_batch_put(by_side[side], held[side][done++]);
			held_count[side] -= done;
			memmove(held[side], held[side] + done,
			    held_count[side] * sizeof held[side][0]);
			memmove(held_end[side], held_end[side] + done,
			    held_count[side] * sizeof held_end[side][0]);
			batch[side] = check_receive(by_side[side]);
			next[side] = 0;
			if (batch[side] == NULL) {
				ended[side] = true;
				pair_end(pairing, side);
				continue;
			}
			held[side][held_count[side]] = batch[side];
			held_end[side][held_count[side]++] = pushed[side] +
			    batch[side]->count;
		}
		pair_push_line(pairing, side, &batch[side]->lines[next[side]++]);
		pushed[side]++;
	}
	/* Both sides have ended: every line is resolved. */
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < held_count[s]; i++)
			check_batch_put(by_side[s], held[s][i]);
	}
}

/* Workers on cache lines of their own: each thread writes to its own. */
static check_worker *
check_workers_new(size_t count)
{
	return xcalloc_aligned(_Alignof(check_worker),
	    count * sizeof(check_worker));
}

static void
check_worker_free(check_worker *w)
{
	if (w->started)
		pthread_join(w->thread, NULL);
	for (size_t i = 0; i < w->queue_count; i++)
		free(w->queue[(w->queue_start + i) % CHECK_QUEUE]);
	free(w->filling);
	for (size_t i = 0; i < w->spare_count; i++)
		free(w->spare[i]);
	free(w->cause);
	report_free(w->rep);
	judge_free(w->judge);
	drift_free(w->drift);
	source_close(w->source.reader);
	pthread_cond_destroy(&w->changed);
	pthread_mutex_destroy(&w->lock);
}

/*
 * A capture mostly in another format fails, though each foreign line is
 * only a warning: drift in a share of lines is drift.
 */
bool
check_foreign_share_over(const rules *r, const report_capture *rc,
    uint64_t *lines, uint64_t *foreign)
{
	const report_counts *counts = &rc->counts;
	int most = rules_foreign_share(r);
	const char *id = judge_builtin_id(FINDING_FOREIGN_SHARE);

	/* The body of a record (a traceback) is no other format. */
	*lines = counts->lines - rc->foreign_body;
	*foreign = counts->foreign - rc->foreign_body;
	return most != RULES_FOREIGN_SHARE_OFF &&
	    rules_severity_of(r, id, SEVERITY_ERROR) != SEVERITY_OFF &&
	    *lines > 0 && *foreign * 100 > (uint64_t)most * *lines;
}

static void
check_foreign_share(const rules *r, const capture *c, report *rep)
{
	const report_capture *rc = &rep->captures[rep->capture_count - 1];
	int most = rules_foreign_share(r);
	const char *id = judge_builtin_id(FINDING_FOREIGN_SHARE);
	rules_severity severity = rules_severity_of(r, id, SEVERITY_ERROR);
	uint64_t lines, foreign;

	if (!check_foreign_share_over(r, rc, &lines, &foreign))
		return;
	report_add(rep, c->name, 0, 0, id, severity, xasprintf("%llu of %llu "
	    "lines (%llu%%) do not match the %s format; at most %d%% may%s",
	    (unsigned long long)foreign, (unsigned long long)lines,
	    (unsigned long long)(foreign * 100 / lines),
	    r->format, most, rules_foreign_share_from_baseline(r) ?
	    " (the baseline's share and " RULES_FOREIGN_SHARE_DRIFT_TEXT
	    " points)" : ""), NULL, 0);
}

int
check_capture(const rules *r, const capture *c, report *rep, char **cause)
{
	return check_capture_each(r, c, rep, NULL, NULL, NULL, cause);
}

bool
check_reads_at_once(const rules *r, const capture *c)
{
	return r->streams == STREAMS_BOTH && c->has_stdout && c->has_stderr;
}

int
check_capture_each(const rules *r, const capture *c, report *rep,
    check_each_fn each, void *data, uint64_t *malformed, char **cause)
{
	check_worker *workers;
	check_pairing cp = { .flush_ns = r->flush_ns };
	pair *pairing = NULL;
	uint64_t log_lines = 0;
	bool pair_streams = check_reads_at_once(r, c);
	int status = 0;

	workers = check_workers_new(2);
	/* Pairing has its own report, merged last, as it comes last. */
	cp.reps[PAIR_STDOUT] = report_new(r->format, r->path,
	    rep->max_findings);
	cp.reps[PAIR_STDERR] = report_new(r->format, r->path,
	    rep->max_findings);
	report_begin_capture(rep, c);
	report_set_pairing(rep, check_pairing_status(r, c));
	report_begin_capture(cp.reps[PAIR_STDOUT], c);
	report_begin_capture(cp.reps[PAIR_STDERR], c);
	report_set_max_per_rule(cp.reps[PAIR_STDOUT], rep->max_per_rule);
	report_set_max_per_rule(cp.reps[PAIR_STDERR], rep->max_per_rule);
	for (size_t i = 0; i < c->source_count; i++) {
		check_worker *w = &workers[i];
		pthread_mutex_init(&w->lock, NULL);
		pthread_cond_init(&w->changed, NULL);
		w->rules = r;
		w->pairing = pair_streams;
		w->source.path = c->sources[i].path;
		w->source.stream = c->sources[i].stream;
		w->source.report_malformed = c->sources[i].stream ==
		    LC_STREAM_STDOUT;
		w->capture = c;
		w->max_findings = rep->max_findings;
		w->max_per_rule = rep->max_per_rule;
		w->index = i;
		w->each = each;
		w->each_data = data;
		pair_side side = w->source.stream == LC_STREAM_STDOUT ?
		    PAIR_STDOUT : PAIR_STDERR;
		if (status == 0) {
			w->source.reader = source_open(&c->sources[i],
			    r->max_line, w->source.report_malformed, cause);
			if (w->source.reader == NULL)
				status = -1;
			else
				w->copy_heads = !source_rereadable(
				    w->source.reader);
		}
		if (w->source.stream != LC_STREAM_UNKNOWN) {
			cp.paths[side] = w->source.path;
			cp.readers[side] = w->source.reader;
		}
	}
	if (status != 0)
		goto out;
	/* Seeded here, before the readers' threads parse Docker records. */
	json_object_seed(0);
	for (size_t i = 0; i < c->source_count; i++) {
		/*
		 * Unpaired, each() sees the sources one after the other.  A
		 * capture of one stream is read on this thread, which would
		 * only wait for another: a thread per capture was most of
		 * the cost of checking many small ones.
		 */
		if ((each != NULL || c->source_count == 1) && !pair_streams) {
			check_worker_run(&workers[i]);
			continue;
		}
		workers[i].started = pthread_create(&workers[i].thread, NULL,
		    check_worker_run, &workers[i]) == 0;
		/* Without a thread, a stream that pairs would block. */
		if (!workers[i].started && pair_streams) {
			*cause = xstrdup("cannot start a thread to read a "
			    "stream");
			status = -1;
			goto out;
		}
		if (!workers[i].started)
			check_worker_run(&workers[i]);
	}
	if (pair_streams) {
		cp.judge = judge_new(r);
		pairing = pair_new(CHECK_PAIR_WINDOW, check_paired, &cp);
		check_pair_streams(workers, pairing);
	}
	for (size_t i = 0; i < c->source_count; i++) {
		check_worker *w = &workers[i];
		if (w->started)
			pthread_join(w->thread, NULL);
		w->started = false;
		if (w->cause != NULL && status == 0) {
			*cause = w->cause;
			w->cause = NULL;
			status = -1;
		}
		log_lines += w->log_lines;
		report_merge(rep, w->rep);
	}
	/* The first source's reader met them, or left them out. */
	if (malformed != NULL && c->source_count > 0)
		*malformed += workers[0].malformed +
		    source_skipped(workers[0].source.reader);
	report_merge(rep, cp.reps[PAIR_STDOUT]);
	report_merge(rep, cp.reps[PAIR_STDERR]);
	if (status == 0) {
		drift *drifts[2] = { workers[0].drift, NULL };
		if (c->source_count > 1)
			drifts[1] = workers[1].drift;
		drift_capture_end(drifts, 2, rep, c->name);
	}
	if (status == 0 && log_lines == 0)
		report_add(rep, c->name, 0, 0,
		    judge_builtin_id(FINDING_NO_LOG_LINES), SEVERITY_ERROR,
		    xasprintf("no line of this capture matches the %s line "
		    "format", r->format), NULL, 0);
	else if (status == 0)
		check_foreign_share(r, c, rep);
out:
	pair_free(pairing);
	for (size_t i = 0; i < c->source_count; i++)
		check_worker_free(&workers[i]);
	free(workers);
	judge_free(cp.judge);
	report_free(cp.reps[PAIR_STDOUT]);
	report_free(cp.reps[PAIR_STDERR]);
	return status;
}
