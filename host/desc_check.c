// SPDX-License-Identifier: GPL-2.0
#include "desc_check.h"

/* Bits of a descriptor's high word (Intel SDM vol. 3, 3.4.5). */
#define D_ACCESSED	(1u << 8)
#define D_CONFORMING	(1u << 10)	/* code segments */
#define D_CODE		(1u << 11)
#define D_S		(1u << 12)	/* code or data, not system */
#define D_DPL_SHIFT	13
#define D_DPL_MASK	(3u << D_DPL_SHIFT)
#define D_L		(1u << 21)	/* 64-bit code */
#define D_DB		(1u << 22)	/* 32-bit code / big stack */

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
