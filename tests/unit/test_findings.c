/*
 * Unit tests for findings: the table is whole and consistent, and the man
 * pages document every id in it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode/findings.h"
#include "util/xalloc.h"

/* The whole of a man page of the source tree, NUL-terminated. */
static char *
read_page(const char *name)
{
	char *path = xasprintf("%s/man/%s", LC_SOURCE_DIR, name);
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, got;

	assert_non_null(f);
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			text = xrealloc(text, cap + 1);
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	free(path);
	text[len] = '\0';
	return text;
}

/* An id as roff writes it: each '-' as "\-". */
static char *
roff_id(const char *id)
{
	char *out = xmalloc(2 * strlen(id) + 1), *end = out;

	for (; *id != '\0'; id++) {
		if (*id == '-')
			*end++ = '\\';
		*end++ = *id;
	}
	*end = '\0';
	return out;
}

/* The text of section NAME of a page, up to the next .SH (caller frees). */
static char *
section(const char *page, const char *name)
{
	char *head = xasprintf("\n.SH %s\n", name);
	const char *start = strstr(page, head), *end;
	size_t len;

	assert_non_null(start);
	start += strlen(head) - 1;
	end = strstr(start, "\n.SH ");
	len = end != NULL ? (size_t)(end - start) : strlen(start);
	free(head);
	return xstrndup(start, len);
}

static void
test_table_whole(void **state)
{
	(void)state;
	for (int i = 0; i < FINDING_COUNT; i++) {
		const finding_info *info = findings_get(i);
		assert_non_null(info->id);
		assert_non_null(info->description);
		assert_true(strlen(info->description) > 0);
		assert_null(strchr(info->description, '\n'));
		assert_int_equal(findings_lookup(info->id), i);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(findings_name(k), info->id);
		/* Drift findings are set by `drift:`, no other is. */
		assert_int_equal(findings_builtin(i),
		    info->severity != FINDING_DEFAULT_BY_DRIFT);
	}
	assert_int_equal(findings_lookup("nosuch"), -1);
	assert_int_equal(findings_lookup(""), -1);
	assert_string_equal(findings_name(FINDING_FOREIGN), "foreign");
	assert_string_equal(findings_name(FINDING_FLUSH_TIMING),
	    "flush-timing");
	assert_string_equal(findings_name(FINDING_LEVEL_SHARE), "level-share");
	assert_true(findings_get(FINDING_NO_LOG_LINES)->fixed);
	assert_false(findings_get(FINDING_FOREIGN)->fixed);
}

static void
test_builtin_list(void **state)
{
	char *list = findings_builtin_list();

	(void)state;
	assert_string_equal(list, "foreign, time-format, time-order, level, "
	    "emoji, stream-pairing, stream-policy, encoding, nul-byte, "
	    "control-char, line-too-long, empty-stream, no-log-lines, "
	    "match-limit, container-record, flush-timing, json-syntax, "
	    "logfmt-syntax, duplicate-key, key-missing, key-forbidden, "
	    "key-type, key-order, string-escape, decode-limit, "
	    "foreign-share");
	free(list);
}

/*
 * logcompat-rules(5): each built-in id is an entry of FINDINGS, each
 * drift id an entry of DRIFT, with the default severity the table gives.
 */
static void
test_rules_page(void **state)
{
	char *page = read_page("logcompat-rules.5");
	char *findings = section(page, "FINDINGS");
	char *drift = section(page, "DRIFT");

	(void)state;
	for (int i = 0; i < FINDING_COUNT; i++) {
		const finding_info *info = findings_get(i);
		char *id = roff_id(info->id), *entry, *at;
		const char *severity = NULL;

		if (findings_builtin(i))
			entry = xasprintf("\n.TP\n.B %s\n", id);
		else
			entry = xasprintf("\n.TP\n.B \"%s: allow | report | "
			    "fail\"\nDefault\n.BR report .\n", id);
		at = strstr(findings_builtin(i) ? findings : drift, entry);
		if (at == NULL)
			fail_msg("logcompat-rules.5 has no entry '%s'",
			    info->id);
		at += strlen(entry);
		if (info->severity == FINDING_DEFAULT_ERROR)
			severity = info->fixed ? "(error, cannot be changed)" :
			    "(error)";
		else if (info->severity == FINDING_DEFAULT_WARNING)
			severity = "(warning)";
		if (severity != NULL &&
		    strncmp(at, severity, strlen(severity)) != 0)
			fail_msg("logcompat-rules.5: '%s' is not %s", info->id,
			    severity);
		free(entry);
		free(id);
	}
	free(drift);
	free(findings);
	free(page);
}

/* logcompat(1): FINDINGS names every id. */
static void
test_command_page(void **state)
{
	char *page = read_page("logcompat.1");
	char *findings = section(page, "FINDINGS");

	(void)state;
	for (int i = 0; i < FINDING_COUNT; i++) {
		char *id = roff_id(findings_name(i));
		const char *at = findings;
		bool found = false;

		/* A whole word: not "level" inside "level\-share". */
		while (!found && (at = strstr(at, id)) != NULL) {
			char after = at[strlen(id)];
			char before = at == findings ? ' ' : at[-1];
			found = (after == ',' || after == ' ' ||
			    after == '\n' || after == ';') &&
			    (before == ' ' || before == '\n');
			at++;
		}
		if (!found)
			fail_msg("logcompat.1 does not name '%s'",
			    findings_name(i));
		free(id);
	}
	free(findings);
	free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_whole),
		cmocka_unit_test(test_builtin_list),
		cmocka_unit_test(test_rules_page),
		cmocka_unit_test(test_command_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
