"""Boilerplate residue (BP*): the matching engine on plain strings, the packs, and the fixes."""

from __future__ import annotations

import importlib
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from newslint.checks.boilerplate import (
    Analyser,
    Options,
    ResidueSpec,
    TextLine,
    _Dispatch,
    _first_word,
    _structure,
    compile_kind,
    first_words,
    may_open,
    merge_openings,
    sentence_breaks,
    split_top,
)
from newslint.config import Config, Overrides
from newslint.runner import RunOptions, lint_text

from .conftest import FIXTURES

BP = FIXTURES / "boilerplate"


# --------------------------------------------------------------------- first words


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("Leave a (?:comment|reply)", {"leave"}),
        ("(?:Sure|Certainly)! Here", {"sure", "certainly"}),
        ("(?:Please )?whitelist this site", {"please", "whitelist"}),
        ("Comments?", {"comment", "comments"}),
        ("Log ?in", {"log", "login"}),
        ("E-?mail", {"e", "email"}),
        (r"Home\s*[»›>]", {"home"}),
        ("Home ?[/|] ?News", {"home"}),
        (r"\d{1,5} comments", {"#"}),
        ("Δ", {"δ"}),
        ("©", {""}),
        (r"\(c\) 2024", {""}),
        ("Regenerate(?: response)?", {"regenerate"}),
        ("(?:Do Not|Don\\x27t) Sell", {"do", "don"}),
        ("(?i:placeholder text)", {"placeholder"}),
    ],
)
def test_first_words(pattern: str, words: set[str]) -> None:
    assert first_words(pattern) == frozenset(words)


@pytest.mark.parametrize(
    "pattern",
    [
        "[^»]+»",  # starts with a class
        "Share(?:d)?",  # the word may go on
        "Adverti[sz]ement",  # a class inside the word
        "Ad ?-?block",  # "Adblock", "Ad-block", "Ad block": keys unknown
        "(?:Facebook|Twitter)(?: ?[|,]? ?(?:Email|Print))+",  # "FacebookEmail" could match
    ],
)
def test_first_words_unknown(pattern: str) -> None:
    assert first_words(pattern) is None


def test_sentence_breaks() -> None:
    text = 'He left. "Why?" she asked! Then\nNext line. End…  Done'
    starts = sentence_breaks(text)
    assert [text[i : i + 4] for i in starts] == ['"Why', "she ", "Then", "End…", "Done"]


def test_split_top() -> None:
    assert split_top("a|b(?:c|d)|[|]x") == ["a", "b(?:c|d)", "[|]x"]


# --------------------------------------------------------------------- the analyser on strings


def _spec(code: str, glued: bool = False, **kinds: list[str]) -> ResidueSpec:
    return ResidueSpec(code=code, patterns={k: tuple(v) for k, v in kinds.items()}, glued=glued)


SPECS = [
    _spec("XX001", lines=["Leave a Comment", "Advertisement"], weak=["Email", "Print"], glued=True),
    _spec("XX002", starts=["We use cookies"], openers=["As an AI language model,"], glued=True),
]


def _analyse(text: str) -> list[tuple[str, int, str, str]]:
    lines, sentences, offset = [], [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(TextLine(offset, offset + len(raw)))
            sentences.append(offset)
            # a crude splitter is enough here: ". " starts a sentence
            at = raw.find(". ")
            while at >= 0:
                sentences.append(offset + at + 2)
                at = raw.find(". ", at + 2)
        offset += len(raw) + 1
    hits = Analyser(SPECS, Options()).analyse(text, lines, sorted(sentences))
    return [(h.code, h.line, h.how, text[h.start : h.end]) for h in hits]


BODY = "The council approved the plan on Monday after a long debate about costs and the timetable."


def test_whole_line_marker() -> None:
    assert _analyse(f"{BODY}\nLeave a Comment") == [("XX001", 1, "line", "Leave a Comment")]


def test_marker_inside_a_sentence_is_not_residue() -> None:
    assert _analyse(f"{BODY} Readers may leave a comment below the article.") == []


def test_glued_marker_at_the_end_of_a_line() -> None:
    assert _analyse(f"{BODY} Advertisement") == [("XX001", 0, "glued", "Advertisement")]


def test_starts_marker_runs_to_line_end() -> None:
    text = f"{BODY}\nWe use cookies to give you the best experience. Accept all"
    assert _analyse(text) == [
        ("XX002", 1, "start", "We use cookies to give you the best experience. Accept all")
    ]


def test_opener_reports_the_marker() -> None:
    text = f"{BODY}\nAs an AI language model, I cannot say when it opens."
    assert _analyse(text) == [("XX002", 1, "opener", "As an AI language model,")]


def test_weak_marker_needs_support() -> None:
    middle = f"{BODY}\nEmail\n{BODY}"
    assert _analyse(middle) == []  # alone in the middle of the copy
    edge = f"{BODY}\n{BODY}\nEmail"
    assert _analyse(edge) == [("XX001", 2, "line", "Email")]  # after the last line of copy
    pair = f"{BODY}\nEmail\nPrint\n{BODY}"
    assert [h[3] for h in _analyse(pair)] == ["Email", "Print"]  # next to each other
    beside_strong = f"{BODY}\nEmail\n{BODY}\nLeave a Comment\n{BODY}"
    assert [h[3] for h in _analyse(beside_strong)] == ["Email", "Leave a Comment"]


def test_curly_apostrophes_match_straight_patterns() -> None:
    spec = _spec("XX003", lines=["Don't Miss"])
    lines = [TextLine(0, len(BODY)), TextLine(len(BODY) + 1, len(BODY) + 11)]
    hits = Analyser([spec], Options()).analyse(f"{BODY}\nDon’t Miss", lines)
    assert [(h.code, h.how) for h in hits] == [("XX003", "line")]


# --------------------------------------------------------------------- the packs on articles


def _findings(name: str, text: str, select: str = "BP") -> list[tuple[int, str]]:
    outcome = lint_text(name, text, Config(root=BP, select=(select,)))
    return [(v.start.line, v.code) for v in outcome.violations]


def test_seed_style_page_reports_every_residue_line() -> None:
    text = (BP / "scraped_page.txt").read_text(encoding="utf-8")
    assert _findings("scraped_page.txt", text) == [
        (1, "BP004"),
        (18, "BP003"),
        (20, "BP002"),
        (22, "BP002"),
        (24, "BP001"),
        (26, "BP001"),
    ]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The airline has a codeshare with Turkish Airlines (TK) on flights to Istanbul.", "BP013"),
        ("Flight TK 1980 leaves at noon, and TK Maxx has a shop in the terminal.", "BP013"),
        ("Super Bowl XX was played in 1986; the XX chromosome is one of two sex chromosomes.", "BP013"),
        ('Curators explain "TK", short for "to come", and "Lorem ipsum dolor sit amet".', "BP013"),
        ("Share prices rose 3% after the results, and the print edition sold out.", "BP005"),
        ("Readers were told to read more books, and the library said more was to come.", "BP003"),
        ("A video shared by the police showed the car leaving the scene at speed.", "BP010"),
        ("As an AI researcher at the university, she said the errors were easy to spot.", "BP012"),
        ("Cookies are small text files that a website stores on a visitor's device.", "BP007"),
        ("By continuing to browse a site, visitors do not consent, the regulator said.", "BP007"),
        ("Comments are closed now, but a summary of them will be published next month.", "BP002"),
        ("The advertisement, which ran in March, claimed the pills worked in a week.", "BP009"),
        ('The box was headed "Adblock Detected" and asked readers to switch it off.', "BP001"),
        ("Her photo of the rescue was chosen from 4,000 entries (source: the jury).", "BP011"),
    ],
)
def test_traps_give_no_finding(sentence: str, code: str) -> None:
    text = f"Headline For A Story\n\n{BODY}\n\n{sentence}\n\n{BODY}\n"
    assert _findings("trap.txt", text, code) == []


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Home > News > Politics", "BP004"),
        ("Click to share on X (Opens in new window)", "BP005"),
        ("Subscribe to our newsletter for daily updates!", "BP006"),
        ("This website uses cookies to ensure you get the best experience. Got it!", "BP007"),
        ("Already a subscriber? Log in", "BP008"),
        ("ADVERTISEMENT", "BP009"),
        ("View this post on Instagram", "BP010"),
        ("Sure! Here's a news article based on the information you provided:", "BP012"),
        ("[Insert quote from the minister here]", "BP013"),
        ("Skip to main content", "BP014"),
        ("Get our free daily newsletter", "BP006"),
        ("Enjoyed this article? Subscribe to our weekly briefing.", "BP006"),
        ("You've read 3 of 5 free articles this month.", "BP008"),
        ("Here is a 500-word news article about the launch:", "BP012"),
        ("As of my last update, the project had not started.", "BP012"),
        ("Photo: Jane Smith, AP", "BP011"),
        ("Go to the home page »", "BP014"),
        ("More news »", "BP003"),
    ],
)
def test_residue_lines_are_found(line: str, code: str) -> None:
    text = f"Headline For A Story\n\n{BODY}\n\n{line}\n\n{BODY}\n"
    assert _findings("residue.txt", text, code) == [(5, code)]


def test_glued_and_inline_positions() -> None:
    text = f"Headline For A Story\n\n{BODY} (Image: Shutterstock) More copy follows here.\n"
    outcome = lint_text("x.txt", text, Config(root=BP, select=("BP011",)))
    [v] = outcome.violations
    assert (v.start.line, v.start.column) == (3, len(BODY) + 2)


def test_residue_opening_a_long_line_is_one_sentence() -> None:
    text = f"Headline For A Story\n\n{BODY} We use cookies to understand how you use our site. {BODY}\n"
    [v] = lint_text("x.txt", text, Config(root=BP, select=("BP007",))).violations
    assert v.fix is not None and not v.fix.safe
    [edit] = v.fix.edits
    assert text[edit.span.start : edit.span.end] == "We use cookies to understand how you use our site. "


def test_placeholder_in_a_sentence() -> None:
    text = f"Headline For A Story\n\n{BODY} The next meeting is scheduled for TK, it said.\n"
    assert _findings("x.txt", text, "BP013") == [(3, "BP013")]


# --------------------------------------------------------------------- fixes


def test_fix_removes_exactly_the_residue_lines(tmp_path: Path) -> None:
    target = tmp_path / "scraped_page.txt"
    shutil.copy(BP / "scraped_page.txt", target)
    config = Config(root=tmp_path, select=("BP",))
    outcome = lint_text(str(target), target.read_text(encoding="utf-8"), config, RunOptions(fix=True))
    assert outcome.violations == []
    fixed = target.read_text(encoding="utf-8")
    assert fixed == (BP / "scraped_page.fixed.txt").read_text(encoding="utf-8")
    # Idempotent: a second run finds and changes nothing.
    again = lint_text(str(target), fixed, config, RunOptions(fix=True))
    assert again.violations == [] and target.read_text(encoding="utf-8") == fixed


def test_safe_and_unsafe_fixes() -> None:
    text = (
        "Headline For A Story\n\n"
        f"{BODY}\n\n"
        "Advertisement\n\n"
        f"{BODY} Story continues below advertisement\n\n"
        "As an AI language model, I cannot say when the bridge will reopen.\n"
    )
    outcome = lint_text("x.txt", text, Config(root=BP, select=("BP",)))
    fixes = {v.start.line: v.fix for v in outcome.violations}
    assert sorted(fixes) == [5, 7, 9]
    assert fixes[5] is not None and fixes[5].safe  # a whole marker line
    assert fixes[7] is not None and not fixes[7].safe  # glued to a sentence
    assert fixes[9] is not None and not fixes[9].safe  # chatbot sentence: may carry facts
    [edit] = fixes[7].edits
    assert text[edit.span.start : edit.span.end] == " Story continues below advertisement"


def test_placeholders_have_no_fix() -> None:
    text = f"Headline For A Story\n\n{BODY}\n\n[Insert quote here]\n"
    [v] = lint_text("x.txt", text, Config(root=BP, select=("BP013",))).violations
    assert v.fix is None


# --------------------------------------------------------------------- prefilters


def _reference_structure(pattern: str) -> list[tuple[int, str, int]]:
    """The character-by-character scan `_structure` replaced (kept here to compare)."""
    out: list[tuple[int, str, int]] = []
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            out.append((i, ch, depth))
        i += 1
    return out


def _builtin_specs() -> list[ResidueSpec]:
    from newslint.checks.boilerplate import ResidueRule
    from newslint.runner import config_for, rulebook

    config = config_for(Path("."), RunOptions(overrides=Overrides(select=("BP",)), isolated=True))
    return [r.spec for r in rulebook(config).rules if isinstance(r, ResidueRule)]


def test_structure_scan_matches_the_character_loop() -> None:
    tricky = ["a\\", "[]a|b]|c", "[^]]|(x)", "\\(|\\)|(?:a|[|)])", "(?:a|b)|[\\]|]|\\\\|", ""]
    patterns = [p for spec in _builtin_specs() for kind in spec.patterns.values() for p in kind]
    for pattern in [*tricky, *patterns]:
        assert list(_structure(pattern)) == _reference_structure(pattern), pattern


def _generate(items: Any, rng: random.Random) -> str:
    """A random string the parsed pattern `items` may match (lookarounds ignored: callers check)."""
    out: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "NOT_LITERAL":
            out.append("x" if chr(av) != "x" else "y")
        elif name == "ANY":
            out.append(rng.choice("aZ 1.-"))
        elif name == "IN":
            choices: list[str] = []
            for kind, value in av:
                kind = str(kind)
                if kind == "LITERAL":
                    choices.append(chr(value))
                elif kind == "RANGE":
                    choices.append(chr(rng.randint(value[0], value[1])))
                elif kind == "CATEGORY":
                    choices.append({"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " "}.get(str(value), "k"))
            out.append(rng.choice(choices or list("aZ 1.-/»")))
        elif name == "BRANCH":
            out.append(_generate(rng.choice(av[1]), rng))
        elif name == "SUBPATTERN":
            out.append(_generate(av[3], rng))
        elif name == "ATOMIC_GROUP":
            out.append(_generate(av, rng))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            count = rng.randint(low, min(high, low + 2))
            out.extend(_generate(sub, rng) for _ in range(count))
    return "".join(out)


def _variants(sample: str) -> list[str]:  # the last: the long s and the Kelvin sign
    return [
        sample,
        sample.upper(),
        sample.lower(),
        sample.title(),
        sample.replace("s", "ſ").replace("k", "K"),
    ]


def test_openings_never_reject_a_match() -> None:
    # Random strings from every built-in pattern, in several cases and inside a line:
    # wherever the pattern list matches, its prefilter and its dispatch gate must let it.
    parser: Any = importlib.import_module("re._parser")
    rng = random.Random(7)
    checked = 0
    for spec in _builtin_specs():
        for kind in spec.patterns:
            lazy = spec.pattern(kind)
            gate = merge_openings([lazy.opening])
            dispatch = _Dispatch([(spec, kind)])
            candidate = (spec.code, kind, lazy)
            for alternative in lazy.alternatives:
                tree = parser.parse(alternative, lazy.flags)
                for _ in range(25):
                    for sample in _variants(_generate(tree, rng)):
                        for text, pos in ((sample, 0), (f"Copy.\n{sample}\nMore", 6)):
                            end = pos + len(sample)
                            if lazy.compiled.match(text, pos, end) is None:
                                continue
                            checked += 1
                            assert lazy.may_match(text, pos, end), (spec.code, kind, text)
                            assert any(may_open(o, text, pos, end) for o in gate), (spec.code, kind, text)
                            # The opening of only the alternatives that can start with the
                            # word there lets it too (wherever the list is tried at that word).
                            word = _first_word(text, pos)
                            if candidate in dispatch.candidates(word, True):
                                opening = dispatch.opening_at(candidate, word)
                                assert may_open(opening, text, pos, end), (spec.code, kind, text)
    assert checked > 5000


def test_inline_prefilter_never_rejects_a_match() -> None:
    parser: Any = importlib.import_module("re._parser")
    rng = random.Random(11)
    checked = 0
    for spec in _builtin_specs():
        for lazy in spec.inline:
            tree = parser.parse(lazy.source, lazy.flags)
            for _ in range(60):
                for sample in _variants(_generate(tree, rng)):
                    text = f"The council said. {sample} More copy."
                    if lazy.compiled.search(text) is None:
                        continue
                    checked += 1
                    assert Analyser._may_occur(lazy, text, {}), (spec.code, text)
    assert checked > 300


@pytest.mark.parametrize(
    ("patterns", "flags", "text", "expected"),
    [
        (["Leave a (?:comment|reply)"], re.IGNORECASE, "LEAVE A REPLY", True),
        (["Leave a (?:comment|reply)"], re.IGNORECASE, "Leave a message", False),
        (["Comments?"], re.IGNORECASE, "Comment", True),
        (["(?:Please )?whitelist"], re.IGNORECASE, "whitelist us", True),
        (["Share (?:on )?Facebook"], re.IGNORECASE, "ſhare on Facebook", True),  # long s: case trap
        (["Like"], re.IGNORECASE, "LiKe", True),  # Kelvin sign
        (["(?=[^\\n»]{0,80}+»)[^\\W\\d_]+ »"], re.IGNORECASE, "News » World", True),
        (["(?=[^\\n»]{0,80}+»)[^\\W\\d_]+ »"], re.IGNORECASE, "News and World", False),
        (["\\d+ comments"], re.IGNORECASE, "١٢ comments", True),  # any decimal digit
        (["\\d* comments"], re.IGNORECASE, " comments", True),
        (["Foo", "[^»]+»"], re.IGNORECASE, "anything", True),  # unknown: always tried
        (["Photo(?:graph)?s? ?: ?\\w+"], 0, "Photo: Getty", True),
        (["Photo(?:graph)?s? ?: ?\\w+"], 0, "photo: Getty", False),  # case-sensitive
    ],
)
def test_openings(patterns: list[str], flags: int, text: str, expected: bool) -> None:
    lazy = compile_kind("starts", patterns, flags)
    assert lazy.may_match(text, 0, len(text)) is expected
    if expected is False:
        assert lazy.compiled.match(text) is None
