// SPDX-License-Identifier: GPL-2.0
/*
 * A page-fault storm: map 64 MB of anonymous memory, touch every page in a
 * different order each round (forward, backward, two strides), verify
 * every page, munmap; then MADV_DONTNEED (the pages read back as zero) and
 * a copy-on-write storm, a child rewriting half the pages its parent
 * filled.  A guest with less than about 112 MB free gets a smaller storm
 * (the size is in the PASS line).
 */
#define TEST "pagefault"
#include "lgtest.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE	4096
#define ROUNDS	4
#define WORDS	(PAGE / 4)

/* Four words of each page carry its number and the round's seed. */
static uint32_t stamp(size_t page, uint32_t seed, int word)
{
	return (page * 2654435761u) ^ seed ^ (word * 0x9e3779b9u);
}

static const int stamp_at[4] = { 0, 1, WORDS / 2, WORDS - 1 };

static void write_page(uint32_t *mem, size_t page, uint32_t seed)
{
	int w;

	for (w = 0; w < 4; w++)
		mem[page * WORDS + stamp_at[w]] = stamp(page, seed, w);
}

/* The first page (from FROM, every STEP) that lacks its stamps, or -1. */
static long bad_page(const uint32_t *mem, size_t from, size_t pages, size_t step, uint32_t seed)
{
	size_t p;
	int w;

	for (p = from; p < pages; p += step)
		for (w = 0; w < 4; w++)
			if (mem[p * WORDS + stamp_at[w]] != stamp(p, seed, w))
				return p;
	return -1;
}

/* Page i of round r: forward, backward, or an odd stride (pages is a power of 2). */
static size_t order(int round, size_t i, size_t pages)
{
	switch (round % 4) {
	case 0:
		return i;
	case 1:
		return pages - 1 - i;
	case 2:
		return (i * 4099) & (pages - 1);
	default:
		return (i * 40503 + 7) & (pages - 1);
	}
}

static uint32_t *map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	EXPECT(p != MAP_FAILED, "mmap of %zu MB: %s", len >> 20, strerror(errno));
	return p;
}

static void storm(size_t pages)
{
	int r;
	size_t i;
	long bad;

	for (r = 0; r < ROUNDS; r++) {
		uint32_t *mem = map(pages * PAGE), seed = 0x51ed0000 + r;

		for (i = 0; i < pages; i++)
			write_page(mem, order(r, i, pages), seed);
		bad = bad_page(mem, 0, pages, 1, seed);
		EXPECT(bad < 0, "round %d: page %ld of %zu lost its contents", r, bad, pages);
		if (r == ROUNDS - 1) {
			/* Dropped pages come back as zero-filled ones. */
			SYS(madvise(mem, pages * PAGE / 2, MADV_DONTNEED));
			for (i = 0; i < pages / 2; i++)
				EXPECT(!mem[i * WORDS] && !mem[i * WORDS + WORDS - 1],
				       "page %zu is not zero after MADV_DONTNEED", i);
			bad = bad_page(mem, pages / 2, pages, 1, seed);
			EXPECT(bad < 0, "MADV_DONTNEED of the first half changed page %ld", bad);
		}
		SYS(munmap(mem, pages * PAGE));
	}
}

/* The child sees the parent's pages, rewrites every other one (one
 * copy-on-write fault each) and checks; the parent's stay as they were.
 */
static void cow(size_t pages)
{
	uint32_t *mem = map(pages * PAGE), seed = 0xc0c0c0c0;
	size_t i;
	pid_t pid;
	int st;

	for (i = 0; i < pages; i++)
		write_page(mem, i, seed);
	pid = SYS(fork());
	if (pid == 0) {
		if (bad_page(mem, 0, pages, 1, seed) >= 0)
			_exit(1);
		for (i = 0; i < pages; i += 2)
			write_page(mem, i, ~seed);
		_exit(bad_page(mem, 0, pages, 2, ~seed) >= 0 || bad_page(mem, 1, pages, 2, seed) >= 0 ? 2 : 0);
	}
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "copy-on-write: the child saw wrong pages (wait status %#x)", st);
	i = bad_page(mem, 0, pages, 1, seed);
	EXPECT((long)i < 0, "copy-on-write: the child's store reached the parent's page %zu", i);
	SYS(munmap(mem, pages * PAGE));
}

int main(void)
{
	long long avail = meminfo("MemAvailable");
	size_t mb = 64, pages;
	long long t0 = now_ns(CLOCK_MONOTONIC);

	EXPECT(avail > 0, "no MemAvailable in /proc/meminfo");
	/* The storm, plus half of it for the copy-on-write, plus 16 MB. */
	while (mb >= 16 && (long long)(mb + mb / 2 + 16) << 20 > avail)
		mb /= 2;
	EXPECT(mb >= 16, "only %lld MB available", avail >> 20);
	pages = (mb << 20) / PAGE;
	storm(pages);
	cow(pages);
	pass("%zu MB x %d rounds (%zu pages each), MADV_DONTNEED, copy-on-write, in %lld ms",
	     mb, ROUNDS, pages, (now_ns(CLOCK_MONOTONIC) - t0) / 1000000);
}
