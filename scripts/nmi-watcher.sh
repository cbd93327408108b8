#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# nmi-watcher.sh LOG MONITOR-SOCKET TIMEOUT: each time the VM's console log
# gains a line "NMI-REQUEST", send "nmi" to QEMU's monitor (an NMI on every
# CPU of the VM).  Bounded: gives up after TIMEOUT seconds.
log=$1 mon=$2 limit=$3
answered=0
end=$((SECONDS + limit))
while [ $SECONDS -lt $end ]; do
	sleep 0.5
	asked=$(grep -c '^NMI-REQUEST' "$log" 2>/dev/null) || asked=0
	while [ "$answered" -lt "$asked" ]; do
		python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"nmi\n")
s.close()' "$mon" 2>/dev/null
		answered=$((answered + 1))
	done
done
