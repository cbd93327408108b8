/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory: a page allocator over the RAM above the kernel, and 2-level
 * non-PAE page tables.  Every page directory maps all RAM twice, with
 * supervisor-only pages: at its own address (the kernel is linked and runs
 * there: virtual == physical) and at KERNEL_ALIAS, the "kernel half" whose
 * entries the lguest host shares among all page directories.  Between
 * the two sits the user half, each process's own (uapi.h).
 *
 * A pointer to a page is its physical address, so page tables hold
 * pointers as they are.  Every change to a page table goes through the
 * backend (pv.set_pte, pv.set_pgd) so the lguest host hears of it.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <stdint.h>
#include "uapi.h"

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define BIG_PAGE_SIZE	0x400000u		/* what one PDE maps */

/* Page table entry bits (Intel SDM vol. 3, 4.3). */
#define PTE_P		0x001u		/* present */
#define PTE_W		0x002u		/* writable */
#define PTE_U		0x004u		/* user (ring 3) may use it */
#define PTE_A		0x020u		/* accessed: set by the CPU (or host) */
#define PTE_D		0x040u		/* dirty: set on a write */
#define PDE_PS		0x080u		/* a 4 MiB page, not a page table */
#define PTE_FRAME(e)	((e) & PAGE_MASK)

/* #PF error code bits. */
#define PF_P		0x1u		/* the page was present (protection) */
#define PF_W		0x2u		/* a write */
#define PF_U		0x4u		/* from ring 3 */

#define PDX(va)		((uint32_t)(va) >> 22)
#define PTX(va)		(((uint32_t)(va) >> 12) & 0x3ff)
#define PGDIR_ENTRIES	1024

/* The kernel half (uapi.h) holds 1 GiB, and so does the identity map
 * below USER_BASE: the most RAM the kernel maps. */
#define RAM_MAX		0x40000000u

extern uint32_t *kernel_pgdir;
extern uint32_t ram_top;	/* RAM the page tables map: [PAGE_SIZE, ram_top) */

void mm_init(void);		/* allocator, kernel page tables, paging on */

/* Pages: identity-mapped, so the pointer is the physical address. */
void *page_alloc(void);		/* contents undefined; NULL when none left */
void *page_zalloc(void);	/* zeroed */
void page_free(void *page);

/*
 * Page directories.  pgdir_new() copies the kernel's entries; a page
 * directory is never freed, because the lguest host may keep its shadow
 * of one, found by its address, for as long as it likes.
 */
uint32_t *pgdir_new(void);
void pgdir_load(uint32_t *pgdir);	/* switch to it */
uint32_t *pgdir_current(void);

/* The PTE slot for va, or NULL: no page table (or a 4 MiB page) there. */
uint32_t *pte_find(uint32_t *pgdir, uint32_t va);
/* The same, adding a page table (user or kernel) if there is none. */
uint32_t *pte_make(uint32_t *pgdir, uint32_t va, int user);
/* Write a PTE and flush what the TLB may hold of the old one. */
void pte_update(uint32_t *pgdir, uint32_t va, uint32_t *ptep, uint32_t pte);
/* Map va to frame pa (adding a page table if needed); 0 if out of memory. */
int map_page(uint32_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags);
void unmap_page(uint32_t *pgdir, uint32_t va);
/* Unmap the whole user half, freeing its frames and page tables. */
void pgdir_free_user(uint32_t *pgdir);

/* Where va of pgdir lands in the kernel's view (identity), or NULL. */
void *va_to_kernel(uint32_t *pgdir, uint32_t va);

#endif /* GUEST_MM_H */
