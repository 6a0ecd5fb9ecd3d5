/* output: the renderings of a check report; see output.h. */
#include "config.h"

#include "report/output.h"

#include <string.h>

#include <jansson.h>

#include "report/html.h"
#include "report/junit.h"
#include "report/render.h"
#include "report/sarif.h"
#include "util/colour.h"
#include "util/jsonutil.h"
#include "util/xalloc.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

static const char *
output_severity_name(rules_severity severity)
{
	return severity == SEVERITY_ERROR ? "error" : "warning";
}

static void
output_counts_text(FILE *out, const char *label, const report_counts *c)
{
	fprintf(out, "%s%llu line%s: %llu conforming, %llu violating, "
	    "%llu foreign\n", label, (unsigned long long)c->lines,
	    c->lines == 1 ? "" : "s",
	    (unsigned long long)c->conforming,
	    (unsigned long long)c->violating, (unsigned long long)c->foreign);
}

/* Only captures with arrival times have a flush line. */
static void
output_flush_text(FILE *out, const report_capture *rc)
{
	const report_flush *f = &rc->flush;
	char *bound = report_duration(f->bound_ns);

	fprintf(out, "capture %s: flush timing checked, bound %s: %llu of "
	    "%llu twins late", rc->name, bound,
	    (unsigned long long)(f->late[0] + f->late[1]),
	    (unsigned long long)f->pairs);
	for (int s = 0; s < 2; s++) {
		if (f->late[s] == 0)
			continue;
		char *delay = report_duration(f->max_delay_ns[s]);
		fprintf(out, "; %s up to %s late", s == 0 ? "stdout" : "stderr",
		    delay);
		free(delay);
	}
	fputc('\n', out);
	free(bound);
}

static void
output_text(FILE *out, const report *rep, bool color)
{
	const char *bold = color ? SGR_BOLD : "", *reset = color ? SGR_RESET : "";

	if (rep->rules_note != NULL)
		fprintf(out, "%snote%s: %s\n", bold, reset, rep->rules_note);
	fprintf(out, "%slogcompat check%s: rules %s (%s)\n", bold, reset,
	    rep->format, rep->rules_path);
	for (size_t i = 0; i < rep->capture_count; i++) {
		const report_capture *rc = &rep->captures[i];
		fprintf(out, "capture %s: stream pairing %s\n", rc->name,
		    rc->pairing);
		if (rc->flush.pairs > 0)
			output_flush_text(out, rc);
	}
	output_counts_text(out, "total:  ", &rep->total);
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		if (rep->streams[s].lines == 0)
			continue;
		char name[16], label[32];
		snprintf(name, sizeof name, "%s:", capture_stream_name(s));
		snprintf(label, sizeof label, "%-7s ", name);
		output_counts_text(out, label, &rep->streams[s]);
	}
	fprintf(out, "levels:");
	for (size_t i = 0; i < rep->level_count; i++)
		fprintf(out, "%s %s %llu", i ? "," : "", rep->levels[i].level,
		    (unsigned long long)rep->levels[i].count);
	if (rep->other_levels > 0)
		fprintf(out, ", (other) %llu",
		    (unsigned long long)rep->other_levels);
	fprintf(out, "%s\n", rep->level_count == 0 ? " none" : "");
	fprintf(out, "findings: %llu error%s, %llu warning%s",
	    (unsigned long long)rep->errors, rep->errors == 1 ? "" : "s",
	    (unsigned long long)rep->warnings, rep->warnings == 1 ? "" : "s");
	for (size_t i = 0; i < rep->category_count; i++)
		fprintf(out, "%s %s %llu", i ? "," : ":",
		    rep->categories[i].rule,
		    (unsigned long long)rep->categories[i].count);
	fputc('\n', out);
	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		const char *tint = f->severity == SEVERITY_ERROR ? SGR_RED :
		    SGR_YELLOW;
		fputc('\n', out);
		if (f->line > 0)
			fprintf(out, "%s%s:%lu:%lu:%s ", bold, f->file, f->line,
			    f->column, reset);
		else
			fprintf(out, "%s%s:%s ", bold, f->file, reset);
		fprintf(out, "%s%s%s: %s%s\n", color ? tint : "", f->rule,
		    reset, f->message,
		    f->severity == SEVERITY_WARNING ? " [warning]" : "");
		if (f->excerpt != NULL)
			fprintf(out, "    %s\n    %*s%s^%s\n", f->excerpt,
			    (int)f->caret, "", color ? tint : "", reset);
	}
	char *unlisted = render_unlisted(rep);
	if (unlisted != NULL)
		fprintf(out, "\n... %s\n", unlisted);
	free(unlisted);
	fprintf(out, "\nverdict: %s%s%s\n", color ? (report_failed(rep) ?
	    SGR_RED : SGR_GREEN) : "", report_failed(rep) ? "fail" : "pass",
	    reset);
}

static json_t *
output_counts_json(const report_counts *c, const char *bad_name)
{
	return json_pack("{sI sI sI sI}", "lines", (json_int_t)c->lines,
	    "conforming", (json_int_t)c->conforming,
	    bad_name, (json_int_t)c->violating,
	    "foreign", (json_int_t)c->foreign);
}

static json_t *
output_path_json(const char *path)
{
	return path != NULL ? jsonutil_string(path, strlen(path)) : json_null();
}

static json_t *
output_json(const report *rep)
{
	json_t *root = json_object(), *summary, *levels, *streams, *categories,
	    *captures, *findings;

	json_object_set_new(root, "command", json_string("check"));
	json_object_set_new(root, "version", json_string(PACKAGE_VERSION));
	if (rep->rules_note != NULL)
		json_object_set_new(root, "note", jsonutil_string(
		    rep->rules_note, strlen(rep->rules_note)));
	json_object_set_new(root, "verdict",
	    json_string(report_failed(rep) ? "fail" : "pass"));
	json_object_set_new(root, "rules", json_pack("{so so}",
	    "format", jsonutil_string(rep->format, strlen(rep->format)),
	    "path", jsonutil_string(rep->rules_path, strlen(rep->rules_path))));
	summary = output_counts_json(&rep->total, "violations");
	json_object_set_new(summary, "errors", json_integer(rep->errors));
	json_object_set_new(summary, "warnings", json_integer(rep->warnings));
	json_object_set_new(summary, "findings",
	    json_integer(report_finding_total(rep)));
	json_object_set_new(summary, "findings_listed",
	    json_integer(rep->finding_count));
	json_object_set_new(summary, "findings_not_listed",
	    json_integer(report_unlisted(rep)));
	json_object_set_new(root, "summary", summary);

	levels = json_object();
	for (size_t i = 0; i < rep->level_count; i++)
		json_object_set_new(levels, rep->levels[i].level,
		    json_integer(rep->levels[i].count));
	if (rep->other_levels > 0)
		json_object_set_new(levels, "(other)",
		    json_integer(rep->other_levels));
	json_object_set_new(root, "levels", levels);

	streams = json_object();
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		if (rep->streams[s].lines > 0)
			json_object_set_new(streams, capture_stream_name(s),
			    output_counts_json(&rep->streams[s], "violations"));
	}
	json_object_set_new(root, "streams", streams);

	categories = json_object();
	for (size_t i = 0; i < rep->category_count; i++)
		json_object_set_new(categories, rep->categories[i].rule,
		    json_pack("{ss sI}", "severity", output_severity_name(
		    rep->categories[i].severity), "count",
		    (json_int_t)rep->categories[i].count));
	json_object_set_new(root, "categories", categories);

	captures = json_array();
	for (size_t i = 0; i < rep->capture_count; i++) {
		const report_capture *rc = &rep->captures[i];
		json_t *entry = json_pack("{so so so so}",
		    "name", jsonutil_string(rc->name, strlen(rc->name)),
		    "stdout", output_path_json(rc->stdout_path),
		    "stderr", output_path_json(rc->stderr_path),
		    "file", output_path_json(rc->unknown_path));
		json_object_set_new(entry, "pairing", json_string(rc->pairing));
		if (rc->flush.pairs > 0)
			json_object_set_new(entry, "flush", json_pack(
			    "{sI sI sI sI sI sI}", "bound_ms",
			    (json_int_t)(rc->flush.bound_ns / 1000000),
			    "twins", (json_int_t)rc->flush.pairs,
			    "late_stdout", (json_int_t)rc->flush.late[0],
			    "late_stderr", (json_int_t)rc->flush.late[1],
			    "max_delay_stdout_ms",
			    (json_int_t)(rc->flush.max_delay_ns[0] / 1000000),
			    "max_delay_stderr_ms",
			    (json_int_t)(rc->flush.max_delay_ns[1] / 1000000)));
		json_object_update_new(entry, output_counts_json(&rc->counts,
		    "violations"));
		json_array_append_new(captures, entry);
	}
	json_object_set_new(root, "captures", captures);

	findings = json_array();
	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		json_array_append_new(findings, json_pack("{so sI sI ss ss so}",
		    "file", jsonutil_string(f->file, strlen(f->file)),
		    "line", (json_int_t)f->line,
		    "column", (json_int_t)f->column,
		    "rule", f->rule,
		    "severity", output_severity_name(f->severity),
		    "message", jsonutil_string(f->message,
		    strlen(f->message))));
	}
	json_object_set_new(root, "findings", findings);
	return root;
}

/* GitHub workflow commands: escape data, and more in properties. */
static void
output_github_escaped(FILE *out, const char *text, bool property)
{
	for (const char *p = text; *p != '\0'; p++) {
		switch (*p) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs(property ? "%3A" : ":", out); break;
		case ',': fputs(property ? "%2C" : ",", out); break;
		default: fputc(*p, out); break;
		}
	}
}

static void
output_github(FILE *out, const report *rep)
{
	char *unlisted = render_unlisted(rep);

	if (rep->rules_note != NULL) {
		fputs("::notice title=rules::", out);
		output_github_escaped(out, rep->rules_note, false);
		fputc('\n', out);
	}
	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		fprintf(out, "::%s file=", output_severity_name(f->severity));
		output_github_escaped(out, f->file, true);
		if (f->line > 0)
			fprintf(out, ",line=%lu,col=%lu", f->line, f->column);
		fputs(",title=", out);
		output_github_escaped(out, f->rule, true);
		fputs("::", out);
		output_github_escaped(out, f->message, false);
		fputc('\n', out);
	}
	if (unlisted != NULL) {
		fputs("::notice title=max-findings::", out);
		output_github_escaped(out, unlisted, false);
		fputc('\n', out);
	}
	free(unlisted);
	fprintf(out, "logcompat check: %s: %llu lines, %llu conforming, "
	    "%llu violating, %llu foreign; %llu error%s, %llu warning%s\n",
	    report_failed(rep) ? "fail" : "pass",
	    (unsigned long long)rep->total.lines,
	    (unsigned long long)rep->total.conforming,
	    (unsigned long long)rep->total.violating,
	    (unsigned long long)rep->total.foreign,
	    (unsigned long long)rep->errors, rep->errors == 1 ? "" : "s",
	    (unsigned long long)rep->warnings, rep->warnings == 1 ? "" : "s");
}

int
output_check(FILE *out, const report *rep, output_format format, bool color)
{
	return output_check_rules(out, rep, format, color, NULL);
}

int
output_check_rules(FILE *out, const report *rep, output_format format,
    bool color, const rules *r)
{
	switch (format) {
	case OUTPUT_SARIF:
		if (sarif_write(out, rep, r) != 0)
			return -1;
		break;
	case OUTPUT_JUNIT:
		junit_write(out, rep, r);
		break;
	case OUTPUT_HTML:
		html_write(out, rep, r);
		break;
	case OUTPUT_JSON:
		if (jsonutil_dump_new(out, output_json(rep)) != 0)
			return -1;
		break;
	case OUTPUT_GITHUB:
		output_github(out, rep);
		break;
	case OUTPUT_TEXT:
		output_text(out, rep, color);
		break;
	}
	return ferror(out) ? -1 : 0;
}
