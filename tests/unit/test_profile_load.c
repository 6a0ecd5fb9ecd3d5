/*
 * Unit tests for loading a learned profile: a rule file with `drift` and
 * `baseline`.  Each row takes a good profile of tests/unit/rules/, edits a
 * few of its lines, and names the error rules_load_text must give, exactly
 * as logcompat prints it: FILE:LINE:COLUMN, the message, and the excerpt
 * with its caret when there is one.  Data files are found under $srcdir
 * (as automake sets it for tests), else ".".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode/rules.h"
#include "util/error.h"

/* The good profiles the rows edit: learned from 20 and from 76 lines. */
#define WORKER	"tests/unit/rules/learned-worker.yaml"
#define BACKEND	"tests/unit/rules/learned-backend.yaml"

/* Lines line .. line + drop - 1 of the base (from 1) become insert. */
struct edit {
	unsigned long line;
	unsigned long drop;
	const char *insert;
};

/* A bad profile: base (NULL for none) with its edits, and the error. */
struct row {
	const char *base;
	const char *expected;
	struct edit edits[2];	/* by line, in order; insert NULL ends */
};

static char *
read_source(const char *relative, size_t *len)
{
	const char *srcdir = getenv("srcdir");
	char path[4096], *text;
	FILE *f;
	long size;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof path, "%s/%s", srcdir, relative);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	text = malloc((size_t)size + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	text[size] = '\0';
	*len = (size_t)size;
	return text;
}

/* Byte offset of the start of line (from 1); len past the last line. */
static size_t
line_offset(const char *text, size_t len, unsigned long line)
{
	size_t at = 0;

	while (line > 1 && at < len) {
		const char *nl = memchr(text + at, '\n', len - at);

		if (nl == NULL)
			return len;
		at = (size_t)(nl - text) + 1;
		line--;
	}
	if (line > 1)
		fail_msg("the base has no line %lu", line);
	return at;
}

static char *
apply_edit(char *text, size_t *len, const struct edit *e)
{
	size_t from = line_offset(text, *len, e->line);
	size_t to = from + line_offset(text + from, *len - from, e->drop + 1);
	size_t insert_len = strlen(e->insert);
	size_t new_len = *len - (to - from) + insert_len;
	char *edited = malloc(new_len + 1);

	assert_non_null(edited);
	memcpy(edited, text, from);
	memcpy(edited + from, e->insert, insert_len);
	memcpy(edited + from + insert_len, text + to, *len - to);
	edited[new_len] = '\0';
	free(text);
	*len = new_len;
	return edited;
}

/* What lc_error_print writes for err. */
static char *
printed(const lc_error *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	assert_non_null(f);
	lc_error_print(f, err);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
test_bases_load(void **state)
{
	const char *bases[] = { WORKER, BACKEND };

	(void)state;
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		lc_error err;
		size_t len;
		char *text = read_source(bases[i], &len);
		rules *r = rules_load_text("profile.yaml", text, len, &err);

		if (r == NULL)
			fail_msg("%s: %lu:%lu: %s", bases[i], err.line,
			    err.column, err.text);
		assert_non_null(r->baseline);
		rules_free(r);
		free(text);
	}
}

static void
test_row(void **state)
{
	const struct row *row = *state;
	size_t len = 0, n = 0;
	char *text, *got;
	lc_error err;
	rules *r;

	text = row->base != NULL ? read_source(row->base, &len) : calloc(1, 1);
	assert_non_null(text);
	while (n < 2 && row->edits[n].insert != NULL)
		n++;
	/* From the last edit up, so each names the base's line numbers. */
	while (n-- > 0)
		text = apply_edit(text, &len, &row->edits[n]);
	r = rules_load_text("profile.yaml", text, len, &err);
	free(text);
	if (r != NULL) {
		rules_free(r);
		fail_msg("the profile loaded; expected: %s", row->expected);
	}
	got = printed(&err);
	assert_string_equal(got, row->expected);
	free(got);
}

#define EDIT(line, drop, insert)	{ (line), (drop), (insert) }
#define ROW(name, base, expected, ...) \
	{ name, test_row, NULL, NULL, \
	    &(struct row){ (base), (expected), { __VA_ARGS__ } } }

/* One test per row, named after the golden case it was. */
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_bases_load),
	ROW("baseline-lines", WORKER,
	    "profile.yaml:57:10: error: 'lines' must be a whole number from 0 "
	    "to 18446744073709551615\n",
	    EDIT(57, 1, "  lines: twenty\n")),
	ROW("baseline-log-lines", WORKER,
	    "profile.yaml:58:14: error: 'log-lines' (21) is more than 'lines' "
	    "(20)\n",
	    EDIT(58, 1, "  log-lines: 21\n")),
	ROW("baseline-not-mapping", WORKER,
	    "profile.yaml:55:11: error: 'baseline' must be a mapping, not a "
	    "list\n",
	    EDIT(55, 19, "baseline: [1, 2]\n")),
	ROW("baseline-unknown-key", WORKER,
	    "profile.yaml:57:3: error: unknown key 'line' in 'baseline' "
	    "(expected one of: layout, lines, log-lines, levels, emoji, "
	    "templates, shapes, keys)\n",
	    EDIT(57, 1, "  line: 20\n")),
	ROW("drift-points", WORKER,
	    "profile.yaml:50:23: error: 'level-share-points' must be a number "
	    "from 0 to 100, with at most 3 decimals\n",
	    EDIT(50, 1, "  level-share-points: 10.5%\n")),
	ROW("drift-policy", WORKER,
	    "profile.yaml:48:14: error: 'new-emoji' must be one of allow, "
	    "report, fail\n",
	    EDIT(48, 1, "  new-emoji: warn\n")),
	ROW("drift-unknown-key", WORKER,
	    "profile.yaml:48:3: error: unknown key 'new-emojis' in 'drift' "
	    "(expected one of: new-template, new-emoji, level-share, "
	    "new-key, key-gone, level-share-points)\n",
	    EDIT(48, 1, "  new-emojis: report\n")),
	ROW("drift-without-baseline", WORKER,
	    "profile.yaml:46:1: error: 'drift' needs 'baseline', the counts "
	    "that drift is judged against\n",
	    EDIT(52, 22, "")),
	ROW("emoji-count", WORKER,
	    "profile.yaml:66:21: error: a count in 'emoji' must be a whole "
	    "number from 1 to 18446744073709551615\n",
	    EDIT(66, 1, "    'ERROR': { '❌': 0 }\n")),
	ROW("emoji-level", BACKEND,
	    "profile.yaml:65:5: error: level 'NOPE' of 'emoji' has no count "
	    "in 'levels' of 'baseline'\n",
	    EDIT(65, 1, "    'NOPE': { '⚠️': 4 }\n")),
	ROW("emoji-not-emoji", WORKER,
	    "profile.yaml:65:15: error: 'W' is not one emoji (nor '' for "
	    "none)\n",
	    EDIT(65, 1, "    'WARN': { 'W': 2 }\n")),
	ROW("emoji-not-mapping", WORKER,
	    "profile.yaml:66:14: error: the emoji of a level must be a "
	    "mapping, not a list\n",
	    EDIT(66, 1, "    'ERROR': ['❌']\n")),
	ROW("level-not-in-levels", BACKEND,
	    "profile.yaml:60:5: error: level 'DEBUG' in 'baseline' is not in "
	    "'levels'\n",
	    EDIT(60, 1, "    'DEBUG': 62    # 88.6%\n")),
	ROW("level-sum", BACKEND,
	    "profile.yaml:60:5: error: the counts of 'levels' add up to 6208, "
	    "not to 'log-lines' (70)\n",
	    EDIT(60, 1, "    'INFO': 6200    # 88.6%\n")),
	ROW("levels-count", WORKER,
	    "profile.yaml:61:13: error: a count in 'levels' must be a whole "
	    "number from 0 to 18446744073709551615\n",
	    EDIT(61, 1, "    'WARN': -2    # 10.0%\n")),
	ROW("levels-duplicate", WORKER,
	    "profile.yaml:62:5: error: duplicate key 'INFO' (first at line "
	    "60, column 5)\n",
	    EDIT(62, 1, "    'INFO': 1    # 5.0%\n")),
	ROW("levels-no-group", NULL,
	    "profile.yaml:4:11: error: 'levels' in 'baseline' needs a named "
	    "group (?<level>...) in 'line'\n",
	    EDIT(1, 0, "format: nolevel\n"
		"line: '^(?<time>\\S+) (?<message>.*)$'\n"
		"baseline:\n"
		"  levels: { INFO: 3 }\n")),
	ROW("shape-duplicate", WORKER,
	    "profile.yaml:69:7: error: duplicate shape: another has the same "
	    "level, emoji, token count and first token\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'INFO', text: 'Loaded model <*>' }\n"
		"    - { level: 'INFO', text: 'Loaded <*> x' }\n")),
	ROW("shape-escape", WORKER,
	    "profile.yaml:68:38: error: a backslash at the start of a token "
	    "escapes only <*> or a backslash\n"
	    "Loaded \\model\n"
	    "       ^\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'INFO', text: 'Loaded \\model' }\n")),
	ROW("shape-first-many", WORKER,
	    "profile.yaml:68:31: error: the first token of a shape is part of "
	    "its key and cannot be <*>\n"
	    "<*> req-<NUM> done\n"
	    "^\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'INFO', text: '<*> req-<NUM> done' }\n")),
	ROW("shape-level", WORKER,
	    "profile.yaml:68:16: error: level 'DEBUG' of a shape has no count "
	    "in 'levels' of 'baseline'\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'DEBUG', text: 'Loaded model' }\n")),
	ROW("shape-no-text", WORKER,
	    "profile.yaml:68:7: error: missing required key 'text' in shape\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'INFO' }\n")),
	ROW("shape-spaces", WORKER,
	    "profile.yaml:68:38: error: a shape's tokens are separated by "
	    "single spaces (an empty token here)\n"
	    "Loaded  model\n"
	    "       ^\n",
	    EDIT(67, 0, "  shapes:\n"
		"    - { level: 'INFO', text: 'Loaded  model' }\n")),
	ROW("shapes-not-list", WORKER,
	    "profile.yaml:67:11: error: 'shapes' in 'baseline' must be a "
	    "list, not a mapping\n",
	    EDIT(67, 0, "  shapes: { level: 'INFO' }\n")),
	ROW("str-count", BACKEND,
	    "profile.yaml:57:10: error: 'lines' must be a whole number from 0 "
	    "to 18446744073709551615\n",
	    EDIT(57, 1, "  lines: !!str 76\n"),
	    EDIT(60, 3, "    'INFO': 0    # 88.6%\n"
		"    'WARN': 0    # 5.7%\n"
		"    'ERROR': 0    # 5.7%\n")),
	ROW("template-count", WORKER,
	    "profile.yaml:68:16: error: 'count' must be a whole number from 1 "
	    "to 18446744073709551615\n",
	    EDIT(68, 1, "    - { count: 0, level: 'INFO', text: 'Request "
		"req-<NUM> done in <NUM> ms status=<NUM>' }\n")),
	ROW("template-duplicate", WORKER,
	    "profile.yaml:72:7: error: duplicate template (first at line 70, "
	    "column 7)\n",
	    EDIT(72, 0, "    - { count: 2, level: 'INFO', emoji: '📦', text: "
		"'Installing <*> version <VER>' }\n")),
	ROW("template-emoji", BACKEND,
	    "profile.yaml:69:41: error: 'xx' is not one emoji (nor '' for "
	    "none)\n",
	    EDIT(69, 1, "    - { count: 6, level: 'INFO', emoji: 'xx', text: "
		"'[req-<NUM>] RESPONSE status=<NUM> data={<QUOTED>: "
		"<QUOTED>}' }\n")),
	ROW("template-level", BACKEND,
	    "profile.yaml:68:26: error: level 'NOPE' of a template has no "
	    "count in 'levels' of 'baseline'\n",
	    EDIT(68, 1, "    - { count: 8, level: 'NOPE', text: 'Environment "
		"already ready' }\n")),
	ROW("template-no-text", WORKER,
	    "profile.yaml:72:7: error: missing required key 'text' in "
	    "template\n",
	    EDIT(72, 1, "    - { count: 1, level: 'INFO', emoji: '🚀' }\n")),
	ROW("template-spaces", WORKER,
	    "profile.yaml:70:68: error: a template's tokens are separated by "
	    "single spaces (an empty token here)\n"
	    "Installing <*>  version <VER>\n"
	    "               ^\n",
	    EDIT(70, 1, "    - { count: 2, level: 'INFO', emoji: '📦', text: "
		"'Installing <*>  version <VER>' }\n")),
	ROW("template-sum", BACKEND,
	    "profile.yaml:68:5: error: the counts of 'templates' add up to "
	    "800062, more than 'log-lines' (70)\n",
	    EDIT(68, 1, "    - { count: 800000, level: 'INFO', text: "
		"'Environment already ready' }\n")),
	ROW("template-unknown-key", WORKER,
	    "profile.yaml:68:20: error: unknown key 'lvl' in template "
	    "(expected one of: count, level, emoji, text)\n",
	    EDIT(68, 1, "    - { count: 12, lvl: INFO, level: 'INFO', text: "
		"'Request req-<NUM> done in <NUM> ms status=<NUM>' }\n")),
	ROW("templates-not-list", WORKER,
	    "profile.yaml:67:14: error: 'templates' in 'baseline' must be a "
	    "list, not a mapping\n",
	    EDIT(67, 7, "  templates: { count: 1 }\n")),
};

int
main(void)
{
	return cmocka_run_group_tests(tests, NULL, NULL);
}
