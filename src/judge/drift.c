/* drift: a capture judged against its rules' baseline; see drift.h. */
#include "judge/drift.h"

#include <stdlib.h>
#include <string.h>

#include "decode/baseline.h"
#include "decode/decoder.h"
#include "decode/keyed.h"
#include "mine/templates.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Display width of a template or emoji list quoted in a message. */
#define DRIFT_QUOTE_WIDTH 120
/* Emoji of a level listed in a new-emoji message. */
#define DRIFT_EMOJI_LISTED 8
/* New keys a stream remembers, each reported once; past this, none. */
#define DRIFT_NEW_KEYS 1000
/*
 * A key is gone when the capture has none of it although the baseline's
 * share of it promised at least this many: under that share, a capture
 * without it is a chance of e^-5 (under 1%).
 */
#define DRIFT_GONE_EXPECTED 5.0

typedef struct {
	char *level;
	uint64_t count;
} drift_level;

struct drift {
	const baseline *base;
	bool templates_on, emoji_on, share_on;
	rules_severity template_severity, emoji_severity, share_severity;
	templates *known;	/* seeded with the baseline's templates, or
				   empty to split messages for its shapes */
	templates *novel;	/* this stream's messages the baseline lacks */
	const baseline_emoji **vocab;	/* sorted by level, then emoji */
	size_t vocab_count;
	baseline_emoji *reported;	/* new (level, emoji) pairs met */
	size_t reported_count;
	uint64_t *level_counts;	/* per level of the baseline */
	drift_level *others;	/* levels the baseline lacks */
	size_t other_count;
	/* Keys of structured records, from the judge's decoder. */
	bool keys_on;
	rules_severity new_key_severity, key_gone_severity;
	uint64_t records;
	uint64_t *key_counts;	/* per key of the baseline */
	bool *key_required;	/* `keys` requires it: key-missing says */
	char **new_keys;	/* reported on this stream */
	size_t new_key_count;
	strbuf key_name;	/* a key escaped, reused */
};

static rules_severity
drift_severity(baseline_policy policy)
{
	return policy == DRIFT_FAIL ? SEVERITY_ERROR : SEVERITY_WARNING;
}

static int
drift_bytes_compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
	int by = memcmp(a, b, a_len < b_len ? a_len : b_len);

	if (by != 0)
		return by;
	return a_len < b_len ? -1 : a_len > b_len;
}

static int
drift_vocab_compare(const void *pa, const void *pb)
{
	const baseline_emoji *a = *(const baseline_emoji *const *)pa;
	const baseline_emoji *b = *(const baseline_emoji *const *)pb;
	int by = strcmp(a->level, b->level);

	return by != 0 ? by : strcmp(a->emoji, b->emoji);
}

/* Counts of the baseline's keys, and which of them `keys` requires. */
static void
drift_keys_new(drift *d, const rules *r)
{
	const baseline *b = d->base;

	d->keys_on = true;
	d->new_key_severity = drift_severity(b->new_key);
	d->key_gone_severity = drift_severity(b->key_gone);
	d->key_counts = xcalloc(b->key_count + 1, sizeof *d->key_counts);
	d->key_required = xcalloc(b->key_count + 1, sizeof *d->key_required);
	for (size_t i = 0; i < r->keys->key_count; i++) {
		const rules_key *k = &r->keys->keys[i];
		const baseline_keystat *have;
		if (k->depth != 1 || k->presence != RULES_KEY_REQUIRED ||
		    (have = baseline_find_key(b, k->name,
		    strlen(k->name))) == NULL)
			continue;
		d->key_required[have - b->keys] = true;
	}
}

drift *
drift_new(const rules *r)
{
	const baseline *b = r->baseline;
	drift *d;

	if (b == NULL)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->base = b;
	d->templates_on = (b->has_templates || b->has_shapes) &&
	    b->new_template != DRIFT_ALLOW;
	d->emoji_on = b->has_emoji && b->new_emoji != DRIFT_ALLOW;
	d->share_on = b->has_levels && b->level_share != DRIFT_ALLOW;
	d->template_severity = drift_severity(b->new_template);
	d->emoji_severity = drift_severity(b->new_emoji);
	d->share_severity = drift_severity(b->level_share);
	if (d->templates_on) {
		d->known = b->has_shapes ? templates_new(NULL) :
		    baseline_known(b);
		d->novel = templates_new(NULL);
	}
	if (d->emoji_on) {
		d->vocab = xcalloc(b->emoji_count + 1, sizeof *d->vocab);
		for (size_t i = 0; i < b->emoji_count; i++)
			d->vocab[d->vocab_count++] = &b->emoji[i];
		qsort(d->vocab, d->vocab_count, sizeof *d->vocab,
		    drift_vocab_compare);
	}
	d->level_counts = xcalloc(b->level_count + 1,
	    sizeof *d->level_counts);
	if (b->has_keys && r->keys != NULL && (b->new_key != DRIFT_ALLOW ||
	    b->key_gone != DRIFT_ALLOW))
		drift_keys_new(d, r);
	return d;
}

void
drift_free(drift *d)
{
	if (d == NULL)
		return;
	templates_free(d->known);
	templates_free(d->novel);
	free(d->vocab);
	for (size_t i = 0; i < d->reported_count; i++) {
		free(d->reported[i].level);
		free(d->reported[i].emoji);
	}
	free(d->reported);
	free(d->level_counts);
	for (size_t i = 0; i < d->other_count; i++)
		free(d->others[i].level);
	free(d->others);
	free(d->key_counts);
	free(d->key_required);
	for (size_t i = 0; i < d->new_key_count; i++)
		free(d->new_keys[i]);
	free(d->new_keys);
	strbuf_free(&d->key_name);
	free(d);
}

/* A key of a record the baseline lacks: the first on the stream reports. */
static void
drift_new_key(drift *d, const char *key, size_t len, size_t at,
    judge_result *res)
{
	char *shown;

	for (size_t i = 0; i < d->new_key_count; i++) {
		if (drift_bytes_compare(d->new_keys[i], strlen(d->new_keys[i]),
		    key, len) == 0)
			return;
	}
	if (d->new_key_count == DRIFT_NEW_KEYS)
		return;
	d->new_keys = xreallocarray(d->new_keys, d->new_key_count + 1,
	    sizeof *d->new_keys);
	d->new_keys[d->new_key_count++] = xstrndup(key, len);
	shown = utf8_excerpt(key, len, 0, DRIFT_QUOTE_WIDTH, NULL);
	judge_result_add(res, "new-key", d->new_key_severity, at,
	    xasprintf("new key '%s': no record of the baseline holds it",
	    shown));
	free(shown);
}

/*
 * A member's key as the baseline names it: its escapes decoded, and '~'
 * and '/' written ~0 and ~1 as in a key path.  The record's bytes when
 * neither is needed; else d->key_name's.
 */
static const char *
drift_key_name(drift *d, keyed *k, const keyed_member *m, size_t *len)
{
	const char *key = k->text + m->key_at;
	char *decoded = NULL;
	size_t decoded_len = m->key_len;

	if (m->key_escaped) {
		keyed_member as_value = { .value_at = m->key_at,
		    .value_len = m->key_len, .value_escaped = true };
		if ((decoded = k->syntax->unescape(k, &as_value,
		    &decoded_len)) != NULL)
			key = decoded;
	}
	if (decoded == NULL && memchr(key, '~', m->key_len) == NULL &&
	    memchr(key, '/', m->key_len) == NULL) {
		*len = m->key_len;
		return key;
	}
	d->key_name.len = 0;
	strbuf_add(&d->key_name, "", 0);
	for (size_t i = 0; i < decoded_len; i++) {
		if (key[i] == '~' || key[i] == '/')
			strbuf_add(&d->key_name, key[i] == '~' ? "~0" : "~1",
			    2);
		else
			strbuf_add(&d->key_name, key + i, 1);
	}
	free(decoded);
	*len = d->key_name.len;
	return d->key_name.text;
}

/* The record's top-level keys, counted and judged against `keys`. */
static void
drift_keys(drift *d, judge_result *res)
{
	keyed *k = res->decoded != NULL ? res->decoded->members : NULL;

	/* A broken record's members are not all known. */
	if (k == NULL || res->decoded->status != DECODE_OK)
		return;
	d->records++;
	for (size_t i = 0; i < k->member_count; i++) {
		const keyed_member *m = &k->members[i];
		size_t name_len = m->key_len;
		const char *name = drift_key_name(d, k, m, &name_len);
		const baseline_keystat *have = baseline_find_key(d->base,
		    name, name_len);
		if (have != NULL)
			d->key_counts[have - d->base->keys]++;
		else if (d->base->new_key != DRIFT_ALLOW)
			drift_new_key(d, name, name_len, m->key_at, res);
	}
}

/* Count the line's level; false when the baseline never saw it. */
static bool
drift_count_level(drift *d, const char *level, size_t len)
{
	const baseline *b = d->base;

	for (size_t i = 0; i < b->level_count; i++) {
		if (drift_bytes_compare(b->levels[i].level,
		    strlen(b->levels[i].level), level, len) == 0) {
			d->level_counts[i]++;
			return true;
		}
	}
	for (size_t i = 0; i < d->other_count; i++) {
		if (drift_bytes_compare(d->others[i].level,
		    strlen(d->others[i].level), level, len) == 0) {
			d->others[i].count++;
			return false;
		}
	}
	d->others = xreallocarray(d->others, d->other_count + 1,
	    sizeof *d->others);
	d->others[d->other_count++] = (drift_level){
		.level = xstrndup(level, len), .count = 1
	};
	return false;
}

static bool
drift_in_vocab(const drift *d, const baseline_parts *p)
{
	size_t low = 0, high = d->vocab_count;

	while (low < high) {
		size_t mid = low + (high - low) / 2;
		const baseline_emoji *e = d->vocab[mid];
		int by = drift_bytes_compare(e->level, strlen(e->level),
		    p->level, p->level_len);
		if (by == 0)
			by = drift_bytes_compare(e->emoji, strlen(e->emoji),
			    p->emoji, p->emoji_len);
		if (by == 0)
			return true;
		if (by < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return false;
}

/* "at level X" for messages, "" without a level group. */
static char *
drift_at_level(const baseline_parts *p)
{
	char *level, *text;

	if (p->level_len == 0)
		return xstrdup("");
	level = utf8_sanitize(p->level, p->level_len);
	text = xasprintf(" at level %s", level);
	free(level);
	return text;
}

/* The emoji the baseline has for a level, for the message. */
static char *
drift_known_emoji(const drift *d, const baseline_parts *p)
{
	strbuf names = { 0 };
	size_t listed = 0, more = 0;

	for (size_t i = 0; i < d->vocab_count; i++) {
		const baseline_emoji *e = d->vocab[i];
		if (drift_bytes_compare(e->level, strlen(e->level), p->level,
		    p->level_len) != 0)
			continue;
		if (listed == DRIFT_EMOJI_LISTED) {
			more++;
			continue;
		}
		strbuf_join(&names, ", ",
		    e->emoji[0] != '\0' ? e->emoji : "no emoji");
		listed++;
	}
	if (more > 0)
		strbuf_addf(&names, " and %zu more", more);
	return strbuf_take(&names);
}

static void
drift_emoji(drift *d, const baseline_parts *p, size_t at, judge_result *res)
{
	char *where, *known, *emoji, *message;

	if (drift_in_vocab(d, p))
		return;
	for (size_t i = 0; i < d->reported_count; i++) {
		const baseline_emoji *e = &d->reported[i];
		if (drift_bytes_compare(e->level, strlen(e->level), p->level,
		    p->level_len) == 0 && drift_bytes_compare(e->emoji,
		    strlen(e->emoji), p->emoji, p->emoji_len) == 0)
			return;
	}
	d->reported = xreallocarray(d->reported, d->reported_count + 1,
	    sizeof *d->reported);
	d->reported[d->reported_count++] = (baseline_emoji){
		.level = xstrndup(p->level, p->level_len),
		.emoji = xstrndup(p->emoji, p->emoji_len), .count = 1
	};
	where = drift_at_level(p);
	known = drift_known_emoji(d, p);
	emoji = xstrndup(p->emoji, p->emoji_len);
	if (p->emoji_len > 0)
		message = xasprintf("new emoji '%s'%s: in the baseline such "
		    "messages start with %s", emoji, where, known);
	else
		message = xasprintf("a message without a leading emoji%s: in "
		    "the baseline such messages start with %s", where, known);
	judge_result_add(res, "new-emoji", d->emoji_severity, at, message);
	free(emoji);
	free(known);
	free(where);
}

static void
drift_template(drift *d, const baseline_parts *p, judge_result *res)
{
	templates_entry e;
	size_t before, caret;
	uint32_t id;
	char *where, *text;

	/* Shapes when the profile has them; older ones have templates only. */
	if (d->base->has_shapes ? shapes_known(d->base->shapes, d->known,
	    p->level, p->level_len, p->emoji, p->emoji_len, p->rest,
	    p->rest_len) : templates_known(d->known, p->level, p->level_len,
	    p->rest, p->rest_len) != 0)
		return;
	/* The novel miner groups new messages: one finding per template. */
	before = templates_count(d->novel);
	id = templates_add(d->novel, p->level, p->level_len, NULL, 0, p->rest,
	    p->rest_len);
	if (id == TEMPLATES_OVERFLOW || templates_count(d->novel) == before ||
	    !templates_get(d->novel, id - 1, &e))
		return;
	where = drift_at_level(p);
	text = utf8_excerpt(e.text, e.text_len, 0, DRIFT_QUOTE_WIDTH, &caret);
	judge_result_add(res, "new-template", d->template_severity,
	    p->rest_at, xasprintf("new template '%s'%s: no template of the "
	    "baseline is like this message", text, where));
	free(text);
	free(where);
}

void
drift_parts_of(const char *text, const judge_result *res,
    baseline_parts *parts)
{
	const char *message = "";
	size_t message_len = 0, rest;

	*parts = (baseline_parts){ .level = "", .emoji = "", .rest = "" };
	if (res->level.off != SIZE_MAX) {
		parts->level = text + res->level.off;
		parts->level_len = res->level.len;
	}
	/* A level with escapes: its text, as the judge checked it. */
	if (res->decoded != NULL && res->decoded->level.at != SIZE_MAX &&
	    (res->decoded->level.text < res->decoded->text ||
	    res->decoded->level.text >= res->decoded->text +
	    res->decoded->len)) {
		parts->level = res->decoded->level.text;
		parts->level_len = res->decoded->level.len;
	}
	if (res->message.off == SIZE_MAX)
		return;
	message = text + res->message.off;
	message_len = res->message.len;
	/*
	 * A value the decoder decoded (a JSON string with escapes) is judged
	 * as its text, as the emoji was found in it; its caret stays at the
	 * start of the value.
	 */
	const decode_result *d = res->decoded;
	bool decoded = d != NULL && d->message.at != SIZE_MAX &&
	    (d->message.text < d->text || d->message.text >= d->text + d->len);
	if (decoded) {
		message = d->message.text;
		message_len = d->message.len;
	}
	/* As `logcompat templates` does: the emoji and its spaces apart. */
	rest = res->emoji_len;
	while (rest < message_len && message[rest] == ' ')
		rest++;
	parts->emoji = message;
	parts->emoji_len = res->emoji_len;
	parts->rest = message + rest;
	parts->rest_len = message_len - rest;
	parts->rest_at = res->message.off + (decoded ? 0 : rest);
}

void
drift_line(drift *d, const char *text, judge_result *res)
{
	baseline_parts p;

	if (d->keys_on)
		drift_keys(d, res);
	drift_parts_of(text, res, &p);
	/*
	 * A level the baseline never saw is the business of `levels` and of
	 * the share; its messages and emoji are not judged as well.
	 */
	if (!drift_count_level(d, p.level, p.level_len) && d->base->has_levels)
		return;
	if (d->emoji_on)
		drift_emoji(d, &p, res->message.off != SIZE_MAX ?
		    res->message.off : 0, res);
	if (d->templates_on)
		drift_template(d, &p, res);
}

static void
drift_share(report *rep, const char *capture_name, const drift *d,
    const char *level, uint64_t count, uint64_t total, uint64_t base_count,
    uint64_t base_total)
{
	double share = 100.0 * (double)count / (double)total;
	double base_share = base_total == 0 ? 0.0 :
	    100.0 * (double)base_count / (double)base_total;
	double moved = share > base_share ? share - base_share :
	    base_share - share;
	char *name;

	if (!(moved > d->base->share_points))
		return;
	name = utf8_sanitize(level, strlen(level));
	report_add(rep, capture_name, 0, 0, "level-share", d->share_severity,
	    xasprintf("level %s is %.1f%% of the log lines, %.1f%% in the "
	    "baseline: %.1f points apart, more than %g", name[0] != '\0' ?
	    name : "''", share, base_share, moved, d->base->share_points),
	    NULL, 0);
	free(name);
}

/*
 * Keys of the baseline that none of the capture's records holds, although
 * their share of the baseline's log lines promised some.  A key `keys`
 * requires is left to key-missing.
 */
static void
drift_keys_gone(drift *const *drifts, size_t count, report *rep,
    const char *capture_name)
{
	const drift *first = NULL;
	uint64_t records = 0;

	for (size_t k = 0; k < count; k++) {
		if (drifts[k] == NULL)
			continue;
		if (first == NULL)
			first = drifts[k];
		records += drifts[k]->records;
	}
	const baseline *b = first->base;
	if (records == 0 || b->log_lines == 0)
		return;
	for (size_t i = 0; i < b->key_count; i++) {
		double share = (double)b->keys[i].count / (double)b->log_lines;
		uint64_t seen = 0;
		char *name;
		for (size_t k = 0; k < count; k++)
			seen += drifts[k] != NULL ?
			    drifts[k]->key_counts[i] : 0;
		if (seen > 0 || first->key_required[i] ||
		    share * (double)records < DRIFT_GONE_EXPECTED)
			continue;
		name = utf8_sanitize(b->keys[i].name, strlen(b->keys[i].name));
		report_add(rep, capture_name, 0, 0, "key-gone",
		    first->key_gone_severity, xasprintf("key '%s' is in none "
		    "of the %llu records; %.1f%% of the baseline's log lines "
		    "held it", name, (unsigned long long)records,
		    100.0 * share), NULL, 0);
		free(name);
	}
}

void
drift_capture_end(drift *const *drifts, size_t count, report *rep,
    const char *capture_name)
{
	const drift *first = NULL;
	const baseline *b;
	uint64_t total = 0, base_total = 0;

	for (size_t i = 0; i < count && first == NULL; i++)
		first = drifts[i];
	if (first != NULL && first->keys_on &&
	    first->base->key_gone != DRIFT_ALLOW)
		drift_keys_gone(drifts, count, rep, capture_name);
	if (first == NULL || !first->share_on)
		return;
	b = first->base;
	for (size_t i = 0; i < b->level_count; i++)
		base_total += b->levels[i].count;
	for (size_t k = 0; k < count; k++) {
		if (drifts[k] == NULL)
			continue;
		for (size_t i = 0; i < b->level_count; i++)
			total += drifts[k]->level_counts[i];
		for (size_t i = 0; i < drifts[k]->other_count; i++)
			total += drifts[k]->others[i].count;
	}
	if (total == 0)
		return;
	for (size_t i = 0; i < b->level_count; i++) {
		uint64_t n = 0;
		for (size_t k = 0; k < count; k++)
			n += drifts[k] != NULL ? drifts[k]->level_counts[i] : 0;
		drift_share(rep, capture_name, first, b->levels[i].level, n,
		    total, b->levels[i].count, base_total);
	}
	/* Levels the baseline lacks, each once, in the order first met. */
	for (size_t k = 0; k < count; k++) {
		if (drifts[k] == NULL)
			continue;
		for (size_t i = 0; i < drifts[k]->other_count; i++) {
			const char *level = drifts[k]->others[i].level;
			uint64_t n = 0;
			bool earlier = false;
			for (size_t e = 0; e < k && !earlier; e++) {
				for (size_t j = 0; drifts[e] != NULL &&
				    j < drifts[e]->other_count; j++)
					earlier = earlier || strcmp(
					    drifts[e]->others[j].level,
					    level) == 0;
			}
			if (earlier)
				continue;
			for (size_t e = k; e < count; e++) {
				for (size_t j = 0; drifts[e] != NULL &&
				    j < drifts[e]->other_count; j++) {
					if (strcmp(drifts[e]->others[j].level,
					    level) == 0)
						n += drifts[e]->others[j].count;
				}
			}
			drift_share(rep, capture_name, first, level, n, total,
			    0, base_total);
		}
	}
}
