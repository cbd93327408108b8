// SPDX-License-Identifier: GPL-2.0
/*
 * The fpu group: the FPU and SSE registers are the guest's own.
 */
#include "platform.h"
#include "tests.h"
#include "timer.h"
#include "x86.h"

/*G:410 The FPU and SSE registers belong to the guest: fill them with a
 * pattern unique to this boot, let the host run whatever it likes for 30
 * ticks (other guests, the Launcher, its own interrupts), and check that
 * nothing changed.  Two guests running this at once on one host CPU show
 * that neither sees the other's state.  The kernel itself is compiled
 * without FPU or SSE, so nothing else touches these registers. */
void test_fpu(void)
{
	uint32_t seed = (uint32_t)rdtsc() | 1, want[32], got[32], i, start, halts = 0;
	uint16_t fcw = 0x037f ^ (seed & 0x0c00), fcw_got;	/* rounding mode */
	uint32_t mxcsr = 0x1f80 | (seed & 0x6000), mxcsr_got;
	uint32_t flags;

	for (i = 0; i < 32; i++)
		want[i] = seed * (i + 1) * 2654435761u;
	fpu_set_control(fcw, mxcsr);
	load_xmm0_7(want);
	flags = irq_save();
	irq_enable();
	start = timer_ticks();
	while (timer_ticks() - start < 30 && halts++ < 3000)
		halt();
	irq_restore(flags);
	store_xmm0_7(got);
	fpu_get_control(&fcw_got, &mxcsr_got);
	for (i = 0; i < 32 && want[i] == got[i]; i++)
		;
	if (i < 32)
		report_fail("fpu", "xmm word %u is %x, expected %x", i, got[i], want[i]);
	else if (fcw_got != fcw || mxcsr_got != mxcsr)
		report_fail("fpu", "fcw %x mxcsr %x, expected %x %x", fcw_got,
			    mxcsr_got, fcw, mxcsr);
	else
		report_pass("fpu", "xmm0-7, fcw and mxcsr kept over %u ticks",
			    timer_ticks() - start);
}
