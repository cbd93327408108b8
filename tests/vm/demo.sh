#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make run`: load lg.ko in the host VM and boot the Linux guest (Linux 6.1
# with the lguest platform, guest/) to a busybox shell on the serial
# console; say how it ended, unload.  /init powers the VM off afterwards.
# With lgdemo=script on the command line (no terminal: scripts/host-vm.sh)
# the shell gets a few commands instead of yours.  Without a Linux guest
# in the initramfs, the test kernel's ring-3 world runs instead.
echo "demo: insmod /lg.ko"
if ! insmod /lg.ko; then
	echo "demo: insmod failed; dmesg says:"
	dmesg | tail -n 20
	exit 1
fi
script=
for arg in $(cat /proc/cmdline); do
	case $arg in lgdemo=script) script=1 ;; esac
done
echo "------------------------------------------------------------------"
if [ -f /linux/bzImage ]; then
	cmd="/lguest --initrd=/linux/initrd.cpio.gz 128 /linux/bzImage"
	echo "demo: $cmd"
	if [ -n "$script" ]; then
		printf '%s\n' 'uname -a' 'ls /proc' 'head -n 8 /proc/cpuinfo' 'poweroff' | $cmd
	else
		echo "demo: a busybox shell in a Linux guest at ring 1: try 'ls /proc',"
		echo "demo: 'cat /proc/cpuinfo'; 'poweroff' ends it.  QEMU takes Ctrl-A"
		echo "demo: itself: Ctrl-A Ctrl-A x quits the Launcher, Ctrl-A x QEMU."
		$cmd
	fi
else
	echo "demo: lguest 64 /vmlinux demo group=basic group=user group=userhostile group=bench"
	timeout -k 5 300 /lguest 64 /vmlinux demo group=basic group=user group=userhostile group=bench
fi
rc=$?
echo "------------------------------------------------------------------"
case $rc in
0)	echo "demo: the guest powered off cleanly (status 0)" ;;
2)	echo "demo: the host killed the guest (status 2, reason above)" ;;
124|137|143) echo "demo: still running after 300 s, stopped (status $rc)" ;;
*)	echo "demo: lguest exited with status $rc" ;;
esac
rmmod lg && echo "demo: rmmod lg done" || echo "demo: rmmod lg failed"
if dmesg | grep -E 'Oops|BUG:|WARNING:|general protection|Call Trace'; then
	echo "demo: the host kernel complained (above)"
fi
