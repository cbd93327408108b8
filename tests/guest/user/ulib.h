/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring-3 side of the system calls (uapi.h), for the programs in
 * user/.  They run at CPL 3 in their own address space and may call
 * nothing of the kernel's: the build refuses a user object that needs a
 * symbol from outside user/.
 */
#ifndef GUEST_USER_ULIB_H
#define GUEST_USER_ULIB_H

#include <stdint.h>
#include "uapi.h"

static inline uint32_t syscall3(uint32_t nr, uint32_t a, uint32_t b,
				uint32_t c)
{
	asm volatile("int $0x80" : "+a"(nr) : "b"(a), "c"(b), "d"(c)
		     : "memory", "cc");
	return nr;
}

static inline __attribute__((noreturn)) void sys_exit(uint32_t status)
{
	syscall3(SYS_EXIT, status, 0, 0);
	for (;;)
		;
}

static inline uint32_t sys_null(void)
{
	return syscall3(SYS_NULL, 0, 0, 0);
}

static inline uint32_t sys_add(uint32_t a, uint32_t b)
{
	return syscall3(SYS_ADD, a, b, 0);
}

static inline void sys_yield(void)
{
	syscall3(SYS_YIELD, 0, 0, 0);
}

static inline uint32_t sys_getpid(void)
{
	return syscall3(SYS_GETPID, 0, 0, 0);
}

static inline uint32_t sys_ticks(void)
{
	return syscall3(SYS_TICKS, 0, 0, 0);
}

static inline uint32_t sys_unmap(uint32_t va)
{
	return syscall3(SYS_UNMAP, va, 0, 0);
}

static inline uint32_t sys_check(uint32_t a, uint32_t b)
{
	return syscall3(SYS_CHECK, a, b, 0);
}

static inline uint64_t u_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif /* GUEST_USER_ULIB_H */
