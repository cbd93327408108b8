// SPDX-License-Identifier: GPL-2.0
/*
 * Boot parameters: a Linux-style "zero page" carrying just what our guest
 * reads (see include/lguest/bootparams.h), plus the command line.
 */
#include <string.h>

#include <lguest/abi.h>

#include "boot.h"
#include "err.h"

const char *boot_cmdline(int argc, char *const argv[], char *out, size_t size)
{
	size_t len = 0;
	int i;

	for (i = 0; i < argc; i++)	/* measure first: all or nothing */
		len += strlen(argv[i]) + (i > 0);
	if (len >= size)
		return errf("guest command line too long: %zu bytes (max %zu)",
			    len, size ? size - 1 : 0);

	len = 0;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			out[len++] = ' ';
		memcpy(out + len, argv[i], strlen(argv[i]));
		len += strlen(argv[i]);
	}
	out[len] = '\0';
	return NULL;
}

/*L:200 The e820 map: RAM below 640 KiB and from 1 MiB up, as on a PC.  An
 * lguest guest has no BIOS and no legacy devices, so every byte of
 * [0, mem) is plain Launcher memory, but Linux takes the map only if it
 * has two entries or more (and removes 640 KiB..1 MiB itself anyway).
 * The boot page and command line are in the low RAM; the guest reads
 * them before it hands those pages out.
 */
#define E820_LOW_END	0xa0000u
#define E820_HIGH_START	0x100000u

static void fill_e820(struct lguest_boot_params *bp, uint64_t mem_size)
{
	bp->e820_entries = 2;
	bp->e820[0].addr = 0;
	bp->e820[0].size = E820_LOW_END;
	bp->e820[0].type = LGUEST_E820_RAM;
	bp->e820[1].addr = E820_HIGH_START;
	bp->e820[1].size = mem_size - E820_HIGH_START;
	bp->e820[1].type = LGUEST_E820_RAM;
}

/*L:210 The initrd goes as high as it fits, as Linux's own loaders put it:
 * below the top of RAM and below the highest address the kernel says it
 * can reach, page aligned.  It must not cover the kernel or the boot
 * pages; rather than hunt for a gap we refuse, and more memory fixes it.
 */
const char *boot_place_initrd(uint64_t mem_size, uint64_t limit,
			      uint64_t kernel_start, uint64_t kernel_end,
			      uint64_t size, uint32_t *gpa)
{
	uint64_t top = mem_size < limit ? mem_size : limit;
	uint64_t start;

	if (size == 0)
		return errf("is empty");
	if (size > top || ((top - size) & ~(uint64_t)BOOT_PAGE_MASK) < BOOT_AREA_END)
		return errf("does not fit in guest memory: %llu bytes below 0x%llx (%llu MiB of guest memory)",
			    (unsigned long long)size, (unsigned long long)top,
			    (unsigned long long)(mem_size >> 20));
	start = (top - size) & ~(uint64_t)BOOT_PAGE_MASK;
	if (start < kernel_end && start + size > kernel_start)
		return errf("at [0x%llx, 0x%llx) would overlap the kernel at [0x%llx, 0x%llx): give the guest more memory",
			    (unsigned long long)start,
			    (unsigned long long)(start + size),
			    (unsigned long long)kernel_start,
			    (unsigned long long)kernel_end);
	*gpa = (uint32_t)start;
	return NULL;
}

const char *boot_setup(void *mem, uint64_t mem_size,
		       int argc, char *const argv[],
		       const struct boot_initrd *initrd)
{
	struct lguest_boot_params bp;
	const char *err;

	if (mem_size < BOOT_AREA_END)
		return errf("guest memory too small for the boot area (0x%llx bytes)",
			    (unsigned long long)mem_size);

	err = boot_cmdline(argc, argv, (char *)mem + BOOT_CMDLINE_GPA,
			   LGUEST_CMDLINE_MAX);
	if (err)
		return err;

	memset(&bp, 0, sizeof(bp));
	bp.hardware_subarch = LGUEST_SUBARCH_LGUEST;	/* pick lguest pv_ops */
	bp.cmd_line_ptr = BOOT_CMDLINE_GPA;
	bp.type_of_loader = BOOT_LOADER_TYPE;		/* Linux: take the initrd */
	bp.ramdisk_image = initrd ? initrd->gpa : 0;	/* 0: none */
	bp.ramdisk_size = initrd ? initrd->size : 0;
	fill_e820(&bp, mem_size);
	memcpy((char *)mem + BOOT_PARAMS_GPA, &bp, sizeof(bp));
	return NULL;
}
