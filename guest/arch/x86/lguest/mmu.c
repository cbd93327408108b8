// SPDX-License-Identifier: GPL-2.0
/*
 * The MMU under lguest.  Our page tables are ordinary 2-level i386 tables
 * in our memory; the CPU runs on the host's shadows of them.  The shadow
 * behaves like a TLB: the host fills it from our tables on a fault, and we
 * tell it what to forget exactly where Linux would flush a TLB.  So a PTE
 * write is a plain store, and the calls are the CR3 write (a new address
 * space) and the flushes.  Between arch_enter_lazy_mmu_mode() and its
 * leave, the flushes are queued in lguest_data's ring and go to the host
 * in one exit.
 */
#include <linux/init.h>
#include <linux/irqflags.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "lguest.h"

/*P:400 The asynchronous ring: slots used in order; the host marks each
 * free again when it has run the call, which it does on every exit from
 * the guest and before every synchronous call.  A slot still full means
 * the ring is: any synchronous call empties it.
 */
static unsigned int next_async;

void lguest_async_hcall(u32 call, u32 a1, u32 a2, u32 a3)
{
	unsigned long flags;
	unsigned int i;

	local_irq_save(flags);
	i = next_async;
	if (READ_ONCE(lguest_data.async_status[i]) != LGUEST_ASYNC_FREE)
		lguest_hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0);
	lguest_data.async[i].nr = call;
	lguest_data.async[i].a1 = a1;
	lguest_data.async[i].a2 = a2;
	lguest_data.async[i].a3 = a3;
	barrier();	/* the call before its status: the host runs READY slots */
	WRITE_ONCE(lguest_data.async_status[i], LGUEST_ASYNC_READY);
	next_async = (i + 1) % LGUEST_ASYNC_RING;
	local_irq_restore(flags);
}

/* Run whatever is queued now: the caller depends on it having happened. */
void lguest_flush_async(void)
{
	unsigned int last = (next_async + LGUEST_ASYNC_RING - 1) % LGUEST_ASYNC_RING;

	if (READ_ONCE(lguest_data.async_status[last]) != LGUEST_ASYNC_FREE)
		lguest_hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0);
}

/* A flush: queued in lazy MMU mode, made at once otherwise. */
static void lguest_mmu_call(u32 call, u32 a1)
{
	if (paravirt_get_lazy_mode() == PARAVIRT_LAZY_MMU)
		lguest_async_hcall(call, a1, 0, 0);
	else
		lguest_hcall(call, a1, 0, 0);
}

/*P:410 The fault address of the last page fault the host gave us. */
static __used unsigned long lguest_read_cr2(void)
{
	return READ_ONCE(lguest_data.cr2);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_read_cr2);

static void lguest_write_cr2(unsigned long val)
{
	WRITE_ONCE(lguest_data.cr2, val);
}

/*P:420 CR3: the host keeps shadows of recent page directories, so a
 * switch back is cheap; like a CR3 write without PCID, it forgets the user
 * half of the new one's (our kernel half is shared and survives).
 */
static unsigned long lguest_cr3;

static unsigned long lguest_read_cr3(void)
{
	return lguest_cr3;
}

static void lguest_write_cr3(unsigned long cr3)
{
	lguest_cr3 = cr3;
	lguest_hcall(LHCALL_NEW_PGTABLE, cr3 & PAGE_MASK, LGUEST_PGT_FLUSH, 0);
}

static void lguest_flush_tlb_user(void)
{
	lguest_mmu_call(LHCALL_FLUSH_TLB, LGUEST_FLUSH_USER);
}

static void lguest_flush_tlb_kernel(void)
{
	lguest_mmu_call(LHCALL_FLUSH_TLB, LGUEST_FLUSH_ALL);
}

static void lguest_flush_tlb_one_user(unsigned long addr)
{
	lguest_mmu_call(LHCALL_FLUSH_PAGE, addr & PAGE_MASK);
}

/* Leaving lazy mode: what was queued must have happened on return. */
static void lguest_leave_lazy_mmu(void)
{
	lguest_flush_async();
	paravirt_leave_lazy_mmu();
}

void __init lguest_init_mmu_ops(void)
{
	lguest_cr3 = __pa(initial_page_table);	/* head_32.S's NEW_PGTABLE */
	pv_ops.mmu.read_cr2 = PV_CALLEE_SAVE(lguest_read_cr2);
	pv_ops.mmu.write_cr2 = lguest_write_cr2;
	pv_ops.mmu.read_cr3 = lguest_read_cr3;
	pv_ops.mmu.write_cr3 = lguest_write_cr3;
	pv_ops.mmu.flush_tlb_user = lguest_flush_tlb_user;
	pv_ops.mmu.flush_tlb_kernel = lguest_flush_tlb_kernel;
	pv_ops.mmu.flush_tlb_one_user = lguest_flush_tlb_one_user;
	pv_ops.mmu.lazy_mode.enter = paravirt_enter_lazy_mmu;
	pv_ops.mmu.lazy_mode.leave = lguest_leave_lazy_mmu;
	pv_ops.mmu.lazy_mode.flush = lguest_flush_async;
}
