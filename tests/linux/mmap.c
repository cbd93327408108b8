// SPDX-License-Identifier: GPL-2.0
/*
 * Mappings: anonymous memory (zero-filled, gone after munmap), a file on a
 * tmpfs mapped shared and private (and SIGBUS past its end), mprotect
 * (a write to a read-only page and a read of a PROT_NONE page fault with
 * SEGV_ACCERR), mremap, and memory shared between a parent and its child
 * (MAP_SHARED) or copied on write (MAP_PRIVATE).
 */
#define _GNU_SOURCE
#define TEST "mmap"
#include "lgtest.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define PAGE	4096
#define DIR	"/tmp/mmap-test"

static void *map(size_t len, int prot, int flags, int fd)
{
	void *p = mmap(NULL, len, prot, flags, fd, 0);

	EXPECT(p != MAP_FAILED, "mmap(%zu, prot %d, flags %#x): %s", len, prot, flags, strerror(errno));
	return p;
}

static void fill(uint32_t *p, size_t words, uint32_t seed)
{
	size_t i;

	for (i = 0; i < words; i++)
		p[i] = seed ^ (i * 2654435761u);
}

/* The index of the first word that differs from fill(seed), or -1. */
static long differs(const uint32_t *p, size_t words, uint32_t seed)
{
	size_t i;

	for (i = 0; i < words; i++)
		if (p[i] != (seed ^ (i * 2654435761u)))
			return i;
	return -1;
}

static void anonymous(void)
{
	size_t len = 1 << 20, i;
	uint32_t *p = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	void *q;

	for (i = 0; i < len / 4; i++)
		EXPECT(!p[i], "fresh anonymous memory is not zero at word %zu", i);
	fill(p, len / 4, 0xa5a5a5a5);
	EXPECT(differs(p, len / 4, 0xa5a5a5a5) < 0, "anonymous memory does not keep what was written");

	/* mremap: grow, moving if need be; the contents move along. */
	q = mremap(p, len, 4 * len, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED, "mremap: %s", strerror(errno));
	p = q;
	EXPECT(differs(p, len / 4, 0xa5a5a5a5) < 0, "mremap lost the contents");
	EXPECT(!p[len / 4] && !p[len - 1], "mremap's new pages are not zero");
	SYS(munmap(p, 4 * len));
	EXPECT(probe(probe_read, p) == SIGSEGV && probed()->code == SEGV_MAPERR,
	       "a read after munmap: signal %d code %d, want SIGSEGV SEGV_MAPERR",
	       probed()->sig, probed()->code);
}

/* A 3-page file on a tmpfs, mapped shared and private. */
static void tmpfs_file(void)
{
	size_t len = 3 * PAGE;
	uint32_t buf[3 * PAGE / 4], *shared, *private;
	int fd;

	mkdir(DIR, 0755);
	if (mount("tmpfs", DIR, "tmpfs", 0, "size=4m") < 0)
		fail("mount tmpfs on " DIR ": %s", strerror(errno));
	fd = SYS(open(DIR "/file", O_RDWR | O_CREAT | O_TRUNC, 0644));
	fill(buf, len / 4, 0x12345678);
	EXPECT(write(fd, buf, len) == (ssize_t)len, "write of the file: %s", strerror(errno));

	shared = map(len, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
	private = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
	EXPECT(differs(shared, len / 4, 0x12345678) < 0, "a shared file mapping does not show the file");
	EXPECT(differs(private, len / 4, 0x12345678) < 0, "a private file mapping does not show the file");

	/* Stores through the shared mapping reach the file and the private
	 * mapping's untouched pages; the private copy's stores reach neither.
	 */
	private[0] = 0xdeadbeef;
	shared[1] = 0xfeedface;
	shared[PAGE / 4] = 0xcafef00d;
	SYS(msync(shared, len, MS_SYNC));
	EXPECT(pread(fd, buf, len, 0) == (ssize_t)len, "pread: %s", strerror(errno));
	EXPECT(buf[0] == 0x12345678 && buf[1] == 0xfeedface && buf[PAGE / 4] == 0xcafef00d,
	       "the file after stores through the mappings: %#x %#x %#x", buf[0], buf[1], buf[PAGE / 4]);
	EXPECT(private[0] == 0xdeadbeef && private[1] != 0xfeedface && private[PAGE / 4] == 0xcafef00d,
	       "the private mapping after the stores: %#x %#x %#x",
	       private[0], private[1], private[PAGE / 4]);

	/* write() to the file shows in the shared mapping. */
	EXPECT(pwrite(fd, "\x11\x22\x33\x44", 4, 2 * PAGE) == 4, "pwrite: %s", strerror(errno));
	EXPECT(shared[2 * PAGE / 4] == 0x44332211, "a shared mapping does not show a write(): %#x",
	       shared[2 * PAGE / 4]);

	/* Shrink the file: a touch of the mapping past its end is SIGBUS. */
	SYS(ftruncate(fd, PAGE));
	EXPECT(probe(probe_read, (char *)shared + 2 * PAGE) == SIGBUS,
	       "a read past the end of a mapped file: signal %d, want SIGBUS", probed()->sig);
	SYS(munmap(shared, len));
	SYS(munmap(private, len));
	close(fd);
	unlink(DIR "/file");
	SYS(umount(DIR));
}

static void protections(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);

	p[0] = 1;
	p[PAGE] = 2;
	SYS(mprotect(p, PAGE, PROT_READ));
	EXPECT(probe(probe_write, p + 8) == SIGSEGV,
	       "a write to a read-only page: signal %d, want SIGSEGV", probed()->sig);
	EXPECT(probed()->code == SEGV_ACCERR && probed()->addr == p + 8,
	       "a write to read-only %p: si_code %d si_addr %p, want SEGV_ACCERR", p + 8,
	       probed()->code, probed()->addr);
	EXPECT(p[0] == 1, "a faulting write changed a read-only page");
	EXPECT(probe(probe_write, p + PAGE) == 0, "a write to the next, writable page faulted");

	SYS(mprotect(p, PAGE, PROT_NONE));
	EXPECT(probe(probe_read, p) == SIGSEGV && probed()->code == SEGV_ACCERR,
	       "a read of a PROT_NONE page: signal %d code %d", probed()->sig, probed()->code);
	SYS(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	EXPECT(probe(probe_write, p) == 0 && p[0] == 0x5a, "a write after mprotect(RW) did not happen");
	SYS(munmap(p, 2 * PAGE));
}

/* A child writes shared memory and the parent sees it, and the other way;
 * a private mapping is copied on write, each side seeing its own.
 */
static void fork_sharing(void)
{
	size_t len = 16 * PAGE;
	uint32_t *shared = map(len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1);
	uint32_t *private = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	int go[2], st;
	pid_t pid;
	char c;

	fill(private, len / 4, 1);
	SYS(pipe(go));
	pid = SYS(fork());
	if (pid == 0) {
		int bad = differs(private, len / 4, 1) >= 0;

		fill(shared, len / 4, 2);
		fill(private, len / 4, 3);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		/* The parent wrote the second half of the shared pages. */
		if (differs(shared + len / 8, len / 8, 4) >= 0)
			_exit(3);
		_exit(bad || differs(private, len / 4, 3) >= 0);
	}
	close(go[0]);
	/* Wait for the child's stores: its last one shows. */
	while (shared[len / 4 - 1] != (2 ^ ((len / 4 - 1) * 2654435761u)))
		sched_yield();
	EXPECT(differs(shared, len / 4, 2) < 0, "the parent does not see a child's stores to MAP_SHARED");
	EXPECT(differs(private, len / 4, 1) < 0, "a child's stores to MAP_PRIVATE reached the parent");
	fill(shared + len / 8, len / 8, 4);
	EXPECT(write(go[1], "g", 1) == 1, "write to the child: %s", strerror(errno));
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the child's view of MAP_SHARED/MAP_PRIVATE was wrong (wait status %#x)", st);
	close(go[1]);
	SYS(munmap(shared, len));
	SYS(munmap(private, len));
}

int main(void)
{
	anonymous();
	tmpfs_file();
	protections();
	fork_sharing();
	pass("anonymous, mremap, file on tmpfs (shared, private, SIGBUS), mprotect RO/NONE, "
	     "MAP_SHARED and copy-on-write across fork");
}
