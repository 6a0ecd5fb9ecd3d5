/*
 * cmd: the commands of logcompat, one file each in this folder, and what
 * they share: a command's entry in the table main dispatches from, usage
 * errors in one wording, the -f, --color and -o of a report, loading rule
 * files and resolving CAPTURE arguments.  A command parses its arguments,
 * calls the library, writes what it found and returns the exit status;
 * nothing below it exits.
 */
#ifndef LC_CMD_H
#define LC_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decode/rulepath.h"
#include "decode/rules.h"
#include "input/capture.h"
#include "util/error.h"
#include "util/outfile.h"

/* Exit statuses. */
#define CMD_PASS	0	/* conforming, compatible, written */
#define CMD_FINDINGS	1	/* findings that fail, incompatible */
#define CMD_TROUBLE	2	/* usage or input error */

/* A name -f takes and the value of the command's format enum it means. */
typedef struct {
	const char	*name;
	int		 value;
} cmd_format;

typedef struct cmd_entry {
	const char		*name;
	const char		*summary;	/* in logcompat --help */
	const char		*usage;		/* COMMAND --help, or NULL */
	/* getopt_long's; cmd_option_error reads shortopts too. */
	const char		*shortopts;
	const struct option	*longopts;
	/* The names -f takes, the default first, ending in { NULL }. */
	const cmd_format	*formats;
	int			(*run)(int argc, char **argv);
} cmd_entry;

extern const cmd_entry cmd_check_entry;
extern const cmd_entry cmd_compare_entry;
extern const cmd_entry cmd_templates_entry;
extern const cmd_entry cmd_parse_entry;
extern const cmd_entry cmd_formats_entry;
extern const cmd_entry cmd_infer_entry;
extern const cmd_entry cmd_merge_entry;
extern const cmd_entry cmd_capture_entry;
extern const cmd_entry cmd_help_entry;

/* main.c: every command in the order --help lists them, then NULL. */
extern const cmd_entry *const cmd_table[];
const cmd_entry *cmd_find(const char *name);

/* help.c: the top-level usage, made from the table. */
void cmd_usage(FILE *out);

/* Print the entry's usage to stdout: what COMMAND --help does. */
int cmd_print_usage(const cmd_entry *entry);

/*
 * "logcompat: MESSAGE (see 'logcompat COMMAND --help')" on stderr, or
 * 'logcompat --help' when entry is NULL.  Returns CMD_TROUBLE.
 */
int cmd_usage_error(const cmd_entry *entry, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* getopt_long returned '?' or ':' (opterr is off): say why. */
int cmd_option_error(const cmd_entry *entry, char **argv);
/* "logcompat: CAUSE" on stderr; frees cause; returns CMD_TROUBLE. */
int cmd_trouble(char *cause);

/* The value of the -f name, or -1 with the usage error printed. */
int cmd_format_parse(const cmd_entry *entry, const char *name);
/* Whether --color's value is auto, always or never; if not, says so. */
bool cmd_color_ok(const cmd_entry *entry, const char *value);

/* Find, load and verify a rule file; NULL with the error printed. */
rules *cmd_load_rules(const char *value);
/* r with its samples verified, or NULL with the error printed. */
rules *cmd_verified_rules(rules *r, lc_error *err);

/*
 * -r auto: the library's rule file (decode/rulepath.h, learn/detect.h)
 * that reads the captures' start best, loaded and verified, with a note on
 * stderr naming it and how well it reads.  NULL with the message printed:
 * nothing fits (the best candidates and the share each read), a read
 * error.  A source that cannot be read twice is spooled first
 * (input/spool.h): the sniff and the command read the copy.
 */
rules *cmd_auto_rules(capture *captures, size_t count);
/*
 * The library's rule file that fits, as cmd_auto_rules but quiet when
 * none does (NULL, nothing printed): compare's choice before inference.
 */
rules *cmd_library_rules(capture *captures, size_t count);
/* -r RULES: cmd_load_rules, or cmd_auto_rules for "auto". */
rules *cmd_rules_for(const char *value, capture *captures,
    size_t count);
/*
 * After a check with rules that -r named: when they read less than half
 * of the capture's lines (lines and foreign, from the report), a note
 * saying so and naming the library's rule files that would fit, if any
 * do (caller frees); else NULL.
 */
char *cmd_suggest_rules(const rules *r, uint64_t lines, uint64_t foreign,
    const capture *captures, size_t count);
/* The library's directories: $LOGCOMPAT_LIBRARY, or the rules path. */
size_t cmd_library(rulepath_entry **entries);

/* Resolve n CAPTURE arguments after the *count captures already there. */
int cmd_resolve_captures(char **args, int n, capture *captures,
    size_t *count, char **cause);
void cmd_free_captures(capture *captures, size_t count);
/* Standard input can be read once: whether - is among args twice. */
bool cmd_stdin_twice(int count, char **args);

/*
 * Whether -o names one of the inputs: the captures' files, or one of the
 * other files given (rule files, profiles; NULLs are passed over).  When
 * it does, the usage error is printed: nothing may be opened for writing.
 */
bool cmd_output_is_input(const cmd_entry *entry, const char *output,
    const capture *captures, size_t count, const char *const *files,
    size_t file_count);
/*
 * Open -o FILE (NULL or - for stdout), with colour as --color says (auto:
 * only to a terminal, unless NO_COLOR); NULL with the error printed.  A
 * file is written whole or not at all (see outfile.h).
 */
outfile *cmd_open_output(const char *path, const char *color,
    bool *use_color);
/* Put the output in place; -1 with the error printed when writing failed. */
int cmd_close_output(outfile *out);
/* Write text (a rule file) to -o FILE or stdout; the exit status. */
int cmd_write_text(const char *path, const char *text);

#endif
