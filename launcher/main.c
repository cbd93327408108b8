// SPDX-License-Identifier: GPL-2.0
/*L:000 lguest: the Launcher.  It sets up a guest the way a boot loader sets up
 * a PC, hands it to the host module through /dev/lguest, and then serves
 * it: printing its console output and reporting how it stopped.
 *
 * main() reads top to bottom as the boot sequence.  Everything that can be
 * checked without the module (arguments, kernel, boot parameters) is
 * checked first, so those errors show even where lg.ko is not loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "boot.h"
#include "elf.h"
#include "launcher.h"

/* A kernel file bigger than this is a mistake, not a kernel. */
#define KERNEL_FILE_MAX		(1ull << 30)

static void parse_or_die(int argc, char **argv, struct args *args)
{
	const char *err = args_parse(argc, argv, args);

	if (err)
		die("%s", err);
	if (args->help) {
		fputs(args_usage, stdout);
		exit(0);
	}
	if (args->version) {
		fputs(args_version, stdout);
		exit(0);
	}
}

/* Guest-physical p is Launcher address mem + p; mmap() gives page alignment.
 * MAP_NORESERVE: the host pins pages only as the guest touches them, so a
 * big guest that uses little costs little. */
static void *alloc_guest_memory(uint64_t size)
{
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (mem == MAP_FAILED)
		die("cannot allocate %llu MiB of guest memory: %s",
		    (unsigned long long)(size >> 20), strerror(errno));
	return mem;
}

/* Read exactly size bytes; the file may shrink under us. */
static void read_all(int fd, const char *path, char *buf, size_t size)
{
	size_t done = 0;
	ssize_t n;

	while (done < size) {
		n = read(fd, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("cannot read guest kernel '%s': %s", path,
			    strerror(errno));
		if (n == 0)
			die("guest kernel '%s' shrank while being read", path);
		done += (size_t)n;
	}
}

/* The whole kernel file, in a malloc()ed buffer. */
static char *read_kernel_file(const char *path, size_t *size)
{
	struct stat st;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die("cannot open guest kernel '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0)
		die("cannot stat guest kernel '%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		die("guest kernel '%s' is a directory", path);
	if (!S_ISREG(st.st_mode))
		die("guest kernel '%s' is not a regular file", path);
	if ((unsigned long long)st.st_size > KERNEL_FILE_MAX)
		die("guest kernel '%s' is too large (%lld bytes)", path,
		    (long long)st.st_size);
	*size = (size_t)st.st_size;
	buf = malloc(*size ? *size : 1);
	if (!buf)
		die("out of memory reading guest kernel '%s'", path);
	read_all(fd, path, buf, *size);
	close(fd);
	return buf;
}

/* PT_LOAD segments at their physical addresses; returns the entry point. */
static uint32_t load_kernel(const char *path, void *mem, uint64_t mem_size)
{
	size_t size;
	char *file = read_kernel_file(path, &size);
	uint32_t entry = 0;
	const char *err = elf_load(file, size, mem, mem_size, &entry);

	if (err)
		die("%s: %s", path, err);
	free(file);
	return entry;
}

static void setup_boot(void *mem, uint64_t mem_size, const struct args *args)
{
	const char *err = boot_setup(mem, mem_size, args->guest_argc,
				     args->guest_argv);

	if (err)
		die("%s", err);
}

int main(int argc, char **argv)
{
	struct args args;
	uint64_t mem_size;
	uint32_t entry;
	void *mem;
	int fd;

	parse_or_die(argc, argv, &args);	/* options, memory, kernel path */
	mem_size = (uint64_t)args.mem_mb << 20;
	mem = alloc_guest_memory(mem_size);	/* guest-physical 0 is mem */
	entry = load_kernel(args.kernel, mem, mem_size); /* ELF32 at p_paddr */
	setup_boot(mem, mem_size, &args);	/* boot params, command line */
	dev_check_revision(args.abi_revision);	/* refuse another ABI early */
	fd = dev_open();			/* one open file is one guest */
	dev_initialize(fd, args.abi_revision, entry, mem, mem_size,
		       BOOT_PARAMS_GPA);	/* lg.ko now owns the guest */
	dev_catch_signals();			/* Ctrl-C stops the guest */
	dev_run(fd);				/* serve it until it stops */
}
