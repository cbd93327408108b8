/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct lguest_data: one page of guest memory that guest and host both
 * write.  The guest tells the host where it is with LHCALL_INIT.
 */
#ifndef LGUEST_DATA_H
#define LGUEST_DATA_H

#include "types.h"

#define LGUEST_IRQ_ENABLED	0x200	/* same bit as EFLAGS.IF */

struct lguest_data {
	/* Guest-written: the virtual IF (0 or LGUEST_IRQ_ENABLED). */
	uint32_t irq_enabled;
	/* Host-written: nonzero while an interrupt waits for delivery. */
	uint32_t irq_pending;
	/* Guest-written: bit n set means guest IRQ n is masked. */
	uint32_t blocked_irqs;
	/* Host-written: fault address of the last #PF delivered. */
	uint32_t cr2;
	/* Host-written at LHCALL_INIT: TSC frequency in kHz. */
	uint32_t tsc_khz;
	/*
	 * Guest-written: the host delivers no interrupt while the guest's
	 * eip is in [noirq_start, noirq_end) -- the window in its interrupt
	 * return path between re-enabling the virtual IF and iret.
	 */
	uint32_t noirq_start;
	uint32_t noirq_end;
	uint32_t reserved0;
	/* Host-written at LHCALL_INIT: wall-clock time, ns since 1970. */
	uint64_t boot_time_ns;
	uint32_t reserved[50];	/* room to grow within the revision */
};

LGUEST_STATIC_ASSERT(sizeof(struct lguest_data) == 240,
		     "lguest_data layout is ABI");

#endif /* LGUEST_DATA_H */
