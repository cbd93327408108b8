/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console escape, as in QEMU: on a terminal, Ctrl-A starts a command
 * for the Launcher instead of a key for the guest.
 *
 *	Ctrl-A x	quit (the terminal restored, exit status 0)
 *	Ctrl-A h	print escape_help
 *	Ctrl-A Ctrl-A	one Ctrl-A for the guest
 *	Ctrl-A <other>	both bytes for the guest, as typed
 *
 * Pure: a byte in, the bytes meant for the guest and any command out.
 */
#ifndef LAUNCHER_ESCAPE_H
#define LAUNCHER_ESCAPE_H

#define ESCAPE_CHAR	0x01	/* Ctrl-A */

enum escape_cmd {
	ESCAPE_NONE,		/* nothing for the Launcher */
	ESCAPE_QUIT,		/* Ctrl-A x */
	ESCAPE_HELP,		/* Ctrl-A h */
};

struct escape {
	int armed;		/* Ctrl-A seen: the next byte is a command */
};

/* The list of commands, one per line, for Ctrl-A h. */
extern const char escape_help[];

/*
 * Feed one byte typed at the terminal (start with a zeroed struct
 * escape).  Puts the bytes the guest should get in out[] and returns how
 * many (0, 1 or 2); *cmd says which command the byte completed, if any.
 */
unsigned int escape_feed(struct escape *e, unsigned char c, char out[2],
			 enum escape_cmd *cmd);

#endif /* LAUNCHER_ESCAPE_H */
