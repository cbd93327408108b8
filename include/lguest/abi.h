/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lguest ABI: what the host module, the Launcher and the guest agree
 * on.  Every structure here has a fixed layout (checked by static asserts)
 * because it crosses a privilege boundary: 32-bit guest, 64-bit kernel,
 * 64-bit userspace.
 *
 * Bump LGUEST_ABI_REVISION whenever anything in include/lguest changes
 * meaning; the module refuses a Launcher that speaks another revision.
 */
#ifndef LGUEST_ABI_H
#define LGUEST_ABI_H

#include "types.h"

#define LGUEST_MAGIC		0x4755474cu	/* "LGUG" little-endian */
#define LGUEST_ABI_REVISION	3

/*
 * Guest memory, in MiB.  The guest runs in 32-bit compatibility mode and
 * its kernel maps all of memory, so 1 GiB keeps room in a 4 GiB space.
 */
#define LGUEST_MIN_MEM_MB	4
#define LGUEST_MAX_MEM_MB	1024

/*
 * Segments.  The per-CPU GDT the guest runs on mirrors the host's kernel
 * entries below LGUEST_GDT_FIRST; the 32 entries from LGUEST_GDT_FIRST on
 * belong to the guest, which fills them with LHCALL_LOAD_GDT_ENTRY (and
 * the three TLS entries with LHCALL_LOAD_TLS).  32 entries hold Linux
 * i386's whole layout shifted up by 16 (its TLS entries 6..8 become
 * 22..24).  The host starts a guest with flat 4 GiB ring-1 code and data
 * in the first two; ring-3 code and data are the guest's to add (DPL 3).
 */
#define LGUEST_GDT_FIRST	16
#define LGUEST_GDT_ENTRIES	32	/* guest owns indices 16..47 */
#define LGUEST_GDT_TLS		22	/* first of the three TLS entries */
#define LGUEST_TLS_ENTRIES	3
#define LGUEST_KERNEL_CS	((16 << 3) | 1)	/* 0x81: flat code, DPL1 */
#define LGUEST_KERNEL_DS	((17 << 3) | 1)	/* 0x89: flat data, DPL1 */

/*
 * Vectors.  Software interrupts a guest may use are the hypercall vector
 * (from ring 1) and the system call vector (from ring 3); every vector
 * from 0x20 up other than 0x80 carries host interrupts.  Guest interrupt
 * n (0 is the timer) is delivered through guest IDT entry
 * LGUEST_IRQ_BASE + n.  The console's input interrupt is raised each
 * time the Launcher hands the host new input: the guest then reads with
 * LHCALL_CONSOLE_READ until it returns 0.
 */
#define LGUEST_HCALL_VECTOR	0x1f
#define LGUEST_SYSCALL_VECTOR	0x80
#define LGUEST_IRQ_BASE		32
#define LGUEST_IRQS		32
#define LGUEST_TIMER_IRQ	0
#define LGUEST_CONSOLE_IRQ	1	/* console input arrived (dev.h, hcall.h) */

/*
 * Boot: the ELF entry point is called with paging on (guest-virtual ==
 * guest-physical for all of memory), CS/DS/ES/SS the boot segments above,
 * %esi the guest-physical address of the boot parameters and
 * boot_params.hardware_subarch == LGUEST_SUBARCH_LGUEST.  Interrupts are
 * virtually off until the guest calls LHCALL_INIT.
 */
#define LGUEST_SUBARCH_PC	0
#define LGUEST_SUBARCH_LGUEST	1

#endif /* LGUEST_ABI_H */
