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
#include <x86/desc.h>
#include <x86/vectors.h>
#include "lg.h"
#include "desc_check.h"

/* The head of lguest_data (irq_enabled .. noirq_end), read on every entry
 * from the pinned page (H:115).
 */
static bool read_irq_view(struct lguest *g, struct lguest_data *d)
{
	if (!g->data)
		return false;
	memcpy(d, g->data, offsetof(struct lguest_data, kernel_address));
	barrier();
	return true;
}

static void write_data_u32(struct lguest *g, size_t offset, u32 val)
{
	if (g->data)
		WRITE_ONCE(*(u32 *)((u8 *)g->data + offset), val);
}

/* Copy to or from guest-virtual memory, a page at a time through the
 * tables.  False if any of it is outside the guest's memory.
 */
bool lg_copy_guest_virt(struct lg_vcpu *v, u32 vaddr, void *buf, u32 len, bool write)
{
	struct lguest *g = v->lg;

	while (len) {
		u32 chunk = min_t(u32, len, PAGE_SIZE - (vaddr & ~PAGE_MASK));
		u32 gpa;

		if (!lg_gva_to_gpa(v, vaddr, &gpa))
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
 * cannot be written.
 */
static bool push_trap_frame(struct lg_vcpu *v, unsigned int vector, bool err, u32 errcode)
{
	struct lguest *g = v->lg;
	const struct lg_idt_entry *gate = &v->idt[vector];
	struct lg_regs *r = &v->regs;
	bool from_user = (r->cs & 3) == 3;
	u32 frame[6], n = 0, sp, ss, eflags, irq_enabled = 0;

	if (g->data && !from_user)
		irq_enabled = READ_ONCE(g->data->irq_enabled);
	else if (from_user)
		irq_enabled = LGUEST_IRQ_ENABLED;	/* ring 3 cannot turn it off */
	eflags = (r->rflags & ~X86_EFLAGS_IF) | (irq_enabled & X86_EFLAGS_IF);

	if (err)
		frame[n++] = errcode;
	frame[n++] = r->rip;
	frame[n++] = r->cs;
	frame[n++] = eflags;
	if (from_user) {
		frame[n++] = r->rsp;
		frame[n++] = r->ss;
		sp = v->kstack_esp;
		ss = v->kstack_ss;
		if (!ss) {
			kill_guest(g, LGUEST_KILL_BAD_STACK,
				   "trap %u from ring 3 before LHCALL_SET_STACK", vector);
			return false;
		}
	} else {
		sp = r->rsp;
		ss = r->ss;
	}
	if (sp < n * 4 || !lg_copy_guest_virt(v, sp - n * 4, frame, n * 4, true)) {
		kill_guest(g, LGUEST_KILL_BAD_STACK,
			   "cannot push frame for trap %u: bad stack %#x", vector, sp);
		return false;
	}
	r->rsp = sp - n * 4;
	r->ss = ss;
	r->cs = gate->cs;
	r->rip = gate->handler;
	r->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM);
	lg_count(g, LG_STAT_REFLECTED);
	if (!gate->trap_gate || from_user)
		write_data_u32(g, offsetof(struct lguest_data, irq_enabled),
			       gate->trap_gate ? LGUEST_IRQ_ENABLED : 0);
	return true;
}

static void dump_regs(const struct lg_vcpu *v, char *buf, size_t len)
{
	const struct lg_regs *r = &v->regs;

	snprintf(buf, len,
		 "eip %04llx:%08llx eflags %08llx eax %08llx ebx %08llx ecx %08llx edx %08llx esi %08llx edi %08llx ebp %08llx esp %04llx:%08llx",
		 r->cs, r->rip, r->rflags, r->rax & 0xffffffff, r->rbx & 0xffffffff,
		 r->rcx & 0xffffffff, r->rdx & 0xffffffff, r->rsi & 0xffffffff,
		 r->rdi & 0xffffffff, r->rbp & 0xffffffff, r->ss, r->rsp & 0xffffffff);
}

/* A trap with no guest handler is the guest's crash, reported in full. */
static void reflect_trap(struct lg_vcpu *v, unsigned int vector, u32 errcode)
{
	char regs[200];

	if (!v->idt[vector].present) {
		dump_regs(v, regs, sizeof(regs));
		kill_guest(v->lg, LGUEST_KILL_UNHANDLED_TRAP,
			   "unhandled trap %u (error code %#x, cr2 %#x): %s",
			   vector, errcode, v->cr2, regs);
		return;
	}
	push_trap_frame(v, vector, X86_HAS_ERRCODE(vector), errcode);
}

/* How long was the software interrupt that ended just before rip?
 * int3 (cc) and into (ce) are one byte, int n (cd nn) two; the byte just
 * before rip tells them apart, since "cd 03" ends in 03, not cc.
 */
static u32 soft_int_length(struct lg_vcpu *v, unsigned int vector)
{
	u32 rip = v->regs.rip;
	u8 last = 0;

	if (rip && lg_copy_guest_virt(v, rip - 1, &last, 1, false) &&
	    ((vector == X86_TRAP_BP && last == 0xcc) ||
	     (vector == X86_TRAP_OF && last == 0xce)))
		return 1;
	return 2;
}

/* "int n" must respect the DPL of the guest's own gate, as the CPU would:
 * if the caller's ring may not use it, the guest gets the #GP it would
 * get -- a fault, so reported at the int instruction, not after it.
 */
static void reflect_soft_interrupt(struct lg_vcpu *v, unsigned int vector)
{
	if ((v->regs.cs & 3) > v->idt[vector].dpl) {
		v->regs.rip -= soft_int_length(v, vector);
		reflect_trap(v, X86_TRAP_GP, vector * 8 + 2);
	} else {
		reflect_trap(v, vector, 0);
	}
}

/* A page fault: the host's to fix in the shadow, or the guest's, with the
 * fault address in lguest_data.cr2 (the guest cannot read CR2 at CPL1).
 */
static void handle_page_fault(struct lg_vcpu *v, u32 errcode)
{
	u32 gerr = errcode;

	if (lg_demand_fault(v, v->cr2, &gerr) || v->lg->dead)
		return;
	write_data_u32(v->lg, offsetof(struct lguest_data, cr2), v->cr2);
	reflect_trap(v, X86_TRAP_PF, gerr);
}

/*H:505 Port I/O from the guest kernel.  Ring 1 has no I/O permission
 * (IOPL 0, no I/O bitmap), so "in" and "out" fault with #GP(0) -- and a
 * guest has no ports: the host's are not its to touch.  But Linux probes
 * for legacy devices at boot (the ISA DMA controller, serial ports), so
 * the host answers like a bus with nothing on it: reads return all ones,
 * writes vanish.  Only the plain forms, with an operand-size prefix at
 * most; string I/O and I/O from ring 3 get the #GP they would natively.
 */
static bool emulate_port_io(struct lg_vcpu *v, u32 errcode)
{
	u32 rip = v->regs.rip, len = 0, size = 4, mask;
	bool in, imm;
	u8 op;

	if ((v->regs.cs & 3) != 1 || errcode)
		return false;
	if (!lg_copy_guest_virt(v, rip, &op, 1, false))
		return false;
	if (op == 0x66) {		/* operand size: 16 bits */
		size = 2;
		len = 1;
		if (!lg_copy_guest_virt(v, rip + 1, &op, 1, false))
			return false;
	}
	if ((op & 0xf4) != 0xe4)	/* e4-e7, ec-ef: in/out */
		return false;
	in = !(op & 2);
	imm = !(op & 8);		/* port in an immediate byte, not %dx */
	if (!(op & 1))
		size = 1;
	mask = size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
	if (in)
		v->regs.rax = (v->regs.rax & ~(u64)mask) | mask;
	v->regs.rip = rip + len + 1 + imm;
	lg_count(v->lg, LG_STAT_PORT_IO);
	return true;
}

/*H:510 After every exit (host interrupts and NMIs already handed back to
 * the host by core.c), one decision per trap.
 */
void lg_handle_trap(struct lg_vcpu *v)
{
	unsigned int vector = v->regs.trapnum;
	u32 errcode = v->regs.errcode;

	switch (vector) {
	case LGUEST_HCALL_VECTOR:
		if ((v->regs.cs & 3) == 1)
			lg_do_hypercall(v);
		else
			reflect_trap(v, X86_TRAP_GP, vector * 8 + 2);
		break;
	case X86_TRAP_PF:
		handle_page_fault(v, errcode);
		break;
	case X86_TRAP_BP:
	case X86_TRAP_OF:
	case LGUEST_SYSCALL_VECTOR:
		reflect_soft_interrupt(v, vector);
		break;
	case X86_TRAP_DF:
		kill_guest(v->lg, LGUEST_KILL_DOUBLE_FAULT, "double fault");
		break;
	case X86_TRAP_GP:
		if (!emulate_port_io(v, errcode))
			reflect_trap(v, vector, errcode);
		break;
	default:
		if (vector < FIRST_EXTERNAL_VECTOR)
			reflect_trap(v, vector, errcode);
		else
			kill_guest(v->lg, LGUEST_KILL_UNEXPECTED_VECTOR,
				   "unexpected vector %u", vector);
	}
}

/*H:520 Before every entry: if an interrupt is pending, not blocked, the
 * virtual IF is on and the guest is not in its "no interrupts" window,
 * deliver one by reflecting it through IDT entry 32 + irq.  Otherwise tell
 * the guest something is waiting, so its "enable interrupts" path knows to
 * make a hypercall.
 */
void lg_deliver_interrupts(struct lg_vcpu *v)
{
	struct lguest *g = v->lg;
	struct lguest_data d;
	unsigned long pending, blocked;
	unsigned int irq;
	u32 eip = v->regs.rip;
	bool in_kernel = (v->regs.cs & 3) != 3;

	if (!read_irq_view(g, &d))
		return;
	blocked = (unsigned long)d.blocked_irqs | ~v->irq_gates;	/* as lg_blocked_irqs() */
	pending = READ_ONCE(v->irqs_pending) & ~blocked;
	if (!pending) {
		if (d.irq_pending)
			write_data_u32(g, offsetof(struct lguest_data, irq_pending), 0);
		return;
	}
	/* User mode always runs with interrupts on: only the kernel's own
	 * virtual IF and its no-interrupt window hold them back.
	 */
	if (in_kernel && (!(d.irq_enabled & LGUEST_IRQ_ENABLED) ||
			  (eip >= d.noirq_start && eip < d.noirq_end))) {
		if (!d.irq_pending)
			write_data_u32(g, offsetof(struct lguest_data, irq_pending), 1);
		return;
	}
	irq = __ffs(pending);
	clear_bit(irq, &v->irqs_pending);
	lg_count(g, LG_STAT_IRQS_DELIVERED);
	push_trap_frame(v, LGUEST_IRQ_BASE + irq, false, 0);
	write_data_u32(g, offsetof(struct lguest_data, irq_pending),
		       (v->irqs_pending & ~blocked) != 0);
}

/* The guest's blocked-IRQ mask (none before LHCALL_INIT), and the IRQs
 * it has no gate for yet: those wait, like masked ones, rather than kill a
 * guest that has not booted that far when the Launcher raises one.
 */
unsigned long lg_blocked_irqs(struct lg_vcpu *v)
{
	unsigned long masked = v->lg->data ? READ_ONCE(v->lg->data->blocked_irqs) : 0;

	return masked | ~v->irq_gates;
}

/*H:530 Loading an IDT entry, checked by the pure gate check (H:310): a
 * bad one is a guest bug worth stopping at.
 */
int lg_load_idt_entry(struct lg_vcpu *v, u32 vector, u32 lo, u32 hi)
{
	struct lg_idt_entry *e = &v->idt[vector];
	const char *why = lg_check_guest_gate(lo, hi, e);

	if (why) {
		kill_guest(v->lg, LGUEST_KILL_BAD_DESCRIPTOR, "IDT entry %u (%08x %08x): %s",
			   vector, hi, lo, why);
		return -EINVAL;
	}
	if (vector >= LGUEST_IRQ_BASE && vector < LGUEST_IRQ_BASE + LGUEST_IRQS)
		assign_bit(vector - LGUEST_IRQ_BASE, &v->irq_gates, e->present);
	return 0;
}

/*H:540 The guest's clock: a one-shot hrtimer that raises guest IRQ 0 and
 * wakes the Launcher's task if the guest is halted.
 */
static enum hrtimer_restart clockevent_fired(struct hrtimer *t)
{
	struct lg_vcpu *v = container_of(t, struct lg_vcpu, timer);

	set_bit(LGUEST_TIMER_IRQ, &v->irqs_pending);
	wake_up_process(v->tsk);
	return HRTIMER_NORESTART;
}

void lg_timer_init(struct lg_vcpu *v)
{
	hrtimer_init(&v->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	v->timer.function = clockevent_fired;
}

void lg_set_clockevent(struct lg_vcpu *v, u32 ns)
{
	if (!ns) {
		hrtimer_try_to_cancel(&v->timer);
		return;
	}
	ns = max_t(u32, ns, LGUEST_MIN_CLOCKEVENT_NS);
	hrtimer_start(&v->timer, ns_to_ktime(ns), HRTIMER_MODE_REL);
}

void lg_timer_stop(struct lg_vcpu *v)
{
	hrtimer_cancel(&v->timer);
}
