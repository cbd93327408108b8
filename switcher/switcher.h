/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The world switch: what the host module needs to know about it.
 *
 * Each host CPU owns one struct lg_cpu: the switcher's stack (with the
 * guest's registers at its top, where the CPU pushes its trap frame),
 * three IST stacks, a GDT, a TSS and the host state saved on the way in.
 * The layout is fixed because switcher.S finds the struct from the stack
 * pointer alone: whatever trap arrives, %rsp & ~4095 (minus the IST
 * stack's page index for NMI, #DF and #MC) is the struct's address.
 */
#ifndef LG_SWITCHER_H
#define LG_SWITCHER_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <lguest/abi.h>

/*
 * Guest registers, in the order switcher.S saves them: data segments by
 * hand, then the general registers pushed rax first, then vector and
 * error code, then the CPU's own 64-bit interrupt frame.
 */
struct lg_regs {
	u64 ds, es, fs, gs;
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 trapnum, errcode;
	u64 rip, cs, rflags, rsp, ss;
};

/* What switcher.S saves of the host on the way in and restores on exit. */
struct lg_host_state {
	u64 rsp;
	u64 cr3;
	u64 fs_base, gs_base;	/* not KERNEL_GS_BASE: no guest can change it */
	struct desc_ptr gdt;		/* 10 bytes, as sgdt writes them */
	u16 pad0[3];
	struct desc_ptr idt;
	u16 tr, ldt, ss, ds, es, fs, gs;
	u16 pad1;
};

/* GDT of the guest world: host entries below 16, the guest's, our TSS. */
#define LG_GDT_TSS		48	/* 16-byte 64-bit TSS descriptor */
#define LG_GDT_ENTRIES		50
#define LG_TSS_SEL		(LG_GDT_TSS << 3)

/* IST slots, numbered as the host kernel numbers its own (see below). */
#define LG_IST_DF		1
#define LG_IST_NMI		2
#define LG_IST_MC		4

/* Pages of struct lg_cpu that hold the IST stacks. */
#define LG_PAGE_NMI		1
#define LG_PAGE_DF		2
#define LG_PAGE_MC		3

#define LG_REGS_GAP		16	/* keeps RSP0 strictly inside page 0 */

/* The trap number of an exit that is no trap: the switcher left the guest
 * world only so the host could act (an NMI noted during an in-world
 * system call).
 */
#define LG_TRAP_NONE		256

struct lg_cpu {
	/* Page 0: the switcher stack; RSP0 is the end of regs. */
	u8 stack[PAGE_SIZE - sizeof(struct lg_regs) - LG_REGS_GAP];
	struct lg_regs regs;
	u8 gap[LG_REGS_GAP];
	/* Pages 1-3: IST stacks for NMI, #DF and #MC. */
	u8 nmi_stack[PAGE_SIZE];
	u8 df_stack[PAGE_SIZE];
	u8 mc_stack[PAGE_SIZE];
	/* Page 4 on: everything else. */
	struct lg_host_state host;
	u64 shadow_cr3;		/* in: the guest's page-table root */
	u64 cr2;		/* out: CR2 at the moment of exit */
	u64 switcher_fault;	/* out: 1 + vector of a fault the switcher took */
	u64 switcher_fault_rip;
	u32 nmi_pending;	/* out: an NMI hit the switcher mid-switch */
	u32 mce_pending;	/* out: so did a machine check (right after) */
	/* The in-world system call (switcher.S, S:250), set before entry. */
	u32 sc_ok;		/* in: take int $0x80 from ring 3 in the world */
	u32 sc_eip, sc_cs;	/* in: the guest's gate */
	u32 sc_esp, sc_ss;	/* in: its ring-1 stack (esp >= 20) */
	u32 sc_if;		/* in: virtual IF after delivery, 0 or IF */
	u64 sc_irq_enabled;	/* in: kernel address of lguest_data.irq_enabled */
	u64 sc_count;		/* out: in-world system calls this entry */
	struct desc_ptr gdt_desc;
	u16 pad2[3];
	struct desc_ptr idt_desc;
	u16 pad3[3];
	u64 gdt[LG_GDT_ENTRIES] __aligned(16);
	struct x86_hw_tss tss __aligned(16);
} __aligned(PAGE_SIZE);

/* switcher.S: the entry stub of every vector, for the IDT. */
extern const u64 lg_stub_table[256];

/* Set up and tear down the per-CPU areas and the shared IDT. */
int lg_switcher_init(void);
void lg_switcher_exit(void);

/* This CPU's area; call with preemption off. */
struct lg_cpu *lg_this_cpu(void);

/*
 * Fill this CPU's GDT for a guest (host entries copied from the live host
 * GDT, guest entries, TSS descriptors marked not busy).
 */
void lg_cpu_load_gdt(struct lg_cpu *c, const u64 *guest_gdt);

/* switcher.S: enter the guest described by c->regs; return on any trap. */
void lg_switch_to_guest(struct lg_cpu *c);

/* Run the host's own IDT handler for a vector that arrived in the guest. */
void lg_forward_host_interrupt(struct lg_cpu *c, unsigned int vector);

#endif /* LG_SWITCHER_H */
