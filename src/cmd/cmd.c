/* cmd: what the commands share; see cmd.h. */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/rulepath.h"
#include "judge/samples.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

int
cmd_print_usage(const cmd_entry *entry)
{
	fputs(entry->usage, stdout);
	return CMD_PASS;
}

int
cmd_usage_error(const cmd_entry *entry, const char *fmt, ...)
{
	va_list ap;

	fputs("logcompat: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (entry != NULL)
		fprintf(stderr, " (see 'logcompat %s --help')\n", entry->name);
	else
		fputs(" (see 'logcompat --help')\n", stderr);
	return CMD_TROUBLE;
}

/*
 * optopt holds the option that lacks its value, or the unknown short
 * option, or 0 for an unknown long one.  A short option in shortopts with
 * a ':' lacks its value.
 */
int
cmd_option_error(const cmd_entry *entry, char **argv)
{
	const char *given = argv[optind - 1];
	const char *known = optopt > 0 && optopt < 256 && optopt != ':' &&
	    optopt != '+' ? strchr(entry->shortopts, optopt) : NULL;

	if (optopt >= 256 || (known != NULL && known[1] == ':'))
		return cmd_usage_error(entry, "option '%s' needs a value",
		    given);
	if (optopt != 0)
		return cmd_usage_error(entry, "unknown option '-%c'", optopt);
	return cmd_usage_error(entry, "unknown option '%s'", given);
}

int
cmd_trouble(char *cause)
{
	fprintf(stderr, "logcompat: %s\n", cause);
	free(cause);
	return CMD_TROUBLE;
}

int
cmd_format_parse(const cmd_entry *entry, const char *name)
{
	const cmd_format *f;
	strbuf expected = { 0 };

	for (f = entry->formats; f->name != NULL; f++) {
		if (strcmp(f->name, name) == 0)
			return f->value;
	}
	/* "text, markdown, json or junit": the last two joined by "or". */
	for (f = entry->formats; f->name != NULL; f++) {
		if (f != entry->formats)
			strbuf_adds(&expected, f[1].name != NULL ? ", " :
			    " or ");
		strbuf_adds(&expected, f->name);
	}
	cmd_usage_error(entry, "unknown format '%s' (expected %s)", name,
	    expected.text);
	strbuf_free(&expected);
	return -1;
}

bool
cmd_color_ok(const cmd_entry *entry, const char *value)
{
	if (strcmp(value, "auto") == 0 || strcmp(value, "always") == 0 ||
	    strcmp(value, "never") == 0)
		return true;
	cmd_usage_error(entry, "--color takes auto, always or never, not '%s'",
	    value);
	return false;
}

rules *
cmd_verified_rules(rules *r, lc_error *err)
{
	if (r != NULL && samples_verify(r, err) != 0) {
		rules_free(r);
		r = NULL;
	}
	if (r == NULL)
		lc_error_print(stderr, err);
	return r;
}

rules *
cmd_load_rules(const char *value)
{
	char *cause = NULL, *path;
	lc_error err;
	rules *r;

	path = rulepath_find(value, getenv("LOGCOMPAT_RULES_PATH"), &cause);
	if (path == NULL) {
		cmd_trouble(cause);
		return NULL;
	}
	lc_error_clear(&err);
	r = cmd_verified_rules(rules_load(path, &err), &err);
	free(path);
	return r;
}

int
cmd_resolve_captures(char **args, int n, capture *captures, size_t *count,
    char **cause)
{
	for (int i = 0; i < n; i++) {
		if (capture_resolve(args[i], &captures[*count], cause) != 0)
			return -1;
		(*count)++;
	}
	return 0;
}

void
cmd_free_captures(capture *captures, size_t count)
{
	for (size_t i = 0; i < count; i++)
		capture_free(&captures[i]);
	free(captures);
}

bool
cmd_stdin_twice(int count, char **args)
{
	int seen = 0;

	for (int i = 0; i < count; i++)
		seen += strcmp(args[i], "-") == 0;
	return seen > 1;
}

static bool
cmd_output_is(const cmd_entry *entry, const char *output, const char *input)
{
	if (!outfile_same_as(output, input))
		return false;
	cmd_usage_error(entry, "-o %s would overwrite the input %s", output,
	    input);
	return true;
}

bool
cmd_output_is_input(const cmd_entry *entry, const char *output,
    const capture *captures, size_t count, const char *const *files,
    size_t file_count)
{
	if (output == NULL || strcmp(output, "-") == 0)
		return false;
	for (size_t i = 0; i < count; i++) {
		for (size_t k = 0; k < captures[i].source_count; k++) {
			if (cmd_output_is(entry, output,
			    captures[i].sources[k].path))
				return true;
		}
	}
	for (size_t i = 0; i < file_count; i++) {
		if (files[i] != NULL && cmd_output_is(entry, output, files[i]))
			return true;
	}
	return false;
}

outfile *
cmd_open_output(const char *path, const char *color, bool *use_color)
{
	const char *no_color = getenv("NO_COLOR");
	char *cause = NULL;
	outfile *out = outfile_open(path, &cause);

	if (out == NULL) {
		cmd_trouble(cause);
		return NULL;
	}
	if (strcmp(color, "always") == 0)
		*use_color = true;
	else if (strcmp(color, "never") == 0)
		*use_color = false;
	else
		*use_color = isatty(fileno(outfile_stream(out))) &&
		    (no_color == NULL || *no_color == '\0');
	return out;
}

int
cmd_close_output(outfile *out)
{
	char *cause = NULL;

	if (outfile_commit(out, &cause) != 0) {
		cmd_trouble(cause);
		return -1;
	}
	return 0;
}

int
cmd_write_text(const char *path, const char *text)
{
	bool use_color = false;
	outfile *out = cmd_open_output(path, "never", &use_color);

	if (out == NULL)
		return CMD_TROUBLE;
	fputs(text, outfile_stream(out));
	return cmd_close_output(out) == 0 ? CMD_PASS : CMD_TROUBLE;
}
