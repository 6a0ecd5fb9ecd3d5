/* parse: the fields of every record; see parse.h. */
#include "learn/parse.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "decode/continuation.h"
#include "input/source.h"
#include "judge/check.h"
#include "judge/judge.h"
#include "util/jsonutil.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* A named field of the format, in the order of the pattern's groups. */
typedef struct {
	const char *name;	/* the rules' */
	int number;
} parse_field;

typedef struct {
	const rules *rules;
	judge *judge;
	parse_field *fields;
	size_t field_count;
	parse_format format;
	FILE *out;
} parse_state;

static int
parse_field_compare(const void *a, const void *b)
{
	const parse_field *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

/*
 * The named groups of `line` but time, level and message, which come
 * first, by group number.
 */
static void
parse_fields(parse_state *ps)
{
	const rules *r = ps->rules;
	uint32_t count = 0, size = 0;
	PCRE2_SPTR table = NULL;

	pcre2_pattern_info(r->line_regex, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(r->line_regex, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(r->line_regex, PCRE2_INFO_NAMETABLE, &table);
	ps->fields = xcalloc(count + 1, sizeof *ps->fields);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR entry = table + (size_t)i * size;
		const char *name = (const char *)entry + 2;
		if (strcmp(name, "time") == 0 || strcmp(name, "level") == 0 ||
		    strcmp(name, "message") == 0)
			continue;
		ps->fields[ps->field_count++] = (parse_field){
			.name = name, .number = entry[0] << 8 | entry[1],
		};
	}
	qsort(ps->fields, ps->field_count, sizeof *ps->fields,
	    parse_field_compare);
}

static const char *
parse_verdict(judge_kind kind)
{
	switch (kind) {
	case LINE_CONFORMING:
		return "conforming";
	case LINE_VIOLATING:
		return "violating";
	default:
		return "foreign";
	}
}

/* The value of a field as text output shows it: one printable line. */
static void
parse_text_field(FILE *out, const char *name, const char *text, size_t len)
{
	char *shown = utf8_excerpt(text, len, 0, len + 1, NULL);

	fprintf(out, "  %s: %s\n", name, shown);
	free(shown);
}

static void
parse_json_field(json_t *fields, const char *name, const char *text,
    size_t len)
{
	json_object_set_new(fields, name, jsonutil_string(text, len));
}

/* Each field the record has, to text or JSON. */
static void
parse_each_field(parse_state *ps, const judge_result *res, json_t *fields)
{
	const decode_result *d = res->decoded;
	const decode_field *fixed[] = { &d->time, &d->level, &d->message };
	const char *fixed_names[] = { "time", "level", "message" };

	for (size_t i = 0; i < 3; i++) {
		if (fixed[i]->at == DECODE_ABSENT)
			continue;
		if (fields != NULL)
			parse_json_field(fields, fixed_names[i],
			    fixed[i]->text, fixed[i]->len);
		else
			parse_text_field(ps->out, fixed_names[i],
			    fixed[i]->text, fixed[i]->len);
	}
	if (d->message.at != DECODE_ABSENT) {
		if (fields != NULL)
			parse_json_field(fields, "emoji", d->message.text,
			    d->emoji_len);
		else
			parse_text_field(ps->out, "emoji", d->message.text,
			    d->emoji_len);
	}
	for (size_t i = 0; i < ps->field_count; i++) {
		judge_span span;
		if (!judge_field(ps->judge, ps->fields[i].name, NULL, 0,
		    LC_STREAM_UNKNOWN, res, &span) || span.off == SIZE_MAX)
			continue;
		if (fields != NULL)
			parse_json_field(fields, ps->fields[i].name,
			    d->text + span.off, span.len);
		else
			parse_text_field(ps->out, ps->fields[i].name,
			    d->text + span.off, span.len);
	}
}

static int
parse_record(parse_state *ps, const char *path, const lc_record *rec,
    lc_stream stream, const judge_result *res)
{
	const char *verdict = parse_verdict(res->kind);
	bool foreign = res->kind == LINE_FOREIGN;

	if (ps->format == PARSE_JSON) {
		json_t *o = json_object(), *fields = json_object();
		json_object_set_new(o, "file", jsonutil_string(path,
		    strlen(path)));
		json_object_set_new(o, "line", json_integer(
		    (json_int_t)rec->first.number));
		json_object_set_new(o, "lines", json_integer(
		    (json_int_t)rec->line_count));
		json_object_set_new(o, "stream", json_string(
		    capture_stream_name(stream)));
		json_object_set_new(o, "verdict", json_string(verdict));
		json_object_set_new(o, "format", foreign ? json_null() :
		    json_string(ps->rules->format));
		if (!foreign)
			parse_each_field(ps, res, fields);
		json_object_set_new(o, "fields", fields);
		if (res->finding_count > 0) {
			json_t *ids = json_array();
			for (size_t i = 0; i < res->finding_count; i++)
				json_array_append_new(ids, json_string(
				    res->findings[i].rule));
			json_object_set_new(o, "findings", ids);
		}
		int written = jsonutil_dump_compact(ps->out, o);
		json_decref(o);
		return written == 0 ? 0 : -1;
	}
	fprintf(ps->out, "%s:%lu", path, rec->first.number);
	if (rec->line_count > 1)
		fprintf(ps->out, "-%lu", rec->first.number + rec->line_count -
		    1);
	fprintf(ps->out, ": %s %s", capture_stream_name(stream), verdict);
	if (!foreign)
		fprintf(ps->out, " %s", ps->rules->format);
	for (size_t i = 0; i < res->finding_count; i++)
		fprintf(ps->out, "%s%s", i == 0 ? " (" : ", ",
		    res->findings[i].rule);
	fputs(res->finding_count > 0 ? ")\n" : "\n", ps->out);
	if (!foreign)
		parse_each_field(ps, res, NULL);
	return ferror(ps->out) ? -1 : 0;
}

/* Every record of one source. */
static int
parse_source(parse_state *ps, const capture_source *src, char **cause)
{
	judge_stream order = { 0 };
	judge_result res = { 0 };
	source_info info;
	lc_record rec;
	continuation *cont = continuation_new(ps->rules);
	source_reader *reader = source_open(src, ps->rules->max_line, false,
	    cause);
	int got = -1;

	if (reader == NULL)
		goto out;
	if (cont != NULL)
		source_set_continuation(reader, continuation_continues, cont);
	while ((got = source_next_record(reader, &rec, &info, cause)) > 0) {
		judge_record(ps->judge, &order, &rec, info.stream, &res);
		check_record_extras(ps->judge, ps->rules, &rec, info.stream,
		    &res);
		if (res.kind == LINE_CONFORMING && res.finding_count > 0)
			res.kind = LINE_VIOLATING;
		if (parse_record(ps, src->path, &rec, info.stream, &res) != 0) {
			*cause = xstrdup("cannot write the records");
			got = -1;
			break;
		}
	}
out:
	source_close(reader);
	continuation_free(cont);
	judge_result_free(&res);
	return got < 0 ? -1 : 0;
}

int
parse_run(const rules *r, const capture *captures, size_t count,
    parse_format format, FILE *out, char **cause)
{
	parse_state ps = { .rules = r, .format = format, .out = out };
	int status = 0;

	ps.judge = judge_new(r);
	parse_fields(&ps);
	for (size_t c = 0; c < count && status == 0; c++) {
		capture_source sources[2];
		size_t source_count = source_read_once(&captures[c], sources);

		for (size_t s = 0; s < source_count && status == 0; s++)
			status = parse_source(&ps, &sources[s], cause);
	}
	free(ps.fields);
	judge_free(ps.judge);
	return status;
}
