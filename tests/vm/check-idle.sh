# SPDX-License-Identifier: GPL-2.0
# Sourced by check.sh (its helpers: alive, need, verdict, show, $LG, $GUEST, $O).
#
# --- what an idle guest costs the host ----------------------------------
# test=spin halts forever with its 100 Hz tick running: each tick wakes the
# Launcher, enters the guest, delivers the interrupt and halts again.  The
# Launcher's CPU time over 10 s of wall time (the scheduler's nanosecond
# sum_exec_runtime from /proc/PID/schedstat; utime+stime from /proc/PID/stat
# beside it, in clock ticks) is printed as
#   BENCH idle_cpu_ms_per_10s=MS wall_s=S stat_ms=MS halts=N exits=N us_per_halt=US
# with lg's own counters of the window (debugfs; -1 if unavailable), per
# 10 s.  A figure, not a threshold: idle FAILs only if it could not be
# measured.  The yardstick (under TCG absolute costs mean little) is a host
# process that only wakes at 100 Hz: BENCH sleeper_100hz_... (tick_bench.c).
idle_stat() {	# idle_stat PID: "sum_exec_ns utime+stime_ticks uptime_s"
	[ -r /proc/$1/schedstat ] && [ -r /proc/$1/stat ] || return 1
	echo "$(cut -d' ' -f1 /proc/$1/schedstat)" \
	     "$(sed 's/^.*) //' /proc/$1/stat | awk '{ print $12 + $13 }')" \
	     "$(cut -d' ' -f1 /proc/uptime)"
}
idle_counter() {	# idle_counter PID NAME: lg's debugfs counter, or -1
	set -- "$2" "$(ls /sys/kernel/debug/lguest/$1-*/stats 2>/dev/null | head -n 1)"
	if [ -n "$2" ]; then
		awk -v k="$1" '$1 == k { n = $2 } END { print n == "" ? -1 : n }' "$2"
	else
		echo -1
	fi
}

idle_test() {
	local pid i a b h0 h1 x0 x1
	grep -q ' /sys/kernel/debug ' /proc/mounts ||
		mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	${sigdfl:-} $LG 16 $GUEST test=spin > $O/idle.raw 2> $O/idle.err &
	pid=$!
	i=0	# booted and its basic tests done: it says so, then halts
	while ! grep -q 'spin: halting forever' $O/idle.raw && alive $pid && [ $i -lt 100 ]; do
		usleep 100000
		i=$((i + 1))
	done
	sleep 1
	grep -q 'spin: halting forever' $O/idle.raw || need "the guest never reached test=spin"
	a=$(idle_stat $pid) h0=$(idle_counter $pid halts) x0=$(idle_counter $pid exits)
	sleep 10
	b=$(idle_stat $pid) h1=$(idle_counter $pid halts) x1=$(idle_counter $pid exits)
	alive $pid || need "the Launcher died while idle"
	if [ -z "$a" ] || [ -z "$b" ]; then
		need "could not read /proc/$pid/schedstat and stat"
	elif [ -z "$why" ]; then
		# /proc/PID/stat counts in USER_HZ, 100 on x86.
		echo "$a $b $h0 $h1 $x0 $x1" | awk '{
			wall = $6 - $3
			ms = ($4 - $1) / 1e6 * 10 / wall
			stat_ms = ($5 - $2) * 10 * 10 / wall
			halts = $7 < 0 ? -1 : int(($8 - $7) * 10 / wall + 0.5)
			exits = $9 < 0 ? -1 : int(($10 - $9) * 10 / wall + 0.5)
			per = "n/a"
			if (halts > 0)
				per = sprintf("%.1f", ms * 1000 / halts)
			printf "BENCH idle_cpu_ms_per_10s=%.1f wall_s=%.2f stat_ms=%.0f halts=%d exits=%d us_per_halt=%s\n",
				ms, wall, stat_ms, halts, exits, per
		}'
	fi
	kill -INT $pid 2>/dev/null
	wait $pid
	tr -d '\r' < $O/idle.raw > $O/idle.out
	failures $O/idle.out guest.idle.
	show idle.err $O/idle.err
	verdict idle
	if [ -x /bin/tick_bench ]; then
		/bin/tick_bench > $O/tick.out 2>&1
		grep '^BENCH ' $O/tick.out || fail idle-yardstick "$(head -n 1 $O/tick.out)"
	fi
}
idle_test
