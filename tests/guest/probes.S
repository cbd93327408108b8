/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault sites for the tests (tests.c).  Each *_site label is an
 * instruction that is meant to fault; the test arms fault_expect() with
 * the address to resume at and checks the vector and eip it recorded.
 */

/* void probe_ud2(void): ud2 (0f 0b, 2 bytes) at probe_ud2_site. */
	.text
	.globl	probe_ud2, probe_ud2_site
probe_ud2:
probe_ud2_site:
	ud2
	ret

/* void probe_divide(void): divl by zero (f7 f1, 2 bytes). */
	.globl	probe_divide, probe_divide_site
probe_divide:
	movl	$1, %eax
	xorl	%edx, %edx
	xorl	%ecx, %ecx
probe_divide_site:
	divl	%ecx
	ret

/* void probe_sysenter(void): sysenter (0f 34) at ring 1 or 0. */
	.globl	probe_sysenter, probe_sysenter_site
probe_sysenter:
	pushl	%ebp			/* sysenter would clobber esp/eip only */
probe_sysenter_site:
	sysenter
	popl	%ebp
	ret

/* void probe_syscall(void): syscall (0f 05); #UD without EFER.SCE. */
	.globl	probe_syscall, probe_syscall_site
probe_syscall:
	pushl	%ebp
probe_syscall_site:
	.byte	0x0f, 0x05
	popl	%ebp
	ret

/*
 * Segment loads.  seg_try_ds(sel) and seg_try_ss(sel) load the selector
 * and put the old value straight back, touching no memory in between;
 * they return 0 when the load worked.  A fault resumes at seg_resume,
 * with %esp as it was at entry, which returns 1.
 */
	.globl	seg_try_ds, seg_ds_site, seg_try_ss, seg_ss_site, seg_resume
seg_try_ds:
	movl	4(%esp), %eax
	movl	%ds, %edx
seg_ds_site:
	movl	%eax, %ds
	movl	%edx, %ds
	xorl	%eax, %eax
	ret

seg_try_ss:
	movl	4(%esp), %eax
	movl	%ss, %edx
seg_ss_site:
	movl	%eax, %ss
	movl	%edx, %ss
	xorl	%eax, %eax
	ret

seg_resume:
	movl	$1, %eax
	ret

/*
 * seg_try_ljmp(sel): far jump to sel:seg_land.  If it lands, seg_land
 * returns through the far pointer pushed here with SEG_LANDED in %eax.
 * seg_land must mean the same as 32-bit and as 64-bit code (a 64-bit
 * landing is the bug this hunts): "mov $imm32, %eax" (b8) and "lret" (cb,
 * 32-bit operands by default) do.  A fault resumes at seg_ljmp_resume,
 * which returns 1.
 */
#define SEG_LANDED	0x444e414c	/* "LAND" */

	.globl	seg_try_ljmp, seg_ljmp_site, seg_ljmp_resume
seg_try_ljmp:
	pushl	%ebp
	movl	%esp, %ebp
	movl	8(%ebp), %eax
	movw	%ax, seg_farptr + 4
	pushl	%cs			/* far return address for seg_land */
	pushl	$seg_ljmp_back
seg_ljmp_site:
	ljmp	*seg_farptr
seg_ljmp_resume:
	movl	$1, %eax
seg_ljmp_back:
	movl	%ebp, %esp
	popl	%ebp
	ret

seg_land:
	movl	$SEG_LANDED, %eax
	lret

	.data
	.balign	4
seg_farptr:
	.long	seg_land
	.word	0

	.section .note.GNU-stack, "", @progbits

/* probe_int_table: 256 four-byte probes, "int $n; ret; nop" for n = 0..255,
 * so a test can raise any vector by software (int n is cd nn, 2 bytes). */
	.text
	.globl	probe_int_table
	.p2align 2
probe_int_table:
	.set	vec, 0
	.rept	256
	.byte	0xcd, vec, 0xc3, 0x90
	.set	vec, vec + 1
	.endr

/* uint32_t probe_read(uint32_t addr): movl (%eax), %eax (8b 00, 2 bytes)
 * at probe_read_site. */
	.text
	.globl	probe_read, probe_read_site
probe_read:
	movl	4(%esp), %eax
probe_read_site:
	movl	(%eax), %eax
	ret

/* void probe_singlestep(void): set EFLAGS.TF; the instruction after popfl
 * (the nop at probe_singlestep_site, 1 byte) runs, then #DB traps. */
	.text
	.globl	probe_singlestep, probe_singlestep_site
probe_singlestep:
	pushfl
	orl	$0x100, (%esp)
	popfl
probe_singlestep_site:
	nop
	ret
