// SPDX-License-Identifier: GPL-2.0
/*
 * The null system call from ring 3, timed with rdtsc (tests/bench.c).
 */
#include "progs.h"
#include "ulib.h"

volatile uint32_t u_bench_min;
volatile uint64_t u_bench_sum;

uint32_t u_bench_syscall(uint32_t rounds)
{
	uint32_t i, d, min = ~0u;
	uint64_t t0, sum = 0;

	for (i = 0; i < rounds; i++) {
		t0 = u_rdtsc();
		sys_null();
		d = (uint32_t)(u_rdtsc() - t0);
		sum += d;
		if (d < min)
			min = d;
	}
	u_bench_min = min;
	u_bench_sum = sum;
	return 0;
}
