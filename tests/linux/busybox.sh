#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The busybox applets the guest's user space leans on, each against a known
# answer: sh (functions, loops, arithmetic, case, parameter expansion, a
# pipe into a read loop), sort, md5sum and sha256sum of known inputs, dd
# from /dev/zero into md5sum, gzip round trips, sed/awk/grep/wc/tr/cut,
# tar.  Installed as /tests/busybox; prints one PASS or FAIL line.
T=busybox
fails=
n=0
# check WHAT GOT WANT
check() {
	n=$((n + 1))
	[ "$2" = "$3" ] || fails="${fails:+$fails; }$1: got '$2', want '$3'"
}

# sh
fib() {
	a=0 b=1 i=0
	while [ $i -lt "$1" ]; do
		t=$((a + b)) a=$b b=$t i=$((i + 1))
	done
	echo $a
}
check "sh function+while" "$(fib 30)" 832040
s=0
for i in $(seq 1 100); do s=$((s + i)); done
check "sh for+seq" $s 5050
case lguest-guest in lg*-g*t) r=match ;; *) r=none ;; esac
check "sh case" $r match
x=a/b/c.tar.gz
check "sh expansion" "${x##*/} ${x%%.*} ${#x} ${x#*/}" "c.tar.gz a/b/c 12 b/c.tar.gz"
check "sh pipe+read" "$(printf 'a\nb\nc\n' | { k=0; while read -r l; do k=$((k + 1)); done; echo $k; })" 3
check "sh subshell+status" "$( (exit 3); echo $?)" 3

# sort
check "sort" "$(printf 'pear\napple\nfig\n' | sort | tr '\n' ' ')" "apple fig pear "
check "sort -n" "$(printf '10\n9\n100\n-1\n' | sort -n | tr '\n' ' ')" "-1 9 10 100 "
check "sort -ru" "$(printf 'b\na\nb\nc\n' | sort -ru | tr '\n' ' ')" "c b a "
check "sort -k2n" "$(printf 'x 3\ny 1\nz 2\n' | sort -k2n | cut -d' ' -f1 | tr -d '\n')" yzx

# digests
check "md5sum abc" "$(printf abc | md5sum)" "900150983cd24fb0d6963f7d28e17f72  -"
check "sha256sum abc" "$(printf abc | sha256sum)" \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -"
check "dd 16 MiB of zeros | md5sum" "$(dd if=/dev/zero bs=1M count=16 2>/dev/null | md5sum)" \
	"2c7ab85a893283e98c931e9511add182  -"
check "dd's count" "$(dd if=/dev/zero bs=4k count=100 2>/dev/null | wc -c)" 409600

# text tools
check "seq|awk sum" "$(seq 1 1000 | awk '{ s += $1 } END { print s }')" 500500
check "sed" "$(echo hello world | sed 's/o/0/g; s/^h/H/')" "Hell0 w0rld"
check "grep -c" "$(seq 1 100 | grep -c 7)" 19
check "tr+wc" "$(echo abc | tr a-c A-C) $(printf 'x\ny\n' | wc -l)" "ABC 2"

# gzip and tar round trips through /tmp
d=/tmp/busybox-test
rm -rf $d && mkdir -p $d/src
seq 1 20000 > $d/src/numbers
check "gzip|gunzip" "$(gzip -c $d/src/numbers | gunzip | md5sum)" "$(md5sum < $d/src/numbers)"
echo tar > $d/src/word
(cd $d && tar cf a.tar src && mkdir out && cd out && tar xf ../a.tar)
check "tar" "$(cat $d/out/src/word) $(cmp $d/src/numbers $d/out/src/numbers && echo same)" "tar same"
rm -rf $d

if [ -z "$fails" ]; then
	echo "PASS $T $n checks: sh, sort, md5sum, sha256sum, dd, awk, sed, grep, gzip, tar"
else
	echo "FAIL $T: $fails"
	exit 1
fi
