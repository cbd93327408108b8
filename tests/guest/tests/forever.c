// SPDX-License-Identifier: GPL-2.0
/*
 * Guests that never end by themselves: the harness stops them with a
 * signal to the Launcher (tests/vm/check.sh's signal and NMI tests).
 */
#include "console.h"
#include "platform.h"
#include "tests.h"

/* Sleep forever with interrupts on: only a signal to the Launcher ends it. */
void test_spin(void)
{
	kprintf("spin: halting forever\n");
	irq_enable();
	for (;;)
		halt();
}

/* Run forever without halting, so the CPU stays in the guest world (the
 * host's NMI test injects NMIs meanwhile). */
void test_busy(void)
{
	volatile uint32_t n = 0;

	kprintf("busy: looping forever\n");
	irq_enable();
	for (;;)
		n++;
}
