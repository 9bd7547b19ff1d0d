"""A third-party plugin adds a rule and an output format through the entry-point group `newslint`.

The plugin is a real distribution on sys.path (a module plus a .dist-info with
entry_points.txt), found by importlib.metadata exactly as an installed one is;
nothing in newslint is touched.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.plugins import get_plugins

from .conftest import run_cli

PLUGIN = textwrap.dedent(
    """
    from newslint import hookimpl
    from newslint.model import Finding, RuleMeta, Severity, Span


    class ShoutingRule:
        meta = RuleMeta(
            code="XT001", name="shouting-headline", category="style", severity=Severity.WARNING,
            message="Headline in capitals", source="newslint-shout",
            doc={"what": "w", "why": "y", "example": "e", "instead": "i"},
        )

        def check(self, doc):
            if doc.headline and doc.headline.text.strip().isupper():
                yield Finding(doc.headline.span, "The headline is in capitals: write it in sentence case.")


    class BrokenRule:
        meta = RuleMeta(code="XT002", name="broken-rule", category="style", severity=Severity.ERROR,
                        message="never", source="newslint-shout")

        def check(self, doc):
            raise RuntimeError("boom")


    @hookimpl
    def newslint_rules(settings):
        return [ShoutingRule(), BrokenRule()]


    def count_format(report, stream):
        stream.write(f"{len(report.violations)} findings\\n")


    @hookimpl
    def newslint_formatters():
        return {"count": count_format}


    @hookimpl
    def newslint_settings():
        return {"shout": {"min-length": 3}}
    """
)


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "newslint_shout.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "newslint_shout-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newslint-shout\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[newslint]\nshout = newslint_shout\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.chdir(tmp_path)
    get_plugins.cache_clear()
    yield tmp_path
    get_plugins.cache_clear()
    sys.modules.pop("newslint_shout", None)


def test_plugin_rule_and_format_are_used(installed_plugin: Path) -> None:
    (installed_plugin / "a.md").write_text("# MAYOR RESIGNS\n\nThe mayor resigned.\n", encoding="utf-8")
    result = run_cli("a.md", "--select", "XT001", "--output-format", "concise")
    assert result.out == "a.md:1:1: XT001 The headline is in capitals: write it in sentence case.\n"
    assert run_cli("a.md", "--select", "XT001", "--output-format", "count").out == "1 findings\n"
    assert "XT001  shouting-headline" in run_cli("rules").out


def test_a_rule_that_raises_is_one_error_line_and_others_still_run(installed_plugin: Path) -> None:
    (installed_plugin / "a.md").write_text("# MAYOR RESIGNS\n\nThe the mayor resigned.\n", encoding="utf-8")
    result = run_cli("a.md", "--select", "XT,ST001", "--output-format", "concise")
    assert result.code == 2
    assert result.err == ("a.md: rule XT002 (broken-rule, from newslint-shout) failed: RuntimeError: boom\n")
    assert [line.split()[1] for line in result.out.splitlines()] == ["XT001", "ST001"]


def test_plugin_settings_are_validated(installed_plugin: Path) -> None:
    (installed_plugin / "newslint.toml").write_text("[settings.shout]\nmin-length = 'x'\n", encoding="utf-8")
    (installed_plugin / "a.md").write_text("# Head\n\nText.\n", encoding="utf-8")
    result = run_cli("a.md")
    assert result.code == 2
    assert "settings.shout.min-length: must be a whole number, got 'x'" in result.err


def test_a_plugin_that_fails_to_import_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    dist = site / "newslint_bad-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / "newslint_bad.py").write_text("raise ImportError('missing dependency')\n", encoding="utf-8")
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newslint-bad\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[newslint]\nbad = newslint_bad\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# Head\n\nThe the text.\n", encoding="utf-8")
    get_plugins.cache_clear()
    try:
        result = run_cli("a.md", "--select", "ST001", "--output-format", "concise")
    finally:
        get_plugins.cache_clear()
    assert result.code == 2
    assert "plugin bad (newslint_bad): failed to load: ImportError: missing dependency" in result.err
    assert "ST001" in result.out
