#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the initramfs of the QEMU host VM:  scripts/mkinitramfs.sh OUT.cpio.gz
#
#   /init                 tests/vm/init: mounts, reads lgmode=, powers off
#   /bin/busybox + links  busybox-static and every applet as a symlink
#   /lg.ko /lguest /vmlinux   the three programs under test (each optional:
#                         a missing one is left out and the suite FAILs)
#   /tests/               tests/vm/*.sh, tests/unit/*.sh (launcher_cli_test.sh)
#   /tests/tests.tab      the test kernel's table of tests (tests/guest/tests.def)
#   /highload.elf         32-bit ELF whose only PT_LOAD is at 0x40000000
#   /tiny.elf             the same at 0x100000, a kernel the Launcher accepts
#   /tests/bin/*_test     tests/vm/*_test.c, static (run with lg.ko loaded)
#   /bin/getppid_bench    host-side syscall yardstick (static, -O2)
#   /bin/sigdfl           runs a program with SIGINT/SIGQUIT at default
#   /bin/ymm_marker       marks a CPU's ymm registers (no vector code of its own)
#   /bin/tick_bench       a host process waking at 100 Hz (idle yardstick)
#   /bin/hcall_loop       a guest making null hypercalls forever (MCE test)
#
# Override the inputs with LG_KO=, LGUEST=, GUEST=, TESTS_TAB= (paths on this machine),
# UNIT_DIR= (where launcher_cli_test.sh is; empty: leave it out),
# TEST_PROGS= (the C test programs; default tests/vm/*_test.c).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OUT.cpio.gz" >&2; exit 1; }
out=$(realpath -m "$1")
LG_KO=${LG_KO:-$top/host/lg.ko}
LGUEST=${LGUEST:-$top/launcher/lguest}
GUEST=${GUEST:-$top/tests/guest/vmlinux}
TESTS_TAB=${TESTS_TAB:-$top/tests/guest/tests.tab}
UNIT_DIR=${UNIT_DIR-$top/tests/unit}
BUSYBOX=${BUSYBOX:-/bin/busybox}
vm=$top/tests/vm

mkdir -p "$(dirname "$out")"
stage=$(dirname "$out")/$(basename "$out" .cpio.gz).d
rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,tests}

# busybox: the applet links are made here, so /init needs no set-up step.
{ [ -x "$BUSYBOX" ] && ! readelf -l "$BUSYBOX" | grep -q INTERP; } ||
	{ echo "mkinitramfs: $BUSYBOX is not static (apt-get install busybox-static)" >&2; exit 1; }
install -m 0755 "$BUSYBOX" "$stage/bin/busybox"
"$BUSYBOX" --list-full | while read -r applet; do
	[ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$stage/$applet"
done

# The programs under test.
put() {	# put SRC DEST MODE
	if [ -f "$1" ]; then
		install -m "$3" "$1" "$stage/$2"
	else
		echo "mkinitramfs: warning: $1 missing, /$2 left out" >&2
	fi
}
put "$LG_KO" lg.ko 0644
put "$LGUEST" lguest 0755
put "$GUEST" vmlinux 0644

# Test scripts and the helpers they need, built for this initramfs.
install -m 0755 "$vm/init" "$stage/init"
install -m 0755 "$vm"/*.sh "$stage/tests/"
put "$TESTS_TAB" tests/tests.tab 0644
if [ -n "$UNIT_DIR" ] && [ -d "$UNIT_DIR" ]; then	# the shell tests only
	mkdir -p "$stage/tests/unit"
	find "$UNIT_DIR" -maxdepth 1 -type f -name '*.sh' -exec cp -p {} "$stage/tests/unit/" \;
fi
# Two tiny 32-bit ELFs (see elf32.S).  -Ttext-segment puts the ELF header
# page at the address, so the one PT_LOAD starts exactly there (plain
# -Ttext leaves a header segment at 0x08048000).
for e in tiny:0x100000 highload:0x40000000; do
	gcc -m32 -nostdlib -static -Wl,-Ttext-segment="${e#*:}" -Wl,-z,noseparate-code \
		-Wl,--build-id=none -o "$stage/${e%%:*}.elf" "$vm/elf32.S"
done
# Test programs (tests/vm/*_test.c, with the ABI headers): check.sh runs
# each from /tests/bin with lg.ko loaded.  One that does not compile
# becomes a stub reporting so, and the rest of the suite still runs.
mkdir -p "$stage/tests/bin"
for c in ${TEST_PROGS-"$vm"/*_test.c}; do
	[ -e "$c" ] || continue
	t=$(basename "$c" .c)
	if ! gcc -static -O2 -Wall -Wextra -Werror -I"$top/include" -o "$stage/tests/bin/$t" "$c" \
		2> "$stage/tmp/$t.gcc"; then
		echo "mkinitramfs: warning: $c does not compile" >&2
		head -n 5 "$stage/tmp/$t.gcc" >&2
		printf '#!/bin/sh\necho "FAIL %s: tests/vm/%s.c did not compile"\nexit 1\n' "$t" "$t" \
			> "$stage/tests/bin/$t"
		chmod 0755 "$stage/tests/bin/$t"
	fi
	rm -f "$stage/tmp/$t.gcc"
done
gcc -static -O2 -Wall -Wextra -Werror -o "$stage/bin/getppid_bench" "$vm/getppid_bench.c"
gcc -static -O2 -Wall -Wextra -Werror -o "$stage/bin/sigdfl" "$vm/sigdfl.c"
gcc -static -O2 -Wall -Wextra -Werror -mgeneral-regs-only -o "$stage/bin/ymm_marker" "$vm/ymm_marker.c"
strip "$stage/bin/getppid_bench" "$stage/bin/sigdfl" "$stage/bin/ymm_marker"
# The idle-guest yardstick (check-idle.sh), a guest living in the
# switcher (check-mce.sh).
gcc -static -O2 -Wall -Wextra -Werror -o "$stage/bin/tick_bench" "$vm/tick_bench.c"
gcc -static -O2 -Wall -Wextra -Werror -I"$top/include" -o "$stage/bin/hcall_loop" "$vm/hcall_loop.c"
strip "$stage/bin/tick_bench" "$stage/bin/hcall_loop"

# The Linux guest (guest/bzImage: make linux-guest) with its initramfs and
# the names of its smoke tests (tests/linux/), for check-linux.sh.
LINUX_KERNEL=${LINUX_KERNEL:-$top/guest/bzImage}
LINUX_INITRD=${LINUX_INITRD:-$top/build/linux-guest/initramfs.cpio.gz}
mkdir -p "$stage/linux"
put "$LINUX_KERNEL" linux/bzImage 0644
put "$LINUX_INITRD" linux/initrd.cpio.gz 0644
for t in "$top"/tests/linux/*.c "$top"/tests/linux/*.sh; do
	basename "${t%.*}"
done > "$stage/linux/tests.list"

# The kernel's built-in initramfs already holds /dev/console; ours adds the
# rest.  Owner root, reproducible order.
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 | gzip -1 > "$out.tmp")
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(du -k "$out" | cut -f1) KiB)"
