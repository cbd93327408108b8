// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls: "int $0x1f" from ring 1.  Every argument is checked in one
 * place, check_args(); do_hypercall() then acts on trusted values only.
 */
#include "lg.h"
#include <linux/timekeeping.h>
#include <asm/tsc.h>

struct hcall {
	u32 nr, a1, a2, a3, a4;
};

static bool gpa_page_ok(const struct lguest *g, u32 gpa)
{
	return !(gpa & ~PAGE_MASK) && lg_gpa_ok(g, gpa, PAGE_SIZE);
}

/*H:200 The one place where hypercall arguments are judged.  Returns NULL
 * if the call may proceed, or the reason the guest dies. */
static const char *check_args(const struct lguest *g, const struct hcall *h)
{
	switch (h->nr) {
	case LHCALL_INIT:
		if (g->lguest_data)
			return "LHCALL_INIT twice";
		if ((h->a1 & 7) || !lg_gpa_ok(g, h->a1, sizeof(struct lguest_data)))
			return "lguest_data outside guest memory or misaligned";
		return NULL;
	case LHCALL_CONSOLE_WRITE:
		if (h->a2 > LGUEST_CONSOLE_MAX || !lg_gpa_ok(g, h->a1, h->a2))
			return "console write outside guest memory or too long";
		return NULL;
	case LHCALL_SHUTDOWN:
		if (h->a1 != LGUEST_SHUTDOWN_POWEROFF && h->a1 != LGUEST_SHUTDOWN_RESTART)
			return "unknown shutdown kind";
		return NULL;
	case LHCALL_CRASH:
		if (!lg_gpa_ok(g, h->a1, 1))
			return "crash message outside guest memory";
		return NULL;
	case LHCALL_LOAD_IDT_ENTRY:
		return h->a1 < 256 ? NULL : "IDT vector out of range";
	case LHCALL_LOAD_GDT_ENTRY:
		if (h->a1 < LGUEST_GDT_FIRST || h->a1 >= LGUEST_GDT_FIRST + LGUEST_GDT_ENTRIES)
			return "GDT index outside the guest's entries";
		return NULL;
	case LHCALL_SET_STACK:
		return lg_selector_is_guest_kernel(h->a1) ? NULL : "stack segment is not a guest ring-1 selector";
	case LHCALL_NEW_PGTABLE:
		return gpa_page_ok(g, h->a1) ? NULL : "page directory outside guest memory or misaligned";
	case LHCALL_SET_CLOCKEVENT:
	case LHCALL_HALT:
	case LHCALL_FLUSH_TLB:
	case LHCALL_SEND_INTERRUPTS:
		return NULL;
	default:
		return "unknown hypercall";
	}
}

/* LHCALL_INIT: fill in what the host knows, before the guest reads it. */
static void init_lguest_data(struct lguest *g, u32 gpa)
{
	u32 khz = tsc_khz;
	u64 now = ktime_get_real_ns();

	g->lguest_data = gpa;
	lg_write_guest(g, gpa + offsetof(struct lguest_data, tsc_khz), &khz, sizeof(khz));
	lg_write_guest(g, gpa + offsetof(struct lguest_data, boot_time_ns), &now, sizeof(now));
}

static void console_write(struct lguest *g, u32 gpa, u32 len)
{
	if (lg_read_guest(g, g->console, gpa, len) == 0)
		g->console_len = len;
}

static void guest_crash(struct lguest *g, u32 gpa)
{
	char msg[LGUEST_CRASH_MAX];
	u32 len = min_t(u32, sizeof(msg) - 1, g->mem_size - gpa);

	if (lg_read_guest(g, msg, gpa, len))
		return;
	msg[len] = '\0';
	kill_guest(g, "%s", strim(msg));
}

static void guest_shutdown(struct lguest *g, u32 kind, u32 status)
{
	g->death.kind = LGUEST_EV_SHUTDOWN;
	g->death.status = status;
	g->death.flags = kind == LGUEST_SHUTDOWN_RESTART ? LGUEST_EV_RESTART : 0;
	g->dead = true;
}

/*H:210 Acting on a checked call.  The result goes back in %eax. */
static u32 do_hypercall(struct lguest *g, const struct hcall *h)
{
	switch (h->nr) {
	case LHCALL_INIT:
		init_lguest_data(g, h->a1);
		break;
	case LHCALL_CONSOLE_WRITE:
		console_write(g, h->a1, h->a2);
		break;
	case LHCALL_SHUTDOWN:
		guest_shutdown(g, h->a1, h->a2);
		break;
	case LHCALL_CRASH:
		guest_crash(g, h->a1);
		break;
	case LHCALL_SET_CLOCKEVENT:
		lg_set_clockevent(g, h->a1);
		break;
	case LHCALL_HALT:
		g->halted = true;
		break;
	case LHCALL_LOAD_IDT_ENTRY:
		return lg_load_idt_entry(g, h->a1, h->a2, h->a3) ? -1 : 0;
	case LHCALL_LOAD_GDT_ENTRY:
		return lg_load_gdt_entry(g, h->a1, h->a2, h->a3) ? -1 : 0;
	case LHCALL_SET_STACK:
		g->kstack_ss = h->a1;
		g->kstack_esp = h->a2;
		break;
	case LHCALL_NEW_PGTABLE:
		lg_new_pgtable(g, h->a1);
		break;
	case LHCALL_FLUSH_TLB:		/* every entry reloads CR3 already */
	case LHCALL_SEND_INTERRUPTS:	/* delivery happens on the way back */
		break;
	}
	return 0;
}

void lg_do_hypercall(struct lguest *g)
{
	struct lg_regs *r = &g->regs;
	struct hcall h = {
		.nr = r->rax, .a1 = r->rbx, .a2 = r->rcx, .a3 = r->rdx, .a4 = r->rsi,
	};
	const char *why = check_args(g, &h);

	if (why) {
		kill_guest(g, "bad hypercall %u (%#x, %#x, %#x): %s", h.nr, h.a1, h.a2, h.a3, why);
		return;
	}
	r->rax = do_hypercall(g, &h);
}
