// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/lguest part of the Launcher: check the module's revision, open
 * the device, initialize the guest, then run it.  read() runs the guest
 * until the Launcher must act and returns one struct lguest_event.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lguest/abi.h>
#include <lguest/dev.h>

#include "launcher.h"

#define ABI_REVISION_PARAM	"/sys/module/lg/parameters/abi_revision"

/* The revision lg.ko reports in sysfs; 0 if it does not say. */
static int module_revision(unsigned long *theirs)
{
	FILE *f = fopen(ABI_REVISION_PARAM, "r");
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%lu", theirs);
	fclose(f);
	return n == 1;
}

/*L:300 Ask before initializing, so a mismatch gets named even by a module that
 * would misread our request.  No sysfs file (module not loaded, no sysfs
 * mounted) or no number in it: say nothing here, and let open() or the
 * module's own check in write() speak.
 */
void dev_check_revision(uint32_t ours)
{
	unsigned long theirs;

	if (module_revision(&theirs) && theirs != ours)
		die("lg.ko speaks ABI revision %lu, this launcher speaks %u",
		    theirs, ours);
}

int dev_open(void)
{
	int fd = open(LGUEST_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT)
		die("%s not found: load the module first (insmod host/lg.ko)",
		    LGUEST_DEVICE);
	die("cannot open %s: %s", LGUEST_DEVICE, strerror(errno));
}

/*L:305 lg.ko never runs guest code under the Launcher's user shadow stack
 * (CET) and says EOPNOTSUPP at initialize or run while one is enabled.  A C
 * library that turns shadow stacks on by itself can be told not to.
 */
const char *dev_strerror(int err)
{
	if (err == EOPNOTSUPP)
		return "lg.ko runs no guest under a user shadow stack (CET); "
		       "start lguest without one, e.g. GLIBC_TUNABLES=glibc.cpu.x86_shstk=off";
	return strerror(err);
}

void dev_initialize(int fd, uint32_t revision, uint32_t entry,
		    void *mem, uint64_t mem_size, uint32_t boot_params)
{
	struct lguest_init init = {
		.req = LHREQ_INITIALIZE,
		.magic = LGUEST_MAGIC,
		.abi_revision = revision,
		.entry = entry,
		.mem_base = (uint64_t)(uintptr_t)mem,
		.mem_size = mem_size,
		.boot_params = boot_params,
		.flags = 0,
	};
	ssize_t n = write(fd, &init, sizeof(init));

	if (n < 0 && errno == EPROTO) {	/* the module refused our revision */
		dev_check_revision(revision);	/* names theirs if it can */
		die("lg.ko speaks another ABI revision, this launcher speaks %u",
		    revision);
	}
	if (n < 0)
		die("cannot initialize guest: %s", dev_strerror(errno));
	if (n != (ssize_t)sizeof(init))
		die("cannot initialize guest: short write (%zd of %zu bytes)",
		    n, sizeof(init));
}

/*L:310 Signals.  The guest runs inside read(); a handler installed without
 * SA_RESTART makes that read() return EINTR, and the loop then exits.
 * A signal landing between the check and the read() is only seen at the
 * next event (or the next signal): there is no pselect() for a device
 * read, and a second Ctrl-C always works.
 */
static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
}

void dev_catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;		/* no SA_RESTART, on purpose */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			die("cannot catch signal %d: %s", sigs[i],
			    strerror(errno));
}

static void stop_if_signalled(void)
{
	if (caught_signal)
		die_status(128 + caught_signal, "interrupted by signal %d",
			   (int)caught_signal);
}

/* Console output goes straight out with write(): nothing is buffered. */
static void console_write(const char *data, uint32_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDOUT_FILENO, data, len);
		if (n < 0 && errno == EINTR) {
			stop_if_signalled();
			continue;
		}
		if (n <= 0)
			die("cannot write guest console output: %s",
			    n < 0 ? strerror(errno) : "nothing written");
		data += n;
		len -= (uint32_t)n;
	}
}

/* The short name of a kill code (include/lguest/dev.h); NULL if unknown. */
static const char *kill_name(uint32_t code)
{
#define KILL_CASE(name, nr, str) case nr: return str;
	switch (code) {
	LGUEST_KILL_REASONS(KILL_CASE)
	}
#undef KILL_CASE
	return NULL;
}

/*L:320 The crash reason comes from the guest: keep it to one line, and turn
 * control bytes (terminal escapes included) into '?'.  The kill code
 * goes first, by its short name, so programs (and the test suite) match
 * the code and never the wording.
 */
static void __attribute__((noreturn)) die_crashed(uint32_t code, char *data,
						  uint32_t len)
{
	const char *name = kill_name(code);
	uint32_t i;

	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	for (i = 0; i < len; i++)
		if ((unsigned char)data[i] < 0x20 || data[i] == 0x7f)
			data[i] = '?';
	if (name)
		die_status(2, "guest crashed (%s): %.*s", name, (int)len, data);
	die_status(2, "guest crashed (kill code %u): %.*s", code, (int)len,
		   data);
}

/*
 * An exit status is one byte: a guest status above 255 becomes 255 so a
 * failure can never read as success.
 */
static void __attribute__((noreturn)) shut_down(uint32_t status,
						uint32_t flags)
{
	int code = status > 255 ? 255 : (int)status;

	if (flags & LGUEST_EV_RESTART)
		die_status(code, "guest asked to restart (not supported)");
	exit(code);
}

static void handle_event(const struct lguest_event *ev, char *data)
{
	switch (ev->kind) {
	case LGUEST_EV_CONSOLE:
		console_write(data, ev->len);
		return;
	case LGUEST_EV_SHUTDOWN:
		shut_down(ev->status, ev->flags);
	case LGUEST_EV_CRASH:
		die_crashed(ev->status, data, ev->len);
	default:
		die("unknown event kind %u from %s", ev->kind, LGUEST_DEVICE);
	}
}

/* One read(): the guest runs until it needs us, then says why. */
static ssize_t run_once(int fd, char *buf, size_t size)
{
	ssize_t n;

	for (;;) {
		stop_if_signalled();
		n = read(fd, buf, size);
		if (n >= 0 || errno != EINTR)
			return n;
	}
}

void dev_run(int fd)
{
	static char buf[LGUEST_EVENT_MAX];
	struct lguest_event ev;
	ssize_t n;

	for (;;) {
		n = run_once(fd, buf, sizeof(buf));
		if (n < 0)
			die("running the guest failed: %s", dev_strerror(errno));
		if ((size_t)n < sizeof(ev))
			die("short event from %s (%zd bytes)", LGUEST_DEVICE, n);
		memcpy(&ev, buf, sizeof(ev));	/* buf need not be aligned */
		if (ev.len > (size_t)n - sizeof(ev))
			die("event from %s claims %u data bytes but carries %zu",
			    LGUEST_DEVICE, ev.len, (size_t)n - sizeof(ev));
		handle_event(&ev, buf + sizeof(ev));
	}
}
