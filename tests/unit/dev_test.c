// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for launcher/dev.c without lg.ko: /dev/lguest is stood in for
 * by a SOCK_SEQPACKET socket, which (like the device) hands one whole
 * event to each read().  Each case runs the Launcher's run loop in a child
 * process and checks its exit status, stdout and stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lguest/abi.h>
#include <lguest/dev.h>

#include "launcher.h"
#include "check.h"

struct outcome {
	int status;		/* exit status, or -signal if killed */
	char out[2048];		/* its stdout */
	char err[2048];		/* its stderr */
};

static int sv[2];		/* sv[0]: the Launcher's "device"; sv[1]: ours */
static sigset_t stop_signals;	/* SIGINT, SIGTERM, SIGHUP */

static void send_event(uint32_t kind, uint32_t status, uint32_t flags,
		       const char *data, uint32_t len)
{
	char buf[LGUEST_EVENT_MAX];
	struct lguest_event ev = { kind, status, flags, len };

	memcpy(buf, &ev, sizeof(ev));
	memcpy(buf + sizeof(ev), data, len);
	if (write(sv[1], buf, sizeof(ev) + len) < 0)
		perror("send_event");
}

static void new_device(void)
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0) {
		perror("socketpair");
		exit(1);
	}
}

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void wait_child(pid_t pid, int signo, struct outcome *o)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	int st;

	/* Keep signalling: one landing just before read() is only seen at
	 * the next, as with a user pressing Ctrl-C twice. */
	while (waitpid(pid, &st, signo ? WNOHANG : 0) == 0) {
		kill(pid, signo);
		nanosleep(&tick, NULL);
	}
	o->status = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
}

/* Run body(fd) in a child, which must exit; signo: keep sending it that. */
static void run_child(void (*body)(int fd), int fd, int signo,
		      struct outcome *o)
{
	FILE *out = tmpfile(), *err = tmpfile();
	pid_t pid;

	fflush(NULL);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);
	pid = fork();
	if (pid == 0) {
		alarm(5);	/* a hang fails the test instead */
		dup2(fileno(out), STDOUT_FILENO);
		dup2(fileno(err), STDERR_FILENO);
		body(fd);
		_exit(99);	/* body must not return */
	}
	sigprocmask(SIG_UNBLOCK, &stop_signals, NULL);
	wait_child(pid, signo, o);
	slurp(out, o->out, sizeof(o->out));
	slurp(err, o->err, sizeof(o->err));
}

/*
 * The signals stay blocked from before fork() until the handlers are in:
 * one sent earlier would kill the child instead of testing the Launcher.
 */
static void body_run(int fd)
{
	dev_catch_signals();
	sigprocmask(SIG_UNBLOCK, &stop_signals, NULL);
	dev_run(fd);
}

/* Send nothing more; run the loop on what is queued. */
static void run_loop(struct outcome *o)
{
	run_child(body_run, sv[0], 0, o);
	close(sv[0]);
	close(sv[1]);
}

static void test_console_then_poweroff(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_CONSOLE, 0, 0, "hello ", 6);
	send_event(LGUEST_EV_CONSOLE, 0, 0, "", 0);
	send_event(LGUEST_EV_CONSOLE, 0, 0, "world\n", 6);
	send_event(LGUEST_EV_SHUTDOWN, 0, 0, "", 0);
	run_loop(&o);
	EXPECT_EQ(o.status, 0);
	EXPECT_STR_EQ(o.out, "hello world\n");
	EXPECT_STR_EQ(o.err, "");
}

static void test_shutdown_status(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_SHUTDOWN, 3, 0, "", 0);
	run_loop(&o);
	EXPECT_EQ(o.status, 3);
	new_device();
	send_event(LGUEST_EV_SHUTDOWN, 256, 0, "", 0);	/* not 0! */
	run_loop(&o);
	EXPECT_EQ(o.status, 255);
}

static void test_restart(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_SHUTDOWN, 0, LGUEST_EV_RESTART, "", 0);
	run_loop(&o);
	EXPECT_EQ(o.status, 0);
	EXPECT_STR_EQ(o.err, "lguest: guest asked to restart (not supported)\n");
}

static void test_crash(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_CRASH, LGUEST_KILL_BAD_HCALL, 0, "bad hypercall 99\n", 17);
	run_loop(&o);
	EXPECT_EQ(o.status, 2);
	EXPECT_STR_EQ(o.err, "lguest: guest crashed (bad-hypercall): bad hypercall 99\n");
}

/* Every kill code has its short name; a code the Launcher does not know
 * is printed as a number, never dropped. */
static void test_crash_codes(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_CRASH, LGUEST_KILL_WRONG_MM, 0, "x", 1);
	run_loop(&o);
	EXPECT_STR_EQ(o.err, "lguest: guest crashed (wrong-address-space): x\n");
	new_device();
	send_event(LGUEST_EV_CRASH, 0, 0, "y", 1);
	run_loop(&o);
	EXPECT_EQ(o.status, 2);
	EXPECT_STR_EQ(o.err, "lguest: guest crashed (kill code 0): y\n");
}

static void test_crash_one_line(void)
{
	struct outcome o;

	new_device();
	send_event(LGUEST_EV_CRASH, LGUEST_KILL_GUEST_CRASH, 0, "a\033[2Jb\nc\r\n\n", 11);
	run_loop(&o);
	EXPECT_EQ(o.status, 2);
	EXPECT_STR_EQ(o.err, "lguest: guest crashed (guest-crash): a?[2Jb?c\n");
}

static void test_unknown_kind(void)
{
	struct outcome o;

	new_device();
	send_event(77, 0, 0, "", 0);
	run_loop(&o);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_EQ(o.err, "lguest: unknown event kind 77 from /dev/lguest\n");
}

static void test_short_event(void)
{
	struct outcome o;

	new_device();
	if (write(sv[1], "abcdefgh", 8) != 8)
		CHECK_FAILF("write: %s", strerror(errno));
	run_loop(&o);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_EQ(o.err, "lguest: short event from /dev/lguest (8 bytes)\n");
}

static void test_end_of_file(void)
{
	struct outcome o;

	new_device();
	close(sv[1]);		/* read() returns 0: must not spin */
	sv[1] = -1;
	run_loop(&o);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_CONTAINS(o.err, "short event from /dev/lguest (0 bytes)");
}

static void test_len_past_event(void)
{
	struct outcome o;
	struct lguest_event ev = { LGUEST_EV_CONSOLE, 0, 0, 100 };
	char buf[sizeof(ev) + 10];

	new_device();
	memcpy(buf, &ev, sizeof(ev));
	memset(buf + sizeof(ev), 'x', 10);
	if (write(sv[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		CHECK_FAILF("write: %s", strerror(errno));
	run_loop(&o);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_CONTAINS(o.err, "claims 100 data bytes but carries 10");
	EXPECT_STR_EQ(o.out, "");
}

static void test_read_error(void)
{
	struct outcome o;
	int fd = open("/dev/null", O_WRONLY);

	run_child(body_run, fd, 0, &o);
	close(fd);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_EQ(o.err, "lguest: running the guest failed: Bad file descriptor\n");
}

static void test_signal(int signo)
{
	struct outcome o;
	char want[64];

	new_device();		/* nothing queued: read() blocks */
	run_child(body_run, sv[0], signo, &o);
	close(sv[0]);
	close(sv[1]);
	snprintf(want, sizeof(want), "lguest: interrupted by signal %d\n", signo);
	EXPECT_EQ(o.status, 128 + signo);
	EXPECT_STR_EQ(o.err, want);
}

static void test_sigint(void)
{
	test_signal(SIGINT);
}

static void test_sigterm(void)
{
	test_signal(SIGTERM);
}

static void test_sighup(void)
{
	test_signal(SIGHUP);
}

static void body_initialize(int fd)
{
	dev_initialize(fd, 7, 0x100000, (void *)0x7f0000000000, 64 << 20,
		       0x1000);
	exit(0);
}

static void test_initialize(void)
{
	struct lguest_init init;
	char buf[sizeof(init) + 8];	/* room to catch an overlong write */
	struct outcome o;

	new_device();
	run_child(body_initialize, sv[0], 0, &o);
	EXPECT_EQ(o.status, 0);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), sizeof(init));
	close(sv[0]);
	close(sv[1]);
	memcpy(&init, buf, sizeof(init));
	EXPECT_EQ(init.req, LHREQ_INITIALIZE);
	EXPECT_EQ(init.magic, LGUEST_MAGIC);
	EXPECT_EQ(init.abi_revision, 7);
	EXPECT_EQ(init.entry, 0x100000);
	EXPECT_EQ(init.mem_base, 0x7f0000000000);
	EXPECT_EQ(init.mem_size, 64 << 20);
	EXPECT_EQ(init.boot_params, 0x1000);
	EXPECT_EQ(init.flags, 0);
}

static void test_initialize_error(void)
{
	struct outcome o;
	int fd = open("/dev/null", O_RDONLY);

	run_child(body_initialize, fd, 0, &o);
	close(fd);
	EXPECT_EQ(o.status, 1);
	EXPECT_STR_EQ(o.err, "lguest: cannot initialize guest: Bad file descriptor\n");
}

static void test_shadow_stack_error(void)
{
	EXPECT_STR_CONTAINS(dev_strerror(EOPNOTSUPP), "user shadow stack");
	EXPECT_STR_CONTAINS(dev_strerror(EOPNOTSUPP), "glibc.cpu.x86_shstk=off");
	EXPECT_EQ(strchr(dev_strerror(EOPNOTSUPP), '\n'), NULL);	/* one line */
	EXPECT_STR_EQ(dev_strerror(EBADF), strerror(EBADF));
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	RUN_TEST("launcher.dev.console_then_poweroff", test_console_then_poweroff);
	RUN_TEST("launcher.dev.shutdown_status", test_shutdown_status);
	RUN_TEST("launcher.dev.restart", test_restart);
	RUN_TEST("launcher.dev.crash", test_crash);
	RUN_TEST("launcher.dev.crash_codes", test_crash_codes);
	RUN_TEST("launcher.dev.crash_one_line", test_crash_one_line);
	RUN_TEST("launcher.dev.unknown_kind", test_unknown_kind);
	RUN_TEST("launcher.dev.short_event", test_short_event);
	RUN_TEST("launcher.dev.end_of_file", test_end_of_file);
	RUN_TEST("launcher.dev.len_past_event", test_len_past_event);
	RUN_TEST("launcher.dev.read_error", test_read_error);
	RUN_TEST("launcher.dev.sigint", test_sigint);
	RUN_TEST("launcher.dev.sigterm", test_sigterm);
	RUN_TEST("launcher.dev.sighup", test_sighup);
	RUN_TEST("launcher.dev.initialize", test_initialize);
	RUN_TEST("launcher.dev.initialize_error", test_initialize_error);
	RUN_TEST("launcher.dev.shadow_stack_error", test_shadow_stack_error);
	return check_summary();
}
