#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# nmi-watcher.sh LOG MONITOR-SOCKET TIMEOUT: each time the VM's console log
# gains a line "NMI-REQUEST", send "nmi" to QEMU's monitor (an NMI on every
# CPU of the VM); for "MCE-REQUEST ...", machine checks (see answer_mce).
# Bounded: gives up after TIMEOUT seconds.
log=$1 mon=$2 limit=$3
answered=0

# "MCE-REQUEST cpus=N": a machine check on each of CPUs 0..N-1, as a
# broadcast one reaches every CPU; "MCE-REQUEST cpu=K local": on CPU K
# only, marked local (MCG_STATUS.LMCES), so that Linux does not wait for
# the other CPUs.  The monitor's replies are kept in LOG.mce.
mce_answered=0
rm -f "$log.mce"
answer_mce() {	# answer_mce REQUEST-LINE
	python3 - "$mon" "$1" >> "$log.mce" 2>&1 <<-'EOF'
	import re, socket, sys, time
	# An Intel "action optional" memory-scrubbing error, which Linux 6.1
	# grades AO (arch/x86/kernel/cpu/mce/severity.c), never fatal: MCi_STATUS
	# VAL|UC|EN|MISCV|ADDRV|S, MCACOD 0xC0; MCG_STATUS MCIP|RIPV (|LMCES);
	# an address far outside the VM's RAM; MISC: physical address mode,
	# LSB 12.  Bank 1 (Linux leaves bank 0 off on older Intel models).
	req = sys.argv[2]
	m = re.search(r"\bcpu=(\d+)", req)
	if m:
	    cpus = [int(m.group(1))]
	else:
	    m = re.search(r"\bcpus=(\d+)", req)
	    cpus = range(int(m.group(1)) if m else 1)
	mcg = "0xd" if re.search(r"\blocal\b", req) else "0x5"
	args = "1 0xbd000000000000c0 %s 0x7ff000000 0x8c" % mcg
	s = socket.socket(socket.AF_UNIX)
	s.settimeout(5)
	s.connect(sys.argv[1])
	def reply():	# what QEMU said, without its echo of the command line
	    out = b""
	    end = time.time() + 5
	    while not out.endswith(b"(qemu) ") and time.time() < end:
	        try:
	            chunk = s.recv(4096)
	        except OSError as e:
	            return "%s (QEMU gone?)" % e
	        if not chunk:
	            break
	        out += chunk
	    text = out.decode(errors="replace").replace("\r", "")
	    return text.partition("\n")[2].replace("(qemu) ", "").strip()
	reply()	# the banner
	for cpu in cpus:
	    cmd = "mce %d %s" % (cpu, args)
	    s.sendall(cmd.encode() + b"\n")
	    print("%s -> %s" % (cmd, reply() or "ok"))
	s.close()
	EOF
}
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
	asked=$(grep -c '^MCE-REQUEST' "$log" 2>/dev/null) || asked=0
	while [ "$mce_answered" -lt "$asked" ]; do
		mce_answered=$((mce_answered + 1))
		answer_mce "$(grep '^MCE-REQUEST' "$log" | sed -n "${mce_answered}p" | tr -d '\r')"
	done
done
