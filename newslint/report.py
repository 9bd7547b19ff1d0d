"""What a formatter receives."""

from __future__ import annotations

from dataclasses import dataclass

from newslint.model import FileError, Violation


@dataclass(frozen=True)
class Report:
    """Sorted findings of a run, the files that could not be linted, and counters."""

    violations: tuple[Violation, ...]
    errors: tuple[FileError, ...] = ()
    files: int = 0
    fixed: int = 0
    statistics: bool = False
