# SPDX-License-Identifier: GPL-2.0
# Sourced by check.sh, last (its helpers: alive, need, verdict, show, $LG,
# $GUEST, $O, $bad), after its rmmod and dmesg checks: a machine check that
# lg.ko loses can bring the host down, and the rest of the suite should
# have had its say by then.  Loads lg.ko again and unloads it at the end.
#
# --- machine checks while guests run ------------------------------------
# The console line "MCE-REQUEST ..." makes the outer harness inject machine
# checks through QEMU's monitor (scripts/nmi-watcher.sh): an Intel "action
# optional" memory-scrubbing error (MCi_STATUS 0xbd000000000000c0, MCG_STATUS
# MCIP|RIPV, an address outside the VM's RAM), which Linux 6.1 grades AO --
# logged, never fatal, in user or kernel context alike.  lg.ko must hand
# one that lands in a guest to the host's do_machine_check(): its own
# counter rises, the host counts at least as many (/proc/interrupts "MCE:"),
# logs the record, the guests run on and nothing panics.  AMD's grading
# (mce_severity_amd) panics on any uncorrected error without the SUCCOR
# feature, which TCG lacks: Intel-vendor CPUs only.
#
# A machine check that is lost leaves MCG_STATUS.MCIP set: the next one on
# that CPU shuts it down (QEMU: a triple fault).  So each test stops at the
# first loss, and after one nothing injects again.  A broadcast one lost on
# one CPU (mce, with more than one CPU) makes the others give up waiting
# for it in mce_start() and panic the host: the VM then ends here.
mce_count() { awk '/^ *MCE:/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts; }
lg_mces() { cat /sys/module/lg/parameters/mces 2>/dev/null || echo 0; }

mce_supported() {
	local vendor
	vendor=$(sed -n 's/^vendor_id[^:]*: //p' /proc/cpuinfo | head -n 1)
	if [ "$vendor" != GenuineIntel ]; then
		echo "INFO mce: skipped on $vendor (the injected error is fatal under AMD's grading)"
		return 1
	fi
	case " $(sed -n 's/^flags[^:]*: //p' /proc/cpuinfo | head -n 1) " in
	*" mce "*" mca "*) ;;
	*) echo "INFO mce: skipped, the CPU has no MCE/MCA"; return 1 ;;
	esac
	if [ ! -d /sys/devices/system/machinecheck/machinecheck0 ] ||
	   ! grep -q '^ *MCE:' /proc/interrupts; then
		echo "INFO mce: skipped, the host has no machine-check support"
		return 1
	fi
	echo "INFO mce: monarch_timeout=$(cat /sys/devices/system/machinecheck/machinecheck0/monarch_timeout)us"
}

# mce_ask REQUEST N PIDS: ask for N machine checks and wait until the host
# has counted them (every one, in a guest or not, passes through its
# do_machine_check()), then a second more: one raised while the last is
# still being handled is a triple fault too.  Fails, setting mce_lost, if
# one is never counted -- and mce_stuck if no guest of PIDS died of it
# either: a CPU then loops in the switcher with interrupts off (see
# lg_exit and lg_switcher_fault), and nothing may wait for it any more.
mce_lost= mce_stuck=
mce_ask() {
	local want i=0 p
	want=$(($(mce_count) + $2))
	echo "$1"
	while [ $i -lt 60 ]; do	# 6 s: the watcher polls every 0.5 s
		usleep 100000
		i=$((i + 1))
		if [ "$(mce_count)" -ge $want ]; then
			sleep 1
			return 0
		fi
		for p in $3; do alive $p || { mce_lost=1; return 1; }; done
	done
	mce_lost=1 mce_stuck=1
	return 1
}
# mce_why FILES: the reason for a lost machine check.
mce_why() {
	if grep -q -h 'switcher fault 18 ' $1; then
		need "a machine check taken in the switcher at ring 0 killed a guest as a switcher fault and never reached the host ($(grep -h 'switcher fault 18 ' $1 | head -n 1))"
	elif [ -n "$mce_stuck" ]; then
		need "a machine check vanished: the host never counted it, and no guest died (a CPU looping in the switcher looks like this)"
	else
		need "a guest died: $(cat $1 | head -n 1)"
	fi
}

# mce: one busy guest per CPU, as in the NMI test, and the error on every
# CPU, as a broadcast machine check reaches them all (Linux's handlers meet
# in mce_start(), up to monarch_timeout): ask until one lands in a guest
# (one that lands while the host has the CPU is the host's own, and as
# harmless).
mce_test() {
	local cpus pids p tries host_before host_after lg_before lg_after
	busy_guests mce
	sleep 2
	host_before=$(mce_count) lg_before=$(lg_mces)
	tries=0
	while [ "$(lg_mces)" -le "$lg_before" ] && [ $tries -lt 8 ]; do
		tries=$((tries + 1))
		mce_ask "MCE-REQUEST cpus=$cpus" $cpus "$pids" || break
	done
	sleep 1		# the record is printed from a work item
	host_after=$(mce_count) lg_after=$(lg_mces)
	echo "  mce| $tries request(s); host MCEs $host_before -> $host_after, forwarded by lg $lg_before -> $lg_after"
	dmesg | grep -E 'mce:|Memory failure' | tail -n 12 | sed 's/^/  mce| /'
	if [ -n "$mce_lost" ]; then
		mce_why "$O/mce.*.err"
	else
		[ "$lg_after" -gt "$lg_before" ] || need "no machine check was forwarded from a running guest"
		dmesg | grep -q -i 'Machine Check.*Bank 1: bd000000000000c0' ||
			need "no record of the error (bank 1, bd000000000000c0) in dmesg"
		[ "$lg_after" -gt "$lg_before" ] && ! dmesg | grep -q 'RIP !INEXACT! 03:<' &&
			need "no record with the guest's context (CS 3) in dmesg"
	fi
	[ $((host_after - host_before)) -ge $((lg_after - lg_before)) ] ||
		need "the host counted $((host_after - host_before)) machine checks, lg forwarded $((lg_after - lg_before))"
	for p in $pids; do
		alive $p || [ -n "$mce_lost" ] || need "a busy guest died during the machine checks"
		kill -INT $p 2>/dev/null
	done
	[ -n "$mce_stuck" ] || for p in $pids; do wait $p; done
	for c in $(seq 1 $cpus); do show mce.$c.err $O/mce.$c.err; done
	verdict mce
}

# mce-switcher: the error on CPU 0 only, marked local (MCG_STATUS.LMCES) so
# that no CPU waits for another, while a guest there does nothing but
# hypercalls (/bin/hcall_loop): machine checks then arrive as often while
# the CPU switches worlds -- at an entry stub, in lg_trap_common, on the
# exit path before the host's IDT is back -- as in the guest.  Each must
# still reach the host, and the guest must live.
mce_switcher_test() {
	local pid tries host_before host_after lg_before
	if [ ! -x /bin/hcall_loop ]; then
		echo "INFO mce-switcher: /bin/hcall_loop not in the initramfs"
		return
	fi
	taskset -c 0 /bin/hcall_loop > $O/hcloop.out 2> $O/hcloop.err &
	pid=$!
	sleep 2
	host_before=$(mce_count) lg_before=$(lg_mces)
	tries=0
	while [ $(($(lg_mces) - lg_before)) -lt 3 ] && [ $tries -lt 12 ]; do
		tries=$((tries + 1))
		mce_ask "MCE-REQUEST cpu=0 local" 1 $pid || break
	done
	host_after=$(mce_count)
	echo "  mce-switcher| $tries request(s); host MCEs $host_before -> $host_after," \
	     "forwarded by lg $lg_before -> $(lg_mces)"
	if [ -n "$mce_lost" ]; then
		mce_why $O/hcloop.err
	else
		[ "$(lg_mces)" -gt "$lg_before" ] || need "no machine check was forwarded from the guest"
	fi
	[ $((host_after - host_before)) -ge $(($(lg_mces) - lg_before)) ] ||
		need "the host counted fewer machine checks than lg forwarded"
	kill -INT $pid 2>/dev/null
	[ -n "$mce_stuck" ] || wait $pid
	show mce-switcher.err $O/hcloop.err
	verdict mce-switcher
}

if mce_supported; then
	dmesg -c > /dev/null	# the suite's own dmesg check is done
	if ! insmod /lg.ko > $O/insmod-mce.out 2>&1; then
		fail mce "insmod /lg.ko again failed: $(head -n 1 $O/insmod-mce.out)"
	else
		mce_test
		if [ -z "$mce_lost" ]; then
			mce_switcher_test
		else
			echo "INFO mce-switcher: not run, a machine check was lost (another could shut a CPU down)"
		fi
		if [ -n "$mce_stuck" ]; then
			echo "INFO mce-host: not checked, a CPU may be stuck in the switcher (rmmod would wait for it)"
		else
			rmmod lg > $O/rmmod-mce.out 2>&1 ||
				need "rmmod lg failed: $(head -n 1 $O/rmmod-mce.out)"
			dmesg > $O/dmesg-mce
			grep -E "$bad" $O/dmesg-mce | head -n 3 > $O/bad-mce
			[ -s $O/bad-mce ] && need "bad dmesg lines: $(tr '\n' '|' < $O/bad-mce)"
			verdict mce-host
		fi
	fi
fi
