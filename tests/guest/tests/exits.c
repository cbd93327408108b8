// SPDX-License-Identifier: GPL-2.0
/*
 * The exits group: n operations of one kind each (n from "exits_n=N" on
 * the command line, default EXITS_N), so that the host's exit statistics
 * of a run with n = 0 and a run with n = N, subtracted and divided by N,
 * say what one operation costs in exits (tests/vm/check.sh's exits part
 * reads lg.ko's debugfs lguest/last/stats after each run).  Each test
 * checks only that its operations ran.
 */
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "string.h"
#include "tests.h"
#include "timer.h"
#include "uapi.h"
#include "user/progs.h"

#define EXITS_N		1000u
#define PTE_BATCH	100u

/* exits_n=N from the command line, or EXITS_N. */
static uint32_t exits_n(void)
{
	const char *p = boot_info.cmdline;
	uint32_t n = 0, found = 0;

	for (; *p; p++) {
		if ((p == boot_info.cmdline || p[-1] == ' ') && !strncmp(p, "exits_n=", 8)) {
			for (p += 8, found = 1; *p >= '0' && *p <= '9'; p++)
				n = n * 10 + (uint32_t)(*p - '0');
			break;
		}
	}
	return found ? n : EXITS_N;
}

/* One ring-3 process running entry(n) to its end. */
static void run_one(const char *name, uint32_t (*entry)(uint32_t), uint32_t n)
{
	struct proc *p = new_proc(name, entry, n);

	if (!p)
		return;
	procs_run(USER_TICKS);
	if (exited_with(name, p, 0))
		report_pass(name, "n=%u", n);
	procs_free();
}

void test_exits_syscall(void)
{
	run_one("exits_syscall", u_exits_syscall, exits_n());
}

void test_exits_fault(void)
{
	uint32_t n = exits_n();

	run_one("exits_fault", u_exits_fault, n < EXITS_FAULT_MAX ? n : EXITS_FAULT_MAX);
}

/* Two processes yielding to each other: n switches between them. */
void test_exits_switch(void)
{
	uint32_t n = exits_n() / 2;
	struct proc *a = new_proc("exits_switch", u_exits_yield, n);
	struct proc *b = a ? new_proc("exits_switch", u_exits_yield, n) : NULL;

	if (b) {
		procs_run(USER_TICKS);
		if (exited_with("exits_switch", a, 0) && exited_with("exits_switch", b, 0))
			report_pass("exits_switch", "n=%u", 2 * n);
	}
	procs_free();
}

/* n timer ticks, halted in between. */
void test_exits_tick(void)
{
	uint32_t n = exits_n() / 10, start, flags = irq_save();

	irq_enable();
	start = timer_ticks();
	while (timer_ticks() - start < n)
		halt();
	irq_restore(flags);
	report_pass("exits_tick", "n=%u", n);
}

/* n PTE updates of a page directory not in use, PTE_BATCH at a time
 * between lazy_mmu(1) and lazy_mmu(0) (one async-ring batch each). */
void test_exits_pte(void)
{
	uint32_t *pgdir = page_zalloc(), *page = page_zalloc();
	uint32_t n = exits_n(), done = 0, i, va = USER_DEMAND;

	if (!pgdir || !page || !pte_make(pgdir, va, 1)) {
		report_fail("exits_pte", "no memory");
		goto out;
	}
	while (done < n) {
		pv.lazy_mmu(1);
		for (i = 0; i < PTE_BATCH && done < n; i++, done++)
			pv.set_pte((uint32_t)pgdir, va, pte_find(pgdir, va),
				   done & 1 ? 0 : (uint32_t)page | PTE_P | PTE_W | PTE_U);
		pv.lazy_mmu(0);
	}
	report_pass("exits_pte", "n=%u", n);
out:
	if (page)
		page_free(page);
	if (pgdir)
		page_free(pgdir);
}
