/*
 * check: `logcompat check`, captures against a rule file.  The data path
 * is judge/check.c's; this file reads the arguments and writes the report.
 */
#include "cmd/cmd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "judge/check.h"
#include "report/output.h"
#include "judge/report.h"
#include "util/xalloc.h"

#define CHECK_DEFAULT_RULES		"runpod"
#define CHECK_DEFAULT_MAX_FINDINGS	1000

static const char cmd_check_usage[] =
"usage: logcompat check [-r RULES] [-f text|json|github|sarif|junit|html]\n"
"                       [-o FILE] [--stdout FILE] [--stderr FILE]\n"
"                       [CAPTURE]...\n"
"\n"
"Checks each CAPTURE (a directory holding stdout.log and/or stderr.log, or\n"
"capture.log; a CRI or Docker json-file container log; a log file whose\n"
"stream is unknown; or - for standard input) against RULES.\n"
"\n"
"  -r, --rules RULES       rule file path or name (default: runpod); names\n"
"                          are looked up in $LOGCOMPAT_RULES_PATH, then the\n"
"                          installed rules, then the source tree's rules/;\n"
"                          auto: the rule file of the library that reads\n"
"                          the captures' first lines best\n"
"  -f, --format FORMAT     text (default), json, github, sarif (SARIF\n"
"                          2.1.0), junit (JUnit XML) or html (one\n"
"                          self-contained page)\n"
"  -o, --output FILE       write the report to FILE instead of stdout\n"
"      --stdout FILE       a captured stdout stream (with --stderr: a pair)\n"
"      --stderr FILE       a captured stderr stream\n"
"      --max-findings N    list at most N findings (default 1000, 0 = all),\n"
"                          errors first; all are always counted\n"
"      --fail-on SEVERITY  error (default): errors fail the check;\n"
"                          warning: any warning fails it too\n"
"      --color WHEN        auto (default), always or never; NO_COLOR turns\n"
"                          auto off\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 conforming, 1 findings that fail (errors, or with\n"
"--fail-on warning any finding), 2 usage or input error.\n";

enum {
	OPT_STDOUT = 256, OPT_STDERR, OPT_MAX_FINDINGS, OPT_COLOR, OPT_FAIL_ON
};

static const struct option cmd_check_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "stdout", required_argument, NULL, OPT_STDOUT },
	{ "stderr", required_argument, NULL, OPT_STDERR },
	{ "max-findings", required_argument, NULL, OPT_MAX_FINDINGS },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const cmd_format cmd_check_formats[] = {
	{ "text", OUTPUT_TEXT },
	{ "json", OUTPUT_JSON },
	{ "github", OUTPUT_GITHUB },
	{ "sarif", OUTPUT_SARIF },
	{ "junit", OUTPUT_JUNIT },
	{ "html", OUTPUT_HTML },
	{ NULL, 0 }
};

static int	cmd_check_run(int, char **);

const cmd_entry cmd_check_entry = {
	.name = "check",
	.summary = "check captures against a rule file",
	.usage = cmd_check_usage,
	.shortopts = "r:f:o:h",
	.longopts = cmd_check_options,
	.formats = cmd_check_formats,
	.run = cmd_check_run
};

static bool
cmd_check_parse_count(const char *text, size_t *count)
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

/* Check every capture into one report and write it; the exit status. */
static int
cmd_check_captures(const rules *r, const capture *captures, size_t count,
    size_t max_findings, bool fail_on_warning, output_format format,
    const char *output_path, const char *color, bool suggest, char **cause)
{
	report *rep = report_new(r->format, r->path, max_findings);
	bool use_color = false;
	outfile *out;
	int status = CMD_TROUBLE;

	report_set_fail_on_warning(rep, fail_on_warning);

	for (size_t i = 0; i < count && *cause == NULL; i++)
		check_capture(r, &captures[i], rep, cause);
	/* Rules that read almost nothing: say which would fit. */
	if (*cause == NULL && suggest) {
		char *note = cmd_suggest_rules(r, rep->total.lines,
		    rep->total.foreign, captures, count);
		report_set_rules_note(rep, note);
		free(note);
	}
	if (*cause == NULL) {
		report_sort(rep);
		out = cmd_open_output(output_path, color, &use_color);
		if (out != NULL) {
			int written = output_check_rules(outfile_stream(out),
			    rep, format, use_color, r);
			if (cmd_close_output(out) == 0 && written == 0)
				status = report_failed(rep) ? CMD_FINDINGS :
				    CMD_PASS;
		}
	}
	report_free(rep);
	return status;
}

static int
cmd_check_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_check_entry;
	const char *rules_value = CHECK_DEFAULT_RULES, *output_path = NULL;
	const char *stdout_path = NULL, *stderr_path = NULL, *color = "auto";
	int format = OUTPUT_TEXT;
	size_t max_findings = CHECK_DEFAULT_MAX_FINDINGS;
	bool fail_on_warning = false;
	capture *captures = NULL;
	size_t capture_count = 0;
	rules *r;
	char *cause = NULL;
	int opt, status = CMD_TROUBLE;

	while ((opt = getopt_long(argc, argv, self->shortopts, self->longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'r':
			rules_value = optarg;
			break;
		case 'f':
			if ((format = cmd_format_parse(self, optarg)) == -1)
				return CMD_TROUBLE;
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
			if (!cmd_check_parse_count(optarg, &max_findings))
				return cmd_usage_error(self, "--max-findings "
				    "takes a whole number, not '%s'", optarg);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") != 0 &&
			    strcmp(optarg, "warning") != 0)
				return cmd_usage_error(self, "--fail-on takes "
				    "error or warning, not '%s'", optarg);
			fail_on_warning = strcmp(optarg, "warning") == 0;
			break;
		case OPT_COLOR:
			if (!cmd_color_ok(self, optarg))
				return CMD_TROUBLE;
			color = optarg;
			break;
		case 'h':
			return cmd_print_usage(self);
		default:
			return cmd_option_error(self, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && stdout_path == NULL && stderr_path == NULL)
		return cmd_usage_error(self, "no capture given");
	if (stdout_path != NULL && stderr_path != NULL &&
	    strcmp(stdout_path, "-") == 0 && strcmp(stderr_path, "-") == 0)
		return cmd_usage_error(self, "--stdout and --stderr cannot "
		    "both be standard input");

	/* --stdout - and --stderr - count with the captures' -. */
	char *all[] = { (char *)stdout_path, (char *)stderr_path };
	int stdin_count = 0;
	for (int i = 0; i < argc + 2; i++) {
		const char *arg = i < argc ? argv[i] : all[i - argc];
		stdin_count += arg != NULL && strcmp(arg, "-") == 0;
	}
	if (stdin_count > 1)
		return cmd_usage_error(self, "- (standard input) given more "
		    "than once");
	captures = xcalloc((size_t)argc + 1, sizeof *captures);
	if (stdout_path != NULL || stderr_path != NULL) {
		if (capture_from_streams(stdout_path, stderr_path,
		    &captures[capture_count], &cause) != 0)
			goto out;
		capture_count++;
	}
	if (cmd_resolve_captures(argv, argc, captures, &capture_count,
	    &cause) != 0)
		goto out;
	if ((r = cmd_rules_for(rules_value, captures, capture_count)) == NULL)
		goto out;
	if (cmd_output_is_input(self, output_path, captures, capture_count,
	    (const char *[]){ r->path }, 1)) {
		rules_free(r);
		goto out;
	}
	status = cmd_check_captures(r, captures, capture_count, max_findings,
	    fail_on_warning, format, output_path, color,
	    strcmp(rules_value, "auto") != 0, &cause);
	rules_free(r);
out:
	if (cause != NULL)
		status = cmd_trouble(cause);
	cmd_free_captures(captures, capture_count);
	return status;
}
