# SPDX-License-Identifier: GPL-2.0
# Sourced by check.sh (its helpers: alive, need, verdict, $LG, $GUEST, $O).
#
# --- machine checks while guests run ------------------------------------
# One busy guest per CPU, as in the NMI test; the console line
# "MCE-REQUEST cpus=N" makes the outer harness inject a machine check on
# each CPU through QEMU's monitor (scripts/nmi-watcher.sh): an Intel
# "action optional" memory-scrubbing error (MCi_STATUS 0xbd000000000000c0,
# MCG_STATUS MCIP|RIPV, an address outside the VM's RAM), which Linux 6.1
# grades AO -- logged, never fatal, in user or kernel context alike.  lg.ko
# must hand one that lands in a guest to the host's do_machine_check(): its
# own counter rises, the host counts at least as many (/proc/interrupts
# "MCE:"), logs the record with the guest's ring-3-looking CS, the guests
# run on and nothing panics.  AMD's grading (mce_severity_amd) panics on
# any uncorrected error without the SUCCOR feature, which TCG lacks: the
# test runs on Intel-vendor CPUs only.
mce_count() { awk '/^ *MCE:/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts; }
lg_mces() { cat /sys/module/lg/parameters/mces 2>/dev/null || echo 0; }

# mce_test: fails (status 1) if skipped, or if a machine check was lost
# (any further one could then shut a CPU down).
mce_test() {
	local vendor cpus pids p tries host_before host_after lg_before lg_after mc
	mc=/sys/devices/system/machinecheck/machinecheck0
	vendor=$(sed -n 's/^vendor_id[^:]*: //p' /proc/cpuinfo | head -n 1)
	if [ "$vendor" != GenuineIntel ]; then
		echo "INFO mce: skipped on $vendor (the injected error is fatal under AMD's grading)"
		return 1
	fi
	case " $(sed -n 's/^flags[^:]*: //p' /proc/cpuinfo | head -n 1) " in
	*" mce "*" mca "*) ;;
	*) echo "INFO mce: skipped, the CPU has no MCE/MCA"; return 1 ;;
	esac
	if [ ! -d $mc ] || ! grep -q '^ *MCE:' /proc/interrupts; then
		echo "INFO mce: skipped, the host has no machine-check support"
		return 1
	fi
	echo "INFO mce: monarch_timeout=$(cat $mc/monarch_timeout 2>/dev/null)us"
	cpus=$(nproc)
	pids=
	for c in $(seq 1 $cpus); do
		${sigdfl:-} $LG 16 $GUEST test=busy > $O/mce.$c.raw 2> $O/mce.$c.err &
		pids="$pids $!"
	done
	sleep 2
	host_before=$(mce_count) lg_before=$(lg_mces)
	# One that lands while the host has the CPU is the host's own (and as
	# harmless): ask again until one lands in a guest.  Slowly: a machine
	# check raised while the last is still being handled (MCIP set) is a
	# triple fault.  An #MC taken inside the switcher kills a guest with
	# "switcher fault 18" and is never handed on, leaving MCIP set: stop.
	tries=0
	while [ "$(lg_mces)" -le "$lg_before" ] && [ $tries -lt 8 ]; do
		echo "MCE-REQUEST cpus=$cpus"
		tries=$((tries + 1))
		sleep 3
		if grep -q 'switcher fault 18 ' $O/mce.*.err; then
			need "an #MC inside the switcher killed a guest and was not handed to the host"
			break
		fi
	done
	sleep 2		# the record is printed from a work item
	host_after=$(mce_count) lg_after=$(lg_mces)
	echo "  mce| $tries request(s); host MCEs $host_before -> $host_after, forwarded by lg $lg_before -> $lg_after"
	dmesg | grep -E 'mce:|Memory failure' | tail -n 12 | sed 's/^/  mce| /'
	[ "$lg_after" -gt "$lg_before" ] || need "no machine check was forwarded from a running guest"
	[ $((host_after - host_before)) -ge $((lg_after - lg_before)) ] ||
		need "the host counted $((host_after - host_before)) machine checks, lg forwarded $((lg_after - lg_before))"
	dmesg | grep -q -i 'Machine Check.*Bank 1: bd000000000000c0' ||
		need "no record of the error (bank 1, bd000000000000c0) in dmesg"
	[ "$lg_after" -gt "$lg_before" ] && ! dmesg | grep -q 'RIP !INEXACT! 03:<' &&
		need "no record with the guest's context (CS 3) in dmesg"
	for p in $pids; do
		alive $p || need "a busy guest died during the machine checks"
		kill -INT $p 2>/dev/null
	done
	for p in $pids; do wait $p; done
	for c in $(seq 1 $cpus); do show mce.$c.err $O/mce.$c.err; done
	verdict mce
	! grep -q 'switcher fault 18 ' $O/mce.*.err
}

# mce-switcher: the same error on CPU 0 only, marked local so that no CPU
# waits for another, while a guest there does nothing but hypercalls
# (/bin/hcall_loop): most machine checks then arrive while that CPU is
# switching worlds, many of them in the switcher at ring 0 (an entry stub,
# lg_trap_common, the exit path before the host's IDT is back).  Each must
# still reach the host -- lost, it leaves MCG_STATUS.MCIP set, and the
# next machine check shuts the CPU down -- and the guest must live.  Stops
# at the first loss: another injection would be that shutdown.
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
	while [ $(($(lg_mces) - lg_before)) -lt 3 ] && [ $tries -lt 12 ] && alive $pid; do
		echo "MCE-REQUEST cpu=0 local"
		tries=$((tries + 1))
		sleep 2
	done
	host_after=$(mce_count)
	echo "  mce-switcher| $tries request(s); host MCEs $host_before -> $host_after," \
	     "forwarded by lg $lg_before -> $(lg_mces)"
	if ! alive $pid; then
		wait $pid
		if grep -q 'switcher fault 18 ' $O/hcloop.err; then
			need "a machine check taken in the switcher at ring 0 killed the guest as a switcher fault and never reached the host ($(head -n 1 $O/hcloop.err))"
		else
			need "the guest died: $(head -n 1 $O/hcloop.err)"
		fi
	else
		kill -INT $pid
		wait $pid
		[ "$(lg_mces)" -gt "$lg_before" ] || need "no machine check was forwarded from the guest"
	fi
	[ $((host_after - host_before)) -ge $(($(lg_mces) - lg_before)) ] ||
		need "the host counted fewer machine checks than lg forwarded"
	show mce-switcher.err $O/hcloop.err
	verdict mce-switcher
}
mce_test && mce_switcher_test
