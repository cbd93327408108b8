/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every smoke test of the Linux guest's user space shares
 * (tests/linux/NAME.c, run by /init as /tests/NAME).
 *
 * A test defines TEST (its name) before including this, checks real
 * results with EXPECT(), and ends with exactly one marker line on stdout:
 * pass() prints "PASS NAME details" and exits 0, fail() prints
 * "FAIL NAME: why" and exits 1.  Each report is one write(2), so output
 * that a fork() copied cannot repeat it.  A child process does not report:
 * it says why with note() and exits non-zero, and its parent fails.
 */
#ifndef LGTEST_H
#define LGTEST_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef TEST
#error "define TEST (the test's name) before including lgtest.h"
#endif

static inline void lg_say(const char *head, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "%s", head);

	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(1, buf, n) != n)
		_exit(2);
}

/* "FAIL TEST: why", exit 1. */
__attribute__((noreturn, format(printf, 1, 2)))
static inline void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lg_say("FAIL " TEST ": ", fmt, ap);
	va_end(ap);
	_exit(1);
}

/* "PASS TEST details", exit 0. */
__attribute__((noreturn, format(printf, 1, 2)))
static inline void pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lg_say("PASS " TEST " ", fmt, ap);
	va_end(ap);
	_exit(0);
}

/* A line that is not a marker: what a child saw before it exits non-zero. */
__attribute__((format(printf, 1, 2)))
static inline void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lg_say(TEST ": ", fmt, ap);
	va_end(ap);
}

#define EXPECT(cond, ...) do { if (!(cond)) fail(__VA_ARGS__); } while (0)
/* A system call that must succeed (returns >= 0). */
#define SYS(call) ({ \
	long _r = (long)(call); \
	if (_r < 0) \
		fail("%s: %s", #call, strerror(errno)); \
	_r; })

static inline long long now_ns(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) < 0)
		fail("clock_gettime(%d): %s", (int)clock, strerror(errno));
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * probe(fn, arg): call fn(arg) with handlers for the synchronous signals;
 * return the signal it raised (0 if none) and what its siginfo said in
 * *probed().  The handler leaves through siglongjmp, which restores the
 * signal mask.
 */
struct probed {
	int sig, code;
	void *addr;
};

static inline struct probed *probed(void)
{
	static struct probed p;

	return &p;
}

static inline sigjmp_buf *probe_env(void)
{
	static sigjmp_buf env;

	return &env;
}

static inline void probe_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	probed()->sig = sig;
	probed()->code = si->si_code;
	probed()->addr = si->si_addr;
	siglongjmp(*probe_env(), 1);
}

static inline int probe(void (*fn)(void *), void *arg)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	struct sigaction sa = { .sa_sigaction = probe_handler, .sa_flags = SA_SIGINFO };
	struct sigaction old[5];
	unsigned int i;

	memset(probed(), 0, sizeof(*probed()));
	for (i = 0; i < 5; i++)
		SYS(sigaction(sigs[i], &sa, &old[i]));
	if (sigsetjmp(*probe_env(), 1) == 0)
		fn(arg);
	for (i = 0; i < 5; i++)
		SYS(sigaction(sigs[i], &old[i], NULL));
	return probed()->sig;
}

static inline void probe_read(void *p)
{
	(void)*(volatile char *)p;
}

static inline void probe_write(void *p)
{
	*(volatile char *)p = 0x5a;
}

/* A field "Key: N kB" of /proc/meminfo in bytes; -1 if it is missing. */
static inline long long meminfo(const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':') {
			kb = atoll(line + len + 1);
			break;
		}
	fclose(f);
	return kb < 0 ? -1 : kb * 1024;
}

#endif /* LGTEST_H */
