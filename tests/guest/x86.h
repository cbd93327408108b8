/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU accessors: one tiny static inline per instruction, so the C code
 * never hides inline assembly in the middle of its logic.  Which of them
 * are allowed depends on the ring: at ring 1 (lguest) port I/O, cli/sti,
 * hlt, lidt/lgdt and CR access fault; rdtsc, lar, pushf/popf do not.
 */
#ifndef GUEST_X86_H
#define GUEST_X86_H

#include <stdint.h>

#define X86_EFLAGS_TF	0x100u
#define X86_EFLAGS_IF	0x200u
#define X86_EFLAGS_IOPL	0x3000u
#define X86_EFLAGS_DF	0x400u
#define X86_EFLAGS_AC	0x40000u

/* Exception vectors the tests and the trap code name. */
#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1	/* debug (single step) */
#define X86_TRAP_BP	3	/* breakpoint (int3) */
#define X86_TRAP_OF	4	/* overflow (into) */
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_NP	11	/* segment not present */
#define X86_TRAP_SS	12	/* stack-segment fault */
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */

static inline uint16_t read_cs(void)
{
	uint16_t v;

	asm volatile("mov %%cs, %0" : "=r"(v));
	return v;
}

static inline uint16_t read_ss(void)
{
	uint16_t v;

	asm volatile("mov %%ss, %0" : "=r"(v));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void cli(void)
{
	asm volatile("cli" : : : "memory");
}

static inline void sti(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void hlt(void)
{
	asm volatile("hlt" : : : "memory");
}

static inline uint32_t read_eflags(void)
{
	uint32_t v;

	asm volatile("pushfl; popl %0" : "=r"(v) : : "memory");
	return v;
}

static inline void write_eflags(uint32_t v)
{
	asm volatile("pushl %0; popfl" : : "g"(v) : "memory", "cc");
}

static inline uint32_t read_cr2(void)
{
	uint32_t v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

#define MSR_IA32_SYSENTER_CS	0x174

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
		     "d"((uint32_t)(v >> 32)) : "memory");
}

/* A descriptor-table pointer as lgdt/lidt read it. */
struct x86_dtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static inline uint32_t read_cr0(void)
{
	uint32_t v;

	asm volatile("mov %%cr0, %0" : "=r" (v));
	return v;
}

static inline void write_cr0(uint32_t v)
{
	asm volatile("mov %0, %%cr0" : : "r" (v) : "memory");
}

static inline uint32_t read_cr4(void)
{
	uint32_t v;

	asm volatile("mov %%cr4, %0" : "=r" (v));
	return v;
}

static inline void write_cr4(uint32_t v)
{
	asm volatile("mov %0, %%cr4" : : "r" (v) : "memory");
}

/* Control register bits the kernel sets natively. */
#define X86_CR0_MP	(1u << 1)	/* wait/fwait honours TS */
#define X86_CR0_EM	(1u << 2)	/* emulate the FPU: off */
#define X86_CR0_WP	(1u << 16)	/* ring 0 obeys read-only pages too */
#define X86_CR0_PG	(1u << 31)
#define X86_CR4_PSE	(1u << 4)	/* 4 MiB pages in 2-level paging */
#define X86_CR4_OSFXSR	(1u << 9)
#define X86_CR4_OSXMMEXCPT (1u << 10)
#define X86_CR4_OSXSAVE	(1u << 18)

static inline uint32_t read_cr3(void)
{
	uint32_t v;

	asm volatile("mov %%cr3, %0" : "=r" (v));
	return v;
}

static inline void write_cr3(uint32_t v)
{
	asm volatile("mov %0, %%cr3" : : "r" (v) : "memory");
}

static inline void invlpg(uint32_t vaddr)
{
	asm volatile("invlpg (%0)" : : "r" (vaddr) : "memory");
}

static inline void ltr(uint16_t sel)
{
	asm volatile("ltr %0" : : "r" (sel));
}

/* cpuid: r[0..3] = eax, ebx, ecx, edx. */
static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "a"(leaf), "c"(subleaf));
}

#define X86_CPUID1_EDX_PSE	(1u << 3)
#define X86_CPUID1_ECX_XSAVE	(1u << 26)
#define X86_CPUID1_ECX_OSXSAVE	(1u << 27)
#define X86_CPUID1_ECX_AVX	(1u << 28)

/* XCR0, which state components XSAVE manages (x87 1, SSE 2, AVX 4):
 * readable at any ring once CR4.OSXSAVE is set, writable only at ring 0. */
static inline uint64_t xgetbv(uint32_t xcr)
{
	uint32_t lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(xcr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void xsetbv(uint32_t xcr, uint64_t v)
{
	asm volatile("xsetbv" : : "c"(xcr), "a"((uint32_t)v),
		     "d"((uint32_t)(v >> 32)) : "memory");
}

/* The extended state to and from a 64-byte aligned area. */
static inline void fxsave(void *area)
{
	asm volatile("fxsave (%0)" : : "r"(area) : "memory");
}

static inline void fxrstor(const void *area)
{
	asm volatile("fxrstor (%0)" : : "r"(area) : "memory");
}

static inline void xsave(void *area, uint64_t mask)
{
	asm volatile("xsave (%0)" : : "r"(area), "a"((uint32_t)mask),
		     "d"((uint32_t)(mask >> 32)) : "memory");
}

static inline void xrstor(const void *area, uint64_t mask)
{
	asm volatile("xrstor (%0)" : : "r"(area), "a"((uint32_t)mask),
		     "d"((uint32_t)(mask >> 32)) : "memory");
}

/* Fill xmm0..xmm7 from, or store them to, 128 bytes at p. */
static inline void load_xmm0_7(const uint32_t *p)
{
	asm volatile("movdqu 0(%0), %%xmm0; movdqu 16(%0), %%xmm1\n\t"
		     "movdqu 32(%0), %%xmm2; movdqu 48(%0), %%xmm3\n\t"
		     "movdqu 64(%0), %%xmm4; movdqu 80(%0), %%xmm5\n\t"
		     "movdqu 96(%0), %%xmm6; movdqu 112(%0), %%xmm7"
		     : : "r" (p) : "memory");
}

static inline void store_xmm0_7(uint32_t *p)
{
	asm volatile("movdqu %%xmm0, 0(%0); movdqu %%xmm1, 16(%0)\n\t"
		     "movdqu %%xmm2, 32(%0); movdqu %%xmm3, 48(%0)\n\t"
		     "movdqu %%xmm4, 64(%0); movdqu %%xmm5, 80(%0)\n\t"
		     "movdqu %%xmm6, 96(%0); movdqu %%xmm7, 112(%0)"
		     : : "r" (p) : "memory");
}

static inline void fpu_set_control(uint16_t fcw, uint32_t mxcsr)
{
	asm volatile("fninit; fldcw %0; ldmxcsr %1" : : "m" (fcw), "m" (mxcsr));
}

static inline void fpu_get_control(uint16_t *fcw, uint32_t *mxcsr)
{
	asm volatile("fnstcw %0; stmxcsr %1" : "=m" (*fcw), "=m" (*mxcsr));
}

static inline void lgdt(const void *base, uint16_t limit)
{
	struct x86_dtr d = { limit, (uint32_t)base };

	asm volatile("lgdt %0" : : "m"(d) : "memory");
}

static inline void lidt(const void *base, uint16_t limit)
{
	struct x86_dtr d = { limit, (uint32_t)base };

	asm volatile("lidt %0" : : "m"(d) : "memory");
}

static inline void load_fs_gs(uint16_t sel)
{
	asm volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(sel));
}

/* Load CS with a far return, then the data segments; FS/GS get null. */
static inline void load_segments(uint16_t cs, uint16_t ds)
{
	asm volatile("pushl %0\n\t"
		     "pushl $1f\n\t"
		     "lret\n"
		     "1:\tmov %1, %%ds\n\t"
		     "mov %1, %%es\n\t"
		     "mov %1, %%ss"
		     : : "r"((uint32_t)cs), "r"(ds) : "memory");
	load_fs_gs(0);
}

/*
 * lar: the access-rights bytes of a descriptor, if the CPU lets this ring
 * see it.  Returns 1 and fills *ar (bits 8..23 of the descriptor's high
 * word) on success, 0 when the selector is invalid or out of reach.
 */
static inline int lar(uint32_t sel, uint32_t *ar)
{
	uint32_t v = 0;
	uint8_t ok;

	asm volatile("lar %2, %0\n\tsetz %1"
		     : "+r"(v), "=q"(ok) : "r"(sel) : "cc");
	*ar = v;
	return ok;
}

/* 64-by-32 division with one divl per half: no libgcc needed. */
static inline uint64_t div64_32(uint64_t n, uint32_t d, uint32_t *rem)
{
	uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n;
	uint32_t qhi = hi / d, r = hi % d, qlo;

	asm("divl %3" : "=a"(qlo), "=d"(r) : "a"(lo), "rm"(d), "d"(r));
	if (rem)
		*rem = r;
	return ((uint64_t)qhi << 32) | qlo;
}

#endif /* GUEST_X86_H */
