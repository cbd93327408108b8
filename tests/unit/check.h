/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny unit-test macros.  A test case is a void function; run it with
 *
 *	RUN_TEST("launcher.args.mem_too_small", test_mem_too_small);
 *
 * which prints exactly one line, "PASS <name>" or "FAIL <name>: <why>".
 * An EXPECT_* that fails records why and returns from the test function,
 * so a case stops at its first failure (no crash on a NULL it checked).
 * End main() with "return check_summary();": it prints "N passed, N
 * failed" and returns non-zero if anything failed.
 */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <stdio.h>
#include <string.h>

struct check_state {
	int failed;		/* the current case failed */
	char why[1200];		/* ... and this is why */
	int passed_total;
	int failed_total;
};

static struct check_state check_st __attribute__((unused));

static inline void check_fail(const char *file, int line, const char *what)
{
	check_st.failed = 1;
	snprintf(check_st.why, sizeof(check_st.why), "%s:%d: %s",
		 file, line, what);
}

#define CHECK_FAILF(...) do {						\
	char check_msg_[1024];						\
	snprintf(check_msg_, sizeof(check_msg_), __VA_ARGS__);		\
	check_fail(__FILE__, __LINE__, check_msg_);			\
	return;								\
} while (0)

#define EXPECT_TRUE(cond) do {						\
	if (!(cond))							\
		CHECK_FAILF("expected %s", #cond);			\
} while (0)

/* Integers of any width, compared and shown as 64-bit values. */
#define EXPECT_EQ(got, want) do {					\
	unsigned long long g_ = (unsigned long long)(got);		\
	unsigned long long w_ = (unsigned long long)(want);		\
	if (g_ != w_)							\
		CHECK_FAILF("%s is %lld (0x%llx), expected %s = %lld (0x%llx)", \
			    #got, (long long)g_, g_, #want, (long long)w_, w_); \
} while (0)

#define EXPECT_STR_EQ(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!g_ || strcmp(g_, w_))					\
		CHECK_FAILF("%s is \"%.300s\", expected \"%.300s\"", #got,	\
			    g_ ? g_ : "(null)", w_);			\
} while (0)

#define EXPECT_STR_CONTAINS(got, part) do {				\
	const char *g_ = (got), *p_ = (part);				\
	if (!g_ || !strstr(g_, p_))					\
		CHECK_FAILF("%s is \"%.300s\", expected it to contain \"%.300s\"", \
			    #got, g_ ? g_ : "(null)", p_);		\
} while (0)

/* For the Launcher's pure functions: NULL means success. */
#define EXPECT_OK(err) do {						\
	const char *e_ = (err);						\
	if (e_)								\
		CHECK_FAILF("%s failed: %.300s", #err, e_);			\
} while (0)

#define EXPECT_MEM_EQ(got, want, len) do {				\
	if (memcmp((got), (want), (len)))				\
		CHECK_FAILF("%s differs from %s", #got, #want);		\
} while (0)

#define RUN_TEST(name, fn) do {						\
	check_st.failed = 0;						\
	check_st.why[0] = '\0';						\
	fn();								\
	if (check_st.failed) {						\
		check_st.failed_total++;				\
		printf("FAIL %s: %s\n", name, check_st.why);		\
	} else {							\
		check_st.passed_total++;				\
		printf("PASS %s\n", name);				\
	}								\
	fflush(stdout);							\
} while (0)

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_st.passed_total,
	       check_st.failed_total);
	return check_st.failed_total != 0;
}

#endif /* TESTS_UNIT_CHECK_H */
