/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unpacking a bzImage's payload with the real compression libraries.
 * The compressor is told by the payload's first bytes; Linux's
 * CONFIG_KERNEL_* choices map to:
 *
 *	gzip	1f 8b			zlib
 *	xz	fd '7zXZ' 00		liblzma (Debian's choice)
 *	lzma	5d 00 00		liblzma, the .lzma "alone" format
 *	bzip2	'BZh'			libbz2
 *	zstd	28 b5 2f fd		libzstd
 *	lzo	89 'LZO'		not supported
 *	lz4	02 21 4c 18		not supported (the legacy lz4 frame)
 *
 * Linux appends the unpacked size as 4 bytes after the stream; those and
 * anything else after the end of the first stream are ignored.
 *
 * Pure: errors come back as one line of text.
 */
#ifndef LAUNCHER_UNPACK_H
#define LAUNCHER_UNPACK_H

#include <stddef.h>

/* The compressor's name for in[0, len) ("gzip", ...), or NULL if unknown. */
const char *unpack_format(const void *in, size_t len);

/*
 * Unpack in[0, len) into a malloc()ed *out of *out_len bytes, refusing to
 * produce more than max_out.  On error *out is NULL.
 */
const char *unpack(const void *in, size_t len, size_t max_out,
		   void **out, size_t *out_len);

#endif /* LAUNCHER_UNPACK_H */
