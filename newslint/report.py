"""What a formatter receives."""

from __future__ import annotations

from dataclasses import dataclass

from newslint._record import DataclassMethods
from newslint.model import FileError, Violation


@dataclass(frozen=True, eq=False, repr=False)
class Report(DataclassMethods):
    """Sorted findings of a run, the files that could not be linted, and counters."""

    violations: tuple[Violation, ...]
    errors: tuple[FileError, ...] = ()
    files: int = 0
    fixed: int = 0
    statistics: bool = False
