#!/usr/bin/env bash
# Install what the build and the QEMU test bed need, and fetch the reference
# host kernel (Debian 12's 6.1 image and matching headers) into a git-ignored
# cache.  Idempotent: a second run does nothing but check.
#
#   HOST_KVER=6.1.0-56-amd64 scripts/setup.sh   pin another ABI
#   CACHE=/some/dir                              cache elsewhere
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${CACHE:-$top/.cache}
mkdir -p "$CACHE"

need_pkgs=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in build-essential gcc-multilib qemu-system-x86 busybox-static cpio \
         bc bison flex libelf-dev kmod binutils python3 gdb; do
	have "$p" || need_pkgs+=("$p")
done
apt_updated=
apt_update() { [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }; }
if [ ${#need_pkgs[@]} -gt 0 ]; then
	echo "setup: installing ${need_pkgs[*]}"
	[ "$(id -u)" = 0 ] || { echo "setup: need root to install packages" >&2; exit 1; }
	apt_update
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# Resolve the current Debian 6.1 ABI through the meta packages, so image
# and headers always match.
kver_file=$CACHE/kver
if [ -n "${HOST_KVER:-}" ]; then
	kver=$HOST_KVER
elif [ -s "$kver_file" ]; then
	kver=$(cat "$kver_file")
else
	apt_update
	kver=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: linux-image-\(6\.1\.[0-9-]*-amd64\)$/\1/p' | head -n1)
	[ -n "$kver" ] || { echo "setup: cannot resolve linux-image-amd64 to a 6.1 ABI" >&2; exit 1; }
fi

kroot=$CACHE/kernel-$kver
if [ ! -f "$kroot/.done" ]; then
	apt_update
	echo "setup: fetching Debian kernel $kver"
	rm -rf "$kroot"; mkdir -p "$kroot/debs" "$kroot/root"
	kbase=${kver%-amd64}
	kbuild=$(apt-cache depends "linux-headers-$kver" | sed -n 's/.*Depends: \(linux-kbuild-[0-9.]*\)$/\1/p' | head -n1)
	(cd "$kroot/debs" && apt-get download -qq -o APT::Sandbox::User=root "linux-image-$kver" "linux-headers-$kver" \
		"linux-headers-$kbase-common" "$kbuild" >/dev/null)
	for d in "$kroot"/debs/*.deb; do dpkg-deb -x "$d" "$kroot/root"; done
	# The headers' Makefile includes the common tree by absolute path; point
	# it into the cache so nothing needs installing under /usr/src.
	sed -i "s|^include /usr/src/|include $kroot/root/usr/src/|" \
		"$kroot/root/usr/src/linux-headers-$kver/Makefile"
	rm -rf "$kroot/debs"
	touch "$kroot/.done"
fi
echo "$kver" > "$kver_file"
ln -sfn "kernel-$kver" "$CACHE/kernel"
