/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A Linux bzImage: the x86 boot protocol's setup header (Linux's
 * Documentation/x86/boot.rst), read only as far as the Launcher needs it
 * to find the compressed kernel inside.
 *
 *	file offset 0		real-mode setup, (setup_sects + 1) * 512 bytes
 *	  0x1f1  setup_sects	(0 means 4)
 *	  0x1fe  boot_flag	0xaa55
 *	  0x202  header		"HdrS"
 *	  0x206  version	boot protocol, 0x020f for Linux 6.1
 *	  0x22c  initrd_addr_max  highest address the initrd may end at, - 1
 *	  0x236  xloadflags	bit 0: a 64-bit kernel
 *	  0x248  payload_offset	from the start of the protected-mode part
 *	  0x24c  payload_length
 *	(setup_sects + 1) * 512	the protected-mode part: Linux's own
 *				decompressor, with the payload inside it
 *
 * The payload is the kernel's vmlinux (an ELF), compressed (unpack.h).
 * We unpack and load it ourselves; Linux's decompressor never runs.
 *
 * Pure: works on buffers, errors come back as one line of text.
 */
#ifndef LAUNCHER_BZIMAGE_H
#define LAUNCHER_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>

/* payload_offset and payload_length came with boot protocol 2.08. */
#define BZIMAGE_MIN_VERSION	0x0208
#define BZIMAGE_XLF_KERNEL_64	(1u << 0)

struct bzimage {
	uint16_t version;		/* boot protocol version */
	uint32_t initrd_addr_max;	/* the initrd must end at or below this + 1 */
	const unsigned char *payload;	/* inside the file buffer */
	size_t payload_len;
};

/* Does file[0, size) carry a setup header ("HdrS" at 0x202)? */
int bzimage_detect(const void *file, size_t size);

/* Check the setup header of a bzImage and find its payload. */
const char *bzimage_parse(const void *file, size_t size, struct bzimage *bz);

#endif /* LAUNCHER_BZIMAGE_H */
