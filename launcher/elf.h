/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading the guest kernel: a 32-bit x86 ELF executable whose PT_LOAD
 * segments go at their physical addresses (p_paddr) in guest memory.
 *
 * Pure: works on buffers, errors come back as one line of text.
 *
 * (This header shares its name with glibc's <elf.h>: the build must not put
 * this directory on the <...> include path; tests use -iquote.)
 */
#ifndef LAUNCHER_ELF_H
#define LAUNCHER_ELF_H

#include <stddef.h>
#include <stdint.h>

/* Check the ELF image file[0, file_size) as elf_load() does, loading nothing. */
const char *elf_check(const void *file, size_t file_size, uint64_t mem_size);

/*
 * Check the ELF image file[0, file_size) and, only if all of it is good,
 * load it into guest memory mem[0, mem_size) and set *entry.
 */
const char *elf_load(const void *file, size_t file_size,
		     void *mem, uint64_t mem_size, uint32_t *entry);

/*
 * The guest-physical range [*start, *end) that elf_load() filled: from the
 * lowest PT_LOAD to the end of the highest.  Only for an image elf_load()
 * accepted.
 */
void elf_span(const void *file, uint64_t *start, uint64_t *end);

/*
 * Does a PT_NOTE segment of the ELF image file[0, file_size) hold a note
 * called name (of any type if type is negative)?  Malformed notes or
 * headers are simply not found.
 */
int elf_has_note(const void *file, size_t file_size, const char *name,
		 long type);

#endif /* LAUNCHER_ELF_H */
