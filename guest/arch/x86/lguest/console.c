// SPDX-License-Identifier: GPL-2.0
/*
 * The lguest console: bytes out with LHCALL_CONSOLE_WRITE, which the
 * Launcher copies to its standard output; bytes in with
 * LHCALL_CONSOLE_READ, from what the Launcher read on its standard input,
 * announced by interrupt LGUEST_CONSOLE_IRQ.  It is hvc0, Linux's
 * hypervisor-console tty, and before that a boot console, so the first
 * printk is seen.  Virtio's console will take over later.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "hvc_console.h"
#include "lguest.h"

/*P:600 The host reads the bytes by their guest-physical address: one
 * we can compute for the direct map, which is where hvc's buffers and our
 * stacks live; anything else is copied to a buffer that is.
 */
static char bounce[LGUEST_CONSOLE_MAX];
static DEFINE_SPINLOCK(bounce_lock);

static void write_chunk(const char *s, unsigned int n)
{
	unsigned long flags;

	if (virt_addr_valid(s) && virt_addr_valid(s + n - 1)) {
		lguest_hcall(LHCALL_CONSOLE_WRITE, __pa(s), n, 0);
		return;
	}
	spin_lock_irqsave(&bounce_lock, flags);
	memcpy(bounce, s, n);
	lguest_hcall(LHCALL_CONSOLE_WRITE, __pa(bounce), n, 0);
	spin_unlock_irqrestore(&bounce_lock, flags);
}

static void lguest_console_write_all(const char *s, unsigned int n)
{
	while (n) {
		unsigned int chunk = min_t(unsigned int, n, LGUEST_CONSOLE_MAX);

		write_chunk(s, chunk);
		s += chunk;
		n -= chunk;
	}
}

static int lguest_put_chars(u32 vtermno, const char *buf, int count)
{
	if (count > 0)
		lguest_console_write_all(buf, count);
	return count;
}

/* Never blocks: what the Launcher has for us now, perhaps nothing. */
static int lguest_get_chars(u32 vtermno, char *buf, int count)
{
	if (count <= 0 || !virt_addr_valid(buf) || !virt_addr_valid(buf + count - 1))
		return 0;
	return lguest_hcall(LHCALL_CONSOLE_READ, __pa(buf), count, 0);
}

static const struct hv_ops lguest_hvc_ops = {
	.get_chars = lguest_get_chars,
	.put_chars = lguest_put_chars,
	.notifier_add = notifier_add_irq,
	.notifier_del = notifier_del_irq,
	.notifier_hangup = notifier_hangup_irq,
};

/*P:610 The boot console, from lguest_init() until hvc0 registers. */
static void lguest_boot_write(struct console *con, const char *s, unsigned int n)
{
	lguest_console_write_all(s, n);
}

static struct console lguest_boot_console = {
	.name	= "lgboot",
	.write	= lguest_boot_write,
	.flags	= CON_PRINTBUFFER | CON_BOOT,
	.index	= -1,
};

void __init lguest_init_console(void)
{
	register_console(&lguest_boot_console);
	add_preferred_console("hvc", 0, NULL);
}

static bool lguest_platform(void)
{
	return boot_cpu_has(X86_FEATURE_LGUEST);
}

/* hvc0 as the console, early enough for the boot messages... */
static int __init lguest_hvc_console_init(void)
{
	if (!lguest_platform())
		return 0;
	return hvc_instantiate(0, 0, &lguest_hvc_ops);
}
console_initcall(lguest_hvc_console_init);

/* ...and as a tty once interrupts work. */
static int __init lguest_hvc_init(void)
{
	if (!lguest_platform())
		return 0;
	return PTR_ERR_OR_ZERO(hvc_alloc(0, LGUEST_CONSOLE_IRQ, &lguest_hvc_ops, 256));
}
device_initcall(lguest_hvc_init);
