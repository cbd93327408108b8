/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation of the segment descriptors a guest asks for.  Pure logic with
 * no kernel dependencies, so tests/unit/desc_test.c tests the same code the
 * module runs.
 */
#ifndef LG_DESC_CHECK_H
#define LG_DESC_CHECK_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/*
 * Check the 8-byte GDT descriptor (lo, hi) a guest wants.  On success
 * return NULL and store in *out the descriptor to install: DPL raised to
 * at least 1, accessed bit set.  On failure return why, for the kill.
 */
const char *lg_check_guest_desc(uint32_t lo, uint32_t hi, uint64_t *out);

#endif /* LG_DESC_CHECK_H */
