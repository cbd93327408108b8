// SPDX-License-Identifier: GPL-2.0
/*
 * The FPU state of a guest and of its Launcher stay apart.  This program
 * is a Launcher of its own: it runs a tiny guest (below) whose first
 * instructions record the FPU state it was given, which must be a reset
 * FPU (FCW 0x37f, MXCSR 0x1f80, every vector register zero) and never the
 * Launcher's.  The guest then fills ymm0-7 with its own pattern and writes
 * to the console, so read() returns; we fill ymm0-7 with ours and read()
 * again, and the guest checks its registers came back.  Every read() runs
 * inside one asm block that loads our ymm0-7 before and stores them after,
 * so we also see whether the host gave us back our own.  PKRU the same
 * way: the guest starts with the Launcher's, writes its own, and each
 * keeps its own across the exit.
 *
 * Prints "PASS fpu.<name>" / "FAIL fpu.<name>: why".  Without AVX or
 * protection keys only the x87/SSE part runs.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <lguest/abi.h>
#include <lguest/dev.h>
#include <lguest/hcall.h>
#include "avx.h"

#define MiB		(1024UL * 1024)
#define MEM_SIZE	(16 * MiB)
#define ENTRY		0x100000
#define YMM_WORDS	64			/* 8 registers x 8 words */

/* Guest-physical addresses of what the guest reads and writes. */
#define G_FCW		0x2000			/* u16: FCW at entry */
#define G_MXCSR		0x2004			/* u32: MXCSR at entry */
#define G_XMM		0x2100			/* xmm0-7 at entry (128 bytes) */
#define G_YMM		0x2200			/* ymm0-7 at entry (256 bytes) */
#define G_HAVE_AVX	0x3000			/* u32 from us: run the AVX part */
#define G_HAVE_PKU	0x3004			/* u32 from us: run the PKRU part */
#define G_PKRU_ENTRY	0x3008			/* u32: PKRU at entry */
#define G_PKRU_AFTER	0x300c			/* u32: PKRU after the console exit */
#define G_PATTERN	0x3100			/* its ymm0-7 pattern, from us */
#define G_AFTER		0x3200			/* ymm0-7 after the console exit */
#define G_TEXT		0x3400			/* one byte of console output */

/* PKRU values: key 0 (all of memory here) stays accessible in each. */
#define GUEST_PKRU	0x30			/* key 2 disabled */
#define LAUNCHER_PKRU1	0xc0			/* key 3 */
#define LAUNCHER_PKRU2	0x0c			/* key 1 */

#define STR_(x)		#x
#define STR(x)		STR_(x)

/* Hypercall numbers as the assembler needs them: literals, checked. */
#define HC_CONSOLE_WRITE	2
#define HC_SHUTDOWN		3
_Static_assert(HC_CONSOLE_WRITE == LHCALL_CONSOLE_WRITE, "hypercall number");
_Static_assert(HC_SHUTDOWN == LHCALL_SHUTDOWN, "hypercall number");

/* The guest, 32-bit code at ENTRY: no stack, no IDT, no interrupts. */
asm(".pushsection .rodata\n"
	".globl guest_start, guest_end\n"
	"guest_start:\n"
	".code32\n"
	"	fnstcw " STR(G_FCW) "\n"
	"	stmxcsr " STR(G_MXCSR) "\n"
	"	movdqu %xmm0, " STR(G_XMM) "+0;   movdqu %xmm1, " STR(G_XMM) "+16\n"
	"	movdqu %xmm2, " STR(G_XMM) "+32;  movdqu %xmm3, " STR(G_XMM) "+48\n"
	"	movdqu %xmm4, " STR(G_XMM) "+64;  movdqu %xmm5, " STR(G_XMM) "+80\n"
	"	movdqu %xmm6, " STR(G_XMM) "+96;  movdqu %xmm7, " STR(G_XMM) "+112\n"
	"	cmpl $0, " STR(G_HAVE_AVX) "\n"
	"	je 1f\n"
	"	vmovdqu %ymm0, " STR(G_YMM) "+0;   vmovdqu %ymm1, " STR(G_YMM) "+32\n"
	"	vmovdqu %ymm2, " STR(G_YMM) "+64;  vmovdqu %ymm3, " STR(G_YMM) "+96\n"
	"	vmovdqu %ymm4, " STR(G_YMM) "+128; vmovdqu %ymm5, " STR(G_YMM) "+160\n"
	"	vmovdqu %ymm6, " STR(G_YMM) "+192; vmovdqu %ymm7, " STR(G_YMM) "+224\n"
	"	vmovdqu " STR(G_PATTERN) "+0, %ymm0;   vmovdqu " STR(G_PATTERN) "+32, %ymm1\n"
	"	vmovdqu " STR(G_PATTERN) "+64, %ymm2;  vmovdqu " STR(G_PATTERN) "+96, %ymm3\n"
	"	vmovdqu " STR(G_PATTERN) "+128, %ymm4; vmovdqu " STR(G_PATTERN) "+160, %ymm5\n"
	"	vmovdqu " STR(G_PATTERN) "+192, %ymm6; vmovdqu " STR(G_PATTERN) "+224, %ymm7\n"
	"1:	cmpl $0, " STR(G_HAVE_PKU) "\n"
	"	je 2f\n"
	"	xorl %ecx, %ecx\n"
	"	rdpkru\n"
	"	movl %eax, " STR(G_PKRU_ENTRY) "\n"
	"	movl $" STR(GUEST_PKRU) ", %eax\n"
	"	xorl %ecx, %ecx\n"
	"	xorl %edx, %edx\n"
	"	wrpkru\n"
	"2:	movl $" STR(HC_CONSOLE_WRITE) ", %eax\n"
	"	movl $" STR(G_TEXT) ", %ebx\n"
	"	movl $1, %ecx\n"
	"	int $0x1f\n"
	"	cmpl $0, " STR(G_HAVE_AVX) "\n"
	"	je 3f\n"
	"	vmovdqu %ymm0, " STR(G_AFTER) "+0;   vmovdqu %ymm1, " STR(G_AFTER) "+32\n"
	"	vmovdqu %ymm2, " STR(G_AFTER) "+64;  vmovdqu %ymm3, " STR(G_AFTER) "+96\n"
	"	vmovdqu %ymm4, " STR(G_AFTER) "+128; vmovdqu %ymm5, " STR(G_AFTER) "+160\n"
	"	vmovdqu %ymm6, " STR(G_AFTER) "+192; vmovdqu %ymm7, " STR(G_AFTER) "+224\n"
	"3:	cmpl $0, " STR(G_HAVE_PKU) "\n"
	"	je 4f\n"
	"	xorl %ecx, %ecx\n"
	"	rdpkru\n"
	"	movl %eax, " STR(G_PKRU_AFTER) "\n"
	"4:	movl $" STR(HC_SHUTDOWN) ", %eax\n"
	"	xorl %ebx, %ebx\n"
	"	xorl %ecx, %ecx\n"
	"	int $0x1f\n"
	"5:	jmp 5b\n"
	".code64\n"
	"guest_end:\n"
	".popsection");
extern const unsigned char guest_start[], guest_end[];

static int failures;

static void result(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("PASS fpu.%s\n", name);
	} else {
		printf("FAIL fpu.%s: %s\n", name, why);
		failures++;
	}
}

/* Protection keys on, so RDPKRU/WRPKRU work at any ring. */
static int have_pku(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (c & bit_OSPKE);
}

static uint32_t rdpkru(void)
{
	uint32_t pkru, edx;

	asm volatile("rdpkru" : "=a" (pkru), "=d" (edx) : "c" (0));
	return pkru;
}

static void wrpkru(uint32_t pkru)
{
	asm volatile("wrpkru" : : "a" (pkru), "c" (0), "d" (0) : "memory");
}

/* Word w of ymm r: the owner in the top byte, round in the next. */
static void fill(uint32_t *p, uint32_t owner, uint32_t round)
{
	for (int i = 0; i < YMM_WORDS; i++)
		p[i] = owner | round << 16 | (i / 8) << 3 | i % 8;
}

/*
 * read(fd) with ymm0-7 loaded from before[] and stored to after[] around
 * the system call itself, with no library code in between.
 */
static ssize_t read_with_ymm(int fd, void *buf, size_t len,
			     const uint32_t *before, uint32_t *after)
{
	long ret = SYS_read;

	asm volatile("vmovdqu 0(%[b]), %%ymm0; vmovdqu 32(%[b]), %%ymm1\n\t"
		     "vmovdqu 64(%[b]), %%ymm2; vmovdqu 96(%[b]), %%ymm3\n\t"
		     "vmovdqu 128(%[b]), %%ymm4; vmovdqu 160(%[b]), %%ymm5\n\t"
		     "vmovdqu 192(%[b]), %%ymm6; vmovdqu 224(%[b]), %%ymm7\n\t"
		     "syscall\n\t"
		     "vmovdqu %%ymm0, 0(%[a]); vmovdqu %%ymm1, 32(%[a])\n\t"
		     "vmovdqu %%ymm2, 64(%[a]); vmovdqu %%ymm3, 96(%[a])\n\t"
		     "vmovdqu %%ymm4, 128(%[a]); vmovdqu %%ymm5, 160(%[a])\n\t"
		     "vmovdqu %%ymm6, 192(%[a]); vmovdqu %%ymm7, 224(%[a])"
		     : "+a" (ret)
		     : "D" ((long)fd), "S" (buf), "d" (len), [b] "r" (before), [a] "r" (after)
		     : "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3",
		       "xmm4", "xmm5", "xmm6", "xmm7");
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return ret;
}

/* First differing word of two ymm0-7 images, or -1; why gets a line. */
static int ymm_diff(const uint32_t *got, const uint32_t *want, char *why, size_t len,
		    const char *what)
{
	for (int i = 0; i < YMM_WORDS; i++)
		if (got[i] != want[i]) {
			snprintf(why, len, "%s: ymm%d word %d is %08x, expected %08x",
				 what, i / 8, i % 8, got[i], want[i]);
			return i;
		}
	return -1;
}

static int open_guest(unsigned char *mem, int avx, int pku)
{
	struct lguest_init in = {
		.req = LHREQ_INITIALIZE, .magic = LGUEST_MAGIC,
		.abi_revision = LGUEST_ABI_REVISION, .entry = ENTRY,
		.mem_base = (unsigned long)mem, .mem_size = MEM_SIZE,
		.boot_params = 0x1000,
	};
	int fd = open(LGUEST_DEVICE, O_RDWR);

	if (fd < 0 || write(fd, &in, sizeof(in)) != sizeof(in)) {
		printf("FAIL fpu.open: %s\n", strerror(errno));
		return -1;
	}
	memcpy(mem + ENTRY, guest_start, guest_end - guest_start);
	*(uint32_t *)(mem + G_HAVE_AVX) = avx;
	*(uint32_t *)(mem + G_HAVE_PKU) = pku;
	fill((uint32_t *)(mem + G_PATTERN), 0x47000000, 0);
	mem[G_TEXT] = '.';
	return fd;
}

/* What the Launcher saw of its own registers across read(). */
struct launcher_view {
	int ymm_ok, pkru_ok;
	char ymm_why[160], pkru_why[160];
};

/*
 * Run the guest to its end; every read() checks our ymm0-7 and PKRU came
 * back.  Our PKRU differs from one read() to the next.
 */
static int run_guest(int fd, int avx, int pku, struct launcher_view *v)
{
	uint32_t ours[YMM_WORDS], after[YMM_WORDS], pkru;
	char buf[LGUEST_EVENT_MAX];
	struct lguest_event *ev = (struct lguest_event *)buf;
	uint32_t round;

	v->ymm_ok = v->pkru_ok = 1;
	for (round = 1; round < 10; round++) {
		ssize_t n;

		fill(ours, 0x4c000000, round);	/* "L" */
		pkru = round == 1 ? LAUNCHER_PKRU1 : LAUNCHER_PKRU2;
		if (pku)
			wrpkru(pkru);
		if (avx) {
			n = read_with_ymm(fd, buf, sizeof(buf), ours, after);
			if (v->ymm_ok && ymm_diff(after, ours, v->ymm_why, sizeof(v->ymm_why),
						  "after read()") >= 0)
				v->ymm_ok = 0;
		} else {
			n = read(fd, buf, sizeof(buf));
		}
		if (pku && v->pkru_ok && rdpkru() != pkru) {
			snprintf(v->pkru_why, sizeof(v->pkru_why),
				 "after read() %u PKRU is %#x, expected %#x", round, rdpkru(), pkru);
			v->pkru_ok = 0;
		}
		if (n < (ssize_t)sizeof(*ev)) {
			printf("FAIL fpu.run: read returned %zd (%s)\n", n, strerror(errno));
			return -1;
		}
		if (ev->kind == LGUEST_EV_SHUTDOWN)
			return 0;
		if (ev->kind != LGUEST_EV_CONSOLE) {
			printf("FAIL fpu.run: guest died: %.*s\n", (int)ev->len, ev->data);
			return -1;
		}
	}
	printf("FAIL fpu.run: no shutdown after %u reads\n", round);
	return -1;
}

static void check_fresh(const unsigned char *mem, int avx)
{
	uint16_t fcw = *(const uint16_t *)(mem + G_FCW);
	uint32_t mxcsr = *(const uint32_t *)(mem + G_MXCSR), zero[YMM_WORDS];
	const uint32_t *xmm = (const uint32_t *)(mem + G_XMM);
	char why[160] = "";
	int i;

	memset(zero, 0, sizeof(zero));
	if (fcw != 0x37f || mxcsr != 0x1f80)
		snprintf(why, sizeof(why), "FCW %#x MXCSR %#x, expected 0x37f 0x1f80", fcw, mxcsr);
	for (i = 0; i < 32 && !why[0]; i++)
		if (xmm[i])
			snprintf(why, sizeof(why), "xmm%d word %d is %08x, expected 0",
				 i / 4, i % 4, xmm[i]);
	if (avx && !why[0])
		ymm_diff((const uint32_t *)(mem + G_YMM), zero, why, sizeof(why),
			 "the guest's first instruction saw");
	result("fresh_guest_reset", !why[0], why);
}

static void check_ymm(const unsigned char *mem, const struct launcher_view *v)
{
	uint32_t pattern[YMM_WORDS];
	char why[160] = "";

	result("launcher_ymm_kept", v->ymm_ok, v->ymm_why);
	fill(pattern, 0x47000000, 0);
	ymm_diff((const uint32_t *)(mem + G_AFTER), pattern, why, sizeof(why),
		 "after the guest's console exit");
	result("guest_ymm_kept_across_read", !why[0], why);
}

static void check_pkru(const unsigned char *mem, const struct launcher_view *v)
{
	uint32_t entry = *(const uint32_t *)(mem + G_PKRU_ENTRY);
	uint32_t after = *(const uint32_t *)(mem + G_PKRU_AFTER);
	char why[160] = "";

	result("launcher_pkru_kept", v->pkru_ok, v->pkru_why);
	if (entry != LAUNCHER_PKRU1)
		snprintf(why, sizeof(why), "PKRU at entry %#x, expected the Launcher's %#x",
			 entry, LAUNCHER_PKRU1);
	else if (after != GUEST_PKRU)
		snprintf(why, sizeof(why), "PKRU after the console exit %#x, expected %#x",
			 after, GUEST_PKRU);
	result("guest_pkru_kept_across_read", !why[0], why);
}

int main(void)
{
	unsigned char *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int avx = have_avx(), pku = have_pku(), fd;
	struct launcher_view v;

	if (mem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (pku)
		wrpkru(LAUNCHER_PKRU1);		/* the guest's PKRU starts as ours */
	fd = open_guest(mem, avx, pku);
	if (fd < 0 || run_guest(fd, avx, pku, &v))
		return 1;
	close(fd);
	check_fresh(mem, avx);
	if (avx)
		check_ymm(mem, &v);
	else
		printf("fpu_test: no AVX, ymm tests skipped\n");
	if (pku)
		check_pkru(mem, &v);
	else
		printf("fpu_test: no protection keys, PKRU tests skipped\n");
	return failures != 0;
}
