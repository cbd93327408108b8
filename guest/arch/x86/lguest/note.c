// SPDX-License-Identifier: GPL-2.0
/*
 * The lguest platform's mark on vmlinux.  The Launcher refuses a Linux
 * kernel without this ELF note: at ring 1, such a kernel would die at its
 * first privileged instruction, long before it could say why.  The note
 * lands in .notes, in vmlinux's PT_NOTE segment, and so survives into the
 * payload of the bzImage.
 *
 * name "lguest", type 1 (the platform), desc a 32-bit 1 (not checked yet).
 */
#include <linux/elfnote.h>

#define LGUEST_ELFNOTE_PLATFORM	1

ELFNOTE32("lguest", LGUEST_ELFNOTE_PLATFORM, 1);
