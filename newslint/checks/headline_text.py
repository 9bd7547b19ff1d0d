"""Headline integrity on plain strings: the analysis behind the HL rules.

Everything here works on a headline string and a body string, with no
document model, so it can be unit-tested and benchmarked on its own:

* `HeadlineAnalyser.analyse(headline, body)` compares a headline with its
  body: lexical relatedness (content words with light stemming, weighted by
  how informative they are), and the specific elements of the headline (its
  figures, quoted words and names) that the body should contain.
* `titles_conflict(a, b)` says whether two titles of one article tell
  different stories (a subtitle or a rewording does not).

Word matching never stems the body: each headline word becomes a short
prefix key ("libraries" -> "librar") looked up with a substring search in a
normalised copy of the body, which keeps one article well under a tenth of a
millisecond.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from newslint.patterns import LazyPattern, compile_pattern

# --------------------------------------------------------------------------- text

_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


@functools.cache
def _non_word_re() -> re.Pattern[str]:
    return compile_pattern(r"[\W_]+")


# Latin, Greek and Cyrillic letters (faster than a Unicode class)
_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"


@functools.cache
def _word_re() -> re.Pattern[str]:
    return compile_pattern(f"[{_LETTERS}]+(?:'[{_LETTERS}]+)*")


def clean(text: str) -> str:
    """Straighten quotes and dashes; decode HTML character references left by scrapers."""
    if "&" in text and ";" in text:
        import html  # only here: importing it costs 2 ms of start-up

        text = html.unescape(text)
    if text.isascii():
        return text.replace("`", "'")
    # str.translate costs ~0.2 us a character on a non-ASCII text (1 ms for a
    # body); replacing just the characters it would change gives the same string
    if not any(c in text for c in _TRANSLATED):
        return text
    return _translated_re().sub(_straighten, text)


_TRANSLATED = "".join(chr(c) for c in _TRANSLATE)


@functools.cache
def _translated_re() -> re.Pattern[str]:
    return compile_pattern(f"[{re.escape(_TRANSLATED)}]")


def _straighten(m: re.Match[str]) -> str:
    """What `_TRANSLATE` makes of one character."""
    out = _TRANSLATE[ord(m.group())]
    assert isinstance(out, str)
    return out


# The "marked" copy of a text, in which `str.find` sees word boundaries: the text lower-cased,
# with every ASCII letter and digit kept, every other letter or digit made "\xaa" (part of a
# word, never a character of an ASCII key) and every other character made a space. Built with
# one encode and one `bytes.translate` (str.lower alone costs 7x more on a text with a "£").
_MARK_TABLE = bytes(
    (ord(chr(b).lower()) if b < 128 else 0xAA) if chr(b).isalnum() else 0x20 for b in range(256)
)
_MARK_ERRORS = "newslint.headline-word-marks"


def _mark_beyond_latin1(error: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: a run of characters beyond Latin-1 (curly quotes,
    dashes, Greek ...) as one Latin-1 character each, for `_MARK_TABLE`."""
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for c in error.object[error.start : error.end]:
        low = c.lower()
        # the Kelvin sign lower-cases to ASCII "k"; every other letter or digit
        # beyond Latin-1 lower-cases to a letter or digit beyond ASCII
        out.append(low if low.isascii() else "\xaa" if c.isalnum() else " ")
    return "".join(out), error.end


codecs.register_error(_MARK_ERRORS, _mark_beyond_latin1)


def _word_marks(text: str) -> str:
    """The marked copy of `text` (see `_MARK_TABLE`) with a space before and
    after: offset i of `text.lower()` is offset i + 1 here, so `" " + key` found
    at offset i is `key` at a word start at offset i of `text.lower()`. (Only
    "\u0130" lower-cases to two characters; a text with it must be passed
    lower-cased.)"""
    data = text.encode("latin-1", _MARK_ERRORS).translate(_MARK_TABLE)
    return " " + data.decode("latin-1") + " "


@functools.cache
def _plain_endings(endings: tuple[str, ...]) -> bool:
    """Are these word endings all ASCII letters and digits (or empty)?"""
    joined = "".join(endings)
    return not joined or (joined.isascii() and joined.isalnum())


class BodyText:
    """A body prepared for word look-ups without tokenising it: a look-up is a
    substring search for the key after a space in the marked copy (see
    `_MARK_TABLE`), or in the lower-cased text checked for a word boundary
    before it."""

    __slots__ = ("_initials", "_low", "_marks", "lead_end", "text")

    def __init__(self, text: str, lead_chars: int = 600) -> None:
        self.text = text
        self._low: str | None = None
        self._marks: str | None = None
        self._initials: str | None = None
        end = min(len(text), lead_chars)
        # finish the lead at a word boundary
        while end < len(text) and text[end].isalnum():
            end += 1
        self.lead_end = end

    @property
    def low(self) -> str:
        """The text lower-cased (made on first use: most bodies never need it)."""
        low = self._low
        if low is None:
            low = self._low = self.text.lower()
        return low

    @property
    def marks(self) -> str:
        """The marked copy of the lower-cased text (see `_word_marks`)."""
        marks = self._marks
        if marks is None:
            text = self.text
            marks = self._marks = _word_marks(self.low if "\u0130" in text else text)
        return marks

    @property
    def initials(self) -> str:
        """The first character of each word of the marked copy but "of", "for",
        "and", "the", "de", "on" and "in" (for acronyms spelt out)."""
        initials = self._initials
        if initials is None:
            words = self.marks.split()
            initials = self._initials = "".join([w[0] for w in words if w not in _ACRONYM_SKIP])
        return initials

    def _find(self, key: str, cap: int, stop: int | None, whole: tuple[str, ...] | None) -> tuple[int, int]:
        """(occurrences up to `cap` of a word starting with lower-case `key`, or
        with `whole`, of key + one of those endings; offset of the first or -1)."""
        if stop is None and key.isascii() and key.isalnum() and (whole is None or _plain_endings(whole)):
            return self._find_marked(key, cap, whole)
        return self._find_scan(key, cap, stop, whole)

    def _find_marked(self, key: str, cap: int, whole: tuple[str, ...] | None) -> tuple[int, int]:
        """`_find` for an ASCII alphanumeric key and endings, with `str.find` over
        the marked text, where a word starts after a space and ends before one."""
        marks = self._marks
        if marks is None:
            marks = self.marks
        needle = " " + key
        if whole is None:
            # the needle has one space, at its start: two occurrences never overlap
            n = marks.count(needle)
            return (min(n, cap), marks.find(needle)) if n else (0, -1)
        after = len(needle)
        n = 0
        first = -1
        i = marks.find(needle)
        while i >= 0:
            # the marked text ends with a space, so there is one after the word
            if marks[i + after : marks.find(" ", i + after)] in whole:
                n += 1
                if first < 0:
                    first = i
                if n >= cap:
                    break
            i = marks.find(needle, i + 1)
        return n, first

    def _find_scan(
        self, key: str, cap: int, stop: int | None, whole: tuple[str, ...] | None
    ) -> tuple[int, int]:
        """`_find` in Python, character by character (any key)."""
        low = self.low
        end = len(low) if stop is None else stop
        n = 0
        first = -1
        size = len(key)
        i = low.find(key, 0, end)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                ok = True
                if whole is not None:
                    j = i + size
                    while j < len(low) and low[j].isalnum():
                        j += 1
                    ok = low[i + size : j] in whole
                if ok:
                    n += 1
                    if first < 0:
                        first = i
                    if n >= cap:
                        break
            i = low.find(key, i + 1, end)
        return n, first

    def count_prefix(self, key: str, cap: int = 4, stop: int | None = None) -> int:
        """Occurrences (up to `cap`) of a word starting with `key` (lower case)."""
        return self._find(key, cap, stop, None)[0]

    def count_word(
        self, word: str, endings: tuple[str, ...] = ("",), cap: int = 4, stop: int | None = None
    ) -> int:
        """Occurrences (up to `cap`) of `word` + one of `endings` as a whole word."""
        return self._find(word, cap, stop, endings)[0]


# Suffixes stripped to get a prefix key that every inflection of a word shares.
_SHORT_ENDINGS = ("", "s", "es", "d", "ed")

_SUFFIXES = (
    "fulness",
    "ations",
    "ation",
    "ances",
    "ance",
    "ences",
    "ence",
    "ness",
    "ities",
    "ity",
    "ists",
    "ist",
    "isms",
    "ism",
    "ive",
    "ery",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ed",
    "es",
    "ers",
    "er",
    "ous",
    "ly",
    "ian",
    "an",
    "s",
    "e",
    "y",
)


@functools.lru_cache(maxsize=8192)
def stem_key(word: str) -> str:
    """The prefix key of a lower-case word: ``librar`` for libraries/library."""
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    size = len(word)
    if size <= 4:
        return word
    # The first suffix of `_SUFFIXES` (lowest rank) that ends the word and leaves
    # four characters: the word's tails looked up by length, a few dict look-ups
    # instead of up to 35 `endswith` calls.
    rank = len(_SUFFIXES)
    for n in _SUFFIX_LENGTHS:
        if size - n < 4:
            break
        r = _SUFFIX_RANK.get(word[-n:], rank)
        if r < rank:
            rank = r
    if rank < len(_SUFFIXES):
        return word[: -len(_SUFFIXES[rank])]
    return word


# suffix -> its first index in `_SUFFIXES` ("ation" is listed twice)
_SUFFIX_RANK = {suffix: i for i, suffix in reversed(list(enumerate(_SUFFIXES)))}
_SUFFIX_LENGTHS = sorted({len(suffix) for suffix in _SUFFIXES})


# --------------------------------------------------------------------------- word lists


class Lexicon:
    """The word lists the analysis needs (loaded from rules/headline/data)."""

    # Lexicon and Analysis are plain classes, not dataclasses: creating a
    # dataclass costs about 1 ms at import, a tenth of this family's start-up budget.
    __slots__ = ("forms", "stopwords", "weak")

    def __init__(
        self,
        stopwords: frozenset[str],
        weak: frozenset[str],
        forms: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.stopwords = stopwords
        self.weak = weak
        self.forms: Mapping[str, tuple[str, ...]] = {} if forms is None else forms

    @classmethod
    def from_lines(cls, stopwords: Iterable[str], weak: Iterable[str], forms: Iterable[str]) -> Lexicon:
        groups: dict[str, tuple[str, ...]] = {}
        for line in _data_lines(forms):
            words = tuple(dict.fromkeys(line.split()))
            for word in words:
                # a word in one group (most are) shares the group's tuple
                old = groups.get(word)
                groups[word] = words if old is None else tuple(dict.fromkeys(old + words))
        return cls(frozenset(_data_lines(stopwords)), frozenset(_data_lines(weak)), groups)


def _data_lines(lines: Iterable[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line)
    return out


# --------------------------------------------------------------------------- numbers

_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
# vague plurals: the range of values they stand for
_VAGUE = {
    "dozens": (24.0, 200.0),
    "hundreds": (200.0, 2000.0),
    "thousands": (2000.0, 1e6),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
_FRACTIONS = {
    "half": 50.0,
    "third": 100 / 3,
    "quarter": 25.0,
    "fifth": 20.0,
    "tenth": 10.0,
    "two-thirds": 200 / 3,
    "three-quarters": 75.0,
    "two thirds": 200 / 3,
    "three quarters": 75.0,
}

_NUM_WORDS_ALT = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_SCALE_ALT = r"bn|billions?|mn|mln|millions?|m|k|thousand|tn|trillion|b"


@functools.cache
def _number_re() -> re.Pattern[str]:
    return compile_pattern(
        r"(?<![\w.,/#&-])(?<![A-Za-z]-)"
        r"(?P<cur>US\$|A\$|C\$|[£$€¥])?\s?"
        r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"|(?P<word>(?:{_NUM_WORDS_ALT})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
        rf"(?:\s?(?P<scale>{_SCALE_ALT})(?![\w]))?"
        r"(?:\s?(?P<pct>%|\s?per\s?cent\b|\s?percent\b|pc\b))?"
        r"(?P<tail>[A-Za-z]*)",
        re.IGNORECASE,
    )


@functools.cache
def _vague_re() -> re.Pattern[str]:
    return compile_pattern(r"\b(dozens|hundreds|thousands|millions|billions)\b", re.IGNORECASE)


@functools.cache
def _fraction_re() -> re.Pattern[str]:
    return compile_pattern(
        r"\b(?:(?:a|one)[\s-](half|third|quarter|fifth|tenth)|(two[\s-]thirds|three[\s-]quarters)"
        r"|(half))\b",
        re.IGNORECASE,
    )


@functools.cache
def _one_in_re() -> re.Pattern[str]:
    return compile_pattern(r"\b(one|1) in (two|three|four|five|ten|\d+)\b", re.IGNORECASE)


@functools.cache
def _approx_before_re() -> re.Pattern[str]:
    return compile_pattern(
        r"(?:\b(over|more than|above|at least|upwards of|almost|nearly|up to|under|less than|"
        r"fewer than|around|about|some|roughly|approximately|close to|an estimated|"
        r"estimated)\s+['\"]?|~)$",
        re.IGNORECASE,
    )


@functools.cache
def _rank_before_re() -> re.Pattern[str]:
    return compile_pattern(r"\b(?:no\.?|number|top|last|first|final|best|worst|#)\s*$", re.IGNORECASE)


@functools.cache
def _compound_after_re() -> re.Pattern[str]:
    return compile_pattern(r"-[^\W\d_]")


class Quantity(NamedTuple):
    """A figure found in a text."""

    start: int
    end: int
    text: str
    value: float
    percent: bool = False
    approx: str = ""  # "over", "under", "about" or ""
    vague: tuple[float, float] | None = None  # "dozens" -> (24, 200)
    words: bool = False  # written in words ("nine")
    year: bool = False
    label: bool = False  # a rank or a compound adjective ("No 1", "top 10", "24-hour", "six-figure")


def _approx_kind(before: str) -> str:
    m = _approx_before_re().search(before)
    if not m:
        return ""
    word = (m.group(1) or "about").lower()
    if word in {"over", "more than", "above", "at least", "upwards of"}:
        return "over"
    if word in {"almost", "nearly", "up to", "under", "less than", "fewer than", "close to"}:
        return "under"
    return "about"


def _word_value(word: str) -> float:
    word = word.lower()
    if "-" in word:
        tens, _, unit = word.partition("-")
        return float(_WORD_NUMBERS.get(tens, 0) + _WORD_NUMBERS.get(unit, 0) % 10)
    return float(_WORD_NUMBERS[word])


def quantities(text: str) -> list[Quantity]:
    """Every figure in `text` (cleaned): digits, number words, scales, percentages,
    fractions ("a fifth") and vague plurals ("dozens"). Skips figures that are
    parts of names or codes ("N95", "Covid-19", "3G"), ordinals, clock times and
    sports scores."""
    out: list[Quantity] = []
    for m in _number_re().finditer(text):
        tail = m.group("tail")
        scale = m.group("scale")
        if tail:
            # "2D", "1st", "10am", "17th": a code, an ordinal or a time. A scale
            # glued to letters ("5mph") is not a scale either.
            continue
        if m.group("num") is not None:
            raw = m.group("num")
            value = float(raw.replace(",", ""))
            words = False
        else:
            raw = m.group("word")
            value = _word_value(raw)
            words = True
        after = text[m.end() : m.end() + 6]
        if _SCORE_OR_RANGE.match(after) or _CLOCK_TIME.match(after):
            continue  # a score "3-2", a range "10-12" is handled loosely, a time "6 a.m."
        if (
            m.start() > 0
            and text[m.start() - 1 : m.start()] == "-"
            and _NUMBER_DASH_BEFORE.search(text[max(0, m.start() - 5) : m.start()])
        ):
            continue
        pct = bool(m.group("pct"))
        cur = m.group("cur")
        if scale:
            s = scale.lower()
            if s in {"m", "b", "k"} and not (cur or m.group("num")):
                continue
            if s == "b" and not cur:
                continue
            value *= _SCALES[s]
        year = (
            not words
            and not cur
            and not scale
            and not pct
            and "," not in raw
            and "." not in raw
            and 1900 <= value <= 2099
        )
        before = text[max(0, m.start() - 16) : m.start()]
        approx = _approx_kind(before)
        label = bool(_rank_before_re().search(before) or _compound_after_re().match(text, m.end()))
        out.append(
            Quantity(m.start(), m.end(), m.group().strip(), value, pct, approx, None, words, year, label)
        )
    for m in _vague_re().finditer(text):
        lo, hi = _VAGUE[m.group(1).lower()]
        out.append(Quantity(m.start(), m.end(), m.group(), lo, False, "", (lo, hi), True))
    for m in _fraction_re().finditer(text):
        key = (m.group(1) or m.group(2) or m.group(3)).lower().replace("-", " ")
        key = {"two thirds": "two-thirds", "three quarters": "three-quarters"}.get(key, key)
        if (
            key == "half"
            and m.group(3)
            and not _BY_OR_THAN_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
        ):
            continue  # bare "half" ("second half") is rarely a figure
        out.append(Quantity(m.start(), m.end(), m.group(), _FRACTIONS[key], True, "about", None, True))
    for m in _one_in_re().finditer(text):
        d = m.group(2).lower()
        denominator = float(_WORD_NUMBERS[d]) if d in _WORD_NUMBERS else float(d)
        if denominator:
            out.append(Quantity(m.start(), m.end(), m.group(), 100 / denominator, True, "about", None, True))
    return out


@functools.cache
def _digit_run_re() -> re.Pattern[str]:
    return compile_pattern(r"[0-9][0-9,.]*")


@functools.cache
def _digit_at_re() -> re.Pattern[str]:
    return compile_pattern(
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<scale>{_SCALE_ALT})(?![\w]))?"
        r"(?:\s?(?P<pct>%|\s?per\s?cent\b|\s?percent\b|pc\b))?"
        r"(?P<tail>[A-Za-z]*)",
        re.IGNORECASE,
    )


_CURRENCY = {"\u00a3": "\u00a3", "$": "$", "\u20ac": "\u20ac", "\u00a5": "\u00a5"}


def digit_quantities(text: str, near: list[tuple[float, float]] | None = None) -> list[Quantity]:
    """The figures written with digits in a long text (a body): the fast path of
    `quantities`, which only looks where there is a digit. With `near`, only
    figures that could fall in one of those (low, high) ranges are read."""
    out: list[Quantity] = []
    last_end = -1
    for run in _digit_run_re().finditer(text):
        start = run.start()
        if start < last_end:
            continue
        if near is not None:
            try:
                v0 = float(run.group().replace(",", "").rstrip("."))
            except ValueError:
                continue
            if not any(lo <= v0 * scale <= hi for lo, hi in near for scale in _RUN_SCALES):
                continue
        prev = text[start - 1 : start]
        if prev and (prev.isalnum() or prev in ".,/#&_"):
            continue
        if prev == "-" and (text[start - 2 : start - 1].isalpha() or text[start - 2 : start - 1].isdigit()):
            continue  # "Covid-19", the second half of a score "3-2"
        m = _digit_at_re().match(text, start)
        if m is None or m.group("tail"):
            continue
        after = text[m.end() : m.end() + 6]
        if _after_skip_re().match(after):
            continue
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        scale = m.group("scale")
        j = start - 1 if prev != " " else start - 2
        cur = text[j : j + 1] if j >= 0 and text[j : j + 1] in _CURRENCY else ""
        begin = j if cur else start
        if scale:
            low = scale.lower()
            if low == "b" and not cur:
                continue
            value *= _SCALES[low]
        pct = bool(m.group("pct"))
        year = (
            not cur and not scale and not pct and "," not in raw and "." not in raw and 1900 <= value <= 2099
        )
        before = text[max(0, begin - 16) : begin]
        label = bool(_rank_before_re().search(before) or _compound_after_re().match(text, m.end()))
        out.append(
            Quantity(
                begin,
                m.end(),
                text[begin : m.end()].strip(),
                value,
                pct,
                _approx_kind(before),
                None,
                False,
                year,
                label,
            )
        )
        last_end = m.end()
    return out


_RUN_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)


@functools.cache
def _after_skip_re() -> re.Pattern[str]:
    return compile_pattern(r"\s?[-\u2013]\s?\d|\s?(?:a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE)


# words that can state a headline figure in the body, by the value they stand for
_WORD_FORMS: dict[str, float] = {w: float(v) for w, v in _WORD_NUMBERS.items()}


def body_supports(h: Quantity, numbers: list[Quantity], body: BodyText) -> bool:
    """Does the body state headline figure `h`? `numbers` are the body's digit figures;
    number words, vague plurals and fractions are looked up only as needed."""
    if any(supports(h, b) for b in numbers):
        return True
    if h.words and body.count_prefix(" ".join(h.text.lower().split()), 1):
        return True
    if h.vague is not None:
        word = h.text.lower().strip()
        if body.count_word(word.rstrip("s"), ("s",), 1):
            return True
    if h.vague is None and h.value <= 120:
        for word, value in _WORD_FORMS.items():
            if abs(value - h.value) > 0.5 * h.value:
                continue
            word_figure = Quantity(0, 0, word, value, h.percent, "", None, True)
            if supports(h, word_figure) and body.count_word(word, ("",), 1):
                return True
    for word, (lo, hi) in _VAGUE.items():
        if lo <= h.value < hi and body.count_word(word, ("",), 1):
            return True
    if h.percent:
        for word, value in _FRACTIONS.items():
            if " " in word or "-" in word or abs(value - h.value) > 0.3 * h.value:
                continue
            if body.count_word(word, ("", "s"), 1) and supports(
                h, Quantity(0, 0, word, value, True, "about")
            ):
                return True
    return False


def near_ranges(figures: list[Quantity]) -> list[tuple[float, float]]:
    """The value ranges in which a body figure could state (or contradict) these."""
    out = []
    for q in figures:
        if q.vague is not None:
            out.append((q.vague[0] * 0.5, q.vague[1] * 2.0))
        else:
            out.append((q.value * 0.45, q.value * 2.2))
    return out


_NUMBER_WORDS = frozenset(_WORD_NUMBERS) | frozenset(_VAGUE) | {"half", "third", "quarter", "fifth", "tenth"}


@functools.cache
def _any_digit_re() -> re.Pattern[str]:
    return compile_pattern(r"[0-9]")


def may_have_figure(text: str) -> bool:
    """Cheap test before any analysis: a digit or a number word in the text."""
    if _any_digit_re().search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(_word_re().findall(text.lower()))


# Module-level, so that a wheel install takes them from the compiled-pattern cache.
_SCORE_OR_RANGE = LazyPattern(r"\s?-\s?\d")
_CLOCK_TIME = LazyPattern(r"\s?(?:a\.?m\.?|p\.?m\.?)\b", re.I)
_NUMBER_DASH_BEFORE = LazyPattern(r"\d\s?-$")
_BY_OR_THAN_BEFORE = LazyPattern(r"\b(by|than)\s+$", re.I)
_NOT_DIGIT_OR_POINT = LazyPattern(r"[^\d.]")


def _precision(q: Quantity) -> float:
    """Relative tolerance implied by how the figure is written ("1.2bn" is +-4%)."""
    digits = _NOT_DIGIT_OR_POINT.sub("", q.text.split()[0] if q.text else "")
    if not digits:
        return 0.05
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        unit = 10.0**-decimals
        mantissa = float(digits) if digits.replace(".", "") else 1.0
    else:
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped)
        unit = 10.0**zeros
        mantissa = float(digits)
    if mantissa <= 0:
        return 0.05
    return max(0.05, min(0.12, 0.5 * unit / mantissa + 0.01))


def supports(h: Quantity, b: Quantity) -> bool:
    """Does body figure `b` state headline figure `h` (allowing rounding,
    approximation words, other formats and vague plurals)?"""
    if h.vague is not None:
        lo, hi = h.vague
        if b.vague is not None:
            return b.vague == h.vague or (b.vague[0] <= hi and lo <= b.vague[1])
        return lo <= b.value < hi * 1.5
    if b.vague is not None:
        lo, hi = b.vague
        return lo <= h.value < hi
    if h.percent and not b.percent:
        return False  # "by 15%" is not stated by "14 votes"
    hv, bv = h.value, b.value
    if hv == bv:
        return True
    if hv == 0 or bv == 0:
        return False
    if h.approx == "over" and bv >= hv:
        return bv <= hv * 1.5
    if h.approx == "under" and bv <= hv:
        return bv >= hv * 0.6
    tol = _precision(h)
    if h.approx or b.approx or h.percent:
        tol = max(tol, 0.12)
    return abs(bv - hv) <= tol * hv + 1e-9


# --------------------------------------------------------------------------- analysis


class Term(NamedTuple):
    """A content word of the headline."""

    text: str  # as written
    key: str  # prefix key
    weight: float
    name: bool  # looks like a name (capitalised in a sentence-case headline, acronym)
    start: int = 0
    bare: str = ""  # lower case without a possessive ending ("trump" for "Trump's")


_COUNT_CREDIT = (0.0, 0.5, 0.8, 1.0)
_LEAD_CREDIT = 0.3


class Analysis:
    """What `HeadlineAnalyser.analyse` found."""

    __slots__ = (
        "_evidence",
        "body_chars",
        "body_numbers",
        "body_words",
        "counts",
        "found",
        "in_lead",
        "lead_relatedness",
        "missing_names",
        "missing_numbers",
        "missing_quotes",
        "relatedness",
        "terms",
    )

    def __init__(
        self,
        terms: list[Term],
        found: list[bool],
        relatedness: float,  # 0..1, weighted share of headline terms in the body
        lead_relatedness: float,
        missing_numbers: list[Quantity] | None = None,
        missing_quotes: list[str] | None = None,
        missing_names: list[str] | None = None,
        counts: list[int] | None = None,
        body_numbers: list[Quantity] | None = None,
        in_lead: list[bool] | None = None,
        body_chars: int = 0,
        body_words: int = 0,  # approximate: characters / 6
    ) -> None:
        self.terms = terms
        self.found = found
        self.relatedness = relatedness
        self.lead_relatedness = lead_relatedness
        self.missing_numbers: list[Quantity] = [] if missing_numbers is None else missing_numbers
        self.missing_quotes: list[str] = [] if missing_quotes is None else missing_quotes
        self.missing_names: list[str] = [] if missing_names is None else missing_names
        self.counts: list[int] = [] if counts is None else counts
        self.body_numbers: list[Quantity] = [] if body_numbers is None else body_numbers
        self.in_lead: list[bool] = [] if in_lead is None else in_lead
        self.body_chars = body_chars
        self.body_words = body_words
        # `HeadlineAnalyser.analyse` sums the evidence as it counts (the same sums in the same order)
        self._evidence: float | None = None

    @property
    def evidence(self) -> float:
        """0..1: how well the body covers the headline's words. A word found
        once counts half, twice 0.8, three times fully; being in the lead adds
        0.3. Weighted by informativeness."""
        if self._evidence is not None:
            return self._evidence
        total = 0.0
        score = 0.0
        for term, count, lead in zip(self.terms, self.counts, self.in_lead, strict=True):
            total += term.weight
            credit = _COUNT_CREDIT[min(count, 3)] + (_LEAD_CREDIT if lead else 0.0)
            score += term.weight * min(1.0, credit)
        return score / total if total else 1.0

    @property
    def informative_terms(self) -> int:
        return sum(1 for t in self.terms if t.weight >= 1.0)

    @property
    def missing_terms(self) -> list[Term]:
        return [t for t, f in zip(self.terms, self.found, strict=True) if not f]


@functools.cache
def _quote_double_re() -> re.Pattern[str]:
    return compile_pattern(r'"([^"]{2,120})"')


@functools.cache
def _quote_single_re() -> re.Pattern[str]:
    return compile_pattern(r"(?<![\w])'([^']{2,120}?)'(?![\w])")


_BREAK_CHARS = frozenset(":|?!")


@functools.cache
def _dotted_re() -> re.Pattern[str]:
    return compile_pattern(r"\b(?:[A-Z]\.){2,}")


_ACRONYM_SKIP = frozenset({"of", "for", "and", "the", "de", "on", "in"})


def _is_title_case(words: list[str], stop: frozenset[str]) -> bool:
    """True if (nearly) every long word is capitalised: capitals then say nothing
    about names."""
    n = caps = 0
    for w in words[1:]:
        if len(w) > 3 and w.lower() not in stop:
            n += 1
            caps += w[0].isupper()
    return n < 2 or caps >= 0.7 * n


class HeadlineAnalyser:
    """Compares a headline with its body (see the module docstring)."""

    def __init__(self, lexicon: Lexicon, lead_chars: int = 600) -> None:
        self.lex = lexicon
        self.lead_chars = lead_chars
        self._words: dict[str, tuple[str, str, int, bool]] = {}

    # ---- words

    def _word(self, word: str) -> tuple[str, str, int, bool]:
        """(lower case without a possessive ending, key, 0 stopword / 1 weak / 2
        content, looks like an acronym), cached per spelling."""
        info = self._words.get(word)
        if info is None:
            if len(self._words) > 50_000:
                self._words.clear()
            low = word.lower()
            # an acronym ("FSA", "MPs"); a longer word in capitals is shouting ("HORROR")
            acronym = 2 <= len(word) <= 5 and (
                word.isupper() or (len(word) >= 3 and word[-1] == "s" and word[:-1].isupper())
            )
            # 1 weak before 0 stopword: "US" is weak as an acronym, "us" a stopword
            kind = 1 if low in self.lex.weak else 0 if low in self.lex.stopwords or len(low) < 2 else 2
            bare = (low[:-2] if low.endswith("'s") else low).rstrip("'")
            info = self._words[word] = (bare, stem_key(low), kind, acronym)
        return info

    def terms(self, headline: str) -> list[Term]:
        """The headline's content words with their weights."""
        words = _word_re().findall(headline)
        upper = headline.upper() == headline
        title = upper or _is_title_case(words, self.lex.stopwords)
        seen: set[str] = set()
        out: list[Term] = []
        pos = 0
        # a label before a colon at the start ("GRAPHIC CONTENT: ...") names no one
        colon = headline.find(":")
        label_end = colon if 0 < colon <= 25 else 0
        cache = self._words
        for i, word in enumerate(words):
            start = headline.find(word, pos)
            pos = start + len(word)
            low, key, kind, acronym = cache.get(word) or self._word(word)
            acronym = acronym and not upper
            if (kind == 0 and not acronym) or len(low) < 2 or key in seen:
                continue
            if kind == 1 and low in self.lex.stopwords and not acronym:
                continue  # "us", "over": stopwords also listed as weak words
            seen.add(key)
            if kind == 1:
                out.append(Term(word, key, 0.25, False, start, low))
                continue
            name = (
                acronym
                or (
                    not title
                    and i > 0
                    and word[0].isupper()
                    and headline[:start].rstrip()[-1:] not in _BREAK_CHARS
                )
            ) and not (label_end and start < label_end)
            out.append(Term(word, key, 1.5 if name else 1.0, name, start, low))
        return out

    def _found(self, term: Term, body: BodyText) -> bool:
        return self._count(term, body, 1)[0] > 0

    def _count(self, term: Term, body: BodyText, cap: int = 4) -> tuple[int, int]:
        """How often (up to `cap`) the body has the term, as a word starting with
        its key, or (short words) the word itself with a plural or past ending;
        and where the first occurrence found is (-1 if none)."""
        low = term.bare or (term.text.lower().removesuffix("'s").rstrip("'"))
        key = term.key
        if len(key) <= 4 and key == low:
            found = body._find(low, cap, None, _SHORT_ENDINGS)
            if not found[0] and low.endswith("s") and len(low) > 3:
                found = body._find(low[:-1], cap, None, ("",))
        else:
            found = body._find(key, cap, None, None)
        if found[0]:
            return found
        return self._count_other_forms(term, low, body, cap)

    def _count_other_forms(self, term: Term, low: str, body: BodyText, cap: int) -> tuple[int, int]:
        """`_count` for a term whose own key or word the body lacks: its listed word
        forms, then (a name) its acronym spelt out."""
        n, first = 0, -1
        for form in self.lex.forms.get(low, ()):
            m, at = body._find(form, cap, None, ("",))
            if m:
                n += m
                first = at if first < 0 else min(first, at)
                if n >= cap:
                    break
        if n:
            return min(n, cap), first
        if term.name and self._acronym_expanded(term.text, body):
            return 1, len(body.text)
        return 0, -1

    @staticmethod
    def _acronym_expanded(word: str, body: BodyText) -> bool:
        """Is acronym `word` ("IISS") spelt out in the body ("International
        Institute for Strategic Studies")?"""
        letters = word.rstrip("s").lower()
        if not (2 <= len(letters) <= 6 and letters.isalpha()):
            return False
        if letters.isascii():
            # the initials of the body's words, made once per body: the words are
            # those of the marked copy (see `_MARK_TABLE`), whose first characters
            # equal the lower-cased text's wherever they are ASCII
            return letters in body.initials
        words = [w for w in _non_word_re().split(body.low) if w and w not in _ACRONYM_SKIP]
        n = len(letters)
        first = letters[0]
        for i in range(len(words) - n + 1):
            if words[i][0] == first and "".join(w[0] for w in words[i : i + n]) == letters:
                return True
        return False

    # ---- elements

    @staticmethod
    def quotes(headline: str) -> list[tuple[str, float]]:
        """Quoted passages of a (cleaned) headline worth checking, each with the
        share of its words the body must contain: double-quoted passages of two
        words or more need more than half; single-quoted ones of five words or
        more, which in British headline style paraphrase what was said ("Unions
        urge 'fresh look at pay'"), only a third."""
        out: list[tuple[str, float]] = []
        if '"' not in headline and "'" not in headline:
            return out
        for rx, min_words, share in ((_quote_double_re(), 2, 0.5), (_quote_single_re(), 5, 0.34)):
            for m in rx.finditer(headline):
                text = m.group(1).strip().strip(",.;:!?")
                if len(text.split()) >= min_words:
                    out.append((text, share))
        return out

    def _quote_supported(self, quote: str, share: float, body: BodyText) -> bool:
        if quote.lower() in body.low:
            return True
        terms = [t for t in self.terms(quote) if t.weight >= 1.0]
        if not terms:
            return True
        hits = sum(1 for t in terms if self._found(t, body))
        return hits > share * len(terms)

    @staticmethod
    def _names(terms: list[Term], found: list[bool]) -> list[str]:
        """Names of two words or more in a sentence-case headline ("Marta Sollen")
        the body never mentions; a name counts as mentioned if any of its words
        is ("Martha Quinlan" is mentioned by "Quinlan"). Single capitalised words are
        too often nicknames or metonyms ("Spurs", "Tory", "Hollywood")."""
        out: list[str] = []
        group: list[tuple[Term, bool]] = []

        def flush() -> None:
            if len(group) >= 2 and not any(f for _, f in group):
                out.append(" ".join(t.text for t, _ in group))
            group.clear()

        prev_end = -10
        for term, ok in zip(terms, found, strict=True):
            if not term.name:
                flush()
                prev_end = -10
                continue
            if term.start - prev_end > 2:
                flush()
            group.append((term, ok))
            prev_end = term.start + len(term.text)
        flush()
        return out

    # ---- decisions

    @staticmethod
    def unrelated(result: Analysis, min_relatedness: float, full_body_chars: int) -> bool:
        """Is the body about another story? The evidence must fall below
        `min_relatedness`, scaled down for bodies shorter than `full_body_chars`
        (a short body cannot repeat the headline's words)."""
        if result.informative_terms < 2:
            return False
        scale = min(1.0, result.body_chars / full_body_chars) if full_body_chars else 1.0
        return result.evidence < min_relatedness * scale

    # ---- main

    def analyse(self, headline: str, body: str) -> Analysis:
        """Compare a headline with its body."""
        headline = clean(headline)
        if "." in headline:
            headline = _dotted_re().sub(lambda m: m.group().replace(".", ""), headline)
        text = BodyText(body, self.lead_chars)
        terms = self.terms(headline)
        counts: list[int] = []
        found: list[bool] = []
        in_lead: list[bool] = []
        lead_end = text.lead_end
        total = hit = lead_hit = score = 0.0
        marks = text.marks if terms else ""
        for term in terms:
            key = term.key
            low = term.bare or (term.text.lower().removesuffix("'s").rstrip("'"))
            if (len(key) > 4 or key != low) and key.isascii() and key.isalnum():
                # `_count`'s usual case inlined: a prefix key looked up in the marked copy
                # (`BodyText._find_marked` without endings). One `find`, then `count` from
                # the first occurrence on: the same count, and a missing key is one scan.
                needle = " " + key
                at = marks.find(needle)
                if at >= 0:
                    n = marks.count(needle, at)
                    if n > 4:
                        n = 4
                else:
                    n, at = self._count_other_forms(term, low, text, 4)
            else:
                n, at = self._count(term, text)
            lead = 0 <= at < lead_end
            counts.append(n)
            found.append(n > 0)
            in_lead.append(lead)
            weight = term.weight
            total += weight
            # `Analysis.evidence`'s sum, term by term
            score += weight * min(1.0, _COUNT_CREDIT[min(n, 3)] + (_LEAD_CREDIT if lead else 0.0))
            if n:
                hit += weight
                if at < lead_end:
                    lead_hit += weight
        rel, lead_rel = (hit / total, lead_hit / total) if total else (1.0, 1.0)
        result = Analysis(
            terms,
            found,
            rel,
            lead_rel,
            counts=counts,
            in_lead=in_lead,
            body_chars=len(body),
            body_words=len(body) // 6,
        )
        result._evidence = score / total if total else 1.0
        # figures
        may_count = _any_digit_re().search(headline) or not _NUMBER_WORDS.isdisjoint(
            [t.text.lower() for t in terms]
        )
        hq = [q for q in quantities(headline) if not q.year and not q.label] if may_count else []
        if hq:
            bq = result.body_numbers = digit_quantities(body, near_ranges(hq))
            for q in hq:
                if not body_supports(q, bq, text):
                    result.missing_numbers.append(q)
        # quoted words
        for quote, share in self.quotes(headline):
            if not self._quote_supported(quote, share, text):
                result.missing_quotes.append(quote)
        if any(t.name for t in terms):
            result.missing_names = self._names(terms, found)
        return result


# --------------------------------------------------------------------------- titles


@functools.cache
def _crumb_sep_re() -> re.Pattern[str]:
    return compile_pattern(r"\s[\u00bb\u203a>]\s")


@functools.cache
def _breadcrumb_re() -> re.Pattern[str]:
    return compile_pattern(r"^.*?(?:\s[»›>|/]\s)(?!.*\s[»›>|/]\s)")


def strip_breadcrumb(title: str) -> str:
    """``Home » world » Some Title`` -> ``Some Title``."""
    if ("\u00bb" in title or "\u203a" in title or " > " in title) and _crumb_sep_re().search(title):
        return _breadcrumb_re().sub("", title).strip()
    return title.strip()


def title_overlap(a: str, b: str, lexicon: Lexicon) -> float:
    """Weighted share of title `a`'s content words found in title `b`."""
    analyser = HeadlineAnalyser(lexicon)
    terms = analyser.terms(clean(a))
    total = sum(t.weight for t in terms)
    if not total:
        return 1.0
    other = BodyText(clean(b))
    return sum(t.weight for t in terms if analyser._found(t, other)) / total


def titles_conflict(a: str, b: str, lexicon: Lexicon, threshold: float = 0.5) -> bool:
    """Two titles of one article conflict when each shares less than `threshold`
    of its (weighted) content words with the other: a rewording or a subtitle
    that elaborates shares most of them."""
    a, b = strip_breadcrumb(clean(a)), strip_breadcrumb(clean(b))
    na = " ".join(_non_word_re().sub(" ", a.lower()).split())
    nb = " ".join(_non_word_re().sub(" ", b.lower()).split())
    if not na or not nb or na == nb or na in nb or nb in na:
        return False
    return title_overlap(a, b, lexicon) < threshold and title_overlap(b, a, lexicon) < threshold


# --------------------------------------------------------------------------- contradictions


@functools.cache
def _noun_after_re() -> re.Pattern[str]:
    return compile_pattern(r"\s*([^\W\d_][\w'-]*)")


@functools.cache
def _of_before_re() -> re.Pattern[str]:
    return compile_pattern(
        rf"\b(?:\d[\d,]*|{_NUM_WORDS_ALT})\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w-]+'s\s+)?$",
        re.IGNORECASE,
    )


@functools.cache
def _stop_scan_re() -> re.Pattern[str]:
    return compile_pattern(r"[.;:!?()\d]")


_TRAILING = "'\",.;:!?)"


def _currency_of(text: str) -> str:
    """The currency sign of a figure ("" for none)."""
    for ch in text:
        if ch in "\u00a3$\u20ac\u00a5":
            return ch
    return ""


_PEOPLE = frozenset(
    {"people", "persons", "men", "women", "more", "new", "other", "extra", "additional", "further"}
)


def _headline_noun(headline: str, q: Quantity, lexicon: Lexicon) -> tuple[str, int] | None:
    """The counted thing after a headline figure ("Six Clinics" -> clinics; "12
    people killed" -> killed, "people" being only the fallback)."""
    pos = q.end
    fallback: tuple[str, int] | None = None
    for _ in range(3):
        m = _noun_after_re().match(headline, pos)
        if not m:
            break
        word = m.group(1).lower()
        pos = m.end()
        if word in lexicon.stopwords:
            break
        if word in _PEOPLE:
            fallback = fallback or (word, m.end())
            continue
        return word, m.end()
    return fallback


def contradictions(
    headline: str, body: str, result: Analysis, lexicon: Lexicon | None = None
) -> list[tuple[Quantity, str, str]]:
    """Headline figures missing from the body for which the body gives another
    count of the same thing: (figure, headline phrase, body phrase)."""
    out: list[tuple[Quantity, str, str]] = []
    candidates = [q for q in result.missing_numbers if q.vague is None and not q.percent and q.value >= 2]
    if not candidates:
        return out
    lex = lexicon or Lexicon(frozenset(), frozenset())
    headline = clean(headline)
    body_q = [b for b in result.body_numbers if b.vague is None and not b.year and not b.percent]
    for q in candidates:
        currency = _currency_of(q.text)
        noun = _headline_noun(headline, q, lex)
        if noun is None:
            continue
        word, noun_end = noun
        key = stem_key(word)
        forms = set(lex.forms.get(word, ())) | {word}
        for b in body_q:
            if supports(q, b) or _currency_of(b.text) != currency:
                continue  # the same figure, or money in another currency
            if (q.approx == "over" and b.value >= q.value) or (q.approx == "under" and b.value <= q.value):
                continue  # "at least 15" is not contradicted by 28
            window = body[b.end : b.end + 40]
            cut = _stop_scan_re().search(window)
            if cut:
                window = window[: cut.start()]
            words = list(_word_re().finditer(window))[:4]
            hit = None
            for w in words:
                low = w.group().lower()
                if low.startswith(key) or low in forms:
                    hit = w
                    break
            if hit is None:
                continue
            start = b.start
            of = _of_before_re().search(body, max(0, b.start - 40), b.start)
            if of:
                start = of.start()
            said = " ".join(body[start : b.end + hit.end()].split())
            phrase = " ".join(headline[q.start : noun_end].split()).rstrip(_TRAILING)
            out.append((q, phrase, said.rstrip(_TRAILING)))
            break
    return out


# --------------------------------------------------------------------------- winners

_WIN_VERBS = (
    r"wins|win|won|takes|took|claims|claimed|scoops|scooped|lands|landed|clinches|clinched|"
    r"tops|topped|crowned"
)


@functools.cache
def _headline_win_re() -> re.Pattern[str]:
    return compile_pattern(rf"^(?P<subject>.+?)\s+(?P<verb>{_WIN_VERBS})\s+(?P<prize>.+)$", re.IGNORECASE)


@functools.cache
def _prize_end_re() -> re.Pattern[str]:
    return compile_pattern(r"\s*(?:\b(?:at|in|for|as|with|after|on|to|amid|despite|over)\b|[,:;(\u2013-]).*$")


@functools.cache
def _body_win_re() -> re.Pattern[str]:
    return compile_pattern(rf"\b(?:{_WIN_VERBS})\b", re.IGNORECASE)


@functools.cache
def _quoted_title_re() -> re.Pattern[str]:
    return compile_pattern(r"['\"]([^'\"]{2,60})['\"]")


@functools.cache
def _winner_before_re() -> re.Pattern[str]:
    return compile_pattern(
        r"(?:\"([^\"]{2,60})\"|((?:[A-Z][\w'-]+\s+){0,3}[A-Z][\w'-]+))\s*,?\s*(?:has\s+|had\s+|have\s+)?$"
    )


@functools.cache
def _sentence_break_re() -> re.Pattern[str]:
    return compile_pattern(r"[.!?]\s")


_PAST = {
    "win": "won",
    "wins": "won",
    "takes": "took",
    "claims": "claimed",
    "scoops": "scooped",
    "lands": "landed",
    "clinches": "clinched",
    "tops": "topped",
}


class Winner(NamedTuple):
    """A headline's winner that the body contradicts."""

    claimed: str  # the headline's winner ("North Light")
    verb: str  # the headline's verb in the past tense ("won")
    prize: str  # what was won ("Golden Anchor")
    named: str  # the winner the body names ("Salt Road")
    sentence: str  # the body sentence that names it


def _is_named(term: Term, body: BodyText) -> bool:
    """Does the body write the term capitalised after a lower-case word (a name)?"""
    text = body.text
    form = term.key[:1].upper() + term.key[1:]
    i = text.find(form)
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j] in " ,\"'":
            j -= 1
        if j >= 0 and text[j].islower():
            return True
        i = text.find(form, i + 1)
    return False


def winner_contradiction(analyser: HeadlineAnalyser, headline: str, body: str) -> Winner | None:
    """A headline that says a named X won Y while the one body sentence
    that has the same verb and Y names someone else right before the verb and never
    X ("'North Light' Wins Golden Anchor" vs '"Salt Road" won the Golden Anchor').
    Any sentence with the verb, Y and X is support."""
    headline = clean(headline)
    m = _headline_win_re().match(headline)
    if m is None:
        return None
    subject = m.group("subject")
    prize = _prize_end_re().sub("", m.group("prize")).strip()
    text = BodyText(clean(body), 0)
    quoted = _quoted_title_re().findall(subject)
    if quoted:
        claimed = quoted[-1]
        who = [t for t in analyser.terms(claimed) if t.weight >= 1.0]
    else:
        who = [t for t in analyser.terms(subject) if t.weight >= 1.0 and _is_named(t, text)]
        claimed = " ".join(t.text for t in who)
    what = [t for t in analyser.terms(prize) if t.weight >= 1.0]
    if not who or not what:
        return None
    key = what[0].key
    low = text.low
    found: Winner | None = None
    i = low.find(key)
    # the sentence start is the end of the last sentence break before i; the key's
    # occurrences come in order, so the breaks are read once, from where the last
    # search stopped (a break is two characters, so one ending at `scanned` or
    # later starts at `scanned - 1` or later; two breaks never overlap)
    start = scanned = 0
    while i >= 0:
        for b in _sentence_break_re().finditer(low, max(0, scanned - 1), i):
            start = b.end()
        scanned = i
        stop = _sentence_break_re().search(low, i)
        end = stop.start() + 1 if stop else len(low)
        sentence = text.text[start:end]
        verb = _body_win_re().search(sentence)
        if verb and all(analyser._found(t, BodyText(sentence, 0)) for t in what):
            if any(analyser._found(t, BodyText(sentence, 0)) for t in who):
                return None  # the body gives the headline's winner
            named = _winner_before_re().search(sentence, 0, verb.start())
            if named and found is None:
                verb_past = _PAST.get(m.group("verb").lower(), m.group("verb").lower())
                winner = named.group(1) or named.group(2)
                found = Winner(claimed, verb_past, prize, winner, " ".join(sentence.split()))
        i = low.find(key, end)
    return found
