#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the Linux guest's initramfs:  scripts/mkguest-initramfs.sh OUT.cpio.gz
#
#   /init                 tests/linux/init: mounts proc, sys, devtmpfs; runs
#                         the test named by lgtest= or starts a shell
#   /bin/busybox + links  Debian's i386 busybox-static (scripts/i386-debs.sh),
#                         every applet as a symlink
#   /tests/NAME           the smoke tests: tests/linux/NAME.c built with
#                         gcc -m32 -static, and tests/linux/NAME.sh scripts
#
# /dev/console comes from the kernel's built-in initramfs, as for every
# Linux.  Override the busybox with BUSYBOX= (an i386 static one).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OUT.cpio.gz" >&2; exit 1; }
out=$(realpath -m "$1")
src=$top/tests/linux
if [ -z "${BUSYBOX:-}" ]; then
	"$top/scripts/i386-debs.sh"
	eval "$("$top/scripts/i386-debs.sh" --print)"
	BUSYBOX=$I386_BUSYBOX
fi

# An i386 static busybox, or the guest has no user space at all.
file_class=$(readelf -h "$BUSYBOX" 2>/dev/null | sed -n 's/^ *Class: *//p')
{ [ "$file_class" = ELF32 ] && ! readelf -l "$BUSYBOX" | grep -q INTERP; } ||
	{ echo "mkguest-initramfs: $BUSYBOX is not a static i386 busybox" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
stage=$(dirname "$out")/$(basename "$out" .cpio.gz).d
rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,tests}

install -m 0755 "$BUSYBOX" "$stage/bin/busybox"
# The applet list comes from the binary's own table (it may not run here).
# busybox --list-full is what we want; an i386 static binary runs on an
# x86_64 host with IA32 emulation, and that is what Debian's kernels have.
"$stage/bin/busybox" --list-full | while read -r applet; do
	[ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$stage/$applet"
done
install -m 0755 "$src/init" "$stage/init"

# The test programs: a failure to build is a build failure, not a stub.
for c in "$src"/*.c; do
	[ -e "$c" ] || continue
	gcc -m32 -static -O2 -Wall -Wextra -Werror -o "$stage/tests/$(basename "$c" .c)" "$c"
done
strip "$stage"/tests/*
for sh in "$src"/*.sh; do
	[ -e "$sh" ] || continue
	t=$stage/tests/$(basename "$sh" .sh)
	[ ! -e "$t" ] || { echo "mkguest-initramfs: two tests named $(basename "$t")" >&2; exit 1; }
	install -m 0755 "$sh" "$t"
done

(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 | gzip -9n > "$out.tmp")
mv "$out.tmp" "$out"
echo "mkguest-initramfs: $out ($(du -k "$out" | cut -f1) KiB)"
