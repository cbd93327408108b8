// SPDX-License-Identifier: GPL-2.0
/*
 * The first guest smoke test: a static 32-bit program runs under the
 * guest's Linux, sees the /proc the init mounted and says PASS.
 *
 * Built with gcc -m32 -static by scripts/mkguest-initramfs.sh; /init runs
 * it as /tests/hello when the kernel command line has lgtest=hello.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	char line[256] = "";
	FILE *f;

	if (uname(&u) < 0) {
		puts("FAIL hello: uname failed");
		return 1;
	}
	if (strcmp(u.machine, "i686") && strcmp(u.machine, "i586") &&
	    strcmp(u.machine, "i386")) {
		printf("FAIL hello: machine is %s, not i386\n", u.machine);
		return 1;
	}
	f = fopen("/proc/version", "r");
	if (!f || !fgets(line, sizeof(line), f) || strncmp(line, "Linux", 5)) {
		puts("FAIL hello: no /proc/version");
		return 1;
	}
	fclose(f);
	printf("hello from %s %s %s\n", u.sysname, u.release, u.machine);
	puts("PASS hello");
	return 0;
}
