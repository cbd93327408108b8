// SPDX-License-Identifier: GPL-2.0
/*
 * A guest is bound to the address space it was initialized in (D:120):
 * a Launcher that exec()s keeps the open /dev/lguest file but gets a new
 * address space, where the guest's memory means something else.  Its next
 * read() must report the guest killed with LGUEST_KILL_WRONG_MM, never run
 * the guest there.
 *
 * Run without arguments, this program checks that read() works in its own
 * address space, leaves a live guest (lguest_data pinned, a clock event
 * armed, stopped after a console write) on a file without O_CLOEXEC, and
 * exec()s itself with "after-exec FD BASE"; the new image maps fresh memory
 * at the old guest's base, reads the inherited file, and then checks the
 * module still runs a new guest.  Prints "PASS dev.<name>" /
 * "FAIL dev.<name>: why" like lgdev_test.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <lguest/abi.h>
#include <lguest/dev.h>
#include <lguest/hcall.h>

#define MiB		(1024UL * 1024)
#define MEM_SIZE	(16 * MiB)
#define ENTRY		0x100000u
#define MSG		0x100100u	/* where the console text goes */
#define DATA		0x2000u		/* struct lguest_data */
#define AFTER_EXEC	"after-exec"
#define OLD_TEXT	"exec-test: old address space\n"
#define NEW_TEXT	"exec-test: NEW address space\n"

static int failures;

static void result(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("PASS dev.%s\n", name);
	} else {
		printf("FAIL dev.%s: %s\n", name, why);
		failures++;
	}
	fflush(stdout);		/* exec() would throw buffered lines away */
}

static void *guest_mem(void *where)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (where ? MAP_FIXED_NOREPLACE : 0);
	void *mem = mmap(where, MEM_SIZE, PROT_READ | PROT_WRITE, flags, -1, 0);

	return mem == MAP_FAILED ? NULL : mem;
}

/* The tiniest guest: ud2 at the entry point (zeroed boot params). */
static void put_ud2(unsigned char *mem)
{
	memcpy(mem + ENTRY, "\x0f\x0b", 2);
}

/* mov $a1, %ebx; mov $a2, %ecx; mov $nr, %eax; int $0x1f */
static unsigned char *put_hcall(unsigned char *p, uint32_t nr, uint32_t a1, uint32_t a2)
{
	*p++ = 0xbb; memcpy(p, &a1, 4); p += 4;
	*p++ = 0xb9; memcpy(p, &a2, 4); p += 4;
	*p++ = 0xb8; memcpy(p, &nr, 4); p += 4;
	*p++ = 0xcd; *p++ = LGUEST_HCALL_VECTOR;
	return p;
}

/* A guest that writes text to its console, then runs into ud2 -- or,
 * with loop set, jumps back to write it again.  With live set it first
 * gives the host more to keep across an exec(): its lguest_data page
 * (pinned by the host) and a clock event 1 ms away (an hrtimer that wakes
 * the task; the guest keeps interrupts virtually off, so it is never
 * delivered). */
static void put_console_guest(unsigned char *mem, const char *text, int loop, int live)
{
	unsigned char *p = mem + ENTRY;

	if (live) {
		p = put_hcall(p, LHCALL_INIT, DATA, 0);
		p = put_hcall(p, LHCALL_SET_CLOCKEVENT, 1000000, 0);
	}
	p = put_hcall(p, LHCALL_CONSOLE_WRITE, MSG, strlen(text));
	if (loop) {
		*p++ = 0xeb;				/* jmp ENTRY */
		*p = (unsigned char)(mem + ENTRY - (p + 1));
	} else {
		memcpy(p, "\x0f\x0b", 2);		/* ud2 */
	}
	memcpy(mem + MSG, text, strlen(text));
}

/* Open and initialize a guest on mem; -1 (and a FAIL line) on error. */
static int new_guest(const char *name, void *mem)
{
	struct lguest_init in = {
		.req = LHREQ_INITIALIZE, .magic = LGUEST_MAGIC,
		.abi_revision = LGUEST_ABI_REVISION, .entry = ENTRY,
		.mem_base = (unsigned long)mem, .mem_size = MEM_SIZE,
		.boot_params = 0x1000,
	};
	char why[128];
	int fd = open(LGUEST_DEVICE, O_RDWR);	/* no O_CLOEXEC: exec keeps it */

	if (fd < 0 || write(fd, &in, sizeof(in)) != sizeof(in)) {
		snprintf(why, sizeof(why), "%s: %s", fd < 0 ? "open" : "initialize",
			 strerror(errno));
		result(name, 0, why);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* One read(); describes what came back in why.  Returns the event, or
 * NULL if read() failed. */
static const struct lguest_event *run(int fd, char *buf, char *why, size_t whylen)
{
	const struct lguest_event *ev = (const struct lguest_event *)buf;
	ssize_t n = read(fd, buf, LGUEST_EVENT_MAX);

	if (n < (ssize_t)sizeof(*ev)) {
		snprintf(why, whylen, "read returned %zd (%s)", n,
			 n < 0 ? strerror(errno) : "short");
		return NULL;
	}
	snprintf(why, whylen, "event kind %u status %u: %.*s", ev->kind, ev->status,
		 (int)(ev->len < 200 ? ev->len : 200), ev->data);
	return ev;
}

static int crashed_with(const struct lguest_event *ev, uint32_t code)
{
	return ev && ev->kind == LGUEST_EV_CRASH && ev->status == code;
}

/* A fresh guest in this address space runs and dies on its ud2. */
static void check_runs(const char *name)
{
	char buf[LGUEST_EVENT_MAX], why[LGUEST_EVENT_MAX];
	unsigned char *mem = guest_mem(NULL);
	int fd;

	if (!mem) {
		result(name, 0, "mmap of guest memory failed");
		return;
	}
	put_ud2(mem);
	fd = new_guest(name, mem);
	if (fd < 0)
		return;
	result(name, crashed_with(run(fd, buf, why, sizeof(why)),
				  LGUEST_KILL_UNHANDLED_TRAP), why);
	close(fd);
	munmap(mem, MEM_SIZE);
}

/* Before: a guest that is mid-run (console event read, its ud2 next),
 * left open across exec(). */
static int before_exec(void)
{
	char buf[LGUEST_EVENT_MAX], why[LGUEST_EVENT_MAX], fdarg[16], basearg[32];
	const struct lguest_event *ev;
	unsigned char *mem;
	int fd;

	check_runs("exec-read-before");
	mem = guest_mem(NULL);
	if (!mem) {
		result("exec-bound", 0, "mmap of guest memory failed");
		return 1;
	}
	put_console_guest(mem, OLD_TEXT, 0, 1);
	fd = new_guest("exec-bound", mem);
	if (fd < 0)
		return 1;
	ev = run(fd, buf, why, sizeof(why));
	result("exec-console-before",
	       ev && ev->kind == LGUEST_EV_CONSOLE && ev->len == strlen(OLD_TEXT) &&
	       !memcmp(ev->data, OLD_TEXT, ev->len), why);
	snprintf(fdarg, sizeof(fdarg), "%d", fd);
	snprintf(basearg, sizeof(basearg), "%#lx", (unsigned long)mem);
	execl("/proc/self/exe", "exec_test", AFTER_EXEC, fdarg, basearg, (char *)NULL);
	snprintf(why, sizeof(why), "exec: %s", strerror(errno));
	result("exec-bound", 0, why);
	return 1;
}

static void on_alarm(int sig)
{
	(void)sig;	/* only to make a stuck read() return EINTR */
}

/* After: the same task, a new address space, with memory of its own at
 * the old guest's base so that a host which ran the guest here would run
 * the new program (NEW_TEXT) instead of dying for want of memory. */
static int after_exec(int fd, unsigned long base)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	struct lguest_irq_req irq = { LHREQ_IRQ, 0 };
	char buf[LGUEST_EVENT_MAX], why[LGUEST_EVENT_MAX + 64];
	const struct lguest_event *ev;
	unsigned char *mem = guest_mem((void *)base);
	int err;

	if (mem)
		put_console_guest(mem, NEW_TEXT, 1, 0);
	else
		printf("  exec_test: could not map the old base %#lx again (%s)\n",
		       base, strerror(errno));
	sigaction(SIGALRM, &sa, NULL);
	alarm(10);
	ev = run(fd, buf, why, sizeof(why));
	alarm(0);
	if (ev && ev->kind == LGUEST_EV_CONSOLE && memmem(ev->data, ev->len, "NEW", 3))
		strcat(why, " (the guest ran in the new address space)");
	result("exec-bound", crashed_with(ev, LGUEST_KILL_WRONG_MM), why);

	ev = run(fd, buf, why, sizeof(why));	/* a dead guest stays dead */
	result("exec-stays-dead", crashed_with(ev, LGUEST_KILL_WRONG_MM), why);

	err = write(fd, &irq, sizeof(irq)) < 0 ? errno : 0;
	snprintf(why, sizeof(why), "IRQ request from the new address space: %s",
		 err ? strerror(err) : "accepted");
	result("exec-irq-refused", err == EPERM, why);

	close(fd);	/* frees the old guest and what it pinned, from here */
	check_runs("exec-host-intact");
	return failures != 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], AFTER_EXEC))
		return after_exec(atoi(argv[2]), strtoul(argv[3], NULL, 0));
	return before_exec();
}
