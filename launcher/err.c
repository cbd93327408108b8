// SPDX-License-Identifier: GPL-2.0
/* One-line error messages: see err.h. */
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

const char *errf(const char *fmt, ...)
{
	static char buf[256];	/* long messages are cut, never overflowed */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}
