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

static int
keyprofile_level_compare(const void *pa, const void *pb)
{
	return levels_order(*(const char *const *)pa, *(const char *const *)pb);
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
		if (key->depth != 1 && !role)
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

	strbuf_adds(&t, ks->decode == RULES_DECODE_JSON ? "json" : "logfmt");
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

/* The rule file without its baseline. */
static char *
keyprofile_yaml(const keyschema *ks, const char *name, const char *layout,
    uint64_t skipped, rules_emoji emoji, char *const *relaxed,
    size_t relaxed_count, char *const *samples, size_t sample_count)
{
	static const char *const emoji_names[] = {
		"none", "optional", "required"
	};
	strbuf t = { 0 };

	strbuf_addf(&t, "# %s: a log format logcompat inferred from %llu "
	    "lines.\n# Read it before you rely on it; logcompat-rules(5) "
	    "documents every key.\n", name, (unsigned long long)ks->lines);
	if (skipped > 0)
		strbuf_addf(&t, "# %llu malformed container-log records were "
		    "left out (logcompat check lists them).\n",
		    (unsigned long long)skipped);
	strbuf_addf(&t, "\nformat: %s\ndescription: ", name);
	char *description = xasprintf("Inferred from %llu lines, %llu of "
	    "which are %s", (unsigned long long)ks->lines,
	    (unsigned long long)ks->records, layout);
	keyprofile_put_scalar(&t, description);
	free(description);
	strbuf_addf(&t, "\ndecode: %s\n", ks->decode == RULES_DECODE_JSON ?
	    "json" : "logfmt");
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
	/* The level set as written, unless the key holds too many. */
	const keyschema_key *level = ks->level_key >= 0 ?
	    &ks->keys[ks->level_key] : NULL;
	if (level != NULL && !level->varied && level->value_count > 0 &&
	    level->types[KEYSCHEMA_STRING] + level->types[KEYSCHEMA_INTEGER] ==
	    level->present) {
		char *sorted[KEYSCHEMA_DISTINCT];
		memcpy(sorted, level->values, level->value_count *
		    sizeof *sorted);
		qsort(sorted, level->value_count, sizeof *sorted,
		    keyprofile_level_compare);
		strbuf_adds(&t, "levels: [");
		for (size_t i = 0; i < level->value_count; i++) {
			if (i > 0)
				strbuf_adds(&t, ", ");
			keyprofile_put_scalar(&t, sorted[i]);
		}
		strbuf_adds(&t, "]\n");
	}
	strbuf_addf(&t, "emoji: %s\nstreams: any\nforeign: report\n",
	    emoji_names[emoji]);
	if (relaxed_count > 0) {
		strbuf_adds(&t, "# The captures this was inferred from break "
		    "these rules themselves\n# (time stepping back where "
		    "several logs were joined, say): warnings,\n# so that they "
		    "pass their own profile.  Make them errors once the "
		    "captures\n# are clean.\nseverities: { ");
		for (size_t i = 0; i < relaxed_count; i++)
			strbuf_addf(&t, "%s%s: warning", i > 0 ? ", " : "",
			    relaxed[i]);
		strbuf_adds(&t, " }\n");
	}
	if (sample_count > 0)
		strbuf_adds(&t, "samples:\n");
	for (size_t i = 0; i < sample_count; i++) {
		strbuf_adds(&t, "  - line: ");
		keyprofile_put_scalar(&t, samples[i]);
		strbuf_adds(&t, "\n    findings: []\n");
	}
	return strbuf_take(&t);
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
keyprofile_samples(const rules *r, keyprofile_read *rd, char **samples)
{
	judge *j = judge_new(r);
	judge_result res = { 0 };
	size_t count = 0;

	for (size_t i = 0; i < rd->candidate_count &&
	    count < KEYPROFILE_SAMPLES; i++) {
		const char *line = rd->candidates[i];
		judge_line(j, NULL, line, strlen(line), LC_STREAM_STDOUT, &res);
		if (res.kind == LINE_CONFORMING && res.finding_count == 0)
			samples[count++] = rd->candidates[i];
	}
	judge_result_free(&res);
	judge_free(j);
	return count;
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
	char *samples[KEYPROFILE_SAMPLES];
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
	head = keyprofile_yaml(rd.schema, name, layout, rd.skipped,
	    EMOJI_OPTIONAL, relaxed, relaxed_count, NULL, 0);
	if ((draft = keyprofile_load(name, head, cause)) == NULL)
		goto out;
	b = baseline_for(draft, layout);
	for (size_t i = 0; i < count; i++) {
		if (baseline_scan(b, draft, &captures[i], NULL, cause) != 0)
			goto out;
	}
	baseline_finish(b);
	keyprofile_count_keys(b, rd.schema);
	sample_count = keyprofile_samples(draft, &rd, samples);
	free(head);
	head = keyprofile_yaml(rd.schema, name, layout, rd.skipped,
	    baseline_emoji_policy(b, EMOJI_OPTIONAL), relaxed, relaxed_count,
	    samples, sample_count);
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
