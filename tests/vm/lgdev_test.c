// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile Launcher: feeds /dev/lguest every malformed request we can
 * think of and checks each is refused with the right errno, and that a
 * guest can only be run by the task that made it.  Runs inside the test
 * VM with lg.ko loaded.  Prints "PASS dev.<name>" / "FAIL dev.<name>: why".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <lguest/abi.h>
#include <lguest/dev.h>

#define MiB (1024UL * 1024)

static int failures;

static void result(const char *name, int ok, const char *why)
{
	if (ok)
		printf("PASS dev.%s\n", name);
	else {
		printf("FAIL dev.%s: %s\n", name, why);
		failures++;
	}
}

/* Expect write() of req to fail with errno want (0: expect success). */
static void expect_write(const char *name, int fd, const void *req, size_t len, int want)
{
	char why[160];
	ssize_t n = write(fd, req, len);
	int got = n < 0 ? errno : 0;

	snprintf(why, sizeof(why), "write returned %zd, errno %s; wanted %s",
		 n, got ? strerror(got) : "none", want ? strerror(want) : "success");
	result(name, got == want, why);
}

static int open_dev(void)
{
	int fd = open(LGUEST_DEVICE, O_RDWR);

	if (fd < 0) {
		printf("FAIL dev.open: %s\n", strerror(errno));
		exit(1);
	}
	return fd;
}

static struct lguest_init good_init(void *mem, size_t size)
{
	struct lguest_init in = {
		.req = LHREQ_INITIALIZE, .magic = LGUEST_MAGIC,
		.abi_revision = LGUEST_ABI_REVISION, .entry = 0x100000,
		.mem_base = (unsigned long)mem, .mem_size = size,
		.boot_params = 0x1000,
	};
	return in;
}

/* Each bad field on a fresh file: the module must refuse it. */
static void bad_initializes(void *mem, size_t size)
{
	static const struct {
		const char *name;
		int err;
	} cases[] = {
		{ "init_bad_magic", EINVAL }, { "init_bad_revision", EPROTO },
		{ "init_flags", EINVAL }, { "init_unaligned_base", EINVAL },
		{ "init_too_small", EINVAL }, { "init_too_large", EINVAL },
		{ "init_entry_outside", EINVAL }, { "init_boot_outside", EINVAL },
		{ "init_kernel_address", EFAULT }, { "init_unmapped", EFAULT },
		{ "init_wraps", EINVAL }, { "init_readonly", EFAULT },
	};
	void *hole = mmap(NULL, 16 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *ro = mmap(NULL, 16 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(hole, 16 * MiB);		/* a range we certainly do not own */
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lguest_init in = good_init(mem, size);
		int fd = open_dev();

		switch (i) {
		case 0: in.magic ^= 1; break;
		case 1: in.abi_revision++; break;
		case 2: in.flags = 1; break;
		case 3: in.mem_base += 8; break;
		case 4: in.mem_size = (LGUEST_MIN_MEM_MB - 1) * MiB; break;
		case 5: in.mem_size = (LGUEST_MAX_MEM_MB + 1) * MiB; break;
		case 6: in.entry = size; break;
		case 7: in.boot_params = size; break;
		case 8: in.mem_base = 0xffff888000000000UL; break;
		case 9: in.mem_base = (unsigned long)hole; in.mem_size = 16 * MiB; break;
		case 10: in.mem_base = ~0UL & ~0xfffUL; break;
		case 11: in.mem_base = (unsigned long)ro; in.mem_size = 16 * MiB; break;
		}
		expect_write(cases[i].name, fd, &in, sizeof(in), cases[i].err);
		close(fd);
	}
}

static void short_and_unknown(void)
{
	int fd = open_dev();
	unsigned int req = 99;
	char buf[LGUEST_EVENT_MAX];

	expect_write("unknown_request", fd, &req, sizeof(req), EINVAL);
	expect_write("short_request", fd, &req, 2, EINVAL);
	result("read_before_init", read(fd, buf, sizeof(buf)) < 0 && errno == ENOENT,
	       "read before initialize did not fail with ENOENT");
	close(fd);
}

/* A valid guest whose only instruction is a jump to itself: it must never
 * run for anyone but its creator. */
static void ownership(void *mem, size_t size)
{
	struct lguest_init in = good_init(mem, size);
	struct lguest_irq_req irq = { LHREQ_IRQ, LGUEST_IRQS };
	char buf[LGUEST_EVENT_MAX];
	int fd = open_dev(), status;
	pid_t child;

	((unsigned char *)mem)[0x100000] = 0xeb;	/* jmp . */
	((unsigned char *)mem)[0x100001] = 0xfe;
	expect_write("init_ok", fd, &in, sizeof(in), 0);
	expect_write("init_twice", fd, &in, sizeof(in), EBUSY);
	expect_write("irq_out_of_range", fd, &irq, sizeof(irq), EINVAL);
	result("read_small_buffer", read(fd, buf, 8) < 0 && errno == EINVAL,
	       "a read too small for an event was not refused");
	child = fork();
	if (child == 0)
		_exit(read(fd, buf, sizeof(buf)) < 0 && errno == EPERM ? 0 : 1);
	waitpid(child, &status, 0);
	result("read_other_task", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "another task could run the guest");
	close(fd);	/* freeing a never-run guest */
}

/* The Launcher pulls guest memory away after initializing: the guest must
 * die with a reason the moment it touches it, and the host carry on. */
static void unmapped_memory(size_t size)
{
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct lguest_init in = good_init(mem, size);
	char buf[LGUEST_EVENT_MAX], why[LGUEST_EVENT_MAX + 64];
	struct lguest_event *ev = (struct lguest_event *)buf;
	int fd = open_dev();
	ssize_t n;

	expect_write("init_then_unmap", fd, &in, sizeof(in), 0);
	munmap(mem, size);
	n = read(fd, buf, sizeof(buf));
	snprintf(why, sizeof(why), "read returned %zd (%s), kind %u: %.*s", n,
		 n < 0 ? strerror(errno) : "ok", n > 0 ? ev->kind : 0,
		 n > 0 ? (int)ev->len : 0, n > 0 ? ev->data : "");
	result("unmapped_memory_kills_guest",
	       n > 0 && ev->kind == LGUEST_EV_CRASH &&
	       memmem(ev->data, ev->len, "no longer mapped", 16), why);
	close(fd);
}

int main(void)
{
	size_t size = 16 * MiB;
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	bad_initializes(mem, size);
	short_and_unknown();
	ownership(mem, size);
	unmapped_memory(size);
	return failures != 0;
}
