/*
 * rules: load a rule file; see rules.h.  The YAML is read with libyaml's
 * event API into a small tree of scalars, lists and mappings that keep their
 * positions, then the tree is walked with the schema of the rule language.
 * The tree is private to this file and freed before rules_load returns.
 */
#include "decode/rules.h"
#include "decode/rules_node.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "decode/findings.h"
#include "learn/baseline.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Far deeper than the language needs; node_free recurses this deep. */
#define RULES_MAX_DEPTH		64
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

typedef enum { NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING } node_kind;

typedef struct rules_node {
	node_kind kind;
	rules_mark mark;	/* where the node starts, 1-based */
	char *text;		/* scalars: the value, NUL-terminated */
	size_t len;		/* scalars: its length, which may hold NULs */
	yaml_scalar_style_t style;
	/* A single-line scalar without escapes: its source is its value. */
	bool verbatim;
	/* Tagged other than !!int (say !!str 76): never a number. */
	bool not_number;
	struct rules_node **items;	/* lists: entries; mappings: key, value, ... */
	size_t item_count, item_cap;
} node;

typedef struct {
	char *name;
	bool ambiguous;		/* a name that several groups carry */
} rules_field;

typedef struct rules_loader {
	const char *path;
	lc_error *err;
	const char *source;	/* the file's bytes, for reader errors */
	size_t source_len;
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
	KEY_LIMITS, KEY_COUNT
};
static const char *const root_keys[KEY_COUNT] = {
	"format", "description", "line", "time", "levels", "emoji",
	"streams", "foreign", "max-line", "severities", "checks", "samples",
	"flush", "drift", "baseline", "limits"
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

static void
node_free(node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->item_count; i++)
		node_free(n->items[i]);
	free(n->items);
	free(n->text);
	free(n);
}

static node *
node_new(node_kind kind, yaml_mark_t start)
{
	node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->mark.line = start.line + 1;
	n->mark.column = start.column + 1;
	return n;
}

static void
node_append(node *parent, node *child)
{
	if (parent->item_count == parent->item_cap) {
		parent->item_cap = parent->item_cap ? parent->item_cap * 2 : 4;
		parent->items = xreallocarray(parent->items, parent->item_cap,
		    sizeof *parent->items);
	}
	parent->items[parent->item_count++] = child;
}

/* Plain empty, ~ and null are YAML's null; quoted, they are text. */
static bool
node_is_null(const node *n)
{
	if (n->kind != NODE_SCALAR || n->style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 ||
	    strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
	    strcmp(n->text, "NULL") == 0;
}

static const char *
node_kind_name(const node *n)
{
	if (node_is_null(n))
		return "null";
	switch (n->kind) {
	case NODE_SCALAR:
		return "a string";
	case NODE_SEQUENCE:
		return "a list";
	case NODE_MAPPING:
		break;
	}
	return "a mapping";
}

/*
 * Column of byte offset in a scalar's value.  Exact only when the source
 * text is the value; otherwise the scalar's own start.
 */
static unsigned long
node_column_at(const node *n, size_t offset)
{
	unsigned long quote;

	if (!n->verbatim)
		return n->mark.column;
	quote = n->style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1;
	return n->mark.column + quote + utf8_column(n->text, n->len, offset) -
	    1;
}

static int
rules_fail_at(loader *ld, unsigned long line, unsigned long column,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
rules_fail_at(loader *ld, unsigned long line, unsigned long column,
    const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (ld->err == NULL)
		return -1;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	lc_error_set(ld->err, ld->path, line, column, "%s", text);
	free(text);
	return -1;
}

#define rules_fail(ld, n, ...) \
	rules_fail_at((ld), (n)->mark.line, (n)->mark.column, __VA_ARGS__)

/*
 * A pattern or format error: point inside the scalar, say at which offset
 * of the pattern or format (unit), and show it with a caret.
 */
static int
rules_fail_inside(loader *ld, const node *n, size_t offset, const char *unit,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
rules_fail_inside(loader *ld, const node *n, size_t offset, const char *unit,
    const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (ld->err == NULL)
		return -1;
	if (offset > n->len)
		offset = n->len;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	rules_fail_at(ld, n->mark.line, node_column_at(n, offset),
	    "%s (at %s offset %zu)", text, unit, offset);
	free(text);
	lc_error_set_excerpt(ld->err, n->text, n->len, offset);
	return -1;
}

/* "a, b, c" from count names (caller frees). */
static char *
rules_join(const char *const *names, size_t count)
{
	size_t size = 1;
	char *list, *end;

	for (size_t i = 0; i < count; i++)
		size += strlen(names[i]) + 2;
	list = end = xmalloc(size);
	*end = '\0';
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(names[i]);
		if (i > 0) {
			memcpy(end, ", ", 2);
			end += 2;
		}
		memcpy(end, names[i], len);
		end += len;
		*end = '\0';
	}
	return list;
}

static int
rules_enum_index(const char *const *names, size_t count, const node *n)
{
	if (n->kind != NODE_SCALAR)
		return -1;
	for (size_t i = 0; i < count; i++) {
		if (strlen(names[i]) == n->len &&
		    strcmp(names[i], n->text) == 0)
			return (int)i;
	}
	return -1;
}

/* *out gets the value of an enum key, or the call fails with the choices. */
static int
rules_enum(loader *ld, const node *n, const char *what,
    const char *const *names, size_t count, int *out)
{
	char *choices;

	*out = rules_enum_index(names, count, n);
	if (*out >= 0)
		return 0;
	choices = rules_join(names, count);
	rules_fail(ld, n, "%s must be one of %s", what, choices);
	free(choices);
	return -1;
}

/* The text of a scalar that must be a string. */
static int
rules_string(loader *ld, const node *n, const char *what, const char **out)
{
	if (n->kind != NODE_SCALAR || node_is_null(n)) {
		if (n->kind == NODE_SCALAR && n->len == 0)
			return rules_fail(ld, n, "%s has no value", what);
		return rules_fail(ld, n, "%s must be a string, not %s", what,
		    node_kind_name(n));
	}
	if (memchr(n->text, '\0', n->len) != NULL)
		return rules_fail(ld, n, "%s must not contain a NUL character",
		    what);
	*out = n->text;
	return 0;
}

static int
rules_kind(loader *ld, const node *n, const char *what, node_kind kind)
{
	static const char *const wanted[] = { "a string", "a list",
	    "a mapping" };

	if (n->kind == kind && !node_is_null(n))
		return 0;
	if (node_is_null(n) && n->len == 0)
		return rules_fail(ld, n, "%s has no value (expected %s)", what,
		    wanted[kind]);
	return rules_fail(ld, n, "%s must be %s, not %s", what, wanted[kind],
	    node_kind_name(n));
}

/*
 * Sort the keys of a mapping against the names it may hold: unknown and
 * duplicate keys fail.  keys[i] and values[i] get the node of names[i], or
 * NULL when absent.
 */
static int
rules_mapping(loader *ld, const node *map, const char *where,
    const char *const *names, size_t count, const node **keys,
    const node **values)
{
	for (size_t i = 0; i < count; i++)
		keys[i] = values[i] = NULL;
	for (size_t i = 0; i + 1 < map->item_count; i += 2) {
		const node *key = map->items[i];
		int which;

		if (key->kind != NODE_SCALAR) {
			return rules_fail(ld, key, "a key in %s must be a "
			    "string, not %s", where, node_kind_name(key));
		}
		which = rules_enum_index(names, count, key);
		if (which < 0) {
			char *choices = rules_join(names, count);
			char *quoted = utf8_excerpt(key->text, key->len, 0,
			    RULES_QUOTE_WIDTH, NULL);
			rules_fail(ld, key, "unknown key '%s' in %s (expected "
			    "one of: %s)", quoted, where, choices);
			free(quoted);
			free(choices);
			return -1;
		}
		if (keys[which] != NULL) {
			return rules_fail(ld, key, "duplicate key '%s' (first "
			    "at line %lu, column %lu)", names[which],
			    keys[which]->mark.line, keys[which]->mark.column);
		}
		keys[which] = key;
		values[which] = map->items[i + 1];
	}
	return 0;
}

static int
rules_required(loader *ld, const node *map, const char *where,
    const char *const *names, const node **values, size_t which)
{
	if (values[which] != NULL)
		return 0;
	return rules_fail(ld, map, "missing required key '%s' in %s",
	    names[which], where);
}

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

/* Compile a pattern with the options of the rule language. */
static pcre2_code *
rules_compile(loader *ld, const node *n, const char *what)
{
	PCRE2_UCHAR message[256];
	PCRE2_SIZE offset;
	pcre2_code *code;
	int code_error;

	/* USE_OFFSET_LIMIT: the judge's bounded retry (judge_retry). */
	code = pcre2_compile((PCRE2_SPTR)n->text, n->len,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT,
	    &code_error, &offset, NULL);
	if (code == NULL) {
		if (pcre2_get_error_message(code_error, message,
		    sizeof message) < 0)
			snprintf((char *)message, sizeof message,
			    "PCRE2 error %d", code_error);
		rules_fail_inside(ld, n, offset, "pattern", "%s: %s", what,
		    (const char *)message);
		return NULL;
	}
	/* Without JIT the interpreter does the same work, slower. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
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
rules_group_offset(const node *n, const char *name)
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
rules_fields_load(loader *ld, const node *n)
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
			return rules_fail_inside(ld, n,
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
rules_field_check(loader *ld, const node *key, const char *where)
{
	const rules_field *field = NULL;
	char *quoted, *names;
	const char **list;

	if (strlen(key->text) == key->len)
		field = rules_field_find(ld, key->text);
	if (field != NULL && !field->ambiguous)
		return 0;
	quoted = utf8_excerpt(key->text, key->len, 0, RULES_QUOTE_WIDTH, NULL);
	if (field != NULL) {
		rules_fail(ld, key, "field '%s' in %s names more than one "
		    "group of 'line'", quoted, where);
		free(quoted);
		return -1;
	}
	list = xcalloc(ld->field_count, sizeof *list);
	for (size_t i = 0; i < ld->field_count; i++)
		list[i] = ld->fields[i].name;
	names = rules_join(list, ld->field_count);
	rules_fail(ld, key, "unknown field '%s' in %s (fields: %s)", quoted,
	    where, names);
	free(names);
	free(list);
	free(quoted);
	return -1;
}

/* The group number of a field with meaning, 0 when `line` lacks it. */
static int
rules_group(loader *ld, const node *n, const char *name, uint32_t *group)
{
	int number = pcre2_substring_number_from_name(ld->r->line_regex,
	    (PCRE2_SPTR)name);

	*group = 0;
	if (number == PCRE2_ERROR_NOUNIQUESUBSTRING) {
		return rules_fail_inside(ld, n, rules_group_offset(n, name),
		    "pattern", "named group '%s' appears more than once in "
		    "'line'", name);
	}
	if (number > 0)
		*group = (uint32_t)number;
	return 0;
}

static int
rules_load_line(loader *ld, const node *n)
{
	rules *r = ld->r;
	const char *text;

	if (rules_string(ld, n, "'line'", &text) != 0)
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

static int
rules_load_time(loader *ld, const node *key, const node *n)
{
	rules *r = ld->r;
	const char *text;
	char *cause = NULL;
	size_t offset = 0;
	int status;

	if (rules_string(ld, n, "'time'", &text) != 0)
		return -1;
	if (r->time_group == 0) {
		return rules_fail(ld, key, "'time' needs a named group "
		    "(?<time>...) in 'line'");
	}
	r->time_format = xstrdup(text);
	r->time = timefmt_compile(text, &cause, &offset);
	if (r->time != NULL)
		return 0;
	status = rules_fail_inside(ld, n, offset, "format", "invalid time "
	    "format in 'time': %s", cause != NULL ? cause : "not valid");
	free(cause);
	return status;
}

static int
rules_load_levels(loader *ld, const node *key, const node *n)
{
	rules *r = ld->r;
	const char *text;

	if (rules_kind(ld, n, "'levels'", NODE_SEQUENCE) != 0)
		return -1;
	if (n->item_count == 0) {
		return rules_fail(ld, n, "'levels' must not be empty (leave "
		    "it out to allow any level)");
	}
	if (r->level_group == 0) {
		return rules_fail(ld, key, "'levels' needs a named group "
		    "(?<level>...) in 'line'");
	}
	r->levels = xcalloc(n->item_count, sizeof *r->levels);
	for (size_t i = 0; i < n->item_count; i++) {
		if (rules_string(ld, n->items[i], "each entry of 'levels'",
		    &text) != 0)
			return -1;
		r->levels[r->level_count++] = xstrdup(text);
	}
	return 0;
}

/*
 * A plain decimal integer without leading zeros of at most max, times the multiplier of its
 * suffix when units allows one ("K", "M", "G": KiB, MiB, GiB).  False for
 * anything else.
 */
static bool
rules_integer(const node *n, unsigned long long max, bool units,
    unsigned long long *out)
{
	unsigned long long value = 0, unit = 1;
	size_t digits;

	/* A tagged scalar (!!str 76) is not a number, whatever it reads. */
	if (n->kind != NODE_SCALAR || n->style != YAML_PLAIN_SCALAR_STYLE ||
	    n->not_number)
		return false;
	digits = strspn(n->text, "0123456789");
	/* YAML 1.1 reads a leading zero as octal: 01000 is no 1000. */
	if (digits == 0 || (digits > 1 && n->text[0] == '0'))
		return false;
	if (units && digits + 1 == n->len) {
		static const char suffixes[] = "KMG";
		const char *suffix = strchr(suffixes, n->text[digits]);
		if (suffix == NULL || *suffix == '\0')
			return false;
		unit = 1ULL << (10 * (suffix - suffixes + 1));
	} else if (digits != n->len)
		return false;
	/* Stop before max: the digits may be too many for any integer type. */
	for (size_t i = 0; i < digits; i++) {
		unsigned digit = (unsigned)(n->text[i] - '0');
		if (value > (max - digit) / 10)
			return false;
		value = value * 10 + digit;
	}
	if (value > max / unit)
		return false;
	*out = value * unit;
	return true;
}

static int
rules_load_max_line(loader *ld, const node *n)
{
	unsigned long long value;

	/* The same K, M and G as jit-stack. */
	if (!rules_integer(n, RULES_MAX_LINE_MAX, true, &value) ||
	    value < RULES_MAX_LINE_MIN) {
		return rules_fail(ld, n, "'max-line' must be an integer "
		    "from %d to %d (bytes, or a number and K, M or G)",
		    RULES_MAX_LINE_MIN, RULES_MAX_LINE_MAX);
	}
	ld->r->max_line = (size_t)value;
	return 0;
}

/* `flush: 100ms`: whole milliseconds or seconds, at least 1 ms. */
static int
rules_load_flush(loader *ld, const node *n)
{
	size_t digits = n->kind == NODE_SCALAR ?
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
		return rules_fail(ld, n, "'flush' must be a duration from 1ms "
		    "to %ds, in whole ms or s (e.g. 100ms, 2s)",
		    RULES_FLUSH_MAX_MS / 1000);
	ld->r->flush_ns = (int64_t)(value * scale) * 1000000;
	return 0;
}

static int
rules_load_limits(loader *ld, const node *n)
{
	const node *keys[LIMIT_COUNT], *values[LIMIT_COUNT];
	unsigned long long value;
	rules *r = ld->r;

	if (rules_kind(ld, n, "'limits'", NODE_MAPPING) != 0 ||
	    rules_mapping(ld, n, "'limits'", limit_keys, LIMIT_COUNT, keys,
	    values) != 0)
		return -1;
	for (int i = LIMIT_MATCH; i <= LIMIT_DEPTH; i++) {
		if (values[i] == NULL)
			continue;
		if (!rules_integer(values[i], UINT32_MAX, false, &value) ||
		    value == 0) {
			return rules_fail(ld, values[i], "'%s' in 'limits' "
			    "must be an integer from 1 to %lu", limit_keys[i],
			    (unsigned long)UINT32_MAX);
		}
		if (i == LIMIT_MATCH) {
			r->match_limit = (uint32_t)value;
			r->match_limit_given = true;
		}
		else
			r->depth_limit = (uint32_t)value;
	}
	if (values[LIMIT_JIT_STACK] != NULL) {
		if (!rules_integer(values[LIMIT_JIT_STACK], RULES_JIT_STACK_MAX,
		    true, &value) || value < RULES_JIT_STACK_MIN) {
			return rules_fail(ld, values[LIMIT_JIT_STACK],
			    "'jit-stack' in 'limits' must be a size from 32K "
			    "to 1G (bytes, or a number and K, M or G)");
		}
		r->jit_stack = (size_t)value;
	}
	return 0;
}

static int
rules_load_severities(loader *ld, const node *n)
{
	rules *r = ld->r;
	const node *first[FINDING_BUILTIN_COUNT] = { NULL };
	size_t count = n->item_count / 2;

	if (rules_kind(ld, n, "'severities'", NODE_MAPPING) != 0)
		return -1;
	r->severity_ids = xcalloc(count, sizeof *r->severity_ids);
	r->severity_values = xcalloc(count, sizeof *r->severity_values);
	for (size_t i = 0; i < count; i++) {
		const node *key = n->items[2 * i], *value = n->items[2 * i + 1];
		int id, severity;
		const char *name;
		char *what;

		if (key->kind != NODE_SCALAR) {
			return rules_fail(ld, key, "a key in 'severities' must "
			    "be a string, not %s", node_kind_name(key));
		}
		id = strlen(key->text) == key->len ?
		    rules_builtin_index(key->text) : -1;
		if (id < 0) {
			char *quoted = utf8_excerpt(key->text, key->len, 0,
			    RULES_QUOTE_WIDTH, NULL);
			char *ids = findings_builtin_list();
			rules_fail(ld, key, "unknown finding id '%s' in "
			    "'severities' (expected one of: %s)", quoted, ids);
			free(ids);
			free(quoted);
			return -1;
		}
		name = findings_name((finding_id)id);
		if (first[id] != NULL) {
			return rules_fail(ld, key, "duplicate key '%s' (first "
			    "at line %lu, column %lu)", name,
			    first[id]->mark.line, first[id]->mark.column);
		}
		first[id] = key;
		if (findings_get((finding_id)id)->fixed) {
			return rules_fail(ld, key, "the severity of '%s' "
			    "cannot be changed", name);
		}
		what = xasprintf("the severity of '%s'", name);
		if (rules_enum(ld, value, what, severity_names, 3,
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
rules_load_condition(loader *ld, rules_condition *c, const node *key,
    const node *value, const char *where)
{
	char *what;
	const char *text;

	c->field = xstrdup(key->text);
	c->mark = key->mark;
	if (value->kind == NODE_SCALAR && !node_is_null(value)) {
		what = xasprintf("condition on '%s' in %s", c->field, where);
		if (rules_string(ld, value, what, &text) != 0) {
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
	if (value->kind != NODE_SEQUENCE) {
		return rules_fail(ld, value, "condition on '%s' in %s must be "
		    "a pattern or a list of strings, not %s", c->field, where,
		    node_kind_name(value));
	}
	if (value->item_count == 0) {
		return rules_fail(ld, value, "condition on '%s' in %s must not "
		    "be an empty list", c->field, where);
	}
	c->set = xcalloc(value->item_count, sizeof *c->set);
	what = xasprintf("each entry of the condition on '%s' in %s",
	    c->field, where);
	for (size_t i = 0; i < value->item_count; i++) {
		if (rules_string(ld, value->items[i], what, &text) != 0) {
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
rules_load_conditions(loader *ld, const node *n, const char *where,
    rules_condition **out, size_t *out_count)
{
	size_t count = n->item_count / 2;
	rules_condition *conditions;

	if (rules_kind(ld, n, where, NODE_MAPPING) != 0)
		return -1;
	if (count == 0)
		return rules_fail(ld, n, "%s must not be empty", where);
	conditions = *out = xcalloc(count, sizeof *conditions);
	for (size_t i = 0; i < count; i++) {
		const node *key = n->items[2 * i];

		if (key->kind != NODE_SCALAR) {
			return rules_fail(ld, key, "a key in %s must be a "
			    "string, not %s", where, node_kind_name(key));
		}
		if (rules_field_check(ld, key, where) != 0)
			return -1;
		for (size_t k = 0; k < i; k++) {
			if (strcmp(conditions[k].field, key->text) != 0)
				continue;
			return rules_fail(ld, key, "duplicate key '%s' (first "
			    "at line %lu, column %lu)", key->text,
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
rules_load_check(loader *ld, rules_check *check, const node *n)
{
	const node *keys[CHECK_COUNT], *values[CHECK_COUNT];
	const char *text;
	int severity;

	check->mark = n->mark;
	check->severity = SEVERITY_ERROR;
	if (rules_kind(ld, n, "each entry of 'checks'", NODE_MAPPING) != 0 ||
	    rules_mapping(ld, n, "check", check_keys, CHECK_COUNT, keys,
	    values) != 0)
		return -1;
	for (size_t k = 0; k < CHECK_COUNT; k++) {
		if (k != CHECK_SEVERITY && rules_required(ld, n, "check",
		    check_keys, values, k) != 0)
			return -1;
	}
	if (rules_string(ld, values[CHECK_ID], "'id'", &text) != 0)
		return -1;
	if (!rules_name_ok(text, "-")) {
		char *quoted = utf8_excerpt(text, strlen(text), 0,
		    RULES_QUOTE_WIDTH, NULL);
		rules_fail(ld, values[CHECK_ID], "check id '%s' must match "
		    "[a-z0-9][a-z0-9-]*", quoted);
		free(quoted);
		return -1;
	}
	if (rules_builtin_index(text) >= 0) {
		return rules_fail(ld, values[CHECK_ID], "check id '%s' is a "
		    "built-in finding id", text);
	}
	if (baseline_finding_id(text))
		return rules_fail(ld, values[CHECK_ID], "check id '%s' is a "
		    "drift finding id", text);
	check->id = xstrdup(text);
	if (values[CHECK_SEVERITY] != NULL) {
		if (rules_enum(ld, values[CHECK_SEVERITY], "'severity'",
		    severity_names, 2, &severity) != 0)
			return -1;
		check->severity = (rules_severity)severity;
	}
	if (rules_load_conditions(ld, values[CHECK_WHEN], "'when'",
	    &check->when, &check->when_count) != 0 ||
	    rules_load_conditions(ld, values[CHECK_EXPECT], "'expect'",
	    &check->expect, &check->expect_count) != 0)
		return -1;
	if (rules_string(ld, values[CHECK_MESSAGE], "'message'", &text) != 0)
		return -1;
	if (*text == '\0')
		return rules_fail(ld, values[CHECK_MESSAGE], "'message' must "
		    "not be empty");
	check->message = xstrdup(text);
	return 0;
}

/*
 * Load every check; *sorted gets them ordered by id, for duplicate ids here
 * and for the finding ids of samples later.
 */
static int
rules_load_checks(loader *ld, const node *n, rules_check ***sorted)
{
	rules *r = ld->r;
	rules_check **by_id;

	*sorted = NULL;
	if (rules_kind(ld, n, "'checks'", NODE_SEQUENCE) != 0)
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
	return rules_fail_at(ld, repeat->mark.line, repeat->mark.column,
	    "duplicate check id '%s' (first at line %lu, column %lu)",
	    repeat->id, original->mark.line, original->mark.column);
}

static int
rules_load_sample_fields(loader *ld, rules_sample *s, const node *n)
{
	size_t count = n->item_count / 2;
	const char *text;
	char *what;

	if (rules_kind(ld, n, "'fields'", NODE_MAPPING) != 0)
		return -1;
	s->field_names = xcalloc(count, sizeof *s->field_names);
	s->field_values = xcalloc(count, sizeof *s->field_values);
	for (size_t i = 0; i < count; i++) {
		const node *key = n->items[2 * i], *value = n->items[2 * i + 1];

		if (key->kind != NODE_SCALAR) {
			return rules_fail(ld, key, "a key in 'fields' must be "
			    "a string, not %s", node_kind_name(key));
		}
		if (rules_field_check(ld, key, "'fields'") != 0)
			return -1;
		/* Samples are judged as lines of no particular stream. */
		if (strcmp(key->text, "stream") == 0) {
			return rules_fail(ld, key, "a sample has no stream: "
			    "'stream' cannot be one of its 'fields'");
		}
		for (size_t k = 0; k < i; k++) {
			if (strcmp(s->field_names[k], key->text) != 0)
				continue;
			const node *first = n->items[2 * k];
			return rules_fail(ld, key, "duplicate key '%s' (first "
			    "at line %lu, column %lu)", key->text,
			    first->mark.line, first->mark.column);
		}
		what = xasprintf("the value of field '%s'", key->text);
		if (rules_string(ld, value, what, &text) != 0) {
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
rules_load_sample(loader *ld, rules_sample *s, const node *n,
    rules_check **checks_by_id)
{
	const node *keys[SAMPLE_COUNT], *values[SAMPLE_COUNT];
	const node *foreign, *findings;
	const char *text;

	s->mark = n->mark;
	if (rules_kind(ld, n, "each entry of 'samples'", NODE_MAPPING) != 0 ||
	    rules_mapping(ld, n, "sample", sample_keys, SAMPLE_COUNT, keys,
	    values) != 0 ||
	    rules_required(ld, n, "sample", sample_keys, values,
	    SAMPLE_LINE) != 0)
		return -1;
	if (rules_string(ld, values[SAMPLE_LINE], "'line' of a sample",
	    &text) != 0)
		return -1;
	s->line = xstrdup(text);
	foreign = values[SAMPLE_FOREIGN];
	if (foreign != NULL) {
		static const char *const truths[] = {
			"false", "False", "FALSE", "true", "True", "TRUE"
		};
		int truth = foreign->style == YAML_PLAIN_SCALAR_STYLE ?
		    rules_enum_index(truths, 6, foreign) : -1;
		if (truth < 0) {
			return rules_fail(ld, foreign, "'foreign' must be true "
			    "or false");
		}
		s->foreign = truth >= 3;
	}
	if (values[SAMPLE_FIELDS] != NULL) {
		if (s->foreign) {
			return rules_fail(ld, keys[SAMPLE_FIELDS], "a foreign "
			    "sample cannot have 'fields'");
		}
		if (rules_load_sample_fields(ld, s, values[SAMPLE_FIELDS]) != 0)
			return -1;
	}
	findings = values[SAMPLE_FINDINGS];
	if (findings == NULL)
		return 0;
	if (rules_kind(ld, findings, "'findings'", NODE_SEQUENCE) != 0)
		return -1;
	s->findings = xcalloc(findings->item_count, sizeof *s->findings);
	for (size_t i = 0; i < findings->item_count; i++) {
		const node *entry = findings->items[i];
		if (rules_string(ld, entry, "each entry of 'findings'",
		    &text) != 0)
			return -1;
		if (rules_builtin_index(text) < 0 && !rules_check_known(
		    checks_by_id, ld->r->check_count, text)) {
			char *quoted = utf8_excerpt(text, strlen(text), 0,
			    RULES_QUOTE_WIDTH, NULL);
			rules_fail(ld, entry, "unknown finding id '%s' in "
			    "'findings' (neither built-in nor a check's id)",
			    quoted);
			free(quoted);
			return -1;
		}
		s->findings[s->finding_count++] = xstrdup(text);
	}
	return 0;
}

static int
rules_load_samples(loader *ld, const node *n, rules_check **checks_by_id)
{
	rules *r = ld->r;

	if (rules_kind(ld, n, "'samples'", NODE_SEQUENCE) != 0)
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

/* Walk the document with the schema of the rule language. */
static int
rules_load_root(loader *ld, const node *root)
{
	rules *r = ld->r;
	const node *keys[KEY_COUNT], *values[KEY_COUNT];
	const char *text;
	rules_check **checks_by_id = NULL;
	int choice, status = -1;

	if (root->kind != NODE_MAPPING) {
		return rules_fail(ld, root, "a rule file must be a mapping of "
		    "keys, not %s", node_kind_name(root));
	}
	if (rules_mapping(ld, root, "rule file", root_keys, KEY_COUNT, keys,
	    values) != 0 ||
	    rules_required(ld, root, "rule file", root_keys, values,
	    KEY_FORMAT) != 0 ||
	    rules_required(ld, root, "rule file", root_keys, values,
	    KEY_LINE) != 0)
		return -1;

	if (rules_string(ld, values[KEY_FORMAT], "'format'", &text) != 0)
		return -1;
	if (!rules_name_ok(text, "._-")) {
		return rules_fail(ld, values[KEY_FORMAT], "'format' must match "
		    "[a-z0-9][a-z0-9._-]*");
	}
	r->format = xstrdup(text);
	if (values[KEY_DESCRIPTION] != NULL) {
		if (rules_string(ld, values[KEY_DESCRIPTION], "'description'",
		    &text) != 0)
			return -1;
		r->description = xstrdup(text);
	}
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
	if (rules_load_line(ld, values[KEY_LINE]) != 0)
		return -1;
	if (values[KEY_TIME] != NULL && rules_load_time(ld, keys[KEY_TIME],
	    values[KEY_TIME]) != 0)
		return -1;
	if (values[KEY_LEVELS] != NULL && rules_load_levels(ld,
	    keys[KEY_LEVELS], values[KEY_LEVELS]) != 0)
		return -1;

	r->emoji = r->message_group != 0 ? EMOJI_OPTIONAL : EMOJI_NONE;
	if (values[KEY_EMOJI] != NULL) {
		if (rules_enum(ld, values[KEY_EMOJI], "'emoji'", emoji_names, 3,
		    &choice) != 0)
			return -1;
		r->emoji = (rules_emoji)choice;
		if (r->emoji != EMOJI_NONE && r->message_group == 0) {
			return rules_fail(ld, keys[KEY_EMOJI], "'emoji' needs "
			    "a named group (?<message>...) in 'line'");
		}
	}
	r->streams = STREAMS_ANY;
	if (values[KEY_STREAMS] != NULL) {
		if (rules_enum(ld, values[KEY_STREAMS], "'streams'",
		    streams_names, 4, &choice) != 0)
			return -1;
		r->streams = (rules_streams)choice;
	}
	r->foreign = FOREIGN_REPORT;
	if (values[KEY_FOREIGN] != NULL) {
		if (rules_enum(ld, values[KEY_FOREIGN], "'foreign'",
		    foreign_names, 3, &choice) != 0)
			return -1;
		r->foreign = (rules_foreign)choice;
	}
	r->max_line = RULES_MAX_LINE_DEFAULT;
	if (values[KEY_MAX_LINE] != NULL &&
	    rules_load_max_line(ld, values[KEY_MAX_LINE]) != 0)
		return -1;
	r->flush_ns = (int64_t)RULES_FLUSH_DEFAULT_MS * 1000000;
	r->flush_given = values[KEY_FLUSH] != NULL;
	if (values[KEY_FLUSH] != NULL &&
	    rules_load_flush(ld, values[KEY_FLUSH]) != 0)
		return -1;
	if (values[KEY_SEVERITIES] != NULL &&
	    rules_load_severities(ld, values[KEY_SEVERITIES]) != 0)
		return -1;
	r->match_limit = RULES_MATCH_LIMIT_DEFAULT;
	r->depth_limit = RULES_DEPTH_LIMIT_DEFAULT;
	r->jit_stack = RULES_JIT_STACK_DEFAULT;
	if (values[KEY_LIMITS] != NULL &&
	    rules_load_limits(ld, values[KEY_LIMITS]) != 0)
		return -1;
	if (values[KEY_CHECKS] != NULL &&
	    rules_load_checks(ld, values[KEY_CHECKS], &checks_by_id) != 0)
		goto out;
	if (values[KEY_SAMPLES] != NULL &&
	    rules_load_samples(ld, values[KEY_SAMPLES], checks_by_id) != 0)
		goto out;
	if ((values[KEY_DRIFT] != NULL || values[KEY_BASELINE] != NULL) &&
	    baseline_load(ld, r, keys[KEY_DRIFT], values[KEY_DRIFT],
	    values[KEY_BASELINE], &r->baseline) != 0)
		goto out;
	status = 0;
out:
	free(checks_by_id);
	return status;
}

/* Line and column of a byte offset of the file, for reader errors. */
static void
rules_locate(const loader *ld, size_t offset, unsigned long *line,
    unsigned long *column)
{
	size_t start = 0;

	if (offset > ld->source_len)
		offset = ld->source_len;
	*line = 1;
	for (size_t i = 0; i < offset; i++) {
		if (ld->source[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*column = utf8_column(ld->source + start, ld->source_len - start,
	    offset - start);
}

static int
rules_yaml_error(loader *ld, const yaml_parser_t *parser)
{
	unsigned long line, column;

	switch (parser->error) {
	case YAML_READER_ERROR:
		rules_locate(ld, parser->problem_offset, &line, &column);
		if (parser->problem_value != -1) {
			return rules_fail_at(ld, line, column, "invalid text "
			    "in rule file: %s (0x%X)", parser->problem,
			    (unsigned int)parser->problem_value);
		}
		return rules_fail_at(ld, line, column, "invalid text in rule "
		    "file: %s", parser->problem);
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		line = parser->problem_mark.line + 1;
		column = parser->problem_mark.column + 1;
		if (parser->context != NULL) {
			return rules_fail_at(ld, line, column, "YAML syntax "
			    "error: %s (%s at line %lu, column %lu)",
			    parser->problem, parser->context,
			    (unsigned long)parser->context_mark.line + 1,
			    (unsigned long)parser->context_mark.column + 1);
		}
		return rules_fail_at(ld, line, column, "YAML syntax error: %s",
		    parser->problem != NULL ? parser->problem : "unknown");
	default:
		return rules_fail_at(ld, 0, 0, "cannot parse rule file: %s",
		    parser->problem != NULL ? parser->problem :
		    "out of memory");
	}
}

/* Whether a scalar's source text, start to end, is exactly its value. */
static bool
rules_verbatim(const yaml_event_t *event)
{
	const char *value = (const char *)event->data.scalar.value;
	size_t len = event->data.scalar.length, source;

	if (event->start_mark.line != event->end_mark.line)
		return false;
	switch (event->data.scalar.style) {
	case YAML_PLAIN_SCALAR_STYLE:
		source = 0;
		break;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		source = 2;
		break;
	default:
		return false;
	}
	/* Every escape is longer than what it stands for. */
	source += utf8_column(value, len, len) - 1;
	return event->end_mark.column - event->start_mark.column == source;
}

static const unsigned char *
rules_event_anchor(const yaml_event_t *event)
{
	switch (event->type) {
	case YAML_SCALAR_EVENT:
		return event->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT:
		return event->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT:
		return event->data.mapping_start.anchor;
	default:
		return NULL;
	}
}

/*
 * Build the node tree of the one document.  Returns 0 with *out set (NULL
 * for an empty file), or -1.
 */
static int
rules_parse(loader *ld, node **out)
{
	yaml_parser_t parser;
	yaml_event_t event;
	node *open[RULES_MAX_DEPTH], *root = NULL, *n;
	size_t depth = 0;
	int documents = 0, status = -1;
	bool done = false;

	*out = NULL;
	if (!yaml_parser_initialize(&parser))
		return rules_fail_at(ld, 0, 0, "cannot parse rule file: out "
		    "of memory");
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)ld->source, ld->source_len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			rules_yaml_error(ld, &parser);
			goto out;
		}
		if (event.type == YAML_ALIAS_EVENT ||
		    rules_event_anchor(&event) != NULL) {
			rules_fail_at(ld, event.start_mark.line + 1,
			    event.start_mark.column + 1,
			    "YAML anchors and aliases are not allowed");
			yaml_event_delete(&event);
			goto out;
		}
		n = NULL;
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				rules_fail_at(ld, event.start_mark.line + 1,
				    event.start_mark.column + 1, "a rule file "
				    "must hold only one YAML document");
				yaml_event_delete(&event);
				goto out;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(NODE_SCALAR, event.start_mark);
			n->text = xstrndup((const char *)
			    event.data.scalar.value, event.data.scalar.length);
			n->len = event.data.scalar.length;
			n->style = event.data.scalar.style;
			n->verbatim = rules_verbatim(&event);
			n->not_number = event.data.scalar.tag != NULL &&
			    strcmp((const char *)event.data.scalar.tag,
			    YAML_INT_TAG) != 0;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == RULES_MAX_DEPTH) {
				rules_fail_at(ld, event.start_mark.line + 1,
				    event.start_mark.column + 1, "YAML nesting "
				    "is deeper than %d levels",
				    RULES_MAX_DEPTH);
				yaml_event_delete(&event);
				goto out;
			}
			n = node_new(event.type == YAML_MAPPING_START_EVENT ?
			    NODE_MAPPING : NODE_SEQUENCE, event.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth > 0)
				node_append(open[depth - 1], n);
			else
				root = n;
			if (n->kind != NODE_SCALAR)
				open[depth++] = n;
		}
		yaml_event_delete(&event);
	}
	*out = root;
	root = NULL;
	status = 0;
out:
	node_free(root);
	yaml_parser_delete(&parser);
	return status;
}

/* The whole file, for libyaml and for locating reader errors. */
static char *
rules_read(loader *ld, size_t *len)
{
	FILE *f = fopen(ld->path, "rb");
	size_t size = 0, alloc = 8192, got;
	char *text;

	if (f == NULL) {
		rules_fail_at(ld, 0, 0, "cannot open rule file: %s",
		    strerror(errno));
		return NULL;
	}
	text = xmalloc(alloc);
	for (;;) {
		got = fread(text + size, 1, alloc - size, f);
		size += got;
		if (size < alloc) {
			if (ferror(f)) {
				rules_fail_at(ld, 0, 0, "cannot read rule "
				    "file: %s", strerror(errno));
				free(text);
				fclose(f);
				return NULL;
			}
			if (feof(f))
				break;
			continue;
		}
		alloc *= 2;
		text = xrealloc(text, alloc);
	}
	fclose(f);
	*len = size;
	return text;
}

/* Parse and compile source (taken over), which came from path. */
static rules *
rules_load_source(const char *path, char *source, size_t source_len,
    lc_error *err)
{
	loader ld = { .path = path, .err = err };
	node *root = NULL;
	int status = -1;

	ld.source_len = source_len;
	ld.source = source;
	ld.r = xcalloc(1, sizeof *ld.r);
	ld.r->path = xstrdup(path);
	if (rules_parse(&ld, &root) != 0)
		goto out;
	if (root == NULL || node_is_null(root)) {
		rules_fail_at(&ld, 1, 1, "empty rule file");
		goto out;
	}
	status = rules_load_root(&ld, root);
out:
	node_free(root);
	rules_fields_free(&ld);
	free(source);
	if (status != 0) {
		rules_free(ld.r);
		return NULL;
	}
	return ld.r;
}

rules *
rules_load(const char *path, lc_error *err)
{
	loader ld = { .path = path, .err = err };
	size_t source_len = 0;
	char *source;

	if (err != NULL)
		lc_error_clear(err);
	source = rules_read(&ld, &source_len);
	if (source == NULL)
		return NULL;
	return rules_load_source(path, source, source_len, err);
}

rules *
rules_load_text(const char *name, const char *text, size_t len,
    lc_error *err)
{
	if (err != NULL)
		lc_error_clear(err);
	return rules_load_source(name, xstrndup(text, len), len, err);
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

/* The node API of rules_node.h, over the helpers above. */

int
rules_node_fail(rules_loader *ld, const rules_node *n, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	rules_fail(ld, n, "%s", text);
	free(text);
	return -1;
}

int
rules_node_fail_inside(rules_loader *ld, const rules_node *n, size_t offset,
    const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (ld->err != NULL) {
		if (offset > n->len)
			offset = n->len;
		rules_fail_at(ld, n->mark.line, node_column_at(n, offset), "%s",
		    text);
		lc_error_set_excerpt(ld->err, n->text, n->len, offset);
	}
	free(text);
	return -1;
}

int
rules_node_string(rules_loader *ld, const rules_node *n, const char *what,
    const char **text)
{
	return rules_string(ld, n, what, text);
}

int
rules_node_integer(rules_loader *ld, const rules_node *n, const char *what,
    unsigned long long min, unsigned long long max,
    unsigned long long *value)
{
	*value = 0;
	if (!rules_integer(n, max, false, value) || *value < min)
		return rules_fail(ld, n, "%s must be a whole number from %llu "
		    "to %llu", what, min, max);
	return 0;
}

int
rules_node_decimal(rules_loader *ld, const rules_node *n, const char *what,
    double max, double *value)
{
	size_t whole = n->kind == NODE_SCALAR ? strspn(n->text, "0123456789") :
	    0, fraction = 0;
	bool ok = n->kind == NODE_SCALAR &&
	    n->style == YAML_PLAIN_SCALAR_STYLE && !n->not_number &&
	    whole > 0 && whole <= 9;

	if (ok && n->text[whole] == '.') {
		fraction = strspn(n->text + whole + 1, "0123456789");
		ok = fraction >= 1 && fraction <= 3;
		fraction++;
	}
	ok = ok && whole + fraction == n->len;
	if (ok)
		*value = strtod(n->text, NULL);
	if (!ok || *value > max)
		return rules_fail(ld, n, "%s must be a number from 0 to %g, "
		    "with at most 3 decimals", what, max);
	return 0;
}

int
rules_node_enum(rules_loader *ld, const rules_node *n, const char *what,
    const char *const *names, size_t count, int *choice)
{
	return rules_enum(ld, n, what, names, count, choice);
}

int
rules_node_list(rules_loader *ld, const rules_node *n, const char *what,
    size_t *count)
{
	if (rules_kind(ld, n, what, NODE_SEQUENCE) != 0)
		return -1;
	*count = n->item_count;
	return 0;
}

int
rules_node_map(rules_loader *ld, const rules_node *n, const char *what,
    size_t *count)
{
	if (rules_kind(ld, n, what, NODE_MAPPING) != 0)
		return -1;
	*count = n->item_count / 2;
	for (size_t i = 0; i < *count; i++) {
		const node *key = n->items[2 * i];
		if (key->kind != NODE_SCALAR)
			return rules_fail(ld, key, "a key in %s must be a "
			    "string, not %s", what, node_kind_name(key));
	}
	return 0;
}

int
rules_node_keys(rules_loader *ld, const rules_node *n, const char *where,
    const char *const *names, size_t count, const rules_node **keys,
    const rules_node **values)
{
	if (rules_kind(ld, n, where, NODE_MAPPING) != 0)
		return -1;
	return rules_mapping(ld, n, where, names, count, keys, values);
}

const rules_node *
rules_node_item(const rules_node *n, size_t i)
{
	return n->items[i];
}

const rules_node *
rules_node_key(const rules_node *n, size_t i)
{
	return n->items[2 * i];
}

const rules_node *
rules_node_value(const rules_node *n, size_t i)
{
	return n->items[2 * i + 1];
}

unsigned long
rules_node_line(const rules_node *n)
{
	return n->mark.line;
}

unsigned long
rules_node_column(const rules_node *n)
{
	return n->mark.column;
}
