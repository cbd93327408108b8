// SPDX-License-Identifier: GPL-2.0
/*
 * The switcher's C half: per-CPU areas, the IDT every host CPU loads while
 * a guest runs, and the GDT filled in before each entry.
 */
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/trapnr.h>
#include "switcher.h"

/*S:100 The switcher's IDT.  While a guest runs, every vector leads into
 * switcher.S, never to the host directly: a trap in the guest world must
 * first put the host's CR3, GDT, TR and GS base back.  One IDT serves every
 * CPU (the stubs find their CPU's area from the stack), built once here.
 *
 * Only four gates may be raised by "int n" from the guest (invariant 4):
 * the hypercall gate from ring 1, and #BP, #OF and the system call vector
 * from ring 3.  Every other gate is DPL0, so "int n" on it is a #GP that
 * goes back to the guest like any fault.  None of those four is a vector
 * for which the CPU pushes an error code, so a stub always knows the shape
 * of its frame: "int $14" can never masquerade as a page fault.
 */
struct lg_gate {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;		/* P | DPL | type 0xE (64-bit interrupt gate) */
	u16 offset1;
	u32 offset2;
	u32 reserved;
} __packed;

static_assert(sizeof(struct lg_gate) == 16);

static struct lg_gate *lg_idt;
static DEFINE_PER_CPU(struct lg_cpu *, lg_cpus);

static unsigned int gate_dpl(unsigned int vector)
{
	switch (vector) {
	case LGUEST_HCALL_VECTOR:
		return 1;
	case X86_TRAP_BP:
	case X86_TRAP_OF:
	case LGUEST_SYSCALL_VECTOR:
		return 3;
	default:
		return 0;
	}
}

/* NMI, #DF and #MC get IST stacks, in the slots the host uses for them. */
static unsigned int gate_ist(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_NMI:
		return LG_IST_NMI;
	case X86_TRAP_DF:
		return LG_IST_DF;
	case X86_TRAP_MC:
		return LG_IST_MC;
	default:
		return 0;
	}
}

static void build_idt(struct lg_gate *idt)
{
	unsigned int v;

	for (v = 0; v < 256; v++) {
		u64 target = lg_stub_table[v];

		idt[v] = (struct lg_gate) {
			.offset0 = target & 0xffff,
			.selector = __KERNEL_CS,
			.ist = gate_ist(v),
			.type_attr = 0x80 | (gate_dpl(v) << 5) | 0xe,
			.offset1 = (target >> 16) & 0xffff,
			.offset2 = target >> 32,
		};
	}
}

static void *stack_top(u8 *stack)
{
	return stack + PAGE_SIZE;
}

/*S:110 Each CPU's TSS gives the CPU the stacks it switches to on a trap
 * from the guest: RSP0 points just past the guest register block, so the
 * CPU pushes its frame straight into lg_regs.  There is no I/O bitmap (its
 * offset lies past the TSS limit) and IOPL is always 0, so any port access
 * by the guest is a #GP.
 */
static void init_cpu(struct lg_cpu *c)
{
	c->tss.sp0 = (unsigned long)(&c->regs + 1);
	c->tss.ist[LG_IST_NMI - 1] = (unsigned long)stack_top(c->nmi_stack);
	c->tss.ist[LG_IST_DF - 1] = (unsigned long)stack_top(c->df_stack);
	c->tss.ist[LG_IST_MC - 1] = (unsigned long)stack_top(c->mc_stack);
	c->tss.io_bitmap_base = sizeof(c->tss);
	c->gdt_desc.size = sizeof(c->gdt) - 1;
	c->gdt_desc.address = (unsigned long)c->gdt;
	c->idt_desc.size = 256 * sizeof(struct lg_gate) - 1;
	c->idt_desc.address = (unsigned long)lg_idt;
}

/* The layout switcher.S depends on. */
static void check_layout(void)
{
	BUILD_BUG_ON(offsetof(struct lg_cpu, regs) + sizeof(struct lg_regs) + LG_REGS_GAP != PAGE_SIZE);
	BUILD_BUG_ON((offsetof(struct lg_cpu, regs) + sizeof(struct lg_regs)) % 16);
	BUILD_BUG_ON(offsetof(struct lg_cpu, nmi_stack) != LG_PAGE_NMI * PAGE_SIZE);
	BUILD_BUG_ON(offsetof(struct lg_cpu, df_stack) != LG_PAGE_DF * PAGE_SIZE);
	BUILD_BUG_ON(offsetof(struct lg_cpu, mc_stack) != LG_PAGE_MC * PAGE_SIZE);
	BUILD_BUG_ON(LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES > LG_GDT_TSS);
	BUILD_BUG_ON(GDT_ENTRIES > LGUEST_GDT_FIRST);
}

int lg_switcher_init(void)
{
	unsigned int cpu;

	check_layout();
	lg_idt = (struct lg_gate *)get_zeroed_page(GFP_KERNEL);
	if (!lg_idt)
		return -ENOMEM;
	build_idt(lg_idt);

	for_each_possible_cpu(cpu) {
		struct lg_cpu *c = alloc_pages_exact(sizeof(*c), GFP_KERNEL | __GFP_ZERO);

		if (!c) {
			lg_switcher_exit();
			return -ENOMEM;
		}
		init_cpu(c);
		per_cpu(lg_cpus, cpu) = c;
	}
	return 0;
}

void lg_switcher_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct lg_cpu *c = per_cpu(lg_cpus, cpu);

		if (c)
			free_pages_exact(c, sizeof(*c));
		per_cpu(lg_cpus, cpu) = NULL;
	}
	free_page((unsigned long)lg_idt);
	lg_idt = NULL;
}

struct lg_cpu *lg_this_cpu(void)
{
	return this_cpu_read(lg_cpus);
}

/* A 16-byte TSS descriptor, type 9 (available 64-bit TSS), DPL0. */
static void lg_set_tss_desc(u64 *slot, unsigned long base, u32 limit)
{
	slot[0] = (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) |
		  (0x89ULL << 40) | ((u64)(limit >> 16 & 0xf) << 48) |
		  ((u64)(base >> 24 & 0xff) << 56);
	slot[1] = base >> 32;
}

#define DESC_BUSY	(1ULL << 41)	/* type 0xB vs 0x9 */

/*S:120 The GDT the guest runs on.  It mirrors what the host needs while
 * our GDT is loaded: its kernel code and data at the same selectors (the
 * IDT gates and the exit path use them) and entry 15, which the host's
 * NMI entry reads with LSL to find its per-CPU data.  The host's user
 * segments are deliberately absent: the 64-bit user code segment would
 * let a guest run 64-bit code (invariant 1).
 *
 * At the host's TR selector sits a not-busy copy of the host's TSS
 * descriptor: on the way out the switcher loads TR from it while this GDT
 * is current, then loads the host GDT, where the same descriptor is
 * already busy -- exactly as the host expects -- without ever writing the
 * host's GDT.  Copying on every entry keeps all of it true whichever CPU
 * we land on and whatever the host changed meanwhile.
 */
void lg_cpu_load_gdt(struct lg_cpu *c, const u64 *guest_gdt)
{
	struct desc_ptr host;
	const u64 *hgdt;
	unsigned int tr = GDT_ENTRY_TSS;

	native_store_gdt(&host);
	hgdt = (const u64 *)host.address;
	memset(c->gdt, 0, LGUEST_GDT_FIRST * sizeof(u64));
	c->gdt[GDT_ENTRY_KERNEL_CS] = hgdt[GDT_ENTRY_KERNEL_CS];
	c->gdt[GDT_ENTRY_KERNEL_DS] = hgdt[GDT_ENTRY_KERNEL_DS];
	c->gdt[GDT_ENTRY_CPUNODE] = hgdt[GDT_ENTRY_CPUNODE];
	c->gdt[tr] = hgdt[tr] & ~DESC_BUSY;
	c->gdt[tr + 1] = hgdt[tr + 1];
	memcpy(&c->gdt[LGUEST_GDT_FIRST], guest_gdt, LGUEST_GDT_ENTRIES * sizeof(u64));
	lg_set_tss_desc(&c->gdt[LG_GDT_TSS], (unsigned long)&c->tss, sizeof(c->tss) - 1);
}

/*S:160 A host interrupt arrived while the guest ran.  Now that the host
 * is whole again, with interrupts still off, run the host's own handler
 * for it as if the CPU had just delivered it: read the gate from the
 * host's IDT and call its target on a fabricated interrupt frame
 * (switcher.S).  The handler acknowledges the interrupt controller
 * itself and returns with iretq.
 */
void lg_call_host_handler(unsigned long target);	/* switcher.S */

void lg_forward_host_interrupt(struct lg_cpu *c, unsigned int vector)
{
	const gate_desc *gate = (const gate_desc *)c->host.idt.address + vector;

	lg_call_host_handler(gate_offset(gate));
}
