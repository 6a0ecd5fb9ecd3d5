/*
 * selfkill: a recorder test child.  "selfkill kill N" writes a line and
 * kills itself with signal N.  "selfkill parent N" writes a line, sends
 * signal N to its parent (the recorder, which should pass it back) and
 * waits for it; an alarm ends the wait if it never comes.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	if (write(1, "before\n", 7) != 7)
		return 1;
	if (strcmp(argv[1], "kill") == 0) {
		kill(getpid(), atoi(argv[2]));
		return 1;
	}
	if (strcmp(argv[1], "parent") == 0) {
		alarm(20);
		kill(getppid(), atoi(argv[2]));
		for (;;)
			pause();
	}
	return 2;
}
