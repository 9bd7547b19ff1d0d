"""Patterns shipped compiled (newslint.pattern_cache): the same patterns as `re.compile`, or none."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import newslint.patterns as patterns
from newslint import pattern_cache
from newslint.pattern_cache import decode, dumps, encode, interpreter_stamp, loads, recording
from newslint.patterns import compile_pattern

CHECKOUT = Path(__file__).resolve().parent.parent

TRICKY_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<word>\w+)\s+(?P=word)", 0),
    (r"(?i)straße|İstanbul|ſ|\u212a", 0),
    (r"[.!?…]+[\"'”’)\]]*(?=(\s+)[\"'“‘(\[]*[A-Z0-9£$€¥])", 0),
    (r"(?<![\w-])(?:one|two|three)(?![\w-])", re.IGNORECASE),
    (r"^\s*#+\s*(?P<title>.+?)\s*#*$", re.MULTILINE),
    (r"a.+?b", re.DOTALL),
    (
        r"""(?x) (\d+)  # digits
         \s* (?:%|per\s?cent)""",
        0,
    ),
    (r"(?>a+)b|c*+d|(?:e|f){2,5}?", 0),
    (r"[^\W\d_]+(?:['’][^\W\d_]+)?", 0),
    (r"\bcolou?r\b", re.ASCII | re.IGNORECASE),
    (rb"[^0-9.,]|[0-9.,]++", 0),
    (r"(a)|(b)|(?P<c>c)", 0),
]
SAMPLES = ["the the cat", "STRASSE İstanbul ſ K", "Hello. World", "Two-three one", "# Title ##\nx", "a\nb"]


@pytest.mark.parametrize(("pattern", "flags"), TRICKY_PATTERNS)
def test_an_entry_rebuilds_the_pattern_re_compiles(pattern: str | bytes, flags: int) -> None:
    entry = encode(pattern, flags)
    assert entry is not None
    rebuilt = decode(pattern, entry)
    expected = re.compile(pattern, flags)
    assert rebuilt is not None
    assert rebuilt == expected  # same text, flags and code
    assert (rebuilt.groups, rebuilt.groupindex, rebuilt.flags) == (
        expected.groups,
        expected.groupindex,
        expected.flags,
    )
    for sample in SAMPLES:
        text = sample.encode() if isinstance(pattern, bytes) else sample
        assert [m.span() for m in rebuilt.finditer(text)] == [m.span() for m in expected.finditer(text)]  # type: ignore[arg-type]


def test_locale_dependent_patterns_are_not_shipped() -> None:
    assert encode(rb"\w+", re.LOCALE) is None


def test_a_cache_file_round_trips() -> None:
    keys: list[tuple[str | bytes, int]] = [(r"\d+", 0), (r"\d+", 0), (r"[a-z]+", int(re.IGNORECASE))]
    entries = loads(dumps(keys))
    assert set(entries) == {(r"\d+", 0), (r"[a-z]+", 2)}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not marshal data",
        marshal.dumps(("cpython-00 another interpreter", {(r"\d", 0): (32, b"", 0, {}, (None,))})),
        marshal.dumps(["a list", "of things"]),
        marshal.dumps((interpreter_stamp(), ["not", "a", "dict"])),
        dumps([(r"\d+", 0)])[:-3],
    ],
    ids=["empty", "garbage", "other-interpreter", "wrong-shape", "entries-not-a-dict", "truncated"],
)
def test_a_cache_from_another_interpreter_or_damaged_is_ignored(data: bytes) -> None:
    assert loads(data) == {}


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[tuple[str | bytes, int], pattern_cache.Entry]]:
    entries: dict[tuple[str | bytes, int], pattern_cache.Entry] = {}
    monkeypatch.setattr(patterns, "_shipped", entries)
    yield entries


def _unique_pattern() -> str:
    # Never compiled before in this process, so `re`'s own cache cannot answer.
    return rf"(?P<marker>x{uuid.uuid4().hex})\d+"


def test_compile_pattern_uses_a_shipped_entry_instead_of_compiling(
    shipped: dict[tuple[str | bytes, int], pattern_cache.Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern = _unique_pattern()
    entry = encode(pattern, re.IGNORECASE)
    assert entry is not None
    shipped[(pattern, int(re.IGNORECASE))] = entry

    def refuse(*args: object) -> None:
        raise AssertionError("compiled by re although shipped")

    monkeypatch.setattr(re._compiler, "compile", refuse)  # type: ignore[attr-defined]
    compiled = compile_pattern(pattern, re.IGNORECASE)
    monkeypatch.undo()
    assert compiled == re.compile(pattern, re.IGNORECASE)
    assert compiled.groupindex == {"marker": 1}


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: (entry[0], b"\xff\xff\xff\xff" * 3, *entry[2:]),  # code _sre rejects
        lambda entry: (entry[0], entry[1][:-1], *entry[2:]),  # not a whole number of code words
        lambda entry: entry[:3],  # too short
    ],
    ids=["invalid-code", "cut-code", "short-entry"],
)
def test_compile_pattern_compiles_when_an_entry_is_damaged(
    shipped: dict[tuple[str | bytes, int], pattern_cache.Entry], damage: object
) -> None:
    pattern = _unique_pattern()
    entry = encode(pattern, 0)
    assert entry is not None and callable(damage)
    shipped[(pattern, 0)] = damage(entry)
    compiled = compile_pattern(pattern)
    assert compiled == re.compile(pattern)


def test_recording_collects_what_compile_pattern_is_asked_for() -> None:
    pattern = _unique_pattern()
    with recording() as keys:
        compile_pattern(pattern, re.IGNORECASE)
    compile_pattern(pattern)  # after the recording: not collected
    assert keys == [(pattern, int(re.IGNORECASE))]
    assert patterns.recorded is None


ARTICLE = """---
title: Council approves 4% budget rise
---

# Council approves 4% budget rise

By Jane Doe

The council approved a 4% rise in the budget on Tuesday, according to a recent study.

Dr. Anya Petrova, a geopolitical analyst at the Institute for Strategic Studies, said the rise was overdue.

Leave a Comment
"""

_LINT_WITH_CACHE = """
import sys
import newslint.patterns as patterns
from newslint import pattern_cache
cache = sys.argv[1]
if cache:
    with open(cache, "rb") as file:
        patterns._shipped = pattern_cache.loads(file.read())
    assert patterns._shipped, "cache not loaded"
    import re._compiler
    compile = re._compiler.compile
    def guarded(pattern, flags=0):
        assert (pattern, int(flags)) not in patterns._shipped, f"compiled although shipped: {pattern!r}"
        return compile(pattern, flags)
    re._compiler.compile = guarded
from newslint.cli import main
argv = ["check", "--isolated", "--select", "ALL", "--output-format", "json", "--jobs", "1"]
sys.exit(main([*argv, sys.argv[2]]))
"""


def _lint_json(cache: str, article: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    result = subprocess.run(
        [sys.executable, "-c", _LINT_WITH_CACHE, cache, str(article)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)
    return findings


def test_a_built_cache_gives_the_same_findings(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    article = articles / "budget.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / pattern_cache.FILE_NAME
    # A fresh process: this one has compiled many of the patterns already.
    build = subprocess.run(
        [sys.executable, "-m", "newslint.pattern_cache", str(out), str(articles)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(CHECKOUT)},
        check=False,
    )
    assert build.returncode == 0, build.stderr
    entries = loads(out.read_bytes())
    assert len(entries) > 50
    for (pattern, flags), entry in entries.items():
        assert decode(pattern, entry) == re.compile(pattern, flags)
    with_cache = _lint_json(str(out), article)
    assert {f["code"] for f in with_cache} >= {"BP002", "EX001", "SR002"}
    assert with_cache == _lint_json("", article)


def test_the_build_command_reports_bad_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pattern_cache.main([str(tmp_path / "out")]) == 2
    assert "usage" in capsys.readouterr().err
    assert pattern_cache.main([str(tmp_path / "out"), str(tmp_path / "missing")]) == 1
    assert not (tmp_path / "out").exists()
