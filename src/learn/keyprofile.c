/*
 * keyprofile: the profile of structured captures; see keyprofile.h.  The
 * captures are read three times: a sniff of each source's start (are the
 * lines records, and of which format), the key schema of every line, and
 * the baseline counted under the rules the schema gives.
 */
#include "learn/keyprofile.h"

#include <stdlib.h>
#include <string.h>

#include "decode/baseline.h"
#include "decode/levels.h"
#include "input/source.h"
#include "judge/judge.h"
#include "judge/samples.h"
#include "learn/baseline_scan.h"
#include "learn/baseline_write.h"
#include "learn/infer.h"
#include "learn/keyschema.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Records kept as candidate samples (the 1st, 2nd, 4th, 8th ...). */
#define KEYPROFILE_CANDIDATES	16
/* Samples written. */
#define KEYPROFILE_SAMPLES	3

typedef struct {
	keyschema *schema;
	char *candidates[KEYPROFILE_CANDIDATES];
	size_t candidate_count;
	uint64_t skipped;	/* malformed container-log records left out */
} keyprofile_read;

/* Hand each line of the captures to each(); at most most per source. */
static int
keyprofile_lines(const capture *captures, size_t count, size_t most,
    void (*each)(void *, const char *, size_t), void *data,
    uint64_t *skipped, char **cause)
{
	for (size_t c = 0; c < count; c++) {
		for (size_t i = 0; i < captures[c].source_count; i++) {
			source_reader *reader = source_open(
			    &captures[c].sources[i], 1024 * 1024, false, cause);
			size_t fed = 0;
			lc_line line;
			int got;

			if (reader == NULL)
				return -1;
			while ((most == 0 || fed < most) && (got = source_next(
			    reader, &line, NULL, cause)) > 0) {
				each(data, line.text, line.len);
				fed++;
			}
			if (i == 0 && skipped != NULL)
				*skipped += source_skipped(reader);
			source_close(reader);
			if (got < 0)
				return -1;
		}
	}
	return 0;
}

/* Sniffed lines by the decode their start shows; [TEXT] counts others. */
static void
keyprofile_sniff_line(void *data, const char *text, size_t len)
{
	uint64_t *counts = data;
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len)
		counts[keyschema_sniff(text, len)]++;
}

static void
keyprofile_schema_line(void *data, const char *text, size_t len)
{
	keyprofile_read *rd = data;
	uint64_t before = rd->schema->records;

	if (keyschema_add(rd->schema, text, len) != 1)
		return;
	/* Spread over the capture: powers of two of the records. */
	if ((before & (before + 1)) == 0 &&
	    rd->candidate_count < KEYPROFILE_CANDIDATES)
		rd->candidates[rd->candidate_count++] = xstrndup(text, len);
}

static void
keyprofile_put_scalar(strbuf *t, const char *s)
{
	char *quoted = infer_yaml_scalar(s);

	strbuf_adds(t, quoted);
	free(quoted);
}

/* A key's types as `type` takes them: one name, or a list. */
static void
keyprofile_put_types(strbuf *t, const keyschema_key *key)
{
	const char *names[KEYSCHEMA_TYPES];
	size_t n = 0;

	for (size_t i = 0; i < KEYSCHEMA_TYPES; i++) {
		/* A number with a fraction: integers are numbers too. */
		if (i == KEYSCHEMA_INTEGER && key->types[KEYSCHEMA_NUMBER] > 0)
			continue;
		if (key->types[i] > 0)
			names[n++] = keyschema_type_name(i);
	}
	if (n == 1) {
		strbuf_adds(t, names[0]);
		return;
	}
	strbuf_adds(t, "[");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(t, "%s%s", i > 0 ? ", " : "", names[i]);
	strbuf_adds(t, "]");
}

/* The keys: top-level ones and the roles, each with presence and type. */
static void
keyprofile_put_keys(strbuf *t, const keyschema *ks)
{
	strbuf_adds(t, "keys:\n");
	for (size_t i = 0; i < ks->key_count; i++) {
		const keyschema_key *key = &ks->keys[i];
		bool role = (int)i == ks->time_key || (int)i == ks->level_key ||
		    (int)i == ks->message_key;
		if ((key->depth != 1 && !role) || !keyschema_nameable(key))
			continue;
		strbuf_adds(t, "  ");
		keyprofile_put_scalar(t, key->name);
		strbuf_adds(t, ": { ");
		/* Every record holds a required key: the profile passes. */
		if (key->present < ks->records)
			strbuf_adds(t, "presence: optional, ");
		strbuf_adds(t, "type: ");
		keyprofile_put_types(t, key);
		strbuf_adds(t, " }\n");
	}
}

/* The layout, for people: "json: time 'time' (epoch-ms), level ...". */
static char *
keyprofile_layout(const keyschema *ks)
{
	strbuf t = { 0 };

	strbuf_adds(&t, rules_decode_name(ks->decode));
	strbuf_adds(&t, " records");
	if (ks->time_key >= 0)
		strbuf_addf(&t, ", time in '%s' (%s)",
		    ks->keys[ks->time_key].name, ks->time_format);
	if (ks->level_key >= 0)
		strbuf_addf(&t, ", level in '%s'",
		    ks->keys[ks->level_key].name);
	if (ks->message_key >= 0)
		strbuf_addf(&t, ", message in '%s'",
		    ks->keys[ks->message_key].name);
	return strbuf_take(&t);
}

/* What the rule file says besides the schema. */
typedef struct {
	const char *name, *layout;
	uint64_t skipped;	/* malformed container-log records */
	rules_emoji emoji;
	char *const *levels;	/* as written, in order; none: any */
	size_t level_count;
	char *const *relaxed;	/* built-in ids written as warnings */
	size_t relaxed_count;
	char *const *samples;
	size_t sample_count;
} keyprofile_parts;

/* The rule file without its baseline. */
static char *
keyprofile_yaml(const keyschema *ks, const keyprofile_parts *p)
{
	static const char *const emoji_names[] = {
		"none", "optional", "required"
	};
	strbuf t = { 0 };

	strbuf_addf(&t, "# %s: a log format logcompat inferred from %llu "
	    "lines.\n# Read it before you rely on it; logcompat-rules(5) "
	    "documents every key.\n", p->name, (unsigned long long)ks->lines);
	if (p->skipped > 0)
		strbuf_addf(&t, "# %llu malformed container-log records were "
		    "left out (logcompat check lists them).\n",
		    (unsigned long long)p->skipped);
	strbuf_addf(&t, "\nformat: %s\ndescription: ", p->name);
	char *description = xasprintf("Inferred from %llu lines, %llu of "
	    "which are %s", (unsigned long long)ks->lines,
	    (unsigned long long)ks->records, p->layout);
	keyprofile_put_scalar(&t, description);
	free(description);
	strbuf_addf(&t, "\ndecode: %s\n", rules_decode_name(ks->decode));
	if (ks->time_key >= 0) {
		strbuf_adds(&t, "time: { key: ");
		keyprofile_put_scalar(&t, ks->keys[ks->time_key].name);
		strbuf_adds(&t, ", format: ");
		keyprofile_put_scalar(&t, ks->time_format);
		strbuf_adds(&t, " }\n");
	}
	if (ks->level_key >= 0) {
		strbuf_adds(&t, "level-key: ");
		keyprofile_put_scalar(&t, ks->keys[ks->level_key].name);
		strbuf_adds(&t, "\n");
	}
	if (ks->message_key >= 0) {
		strbuf_adds(&t, "message-key: ");
		keyprofile_put_scalar(&t, ks->keys[ks->message_key].name);
		strbuf_adds(&t, "\n");
	}
	keyprofile_put_keys(&t, ks);
	if (ks->order_count > 0) {
		strbuf_adds(&t, "# Every record starts with these keys: a "
		    "warning when one does not.\nkey-order: [");
		for (size_t i = 0; i < ks->order_count; i++) {
			if (i > 0)
				strbuf_adds(&t, ", ");
			keyprofile_put_scalar(&t, ks->keys[ks->order[i]].name);
		}
		strbuf_adds(&t, "]\n");
	}
	if (p->level_count > 0) {
		strbuf_adds(&t, "levels: [");
		for (size_t i = 0; i < p->level_count; i++) {
			if (i > 0)
				strbuf_adds(&t, ", ");
			keyprofile_put_scalar(&t, p->levels[i]);
		}
		strbuf_adds(&t, "]\n");
	}
	strbuf_addf(&t, "emoji: %s\nstreams: any\nforeign: report\n",
	    emoji_names[p->emoji]);
	if (p->relaxed_count > 0) {
		strbuf_adds(&t, "# The captures this was inferred from break "
		    "these rules themselves\n# (time stepping back where "
		    "several logs were joined, say): warnings,\n# so that they "
		    "pass their own profile.  Make them errors once the "
		    "captures\n# are clean.\nseverities: { ");
		for (size_t i = 0; i < p->relaxed_count; i++)
			strbuf_addf(&t, "%s%s: warning", i > 0 ? ", " : "",
			    p->relaxed[i]);
		strbuf_adds(&t, " }\n");
	}
	if (p->sample_count > 0)
		strbuf_adds(&t, "samples:\n");
	for (size_t i = 0; i < p->sample_count; i++) {
		strbuf_adds(&t, "  - line: ");
		keyprofile_put_scalar(&t, p->samples[i]);
		strbuf_adds(&t, "\n    findings: []\n");
	}
	return strbuf_take(&t);
}

/*
 * The level set as the level key's values write it, in the order of the
 * levels (borrowed, into levels); none when the key holds too many or
 * other than strings and integers.
 */
static size_t
keyprofile_levels(const keyschema *ks, char **levels)
{
	const keyschema_key *level = ks->level_key >= 0 ?
	    &ks->keys[ks->level_key] : NULL;

	if (level == NULL || level->varied || level->value_count == 0 ||
	    level->types[KEYSCHEMA_STRING] + level->types[KEYSCHEMA_INTEGER] !=
	    level->present)
		return 0;
	memcpy(levels, level->values, level->value_count * sizeof *levels);
	levels_sort(levels, level->value_count);
	return level->value_count;
}

/* The top-level keys of the schema into the baseline's `keys`. */
static void
keyprofile_count_keys(baseline *b, const keyschema *ks)
{
	b->has_keys = true;
	for (size_t i = 0; i < ks->key_count; i++) {
		const keyschema_key *key = &ks->keys[i];
		/* As `keys` names types: a number takes integers in. */
		unsigned types = keyschema_types(key) &
		    ~(RULES_TYPE_NUMBER | RULES_TYPE_INTEGER);
		if (key->depth != 1)
			continue;
		if (key->types[KEYSCHEMA_NUMBER] > 0)
			types |= RULES_TYPE_NUMBER | RULES_TYPE_INTEGER;
		else if (key->types[KEYSCHEMA_INTEGER] > 0)
			types |= RULES_TYPE_INTEGER;
		baseline_count_key(b, key->name, strlen(key->name), types,
		    key->present);
	}
}

/* Candidates the rules judge clean, as samples (borrowed). */
static size_t
keyprofile_samples(const rules *r, char *const *candidates, size_t count,
    char **samples)
{
	judge *j = judge_new(r);
	judge_result res = { 0 };
	size_t kept = 0;

	for (size_t i = 0; i < count && kept < KEYPROFILE_SAMPLES; i++) {
		judge_line(j, NULL, candidates[i], strlen(candidates[i]),
		    LC_STREAM_STDOUT, &res);
		if (res.kind == LINE_CONFORMING && res.finding_count == 0)
			samples[kept++] = candidates[i];
	}
	judge_result_free(&res);
	judge_free(j);
	return kept;
}

static rules *
keyprofile_load(const char *name, const char *yaml, char **cause)
{
	lc_error err;
	rules *r = rules_load_text(name, yaml, strlen(yaml), &err);

	if (r != NULL && samples_verify(r, &err) != 0) {
		rules_free(r);
		r = NULL;
	}
	if (r == NULL)
		*cause = xasprintf("the profile inferred does not load: %s",
		    err.text);
	return r;
}

/* The decode most sniffed lines are written in, or text. */
static int
keyprofile_decode(const capture *captures, size_t count,
    rules_decode *decode, char **cause)
{
	uint64_t counts[3] = { 0 };
	uint64_t lines;

	if (keyprofile_lines(captures, count, KEYPROFILE_SNIFF_LINES,
	    keyprofile_sniff_line, counts, NULL, cause) != 0)
		return -1;
	lines = counts[RULES_DECODE_TEXT] + counts[RULES_DECODE_JSON] +
	    counts[RULES_DECODE_LOGFMT];
	*decode = RULES_DECODE_TEXT;
	if (2 * counts[RULES_DECODE_JSON] > lines)
		*decode = RULES_DECODE_JSON;
	else if (2 * counts[RULES_DECODE_LOGFMT] > lines)
		*decode = RULES_DECODE_LOGFMT;
	return 0;
}

int
keyprofile_infer(const capture *captures, size_t count, const char *name,
    char *const *relaxed, size_t relaxed_count, rules **profile,
    char **yaml, char **cause)
{
	keyprofile_read rd = { 0 };
	rules_decode decode;
	rules *draft = NULL;
	baseline *b = NULL;
	char *head = NULL, *layout = NULL, *base = NULL;
	char *samples[KEYPROFILE_SAMPLES], *levels[KEYSCHEMA_DISTINCT];
	keyprofile_parts parts;
	size_t sample_count;
	int status = -1;

	if (keyprofile_decode(captures, count, &decode, cause) != 0)
		return -1;
	if (decode == RULES_DECODE_TEXT)
		return 0;
	rd.schema = keyschema_new(decode);
	if (keyprofile_lines(captures, count, 0, keyprofile_schema_line, &rd,
	    &rd.skipped, cause) != 0)
		goto out;
	keyschema_finish(rd.schema);
	/*
	 * Lines that only start like logfmt ("key=..." in a text log) are
	 * the text inference's: records must be most lines, with a role.
	 */
	if (2 * rd.schema->records <= rd.schema->lines ||
	    (rd.schema->time_key < 0 && rd.schema->level_key < 0 &&
	    rd.schema->message_key < 0)) {
		status = 0;
		goto out;
	}
	layout = keyprofile_layout(rd.schema);
	parts = (keyprofile_parts){ .name = name, .layout = layout,
	    .skipped = rd.skipped, .emoji = EMOJI_OPTIONAL, .levels = levels,
	    .level_count = keyprofile_levels(rd.schema, levels),
	    .relaxed = relaxed, .relaxed_count = relaxed_count };
	head = keyprofile_yaml(rd.schema, &parts);
	if ((draft = keyprofile_load(name, head, cause)) == NULL)
		goto out;
	b = baseline_for(draft, layout);
	for (size_t i = 0; i < count; i++) {
		if (baseline_scan(b, draft, &captures[i], NULL, NULL, cause) != 0)
			goto out;
	}
	baseline_finish(b);
	keyprofile_count_keys(b, rd.schema);
	sample_count = keyprofile_samples(draft, rd.candidates,
	    rd.candidate_count, samples);
	free(head);
	parts.emoji = baseline_emoji_policy(b, EMOJI_OPTIONAL);
	parts.samples = samples;
	parts.sample_count = sample_count;
	head = keyprofile_yaml(rd.schema, &parts);
	base = baseline_yaml(b);
	*yaml = xasprintf("%s%s", head, base);
	if ((*profile = keyprofile_load(name, *yaml, cause)) == NULL) {
		free(*yaml);
		*yaml = NULL;
		goto out;
	}
	status = 1;
out:
	free(base);
	free(head);
	free(layout);
	baseline_free(b);
	rules_free(draft);
	for (size_t i = 0; i < rd.candidate_count; i++)
		free(rd.candidates[i]);
	keyschema_free(rd.schema);
	return status;
}

/* A merged key: the union of the profiles' declarations of it. */
static keyschema_key *
keyprofile_merged_key(keyschema *ks, const rules_key *rk, uint64_t records)
{
	keyschema_key *key;

	for (size_t i = 0; i < ks->key_count; i++) {
		if (strcmp(ks->keys[i].name, rk->name) == 0)
			return &ks->keys[i];
	}
	ks->keys = xreallocarray(ks->keys, ks->key_count + 1,
	    sizeof *ks->keys);
	key = &ks->keys[ks->key_count++];
	memset(key, 0, sizeof *key);
	key->name = xstrdup(rk->name);
	key->depth = rk->depth;
	/* Required until a profile says otherwise. */
	key->present = records;
	return key;
}

/* RULES_TYPE_* bits as the schema's type counts, "number" over integer. */
static void
keyprofile_type_counts(keyschema_key *key, unsigned types)
{
	static const struct {
		unsigned bit;
		size_t type;
	} map[] = {
		{ RULES_TYPE_STRING, KEYSCHEMA_STRING },
		{ RULES_TYPE_BOOLEAN, KEYSCHEMA_BOOLEAN },
		{ RULES_TYPE_OBJECT, KEYSCHEMA_OBJECT },
		{ RULES_TYPE_ARRAY, KEYSCHEMA_ARRAY },
		{ RULES_TYPE_NULL, KEYSCHEMA_NULL },
	};

	memset(key->types, 0, sizeof key->types);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		key->types[map[i].type] = (types & map[i].bit) != 0;
	if (types & RULES_TYPE_NUMBER)
		key->types[KEYSCHEMA_NUMBER] = 1;
	else if (types & RULES_TYPE_INTEGER)
		key->types[KEYSCHEMA_INTEGER] = 1;
}

static int
keyprofile_name_compare(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int
keyprofile_key_compare(const void *pa, const void *pb)
{
	return strcmp(((const keyschema_key *)pa)->name,
	    ((const keyschema_key *)pb)->name);
}

/* A merged key's index by name; it is there. */
static int
keyprofile_index(const keyschema *ks, const char *name)
{
	for (size_t i = 0; i < ks->key_count; i++) {
		if (strcmp(ks->keys[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

/* A key's declaration in rules k, or NULL. */
static const rules_key *
keyprofile_declared(const rules_keys *k, const char *name)
{
	for (size_t i = 0; i < k->key_count; i++) {
		if (strcmp(k->keys[i].name, name) == 0)
			return &k->keys[i];
	}
	return NULL;
}

/*
 * The keys of the merged format: the union of the profiles' `keys`, each
 * required when every profile requires it, with the union of its types
 * (any type when one profile allows any); the roles of the first (merge
 * checked that all have them); the key order they all start with.
 */
static void
keyprofile_merge_keys(keyschema *ks, rules *const *profiles, size_t count)
{
	const rules_keys *first = profiles[0]->keys;

	for (size_t p = 0; p < count; p++) {
		const rules_keys *k = profiles[p]->keys;
		for (size_t i = 0; i < k->key_count; i++)
			(void)keyprofile_merged_key(ks, &k->keys[i],
			    ks->records);
	}
	/* By name: the sum does not depend on the order of the profiles. */
	qsort(ks->keys, ks->key_count, sizeof *ks->keys,
	    keyprofile_key_compare);
	for (size_t m = 0; m < ks->key_count; m++) {
		keyschema_key *key = &ks->keys[m];
		bool required = true, any = false;
		unsigned types = 0;
		for (size_t p = 0; p < count; p++) {
			const rules_key *rk = keyprofile_declared(
			    profiles[p]->keys, key->name);
			if (rk == NULL || rk->presence != RULES_KEY_REQUIRED)
				required = false;
			if (rk == NULL)
				continue;
			any = any || rk->types == 0;
			types |= rk->types;
		}
		key->present = required ? ks->records : 0;
		keyprofile_type_counts(key, any ? 0 : types);
	}
	ks->time_key = first->time_key < 0 ? -1 : keyprofile_index(ks,
	    first->keys[first->time_key].name);
	ks->level_key = first->level_key < 0 ? -1 : keyprofile_index(ks,
	    first->keys[first->level_key].name);
	ks->message_key = first->message_key < 0 ? -1 :
	    keyprofile_index(ks, first->keys[first->message_key].name);
	/* The key order all of them keep: their common start. */
	ks->order = xcalloc(first->order_count + 1, sizeof *ks->order);
	for (size_t o = 0; o < first->order_count; o++) {
		const char *want = first->keys[first->order[o]].name;
		bool all = true;
		for (size_t p = 1; p < count && all; p++) {
			const rules_keys *k = profiles[p]->keys;
			all = o < k->order_count &&
			    strcmp(k->keys[k->order[o]].name, want) == 0;
		}
		if (!all)
			break;
		ks->order[ks->order_count++] = (size_t)keyprofile_index(
		    ks, want);
	}
}

/* The union of the profiles' levels, in order; 0 when one allows any. */
static size_t
keyprofile_merge_levels(rules *const *profiles, size_t count,
    char ***levels)
{
	size_t total = 0, kept = 0;

	*levels = NULL;
	for (size_t p = 0; p < count; p++) {
		if (profiles[p]->level_count == 0)
			return 0;
		total += profiles[p]->level_count;
	}
	*levels = xcalloc(total + 1, sizeof **levels);
	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < profiles[p]->level_count; i++)
			(*levels)[kept++] = profiles[p]->levels[i];
	}
	levels_sort(*levels, kept);
	total = kept;
	kept = 0;
	for (size_t i = 0; i < total; i++) {
		if (kept == 0 || strcmp((*levels)[kept - 1], (*levels)[i]) != 0)
			(*levels)[kept++] = (*levels)[i];
	}
	return kept;
}

char *
keyprofile_merge(rules *const *profiles, size_t count, const char *name,
    baseline *b, rules_emoji emoji, char **cause)
{
	const rules *first = profiles[0];
	keyschema ks = { .decode = first->decode, .lines = b->lines,
	    .records = b->log_lines, .time_format = first->time_format };
	keyprofile_parts parts = { .name = name, .layout = b->layout != NULL ?
	    b->layout : "records", .emoji = emoji };
	char **levels = NULL, **candidates = NULL;
	char *samples[KEYPROFILE_SAMPLES];
	char *head = NULL, *base = NULL, *yaml = NULL;
	size_t candidate_count = 0, kept = 0;
	rules *draft;

	keyprofile_merge_keys(&ks, profiles, count);
	parts.level_count = keyprofile_merge_levels(profiles, count, &levels);
	parts.levels = levels;
	/* Samples: the smallest lines of the union the sum judges clean. */
	for (size_t p = 0; p < count; p++) {
		candidates = xreallocarray(candidates, candidate_count +
		    profiles[p]->sample_count + 1, sizeof *candidates);
		for (size_t i = 0; i < profiles[p]->sample_count; i++) {
			if (!profiles[p]->samples[i].foreign)
				candidates[candidate_count++] =
				    profiles[p]->samples[i].line;
		}
	}
	if (candidates != NULL)
		qsort(candidates, candidate_count, sizeof *candidates,
		    keyprofile_name_compare);
	for (size_t i = 0; i < candidate_count; i++) {
		if (kept == 0 || strcmp(candidates[kept - 1],
		    candidates[i]) != 0)
			candidates[kept++] = candidates[i];
	}
	head = keyprofile_yaml(&ks, &parts);
	if ((draft = keyprofile_load(name, head, cause)) != NULL) {
		parts.samples = samples;
		parts.sample_count = keyprofile_samples(draft, candidates, kept,
		    samples);
		rules_free(draft);
		free(head);
		head = keyprofile_yaml(&ks, &parts);
		base = baseline_yaml(b);
		yaml = xasprintf("%s%s", head, base);
		if ((draft = keyprofile_load(name, yaml, cause)) == NULL) {
			free(yaml);
			yaml = NULL;
		}
		rules_free(draft);
	}
	free(base);
	free(head);
	free(candidates);
	free(levels);
	for (size_t i = 0; i < ks.key_count; i++)
		free(ks.keys[i].name);
	free(ks.keys);
	free(ks.order);
	return yaml;
}
