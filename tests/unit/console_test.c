// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for launcher/console.c without lg.ko.  As in dev_test.c, a
 * SOCK_SEQPACKET socket stands in for /dev/lguest (one request per read(),
 * one event per write()); stdin is a pipe, /dev/null or a pseudo-terminal
 * whose settings we compare before and after.  The Launcher (console_start()
 * then dev_run()) runs in a child; the tests type, read the requests it
 * makes, and end it with an event or a signal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <lguest/dev.h>

#include "launcher.h"
#include "check.h"

enum stdin_mode { IN_PIPE, IN_NULL, IN_TTY, IN_TTY_BACKGROUND };

struct child {
	pid_t pid;
	int dev;		/* our end of the stand-in device */
	int pipe;		/* IN_PIPE: its write end */
	int master, slave;	/* IN_TTY*: the terminal, our two ends */
	struct termios before;	/* IN_TTY*: its settings before the Launcher */
	FILE *out, *err;
	int status;		/* exit status, or -signal */
	char err_text[4096];
};

static sigset_t stop_signals;	/* SIGINT, SIGTERM, SIGHUP */

static void msleep(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* The Launcher's last steps, as main() takes them. */
static void __attribute__((noreturn)) launcher(int dev)
{
	alarm(10);		/* a hang fails the test instead */
	dev_catch_signals();
	console_start(dev);
	sigprocmask(SIG_UNBLOCK, &stop_signals, NULL);
	dev_run(dev);
}

/* In the child: make the pty our controlling terminal and our stdin.
 * Background: run the Launcher in a process group of its own, which is
 * then not the terminal's foreground group.
 */
static void tty_stdin(const char *name, int background)
{
	int fd, st;
	pid_t pid;

	setsid();
	fd = open(name, O_RDWR);
	if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		_exit(97);
	dup2(fd, STDIN_FILENO);
	close(fd);
	if (!background)
		return;
	pid = fork();
	if (pid != 0) {
		waitpid(pid, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	}
	setpgid(0, 0);
}

static void start(struct child *c, enum stdin_mode mode)
{
	int sv[2], p[2] = { -1, -1 }, fd;
	const char *name = NULL;

	memset(c, 0, sizeof(*c));
	c->pipe = c->master = c->slave = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0 || pipe(p) < 0) {
		perror("socketpair/pipe");
		exit(1);
	}
	if (mode == IN_TTY || mode == IN_TTY_BACKGROUND) {
		c->master = posix_openpt(O_RDWR | O_NOCTTY);
		if (c->master < 0 || grantpt(c->master) || unlockpt(c->master) ||
		    !(name = ptsname(c->master)) ||
		    (c->slave = open(name, O_RDWR | O_NOCTTY)) < 0) {
			perror("pty");
			exit(1);
		}
		tcgetattr(c->slave, &c->before);
	}
	c->out = tmpfile();
	c->err = tmpfile();
	fflush(NULL);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);
	c->pid = fork();
	if (c->pid == 0) {
		close(sv[1]);
		close(p[1]);
		if (mode == IN_PIPE) {
			dup2(p[0], STDIN_FILENO);
		} else if (mode == IN_NULL) {
			fd = open("/dev/null", O_RDONLY);
			dup2(fd, STDIN_FILENO);
		} else {
			tty_stdin(name, mode == IN_TTY_BACKGROUND);
		}
		dup2(fileno(c->out), STDOUT_FILENO);
		dup2(fileno(c->err), STDERR_FILENO);
		launcher(sv[0]);
	}
	sigprocmask(SIG_UNBLOCK, &stop_signals, NULL);
	close(sv[0]);
	close(p[0]);
	c->dev = sv[1];
	if (mode == IN_PIPE)
		c->pipe = p[1];
	else
		close(p[1]);
}

static void send_event(struct child *c, uint32_t kind, uint32_t status)
{
	struct lguest_event ev = { kind, status, 0, 0 };

	if (write(c->dev, &ev, sizeof(ev)) < 0)
		perror("send_event");
}

/* Wait for the child to exit (its alarm() bounds the wait); signo: keep
 * sending it that (dev_test.c says why). */
static void finish(struct child *c, int signo)
{
	size_t n;
	int st;

	while (waitpid(c->pid, &st, signo ? WNOHANG : 0) == 0) {
		kill(c->pid, signo);
		msleep(20);
	}
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
	rewind(c->err);
	n = fread(c->err_text, 1, sizeof(c->err_text) - 1, c->err);
	c->err_text[n] = '\0';
	fclose(c->out);
	fclose(c->err);
	close(c->dev);
	if (c->pipe >= 0)
		close(c->pipe);
	/* The terminal stays for a last look at its settings (a closed
	 * master would hang the slave up): close_tty() closes it. */
}

static void close_tty(struct child *c)
{
	if (c->master >= 0)
		close(c->master);
	if (c->slave >= 0)
		close(c->slave);
}

static int alive(const struct child *c)
{
	int st;

	return waitpid(c->pid, &st, WNOHANG) == 0;
}

/*
 * Collect console input requests until want bytes came or ms passed; each
 * must be a well-formed LHREQ_CONSOLE_INPUT of at most
 * LGUEST_CONSOLE_INPUT_MAX bytes.  Returns the bytes, or -1 (why in why).
 */
static long requests(struct child *c, char *data, size_t want, int ms,
		     char *why, size_t why_size)
{
	char buf[2 * LGUEST_EVENT_MAX];
	struct lguest_console_input hdr;
	struct pollfd pfd = { c->dev, POLLIN, 0 };
	size_t got = 0;
	ssize_t n;

	while (got < want && poll(&pfd, 1, ms) == 1) {
		n = read(c->dev, buf, sizeof(buf));
		if (n < (ssize_t)sizeof(hdr)) {
			snprintf(why, why_size, "a request of %zd bytes", n);
			return -1;
		}
		memcpy(&hdr, buf, sizeof(hdr));
		if (hdr.req != LHREQ_CONSOLE_INPUT || hdr.len > LGUEST_CONSOLE_INPUT_MAX ||
		    hdr.len != n - sizeof(hdr) || got + hdr.len > want) {
			snprintf(why, why_size, "bad request: req %u len %u in %zd bytes (after %zu)",
				 hdr.req, hdr.len, n, got);
			return -1;
		}
		memcpy(data + got, buf + sizeof(hdr), hdr.len);
		got += hdr.len;
	}
	return (long)got;
}

/* The Launcher has put the terminal in raw mode (within 3 s). */
static int wait_raw(const struct child *c, struct termios *t)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (tcgetattr(c->slave, t) == 0 && !(t->c_lflag & ICANON))
			return 1;
		msleep(10);
	}
	return 0;
}

static int same_termios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	       !memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc)) &&
	       cfgetispeed(a) == cfgetispeed(b) && cfgetospeed(a) == cfgetospeed(b);
}

static void type(const struct child *c, const char *s, size_t n)
{
	if (write(c->master, s, n) != (ssize_t)n)
		perror("type");
}

/* A pipe is passed on byte for byte: Ctrl-A is no escape there, requests
 * hold at most LGUEST_CONSOLE_INPUT_MAX bytes, and its end is not the
 * guest's end. */
static void test_pipe(void)
{
	char in[1000], got[sizeof(in)], why[200];
	struct child c;
	long n;
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7 + 1);
	memcpy(in, "hi \001x\001\001\003", 8);
	start(&c, IN_PIPE);
	if (write(c.pipe, in, sizeof(in)) != (ssize_t)sizeof(in))
		perror("write");
	close(c.pipe);
	c.pipe = -1;
	n = requests(&c, got, sizeof(got), 2000, why, sizeof(why));
	msleep(100);
	if (!alive(&c)) {
		finish(&c, 0);
		CHECK_FAILF("the Launcher exited (status %d) at the end of its input: %.200s",
			    c.status, c.err_text);
	}
	send_event(&c, LGUEST_EV_SHUTDOWN, 0);
	finish(&c, 0);
	close_tty(&c);
	if (n < 0)
		CHECK_FAILF("%s", why);
	EXPECT_EQ(n, sizeof(in));
	EXPECT_MEM_EQ(got, in, sizeof(in));
	EXPECT_EQ(c.status, 0);
	EXPECT_STR_EQ(c.err_text, "");
}

/* /dev/null: nothing to pass on, and the guest runs on. */
static void test_devnull(void)
{
	char got[16], why[200];
	struct child c;
	long n;

	start(&c, IN_NULL);
	n = requests(&c, got, sizeof(got), 200, why, sizeof(why));
	EXPECT_TRUE(alive(&c));
	send_event(&c, LGUEST_EV_SHUTDOWN, 3);
	finish(&c, 0);
	EXPECT_EQ(n, 0);
	EXPECT_EQ(c.status, 3);
	EXPECT_STR_EQ(c.err_text, "");
}

/* On a terminal: raw mode while it runs; Ctrl-C, Ctrl-Z and CR go to the
 * guest untouched; Ctrl-A Ctrl-A is one Ctrl-A; Ctrl-A h lists the
 * escapes; Ctrl-A x quits with status 0 and the settings as they were. */
static void test_tty_escape(void)
{
	struct termios raw, after;
	char got[16], why[200];
	struct child c;
	long n;

	start(&c, IN_TTY);
	if (!wait_raw(&c, &raw)) {
		finish(&c, SIGKILL);
		close_tty(&c);
		CHECK_FAILF("the terminal never left canonical mode: %.200s", c.err_text);
	}
	type(&c, "a\003\032\001\001b\r", 7);
	n = requests(&c, got, 6, 2000, why, sizeof(why));
	type(&c, "\001h", 2);
	msleep(100);
	EXPECT_TRUE(alive(&c));
	type(&c, "z\001x", 3);
	finish(&c, 0);
	tcgetattr(c.slave, &after);
	close_tty(&c);
	if (n < 0)
		CHECK_FAILF("%s", why);
	EXPECT_EQ(n, 6);
	EXPECT_MEM_EQ(got, "a\003\032\001b\r", 6);
	EXPECT_EQ(raw.c_lflag & (ECHO | ICANON | ISIG | IEXTEN), 0);
	EXPECT_EQ(raw.c_iflag & (IXON | ICRNL), 0);
	EXPECT_TRUE(raw.c_oflag & OPOST);
	EXPECT_EQ(c.status, 0);
	EXPECT_STR_CONTAINS(c.err_text, "Ctrl-A Ctrl-A  send Ctrl-A to the guest\n");
	EXPECT_STR_CONTAINS(c.err_text, "lguest: quit from the console (Ctrl-A x)\n");
	EXPECT_TRUE(same_termios(&c.before, &after));
}

/* Every other way out restores the terminal too: end the raw-mode
 * Launcher with an event or a signal, expect want_status. */
static void tty_exit(uint32_t kind, uint32_t code, int signo, int want_status)
{
	struct termios raw, after;
	struct child c;

	start(&c, IN_TTY);
	if (!wait_raw(&c, &raw)) {
		finish(&c, SIGKILL);
		close_tty(&c);
		CHECK_FAILF("the terminal never left canonical mode: %.200s", c.err_text);
	}
	if (kind)
		send_event(&c, kind, code);
	finish(&c, signo);
	tcgetattr(c.slave, &after);
	close_tty(&c);
	EXPECT_EQ(c.status, want_status);
	EXPECT_TRUE(same_termios(&c.before, &after));
}

static void test_tty_shutdown(void)
{
	tty_exit(LGUEST_EV_SHUTDOWN, 0, 0, 0);
}

static void test_tty_crash(void)
{
	tty_exit(LGUEST_EV_CRASH, LGUEST_KILL_GUEST_CRASH, 0, 2);
}

static void test_tty_error(void)
{
	tty_exit(99, 0, 0, 1);	/* an unknown event: die() */
}

static void test_tty_sigterm(void)
{
	tty_exit(0, 0, SIGTERM, 128 + SIGTERM);
}

static void test_tty_sighup(void)
{
	tty_exit(0, 0, SIGHUP, 128 + SIGHUP);
}

static void test_tty_sigint(void)
{
	tty_exit(0, 0, SIGINT, 128 + SIGINT);
}

/* A Launcher in the background of its terminal leaves it alone: no raw
 * mode, nothing read (and so never stopped by SIGTTIN). */
static void test_tty_background(void)
{
	struct termios after;
	char got[16], why[200];
	struct child c;
	long n;

	start(&c, IN_TTY_BACKGROUND);
	msleep(300);
	type(&c, "zz\n", 3);
	n = requests(&c, got, sizeof(got), 300, why, sizeof(why));
	tcgetattr(c.slave, &after);
	EXPECT_TRUE(alive(&c));
	send_event(&c, LGUEST_EV_SHUTDOWN, 0);
	finish(&c, 0);
	close_tty(&c);
	EXPECT_EQ(n, 0);
	EXPECT_EQ(c.status, 0);
	EXPECT_TRUE(same_termios(&c.before, &after));
}

int main(void)
{
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	RUN_TEST("launcher.console.pipe", test_pipe);
	RUN_TEST("launcher.console.devnull", test_devnull);
	RUN_TEST("launcher.console.tty_escape", test_tty_escape);
	RUN_TEST("launcher.console.tty_shutdown", test_tty_shutdown);
	RUN_TEST("launcher.console.tty_crash", test_tty_crash);
	RUN_TEST("launcher.console.tty_error", test_tty_error);
	RUN_TEST("launcher.console.tty_sigterm", test_tty_sigterm);
	RUN_TEST("launcher.console.tty_sighup", test_tty_sighup);
	RUN_TEST("launcher.console.tty_sigint", test_tty_sigint);
	RUN_TEST("launcher.console.tty_background", test_tty_background);
	return check_summary();
}
