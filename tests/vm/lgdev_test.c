// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile Launcher: feeds /dev/lguest every malformed request we can
 * think of and checks each is refused with the right errno, and that a
 * guest can only be run by the task that made it.  Runs inside the test
 * VM with lg.ko loaded, console input requests too (LHREQ_CONSOLE_INPUT).
 * Prints "PASS dev.<name>" / "FAIL dev.<name>: why".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
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

/* A console input request in buf: header saying len, then data bytes of
 * 'x' (len and data differ in the malformed ones).  Returns its size. */
static size_t input_req(char *buf, uint32_t len, size_t data)
{
	struct lguest_console_input hdr = { LHREQ_CONSOLE_INPUT, len };

	memcpy(buf, &hdr, sizeof(hdr));
	memset(buf + sizeof(hdr), 'x', data);
	return sizeof(hdr) + data;
}

/* A write that must succeed and return exactly the request's size. */
static void expect_whole(const char *name, int fd, const void *req, size_t len)
{
	char why[160];
	ssize_t n = write(fd, req, len);

	snprintf(why, sizeof(why), "write of %zu bytes returned %zd (%s)", len, n,
		 n < 0 ? strerror(errno) : "no error");
	result(name, n == (ssize_t)len, why);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The buffer is full: a blocking write waits until a signal ends it. */
static void input_waits(int fd, const char *req, size_t len)
{
	struct itimerval it = { { 0, 0 }, { 0, 300000 } };
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	struct timespec t0;
	char why[160];
	ssize_t n;
	long ms;

	sigaction(SIGALRM, &sa, &old);		/* no SA_RESTART: EINTR */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	setitimer(ITIMER_REAL, &it, NULL);
	n = write(fd, req, len);
	ms = ms_since(&t0);
	sigaction(SIGALRM, &old, NULL);
	snprintf(why, sizeof(why), "write returned %zd (%s) after %ld ms; wanted EINTR after 300",
		 n, n < 0 ? strerror(errno) : "no error", ms);
	result("console_full_waits", n < 0 && errno == EINTR && ms >= 250, why);
}

/*
 * Console input, on a guest that never runs: exact sizes, at most
 * LGUEST_CONSOLE_INPUT_MAX bytes, the guest's own address space only;
 * requests taken whole until LGUEST_CONSOLE_INPUT_BUFFER bytes wait, then
 * EAGAIN (O_NONBLOCK) or a wait.
 */
static void console_input(void *mem, size_t size)
{
	char req[2 * LGUEST_CONSOLE_INPUT_MAX];
	struct lguest_init in = good_init(mem, size);
	int fd = open_dev(), status, i, filled;
	long page = sysconf(_SC_PAGESIZE);
	char *two;
	pid_t child;

	expect_write("console_before_init", fd, req, input_req(req, 4, 4), ENOENT);
	expect_write("console_init", fd, &in, sizeof(in), 0);
	expect_write("console_short", fd, req, 6, EINVAL);
	expect_write("console_too_long", fd, req,
		     input_req(req, LGUEST_CONSOLE_INPUT_MAX + 1, LGUEST_CONSOLE_INPUT_MAX + 1), EINVAL);
	expect_write("console_len_more", fd, req, input_req(req, 10, 5), EINVAL);
	expect_write("console_len_less", fd, req, input_req(req, 5, 10), EINVAL);
	expect_write("console_len_huge", fd, req, input_req(req, 0xffffffffu, 4), EINVAL);
	/* The header at the end of a page, its data in a page we unmapped. */
	two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	input_req(two + page - 8, 16, 0);
	munmap(two + page, page);
	expect_write("console_bad_data", fd, two + page - 8, 24, EFAULT);
	munmap(two, page);
	child = fork();
	if (child == 0)
		_exit(write(fd, req, input_req(req, 4, 4)) < 0 && errno == EPERM ? 0 : 1);
	waitpid(child, &status, 0);
	result("console_other_task", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "another address space could type into the guest");
	expect_whole("console_empty", fd, req, input_req(req, 0, 0));
	filled = 1;
	for (i = 0; i < LGUEST_CONSOLE_INPUT_BUFFER / LGUEST_CONSOLE_INPUT_MAX; i++) {
		size_t n = input_req(req, LGUEST_CONSOLE_INPUT_MAX, LGUEST_CONSOLE_INPUT_MAX);

		filled &= write(fd, req, n) == (ssize_t)n;
	}
	result("console_fill", filled, "the buffer took less than LGUEST_CONSOLE_INPUT_BUFFER bytes");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	expect_write("console_full_nonblock", fd, req, input_req(req, 1, 1), EAGAIN);
	fcntl(fd, F_SETFL, 0);
	input_waits(fd, req, input_req(req, 1, 1));
	close(fd);	/* freeing a guest with input waiting */
}

struct blocked_writer {
	int fd;
	volatile int done;
	ssize_t ret;
	int err;
};

static void *write_one_byte(void *arg)
{
	struct blocked_writer *w = arg;
	char req[16];

	w->ret = write(w->fd, req, input_req(req, 1, 1));
	w->err = errno;
	w->done = 1;
	return NULL;
}

/* A writer waiting for room when the guest dies gives up with EPIPE. */
static void writer_sees_death(struct blocked_writer *w, pthread_t thread, int was_blocked)
{
	struct timespec until;
	char why[160];
	int joined;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	joined = pthread_timedjoin_np(thread, NULL, &until) == 0;
	snprintf(why, sizeof(why), "blocked before: %d; after the guest died: %s, write %zd (%s)",
		 was_blocked, joined ? "returned" : "still waiting after 5 s", w->ret,
		 strerror(w->err));
	result("console_waiter_woken", was_blocked && joined && w->ret < 0 && w->err == EPIPE, why);
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
	struct blocked_writer w = { .ret = 0 };
	char req[2 * LGUEST_CONSOLE_INPUT_MAX];
	int fd = open_dev(), i, blocked;
	pthread_t thread;
	ssize_t n;

	expect_write("init_then_unmap", fd, &in, sizeof(in), 0);
	/* A full input buffer and a Launcher thread waiting for room. */
	for (i = 0; i < LGUEST_CONSOLE_INPUT_BUFFER / LGUEST_CONSOLE_INPUT_MAX; i++)
		if (write(fd, req, input_req(req, LGUEST_CONSOLE_INPUT_MAX,
					     LGUEST_CONSOLE_INPUT_MAX)) < 0)
			perror("console input");
	w.fd = fd;
	pthread_create(&thread, NULL, write_one_byte, &w);
	usleep(200000);
	blocked = !w.done;
	munmap(mem, size);
	n = read(fd, buf, sizeof(buf));
	snprintf(why, sizeof(why), "read returned %zd (%s), kind %u: %.*s", n,
		 n < 0 ? strerror(errno) : "ok", n > 0 ? ev->kind : 0,
		 n > 0 ? (int)ev->len : 0, n > 0 ? ev->data : "");
	result("unmapped_memory_kills_guest",
	       n > 0 && ev->kind == LGUEST_EV_CRASH &&
	       memmem(ev->data, ev->len, "no longer mapped", 16), why);
	writer_sees_death(&w, thread, blocked);
	expect_write("console_after_death", fd, req, input_req(req, 1, 1), EPIPE);
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
	console_input(mem, size);
	unmapped_memory(size);
	return failures != 0;
}
