/* SPDX-License-Identifier: GPL-2.0 */
/*G:100 The platform backend ("pv_ops"): everything privileged the kernel does
 * goes through this table, filled at boot by native.c (ring 0, real
 * hardware) or lguest.c (ring 1, hypercalls).  The rest of the kernel
 * calls the small wrappers below and never asks which one it runs on.
 *
 * Interrupt flags follow the hardware convention in both backends: the
 * value save_flags() returns has X86_EFLAGS_IF (0x200) set when
 * interrupts are enabled, and LGUEST_IRQ_ENABLED is the same bit.
 */
#ifndef GUEST_PLATFORM_H
#define GUEST_PLATFORM_H

#include <stdint.h>
#include "segments.h"

#define __noreturn	__attribute__((noreturn))

/* What head.S found at entry: passed to kmain() as its first argument. */
#define BOOT_NATIVE	0	/* multiboot, ring 0: info = multiboot info */
#define BOOT_LGUEST	1	/* lguest, ring 1: info = boot params gpa */

struct platform_ops {
	const char *name;		/* "native" or "lguest" */
	int paravirt;			/* 1 when running under lguest */
	uint16_t kernel_cs, kernel_ds;	/* selectors the kernel runs on */
	uint32_t tsc_khz;		/* 0 when unknown */

	void (*console_write)(const char *s, uint32_t len);
	/* Console input waiting, up to len bytes; 0 if none (never waits). */
	uint32_t (*console_read)(char *buf, uint32_t len);
	void (*irq_disable)(void);
	void (*irq_enable)(void);
	uint32_t (*save_flags)(void);
	void (*restore_flags)(uint32_t flags);
	void (*load_idt_entry)(uint32_t vector, uint32_t lo, uint32_t hi);
	void (*set_timer)(uint32_t ns);	/* one-shot; 0 cancels */
	void (*end_irq)(uint32_t irq);	/* acknowledge an interrupt */
	void (*halt)(void);		/* wait for an interrupt (IRQs on) */
	uint32_t (*fault_address)(void);	/* of the last page fault */
	__noreturn void (*power_off)(uint32_t status);
	__noreturn void (*crash)(const char *msg);

	/*
	 * Page tables (mm.c).  A page directory is named by its physical
	 * address, which is also where the kernel sees it.  set_pte and
	 * set_pgd write the entry and tell the host; flushing what the TLB
	 * holds is separate, as on hardware.  Between lazy_mmu(1) and
	 * lazy_mmu(0) the lguest backend queues these in the async ring.
	 */
	void (*load_pgdir)(uint32_t pgdir);	/* switch to it */
	void (*set_pte)(uint32_t pgdir, uint32_t va, uint32_t *ptep, uint32_t pte);
	void (*set_pgd)(uint32_t pgdir, uint32_t index, uint32_t pde);
	void (*flush_page)(uint32_t va);	/* in the current directory */
	void (*flush_tlb)(int all);		/* 0: the user half; 1: all */
	void (*lazy_mmu)(int on);

	/* Segments and ring 3 (segments.h, proc.c). */
	void (*load_gdt_entry)(uint32_t index, struct desc d);
	void (*load_tls)(const struct desc tls[TLS_ENTRIES]);
	void (*set_kernel_stack)(uint32_t esp);	/* for traps from ring 3 */
};

extern struct platform_ops pv;

/*
 * The interrupt-return path of traps.S jumps through this: native_iret
 * or lguest_iret (which restores the virtual IF from the frame).
 */
extern uint32_t pv_iret;

/* The backends' entry points (native.c, lguest.c). */
void native_init(uint32_t multiboot_info);
void lguest_init(uint32_t boot_params_gpa);

/* Boot information, filled by the backend from multiboot or boot params. */
#define BOOT_E820_MAX		32
#define BOOT_CMDLINE_MAX	2048

struct boot_e820 {
	uint64_t start, size;
	uint32_t type;			/* 1 RAM, 2 reserved, ... (e820) */
};

struct boot_info {
	uint32_t nr_e820;
	struct boot_e820 e820[BOOT_E820_MAX];
	char cmdline[BOOT_CMDLINE_MAX];
};

extern struct boot_info boot_info;

void boot_add_e820(uint64_t start, uint64_t size, uint32_t type);
void boot_set_cmdline(const char *s);

/* The one boot stack (head.S); also the lguest kernel stack for traps. */
extern char boot_stack_top[];

static inline void irq_disable(void)
{
	pv.irq_disable();
}

static inline void irq_enable(void)
{
	pv.irq_enable();
}

static inline uint32_t irq_save(void)
{
	uint32_t flags = pv.save_flags();

	pv.irq_disable();
	return flags;
}

static inline void irq_restore(uint32_t flags)
{
	pv.restore_flags(flags);
}

static inline void halt(void)
{
	pv.halt();
}

static inline int on_lguest(void)
{
	return pv.paravirt;
}

#endif /* GUEST_PLATFORM_H */
