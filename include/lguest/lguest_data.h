/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct lguest_data: one page of guest memory that guest and host both
 * write.  The guest tells the host where it is with LHCALL_INIT; the
 * fields marked "before LHCALL_INIT" are read by the host at that call.
 */
#ifndef LGUEST_DATA_H
#define LGUEST_DATA_H

#include "types.h"

#define LGUEST_IRQ_ENABLED	0x200	/* same bit as EFLAGS.IF */

/*
 * The asynchronous hypercall ring.  The guest fills async[i] with a call
 * marked "async" in hcall.h, then sets async_status[i] to
 * LGUEST_ASYNC_READY; slots are used in order, wrapping.  A zeroed ring is
 * empty.  The host runs
 * ready slots from where it left off (its own index, starting at 0) and
 * sets each back to LGUEST_ASYNC_FREE.  A guest that finds its next slot
 * still READY makes any synchronous call to drain the ring first.
 */
#define LGUEST_ASYNC_RING	64
#define LGUEST_ASYNC_FREE	0
#define LGUEST_ASYNC_READY	1

struct lguest_async_call {
	uint32_t nr, a1, a2, a3;
};

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
	/*
	 * Guest-written before LHCALL_INIT: where the kernel's half of every
	 * address space starts (a multiple of 1 GiB: 0x40000000, 0x80000000
	 * or 0xc0000000).  Shadow entries from there up are shared by all of
	 * the guest's page directories.  0: nothing is shared.
	 */
	uint32_t kernel_address;
	/* Host-written at LHCALL_INIT: wall-clock time, ns since 1970. */
	uint64_t boot_time_ns;
	uint32_t reserved[26];	/* room to grow within the revision */
	uint8_t async_status[LGUEST_ASYNC_RING];
	struct lguest_async_call async[LGUEST_ASYNC_RING];
};

LGUEST_STATIC_ASSERT(sizeof(struct lguest_data) == 1232,
		     "lguest_data layout is ABI");
LGUEST_STATIC_ASSERT(__builtin_offsetof(struct lguest_data, async_status) == 144,
		     "async ring offset");

#endif /* LGUEST_DATA_H */
