/*
 * logcompat: checks captured worker logs against a declared format.
 * This file holds the command line only: options, dispatch and exit
 * statuses.  Exit statuses: 0 conforming, 1 findings that fail,
 * 2 usage or input error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/baseline.h"
#include "input/capture.h"
#include "judge/check.h"
#include "learn/compare.h"
#include "report/compare_output.h"
#include "util/error.h"
#include "learn/merge.h"
#include "mine/mining.h"
#include "report/output.h"
#include "learn/profile.h"
#include "input/recorder.h"
#include "report/report.h"
#include "decode/rulepath.h"
#include "decode/rules.h"
#include "judge/samples.h"
#include "util/xalloc.h"

#define EXIT_PASS	0
#define EXIT_FINDINGS	1
#define EXIT_TROUBLE	2

#define DEFAULT_RULES		"runpod"
#define DEFAULT_MAX_FINDINGS	1000

static const char usage_text[] =
"usage: logcompat COMMAND [OPTION]... [ARG]...\n"
"\n"
"Checks captured stdout/stderr logs of workers against a declared format.\n"
"\n"
"Commands:\n"
"  check      check captures against a rule file\n"
"  compare    is a candidate's logging compatible with a reference's?\n"
"  templates  mine the message templates of captures\n"
"  infer      write the rule file of captures' own format\n"
"  merge      merge the profiles that infer wrote for shards\n"
"  capture    run a command and capture its stdout and stderr\n"
"  help       show help for a command\n"
"\n"
"Options:\n"
"  -h, --help     show this help\n"
"  -V, --version  show the version\n"
"\n"
"Exit status: 0 conforming (compatible), 1 findings that fail\n"
"(incompatible), 2 usage or input error.\n"
"See logcompat(1) and logcompat-rules(5).\n";

static const char check_usage_text[] =
"usage: logcompat check [-r RULES] [-f text|json|github] [-o FILE]\n"
"                       [--stdout FILE] [--stderr FILE] [CAPTURE]...\n"
"\n"
"Checks each CAPTURE (a directory holding stdout.log and/or stderr.log, or\n"
"capture.log; a CRI or Docker json-file container log; a log file whose\n"
"stream is unknown; or - for standard input) against RULES.\n"
"\n"
"  -r, --rules RULES       rule file path or name (default: runpod); names\n"
"                          are looked up in $LOGCOMPAT_RULES_PATH, then the\n"
"                          installed rules, then the source tree's rules/\n"
"  -f, --format FORMAT     text (default), json or github\n"
"  -o, --output FILE       write the report to FILE instead of stdout\n"
"      --stdout FILE       a captured stdout stream (with --stderr: a pair)\n"
"      --stderr FILE       a captured stderr stream\n"
"      --max-findings N    list at most N findings (default 1000, 0 = all);\n"
"                          all are always counted\n"
"      --color WHEN        auto (default), always or never; NO_COLOR turns\n"
"                          auto off\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 conforming, 1 findings that fail, 2 usage or input error.\n";

static const char compare_usage_text[] =
"usage: logcompat compare [-r RULES] [-f text|markdown|json|junit] [-o FILE]\n"
"                         REFERENCE CANDIDATE\n"
"\n"
"Compares the logging of CANDIDATE with that of REFERENCE (captures as in\n"
"check), dimension by dimension: line-format, timestamp, levels, streams,\n"
"emoji and templates.  Without -r the reference format is inferred from\n"
"REFERENCE's own lines and shown in the report.\n"
"\n"
"  -r, --rules RULES       the reference format (path or name)\n"
"  -f, --format FORMAT     text (default), markdown, json or junit\n"
"  -o, --output FILE       write the report to FILE instead of stdout\n"
"      --color WHEN        auto (default), always or never\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 compatible, 1 incompatible, 2 usage or input error.\n";

static const char templates_usage_text[] =
"usage: logcompat templates [-r RULES] [-f text|json] [-o FILE] [--per-line]\n"
"                           CAPTURE...\n"
"\n"
"Mines message templates from the lines of each CAPTURE with a streaming,\n"
"Drain-class miner: variables (numbers, ids, hex, paths, versions, quoted\n"
"strings, URLs) are masked; with -r, the level and the leading emoji of a\n"
"log line are fixed parts of its template.  Without -r every whole line is\n"
"a message.\n"
"\n"
"  -r, --rules RULES       the format of the lines (path or name)\n"
"  -f, --format FORMAT     text (default) or json\n"
"  -o, --output FILE       write to FILE instead of stdout\n"
"      --per-line          print the template id of every input line instead\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 done, 2 usage or input error.\n";

static const char infer_usage_text[] =
"usage: logcompat infer [-o FILE] [--name NAME] [--format-from PROFILE]\n"
"                       CAPTURE...\n"
"\n"
"Infers the log format of the CAPTUREs' own lines (layout, timestamp\n"
"format, level set, leading-emoji habit, stream policy) and writes it as a\n"
"rule file, with samples taken from the input, for logcompat check -r.\n"
"The file also holds a baseline (log lines per level, the emoji of each\n"
"level, the message templates) and the drift policy check judges it with.\n"
"\n"
"  -o, --output FILE       write the rule file to FILE instead of stdout\n"
"      --name NAME         the format's name (default: inferred, or\n"
"                          PROFILE's with --format-from)\n"
"      --format-from PROFILE\n"
"                          take the layout (line, time, streams) from\n"
"                          PROFILE instead of inferring it, so that every\n"
"                          shard of a fleet, even one without log lines,\n"
"                          gives a profile merge takes\n"
"  -h, --help              show this help\n"
"\n"
"Warns on stderr when the CAPTUREs would not pass the profile written.\n"
"Exit status: 0 written, 2 usage or input error (or no layout found).\n";

static const char merge_usage_text[] =
"usage: logcompat merge [-o FILE] [--name NAME] PROFILE...\n"
"\n"
"Merges PROFILEs (rule files that logcompat infer or merge wrote, one per\n"
"shard of the same logs) into one: counts add up, sets join, whatever the\n"
"order.  Their layouts (line pattern, time format) must be the same.\n"
"A PROFILE of - is read from standard input (once at most).\n"
"\n"
"  -o, --output FILE       write the profile to FILE instead of stdout\n"
"      --name NAME         the format's name (default: the profiles' own)\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 written, 2 usage or input error (or layouts that differ).\n";

static const char capture_usage_text[] =
"usage: logcompat capture [-d DIR] -- COMMAND [ARG]...\n"
"\n"
"Runs COMMAND with its stdout and stderr on two pipes and writes what it\n"
"writes, byte for byte, to DIR/stdout.log and DIR/stderr.log, and the\n"
"arrival time and stream of every line to DIR/capture.log in the CRI log\n"
"format.  SIGINT and SIGTERM are passed on to COMMAND.\n"
"\n"
"  -d, --dir DIR           where to write (default: capture); made if missing\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: COMMAND's (128+N when a signal N ended it; 127 when it is not\n"
"found, 126 when it cannot run), or 2 when the capture itself failed.\n";

static int
usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fputs("logcompat: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'logcompat %s--help')\n",
	    command != NULL ? command : "");
	return EXIT_TROUBLE;
}

/*
 * getopt's error, in our words (opterr is off): optopt holds the option
 * that lacks its value, or the unknown short option, or 0 for an unknown
 * long one.  shortopts is the command's getopt string: an option in it
 * with a ':' lacks its value.
 */
static int
option_error(const char *command, char **argv, const char *shortopts)
{
	const char *given = argv[optind - 1];
	const char *known = optopt > 0 && optopt < 256 && optopt != ':' &&
	    optopt != '+' ? strchr(shortopts, optopt) : NULL;

	if (optopt >= 256 || (known != NULL && known[1] == ':'))
		return usage_error(command, "option '%s' needs a value", given);
	if (optopt != 0)
		return usage_error(command, "unknown option '-%c'", optopt);
	return usage_error(command, "unknown option '%s'", given);
}

static int
trouble(char *cause)
{
	fprintf(stderr, "logcompat: %s\n", cause);
	free(cause);
	return EXIT_TROUBLE;
}

/* r with its samples verified, or NULL with the error printed. */
static rules *
verified_rules(rules *r, lc_error *err)
{
	if (r != NULL && samples_verify(r, err) != 0) {
		rules_free(r);
		r = NULL;
	}
	if (r == NULL)
		lc_error_print(stderr, err);
	return r;
}

/* Find, load and verify a rule file; prints the error itself. */
static rules *
load_rules(const char *value)
{
	char *cause = NULL, *path;
	lc_error err;
	rules *r;

	path = rulepath_find(value, getenv("LOGCOMPAT_RULES_PATH"), &cause);
	if (path == NULL) {
		trouble(cause);
		return NULL;
	}
	lc_error_clear(&err);
	r = verified_rules(rules_load(path, &err), &err);
	free(path);
	return r;
}

/* A rule file from standard input (merge -), named as messages show it. */
static rules *
load_rules_stdin(void)
{
	size_t len = 0, cap = 65536, got;
	char *text = xmalloc(cap);
	lc_error err;
	rules *r;

	while ((got = fread(text + len, 1, cap - len, stdin)) > 0) {
		len += got;
		if (len == cap)
			text = xrealloc(text, cap *= 2);
	}
	if (ferror(stdin)) {
		free(text);
		trouble(xasprintf("cannot read standard input: %s",
		    strerror(errno)));
		return NULL;
	}
	lc_error_clear(&err);
	r = verified_rules(rules_load_text("(standard input)", text, len,
	    &err), &err);
	free(text);
	return r;
}

static bool
parse_count(const char *text, size_t *count)
{
	char *end;
	unsigned long long value;

	if (*text < '0' || *text > '9')
		return false;
	value = strtoull(text, &end, 10);
	if (*end != '\0' || value > SIZE_MAX)
		return false;
	*count = (size_t)value;
	return true;
}

/* Resolve n CAPTURE arguments after the *count captures already there. */
static int
resolve_captures(char **args, int n, capture *captures, size_t *count,
    char **cause)
{
	for (int i = 0; i < n; i++) {
		if (capture_resolve(args[i], &captures[*count], cause) != 0)
			return -1;
		(*count)++;
	}
	return 0;
}

static void
free_captures(capture *captures, size_t count)
{
	for (size_t i = 0; i < count; i++)
		capture_free(&captures[i]);
	free(captures);
}

/* Open -o FILE, or stdout.  Colour only ever goes to a terminal. */
static FILE *
open_output(const char *path, const char *color, bool *use_color)
{
	FILE *out = stdout;
	const char *no_color = getenv("NO_COLOR");

	if (path != NULL && strcmp(path, "-") != 0) {
		out = fopen(path, "w");
		if (out == NULL) {
			fprintf(stderr, "logcompat: cannot write %s: %s\n", path,
			    strerror(errno));
			return NULL;
		}
	}
	if (strcmp(color, "always") == 0)
		*use_color = true;
	else if (strcmp(color, "never") == 0)
		*use_color = false;
	else
		*use_color = isatty(fileno(out)) &&
		    (no_color == NULL || *no_color == '\0');
	return out;
}

static int
close_output(FILE *out)
{
	int failed = fflush(out) != 0 || ferror(out);

	if (out != stdout)
		failed |= fclose(out) != 0;
	if (failed) {
		fprintf(stderr, "logcompat: cannot write the report\n");
		return -1;
	}
	return 0;
}

/* Write a rule file to -o FILE or stdout; the exit status. */
static int
write_text(const char *path, const char *text)
{
	bool use_color = false;
	FILE *out = open_output(path, "never", &use_color);

	if (out == NULL)
		return EXIT_TROUBLE;
	fputs(text, out);
	return close_output(out) == 0 ? EXIT_PASS : EXIT_TROUBLE;
}

static bool
parse_color(const char *value)
{
	return strcmp(value, "auto") == 0 || strcmp(value, "always") == 0 ||
	    strcmp(value, "never") == 0;
}

enum { OPT_STDOUT = 256, OPT_STDERR, OPT_MAX_FINDINGS, OPT_COLOR };

static int
cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "stdout", required_argument, NULL, OPT_STDOUT },
		{ "stderr", required_argument, NULL, OPT_STDERR },
		{ "max-findings", required_argument, NULL, OPT_MAX_FINDINGS },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rules_value = DEFAULT_RULES, *output_path = NULL;
	const char *stdout_path = NULL, *stderr_path = NULL, *color = "auto";
	output_format format = OUTPUT_TEXT;
	size_t max_findings = DEFAULT_MAX_FINDINGS;
	capture *captures = NULL;
	size_t capture_count = 0;
	char *cause = NULL;
	int opt, status = EXIT_TROUBLE;

	while ((opt = getopt_long(argc, argv, "r:f:o:h", options,
	    NULL)) != -1) {
		switch (opt) {
		case 'r':
			rules_value = optarg;
			break;
		case 'f':
			if (!output_parse_format(optarg, &format))
				return usage_error("check ", "unknown format "
				    "'%s' (expected text, json or github)",
				    optarg);
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPT_STDOUT:
			stdout_path = optarg;
			break;
		case OPT_STDERR:
			stderr_path = optarg;
			break;
		case OPT_MAX_FINDINGS:
			if (!parse_count(optarg, &max_findings))
				return usage_error("check ", "--max-findings "
				    "takes a whole number, not '%s'", optarg);
			break;
		case OPT_COLOR:
			if (!parse_color(optarg))
				return usage_error("check ", "--color takes "
				    "auto, always or never, not '%s'", optarg);
			color = optarg;
			break;
		case 'h':
			fputs(check_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("check ", argv, "r:f:o:h");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && stdout_path == NULL && stderr_path == NULL)
		return usage_error("check ", "no capture given");
	if (stdout_path != NULL && stderr_path != NULL &&
	    strcmp(stdout_path, "-") == 0 && strcmp(stderr_path, "-") == 0)
		return usage_error("check ", "--stdout and --stderr cannot "
		    "both be standard input");

	captures = xcalloc((size_t)argc + 1, sizeof *captures);
	if (stdout_path != NULL || stderr_path != NULL) {
		if (capture_from_streams(stdout_path, stderr_path,
		    &captures[capture_count], &cause) != 0)
			goto out;
		capture_count++;
	}
	if (resolve_captures(argv, argc, captures, &capture_count,
	    &cause) != 0)
		goto out;

	rules *r = load_rules(rules_value);
	if (r == NULL)
		goto out;
	report *rep = report_new(r->format, r->path, max_findings);
	for (size_t i = 0; i < capture_count && cause == NULL; i++)
		check_capture(r, &captures[i], rep, &cause);
	if (cause == NULL) {
		bool use_color = false;
		FILE *out = open_output(output_path, color, &use_color);
		report_sort(rep);
		if (out != NULL) {
			int written = output_check(out, rep, format, use_color);
			if (close_output(out) == 0 && written == 0)
				status = report_failed(rep) ? EXIT_FINDINGS :
				    EXIT_PASS;
		}
	}
	report_free(rep);
	rules_free(r);
out:
	if (cause != NULL)
		status = trouble(cause);
	free_captures(captures, capture_count);
	return status;
}

static int
cmd_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rules_value = NULL, *output_path = NULL, *color = "auto";
	compare_format format = COMPARE_TEXT;
	capture sides[2];
	compare_result result;
	rules *r = NULL;
	char *cause = NULL;
	int opt, status = EXIT_TROUBLE;

	while ((opt = getopt_long(argc, argv, "r:f:o:h", options,
	    NULL)) != -1) {
		switch (opt) {
		case 'r':
			rules_value = optarg;
			break;
		case 'f':
			if (!compare_output_parse_format(optarg, &format))
				return usage_error("compare ", "unknown format "
				    "'%s' (expected text, markdown, json or "
				    "junit)", optarg);
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPT_COLOR:
			if (!parse_color(optarg))
				return usage_error("compare ", "--color takes "
				    "auto, always or never, not '%s'", optarg);
			color = optarg;
			break;
		case 'h':
			fputs(compare_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("compare ", argv, "r:f:o:h");
		}
	}
	if (argc - optind != 2)
		return usage_error("compare ", "compare takes two captures, "
		    "REFERENCE and CANDIDATE (%d given)", argc - optind);
	memset(sides, 0, sizeof sides);
	for (int i = 0; i < 2; i++) {
		if (capture_resolve(argv[optind + i], &sides[i], &cause) != 0)
			goto out;
	}
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0) {
		cause = xstrdup("REFERENCE and CANDIDATE cannot both be "
		    "standard input");
		goto out;
	}
	if (rules_value != NULL && (r = load_rules(rules_value)) == NULL)
		goto out;
	/* compare judges formats; drift from a profile's baseline is check's. */
	if (r != NULL) {
		baseline_free(r->baseline);
		r->baseline = NULL;
	}
	if (compare_run(r, &sides[0], &sides[1], &result, &cause) == 0) {
		bool use_color = false;
		FILE *out = open_output(output_path, color, &use_color);
		if (out != NULL) {
			int written = compare_output(out, &result, format,
			    use_color);
			if (close_output(out) == 0 && written == 0)
				status = result.compatible ? EXIT_PASS :
				    EXIT_FINDINGS;
		}
		compare_result_free(&result);
	}
out:
	if (cause != NULL)
		status = trouble(cause);
	rules_free(r);
	capture_free(&sides[0]);
	capture_free(&sides[1]);
	return status;
}

enum { OPT_PER_LINE = 300 };

static int
cmd_templates(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "per-line", no_argument, NULL, OPT_PER_LINE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rules_value = NULL, *output_path = NULL;
	mining_format format = MINING_TEXT;
	bool per_line = false, use_color = false;
	capture *captures = NULL;
	size_t count = 0;
	rules *r = NULL;
	char *cause = NULL;
	int opt, status = EXIT_TROUBLE;

	while ((opt = getopt_long(argc, argv, "r:f:o:h", options,
	    NULL)) != -1) {
		switch (opt) {
		case 'r':
			rules_value = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				format = MINING_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = MINING_JSON;
			else
				return usage_error("templates ", "unknown "
				    "format '%s' (expected text or json)",
				    optarg);
			break;
		case 'o':
			output_path = optarg;
			break;
		case OPT_PER_LINE:
			per_line = true;
			break;
		case 'h':
			fputs(templates_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("templates ", argv, "r:f:o:h");
		}
	}
	if (optind == argc)
		return usage_error("templates ", "no capture given");
	captures = xcalloc((size_t)(argc - optind), sizeof *captures);
	if (resolve_captures(argv + optind, argc - optind, captures, &count,
	    &cause) != 0)
		goto out;
	if (rules_value != NULL && (r = load_rules(rules_value)) == NULL)
		goto out;
	FILE *out = open_output(output_path, "never", &use_color);
	if (out == NULL)
		goto out;
	int mined = mining_run(r, captures, count, per_line, format, out,
	    &cause);
	if (close_output(out) == 0 && mined == 0)
		status = EXIT_PASS;
out:
	if (cause != NULL)
		status = trouble(cause);
	rules_free(r);
	free_captures(captures, count);
	return status;
}

enum { OPT_NAME = 320, OPT_FORMAT_FROM };

/*
 * infer blesses no bad line (a wrong time format, a line too long stay
 * findings), so say when its own captures will not pass the profile.
 */
static void
infer_warn_unclean(uint64_t failing, const char *ids,
    const char *check_cause, const char *path)
{
	if (check_cause != NULL) {
		fprintf(stderr, "logcompat: warning: the captures could not "
		    "be checked against the profile: %s\n", check_cause);
	} else if (failing > 0) {
		fprintf(stderr, "logcompat: warning: the captures do not pass "
		    "the profile written: %llu finding%s (%s); "
		    "logcompat check -r %s lists them\n",
		    (unsigned long long)failing, failing == 1 ? " that fails" :
		    "s that fail", ids,
		    path != NULL && strcmp(path, "-") != 0 ? path : "PROFILE");
	}
}

/* Standard input can be read once: it cannot be two arguments. */
static bool
stdin_twice(int count, char **args)
{
	int seen = 0;

	for (int i = 0; i < count; i++)
		seen += strcmp(args[i], "-") == 0;
	return seen > 1;
}

static int
cmd_infer(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "format-from", required_argument, NULL, OPT_FORMAT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *output_path = NULL, *name = NULL;
	capture *captures = NULL;
	size_t count = 0;
	uint64_t failing = 0;
	char *cause = NULL, *yaml = NULL, *ids = NULL, *check_cause = NULL;
	const char *layout_path = NULL;
	rules *layout_from = NULL;
	int opt, status = EXIT_TROUBLE;

	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output_path = optarg;
			break;
		case OPT_NAME:
			/* It becomes the rule file's `format`. */
			if (!rules_format_name_ok(optarg))
				return usage_error("infer ", "--name must match "
				    "[a-z0-9][a-z0-9._-]*, not '%s'", optarg);
			name = optarg;
			break;
		case OPT_FORMAT_FROM:
			layout_path = optarg;
			break;
		case 'h':
			fputs(infer_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("infer ", argv, "o:h");
		}
	}
	if (optind == argc)
		return usage_error("infer ", "no capture given");
	if (stdin_twice(argc - optind, argv + optind))
		return usage_error("infer ", "- (standard input) given more "
		    "than once");
	captures = xcalloc((size_t)(argc - optind), sizeof *captures);
	if (resolve_captures(argv + optind, argc - optind, captures, &count,
	    &cause) != 0)
		goto out;
	if (layout_path != NULL && (layout_from = load_rules(layout_path)) ==
	    NULL)
		goto out;
	if (name == NULL)
		name = layout_from != NULL ? layout_from->format : "inferred";
	yaml = profile_infer_checked(captures, count, name, layout_from,
	    &failing, &ids, &check_cause, &cause);
	if (yaml != NULL)
		status = write_text(output_path, yaml);
	if (status == EXIT_PASS)
		infer_warn_unclean(failing, ids, check_cause, output_path);
out:
	rules_free(layout_from);
	free(ids);
	free(check_cause);
	if (cause != NULL)
		status = trouble(cause);
	free(yaml);
	free_captures(captures, count);
	return status;
}

static int
cmd_merge(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *output_path = NULL, *name = NULL;
	rules **profiles = NULL;
	size_t count = 0;
	char *cause = NULL, *yaml = NULL;
	int opt, status = EXIT_TROUBLE;

	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output_path = optarg;
			break;
		case OPT_NAME:
			if (!rules_format_name_ok(optarg))
				return usage_error("merge ", "--name must match "
				    "[a-z0-9][a-z0-9._-]*, not '%s'", optarg);
			name = optarg;
			break;
		case 'h':
			fputs(merge_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("merge ", argv, "o:h");
		}
	}
	if (optind == argc)
		return usage_error("merge ", "no profile given");
	if (stdin_twice(argc - optind, argv + optind))
		return usage_error("merge ", "- (standard input) given more "
		    "than once");
	profiles = xcalloc((size_t)(argc - optind), sizeof *profiles);
	for (int i = optind; i < argc; i++) {
		profiles[count] = strcmp(argv[i], "-") == 0 ?
		    load_rules_stdin() : load_rules(argv[i]);
		if (profiles[count] == NULL)
			goto out;
		count++;
	}
	yaml = merge_profiles(profiles, count, name, &cause);
	if (yaml != NULL)
		status = write_text(output_path, yaml);
out:
	if (cause != NULL)
		status = trouble(cause);
	free(yaml);
	for (size_t i = 0; i < count; i++)
		rules_free(profiles[i]);
	free(profiles);
	return status;
}

static int
cmd_capture(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	recorder_options opts = { .dir = "capture" };
	char *cause = NULL;
	int opt, status;

	/* '+': options end at COMMAND, whose own options are its own. */
	while ((opt = getopt_long(argc, argv, "+d:h", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			opts.dir = optarg;
			break;
		case 'h':
			fputs(capture_usage_text, stdout);
			return EXIT_PASS;
		default:
			return option_error("capture ", argv, "+d:h");
		}
	}
	if (optind == argc)
		return usage_error("capture ", "no command given");
	opts.argv = argv + optind;
	status = recorder_run(&opts, &cause);
	if (cause != NULL) {
		fprintf(stderr, "logcompat: %s\n", cause);
		free(cause);
	}
	return status < 0 ? EXIT_TROUBLE : status;
}

static int
cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "check") == 0) {
		fputs(check_usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "compare") == 0) {
		fputs(compare_usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "templates") == 0) {
		fputs(templates_usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "infer") == 0) {
		fputs(infer_usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "capture") == 0) {
		fputs(capture_usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "merge") == 0) {
		fputs(merge_usage_text, stdout);
		return EXIT_PASS;
	}
	return usage_error(NULL, "no command '%s'", argv[1]);
}

int
main(int argc, char **argv)
{
	opterr = 0;	/* option_error says it in our words */
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_TROUBLE;
	}
	const char *command = argv[1];
	if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0)
		return cmd_help(1, argv);
	if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
		printf("logcompat %s\n", PACKAGE_VERSION);
		return EXIT_PASS;
	}
	if (strcmp(command, "help") == 0)
		return cmd_help(argc - 1, argv + 1);
	if (strcmp(command, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(command, "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
	if (strcmp(command, "templates") == 0)
		return cmd_templates(argc - 1, argv + 1);
	if (strcmp(command, "infer") == 0)
		return cmd_infer(argc - 1, argv + 1);
	if (strcmp(command, "capture") == 0)
		return cmd_capture(argc - 1, argv + 1);
	if (strcmp(command, "merge") == 0)
		return cmd_merge(argc - 1, argv + 1);
	return usage_error(NULL, "no command '%s'", command);
}
