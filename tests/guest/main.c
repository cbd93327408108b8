// SPDX-License-Identifier: GPL-2.0
/*G:010 The boot sequence.  head.S calls kmain() on the boot stack with what it
 * found: BOOT_NATIVE and the multiboot info, or BOOT_LGUEST and the gpa of
 * the boot parameters.
 */
#include "console.h"
#include "fpu.h"
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "tests.h"
#include "timer.h"
#include "traps.h"
#include "x86.h"

__noreturn void kmain(uint32_t kind, uint32_t info);

static const char *e820_type(uint32_t type)
{
	static const char *const names[] = {
		"unknown", "usable", "reserved", "ACPI data", "ACPI NVS",
		"unusable",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "unknown";
}

static void print_boot_info(void)
{
	const struct boot_e820 *e;
	uint32_t i;

	kprintf("lguest-guest: booting on %s\n", pv.name);
	kprintf("cpl=%u\n", read_cs() & 3);
	for (i = 0; i < boot_info.nr_e820; i++) {
		e = &boot_info.e820[i];
		kprintf("e820: %016llx-%016llx %s\n", e->start,
			e->start + e->size - 1, e820_type(e->type));
	}
	kprintf("cmdline: %s\n", boot_info.cmdline);
}

static void platform_init(uint32_t kind, uint32_t info)
{
	if (kind == BOOT_LGUEST)
		lguest_init(info);
	else
		native_init(info);
}

void kmain(uint32_t kind, uint32_t info)
{
	uint32_t failed;

	platform_init(kind, info);	/* backend: native or lguest pv ops */
	print_boot_info();		/* banner, cpl, e820 map, command line */
	traps_init();			/* IDT: exceptions, IRQs, system call */
	mm_init();			/* page allocator, our page tables */
	fpu_init();			/* per-process FPU state: XSAVE or FXSAVE */
	proc_init();			/* ring-3 code and data segments */
	timer_init();			/* 100 Hz tick on IRQ 0 */
	console_input_init();		/* console input IRQ: counted */
	irq_enable();			/* from here on the tick runs */
	failed = tests_run(boot_info.cmdline);	/* PASS/FAIL, GUEST-DONE */
	pv.power_off(failed < 255 ? failed : 255);	/* status: failures */
}
