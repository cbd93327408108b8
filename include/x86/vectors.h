/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 facts about exception vectors, written once for the host module,
 * the switcher assembly and the test kernel.  Macros only, so assembly can
 * include this too.  Source: Intel SDM vol. 3, table 6-1; AMD APM vol. 2,
 * table 8-1.
 */
#ifndef X86_VECTORS_H
#define X86_VECTORS_H

/*
 * Vectors for which the CPU pushes an error code: #DF 8, #TS 10, #NP 11,
 * #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30.  A software
 * "int n" never pushes one, whatever n is.
 */
#define X86_ERRCODE_VECTORS	0x60227d00

/* Does vector v (0..255) push an error code?  Usable in C and in gas .if. */
#define X86_HAS_ERRCODE(v)	((v) < 32 && ((X86_ERRCODE_VECTORS >> ((v) & 31)) & 1))

/*
 * Exception vectors that belong to the host and never reach a guest's
 * IDT: NMI 2, #DF 8, coprocessor overrun 9, reserved 15, #MC 18, and 20..31
 * (#VE, #CP and the reserved ones; 0x1f is the hypercall vector).
 */
#define X86_HOST_VECTORS	0xfff48304

#define X86_IS_HOST_VECTOR(v)	((v) < 32 && ((X86_HOST_VECTORS >> ((v) & 31)) & 1))

#endif /* X86_VECTORS_H */
