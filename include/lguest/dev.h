/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /dev/lguest interface.  One open file is one guest.
 *
 * write(): a request; the first 32-bit word says which.
 * read():  run the guest until the Launcher must act; returns one
 *          struct lguest_event (the buffer must hold LGUEST_EVENT_MAX).
 *
 * The module's revision is also readable, before any request, in
 * /sys/module/lg/parameters/abi_revision.
 */
#ifndef LGUEST_DEV_H
#define LGUEST_DEV_H

#include "types.h"

#define LGUEST_DEVICE	"/dev/lguest"

enum lguest_req {
	LHREQ_INITIALIZE = 1,	/* struct lguest_init */
	LHREQ_IRQ = 2,		/* struct lguest_irq_req */
	LHREQ_CONSOLE_INPUT = 3,	/* struct lguest_console_input + data */
};

/*
 * Guest memory is [mem_base, mem_base + mem_size) of the Launcher's
 * address space, page aligned, readable and writable; guest-physical
 * address p is Launcher address mem_base + p.
 */
struct lguest_init {
	uint32_t req;		/* LHREQ_INITIALIZE */
	uint32_t magic;		/* LGUEST_MAGIC */
	uint32_t abi_revision;	/* LGUEST_ABI_REVISION */
	uint32_t entry;		/* guest-physical entry point */
	uint64_t mem_base;
	uint64_t mem_size;	/* bytes */
	uint32_t boot_params;	/* guest-physical, page aligned */
	uint32_t flags;		/* must be 0 */
};

LGUEST_STATIC_ASSERT(sizeof(struct lguest_init) == 40, "init layout");

struct lguest_irq_req {
	uint32_t req;		/* LHREQ_IRQ */
	uint32_t irq;		/* < LGUEST_IRQS */
};

/*
 * Console input for the guest: write() the header and exactly `len`
 * bytes after it (len <= LGUEST_CONSOLE_INPUT_MAX; 0 is allowed and does
 * nothing).  The host queues them, in order, in a per-guest buffer of
 * LGUEST_CONSOLE_INPUT_BUFFER bytes that the guest drains with
 * LHCALL_CONSOLE_READ, and raises LGUEST_CONSOLE_IRQ.  A request is taken
 * whole or not at all: write() returns the whole request size
 * (sizeof(struct lguest_console_input) + len) once all len bytes are
 * queued.  While the buffer lacks room for them write() waits for the
 * guest to read (EINTR if a signal comes first), or fails with EAGAIN on
 * a file opened O_NONBLOCK.  Errors: ENOENT before LHREQ_INITIALIZE,
 * EINVAL for a bad length or a write whose size is not header + len,
 * EPERM from another address space, EFAULT, and EPIPE once the guest has
 * stopped.
 */
#define LGUEST_CONSOLE_INPUT_MAX	256	/* bytes per request */
#define LGUEST_CONSOLE_INPUT_BUFFER	1024	/* bytes the host holds */

struct lguest_console_input {
	uint32_t req;		/* LHREQ_CONSOLE_INPUT */
	uint32_t len;		/* bytes of data[] that follow */
	char data[];
};

LGUEST_STATIC_ASSERT(sizeof(struct lguest_console_input) == 8, "console input layout");

enum lguest_event_kind {
	LGUEST_EV_CONSOLE = 1,	/* data: bytes the guest wrote */
	LGUEST_EV_SHUTDOWN = 2,	/* status: exit status; flags: restart */
	LGUEST_EV_CRASH = 3,	/* status: enum lguest_kill; data: one line why */
};

#define LGUEST_EV_RESTART	1

/*
 * Why the host killed a guest: LGUEST_EV_CRASH carries one of these codes
 * in `status`, beside the one-line text in data[], so programs (and tests)
 * match codes, never wording.  LGUEST_KILL_REASONS(X) expands X(name,
 * number, "short-name") once per code.
 */
#define LGUEST_KILL_REASONS(X)						\
	X(GUEST_CRASH, 1, "guest-crash")	/* the guest's LHCALL_CRASH */ \
	X(BAD_HCALL, 2, "bad-hypercall")	/* unknown call, bad argument */ \
	X(UNHANDLED_TRAP, 3, "unhandled-trap")	/* no guest handler for it */ \
	X(BAD_MEMORY, 4, "bad-memory")		/* guest memory unreachable */ \
	X(BAD_DESCRIPTOR, 5, "bad-descriptor")	/* GDT, IDT or TLS entry */ \
	X(SWITCHER_FAULT, 6, "switcher-fault")	/* loading guest state faulted */ \
	X(BAD_PAGETABLE, 7, "bad-pagetable")	/* guest page table refused */ \
	X(BAD_STACK, 8, "bad-stack")		/* a trap frame cannot be pushed */ \
	X(MACHINE_CHECK, 9, "machine-check")	/* while the guest ran */ \
	X(DOUBLE_FAULT, 10, "double-fault") \
	X(NO_MEMORY, 11, "out-of-memory")	/* host memory for the guest */ \
	X(UNEXPECTED_VECTOR, 12, "unexpected-vector") \
	X(WRONG_MM, 13, "wrong-address-space")	/* run from another mm */

#define LGUEST_KILL_ENUM(name, nr, str) LGUEST_KILL_##name = nr,
enum lguest_kill { LGUEST_KILL_REASONS(LGUEST_KILL_ENUM) };
#undef LGUEST_KILL_ENUM

struct lguest_event {
	uint32_t kind;		/* enum lguest_event_kind */
	uint32_t status;
	uint32_t flags;
	uint32_t len;		/* bytes of data[] that follow */
	char data[];
};

#define LGUEST_EVENT_DATA_MAX	1024
#define LGUEST_EVENT_MAX	(sizeof(struct lguest_event) + LGUEST_EVENT_DATA_MAX)

LGUEST_STATIC_ASSERT(sizeof(struct lguest_event) == 16, "event layout");

#endif /* LGUEST_DEV_H */
