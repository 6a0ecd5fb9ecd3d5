/* html: a check report as one HTML page; see html.h. */
#include "config.h"

#include "report/html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/finding_ids.h"
#include "report/render.h"
#include "util/xalloc.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define HTML_EXAMPLES	3	/* findings shown under each id */
#define HTML_CHART_W	720	/* width of a chart's plot, in pixels */
#define HTML_BUCKETS	180	/* columns of a timeline row */

#define HTML_RED	"#c62828"
#define HTML_AMBER	"#e69b00"
#define HTML_GREEN	"#2e7d32"
#define HTML_GREY	"#9e9e9e"
#define HTML_BLUE	"#1565c0"

static const char html_style[] =
"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
"max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;"
"background:#fff}\n"
"h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;"
"margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\n"
"h3{font-size:1.05rem;margin:1.2rem 0 .3rem}\n"
".sub{color:#555;margin-top:0}code,pre{font:13px/1.4 ui-monospace,"
"\"DejaVu Sans Mono\",Menlo,monospace}\n"
"pre{background:#f6f8fa;padding:.5rem .7rem;overflow-x:auto;"
"border-radius:4px;margin:.2rem 0 .6rem}\n"
"table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid "
"#ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}\n"
"th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:"
"tabular-nums}\n"
"#verdict{font-size:1.3rem;font-weight:600;padding:.6rem .9rem;"
"border-radius:6px;display:inline-block}\n"
".pass{background:#e8f5e9;color:" HTML_GREEN "}.fail{background:#ffebee;"
"color:" HTML_RED "}\n"
".error{color:" HTML_RED ";font-weight:600}.warning{color:#a86b00;"
"font-weight:600}\n"
".loc{color:#555}.note{color:#555;font-style:italic}\n"
"svg text{font:12px system-ui,sans-serif;fill:#333}\n";

/* Percent of part in whole, for the charts. */
static double
html_share(uint64_t part, uint64_t whole)
{
	return whole == 0 ? 0.0 : (double)part / (double)whole;
}

static void
html_head(FILE *out, const report *rep)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n<title>logcompat check: ", out);
	render_xml_text(out, rep->format);
	fprintf(out, ": %s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    report_failed(rep) ? "fail" : "pass", html_style);
}

static void
html_verdict(FILE *out, const report *rep)
{
	bool failed = report_failed(rep);

	if (rep->rules_note != NULL) {
		fputs("<p id=\"note\" class=\"note\">\xe2\x9a\xa0\xef\xb8\x8f ",
		    out);
		render_xml_text(out, rep->rules_note);
		fputs("</p>\n", out);
	}
	fputs("<h1>\xf0\x9f\x94\x8d logcompat check: ", out);
	render_xml_text(out, rep->format);
	fputs("</h1>\n<p class=\"sub\">rules <code>", out);
	render_xml_text(out, rep->rules_path);
	fprintf(out, "</code>, %zu capture%s, logcompat %s</p>\n",
	    rep->capture_count, rep->capture_count == 1 ? "" : "s",
	    PACKAGE_VERSION);
	fprintf(out, "<p id=\"verdict\" class=\"%s\">%s %s: "
	    "%llu error%s, %llu warning%s</p>\n", failed ? "fail" : "pass",
	    failed ? "\xe2\x9d\x8c" : "\xe2\x9c\x85",
	    failed ? "FAIL" : "PASS",
	    (unsigned long long)rep->errors, rep->errors == 1 ? "" : "s",
	    (unsigned long long)rep->warnings, rep->warnings == 1 ? "" : "s");
}

/* A bar of a line count split into conforming, violating and foreign. */
static void
html_counts_bar(FILE *out, const report_counts *c)
{
	const double width = 240.0;
	double x = 0.0;
	const struct {
		uint64_t n;
		const char *colour, *what;
	} parts[] = {
		{ c->conforming, HTML_GREEN, "conforming" },
		{ c->violating, HTML_RED, "violating" },
		{ c->foreign, HTML_GREY, "foreign" },
	};

	fprintf(out, "<svg width=\"%.0f\" height=\"14\" role=\"img\">",
	    width);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		double w = width * html_share(parts[i].n, c->lines);
		if (w <= 0.0)
			continue;
		fprintf(out, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" "
		    "height=\"14\" fill=\"%s\"><title>%llu %s</title></rect>",
		    x, w, parts[i].colour, (unsigned long long)parts[i].n,
		    parts[i].what);
		x += w;
	}
	fputs("</svg>", out);
}

static void
html_counts_row(FILE *out, const char *name, const report_counts *c)
{
	fputs("<tr><th>", out);
	render_xml_text(out, name);
	fprintf(out, "</th><td class=\"n\">%llu</td><td class=\"n\">%llu</td>"
	    "<td class=\"n\">%llu</td><td class=\"n\">%llu</td><td>",
	    (unsigned long long)c->lines, (unsigned long long)c->conforming,
	    (unsigned long long)c->violating, (unsigned long long)c->foreign);
	html_counts_bar(out, c);
	fputs("</td></tr>\n", out);
}

static const char html_counts_header[] =
"<table>\n<tr><th></th><th>lines</th><th>conforming</th><th>violating</th>"
"<th>foreign</th><th>share</th></tr>\n";

static void
html_streams(FILE *out, const report *rep)
{
	fputs("<h2>\xf0\x9f\x93\x8a Lines per stream</h2>\n", out);
	fputs(html_counts_header, out);
	html_counts_row(out, "total", &rep->total);
	for (int s = 0; s < LC_STREAM_COUNT; s++) {
		if (rep->streams[s].lines > 0)
			html_counts_row(out, capture_stream_name(s),
			    &rep->streams[s]);
	}
	fputs("</table>\n<p class=\"note\">Green: conforming, red: "
	    "violating, grey: foreign lines.</p>\n", out);
}

static void
html_captures(FILE *out, const report *rep)
{
	fputs("<h2>\xf0\x9f\x93\x81 Captures</h2>\n", out);
	fputs(html_counts_header, out);
	for (size_t i = 0; i < rep->capture_count; i++)
		html_counts_row(out, rep->captures[i].name,
		    &rep->captures[i].counts);
	fputs("</table>\n<table>\n<tr><th>capture</th><th>stream pairing</th>"
	    "<th>flush timing</th></tr>\n", out);
	for (size_t i = 0; i < rep->capture_count; i++) {
		const report_capture *rc = &rep->captures[i];
		fputs("<tr><td>", out);
		render_xml_text(out, rc->name);
		fputs("</td><td>", out);
		render_xml_text(out, rc->pairing);
		fputs("</td><td>", out);
		if (rc->flush.pairs == 0)
			fputs("arrival times unknown", out);
		else {
			char *bound = report_duration(rc->flush.bound_ns);
			fprintf(out, "bound %s: %llu of %llu twins late", bound,
			    (unsigned long long)(rc->flush.late[0] +
			    rc->flush.late[1]),
			    (unsigned long long)rc->flush.pairs);
			free(bound);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static const char *
html_level_colour(const char *level)
{
	if (strncasecmp(level, "err", 3) == 0 ||
	    strncasecmp(level, "crit", 4) == 0 ||
	    strncasecmp(level, "fatal", 5) == 0 ||
	    strncasecmp(level, "emerg", 5) == 0 ||
	    strncasecmp(level, "alert", 5) == 0 ||
	    strncasecmp(level, "panic", 5) == 0)
		return HTML_RED;
	if (strncasecmp(level, "warn", 4) == 0)
		return HTML_AMBER;
	if (strncasecmp(level, "info", 4) == 0 ||
	    strncasecmp(level, "notice", 6) == 0)
		return HTML_BLUE;
	return HTML_GREY;
}

static void
html_level_bar(FILE *out, double y, const char *name, uint64_t count,
    uint64_t most, const char *colour)
{
	const double left = 130.0, room = HTML_CHART_W - left - 70.0;
	double w = room * html_share(count, most);

	fprintf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">",
	    left - 8.0, y + 14.0);
	render_xml_text(out, name);
	fprintf(out, "</text><rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" "
	    "height=\"18\" rx=\"2\" fill=\"%s\"><title>", left, y,
	    w < 1.0 ? 1.0 : w, colour);
	render_xml_text(out, name);
	fprintf(out, ": %llu</title></rect><text x=\"%.1f\" y=\"%.0f\">"
	    "%llu</text>\n", (unsigned long long)count,
	    left + (w < 1.0 ? 1.0 : w) + 6.0, y + 14.0,
	    (unsigned long long)count);
}

static void
html_levels(FILE *out, const report *rep)
{
	size_t rows = rep->level_count + (rep->other_levels > 0);
	uint64_t most = rep->other_levels;

	fputs("<h2>\xf0\x9f\x8e\x9a\xef\xb8\x8f Levels</h2>\n", out);
	if (rows == 0) {
		fputs("<p>No line had a level.</p>\n", out);
		return;
	}
	for (size_t i = 0; i < rep->level_count; i++) {
		if (rep->levels[i].count > most)
			most = rep->levels[i].count;
	}
	fprintf(out, "<svg id=\"levels\" width=\"%d\" height=\"%zu\" "
	    "role=\"img\" aria-label=\"lines per level\">\n", HTML_CHART_W,
	    rows * 24 + 4);
	for (size_t i = 0; i < rep->level_count; i++)
		html_level_bar(out, (double)(i * 24 + 2), rep->levels[i].level,
		    rep->levels[i].count, most,
		    html_level_colour(rep->levels[i].level));
	if (rep->other_levels > 0)
		html_level_bar(out, (double)(rep->level_count * 24 + 2),
		    "(other)", rep->other_levels, most, HTML_GREY);
	fputs("</svg>\n", out);
}

static void
html_location(FILE *out, const report_finding *f)
{
	fputs("<span class=\"loc\">", out);
	render_xml_text(out, f->file);
	if (f->line > 0)
		fprintf(out, ":%lu", f->line);
	if (f->column > 0)
		fprintf(out, ":%lu", f->column);
	fputs("</span>", out);
}

static void
html_examples(FILE *out, const report *rep, const char *rule)
{
	size_t shown = 0, listed = 0;

	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		if (strcmp(f->rule, rule) != 0)
			continue;
		if (listed++ >= HTML_EXAMPLES)
			continue;
		if (shown++ == 0)
			fputs("<ul>\n", out);
		fputs("<li>", out);
		html_location(out, f);
		fputs(": ", out);
		render_xml_text(out, f->message);
		if (f->excerpt != NULL) {
			fputs("\n<pre>", out);
			render_xml_text(out, f->excerpt);
			fputc('\n', out);
			fprintf(out, "%*s^</pre>", (int)f->caret, "");
		}
		fputs("</li>\n", out);
	}
	if (shown > 0)
		fputs("</ul>\n", out);
	if (listed > shown)
		fprintf(out, "<p class=\"note\">and %zu more listed</p>\n",
		    listed - shown);
}

static void
html_findings(FILE *out, const report *rep, const rules *r)
{
	uint64_t unlisted = report_finding_total(rep) - rep->finding_count;

	fputs("<h2>\xf0\x9f\x94\x8e Findings by id</h2>\n", out);
	if (rep->category_count == 0) {
		fputs("<p>\xe2\x9c\x85 No findings: every line conforms.</p>\n",
		    out);
		return;
	}
	fputs("<table>\n<tr><th>id</th><th>severity</th><th>count</th>"
	    "<th>what it means</th></tr>\n", out);
	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		const char *severity = render_severity(c->severity);
		fprintf(out, "<tr><td><a href=\"#id-%s\"><code>%s</code></a>"
		    "</td><td class=\"%s\">%s</td><td class=\"n\">%llu</td>"
		    "<td>", c->rule, c->rule, severity, severity,
		    (unsigned long long)c->count);
		render_xml_text(out, finding_id_describe(c->rule, r));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	if (unlisted > 0) {
		char *text = render_unlisted(rep);
		fputs("<p class=\"note\">", out);
		render_xml_text(out, text);
		fputs(".</p>\n", out);
		free(text);
	}
	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		fprintf(out, "<h3 id=\"id-%s\"><code>%s</code> "
		    "<span class=\"%s\">%s</span>, %llu</h3>\n", c->rule,
		    c->rule, render_severity(c->severity),
		    render_severity(c->severity),
		    (unsigned long long)c->count);
		html_examples(out, rep, c->rule);
	}
}

/*
 * How many lines the file has, the scale of its timeline.  The report
 * counts lines per capture and per stream over all captures: exact for a
 * capture's only file, or for a stream of the only capture; otherwise the
 * capture's lines are a bound (*exact false).
 */
static unsigned long
html_file_scale(const report *rep, size_t file_index, size_t capture,
    bool *exact)
{
	const char *file = rep->files[file_index];
	uint64_t lines = 0;

	*exact = false;
	if (capture < rep->capture_count) {
		const report_capture *rc = &rep->captures[capture];
		/* A container log is both streams' path: one file. */
		bool both = rc->stdout_path != NULL &&
		    rc->stderr_path != NULL &&
		    strcmp(rc->stdout_path, rc->stderr_path) != 0;
		lines = rc->counts.lines;
		*exact = !both;
		if (both && rep->capture_count == 1) {
			int s = strcmp(file, rc->stdout_path) == 0 ?
			    LC_STREAM_STDOUT : strcmp(file, rc->stderr_path) ==
			    0 ? LC_STREAM_STDERR : -1;
			if (s >= 0) {
				lines = rep->streams[s].lines;
				*exact = true;
			}
		}
	}
	for (size_t i = 0; i < rep->finding_count; i++) {
		if (rep->findings[i].file_index == file_index &&
		    rep->findings[i].line > lines) {
			lines = rep->findings[i].line;
			*exact = false;
		}
	}
	return lines > 0 ? (unsigned long)lines : 1;
}

/* One row of the timeline: the findings of one file along its lines. */
static void
html_timeline_row(FILE *out, const report *rep, size_t file_index,
    double y)
{
	uint32_t errors[HTML_BUCKETS] = { 0 }, warnings[HTML_BUCKETS] = { 0 };
	uint32_t whole = 0;
	size_t capture = rep->capture_count;
	const double left = 10.0, width = HTML_CHART_W - 20.0;
	const double step = width / HTML_BUCKETS;
	unsigned long scale;
	bool exact;

	for (size_t i = 0; i < rep->finding_count; i++) {
		if (rep->findings[i].file_index == file_index) {
			capture = render_capture_of(rep, &rep->findings[i]);
			break;
		}
	}
	scale = html_file_scale(rep, file_index, capture, &exact);
	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		if (f->file_index != file_index)
			continue;
		if (f->line == 0) {
			whole++;
			continue;
		}
		size_t b = (size_t)((double)(f->line - 1) * HTML_BUCKETS /
		    (double)scale);
		if (b >= HTML_BUCKETS)
			b = HTML_BUCKETS - 1;
		if (f->severity == SEVERITY_ERROR)
			errors[b]++;
		else
			warnings[b]++;
	}

	fprintf(out, "<text x=\"%.0f\" y=\"%.0f\">", left, y + 12.0);
	render_xml_text(out, rep->files[file_index]);
	if (exact)
		fprintf(out, " (lines 1 to %lu", scale);
	else
		fprintf(out, " (scale: %lu lines", scale);
	if (whole > 0)
		fprintf(out, "; %u about the whole file", (unsigned)whole);
	fprintf(out, ")</text>\n<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" "
	    "height=\"22\" fill=\"#f3f3f3\"/>\n", left, y + 18.0, width);
	for (size_t b = 0; b < HTML_BUCKETS; b++) {
		if (errors[b] == 0 && warnings[b] == 0)
			continue;
		unsigned long from = (unsigned long)((double)b * scale /
		    HTML_BUCKETS) + 1;
		unsigned long to = (unsigned long)((double)(b + 1) * scale /
		    HTML_BUCKETS);
		if (to < from)
			to = from;
		/* Errors fill the lane; warnings its lower half. */
		fprintf(out, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
		    "height=\"%d\" fill=\"%s\"><title>lines %lu-%lu: %u "
		    "error%s, %u warning%s</title></rect>\n",
		    left + (double)b * step, y + (errors[b] ? 18.0 : 29.0),
		    step < 2.0 ? 2.0 : step, errors[b] ? 22 : 11,
		    errors[b] ? HTML_RED : HTML_AMBER, from, to,
		    (unsigned)errors[b], errors[b] == 1 ? "" : "s",
		    (unsigned)warnings[b], warnings[b] == 1 ? "" : "s");
	}
}

static void
html_timeline(FILE *out, const report *rep)
{
	bool *used = xcalloc(rep->file_count + 1, sizeof *used);
	size_t rows = 0;

	fputs("<h2>\xf0\x9f\x95\x92 Timeline of findings</h2>\n", out);
	for (size_t i = 0; i < rep->finding_count; i++) {
		size_t fi = rep->findings[i].file_index;
		if (fi < rep->file_count && !used[fi]) {
			used[fi] = true;
			rows++;
		}
	}
	if (rows == 0) {
		fputs("<p>No finding to place.</p>\n", out);
		free(used);
		return;
	}
	fprintf(out, "<p class=\"note\">Each row is a file from its first "
	    "line to its last: red, lines with errors; amber, lines with "
	    "warnings only.</p>\n<svg id=\"timeline\" width=\"%d\" "
	    "height=\"%zu\" role=\"img\" aria-label=\"findings along each "
	    "file\">\n", HTML_CHART_W, rows * 50);
	rows = 0;
	for (size_t fi = 0; fi < rep->file_count; fi++) {
		if (used[fi])
			html_timeline_row(out, rep, fi, (double)(rows++ * 50));
	}
	fputs("</svg>\n", out);
	free(used);
}

/* The seed document ends so: the verdict again, point by point. */
static void
html_assessment(FILE *out, const report *rep)
{
	const report_counts *t = &rep->total;
	bool failed = report_failed(rep);

	fputs("<h2>\xf0\x9f\x8e\x8a Final assessment</h2>\n", out);
	fprintf(out, "<h3>%s</h3>\n<ul>\n", failed ?
	    "\xe2\x9d\x8c The logging does not conform" :
	    "\xe2\x9c\x85 The logging conforms");
	fprintf(out, "<li>%s %llu of %llu lines conform (%.1f%%)</li>\n",
	    t->conforming == t->lines ? "\xe2\x9c\x85" : "\xe2\x9e\x96",
	    (unsigned long long)t->conforming, (unsigned long long)t->lines,
	    100.0 * html_share(t->conforming, t->lines));
	if (t->foreign > 0)
		fprintf(out, "<li>\xe2\x9a\xa0\xef\xb8\x8f %llu line%s in "
		    "another format</li>\n", (unsigned long long)t->foreign,
		    t->foreign == 1 ? "" : "s");
	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		fprintf(out, "<li>%s %llu <code>%s</code> finding%s</li>\n",
		    c->severity == SEVERITY_ERROR ? "\xe2\x9d\x8c" :
		    "\xe2\x9a\xa0\xef\xb8\x8f", (unsigned long long)c->count,
		    c->rule, c->count == 1 ? "" : "s");
	}
	if (rep->errors == 0)
		fputs("<li>\xe2\x9c\x85 no finding of severity error</li>\n",
		    out);
	fputs("</ul>\n", out);
}

int
html_write(FILE *out, const report *rep, const rules *r)
{
	html_head(out, rep);
	html_verdict(out, rep);
	html_streams(out, rep);
	html_captures(out, rep);
	html_levels(out, rep);
	html_findings(out, rep, r);
	html_timeline(out, rep);
	html_assessment(out, rep);
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
