/*
 * Unit tests for src/rulepath.c.  The built-in directories are whatever the
 * build made them (rulepath_builtin_dirs); the tests read them from there
 * rather than assume a value.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "decode/rulepath.h"
#include "util/xalloc.h"

static int
make_tmp(void **state)
{
	char *dir = xstrdup("/tmp/test_rulepath.XXXXXX");

	if (mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int
remove_tree(const char *path)
{
	struct stat st;
	int status = 0;

	if (lstat(path, &st) != 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *entry;
		if (d == NULL)
			return -1;
		while ((entry = readdir(d)) != NULL) {
			if (strcmp(entry->d_name, ".") == 0 ||
			    strcmp(entry->d_name, "..") == 0)
				continue;
			char *child = xasprintf("%s/%s", path, entry->d_name);
			if (remove_tree(child) != 0)
				status = -1;
			free(child);
		}
		closedir(d);
		if (rmdir(path) != 0)
			status = -1;
	} else if (unlink(path) != 0)
		status = -1;
	return status;
}

static int
remove_tmp(void **state)
{
	int status = remove_tree(*state);

	free(*state);
	return status;
}

/* Make directory base/sub (and its parents) and return its path. */
static char *
make_dirs(const char *base, const char *sub)
{
	char *path = xasprintf("%s/%s", base, sub);

	for (char *slash = path + strlen(base) + 1; ; slash++) {
		if (*slash != '/' && *slash != '\0')
			continue;
		char saved = *slash;
		*slash = '\0';
		if (mkdir(path, 0700) != 0) {
			struct stat st;
			assert_int_equal(stat(path, &st), 0);
			assert_true(S_ISDIR(st.st_mode));
		}
		*slash = saved;
		if (saved == '\0')
			break;
	}
	return path;
}

/* Create dir/name.yaml; returns its path. */
static char *
make_rule(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s.yaml", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs("name: test\n", f) >= 0);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
expect_found(const char *value, const char *env, const char *expected)
{
	char *cause = NULL;
	char *found = rulepath_find(value, env, &cause);

	assert_null(cause);
	assert_non_null(found);
	assert_string_equal(found, expected);
	assert_ptr_not_equal(found, value);
	free(found);
}

static void
expect_cause(const char *value, const char *env, const char *expected)
{
	char *cause = NULL;

	assert_null(rulepath_find(value, env, &cause));
	assert_non_null(cause);
	/* A name not found goes on with the names there are. */
	if (strncmp(expected, "no rule file named", 18) == 0) {
		assert_true(strncmp(cause, expected, strlen(expected)) == 0);
		assert_true(cause[strlen(expected)] == '\0' ||
		    cause[strlen(expected)] == ';');
	} else
		assert_string_equal(cause, expected);
	free(cause);
}

/* A mistyped name: the closest names there are, else the first ones. */
static void
test_not_found_names(void **state)
{
	const char *tmp = *state;
	char *dir = make_dirs(tmp, "names");
	char *a = make_rule(dir, "go-log"), *b = make_rule(dir, "go-logr");
	char *c = make_rule(dir, "zeta"), *cause = NULL;

	assert_null(rulepath_find("go-logg", dir, &cause));
	assert_non_null(strstr(cause, "; closest: go-log, go-logr"));
	free(cause);
	cause = NULL;
	assert_null(rulepath_find("zzzzzzzzzzzzzzzzzzzz", dir, &cause));
	assert_non_null(strstr(cause, "; known: "));
	assert_null(strstr(cause, "closest"));
	free(cause);
	free(a);
	free(b);
	free(c);
	free(dir);
}

static void
test_path_as_is(void **state)
{
	static const char *const paths[] = {
		"rules/runpod.yaml", "/abs/dir/x", "./x", "../x", "a/b",
		"x.yaml", "x.yml", "no such file.yaml", ".hidden.yml",
		"../../etc/passwd", "/",
	};

	(void)state;
	/* Paths are not checked here: loading them reports what is wrong. */
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		expect_found(paths[i], "/nonexistent", paths[i]);
}

static void
test_invalid_names(void **state)
{
	static const char *const names[] = {
		"", ".hidden", "a b", "..", ".", "a:b", "a\\b", "caf\xc3\xa9",
		"tab\there", ".yaml", ".yml", "x*", "a\nb",
	};
	char *expected;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		expected = xasprintf("'%s' is not a rule name or a path",
		    names[i]);
		expect_cause(names[i], "/nonexistent", expected);
		free(expected);
	}
}

static void
test_found_in_env(void **state)
{
	const char *tmp = *state;
	char *first = make_dirs(tmp, "first"), *second = make_dirs(tmp,
	    "second"), *none = xasprintf("%s/none", tmp);
	char *in_first = make_rule(first, "runpod");
	char *in_second = make_rule(second, "runpod");
	char *only_second = make_rule(second, "my.rules-2_x");
	char *env;

	/* The first directory that has it wins. */
	env = xasprintf("%s:%s", first, second);
	expect_found("runpod", env, in_first);
	expect_found("my.rules-2_x", env, only_second);
	free(env);
	env = xasprintf("%s:%s", second, first);
	expect_found("runpod", env, in_second);
	free(env);
	/* A directory that does not exist is passed over. */
	env = xasprintf("%s:%s", none, second);
	expect_found("runpod", env, in_second);
	free(env);
	/* A lone directory, no colon at all. */
	expect_found("my.rules-2_x", second, only_second);
	free(in_first);
	free(in_second);
	free(only_second);
	free(first);
	free(second);
	free(none);
}

static void
test_empty_components(void **state)
{
	const char *tmp = *state;
	char *dir = make_dirs(tmp, "rules"), *rule = make_rule(dir, "fmt");
	char *env;
	char *saved = getcwd(NULL, 0);

	/*
	 * An empty component is not the current directory: put fmt.yaml
	 * there too, so that taking "" for "." would find ./fmt.yaml.
	 */
	assert_non_null(saved);
	assert_int_equal(chdir(tmp), 0);
	char *decoy = make_rule(".", "fmt");
	env = xasprintf("::%s:", dir);
	expect_found("fmt", env, rule);
	free(env);
	env = xasprintf(":%s", dir);
	expect_found("fmt", env, rule);
	free(env);
	env = xasprintf("%s::", dir);
	expect_found("fmt", env, rule);
	free(env);
	assert_int_equal(chdir(saved), 0);
	free(saved);
	free(decoy);
	free(rule);
	free(dir);
}

/* True when dir/name.yaml is a readable file. */
static bool
has_rule(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s.yaml", dir, name);
	bool found = access(path, R_OK) == 0;

	free(path);
	return found;
}

static void
test_not_found(void **state)
{
	const char *tmp = *state;
	char *dir = make_dirs(tmp, "rules"), *other = make_rule(dir, "other");
	const char *name = "lc-unit-no-such-rule";
	char *expected, *env;

	for (size_t i = 0; rulepath_builtin_dirs[i] != NULL; i++)
		assert_false(has_rule(rulepath_builtin_dirs[i], name));

	expected = xasprintf("no rule file named '%s' (searched %s, %s)", name,
	    rulepath_builtin_dirs[0], rulepath_builtin_dirs[1]);
	expect_cause(name, NULL, expected);
	expect_cause(name, "", expected);
	free(expected);

	env = xasprintf("%s:%s/missing", dir, tmp);
	expected = xasprintf("no rule file named '%s' (searched %s, %s, %s)",
	    name, env, rulepath_builtin_dirs[0], rulepath_builtin_dirs[1]);
	expect_cause(name, env, expected);
	free(expected);
	free(env);
	free(other);
	free(dir);
}

static void
test_builtin_dirs_listed(void **state)
{
	(void)state;
	/* Installed, then source tree: the not-found message names both. */
	assert_non_null(rulepath_builtin_dirs[0]);
	assert_non_null(rulepath_builtin_dirs[1]);
	assert_null(rulepath_builtin_dirs[2]);
	assert_true(rulepath_builtin_dirs[0][0] != '\0');
	assert_true(rulepath_builtin_dirs[1][0] != '\0');
}

/* A rule name dir holds, or NULL; the caller frees it. */
static char *
some_rule_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char *name = NULL;

	if (d == NULL)
		return NULL;
	while (name == NULL && (entry = readdir(d)) != NULL) {
		size_t len = strlen(entry->d_name);
		if (len <= 5 || entry->d_name[0] == '.' ||
		    strcmp(entry->d_name + len - 5, ".yaml") != 0 ||
		    strspn(entry->d_name, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != len)
			continue;
		name = xstrndup(entry->d_name, len - 5);
		if (!has_rule(dir, name)) {
			free(name);
			name = NULL;
		}
	}
	closedir(d);
	return name;
}

/*
 * Each built-in directory is searched, after the environment's and after
 * the built-in directories before it.  An absolute directory is tried with
 * a rule it already holds; a relative one is made in a scratch directory.
 */
static void
test_builtin_dirs_searched(void **state)
{
	const char *tmp = *state;
	char *env_dir = make_dirs(tmp, "env");
	char *saved = getcwd(NULL, 0);
	size_t tried = 0;

	assert_non_null(saved);
	assert_int_equal(chdir(tmp), 0);
	for (size_t i = 0; rulepath_builtin_dirs[i] != NULL; i++) {
		const char *dir = rulepath_builtin_dirs[i];
		char *name, *made = NULL, *made_dir = NULL;
		if (dir[0] != '/') {
			name = xstrdup("lc-unit-builtin");
			made_dir = make_dirs(".", dir);
			made = make_rule(dir, name);
		} else if ((name = some_rule_in(dir)) == NULL)
			continue;
		bool shadowed = false;
		for (size_t j = 0; j < i; j++)
			shadowed |= has_rule(rulepath_builtin_dirs[j], name);
		if (!shadowed) {
			char *expected = xasprintf("%s/%s.yaml", dir, name);
			expect_found(name, NULL, expected);
			expect_found(name, "", expected);
			free(expected);
			tried++;
		}
		/* The environment's directories come first. */
		char *env_rule = make_rule(env_dir, name);
		expect_found(name, env_dir, env_rule);
		assert_int_equal(unlink(env_rule), 0);
		free(env_rule);
		if (made != NULL)
			assert_int_equal(unlink(made), 0);
		free(made);
		free(made_dir);
		free(name);
	}
	assert_int_equal(chdir(saved), 0);
	free(saved);
	free(env_dir);
	print_message("# built-in rule directories tried: %zu\n", tried);
}

/* A loop of links is reported, not taken for a missing file. */
static void
test_link_loop(void **state)
{
	const char *tmp = *state;
	char *dir = make_dirs(tmp, "loop"), *later = make_dirs(tmp, "later");
	char *link = xasprintf("%s/loop.yaml", dir);
	char *found = make_rule(later, "loop");
	char *env = xasprintf("%s:%s", dir, later), *expected;

	assert_int_equal(symlink("loop.yaml", link), 0);
	expected = xasprintf("cannot read rule file %s: Too many levels of "
	    "symbolic links", link);
	expect_cause("loop", env, expected);
	free(expected);
	free(env);
	free(found);
	free(link);
	free(later);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_as_is),
		cmocka_unit_test(test_invalid_names),
		cmocka_unit_test_setup_teardown(test_found_in_env,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_empty_components,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_not_found_names,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_not_found,
		    make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(test_link_loop,
		    make_tmp, remove_tmp),
		cmocka_unit_test(test_builtin_dirs_listed),
		cmocka_unit_test_setup_teardown(test_builtin_dirs_searched,
		    make_tmp, remove_tmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
