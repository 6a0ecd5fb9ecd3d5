/*
 * sigcount: a recorder test child that counts the SIGINTs it gets.  It
 * writes "ready", waits for a first SIGINT (an alarm ends the wait if it
 * never comes), gives copies half a second to arrive, writes "sigint N"
 * and exits 0.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t count;

static void
counted(int sig)
{
	(void)sig;
	count++;
}

int
main(void)
{
	struct sigaction action;
	struct timespec rest = { 0, 500000000L };
	char text[32];
	int len;

	memset(&action, 0, sizeof action);
	action.sa_handler = counted;
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	alarm(20);
	if (write(1, "ready\n", 6) != 6)
		return 1;
	while (count == 0)
		pause();
	while (nanosleep(&rest, &rest) != 0)
		;
	len = snprintf(text, sizeof text, "sigint %d\n", (int)count);
	if (write(1, text, (size_t)len) != len)
		return 1;
	return 0;
}
