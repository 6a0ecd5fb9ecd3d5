/*
 * rulepath: find a rule file from what -r was given.  A value with a '/' or
 * ending in .yaml/.yml is a path; anything else is a name looked up as
 * NAME.yaml in $LOGCOMPAT_RULES_PATH (colon-separated), then the installed
 * rules directory, then the source tree's rules/ (so that an uninstalled
 * build works).
 */
#ifndef LC_RULEPATH_H
#define LC_RULEPATH_H

#include <stddef.h>

/*
 * Returns the path to load (caller frees), or NULL with *cause naming the
 * directories searched.  env_path is $LOGCOMPAT_RULES_PATH or NULL.
 */
char *rulepath_find(const char *name_or_path, const char *env_path,
    char **cause);

/* A rule file of the library: its name (NAME.yaml) and where it is. */
typedef struct {
	char *name;
	char *path;
} rulepath_entry;

/*
 * The library: every NAME.yaml in the directories rulepath_find searches
 * (env_path's, then the built-in ones), a name found earlier hiding the
 * same name later, as rulepath_find would, sorted by name.  With library
 * set (not NULL, $LOGCOMPAT_LIBRARY), only its colon-separated directories
 * are read.  Returns the count; *entries is for rulepath_list_free.
 */
size_t rulepath_list(const char *env_path, const char *library,
    rulepath_entry **entries);
void rulepath_list_free(rulepath_entry *entries, size_t count);

/*
 * The shorter of path and path relative to the current directory (caller
 * frees): a library file in the source tree reads "../rules/x.yaml".
 */
char *rulepath_shortest(const char *path);

/* The built-in directories, in search order, NULL-terminated. */
extern const char *const rulepath_builtin_dirs[];

#endif
