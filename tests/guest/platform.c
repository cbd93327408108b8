// SPDX-License-Identifier: GPL-2.0
/*
 * The backend table and the boot information the backends fill in.
 */
#include "platform.h"
#include "string.h"

struct platform_ops pv;
uint32_t pv_iret;
struct boot_info boot_info;

/* Record one memory range; zero-sized ones and overflow are dropped. */
void boot_add_e820(uint64_t start, uint64_t size, uint32_t type)
{
	struct boot_e820 *e;

	if (!size || boot_info.nr_e820 >= BOOT_E820_MAX)
		return;
	e = &boot_info.e820[boot_info.nr_e820++];
	e->start = start;
	e->size = size;
	e->type = type;
}

/* Copy the command line in: the loader's copy may be reused later. */
void boot_set_cmdline(const char *s)
{
	uint32_t n = 0;

	while (s && s[n] && n < BOOT_CMDLINE_MAX - 1) {
		boot_info.cmdline[n] = s[n];
		n++;
	}
	boot_info.cmdline[n] = '\0';
}
