/* recorder: run a command and record its two streams; see recorder.h. */
#include "input/recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/fileio.h"
#include "util/xalloc.h"

#define RECORDER_READ_SIZE 65536

/*
 * Once the command has exited, a background process it left may hold the
 * pipes open: read on until the pipes are quiet this long, and never
 * longer than RECORDER_DRAIN_MAX_MS in all.
 */
#define RECORDER_GRACE_MS 150
#define RECORDER_DRAIN_MAX_MS 5000
/*
 * A signal sent to logcompat and to its process group at once (timeout(1)
 * does both) arrives twice; copies this close together are passed on
 * once, as the kernel would merge them had they been pending together.
 */
#define RECORDER_SIGNAL_MERGE_MS 100

/* The signals forwarded to the command, and SIGCHLD, caught to wake up. */
static const int recorder_signals[] = { SIGINT, SIGTERM, SIGCHLD };
#define RECORDER_SIGNAL_COUNT \
	(sizeof recorder_signals / sizeof recorder_signals[0])

/* Write end of the self-pipe, for the signal handler only. */
static volatile sig_atomic_t recorder_signal_fd = -1;

struct recorder_stream {
	const char *name;	/* "stdout" or "stderr" */
	int pipe_fd;		/* read end; -1 once at end of file */
	int log_fd;		/* DIR/<name>.log */
	char *log_path;
};

struct recorder {
	struct recorder_stream streams[2];
	int capture_fd;
	char *capture_path;
	char *records;		/* capture.log text for one read */
	size_t records_len, records_size;
	char *first_error;	/* first write or poll error, reported at the end */
	int signal_pipe[2];
	struct sigaction old_actions[RECORDER_SIGNAL_COUNT];
	bool handlers_installed;
	pid_t child;		/* also the id of its process group */
	bool reaped;		/* the command has exited, with wait_status */
	int wait_status;
	bool stop;		/* a signal came after the command exited */
	int64_t forwarded_ms[RECORDER_SIGNAL_COUNT];	/* when, or -1 */
};

static int64_t
recorder_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void
recorder_handler(int sig)
{
	int saved_errno = errno;
	unsigned char byte = (unsigned char)sig;

	/* Non-blocking: when the pipe is full the signal is dropped. */
	if (recorder_signal_fd != -1 &&
	    write(recorder_signal_fd, &byte, 1) == -1) {
		/* Nothing to do from a handler. */
	}
	errno = saved_errno;
}

/* A pipe whose two ends are close-on-exec and above the standard fds. */
static int
recorder_pipe(int fds[2])
{
	int raw[2];

	if (pipe(raw) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fds[i] = fcntl(raw[i], F_DUPFD_CLOEXEC, 3);
		close(raw[i]);
	}
	if (fds[0] == -1 || fds[1] == -1) {
		if (fds[0] != -1)
			close(fds[0]);
		if (fds[1] != -1)
			close(fds[1]);
		fds[0] = fds[1] = -1;
		return -1;
	}
	return 0;
}

static void
recorder_close(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* Keep the first write error and stop writing to that file. */
static void
recorder_write(struct recorder *rec, int *fd, const char *path,
    const char *data, size_t len)
{
	if (*fd == -1)
		return;
	if (fileio_write_all(*fd, data, len) != 0) {
		if (rec->first_error == NULL)
			rec->first_error = xasprintf("cannot write %s: %s",
			    path, strerror(errno));
		recorder_close(fd);
	}
}

static void
recorder_append(struct recorder *rec, const char *data, size_t len)
{
	if (rec->records_size - rec->records_len < len) {
		while (rec->records_size - rec->records_len < len)
			rec->records_size *= 2;
		rec->records = xrealloc(rec->records, rec->records_size);
	}
	memcpy(rec->records + rec->records_len, data, len);
	rec->records_len += len;
}

static void
recorder_append_record(struct recorder *rec, const char *stamp,
    const char *stream, char tag, const char *content, size_t len)
{
	char head[64];
	size_t stamp_len = strlen(stamp), stream_len = strlen(stream);

	memcpy(head, stamp, stamp_len);
	head[stamp_len] = ' ';
	memcpy(head + stamp_len + 1, stream, stream_len);
	head[stamp_len + 1 + stream_len] = ' ';
	head[stamp_len + 2 + stream_len] = tag;
	head[stamp_len + 3 + stream_len] = ' ';
	recorder_append(rec, head, stamp_len + stream_len + 4);
	recorder_append(rec, content, len);
	recorder_append(rec, "\n", 1);
}

/* RFC 3339 in UTC with nanoseconds: 2026-11-24T14:03:22.123456789Z. */
static void
recorder_stamp(char *stamp, size_t size)
{
	struct timespec now;
	struct tm parts;
	char seconds[32];

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &parts);
	strftime(seconds, sizeof seconds, "%Y-%m-%dT%H:%M:%S", &parts);
	snprintf(stamp, size, "%s.%09ldZ", seconds, (long)now.tv_nsec);
}

/* Cut one read into records: F for each ended line, P for the rest. */
static void
recorder_records(struct recorder *rec, const char *stamp, const char *stream,
    const char *data, size_t len)
{
	while (len > 0) {
		const char *newline = memchr(data, '\n', len);
		size_t line_len = newline != NULL ? (size_t)(newline - data) :
		    len;

		while (line_len > RECORDER_CHUNK_MAX) {
			recorder_append_record(rec, stamp, stream, 'P', data,
			    RECORDER_CHUNK_MAX);
			data += RECORDER_CHUNK_MAX;
			len -= RECORDER_CHUNK_MAX;
			line_len -= RECORDER_CHUNK_MAX;
		}
		if (newline == NULL) {
			if (line_len > 0)
				recorder_append_record(rec, stamp, stream, 'P',
				    data, line_len);
			return;
		}
		recorder_append_record(rec, stamp, stream, 'F', data, line_len);
		data += line_len + 1;
		len -= line_len + 1;
	}
}

/* One read from a stream's pipe; end of file closes it. */
static void
recorder_drain(struct recorder *rec, struct recorder_stream *stream,
    char *buffer)
{
	ssize_t got;
	char stamp[64];

	do
		got = read(stream->pipe_fd, buffer, RECORDER_READ_SIZE);
	while (got == -1 && errno == EINTR);
	if (got <= 0) {
		recorder_close(&stream->pipe_fd);
		return;
	}
	recorder_stamp(stamp, sizeof stamp);
	recorder_write(rec, &stream->log_fd, stream->log_path, buffer,
	    (size_t)got);
	rec->records_len = 0;
	recorder_records(rec, stamp, stream->name, buffer, (size_t)got);
	recorder_write(rec, &rec->capture_fd, rec->capture_path, rec->records,
	    rec->records_len);
}

/* Reap the command if it has exited, without waiting. */
static void
recorder_reap(struct recorder *rec)
{
	pid_t got;

	if (rec->reaped)
		return;
	do
		got = waitpid(rec->child, &rec->wait_status, WNOHANG);
	while (got == -1 && errno == EINTR);
	if (got == rec->child || (got == -1 && errno == ECHILD))
		rec->reaped = true;
}

/*
 * Pass every signal caught since the last call on to the command's
 * process group, once (see RECORDER_SIGNAL_MERGE_MS).  One that comes
 * after the command exited also ends the capture.
 */
static void
recorder_forward(struct recorder *rec)
{
	unsigned char caught[64];
	ssize_t got;

	while ((got = read(rec->signal_pipe[0], caught, sizeof caught)) > 0) {
		for (ssize_t i = 0; i < got; i++) {
			size_t k = 0;
			while (k < RECORDER_SIGNAL_COUNT &&
			    recorder_signals[k] != caught[i])
				k++;
			if (k == RECORDER_SIGNAL_COUNT || caught[i] == SIGCHLD)
				continue;
			int64_t now = recorder_now_ms();
			if (rec->forwarded_ms[k] >= 0 &&
			    now - rec->forwarded_ms[k] < RECORDER_SIGNAL_MERGE_MS)
				continue;
			rec->forwarded_ms[k] = now;
			if (kill(-rec->child, caught[i]) != 0 && !rec->reaped)
				kill(rec->child, caught[i]);
			if (rec->reaped)
				rec->stop = true;
		}
	}
	recorder_reap(rec);
}

static int
recorder_set_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags == -1)
		return -1;
	return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static int
recorder_install(struct recorder *rec)
{
	struct sigaction action;

	memset(&action, 0, sizeof action);
	action.sa_handler = recorder_handler;
	sigemptyset(&action.sa_mask);
	recorder_signal_fd = rec->signal_pipe[1];
	for (size_t i = 0; i < RECORDER_SIGNAL_COUNT; i++) {
		if (sigaction(recorder_signals[i], &action,
		    &rec->old_actions[i]) != 0) {
			while (i-- > 0)
				sigaction(recorder_signals[i],
				    &rec->old_actions[i], NULL);
			recorder_signal_fd = -1;
			return -1;
		}
	}
	rec->handlers_installed = true;
	return 0;
}

static void
recorder_uninstall(struct recorder *rec)
{
	if (!rec->handlers_installed)
		return;
	for (size_t i = 0; i < RECORDER_SIGNAL_COUNT; i++)
		sigaction(recorder_signals[i], &rec->old_actions[i], NULL);
	recorder_signal_fd = -1;
	rec->handlers_installed = false;
}

/*
 * Not truncated yet: the old capture stays until the command has started.
 * A capture file must not be a FIFO: it would block the open until some
 * reader came, before the command even started, and the arrival times
 * would be the reader's.
 */
static int
recorder_open_file(const char *path, int *fd, char **cause)
{
	struct stat st;

	*fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0666);
	if (*fd == -1 && errno == ENXIO) {
		*cause = xasprintf("cannot write %s: a FIFO, not a regular "
		    "file", path);
		return -1;
	}
	if (*fd == -1) {
		*cause = xasprintf("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(*fd, &st) != 0 || S_ISFIFO(st.st_mode)) {
		*cause = xasprintf("cannot write %s: a FIFO, not a regular "
		    "file", path);
		close(*fd);
		*fd = -1;
		return -1;
	}
	int flags = fcntl(*fd, F_GETFL);
	if (flags < 0 || fcntl(*fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		*cause = xasprintf("cannot open %s: %s", path, strerror(errno));
		close(*fd);
		*fd = -1;
		return -1;
	}
	return 0;
}

static int
recorder_make_dir(const char *dir, char **cause)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		*cause = xasprintf("cannot create %s: not a directory", dir);
	else
		*cause = xasprintf("cannot create %s: %s", dir, strerror(errno));
	return -1;
}

/* In the child: wire the pipes and run the command; never returns. */
static void
recorder_exec(struct recorder *rec, char *const *argv, int out_fd,
    int err_fd, int report_fd, const sigset_t *old_mask)
{
	int exec_errno;

	for (size_t i = 0; i < RECORDER_SIGNAL_COUNT; i++)
		sigaction(recorder_signals[i], &rec->old_actions[i], NULL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	/*
	 * Its own process group: a signal to logcompat's group (the
	 * terminal's ^C, kill -- -PGID) reaches the command only once,
	 * forwarded.
	 */
	setpgid(0, 0);
	/* The pipe ends are above 2, so dup2 clears close-on-exec. */
	if (dup2(out_fd, STDOUT_FILENO) == -1 ||
	    dup2(err_fd, STDERR_FILENO) == -1) {
		exec_errno = errno;
	} else {
		execvp(argv[0], argv);
		exec_errno = errno;
	}
	/* The parent reads this, or end of file when exec worked. */
	while (write(report_fd, &exec_errno, sizeof exec_errno) == -1 &&
	    errno == EINTR)
		;
	_exit(127);
}

static void
recorder_cleanup(struct recorder *rec)
{
	for (int i = 0; i < 2; i++) {
		recorder_close(&rec->streams[i].pipe_fd);
		recorder_close(&rec->streams[i].log_fd);
		free(rec->streams[i].log_path);
	}
	recorder_close(&rec->capture_fd);
	free(rec->capture_path);
	recorder_uninstall(rec);
	recorder_close(&rec->signal_pipe[0]);
	recorder_close(&rec->signal_pipe[1]);
	free(rec->records);
	free(rec->first_error);
}

/*
 * Wait for the command, still forwarding signals, and map its status; -1
 * with errno set when it cannot be waited for.
 */
static int
recorder_wait(struct recorder *rec)
{
	int status = rec->wait_status;

	while (!rec->reaped && waitpid(rec->child, &status, 0) == -1) {
		if (errno != EINTR)
			return -1;
		recorder_forward(rec);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * Read both pipes as data arrives until both reach end of file, or the
 * command has exited and the pipes are quiet (RECORDER_GRACE_MS).
 */
static void
recorder_loop(struct recorder *rec)
{
	char *buffer = xmalloc(RECORDER_READ_SIZE);
	struct pollfd fds[3];
	int64_t exited_ms = -1;

	for (;;) {
		nfds_t count = 0;
		int which[2];
		int timeout = -1;

		recorder_reap(rec);
		if (rec->reaped) {
			int64_t now = recorder_now_ms();
			if (exited_ms < 0)
				exited_ms = now;
			if (rec->stop || now - exited_ms >= RECORDER_DRAIN_MAX_MS)
				break;
			timeout = RECORDER_GRACE_MS;
		}

		fds[count].fd = rec->signal_pipe[0];
		fds[count].events = POLLIN;
		count++;
		for (int i = 0; i < 2; i++) {
			if (rec->streams[i].pipe_fd == -1)
				continue;
			which[count - 1] = i;
			fds[count].fd = rec->streams[i].pipe_fd;
			fds[count].events = POLLIN;
			count++;
		}
		if (count == 1)
			break;
		int ready = poll(fds, count, timeout);
		if (ready == 0)
			break;		/* quiet since the command exited */
		if (ready == -1) {
			if (errno == EINTR)
				continue;
			/*
			 * Give up reading; closing the pipes keeps the
			 * command from blocking on them for ever.
			 */
			if (rec->first_error == NULL)
				rec->first_error = xasprintf("cannot poll: %s",
				    strerror(errno));
			recorder_close(&rec->streams[0].pipe_fd);
			recorder_close(&rec->streams[1].pipe_fd);
			break;
		}
		if (fds[0].revents != 0)
			recorder_forward(rec);
		for (nfds_t i = 1; i < count; i++) {
			if (fds[i].revents != 0)
				recorder_drain(rec, &rec->streams[which[i - 1]],
				    buffer);
		}
	}
	/* What a background process writes later is not the command's. */
	recorder_close(&rec->streams[0].pipe_fd);
	recorder_close(&rec->streams[1].pipe_fd);
	free(buffer);
}

/* The command has started: now the old capture's files can go. */
static void
recorder_truncate(struct recorder *rec)
{
	for (int i = 0; i < 2; i++) {
		if (ftruncate(rec->streams[i].log_fd, 0) != 0 &&
		    rec->first_error == NULL)
			rec->first_error = xasprintf("cannot write %s: %s",
			    rec->streams[i].log_path, strerror(errno));
	}
	if (ftruncate(rec->capture_fd, 0) != 0 && rec->first_error == NULL)
		rec->first_error = xasprintf("cannot write %s: %s",
		    rec->capture_path, strerror(errno));
}

int
recorder_run(const recorder_options *opts, char **cause)
{
	static const char *const names[2] = { "stdout", "stderr" };
	struct recorder rec;
	int out_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 };
	int report_pipe[2] = { -1, -1 };
	sigset_t forwarded, old_mask;
	int exec_errno, status = -1;
	ssize_t got;

	*cause = NULL;
	memset(&rec, 0, sizeof rec);
	rec.capture_fd = rec.signal_pipe[0] = rec.signal_pipe[1] = -1;
	for (size_t i = 0; i < RECORDER_SIGNAL_COUNT; i++)
		rec.forwarded_ms[i] = -1;
	for (int i = 0; i < 2; i++) {
		rec.streams[i].name = names[i];
		rec.streams[i].pipe_fd = rec.streams[i].log_fd = -1;
		rec.streams[i].log_path = xasprintf("%s/%s.log", opts->dir,
		    names[i]);
	}
	rec.capture_path = xasprintf("%s/capture.log", opts->dir);
	rec.records_size = RECORDER_READ_SIZE;
	rec.records = xmalloc(rec.records_size);

	if (opts->argv == NULL || opts->argv[0] == NULL) {
		*cause = xstrdup("no command to run");
		goto out;
	}
	if (recorder_make_dir(opts->dir, cause) != 0)
		goto out;
	for (int i = 0; i < 2; i++) {
		if (recorder_open_file(rec.streams[i].log_path,
		    &rec.streams[i].log_fd, cause) != 0)
			goto out;
	}
	if (recorder_open_file(rec.capture_path, &rec.capture_fd, cause) != 0)
		goto out;
	if (recorder_pipe(out_pipe) != 0 || recorder_pipe(err_pipe) != 0 ||
	    recorder_pipe(report_pipe) != 0 ||
	    recorder_pipe(rec.signal_pipe) != 0 ||
	    recorder_set_nonblock(rec.signal_pipe[0]) != 0 ||
	    recorder_set_nonblock(rec.signal_pipe[1]) != 0) {
		*cause = xasprintf("cannot create a pipe: %s", strerror(errno));
		goto out;
	}
	rec.streams[0].pipe_fd = out_pipe[0];
	rec.streams[1].pipe_fd = err_pipe[0];
	out_pipe[0] = err_pipe[0] = -1;

	/* Blocked across fork so the child never runs our handler. */
	sigemptyset(&forwarded);
	for (size_t i = 0; i < RECORDER_SIGNAL_COUNT; i++)
		sigaddset(&forwarded, recorder_signals[i]);
	sigprocmask(SIG_BLOCK, &forwarded, &old_mask);
	if (recorder_install(&rec) != 0) {
		*cause = xasprintf("cannot catch signals: %s", strerror(errno));
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		goto out;
	}
	rec.child = fork();
	if (rec.child == 0)
		recorder_exec(&rec, opts->argv, out_pipe[1], err_pipe[1],
		    report_pipe[1], &old_mask);
	exec_errno = errno;
	/* Here too, so that no signal is forwarded before the group exists. */
	if (rec.child > 0)
		setpgid(rec.child, rec.child);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (rec.child == -1) {
		*cause = xasprintf("cannot fork: %s", strerror(exec_errno));
		goto out;
	}
	recorder_close(&out_pipe[1]);
	recorder_close(&err_pipe[1]);
	recorder_close(&report_pipe[1]);

	do
		got = read(report_pipe[0], &exec_errno, sizeof exec_errno);
	while (got == -1 && errno == EINTR);
	if (got == (ssize_t)sizeof exec_errno) {
		recorder_loop(&rec);
		recorder_wait(&rec);
		status = exec_errno == ENOENT ? 127 : 126;
		*cause = xasprintf("cannot run %s: %s", opts->argv[0],
		    strerror(exec_errno));
		goto out;
	}
	recorder_truncate(&rec);
	recorder_loop(&rec);
	status = recorder_wait(&rec);
	if (status == -1)
		*cause = xasprintf("cannot wait for %s: %s", opts->argv[0],
		    strerror(errno));
	else if (rec.first_error != NULL) {
		*cause = rec.first_error;
		rec.first_error = NULL;
		status = -1;
	}

out:
	recorder_close(&out_pipe[0]);
	recorder_close(&out_pipe[1]);
	recorder_close(&err_pipe[0]);
	recorder_close(&err_pipe[1]);
	recorder_close(&report_pipe[0]);
	recorder_close(&report_pipe[1]);
	recorder_cleanup(&rec);
	return status;
}
