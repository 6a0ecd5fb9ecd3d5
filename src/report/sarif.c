/* sarif: a check report as SARIF 2.1.0; see sarif.h. */
#include "config.h"

#include "report/sarif.h"

#include <string.h>

#include <jansson.h>

#include "report/finding_ids.h"
#include "report/render.h"
#include "util/jsonutil.h"
#include "util/xalloc.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

static json_t *
sarif_text(const char *text)
{
	return json_pack("{so}", "text", jsonutil_string(text, strlen(text)));
}

/* The index of id in the report's categories: its rule's index. */
static size_t
sarif_rule_index(const report *rep, const char *id)
{
	for (size_t i = 0; i < rep->category_count; i++) {
		if (strcmp(rep->categories[i].rule, id) == 0)
			return i;
	}
	return rep->category_count;
}

static json_t *
sarif_rules(const report *rep, const rules *r)
{
	json_t *list = json_array();

	for (size_t i = 0; i < rep->category_count; i++) {
		const report_category *c = &rep->categories[i];
		json_t *rule = json_pack("{ss so s{ss} s{sI}}",
		    "id", c->rule,
		    "shortDescription", sarif_text(finding_id_describe(c->rule,
		    r)),
			    "defaultConfiguration", "level",
		    render_severity(c->severity),
		    "properties", "count", (json_int_t)c->count);
		json_array_append_new(list, rule);
	}
	return list;
}

static json_t *
sarif_location(const report_finding *f)
{
	char *uri = render_uri(f->file);
	json_t *physical = json_pack("{s{so}}", "artifactLocation", "uri",
	    jsonutil_string(uri, strlen(uri)));

	free(uri);
	if (f->line > 0) {
		json_t *region = json_pack("{sI}", "startLine",
		    (json_int_t)f->line);
		if (f->column > 0)
			json_object_set_new(region, "startColumn",
			    json_integer((json_int_t)f->column));
		/* An empty line has no snippet: SARIF's text is never "". */
		if (f->excerpt != NULL && *f->excerpt != '\0')
			json_object_set_new(region, "snippet",
			    sarif_text(f->excerpt));
		json_object_set_new(physical, "region", region);
	}
	return json_pack("{so}", "physicalLocation", physical);
}

static json_t *
sarif_results(const report *rep)
{
	json_t *list = json_array();

	for (size_t i = 0; i < rep->finding_count; i++) {
		const report_finding *f = &rep->findings[i];
		json_t *result = json_pack("{ss ss so s[o]}",
		    "ruleId", f->rule,
		    "level", render_severity(f->severity),
		    "message", sarif_text(f->message),
		    "locations", sarif_location(f));
		size_t index = sarif_rule_index(rep, f->rule);
		if (index < rep->category_count)
			json_object_set_new(result, "ruleIndex",
			    json_integer((json_int_t)index));
		json_array_append_new(list, result);
	}
	return list;
}

/* The run's outcome, and the findings counted but not listed. */
static json_t *
sarif_invocation(const report *rep)
{
	json_t *invocation = json_pack("{sb}", "executionSuccessful", 1);
	json_t *notes = json_array();
	char *text = render_unlisted(rep);

	/* The wrong format is said first, as every rendering says it. */
	if (rep->rules_note != NULL)
		json_array_append_new(notes, json_pack("{so ss}", "message",
		    sarif_text(rep->rules_note), "level", "warning"));
	if (text != NULL)
		json_array_append_new(notes, json_pack("{so ss}", "message",
		    sarif_text(text), "level", "note"));
	free(text);
	if (json_array_size(notes) > 0)
		json_object_set_new(invocation, "toolExecutionNotifications",
		    notes);
	else
		json_decref(notes);
	return json_pack("[o]", invocation);
}

int
sarif_write(FILE *out, const report *rep, const rules *r)
{
	json_t *driver, *run, *root;

	driver = json_pack("{ss ss so}", "name", "logcompat",
	    "version", PACKAGE_VERSION, "rules", sarif_rules(rep, r));
	run = json_pack("{s{so} so so s{ss so sI sI sI sI sI sI}}",
	    "tool", "driver", driver,
	    "invocations", sarif_invocation(rep),
	    "results", sarif_results(rep),
	    "properties",
	    "verdict", report_failed(rep) ? "fail" : "pass",
	    "rulesFormat", jsonutil_string(rep->format, strlen(rep->format)),
	    "lines", (json_int_t)rep->total.lines,
	    "conforming", (json_int_t)rep->total.conforming,
	    "violating", (json_int_t)rep->total.violating,
	    "foreign", (json_int_t)rep->total.foreign,
	    "errors", (json_int_t)rep->errors,
	    "warnings", (json_int_t)rep->warnings);
	if (run != NULL) {
		json_t *props = json_object_get(run, "properties");
		json_object_set_new(props, "findingsNotListed",
		    json_integer((json_int_t)report_unlisted(rep)));
		if (rep->rules_note != NULL)
			json_object_set_new(props, "note", jsonutil_string(
			    rep->rules_note, strlen(rep->rules_note)));
	}
	root = json_pack("{ss ss s[o]}", "$schema", SARIF_SCHEMA,
	    "version", "2.1.0", "runs", run);
	if (root == NULL)
		return -1;
	/* utf8_column counts code points, not SARIF's default UTF-16 units. */
	json_object_set_new(run, "columnKind",
	    json_string("unicodeCodePoints"));
	return jsonutil_dump_new(out, root);
}
