// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT and trap dispatch.  Gates are ordinary 32-bit interrupt gates,
 * installed through pv.load_idt_entry (lidt'd table natively, a
 * hypercall per gate under lguest).  Interrupt gates clear (virtual) IF
 * on entry; the return path in traps.S puts it back from the frame.
 */
#include <stddef.h>
#include <lguest/abi.h>
#include <x86/desc.h>
#include "console.h"
#include "extable.h"
#include "platform.h"
#include "proc.h"
#include "traps.h"
#include "uapi.h"
#include "x86.h"

_Static_assert(sizeof(struct trap_frame) == 19 * 4, "trap_frame layout");
_Static_assert(offsetof(struct trap_frame, vector) == 12 * 4,
	       "traps.S pushes 4 segments and pushal before the vector");

static irq_handler_t irq_handlers[NR_IRQS];

static struct {
	volatile int taken;
	struct fault_info info;
} last_fault;

extern const struct extable_entry __extable_start[], __extable_end[];

static const char *const trap_names[32] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "RSV",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
};

const char *trap_name(uint32_t vector)
{
	if (vector < 32 && trap_names[vector])
		return trap_names[vector];
	return vector < IRQ_BASE ? "reserved" : "irq";
}

void idt_set_gate(uint32_t vector, uint32_t handler, uint32_t dpl, int trap)
{
	uint32_t type = trap ? X86_GATE_TRAP32 : X86_GATE_INTR32;
	uint32_t lo = (handler & 0xffffu) | ((uint32_t)pv.kernel_cs << 16);
	uint32_t hi = (handler & 0xffff0000u) | X86_DESC_P |
		      (dpl << X86_DESC_DPL_SHIFT) | (type << X86_GATE_TYPE_SHIFT);

	pv.load_idt_entry(vector, lo, hi);
}

/* An all-zero gate: not present, so the vector has no handler. */
void idt_clear_gate(uint32_t vector)
{
	pv.load_idt_entry(vector, 0, 0);
}

/*G:330 The IDT: interrupt gates for the exceptions and IRQs, reachable
 * from ring 3 only where Linux makes them so: #BP and #OF (int3, into)
 * and the system call, a trap gate, so a system call runs with
 * interrupts on.  Under lguest a gate of DPL 0 means "the kernel's": the
 * host counts it as ring 1. */
void traps_init(void)
{
	uint32_t v;

	for (v = 0; v < IRQ_BASE + NR_IRQS; v++)
		idt_set_gate(v, trap_stubs[v], 0, 0);
	idt_set_gate(X86_TRAP_BP, trap_stubs[X86_TRAP_BP], 3, 0);
	idt_set_gate(X86_TRAP_OF, trap_stubs[X86_TRAP_OF], 3, 0);
	idt_set_gate(SYS_VECTOR, trap_stubs[SYS_VECTOR], 3, 1);
}

void irq_register(uint32_t irq, irq_handler_t fn)
{
	if (irq < NR_IRQS)
		irq_handlers[irq] = fn;
}

void fault_clear(void)
{
	last_fault.taken = 0;
}

int fault_taken(struct fault_info *out)
{
	if (last_fault.taken && out)
		*out = last_fault.info;
	return last_fault.taken;
}

/* A few hundred entries at most: a linear search is fast enough. */
const struct extable_entry *extable_find(uint32_t eip)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++)
		if (e->fault == eip)
			return e;
	return NULL;
}

/*G:320 An expected fault: the exception table lists the instruction, so
 * note what happened and resume at its fixup.  This is how the tests
 * survive faults they cause on purpose, in the kernel and in ring 3
 * alike.  A far jump may have landed in another code segment before
 * faulting: the fixup runs on the ring's own one. */
int extable_fixup(struct trap_frame *f)
{
	const struct extable_entry *e = extable_find(f->eip);
	struct fault_info *fi = &last_fault.info;

	if (!e)
		return 0;
	fi->vector = f->vector;
	fi->error = f->error;
	fi->eip = f->eip;
	fi->cs = f->cs;
	fi->cr2 = f->vector == X86_TRAP_PF ? pv.fault_address() : 0;
	fi->fixup = e->fixup;
	last_fault.taken = 1;
	f->eip = e->fixup;
	f->cs = from_user(f) ? USER_CS : pv.kernel_cs;
	f->eflags &= ~X86_EFLAGS_TF;	/* no more single-stepping */
	return 1;
}

static __noreturn void die(const struct trap_frame *f)
{
	char msg[96];

	kprintf("unhandled trap %u (%s) error %x at %x:%x eflags %x\n",
		f->vector, trap_name(f->vector), f->error, f->cs, f->eip,
		f->eflags);
	kprintf("eax %x ebx %x ecx %x edx %x esi %x edi %x ebp %x\n",
		f->eax, f->ebx, f->ecx, f->edx, f->esi, f->edi, f->ebp);
	if (f->vector == X86_TRAP_PF)
		kprintf("fault address %x\n", pv.fault_address());
	ksnprintf(msg, sizeof(msg), "unhandled trap %u (%s) at %x",
		  f->vector, trap_name(f->vector), f->eip);
	pv.crash(msg);
}

void handle_irq(uint32_t irq)
{
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
	pv.end_irq(irq);
}

void trap_dispatch(struct trap_frame *f)
{
	if (from_user(f))
		user_trap(f);
	else if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + NR_IRQS)
		handle_irq(f->vector - IRQ_BASE);
	else if (f->vector >= IRQ_BASE || !extable_fixup(f))
		die(f);
}
