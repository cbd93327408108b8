// SPDX-License-Identifier: GPL-2.0
/*
 * The bench group: measurements, printed as "BENCH name=value ..." lines
 * (the harness collects them), each with a PASS line once it ran.
 */
#include <lguest/hcall.h>
#include "lguest.h"
#include "platform.h"
#include "string.h"
#include "tests.h"
#include "x86.h"

#define BENCH_ROUNDS	1000u

/* The null hypercall round trip, with interrupts off so none is delivered. */
void test_bench_hcall(void)
{
	uint64_t t0, sum = 0;
	uint32_t i, d, min = ~0u, flags;

	if (!lguest_only("bench_hcall"))
		return;
	flags = irq_save();
	for (i = 0; i < BENCH_ROUNDS; i++) {
		t0 = rdtsc();
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
		d = (uint32_t)(rdtsc() - t0);
		sum += d;
		if (d < min)
			min = d;
	}
	irq_restore(flags);
	kprintf("BENCH hcall_cycles=%llu min=%u rounds=%u\n",
		div64_32(sum, BENCH_ROUNDS, NULL), min, BENCH_ROUNDS);
	report_ok("bench_hcall");
}
