// SPDX-License-Identifier: GPL-2.0
/*
 * Ring-3 halves of the exits group (tests/exits.c): n operations of one
 * kind each, so the host's statistics can be divided by n.
 */
#include "progs.h"
#include "ulib.h"

uint32_t u_exits_syscall(uint32_t n)
{
	while (n--)
		sys_null();
	return 0;
}

/* A write to each of n fresh pages of the demand area (at most
 * EXITS_FAULT_MAX): each is a first touch the kernel maps. */
uint32_t u_exits_fault(uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n && i < EXITS_FAULT_MAX; i++)
		*(volatile uint32_t *)(EXITS_FAULT_BASE + i * 4096) = i;
	return 0;
}

uint32_t u_exits_yield(uint32_t n)
{
	while (n--)
		sys_yield();
	return 0;
}
