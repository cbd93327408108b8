#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make run`: boot the QEMU host VM and run one demo guest on its serial
# console (tests/vm/demo.sh); the VM powers off when the guest is done.
# Extra options go to host-vm.sh, e.g.  scripts/run-demo.sh --cpu Skylake-Client
exec "$(dirname "$0")/host-vm.sh" --mode demo --log "$(dirname "$0")/../build/demo.log" "$@"
