/*
 * merge: `logcompat merge`, the profiles infer wrote for shards made one.
 * The merging is learn/merge.c's; this file loads the profiles (one may
 * come from standard input) and writes the result.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode/yamldoc.h"
#include "learn/merge.h"
#include "util/xalloc.h"

static const char cmd_merge_usage[] =
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

enum { OPT_NAME = 256 };

static const struct option cmd_merge_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int	cmd_merge_run(int, char **);

const cmd_entry cmd_merge_entry = {
	.name = "merge",
	.summary = "merge the profiles that infer wrote for shards",
	.usage = cmd_merge_usage,
	.shortopts = "o:h",
	.longopts = cmd_merge_options,
	.formats = NULL,
	.run = cmd_merge_run
};

/* A rule file from standard input, named as messages show it. */
static rules *
cmd_merge_load_stdin(void)
{
	size_t len = 0, cap = 65536, got;
	char *text = xmalloc(cap);
	lc_error err;
	rules *r;

	/* Past YAMLDOC_SIZE_MAX, one byte more is all the loader needs. */
	while (len <= YAMLDOC_SIZE_MAX &&
	    (got = fread(text + len, 1, cap - len, stdin)) > 0) {
		len += got;
		if (len == cap)
			text = xrealloc(text, cap *= 2);
	}
	if (ferror(stdin)) {
		free(text);
		cmd_trouble(xasprintf("cannot read standard input: %s",
		    strerror(errno)));
		return NULL;
	}
	lc_error_clear(&err);
	r = cmd_verified_rules(rules_load_text("(standard input)", text, len,
	    &err), &err);
	free(text);
	return r;
}

static int
cmd_merge_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_merge_entry;
	const char *output_path = NULL, *name = NULL;
	rules **profiles = NULL;
	size_t count = 0;
	char *cause = NULL, *yaml = NULL;
	int opt, status = CMD_TROUBLE;

	while ((opt = getopt_long(argc, argv, self->shortopts, self->longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'o':
			output_path = optarg;
			break;
		case OPT_NAME:
			if (!rules_format_name_ok(optarg))
				return cmd_usage_error(self, "--name must "
				    "match [a-z0-9][a-z0-9._-]*, not '%s'",
				    optarg);
			name = optarg;
			break;
		case 'h':
			return cmd_print_usage(self);
		default:
			return cmd_option_error(self, argv);
		}
	}
	if (optind == argc)
		return cmd_usage_error(self, "no profile given");
	if (cmd_stdin_twice(argc - optind, argv + optind))
		return cmd_usage_error(self, "- (standard input) given more "
		    "than once");
	profiles = xcalloc((size_t)(argc - optind), sizeof *profiles);
	for (int i = optind; i < argc; i++) {
		profiles[count] = strcmp(argv[i], "-") == 0 ?
		    cmd_merge_load_stdin() : cmd_load_rules(argv[i]);
		if (profiles[count] == NULL)
			goto out;
		count++;
	}
	if (cmd_output_is_input(self, output_path, NULL, 0,
	    (const char *const *)(argv + optind), count))
		goto out;
	yaml = merge_profiles(profiles, count, name, &cause);
	if (yaml != NULL)
		status = cmd_write_text(output_path, yaml);
out:
	if (cause != NULL)
		status = cmd_trouble(cause);
	free(yaml);
	for (size_t i = 0; i < count; i++)
		rules_free(profiles[i]);
	free(profiles);
	return status;
}
