// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's FPU: its whole extended state, kept with the kernel's own
 * guest-FPU API, the one KVM uses.
 */
#include <linux/lockdep.h>
#include <linux/thread_info.h>
#include <asm/fpu/api.h>
#include "lg.h"

/*H:125 The guest overwrites every register it can reach, and a
 * compatibility-mode guest reaches more than x87 and SSE: the upper halves
 * of ymm0-7 (and the AVX-512 opmask and ZMM state where XCR0 enables it).
 * So each guest owns a guest fpstate from the kernel, sized for every
 * component XCR0 enables and starting as a reset FPU (FCW 0x37f, MXCSR
 * 0x1f80, every register zero).
 *
 * For the length of a read() that fpstate *is* the task's FPU state: it
 * is swapped in before the run loop and out at the end, as KVM does around
 * KVM_RUN.  From then on the kernel does the rest: a context switch, or a
 * kernel_fpu_begin() in an interrupt, saves the registers into the guest's
 * fpstate (all of them, with XSAVE where the CPU has it) and sets
 * TIF_NEED_FPU_LOAD;
 * before each world switch, with interrupts off so nothing can take the
 * registers again, we load the guest's state back if that flag says they
 * were taken.  Nothing another task left in the registers can survive
 * that XRSTOR, and the guest's own state is never lost.  The Launcher's
 * state is back in the registers when read() returns.
 *
 * PKRU is not part of this: the swap and the reload leave it alone (the
 * kernel keeps the task's PKRU in the register itself), and the run loop
 * writes the guest's PKRU only while interrupts are off (H:130).
 */
int lg_fpu_init(struct lg_vcpu *v)
{
	return fpu_alloc_guest_fpstate(&v->fpu) ? 0 : -ENOMEM;
}

void lg_fpu_free(struct lg_vcpu *v)
{
	fpu_free_guest_fpstate(&v->fpu);
}

/* Around the run loop of one read(), in the Launcher's task. */
void lg_fpu_enter(struct lg_vcpu *v)
{
	fpu_swap_kvm_fpstate(&v->fpu, true);
}

void lg_fpu_exit(struct lg_vcpu *v)
{
	fpu_swap_kvm_fpstate(&v->fpu, false);
}

/* Interrupts off, just before the switch: make the registers the guest's
 * again if the host took them since the last exit.
 */
void lg_fpu_before_switch(struct lg_vcpu *v)
{
	lockdep_assert_irqs_disabled();
	fpregs_assert_state_consistent();
	if (test_thread_flag(TIF_NEED_FPU_LOAD))
		switch_fpu_return();
}
