/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel tests.  Each prints one stable line, "PASS name" (maybe
 * followed by " (detail)") or "FAIL name: why"; the run ends with
 * "GUEST-DONE passed=N failed=M".
 */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

#include <stdint.h>
#include "console.h"

/* The basic tests, then every "test=NAME" word of cmdline; returns failures. */
uint32_t tests_run(const char *cmdline);

/* One counted result line, for tests kept in files of their own. */
__printf(2, 3) void test_pass(const char *name, const char *fmt, ...);
__printf(2, 3) void test_fail(const char *name, const char *fmt, ...);

/* avx.c */
void test_avx_leak(void);
void test_avx_keep(void);

#endif /* GUEST_TESTS_H */
