/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One-line error messages for the Launcher's pure functions.
 *
 * A pure function (argument parsing, ELF loading, boot parameters) reports
 * failure by returning one line of text and success by returning NULL, so
 * main() can print it and a unit test can check it without any I/O.
 */
#ifndef LAUNCHER_ERR_H
#define LAUNCHER_ERR_H

/*
 * Format a message into a static buffer and return it.  The Launcher is
 * single-threaded and each message is printed (or checked) before the
 * next one is made, so one buffer is enough.
 */
const char *errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* LAUNCHER_ERR_H */
