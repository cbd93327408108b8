#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot a 32-bit Linux natively in qemu-system-i386 (TCG) with the guest
# initramfs and run its tests: this proves the guest's user space
# independently of the lguest port.
#
#   scripts/linux-native.sh [TEST]      default TEST: hello; "all" for every
#                                       test in one boot; "shell" for a shell
#
# Prints the guest's console to build/linux-guest/native-TEST.log and, on
# stdout, a "PASS linux.native.NAME ..." or "FAIL linux.native.NAME: why"
# line per test (scripts/linux-results.sh), then
# "INFO linux.native.TEST: N passed, N failed (Ns)"; exits non-zero on FAIL.
#   KERNEL=bzImage      the kernel (default: Debian's 686, scripts/i386-debs.sh)
#   INITRD=file         the initramfs (default: built now)
#   TIMEOUT=seconds     give up after this long (default 120, all: 400)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
test=${1:-hello}
out=$top/build/linux-guest
mkdir -p "$out"
if [ -z "${KERNEL:-}" ]; then
	"$top/scripts/i386-debs.sh"
	eval "$("$top/scripts/i386-debs.sh" --print)"
	KERNEL=$I386_BZIMAGE
fi
if [ -z "${INITRD:-}" ]; then
	INITRD=$out/initramfs.cpio.gz
	"$top/scripts/mkguest-initramfs.sh" "$INITRD" >/dev/null
fi
qemu=(qemu-system-i386 -accel tcg -m 256 -nographic -no-reboot
      -kernel "$KERNEL" -initrd "$INITRD")

if [ "$test" = shell ]; then
	exec "${qemu[@]}" -append "console=ttyS0 panic=-1"
fi

PREFIX=${PREFIX:-native}	# results are linux.$PREFIX.NAME
log=$out/$PREFIX-$test.log
if [ "$test" = all ]; then
	expect=(--initrd "$INITRD")
	TIMEOUT=${TIMEOUT:-400}
else
	expect=("$test")
fi
start=$(date +%s)
: >"$log"	# before QEMU starts: the loop below must not see the last run's END
# quiet: the PASS line, not the boot log, is what we wait for; panic=-1 and
# -no-reboot turn a panic into QEMU's exit.  A kernel that cannot power
# the PC off (no ACPI) only halts: the end marker stops QEMU then.
timeout "${TIMEOUT:-120}" "${qemu[@]}" </dev/null >"$log" 2>&1 \
	-append "console=ttyS0 quiet panic=-1 lgtest=$test" &
qpid=$!
while kill -0 "$qpid" 2>/dev/null; do
	if grep -q "^LGTEST END" "$log"; then
		sleep 1
		kill "$qpid" 2>/dev/null || true	# it may have powered off
		break
	fi
	sleep 0.5
done
wait "$qpid" 2>/dev/null || true
secs=$(($(date +%s) - start))
tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"

results=$("$top/scripts/linux-results.sh" "$PREFIX" "$log" "${expect[@]}") && rc=0 || rc=$?
grep -q -E '^(PASS|FAIL) ' <<<"$results" ||
	results="FAIL linux.$PREFIX.$test: scripts/linux-results.sh failed (status $rc)"
printf '%s\n' "$results"
echo "INFO linux.$PREFIX.$test: $(grep -c '^PASS ' <<<"$results") passed," \
	"$(grep -c '^FAIL ' <<<"$results") failed (${secs}s)"
exit $rc
