/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processes: ring-3 programs from the user image (user/), each with its
 * own page directory, kernel stack, TLS descriptors and FPU state.  The
 * tests create them, run them all to the end with procs_run(), read what
 * happened, and release them with procs_free().
 *
 * Scheduling is round robin: a process runs until it makes SYS_YIELD,
 * exits, dies, or a timer tick arrives while it is in ring 3.
 */
#ifndef GUEST_PROC_H
#define GUEST_PROC_H

#include <stdint.h>
#include "segments.h"
#include "traps.h"

#define NPROC		4
#define KSTACK_SIZE	8192
#define PF_LOG		8

/* A ring-3 entry point: a function of the user image, called with one
 * argument; what it returns is its exit status. */
typedef uint32_t (*user_entry_t)(uint32_t arg);

enum proc_state { PROC_UNUSED, PROC_RUNNABLE, PROC_EXITED };

/* The registers swtch() keeps (switch.S), lowest address first. */
struct context {
	uint32_t edi, esi, ebx, ebp, eip;
};

struct pf_record {
	uint32_t cr2, error;
};

struct proc {
	uint32_t pid;
	enum proc_state state;
	uint32_t exit_status;		/* EXIT_KILLED: see why */
	char why[96];
	uint32_t *pgdir;		/* kept from one process to the next */
	struct context *ctx;		/* its kernel stack, while switched out */
	uint32_t kstack_top;
	struct desc tls[TLS_ENTRIES];	/* loaded whenever it runs */
	void *fpu;			/* FPU_AREA_SIZE, saved while out */

	/* What the tests look at. */
	uint32_t syscalls, syscalls_irqs_on, yields, preempts, runs;
	uint32_t user_eflags;		/* at its last system call */
	struct pf_record pf[PF_LOG];	/* the first page faults it took */
	uint32_t pf_count;

	/*
	 * Test hooks.  on_fault sees every exception the exception table
	 * does not handle (cr2: the fault address of a #PF), before the
	 * kernel's own demand paging; it returns 1 if it dealt with it.
	 * on_check answers SYS_CHECK.
	 */
	int (*on_fault)(struct proc *p, struct trap_frame *f, uint32_t cr2);
	uint32_t (*on_check)(struct proc *p, uint32_t a, uint32_t b);
	void *data;			/* the test's own */
	uint32_t trap_stack;		/* not 0: the kernel stack to give the
					 * host instead of its own (a test) */
};

extern struct proc *current;	/* the process on the CPU, or NULL */

void proc_init(void);		/* the ring-3 segments */
struct proc *proc_new(user_entry_t entry, uint32_t arg);
void procs_run(uint32_t max_ticks);
void procs_free(void);
void user_trap(struct trap_frame *f);	/* every trap from ring 3 */

/* The kernel's view of a process's copy of user object uva, or NULL. */
void *proc_ptr(struct proc *p, const void *uva);

/* Map a zeroed page at va (in USER_DEMAND) with flags; 0 on failure. */
int proc_map_new(struct proc *p, uint32_t va, uint32_t flags);

void swtch(struct context **save, struct context *load);	/* switch.S */

#endif /* GUEST_PROC_H */
