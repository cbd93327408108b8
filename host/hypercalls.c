// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls: "int $0x1f" from ring 1, or queued in the async ring.
 * One table row per call: the check of its arguments and its action.
 * The check runs first and alone; the action sees trusted values only.
 */
#include "lg.h"
#include <linux/timekeeping.h>
#include <asm/tsc.h>

struct hcall {
	u32 nr, a1, a2, a3;
};

/* A check returns NULL if the call may go ahead, else why the guest dies. */
typedef const char *(*hcall_check_t)(const struct lg_vcpu *v, const struct hcall *h);
/* An action returns what the guest finds in %eax. */
typedef u32 (*hcall_action_t)(struct lg_vcpu *v, const struct hcall *h);

struct hcall_row {
	hcall_check_t check;
	hcall_action_t action;
	bool async;		/* may be queued in the async ring */
};

static bool gpa_page_ok(const struct lguest *g, u32 gpa)
{
	return !(gpa & ~PAGE_MASK) && lg_gpa_ok(g, gpa, PAGE_SIZE);
}

/*H:200 The checks: the one place where hypercall arguments are judged. */
static const char *check_none(const struct lg_vcpu *v, const struct hcall *h)
{
	return NULL;
}

static const char *check_init(const struct lg_vcpu *v, const struct hcall *h)
{
	if (v->lg->lguest_data)
		return "LHCALL_INIT twice";
	if ((h->a1 & 7) || !lg_gpa_ok(v->lg, h->a1, sizeof(struct lguest_data)))
		return "lguest_data outside guest memory or misaligned";
	if ((h->a1 & ~PAGE_MASK) + sizeof(struct lguest_data) > PAGE_SIZE)
		return "lguest_data crosses a page boundary";
	return NULL;
}

static const char *check_console(const struct lg_vcpu *v, const struct hcall *h)
{
	if (h->a2 > LGUEST_CONSOLE_MAX || !lg_gpa_ok(v->lg, h->a1, h->a2))
		return "console write outside guest memory or too long";
	return NULL;
}

/* Any size is allowed (the host copies at most LGUEST_CONSOLE_MAX bytes),
 * but the whole buffer the guest names must be its own memory.
 */
static const char *check_console_read(const struct lg_vcpu *v, const struct hcall *h)
{
	if (!lg_gpa_ok(v->lg, h->a1, h->a2))
		return "console read buffer outside guest memory";
	return NULL;
}

static const char *check_shutdown(const struct lg_vcpu *v, const struct hcall *h)
{
	if (h->a1 != LGUEST_SHUTDOWN_POWEROFF && h->a1 != LGUEST_SHUTDOWN_RESTART)
		return "unknown shutdown kind";
	return NULL;
}

static const char *check_crash(const struct lg_vcpu *v, const struct hcall *h)
{
	return lg_gpa_ok(v->lg, h->a1, 1) ? NULL : "crash message outside guest memory";
}

static const char *check_idt(const struct lg_vcpu *v, const struct hcall *h)
{
	return h->a1 < 256 ? NULL : "IDT vector out of range";
}

static const char *check_gdt(const struct lg_vcpu *v, const struct hcall *h)
{
	if (h->a1 < LGUEST_GDT_FIRST || h->a1 >= LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES)
		return "GDT index outside the guest's entries";
	return NULL;
}

static const char *check_stack(const struct lg_vcpu *v, const struct hcall *h)
{
	return lg_selector_is_guest_kernel(h->a1) ? NULL : "stack segment is not a guest ring-1 selector";
}

static const char *check_pgdir(const struct lg_vcpu *v, const struct hcall *h)
{
	if (!gpa_page_ok(v->lg, h->a1))
		return "page directory outside guest memory or misaligned";
	return NULL;
}

static const char *check_new_pgtable(const struct lg_vcpu *v, const struct hcall *h)
{
	if (h->a2 & ~LGUEST_PGT_FLUSH)
		return "unknown page-table flags";
	return check_pgdir(v, h);
}

static const char *check_set_pgd(const struct lg_vcpu *v, const struct hcall *h)
{
	return h->a2 < 1024 ? check_pgdir(v, h) : "page directory index out of range";
}

static const char *check_flush(const struct lg_vcpu *v, const struct hcall *h)
{
	if (h->a1 != LGUEST_FLUSH_USER && h->a1 != LGUEST_FLUSH_ALL)
		return "unknown flush kind";
	return NULL;
}

static const char *check_tls(const struct lg_vcpu *v, const struct hcall *h)
{
	if (!lg_gpa_ok(v->lg, h->a1, LGUEST_TLS_ENTRIES * 8))
		return "TLS descriptors outside guest memory";
	return NULL;
}

/* The guest says where its shared kernel half starts in lguest_data
 * before LHCALL_INIT: a whole GiB (or 0, sharing nothing).
 */
static bool kernel_address_ok(u32 addr)
{
	return addr == 0 || (!(addr & ((1u << 30) - 1)));
}

/*H:210 The actions. */
static u32 do_init(struct lg_vcpu *v, const struct hcall *h)
{
	struct lguest *g = v->lg;
	u32 khz = tsc_khz, kaddr;
	u64 now = ktime_get_real_ns();

	if (lg_read_guest(g, &kaddr, h->a1 + offsetof(struct lguest_data, kernel_address), 4))
		return -1;
	if (!kernel_address_ok(kaddr)) {
		kill_guest(g, LGUEST_KILL_BAD_HCALL,
			   "lguest_data.kernel_address %#x is not a whole GiB", kaddr);
		return -1;
	}
	if (lg_pin_data(g, h->a1))
		return -1;
	g->lguest_data = h->a1;
	lg_set_kernel_address(g, kaddr);
	lg_write_guest(g, h->a1 + offsetof(struct lguest_data, tsc_khz), &khz, sizeof(khz));
	lg_write_guest(g, h->a1 + offsetof(struct lguest_data, boot_time_ns), &now, sizeof(now));
	return 0;
}

static u32 do_console(struct lg_vcpu *v, const struct hcall *h)
{
	struct lguest *g = v->lg;

	if (lg_read_guest(g, g->console, h->a1, h->a2) == 0)
		g->console_len = h->a2;
	return 0;
}

static u32 do_console_read(struct lg_vcpu *v, const struct hcall *h)
{
	return lg_console_read(v->lg, h->a1, h->a2);
}

static u32 do_shutdown(struct lg_vcpu *v, const struct hcall *h)
{
	struct lguest *g = v->lg;

	g->death.kind = LGUEST_EV_SHUTDOWN;
	g->death.status = h->a2;
	g->death.flags = h->a1 == LGUEST_SHUTDOWN_RESTART ? LGUEST_EV_RESTART : 0;
	g->dead = true;
	return 0;
}

static u32 do_crash(struct lg_vcpu *v, const struct hcall *h)
{
	struct lguest *g = v->lg;
	char msg[LGUEST_CRASH_MAX];
	u32 len = min_t(u32, sizeof(msg) - 1, g->mem_size - h->a1);

	if (lg_read_guest(g, msg, h->a1, len))
		return -1;
	msg[len] = '\0';
	kill_guest(g, LGUEST_KILL_GUEST_CRASH, "%s", strim(msg));
	return 0;
}

static u32 do_clockevent(struct lg_vcpu *v, const struct hcall *h)
{
	lg_set_clockevent(v, h->a1);
	return 0;
}

static u32 do_halt(struct lg_vcpu *v, const struct hcall *h)
{
	v->halted = true;
	return 0;
}

static u32 do_idt(struct lg_vcpu *v, const struct hcall *h)
{
	return lg_load_idt_entry(v, h->a1, h->a2, h->a3) ? -1 : 0;
}

static u32 do_gdt(struct lg_vcpu *v, const struct hcall *h)
{
	return lg_load_gdt_entry(v, h->a1, h->a2, h->a3) ? -1 : 0;
}

static u32 do_stack(struct lg_vcpu *v, const struct hcall *h)
{
	v->kstack_ss = h->a1;
	v->kstack_esp = h->a2;
	return 0;
}

static u32 do_new_pgtable(struct lg_vcpu *v, const struct hcall *h)
{
	lg_new_pgtable(v, h->a1, h->a2);
	return 0;
}

static u32 do_flush_tlb(struct lg_vcpu *v, const struct hcall *h)
{
	lg_flush_tlb(v->lg, h->a1 == LGUEST_FLUSH_ALL);
	return 0;
}

static u32 do_nothing(struct lg_vcpu *v, const struct hcall *h)
{
	return 0;	/* pending interrupts are delivered on the way back */
}

static u32 do_pte(struct lg_vcpu *v, const struct hcall *h)
{
	lg_set_pte(v->lg, h->a1, h->a2, h->a3);
	return 0;
}

static u32 do_set_pgd(struct lg_vcpu *v, const struct hcall *h)
{
	lg_set_pgd(v->lg, h->a1, h->a2);
	return 0;
}

static u32 do_flush_page(struct lg_vcpu *v, const struct hcall *h)
{
	lg_flush_page(v->lg, h->a1);
	return 0;
}

static u32 do_tls(struct lg_vcpu *v, const struct hcall *h)
{
	return lg_load_tls(v, h->a1) ? -1 : 0;
}

/*H:220 The table.  A number without a row kills the guest. */
static const struct hcall_row hcalls[LHCALL_NR] = {
	[LHCALL_INIT] = { check_init, do_init, false },
	[LHCALL_CONSOLE_WRITE] = { check_console, do_console, false },
	[LHCALL_SHUTDOWN] = { check_shutdown, do_shutdown, false },
	[LHCALL_CRASH] = { check_crash, do_crash, false },
	[LHCALL_SET_CLOCKEVENT] = { check_none, do_clockevent, true },
	[LHCALL_HALT] = { check_none, do_halt, false },
	[LHCALL_LOAD_IDT_ENTRY] = { check_idt, do_idt, true },
	[LHCALL_LOAD_GDT_ENTRY] = { check_gdt, do_gdt, true },
	[LHCALL_SET_STACK] = { check_stack, do_stack, true },
	[LHCALL_NEW_PGTABLE] = { check_new_pgtable, do_new_pgtable, false },
	[LHCALL_FLUSH_TLB] = { check_flush, do_flush_tlb, true },
	[LHCALL_SEND_INTERRUPTS] = { check_none, do_nothing, false },
	[LHCALL_SET_PTE] = { check_pgdir, do_pte, true },
	[LHCALL_SET_PGD] = { check_set_pgd, do_set_pgd, true },
	[LHCALL_FLUSH_PAGE] = { check_none, do_flush_page, true },
	[LHCALL_LOAD_TLS] = { check_tls, do_tls, true },
	[LHCALL_CONSOLE_READ] = { check_console_read, do_console_read, false },
};

/* Check, then act.  Returns false if the guest died. */
static bool run_hcall(struct lg_vcpu *v, const struct hcall *h, bool queued, u32 *ret)
{
	const struct hcall_row *row = h->nr < LHCALL_NR ? &hcalls[h->nr] : NULL;
	const char *why;

	if (!row || !row->action)
		why = "unknown hypercall";
	else if (queued && !row->async)
		why = "not allowed in the async ring";
	else
		why = row->check(v, h);
	if (why) {
		kill_guest(v->lg, LGUEST_KILL_BAD_HCALL, "bad %shypercall %u (%#x, %#x, %#x): %s",
			   queued ? "queued " : "", h->nr, h->a1, h->a2, h->a3, why);
		return false;
	}
	v->lg->stats.hcall[h->nr]++;
	*ret = row->action(v, h);
	return !v->lg->dead;
}

/*H:230 The async ring: calls the guest queued instead of trapping, run in
 * order from where the host last stopped, each slot handed back as it is
 * done.  The ring is bounded, and every slot is read and checked like a
 * trapping call, so a hostile ring costs at most LGUEST_ASYNC_RING calls
 * per exit.  Runs on every exit, before a trapping call is acted on.
 */
void lg_drain_async(struct lg_vcpu *v)
{
	struct lguest *g = v->lg;
	u32 base = g->lguest_data;
	unsigned int n;

	if (!base)
		return;
	for (n = 0; n < LGUEST_ASYNC_RING && !g->dead; n++) {
		unsigned int i = g->async_next;
		u8 status, freed = LGUEST_ASYNC_FREE;
		struct lguest_async_call call;
		struct hcall h;
		u32 ret;

		if (lg_read_guest(g, &status, base + offsetof(struct lguest_data, async_status[i]), 1) ||
		    status != LGUEST_ASYNC_READY)
			return;
		if (lg_read_guest(g, &call, base + offsetof(struct lguest_data, async[i]), sizeof(call)))
			return;
		h = (struct hcall) { call.nr, call.a1, call.a2, call.a3 };
		if (!run_hcall(v, &h, true, &ret))
			return;
		lg_write_guest(g, base + offsetof(struct lguest_data, async_status[i]), &freed, 1);
		g->async_next = (i + 1) % LGUEST_ASYNC_RING;
		lg_count(g, LG_STAT_ASYNC);
	}
}

void lg_do_hypercall(struct lg_vcpu *v)
{
	struct lg_regs *r = &v->regs;
	struct hcall h = { .nr = r->rax, .a1 = r->rbx, .a2 = r->rcx, .a3 = r->rdx };
	u32 ret;

	lg_count(v->lg, LG_STAT_HCALLS);
	if (run_hcall(v, &h, false, &ret))
		r->rax = ret;
}
