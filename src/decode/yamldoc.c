/*
 * yamldoc: a YAML document as a tree of positioned nodes; see yamldoc.h.
 * libyaml's event API builds the tree; the checks below are the schema
 * walk's vocabulary.
 */
#include "decode/yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "util/readopen.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Far deeper than any schema needs; yamldoc_node_free recurses this deep. */
#define YAMLDOC_MAX_DEPTH	64
/* How much of a user's text a message quotes. */
#define YAMLDOC_QUOTE_WIDTH	60

static void
yamldoc_node_free(yamldoc_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->item_count; i++)
		yamldoc_node_free(n->items[i]);
	free(n->items);
	free(n->text);
	free(n);
}

static yamldoc_node *
yamldoc_node_new(yamldoc_kind kind, yaml_mark_t start)
{
	yamldoc_node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->mark.line = start.line + 1;
	n->mark.column = start.column + 1;
	return n;
}

static void
yamldoc_node_append(yamldoc_node *parent, yamldoc_node *child)
{
	if (parent->item_count == parent->item_cap) {
		parent->item_cap = parent->item_cap ? parent->item_cap * 2 : 4;
		parent->items = xreallocarray(parent->items, parent->item_cap,
		    sizeof *parent->items);
	}
	parent->items[parent->item_count++] = child;
}

/* Plain empty, ~ and null are YAML's null; quoted, they are text. */
bool
yamldoc_is_null(const yamldoc_node *n)
{
	if (n->kind != YAMLDOC_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 ||
	    strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
	    strcmp(n->text, "NULL") == 0;
}

const char *
yamldoc_kind_name(const yamldoc_node *n)
{
	if (yamldoc_is_null(n))
		return "null";
	switch (n->kind) {
	case YAMLDOC_SCALAR:
		return "a string";
	case YAMLDOC_LIST:
		return "a list";
	case YAMLDOC_MAP:
		break;
	}
	return "a mapping";
}

/*
 * Column of byte offset in a scalar's value.  Exact only when the source
 * text is the value; otherwise the scalar's own start.
 */
static unsigned long
yamldoc_column_at(const yamldoc_node *n, size_t offset)
{
	unsigned long quote;

	if (!n->verbatim)
		return n->mark.column;
	quote = n->plain ? 0 : 1;
	return n->mark.column + quote + utf8_column(n->text, n->len, offset) -
	    1;
}

int
yamldoc_fail_at(yamldoc *doc, unsigned long line, unsigned long column,
    const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (doc->err == NULL)
		return -1;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	lc_error_set(doc->err, doc->path, line, column, "%s", text);
	free(text);
	return -1;
}

int
yamldoc_fail(yamldoc *doc, const yamldoc_node *n, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (doc->err == NULL)
		return -1;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	lc_error_set(doc->err, doc->path, n->mark.line, n->mark.column, "%s",
	    text);
	free(text);
	return -1;
}

int
yamldoc_fail_inside(yamldoc *doc, const yamldoc_node *n, size_t offset,
    const char *unit, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (doc->err == NULL)
		return -1;
	if (offset > n->len)
		offset = n->len;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (unit != NULL)
		yamldoc_fail_at(doc, n->mark.line, yamldoc_column_at(n, offset),
		    "%s (at %s offset %zu)", text, unit, offset);
	else
		yamldoc_fail_at(doc, n->mark.line, yamldoc_column_at(n, offset),
		    "%s", text);
	free(text);
	lc_error_set_excerpt(doc->err, n->text, n->len, offset);
	return -1;
}

/* "a, b, c" from count names (caller frees). */
char *
yamldoc_join(const char *const *names, size_t count)
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

int
yamldoc_enum_index(const char *const *names, size_t count,
    const yamldoc_node *n)
{
	if (n->kind != YAMLDOC_SCALAR)
		return -1;
	for (size_t i = 0; i < count; i++) {
		if (strlen(names[i]) == n->len &&
		    strcmp(names[i], n->text) == 0)
			return (int)i;
	}
	return -1;
}

/* *out gets the value of an enum key, or the call fails with the choices. */
int
yamldoc_enum(yamldoc *doc, const yamldoc_node *n, const char *what,
    const char *const *names, size_t count, int *out)
{
	char *choices;

	*out = yamldoc_enum_index(names, count, n);
	if (*out >= 0)
		return 0;
	choices = yamldoc_join(names, count);
	yamldoc_fail(doc, n, "%s must be one of %s", what, choices);
	free(choices);
	return -1;
}

/* The text of a scalar that must be a string. */
int
yamldoc_string(yamldoc *doc, const yamldoc_node *n, const char *what,
    const char **out)
{
	if (n->kind != YAMLDOC_SCALAR || yamldoc_is_null(n)) {
		if (n->kind == YAMLDOC_SCALAR && n->len == 0)
			return yamldoc_fail(doc, n, "%s has no value", what);
		return yamldoc_fail(doc, n, "%s must be a string, not %s", what,
		    yamldoc_kind_name(n));
	}
	if (memchr(n->text, '\0', n->len) != NULL)
		return yamldoc_fail(doc, n, "%s must not contain a NUL "
		    "character", what);
	*out = n->text;
	return 0;
}

int
yamldoc_want(yamldoc *doc, const yamldoc_node *n, const char *what,
    yamldoc_kind kind)
{
	static const char *const wanted[] = { "a string", "a list",
	    "a mapping" };

	if (n->kind == kind && !yamldoc_is_null(n))
		return 0;
	if (yamldoc_is_null(n) && n->len == 0)
		return yamldoc_fail(doc, n, "%s has no value (expected %s)",
		    what, wanted[kind]);
	return yamldoc_fail(doc, n, "%s must be %s, not %s", what, wanted[kind],
	    yamldoc_kind_name(n));
}

/*
 * Sort the keys of a mapping against the names it may hold: unknown and
 * duplicate keys fail.  keys[i] and values[i] get the node of names[i], or
 * NULL when absent.
 */
int
yamldoc_sort_keys(yamldoc *doc, const yamldoc_node *map, const char *where,
    const char *const *names, size_t count, const yamldoc_node **keys,
    const yamldoc_node **values)
{
	for (size_t i = 0; i < count; i++)
		keys[i] = values[i] = NULL;
	for (size_t i = 0; i + 1 < map->item_count; i += 2) {
		const yamldoc_node *key = map->items[i];
		int which;

		if (key->kind != YAMLDOC_SCALAR) {
			return yamldoc_fail(doc, key, "a key in %s must be a "
			    "string, not %s", where, yamldoc_kind_name(key));
		}
		which = yamldoc_enum_index(names, count, key);
		if (which < 0) {
			char *choices = yamldoc_join(names, count);
			char *quoted = utf8_excerpt(key->text, key->len, 0,
			    YAMLDOC_QUOTE_WIDTH, NULL);
			yamldoc_fail(doc, key, "unknown key '%s' in %s "
			    "(expected one of: %s)", quoted, where, choices);
			free(quoted);
			free(choices);
			return -1;
		}
		if (keys[which] != NULL) {
			return yamldoc_fail(doc, key, "duplicate key '%s' "
			    "(first at line %lu, column %lu)", names[which],
			    keys[which]->mark.line, keys[which]->mark.column);
		}
		keys[which] = key;
		values[which] = map->items[i + 1];
	}
	return 0;
}

int
yamldoc_required(yamldoc *doc, const yamldoc_node *map, const char *where,
    const char *const *names, const yamldoc_node **values, size_t which)
{
	if (values[which] != NULL)
		return 0;
	return yamldoc_fail(doc, map, "missing required key '%s' in %s",
	    names[which], where);
}

bool
yamldoc_integer_ok(const yamldoc_node *n, unsigned long long max, bool units,
    unsigned long long *out)
{
	unsigned long long value = 0, unit = 1;
	size_t digits;

	/* A tagged scalar (!!str 76) is not a number, whatever it reads. */
	if (n->kind != YAMLDOC_SCALAR || !n->plain ||
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

/* Line and column of a byte offset of the file, for reader errors. */
static void
yamldoc_locate(const yamldoc *doc, size_t offset, unsigned long *line,
    unsigned long *column)
{
	size_t start = 0;

	if (offset > doc->source_len)
		offset = doc->source_len;
	*line = 1;
	for (size_t i = 0; i < offset; i++) {
		if (doc->source[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*column = utf8_column(doc->source + start, doc->source_len - start,
	    offset - start);
}

static int
yamldoc_error(yamldoc *doc, const yaml_parser_t *parser)
{
	unsigned long line, column;

	switch (parser->error) {
	case YAML_READER_ERROR:
		yamldoc_locate(doc, parser->problem_offset, &line, &column);
		if (parser->problem_value != -1) {
			return yamldoc_fail_at(doc, line, column, "invalid "
			    "text in %s: %s (0x%X)", doc->what, parser->problem,
			    (unsigned int)parser->problem_value);
		}
		return yamldoc_fail_at(doc, line, column, "invalid text in %s: "
		    "%s", doc->what, parser->problem);
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		line = parser->problem_mark.line + 1;
		column = parser->problem_mark.column + 1;
		if (parser->context != NULL) {
			return yamldoc_fail_at(doc, line, column, "YAML syntax "
			    "error: %s (%s at line %lu, column %lu)",
			    parser->problem, parser->context,
			    (unsigned long)parser->context_mark.line + 1,
			    (unsigned long)parser->context_mark.column + 1);
		}
		return yamldoc_fail_at(doc, line, column, "YAML syntax error: "
		    "%s", parser->problem != NULL ? parser->problem :
		    "unknown");
	default:
		return yamldoc_fail_at(doc, 0, 0, "cannot parse %s: %s",
		    doc->what, parser->problem != NULL ? parser->problem :
		    "out of memory");
	}
}

/* Whether a scalar's source text, start to end, is exactly its value. */
static bool
yamldoc_verbatim(const yaml_event_t *event)
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
yamldoc_event_anchor(const yaml_event_t *event)
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
yamldoc_parse(yamldoc *doc, yamldoc_node **out)
{
	yaml_parser_t parser;
	yaml_event_t event;
	yamldoc_node *open[YAMLDOC_MAX_DEPTH], *root = NULL, *n;
	size_t depth = 0;
	int documents = 0, status = -1;
	bool done = false;

	*out = NULL;
	if (!yaml_parser_initialize(&parser))
		return yamldoc_fail_at(doc, 0, 0, "cannot parse %s: out of "
		    "memory", doc->what);
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)doc->source, doc->source_len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			yamldoc_error(doc, &parser);
			goto out;
		}
		if (event.type == YAML_ALIAS_EVENT ||
		    yamldoc_event_anchor(&event) != NULL) {
			yamldoc_fail_at(doc, event.start_mark.line + 1,
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
				yamldoc_fail_at(doc, event.start_mark.line + 1,
				    event.start_mark.column + 1, "a %s must "
				    "hold only one YAML document", doc->what);
				yaml_event_delete(&event);
				goto out;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = yamldoc_node_new(YAMLDOC_SCALAR, event.start_mark);
			n->text = xstrndup((const char *)
			    event.data.scalar.value, event.data.scalar.length);
			n->len = event.data.scalar.length;
			n->plain = event.data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE;
			n->verbatim = yamldoc_verbatim(&event);
			n->not_number = event.data.scalar.tag != NULL &&
			    strcmp((const char *)event.data.scalar.tag,
			    YAML_INT_TAG) != 0;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == YAMLDOC_MAX_DEPTH) {
				yamldoc_fail_at(doc, event.start_mark.line + 1,
				    event.start_mark.column + 1, "YAML nesting "
				    "is deeper than %d levels",
				    YAMLDOC_MAX_DEPTH);
				yaml_event_delete(&event);
				goto out;
			}
			n = yamldoc_node_new(event.type ==
			    YAML_MAPPING_START_EVENT ? YAMLDOC_MAP :
			    YAMLDOC_LIST, event.start_mark);
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
				yamldoc_node_append(open[depth - 1], n);
			else
				root = n;
			if (n->kind != YAMLDOC_SCALAR)
				open[depth++] = n;
		}
		yaml_event_delete(&event);
	}
	*out = root;
	root = NULL;
	status = 0;
out:
	yamldoc_node_free(root);
	yaml_parser_delete(&parser);
	return status;
}

/* Refuse a document past YAMLDOC_SIZE_MAX, at the place it passes it. */
static int
yamldoc_too_large(yamldoc *doc, const char *text)
{
	unsigned long line = 1, column = 1;

	for (size_t i = 0; i < YAMLDOC_SIZE_MAX; i++) {
		if (text[i] == '\n') {
			line++;
			column = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			column++;
		}
	}
	return yamldoc_fail_at(doc, line, column, "the %s is larger than "
	    "%d MiB, the most logcompat reads", doc->what,
	    YAMLDOC_SIZE_MAX / (1024 * 1024));
}

/* The whole file, for libyaml and for locating reader errors. */
static char *
yamldoc_read(yamldoc *doc, size_t *len)
{
	char *cause = NULL;
	int fd = readopen(doc->path, &cause);
	FILE *f = fd != -1 ? fdopen(fd, "rb") : NULL;
	size_t size = 0, alloc = 8192, got;
	char *text;

	if (f == NULL) {
		if (fd != -1)
			close(fd);
		int error = errno;
		free(cause);
		yamldoc_fail_at(doc, 0, 0, "cannot open %s: %s",
		    doc->what, strerror(error));
		return NULL;
	}
	text = xmalloc(alloc);
	for (;;) {
		got = fread(text + size, 1, alloc - size, f);
		size += got;
		if (size > YAMLDOC_SIZE_MAX) {
			yamldoc_too_large(doc, text);
			free(text);
			fclose(f);
			return NULL;
		}
		if (size < alloc) {
			if (ferror(f)) {
				yamldoc_fail_at(doc, 0, 0, "cannot read "
				    "%s: %s", doc->what, strerror(errno));
				free(text);
				fclose(f);
				return NULL;
			}
			if (feof(f))
				break;
			continue;
		}
		/* One byte past the limit is enough to know it was passed. */
		alloc = alloc * 2 <= YAMLDOC_SIZE_MAX ? alloc * 2 :
		    YAMLDOC_SIZE_MAX + 1;
		text = xrealloc(text, alloc);
	}
	fclose(f);
	*len = size;
	return text;
}

int
yamldoc_load(yamldoc *doc, const char *path, const char *what,
    lc_error *err)
{
	*doc = (yamldoc){ .path = path, .what = what, .err = err };
	if (err != NULL)
		lc_error_clear(err);
	doc->source = yamldoc_read(doc, &doc->source_len);
	if (doc->source == NULL)
		return -1;
	return yamldoc_parse(doc, &doc->root);
}

int
yamldoc_load_text(yamldoc *doc, const char *name, const char *what,
    const char *text, size_t len, lc_error *err)
{
	*doc = (yamldoc){ .path = name, .what = what, .err = err };
	if (err != NULL)
		lc_error_clear(err);
	if (len > YAMLDOC_SIZE_MAX)
		return yamldoc_too_large(doc, text);
	doc->source = xstrndup(text, len);
	doc->source_len = len;
	return yamldoc_parse(doc, &doc->root);
}

void
yamldoc_clear(yamldoc *doc)
{
	yamldoc_node_free(doc->root);
	doc->root = NULL;
	free(doc->source);
	doc->source = NULL;
}

int
yamldoc_keys(yamldoc *doc, const yamldoc_node *n, const char *where,
    const char *const *names, size_t count, const yamldoc_node **keys,
    const yamldoc_node **values)
{
	if (yamldoc_want(doc, n, where, YAMLDOC_MAP) != 0)
		return -1;
	return yamldoc_sort_keys(doc, n, where, names, count, keys, values);
}

int
yamldoc_integer(yamldoc *doc, const yamldoc_node *n, const char *what,
    unsigned long long min, unsigned long long max,
    unsigned long long *value)
{
	*value = 0;
	if (!yamldoc_integer_ok(n, max, false, value) || *value < min)
		return yamldoc_fail(doc, n, "%s must be a whole number from "
		    "%llu to %llu", what, min, max);
	return 0;
}

int
yamldoc_decimal(yamldoc *doc, const yamldoc_node *n, const char *what,
    double max, double *value)
{
	size_t whole = n->kind == YAMLDOC_SCALAR ?
	    strspn(n->text, "0123456789") : 0, fraction = 0;
	bool ok = n->kind == YAMLDOC_SCALAR && n->plain && !n->not_number &&
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
		return yamldoc_fail(doc, n, "%s must be a number from 0 to %g, "
		    "with at most 3 decimals", what, max);
	return 0;
}

int
yamldoc_list(yamldoc *doc, const yamldoc_node *n, const char *what,
    size_t *count)
{
	if (yamldoc_want(doc, n, what, YAMLDOC_LIST) != 0)
		return -1;
	*count = n->item_count;
	return 0;
}

int
yamldoc_map(yamldoc *doc, const yamldoc_node *n, const char *what,
    size_t *count)
{
	if (yamldoc_want(doc, n, what, YAMLDOC_MAP) != 0)
		return -1;
	*count = n->item_count / 2;
	for (size_t i = 0; i < *count; i++) {
		const yamldoc_node *key = n->items[2 * i];
		if (key->kind != YAMLDOC_SCALAR)
			return yamldoc_fail(doc, key, "a key in %s must be a "
			    "string, not %s", what, yamldoc_kind_name(key));
	}
	return 0;
}
