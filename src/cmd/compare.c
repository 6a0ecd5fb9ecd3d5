/*
 * compare: `logcompat compare`, a candidate's logging against a
 * reference's.  learn/compare.c computes the result; report/compare_output.c
 * renders it.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/spool.h"
#include "learn/compare.h"
#include "report/compare_output.h"
#include "util/xalloc.h"

static const char cmd_compare_usage[] =
"usage: logcompat compare [-r RULES] [-f FORMAT] [-o FILE]\n"
"                         REFERENCE CANDIDATE\n"
"\n"
"Compares the logging of CANDIDATE with that of REFERENCE (captures as in\n"
"check), dimension by dimension: line-format, keys (of JSON and logfmt\n"
"records), timestamp, levels, streams, emoji, templates, flush (how late\n"
"twins arrive, when the captures have arrival times) and checks (what\n"
"check finds on each side).  Without -r the reference format is the\n"
"library's rule file that fits REFERENCE's first lines best (as -r auto),\n"
"or when none does, inferred from REFERENCE's own lines and shown in the\n"
"report.\n"
"\n"
"  -r, --rules RULES       the reference format (path or name); auto: the\n"
"                          library's that fits REFERENCE; infer: inferred\n"
"  -f, --format FORMAT     text (default), markdown, json, junit, sarif,\n"
"                          html or github (annotations; the Markdown\n"
"                          report is appended to $GITHUB_STEP_SUMMARY when\n"
"                          it is set)\n"
"  -o, --output FILE       write the report to FILE instead of stdout\n"
"      --color WHEN        auto (default), always or never\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 compatible, 1 incompatible, 2 usage or input error.\n";

enum { OPT_COLOR = 256 };

static const struct option cmd_compare_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const cmd_format cmd_compare_formats[] = {
	{ "text", COMPARE_TEXT },
	{ "markdown", COMPARE_MARKDOWN },
	{ "json", COMPARE_JSON },
	{ "junit", COMPARE_JUNIT },
	{ "sarif", COMPARE_SARIF },
	{ "github", COMPARE_GITHUB },
	{ "html", COMPARE_HTML },
	{ NULL, 0 }
};

static int	cmd_compare_run(int, char **);

const cmd_entry cmd_compare_entry = {
	.name = "compare",
	.summary = "is a candidate's logging compatible with a reference's?",
	.usage = cmd_compare_usage,
	.shortopts = "r:f:o:h",
	.longopts = cmd_compare_options,
	.formats = cmd_compare_formats,
	.run = cmd_compare_run
};

/*
 * With -f github in a GitHub Actions job, the Markdown report goes to the
 * job summary, the file $GITHUB_STEP_SUMMARY names (appended to, as every
 * step does).  0, or -1 with *cause.
 */
static int
cmd_compare_summary(const compare_result *result, int format, char **cause)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	FILE *f;

	if (format != COMPARE_GITHUB || path == NULL || *path == '\0')
		return 0;
	if ((f = fopen(path, "a")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (compare_output(f, result, COMPARE_MARKDOWN, false) != 0) {
		*cause = xasprintf("%s: cannot write the job summary", path);
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
cmd_compare_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_compare_entry;
	const char *rules_value = NULL, *output_path = NULL, *color = "auto";
	int format = COMPARE_TEXT;
	capture sides[2];
	compare_result result;
	rules *r = NULL;
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
	if (argc - optind != 2)
		return cmd_usage_error(self, "compare takes two captures, "
		    "REFERENCE and CANDIDATE (%d given)", argc - optind);
	memset(sides, 0, sizeof sides);
	for (int i = 0; i < 2; i++) {
		if (capture_resolve(argv[optind + i], &sides[i], &cause) != 0)
			goto out;
	}
	if (strcmp(argv[optind], "-") == 0 &&
	    strcmp(argv[optind + 1], "-") == 0) {
		cause = xstrdup("REFERENCE and CANDIDATE cannot both be "
		    "standard input");
		goto out;
	}
	/* Each side is read more than once: a pipe's through a copy. */
	if (spool_captures(sides, 2, &cause) != 0)
		goto out;
	/*
	 * Without -r, a rule file of the library that fits the reference
	 * comes before inference; -r infer asks for inference alone.
	 */
	if (rules_value == NULL)
		r = cmd_library_rules(&sides[0], 1);
	else if (rules_value != NULL && strcmp(rules_value, "infer") != 0 &&
	    (r = cmd_rules_for(rules_value, &sides[0], 1)) == NULL)
		goto out;
	if (cmd_output_is_input(self, output_path, sides, 2,
	    (const char *[]){ r != NULL ? r->path : NULL }, 1))
		goto out;
	/* compare judges formats; drift from a baseline is check's. */
	if (r != NULL)
		rules_drop_baseline(r);
	if (compare_run(r, &sides[0], &sides[1], &result, &cause) == 0) {
		bool use_color = false;
		outfile *out = cmd_open_output(output_path, color, &use_color);
		if (out != NULL) {
			int written = compare_output(outfile_stream(out),
			    &result, format, use_color);
			if (cmd_close_output(out) == 0 && written == 0 &&
			    cmd_compare_summary(&result, format, &cause) == 0)
				status = result.compatible ? CMD_PASS :
				    CMD_FINDINGS;
		}
		compare_result_free(&result);
	}
out:
	if (cause != NULL)
		status = cmd_trouble(cause);
	rules_free(r);
	capture_free(&sides[0]);
	capture_free(&sides[1]);
	return status;
}
