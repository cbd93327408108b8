#!/usr/bin/env bash
# Fetch Debian 12's i386 packages the Linux guest work needs, into the
# git-ignored cache, WITHOUT adding i386 to dpkg's architectures: an apt
# with a private state directory ($CACHE/i386-apt) downloads them, and
# they are unpacked (never installed) into $CACHE/i386/root.
#
#   busybox-static:i386   the guest's user space (scripts/mkguest-initramfs.sh)
#   linux-image-*-686     Debian's own i386 kernel: the Launcher must unpack
#                         it and refuse it (no lguest platform), and it boots
#                         the guest initramfs natively in qemu-system-i386
#
# Versions are pinned so that what the tests saw stays what they see; the
# .debs stay in the cache because the archive drops old versions.  Override:
#   I386_KVER=6.1.0-NN-686   I386_KPKG_VERSION=6.1.NNN-N
#   I386_BUSYBOX_VERSION=1:1.35.0-...
# A failed `apt-get update` of one index is only a warning: we fail only
# when a package we need cannot be had.
#
#   scripts/i386-debs.sh          fetch and unpack (idempotent)
#   scripts/i386-debs.sh --print  the paths, as shell assignments
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
I386_KVER=${I386_KVER:-6.1.0-50-686}
I386_KPKG_VERSION=${I386_KPKG_VERSION:-6.1.176-1}
I386_BUSYBOX_VERSION=${I386_BUSYBOX_VERSION:-1:1.35.0-4+deb12u1+b1}
apt_dir=$CACHE/i386-apt
root=$CACHE/i386/root

if [ "${1:-}" = --print ]; then
	echo "I386_BZIMAGE=$root/boot/vmlinuz-$I386_KVER"
	echo "I386_BUSYBOX=$root/bin/busybox"
	exit 0
fi

apt_opts=(-o "Dir::State::Lists=$apt_dir/lists"
	  -o "Dir::Cache::Archives=$apt_dir/archives"
	  -o APT::Architectures::=amd64 -o APT::Architectures::=i386
	  -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
updated=

# deb NAME VERSION: the cached .deb of NAME:i386 at VERSION, fetched if need be.
deb() {
	local name=$1 version=$2 file
	# apt names the file with the epoch's ':' as %3a
	file=$apt_dir/archives/${name}_${version/:/%3a}_i386.deb
	if [ ! -s "$file" ]; then
		mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
		if [ -z "$updated" ]; then
			apt-get "${apt_opts[@]}" -qq update >&2 ||
				echo "i386-debs: apt-get update failed for some index; going on" >&2
			updated=1
		fi
		(cd "$apt_dir/archives" &&
		 apt-get "${apt_opts[@]}" -qq download "$name:i386=$version" >&2) || {
			echo "i386-debs: cannot download $name:i386=$version (pin another with the variables in $0)" >&2
			return 1
		}
	fi
	echo "$file"
}

# unpack FILE DIR: FILE's DIR (./boot, ./bin) under $root, once.
unpack() {
	local stamp
	stamp=$root/.unpacked-$(basename "$1")
	[ -f "$stamp" ] && return 0
	mkdir -p "$root"
	dpkg-deb --fsys-tarfile "$1" | tar -x -C "$root" "$2"
	touch "$stamp"
}

unpack "$(deb busybox-static "$I386_BUSYBOX_VERSION")" ./bin
# The pinned kernel, or -- once the archive has dropped it and the cache
# is new -- whatever linux-image-686 names today (said loudly).
if ! kdeb=$(deb "linux-image-$I386_KVER" "$I386_KPKG_VERSION"); then
	I386_KVER=$(apt-cache "${apt_opts[@]}" depends linux-image-686:i386 |
		    sed -n 's/^ *Depends: linux-image-\([^ :]*-686\)\(:i386\)\?$/\1/p' | head -n1)
	I386_KPKG_VERSION=$(apt-cache "${apt_opts[@]}" policy "linux-image-$I386_KVER:i386" |
			    sed -n 's/^ *Candidate: //p')
	echo "i386-debs: falling back to linux-image-$I386_KVER $I386_KPKG_VERSION" >&2
	kdeb=$(deb "linux-image-$I386_KVER" "$I386_KPKG_VERSION")
fi
unpack "$kdeb" ./boot	# not its modules
[ -f "$root/boot/vmlinuz-$I386_KVER" ] || {
	echo "i386-debs: no vmlinuz-$I386_KVER in linux-image-$I386_KVER" >&2
	exit 1
}
