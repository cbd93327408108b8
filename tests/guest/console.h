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
__printf(3, 4) int ksnprintf(char *buf, uint32_t size, const char *fmt, ...);
int kvsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap);

#endif /* GUEST_CONSOLE_H */
