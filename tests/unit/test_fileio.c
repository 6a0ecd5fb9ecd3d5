/* Unit tests for fileio: temporary files and whole writes. */
#include <errno.h>
#include <fcntl.h>
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

#include "util/fileio.h"

/* Under $TMPDIR, named by its tag, new and empty, open read-write. */
static void
test_temp_under_tmpdir(void **state)
{
	char dir[] = "/tmp/test_fileio.XXXXXX";
	struct stat st;
	int fd;
	(void)state;

	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	char *path = fileio_temp("tag", &fd);
	assert_true(fd >= 0);
	assert_int_equal(strncmp(path, dir, strlen(dir)), 0);
	assert_int_equal(strncmp(path + strlen(dir), "/logcompat-tag.", 15),
	    0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(fileio_write_all(fd, "abc", 3), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	char back[4] = { 0 };
	assert_int_equal(read(fd, back, 3), 3);
	assert_string_equal(back, "abc");
	close(fd);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* A TMPDIR that is not there: fd -1, errno set, the path tried given. */
static void
test_temp_fails(void **state)
{
	int fd;
	(void)state;

	setenv("TMPDIR", "/nonexistent-logcompat-dir", 1);
	char *path = fileio_temp("spool", &fd);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(strncmp(path,
	    "/nonexistent-logcompat-dir/logcompat-spool.", 43), 0);
	free(path);
	unsetenv("TMPDIR");
}

/* A write to a full device fails with its errno. */
static void
test_write_all_full(void **state)
{
	int fd = open("/dev/full", O_WRONLY);
	(void)state;

	if (fd < 0)
		skip();
	assert_int_equal(fileio_write_all(fd, "x", 1), -1);
	assert_int_equal(errno, ENOSPC);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_temp_under_tmpdir),
		cmocka_unit_test(test_temp_fails),
		cmocka_unit_test(test_write_all_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
