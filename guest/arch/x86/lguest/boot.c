// SPDX-License-Identifier: GPL-2.0
/*
 * The lguest platform's boot: from the first C function the guest runs to
 * Linux's own i386_start_kernel().
 *
 * The host starts us in ring 1 with paging already on.  head_32.S (our
 * half of startup_32) cleared the BSS, copied the boot parameters and the
 * command line, and built the early page table the way a native boot
 * does; it moved onto that table with a hypercall instead of a CR3 write
 * and called lguest_init() at the kernel's own addresses.  What is left is
 * to tell the host where our shared page is, put Linux's segments in, and
 * replace every privileged operation Linux would do with one of ours:
 * after that, the rest of the boot is Linux's.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/start_kernel.h>
#include <linux/string.h>
#include <asm/bootparam.h>
#include <asm/cmdline.h>
#include <asm/cpufeature.h>
#include <asm/i8259.h>
#include <asm/paravirt.h>
#include <asm/reboot.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#include "lguest.h"

/*P:110 The page we share with the host: our virtual interrupt flag, the
 * interrupts it has for us, the last fault address, the clock's
 * frequency, and the ring of queued hypercalls.  It must lie within one
 * page, which page alignment guarantees.
 */
struct lguest_data lguest_data __page_aligned_data;

/*P:120 Powering off and restarting are requests to the Launcher; a guest
 * panic becomes the reason the Launcher prints for our death.
 */
static void lguest_power_off(void)
{
	lguest_hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, 0, 0);
}

static void lguest_restart(char *reason)
{
	lguest_hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_RESTART, 0, 0);
}

static int lguest_panic(struct notifier_block *nb, unsigned long event, void *msg)
{
	static char why[LGUEST_CRASH_MAX];

	strscpy(why, msg ? msg : "panic", sizeof(why));
	lguest_hcall(LHCALL_CRASH, __pa(why), 0, 0);
	return NOTIFY_DONE;	/* not reached: the host does not resume us */
}

static struct notifier_block lguest_panic_nb = {
	.notifier_call = lguest_panic,
	.priority = INT_MAX,	/* before anything else tries the hardware */
};

/* The PC's legacy devices are not there: no RTC, no i8042, no PnP BIOS. */
static void __init lguest_no_legacy(void)
{
	x86_platform.legacy.rtc = 0;
	x86_platform.legacy.i8042 = X86_LEGACY_I8042_PLATFORM_ABSENT;
	x86_platform.legacy.warm_reset = 0;
	x86_platform.legacy.reserve_bios_regions = 0;
	x86_platform.legacy.devices.pnpbios = 0;
}

/*P:130 The PC platform hooks Linux would take from the BIOS and the
 * chipset.  The e820 map and the initrd come in the boot parameters the
 * way a bootloader passes them, so memory setup stays Linux's own.
 */
static void __init lguest_init_platform(void)
{
	x86_init.resources.probe_roms = x86_init_noop;
	x86_init.irqs.pre_vector_init = x86_init_noop;
	x86_init.irqs.intr_init = lguest_init_irqs;
	x86_init.timers.timer_init = lguest_time_init;
	lguest_init_time();
	x86_platform.set_legacy_features = lguest_no_legacy;
	x86_platform.realmode_reserve = x86_init_noop;
	x86_platform.realmode_init = x86_init_noop;
	legacy_pic = &null_legacy_pic;

	pm_power_off = lguest_power_off;
	machine_ops.restart = lguest_restart;
	machine_ops.emergency_restart = lguest_power_off;
	machine_ops.halt = lguest_power_off;
	atomic_notifier_chain_register(&panic_notifier_list, &lguest_panic_nb);
}

/*P:140 The boot sequence, in order.  Nothing here may touch a privileged
 * instruction: until step 2 every pv_ops entry is still native.
 */
asmlinkage __visible void __init lguest_init(void)
{
	/* 1. Where our shared page is, and what it must know first: our
	 *    kernel half (shared by every address space) and the window of
	 *    the interrupt-return thunk.
	 */
	lguest_data.kernel_address = __PAGE_OFFSET;
	lguest_data.noirq_start = (unsigned long)lguest_noirq_start;
	lguest_data.noirq_end = (unsigned long)lguest_noirq_end;
	lguest_hcall(LHCALL_INIT, __pa(&lguest_data), 0, 0);

	/* 2. The privileged operations, as hypercalls. */
	pv_info.name = "lguest";
	lguest_init_cpu_ops();
	lguest_init_irq_ops();
	lguest_init_mmu_ops();

	/* 3. Linux's own code and data segments, from its GDT. */
	lguest_load_boot_segments();

	/* 4. The platform: no BIOS, no PIC, our clock, our interrupts. */
	lguest_init_platform();

	/* 5. Call sites that must stay calls, and those we patch inline
	 *    (irq.c), keyed on CPU features the alternatives read.
	 */
	setup_force_cpu_cap(X86_FEATURE_LGUEST);
	if (lguest_patching_wanted())
		setup_force_cpu_cap(X86_FEATURE_LGUEST_PATCH);

	/* 6. A console from the first printk on. */
	lguest_init_console();

	/* 7. The rest is Linux's. */
	i386_start_kernel();
}
