/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types for the lguest ABI headers.  The same headers are
 * compiled into the host module (kernel), the Launcher (hosted C) and the
 * guest (freestanding C), so they take their types from whichever world
 * includes them and nothing else.
 */
#ifndef LGUEST_TYPES_H
#define LGUEST_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>	/* uint32_t and friends exist in the kernel too */
#else
#include <stdint.h>		/* freestanding-safe: gcc ships it */
#endif

#define LGUEST_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif /* LGUEST_TYPES_H */
