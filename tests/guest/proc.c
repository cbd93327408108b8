// SPDX-License-Identifier: GPL-2.0
/*
 * Processes (proc.h): creation from the user image, the scheduler, and
 * everything that comes in from ring 3 -- system calls, interrupts and
 * faults.
 */
#include "console.h"
#include "fpu.h"
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "string.h"
#include "timer.h"
#include "uapi.h"
#include "x86.h"

/* The user image (kernel.ld): linked at USER_BASE, loaded at
 * __user_load; its exit stub (user/start.S). */
extern char __user_start[], __user_end[], __user_load[];
extern char u_exit[];

struct proc *current;

static struct proc procs[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((aligned(16)));
static uint8_t fpu_areas[NPROC][FPU_AREA_SIZE]
	__attribute__((aligned(FPU_AREA_ALIGN)));
static struct context *scheduler_ctx;
static uint32_t next_pid = 1, last_run;

/*G:600 Ring 3 needs flat code and data segments of DPL 3, the kernel's
 * to add to the GDT (the lguest host only adds ring 1's). */
void proc_init(void)
{
	if ((uint32_t)__user_start != USER_BASE)
		pv.crash("the user image is not linked at USER_BASE");
	pv.load_gdt_entry(GDT_USER_CS, desc_user_code());
	pv.load_gdt_entry(GDT_USER_DS, desc_user_data());
}

void *proc_ptr(struct proc *p, const void *uva)
{
	return va_to_kernel(p->pgdir, (uint32_t)uva);
}

int proc_map_new(struct proc *p, uint32_t va, uint32_t flags)
{
	void *page = page_zalloc();

	if (!page)
		return 0;
	if (map_page(p->pgdir, va & PAGE_MASK, (uint32_t)page, flags | PTE_U))
		return 1;
	page_free(page);
	return 0;
}

/* A private copy of the user image at USER_BASE, and a stack below
 * USER_STACK_TOP.  Batched: the host hears of it in a few hypercalls. */
static int load_image(struct proc *p)
{
	uint32_t size = __user_end - __user_start, off, va;
	int ok = 1;
	void *page;

	pv.lazy_mmu(1);
	for (off = 0; ok && off < size; off += PAGE_SIZE) {
		page = page_alloc();
		ok = page && map_page(p->pgdir, USER_BASE + off, (uint32_t)page,
				      PTE_U | PTE_W);
		if (ok)
			memcpy(page, __user_load + off, PAGE_SIZE);
	}
	for (va = USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE;
	     ok && va < USER_STACK_TOP; va += PAGE_SIZE)
		ok = proc_map_new(p, va, PTE_W);
	pv.lazy_mmu(0);
	return ok;
}

/*G:620 A new process's kernel stack is made to look like one that was
 * switched out in the middle of returning from a trap: a trap frame that
 * "returns" to ring 3 at the entry point, and under it a context for
 * swtch() whose return address is trap_return (traps.S).  The first
 * switch to it therefore ends in an iret to ring 3, with interrupts on.
 * The user stack holds the argument and, as return address, u_exit, so
 * returning from the entry point exits with its result. */
static void build_stacks(struct proc *p, user_entry_t entry, uint32_t arg)
{
	uint32_t *ustack = proc_ptr(p, (void *)(USER_STACK_TOP - 8));
	struct trap_frame *tf = (struct trap_frame *)p->kstack_top - 1;
	struct context *ctx = (struct context *)tf - 1;

	ustack[0] = (uint32_t)u_exit;
	ustack[1] = arg;
	memset(tf, 0, sizeof(*tf));
	tf->eip = (uint32_t)entry;
	tf->cs = USER_CS;
	tf->eflags = X86_EFLAGS_IF | 0x2;	/* bit 1 is always set */
	tf->esp = USER_STACK_TOP - 8;
	tf->ss = tf->ds = tf->es = USER_DS;
	memset(ctx, 0, sizeof(*ctx));
	ctx->eip = (uint32_t)trap_return;
	p->ctx = ctx;
}

static struct proc *proc_slot(void)
{
	uint32_t i;

	for (i = 0; i < NPROC; i++)
		if (procs[i].state == PROC_UNUSED)
			return &procs[i];
	return NULL;
}

struct proc *proc_new(user_entry_t entry, uint32_t arg)
{
	struct proc *p = proc_slot();
	uint32_t i, *pgdir;

	if (!p)
		return NULL;
	i = p - procs;
	pgdir = p->pgdir ? p->pgdir : pgdir_new();	/* a slot keeps its own */
	if (!pgdir)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->pgdir = pgdir;
	p->kstack_top = (uint32_t)kstacks[i] + KSTACK_SIZE;
	p->fpu = fpu_areas[i];
	if (!load_image(p)) {
		pgdir_free_user(pgdir);
		return NULL;
	}
	build_stacks(p, entry, arg);
	fpu_area_init(p->fpu);
	p->pid = next_pid++;
	p->state = PROC_RUNNABLE;
	return p;
}

void procs_free(void)
{
	uint32_t i;

	for (i = 0; i < NPROC; i++) {
		if (procs[i].state == PROC_UNUSED)
			continue;
		pgdir_free_user(procs[i].pgdir);
		procs[i].state = PROC_UNUSED;
	}
}

/*G:630 Running a process: its kernel stack for traps from ring 3, its
 * TLS descriptors, its page directory, its FPU registers, then the switch.
 * %fs and %gs are cleared first: they may hold the last process's TLS
 * selectors, and a selector whose descriptor changes under it is one the
 * host would have to reload on its next entry.  Back here the kernel's
 * own page directory is loaded again, so no process's user half stays
 * mapped while the tests look at it. */
static void run(struct proc *p)
{
	uint32_t flags = irq_save();

	current = p;
	p->runs++;
	pv.set_kernel_stack(p->trap_stack ? p->trap_stack : p->kstack_top);
	load_fs_gs(0);
	pv.load_tls(p->tls);
	pgdir_load(p->pgdir);
	fpu_restore(p->fpu);
	swtch(&scheduler_ctx, p->ctx);
	fpu_save(p->fpu);
	pgdir_load(kernel_pgdir);
	current = NULL;
	irq_restore(flags);
}

/* Round robin from the one after the last that ran. */
static struct proc *next_runnable(void)
{
	uint32_t i, n;

	for (i = 1; i <= NPROC; i++) {
		n = (last_run + i) % NPROC;
		if (procs[n].state == PROC_RUNNABLE) {
			last_run = n;
			return &procs[n];
		}
	}
	return NULL;
}

/* A process out of time never runs again; its kernel stack is dropped
 * where it stands, which is what it means to be switched out. */
static void time_out(uint32_t max_ticks)
{
	uint32_t i;

	for (i = 0; i < NPROC; i++) {
		if (procs[i].state != PROC_RUNNABLE)
			continue;
		procs[i].state = PROC_EXITED;
		procs[i].exit_status = EXIT_KILLED;
		ksnprintf(procs[i].why, sizeof(procs[i].why),
			  "still running after %u ticks", max_ticks);
	}
}

void procs_run(uint32_t max_ticks)
{
	uint32_t start = timer_ticks();
	struct proc *p;

	while ((p = next_runnable())) {
		if (timer_ticks() - start > max_ticks) {
			time_out(max_ticks);
			break;
		}
		run(p);
	}
}

/* From the current process's kernel stack back to the scheduler. */
static void to_scheduler(void)
{
	uint32_t flags = irq_save();

	swtch(&current->ctx, scheduler_ctx);
	irq_restore(flags);
}

static __noreturn void proc_exit(uint32_t status)
{
	current->exit_status = status;
	current->state = PROC_EXITED;
	to_scheduler();
	pv.crash("an exited process ran again");
}

static int in_demand(uint32_t va)
{
	return va >= USER_DEMAND && va < USER_DEMAND_END;
}

/* SYS_UNMAP: a page of the demand area goes away; the next touch faults. */
static uint32_t sys_unmap(struct proc *p, uint32_t va)
{
	uint32_t *ptep = pte_find(p->pgdir, va);
	uint32_t pte = ptep ? *ptep : 0;

	if (!in_demand(va) || !(pte & PTE_P))
		return SYS_ERROR;
	pte_update(p->pgdir, va & PAGE_MASK, ptep, 0);
	page_free((void *)PTE_FRAME(pte));
	return 0;
}

static uint32_t do_syscall(struct proc *p, struct trap_frame *f)
{
	switch (f->eax) {
	case SYS_EXIT:
		proc_exit(f->ebx);
	case SYS_NULL:
		return 0;
	case SYS_ADD:
		return f->ebx + f->ecx;
	case SYS_YIELD:
		p->yields++;
		to_scheduler();
		return 0;
	case SYS_GETPID:
		return p->pid;
	case SYS_TICKS:
		return timer_ticks();
	case SYS_UNMAP:
		return sys_unmap(p, f->ebx);
	case SYS_CHECK:
		return p->on_check ? p->on_check(p, f->ebx, f->ecx) : SYS_ERROR;
	}
	return SYS_ERROR;
}

/*G:640 System calls arrive through a trap gate, so with interrupts as
 * ring 3 had them: on.  Counted, for the test that swaps in an interrupt
 * gate and wants them off. */
static void syscall(struct proc *p, struct trap_frame *f)
{
	p->syscalls++;
	p->user_eflags = f->eflags;
	if (pv.save_flags() & X86_EFLAGS_IF)
		p->syscalls_irqs_on++;
	f->eax = do_syscall(p, f);
}

/* The kernel's own paging policy: a first touch of the demand area gets
 * a zeroed page.  Everything else is the process's fault. */
static int demand_fault(struct proc *p, const struct trap_frame *f,
			uint32_t cr2)
{
	if (f->vector != X86_TRAP_PF || (f->error & PF_P) || !in_demand(cr2))
		return 0;
	return proc_map_new(p, cr2, PTE_W);
}

static __noreturn void kill(struct proc *p, const struct trap_frame *f,
			    uint32_t cr2)
{
	ksnprintf(p->why, sizeof(p->why),
		  "killed: vector %u (%s) error %x at %x:%x, cr2 %x",
		  f->vector, trap_name(f->vector), f->error, f->cs, f->eip,
		  f->vector == X86_TRAP_PF ? cr2 : 0);
	proc_exit(EXIT_KILLED);
}

static void log_page_fault(struct proc *p, uint32_t cr2, uint32_t error)
{
	if (p->pf_count < PF_LOG) {
		p->pf[p->pf_count].cr2 = cr2;
		p->pf[p->pf_count].error = error;
	}
	p->pf_count++;
}

/* A fault from ring 3: an expected one (exception table), the test's
 * business, demand paging, or the end of the process. */
static void user_exception(struct proc *p, struct trap_frame *f)
{
	uint32_t cr2 = f->vector == X86_TRAP_PF ? pv.fault_address() : 0;

	if (extable_fixup(f))
		return;
	if (f->vector == X86_TRAP_PF)
		log_page_fault(p, cr2, f->error);
	if (p->on_fault && p->on_fault(p, f, cr2))
		return;
	if (!demand_fault(p, f, cr2))
		kill(p, f, cr2);
}

/*G:650 Everything from ring 3 comes here, on the process's own kernel
 * stack.  A timer tick in ring 3 is the end of its turn. */
void user_trap(struct trap_frame *f)
{
	struct proc *p = current;

	if (!p)
		pv.crash("a trap from ring 3 with no process");
	if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + NR_IRQS) {
		handle_irq(f->vector - IRQ_BASE);
		if (f->vector == IRQ_BASE + TIMER_IRQ) {
			p->preempts++;
			to_scheduler();
		}
	} else if (f->vector == SYS_VECTOR) {
		syscall(p, f);
	} else {
		user_exception(p, f);
	}
}
