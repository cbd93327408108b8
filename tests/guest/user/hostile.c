// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile ring-3 code: instructions and segment loads that must fault
 * back into the guest kernel.  Each probe is in the exception table, so
 * the kernel records the fault and resumes after it; then SYS_CHECK asks
 * the kernel's test whether that was the right fault (tests/userhostile.c).
 */
#include "extable.h"
#include "progs.h"
#include "ulib.h"

/* hostile.S */
extern void (*const u_int_probe[256])(void);
uint32_t u_try_ljmp(uint32_t sel);

#define PRIV_RUN(name, insn)						\
	asm volatile("1: " insn "\n2:\n" EXTABLE(1b, 2b)		\
		     : : : "eax", "ecx", "edx", "memory");		\
	sys_check(CHECK_PRIV, PRIV_##name);

/* First ask for IOPL 3 and IF 0 with popf, which at CPL 3 must change
 * neither (and does not fault): were it to work, the probes after it
 * would not fault either. */
uint32_t u_priv(uint32_t arg)
{
	(void)arg;
	asm volatile("pushl %0\n\tpopfl" : : "r"(EFLAGS_GREEDY) : "cc", "memory");
	sys_check(CHECK_EFLAGS, 0);
	PRIV_PROBES(PRIV_RUN)
	return 0;
}

uint32_t u_fastcall(uint32_t arg)
{
	(void)arg;
	asm volatile("1: sysenter\n2:\n" EXTABLE(1b, 2b) : : : "memory");
	sys_check(CHECK_FASTCALL, 0);
	asm volatile("1: .byte 0x0f, 0x05\n2:\n" EXTABLE(1b, 2b)
		     : : : "ecx", "memory");
	sys_check(CHECK_FASTCALL, 1);
	return 0;
}

/* int $n for every n but the system call's own. */
uint32_t u_softint(uint32_t arg)
{
	uint32_t n;

	(void)arg;
	for (n = 0; n < 256; n++) {
		if (n == SYS_VECTOR)
			continue;
		u_int_probe[n]();
		sys_check(CHECK_SOFTINT, n);
	}
	return 0;
}

/* Load sel into a data segment register and put the old value back. */
#define LOAD_PROBE(reg, sel)						\
	asm volatile("mov %%" reg ", %%edx\n"				\
		     "1: mov %0, %%" reg "\n\tmov %%edx, %%" reg "\n2:\n"	\
		     EXTABLE(1b, 2b) : : "r"(sel) : "edx", "memory")

static void load_probe(uint32_t op, uint32_t sel)
{
	switch (op) {
	case 0:
		LOAD_PROBE("ds", sel);
		break;
	case 1:
		LOAD_PROBE("es", sel);
		break;
	case 2:
		LOAD_PROBE("fs", sel);
		break;
	case 3:
		LOAD_PROBE("gs", sel);
		break;
	case 4:
		LOAD_PROBE("ss", sel);
		break;
	}
}

/* The kernel's selectors (ring 1 under lguest) and the host's own. */
static const uint16_t kernel_sels[] = { 0x81, 0x89, 0x08, 0x10, 0x23, 0x33 };

uint32_t u_selectors(uint32_t arg)
{
	uint32_t i, op, sel, res;

	(void)arg;
	for (i = 0; i < sizeof(kernel_sels) / sizeof(kernel_sels[0]); i++) {
		sel = kernel_sels[i];
		for (op = 0; op < SEL_OPS; op++) {
			res = 0;
			if (op == SEL_LJMP)
				res = u_try_ljmp(sel);
			else
				load_probe(op, sel);
			sys_check(CHECK_SELECTOR, SEL_PROBE(op, sel, res));
		}
	}
	return 0;
}
