// SPDX-License-Identifier: GPL-2.0
/* Dying with a message: every Launcher error is one line on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "launcher.h"

void die_status(int status, const char *fmt, ...)
{
	char line[1200];	/* room for a whole crash reason */
	va_list ap;
	int n;

	/* One write(), so the line never interleaves with guest output. */
	n = snprintf(line, sizeof(line), "lguest: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;	/* cut, but keep the newline */
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0) {
		/* stderr is gone: nowhere left to complain */
	}
	exit(status);
}
