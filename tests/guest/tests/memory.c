// SPDX-License-Identifier: GPL-2.0
/*
 * The memory group: all of RAM is the guest's, and nothing past it is.
 */
#include "mm.h"
#include "platform.h"
#include "probes.h"
#include "string.h"
#include "tests.h"
#include "traps.h"
#include "x86.h"

static uint32_t page_pattern(uint32_t addr)
{
	return addr ^ 0x5a5aa5a5u;
}

/*G:440 All of memory is ours: take every free page from the allocator,
 * write a pattern at both ends of each, read it all back, give them
 * back.  The pages are chained through their first word.  Under lguest
 * every first touch is a page the host must map on demand. */
void test_memory(void)
{
	uint32_t *page, *list = NULL, pages = 0, bad = 0, addr;

	while ((page = page_alloc())) {
		addr = (uint32_t)page;
		page[0] = (uint32_t)list;
		page[1] = page_pattern(addr);
		page[PAGE_SIZE / 4 - 1] = ~page_pattern(addr);
		list = page;
		pages++;
	}
	while ((page = list)) {
		addr = (uint32_t)page;
		if (page[1] != page_pattern(addr) ||
		    page[PAGE_SIZE / 4 - 1] != ~page_pattern(addr))
			bad = bad ? bad : addr;
		list = (uint32_t *)page[0];
		page_free(page);
	}
	if (bad)
		report_fail("memory", "page %x lost its pattern", bad);
	else if (pages < 256)
		report_fail("memory", "only %u free pages found", pages);
	else
		report_pass("memory", "%u pages written and read back", pages);
}

/* One byte past the end of memory: nothing maps it, so a #PF, with the
 * address in CR2 (in lguest_data.cr2 under lguest: the guest cannot read
 * CR2 in ring 1). */
void test_beyond(void)
{
	struct fault_info fi;
	uint32_t end = ram_top;

	fault_clear();
	probe_read(end);
	if (!fault_taken(&fi) || fi.vector != X86_TRAP_PF)
		report_fail("beyond", "reading %x: no #PF", end);
	else if (fi.cr2 != end)
		report_fail("beyond", "#PF for %x, expected for %x", fi.cr2, end);
	else
		report_pass("beyond", "#PF for %x, error code %x", end, fi.error);
}
