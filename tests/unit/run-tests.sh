#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every unit test program, then the Launcher's command-line tests:
#
#	sh run-tests.sh path/to/lguest test-program...
#
# Passes their PASS/FAIL lines through, turns a program that fails without
# saying so (a crash) into a FAIL line of its own, and ends with the total
# "N passed, N failed".  Exits non-zero if anything failed.

LG=$1
shift
LOG=$(mktemp "${TMPDIR:-/tmp}/unit-log.XXXXXX") || exit 2
trap 'rm -f "$LOG" "$LOG.one"' EXIT
status=0

run() {
	name=$1
	shift
	"$@" >"$LOG.one" 2>&1
	rc=$?
	cat "$LOG.one"
	cat "$LOG.one" >>"$LOG"
	[ "$rc" -eq 0 ] && return
	status=1
	if ! grep -q '^FAIL ' "$LOG.one"; then
		echo "FAIL unit.$name: exited with status $rc" | tee -a "$LOG"
	fi
}

for t in "$@"; do
	run "$(basename "$t")" "$t"
done
run launcher_cli_test sh "$(dirname "$0")/launcher_cli_test.sh" "$LG"

echo "total: $(grep -c '^PASS ' "$LOG") passed, $(grep -c '^FAIL ' "$LOG") failed"
exit $status
