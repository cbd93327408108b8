// SPDX-License-Identifier: GPL-2.0
/*
 * Build-time helper, run on the build machine: prints tests.def as
 * tests.tab, the plain-text table the test harness reads.  One line per
 * test, "name group end", where end is PASS, FOREVER, INPUT or KILLED(short-name)
 * with the kill code's short name from LGUEST_KILL_REASONS.  A KILLED code
 * that dev.h does not define fails to compile here, so the table cannot
 * name a code the host does not have.
 */
#include <stdio.h>
#include <stdlib.h>

#include <lguest/dev.h>

enum end_kind { END_KIND_PASS, END_KIND_KILLED, END_KIND_FOREVER, END_KIND_INPUT };

struct end {
	enum end_kind kind;
	int code;		/* enum lguest_kill, for KILLED */
};

#define END_PASS		{ END_KIND_PASS, 0 }
#define END_FOREVER		{ END_KIND_FOREVER, 0 }
#define END_INPUT		{ END_KIND_INPUT, 0 }
#define END_KILLED(code)	{ END_KIND_KILLED, LGUEST_KILL_##code }

struct entry {
	const char *name, *group;
	struct end end;
};

static const struct entry table[] = {
#define TEST(name, group, end) { #name, #group, END_##end },
#include "tests.def"
#undef TEST
};

static const char *kill_name(int code)
{
#define KILL_CASE(name, nr, str) case nr: return str;
	switch (code) {
	LGUEST_KILL_REASONS(KILL_CASE)
	}
#undef KILL_CASE
	fprintf(stderr, "mktab: kill code %d has no short name\n", code);
	exit(1);
}

int main(void)
{
	size_t i;

	printf("# Generated from tests/guest/tests.def by mktab.c: do not edit.\n");
	printf("# name group end\n");
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct entry *e = &table[i];

		printf("%s %s ", e->name, e->group);
		if (e->end.kind == END_KIND_KILLED)
			printf("KILLED(%s)\n", kill_name(e->end.code));
		else if (e->end.kind == END_KIND_INPUT)
			printf("INPUT\n");
		else
			printf("%s\n", e->end.kind == END_KIND_PASS ? "PASS" : "FOREVER");
	}
	return 0;
}
