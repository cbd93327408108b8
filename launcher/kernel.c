// SPDX-License-Identifier: GPL-2.0
/* The guest kernel: an ELF32, or a bzImage around one (see kernel.h). */
#include <stdio.h>
#include <stdlib.h>

#include "bzimage.h"
#include "elf.h"
#include "err.h"
#include "kernel.h"
#include "unpack.h"

/*L:130 A Linux kernel without the lguest platform would fault on its first
 * privileged instruction at ring 1, long before it could say why: refuse
 * it here instead, by the marker the port carries (kernel.h).
 */
static const char *check_platform(const void *elf, size_t size,
				  int is_linux)
{
	if (!is_linux)
		is_linux = elf_has_note(elf, size, "Linux", -1);
	if (is_linux && !elf_has_note(elf, size, LGUEST_ELFNOTE_NAME,
				      LGUEST_ELFNOTE_PLATFORM))
		return errf("is a Linux kernel without the lguest platform (no \"lguest\" ELF note): build it with CONFIG_LGUEST_GUEST=y");
	return NULL;
}

/* "<what>: <err>"; err lives in errf()'s buffer, so copy it out first. */
static const char *prefixed(const char *what, const char *err)
{
	char why[256];

	snprintf(why, sizeof(why), "%s", err);
	return errf("%s: %s", what, why);
}

/* Check, then load: nothing is written to mem unless all is well. */
static const char *load_elf(const void *elf, size_t size, int is_linux,
			    void *mem, uint64_t mem_size, struct kernel *k)
{
	const char *err = elf_check(elf, size, mem_size);

	if (!err)
		err = check_platform(elf, size, is_linux);
	if (!err)
		err = elf_load(elf, size, mem, mem_size, &k->entry);
	if (!err)
		elf_span(elf, &k->start, &k->end);
	return err;
}

static const char *load_bzimage(const void *file, size_t size,
				void *mem, uint64_t mem_size, struct kernel *k)
{
	struct bzimage bz;
	const char *err = bzimage_parse(file, size, &bz);
	char what[32];
	size_t elf_size;
	void *elf;

	if (err)
		return err;
	k->compression = unpack_format(bz.payload, bz.payload_len);
	err = unpack(bz.payload, bz.payload_len, KERNEL_UNPACKED_MAX,
		     &elf, &elf_size);
	if (err)
		return prefixed("bzImage", err);
	k->initrd_limit = (uint64_t)bz.initrd_addr_max + 1;
	err = load_elf(elf, elf_size, 1, mem, mem_size, k);
	free(elf);
	if (err) {
		snprintf(what, sizeof(what), "bzImage payload (%s)",
			 k->compression);
		return prefixed(what, err);
	}
	return NULL;
}

const char *kernel_load(const void *file, size_t size,
			void *mem, uint64_t mem_size, struct kernel *k)
{
	k->entry = 0;
	k->start = k->end = 0;
	k->initrd_limit = UINT64_MAX;
	k->compression = NULL;
	if (bzimage_detect(file, size))
		return load_bzimage(file, size, mem, mem_size, k);
	return load_elf(file, size, 0, mem, mem_size, k);
}
