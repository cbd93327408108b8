/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lguest backend's own interface, for the few callers that must talk
 * to the host directly (the hostile-guest tests).
 */
#ifndef GUEST_LGUEST_H
#define GUEST_LGUEST_H

#include <stdint.h>
#include <lguest/lguest_data.h>

/* The page shared with the host (LHCALL_INIT). */
extern struct lguest_data lguest_data;

/* int $0x1f: call nr with up to four arguments; returns %eax. */
static inline uint32_t hcall(uint32_t nr, uint32_t a1, uint32_t a2,
			     uint32_t a3, uint32_t a4)
{
	asm volatile("int $0x1f"
		     : "+a"(nr), "+b"(a1), "+c"(a2), "+d"(a3), "+S"(a4)
		     : : "memory", "cc");
	return nr;
}

#endif /* GUEST_LGUEST_H */
