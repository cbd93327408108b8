// SPDX-License-Identifier: GPL-2.0
/*
 * /proc: cpuinfo (a "processor" line per online CPU), meminfo (MemTotal
 * sane and matching sysinfo), /proc/self/maps (this program, its stack,
 * a mapping made here with its address and permissions), /proc/self/stat
 * and status, /proc/uptime increasing, /proc/interrupts and others
 * readable.
 */
#define TEST "proc"
#include "lgtest.h"
#include <sys/mman.h>
#include <sys/sysinfo.h>

/* The file's contents (at most 64 KiB, NUL-terminated) in a static buffer. */
static char *slurp(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	EXPECT(f, "open %s: %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	EXPECT(!ferror(f), "read %s: %s", path, strerror(errno));
	fclose(f);
	buf[n] = 0;
	EXPECT(n > 0, "%s is empty", path);
	return buf;
}

static int cpus(void)
{
	char *s = slurp("/proc/cpuinfo"), *p;
	int n = 0;
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	for (p = s; (p = strstr(p, "processor")); p++)
		if ((p == s || p[-1] == '\n') && strtol(strchr(p, ':') + 1, NULL, 10) == n)
			n++;
	EXPECT(n >= 1, "/proc/cpuinfo has no \"processor : 0\" line");
	EXPECT(n == online, "/proc/cpuinfo lists %d processors, sysconf says %ld online", n, online);
	EXPECT(strstr(s, "\nvendor_id") && strstr(s, "\nflags"), "/proc/cpuinfo has no vendor_id or flags");
	return n;
}

static long long memtotal(void)
{
	long long total = meminfo("MemTotal"), free = meminfo("MemFree");
	struct sysinfo si;
	long long si_total;

	EXPECT(total >= 16LL << 20 && total <= 4LL << 30, "MemTotal is %lld kB", total >> 10);
	EXPECT(free > 0 && free < total, "MemFree is %lld kB of %lld", free >> 10, total >> 10);
	SYS(sysinfo(&si));
	si_total = (long long)si.totalram * si.mem_unit;
	EXPECT(si_total == total, "sysinfo says %lld bytes of RAM, /proc/meminfo %lld", si_total, total);
	return total;
}

static void maps(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char want[64], *s;

	EXPECT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	snprintf(want, sizeof(want), "%08lx-%08lx r--p ", (unsigned long)p, (unsigned long)p + 3 * 4096);
	s = slurp("/proc/self/maps");
	EXPECT(strstr(s, want), "/proc/self/maps has no line \"%s\" for a mapping made here", want);
	EXPECT(strstr(s, "[stack]"), "/proc/self/maps has no [stack]");
	EXPECT(strstr(s, "r-xp") && strstr(s, "/tests/proc\n"), "/proc/self/maps does not show this program");
	SYS(munmap(p, 3 * 4096));
	EXPECT(!strstr(slurp("/proc/self/maps"), want), "/proc/self/maps shows a mapping after munmap");
}

static void self(void)
{
	char *s = slurp("/proc/self/stat");

	EXPECT(atoi(s) == getpid() && strstr(s, "(proc) R "),
	       "/proc/self/stat: \"%.40s\", want pid %d, (proc), running", s, getpid());
	s = slurp("/proc/self/status");
	EXPECT(!strncmp(s, "Name:\tproc\n", 11), "/proc/self/status starts \"%.20s\"", s);
}

static double uptime(void)
{
	return strtod(slurp("/proc/uptime"), NULL);
}

int main(void)
{
	static const char *const others[] = {
		"/proc/interrupts", "/proc/version", "/proc/loadavg", "/proc/stat", "/proc/filesystems",
		"/proc/mounts", "/proc/cmdline",
	};
	long long total;
	double up0, up1;
	unsigned int i;
	int n;

	n = cpus();
	total = memtotal();
	maps();
	self();
	up0 = uptime();
	sleep_ms(300);
	up1 = uptime();
	EXPECT(up0 > 0 && up1 - up0 >= 0.2 && up1 - up0 < 5,
	       "/proc/uptime went from %.2f to %.2f in 300 ms", up0, up1);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		slurp(others[i]);
	EXPECT(strstr(slurp("/proc/interrupts"), "CPU0"), "/proc/interrupts has no CPU0 column");
	EXPECT(strstr(slurp("/proc/mounts"), " /proc proc "), "/proc/mounts does not show /proc");
	pass("%d cpu, MemTotal %lld MB, maps, self/stat, uptime %.2f -> %.2f, interrupts and others",
	     n, total >> 20, up0, up1);
}
