// SPDX-License-Identifier: GPL-2.0
/*
 * Constants the assembly needs, taken from the C structures so they
 * cannot drift: the Makefile compiles this to asm-offsets.s and turns
 * every "->NAME value" marker into "#define NAME value".
 */
#include <stddef.h>
#include <lguest/abi.h>
#include <lguest/bootparams.h>
#include <lguest/lguest_data.h>
#include "traps.h"

#define DEFINE(sym, val) \
	asm volatile("\n.ascii \"->" #sym " %c0\"" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(BP_hardware_subarch,
	       offsetof(struct lguest_boot_params, hardware_subarch));
	DEFINE(SUBARCH_LGUEST, LGUEST_SUBARCH_LGUEST);
	DEFINE(LGUEST_DATA_irq_enabled,
	       offsetof(struct lguest_data, irq_enabled));
	DEFINE(IRQ_ENABLED, LGUEST_IRQ_ENABLED);
	DEFINE(TF_vector, offsetof(struct trap_frame, vector));
	DEFINE(TF_eip, offsetof(struct trap_frame, eip));
	DEFINE(NR_STUBS, NR_TRAP_STUBS);
}
