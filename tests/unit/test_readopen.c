/* Unit tests for readopen: files, missing files, FIFOs with late writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/readopen.h"
#include "util/xalloc.h"

static void
test_regular_and_missing(void **state)
{
	(void)state;
	char *cause = NULL;
	int fd = readopen("/dev/null", &cause);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(readopen("/no/such/file", &cause), -1);
	assert_string_equal(cause,
	    "cannot open /no/such/file: No such file or directory");
	free(cause);
}

/* A writer that comes late, and one that leaves without writing. */
static void
test_fifo(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_readopen.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *fifo = xasprintf("%s/fifo", dir), *cause = NULL;
	assert_int_equal(mkfifo(fifo, 0600), 0);

	for (int round = 0; round < 2; round++) {
		pid_t child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			nanosleep(&(struct timespec){ .tv_nsec = 200000000 }, NULL);
			FILE *f = fopen(fifo, "w");
			if (f != NULL && round == 0)
				fputs("line\n", f);
			_exit(f != NULL && fclose(f) == 0 ? 0 : 1);
		}
		int fd = readopen(fifo, &cause);
		assert_true(fd >= 0);
		char buf[16];
		ssize_t n = read(fd, buf, sizeof buf);
		if (round == 0) {
			assert_int_equal(n, 5);
			assert_memory_equal(buf, "line\n", 5);
		} else {
			assert_int_equal(n, 0);
		}
		close(fd);
		int status;
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_and_missing),
		cmocka_unit_test(test_fifo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
