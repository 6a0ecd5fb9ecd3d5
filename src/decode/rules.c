/*
 * rules: load a rule file; see rules.h.  yamldoc reads the YAML into a
 * tree of positioned nodes, then the tree is walked with the schema of the
 * rule language (baseline_load walks `drift` and `baseline`).  The tree is
 * freed before rules_load returns.
 */
#include "decode/rules.h"
#include "decode/yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/baseline.h"
#include "decode/baseline_load.h"
#include "decode/findings.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define RULES_MAX_LINE_MIN	64
#define RULES_MAX_LINE_MAX	1073741824
#define RULES_MAX_LINE_DEFAULT	1048576
/* `flush`, in milliseconds: the default, and the largest allowed. */
#define RULES_FLUSH_DEFAULT_MS	100
#define RULES_FLUSH_MAX_MS	3600000
#define RULES_JIT_STACK_MIN	(32 * 1024)
#define RULES_JIT_STACK_MAX	(1024 * 1024 * 1024)
/* How much of a user's text a message quotes. */
#define RULES_QUOTE_WIDTH	60

typedef struct {
	char *name;
	bool ambiguous;		/* a name that several groups carry */
} rules_field;

typedef struct {
	yamldoc *doc;
	rules *r;
	rules_field *fields;	/* usable in conditions, sorted by name */
	size_t field_count;
} loader;


/* Fields every rule file has besides the named groups of `line`. */
static const char *const extra_fields[] = { "emoji", "stream", "line" };

enum {
	KEY_FORMAT, KEY_DESCRIPTION, KEY_LINE, KEY_TIME, KEY_LEVELS,
	KEY_EMOJI, KEY_STREAMS, KEY_FOREIGN, KEY_MAX_LINE, KEY_SEVERITIES,
	KEY_CHECKS, KEY_SAMPLES, KEY_FLUSH, KEY_DRIFT, KEY_BASELINE,
	KEY_LIMITS, KEY_CONTINUATION, KEY_DECODE, KEY_LEVEL_KEY,
	KEY_MESSAGE_KEY, KEY_KEYS, KEY_KEY_ORDER, KEY_FOREIGN_SHARE, KEY_COUNT
};
static const char *const root_keys[KEY_COUNT] = {
	"format", "description", "line", "time", "levels", "emoji",
	"streams", "foreign", "max-line", "severities", "checks", "samples",
	"flush", "drift", "baseline", "limits", "continuation", "decode",
	"level-key", "message-key", "keys", "key-order", "foreign-share"
};

enum { LIMIT_MATCH, LIMIT_DEPTH, LIMIT_JIT_STACK, LIMIT_COUNT };
static const char *const limit_keys[LIMIT_COUNT] = {
	"match", "depth", "jit-stack"
};

enum {
	CHECK_ID, CHECK_SEVERITY, CHECK_WHEN, CHECK_EXPECT, CHECK_MESSAGE,
	CHECK_COUNT
};
static const char *const check_keys[CHECK_COUNT] = {
	"id", "severity", "when", "expect", "message"
};

enum { SAMPLE_LINE, SAMPLE_FOREIGN, SAMPLE_FIELDS, SAMPLE_FINDINGS,
	SAMPLE_COUNT };
static const char *const sample_keys[SAMPLE_COUNT] = {
	"line", "foreign", "fields", "findings"
};

static const char *const emoji_names[] = { "none", "optional", "required" };
static const char *const streams_names[] = {
	"both", "stdout", "stderr", "any"
};
static const char *const foreign_names[] = { "allow", "report", "fail" };
static const char *const severity_names[] = { "error", "warning", "off" };

/* name matches [a-z0-9][a-z0-9<extra>]* */
static bool
rules_name_ok(const char *name, const char *extra)
{
	if (!((name[0] >= 'a' && name[0] <= 'z') ||
	    (name[0] >= '0' && name[0] <= '9')))
		return false;
	for (const char *p = name + 1; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr(extra, *p) != NULL))
			return false;
	}
	return true;
}

bool
rules_format_name_ok(const char *name)
{
	return rules_name_ok(name, "._-");
}

/* A finding id that `severities:` may name, or -1. */
static int
rules_builtin_index(const char *id)
{
	int found = findings_lookup(id);

	return found >= 0 && findings_builtin((finding_id)found) ? found : -1;
}

/*
 * Compile a pattern with the options of the rule language; NULL with the
 * message and offset of the error.
 */
static pcre2_code *
rules_compile_text(const char *text, size_t len, char *message, size_t size,
    size_t *offset)
{
	PCRE2_SIZE at;
	pcre2_code *code;
	int code_error;

	/* USE_OFFSET_LIMIT: the judge's bounded retry (judge_retry). */
	code = pcre2_compile((PCRE2_SPTR)text, len,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT,
	    &code_error, &at, NULL);
	if (code == NULL) {
		if (pcre2_get_error_message(code_error, (PCRE2_UCHAR *)message,
		    size) < 0)
			snprintf(message, size, "PCRE2 error %d", code_error);
		*offset = at;
		return NULL;
	}
	/* Without JIT the interpreter does the same work, slower. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

static pcre2_code *
rules_compile(loader *ld, const yamldoc_node *n, const char *what)
{
	char message[256];
	size_t offset;
	pcre2_code *code;

	code = rules_compile_text(n->text, n->len, message, sizeof message,
	    &offset);
	if (code == NULL)
		yamldoc_fail_inside(ld->doc, n, offset, "pattern", "%s: %s",
		    what, message);
	return code;
}

static int
rules_field_compare(const void *a, const void *b)
{
	const rules_field *fa = a, *fb = b;

	return strcmp(fa->name, fb->name);
}

static const rules_field *
rules_field_find(const loader *ld, const char *name)
{
	rules_field key = { .name = (char *)name };

	if (ld->field_count == 0)
		return NULL;
	return bsearch(&key, ld->fields, ld->field_count, sizeof *ld->fields,
	    rules_field_compare);
}

/* Where a named group's name stands in the pattern, for the caret. */
static size_t
rules_group_offset(const yamldoc_node *n, const char *name)
{
	size_t name_len = strlen(name);

	/* (?<name>, (?'name' or (?P<name> */
	for (size_t i = 0; i + name_len + 2 <= n->len; i++) {
		char open = n->text[i];
		char close = open == '<' ? '>' : open == '\'' ? '\'' : '\0';
		if (close == '\0' || n->text[i + name_len + 1] != close ||
		    memcmp(n->text + i + 1, name, name_len) != 0)
			continue;
		if ((i >= 2 && memcmp(n->text + i - 2, "(?", 2) == 0) ||
		    (i >= 3 && memcmp(n->text + i - 3, "(?P", 3) == 0))
			return i + 1;
	}
	return 0;
}

/* The fields of these rules: named groups of `line`, emoji, stream, line. */
static int
rules_fields_load(loader *ld, const yamldoc_node *n)
{
	uint32_t name_count, entry_size;
	PCRE2_SPTR table;
	size_t extra = sizeof extra_fields / sizeof extra_fields[0];

	pcre2_pattern_info(ld->r->line_regex, PCRE2_INFO_NAMECOUNT,
	    &name_count);
	pcre2_pattern_info(ld->r->line_regex, PCRE2_INFO_NAMEENTRYSIZE,
	    &entry_size);
	pcre2_pattern_info(ld->r->line_regex, PCRE2_INFO_NAMETABLE, &table);
	ld->fields = xcalloc((size_t)name_count + extra, sizeof *ld->fields);
	/* The table is sorted by name; a repeated name is a (?J) group. */
	for (uint32_t i = 0; i < name_count; i++) {
		const char *name = (const char *)(table + (size_t)i *
		    entry_size + 2);
		rules_field *last = ld->field_count > 0 ?
		    &ld->fields[ld->field_count - 1] : NULL;
		if (last != NULL && strcmp(last->name, name) == 0) {
			last->ambiguous = true;
			continue;
		}
		for (size_t k = 0; k < extra; k++) {
			if (strcmp(name, extra_fields[k]) != 0)
				continue;
			return yamldoc_fail_inside(ld->doc, n,
			    rules_group_offset(n, name), "pattern", "named "
			    "group '%s' in 'line' clashes with the built-in "
			    "field '%s'", name, extra_fields[k]);
		}
		ld->fields[ld->field_count++].name = xstrdup(name);
	}
	for (size_t k = 0; k < extra; k++)
		ld->fields[ld->field_count++].name = xstrdup(extra_fields[k]);
	qsort(ld->fields, ld->field_count, sizeof *ld->fields,
	    rules_field_compare);
	return 0;
}

static void
rules_fields_free(loader *ld)
{
	for (size_t i = 0; i < ld->field_count; i++)
		free(ld->fields[i].name);
	free(ld->fields);
	ld->fields = NULL;
	ld->field_count = 0;
}

/* A field named in a check or a sample must exist and be one group. */
static int
rules_field_check(loader *ld, const yamldoc_node *key, const char *where)
{
	const rules_field *field = NULL;
	char *quoted, *names;
	const char **list;

	/* A structured record's fields are its keys: any may be checked. */
	if (ld->r->decode != RULES_DECODE_TEXT && key->len > 0 &&
	    strlen(key->text) == key->len)
		return 0;
	if (strlen(key->text) == key->len)
		field = rules_field_find(ld, key->text);
	if (field != NULL && !field->ambiguous)
		return 0;
	quoted = utf8_excerpt(key->text, key->len, 0, RULES_QUOTE_WIDTH, NULL);
	if (field != NULL) {
		yamldoc_fail(ld->doc, key, "field '%s' in %s names more than "
		    "one group of 'line'", quoted, where);
		free(quoted);
		return -1;
	}
	list = xcalloc(ld->field_count, sizeof *list);
	for (size_t i = 0; i < ld->field_count; i++)
		list[i] = ld->fields[i].name;
	names = yamldoc_join(list, ld->field_count);
	yamldoc_fail(ld->doc, key, "unknown field '%s' in %s (fields: %s)",
	    quoted, where, names);
	free(names);
	free(list);
	free(quoted);
	return -1;
}

/* The group number of a field with meaning, 0 when `line` lacks it. */
static int
rules_group(loader *ld, const yamldoc_node *n, const char *name,
    uint32_t *group)
{
	int number = pcre2_substring_number_from_name(ld->r->line_regex,
	    (PCRE2_SPTR)name);

	*group = 0;
	if (number == PCRE2_ERROR_NOUNIQUESUBSTRING) {
		return yamldoc_fail_inside(ld->doc, n, rules_group_offset(n,
		    name), "pattern", "named group '%s' appears more than once "
		    "in 'line'", name);
	}
	if (number > 0)
		*group = (uint32_t)number;
	return 0;
}

static int
rules_load_line(loader *ld, const yamldoc_node *n)
{
	rules *r = ld->r;
	const char *text;

	if (yamldoc_string(ld->doc, n, "'line'", &text) != 0)
		return -1;
	r->line_pattern = xstrdup(text);
	r->line_regex = rules_compile(ld, n, "invalid pattern in 'line'");
	if (r->line_regex == NULL)
		return -1;
	if (rules_group(ld, n, "time", &r->time_group) != 0 ||
	    rules_group(ld, n, "level", &r->level_group) != 0 ||
	    rules_group(ld, n, "message", &r->message_group) != 0)
		return -1;
	return rules_fields_load(ld, n);
}

/*
 * `continuation`: a pattern for the lines that continue a record.  A line
 * that could start a record (see decode/continuation.h) never continues
 * one, so `line` is compiled for partial matching too.
 */
static int
rules_load_continuation(loader *ld, const yamldoc_node *n)
{
	rules *r = ld->r;
	const char *text;

	if (yamldoc_string(ld->doc, n, "'continuation'", &text) != 0)
		return -1;
	r->continuation_pattern = xstrdup(text);
	r->continuation_regex = rules_compile(ld, n,
	    "invalid pattern in 'continuation'");
	if (r->continuation_regex == NULL)
		return -1;
	(void)pcre2_jit_compile(r->line_regex, PCRE2_JIT_PARTIAL_SOFT);
	return 0;
}

static int
rules_load_time(loader *ld, const yamldoc_node *key, const yamldoc_node *n)
{
	rules *r = ld->r;
	const char *text;
	char *cause = NULL;
	size_t offset = 0;
	int status;

	if (yamldoc_string(ld->doc, n, "'time'", &text) != 0)
		return -1;
	if (r->time_group == 0) {
		return yamldoc_fail(ld->doc, key, "'time' needs a named group "
		    "(?<time>...) in 'line'");
	}
	r->time_format = xstrdup(text);
	r->time = timefmt_compile(text, &cause, &offset);
	if (r->time != NULL)
		return 0;
	status = yamldoc_fail_inside(ld->doc, n, offset, "format", "invalid "
	    "time format in 'time': %s", cause != NULL ? cause : "not valid");
	free(cause);
	return status;
}

static int
rules_load_levels(loader *ld, const yamldoc_node *key, const yamldoc_node *n)
{
	rules *r = ld->r;
	const char *text;

	if (yamldoc_want(ld->doc, n, "'levels'", YAMLDOC_LIST) != 0)
		return -1;
	if (n->item_count == 0) {
		return yamldoc_fail(ld->doc, n, "'levels' must not be empty "
		    "(leave it out to allow any level)");
	}
	if (!rules_has_level(r)) {
		return yamldoc_fail(ld->doc, key, r->decode ==
		    RULES_DECODE_TEXT ? "'levels' needs a named group "
		    "(?<level>...) in 'line'" : "'levels' needs 'level-key'");
	}
	r->levels = xcalloc(n->item_count, sizeof *r->levels);
	for (size_t i = 0; i < n->item_count; i++) {
		if (yamldoc_string(ld->doc, n->items[i], "each entry of "
		    "'levels'", &text) != 0)
			return -1;
		r->levels[r->level_count++] = xstrdup(text);
	}
	return 0;
}

static int
rules_load_max_line(loader *ld, const yamldoc_node *n)
{
	unsigned long long value;

	/* The same K, M and G as jit-stack. */
	if (!yamldoc_integer_ok(n, RULES_MAX_LINE_MAX, true, &value) ||
	    value < RULES_MAX_LINE_MIN) {
		return yamldoc_fail(ld->doc, n, "'max-line' must be an integer "
		    "from %d to %d (bytes, or a number and K, M or G)",
		    RULES_MAX_LINE_MIN, RULES_MAX_LINE_MAX);
	}
	ld->r->max_line = (size_t)value;
	return 0;
}

/* `foreign-share: 20%`: a whole percent from 0 to 100, or off. */
static int
rules_load_foreign_share(loader *ld, const yamldoc_node *n)
{
	size_t digits = n->kind == YAMLDOC_SCALAR ?
	    strspn(n->text, "0123456789") : 0;
	int value = 0;

	if (n->kind == YAMLDOC_SCALAR && strcmp(n->text, "off") == 0) {
		ld->r->foreign_share = RULES_FOREIGN_SHARE_OFF;
		ld->r->foreign_share_given = true;
		return 0;
	}
	for (size_t i = 0; i < digits && i < 4; i++)
		value = value * 10 + (n->text[i] - '0');
	if (digits == 0 || digits > 3 || value > 100 ||
	    strcmp(n->text + digits, "%") != 0) {
		return yamldoc_fail(ld->doc, n, "'foreign-share' must be a "
		    "percentage from 0%% to 100%%, or off");
	}
	ld->r->foreign_share = value;
	ld->r->foreign_share_given = true;
	return 0;
}

/* `flush: 100ms`: whole milliseconds or seconds, at least 1 ms. */
static int
rules_load_flush(loader *ld, const yamldoc_node *n)
{
	size_t digits = n->kind == YAMLDOC_SCALAR ?
	    strspn(n->text, "0123456789") : 0;
	const char *unit = digits > 0 ? n->text + digits : "";
	unsigned long long value = 0, scale = 0;

	if (strcmp(unit, "ms") == 0)
		scale = 1;
	else if (strcmp(unit, "s") == 0)
		scale = 1000;
	/* Stop early: the digits may be far too many for any integer type. */
	for (size_t i = 0; scale != 0 && i < digits &&
	    value <= RULES_FLUSH_MAX_MS; i++)
		value = value * 10 + (unsigned long long)(n->text[i] - '0');
	if (scale == 0 || strlen(n->text) != n->len ||
	    value > RULES_FLUSH_MAX_MS / scale || value == 0)
		return yamldoc_fail(ld->doc, n, "'flush' must be a duration "
		    "from 1ms to %ds, in whole ms or s (e.g. 100ms, 2s)",
		    RULES_FLUSH_MAX_MS / 1000);
	ld->r->flush_ns = (int64_t)(value * scale) * 1000000;
	return 0;
}

static int
rules_load_limits(loader *ld, const yamldoc_node *n)
{
	const yamldoc_node *keys[LIMIT_COUNT], *values[LIMIT_COUNT];
	unsigned long long value;
	rules *r = ld->r;

	if (yamldoc_want(ld->doc, n, "'limits'", YAMLDOC_MAP) != 0 ||
	    yamldoc_sort_keys(ld->doc, n, "'limits'", limit_keys, LIMIT_COUNT,
	    keys, values) != 0)
		return -1;
	for (int i = LIMIT_MATCH; i <= LIMIT_DEPTH; i++) {
		if (values[i] == NULL)
			continue;
		if (!yamldoc_integer_ok(values[i], UINT32_MAX, false, &value) ||
		    value == 0) {
			return yamldoc_fail(ld->doc, values[i], "'%s' in "
			    "'limits' must be an integer from 1 to %lu",
			    limit_keys[i], (unsigned long)UINT32_MAX);
		}
		if (i == LIMIT_MATCH) {
			r->match_limit = (uint32_t)value;
			r->match_limit_given = true;
		}
		else
			r->depth_limit = (uint32_t)value;
	}
	if (values[LIMIT_JIT_STACK] != NULL) {
		if (!yamldoc_integer_ok(values[LIMIT_JIT_STACK],
		    RULES_JIT_STACK_MAX, true, &value) || value <
		    RULES_JIT_STACK_MIN) {
			return yamldoc_fail(ld->doc, values[LIMIT_JIT_STACK],
			    "'jit-stack' in 'limits' must be a size from 32K "
			    "to 1G (bytes, or a number and K, M or G)");
		}
		r->jit_stack = (size_t)value;
	}
	return 0;
}

static int
rules_load_severities(loader *ld, const yamldoc_node *n)
{
	rules *r = ld->r;
	const yamldoc_node *first[FINDING_BUILTIN_COUNT] = { NULL };
	size_t count = n->item_count / 2;

	if (yamldoc_want(ld->doc, n, "'severities'", YAMLDOC_MAP) != 0)
		return -1;
	r->severity_ids = xcalloc(count, sizeof *r->severity_ids);
	r->severity_values = xcalloc(count, sizeof *r->severity_values);
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *key = n->items[2 * i], *value = n->items[2
		    * i + 1];
		int id, severity;
		const char *name;
		char *what;

		if (key->kind != YAMLDOC_SCALAR) {
			return yamldoc_fail(ld->doc, key, "a key in "
			    "'severities' must be a string, not %s",
			    yamldoc_kind_name(key));
		}
		id = strlen(key->text) == key->len ?
		    rules_builtin_index(key->text) : -1;
		if (id < 0) {
			char *quoted = utf8_excerpt(key->text, key->len, 0,
			    RULES_QUOTE_WIDTH, NULL);
			char *ids = findings_builtin_list();
			yamldoc_fail(ld->doc, key, "unknown finding id '%s' in "
			    "'severities' (expected one of: %s)", quoted, ids);
			free(ids);
			free(quoted);
			return -1;
		}
		name = findings_name((finding_id)id);
		if (first[id] != NULL) {
			return yamldoc_fail(ld->doc, key, "duplicate key '%s' "
			    "(first at line %lu, column %lu)", name,
			    first[id]->mark.line, first[id]->mark.column);
		}
		first[id] = key;
		if (findings_get((finding_id)id)->fixed) {
			return yamldoc_fail(ld->doc, key, "the severity of '%s' "
			    "cannot be changed", name);
		}
		what = xasprintf("the severity of '%s'", name);
		if (yamldoc_enum(ld->doc, value, what, severity_names, 3,
		    &severity) != 0) {
			free(what);
			return -1;
		}
		free(what);
		r->severity_ids[r->severity_count] = xstrdup(name);
		r->severity_values[r->severity_count++] =
		    (rules_severity)severity;
	}
	return 0;
}

static int
rules_load_condition(loader *ld, rules_condition *c, const yamldoc_node *key,
    const yamldoc_node *value, const char *where)
{
	char *what;
	const char *text;

	c->field = xstrdup(key->text);
	c->mark = key->mark;
	if (value->kind == YAMLDOC_SCALAR && !yamldoc_is_null(value)) {
		what = xasprintf("condition on '%s' in %s", c->field, where);
		if (yamldoc_string(ld->doc, value, what, &text) != 0) {
			free(what);
			return -1;
		}
		free(what);
		c->pattern = xstrdup(text);
		what = xasprintf("invalid pattern for '%s' in %s", c->field,
		    where);
		c->regex = rules_compile(ld, value, what);
		free(what);
		return c->regex != NULL ? 0 : -1;
	}
	if (value->kind != YAMLDOC_LIST) {
		return yamldoc_fail(ld->doc, value, "condition on '%s' in %s "
		    "must be a pattern or a list of strings, not %s", c->field,
		    where, yamldoc_kind_name(value));
	}
	if (value->item_count == 0) {
		return yamldoc_fail(ld->doc, value, "condition on '%s' in %s "
		    "must not be an empty list", c->field, where);
	}
	c->set = xcalloc(value->item_count, sizeof *c->set);
	what = xasprintf("each entry of the condition on '%s' in %s",
	    c->field, where);
	for (size_t i = 0; i < value->item_count; i++) {
		if (yamldoc_string(ld->doc, value->items[i], what, &text) != 0)
		    {
			free(what);
			return -1;
		}
		c->set[c->set_count++] = xstrdup(text);
	}
	free(what);
	return 0;
}

/* `when` or `expect`: a non-empty mapping of field -> condition. */
static int
rules_load_conditions(loader *ld, const yamldoc_node *n, const char *where,
    rules_condition **out, size_t *out_count)
{
	size_t count = n->item_count / 2;
	rules_condition *conditions;

	if (yamldoc_want(ld->doc, n, where, YAMLDOC_MAP) != 0)
		return -1;
	if (count == 0)
		return yamldoc_fail(ld->doc, n, "%s must not be empty", where);
	conditions = *out = xcalloc(count, sizeof *conditions);
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *key = n->items[2 * i];

		if (key->kind != YAMLDOC_SCALAR) {
			return yamldoc_fail(ld->doc, key, "a key in %s must be "
			    "a string, not %s", where, yamldoc_kind_name(key));
		}
		if (rules_field_check(ld, key, where) != 0)
			return -1;
		for (size_t k = 0; k < i; k++) {
			if (strcmp(conditions[k].field, key->text) != 0)
				continue;
			return yamldoc_fail(ld->doc, key, "duplicate key '%s' "
			    "(first at line %lu, column %lu)", key->text,
			    conditions[k].mark.line, conditions[k].mark.column);
		}
		*out_count = i + 1;
		if (rules_load_condition(ld, &conditions[i], key,
		    n->items[2 * i + 1], where) != 0)
			return -1;
	}
	return 0;
}

static int
rules_check_id_compare(const void *a, const void *b)
{
	const rules_check *const *ca = a, *const *cb = b;

	return strcmp((*ca)->id, (*cb)->id);
}

/* By id, then in file order (checks sit in one array). */
static int
rules_check_order_compare(const void *a, const void *b)
{
	const rules_check *const *ca = a, *const *cb = b;
	int by_id = strcmp((*ca)->id, (*cb)->id);

	if (by_id != 0)
		return by_id;
	return *ca < *cb ? -1 : *ca > *cb;
}

/* Whether id is one of the checks (sorted by id). */
static bool
rules_check_known(rules_check **sorted, size_t count, const char *id)
{
	rules_check key = { .id = (char *)id }, *keyp = &key;

	return count > 0 && bsearch(&keyp, sorted, count, sizeof *sorted,
	    rules_check_id_compare) != NULL;
}

static int
rules_load_check(loader *ld, rules_check *check, const yamldoc_node *n)
{
	const yamldoc_node *keys[CHECK_COUNT], *values[CHECK_COUNT];
	const char *text;
	int severity;

	check->mark = n->mark;
	check->severity = SEVERITY_ERROR;
	if (yamldoc_want(ld->doc, n, "each entry of 'checks'", YAMLDOC_MAP) !=
	    0 || yamldoc_sort_keys(ld->doc, n, "check", check_keys,
	    CHECK_COUNT, keys, values) != 0)
		return -1;
	for (size_t k = 0; k < CHECK_COUNT; k++) {
		if (k != CHECK_SEVERITY && yamldoc_required(ld->doc, n, "check",
		    check_keys, values, k) != 0)
			return -1;
	}
	if (yamldoc_string(ld->doc, values[CHECK_ID], "'id'", &text) != 0)
		return -1;
	if (!rules_name_ok(text, "-")) {
		char *quoted = utf8_excerpt(text, strlen(text), 0,
		    RULES_QUOTE_WIDTH, NULL);
		yamldoc_fail(ld->doc, values[CHECK_ID], "check id '%s' must "
		    "match [a-z0-9][a-z0-9-]*", quoted);
		free(quoted);
		return -1;
	}
	if (rules_builtin_index(text) >= 0) {
		return yamldoc_fail(ld->doc, values[CHECK_ID], "check id '%s' "
		    "is a built-in finding id", text);
	}
	if (baseline_finding_id(text))
		return yamldoc_fail(ld->doc, values[CHECK_ID], "check id '%s' "
		    "is a drift finding id", text);
	check->id = xstrdup(text);
	if (values[CHECK_SEVERITY] != NULL) {
		if (yamldoc_enum(ld->doc, values[CHECK_SEVERITY], "'severity'",
		    severity_names, 2, &severity) != 0)
			return -1;
		check->severity = (rules_severity)severity;
	}
	if (rules_load_conditions(ld, values[CHECK_WHEN], "'when'",
	    &check->when, &check->when_count) != 0 ||
	    rules_load_conditions(ld, values[CHECK_EXPECT], "'expect'",
	    &check->expect, &check->expect_count) != 0)
		return -1;
	if (yamldoc_string(ld->doc, values[CHECK_MESSAGE], "'message'", &text)
	    != 0)
		return -1;
	if (*text == '\0')
		return yamldoc_fail(ld->doc, values[CHECK_MESSAGE], "'message' "
		    "must not be empty");
	check->message = xstrdup(text);
	return 0;
}

/*
 * Load every check; *sorted gets them ordered by id, for duplicate ids here
 * and for the finding ids of samples later.
 */
static int
rules_load_checks(loader *ld, const yamldoc_node *n, rules_check ***sorted)
{
	rules *r = ld->r;
	rules_check **by_id;

	*sorted = NULL;
	if (yamldoc_want(ld->doc, n, "'checks'", YAMLDOC_LIST) != 0)
		return -1;
	r->checks = xcalloc(n->item_count, sizeof *r->checks);
	for (size_t i = 0; i < n->item_count; i++) {
		r->check_count = i + 1;
		if (rules_load_check(ld, &r->checks[i], n->items[i]) != 0)
			return -1;
	}
	by_id = *sorted = xcalloc(r->check_count, sizeof *by_id);
	for (size_t i = 0; i < r->check_count; i++)
		by_id[i] = &r->checks[i];
	qsort(by_id, r->check_count, sizeof *by_id, rules_check_order_compare);
	/*
	 * In a run of equal ids the first is the original, the second its
	 * first repeat; report the repeat that comes first in the file.
	 */
	const rules_check *original = NULL, *repeat = NULL;
	for (size_t i = 1; i < r->check_count; i++) {
		if (strcmp(by_id[i - 1]->id, by_id[i]->id) != 0 ||
		    (i >= 2 && strcmp(by_id[i - 2]->id, by_id[i]->id) == 0))
			continue;
		if (repeat == NULL || by_id[i] < repeat) {
			original = by_id[i - 1];
			repeat = by_id[i];
		}
	}
	if (repeat == NULL)
		return 0;
	return yamldoc_fail_at(ld->doc, repeat->mark.line, repeat->mark.column,
	    "duplicate check id '%s' (first at line %lu, column %lu)",
	    repeat->id, original->mark.line, original->mark.column);
}

static int
rules_load_sample_fields(loader *ld, rules_sample *s, const yamldoc_node *n)
{
	size_t count = n->item_count / 2;
	const char *text;
	char *what;

	if (yamldoc_want(ld->doc, n, "'fields'", YAMLDOC_MAP) != 0)
		return -1;
	s->field_names = xcalloc(count, sizeof *s->field_names);
	s->field_values = xcalloc(count, sizeof *s->field_values);
	for (size_t i = 0; i < count; i++) {
		const yamldoc_node *key = n->items[2 * i], *value = n->items[2
		    * i + 1];

		if (key->kind != YAMLDOC_SCALAR) {
			return yamldoc_fail(ld->doc, key, "a key in 'fields' "
			    "must be a string, not %s", yamldoc_kind_name(key));
		}
		if (rules_field_check(ld, key, "'fields'") != 0)
			return -1;
		/* Samples are judged as lines of no particular stream. */
		if (strcmp(key->text, "stream") == 0) {
			return yamldoc_fail(ld->doc, key, "a sample has no "
			    "stream: 'stream' cannot be one of its 'fields'");
		}
		for (size_t k = 0; k < i; k++) {
			if (strcmp(s->field_names[k], key->text) != 0)
				continue;
			const yamldoc_node *first = n->items[2 * k];
			return yamldoc_fail(ld->doc, key, "duplicate key '%s' "
			    "(first at line %lu, column %lu)", key->text,
			    first->mark.line, first->mark.column);
		}
		what = xasprintf("the value of field '%s'", key->text);
		if (yamldoc_string(ld->doc, value, what, &text) != 0) {
			free(what);
			return -1;
		}
		free(what);
		s->field_names[i] = xstrdup(key->text);
		s->field_values[i] = xstrdup(text);
		s->field_count = i + 1;
	}
	return 0;
}

static int
rules_load_sample(loader *ld, rules_sample *s, const yamldoc_node *n,
    rules_check **checks_by_id)
{
	const yamldoc_node *keys[SAMPLE_COUNT], *values[SAMPLE_COUNT];
	const yamldoc_node *foreign, *findings;
	const char *text;

	s->mark = n->mark;
	if (yamldoc_want(ld->doc, n, "each entry of 'samples'", YAMLDOC_MAP) !=
	    0 || yamldoc_sort_keys(ld->doc, n, "sample", sample_keys,
	    SAMPLE_COUNT, keys, values) != 0 ||
	    yamldoc_required(ld->doc, n, "sample", sample_keys, values,
	    SAMPLE_LINE) != 0)
		return -1;
	if (yamldoc_string(ld->doc, values[SAMPLE_LINE], "'line' of a sample",
	    &text) != 0)
		return -1;
	s->line = xstrdup(text);
	foreign = values[SAMPLE_FOREIGN];
	if (foreign != NULL) {
		static const char *const truths[] = {
			"false", "False", "FALSE", "true", "True", "TRUE"
		};
		int truth = foreign->plain ?
		    yamldoc_enum_index(truths, 6, foreign) : -1;
		if (truth < 0) {
			return yamldoc_fail(ld->doc, foreign, "'foreign' must "
			    "be true or false");
		}
		s->foreign = truth >= 3;
	}
	if (values[SAMPLE_FIELDS] != NULL) {
		if (s->foreign) {
			return yamldoc_fail(ld->doc, keys[SAMPLE_FIELDS], "a "
			    "foreign sample cannot have 'fields'");
		}
		if (rules_load_sample_fields(ld, s, values[SAMPLE_FIELDS]) != 0)
			return -1;
	}
	findings = values[SAMPLE_FINDINGS];
	if (findings == NULL)
		return 0;
	if (yamldoc_want(ld->doc, findings, "'findings'", YAMLDOC_LIST) != 0)
		return -1;
	s->findings = xcalloc(findings->item_count, sizeof *s->findings);
	for (size_t i = 0; i < findings->item_count; i++) {
		const yamldoc_node *entry = findings->items[i];
		if (yamldoc_string(ld->doc, entry, "each entry of 'findings'",
		    &text) != 0)
			return -1;
		if (rules_builtin_index(text) < 0 && !rules_check_known(
		    checks_by_id, ld->r->check_count, text)) {
			char *quoted = utf8_excerpt(text, strlen(text), 0,
			    RULES_QUOTE_WIDTH, NULL);
			yamldoc_fail(ld->doc, entry, "unknown finding id '%s' "
			    "in 'findings' (neither built-in nor a check's id)",
			    quoted);
			free(quoted);
			return -1;
		}
		s->findings[s->finding_count++] = xstrdup(text);
	}
	return 0;
}

static int
rules_load_samples(loader *ld, const yamldoc_node *n,
    rules_check **checks_by_id)
{
	rules *r = ld->r;

	if (yamldoc_want(ld->doc, n, "'samples'", YAMLDOC_LIST) != 0)
		return -1;
	r->samples = xcalloc(n->item_count, sizeof *r->samples);
	for (size_t i = 0; i < n->item_count; i++) {
		r->sample_count = i + 1;
		if (rules_load_sample(ld, &r->samples[i], n->items[i],
		    checks_by_id) != 0)
			return -1;
	}
	return 0;
}

/* Rules with the default of every key. */
static rules *
rules_empty(const char *path)
{
	rules *r = xcalloc(1, sizeof *r);

	r->path = xstrdup(path);
	r->streams = STREAMS_ANY;
	r->foreign = FOREIGN_REPORT;
	r->foreign_share = RULES_FOREIGN_SHARE_DEFAULT;
	r->max_line = RULES_MAX_LINE_DEFAULT;
	r->flush_ns = (int64_t)RULES_FLUSH_DEFAULT_MS * 1000000;
	r->match_limit = RULES_MATCH_LIMIT_DEFAULT;
	r->depth_limit = RULES_DEPTH_LIMIT_DEFAULT;
	r->jit_stack = RULES_JIT_STACK_DEFAULT;
	return r;
}

/* `decode` and, for json and logfmt, the keys of rules_keys.c. */
static int
rules_load_structured(loader *ld, const yamldoc_node **keys,
    const yamldoc_node **values)
{
	rules_keys_nodes nodes = {
		.decode = values[KEY_DECODE], .line_key = keys[KEY_LINE],
		.time = values[KEY_TIME], .level_key = values[KEY_LEVEL_KEY],
		.message_key = values[KEY_MESSAGE_KEY],
		.keys = values[KEY_KEYS], .key_order = values[KEY_KEY_ORDER],
	};

	rules_keys_loaded loaded = { 0 };
	int status = rules_keys_load(ld->doc, &nodes, &loaded);

	ld->r->decode = loaded.decode;
	ld->r->keys = loaded.keys;
	if (loaded.time_format != NULL) {
		ld->r->time_format = loaded.time_format;
		ld->r->time = loaded.time;
	}
	return status;
}

/* Walk the document with the schema of the rule language. */
static int
rules_load_root(loader *ld, const yamldoc_node *root)
{
	rules *r = ld->r;
	const yamldoc_node *keys[KEY_COUNT], *values[KEY_COUNT];
	const char *text;
	rules_check **checks_by_id = NULL;
	int choice, status = -1;

	if (root->kind != YAMLDOC_MAP) {
		return yamldoc_fail(ld->doc, root, "a rule file must be a "
		    "mapping of keys, not %s", yamldoc_kind_name(root));
	}
	if (yamldoc_sort_keys(ld->doc, root, "rule file", root_keys, KEY_COUNT,
	    keys, values) != 0 ||
	    yamldoc_required(ld->doc, root, "rule file", root_keys, values,
	    KEY_FORMAT) != 0 ||
	    rules_load_structured(ld, keys, values) != 0)
		return -1;
	if (r->decode == RULES_DECODE_TEXT && yamldoc_required(ld->doc, root,
	    "rule file", root_keys, values, KEY_LINE) != 0)
		return -1;

	if (yamldoc_string(ld->doc, values[KEY_FORMAT], "'format'", &text) != 0)
		return -1;
	if (!rules_name_ok(text, "._-")) {
		return yamldoc_fail(ld->doc, values[KEY_FORMAT], "'format' "
		    "must match [a-z0-9][a-z0-9._-]*");
	}
	r->format = xstrdup(text);
	if (values[KEY_DESCRIPTION] != NULL) {
		if (yamldoc_string(ld->doc, values[KEY_DESCRIPTION],
		    "'description'", &text) != 0)
			return -1;
		r->description = xstrdup(text);
	}
	if (keys[KEY_LINE] != NULL)
		r->line_mark = keys[KEY_LINE]->mark;
	if (keys[KEY_TIME] != NULL)
		r->time_mark = keys[KEY_TIME]->mark;
	if (keys[KEY_MAX_LINE] != NULL)
		r->max_line_mark = keys[KEY_MAX_LINE]->mark;
	if (keys[KEY_SEVERITIES] != NULL)
		r->severities_mark = keys[KEY_SEVERITIES]->mark;
	if (keys[KEY_CHECKS] != NULL)
		r->checks_mark = keys[KEY_CHECKS]->mark;
	if (keys[KEY_BASELINE] != NULL)
		r->baseline_mark = keys[KEY_BASELINE]->mark;
	if (r->decode == RULES_DECODE_TEXT &&
	    rules_load_line(ld, values[KEY_LINE]) != 0)
		return -1;
	if (values[KEY_CONTINUATION] != NULL &&
	    rules_load_continuation(ld, values[KEY_CONTINUATION]) != 0)
		return -1;
	if (r->decode == RULES_DECODE_TEXT && values[KEY_TIME] != NULL &&
	    rules_load_time(ld, keys[KEY_TIME], values[KEY_TIME]) != 0)
		return -1;
	if (values[KEY_LEVELS] != NULL && rules_load_levels(ld,
	    keys[KEY_LEVELS], values[KEY_LEVELS]) != 0)
		return -1;

	r->emoji = rules_has_message(r) ? EMOJI_OPTIONAL : EMOJI_NONE;
	if (values[KEY_EMOJI] != NULL) {
		if (yamldoc_enum(ld->doc, values[KEY_EMOJI], "'emoji'",
		    emoji_names, 3, &choice) != 0)
			return -1;
		r->emoji = (rules_emoji)choice;
		if (r->emoji != EMOJI_NONE && !rules_has_message(r)) {
			return yamldoc_fail(ld->doc, keys[KEY_EMOJI], "'emoji' "
			    "needs a named group (?<message>...) in 'line'");
		}
	}
	if (values[KEY_STREAMS] != NULL) {
		if (yamldoc_enum(ld->doc, values[KEY_STREAMS], "'streams'",
		    streams_names, 4, &choice) != 0)
			return -1;
		r->streams = (rules_streams)choice;
	}
	if (values[KEY_FOREIGN] != NULL) {
		if (yamldoc_enum(ld->doc, values[KEY_FOREIGN], "'foreign'",
		    foreign_names, 3, &choice) != 0)
			return -1;
		r->foreign = (rules_foreign)choice;
	}
	if (values[KEY_FOREIGN_SHARE] != NULL &&
	    rules_load_foreign_share(ld, values[KEY_FOREIGN_SHARE]) != 0)
		return -1;
	if (values[KEY_MAX_LINE] != NULL &&
	    rules_load_max_line(ld, values[KEY_MAX_LINE]) != 0)
		return -1;
	r->flush_given = values[KEY_FLUSH] != NULL;
	if (values[KEY_FLUSH] != NULL &&
	    rules_load_flush(ld, values[KEY_FLUSH]) != 0)
		return -1;
	if (values[KEY_SEVERITIES] != NULL &&
	    rules_load_severities(ld, values[KEY_SEVERITIES]) != 0)
		return -1;
	if (values[KEY_LIMITS] != NULL &&
	    rules_load_limits(ld, values[KEY_LIMITS]) != 0)
		return -1;
	if (values[KEY_CHECKS] != NULL &&
	    rules_load_checks(ld, values[KEY_CHECKS], &checks_by_id) != 0)
		goto out;
	if (values[KEY_SAMPLES] != NULL &&
	    rules_load_samples(ld, values[KEY_SAMPLES], checks_by_id) != 0)
		goto out;
	if (values[KEY_DRIFT] != NULL || values[KEY_BASELINE] != NULL) {
		baseline_schema schema = {
			.fields = { .level = rules_has_level(r),
			    .message = rules_has_message(r) },
			.levels = r->levels, .level_count = r->level_count,
		};
		if (baseline_load(ld->doc, &schema, keys[KEY_DRIFT],
		    values[KEY_DRIFT], values[KEY_BASELINE], &r->baseline) != 0)
			goto out;
	}
	status = 0;
out:
	free(checks_by_id);
	return status;
}

/* Walk a document read, then let it go. */
static rules *
rules_load_doc(yamldoc *doc)
{
	loader ld = { .doc = doc };
	int status = -1;

	ld.r = rules_empty(doc->path);
	if (doc->root == NULL || yamldoc_is_null(doc->root))
		yamldoc_fail_at(doc, 1, 1, "empty rule file");
	else
		status = rules_load_root(&ld, doc->root);
	rules_fields_free(&ld);
	yamldoc_clear(doc);
	if (status != 0) {
		rules_free(ld.r);
		return NULL;
	}
	return ld.r;
}

rules *
rules_load(const char *path, lc_error *err)
{
	yamldoc doc;

	if (yamldoc_load(&doc, path, "rule file", err) != 0) {
		yamldoc_clear(&doc);
		return NULL;
	}
	return rules_load_doc(&doc);
}

rules *
rules_load_text(const char *name, const char *text, size_t len,
    lc_error *err)
{
	yamldoc doc;

	if (yamldoc_load_text(&doc, name, "rule file", text, len, err) != 0) {
		yamldoc_clear(&doc);
		return NULL;
	}
	return rules_load_doc(&doc);
}

/* A group of the line pattern by name: 0 absent, -1 not unique. */
static int
rules_group_number(const rules *r, const char *name, uint32_t *group)
{
	int number = pcre2_substring_number_from_name(r->line_regex,
	    (PCRE2_SPTR)name);

	*group = number > 0 ? (uint32_t)number : 0;
	return number == PCRE2_ERROR_NOUNIQUESUBSTRING ? -1 : 0;
}

rules *
rules_new(const char *name, const char *line_pattern,
    const char *time_format, char **cause)
{
	rules *r = rules_empty(name);
	char message[256], *why = NULL;
	size_t offset = 0;

	r->format = xstrdup(name);
	r->line_pattern = xstrdup(line_pattern);
	r->line_regex = rules_compile_text(line_pattern, strlen(line_pattern),
	    message, sizeof message, &offset);
	if (r->line_regex == NULL) {
		*cause = xasprintf("invalid pattern in 'line': %s (at pattern "
		    "offset %zu)", message, offset);
		goto fail;
	}
	if (rules_group_number(r, "time", &r->time_group) != 0 ||
	    rules_group_number(r, "level", &r->level_group) != 0 ||
	    rules_group_number(r, "message", &r->message_group) != 0) {
		*cause = xstrdup("a named group appears more than once in "
		    "'line'");
		goto fail;
	}
	r->emoji = rules_has_message(r) ? EMOJI_OPTIONAL : EMOJI_NONE;
	if (time_format != NULL) {
		if (r->time_group == 0) {
			*cause = xstrdup("'time' needs a named group "
			    "(?<time>...) in 'line'");
			goto fail;
		}
		r->time_format = xstrdup(time_format);
		r->time = timefmt_compile(time_format, &why, &offset);
		if (r->time == NULL) {
			*cause = xasprintf("invalid time format in 'time': %s",
			    why != NULL ? why : "not valid");
			free(why);
			goto fail;
		}
	}
	return r;
fail:
	rules_free(r);
	return NULL;
}

int
rules_set_continuation(rules *r, const char *pattern, char **cause)
{
	char message[256];
	size_t offset = 0;
	pcre2_code *code;

	code = rules_compile_text(pattern, strlen(pattern), message,
	    sizeof message, &offset);
	if (code == NULL) {
		*cause = xasprintf("invalid pattern in 'continuation': %s (at "
		    "pattern offset %zu)", message, offset);
		return -1;
	}
	free(r->continuation_pattern);
	pcre2_code_free(r->continuation_regex);
	r->continuation_pattern = xstrdup(pattern);
	r->continuation_regex = code;
	/* As rules_load_continuation: a line that could start a record. */
	(void)pcre2_jit_compile(r->line_regex, PCRE2_JIT_PARTIAL_SOFT);
	return 0;
}

static void
rules_conditions_free(rules_condition *conditions, size_t count)
{
	if (conditions == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		rules_condition *c = &conditions[i];
		free(c->field);
		pcre2_code_free(c->regex);
		free(c->pattern);
		for (size_t k = 0; k < c->set_count; k++)
			free(c->set[k]);
		free(c->set);
	}
	free(conditions);
}

static void
rules_strings_free(char **strings, size_t count)
{
	if (strings == NULL)
		return;
	for (size_t i = 0; i < count; i++)
		free(strings[i]);
	free(strings);
}

void
rules_free(rules *r)
{
	if (r == NULL)
		return;
	free(r->path);
	free(r->format);
	free(r->description);
	free(r->line_pattern);
	pcre2_code_free(r->line_regex);
	free(r->continuation_pattern);
	pcre2_code_free(r->continuation_regex);
	rules_keys_free(r->keys);
	free(r->time_format);
	timefmt_free(r->time);
	rules_strings_free(r->levels, r->level_count);
	for (size_t i = 0; i < r->check_count; i++) {
		rules_check *check = &r->checks[i];
		free(check->id);
		rules_conditions_free(check->when, check->when_count);
		rules_conditions_free(check->expect, check->expect_count);
		free(check->message);
	}
	free(r->checks);
	for (size_t i = 0; i < r->sample_count; i++) {
		rules_sample *s = &r->samples[i];
		free(s->line);
		rules_strings_free(s->field_names, s->field_count);
		rules_strings_free(s->field_values, s->field_count);
		rules_strings_free(s->findings, s->finding_count);
	}
	free(r->samples);
	rules_strings_free(r->severity_ids, r->severity_count);
	free(r->severity_values);
	baseline_free(r->baseline);
	free(r);
}

void
rules_drop_baseline(rules *r)
{
	baseline_free(r->baseline);
	r->baseline = NULL;
}

bool
rules_has_level(const rules *r)
{
	return r->level_group != 0 || (r->keys != NULL &&
	    r->keys->level_key >= 0);
}

bool
rules_has_message(const rules *r)
{
	return r->message_group != 0 || (r->keys != NULL &&
	    r->keys->message_key >= 0);
}

rules_severity
rules_severity_of(const rules *r, const char *id, rules_severity fallback)
{
	for (size_t i = 0; i < r->severity_count; i++) {
		if (strcmp(r->severity_ids[i], id) == 0)
			return r->severity_values[i];
	}
	return fallback;
}

int
rules_foreign_share(const rules *r)
{
	if (r->foreign_share_given)
		return r->foreign_share;
	if (r->foreign == FOREIGN_ALLOW)
		return RULES_FOREIGN_SHARE_OFF;
	/* A profile: its baseline's own share, with room to drift. */
	const baseline *b = r->baseline;
	if (b != NULL && b->lines > 0 && b->log_lines <= b->lines) {
		uint64_t foreign = b->lines - b->log_lines;
		uint64_t share = (foreign * 100 + b->lines - 1) / b->lines;
		return share + RULES_FOREIGN_SHARE_DRIFT >= 100 ? 100 :
		    (int)share + RULES_FOREIGN_SHARE_DRIFT;
	}
	return r->foreign_share;
}

bool
rules_foreign_share_from_baseline(const rules *r)
{
	return !r->foreign_share_given && r->foreign != FOREIGN_ALLOW &&
	    r->baseline != NULL && r->baseline->lines > 0 &&
	    r->baseline->log_lines <= r->baseline->lines;
}

int
rules_level_index(const rules *r, const char *level, size_t len)
{
	if (r->level_count == 0)
		return 0;
	for (size_t i = 0; i < r->level_count; i++) {
		if (strlen(r->levels[i]) == len &&
		    memcmp(r->levels[i], level, len) == 0)
			return (int)i;
	}
	return -1;
}
