/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Launcher's impure parts: dying with a message (die.c), talking
 * to /dev/lguest (dev.c) and passing console input on (console.c).  The pure parts have their own headers.
 */
#ifndef LAUNCHER_LAUNCHER_H
#define LAUNCHER_LAUNCHER_H

#include <stdint.h>

/* Print "lguest: <message>" as one line on stderr and exit with status. */
void die_status(int status, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
#define die(...)	die_status(1, __VA_ARGS__)

/* Refuse a loaded lg.ko that says (in sysfs) it speaks another revision. */
void dev_check_revision(uint32_t ours);

/* Open /dev/lguest: one open file is one guest. */
int dev_open(void);

/* Hand the guest's memory, entry point and boot parameters to lg.ko. */
void dev_initialize(int fd, uint32_t revision, uint32_t entry,
		    void *mem, uint64_t mem_size, uint32_t boot_params);

/* Let SIGINT/SIGTERM/SIGHUP interrupt a running guest (see dev.c). */
void dev_catch_signals(void);

/* Pass stdin to the guest from a thread of its own; a terminal goes into
 * raw mode until the Launcher exits, with the Ctrl-A escape (console.c). */
void console_start(int fd);

/* Run the guest, acting on each event, until it stops; never returns. */
void dev_run(int fd) __attribute__((noreturn));

/* strerror(), but saying what lg.ko means by the errors it gives meaning. */
const char *dev_strerror(int err);

#endif /* LAUNCHER_LAUNCHER_H */
