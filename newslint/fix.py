"""Apply fixes: non-overlapping edits, end to start; atomic writes that keep the file's mode."""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from newslint.model import Edit, Fix, Violation


@dataclass(frozen=True)
class Applied:
    """The fixed text and how many fixes went into it."""

    text: str
    count: int


def applicable(violations: Sequence[Violation], unsafe: bool) -> list[Fix]:
    """The fixes `--fix` may apply: safe ones, and unsafe ones with `--unsafe-fixes`."""
    return [v.fix for v in violations if v.fix is not None and (v.fix.safe or unsafe)]


def apply_fixes(source: str, fixes: Sequence[Fix]) -> Applied:
    """Apply every fix whose edits overlap no edit already chosen; later passes take the rest."""
    chosen: list[Edit] = []
    count = 0
    for fix in sorted(fixes, key=lambda f: min((e.span.start for e in f.edits), default=0)):
        if not fix.edits or any(_overlaps(edit, other) for edit in fix.edits for other in chosen):
            continue
        chosen.extend(fix.edits)
        count += 1
    text = source
    for edit in sorted(chosen, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return Applied(text, count)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.span == b.span and a.replacement == b.replacement:
        return True  # the same edit offered twice: apply once
    return (a.span.start < b.span.end and b.span.start < a.span.end) or (
        a.span.start == b.span.start and (a.span.start == a.span.end or b.span.start == b.span.end)
    )


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of a fix, as `--diff` prints it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_atomically(path: str, text: str, bom: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename over; keep the mode."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, temp = tempfile.mkstemp(prefix=".newslint-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
