// SPDX-License-Identifier: GPL-2.0
/*
 * Unpacking with zlib, liblzma, libbz2 and libzstd (see unpack.h).  Each
 * decoder fills a growing output buffer (struct sink) until its stream
 * ends; a stream that ends early, is corrupt or grows past the limit is
 * an error.
 */
#include <bzlib.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "err.h"
#include "unpack.h"

/* Decoders take their sizes as unsigned int: feed them in chunks. */
#define CHUNK		(64u << 20)

struct sink {
	unsigned char *buf;
	size_t len, cap, max;
};

/* Room for more output: the free part of the buffer, or NULL at max. */
static unsigned char *sink_room(struct sink *s, size_t *room)
{
	size_t cap;
	unsigned char *buf;

	if (s->len == s->cap) {
		if (s->cap >= s->max)
			return NULL;
		cap = s->cap ? s->cap * 2 : (1u << 20);
		if (cap > s->max)
			cap = s->max;
		buf = realloc(s->buf, cap);
		if (!buf)
			return NULL;
		s->buf = buf;
		s->cap = cap;
	}
	*room = s->cap - s->len < CHUNK ? s->cap - s->len : CHUNK;
	return s->buf + s->len;
}

static const char *too_big(const struct sink *s, const char *fmt)
{
	if (s->cap >= s->max)
		return errf("%s payload unpacks to more than %zu MiB", fmt,
			    s->max >> 20);
	return errf("out of memory unpacking the %s payload", fmt);
}

static const char *truncated(const char *fmt)
{
	return errf("%s payload is truncated (the stream does not end)", fmt);
}

static const char *unpack_gzip(const unsigned char *in, size_t len,
			       struct sink *s)
{
	z_stream z;
	size_t room;
	int r;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)	/* gzip header */
		return errf("zlib: cannot initialize");
	z.next_in = (unsigned char *)in;
	z.avail_in = len < CHUNK ? (unsigned int)len : CHUNK;
	do {
		z.next_out = sink_room(s, &room);
		if (!z.next_out) {
			inflateEnd(&z);
			return too_big(s, "gzip");
		}
		z.avail_out = (unsigned int)room;
		if (z.avail_in == 0 && (size_t)(z.next_in - in) < len) {
			len -= (size_t)(z.next_in - in);
			in = z.next_in;
			z.avail_in = len < CHUNK ? (unsigned int)len : CHUNK;
		}
		r = inflate(&z, Z_NO_FLUSH);
		s->len += room - z.avail_out;
	} while (r == Z_OK);
	inflateEnd(&z);
	if (r == Z_STREAM_END)
		return NULL;
	if (r == Z_BUF_ERROR)
		return truncated("gzip");
	return errf("gzip payload is corrupt (zlib: %s)",
		    z.msg ? z.msg : "error");
}

/* xz and lzma: liblzma's decoders differ only in how they start. */
static const char *unpack_lzma(const unsigned char *in, size_t len,
			       struct sink *s, int alone)
{
	lzma_stream z = LZMA_STREAM_INIT;
	const char *fmt = alone ? "lzma" : "xz";
	lzma_ret r;
	size_t room;

	r = alone ? lzma_alone_decoder(&z, UINT64_MAX)
		  : lzma_stream_decoder(&z, UINT64_MAX, 0);
	if (r != LZMA_OK)
		return errf("liblzma: cannot initialize (%d)", r);
	z.next_in = in;
	z.avail_in = len;
	do {
		z.next_out = sink_room(s, &room);
		if (!z.next_out) {
			lzma_end(&z);
			return too_big(s, fmt);
		}
		z.avail_out = room;
		r = lzma_code(&z, z.avail_in ? LZMA_RUN : LZMA_FINISH);
		s->len += room - z.avail_out;
	} while (r == LZMA_OK);
	lzma_end(&z);
	if (r == LZMA_STREAM_END)
		return NULL;
	if (r == LZMA_BUF_ERROR)
		return truncated(fmt);
	return errf("%s payload is corrupt (liblzma error %d)", fmt, r);
}

static const char *unpack_bzip2(const unsigned char *in, size_t len,
				struct sink *s)
{
	bz_stream z;
	size_t room;
	int r;

	memset(&z, 0, sizeof(z));
	if (BZ2_bzDecompressInit(&z, 0, 0) != BZ_OK)
		return errf("libbz2: cannot initialize");
	z.next_in = (char *)in;
	z.avail_in = len < CHUNK ? (unsigned int)len : CHUNK;
	do {
		z.next_out = (char *)sink_room(s, &room);
		if (!z.next_out) {
			BZ2_bzDecompressEnd(&z);
			return too_big(s, "bzip2");
		}
		z.avail_out = (unsigned int)room;
		if (z.avail_in == 0 &&
		    (size_t)((unsigned char *)z.next_in - in) < len) {
			len -= (size_t)((unsigned char *)z.next_in - in);
			in = (unsigned char *)z.next_in;
			z.avail_in = len < CHUNK ? (unsigned int)len : CHUNK;
		}
		r = BZ2_bzDecompress(&z);
		s->len += room - z.avail_out;
		/* all input in, room left, and still no end: there is no more */
		if (r == BZ_OK && z.avail_in == 0 && z.avail_out > 0 &&
		    (size_t)((unsigned char *)z.next_in - in) == len) {
			BZ2_bzDecompressEnd(&z);
			return truncated("bzip2");
		}
	} while (r == BZ_OK);
	BZ2_bzDecompressEnd(&z);
	if (r == BZ_STREAM_END)
		return NULL;
	return errf("bzip2 payload is corrupt (libbz2 error %d)", r);
}

static const char *unpack_zstd(const unsigned char *in, size_t len,
			       struct sink *s)
{
	ZSTD_DStream *z = ZSTD_createDStream();
	ZSTD_inBuffer ib = { in, len, 0 };
	ZSTD_outBuffer ob;
	size_t r, room;

	if (!z)
		return errf("libzstd: cannot initialize");
	/* Linux compresses with a window of up to 2^27 bytes (zstd22). */
	ZSTD_DCtx_setParameter(z, ZSTD_d_windowLogMax, 31);
	do {
		ob.dst = sink_room(s, &room);
		if (!ob.dst) {
			ZSTD_freeDStream(z);
			return too_big(s, "zstd");
		}
		ob.size = room;
		ob.pos = 0;
		r = ZSTD_decompressStream(z, &ob, &ib);
		s->len += ob.pos;
		/* all input in, room left, and still no end: there is no more */
		if (!ZSTD_isError(r) && r != 0 && ib.pos == ib.size &&
		    ob.pos < ob.size) {
			ZSTD_freeDStream(z);
			return truncated("zstd");
		}
	} while (!ZSTD_isError(r) && r != 0);
	ZSTD_freeDStream(z);
	if (ZSTD_isError(r))
		return errf("zstd payload is corrupt (libzstd: %s)",
			    ZSTD_getErrorName(r));
	return NULL;
}

struct format {
	const char *name;
	const char *magic;
	size_t magic_len;
};

static const struct format formats[] = {
	{ "gzip",	"\x1f\x8b",			2 },
	{ "xz",		"\xfd" "7zXZ\0",		6 },
	{ "lzma",	"\x5d\0\0",			3 },
	{ "bzip2",	"BZh",				3 },
	{ "zstd",	"\x28\xb5\x2f\xfd",		4 },
	{ "lzo",	"\x89LZO",			4 },
	{ "lz4",	"\x02\x21\x4c\x18",		4 },
};

const char *unpack_format(const void *in, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (len >= formats[i].magic_len &&
		    !memcmp(in, formats[i].magic, formats[i].magic_len))
			return formats[i].name;
	return NULL;
}

/*L:120 The payload's magic names its compressor, and the library for it
 * unpacks it: no decompressor of our own.
 */
static const char *dispatch(const char *fmt, const unsigned char *in,
			    size_t len, struct sink *s)
{
	if (!strcmp(fmt, "gzip"))
		return unpack_gzip(in, len, s);
	if (!strcmp(fmt, "xz"))
		return unpack_lzma(in, len, s, 0);
	if (!strcmp(fmt, "lzma"))
		return unpack_lzma(in, len, s, 1);
	if (!strcmp(fmt, "bzip2"))
		return unpack_bzip2(in, len, s);
	if (!strcmp(fmt, "zstd"))
		return unpack_zstd(in, len, s);
	return errf("payload is compressed with %s, which lguest does not unpack: build the kernel with CONFIG_KERNEL_GZIP, _XZ, _LZMA, _BZIP2 or _ZSTD",
		    fmt);
}

const char *unpack(const void *in, size_t len, size_t max_out,
		   void **out, size_t *out_len)
{
	const char *fmt = unpack_format(in, len);
	struct sink s = { NULL, 0, 0, max_out };
	const char *err;

	*out = NULL;
	if (!fmt)
		return errf("payload is in no compression format lguest knows (it starts %02x %02x %02x %02x)",
			    len > 0 ? ((const unsigned char *)in)[0] : 0,
			    len > 1 ? ((const unsigned char *)in)[1] : 0,
			    len > 2 ? ((const unsigned char *)in)[2] : 0,
			    len > 3 ? ((const unsigned char *)in)[3] : 0);
	err = dispatch(fmt, in, len, &s);
	if (err) {
		free(s.buf);
		return err;
	}
	*out = s.buf;
	*out_len = s.len;
	return NULL;
}
