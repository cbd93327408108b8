/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot parameters, "zero page" style: the fields a guest reads sit at the
 * offsets Linux's x86 boot protocol gives them (Documentation/x86/
 * zero-page.rst), so the layout is familiar.  Everything else is padding.
 */
#ifndef LGUEST_BOOTPARAMS_H
#define LGUEST_BOOTPARAMS_H

#include "types.h"

#define LGUEST_E820_MAX		128
#define LGUEST_E820_RAM		1
#define LGUEST_E820_RESERVED	2
#define LGUEST_CMDLINE_MAX	2048	/* bytes, including the NUL */

struct lguest_e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

struct lguest_boot_params {
	uint8_t pad0[0x1e8];
	uint8_t e820_entries;		/* 0x1e8 */
	uint8_t pad1[0x210 - 0x1e9];
	uint8_t type_of_loader;		/* 0x210: 0xff "undefined"; 0: no
					 * loader, and Linux ignores the initrd */
	uint8_t pad1b[0x218 - 0x211];
	uint32_t ramdisk_image;		/* 0x218: initrd gpa (0: none) */
	uint32_t ramdisk_size;		/* 0x21c */
	uint8_t pad2[0x228 - 0x220];
	uint32_t cmd_line_ptr;		/* 0x228: gpa of NUL-terminated line */
	uint8_t pad3[0x23c - 0x22c];
	uint32_t hardware_subarch;	/* 0x23c: LGUEST_SUBARCH_* */
	uint8_t pad4[0x2d0 - 0x240];
	struct lguest_e820_entry e820[LGUEST_E820_MAX];	/* 0x2d0 */
	uint8_t pad5[0x1000 - 0x2d0 - LGUEST_E820_MAX * 20];
} __attribute__((packed));

LGUEST_STATIC_ASSERT(sizeof(struct lguest_boot_params) == 4096,
		     "boot params are one page");
LGUEST_STATIC_ASSERT(__builtin_offsetof(struct lguest_boot_params,
					hardware_subarch) == 0x23c,
		     "hardware_subarch offset");
LGUEST_STATIC_ASSERT(__builtin_offsetof(struct lguest_boot_params,
					type_of_loader) == 0x210,
		     "type_of_loader offset");
LGUEST_STATIC_ASSERT(__builtin_offsetof(struct lguest_boot_params,
					e820) == 0x2d0,
		     "e820 table offset");

#endif /* LGUEST_BOOTPARAMS_H */
