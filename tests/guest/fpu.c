// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process FPU state (fpu.h): XSAVE of x87, SSE and AVX where
 * CR4.OSXSAVE is on with those in XCR0 (natively cpu_enable() turns them
 * on; under lguest the host's settings show through CPUID and XGETBV),
 * FXSAVE otherwise.
 */
#include "fpu.h"
#include "string.h"
#include "x86.h"

#define XSTATE_X87_SSE_AVX	7u
#define FXSAVE_FCW		0	/* offsets in the legacy area */
#define FXSAVE_MXCSR		24
#define FCW_INIT		0x037f	/* what fninit loads: all masked */
#define MXCSR_INIT		0x1f80

static int use_xsave;

void fpu_init(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if ((r[2] & X86_CPUID1_ECX_OSXSAVE) && (r[2] & X86_CPUID1_ECX_AVX) &&
	    (xgetbv(0) & XSTATE_X87_SSE_AVX) == XSTATE_X87_SSE_AVX)
		use_xsave = 1;
}

int fpu_has_avx(void)
{
	return use_xsave;
}

/* The state after fninit, with exceptions masked: a zero XSAVE header
 * means "initial" for every component, but FXRSTOR and MXCSR take what
 * the area says, so say the right thing there. */
void fpu_area_init(void *area)
{
	memset(area, 0, FPU_AREA_SIZE);
	*(uint16_t *)((char *)area + FXSAVE_FCW) = FCW_INIT;
	*(uint32_t *)((char *)area + FXSAVE_MXCSR) = MXCSR_INIT;
}

void fpu_save(void *area)
{
	if (use_xsave)
		xsave(area, XSTATE_X87_SSE_AVX);
	else
		fxsave(area);
}

void fpu_restore(const void *area)
{
	if (use_xsave)
		xrstor(area, XSTATE_X87_SSE_AVX);
	else
		fxrstor(area);
}
