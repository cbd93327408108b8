# SPDX-License-Identifier: GPL-2.0
#
# Top-level build.  `make` builds the three programs:
#   host/lg.ko        the host module (against Debian 12's 6.1 headers,
#                     fetched into .cache/ by scripts/setup.sh)
#   launcher/lguest   the userspace Launcher
#   tests/guest/vmlinux  the test kernel (a small 32-bit guest)
#
#   make run     boot the QEMU host VM and run a demo guest
#   make check   every test: unit tests, then the QEMU host-VM suite
#   make gdb     the host VM with QEMU's gdb stub, waiting on :1234
#   make shell   the host VM with a shell on its serial console
#
# Build lg.ko against your own installed kernel instead with
#   make KDIR=/lib/modules/$(uname -r)/build host
# (only ever load it inside a test VM).

TOP	:= $(CURDIR)
CACHE	?= $(TOP)/.cache
# KDIR: the kernel build tree; default the cached Debian reference headers.
KDIR	?= $(shell cat $(CACHE)/kver 2>/dev/null | sed 's|^|$(CACHE)/kernel/root/usr/src/linux-headers-|')

.PHONY: all setup host launcher guest unit check run gdb shell docs clean

all: host launcher guest

setup:
	@scripts/setup.sh

host: $(if $(filter command line environment,$(origin KDIR)),,setup)
	$(MAKE) -C $(KDIR) M=$(TOP)/host modules
	@scripts/listing.sh host/lg.ko

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

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP)/host clean 2>/dev/null
	$(MAKE) -C launcher clean
	$(MAKE) -C tests/guest clean
	$(MAKE) -C tests/unit clean
	rm -rf build
