// SPDX-License-Identifier: GPL-2.0
/*
 * lg.ko: module start, the run loop, and the one checked path to guest
 * memory.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/fpu/api.h>
#include <asm/msr.h>
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include <asm/irq_vectors.h>
#include "lg.h"

static int abi_revision = LGUEST_ABI_REVISION;
module_param(abi_revision, int, 0444);
MODULE_PARM_DESC(abi_revision, "the lguest ABI revision this module speaks (read-only)");

/* NMIs handed back to the host: a read-only counter the tests watch. */
static atomic_t lg_nmis = ATOMIC_INIT(0);

static int get_nmis(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&lg_nmis));
}

static const struct kernel_param_ops nmis_ops = { .get = get_nmis };
module_param_cb(nmis, &nmis_ops, NULL, 0444);
MODULE_PARM_DESC(nmis, "NMIs that arrived while a guest ran and were re-raised for the host");

static void forward_nmi(void)
{
	atomic_inc(&lg_nmis);
	asm volatile("int $2");
}

/*H:100 A misbehaving guest is killed, never the host: the first reason is
 * kept for the Launcher to print, and the guest never runs again. */
void kill_guest(struct lguest *g, const char *fmt, ...)
{
	va_list ap;

	if (g->dead)
		return;
	va_start(ap, fmt);
	vsnprintf(g->reason, sizeof(g->reason), fmt, ap);
	va_end(ap);
	g->death.kind = LGUEST_EV_CRASH;
	g->dead = true;
}

/*H:110 Guest memory is the Launcher's memory: guest-physical p lives at
 * Launcher address mem_base + p.  Every access the host makes goes through
 * the two helpers below, which check bounds (in 64 bits, so gpa + len
 * cannot wrap) and copy with the user-access primitives, so a hostile
 * Launcher that unmaps the memory gets -EFAULT, not an oops.  They only
 * work from the Launcher's task, which is the only one that runs guests. */
bool lg_gpa_ok(const struct lguest *g, u32 gpa, u32 len)
{
	return (u64)gpa + len <= g->mem_size;
}

static void __user *guest_ptr(const struct lguest *g, u32 gpa)
{
	return (void __user *)(g->mem_base + gpa);
}

int lg_read_guest(struct lguest *g, void *dst, u32 gpa, u32 len)
{
	if (!lg_gpa_ok(g, gpa, len) || current != g->tsk ||
	    copy_from_user(dst, guest_ptr(g, gpa), len)) {
		memset(dst, 0, len);
		kill_guest(g, "bad guest memory read: %u bytes at %#x", len, gpa);
		return -EFAULT;
	}
	return 0;
}

int lg_write_guest(struct lguest *g, u32 gpa, const void *src, u32 len)
{
	if (!lg_gpa_ok(g, gpa, len) || current != g->tsk ||
	    copy_to_user(guest_ptr(g, gpa), src, len)) {
		kill_guest(g, "bad guest memory write: %u bytes at %#x", len, gpa);
		return -EFAULT;
	}
	return 0;
}

/* The guest's x87/SSE state, as an FXSAVE image in struct lguest. */
static inline void fpu_restore(const u8 *image)
{
	asm volatile("fxrstor %0" : : "m" (*(const u8 (*)[512])image));
}

static inline void fpu_save(u8 *image)
{
	asm volatile("fxsave %0" : "=m" (*(u8 (*)[512])image));
}

/* Host state the switcher does not save: it is changed in C around it. */
struct guarded_msrs {
	u64 efer, sysenter_cs, s_cet;
	unsigned long dr7;
	u32 pkru;
	bool has_pkru;
};

/*H:130 Invariant 2: SYSCALL and SYSENTER must fault in the guest.  With
 * EFER.SCE set, SYSCALL from compatibility mode enters the host kernel at
 * ring 0 on a guest-chosen stack (AMD); SYSENTER works from any ring with a
 * nonzero SYSENTER_CS (Intel).  Host breakpoints (DR7) could fire on guest
 * addresses, and WRPKRU works in any ring, so the guest keeps a PKRU of its
 * own (it starts as the Launcher's).  The host's kernel IBT (S_CET, 6.12)
 * covers every ring below 3, so the guest's kernel in ring 1 would take #CP
 * at its first indirect branch: it is off while the guest runs. */
static void guard_host_msrs(struct lguest *g, struct guarded_msrs *m)
{
	rdmsrl(MSR_EFER, m->efer);
	wrmsrl(MSR_EFER, m->efer & ~EFER_SCE);
	rdmsrl(MSR_IA32_SYSENTER_CS, m->sysenter_cs);
	wrmsrl(MSR_IA32_SYSENTER_CS, 0);
	get_debugreg(m->dr7, 7);
	if (m->dr7 & DR_GLOBAL_ENABLE_MASK)
		set_debugreg(0, 7);
	if (cpu_feature_enabled(X86_FEATURE_IBT)) {
		rdmsrl(MSR_IA32_S_CET, m->s_cet);
		wrmsrl(MSR_IA32_S_CET, 0);
	}
	m->has_pkru = boot_cpu_has(X86_FEATURE_OSPKE);
	if (m->has_pkru) {
		m->pkru = rdpkru();
		if (g->pkru != m->pkru)
			wrpkru(g->pkru);
	}
}

/* PKRU is written only when guest and host differ: QEMU's TCG flushes its
 * whole TLB on every WRPKRU, which doubled the cost of a hypercall. */
static void restore_host_msrs(struct lguest *g, const struct guarded_msrs *m)
{
	if (m->has_pkru) {
		g->pkru = rdpkru();
		if (g->pkru != m->pkru)
			wrpkru(m->pkru);
	}
	if (cpu_feature_enabled(X86_FEATURE_IBT))
		wrmsrl(MSR_IA32_S_CET, m->s_cet);
	if (m->dr7 & DR_GLOBAL_ENABLE_MASK)
		set_debugreg(m->dr7, 7);
	wrmsrl(MSR_IA32_SYSENTER_CS, m->sysenter_cs);
	wrmsrl(MSR_EFER, m->efer);
}

/*H:140 The host's own business, done as soon as the host is whole and
 * before interrupts come back on: an interrupt that arrived in the guest
 * goes to the host's handler, an NMI is raised again for the host.
 * Returns true if the exit is the guest's to handle. */
static bool host_exit_work(struct lguest *g, struct lg_cpu *c)
{
	unsigned int vector = c->regs.trapnum;
	bool guest_trap = true;

	if (c->switcher_fault) {
		/* An offset, not an address: no kernel pointers to userspace. */
		kill_guest(g, "switcher fault %llu at lg_switch_to_guest%+ld loading guest state",
			   c->switcher_fault - 1,
			   (long)(c->switcher_fault_rip - (unsigned long)lg_switch_to_guest));
		guest_trap = false;
	} else if (vector == X86_TRAP_NMI) {
		forward_nmi();
		guest_trap = false;
	} else if (vector == X86_TRAP_MC) {
		kill_guest(g, "machine check while the guest ran");
		guest_trap = false;
	} else if (vector >= FIRST_EXTERNAL_VECTOR && vector != LGUEST_SYSCALL_VECTOR) {
		lg_forward_host_interrupt(c, vector);
		guest_trap = false;
	} else if (vector == X86_TRAP_DB) {
		/* The guest's single-step or int1 left status bits in DR6;
		 * the host expects it in its reset state between its own #DBs. */
		set_debugreg(DR6_RESERVED, 6);
	}
	if (c->nmi_pending)
		forward_nmi();
	return guest_trap;
}

/* The flags the guest is entered with: real IF always on (its own IF is
 * virtual) and IOPL 0, so port I/O faults.  The CPU never lets a ring-1
 * guest change either; this holds it for every value the host writes
 * into the registers itself, too. */
static u64 entry_rflags(u64 rflags)
{
	return (rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) |
	       X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

/*H:120 One trip into the guest and back.  Preemption and interrupts are
 * off across the switch: the per-CPU area and the host state saved in it
 * belong to this CPU.  The guest's registers and FPU state live in struct
 * lguest and are copied in and out, so a guest can move between CPUs and
 * two guests on one CPU never see each other's.  kernel_fpu_begin() has
 * saved the Launcher's FPU state; the guest's own is restored over it. */
static bool run_guest_once(struct lguest *g)
{
	struct guarded_msrs msrs;
	struct lg_cpu *c;
	bool guest_trap;

	kernel_fpu_begin();
	local_irq_disable();
	c = lg_this_cpu();
	lg_cpu_load_gdt(c, g->gdt);
	c->regs = g->regs;
	c->regs.rflags = entry_rflags(g->regs.rflags);
	c->shadow_cr3 = lg_pgt_cr3(g);
	c->switcher_fault = 0;
	c->nmi_pending = 0;
	guard_host_msrs(g, &msrs);
	fpu_restore(g->fpu);

	lg_switch_to_guest(c);

	fpu_save(g->fpu);
	restore_host_msrs(g, &msrs);
	g->regs = c->regs;
	g->cr2 = c->cr2;
	guest_trap = host_exit_work(g, c);
	local_irq_enable();
	kernel_fpu_end();
	return guest_trap;
}

/* A halted guest sleeps until an interrupt it has not blocked is pending
 * (the timer and the Launcher wake this task), or a signal comes.  The
 * mask is read from guest memory first: that may sleep, so it cannot be
 * done once the task state says it is going to sleep. */
static void wait_for_interrupt(struct lguest *g)
{
	for (;;) {
		unsigned long blocked = lg_blocked_irqs(g);

		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(g->irqs_pending) & ~blocked) {
			g->halted = false;
			break;
		}
		if (signal_pending(current) || g->dead)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static ssize_t report(struct lguest *g, char __user *buf, u32 kind,
		      const void *data, u32 len)
{
	struct lguest_event ev = g->death;

	ev.kind = kind;
	ev.len = len;
	if (copy_to_user(buf, &ev, sizeof(ev)) ||
	    copy_to_user(buf + sizeof(ev), data, len))
		return -EFAULT;
	return sizeof(ev) + len;
}

static ssize_t report_console(struct lguest *g, char __user *buf)
{
	ssize_t ret = report(g, buf, LGUEST_EV_CONSOLE, g->console, g->console_len);

	g->console_len = 0;
	return ret;
}

/*H:150 read() on /dev/lguest: run the guest until the Launcher has
 * something to do.  Console output comes back one hypercall at a time; a
 * dead guest's end is reported on every read from then on. */
ssize_t lg_run(struct lguest *g, char __user *buf, size_t len)
{
	lg_pgt_sync_host(g);
	while (!g->dead) {
		if (g->console_len)
			return report_console(g, buf);
		if (signal_pending(current))
			return -EINTR;
		if (g->halted) {
			wait_for_interrupt(g);
			continue;
		}
		lg_deliver_interrupts(g);
		if (g->dead)
			break;
		cond_resched();
		if (run_guest_once(g))
			lg_handle_trap(g);
	}
	if (g->console_len)
		return report_console(g, buf);
	if (g->death.kind == LGUEST_EV_CRASH)
		return report(g, buf, LGUEST_EV_CRASH, g->reason, strlen(g->reason));
	return report(g, buf, LGUEST_EV_SHUTDOWN, NULL, 0);
}

/*H:010 We need an x86_64 host whose TSS sits where Linux puts it (the
 * switcher borrows that GDT slot, S:120) and an FPU with FXSAVE. */
static int lg_check_host(void)
{
	if (!boot_cpu_has(X86_FEATURE_FXSR)) {
		pr_err("lguest: CPU without FXSAVE\n");
		return -ENODEV;
	}
	if (native_store_tr() != GDT_ENTRY_TSS * 8) {
		pr_err("lguest: host TR %#lx is not at GDT entry %d\n",
		       native_store_tr(), GDT_ENTRY_TSS);
		return -ENODEV;
	}
	return 0;
}

/*H:000 Module start, in order. */
static int __init lg_init(void)
{
	int err;

	err = lg_check_host();		/* a host we know how to switch from */
	if (err)
		return err;
	err = lg_switcher_init();	/* per-CPU stacks, GDT, TSS; the IDT */
	if (err)
		return err;
	err = lg_device_init();		/* /dev/lguest: one open file, one guest */
	if (err) {
		lg_switcher_exit();
		return err;
	}
	pr_info("lguest: /dev/lguest ready (ABI revision %d)\n", LGUEST_ABI_REVISION);
	return 0;
}

static void __exit lg_exit(void)
{
	lg_device_exit();
	lg_switcher_exit();
}

module_init(lg_init);
module_exit(lg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lguest-style paravirtualized hypervisor for x86_64 hosts");
MODULE_VERSION(LG_VERSION);
