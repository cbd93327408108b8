#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of the QEMU test bed (scripts/check.sh, host-vm.sh,
# mkinitramfs.sh, tests/vm/): runs it against stand-ins (a fake lg.ko that
# only creates /dev/lguest, and tests/qemu/fake/fake-lguest, a shell
# script playing Launcher and guest), so it works before the real pieces
# do.  Four runs, two at a time:
#   good   every check passes, and check.sh exits 0
#   bad    the fake gets everything wrong (lgfake=bad): each check FAILs
#   hang   a VM killed by its timeout is reported as not finished
#   panic  the host kernel panics (lgfake=panic): reported, with the reason
# Prints PASS/FAIL lines and `N passed, N failed`.  Logs in build/selftest/.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/selftest
fake=$top/tests/qemu/fake
rm -rf "$out"
mkdir -p "$out/module"
passed=0 failed=0
pass() { echo "PASS selftest.$1"; passed=$((passed + 1)); }
fail() { echo "FAIL selftest.$1: $2"; failed=$((failed + 1)); }

# The stand-ins.  The fake module is built as lg.ko against the cached
# Debian headers (and, like the real one, only ever loaded in the VM).
kdir=$top/.cache/kernel/root/usr/src/linux-headers-$(cat "$top/.cache/kver")
cp "$fake/fake_lg.c" "$out/module/"
printf 'obj-m := lg.o\nlg-y := fake_lg.o\n' > "$out/module/Kbuild"
if ! make -C "$kdir" M="$out/module" modules > "$out/module.log" 2>&1; then
	fail module "fake lg.ko does not build (see build/selftest/module.log)"
	echo "$passed passed, $failed failed"
	exit 1
fi
LG_KO=$out/module/lg.ko LGUEST=$fake/fake-lguest GUEST=$fake/fake-lguest UNIT_DIR="" TEST_PROGS="" \
	"$top/scripts/mkinitramfs.sh" "$out/initramfs.cpio.gz" > /dev/null

# run NAME [VAR=value...]: scripts/check.sh on the fakes, output in NAME.out
run() {
	local name=$1; shift
	env "$@" SKIP_UNIT=1 SKIP_BUILD=1 INITRD="$out/initramfs.cpio.gz" \
		"$top/scripts/check.sh" > "$out/$name.out" 2> "$out/$name.err"
	echo $? > "$out/$name.rc"
}
# check.sh logs to build/<config>.log, so runs side by side use distinct
# configurations.
t0=$SECONDS
run good CONFIGS="amd intel-pti" &
p1=$!
run bad CONFIGS="amd-smp2-pti" APPEND=lgfake=bad &
p2=$!
wait $p1 $p2
run hang CONFIGS="skylake" VM_TIMEOUT=6 &
p1=$!
run panic CONFIGS="nehalem-pti" APPEND=lgfake=panic &
p2=$!
wait $p1 $p2
echo "INFO selftest runs took $((SECONDS - t0))s" >&2

# good: everything passes, closing line, exit status 0.
good=$out/good.out
# The stand-in module forwards no NMIs and pins no pages: those two
# checks need the real lg.ko and are the only failures allowed here.
others=$(grep '^FAIL ' "$good" | grep -v -E '^FAIL [a-z0-9-]+\.(nmi|pins): ')
if [ -z "$others" ] && grep -q -E '^[1-9][0-9]* passed, [0-9]+ failed$' "$good"; then
	pass good
else
	fail good "unexpected failures: $(echo "$others" | head -n 3 | tr '\n' '|')"
fi
for cfg in amd intel-pti; do
	for t in nodev insmod devnode abi elf64 highload tiny boot guest.boot.cpl guest.boot.ud \
		 guest.boot.de guest.boot.timer hostile guest.hostile.sysenter unhandled crash \
		 badhcall signal gdt64 callgate stalesel badgate concurrent bench rmmod dmesg vm; do
		grep -q "^PASS $cfg.$t\$" "$good" || fail "good.$cfg.$t" "no 'PASS $cfg.$t'"
	done
	grep -q "^BENCH $cfg hcall_cycles=" "$good" || fail "good.$cfg.bench" "no hcall BENCH line"
	grep -q "^BENCH $cfg getppid_cycles=" "$good" || fail "good.$cfg.getppid" "no getppid BENCH line"
done
grep -q '^PASS intel-pti.pti$' "$good" || fail good.pti "no 'PASS intel-pti.pti'"
grep -q '^PASS intel-pti.concurrent-1cpu$' "$good" || fail good.smp "no concurrent-1cpu on smp 2"

# bad: every check of the suite must be able to fail.
bad=$out/bad.out
if [ "$(cat "$out/bad.rc")" != 0 ]; then pass bad.status; else fail bad.status "check.sh exited 0"; fi
n=0
for t in nodev abi elf64 highload tiny boot guest.boot.ud hostile guest.hostile.syscall unhandled \
	 crash badhcall signal concurrent concurrent-1cpu bench rmmod dmesg; do
	if grep -q "^FAIL amd-smp2-pti.$t: " "$bad"; then
		n=$((n + 1))
	else
		fail "bad.$t" "no 'FAIL amd-smp2-pti.$t'"
	fi
done
pass "bad.fails ($n checks failed as they should)"
for t in insmod devnode vm; do
	grep -q "^PASS amd-smp2-pti.$t\$" "$bad" || fail "bad.$t" "no 'PASS amd-smp2-pti.$t'"
done
grep -q 'still running 10s after SIGINT (killed)' "$bad" || fail bad.signal-kill "signal test did not kill the stuck launcher"

# hang: a VM that does not finish is reported, and nothing waits forever.
hang=$out/hang.out
if grep -q '^FAIL skylake.vm: did not finish (see build/skylake.log)$' "$hang" &&
   [ "$(cat "$out/hang.rc")" != 0 ]; then
	pass hang
else
	fail hang "no 'FAIL skylake.vm: did not finish' (status $(cat "$out/hang.rc"))"
fi

# panic: the host kernel dies mid-suite; the console shows why.
panic=$out/panic.out
if grep -q '^FAIL nehalem-pti.vm: did not finish' "$panic" &&
   grep -q '^FAIL nehalem-pti.console: .*Kernel panic' "$panic"; then
	pass panic
else
	fail panic "no 'FAIL nehalem-pti.vm' and '.console: ... Kernel panic'"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
