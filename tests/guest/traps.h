/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traps and interrupts: the frame traps.S builds, the IDT, IRQ handlers
 * and the record of expected faults (the exception table, extable.h).
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <stdint.h>

#define NR_TRAP_STUBS	256	/* every vector has one */
#define IRQ_BASE	32	/* IRQ n arrives at vector 32 + n */
#define NR_IRQS		32

/*
 * The common frame, lowest address first: what traps.S pushes (segments,
 * pushal, vector, error code), then what the CPU -- or the lguest host,
 * acting like one -- pushed: eip, cs, eflags, and for a trap from ring 3
 * only, the user's esp and ss.
 */
struct trap_frame {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;		/* from ring 3 only */
};

static inline int from_user(const struct trap_frame *f)
{
	return (f->cs & 3) == 3;
}

typedef void (*irq_handler_t)(uint32_t irq);

void traps_init(void);
void irq_register(uint32_t irq, irq_handler_t fn);
void trap_dispatch(struct trap_frame *f);	/* called by traps.S */
/* A 32-bit gate to handler on the kernel's code segment.  Interrupt gates
 * clear the (virtual) IF on entry, trap gates leave it; dpl is the least
 * privileged ring that may reach it with "int n". */
void idt_set_gate(uint32_t vector, uint32_t handler, uint32_t dpl, int trap);
void idt_clear_gate(uint32_t vector);
void handle_irq(uint32_t irq);	/* run its handler, acknowledge it */

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
/* Resume f at the fixup if the exception table lists its eip; 0 if not. */
int extable_fixup(struct trap_frame *f);

const char *trap_name(uint32_t vector);

/* traps.S: the entry stubs, one per vector, and the two return paths. */
extern const uint32_t trap_stubs[NR_TRAP_STUBS];
extern char native_iret[], lguest_iret[], trap_return[];
extern char lguest_noirq_start[], lguest_noirq_end[];

#endif /* GUEST_TRAPS_H */
