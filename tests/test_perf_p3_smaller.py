"""Shortcuts of the third speed pass (headline, style, experts, ai-template) against what they replace."""

from __future__ import annotations

import random
import re

import pytest

from newslint.checks import headline as hl
from newslint.checks import headline_text as ht
from newslint.checks import style

# Characters that stress the shortcuts: quotes of both kinds, sentence ends, spaces of
# several kinds (a newline, a no-break space, an ideographic space), digits, case twins
# and non-ASCII letters.
_ALPHABET = "ab .!?…:;,\"'“”’)([]-\n\t\u00a0\u3000 5 ſıİ\u212aÉé"


def _random_texts(count: int, seed: int, alphabet: str = _ALPHABET, size: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, size))) for _ in range(count)]


# --------------------------------------------------------------------- style


def test_ends_sentence_is_the_sentence_end_pattern() -> None:
    pattern = re.compile(style._SENTENCE_END)
    for text in [*_random_texts(3000, 1), 'He said. "', "Yes!\n", "Yes!”  ", "Yes", "  ", ":\n\n", ""]:
        for j in range(len(text) + 1):
            assert style._ends_sentence(text, j) == bool(pattern.search(text, 0, j)), (text, j)


def test_quote_mark_offsets_are_the_regex_offsets() -> None:
    pattern = re.compile('["“”]')
    for text in [*_random_texts(3000, 2), 'plain "ascii" text', '“curly” and "straight"', ""]:
        assert style._quote_mark_offsets(text) == [m.start() for m in pattern.finditer(text)], text


# --------------------------------------------------------------------- headline


def _counted_the_long_way(analyser: ht.HeadlineAnalyser, result: ht.Analysis, body: str) -> None:
    """The analysis's counts, first places and evidence equal `_count`'s and the property's."""
    text = ht.BodyText(body, analyser.lead_chars)
    for term, count, lead in zip(result.terms, result.counts, result.in_lead, strict=True):
        n, at = analyser._count(term, text)
        assert (count, lead) == (n, 0 <= at < text.lead_end), term
    stored = result.evidence
    result._evidence = None
    assert stored == result.evidence


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Libraries Stay Open Late", "The library stays open. Sublibrary staff and libraries agree."),
        ("IISS warns on Iran", "The International Institute for Strategic Studies said Iran ..."),
        ("Kelvin \u212aelvin ſtrike İstanbul", "kelvin strike istanbul İstanbul \u212aelvin ſtrike"),
        ("Économie: les prix", "L'économie et les prix montent; economie."),
        ("Tax row over pay", "The tax rows and pay rises: taxes, paid, rowing."),
        ("Man's dogs win", "The man's dog won; dogs' owners and men."),
        ("Apple apple APPLE", "apple " * 10),
    ],
)
def test_analyse_counts_as_count_does(headline: str, body: str) -> None:
    analyser = hl._base_analyser()
    _counted_the_long_way(analyser, analyser.analyse(headline, body), body)


def test_analyse_counts_as_count_does_on_random_text() -> None:
    analyser = hl._base_analyser()
    words = [
        "library",
        "libraries",
        "stay",
        "stays",
        "UK",
        "tax",
        "taxes",
        "İran",
        "ſtrike",
        "\u212aiev",
        "café",
    ]
    rng = random.Random(3)
    for _ in range(300):
        headline = " ".join(rng.choice(words).title() for _ in range(rng.randint(1, 6)))
        body = " ".join(rng.choice([*words, ",", ".", "the", "-"]) for _ in range(rng.randint(0, 40)))
        _counted_the_long_way(analyser, analyser.analyse(headline, body), body)
