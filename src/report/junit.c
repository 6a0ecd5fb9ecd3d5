/* junit: a check report as JUnit XML; see junit.h. */
#include "report/junit.h"

#include <string.h>

#include "report/finding_ids.h"
#include "report/render.h"
#include "util/xalloc.h"

/* The listed findings of one id in one capture. */
typedef struct {
	const char *rule;
	rules_severity severity;	/* error when any of them is */
	size_t count;
} junit_case;

typedef struct {
	junit_case *cases;	/* in order of first finding */
	size_t case_count;
	size_t failures;
} junit_suite;

static void
junit_add(junit_suite *s, const report_finding *f)
{
	junit_case *c = NULL;

	for (size_t i = 0; i < s->case_count; i++) {
		if (strcmp(s->cases[i].rule, f->rule) == 0)
			c = &s->cases[i];
	}
	if (c == NULL) {
		s->cases = xreallocarray(s->cases, s->case_count + 1,
		    sizeof *s->cases);
		c = &s->cases[s->case_count++];
		*c = (junit_case){ .rule = f->rule,
		    .severity = SEVERITY_WARNING };
	}
	if (f->severity == SEVERITY_ERROR && c->severity != SEVERITY_ERROR) {
		c->severity = SEVERITY_ERROR;
		s->failures++;
	}
	c->count++;
}

static void
junit_location(FILE *out, const report_finding *f)
{
	render_xml_text(out, f->file);
	if (f->line > 0)
		fprintf(out, ":%lu", f->line);
	if (f->column > 0)
		fprintf(out, ":%lu", f->column);
}

/* The findings of rule in capture index, one per line, as text. */
static void
junit_findings(FILE *out, const report *rep, const size_t *owner,
    size_t index, const char *rule)
{
	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		if (owner[i] != index || strcmp(f->rule, rule) != 0)
			continue;
		junit_location(out, f);
		fprintf(out, ": %s: ", render_severity(f->severity));
		render_xml_text(out, f->message);
		fputc('\n', out);
		if (f->excerpt != NULL) {
			fputs("    ", out);
			render_xml_text(out, f->excerpt);
			fputc('\n', out);
		}
	}
}

static void
junit_testcase(FILE *out, const report *rep, const rules *r,
    const size_t *owner, size_t index, const char *suite_name,
    const junit_case *c)
{
	fputs("    <testcase classname=\"", out);
	render_xml_text(out, suite_name);
	fputs("\" name=\"", out);
	render_xml_text(out, c->rule);
	fputs("\" time=\"0\">\n", out);
	if (c->severity == SEVERITY_ERROR) {
		fprintf(out, "      <failure type=\"%s\" message=\"", c->rule);
		fprintf(out, "%zu finding%s: ", c->count,
		    c->count == 1 ? "" : "s");
		render_xml_text(out, finding_id_describe(c->rule, r));
		fputs("\">", out);
		junit_findings(out, rep, owner, index, c->rule);
		fputs("</failure>\n", out);
	} else {
		fputs("      <system-out>", out);
		junit_findings(out, rep, owner, index, c->rule);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

static void
junit_testsuite(FILE *out, const report *rep, const rules *r,
    const size_t *owner, size_t index, const junit_suite *s)
{
	const char *name = index < rep->capture_count ?
	    rep->captures[index].name : "(not in a capture)";
	size_t tests = s->case_count > 0 ? s->case_count : 1;

	fputs("  <testsuite name=\"", out);
	render_xml_text(out, name);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"0\" time=\"0\">\n", tests, s->failures);
	/*
	 * The wrong format is said first, as every rendering says it: a
	 * property for the readers that keep them, the suite's output for
	 * those that show it (Jenkins, GitLab's test details).
	 */
	if (rep->rules_note != NULL) {
		fputs("    <properties>\n      <property name=\"note\" "
		    "value=\"", out);
		render_xml_text(out, rep->rules_note);
		fputs("\"/>\n    </properties>\n", out);
	}
	for (size_t i = 0; i < s->case_count; i++)
		junit_testcase(out, rep, r, owner, index, name,
		    &s->cases[i]);
	if (s->case_count == 0) {
		fputs("    <testcase classname=\"", out);
		render_xml_text(out, name);
		fputs("\" name=\"conforming\" time=\"0\"/>\n", out);
	}
	if (rep->rules_note != NULL) {
		fputs("    <system-out>note: ", out);
		render_xml_text(out, rep->rules_note);
		fputs("\n</system-out>\n", out);
	}
	fputs("  </testsuite>\n", out);
}

int
junit_write(FILE *out, const report *rep, const rules *r)
{
	/* One more suite for findings that match no capture. */
	size_t suite_count = rep->capture_count + 1, tests = 0, failures = 0;
	junit_suite *suites = xcalloc(suite_count, sizeof *suites);
	size_t *owner = xcalloc(rep->finding_count + 1, sizeof *owner);
	uint64_t unlisted = report_finding_total(rep) - rep->finding_count;

	for (size_t i = 0; i < rep->finding_count; i++) {
		owner[i] = render_capture_of(rep, &rep->findings[i]);
		junit_add(&suites[owner[i]], &rep->findings[i]);
	}
	for (size_t i = 0; i < suite_count; i++) {
		if (i == rep->capture_count && suites[i].case_count == 0)
			continue;
		tests += suites[i].case_count > 0 ? suites[i].case_count : 1;
		failures += suites[i].failures;
	}
	/* Errors all left out of the list still fail the run. */
	bool unlisted_failure = report_failed(rep) && failures == 0;
	tests += unlisted_failure;
	failures += unlisted_failure;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"logcompat check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" time=\"0\">\n", tests, failures);
	for (size_t i = 0; i < suite_count; i++) {
		if (i == rep->capture_count && suites[i].case_count == 0)
			continue;
		junit_testsuite(out, rep, r, owner, i, &suites[i]);
	}
	if (unlisted_failure) {
		fprintf(out, "  <testsuite name=\"logcompat\" tests=\"1\" "
		    "failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
		    "    <testcase classname=\"logcompat\" name=\"unlisted\" "
		    "time=\"0\">\n      <failure type=\"unlisted\" "
		    "message=\"%llu errors not listed (see "
		    "--max-findings)\"/>\n"
		    "    </testcase>\n  </testsuite>\n",
		    (unsigned long long)rep->errors);
	}
	if (unlisted > 0)
		fprintf(out, "  <!-- %llu more findings not listed (see "
		    "max-findings) -->\n", (unsigned long long)unlisted);
	fputs("</testsuites>\n", out);
	for (size_t i = 0; i < suite_count; i++)
		free(suites[i].cases);
	free(suites);
	free(owner);
	return ferror(out) ? -1 : 0;
}
