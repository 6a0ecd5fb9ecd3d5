/*
 * logcompat: checks captured worker logs against a declared format.
 * This file holds the global options, the table of commands and the
 * dispatch; each command is a file in src/cmd/.  Exit statuses: 0
 * conforming, 1 findings that fail, 2 usage or input error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

/* In the order logcompat --help lists them. */
const cmd_entry *const cmd_table[] = {
	&cmd_check_entry,
	&cmd_compare_entry,
	&cmd_templates_entry,
	&cmd_parse_entry,
	&cmd_formats_entry,
	&cmd_infer_entry,
	&cmd_merge_entry,
	&cmd_capture_entry,
	&cmd_help_entry,
	NULL
};

const cmd_entry *
cmd_find(const char *name)
{
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	const cmd_entry *entry;

	opterr = 0;	/* cmd_option_error says it in our words */
	if (argc < 2) {
		cmd_usage(stderr);
		return CMD_TROUBLE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_usage(stdout);
		return CMD_PASS;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("logcompat %s\n", PACKAGE_VERSION);
		return CMD_PASS;
	}
	if ((entry = cmd_find(argv[1])) == NULL)
		return cmd_usage_error(NULL, "no command '%s'", argv[1]);
	return entry->run(argc - 1, argv + 1);
}
