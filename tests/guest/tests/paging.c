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

/*G:535 Tables that look hostile but that hardware allows, which the host
 * must shadow like any other memory of the guest's: a directory entry
 * naming the directory itself (its page tables, and the directory, then
 * appear as ordinary pages at SELF_VA), a page-table entry written
 * through that alias rather than its own address, and the lguest_data
 * page mapped a second time.  The guest must see what hardware shows,
 * and the host must come through unharmed. */
#define SELF_INDEX	0x240u			/* SELF_VA = 0x90000000 */
#define SELF_VA		(SELF_INDEX << 22)
#define VIA_VA		0xa0000000u		/* mapped through the alias */
#define AD_BITS		(PTE_A | PTE_D)

/* Where the self map shows the entry for va: directory i is page i. */
static uint32_t self_entry(uint32_t va)
{
	return SELF_VA + (va >> 22) * PAGE_SIZE + ((va >> 12) & 1023) * 4;
}

static const char *selfmap_check(uint32_t *page)
{
	uint32_t pde = (uint32_t)kernel_pgdir | PTE_P | PTE_W, *ptep;

	pv.set_pgd((uint32_t)kernel_pgdir, SELF_INDEX, pde);
	if ((probe_read(SELF_VA + SELF_INDEX * PAGE_SIZE + SELF_INDEX * 4) & ~AD_BITS) != pde)
		return "the directory does not show itself through its own entry";
	ptep = pte_find(kernel_pgdir, (uint32_t)page);
	if (!ptep || (probe_read(self_entry((uint32_t)page)) & ~AD_BITS) != (*ptep & ~AD_BITS))
		return "a page-table entry reads differently through the alias";
	if (!pte_make(kernel_pgdir, VIA_VA, 0))
		return "no memory for a page table";
	probe_write(self_entry(VIA_VA), (uint32_t)page | PTE_P | PTE_W);
	pv.flush_page(VIA_VA);
	if (probe_read(VIA_VA) != ALIAS_MAGIC)
		return "an entry written through the alias does not map the page";
	if (!map_page(kernel_pgdir, VIA_VA + PAGE_SIZE, (uint32_t)&lguest_data, PTE_W))
		return "no memory to map lguest_data";
	if (probe_read(VIA_VA + PAGE_SIZE + 20) != lguest_data.noirq_start)
		return "lguest_data reads differently through a second mapping";
	return NULL;
}

void test_selfmap(void)
{
	uint32_t *page = page_zalloc();
	const char *why;

	if (!page) {
		report_fail("selfmap", "no free page");
		return;
	}
	page[0] = ALIAS_MAGIC;
	why = selfmap_check(page);
	unmap_page(kernel_pgdir, VIA_VA);
	unmap_page(kernel_pgdir, VIA_VA + PAGE_SIZE);
	pv.set_pgd((uint32_t)kernel_pgdir, SELF_INDEX, 0);
	pv.flush_tlb(1);
	if (why)
		report_fail("selfmap", "%s", why);
	else
		report_pass("selfmap", "self map, alias writes, lguest_data twice");
	page_free(page);
}
