#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the QEMU host VM (TCG, one of Debian's kernels) with an initramfs
# holding lg.ko, lguest and the guest.  The serial console is on stdio and
# copied to the log.  Everything that loads lg.ko runs in here, never on
# this machine.
#
#   scripts/host-vm.sh [--cpu MODEL] [--smp N] [--append "ARGS"]
#                      [--mode demo|check|shell] [--gdb] [--log FILE]
#                      [--timeout SEC] [--initrd FILE] [--kernel LINE]
#
#   --kernel   the Debian kernel line to boot, 6.1 (default) or 6.12, with
#              the lg.ko built for it; HOST_LINE=6.12 does the same, e.g.
#              HOST_LINE=6.12 make shell
#   --append   kernel arguments (may be repeated)
#   --mode     what /init runs (default shell); check is non-interactive
#   --gdb      QEMU's gdb stub on :1234, CPU stopped until gdb continues
#   --timeout  kill QEMU after SEC seconds (default 600, --gdb 3600, 0: never)
#   --initrd   boot this initramfs instead of building build/initramfs.cpio.gz
#   QEMU_DEBUG=1   also log interrupts and CPU resets (triple faults) to
#                  $QEMU_DEBUG_LOG (default build/qemu.log)
#   QEMU_EXTRA="..."   more QEMU options
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
build=$top/build

cpu=max smp=1 append='' mode=shell gdb='' log=$build/host-vm.log timeout='' initrd=''
line=${HOST_LINE:-6.1}
usage() { sed -n '8,10p' "$0" | sed 's/^#//' >&2; exit 1; }
while [ $# -gt 0 ]; do
	case $1 in
	--cpu)		cpu=$2; shift ;;
	--smp)		smp=$2; shift ;;
	--append)	append="${append:+$append }$2"; shift ;;	# adds up
	--mode)		mode=$2; shift ;;
	--gdb)		gdb=1 ;;
	--log)		log=$2; shift ;;
	--timeout)	timeout=$2; shift ;;
	--initrd)	initrd=$2; shift ;;
	--kernel)	line=$2; shift ;;
	*)		usage ;;
	esac
	shift
done
case $mode in demo|check|shell) ;; *) usage ;; esac
timeout=${timeout:-$([ -n "$gdb" ] && echo 3600 || echo 600)}

kver=$(cat "$CACHE/kver-$line" 2>/dev/null) ||
	{ echo "host-vm: no $CACHE/kver-$line; run make setup" >&2; exit 1; }
kernel=$CACHE/kernel-$kver/root/boot/vmlinuz-$kver
[ -f "$kernel" ] || { echo "host-vm: $kernel missing; run make setup" >&2; exit 1; }
mkdir -p "$build" "$(dirname "$log")"
if [ -z "$initrd" ]; then	# lg.ko of this line: host/ is 6.1's (Makefile)
	if [ "$line" = 6.1 ]; then
		initrd=$build/initramfs.cpio.gz
		"$top/scripts/mkinitramfs.sh" "$initrd" >&2
	else
		initrd=$build/$line/initramfs.cpio.gz
		LG_KO=$build/$line/host/lg.ko "$top/scripts/mkinitramfs.sh" "$initrd" >&2
	fi
fi

# The demo's Linux guest takes its shell commands from the terminal; with
# none (a pipe, CI) it runs a few by itself (tests/vm/demo.sh).
if [ "$mode" = demo ] && [ ! -t 0 ]; then
	append="$append lgdemo=script"
fi
# quiet: the serial console under TCG is slow, and dmesg keeps everything.
qemu=(qemu-system-x86_64 -accel tcg -cpu "$cpu" -smp "$smp" -m 1024
      -nographic -no-reboot -nic none -kernel "$kernel" -initrd "$initrd"
      -append "console=ttyS0 panic=-1 quiet lgmode=$mode $append")
if [ -n "${QEMU_DEBUG:-}" ]; then	# shellcheck disable=SC2054
	qemu+=(-d int,cpu_reset,guest_errors -D "${QEMU_DEBUG_LOG:-$build/qemu.log}")
fi
if [ -n "$gdb" ]; then
	qemu+=(-s -S)
	cat >&2 <<-EOF
	host-vm: QEMU waits for gdb on :1234.  Attach with
	host-vm:   gdb -ex 'target remote :1234'    (then 'continue')
	host-vm: Debian's vmlinux is not available.  For lg.ko's symbols run in the VM
	host-vm:   sh /tests/lg-symbols.sh      (insmods, then prints the command, i.e.)
	host-vm:   add-symbol-file host/lg.ko \$(cat /sys/module/lg/sections/.text) -s .data ...
	host-vm: and paste it into gdb (started in $top).
	EOF
fi
# shellcheck disable=SC2206
qemu+=(${QEMU_EXTRA:-})

# The in-VM suite asks for NMIs by printing NMI-REQUEST on the console;
# this watcher answers through QEMU's monitor ("nmi" hits every CPU), so
# NMIs arrive while guests run.  It stops by itself after the timeout.
watcher=
if [ "$mode" = check ]; then
	mon=$log.mon
	rm -f "$mon"
	qemu+=(-monitor "unix:$mon,server=on,wait=off")
	"$top/scripts/nmi-watcher.sh" "$log" "$mon" "$timeout" &
	watcher=$!
fi

# timeout --foreground leaves QEMU in our process group: an interactive
# QEMU can use the terminal (else it stops on SIGTTIN), and Ctrl-C of
# `make check` reaches every VM.  Batch runs get /dev/null on stdin, so
# parallel VMs never fight over a terminal.
tmo=(timeout --foreground -k 10 "$timeout")
stdin=/dev/null
if [ "$mode" != check ] && [ -t 0 ]; then
	stdin=/dev/stdin
	saved_tty=$(stty -g)
	trap 'stty "$saved_tty" 2>/dev/null || true' EXIT	# after a SIGKILL
fi

echo "host-vm: $mode, kernel $kver, -cpu $cpu -smp $smp, append '$append', log $log" >&2
# tee ends when QEMU (the only writer) exits or is killed by timeout.
set +e
"${tmo[@]}" "${qemu[@]}" < "$stdin" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
[ -z "$watcher" ] || kill "$watcher" 2>/dev/null
set -e
case $rc in
0)	;;
124|137) echo "host-vm: QEMU killed after ${timeout}s (timeout)" >&2 ;;
*)	echo "host-vm: QEMU exited with status $rc" >&2 ;;
esac
exit "$rc"
