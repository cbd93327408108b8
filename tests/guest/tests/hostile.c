// SPDX-License-Identifier: GPL-2.0
/*
 * The hostile group: instructions and calls a guest kernel must not get
 * away with.  Each must fault back into the guest, or end with the host
 * killing the guest (tests.def says which).
 */
#include <lguest/abi.h>
#include <lguest/hcall.h>
#include "lguest.h"
#include "platform.h"
#include "probes.h"
#include "tests.h"
#include "traps.h"
#include "x86.h"

#define BAD_HCALL	9999u

/* SYSENTER_CS is 0 (the host zeroes it; reset value natively): #GP, or #UD
 * on AMD in long mode (sysenter_faults()). */
void test_sysenter(void)
{
	fault_clear();
	probe_sysenter();
	expect_fault("sysenter", sysenter_faults());
}

/*G:435 What SYSENTER with SYSENTER_CS 0 raises, as a vector mask: #GP(0)
 * in 32-bit mode on any CPU, which is the native case.  Under lguest the
 * CPU is in long mode, where Intel raises the same #GP and AMD a #UD
 * (SYSENTER does not exist in AMD's long mode; QEMU's TCG gives #GP
 * there too), so both count. */
uint32_t sysenter_faults(void)
{
	uint32_t want = 1u << X86_TRAP_GP;

	return on_lguest() ? want | 1u << X86_TRAP_UD : want;
}

/* EFER.SCE is clear (the host clears it; 32-bit mode natively): #UD. */
void test_syscall(void)
{
	fault_clear();
	probe_syscall();
	expect_fault("syscall", 1u << X86_TRAP_UD);
}

/*G:430 Invariant 4 from inside: "int n" from ring 1 reaches a gate only
 * for #BP and #OF (traps: reported after the instruction, at its fixup)
 * -- the hypercall and system call vectors are tested elsewhere.  Every
 * other vector is a #GP naming the IDT entry, a fault reported at the int
 * instruction itself.  The CPU's error code is n*8+2; QEMU's TCG pushes
 * n*16+2 for a 64-bit IDT, so both count. */
int softint_ok(uint32_t n, const struct fault_info *fi)
{
	if (n == X86_TRAP_BP || n == X86_TRAP_OF)
		return fi->vector == n && fi->eip == fi->fixup;
	return fi->vector == X86_TRAP_GP && fi->eip != fi->fixup &&
	       (fi->error == n * 8 + 2 || fi->error == n * 16 + 2);
}

void test_softint(void)
{
	struct fault_info fi = { 0, 0, 0, 0, 0, 0 };
	uint32_t n, tried = 0;

	if (!lguest_only("softint"))
		return;
	for (n = 0; n < 256; n++) {
		if (n == LGUEST_HCALL_VECTOR || n == LGUEST_SYSCALL_VECTOR)
			continue;
		fault_clear();
		probe_int[n]();
		tried++;
		if (!fault_taken(&fi) || !softint_ok(n, &fi)) {
			report_fail("softint", "int $%u: vector %u error %x eip %x", n,
				    fi.vector, fi.error, fi.eip);
			return;
		}
	}
	report_pass("softint", "%u vectors: #GP naming the gate, #BP and #OF delivered", tried);
}

void test_crash(void)
{
	pv.crash("deliberate crash from test");
}

void test_badhcall(void)
{
	uint32_t ret;

	if (!lguest_only("badhcall"))
		return;
	ret = hcall(BAD_HCALL, 0, 0, 0, 0);
	report_fail("badhcall", "hypercall %u returned %x", BAD_HCALL, ret);
}
