"""Speed pass 4, sourcing: each shortcut gives what the code it replaced gives."""

from __future__ import annotations

import random
import re

from newslint.checks import sourcing
from newslint.checks.sourcing import _NUMERIC_START, Claim, Cue, Gate, Paragraph, PhraseGroup, Sentence


def test_byte_tables_equal_the_loops_they_replaced() -> None:
    assert bytes(ord("1") if chr(c) in "$0123456789" else ord(" ") for c in range(256)) == sourcing._RUN_MARKS
    assert (
        bytes(ord(" ") if c in (ord(" "), ord("\n")) else ord("x") for c in range(256)) == sourcing._SEP_MARKS
    )
    assert (
        bytes(ord("a") if chr(c).isascii() and chr(c).isalpha() else ord(" ") for c in range(256))
        == sourcing._LETTER_MARKS
    )
    assert bytes(c if chr(c).isalpha() else ord(" ") for c in range(256)) == sourcing._LETTERS_ONLY
    assert (
        tuple((key, max(re.findall(r"[a-z]+", key), key=len)) for key in sourcing._WORD_KEYS)
        == sourcing._KEY_WORDS
    )


def test_numeric_starts_match_the_regex_scan_on_random_text() -> None:
    rng = random.Random(4)
    pieces = ("1", "22", "$", "£", "€", " ", "\n", "a", ",", ".", "%", "x9", "é", "ſ", "١")
    texts = ["", "1", " 1", "1 ", "$1 2$", "  "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for text in texts:
        assert sourcing._numeric_starts(text) == {m.start() for m in _NUMERIC_START.finditer(text)}, text


def test_tuple_records_behave_like_the_named_tuples_they_replace() -> None:
    claim = Claim(3, 7, "percent")
    assert claim == (3, 7, "percent") and hash(claim) == hash((3, 7, "percent"))
    start, end, kind = claim
    assert (start, end, kind) == (claim.start, claim.end, claim.kind) == (3, 7, "percent")
    cue = Cue(1, 2, True)
    assert cue[2] is cue.named is True
    sentence = Sentence(0, 5, "Hello", (claim,), (cue,), False)
    assert sentence.claims == (claim,) and sentence.named and not sentence.vague
    para = Paragraph(0, 5, (sentence,))
    assert para.cued is False and para.has_claims and para.named
    assert sourcing._new_paragraph((0, 5, (sentence,), True)).cued is True
    assert Gate(True, ("a",)).words == ("a",)
    group = PhraseGroup(("is",), frozenset(), frozenset(["widely believed"]))
    assert group.anchors == {"widely believed"}
    assert isinstance(claim, tuple) and not hasattr(claim, "__dict__")


def test_word_char_test_matches_the_regex() -> None:
    chars = [
        "",
        "_",
        "a",
        "Z",
        "0",
        "é",
        "ſ",
        "ı",
        "İ",
        "\u212a",
        "١",
        "½",
        "²",
        "-",
        " ",
        "’",
        "$",
        "\u00a0",
    ]
    chars += [chr(c) for c in range(0, 0x3000, 7)]
    for char in chars:
        assert sourcing._is_word_char(char) == bool(re.match(r"\w", char)), repr(char)


def _sentences_with_as_it_was(analysis: sourcing.Analysis, keys: tuple[str, ...]) -> list[Sentence]:
    """`Analysis.sentences_with` before speed pass 4: each key searched over the whole text."""
    key_words, by_word = sourcing._keys_by_word(keys)
    offsets: list[int] = []
    for word in analysis.words.intersection(key_words):
        for key in by_word[word]:
            i = analysis.lowered.find(key)
            while i >= 0:
                offsets.append(i)
                i = analysis.lowered.find(key, i + len(key))
    return [s for p in analysis.paragraphs for s in p.sentences if any(s.start <= o < s.end for o in offsets)]


def test_sentences_with_finds_what_the_key_by_key_search_found() -> None:
    from pathlib import Path

    from newslint.document import parse

    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "examples").glob("*")) + sorted((root / "tests" / "fixtures").rglob("*.*"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix in (".md", ".txt")]
    pieces = (
        "according to", "according", "to", "reports", "experts", "a", "study", "a study", "data",
        "so", "so so", "sos", "aa", "aaa", ". ", ".\n\n", "x", " ", "  ", "İ", "ſ", "\u212a", "é", "By",
        "So.", "So. So.",
    )  # fmt: skip
    rng = random.Random(5)
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    key_sets = [
        ("according to reports", "according to experts", "according", "to experts", "a study"),
        ("so so", "so", "sos", "so so so", "o s"),
        ("aa", "aaa", "a a", "a"),
        ("study", "survey", "data"),
        ("so. so", "so. so."),  # overlapping places across a sentence break
    ]
    lexicon = sourcing.lexicon_for(sourcing.DEFAULT_REPORTING_VERBS, sourcing.DEFAULT_VAGUE_SOURCES)
    for text in texts:
        analysis = sourcing._analyse(parse("t.md", text), lexicon)
        for keys in key_sets:
            assert list(analysis.sentences_with(keys)) == _sentences_with_as_it_was(analysis, keys), (
                text,
                keys,
            )
