/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes that need more than one inline instruction (the rest are inline
 * in probes.h).  Every instruction here that is meant to fault is in the
 * exception table (extable.h).
 */
#include "extable.h"

/*
 * uint32_t seg_try_ljmp(uint32_t sel): far jump to sel:seg_land.  Returns
 * 0 if the jump faulted (the fault is recorded), SEG_LANDED if it landed
 * and came back, SEG_LANDED_FAULT if it landed and then faulted.
 * seg_land must mean the same as 32-bit and as 64-bit code (a 64-bit
 * landing is the bug this hunts): "mov $imm32, %eax" (b8) and "lret" (cb,
 * 32-bit operands by default) do.
 */
#define SEG_LANDED		0x444e414c	/* "LAND" */
#define SEG_LANDED_FAULT	0x544c4146	/* "FALT" */

	.text
	.globl	seg_try_ljmp
	.type	seg_try_ljmp, @function
seg_try_ljmp:
	pushl	%ebp
	movl	%esp, %ebp
	movl	8(%ebp), %eax
	movw	%ax, seg_farptr + 4
	pushl	%cs			/* far return address for seg_land */
	pushl	$2f
	xorl	%eax, %eax
1:	ljmp	*seg_farptr
2:	movl	%ebp, %esp
	popl	%ebp
	ret
	EXTABLE(1b, 2b)
	.size	seg_try_ljmp, . - seg_try_ljmp

seg_land:
3:	movl	$SEG_LANDED, %eax
4:	lret
	EXTABLE(3b, 5f)
	EXTABLE(4b, 5f)
5:	movl	$SEG_LANDED_FAULT, %eax	/* back on our cs, %ebp intact */
	jmp	2b

	.data
	.balign	4
seg_farptr:
	.long	seg_land
	.word	0

/* probe_int[n]: "int $n; ret" (extable.h). */
	INT_PROBES probe_int

	.section .note.GNU-stack, "", @progbits
