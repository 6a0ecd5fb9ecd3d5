/*
 * capture: `logcompat capture`, a command run with its stdout and stderr
 * recorded.  The recording is input/recorder.c's; the exit status is the
 * command's own.
 */
#include "cmd/cmd.h"

#include <stdlib.h>

#include "input/recorder.h"

static const char cmd_capture_usage[] =
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

static const struct option cmd_capture_options[] = {
	{ "dir", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int	cmd_capture_run(int, char **);

const cmd_entry cmd_capture_entry = {
	.name = "capture",
	.summary = "run a command and capture its stdout and stderr",
	.usage = cmd_capture_usage,
	/* '+': options end at COMMAND, whose own options are its own. */
	.shortopts = "+d:h",
	.longopts = cmd_capture_options,
	.formats = NULL,
	.run = cmd_capture_run
};

static int
cmd_capture_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_capture_entry;
	recorder_options opts = { .dir = "capture" };
	char *cause = NULL;
	int opt, status;

	while ((opt = getopt_long(argc, argv, self->shortopts, self->longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'd':
			opts.dir = optarg;
			break;
		case 'h':
			return cmd_print_usage(self);
		default:
			return cmd_option_error(self, argv);
		}
	}
	if (optind == argc)
		return cmd_usage_error(self, "no command given");
	opts.argv = argv + optind;
	status = recorder_run(&opts, &cause);
	if (cause != NULL) {
		fprintf(stderr, "logcompat: %s\n", cause);
		free(cause);
	}
	return status < 0 ? CMD_TROUBLE : status;
}
