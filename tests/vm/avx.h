/* SPDX-License-Identifier: GPL-2.0 */
/* What the in-VM test programs ask of the host VM's CPU about AVX. */
#ifndef TESTS_VM_AVX_H
#define TESTS_VM_AVX_H

#include <cpuid.h>

/* AVX usable: the CPU has it and the kernel enabled its state in XCR0. */
static inline int have_avx(void)
{
	unsigned int a, b, c, d, lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_AVX) || !(c & bit_OSXSAVE))
		return 0;
	asm volatile("xgetbv" : "=a" (lo), "=d" (hi) : "c" (0));
	return (lo & 6) == 6;
}

#endif /* TESTS_VM_AVX_H */
