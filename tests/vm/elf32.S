/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest 32-bit x86 ELF executable: one PT_LOAD, linked by
 * scripts/mkinitramfs.sh at two places (-Ttext-segment puts the ELF header
 * page itself there, so the PT_LOAD starts exactly at that address):
 *   /tiny.elf      at 0x100000: a kernel the Launcher accepts, for the
 *                  checks that must not depend on tests/guest/vmlinux (no
 *                  /dev/lguest, ABI mismatch)
 *   /highload.elf  at 0x40000000 (1 GiB): past the end of any guest smaller
 *                  than 1024 MB, so "segment outside guest memory"
 * Run as a guest, it executes ud2 with no IDT: the host must kill it
 * ("unhandled trap 6"), a smoke test of the world switch that needs no
 * guest kernel.
 */
	.text
	.globl	_start
_start:
	ud2
	jmp	_start
