// SPDX-License-Identifier: GPL-2.0
/*
 * The Launcher on a terminal, with lg.ko and the test kernel: /lguest runs
 * under a pseudo-terminal that is its controlling terminal and stdin
 * (stdout and stderr go to files).  While the guest runs the terminal must
 * be in raw mode, and keys reach the guest untouched -- Ctrl-C too, and
 * Ctrl-A Ctrl-A as one Ctrl-A (the guest's console_echo test shows them
 * back); afterwards its settings must be exactly what they were, whether
 * the Launcher left by the Ctrl-A x escape, a guest crash or a signal.
 *
 * Prints "PASS tty.<name>" / "FAIL tty.<name>: why".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define LAUNCHER	"/lguest"
#define GUEST		"/vmlinux"
#define WAIT_MS		30000	/* the longest any step may take */

struct run {
	pid_t pid;
	int master, slave;	/* the terminal: we keep both ends */
	struct termios before;
	char out[64], err[64];	/* files for its stdout and stderr */
	int status;		/* exit status, or 128 + signal */
};

static int failures;

static void result(const char *name, const char *why)
{
	if (!why[0]) {
		printf("PASS tty.%s\n", name);
	} else {
		printf("FAIL tty.%s: %s\n", name, why);
		failures++;
	}
	fflush(stdout);
}

static void msleep(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* The whole of a small file, NUL-terminated. */
static void slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

/* Start /lguest 32 /vmlinux ARGS... on a fresh terminal (in cooked mode,
 * as a shell leaves it).  0 if that could not be done. */
static int start(struct run *r, const char *name, char *const args[])
{
	const char *pts;
	int fd;

	memset(r, 0, sizeof(*r));
	snprintf(r->out, sizeof(r->out), "/tmp/tty-%s.out", name);
	snprintf(r->err, sizeof(r->err), "/tmp/tty-%s.err", name);
	r->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (r->master < 0 || grantpt(r->master) || unlockpt(r->master) ||
	    !(pts = ptsname(r->master)) || (r->slave = open(pts, O_RDWR | O_NOCTTY)) < 0 ||
	    tcgetattr(r->slave, &r->before) < 0)
		return 0;
	fflush(NULL);
	r->pid = fork();
	if (r->pid == 0) {
		setsid();
		fd = open(pts, O_RDWR);
		if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
			_exit(97);
		dup2(fd, STDIN_FILENO);
		dup2(open(r->out, O_WRONLY | O_CREAT | O_TRUNC, 0600), STDOUT_FILENO);
		dup2(open(r->err, O_WRONLY | O_CREAT | O_TRUNC, 0600), STDERR_FILENO);
		execv(LAUNCHER, args);
		_exit(98);
	}
	return r->pid > 0;
}

/* Wait up to WAIT_MS for the Launcher to exit; signo: keep sending it
 * that meanwhile (one landing just before read() is only seen later).
 * 0 if it never did (it is killed then). */
static int finish(struct run *r, int signo)
{
	int st, i;

	for (i = 0; i < WAIT_MS / 20; i++) {
		if (waitpid(r->pid, &st, WNOHANG) == r->pid) {
			r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			return 1;
		}
		if (signo)
			kill(r->pid, signo);
		msleep(20);
	}
	kill(r->pid, SIGKILL);
	waitpid(r->pid, &st, 0);
	return 0;
}

static void close_run(struct run *r)
{
	close(r->master);
	close(r->slave);
}

/* The terminal left canonical mode; its settings in *raw. */
static int wait_raw(const struct run *r, struct termios *raw)
{
	int i;

	for (i = 0; i < WAIT_MS / 10; i++) {
		if (tcgetattr(r->slave, raw) == 0 && !(raw->c_lflag & ICANON))
			return 1;
		msleep(10);
	}
	return 0;
}

/* Its stdout has a line containing text. */
static int wait_output(const struct run *r, const char *text)
{
	char buf[8192];
	int i;

	for (i = 0; i < WAIT_MS / 20; i++) {
		slurp(r->out, buf, sizeof(buf));
		if (strstr(buf, text))
			return 1;
		msleep(20);
	}
	return 0;
}

static void type(const struct run *r, const char *s, size_t n)
{
	if (write(r->master, s, n) != (ssize_t)n)
		perror("type");
}

/* What differs between the settings before and after, or "". */
static void compare(const struct run *r, char *why, size_t size)
{
	struct termios after;

	if (tcgetattr(r->slave, &after) < 0)
		snprintf(why, size, "cannot read the settings after: %s", strerror(errno));
	else if (after.c_iflag != r->before.c_iflag || after.c_oflag != r->before.c_oflag ||
		 after.c_cflag != r->before.c_cflag || after.c_lflag != r->before.c_lflag ||
		 memcmp(after.c_cc, r->before.c_cc, sizeof(after.c_cc)))
		snprintf(why, size,
			 "settings not restored: iflag %o->%o oflag %o->%o cflag %o->%o lflag %o->%o",
			 r->before.c_iflag, after.c_iflag, r->before.c_oflag, after.c_oflag,
			 r->before.c_cflag, after.c_cflag, r->before.c_lflag, after.c_lflag);
}

/* Raw while it runs: no echo, no line editing, no signals, no flow
 * control, no CR/NL translation of input; output processing kept. */
static void check_raw(const struct termios *t, char *why, size_t size)
{
	if ((t->c_lflag & (ECHO | ICANON | ISIG | IEXTEN)) ||
	    (t->c_iflag & (IXON | ICRNL)) || !(t->c_oflag & OPOST))
		snprintf(why, size, "not raw while the guest ran: iflag %o oflag %o lflag %o",
			 t->c_iflag, t->c_oflag, t->c_lflag);
}

/* Start the Launcher on a pty and wait until it has made the terminal
 * raw, checking how.  -1: it never started (reported); 0: it never went
 * raw (in why, Launcher killed); 1: running, with any complaint in why.
 */
static int start_raw(struct run *r, const char *name, char *const args[],
		     char *why, size_t size)
{
	struct termios raw;

	if (!start(r, name, args)) {
		result(name, "cannot start the Launcher on a pty");
		return -1;
	}
	if (!wait_raw(r, &raw)) {
		snprintf(why, size, "the terminal never went raw");
		finish(r, SIGKILL);
		return 0;
	}
	check_raw(&raw, why, size);
	return 1;
}

/* Type a line with Ctrl-C and Ctrl-A Ctrl-A in it; the guest shows it
 * back; then the escape Ctrl-A x: status 0, one line on stderr. */
static void test_escape(void)
{
	char *args[] = { LAUNCHER, "32", GUEST, "test=console_echo", "test=spin", NULL };
	char why[400] = "", err[2048];
	struct run r;

	switch (start_raw(&r, "escape", args, why, sizeof(why))) {
	case -1:
		return;
	case 0:
		goto out;
	}
	type(&r, "a\003\001\001b\r", 6);
	if (!wait_output(&r, "ECHO a\\x03\\x01b\n"))
		snprintf(why, sizeof(why), "no 'ECHO a\\x03\\x01b' from the guest");
	if (!wait_output(&r, "spin: halting forever"))
		snprintf(why, sizeof(why), "the guest never reached test=spin");
	type(&r, "\001x", 2);
	if (!finish(&r, 0)) {
		snprintf(why, sizeof(why), "still running %d ms after Ctrl-A x", WAIT_MS);
		goto out;
	}
	slurp(r.err, err, sizeof(err));
	if (r.status != 0)
		snprintf(why, sizeof(why), "exit status %d after Ctrl-A x (%.200s)", r.status, err);
	else if (strcmp(err, "lguest: quit from the console (Ctrl-A x)\n"))
		snprintf(why, sizeof(why), "stderr is '%.200s'", err);
	if (!why[0])
		compare(&r, why, sizeof(why));
out:
	close_run(&r);
	result("escape", why);
}

/* The Launcher leaves some other way, and the terminal is as it was:
 * after typing a line (the guest's console_echo) when type_line. */
static void leave(const char *name, char *const args[], int type_line,
		  int signo, int want_status, const char *want_err)
{
	char why[400] = "", err[2048];
	struct run r;

	switch (start_raw(&r, name, args, why, sizeof(why))) {
	case -1:
		return;
	case 0:
		goto out;
	}
	if (type_line) {
		type(&r, "bye\r", 4);
		if (!wait_output(&r, "ECHO bye\n"))
			snprintf(why, sizeof(why), "no 'ECHO bye' from the guest");
	} else if (!wait_output(&r, "spin: halting forever")) {
		snprintf(why, sizeof(why), "the guest never reached test=spin");
	}
	if (!finish(&r, signo)) {
		snprintf(why, sizeof(why), "still running after %d ms", WAIT_MS);
		goto out;
	}
	slurp(r.err, err, sizeof(err));
	if (r.status != want_status)
		snprintf(why, sizeof(why), "exit status %d, want %d (%.200s)", r.status,
			 want_status, err);
	else if (!strstr(err, want_err))
		snprintf(why, sizeof(why), "stderr lacks '%s': '%.200s'", want_err, err);
	if (!why[0])
		compare(&r, why, sizeof(why));
out:
	close_run(&r);
	result(name, why);
}

int main(void)
{
	char *crash[] = { LAUNCHER, "32", GUEST, "test=console_echo", "test=crash", NULL };
	char *echo[] = { LAUNCHER, "32", GUEST, "test=console_echo", NULL };
	char *spin[] = { LAUNCHER, "32", GUEST, "test=spin", NULL };

	if (access(LAUNCHER, X_OK) || access(GUEST, R_OK)) {
		printf("FAIL tty.setup: %s or %s missing\n", LAUNCHER, GUEST);
		return 1;
	}
	test_escape();
	leave("crash", crash, 1, 0, 2, "lguest: guest crashed (guest-crash): ");
	leave("poweroff", echo, 1, 0, 0, "");
	leave("sigterm", spin, 0, SIGTERM, 128 + SIGTERM, "interrupted by signal");
	leave("sighup", spin, 0, SIGHUP, 128 + SIGHUP, "interrupted by signal");
	return failures != 0;
}
