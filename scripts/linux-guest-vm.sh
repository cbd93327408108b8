#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run guest/bzImage under lg.ko: boot the QEMU host VM in demo mode with an
# initramfs whose /tests/demo.sh is replaced by one that loads lg.ko and
# runs
#
#	/lguest --initrd=/linux-initrd.cpio.gz $MEM /vmlinux console=hvc0 lgtest=$LGTEST ${GUEST_APPEND:-}
#
# (the second cpio archive appended to the host VM's initramfs overrides
# the first's files).  Prints the host VM's console; the last lines say how
# the Launcher ended ("LINUX-GUEST-EXIT N") and whether the host's dmesg
# stayed clean.
#
#   LGTEST=NAME (default hello)   MEM=MiB (default 160)   KERNEL=guest/bzImage
#   HOST_LINE=6.1|6.12            TIMEOUT=seconds (default 300)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/linux-guest
KERNEL=${KERNEL:-$top/guest/bzImage}
LGTEST=${LGTEST:-hello}
MEM=${MEM:-160}
[ -f "$KERNEL" ] || { echo "linux-guest-vm: no $KERNEL (make linux-guest)" >&2; exit 1; }
mkdir -p "$out"
"$top/scripts/mkguest-initramfs.sh" "$out/initramfs.cpio.gz" >/dev/null
GUEST=$KERNEL "$top/scripts/mkinitramfs.sh" "$out/host-initramfs.cpio.gz" >/dev/null

extra=$out/host-extra.d
rm -rf "$extra"
mkdir -p "$extra/tests"
cp "$out/initramfs.cpio.gz" "$extra/linux-initrd.cpio.gz"
cat > "$extra/tests/demo.sh" <<SCRIPT
#!/bin/sh
insmod /lg.ko || { echo "linux-guest-vm: insmod failed"; dmesg | tail -n 20; exit 1; }
echo "linux-guest-vm: lguest --initrd=/linux-initrd.cpio.gz $MEM /vmlinux console=hvc0 lgtest=$LGTEST ${GUEST_APPEND:-}"
timeout -k 5 $((${TIMEOUT:-300} - 60)) /lguest --initrd=/linux-initrd.cpio.gz $MEM /vmlinux console=hvc0 lgtest=$LGTEST ${GUEST_APPEND:-}
echo "LINUX-GUEST-EXIT \$?"
rmmod lg || echo "linux-guest-vm: rmmod lg failed"
if dmesg | grep -E 'Oops|BUG:|WARNING:|general protection|Call Trace'; then
	echo "linux-guest-vm: the host kernel complained (above)"
else
	echo "linux-guest-vm: host dmesg clean"
fi
SCRIPT
chmod 0755 "$extra/tests/demo.sh"
(cd "$extra" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 | gzip -1) \
	>> "$out/host-initramfs.cpio.gz"
exec "$top/scripts/host-vm.sh" --mode demo --kernel "${HOST_LINE:-6.1}" \
	--initrd "$out/host-initramfs.cpio.gz" --timeout "${TIMEOUT:-300}" \
	--log "$out/host-vm.log"
