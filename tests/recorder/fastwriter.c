/*
 * fastwriter: a recorder test child.  "fastwriter lines N" writes N numbered
 * lines to each of stdout and stderr, alternating, one write(2) per line;
 * "fastwriter twins N" writes N numbered lines, each to stdout and then the
 * same to stderr; "fastwriter huge N" writes one line of N bytes to stdout.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t done = write(fd, data, len);
		if (done == -1)
			return -1;
		data += done;
		len -= (size_t)done;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	long count = strtol(argv[2], NULL, 10);
	bool twins = strcmp(argv[1], "twins") == 0;
	if (twins || strcmp(argv[1], "lines") == 0) {
		char line[64];
		for (long i = 0; i < count; i++) {
			int len = snprintf(line, sizeof line, "out %06ld\n", i);
			if (write_all(1, line, (size_t)len) != 0)
				return 1;
			if (twins)
				len = snprintf(line, sizeof line, "out %06ld\n", i);
			else
				len = snprintf(line, sizeof line, "err %06ld\n", i);
			if (write_all(2, line, (size_t)len) != 0)
				return 1;
		}
		return 0;
	}
	if (strcmp(argv[1], "huge") == 0) {
		char *line = malloc((size_t)count + 1);
		if (line == NULL)
			return 1;
		for (long i = 0; i < count; i++)
			line[i] = (char)('a' + i % 26);
		line[count] = '\n';
		int status = write_all(1, line, (size_t)count + 1) != 0;
		free(line);
		return status;
	}
	return 2;
}
