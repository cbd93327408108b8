// SPDX-License-Identifier: GPL-2.0
/*
 * The user group: ring 3.  Processes in address spaces of their own,
 * system calls, page faults from ring 3 and what the kernel makes of
 * them, TLS and FPU state per process.  The programs are in user/.
 */
#include "fpu.h"
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "string.h"
#include "tests.h"
#include "timer.h"
#include "traps.h"
#include "uapi.h"
#include "user/progs.h"
#include "x86.h"

#define NSYSCALLS	1000
#define SPACE_ROUNDS	100
#define TLS_ROUNDS	60
#define STORM_CYCLES	10000
#define STORM_TICKS	6000	/* 60 s: each cycle is a few host exits */

/* The kernel's copy of a process's user word. */
static volatile uint32_t *uword(struct proc *p, const volatile void *uva)
{
	return proc_ptr(p, (const void *)uva);
}

/*G:700 The first step into ring 3: the process sees CPL 3 in its own
 * segment registers, makes a system call, and its return value comes
 * back as its exit status. */
void test_ring3(void)
{
	struct proc *p = new_proc("ring3", u_ring3, 0x1234);

	if (!p)
		return;
	procs_run(USER_TICKS);
	if (exited_with("ring3", p, 0x1234 ^ RING3_MAGIC))
		report_pass("ring3", "cpl 3, %u system calls", p->syscalls);
	procs_free();
}

/* N system calls through int $0x80, each answer checked by the process,
 * each arrival counted here. */
void test_syscalls(void)
{
	struct proc *p = new_proc("syscalls", u_syscalls, NSYSCALLS);

	if (!p)
		return;
	procs_run(USER_TICKS);
	if (!exited_with("syscalls", p, 0))
		;
	else if (p->syscalls != NSYSCALLS + 1)
		report_fail("syscalls", "%u system calls arrived, %u made",
			    p->syscalls, NSYSCALLS + 1);
	else
		report_pass("syscalls", "%u system calls, every answer right",
			    p->syscalls);
	procs_free();
}

/* Run u_syscalls(n) with the system call gate of the given kind; how
 * many calls ran with interrupts on, or ~0 if it went wrong. */
static uint32_t calls_with_irqs_on(int trap_gate, uint32_t n)
{
	struct proc *p;
	uint32_t on = ~0u;

	idt_set_gate(SYS_VECTOR, trap_stubs[SYS_VECTOR], 3, trap_gate);
	p = new_proc("syscall_gates", u_syscalls, n);
	if (p) {
		procs_run(USER_TICKS);
		if (exited_with("syscall_gates", p, 0))
			on = p->syscalls_irqs_on;
	}
	procs_free();
	idt_set_gate(SYS_VECTOR, trap_stubs[SYS_VECTOR], 3, 1);
	return on;
}

/*G:710 The gate decides the interrupt flag inside the system call: a
 * trap gate leaves it as ring 3 had it (on), an interrupt gate clears
 * it.  Under lguest both are the virtual IF, and the host's fast path
 * for int $0x80 must honour the gate just as its slow path does. */
void test_syscall_gates(void)
{
	uint32_t trap_on, intr_on;

	trap_on = calls_with_irqs_on(1, 20);
	if (trap_on == ~0u)
		return;
	intr_on = calls_with_irqs_on(0, 20);
	if (intr_on == ~0u)
		return;
	if (trap_on != 21)
		report_fail("syscall_gates", "trap gate: %u of 21 calls with interrupts on",
			    trap_on);
	else if (intr_on != 0)
		report_fail("syscall_gates", "interrupt gate: %u of 21 calls with interrupts on",
			    intr_on);
	else
		report_pass("syscall_gates", "trap gate: IF on; interrupt gate: IF off");
}

/*G:720 Two address spaces: the same program twice, the same addresses,
 * each process's own pages behind them.  They switch at every round
 * (SYS_YIELD, so a page-directory switch each time) and neither may ever
 * see the other's values. */
void test_spaces(void)
{
	struct proc *p[2];
	uint32_t i, id[2];

	p[0] = new_proc("spaces", u_spaces, SPACE_ROUNDS);
	p[1] = p[0] ? new_proc("spaces", u_spaces, SPACE_ROUNDS) : NULL;
	if (!p[1]) {
		procs_free();
		return;
	}
	for (i = 0; i < 2; i++) {
		id[i] = 0xa5000000u | p[i]->pid << 16;
		*uword(p[i], &u_ident) = id[i];
	}
	procs_run(USER_TICKS);
	for (i = 0; i < 2; i++)
		if (!exited_with("spaces", p[i], 0))
			goto out;
	for (i = 0; i < 2; i++)
		if (*uword(p[i], &u_scratch) != id[i] + SPACE_ROUNDS - 1) {
			report_fail("spaces", "process %u: last value %x, expected %x",
				    p[i]->pid, *uword(p[i], &u_scratch),
				    id[i] + SPACE_ROUNDS - 1);
			goto out;
		}
	report_pass("spaces", "%u switches between two address spaces",
		    p[0]->runs + p[1]->runs);
out:
	procs_free();
}

/* One recorded page fault is (cr2, error)? */
static int pf_is(const struct proc *p, uint32_t i, uint32_t cr2, uint32_t error)
{
	return i < p->pf_count && i < PF_LOG && p->pf[i].cr2 == cr2 &&
	       p->pf[i].error == error;
}

/* A write where nothing is mapped kills the process, with the fault as
 * ring 3 took it. */
static int touch_kills(const char *name, uint32_t va)
{
	struct proc *p = new_proc(name, u_touch, va);
	int ok = 0;

	if (!p)
		return 0;
	procs_run(USER_TICKS);
	if (exited_with(name, p, EXIT_KILLED)) {
		ok = pf_is(p, 0, va, PF_U | PF_W);
		if (!ok)
			report_fail(name, "write to %x: %s", va, p->why);
	}
	procs_free();
	return ok;
}

/* A read, then a write, of pages not mapped yet. */
static int demand_ok(const char *name, uint32_t va)
{
	struct proc *p = new_proc(name, u_demand, va);
	int ok = 0;

	if (!p)
		return 0;
	procs_run(USER_TICKS);
	if (!exited_with(name, p, 0))
		;
	else if (p->pf_count != 2 || !pf_is(p, 0, va, PF_U) ||
		 !pf_is(p, 1, va + DEMAND_WRITE, PF_U | PF_W))
		report_fail(name, "%u faults, first (%x, %x), second (%x, %x); "
			    "expected (%x, %x), (%x, %x)", p->pf_count,
			    p->pf[0].cr2, p->pf[0].error, p->pf[1].cr2,
			    p->pf[1].error, va, PF_U, va + DEMAND_WRITE,
			    PF_U | PF_W);
	else if (*uword(p, (void *)(va + DEMAND_WRITE)) != DEMAND_VALUE)
		report_fail(name, "the written value is not in the page");
	else
		ok = 1;
	procs_free();
	return ok;
}

/*G:730 Page faults from ring 3 reach the kernel with the address (CR2
 * natively, lguest_data.cr2 under lguest) and the error code of the
 * guest's own page tables: not present, user, read or write.  The kernel
 * maps a page and the access runs again; nothing else may fault.  Where
 * the kernel maps nothing, the process dies of it. */
void test_demand(void)
{
	if (demand_ok("demand", USER_DEMAND) && touch_kills("demand", 0x60000000))
		report_pass("demand", "read and write faults mapped on demand, "
			    "a stray write killed");
}

/* wprotect: the one page, and whether the kernel's answer went right. */
struct wp {
	uint32_t va;
};

static int wp_fault(struct proc *p, struct trap_frame *f, uint32_t cr2)
{
	struct wp *w = p->data;
	uint32_t *ptep = pte_find(p->pgdir, w->va);

	if (f->vector != X86_TRAP_PF || cr2 != w->va || !ptep)
		return 0;
	pte_update(p->pgdir, w->va, ptep, *ptep | PTE_W);
	return 1;
}

static uint32_t wp_check(struct proc *p, uint32_t what, uint32_t unused)
{
	struct wp *w = p->data;
	uint32_t *ptep = pte_find(p->pgdir, w->va);

	(void)unused;
	if (what != WP_CHECK_PROTECT || !ptep)
		return SYS_ERROR;
	pte_update(p->pgdir, w->va, ptep, *ptep & ~PTE_W);
	return 0;
}

/*G:740 Write protection: a read-only user page can be read; a write
 * faults with "present, write, user"; once the kernel made it writable
 * (LHCALL_SET_PTE under lguest) the write goes through; made read-only
 * again, the next write faults again -- the host must not keep a
 * writable shadow of a page the guest took write access away from. */
void test_wprotect(void)
{
	struct wp w = { USER_DEMAND + 0x10000 };
	uint32_t *page = page_zalloc();
	struct proc *p = page ? new_proc("wprotect", u_wprotect, w.va) : NULL;
	const uint32_t err = PF_P | PF_W | PF_U;

	if (!p) {
		if (page)
			page_free(page);
		return;
	}
	page[0] = WP_BEFORE;
	map_page(p->pgdir, w.va, (uint32_t)page, PTE_U);
	p->on_fault = wp_fault;
	p->on_check = wp_check;
	p->data = &w;
	procs_run(USER_TICKS);
	if (!exited_with("wprotect", p, 0))
		;
	else if (p->pf_count != 2 || !pf_is(p, 0, w.va, err) || !pf_is(p, 1, w.va, err))
		report_fail("wprotect", "%u faults, first (%x, %x); expected 2 of (%x, %x)",
			    p->pf_count, p->pf[0].cr2, p->pf[0].error, w.va, err);
	else if (page[0] != WP_SECOND)
		report_fail("wprotect", "the page holds %x, expected %x", page[0],
			    WP_SECOND);
	else
		report_pass("wprotect", "a write to a read-only page faulted, "
			    "then worked once writable, twice");
	procs_free();
}

/* dirty: the page, and the first wrong answer. */
struct dirty {
	uint32_t va, step, bad_pte, bad_step;
};

static uint32_t dirty_check(struct proc *p, uint32_t what, uint32_t unused)
{
	struct dirty *d = p->data;
	uint32_t *ptep = pte_find(p->pgdir, d->va), want;

	(void)unused;
	d->step++;
	if (!ptep)
		return 1;
	if (what == DIRTY_CHECK_CLEAN) {
		pte_update(p->pgdir, d->va, ptep, *ptep & ~(PTE_A | PTE_D));
		return 0;
	}
	want = what == DIRTY_CHECK_READ ? PTE_A : PTE_A | PTE_D;
	if ((*ptep & (PTE_A | PTE_D)) == want)
		return 0;
	if (!d->bad_step) {
		d->bad_step = d->step;
		d->bad_pte = *ptep;
	}
	return 1;
}

/*G:750 Accessed and dirty bits are the guest's: the CPU sets them in the
 * guest's own PTEs natively, and under lguest the host must, since the
 * CPU only ever sets them in its shadow.  After a read: A set, D clear.
 * After a write: both.  Cleared by the kernel (SET_PTE), the same again:
 * the host must take write access away from its shadow to see the next
 * write. */
void test_dirty(void)
{
	struct dirty d = { USER_DEMAND + 0x20000, 0, 0, 0 };
	uint32_t *page = page_zalloc();
	struct proc *p = page ? new_proc("dirty", u_dirty, d.va) : NULL;

	if (!p) {
		if (page)
			page_free(page);
		return;
	}
	map_page(p->pgdir, d.va, (uint32_t)page, PTE_U | PTE_W);
	p->on_check = dirty_check;
	p->data = &d;
	procs_run(USER_TICKS);
	if (d.bad_step)
		report_fail("dirty", "step %u: PTE %x has A=%u D=%u", d.bad_step,
			    d.bad_pte, !!(d.bad_pte & PTE_A), !!(d.bad_pte & PTE_D));
	else if (!exited_with("dirty", p, 0))
		;
	else if (d.step != 5)
		report_fail("dirty", "%u checks, expected 5", d.step);
	else
		report_pass("dirty", "A after reads, A and D after writes, twice");
	procs_free();
}

/* A TLS segment of one page at uva, ring 3's. */
static struct desc tls_desc(const volatile void *uva)
{
	return desc_segment((uint32_t)uva, 1, 3, 0);
}

/*G:760 TLS: each process gets three descriptors of its own for GDT
 * entries 22..24 (LHCALL_LOAD_TLS at every switch under lguest), with
 * bases at its own row of u_tls_area, which holds values only it has.
 * Reading them through %gs and %fs across switches, each must always
 * find its own: a stale descriptor would show the other row. */
void test_tls(void)
{
	struct proc *p[2];
	volatile uint32_t *row;
	uint32_t i;

	p[0] = new_proc("tls", u_tls, TLS_ROUNDS);
	p[1] = p[0] ? new_proc("tls", u_tls, TLS_ROUNDS) : NULL;
	if (!p[1]) {
		procs_free();
		return;
	}
	for (i = 0; i < 2; i++) {
		*uword(p[i], &u_tls_which) = i;
		row = uword(p[i], u_tls_area[i]);
		row[TLS_GS_SLOT] = 0x715a0000u | p[i]->pid;
		row[TLS_FS_SLOT] = 0x715b0000u | p[i]->pid;
		p[i]->tls[TLS_GS_ENTRY] = tls_desc(&u_tls_area[i][TLS_GS_SLOT]);
		p[i]->tls[TLS_FS_ENTRY] = tls_desc(&u_tls_area[i][TLS_FS_SLOT]);
	}
	procs_run(USER_TICKS);
	if (exited_with("tls", p[0], 0) && exited_with("tls", p[1], 0))
		report_pass("tls", "%%gs and %%fs per process over %u switches",
			    p[0]->runs + p[1]->runs);
	procs_free();
}

/*G:770 FPU, SSE and AVX state per process: two processes fill xmm0-7
 * (ymm0-7 where the kernel saves the upper halves), the x87 control word
 * and MXCSR with values of their own, and check them across yields and
 * timer ticks.  The kernel saves and restores them at every switch, so
 * this tests the kernel's switch natively and, under lguest, that the
 * host keeps all of the guest's extended state, through ring changes as
 * well as its own world switches. */
void test_user_fpu(void)
{
	uint32_t seed = (uint32_t)rdtsc() | 1, i, preempts = 0;
	struct proc *p[2];

	p[0] = new_proc("user_fpu", u_fpu, seed);
	p[1] = p[0] ? new_proc("user_fpu", u_fpu, seed * 3 + 0x400) : NULL;
	if (!p[1]) {
		procs_free();
		return;
	}
	for (i = 0; i < 2; i++)
		*uword(p[i], &u_fpu_avx) = fpu_has_avx();
	procs_run(USER_TICKS);
	for (i = 0; i < 2; i++) {
		if (!exited_with("user_fpu", p[i], 0))
			goto out;
		preempts += p[i]->preempts;
	}
	if (preempts < 10)
		report_fail("user_fpu", "only %u timer preemptions", preempts);
	else
		report_pass("user_fpu", "%s, fcw, mxcsr kept over %u switches, "
			    "%u of them ticks", fpu_has_avx() ? "ymm0-7" : "xmm0-7",
			    p[0]->runs + p[1]->runs, preempts);
out:
	procs_free();
}

/* storm: how many pages the kernel has mapped. */
struct storm {
	uint32_t maps;
};

/* A first touch of the storm pages: a new page holding the count. */
static int storm_fault(struct proc *p, struct trap_frame *f, uint32_t cr2)
{
	struct storm *s = p->data;
	uint32_t *page;

	if (f->vector != X86_TRAP_PF || (f->error & PF_P) || cr2 < STORM_BASE ||
	    cr2 >= STORM_BASE + STORM_PAGES * PAGE_SIZE)
		return 0;
	page = page_alloc();
	if (!page)
		return 0;
	page[0] = s->maps++;
	if (map_page(p->pgdir, cr2 & PAGE_MASK, (uint32_t)page, PTE_U | PTE_W))
		return 1;
	page_free(page);
	return 0;
}

/*G:780 A page-fault storm: ten thousand times a page is mapped on a
 * fault (SET_PTE) and unmapped by a system call (SET_PTE, FLUSH_PAGE).
 * Every touch must fault exactly once and see the page just mapped; the
 * harness checks afterwards that the host unpinned every page it pinned. */
void test_storm(void)
{
	struct storm s = { 0 };
	struct proc *p = new_proc("storm", u_storm, STORM_CYCLES);

	if (!p)
		return;
	p->on_fault = storm_fault;
	p->data = &s;
	procs_run(STORM_TICKS);
	if (!exited_with("storm", p, 0))
		;
	else if (s.maps != STORM_CYCLES || p->pf_count != STORM_CYCLES)
		report_fail("storm", "%u pages mapped, %u faults, for %u cycles",
			    s.maps, p->pf_count, STORM_CYCLES);
	else
		report_pass("storm", "%u map/unmap cycles", STORM_CYCLES);
	procs_free();
}
