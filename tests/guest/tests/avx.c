// SPDX-License-Identifier: GPL-2.0
/*G:415 The AVX registers belong to the guest as much as xmm0-7 do.  A
 * compatibility-mode guest reaches the upper halves of ymm0-7 (VEX
 * instructions work at ring 1), and FXSAVE/FXRSTOR do not save or restore
 * them: a host that keeps only an FXSAVE image hands the guest whatever
 * another process or guest left there, and loses the guest's own.
 *
 * Both tests fill ymm0-7 with words that say whose they are, so a word
 * that is not ours is named: the host marker process's
 * (tests/vm/ymm_marker.c, run beside us on the same CPU), another guest's,
 * or zero.  Natively (ring 0) AVX is switched on here first; under lguest
 * the host's CR4.OSXSAVE and XCR0 apply, and without them we SKIP.
 */
#include <lguest/hcall.h>
#include "console.h"
#include "lguest.h"
#include "platform.h"
#include "tests.h"
#include "timer.h"
#include "x86.h"

#define XCR0_AVX_STATE		7u	/* x87, SSE and the ymm upper halves */

/*
 * Word w (0-7) of ymm r holds OWNER | tag << 8 | r << 3 | w: the marker
 * process's OWNER is YMM_MARKER (tag 0, keep in step with ymm_marker.c),
 * a guest's is GUEST_OWNER with a tag picked at random per test.
 */
#define YMM_MARKER	0x4d524b00u	/* "MRK" */
#define GUEST_OWNER	0x47000000u	/* "G" */
#define OWNER_MASK	0xff000000u
#define TAG_MASK	0x00ffff00u
#define YMM_WORDS	64u		/* 8 registers x 8 words */

#define LEAK_ROUNDS	200u
#define KEEP_ROUNDS	300u

static inline void load_ymm0_7(const uint32_t *p)
{
	asm volatile("vmovdqu 0(%0), %%ymm0; vmovdqu 32(%0), %%ymm1\n\t"
		     "vmovdqu 64(%0), %%ymm2; vmovdqu 96(%0), %%ymm3\n\t"
		     "vmovdqu 128(%0), %%ymm4; vmovdqu 160(%0), %%ymm5\n\t"
		     "vmovdqu 192(%0), %%ymm6; vmovdqu 224(%0), %%ymm7"
		     : : "r" (p) : "memory");
}

static inline void store_ymm0_7(uint32_t *p)
{
	asm volatile("vmovdqu %%ymm0, 0(%0); vmovdqu %%ymm1, 32(%0)\n\t"
		     "vmovdqu %%ymm2, 64(%0); vmovdqu %%ymm3, 96(%0)\n\t"
		     "vmovdqu %%ymm4, 128(%0); vmovdqu %%ymm5, 160(%0)\n\t"
		     "vmovdqu %%ymm6, 192(%0); vmovdqu %%ymm7, 224(%0)"
		     : : "r" (p) : "memory");
}

/* Only the upper halves (words 4-7 of each register), 16 bytes apiece. */
static inline void store_ymm0_7_upper(uint32_t *p)
{
	asm volatile("vextractf128 $1, %%ymm0, 0(%0); vextractf128 $1, %%ymm1, 16(%0)\n\t"
		     "vextractf128 $1, %%ymm2, 32(%0); vextractf128 $1, %%ymm3, 48(%0)\n\t"
		     "vextractf128 $1, %%ymm4, 64(%0); vextractf128 $1, %%ymm5, 80(%0)\n\t"
		     "vextractf128 $1, %%ymm6, 96(%0); vextractf128 $1, %%ymm7, 112(%0)"
		     : : "r" (p) : "memory");
}

/* NULL when ymm0-7 are usable; otherwise why not.  At ring 0 we turn
 * them on ourselves, as the host kernel does for the lguest guest.
 */
static const char *avx_enable(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[2] & X86_CPUID1_ECX_AVX) || !(r[2] & X86_CPUID1_ECX_XSAVE))
		return "no AVX on this CPU";
	if (!on_lguest() && !(r[2] & X86_CPUID1_ECX_OSXSAVE)) {
		cpuid(0xd, 0, r);
		if ((r[0] & XCR0_AVX_STATE) != XCR0_AVX_STATE)
			return "XSAVE cannot manage the AVX state";
		write_cr4(read_cr4() | X86_CR4_OSXSAVE);
		xsetbv(0, xgetbv(0) | XCR0_AVX_STATE);
		cpuid(1, 0, r);
	}
	if (!(r[2] & X86_CPUID1_ECX_OSXSAVE))
		return "CR4.OSXSAVE is off";
	if ((xgetbv(0) & XCR0_AVX_STATE) != XCR0_AVX_STATE)
		return "XCR0 does not enable the AVX state";
	return 0;
}

static uint32_t ymm_word(uint32_t owner, uint32_t tag, uint32_t r, uint32_t w)
{
	return owner | (tag << 8 & TAG_MASK) | r << 3 | w;
}

/* Our pattern for this test, with a tag that differs from run to run. */
static uint32_t ymm_fill(uint32_t *want)
{
	uint32_t tag = (uint32_t)(rdtsc() >> 8) & 0xffff, i;

	for (i = 0; i < YMM_WORDS; i++)
		want[i] = ymm_word(GUEST_OWNER, tag, i / 8, i % 8);
	load_ymm0_7(want);
	return tag;
}

static const char *ymm_whose(uint32_t v, uint32_t tag)
{
	if ((v & (OWNER_MASK | TAG_MASK)) == YMM_MARKER)
		return "the host marker process's";
	if ((v & OWNER_MASK) == GUEST_OWNER && (v & TAG_MASK) >> 8 != tag)
		return "another guest's";
	if (!v)
		return "zero: ours was lost";
	return "not ours";
}

/* Halt until the next tick (interrupts are on); the Launcher sleeps
 * meanwhile, and whatever else wants this CPU runs.
 */
static void sleep_one_tick(void)
{
	uint32_t start = timer_ticks(), halts = 0;

	while (timer_ticks() == start && halts++ < 1000)
		halt();
}

/* Run without halting until the next tick: the host may take the CPU
 * away from us at any instruction, and gives it back later.
 */
static void spin_one_tick(void)
{
	uint64_t t0 = rdtsc(), limit = (uint64_t)pv.tsc_khz * 100;
	uint32_t start = timer_ticks();

	while (timer_ticks() == start && (!limit || rdtsc() - t0 < limit))
		;
}

/* The first of n words of got that is not ours (n if all are): got holds
 * whole registers, or with upper_only just words 4-7 of each.
 */
static uint32_t ymm_mismatch(const uint32_t *got, const uint32_t *want,
			     uint32_t n, int upper_only)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (got[i] != want[upper_only ? (i / 4) * 8 + 4 + i % 4 : i])
			break;
	return i;
}

/* The leak: after every timer wake-up the upper halves of ymm0-7 must
 * hold exactly what we left there, never someone else's.
 */
void test_avx_leak(void)
{
	uint32_t want[YMM_WORDS], got[YMM_WORDS / 2], tag, round, i, flags;
	const char *why = avx_enable();

	if (why) {
		report_skip("avx_leak", "%s", why);
		return;
	}
	flags = irq_save();
	irq_enable();
	tag = ymm_fill(want);
	for (round = 0; round < LEAK_ROUNDS; round++) {
		sleep_one_tick();
		store_ymm0_7_upper(got);
		i = ymm_mismatch(got, want, YMM_WORDS / 2, 1);
		if (i < YMM_WORDS / 2) {
			irq_restore(flags);
			report_fail("avx_leak", "wake-up %u: ymm%u word %u is %08x (%s), expected %08x",
				    round, i / 4, 4 + i % 4, got[i],
				    ymm_whose(got[i], tag), want[(i / 4) * 8 + 4 + i % 4]);
			return;
		}
	}
	irq_restore(flags);
	report_pass("avx_leak", "ymm0-7 upper halves our own after %u timer wake-ups",
		    LEAK_ROUNDS);
}

/* One way of leaving the guest world and coming back, by round. */
static void avx_exit(uint32_t round, uint32_t *exits)
{
	uint32_t i;

	if (round % 25 == 0) {		/* read() returns to the Launcher */
		kprintf("avx_keep: round %u\n", round);
		exits[0]++;
	} else if (round % 3 == 0) {
		sleep_one_tick();
		exits[1]++;
	} else if (round % 3 == 1 && on_lguest()) {
		for (i = 0; i < 10; i++)
			hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
		exits[2] += 10;
	} else {
		spin_one_tick();
		exits[3]++;
	}
}

/* The guest's whole ymm0-7 survive every kind of exit: console output
 * (back to the Launcher), halts, hypercalls, and being preempted.
 */
void test_avx_keep(void)
{
	uint32_t want[YMM_WORDS], got[YMM_WORDS], exits[4] = { 0, 0, 0, 0 };
	uint32_t tag, round, i, flags;
	const char *why = avx_enable();

	if (why) {
		report_skip("avx_keep", "%s", why);
		return;
	}
	flags = irq_save();
	irq_enable();
	tag = ymm_fill(want);
	for (round = 0; round < KEEP_ROUNDS; round++) {
		avx_exit(round, exits);
		store_ymm0_7(got);
		i = ymm_mismatch(got, want, YMM_WORDS, 0);
		if (i < YMM_WORDS) {
			irq_restore(flags);
			report_fail("avx_keep", "round %u: ymm%u word %u is %08x (%s), expected %08x",
				    round, i / 8, i % 8, got[i], ymm_whose(got[i], tag),
				    want[i]);
			return;
		}
	}
	irq_restore(flags);
	report_pass("avx_keep", "ymm0-7 kept over %u console exits, %u halts, %u hypercalls, %u spins",
		    exits[0], exits[1], exits[2], exits[3]);
}
