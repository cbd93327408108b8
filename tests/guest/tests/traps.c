// SPDX-License-Identifier: GPL-2.0
/*
 * The traps group: interrupts at arbitrary points, single-stepping, the
 * flags the CPU keeps across traps, and a trap with no handler at all.
 */
#include "platform.h"
#include "probes.h"
#include "tests.h"
#include "timer.h"
#include "traps.h"
#include "x86.h"

/* A register-heavy sum: the same with and without interrupts. */
struct work {
	uint32_t x, y;
};

static void irq_work(struct work *w, uint32_t rounds, int toggle)
{
	uint32_t x = w->x, y = w->y, flags = 0;

	while (rounds--) {
		if (toggle)
			flags = irq_save();
		x = x * 1103515245u + 12345u;
		y += x >> 16;
		if (toggle)
			irq_restore(flags);
	}
	w->x = x;
	w->y = y;
}

/*
 * Interrupts at arbitrary points: toggle the IF in a tight loop (every
 * enable may find an interrupt pending) until 20 ticks have come, then
 * redo the same work with interrupts off and compare.
 */
void test_irqs(void)
{
	uint64_t t0 = rdtsc(), limit = (uint64_t)pv.tsc_khz * 2000;
	uint32_t start = timer_ticks(), rounds = 0, n;
	struct work on = { 1, 0 }, off = { 1, 0 };

	irq_enable();
	while (timer_ticks() - start < 20 && rounds < 100000000u &&
	       (!limit || rdtsc() - t0 < limit)) {
		irq_work(&on, 1000, 1);
		rounds += 1000;
	}
	n = timer_ticks() - start;
	irq_disable();
	irq_work(&off, rounds, 0);
	irq_enable();
	if (n < 20)
		report_fail("irqs", "%u ticks in %u rounds", n, rounds);
	else if (on.x != off.x || on.y != off.y)
		report_fail("irqs", "sum %x/%x with interrupts, %x/%x without",
			    on.x, on.y, off.x, off.y);
	else
		report_pass("irqs", "%u ticks, %u rounds", n, rounds);
}

/* Single-step: with TF set the CPU traps #DB after one instruction; the
 * host reflects it (and resets DR6 for itself).  Only the address after
 * the nop is in the exception table: a #DB anywhere else is unhandled.
 * The fixup clears TF. */
void test_singlestep(void)
{
	struct fault_info fi;

	fault_clear();
	probe_singlestep();
	if (!fault_taken(&fi))
		report_fail("singlestep", "no #DB after the nop");
	else if (fi.vector != X86_TRAP_DB)
		report_fail("singlestep", "vector %u, expected 1", fi.vector);
	else
		report_pass("singlestep", "vector 1 #DB after one instruction");
}

/*G:450 Flags the CPU does not clear on a trap: DF and AC (and NT, which
 * popf sets at any ring).  Run ticks and hypercalls with all three set: a
 * host that let DF or AC through to its own C code would copy memory
 * backwards or run without SMAP.  DF and AC are the guest's and must
 * still be set afterwards. */
#define X86_EFLAGS_NT	0x4000u

void test_flags(void)
{
	uint32_t start, halts = 0, kept, flags = irq_save();
	const uint32_t set = X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_NT;
	const char msg[] = "flags: DF, AC and NT set across 20 ticks\n";

	irq_enable();
	write_eflags(read_eflags() | set);
	start = timer_ticks();
	while (timer_ticks() - start < 20 && halts++ < 2000) {
		pv.console_write(msg, sizeof(msg) - 1);
		halt();
	}
	kept = read_eflags();
	write_eflags(kept & ~set);
	irq_restore(flags);
	if (timer_ticks() - start < 20)
		report_fail("flags", "%u ticks", timer_ticks() - start);
	else if ((kept & (X86_EFLAGS_DF | X86_EFLAGS_AC)) != (X86_EFLAGS_DF | X86_EFLAGS_AC))
		report_fail("flags", "eflags %x: DF or AC lost", kept);
	else
		report_pass("flags", "the host carried on, DF and AC kept");
}

/* The host must kill a guest that faults with no gate for the vector. */
void test_unhandled(void)
{
	kprintf("unhandled: #UD gate removed, ud2 next: this should be the end\n");
	idt_clear_gate(X86_TRAP_UD);
	fault_clear();
	probe_ud2();
	idt_set_gate(X86_TRAP_UD, trap_stubs[X86_TRAP_UD], 0, 0);
	report_fail("unhandled", "ud2 with no #UD gate came back");
}

/*
 * Port I/O from the kernel's ring: under lguest the host answers like an
 * empty bus (all ones in, writes dropped) instead of the #GP ring 1 gets.
 * Natively, at ring 0, these ports are QEMU's own, so only lguest checks.
 */
void test_portio(void)
{
	uint32_t b = 0x12345600u, w = 0x12340000u, l = 0;

	if (!on_lguest()) {
		report_skip("portio", "native ports are real ones");
		return;
	}
	asm volatile("inb $0x87, %b0" : "+a"(b));
	asm volatile("inw %w1, %w0" : "+a"(w) : "d"(0x2e8));
	asm volatile("inl %w1, %0" : "=a"(l) : "d"(0xcfc));
	asm volatile("outb %b0, $0x80" : : "a"(0x55));
	asm volatile("outl %0, %w1" : : "a"(0x80000000u), "d"(0xcf8));
	if (b != 0x123456ffu || w != 0x1234ffffu || l != 0xffffffffu)
		report_fail("portio", "in gave %08x %08x %08x", b, w, l);
	else
		report_pass("portio", "in reads all ones, out is dropped");
}
