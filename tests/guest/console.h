/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formatted output: kprintf() to the platform console, ksnprintf() into a
 * buffer.  Conversions: %d %u %x %s %c %p %%, with an optional '0' flag and
 * width, and the ll length for %llx/%llu/%lld.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

#define __printf(a, b)	__attribute__((format(printf, a, b)))

__printf(1, 2) void kprintf(const char *fmt, ...);

/*
 * Console input (lguest only; natively none comes): console_read() takes
 * up to len bytes that are waiting, 0 if none; the console IRQ says more
 * came, and console_irqs() counts how often it did.
 */
#define CONSOLE_IRQ	1	/* LGUEST_CONSOLE_IRQ */
void console_input_init(void);
uint32_t console_read(char *buf, uint32_t len);
uint32_t console_irqs(void);
__printf(3, 4) int ksnprintf(char *buf, uint32_t size, const char *fmt, ...);
int kvsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap);

#endif /* GUEST_CONSOLE_H */
