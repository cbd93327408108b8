/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exception table: instructions that are meant to fault.
 *
 * EXTABLE(fault, fixup) after an instruction says: a trap reported at
 * address `fault` is expected; record it (vector, error code, eip, cr2)
 * and resume at `fixup`.  For a fault, `fault` is the instruction itself;
 * for a trap (#DB after a step, #BP and #OF after int3/into) the CPU
 * reports the address after the instruction, so that is the one to list.
 * The tests read the record with fault_taken() (traps.h).
 *
 *	1:	ud2				in assembly: EXTABLE(1b, 2f)
 *	2:
 *
 *	asm volatile("1: ud2\n2:\n" EXTABLE(1b, 2b));	in C
 *
 * Usable from assembly and C; ring-3 code lists its instructions the same
 * way (user/).
 */
#ifndef GUEST_EXTABLE_H
#define GUEST_EXTABLE_H

#ifdef __ASSEMBLER__

#define EXTABLE(fault, fixup)			\
	.pushsection .extable, "a";		\
	.balign 4;				\
	.long fault, fixup;			\
	.popsection

#else

#include <stdint.h>

#define EXTABLE(fault, fixup)						\
	".pushsection .extable, \"a\"\n\t.balign 4\n\t"			\
	".long " #fault ", " #fixup "\n\t.popsection\n\t"

struct extable_entry {
	uint32_t fault, fixup;
};

/* The entry for a trap reported at eip, or NULL. */
const struct extable_entry *extable_find(uint32_t eip);

#endif /* __ASSEMBLER__ */
#endif /* GUEST_EXTABLE_H */
