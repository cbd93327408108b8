// SPDX-License-Identifier: GPL-2.0
/*
 * The paging group: the kernel's own page tables -- the kernel half,
 * shared by every page directory, 4 MiB pages -- and page tables the
 * host must refuse.
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

#define SCRATCH_VA	0x80000000u	/* no mapping there in the kernel's */
#define ALIAS_MAGIC	0x600dcafeu

/* A page directory other than the kernel's: an unborn process's. */
static uint32_t *other_pgdir(const char *name)
{
	struct proc *p = new_proc(name, u_ring3, 0);

	return p ? p->pgdir : NULL;
}

/* Read va in pgdir, then go back to the kernel's directory. */
static uint32_t read_in(uint32_t *pgdir, uint32_t va)
{
	uint32_t v;

	pgdir_load(pgdir);
	v = probe_read(va);
	pgdir_load(kernel_pgdir);
	return v;
}

/*G:520 The kernel half: all RAM again at KERNEL_ALIAS, in every page
 * directory.  A word written at a page's own address reads back through
 * the alias, in the kernel's directory and in a process's. */
void test_alias(void)
{
	uint32_t *page = page_zalloc(), *pgdir, alias, got;

	if (!page) {
		report_fail("alias", "no free page");
		return;
	}
	alias = KERNEL_ALIAS + (uint32_t)page;
	page[0] = ALIAS_MAGIC;
	probe_write(alias + 4, ~ALIAS_MAGIC);
	pgdir = other_pgdir("alias");
	if (!pgdir)
		goto out;
	got = read_in(pgdir, alias);
	if (probe_read(alias) != ALIAS_MAGIC || page[1] != ~ALIAS_MAGIC)
		report_fail("alias", "%x: read %x, wrote %x; the page has %x %x",
			    alias, probe_read(alias), ~ALIAS_MAGIC, page[0], page[1]);
	else if (got != ALIAS_MAGIC)
		report_fail("alias", "%x in a process's directory: %x", alias, got);
	else
		report_pass("alias", "RAM at %x and at %x, in two directories",
			    (uint32_t)page, alias);
out:
	procs_free();
	page_free(page);
}

/*G:530 Sharing the kernel half.  Under lguest the host keeps one shadow
 * of every entry from lguest_data.kernel_address up, shared by all page
 * directories: an alias PTE changed in the kernel's directory (one
 * SET_PTE) must read changed in a process's directory too, even though
 * that directory's shadow had the old entry.  Natively the page tables
 * themselves are shared, and the CR3 switch flushes the TLB. */
void test_kernel_half(void)
{
	uint32_t *a = page_zalloc(), *b = page_zalloc(), *pgdir, *ptep, old;
	uint32_t va, before, during, after;

	if (!a || !b) {
		report_fail("kernel_half", "no free pages");
		goto out;
	}
	pgdir = other_pgdir("kernel_half");
	if (!pgdir)
		goto out;
	a[0] = 0xaaaa0000u;
	b[0] = 0xbbbb0000u;
	va = KERNEL_ALIAS + (uint32_t)a;
	ptep = pte_find(kernel_pgdir, va);
	if (!ptep) {
		report_fail("kernel_half", "no alias PTE for %x", va);
		goto out;
	}
	old = *ptep;
	before = read_in(pgdir, va);
	pte_update(kernel_pgdir, va, ptep, (uint32_t)b | PTE_P | PTE_W);
	during = read_in(pgdir, va);
	pte_update(kernel_pgdir, va, ptep, old);
	after = read_in(pgdir, va);
	if (before != a[0] || during != b[0] || after != a[0])
		report_fail("kernel_half", "%x read %x, %x, %x; expected %x, %x, %x",
			    va, before, during, after, a[0], b[0], a[0]);
	else
		report_pass("kernel_half", "a kernel-half PTE changed once, "
			    "seen in another directory");
out:
	procs_free();
	if (a)
		page_free(a);
	if (b)
		page_free(b);
}

/*G:540 A 4 MiB page (PSE): one directory entry maps the 4 MiB of RAM
 * around a free page at SCRATCH_VA; a word written through either
 * mapping reads back through the other. */
void test_bigpage(void)
{
	uint32_t *page = page_zalloc(), base, va, r[4];

	cpuid(1, 0, r);
	if (!(r[3] & X86_CPUID1_EDX_PSE)) {
		report_skip("bigpage", "no PSE");
		goto out;
	}
	if (!page) {
		report_fail("bigpage", "no free page");
		return;
	}
	base = (uint32_t)page & ~(BIG_PAGE_SIZE - 1);
	va = SCRATCH_VA + ((uint32_t)page - base);
	page[0] = 0xb16b16u;
	pv.set_pgd((uint32_t)kernel_pgdir, PDX(SCRATCH_VA),
		   base | PDE_PS | PTE_P | PTE_W);
	r[0] = probe_read(va);
	probe_write(va + 4, 0xb16b17u);
	pv.set_pgd((uint32_t)kernel_pgdir, PDX(SCRATCH_VA), 0);
	pv.flush_page(va);
	if (r[0] != 0xb16b16u || page[1] != 0xb16b17u)
		report_fail("bigpage", "through %x: read %x, wrote %x, got %x",
			    va, r[0], 0xb16b17u, page[1]);
	else
		report_pass("bigpage", "4 MiB page at %x for %x", SCRATCH_VA, base);
out:
	if (page)
		page_free(page);
}

/*G:550 Page tables the host must refuse (invariant 3: every guest
 * physical address is bounds-checked): a page directory, a page table
 * or a page outside guest memory.  The host kills the guest
 * (bad-hypercall for the directory, an argument of LHCALL_NEW_PGTABLE;
 * bad-pagetable for the others, whether at LHCALL_SET_PGD or at the
 * access); coming back is a FAIL. */
void test_badpgdir(void)
{
	if (!lguest_only("badpgdir"))
		return;
	hcall(LHCALL_NEW_PGTABLE, ram_top, 0, 0, 0);
	report_fail("badpgdir", "switched to a page directory at %x, past memory",
		    ram_top);
}

static void bad_mapping(const char *name, uint32_t pde)
{
	uint32_t v;

	pv.set_pgd((uint32_t)kernel_pgdir, PDX(SCRATCH_VA), pde);
	v = probe_read(SCRATCH_VA);
	pv.set_pgd((uint32_t)kernel_pgdir, PDX(SCRATCH_VA), 0);
	report_fail(name, "read %x through %x (pde %x), past memory at %x", v,
		    SCRATCH_VA, pde, ram_top);
}

void test_badpde(void)
{
	if (lguest_only("badpde"))
		bad_mapping("badpde", ram_top | PTE_P | PTE_W);
}

void test_badpte(void)
{
	uint32_t *pt = page_zalloc();

	if (!lguest_only("badpte") || !pt)
		return;
	pt[0] = ram_top | PTE_P | PTE_W;
	bad_mapping("badpte", (uint32_t)pt | PTE_P | PTE_W);
	page_free(pt);
}
