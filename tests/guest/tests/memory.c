// SPDX-License-Identifier: GPL-2.0
/*
 * The memory group: all of RAM is the guest's, and nothing past it is.
 */
#include "platform.h"
#include "probes.h"
#include "tests.h"
#include "traps.h"
#include "x86.h"

extern char __kernel_end[];

/* The end of the highest usable RAM range: where guest memory stops. */
static uint32_t ram_end(void)
{
	uint64_t end = 0;
	uint32_t i;

	for (i = 0; i < boot_info.nr_e820; i++)
		if (boot_info.e820[i].type == 1 &&
		    boot_info.e820[i].start + boot_info.e820[i].size > end)
			end = boot_info.e820[i].start + boot_info.e820[i].size;
	return end > 0xfffff000u ? 0xfffff000u : (uint32_t)end;
}

static uint32_t page_pattern(uint32_t addr)
{
	return addr ^ 0x5a5aa5a5u;
}

/*G:440 All of memory is ours: write a pattern at both ends of every page
 * of usable RAM above the kernel, then read it all back.  Under lguest
 * every first touch is a page the host must map on demand. */
void test_memory(void)
{
	uint32_t i, addr, pages = 0;

	for (i = 0; i < boot_info.nr_e820; i++) {
		const struct boot_e820 *e = &boot_info.e820[i];
		uint32_t start = (uint32_t)__kernel_end, end;

		if (e->type != 1 || e->start + e->size <= start)
			continue;
		if (e->start > start)
			start = e->start;
		start = (start + 4095) & ~4095u;
		end = e->start + e->size > 0xfffff000u ? 0xfffff000u :
		      (uint32_t)(e->start + e->size);
		for (addr = start; addr + 4096 <= end; addr += 4096, pages++) {
			*(volatile uint32_t *)addr = page_pattern(addr);
			*(volatile uint32_t *)(addr + 4092) = ~page_pattern(addr);
		}
		for (addr = start; addr + 4096 <= end; addr += 4096)
			if (*(volatile uint32_t *)addr != page_pattern(addr) ||
			    *(volatile uint32_t *)(addr + 4092) != ~page_pattern(addr)) {
				report_fail("memory", "page %x lost its pattern", addr);
				return;
			}
	}
	if (pages < 256)
		report_fail("memory", "only %u free pages found", pages);
	else
		report_pass("memory", "%u pages written and read back", pages);
}

/* One byte past the end of memory: a #PF the host reflects, with the
 * address in lguest_data.cr2 (the guest cannot read CR2 in ring 1). */
void test_beyond(void)
{
	struct fault_info fi;
	uint32_t end = ram_end();

	if (!lguest_only("beyond"))
		return;
	fault_clear();
	probe_read(end);
	if (!fault_taken(&fi) || fi.vector != X86_TRAP_PF)
		report_fail("beyond", "reading %x: no #PF", end);
	else if (fi.cr2 != end)
		report_fail("beyond", "#PF for %x, expected for %x", fi.cr2, end);
	else
		report_pass("beyond", "#PF for %x, error code %x", end, fi.error);
}
