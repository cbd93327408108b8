// SPDX-License-Identifier: GPL-2.0
/*
 * FPU, SSE and AVX registers in ring 3: each process fills them with its
 * own values and checks they stay, across yields and timer ticks that
 * switch to the other process (tests/user.c).  The kernel sets u_fpu_avx
 * when it saves the ymm upper halves; the compiler never touches these
 * registers (-mno-sse), only the asm here does.
 */
#include "progs.h"
#include "ulib.h"

#define WORDS		64	/* ymm0..7: 8 x 32 bytes */
#define RUN_TICKS	40

volatile uint32_t u_fpu_avx, u_fpu_ticks, u_fpu_checks;

static void load_regs(const uint32_t *w, int avx)
{
	if (avx)
		asm volatile("vmovdqu 0(%0), %%ymm0; vmovdqu 32(%0), %%ymm1\n\t"
			     "vmovdqu 64(%0), %%ymm2; vmovdqu 96(%0), %%ymm3\n\t"
			     "vmovdqu 128(%0), %%ymm4; vmovdqu 160(%0), %%ymm5\n\t"
			     "vmovdqu 192(%0), %%ymm6; vmovdqu 224(%0), %%ymm7"
			     : : "r"(w) : "memory");
	else
		asm volatile("movdqu 0(%0), %%xmm0; movdqu 16(%0), %%xmm1\n\t"
			     "movdqu 32(%0), %%xmm2; movdqu 48(%0), %%xmm3\n\t"
			     "movdqu 64(%0), %%xmm4; movdqu 80(%0), %%xmm5\n\t"
			     "movdqu 96(%0), %%xmm6; movdqu 112(%0), %%xmm7"
			     : : "r"(w) : "memory");
}

static void store_regs(uint32_t *w, int avx)
{
	if (avx)
		asm volatile("vmovdqu %%ymm0, 0(%0); vmovdqu %%ymm1, 32(%0)\n\t"
			     "vmovdqu %%ymm2, 64(%0); vmovdqu %%ymm3, 96(%0)\n\t"
			     "vmovdqu %%ymm4, 128(%0); vmovdqu %%ymm5, 160(%0)\n\t"
			     "vmovdqu %%ymm6, 192(%0); vmovdqu %%ymm7, 224(%0)"
			     : : "r"(w) : "memory");
	else
		asm volatile("movdqu %%xmm0, 0(%0); movdqu %%xmm1, 16(%0)\n\t"
			     "movdqu %%xmm2, 32(%0); movdqu %%xmm3, 48(%0)\n\t"
			     "movdqu %%xmm4, 64(%0); movdqu %%xmm5, 80(%0)\n\t"
			     "movdqu %%xmm6, 96(%0); movdqu %%xmm7, 112(%0)"
			     : : "r"(w) : "memory");
}

/* 0 if the registers still hold want, else 1 + the first bad word. */
static uint32_t compare(const uint32_t *want, int avx)
{
	uint32_t got[WORDS], i, n = avx ? WORDS : WORDS / 2;

	store_regs(got, avx);
	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			return i + 1;
	return 0;
}

static uint32_t control_ok(uint16_t fcw, uint32_t mxcsr)
{
	uint16_t fcw_now;
	uint32_t mxcsr_now;

	asm volatile("fnstcw %0; stmxcsr %1" : "=m"(fcw_now), "=m"(mxcsr_now));
	return fcw_now == fcw && mxcsr_now == mxcsr;
}

/* Registers that are this process's, checked until RUN_TICKS ticks went
 * by: odd rounds yield, even ones spin until a tick preempts us. */
uint32_t u_fpu(uint32_t seed)
{
	uint32_t want[WORDS], i, bad, start, round = 0, avx = u_fpu_avx;
	uint16_t fcw = 0x037f ^ (seed & 0x0c00);	/* rounding control */
	uint32_t mxcsr = 0x1f80 | (seed & 0x6000);

	for (i = 0; i < WORDS; i++)
		want[i] = seed * (i + 1) * 2654435761u;
	asm volatile("fninit; fldcw %0; ldmxcsr %1" : : "m"(fcw), "m"(mxcsr));
	load_regs(want, avx);
	start = sys_ticks();
	while (sys_ticks() - start < RUN_TICKS) {
		if (round++ & 1)
			sys_yield();
		else
			for (i = 0; i < 200000; i++)
				asm volatile("" : : : "memory");
		bad = compare(want, avx);
		if (bad)
			return bad;
		if (!control_ok(fcw, mxcsr))
			return FPU_BAD_CONTROL;
		u_fpu_checks++;
	}
	u_fpu_ticks = sys_ticks() - start;
	return 0;
}
