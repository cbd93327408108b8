// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing.  Options come first; the first argument that is
 * not an option is the memory size, the next the guest kernel, and every
 * argument after that belongs to the guest untouched (so a guest argument
 * may well start with "-").
 */
#include <string.h>

#include <lguest/abi.h>

#include "args.h"
#include "err.h"

/* The Makefile passes the project's version, from dkms.conf. */
#ifndef LGUEST_VERSION
#error "build with -DLGUEST_VERSION='\"x.y.z\"' (the Makefile reads dkms.conf)"
#endif
#define STR(x)	STR_(x)
#define STR_(x)	#x

const char args_version[] =
	"lguest " LGUEST_VERSION " (lguest ABI revision " STR(LGUEST_ABI_REVISION) ")\n";

const char args_usage[] =
	"usage: lguest [options] <mem-MB> <guest-kernel> [guest args...]\n"
	"\n"
	"Run <guest-kernel> (a 32-bit x86 ELF, or a Linux bzImage built with\n"
	"the lguest platform) as an lguest guest with <mem-MB> MiB of memory\n"
	"(4 to 1024).  The guest args, joined by spaces, become the guest's\n"
	"command line.  Needs the lg.ko module (/dev/lguest).\n"
	"\n"
	"options:\n"
	"  --initrd=FILE         load FILE high in guest memory as the initrd\n"
	"  -h, --help            show this help and exit\n"
	"  --version             show the version and the ABI revision, and exit\n"
	"  --abi-revision=N      testing only: claim to speak ABI revision N, to\n"
	"                        check that lg.ko refuses a mismatched Launcher\n"
	"  --                    end of options\n"
	"\n"
	"console: the guest's output goes to stdout, stdin goes to the guest.\n"
	"A terminal is put in raw mode until lguest exits (Ctrl-C and the like\n"
	"go to the guest), and Ctrl-A starts an escape:\n"
	"  Ctrl-A x              quit lguest (exit status 0)\n"
	"  Ctrl-A h              list the escapes\n"
	"  Ctrl-A Ctrl-A         send one Ctrl-A to the guest\n"
	"(Ctrl-A and any other key go to the guest as typed.)  A pipe or file is\n"
	"passed on unchanged, and its end is not the guest's end.  A terminal\n"
	"lguest runs in the background of is left alone.\n"
	"\n"
	"exit status: the guest's own on shutdown; 0 after Ctrl-A x; 1 on a\n"
	"Launcher error; 2 if the guest crashed; 128+N if stopped by signal N.\n";

enum { PARSE_OK, PARSE_GARBAGE, PARSE_TOO_BIG };

/*
 * Strict decimal: digits only.  strtoul() would take " +12", wrap "-1"
 * to a huge number and stop quietly at "12x"; none of those is a size.
 * Digits past the limit still get checked, so "99999999999x" is garbage
 * rather than "too large".
 */
static int parse_decimal(const char *s, uint32_t limit, uint32_t *out)
{
	uint64_t v = 0;
	int too_big = 0;

	if (*s == '\0')
		return PARSE_GARBAGE;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return PARSE_GARBAGE;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > limit) {
			too_big = 1;
			v = limit;	/* keeps v * 10 + 9 far from overflow */
		}
	}
	*out = (uint32_t)v;
	return too_big ? PARSE_TOO_BIG : PARSE_OK;
}

const char *args_parse_mem(const char *s, uint32_t *mb)
{
	uint32_t v;
	int r = parse_decimal(s, UINT32_MAX, &v);

	if (r == PARSE_GARBAGE)
		return errf("invalid memory size '%s': give a whole number of MiB from %u to %u",
			    s, LGUEST_MIN_MEM_MB, LGUEST_MAX_MEM_MB);
	if (r == PARSE_TOO_BIG || v > LGUEST_MAX_MEM_MB)
		return errf("memory too large: %s MiB (allowed %u to %u MiB)",
			    s, LGUEST_MIN_MEM_MB, LGUEST_MAX_MEM_MB);
	if (v < LGUEST_MIN_MEM_MB)
		return errf("memory too small: %s MiB (allowed %u to %u MiB)",
			    s, LGUEST_MIN_MEM_MB, LGUEST_MAX_MEM_MB);
	*mb = v;
	return NULL;
}

static const char *parse_option(const char *a, struct args *out)
{
	static const char rev[] = "--abi-revision=";
	static const char initrd[] = "--initrd=";

	if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
		out->help = 1;
		return NULL;
	}
	if (!strcmp(a, "--version")) {
		out->version = 1;
		return NULL;
	}
	if (!strncmp(a, initrd, sizeof(initrd) - 1)) {
		out->initrd = a + sizeof(initrd) - 1;
		if (!*out->initrd)
			return errf("--initrd= needs a file name");
		return NULL;
	}
	if (!strncmp(a, rev, sizeof(rev) - 1)) {
		if (parse_decimal(a + sizeof(rev) - 1, UINT32_MAX,
				  &out->abi_revision) != PARSE_OK)
			return errf("invalid %s: give a decimal revision number", a);
		return NULL;
	}
	return errf("unknown option '%s' (try --help)", a);
}

/* "-" and negative numbers are arguments (a bad memory size), not options. */
static int is_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9');
}

const char *args_parse(int argc, char **argv, struct args *out)
{
	const char *err;
	int i;

	memset(out, 0, sizeof(*out));
	out->abi_revision = LGUEST_ABI_REVISION;

	for (i = 1; i < argc && is_option(argv[i]); i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		err = parse_option(argv[i], out);
		if (err || out->help || out->version)
			return err;	/* --help, --version: nothing after counts */
	}
	if (argc - i < 2)
		return errf("missing arguments: need <mem-MB> <guest-kernel> (try --help)");

	err = args_parse_mem(argv[i], &out->mem_mb);
	if (err)
		return err;
	out->kernel = argv[i + 1];
	out->guest_argc = argc - (i + 2);
	out->guest_argv = argv + i + 2;
	return NULL;
}
