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

/*
 * INT_PROBES name: name[n], n = 0..255, in .rodata, is a function that
 * does "int $n" and returns.  A fault is reported at the int instruction,
 * a trap (#BP, #OF) after it: both are listed and resume at the ret.  The
 * kernel (probes.S) and the ring-3 image (user/hostile.S) each need their
 * own copy, in their own address space.
 */
.macro INT_PROBES name
	.pushsection .rodata
	.balign	4
	.globl	\name
\name:					/* filled in by the .rept below */
	.popsection

	.text
	.set	vec, 0
	.rept	256
1:	int	$vec
2:	ret
	EXTABLE(1b, 2b)
	EXTABLE(2b, 2b)
	.pushsection .rodata
	.long	1b
	.popsection
	.set	vec, vec + 1
	.endr
.endm

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
