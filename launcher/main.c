// SPDX-License-Identifier: GPL-2.0
/*L:000 lguest: the Launcher.  It sets up a guest the way a boot loader sets up
 * a PC, hands it to the host module through /dev/lguest, and then serves
 * it: printing its console output, passing on its console input and
 * reporting how it stopped.
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
#include "kernel.h"
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

/* Read exactly size bytes of what (a "guest kernel", an "initrd"). */
static void read_all(int fd, const char *what, const char *path, char *buf,
		     size_t size)
{
	size_t done = 0;
	ssize_t n;

	while (done < size) {
		n = read(fd, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("cannot read %s '%s': %s", what, path,
			    strerror(errno));
		if (n == 0)
			die("%s '%s' shrank while being read", what, path);
		done += (size_t)n;
	}
}

/* Open a regular file of at most max bytes; its size in *size. */
static int open_file(const char *what, const char *path,
		     unsigned long long max, size_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die("cannot open %s '%s': %s", what, path, strerror(errno));
	if (fstat(fd, &st) < 0)
		die("cannot stat %s '%s': %s", what, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		die("%s '%s' is a directory", what, path);
	if (!S_ISREG(st.st_mode))
		die("%s '%s' is not a regular file", what, path);
	if ((unsigned long long)st.st_size > max)
		die("%s '%s' is too large (%lld bytes)", what, path,
		    (long long)st.st_size);
	*size = (size_t)st.st_size;
	return fd;
}

/* The whole kernel file, in a malloc()ed buffer. */
static char *read_kernel_file(const char *path, size_t *size)
{
	int fd = open_file("guest kernel", path, KERNEL_FILE_MAX, size);
	char *buf = malloc(*size ? *size : 1);

	if (!buf)
		die("out of memory reading guest kernel '%s'", path);
	read_all(fd, "guest kernel", path, buf, *size);
	close(fd);
	return buf;
}

/* An ELF32's PT_LOAD segments at their physical addresses, or a bzImage's
 * unpacked payload's. */
static void load_kernel(const char *path, void *mem, uint64_t mem_size,
			struct kernel *k)
{
	size_t size;
	char *file = read_kernel_file(path, &size);
	const char *err = kernel_load(file, size, mem, mem_size, k);

	if (err)
		die("%s: %s", path, err);
	free(file);
}

/* The initrd, read straight into its place high in guest memory. */
static void load_initrd(const char *path, void *mem, uint64_t mem_size,
			const struct kernel *k, struct boot_initrd *initrd)
{
	size_t size;
	int fd;
	const char *err;

	initrd->gpa = initrd->size = 0;
	if (!path)
		return;
	fd = open_file("initrd", path, UINT32_MAX, &size);
	err = boot_place_initrd(mem_size, k->initrd_limit, k->start, k->end,
				size, &initrd->gpa);
	if (err)
		die("initrd '%s' %s", path, err);
	read_all(fd, "initrd", path, (char *)mem + initrd->gpa, size);
	close(fd);
	initrd->size = (uint32_t)size;
}

static void setup_boot(void *mem, uint64_t mem_size, const struct args *args,
		       const struct boot_initrd *initrd)
{
	const char *err = boot_setup(mem, mem_size, args->guest_argc,
				     args->guest_argv, initrd);

	if (err)
		die("%s", err);
}

int main(int argc, char **argv)
{
	struct boot_initrd initrd;
	struct kernel kernel;
	struct args args;
	uint64_t mem_size;
	void *mem;
	int fd;

	parse_or_die(argc, argv, &args);	/* options, memory, kernel path */
	mem_size = (uint64_t)args.mem_mb << 20;
	mem = alloc_guest_memory(mem_size);	/* guest-physical 0 is mem */
	load_kernel(args.kernel, mem, mem_size, &kernel); /* ELF32 or bzImage */
	load_initrd(args.initrd, mem, mem_size, &kernel, &initrd); /* up high */
	setup_boot(mem, mem_size, &args, &initrd); /* boot params, cmdline */
	dev_check_revision(args.abi_revision);	/* refuse another ABI early */
	fd = dev_open();			/* one open file is one guest */
	dev_initialize(fd, args.abi_revision, kernel.entry, mem, mem_size,
		       BOOT_PARAMS_GPA);	/* lg.ko now owns the guest */
	dev_catch_signals();			/* SIGINT/TERM/HUP stop the guest */
	console_start(fd);			/* stdin to the guest; raw tty */
	dev_run(fd);				/* serve it until it stops */
}
