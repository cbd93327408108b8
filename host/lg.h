/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the host module: one struct lguest per guest, and the calls
 * between the files.  Nothing here is ABI (that is include/lguest/).
 */
#ifndef LG_H
#define LG_H

#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <asm/fpu/types.h>
#include <lguest/abi.h>
#include <lguest/dev.h>
#include <lguest/hcall.h>
#include <lguest/lguest_data.h>
#include "../switcher/switcher.h"

#define LG_REASON_MAX	LGUEST_EVENT_DATA_MAX

/* One entry of the guest's IDT, as the guest asked for it (validated). */
struct lg_idt_entry {
	u32 handler;
	u16 cs;
	bool present;
	bool trap_gate;		/* trap gates leave the virtual IF alone */
	u8 dpl;
};

/* The shadow page-table root and what hangs below it (page_tables.c). */
struct lg_pgt {
	unsigned long root;	/* kernel address of the root table */
	unsigned int levels;	/* 4, or 5 with LA57 */
	u32 guest_pgdir;	/* gpa the guest last gave LHCALL_NEW_PGTABLE */
};

struct lguest {
	/* Fixed at initialize. */
	struct task_struct *tsk;	/* the only task that may run it */
	unsigned long mem_base;		/* Launcher address of gpa 0 */
	u32 mem_size;
	u32 lguest_data;		/* gpa, 0 before LHCALL_INIT */

	/* The guest's CPU: registers and FPU, whichever host CPU it was on. */
	struct lg_regs regs;
	struct fpu_guest fpu;		/* its whole XSAVE state (fpu.c) */
	u32 cr2;			/* from the last exit */
	u32 pkru;			/* its protection-key rights */

	/* Descriptor tables (segments.c, interrupts_and_traps.c). */
	u64 gdt[LGUEST_GDT_ENTRIES];
	struct lg_idt_entry idt[256];
	u32 kstack_ss, kstack_esp;	/* ring-1 stack for traps from ring 3 */

	struct lg_pgt pgt;

	/* Interrupts and time. */
	unsigned long irqs_pending;	/* bitmap of guest IRQs, atomic ops */
	struct hrtimer timer;
	bool halted;

	/* What read() reports next. */
	u32 console_len;
	char console[LGUEST_CONSOLE_MAX];
	bool dead;			/* killed or shut down: never runs again */
	struct lguest_event death;	/* kind/status/flags of the end */
	char reason[LG_REASON_MAX];
};

/* lguest_user.c: /dev/lguest. */
int lg_device_init(void);
void lg_device_exit(void);

/* core.c: the run loop and guest memory. */
__printf(2, 3) void kill_guest(struct lguest *g, const char *fmt, ...);
int lg_read_guest(struct lguest *g, void *dst, u32 gpa, u32 len);
int lg_write_guest(struct lguest *g, u32 gpa, const void *src, u32 len);
bool lg_gpa_ok(const struct lguest *g, u32 gpa, u32 len);
ssize_t lg_run(struct lguest *g, char __user *buf, size_t len);

/* fpu.c: the guest's extended state, swapped in for each read(). */
int lg_fpu_init(struct lguest *g);
void lg_fpu_free(struct lguest *g);
void lg_fpu_enter(struct lguest *g);
void lg_fpu_exit(struct lguest *g);
void lg_fpu_before_switch(struct lguest *g);

/* hypercalls.c */
void lg_do_hypercall(struct lguest *g);

/* interrupts_and_traps.c */
void lg_handle_trap(struct lguest *g);
void lg_deliver_interrupts(struct lguest *g);
unsigned long lg_blocked_irqs(struct lguest *g);
void lg_timer_init(struct lguest *g);
void lg_set_clockevent(struct lguest *g, u32 ns);
void lg_timer_stop(struct lguest *g);
int lg_load_idt_entry(struct lguest *g, u32 vector, u32 lo, u32 hi);

/* page_tables.c */
int lg_pgt_init(struct lguest *g);
void lg_pgt_free(struct lguest *g);
void lg_pgt_sync_host(struct lguest *g);
u64 lg_pgt_cr3(const struct lguest *g);
bool lg_demand_fault(struct lguest *g, u32 vaddr);
bool lg_gva_to_gpa(struct lguest *g, u32 vaddr, u32 *gpa);
void lg_new_pgtable(struct lguest *g, u32 pgdir);

/* segments.c */
void lg_gdt_init(struct lguest *g);
int lg_load_gdt_entry(struct lguest *g, u32 index, u32 lo, u32 hi);
bool lg_selector_is_guest_kernel(u32 sel);

#endif /* LG_H */
