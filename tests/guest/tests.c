// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kernel tests.  The basic ones always run; "test=NAME" words on
 * the command line add hostile-guest checks of the hypervisor.  Each test
 * prints exactly one PASS or FAIL line (or SKIP where the platform cannot
 * run it); tests_run() ends with "GUEST-DONE passed=N failed=M".
 */
#include <lguest/abi.h>
#include <lguest/hcall.h>
#include "console.h"
#include "lguest.h"
#include "platform.h"
#include "string.h"
#include "tests.h"
#include "timer.h"
#include "traps.h"
#include "x86.h"

/* Fault sites and segment probes (probes.S). */
void probe_ud2(void), probe_divide(void);
void probe_sysenter(void), probe_syscall(void);
extern char probe_ud2_site[], probe_divide_site[];
extern char probe_sysenter_site[], probe_syscall_site[];
uint32_t seg_try_ds(uint32_t sel), seg_try_ss(uint32_t sel);
uint32_t seg_try_ljmp(uint32_t sel);
extern char seg_ds_site[], seg_ss_site[], seg_ljmp_site[];
extern char seg_resume[], seg_ljmp_resume[];
extern char probe_int_table[];		/* 256 x "int $n; ret; nop" */
uint32_t probe_read(uint32_t addr);
void probe_singlestep(void);
extern char probe_singlestep_site[];
extern char probe_read_site[];
extern char __kernel_end[];
#define SEG_LANDED	0x444e414cu	/* what seg_land returns */

#define BAD_HCALL	9999u
#define BENCH_ROUNDS	1000u

static uint32_t passed, failed;

static void test_ok(const char *name)
{
	passed++;
	kprintf("PASS %s\n", name);
}

/* One result line: "PASS name (detail)" or "FAIL name: why". */
static void result(int ok, const char *name, const char *fmt, va_list ap)
{
	char text[160];

	kvsnprintf(text, sizeof(text), fmt, ap);
	if (ok)
		passed++;
	else
		failed++;
	kprintf(ok ? "PASS %s (%s)\n" : "FAIL %s: %s\n", name, text);
}

__printf(2, 3) void test_pass(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(1, name, fmt, ap);
	va_end(ap);
}

__printf(2, 3) void test_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(0, name, fmt, ap);
	va_end(ap);
}

static void test_cpl(void)
{
	uint32_t cpl = read_cs() & 3, want = pv.kernel_cs & 3;

	if (cpl == want)
		test_ok("cpl");
	else
		test_fail("cpl", "running at cpl %u, expected %u", cpl, want);
}

/*
 * Run probe, which faults at site with an instruction of len bytes; the
 * handler resumes after it.  PASS if the fault came from site with one
 * of the vectors in want (a bit mask).
 */
static void fault_test(const char *name, void (*probe)(void),
		       const char *site, uint32_t len, uint32_t want)
{
	struct fault_info fi;

	fault_expect((uint32_t)site + len);
	probe();
	if (!fault_taken(&fi))
		test_fail(name, "no fault");
	else if (fi.vector >= 32 || !(want & (1u << fi.vector)))
		test_fail(name, "vector %u (%s)", fi.vector, trap_name(fi.vector));
	else if (fi.eip != (uint32_t)site)
		test_fail(name, "fault at %x, expected %x", fi.eip,
			  (uint32_t)site);
	else
		test_pass(name, "vector %u %s", fi.vector, trap_name(fi.vector));
}

static void test_ud(void)
{
	fault_test("ud", probe_ud2, probe_ud2_site, 2, 1u << X86_TRAP_UD);
}

static void test_de(void)
{
	fault_test("de", probe_divide, probe_divide_site, 2, 1u << X86_TRAP_DE);
}

/* Halt until ten ticks have come, giving up after ~2 s or 1000 halts. */
static void test_timer(void)
{
	uint64_t t0 = rdtsc(), limit = (uint64_t)pv.tsc_khz * 2000;
	uint32_t start = timer_ticks(), halts = 0, n, flags;

	flags = pv.save_flags();
	irq_enable();
	while (timer_ticks() - start < 10 && halts < 1000 &&
	       (!limit || rdtsc() - t0 < limit)) {
		halt();
		halts++;
	}
	n = timer_ticks() - start;
	if (n < 10)
		test_fail("timer", "%u ticks in %u halts", n, halts);
	else if (!(pv.save_flags() & X86_EFLAGS_IF))
		test_fail("timer", "interrupts off after returning from one");
	else if (timer_ticks_with_irqs_on())
		test_fail("timer", "%u ticks ran with interrupts on",
			  timer_ticks_with_irqs_on());
	else
		test_pass("timer", "%u ticks in %u halts", n, halts);
	irq_restore(flags);
}

/* A register-heavy sum: the same with and without interrupts. */
struct work {
	uint32_t x, y;
};

static void irq_work(struct work *w, uint32_t rounds, int toggle)
{
	uint32_t x = w->x, y = w->y, flags = 0;

	while (rounds--) {
		if (toggle)
			flags = irq_save();
		x = x * 1103515245u + 12345u;
		y += x >> 16;
		if (toggle)
			irq_restore(flags);
	}
	w->x = x;
	w->y = y;
}

/*
 * Interrupts at arbitrary points: toggle the IF in a tight loop (every
 * enable may find an interrupt pending) until 20 ticks have come, then
 * redo the same work with interrupts off and compare.
 */
static void test_irqs(void)
{
	uint64_t t0 = rdtsc(), limit = (uint64_t)pv.tsc_khz * 2000;
	uint32_t start = timer_ticks(), rounds = 0, n;
	struct work on = { 1, 0 }, off = { 1, 0 };

	irq_enable();
	while (timer_ticks() - start < 20 && rounds < 100000000u &&
	       (!limit || rdtsc() - t0 < limit)) {
		irq_work(&on, 1000, 1);
		rounds += 1000;
	}
	n = timer_ticks() - start;
	irq_disable();
	irq_work(&off, rounds, 0);
	irq_enable();
	if (n < 20)
		test_fail("irqs", "%u ticks in %u rounds", n, rounds);
	else if (on.x != off.x || on.y != off.y)
		test_fail("irqs", "sum %x/%x with interrupts, %x/%x without",
			  on.x, on.y, off.x, off.y);
	else
		test_pass("irqs", "%u ticks, %u rounds", n, rounds);
}

/*G:410 The FPU and SSE registers belong to the guest: fill them with a
 * pattern unique to this boot, let the host run whatever it likes for 30
 * ticks (other guests, the Launcher, its own interrupts), and check that
 * nothing changed.  Two guests running this at once on one host CPU show
 * that neither sees the other's state.  The kernel itself is compiled
 * without FPU or SSE, so nothing else touches these registers. */
static void test_fpu(void)
{
	uint32_t seed = (uint32_t)rdtsc() | 1, want[32], got[32], i, start, halts = 0;
	uint16_t fcw = 0x037f ^ (seed & 0x0c00), fcw_got;	/* rounding mode */
	uint32_t mxcsr = 0x1f80 | (seed & 0x6000), mxcsr_got;
	uint32_t flags;

	for (i = 0; i < 32; i++)
		want[i] = seed * (i + 1) * 2654435761u;
	fpu_set_control(fcw, mxcsr);
	load_xmm0_7(want);
	flags = irq_save();
	irq_enable();
	start = timer_ticks();
	while (timer_ticks() - start < 30 && halts++ < 3000)
		halt();
	irq_restore(flags);
	store_xmm0_7(got);
	fpu_get_control(&fcw_got, &mxcsr_got);
	for (i = 0; i < 32 && want[i] == got[i]; i++)
		;
	if (i < 32)
		test_fail("fpu", "xmm word %u is %x, expected %x", i, got[i], want[i]);
	else if (fcw_got != fcw || mxcsr_got != mxcsr)
		test_fail("fpu", "fcw %x mxcsr %x, expected %x %x", fcw_got,
			  mxcsr_got, fcw, mxcsr);
	else
		test_pass("fpu", "xmm0-7, fcw and mxcsr kept over %u ticks",
			  timer_ticks() - start);
}

/* Single-step: with TF set the CPU traps #DB after one instruction; the
 * host reflects it (and resets DR6 for itself).  The fixup clears TF. */
static void test_singlestep(void)
{
	struct fault_info fi = { 0, 0, 0, 0 };
	uint32_t after = (uint32_t)probe_singlestep_site + 1;

	fault_expect(after);
	probe_singlestep();
	if (!fault_taken(&fi) || fi.vector != 1 || fi.eip != after)
		test_fail("singlestep", "vector %u at %x, expected 1 at %x",
			  fi.vector, fi.eip, after);
	else
		test_pass("singlestep", "vector 1 #DB after one instruction");
}

/* SYSENTER_CS is 0 (the host zeroes it; reset value natively): #GP, or #UD
 * on AMD in long mode. */
static void test_sysenter(void)
{
	fault_test("sysenter", probe_sysenter, probe_sysenter_site, 2,
		   1u << X86_TRAP_GP | 1u << X86_TRAP_UD);
}

/* EFER.SCE is clear (the host clears it; 32-bit mode natively): #UD. */
static void test_syscall(void)
{
	fault_test("syscall", probe_syscall, probe_syscall_site, 2,
		   1u << X86_TRAP_UD);
}

/*G:400 Segment loads.  Only the kernel's own code and data segments may load
 * into CS and SS.  DS may also take the null selector and DPL-3 segments
 * (the CPU allows them at any ring and they grant nothing new).  Anything
 * else must fault with #GP, #NP or #SS; a far jump that lands on a segment
 * not ours is a hypervisor bug, even more so a 64-bit one.
 */
enum seg_op { SEG_DS, SEG_SS, SEG_CS };

static const char *const seg_op_name[] = { "mov to ds", "mov to ss", "ljmp" };

struct seg_result {
	uint32_t tried, faulted, allowed, bad;
	char first_bad[64];
};

static int seg_own(uint32_t sel)
{
	uint32_t index = sel >> 3;

	return index && (index == (uint32_t)pv.kernel_cs >> 3 ||
			 index == (uint32_t)pv.kernel_ds >> 3);
}

static int seg_may_load(enum seg_op op, uint32_t sel)
{
	uint32_t ar;

	if (seg_own(sel))
		return 1;
	if (op != SEG_DS)
		return 0;
	if ((sel >> 3) == 0)
		return 1;
	return lar(sel, &ar) && ((ar >> 13) & 3) == 3;
}

__printf(2, 3) static void seg_bad(struct seg_result *r, const char *fmt, ...)
{
	char msg[64];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("segments: %s\n", msg);
	if (!r->bad++)
		memcpy(r->first_bad, msg, sizeof(msg));
}

/* One load attempt; returns the probe's result, fills fi if it faulted. */
static uint32_t seg_probe(enum seg_op op, uint32_t sel, struct fault_info *fi,
			  int *faulted)
{
	uint32_t ret;

	if (op == SEG_DS) {
		fault_expect((uint32_t)seg_resume);
		ret = seg_try_ds(sel);
	} else if (op == SEG_SS) {
		fault_expect((uint32_t)seg_resume);
		ret = seg_try_ss(sel);
	} else {
		fault_expect((uint32_t)seg_ljmp_resume);
		ret = seg_try_ljmp(sel);
	}
	*faulted = fault_taken(fi);
	return ret;
}

static void seg_attempt(struct seg_result *r, enum seg_op op, uint32_t sel)
{
	static const char *const sites[] = { seg_ds_site, seg_ss_site,
					     seg_ljmp_site };
	struct fault_info fi;
	uint32_t ret;
	int faulted;

	r->tried++;
	ret = seg_probe(op, sel, &fi, &faulted);
	if (faulted) {
		r->faulted++;
		if (fi.eip != (uint32_t)sites[op])
			seg_bad(r, "%s %x: landed, then faulted at %x:%x",
				seg_op_name[op], sel, fi.cs, fi.eip);
		else if (fi.vector != X86_TRAP_GP && fi.vector != X86_TRAP_NP &&
			 fi.vector != X86_TRAP_SS)
			seg_bad(r, "%s %x: vector %u", seg_op_name[op], sel,
				fi.vector);
	} else if (op == SEG_CS && ret != SEG_LANDED) {
		seg_bad(r, "ljmp %x: came back without landing", sel);
	} else if (seg_may_load(op, sel)) {
		r->allowed++;
	} else {
		seg_bad(r, "%s %x succeeded", seg_op_name[op], sel);
	}
}

static void test_segments(void)
{
	static const uint32_t host_code[] = { 0x10, 0x08, 0x23, 0x33 };
	struct seg_result r;
	uint32_t index, rpl, i, op, flags, nindex = on_lguest() ? 32 : 8;

	memset(&r, 0, sizeof(r));
	flags = irq_save();
	for (index = 0; index < nindex; index++)
		for (rpl = 0; rpl < 4; rpl++)
			for (op = SEG_DS; op <= SEG_CS; op++)
				seg_attempt(&r, op, index << 3 | rpl);
	for (i = 0; i < sizeof(host_code) / sizeof(host_code[0]); i++)
		seg_attempt(&r, SEG_CS, host_code[i]);
	irq_restore(flags);
	kprintf("segments: %u loads tried, %u faulted, %u allowed\n",
		r.tried, r.faulted, r.allowed);
	if (r.bad)
		test_fail("segments", "%u unexpected, first: %s", r.bad,
			  r.first_bad);
	else
		test_pass("segments", "%u tried, %u faulted", r.tried, r.faulted);
}

/* The host must kill a guest that faults with no gate for the vector. */
static void test_unhandled(void)
{
	kprintf("unhandled: #UD gate removed, ud2 next: this should be the end\n");
	idt_clear_gate(X86_TRAP_UD);
	probe_ud2();
	idt_set_gate(X86_TRAP_UD, trap_stubs[X86_TRAP_UD]);
	test_fail("unhandled", "ud2 with no #UD gate came back");
}

static void test_crash(void)
{
	pv.crash("deliberate crash from test");
}

/*G:420 Descriptors the host must refuse or survive.  Each of these ends
 * with the host killing the guest with a reason; returning is a FAIL. */
#define GDT_SCRATCH	20		/* a guest GDT slot the kernel leaves free */
#define SCRATCH_SEL	((GDT_SCRATCH << 3) | 1)
#define FLAT_LO		0x0000ffffu
#define DATA_HI		0x00cfb300u	/* flat data, DPL1, present */
#define CODE64_HI	0x00afbb00u	/* L=1: 64-bit code */
#define CALLGATE_HI	0x0000ec00u	/* a 32-bit call gate, DPL3 */

static int hostile_start(const char *name)
{
	if (on_lguest())
		return 1;
	kprintf("SKIP %s: needs the lguest host\n", name);
	return 0;
}

static void gdt_entry_test(const char *name, uint32_t index, uint32_t hi)
{
	uint32_t ret;

	if (!hostile_start(name))
		return;
	ret = hcall(LHCALL_LOAD_GDT_ENTRY, index, FLAT_LO, hi, 0);
	test_fail(name, "the host accepted GDT entry %08x (returned %x)", hi, ret);
}

static void test_gdt64(void)
{
	gdt_entry_test("gdt64", GDT_SCRATCH, CODE64_HI);
}

static void test_callgate(void)
{
	gdt_entry_test("callgate", GDT_SCRATCH, CALLGATE_HI);
}

/* Hold a selector in %fs, then make its descriptor not present: the host's
 * next entry faults loading %fs, inside the switcher at ring 0. */
static void test_stalesel(void)
{
	if (!hostile_start("stalesel"))
		return;
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI, 0);
	load_fs_gs(SCRATCH_SEL);
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI & ~0x8000u, 0);
	load_fs_gs(0);
	test_fail("stalesel", "the guest ran on with a stale %%fs");
}

/* An IDT gate whose selector names a data segment: reflecting #UD through
 * it makes the switcher's iretq fault at ring 0. */
static void test_badgate(void)
{
	if (!hostile_start("badgate"))
		return;
	hcall(LHCALL_LOAD_GDT_ENTRY, GDT_SCRATCH, FLAT_LO, DATA_HI, 0);
	hcall(LHCALL_LOAD_IDT_ENTRY, X86_TRAP_UD,
	      (SCRATCH_SEL << 16) | ((uint32_t)probe_ud2 & 0xffff),
	      ((uint32_t)probe_ud2 & 0xffff0000) | 0x8e00, 0);
	probe_ud2();
	test_fail("badgate", "a #UD through a data-segment gate came back");
}

/*G:430 Invariant 4 from inside: "int n" from ring 1 reaches a gate only
 * for #BP and #OF (traps: eip after the instruction) -- the hypercall and
 * system call vectors are tested elsewhere.  Every other vector is a #GP
 * naming the IDT entry, reflected like any fault.  The CPU's error code
 * is n*8+2; QEMU's TCG pushes n*16+2 for a 64-bit IDT, so both count. */
static int softint_ok(uint32_t n, const struct fault_info *fi, uint32_t site)
{
	if (n == X86_TRAP_BP || n == X86_TRAP_OF)
		return fi->vector == n && fi->eip == site + 2;
	return fi->vector == X86_TRAP_GP && fi->eip == site &&
	       (fi->error == n * 8 + 2 || fi->error == n * 16 + 2);
}

static void test_softint(void)
{
	struct fault_info fi = { 0, 0, 0, 0 };
	uint32_t n, tried = 0;

	if (!hostile_start("softint"))
		return;
	for (n = 0; n < 256; n++) {
		uint32_t site = (uint32_t)probe_int_table + 4 * n;

		if (n == LGUEST_HCALL_VECTOR || n == LGUEST_SYSCALL_VECTOR)
			continue;
		fault_expect(site + 2);
		((void (*)(void))site)();
		tried++;
		if (!fault_taken(&fi) || !softint_ok(n, &fi, site)) {
			test_fail("softint", "int $%u: vector %u error %x eip %x", n,
				  fi.vector, fi.error, fi.eip);
			return;
		}
	}
	test_pass("softint", "%u vectors: #GP naming the gate, #BP and #OF delivered", tried);
}

/* The end of the highest usable RAM range: where guest memory stops. */
static uint32_t ram_end(void)
{
	uint64_t end = 0;
	uint32_t i;

	for (i = 0; i < boot_info.nr_e820; i++)
		if (boot_info.e820[i].type == 1 &&
		    boot_info.e820[i].start + boot_info.e820[i].size > end)
			end = boot_info.e820[i].start + boot_info.e820[i].size;
	return end > 0xfffff000u ? 0xfffff000u : (uint32_t)end;
}

static uint32_t page_pattern(uint32_t addr)
{
	return addr ^ 0x5a5aa5a5u;
}

/*G:440 All of memory is ours: write a pattern at both ends of every page
 * of usable RAM above the kernel, then read it all back.  Under lguest
 * every first touch is a page the host must map on demand. */
static void test_memory(void)
{
	uint32_t i, addr, pages = 0;

	for (i = 0; i < boot_info.nr_e820; i++) {
		const struct boot_e820 *e = &boot_info.e820[i];
		uint32_t start = (uint32_t)__kernel_end, end;

		if (e->type != 1 || e->start + e->size <= start)
			continue;
		if (e->start > start)
			start = e->start;
		start = (start + 4095) & ~4095u;
		end = e->start + e->size > 0xfffff000u ? 0xfffff000u :
		      (uint32_t)(e->start + e->size);
		for (addr = start; addr + 4096 <= end; addr += 4096, pages++) {
			*(volatile uint32_t *)addr = page_pattern(addr);
			*(volatile uint32_t *)(addr + 4092) = ~page_pattern(addr);
		}
		for (addr = start; addr + 4096 <= end; addr += 4096)
			if (*(volatile uint32_t *)addr != page_pattern(addr) ||
			    *(volatile uint32_t *)(addr + 4092) != ~page_pattern(addr)) {
				test_fail("memory", "page %x lost its pattern", addr);
				return;
			}
	}
	if (pages < 256)
		test_fail("memory", "only %u free pages found", pages);
	else
		test_pass("memory", "%u pages written and read back", pages);
}

/* One byte past the end of memory: a #PF the host reflects, with the
 * address in lguest_data.cr2 (the guest cannot read CR2 in ring 1). */
static void test_beyond(void)
{
	struct fault_info fi = { 0, 0, 0, 0 };
	uint32_t end = ram_end();

	if (!hostile_start("beyond"))
		return;
	fault_expect((uint32_t)probe_read_site + 2);
	probe_read(end);
	if (!fault_taken(&fi) || fi.vector != X86_TRAP_PF)
		test_fail("beyond", "reading %x: vector %u, expected #PF", end, fi.vector);
	else if (fi.eip != (uint32_t)probe_read_site || pv.fault_address() != end)
		test_fail("beyond", "#PF at %x for %x, expected at %x for %x", fi.eip,
			  pv.fault_address(), (uint32_t)probe_read_site, end);
	else
		test_pass("beyond", "#PF for %x, error code %x", end, fi.error);
}

/*G:450 Flags the CPU does not clear on a trap: DF and AC (and NT, which
 * popf sets at any ring).  Run ticks and hypercalls with all three set: a
 * host that let DF or AC through to its own C code would copy memory
 * backwards or run without SMAP.  DF and AC are the guest's and must
 * still be set afterwards. */
#define X86_EFLAGS_NT	0x4000u

static void test_flags(void)
{
	uint32_t start, halts = 0, kept, flags = irq_save();
	const uint32_t set = X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_NT;
	const char msg[] = "flags: DF, AC and NT set across 20 ticks\n";

	irq_enable();
	write_eflags(read_eflags() | set);
	start = timer_ticks();
	while (timer_ticks() - start < 20 && halts++ < 2000) {
		pv.console_write(msg, sizeof(msg) - 1);
		halt();
	}
	kept = read_eflags();
	write_eflags(kept & ~set);
	irq_restore(flags);
	if (timer_ticks() - start < 20)
		test_fail("flags", "%u ticks", timer_ticks() - start);
	else if ((kept & (X86_EFLAGS_DF | X86_EFLAGS_AC)) != (X86_EFLAGS_DF | X86_EFLAGS_AC))
		test_fail("flags", "eflags %x: DF or AC lost", kept);
	else
		test_pass("flags", "the host carried on, DF and AC kept");
}

static void test_badhcall(void)
{
	uint32_t ret;

	if (!on_lguest()) {
		kprintf("SKIP badhcall: no hypercalls natively\n");
		return;
	}
	ret = hcall(BAD_HCALL, 0, 0, 0, 0);
	test_fail("badhcall", "hypercall %u returned %x", BAD_HCALL, ret);
}

/* Sleep forever with interrupts on: only a signal to the Launcher ends it. */
/* Run forever without halting, so the CPU stays in the guest world (the
 * host's NMI test injects NMIs meanwhile). */
static void test_busy(void)
{
	volatile uint32_t n = 0;

	kprintf("busy: looping forever\n");
	irq_enable();
	for (;;)
		n++;
}

static void test_spin(void)
{
	kprintf("spin: halting forever\n");
	irq_enable();
	for (;;)
		halt();
}

/* The null hypercall round trip, with interrupts off so none is delivered. */
static void test_bench(void)
{
	uint64_t t0, sum = 0;
	uint32_t i, d, min = ~0u, flags;

	if (!on_lguest()) {
		kprintf("BENCH hcall_cycles=n/a\n");
		return;
	}
	flags = irq_save();
	for (i = 0; i < BENCH_ROUNDS; i++) {
		t0 = rdtsc();
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
		d = (uint32_t)(rdtsc() - t0);
		sum += d;
		if (d < min)
			min = d;
	}
	irq_restore(flags);
	kprintf("BENCH hcall_cycles=%llu min=%u rounds=%u\n",
		div64_32(sum, BENCH_ROUNDS, NULL), min, BENCH_ROUNDS);
	test_ok("bench");
}

struct test {
	const char *name;
	void (*run)(void);
};

static const struct test basic_tests[] = {
	{ "cpl", test_cpl },
	{ "ud", test_ud },
	{ "de", test_de },
	{ "timer", test_timer },
};

static const struct test named_tests[] = {
	{ "sysenter", test_sysenter },
	{ "syscall", test_syscall },
	{ "segments", test_segments },
	{ "unhandled", test_unhandled },
	{ "crash", test_crash },
	{ "badhcall", test_badhcall },
	{ "spin", test_spin },
	{ "busy", test_busy },
	{ "bench", test_bench },
	{ "irqs", test_irqs },
	{ "fpu", test_fpu },
	{ "gdt64", test_gdt64 },
	{ "callgate", test_callgate },
	{ "stalesel", test_stalesel },
	{ "badgate", test_badgate },
	{ "softint", test_softint },
	{ "singlestep", test_singlestep },
	{ "memory", test_memory },
	{ "flags", test_flags },
	{ "beyond", test_beyond },
	{ "avx-leak", test_avx_leak },
	{ "avx-keep", test_avx_keep },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void run_named(const char *name)
{
	uint32_t i;

	if (!strcmp(name, "all-hostile")) {
		test_sysenter();
		test_syscall();
		test_segments();
		test_softint();
		test_singlestep();
		return;
	}
	for (i = 0; i < ARRAY_SIZE(named_tests); i++)
		if (!strcmp(name, named_tests[i].name)) {
			named_tests[i].run();
			return;
		}
	for (i = 0; i < ARRAY_SIZE(basic_tests); i++)
		if (!strcmp(name, basic_tests[i].name)) {
			basic_tests[i].run();
			return;
		}
	test_fail(name, "unknown test");
}

/* Every "test=NAME" word, in order. */
static void run_cmdline_tests(const char *p)
{
	char name[32];
	uint32_t n;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, "test=", 5)) {
			p += 5;
			for (n = 0; p[n] && p[n] != ' ' && n < sizeof(name) - 1; n++)
				name[n] = p[n];
			name[n] = '\0';
			run_named(name);
		}
		while (*p && *p != ' ')
			p++;
	}
}

uint32_t tests_run(const char *cmdline)
{
	uint32_t i;

	for (i = 0; i < ARRAY_SIZE(basic_tests); i++)
		basic_tests[i].run();
	run_cmdline_tests(cmdline);
	kprintf("GUEST-DONE passed=%u failed=%u\n", passed, failed);
	return failed;
}
