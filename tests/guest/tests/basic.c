// SPDX-License-Identifier: GPL-2.0
/*
 * The basic group: the kernel runs at the ring it should, the commonest
 * exceptions come back to it, and the tick ticks.
 */
#include "platform.h"
#include "probes.h"
#include "tests.h"
#include "timer.h"
#include "traps.h"
#include "x86.h"

void test_cpl(void)
{
	uint32_t cpl = read_cs() & 3, want = pv.kernel_cs & 3;

	if (cpl == want)
		report_ok("cpl");
	else
		report_fail("cpl", "running at cpl %u, expected %u", cpl, want);
}

void test_ud(void)
{
	fault_clear();
	probe_ud2();
	expect_fault("ud", 1u << X86_TRAP_UD);
}

void test_de(void)
{
	fault_clear();
	probe_divide();
	expect_fault("de", 1u << X86_TRAP_DE);
}

/* Halt until ten ticks have come, giving up after ~2 s or 1000 halts. */
void test_timer(void)
{
	uint64_t t0 = rdtsc(), limit = (uint64_t)pv.tsc_khz * 2000;
	uint32_t start = timer_ticks(), halts = 0, n, flags;

	flags = pv.save_flags();
	irq_enable();
	while (timer_ticks() - start < 10 && halts < 1000 &&
	       (!limit || rdtsc() - t0 < limit)) {
		halt();
		halts++;
	}
	n = timer_ticks() - start;
	if (n < 10)
		report_fail("timer", "%u ticks in %u halts", n, halts);
	else if (!(pv.save_flags() & X86_EFLAGS_IF))
		report_fail("timer", "interrupts off after returning from one");
	else if (timer_ticks_with_irqs_on())
		report_fail("timer", "%u ticks ran with interrupts on",
			    timer_ticks_with_irqs_on());
	else
		report_pass("timer", "%u ticks in %u halts", n, halts);
	irq_restore(flags);
}
