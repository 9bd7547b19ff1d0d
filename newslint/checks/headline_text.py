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

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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

_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def clean(text: str) -> str:
    """Straighten quotes and dashes (same length as the input)."""
    return text.translate(_TRANSLATE)


class BodyText:
    """A body prepared for word look-ups without tokenising it: lower-cased once;
    a look-up is a substring search checked for word boundaries."""

    __slots__ = ("lead_end", "low", "text")

    def __init__(self, text: str, lead_chars: int = 600) -> None:
        self.text = text
        self.low = text.lower()
        end = min(len(text), lead_chars)
        # finish the lead at a word boundary
        while end < len(text) and text[end].isalnum():
            end += 1
        self.lead_end = end

    def count_prefix(self, key: str, cap: int = 4, stop: int | None = None) -> int:
        """Occurrences (up to `cap`) of a word starting with `key`."""
        low = self.low
        end = len(low) if stop is None else stop
        n = 0
        i = low.find(key, 0, end)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                n += 1
                if n >= cap:
                    break
            i = low.find(key, i + 1, end)
        return n

    def count_word(
        self, word: str, endings: tuple[str, ...] = ("",), cap: int = 4, stop: int | None = None
    ) -> int:
        """Occurrences (up to `cap`) of `word` + one of `endings` as a whole word."""
        low = self.low
        end = len(low) if stop is None else stop
        n = 0
        i = low.find(word, 0, end)
        size = len(word)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                j = i + size
                while j < len(low) and low[j].isalnum():
                    j += 1
                if low[i + size : j] in endings:
                    n += 1
                    if n >= cap:
                        break
            i = low.find(word, i + 1, end)
        return n


# Suffixes stripped to get a prefix key that every inflection of a word shares.
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
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Lexicon:
    """The word lists the analysis needs (loaded from rules/headline/data)."""

    stopwords: frozenset[str]
    weak: frozenset[str]
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_lines(
        cls, stopwords: Iterable[str], weak: Iterable[str], forms: Iterable[str]
    ) -> Lexicon:
        groups: dict[str, tuple[str, ...]] = {}
        for line in _data_lines(forms):
            words = tuple(line.split())
            for word in words:
                groups[word] = tuple(dict.fromkeys(groups.get(word, ()) + words))
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
    "scores": (40.0, 200.0),
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
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?<![A-Za-z]-)"
    r"(?P<cur>US\$|A\$|C\$|[£$€¥])?\s?"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<word>(?:{_NUM_WORDS_ALT})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})(?![\w]))?"
    r"(?:\s?(?P<pct>%|\s?per\s?cent\b|\s?percent\b|pc\b))?"
    r"(?P<tail>[A-Za-z]*)",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(dozens|scores|hundreds|thousands|millions|billions)\b", re.IGNORECASE)
_FRACTION_RE = re.compile(
    r"\b(?:(?:a|one)[\s-](half|third|quarter|fifth|tenth)|(two[\s-]thirds|three[\s-]quarters)"
    r"|(half))\b",
    re.IGNORECASE,
)
_ONE_IN = re.compile(r"\b(one|1) in (two|three|four|five|ten|\d+)\b", re.IGNORECASE)
_APPROX_BEFORE = re.compile(
    r"(?:\b(over|more than|above|at least|upwards of|almost|nearly|up to|under|less than|"
    r"fewer than|around|about|some|roughly|approximately|close to|an estimated|"
    r"estimated)\s+|~)$",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\b\d{1,3}\s?-\s?\d{1,3}\b")


@dataclass(frozen=True)
class Quantity:
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


def _approx_kind(before: str) -> str:
    m = _APPROX_BEFORE.search(before)
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
    for m in _NUMBER.finditer(text):
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
        if re.match(r"\s?-\s?\d", after) or re.match(r"\s?(?:a\.?m\.?|p\.?m\.?)\b", after, re.I):
            continue  # a score "3-2", a range "10-12" is handled loosely, a time "6 a.m."
        if m.start() > 0 and text[m.start() - 1 : m.start()] == "-" and re.search(
            r"\d\s?-$", text[max(0, m.start() - 5) : m.start()]
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
        approx = _approx_kind(text[max(0, m.start() - 16) : m.start()])
        out.append(
            Quantity(m.start(), m.end(), m.group().strip(), value, pct, approx, None, words, year)
        )
    for m in _VAGUE_RE.finditer(text):
        lo, hi = _VAGUE[m.group(1).lower()]
        out.append(Quantity(m.start(), m.end(), m.group(), lo, False, "", (lo, hi), True))
    for m in _FRACTION_RE.finditer(text):
        key = (m.group(1) or m.group(2) or m.group(3)).lower().replace("-", " ")
        key = {"two thirds": "two-thirds", "three quarters": "three-quarters"}.get(key, key)
        if key == "half" and m.group(3) and not re.search(
            r"\b(by|than)\s+$", text[max(0, m.start() - 6) : m.start()], re.I
        ):
            continue  # bare "half" ("second half") is rarely a figure
        out.append(Quantity(m.start(), m.end(), m.group(), _FRACTIONS[key], True, "about", None, True))
    for m in _ONE_IN.finditer(text):
        d = m.group(2).lower()
        denominator = float(_WORD_NUMBERS[d]) if d in _WORD_NUMBERS else float(d)
        if denominator:
            out.append(
                Quantity(m.start(), m.end(), m.group(), 100 / denominator, True, "about", None, True)
            )
    return out


def _precision(q: Quantity) -> float:
    """Relative tolerance implied by how the figure is written ("1.2bn" is +-4%)."""
    digits = re.sub(r"[^\d.]", "", q.text.split()[0] if q.text else "")
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
    return max(0.05, 0.5 * unit / mantissa + 0.01)


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


@dataclass(frozen=True)
class Term:
    """A content word of the headline."""

    text: str  # as written
    key: str  # prefix key
    weight: float
    name: bool  # looks like a name (capitalised in a sentence-case headline, acronym)
    start: int = 0


@dataclass
class Analysis:
    """What `HeadlineAnalyser.analyse` found."""

    terms: list[Term]
    found: list[bool]
    relatedness: float  # 0..1, weighted share of headline terms in the body
    lead_relatedness: float
    missing_numbers: list[Quantity] = field(default_factory=list)
    contradicted: list[tuple[Quantity, str]] = field(default_factory=list)
    missing_quotes: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    in_lead: list[bool] = field(default_factory=list)
    body_chars: int = 0

    @property
    def missing_terms(self) -> list[Term]:
        return [t for t, f in zip(self.terms, self.found, strict=True) if not f]


_QUOTE_DOUBLE = re.compile(r'"([^"]{2,120})"')
_QUOTE_SINGLE = re.compile(r"(?<![\w])'([^']{2,120}?)'(?![\w])")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}s?$")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_ACRONYM_SKIP = frozenset({"of", "for", "and", "the", "de", "on", "in"})


def _is_title_case(words: list[str], stop: frozenset[str]) -> bool:
    """True if (nearly) every long word is capitalised: capitals then say nothing
    about names."""
    content = [w for w in words[1:] if len(w) > 3 and w.lower() not in stop]
    if len(content) < 2:
        return True
    caps = sum(1 for w in content if w[0].isupper())
    return caps >= 0.7 * len(content)


class HeadlineAnalyser:
    """Compares a headline with its body (see the module docstring)."""

    def __init__(self, lexicon: Lexicon, lead_chars: int = 600) -> None:
        self.lex = lexicon
        self.lead_chars = lead_chars

    # ---- words

    def terms(self, headline: str) -> list[Term]:
        """The headline's content words with their weights."""
        stop, weak = self.lex.stopwords, self.lex.weak
        matches = list(_WORD.finditer(headline))
        words = [m.group() for m in matches]
        upper = headline.upper() == headline
        title = upper or _is_title_case(words, stop)
        seen: set[str] = set()
        out: list[Term] = []
        after_colon = {m.end() for m in re.finditer(r"[:|?!]\s*", headline)}
        for i, m in enumerate(matches):
            word = m.group()
            low = word.lower()
            acronym = not upper and bool(_ACRONYM.match(word)) and len(word) >= 2
            if low in stop and not acronym:
                continue
            if len(low) < 2:
                continue
            key = stem_key(low)
            if key in seen:
                continue
            seen.add(key)
            name = acronym or (
                not title and word[0].isupper() and i > 0 and m.start() not in after_colon
            )
            if low in weak:
                weight = 0.25
            elif name:
                weight = 1.5
            else:
                weight = 1.0
            out.append(Term(word, key, weight, name, m.start()))
        return out

    def _found(self, term: Term, body: BodyText) -> bool:
        return self._count(term, body, 1) > 0

    def _count(self, term: Term, body: BodyText, cap: int = 4, stop: int | None = None) -> int:
        """How often (up to `cap`) the body has the term, as a word starting with
        its key, or (short words) the word itself with a plural or past ending."""
        low = term.text.lower()
        if low.endswith("'s"):
            low = low[:-2]
        low = low.rstrip("'")
        key = term.key
        if len(key) <= 4 and key == low:
            n = body.count_word(low, ("", "s", "es", "d", "ed"), cap, stop)
            if not n and low.endswith("s") and len(low) > 3:
                n = body.count_word(low[:-1], ("",), cap, stop)
        else:
            n = body.count_prefix(key, cap, stop)
        if n:
            return n
        for form in self.lex.forms.get(low, ()):
            n += body.count_word(form, ("",), cap, stop)
            if n >= cap:
                return cap
        if n:
            return n
        if term.name and stop is None and self._acronym_expanded(term.text, body.low):
            return 1
        return 0

    @staticmethod
    def _acronym_expanded(word: str, low: str) -> bool:
        """Is acronym `word` ("IISS") spelt out in the body ("International
        Institute for Strategic Studies")?"""
        letters = word.rstrip("s").lower()
        if not (2 <= len(letters) <= 6 and letters.isalpha()):
            return False
        words = [w for w in _NON_WORD.split(low) if w and w not in _ACRONYM_SKIP]
        n = len(letters)
        first = letters[0]
        for i in range(len(words) - n + 1):
            if words[i][0] == first and "".join(w[0] for w in words[i : i + n]) == letters:
                return True
        return False

    # ---- elements

    @staticmethod
    def quotes(headline: str) -> list[tuple[int, str]]:
        """Quoted passages of a (cleaned) headline with their offsets."""
        out = []
        for rx in (_QUOTE_DOUBLE, _QUOTE_SINGLE):
            for m in rx.finditer(headline):
                out.append((m.start(1), m.group(1).strip().strip(",.;:!?")))
        return out

    def _quote_supported(self, quote: str, body: BodyText) -> bool:
        if quote.lower() in body.low:
            return True
        terms = [t for t in self.terms(quote) if t.weight >= 1.0]
        if not terms:
            return True
        hits = sum(1 for t in terms if self._found(t, body))
        return hits >= 0.6 * len(terms)

    @staticmethod
    def _names(terms: list[Term], found: list[bool]) -> list[str]:
        """Name-like headline words the body never mentions, grouped into names;
        a name counts as mentioned if any of its words is ("Grace Okafor" is
        mentioned by "Okafor")."""
        out: list[str] = []
        group: list[tuple[Term, bool]] = []

        def flush() -> None:
            if group and not any(f for _, f in group):
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

    # ---- main

    def analyse(self, headline: str, body: str) -> Analysis:
        """Compare a headline with its body."""
        headline = _DOTTED.sub(lambda m: m.group().replace(".", ""), clean(headline))
        text = BodyText(body, self.lead_chars)
        terms = self.terms(headline)
        counts = [self._count(t, text) for t in terms]
        found = [c > 0 for c in counts]
        total = sum(t.weight for t in terms)
        in_lead = [c > 0 and self._count(t, text, 1, text.lead_end) > 0 for t, c in zip(terms, counts, strict=True)]
        if total:
            rel = sum(t.weight for t, f in zip(terms, found, strict=True) if f) / total
            lead = sum(t.weight for t, f in zip(terms, in_lead, strict=True) if f) / total
        else:
            rel = lead = 1.0
        result = Analysis(terms, found, rel, lead, counts=counts, in_lead=in_lead, body_chars=len(body))
        # figures
        hq = [q for q in quantities(headline) if not q.year]
        if hq:
            bq = quantities(clean(body))
            for q in hq:
                if any(supports(q, b) for b in bq):
                    continue
                result.missing_numbers.append(q)
        # quoted words
        for _, quote in self.quotes(headline):
            if not self._quote_supported(quote, text):
                result.missing_quotes.append(quote)
        result.missing_names = self._names(terms, found)
        return result


# --------------------------------------------------------------------------- titles

_BREADCRUMB = re.compile(r"^.*?(?:\s[»›>|/]\s)(?!.*\s[»›>|/]\s)")


def strip_breadcrumb(title: str) -> str:
    """``Home » world » Some Title`` -> ``Some Title``."""
    if re.search(r"\s[»›>]\s", title):
        return _BREADCRUMB.sub("", title).strip()
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
    na = " ".join(_NON_WORD.sub(" ", a.lower()).split())
    nb = " ".join(_NON_WORD.sub(" ", b.lower()).split())
    if not na or not nb or na == nb or na in nb or nb in na:
        return False
    return title_overlap(a, b, lexicon) < threshold and title_overlap(b, a, lexicon) < threshold
