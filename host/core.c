// SPDX-License-Identifier: GPL-2.0
/*
 * lg.ko: module start, the run loop, and the one checked path to guest
 * memory.
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include <asm/irq_vectors.h>
#include <asm/mce.h>
#include "lg.h"

static int abi_revision = LGUEST_ABI_REVISION;
module_param(abi_revision, int, 0444);
MODULE_PARM_DESC(abi_revision, "the lguest ABI revision this module speaks (read-only)");

/* NMIs and machine checks handed back to the host: read-only counters
 * the tests watch.
 */
static atomic_t lg_nmis = ATOMIC_INIT(0);
static atomic_t lg_mces = ATOMIC_INIT(0);

static int get_counter(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read((atomic_t *)kp->arg));
}

static const struct kernel_param_ops counter_ops = { .get = get_counter };
module_param_cb(nmis, &counter_ops, &lg_nmis, 0444);
MODULE_PARM_DESC(nmis, "NMIs that arrived while a guest ran and were re-raised for the host");
module_param_cb(mces, &counter_ops, &lg_mces, 0444);
MODULE_PARM_DESC(mces, "machine checks that arrived while a guest ran, handed to the host");

static void forward_nmi(void)
{
	atomic_inc(&lg_nmis);
	asm volatile("int $2");
}

/*H:100 A misbehaving guest is killed, never the host: the first reason is
 * kept for the Launcher to print, and the guest never runs again.
 */
void kill_guest(struct lguest *g, enum lguest_kill code, const char *fmt, ...)
{
	va_list ap;

	if (g->dead)
		return;
	va_start(ap, fmt);
	vsnprintf(g->reason, sizeof(g->reason), fmt, ap);
	va_end(ap);
	g->death.kind = LGUEST_EV_CRASH;
	g->death.status = code;
	g->dead = true;
}

/*H:110 Guest memory is the Launcher's memory: guest-physical p lives at
 * Launcher address mem_base + p.  Every access the host makes goes through
 * the two helpers below, which check bounds (in 64 bits, so gpa + len
 * cannot wrap) and copy with the user-access primitives, so a hostile
 * Launcher that unmaps the memory gets -EFAULT, not an oops.  They only
 * work in the address space that created the guest (D:120).
 */
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
	if (!lg_gpa_ok(g, gpa, len) || current->mm != g->mm ||
	    copy_from_user(dst, guest_ptr(g, gpa), len)) {
		memset(dst, 0, len);
		kill_guest(g, LGUEST_KILL_BAD_MEMORY,
			   "bad guest memory read: %u bytes at %#x", len, gpa);
		return -EFAULT;
	}
	return 0;
}

int lg_write_guest(struct lguest *g, u32 gpa, const void *src, u32 len)
{
	if (!lg_gpa_ok(g, gpa, len) || current->mm != g->mm ||
	    copy_to_user(guest_ptr(g, gpa), src, len)) {
		kill_guest(g, LGUEST_KILL_BAD_MEMORY,
			   "bad guest memory write: %u bytes at %#x", len, gpa);
		return -EFAULT;
	}
	return 0;
}

/* Pin the Launcher's page behind guest-physical page gpa (checked to lie
 * in guest memory by the caller), for as long as the host points at it;
 * unpin_user_page() lets it go.  A page the Launcher no longer maps kills
 * the guest.
 */
struct page *lg_pin_page(struct lguest *g, u32 gpa)
{
	struct page *page;

	if (pin_user_pages_fast(g->mem_base + gpa, 1, FOLL_WRITE | FOLL_LONGTERM,
				&page) != 1) {
		kill_guest(g, LGUEST_KILL_BAD_MEMORY,
			   "guest memory at %#x is no longer mapped by the Launcher", gpa);
		return NULL;
	}
	return page;
}

/*H:115 One page of guest memory is the host's to touch directly: the
 * page holding struct lguest_data, which the host reads on every entry
 * and the switcher writes in the middle of an in-world system call.  It
 * is pinned at LHCALL_INIT (checked there to lie within one page of guest
 * memory) and reached through the kernel's direct map from then on, so a
 * Launcher that unmaps it changes nothing: the pin keeps the page.
 */
int lg_pin_data(struct lguest *g, u32 gpa)
{
	struct page *page;

	page = lg_pin_page(g, gpa & PAGE_MASK);
	if (!page)
		return -EFAULT;
	g->data_page = page;
	g->data = page_address(page) + (gpa & ~PAGE_MASK);
	return 0;
}

void lg_unpin_data(struct lguest *g)
{
	if (g->data_page)
		unpin_user_page(g->data_page);
	g->data_page = NULL;
	g->data = NULL;
}

/* A machine check that hit while the guest ran is the host's to handle,
 * as if it had interrupted the Launcher in user mode: the guest is that
 * task's user-mode work, so "user context" is what the host's policy
 * should see (it may then kill the task, never the guest's host).
 */
static void forward_machine_check(const struct lg_regs *r)
{
	struct pt_regs regs = {
		.ip = r->rip,
		.cs = 3,
		.flags = X86_EFLAGS_IF,
	};

	atomic_inc(&lg_mces);
	if (IS_ENABLED(CONFIG_X86_MCE))
		do_machine_check(&regs);
}

/*H:140 The host's own business, done as soon as the host is whole and
 * before interrupts come back on: an interrupt that arrived in the guest
 * goes to the host's handler, an NMI is raised again for the host, a
 * machine check goes to the host's machine-check handling.  Returns true
 * if the exit is the guest's to handle.
 */
static bool host_exit_work(struct lguest *g, struct lg_cpu *c)
{
	unsigned int vector = c->regs.trapnum;
	bool guest_trap = true;

	if (c->switcher_fault == 1 + X86_TRAP_MC) {
		/* A machine check in the switcher itself: the host's to
		 * handle all the same (it is not the guest's doing), but the
		 * half-done switch cannot be resumed, so the guest ends.
		 */
		forward_machine_check(&c->regs);
		kill_guest(g, LGUEST_KILL_MACHINE_CHECK,
			   "machine check while switching worlds");
		guest_trap = false;
	} else if (c->switcher_fault) {
		/* An offset, not an address: no kernel pointers to userspace. */
		kill_guest(g, LGUEST_KILL_SWITCHER_FAULT,
			   "switcher fault %llu at lg_switch_to_guest%+ld loading guest state",
			   c->switcher_fault - 1,
			   (long)(c->switcher_fault_rip - (unsigned long)lg_switch_to_guest));
		guest_trap = false;
	} else if (vector == X86_TRAP_NMI) {
		forward_nmi();
		guest_trap = false;
	} else if (vector == X86_TRAP_MC) {
		forward_machine_check(&c->regs);
		guest_trap = false;
	} else if (vector == LG_TRAP_NONE) {
		guest_trap = false;
	} else if (vector >= FIRST_EXTERNAL_VECTOR && vector != LGUEST_SYSCALL_VECTOR) {
		lg_forward_host_interrupt(c, vector);
		lg_count(g, LG_STAT_HOST_IRQS);
		guest_trap = false;
	} else if (vector == X86_TRAP_DB) {
		/* The guest's single-step or int1 left status bits in DR6;
		 * the host expects it in its reset state between its own #DBs.
		 */
		set_debugreg(DR6_RESERVED, 6);
	}
	if (c->nmi_pending)
		forward_nmi();
	if (c->mce_pending)
		forward_machine_check(&c->regs);
	return guest_trap;
}

/* The flags the guest is entered with: real IF always on (its own IF is
 * virtual) and IOPL 0, so port I/O faults.  The CPU never lets a ring-1
 * guest change either; this holds it for every value the host writes
 * into the registers itself, too.
 */
static u64 entry_rflags(u64 rflags)
{
	return (rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) |
	       X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

/* What the switcher needs to run "int $0x80" from ring 3 in the guest
 * world (S:250): a gate ring 3 may use, a kernel stack, and no interrupt
 * waiting -- one that is would have been delivered on the slow path's
 * way back in.  (One raised while the guest runs is seen at the next
 * exit, as if it had come a moment later.)
 */
static void prepare_inworld_syscall(struct lg_vcpu *v, struct lg_cpu *c)
{
	const struct lg_idt_entry *gate = &v->idt[LGUEST_SYSCALL_VECTOR];
	struct lguest_data *d = v->lg->data;

	c->sc_count = 0;
	c->sc_ok = d && gate->present && gate->dpl == 3 && v->kstack_ss &&
		   v->kstack_esp >= 20 &&
		   !(READ_ONCE(v->irqs_pending) & ~lg_blocked_irqs(v));
	if (!c->sc_ok)
		return;
	c->sc_eip = gate->handler;
	c->sc_cs = gate->cs;
	c->sc_esp = v->kstack_esp;
	c->sc_ss = v->kstack_ss;
	c->sc_if = gate->trap_gate ? LGUEST_IRQ_ENABLED : 0;
	c->sc_irq_enabled = (unsigned long)&d->irq_enabled;
}

/*H:120 One trip into the guest and back.  Preemption and interrupts are
 * off across the switch: the per-CPU area and the host state saved in it
 * belong to this CPU.  The guest's registers live in struct lg_vcpu and are
 * copied in and out, so a guest can move between CPUs and two guests on one
 * CPU never see each other's.  Its FPU state is the task's own while
 * read() runs it (H:125): we only reload it if the host took the registers
 * since the last exit.
 */
static bool run_guest_once(struct lg_vcpu *v)
{
	struct lguest *g = v->lg;
	struct lg_guarded guarded;
	struct lg_cpu *c;
	bool guest_trap;

	preempt_disable();
	local_irq_disable();
	lg_fpu_before_switch(v);
	c = lg_this_cpu();
	lg_cpu_load_gdt(c, v->gdt);
	c->regs = v->regs;
	c->regs.rflags = entry_rflags(v->regs.rflags);
	c->shadow_cr3 = lg_pgt_cr3(g);
	c->switcher_fault = 0;
	c->nmi_pending = 0;
	c->mce_pending = 0;
	prepare_inworld_syscall(v, c);
	lg_guard_enter(v, &guarded);

	lg_switch_to_guest(c);

	lg_guard_leave(v, &guarded);
	v->regs = c->regs;
	v->cr2 = c->cr2;
	lg_count(g, LG_STAT_EXITS);
	if (c->regs.trapnum < ARRAY_SIZE(g->stats.vector))
		g->stats.vector[c->regs.trapnum]++;
	g->stats.count[LG_STAT_INWORLD_SYSCALLS] += c->sc_count;
	guest_trap = host_exit_work(g, c);
	local_irq_enable();
	preempt_enable();
	return guest_trap;
}

/* A halted guest sleeps until an interrupt it has not blocked is pending
 * (the timer and the Launcher wake this task), or a signal comes.  The
 * mask is read from guest memory first: that may sleep, so it cannot be
 * done once the task state says it is going to sleep.
 */
static void wait_for_interrupt(struct lg_vcpu *v)
{
	lg_count(v->lg, LG_STAT_HALTS);
	for (;;) {
		unsigned long blocked = lg_blocked_irqs(v);

		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(v->irqs_pending) & ~blocked) {
			v->halted = false;
			break;
		}
		if (signal_pending(current) || v->lg->dead)
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
 * dead guest's end is reported on every read from then on.
 */
ssize_t lg_run(struct lg_vcpu *v, char __user *buf, size_t len)
{
	struct lguest *g = v->lg;
	bool trap;

	lg_pgt_sync_host(g);
	while (!g->dead) {
		if (g->console_len)
			return report_console(g, buf);
		if (signal_pending(current))
			return -EINTR;
		if (v->halted) {
			wait_for_interrupt(v);
			continue;
		}
		lg_deliver_interrupts(v);
		if (g->dead)
			break;
		cond_resched();
		trap = run_guest_once(v);
		lg_drain_async(v);
		if (trap)
			lg_handle_trap(v);
	}
	lg_console_stop(g);		/* no Launcher waits to type into it */
	if (g->console_len)
		return report_console(g, buf);
	if (g->death.kind == LGUEST_EV_CRASH)
		return report(g, buf, LGUEST_EV_CRASH, g->reason, strlen(g->reason));
	return report(g, buf, LGUEST_EV_SHUTDOWN, NULL, 0);
}

/*H:010 We need an x86_64 host whose TSS sits where Linux puts it (the
 * switcher borrows that GDT slot, S:120) and an FPU with FXSAVE.
 */
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
	lg_guard_init();		/* preempt notifiers: MSR guards (H:130) */
	lg_stats_init();		/* debugfs: lguest/<guest>/stats */
	err = lg_device_init();		/* /dev/lguest: one open file, one guest */
	if (err) {
		lg_stats_exit();
		lg_guard_exit();
		lg_switcher_exit();
		return err;
	}
	pr_info("lguest: /dev/lguest ready (ABI revision %d)\n", LGUEST_ABI_REVISION);
	return 0;
}

static void __exit lg_exit(void)
{
	lg_device_exit();
	lg_stats_exit();
	lg_guard_exit();
	lg_switcher_exit();
}

module_init(lg_init);
module_exit(lg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lguest-style paravirtualized hypervisor for x86_64 hosts");
MODULE_VERSION(LG_VERSION);
