#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the host VM (make gdb): print the gdb command that loads lg.ko's
# symbols at the addresses the module was loaded at.  Loads it if needed.
[ -d /sys/module/lg ] || insmod /lg.ko || exit 1
s=/sys/module/lg/sections
cmd="add-symbol-file host/lg.ko $(cat $s/.text)"
for sec in .data .bss .rodata .init.text .exit.text; do
	[ -r "$s/$sec" ] && cmd="$cmd -s $sec $(cat $s/$sec)"
done
echo "$cmd"
