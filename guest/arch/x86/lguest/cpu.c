// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU as the lguest guest sees it: what CPUID admits to, the control
 * and model-specific registers (kept here, never the CPU's), and the
 * descriptor tables, which the host copies into the tables the CPU uses.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include "lguest.h"

/* Linux's GDT layout lives in the host's guest range (segment.h's shift). */
static_assert(LGUEST_GDT_TLS == GDT_ENTRY_TLS_MIN);
static_assert(LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES >= GDT_ENTRIES);
static_assert(GDT_ENTRY_KERNEL_CS >= LGUEST_GDT_FIRST);

/*P:200 CPUID: the features a ring-1 kernel must not use are hidden, so
 * Linux never tries them.  No SYSENTER (the vDSO then uses int $0x80, which
 * the host runs without leaving the guest), no global pages, no local
 * APIC, no machine checks, MTRRs or PAT, no MONITOR/MWAIT.  XSAVE goes too:
 * XSETBV is a ring-0 instruction, and AVX and friends need it.  Leaf 7's
 * extensions (SMAP's STAC/CLAC fault outside ring 0, UMIP, PKU, ...) are
 * all hidden, as are the leaves that describe what is hidden.
 */
#define HIDDEN_1_EDX	(BIT(X86_FEATURE_VME) | BIT(X86_FEATURE_DE) |		\
			 BIT(X86_FEATURE_MCE) | BIT(X86_FEATURE_APIC) |		\
			 BIT(X86_FEATURE_SEP) | BIT(X86_FEATURE_MTRR) |		\
			 BIT(X86_FEATURE_PGE) | BIT(X86_FEATURE_MCA) |		\
			 BIT(X86_FEATURE_PAT) | BIT(X86_FEATURE_PSE36) |	\
			 BIT(X86_FEATURE_ACPI) | BIT(X86_FEATURE_DS) |		\
			 BIT(X86_FEATURE_ACC) | BIT(X86_FEATURE_HT))
#define HIDDEN_1_ECX	(BIT(X86_FEATURE_MWAIT & 31) | BIT(X86_FEATURE_DSCPL & 31) |	\
			 BIT(X86_FEATURE_VMX & 31) | BIT(X86_FEATURE_SMX & 31) |	\
			 BIT(X86_FEATURE_EST & 31) | BIT(X86_FEATURE_TM2 & 31) |	\
			 BIT(X86_FEATURE_PDCM & 31) | BIT(X86_FEATURE_PCID & 31) |	\
			 BIT(X86_FEATURE_DCA & 31) | BIT(X86_FEATURE_X2APIC & 31) |	\
			 BIT(X86_FEATURE_TSC_DEADLINE_TIMER & 31) |			\
			 BIT(X86_FEATURE_XSAVE & 31) | BIT(X86_FEATURE_OSXSAVE & 31) |	\
			 BIT(X86_FEATURE_AVX & 31) | BIT(X86_FEATURE_FMA & 31) |	\
			 BIT(X86_FEATURE_F16C & 31))

static void lguest_cpuid(unsigned int *ax, unsigned int *bx,
			 unsigned int *cx, unsigned int *dx)
{
	unsigned int leaf = *ax;

	native_cpuid(ax, bx, cx, dx);
	switch (leaf) {
	case 1:
		*dx &= ~HIDDEN_1_EDX;
		*cx &= ~HIDDEN_1_ECX;
		*cx |= BIT(X86_FEATURE_HYPERVISOR & 31);
		break;
	case 5:		/* MONITOR/MWAIT */
	case 6:		/* thermal and power */
	case 7:		/* structured extended features */
	case 0xa:	/* performance monitoring */
	case 0xd:	/* XSAVE state */
		*ax = *bx = *cx = *dx = 0;
		break;
	case 0x80000001:
		*dx &= ~(BIT(X86_FEATURE_SYSCALL & 31) | BIT(X86_FEATURE_NX & 31) |
			 BIT(X86_FEATURE_LM & 31));
		*cx &= ~(BIT(X86_FEATURE_SVM & 31));
		break;
	}
}

/*P:210 Control registers.  The real ones are the host's; Linux gets the
 * values it wrote back, and CR0 always reads as a protected, paged, FPU-
 * owning CPU (the host swaps our FPU state in whole, so TS never matters).
 * Reading CR4 is not an op in 6.1: i386's native_read_cr4() already
 * carries an exception-table fixup that reads 0 where CR4 faults, as it
 * does in ring 1.  Linux reads it a handful of times at boot and keeps its
 * own copy after that, so the trap costs nothing that matters.
 */
static unsigned long lguest_cr0 = X86_CR0_PE | X86_CR0_MP | X86_CR0_ET |
				  X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | X86_CR0_PG;
static unsigned long lguest_cr4;	/* what Linux last wrote (see above) */

static unsigned long lguest_read_cr0(void)
{
	return lguest_cr0;
}

static void lguest_write_cr0(unsigned long val)
{
	lguest_cr0 = val & ~X86_CR0_TS;
}

static void lguest_write_cr4(unsigned long val)
{
	lguest_cr4 = val;
}

/* No debug registers, performance counters or MSRs of our own (but see
 * MISC_ENABLE below).
 */
static unsigned long lguest_get_debugreg(int regno)
{
	return 0;
}

static void lguest_set_debugreg(int regno, unsigned long value)
{
}

/* Intel's MISC_ENABLE says whether fast string operations are on; they
 * are (the host's choice), and Linux would otherwise turn its own off.
 */
static u64 lguest_read_msr(unsigned int msr)
{
	return msr == MSR_IA32_MISC_ENABLE ? MSR_IA32_MISC_ENABLE_FAST_STRING : 0;
}

static void lguest_write_msr(unsigned int msr, unsigned int lo, unsigned int hi)
{
}

static u64 lguest_read_msr_safe(unsigned int msr, int *err)
{
	*err = msr == MSR_IA32_MISC_ENABLE ? 0 : -EIO;
	return lguest_read_msr(msr);
}

static int lguest_write_msr_safe(unsigned int msr, unsigned int lo, unsigned int hi)
{
	return -EIO;
}

static u64 lguest_read_pmc(int counter)
{
	return 0;
}

static void lguest_nop(void)
{
}

/*P:220 A descriptor the host takes (its H:300): code and data segments,
 * but no 16-bit data segment, 64-bit or conforming code.  Anything else --
 * the TSS and LDT descriptors, which a ring-1 kernel never loads -- is
 * given to the host as an empty entry.  The host would kill us for them,
 * and user space can ask for a 16-bit TLS segment.
 */
static u64 lguest_desc_value(const struct desc_struct *d)
{
	if (!d->s)
		return 0;
	if (d->type & 8) {		/* code */
		if (d->l || (d->type & 4))
			return 0;
	} else if (!d->d) {		/* 16-bit data */
		return 0;
	}
	return *(const u64 *)d;
}

static void send_gdt_entry(unsigned int i, const struct desc_struct *d)
{
	u64 v = lguest_desc_value(d);

	lguest_async_hcall(LHCALL_LOAD_GDT_ENTRY, i, (u32)v, v >> 32);
}

/*P:230 lgdt: the host holds our entries, LGUEST_GDT_FIRST up; below that
 * the CPU's GDT is the host's own.  They are queued and then flushed,
 * because the caller reloads segment registers right after.
 */
static void lguest_load_gdt(const struct desc_ptr *dtr)
{
	const struct desc_struct *gdt = (const struct desc_struct *)dtr->address;
	unsigned int i, n = min((dtr->size + 1) / 8, GDT_ENTRIES);

	for (i = LGUEST_GDT_FIRST; i < n; i++)
		send_gdt_entry(i, &gdt[i]);
	lguest_flush_async();
}

static void lguest_write_gdt_entry(struct desc_struct *dt, int entry,
				   const void *desc, int type)
{
	native_write_gdt_entry(dt, entry, desc, type);
	if (entry >= LGUEST_GDT_FIRST && entry < GDT_ENTRIES) {
		send_gdt_entry(entry, &dt[entry]);
		lguest_flush_async();
	}
}

/* The three TLS entries change on every switch between threads that use
 * them: one call, and synchronous, because __switch_to reloads %gs next.
 * A CPU keeps using a segment register's old descriptor until it is
 * reloaded; the host reloads them all on every entry, and kills a guest
 * whose register names a descriptor that is gone.  So %gs (the only one
 * that can hold a TLS selector here: the user's %fs is saved on the
 * stack, and __switch_to saved %gs before calling us) is emptied first.
 */
static void lguest_load_tls(struct thread_struct *t, unsigned int cpu)
{
	static u64 tls[GDT_ENTRY_TLS_ENTRIES];
	unsigned int i;

	loadsegment(gs, 0);
	native_load_tls(t, cpu);
	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		tls[i] = lguest_desc_value(&t->tls_array[i]);
	lguest_hcall(LHCALL_LOAD_TLS, __pa(tls), 0, 0);
}

/*P:240 The IDT is the host's to deliver through: each gate goes to it.
 * Only 32-bit interrupt and trap gates mean anything to the host; the
 * double fault's task gate (a TSS switch) cannot exist at ring 1, and a
 * double fault kills the guest instead.
 */
static void send_idt_entry(unsigned int vector, const gate_desc *g)
{
	u32 lo = ((const u32 *)g)[0], hi = ((const u32 *)g)[1];

	if (g->bits.p && g->bits.type != GATE_INTERRUPT && g->bits.type != GATE_TRAP)
		lo = hi = 0;
	lguest_async_hcall(LHCALL_LOAD_IDT_ENTRY, vector, lo, hi);
}

static void lguest_load_idt(const struct desc_ptr *dtr)
{
	const gate_desc *idt = (const gate_desc *)dtr->address;
	unsigned int v, n = min((dtr->size + 1) / 8, IDT_ENTRIES);

	for (v = 0; v < n; v++)
		send_idt_entry(v, &idt[v]);
	lguest_flush_async();
}

/* Linux writes only its one IDT, so every write goes to the host. */
static void lguest_write_idt_entry(gate_desc *dt, int entry, const gate_desc *g)
{
	native_write_idt_entry(dt, entry, g);
	send_idt_entry(entry, g);
	lguest_flush_async();
}

/*P:250 The stack traps from user mode land on: Linux points it at its
 * per-CPU entry stack once, and copies each frame to the task's stack
 * itself (entry_32.S), so this is a boot-time call.  The entry code also
 * reads sp0 back from the TSS in memory, on its way out to user mode.
 */
static void lguest_load_sp0(unsigned long sp0)
{
	this_cpu_write(cpu_tss_rw.x86_tss.sp0, sp0);
	lguest_hcall(LHCALL_SET_STACK, __KERNEL_DS | 1, sp0, 0);
}

static unsigned long lguest_store_tr(void)
{
	return GDT_ENTRY_TSS * 8;
}

/*P:260 Linux's code and data segments, before anything reloads a segment
 * register: the host started us on its own boot segments (entries
 * LGUEST_GDT_FIRST and the next), which Linux's GDT leaves empty, so we
 * move onto Linux's kernel CS and DS, from the same GDT Linux boots with.
 * SS must carry our real privilege level; the other registers don't.
 */
void __init lguest_load_boot_segments(void)
{
	const struct desc_struct *gdt = get_cpu_gdt_rw(0);

	send_gdt_entry(GDT_ENTRY_KERNEL_CS, &gdt[GDT_ENTRY_KERNEL_CS]);
	send_gdt_entry(GDT_ENTRY_KERNEL_DS, &gdt[GDT_ENTRY_KERNEL_DS]);
	send_gdt_entry(GDT_ENTRY_DEFAULT_USER_DS, &gdt[GDT_ENTRY_DEFAULT_USER_DS]);
	lguest_flush_async();
	asm volatile("ljmp %0, $1f\n"
		     "1:\n"
		     "movl %1, %%ss\n"
		     "movl %2, %%ds\n"
		     "movl %2, %%es\n"
		     : : "i" (__KERNEL_CS), "r" (__KERNEL_DS | 1), "r" (__USER_DS)
		     : "memory");
}

void __init lguest_init_cpu_ops(void)
{
	pv_ops.cpu.cpuid = lguest_cpuid;
	pv_ops.cpu.read_cr0 = lguest_read_cr0;
	pv_ops.cpu.write_cr0 = lguest_write_cr0;
	pv_ops.cpu.write_cr4 = lguest_write_cr4;
	pv_ops.cpu.get_debugreg = lguest_get_debugreg;
	pv_ops.cpu.set_debugreg = lguest_set_debugreg;
	pv_ops.cpu.read_msr = lguest_read_msr;
	pv_ops.cpu.write_msr = lguest_write_msr;
	pv_ops.cpu.read_msr_safe = lguest_read_msr_safe;
	pv_ops.cpu.write_msr_safe = lguest_write_msr_safe;
	pv_ops.cpu.read_pmc = lguest_read_pmc;
	pv_ops.cpu.load_gdt = lguest_load_gdt;
	pv_ops.cpu.write_gdt_entry = lguest_write_gdt_entry;
	pv_ops.cpu.load_tls = lguest_load_tls;
	pv_ops.cpu.load_idt = lguest_load_idt;
	pv_ops.cpu.write_idt_entry = lguest_write_idt_entry;
	pv_ops.cpu.load_sp0 = lguest_load_sp0;
	pv_ops.cpu.load_tr_desc = lguest_nop;
	pv_ops.cpu.set_ldt = (void *)lguest_nop;
	pv_ops.cpu.store_tr = lguest_store_tr;
	pv_ops.cpu.wbinvd = lguest_nop;
	pv_ops.cpu.io_delay = lguest_nop;
}
