/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ring-3 probes that need more than one instruction (user/hostile.c).
 */
#include "extable.h"
#include "progs.h"

/* u_int_probe[n]: "int $n; ret" from ring 3 (extable.h). */
	INT_PROBES u_int_probe

/*
 * uint32_t u_try_ljmp(uint32_t sel): far jump to sel:land.  0 if the
 * jump faulted, SEL_LANDED if it landed and came back, SEL_LANDED_FAULT
 * if it landed and then faulted.  The landing code means the same as
 * 32-bit and as 64-bit code, as the kernel's (probes.S).
 */
	.globl	u_try_ljmp
	.type	u_try_ljmp, @function
u_try_ljmp:
	pushl	%ebp
	movl	%esp, %ebp
	movl	8(%ebp), %eax
	movw	%ax, farptr + 4
	pushl	%cs			/* far return address for land */
	pushl	$2f
	xorl	%eax, %eax
1:	ljmp	*farptr
2:	movl	%ebp, %esp
	popl	%ebp
	ret
	EXTABLE(1b, 2b)
	.size	u_try_ljmp, . - u_try_ljmp

land:
3:	movl	$SEL_LANDED, %eax
4:	lret
	EXTABLE(3b, 5f)
	EXTABLE(4b, 5f)
5:	movl	$SEL_LANDED_FAULT, %eax
	jmp	2b

	.data
	.balign	4
farptr:
	.long	land
	.word	0

	.section .note.GNU-stack, "", @progbits
