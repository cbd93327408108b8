/* SPDX-License-Identifier: GPL-2.0 */
/*G:610 Switching kernel stacks.  swtch(save, load) pushes the registers a
 * C function must preserve, stores the stack pointer in *save, takes
 * load as the new one and pops them from there: it returns on the other
 * stack, into whoever last called swtch() there, or, for a new process,
 * into trap_return with its first trap frame (proc.c).  The layout is
 * struct context (proc.h).
 */
	.text
	.globl	swtch
	.type	swtch, @function
swtch:
	movl	4(%esp), %eax		/* struct context **save */
	movl	8(%esp), %edx		/* struct context *load */
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
	.size	swtch, . - swtch

	.section .note.GNU-stack, "", @progbits
