/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 descriptor bits (Intel SDM vol. 3, 3.4.5 and 6.11), as they sit in
 * the high 32-bit word of a segment descriptor or gate.  Macros only.
 */
#ifndef X86_DESC_H
#define X86_DESC_H

#define X86_DESC_ACCESSED	(1u << 8)
#define X86_DESC_WRITABLE	(1u << 9)	/* data; readable for code */
#define X86_DESC_CONFORMING	(1u << 10)	/* code segments */
#define X86_DESC_CODE		(1u << 11)
#define X86_DESC_S		(1u << 12)	/* code or data, not system */
#define X86_DESC_DPL_SHIFT	13
#define X86_DESC_DPL_MASK	(3u << X86_DESC_DPL_SHIFT)
#define X86_DESC_P		(1u << 15)
#define X86_DESC_L		(1u << 21)	/* 64-bit code */
#define X86_DESC_DB		(1u << 22)	/* 32-bit code / big stack */
#define X86_DESC_G		(1u << 23)

/* Gates: the type field (bits 8..12 with S clear). */
#define X86_GATE_TYPE_SHIFT	8
#define X86_GATE_TYPE_MASK	0x1f
#define X86_GATE_INTR32		0xe	/* 32-bit interrupt gate */
#define X86_GATE_TRAP32		0xf	/* 32-bit trap gate */

#endif /* X86_DESC_H */
