// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow page tables.  The CPU walks these, never the guest's own tables.
 *
 * This first version gives the guest a linear map: guest-virtual address
 * v is guest-physical v, for all of guest memory, filled in a page at a
 * time as the guest touches it.  Real shadowing of the guest's 2-level
 * tables replaces lg_demand_fault() and lg_gva_to_gpa() next.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "lg.h"

#define PT_ENTRIES	512
#define KERNEL_HALF	(PT_ENTRIES / 2)
#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define LEAF_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

/*H:400 The root has the host's depth: 4 levels, or 5 when the host runs
 * with LA57.  Only entry 0 of the root, covering the low 4 GiB the guest
 * can address, is ours; the kernel half is copied from the host's own root
 * so the switcher keeps running across the CR3 write, and the user half
 * stays empty (invariant 3).
 *
 * The root is the even page of an 8 KiB allocation: with page-table
 * isolation the host's entry code finds its kernel root by clearing bit
 * 12 of CR3, so a root with that bit set could confuse it. */
int lg_pgt_init(struct lguest *g)
{
	g->pgt.root = __get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, 1);
	if (!g->pgt.root)
		return -ENOMEM;
	g->pgt.levels = pgtable_l5_enabled() ? 5 : 4;
	return 0;
}

static u64 *table_of(u64 entry)
{
	return __va(entry & PTE_PFN_MASK);
}

static unsigned int index_at(u32 vaddr, unsigned int level)
{
	return ((u64)vaddr >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* Release a table and everything under it; level 1 entries are pinned
 * guest pages. */
static void free_table(u64 *table, unsigned int level)
{
	unsigned int i;

	for (i = 0; i < PT_ENTRIES; i++) {
		if (!(table[i] & _PAGE_PRESENT))
			continue;
		if (level == 1)
			unpin_user_page(pfn_to_page((table[i] & PTE_PFN_MASK) >> PAGE_SHIFT));
		else
			free_table(table_of(table[i]), level - 1);
	}
	free_page((unsigned long)table);
}

void lg_pgt_free(struct lguest *g)
{
	u64 *root = (u64 *)g->pgt.root;

	if (!root)
		return;
	if (root[0] & _PAGE_PRESENT)
		free_table(table_of(root[0]), g->pgt.levels - 1);
	free_pages(g->pgt.root, 1);
	g->pgt.root = 0;
}

/* Copy the kernel half of the host's current root.  In the guest world
 * the CPU only reaches the switcher's code, per-CPU areas and IDT, all
 * allocated at module load, so their top-level entries exist long before
 * any guest; refreshing once per read() also picks up anything the host
 * added since (a memory hot-add, say), at no cost per entry. */
void lg_pgt_sync_host(struct lguest *g)
{
	const u64 *host = __va(read_cr3_pa());
	u64 *root = (u64 *)g->pgt.root;

	memcpy(&root[KERNEL_HALF], &host[KERNEL_HALF], KERNEL_HALF * sizeof(u64));
}

/* PCID 0 and no "no-flush" bit: the CR3 write flushes the guest's TLB. */
u64 lg_pgt_cr3(const struct lguest *g)
{
	return __pa(g->pgt.root);
}

/* The level-1 slot for vaddr, allocating tables on the way down. */
static u64 *leaf_slot(struct lguest *g, u32 vaddr)
{
	u64 *table = (u64 *)g->pgt.root;
	unsigned int level;

	for (level = g->pgt.levels; level > 1; level--) {
		u64 *entry = &table[index_at(vaddr, level)];

		if (!(*entry & _PAGE_PRESENT)) {
			unsigned long page = get_zeroed_page(GFP_KERNEL_ACCOUNT);

			if (!page)
				return NULL;
			*entry = __pa(page) | TABLE_FLAGS;
		}
		table = table_of(*entry);
	}
	return &table[index_at(vaddr, 1)];
}

/*H:410 Map one page of guest memory on the guest's first touch.  The page
 * is the Launcher's, pinned for as long as the shadow entry points at it.
 * Entries are supervisor-only for now: the guest kernel runs at CPL1,
 * which the CPU counts as supervisor, so SMEP would forbid it to execute
 * user pages.  Never Global: the mapping must die with the CR3 switch.
 * Returns false if the fault is not ours to fix. */
bool lg_demand_fault(struct lguest *g, u32 vaddr)
{
	u32 gpa;
	u64 *slot;
	struct page *page;

	if (!lg_gva_to_gpa(g, vaddr, &gpa))
		return false;
	slot = leaf_slot(g, vaddr);
	if (!slot) {
		kill_guest(g, "out of memory for shadow page tables");
		return true;
	}
	if (*slot & _PAGE_PRESENT)
		return false;	/* mapped already: a real fault */
	if (pin_user_pages_fast(g->mem_base + (gpa & PAGE_MASK), 1,
				FOLL_WRITE | FOLL_LONGTERM, &page) != 1) {
		kill_guest(g, "guest memory at %#x is no longer mapped by the Launcher", gpa);
		return true;
	}
	*slot = page_to_phys(page) | LEAF_FLAGS;
	return true;
}

/* Guest-virtual to guest-physical: the identity, within guest memory. */
bool lg_gva_to_gpa(struct lguest *g, u32 vaddr, u32 *gpa)
{
	if (vaddr >= g->mem_size)
		return false;
	*gpa = vaddr;
	return true;
}

/* LHCALL_NEW_PGTABLE: remembered; the linear map serves until shadowing. */
void lg_new_pgtable(struct lguest *g, u32 pgdir)
{
	g->pgt.guest_pgdir = pgdir;
}
