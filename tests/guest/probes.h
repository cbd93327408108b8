/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault sites and segment probes (probes.S) for the tests.
 */
#ifndef GUEST_PROBES_H
#define GUEST_PROBES_H

#include <stdint.h>

void probe_ud2(void), probe_divide(void);
void probe_sysenter(void), probe_syscall(void);
extern char probe_ud2_site[], probe_divide_site[];
extern char probe_sysenter_site[], probe_syscall_site[];
uint32_t seg_try_ds(uint32_t sel), seg_try_ss(uint32_t sel);
uint32_t seg_try_ljmp(uint32_t sel);
extern char seg_ds_site[], seg_ss_site[], seg_ljmp_site[];
extern char seg_resume[], seg_ljmp_resume[];
extern char probe_int_table[];		/* 256 x "int $n; ret; nop" */
uint32_t probe_read(uint32_t addr);
void probe_singlestep(void);
extern char probe_singlestep_site[];
extern char probe_read_site[];
#define SEG_LANDED	0x444e414cu	/* what seg_land returns */

#endif /* GUEST_PROBES_H */
