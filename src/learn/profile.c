/* profile: one capture's logging habits under a format; see profile.h. */
#include "learn/profile.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/baseline.h"
#include "decode/findings.h"
#include "decode/levels.h"
#include "learn/baseline_scan.h"
#include "judge/check.h"
#include "judge/judge.h"
#include "input/source.h"
#include "judge/samples.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define PROFILE_EXCERPT_WIDTH 100
#define PROFILE_EXAMPLES_PER_RULE 10

/*
 * The length of the text marker leading a message, such as "[OK]" or
 * "SUCCESS:", or 0 when there is none.
 */
static size_t
profile_text_marker(const char *text, size_t len)
{
	static const char *const words[] = {
		"OK", "SUCCESS", "DONE", "FAIL", "FAILED", "ERROR", "WARN",
		"WARNING", "INFO", NULL
	};

	if (len > 0 && text[0] == '[') {
		for (size_t i = 1; i < len && i <= 10; i++) {
			char c = text[i];
			if (c == ']')
				return i > 1 ? i + 1 : 0;
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
				return 0;
		}
		return 0;
	}
	for (size_t w = 0; words[w] != NULL; w++) {
		size_t n = strlen(words[w]);
		if (len > n && memcmp(text, words[w], n) == 0 &&
		    (text[n] == ':' || text[n] == '!'))
			return n + 1;
		if (len > n && memcmp(text, words[w], n) == 0 && text[n] == ' ')
			return n;
	}
	return 0;
}

static void
profile_use(profile *p, const char *emoji, size_t emoji_len,
    const char *level, size_t level_len, const char *file,
    unsigned long line, const char *text, size_t len)
{
	for (size_t i = 0; i < p->use_count; i++) {
		profile_emoji_use *u = &p->uses[i];
		if (strlen(u->emoji) == emoji_len && strlen(u->level) ==
		    level_len && memcmp(u->emoji, emoji, emoji_len) == 0 &&
		    memcmp(u->level, level, level_len) == 0) {
			u->count++;
			return;
		}
	}
	p->uses = xreallocarray(p->uses, p->use_count + 1, sizeof *p->uses);
	p->uses[p->use_count++] = (profile_emoji_use){
		.emoji = utf8_sanitize(emoji, emoji_len),
		.level = utf8_sanitize(level, level_len),
		.count = 1, .file = xstrdup(file), .line = line,
		.text = utf8_excerpt(text, len, 0, PROFILE_EXCERPT_WIDTH, NULL),
	};
}

static void
profile_count_level(profile *p, const char *level, size_t len)
{
	for (size_t i = 0; i < p->level_count; i++) {
		if (strlen(p->levels[i].level) == len &&
		    memcmp(p->levels[i].level, level, len) == 0) {
			p->levels[i].count++;
			return;
		}
	}
	p->levels = xreallocarray(p->levels, p->level_count + 1,
	    sizeof *p->levels);
	p->levels[p->level_count++] = (profile_level){
		.level = utf8_sanitize(level, len), .count = 1,
	};
}

/* Habits of one log line: levels, emoji, markers, template. */
static void
profile_line(profile *p, const char *file, const lc_line *line,
    const judge_result *res)
{
	const char *text = line->text;
	const char *level = res->level.off != SIZE_MAX ?
	    text + res->level.off : "";
	size_t level_len = res->level.off != SIZE_MAX ? res->level.len : 0;
	const char *message = res->message.off != SIZE_MAX ?
	    text + res->message.off : "";
	size_t message_len = res->message.off != SIZE_MAX ?
	    res->message.len : 0;
	size_t emoji_len = res->emoji_len;
	const char *rest = message + emoji_len;
	size_t rest_len = message_len - emoji_len;

	p->messages++;
	profile_count_level(p, level, level_len);
	if (emoji_len > 0)
		p->emoji_led++;
	else if ((emoji_len = profile_text_marker(message, message_len)) > 0) {
		/* The marker stands where an emoji would: the template's lead. */
		p->text_marked++;
		if (p->marker_file == NULL) {
			p->marker_file = xstrdup(file);
			p->marker_line = line->number;
			p->marker_text = utf8_excerpt(text, line->len, 0,
			    PROFILE_EXCERPT_WIDTH, NULL);
			p->marker = utf8_sanitize(message, emoji_len);
		}
		rest = message + emoji_len;
		rest_len = message_len - emoji_len;
	}
	profile_use(p, message, res->emoji_len, level, level_len, file,
	    line->number, text, line->len);
	/* The template starts after the emoji and the space behind it. */
	while (rest_len > 0 && *rest == ' ') {
		rest++;
		rest_len--;
	}
	templates_add(p->miner, level, level_len, message, emoji_len, rest,
	    rest_len);
}

/*
 * Habits taken under one set of rules in the one reading of a capture:
 * the check's own judgement (judges NULL), or another line format's, with
 * a judge per source since paired streams are read on threads of their
 * own.  Habits come from the sources in order (from the first with log
 * lines only when the streams are paired); a source the reading cannot
 * give in order is read again afterwards.
 */
typedef struct {
	const rules *rules;
	profile *p;
	bool paired;
	judge *judges[2];
	judge_result res[2];
	uint64_t log_lines[2];		/* per source */
	bool took[2];			/* habits taken from the source */
} profile_habits;

typedef struct {
	const capture *c;
	bool in_order;			/* sources one after the other */
	uint64_t lines[2];		/* per source */
	profile_habits *sets[2];
	size_t set_count;
} profile_pass;

/* Whether habits come from source i, once the sources before it are read. */
static bool
profile_takes(const profile_habits *h, size_t i)
{
	if (i == 0)
		return true;
	if (h->paired)
		return h->log_lines[0] == 0;
	return true;
}

static void
profile_each(void *data, size_t i, const lc_line *line,
    const judge_result *res)
{
	profile_pass *pass = data;
	const capture_source *src = &pass->c->sources[i];

	pass->lines[i]++;
	for (size_t k = 0; k < pass->set_count; k++) {
		profile_habits *h = pass->sets[k];
		const judge_result *hr = res;

		if (h->judges[i] != NULL) {
			judge_line(h->judges[i], NULL, line->text, line->len,
			    src->stream, &h->res[i]);
			hr = &h->res[i];
		}
		if (hr->kind == LINE_FOREIGN)
			continue;
		h->log_lines[i]++;
		if ((i == 0 || pass->in_order) && profile_takes(h, i)) {
			h->took[i] = true;
			profile_line(h->p, src->path, line, hr);
		}
	}
}

/* Read source i once more, for the habits the reading could not give. */
static int
profile_reread(profile_habits *h, const capture_source *src, char **cause)
{
	source_reader *reader = source_open(src, h->rules->max_line, false,
	    cause);
	judge *j = judge_new(h->rules);
	judge_result res = { 0 };
	lc_line line;
	int got;

	if (reader == NULL) {
		judge_free(j);
		return -1;
	}
	while ((got = source_next(reader, &line, NULL, cause)) > 0) {
		judge_line(j, NULL, line.text, line.len, src->stream, &res);
		if (res.kind != LINE_FOREIGN)
			profile_line(h->p, src->path, &line, &res);
	}
	judge_result_free(&res);
	judge_free(j);
	source_close(reader);
	return got < 0 ? -1 : 0;
}

/*
 * Read the start of a capture into an inference: at most sniff lines of
 * the first source (0: all of them), and of the others as many as bring
 * their layouts level with it (at most 4 * sniff), counting the
 * malformed container-log records left out (once: both streams' readers
 * see them).  *complete says whether every line was read.  0, or -1 on a
 * read error.
 */
static int
profile_infer_feed(infer *in, const capture *c, size_t sniff,
    uint64_t *skipped, bool *complete, char **cause)
{
	bool cut = false;
	lc_line line;
	int got = 0;

	for (size_t i = 0; i < c->source_count && got >= 0; i++) {
		lc_stream first = c->sources[0].stream;
		lc_stream stream = c->sources[i].stream;
		source_reader *reader = source_open(&c->sources[i],
		    1024 * 1024, false, cause);
		size_t fed = 0, most = i == 0 ? sniff : 4 * sniff;

		/* Standard input is not read again: take all of it, as before. */
		if (strcmp(c->sources[i].path, "-") == 0)
			most = 0;

		if (reader == NULL)
			return -1;
		for (;;) {
			if (cut && i > 0 && stream != first &&
			    infer_caught_up(in, first, stream))
				break;
			if ((got = source_next(reader, &line, NULL,
			    cause)) <= 0)
				break;
			if (most != 0 && fed == most) {
				cut = true;
				break;
			}
			infer_add(in, line.text, line.len, stream);
			fed++;
		}
		if (i == 0 && skipped != NULL)
			*skipped += source_skipped(reader);
		source_close(reader);
	}
	if (complete != NULL)
		*complete = !cut;
	return got < 0 ? -1 : 0;
}

/* Rules from an inferred format; NULL with *cause when they do not hold. */
static rules *
profile_format_rules(const infer_format *format, const char *name,
    const char *from, char **cause)
{
	char *why = NULL;
	lc_error err;
	rules *r;

	r = infer_rules(format, name, &why);
	if (r != NULL && samples_verify(r, &err) != 0) {
		rules_free(r);
		r = NULL;
		why = xstrdup(err.text);
	}
	if (r == NULL)
		*cause = xasprintf("the format inferred from %s does not load: "
		    "%s", from, why);
	free(why);
	return r;
}

/* Whether lines judged by a and b give the same habits. */
static bool
profile_same_habits(const rules *a, const rules *b, bool paired_a,
    bool paired_b)
{
	return strcmp(a->line_pattern, b->line_pattern) == 0 &&
	    a->max_line == b->max_line && paired_a == paired_b;
}

static void
profile_habits_init(profile_habits *h, const rules *r, const rules *check,
    profile *p, bool paired)
{
	memset(h, 0, sizeof *h);
	h->rules = r;
	h->p = p;
	h->paired = paired;
	/* The check's own judgement serves when the pattern is the same. */
	if (strcmp(r->line_pattern, check->line_pattern) != 0 ||
	    r->max_line != check->max_line) {
		h->judges[0] = judge_new(r);
		h->judges[1] = judge_new(r);
	}
}

static void
profile_habits_clear(profile_habits *h)
{
	for (int i = 0; i < 2; i++) {
		judge_free(h->judges[i]);
		judge_result_free(&h->res[i]);
	}
}

/* Take what the reading could not give in order. */
static int
profile_habits_finish(profile_habits *h, const capture *c, char **cause)
{
	for (size_t i = 1; i < c->source_count; i++) {
		if (h->took[i] || !profile_takes(h, i))
			continue;
		if (profile_reread(h, &c->sources[i], cause) != 0)
			return -1;
	}
	for (size_t i = 0; i < c->source_count; i++)
		h->p->stream_lines[c->sources[i].stream] += h->log_lines[i];
	return 0;
}

/* Move the habits of from into p, whose own habits go. */
static void
profile_take_habits(profile *p, profile *from)
{
	profile kept = *p;

	*p = *from;
	memset(from, 0, sizeof *from);
	p->name = kept.name;
	p->report = kept.report;
	p->own_ok = kept.own_ok;
	p->own = kept.own;
	p->own_habits = kept.own_habits;
	p->lines = kept.lines;
	kept.name = NULL;
	kept.report = NULL;
	kept.own_ok = false;
	profile_free(&kept);
}

int
profile_build(const rules *r, const capture *c, size_t max_findings,
    infer_format *known, profile *p, char **cause)
{
	bool both = c->has_stdout && c->has_stderr, complete = true;
	rules *own_rules = NULL;
	infer *own = infer_new();
	profile other;
	profile_habits habits[2];
	profile_pass pass = { .c = c };
	uint64_t total = 0;
	int status = -1;

	memset(p, 0, sizeof *p);
	memset(&other, 0, sizeof other);
	memset(habits, 0, sizeof habits);
	p->name = xstrdup(c->name);
	p->miner = templates_new(NULL);
	p->report = report_new(r->format, r->path, max_findings);
	/* Findings serve as examples: a few of each kind keep memory flat. */
	report_set_max_per_rule(p->report, PROFILE_EXAMPLES_PER_RULE);
	char *ignored = NULL;
	if (known != NULL) {
		p->own = *known;	/* taken over */
		memset(known, 0, sizeof *known);
		p->own_ok = true;
	} else {
		/* The capture's own layout, from a sniff of its start. */
		if (profile_infer_feed(own, c, PROFILE_SNIFF_LINES, NULL,
		    &complete, cause) != 0)
			goto out;
		p->own_ok = infer_finish(own, &p->own, &ignored) == 0;
		free(ignored);
	}
	if (p->own_ok) {
		ignored = NULL;
		own_rules = profile_format_rules(&p->own, "own", c->name,
		    &ignored);
		free(ignored);
	}

	/*
	 * One reading: the check, the habits under the format and, when the
	 * capture's own format would judge its lines otherwise, under that
	 * too; which habits count is known once the check is done.  With
	 * paired streams each log line is written twice: the habits come
	 * from the first stream that has log lines, the twin adds nothing.
	 */
	pass.in_order = !(r->streams == STREAMS_BOTH && both);
	profile_habits_init(&habits[0], r, r, p, r->streams == STREAMS_BOTH &&
	    both);
	pass.sets[pass.set_count++] = &habits[0];
	if (own_rules != NULL) {
		bool paired = own_rules->streams == STREAMS_BOTH && both;
		if (!profile_same_habits(own_rules, r, paired,
		    habits[0].paired)) {
			other.miner = templates_new(NULL);
			profile_habits_init(&habits[1], own_rules, r, &other,
			    paired);
			pass.sets[pass.set_count++] = &habits[1];
		}
	}
	if (check_capture_each(r, c, p->report, profile_each, &pass,
	    cause) != 0)
		goto out;
	report_sort(p->report);
	for (size_t i = 0; i < c->source_count; i++)
		total += pass.lines[i];
	p->lines = total;

	profile_habits *chosen = &habits[0];
	uint64_t fitting = p->report->total.conforming +
	    p->report->total.violating;
	if (p->own_ok && p->own.lines < total) {
		/* A sniff: the own layout's lines are counted in the reading. */
		profile_habits *h = pass.set_count > 1 ? &habits[1] :
		    &habits[0];
		p->own.fitting = 0;
		for (size_t i = 0; i < c->source_count; i++)
			p->own.fitting += h->log_lines[i];
		p->own.lines = total;
	}
	if (p->own_ok && own_rules != NULL && (double)fitting <
	    PROFILE_LAYOUT_FIT_SHARE * (double)p->own.fitting) {
		p->own_habits = true;
		if (pass.set_count > 1)
			chosen = &habits[1];
	}
	if (profile_habits_finish(chosen, c, cause) != 0)
		goto out;
	if (chosen != &habits[0])
		profile_take_habits(p, &other);
	status = 0;
out:
	profile_habits_clear(&habits[0]);
	profile_habits_clear(&habits[1]);
	profile_free(&other);
	infer_free(own);
	rules_free(own_rules);
	return status;
}

void
profile_free(profile *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->use_count; i++) {
		free(p->uses[i].emoji);
		free(p->uses[i].level);
		free(p->uses[i].file);
		free(p->uses[i].text);
	}
	free(p->uses);
	for (size_t i = 0; i < p->level_count; i++)
		free(p->levels[i].level);
	free(p->levels);
	if (p->own_ok)
		infer_format_free(&p->own);
	templates_free(p->miner);
	report_free(p->report);
	free(p->marker_file);
	free(p->marker_text);
	free(p->marker);
	free(p->name);
	memset(p, 0, sizeof *p);
}

rules *
profile_infer_rules(const capture *c, const char *name, char **yaml,
    infer_format *format_out, char **cause)
{
	infer *in = infer_new();
	infer_format format;
	rules *r = NULL;

	bool complete;

	*yaml = NULL;
	if (profile_infer_feed(in, c, PROFILE_SNIFF_LINES, NULL, &complete,
	    cause) == 0 && infer_finish(in, &format, cause) == 0) {
		r = profile_format_rules(&format, name, c->name, cause);
		/* The rule file only for people to read. */
		if (r != NULL)
			*yaml = infer_rules_yaml(&format, name);
		if (r != NULL && format_out != NULL)
			*format_out = format;
		else
			infer_format_free(&format);
	}
	infer_free(in);
	return r;
}

static int profile_relaxable(const rules *r, const char *name,
    const capture *captures, size_t count, infer_format *relax,
    char **cause);
static char *profile_infer_spooled(const capture *captures, size_t count,
    const char *name, const rules *layout_from, rules **profile,
    const infer_format *relax,
    char **cause);

/* Levels from a baseline's counts: the vocabulary words, in order. */
static void
profile_levels_from(infer_format *f, const baseline *b)
{
	for (size_t i = 0; i < f->level_count; i++)
		free(f->levels[i]);
	f->level_count = 0;
	f->levels = xreallocarray(f->levels, b->level_count + 1,
	    sizeof *f->levels);
	for (size_t i = 0; i < b->level_count; i++) {
		const char *level = b->levels[i].level;
		if (levels_rank(level, strlen(level)) >= 0)
			f->levels[f->level_count++] = xstrdup(level);
	}
	for (size_t i = 1; i < f->level_count; i++) {
		for (size_t k = i; k > 0 && levels_order(
		    f->levels[k - 1], f->levels[k]) > 0; k--) {
			char *swap = f->levels[k];
			f->levels[k] = f->levels[k - 1];
			f->levels[k - 1] = swap;
		}
	}
}

/* The spooled copy of standard input, for the signal handler to remove. */
static char profile_spool_path[4096];

static void
profile_spool_signal(int sig)
{
	if (profile_spool_path[0] != '\0')
		unlink(profile_spool_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Remove the spool if infer is killed (SIGINT, SIGTERM, SIGHUP). */
static void
profile_spool_guard(const char *spooled, bool on)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? profile_spool_signal : SIG_DFL;
	if (on)
		snprintf(profile_spool_path, sizeof profile_spool_path, "%s",
		    spooled);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	if (!on)
		profile_spool_path[0] = '\0';
}

/*
 * Standard input can be read once, and infer reads its captures twice: copy
 * it to a temporary file first.  *spooled gets that file's path (the
 * caller removes and frees it) and copy the captures, pointing there.
 */
static int
profile_spool_stdin(const capture *captures, size_t count, capture *copy,
    char **spooled, char **cause)
{
	const char *base = getenv("TMPDIR");
	char buffer[65536];
	ssize_t got;
	int fd = -1;

	*spooled = NULL;
	for (size_t i = 0; i < count; i++) {
		copy[i] = captures[i];
		for (size_t s = 0; s < copy[i].source_count; s++) {
			if (strcmp(copy[i].sources[s].path, "-") != 0)
				continue;
			if (*spooled == NULL) {
				*spooled = xasprintf("%s/logcompat-stdin.XXXXXX",
				    base != NULL && *base != '\0' ? base :
				    "/tmp");
				/*
				 * No signal between creating the spool and
				 * guarding it: it would be left behind.
				 */
				sigset_t block, old_mask;
				sigemptyset(&block);
				sigaddset(&block, SIGINT);
				sigaddset(&block, SIGTERM);
				sigaddset(&block, SIGHUP);
				sigprocmask(SIG_BLOCK, &block, &old_mask);
				fd = mkstemp(*spooled);
				if (fd >= 0)
					profile_spool_guard(*spooled, true);
				sigprocmask(SIG_SETMASK, &old_mask, NULL);
				if (fd < 0) {
					*cause = xasprintf("cannot spool standard "
					    "input to %s: %s", *spooled,
					    strerror(errno));
					free(*spooled);
					*spooled = NULL;
					return -1;
				}
			}
			copy[i].sources[s].path = *spooled;
		}
	}
	if (fd < 0)
		return 0;
	while ((got = read(STDIN_FILENO, buffer, sizeof buffer)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		/*
		 * A full disk first shortens a write, with errno untouched:
		 * write the rest, so that the next write says ENOSPC.
		 */
		ssize_t put = 0, wrote = 0;
		while (got > 0 && put < got && (wrote = write(fd, buffer + put,
		    (size_t)(got - put))) > 0)
			put += wrote;
		if (got < 0 || put < got) {
			*cause = xasprintf("cannot spool standard input to %s: "
			    "%s", *spooled, got < 0 || wrote < 0 ?
			    strerror(errno) : "nothing written");
			close(fd);
			return -1;
		}
	}
	if (close(fd) != 0) {
		*cause = xasprintf("cannot spool standard input to %s: %s",
		    *spooled, strerror(errno));
		return -1;
	}
	return 0;
}

char *
profile_infer_checked(const capture *given, size_t count, const char *name,
    const rules *layout_from, uint64_t *failing, char **ids,
    char **check_cause, char **cause)
{
	capture *captures = xcalloc(count + 1, sizeof *captures);
	char *spooled = NULL;
	char *yaml = NULL;
	rules *r = NULL;

	*failing = 0;
	*ids = NULL;
	if (profile_spool_stdin(given, count, captures, &spooled, cause) == 0)
		yaml = profile_infer_spooled(captures, count, name,
		    layout_from, &r, NULL, cause);
	/*
	 * A profile passes the captures it was read from: the rules they
	 * break themselves (time stepping back where logs were joined)
	 * become warnings, and the profile is written again with that.
	 */
	infer_format relax = { 0 };
	char *unread = NULL;
	/* With --format-from the shards of a fleet keep one rule file.  An
	   unreadable capture is the self-check's to report. */
	if (yaml != NULL && layout_from == NULL && profile_relaxable(r, name,
	    captures, count, &relax, &unread) == 0 &&
	    relax.relaxed_count > 0) {
		rules_free(r);
		free(yaml);
		r = NULL;
		yaml = profile_infer_spooled(captures, count, name,
		    layout_from, &r, &relax, cause);
	}
	infer_format_free(&relax);
	free(unread);
	if (yaml != NULL && check_cause != NULL) {
		/*
		 * Drift from its own counts is reported at most (the policies
		 * infer writes), never a failure: the check goes without it.
		 */
		baseline *counts = r->baseline;
		r->baseline = NULL;
		if (profile_self_check(r, name, captures, count, failing, ids,
		    check_cause) != 0)
			*failing = 0;
		r->baseline = counts;
	}
	rules_free(r);
	if (spooled != NULL) {
		unlink(spooled);
		profile_spool_guard(NULL, false);
		free(spooled);
	}
	free(captures);
	return yaml;
}

char *
profile_infer_yaml(const capture *given, size_t count, const char *name,
    char **cause)
{
	uint64_t failing;
	char *ids, *yaml;

	yaml = profile_infer_checked(given, count, name, NULL, &failing, &ids,
	    NULL, cause);
	free(ids);
	return yaml;
}

void
profile_format_of(const rules *r, infer_format *f)
{
	memset(f, 0, sizeof *f);
	f->line_pattern = xstrdup(r->line_pattern);
	f->skeleton = xstrdup(r->baseline != NULL && r->baseline->layout !=
	    NULL ? r->baseline->layout : r->line_pattern);
	f->time_format = r->time_format != NULL ? xstrdup(r->time_format) :
	    NULL;
	f->continuation = r->continuation_pattern != NULL ?
	    xstrdup(r->continuation_pattern) : NULL;
	f->emoji = r->emoji;
	f->streams = r->streams;
	f->foreign_given = true;
	f->foreign = r->foreign;
	f->flush_ns = r->flush_given ? r->flush_ns : 0;
	f->levels = xcalloc(r->level_count + 1, sizeof *f->levels);
	for (size_t k = 0; k < r->level_count; k++)
		f->levels[f->level_count++] = xstrdup(r->levels[k]);
}

static char *
profile_infer_spooled(const capture *captures, size_t count,
    const char *name, const rules *layout_from, rules **profile,
    const infer_format *relax, char **cause)
{
	infer *in;
	infer_format format;
	char *yaml = NULL;
	baseline *b = NULL;
	uint64_t skipped = 0;
	rules *r;

	*profile = NULL;
	if (layout_from != NULL && layout_from->line_pattern == NULL) {
		/* Inferring keys is to come: no line pattern to take. */
		*cause = xasprintf("%s: --format-from takes a text format, "
		    "not 'decode: json' or 'decode: logfmt'",
		    layout_from->path);
		return NULL;
	}
	if (layout_from != NULL) {
		/* The layout given: a shard too small to show it still fits. */
		profile_format_of(layout_from, &format);
		r = profile_format_rules(&format, name, layout_from->path,
		    cause);
		if (r == NULL)
			goto out;
		goto counted;
	}
	in = infer_new();
	for (size_t i = 0; i < count; i++) {
		if (profile_infer_feed(in, &captures[i], PROFILE_SNIFF_LINES,
		    NULL, NULL, cause) != 0) {
			infer_free(in);
			return NULL;
		}
	}
	if (infer_finish(in, &format, cause) != 0) {
		infer_free(in);
		return NULL;
	}
	infer_free(in);
	r = profile_format_rules(&format, name, count == 1 ?
	    captures[0].name : "the captures", cause);
	if (r == NULL)
		goto out;
counted:
	/* Second pass: the baseline, counted under the inferred format. */
	b = baseline_for(r, format.skeleton);
	for (size_t i = 0; i < count; i++) {
		if (baseline_scan(b, r, &captures[i], layout_from == NULL ?
		    &skipped : NULL, cause) != 0)
			goto out;
	}
	baseline_finish(b);
	/*
	 * Levels and the emoji policy from every log line's counts, not only
	 * the layout's winner: exact, so that merge can rebuild them.
	 */
	if (b->has_levels && format.level_count > 0)
		profile_levels_from(&format, b);
	format.emoji = baseline_emoji_policy(b, format.emoji);
	format.lines = b->lines;
	format.fitting = b->log_lines;
	format.skipped_records = skipped;
	if (relax != NULL && relax->relaxed_count > 0) {
		format.relaxed = xcalloc(relax->relaxed_count,
		    sizeof *format.relaxed);
		for (size_t i = 0; i < relax->relaxed_count; i++)
			format.relaxed[format.relaxed_count++] =
			    xstrdup(relax->relaxed[i]);
	}
	*profile = baseline_profile(&format, b, name, &yaml, cause);
	b = NULL;	/* the profile's now */
out:
	baseline_free(b);
	rules_free(r);
	infer_format_free(&format);
	return yaml;
}

/*
 * Whether a finding is about how lines relate (their order, their pairing
 * across streams, their timing) rather than about one line: captures
 * joined from several sources break those by themselves.  A bad line is
 * never blessed: a wrong time format, a line too long stay errors.
 */
static bool
profile_relation(const char *id)
{
	static const char *const ids[] = {
		"time-order"
	};

	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		if (strcmp(id, ids[i]) == 0)
			return true;
	}
	return false;
}

/*
 * The built-in finding ids of relations between lines that fail the
 * captures under the profile r
 * (without its baseline), into relax->relaxed.  -1 with *cause when the
 * captures cannot be read.
 */
static int
profile_relaxable(const rules *r, const char *name, const capture *captures,
    size_t count, infer_format *relax, char **cause)
{
	rules *bare = (rules *)r;
	baseline *counts = bare->baseline;
	report *rep;
	int status = 0;

	/* Drift from its own counts never fails (see below). */
	bare->baseline = NULL;
	rep = report_new(r->format, name, 1);
	for (size_t i = 0; i < count && status == 0; i++)
		status = check_capture(r, &captures[i], rep, cause);
	bare->baseline = counts;
	for (size_t i = 0; status == 0 && i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		int id = findings_lookup(c->rule);
		if (c->severity != SEVERITY_ERROR || c->count == 0 || id < 0 ||
		    !findings_builtin((finding_id)id) ||
		    !profile_relation(c->rule))
			continue;
		relax->relaxed = xrealloc(relax->relaxed,
		    (relax->relaxed_count + 1) * sizeof *relax->relaxed);
		relax->relaxed[relax->relaxed_count++] = xstrdup(c->rule);
	}
	report_free(rep);
	return status;
}

int
profile_self_check(const rules *r, const char *name,
    const capture *captures, size_t count, uint64_t *failing, char **ids,
    char **cause)
{
	report *rep;
	size_t listed = 0, len = 0;
	int status = 0;

	*failing = 0;
	*ids = xstrdup("");
	/* Only the counts are wanted: keep no finding. */
	rep = report_new(r->format, name, 1);
	for (size_t i = 0; i < count && status == 0; i++)
		status = check_capture(r, &captures[i], rep, cause);
	for (size_t i = 0; status == 0 && i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		if (c->severity != SEVERITY_ERROR || c->count == 0)
			continue;
		*failing += c->count;
		if (listed++ == PROFILE_SELF_CHECK_IDS) {
			char *more = xasprintf("%s, ...", *ids);
			free(*ids);
			*ids = more;
		} else if (listed <= PROFILE_SELF_CHECK_IDS) {
			char *more = xasprintf("%s%s%s", *ids,
			    len > 0 ? ", " : "", c->rule);
			free(*ids);
			*ids = more;
			len = strlen(more);
		}
	}
	report_free(rep);
	return status;
}
