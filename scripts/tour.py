#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Extract the literate tour from the source into Documentation/tour.md.

A comment that opens with a part letter and a number, e.g. "/*H:120 ...",
starts a numbered section of the guide.  Sections are ordered by part (in
PARTS order) and number; a duplicate number is an error.  Each section
carries the code that follows its comment, up to its end marker: the
first line that closes a top-level block ("}" or "};" in column 0), an
assembly SYM_*_END line, a comment containing "tour-end", or the next
tour comment -- whichever comes first (at most MAX_CODE lines).

The guide opens with an overview that follows one hypercall from the
Launcher's read() down to iretq and back, step by step (JOURNEY below),
each step linking to its section; a step naming a missing section is an
error, so the overview cannot rot silently.

  scripts/tour.py            write Documentation/tour.md
  scripts/tour.py --check    exit 1 if it is stale or numbers clash
"""
import pathlib
import re
import sys

TOP = pathlib.Path(__file__).resolve().parent.parent
PARTS = [
    ("L", "The Launcher", "launcher"),
    ("D", "/dev/lguest", "host"),
    ("H", "The host", "host"),
    ("S", "The switcher", "switcher"),
    ("G", "The test guest", "tests/guest"),
    ("P", "The Linux platform", "guest/arch/x86/lguest"),
]
SOURCES = ("launcher", "host", "switcher", "tests/guest", "guest/arch/x86/lguest")
OPEN = re.compile(r"/\*([A-Z]):(\d{3})\s?(.*)")
END = re.compile(r"^(\}|\};|SYM_[A-Z_]*END\(.*)\s*$|tour-end")
MAX_CODE = 80

# One hypercall, there and back: (section, what happens there).
JOURNEY = [
    ("L:310", "The Launcher's run loop calls read() on /dev/lguest; the guest runs inside that call."),
    ("D:120", "lg_read() checks that this is the task, and the address space, that created the guest."),
    ("H:150", "lg_run() loops: console output and signals go back to the Launcher, a halted guest sleeps."),
    ("H:520", "Before each entry, a pending interrupt is delivered by building the guest's trap frame."),
    ("H:120", "run_guest_once(): interrupts off, per-CPU GDT filled, registers and FPU state in, host MSRs guarded."),
    ("S:200", "lg_switch_to_guest saves the host, loads the switcher's IDT first, then GDT, TR, CR3, and iretq's to ring 1."),
    ("G:210", "The guest makes its call: int $0x1f with the call number in %eax (here from the test kernel's backend)."),
    ("S:210", "The 0x1f stub pushes the vector; lg_trap_common saves the guest's registers into the per-CPU area."),
    ("S:240", "lg_exit restores CR3, TR, GDT, segments and GS base before any C runs, the host IDT last."),
    ("H:140", "Back in C: host interrupts and NMIs that arrived meanwhile are handed to the host."),
    ("H:230", "Calls queued in the async ring run first, in order."),
    ("H:510", "The exit is a hypercall: lg_handle_trap() sends it to the hypercall table."),
    ("H:200", "Its arguments are checked in one place..."),
    ("H:210", "...and the action runs on trusted values; the result goes into the guest's %eax."),
    ("H:120", "The loop goes round: the next entry iretq's back to the instruction after int $0x1f."),
]


def comment_text(lines, start):
    """The comment starting at lines[start], without its markers, and the
    index of the line after it."""
    m = OPEN.search(lines[start])
    body = [m.group(3)]
    i = start
    while "*/" not in body[-1]:
        i += 1
        if i == len(lines):
            break
        body.append(re.sub(r"^\s*\*( |$)", "", lines[i]))
    body[-1] = body[-1].split("*/")[0]
    text = "\n".join(s.rstrip() for s in body).strip()
    return m.group(1), int(m.group(2)), text, i + 1


def code_after(lines, i):
    """The code a section carries: from line i to its end marker."""
    code = []
    while i < len(lines) and len(code) < MAX_CODE:
        line = lines[i]
        if OPEN.search(line):
            break
        if "tour-end" in line:
            break
        code.append(line.rstrip())
        if END.search(line):
            break
        i += 1
    while code and not code[-1].strip():
        code.pop()
    while code and not code[0].strip():
        code.pop(0)
    return code


def sections():
    found, errors = {}, []
    for top in SOURCES:
        for path in sorted((TOP / top).rglob("*")):
            if path.suffix not in (".c", ".h", ".S") or not path.is_file():
                continue
            lines = path.read_text(errors="replace").splitlines()
            for i, line in enumerate(lines):
                if not OPEN.search(line):
                    continue
                part, num, text, after = comment_text(lines, i)
                rel = path.relative_to(TOP)
                key = (part, num)
                if key in found:
                    errors.append(f"duplicate tour number {part}:{num:03d} in {rel} and {found[key][0]}")
                lang = "asm" if path.suffix == ".S" else "c"
                found[key] = (rel, i + 1, text, lang, code_after(lines, after))
    return found, errors


def anchor(letter, num):
    return f"{letter.lower()}{num:03d}"


def overview(found, errors):
    out = ["## Overview: one hypercall, there and back", ""]
    for n, (ref, what) in enumerate(JOURNEY, 1):
        letter, num = ref.split(":")
        if (letter, int(num)) not in found:
            errors.append(f"overview step {n} names missing section {ref}")
            continue
        rel = found[(letter, int(num))][0]
        out.append(f"{n}. [{ref}](#{anchor(letter, int(num))}) (`{rel}`): {what}")
    return out + [""]


def render(found, errors):
    out = ["# A tour of the code", "",
           "Generated by scripts/tour.py from the numbered comments in the source;",
           "edit the comments, not this file.", ""]
    out += overview(found, errors)
    order = {p[0]: n for n, p in enumerate(PARTS)}
    for letter, title, _ in PARTS:
        keys = sorted(k for k in found if k[0] == letter)
        if not keys:
            continue
        out += [f"## {title}", ""]
        for key in keys:
            rel, line, text, lang, code = found[key]
            out += [f'<a id="{anchor(letter, key[1])}"></a>',
                     f"### {letter}:{key[1]:03d} — `{rel}:{line}`", "", text, ""]
            if code:
                out += [f"```{lang}"] + code + ["```", ""]
    unknown = sorted({k[0] for k in found} - set(order))
    if unknown:
        raise SystemExit(f"tour: unknown part letter(s) {unknown}")
    return "\n".join(out)


def main():
    found, errors = sections()
    for e in errors:
        print(f"tour: {e}", file=sys.stderr)
    if errors:
        return 1
    text = render(found, errors)
    for e in errors:
        print(f"tour: {e}", file=sys.stderr)
    if errors:
        return 1
    dest = TOP / "Documentation" / "tour.md"
    if "--check" in sys.argv:
        if not dest.exists() or dest.read_text() != text:
            print("tour: Documentation/tour.md is stale: run scripts/tour.py", file=sys.stderr)
            return 1
        return 0
    dest.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
