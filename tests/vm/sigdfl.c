// SPDX-License-Identifier: GPL-2.0
/*
 * sigdfl PROG ARGS: run PROG with SIGINT and SIGQUIT back at their default
 * action.  A non-interactive shell starts background jobs with both
 * ignored, which would keep the signal test from ever reaching the
 * Launcher the way a terminal's Ctrl-C does.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: sigdfl PROG [ARGS]\n");
		return 1;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
