// SPDX-License-Identifier: GPL-2.0
/*
 * host/desc_check.c: what a guest may put in its GDT (invariant 1).  The
 * module links the same file.
 */
#include <stdint.h>
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
	return check_summary();
}
