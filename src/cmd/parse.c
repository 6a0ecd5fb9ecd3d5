/*
 * parse: `logcompat parse`, the fields a rule file reads in each record
 * of captures.  learn/parse.c reads and writes them.
 */
#include "cmd/cmd.h"

#include "learn/parse.h"
#include "util/xalloc.h"

static const char cmd_parse_usage[] =
"usage: logcompat parse [-r RULES|auto] [-f text|json] [-o FILE] CAPTURE...\n"
"\n"
"Shows what RULES read in each record of each CAPTURE (captures as in\n"
"check): its file, line, stream, verdict (conforming, violating or\n"
"foreign), the format that read it and every field it decoded: time,\n"
"level, message, emoji and each named field.  A record is a line and the\n"
"lines that continue it (see 'continuation' in logcompat-rules(5)).\n"
"\n"
"  -r, --rules RULES       rule file path or name, or auto (default): the\n"
"                          rule file of the library that reads the\n"
"                          captures' first lines best\n"
"  -f, --format FORMAT     text (default) or json: one object a record,\n"
"                          {\"file\", \"line\", \"lines\", \"stream\",\n"
"                          \"verdict\", \"format\", \"fields\": {...}}\n"
"  -o, --output FILE       write to FILE instead of stdout\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 done, 2 usage or input error (or no rule file fits).\n";

static const struct option cmd_parse_options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const cmd_format cmd_parse_formats[] = {
	{ "text", PARSE_TEXT },
	{ "json", PARSE_JSON },
	{ NULL, 0 }
};

static int	cmd_parse_run(int, char **);

const cmd_entry cmd_parse_entry = {
	.name = "parse",
	.summary = "show the fields a rule file reads in each record",
	.usage = cmd_parse_usage,
	.shortopts = "r:f:o:h",
	.longopts = cmd_parse_options,
	.formats = cmd_parse_formats,
	.run = cmd_parse_run
};

static int
cmd_parse_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_parse_entry;
	const char *rules_value = "auto", *output_path = NULL;
	int format = PARSE_TEXT;
	bool use_color = false;
	capture *captures = NULL;
	size_t count = 0;
	rules *r = NULL;
	outfile *out;
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
	if ((r = cmd_rules_for(rules_value, captures, count)) == NULL)
		goto out;
	if (cmd_output_is_input(self, output_path, captures, count,
	    (const char *[]){ r->path }, 1))
		goto out;
	if ((out = cmd_open_output(output_path, "never", &use_color)) == NULL)
		goto out;
	if (parse_run(r, captures, count, (parse_format)format,
	    outfile_stream(out), &cause) != 0)
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
