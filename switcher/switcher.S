/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The world switch.  Read switcher.h first for struct lg_cpu.
 *
 * Rules that make this safe:
 *  - From the moment our IDT is loaded on the way in until the host's IDT
 *    is back on the way out, %rsp stays inside page 0 of this CPU's
 *    struct lg_cpu.  So any trap taken by the switcher itself (an NMI, or
 *    a fault on a guest selector or on iretq) can find the struct from the
 *    interrupted %rsp alone.
 *  - Traps from the guest find it from their own stack: RSP0 is inside
 *    page 0; the IST stacks are pages LG_PAGE_NMI/DF/MC.
 *  - The exit path restores everything from struct lg_host_state, so it is
 *    correct from any half-switched state.
 *
 * For objtool (whose warnings fail the build): every entry the CPU reaches
 * by event delivery starts with ENDBR, and every place %rsp jumps to
 * another stack carries an unwind hint saying what that stack holds.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/ibt.h>
#include <asm/unwind_hints.h>
#include <asm/msr-index.h>
#include <asm/segment.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <x86/vectors.h>
#include "lg-asm-offsets.h"

/*
 * The stubs are entered by event delivery, which IBT treats as an indirect
 * branch, so each starts with ENDBR.  A kernel built without
 * CONFIG_X86_KERNEL_IBT (Debian's 6.1) defines ENDBR as nothing; the stubs
 * begin with endbr64 there too (a NOP to a CPU not enforcing IBT), so the
 * entry code is the same on every kernel and one check of the listing
 * covers them all.
 */
#if HAS_KERNEL_IBT
#define LG_ENDBR	ENDBR
#else
#define LG_ENDBR	endbr64
#endif

/* Where the unwinder finds the caller of lg_switch_to_guest: above its six
 * pushes, its pushfq and the return address.
 */
#define LG_HOST_FRAME	(8 * 8)

/* Where the iret frame is on c->regs, above %rsp pointing at r15 or rax. */
.set LG_IRET_ABOVE_R15, C_REGS_RIP - C_REGS_R15
.set LG_IRET_ABOVE_RAX, C_REGS_RIP - C_REGS_RAX

	.text
	.code64

.macro RDMSR_TO msr, field
	movl	$\msr, %ecx
	rdmsr
	movl	%eax, \field(%rbx)
	movl	%edx, \field+4(%rbx)
.endm

.macro WRMSR_FROM msr, field
	movl	$\msr, %ecx
	movl	\field(%rbx), %eax
	movl	\field+4(%rbx), %edx
	wrmsr
.endm

/*S:200 Into the guest.  lg_switch_to_guest(struct lg_cpu *c) is called
 * with interrupts off, the guest's registers in c->regs and the guest's
 * page-table root in c->shadow_cr3.  It saves what the host needs back,
 * loads our IDT first (so that from here on any trap lands in code that
 * knows how to restore the host), then GDT, TR, LDT, CR3, the guest's data
 * segments, and finally iretq's to ring 1 in compatibility mode.  It
 * "returns" when the guest traps: see lg_exit.  Called from C, but not a C
 * function to objtool: its own end is an iretq, and lg_exit returns.
 */
SYM_CODE_START(lg_switch_to_guest)
	UNWIND_HINT_FUNC
	ENDBR
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq				/* the host's flags: DF and AC clear, IF off */
	movq	%rdi, %rbx
	movq	%rsp, C_HOST_RSP(%rbx)

	sgdt	C_HOST_GDT(%rbx)
	sidt	C_HOST_IDT(%rbx)
	str	C_HOST_TR(%rbx)
	sldt	C_HOST_LDT(%rbx)
	movw	%ss, C_HOST_SS(%rbx)
	movw	%ds, C_HOST_DS(%rbx)
	movw	%es, C_HOST_ES(%rbx)
	movw	%fs, C_HOST_FS(%rbx)
	movw	%gs, C_HOST_GS(%rbx)
	movq	%cr3, %rax
	movq	%rax, C_HOST_CR3(%rbx)
	RDMSR_TO MSR_FS_BASE, C_HOST_FS_BASE
	RDMSR_TO MSR_GS_BASE, C_HOST_GS_BASE

	leaq	C_REGS_R15(%rbx), %rsp
	/* On c->regs now: the guest's registers, under its iret frame. */
	UNWIND_HINT_IRET_REGS offset=LG_IRET_ABOVE_R15
	lidt	C_IDT_DESC(%rbx)
	lgdt	C_GDT_DESC(%rbx)
	movl	$LG_TSS_SEL, %eax
	ltr	%ax
	cmpw	$0, C_HOST_LDT(%rbx)	/* the usual case: no LDT to hide */
	je	1f
	xorl	%eax, %eax
	lldt	%ax
1:	movq	C_SHADOW_CR3(%rbx), %rax
	movq	%rax, %cr3

	/* A selector the guest's GDT no longer backs faults here, at CPL0:
	 * lg_switcher_fault turns that into a dead guest, not a dead host.
	 */
	movw	C_REGS_DS(%rbx), %ds
	movw	C_REGS_ES(%rbx), %es
	movw	C_REGS_FS(%rbx), %fs
	movw	C_REGS_GS(%rbx), %gs

	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* trapnum, errcode */
	iretq
SYM_CODE_END(lg_switch_to_guest)

/*S:210 Out of the guest.  Every vector has a stub that makes the frame
 * uniform (an error code of 0 where the CPU pushes none, then the vector)
 * and jumps to lg_trap_common, which saves the guest's general registers
 * into c->regs, right under the frame the CPU pushed there.
 */
SYM_CODE_START_LOCAL_NOALIGN(lg_trap_common)
	UNWIND_HINT_IRET_REGS offset=16
	testb	$3, 24(%rsp)		/* interrupted CS: ring 0 is us */
	jz	lg_ring0_trap
	pushq	%rax
.Lpush_rest:
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rbx
	andq	$PAGE_MASK, %rbx	/* struct lg_cpu */
	jmp	lg_exit
SYM_CODE_END(lg_trap_common)

/* NMI, #DF and #MC arrive on IST stacks: copy the frame into c->regs and
 * carry on as if it had been pushed there.
 */
.macro IST_FROM_GUEST page
	movq	%rax, -8(%rsp)
	movq	%rbx, -16(%rsp)
	movq	%rsp, %rbx
	andq	$PAGE_MASK, %rbx
	subq	$(\page * PAGE_SIZE), %rbx
	.irp	field, C_REGS_TRAPNUM, C_REGS_ERRCODE, C_REGS_RIP, C_REGS_CS, C_REGS_RFLAGS, C_REGS_RSP, C_REGS_SS
	movq	(\field - C_REGS_TRAPNUM)(%rsp), %rax
	movq	%rax, \field(%rbx)
	.endr
	movq	-8(%rsp), %rax
	movq	%rax, C_REGS_RAX(%rbx)
	movq	-16(%rsp), %rax
	leaq	C_REGS_RAX(%rbx), %rsp
	UNWIND_HINT_IRET_REGS offset=LG_IRET_ABOVE_RAX
	movq	%rax, %rbx
	jmp	.Lpush_rest
.endm

SYM_CODE_START_LOCAL(lg_nmi_common)
	UNWIND_HINT_IRET_REGS offset=16
	testb	$3, 24(%rsp)
	jz	lg_nmi_in_switcher
	IST_FROM_GUEST LG_PAGE_NMI
SYM_CODE_END(lg_nmi_common)

SYM_CODE_START_LOCAL(lg_df_common)
	UNWIND_HINT_IRET_REGS offset=16
	testb	$3, 24(%rsp)
	jz	lg_switcher_fault
	IST_FROM_GUEST LG_PAGE_DF
SYM_CODE_END(lg_df_common)

SYM_CODE_START_LOCAL(lg_mc_common)
	UNWIND_HINT_IRET_REGS offset=16
	testb	$3, 24(%rsp)
	jz	lg_mc_in_switcher
	IST_FROM_GUEST LG_PAGE_MC
SYM_CODE_END(lg_mc_common)

/* With %rax pushed over a trap frame taken in the switcher: set the
 * struct lg_cpu flag at offset \field (found from the interrupted %rsp,
 * which is in page 0) and resume the interrupted code. */
.macro NOTE_AND_RESUME field
	movq	48(%rsp), %rax		/* interrupted %rsp */
	andq	$PAGE_MASK, %rax
	movl	$1, \field(%rax)
	popq	%rax
	addq	$16, %rsp		/* vector, error code */
	iretq
.endm

/*S:220 An NMI while the switcher is half way: note it for the host, which
 * raises it again once it is whole (core code), and go back to where we
 * were.  The iretq re-enables NMIs.
 */
SYM_CODE_START_LOCAL(lg_nmi_in_switcher)
	UNWIND_HINT_IRET_REGS offset=16
	pushq	%rax
	NOTE_AND_RESUME C_NMI_PENDING
SYM_CODE_END(lg_nmi_in_switcher)

/*S:225 A machine check while the switcher is half way is the host's
 * business too: if the CPU says the interrupted code can go on
 * (MCG_STATUS.RIPV), note it like an NMI and go back; the host hands it
 * to its machine-check handling once it is whole.  If not, there is no
 * going back: restore the host from here (S:230), which then does the
 * same and ends the guest.
 */
SYM_CODE_START_LOCAL(lg_mc_in_switcher)
	UNWIND_HINT_IRET_REGS offset=16
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	movl	$MSR_IA32_MCG_STATUS, %ecx
	rdmsr
	popq	%rdx
	popq	%rcx
	testb	$LG_MCG_RIPV, %al
	jz	1f
	NOTE_AND_RESUME C_MCE_PENDING
1:	popq	%rax
	jmp	lg_switcher_fault
SYM_CODE_END(lg_mc_in_switcher)

/*S:250 A system call from ring 3, "int $0x80", without leaving the guest
 * world: no CR3 switch, no host state to restore.  The host decided
 * before entry (c->sc_ok) that the guest has a usable gate and kernel
 * stack and no interrupt waiting.  The stub does what a 32-bit CPU would
 * have done through the guest's gate: push the ring-crossing frame (eip,
 * cs, eflags, esp, ss) on the guest's ring-1 stack -- written through the
 * guest's own page tables, at ring 0 -- set the virtual IF as the gate
 * type says, and iretq to the handler at ring 1.  The writes are the only
 * instructions that can fault (stack not mapped yet, read-only, a user
 * page under SMAP): lg_ring0_trap sends such a fault to .Lsc_fallback,
 * and the call takes the ordinary exit, where the host does the same job
 * in C.  Every other register is the guest's, untouched.
 *
 * On entry: vector, error code (0), then the CPU's frame.
 */
#define SC_RIP	48			/* after the four pushes below */
#define SC_CS	56
#define SC_FLAGS 64
#define SC_RSP	72
#define SC_SS	80
lg_syscall_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	movq	%rsp, %rbx
	andq	$PAGE_MASK, %rbx	/* struct lg_cpu */
	cmpl	$0, C_SC_OK(%rbx)
	je	.Lsc_slow
	movl	SC_CS(%rsp), %eax
	andl	$3, %eax
	cmpl	$3, %eax
	jne	.Lsc_slow		/* from ring 1: the host judges the gate DPL */
	movl	C_SC_ESP(%rbx), %eax	/* zero-extended: a guest address */
	subl	$20, %eax
	movl	SC_RIP(%rsp), %ecx
	movl	SC_CS(%rsp), %edx
.Lsc_write_start:
	movl	%ecx, 0(%rax)
	movl	%edx, 4(%rax)
	movl	SC_FLAGS(%rsp), %ecx
	movl	SC_RSP(%rsp), %edx
	movl	%ecx, 8(%rax)
	movl	%edx, 12(%rax)
	movl	SC_SS(%rsp), %ecx
	movl	%ecx, 16(%rax)
.Lsc_write_end:
	movq	%rax, SC_RSP(%rsp)
	movl	C_SC_SS(%rbx), %ecx
	movq	%rcx, SC_SS(%rsp)
	movl	C_SC_EIP(%rbx), %ecx
	movq	%rcx, SC_RIP(%rsp)
	movl	C_SC_CS(%rbx), %ecx
	movq	%rcx, SC_CS(%rsp)
	andq	$~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM), SC_FLAGS(%rsp)
	movq	C_SC_IRQ_ENABLED(%rbx), %rcx
	movl	C_SC_IF(%rbx), %edx
	movl	%edx, (%rcx)
	incq	C_SC_COUNT(%rbx)
	/* An NMI or machine check noted meanwhile must reach the host soon: leave the world
	 * now, the call already delivered, as an exit that is no trap.
	 */
	cmpq	$0, C_NMI_PENDING(%rbx)	/* and C_MCE_PENDING beside it */
	jne	.Lsc_exit_now
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector, error code */
	iretq

.Lsc_exit_now:
	movq	$LG_TRAP_NONE, 32(%rsp)	/* the vector slot */
.Lsc_fallback:
.Lsc_slow:
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	jmp	lg_trap_common

/* A trap taken at ring 0 inside the switcher: a fault writing the
 * in-world system call's frame goes to its fallback; anything else is
 * a switcher fault (S:230).  Stack: vector, error code, the CPU's frame.
 */
lg_ring0_trap:
	pushq	%rax
	leaq	.Lsc_write_start(%rip), %rax
	cmpq	%rax, 24(%rsp)		/* interrupted %rip */
	jb	1f
	leaq	.Lsc_write_end(%rip), %rax
	cmpq	%rax, 24(%rsp)
	jae	1f
	leaq	.Lsc_fallback(%rip), %rax
	movq	%rax, 24(%rsp)
	popq	%rax
	addq	$16, %rsp
	iretq
1:	popq	%rax
	/* fall through */

/*S:230 Any other trap in ring 0 here is the switcher faulting on the
 * guest's behalf -- loading a segment or iretq'ing to a frame that the
 * guest's descriptors no longer allow.  Record it and restore the host;
 * the host kills the guest with the reason.
 */
SYM_CODE_START_LOCAL(lg_switcher_fault)
	UNWIND_HINT_IRET_REGS offset=16
	movq	40(%rsp), %rbx		/* interrupted %rsp */
	andq	$PAGE_MASK, %rbx
	movq	0(%rsp), %rax
	incq	%rax
	movq	%rax, C_SWITCHER_FAULT(%rbx)
	movq	16(%rsp), %rax
	movq	%rax, C_SWITCHER_FAULT_RIP(%rbx)
	leaq	C_REGS_R15(%rbx), %rsp
	/* fall through, to lg_exit's unwind hint */
SYM_CODE_END(lg_switcher_fault)

/*S:240 Back to the host, %rbx = struct lg_cpu.  Order matters: CR3 first
 * (the guest's tables map nothing of the host's user half), then TR
 * through our GDT's copy of the host TSS descriptor, the host GDT and LDT,
 * the segment registers, then FS and GS bases -- before any C runs, since
 * per-CPU data and the stack protector live behind GS -- and the host IDT
 * last.  Only then do we leave page 0 for the host stack, where the host's
 * RFLAGS wait too.
 */
SYM_CODE_START_LOCAL_NOALIGN(lg_exit)
	UNWIND_HINT_IRET_REGS offset=LG_IRET_ABOVE_R15
	movq	%cr2, %rax
	movq	%rax, C_CR2(%rbx)
	movl	%ds, %eax
	movq	%rax, C_REGS_DS(%rbx)
	movl	%es, %eax
	movq	%rax, C_REGS_ES(%rbx)
	movl	%fs, %eax
	movq	%rax, C_REGS_FS(%rbx)
	movl	%gs, %eax
	movq	%rax, C_REGS_GS(%rbx)

	movq	C_HOST_CR3(%rbx), %rax
	movq	%rax, %cr3
	/* Once TR is the host's, this path must not load it again: a trap
	 * taken further on (a machine check) comes back here with the host
	 * GDT loaded, where the host's TSS descriptor is busy.
	 */
	str	%ax
	cmpw	C_HOST_TR(%rbx), %ax
	je	2f
	ltr	C_HOST_TR(%rbx)
2:	lgdt	C_HOST_GDT(%rbx)
	cmpw	$0, C_HOST_LDT(%rbx)
	je	1f
	lldt	C_HOST_LDT(%rbx)
1:	movw	C_HOST_SS(%rbx), %ss
	movw	C_HOST_DS(%rbx), %ds
	movw	C_HOST_ES(%rbx), %es
	movw	C_HOST_FS(%rbx), %fs
	movw	C_HOST_GS(%rbx), %gs
	WRMSR_FROM MSR_FS_BASE, C_HOST_FS_BASE
	WRMSR_FROM MSR_GS_BASE, C_HOST_GS_BASE
	lidt	C_HOST_IDT(%rbx)

	movq	C_HOST_RSP(%rbx), %rsp
	/* Back on the host stack, as lg_switch_to_guest left it. */
	UNWIND_HINT type=UNWIND_HINT_TYPE_CALL sp_reg=ORC_REG_SP sp_offset=LG_HOST_FRAME
	/* A trap does not clear DF or AC: left as the guest set them, the
	 * host's string instructions would run backwards and SMAP would be
	 * off.  The host's own flags come back whole.
	 */
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	RET
SYM_CODE_END(lg_exit)

/* The 256 entry stubs, and a table of their addresses for setup.c. */
.macro STUB vec
	.noaltmacro		/* the kernel's macros below want the plain syntax */
	.p2align 4
SYM_CODE_START_LOCAL_NOALIGN(lg_stub_\vec)
	.if X86_HAS_ERRCODE(\vec)
	UNWIND_HINT_IRET_REGS offset=8
	LG_ENDBR
	.else
	UNWIND_HINT_IRET_REGS
	LG_ENDBR
	pushq	$0
	.endif
	pushq	$\vec
	.if \vec == 2
	jmp	lg_nmi_common
	.elseif \vec == 8
	jmp	lg_df_common
	.elseif \vec == 18
	jmp	lg_mc_common
	.elseif \vec == 0x80
	jmp	lg_syscall_common
	.else
	jmp	lg_trap_common
	.endif
SYM_CODE_END(lg_stub_\vec)
	.altmacro
.endm

/* Invoke macro \m on each number from \from to \to: gas can only turn a
 * counter into part of a symbol name through recursion.
 */
.altmacro
.macro FOR_EACH m, from, to
	\m %from
	.if \to-\from
	FOR_EACH \m, %(from+1), \to
	.endif
.endm

	.p2align 4
	FOR_EACH STUB, 0, 63
	FOR_EACH STUB, 64, 127
	FOR_EACH STUB, 128, 191
	FOR_EACH STUB, 192, 255

.macro STUB_ADDR vec
	.quad lg_stub_\vec
.endm
.noaltmacro

	.section .rodata
	.p2align 3
SYM_DATA_START(lg_stub_table)
.altmacro
	FOR_EACH STUB_ADDR, 0, 63
	FOR_EACH STUB_ADDR, 64, 127
	FOR_EACH STUB_ADDR, 128, 191
	FOR_EACH STUB_ADDR, 192, 255
.noaltmacro
SYM_DATA_END(lg_stub_table)

	.text
/*
 * lg_call_host_handler(target): call a host IDT handler on a frame that
 * looks like the CPU delivered an interrupt to ring 0 here, with
 * interrupts off.  Its iretq returns below with interrupts still off.
 */
SYM_FUNC_START(lg_call_host_handler)
	pushq	%rbp
	movq	%rsp, %rbp
	andq	$-16, %rsp
	pushq	$__KERNEL_DS		/* ss */
	pushq	%rbp			/* rsp */
	pushfq				/* rflags */
	pushq	$__KERNEL_CS		/* cs */
	CALL_NOSPEC rdi			/* rip */
	leave
	RET
SYM_FUNC_END(lg_call_host_handler)
