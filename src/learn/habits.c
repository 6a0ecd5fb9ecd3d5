/* habits: one capture's logging habits under a format; see habits.h. */
#include "learn/habits.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/baseline.h"
#include "decode/findings.h"
#include "decode/levels.h"
#include "learn/profile.h"
#include "judge/check.h"
#include "judge/judge.h"
#include "input/source.h"
#include "judge/samples.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define HABITS_EXCERPT_WIDTH 100
#define HABITS_EXAMPLES_PER_RULE 10

/*
 * The length of the text marker leading a message, such as "[OK]" or
 * "SUCCESS:", or 0 when there is none.
 */
static size_t
habits_text_marker(const char *text, size_t len)
{
	static const struct {
		const char *word;
		size_t len;
	} words[] = {
		{ "OK", 2 }, { "SUCCESS", 7 }, { "DONE", 4 }, { "FAIL", 4 },
		{ "FAILED", 6 }, { "ERROR", 5 }, { "WARN", 4 },
		{ "WARNING", 7 }, { "INFO", 4 },
	};

	if (len == 0)
		return 0;
	if (text[0] == '[') {
		for (size_t i = 1; i < len && i <= 10; i++) {
			char c = text[i];
			if (c == ']')
				return i > 1 ? i + 1 : 0;
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
				return 0;
		}
		return 0;
	}
	/* Every word is upper case: most messages go no further. */
	if (text[0] < 'A' || text[0] > 'Z')
		return 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t n = words[w].len;
		if (len <= n || text[0] != words[w].word[0] ||
		    memcmp(text, words[w].word, n) != 0)
			continue;
		if (text[n] == ':' || text[n] == '!')
			return n + 1;
		if (text[n] == ' ')
			return n;
	}
	return 0;
}

static void
habits_use(habits *p, const char *emoji, size_t emoji_len,
    const char *level, size_t level_len, const char *file,
    unsigned long line, const char *text, size_t len)
{
	for (size_t i = 0; i < p->use_count; i++) {
		habits_emoji_use *u = &p->uses[i];
		if (u->emoji_key_len == emoji_len &&
		    u->level_key_len == level_len &&
		    memcmp(u->key, emoji, emoji_len) == 0 &&
		    memcmp(u->key + emoji_len, level, level_len) == 0) {
			u->count++;
			return;
		}
	}
	char *key = xmalloc(emoji_len + level_len + 1);
	memcpy(key, emoji, emoji_len);
	memcpy(key + emoji_len, level, level_len);
	p->uses = xreallocarray(p->uses, p->use_count + 1, sizeof *p->uses);
	p->uses[p->use_count++] = (habits_emoji_use){
		.emoji = utf8_sanitize(emoji, emoji_len),
		.level = utf8_sanitize(level, level_len),
		.count = 1, .file = xstrdup(file), .line = line,
		.text = utf8_excerpt(text, len, 0, HABITS_EXCERPT_WIDTH, NULL),
		.key = key, .emoji_key_len = emoji_len,
		.level_key_len = level_len,
	};
}

/*
 * Lines per level, looked up by the level's bytes as decoded, with their
 * length kept: this runs for every log line.
 */
static void
habits_count_level(habits *p, const char *level, size_t len)
{
	for (size_t i = 0; i < p->level_count; i++) {
		if (p->levels[i].key_len == len &&
		    memcmp(p->levels[i].key, level, len) == 0) {
			p->levels[i].count++;
			return;
		}
	}
	p->levels = xreallocarray(p->levels, p->level_count + 1,
	    sizeof *p->levels);
	p->levels[p->level_count] = (habits_level){
		.level = utf8_sanitize(level, len), .count = 1,
		.key = xmalloc(len + 1), .key_len = len,
	};
	memcpy(p->levels[p->level_count++].key, level, len);
}

/*
 * Habits of one log line: levels, emoji, markers, template.  They are
 * taken from the decoder's values, not the line's bytes: a JSON string's
 * escapes read as the text they stand for, so "\ud83d\ude80" and the
 * emoji itself are one habit.
 */
static void
habits_line(habits *p, const char *file, const lc_line *line,
    const judge_result *res)
{
	const char *text = line->text;
	const decode_result *d = res->decoded;
	bool has_level = d != NULL && res->level.off != SIZE_MAX;
	bool has_message = d != NULL && res->message.off != SIZE_MAX;
	const char *level = has_level ? d->level.text : "";
	size_t level_len = has_level ? d->level.len : 0;
	const char *message = has_message ? d->message.text : "";
	size_t message_len = has_message ? d->message.len : 0;
	size_t emoji_len = has_message ? res->emoji_len : 0;
	const char *rest = message + emoji_len;
	size_t rest_len = message_len - emoji_len;

	p->messages++;
	if (res->time.off != SIZE_MAX)
		p->timed++;
	if (p->keys != NULL)
		keyschema_add(p->keys, text, line->len);
	habits_count_level(p, level, level_len);
	if (emoji_len > 0)
		p->emoji_led++;
	else if ((emoji_len = habits_text_marker(message, message_len)) > 0) {
		/* The marker stands where an emoji would: the template's lead. */
		p->text_marked++;
		if (p->marker_file == NULL) {
			p->marker_file = xstrdup(file);
			p->marker_line = line->number;
			p->marker_text = utf8_excerpt(text, line->len, 0,
			    HABITS_EXCERPT_WIDTH, NULL);
			p->marker = utf8_sanitize(message, emoji_len);
		}
		rest = message + emoji_len;
		rest_len = message_len - emoji_len;
	}
	habits_use(p, message, has_message ? res->emoji_len : 0, level,
	    level_len, file, line->number, text, line->len);
	/* The template starts after the emoji and the space behind it. */
	while (rest_len > 0 && *rest == ' ') {
		rest++;
		rest_len--;
	}
	templates_add(p->miner, level, level_len, message, emoji_len, rest,
	    rest_len);
}

/*
 * What a set of habits holds per source.  Paired streams are read on two
 * threads, each writing its source's part for every line: the parts start
 * cache lines of their own, or the two threads would take the line from
 * each other at every write.
 */
typedef struct {
	_Alignas(64) judge *judge;	/* NULL: the check's own judgement */
	judge_result res;
	uint64_t log_lines;
	bool took;			/* habits taken from the source */
} habits_set_source;

/*
 * Habits taken under one set of rules in the one reading of a capture:
 * the check's own judgement (judge NULL), or another line format's, with
 * a judge per source since paired streams are read on threads of their
 * own.  Habits come from the sources in order (from the first with log
 * lines only when the streams are paired); a source the reading cannot
 * give in order is read again afterwards.
 */
typedef struct {
	const rules *rules;
	habits *p;
	bool paired;
	bool counting;			/* log lines only from now on */
	bool partial;			/* habits stopped short: read again */
	habits_set_source src[2];
} habits_set;

/* A source's lines, and the format's foreign lines by what they look like. */
typedef struct {
	_Alignas(64) uint64_t lines;
	uint64_t foreign_as[RULES_DECODE_LOGFMT + 1];
} habits_pass_source;

typedef struct {
	const capture *c;
	bool in_order;			/* sources one after the other */
	bool predicting;		/* whether sets[1] may be chosen */
	habits_pass_source src[2];
	habits_set *sets[2];
	size_t set_count;
} habits_pass;

/* Whether habits come from source i, once the sources before it are read. */
static bool
habits_takes(const habits_set *h, size_t i)
{
	if (i == 0)
		return true;
	if (h->paired)
		return h->src[0].log_lines == 0;
	return true;
}

/*
 * The capture's own layout (sets[1]) is chosen only when the rules read
 * far fewer of its lines; how many each reads of a sniff's worth of the
 * first source tells whether that can be.  When it cannot, its habits
 * stop there (the capture is read again in the rare case it is chosen
 * after all), which saves mining every message twice.  On the first
 * source's thread.
 */
static void
habits_predict(habits_pass *pass)
{
	habits_set *given = pass->sets[0], *own = pass->sets[1];

	pass->predicting = false;
	if ((double)given->src[0].log_lines >= HABITS_LAYOUT_FIT_SHARE *
	    (double)own->src[0].log_lines) {
		own->counting = true;
		own->partial = true;
	}
}

static void
habits_each(void *data, size_t i, const lc_record *rec,
    const judge_result *res)
{
	habits_pass *pass = data;
	const capture_source *src = &pass->c->sources[i];
	lc_line whole = rec->first, *line = &whole;

	/* The habits read the whole record; the lines count every line. */
	whole.text = rec->text;
	whole.len = rec->len;
	pass->src[i].lines += rec->line_count;
	for (size_t k = 0; k < pass->set_count; k++) {
		habits_set *h = pass->sets[k];
		const judge_result *hr = res;

		if (h->src[i].judge != NULL) {
			judge_line(h->src[i].judge, NULL, line->text,
			    line->len, src->stream, &h->src[i].res);
			hr = &h->src[i].res;
		}
		if (hr->kind == LINE_FOREIGN) {
			/* What the format's foreign lines are, for compare. */
			if (k == 0)
				pass->src[i].foreign_as[keyschema_sniff(
				    line->text, line->len)]++;
			continue;
		}
		h->src[i].log_lines++;
		/* Paired: the first stream's thread alone takes habits. */
		if (i > 0 && !pass->in_order)
			continue;
		if (!h->counting && habits_takes(h, i)) {
			h->src[i].took = true;
			habits_line(h->p, src->path, line, hr);
		}
	}
	if (i == 0 && pass->predicting &&
	    pass->src[0].lines >= PROFILE_SNIFF_LINES)
		habits_predict(pass);
}

/* Read source i once more, for the habits the reading could not give. */
static int
habits_reread(habits_set *h, const capture_source *src, char **cause)
{
	source_reader *reader = source_open(src, h->rules->max_line, false,
	    cause);
	judge *j = judge_new(h->rules);
	judge_result res = { 0 };
	lc_line line;
	int got;

	judge_set_decode_only(j);

	if (reader == NULL) {
		judge_free(j);
		return -1;
	}
	while ((got = source_next(reader, &line, NULL, cause)) > 0) {
		judge_line(j, NULL, line.text, line.len, src->stream, &res);
		if (res.kind != LINE_FOREIGN)
			habits_line(h->p, src->path, &line, &res);
	}
	judge_result_free(&res);
	judge_free(j);
	source_close(reader);
	return got < 0 ? -1 : 0;
}

static bool
habits_same_key(const rules_keys *a, int ia, const rules_keys *b, int ib)
{
	if (ia < 0 || ib < 0)
		return ia == ib;
	return strcmp(a->keys[ia].name, b->keys[ib].name) == 0;
}

/*
 * Whether a and b decode a record into the same level and message: the
 * same line pattern, or the same keys for them in the same kind of
 * record.
 */
static bool
habits_decode_same(const rules *a, const rules *b)
{
	if (a->decode != b->decode || a->max_line != b->max_line)
		return false;
	if (a->decode == RULES_DECODE_TEXT)
		return strcmp(a->line_pattern, b->line_pattern) == 0;
	return habits_same_key(a->keys, a->keys->level_key, b->keys,
	    b->keys->level_key) && habits_same_key(a->keys,
	    a->keys->message_key, b->keys, b->keys->message_key) &&
	    habits_same_key(a->keys, a->keys->time_key, b->keys,
	    b->keys->time_key);
}

/* Whether lines judged by a and b give the same habits. */
static bool
habits_same(const rules *a, const rules *b, bool paired_a,
    bool paired_b)
{
	return habits_decode_same(a, b) && paired_a == paired_b;
}

static void
habits_set_init(habits_set *h, const rules *r, const rules *check,
    habits *p, bool paired)
{
	memset(h, 0, sizeof *h);
	h->rules = r;
	h->p = p;
	h->paired = paired;
	/* The check's own judgement serves when it decodes the same. */
	if (!habits_decode_same(r, check)) {
		for (int i = 0; i < 2; i++) {
			h->src[i].judge = judge_new(r);
			/* Habits are taken from the fields alone. */
			judge_set_decode_only(h->src[i].judge);
		}
	}
}

static void
habits_set_clear(habits_set *h)
{
	for (int i = 0; i < 2; i++) {
		judge_free(h->src[i].judge);
		judge_result_free(&h->src[i].res);
	}
}

/* Take what the reading could not give in order. */
static int
habits_set_finish(habits_set *h, const capture *c, char **cause)
{
	for (size_t i = 1; i < c->source_count; i++) {
		if (h->src[i].took || !habits_takes(h, i))
			continue;
		if (habits_reread(h, &c->sources[i], cause) != 0)
			return -1;
	}
	for (size_t i = 0; i < c->source_count; i++)
		h->p->stream_lines[c->sources[i].stream] += h->src[i].log_lines;
	return 0;
}

/*
 * Read the capture again for the habits of a set whose habits stopped
 * short, into blank habits.  The reading is the first one's, records and
 * judges alike, so the habits are the ones it would have taken.
 */
static int
habits_set_read(habits_set *h, const rules *check, const capture *c,
    bool in_order, char **cause)
{
	habits_pass pass = { .c = c, .in_order = in_order };
	report *scratch = report_new(check->format, check->path, 1);
	int status;

	habits_set_clear(h);
	habits_set_init(h, h->rules, check, h->p, h->paired);
	pass.sets[pass.set_count++] = h;
	status = check_capture_each(check, c, scratch, habits_each, &pass, NULL,
	    cause);
	report_free(scratch);
	return status;
}

/* Move the habits of from into p, whose own habits go. */
static void
habits_take(habits *p, habits *from)
{
	habits kept = *p;

	*p = *from;
	memset(from, 0, sizeof *from);
	p->name = kept.name;
	p->report = kept.report;
	p->own_ok = kept.own_ok;
	p->own = kept.own;
	p->own_habits = kept.own_habits;
	p->lines = kept.lines;
	memcpy(p->foreign_as, kept.foreign_as, sizeof p->foreign_as);
	kept.name = NULL;
	kept.report = NULL;
	kept.own_ok = false;
	habits_free(&kept);
}

/* Empty habits, to be taken under r. */
static void
habits_blank(habits *p, const rules *r)
{
	memset(p, 0, sizeof *p);
	p->miner = templates_new(NULL);
	if (r->decode != RULES_DECODE_TEXT)
		p->keys = keyschema_new(r->decode);
}

int
habits_build(const rules *r, const capture *c, size_t max_findings,
    infer_format *known, habits *p, char **cause)
{
	bool both = c->has_stdout && c->has_stderr, complete = true;
	rules *own_rules = NULL;
	infer *own = infer_new();
	habits other;
	habits_set sets[2];
	habits_pass pass = { .c = c };
	uint64_t total = 0;
	int status = -1;

	memset(&other, 0, sizeof other);
	memset(sets, 0, sizeof sets);
	habits_blank(p, r);
	p->name = xstrdup(c->name);
	p->report = report_new(r->format, r->path, max_findings);
	/* Findings serve as examples: a few of each kind keep memory flat. */
	report_set_max_per_rule(p->report, HABITS_EXAMPLES_PER_RULE);
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
	pass.in_order = !check_reads_at_once(r, c);
	habits_set_init(&sets[0], r, r, p, r->streams == STREAMS_BOTH &&
	    both);
	pass.sets[pass.set_count++] = &sets[0];
	if (own_rules != NULL) {
		bool paired = own_rules->streams == STREAMS_BOTH && both;
		if (!habits_same(own_rules, r, paired,
		    sets[0].paired)) {
			habits_blank(&other, own_rules);
			habits_set_init(&sets[1], own_rules, r, &other,
			    paired);
			pass.sets[pass.set_count++] = &sets[1];
			pass.predicting = true;
		}
	}
	if (check_capture_each(r, c, p->report, habits_each, &pass, NULL,
	    cause) != 0)
		goto out;
	report_sort(p->report);
	for (size_t i = 0; i < c->source_count; i++) {
		total += pass.src[i].lines;
		for (int d = 0; d <= RULES_DECODE_LOGFMT; d++)
			p->foreign_as[d] +=
			    pass.src[i].foreign_as[d];
	}
	p->lines = total;

	habits_set *chosen = &sets[0];
	uint64_t fitting = p->report->total.conforming +
	    p->report->total.violating;
	if (p->own_ok && p->own.lines < total) {
		/* A sniff: the own layout's lines are counted in the reading. */
		habits_set *h = pass.set_count > 1 ? &sets[1] :
		    &sets[0];
		p->own.fitting = 0;
		for (size_t i = 0; i < c->source_count; i++)
			p->own.fitting += h->src[i].log_lines;
		p->own.lines = total;
	}
	if (p->own_ok && own_rules != NULL && (double)fitting <
	    HABITS_LAYOUT_FIT_SHARE * (double)p->own.fitting) {
		p->own_habits = true;
		if (pass.set_count > 1)
			chosen = &sets[1];
	}
	if (chosen->partial) {
		habits_free(&other);
		habits_blank(&other, own_rules);
		if (habits_set_read(chosen, r, c, pass.in_order, cause) != 0)
			goto out;
	}
	if (habits_set_finish(chosen, c, cause) != 0)
		goto out;
	if (chosen != &sets[0])
		habits_take(p, &other);
	if (p->keys != NULL)
		keyschema_finish(p->keys);
	status = 0;
out:
	habits_set_clear(&sets[0]);
	habits_set_clear(&sets[1]);
	habits_free(&other);
	infer_free(own);
	rules_free(own_rules);
	return status;
}

void
habits_free(habits *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->use_count; i++) {
		free(p->uses[i].emoji);
		free(p->uses[i].level);
		free(p->uses[i].file);
		free(p->uses[i].text);
		free(p->uses[i].key);
	}
	free(p->uses);
	for (size_t i = 0; i < p->level_count; i++) {
		free(p->levels[i].level);
		free(p->levels[i].key);
	}
	free(p->levels);
	if (p->own_ok)
		infer_format_free(&p->own);
	templates_free(p->miner);
	keyschema_free(p->keys);
	report_free(p->report);
	free(p->marker_file);
	free(p->marker_text);
	free(p->marker);
	free(p->name);
	memset(p, 0, sizeof *p);
}

