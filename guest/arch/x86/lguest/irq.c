// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts under lguest.  The CPU's interrupt flag is the host's (always
 * on while we run); ours is a word in lguest_data, which the host reads
 * before it delivers one of our interrupts.  Disabling interrupts is a
 * store, asking whether they are enabled is a load: both are patched into
 * the kernel's call sites at boot.  Enabling them must also ask the host
 * for any that arrived meanwhile, so it stays a call.
 */
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <asm/alternative.h>
#include <asm/cmdline.h>
#include <asm/desc.h>
#include <asm/hw_irq.h>
#include <asm/irq_vectors.h>
#include <asm/paravirt.h>
#include <asm/setup.h>
#include "lguest.h"

/*P:300 The irq ops, in the register-preserving convention Linux calls
 * them with (PV_CALLEE_SAVE).
 */
static __used unsigned long lguest_save_fl(void)
{
	return READ_ONCE(lguest_data.irq_enabled);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_save_fl);

static __used void lguest_irq_disable(void)
{
	WRITE_ONCE(lguest_data.irq_enabled, 0);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_irq_disable);

/* An interrupt the host held back while ours were off is now due: one
 * hypercall lets it deliver it on the way back.
 */
static __used void lguest_irq_enable(void)
{
	WRITE_ONCE(lguest_data.irq_enabled, X86_EFLAGS_IF);
	barrier();
	if (unlikely(READ_ONCE(lguest_data.irq_pending)))
		lguest_hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_irq_enable);

/* "sti; hlt" as one step: the host sleeps only if nothing is pending. */
static void lguest_safe_halt(void)
{
	WRITE_ONCE(lguest_data.irq_enabled, X86_EFLAGS_IF);
	lguest_hcall(LHCALL_HALT, 0, 0, 0);
}

static void lguest_halt(void)
{
	lguest_hcall(LHCALL_HALT, 0, 0, 0);
}

void __init lguest_init_irq_ops(void)
{
	pv_ops.irq.save_fl = PV_CALLEE_SAVE(lguest_save_fl);
	pv_ops.irq.irq_disable = PV_CALLEE_SAVE(lguest_irq_disable);
	pv_ops.irq.irq_enable = PV_CALLEE_SAVE(lguest_irq_enable);
	pv_ops.irq.safe_halt = lguest_safe_halt;
	pv_ops.irq.halt = lguest_halt;
}

/*P:310 Our interrupt controller is a word too: bit n of
 * lguest_data.blocked_irqs masks interrupt n, which the host then holds.
 */
static void lguest_mask_irq(struct irq_data *d)
{
	set_bit(d->irq, (unsigned long *)&lguest_data.blocked_irqs);
}

static void lguest_unmask_irq(struct irq_data *d)
{
	clear_bit(d->irq, (unsigned long *)&lguest_data.blocked_irqs);
}

static struct irq_chip lguest_irq_chip = {
	.name		= "lguest",
	.irq_mask	= lguest_mask_irq,
	.irq_mask_ack	= lguest_mask_irq,
	.irq_unmask	= lguest_unmask_irq,
};

/*P:320 x86_init.irqs.intr_init: interrupt n arrives through vector
 * FIRST_EXTERNAL_VECTOR + n (LGUEST_IRQ_BASE), where Linux's per-vector
 * stubs find its descriptor.  There is no PIC and no APIC to program.
 */
void __init lguest_init_irqs(void)
{
	unsigned int i;

	BUILD_BUG_ON(LGUEST_IRQ_BASE != FIRST_EXTERNAL_VECTOR);
	for (i = 0; i < LGUEST_IRQS; i++) {
		int err = irq_alloc_desc_at(i, 0);

		if (err < 0 && err != -EEXIST)
			panic("lguest: no descriptor for interrupt %u", i);
		irq_set_chip_and_handler_name(i, &lguest_irq_chip, handle_level_irq, "level");
		per_cpu(vector_irq, 0)[FIRST_EXTERNAL_VECTOR + i] = irq_to_desc(i);
	}
	idt_setup_apic_and_irq_gates();
}

/*P:330 Inline patching.  Every irq-op call site in 6.1 is an alternative
 * (paravirt.h): the native instruction, or with X86_FEATURE_LGUEST_PATCH
 * set our sequence -- "cli" becomes a byte store clearing the IF bit of
 * lguest_data.irq_enabled, "pushf" a load of that word.  Enabling (sti,
 * and popf, which 6.1 folds into "enable if IF was set") stays a direct
 * call, made so by paravirt patching.  "lguest_nopatch" on the command
 * line leaves every site a call, to compare the two.
 */
static bool lguest_nopatch __initdata;

bool __init lguest_patching_wanted(void)
{
	lguest_nopatch = cmdline_find_option_bool(boot_command_line, "lguest_nopatch");
	return !lguest_nopatch;
}

static int __init lguest_nopatch_param(char *unused)
{
	return 1;	/* read in lguest_patching_wanted(); consumed here */
}
__setup("lguest_nopatch", lguest_nopatch_param);

/* The replacements' first bytes: "mov moffs32, %eax" and "movb $imm8, m8". */
#define OPCODE_MOV_TO_EAX	0xa1
#define OPCODE_MOVB_IMM		0xc6

static int __init lguest_report_patching(void)
{
	unsigned int pushf = 0, cli = 0, sti = 0;
	struct paravirt_patch_site *p;
	struct alt_instr *a;

	if (!boot_cpu_has(X86_FEATURE_LGUEST))
		return 0;	/* a native boot: nothing of ours was patched */
	for (p = __parainstructions; p < __parainstructions_end; p++)
		sti += p->type == PARAVIRT_PATCH(irq.irq_enable.func);
	if (!boot_cpu_has(X86_FEATURE_LGUEST_PATCH)) {
		pr_info("lguest: inline patching off (lguest_nopatch): irq ops stay calls\n");
		return 0;
	}
	for (a = __alt_instructions; a < __alt_instructions_end; a++) {
		const u8 *repl = (const u8 *)&a->repl_offset + a->repl_offset;

		if (a->cpuid != X86_FEATURE_LGUEST_PATCH || !a->replacementlen)
			continue;
		pushf += repl[0] == OPCODE_MOV_TO_EAX;
		cli += repl[0] == OPCODE_MOVB_IMM;
	}
	pr_info("lguest: patched inline: %u cli, %u pushf sites; %u sti/popf sites call lguest_irq_enable\n",
		cli, pushf, sti);
	return 0;
}
early_initcall(lguest_report_patching);
