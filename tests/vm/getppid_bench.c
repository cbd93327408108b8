// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side yardstick for the guest's hypercall benchmark: the average TSC
 * cycles of one getppid() system call in the host VM.  Under QEMU TCG with
 * pti=on both this and a world switch are dominated by soft-TLB flushes on
 * CR3 writes, so the two numbers are comparable (Documentation/design.md,
 * "Measured").
 * Prints "BENCH getppid_cycles=<avg> min=<min> n=<n>".
 */
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>

#define N 1000

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
	uint64_t t0, t1, one, min = UINT64_MAX;
	int i;

	syscall(SYS_getppid);			/* warm up */
	t0 = rdtsc();
	for (i = 0; i < N; i++)
		syscall(SYS_getppid);		/* never cached by libc */
	t1 = rdtsc();
	for (i = 0; i < N; i++) {		/* best single call */
		one = rdtsc();
		syscall(SYS_getppid);
		one = rdtsc() - one;
		if (one < min)
			min = one;
	}
	printf("BENCH getppid_cycles=%llu min=%llu n=%d\n",
	       (unsigned long long)((t1 - t0) / N), (unsigned long long)min, N);
	return 0;
}
