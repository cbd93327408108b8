/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring-3 programs of the user image, as the kernel's tests know them:
 * entry points (proc_new()), the data each process has its own copy of
 * (the kernel fills or reads it with proc_ptr()), and the SYS_CHECK
 * questions each program asks its test.  Every address here is a user
 * address, valid in a process's address space only.  The constants come
 * first, for assembly too.
 */
#ifndef GUEST_USER_PROGS_H
#define GUEST_USER_PROGS_H

/* basic.c */
#define RING3_MAGIC		0x5a5a0000	/* u_ring3 returns arg ^ this */
#define RING3_BAD_CPL		1
#define RING3_BAD_ADD		2

/* paging.c */
#define DEMAND_WRITE		0x4000		/* u_demand writes va + this */
#define DEMAND_VALUE		0x5eed
#define WP_BEFORE		0x1111		/* in the page when mapped */
#define WP_FIRST		0x2222
#define WP_SECOND		0x3333
#define WP_CHECK_PROTECT	1		/* SYS_CHECK: make it read-only */
#define DIRTY_CHECK_READ	1		/* SYS_CHECK: A set, D clear? */
#define DIRTY_CHECK_WRITTEN	2		/* A and D set? */
#define DIRTY_CHECK_CLEAN	3		/* clear A and D, please */
#define STORM_BASE		0x40500000	/* in USER_DEMAND */
#define STORM_PAGES		64
#define KMEM_CHECK		5		/* SYS_CHECK(KMEM_CHECK, n) */
#define KMEM_PROBES		4		/* read, write; alias read, write */

/* tls.c: process k's TLS bases are u_tls_area[k] + the slots */
#define TLS_GS_SLOT		0
#define TLS_FS_SLOT		8
#define TLS_GS_ENTRY		0		/* of the three: GDT 22 */
#define TLS_FS_ENTRY		2		/* GDT 24 */

/* exits.c: first touches from here (in USER_DEMAND), at most this many */
#define EXITS_FAULT_BASE	0x40600000
#define EXITS_FAULT_MAX		512

/* fpu.c */
#define FPU_BAD_CONTROL		0x1000		/* fcw or mxcsr changed */

/* hostile.c, hostile.S: every probe is followed by SYS_CHECK(what, n) */
#define CHECK_PRIV		1		/* n: PRIV_* */
#define CHECK_FASTCALL		2		/* n: 0 sysenter, 1 syscall */
#define CHECK_SOFTINT		3		/* n: the vector */
#define CHECK_SELECTOR		4		/* n: SEL_PROBE(op, sel, result) */
#define CHECK_EFLAGS		6		/* after popf of IOPL 3, IF 0 */
#define EFLAGS_GREEDY		0x3002		/* IOPL 3, IF 0 (bit 1 is 1) */
#define SEL_PROBE(op, sel, res)	((res) << 24 | (op) << 16 | (sel))
#define SEL_OPS			6		/* ds es fs gs ss ljmp */
#define SEL_SS			4
#define SEL_LJMP		5
#define SEL_LANDED		1		/* results of a far jump */
#define SEL_LANDED_FAULT	2

/* The privileged instructions ring 3 tries: X(name, instruction). */
#define PRIV_PROBES(X)							\
	X(cli, "cli")							\
	X(sti, "sti")							\
	X(hlt, "hlt")							\
	X(mov_to_cr3, "mov %%eax, %%cr3")				\
	X(mov_from_cr0, "mov %%cr0, %%eax")				\
	X(mov_to_cr4, "mov %%eax, %%cr4")				\
	X(mov_to_dr7, "mov %%eax, %%dr7")				\
	X(lgdt, "lgdt (%%esp)")						\
	X(lidt, "lidt (%%esp)")						\
	X(lldt, "lldt %%ax")						\
	X(ltr, "ltr %%ax")						\
	X(lmsw, "lmsw %%ax")						\
	X(clts, "clts")							\
	X(invlpg, "invlpg (%%esp)")					\
	X(wbinvd, "wbinvd")						\
	X(rdmsr, "rdmsr")						\
	X(wrmsr, "wrmsr")						\
	X(inb, "inb $0x80, %%al")					\
	X(outb, "outb %%al, $0x80")					\
	X(inl_dx, "inl %%dx, %%eax")					\
	X(outw_dx, "outw %%ax, %%dx")

#ifndef __ASSEMBLER__
#include <stdint.h>

#define PRIV_ENUM(name, insn) PRIV_##name,
enum priv_probe { PRIV_PROBES(PRIV_ENUM) PRIV_COUNT };
#undef PRIV_ENUM

/* basic.c */
uint32_t u_ring3(uint32_t arg);
uint32_t u_syscalls(uint32_t n);	/* n SYS_ADDs: how many were wrong */
uint32_t u_spaces(uint32_t rounds);	/* 0 if u_ident and u_scratch held */
extern volatile uint32_t u_ident, u_scratch;

/* paging.c: the argument is the page to use */
uint32_t u_demand(uint32_t va);
uint32_t u_touch(uint32_t va);		/* a write that kills it */
uint32_t u_wprotect(uint32_t va);
uint32_t u_dirty(uint32_t va);
uint32_t u_storm(uint32_t n);
uint32_t u_kmem(uint32_t kaddr);

/* tls.c */
uint32_t u_tls(uint32_t rounds);
extern volatile uint32_t u_tls_area[2][16];
extern volatile uint32_t u_tls_which;	/* which row is this process's */

/* fpu.c: 0, or 1 + the first bad word, or FPU_BAD_CONTROL */
uint32_t u_fpu(uint32_t seed);
extern volatile uint32_t u_fpu_avx, u_fpu_ticks, u_fpu_checks;

/* hostile.c */
uint32_t u_priv(uint32_t arg);
uint32_t u_fastcall(uint32_t arg);
uint32_t u_softint(uint32_t arg);
uint32_t u_selectors(uint32_t arg);

/* bench.c */
uint32_t u_bench_syscall(uint32_t rounds);

/* exits.c */
uint32_t u_exits_syscall(uint32_t n);
uint32_t u_exits_fault(uint32_t n);
uint32_t u_exits_yield(uint32_t n);
extern volatile uint32_t u_bench_min;
extern volatile uint64_t u_bench_sum;

#endif /* __ASSEMBLER__ */
#endif /* GUEST_USER_PROGS_H */
