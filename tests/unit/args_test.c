// SPDX-License-Identifier: GPL-2.0
/* Unit tests for launcher/args.c: the command line. */
#include <lguest/abi.h>

#include "args.h"
#include "check.h"


/* Parse a NULL-terminated argv literal. */
static const char *parse(char **argv, struct args *out)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	return args_parse(argc, argv, out);
}

static void test_basic(void)
{
	char *argv[] = { "lguest", "64", "vmlinux", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_EQ(a.mem_mb, 64);
	EXPECT_STR_EQ(a.kernel, "vmlinux");
	EXPECT_EQ(a.guest_argc, 0);
	EXPECT_EQ(a.abi_revision, LGUEST_ABI_REVISION);
	EXPECT_EQ(a.help, 0);
}

static void test_guest_args(void)
{
	char *argv[] = { "lguest", "32", "k", "console=x", "-v", "--help", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_EQ(a.guest_argc, 3);
	EXPECT_STR_EQ(a.guest_argv[0], "console=x");
	EXPECT_STR_EQ(a.guest_argv[1], "-v");
	EXPECT_STR_EQ(a.guest_argv[2], "--help");	/* the guest's, not ours */
	EXPECT_EQ(a.help, 0);
}

static void test_help(void)
{
	char *argv1[] = { "lguest", "--help", NULL };
	char *argv2[] = { "lguest", "-h", "junk", NULL };
	struct args a;

	EXPECT_OK(parse(argv1, &a));
	EXPECT_EQ(a.help, 1);
	EXPECT_OK(parse(argv2, &a));
	EXPECT_EQ(a.help, 1);
	EXPECT_STR_CONTAINS(args_usage, "usage: lguest");
	EXPECT_STR_CONTAINS(args_usage, "--abi-revision=N");
}

static void test_version(void)
{
	char *argv1[] = { "lguest", "--version", NULL };
	char *argv2[] = { "lguest", "--version", "junk", "--bogus", NULL };
	char want[64];
	struct args a;

	EXPECT_OK(parse(argv1, &a));
	EXPECT_EQ(a.version, 1);
	EXPECT_EQ(a.help, 0);
	EXPECT_OK(parse(argv2, &a));	/* nothing after --version counts */
	EXPECT_EQ(a.version, 1);
	snprintf(want, sizeof(want), "lguest %s (lguest ABI revision %d)\n",
		 LGUEST_VERSION, LGUEST_ABI_REVISION);
	EXPECT_STR_EQ(args_version, want);
	EXPECT_STR_CONTAINS(args_usage, "--version");
}

static void test_version_is_guest_arg(void)
{
	char *argv[] = { "lguest", "16", "k", "--version", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_EQ(a.version, 0);		/* the guest's, not ours */
	EXPECT_EQ(a.guest_argc, 1);
}

static void test_abi_revision(void)
{
	char *argv[] = { "lguest", "--abi-revision=99", "4", "k", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_EQ(a.abi_revision, 99);
	EXPECT_EQ(a.mem_mb, 4);
}

static void test_abi_revision_bad(void)
{
	char *argv1[] = { "lguest", "--abi-revision=", "4", "k", NULL };
	char *argv2[] = { "lguest", "--abi-revision=1x", "4", "k", NULL };
	char *argv3[] = { "lguest", "--abi-revision=99999999999", "4", "k", NULL };
	struct args a;

	EXPECT_STR_CONTAINS(parse(argv1, &a), "invalid --abi-revision=");
	EXPECT_STR_CONTAINS(parse(argv2, &a), "invalid --abi-revision=1x");
	EXPECT_STR_CONTAINS(parse(argv3, &a), "invalid --abi-revision=");
}

static void test_unknown_option(void)
{
	char *argv[] = { "lguest", "--frobnicate", "64", "k", NULL };
	struct args a;

	EXPECT_STR_EQ(parse(argv, &a),
		      "unknown option '--frobnicate' (try --help)");
}

static void test_double_dash(void)
{
	char *argv[] = { "lguest", "--", "8", "k", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_EQ(a.mem_mb, 8);
}

static void test_missing(void)
{
	char *argv0[] = { "lguest", NULL };
	char *argv1[] = { "lguest", "64", NULL };
	struct args a;

	EXPECT_STR_CONTAINS(parse(argv0, &a), "missing arguments");
	EXPECT_STR_CONTAINS(parse(argv1, &a), "missing arguments");
}

static void test_mem_limits(void)
{
	uint32_t mb = 0;

	EXPECT_OK(args_parse_mem("4", &mb));
	EXPECT_EQ(mb, LGUEST_MIN_MEM_MB);
	EXPECT_OK(args_parse_mem("1024", &mb));
	EXPECT_EQ(mb, LGUEST_MAX_MEM_MB);
}

static void test_mem_too_small(void)
{
	uint32_t mb = 77;

	EXPECT_STR_CONTAINS(args_parse_mem("1", &mb), "memory too small");
	EXPECT_STR_CONTAINS(args_parse_mem("3", &mb), "allowed 4 to 1024 MiB");
	EXPECT_STR_CONTAINS(args_parse_mem("0", &mb), "memory too small");
	EXPECT_EQ(mb, 77);	/* untouched on error */
}

static void test_mem_too_large(void)
{
	uint32_t mb;

	EXPECT_STR_CONTAINS(args_parse_mem("1025", &mb), "memory too large");
	EXPECT_STR_CONTAINS(args_parse_mem("100000", &mb), "allowed 4 to 1024");
	EXPECT_STR_CONTAINS(args_parse_mem("4294967296", &mb), "memory too large");
	EXPECT_STR_CONTAINS(args_parse_mem("99999999999999999999999", &mb),
			    "memory too large");
}

static void test_mem_garbage(void)
{
	static const char *const bad[] = {
		"12x", "", "-5", "+5", " 5", "5 ", "0x10", "abc", "1.5",
		"99999999999999999999x",
	};
	uint32_t mb;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_STR_CONTAINS(args_parse_mem(bad[i], &mb),
				    "invalid memory size");
	EXPECT_STR_CONTAINS(args_parse_mem("12x", &mb), "from 4 to 1024");
}

static void test_negative_mem_is_not_option(void)
{
	char *argv[] = { "lguest", "-5", "k", NULL };
	struct args a;

	EXPECT_STR_CONTAINS(parse(argv, &a), "invalid memory size '-5'");
}

static void test_initrd(void)
{
	char *argv[] = { "lguest", "--initrd=root.cpio", "64", "k", "x", NULL };
	char *none[] = { "lguest", "64", "k", NULL };
	char *empty[] = { "lguest", "--initrd=", "64", "k", NULL };
	char *late[] = { "lguest", "64", "k", "--initrd=r", NULL };
	struct args a;

	EXPECT_OK(parse(argv, &a));
	EXPECT_STR_EQ(a.initrd, "root.cpio");
	EXPECT_STR_EQ(a.kernel, "k");
	EXPECT_EQ(a.guest_argc, 1);
	EXPECT_OK(parse(none, &a));
	EXPECT_TRUE(a.initrd == NULL);
	EXPECT_STR_EQ(parse(empty, &a), "--initrd= needs a file name");
	EXPECT_OK(parse(late, &a));	/* after the kernel: the guest's */
	EXPECT_TRUE(a.initrd == NULL);
	EXPECT_STR_EQ(a.guest_argv[0], "--initrd=r");
}

int main(void)
{
	RUN_TEST("launcher.args.basic", test_basic);
	RUN_TEST("launcher.args.guest_args", test_guest_args);
	RUN_TEST("launcher.args.help", test_help);
	RUN_TEST("launcher.args.version", test_version);
	RUN_TEST("launcher.args.version_guest_arg", test_version_is_guest_arg);
	RUN_TEST("launcher.args.abi_revision", test_abi_revision);
	RUN_TEST("launcher.args.abi_revision_bad", test_abi_revision_bad);
	RUN_TEST("launcher.args.unknown_option", test_unknown_option);
	RUN_TEST("launcher.args.double_dash", test_double_dash);
	RUN_TEST("launcher.args.missing", test_missing);
	RUN_TEST("launcher.args.mem_limits", test_mem_limits);
	RUN_TEST("launcher.args.mem_too_small", test_mem_too_small);
	RUN_TEST("launcher.args.mem_too_large", test_mem_too_large);
	RUN_TEST("launcher.args.mem_garbage", test_mem_garbage);
	RUN_TEST("launcher.args.negative_mem", test_negative_mem_is_not_option);
	RUN_TEST("launcher.args.initrd", test_initrd);
	return check_summary();
}
