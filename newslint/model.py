"""The record types every part of newslint shares.

Everything here is a frozen record: rules yield `Finding`s with offsets into the
untouched source; the engine turns them into `Violation`s with paths and
1-based line:column positions. Rules never compute lines or paths.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newslint._record import DataclassMethods
from newslint.patterns import compile_pattern

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

CODE_PATTERN = compile_pattern(r"[A-Z]{2,3}[0-9]{3}")
NAME_PATTERN = compile_pattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


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


# The records below that are built by the thousand per article (spans, findings,
# edits) have hand-written `__init__`s: a frozen dataclass's generated one sets
# each field with `object.__setattr__`, which costs about twice as much as the
# slot's own setter. They stay frozen dataclasses in every other respect.
# All records here take `__eq__`, `__hash__` and `__repr__` from `DataclassMethods`
# (same behaviour, not compiled per class at start-up; see newslint/_record.py).


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Span(DataclassMethods):
    """A half-open range of character offsets into the source text."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}..{end}")
        _set_span_start(self, start)
        _set_span_end(self, end)

    # Spans are compared and hashed in hot loops: spelled out as `@dataclass` would
    # generate them, twice as fast as the shared `DataclassMethods` ones.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Span)
            return (self.start, self.end) == (other.start, other.end)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.start, self.end))


_set_span_start = Span.__dict__["start"].__set__
_set_span_end = Span.__dict__["end"].__set__
_new_object = object.__new__


def trusted_span(start: int, end: int) -> Span:
    """A span the caller knows is valid (0 <= start <= end), built without the check.

    For the document model's own hot loops, whose offsets come from slicing.
    """
    span: Span = _new_object(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    return span


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Position(DataclassMethods):
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int

    # spelled out like Span's, for the same reason
    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Position)
            return (self.line, self.column) == (other.line, other.column)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.line, self.column))


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Edit(DataclassMethods):
    """Replace the text of `span` with `replacement` (empty to delete)."""

    span: Span
    replacement: str = ""

    def __init__(self, span: Span, replacement: str = "") -> None:
        _set_edit_span(self, span)
        _set_edit_replacement(self, replacement)


_set_edit_span = Edit.__dict__["span"].__set__
_set_edit_replacement = Edit.__dict__["replacement"].__set__


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Fix(DataclassMethods):
    """A set of edits that repairs one finding.

    `safe` fixes are applied by `--fix`; unsafe ones only with `--unsafe-fixes`.
    """

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def __init__(self, title: str, edits: tuple[Edit, ...], safe: bool = True) -> None:
        _set_fix_title(self, title)
        _set_fix_edits(self, edits)
        _set_fix_safe(self, safe)


_set_fix_title = Fix.__dict__["title"].__set__
_set_fix_edits = Fix.__dict__["edits"].__set__
_set_fix_safe = Fix.__dict__["safe"].__set__


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Finding(DataclassMethods):
    """What a rule yields: where the problem is, what to say, and how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None

    def __init__(self, span: Span, message: str, fix: Fix | None = None) -> None:
        _set_finding_span(self, span)
        _set_finding_message(self, message)
        _set_finding_fix(self, fix)


_set_finding_span = Finding.__dict__["span"].__set__
_set_finding_message = Finding.__dict__["message"].__set__
_set_finding_fix = Finding.__dict__["fix"].__set__


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RuleMeta(DataclassMethods):
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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Violation(DataclassMethods):
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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FileError(DataclassMethods):
    """A file (or pack, config, plugin) that could not be processed: one line in the report."""

    path: str
    message: str
