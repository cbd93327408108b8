// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator and the page tables (mm.h).
 */
#include "console.h"
#include "mm.h"
#include "platform.h"
#include "string.h"
#include "uapi.h"
#include "x86.h"

extern char __kernel_end[];

uint32_t *kernel_pgdir;
uint32_t ram_top;

/* Free pages are a list threaded through their first word; pages never
 * handed out yet are [fresh_next, fresh_end), so boot touches none. */
static void *free_list;
static uint32_t fresh_next, fresh_end;
static uint32_t *current_pgdir;

static void zero_page(void *page)
{
	uint32_t n = PAGE_SIZE / 4;

	asm volatile("rep stosl" : "+D"(page), "+c"(n) : "a"(0) : "memory");
}

void *page_alloc(void)
{
	void *page = free_list;

	if (page) {
		free_list = *(void **)page;
		return page;
	}
	if (fresh_next >= fresh_end)
		return NULL;
	page = (void *)fresh_next;
	fresh_next += PAGE_SIZE;
	return page;
}

void *page_zalloc(void)
{
	void *page = page_alloc();

	if (page)
		zero_page(page);
	return page;
}

void page_free(void *page)
{
	*(void **)page = free_list;
	free_list = page;
}

/* The end of usable RAM (capped at RAM_MAX), and the end of the range the
 * kernel sits in, where the allocator stops. */
static void find_ram(uint32_t kernel_end)
{
	uint32_t i;

	for (i = 0; i < boot_info.nr_e820; i++) {
		const struct boot_e820 *e = &boot_info.e820[i];
		uint64_t end = e->start + e->size;

		if (e->type != 1)
			continue;
		if (end > RAM_MAX)
			end = RAM_MAX;
		if (end > ram_top)
			ram_top = (uint32_t)end & PAGE_MASK;
		if (e->start <= kernel_end && end > kernel_end)
			fresh_end = (uint32_t)end & PAGE_MASK;
	}
}

/* One page table mapping the RAM of [base, base + 4 MiB) to itself. */
static uint32_t *ram_table(uint32_t base)
{
	uint32_t *pt = page_zalloc(), i, pa;

	if (!pt)
		pv.crash("no memory for the kernel's page tables");
	for (i = 0; i < PGDIR_ENTRIES; i++) {
		pa = base + i * PAGE_SIZE;
		if (pa && pa < ram_top)		/* page 0 stays unmapped */
			pt[i] = pa | PTE_P | PTE_W;
	}
	return pt;
}

/*G:500 The kernel's page tables: all RAM at its own address, where the
 * kernel is linked, and again at KERNEL_ALIAS with tables of its own, so
 * that a change there is a change to the kernel half only.  Supervisor
 * pages, so ring 3 touches none of it.  Page 0 stays unmapped to catch
 * null pointers.  The host has never seen this directory, so plain
 * writes build it; from the first pgdir_load() on, every change goes
 * through the backend. */
static void build_kernel_pgdir(void)
{
	uint32_t base;

	kernel_pgdir = page_zalloc();
	if (!kernel_pgdir)
		pv.crash("no memory for the kernel's page directory");
	for (base = 0; base < ram_top; base += BIG_PAGE_SIZE) {
		kernel_pgdir[PDX(base)] = (uint32_t)ram_table(base) | PTE_P | PTE_W;
		kernel_pgdir[PDX(KERNEL_ALIAS + base)] =
			(uint32_t)ram_table(base) | PTE_P | PTE_W;
	}
}

void mm_init(void)
{
	fresh_next = ((uint32_t)__kernel_end + PAGE_SIZE - 1) & PAGE_MASK;
	find_ram(fresh_next);
	if (fresh_end > ram_top)
		fresh_end = ram_top;
	build_kernel_pgdir();
	pgdir_load(kernel_pgdir);
}

uint32_t *pgdir_new(void)
{
	uint32_t *pgdir = page_zalloc(), i;

	if (!pgdir)
		return NULL;
	for (i = 0; i < PGDIR_ENTRIES; i++)
		pgdir[i] = kernel_pgdir[i];
	return pgdir;
}

void pgdir_load(uint32_t *pgdir)
{
	current_pgdir = pgdir;
	pv.load_pgdir((uint32_t)pgdir);
}

uint32_t *pgdir_current(void)
{
	return current_pgdir;
}

uint32_t *pte_find(uint32_t *pgdir, uint32_t va)
{
	uint32_t pde = pgdir[PDX(va)];

	if (!(pde & PTE_P) || (pde & PDE_PS))
		return NULL;
	return &((uint32_t *)PTE_FRAME(pde))[PTX(va)];
}

uint32_t *pte_make(uint32_t *pgdir, uint32_t va, int user)
{
	uint32_t *pt;

	if (!(pgdir[PDX(va)] & PTE_P)) {
		pt = page_zalloc();
		if (!pt)
			return NULL;
		pv.set_pgd((uint32_t)pgdir, PDX(va),
			   (uint32_t)pt | PTE_P | PTE_W | (user ? PTE_U : 0));
	}
	return pte_find(pgdir, va);
}

/* x86 never caches a not-present entry, so only replacing a present one
 * needs a flush, and only in the directory the TLB holds. */
void pte_update(uint32_t *pgdir, uint32_t va, uint32_t *ptep, uint32_t pte)
{
	uint32_t old = *ptep;

	pv.set_pte((uint32_t)pgdir, va, ptep, pte);
	if ((old & PTE_P) && pgdir == current_pgdir)
		pv.flush_page(va);
}

int map_page(uint32_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags)
{
	uint32_t *ptep = pte_make(pgdir, va, !!(flags & PTE_U));

	if (!ptep)
		return 0;
	pte_update(pgdir, va, ptep, PTE_FRAME(pa) | flags | PTE_P);
	return 1;
}

void unmap_page(uint32_t *pgdir, uint32_t va)
{
	uint32_t *ptep = pte_find(pgdir, va);

	if (ptep && (*ptep & PTE_P))
		pte_update(pgdir, va, ptep, 0);
}

/* One user page table: free its frames, then the table (after the host
 * has been told the directory entry is gone). */
static void free_user_table(uint32_t *pgdir, uint32_t index)
{
	uint32_t *pt = (uint32_t *)PTE_FRAME(pgdir[index]), i;

	for (i = 0; i < PGDIR_ENTRIES; i++)
		if (pt[i] & PTE_P)
			page_free((void *)PTE_FRAME(pt[i]));
	pv.set_pgd((uint32_t)pgdir, index, 0);
	page_free(pt);
}

/* Batched: one hypercall per table through the async ring under lguest. */
void pgdir_free_user(uint32_t *pgdir)
{
	uint32_t i;

	pv.lazy_mmu(1);
	for (i = PDX(USER_BASE); i < PDX(KERNEL_ALIAS); i++)
		if (pgdir[i] & PTE_P)
			free_user_table(pgdir, i);
	if (pgdir == current_pgdir)
		pv.flush_tlb(0);
	pv.lazy_mmu(0);
}

void *va_to_kernel(uint32_t *pgdir, uint32_t va)
{
	uint32_t *ptep = pte_find(pgdir, va);

	if (!ptep || !(*ptep & PTE_P))
		return NULL;
	return (void *)(PTE_FRAME(*ptep) | (va & ~PAGE_MASK));
}
