#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Checks of the Linux guest that `make linux-guest` built (make
# linux-guest-check; not part of make check yet, as the build is not):
#
#   linux-guest.note            guest/vmlinux carries the "lguest" ELF note
#   linux-guest.launcher.*      the Launcher unpacks guest/bzImage (and loads
#                               guest/vmlinux), accepts the platform, places
#                               the initramfs, and gets as far as /dev/lguest
#                               (only where lg.ko is not loaded: never here)
#   linux.native.guest-hello    guest/bzImage boots natively in
#                               qemu-system-i386 and runs lgtest=hello
#
# Prints PASS/FAIL lines and "N passed, N failed"; exits non-zero on FAIL.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lg=$top/launcher/lguest
initrd=$top/build/linux-guest/initramfs.cpio.gz
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

for f in guest/vmlinux guest/bzImage; do
	[ -f "$top/$f" ] || { echo "FAIL linux-guest: no $f (make linux-guest)"; exit 1; }
done
make -s -C "$top/launcher" >/dev/null || { echo "FAIL linux-guest: launcher does not build"; exit 1; }
"$top/scripts/mkguest-initramfs.sh" "$initrd" >/dev/null || { echo "FAIL linux-guest: no initramfs"; exit 1; }

if readelf -n "$top/guest/vmlinux" | grep -E -q '^ +lguest +0x00000004[[:space:]]+(NT_VERSION|.*0x00000001)'; then
	pass linux-guest.note
else
	fail linux-guest.note "guest/vmlinux has no \"lguest\" note of type 1"
fi

for k in bzImage vmlinux; do
	if [ -e /dev/lguest ]; then
		echo "SKIP linux-guest.launcher.$k: /dev/lguest exists"
		continue
	fi
	err=$("$lg" --initrd="$initrd" 128 "$top/guest/$k" console=hvc0 2>&1 </dev/null)
	case $err in
	*"/dev/lguest not found"*) pass "linux-guest.launcher.$k" ;;
	*) fail "linux-guest.launcher.$k" "$err" ;;
	esac
done

if out=$(KERNEL=$top/guest/bzImage INITRD=$initrd "$top/scripts/linux-native.sh" hello); then
	pass "linux.native.guest-hello ${out##* }"
else
	fail linux.native.guest-hello "$out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
