// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's GDT entries.  The guest cannot run lgdt (ring 1), so it asks
 * for entries one at a time; they are checked here and copied into the
 * per-CPU GDT on every entry to the guest (switcher/setup.c).
 */
#include "lg.h"
#include "desc_check.h"

/*H:310 The boot segments: flat 4 GiB code and data at ring 1, so the
 * guest's first instruction runs before it has asked for anything.  The
 * guest may overwrite them like any of its entries. */
#define FLAT_LO		0x0000ffffu
#define FLAT_CODE_HI	0x00cfbb00u	/* G, D, limit 0xf, P, DPL1, S, code RX, A */
#define FLAT_DATA_HI	0x00cfb300u	/* G, B, limit 0xf, P, DPL1, S, data RW, A */

void lg_gdt_init(struct lguest *g)
{
	memset(g->gdt, 0, sizeof(g->gdt));
	g->gdt[(LGUEST_KERNEL_CS >> 3) - LGUEST_GDT_FIRST] =
		((u64)FLAT_CODE_HI << 32) | FLAT_LO;
	g->gdt[(LGUEST_KERNEL_DS >> 3) - LGUEST_GDT_FIRST] =
		((u64)FLAT_DATA_HI << 32) | FLAT_LO;
}

/* Is this a ring-1 selector for one of the guest's own GDT entries? */
bool lg_selector_is_guest_kernel(u32 sel)
{
	u32 index = sel >> 3;

	return (sel & 7) == 1 && index >= LGUEST_GDT_FIRST &&
	       index < LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES;
}

/* Called from the hypercall layer with index already range-checked. */
int lg_load_gdt_entry(struct lguest *g, u32 index, u32 lo, u32 hi)
{
	const char *why;
	u64 desc;

	why = lg_check_guest_desc(lo, hi, &desc);
	if (why) {
		kill_guest(g, "bad GDT entry %u (%08x %08x): %s", index, hi, lo, why);
		return -EINVAL;
	}
	/*
	 * A selector the guest still holds may now name a different or
	 * missing segment; if so, reloading it on the next entry faults in
	 * the switcher, which kills the guest cleanly (switcher.S, S:230).
	 */
	g->gdt[index - LGUEST_GDT_FIRST] = desc;
	return 0;
}
