"""Shortcuts of the third speed pass (headline, style, experts, ai-template) against what they replace."""

from __future__ import annotations

import random
import re

import pytest

from newslint.checks import headline as hl
from newslint.checks import headline_text as ht
from newslint.checks import style
from newslint.document import Block, Document

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


# --------------------------------------------------------------------- ai-template


def test_first_word_offset_is_the_pattern_end() -> None:
    from newslint.checks import ai_template as at

    pattern = re.compile(r"[^\w\"“‘'(\[]*")
    alphabet = _ALPHABET + "*#_«„‘(*[>•🙂0٣"
    for text in [*_random_texts(3000, 4, alphabet, 8), "", "**Pro Tip:**", "٣ items", "«Quote»"]:
        assert at._first_word_offset(text) == pattern.match(text).end(), text  # type: ignore[union-attr]


def test_orphan_links_with_every_kind_of_sentence_start() -> None:
    from newslint.checks import ai_template as at
    from newslint.document import parse

    starts = ["See our guide", "see the full report", '"See our guide', "“See our guide", "'See our guide"]
    starts += [
        "«See our guide",
        "- See our guide",
        "ſee our guide",
        "Ünder the report",
        "To learn more, read our guide",
    ]
    starts += ["Click here", "2 see our", "_see our guide", "", "He said"]
    text = "Headline\n\n" + "\n\n".join(f"{s} on the strike. More text here." for s in starts) + "\n"
    doc = parse("a.txt", text)
    found = [doc.source[s.start : s.end] for s in at.find_orphan_links(doc)]
    assert "See our guide on the strike." in found
    assert "Click here on the strike." in found
    assert not any(f.startswith(('"', "“", "'")) for f in found)


# --------------------------------------------------------------------- headline titles


def _candidates_the_long_way(rule: hl.ConflictingTitles, doc: Document) -> list[Block]:
    """`ConflictingTitles.candidates` as it was: every block after the headline listed, then sliced."""
    headline = doc.headline
    assert headline is not None
    out = [b for b in doc.headings if b.level == 1 and b is not headline]
    after = [b for b in doc.blocks if b.span.start > headline.span.start]
    for block in after[: rule.top_blocks]:
        if block.kind == "byline":
            continue
        if doc.format != "text" and block.kind != "paragraph":
            break
        text = block.text.strip()
        if len(text) > 160:
            break
        if hl._title_like(text, rule.lexicon):
            if hl._title_case(headline.text, rule.lexicon):
                out.append(block)
            continue
        if len(text) <= 80 and (
            ht.strip_breadcrumb(text) != text
            or len(text.split()) <= 3
            or hl._residue_re().search(text.lower())
        ):
            continue
        break
    return out


@pytest.mark.parametrize("top", [-3, -1, 0, 1, 2, 4, 50])
def test_conflicting_titles_reads_the_same_top_blocks(top: int) -> None:
    from newslint.document import parse
    from newslint.model import RuleMeta, Severity

    meta = RuleMeta("HL003", "conflicting-titles", "headline", Severity.WARNING, "{other} {line}")
    rule = hl.ConflictingTitles(meta, hl._base_lexicon(), 0.5, top)
    lines = ["Council Votes To Close Six New Libraries In The City"]
    lines += ["Share this", "Mayor Announces New Budget For City Parks Today"]
    lines += ["By Jo Smith", "A Completely Different Story About Football Clubs"]
    lines += ["The council voted on Monday to close six of its libraries, saying budgets were tight."] * 3
    for text in ("\n".join(lines) + "\n", "# " + "\n\n".join(lines) + "\n\n# Second Title Here Again\n"):
        doc = parse("a.txt" if text[0] != "#" else "a.md", text)
        assert list(rule.candidates(doc)) == _candidates_the_long_way(rule, doc)


def test_call_to_action_first_word_prefilter_is_a_superset() -> None:
    from newslint.checks import ai_template as at

    words = [
        "see",
        "See",
        "our",
        "guide",
        "to",
        "To",
        "learn",
        "more",
        "Related:",
        "related",
        "don't",
        "Don’t",
    ]
    words += ["miss", "the", "report", "If", "you", "click", "here", "ſee", "Seen", "seeing", "Recommended:"]
    words += ["recommendedreading", "check", "out", ",", "download", "this", "study", "Further", "reading:"]
    rng = random.Random(5)
    cases = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(4000)]
    cases += ["Related:", "See our", "To learn more, see our guide", "Recommended: x", "Ab", "A"]
    for text in cases:
        if (
            text[:1].isalnum()
            and text[:12].isascii()
            and at._first_letters(text[:12]) not in at.CTA_FIRST_WORDS
        ):
            assert at._orphan_cta().match(text, 0) is None, text
