#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the Linux guest: Debian's linux-source-6.1 with the lguest port
# from guest/, out of tree in the cache, leaving guest/vmlinux (ELF32) and
# guest/bzImage.  `make linux-guest` runs it, and so do `make` and `make
# check` (which checks the series with --check first).
#
#   1. the source .deb, fetched through apt at a pinned version and kept
#      in $CACHE/linux-source/ (the archive drops old versions)
#   2. its tree in $CACHE/linux-guest/$VERSION/src, with the series of
#      guest/patches/series applied; re-made from the .deb whenever the
#      series or a patch changes
#   3. guest/arch/x86/lguest/ copied to arch/x86/lguest/ (only files that
#      changed, so touching them rebuilds only them)
#   4. the config: LINUX_BASE_CONFIG (default tinyconfig) for ARCH=i386,
#      then the guest/config fragment; every line of the fragment must
#      survive into .config
#   5. make ARCH=i386 -j$JOBS in $CACHE/linux-guest/$VERSION/obj
#
#   LINUX_SOURCE_VERSION=6.1.NNN-N   another linux-source-6.1 version
#   LINUX_BASE_CONFIG=defconfig      i386_defconfig as the base (much slower)
#   JOBS=N                           make -jN (default 2)
#   scripts/linux-guest.sh --check   only re-make the tree and apply the
#                                    series (does it still apply?)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
LINUX_SOURCE_VERSION=${LINUX_SOURCE_VERSION:-6.1.192-3}
LINUX_BASE_CONFIG=${LINUX_BASE_CONFIG:-tinyconfig}
JOBS=${JOBS:-2}
guest=$top/guest
work=$CACHE/linux-guest/$LINUX_SOURCE_VERSION
src=$work/src
obj=$work/obj
say() { echo "linux-guest: $*" >&2; }
die() { say "$*"; exit 1; }

# 1. The pinned source package.
source_deb() {
	local dir=$CACHE/linux-source
	local deb=$dir/linux-source-6.1_${LINUX_SOURCE_VERSION}_all.deb
	if [ ! -s "$deb" ]; then
		mkdir -p "$dir"
		say "fetching linux-source-6.1=$LINUX_SOURCE_VERSION"
		(cd "$dir" && apt-get -qq download "linux-source-6.1=$LINUX_SOURCE_VERSION") ||
		{ apt-get -qq update || say "apt-get update failed for some index; going on"
		  (cd "$dir" && apt-get -qq download "linux-source-6.1=$LINUX_SOURCE_VERSION"); } ||
			die "cannot fetch linux-source-6.1=$LINUX_SOURCE_VERSION (set LINUX_SOURCE_VERSION; apt-cache policy linux-source-6.1 lists them)"
	fi
	echo "$deb"
}

# 2. The patched tree, re-made when the series changes.
series_id() {
	(cd "$guest/patches" && cat series $(grep -v -e '^#' -e '^$' series)) | sha256sum | cut -d' ' -f1
}

apply_series() {
	local p
	for p in $(grep -v -e '^#' -e '^$' "$guest/patches/series"); do
		patch -d "$src" -p1 --batch --forward --no-backup-if-mismatch -s \
			< "$guest/patches/$p" || die "patch $p does not apply to linux-source-6.1 $LINUX_SOURCE_VERSION"
		say "applied $p"
	done
}

make_tree() {
	local deb id
	id=$(series_id)
	[ -f "$src/.lguest-series" ] && [ "$(cat "$src/.lguest-series")" = "$id" ] && return 0
	deb=$(source_deb)
	say "unpacking linux-source-6.1 $LINUX_SOURCE_VERSION into $src"
	rm -rf "$src"
	mkdir -p "$src"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-6.1.tar.xz |
		tar -xJ -C "$src" --strip-components=1
	apply_series
	echo "$id" > "$src/.lguest-series"
}

# 3. Our files, copied only when they differ (mtimes drive kbuild): the
#    port, and the project's ABI headers as its abi/lguest/.
sync_dir() {	# SRC DEST: make DEST's files SRC's
	local rel
	mkdir -p "$2"
	(cd "$1" && find . -type f) | while read -r rel; do
		cmp -s "$1/$rel" "$2/$rel" || install -D -m 0644 "$1/$rel" "$2/$rel"
	done
	(cd "$2" && find . -path ./abi -prune -o -type f -print) | while read -r rel; do	# gone from SRC
		[ -e "$1/$rel" ] || rm -f "$2/$rel"
	done
}

copy_port() {
	local dest=$src/arch/x86/lguest
	sync_dir "$guest/arch/x86/lguest" "$dest"
	sync_dir "$top/include/lguest" "$dest/abi/lguest"
}

kmake() { make -C "$src" O="$obj" ARCH=i386 -s "$@"; }

# 4. The config; every fragment line must be in .config afterwards.
make_config() {
	local id line opt
	id=$( (echo "$LINUX_BASE_CONFIG"; cat "$guest/config" "$guest/arch/x86/lguest/Kconfig") | sha256sum | cut -d' ' -f1)
	mkdir -p "$obj"
	if [ ! -f "$obj/.lguest-config" ] || [ "$(cat "$obj/.lguest-config")" != "$id" ]; then
		say "config: $LINUX_BASE_CONFIG + guest/config (log $obj/config.log)"
		{ kmake "$LINUX_BASE_CONFIG" &&
		  "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$guest/config" &&
		  kmake olddefconfig; } > "$obj/config.log" 2>&1 ||
			die "configuring failed (see $obj/config.log)"
		echo "$id" > "$obj/.lguest-config"
	fi
	while read -r line; do
		case $line in
		CONFIG_*=*)		grep -q -x -F "$line" "$obj/.config" ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }; opt=${opt%% *}
			! grep -q "^$opt=" "$obj/.config" ;;
		*)			true ;;
		esac || { rm -f "$obj/.lguest-config"; die "guest/config: '$line' did not survive into .config (a dependency?)"; }
	done < "$guest/config"
}

make_tree
[ "${1:-}" = --check ] && { say "series applies cleanly to $LINUX_SOURCE_VERSION"; exit 0; }
copy_port
make_config
say "make ARCH=i386 -j$JOBS (in $obj)"
kmake -j"$JOBS" vmlinux bzImage
install -m 0644 "$obj/vmlinux" "$guest/vmlinux"
install -m 0644 "$obj/arch/x86/boot/bzImage" "$guest/bzImage"
say "guest/vmlinux ($(du -k "$guest/vmlinux" | cut -f1) KiB), guest/bzImage ($(du -k "$guest/bzImage" | cut -f1) KiB)"
