// SPDX-License-Identifier: GPL-2.0
/*
 * A guest that does nothing but null hypercalls, forever: its CPU spends
 * most of its time switching worlds, in the switcher's ring-0 paths, so
 * that what arrives meanwhile (check-mce.sh: machine checks) lands there
 * as often as in the guest.  A minimal Launcher of its own: 16 MB, the
 * loop at the entry point.  Runs until a signal (exit 0) or the guest's
 * death (exit 2, "hcall_loop: guest crashed: <status> <reason>" on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <lguest/abi.h>
#include <lguest/dev.h>
#include <lguest/hcall.h>

#define MEM_SIZE	(16UL << 20)
#define ENTRY		0x100000u

static void on_signal(int sig)
{
	(void)sig;	/* read() returns EINTR */
}

int main(void)
{
	static const unsigned char loop[] = {
		0xb8, LHCALL_SEND_INTERRUPTS, 0, 0, 0,	/* mov $nr, %eax */
		0xcd, LGUEST_HCALL_VECTOR,		/* int $0x1f */
		0xeb, 0xf7,				/* jmp loop */
	};
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	unsigned char *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct lguest_init in = {
		.req = LHREQ_INITIALIZE, .magic = LGUEST_MAGIC,
		.abi_revision = LGUEST_ABI_REVISION, .entry = ENTRY,
		.mem_base = (unsigned long)mem, .mem_size = MEM_SIZE,
		.boot_params = 0x1000,
	};
	char buf[LGUEST_EVENT_MAX];
	const struct lguest_event *ev = (const struct lguest_event *)buf;
	int fd = open(LGUEST_DEVICE, O_RDWR);

	if (mem == MAP_FAILED || fd < 0) {
		perror("hcall_loop: mmap or open");
		return 1;
	}
	memcpy(mem + ENTRY, loop, sizeof(loop));
	if (write(fd, &in, sizeof(in)) != sizeof(in)) {
		perror("hcall_loop: initialize");
		return 1;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	printf("hcall_loop: running\n");
	fflush(stdout);
	for (;;) {
		if (read(fd, buf, sizeof(buf)) < (ssize_t)sizeof(*ev)) {
			if (errno == EINTR)
				return 0;
			perror("hcall_loop: read");
			return 1;
		}
		if (ev->kind != LGUEST_EV_CONSOLE) {
			fprintf(stderr, "hcall_loop: guest crashed: %u %.*s\n", ev->status,
				(int)ev->len, ev->data);
			return 2;
		}
	}
}
