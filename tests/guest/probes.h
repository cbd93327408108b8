/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes: instructions the tests execute to see them fault.  Each faulting
 * instruction is in the exception table (extable.h), so the trap handler
 * records the fault and resumes right after it; the test then asks
 * fault_taken() what happened.
 */
#ifndef GUEST_PROBES_H
#define GUEST_PROBES_H

#include <stdint.h>
#include "extable.h"

static inline void probe_ud2(void)
{
	asm volatile("1: ud2\n2:\n" EXTABLE(1b, 2b) : : : "memory");
}

/* 1 / 0: #DE. */
static inline void probe_divide(void)
{
	uint32_t a = 1, d = 0, zero = 0;

	asm volatile("1: divl %2\n2:\n" EXTABLE(1b, 2b)
		     : "+a"(a), "+d"(d) : "r"(zero) : "memory");
}

/* sysenter would only clobber esp and eip; it must fault instead. */
static inline void probe_sysenter(void)
{
	asm volatile("1: sysenter\n2:\n" EXTABLE(1b, 2b) : : : "memory");
}

/* syscall (0f 05) would clobber ecx and r11; it must fault instead. */
static inline void probe_syscall(void)
{
	asm volatile("1: .byte 0x0f, 0x05\n2:\n" EXTABLE(1b, 2b)
		     : : : "ecx", "memory");
}

/* Read a word; 0 if the read faulted. */
static inline uint32_t probe_read(uint32_t addr)
{
	uint32_t v = 0;

	asm volatile("1: movl (%1), %0\n2:\n" EXTABLE(1b, 2b)
		     : "+r"(v) : "r"(addr) : "memory");
	return v;
}

/* Write a word; the write is skipped if it faulted. */
static inline void probe_write(uint32_t addr, uint32_t v)
{
	asm volatile("1: movl %1, (%0)\n2:\n" EXTABLE(1b, 2b)
		     : : "r"(addr), "r"(v) : "memory");
}

/* Set EFLAGS.TF: the nop after popfl runs, then #DB traps after it. */
static inline void probe_singlestep(void)
{
	asm volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\tnop\n"
		     "1:\n" EXTABLE(1b, 1b) : : : "memory", "cc");
}

/*
 * Load sel into %ds or %ss and put the old value straight back, touching
 * no memory in between.  A fault is recorded and skips the rest.
 */
static inline void probe_load_ds(uint32_t sel)
{
	uint32_t old;

	asm volatile("mov %%ds, %0\n1: mov %1, %%ds\n\tmov %0, %%ds\n2:\n"
		     EXTABLE(1b, 2b) : "=&r"(old) : "r"(sel) : "memory");
}

static inline void probe_load_ss(uint32_t sel)
{
	uint32_t old;

	asm volatile("mov %%ss, %0\n1: mov %1, %%ss\n\tmov %0, %%ss\n2:\n"
		     EXTABLE(1b, 2b) : "=&r"(old) : "r"(sel) : "memory");
}

/* probes.S: a far jump, and "int $n" for every n. */
#define SEG_LANDED		0x444e414cu	/* "LAND": it landed */
#define SEG_LANDED_FAULT	0x544c4146u	/* "FALT": landed, then faulted */
uint32_t seg_try_ljmp(uint32_t sel);
extern void (*const probe_int[256])(void);

#endif /* GUEST_PROBES_H */
