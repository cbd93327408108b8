#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The in-VM test suite (run as root by /init with lgmode=check).  One line
# per test, `PASS name` or `FAIL name: why`; program output is echoed
# indented (`  name| ...`) so it can never be mistaken for a result; the
# guest's own PASS/FAIL lines come back as `PASS guest.RUN.name`.  `BENCH
# ...` lines carry measurements.  The last line is VM-CHECK-DONE.
# Which guest runs to make, and how each must end, comes from the test
# kernel's own table, /tests/tests.tab (tests/guest/tests.def).
# busybox sh only.  lgtimeout=SEC on the kernel command line bounds each
# Launcher run (default 60).
T=60
for arg in $(cat /proc/cmdline); do
	case $arg in lgtimeout=*) T=${arg#lgtimeout=} ;; esac
done
LG=/lguest
GUEST=/vmlinux
TAB=/tests/tests.tab
O=/tmp/lgcheck
mkdir -p $O
# Every Launcher reads its stdin and passes it to the guest: here that is
# /dev/null unless a test types something (console input, below), never
# the serial console the harness reads.
exec < /dev/null

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }

# show NAME FILE: a program's output, indented, for the log (at most 200
# lines: a runaway guest must not flood the slow serial console).
show() {
	[ -s "$2" ] || return 0
	head -n 200 "$2" | sed "s/^/  $1| /"
	[ "$(wc -l < "$2")" -le 200 ] || echo "  $1| ... ($(wc -l < "$2") lines)"
}

# lg NAME ARGS...: run the Launcher, bounded; sets $rc, output in
# $O/NAME.out (console, \r stripped) and $O/NAME.err (stderr).
lg() {
	n=$1; shift
	timeout -k 5 "$T" $LG "$@" > $O/$n.raw 2> $O/$n.err
	rc=$?
	tr -d '\r' < $O/$n.raw > $O/$n.out
	show "$n" $O/$n.out
	show "$n.err" $O/$n.err
	echo "  $n| exit status $rc"
}

# why: accumulate failure reasons of the current test in $why.
why=
need() { why="${why:+$why; }$1"; }
verdict() {	# verdict NAME
	if [ -z "$why" ]; then pass "$1"; else fail "$1" "$why"; fi
	why=
}
has() { grep -q -F -- "$2" "$1"; }	# has FILE TEXT
status_is() {	# status_is WANT: checks $rc
	[ "$rc" = "$1" ] && return 0
	case $rc in
	124|137|143) need "timed out after ${T}s (status $rc)" ;;
	*) need "exit status $rc, want $1" ;;
	esac
	return 1
}
# guest_done FILE: the guest finished with failed=0.
guest_done() {
	line=$(grep -E '^GUEST-DONE ' "$1" | tail -n 1)
	case $line in
	"") need "no GUEST-DONE line" ;;
	*" failed=0"*) ;;
	*) need "guest reported: $line" ;;
	esac
}
# reemit FILE PREFIX: the guest's PASS/FAIL lines, renamed.  failures
# FILE PREFIX: only its FAIL lines (for runs that repeat the basic tests).
reemit() {
	sed -n -E "s/^(PASS|FAIL) /\\1 $2/p" "$1"
}
failures() {
	sed -n -E "s/^FAIL /FAIL $2/p" "$1"
}
# bad_input NAME TEXT ARGS...: the Launcher refuses with status 1 and
# one line "lguest: ..." on stderr mentioning TEXT (case-insensitive).
bad_input() {
	n=$1 text=$2; shift 2
	lg "$n" "$@"
	status_is 1
	[ "$(grep -c . $O/$n.err)" = 1 ] || need "want one line on stderr, got $(grep -c . $O/$n.err)"
	grep -q '^lguest: ' $O/$n.err || need "stderr does not start with 'lguest: '"
	grep -q -i -F -- "$text" $O/$n.err || need "stderr does not mention '$text'"
	verdict "$n"
}
# killed_with NAME CODE: status 2 and "lguest: guest crashed (CODE): why"
# on stderr, CODE being the kill code's short name (include/lguest/dev.h).
killed_with() {
	status_is 2
	grep -q -F "lguest: guest crashed ($2): " $O/$1.err ||
		need "no 'lguest: guest crashed ($2): ...' line (got: $(head -n 1 $O/$1.err))"
}

# The test table: "name group end" lines, '#' comments.
# tab_groups: every group with PASS tests, in table order.
# tab_passes GROUP...: the PASS tests of those groups.
# tab_killed: "name code" for each test the host must kill.
tab_groups() { awk '!/^#/ && $3 == "PASS" && !seen[$2]++ { print $2 }' $TAB; }
tab_passes() {
	awk -v gs=" $* " '!/^#/ && $3 == "PASS" && index(gs, " " $2 " ") { print $1 }' $TAB
}
tab_killed() {
	awk '!/^#/ && $3 ~ /^KILLED\(/ { c = $3; gsub(/^KILLED\(|\)$/, "", c); print $1, c }' $TAB
}
tab_input() { awk '!/^#/ && $3 == "INPUT" { print $1 }' $TAB; }
tab_has() {	# tab_has NAME END: the table has test NAME ending with END
	awk -v n="$1" -v e="$2" '!/^#/ && $1 == n && $3 == e { f = 1 } END { exit !f }' $TAB
}

# passes_all FILE GROUP...: a PASS line for every PASS test of the groups.
passes_all() {
	f=$1; shift
	for t in $(tab_passes "$@"); do
		grep -q -E "^PASS $t( |\$)" $f || need "no 'PASS $t'"
	done
}

# alive PID: running (a zombie counts as gone).
alive() {
	st=$(cut -d' ' -f3 /proc/$1/stat 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ]
}

t_start=$(uptime_s)
bad='Oops|BUG:|WARNING:|general protection|Call Trace|RIP:|kernel BUG|refcount_t|list_add corruption'
# Boot messages are not ours to judge (e.g. Skylake's "RETBleed: WARNING"):
# keep them aside and clear the ring, so the final check sees only the suite.
dmesg -c > $O/dmesg.boot
grep -E "$bad" $O/dmesg.boot | sed 's/^/INFO boot dmesg: /'

# --- environment --------------------------------------------------------
echo "INFO kernel $(uname -r), $(nproc) cpu(s), cmdline: $(cat /proc/cmdline)"
echo "INFO cpu $(sed -n 's/^vendor_id[^:]*: //p' /proc/cpuinfo | head -n 1)," \
     "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
flags=" $(sed -n 's/^flags[^:]*: //p' /proc/cpuinfo | head -n 1) "
have=
for f in pti la57 smep smap umip pcid pku syscall sep; do
	case $flags in *" $f "*) have="$have $f" ;; esac
done
echo "INFO cpu flags:$have; meltdown: $(cat /sys/devices/system/cpu/vulnerabilities/meltdown 2>/dev/null)"
case " $(cat /proc/cmdline) " in
*" pti=on "*)
	case $flags in
	*" pti "*) pass pti ;;
	*) fail pti "pti=on given but the pti flag is not set" ;;
	esac ;;
esac

# --- the Launcher's own command-line tests (tests/unit/) -----------------
# cli NAME SED: run launcher_cli_test.sh, results renamed by SED.  It runs
# before insmod and again after, when it checks other cases.
cli() {
	if [ ! -f /tests/unit/launcher_cli_test.sh ]; then
		echo "INFO $1: launcher_cli_test.sh not in the initramfs"
		return
	fi
	(cd /tests/unit && timeout -k 5 120 sh ./launcher_cli_test.sh $LG) \
		> $O/$1.out 2>&1
	rc=$?
	show "$1" $O/$1.out
	sed -n -E "$2" $O/$1.out
	grep -q -E '^(PASS|FAIL) ' $O/$1.out || fail "$1" "no PASS/FAIL lines (exit status $rc)"
	[ "$rc" = 0 ] || grep -q '^FAIL ' $O/$1.out || fail "$1" "exit status $rc"
}
cli cli 's/^(PASS|FAIL) /&/p'

[ -x $LG ] || fail launcher "$LG missing from the initramfs"
[ -f $GUEST ] || fail guest "$GUEST missing from the initramfs"

if [ -e /dev/lguest ]; then
	fail nodev "/dev/lguest exists before insmod"
else
	bad_input nodev insmod 32 /tiny.elf
fi

# --- module -------------------------------------------------------------
if [ ! -f /lg.ko ]; then
	fail insmod "/lg.ko missing from the initramfs"
elif insmod /lg.ko > $O/insmod.out 2>&1; then
	pass insmod
else
	fail insmod "insmod /lg.ko failed: $(head -n 1 $O/insmod.out)"
fi
if [ -c /dev/lguest ]; then
	mode=$(stat -c %a /dev/lguest)
	case $mode in
	*0) pass devnode ;;
	*) fail devnode "/dev/lguest has mode $mode, open to others" ;;
	esac
else
	fail devnode "/dev/lguest is not a character device"
fi
echo "INFO abi_revision=$(cat /sys/module/lg/parameters/abi_revision 2>/dev/null)"

cli cli-loaded 's/^(PASS|FAIL) launcher\.cli\./\1 launcher.cli.loaded./p'
# Test programs built from tests/vm/*_test.c: their PASS/FAIL lines as they
# are, and a FAIL of their own if they fail without saying so.
for t in /tests/bin/*_test; do
	[ -x "$t" ] || continue
	n=${t##*/}
	timeout -k 5 "$T" "$t" > $O/$n.out 2>&1
	rc=$?
	show "$n" $O/$n.out
	sed -n -E 's/^(PASS|FAIL) /&/p' $O/$n.out
	if [ "$rc" != 0 ] && ! grep -q '^FAIL ' $O/$n.out; then
		fail "$n" "exit status $rc without a FAIL line"
	elif ! grep -q -E '^(PASS|FAIL) ' $O/$n.out; then
		fail "$n" "no PASS/FAIL lines"
	fi
done

bad_input abi "ABI revision" --abi-revision=999 32 /tiny.elf
bad_input elf64 lguest: 32 /bin/busybox
bad_input highload "outside guest memory" 64 /highload.elf

# The tiniest guest: ud2 at the entry point, no IDT.  Needs no guest kernel.
lg tiny 32 /tiny.elf
killed_with tiny unhandled-trap
verdict tiny

# --- the test kernel ----------------------------------------------------
[ -s $TAB ] || fail tests.tab "$TAB missing or empty"

# guest_groups RUN MEM GROUP...: one guest running group=GROUP for each;
# it must power off with status 0 after a PASS for every PASS test of the
# groups in the table.  Its result lines come back as guest.RUN.name.
guest_groups() {
	r=$1 mem=$2; shift 2
	args=
	for g in "$@"; do args="$args group=$g"; done
	lg $r $mem $GUEST $args
	status_is 0
	passes_all $O/$r.out "$@"
	guest_done $O/$r.out
	verdict $r
	reemit $O/$r.out guest.$r.
	grep '^BENCH ' $O/$r.out
}

# Boot with no test words: the banner, the command line, the basic group.
lg boot 32 $GUEST hello world
status_is 0
has $O/boot.out 'lguest-guest: booting on lguest' || need "no 'lguest-guest: booting on lguest'"
has $O/boot.out 'cpl=1' || need "no cpl=1"
has $O/boot.out 'e820:' || need "no e820: line"
has $O/boot.out 'cmdline: hello world' || need "no 'cmdline: hello world'"
passes_all $O/boot.out basic
guest_done $O/boot.out
verdict boot
reemit $O/boot.out guest.boot.

# Every other group, one guest each (64 MB: the memory group writes all
# of it, a page the host maps on demand at a time).  The avx group runs
# beside a host process that marks the registers, below.
for g in $(tab_groups); do
	case $g in
	basic|avx) ;;
	*) guest_groups "$g" 64 "$g" ;;
	esac
done

# The tests that end with the host killing the guest, one guest each,
# killed with the code the table gives.
tab_killed > $O/killed.tab
for t in $(awk '{ print $1 }' $O/killed.tab); do
	lg $t 32 $GUEST test=$t
	killed_with $t "$(awk -v t="$t" '$1 == t { print $2 }' $O/killed.tab)"
	verdict $t
	failures $O/$t.out guest.$t.
done

# --- console input ------------------------------------------------------
# The INPUT tests read what is typed here on the Launcher's stdin, a pipe
# or a file (a terminal is tests/vm/console_tty_test.c's), and show it back
# as "ECHO ..." (bytes outside printable ASCII as \xNN).  A pipe is passed
# on byte for byte: Ctrl-A is no escape there.  Each must PASS and power
# off; a test the table adds without a case here fails.
for t in $(tab_input); do
	want= feeder=
	rm -f $O/$t.in
	case $t in
	console_echo)	# a second late: the guest is halted, waiting for it
		want='ECHO hello, lguest \x01x\x01\x01\x03'
		mkfifo $O/$t.in
		(sleep 1; printf 'hello, lguest \001x\001\001\003\n') > $O/$t.in &
		feeder=$! ;;
	console_early)	# there before the guest asks for it
		want='ECHO early bird'
		printf 'early bird\n' > $O/$t.in ;;
	console_drain)	# 6004 bytes, more than lg.ko's buffer holds
		awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%05d\n", i; print "END" }' > $O/$t.in ;;
	*)
		need "no input for it in tests/vm/check.sh"
		verdict $t
		continue ;;
	esac
	lg $t 32 $GUEST test=$t < $O/$t.in
	[ -n "$feeder" ] && wait $feeder
	status_is 0
	guest_done $O/$t.out
	grep -q -E "^PASS $t( |\$)" $O/$t.out || need "no 'PASS $t'"
	[ -z "$want" ] || grep -q -x -F -- "$want" $O/$t.out || need "no line '$want'"
	verdict $t
	failures $O/$t.out guest.$t.
done

# --- SIGINT stops a spinning guest --------------------------------------
sigdfl=; [ -x /bin/sigdfl ] && sigdfl=/bin/sigdfl
# busy_guests NAME: one spinning 16 MB guest per CPU (test=busy), output in
# $O/NAME.N.raw and .err; sets $cpus and $pids.
busy_guests() {
	cpus=$(nproc)
	pids=
	for c in $(seq 1 $cpus); do
		$sigdfl $LG 16 $GUEST test=busy > $O/$1.$c.raw 2> $O/$1.$c.err &
		pids="$pids $!"
	done
}
tab_has spin FOREVER || need "the table has no 'spin ... FOREVER'"
$sigdfl $LG 32 $GUEST test=spin > $O/spin.raw 2> $O/spin.err &
pid=$!
sleep 2
if ! alive $pid; then
	wait $pid
	rc=$?
	need "exited (status $rc) before the signal"
else
	kill -INT $pid
	i=0
	while alive $pid && [ $i -lt 100 ]; do	# 10 s
		usleep 100000
		i=$((i + 1))
	done
	if alive $pid; then
		kill -9 $pid
		need "still running 10s after SIGINT (killed)"
		i=0
		while alive $pid && [ $i -lt 50 ]; do usleep 100000; i=$((i + 1)); done
		alive $pid && need "unkillable: stuck in the kernel"
	else
		wait $pid
		rc=$?
		status_is 130
		echo "  signal| exited $((i / 10)).$((i % 10))s after SIGINT"
	fi
fi
tr -d '\r' < $O/spin.raw > $O/spin.out
tail -n 5 $O/spin.out | sed 's/^/  signal| /'
show signal.err $O/spin.err
verdict signal
failures $O/spin.out guest.signal.

# --- NMIs while guests run ---------------------------------------------
# One busy guest per CPU keeps every CPU in the guest world; the console
# line NMI-REQUEST makes the outer harness inject an NMI on every CPU
# (scripts/nmi-watcher.sh).  lg.ko must hand each back to the host (its
# counter and the host's own NMI count both rise) and the guests run on.
nmi_count() { awk '/^ *NMI:/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts; }
lg_nmis() { cat /sys/module/lg/parameters/nmis 2>/dev/null || echo 0; }
tab_has busy FOREVER || need "the table has no 'busy ... FOREVER'"
busy_guests busy
sleep 2
host_before=$(nmi_count) lg_before=$(lg_nmis)
# An NMI can land while the host has the CPU (the guest's timer exits,
# this script): ask again, once a second, until one lands in a guest.
tries=0
while [ "$(lg_nmis)" -le "$lg_before" ] && [ $tries -lt 20 ]; do
	echo "NMI-REQUEST"
	tries=$((tries + 1))
	sleep 1
done
sleep 1
host_after=$(nmi_count) lg_after=$(lg_nmis)
echo "  nmi| $tries NMI(s) asked; host NMIs $host_before -> $host_after, forwarded by lg $lg_before -> $lg_after"
[ "$lg_after" -gt "$lg_before" ] || need "no NMI was forwarded from a running guest"
[ "$host_after" -gt "$host_before" ] || need "the host's NMI count did not rise"
for p in $pids; do
	alive $p || need "a busy guest died during the NMIs"
	kill -INT $p 2>/dev/null
done
for p in $pids; do wait $p; done
verdict nmi

# --- two guests at once -------------------------------------------------
# conc NAME PREFIX...: two 16 MB guests side by side running the fpu and
# traps groups, both must finish, each checking its FPU/SSE registers and
# interrupted arithmetic stay its own.
conc_groups="fpu traps"
conc() {
	n=$1; shift
	args=
	for g in $conc_groups; do args="$args group=$g"; done
	timeout -k 5 "$T" "$@" $LG 16 $GUEST $args > $O/$n.1.raw 2> $O/$n.1.err &
	p1=$!
	timeout -k 5 "$T" "$@" $LG 16 $GUEST $args > $O/$n.2.raw 2> $O/$n.2.err &
	p2=$!
	wait $p1; r1=$?
	wait $p2; r2=$?
	for k in 1 2; do
		tr -d '\r' < $O/$n.$k.raw > $O/$n.$k.out
		show "$n.$k.err" $O/$n.$k.err
		guest_done $O/$n.$k.out
		passes_all $O/$n.$k.out $conc_groups
		failures $O/$n.$k.out "guest.$n.$k."
	done
	rc=$r1; status_is 0
	rc=$r2; status_is 0
	verdict "$n"
}
conc concurrent
# Both on one CPU: the launchers time-share it (registers must not mix).
[ "$(nproc)" -gt 1 ] && conc concurrent-1cpu taskset -c 0

# --- AVX state stays with its owner -------------------------------------
# avx NAME K: a host process marks all of ymm0-7 on CPU 0 (ymm_marker),
# and K guests on CPU 0 beside it run the avx group: halt and wake 200
# times (avx_leak: the upper halves must be exactly what each left there,
# never the marker's or another guest's), then keep their whole ymm0-7
# over console exits, halts, hypercalls and preemption (avx_keep).  The
# marker's own registers must stay intact throughout.  A fresh guest's
# state and the Launcher's are fpu_test's (tests/vm/fpu_test.c, above).
avx() {
	n=$1 k=$2
	/bin/ymm_marker 0 "$T" > $O/$n.marker 2>&1 &
	mp=$!
	i=0
	while ! grep -q marking $O/$n.marker && alive $mp && [ $i -lt 50 ]; do
		usleep 100000
		i=$((i + 1))
	done
	pids=
	for g in $(seq 1 "$k"); do
		timeout -k 5 "$T" taskset -c 0 $LG 16 $GUEST group=avx \
			> $O/$n.$g.raw 2> $O/$n.$g.err &
		pids="$pids $!"
	done
	g=0
	for p in $pids; do
		g=$((g + 1))
		wait "$p"
		rc=$?
		tr -d '\r' < $O/$n.$g.raw | grep -v '^avx_keep: round' > $O/$n.$g.out
		show "$n.$g" $O/$n.$g.out
		show "$n.$g.err" $O/$n.$g.err
		status_is 0
		guest_done $O/$n.$g.out
		passes_all $O/$n.$g.out avx
		reemit $O/$n.$g.out "guest.$n.$g."
	done
	kill -USR1 $mp 2>/dev/null
	wait $mp
	show "$n.marker" $O/$n.marker
	grep -q '^PASS ymm_marker' $O/$n.marker ||
		need "marker: $(grep -E '^(FAIL|SKIP)' $O/$n.marker || echo 'no PASS line')"
	verdict "$n"
}
case $flags in
*" avx "*)
	avx avx-marker 1
	avx avx-marker-2guests 2 ;;
*)	echo "INFO avx: no AVX on this CPU, the AVX leak tests are skipped" ;;
esac

# --- exit statistics ----------------------------------------------------
# lg.ko's debugfs counters: readable while a guest runs, and
# lguest/last/stats keeps those of the guest that ended last.  Each exits
# test runs n operations of one kind; a run with n = 0 and one with n = N,
# subtracted, give the exits one operation costs (BENCH exits_per_op).
D=/sys/kernel/debug/lguest
stat_of() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }	# stat_of FILE NAME
$sigdfl $LG 16 $GUEST test=spin > /dev/null 2>&1 &
pid=$!
sleep 2
live=$(ls -d $D/$pid-* 2>/dev/null | head -n 1)
if [ -n "$live" ] && [ -r "$live/stats" ]; then
	cp "$live/stats" $O/live.stats
	n=$(stat_of $O/live.stats exits)
	[ "${n:-0}" -gt 0 ] || need "a running guest's stats show no exits"
	echo "  stats| $(tr '\n' ' ' < $O/live.stats | cut -c1-300)"
else
	need "no $D/$pid-*/stats while the guest ran"
fi
kill -INT $pid 2>/dev/null
wait $pid
verdict stats.live

N=1000
per_op=
for t in syscall fault switch tick pte; do
	for k in 0 $N; do
		lg exits-$t-$k 32 $GUEST test=exits_$t exits_n=$k
		status_is 0
		cp $D/last/stats $O/exits-$t-$k.stats 2>/dev/null || need "no $D/last/stats"
	done
	a=$O/exits-$t-0.stats b=$O/exits-$t-$N.stats
	ops=$(sed -n "s/^PASS exits_$t (n=\([0-9]*\)).*/\1/p" $O/exits-$t-$N.out)
	ea=$(stat_of $a exits) eb=$(stat_of $b exits)
	if [ -z "$ops" ] || [ "$ops" -le 0 ] || [ -z "$ea" ] || [ -z "$eb" ]; then
		need "exits_$t: no operations or no statistics"
		continue
	fi
	per_op="$per_op $t=$(awk -v a="$ea" -v b="$eb" -v n="$ops" 'BEGIN { x = (b - a) / n; if (x < 0.005 && x > -0.005) x = 0; printf "%.2f", x }')"
	echo "  exits| $t: $ops operations, exits $ea -> $eb"
	if [ $t = syscall ]; then
		ia=$(stat_of $a inworld_syscalls) ib=$(stat_of $b inworld_syscalls)
		inw=$(( ${ib:-0} - ${ia:-0} ))
		echo "  exits| $ops system calls, $inw of them in-world"
		[ "$inw" -ge $((ops * 9 / 10)) ] ||
			need "only $inw of $ops int \$0x80 system calls stayed in the guest world"
	fi
	if [ $t = pte ]; then
		echo "  exits| $ops PTE updates: async calls $(stat_of $a async_calls) -> $(stat_of $b async_calls)"
	fi
done
echo "BENCH exits_per_op$per_op (n=$N; syscall, fresh-page fault, switch between two processes, timer tick, PTE update)"
verdict stats.exits

# --- the host's own yardstick -------------------------------------------
if /bin/getppid_bench > $O/getppid.out 2>&1 && grep -q '^BENCH ' $O/getppid.out; then
	grep '^BENCH ' $O/getppid.out
else
	fail getppid-bench "$(head -n 1 $O/getppid.out)"
fi

# The idle guest's cost (BENCH idle_cpu_ms_per_10s): tests/vm/check-idle.sh.
. /tests/check-idle.sh

# --- the Linux guest (tests/vm/check-linux.sh) ---------------------------
. /tests/check-linux.sh

# --- unload, and the host must be intact --------------------------------
if [ -d /sys/module/lg ]; then
	if rmmod lg > $O/rmmod.out 2>&1; then
		[ -e /dev/lguest ] && need "/dev/lguest still there"
		[ -d /sys/module/lg ] && need "/sys/module/lg still there"
	else
		need "rmmod lg failed: $(head -n 1 $O/rmmod.out)"
	fi
else
	need "lg is not loaded"
fi
verdict rmmod

# Every guest page lg.ko pinned was unpinned again: the kernel counts both
# (per CPU, folded lazily: stat_refresh folds them now).
echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
pins() { awk -v k="nr_foll_pin_$1" '$1 == k { print $2 }' /proc/vmstat; }
acq=$(pins acquired) rel=$(pins released)
echo "  pins| acquired $acq, released $rel"
if [ -z "$acq" ]; then
	fail pins "no nr_foll_pin counters in /proc/vmstat"
elif [ "$acq" -gt 0 ] && [ "$acq" = "$rel" ]; then
	pass pins
else
	fail pins "$acq pages pinned but $rel unpinned after every guest closed"
fi

dmesg > $O/dmesg	# only what the suite caused: the boot part was cleared
head -n 200 $O/dmesg | sed 's/^/  dmesg| /'
if grep -q -E "$bad" $O/dmesg; then
	fail dmesg "$(grep -E "$bad" $O/dmesg | head -n 3 | tr '\n' '|')"
else
	pass dmesg
fi

# Machine checks while guests run, last: they may bring the host down
# (tests/vm/check-mce.sh).
. /tests/check-mce.sh

echo "INFO check took $(awk -v a="$t_start" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }')s"
echo VM-CHECK-DONE
