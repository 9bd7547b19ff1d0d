"""Unit tests for the style (copy hygiene) checks."""

from __future__ import annotations

import re

import pytest

from newslint import lint_text
from newslint.checks import style
from newslint.checks.style import double_spaces, repeated_paragraphs, unbalanced_brackets, unbalanced_quotes
from newslint.document import Block, parse
from newslint.model import Span
from newslint.ruletypes import RepetitionRule


def quote_problems(body: str) -> list[tuple[str, str]]:
    doc = parse("a.md", "# Head\n\n" + body)
    return [(doc.source[o], problem) for o, problem in unbalanced_quotes(doc.paragraphs)]


def bracket_problems(body: str) -> list[str]:
    doc = parse("a.md", "# Head\n\n" + body)
    return [mark for _, mark in unbalanced_brackets(doc.paragraphs)]


@pytest.mark.parametrize(
    "body",
    [
        '"We will go on," she said.\n',
        "“We will go on,” she said. “And we will win.”\n",
        "“We have offered what we can.\n\n“We hope they accept,” the company said.\n",
        '"We have offered what we can.\n\n"We hope they accept," the company said.\n',
        'The screens measure 55" across and the driver is 6\'2" tall.\n',
        "It's the drivers' union’s view, the company's spokesman said.\n",
    ],
)
def test_balanced_or_continued_quotes_pass(body: str) -> None:
    assert quote_problems(body) == []


def test_unbalanced_quotes_are_reported() -> None:
    assert quote_problems('"We will go on, she said.\n') == [('"', "opened and not closed")]
    assert quote_problems("She said “no.\n\nThe vote is on Monday.\n") == [("“", "opened and not closed")]
    assert quote_problems("She said no.” The vote is on Monday.\n") == [("”", "closed but never opened")]
    assert quote_problems("“One “two” three.\n") == [("“", "opened and not closed")]
    # A quote opened again after a full stop continues the speaker (a lost paragraph break).
    assert quote_problems("He said: “One. “Two,” he added.\n") == []
    assert quote_problems('"One," he said. "Two. "Three," he added.\n') == []


def test_brackets() -> None:
    assert bracket_problems("The Office for National Statistics (ONS said so.\n") == ["("]
    assert bracket_problems("Prices rose.] Costs fell.\n") == ["]"]
    assert bracket_problems("A (b [c) d] e.\n") == ["[", "]"]
    assert bracket_problems("The causes: 1) food, 2) fuel and a) rent (mostly [London]).\n") == []
    assert bracket_problems("She wrote that she was happy :) and left.\n") == []
    assert bracket_problems("See [the report](https://example.org/a_(b)) for details.\n") == []


def test_repeated_paragraphs() -> None:
    text = "# Head\n\nThe council will vote on the plans next month.\n\nAdvertisement\n\nAdvertisement\n\n"
    text += "The council  will vote on the plans\nnext month.\n"
    doc = parse("a.md", text)
    pairs = list(repeated_paragraphs(doc.paragraphs, 8))
    assert len(pairs) == 1
    repeat, first = pairs[0]
    assert doc.position(first.span.start).line == 3
    assert doc.position(repeat.span.start).line == 9


def test_repeated_paragraph_fix_deletes_the_second_copy() -> None:
    text = "# Head\n\nThe council will vote on the plans next month.\n\nOther news.\n\n"
    text += "The council will vote on the plans next month.\n"
    [violation] = lint_text(text, select=["ST004"])
    assert violation.fix is not None and not violation.fix.safe
    edit = violation.fix.edits[0]
    assert text[: edit.span.start] + text[edit.span.end :] == (
        "# Head\n\nThe council will vote on the plans next month.\n\nOther news.\n"
    )


def test_double_spaces() -> None:
    doc = parse("a.md", "# Head\n\nIt closed.  Jobs went. It reopened.   Jobs came back.\n")
    assert [(s.end - s.start) for s in double_spaces(doc)] == [2, 3]
    quiet = parse(
        "a.md", "# Head\n\nIt closed. **Jobs** went.  \nHard break above.\n\n| A.  | B |\n|---|---|\n"
    )
    assert list(double_spaces(quiet)) == []


def test_double_space_fix_is_safe_and_off_by_default() -> None:
    text = "# Head\n\nIt closed.  Jobs went.\n"
    assert lint_text(text) == []
    [violation] = lint_text(text, select=["ST005"])
    assert violation.fix is not None and violation.fix.safe
    assert violation.fix.edits[0].replacement == " "


TRICKY_BRACKETS = [
    "Prices (in pounds) rose [sic] (again (twice)).",
    "Options: 1) cheap 2) dear (see below.",
    "A smile :) and a frown :( ] (x [y) z] ((a) [b (c)]) ((( deep ))) end",
    "Nested [a (b [c] d) e] and (f [g (h) i] j) and ] stray",
    ")( ][ a) b) (iv) iv) ;-) :-]",
    "no brackets at all",
    "",
]


@pytest.mark.parametrize("body", TRICKY_BRACKETS)
def test_nested_brackets_fast_path_changes_nothing(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.checks import style

    fast = bracket_problems(body + "\n")
    # A pattern that never matches sends every paragraph through the full pairing.
    monkeypatch.setattr(style, "_NESTED_BRACKETS", r"(?!)")
    assert bracket_problems(body + "\n") == fast


def test_inch_mark_test_matches_the_pattern_it_replaced() -> None:
    from newslint.checks.style import _is_inch_mark

    pattern = re.compile(r"(?<=\d)\"|(?<=\d['’])\"")
    for text in ['a 55" screen', "4'11\"", '4’11"', '"x"', '٣" wide', "x'\"", "5'\"", '"', 'a²"', "1''\""]:
        for j, ch in enumerate(text):
            if ch == '"':
                assert _is_inch_mark(text, j) == bool(pattern.match(text, j)), (text, j)


def _repeated_reference(paragraphs: tuple[Block, ...], min_words: int) -> list[tuple[Block, Block]]:
    """The pairing without the first-and-last-word prefilter."""
    seen: dict[str, Block] = {}
    out = []
    for block in paragraphs:
        words = block.text.split()
        if len(words) >= min_words:
            first = seen.setdefault(" ".join(words), block)
            if first is not block:
                out.append((block, first))
    return out


def test_repeated_paragraph_prefilter_changes_nothing() -> None:
    body = (
        "One two three four five six seven eight.\n\n"
        "One two  three four\tfive six seven eight.\n\n"
        "One two three four five six seven nine eight.\n\n"
        "One two three.\n\nOne two three.\n\n"
        "Alpha beta gamma delta epsilon zeta eta theta.\n\n"
        "One two three four five six seven eight.\n\n"
        "Alpha beta gamma delta epsilon zeta eta theta.\n"
    )
    doc = parse("a.md", "# Head\n\n" + body)
    for min_words in (1, 3, 8, 9):
        expected = _repeated_reference(doc.paragraphs, min_words)
        assert list(repeated_paragraphs(doc.paragraphs, min_words)) == expected


# ----------------------------------------------------------------- ST001's fast path


def _repetition_rule() -> RepetitionRule:
    from newslint.model import RuleMeta, Severity
    from newslint.ruletypes import repetition
    from newslint.settings import Settings

    meta = RuleMeta("ST901", "repeated-word-test", "style", Severity.WARNING, "'{match}'", scope="paragraph")
    return repetition(meta, {}, Settings.build({}, {}))


REPETITION_TEXTS = [
    "The the council met. He said that that was wrong, and the THE end.",
    "(the the) [so so] “no no” ‘yes yes’ well—well bye-bye 5m 5m m m 50p 60p",
    "the the5 the_the _the the the the the and the the-end the the‐end",
    "Café café, CAFÉ café, naïve NAÏVE. İt it, it İt, \u212aid kid, kid \u212aid. ſo so, so ſo.",
    "ΟΔΟΣ οδοσ, οδος ΟΔΟΣ, Straße STRASSE, ǅemal ǆemal, ² ², ٣٣ ٣٣",
    "the\tthe, the \t the, the\u00a0the, the  the",
    "Duran Duran and lord Lord Bingham met had had.",
]


@pytest.mark.parametrize("text", REPETITION_TEXTS)
def test_repeated_word_matches_are_the_pattern_matches(text: str) -> None:
    from newslint.ruletypes import repeated_word_matches

    rule = _repetition_rule()
    for source in (text, f"# Head\n\n{text}\n\nx {text} y\n\n{text}the"):
        doc = parse("a.md", source)
        blocks = doc.paragraphs
        expected = [
            m.span() for b in blocks for m in rule.pattern.finditer(doc.prose, b.span.start, b.span.end)
        ]
        assert [m.span() for m in repeated_word_matches(rule.pattern, doc.prose, blocks)] == expected
        # Blocks cut inside words, too.
        for cut in range(1, len(doc.prose)):
            cut_blocks = (Block("paragraph", Span(0, cut), doc.prose[:cut]),)
            expected = [m.span() for m in rule.pattern.finditer(doc.prose, 0, cut)]
            found = [m.span() for m in repeated_word_matches(rule.pattern, doc.prose, cut_blocks)]
            assert found == expected, cut


def test_repeated_word_matches_on_random_text() -> None:
    import random

    from newslint.ruletypes import repeated_word_matches

    rule = _repetition_rule()
    pieces = [
        "the",
        "The",
        "THE",
        "İt",
        "it",
        "Kid",
        "kid",
        "café",
        "CAFÉ",
        "ß",
        "ſo",
        "so",
        "-",
        "‐",
        ",",
        "3",
        "_",
        "£",
        "“",
        "ΟΔΟΣ",
        "οδοσ",
        "a",
        "A",
        "ǅ",
        "ǆ",
        "m",
    ]
    pieces += [" ", "  ", "\t", "\n", "\u00a0"]
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        block = (Block("paragraph", Span(0, len(text)), text),)
        expected = [m.span() for m in rule.pattern.finditer(text)]
        assert [m.span() for m in repeated_word_matches(rule.pattern, text, block)] == expected, text


def test_word_runs_fold_every_case_pair_the_pattern_calls_equal() -> None:
    """Only two non-ASCII characters match an ASCII letter by case-insensitive back-reference."""
    import re
    import string
    import sys

    from newslint.ruletypes import word_runs

    everything = "".join(map(chr, range(0x80, sys.maxunicode + 1))).encode("utf-8", "surrogatepass")
    candidates = re.findall(r"(?i)[a-z]", everything.decode("utf-8", "ignore"))
    backref = re.compile(r"(?P<c>.) (?P=c)", re.IGNORECASE)
    pairs = {(c, a) for c in candidates for a in string.ascii_letters if backref.fullmatch(f"{a} {c}")}
    pairs |= {(c, a) for c in candidates for a in string.ascii_letters if backref.fullmatch(f"{c} {a}")}
    assert {c for c, _ in pairs} == {"\u0130", "\u212a"}
    for c, a in pairs:
        assert word_runs(c) == word_runs(a) == a.lower().encode()
    assert word_runs("Ab_9 é²٣-x") == b"ab_9 zz0 x"


def _quote_marks_by_match(text: str) -> list[tuple[int, bool]]:
    """The plain `finditer` form of `style._quote_marks`, to check its split-based offsets."""
    marks: list[tuple[int, bool]] = []
    is_open = False
    for m in re.finditer('["“”]', text):
        j, ch = m.start(), m.group()
        if ch in "“”":
            opening = ch == "“"
        else:
            if not is_open and style._is_inch_mark(text, j):
                continue
            before = text[j - 1] if j else " "
            after = text[j + 1] if j + 1 < len(text) else " "
            space_before = before.isspace() or before in "([{—–-"
            space_after = after.isspace() or after in ".,;:!?)]}—–-"
            if space_before and not space_after:
                opening = True
            elif space_after and not space_before:
                opening = False
            else:
                opening = not is_open
        marks.append((j, opening))
        is_open = opening
    return marks


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '""',
        'He said "yes" and "no"',
        '"Start" of a 55" screen, 4\'11" tall, "CeBit 2005" show"',
        "“Curly” and “open",
        'mixed “a" b” "c',
        'end"',
        '"“”"“',
    ],
)
def test_quote_marks_offsets_match_finditer(text: str) -> None:
    assert style._quote_marks(text) == _quote_marks_by_match(text)
