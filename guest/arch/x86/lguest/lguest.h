/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lguest platform's private header: the hypercall instruction, the
 * shared lguest_data page, and what each file of the port gives the boot
 * sequence in boot.c.
 *
 * The ABI itself (call numbers, lguest_data's layout) is the lguest
 * project's include/lguest/, copied into abi/ by the build: one source
 * for host, Launcher and guest.
 */
#ifndef _ARCH_X86_LGUEST_LGUEST_H
#define _ARCH_X86_LGUEST_LGUEST_H

#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/types.h>
#include <asm/alternative.h>
#include <lguest/abi.h>
#include <lguest/hcall.h>
#include <lguest/lguest_data.h>

extern struct lguest_data lguest_data;

/*P:100 A hypercall is a software interrupt from ring 1: the call number in
 * %eax, up to three arguments in %ebx, %ecx and %edx, the result back in
 * %eax.  The ABI promises nothing about the argument registers afterwards,
 * so they count as clobbered.  The host reads and writes guest memory the
 * call names, so the compiler must not keep such memory in registers
 * across it.
 */
static inline unsigned long lguest_hcall(unsigned long call, unsigned long a1,
					 unsigned long a2, unsigned long a3)
{
	asm volatile("int $" __stringify(LGUEST_HCALL_VECTOR)
		     : "+a" (call), "+b" (a1), "+c" (a2), "+d" (a3)
		     : : "memory", "cc");
	return call;
}

void lguest_async_hcall(u32 call, u32 a1, u32 a2, u32 a3);
void lguest_flush_async(void);

/* What each part of the port sets up, in boot order (boot.c). */
void __init lguest_init_cpu_ops(void);
void __init lguest_init_irq_ops(void);
void __init lguest_init_mmu_ops(void);
void __init lguest_init_time(void);
void __init lguest_init_console(void);
void __init lguest_init_irqs(void);
void __init lguest_time_init(void);
void __init lguest_load_boot_segments(void);
bool __init lguest_patching_wanted(void);

/* The alternatives the kernel applied at boot (irq.c counts ours). */
extern struct alt_instr __alt_instructions[], __alt_instructions_end[];

/* The interrupt-return thunk and its no-interrupt window (head_32.S). */
extern const char lguest_noirq_start[], lguest_noirq_end[];

#endif /* _ARCH_X86_LGUEST_LGUEST_H */
