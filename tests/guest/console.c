// SPDX-License-Identifier: GPL-2.0
/*
 * kprintf: format into a buffer on the stack, hand it to the platform's
 * console_write in as few pieces as possible (one hypercall a line under
 * lguest).  Being on the stack, it is safe from interrupt handlers.
 */
#include <lguest/abi.h>
#include "console.h"
#include "platform.h"
#include "string.h"
#include "traps.h"
#include "x86.h"

_Static_assert(CONSOLE_IRQ == LGUEST_CONSOLE_IRQ, "the console's input IRQ");

static volatile uint32_t input_irqs;

/*G:120 Console input under lguest: the host raises LGUEST_CONSOLE_IRQ
 * when the Launcher hands it bytes, and LHCALL_CONSOLE_READ takes what is
 * waiting.  The handler only counts: readers poll console_read() and halt
 * until the next interrupt when it has nothing (tests/input.c).  It is
 * there from boot, so input typed before any test asks is counted too.
 */
static void console_irq(uint32_t irq)
{
	(void)irq;
	input_irqs++;
}

void console_input_init(void)
{
	irq_register(CONSOLE_IRQ, console_irq);
}

uint32_t console_irqs(void)
{
	return input_irqs;
}

uint32_t console_read(char *buf, uint32_t len)
{
	return pv.console_read(buf, len);
}

/* Where formatted text goes: a buffer that may flush when full. */
struct sink {
	char *buf;
	uint32_t size, len;
	int flush;		/* 1: write out when full; 0: truncate */
	uint32_t total;		/* characters produced */
};

static void sink_flush(struct sink *s)
{
	if (s->flush && s->len)
		pv.console_write(s->buf, s->len);
	s->len = 0;
}

static void put(struct sink *s, char c)
{
	s->total++;
	if (s->len + 1 >= s->size) {	/* keep room for a NUL */
		if (!s->flush)
			return;
		sink_flush(s);
	}
	s->buf[s->len++] = c;
}

static void put_str(struct sink *s, const char *str, int width)
{
	int n = (int)strlen(str);

	for (; width > n; width--)
		put(s, ' ');
	while (*str)
		put(s, *str++);
}

/* An unsigned number in base 10 or 16, zero- or space-padded to width. */
static void put_num(struct sink *s, uint64_t v, uint32_t base, int neg,
		    int width, char pad)
{
	char tmp[24];
	int n = 0;
	uint32_t digit;

	do {
		v = div64_32(v, base, &digit);
		tmp[n++] = "0123456789abcdef"[digit];
	} while (v);
	if (neg && pad == '0')
		put(s, '-');
	for (width -= n + neg; width > 0; width--)
		put(s, pad);
	if (neg && pad != '0')
		put(s, '-');
	while (n)
		put(s, tmp[--n]);
}

/* One conversion after '%' (flags and width already read). */
static void convert(struct sink *s, char conv, int ll, int width, char pad,
		    va_list *ap)
{
	uint64_t u;
	int64_t d;

	switch (conv) {
	case 'd':
		d = ll ? va_arg(*ap, int64_t) : va_arg(*ap, int32_t);
		put_num(s, d < 0 ? -(uint64_t)d : (uint64_t)d, 10, d < 0,
			width, pad);
		break;
	case 'u':
	case 'x':
		u = ll ? va_arg(*ap, uint64_t) : va_arg(*ap, uint32_t);
		put_num(s, u, conv == 'u' ? 10 : 16, 0, width, pad);
		break;
	case 'p':
		put_num(s, (uint32_t)va_arg(*ap, void *), 16, 0, 8, '0');
		break;
	case 's':
		put_str(s, va_arg(*ap, const char *), width);
		break;
	case 'c':
		put(s, (char)va_arg(*ap, int));
		break;
	default:
		put(s, '%');
		put(s, conv);
	}
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	va_list args;
	int width, ll;
	char pad;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		pad = *++fmt == '0' ? '0' : ' ';
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (ll = 0; *fmt == 'l'; fmt++)
			ll++;
		if (!*fmt)
			break;
		if (*fmt == '%')
			put(s, '%');
		else
			convert(s, *fmt, ll >= 2, width, pad, &args);
	}
	va_end(args);
}

int kvsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0, 0, 0 };

	if (!size)
		return 0;
	format(&s, fmt, ap);
	buf[s.len] = '\0';
	return (int)s.total;
}

int ksnprintf(char *buf, uint32_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void kprintf(const char *fmt, ...)
{
	char buf[256];
	struct sink s = { buf, sizeof(buf), 0, 1, 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	sink_flush(&s);
}
