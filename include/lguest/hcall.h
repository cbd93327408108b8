/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercalls: "int $0x1f" from ring 1 with the call number in %eax and
 * arguments in %ebx, %ecx, %edx, %esi.  The result comes back in %eax
 * (0 on success).  An unknown call or a bad argument kills the guest with
 * a reason the Launcher prints: a guest has no business making them.
 */
#ifndef LGUEST_HCALL_H
#define LGUEST_HCALL_H

#include "types.h"

enum lguest_hcall {
	LHCALL_INIT = 1,		/* ebx: gpa of struct lguest_data */
	LHCALL_CONSOLE_WRITE = 2,	/* ebx: gpa of bytes, ecx: count */
	LHCALL_SHUTDOWN = 3,		/* ebx: LGUEST_SHUTDOWN_*, ecx: status */
	LHCALL_CRASH = 4,		/* ebx: gpa of NUL-terminated message */
	LHCALL_SET_CLOCKEVENT = 5,	/* ebx: ns from now, 0 cancels */
	LHCALL_HALT = 6,		/* sleep until an interrupt is pending */
	LHCALL_LOAD_IDT_ENTRY = 7,	/* ebx: vector, ecx/edx: gate lo/hi */
	LHCALL_LOAD_GDT_ENTRY = 8,	/* ebx: index, ecx/edx: desc lo/hi */
	LHCALL_SET_STACK = 9,		/* ebx: ring-1 ss, ecx: esp */
	LHCALL_NEW_PGTABLE = 10,	/* ebx: gpa of page directory */
	LHCALL_FLUSH_TLB = 11,		/* no arguments */
	LHCALL_SEND_INTERRUPTS = 12,	/* none: pending IRQs come on return */
	LHCALL_NR			/* first number that is not a call */
};

#define LGUEST_SHUTDOWN_POWEROFF	0
#define LGUEST_SHUTDOWN_RESTART		1

#define LGUEST_CONSOLE_MAX	1024	/* bytes per LHCALL_CONSOLE_WRITE */
#define LGUEST_CRASH_MAX	256	/* bytes of a crash message */

/* Clock events shorter than this are lengthened to it (no IRQ storms). */
#define LGUEST_MIN_CLOCKEVENT_NS	50000u

#endif /* LGUEST_HCALL_H */
