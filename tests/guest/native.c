// SPDX-License-Identifier: GPL-2.0
/*
 * The native backend: ring 0 on a PC (QEMU), booted by multiboot.  Our
 * own GDT and IDT, the 8259 PICs moved to vectors 32..47, the PIT as a
 * one-shot timer on IRQ 0, COM1 as the console, QEMU's isa-debug-exit
 * port to power off.
 */
#include "console.h"
#include "platform.h"
#include "string.h"
#include "traps.h"
#include "x86.h"

/* The GDT: flat ring-0 code and data, one not-present entry that the
 * segment test loads to see #NP and #SS (tests/segments.c), and from 16
 * on the layout both backends share (segments.h): TLS, ring 3, the TSS. */
#define GDT_CODE	1
#define GDT_DATA	2
#define GDT_ABSENT	3
#define KERNEL_CS	(GDT_CODE << 3)
#define KERNEL_DS	(GDT_DATA << 3)

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8))) = {
	[GDT_CODE]	= 0x00cf9a000000ffffull,	/* G D P DPL0 code RX */
	[GDT_DATA]	= 0x00cf92000000ffffull,	/* G B P DPL0 data RW */
	[GDT_ABSENT]	= 0x00cf12000000ffffull,	/* as data, P = 0 */
};

/* The 32-bit TSS: only the ring-0 stack for traps from ring 3 matters.
 * The I/O bitmap offset points past the limit: no ports for ring 3. */
struct tss32 {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss32) == 104, "32-bit TSS layout");

static struct tss32 tss __attribute__((aligned(128)));

#define X86_DESC_TSS32	(0x9u << 8)	/* available 32-bit TSS */

static uint64_t idt[256] __attribute__((aligned(8)));

#define COM1		0x3f8
#define PIC1		0x20
#define PIC2		0xa0
#define PIC_EOI		0x20
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_HZ		1193182u
#define PORT_61		0x61		/* PIT channel 2 gate and output */
#define DEBUG_EXIT	0xf4		/* QEMU isa-debug-exit */
#define CRASH_STATUS	255

/* Multiboot v1 info: only the fields we read. */
#define MB_INFO_MEM	(1u << 0)
#define MB_INFO_CMDLINE	(1u << 2)
#define MB_INFO_MMAP	(1u << 6)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;	/* KiB below 1 MiB, above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

struct multiboot_mmap {
	uint32_t size;			/* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

/* The serial port's receiver is not driven: natively there is no input. */
static uint32_t native_console_read(char *buf, uint32_t len)
{
	(void)buf;
	(void)len;
	return 0;
}

static void serial_init(void)
{
	outb(COM1 + 1, 0x00);		/* no UART interrupts */
	outb(COM1 + 3, 0x80);		/* DLAB: set the divisor */
	outb(COM1 + 0, 0x01);		/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);		/* 8N1 */
	outb(COM1 + 2, 0xc7);		/* FIFOs on and cleared */
	outb(COM1 + 4, 0x03);		/* DTR, RTS */
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + 5) & 0x20))	/* transmit holding register empty */
		;
	outb(COM1, (uint8_t)c);
}

static void native_console_write(const char *s, uint32_t len)
{
	while (len--) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}

static uint32_t native_save_flags(void)
{
	return read_eflags() & X86_EFLAGS_IF;
}

static void native_restore_flags(uint32_t flags)
{
	if (flags & X86_EFLAGS_IF)
		sti();
	else
		cli();
}

static void native_load_idt_entry(uint32_t vector, uint32_t lo, uint32_t hi)
{
	if (vector < 256)
		idt[vector] = ((uint64_t)hi << 32) | lo;
}

/* PIT channel 0, mode 0: one interrupt when the count runs out. */
static void native_set_timer(uint32_t ns)
{
	uint32_t count = ns / 838;	/* 838.1 ns per PIT tick */

	outb(PIT_CMD, 0x30);		/* ch0, lo/hi byte, mode 0: stops it */
	if (!ns)
		return;
	if (count > 0xffff)
		count = 0xffff;
	if (count < 1)
		count = 1;
	outb(PIT_CH0, count & 0xff);
	outb(PIT_CH0, count >> 8);	/* counting starts here */
}

static void native_load_gdt_entry(uint32_t index, struct desc d)
{
	if (index < GDT_ENTRIES)
		gdt[index] = ((uint64_t)d.hi << 32) | d.lo;
}

static void native_load_tls(const struct desc tls[TLS_ENTRIES])
{
	uint32_t i;

	for (i = 0; i < TLS_ENTRIES; i++)
		native_load_gdt_entry(GDT_TLS + i, tls[i]);
}

static void native_set_kernel_stack(uint32_t esp)
{
	tss.esp0 = esp;
}

/* The first load turns paging on; CR0.WP makes ring 0 obey read-only
 * pages, as ring 1 does under lguest. */
static void native_load_pgdir(uint32_t pgdir)
{
	write_cr3(pgdir);
	if (!(read_cr0() & X86_CR0_PG))
		write_cr0(read_cr0() | X86_CR0_PG | X86_CR0_WP);
}

static void native_set_pte(uint32_t pgdir, uint32_t va, uint32_t *ptep,
			   uint32_t pte)
{
	(void)pgdir;
	(void)va;
	*(volatile uint32_t *)ptep = pte;
}

static void native_set_pgd(uint32_t pgdir, uint32_t index, uint32_t pde)
{
	((volatile uint32_t *)pgdir)[index] = pde;
}

/* Without global pages, reloading CR3 flushes everything. */
static void native_flush_tlb(int all)
{
	(void)all;
	write_cr3(read_cr3());
}

static void native_lazy_mmu(int on)
{
	(void)on;		/* page table writes are all there is to it */
}

static void native_end_irq(uint32_t irq)
{
	if (irq >= 8)
		outb(PIC2, PIC_EOI);
	outb(PIC1, PIC_EOI);
}

static void native_halt(void)
{
	hlt();
}

static __noreturn void native_power_off(uint32_t status)
{
	outb(DEBUG_EXIT, (uint8_t)status);	/* QEMU exits (status << 1) | 1 */
	for (;;) {
		cli();
		hlt();
	}
}

static __noreturn void native_crash(const char *msg)
{
	kprintf("CRASH: %s\n", msg);
	native_power_off(CRASH_STATUS);
}

/* The 8259s: master at vectors 32..39, slave at 40..47, all but IRQ 0 masked. */
static void pic_init(void)
{
	outb(PIC1, 0x11);		/* ICW1: edge, cascade, ICW4 follows */
	outb(PIC2, 0x11);
	outb(PIC1 + 1, 32);		/* ICW2: vector base */
	outb(PIC2 + 1, 40);
	outb(PIC1 + 1, 0x04);		/* ICW3: slave on IRQ 2 */
	outb(PIC2 + 1, 0x02);
	outb(PIC1 + 1, 0x01);		/* ICW4: 8086 mode */
	outb(PIC2 + 1, 0x01);
	outb(PIC1 + 1, 0xfe);		/* masks: only the timer */
	outb(PIC2 + 1, 0xff);
}

/* Count TSC cycles across 10 ms of PIT channel 2. */
static uint32_t tsc_calibrate(void)
{
	uint32_t count = PIT_HZ / 100, spins = 0;
	uint64_t t0;

	outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);			/* ch2, lo/hi byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	t0 = rdtsc();
	while (!(inb(PORT_61) & 0x20))		/* OUT2 rises at zero */
		if (++spins > 100000000u)
			return 0;
	return (uint32_t)(rdtsc() - t0) / 10;	/* cycles per ms */
}

static void read_multiboot(const struct multiboot_info *mb)
{
	uint32_t off;
	const struct multiboot_mmap *e;

	if (mb->flags & MB_INFO_MMAP) {
		for (off = 0; off + sizeof(*e) <= mb->mmap_length;
		     off += e->size + 4) {
			e = (const void *)(mb->mmap_addr + off);
			boot_add_e820(e->addr, e->len, e->type);
		}
	} else if (mb->flags & MB_INFO_MEM) {
		boot_add_e820(0, mb->mem_lower * 1024ull, 1);
		boot_add_e820(0x100000, mb->mem_upper * 1024ull, 1);
	}
	if (mb->flags & MB_INFO_CMDLINE)
		boot_set_cmdline((const char *)mb->cmdline);
}

/*
 * x87, SSE and, where the CPU has them, XSAVE and AVX on, as the lguest
 * host has them for its guest: CR0.MP set, EM clear; CR4.OSFXSR and
 * OSXMMEXCPT, CR4.OSXSAVE with x87|SSE|AVX in XCR0.  4 MiB pages too.
 */
static void cpu_enable(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	write_cr0((read_cr0() | X86_CR0_MP) & ~X86_CR0_EM);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	if (r[3] & X86_CPUID1_EDX_PSE)
		write_cr4(read_cr4() | X86_CR4_PSE);
	if ((r[2] & X86_CPUID1_ECX_XSAVE) && (r[2] & X86_CPUID1_ECX_AVX)) {
		write_cr4(read_cr4() | X86_CR4_OSXSAVE);
		xsetbv(0, 7);
	}
}

/* The TSS, for the ring-0 stack of traps from ring 3. */
static void tss_init(void)
{
	uint32_t base = (uint32_t)&tss, limit = sizeof(tss) - 1;
	struct desc d;

	tss.ss0 = KERNEL_DS;
	tss.iomap_base = sizeof(tss);
	d.lo = (base << 16) | limit;
	d.hi = (base & 0xff000000) | ((base >> 16) & 0xff) | X86_DESC_P |
	       X86_DESC_TSS32;
	native_load_gdt_entry(GDT_NATIVE_TSS, d);
	ltr(GDT_NATIVE_TSS << 3);
}

static void set_ops(void)
{
	pv.name = "native";
	pv.paravirt = 0;
	pv.kernel_cs = KERNEL_CS;
	pv.kernel_ds = KERNEL_DS;
	pv.console_write = native_console_write;
	pv.console_read = native_console_read;
	pv.irq_disable = cli;
	pv.irq_enable = sti;
	pv.save_flags = native_save_flags;
	pv.restore_flags = native_restore_flags;
	pv.load_idt_entry = native_load_idt_entry;
	pv.set_timer = native_set_timer;
	pv.end_irq = native_end_irq;
	pv.halt = native_halt;
	pv.fault_address = read_cr2;
	pv.power_off = native_power_off;
	pv.crash = native_crash;
	pv.load_pgdir = native_load_pgdir;
	pv.set_pte = native_set_pte;
	pv.set_pgd = native_set_pgd;
	pv.flush_page = invlpg;
	pv.flush_tlb = native_flush_tlb;
	pv.lazy_mmu = native_lazy_mmu;
	pv.load_gdt_entry = native_load_gdt_entry;
	pv.load_tls = native_load_tls;
	pv.set_kernel_stack = native_set_kernel_stack;
	pv_iret = (uint32_t)native_iret;
}

void native_init(uint32_t multiboot_info)
{
	set_ops();
	serial_init();
	lgdt(gdt, sizeof(gdt) - 1);
	load_segments(KERNEL_CS, KERNEL_DS);
	tss_init();
	lidt(idt, sizeof(idt) - 1);
	pic_init();
	cpu_enable();
	wrmsr(MSR_IA32_SYSENTER_CS, 0);	/* sysenter #GPs, as under lguest */
	pv.tsc_khz = tsc_calibrate();
	read_multiboot((const struct multiboot_info *)multiboot_info);
}
