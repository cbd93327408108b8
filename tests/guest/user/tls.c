// SPDX-License-Identifier: GPL-2.0
/*
 * Thread-local storage through %gs and %fs: the kernel gives each process
 * TLS descriptors whose bases are its own row of u_tls_area, holding
 * values only it has (tests/user.c).
 */
#include "progs.h"
#include "segments.h"
#include "ulib.h"

volatile uint32_t u_tls_area[2][16] __attribute__((aligned(64)));
volatile uint32_t u_tls_which;

static inline uint32_t gs_word(void)
{
	uint32_t v;

	asm volatile("movl %%gs:0, %0" : "=r"(v));
	return v;
}

static inline uint32_t fs_word(void)
{
	uint32_t v;

	asm volatile("movl %%fs:0, %0" : "=r"(v));
	return v;
}

/* Spin a while, so timer ticks preempt us too, not only yields. */
static void spin(uint32_t n)
{
	while (n--)
		asm volatile("" : : : "memory");
}

uint32_t u_tls(uint32_t rounds)
{
	volatile uint32_t *row = u_tls_area[u_tls_which & 1];
	uint32_t i, gs = row[TLS_GS_SLOT], fs = row[TLS_FS_SLOT];

	if (!gs || !fs)
		return 1;
	asm volatile("mov %0, %%gs" : : "r"(TLS_SEL(TLS_GS_ENTRY)));
	asm volatile("mov %0, %%fs" : : "r"(TLS_SEL(TLS_FS_ENTRY)));
	for (i = 0; i < rounds; i++) {
		if (gs_word() != gs)
			return 2;
		if (fs_word() != fs)
			return 3;
		if (i & 1)
			sys_yield();
		else
			spin(20000);
	}
	return 0;
}
