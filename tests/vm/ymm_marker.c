// SPDX-License-Identifier: GPL-2.0
/*
 * A host process that marks the AVX registers: pinned to one CPU, it fills
 * all 256 bits of ymm0-7 with a marker and spins checking its own
 * registers stay intact, until SECONDS pass or SIGUSR1 comes.  A guest on
 * the same CPU (test=avx-leak) must never see the marker; this process
 * must never see anything else.
 *
 *   ymm_marker CPU SECONDS
 *
 * Prints "PASS ymm_marker (...)" or "FAIL ymm_marker: why"; exit status 0
 * on PASS.  Word w (0-7) of ymm r holds YMM_MARKER | r << 3 | w (keep in
 * step with tests/guest/avx.c).  Built with -mgeneral-regs-only, so only
 * the assembly below touches the vector registers; the loop makes no
 * library calls that might (clock_gettime is the vDSO or a system call).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "avx.h"

#define YMM_MARKER	0x4d524b00u	/* "MRK" */
#define YMM_WORDS	64		/* 8 registers x 8 words */

static volatile sig_atomic_t stop;

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

static void load_ymm0_7(const uint32_t *p)
{
	asm volatile("vmovdqu 0(%0), %%ymm0; vmovdqu 32(%0), %%ymm1\n\t"
		     "vmovdqu 64(%0), %%ymm2; vmovdqu 96(%0), %%ymm3\n\t"
		     "vmovdqu 128(%0), %%ymm4; vmovdqu 160(%0), %%ymm5\n\t"
		     "vmovdqu 192(%0), %%ymm6; vmovdqu 224(%0), %%ymm7"
		     : : "r" (p) : "memory");
}

static void store_ymm0_7(uint32_t *p)
{
	asm volatile("vmovdqu %%ymm0, 0(%0); vmovdqu %%ymm1, 32(%0)\n\t"
		     "vmovdqu %%ymm2, 64(%0); vmovdqu %%ymm3, 96(%0)\n\t"
		     "vmovdqu %%ymm4, 128(%0); vmovdqu %%ymm5, 160(%0)\n\t"
		     "vmovdqu %%ymm6, 192(%0); vmovdqu %%ymm7, 224(%0)"
		     : : "r" (p) : "memory");
}

static long now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static long involuntary_switches(void)
{
	char line[128];
	long n = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "nonvoluntary_ctxt_switches: %ld", &n);
	if (f)
		fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	uint32_t want[YMM_WORDS], got[YMM_WORDS];
	unsigned long checks = 0;
	int cpu, i = YMM_WORDS;
	long end;
	cpu_set_t set;

	if (argc != 3) {
		fprintf(stderr, "usage: ymm_marker CPU SECONDS\n");
		return 2;
	}
	cpu = atoi(argv[1]);
	end = now_s() + atoi(argv[2]);
	if (!have_avx()) {
		printf("SKIP ymm_marker: no AVX\n");
		return 0;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		printf("FAIL ymm_marker: cannot pin to CPU %d\n", cpu);
		return 1;
	}
	signal(SIGUSR1, on_usr1);
	for (i = 0; i < YMM_WORDS; i++)
		want[i] = YMM_MARKER | (i / 8) << 3 | i % 8;
	printf("ymm_marker: marking ymm0-7 on CPU %d\n", cpu);
	fflush(stdout);
	load_ymm0_7(want);
	while (!stop && now_s() < end) {
		store_ymm0_7(got);
		for (i = 0; i < YMM_WORDS && got[i] == want[i]; i++)
			;
		if (i < YMM_WORDS)
			break;
		checks++;
	}
	if (i < YMM_WORDS) {
		printf("FAIL ymm_marker: after %lu checks ymm%d word %d is %08x, expected %08x\n",
		       checks, i / 8, i % 8, got[i], want[i]);
		return 1;
	}
	printf("PASS ymm_marker (%lu checks, %ld involuntary context switches)\n",
	       checks, involuntary_switches());
	return 0;
}
