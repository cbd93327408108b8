/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The return address every process starts with (proc.c): an entry point
 * that returns exits with its result.
 */
#include "uapi.h"

	.text
	.globl	u_exit
	.type	u_exit, @function
u_exit:
	movl	%eax, %ebx
	movl	$SYS_EXIT, %eax
	int	$0x80
	ud2				/* SYS_EXIT does not return */
	.size	u_exit, . - u_exit

	.section .note.GNU-stack, "", @progbits
