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

enum lguest_event_kind {
	LGUEST_EV_CONSOLE = 1,	/* data: bytes the guest wrote */
	LGUEST_EV_SHUTDOWN = 2,	/* status: exit status; flags: restart */
	LGUEST_EV_CRASH = 3,	/* data: one line saying why it died */
};

#define LGUEST_EV_RESTART	1

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
