// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for launcher/kernel.c, bzimage.c and unpack.c: bzImages made
 * here at test time -- a fake setup header around a tiny ELF32 that the
 * real libraries compress -- plus, if the cache has it, Debian's own i386
 * kernel (LGUEST_I386_BZIMAGE, set by the Makefile), which has no lguest
 * platform and must be refused for that after it unpacked fine.
 */
#include <bzlib.h>
#include <elf.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "boot.h"
#include "bzimage.h"
#include "kernel.h"
#include "unpack.h"
#include "check.h"

#define MEM_SIZE	(4u << 20)
#define POISON		0xaa

#define TEXT_PA		0x100000
#define TEXT_LEN	64
#define BSS_LEN		0x2000

static unsigned char *mem;

/* ------------------------------------------------------------------ */
/* A tiny ELF32 kernel: one PT_LOAD (text + bss) and a PT_NOTE.        */

enum { NOTE_NONE = 0, NOTE_LINUX = 1, NOTE_LGUEST = 2 };

struct buf {
	unsigned char *p;
	size_t len;
};

static size_t put_note(unsigned char *p, const char *name, uint32_t type)
{
	Elf32_Nhdr nh = { (uint32_t)strlen(name) + 1, 4, type };
	size_t namesz = (nh.n_namesz + 3) & ~3u;
	uint32_t desc = 1;

	memcpy(p, &nh, sizeof(nh));
	memset(p + sizeof(nh), 0, namesz);
	memcpy(p + sizeof(nh), name, nh.n_namesz);
	memcpy(p + sizeof(nh) + namesz, &desc, 4);
	return sizeof(nh) + namesz + 4;
}

/* notes: NOTE_* bits; elfclass: ELFCLASS32, or 64 to pretend. */
static struct buf make_elf(int notes, int elfclass)
{
	static unsigned char img[1024];
	Elf32_Ehdr eh;
	Elf32_Phdr ph[2];
	size_t text_off = 0x100, note_off = text_off + TEXT_LEN, note_len = 0;
	unsigned int i;

	memset(img, 0, sizeof(img));
	for (i = 0; i < TEXT_LEN; i++)
		img[text_off + i] = (unsigned char)(0x40 + i);
	if (notes & NOTE_LINUX)
		note_len += put_note(img + note_off + note_len, "Linux", 6);
	/* a near miss first: right name, wrong type */
	note_len += put_note(img + note_off + note_len, "lguestX", 1);
	if (notes & NOTE_LGUEST)
		note_len += put_note(img + note_off + note_len, "lguest",
				     LGUEST_ELFNOTE_PLATFORM);

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = (unsigned char)elfclass;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_entry = TEXT_PA;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf32_Phdr);
	eh.e_phnum = 2;
	ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = text_off,
		.p_vaddr = 0xc0000000 + TEXT_PA, .p_paddr = TEXT_PA,
		.p_filesz = TEXT_LEN, .p_memsz = TEXT_LEN + BSS_LEN,
		.p_flags = PF_R | PF_X, .p_align = 16 };
	ph[1] = (Elf32_Phdr){ .p_type = PT_NOTE, .p_offset = note_off,
		.p_paddr = TEXT_PA + TEXT_LEN, .p_filesz = note_len,
		.p_memsz = note_len, .p_align = 4 };
	memcpy(img, &eh, sizeof(eh));
	memcpy(img + sizeof(eh), ph, sizeof(ph));
	return (struct buf){ img, note_off + note_len };
}

/* ------------------------------------------------------------------ */
/* The real libraries compress it, as Linux's build does.              */

static struct buf gzip_it(struct buf in)
{
	struct buf out = { malloc(in.len + 1024), 0 };
	z_stream z;

	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = in.p;
	z.avail_in = (unsigned int)in.len;
	z.next_out = out.p;
	z.avail_out = (unsigned int)in.len + 1024;
	deflate(&z, Z_FINISH);
	out.len = z.total_out;
	deflateEnd(&z);
	return out;
}

static struct buf xz_it(struct buf in, int alone)
{
	struct buf out = { malloc(in.len + 1024), 0 };
	lzma_stream z = LZMA_STREAM_INIT;
	lzma_options_lzma opt;

	lzma_ret r;

	lzma_lzma_preset(&opt, 6);
	if (alone)
		r = lzma_alone_encoder(&z, &opt);
	else
		r = lzma_easy_encoder(&z, 6, LZMA_CHECK_CRC32);
	if (r != LZMA_OK)
		return out;	/* empty: the test using it fails */
	z.next_in = in.p;
	z.avail_in = in.len;
	z.next_out = out.p;
	z.avail_out = in.len + 1024;
	while (lzma_code(&z, LZMA_FINISH) == LZMA_OK)
		;
	out.len = z.total_out;
	lzma_end(&z);
	return out;
}

static struct buf bzip2_it(struct buf in)
{
	unsigned int len = (unsigned int)in.len + 1024;
	struct buf out = { malloc(len), 0 };

	BZ2_bzBuffToBuffCompress((char *)out.p, &len, (char *)in.p,
				 (unsigned int)in.len, 9, 0, 0);
	out.len = len;
	return out;
}

static struct buf zstd_it(struct buf in)
{
	struct buf out = { malloc(ZSTD_compressBound(in.len)), 0 };

	out.len = ZSTD_compress(out.p, ZSTD_compressBound(in.len), in.p,
				in.len, 19);
	return out;
}

static struct buf compress_as(const char *fmt, struct buf in)
{
	if (!strcmp(fmt, "gzip"))
		return gzip_it(in);
	if (!strcmp(fmt, "xz"))
		return xz_it(in, 0);
	if (!strcmp(fmt, "lzma"))
		return xz_it(in, 1);
	if (!strcmp(fmt, "bzip2"))
		return bzip2_it(in);
	return zstd_it(in);
}

/* ------------------------------------------------------------------ */
/* A bzImage around a payload: setup sectors, then the 32-bit part.     */

#define SETUP_SECTS	3
#define PM_START	((SETUP_SECTS + 1) * 512)
#define PAYLOAD_OFF	0x94	/* as in Debian's: after the decompressor's head */

static void put_le(unsigned char *p, uint32_t v, unsigned int bytes)
{
	while (bytes--) {
		*p++ = (unsigned char)v;
		v >>= 8;
	}
}

/* Linux appends the unpacked size; a loader must not trip over it. */
static struct buf make_bzimage(struct buf payload, uint32_t unpacked)
{
	size_t len = PM_START + PAYLOAD_OFF + payload.len + 4 + 64;
	struct buf bz = { calloc(1, len), len };
	unsigned char *p = bz.p;

	p[0x1f1] = SETUP_SECTS;
	put_le(p + 0x1fe, 0xaa55, 2);
	memcpy(p + 0x202, "HdrS", 4);
	put_le(p + 0x206, 0x020f, 2);
	put_le(p + 0x22c, 0x7fffffff, 4);	/* initrd_addr_max */
	put_le(p + 0x248, PAYLOAD_OFF, 4);
	put_le(p + 0x24c, (uint32_t)payload.len + 4, 4);
	memcpy(p + PM_START + PAYLOAD_OFF, payload.p, payload.len);
	put_le(p + PM_START + PAYLOAD_OFF + payload.len, unpacked, 4);
	return bz;
}

static struct buf bzimage_of(const char *fmt, int notes)
{
	struct buf elf = make_elf(notes, ELFCLASS32);
	struct buf z = compress_as(fmt, elf);
	struct buf bz = make_bzimage(z, (uint32_t)elf.len);

	free(z.p);
	return bz;
}

static const char *load(struct buf b, struct kernel *k)
{
	memset(mem, POISON, MEM_SIZE);
	return kernel_load(b.p, b.len, mem, MEM_SIZE, k);
}

static int untouched(void)
{
	size_t i;

	for (i = 0; i < MEM_SIZE; i++)
		if (mem[i] != POISON)
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */

static const char *const formats[] = { "gzip", "xz", "lzma", "bzip2", "zstd" };

/* Every compressor Linux's config offers that we support, unpacked. */
static void test_bzimage_formats(void)
{
	struct kernel k;
	struct buf elf = make_elf(NOTE_LINUX | NOTE_LGUEST, ELFCLASS32);
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct buf bz = bzimage_of(formats[i], NOTE_LINUX | NOTE_LGUEST);
		const char *err = load(bz, &k);

		free(bz.p);
		if (err)
			CHECK_FAILF("%s: %s", formats[i], err);
		EXPECT_STR_EQ(k.compression, formats[i]);
		EXPECT_EQ(k.entry, TEXT_PA);
		EXPECT_EQ(k.start, TEXT_PA);
		EXPECT_EQ(k.end, TEXT_PA + TEXT_LEN + BSS_LEN);
		EXPECT_EQ(k.initrd_limit, 0x80000000ull);
		EXPECT_MEM_EQ(mem + TEXT_PA, elf.p + 0x100, TEXT_LEN);
		EXPECT_EQ(mem[TEXT_PA + TEXT_LEN], 0);		/* bss */
		EXPECT_EQ(mem[TEXT_PA - 1], POISON);
	}
}

static void test_bzimage_no_platform(void)
{
	struct kernel k;
	size_t i;

	/* a bzImage is Linux even without the "Linux" note */
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct buf bz = bzimage_of(formats[i], NOTE_NONE);
		const char *err = load(bz, &k);

		free(bz.p);
		EXPECT_STR_CONTAINS(err, "is a Linux kernel without the lguest platform");
		EXPECT_STR_CONTAINS(err, formats[i]);
		EXPECT_TRUE(untouched());
	}
}

/* A plain ELF: only a Linux one needs the marker. */
static void test_elf_platform(void)
{
	struct kernel k;

	EXPECT_STR_CONTAINS(load(make_elf(NOTE_LINUX, ELFCLASS32), &k),
			    "is a Linux kernel without the lguest platform (no \"lguest\" ELF note)");
	EXPECT_TRUE(untouched());
	EXPECT_OK(load(make_elf(NOTE_LINUX | NOTE_LGUEST, ELFCLASS32), &k));
	EXPECT_EQ(k.initrd_limit, UINT64_MAX);
	EXPECT_TRUE(k.compression == NULL);
	EXPECT_OK(load(make_elf(NOTE_NONE, ELFCLASS32), &k));	/* test kernel */
	EXPECT_EQ(k.entry, TEXT_PA);
	EXPECT_EQ(k.end, TEXT_PA + TEXT_LEN + BSS_LEN);
}

static void test_bzimage_64bit(void)
{
	struct buf bz = bzimage_of("gzip", NOTE_LINUX | NOTE_LGUEST);
	struct buf elf, z;
	struct kernel k;

	bz.p[0x236] = 1;	/* XLF_KERNEL_64 */
	EXPECT_STR_EQ(load(bz, &k),
		      "is a 64-bit kernel (bzImage with a 64-bit entry point); lguest guests are 32-bit x86");
	free(bz.p);

	/* no flag, but an ELF64 inside */
	elf = make_elf(NOTE_LINUX | NOTE_LGUEST, ELFCLASS64);
	z = gzip_it(elf);
	bz = make_bzimage(z, (uint32_t)elf.len);
	EXPECT_STR_CONTAINS(load(bz, &k), "is a 64-bit ELF");
	EXPECT_TRUE(untouched());
	free(z.p);
	free(bz.p);
}

static void test_bzimage_header(void)
{
	struct buf bz = bzimage_of("gzip", NOTE_LINUX | NOTE_LGUEST);
	struct kernel k;

	put_le(bz.p + 0x206, 0x0207, 2);
	EXPECT_STR_CONTAINS(load(bz, &k), "boot protocol 2.07 is too old");
	put_le(bz.p + 0x206, 0x020f, 2);
	put_le(bz.p + 0x1fe, 0x1234, 2);
	EXPECT_STR_CONTAINS(load(bz, &k), "bad bzImage boot flag 0x1234");
	put_le(bz.p + 0x1fe, 0xaa55, 2);
	put_le(bz.p + 0x24c, (uint32_t)bz.len, 4);
	EXPECT_STR_CONTAINS(load(bz, &k), "lies outside the file");
	put_le(bz.p + 0x24c, 0, 4);
	EXPECT_STR_CONTAINS(load(bz, &k), "has no payload");
	EXPECT_STR_CONTAINS(load((struct buf){ bz.p, 0x210 }, &k),
			    "truncated bzImage setup header");
	EXPECT_TRUE(untouched());
	free(bz.p);
}

static void test_bzimage_bad_payload(void)
{
	struct buf bz = bzimage_of("gzip", NOTE_LINUX | NOTE_LGUEST);
	unsigned char *pl = bz.p + PM_START + PAYLOAD_OFF;
	struct kernel k;

	memcpy(pl, "\x02\x21\x4c\x18", 4);
	EXPECT_STR_CONTAINS(load(bz, &k),
			    "compressed with lz4, which lguest does not unpack");
	memcpy(pl, "\x89LZO", 4);
	EXPECT_STR_CONTAINS(load(bz, &k), "compressed with lzo");
	memcpy(pl, "ABCD", 4);
	EXPECT_STR_CONTAINS(load(bz, &k),
			    "no compression format lguest knows (it starts 41 42 43 44)");
	EXPECT_TRUE(untouched());
	free(bz.p);
}

/* Cut or corrupt, each format says so rather than loading half a kernel. */
static void test_unpack_damaged(void)
{
	struct buf elf = make_elf(NOTE_LINUX | NOTE_LGUEST, ELFCLASS32);
	size_t i, out_len;
	void *out;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct buf z = compress_as(formats[i], elf);
		const char *err = unpack(z.p, z.len / 2, 1 << 20, &out,
					 &out_len);

		if (!err || !strstr(err, formats[i]) ||
		    !(strstr(err, "truncated") || strstr(err, "corrupt")))
			CHECK_FAILF("%s cut in half: %s", formats[i],
				    err ? err : "unpacked");
		EXPECT_TRUE(out == NULL);
		memset(z.p + z.len / 2, 0x5a, z.len - z.len / 2);
		err = unpack(z.p, z.len, 1 << 20, &out, &out_len);
		if (!err || !strstr(err, formats[i]))
			CHECK_FAILF("%s corrupted: %s", formats[i],
				    err ? err : "unpacked");
		free(z.p);
	}
}

static void test_unpack_limit(void)
{
	static unsigned char zeros[3 << 20];
	struct buf z = gzip_it((struct buf){ zeros, sizeof(zeros) });
	size_t out_len;
	void *out;

	EXPECT_STR_EQ(unpack(z.p, z.len, 2 << 20, &out, &out_len),
		      "gzip payload unpacks to more than 2 MiB");
	EXPECT_OK(unpack(z.p, z.len, 4 << 20, &out, &out_len));
	EXPECT_EQ(out_len, sizeof(zeros));
	free(out);
	free(z.p);
}

#define NO_DEBIAN_BZIMAGE \
	"no Debian i386 bzImage: set LGUEST_I386_BZIMAGE (scripts/i386-debs.sh fetches it)"

/* The whole of Debian's i386 bzImage (LGUEST_I386_BZIMAGE); 0 if absent. */
static int read_debian_bzimage(struct buf *f)
{
	const char *path = getenv("LGUEST_I386_BZIMAGE");
	FILE *fp;
	long n;

	if (!path || !*path || !(fp = fopen(path, "rb")))
		return 0;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	f->p = malloc((size_t)n);
	f->len = fread(f->p, 1, (size_t)n, fp);
	fclose(fp);
	return 1;
}

/* Debian's linux-image-*-686: real xz, real header, no lguest platform. */
static void test_debian_bzimage(void)
{
	struct buf f = { NULL, 0 };
	struct bzimage bz;
	size_t out_len;
	void *out;

	if (!read_debian_bzimage(&f))
		CHECK_FAILF(NO_DEBIAN_BZIMAGE);

	EXPECT_TRUE(bzimage_detect(f.p, f.len));
	EXPECT_OK(bzimage_parse(f.p, f.len, &bz));
	EXPECT_TRUE(bz.version >= 0x020f);
	EXPECT_STR_EQ(unpack_format(bz.payload, bz.payload_len), "xz");
	EXPECT_OK(unpack(bz.payload, bz.payload_len, KERNEL_UNPACKED_MAX,
			 &out, &out_len));
	/* Linux appends the unpacked size after the stream */
	EXPECT_EQ(out_len, bz.payload[bz.payload_len - 4] |
		  bz.payload[bz.payload_len - 3] << 8 |
		  bz.payload[bz.payload_len - 2] << 16 |
		  (uint32_t)bz.payload[bz.payload_len - 1] << 24);
	EXPECT_MEM_EQ(out, ELFMAG, SELFMAG);
	free(out);
	free(f.p);
}

static void test_debian_refused(void)
{
	static unsigned char *big;
	struct kernel k;
	struct buf f;

	if (!read_debian_bzimage(&f))
		CHECK_FAILF(NO_DEBIAN_BZIMAGE);
	big = malloc(64u << 20);
	EXPECT_TRUE(big != NULL);
	EXPECT_STR_EQ(kernel_load(f.p, f.len, big, 64u << 20, &k),
		      "bzImage payload (xz): is a Linux kernel without the lguest platform (no \"lguest\" ELF note): build it with CONFIG_LGUEST_GUEST=y");
	free(big);
	free(f.p);
}

int main(void)
{
	mem = malloc(MEM_SIZE);
	if (!mem)
		return 1;
	RUN_TEST("launcher.kernel.bzimage_formats", test_bzimage_formats);
	RUN_TEST("launcher.kernel.bzimage_no_platform", test_bzimage_no_platform);
	RUN_TEST("launcher.kernel.elf_platform", test_elf_platform);
	RUN_TEST("launcher.kernel.bzimage_64bit", test_bzimage_64bit);
	RUN_TEST("launcher.kernel.bzimage_header", test_bzimage_header);
	RUN_TEST("launcher.kernel.bzimage_bad_payload", test_bzimage_bad_payload);
	RUN_TEST("launcher.kernel.unpack_damaged", test_unpack_damaged);
	RUN_TEST("launcher.kernel.unpack_limit", test_unpack_limit);
	RUN_TEST("launcher.kernel.debian_686_unpacks", test_debian_bzimage);
	RUN_TEST("launcher.kernel.debian_686_refused", test_debian_refused);
	free(mem);
	return check_summary();
}
