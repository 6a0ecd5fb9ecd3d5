/*
 * infer: `logcompat infer`, the rule file of captures' own format.  The
 * inference is learn/profile.c's; this file writes the profile and warns
 * when the captures would not pass it.
 */
#include "cmd/cmd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/spool.h"
#include "learn/profile.h"
#include "util/xalloc.h"

static const char cmd_infer_usage[] =
"usage: logcompat infer [-o FILE] [--name NAME] [--format-from PROFILE]\n"
"                       CAPTURE...\n"
"\n"
"Infers the log format of the CAPTUREs' own lines (layout, timestamp\n"
"format, level set, leading-emoji habit, stream policy) and writes it as a\n"
"rule file, with samples taken from the input, for logcompat check -r.\n"
"JSON Lines and logfmt records give a 'decode: json|logfmt' file: the\n"
"time, level and message keys, and each key's presence and type.\n"
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
"Exit status: 0 written, 2 usage or input error (or no layout found, or\n"
"one that reads under 10% of the lines).\n";

enum { OPT_NAME = 256, OPT_FORMAT_FROM };

static const struct option cmd_infer_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "format-from", required_argument, NULL, OPT_FORMAT_FROM },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int	cmd_infer_run(int, char **);

const cmd_entry cmd_infer_entry = {
	.name = "infer",
	.summary = "write the rule file of captures' own format",
	.usage = cmd_infer_usage,
	.shortopts = "o:h",
	.longopts = cmd_infer_options,
	.formats = NULL,
	.run = cmd_infer_run
};

/*
 * infer blesses no bad line (a wrong time format, a line too long stay
 * findings), so say when its own captures will not pass the profile.
 */
static void
cmd_infer_warn_unclean(uint64_t failing, const char *ids,
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

static int
cmd_infer_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_infer_entry;
	const char *output_path = NULL, *name = NULL, *layout_path = NULL;
	capture *captures = NULL;
	size_t count = 0;
	uint64_t failing = 0;
	char *cause = NULL, *yaml = NULL, *ids = NULL, *check_cause = NULL;
	rules *layout_from = NULL;
	int opt, status = CMD_TROUBLE;

	while ((opt = getopt_long(argc, argv, self->shortopts, self->longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'o':
			output_path = optarg;
			break;
		case OPT_NAME:
			/* It becomes the rule file's `format`. */
			if (!rules_format_name_ok(optarg))
				return cmd_usage_error(self, "--name must "
				    "match [a-z0-9][a-z0-9._-]*, not '%s'",
				    optarg);
			name = optarg;
			break;
		case OPT_FORMAT_FROM:
			layout_path = optarg;
			break;
		case 'h':
			return cmd_print_usage(self);
		default:
			return cmd_option_error(self, argv);
		}
	}
	if (optind == argc)
		return cmd_usage_error(self, "no capture given");
	if (cmd_stdin_twice(argc - optind, argv + optind))
		return cmd_usage_error(self, "- (standard input) given more "
		    "than once");
	captures = xcalloc((size_t)(argc - optind), sizeof *captures);
	if (cmd_resolve_captures(argv + optind, argc - optind, captures,
	    &count, &cause) != 0)
		goto out;
	if (layout_path != NULL &&
	    (layout_from = cmd_load_rules(layout_path)) == NULL)
		goto out;
	if (cmd_output_is_input(self, output_path, captures, count,
	    (const char *[]){ layout_from != NULL ? layout_from->path : NULL },
	    1))
		goto out;
	/* infer reads its captures more than once: pipes through a copy. */
	if (spool_captures(captures, count, &cause) != 0)
		goto out;
	if (name == NULL)
		name = layout_from != NULL ? layout_from->format : "inferred";
	yaml = profile_infer_checked(captures, count, name, layout_from,
	    &failing, &ids, &check_cause, &cause);
	if (yaml != NULL)
		status = cmd_write_text(output_path, yaml);
	if (status == CMD_PASS)
		cmd_infer_warn_unclean(failing, ids, check_cause,
		    output_path);
out:
	rules_free(layout_from);
	free(ids);
	free(check_cause);
	if (cause != NULL)
		status = cmd_trouble(cause);
	free(yaml);
	cmd_free_captures(captures, count);
	return status;
}
