"""Speed pass 3, sourcing: each shortcut gives what the plain code it replaced gives."""

from __future__ import annotations

import random
from pathlib import Path

from newslint.checks.sourcing import (
    _NUMBER_TOKEN,
    _SPACES,
    Literals,
    PhraseGroup,
    PhraseMatcher,
    _bounded,
    _number_key,
)

_PIECES = (
    "according to", "reports", "some", "say", "people", "many", "believe", "it is", "widely",
    "believed", "studies", "show", "a recent study", "found", "experts", "warn", "half the battle",
    "record label", "goal", "scored", "x", "-", ",", ".", " ", "  ", "\n", "\u00a0", "İ", "ı", "ſ",
    "\u212a", "é", "ACCORDING TO", "Studies", "un", "ly",
)  # fmt: skip


def _texts() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "examples").glob("*")) + sorted((root / "tests" / "fixtures").rglob("*.*"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix in (".md", ".txt")]
    rng = random.Random(3)
    texts += [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    return texts


def _literal_spans(phrases: tuple[str, ...], text: str) -> set[tuple[int, int]]:
    """`Literals.spans` as it was: every phrase searched, no gate."""
    low = text.lower().translate(_SPACES)
    out = set()
    for phrase in phrases:
        i = low.find(phrase)
        while i >= 0:
            if _bounded(low, i, i + len(phrase)):
                out.add((i, i + len(phrase)))
            i = low.find(phrase, i + 1)
    return out


def test_gated_literals_find_what_every_phrase_finds() -> None:
    literals = Literals(["half the battle", "record label", "goal", "scored", "one in a million", "x"])
    for text in _texts():
        assert set(literals.spans(text)) == _literal_spans(literals.phrases, text), text[:60]


def _phrase_spans(matcher: PhraseMatcher, text: str) -> list[tuple[int, int]]:
    """`PhraseMatcher.find` as it was: every phrase and subject searched, no gate."""
    low = text.lower().translate(_SPACES)
    spans: list[tuple[int, int]] = []
    for phrase in matcher.phrases:
        i = low.find(phrase)
        while i >= 0:
            if _bounded(low, i, i + len(phrase)):
                spans.append((i, i + len(phrase)))
            i = low.find(phrase, i + 1)
    for group in matcher.groups:
        for subject in group.subjects:
            i = low.find(subject)
            while i >= 0:
                end = i + len(subject)
                if _bounded(low, i, end):
                    span = matcher._verb_after(group, low, i, end)
                    if span is not None:
                        spans.append(span)
                i = low.find(subject, i + 1)
    return sorted(spans)


def test_gated_phrase_matcher_finds_what_every_phrase_finds() -> None:
    matcher = PhraseMatcher(
        ["according to reports", "some people say", "many believe", "it is widely believed", "x"],
        [
            PhraseGroup(("studies", "research"), frozenset(["recent"]), frozenset(["show", "have shown"])),
            PhraseGroup(("a study", "a recent study"), frozenset(), frozenset(["found"])),
            PhraseGroup(("is", "are"), frozenset(), frozenset(["widely believed"])),
        ],
        None,
    )
    checked = 0
    for text in _texts():
        expected = _phrase_spans(matcher, text)
        assert matcher.find(text) == expected, text[:60]
        checked += bool(expected)
    assert checked > 100


def test_number_keys_are_cached_as_computed() -> None:
    import re

    for text in ("5.5 per cent", "5.5percent", "1,000", "5 %", "12bn", "3 Per Cent", "7\tm"):
        for m in _NUMBER_TOKEN.finditer(text):
            piece = m.group(0)
            expected = re.sub(
                r"\s|per\s?cent", lambda n: "%" if n.group(0).strip() else "", piece.lower()
            ).replace(",", "")
            assert _number_key(piece) == expected == _number_key(piece)


def test_fast_lower_equals_str_lower() -> None:
    from newslint.checks.sourcing import _lower

    for text in (*_texts(), "£", "££", "A£B", "£5BN", "Σ£Σ", "İ£", "£\u212a", "ÀB £C", "x£ſ", "€5 £6"):
        assert _lower(text) == text.lower(), text[:60]


def test_gated_patterns_search_as_each_gate_alone() -> None:
    from newslint.checks.sourcing import (
        _MARKET_WORD_GATES,
        _OWN_FIGURE_GATES,
        gate_passes,
        gated_patterns,
    )

    texts = [
        *_texts(),
        "Profits at Tesco rose 5%.", "PROFITS AT TESCO", "ProfİTS at Tesco", "The firm's sales fell",
        "its ſtaff", "shares rose in early trading", "Its \u212aids", "oil prices hit a record",
    ]  # fmt: skip
    for gates in (_OWN_FIGURE_GATES, _MARKET_WORD_GATES):
        patterns = [*gates, r"(?i)\bno gate here\b"]
        gated = gated_patterns("key", patterns, gates)
        assert gated is not None
        for text in texts:
            expected = any(
                (gate is None or gate_passes(gate, text)) and lazy.search(text) is not None
                for lazy, gate in gated.entries
            )
            assert gated.search(text) == expected, text[:60]
