#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make run`: load lg.ko in the host VM, boot one 64 MB guest with its
# console on the serial line, say how it ended, unload.  /init powers off.
echo "demo: insmod /lg.ko"
if ! insmod /lg.ko; then
	echo "demo: insmod failed; dmesg says:"
	dmesg | tail -n 20
	exit 1
fi
echo "demo: lguest 64 /vmlinux demo group=basic group=user group=userhostile group=bench"
echo "------------------------------------------------------------------"
timeout -k 5 300 /lguest 64 /vmlinux demo group=basic group=user group=userhostile group=bench
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
