/* samples: verify a rule file's samples with the judge; see samples.h. */
#include "judge/samples.h"

#include <stdlib.h>
#include <string.h>

#include "decode/continuation.h"
#include "judge/judge.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* The ids the line yielded, in order, as "a, b" ("none" when empty). */
static char *
samples_yielded(const judge_result *res, bool skip_foreign)
{
	strbuf list = { 0 };

	for (size_t i = 0; i < res->finding_count; i++) {
		if (skip_foreign && strcmp(res->findings[i].rule, "foreign") == 0)
			continue;
		strbuf_join(&list, ", ", res->findings[i].rule);
	}
	return list.len > 0 ? strbuf_take(&list) : xstrdup("none");
}

static bool
samples_has(char *const *ids, size_t count, const char *id)
{
	for (size_t i = 0; i < count; i++) {
		if (strcmp(ids[i], id) == 0)
			return true;
	}
	return false;
}

static bool
samples_findings_match(const rules_sample *s, const judge_result *res)
{
	size_t yielded = 0;

	for (size_t i = 0; i < res->finding_count; i++) {
		const char *id = res->findings[i].rule;
		if (s->foreign && strcmp(id, "foreign") == 0)
			continue;
		if (!samples_has(s->findings, s->finding_count, id))
			return false;
		yielded++;
	}
	/* Every expected id must have been yielded too. */
	for (size_t i = 0; i < s->finding_count; i++) {
		bool found = false;
		for (size_t k = 0; k < res->finding_count && !found; k++)
			found = strcmp(res->findings[k].rule,
			    s->findings[i]) == 0;
		if (!found)
			return false;
	}
	return yielded >= s->finding_count;
}

static int
samples_verify_one(judge *j, continuation *cont, const rules *r,
    const rules_sample *s, lc_error *err)
{
	judge_result res = { 0 };
	size_t len = strlen(s->line);
	int status = -1;
	/* Zeroed slack: PCRE2's JIT reads aligned words past the end. */
	char *padded = xcalloc(1, len + 64);

	memcpy(padded, s->line, len);
	/* A sample of several lines is a record: each continues the first. */
	lc_record rec = { .text = padded, .len = len, .line_count = 1 };
	const char *nl = memchr(padded, '\n', len);
	rec.first.text = padded;
	rec.first.len = nl != NULL ? (size_t)(nl - padded) : len;
	rec.first.number = 1;
	for (const char *p = nl; p != NULL; rec.line_count++) {
		const char *start = p + 1;
		const char *end = memchr(start, '\n', len - (size_t)(start -
		    padded));
		size_t line_len = end != NULL ? (size_t)(end - start) :
		    len - (size_t)(start - padded);
		if (cont == NULL || !continuation_continues(cont, start,
		    line_len)) {
			lc_error_set(err, r->path, s->mark.line, s->mark.column,
			    "line %lu of the sample does not continue its "
			    "record (%s)", rec.line_count + 1, cont == NULL ?
			    "the rules have no 'continuation'" :
			    "see 'continuation'");
			goto out;
		}
		p = end;
	}
	judge_record(j, NULL, &rec, LC_STREAM_UNKNOWN, &res);
	if (s->foreign != (res.kind == LINE_FOREIGN)) {
		lc_error_set(err, r->path, s->mark.line, s->mark.column,
		    s->foreign ? "sample is marked foreign but matches 'line'" :
		    "sample does not match 'line'");
		goto out;
	}
	for (size_t i = 0; i < s->field_count; i++) {
		const char *name = s->field_names[i];
		decode_field field;
		/* The decoded value: a JSON sample's escapes read as text. */
		if (!judge_value(j, name, &field)) {
			lc_error_set(err, r->path, s->mark.line, s->mark.column,
			    "sample names an unknown field '%s'", name);
			goto out;
		}
		const char *value = field.at == DECODE_ABSENT ? "" : field.text;
		size_t value_len = field.at == DECODE_ABSENT ? 0 : field.len;
		if (strlen(s->field_values[i]) != value_len ||
		    memcmp(s->field_values[i], value, value_len) != 0) {
			char *got = utf8_excerpt(value, value_len, 0, 80, NULL);
			lc_error_set(err, r->path, s->mark.line, s->mark.column,
			    "sample field '%s' is '%s', the sample says '%s'",
			    name, got, s->field_values[i]);
			free(got);
			goto out;
		}
	}
	if (!samples_findings_match(s, &res)) {
		char *got = samples_yielded(&res, s->foreign);
		strbuf list = { 0 };
		for (size_t i = 0; i < s->finding_count; i++)
			strbuf_join(&list, ", ", s->findings[i]);
		char *want = strbuf_take(&list);
		lc_error_set(err, r->path, s->mark.line, s->mark.column,
		    "sample yields findings %s, the sample says %s", got,
		    *want != '\0' ? want : "none");
		free(got);
		free(want);
		goto out;
	}
	status = 0;
out:
	judge_result_free(&res);
	free(padded);
	return status;
}

int
samples_verify(const rules *r, lc_error *err)
{
	judge *j = judge_new(r);
	continuation *cont = continuation_new(r);
	int status = 0;

	for (size_t i = 0; i < r->sample_count && status == 0; i++)
		status = samples_verify_one(j, cont, r, &r->samples[i], err);
	continuation_free(cont);
	judge_free(j);
	return status;
}
