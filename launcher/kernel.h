/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest kernel, whatever its wrapping: an ELF32 executable loaded as
 * it is (elf.h), or a Linux bzImage whose compressed ELF payload is
 * unpacked first (bzimage.h, unpack.h).
 *
 * A Linux kernel must be built with the lguest platform, or it would die
 * at its first privileged instruction.  Nothing in a bzImage's header
 * says so; the port marks the kernel with an ELF note instead:
 *
 *	name "lguest" (n_namesz 7, with its NUL), n_type 1
 *	(LGUEST_ELFNOTE_PLATFORM), 4 bytes of desc (the port puts 1 there;
 *	not checked yet)
 *
 * in a PT_NOTE segment of vmlinux -- in Linux, one ELFNOTE32("lguest",
 * 1, 1) in arch/x86/lguest/, which the linker script collects into
 * .notes.  A kernel counts as Linux when it comes as a bzImage or its
 * ELF has a note called "Linux" (every vmlinux does); only those need the
 * marker, so a bare guest such as tests/guest/vmlinux loads without one.
 *
 * Pure: works on buffers, errors come back as one line of text.
 */
#ifndef LAUNCHER_KERNEL_H
#define LAUNCHER_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#define LGUEST_ELFNOTE_NAME	"lguest"
#define LGUEST_ELFNOTE_PLATFORM	1

/* A bzImage must not unpack to more than this. */
#define KERNEL_UNPACKED_MAX	(512ull << 20)

struct kernel {
	uint32_t entry;			/* guest-physical entry point */
	uint64_t start, end;		/* the guest memory it fills */
	uint64_t initrd_limit;		/* an initrd must end at or below */
	const char *compression;	/* a bzImage's, else NULL */
};

/*
 * Check the kernel file[0, size) and, only if all of it is good, load it
 * into guest memory mem[0, mem_size) and describe it in *k.
 */
const char *kernel_load(const void *file, size_t size,
			void *mem, uint64_t mem_size, struct kernel *k);

#endif /* LAUNCHER_KERNEL_H */
