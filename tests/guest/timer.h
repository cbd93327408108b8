/* SPDX-License-Identifier: GPL-2.0 */
/* The tick: IRQ 0 every TICK_NS, from a one-shot timer re-armed each time. */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdint.h>

#define TICK_NS		10000000u	/* 10 ms: 100 Hz */
#define TIMER_IRQ	0		/* its interrupt, on both backends */

void timer_init(void);
uint32_t timer_ticks(void);
uint32_t timer_ticks_with_irqs_on(void);

#endif /* GUEST_TIMER_H */
