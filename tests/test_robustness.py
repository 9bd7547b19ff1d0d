"""No input crashes the parser or a rule: random Markdown-ish text through every rule.

Seeded, so a failure reproduces; the alphabet is weighted towards characters that
mean something to Markdown, to quotes and to sentence splitting.
"""

from __future__ import annotations

import random

import pytest

from newslint.config import Config
from newslint.document import parse
from newslint.runner import lint_text

ALPHABET = [
    *list("abcXYZ 019.,;:!?%$£€-—–'\"“”‘’()[]<>*_`#>|\\/&=+~\t\n\n\n"),
    "\r\n",
    "\xa0",
    "🎉",
    "é",
    "ع",
    "---\n",
    "+++\n",
    "```\n",
    "<!--",
    "-->",
    "http://x.y/z ",
    "Dr. ",
    "TK ",
    "» ",
    "# ",
    "1. ",
    "- ",
    "| a | b |\n|---|---|\n",
    "[x](y)",
    "![i](j)",
    "<!-- newslint: ignore -->",
    "Studies show 45% ",
    "said Dr. Aris Thorne, an analyst at the Institute for Strategic Studies. ",
    "Leave a Comment\n",
    "Did you know? ",
    "the the ",
]


def random_article(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400)))


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_random_input_never_crashes(suffix: str) -> None:
    rng = random.Random(20261122)
    config = Config(select=("ALL",))
    for _ in range(150):
        text = random_article(rng)
        doc = parse("a" + suffix, text)
        assert len(doc.prose) == len(text)
        outcome = lint_text("a" + suffix, text, config)
        assert [e.message for e in outcome.errors if "rule" in e.message] == []
        lines = text.split("\n")
        for v in outcome.violations:
            assert 1 <= v.start.line <= len(lines)
            assert (v.start.line, v.start.column) <= (v.end.line, v.end.column)
