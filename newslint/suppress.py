"""Suppression comments, in Markdown and plain text alike.

    <!-- newslint: disable[BP001,sourcing] -->   ... <!-- newslint: enable[BP001,sourcing] -->
    <!-- newslint: ignore[SR001] -->             the next block (or this line, if it has text)
    <!-- newslint: file-ignore[EX] -->           the whole file
    <!-- newslint: disable -->                   every rule (the brackets are optional)

Selectors are codes, code prefixes, rule names or categories; text after
``--`` is a reason and is ignored. The comments are masked out of the prose, so
they are never linted themselves, and in a plain-text file they are the one
piece of markup newslint reads (a comment line is not part of the article).
"""

from __future__ import annotations

import bisect
import functools
import re

from newslint._record import Record
from newslint.document import Document
from newslint.model import RuleMeta
from newslint.patterns import compile_pattern
from newslint.select import specificity


@functools.cache
def directive_pattern() -> re.Pattern[str]:
    """The suppression comment, compiled on first use: most files have none."""
    return compile_pattern(
        r"<!--\s*newslint:\s*(?P<kind>disable|enable|ignore|file-ignore)\s*"
        r"(?:\[(?P<codes>[^\]]*)\])?\s*(?:--[^>]*?)?-->"
    )


class Directive(Record):
    __slots__ = ("first", "kind", "last", "line", "selectors")
    _fields = ("kind", "line", "selectors", "first", "last")
    kind: str
    line: int
    selectors: tuple[str, ...]
    first: int  # lines an `ignore` covers
    last: int

    def __init__(
        self, kind: str, line: int, selectors: tuple[str, ...], first: int = 0, last: int = 0
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "selectors", selectors)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)

    def matches(self, meta: RuleMeta) -> bool:
        return not self.selectors or any(specificity(s, meta) is not None for s in self.selectors)


class Suppressions(Record):
    _fields = ("directives",)
    directives: tuple[Directive, ...]

    def __init__(self, directives: tuple[Directive, ...]) -> None:
        object.__setattr__(self, "directives", directives)

    def suppresses(self, meta: RuleMeta, line: int) -> bool:
        """Whether a finding of this rule on this 1-based line is suppressed."""
        disabled = False
        for d in self.directives:
            if d.kind == "file-ignore":
                if d.matches(meta):
                    return True
            elif d.kind == "ignore":
                if d.first <= line <= d.last and d.matches(meta):
                    return True
            elif d.line <= line and d.matches(meta):
                disabled = d.kind == "disable"
        return disabled


NO_SUPPRESSIONS = Suppressions(())


def find_suppressions(doc: Document) -> Suppressions:
    """Read the suppression comments of a document."""
    if "newslint:" not in doc.source:
        return NO_SUPPRESSIONS
    found: list[Directive] = []
    for m in directive_pattern().finditer(doc.source):
        line = doc.position(m.start()).line
        selectors = tuple(s.strip() for s in (m.group("codes") or "").split(",") if s.strip())
        kind = m.group("kind")
        if kind == "ignore":
            first, last = _ignored_lines(doc, m.start(), m.end(), line)
            found.append(Directive(kind, line, selectors, first, last))
        else:
            found.append(Directive(kind, line, selectors))
    return Suppressions(tuple(found))


def _ignored_lines(doc: Document, start: int, end: int, line: int) -> tuple[int, int]:
    """The lines an `ignore` covers: its own line if it has prose, else the next block."""
    line_start = doc.line_starts[line - 1]
    line_end = doc.line_starts[line] if line < len(doc.line_starts) else len(doc.source)
    if doc.prose[line_start:line_end].strip():
        return line, line
    starts = [b.span.start for b in doc.blocks]
    i = bisect.bisect_left(starts, end)
    if i >= len(doc.blocks):
        return line, line
    block = doc.blocks[i]
    return doc.position(block.span.start).line, doc.position(max(block.span.start, block.span.end - 1)).line
