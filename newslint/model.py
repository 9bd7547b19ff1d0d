"""The record types every part of newslint shares.

Everything here is a frozen record: rules yield `Finding`s with offsets into the
untouched source; the engine turns them into `Violation`s with paths and
1-based line:column positions. Rules never compute lines or paths.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from newslint.document import Document

CATEGORIES: tuple[str, ...] = (
    "boilerplate",
    "sourcing",
    "experts",
    "headline",
    "ai-template",
    "readability",
    "style",
)

CODE_PATTERN = re.compile(r"[A-Z]{2,3}[0-9]{3}")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so a `fail-on` threshold compares."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"must be one of error, warning, info (got {value!r})") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character offsets into the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of `span` with `replacement` (empty to delete)."""

    span: Span
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that repairs one finding.

    `safe` fixes are applied by `--fix`; unsafe ones only with `--unsafe-fixes`.
    """

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where the problem is, what to say, and how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """A rule's identity and documentation, validated on construction."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    scope: str = "text"
    summary: str = ""
    doc: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    source: str = "newslint"
    fixable: bool = False
    default_enabled: bool = True
    lint_quotes: bool = False

    def __post_init__(self) -> None:
        if not CODE_PATTERN.fullmatch(self.code):
            raise ValueError(f"code {self.code!r} must be 2-3 capital letters and 3 digits")
        if not NAME_PATTERN.fullmatch(self.name):
            raise ValueError(f"name {self.name!r} must be kebab-case")
        if self.category not in CATEGORIES:
            raise ValueError(f"category {self.category!r} must be one of {', '.join(CATEGORIES)}")


@runtime_checkable
class Rule(Protocol):
    """A rule: its metadata and a check over one parsed document.

    `check` is called once per document and yields findings whose spans are
    offsets into `doc.source`. Use the document's block helpers (`doc.blocks`,
    `doc.lines`, `doc.sentences`) rather than re-parsing the text; findings
    inside direct quotes are dropped by the engine unless the rule's
    `meta.scope` says otherwise (see docs/writing-rules.md).
    """

    meta: RuleMeta

    def check(self, doc: Document) -> Iterable[Finding]: ...


@dataclass(frozen=True, slots=True)
class Violation:
    """A finding placed in a file: what the formatters print."""

    path: str
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: Position
    end: Position
    fix: Fix | None = None
    offset: int = 0
    edit_positions: tuple[tuple[Position, Position], ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start.line, self.start.column, self.code)


@dataclass(frozen=True, slots=True)
class FileError:
    """A file (or pack, config, plugin) that could not be processed: one line in the report."""

    path: str
    message: str
