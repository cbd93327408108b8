// SPDX-License-Identifier: GPL-2.0
#include <lguest/abi.h>
#include <x86/desc.h>
#include "desc_check.h"

#define D_ACCESSED	X86_DESC_ACCESSED
#define D_CONFORMING	X86_DESC_CONFORMING
#define D_CODE		X86_DESC_CODE
#define D_S		X86_DESC_S
#define D_DPL_SHIFT	X86_DESC_DPL_SHIFT
#define D_DPL_MASK	X86_DESC_DPL_MASK
#define D_L		X86_DESC_L
#define D_DB		X86_DESC_DB

/*H:300 What a guest may put in its GDT (invariant 1).  Only code and data
 * segments: a system descriptor could be a call gate or a TSS, doors into
 * ring 0.  No 64-bit code (L=1): the guest must never leave compatibility
 * mode.  No conforming code, which would run at the caller's privilege.
 * No 16-bit data segment, because iret to a 16-bit stack restores only the
 * low half of ESP and leaves the rest of the host's RSP visible to the
 * guest.  And DPL 0 becomes DPL 1: a guest kernel believes it owns ring 0,
 * but it lives in ring 1.  A null descriptor (all zero) clears the entry.
 */
const char *lg_check_guest_desc(uint32_t lo, uint32_t hi, uint64_t *out)
{
	if (lo == 0 && hi == 0) {
		*out = 0;
		return 0;
	}
	if (!(hi & D_S))
		return "system descriptor";
	if (hi & D_CODE) {
		if (hi & D_L)
			return "64-bit code segment";
		if (hi & D_CONFORMING)
			return "conforming code segment";
	} else {
		if (!(hi & D_DB))
			return "16-bit data segment";
		if (hi & D_L)
			return "L bit in data segment";
	}
	if ((hi & D_DPL_MASK) == 0)
		hi |= 1u << D_DPL_SHIFT;
	hi |= D_ACCESSED;
	*out = ((uint64_t)hi << 32) | lo;
	return 0;
}

bool lg_selector_is_guest_kernel(uint32_t sel)
{
	uint32_t index = sel >> 3;

	return (sel & 7) == 1 && index >= LGUEST_GDT_FIRST &&
	       index < LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES;
}

/*H:310 What a guest may put in its IDT.  The CPU never sees these gates
 * (it runs on the switcher's IDT); the host reads them when it reflects a
 * trap, so only a 32-bit interrupt or trap gate into the guest's own
 * ring-1 code makes sense.  DPL 0 means "the kernel's": the guest kernel
 * lives in ring 1.  A not-present gate clears the entry.
 */
const char *lg_check_guest_gate(uint32_t lo, uint32_t hi, struct lg_idt_entry *out)
{
	uint32_t type = (hi >> X86_GATE_TYPE_SHIFT) & X86_GATE_TYPE_MASK;
	uint32_t dpl = (hi & X86_DESC_DPL_MASK) >> X86_DESC_DPL_SHIFT;
	uint32_t sel = (lo >> 16) | 1;

	*out = (struct lg_idt_entry){ 0 };
	if (!(hi & X86_DESC_P))
		return 0;
	if (type != X86_GATE_INTR32 && type != X86_GATE_TRAP32)
		return "not a 32-bit interrupt or trap gate";
	if (!lg_selector_is_guest_kernel(sel & ~2u))
		return "selector is not guest kernel code";
	out->handler = (hi & 0xffff0000u) | (lo & 0xffffu);
	out->cs = sel & ~2u;
	out->trap_gate = type == X86_GATE_TRAP32;
	out->dpl = dpl ? dpl : 1;
	out->present = true;
	return 0;
}
