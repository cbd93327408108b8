/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line parsing for the Launcher:
 *
 *	lguest [--initrd=FILE] [options] <mem-MB> <guest-kernel> [guest args...]
 *
 * Pure: no I/O, errors come back as one line of text (see err.h).
 */
#ifndef LAUNCHER_ARGS_H
#define LAUNCHER_ARGS_H

#include <stdint.h>

struct args {
	int help;		/* --help: print args_usage and stop */
	int version;		/* --version: print args_version and stop */
	uint32_t abi_revision;	/* the revision we claim to speak */
	uint32_t mem_mb;	/* guest memory, in MiB */
	const char *initrd;	/* --initrd=FILE, or NULL */
	const char *kernel;	/* path of the guest kernel: ELF32 or bzImage */
	int guest_argc;		/* the guest's command line, unjoined */
	char **guest_argv;
};

/* The --help text, ready for stdout. */
extern const char args_usage[];

/* The --version line: the Launcher's version and the ABI revision it speaks. */
extern const char args_version[];

/* Fill *out from argv; NULL on success, else why not. */
const char *args_parse(int argc, char **argv, struct args *out);

/* A memory size in MiB, within LGUEST_MIN_MEM_MB..LGUEST_MAX_MEM_MB. */
const char *args_parse_mem(const char *s, uint32_t *mb);

#endif /* LAUNCHER_ARGS_H */
