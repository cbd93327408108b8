// SPDX-License-Identifier: GPL-2.0
/*
 * Signals: a SIGUSR1 handler and its siginfo, blocking with sigprocmask
 * (pending, coalesced; real-time signals queued in order), SIGALRM from
 * alarm() and setitimer(), the traps a bad instruction raises (SIGSEGV
 * from a bad access and from hlt, SIGFPE, SIGILL, SIGTRAP) recovered with
 * siglongjmp, an alternate signal stack, a system call interrupted
 * (EINTR) or restarted (SA_RESTART), and signals that kill a child.
 */
#define _GNU_SOURCE
#define TEST "signal"
#include "lgtest.h"
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t count, last_pid, last_code, self_blocked;
static volatile int rt_values[8];

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	(void)uc;
	sigprocmask(SIG_BLOCK, NULL, &now);
	self_blocked = sigismember(&now, sig);
	last_pid = si->si_pid;
	last_code = si->si_code;
	count++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (count < 8)
		rt_values[count] = si->si_value.sival_int;
	count++;
}

static void on_count(int sig)
{
	(void)sig;
	count++;
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	SYS(sigaction(sig, &sa, NULL));
}

static void handle_simple(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	SYS(sigaction(sig, &sa, NULL));
}

static void mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	SYS(sigprocmask(how, &set, NULL));
}

static int pending(int sig)
{
	sigset_t set;

	SYS(sigpending(&set));
	return sigismember(&set, sig);
}

static void usr1(void)
{
	count = 0;
	handle(SIGUSR1, on_usr1, 0);
	SYS(kill(getpid(), SIGUSR1));
	EXPECT(count == 1, "SIGUSR1 to self: the handler ran %d times", (int)count);
	EXPECT(last_pid == getpid() && last_code == SI_USER,
	       "SIGUSR1's siginfo: pid %d code %d, want %d SI_USER", (int)last_pid, (int)last_code, getpid());
	EXPECT(self_blocked, "SIGUSR1 is not blocked in its own handler");

	mask(SIG_BLOCK, SIGUSR1);
	SYS(kill(getpid(), SIGUSR1));
	SYS(kill(getpid(), SIGUSR1));
	EXPECT(count == 1, "a blocked SIGUSR1 was delivered");
	EXPECT(pending(SIGUSR1), "a blocked SIGUSR1 is not pending");
	mask(SIG_UNBLOCK, SIGUSR1);
	EXPECT(count == 2, "unblocked, SIGUSR1 ran its handler %d times, want once more", (int)count - 1);
	EXPECT(!pending(SIGUSR1), "SIGUSR1 still pending after delivery");
}

static void realtime(void)
{
	int i, sig = SIGRTMIN + 1;

	count = 0;
	handle(sig, on_rt, 0);
	mask(SIG_BLOCK, sig);
	for (i = 0; i < 4; i++)
		SYS(sigqueue(getpid(), sig, (union sigval){ .sival_int = 100 + i }));
	EXPECT(count == 0, "a blocked real-time signal was delivered");
	mask(SIG_UNBLOCK, sig);
	EXPECT(count == 4, "4 queued real-time signals, %d delivered", (int)count);
	for (i = 0; i < 4; i++)
		EXPECT(rt_values[i] == 100 + i, "real-time signal %d carried %d, want %d", i, rt_values[i], 100 + i);
}

/* Wait for count to reach n with SIGALRM blocked but in sigsuspend. */
static void wait_alarms(int n)
{
	sigset_t none;

	sigemptyset(&none);
	while (count < n)
		sigsuspend(&none);
}

static void alarms(long long *alarm_ms, long long *itimer_ms)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	long long t0;

	handle_simple(SIGALRM, on_count, 0);
	mask(SIG_BLOCK, SIGALRM);
	count = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	alarm(1);
	wait_alarms(1);
	*alarm_ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	EXPECT(*alarm_ms >= 990 && *alarm_ms < 3000, "alarm(1) came after %lld ms", *alarm_ms);

	count = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	SYS(setitimer(ITIMER_REAL, &it, NULL));
	wait_alarms(10);
	*itimer_ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	memset(&it, 0, sizeof(it));
	SYS(setitimer(ITIMER_REAL, &it, NULL));
	EXPECT(*itimer_ms >= 195 && *itimer_ms < 3000, "10 ticks of a 20 ms itimer took %lld ms", *itimer_ms);
	SYS(getitimer(ITIMER_REAL, &it));
	EXPECT(!it.it_value.tv_sec && !it.it_value.tv_usec, "a stopped itimer still runs");
	mask(SIG_UNBLOCK, SIGALRM);
}

static void do_divide(void *arg)
{
	volatile int seven = 7, zero = *(int *)arg;

	*(volatile int *)arg = seven / zero;	/* not 1 / x: gcc does that without idiv */
}

static void do_ud2(void *arg)
{
	(void)arg;
	asm volatile("ud2");
}

static void do_int3(void *arg)
{
	(void)arg;
	asm volatile("int3");
}

static void do_hlt(void *arg)
{
	(void)arg;
	asm volatile("hlt");
}

static void traps(void)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = 0, i;
	sigset_t now;

	EXPECT(page != MAP_FAILED, "mmap: %s", strerror(errno));
	SYS(munmap(page, 4096));
	/* Several times: each must find the handler installed and unblocked. */
	for (i = 0; i < 3; i++) {
		EXPECT(probe(probe_write, (void *)16) == SIGSEGV, "a write to address 16: no SIGSEGV");
		EXPECT(probed()->code == SEGV_MAPERR && probed()->addr == (void *)16,
		       "a write to address 16: si_code %d si_addr %p", probed()->code, probed()->addr);
		EXPECT(probe(probe_read, page + 100) == SIGSEGV, "a read of an unmapped page: no SIGSEGV");
		EXPECT(probed()->addr == page + 100, "a read of %p: si_addr %p", page + 100, probed()->addr);
	}
	SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	EXPECT(!sigismember(&now, SIGSEGV), "SIGSEGV still blocked after siglongjmp");

	EXPECT(probe(do_divide, &zero) == SIGFPE && probed()->code == FPE_INTDIV,
	       "1 / 0: signal %d code %d, want SIGFPE FPE_INTDIV", probed()->sig, probed()->code);
	EXPECT(probe(do_ud2, NULL) == SIGILL && probed()->code == ILL_ILLOPN,
	       "ud2: signal %d code %d, want SIGILL ILL_ILLOPN", probed()->sig, probed()->code);
	EXPECT(probe(do_int3, NULL) == SIGTRAP, "int3: signal %d, want SIGTRAP", probed()->sig);
	EXPECT(probe(do_hlt, NULL) == SIGSEGV, "hlt at ring 3: signal %d, want SIGSEGV", probed()->sig);
}

static char altstack[65536];
static volatile char *handler_local;
static volatile int handler_onstack;

static void on_alt(int sig)
{
	char here;
	stack_t ss;

	(void)sig;
	handler_local = &here;
	handler_onstack = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
}

static void alt_stack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

	SYS(sigaltstack(&ss, NULL));
	handle_simple(SIGUSR2, on_alt, SA_ONSTACK);
	SYS(kill(getpid(), SIGUSR2));
	EXPECT(handler_local > altstack && handler_local < altstack + sizeof(altstack),
	       "a SA_ONSTACK handler ran with its stack at %p, not in %p+%zu",
	       handler_local, altstack, sizeof(altstack));
	EXPECT(handler_onstack, "sigaltstack in the handler does not say SS_ONSTACK");
	handle_simple(SIGUSR2, SIG_DFL, 0);
}

/* read() of an empty pipe, SIGALRM after 50 ms: EINTR, or with SA_RESTART
 * the read goes on and returns what a child writes 300 ms later.
 */
static void interrupted(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int p[2], st;
	char c = 0;
	pid_t pid;
	ssize_t n;

	SYS(pipe(p));
	handle_simple(SIGALRM, on_count, 0);
	count = 0;
	SYS(setitimer(ITIMER_REAL, &it, NULL));
	n = read(p[0], &c, 1);
	EXPECT(n < 0 && errno == EINTR && count == 1,
	       "read interrupted by a handler without SA_RESTART: %zd (%s), handler ran %d times",
	       n, strerror(errno), (int)count);

	handle_simple(SIGALRM, on_count, SA_RESTART);
	count = 0;
	pid = SYS(fork());
	if (pid == 0) {
		sleep_ms(300);
		_exit(write(p[1], "r", 1) == 1 ? 0 : 1);
	}
	SYS(setitimer(ITIMER_REAL, &it, NULL));
	n = read(p[0], &c, 1);
	EXPECT(n == 1 && c == 'r' && count == 1,
	       "read restarted after a SA_RESTART handler: %zd (%s) '%c', handler ran %d times",
	       n, n < 0 ? strerror(errno) : "ok", c, (int)count);
	SYS(waitpid(pid, &st, 0));
	close(p[0]);
	close(p[1]);
}

/* A child that says it is ready, then waits for signals. */
static pid_t waiting_child(int ignore_term, int exit_on_usr2)
{
	int p[2];
	char c;
	pid_t pid;

	SYS(pipe(p));
	pid = SYS(fork());
	if (pid == 0) {
		if (ignore_term)
			signal(SIGTERM, SIG_IGN);
		if (exit_on_usr2)
			handle_simple(SIGUSR2, on_count, 0);
		count = 0;
		(void)!write(p[1], "r", 1);
		while (!count)
			pause();
		_exit(7);
	}
	close(p[1]);
	EXPECT(read(p[0], &c, 1) == 1, "a child did not start");
	close(p[0]);
	return pid;
}

static void kill_children(void)
{
	pid_t pid;
	int st;

	pid = waiting_child(0, 0);
	SYS(kill(pid, SIGTERM));
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "a child sent SIGTERM: wait status %#x", st);

	pid = waiting_child(1, 0);
	SYS(kill(pid, SIGTERM));
	sleep_ms(50);
	EXPECT(waitpid(pid, &st, WNOHANG) == 0, "a child that ignores SIGTERM died of it");
	SYS(kill(pid, SIGKILL));
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "a child sent SIGKILL: wait status %#x", st);

	pid = waiting_child(0, 1);
	SYS(kill(pid, SIGUSR2));
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 7, "a child's SIGUSR2 handler: wait status %#x", st);
}

int main(void)
{
	long long alarm_ms, itimer_ms;

	usr1();
	realtime();
	alarms(&alarm_ms, &itimer_ms);
	traps();
	alt_stack();
	interrupted();
	kill_children();
	pass("handlers, masks, rt queueing, alarm %lld ms, itimer 10x20 ms in %lld ms, "
	     "SEGV/FPE/ILL/TRAP, altstack, EINTR/SA_RESTART, kill", alarm_ms, itimer_ms);
}
