#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make run`: boot the QEMU host VM and run the demo on its serial console
# (tests/vm/demo.sh: the Linux guest's shell); the VM powers off when the
# guest is done.  An interactive shell has no time limit; without a
# terminal the demo runs a few commands by itself and ends.
# Extra options go to host-vm.sh, e.g.  scripts/run-demo.sh --cpu Skylake-Client
[ -t 0 ] && set -- --timeout 0 "$@"
exec "$(dirname "$0")/host-vm.sh" --mode demo --log "$(dirname "$0")/../build/demo.log" "$@"
