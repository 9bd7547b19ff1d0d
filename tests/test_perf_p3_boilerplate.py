"""The boilerplate analysis' shortcuts against the slower code they stand for (speed pass 3).

Each shortcut must give the same residue as the code it skips: exact where it replaces a
test, a superset where it only decides that a slower step need not run.
"""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

import pytest

import newslint.checks.boilerplate as bp
from newslint.checks.boilerplate import Analyser, Options, ResidueSpec, TextLine
from newslint.config import Config
from newslint.document import parse
from newslint.patterns import CASE_TWINS, has_case_twin
from newslint.runner import lint_text

from .test_boilerplate import _builtin_specs, _generate, _reference_structure, _variants

# Case twins (ſ ı İ and the Kelvin sign), curly quotes, non-ASCII letters and cut words.
TRICKY = [
    "The article continues below",
    "THE ARTICLE CONTINUES below",
    "The \u212aelvin article",
    "\u0130t seems the page",
    "It \u017feems fine",
    "\u0131t appears so",
    "Théâtre news » Home",
    "Home » News › World",
    "Photo: Getty Images",
    "Ｆull-width Ｈome",
    "Ι am not able to help",  # Greek capital iota
    "Leave a Comm",
    "Share this: Facebook",
    "Advertisement",
    "Story continues below advertisement",
    "Sure! Here's the article:",
    "As an AI language model, I cannot",
    "We use cookies to improve",
    "12 comments",
    "١٢ comments",
    "All rights reserved",
    "© 2024 Example",
    "",
]

_OLD_LEAD = re.compile(r"[ \t*_#>|•·▪►▸◦‣–—\-]*")


def _old_sentence_words(text: str) -> list[tuple[int, str]]:
    """The splitter before this pass: one pattern per mark, merged and sorted."""
    found: list[tuple[int, str]] = []
    for mark in (".", "?", "!", "…"):
        pattern = re.compile(re.escape(mark) + r"""["'”’)\]]*[ \t]+(?=\S)([^\W\d_]*|\d?)""")
        for m in pattern.finditer(text):
            word = m.group(1)
            found.append((m.start(1), ("#" if word.isdigit() else word.lower()) if word else ""))
    found.sort()
    return found


def _samples(rng: random.Random, per_pattern: int = 6) -> list[str]:
    """Random strings from every built-in pattern, in several cases."""
    parser: Any = importlib.import_module("re._parser")
    out: list[str] = []
    for spec in _builtin_specs():
        sources = [p for kind in spec.patterns.values() for p in kind] + [p.source for p in spec.inline]
        for source in sources:
            tree = parser.parse(source, re.IGNORECASE)
            for _ in range(per_pattern):
                out.extend(_variants(_generate(tree, rng)))
    return out


def test_sentence_words_match_the_four_searches() -> None:
    rng = random.Random(3)
    texts = [
        'He left. "Why?" she asked! Then\nNext line. End…  Done',
        "A.  B?! C… 4 apples. ² x. ſo. İt! ‘Quote.’ Next. (Aside.) Then. [Note.] So.",
        *(f"Copy. {t}? More… {t}! End. 5 x" for t in TRICKY),
    ]
    alphabet = "aZ .?!…\"')]\t\n1²ſİ’”"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        assert bp._sentence_words(text) == _old_sentence_words(text), text
        assert bp.sentence_breaks(text) == [offset for offset, _ in _old_sentence_words(text)]


def test_lead_strip_matches_the_lead_pattern() -> None:
    rng = random.Random(5)
    alphabet = " \t*_#>|•·▪►▸◦‣–—-aZ1\n\u00a0"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        m = _OLD_LEAD.match(text)
        assert m is not None
        assert len(text) - len(text.lstrip(bp._LEAD_CHARS)) == m.end(), text


def test_quick_gates_equal_the_full_gates() -> None:
    # `_opens_fast` must give exactly what `_opens` gives, for every word the built-in
    # dispatch knows, at every position of tricky and generated texts.
    analyser = Analyser(_builtin_specs(), Options())
    rng = random.Random(9)
    texts = [*TRICKY, *rng.sample(_samples(rng, 1), 150)]
    for dispatch in (analyser.at_line, analyser.at_sentence):
        words = [*dispatch.by_word, "", "#", "zzz"]
        for word in words:
            for generic in (False, True):
                prepared = dispatch.prepare(word, generic)
                if not prepared[2]:
                    continue  # no quick form: `_opens_fast` calls `_opens`
                for text in texts:
                    twins = has_case_twin(text)
                    for pos in range(0, len(text) + 1, 4):
                        for end in (len(text), min(len(text), pos + 5)):
                            expected = bp._opens(prepared[1], text, pos, end)
                            assert bp._opens_fast(prepared, text, pos, end, twins) == expected, (
                                word,
                                text,
                                pos,
                            )


def _analyse_all(analyser: Analyser, text: str) -> list[tuple[str, int, int, int, str, str]]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(TextLine(offset, offset + len(raw)))
        offset += len(raw) + 1
    hits = analyser.analyse(text, lines, None, None)
    return [(h.code, h.line, h.start, h.end, h.how, h.kind) for h in hits]


def test_shortcuts_find_the_same_residue(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sentence prefilter, the quick gates and the inline character tests against the
    # analysis without them, on generated residue glued into copy and on lines of its own.
    rng = random.Random(13)
    samples = _samples(rng)
    texts = [*TRICKY]
    body = "The council approved the plan on Monday after a long debate about costs and more."
    for sample in rng.sample(samples, 1500):
        texts.append(f"{body} {sample} More copy. {sample}")
        texts.append(f"{body}\n{sample}\n{body} Then. {sample.lower()}")
    for twin in CASE_TWINS:
        texts.append(f"{body} {twin}. {rng.choice(samples)}")

    fast = Analyser(_builtin_specs(), Options())
    expected_by_text = {text: _analyse_all(fast, text) for text in texts}

    slow = Analyser(_builtin_specs(), Options())
    monkeypatch.setattr(Analyser, "_may_open_sentence", lambda self, text, twins: True)
    monkeypatch.setattr(
        bp, "_opens_fast", lambda prepared, text, pos, end, twins: bp._opens(prepared[1], text, pos, end)
    )
    monkeypatch.setattr(slow, "sentence_quick", _NoQuick())
    monkeypatch.setattr(Analyser, "_inline_tests", _no_char_tests)
    found = 0
    for text in texts:
        result = _analyse_all(slow, text)
        found += bool(result)
        assert expected_by_text[text] == result, text
    assert found > 1000


class _NoQuick(dict[str, tuple[str, ...]]):
    """A `sentence_quick` that never has a quick test (every sentence start is tried)."""

    def get(self, key: str, default: Any = None) -> tuple[str, ...]:
        return ()

    def __setitem__(self, key: str, value: tuple[str, ...]) -> None:
        pass


def _no_char_tests(self: Analyser) -> Any:
    return (
        tuple((spec, tuple((p, frozenset()) for p in spec.inline)) for spec in self.specs if spec.inline),
        frozenset(),
    )


def test_rules_share_one_analysis_and_see_option_and_registry_changes() -> None:
    text = (
        "The council approved the plan on Monday after a long debate about costs and the timetable.\n"
        "Advertisement\nZebra crossing\n"
    )
    config = Config(select=("BP",))
    first = lint_text("x.txt", text, config).violations
    again = lint_text("x.txt", text, config).violations
    assert first == again and [v.code for v in first] == ["BP009"]
    doc = parse("x.txt", text)
    spec = ResidueSpec(code="XX009", patterns={"lines": ("Zebra crossing",)})
    options = Options()
    before = bp.analyse_document(doc, options)
    assert bp.analyse_document(doc, options) is before  # cached for the document
    saved = dict(bp._REGISTRY)
    try:
        bp.register(spec)  # a new spec: the same document is analysed again
        after = bp.analyse_document(doc, options)
        assert after is not before and any(h.code == "XX009" for h in after)
    finally:
        with bp._LOCK:
            bp._REGISTRY.clear()
            bp._REGISTRY.update(saved)
            bp._State.version += 1


def _reference_cuts(pattern: str, level: int, start: int) -> tuple[list[int], int]:
    """`_alternation_cuts` from the character loop `_structure` replaced."""
    bars: list[int] = []
    for index, char, depth in _reference_structure(pattern):
        if char == ")" and level and depth == level - 1:
            return bars, index
        if char == "|" and depth == level and index >= start:
            bars.append(index)
    return bars, -1


def test_alternation_cuts_match_the_character_loop() -> None:
    rng = random.Random(17)
    patterns = [p for spec in _builtin_specs() for kind in spec.patterns.values() for p in kind]
    patterns += [p.source for spec in _builtin_specs() for p in spec.inline]
    alphabet = "ab()|[]\\^?:x"
    patterns += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    patterns += ["a\\", "[]a|b]|c", "[^]]|(x)", "\\(|\\)|(?:a|[|)])", "(?:a|b)|[\\]|]|\\\\|"]
    patterns += ["[a\\", "(|[)|]|)"]
    for pattern in patterns:
        for level in (0, 1, 2):
            for start in (0, len(pattern) // 2):
                expected = _reference_cuts(pattern, level, start)
                assert bp._alternation_cuts(pattern, level, start) == expected, pattern
