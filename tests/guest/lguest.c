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
#include "lguest.h"
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

/*
 * Vectors that never reach a guest: NMI, #DF, #MC and the reserved ones
 * (which include the hypercall vector 0x1f) stay the host's business, so
 * we do not ask for gates there.
 */
static int host_owned_vector(uint32_t v)
{
	return v == 2 || v == 8 || v == 9 || v == 15 || v == 18 ||
	       (v >= 20 && v < LGUEST_IRQ_BASE);
}

static void lguest_load_idt_entry(uint32_t vector, uint32_t lo, uint32_t hi)
{
	if (!host_owned_vector(vector))
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
	hcall(LHCALL_INIT, (uint32_t)&lguest_data, 0, 0, 0);
	pv.tsc_khz = SHARED(lguest_data.tsc_khz);
	hcall(LHCALL_SET_STACK, LGUEST_KERNEL_DS, (uint32_t)boot_stack_top, 0, 0);
}
