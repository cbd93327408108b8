# SPDX-License-Identifier: GPL-2.0
# The Linux guest in the in-VM suite (sourced by tests/vm/check.sh, whose
# helpers it uses): guest/bzImage -- Linux 6.1 with the lguest platform --
# under lg.ko, with the smoke suite of tests/linux/ in its initramfs.
#
#   linux.boot         lgtest=all reaches /init and powers off with status 0
#   linux.NAME         each smoke test, inline patching on
#   linux-nopatch.NAME the same with lguest_nopatch (LINUX_FULL only)
#   linux.shell        commands typed on the console reach a busybox shell
#   linux.panic        a guest panic ends the Launcher with its message
#   linux.cycles       20 boots to /init and power-offs; pins balanced
#   linux.four         4 Linux guests at once (LINUX_FULL only)
#   BENCH linux_*      boot time to /init, exits during boot, patch sites
#
# lglinux=full on the kernel command line sets LINUX_FULL; the default
# runs the smoke suite once.
LK=/linux/bzImage LI=/linux/initrd.cpio.gz
LINUX_MEM=160
T_TESTKERNEL=$T
T=300		# a Launcher run may take minutes here: the suite, under TCG
LINUX_FULL=
for arg in $(cat /proc/cmdline); do
	case $arg in lglinux=full) LINUX_FULL=1 ;; esac
done

# linux NAME ARGS...: one Linux guest, console on hvc0.
linux() {
	n=$1; shift
	lg "$n" --initrd=$LI $LINUX_MEM $LK "$@"
}
# linux_suite NAME PREFIX: every smoke test passed (one line each).
linux_suite() {
	for t in $(cat /linux/tests.list); do
		if grep -q -E "^PASS $t( |\$)" $O/$1.out; then
			pass "$2.$t"
		else
			fail "$2.$t" "$(grep -m1 -E "^FAIL $t" $O/$1.out || echo "no PASS line")"
		fi
	done
}
# stat_of NAME: one counter of the last guest's statistics.
stat_of() { awk -v k="$1" '$1 == k { print $2 }' /sys/kernel/debug/lguest/last/stats 2>/dev/null; }
pins_out() {	# pages pinned and not yet released
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	awk '$1 == "nr_foll_pin_acquired" { a = $2 } $1 == "nr_foll_pin_released" { r = $2 }
	     END { print a - r }' /proc/vmstat
}

if [ ! -f $LK ] || [ ! -f $LI ] || [ ! -f /linux/tests.list ]; then
	fail linux.boot "no Linux guest in this initramfs (make linux-guest)"
else
	# --- the smoke suite, patched inline ---
	t0=$(uptime_s)
	linux linux-all lgtest=all
	echo "BENCH linux_suite_wall_s $(awk -v a="$t0" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }')"
	why=
	status_is 0
	grep -q "^LGTEST END " $O/linux-all.out || need "no LGTEST END line"
	grep -q "Run /init as init process" $O/linux-all.out || need "never ran /init"
	# The guest kernel's own complaints are the port's bugs.
	complaint=$(grep -m1 -E 'Call Trace|WARNING|BUG:|Oops|unchecked MSR|Disabled fast string' $O/linux-all.out)
	[ -z "$complaint" ] || need "the guest kernel complained: $complaint"
	verdict linux.boot
	linux_suite linux-all linux
	t_init=$(sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' $O/linux-all.out)
	echo "BENCH linux_boot_to_init_s ${t_init:-?}"
	echo "BENCH linux_suite_exits $(stat_of exits) hypercalls $(stat_of hypercalls) shadow_fills $(stat_of shadow_fills) inworld_syscalls $(stat_of inworld_syscalls) port_io $(stat_of port_io)"
	sites=$(grep -o 'lguest: patched inline: .*' $O/linux-all.out)
	echo "BENCH linux_patch_sites ${sites#lguest: patched inline: }"
	why=
	[ -n "$sites" ] || need "no 'lguest: patched inline' line in the boot log"
	verdict linux.patched

	# --- boot only: how many exits does a boot to /init take? ---
	linux linux-boot lgtest=hello
	echo "BENCH linux_boot_exits $(stat_of exits) hypercalls $(stat_of hypercalls) shadow_fills $(stat_of shadow_fills) reflected $(stat_of reflected) irqs $(stat_of irqs_delivered)"

	# --- a shell on the console, driven through the Launcher's stdin ---
	n=linux-shell
	printf 'echo shell-says-$((6 * 7))\nls /proc > /dev/null && echo proc-ok\npoweroff\n' |
		timeout -k 5 "$T" $LG --initrd=$LI $LINUX_MEM $LK > $O/$n.raw 2> $O/$n.err
	rc=$?
	tr -d '\r' < $O/$n.raw > $O/$n.out
	show "$n" $O/$n.out
	why=
	status_is 0
	grep -q '^shell-says-42' $O/$n.out || need "the shell did not run the typed echo"
	grep -q '^proc-ok' $O/$n.out || need "ls /proc failed"
	verdict linux.shell

	# --- a guest panic is the Launcher's crash reason ---
	# (Its console is not shown: the host VM's console check would take
	# the guest's expected "Kernel panic" line for the host's.)
	timeout -k 5 "$T" $LG --initrd=$LI $LINUX_MEM $LK rdinit=/nonexistent init=/nonexistent \
		> $O/linux-panic.out 2> $O/linux-panic.err
	rc=$?
	show linux-panic.err $O/linux-panic.err
	why=
	killed_with linux-panic guest-crash
	grep -q -F "Requested init /nonexistent failed" $O/linux-panic.err ||
		need "the panic message is not the crash reason"
	verdict linux.panic

	# --- 20 boots and power-offs; every page pinned is released ---
	why=
	before=$(pins_out)
	i=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		timeout -k 5 "$T" $LG --initrd=$LI $LINUX_MEM $LK lgtest=hello \
			> $O/linux-cycle.raw 2> $O/linux-cycle.err
		rc=$?
		[ $rc = 0 ] || { need "boot $i: exit status $rc ($(head -n 1 $O/linux-cycle.err))"; break; }
		grep -q '^PASS hello' $O/linux-cycle.raw || { need "boot $i: no PASS hello"; break; }
	done
	after=$(pins_out)
	echo "  linux.cycles| $i boots; pages pinned and not released: $before before, $after after"
	[ "$before" = "$after" ] || need "pins unbalanced: $before before, $after after"
	verdict linux.cycles

	if [ -n "$LINUX_FULL" ]; then
		# --- the suite again, every irq op a call ---
		linux linux-nopatch lgtest=all lguest_nopatch
		why=
		status_is 0
		grep -q "inline patching off" $O/linux-nopatch.out || need "patching was not off"
		verdict linux-nopatch.boot
		linux_suite linux-nopatch linux-nopatch

		# --- four Linux guests at once ---
		why=
		for k in 1 2 3 4; do
			timeout -k 5 "$T" $LG --initrd=$LI 128 $LK lgtest=thread \
				> $O/linux-four.$k.raw 2> $O/linux-four.$k.err &
			eval p$k=\$!
		done
		for k in 1 2 3 4; do
			eval wait \$p$k
			rc=$?
			status_is 0 || need "guest $k: $(head -n 1 $O/linux-four.$k.err)"
			tr -d '\r' < $O/linux-four.$k.raw > $O/linux-four.$k.out
			grep -q '^PASS thread' $O/linux-four.$k.out || need "guest $k: no PASS thread"
		done
		verdict linux.four
	fi
fi
T=$T_TESTKERNEL
