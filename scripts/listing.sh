#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Write a disassembly listing (FILE.lst) and a symbol file (FILE.sym) next
# to a built object, as xv6 does for its kernel:  scripts/listing.sh host/lg.ko
set -eu
[ $# -eq 1 ] || { echo "usage: $0 FILE" >&2; exit 1; }
f=$1
[ -f "$f" ] || { echo "listing: $f: no such file" >&2; exit 1; }
objdump -d -r "$f" > "$f.lst"	# -r: relocations matter in a .ko
nm -n "$f" > "$f.sym"
