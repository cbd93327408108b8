/* SPDX-License-Identifier: GPL-2.0 */
/*G:000 Entry.  One guest/vmlinux, two ways in:
 *
 *  - multiboot (QEMU -kernel): ring 0, paging off, %eax = 0x2BADB002,
 *    %ebx = multiboot info, flat segments, interrupts off.
 *  - lguest: ring 1, paging on with virtual == physical, CS 0x81,
 *    DS/ES/SS 0x89, %esi = gpa of struct lguest_boot_params whose
 *    hardware_subarch is LGUEST_SUBARCH_LGUEST, %esp undefined,
 *    interrupts virtually off.
 *
 * Neither: stop.  hlt halts at ring 0 and faults at ring 1 with no IDT,
 * which is as quiet an end as either world offers.
 */
#include "asm-offsets.h"

#define MB_HEADER_MAGIC	0x1badb002
#define MB_HEADER_FLAGS	0x00000003	/* page-align modules, want mem info */
#define MB_BOOT_MAGIC	0x2badb002	/* in %eax when a multiboot loader calls */

#define BOOT_STACK_SIZE	16384

	.section .multiboot, "a"
	.balign 4
	.long	MB_HEADER_MAGIC
	.long	MB_HEADER_FLAGS
	.long	-(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.section .text.head, "ax"
	.globl	_start
	.type	_start, @function
_start:
	movl	$boot_stack_top, %esp		/* first: %esp is ours to set */
	cld
	cmpl	$MB_BOOT_MAGIC, %eax
	je	1f
	cmpl	$SUBARCH_LGUEST, BP_hardware_subarch(%esi)
	jne	hang
	movl	$1, %edx			/* BOOT_LGUEST */
	movl	%esi, %ebx			/* info: boot params gpa */
	jmp	2f
1:	xorl	%edx, %edx			/* BOOT_NATIVE, info: %ebx */

	/* Zero .bss (the stack is in it: nothing is pushed yet). */
2:	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	xorl	%ebp, %ebp			/* end of the frame-pointer chain */
	pushl	%ebx				/* kmain(kind, info) */
	pushl	%edx
	call	kmain
hang:
	hlt
	jmp	hang
	.size	_start, . - _start

	.bss
	.balign	16
	.globl	boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
