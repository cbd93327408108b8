#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Turn the console log of a Linux guest that ran tests/linux/init's tests
# into one result line per test:
#
#   scripts/linux-results.sh PREFIX LOG --initrd FILE   every test in FILE
#   scripts/linux-results.sh PREFIX LOG TEST...         these tests
#
# prints, for each test, "PASS linux.PREFIX.NAME details" or
# "FAIL linux.PREFIX.NAME: why", in the order of the tests expected, then
# any the log shows that were not expected.  A test passes when the log
# has "LGTEST BEGIN NAME" and, before the next marker, exactly one
# "PASS NAME" line, no FAIL line and no kernel oops or panic.  A test the
# log never began is a FAIL; a log without "LGTEST END" adds
# "FAIL linux.PREFIX.end: ..." (the guest died or hung), and an oops
# outside any test "FAIL linux.PREFIX.kernel: ...".  Exits non-zero
# if anything failed.  The log may have \r\n line ends (serial consoles).
#
# PREFIX names the run: "native" (scripts/linux-native.sh), "lguest", ...
set -euo pipefail
usage() { echo "usage: $0 PREFIX LOG (--initrd FILE | TEST...)" >&2; exit 2; }
[ $# -ge 3 ] || usage
prefix=$1 log=$2
shift 2
if [ "$1" = --initrd ]; then
	[ $# -eq 2 ] || usage
	# The initramfs's /tests/*, in the order /init runs them.
	tests=$(gzip -dc "$2" | cpio -it --quiet |
		sed -n 's|^\(\./\)\{0,1\}tests/\([^/][^/]*\)$|\2|p' | LC_ALL=C sort)
	[ -n "$tests" ] || { echo "linux-results: no /tests/* in $2" >&2; exit 2; }
else
	tests=$*
fi
[ -r "$log" ] || { echo "FAIL linux.$prefix.end: no console log $log"; exit 1; }

out=$(awk -v prefix="linux.$prefix." -v expected="$tests" -v logfile="$log" '
BEGIN {
	nexp = split(expected, want)
	# What the kernel says when it breaks (printk times are on).
	oops = "\\[ *[0-9]+\\.[0-9]+\\] .*(Kernel panic|Oops|BUG:|general protection fault|Call Trace|WARNING:)"
}
{ sub(/\r$/, "") }
/^LGTEST BEGIN / {
	cur = $3
	if (!(cur in seen))
		order[++nseen] = cur
	seen[cur]++
	next
}
/^LGTEST END / { ended = $0; cur = ""; next }
$0 ~ oops {
	who = cur == "" ? "kernel" : cur
	if (!(who in why))
		why[who] = "the kernel said: " $0
	if (cur == "")
		order[++nseen] = who
	next
}
cur == "" { next }
/^PASS / {
	if ($2 == cur) {
		if (!passes[cur]++)
			detail[cur] = substr($0, length("PASS " cur) + 2)
	} else if (!(cur in why)) {
		why[cur] = "printed \"" $0 "\""
	}
	next
}
/^FAIL / {
	line = $0
	if (index(line, "FAIL " cur ": ") == 1)
		line = substr(line, length("FAIL " cur ": ") + 1)
	if (!(cur in why))
		why[cur] = line
}
function report(t) {
	if (t in done)
		return
	done[t] = 1
	if (t in why)
		print "FAIL " prefix t ": " why[t]
	else if (!(t in seen))
		print "FAIL " prefix t ": not run (no \"LGTEST BEGIN " t "\" in " logfile ")"
	else if (seen[t] > 1)
		print "FAIL " prefix t ": ran " seen[t] " times"
	else if (passes[t] != 1)
		print "FAIL " prefix t ": " (passes[t] ? "printed " passes[t] " PASS lines" : "no PASS or FAIL line")
	else
		print "PASS " prefix t (detail[t] == "" ? "" : " " detail[t])
}
END {
	if (ended == "" && cur != "" && !(cur in why) && !passes[cur])
		why[cur] = "did not finish"
	for (i = 1; i <= nexp; i++)
		report(want[i])
	for (i = 1; i <= nseen; i++)
		report(order[i])
	if (ended == "")
		print "FAIL " prefix "end: no \"LGTEST END\" in " logfile \
			(cur == "" ? "" : " (the guest stopped during " cur ")")
}' "$log")
printf '%s\n' "$out"
! grep -q '^FAIL ' <<<"$out"
