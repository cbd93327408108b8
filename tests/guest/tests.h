/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel tests.  Each prints one stable line, "PASS name" (maybe
 * followed by " (detail)") or "FAIL name: why"; the run ends with
 * "GUEST-DONE passed=N failed=M".
 */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

#include <stdint.h>

/* The basic tests, then every "test=NAME" word of cmdline; returns failures. */
uint32_t tests_run(const char *cmdline);

#endif /* GUEST_TESTS_H */
