#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Copy lg.ko's sources -- and nothing else -- into a tree of their own:
#
#	scripts/module-tree.sh DIR
#
# DIR/{host,switcher,include} and DIR/dkms.conf, laid out as in the
# repository, so kbuild can build DIR/host (M=DIR/host) without writing
# into the source tree: `make` builds lg.ko once per kernel line this way
# (build/6.12/), and DIR is also a DKMS source tree.  Copies keep their
# times and files gone from the source are removed, so kbuild rebuilds
# exactly what changed.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 1; }
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1

srcs() {	# the sources, relative to $top
	(cd "$top" && find host switcher include -type f \
		\( -name '*.[chS]' -o -name Kbuild \) \
		! -name '*.mod.c' ! -name 'lg-asm-offsets.h' ! -name '*.s' | LC_ALL=C sort)
	echo dkms.conf
}
mkdir -p "$dir"
list=$(srcs)
for f in $list; do
	if [ ! -e "$dir/$f" ] || [ "$top/$f" -nt "$dir/$f" ] || [ "$top/$f" -ot "$dir/$f" ]; then
		mkdir -p "$dir/$(dirname "$f")"
		cp -p "$top/$f" "$dir/$f"
	fi
done
# Sources deleted upstream must not linger in the copy.
(cd "$dir" && find host switcher include -type f \( -name '*.[chS]' -o -name Kbuild \) \
	! -name '*.mod.c' ! -name 'lg-asm-offsets.h' ! -name '*.s' 2>/dev/null) |
while read -r f; do
	case "
$list
" in *"
$f
"*) ;; *) rm -f "$dir/$f" ;; esac
done
