// SPDX-License-Identifier: GPL-2.0
/*
 * Host state the switcher does not save, guarded in C around it: the MSRs
 * that would let a guest into the host (EFER.SCE, SYSENTER_CS), host
 * breakpoints, kernel IBT, and the protection-key rights.
 */
#include <linux/preempt.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/debugreg.h>
#include <asm/msr.h>
#include <asm/special_insns.h>
#include "lg.h"

/*H:130 Invariant 2: SYSCALL and SYSENTER must fault in the guest.  With
 * EFER.SCE set, SYSCALL from compatibility mode enters the host kernel at
 * ring 0 on a guest-chosen stack (AMD); SYSENTER works from any ring with a
 * nonzero SYSENTER_CS (Intel).  So while a read() runs the guest, the CPU
 * it runs on has SCE clear and SYSENTER_CS zero.
 *
 * Writing two MSRs both ways on every entry is most of what a hypercall
 * costs on real hardware, so they are guarded once per CPU per read():
 * before the first entry on a CPU, and given back when the task leaves
 * that CPU (a preempt notifier runs on every switch away, so preemption,
 * sleeping and migration all pass through it) or when read() returns.  In
 * between, only this task and interrupt handlers run on that CPU, and
 * neither uses SYSCALL or SYSENTER.  (A user-return notifier would not be
 * safe: another task's kernel code could run on a guarded CPU.)
 */
static void unguard(struct lg_vcpu *v)
{
	u64 efer;

	if (v->guard.cpu < 0)
		return;
	wrmsrl(MSR_IA32_SYSENTER_CS, v->guard.sysenter_cs);
	rdmsrl(MSR_EFER, efer);
	wrmsrl(MSR_EFER, efer | (v->guard.efer & EFER_SCE));
	v->guard.cpu = -1;
}

static void guard_this_cpu(struct lg_vcpu *v)
{
	int cpu = smp_processor_id();

	if (v->guard.cpu == cpu)
		return;
	unguard(v);
	rdmsrl(MSR_EFER, v->guard.efer);
	wrmsrl(MSR_EFER, v->guard.efer & ~EFER_SCE);
	rdmsrl(MSR_IA32_SYSENTER_CS, v->guard.sysenter_cs);
	wrmsrl(MSR_IA32_SYSENTER_CS, 0);
	v->guard.cpu = cpu;
}

static void guard_sched_in(struct preempt_notifier *pn, int cpu)
{
}

static void guard_sched_out(struct preempt_notifier *pn, struct task_struct *next)
{
	unguard(container_of(pn, struct lg_vcpu, guard.pn));
}

static struct preempt_ops guard_ops = {
	.sched_in = guard_sched_in,
	.sched_out = guard_sched_out,
};

void lg_guard_init(void)
{
	preempt_notifier_inc();
}

void lg_guard_exit(void)
{
	preempt_notifier_dec();
}

/* Around the run loop of one read(). */
void lg_guard_begin(struct lg_vcpu *v)
{
	v->guard.cpu = -1;
	preempt_notifier_init(&v->guard.pn, &guard_ops);
	preempt_notifier_register(&v->guard.pn);
}

void lg_guard_end(struct lg_vcpu *v)
{
	preempt_disable();
	unguard(v);
	preempt_notifier_unregister(&v->guard.pn);
	preempt_enable();
}

/*H:135 The rest is guarded around every switch, interrupts off.  Host
 * breakpoints (DR7) could fire on guest addresses: cleared if the host has
 * any armed (its per-CPU shadow says so without reading DR7).  The host's
 * kernel IBT (S_CET) covers every ring below 3, so the guest's kernel in
 * ring 1 would take #CP at its first indirect branch: off while the guest
 * runs.  WRPKRU works in any ring, so the guest keeps a PKRU of its own
 * (it starts as the Launcher's); it is written only when guest and host
 * differ, because QEMU's TCG flushes its whole TLB on every WRPKRU.
 */
void lg_guard_enter(struct lg_vcpu *v, struct lg_guarded *m)
{
	guard_this_cpu(v);
	m->dr7 = 0;
	if (hw_breakpoint_active()) {
		get_debugreg(m->dr7, 7);
		set_debugreg(0, 7);
	}
	if (cpu_feature_enabled(X86_FEATURE_IBT)) {
		rdmsrl(MSR_IA32_S_CET, m->s_cet);
		wrmsrl(MSR_IA32_S_CET, 0);
	}
	m->has_pkru = boot_cpu_has(X86_FEATURE_OSPKE);
	if (m->has_pkru) {
		m->pkru = rdpkru();
		if (v->pkru != m->pkru)
			wrpkru(v->pkru);
	}
}

void lg_guard_leave(struct lg_vcpu *v, const struct lg_guarded *m)
{
	if (m->has_pkru) {
		v->pkru = rdpkru();
		if (v->pkru != m->pkru)
			wrpkru(m->pkru);
	}
	if (cpu_feature_enabled(X86_FEATURE_IBT))
		wrmsrl(MSR_IA32_S_CET, m->s_cet);
	if (m->dr7)
		set_debugreg(m->dr7, 7);
}
