/* SPDX-License-Identifier: GPL-2.0 */
/*G:300 Trap entry and return.  Every vector gets a stub that makes the frame
 * uniform (a zero error code where the CPU pushes none, then the vector)
 * and jumps to trap_common, which saves the registers as struct
 * trap_frame (traps.h) and calls trap_dispatch(frame).
 *
 * On entry the stack holds what a 32-bit CPU pushes: [error code], eip,
 * cs, eflags, and, for a trap from ring 3, the user's esp and ss, on the
 * kernel stack the TSS (natively) or LHCALL_SET_STACK (lguest) names.
 * Under lguest the host builds the same frame, with the virtual IF in
 * eflags.IF.
 */
#include <x86/vectors.h>
#include "asm-offsets.h"

	.section .rodata
	.balign	4
	.globl	trap_stubs
trap_stubs:				/* filled in by the .rept below */

	.text
	.balign	16
	.set	vector, 0
	.rept	NR_STUBS
1:	.if vector >= 32 || !X86_HAS_ERRCODE(vector % 32)
	pushl	$0			/* no error code from the CPU */
	.endif
	pushl	$vector
	jmp	trap_common
	.pushsection .rodata
	.long	1b
	.popsection
	.balign	16
	.set	vector, vector + 1
	.endr

	.type	trap_common, @function
trap_common:
	cld
	pushal
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	movl	%ss, %eax		/* the kernel's data segment, always */
	movl	%eax, %ds
	movl	%eax, %es
	pushl	%esp			/* trap_dispatch(frame) */
	call	trap_dispatch
	addl	$4, %esp
/* A new process starts here, its first frame on the stack (proc.c). */
	.globl	trap_return
trap_return:
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	popal
	addl	$(TF_eip - TF_vector), %esp	/* vector and error code */
	jmp	*%ss:pv_iret		/* %ds is the interrupted one again */
	.size	trap_common, . - trap_common

/* Ring 0: iret restores IF along with the rest of eflags. */
	.globl	native_iret
native_iret:
	iret

/*G:310 Ring 1: iret leaves IF alone (CPL > IOPL), so copy the frame's IF into
 * the virtual one ourselves.  Between that store and the iret an
 * interrupt would be delivered on top of a frame we are about to pop, so
 * the host delivers none while eip is in [lguest_noirq_start,
 * lguest_noirq_end).  An interrupt that became pending meanwhile waits for
 * the next exit to the host.
 */
	.globl	lguest_iret, lguest_noirq_start, lguest_noirq_end
lguest_iret:
	pushl	%eax
	movl	12(%esp), %eax		/* saved eax, eip, cs, then eflags */
	andl	$IRQ_ENABLED, %eax
lguest_noirq_start:
	movl	%eax, %ss:lguest_data + LGUEST_DATA_irq_enabled
	popl	%eax
	iret
lguest_noirq_end:

	.section .note.GNU-stack, "", @progbits
