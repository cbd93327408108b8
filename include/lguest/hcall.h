/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercalls: "int $0x1f" from ring 1 with the call number in %eax and
 * arguments in %ebx, %ecx, %edx.  The result comes back in %eax (0 on
 * success).  An unknown call or a bad argument kills the guest with a
 * reason the Launcher prints: a guest has no business making them.
 *
 * Calls marked "async" may also be queued in lguest_data's ring (see
 * lguest_data.h) instead of trapping: the host runs queued calls, in
 * order, before every synchronous call and on every exit.
 *
 * Page tables: the guest's own tables are 2-level, non-PAE, 32-bit.  The
 * host keeps a shadow of each page directory the guest runs on (a few are
 * cached) and must be told of every change to an entry it may have
 * copied: LHCALL_SET_PTE and LHCALL_SET_PGD after the guest wrote the
 * entry in its own table.  Entries at or above lguest_data.kernel_address
 * are shared by all of the guest's page directories.
 */
#ifndef LGUEST_HCALL_H
#define LGUEST_HCALL_H

#include "types.h"

enum lguest_hcall {
	LHCALL_INIT = 1,		/* ebx: gpa of struct lguest_data */
	LHCALL_CONSOLE_WRITE = 2,	/* ebx: gpa of bytes, ecx: count */
	LHCALL_SHUTDOWN = 3,		/* ebx: LGUEST_SHUTDOWN_*, ecx: status */
	LHCALL_CRASH = 4,		/* ebx: gpa of NUL-terminated message */
	LHCALL_SET_CLOCKEVENT = 5,	/* ebx: ns from now, 0 cancels; async */
	LHCALL_HALT = 6,		/* sleep until an interrupt is pending */
	LHCALL_LOAD_IDT_ENTRY = 7,	/* ebx: vector, ecx/edx: gate lo/hi; async */
	LHCALL_LOAD_GDT_ENTRY = 8,	/* ebx: index, ecx/edx: desc lo/hi; async */
	LHCALL_SET_STACK = 9,		/* ebx: ring-1 ss, ecx: esp; async */
	LHCALL_NEW_PGTABLE = 10,	/* ebx: gpa of page directory, ecx: LGUEST_PGT_* */
	LHCALL_FLUSH_TLB = 11,		/* ebx: LGUEST_FLUSH_*; async */
	LHCALL_SEND_INTERRUPTS = 12,	/* none: pending IRQs come on return */
	LHCALL_SET_PTE = 13,		/* ebx: pgdir gpa, ecx: vaddr, edx: pte; async */
	LHCALL_SET_PGD = 14,		/* ebx: pgdir gpa, ecx: pgd index; async */
	LHCALL_FLUSH_PAGE = 15,		/* ebx: vaddr (current pgdir); async */
	LHCALL_LOAD_TLS = 16,		/* ebx: gpa of 3 descriptors (24 bytes); async */
	LHCALL_CONSOLE_READ = 17,	/* ebx: gpa of buffer, ecx: size; eax: bytes read */
	LHCALL_NR			/* first number that is not a call */
};

#define LGUEST_SHUTDOWN_POWEROFF	0
#define LGUEST_SHUTDOWN_RESTART		1

/* LHCALL_NEW_PGTABLE: shadows of recent page directories are kept, so a
 * switch back costs nothing; LGUEST_PGT_FLUSH also forgets the user part
 * of the new one's (what a CR3 write without PCID does to a TLB). */
#define LGUEST_PGT_KEEP			0
#define LGUEST_PGT_FLUSH		1

/* LHCALL_FLUSH_TLB: forget the user part of the current page directory's
 * shadow, or every shadow entry of every page directory. */
#define LGUEST_FLUSH_USER		0
#define LGUEST_FLUSH_ALL		1

#define LGUEST_CONSOLE_MAX	1024	/* bytes per LHCALL_CONSOLE_WRITE */

/*
 * LHCALL_CONSOLE_READ: console input, oldest first.  Copies up to ecx
 * bytes of what the Launcher typed (dev.h: LHREQ_CONSOLE_INPUT) into the
 * buffer [ebx, ebx + ecx), which must lie in guest memory whatever its
 * size, and returns how many in %eax: 0 when nothing is waiting (a size
 * of 0 always returns 0).  It never blocks; LGUEST_CONSOLE_IRQ says when
 * more has come.  A size above LGUEST_CONSOLE_MAX is clamped to it (the
 * host holds no more than LGUEST_CONSOLE_INPUT_BUFFER anyway).
 */
#define LGUEST_CRASH_MAX	256	/* bytes of a crash message */

/* Clock events shorter than this are lengthened to it (no IRQ storms). */
#define LGUEST_MIN_CLOCKEVENT_NS	50000u

#endif /* LGUEST_HCALL_H */
