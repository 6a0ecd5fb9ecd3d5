/* rulepath: rule names to rule files; see rulepath.h. */
#include "decode/rulepath.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifndef LC_RULES_DIR
#define LC_RULES_DIR "/usr/local/share/logcompat/rules"
#endif
#ifndef LC_SOURCE_RULES_DIR
#define LC_SOURCE_RULES_DIR "rules"
#endif

const char *const rulepath_builtin_dirs[] = {
	LC_RULES_DIR, LC_SOURCE_RULES_DIR, NULL
};

static bool
rulepath_is_path(const char *value)
{
	size_t len = strlen(value);

	if (strchr(value, '/') != NULL)
		return true;
	if (len > 5 && strcmp(value + len - 5, ".yaml") == 0)
		return true;
	return len > 4 && strcmp(value + len - 4, ".yml") == 0;
}

static bool
rulepath_valid_name(const char *name)
{
	if (*name == '\0' || *name == '.')
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(name);
}

/*
 * Try DIR/NAME.yaml: the path when it is readable, NULL when it is not
 * there.  Anything else wrong with it (a loop of links, no permission) is
 * an error, with *cause set and *failed true: a search that went on past
 * it would end in a misleading "no rule file named".
 */
static char *
rulepath_try(const char *dir, size_t dir_len, const char *name, bool *failed,
    char **cause)
{
	if (dir_len == 0)
		return NULL;
	char *path = xasprintf("%.*s/%s.yaml", (int)dir_len, dir, name);
	if (access(path, R_OK) == 0)
		return path;
	if (errno != ENOENT && errno != ENOTDIR) {
		*cause = xasprintf("cannot read rule file %s: %s", path,
		    strerror(errno));
		*failed = true;
	}
	free(path);
	return NULL;
}

char *
rulepath_find(const char *value, const char *env_path, char **cause)
{
	char *found;
	bool failed = false;

	if (rulepath_is_path(value))
		return xstrdup(value);
	if (!rulepath_valid_name(value)) {
		*cause = xasprintf("'%s' is not a rule name or a path", value);
		return NULL;
	}
	for (const char *dir = env_path; dir != NULL && *dir != '\0';) {
		const char *end = strchr(dir, ':');
		size_t len = end != NULL ? (size_t)(end - dir) : strlen(dir);
		if ((found = rulepath_try(dir, len, value, &failed, cause)) !=
		    NULL || failed)
			return found;
		dir = end != NULL ? end + 1 : NULL;
	}
	for (size_t i = 0; rulepath_builtin_dirs[i] != NULL; i++) {
		const char *dir = rulepath_builtin_dirs[i];
		if ((found = rulepath_try(dir, strlen(dir), value, &failed,
		    cause)) != NULL || failed)
			return found;
	}
	*cause = xasprintf("no rule file named '%s' (searched %s%s%s, %s)",
	    value, env_path != NULL && *env_path != '\0' ? env_path : "",
	    env_path != NULL && *env_path != '\0' ? ", " : "",
	    rulepath_builtin_dirs[0], rulepath_builtin_dirs[1]);
	return NULL;
}
