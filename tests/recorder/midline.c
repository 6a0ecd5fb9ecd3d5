/*
 * midline: a recorder test child.  Writes a whole line and then an unended
 * one to stdout, an unended one to stderr, and exits with status argv[1]
 * (0 when absent) without a newline.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
put(int fd, const char *text)
{
	if (write(fd, text, strlen(text)) == -1)
		_exit(1);
}

int
main(int argc, char **argv)
{
	put(1, "complete\n");
	put(1, "partial");
	put(2, "err-partial");
	_exit(argc > 1 ? atoi(argv[1]) : 0);
}
