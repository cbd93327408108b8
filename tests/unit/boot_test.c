// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for launcher/boot.c: the boot parameters page and command
 * line.  Fields are read back as raw little-endian bytes at the offsets
 * of Linux's zero page, the way the guest will find them.
 */
#include <stdlib.h>
#include <string.h>

#include <lguest/abi.h>

#include "boot.h"
#include "check.h"

#define MEM_SIZE	(4u << 20)

static unsigned char *mem;

static uint64_t le(size_t gpa, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = (v << 8) | mem[gpa + bytes];
	return v;
}

#define BP(off)	(BOOT_PARAMS_GPA + (off))

static void setup(int argc, char **argv, const char **err)
{
	memset(mem, 0xaa, MEM_SIZE);
	*err = boot_setup(mem, MEM_SIZE, argc, argv, NULL);
}

static void test_fields(void)
{
	char *argv[] = { "console=hvc0", "quiet" };
	const char *err;

	setup(2, argv, &err);
	EXPECT_OK(err);
	EXPECT_EQ(le(BP(0x23c), 4), LGUEST_SUBARCH_LGUEST);
	EXPECT_EQ(le(BP(0x23c), 4), 1);
	EXPECT_EQ(le(BP(0x228), 4), 0x2000);	/* cmd_line_ptr */
	EXPECT_EQ(le(BP(0x218), 4), 0);		/* ramdisk_image */
	EXPECT_EQ(le(BP(0x21c), 4), 0);		/* ramdisk_size */
	EXPECT_EQ(le(BP(0x210), 1), 0xff);	/* type_of_loader: undefined */
	EXPECT_EQ(le(BP(0x000), 8), 0);		/* the rest is zeroed */
	EXPECT_EQ(le(BP(0xff8), 8), 0);
}

static void test_e820(void)
{
	const char *err;

	setup(0, NULL, &err);
	EXPECT_OK(err);
	EXPECT_EQ(le(BP(0x1e8), 1), 2);			/* e820_entries */
	EXPECT_EQ(le(BP(0x2d0), 8), 0);			/* low RAM: addr */
	EXPECT_EQ(le(BP(0x2d8), 8), 0xa0000);		/* size: 640 KiB */
	EXPECT_EQ(le(BP(0x2e0), 4), LGUEST_E820_RAM);	/* type */
	EXPECT_EQ(le(BP(0x2e4), 8), 0x100000);		/* the rest from 1 MiB */
	EXPECT_EQ(le(BP(0x2ec), 8), MEM_SIZE - 0x100000);
	EXPECT_EQ(le(BP(0x2f4), 4), LGUEST_E820_RAM);
	EXPECT_EQ(le(BP(0x2f8), 8), 0);			/* no third entry */
}

static void test_cmdline_joined(void)
{
	char *argv[] = { "console=hvc0", "root=/dev/x", "a b" };
	const char *err;

	setup(3, argv, &err);
	EXPECT_OK(err);
	EXPECT_STR_EQ((char *)mem + BOOT_CMDLINE_GPA,
		      "console=hvc0 root=/dev/x a b");
}

static void test_cmdline_empty(void)
{
	const char *err;

	setup(0, NULL, &err);
	EXPECT_OK(err);
	EXPECT_EQ(mem[BOOT_CMDLINE_GPA], 0);
}

static void test_cmdline_limit(void)
{
	static char word[LGUEST_CMDLINE_MAX + 1];
	char *argv[] = { word };
	char out[8];

	memset(word, 'x', LGUEST_CMDLINE_MAX - 1);	/* 2047 + NUL fits */
	word[LGUEST_CMDLINE_MAX - 1] = '\0';
	EXPECT_OK(boot_setup(mem, MEM_SIZE, 1, argv, NULL));
	EXPECT_EQ(strlen((char *)mem + BOOT_CMDLINE_GPA), LGUEST_CMDLINE_MAX - 1);

	EXPECT_OK(boot_cmdline(1, (char *[]){ "1234567" }, out, sizeof(out)));
	EXPECT_STR_EQ(out, "1234567");
	EXPECT_STR_CONTAINS(boot_cmdline(2, (char *[]){ "123", "5678" }, out,
					 sizeof(out)), "too long");
}

static void test_cmdline_too_long(void)
{
	static char word[LGUEST_CMDLINE_MAX + 1];
	char *argv1[] = { word };
	char *argv2[] = { word, "y" };	/* fits only without the space */

	memset(word, 'x', LGUEST_CMDLINE_MAX);
	word[LGUEST_CMDLINE_MAX] = '\0';
	EXPECT_STR_EQ(boot_setup(mem, MEM_SIZE, 1, argv1, NULL),
		      "guest command line too long: 2048 bytes (max 2047)");
	word[LGUEST_CMDLINE_MAX - 2] = '\0';
	EXPECT_STR_CONTAINS(boot_setup(mem, MEM_SIZE, 2, argv2, NULL),
			    "guest command line too long");
}

static void test_tiny_memory(void)
{
	EXPECT_STR_CONTAINS(boot_setup(mem, BOOT_AREA_END - 1, 0, NULL, NULL),
			    "too small");
}

static void test_initrd_fields(void)
{
	struct boot_initrd initrd = { 0x3ff000, 0x800 };

	memset(mem, 0xaa, MEM_SIZE);
	EXPECT_OK(boot_setup(mem, MEM_SIZE, 0, NULL, &initrd));
	EXPECT_EQ(le(BP(0x218), 4), 0x3ff000);	/* ramdisk_image */
	EXPECT_EQ(le(BP(0x21c), 4), 0x800);	/* ramdisk_size */
	EXPECT_EQ(le(BP(0x210), 1), 0xff);	/* Linux reads the initrd */
}

#define MB(n)	((uint64_t)(n) << 20)
#define NO_LIMIT	UINT64_MAX

static void test_initrd_top(void)
{
	uint32_t gpa = 0;

	/* page aligned, as high as it goes */
	EXPECT_OK(boot_place_initrd(MB(64), NO_LIMIT, MB(16), MB(20), 0x1800,
				    &gpa));
	EXPECT_EQ(gpa, MB(64) - 0x2000);
	EXPECT_OK(boot_place_initrd(MB(64), NO_LIMIT, MB(16), MB(20), 0x1000,
				    &gpa));
	EXPECT_EQ(gpa, MB(64) - 0x1000);
	/* the kernel's initrd_addr_max + 1 is lower than the top of RAM */
	EXPECT_OK(boot_place_initrd(MB(64), MB(32), MB(16), MB(20), 0x1000,
				    &gpa));
	EXPECT_EQ(gpa, MB(32) - 0x1000);
	/* just fits above the kernel */
	EXPECT_OK(boot_place_initrd(MB(64), NO_LIMIT, MB(16), MB(20), MB(44),
				    &gpa));
	EXPECT_EQ(gpa, MB(20));
}

static void test_initrd_refused(void)
{
	uint32_t gpa = 0x1234;

	EXPECT_STR_EQ(boot_place_initrd(MB(64), NO_LIMIT, MB(1), MB(2), 0,
					&gpa), "is empty");
	EXPECT_STR_CONTAINS(boot_place_initrd(MB(64), NO_LIMIT, MB(1), MB(2),
					      MB(64) + 1, &gpa),
			    "does not fit in guest memory");
	/* it would cover the boot pages */
	EXPECT_STR_CONTAINS(boot_place_initrd(MB(64), NO_LIMIT, MB(63),
					      MB(64), MB(64) - 0x2000, &gpa),
			    "does not fit in guest memory");
	EXPECT_STR_CONTAINS(boot_place_initrd(MB(64), NO_LIMIT, MB(16), MB(20),
					      MB(44) + 1, &gpa),
			    "would overlap the kernel at [0x1000000, 0x1400000)");
	/* the kernel at the top of memory */
	EXPECT_STR_CONTAINS(boot_place_initrd(MB(64), NO_LIMIT, MB(60), MB(64),
					      0x1000, &gpa),
			    "would overlap the kernel");
	EXPECT_EQ(gpa, 0x1234);	/* untouched on failure */
}

int main(void)
{
	mem = malloc(MEM_SIZE);
	if (!mem)
		return 1;
	RUN_TEST("launcher.boot.fields", test_fields);
	RUN_TEST("launcher.boot.e820", test_e820);
	RUN_TEST("launcher.boot.cmdline_joined", test_cmdline_joined);
	RUN_TEST("launcher.boot.cmdline_empty", test_cmdline_empty);
	RUN_TEST("launcher.boot.cmdline_limit", test_cmdline_limit);
	RUN_TEST("launcher.boot.cmdline_too_long", test_cmdline_too_long);
	RUN_TEST("launcher.boot.tiny_memory", test_tiny_memory);
	RUN_TEST("launcher.boot.initrd_fields", test_initrd_fields);
	RUN_TEST("launcher.boot.initrd_top", test_initrd_top);
	RUN_TEST("launcher.boot.initrd_refused", test_initrd_refused);
	free(mem);
	return check_summary();
}
