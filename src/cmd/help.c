/*
 * help: `logcompat help [COMMAND]`, and the top-level usage that --help
 * and a bare `logcompat` print, its list of commands made from the table.
 */
#include "cmd/cmd.h"

#include <string.h>

static const char cmd_help_usage[] =
"usage: logcompat help [COMMAND]\n"
"\n"
"Shows what 'logcompat COMMAND --help' shows, or without COMMAND the list\n"
"of commands (what 'logcompat --help' shows).\n"
"\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0, or 2 when COMMAND is not a command.\n";

static int	cmd_help_run(int, char **);

const cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show help for a command",
	.usage = cmd_help_usage,
	.shortopts = "",
	.longopts = NULL,
	.formats = NULL,
	.run = cmd_help_run
};

void
cmd_usage(FILE *out)
{
	fputs("usage: logcompat COMMAND [OPTION]... [ARG]...\n"
	    "\n"
	    "Checks captured stdout/stderr logs of workers against a declared "
	    "format.\n"
	    "\n"
	    "Commands:\n", out);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		fprintf(out, "  %-10s %s\n", cmd_table[i]->name,
		    cmd_table[i]->summary);
	fputs("\n"
	    "Options:\n"
	    "  -h, --help     show this help\n"
	    "  -V, --version  show the version\n"
	    "\n"
	    "Exit status: 0 conforming (compatible), 1 findings that fail\n"
	    "(incompatible), 2 usage or input error.\n"
	    "See logcompat(1) and logcompat-rules(5).\n", out);
}

/*
 * Only -h and --help are options, and only first: `help COMMAND` then
 * takes the rest as it is.
 */
static int
cmd_help_run(int argc, char **argv)
{
	const cmd_entry *entry;

	if (argc < 2) {
		cmd_usage(stdout);
		return CMD_PASS;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cmd_print_usage(&cmd_help_entry);
	if ((entry = cmd_find(argv[1])) == NULL || entry->usage == NULL)
		return cmd_usage_error(NULL, "no command '%s'", argv[1]);
	return cmd_print_usage(entry);
}
