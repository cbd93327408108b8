#!/usr/bin/env bash
# Install what the build and the QEMU test bed need, and fetch the host
# kernels lg.ko is built for and tested on -- Debian 12's two kernel lines,
# each an image and its matching headers -- into a git-ignored cache.
# Idempotent: a second run does nothing but check.
#
#   line   meta packages                                   ABI name
#   6.1    linux-image-amd64, linux-headers-amd64           6.1.0-NN-amd64
#   6.12   linux-image-6.12-amd64, linux-headers-6.12-amd64 6.12.NNN+deb12-amd64
#
# A line's ABI is resolved through its meta packages once and then kept
# in $CACHE/kver-LINE ($CACHE/kver and $CACHE/kernel are the 6.1 ones, as
# before there were two).
#
#   HOST_KVER="6.1.0-56-amd64"          pin an ABI; each name pins its own
#   HOST_KVER="6.12.110+deb12-amd64"    line, so give one or both
#   HOST_LINES=6.1                      only these lines (default "6.1 6.12")
#   CACHE=/some/dir                     cache elsewhere
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
HOST_LINES=${HOST_LINES:-6.1 6.12}
mkdir -p "$CACHE"

need_pkgs=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
# dwarves: pahole, which kbuild needs to give lg.ko its BTF.  dkms: the
# test that the module installs that way (into a private tree).
# zlib1g-dev, liblzma-dev, libbz2-dev, libzstd-dev: the libraries the
# Launcher unpacks a bzImage's payload with.
for p in build-essential gcc-multilib qemu-system-x86 busybox-static cpio \
	 bc bison flex libelf-dev kmod binutils python3 gdb dwarves dkms \
	 zlib1g-dev liblzma-dev libbz2-dev libzstd-dev; do
	have "$p" || need_pkgs+=("$p")
done
apt_updated=
apt_update() { [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }; }
if [ ${#need_pkgs[@]} -gt 0 ]; then
	echo "setup: installing ${need_pkgs[*]}"
	[ "$(id -u)" = 0 ] || { echo "setup: need root to install packages" >&2; exit 1; }
	apt_update
	# No recommends: dkms would pull in this machine's own kernel headers.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${need_pkgs[@]}" >/dev/null
fi

# line_of KVER: the kernel line an ABI name belongs to (6.1, 6.12).
line_of() {
	case $1 in
	6.1.0-*-amd64)		echo 6.1 ;;
	6.12.*+deb12-amd64)	echo 6.12 ;;
	*)	echo "setup: '$1' is not a Debian 12 ABI name (6.1.0-NN-amd64 or 6.12.NNN+deb12-amd64)" >&2
		return 1 ;;
	esac
}

# meta_of LINE: the suffix of the line's meta packages (linux-image-SUFFIX).
meta_of() {
	case $1 in
	6.1)	echo amd64 ;;
	6.12)	echo 6.12-amd64 ;;
	*)	echo "setup: unknown kernel line '$1' (known: 6.1 6.12)" >&2; return 1 ;;
	esac
}

# resolve LINE: the ABI the meta packages name today; image and headers
# must agree.
resolve() {
	local meta img hdr
	meta=$(meta_of "$1")
	apt_update
	img=$(apt-cache depends "linux-image-$meta" | sed -n 's/^ *Depends: linux-image-\([^ ]*-amd64\)$/\1/p' | head -n1)
	hdr=$(apt-cache depends "linux-headers-$meta" | sed -n 's/^ *Depends: linux-headers-\([^ ]*-amd64\)$/\1/p' | head -n1)
	[ -n "$img" ] || { echo "setup: cannot resolve linux-image-$meta to an ABI" >&2; return 1; }
	[ "$img" = "$hdr" ] || { echo "setup: linux-image-$meta is $img but linux-headers-$meta is ${hdr:-nothing}" >&2; return 1; }
	[ "$(line_of "$img")" = "$1" ] || { echo "setup: linux-image-$meta names $img, not a $1 kernel" >&2; return 1; }
	echo "$img"
}

# fetch KVER: image, headers and kbuild unpacked into $CACHE/kernel-KVER.
fetch() {
	local kver=$1 kroot=$CACHE/kernel-$1 common kbuild
	[ -f "$kroot/.done" ] && return 0
	apt_update
	echo "setup: fetching Debian kernel $kver"
	rm -rf "$kroot"; mkdir -p "$kroot/debs" "$kroot/root"
	common=$(apt-cache depends "linux-headers-$kver" | sed -n 's/^ *Depends: \(linux-headers-[^ ]*-common\)$/\1/p' | head -n1)
	kbuild=$(apt-cache depends "linux-headers-$kver" | sed -n 's/^ *Depends: \(linux-kbuild-[^ ]*\)$/\1/p' | head -n1)
	[ -n "$common" ] && [ -n "$kbuild" ] ||
		{ echo "setup: cannot find the common headers and kbuild of $kver" >&2; return 1; }
	(cd "$kroot/debs" && apt-get download -qq -o APT::Sandbox::User=root "linux-image-$kver" \
		"linux-headers-$kver" "$common" "$kbuild" >/dev/null)
	for d in "$kroot"/debs/*.deb; do dpkg-deb -x "$d" "$kroot/root"; done
	# The headers' Makefile includes the common tree by absolute path; point
	# it at its neighbour in the cache (relative, so the cache may move)
	# and nothing needs installing under /usr/src.
	sed -i 's|^include /usr/src/|include $(dir $(lastword $(MAKEFILE_LIST)))../|' \
		"$kroot/root/usr/src/linux-headers-$kver/Makefile"
	rm -rf "$kroot/debs"
	touch "$kroot/.done"
}

declare -A pin
for k in ${HOST_KVER:-}; do
	l=$(line_of "$k") || exit 1
	pin[$l]=$k
done

for line in $HOST_LINES; do
	meta_of "$line" > /dev/null
	kver_file=$CACHE/kver-$line
	if [ -n "${pin[$line]:-}" ]; then
		kver=${pin[$line]}
	elif [ -s "$kver_file" ]; then
		kver=$(cat "$kver_file")
	elif [ "$line" = 6.1 ] && [ -s "$CACHE/kver" ]; then
		kver=$(cat "$CACHE/kver")	# a cache from before there were two
	else
		kver=$(resolve "$line")
	fi
	fetch "$kver"
	echo "$kver" > "$kver_file"
	if [ "$line" = 6.1 ]; then
		echo "$kver" > "$CACHE/kver"
		ln -sfn "kernel-$kver" "$CACHE/kernel"
	fi
done

# Debian's i386 busybox-static and 686 kernel, for the Linux guest's tests
# (scripts/i386-debs.sh: a private apt, never dpkg's architectures).  Not
# fatal here: the tests that need them say what is missing.
"$top/scripts/i386-debs.sh" ||
	echo "setup: warning: Debian's i386 packages could not be fetched (scripts/i386-debs.sh)" >&2
