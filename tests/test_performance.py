"""Fast paths must give the same answers as the slow paths they stand in front of."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslint.document import Block
from newslint.model import Span
from newslint.ruletypes import DEFAULT_TOKEN, may_repeat

_REPEAT = re.compile(rf"\b(?P<word>{DEFAULT_TOKEN})\b[ \t]+(?P=word)\b", re.IGNORECASE)


def _whole(text: str) -> tuple[Block, ...]:
    return (Block("paragraph", Span(0, len(text)), text),)


@pytest.mark.parametrize(
    "text",
    [
        "The the council met.",
        "He said that that was wrong.",
        "A price of £5 5 times, and the THE end.",
        "Café café au lait.",
        "Straße STRASSE, ſo so.",
        "Nothing doubled here.",
        "the theory of the then mayor",
        "",
    ],
)
def test_may_repeat_is_a_superset_of_the_pattern(text: str) -> None:
    if _REPEAT.search(text):
        assert may_repeat(text, _whole(text))


def test_may_repeat_skips_clean_ascii_text() -> None:
    assert not may_repeat("The council met on Monday.", _whole("The council met on Monday."))


def test_may_repeat_distrusts_a_block_cut_inside_a_word() -> None:
    text = "the the"
    assert may_repeat(text, (Block("paragraph", Span(0, 5), text[:5]),))


def test_builtin_residue_patterns_compile() -> None:
    # Built-in residue packs are compiled lazily, not checked at load: check them here.
    from newslint.checks.boilerplate import ResidueRule, check_kind, is_builtin_pack
    from newslint.config import Overrides
    from newslint.runner import RunOptions, config_for, rulebook

    config = config_for(Path("."), RunOptions(overrides=Overrides(select=("ALL",)), isolated=True))
    residue = [r for r in rulebook(config).rules if isinstance(r, ResidueRule)]
    assert residue
    for rule in residue:
        assert is_builtin_pack(rule.meta)
        for kind, patterns in rule.spec.patterns.items():
            check_kind(kind, patterns, rule.spec.pattern(kind))
        for inline in rule.spec.inline:
            assert inline.compiled.flags & re.IGNORECASE == 0
