/* Unit tests for spool: copies of sources that cannot be read twice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input/capture.h"
#include "input/spool.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/logcompat-test-spool.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	/* Spool files go here, where the tests can count them. */
	return setenv("TMPDIR", dir, 1);
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	(void)state;
	int status = system(cmd);
	free(cmd);
	return status == 0 ? 0 : -1;
}

/* The spool files in dir now. */
static int
count_spools(void)
{
	char *cmd = xasprintf("ls '%s' | grep -c '^logcompat-spool\\.' "
	    "|| true", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = xcalloc(1, 4096);

	assert_non_null(f);
	size_t got = fread(text, 1, 4095, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

/*
 * A FIFO with a child writing text into it, then leaving, resolved as a
 * CAPTURE into c.
 */
static char *
fifo_capture(const char *name, const char *text, pid_t *child, capture *c)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *cause = NULL;

	assert_int_equal(mkfifo(path, 0600), 0);
	if ((*child = fork()) == 0) {
		int fd = open(path, O_WRONLY);
		ssize_t put = fd >= 0 ? write(fd, text, strlen(text)) : -1;
		_exit(put == (ssize_t)strlen(text) ? 0 : 1);
	}
	assert_true(*child > 0);
	assert_int_equal(capture_resolve(path, c, &cause), 0);
	return path;
}

static void
test_regular_file_is_not_copied(void **state)
{
	char *path = xasprintf("%s/plain.log", dir);
	FILE *f = fopen(path, "w");
	capture c;
	char *cause = NULL;
	(void)state;

	assert_non_null(f);
	fputs("one\n", f);
	fclose(f);
	assert_int_equal(capture_resolve(path, &c, &cause), 0);
	assert_true(spool_rereadable(&c.sources[0]));
	assert_int_equal(spool_captures(&c, 1, &cause), 0);
	assert_null(c.sources[0].spool);
	assert_int_equal(count_spools(), 0);
	capture_free(&c);
	unlink(path);
	free(path);
}

static void
test_fifo_is_copied_once(void **state)
{
	pid_t child;
	capture c;
	char *path = fifo_capture("ff", "first\nsecond\n", &child, &c);
	char *cause = NULL;
	int status;
	(void)state;

	assert_false(spool_rereadable(&c.sources[0]));
	assert_false(spool_captures_rereadable(&c, 1));
	assert_int_equal(spool_captures(&c, 1, &cause), 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(status, 0);
	/* Reports name the FIFO; readers take the copy. */
	assert_string_equal(c.sources[0].path, path);
	assert_non_null(c.sources[0].spool);
	assert_true(spool_captures_rereadable(&c, 1));
	char *text = slurp(c.sources[0].spool);
	assert_string_equal(text, "first\nsecond\n");
	free(text);
	/* Spooling again copies nothing more. */
	assert_int_equal(spool_captures(&c, 1, &cause), 0);
	assert_int_equal(count_spools(), 1);
	capture_free(&c);
	spool_remove_all();
	assert_int_equal(count_spools(), 0);
	unlink(path);
	free(path);
}

static void
test_same_path_shares_one_copy(void **state)
{
	pid_t child;
	capture c[2];
	char *path = fifo_capture("shared", "x\n", &child, &c[0]);
	char *cause = NULL;
	int status;
	(void)state;

	assert_int_equal(capture_resolve(path, &c[1], &cause), 0);
	assert_int_equal(spool_captures(c, 2, &cause), 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_string_equal(c[0].sources[0].spool, c[1].sources[0].spool);
	assert_int_equal(count_spools(), 1);
	capture_free(&c[0]);
	capture_free(&c[1]);
	spool_remove_all();
	unlink(path);
	free(path);
}

static void
test_stdin_named_by_copy(void **state)
{
	capture c;
	char *cause = NULL;
	int saved = dup(STDIN_FILENO), fds[2];
	(void)state;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "in\n", 3), 3);
	close(fds[1]);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	assert_int_equal(capture_resolve("-", &c, &cause), 0);
	assert_int_equal(spool_captures(&c, 1, &cause), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	assert_string_equal(c.sources[0].path, "-");
	char *text = slurp(c.sources[0].spool);
	assert_string_equal(text, "in\n");
	free(text);
	/* Named as given, and read again from the copy. */
	assert_true(spool_rereadable(&c.sources[0]));
	capture_free(&c);
	spool_remove_all();
	assert_int_equal(count_spools(), 0);
}

static void
test_unwritable_tmpdir_says_why(void **state)
{
	pid_t child;
	capture c;
	char *path = fifo_capture("nowhere", "y\n", &child, &c);
	char *cause = NULL;
	int status;
	(void)state;

	setenv("TMPDIR", "/nonexistent-logcompat-dir", 1);
	assert_int_equal(spool_captures(&c, 1, &cause), -1);
	setenv("TMPDIR", dir, 1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "cannot create a spool file "
	    "/nonexistent-logcompat-dir/logcompat-spool."));
	free(cause);
	/* The FIFO was opened, so its writer is not left waiting. */
	assert_int_equal(waitpid(child, &status, 0), child);
	capture_free(&c);
	unlink(path);
	free(path);
}

/* A spool left at a signal is removed before the process dies of it. */
static void
test_signal_removes_spools(void **state)
{
	pid_t child;
	int status;
	(void)state;

	if ((child = fork()) == 0) {
		pid_t writer;
		capture c;
		char *path = fifo_capture("sig", "z\n", &writer, &c);
		char *cause = NULL;
		if (spool_captures(&c, 1, &cause) != 0)
			_exit(3);
		waitpid(writer, NULL, 0);
		unlink(path);
		if (count_spools() != 1)
			_exit(4);
		raise(SIGTERM);
		_exit(5);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	assert_int_equal(count_spools(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_file_is_not_copied),
		cmocka_unit_test(test_fifo_is_copied_once),
		cmocka_unit_test(test_same_path_shares_one_copy),
		cmocka_unit_test(test_stdin_named_by_copy),
		cmocka_unit_test(test_unwritable_tmpdir_says_why),
		cmocka_unit_test(test_signal_removes_spools),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
