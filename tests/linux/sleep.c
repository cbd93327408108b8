// SPDX-License-Identifier: GPL-2.0
/*
 * Time: nanosleep(100 ms) lasts 100 to 300 ms by CLOCK_MONOTONIC, and so
 * do an absolute clock_nanosleep and poll's timeout; the monotonic clocks
 * never go backwards (and do go forwards); gettimeofday and time() agree
 * with CLOCK_REALTIME; the monotonic resolution is at most a 100 Hz tick.
 */
#define _GNU_SOURCE
#define TEST "sleep"
#include "lgtest.h"
#include <poll.h>
#include <sys/time.h>

#define SLEEPS		8
#define SLEEP_MS	100
#define MAX_MS		300
#define READS		100000

static long long ms_since(long long t0)
{
	return (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

/* Each sleep's length in ms, checked against [SLEEP_MS, MAX_MS). */
static void check_ms(const char *what, int i, long long ms)
{
	EXPECT(ms >= SLEEP_MS && ms < MAX_MS, "%s #%d of %d ms took %lld ms", what, i, SLEEP_MS, ms);
}

static long long sleeps(void)
{
	struct timespec ts = { 0, SLEEP_MS * 1000000L };
	long long t0, ms, worst = 0;
	int i;

	for (i = 0; i < SLEEPS; i++) {
		t0 = now_ns(CLOCK_MONOTONIC);
		SYS(nanosleep(&ts, NULL));
		ms = ms_since(t0);
		check_ms("nanosleep", i, ms);
		if (ms > worst)
			worst = ms;
	}
	for (i = 0; i < 2; i++) {
		long long end;
		struct timespec abs;

		t0 = now_ns(CLOCK_MONOTONIC);
		end = t0 + SLEEP_MS * 1000000LL;
		abs.tv_sec = end / 1000000000;
		abs.tv_nsec = end % 1000000000;
		EXPECT(!clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL),
		       "clock_nanosleep(TIMER_ABSTIME) failed");
		EXPECT(now_ns(CLOCK_MONOTONIC) >= end, "clock_nanosleep(TIMER_ABSTIME) woke early");
		check_ms("clock_nanosleep(TIMER_ABSTIME)", i, ms_since(t0));

		t0 = now_ns(CLOCK_MONOTONIC);
		EXPECT(poll(NULL, 0, SLEEP_MS) == 0, "poll with no fds did not time out");
		check_ms("poll timeout", i, ms_since(t0));
	}
	return worst;
}

/* READS readings of each monotonic clock, each >= the one before. */
static void monotonic(void)
{
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME };
	unsigned int c;
	int i;

	for (c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		long long first = now_ns(clocks[c]), prev = first, t;

		for (i = 0; i < READS; i++) {
			t = now_ns(clocks[c]);
			EXPECT(t >= prev, "clock %d went back by %lld ns at reading %d",
			       (int)clocks[c], prev - t, i);
			prev = t;
		}
		EXPECT(prev > first, "clock %d stood still over %d readings", (int)clocks[c], READS);
	}
}

/* gettimeofday between two CLOCK_REALTIME readings (to the microsecond). */
static void realtime(void)
{
	struct timeval tv;
	long long before, after, gtod;
	time_t t;
	int i;

	for (i = 0; i < 100; i++) {
		before = now_ns(CLOCK_REALTIME) / 1000;
		SYS(gettimeofday(&tv, NULL));
		t = time(NULL);
		after = now_ns(CLOCK_REALTIME) / 1000;
		gtod = tv.tv_sec * 1000000LL + tv.tv_usec;
		EXPECT(gtod >= before && gtod <= after,
		       "gettimeofday %lld us is not between CLOCK_REALTIME readings %lld and %lld",
		       gtod, before, after);
		/* time() may read the clock as of the last tick */
		EXPECT(t >= tv.tv_sec - 1 && t <= after / 1000000,
		       "time() %lld disagrees with gettimeofday %lld", (long long)t, (long long)tv.tv_sec);
	}
}

int main(void)
{
	struct timespec res;
	long long worst;

	SYS(clock_getres(CLOCK_MONOTONIC, &res));
	EXPECT(!res.tv_sec && res.tv_nsec > 0 && res.tv_nsec <= 10000000,
	       "CLOCK_MONOTONIC's resolution is %ld.%09ld s", (long)res.tv_sec, res.tv_nsec);
	worst = sleeps();
	monotonic();
	realtime();
	pass("%d x nanosleep(%d ms) (longest %lld ms), TIMER_ABSTIME, poll, %d monotonic reads x 3 clocks, "
	     "gettimeofday = CLOCK_REALTIME, resolution %ld ns",
	     SLEEPS, SLEEP_MS, worst, READS, res.tv_nsec);
}
