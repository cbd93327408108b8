// SPDX-License-Identifier: GPL-2.0
/*
 * Ring 3 at its simplest: where it runs, system calls, and an address
 * space of its own (tests/user.c).
 */
#include "progs.h"
#include "ulib.h"

/* Each process's own copy, at the same address in each. */
volatile uint32_t u_ident, u_scratch;

/* The code and stack segments ring 3 runs on, and one system call. */
uint32_t u_ring3(uint32_t arg)
{
	uint32_t cs, ss;

	asm volatile("mov %%cs, %0\n\tmov %%ss, %1" : "=r"(cs), "=r"(ss));
	if ((cs & 3) != 3 || (ss & 3) != 3)
		return RING3_BAD_CPL;
	if (sys_add(arg, 1) != arg + 1)
		return RING3_BAD_ADD;
	return arg ^ RING3_MAGIC;
}

/* n system calls, each with an answer to check. */
uint32_t u_syscalls(uint32_t n)
{
	uint32_t i, bad = 0;

	for (i = 0; i < n; i++)
		if (sys_add(i, 0x10000 + n) != i + 0x10000 + n)
			bad++;
	return bad;
}

/* The same addresses in two processes: neither sees the other's values,
 * however often they switch. */
uint32_t u_spaces(uint32_t rounds)
{
	uint32_t me = u_ident, i;

	if (!me)
		return 1;
	for (i = 0; i < rounds; i++) {
		u_scratch = me + i;
		sys_yield();
		if (u_ident != me)
			return 2;
		if (u_scratch != me + i)
			return 3;
	}
	return 0;
}
