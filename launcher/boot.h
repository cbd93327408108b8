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

/* Join argv with single spaces into out[size]; fails if it does not fit. */
const char *boot_cmdline(int argc, char *const argv[], char *out, size_t size);

/*
 * Write the boot parameters and the command line (argv joined) into guest
 * memory mem[0, mem_size).
 */
const char *boot_setup(void *mem, uint64_t mem_size,
		       int argc, char *const argv[]);

#endif /* LAUNCHER_BOOT_H */
