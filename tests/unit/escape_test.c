// SPDX-License-Identifier: GPL-2.0
/* Unit tests for launcher/escape.c: the Ctrl-A console escape. */
#include <string.h>

#include "escape.h"
#include "check.h"

struct fed {
	char out[64];		/* what the guest gets */
	unsigned int len;
	int quit, help;		/* commands seen */
	int quit_at;		/* index of the byte that completed Ctrl-A x */
};

/* Feed a whole string (n bytes) through e, collecting the results. */
static void feed(struct escape *e, const char *s, unsigned int n, struct fed *f)
{
	enum escape_cmd cmd;
	unsigned int i;

	memset(f, 0, sizeof(*f));
	f->quit_at = -1;
	for (i = 0; i < n; i++) {
		f->len += escape_feed(e, (unsigned char)s[i], f->out + f->len, &cmd);
		if (cmd == ESCAPE_QUIT) {
			f->quit++;
			f->quit_at = (int)i;
		}
		if (cmd == ESCAPE_HELP)
			f->help++;
	}
}

static void test_plain(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "ls -l\r\003\032\034\0\377", 11, &f);
	EXPECT_EQ(f.len, 11);
	EXPECT_MEM_EQ(f.out, "ls -l\r\003\032\034\0\377", 11);
	EXPECT_EQ(f.quit + f.help, 0);
	EXPECT_EQ(e.armed, 0);
}

static void test_quit(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "ab\001xcd", 6, &f);
	EXPECT_EQ(f.quit, 1);
	EXPECT_EQ(f.quit_at, 3);
	EXPECT_EQ(f.len, 4);		/* the caller stops at the command */
	EXPECT_MEM_EQ(f.out, "abcd", 4);
}

static void test_help(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "\001h", 2, &f);
	EXPECT_EQ(f.help, 1);
	EXPECT_EQ(f.quit, 0);
	EXPECT_EQ(f.len, 0);
	EXPECT_STR_CONTAINS(escape_help, "Ctrl-A x");
	EXPECT_STR_CONTAINS(escape_help, "Ctrl-A h");
	EXPECT_STR_CONTAINS(escape_help, "Ctrl-A Ctrl-A");
}

static void test_double_ctrl_a(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "\001\001x", 3, &f);	/* Ctrl-A for the guest, then x */
	EXPECT_EQ(f.quit, 0);
	EXPECT_EQ(f.len, 2);
	EXPECT_MEM_EQ(f.out, "\001x", 2);
	feed(&e, "\001\001\001\001", 4, &f);
	EXPECT_EQ(f.len, 2);
	EXPECT_MEM_EQ(f.out, "\001\001", 2);
}

/* Ctrl-A and a key that names no command: both go through, as typed. */
static void test_other_key(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "\001c\001X\001\003", 6, &f);
	EXPECT_EQ(f.quit + f.help, 0);
	EXPECT_EQ(f.len, 6);
	EXPECT_MEM_EQ(f.out, "\001c\001X\001\003", 6);
}

/* The state lives in struct escape: Ctrl-A at the end of one read() and
 * its key at the start of the next still make the command. */
static void test_split(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "abc\001", 4, &f);
	EXPECT_EQ(f.len, 3);
	EXPECT_EQ(e.armed, 1);
	feed(&e, "x", 1, &f);
	EXPECT_EQ(f.quit, 1);
	EXPECT_EQ(f.len, 0);
	EXPECT_EQ(e.armed, 0);
}

/* After a command the escape is disarmed: x alone is just x. */
static void test_disarmed(void)
{
	struct escape e = { 0 };
	struct fed f;

	feed(&e, "\001hxh", 4, &f);
	EXPECT_EQ(f.help, 1);
	EXPECT_EQ(f.quit, 0);
	EXPECT_EQ(f.len, 2);
	EXPECT_MEM_EQ(f.out, "xh", 2);
}

int main(void)
{
	RUN_TEST("launcher.escape.plain", test_plain);
	RUN_TEST("launcher.escape.quit", test_quit);
	RUN_TEST("launcher.escape.help", test_help);
	RUN_TEST("launcher.escape.double_ctrl_a", test_double_ctrl_a);
	RUN_TEST("launcher.escape.other_key", test_other_key);
	RUN_TEST("launcher.escape.split", test_split);
	RUN_TEST("launcher.escape.disarmed", test_disarmed);
	return check_summary();
}
