// SPDX-License-Identifier: GPL-2.0
/*
 * The userhostile group: ring-3 code doing what ring 3 must not.  Every
 * probe faults into the guest kernel (never the host, never a hang) with
 * the fault a real CPU would raise, and the process carries on after it.
 * The programs (user/hostile.c) ask after each probe with SYS_CHECK; the
 * answers are judged here, from the record the exception table left.
 */
#include <lguest/abi.h>
#include "console.h"
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "string.h"
#include "tests.h"
#include "traps.h"
#include "uapi.h"
#include "user/progs.h"
#include "x86.h"

#define VECTOR_BIT(v)	(1u << (v))

static const char *const priv_names[] = {
#define PRIV_NAME(name, insn) #name,
	PRIV_PROBES(PRIV_NAME)
#undef PRIV_NAME
};

/* The checks a program asked for, and the first that went wrong. */
struct tally {
	uint32_t checked, bad, kaddr;
	char first[96];
};

__printf(2, 3) static void tally_bad(struct tally *t, const char *fmt, ...)
{
	va_list ap;

	if (t->bad++)
		return;
	va_start(ap, fmt);
	kvsnprintf(t->first, sizeof(t->first), fmt, ap);
	va_end(ap);
}

/* A fault (not a trap: reported at the instruction) with one of the
 * vectors in want and, if it is a #GP, error code err. */
static int fault_is(const struct fault_info *fi, uint32_t want, uint32_t err)
{
	if (fi->vector >= 32 || !(want & VECTOR_BIT(fi->vector)))
		return 0;
	if (fi->vector == X86_TRAP_GP && fi->error != err)
		return 0;
	return fi->eip != fi->fixup;
}

static void check_priv(struct tally *t, uint32_t n, int faulted,
		       const struct fault_info *fi)
{
	const char *name = n < PRIV_COUNT ? priv_names[n] : "?";

	if (!faulted)
		tally_bad(t, "%s ran in ring 3", name);
	else if (!fault_is(fi, VECTOR_BIT(X86_TRAP_GP), 0))
		tally_bad(t, "%s: vector %u error %x", name, fi->vector, fi->error);
}

/*G:800 SYSENTER and SYSCALL from ring 3.  SYSENTER with SYSENTER_CS 0
 * raises what sysenter_faults() says (#GP(0), or #UD on AMD in long
 * mode).  SYSCALL is #UD without EFER.SCE everywhere (and on Intel
 * outside 64-bit mode anyway): the host clears EFER.SCE while the guest
 * runs, since on AMD a SYSCALL from compatibility mode would land in the
 * host's kernel. */
static void check_fastcall(struct tally *t, uint32_t n, int faulted,
			   const struct fault_info *fi)
{
	uint32_t want = n ? VECTOR_BIT(X86_TRAP_UD) : sysenter_faults();

	if (!faulted)
		tally_bad(t, "%s ran in ring 3", n ? "syscall" : "sysenter");
	else if (!fault_is(fi, want, 0))
		tally_bad(t, "%s: vector %u error %x", n ? "syscall" : "sysenter",
			  fi->vector, fi->error);
}

static void check_softint(struct tally *t, uint32_t n, int faulted,
			  const struct fault_info *fi)
{
	if (!faulted || !softint_ok(n, fi))
		tally_bad(t, "int $%u: %s vector %u error %x", n,
			  faulted ? "" : "no fault,", fi->vector, fi->error);
}

/* Natively a DPL-3 segment may load into a data segment register from
 * ring 3 (and grants nothing); the kernel can tell with lar. */
static int dpl3(uint32_t sel)
{
	uint32_t ar;

	return lar(sel, &ar) && (ar & X86_DESC_P) &&
	       ((ar & X86_DESC_DPL_MASK) >> X86_DESC_DPL_SHIFT) == 3;
}

/*G:810 Kernel selectors from ring 3: the guest kernel's (ring 1 under
 * lguest) and the host's.  A far jump to any of them must fault, above
 * all to the host's 64-bit code segment; a data segment register may
 * only take a DPL-3 segment; the stack segment none of them.  The fault
 * names the selector: #GP or #NP with error code sel & ~3. */
static void check_selector(struct tally *t, uint32_t n, int faulted,
			   const struct fault_info *fi)
{
	static const char *const ops[SEL_OPS] = { "ds", "es", "fs", "gs", "ss",
						  "ljmp" };
	uint32_t op = (n >> 16) & 0xff, sel = n & 0xffff, res = n >> 24;
	uint32_t want = VECTOR_BIT(X86_TRAP_GP) | VECTOR_BIT(X86_TRAP_NP);

	if (op == SEL_SS)
		want |= VECTOR_BIT(X86_TRAP_SS);
	if (op >= SEL_OPS)
		tally_bad(t, "selector probe %x?", n);
	else if (res)
		tally_bad(t, "ljmp %x from ring 3 landed", sel);
	else if (!faulted && (op >= SEL_SS || !dpl3(sel)))
		tally_bad(t, "%s %x loaded in ring 3", ops[op], sel);
	else if (faulted && (fi->vector >= 32 || !(want & VECTOR_BIT(fi->vector)) ||
			     fi->error != (sel & ~3u) || fi->eip == fi->fixup))
		tally_bad(t, "%s %x: vector %u error %x", ops[op], sel,
			  fi->vector, fi->error);
}

/* Kernel memory from ring 3: a #PF for a present supervisor page, for
 * exactly the address touched. */
static void check_kmem(struct tally *t, uint32_t n, int faulted,
		       const struct fault_info *fi)
{
	uint32_t addr = t->kaddr + (n >= 2 ? KERNEL_ALIAS : 0);
	uint32_t err = PF_P | PF_U | ((n & 1) ? PF_W : 0);

	if (!faulted)
		tally_bad(t, "%s %x worked in ring 3", n & 1 ? "write" : "read", addr);
	else if (fi->vector != X86_TRAP_PF || fi->error != err || fi->cr2 != addr)
		tally_bad(t, "%s %x: vector %u error %x cr2 %x, expected #PF %x",
			  n & 1 ? "write" : "read", addr, fi->vector, fi->error,
			  fi->cr2, err);
}

/* popf at CPL 3 changes neither IOPL nor IF (CPL > IOPL), silently. */
static void check_eflags(struct tally *t, uint32_t eflags, int faulted)
{
	if (faulted)
		tally_bad(t, "popf faulted");
	else if ((eflags & X86_EFLAGS_IOPL) || !(eflags & X86_EFLAGS_IF))
		tally_bad(t, "popf in ring 3 left eflags %x", eflags);
}

/* SYS_CHECK from a hostile program: judge the fault of its last probe. */
static uint32_t hostile_check(struct proc *p, uint32_t what, uint32_t n)
{
	struct tally *t = p->data;
	struct fault_info fi = { 0, 0, 0, 0, 0, 0 };
	int faulted = fault_taken(&fi);

	fault_clear();
	t->checked++;
	if (what == CHECK_PRIV)
		check_priv(t, n, faulted, &fi);
	else if (what == CHECK_FASTCALL)
		check_fastcall(t, n, faulted, &fi);
	else if (what == CHECK_SOFTINT)
		check_softint(t, n, faulted, &fi);
	else if (what == CHECK_SELECTOR)
		check_selector(t, n, faulted, &fi);
	else if (what == KMEM_CHECK)
		check_kmem(t, n, faulted, &fi);
	else if (what == CHECK_EFLAGS)
		check_eflags(t, p->user_eflags, faulted);
	else
		tally_bad(t, "unknown check %u", what);
	return 0;
}

/* Run one hostile program; PASS if it made `checks` checks, all good. */
static void run_hostile(const char *name, user_entry_t entry, uint32_t arg,
			uint32_t checks, struct tally *t)
{
	struct proc *p = new_proc(name, entry, arg);

	if (!p)
		return;
	p->on_check = hostile_check;
	p->data = t;
	fault_clear();
	procs_run(USER_TICKS);
	if (!exited_with(name, p, 0))
		;
	else if (t->bad)
		report_fail(name, "%u of %u wrong, first: %s", t->bad, t->checked,
			    t->first);
	else if (t->checked != checks)
		report_fail(name, "%u checks, expected %u", t->checked, checks);
	else
		report_pass(name, "%u probes, each as a CPU would have it", checks);
	procs_free();
}

/* cli, hlt, CR and DR moves, descriptor tables, MSRs, ports: #GP(0),
 * after a popf that tried to get IOPL 3. */
void test_user_priv(void)
{
	struct tally t = { 0, 0, 0, "" };

	run_hostile("user_priv", u_priv, 0, PRIV_COUNT + 1, &t);
}

void test_user_fastcall(void)
{
	struct tally t = { 0, 0, 0, "" };

	run_hostile("user_fastcall", u_fastcall, 0, 2, &t);
}

/* int $n for every n but 0x80: #GP naming the gate, but #BP and #OF,
 * whose gates are DPL 3 (as in Linux). */
void test_user_softint(void)
{
	struct tally t = { 0, 0, 0, "" };

	run_hostile("user_softint", u_softint, 0, 255, &t);
}

void test_user_selectors(void)
{
	struct tally t = { 0, 0, 0, "" };

	run_hostile("user_selectors", u_selectors, 0, 6 * SEL_OPS, &t);
}

/* A word of kernel data, at its own address and in the kernel half. */
void test_user_kmem(void)
{
	static uint32_t secret = 0x5ec7e7;
	struct tally t = { 0, 0, (uint32_t)&secret, "" };

	run_hostile("user_kmem", u_kmem, t.kaddr, KMEM_PROBES, &t);
	if (secret != 0x5ec7e7)
		report_fail("user_kmem", "ring 3 changed kernel data");
}

/*G:820 A kernel stack the host cannot write: the trap frame of anything
 * from ring 3 (the first tick, the first system call) has nowhere to go.
 * The host must kill the guest with bad-stack -- whether its in-world
 * path for int $0x80 or its full exit found out -- and neither hang nor
 * write the frame anywhere else. */
void test_badstack(void)
{
	struct proc *p;

	if (!lguest_only("badstack"))
		return;
	p = new_proc("badstack", u_ring3, 0);
	if (!p)
		return;
	p->trap_stack = ram_top + 2 * PAGE_SIZE;	/* nothing maps it */
	procs_run(USER_TICKS);
	report_fail("badstack", "ring 3 ran with its kernel stack at %x, past "
		    "memory, and the guest lived (%s)", p->trap_stack,
		    p->why[0] ? p->why : "no trap");
	procs_free();
}
