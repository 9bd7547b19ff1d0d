"""Documentation stays true: the generated rule reference is current, and every rule explains itself."""

from __future__ import annotations

from pathlib import Path

from newslint.packs import REQUIRED_DOCS
from newslint.resources import rules_dir
from newslint.ruledocs import reference
from newslint.runner import RunOptions, resolve_default, rulebook

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def _builtin_metas() -> list:  # type: ignore[type-arg]
    book = rulebook(resolve_default(RunOptions(isolated=True)))
    return [r.meta for r in book.rules if r.meta.source.startswith(str(rules_dir()))]


def test_rule_reference_is_current() -> None:
    current = (ROOT / "docs" / "rule-reference.md").read_text(encoding="utf-8")
    assert current == reference(_builtin_metas()), (
        "docs/rule-reference.md is stale: run `python -m newslint.ruledocs > docs/rule-reference.md`"
    )


def test_every_builtin_rule_is_documented_and_explained() -> None:
    metas = _builtin_metas()
    assert metas
    for meta in metas:
        for key in REQUIRED_DOCS:
            assert meta.doc.get(key, "").strip(), f"{meta.code} has no docs.{key}"
        assert meta.summary.strip(), f"{meta.code} has no summary"
        result = run_cli("rule", meta.code)
        assert result.code == 0
        assert result.out.startswith(f"# {meta.code} {meta.name}\n")


def test_builtin_packs_load_without_errors() -> None:
    book = rulebook(resolve_default(RunOptions(isolated=True)))
    assert book.errors == ()


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in section.strip().splitlines() if line.strip()]
    assert commands == [
        "pip install . && newslint examples/",
        "pip install -e '.[test]' && python -m pytest -q",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest -q" in ci
