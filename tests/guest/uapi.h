/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the test kernel and its ring-3 programs (user/) agree on: the
 * user half of an address space and the system calls.  Macros only, so
 * user assembly can include it too.
 *
 * A process's address space, below the kernel half (mm.h):
 *
 *   USER_BASE         the user image (the objects of user/: text, data,
 *                     bss), linked here; each process has its own copy
 *   USER_STACK_TOP    the stack grows down from here (USER_STACK_PAGES)
 *   USER_DEMAND ..    pages the kernel maps when first touched, and the
 *   USER_DEMAND_END   scratch pages the paging tests map themselves
 *   KERNEL_ALIAS      the kernel half: all RAM again, supervisor only
 *
 * Below USER_BASE all RAM is mapped at its own address, where the kernel
 * runs, supervisor only too.
 */
#ifndef GUEST_UAPI_H
#define GUEST_UAPI_H

#define USER_BASE		0x40000000
#define USER_STACK_TOP		0x40400000
#define USER_STACK_PAGES	4
#define USER_DEMAND		0x40400000
#define USER_DEMAND_END		0x40800000
#define KERNEL_ALIAS		0xc0000000	/* lguest_data.kernel_address */

/*
 * System calls: "int $0x80" (SYS_VECTOR) with the number in %eax and
 * arguments in %ebx, %ecx, %edx; the result comes back in %eax
 * (SYS_ERROR: no such call).
 */
#define SYS_VECTOR	0x80
#define SYS_EXIT	1	/* ebx: status; does not return */
#define SYS_NULL	2	/* does nothing: returns 0 */
#define SYS_ADD		3	/* returns ebx + ecx */
#define SYS_YIELD	4	/* let another process run */
#define SYS_GETPID	5
#define SYS_TICKS	6	/* timer ticks since boot */
#define SYS_UNMAP	7	/* ebx: a page of USER_DEMAND to unmap and free */
#define SYS_CHECK	8	/* ebx, ecx: handed to the running test */
#define SYS_ERROR	0xffffffff

/* The exit status of a process the kernel killed for an unhandled fault. */
#define EXIT_KILLED	0xdead

#endif /* GUEST_UAPI_H */
