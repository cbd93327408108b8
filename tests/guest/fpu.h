/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each process's FPU, SSE and (where the CPU and the host have it on) AVX
 * registers, saved and restored around every switch.  The kernel itself
 * is compiled without them, so nothing else touches these registers.
 */
#ifndef GUEST_FPU_H
#define GUEST_FPU_H

#include <stdint.h>

#define FPU_AREA_SIZE	4096	/* room for any XSAVE layout we ask for */
#define FPU_AREA_ALIGN	64	/* XSAVE wants 64, FXSAVE 16 */

void fpu_init(void);		/* XSAVE with AVX, or FXSAVE */
int fpu_has_avx(void);		/* ymm upper halves are saved too */
void fpu_area_init(void *area);	/* a fresh process's state */
void fpu_save(void *area);
void fpu_restore(const void *area);

#endif /* GUEST_FPU_H */
