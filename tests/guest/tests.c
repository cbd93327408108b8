// SPDX-License-Identifier: GPL-2.0
/*G:390 The test runner.  tests.def lists every test once; the command line
 * picks what runs: "test=NAME" one test, "group=GROUP" the PASS tests of a
 * group, "group=all" every PASS test, and neither word at all the basic
 * group.  Tests the host must kill the guest for, the ones that run
 * forever and the ones that wait for console input run only by name.  The harness outside reads the same table
 * (tests.tab) to know what to ask for and how each run must end.
 */
#include <lguest/dev.h>
#include "console.h"
#include "platform.h"
#include "proc.h"
#include "string.h"
#include "tests.h"
#include "traps.h"

enum test_end { END_KIND_PASS, END_KIND_KILLED, END_KIND_FOREVER, END_KIND_INPUT };

struct test {
	const char *name, *group;
	enum test_end end;
	int kill_code;			/* enum lguest_kill, for KILLED */
	void (*run)(void);
};

#define END_PASS		END_KIND_PASS, 0
#define END_FOREVER		END_KIND_FOREVER, 0
#define END_INPUT		END_KIND_INPUT, 0
#define END_KILLED(code)	END_KIND_KILLED, LGUEST_KILL_##code

static const struct test tests[] = {
#define TEST(name, group, end) { #name, #group, END_##end, test_##name },
#include "tests.def"
#undef TEST
};

#define DEFAULT_GROUP	"basic"

static uint32_t passed, failed;

void report_ok(const char *name)
{
	passed++;
	kprintf("PASS %s\n", name);
}

/* One result line: "PASS name (detail)", "FAIL name: why", "SKIP name: why". */
static void report(const char *verdict, const char *name, const char *fmt,
		   va_list ap)
{
	char text[160];

	kvsnprintf(text, sizeof(text), fmt, ap);
	if (!strcmp(verdict, "PASS"))
		kprintf("PASS %s (%s)\n", name, text);
	else
		kprintf("%s %s: %s\n", verdict, name, text);
}

void report_pass(const char *name, const char *fmt, ...)
{
	va_list ap;

	passed++;
	va_start(ap, fmt);
	report("PASS", name, fmt, ap);
	va_end(ap);
}

void report_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	failed++;
	va_start(ap, fmt);
	report("FAIL", name, fmt, ap);
	va_end(ap);
}

void report_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("SKIP", name, fmt, ap);
	va_end(ap);
}

int lguest_only(const char *name)
{
	if (on_lguest())
		return 1;
	report_skip(name, "needs the lguest host");
	return 0;
}

void expect_fault(const char *name, uint32_t want)
{
	struct fault_info fi;

	if (!fault_taken(&fi))
		report_fail(name, "no fault");
	else if (fi.vector >= 32 || !(want & (1u << fi.vector)))
		report_fail(name, "vector %u (%s)", fi.vector, trap_name(fi.vector));
	else
		report_pass(name, "vector %u %s", fi.vector, trap_name(fi.vector));
}

struct proc *new_proc(const char *name, uint32_t (*entry)(uint32_t),
		      uint32_t arg)
{
	struct proc *p = proc_new(entry, arg);

	if (!p)
		report_fail(name, "cannot create a process");
	return p;
}

int exited_with(const char *name, const struct proc *p, uint32_t want)
{
	if (p->exit_status == want)
		return 1;
	if (p->why[0])
		report_fail(name, "process %u %s", p->pid, p->why);
	else
		report_fail(name, "process %u exited with %x, expected %x",
			    p->pid, p->exit_status, want);
	return 0;
}

/* Run the test called name; 0 if there is none. */
static int run_test(const char *name)
{
	uint32_t i;

	for (i = 0; i < ARRAY_SIZE(tests); i++)
		if (!strcmp(name, tests[i].name)) {
			tests[i].run();
			return 1;
		}
	return 0;
}

/* Run the PASS tests of a group, or of all groups; 0 if there are none. */
static int run_group(const char *group)
{
	int all = !strcmp(group, "all"), found = 0;
	uint32_t i;

	for (i = 0; i < ARRAY_SIZE(tests); i++)
		if (tests[i].end == END_KIND_PASS &&
		    (all || !strcmp(group, tests[i].group))) {
			tests[i].run();
			found = 1;
		}
	return found;
}

/* If p starts with key, copy the rest of its word to word[] and say so. */
static int word_after(const char *p, const char *key, char *word, uint32_t size)
{
	uint32_t n, len = strlen(key);

	if (strncmp(p, key, len))
		return 0;
	p += len;
	for (n = 0; p[n] && p[n] != ' ' && n < size - 1; n++)
		word[n] = p[n];
	word[n] = '\0';
	return 1;
}

/* Every "test=NAME" and "group=GROUP", in order; returns how many. */
static uint32_t run_cmdline_tests(const char *p)
{
	char word[32];
	uint32_t words = 0;

	while (*p) {
		while (*p == ' ')
			p++;
		if (word_after(p, "test=", word, sizeof(word))) {
			if (!run_test(word))
				report_fail(word, "no such test");
			words++;
		} else if (word_after(p, "group=", word, sizeof(word))) {
			if (!run_group(word))
				report_fail(word, "no such group");
			words++;
		}
		while (*p && *p != ' ')
			p++;
	}
	return words;
}

uint32_t tests_run(const char *cmdline)
{
	if (!run_cmdline_tests(cmdline))
		run_group(DEFAULT_GROUP);
	kprintf("GUEST-DONE passed=%u failed=%u\n", passed, failed);
	return failed;
}
