// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's GDT entries.  The guest cannot run lgdt (ring 1), so it asks
 * for entries one at a time, or the three TLS entries at once; they are
 * checked here and copied into the per-CPU GDT on every entry to the guest
 * (switcher/setup.c).
 */
#include "lg.h"

/*H:320 The boot segments: flat 4 GiB code and data at ring 1, so the
 * guest's first instruction runs before it has asked for anything.  The
 * guest may overwrite them like any of its entries.
 */
#define FLAT_LO		0x0000ffffu
#define FLAT_CODE_HI	0x00cfbb00u	/* G, D, limit 0xf, P, DPL1, S, code RX, A */
#define FLAT_DATA_HI	0x00cfb300u	/* G, B, limit 0xf, P, DPL1, S, data RW, A */

void lg_gdt_init(struct lg_vcpu *v)
{
	memset(v->gdt, 0, sizeof(v->gdt));
	v->gdt[(LGUEST_KERNEL_CS >> 3) - LGUEST_GDT_FIRST] =
		((u64)FLAT_CODE_HI << 32) | FLAT_LO;
	v->gdt[(LGUEST_KERNEL_DS >> 3) - LGUEST_GDT_FIRST] =
		((u64)FLAT_DATA_HI << 32) | FLAT_LO;
}

/* Called from the hypercall layer with index already range-checked. */
int lg_load_gdt_entry(struct lg_vcpu *v, u32 index, u32 lo, u32 hi)
{
	const char *why;
	u64 desc;

	why = lg_check_guest_desc(lo, hi, &desc);
	if (why) {
		kill_guest(v->lg, LGUEST_KILL_BAD_DESCRIPTOR,
			   "bad GDT entry %u (%08x %08x): %s", index, hi, lo, why);
		return -EINVAL;
	}
	/*
	 * A selector the guest still holds may now name a different or
	 * missing segment; if so, reloading it on the next entry faults in
	 * the switcher, which kills the guest cleanly (switcher.S, S:230).
	 */
	v->gdt[index - LGUEST_GDT_FIRST] = desc;
	return 0;
}

/*H:330 LHCALL_LOAD_TLS: the three thread-local-storage entries, which a
 * guest kernel reloads on every context switch, in one call.  All three
 * are checked before any is installed, so a bad one changes nothing.
 */
int lg_load_tls(struct lg_vcpu *v, u32 gpa)
{
	u32 raw[LGUEST_TLS_ENTRIES * 2];
	u64 desc[LGUEST_TLS_ENTRIES];
	unsigned int i;

	if (lg_read_guest(v->lg, raw, gpa, sizeof(raw)))
		return -EFAULT;
	for (i = 0; i < LGUEST_TLS_ENTRIES; i++) {
		const char *why = lg_check_guest_desc(raw[2 * i], raw[2 * i + 1], &desc[i]);

		if (why) {
			kill_guest(v->lg, LGUEST_KILL_BAD_DESCRIPTOR, "bad TLS entry %u (%08x %08x): %s",
				   i, raw[2 * i + 1], raw[2 * i], why);
			return -EINVAL;
		}
	}
	memcpy(&v->gdt[LGUEST_GDT_TLS - LGUEST_GDT_FIRST], desc, sizeof(desc));
	return 0;
}
