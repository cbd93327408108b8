// SPDX-License-Identifier: GPL-2.0
/*
 * Processes: fork+exec+wait of /bin/true in a loop, many children alive at
 * once with their own exit statuses, vfork, a chain of nested forks, exec
 * passing arguments, and the errors (no children, no such program).
 */
#define TEST "fork"
#include "lgtest.h"
#include <sys/wait.h>

#define LOOPS	200	/* fork+exec+wait of /bin/true */
#define WIDE	50	/* children alive at once */
#define DEEP	10	/* nested forks */

static char *const no_env[] = { NULL };

/* Run ARGV in a child (fork or vfork) and return its wait status. */
static int run(int use_vfork, char *const argv[])
{
	int status;
	pid_t pid = use_vfork ? vfork() : fork();

	if (pid < 0)
		fail("%s: %s", use_vfork ? "vfork" : "fork", strerror(errno));
	if (pid == 0) {
		execve(argv[0], argv, no_env);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid(%d): %s", (int)pid, strerror(errno));
	return status;
}

static void exec_loop(int use_vfork, int n)
{
	char *const argv[] = { "/bin/true", NULL };
	int i, st;

	for (i = 0; i < n; i++) {
		st = run(use_vfork, argv);
		EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		       "%s+exec /bin/true #%d: wait status %#x", use_vfork ? "vfork" : "fork", i, st);
	}
}

/* WIDE children at once, child i exits with status i + 1; wait() for all. */
static void wide(void)
{
	pid_t pids[WIDE], me = getpid(), pid;
	int i, st, got[WIDE] = { 0 };

	for (i = 0; i < WIDE; i++) {
		pids[i] = SYS(fork());
		if (pids[i] == 0)
			_exit(getppid() == me ? i + 1 : 0);
	}
	for (i = 0; i < WIDE; i++) {
		int j;

		pid = wait(&st);
		EXPECT(pid > 0, "wait() #%d: %s", i, strerror(errno));
		for (j = 0; j < WIDE && pids[j] != pid; j++)
			;
		EXPECT(j < WIDE, "wait() returned %d, not a child", (int)pid);
		EXPECT(!got[j]++, "wait() returned child %d twice", j);
		EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == j + 1,
		       "child %d: wait status %#x, want exit %d", j, st, j + 1);
	}
	EXPECT(wait(&st) < 0 && errno == ECHILD, "wait() with no children: not ECHILD");
}

/* Each level forks the next and exits with its child's status + 1. */
static int chain(int depth)
{
	pid_t pid;
	int st;

	if (depth == 0)
		return 0;
	pid = fork();
	if (pid < 0)
		return 100;
	if (pid == 0)
		_exit(chain(depth - 1));
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 100;
	return WEXITSTATUS(st) + 1;
}

int main(void)
{
	char *const sh_argv[] = { "/bin/sh", "-c", "exit $(($1 * 2))", "sh", "21", NULL };
	char *const false_argv[] = { "/bin/false", NULL };
	char *const none_argv[] = { "/no/such/program", NULL };
	int st;

	exec_loop(0, LOOPS);
	exec_loop(1, 20);

	st = run(0, false_argv);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 1, "/bin/false: wait status %#x", st);
	st = run(0, sh_argv);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 42, "sh -c 'exit $(($1 * 2))' 21: wait status %#x", st);
	st = run(0, none_argv);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 127, "exec of a missing program: wait status %#x", st);
	EXPECT(execve(none_argv[0], none_argv, no_env) < 0 && errno == ENOENT,
	       "execve of a missing program: not ENOENT");

	wide();
	st = chain(DEEP);
	EXPECT(st == DEEP, "a chain of %d nested forks returned %d", DEEP, st);

	pass("%d fork+exec+wait, 20 vfork+exec, %d children at once, %d nested, exec args and status",
	     LOOPS, WIDE, DEEP);
}
