// SPDX-License-Identifier: GPL-2.0
/*
 * The tick.  Both backends offer a one-shot timer (pv.set_timer): the
 * PIT in mode 0 natively, LHCALL_SET_CLOCKEVENT under lguest.  Each tick
 * re-arms it, so the rate is 100 Hz on either.
 */
#include "platform.h"
#include "timer.h"
#include "traps.h"
#include "x86.h"

static volatile uint32_t ticks;
static volatile uint32_t ticks_irqs_on;	/* should stay 0: gates clear IF */

static void timer_irq(uint32_t irq)
{
	(void)irq;
	ticks++;
	if (pv.save_flags() & X86_EFLAGS_IF)
		ticks_irqs_on++;
	pv.set_timer(TICK_NS);
}

void timer_init(void)
{
	irq_register(TIMER_IRQ, timer_irq);
	pv.set_timer(TICK_NS);
}

uint32_t timer_ticks(void)
{
	return ticks;
}

/* Ticks whose handler ran with interrupts enabled: a broken gate. */
uint32_t timer_ticks_with_irqs_on(void)
{
	return ticks_irqs_on;
}
