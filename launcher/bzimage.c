// SPDX-License-Identifier: GPL-2.0
/*
 * The bzImage setup header (see bzimage.h).  The file is not trusted: every
 * offset is checked, in 64-bit arithmetic, against the file's size.
 */
#include <string.h>

#include "bzimage.h"
#include "err.h"

#define OFF_SETUP_SECTS		0x1f1
#define OFF_BOOT_FLAG		0x1fe
#define OFF_HEADER		0x202
#define OFF_VERSION		0x206
#define OFF_INITRD_ADDR_MAX	0x22c
#define OFF_XLOADFLAGS		0x236
#define OFF_PAYLOAD_OFFSET	0x248
#define OFF_PAYLOAD_LENGTH	0x24c
#define HEADER_END		0x250	/* as far as we read */

static uint32_t get_le(const unsigned char *p, unsigned int bytes)
{
	uint32_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

int bzimage_detect(const void *file, size_t size)
{
	return size >= OFF_HEADER + 4 &&
	       !memcmp((const char *)file + OFF_HEADER, "HdrS", 4);
}

/*L:110 A bzImage's 32-bit part starts after the real-mode setup sectors;
 * the payload sits payload_offset bytes into it.  Checked against the
 * file, and for what would make the guest 64-bit, before anything is
 * unpacked.
 */
const char *bzimage_parse(const void *file, size_t size, struct bzimage *bz)
{
	const unsigned char *f = file;
	unsigned int sects;
	uint64_t pm_start, off, len;

	if (!bzimage_detect(file, size))
		return errf("not a bzImage (no \"HdrS\" setup header)");
	if (size < HEADER_END)
		return errf("truncated bzImage setup header (%zu bytes)", size);
	if (get_le(f + OFF_BOOT_FLAG, 2) != 0xaa55)
		return errf("bad bzImage boot flag 0x%04x (expected 0xaa55)",
			    get_le(f + OFF_BOOT_FLAG, 2));
	bz->version = (uint16_t)get_le(f + OFF_VERSION, 2);
	if (bz->version < BZIMAGE_MIN_VERSION)
		return errf("bzImage boot protocol %u.%02u is too old: need 2.08 or later (a compressed ELF payload)",
			    bz->version >> 8, bz->version & 0xff);
	if (get_le(f + OFF_XLOADFLAGS, 2) & BZIMAGE_XLF_KERNEL_64)
		return errf("is a 64-bit kernel (bzImage with a 64-bit entry point); lguest guests are 32-bit x86");

	sects = f[OFF_SETUP_SECTS] ? f[OFF_SETUP_SECTS] : 4;
	pm_start = ((uint64_t)sects + 1) * 512;
	off = pm_start + get_le(f + OFF_PAYLOAD_OFFSET, 4);
	len = get_le(f + OFF_PAYLOAD_LENGTH, 4);
	if (len == 0)
		return errf("bzImage has no payload (payload_length is 0)");
	if (off + len > size)
		return errf("bzImage payload [0x%llx, 0x%llx) lies outside the file (%zu bytes)",
			    (unsigned long long)off,
			    (unsigned long long)(off + len), size);
	bz->initrd_addr_max = get_le(f + OFF_INITRD_ADDR_MAX, 4);
	bz->payload = f + off;
	bz->payload_len = (size_t)len;
	return NULL;
}
