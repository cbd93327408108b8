// SPDX-License-Identifier: GPL-2.0
/*
 * FPU state across context switches: two processes at once run a chaotic
 * map (the logistic map, where any wrong bit grows) in x87 extended
 * precision and in SSE2, each with its own values and its own control
 * words (x87 rounding and precision, MXCSR rounding and flush-to-zero),
 * keeping live values in x87 and XMM registers across sched_yield, while
 * a timer's signal handler scribbles over all of it.  Each round must be
 * bit-identical to what this process computed alone before the fork.
 * Also: a child inherits its parent's control words; exec resets them.
 */
#define TEST "fpu"
#include "lgtest.h"
#include <emmintrin.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

#define STEPS		20000	/* of each map in a round */
#define YIELD_EVERY	500
#define RUN_NS		3000000000LL	/* each child's rounds, at least */
#define MIN_ROUNDS	5

struct mode {
	uint16_t cw;	/* x87 control word */
	uint32_t mxcsr;
};

/* Process 0: Linux's defaults.  Process 1: x87 double precision rounding
 * down; SSE rounding toward zero, flush-to-zero.
 */
static const struct mode modes[2] = { { 0x037f, 0x1f80 }, { 0x067f, 0xff80 } };

struct result {
	long double x87;
	double sse[4];
};

__attribute__((target("sse2")))
static void set_mode(const struct mode *m)
{
	asm volatile("fldcw %0" : : "m"(m->cw));
	_mm_setcsr(m->mxcsr);
}

__attribute__((target("sse2")))
static struct mode get_mode(void)
{
	struct mode m;

	asm volatile("fnstcw %0" : "=m"(m.cw));
	m.mxcsr = _mm_getcsr();
	return m;
}

/* x = r x (1 - x); x and r stay in st(0) and st(1) across each yield. */
static long double x87_run(long double x, long double r)
{
	int i, ret;

	for (i = 1; i <= STEPS; i++) {
		x = r * x * (1 - x);
		if (i % YIELD_EVERY == 0)
			asm volatile("int $0x80" : "=a"(ret), "+t"(x), "+u"(r)
				     : "0"(__NR_sched_yield) : "memory");
	}
	(void)ret;
	return x;
}

/* The same map on four doubles in two XMM registers, kept across yields. */
__attribute__((target("sse2")))
static void sse_run(const double seed[4], double out[4])
{
	__m128d a = _mm_loadu_pd(seed), b = _mm_loadu_pd(seed + 2);
	__m128d r = _mm_set1_pd(3.99), one = _mm_set1_pd(1.0);
	int i, ret;

	for (i = 1; i <= STEPS; i++) {
		a = _mm_mul_pd(_mm_mul_pd(r, a), _mm_sub_pd(one, a));
		b = _mm_mul_pd(_mm_mul_pd(r, b), _mm_sub_pd(one, b));
		if (i % YIELD_EVERY == 0)
			asm volatile("int $0x80" : "=a"(ret), "+x"(a), "+x"(b), "+x"(r), "+x"(one)
				     : "0"(__NR_sched_yield) : "memory");
	}
	(void)ret;
	_mm_storeu_pd(out, a);
	_mm_storeu_pd(out + 2, b);
}

static void compute(int who, struct result *res)
{
	double seed[4] = { 0.1 + who * 0.01, 0.2 + who * 0.01, 0.3 + who * 0.01, 0.4 + who * 0.01 };

	memset(res, 0, sizeof(*res));
	res->x87 = x87_run(0.123456789L + who * 0.1L, 3.99L);
	sse_run(seed, res->sse);
}

static int same(const struct result *a, const struct result *b)
{
	return !memcmp(&a->x87, &b->x87, 10) && !memcmp(a->sse, b->sse, sizeof(a->sse));
}

static volatile sig_atomic_t scribbles;

/* A timer's handler: other control words, an emptied x87 stack, XMM
 * registers full of ones.  Returning must bring back what it interrupted.
 */
__attribute__((target("sse2")))
static void scribble(int sig)
{
	static const struct mode odd = { 0x0c7f, 0x7f80 };
	volatile long double v = 1.0L;
	volatile double d = 3.0;

	(void)sig;
	asm volatile("fninit");
	set_mode(&odd);
	v = v / 3.0L;
	d = d / 7.0;
	asm volatile("pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"
		     "pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"
		     "pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
		     "pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7"
		     : : : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7");
	scribbles++;
}

/* A child: rounds until RUN_NS have passed; exit 0 if each matched WANT. */
static void child(int who, const struct result *want)
{
	struct itimerval it = { { 0, 3000 + who * 1000 }, { 0, 3000 + who * 1000 } };
	long long t0 = now_ns(CLOCK_MONOTONIC);
	struct result got;
	int rounds = 0;

	signal(SIGALRM, scribble);
	setitimer(ITIMER_REAL, &it, NULL);
	set_mode(&modes[who]);
	while (rounds < MIN_ROUNDS || now_ns(CLOCK_MONOTONIC) - t0 < RUN_NS) {
		compute(who, &got);
		rounds++;
		if (!same(&got, want)) {
			note("process %d round %d: x87 %.21Lg sse %.17g %.17g, want %.21Lg %.17g %.17g",
			     who, rounds, got.x87, got.sse[0], got.sse[3], want->x87, want->sse[0], want->sse[3]);
			_exit(1);
		}
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	if (!scribbles) {
		note("process %d: the timer's handler never ran", who);
		_exit(2);
	}
	_exit(rounds > 250 ? 250 : rounds);
}

/* Run as "fpu --exec-state": the control words and stack of a fresh exec. */
static int exec_state(void)
{
	struct mode m = get_mode();
	uint16_t env[14];

	asm volatile("fnstenv %0" : "=m"(env));
	return m.cw == 0x037f && m.mxcsr == 0x1f80 && env[4] == 0xffff ? 0 : 1;
}

static int wait_child(pid_t pid)
{
	int st;

	SYS(waitpid(pid, &st, 0));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 256 + st;
}

static void inherit_and_exec(void)
{
	struct mode m;
	pid_t pid;
	int st;

	set_mode(&modes[1]);
	pid = SYS(fork());
	if (pid == 0) {
		m = get_mode();
		if (m.cw != modes[1].cw || m.mxcsr != modes[1].mxcsr)
			_exit(1);
		execl("/proc/self/exe", "fpu", "--exec-state", (char *)NULL);
		_exit(2);
	}
	set_mode(&modes[0]);
	st = wait_child(pid);
	EXPECT(st != 1, "a forked child did not inherit its parent's control words");
	EXPECT(st != 2, "exec of /proc/self/exe failed");
	EXPECT(st == 0, "after exec: not the default control words (0x37f, 0x1f80) and an empty x87 stack");
}

static int has_sse2(void)
{
	char line[4096];
	int yes = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5) && strstr(line, " sse2"))
			yes = 1;
	if (f)
		fclose(f);
	return yes;
}

int main(int argc, char **argv)
{
	struct result want[2];
	pid_t pids[2];
	int who, st[2];

	if (argc == 2 && !strcmp(argv[1], "--exec-state"))
		return exec_state();
	EXPECT(has_sse2(), "no sse2 in /proc/cpuinfo's flags");
	inherit_and_exec();

	/* The references: each process's computation, alone, in its mode. */
	for (who = 0; who < 2; who++) {
		set_mode(&modes[who]);
		compute(who, &want[who]);
	}
	set_mode(&modes[0]);
	EXPECT(memcmp(&want[0].x87, &want[1].x87, 10) && want[0].sse[0] != want[1].sse[0],
	       "the two processes' results are the same: the test proves nothing");

	for (who = 0; who < 2; who++) {
		pids[who] = SYS(fork());
		if (pids[who] == 0)
			child(who, &want[who]);
	}
	for (who = 0; who < 2; who++)
		st[who] = wait_child(pids[who]);
	for (who = 0; who < 2; who++)
		EXPECT(st[who] >= MIN_ROUNDS && st[who] <= 250,
		       "process %d: %s (status %#x)", who,
		       st[who] == 1 ? "its FP results changed (see above)" :
		       st[who] == 2 ? "its timer handler never ran" : "died", st[who]);
	pass("x87 + SSE2 in 2 processes, %d and %d rounds of %d steps bit-exact, own control words, "
	     "signal handler scribbling, fork inherits, exec resets", st[0], st[1], STEPS);
}
