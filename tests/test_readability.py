"""Unit tests for readability: syllables, counts, formulas, the `metric` rule type, and no network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newslint.checks import readability as rd
from newslint.document import parse
from newslint.model import RuleMeta, Severity
from newslint.packs import PackError
from newslint.settings import Settings


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("cat", 1),
        ("about", 2),
        ("over", 2),
        ("people", 2),
        ("table", 2),
        ("make", 1),
        ("makes", 1),
        ("changes", 2),
        ("prices", 2),
        ("walked", 1),
        ("added", 2),
        ("election", 3),
        ("national", 3),
        ("media", 3),
        ("radio", 3),
        ("player", 2),
        ("previous", 3),
        ("government", 3),
        ("likely", 2),
        ("value", 2),
        ("centre", 2),
        ("BBC", 3),
        ("TV", 2),
        ("PCs", 2),
        ("Mr", 2),
        ("didn't", 2),
        ("government's", 3),
        ("quiet", 2),
        ("queen", 1),
        ("language", 2),
        ("argued", 2),
        ("movie", 2),
    ],
)
def test_count_syllables(word: str, syllables: int) -> None:
    assert rd.count_syllables(word) == syllables


def test_count_text_words_numbers_and_punctuation() -> None:
    text = "The BBC said — on Tuesday — that well-known U.S. firms earned $1.13bn (£600m) in 2004."
    counts = rd.count_text(text, 1)
    # "—" is not a word; "well-known", "U.S.", "$1.13bn", "(£600m)" and "2004" are one word each.
    assert counts.words == 14
    assert counts.sentences == 1
    assert counts.syllables == 1 + 3 + 1 + 1 + 2 + 1 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1
    assert rd.count_text("— • —", 3) == rd.EMPTY


def test_formulas_match_their_definitions() -> None:
    c = rd.Counts(words=100, sentences=5, syllables=150, letters=450, polysyllables=10)
    assert rd.flesch_reading_ease(c) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert rd.flesch_kincaid_grade(c) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert rd.gunning_fog(c) == pytest.approx(0.4 * (20 + 10))
    assert rd.automated_readability_index(c) == pytest.approx(4.71 * 4.5 + 0.5 * 20 - 21.43)
    assert rd.coleman_liau_index(c) == pytest.approx(0.0588 * 450 - 0.296 * 5 - 15.8)
    assert rd.flesch_kincaid_grade(rd.EMPTY) == pytest.approx(-15.59)


def test_simple_copy_scores_easy_and_dense_copy_scores_hard() -> None:
    easy = rd.count_text("The cat sat on the mat. The dog ran to the park.", 2)
    hard = rd.count_text(
        "Comprehensive infrastructure modernisation necessitates unprecedented intergovernmental"
        " co-ordination.",
        1,
    )
    assert rd.flesch_reading_ease(easy) > 90 > 0 > rd.flesch_reading_ease(hard)
    assert rd.flesch_kincaid_grade(easy) < 3 < 20 < rd.flesch_kincaid_grade(hard)


def meta(scope: str = "paragraph", message: str = "{metric} {value} (limit {limit})") -> RuleMeta:
    return RuleMeta("RD900", "test-metric", "readability", Severity.INFO, message, scope=scope)


def build(
    options: dict[str, Any], scope: str = "paragraph", settings: Settings | None = None
) -> rd.MetricRule:
    return rd.metric(meta(scope), options, settings or Settings.build(rd.SETTINGS, {}))


@pytest.mark.parametrize(
    ("options", "scope", "key"),
    [
        ({"max": 12}, "paragraph", "metric"),
        ({"metric": "flesch", "max": 12}, "paragraph", "metric"),
        ({"metric": "flesch_kincaid_grade"}, "paragraph", "max"),
        ({"metric": "flesch_kincaid_grade", "max": "12"}, "paragraph", "max"),
        ({"metric": "flesch_kincaid_grade", "max": 12, "maximum": 3}, "paragraph", "maximum"),
        ({"metric": "flesch_kincaid_grade", "max": 12}, "line", "scope"),
    ],
)
def test_metric_rule_rejects_bad_keys(options: dict[str, Any], scope: str, key: str) -> None:
    with pytest.raises(PackError) as info:
        build(options, scope)
    assert info.value.key == key


ARTICLE = (
    "# Council Agrees Plan\n\n"
    "The council agreed the new road plan on Tuesday night. Work starts in May.\n\n"
    "The implementation of comprehensive infrastructure modernisation initiatives necessitates "
    "unprecedented intergovernmental co-ordination and considerable administrative reorganisation "
    "by participating municipal authorities throughout the region.\n"
)


def test_metric_rule_reports_paragraphs_over_the_limit() -> None:
    rule = build({"metric": "flesch_kincaid_grade", "max": 16, "min-words": 10})
    findings = list(rule.check(parse("a.md", ARTICLE)))
    assert len(findings) == 1
    assert findings[0].message.startswith("Flesch-Kincaid grade ")
    assert findings[0].message.endswith("(limit 16)")
    assert ARTICLE[findings[0].span.start :].startswith("The implementation")


def test_min_words_skips_short_paragraphs() -> None:
    rule = build({"metric": "flesch_kincaid_grade", "max": 16, "min-words": 40})
    assert list(rule.check(parse("a.md", ARTICLE))) == []


def test_words_and_sentences_metrics_with_scopes() -> None:
    doc = parse("a.md", ARTICLE)
    assert len(list(build({"metric": "words", "max": 20}, "sentence").check(doc))) == 1
    assert len(list(build({"metric": "sentences", "max": 1}, "paragraph").check(doc))) == 1
    assert len(list(build({"metric": "words", "min": 200}, "text").check(doc))) == 1
    lede = list(build({"metric": "words", "max": 5}, "lede").check(doc))
    assert len(lede) == 1 and ARTICLE[lede[0].span.start :].startswith("The council agreed")
    [first] = build({"metric": "words", "max": 5}, "lede-sentence").check(doc)
    assert first.message == "words 10 (limit 5)"


def test_threshold_setting_overrides_a_rule_limit() -> None:
    settings = Settings.build(rd.SETTINGS, {"readability": {"thresholds": {"test-metric": 30}}})
    rule = build({"metric": "words", "max": 20}, "sentence", settings)
    assert rule.maximum == 30
    assert list(rule.check(parse("a.md", ARTICLE))) == []
    with pytest.raises(PackError):
        build(
            {"metric": "words", "max": 20},
            "sentence",
            Settings.build(rd.SETTINGS, {"readability": {"thresholds": {"RD900": "x"}}}),
        )


def test_quoted_long_sentence_is_not_reported() -> None:
    from newslint import lint_text

    words = " ".join(["word"] * 45)
    lede = "The council met on Monday to agree its budget for the coming year.\n\n"
    assert lint_text(f'# Head\n\n{lede}"{words}," she said.\n', select=["RD005"]) == []
    assert [v.code for v in lint_text(f"# Head\n\n{lede}The {words}.\n", select=["RD005"])] == ["RD005"]


def test_exclude_lede_leaves_the_lede_to_its_own_rules() -> None:
    from newslint import lint_text

    words = " ".join(["word"] * 45)
    text = f"# Head\n\nThe {words}.\n\nThe council met on Monday.\n"
    assert lint_text(text, select=["RD005"]) == []
    assert [v.code for v in lint_text(text, select=["RD004"])] == ["RD004"]
    rule = build({"metric": "words", "max": 20, "exclude-lede": True}, "sentence")
    assert list(rule.check(parse("a.md", text))) == []
    with pytest.raises(PackError) as info:
        build({"metric": "words", "max": 20, "exclude-lede": True}, "lede")
    assert info.value.key == "exclude-lede"


def test_textstat_cross_check_uses_pyphen_only() -> None:
    assert rd.textstat_syllables("The cat sat on the mat") == 6


NO_NETWORK_ARTICLE = """---
title: "Quixotic Zephyr Levies Befuddle Councillors"
---

# Quixotic Zephyr Levies Befuddle Councillors

Councillors in Aberystwyth were befuddled on Wednesday by a quixotic zephyr levy, the council said.

**Did you know?** Around 60% of levies are never collected.

"We are flummoxed," said councillor Gwenllian Prydderch. Studies show costs rose 40%.

## Frequently Asked Questions

**What is a zephyr levy?**
A charge on wind turbines.

**Who pays it?**
Operators do.

Learn more about wind levies in a Cardiff University study.
"""


def test_full_lint_makes_no_network_call(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """textstat 0.7.13 downloads the CMU dictionary on first use; no rule may ever reach the network."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from newslint.config import Config
    from newslint.runner import lint_text

    every_category = ("boilerplate", "sourcing", "experts", "headline", "ai-template", "readability", "style")
    for name in ("article.md", "article.txt"):
        text = NO_NETWORK_ARTICLE if name.endswith(".md") else NO_NETWORK_ARTICLE.split("---\n", 2)[2]
        outcome = lint_text(name, text, Config(root=tmp_path, select=every_category))
        assert not outcome.errors
        assert {v.category for v in outcome.violations} >= {"ai-template"}


def test_full_lint_does_not_import_textstat_or_nltk(tmp_path: Path) -> None:
    """In a fresh interpreter: a full lint with every rule never imports textstat (and so nltk)."""
    article = tmp_path / "article.md"
    article.write_text(NO_NETWORK_ARTICLE, encoding="utf-8")
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise SystemExit('network access attempted')\n"
        "socket.socket = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from newslint.cli import main\n"
        f"status = main(['check', '--isolated', '--exit-zero', '--select', 'ALL', {str(article)!r}])\n"
        "assert status == 0, status\n"
        "print(sorted(m for m in ('textstat', 'nltk', 'pyphen') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


CROSS_CHECK_TEXT = (
    "The regional transport authority announced on Thursday that evening services would be reduced "
    "across three counties. Passengers described the timetable as complicated and unreliable, and "
    "several councillors demanded an immediate explanation. The authority said maintenance costs had "
    "increased considerably during the previous financial year."
)


def test_syllable_counts_agree_with_textstat() -> None:
    """Our counter stays close to textstat's download-free (Pyphen) count on ordinary prose.

    Pyphen splits at hyphenation points and so undercounts ("ev-en-ing" is fine, "ser-vices"
    loses nothing, but "au-thor-ity" misses one): ours is never lower and at most 12% higher.
    """
    ours = rd.count_syllables_in(CROSS_CHECK_TEXT)
    theirs = rd.textstat_syllables(CROSS_CHECK_TEXT)
    assert theirs <= ours <= theirs * 1.12, (ours, theirs)


def test_suffix_tests_match_the_patterns_they_replaced() -> None:
    """The final-e and final-es string tests answer as their regular expressions did."""
    import itertools
    import re

    keep_final_e = re.compile(r"[^aeiouy](?:le|[tbc]re)$|[^gq]ue$|(?:ee|ye|oe|ie)$")
    silent_es = re.compile(r"[^aeiouy]es$")
    sounded_es = re.compile(r"(?:[cgsxz]|ch|sh)es$|[^aeiouy]les$")
    letters = "aeglqrtbcushxé"
    for n in range(4):
        for stem in map("".join, itertools.product(letters, repeat=n)):
            for end in ("e", "le", "re", "ue", "ee", "ye", "es", "les", "ches", "shes"):
                w = stem + end
                assert rd._keeps_final_e(w) == bool(keep_final_e.search(w)) or not w.endswith("e"), w
                if w.endswith("es"):
                    expected = bool(silent_es.search(w)) and not sounded_es.search(w)
                    assert rd._silent_es(w) == expected, w


TALLY_TEXTS = [
    "",
    "— • —",
    "The BBC's WWWW said, on 3.5 occasions, that U.S. well-known “quiet” people’s idea (really) failed.",
    "Mr. Smith's 1,240 £4m ½ ² İstanbul Kelvin-sign \u212a don't o'clock -- ... etc.",
    "Supercalifragilisticexpialidocious internationalisation\n\nresponsibilities everywhere.",
]


@pytest.mark.parametrize("text", TALLY_TEXTS)
def test_packed_tally_matches_token_by_token_counts(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    per = [rd.token_syllables(token) for token in text.split()]
    words = sum(1 for s in per if s)
    expected = (words, sum(per), sum(1 for s in per if s >= 3))
    assert rd._tally(text) == expected
    monkeypatch.setattr(rd, "_PACKED_MAX_CHARS", 0)  # the token-by-token path for huge texts
    assert rd._tally(text) == expected


def test_long_sentence_prefilter_keeps_every_sentence_over_the_limit() -> None:
    long = " ".join(["word"] * 41) + "."
    spaced = "A  sentence  with  doubled  spaces  everywhere  " * 4 + "ends here."
    doc = parse("a.md", f"# Title\n\nShort one. {long}\n\n{spaced} Then\nline {long}\n")
    rule = build({"metric": "words", "max": 40}, "sentence")
    found = list(rule.check(doc))
    reference = [s for s in doc.sentences if rd.word_count(s.text) > 40]
    assert len(reference) == 2
    starts = [s.span.start + len(s.text) - len(s.text.lstrip()) for s in reference]
    assert [f.span.start for f in found] == starts


def test_other_spaces_are_every_separator_of_str_split_but_space_and_newline() -> None:
    separators = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    assert set(rd.OTHER_SPACES) == separators - {" ", "\n"}


@pytest.mark.parametrize("space", ["\t", "\xa0", "\u202f", "\u3000"])
def test_long_sentences_and_ledes_with_other_spaces_are_counted(space: str) -> None:
    # The cheap word bound counts spaces and newlines; words separated by tabs or
    # no-break spaces must still be counted (they were skipped before 2026-11-22).
    from newslint import lint_text

    words = space.join(["word"] * 45)
    lede = "The council met on Monday to agree its budget for the coming year.\n\n"
    found = lint_text(f"# Head\n\n{lede}The{space}{words}.\n", select=["RD005"])
    assert [v.code for v in found] == ["RD005"]
    assert [v.code for v in lint_text(f"# Head\n\nThe{space}{words}.\n", select=["RD004"])] == ["RD004"]
    assert rd.max_tokens(f"The{space}{words}.") == 46
    assert rd.plain_spaces("a b\nc") and not rd.plain_spaces(f"a{space}b")
