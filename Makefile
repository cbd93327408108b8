# SPDX-License-Identifier: GPL-2.0
#
# Top-level build.  `make` builds the three programs:
#   host/lg.ko        the host module (against Debian 12's 6.1 headers,
#                     fetched into .cache/ by scripts/setup.sh), and
#   build/6.12/host/lg.ko  the same for Debian 12's 6.12 line
#   launcher/lguest   the userspace Launcher
#   tests/guest/vmlinux  the test kernel (a small 32-bit guest)
#
#   make run     boot the QEMU host VM and run a demo guest
#   make check   every test: unit tests, then the QEMU host-VM suite
#   make gdb     the host VM with QEMU's gdb stub, waiting on :1234
#   make shell   the host VM with a shell on its serial console
#                (HOST_LINE=6.12 for the 6.12 kernel; run and gdb too)
#   make dkms-tree  build/dkms-src/lguest-<version>/ for `dkms install`
#   make linux-initramfs  build/linux-guest/initramfs.cpio.gz: the Linux
#                guest's busybox user space and tests (tests/linux/)
#   make linux-native  that initramfs under Debian's i386 kernel, natively
#                in qemu-system-i386 (LGTEST=NAME, default hello; all: every
#                test in one boot, a linux.native.NAME line each; shell)
#   make linux-guest  guest/vmlinux and guest/bzImage: linux-source-6.1 with
#                the port in guest/ (not part of all/check yet)
#   make linux-guest-check  checks of that build: the note, the Launcher
#                accepts it, it boots natively with the initramfs
#   make linux-guest-vm  guest/bzImage under lg.ko in the host VM (LGTEST=)
#
# Build lg.ko against your own installed kernel instead with
#   make KDIR=/lib/modules/$(uname -r)/build host
# (only ever load it inside a test VM).

TOP	:= $(CURDIR)
CACHE	?= $(TOP)/.cache
# The project's version, kept in dkms.conf (lg.ko's MODULE_VERSION, lguest
# --version, the DKMS package).
VERSION	:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' $(TOP)/dkms.conf)
# The Debian kernel lines lg.ko is built for and tested on (scripts/setup.sh):
# 6.1 builds in host/, every other line in build/<line>/host/.
HOST_LINES ?= 6.1 6.12
export HOST_LINES
# kdir LINE: the cached headers of a line.
kver	= $(shell cat $(CACHE)/kver-$(1) 2>/dev/null)
kdir	= $(CACHE)/kernel-$(call kver,$(1))/root/usr/src/linux-headers-$(call kver,$(1))
# KDIR: the kernel build tree of host/; default the cached 6.1 headers.
KDIR	?= $(call kdir,6.1)
# objtool's warnings fail the build (scripts/objtool-werror.sh).
KBUILD_ARGS := objtool=$(TOP)/scripts/objtool-werror.sh
OTHER_LINES := $(filter-out 6.1,$(HOST_LINES))

.PHONY: all setup host $(addprefix host-,$(OTHER_LINES)) launcher guest unit check run gdb shell docs \
	dkms-tree clean linux-initramfs linux-native linux-guest \
	linux-guest-check linux-guest-vm

all: host $(if $(filter command line environment,$(origin KDIR)),,$(addprefix host-,$(OTHER_LINES))) launcher guest \
	linux-guest linux-initramfs

setup:
	@scripts/setup.sh

host: $(if $(filter command line environment,$(origin KDIR)),,setup)
	$(MAKE) -C $(KDIR) M=$(TOP)/host $(KBUILD_ARGS) modules
	@scripts/listing.sh host/lg.ko

# lg.ko for another line, from a copy of its sources (kbuild writes its
# objects next to them).
$(addprefix host-,$(OTHER_LINES)): host-%: setup
	@scripts/module-tree.sh build/$*
	$(MAKE) -C $(call kdir,$*) M=$(TOP)/build/$*/host $(KBUILD_ARGS) modules
	@scripts/listing.sh build/$*/host/lg.ko

launcher:
	$(MAKE) -C launcher

guest:
	$(MAKE) -C tests/guest

unit: launcher
	$(MAKE) -C tests/unit run

check: setup all
	@scripts/check.sh

run: setup all
	@scripts/run-demo.sh

gdb: setup all
	@scripts/host-vm.sh --gdb

shell: setup all
	@scripts/host-vm.sh --mode shell

docs:
	@scripts/tour.py

linux-initramfs:
	@scripts/mkguest-initramfs.sh build/linux-guest/initramfs.cpio.gz

LGTEST ?= hello
linux-native:
	@scripts/linux-native.sh $(LGTEST)

linux-guest: $(if $(filter command line environment,$(origin KDIR)),,setup)
	@scripts/linux-guest.sh

linux-guest-check: launcher
	@scripts/linux-guest-check.sh

linux-guest-vm: setup all
	@LGTEST=$(LGTEST) scripts/linux-guest-vm.sh

# A DKMS source tree: lg.ko's sources and dkms.conf (README.md).
dkms-tree:
	@rm -rf build/dkms-src
	@scripts/module-tree.sh build/dkms-src/lguest-$(VERSION)
	@echo "dkms-tree: build/dkms-src/lguest-$(VERSION); sudo dkms install build/dkms-src/lguest-$(VERSION)"

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP)/host clean 2>/dev/null
	$(MAKE) -C launcher clean
	$(MAKE) -C tests/guest clean
	$(MAKE) -C tests/unit clean
	rm -rf build
