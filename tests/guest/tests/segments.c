// SPDX-License-Identifier: GPL-2.0
/*
 * The segments group: which selectors the kernel may load, and
 * descriptors the host must refuse or survive.
 */
#include <lguest/hcall.h>
#include "lguest.h"
#include "platform.h"
#include "probes.h"
#include "string.h"
#include "tests.h"
#include "traps.h"
#include "x86.h"

/*G:400 Segment loads.  Only the kernel's own code and data segments may load
 * into CS and SS.  DS may also take the null selector and DPL-3 segments
 * (the CPU allows them at any ring and they grant nothing new).  Anything
 * else must fault with #GP, #NP or #SS; a far jump that lands on a segment
 * not ours is a hypervisor bug, even more so a 64-bit one.
 */
enum seg_op { SEG_DS, SEG_SS, SEG_CS };

static const char *const seg_op_name[] = { "mov to ds", "mov to ss", "ljmp" };

struct seg_result {
	uint32_t tried, faulted, allowed, bad;
	char first_bad[64];
};

static int seg_own(uint32_t sel)
{
	uint32_t index = sel >> 3;

	return index && (index == (uint32_t)pv.kernel_cs >> 3 ||
			 index == (uint32_t)pv.kernel_ds >> 3);
}

static int seg_may_load(enum seg_op op, uint32_t sel)
{
	uint32_t ar;

	if (seg_own(sel))
		return 1;
	if (op != SEG_DS)
		return 0;
	if ((sel >> 3) == 0)
		return 1;
	return lar(sel, &ar) && ((ar >> 13) & 3) == 3;
}

__printf(2, 3) static void seg_bad(struct seg_result *r, const char *fmt, ...)
{
	char msg[64];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("segments: %s\n", msg);
	if (!r->bad++)
		memcpy(r->first_bad, msg, sizeof(msg));
}

/* One load attempt; returns SEG_LANDED or SEG_LANDED_FAULT for a far
 * jump that landed, else 0; fills fi and *faulted if it faulted. */
static uint32_t seg_probe(enum seg_op op, uint32_t sel, struct fault_info *fi,
			  int *faulted)
{
	uint32_t ret = 0;

	fault_clear();
	if (op == SEG_DS)
		probe_load_ds(sel);
	else if (op == SEG_SS)
		probe_load_ss(sel);
	else
		ret = seg_try_ljmp(sel);
	*faulted = fault_taken(fi);
	return ret;
}

static void seg_attempt(struct seg_result *r, enum seg_op op, uint32_t sel)
{
	struct fault_info fi;
	uint32_t ret;
	int faulted;

	r->tried++;
	ret = seg_probe(op, sel, &fi, &faulted);
	if (ret == SEG_LANDED_FAULT) {
		seg_bad(r, "ljmp %x: landed, then faulted at %x:%x", sel,
			fi.cs, fi.eip);
	} else if (faulted) {
		r->faulted++;
		if (fi.vector != X86_TRAP_GP && fi.vector != X86_TRAP_NP &&
		    fi.vector != X86_TRAP_SS)
			seg_bad(r, "%s %x: vector %u", seg_op_name[op], sel,
				fi.vector);
	} else if (op == SEG_CS && ret != SEG_LANDED) {
		seg_bad(r, "ljmp %x: came back without landing", sel);
	} else if (seg_may_load(op, sel)) {
		r->allowed++;
	} else {
		seg_bad(r, "%s %x succeeded", seg_op_name[op], sel);
	}
}

void test_segments(void)
{
	static const uint32_t host_code[] = { 0x10, 0x08, 0x23, 0x33 };
	struct seg_result r;
	uint32_t index, rpl, i, op, flags, nindex = on_lguest() ? 32 : 8;

	memset(&r, 0, sizeof(r));
	flags = irq_save();
	for (index = 0; index < nindex; index++)
		for (rpl = 0; rpl < 4; rpl++)
			for (op = SEG_DS; op <= SEG_CS; op++)
				seg_attempt(&r, op, index << 3 | rpl);
	for (i = 0; i < ARRAY_SIZE(host_code); i++)
		seg_attempt(&r, SEG_CS, host_code[i]);
	irq_restore(flags);
	kprintf("segments: %u loads tried, %u faulted, %u allowed\n",
		r.tried, r.faulted, r.allowed);
	if (r.bad)
		report_fail("segments", "%u unexpected, first: %s", r.bad,
			    r.first_bad);
	else
		report_pass("segments", "%u tried, %u faulted", r.tried, r.faulted);
}

/*G:420 Descriptors the host must refuse or survive.  Each of these ends
 * with the host killing the guest with a reason; returning is a FAIL. */
#define GDT_SCRATCH	20		/* a guest GDT slot the kernel leaves free */
#define SCRATCH_SEL	((GDT_SCRATCH << 3) | 1)
#define FLAT_LO		0x0000ffffu
#define DATA_HI		0x00cfb300u	/* flat data, DPL1, present */
#define CODE64_HI	0x00afbb00u	/* L=1: 64-bit code */
#define CALLGATE_HI	0x0000ec00u	/* a 32-bit call gate, DPL3 */

static void gdt_entry_test(const char *name, uint32_t index, uint32_t hi)
{
	uint32_t ret;

	if (!lguest_only(name))
		return;
	ret = hcall(LHCALL_LOAD_GDT_ENTRY, index, FLAT_LO, hi, 0);
	report_fail(name, "the host accepted GDT entry %08x (returned %x)", hi, ret);
}

void test_gdt64(void)
{
	gdt_entry_test("gdt64", GDT_SCRATCH, CODE64_HI);
}

void test_callgate(void)
{
	gdt_entry_test("callgate", GDT_SCRATCH, CALLGATE_HI);
}

/* Hold a selector in %fs, then make its descriptor not present: the host's
 * next entry faults loading %fs, inside the switcher at ring 0. */
void test_stalesel(void)
{
	if (!lguest_only("stalesel"))
		return;
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI, 0);
	load_fs_gs(SCRATCH_SEL);
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI & ~0x8000u, 0);
	load_fs_gs(0);
	report_fail("stalesel", "the guest ran on with a stale %%fs");
}

/* An IDT gate whose selector names a data segment: reflecting #UD through
 * it makes the switcher's iretq fault at ring 0. */
void test_badgate(void)
{
	if (!lguest_only("badgate"))
		return;
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI, 0);
	hcall(LHCALL_LOAD_IDT_ENTRY, X86_TRAP_UD,
	      (SCRATCH_SEL << 16) | ((uint32_t)test_badgate & 0xffff),
	      ((uint32_t)test_badgate & 0xffff0000) | 0x8e00, 0);
	probe_ud2();
	report_fail("badgate", "a #UD through a data-segment gate came back");
}
