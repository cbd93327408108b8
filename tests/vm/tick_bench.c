// SPDX-License-Identifier: GPL-2.0
/*
 * The yardstick for an idle guest's cost (tests/vm/check-idle.sh): a host
 * process that does nothing but wake at 100 Hz, like the test guest's
 * tick, for 10 s.  Prints its CPU time (the scheduler's, as in
 * /proc/PID/schedstat) per 10 s and per wakeup:
 *   BENCH sleeper_100hz_cpu_ms_per_10s=MS wakeups=N us_per_wakeup=US
 */
#include <stdio.h>
#include <time.h>

#define PERIOD_NS	10000000L	/* 100 Hz */
#define WAKEUPS		1000		/* 10 s */

static double ns(const struct timespec *t)
{
	return t->tv_sec * 1e9 + t->tv_nsec;
}

int main(void)
{
	struct timespec next, c0, c1, w0, w1;
	double cpu, wall;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &next);
	w0 = next;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (i = 0; i < WAKEUPS; i++) {
		next.tv_nsec += PERIOD_NS;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL)) {
			perror("clock_nanosleep");
			return 1;
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &w1);
	cpu = ns(&c1) - ns(&c0);
	wall = ns(&w1) - ns(&w0);
	printf("BENCH sleeper_100hz_cpu_ms_per_10s=%.1f wakeups=%d us_per_wakeup=%.1f\n",
	       cpu / 1e6 * 10e9 / wall, WAKEUPS, cpu / 1e3 / WAKEUPS);
	return 0;
}
