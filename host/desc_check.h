/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation of the segment descriptors and IDT gates a guest asks for.
 * Pure logic with no kernel dependencies, so tests/unit/desc_test.c tests
 * the same code the module runs.
 */
#ifndef LG_DESC_CHECK_H
#define LG_DESC_CHECK_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
#endif

/* One entry of the guest's IDT, as the guest asked for it (validated). */
struct lg_idt_entry {
	uint32_t handler;
	uint16_t cs;
	bool present;
	bool trap_gate;		/* trap gates leave the virtual IF alone */
	uint8_t dpl;
};

/*
 * Check the 8-byte GDT descriptor (lo, hi) a guest wants.  On success
 * return NULL and store in *out the descriptor to install: DPL raised to
 * at least 1, accessed bit set.  On failure return why, for the kill.
 */
const char *lg_check_guest_desc(uint32_t lo, uint32_t hi, uint64_t *out);

/*
 * Check the 8-byte IDT gate (lo, hi) a guest wants: a not-present gate, or
 * a 32-bit interrupt or trap gate into one of the guest's own ring-1 code
 * selectors.  On success return NULL with *out filled in.
 */
const char *lg_check_guest_gate(uint32_t lo, uint32_t hi, struct lg_idt_entry *out);

/* Is this a ring-1 selector for one of the guest's own GDT entries? */
bool lg_selector_is_guest_kernel(uint32_t sel);

#endif /* LG_DESC_CHECK_H */
