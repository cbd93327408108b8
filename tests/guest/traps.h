/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traps and interrupts: the frame traps.S builds, the IDT, IRQ handlers
 * and the "expected fault" record the tests use to survive a fault on
 * purpose.
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <stdint.h>

#define NR_TRAP_STUBS	64	/* exceptions 0..31, IRQs 32..63 */
#define IRQ_BASE	32	/* IRQ n arrives at vector 32 + n */
#define NR_IRQS		32

/*
 * The common frame, lowest address first: what traps.S pushes (segments,
 * pushal, vector, error code), then what the CPU -- or the lguest host,
 * acting like one -- pushed: eip, cs, eflags.  A trap from ring 3 would add
 * esp and ss after eflags; there is no ring 3 yet.
 */
struct trap_frame {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
};

typedef void (*irq_handler_t)(uint32_t irq);

void traps_init(void);
void irq_register(uint32_t irq, irq_handler_t fn);
void trap_dispatch(struct trap_frame *f);	/* called by traps.S */
void idt_set_gate(uint32_t vector, uint32_t handler);
void idt_clear_gate(uint32_t vector);

/*
 * Expected faults.  fault_expect(resume) arms a one-shot record: the next
 * exception (vector < 32) is recorded instead of killing the kernel, and
 * execution resumes at `resume` with cs = the kernel's code selector.
 * fault_taken() disarms the record and says whether a fault was caught.
 */
struct fault_info {
	uint32_t vector, error, eip, cs;
};

void fault_expect(uint32_t resume);
int fault_taken(struct fault_info *out);

const char *trap_name(uint32_t vector);

/* traps.S: the entry stubs, one per vector, and the two return paths. */
extern const uint32_t trap_stubs[NR_TRAP_STUBS];
extern char native_iret[], lguest_iret[];
extern char lguest_noirq_start[], lguest_noirq_end[];

#endif /* GUEST_TRAPS_H */
