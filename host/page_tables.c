// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow page tables.  The CPU walks these, never the guest's own tables.
 *
 * The guest keeps ordinary 2-level, non-PAE 32-bit page tables.  The host
 * builds 64-bit tables of its own depth from them, one entry at a time,
 * when the guest first touches a page ("demand fill"), and forgets entries
 * when the guest says it changed them (LHCALL_SET_PTE, LHCALL_SET_PGD, the
 * flushes).  Until the guest installs its first page directory it runs on
 * a linear map: guest-virtual == guest-physical.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <asm/pgtable.h>
#include "lg.h"

#define PT_ENTRIES	512
#define KERNEL_HALF	(PT_ENTRIES / 2)
#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

/* The guest's 32-bit entries (Intel SDM vol. 3, 4.3). */
#define GPTE_P		0x001u
#define GPTE_RW		0x002u
#define GPTE_US		0x004u
#define GPTE_A		0x020u
#define GPTE_D		0x040u
#define GPTE_PS		0x080u		/* in a directory entry: 4 MiB page */
#define GPTE_PFN	0xfffff000u
#define GPDE_4M_RSVD	0x003fe000u	/* PSE-36 high bits: must be zero */

/* Page-fault error code bits. */
#define PF_PROT		0x1u
#define PF_WRITE	0x2u
#define PF_USER		0x4u

static u64 *table_of(u64 entry)
{
	return __va(entry & PTE_PFN_MASK);
}

static u64 *new_table(void)
{
	return (u64 *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
}

/*H:400 Every shadow leaf points at a page of the Launcher's, pinned for as
 * long as the leaf exists: the guest can never reach a page the Launcher
 * has since given back.  Clearing a leaf is the only way a pin goes.
 */
static void clear_leaf(u64 *leaf)
{
	if (*leaf & _PAGE_PRESENT)
		unpin_user_page(pfn_to_page((*leaf & PTE_PFN_MASK) >> PAGE_SHIFT));
	*leaf = 0;
}

/* A page table (512 leaves, 2 MiB): unpin everything, free it. */
static void free_pt(u64 *pt)
{
	unsigned int i;

	for (i = 0; i < PT_ENTRIES; i++)
		clear_leaf(&pt[i]);
	free_page((unsigned long)pt);
}

/* A page-directory entry (2 MiB): the page table under it goes. */
static void clear_pd_entry(u64 *entry)
{
	if (*entry & _PAGE_PRESENT)
		free_pt(table_of(*entry));
	*entry = 0;
}

/* Empty a page directory (1 GiB), keeping the directory page itself. */
static void empty_pd(u64 *pd)
{
	unsigned int i;

	if (!pd)
		return;
	for (i = 0; i < PT_ENTRIES; i++)
		clear_pd_entry(&pd[i]);
}

static bool is_kernel_gib(const struct lguest *g, unsigned int gib)
{
	return gib >= g->pgt.kernel_gib;
}

/* The page directory covering GiB gib in root r: shared in the kernel
 * half, the root's own below it.
 */
static u64 **pd_slot(struct lguest *g, struct lg_root *r, unsigned int gib)
{
	return is_kernel_gib(g, gib) ? &g->pgt.kernel_pd[gib] : &r->pd[gib];
}

/*H:410 A shadow root has the host's depth: 4 levels, or 5 when the host
 * runs with LA57.  Entry 0 (the low 512 GiB) leads to this root's own
 * page-directory-pointer table, whose first four entries cover the 4 GiB
 * a compatibility-mode guest can address.  The kernel half of the root is
 * the host's (copied by lg_pgt_sync_host), so the switcher keeps running
 * across the CR3 write; the rest stays empty (invariant 3).
 *
 * The root is the even page of an 8 KiB allocation: with page-table
 * isolation the host's entry code finds its kernel root by clearing bit 12
 * of CR3, so a root with that bit set could confuse it.
 */
static int root_alloc(struct lguest *g, struct lg_root *r)
{
	u64 *top;

	r->top = __get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, 1);
	r->pdpt = new_table();
	if (!r->top || !r->pdpt)
		return -ENOMEM;
	top = (u64 *)r->top;
	if (g->pgt.levels == 5) {
		u64 *p4d = new_table();

		if (!p4d)
			return -ENOMEM;
		top[0] = __pa(p4d) | TABLE_FLAGS;
		top = p4d;
	}
	top[0] = __pa(r->pdpt) | TABLE_FLAGS;
	return 0;
}

static void root_free(struct lguest *g, struct lg_root *r)
{
	unsigned int gib;

	for (gib = 0; gib < LG_GIB; gib++) {
		empty_pd(r->pd[gib]);
		free_page((unsigned long)r->pd[gib]);
		r->pd[gib] = NULL;
	}
	if (r->top && g->pgt.levels == 5 && (*(u64 *)r->top & _PAGE_PRESENT))
		free_page((unsigned long)table_of(*(u64 *)r->top));
	free_page((unsigned long)r->pdpt);
	free_pages(r->top, 1);
	r->top = 0;
	r->pdpt = NULL;
}

/* Point a root's page-directory-pointer entries at its directories. */
static void root_link(struct lguest *g, struct lg_root *r)
{
	unsigned int gib;

	for (gib = 0; gib < LG_GIB; gib++) {
		u64 *pd = *pd_slot(g, r, gib);

		r->pdpt[gib] = pd ? __pa(pd) | TABLE_FLAGS : 0;
	}
}

/* Forget what a root maps below the kernel half. */
static void root_flush_user(struct lguest *g, struct lg_root *r)
{
	unsigned int gib;

	for (gib = 0; gib < g->pgt.kernel_gib; gib++)
		empty_pd(r->pd[gib]);
}

static void flush_kernel(struct lguest *g)
{
	unsigned int gib;

	for (gib = g->pgt.kernel_gib; gib < LG_GIB; gib++)
		empty_pd(g->pgt.kernel_pd[gib]);
}

/* Forget everything the guest's tables gave us, in every root. */
static void flush_all(struct lguest *g)
{
	unsigned int i;

	for (i = 0; i < LG_ROOTS; i++)
		root_flush_user(g, &g->pgt.roots[i]);
	flush_kernel(g);
}

int lg_pgt_init(struct lguest *g)
{
	unsigned int i;

	g->pgt.levels = pgtable_l5_enabled() ? 5 : 4;
	g->pgt.kernel_gib = LG_GIB;
	g->pgt.linear = true;
	for (i = 0; i < LG_ROOTS; i++) {
		if (root_alloc(g, &g->pgt.roots[i])) {
			lg_pgt_free(g);
			return -ENOMEM;
		}
	}
	return 0;
}

void lg_pgt_free(struct lguest *g)
{
	unsigned int i;

	for (i = 0; i < LG_ROOTS; i++)
		root_free(g, &g->pgt.roots[i]);
	for (i = 0; i < LG_GIB; i++) {
		empty_pd(g->pgt.kernel_pd[i]);
		free_page((unsigned long)g->pgt.kernel_pd[i]);
		g->pgt.kernel_pd[i] = NULL;
	}
}

/* Copy the kernel half of the host's current root into every root.  In
 * the guest world the CPU only reaches the switcher's code, per-CPU areas
 * and IDT, all allocated at module load, so their top-level entries exist
 * long before any guest; refreshing once per read() also picks up
 * anything the host added since, at no cost per entry.
 */
void lg_pgt_sync_host(struct lguest *g)
{
	const u64 *host = __va(read_cr3_pa());
	unsigned int i;

	for (i = 0; i < LG_ROOTS; i++)
		memcpy((u64 *)g->pgt.roots[i].top + KERNEL_HALF, &host[KERNEL_HALF],
		       KERNEL_HALF * sizeof(u64));
}

static struct lg_root *current_root(struct lguest *g)
{
	return &g->pgt.roots[g->pgt.cur];
}

/* PCID 0 and no "no-flush" bit: the CR3 write flushes the guest's TLB. */
u64 lg_pgt_cr3(const struct lguest *g)
{
	return __pa(g->pgt.roots[g->pgt.cur].top);
}

/* A kernel-half page directory created through one root must appear in
 * every root: relink them all (cheap: four entries each).
 */
static void link_all_roots(struct lguest *g)
{
	unsigned int i;

	for (i = 0; i < LG_ROOTS; i++)
		root_link(g, &g->pgt.roots[i]);
}

/* The shadow leaf for vaddr in root r; with alloc, tables are created on
 * the way down.  NULL if absent (or out of memory, when allocating).
 */
static u64 *shadow_leaf(struct lguest *g, struct lg_root *r, u32 vaddr, bool alloc)
{
	unsigned int gib = vaddr >> 30, i = (vaddr >> 21) & (PT_ENTRIES - 1);
	u64 **pdp = pd_slot(g, r, gib);
	u64 *pt;

	if (!*pdp) {
		if (!alloc)
			return NULL;
		*pdp = new_table();
		if (!*pdp)
			return NULL;
		if (is_kernel_gib(g, gib))
			link_all_roots(g);
		else
			root_link(g, r);
	}
	if (!((*pdp)[i] & _PAGE_PRESENT)) {
		if (!alloc)
			return NULL;
		pt = new_table();
		if (!pt)
			return NULL;
		(*pdp)[i] = __pa(pt) | TABLE_FLAGS;
	}
	return &table_of((*pdp)[i])[(vaddr >> PAGE_SHIFT) & (PT_ENTRIES - 1)];
}

/*H:420 What the guest's tables say about one address: the two entries on
 * the way, where they are (to write Accessed and Dirty back), and the
 * guest-physical page they lead to.  A 4 MiB page (PS in the directory
 * entry) is shadowed 4 KiB at a time like any other.
 */
struct gwalk {
	u32 pde, pte;		/* the entries; pte == pde for a 4 MiB page */
	u32 pde_gpa, pte_gpa;	/* where they live (pte_gpa 0: 4 MiB page) */
	u32 gpa;		/* the page the address maps to */
};

enum walk_result { WALK_OK, WALK_NOT_PRESENT, WALK_KILLED };

static enum walk_result guest_walk(struct lguest *g, u32 pgdir, u32 vaddr,
				   struct gwalk *w)
{
	w->pde_gpa = pgdir + (vaddr >> 22) * 4;
	if (lg_read_guest(g, &w->pde, w->pde_gpa, 4))
		return WALK_KILLED;
	if (!(w->pde & GPTE_P))
		return WALK_NOT_PRESENT;
	if (w->pde & GPTE_PS) {
		if (w->pde & GPDE_4M_RSVD) {
			kill_guest(g, LGUEST_KILL_BAD_PAGETABLE,
				   "4 MiB page above 4 GiB at %#x", vaddr);
			return WALK_KILLED;
		}
		w->pte = w->pde;
		w->pte_gpa = 0;
		w->gpa = (w->pde & 0xffc00000u) | (vaddr & 0x003ff000u);
	} else {
		if (!lg_gpa_ok(g, w->pde & GPTE_PFN, PAGE_SIZE)) {
			kill_guest(g, LGUEST_KILL_BAD_PAGETABLE,
				   "directory entry for %#x names a page table at %#x, beyond guest memory",
				   vaddr, w->pde & GPTE_PFN);
			return WALK_KILLED;
		}
		w->pte_gpa = (w->pde & GPTE_PFN) + ((vaddr >> 12) & 1023) * 4;
		if (lg_read_guest(g, &w->pte, w->pte_gpa, 4))
			return WALK_KILLED;
		if (!(w->pte & GPTE_P))
			return WALK_NOT_PRESENT;
		w->gpa = w->pte & GPTE_PFN;
	}
	if (!lg_gpa_ok(g, w->gpa, PAGE_SIZE)) {
		kill_guest(g, LGUEST_KILL_BAD_PAGETABLE,
			   "page table maps %#x to %#x, beyond guest memory", vaddr, w->gpa);
		return WALK_KILLED;
	}
	return WALK_OK;
}

/* The rights both levels grant, as guest bits (RW, US). */
static u32 guest_rights(const struct gwalk *w)
{
	return w->pde & w->pte & (GPTE_RW | GPTE_US);
}

/*H:430 The shadow entry for a walked guest mapping.  U/S and R/W come from
 * the guest's entries; it is writable only once the guest entry is Dirty,
 * so the first write faults and the host can set Dirty for the guest.
 * Never Global: the mapping must die with the CR3 switch.
 */
static u64 shadow_flags(const struct gwalk *w)
{
	u32 rights = guest_rights(w);
	u64 flags = _PAGE_PRESENT | _PAGE_ACCESSED;

	if (rights & GPTE_US)
		flags |= _PAGE_USER;
	if ((rights & GPTE_RW) && (w->pte & GPTE_D))
		flags |= _PAGE_RW | _PAGE_DIRTY;
	return flags;
}

/* Point a shadow leaf at guest page gpa, pinned.  The new page is pinned
 * before the old one is let go, so a failure leaves the leaf as it was.
 */
static bool set_leaf(struct lguest *g, u64 *leaf, u32 gpa, u64 flags)
{
	struct page *page = lg_pin_page(g, gpa);

	if (!page)
		return false;
	clear_leaf(leaf);
	*leaf = page_to_phys(page) | flags;
	return true;
}

/* Keep Accessed (and, for a write, Dirty) true in the guest's entries, as
 * the CPU would have set them walking the guest's tables itself.
 */
static void set_accessed_dirty(struct lguest *g, struct gwalk *w, bool write)
{
	u32 pte = w->pte | GPTE_A | (write ? GPTE_D : 0);

	if (!(w->pde & GPTE_A)) {
		w->pde |= GPTE_A;
		if (!w->pte_gpa)
			w->pde |= pte & GPTE_D;
		lg_write_guest(g, w->pde_gpa, &w->pde, 4);
	}
	if (w->pte_gpa && pte != w->pte)
		lg_write_guest(g, w->pte_gpa, &pte, 4);
	else if (!w->pte_gpa && (pte & ~w->pde)) {
		w->pde |= pte;
		lg_write_guest(g, w->pde_gpa, &w->pde, 4);
	}
	w->pte = pte;
}

/* Before the guest has tables: all of its memory at its own address,
 * writable, supervisor-only (the kernel runs at CPL1, a supervisor ring).
 */
static bool fill_linear(struct lguest *g, u32 vaddr)
{
	u64 *leaf;

	if (vaddr >= g->mem_size)
		return false;
	leaf = shadow_leaf(g, current_root(g), vaddr, true);
	if (!leaf) {
		kill_guest(g, LGUEST_KILL_NO_MEMORY, "out of memory for shadow page tables");
		return true;
	}
	if (*leaf & _PAGE_PRESENT)
		return false;	/* mapped already: a real fault */
	set_leaf(g, leaf, vaddr & PAGE_MASK,
		 _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY);
	return true;
}

/* Would the guest's own CPU have allowed this access? */
static bool guest_allows(const struct gwalk *w, u32 errcode)
{
	u32 rights = guest_rights(w);

	if ((errcode & PF_USER) && !(rights & GPTE_US))
		return false;
	return !(errcode & PF_WRITE) || (rights & GPTE_RW);
}

/* The shadow entry already grants what the guest's tables grant, yet the
 * access faulted.  With SMAP, a CPL1 (supervisor) touch of a user page
 * does, unless EFLAGS.AC is set: set it and retry.  Anything else (the
 * guest kernel executing a user page under SMEP, say) is the guest's.
 */
static bool smap_fixup(struct lg_vcpu *v, u32 errcode, u64 leaf, u32 *gerr)
{
	if (!(errcode & PF_USER) && (leaf & _PAGE_USER) &&
	    boot_cpu_has(X86_FEATURE_SMAP) && !(v->regs.rflags & X86_EFLAGS_AC)) {
		v->regs.rflags |= X86_EFLAGS_AC;
		return true;
	}
	*gerr |= PF_PROT;
	return false;
}

/*H:440 A page fault in the guest.  Either the shadow lacks what the
 * guest's tables allow -- fill it and go on -- or the guest's own tables
 * forbid the access, and the fault is the guest's (reflected by the
 * caller with the error code the guest's CPU would have pushed).
 *
 * One more case is the host's: with SMAP on, the guest kernel at CPL1 is
 * a supervisor touching user pages, which a guest kernel may do.  The
 * shadow entry is fine and the guest allows the access, so set EFLAGS.AC
 * for the guest kernel (it affects nothing else at CPL1) and retry.
 *
 * Returns true if the fault was the host's to fix (or killed the guest);
 * false with *gerr set if it is the guest's.
 */
bool lg_demand_fault(struct lg_vcpu *v, u32 vaddr, u32 *gerr)
{
	struct lguest *g = v->lg;
	u32 errcode = *gerr;
	struct gwalk w;
	u64 *leaf;

	*gerr = errcode & (PF_WRITE | PF_USER);
	if (g->pgt.linear)
		return fill_linear(g, vaddr);
	switch (guest_walk(g, current_root(g)->pgdir, vaddr, &w)) {
	case WALK_KILLED:
		return true;
	case WALK_NOT_PRESENT:
		return false;
	case WALK_OK:
		break;
	}
	if (!guest_allows(&w, errcode)) {
		*gerr |= PF_PROT;
		return false;
	}
	leaf = shadow_leaf(g, current_root(g), vaddr, true);
	if (!leaf) {
		kill_guest(g, LGUEST_KILL_NO_MEMORY, "out of memory for shadow page tables");
		return true;
	}
	set_accessed_dirty(g, &w, errcode & PF_WRITE);
	if ((errcode & PF_PROT) && (*leaf & _PAGE_PRESENT) &&
	    (*leaf & (_PAGE_USER | _PAGE_RW)) == (shadow_flags(&w) & (_PAGE_USER | _PAGE_RW)))
		return smap_fixup(v, errcode, *leaf, gerr);
	lg_count(g, LG_STAT_SHADOW_FILLS);
	set_leaf(g, leaf, w.gpa, shadow_flags(&w));
	return true;
}

/* Guest-virtual to guest-physical through the guest's current tables,
 * for the host's own accesses (trap frames, instruction bytes).
 */
bool lg_gva_to_gpa(struct lg_vcpu *v, u32 vaddr, u32 *gpa)
{
	struct lguest *g = v->lg;
	struct gwalk w;

	if (g->pgt.linear) {
		*gpa = vaddr;
		return vaddr < g->mem_size;
	}
	if (guest_walk(g, current_root(g)->pgdir, vaddr, &w) != WALK_OK)
		return false;
	*gpa = w.gpa | (vaddr & ~PAGE_MASK);
	return true;
}

static struct lg_root *find_root(struct lguest *g, u32 pgdir)
{
	unsigned int i;

	if (g->pgt.linear)
		return NULL;
	for (i = 0; i < LG_ROOTS; i++)
		if (g->pgt.roots[i].valid && g->pgt.roots[i].pgdir == pgdir)
			return &g->pgt.roots[i];
	return NULL;
}

/* Leave the boot-time linear map for the guest's own tables: forget it. */
static void leave_linear(struct lguest *g)
{
	flush_all(g);
	g->pgt.linear = false;
}

/*H:450 LHCALL_NEW_PGTABLE: switch to another page directory.  Shadows of
 * the last few are kept, so switching between processes does not rebuild
 * them; a page directory not among them takes the place of the oldest
 * (round robin), whose user half is forgotten.  The kernel half is the
 * same page directories in every root.
 */
void lg_new_pgtable(struct lg_vcpu *v, u32 pgdir, u32 flags)
{
	struct lguest *g = v->lg;
	struct lg_root *r;

	if (g->pgt.linear)
		leave_linear(g);
	r = find_root(g, pgdir);
	if (!r) {
		r = &g->pgt.roots[g->pgt.next_victim];
		g->pgt.next_victim = (g->pgt.next_victim + 1) % LG_ROOTS;
		root_flush_user(g, r);
		r->pgdir = pgdir;
		r->valid = true;
		lg_count(g, LG_STAT_ROOT_BUILDS);
	} else if (flags & LGUEST_PGT_FLUSH) {
		root_flush_user(g, r);
	}
	g->pgt.cur = r - g->pgt.roots;
	lg_count(g, LG_STAT_ROOT_SWITCHES);
}

static void forget_leaf(struct lguest *g, struct lg_root *r, u32 vaddr)
{
	u64 *leaf = shadow_leaf(g, r, vaddr, false);

	if (leaf)
		clear_leaf(leaf);
}

/*H:460 LHCALL_SET_PTE: the guest changed the entry for vaddr in pgdir's
 * tables.  The old shadow entry goes; if the new one is present and
 * already Accessed, it is filled straight away (the guest is about to use
 * it: the fault path would only do the same one exit later).
 */
void lg_set_pte(struct lguest *g, u32 pgdir, u32 vaddr, u32 pte)
{
	struct lg_root *r;
	struct gwalk w;
	u64 *leaf;

	if (g->pgt.linear)
		return;
	r = is_kernel_gib(g, vaddr >> 30) ? current_root(g) : find_root(g, pgdir);
	if (!r)
		return;
	forget_leaf(g, r, vaddr);
	if ((pte & (GPTE_P | GPTE_A)) != (GPTE_P | GPTE_A))
		return;
	if (guest_walk(g, pgdir, vaddr, &w) != WALK_OK || w.pte_gpa == 0 || w.pte != pte)
		return;
	leaf = shadow_leaf(g, r, vaddr, true);
	if (leaf)
		set_leaf(g, leaf, w.gpa, shadow_flags(&w));
}

/* Forget the 4 MiB a guest directory entry covers (two 2 MiB tables). */
static void forget_4m(struct lguest *g, struct lg_root *r, u32 index)
{
	unsigned int i = (index * 2) % PT_ENTRIES;
	u64 *pd = *pd_slot(g, r, index >> 8);

	if (!pd)
		return;
	clear_pd_entry(&pd[i]);
	clear_pd_entry(&pd[i + 1]);
}

/* LHCALL_SET_PGD: the guest changed directory entry index of pgdir. */
void lg_set_pgd(struct lguest *g, u32 pgdir, u32 index)
{
	struct lg_root *r;

	if (g->pgt.linear)
		return;
	r = is_kernel_gib(g, index >> 8) ? current_root(g) : find_root(g, pgdir);
	if (r)
		forget_4m(g, r, index);
}

/* LHCALL_FLUSH_PAGE: forget vaddr in the current page directory. */
void lg_flush_page(struct lguest *g, u32 vaddr)
{
	if (!g->pgt.linear)
		forget_leaf(g, current_root(g), vaddr);
}

/* LHCALL_FLUSH_TLB: the user half of the current page directory, or
 * everything the guest's tables gave us.
 */
void lg_flush_tlb(struct lguest *g, bool all)
{
	if (g->pgt.linear)
		return;
	if (all)
		flush_all(g);
	else
		root_flush_user(g, current_root(g));
}

/* At LHCALL_INIT: where the guest's shared kernel half starts (checked to
 * be a whole GiB by the caller; 0 shares nothing).  Everything shadowed
 * so far was built without the split, so it all goes.
 */
void lg_set_kernel_address(struct lguest *g, u32 addr)
{
	flush_all(g);
	g->pgt.kernel_gib = addr ? addr >> 30 : LG_GIB;
	link_all_roots(g);
}
