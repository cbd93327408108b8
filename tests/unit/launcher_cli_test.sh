#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Command-line tests of the Launcher that need no guest to run:
#
#	sh launcher_cli_test.sh path/to/lguest
#
# Bad arguments and bad kernels must give a one-line "lguest: ..." error
# and exit status 1.  Runs here (no module) and inside the busybox
# initramfs of the host VM (module loaded): POSIX sh and busybox commands
# only, scratch files under $TMPDIR.  Prints "PASS name" / "FAIL name: why"
# and a closing "N passed, N failed"; exits non-zero if anything failed.

LG=$1
if [ -z "$LG" ] || [ ! -x "$LG" ]; then
	echo "usage: $0 path/to/lguest" >&2
	exit 2
fi
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/lguest-cli.XXXXXX") || exit 2
trap 'rm -rf "$SCRATCH"' EXIT
passed=0
failed=0

pass() { echo "PASS launcher.cli.$1"; passed=$((passed + 1)); }
fail() { echo "FAIL launcher.cli.$1: $2"; failed=$((failed + 1)); }

# expect NAME STATUS STREAM TEXT -- ARGS...: run lguest ARGS, check the exit
# status and that STREAM (stdout or stderr) contains TEXT.
expect() {
	name=$1 want=$2 stream=$3 text=$4
	shift 5
	"$LG" "$@" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		fail "$name" "exit status $got, expected $want ($(head -n 1 "$SCRATCH/stderr"))"
	elif ! grep -F -q -e "$text" "$SCRATCH/$stream"; then
		fail "$name" "$stream lacks '$text': $(head -n 1 "$SCRATCH/$stream")"
	elif [ "$want" != 0 ] && [ "$(wc -l <"$SCRATCH/stderr")" -ne 1 ]; then
		fail "$name" "error is not exactly one line"
	else
		pass "$name"
	fi
}

# Little-endian bytes, written with printf octal escapes (busybox has them).
byte() { printf "\\$(printf %03o "$1")"; }
le16() { byte $(($1 & 255)); byte $((($1 >> 8) & 255)); }
le32() { le16 $(($1 & 65535)); le16 $((($1 >> 16) & 65535)); }

# mkelf32 FILE MACHINE PADDR: a minimal 32-bit x86 executable, 88 bytes:
# ELF header, one PT_LOAD of the whole file at PADDR, and "ud2" at the
# entry point (were it ever run, the guest would die rather than spin).
mkelf32() {
	{
		printf '\177ELF'; byte 1; byte 1; byte 1	# 32-bit, LE, v1
		le32 0; le32 0; byte 0				# ident padding
		le16 2; le16 "$2"; le32 1			# ET_EXEC, machine
		le32 $(($3 + 84)); le32 52; le32 0		# entry, phoff, shoff
		le32 0; le16 52; le16 32; le16 1		# flags, sizes, phnum
		le16 40; le16 0; le16 0				# no sections
		le32 1; le32 0; le32 "$3"; le32 "$3"		# PT_LOAD, off, va, pa
		le32 88; le32 88; le32 5; le32 4096		# sizes, R+X, align
		byte 15; byte 11; byte 0; byte 0		# ud2
	} >"$1"
}

mkelf32 "$SCRATCH/good" 3 0x100000
mkelf32 "$SCRATCH/amd64" 62 0x100000
mkelf32 "$SCRATCH/high" 3 0x10000000
echo "hello, I am not a kernel" >"$SCRATCH/text"
GOOD=$SCRATCH/good

expect help 0 stdout "usage: lguest" -- --help
expect help_short 0 stdout "--abi-revision=N" -- -h
expect version 0 stdout "(lguest ABI revision " -- --version
expect unknown_option 1 stderr "lguest: unknown option '--bogus'" -- --bogus 64 "$GOOD"
expect missing_args 1 stderr "lguest: missing arguments" --
expect mem_too_small 1 stderr "memory too small: 1 MiB (allowed 4 to 1024 MiB)" -- 1 "$GOOD"
expect mem_too_large 1 stderr "memory too large: 100000 MiB" -- 100000 "$GOOD"
expect mem_garbage 1 stderr "invalid memory size 'abc'" -- abc "$GOOD"
expect mem_suffix 1 stderr "invalid memory size '12x'" -- 12x "$GOOD"
expect mem_negative 1 stderr "invalid memory size '-5'" -- -5 "$GOOD"
expect kernel_missing 1 stderr "cannot open guest kernel" -- 64 "$SCRATCH/nope"
expect kernel_directory 1 stderr "is a directory" -- 64 "$SCRATCH"
expect kernel_not_elf 1 stderr "not an ELF file" -- 64 "$SCRATCH/text"
expect kernel_elf64 1 stderr "is a 64-bit ELF; lguest guests are 32-bit x86" -- 64 "$LG"
expect kernel_wrong_machine 1 stderr "is not i386" -- 64 "$SCRATCH/amd64"
expect kernel_past_memory 1 stderr "is outside guest memory" -- 64 "$SCRATCH/high"

# The initrd: missing, too big, or where the kernel is.  The kernel sits
# at 1 MiB, so in 4 MiB an initrd of 3.5 MiB would start below it.
head -c 5242880 /dev/zero >"$SCRATCH/initrd5m"
head -c 3670016 /dev/zero >"$SCRATCH/initrd3m5"
: >"$SCRATCH/initrd0"
expect initrd_missing 1 stderr "cannot open initrd '$SCRATCH/nope'" -- --initrd="$SCRATCH/nope" 4 "$GOOD"
expect initrd_too_big 1 stderr "does not fit in guest memory" -- --initrd="$SCRATCH/initrd5m" 4 "$GOOD"
expect initrd_overlap 1 stderr "would overlap the kernel at [0x100000, 0x100058)" -- --initrd="$SCRATCH/initrd3m5" 4 "$GOOD"
expect initrd_empty 1 stderr "is empty" -- --initrd="$SCRATCH/initrd0" 4 "$GOOD"
expect initrd_directory 1 stderr "initrd '$SCRATCH' is a directory" -- --initrd="$SCRATCH" 4 "$GOOD"

# Debian's kernels (scripts/i386-debs.sh, scripts/setup.sh), where present:
# the i386 one unpacks but has no lguest platform; the amd64 one is 64-bit.
if [ -n "$LGUEST_I386_BZIMAGE" ] && [ -f "$LGUEST_I386_BZIMAGE" ]; then
	expect debian_686_refused 1 stderr \
		"bzImage payload (xz): is a Linux kernel without the lguest platform" \
		-- 64 "$LGUEST_I386_BZIMAGE" console=hvc0
else
	echo "SKIP launcher.cli.debian_686_refused: no LGUEST_I386_BZIMAGE"
fi
if [ -n "$LGUEST_AMD64_BZIMAGE" ] && [ -f "$LGUEST_AMD64_BZIMAGE" ]; then
	expect debian_amd64_refused 1 stderr "is a 64-bit kernel" \
		-- 64 "$LGUEST_AMD64_BZIMAGE"
else
	echo "SKIP launcher.cli.debian_amd64_refused: no LGUEST_AMD64_BZIMAGE"
fi

if [ -e /dev/lguest ]; then
	# The module is loaded: it must refuse a Launcher of another revision
	# (before running anything).
	expect abi_mismatch 1 stderr "this launcher speaks 999" -- --abi-revision=999 64 "$GOOD"
	echo "SKIP launcher.cli.no_dev_lguest: /dev/lguest exists"
else
	expect no_dev_lguest 1 stderr \
		"lguest: /dev/lguest not found: load the module first (insmod host/lg.ko)" \
		-- 64 "$GOOD" console=hvc0
	echo "SKIP launcher.cli.abi_mismatch: no /dev/lguest"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
