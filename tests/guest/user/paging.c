// SPDX-License-Identifier: GPL-2.0
/*
 * Ring 3 and the page tables: pages mapped on first touch, read-only
 * pages, accessed and dirty bits, many mappings made and undone, and the
 * kernel's memory out of reach (tests/user.c, tests/userhostile.c).
 */
#include "extable.h"
#include "progs.h"
#include "ulib.h"

#define PAGE	4096u

static inline uint32_t peek(uint32_t va)
{
	return *(volatile uint32_t *)va;
}

static inline void poke(uint32_t va, uint32_t v)
{
	*(volatile uint32_t *)va = v;
}

/* A read and a write of pages not mapped yet: the kernel maps them. */
uint32_t u_demand(uint32_t va)
{
	if (peek(va) != 0)
		return 1;
	poke(va + DEMAND_WRITE, DEMAND_VALUE);
	if (peek(va + DEMAND_WRITE) != DEMAND_VALUE)
		return 2;
	if (peek(va) != 0)
		return 3;
	return 0;
}

/* A write where nothing may be mapped: the kernel kills us. */
uint32_t u_touch(uint32_t va)
{
	poke(va, 1);
	return 0;
}

/* A read-only page: reads work, a write faults until the kernel makes it
 * writable, and faults again once it made it read-only again. */
uint32_t u_wprotect(uint32_t va)
{
	if (peek(va) != WP_BEFORE)
		return 1;
	poke(va, WP_FIRST);
	if (peek(va) != WP_FIRST)
		return 2;
	sys_check(WP_CHECK_PROTECT, 0);
	poke(va, WP_SECOND);
	if (peek(va) != WP_SECOND)
		return 3;
	return 0;
}

/* Read, write, have A and D cleared, read and write again: the kernel
 * looks at the PTE after each step and answers 0 if it is right. */
uint32_t u_dirty(uint32_t va)
{
	uint32_t bad = 0, v;

	v = peek(va);
	bad |= sys_check(DIRTY_CHECK_READ, 0);
	poke(va, v + 1);
	bad |= sys_check(DIRTY_CHECK_WRITTEN, 0);
	sys_check(DIRTY_CHECK_CLEAN, 0);
	v = peek(va);
	bad |= sys_check(DIRTY_CHECK_READ, 0);
	poke(va, v + 1);
	bad |= sys_check(DIRTY_CHECK_WRITTEN, 0);
	return bad;
}

/* n times: touch a page (the kernel maps a new one holding how many
 * pages it mapped before), check it, write to it, unmap it.  A mapping
 * that outlived its unmapping shows as a read with no fault, and a
 * wrong value. */
uint32_t u_storm(uint32_t n)
{
	uint32_t i, va, v;

	for (i = 0; i < n; i++) {
		va = STORM_BASE + (i % STORM_PAGES) * PAGE;
		v = peek(va);
		if (v != i)
			return i + 1;
		poke(va, ~v);
		if (sys_unmap(va))
			return i + 1;
	}
	return 0;
}

/* The kernel's memory, at its own address and in the kernel half: every
 * access must fault, and the kernel checks each. */
uint32_t u_kmem(uint32_t kaddr)
{
	uint32_t v = 0, addr[2] = { kaddr, kaddr + KERNEL_ALIAS }, i;

	for (i = 0; i < 2; i++) {
		asm volatile("1: movl (%1), %0\n2:\n" EXTABLE(1b, 2b)
			     : "+r"(v) : "r"(addr[i]) : "memory");
		sys_check(KMEM_CHECK, 2 * i);
		asm volatile("1: movl %0, (%1)\n2:\n" EXTABLE(1b, 2b)
			     : : "r"(v), "r"(addr[i]) : "memory");
		sys_check(KMEM_CHECK, 2 * i + 1);
	}
	return 0;
}
