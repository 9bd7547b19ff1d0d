"""Shared test helpers: run the CLI in-process and capture what it prints."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config import find_config
from newslint.runner import _RULEBOOKS

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliResult:
    """Run `newslint ARGS` in this process (one job, so output order is the sorted order)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([*args], stdout=out, stderr=err)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Configuration files differ between tests: drop cached lookups and rule books."""
    find_config.cache_clear()
    _RULEBOOKS.clear()
    yield
    find_config.cache_clear()
    _RULEBOOKS.clear()
