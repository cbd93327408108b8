// SPDX-License-Identifier: GPL-2.0
/*
 * The guest kernel loader.  The file comes from the user and is not
 * trusted: every offset and size is checked, in 64-bit arithmetic so no
 * 32-bit sum can wrap, before a single byte of guest memory is written.
 * Headers are copied out with memcpy() because the file buffer need not be
 * aligned for them.
 */
#include <elf.h>	/* glibc's: Elf32_Ehdr and friends */
#include <string.h>

#include "boot.h"
#include "elf.h"
#include "err.h"

/* e_ident: is this an ELF at all, and the 32-bit little-endian kind? */
static const char *check_ident(const unsigned char *id, size_t size)
{
	if (size < SELFMAG || memcmp(id, ELFMAG, SELFMAG))
		return errf("not an ELF file");
	if (size < EI_NIDENT)
		return errf("truncated ELF header (%zu bytes)", size);
	if (id[EI_CLASS] == ELFCLASS64)
		return errf("is a 64-bit ELF; lguest guests are 32-bit x86");
	if (id[EI_CLASS] != ELFCLASS32)
		return errf("bad ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		return errf("big-endian or bad ELF data encoding %u; lguest guests are 32-bit x86",
			    id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return errf("bad ELF version %u", id[EI_VERSION]);
	if (size < sizeof(Elf32_Ehdr))
		return errf("truncated ELF header (%zu bytes)", size);
	return NULL;
}

/* The rest of the file header: an i386 executable with sane phdrs. */
static const char *check_header(const Elf32_Ehdr *eh, size_t size)
{
	if (eh->e_machine != EM_386)
		return errf("ELF machine %u is not i386 (EM_386); lguest guests are 32-bit x86",
			    eh->e_machine);
	if (eh->e_type != ET_EXEC)
		return errf("ELF type %u is not an executable (ET_EXEC); link the kernel at fixed addresses",
			    eh->e_type);
	if (eh->e_phnum == 0)
		return errf("no PT_LOAD segment (no program headers)");
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return errf("bad program header size %u (expected %zu)",
			    eh->e_phentsize, sizeof(Elf32_Phdr));
	if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > size)
		return errf("program headers (offset 0x%x, %u of them) lie outside the file (%zu bytes)",
			    eh->e_phoff, eh->e_phnum, size);
	return NULL;
}

/*L:100 One PT_LOAD: inside the file, inside guest memory, clear of boot data. */
static const char *check_segment(const Elf32_Phdr *ph, unsigned int i,
				 size_t file_size, uint64_t mem_size)
{
	uint64_t start = ph->p_paddr, end = start + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return errf("segment %u: file size 0x%x exceeds memory size 0x%x",
			    i, ph->p_filesz, ph->p_memsz);
	if ((uint64_t)ph->p_offset + ph->p_filesz > file_size)
		return errf("segment %u: file bytes [0x%x, 0x%llx) lie outside the file (%zu bytes)",
			    i, ph->p_offset,
			    (unsigned long long)ph->p_offset + ph->p_filesz,
			    file_size);
	if (end > mem_size)
		return errf("segment %u: [0x%llx, 0x%llx) is outside guest memory (0x%llx bytes)",
			    i, (unsigned long long)start,
			    (unsigned long long)end,
			    (unsigned long long)mem_size);
	if (ph->p_memsz && start < BOOT_AREA_END && end > BOOT_AREA_START)
		return errf("segment %u: [0x%llx, 0x%llx) overlaps the boot parameters and command line at [0x%x, 0x%x)",
			    i, (unsigned long long)start,
			    (unsigned long long)end,
			    BOOT_AREA_START, BOOT_AREA_END);
	return NULL;
}

static Elf32_Phdr get_phdr(const unsigned char *file, const Elf32_Ehdr *eh,
			   unsigned int i)
{
	Elf32_Phdr ph;

	memcpy(&ph, file + eh->e_phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

/* Every program header checked; none written yet. */
static const char *check_segments(const unsigned char *file, size_t size,
				  const Elf32_Ehdr *eh, uint64_t mem_size)
{
	unsigned int i, loads = 0;
	const char *err;
	Elf32_Phdr ph;

	for (i = 0; i < eh->e_phnum; i++) {
		ph = get_phdr(file, eh, i);
		if (ph.p_type != PT_LOAD)
			continue;
		err = check_segment(&ph, i, size, mem_size);
		if (err)
			return err;
		loads++;
	}
	if (loads == 0)
		return errf("no PT_LOAD segment to load");
	return NULL;
}

/* Copy the file part of each segment, zero the rest (the bss). */
static void load_segments(const unsigned char *file, const Elf32_Ehdr *eh,
			  unsigned char *mem)
{
	unsigned int i;
	Elf32_Phdr ph;

	for (i = 0; i < eh->e_phnum; i++) {
		ph = get_phdr(file, eh, i);
		if (ph.p_type != PT_LOAD)
			continue;
		memcpy(mem + ph.p_paddr, file + ph.p_offset, ph.p_filesz);
		memset(mem + ph.p_paddr + ph.p_filesz, 0,
		       ph.p_memsz - ph.p_filesz);
	}
}

const char *elf_check(const void *file, size_t file_size, uint64_t mem_size)
{
	const char *err;
	Elf32_Ehdr eh;

	err = check_ident(file, file_size);
	if (err)
		return err;
	memcpy(&eh, file, sizeof(eh));
	err = check_header(&eh, file_size);
	if (!err)
		err = check_segments(file, file_size, &eh, mem_size);
	if (err)
		return err;
	if (eh.e_entry >= mem_size)
		return errf("entry point 0x%x is outside guest memory (0x%llx bytes)",
			    eh.e_entry, (unsigned long long)mem_size);
	return NULL;
}

const char *elf_load(const void *file, size_t file_size,
		     void *mem, uint64_t mem_size, uint32_t *entry)
{
	const char *err = elf_check(file, file_size, mem_size);
	Elf32_Ehdr eh;

	if (err)
		return err;
	memcpy(&eh, file, sizeof(eh));
	load_segments(file, &eh, mem);
	*entry = eh.e_entry;
	return NULL;
}

void elf_span(const void *file, uint64_t *start, uint64_t *end)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	unsigned int i;

	memcpy(&eh, file, sizeof(eh));
	*start = UINT64_MAX;
	*end = 0;
	for (i = 0; i < eh.e_phnum; i++) {
		ph = get_phdr(file, &eh, i);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_paddr < *start)
			*start = ph.p_paddr;
		if ((uint64_t)ph.p_paddr + ph.p_memsz > *end)
			*end = (uint64_t)ph.p_paddr + ph.p_memsz;
	}
	if (*start > *end)
		*start = *end;
}

/* Notes are 4-byte aligned: namesz, descsz, type, name, desc. */
static int note_in(const unsigned char *p, uint64_t len, const char *name,
		   long type)
{
	size_t want = strlen(name) + 1;
	uint64_t off = 0, namesz, descsz;
	Elf32_Nhdr nh;

	while (off + sizeof(nh) <= len) {
		memcpy(&nh, p + off, sizeof(nh));
		namesz = ((uint64_t)nh.n_namesz + 3) & ~3ull;
		descsz = ((uint64_t)nh.n_descsz + 3) & ~3ull;
		if (off + sizeof(nh) + namesz + descsz > len)
			return 0;
		if (nh.n_namesz == want &&
		    !memcmp(p + off + sizeof(nh), name, want) &&
		    (type < 0 || nh.n_type == (uint32_t)type))
			return 1;
		off += sizeof(nh) + namesz + descsz;
	}
	return 0;
}

int elf_has_note(const void *file, size_t file_size, const char *name,
		 long type)
{
	const unsigned char *f = file;
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	unsigned int i;

	if (check_ident(f, file_size))
		return 0;
	memcpy(&eh, f, sizeof(eh));
	if (check_header(&eh, file_size))
		return 0;
	for (i = 0; i < eh.e_phnum; i++) {
		ph = get_phdr(f, &eh, i);
		if (ph.p_type != PT_NOTE ||
		    (uint64_t)ph.p_offset + ph.p_filesz > file_size)
			continue;
		if (note_in(f + ph.p_offset, ph.p_filesz, name, type))
			return 1;
	}
	return 0;
}
