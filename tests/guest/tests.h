/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel tests, declared in tests.def and written in tests/GROUP.c.
 * Each prints one stable line: "PASS name" (maybe followed by
 * " (detail)"), "FAIL name: why", or "SKIP name: why" where the platform
 * cannot run it; tests_run() ends with "GUEST-DONE passed=N failed=M".
 */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

#include <stdint.h>
#include "console.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Every "test=NAME" and "group=GROUP" of cmdline; returns failures. */
uint32_t tests_run(const char *cmdline);

/* Result lines; each test prints exactly one. */
void report_ok(const char *name);
__printf(2, 3) void report_pass(const char *name, const char *fmt, ...);
__printf(2, 3) void report_fail(const char *name, const char *fmt, ...);
__printf(2, 3) void report_skip(const char *name, const char *fmt, ...);

/*
 * After fault_clear() and a probe (probes.h): PASS if the probe faulted
 * with one of the vectors in want (a bit mask), else FAIL.
 */
void expect_fault(const char *name, uint32_t want);

/* "int $n" faulted as it should (tests/hostile.c): #BP and #OF traps
 * through their gates, #GP naming the gate for every other n. */
struct fault_info;
int softint_ok(uint32_t n, const struct fault_info *fi);

/* The vectors SYSENTER may raise here (tests/hostile.c). */
uint32_t sysenter_faults(void);

/* For tests of the host: 1 under lguest, else a SKIP line and 0. */
int lguest_only(const char *name);

/* Processes (proc.h) for the ring-3 tests. */
struct proc;
#define USER_TICKS	500	/* the most a test's processes may run */

/* A new process, or NULL after a FAIL line saying it could not be made. */
struct proc *new_proc(const char *name, uint32_t (*entry)(uint32_t),
		      uint32_t arg);
/* 1 if p exited with want; else a FAIL line (with why it died) and 0. */
int exited_with(const char *name, const struct proc *p, uint32_t want);

/* The test functions. */
#define TEST(name, group, end) void test_##name(void);
#include "tests.def"
#undef TEST

#endif /* GUEST_TESTS_H */
