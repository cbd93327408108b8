// SPDX-License-Identifier: GPL-2.0
/*
 * Offsets and constants switcher.S needs, generated from the C structures
 * at build time (host/lg-asm-offsets.h), never typed in by hand.
 */
#include <linux/kbuild.h>
#include <linux/stddef.h>
#include <asm/mce.h>
#include "../switcher/switcher.h"

#define CPU_OFF(sym, member) OFFSET(sym, lg_cpu, member)
#define REG_OFF(sym, reg) DEFINE(sym, offsetof(struct lg_cpu, regs) + offsetof(struct lg_regs, reg))

int main(void)
{
	CPU_OFF(C_HOST_RSP, host.rsp);
	CPU_OFF(C_HOST_CR3, host.cr3);
	CPU_OFF(C_HOST_FS_BASE, host.fs_base);
	CPU_OFF(C_HOST_GS_BASE, host.gs_base);
	CPU_OFF(C_HOST_GDT, host.gdt);
	CPU_OFF(C_HOST_IDT, host.idt);
	CPU_OFF(C_HOST_TR, host.tr);
	CPU_OFF(C_HOST_LDT, host.ldt);
	CPU_OFF(C_HOST_SS, host.ss);
	CPU_OFF(C_HOST_DS, host.ds);
	CPU_OFF(C_HOST_ES, host.es);
	CPU_OFF(C_HOST_FS, host.fs);
	CPU_OFF(C_HOST_GS, host.gs);
	CPU_OFF(C_SHADOW_CR3, shadow_cr3);
	CPU_OFF(C_CR2, cr2);
	CPU_OFF(C_SWITCHER_FAULT, switcher_fault);
	CPU_OFF(C_SWITCHER_FAULT_RIP, switcher_fault_rip);
	CPU_OFF(C_NMI_PENDING, nmi_pending);
	CPU_OFF(C_MCE_PENDING, mce_pending);
	CPU_OFF(C_SC_OK, sc_ok);
	CPU_OFF(C_SC_EIP, sc_eip);
	CPU_OFF(C_SC_CS, sc_cs);
	CPU_OFF(C_SC_ESP, sc_esp);
	CPU_OFF(C_SC_SS, sc_ss);
	CPU_OFF(C_SC_IF, sc_if);
	CPU_OFF(C_SC_IRQ_ENABLED, sc_irq_enabled);
	CPU_OFF(C_SC_COUNT, sc_count);
	CPU_OFF(C_GDT_DESC, gdt_desc);
	CPU_OFF(C_IDT_DESC, idt_desc);
	BLANK();
	REG_OFF(C_REGS_DS, ds);
	REG_OFF(C_REGS_ES, es);
	REG_OFF(C_REGS_FS, fs);
	REG_OFF(C_REGS_GS, gs);
	REG_OFF(C_REGS_R15, r15);
	REG_OFF(C_REGS_RAX, rax);
	REG_OFF(C_REGS_TRAPNUM, trapnum);
	REG_OFF(C_REGS_ERRCODE, errcode);
	REG_OFF(C_REGS_RIP, rip);
	REG_OFF(C_REGS_CS, cs);
	REG_OFF(C_REGS_RFLAGS, rflags);
	REG_OFF(C_REGS_RSP, rsp);
	REG_OFF(C_REGS_SS, ss);
	BLANK();
	DEFINE(LG_TSS_SEL, LG_TSS_SEL);
	DEFINE(LG_TRAP_NONE, LG_TRAP_NONE);
	DEFINE(LG_MCG_RIPV, MCG_STATUS_RIPV);
	BUILD_BUG_ON(offsetof(struct lg_cpu, mce_pending) != offsetof(struct lg_cpu, nmi_pending) + 4);
	DEFINE(LG_SYSCALL_VECTOR, LGUEST_SYSCALL_VECTOR);
	DEFINE(LG_PAGE_NMI, LG_PAGE_NMI);
	DEFINE(LG_PAGE_DF, LG_PAGE_DF);
	DEFINE(LG_PAGE_MC, LG_PAGE_MC);
	return 0;
}
