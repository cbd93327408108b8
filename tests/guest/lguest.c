// SPDX-License-Identifier: GPL-2.0
/*G:200 The lguest backend: ring 1 under the lguest host.  Everything
 * privileged is a hypercall (include/lguest/hcall.h); the interrupt flag
 * is virtual, a word in struct lguest_data that host and guest share.
 *
 * Memory is identity-mapped (guest-virtual == guest-physical), so a
 * pointer is the gpa the host wants.
 */
#include <lguest/abi.h>
#include <lguest/bootparams.h>
#include <lguest/hcall.h>
#include <x86/vectors.h>
#include "lguest.h"
#include "mm.h"
#include "platform.h"
#include "string.h"
#include "traps.h"
#include "x86.h"

/* Its own page: the linker script gives .bss.page whole pages. */
struct lguest_data lguest_data
	__attribute__((aligned(4096), section(".bss.page")));

#define barrier()	asm volatile("" : : : "memory")
#define SHARED(x)	(*(volatile uint32_t *)&(x))

static void lguest_console_write(const char *s, uint32_t len)
{
	uint32_t n;

	while (len) {
		n = len < LGUEST_CONSOLE_MAX ? len : LGUEST_CONSOLE_MAX;
		hcall(LHCALL_CONSOLE_WRITE, (uint32_t)s, n, 0, 0);
		s += n;
		len -= n;
	}
}

/* Never more than is waiting; it asks for nothing it cannot hold. */
static uint32_t lguest_console_read(char *buf, uint32_t len)
{
	return hcall(LHCALL_CONSOLE_READ, (uint32_t)buf, len, 0, 0);
}

static void lguest_irq_disable(void)
{
	SHARED(lguest_data.irq_enabled) = 0;
	barrier();
}

/*G:210 The virtual IF is a word in lguest_data: disabling is a store.
 * Enabling is a store too, but an interrupt may have come in while it
 * was off; the host set irq_pending and waits, so ask for it. */
static void lguest_irq_enable(void)
{
	SHARED(lguest_data.irq_enabled) = LGUEST_IRQ_ENABLED;
	barrier();
	if (SHARED(lguest_data.irq_pending))
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
}

static uint32_t lguest_save_flags(void)
{
	return SHARED(lguest_data.irq_enabled) & LGUEST_IRQ_ENABLED;
}

static void lguest_restore_flags(uint32_t flags)
{
	if (flags & LGUEST_IRQ_ENABLED)
		lguest_irq_enable();
	else
		lguest_irq_disable();
}

/* The vectors that are the host's (NMI, #DF, #MC, the reserved ones and
 * with them the hypercall vector) never reach a guest: no gates there. */
static void lguest_load_idt_entry(uint32_t vector, uint32_t lo, uint32_t hi)
{
	if (!X86_IS_HOST_VECTOR(vector))
		hcall(LHCALL_LOAD_IDT_ENTRY, vector, lo, hi, 0);
}

static void lguest_set_timer(uint32_t ns)
{
	hcall(LHCALL_SET_CLOCKEVENT, ns, 0, 0, 0);
}

static void lguest_end_irq(uint32_t irq)
{
	(void)irq;		/* the host needs no acknowledgement */
}

static void lguest_halt(void)
{
	hcall(LHCALL_HALT, 0, 0, 0, 0);
}

static uint32_t lguest_fault_address(void)
{
	return SHARED(lguest_data.cr2);
}

/*G:220 The async ring: calls hcall.h marks "async" can be queued in
 * lguest_data instead of trapping, and the host runs them, in order,
 * before the next synchronous call or exit.  The page-table calls go
 * there between lazy_mmu(1) and lazy_mmu(0), so a batch of updates costs
 * one trap, not one each.  Slots are used in turn; the host sets each
 * back to FREE once it ran it, so a slot still READY means the ring is
 * full, and any synchronous call empties it. */
static uint32_t ring_next, ring_queued;
static int lazy;

static void ring_push(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	volatile uint8_t *status = &lguest_data.async_status[ring_next];
	struct lguest_async_call *call = &lguest_data.async[ring_next];

	if (*status != LGUEST_ASYNC_FREE) {
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
		if (*status != LGUEST_ASYNC_FREE)
			pv.crash("the host left the async hypercall ring full");
	}
	call->nr = nr;
	call->a1 = a1;
	call->a2 = a2;
	call->a3 = a3;
	barrier();		/* the call before the flag that hands it over */
	*status = LGUEST_ASYNC_READY;
	ring_next = (ring_next + 1) % LGUEST_ASYNC_RING;
	ring_queued++;
}

/* An async call: queued in lazy mode, made at once otherwise. */
static void lazy_hcall(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	if (lazy)
		ring_push(nr, a1, a2, a3);
	else
		hcall(nr, a1, a2, a3, 0);
}

/* Leaving lazy mode runs what is queued: with the null call, which does
 * nothing but trap. */
static void lguest_lazy_mmu(int on)
{
	lazy = on;
	if (!on && ring_queued) {
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
		ring_queued = 0;
	}
}

/* Every slot starts free (a zeroed ring is empty, but say so). */
static void ring_init(void)
{
	memset(lguest_data.async_status, LGUEST_ASYNC_FREE,
	       sizeof(lguest_data.async_status));
}

/*G:230 Page tables: the guest writes its own entry, then tells the host,
 * which keeps a shadow of each page directory and must drop or refresh
 * what it copied.  Switching directories is a hypercall too: the guest
 * cannot load CR3. */
/* The host may keep the shadow it had of this directory: every change to
 * it was told with SET_PTE or SET_PGD, so nothing in it is stale. */
static void lguest_load_pgdir(uint32_t pgdir)
{
	hcall(LHCALL_NEW_PGTABLE, pgdir, LGUEST_PGT_KEEP, 0, 0);
}

static void lguest_set_pte(uint32_t pgdir, uint32_t va, uint32_t *ptep,
			   uint32_t pte)
{
	*(volatile uint32_t *)ptep = pte;
	lazy_hcall(LHCALL_SET_PTE, pgdir, va, pte);
}

static void lguest_set_pgd(uint32_t pgdir, uint32_t index, uint32_t pde)
{
	((volatile uint32_t *)pgdir)[index] = pde;
	lazy_hcall(LHCALL_SET_PGD, pgdir, index, 0);
}

static void lguest_flush_page(uint32_t va)
{
	lazy_hcall(LHCALL_FLUSH_PAGE, va, 0, 0);
}

static void lguest_flush_tlb(int all)
{
	lazy_hcall(LHCALL_FLUSH_TLB, all ? LGUEST_FLUSH_ALL : LGUEST_FLUSH_USER,
		   0, 0);
}

static void lguest_load_gdt_entry(uint32_t index, struct desc d)
{
	hcall(LHCALL_LOAD_GDT_ENTRY, index, d.lo, d.hi, 0);
}

/* The host reads the three descriptors from guest memory. */
static void lguest_load_tls(const struct desc tls[TLS_ENTRIES])
{
	hcall(LHCALL_LOAD_TLS, (uint32_t)tls, 0, 0, 0);
}

/* Synchronous: int $0x80 from ring 3 may be reflected without an exit,
 * which would not run a queued call first. */
static void lguest_set_kernel_stack(uint32_t esp)
{
	hcall(LHCALL_SET_STACK, LGUEST_KERNEL_DS, esp, 0, 0);
}

/* Neither call should return; if one does, stop here for good. */
static __noreturn void stop(void)
{
	lguest_irq_disable();
	for (;;)
		hcall(LHCALL_HALT, 0, 0, 0, 0);
}

static __noreturn void lguest_power_off(uint32_t status)
{
	hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, status, 0, 0);
	stop();
}

static __noreturn void lguest_crash(const char *msg)
{
	char buf[LGUEST_CRASH_MAX];
	uint32_t n = 0;

	while (msg[n] && n < sizeof(buf) - 1) {
		buf[n] = msg[n];
		n++;
	}
	buf[n] = '\0';
	hcall(LHCALL_CRASH, (uint32_t)buf, 0, 0, 0);
	stop();
}

static void read_boot_params(const struct lguest_boot_params *bp)
{
	uint32_t i, n = bp->e820_entries;

	if (n > LGUEST_E820_MAX)
		n = LGUEST_E820_MAX;
	for (i = 0; i < n; i++)
		boot_add_e820(bp->e820[i].addr, bp->e820[i].size,
			      bp->e820[i].type);
	if (bp->cmd_line_ptr)
		boot_set_cmdline((const char *)bp->cmd_line_ptr);
}

static void set_ops(void)
{
	pv.name = "lguest";
	pv.paravirt = 1;
	pv.kernel_cs = LGUEST_KERNEL_CS;
	pv.kernel_ds = LGUEST_KERNEL_DS;
	pv.console_write = lguest_console_write;
	pv.console_read = lguest_console_read;
	pv.irq_disable = lguest_irq_disable;
	pv.irq_enable = lguest_irq_enable;
	pv.save_flags = lguest_save_flags;
	pv.restore_flags = lguest_restore_flags;
	pv.load_idt_entry = lguest_load_idt_entry;
	pv.set_timer = lguest_set_timer;
	pv.end_irq = lguest_end_irq;
	pv.halt = lguest_halt;
	pv.fault_address = lguest_fault_address;
	pv.power_off = lguest_power_off;
	pv.crash = lguest_crash;
	pv.load_pgdir = lguest_load_pgdir;
	pv.set_pte = lguest_set_pte;
	pv.set_pgd = lguest_set_pgd;
	pv.flush_page = lguest_flush_page;
	pv.flush_tlb = lguest_flush_tlb;
	pv.lazy_mmu = lguest_lazy_mmu;
	pv.load_gdt_entry = lguest_load_gdt_entry;
	pv.load_tls = lguest_load_tls;
	pv.set_kernel_stack = lguest_set_kernel_stack;
	pv_iret = (uint32_t)lguest_iret;
}

void lguest_init(uint32_t boot_params_gpa)
{
	set_ops();
	load_fs_gs(0);
	read_boot_params((const struct lguest_boot_params *)boot_params_gpa);
	lguest_data.irq_enabled = 0;
	lguest_data.noirq_start = (uint32_t)lguest_noirq_start;
	lguest_data.noirq_end = (uint32_t)lguest_noirq_end;
	lguest_data.kernel_address = KERNEL_ALIAS;	/* shared from here up */
	ring_init();
	hcall(LHCALL_INIT, (uint32_t)&lguest_data, 0, 0, 0);
	pv.tsc_khz = SHARED(lguest_data.tsc_khz);
	hcall(LHCALL_SET_STACK, LGUEST_KERNEL_DS, (uint32_t)boot_stack_top, 0, 0);
}
