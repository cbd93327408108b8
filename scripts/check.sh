#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: the unit tests, the build checks of lg.ko on each kernel
# line (scripts/check-build.sh), then the in-VM suite (tests/vm/check.sh) in
# several QEMU host-VM configurations on Debian's 6.1 and 6.12 kernels.
# Prints every `PASS name` / `FAIL name: why` line (VM results prefixed
# with the configuration, which names the kernel line unless it is 6.1:
# `amd.boot` ran on 6.1, `6.12-amd.boot` on 6.12), the BENCH lines, a tally
# per kernel line and one closing line `N passed, N failed`; exits non-zero
# if anything failed.  Logs in build/: unit.log, <config>.log.
#
#   CONFIGS="amd 6.12-amd"    run only these configurations
#   HOST_LINES=6.1            only this kernel line (default "6.1 6.12")
#   JOBS=1                    VMs at a time (default: nproc)
#   VM_TIMEOUT=SEC            kill a VM after SEC seconds (default 900)
#   SKIP_UNIT=1               skip make -C tests/unit run
#   SKIP_BUILD=1              skip scripts/check-build.sh (lg.ko per line)
#   SKIP_LINUX_NATIVE=1       skip the Linux guest user space, booted natively
#   SKIP_LINUX_GUEST=1        skip building guest/bzImage and its native run
#   APPEND="..."              more kernel arguments for every VM
#                             (lgverbose: kernel messages on the console)
#   INITRD=FILE               boot this initramfs instead of building one
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
mkdir -p "$build"

# The configurations: AMD- and Intel-like CPUs (TCG's SYSCALL/SYSENTER
# follow the vendor), 5-level paging (-cpu max has LA57) and 4-level
# (Skylake, Nehalem), with and without SMP and PTI, with and without
# SMEP/SMAP/UMIP (Nehalem has none).  The Skylake list drops what TCG
# cannot do, which it would otherwise warn about.  Every VM runs the Linux
# guest's smoke suite; amd and intel-pti (on both kernel lines) also run it
# without inline patching, and four Linux guests at once (lglinux=full).
skylake=Skylake-Client-v4,-pcid,-invpcid,-x2apic,-tsc-deadline,-rdseed,-spec-ctrl,-3dnowprefetch,-xsavec,-xsaves
# shellcheck disable=SC2054
config_args() {
	case $1 in
	amd)		args=(--cpu max --smp 1 --append lglinux=full) ;;
	intel-pti)	args=(--cpu max,vendor=GenuineIntel --smp 2 --append pti=on --append lglinux=full) ;;
	amd-smp2-pti)	args=(--cpu max --smp 2 --append pti=on) ;;
	skylake)	args=(--cpu "$skylake" --smp 1) ;;	# PTI by default
	intel-smp2)	args=(--cpu max,vendor=GenuineIntel --smp 2 --append pti=off) ;;
	nehalem-pti)	args=(--cpu Nehalem --smp 1 --append pti=on) ;;
	*)		return 1 ;;
	esac
}
# A configuration LINE-NAME boots kernel line LINE (6.1 without a prefix).
line_of() {
	case $1 in
	[0-9]*.[0-9]*-*) echo "${1%%-*}" ;;
	*) echo 6.1 ;;
	esac
}
base_of() {
	case $1 in
	[0-9]*.[0-9]*-*) echo "${1#*-}" ;;
	*) echo "$1" ;;
	esac
}
HOST_LINES=${HOST_LINES:-6.1 6.12}
# Everything on 6.1; on 6.12 the two that differ most: Intel with PTI and
# SMP, and AMD.
default_configs() {
	case " $HOST_LINES " in *" 6.1 "*)
		echo amd intel-pti amd-smp2-pti skylake intel-smp2 nehalem-pti ;;
	esac
	case " $HOST_LINES " in *" 6.12 "*)
		echo 6.12-intel-pti 6.12-amd ;;
	esac
}
CONFIGS=${CONFIGS:-$(default_configs)}
JOBS=${JOBS:-$(nproc)}
VM_TIMEOUT=${VM_TIMEOUT:-900}	# a VM takes 4-7 min here (the Linux guest)

results=$(mktemp "$build/check-results.XXXXXX")
trap 'rm -f "$results"' EXIT
note() { echo "check: $*" >&2; }

# --- unit tests ---------------------------------------------------------
if [ -z "${SKIP_UNIT:-}" ]; then
	note "make -C tests/unit run (log build/unit.log)"
	make -C "$top/tests/unit" run > "$build/unit.log" 2>&1
	rc=$?
	sed -n -E 's/\r$//; s/^(PASS|FAIL) /\1 unit./p' "$build/unit.log" >> "$results"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$results"; then
		echo "FAIL unit: make -C tests/unit run failed with status $rc (see build/unit.log)" >> "$results"
	fi
fi

# --- host-side checks ---------------------------------------------------
# The tour in Documentation/ must match the source comments it comes from.
if "$top/scripts/tour.py" --check > "$build/tour.log" 2>&1; then
	echo "PASS docs.tour" >> "$results"
else
	echo "FAIL docs.tour: $(head -n 1 "$build/tour.log")" >> "$results"
fi

# The same tests/guest/vmlinux boots natively in QEMU at ring 0 (multiboot),
# runs every PASS test of its table (group=all; tests of the host print
# SKIP) and powers off through isa-debug-exit: QEMU's status is
# (failures << 1) | 1.
native_guest() {
	local log=$build/native.log tab=$top/tests/guest/tests.tab rc t missing=
	timeout -k 5 120 qemu-system-x86_64 -accel tcg -cpu max -m 64 -nographic \
		-no-reboot -kernel "$top/tests/guest/vmlinux" -append "group=all" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 < /dev/null > "$log" 2>&1
	rc=$?
	sed -i 's/\r$//' "$log"
	sed -n -E 's/^(PASS|FAIL) /\1 native./p' "$log" >> "$results"
	for t in $(awk '!/^#/ && $3 == "PASS" { print $1 }' "$tab"); do
		grep -q -E "^(PASS|SKIP|FAIL) $t( |:|\$)" "$log" || missing+=" $t"
	done
	[ -z "$missing" ] || echo "FAIL native.tests: no result line from:$missing" >> "$results"
	if [ $rc -eq 1 ] && grep -q '^cpl=0' "$log" && grep -q 'GUEST-DONE passed=.* failed=0' "$log"; then
		echo "PASS native.boot" >> "$results"
	else
		echo "FAIL native.boot: QEMU status $rc, want 1 with cpl=0 and failed=0 (see build/native.log)" >> "$results"
	fi
}
native_guest

# The Linux guest's user space (scripts/mkguest-initramfs.sh) under Debian's
# stock i386 kernel, natively in qemu-system-i386: every test of
# tests/linux/ in one boot (lgtest=all), a linux.native.NAME line each
# (scripts/linux-results.sh), about 30 s.  It proves the initramfs and its
# tests apart from the lguest port.
if [ -z "${SKIP_LINUX_NATIVE:-}" ]; then
	note "linux.native: Debian's i386 kernel + the guest initramfs (log build/linux-guest/native-all.log)"
	"$top/scripts/linux-native.sh" all >> "$results" 2> "$build/linux-native.err" ||
		grep -q '^FAIL linux\.native\.' "$results" ||
		echo "FAIL linux.native: $(tail -n 1 "$build/linux-native.err")" >> "$results"
fi

# --- the Linux guest kernel ---------------------------------------------
# guest/bzImage: linux-source-6.1 with guest/patches/series applied (it
# must still apply) and the lguest platform of guest/ (scripts/linux-
# guest.sh: about 9 minutes the first time, seconds when only guest/
# changed).  The VMs boot it under lg.ko (tests/vm/check-linux.sh); here
# the same bzImage boots natively in qemu-system-i386 and runs the smoke
# suite at ring 0 (linux.port-native.NAME).
if [ -z "${SKIP_LINUX_GUEST:-}" ]; then
	note "linux-guest: the series, then the build (log build/linux-guest.log)"
	if "$top/scripts/linux-guest.sh" --check > "$build/linux-guest.log" 2>&1; then
		echo "PASS linux.series: $(grep -c -v -e '^#' -e '^$' "$top/guest/patches/series") patches apply" >> "$results"
	else
		echo "FAIL linux.series: $(tail -n 1 "$build/linux-guest.log")" >> "$results"
	fi
	if "$top/scripts/linux-guest.sh" >> "$build/linux-guest.log" 2>&1 &&
	   "$top/scripts/mkguest-initramfs.sh" "$build/linux-guest/initramfs.cpio.gz" >> "$build/linux-guest.log" 2>&1; then
		echo "PASS linux.build" >> "$results"
		note "linux.port-native: guest/bzImage at ring 0 (log build/linux-guest/port-native-all.log)"
		KERNEL=$top/guest/bzImage INITRD=$build/linux-guest/initramfs.cpio.gz PREFIX=port-native \
			"$top/scripts/linux-native.sh" all >> "$results" 2> "$build/linux-port-native.err" ||
			grep -q '^FAIL linux\.port-native\.' "$results" ||
			echo "FAIL linux.port-native: $(tail -n 1 "$build/linux-port-native.err")" >> "$results"
	else
		echo "FAIL linux.build: $(tail -n 1 "$build/linux-guest.log") (see build/linux-guest.log)" >> "$results"
	fi
fi

# --- the VMs ------------------------------------------------------------
# One initramfs per kernel line, each with the lg.ko built for it.
declare -A initrd
lines_used=$(for cfg in $CONFIGS; do line_of "$cfg"; done | sort -u)
for line in $lines_used; do
	if [ -n "${INITRD:-}" ]; then
		initrd[$line]=$INITRD
		continue
	fi
	if [ "$line" = 6.1 ]; then
		initrd[$line]=$build/initramfs.cpio.gz ko=$top/host/lg.ko
	else
		initrd[$line]=$build/$line/initramfs.cpio.gz ko=$build/$line/host/lg.ko
	fi
	log=$build/initramfs-$line.log
	if ! LG_KO=$ko "$top/scripts/mkinitramfs.sh" "${initrd[$line]}" > "$log" 2>&1; then
		echo "FAIL initramfs.$line: scripts/mkinitramfs.sh failed (see build/initramfs-$line.log)" >> "$results"
		initrd[$line]=
	fi
	sed -n "s/^mkinitramfs: warning: /check: warning: $line: /p" "$log" >&2
done

run_vm() {	# run_vm CONFIG: one VM, output only in build/CONFIG.log
	local cfg=$1 t0=$SECONDS args line
	line=$(line_of "$cfg")
	config_args "$(base_of "$cfg")"
	[ -n "${APPEND:-}" ] && args+=(--append "${APPEND}")
	QEMU_DEBUG_LOG=$build/$cfg.qemu.log "$top/scripts/host-vm.sh" --mode check \
		--kernel "$line" --initrd "${initrd[$line]}" --log "$build/$cfg.log" \
		--timeout "$VM_TIMEOUT" "${args[@]}" > /dev/null 2> "$build/$cfg.err"
	local rc=$?
	note "$cfg: finished in $((SECONDS - t0))s (QEMU status $rc)"
}

# Each VM is a job with its own process group (set -m; host-vm.sh keeps
# QEMU in it), so an interrupted check stops every VM it started.
set -m
vm_pids=()
stop_vms() {
	note "interrupted: stopping the VMs"
	for p in "${vm_pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null; done
	exit 130
}
trap stop_vms INT TERM HUP

t0=$SECONDS
# lg.ko's build checks per kernel line, the first job beside the VMs.
build_results=$build/check-build.out
running=0
if [ -z "${SKIP_BUILD:-}" ]; then
	note "build checks of lg.ko per kernel line (log build/check-build.log)"
	HOST_LINES=$HOST_LINES "$top/scripts/check-build.sh" > "$build_results" 2> "$build/check-build.log" &
	vm_pids+=($!)
	running=1
fi
for cfg in $CONFIGS; do
	if ! config_args "$(base_of "$cfg")"; then
		echo "FAIL $cfg.vm: unknown configuration" >> "$results"
		continue
	fi
	if [ -z "${initrd[$(line_of "$cfg")]:-}" ]; then
		echo "FAIL $cfg.vm: no initramfs for kernel $(line_of "$cfg")" >> "$results"
		continue
	fi
	note "$cfg: booting (log build/$cfg.log)"
	run_vm "$cfg" &
	vm_pids+=($!)
	running=$((running + 1))
	if [ $running -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait
trap - INT TERM HUP
[ -n "$CONFIGS" ] && note "all VMs done in $((SECONDS - t0))s"
if [ -z "${SKIP_BUILD:-}" ]; then
	cat "$build_results" >> "$results"
	grep -q -E '^(PASS|FAIL) ' "$build_results" ||
		echo "FAIL build: scripts/check-build.sh reported nothing (see build/check-build.log)" >> "$results"
fi

# The serial console ends lines with \r\n.  Results are the PASS/FAIL lines
# at the start of a line; a VM that never reached VM-CHECK-DONE failed.
console_bad='^\[ *[0-9]+\.[0-9]+\] .*(Kernel panic|Oops|BUG:|general protection fault|Call Trace|RIP:)'
benches=$(sed -n -E 's/^BENCH /BENCH native /p' "$build/native.log" 2>/dev/null)$'\n'
for cfg in $CONFIGS; do
	config_args "$(base_of "$cfg")" || continue
	[ -n "${initrd[$(line_of "$cfg")]:-}" ] || continue
	log=$build/$cfg.log
	sed -n -E "s/\r\$//; s/^(PASS|FAIL) /\\1 $cfg./p" "$log" >> "$results"
	if grep -q '^VM-CHECK-DONE' "$log"; then
		echo "PASS $cfg.vm" >> "$results"
	else
		echo "FAIL $cfg.vm: did not finish (see build/$cfg.log)" >> "$results"
	fi
	# An oops turns the console verbose: it shows here even if the VM died.
	oops=$(tr -d '\r' < "$log" | sed 's/^.*\(\[ *[0-9]*\.[0-9]*\] \)/\1/' | grep -E -m 1 "$console_bad")
	[ -z "$oops" ] || echo "FAIL $cfg.console: $oops" >> "$results"
	benches+=$(sed -n -E "s/\r\$//; s/^BENCH /BENCH $cfg /p" "$log")$'\n'
done

grep -v '^INFO ' "$results"
printf '%s' "$benches" | grep -v '^$'
# A tally per kernel line: its VMs' results and its build checks.
for line in $HOST_LINES; do
	l=${line//./\\.}
	pat="build\\.$l\\.|dkms\\.$l(:|\$)"
	for cfg in $CONFIGS; do
		[ "$(line_of "$cfg")" = "$line" ] && pat+="|${cfg//./\\.}\\."
	done
	p=$(grep -c -E "^PASS ($pat)" "$results")
	f=$(grep -c -E "^FAIL ($pat)" "$results")
	echo "INFO kernel $line ($(cat "${CACHE:-$top/.cache}/kver-$line" 2>/dev/null)): $p passed, $f failed"
done
grep '^INFO ' "$results"
passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
