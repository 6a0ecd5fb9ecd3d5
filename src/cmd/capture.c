/*
 * capture: `logcompat capture`, a command run with its stdout and stderr
 * recorded.  The recording is input/recorder.c's.  The exit status is the
 * command's own, and, as env(1), nice(1) and timeout(1) have it, 125 when
 * capture itself fails (a usage error too), 126 when the command cannot
 * be run and 127 when it is not found, so that a CI step tells a failed
 * capture from a failed command.
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
"Exit status: COMMAND's own (128+N when signal N ended it); 125 when\n"
"capture itself fails (a usage error, DIR cannot be written); 126 when\n"
"COMMAND cannot be run; 127 when it is not found.\n";

/* Capture itself failed, as env(1) and timeout(1) say it. */
#define CAPTURE_FAILED	125

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
			return cmd_print_usage(self) == CMD_PASS ? CMD_PASS :
			    CAPTURE_FAILED;
		default:
			cmd_option_error(self, argv);
			return CAPTURE_FAILED;
		}
	}
	if (optind == argc) {
		cmd_usage_error(self, "no command given");
		return CAPTURE_FAILED;
	}
	opts.argv = argv + optind;
	status = recorder_run(&opts, &cause);
	if (cause != NULL) {
		fprintf(stderr, "logcompat: %s\n", cause);
		free(cause);
	}
	return status < 0 ? CAPTURE_FAILED : status;
}
