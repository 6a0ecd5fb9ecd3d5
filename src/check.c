/* check: reader -> judge -> pair -> report for one capture; see check.h. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "pair.h"
#include "reader.h"
#include "utf8.h"
#include "xalloc.h"

/* Display width of the excerpt shown under a finding. */
#define CHECK_EXCERPT_WIDTH 100

typedef struct {
	lc_reader *reader;
	const char *path;
	lc_stream stream;
	judge_stream order;
	bool done;
} check_source;

/* What the pairing callback needs. */
typedef struct {
	report *rep;
	judge *judge;
	const char *paths[2];	/* by pair_side */
} check_pairing;

static void
check_add(report *rep, const char *path, const char *text, size_t len,
    unsigned long number, size_t at, const char *rule,
    rules_severity severity, char *message)
{
	size_t caret = 0;

	/* Past --max-findings a finding is only counted: skip the excerpt. */
	if (!report_keeps(rep)) {
		report_add(rep, path, number, 0, rule, severity, message, NULL,
		    0);
		return;
	}
	report_add(rep, path, number, utf8_column(text, len, at), rule,
	    severity, message, utf8_excerpt(text, len, at, CHECK_EXCERPT_WIDTH,
	    &caret), caret);
}

static void
check_paired(void *data, pair_outcome outcome, pair_side a_side,
    const pair_line *a, const pair_line *b)
{
	check_pairing *cp = data;
	rules_severity severity = judge_severity(cp->judge,
	    FINDING_STREAM_PAIRING);
	const char *rule = judge_builtin_id(FINDING_STREAM_PAIRING);
	const lc_stream streams[2] = { LC_STREAM_STDOUT, LC_STREAM_STDERR };
	const char *other = cp->paths[!a_side];
	size_t at = 0;
	char *message;

	switch (outcome) {
	case PAIR_MATCHED:
		report_count_line(cp->rep, LC_STREAM_STDOUT,
		    a->violating ? LINE_VIOLATING : LINE_CONFORMING);
		report_count_line(cp->rep, LC_STREAM_STDERR,
		    b->violating ? LINE_VIOLATING : LINE_CONFORMING);
		return;
	case PAIR_ONLY:
		if (b != NULL)
			message = xasprintf("log line missing from %s (its twin "
			    "was due before %s:%lu)", capture_stream_name(
			    streams[!a_side]), other, b->number);
		else
			message = xasprintf("log line missing from %s (its twin "
			    "was due after the last log line of %s)",
			    capture_stream_name(streams[!a_side]), other);
		break;
	case PAIR_DIFFERENT:
	default:
		while (at < a->head_len && at < b->head_len &&
		    a->head[at] == b->head[at])
			at++;
		message = xasprintf("text differs from its twin at %s:%lu:%lu",
		    other, b->number, utf8_column(b->head, b->head_len, at));
		break;
	}
	if (severity != SEVERITY_OFF)
		check_add(cp->rep, cp->paths[a_side], a->head, a->head_len,
		    a->number, at, rule, severity, message);
	else
		free(message);
	bool failed = severity != SEVERITY_OFF;
	report_count_line(cp->rep, streams[a_side],
	    a->violating || failed ? LINE_VIOLATING : LINE_CONFORMING);
	if (outcome == PAIR_DIFFERENT)
		report_count_line(cp->rep, LC_STREAM_STDERR,
		    b->violating || failed ? LINE_VIOLATING : LINE_CONFORMING);
}

/* Findings the judge cannot see: length and stream policy. */
static void
check_line_extras(judge *j, const rules *r, const lc_line *line,
    lc_stream stream, judge_result *res)
{
	if (line->truncated)
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

/* Which source to read next: with pairing, the one with fewer waiting. */
static check_source *
check_next_source(check_source *sources, size_t count, const pair *pairing)
{
	check_source *best = NULL;

	for (size_t i = 0; i < count; i++) {
		if (sources[i].done)
			continue;
		if (pairing == NULL)
			return &sources[i];
		if (best == NULL || pair_pending(pairing,
		    sources[i].stream == LC_STREAM_STDOUT ? PAIR_STDOUT :
		    PAIR_STDERR) < pair_pending(pairing, best->stream ==
		    LC_STREAM_STDOUT ? PAIR_STDOUT : PAIR_STDERR))
			best = &sources[i];
	}
	return best;
}

static void
check_judged(report *rep, check_source *src, const lc_line *line,
    judge_result *res, pair *pairing)
{
	for (size_t i = 0; i < res->finding_count; i++) {
		judge_finding *f = &res->findings[i];
		check_add(rep, src->path, line->text, line->len, line->number,
		    f->at, f->rule, f->severity, f->message);
		f->message = NULL;	/* the report has it now */
	}
	if (res->kind != LINE_FOREIGN && res->level.off != SIZE_MAX)
		report_count_level(rep, line->text + res->level.off,
		    res->level.len);
	if (res->kind == LINE_FOREIGN || pairing == NULL) {
		report_count_line(rep, src->stream, res->kind);
		return;
	}
	pair_push(pairing, src->stream == LC_STREAM_STDOUT ? PAIR_STDOUT :
	    PAIR_STDERR, line->text, line->len, line->number,
	    res->kind == LINE_VIOLATING);
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

int
check_capture(const rules *r, const capture *c, report *rep, char **cause)
{
	check_source sources[2];
	judge *j = judge_new(r);
	judge_result res = { 0 };
	check_pairing cp = { .rep = rep, .judge = j };
	pair *pairing = NULL;
	lc_line line;
	int status = 0;
	uint64_t log_lines = 0;

	memset(sources, 0, sizeof sources);
	report_begin_capture(rep, c);
	report_set_pairing(rep, check_pairing_status(r, c));
	for (size_t i = 0; i < c->source_count; i++) {
		sources[i].path = c->sources[i].path;
		sources[i].stream = c->sources[i].stream;
		sources[i].reader = reader_open(sources[i].path, r->max_line,
		    cause);
		if (sources[i].reader == NULL) {
			status = -1;
			goto out;
		}
		if (sources[i].stream != LC_STREAM_UNKNOWN)
			cp.paths[sources[i].stream == LC_STREAM_STDOUT ?
			    PAIR_STDOUT : PAIR_STDERR] = sources[i].path;
	}
	if (r->streams == STREAMS_BOTH && c->has_stdout && c->has_stderr)
		pairing = pair_new(CHECK_PAIR_WINDOW, check_paired, &cp);

	check_source *src;
	while ((src = check_next_source(sources, c->source_count,
	    pairing)) != NULL) {
		int got = reader_next(src->reader, &line, cause);
		if (got < 0) {
			status = -1;
			goto out;
		}
		if (got == 0) {
			src->done = true;
			if (reader_bytes(src->reader) == 0 &&
			    judge_severity(j, FINDING_EMPTY_STREAM) !=
			    SEVERITY_OFF)
				report_add(rep, src->path, 0, 0,
				    judge_builtin_id(FINDING_EMPTY_STREAM),
				    judge_severity(j, FINDING_EMPTY_STREAM),
				    xasprintf("%s is empty",
				    capture_stream_name(src->stream)), NULL, 0);
			if (pairing != NULL)
				pair_end(pairing, src->stream ==
				    LC_STREAM_STDOUT ? PAIR_STDOUT :
				    PAIR_STDERR);
			continue;
		}
		judge_line(j, &src->order, line.text, line.len, src->stream,
		    &res);
		check_line_extras(j, r, &line, src->stream, &res);
		if (res.kind == LINE_CONFORMING && res.finding_count > 0)
			res.kind = LINE_VIOLATING;
		if (res.kind != LINE_FOREIGN)
			log_lines++;
		check_judged(rep, src, &line, &res, pairing);
	}
	if (log_lines == 0)
		report_add(rep, c->name, 0, 0,
		    judge_builtin_id(FINDING_NO_LOG_LINES), SEVERITY_ERROR,
		    xasprintf("no line of this capture matches the %s line "
		    "format", r->format), NULL, 0);
out:
	judge_result_free(&res);
	pair_free(pairing);
	for (size_t i = 0; i < c->source_count; i++)
		reader_close(sources[i].reader);
	judge_free(j);
	return status;
}
