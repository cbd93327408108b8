/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traps and interrupts: the frame traps.S builds, the IDT, IRQ handlers
 * and the record of expected faults (the exception table, extable.h).
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
 * Expected faults (extable.h).  A trap at an instruction listed in the
 * exception table is recorded here and execution resumes at its fixup.
 * fault_clear() forgets the record; fault_taken() says whether a fault
 * was recorded since, and copies it.  cr2 is the fault address for #PF.
 */
struct fault_info {
	uint32_t vector, error, eip, cs, cr2;
	uint32_t fixup;		/* where it resumed: eip == fixup for a trap */
};

void fault_clear(void);
int fault_taken(struct fault_info *out);

const char *trap_name(uint32_t vector);

/* traps.S: the entry stubs, one per vector, and the two return paths. */
extern const uint32_t trap_stubs[NR_TRAP_STUBS];
extern char native_iret[], lguest_iret[];
extern char lguest_noirq_start[], lguest_noirq_end[];

#endif /* GUEST_TRAPS_H */
