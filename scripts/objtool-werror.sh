#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# objtool with its warnings as errors, for lg.ko: the Makefile hands this
# to kbuild in place of the kernel's objtool (make objtool=...).  Neither
# 6.1's nor 6.12's objtool can be told to fail on a warning, and a warning
# here means something real (a stub without ENDBR, an unannotated stack
# switch).  kbuild runs it from the kernel build tree, where the real
# objtool is tools/objtool/objtool; a failed command makes kbuild delete
# the object, so the next build checks it again.
out=$(tools/objtool/objtool "$@" 2>&1)
rc=$?
[ -z "$out" ] || printf '%s\n' "$out" >&2
if [ "$rc" -eq 0 ] && [ -n "$out" ]; then
	echo "objtool-werror: objtool warned about ${*##* }: warnings are errors for lg.ko" >&2
	rc=1
fi
exit "$rc"
