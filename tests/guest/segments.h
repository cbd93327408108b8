/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GDT entries ring 3 needs, at the same indices in both backends:
 * Linux i386's layout shifted up by 16, as the lguest ABI has it
 * (include/lguest/abi.h).  Natively the kernel's own code and data stay
 * at 1 and 2 and the TSS sits at 32; under lguest the host owns
 * everything below 16 and the kernel segments are 16 and 17.
 */
#ifndef GUEST_SEGMENTS_H
#define GUEST_SEGMENTS_H

#include <stdint.h>
#include <lguest/abi.h>
#include <x86/desc.h>

#define GDT_ENTRIES	(LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES)
#define GDT_TLS		LGUEST_GDT_TLS		/* 22, 23, 24 */
#define TLS_ENTRIES	LGUEST_TLS_ENTRIES
#define GDT_USER_CS	30
#define GDT_USER_DS	31
#define GDT_NATIVE_TSS	32

#define USER_CS		((GDT_USER_CS << 3) | 3)	/* 0xf3 */
#define USER_DS		((GDT_USER_DS << 3) | 3)	/* 0xfb */
#define TLS_SEL(i)	(((GDT_TLS + (i)) << 3) | 3)	/* 0xb3, 0xbb, 0xc3 */

/* A descriptor as the CPU and the hypercalls take it: low, high word. */
struct desc {
	uint32_t lo, hi;
};

/* A present 32-bit code or data segment: base, limit in pages, DPL. */
static inline struct desc desc_segment(uint32_t base, uint32_t pages,
				       uint32_t dpl, int code)
{
	uint32_t limit = pages - 1;	/* in 4 KiB units (G) */
	struct desc d;

	d.lo = (base << 16) | (limit & 0xffff);
	d.hi = (base & 0xff000000) | ((base >> 16) & 0xff) |
	       (limit & 0xf0000) | X86_DESC_G | X86_DESC_DB | X86_DESC_P |
	       (dpl << X86_DESC_DPL_SHIFT) | X86_DESC_S | X86_DESC_WRITABLE |
	       (code ? X86_DESC_CODE : 0);
	return d;
}

/* The flat ring-3 segments: all 4 GiB, code and data. */
static inline struct desc desc_user_code(void)
{
	return desc_segment(0, 0x100000, 3, 1);
}

static inline struct desc desc_user_data(void)
{
	return desc_segment(0, 0x100000, 3, 0);
}

#endif /* GUEST_SEGMENTS_H */
