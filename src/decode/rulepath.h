/*
 * rulepath: find a rule file from what -r was given.  A value with a '/' or
 * ending in .yaml/.yml is a path; anything else is a name looked up as
 * NAME.yaml in $LOGCOMPAT_RULES_PATH (colon-separated), then the installed
 * rules directory, then the source tree's rules/ (so that an uninstalled
 * build works).
 */
#ifndef LC_RULEPATH_H
#define LC_RULEPATH_H

/*
 * Returns the path to load (caller frees), or NULL with *cause naming the
 * directories searched.  env_path is $LOGCOMPAT_RULES_PATH or NULL.
 */
char *rulepath_find(const char *name_or_path, const char *env_path,
    char **cause);

/* The built-in directories, in search order, NULL-terminated. */
extern const char *const rulepath_builtin_dirs[];

#endif
