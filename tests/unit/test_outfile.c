/* Unit tests for outfile: same-file checks, whole-or-nothing writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/outfile.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/test_outfile.XXXXXX";

static char *
path_in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *
get(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[256];
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Nothing but the named files is left in the folder. */
static size_t
files_in_dir(void)
{
	char *command = xasprintf("ls -A %s | wc -l", dir);
	FILE *p = popen(command, "r");
	unsigned long count = 0;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%lu", &count), 1);
	pclose(p);
	free(command);
	return count;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	char *command = xasprintf("rm -rf %s", dir);
	int status = system(command);
	free(command);
	return status == 0 ? 0 : -1;
}

static void
test_same_as(void **state)
{
	(void)state;
	char *a = path_in_dir("a.log"), *b = path_in_dir("b.log");
	char *link = path_in_dir("link.log");
	char *dotted = xasprintf("%s/./a.log", dir);

	put(a, "x\n");
	put(b, "x\n");
	assert_int_equal(symlink(a, link), 0);
	assert_true(outfile_same_as(a, a));
	assert_true(outfile_same_as(dotted, a));
	assert_true(outfile_same_as(link, a));
	assert_true(outfile_same_as(a, link));
	assert_false(outfile_same_as(a, b));
	assert_false(outfile_same_as("-", a));
	assert_false(outfile_same_as(NULL, a));
	assert_false(outfile_same_as(a, "-"));
	/* An output not there yet is no input. */
	char *missing = path_in_dir("missing.log");
	assert_false(outfile_same_as(missing, a));
	unlink(link);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
	free(link);
	free(dotted);
	free(missing);
}

static void
test_commit_replaces(void **state)
{
	(void)state;
	char *path = path_in_dir("report.txt"), *cause = NULL;

	put(path, "old\n");
	chmod(path, 0640);
	outfile *o = outfile_open(path, &cause);
	assert_non_null(o);
	fputs("new\n", outfile_stream(o));
	/* Until the commit, the old report is what a reader sees. */
	assert_string_equal(get(path), "old\n");
	assert_int_equal(outfile_commit(o, &cause), 0);
	assert_string_equal(get(path), "new\n");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(files_in_dir(), 1);
	unlink(path);
	free(path);
}

static void
test_abort_keeps_old(void **state)
{
	(void)state;
	char *path = path_in_dir("profile.yaml"), *cause = NULL;

	put(path, "old\n");
	outfile *o = outfile_open(path, &cause);
	assert_non_null(o);
	fputs("half a profile", outfile_stream(o));
	outfile_abort(o);
	assert_string_equal(get(path), "old\n");
	assert_int_equal(files_in_dir(), 1);
	unlink(path);
	free(path);
	outfile_abort(NULL);
}

static void
test_new_file(void **state)
{
	(void)state;
	char *path = path_in_dir("new.txt"), *cause = NULL;

	outfile *o = outfile_open(path, &cause);
	assert_non_null(o);
	assert_string_equal(outfile_name(o), path);
	fputs("text\n", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &cause), 0);
	assert_string_equal(get(path), "text\n");
	unlink(path);
	free(path);
}

static void
test_errors(void **state)
{
	(void)state;
	char *cause = NULL;
	char *path = xasprintf("%s/no/such/folder/out.txt", dir);

	assert_null(outfile_open(path, &cause));
	assert_non_null(strstr(cause, "cannot write "));
	assert_non_null(strstr(cause, "No such file or directory"));
	free(cause);
	cause = NULL;
	free(path);

	/* A device is written directly, and its error is the commit's. */
	outfile *o = outfile_open("/dev/full", &cause);
	assert_non_null(o);
	fputs("text\n", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &cause), -1);
	assert_string_equal(cause, "cannot write /dev/full: "
	    "No space left on device");
	free(cause);
	cause = NULL;

	o = outfile_open("/dev/null", &cause);
	assert_non_null(o);
	fputs("text\n", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &cause), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as),
		cmocka_unit_test(test_commit_replaces),
		cmocka_unit_test(test_abort_keeps_old),
		cmocka_unit_test(test_new_file),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
