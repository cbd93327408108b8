/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the host module: the guest (struct lguest), its virtual CPU
 * (struct lg_vcpu), and the calls between the files.  Nothing here is ABI
 * (that is include/lguest/).
 */
#ifndef LG_H
#define LG_H

#include <linux/hrtimer.h>
#include <linux/kfifo.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <asm/fpu/types.h>
#include <lguest/abi.h>
#include <lguest/dev.h>
#include <lguest/hcall.h>
#include <lguest/lguest_data.h>
#include "../switcher/switcher.h"
#include "desc_check.h"

#define LG_REASON_MAX	LGUEST_EVENT_DATA_MAX


/*
 * Shadow page tables (page_tables.c).  The guest's 4 GiB are the first
 * four entries of a page-directory-pointer table (one per shadow root);
 * each points at a page directory of 512 2 MiB entries.  The page
 * directories of the kernel half (from lguest_data.kernel_address up) are
 * shared by every root.
 */
#define LG_ROOTS	4	/* shadow roots cached per guest */
#define LG_GIB		4	/* page directories in 4 GiB */

struct lg_root {
	u32 pgdir;		/* guest-physical page directory */
	bool valid;		/* pgdir is set */
	unsigned long top;	/* kernel address of the host-depth root */
	u64 *pdpt;		/* its table for the low 512 GiB */
	u64 *pd[LG_GIB];	/* user-half page directories (or NULL) */
};

struct lg_pgt {
	unsigned int levels;		/* 4, or 5 with LA57 */
	u32 kernel_gib;			/* first shared GiB (LG_GIB: none) */
	u64 *kernel_pd[LG_GIB];		/* shared page directories */
	struct lg_root roots[LG_ROOTS];
	unsigned int cur;		/* index into roots[]: the current one */
	unsigned int next_victim;	/* round-robin replacement */
	bool linear;			/* no guest tables yet: gva == gpa */
};

/* Exit statistics, readable in debugfs while the guest runs (stats.c). */
enum lg_stat {
	LG_STAT_EXITS,
	LG_STAT_HCALLS,
	LG_STAT_ASYNC,
	LG_STAT_SHADOW_FILLS,
	LG_STAT_REFLECTED,
	LG_STAT_HOST_IRQS,
	LG_STAT_IRQS_DELIVERED,
	LG_STAT_INWORLD_SYSCALLS,
	LG_STAT_ROOT_SWITCHES,
	LG_STAT_ROOT_BUILDS,
	LG_STAT_HALTS,
	LG_STAT_PORT_IO,
	LG_STAT_NR
};

struct lg_stats {
	u64 count[LG_STAT_NR];
	u64 vector[256];		/* exits by vector */
	u64 hcall[LHCALL_NR];		/* hypercalls by number */
};

struct lguest;

/* Host MSRs guarded once per CPU per read() (guard.c, H:130). */
struct lg_guard {
	struct preempt_notifier pn;
	int cpu;			/* the guarded CPU, or -1 */
	u64 efer, sysenter_cs;		/* its own values */
};

/* Host state guarded around each switch (guard.c, H:135). */
struct lg_guarded {
	u64 s_cet;
	unsigned long dr7;		/* 0: no host breakpoints armed */
	u32 pkru;
	bool has_pkru;
};

/* The guest's virtual CPU: whatever host CPU it last ran on. */
struct lg_vcpu {
	struct lguest *lg;
	struct task_struct *tsk;	/* the only task that may run it */

	/* Registers, copied in and out of the switcher's area; FPU (H:125). */
	struct lg_regs regs;
	struct fpu_guest fpu;		/* its whole XSAVE state (fpu.c) */
	u32 cr2;			/* from the last exit */
	u32 pkru;			/* its protection-key rights */
	struct lg_guard guard;

	/* Descriptor tables (segments.c, interrupts_and_traps.c). */
	u64 gdt[LGUEST_GDT_ENTRIES];
	struct lg_idt_entry idt[256];
	u32 kstack_ss, kstack_esp;	/* ring-1 stack for traps from ring 3 */

	/* Interrupts and time. */
	unsigned long irqs_pending;	/* bitmap of guest IRQs, atomic ops */
	unsigned long irq_gates;	/* guest IRQs with an IDT gate */
	struct hrtimer timer;
	bool halted;
};

/* The guest: its memory, page tables, and how it ended. */
struct lguest {
	/* Fixed at initialize. */
	struct mm_struct *mm;		/* the address space that owns it */
	unsigned long mem_base;		/* Launcher address of gpa 0 */
	u32 mem_size;
	u32 lguest_data;		/* gpa, 0 before LHCALL_INIT */
	struct lguest_data *data;	/* the same, pinned (H:115) */
	struct page *data_page;
	unsigned int async_next;	/* next slot of the async ring */

	struct lg_pgt pgt;
	struct lg_vcpu vcpu;		/* one, for now */

	/* Console input, from the Launcher to the guest (console.c). */
	spinlock_t input_lock;
	wait_queue_head_t input_wait;	/* Launcher writers waiting for room */
	DECLARE_KFIFO(input, char, LGUEST_CONSOLE_INPUT_BUFFER);

	/* What read() reports next. */
	u32 console_len;
	char console[LGUEST_CONSOLE_MAX];
	bool dead;			/* killed or shut down: never runs again */
	struct lguest_event death;	/* kind/status/flags of the end */
	char reason[LG_REASON_MAX];

	struct lg_stats stats;
	struct dentry *debugfs;
};

static inline void lg_count(struct lguest *g, enum lg_stat s)
{
	g->stats.count[s]++;
}

/* lguest_user.c: /dev/lguest. */
int lg_device_init(void);
void lg_device_exit(void);

/* console.c: console input. */
void lg_console_init(struct lguest *g);
int lg_console_input(struct lguest *g, const char *data, u32 len, bool nonblock);
u32 lg_console_read(struct lguest *g, u32 gpa, u32 size);
void lg_console_stop(struct lguest *g);

/* core.c: the run loop and guest memory. */
__printf(3, 4) void kill_guest(struct lguest *g, enum lguest_kill code,
			       const char *fmt, ...);
int lg_read_guest(struct lguest *g, void *dst, u32 gpa, u32 len);
int lg_write_guest(struct lguest *g, u32 gpa, const void *src, u32 len);
bool lg_gpa_ok(const struct lguest *g, u32 gpa, u32 len);
ssize_t lg_run(struct lg_vcpu *v, char __user *buf, size_t len);
struct page *lg_pin_page(struct lguest *g, u32 gpa);
int lg_pin_data(struct lguest *g, u32 gpa);
void lg_unpin_data(struct lguest *g);

/* fpu.c: the guest's extended state, swapped in for each read(). */
int lg_fpu_init(struct lg_vcpu *v);
void lg_fpu_free(struct lg_vcpu *v);
void lg_fpu_enter(struct lg_vcpu *v);
void lg_fpu_exit(struct lg_vcpu *v);
void lg_fpu_before_switch(struct lg_vcpu *v);

/* guard.c */
void lg_guard_init(void);
void lg_guard_exit(void);
void lg_guard_begin(struct lg_vcpu *v);
void lg_guard_end(struct lg_vcpu *v);
void lg_guard_enter(struct lg_vcpu *v, struct lg_guarded *m);
void lg_guard_leave(struct lg_vcpu *v, const struct lg_guarded *m);

/* hypercalls.c */
void lg_do_hypercall(struct lg_vcpu *v);
void lg_drain_async(struct lg_vcpu *v);

/* interrupts_and_traps.c */
void lg_handle_trap(struct lg_vcpu *v);
void lg_deliver_interrupts(struct lg_vcpu *v);
unsigned long lg_blocked_irqs(struct lg_vcpu *v);
void lg_timer_init(struct lg_vcpu *v);
void lg_set_clockevent(struct lg_vcpu *v, u32 ns);
void lg_timer_stop(struct lg_vcpu *v);
int lg_load_idt_entry(struct lg_vcpu *v, u32 vector, u32 lo, u32 hi);
bool lg_copy_guest_virt(struct lg_vcpu *v, u32 vaddr, void *buf, u32 len, bool write);

/* page_tables.c */
int lg_pgt_init(struct lguest *g);
void lg_pgt_free(struct lguest *g);
void lg_pgt_sync_host(struct lguest *g);
u64 lg_pgt_cr3(const struct lguest *g);
bool lg_demand_fault(struct lg_vcpu *v, u32 vaddr, u32 *gerr);
bool lg_gva_to_gpa(struct lg_vcpu *v, u32 vaddr, u32 *gpa);
void lg_new_pgtable(struct lg_vcpu *v, u32 pgdir, u32 flags);
void lg_set_pte(struct lguest *g, u32 pgdir, u32 vaddr, u32 pte);
void lg_set_pgd(struct lguest *g, u32 pgdir, u32 index);
void lg_flush_page(struct lguest *g, u32 vaddr);
void lg_flush_tlb(struct lguest *g, bool all);
void lg_set_kernel_address(struct lguest *g, u32 addr);

/* segments.c */
void lg_gdt_init(struct lg_vcpu *v);
int lg_load_gdt_entry(struct lg_vcpu *v, u32 index, u32 lo, u32 hi);
int lg_load_tls(struct lg_vcpu *v, u32 gpa);

/* stats.c */
void lg_stats_init(void);
void lg_stats_exit(void);
void lg_stats_add(struct lguest *g, pid_t pid);
void lg_stats_remove(struct lguest *g);

#endif /* LG_H */
