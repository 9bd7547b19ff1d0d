"""Every rule has a failing and a passing fixture; each fixture gives exactly its expected findings.

tests/fixtures/rules/<CODE>/ holds fail.md|fail.txt, fail.expected (the exact
`LINE:COL: CODE message` lines) and pass.md|pass.txt (traps that must stay quiet).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config
from newslint.runner import RunOptions, lint_text, resolve_default, rulebook

from .conftest import FIXTURES

RULE_FIXTURES = FIXTURES / "rules"


def _builtin_codes() -> list[str]:
    book = rulebook(resolve_default(RunOptions(isolated=True)))
    return sorted(r.meta.code for r in book.rules)


def _one(directory: Path, stem: str) -> Path:
    found = sorted(p for p in directory.glob(f"{stem}.*") if p.suffix in (".md", ".txt"))
    assert len(found) == 1, f"{directory}: expected one {stem}.md or {stem}.txt, found {found}"
    return found[0]


def _lint(path: Path, code: str) -> list[str]:
    config = Config(root=path.parent, select=(code,))
    outcome = lint_text(path.name, path.read_text(encoding="utf-8"), config)
    assert not outcome.errors, outcome.errors
    return [f"{v.start.line}:{v.start.column}: {v.code} {v.message}" for v in outcome.violations]


@pytest.mark.parametrize("code", _builtin_codes())
def test_rule_has_fixtures(code: str) -> None:
    directory = RULE_FIXTURES / code
    assert directory.is_dir(), f"rule {code} has no fixture directory {directory}"
    _one(directory, "fail")
    _one(directory, "pass")
    assert (directory / "fail.expected").is_file()


@pytest.mark.parametrize("code", _builtin_codes())
def test_fail_fixture_gives_expected_findings(code: str) -> None:
    directory = RULE_FIXTURES / code
    expected = (directory / "fail.expected").read_text(encoding="utf-8").splitlines()
    found = _lint(_one(directory, "fail"), code)
    assert found == [line for line in expected if line.strip()]
    assert found, "a fail fixture must trigger its rule"


@pytest.mark.parametrize("code", _builtin_codes())
def test_pass_fixture_is_quiet(code: str) -> None:
    assert _lint(_one(RULE_FIXTURES / code, "pass"), code) == []


def test_every_fixture_directory_names_a_rule() -> None:
    codes = set(_builtin_codes())
    stray = [p.name for p in RULE_FIXTURES.iterdir() if p.is_dir() and p.name not in codes]
    assert stray == []
