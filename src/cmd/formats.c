/*
 * formats: `logcompat formats`, the library of rule files that -r auto
 * chooses from (decode/rulepath.h): each one's name, description and
 * where it is.
 */
#include "cmd/cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonutil.h"
#include "util/xalloc.h"

enum { FORMATS_TEXT, FORMATS_JSON };

static const char cmd_formats_usage[] =
"usage: logcompat formats [-f text|json]\n"
"\n"
"Lists the library: every NAME.yaml in $LOGCOMPAT_LIBRARY's directories\n"
"or, without it, in $LOGCOMPAT_RULES_PATH, the installed rules and the\n"
"source tree's rules/ (a name found first hides the same name later).\n"
"-r auto chooses among these.  Each is shown with its path and its\n"
"description; a file that does not load is shown with its error.\n"
"\n"
"  -f, --format FORMAT     text (default) or json\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 done, 2 usage error.\n";

static const struct option cmd_formats_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const cmd_format cmd_formats_formats[] = {
	{ "text", FORMATS_TEXT },
	{ "json", FORMATS_JSON },
	{ NULL, 0 }
};

static int	cmd_formats_run(int, char **);

const cmd_entry cmd_formats_entry = {
	.name = "formats",
	.summary = "list the rule files -r auto chooses from",
	.usage = cmd_formats_usage,
	.shortopts = "f:h",
	.longopts = cmd_formats_options,
	.formats = cmd_formats_formats,
	.run = cmd_formats_run
};

/* text, wrapped at 78 columns after an indent of two. */
static void
cmd_formats_wrap(const char *text)
{
	size_t column = 2;

	fputs("  ", stdout);
	while (*text != '\0') {
		size_t word = strcspn(text, " ");
		if (column > 2 && column + 1 + word > 78) {
			fputs("\n  ", stdout);
			column = 2;
		} else if (column > 2) {
			putchar(' ');
			column++;
		}
		fwrite(text, 1, word, stdout);
		column += word;
		text += word;
		text += strspn(text, " ");
	}
	putchar('\n');
}

static int
cmd_formats_run(int argc, char **argv)
{
	const cmd_entry *self = &cmd_formats_entry;
	rulepath_entry *library = NULL;
	json_t *list = NULL;
	int format = FORMATS_TEXT, opt;
	size_t n;

	while ((opt = getopt_long(argc, argv, self->shortopts, self->longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'f':
			if ((format = cmd_format_parse(self, optarg)) == -1)
				return CMD_TROUBLE;
			break;
		case 'h':
			return cmd_print_usage(self);
		default:
			return cmd_option_error(self, argv);
		}
	}
	if (optind != argc)
		return cmd_usage_error(self, "formats takes no argument");
	n = cmd_library(&library);
	if (format == FORMATS_JSON)
		list = json_array();
	for (size_t i = 0; i < n; i++) {
		lc_error err;
		rules *r;

		lc_error_clear(&err);
		r = rules_load(library[i].path, &err);
		const char *description = r == NULL ? err.text :
		    r->description != NULL ? r->description : "";
		if (list != NULL) {
			json_t *o = json_object();
			json_object_set_new(o, "name", json_string(
			    library[i].name));
			json_object_set_new(o, "format", r != NULL ?
			    json_string(r->format) : json_null());
			json_object_set_new(o, r != NULL ? "description" :
			    "error", jsonutil_string(description,
			    strlen(description)));
			json_object_set_new(o, "path", jsonutil_string(
			    library[i].path, strlen(library[i].path)));
			json_array_append_new(list, o);
		} else {
			char *shown = xasprintf("%s%s", r == NULL ?
			    "does not load: " : "", description);
			printf("%s (%s)\n", library[i].name, library[i].path);
			if (*shown != '\0')
				cmd_formats_wrap(shown);
			free(shown);
		}
		rules_free(r);
	}
	rulepath_list_free(library, n);
	if (list != NULL && jsonutil_dump_new(stdout, list) != 0)
		return CMD_TROUBLE;
	return CMD_PASS;
}
