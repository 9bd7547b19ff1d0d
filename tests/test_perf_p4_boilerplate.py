"""The boilerplate word dispatch, built faster (speed pass 4), against the code it replaced.

The dispatch decides which pattern lists are tried at a line or sentence start, so the new
build must give exactly what the old one gave: the same first words for every piece, the
same pieces, the same lists under each word and the same lists tried everywhere. The old
functions are kept here verbatim (as of commit dd8db2f) to compare with.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
import warnings
from collections.abc import Sequence
from typing import Any

import newslint.checks.boilerplate as bp
from newslint.checks.boilerplate import ResidueSpec

from .test_boilerplate import _builtin_specs

_LETTERS = re.compile(r"[^\W\d_]+")
_ESCAPES = re.compile(r"\\.", re.DOTALL)
_CUT_TOKENS = re.compile(r"\[[^\]]*\]?|[()|]")


# --------------------------------------------------------------------- the old code


def _old_first_words(pattern: str) -> frozenset[str] | None:
    if not pattern:
        return None
    if pattern.startswith(("(?:", "(?i:", "(?-i:")):
        return _old_group_first_words(pattern)
    if pattern.startswith((r"\d", r"[\d]", "[0-9]")):
        return frozenset({"#"})
    head = pattern[0]
    if head == "\\":
        escaped = pattern[1:2]
        return frozenset({""}) if escaped and not escaped.isalnum() else None
    if head not in bp._REGEX_SPECIALS and not head.isalnum() and not head.isspace():
        return frozenset({""})
    m = _LETTERS.match(pattern)
    if m is None:
        return None
    word, after = m.group(0), pattern[m.end() :]
    if after[:1] == "?" and len(word) > 1:
        return frozenset({word.lower(), word[:-1].lower()}) if _old_word_ends(after[1:]) else None
    if after[:2] in (" ?", "-?"):
        second = _LETTERS.match(after, 2)
        if second is not None:
            if _old_word_ends(after[second.end() :]):
                return frozenset({word.lower(), (word + second.group(0)).lower()})
            return None
    return frozenset({word.lower()}) if _old_word_ends(after) else None


def _old_group_first_words(pattern: str) -> frozenset[str] | None:
    close, alternatives = _old_group_parts(pattern, pattern.index(":") + 1)
    if close < 0:
        return None
    optional, rest = _old_quantifier(pattern[close + 1 :])
    words: set[str] = set()
    for alternative in alternatives:
        found = _old_first_words(alternative + rest)
        if found is None:
            return None
        words |= found
    if optional:
        found = _old_first_words(rest)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _old_quantifier(rest: str) -> tuple[bool, str]:
    if rest[:1] in ("?", "*", "+"):
        optional, rest = rest[0] != "+", rest[1:]
    elif rest[:1] == "{":
        close = rest.find("}")
        if close < 0:
            return False, rest
        optional, rest = rest[1:2] == "0" or rest[1:2] == ",", rest[close + 1 :]
    else:
        return False, rest
    return optional, rest.removeprefix("?").removeprefix("+")


def _old_alternation_cuts(pattern: str, level: int, start: int = 0) -> tuple[list[int], int]:
    bars: list[int] = []
    depth = 0
    masked = _ESCAPES.sub("__", pattern) if "\\" in pattern else pattern
    for m in _CUT_TOKENS.finditer(masked):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if level and depth == level - 1:
                return bars, m.start()
        elif ch == "|" and depth == level and m.start() >= start:
            bars.append(m.start())
    return bars, -1


def _old_group_parts(pattern: str, body: int) -> tuple[int, list[str]]:
    bars, close = _old_alternation_cuts(pattern, 1, body)
    if close < 0:
        return -1, []
    cuts = [body - 1, *bars, close]
    return close, [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


def _old_split_top(pattern: str) -> list[str]:
    if "|" not in pattern:
        return [pattern]
    cuts = [-1, *_old_alternation_cuts(pattern, 0)[0], len(pattern)]
    return [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


@functools.lru_cache(maxsize=4096)
def _old_word_ends(rest: str) -> bool:
    if not rest or rest[0] == "$":
        return True
    if rest[0] in bp._FOLLOWERS or not (rest[0].isalnum() or rest[0] in bp._REGEX_SPECIALS or rest[0] == "_"):
        size = 1
    elif rest.startswith("\\x") and len(rest) >= 4:
        try:
            char = chr(int(rest[2:4], 16))
        except ValueError:
            return False
        if char.isalnum():
            return False
        size = 4
    elif rest[0] == "\\":
        if rest[1:2] not in bp._ESCAPED_FOLLOWERS or not rest[1:2]:
            return False
        size = 2
    elif rest[0] == "[":
        close = rest.find("]", 1)
        members = rest[1:close]
        if close < 0 or members.startswith("^") or "\\" in members or any(c.isalnum() for c in members):
            return False
        size = close + 1
    elif rest.startswith("(?:"):
        close, alternatives = _old_group_parts(rest, 3)
        if close < 0:
            return False
        optional, after = _old_quantifier(rest[close + 1 :])
        ends = all(alt and _old_word_ends(alt + after) for alt in alternatives)
        return ends and (not optional or _old_word_ends(after))
    else:
        return False
    optional, after = _old_quantifier(rest[size:])
    if optional:
        return _old_word_ends(after)
    return True


def _old_list_pieces(patterns: tuple[str, ...]) -> tuple[tuple[str, frozenset[str] | None], ...]:
    return tuple((piece, _old_first_words(piece)) for whole in patterns for piece in _old_split_top(whole))


_Built = tuple[
    dict[str, list[Any]],
    tuple[Any, ...],
    dict[tuple[str, str], int],
    dict[tuple[str, str], tuple[tuple[str, frozenset[str] | None], ...]],
]


def _old_dispatch(entries: Sequence[tuple[ResidueSpec, str]]) -> _Built:
    """What the old `_Dispatch.__init__` built: (by_word, generic, rank, pieces)."""
    keyed: dict[str, list[Any]] = {}
    loose: list[Any] = []
    rank: dict[tuple[str, str], int] = {}
    pieces: dict[tuple[str, str], tuple[tuple[str, frozenset[str] | None], ...]] = {}
    for spec, kind in entries:
        rank[(spec.code, kind)] = len(rank)
        candidate = (spec.code, kind, spec.pattern(kind))
        listed = pieces[(spec.code, kind)] = _old_list_pieces(spec.patterns[kind])
        unknown = False
        for _, words in listed:
            if words is None:
                unknown = True
                continue
            for word in words:
                found = keyed.setdefault(word, [])
                if not found or found[-1] is not candidate:
                    found.append(candidate)
        if unknown:
            loose.append(candidate)
    return keyed, tuple(loose), rank, pieces


# --------------------------------------------------------------------- patterns to compare on

# Alternations, classes, escapes, quantifiers, case twins and non-ASCII letters.
HANDMADE = [
    "",
    "Leave a (?:comment|reply)",
    "(?:Please )?whitelist",
    "Comments?",
    "Log ?in",
    "E-?mail",
    "Sign-?up now",
    "\\d+ comments",
    "[\\d]{1,3} shares",
    "[0-9]+",
    "[^»]+»",
    "(?:Share|Tweet|Pin it|Google\\+)(?: ?[|,•·/] ?| )(?:Facebook|X)",
    "(?:Facebook|Twitter|X)(?:(?: ?[|,•·/] ?| )(?:Facebook|Twitter|X)){1,}",
    "(?:Privacy Policy|Terms of (?:Use|Service)|Contact(?: Us)?)(?: ?[|·•] ?(?:Privacy|Terms))*",
    "(?i:(?:Editor\\x27s|Editors\\x27|Editors|Editor) note: (?:remove|delete))",
    "(?-i:TK)",
    "(?:Get|Receive) (?:our|the) (?:free |daily )*(?:e-?mail )?newsletters?",
    "(?:Show|View|Load) (?:all )?(?:\\d+ )?comments?",
    "(?:Advertisement|Advertizement)(?: ?[-–—:] ?(?:scroll|continue))?",
    "(?:The )?(?:Story|Article) continues (?:below|after)",
    "(?:a|b)|c",
    "a|b(?:c|d)|[|]x",
    "(?:a|)b",
    "(?:|a)b",
    "(?:ab)c",
    "(?:ab)?c",
    "(?:ab){0,2}c",
    "(?:ab){2}c",
    "(?:ab)+c",
    "(?:ab)*?c",
    "(?:ab)?+c",
    "(?:Sure|Certainly)[!,.] (?:Here(?:'s| is)|Below is)",
    "Here(?:'s| is) (?:a|an)",
    "Tags?: .{1,80}",
    "Sports?",
    "Home(?: ?[|/] ?News)?",
    "Site ?map",
    "E-?Edition",
    "Word\\x27s",
    "Word\\x41",
    "Word\\xZZ",
    "Word\\s+next",
    "Word\\bnext",
    "Word\\dnext",
    "Word[ ,]next",
    "Word[^ ]next",
    "Word[a-z]next",
    "Word[\\s]next",
    "Word]",
    "Word[ ",
    "Word(?:,| )next",
    "Word(?:s| )next",
    "Word(?:|x)",
    "Word(?: ",
    "Word(x)",
    "Word$",
    "Word_x",
    "Word1",
    "Wordé",
    "Théâtre news",
    "ſtory",
    "İstanbul news",
    "ΟΔΟΣ ?ΑΒ",
    "Straße",
    "Kelvin",
    "©\\s*\\d{4}",
    "× close",
    "\\(Photo: .{1,60}\\)",
    "\\[Insert",
    "\\w+",
    "\\",
    " leading space",
    "_under",
    "(?=[^\\n>]{0,60}+>)[^\\W\\d_][\\w&\\x27.,-]*+ > [^\\W\\d_]",
    "(?:a(?:b(?:c|d)|e)|f)g",
    "(?:a[)]|b)c",
    "(?:a\\)|b)c",
    "(?:a|b",
    "(?:a|b))c",
    "a)|(b",
    "(?:Word ?s|x)y",
    "(?:Word-?s|x)y",
    "(?:Word?|x)y",
    "(?:W?|x)y",
    "(?:Word|x)?s",
    "(?:Word|x) ?s",
    "(?:Word|x)-?s",
    "(?:Word|x)é",
    "(?:Word|x)",
    "(?:Word|x)$",
    "(?:Word|x)\\b",
    "(?:Word|x)[,]",
    "(?:Word|x)ſ",
    "(?:Wörd|x) y",
    "(?:Words|x)*??s",
    "(?:Words|x)+??y",
    "(?:W|x)*?? y",
    "(?:Words|Xy){1,2}?? y",
    "(?:Words|x)*?? ?y",
    "(?:Word1|x) y",
]

_PIECES = [
    "Word",
    "word",
    "Wö",
    "ſ",
    "İ",
    "Σ",
    "s",
    "X",
    " ",
    "-",
    "'",
    ":",
    ",",
    "\\x27",
    "\\x41",
    "\\d",
    "\\s",
    "\\b",
    "\\.",
    "\\+",
    "\\",
    "[,]",
    "[|]",
    "[(]",
    "[^a]",
    "[a-z]",
    "[\\]]",
    "[",
    "]",
    "?",
    "*",
    "+",
    "{0,2}",
    "{1}",
    "{,3}",
    "{",
    "|",
    "(",
    ")",
    "(?:",
    "(?i:",
    "(?-i:",
    "(?=",
    "$",
    "1",
    "_",
    "©",
    ".",
]


def _random_patterns(count: int, seed: int) -> list[str]:
    """Random patterns: mostly well formed groups of words and separators, some noise."""
    rng = random.Random(seed)

    def atom(depth: int) -> str:
        roll = rng.random()
        if roll < 0.25 and depth < 3:
            alternatives = [sequence(depth + 1) for _ in range(rng.randint(1, 4))]
            opener = rng.choice(["(?:", "(?:", "(?:", "(?i:", "(?-i:", "("])
            return (
                opener
                + "|".join(alternatives)
                + ")"
                + rng.choice(["", "", "?", "*", "+", "{0,2}", "{2}", "?+", "*??", "{0,2}??", "{1,2}??"])
            )
        return rng.choice(_PIECES)

    def sequence(depth: int) -> str:
        return "".join(atom(depth) for _ in range(rng.randint(0, 5)))

    return [sequence(0) for _ in range(count)]


def _all_patterns() -> list[str]:
    builtin = [p for spec in _builtin_specs() for kind in spec.patterns.values() for p in kind]
    rng = random.Random(4)
    noise = [
        "".join(rng.choice("ab()|[]\\^?:x \x00") for _ in range(rng.randint(0, 14))) for _ in range(3000)
    ]
    return [*builtin, *HANDMADE, *_random_patterns(20000, 11), *noise]


# --------------------------------------------------------------------- the comparisons


def test_first_words_as_before() -> None:
    for whole in _all_patterns():
        assert bp.split_top(whole) == _old_split_top(whole), whole
        for piece in [whole, *_old_split_top(whole)]:
            assert bp.first_words(piece) == _old_first_words(piece), piece


def test_word_ends_as_before() -> None:
    for pattern in _all_patterns():
        for rest in (pattern, pattern[1:], pattern[2:]):
            assert bp._word_ends(rest) == _old_word_ends(rest), rest


def test_split_list_as_split_top() -> None:
    patterns = _all_patterns()
    rng = random.Random(5)
    lists = [tuple(rng.sample(patterns, rng.randint(1, 12))) for _ in range(3000)]
    lists += [tuple(kind) for spec in _builtin_specs() for kind in spec.patterns.values()]
    lists += [("a|b", "(c"), ("(c", "d)|e"), ("x\\", "|y"), ("[a", "b]|c"), ("a\x00|b",), ("(?:a|b)",)]
    for patterns_ in lists:
        assert bp._split_list(patterns_) == [_old_split_top(p) for p in patterns_], patterns_


def test_dispatch_as_before_on_the_builtin_packs() -> None:
    specs = sorted(_builtin_specs(), key=lambda s: s.code)
    analyser = bp.Analyser(specs, bp.Options())
    order = ("lines", "starts", "openers", "weak", "clustered")
    line_entries = [(s, k) for k in order for s in analyser.specs if s.patterns.get(k)]
    sentence_entries = [
        (s, k) for s, k in line_entries if k == "openers" or (s.glued and k in ("lines", "starts"))
    ]
    for dispatch, entries in ((analyser.at_line, line_entries), (analyser.at_sentence, sentence_entries)):
        by_word, generic, rank, pieces = _old_dispatch(entries)
        assert dispatch.by_word == by_word
        assert dispatch.generic == generic
        assert dispatch.rank == rank
        assert dispatch.pieces == pieces


def test_dispatch_as_before_on_handmade_packs() -> None:
    rng = random.Random(6)
    patterns = [p for p in [*HANDMADE, *_random_patterns(400, 12)] if _compiles(p)]
    specs = []
    for number in range(12):
        kinds = {kind: tuple(rng.sample(patterns, rng.randint(1, 8))) for kind in rng.sample(bp.KINDS, 2)}
        specs.append(ResidueSpec(code=f"XX{number:03}", patterns=kinds, glued=number % 2 == 0))
    for entries in [
        *([(spec, kind) for kind in spec.patterns] for spec in specs),
        [(spec, kind) for spec in specs for kind in spec.patterns],
    ]:
        by_word, generic, rank, pieces = _old_dispatch(entries)
        dispatch = bp._Dispatch(entries)
        # A spec built by hand gives a new expression each time it is asked: compare by name.
        assert _named(dispatch.by_word) == _named(by_word)
        assert [c[:2] for c in dispatch.generic] == [c[:2] for c in generic]
        assert (dispatch.rank, dispatch.pieces) == (rank, pieces)


def _named(by_word: dict[str, list[Any]]) -> dict[str, list[tuple[str, str]]]:
    return {word: [candidate[:2] for candidate in found] for word, found in by_word.items()}


def _compiles(pattern: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" and the like
        try:
            re.compile(f"(?:{pattern})", re.IGNORECASE)
        except re.error:
            return False
    return True
