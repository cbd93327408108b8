// SPDX-License-Identifier: GPL-2.0
/*
 * The numbers and offsets head_32.S needs, generated from the ABI headers
 * (lguest-asm.h): assembly never spells them out itself.
 */
#include <linux/kbuild.h>
#include "lguest.h"

void common(void);
void common(void)
{
	DEFINE(LHCALL_NEW_PGTABLE, LHCALL_NEW_PGTABLE);
	DEFINE(LGUEST_PGT_FLUSH, LGUEST_PGT_FLUSH);
	OFFSET(LGUEST_DATA_irq_enabled, lguest_data, irq_enabled);
}
