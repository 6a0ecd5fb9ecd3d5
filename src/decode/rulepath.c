/* rulepath: rule names to rule files; see rulepath.h. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "decode/rulepath.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
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

/* Most names listed when none is close to the one asked for. */
#define RULEPATH_KNOWN_SHOWN	8
/* Most close names listed. */
#define RULEPATH_CLOSE_SHOWN	5

/* Edit distance of a and b, or a large number when far apart. */
static size_t
rulepath_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diagonal +
			    (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diagonal = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/*
 * What a user who mistyped a name wants to read: the library's names
 * closest to it (a small edit, or one holding the other), else the first
 * names and how many there are.  "" when the library is empty.
 */
static char *
rulepath_known(const char *value, const char *env_path)
{
	rulepath_entry *entries;
	size_t count = rulepath_list(env_path, NULL, &entries), shown = 0;
	size_t near = strlen(value) / 3 > 2 ? strlen(value) / 3 : 2;
	strbuf sb = { 0 };

	for (size_t d = 0; d <= near + 1 && shown < RULEPATH_CLOSE_SHOWN;
	    d++) {
		for (size_t i = 0; i < count && shown < RULEPATH_CLOSE_SHOWN;
		    i++) {
			const char *name = entries[i].name;
			size_t distance = rulepath_distance(value, name);
			/* Containment ranks after every small edit. */
			if (distance > near)
				distance = strstr(name, value) != NULL ||
				    strstr(value, name) != NULL ? near + 1 :
				    SIZE_MAX;
			if (distance != d)
				continue;
			strbuf_add(&sb, shown == 0 ? "; closest: " : ", ",
			    shown == 0 ? 11 : 2);
			strbuf_add(&sb, name, strlen(name));
			shown++;
		}
	}
	for (size_t i = 0; shown == 0 && i < count &&
	    i < RULEPATH_KNOWN_SHOWN; i++) {
		strbuf_add(&sb, i == 0 ? "; known: " : ", ", i == 0 ? 9 : 2);
		strbuf_add(&sb, entries[i].name, strlen(entries[i].name));
		if (i + 1 == RULEPATH_KNOWN_SHOWN && count > i + 1) {
			char *more = xasprintf(", ... (%zu in all: "
			    "logcompat formats lists them)", count);
			strbuf_add(&sb, more, strlen(more));
			free(more);
		}
	}
	rulepath_list_free(entries, count);
	if (sb.len == 0)
		return xstrdup("");
	return strbuf_take(&sb);
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
	char *known = rulepath_known(value, env_path);
	*cause = xasprintf("no rule file named '%s' (searched %s%s%s, %s)%s",
	    value, env_path != NULL && *env_path != '\0' ? env_path : "",
	    env_path != NULL && *env_path != '\0' ? ", " : "",
	    rulepath_builtin_dirs[0], rulepath_builtin_dirs[1], known);
	free(known);
	return NULL;
}

/* Add the NAME.yaml files of one directory not already listed. */
static void
rulepath_list_dir(const char *dir, size_t dir_len, rulepath_entry **entries,
    size_t *count, size_t *cap)
{
	char *path;
	DIR *d;
	struct dirent *e;

	if (dir_len == 0)
		return;
	path = xasprintf("%.*s", (int)dir_len, dir);
	d = opendir(path);
	while (d != NULL && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		char *name = xasprintf("%.*s", (int)(len - 5), e->d_name);
		bool seen = !rulepath_valid_name(name);
		for (size_t i = 0; i < *count && !seen; i++)
			seen = strcmp((*entries)[i].name, name) == 0;
		if (seen) {
			free(name);
			continue;
		}
		if (*count == *cap) {
			*cap = *cap > 0 ? *cap * 2 : 16;
			*entries = xreallocarray(*entries, *cap,
			    sizeof **entries);
		}
		(*entries)[(*count)++] = (rulepath_entry){
			.name = name,
			.path = xasprintf("%s/%s", path, e->d_name),
		};
	}
	if (d != NULL)
		closedir(d);
	free(path);
}

static void
rulepath_list_dirs(const char *dirs, rulepath_entry **entries, size_t *count,
    size_t *cap)
{
	for (const char *dir = dirs; dir != NULL && *dir != '\0';) {
		const char *end = strchr(dir, ':');
		size_t len = end != NULL ? (size_t)(end - dir) : strlen(dir);
		rulepath_list_dir(dir, len, entries, count, cap);
		dir = end != NULL ? end + 1 : NULL;
	}
}

static int
rulepath_entry_compare(const void *a, const void *b)
{
	const rulepath_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

size_t
rulepath_list(const char *env_path, const char *library,
    rulepath_entry **entries)
{
	size_t count = 0, cap = 0;

	*entries = NULL;
	if (library != NULL)
		rulepath_list_dirs(library, entries, &count, &cap);
	else {
		rulepath_list_dirs(env_path, entries, &count, &cap);
		for (size_t i = 0; rulepath_builtin_dirs[i] != NULL; i++)
			rulepath_list_dir(rulepath_builtin_dirs[i],
			    strlen(rulepath_builtin_dirs[i]), entries, &count,
			    &cap);
	}
	if (count > 1)
		qsort(*entries, count, sizeof **entries,
		    rulepath_entry_compare);
	return count;
}

void
rulepath_list_free(rulepath_entry *entries, size_t count)
{
	if (entries == NULL)
		return;
	for (size_t i = 0; i < count; i++) {
		free(entries[i].name);
		free(entries[i].path);
	}
	free(entries);
}

char *
rulepath_shortest(const char *path)
{
	char *full = realpath(path, NULL), *cwd = getcwd(NULL, 0);
	char *shortest = NULL;
	size_t i = 0, last = 0, ups = 0;

	if (full == NULL || cwd == NULL || full[0] != '/' || cwd[0] != '/')
		goto out;
	if (strcmp(cwd, "/") == 0) {
		shortest = xstrdup(full + 1);
		goto out;
	}
	while (full[i] != '\0' && full[i] == cwd[i]) {
		if (full[i] == '/')
			last = i;
		i++;
	}
	if (cwd[i] == '\0' && full[i] == '/')
		last = i;
	for (const char *p = cwd + last; *p != '\0'; p++)
		ups += *p == '/';
	size_t len = ups * 3 + strlen(full + last + 1) + 1;
	shortest = xmalloc(len);
	shortest[0] = '\0';
	for (size_t k = 0; k < ups; k++)
		strcat(shortest, "../");
	strcat(shortest, full + last + 1);
out:
	if (shortest == NULL || strlen(shortest) >= strlen(path)) {
		free(shortest);
		shortest = xstrdup(path);
	}
	free(full);
	free(cwd);
	return shortest;
}
