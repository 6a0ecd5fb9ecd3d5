/*
 * templates: `logcompat templates`, the message templates of captures.
 * The miner and its output are mine/mining.c's.
 */
#include "cmd/cmd.h"

#include "learn/mining.h"
#include "util/xalloc.h"

static const char cmd_templates_usage[] =
"usage: logcompat templates [-r RULES] [-f text|json] [-o FILE] [--per-line]\n"
"                           CAPTURE...\n"
"\n"
"Mines message templates from the lines of each CAPTURE with a streaming,\n"
"Drain-class miner: variables (numbers, ids, hex, paths, versions, quoted\n"
"strings, URLs) are masked; with -r, the level and the leading emoji of a\n"
"log line are fixed parts of its template.  Without -r every whole line is\n"
"a message.\n"
"\n"
"  -r, --rules RULES       the format of the lines (path or name), or auto:\n"
"                          the library's that reads the first lines best\n"
"  -f, --format FORMAT     text (default) or json\n"
"  -o, --output FILE       write to FILE instead of stdout\n"
"      --per-line          print the template id of every input line instead\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 done, 2 usage or input error.\n";

enum { OPT_PER_LINE = 256 };

static const struct option cmd_templates_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "per-line", no_argument, NULL, OPT_PER_LINE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const cmd_format cmd_templates_formats[] = {
	{ "text", MINING_TEXT },
	{ "json", MINING_JSON },
	{ NULL, 0 }
};

static int	cmd_templates_run(int, char **);

const cmd_entry cmd_templates_entry = {
	.name = "templates",
	.summary = "mine the message templates of captures",
	.usage = cmd_templates_usage,
	.shortopts = "r:f:o:h",
	.longopts = cmd_templates_options,
	.formats = cmd_templates_formats,
	.run = cmd_templates_run
};

static int
cmd_templates_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_templates_entry;
	const char *rules_value = NULL, *output_path = NULL;
	int format = MINING_TEXT;
	bool per_line = false, use_color = false;
	capture *captures = NULL;
	size_t count = 0;
	rules *r = NULL;
	outfile *out;
	char *cause = NULL;
	int opt, mined, status = CMD_TROUBLE;

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
		case OPT_PER_LINE:
			per_line = true;
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
	if (rules_value != NULL &&
	    (r = cmd_rules_for(rules_value, captures, count)) == NULL)
		goto out;
	if (cmd_output_is_input(self, output_path, captures, count,
	    (const char *[]){ r != NULL ? r->path : NULL }, 1))
		goto out;
	if ((out = cmd_open_output(output_path, "never", &use_color)) == NULL)
		goto out;
	mined = mining_run(r, captures, count, per_line, format,
	    outfile_stream(out), &cause);
	if (mined != 0)
		outfile_abort(out);
	else if (cmd_close_output(out) == 0)
		status = CMD_PASS;
out:
	if (cause != NULL)
		status = cmd_trouble(cause);
	rules_free(r);
	cmd_free_captures(captures, count);
	return status;
}
