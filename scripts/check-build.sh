#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The checks of lg.ko that need no VM, once per kernel line, on the modules
# `make` built (host/ for 6.1, build/LINE/host/ for the others).  Prints
# PASS/FAIL lines for scripts/check.sh; logs in build/.
#
#   build.LINE.endbr    each of the 256 IDT stubs starts with ENDBR64
#                       (f3 0f 1e fa), read from the listing lg.ko.lst:
#                       QEMU cannot enforce IBT, so the bytes are checked
#   build.LINE.modinfo  version (dkms.conf), description, license, and every
#                       parameter with a description
#   build.LINE.btf      lg.ko carries BTF where the headers let kbuild make
#                       it (Debian's 6.12 ships vmlinux and resolve_btfids;
#                       6.1 ships neither, so kbuild skips BTF there)
#   dkms.LINE           `dkms install` builds lg.ko for the cached kernel in
#                       a private DKMS tree (nothing under /var/lib/dkms,
#                       /usr/src or /lib/modules), and objtool says nothing
#
# objtool's own verdict is the build's: `make` fails on any objtool warning
# (scripts/objtool-werror.sh), so check.sh never gets here without it.
#
#   HOST_LINES="6.1 6.12"   the lines (default: both)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
build=$top/build
HOST_LINES=${HOST_LINES:-6.1 6.12}
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
mkdir -p "$build"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

kver_of() { cat "$CACHE/kver-$1" 2>/dev/null; }
kdir_of() { echo "$CACHE/kernel-$1/root/usr/src/linux-headers-$1"; }
module_of() {
	if [ "$1" = 6.1 ]; then echo "$top/host/lg.ko"; else echo "$build/$1/host/lg.ko"; fi
}

# endbr LINE KO: the first instruction of every lg_stub_N in the listing.
endbr() {
	local n=$1 lst=$2.lst bad
	[ -f "$lst" ] || { fail "$n" "no listing $lst (scripts/listing.sh)"; return; }
	bad=$(awk -F'\t' '
		/^[0-9a-f]+ <lg_stub_[0-9]+>:$/ {
			name = $0; sub(/^.*</, "", name); sub(/>:$/, "", name)
			getline
			seen[name] = 1; total++
			if ($2 !~ /^f3 0f 1e fa /) bad = bad " " name
		}
		END {
			for (v = 0; v < 256; v++) if (!(("lg_stub_" v) in seen)) bad = bad " lg_stub_" v "(missing)"
			if (total != 256) bad = bad " (" total " stubs, want 256)"
			print bad
		}' "$lst")
	if [ -z "$bad" ]; then
		pass "$n"
	else
		fail "$n" "stubs not starting with endbr64:$(echo "$bad" | cut -c1-200)"
	fi
}

# modinfo_ok NAME KO: parameter names from .modinfo itself, which has a
# parmtype= for module_param and a parm= (the description) for each one
# described; a module_param_cb has only the latter.
modinfo_ok() {
	local n=$1 ko=$2 why= raw p
	modinfo "$ko" > "$build/modinfo.log" 2>&1 || { fail "$n" "modinfo $ko failed"; return; }
	grep -q "^version: *$version\$" "$build/modinfo.log" || why+="no version $version; "
	grep -q '^description: *[^ ]' "$build/modinfo.log" || why+="no description; "
	grep -q '^license: *GPL$' "$build/modinfo.log" || why+="license is not GPL; "
	raw=$(objcopy -O binary --only-section=.modinfo "$ko" /dev/stdout | tr '\0' '\n')
	for p in $(printf '%s\n' "$raw" | sed -n 's/^parm\(type\)\{0,1\}=\([^:]*\):.*/\2/p' | sort -u); do
		printf '%s\n' "$raw" | grep -q "^parm=$p:." || why+="parameter $p has no description; "
	done
	[ -n "$p" ] || why+="no parameters; "
	if [ -z "$why" ]; then pass "$n"; else fail "$n" "${why%; }"; fi
}

# btf NAME KO KDIR: kbuild makes module BTF only against the kernel's own.
btf() {
	if [ ! -f "$3/vmlinux" ]; then
		echo "INFO $1: skipped: these headers ship no vmlinux, kbuild makes no module BTF"
	elif readelf -S "$2" | grep -q ' \.BTF '; then
		pass "$1"
	else
		fail "$1" "$2 has no .BTF section (is pahole installed? apt-get install dwarves)"
	fi
}

# dkms_build LINE KVER KDIR: the way README tells a user to install lg.ko,
# into a tree of our own.  sign_file: never sign (DKMS would otherwise
# make a key in /var/lib/dkms on a machine that has the kernel's sign-file).
dkms_build() {
	local n=dkms.$1 kver=$2 kdir=$3 t=$build/dkms/$1 log=$build/dkms-$1.log mlog ko
	command -v dkms > /dev/null || { fail "$n" "dkms is not installed (make setup)"; return; }
	rm -rf "$t"
	mkdir -p "$t/src" "$t/dkms" "$t/install/$kver"
	"$top/scripts/module-tree.sh" "$t/stage/lguest-$version"	# make dkms-tree
	sign_file=/nonexistent dkms install "$t/stage/lguest-$version" -k "$kver" \
		--dkmstree "$t/dkms" --sourcetree "$t/src" --installtree "$t/install" \
		--kernelsourcedir "$(cd "$kdir" && pwd -P)" --no-depmod > "$log" 2>&1
	local rc=$?
	mlog=$t/dkms/lguest/$version/$kver/x86_64/log/make.log
	ko=$t/install/$kver/updates/dkms/lg.ko
	if [ $rc -ne 0 ]; then
		fail "$n" "dkms install failed with status $rc (see build/dkms-$1.log, $mlog)"
	elif [ ! -f "$ko" ]; then
		fail "$n" "dkms installed no $ko (see build/dkms-$1.log)"
	elif [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" != "$kver" ]; then
		fail "$n" "lg.ko from DKMS is for $(modinfo -F vermagic "$ko"), not $kver"
	elif grep -q 'objtool' "$mlog"; then
		fail "$n" "objtool: $(grep -m1 objtool "$mlog")"
	else
		pass "$n"
	fi
}

for line in $HOST_LINES; do
	kver=$(kver_of "$line")
	[ -n "$kver" ] || { fail "build.$line" "no $CACHE/kver-$line (make setup)"; continue; }
	kdir=$(kdir_of "$kver")
	ko=$(module_of "$line")
	[ -f "$ko" ] || { fail "build.$line" "$ko was not built (make)"; continue; }
	echo "INFO build.$line: $ko for $kver"
	endbr "build.$line.endbr" "$ko"
	modinfo_ok "build.$line.modinfo" "$ko"
	btf "build.$line.btf" "$ko" "$kdir"
	dkms_build "$line" "$kver" "$kdir"
done
