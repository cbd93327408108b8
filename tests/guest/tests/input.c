// SPDX-License-Identifier: GPL-2.0
/*G:830 The input group: console input, from the Launcher's stdin through
 * lg.ko to LHCALL_CONSOLE_READ.  The INPUT tests read what the harness
 * types (tests/vm/check.sh) and show it back on an "ECHO ..." line, bytes
 * outside printable ASCII as \xNN; they wait for input by halting until
 * an interrupt (the console's, or the tick that bounds every wait).  The
 * KILLED ones hand the host buffers that are not guest memory.
 */
#include <lguest/hcall.h>
#include <lguest/dev.h>
#include "console.h"
#include "lguest.h"
#include "mm.h"
#include "platform.h"
#include "string.h"
#include "tests.h"
#include "timer.h"
#include "x86.h"

#define INPUT_WAIT_S	20	/* the longest a test waits for input */
#define LINE_MAX	128

/* A bounded wait: halts, each ended by the next interrupt. */
struct wait {
	uint64_t t0, limit;	/* TSC; limit 0 when its rate is unknown */
	uint32_t halts;
};

static void wait_start(struct wait *w)
{
	w->t0 = rdtsc();
	w->limit = (uint64_t)pv.tsc_khz * 1000 * INPUT_WAIT_S;
	w->halts = 0;
}

/* Halt once; 0 once the wait has lasted too long. */
static int wait_more(struct wait *w)
{
	if (w->halts >= INPUT_WAIT_S * 100 || (w->limit && rdtsc() - w->t0 >= w->limit))
		return 0;
	halt();
	w->halts++;
	return 1;
}

/* Let ticks pass without reading anything. */
static void idle_ticks(uint32_t n)
{
	uint32_t start = timer_ticks();
	struct wait w;

	wait_start(&w);
	while (timer_ticks() - start < n && wait_more(&w))
		;
}

static int is_eol(char c)
{
	return c == '\n' || c == '\r';
}

/* One line of input (with its '\n' or '\r'), chunk bytes per read;
 * halting for more when may_halt, else only what is already waiting.
 * Returns its length (short of an end of line if none came).
 */
static uint32_t read_line(char *buf, uint32_t size, uint32_t chunk,
			  int may_halt, struct wait *w)
{
	uint32_t len = 0, n;

	wait_start(w);
	while (len < size && (!len || !is_eol(buf[len - 1]))) {
		n = console_read(buf + len, chunk < size - len ? chunk : size - len);
		len += n;
		if (!n && (!may_halt || !wait_more(w)))
			break;
	}
	return len;
}

/* "ECHO <bytes>" without the end of line. */
static void echo(const char *buf, uint32_t len)
{
	char out[4 * LINE_MAX + 1];
	uint32_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[n++] = (char)c;
		else
			n += (uint32_t)ksnprintf(out + n, sizeof(out) - n, "\\x%02x", c);
	}
	out[n] = '\0';
	kprintf("ECHO %s\n", out);
}

/* The calls a guest may make with no input waiting: an empty buffer, one
 * larger than the host ever fills (it takes at most LGUEST_CONSOLE_MAX),
 * an empty one right at the end of memory.  All return, with nothing.
 */
void test_console_edges(void)
{
	static char big[2 * LGUEST_CONSOLE_MAX];
	uint32_t zero, large, end;

	if (!lguest_only("console_edges"))
		return;
	zero = hcall(LHCALL_CONSOLE_READ, (uint32_t)big, 0, 0, 0);
	large = hcall(LHCALL_CONSOLE_READ, (uint32_t)big, sizeof(big), 0, 0);
	end = hcall(LHCALL_CONSOLE_READ, ram_top, 0, 0, 0);
	if (zero || end || large > LGUEST_CONSOLE_MAX)
		report_fail("console_edges", "read 0 bytes: %u, %u bytes: %u, 0 at %x: %u",
			    zero, (uint32_t)sizeof(big), large, ram_top, end);
	else
		report_pass("console_edges", "sizes 0 and %u, and 0 at the end of memory",
			    (uint32_t)sizeof(big));
}

/* Type a line and the guest, halted until it comes, shows it back. */
void test_console_echo(void)
{
	char line[LINE_MAX];
	struct wait w;
	uint32_t n;

	if (!lguest_only("console_echo"))
		return;
	n = read_line(line, sizeof(line), 64, 1, &w);
	if (!n || !is_eol(line[n - 1])) {
		report_fail("console_echo", "no whole line in %u s (%u bytes)", INPUT_WAIT_S, n);
		return;
	}
	echo(line, n - 1);
	if (!console_irqs())
		report_fail("console_echo", "input came without LGUEST_CONSOLE_IRQ");
	else
		report_pass("console_echo", "%u bytes, %u console interrupts, %u halts",
			    n, console_irqs(), w.halts);
}

/* Input typed before the guest asks waits in the host, whole, and its
 * interrupt has come: half a second later it is all there, no halting.
 */
void test_console_early(void)
{
	char line[LINE_MAX];
	uint32_t n, irqs;
	struct wait w;

	if (!lguest_only("console_early"))
		return;
	idle_ticks(50);
	irqs = console_irqs();
	n = read_line(line, sizeof(line), 3, 0, &w);
	if (!irqs)
		report_fail("console_early", "no LGUEST_CONSOLE_IRQ while input waited");
	else if (!n || !is_eol(line[n - 1]))
		report_fail("console_early", "only %u bytes were waiting", n);
	else {
		echo(line, n - 1);
		report_pass("console_early", "%u bytes waiting, %u console interrupts", n, irqs);
	}
}

/* Lines "00000" to "NNNNN" then "END", each with '\n', checked as they
 * come: one lost or doubled byte breaks the count.
 */
struct lines {
	char cur[8];
	uint32_t len, count;
	int done;
	char why[64];
};

static void take_byte(struct lines *l, char c)
{
	char want[8];

	if (l->done || l->why[0])
		return;
	if (c != '\n') {
		if (l->len < sizeof(l->cur) - 1)
			l->cur[l->len++] = c;
		return;
	}
	l->cur[l->len] = '\0';
	l->len = 0;
	if (!strcmp(l->cur, "END")) {
		l->done = 1;
		return;
	}
	ksnprintf(want, sizeof(want), "%05u", l->count);
	if (strcmp(l->cur, want))
		ksnprintf(l->why, sizeof(l->why), "line %u is '%s'", l->count, l->cur);
	l->count++;
}

/* More input than the host holds, read 7 bytes at a time once the host's
 * buffer is full and the Launcher waits: every byte once, in order.
 */
void test_console_drain(void)
{
	struct lines l = { .len = 0 };
	uint32_t bytes = 0, reads = 0, n, i, extra;
	char buf[7];
	struct wait w;

	if (!lguest_only("console_drain"))
		return;
	idle_ticks(50);
	wait_start(&w);
	while (!l.done && !l.why[0]) {
		n = console_read(buf, sizeof(buf));
		reads++;
		bytes += n;
		for (i = 0; i < n; i++)
			take_byte(&l, buf[i]);
		if (!n && !wait_more(&w))
			break;
	}
	idle_ticks(10);
	extra = console_read(buf, sizeof(buf));
	if (l.why[0])
		report_fail("console_drain", "%s", l.why);
	else if (!l.done)
		report_fail("console_drain", "no END line in %u s (%u lines)", INPUT_WAIT_S, l.count);
	else if (extra)
		report_fail("console_drain", "%u more bytes after END", extra);
	else if (bytes <= 2 * LGUEST_CONSOLE_INPUT_BUFFER)
		report_fail("console_drain", "only %u bytes: the test needs more than %u",
			    bytes, 2 * LGUEST_CONSOLE_INPUT_BUFFER);
	else
		report_pass("console_drain", "%u lines, %u bytes in %u reads, %u halts",
			    l.count, bytes, reads, w.halts);
}

/* A buffer running past the end of guest memory. */
void test_console_beyond(void)
{
	uint32_t n;

	if (!lguest_only("console_beyond"))
		return;
	n = hcall(LHCALL_CONSOLE_READ, ram_top - 8, 16, 0, 0);
	report_fail("console_beyond", "reading into %x..%x returned %u", ram_top - 8, ram_top + 8, n);
}

/* A buffer whose end wraps past 4 GiB to a small, valid address. */
void test_console_wrap(void)
{
	uint32_t n;

	if (!lguest_only("console_wrap"))
		return;
	n = hcall(LHCALL_CONSOLE_READ, 0xfffffff0u, 0x20, 0, 0);
	report_fail("console_wrap", "reading into 0xfffffff0 (32 bytes) returned %u", n);
}
