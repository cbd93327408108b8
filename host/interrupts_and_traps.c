// SPDX-License-Identifier: GPL-2.0
/*
 * Traps the guest takes, interrupts it is sent, and its clock.
 *
 * The guest's IDT is virtual: the CPU only ever sees the switcher's.  When
 * the guest traps, the host decides -- a hypercall, a page to map, or a
 * trap to "reflect": build the frame a 32-bit CPU would have pushed on the
 * guest's stack and resume the guest at its own handler.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <asm/trapnr.h>
#include <asm/irq_vectors.h>
#include "lg.h"

/* Vectors for which the CPU pushes an error code. */
static bool has_error_code(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DF: case X86_TRAP_TS: case X86_TRAP_NP: case X86_TRAP_SS:
	case X86_TRAP_GP: case X86_TRAP_PF: case X86_TRAP_AC: case X86_TRAP_CP:
	case X86_TRAP_VC: case 30:
		return true;
	default:
		return false;
	}
}

/* The guest-written head of lguest_data the host reads before each entry
 * (irq_enabled .. noirq_end), straight into the ABI structure. */
static bool read_irq_view(struct lguest *g, struct lguest_data *v)
{
	if (!g->lguest_data)
		return false;
	return lg_read_guest(g, v, g->lguest_data,
			     offsetof(struct lguest_data, boot_time_ns)) == 0;
}

static void write_data_u32(struct lguest *g, size_t offset, u32 val)
{
	if (g->lguest_data)
		lg_write_guest(g, g->lguest_data + offset, &val, sizeof(val));
}

/* Copy to or from guest-virtual memory, a page at a time through the
 * tables.  False if any of it is outside the guest's memory. */
static bool copy_guest_virt(struct lguest *g, u32 vaddr, void *buf, u32 len, bool write)
{
	while (len) {
		u32 chunk = min_t(u32, len, PAGE_SIZE - (vaddr & ~PAGE_MASK));
		u32 gpa;

		if (!lg_gva_to_gpa(g, vaddr, &gpa))
			return false;
		if (write ? lg_write_guest(g, gpa, buf, chunk) : lg_read_guest(g, buf, gpa, chunk))
			return false;
		vaddr += chunk;
		buf += chunk;
		len -= chunk;
	}
	return true;
}

/*H:500 Reflecting a trap is what the CPU would do for a 32-bit kernel:
 * coming from ring 3 it switches to the ring-1 stack the guest set with
 * LHCALL_SET_STACK and pushes the old SS:ESP; then EFLAGS, CS, EIP and any
 * error code.  The EFLAGS it pushes carries the *virtual* IF (real IF is
 * always on in the guest), and an interrupt gate clears the virtual IF, as
 * the real one would.  Returns false, with the guest killed, if the frame
 * cannot be written. */
static bool push_trap_frame(struct lguest *g, unsigned int vector, bool err, u32 errcode)
{
	const struct lg_idt_entry *gate = &g->idt[vector];
	struct lg_regs *r = &g->regs;
	bool from_user = (r->cs & 3) == 3;
	u32 frame[6], n = 0, sp, ss, eflags, irq_enabled = 0;

	if (g->lguest_data)
		lg_read_guest(g, &irq_enabled, g->lguest_data, sizeof(irq_enabled));
	eflags = (r->rflags & ~X86_EFLAGS_IF) | (irq_enabled & X86_EFLAGS_IF);

	if (err)
		frame[n++] = errcode;
	frame[n++] = r->rip;
	frame[n++] = r->cs;
	frame[n++] = eflags;
	if (from_user) {
		frame[n++] = r->rsp;
		frame[n++] = r->ss;
		sp = g->kstack_esp;
		ss = g->kstack_ss;
		if (!ss) {
			kill_guest(g, "trap %u from ring 3 before LHCALL_SET_STACK", vector);
			return false;
		}
	} else {
		sp = r->rsp;
		ss = r->ss;
	}
	if (sp < n * 4 || !copy_guest_virt(g, sp - n * 4, frame, n * 4, true)) {
		kill_guest(g, "cannot push frame for trap %u: bad stack %#x", vector, sp);
		return false;
	}
	r->rsp = sp - n * 4;
	r->ss = ss;
	r->cs = gate->cs;
	r->rip = gate->handler;
	r->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM);
	if (!gate->trap_gate)
		write_data_u32(g, offsetof(struct lguest_data, irq_enabled), 0);
	return true;
}

static void dump_regs(const struct lguest *g, char *buf, size_t len)
{
	const struct lg_regs *r = &g->regs;

	snprintf(buf, len,
		 "eip %04llx:%08llx eflags %08llx eax %08llx ebx %08llx ecx %08llx "
		 "edx %08llx esi %08llx edi %08llx ebp %08llx esp %04llx:%08llx",
		 r->cs, r->rip, r->rflags, r->rax & 0xffffffff, r->rbx & 0xffffffff,
		 r->rcx & 0xffffffff, r->rdx & 0xffffffff, r->rsi & 0xffffffff,
		 r->rdi & 0xffffffff, r->rbp & 0xffffffff, r->ss, r->rsp & 0xffffffff);
}

/* A trap with no guest handler is the guest's crash, reported in full. */
static void reflect_trap(struct lguest *g, unsigned int vector, u32 errcode)
{
	char regs[200];

	if (!g->idt[vector].present) {
		dump_regs(g, regs, sizeof(regs));
		kill_guest(g, "unhandled trap %u (error code %#x, cr2 %#x): %s",
			   vector, errcode, g->cr2, regs);
		return;
	}
	push_trap_frame(g, vector, has_error_code(vector), errcode);
}

/* How long was the software interrupt that ended just before rip?
 * int3 (cc) and into (ce) are one byte, int n (cd nn) two; the byte just
 * before rip tells them apart, since "cd 03" ends in 03, not cc. */
static u32 soft_int_length(struct lguest *g, unsigned int vector)
{
	u32 rip = g->regs.rip;
	u8 last = 0;

	if (rip && copy_guest_virt(g, rip - 1, &last, 1, false) &&
	    ((vector == X86_TRAP_BP && last == 0xcc) ||
	     (vector == X86_TRAP_OF && last == 0xce)))
		return 1;
	return 2;
}

/* "int n" must respect the DPL of the guest's own gate, as the CPU would:
 * if the caller's ring may not use it, the guest gets the #GP it would
 * get -- a fault, so reported at the int instruction, not after it. */
static void reflect_soft_interrupt(struct lguest *g, unsigned int vector)
{
	if ((g->regs.cs & 3) > g->idt[vector].dpl) {
		g->regs.rip -= soft_int_length(g, vector);
		reflect_trap(g, X86_TRAP_GP, vector * 8 + 2);
	} else {
		reflect_trap(g, vector, 0);
	}
}

/*H:510 After every exit (host interrupts and NMIs already handed back to
 * the host by core.c), one decision per trap. */
void lg_handle_trap(struct lguest *g)
{
	unsigned int vector = g->regs.trapnum;
	u32 errcode = g->regs.errcode;

	switch (vector) {
	case LGUEST_HCALL_VECTOR:
		lg_do_hypercall(g);
		break;
	case X86_TRAP_PF:
		if (lg_demand_fault(g, g->cr2))
			break;
		write_data_u32(g, offsetof(struct lguest_data, cr2), g->cr2);
		reflect_trap(g, vector, errcode);
		break;
	case X86_TRAP_BP:
	case X86_TRAP_OF:
	case LGUEST_SYSCALL_VECTOR:
		reflect_soft_interrupt(g, vector);
		break;
	case X86_TRAP_DF:
		kill_guest(g, "double fault");
		break;
	default:
		if (vector < FIRST_EXTERNAL_VECTOR)
			reflect_trap(g, vector, errcode);
		else
			kill_guest(g, "unexpected vector %u", vector);
	}
}

/*H:520 Before every entry: if an interrupt is pending, not blocked, the
 * virtual IF is on and the guest is not in its "no interrupts" window,
 * deliver one by reflecting it through IDT entry 32 + irq.  Otherwise tell
 * the guest something is waiting, so its "enable interrupts" path knows to
 * make a hypercall. */
void lg_deliver_interrupts(struct lguest *g)
{
	struct lguest_data v;
	unsigned long pending;
	unsigned int irq;
	u32 eip = g->regs.rip;

	if (!read_irq_view(g, &v))
		return;
	pending = READ_ONCE(g->irqs_pending) & ~(unsigned long)v.blocked_irqs;
	if (!pending) {
		if (v.irq_pending)
			write_data_u32(g, offsetof(struct lguest_data, irq_pending), 0);
		return;
	}
	if (!(v.irq_enabled & LGUEST_IRQ_ENABLED) ||
	    (eip >= v.noirq_start && eip < v.noirq_end)) {
		if (!v.irq_pending)
			write_data_u32(g, offsetof(struct lguest_data, irq_pending), 1);
		return;
	}
	irq = __ffs(pending);
	clear_bit(irq, &g->irqs_pending);
	if (!g->idt[LGUEST_IRQ_BASE + irq].present) {
		kill_guest(g, "interrupt %u with no handler in the guest IDT", irq);
		return;
	}
	push_trap_frame(g, LGUEST_IRQ_BASE + irq, false, 0);
	write_data_u32(g, offsetof(struct lguest_data, irq_pending),
		       (g->irqs_pending & ~(unsigned long)v.blocked_irqs) != 0);
}

/* The guest's blocked-IRQ mask (none before LHCALL_INIT). */
unsigned long lg_blocked_irqs(struct lguest *g)
{
	struct lguest_data v = { 0 };

	read_irq_view(g, &v);
	return v.blocked_irqs;
}

/*H:530 Loading an IDT entry: a 32-bit interrupt or trap gate into the
 * guest's own ring-1 code.  The entry is only ever read by the host when
 * it reflects a trap, but a bad one is a guest bug worth stopping at. */
int lg_load_idt_entry(struct lguest *g, u32 vector, u32 lo, u32 hi)
{
	struct lg_idt_entry *e = &g->idt[vector];
	u32 type = (hi >> 8) & 0x1f;	/* S bit and type */
	u32 sel = lo >> 16;

	if (!(hi & 0x8000)) {
		memset(e, 0, sizeof(*e));
		return 0;
	}
	if (type != 0xe && type != 0xf) {
		kill_guest(g, "IDT entry %u: type %#x is not a 32-bit interrupt or trap gate",
			   vector, type);
		return -EINVAL;
	}
	if (!lg_selector_is_guest_kernel((sel & ~3) | 1)) {
		kill_guest(g, "IDT entry %u: selector %#x is not guest kernel code", vector, sel);
		return -EINVAL;
	}
	e->handler = (hi & 0xffff0000) | (lo & 0xffff);
	e->cs = (sel & ~3) | 1;
	e->trap_gate = type == 0xf;
	/* DPL 0 means "the kernel's": the guest kernel lives in ring 1. */
	e->dpl = max_t(u8, (hi >> 13) & 3, 1);
	e->present = true;
	return 0;
}

/*H:540 The guest's clock: a one-shot hrtimer that raises guest IRQ 0 and
 * wakes the Launcher's task if the guest is halted. */
static enum hrtimer_restart clockevent_fired(struct hrtimer *t)
{
	struct lguest *g = container_of(t, struct lguest, timer);

	set_bit(LGUEST_TIMER_IRQ, &g->irqs_pending);
	wake_up_process(g->tsk);
	return HRTIMER_NORESTART;
}

void lg_timer_init(struct lguest *g)
{
	hrtimer_init(&g->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	g->timer.function = clockevent_fired;
}

void lg_set_clockevent(struct lguest *g, u32 ns)
{
	if (!ns) {
		hrtimer_try_to_cancel(&g->timer);
		return;
	}
	ns = max_t(u32, ns, LGUEST_MIN_CLOCKEVENT_NS);
	hrtimer_start(&g->timer, ns_to_ktime(ns), HRTIMER_MODE_REL);
}

void lg_timer_stop(struct lguest *g)
{
	hrtimer_cancel(&g->timer);
}
