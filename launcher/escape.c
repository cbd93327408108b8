// SPDX-License-Identifier: GPL-2.0
/*L:340 The console escape (escape.h): a two-state machine.  Ctrl-A arms
 * it and is held back; the next byte is then a command or, if it names
 * none, goes to the guest after the Ctrl-A it followed, so nothing typed
 * is ever lost.  Only a terminal gets this treatment: input from a pipe
 * or a file reaches the guest byte for byte (L:330).
 */
#include "escape.h"

const char escape_help[] =
	"lguest console escapes:\n"
	"  Ctrl-A x       quit lguest (exit status 0)\n"
	"  Ctrl-A h       show this help\n"
	"  Ctrl-A Ctrl-A  send Ctrl-A to the guest\n";

unsigned int escape_feed(struct escape *e, unsigned char c, char out[2],
			 enum escape_cmd *cmd)
{
	*cmd = ESCAPE_NONE;
	if (!e->armed) {
		if (c == ESCAPE_CHAR) {
			e->armed = 1;
			return 0;
		}
		out[0] = (char)c;
		return 1;
	}
	e->armed = 0;
	switch (c) {
	case 'x':
		*cmd = ESCAPE_QUIT;
		return 0;
	case 'h':
		*cmd = ESCAPE_HELP;
		return 0;
	case ESCAPE_CHAR:
		out[0] = ESCAPE_CHAR;
		return 1;
	default:
		out[0] = ESCAPE_CHAR;
		out[1] = (char)c;
		return 2;
	}
}
