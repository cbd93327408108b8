// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for launcher/elf.c: ELF32 images crafted in memory.
 *
 * The base image has three program headers: a text PT_LOAD, a data
 * PT_LOAD with bss, and a PT_NOTE full of nonsense the loader must ignore.
 * Each test breaks one thing about it.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "elf.h"
#include "check.h"

#define MEM_SIZE	(4u << 20)
#define POISON		0xaa	/* guest memory before loading */

#define TEXT_OFF	0x100
#define TEXT_LEN	16
#define TEXT_PA		0x100000
#define DATA_OFF	(TEXT_OFF + TEXT_LEN)
#define DATA_LEN	8
#define DATA_PA		0x200000
#define DATA_MEMSZ	0x1000
#define IMAGE_SIZE	(DATA_OFF + DATA_LEN)

static unsigned char image[IMAGE_SIZE];
static unsigned char *mem;

/* Poke at the image's headers through these copies, then store_image(). */
static Elf32_Ehdr eh;
static Elf32_Phdr ph[3];

static void store_image(void)
{
	memcpy(image, &eh, sizeof(eh));
	memcpy(image + sizeof(eh), ph, sizeof(ph));
}

static void make_image(void)
{
	unsigned int i;

	memset(image, 0, sizeof(image));
	for (i = 0; i < TEXT_LEN + DATA_LEN; i++)
		image[TEXT_OFF + i] = (unsigned char)(0x10 + i);

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_entry = TEXT_PA;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf32_Phdr);
	eh.e_phnum = 3;

	memset(ph, 0, sizeof(ph));
	ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = TEXT_OFF,
		.p_vaddr = 0xc0000000 + TEXT_PA, .p_paddr = TEXT_PA,
		.p_filesz = TEXT_LEN, .p_memsz = TEXT_LEN,
		.p_flags = PF_R | PF_X, .p_align = 16 };
	ph[1] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = DATA_OFF,
		.p_vaddr = 0xc0000000 + DATA_PA, .p_paddr = DATA_PA,
		.p_filesz = DATA_LEN, .p_memsz = DATA_MEMSZ,
		.p_flags = PF_R | PF_W, .p_align = 16 };
	ph[2] = (Elf32_Phdr){ .p_type = PT_NOTE, .p_offset = 0xfffffff0,
		.p_paddr = 0xfffffff0, .p_filesz = 0x7fffffff, .p_memsz = 1 };
	store_image();
	memset(mem, POISON, MEM_SIZE);
}

static const char *load(uint32_t *entry)
{
	return elf_load(image, sizeof(image), mem, MEM_SIZE, entry);
}

static int all_poison(size_t start, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (mem[start + i] != POISON)
			return 0;
	return 1;
}

static int all_zero(size_t start, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (mem[start + i])
			return 0;
	return 1;
}

static void test_valid(void)
{
	uint32_t entry = 0;

	make_image();
	EXPECT_OK(load(&entry));
	EXPECT_EQ(entry, TEXT_PA);
	EXPECT_MEM_EQ(mem + TEXT_PA, image + TEXT_OFF, TEXT_LEN);
	EXPECT_MEM_EQ(mem + DATA_PA, image + DATA_OFF, DATA_LEN);
	EXPECT_TRUE(all_zero(DATA_PA + DATA_LEN, DATA_MEMSZ - DATA_LEN));
	/* not a byte outside the segments */
	EXPECT_TRUE(all_poison(TEXT_PA - 64, 64));
	EXPECT_TRUE(all_poison(TEXT_PA + TEXT_LEN, 64));
	EXPECT_TRUE(all_poison(DATA_PA + DATA_MEMSZ, 64));
	EXPECT_TRUE(all_poison(0, BOOT_AREA_END));
}

static void test_not_elf(void)
{
	uint32_t entry;

	make_image();
	EXPECT_STR_EQ(elf_load("hello\n", 6, mem, MEM_SIZE, &entry),
		      "not an ELF file");
	EXPECT_STR_EQ(elf_load("", 0, mem, MEM_SIZE, &entry),
		      "not an ELF file");
	image[1] = 'X';
	EXPECT_STR_EQ(load(&entry), "not an ELF file");
}

static void test_truncated(void)
{
	uint32_t entry;

	make_image();
	EXPECT_STR_CONTAINS(elf_load(image, 10, mem, MEM_SIZE, &entry),
			    "truncated ELF header");
	EXPECT_STR_CONTAINS(elf_load(image, sizeof(Elf32_Ehdr) - 1, mem,
				     MEM_SIZE, &entry),
			    "truncated ELF header");
}

static void test_elf64(void)
{
	uint32_t entry;

	make_image();
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	store_image();
	EXPECT_STR_EQ(load(&entry),
		      "is a 64-bit ELF; lguest guests are 32-bit x86");
}

static void test_bad_class(void)
{
	uint32_t entry;

	make_image();
	eh.e_ident[EI_CLASS] = 7;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "bad ELF class 7");
}

static void test_big_endian(void)
{
	uint32_t entry;

	make_image();
	eh.e_ident[EI_DATA] = ELFDATA2MSB;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "big-endian");
}

static void test_wrong_machine(void)
{
	uint32_t entry;

	make_image();
	eh.e_machine = EM_X86_64;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "ELF machine 62 is not i386");
}

static void test_et_dyn(void)
{
	uint32_t entry;

	make_image();
	eh.e_type = ET_DYN;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "ELF type 3 is not an executable");
}

static void test_phdrs_outside_file(void)
{
	uint32_t entry;

	make_image();
	eh.e_phoff = IMAGE_SIZE - 10;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "program headers");
	EXPECT_STR_CONTAINS(load(&entry), "lie outside the file");
	eh.e_phoff = 0xffffffe0;	/* + 3 * 32 wraps in 32 bits */
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "lie outside the file");
	eh.e_phoff = sizeof(eh);
	eh.e_phnum = 0xffff;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "lie outside the file");
}

static void test_bad_phentsize(void)
{
	uint32_t entry;

	make_image();
	eh.e_phentsize = 56;	/* an Elf64_Phdr */
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "bad program header size 56");
}

static void test_filesz_over_memsz(void)
{
	uint32_t entry;

	make_image();
	ph[1].p_memsz = DATA_LEN - 1;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry),
			    "segment 1: file size 0x8 exceeds memory size 0x7");
}

static void test_segment_outside_file(void)
{
	uint32_t entry;

	make_image();
	ph[1].p_filesz = DATA_LEN + 1;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "segment 1: file bytes");
	EXPECT_STR_CONTAINS(load(&entry), "lie outside the file");
	make_image();
	ph[0].p_offset = 0xfffffff8;	/* + 16 wraps in 32 bits */
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "segment 0: file bytes");
}

static void test_segment_past_memory(void)
{
	uint32_t entry;

	make_image();
	ph[1].p_paddr = MEM_SIZE - DATA_MEMSZ + 1;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "segment 1:");
	EXPECT_STR_CONTAINS(load(&entry), "is outside guest memory");
	/* ending exactly at the top is fine */
	ph[1].p_paddr = MEM_SIZE - DATA_MEMSZ;
	store_image();
	EXPECT_OK(load(&entry));
	EXPECT_TRUE(all_zero(MEM_SIZE - DATA_MEMSZ + DATA_LEN,
			     DATA_MEMSZ - DATA_LEN));
}

static void test_segment_wraps(void)
{
	uint32_t entry;

	make_image();
	/* 0xfffff000 + 0x2000 is 0x1000 in 32 bits: inside memory, if wrong */
	ph[1].p_paddr = 0xfffff000;
	ph[1].p_memsz = 0x2000;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "is outside guest memory");
	EXPECT_TRUE(all_poison(0, BOOT_AREA_END));
}

static void test_no_pt_load(void)
{
	uint32_t entry;

	make_image();
	ph[0].p_type = PT_NOTE;
	ph[1].p_type = PT_GNU_STACK;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "no PT_LOAD segment");
	make_image();
	eh.e_phnum = 0;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "no PT_LOAD segment");
}

static void test_entry_outside_memory(void)
{
	uint32_t entry;

	make_image();
	eh.e_entry = MEM_SIZE;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "entry point 0x400000 is outside guest memory");
	eh.e_entry = 0xffffffff;
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "entry point 0xffffffff");
	EXPECT_TRUE(all_poison(TEXT_PA, TEXT_LEN));	/* nothing loaded */
}

static void test_overlaps_boot_area(void)
{
	static const uint32_t bad[] = {
		BOOT_PARAMS_GPA, BOOT_CMDLINE_GPA, BOOT_AREA_END - 1,
		BOOT_AREA_START - DATA_MEMSZ + 1,
	};
	uint32_t entry;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_image();
		ph[1].p_paddr = bad[i];
		store_image();
		EXPECT_STR_CONTAINS(load(&entry), "overlaps the boot parameters");
	}
	/* right below and right above the boot area are fine */
	make_image();
	ph[1].p_paddr = BOOT_AREA_START - DATA_MEMSZ;
	store_image();
	EXPECT_OK(load(&entry));
	make_image();
	ph[1].p_paddr = BOOT_AREA_END;
	store_image();
	EXPECT_OK(load(&entry));
}

static void test_nothing_written_on_error(void)
{
	uint32_t entry = 1234;

	make_image();
	ph[1].p_paddr = MEM_SIZE;	/* the second segment is bad */
	store_image();
	EXPECT_STR_CONTAINS(load(&entry), "segment 1:");
	EXPECT_TRUE(all_poison(TEXT_PA, TEXT_LEN));
	EXPECT_EQ(entry, 1234);
}

int main(void)
{
	mem = malloc(MEM_SIZE);
	if (!mem)
		return 1;
	RUN_TEST("launcher.elf.valid", test_valid);
	RUN_TEST("launcher.elf.not_elf", test_not_elf);
	RUN_TEST("launcher.elf.truncated_header", test_truncated);
	RUN_TEST("launcher.elf.elf64", test_elf64);
	RUN_TEST("launcher.elf.bad_class", test_bad_class);
	RUN_TEST("launcher.elf.big_endian", test_big_endian);
	RUN_TEST("launcher.elf.wrong_machine", test_wrong_machine);
	RUN_TEST("launcher.elf.et_dyn", test_et_dyn);
	RUN_TEST("launcher.elf.phdrs_outside_file", test_phdrs_outside_file);
	RUN_TEST("launcher.elf.bad_phentsize", test_bad_phentsize);
	RUN_TEST("launcher.elf.filesz_over_memsz", test_filesz_over_memsz);
	RUN_TEST("launcher.elf.segment_outside_file", test_segment_outside_file);
	RUN_TEST("launcher.elf.segment_past_memory", test_segment_past_memory);
	RUN_TEST("launcher.elf.segment_wraps", test_segment_wraps);
	RUN_TEST("launcher.elf.no_pt_load", test_no_pt_load);
	RUN_TEST("launcher.elf.entry_outside_memory", test_entry_outside_memory);
	RUN_TEST("launcher.elf.overlaps_boot_area", test_overlaps_boot_area);
	RUN_TEST("launcher.elf.nothing_written_on_error",
		 test_nothing_written_on_error);
	free(mem);
	return check_summary();
}
