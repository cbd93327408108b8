// SPDX-License-Identifier: GPL-2.0
/*L:330 Console input.  The main thread spends its life in read() on
 * /dev/lguest, running the guest, so stdin gets a thread of its own: it
 * reads what is typed (or piped) and hands it to lg.ko with
 * LHREQ_CONSOLE_INPUT, which queues it for the guest and raises
 * LGUEST_CONSOLE_IRQ.  A write waits while lg.ko's buffer is full, so a
 * guest that reads slowly slows the thread down and nothing is lost.
 *
 * What stdin is decides the rest:
 *   a terminal   raw mode (L:335) and the Ctrl-A escape (L:340);
 *   a terminal we are in the background of: left alone, never read
 *                (reading it would stop the whole Launcher with SIGTTIN);
 *   anything else (pipe, file, /dev/null): passed on byte for byte, and
 *                its end only ends the reading -- the guest runs on.
 * The thread blocks every signal, so SIGINT, SIGTERM and SIGHUP reach the
 * main thread and interrupt the guest's read() (L:310).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <lguest/dev.h>

#include "escape.h"
#include "launcher.h"

enum stdin_kind { STDIN_OTHER, STDIN_TERMINAL, STDIN_BACKGROUND };

struct input {
	int fd;			/* /dev/lguest */
	enum stdin_kind kind;
	struct escape escape;
};

static struct termios saved_termios;
static volatile sig_atomic_t terminal_raw;	/* saved_termios must go back */

/* Write all of s to stderr, or give up quietly: there is nowhere else. */
static void say(const char *s)
{
	size_t len = strlen(s);
	ssize_t n;

	while (len > 0) {
		n = write(STDERR_FILENO, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Put the terminal back as it was.  Idempotent and async-signal-safe: it
 * runs at exit() (every die() and the guest's end) and before the escape's
 * _exit(), whichever thread gets there.
 */
static void console_restore(void)
{
	if (terminal_raw) {
		terminal_raw = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	}
}

/*L:335 Raw mode, as a serial line would deliver keys: no echo, no line
 * editing, no signals from Ctrl-C, Ctrl-Z or Ctrl-\, no flow control from
 * Ctrl-S and Ctrl-Q, no CR/NL translation -- every byte goes to the guest,
 * which does all of that itself.  Output processing stays on, so the
 * guest's "\n" still starts a new line.  The settings are saved first and
 * restored on every way out: exit() runs console_restore(), and every
 * path out of the Launcher but the escape (which restores them itself) and
 * SIGKILL goes through exit().
 */
static void enter_raw_mode(void)
{
	struct termios raw;

	if (tcgetattr(STDIN_FILENO, &saved_termios) < 0)
		die("cannot read the terminal's settings: %s", strerror(errno));
	if (atexit(console_restore))
		die("cannot arrange for the terminal to be restored");
	raw = saved_termios;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			 ICRNL | IXON | IXOFF);
	raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag &= ~(CSIZE | PARENB);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	terminal_raw = 1;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) < 0)
		die("cannot put the terminal in raw mode: %s", strerror(errno));
}

static enum stdin_kind stdin_kind(void)
{
	pid_t fg;

	if (!isatty(STDIN_FILENO))
		return STDIN_OTHER;
	/* Not our controlling terminal (e.g. /dev/console): ours anyway. */
	fg = tcgetpgrp(STDIN_FILENO);
	return fg < 0 || fg == getpgrp() ? STDIN_TERMINAL : STDIN_BACKGROUND;
}

/* Hand len bytes to lg.ko, a request of at most LGUEST_CONSOLE_INPUT_MAX
 * bytes at a time.  Returns 0 once the guest has stopped: the main thread
 * is about to report how, and there is no one left to type to.
 */
static int send_input(int fd, const char *data, size_t len)
{
	char req[sizeof(struct lguest_console_input) + LGUEST_CONSOLE_INPUT_MAX];
	struct lguest_console_input hdr = { .req = LHREQ_CONSOLE_INPUT };
	size_t size;
	ssize_t n;

	while (len > 0) {
		hdr.len = len < LGUEST_CONSOLE_INPUT_MAX ? len : LGUEST_CONSOLE_INPUT_MAX;
		size = sizeof(hdr) + hdr.len;
		memcpy(req, &hdr, sizeof(hdr));
		memcpy(req + sizeof(hdr), data, hdr.len);
		n = write(fd, req, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)
			return 0;
		if (n < 0)
			die("cannot pass console input to the guest: %s",
			    dev_strerror(errno));
		if ((size_t)n != size)
			die("cannot pass console input to the guest: short write (%zd of %zu bytes)",
			    n, size);
		data += hdr.len;
		len -= hdr.len;
	}
	return 1;
}

static void __attribute__((noreturn)) quit(void)
{
	console_restore();
	say("lguest: quit from the console (Ctrl-A x)\n");
	_exit(0);
}

/* Bytes typed at the terminal: through the escape, each command acted on
 * after what was typed before it has gone to the guest.
 */
static int typed(struct input *in, const char *buf, size_t len)
{
	char out[2 * LGUEST_CONSOLE_INPUT_MAX];
	enum escape_cmd cmd;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		n += escape_feed(&in->escape, (unsigned char)buf[i], out + n, &cmd);
		if (cmd == ESCAPE_NONE)
			continue;
		if (!send_input(in->fd, out, n))
			return 0;
		n = 0;
		if (cmd == ESCAPE_QUIT)
			quit();
		say(escape_help);
	}
	return send_input(in->fd, out, n);
}

static void *input_thread(void *arg)
{
	struct input *in = arg;
	char buf[LGUEST_CONSOLE_INPUT_MAX];
	ssize_t n;
	int more = 1;

	while (more) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* the end of input, not of the guest */
		if (in->kind == STDIN_TERMINAL)
			more = typed(in, buf, (size_t)n);
		else
			more = send_input(in->fd, buf, (size_t)n);
	}
	return NULL;
}

void console_start(int fd)
{
	static struct input in;
	sigset_t all, old;
	pthread_t thread;
	int err;

	in.fd = fd;
	in.kind = stdin_kind();
	if (in.kind == STDIN_BACKGROUND)
		return;
	if (in.kind == STDIN_TERMINAL)
		enter_raw_mode();
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	err = pthread_create(&thread, NULL, input_thread, &in);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		die("cannot start the console input thread: %s", strerror(err));
	pthread_detach(thread);
}
