/* cmd: what the commands share; see cmd.h. */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/rulepath.h"
#include "judge/samples.h"
#include "input/spool.h"
#include "learn/detect.h"
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

size_t
cmd_library(rulepath_entry **entries)
{
	size_t n = rulepath_list(getenv("LOGCOMPAT_RULES_PATH"),
	    getenv("LOGCOMPAT_LIBRARY"), entries);

	/* Paths as short as they can be: they show in reports. */
	for (size_t i = 0; i < n; i++) {
		char *shortest = rulepath_shortest((*entries)[i].path);
		free((*entries)[i].path);
		(*entries)[i].path = shortest;
	}
	return n;
}

/* The candidates of the library for captures; NULL with the error shown. */
static detect_candidate *
cmd_detect(const capture *captures, size_t count, size_t *found,
    uint64_t *sniffed)
{
	rulepath_entry *library = NULL;
	detect_candidate *cands = NULL;
	detect_sniff *sniff;
	char *cause = NULL;
	size_t n;

	if ((sniff = detect_sniff_new(captures, count, &cause)) == NULL) {
		cmd_trouble(cause);
		return NULL;
	}
	*sniffed = detect_sniff_lines(sniff);
	n = cmd_library(&library);
	*found = detect_library(sniff, library, n, &cands);
	rulepath_list_free(library, n);
	detect_sniff_free(sniff);
	return cands;
}

/* "NAME 43% (18 of 42 lines)" for the first few candidates. */
static void
cmd_candidates(strbuf *b, const detect_candidate *cands, size_t n)
{
	size_t shown = 0;

	for (size_t i = 0; i < n && shown < 3; i++) {
		if (cands[i].format == NULL ||
		    cands[i].conforming + cands[i].violating == 0)
			continue;
		strbuf_addf(b, "%s%s %u%% (%llu of %llu lines)",
		    shown > 0 ? ", " : "", cands[i].name,
		    detect_percent(&cands[i]), (unsigned long long)
		    (cands[i].conforming + cands[i].violating),
		    (unsigned long long)cands[i].lines);
		shown++;
	}
}

/* The choice of -r auto; quiet: say nothing when nothing fits. */
static rules *
cmd_choose_rules(capture *captures, size_t count, bool quiet)
{
	detect_candidate *cands;
	size_t n = 0;
	uint64_t sniffed = 0;
	rules *r = NULL;
	char *cause = NULL;

	/* The sniff reads the start, the command all: once from a pipe. */
	if (spool_captures(captures, count, &cause) != 0) {
		cmd_trouble(cause);
		return NULL;
	}
	if ((cands = cmd_detect(captures, count, &n, &sniffed)) == NULL)
		return NULL;
	if (quiet && (n == 0 || !detect_fits(&cands[0])))
		;
	else if (sniffed == 0)
		fputs("logcompat: -r auto: the capture holds no line to choose "
		    "a format by\n", stderr);
	else if (n == 0 || !detect_fits(&cands[0])) {
		strbuf b = { 0 };
		cmd_candidates(&b, cands, n);
		if (b.text != NULL)
			fprintf(stderr, "logcompat: -r auto: no rule file of "
			    "the library reads at least %d%% of the first %llu "
			    "lines; best: %s (see 'logcompat formats')\n",
			    DETECT_FIT_PERCENT, (unsigned long long)sniffed,
			    b.text);
		else
			fprintf(stderr, "logcompat: -r auto: no rule file of "
			    "the library reads any of the first %llu lines "
			    "(see 'logcompat formats')\n",
			    (unsigned long long)sniffed);
		strbuf_free(&b);
	} else {
		const detect_candidate *c = &cands[0];
		fprintf(stderr, "logcompat: -r auto: %s (%s) reads %llu of "
		    "the first %llu lines (%u%%: %llu conforming, %llu "
		    "violating)\n", c->name, c->path, (unsigned long long)
		    (c->conforming + c->violating),
		    (unsigned long long)c->lines,
		    detect_percent(c), (unsigned long long)c->conforming,
		    (unsigned long long)c->violating);
		r = cmd_load_rules(c->path);
	}
	detect_candidates_free(cands, n);
	return r;
}

rules *
cmd_auto_rules(capture *captures, size_t count)
{
	return cmd_choose_rules(captures, count, false);
}

rules *
cmd_library_rules(capture *captures, size_t count)
{
	return cmd_choose_rules(captures, count, true);
}

rules *
cmd_rules_for(const char *value, capture *captures, size_t count)
{
	if (strcmp(value, "auto") == 0)
		return cmd_auto_rules(captures, count);
	return cmd_load_rules(value);
}

char *
cmd_suggest_rules(const rules *r, uint64_t lines, uint64_t foreign,
    const capture *captures, size_t count)
{
	detect_candidate *cands = NULL;
	size_t n = 0, shown = 0;
	uint64_t sniffed = 0;
	strbuf note = { 0 };

	if (lines == 0 || (lines - foreign) * 100 >=
	    (uint64_t)DETECT_FIT_PERCENT * lines)
		return NULL;
	strbuf_addf(&note, "%s reads only %llu of %llu lines", r->format,
	    (unsigned long long)(lines - foreign), (unsigned long long)lines);
	/* A pipe read once, as this check did, cannot try the library. */
	if (spool_captures_rereadable(captures, count))
		cands = cmd_detect(captures, count, &n, &sniffed);
	/* The shipped formats that fit, best first. */
	for (size_t i = 0; cands != NULL && i < n && shown < 3; i++) {
		if (cands[i].format == NULL || !detect_fits(&cands[i]) ||
		    strcmp(cands[i].format, r->format) == 0)
			continue;
		if (shown == 0)
			strbuf_addf(&note, "; %s (%s) reads %u%% of the first "
			    "%llu", cands[i].name, cands[i].path,
			    detect_percent(&cands[i]),
			    (unsigned long long)sniffed);
		else
			strbuf_addf(&note, ", %s %u%%", cands[i].name,
			    detect_percent(&cands[i]));
		shown++;
	}
	for (size_t i = 0; shown > 0 && i < n; i++) {
		if (cands[i].format != NULL && detect_fits(&cands[i]) &&
		    strcmp(cands[i].format, r->format) != 0) {
			strbuf_addf(&note, ": try -r %s or -r auto",
			    cands[i].name);
			break;
		}
	}
	if (cands != NULL && shown == 0)
		strbuf_addf(&note, "; no rule file of the library reads half "
		    "of the first %llu", (unsigned long long)sniffed);
	detect_candidates_free(cands, n);
	/*
	 * Rules that read a tenth of the lines or more, with nothing better
	 * in the library, are likely right: their foreign lines are
	 * tracebacks and banners.
	 */
	if (shown == 0 && (lines - foreign) * 10 >= lines) {
		free(strbuf_take(&note));
		return NULL;
	}
	return strbuf_take(&note);
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
