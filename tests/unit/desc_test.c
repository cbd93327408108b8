// SPDX-License-Identifier: GPL-2.0
/*
 * host/desc_check.c: what a guest may put in its GDT (invariant 1).  The
 * module links the same file.
 */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "../../host/desc_check.h"

#define FLAT_LO		0x0000ffffu
#define CODE32_DPL1	0x00cfbb00u	/* G D P DPL1 S code/read accessed */
#define DATA32_DPL1	0x00cfb300u
#define DPL_MASK	(3u << 13)
#define ACCESSED	(1u << 8)

static uint64_t out;
static const char *why;

static void check(uint32_t hi)
{
	out = 0xdeadbeef;
	why = lg_check_guest_desc(FLAT_LO, hi, &out);
}

static void test_flat_code_kept(void)
{
	check(CODE32_DPL1);
	EXPECT_TRUE(why == NULL);
	EXPECT_EQ(out, ((uint64_t)CODE32_DPL1 << 32) | FLAT_LO);
}

static void test_null_clears(void)
{
	why = lg_check_guest_desc(0, 0, &out);
	EXPECT_TRUE(why == NULL);
	EXPECT_EQ(out, 0);
}

static void test_dpl0_raised_to_1(void)
{
	check(CODE32_DPL1 & ~DPL_MASK);
	EXPECT_TRUE(why == NULL);
	EXPECT_EQ((out >> 32) & DPL_MASK, 1u << 13);
}

static void test_dpl3_kept(void)
{
	check(DATA32_DPL1 | DPL_MASK);
	EXPECT_TRUE(why == NULL);
	EXPECT_EQ((out >> 32) & DPL_MASK, DPL_MASK);
}

static void test_accessed_set(void)
{
	check(DATA32_DPL1 & ~ACCESSED);
	EXPECT_TRUE(why == NULL);
	EXPECT_TRUE((out >> 32) & ACCESSED);
}

static void test_64bit_code_refused(void)
{
	check((CODE32_DPL1 & ~(1u << 22)) | (1u << 21));
	EXPECT_STR_EQ(why, "64-bit code segment");
}

static void test_conforming_refused(void)
{
	check(CODE32_DPL1 | (1u << 10));
	EXPECT_STR_EQ(why, "conforming code segment");
}

static void test_system_refused(void)
{
	/* Every system type: TSS, LDT, call/interrupt/trap gates. */
	for (uint32_t type = 0; type < 16; type++) {
		check((DATA32_DPL1 & ~(0x1fu << 8)) | (type << 8));
		EXPECT_STR_EQ(why, "system descriptor");
	}
}

static void test_16bit_data_refused(void)
{
	check(DATA32_DPL1 & ~(1u << 22));
	EXPECT_STR_EQ(why, "16-bit data segment");
}

static void test_16bit_code_allowed(void)
{
	check(CODE32_DPL1 & ~(1u << 22));
	EXPECT_TRUE(why == NULL);
}

static void test_data_with_l_refused(void)
{
	check(DATA32_DPL1 | (1u << 21));
	EXPECT_STR_EQ(why, "L bit in data segment");
}

/* Every descriptor the checker accepts is code or data, never 64-bit
 * code, never conforming, never DPL0 -- over a sweep of the high word. */
static void test_sweep_invariants(void)
{
	for (uint32_t hi = 0; hi < (1u << 24); hi += 0x100 / 4) {
		uint32_t h;

		if (lg_check_guest_desc(FLAT_LO, hi, &out))
			continue;
		h = out >> 32;
		if (!h && !(uint32_t)out)
			continue;
		EXPECT_TRUE(h & (1u << 12));
		EXPECT_TRUE((h & DPL_MASK) != 0);
		if (h & (1u << 11)) {
			EXPECT_TRUE(!(h & (1u << 21)));
			EXPECT_TRUE(!(h & (1u << 10)));
		} else {
			EXPECT_TRUE(h & (1u << 22));
		}
	}
}

/* IDT gates (lg_check_guest_gate): lo = selector:offset-low, hi =
 * offset-high | P | DPL | type. */
#define GATE_LO(sel, off)	(((uint32_t)(sel) << 16) | ((off) & 0xffffu))
#define GATE_HI(off, dpl, type)	(((off) & 0xffff0000u) | 0x8000u | ((dpl) << 13) | ((type) << 8))
#define KCS			0x81	/* LGUEST_KERNEL_CS */

static struct lg_idt_entry gate;

static const char *gate_check(uint32_t sel, uint32_t dpl, uint32_t type)
{
	memset(&gate, 0xa5, sizeof(gate));
	return lg_check_guest_gate(GATE_LO(sel, 0x12345678u),
				   GATE_HI(0x12345678u, dpl, type), &gate);
}

static void test_gate_interrupt_kept(void)
{
	EXPECT_TRUE(gate_check(KCS, 0, 0xe) == NULL);
	EXPECT_TRUE(gate.present);
	EXPECT_EQ(gate.handler, 0x12345678u);
	EXPECT_EQ(gate.cs, KCS);
	EXPECT_TRUE(!gate.trap_gate);
	EXPECT_EQ(gate.dpl, 1);		/* DPL 0 means the guest kernel's ring */
}

static void test_gate_trap_dpl3(void)
{
	EXPECT_TRUE(gate_check(KCS, 3, 0xf) == NULL);
	EXPECT_TRUE(gate.trap_gate);
	EXPECT_EQ(gate.dpl, 3);
}

static void test_gate_rpl0_selector_is_ring1(void)
{
	EXPECT_TRUE(gate_check(0x80, 0, 0xe) == NULL);	/* RPL 0 */
	EXPECT_EQ(gate.cs, KCS);
}

static void test_gate_not_present_clears(void)
{
	memset(&gate, 0xa5, sizeof(gate));
	EXPECT_TRUE(lg_check_guest_gate(GATE_LO(KCS, 0x1000), 0, &gate) == NULL);
	EXPECT_TRUE(!gate.present);
	EXPECT_EQ(gate.handler, 0);
}

static void test_gate_bad_types_refused(void)
{
	uint32_t type;

	for (type = 0; type < 32; type++)
		if (type != 0xe && type != 0xf)
			EXPECT_TRUE(gate_check(KCS, 0, type) != NULL);
}

static void test_gate_foreign_selectors_refused(void)
{
	/* The host's kernel code and user segments, the null selector, and
	 * anything past the guest's 32 entries. */
	static const uint32_t bad[] = { 0x00, 0x08, 0x10, 0x23, 0x2b, 0x33, 0x78,
					(48 << 3) | 1, 0xfff9 };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_TRUE(gate_check(bad[i], 0, 0xe) != NULL);
	EXPECT_TRUE(gate_check((47 << 3) | 1, 0, 0xe) == NULL);	/* last one */
}

int main(void)
{
	RUN_TEST("host.desc.flat_code_kept", test_flat_code_kept);
	RUN_TEST("host.desc.null_clears", test_null_clears);
	RUN_TEST("host.desc.dpl0_raised_to_1", test_dpl0_raised_to_1);
	RUN_TEST("host.desc.dpl3_kept", test_dpl3_kept);
	RUN_TEST("host.desc.accessed_set", test_accessed_set);
	RUN_TEST("host.desc.64bit_code_refused", test_64bit_code_refused);
	RUN_TEST("host.desc.conforming_refused", test_conforming_refused);
	RUN_TEST("host.desc.system_refused", test_system_refused);
	RUN_TEST("host.desc.16bit_data_refused", test_16bit_data_refused);
	RUN_TEST("host.desc.16bit_code_allowed", test_16bit_code_allowed);
	RUN_TEST("host.desc.data_with_l_refused", test_data_with_l_refused);
	RUN_TEST("host.desc.sweep_invariants", test_sweep_invariants);
	RUN_TEST("host.gate.interrupt_kept", test_gate_interrupt_kept);
	RUN_TEST("host.gate.trap_dpl3", test_gate_trap_dpl3);
	RUN_TEST("host.gate.rpl0_selector_is_ring1", test_gate_rpl0_selector_is_ring1);
	RUN_TEST("host.gate.not_present_clears", test_gate_not_present_clears);
	RUN_TEST("host.gate.bad_types_refused", test_gate_bad_types_refused);
	RUN_TEST("host.gate.foreign_selectors_refused", test_gate_foreign_selectors_refused);
	return check_summary();
}
