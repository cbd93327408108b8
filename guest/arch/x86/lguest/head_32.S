/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lguest guest's first and last instructions: where startup_32 hands
 * over, and the return from every interrupt.
 */
#include <linux/init.h>
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <lguest/abi.h>
#include "lguest-asm.h"

#define pa(X) ((X) - __PAGE_OFFSET)

/*P:010 startup_32 comes here when boot_params.hardware_subarch says
 * lguest.  It has done what a native boot does first, with the host's
 * segments and the host's identity map of our memory: the stack, the BSS,
 * the boot parameters and command line copied, the early page table built
 * (mapping our memory both at 0 and at PAGE_OFFSET).  Ring 1 cannot write
 * CR3, so we ask the host to run on that table instead, and continue at
 * the kernel's addresses in lguest_init() (boot.c).
 */
	__INIT
SYM_CODE_START(lguest_entry)
	movl	$LHCALL_NEW_PGTABLE, %eax
	movl	$pa(initial_page_table), %ebx
	movl	$LGUEST_PGT_FLUSH, %ecx
	int	$LGUEST_HCALL_VECTOR
	movl	$1f, %eax
	jmp	*%eax
1:	addl	$__PAGE_OFFSET, %esp
	call	lguest_init
2:	jmp	2b			/* lguest_init() does not return */
SYM_CODE_END(lguest_entry)

/*P:020 Ring 1: iret leaves IF alone (CPL > IOPL), so copy the frame's IF
 * into the virtual one ourselves; entry_32.S jumps here instead of its
 * iret.  Between that store and the iret an interrupt would be delivered
 * on top of the frame we are about to pop, so the host delivers none while
 * eip is in [lguest_noirq_start, lguest_noirq_end).  One that arrives
 * meanwhile waits for the next exit.  %ds may be the user's by now, so the
 * store goes through %ss.  A faulting iret (a bad user segment) is fixed
 * up as entry_32.S fixes up its own.
 */
	.text
SYM_CODE_START(lguest_iret)
	pushl	%eax
	movl	12(%esp), %eax		/* saved eax, eip, cs, then eflags */
	andl	$X86_EFLAGS_IF, %eax
SYM_INNER_LABEL(lguest_noirq_start, SYM_L_GLOBAL)
	movl	%eax, %ss:lguest_data + LGUEST_DATA_irq_enabled
	popl	%eax
SYM_INNER_LABEL(lguest_iret_insn, SYM_L_GLOBAL)
	iret
SYM_INNER_LABEL(lguest_noirq_end, SYM_L_GLOBAL)
SYM_CODE_END(lguest_iret)
