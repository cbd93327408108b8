/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot parameters page and command line the guest finds at boot.
 *
 * Layout of the low guest-physical pages the Launcher writes:
 *	0x1000	struct lguest_boot_params (one page)
 *	0x2000	the command line, NUL-terminated, at most LGUEST_CMDLINE_MAX
 * The kernel's PT_LOAD segments must stay clear of [BOOT_AREA_START,
 * BOOT_AREA_END); elf.c refuses a kernel that does not.
 *
 * Pure: works on a memory buffer, errors come back as one line of text.
 */
#ifndef LAUNCHER_BOOT_H
#define LAUNCHER_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include <lguest/bootparams.h>

#define BOOT_PARAMS_GPA		0x1000u
#define BOOT_CMDLINE_GPA	0x2000u
#define BOOT_AREA_START		BOOT_PARAMS_GPA
#define BOOT_AREA_END		(BOOT_CMDLINE_GPA + LGUEST_CMDLINE_MAX)
#define BOOT_PAGE_MASK		0xfffu

/*
 * type_of_loader: 0xff is the boot protocol's "undefined" loader, which
 * is what we are (the registered IDs name real boot loaders).  Linux only
 * looks at an initrd when this is not 0.
 */
#define BOOT_LOADER_TYPE	0xff

/* Join argv with single spaces into out[size]; fails if it does not fit. */
const char *boot_cmdline(int argc, char *const argv[], char *out, size_t size);

/* What the Launcher loaded, for the boot parameters to describe. */
struct boot_initrd {
	uint32_t gpa;		/* guest-physical start, page aligned */
	uint32_t size;		/* bytes; 0: no initrd */
};

/*
 * Where an initrd of size bytes goes: as high as it fits, page aligned,
 * ending at or below both the top of guest memory (mem_size) and limit
 * (the kernel's initrd_addr_max + 1), clear of the boot area and of the
 * kernel at [kernel_start, kernel_end).
 */
const char *boot_place_initrd(uint64_t mem_size, uint64_t limit,
			      uint64_t kernel_start, uint64_t kernel_end,
			      uint64_t size, uint32_t *gpa);

/*
 * Write the boot parameters and the command line (argv joined) into guest
 * memory mem[0, mem_size); initrd says where the initrd was put.
 */
const char *boot_setup(void *mem, uint64_t mem_size,
		       int argc, char *const argv[],
		       const struct boot_initrd *initrd);

#endif /* LAUNCHER_BOOT_H */
