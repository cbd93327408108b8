// SPDX-License-Identifier: GPL-2.0
/*
 * The bench group: measurements, printed as "BENCH name=value ..." lines
 * (the harness collects them), each with a PASS line once it ran.
 */
#include <lguest/hcall.h>
#include "lguest.h"
#include "mm.h"
#include "platform.h"
#include "probes.h"
#include "proc.h"
#include "string.h"
#include "tests.h"
#include "uapi.h"
#include "user/progs.h"
#include "x86.h"

#define BENCH_ROUNDS	1000u
#define PTE_BATCH	100u		/* PTE updates per measurement */
#define PTE_ROUNDS	50u

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

/*G:790 The null system call from ring 3: int $0x80 to the kernel and
 * iret back, timed by the process itself; the minimum over the rounds
 * is the cost without a tick in the way.  Under lguest the host should
 * reflect it without leaving the guest world (switcher.S, S:250). */
void test_bench_syscall(void)
{
	struct proc *p = new_proc("bench_syscall", u_bench_syscall, BENCH_ROUNDS);
	volatile uint64_t *sum;

	if (!p)
		return;
	procs_run(USER_TICKS);
	sum = proc_ptr(p, (const void *)&u_bench_sum);
	if (exited_with("bench_syscall", p, 0)) {
		kprintf("BENCH syscall_cycles=%u avg=%llu rounds=%u "
			"(int $0x80 from ring 3 and back, minimum over rounds)\n",
			*(volatile uint32_t *)proc_ptr(p, (const void *)&u_bench_min),
			div64_32(*sum, BENCH_ROUNDS, NULL), BENCH_ROUNDS);
		report_ok("bench_syscall");
	}
	procs_free();
}

/* PTE_BATCH updates of the PTEs at va...: map each to page, or unmap. */
static uint32_t pte_round(uint32_t *pgdir, uint32_t va, uint32_t page,
			  int map, int batch)
{
	uint64_t t0 = rdtsc();
	uint32_t i, a;

	if (batch)
		pv.lazy_mmu(1);
	for (i = 0; i < PTE_BATCH; i++) {
		a = va + i * PAGE_SIZE;
		pv.set_pte((uint32_t)pgdir, a, pte_find(pgdir, a),
			   map ? page | PTE_P | PTE_W : 0);
	}
	if (batch)
		pv.lazy_mmu(0);
	return (uint32_t)(rdtsc() - t0);
}

/* Every mapping the last round made reads the page through pgdir. */
static int pte_round_took(uint32_t *pgdir, uint32_t va, uint32_t magic)
{
	uint32_t i, ok = 1;

	pgdir_load(pgdir);
	for (i = 0; i < PTE_BATCH; i++)
		ok &= probe_read(va + i * PAGE_SIZE) == magic;
	pgdir_load(kernel_pgdir);
	return ok;
}

/*G:795 Page-table updates, one hypercall each or batched through the
 * async ring (one trap per ring-full): PTE_BATCH SET_PTEs, alternately
 * mapping and unmapping PTE_BATCH pages of a directory not in use.
 * Minimum cycles over the rounds; then the last batch must have taken
 * effect.  Natively both are plain memory writes. */
void test_bench_pte(void)
{
	struct proc *p = new_proc("bench_pte", u_ring3, 0);
	uint32_t *page = page_zalloc(), i, d, min[2] = { ~0u, ~0u }, batch;
	uint32_t va = USER_DEMAND;

	if (!p || !page || !pte_make(p->pgdir, va, 1)) {
		if (p)
			report_fail("bench_pte", "no memory");
		goto out;
	}
	page[0] = 0xbe7c4;
	for (i = 0; i < 2 * PTE_ROUNDS; i++)
		for (batch = 0; batch < 2; batch++) {
			d = pte_round(p->pgdir, va, (uint32_t)page, i & 1, batch);
			min[batch] = d < min[batch] ? d : min[batch];
		}
	kprintf("BENCH pte_sync_cycles=%u pte_batch_cycles=%u "
		"(min for %u PTE updates)\n", min[0], min[1], PTE_BATCH);
	if (pte_round_took(p->pgdir, va, page[0]))
		report_ok("bench_pte");
	else
		report_fail("bench_pte", "the batched mappings did not take");
	pte_round(p->pgdir, va, 0, 0, 1);	/* the page is not the process's */
out:
	procs_free();
	if (page)
		page_free(page);
}
