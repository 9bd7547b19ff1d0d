"""Sourcing rules: figures stated as fact with no source, vague sources, incomplete sources.

Three rule types share one analysis of each document:

* ``unattributed-statistic`` (SR001): a sentence states a quantitative claim
  (percentage, fraction, "X in Y", multiplier, large count, money total,
  majority, record, ranking) and nothing in its attribution scope names a
  source. A source is a reporting verb with a named subject ("Rightmove said"),
  "according to" a named body, "data from X", a link on the sentence, or a
  citation marker.
* ``vague-attribution`` (SR002): a weasel phrase that stands in for a source
  ("studies show", "experts say", "according to reports"), reported at the
  phrase whether or not a figure follows; a figure whose only source is a
  generic group ("economists expect 2% growth") is reported here too.
* ``incomplete-attribution`` (SR003): a named organisation's study or survey
  used as a source with no date, title or link ("a recent Pew Research Center
  study").

The shared attribution lexicon (reporting verbs, vague sources, scope) lives in
the ``sourcing`` settings namespace; each rule's phrase lists live in its TOML
file under ``rules/sourcing/``. The text analysis is made of pure functions over
plain strings (`find_claims`, `Lexicon.cues`, `analyse_paragraph`) so it can be
tested without parsing a document.
"""

from __future__ import annotations

import _thread
import bisect
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint._record import Record, tuple_field
from newslint.document import Document
from newslint.model import Finding, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import LazyPattern, compile_pattern, has_case_twin, translation_table
from newslint.resources import rules_dir
from newslint.settings import Settings

_ALL_BYTES = bytes(range(256))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _byte_marks(chosen: bytes, mark: bytes | None, other: bytes) -> bytes:
    """A `bytes.translate` table: each byte of `chosen` to `mark` (None: to itself), every other to `other`.

    Built in C: a Python loop over the 256 bytes costs about 100K instructions at import.
    """
    rest = _ALL_BYTES.translate(None, chosen)
    if mark is None:
        return _ALL_BYTES.translate(bytes.maketrans(rest, other * len(rest)))
    return _ALL_BYTES.translate(bytes.maketrans(chosen + rest, mark * len(chosen) + other * len(rest)))


# Small patterns of the framing and citation tests, module-level so that a wheel install
# takes them from the compiled-pattern cache instead of compiling them on each run.
_SCALE_WORD_RE = LazyPattern(r"million|billion|trillion", re.IGNORECASE)
_NUMBER_MARK_BEFORE_RE = LazyPattern(r"(?:\bNo\.?|\d)\s$")
_IN_BEFORE_RE = LazyPattern(r"\bin\s$")
_COMMA_NAME_AFTER_RE = LazyPattern(r",\s+(?:the\s+)?[A-Z]")
_CLAUSE_END_AFTER_RE = LazyPattern(r"\s*(?:[,.;:”\"]|that\b|$)")
_QUOTE_CLOSE_BEFORE_RE = LazyPattern(r"[,”\"]\s*(?:\w+\s+){0,3}$")
_PUT_FIGURE_AT_RE = LazyPattern(
    r"\s+(?:the|its|their)\s+(?:\w+\s+)?(?:figure|number|cost|total|toll|bill|value|estimate|loss"
    r"|losses|damage|count)\s+at\b",
    re.IGNORECASE,
)
_TO_AFTER_RE = LazyPattern(r"\s+to\s")
_ACCORDING_TO_BEFORE_RE = LazyPattern(r"\baccording\s+to\s+$", re.IGNORECASE)
_BY_AFTER_RE = LazyPattern(r"\s+by\s+")
_LONG_WORD_RE = LazyPattern(r"[A-Za-z][\w'’-]*")
_OWNER_BEFORE_RE = LazyPattern(r"(?:['’]s?|\b[A-Z][\w&.-]*)$")
_SENTENCE_START_NAME_RE = LazyPattern(r"(?:^|[.!?:;]\s*)[\"“‘']?\s*[A-Z][\w&.-]*$")
_PRONOUN_OBJECT_AFTER_RE = LazyPattern(r"\s+(?:you|him|her|them|me|us)\b")
_ACCORDING_TO_END_RE = LazyPattern(r"according\s+to\s+$", re.I)


class LazyBytesPattern:
    """A bytes regular expression compiled the first time it is used (see `LazyPattern`)."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: bytes) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[bytes] | None = None

    def match(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_pattern(self.pattern)
        return compiled.match(data, pos)


# --------------------------------------------------------------------- settings


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


DEFAULT_REPORTING_VERBS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
    said says say saying told tells tell reported reports estimated estimates estimate found finds
    find announced announces stated states claimed claims claim added adds explained explains noted
    notes warned warns warn predicted predicts predict forecast forecasts expects expected expect
    anticipate anticipates wrote writes testified revealed reveals calculated calculates projected
    projects disclosed discloses confirmed confirms insisted insists argued argues believes believe
    believed indicated indicates concluded concludes showed shows show shown suggested suggests
    suggest published publishes recorded records counted put puts cited cites agree agrees fear
    fears learned learnt understands quoted report thought rumoured alleged understood surveyed
    polled questioned interviewed conducted commissioned analysed analyzed measured tracked compiled
    forecasting predicting expecting estimating projecting reckons reckoned reckon attributed
    blamed
    """
        )
    )
)

DEFAULT_VAGUE_SOURCES: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
    experts expert analysts analyst observers critics commentators insiders sources source studies
    study research researchers scientists economists reports report polls poll surveys survey
    estimates estimate people some many others most pundits specialists academics scholars forecasts
    projections
    """
        )
    )
)

SETTINGS: dict[str, dict[str, Any]] = {
    "sourcing": {
        # "sentence": only the claim's own sentence counts; "paragraph": any named source in
        # the same paragraph covers it (news attributes once per paragraph).
        "attribution-scope": "paragraph",
        "reporting-verbs": list(DEFAULT_REPORTING_VERBS),
        "extra-reporting-verbs": [],
        "vague-sources": list(DEFAULT_VAGUE_SOURCES),
        "extra-vague-sources": [],
    }
}

SCOPES = ("sentence", "paragraph", "adjacent")

# --------------------------------------------------------------------- claims

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SMALL_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
_APPROX = (
    r"(?:nearly|almost|about|around|roughly|some|over|under|more\s+than|less\s+than|fewer\s+than"
    r"|just\s+over|just\s+under|at\s+least|up\s+to|as\s+much\s+as|as\s+many\s+as|close\s+to"
    r"|by|than|only|just|barely|well\s+over|a\s+full|approximately|an\s+estimated)"
)
_SCALE = r"(?:bn|m|k|tn|trillion|billion|million|thousand)"
_CURRENCY_WORDS = (
    r"(?:dollars|pounds|euros|yen|yuan|renminbi|rupees|zlotys?|shillings|francs|kronor|kroner"
    r"|krone|crowns|roubles|rubles|pesos|rand|naira|dirhams|riyals|liras?|won|baht|ringgit"
    r"|reais|rupiah|dinars|cedis)"
)
_FRACTION = r"(?:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
_FRACTIONS = r"(?:thirds|quarters|fifths|sixths|sevenths|eighths|ninths|tenths)"
_ORDINAL_WORDS = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"

_MULT_TAIL = (
    r"(?:as\s+(?!(?:the|a|an|he|she|it|they|we|i|you|his|her|their|its|this|that)\b)(?-i:[a-z])\w*|more\b|less\b|fewer\b|higher\b|lower\b|larger\b|bigger\b|greater\b|smaller\b"
    r"|faster\b|slower\b|than\b|likely\b|over\b|the\s+(?:number|rate|amount|level|size|national"
    r"|average|price|cost|figure|risk))"
)
_RATIO_TAIL = (
    r"\s+(?:in|out\s+of|of\s+every)\s+(?:every\s+)?"
    r"(?:\d{1,3}(?:,000)?|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty"
    r"|a\s+hundred|a\s+thousand|100|1,000)\b(?![-–/:]|\s*(?:-|–)\s*\d)"
)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL = _word_set(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty"
    " sixty seventy eighty ninety"
)
_APPROX_FIRST = _word_set(
    "nearly almost about around roughly some over under more less fewer just at up as close by than only"
    " barely well a approximately an"
)

# Every kind of quantitative claim as (kind, branch) in pattern order, each branch with the
# words it can open with in ASCII text (lower case): `_claim_pattern_for` tries at a word only
# the branches that can start there. FOLD marks the branch that can start with any word
# ("\w+-fold"), GLUED the one that a word with "per"/"pc" glued on can start ("fiftypercent").
_FOLD = "<fold>"
_GLUED = "<glued>"
_CLAIM_BRANCHES: tuple[tuple[str, frozenset[str], str], ...] = (
    (
        "percent",
        _SMALL | {"a", "half", _GLUED},
        r"(?:" + _NUM + r"|" + _SMALL_WORDS + r"|a\s+few|half\s+a)"
        r"[\s-]?(?:%|per\s?cent\b|percent\b|percentage[\s-]points?\b|pc\b)",
    ),
    (
        "fraction",
        _word_set("two three four five six seven eight nine"),
        r"\b(?:two|three|four|five|six|seven|eight|nine)(?:-"
        + _FRACTIONS
        + r"\b(?!-)|\s+"
        + _FRACTIONS
        + r"\s+of\b)",
    ),
    ("fraction", _word_set("a one"), r"\b(?:a|one)[\s-](?:third|quarter|fifth|sixth|tenth)\s+of\b"),
    ("fraction", _APPROX_FIRST, r"\b" + _APPROX + r"\s+(?:a|one)[\s-](?:third|quarter|fifth|sixth|tenth)\b"),
    ("fraction", _APPROX_FIRST, r"\b" + _APPROX + r"\s+half\b(?!\s+past|-|\s+an?\s)"),
    ("fraction", _word_set("half"), r"\bhalf\s+(?:of\s+(?!an?\s)|the\s+(?!time\b)|all\b|its\b|their\b)"),
    (
        "fraction",
        _word_set("cut fell dropped halved"),
        r"\b(?:cut|fell|dropped|halved)\s+(?:\w+\s+){0,2}in\s+half\b",
    ),
    ("fraction", frozenset(), r"\b\d{1,2}/\d{1,2}\s+of\b"),
    ("ratio", _SMALL, r"\b(?:\d{1,3}|" + _SMALL_WORDS + r")" + _RATIO_TAIL),
    (
        "multiplier",
        _word_set("doubled tripled trebled quadrupled halved"),
        r"\b(?:doubled|tripled|trebled|quadrupled|halved)\b(?!\s+(?:down|up|as|back|over|its\s+bets|their\s+bets))",
    ),
    (
        "multiplier",
        frozenset([_FOLD]),
        r"\b(?:\w+-fold|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold)\b",
    ),
    (
        "multiplier",
        _SMALL | {"twice", "a", "hundreds"},
        r"\b(?:twice|(?:"
        + _NUM
        + r"|"
        + _SMALL_WORDS
        + r"|a\s+hundred|hundreds\s+of)\s+times)\s+"
        + _MULT_TAIL,
    ),
    (
        "multiplier",
        _word_set("double triple treble quadruple"),
        r"\b(?:double|triple|treble|quadruple)\s+the\s+(?:number|rate|amount|level|size|price|cost"
        r"|national|average|figure|risk)\b",
    ),
    (
        "multiplier",
        _word_set("to will would could set"),
        r"\b(?:to|will|would|could|set\s+to)\s+(?:double|triple|treble|quadruple|halve)\b"
        r"(?=\s*(?:[.,;:]|$|\s+(?:in|by|from|to|over|within|again|its|their|the|this|next|every|each|and|or)\b))",
    ),
    (
        "multiplier",
        _word_set("doubling tripling trebling halving"),
        r"\b(?:doubling|tripling|trebling|halving)\s+(?:of|in)\b",
    ),
    (
        "money",
        _word_set("us a c nz hk s"),
        r"(?:(?:\b(?:US|A|C|NZ|HK|S))?[$£€¥₹]\s?" + _NUM + r"(?:\s?" + _SCALE + r"\b)?"
        r"|" + _NUM + r"(?:\s?" + _SCALE + r")?\s+(?:[A-Z][a-z]+\s+)?" + _CURRENCY_WORDS + r"\b)",
    ),
    ("count", frozenset(), _NUM + r"\s?(?:million|billion|trillion)\b"),
    ("count", _word_set("half"), r"\bhalf\s+a\s+(?:million|billion)\b"),
    ("count", _word_set("a one"), r"\b(?:a|one)\s+(?:million|billion)\s+(?=[a-z])"),
    (
        "count",
        frozenset(),
        r"(?:\d{1,3}(?:,\d{3})+|[1-9]\d{4,})(?:\.\d+)?(?![\d,.]?\d)(?!\s\d)(?=\s+(?:[a-z][\w-]*\s+)?[a-z])",
    ),
    (
        "majority",
        _word_set("the a"),
        r"\b(?:the|a)\s+(?:(?:vast|large|overwhelming|clear|slim|narrow|huge|great|small)\s+)?"
        r"majority\s+of\b(?!\s+\d)",
    ),
    (
        "record",
        _word_set("a an the new its their his her"),
        r"\b(?:a|an|the|new|its|their|his|her)\s+(?:new\s+)?record(?:[\s-]+breaking)?\s+"
        r"(?:high|low|level|number|amount|total|year|sum|figure|turnout|temperature"
        r"|[$£€]?\d[\d,.]*(?:\s?%|\s?(?:bn|m|million|billion)\b)?)",
    ),
    ("record", _word_set("all"), r"\ball-time\s+(?:high|low)\b"),
    ("record", _word_set("record"), r"\brecord[\s-](?:high|low)s?\b"),
    ("record", frozenset(), r"\b\d+-(?:year|month|week|decade)\s+(?:high|low)\b"),
    (
        "record",
        _word_set(
            "highest lowest biggest largest smallest sharpest steepest fastest slowest strongest weakest"
        ),
        r"\b(?:highest|lowest|biggest|largest|smallest|sharpest|steepest|fastest|slowest|strongest"
        r"|weakest)\s+(?:\w+\s+){0,2}?(?:level|rate|number|figure|total|rise|fall|increase|drop|decline"
        r"|growth|jump|gain|share)\s+(?:\w+\s+){0,4}?(?:since\s+(?:\d|records|the)|on\s+record|ever)",
    ),
    (
        "record",
        _word_set("for"),
        r"\bfor\s+the\s+first\s+time\s+(?:in\s+(?:\w+\s+){0,2}(?:years|decades)|since\s+(?:19|20)\d\d)",
    ),
    (
        "ranking",
        _word_set("ranked ranks"),
        r"\b(?:ranked|ranks)\s+(?:as\s+)?(?:the\s+)?(?:\w+\s+)?(?:\d+(?:st|nd|rd|th)|first|"
        + _ORDINAL_WORDS
        + r"|top|bottom|last)\b",
    ),
    (
        "ranking",
        _word_set("is was are were became become becomes has have remains remained"),
        r"\b(?:is|was|are|were|became|become|becomes|has\s+become|have\s+become|remains|remained)"
        r"\s+(?:now\s+|still\s+)?(?:the\s+)?(?:[\w’']+[’']s\s+)?(?:"
        + _ORDINAL_WORDS
        + r"|\d+(?:st|nd|rd|th))[\s-](?:largest|biggest|highest|lowest|most|least|richest|poorest"
        r"|busiest|best|worst|smallest|fastest|oldest)\b",
    ),
)


def _claim_source(branches: Iterable[int]) -> str:
    """The alternation of some of `_CLAIM_BRANCHES`, in order, one named group per kind."""
    groups: dict[str, list[str]] = {}
    for index in sorted(branches):
        kind, _, branch = _CLAIM_BRANCHES[index]
        groups.setdefault(kind, []).append(branch)
    return "|".join(f"(?P<{kind}>{'|'.join(parts)})" for kind, parts in groups.items())


# Every kind of quantitative claim, one named group per kind, in one alternation.
_ALL_BRANCHES = tuple(range(len(_CLAIM_BRANCHES)))
_CLAIM_RE = LazyPattern(_claim_source(_ALL_BRANCHES), re.IGNORECASE)


# The kinds that can start with a digit or a currency sign, tried where a number starts (most
# candidate positions), in the same order as in `_CLAIM_RE`.
_NUMERIC_CLAIM_RE = LazyPattern(
    r"(?P<percent>" + _NUM + r"[\s-]?(?:%|per\s?cent\b|percent\b|percentage[\s-]points?\b|pc\b))"
    r"|(?P<fraction>\d{1,2}/\d{1,2}\s+of\b)"
    r"|(?P<ratio>\d{1,3}" + _RATIO_TAIL + r")"
    r"|(?P<multiplier>" + _NUM + r"\s+times\s+" + _MULT_TAIL + r")"
    r"|(?P<money>[$£€¥₹]\s?" + _NUM + r"(?:\s?" + _SCALE + r"\b)?"
    r"|" + _NUM + r"(?:\s?" + _SCALE + r")?\s+(?:[A-Z][a-z]+\s+)?" + _CURRENCY_WORDS + r"\b)"
    r"|(?P<count>" + _NUM + r"\s?(?:million|billion|trillion)\b"
    r"|(?:\d{1,3}(?:,\d{3})+|[1-9]\d{4,})(?:\.\d+)?(?![\d,.]?\d)(?!\s\d)(?=\s+(?:[a-z][\w-]*\s+)?[a-z]))"
    r"|(?P<record>\d+-(?:year|month|week|decade)\s+(?:high|low)\b)",
    re.IGNORECASE,
)

# Parts of the pattern above that must keep their case (a count is followed by a
# lower-case word; the IGNORECASE flag would let "1600 Pennsylvania Avenue" in).
_LOWER_WORD = LazyPattern(r"\s+(?:[a-z][\w-]*\s+)?[a-z]")
_YEARISH = LazyPattern(r"(?:1[0-9]|20)\d\d")
_COUNT_UNIT = LazyPattern(
    r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|feet|ft|foot|metres?|meters?|miles?"
    r"|km|kilometres?|kilometers?|yards?|mph|kph|km/h|degrees?|bc|bce|ad|ce|am|pm|a\.m|p\.m|times"
    r"|words|pages|rpm|kg|lb|lbs|ml|cc|hp|horsepower|metre|meter|sq)\b",
    re.IGNORECASE,
)
_RATE_AFTER = LazyPattern(
    r"\s*(?:\(\S+\)\s*)?(?:more|less|extra|a\s+head)?\s*(?:(?:a|per|each|every)\s+(?:year|month|week|day"
    r"|household|family|person|head|child|pupil|patient|capita|worker|employee|student)\b"
    r"|annually|a\s+year|on\s+average)",
    re.IGNORECASE,
)
_AVERAGE_BEFORE = LazyPattern(r"\b(?:average|typical|median|mean|total|combined)\b[^.;]{0,40}$", re.I)
_PRICE_BEFORE = LazyPattern(
    r"\b(?:costs?|costing|priced|price|prices|charges?|charging|fee|fees|subscription|rent|fare|fares|for)\b"
    r"(?:\s+(?:of|at|just|only|from|about|around|an?))*\s*$",
    re.IGNORECASE,
)
_SCALED = LazyPattern(r"(?:bn|m|k|tn|trillion|billion|million|thousand)\b", re.IGNORECASE)
_DIGITS = LazyPattern(r"\d[\d,]*(?:\.\d+)?")


class Claim(tuple[int, int, str]):
    """A quantitative claim: offsets relative to the text searched, and its kind."""

    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    kind: str = tuple_field(2)

    def __new__(cls, start: int, end: int, kind: str) -> Claim:
        return tuple.__new__(cls, (start, end, kind))


def _money_is_claim(text: str, m: re.Match[str]) -> bool:
    """A sum of money is a statistic when it is large, a rate or an average; not a ticket price."""
    piece = m.group(0)
    if _SCALED.search(piece):
        return True
    digits = _DIGITS.search(piece)
    if digits and float(digits.group(0).replace(",", "")) >= 10_000:
        return True
    if _AVERAGE_BEFORE.search(text, max(0, m.start() - 45), m.start()):
        return True
    # "£1,200 more a year" is a statistic; "the service costs $15 per month" is a price.
    return bool(_RATE_AFTER.match(text, m.end())) and not _PRICE_BEFORE.search(
        text, max(0, m.start() - 25), m.start()
    )


def _count_is_claim(text: str, m: re.Match[str]) -> bool:
    piece = m.group(0)
    if _SCALE_WORD_RE.search(piece):
        return True
    bare = piece.replace(",", "")
    if "," not in piece and "." not in piece and _YEARISH.fullmatch(bare):
        return False  # a year
    if piece.startswith("0"):
        return False  # a phone or reference number
    if _COUNT_UNIT.match(text, m.end()):
        return False  # a distance, duration or measurement of one thing
    return bool(_LOWER_WORD.match(text, m.end()))


# "$11bn (£5.7bn)", "70m euros ($91m; £49m)": a conversion belongs to the sum before it.
_CONVERSION = LazyPattern(r"\s*\((?=[^)]{0,40}[$£€¥₹\d])[^()]{0,40}\)")


# A count or a sum of money is a statistic when it is framed as one: an estimate ("around",
# "more than", "up to"), a rate or a total over a period or a place ("a year", "worldwide",
# "last year", "by 2030"), or a change ("rose to", "fell by"). A bare "21 million online voters"
# or "a £1.5m bid" is a detail of the event being reported.
_FRAME_BEFORE = LazyPattern(
    r"\b(?:about|around|roughly|nearly|almost|approximately|some|over|more\s+than|less\s+than|fewer\s+than"
    r"|up\s+to|at\s+least|an\s+estimated|estimated|as\s+(?:much|many)\s+as|close\s+to|upwards\s+of"
    r"|in\s+excess\s+of|just\s+(?:over|under)|well\s+(?:over|above)|average(?:\s+of)?|total(?:ling)?(?:\s+of)?"
    r"|record|(?:rose|fell|increased|decreased|grew|dropped|declined|climbed|jumped|surged|plunged|slumped"
    r"|soared|risen|fallen|reached|hit|topped|exceeded|amounted|amounts)(?:\s+(?:by|to|from))?|up\s+from"
    r"|down\s+from|from|to)\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
_FRAME_AFTER = LazyPattern(
    r"[^.;]{0,45}?\b(?:(?:a|per|each|every)\s+(?:year|month|week|day)|annually|worldwide|globally|nationally"
    r"|nationwide|across\s+the\s+(?:country|world|nation|globe|UK|US|EU)|so\s+far\s+this\s+year|last\s+year"
    r"|this\s+year|in\s+total|by\s+(?:19|20)\d\d|over\s+the\s+(?:past|last|next)\s)",
    re.IGNORECASE,
)


def _framed(text: str, start: int, end: int) -> bool:
    return bool(_FRAME_BEFORE.search(text, max(0, start - 30), start) or _FRAME_AFTER.match(text, end))


_NOT_BEFORE_HALF = _words(
    """
    first second other latter final the a opposite bottom top upper lower northern southern eastern
    western
    """
)
_NOT_BEFORE_RATIO = frozenset(["round", "number", "stage", "level", "grade", "group", "page", "no"])
_WORD_BEFORE = LazyPattern(r"(\w+)\W*$")


def _context_allows(text: str, m: re.Match[str], kind: str) -> bool:
    """Checks on the text just before a match (kept out of the pattern, where they would run everywhere)."""
    start = m.start()
    before = text[start - 1] if start else " "
    inside_word = (before.isalnum() or before in "._") and not before.isdigit()
    currency_first = kind == "money" and text[start] in "$£€¥₹"
    if kind in ("percent", "count", "money") and inside_word and not currency_first:
        return False  # inside a word or a number ("Kestrel-2", "N95", "v2.5%")
    if kind == "count":
        if before in ",./$£€¥#:-" or _NUMBER_MARK_BEFORE_RE.search(text[max(0, start - 5) : start]):
            return False
        if _IN_BEFORE_RE.search(text[max(0, start - 3) : start]) and m.group(0)[:1].isalpha():
            return False  # "one in a million"
    if kind in ("fraction", "ratio"):
        word = _WORD_BEFORE.search(text, max(0, start - 20), start)
        prev = word.group(1).lower() if word else ""
        if kind == "ratio" and prev in _NOT_BEFORE_RATIO:
            return False  # "round four in eight attempts"
        if kind == "fraction" and m.group(0).lower().startswith("half") and prev in _NOT_BEFORE_HALF:
            return False  # "the second half of the year", "the bottom half of the table"
    return True


# Claims without a digit contain one of these words. The pattern is only tried where a number,
# a currency sign or one of these words starts a claim (a few positions per article), because
# scanning every position of every sentence with it is slow.
_WORD_KEYS = (
    "half",
    "a third",
    "one third",
    "thirds",
    "a quarter",
    "one quarter",
    "quarters of",
    "a fifth",
    "fifths",
    "a tenth",
    "tenths",
    "per cent",
    "percent",
    "majority",
    "doubl",
    "tripl",
    "trebl",
    "quadrupl",
    "halv",
    "fold",
    "twice",
    "times as",
    "times more",
    "times less",
    "times higher",
    "times the",
    "times faster",
    "times bigger",
    "times larger",
    "times greater",
    "times lower",
    "record",
    "all-time",
    "first time",
    "rank",
    "largest",
    "biggest",
    "highest",
    "lowest",
    "smallest",
    "a million",
    "a billion",
    "one million",
    "one billion",
    " in two",
    " in three",
    " in four",
    " in five",
    " in six",
    " in seven",
    " in eight",
    " in nine",
    " in ten",
    " in every",
    " out of ",
)
_NUMERIC_START = LazyPattern(r"[$£€¥₹\d]+")
_NUMERIC_FIRST = frozenset("$£€¥₹0123456789")
_WORD_STARTS = LazyPattern(r"(?<![\w'’-])[\w$£€¥₹]")


# Each key is looked for only if the word that identifies it occurs in the text at all (prefix
# keys such as "doubl" whenever their letters occur).
_PREFIX_KEYS = frozenset(("doubl", "tripl", "trebl", "quadrupl", "halv", "fold", "percent"))
# The keys are lower-case ASCII words joined by spaces or hyphens: their letter runs are the
# pieces between those (as `re.findall(r"[a-z]+", key)`, without the import-time regex).
_KEY_WORDS = tuple((key, max(key.replace("-", " ").split(), key=len)) for key in _WORD_KEYS)
_KEYS_OF_WORD: dict[str, tuple[str, ...]] = {
    word: tuple(key for key, w in _KEY_WORDS if w == word) for _, word in _KEY_WORDS
}
_KEY_WORD_SET = frozenset(_KEYS_OF_WORD)


@functools.lru_cache(maxsize=4096)
def _last_word(key: str) -> str:
    words = sorted(words_of(key))
    return max(words, key=len) if words else ""


@functools.cache
def _keys_by_word(keys: tuple[str, ...]) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Keys grouped by the word that identifies each (`_last_word`); keys without one left out."""
    out: dict[str, list[str]] = {}
    for key in keys:
        word = _last_word(key)
        if word:
            out.setdefault(word, []).append(key)
    return frozenset(out), {word: tuple(group) for word, group in out.items()}


def words_of(lowered: str) -> frozenset[str]:
    """The set of words (letters only) of a lower-case text."""
    # Bytes translate in C at any length; non-ASCII letters drop out, which no key word needs.
    return frozenset(_letter_runs(lowered).split())


def _letter_runs(lowered: str) -> str:
    """The ASCII letters of a lower-case text, every other character a space or dropped."""
    return lowered.encode("ascii", "ignore").translate(_LETTERS_ONLY).decode("ascii")


class DocWords(tuple[str, tuple[tuple[str, str], ...]]):
    """A document's lower case and its words that `Lexicon.cues` looks for (`doc_words`)."""

    __slots__ = ()
    lowered: str = tuple_field(0)
    cue_words: tuple[tuple[str, str], ...] = tuple_field(1)  # each word and the word between spaces

    def __new__(cls, lowered: str, cue_words: tuple[tuple[str, str], ...]) -> DocWords:
        return tuple.__new__(cls, (lowered, cue_words))


def doc_words(lexicon: Lexicon, lowered: str, words: frozenset[str]) -> DocWords:
    """`DocWords` of a document given its lower case and its `words_of`."""
    return DocWords(lowered, tuple((word, f" {word} ") for word in lexicon.cue_keys.intersection(words)))


def _cue_words_within(lowered: str, cue_words: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The words of `lowered` that `Lexicon.cues` looks for, given `cue_words`: those among
    the words of a document whose lower case holds `lowered`.

    Equal to `words_of(lowered) & lexicon.cue_keys`, for less work than building the word set:
    the letter runs of `lowered` are those of the document's text, but for the first and last,
    which the sentence's ends may cut ("unsaid" -> "said"). So every word but those two is a
    document word, and looking for each of `cue_words` (a few) as a whole run finds the rest.
    """
    runs = _letter_runs(lowered)
    padded = f" {runs} "
    found = [word for word, spaced in cue_words if spaced in padded]
    found += runs.split(None, 1)[:1]
    found += runs.rsplit(None, 1)[-1:]
    return frozenset(found)


# Digits and "$" become b"1", every other byte b" ".
_RUN_MARKS = _byte_marks(b"$0123456789", b"1", b" ")


# Spaces and newlines become b" ", every other byte b"x".
_SEP_MARKS = _byte_marks(b" \n", b" ", b"x")


def _ascii_form(text: str) -> bytes | None:
    """The text as ASCII bytes with its currency signs as "$" (same offsets), or None if not ASCII."""
    ascii_text = text.replace("£", "$").replace("€", "$").replace("¥", "$").replace("₹", "$")
    return ascii_text.encode("ascii") if ascii_text.isascii() else None


def _numeric_starts(text: str, ascii_bytes: bytes | None = None) -> set[int]:
    """Where each run of digits and currency signs starts (`_NUMERIC_START`), found in C.

    `ascii_bytes` may give `_ascii_form(text)` when the caller already has it.
    """
    # Mapping the currency signs to "$" keeps offsets; once the text is ASCII, "\d" is [0-9]
    # and plain byte searches replace the regex scan, which costs about 20 ns a character.
    if ascii_bytes is None:
        ascii_bytes = _ascii_form(text)
    if ascii_bytes is None:
        return {m.start() for m in _NUMERIC_START.finditer(text)}
    # One-byte searches run as memchr; a search for b" 1" steps through the text's many
    # spaces one by one. The first b"1" after a run's end (its next b" ") starts the next run.
    marks = ascii_bytes.translate(_RUN_MARKS)
    find = marks.find
    starts: set[int] = set()
    i = find(b"1")
    while i >= 0:
        starts.add(i)
        i = find(b" ", i + 1)
        if i < 0:
            break
        i = find(b"1", i + 1)
    return starts


def _candidate_starts(
    text: str, present: frozenset[str] | None = None, lowered: str | None = None
) -> list[int]:
    return _starts(text, present, lowered, _ascii_form(text))


def _starts(
    text: str, present: frozenset[str] | None, lowered: str | None, ascii_bytes: bytes | None
) -> list[int]:
    """`_candidate_starts` given `_ascii_form(text)` (None: the text is not ASCII)."""
    starts = _numeric_starts(text, ascii_bytes)
    if lowered is None:
        lowered = text.lower()
    # ASCII text keeps its offsets in lower case: one byte search finds the word break before a
    # position (a space or a newline) instead of one string search for each.
    seps = ascii_bytes.translate(_SEP_MARKS) if ascii_bytes is not None else None
    if present is None:
        present = words_of(lowered)
    # The keys whose word occurs (one set intersection in C), and prefix keys found inside words.
    found = _KEY_WORD_SET.intersection(present)
    prefixes = [word for word in _PREFIX_KEYS if word not in found and word in lowered]
    for key in [key for word in (*found, *prefixes) for key in _KEYS_OF_WORD[word]]:
        i = lowered.find(key)
        while i >= 0:
            # The claim may start up to five words before its key word ("the vast majority of").
            j = i + 1 if key[0] == " " else i
            starts.add(j)
            for _ in range(5):
                if seps is not None:
                    j = seps.rfind(b" ", 0, j - 1) + 1
                else:
                    j = max(lowered.rfind(" ", 0, j - 1), lowered.rfind("\n", 0, j - 1)) + 1
                if j <= 0:
                    starts.add(0)
                    break
                starts.add(j)
            i = lowered.find(key, i + len(key))
    return sorted(starts)


# ASCII letters become b"a", every other byte b" ".
_LETTER_MARKS = _byte_marks(_ASCII_LETTERS, b"a", b" ")


@functools.cache
def _branches_by_word() -> dict[bytes, tuple[int, ...]]:
    """For each first word in `_CLAIM_BRANCHES`, the branches that can start with it."""
    out: dict[bytes, list[int]] = {}
    for index, (_, words, _) in enumerate(_CLAIM_BRANCHES):
        for word in words:
            out.setdefault(word.encode("ascii"), []).append(index)
    return {word: tuple(found) for word, found in out.items()}


@functools.cache
def _branches_marked(mark: str) -> tuple[int, ...]:
    return tuple(i for i, (_, words, _) in enumerate(_CLAIM_BRANCHES) if mark in words)


def _word_form(text: str, ascii_bytes: bytes | None) -> bytes | None:
    """The text as bytes for `_word_claim_branches`: one byte per character, b"?" for non-ASCII."""
    if ascii_bytes is not None:
        return ascii_bytes
    if has_case_twin(text):  # IGNORECASE matches these to ASCII letters: no word form
        return None
    return text.encode("ascii", "replace")


def _word_claim_branches(text: str, low_bytes: bytes, letters: bytes, pos: int) -> tuple[int, ...]:
    """The branches of `_CLAIM_RE` that may match at word start `pos` of `text`.

    A superset: a branch left out cannot match there. `low_bytes` is the text's `_word_form`
    in lower case, `letters` that with `_LETTER_MARKS`; the character at `pos` is not a digit
    or a currency sign (those go to `_NUMERIC_CLAIM_RE`). Without `CASE_TWINS` in the
    text, IGNORECASE matches ASCII letters only to ASCII letters, so the lower-case ASCII word
    at `pos` decides: every branch opens with one of its words followed by a non-letter,
    except the two marked `_GLUED` and `_FOLD`.
    """
    if low_bytes[pos] == 63 and text[pos] != "?":  # b"?": a non-ASCII character
        # A letter or digit ("\w", "\d") may open anything; other characters nothing.
        return _ALL_BRANCHES if text[pos].isalnum() else ()
    run_end = letters.find(b" ", pos)
    if run_end < 0:
        run_end = len(letters)
    run = low_bytes[pos:run_end]  # the word at pos; empty at punctuation
    found = _branches_by_word().get(run, ()) if run else ()
    extra: tuple[int, ...] = ()
    if b"per" in run or b"pc" in run:  # "fiftypercent", "onepc"
        extra += _branches_marked(_GLUED)
    # "\w+-fold" runs on through digits, "_" and non-ASCII letters ("x2-fold", "_x-fold",
    # "xé-fold"); "twofold", "abc-fold".
    after = low_bytes[run_end : run_end + 1]
    if (
        b"fold" in run
        or after == b"_"
        or after.isdigit()
        or low_bytes.startswith(b"-fold", run_end)
        or (after == b"?" and text[run_end].isalnum())
    ):
        extra += _branches_marked(_FOLD)
    if extra:
        return tuple(sorted({*found, *extra}))
    return found


# What may follow a figure in a `_NUMERIC_CLAIM_RE` match, one or two words on: "in"/"out"/"of"
# (ratio, fraction), "times", a percent word, a scale or a currency word.
_AFTER_FIGURE_WORDS = frozenset(
    b"""
    in out of times per percent percentage pc million billion trillion bn m k tn thousand dollars
    pounds euros yen yuan renminbi rupees zloty zlotys shillings francs kronor kroner krone crowns
    roubles rubles pesos rand naira dirhams riyals lira liras won baht ringgit reais rupiah dinars
    cedis
    """.split()
)


_S = rb"[ \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f]++"  # what "\s" matches in ASCII, as many as there are
_AFTER_FIGURE_WORD = rb"(?:%|\?|(?:" + b"|".join(sorted(_AFTER_FIGURE_WORDS)) + rb")(?![a-z]))"
# `_may_open_numeric_claim` as one bytes pattern (its match is run in C, not a Python loop).
_MAY_OPEN_NUMERIC = LazyBytesPattern(
    rb"[^0-9.,]"  # a currency sign or a non-ASCII character: not filtered
    rb"|[0-9.,]*?(?:,[0-9.,]*?[0-9]|[0-9]{5})"  # "12,000", "10000": may be a count
    rb"|[0-9.,]++(?:[%/\-?a-z]"  # "5%", "5bn", "5-fold"
    rb"|"
    + _S
    + _AFTER_FIGURE_WORD  # "5 per cent"
    + rb"|"
    + _S
    + rb"[a-z]++(?:\?|"
    + _S
    + _AFTER_FIGURE_WORD
    + rb"))"  # "5 Swiss francs"
)


def _may_open_numeric_claim(low_bytes: bytes, letters: bytes, pos: int) -> bool:
    """Whether `_NUMERIC_CLAIM_RE` may match at `pos` (a superset: False means it cannot).

    `low_bytes` is the text's `_word_form` in lower case, b"?" standing for any non-ASCII
    character (always let through); `letters` is unused (kept for the callers' symmetry with
    `_word_claim_branches`). Past the figure's digits, commas and dots, every branch but the
    long count ("12,000 people") goes on with "%", "/", "-", a letter ("5bn"), or spaces and
    then "%" or one of `_AFTER_FIGURE_WORDS` within two words.
    """
    return _MAY_OPEN_NUMERIC.match(low_bytes, pos) is not None


_claim_patterns: dict[tuple[int, ...], re.Pattern[str]] = {}


def _claim_pattern(branches: tuple[int, ...]) -> re.Pattern[str]:
    """`_CLAIM_RE` cut down to some of its branches, compiled on first need.

    The branches keep their order and their kinds' group names, so wherever the branches
    left out cannot match, the cut pattern matches exactly what `_CLAIM_RE` matches.
    """
    pattern = _claim_patterns.get(branches)
    if pattern is None and branches == _ALL_BRANCHES:
        pattern = _CLAIM_RE.compiled
    if pattern is None:
        pattern = _claim_patterns[branches] = compile_pattern(_claim_source(branches), re.IGNORECASE)
    return pattern


def find_claims(text: str, present: frozenset[str] | None = None, lowered: str | None = None) -> list[Claim]:
    """The quantitative claims in a piece of text, in order (offsets into `text`).

    `present` may give the text's words (`words_of`) and `lowered` its lower case
    (`text.lower()`) when the caller already has them.
    """
    matches: list[re.Match[str]] = []
    end = -1
    ascii_bytes = _ascii_form(text)
    # At a word start only the branches that can open with that word are tried
    # (`_word_claim_branches`), none at most words ("said", "of"); the whole pattern is big,
    # slow to fail and slow to compile.
    word_form = _word_form(text, ascii_bytes)
    low_bytes = word_form.lower() if word_form is not None else None
    letters = low_bytes.translate(_LETTER_MARKS) if low_bytes is not None else b""
    # Bound once: the `LazyPattern` wrappers cost a Python call per candidate.
    may_open = _MAY_OPEN_NUMERIC.match
    numeric_match = _NUMERIC_CLAIM_RE.compiled.match
    for pos in _starts(text, present, lowered, ascii_bytes):
        if pos < end:
            continue
        if text[pos] in _NUMERIC_FIRST:
            if low_bytes is not None and may_open(low_bytes, pos) is None:
                continue
            m = numeric_match(text, pos)
        elif low_bytes is None:
            m = _CLAIM_RE.match(text, pos)
        else:
            branches = _word_claim_branches(text, low_bytes, letters, pos)
            if not branches:
                continue
            m = (_claim_patterns.get(branches) or _claim_pattern(branches)).match(text, pos)
        if m is not None:
            matches.append(m)
            end = m.end()
    out: list[Claim] = []
    skip_to = -1
    for m in matches:
        if m.start() < skip_to:
            continue
        kind = m.lastgroup or "claim"
        if not _context_allows(text, m, kind):
            continue
        end = m.end()
        if kind == "money":
            conversion = _CONVERSION.match(text, end)
            if conversion:
                skip_to = conversion.end()
            if not _money_is_claim(text, m):
                continue
            if conversion:
                end = conversion.end()
        if kind == "count" and not _count_is_claim(text, m):
            continue
        if kind in ("count", "money") and not _framed(text, m.start(), end):
            continue
        out.append(Claim(m.start(), end, kind))
    return out


# --------------------------------------------------------------------- attribution

_WORD_RE = LazyPattern(r"[A-Za-z](?:[\w'’&-]|\.(?=\w))*|\d+(?:[.,]\d+)*%?|[,;:()\[\]“”\"—–]")
_DETERMINERS = frozenset(
    ["the", "its", "his", "her", "their", "our", "this", "these", "those", "that", "my", "your", "whose"]
)
_INDEFINITE = frozenset(["a", "an", "one", "another"])
_QUANTIFIERS = frozenset(
    ["some", "many", "most", "several", "other", "others", "few", "numerous", "various", "certain"]
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "him", "them", "us", "who", "which"])
_SKIP_BEFORE_VERB = _words(
    """
    has have had also previously recently later earlier already now then would will could may might
    repeatedly publicly separately further once again initially originally meanwhile however too
    both all themselves itself widely generally commonly often still yesterday today last night
    reportedly privately officially openly subsequently
    """
)
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "'s", "’s"])
_CLAUSE_WORDS = _words(
    """
    that which who and but as while when because if after before since although though where so than
    what how why whether whom whose or nor yet until unless once
    """
)
_NP_ADJECTIVES = _words(
    """
    recent new latest some many most several other industry official independent leading top local
    international government outside private unnamed anonymous senior market city national previous
    earlier further more various media press news unconfirmed numerous certain western foreign
    economic health medical security
    """
)
_DATA_NOUNS = _words(
    """
    figures data statistics numbers study studies survey surveys report reports poll polls research
    analysis census estimates estimate results findings index review audit paper records accounts
    filings statement release bulletin forecast forecasts projections model count tally register
    calculations modelling modeling tables
    """
)
_EVIDENTIAL = _words(
    """
    show shows showed shown suggest suggests suggested indicate indicates indicated reveal reveals
    revealed concluded concludes recorded records counted put puts published publishes
    """
)
_SPEECH_ONLY = frozenset(["added", "adds", "noted", "notes"])
_OWNER_PREPS = _words(
    """
    by from at with for of in commissioned conducted carried published released compiled
    """
)
_OWNER_PREP_STRICT = frozenset(["by", "from", "at", "with"])
_PARENTHETICAL = LazyPattern(
    r",\s*(?:meanwhile|however|though|too|also|for\s+example|for\s+instance|instead|in\s+turn"
    r"|for\s+(?:their|its|his|her)\s+part|in\s+a\s+(?:statement|note|report|letter|filing|blog\s+post))\s*,",
    re.IGNORECASE,
)
_AFTER_NP_STOP = _words(
    """
    that in on at on last this yesterday today earlier later it he she they we told of for to with
    during after before when while
    """
)
_CITATION = LazyPattern(
    r"\[\d{1,3}\]|\(\s*(?:sources?|data|figures|via)\s*:|^\s*(?:sources?|data|figures)\s*:", re.IGNORECASE
)
# "in the Sunday Times' rich list", "from Eurostat's latest figures": a named document is a source.
_NAMED_DOCUMENT = LazyPattern(
    r"(?<=[a-z,;:]\s)(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*(?:['’]s?)?\s+(?:latest\s+|new\s+|official\s+|monthly\s+"
    r"|annual\s+|quarterly\s+)?(?:figures|data|statistics|survey|poll|report|study|index|estimates|research"
    r"|analysis|census)\b"
    r"|\b(?:in|from|to|on|under)\s+(?:the\s+)?(?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*(?:['’]s?)?\s+"
    r"(?:[a-z][\w-]*\s+){0,3}?(?:list|report|survey|index|ranking|rankings|league\s+table|study|figures"
    r"|data|accounts|results|filing|census|poll|audit|review|statistics|estimates|forecasts?|bulletin"
    r"|annual\s+report|register|database|records)\b"
)
_DOCUMENT_KEYS = _words(
    """
    list report survey index ranking rankings table study figures data accounts results filing
    census poll audit review statistics estimates forecast forecasts bulletin register database
    records research analysis
    """
)
_NO_SUBJECT_NUMBER = LazyPattern(r"\d|%|\bper\s?cent\b", re.IGNORECASE)


class Cue(tuple[int, int, bool]):
    """Where a sentence names (or fails to name) a source: offsets relative to the sentence."""

    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    named: bool = tuple_field(2)

    def __new__(cls, start: int, end: int, named: bool) -> Cue:
        return tuple.__new__(cls, (start, end, named))


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    return [
        (m.group(0), m.start(), m.end())
        for m in _WORD_RE.finditer(text, start, len(text) if end is None else end)
    ]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 1 and word[0].isdigit() is False and word[1:2].isupper())


class _Hit:
    """A word found by `Lexicon._hits`, with the bits of `re.Match` that `_judge_cue` uses."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self._text[self._start : self._end]


_ALPHA_TOKEN = LazyPattern(r"[A-Za-z]+")
# The bytes whose Latin-1 character is a letter (`str.isalpha`) stay, every other byte b" ".
_LETTERS_ONLY = _byte_marks(
    _ASCII_LETTERS
    + b"\xaa\xb5\xba"
    + bytes(range(0xC0, 0xD7))
    + bytes(range(0xD8, 0xF7))
    + bytes(range(0xF8, 0x100)),
    None,
    b" ",
)
_TO_AFTER = LazyPattern(r"\s+to\b", re.IGNORECASE)
_BY_AFTER = LazyPattern(
    r"\s+(?:published\s+|released\s+|compiled\s+|commissioned\s+|conducted\s+|carried\s+out\s+)?(?:by|from)\s",
    re.IGNORECASE,
)
_SOURCE_NOUNS = _words(
    """
    data figures statistics numbers estimates research survey study poll report analysis census
    """
)


class Lexicon:
    """The attribution vocabulary: which verbs report, which subjects are not sources."""

    def __init__(self, reporting_verbs: Iterable[str], vague_sources: Iterable[str]) -> None:
        verbs = sorted({v.strip().lower() for v in reporting_verbs if v.strip()}, key=len, reverse=True)
        self.verbs = frozenset(verbs)
        self.vague = frozenset(v.strip().lower() for v in vague_sources if v.strip())
        self.keywords = self.verbs | _SOURCE_NOUNS | {"according"}
        # Every word `cues` looks up in a sentence's word set.
        self.cue_keys = self.keywords | _DOCUMENT_KEYS

    # ---- noun phrases

    def judge(self, words: Sequence[str], sentence_initial: bool) -> bool | None:
        """Whether a noun phrase names a source (True), is vague (False), or is no source (None)."""
        ws = [w for w in words if w not in (",", ";", ":", "(", ")", "“", "”", '"', "—", "–")]
        if not ws:
            return None
        if _NO_SUBJECT_NUMBER.search(ws[0]) or (
            len(ws) > 1
            and ws[0].lower() in _NP_ADJECTIVES | _QUANTIFIERS
            and _NO_SUBJECT_NUMBER.search(ws[1])
        ):
            return None  # "40% of respondents said": survey content, not a source
        lowered = [w.lower().strip(".") for w in ws]
        first = lowered[0]
        if first in _PRONOUNS:
            return True
        # Owners: "analysts at Banco X", "a study by the ONS", "figures from Eurostat".
        for i, w in enumerate(lowered[:-1]):
            if w in _OWNER_PREP_STRICT or (w in _OWNER_PREPS and i > 0 and lowered[i - 1] in _DATA_NOUNS):
                rest = ws[i + 1 :]
                verdict = self.judge(rest, sentence_initial=False)
                if verdict or (w in _OWNER_PREP_STRICT and verdict is None and rest):
                    return True
        # Capitalised words other than a sentence-initial common word name someone.
        for i, w in enumerate(ws):
            if not _is_capitalised(w):
                continue
            if (
                i == 0
                and sentence_initial
                and (
                    lowered[0] in self.vague
                    or lowered[0] in _NP_ADJECTIVES
                    or lowered[0] in _DETERMINERS
                    or lowered[0] in _INDEFINITE
                    or lowered[0] in _QUANTIFIERS
                    or lowered[0] in _DATA_NOUNS
                    or lowered[0] in ("according",)
                )
            ):
                continue
            return True
        # Head noun: the last word before a preposition.
        head_index = len(lowered) - 1
        for i, w in enumerate(lowered):
            if i > 0 and (w in _OWNER_PREPS or w in ("on", "about", "into", "over", "to")):
                head_index = i - 1
                break
        head = lowered[head_index]
        if first in _DETERMINERS:
            return True  # "the company", "its latest survey": a source named earlier
        if head in self.vague:
            return False
        if first in _INDEFINITE and head in _DATA_NOUNS:
            return False  # "a recent study" with no owner
        # "some economists", "several industry forecasts": a quantity of unnamed people or documents.
        return not (first in _QUANTIFIERS and (head in self.vague or head == first or head in _DATA_NOUNS))

    def _subject_before(self, text: str, verb_start: int) -> tuple[list[str], int, bool, bool]:
        """The subject before a verb: its words, where it starts, passive?, sentence-initial?"""
        window = max(0, verb_start - 160)  # a subject is a few words: no need to read further back
        toks = _tokens(text, window, verb_start)
        if window:
            toks = toks[1:]  # the first token may be cut
        i = len(toks) - 1
        progressive = text[verb_start : verb_start + 30].split(None, 1)[0].lower().endswith("ing")
        while i >= 0 and (
            toks[i][0].lower() in _SKIP_BEFORE_VERB or (progressive and toks[i][0].lower() in _BE)
        ):
            i -= 1
        if i >= 0 and toks[i][0].lower() in _BE:
            return [], verb_start, True, False
        words: list[str] = []
        start = verb_start
        while i >= 0 and len(words) < 12:
            w = toks[i][0]
            if w in _PUNCT or w.lower() in _CLAUSE_WORDS or w.lower() in ("to", "according"):
                break
            words.append(w)
            start = toks[i][1]
            i -= 1
        words.reverse()
        return words, start, False, i < 0 and window == 0

    def _np_after(self, text: str, start: int, stop: frozenset[str] = frozenset()) -> tuple[list[str], int]:
        """A noun phrase after `start`: its words and where it ends."""
        words: list[str] = []
        end = start
        for w, _, w_end in _tokens(text, start, min(len(text), start + 140)):
            if w in _PUNCT or w == "." or w.lower() in _CLAUSE_WORDS or w.lower() in stop:
                break
            words.append(w)
            end = w_end
            if len(words) >= 12:
                break
        return words, end

    def cues(self, text: str, doc: DocWords | None = None, offset: int = 0) -> list[Cue]:
        """Every attribution cue in one sentence, named or vague.

        `doc` may give the words of a document whose lower case holds the sentence's at
        `offset` (`doc_words`): the sentence's word set is then not built.
        """
        out: list[Cue] = []
        if ("[" in text or ":" in text) and _CITATION.search(text):
            out.append(Cue(0, len(text), True))
        lowered = text.lower()
        if doc is not None and doc.lowered.startswith(lowered, offset):
            words = _cue_words_within(lowered, doc.cue_words)
        else:
            words = words_of(lowered)
        if not _DOCUMENT_KEYS.isdisjoint(words):
            for m in _NAMED_DOCUMENT.finditer(text):
                out.append(Cue(m.start(), m.end(), True))
        hits = self._hits(text, lowered, words)
        if not hits:
            return out
        clean = _PARENTHETICAL.sub(lambda m: " " * len(m.group(0)), text) if "," in text else text
        for hit in hits:
            cue = self._judge_cue(clean, hit)
            if cue is not None:
                out.append(cue)
        return out

    def _hits(self, text: str, lowered: str, words: frozenset[str]) -> list[_Hit]:
        """Reporting verbs, "according to" and "figures from" in a sentence, found word by word."""
        hits: list[_Hit] = []
        found = self.keywords.intersection(words)
        for word in found:
            i = lowered.find(word)
            while i >= 0:
                end = i + len(word)
                if (i == 0 or not lowered[i - 1].isalpha()) and (
                    end == len(lowered) or not lowered[end].isalpha()
                ):
                    if word == "according":
                        to = _TO_AFTER.match(text, end)
                        if to:
                            hits.append(_Hit(i, to.end(), text))
                    elif word in self.verbs:
                        hits.append(_Hit(i, end, text))
                    if word in _SOURCE_NOUNS:
                        by = _BY_AFTER.match(text, end)
                        if by:
                            hits.append(_Hit(i, by.end(), text))
                i = lowered.find(word, end)
        hits.sort(key=lambda h: h.start())
        return hits

    def _judge_cue(self, text: str, m: _Hit) -> Cue | None:
        found = m.group(0).lower()
        if found.startswith("according") or found.endswith(" "):
            words, end = self._np_after(text, m.end())
            verdict = self.judge(words, sentence_initial=False)
            if verdict is False and _COMMA_NAME_AFTER_RE.match(text[end:]):
                verdict = True  # "according to technology analysts, TDG Research,"
            return None if verdict is None else Cue(m.start(), end, verdict)
        verb = found
        before = text[: m.start()].rstrip()
        prev = before.rsplit(None, 1)[-1].lower() if before else ""
        if prev in _DETERMINERS or prev in ("a", "an", "than", "as", "so", "all", "new", "latest", "to"):
            return None  # a noun ("the claims"), "than expected", or an infinitive ("to claim")
        after = text[m.end() :]
        if (
            verb in _SPEECH_ONLY
            and not _CLAUSE_END_AFTER_RE.match(after)
            and not _QUOTE_CLOSE_BEFORE_RE.search(before)
        ):
            return None
        if verb in ("put", "puts") and not _PUT_FIGURE_AT_RE.match(after):
            return None
        words, start, passive, initial = self._subject_before(text, m.start())
        if not passive and verb in _PARTICIPLES and _TO_AFTER_RE.match(after):
            return None  # "the strains expected to circulate": a participle, not a report
        if _ACCORDING_TO_BEFORE_RE.search(text[max(0, start - 20) : start]):
            return None  # "according to industry estimates": a noun, not a verb
        if passive:
            agent = _BY_AFTER_RE.match(after)
            if agent:
                np, end = self._np_after(text, m.end() + agent.end())
                verdict = self.judge(np, sentence_initial=False)
                return None if verdict is None else Cue(m.start(), end, verdict)
            if verb in _WEASEL_PASSIVE:
                begin = _PASSIVE_START.search(text, 0, m.start()) or _BE_BEFORE.search(text, 0, m.start())
                return Cue(begin.start() if begin else m.start(), m.end(), False)  # "it is believed"
            return None
        if not words:
            np, end = self._np_after(text, m.end(), _AFTER_NP_STOP)
            if np:
                verdict = self.judge(np, sentence_initial=False)
                if verdict is not None:
                    return Cue(m.start(), end, verdict)
            # "Halima Guyo, the county executive, said": the subject sits before the commas.
            back = _tokens(text, max(0, m.start() - 160), m.start())
            named = [w for w, _, _ in back if w[:1].isupper()]
            if named and not all(w.lower() in self.vague for w in named):
                return Cue(m.start(), m.end(), True)
            return None
        if verb in _EVIDENTIAL:
            heads = {w.lower() for w in words}
            if not (heads & _DATA_NOUNS or heads & self.vague or any(_is_capitalised(w) for w in words[1:])):
                return None  # "the rally shows no sign of slowing"
        verdict = self.judge(words, sentence_initial=initial)
        return None if verdict is None else Cue(start, m.end(), verdict)


_PARTICIPLES = _words(
    """
    expected estimated forecast projected predicted thought believed said reported shown found
    """
)
_BE_BEFORE = LazyPattern(r"\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?$", re.IGNORECASE)
_PUNCT = frozenset((",", ";", ":", "(", ")", "“", "”", '"', "—", "–", "[", "]"))
_WEASEL_PASSIVE = _words(
    """
    said believed thought reported rumoured rumored understood estimated claimed alleged feared
    revealed suggested
    """
)
_PASSIVE_START = LazyPattern(
    r"\b(?:it|which|this|that|there|they|he|she)\s+(?:(?:is|are|was|were|has|have|had|been|being|be)\s+)+"
    r"(?:(?:widely|generally|commonly|often|also|now|reportedly)\s+)?$",
    re.IGNORECASE,
)


@functools.cache
def lexicon_for(verbs: tuple[str, ...], vague: tuple[str, ...]) -> Lexicon:
    return Lexicon(verbs, vague)


def lexicon_from_settings(settings: Settings) -> Lexicon:
    ns = settings.get("sourcing")
    verbs = tuple(ns.get("reporting-verbs", DEFAULT_REPORTING_VERBS)) + tuple(
        ns.get("extra-reporting-verbs", ())
    )
    vague = tuple(ns.get("vague-sources", DEFAULT_VAGUE_SOURCES)) + tuple(ns.get("extra-vague-sources", ()))
    return lexicon_for(verbs, vague)


# --------------------------------------------------------------------- analysis


class Sentence(tuple[int, int, str, tuple[Claim, ...], tuple[Cue, ...], bool]):
    """One sentence's sourcing facts, with absolute offsets."""

    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    text: str = tuple_field(2)
    claims: tuple[Claim, ...] = tuple_field(3)
    cues: tuple[Cue, ...] = tuple_field(4)
    quoted: bool = tuple_field(5)

    def __new__(
        cls, start: int, end: int, text: str, claims: tuple[Claim, ...], cues: tuple[Cue, ...], quoted: bool
    ) -> Sentence:
        return tuple.__new__(cls, (start, end, text, claims, cues, quoted))

    @property
    def named(self) -> bool:
        return any(c.named for c in self.cues)

    @property
    def vague(self) -> bool:
        return any(not c.named for c in self.cues)


# Builds a Sentence from one tuple in C (its constructor is a Python function).
_new_sentence: Callable[[tuple[int, int, str, tuple[Claim, ...], tuple[Cue, ...], bool]], Sentence] = (
    functools.partial(tuple.__new__, Sentence)
)


class Paragraph(tuple[int, int, tuple[Sentence, ...], bool]):
    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    sentences: tuple[Sentence, ...] = tuple_field(2)
    cued: bool = tuple_field(3)  # whether the sentences' attribution cues have been looked for

    def __new__(cls, start: int, end: int, sentences: tuple[Sentence, ...], cued: bool = False) -> Paragraph:
        return tuple.__new__(cls, (start, end, sentences, cued))

    @property
    def has_claims(self) -> bool:
        return any(s.claims for s in self.sentences)

    @property
    def named(self) -> bool:
        return any(s.named for s in self.sentences)


# Builds a Paragraph from one tuple in C, as `_new_sentence` a Sentence.
_new_paragraph: Callable[[tuple[int, int, tuple[Sentence, ...], bool]], Paragraph] = functools.partial(
    tuple.__new__, Paragraph
)


def analyse_paragraph(
    lexicon: Lexicon,
    sentences: Sequence[tuple[int, str]],
    in_quote: Any = None,
    linked: Any = None,
    cues: bool | None = None,
) -> Paragraph:
    """Claims and attribution cues of one paragraph given as (offset, sentence text) pairs.

    `in_quote(offset)` tells whether an absolute offset is inside a direct quote
    (claims there are the speaker's, already attributed); `linked(start, end)`
    whether a link overlaps a sentence (a link is a source). Cues are looked for
    when `cues` is true, or (None) when the paragraph has a claim.
    """
    out: list[Sentence] = []
    for offset, text in sentences:
        opens_quote = text.lstrip()[:1] in ('"', "“")  # BBC style: each quoted sentence opens a mark
        claims = tuple(
            Claim(offset + c.start, offset + c.end, c.kind)
            for c in find_claims(text)
            if not opens_quote and (in_quote is None or not in_quote(offset + c.start))
        )
        quoted = in_quote is not None and any(ch in text for ch in '"“”')
        out.append(Sentence(offset, offset + len(text), text, claims, (), quoted))
    start = sentences[0][0] if sentences else 0
    end = sentences[-1][0] + len(sentences[-1][1]) if sentences else 0
    para = Paragraph(start, end, tuple(out))
    if cues or (cues is None and para.has_claims):
        para = with_cues(lexicon, para, linked)
    return para


def with_cues(
    lexicon: Lexicon, para: Paragraph, linked: Any = None, full: bool = True, doc: DocWords | None = None
) -> Paragraph:
    """The paragraph with its sentences' attribution cues filled in.

    With `full` false, sentences without a claim are only looked at until one names a source:
    after that, all the paragraph needs to know is that it is attributed. `doc`: the
    document's `DocWords`, if known (see `Lexicon.cues`).
    """
    cued: dict[int, tuple[Cue, ...]] = {}
    order = sorted(range(len(para.sentences)), key=lambda i: not para.sentences[i].claims)
    named = False
    for i in order:
        s = para.sentences[i]
        if named and not full and not s.claims:
            break
        cues = [Cue(s.start + c.start, s.start + c.end, c.named) for c in lexicon.cues(s.text, doc, s.start)]
        if linked is not None and linked(s.start, s.end):
            cues.append(Cue(s.start, s.end, True))
        cued[i] = tuple(cues)
        named = named or any(c.named for c in cues)
    # Built directly: dataclasses.replace costs a few microseconds a call.
    sentences = tuple(
        Sentence(s.start, s.end, s.text, s.claims, cued[i], s.quoted) if cued.get(i) else s
        for i, s in enumerate(para.sentences)
    )
    return Paragraph(para.start, para.end, sentences, full or len(cued) == len(para.sentences))


class Analysis(Record):
    __slots__ = (
        "_cued",
        "attributed_numbers",
        "doc_words",
        "lexicon",
        "links",
        "lowered",
        "paragraphs",
        "words",
    )
    _fields = (
        "paragraphs",
        "attributed_numbers",
        "lowered",
        "words",
        "lexicon",
        "links",
        "doc_words",
        "_cued",
    )
    _compared = _fields[:-1]
    paragraphs: tuple[Paragraph, ...]
    # Figures stated in attributed sentences: number -> (sentence start, the sentence itself names
    # a source) for each place.
    attributed_numbers: Mapping[str, tuple[tuple[int, bool], ...]]
    lowered: str  # the document's prose in lower case, for fast word look-ups
    words: frozenset[str]  # the document's words
    lexicon: Lexicon | None
    links: Any
    doc_words: DocWords | None
    _cued: dict[int, Paragraph]  # not compared

    def __init__(
        self,
        paragraphs: tuple[Paragraph, ...],
        attributed_numbers: Mapping[str, tuple[tuple[int, bool], ...]] | None = None,
        lowered: str = "",
        words: frozenset[str] = frozenset(),
        lexicon: Lexicon | None = None,
        links: Any = None,
        doc_words: DocWords | None = None,
        _cued: dict[int, Paragraph] | None = None,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "paragraphs", paragraphs)
        setattr_(self, "attributed_numbers", {} if attributed_numbers is None else attributed_numbers)
        setattr_(self, "lowered", lowered)
        setattr_(self, "words", words)
        setattr_(self, "lexicon", lexicon)
        setattr_(self, "links", links)
        setattr_(self, "doc_words", doc_words)
        setattr_(self, "_cued", {} if _cued is None else _cued)

    def cued(self, index: int) -> Paragraph:
        """Paragraph `index` with its attribution cues (looked for on first use)."""
        para = self.paragraphs[index]
        if para.cued or self.lexicon is None:
            return para
        if index not in self._cued:
            self._cued[index] = with_cues(self.lexicon, para, self.links, doc=self.doc_words)
        return self._cued[index]

    def sentences_with(self, keys: Iterable[str]) -> Iterator[Sentence]:
        """Sentences that contain one of `keys` (lower case), in order, each once."""
        offsets: list[int] = []
        key_words, by_word = _keys_by_word(keys if isinstance(keys, tuple) else tuple(keys))
        lowered = self.lowered
        # Only keys whose identifying word occurs in the document are looked for (set
        # intersection in C rather than one membership test per key).
        for word in self.words.intersection(key_words):
            group = by_word[word]
            if len(group) == 1:
                key = group[0]
                i = lowered.find(key)
                while i >= 0:
                    offsets.append(i)
                    i = lowered.find(key, i + len(key))
                continue
            # Several keys share the word ("according to reports", "according to experts"):
            # one scan finds the word's places, and each key is tested only there. Every
            # place of a key holds its word at `key.find(word)`, so testing at each place of
            # the word (overlapping ones too) and keeping a key's places that do not overlap
            # its previous one, left to right, gives what `find` from each end gives.
            places: list[int] = []
            i = lowered.find(word)
            while i >= 0:
                places.append(i)
                i = lowered.find(word, i + 1)
            for key in group:
                shift = key.find(word)
                next_free = shift  # a place before the text's start is none
                for place in places:
                    if place >= next_free and lowered.startswith(key, place - shift):
                        offsets.append(place - shift)
                        next_free = place + len(key)
        if not offsets:
            return
        offsets.sort()
        for para in self.paragraphs:
            if offsets[-1] < para.start:
                return
            lo = bisect.bisect_left(offsets, para.start)
            if lo == len(offsets) or offsets[lo] >= para.end:
                continue
            for sentence in para.sentences:
                j = bisect.bisect_left(offsets, sentence.start)
                if j < len(offsets) and offsets[j] < sentence.end:
                    yield sentence


_NUMBER_TOKEN = LazyPattern(r"\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent|bn|m\b|million|billion)?", re.IGNORECASE)


def _number_key(text: str) -> str:
    key = _number_keys.get(text)
    if key is None:
        if len(_number_keys) >= 4096:
            _number_keys.clear()
        key = _number_keys[text] = _NUMBER_KEY_PARTS.sub(
            lambda m: "%" if m.group(0).strip() else "", text.lower()
        ).replace(",", "")
    return key


# A pure function of a short figure ("5.5 per cent"), looked up a few times an article.
_number_keys: dict[str, str] = {}
_NUMBER_KEY_PARTS = LazyPattern(r"\s|per\s?cent")


class _LinkIndex:
    def __init__(self, doc: Document) -> None:
        self.starts = [link.span.start for link in doc.links]
        self.ends = [link.span.end for link in doc.links]

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return any(self.ends[j] > start for j in range(max(0, i - 3), i))


def _lower(text: str) -> str:
    """`text.lower()`, faster for ASCII text with pound signs (most British news).

    `str.lower` walks a non-ASCII string character by character through the Unicode tables;
    an ASCII string it lowers in one fast pass. "£" has no case, so lowering the ASCII pieces
    between the pound signs and joining them again gives the same string.
    """
    if not text.isascii() and "£" in text:
        pieces = text.split("£")
        if all(piece.isascii() for piece in pieces):
            return "£".join([piece.lower() for piece in pieces])
    return text.lower()


# `threading.Lock` is this same lock; importing `threading` for it costs ~2.6M instructions.
_cache_lock = _thread.allocate_lock()
_cache: dict[int, tuple[Document, Analysis]] = {}


def analyse(doc: Document, lexicon: Lexicon) -> Analysis:
    """The sourcing facts of a document, computed once and shared by the three rules."""
    key = id(lexicon)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = _analyse(doc, lexicon)
    with _cache_lock:
        _cache[key] = (doc, result)
    return result


def _analyse(doc: Document, lexicon: Lexicon) -> Analysis:
    links = _LinkIndex(doc) if doc.links else None
    in_quote = doc.in_quote if doc.quotes else None
    # Claims are found in one pass over the whole text, then shared out to the sentences.
    lowered = _lower(doc.prose)
    words = words_of(lowered)
    claims = [c for c in find_claims(doc.prose, words, lowered) if in_quote is None or not in_quote(c.start)]
    claim_starts = [c.start for c in claims]
    n_claims = len(claim_starts)
    sentences = doc.sentences
    n = len(sentences)
    # Sentences come in order and do not overlap, so the first claim at or after the end of
    # the last sentence looked at is the next one any sentence can hold: only a sentence that
    # ends past it needs the bisects.
    no_claim = sys.maxsize
    next_claim = claim_starts[0] if claim_starts else no_claim
    quotes = in_quote is not None
    bisect_left = bisect.bisect_left
    new_sentence = _new_sentence
    new_paragraph = _new_paragraph
    paragraphs: list[Paragraph] = []
    claimed: list[int] = []  # indexes of the paragraphs with a claim
    k = 0
    for block in doc.paragraphs:
        own: list[Sentence] = []
        has_claims = False
        b_span = block.span
        b_start, b_end = b_span.start, b_span.end
        # A sentence is quoted only if it holds a quote mark, so only if its paragraph does.
        block_text = block.text
        marks = quotes and ('"' in block_text or "“" in block_text or "”" in block_text)
        while k < n:
            sent = sentences[k]
            span = sent.span
            s_start = span.start
            if s_start >= b_end:
                break
            k += 1
            if s_start < b_start:
                continue
            s_end = span.end
            text = sent.text
            mine: tuple[Claim, ...] = ()
            if next_claim < s_end:
                lo = bisect_left(claim_starts, s_start)
                hi = bisect_left(claim_starts, s_end)
                next_claim = claim_starts[hi] if hi < n_claims else no_claim
                if lo != hi and text.lstrip()[:1] not in ('"', "“"):
                    mine = tuple(claims[lo:hi])
                    has_claims = True
            quoted = marks and ('"' in text or "“" in text or "”" in text)
            own.append(new_sentence((s_start, s_end, text, mine, (), quoted)))
        if own:
            if has_claims:
                claimed.append(len(paragraphs))
            paragraphs.append(new_paragraph((own[0].start, own[-1].end, tuple(own), False)))
    # Cues matter in a paragraph with a claim; its neighbours get theirs when a rule asks.
    cue_doc = doc_words(lexicon, lowered, words)
    for index in claimed:
        paragraphs[index] = with_cues(lexicon, paragraphs[index], links, full=False, doc=cue_doc)
    numbers: dict[str, tuple[tuple[int, bool], ...]] = {}
    for index in claimed:  # only sentences with a claim count, so only these paragraphs
        para = paragraphs[index]
        para_named = para.named
        for s in para.sentences:
            if s.claims and (para_named or s.named):
                for m in _NUMBER_TOKEN.finditer(s.text):
                    key = _number_key(m.group(0))
                    numbers[key] = (*numbers.get(key, ()), (s.start, s.named))
    return Analysis(tuple(paragraphs), numbers, lowered, words, lexicon, links, cue_doc)


# --------------------------------------------------------------------- rules


def render(message: str, **values: str) -> str:
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return message


def _is_word_char(char: str) -> bool:
    """Whether one character (or "") matches `\\w` in a str pattern: sre's own test, in C.

    Called twice for each of the ~200 phrases at rule build; `re.match` costs a pattern-cache
    look-up each time.
    """
    return char.isalnum() or char == "_"


def _phrase_regex(phrase: str) -> str:
    body = r"\s+".join([re.escape(part) for part in phrase.split()])
    head = r"\b" if _is_word_char(phrase[:1]) else ""
    tail = r"\b" if _is_word_char(phrase[-1:]) else ""
    return head + body + tail


def compile_phrases(
    key: str, phrases: Iterable[str], patterns: Iterable[str] = (), check: bool = True
) -> LazyPattern | None:
    """One alternation of literal phrases (any case) and raw patterns (case as written), longest first.

    With `check`, the patterns are compiled now, so a bad one is a pack error when the pack
    loads; newslint's own packs skip that (`is_builtin_pack`) and compile on first use.
    """
    parts = [f"(?i:{_phrase_regex(p)})" for p in phrases if p.strip()]
    for pattern in patterns:
        if check:
            try:
                compile_pattern(pattern)
            except re.error as exc:
                raise PackError(key, f"bad regular expression {pattern!r}: {exc}") from None
        if pattern.startswith("(?i)"):  # a leading flag may not sit inside an alternation
            parts.append(f"(?i:{pattern[4:]})")
        else:
            parts.append(f"(?:{pattern})")
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    compiled = LazyPattern("|".join(parts))
    if check:
        compiled.compiled  # noqa: B018  # compiled now: an error shows when the pack loads, as before
    return compiled


class Gate(tuple[bool, tuple[str, ...]]):
    """Literal words of which every match of one pattern contains at least one (a prefilter)."""

    __slots__ = ()
    ignore_case: bool = tuple_field(0)  # the words sit in a (?i:...) part: look for them in the lowered text
    words: tuple[str, ...] = tuple_field(1)  # ASCII, lower case

    def __new__(cls, ignore_case: bool, words: tuple[str, ...]) -> Gate:
        return tuple.__new__(cls, (ignore_case, words))


def gate_passes(gate: Gate, text: str) -> bool:
    """Whether `text` contains one of the gate's words, so its pattern may match (a superset test)."""
    if gate.ignore_case:
        if has_case_twin(text):
            return True  # a twin could stand for a letter of a word: cannot rule the pattern out
        text = text.lower()
    return any(word in text for word in gate.words)


class GatedPatterns:
    """Patterns of which any may match, each compiled and searched only when its gate passes.

    One alternation of all SR001 own-figures patterns cost ~11-25 ms to compile on the first
    sentence that needed it; most sentences contain none of the words a pattern requires.
    """

    __slots__ = ("entries",)

    def __init__(self, entries: Iterable[tuple[LazyPattern, Gate | None]]) -> None:
        self.entries = tuple(entries)

    def search(self, text: str) -> bool:
        """Whether one of the patterns matches in `text` (as `search` on their alternation)."""
        low: str | None = None  # `gate_passes` inlined: the lower case and twin test made once
        twin = False
        for pattern, gate in self.entries:
            if gate is not None:
                if gate.ignore_case:
                    if low is None:
                        twin = has_case_twin(text)
                        low = text.lower()
                    if not twin and not any(word in low for word in gate.words):
                        continue
                elif not any(word in text for word in gate.words):
                    continue
            if pattern.search(text):
                return True
        return False


# Prefilters for the built-in SR001 own-figures patterns, keyed by the exact pattern text (an
# edited or user pattern has no gate and is always searched). Each gate lists words of which
# every match contains one, read off the pattern: the words of one required alternative group
# (a shorter stem stands for its forms: "profit" for profits?, "cut" for cuts/cutting).
_OWN_FIGURE_GATES: dict[str, Gate] = {
    # (?i:profits?|...|subscribers) is required
    (
        r"\b(?i:profits?|pre-tax\s+profits?|sales|revenues?|turnover|earnings|losses|dividends?|subscribers)\s+(?:at|of|for)\s+(?:\w+\s+){0,4}?[A-Z]\w"
    ): Gate(
        True, ("profit", "sales", "revenue", "turnover", "earnings", "losses", "dividend", "subscribers")
    ),
    # the closing noun group is required, case as written
    (
        r"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*[’\x27]s\s+(?:\w+\s+){0,2}?(?:profits?|sales|revenues?|turnover|earnings|losses|dividends?|subscribers|shares?|offer|bid|takeover)\b"
    ): Gate(
        False,
        (
            "profit",
            "sales",
            "revenue",
            "turnover",
            "earnings",
            "losses",
            "dividend",
            "subscribers",
            "share",
            "offer",
            "bid",
            "takeover",
        ),
    ),
    # the opening verb group is required
    (
        r"(?i:\b(?:made|posted|reported|booked|recorded|suffered|announced|unveiled)\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:profits?|loss|losses|surplus|deficit|sales|revenues?|turnover)\b)"
    ): Gate(True, ("made", "posted", "reported", "booked", "recorded", "suffered", "announced", "unveiled")),
    # the closing noun group is required
    (
        r"(?i:\b(?:cut|cutting|cuts|axe|axing|shed|shedding|slash|slashing|create|creating|add|adding)\s+(?:up\s+to\s+|about\s+|around\s+|some\s+|more\s+than\s+|nearly\s+|another\s+|a\s+further\s+)?[\d,]+\s+(?:\w+\s+)?(?:jobs|posts|staff|workers|positions|roles)\b)"
    ): Gate(True, ("jobs", "posts", "staff", "workers", "positions", "roles")),
    # the closing noun group is required
    (
        r"(?i:\b(?:seen|saw|reported|posted|recorded|announced|unveiled|suffered)\s+(?:an?\s+|its\s+)?(?:\S+\s+){0,2}?(?:(?:rise|jump|fall|drop|increase|decline|slump|surge|growth|gain)\s+in\s+)?(?:\w+\s+)?(?:profits?|sales|revenues?|earnings|turnover)\b)"
    ): Gate(True, ("profit", "sales", "revenue", "earnings", "turnover")),
    # "its" is required
    (
        r"(?i:\bits\s+(?:\w+\s+)?(?:profits?|losses|sales|revenues?|turnover|debts?|earnings|workforce|staff|market\s+share)\b)"
    ): Gate(True, ("its",)),
    # the closing noun group is required
    (
        r"(?i:\bthe\s+(?:bank|firm|company|group|club|airline|retailer)[’\x27]s\s+(?:\w+\s+)?(?:workforce|staff|profits?|losses|sales|revenues?|turnover|debts?|earnings|shares?)\b)"
    ): Gate(
        True,
        (
            "workforce",
            "staff",
            "profit",
            "losses",
            "sales",
            "revenue",
            "turnover",
            "debt",
            "earnings",
            "share",
        ),
    ),
    # % or per\s?cent is required ("cent" stands for both spellings, with any space)
    (
        r"(?i:\b(?:own|owns|owned|hold|holds|held|control|controls|acquire|acquired|buy|bought|sell|sold)\s+(?:a\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|just\s+over\s+|just\s+under\s+)?\d[\d.]*\s*(?:%|per\s?cent))"
    ): Gate(True, ("%", "cent")),
    # the one group is required; a multi-word alternative by its first word
    (
        r"(?i:\b(?:budget|budgets|target|targets|targeting|promis\w*|pledg\w*|proposals?|proposed|manifesto|threshold|earmark\w*|spending\s+plans?|tax\s+cuts?|policy|wants|plans?\s+to)\b)"
    ): Gate(
        True,
        (
            "budget",
            "target",
            "promis",
            "pledg",
            "propos",
            "manifesto",
            "threshold",
            "earmark",
            "spending",
            "tax",
            "policy",
            "wants",
            "plan",
        ),
    ),
    # every alternative contains one of these words
    (
        r"(?i:\b(?:net\s+income|(?:pre-tax|operating|net|annual|quarterly|half-year|full-year|first-half|underlying)\s+(?:profits?|losses|earnings)|earnings\s+per\s+share)\b)"
    ): Gate(True, ("income", "profit", "losses", "earnings")),
    # a currency sign is required
    (
        r"(?i:\b(?:earned|earns|made|makes)\s+(?:a\s+)?(?:net\s+|pre-tax\s+)?(?:(?:profit|loss)\s+of\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+)?[$£€¥])"
    ): Gate(True, ("$", "£", "€", "¥")),
    (r"(?i:\d+(?:\.\d+)?\s*(?:%|per\s?cent)-owned\b)"): Gate(True, ("-owned",)),
    # the past-participle group is required
    (
        r"(?i:\b(?:is|are|will\s+be|would\s+be)\s+(?:to\s+be\s+|being\s+)?(?:cut|raised|reduced|increased|lowered|frozen|held)\s+(?:from|to|by)\s)"
    ): Gate(True, ("cut", "raised", "reduced", "increased", "lowered", "frozen", "held")),
    (
        r"(?i:\bjobs\s+(?:will|would|are\s+to|are\s+set\s+to|could)\s+(?:go|be\s+(?:cut|lost|axed|created)))"
    ): Gate(True, ("jobs",)),
    (
        r"(?i:\bemploy(?:s|ed|ing)?\s+(?:about\s+|around\s+|some\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?\d)"
    ): Gate(True, ("employ",)),
    (
        r"(?i:\bunder\s+the\s+(?:deal|agreement|terms|plan|plans|scheme|proposals?|contract|settlement|offer)\b)"
    ): Gate(True, ("under",)),
    # the noun group is required, case as written
    (
        r"\b[Tt]he\s+(?:company|firm|group|bank|airline|carrier|retailer|chain|operator|business|network|club|council|government|ministry|department|agency|union|board|regulator)\s+(?:[a-z]+\s+){0,2}?(?:unveiled|announced|plans?|planned|wants|offered|agreed|proposed|will|is\s+to|expects|aims|hopes|intends|pledged|promised)\b"
    ): Gate(
        False,
        (
            "company",
            "firm",
            "group",
            "bank",
            "airline",
            "carrier",
            "retailer",
            "chain",
            "operator",
            "business",
            "network",
            "club",
            "council",
            "government",
            "ministry",
            "department",
            "agency",
            "union",
            "board",
            "regulator",
        ),
    ),
    # the verb group is required, case as written; a multi-word alternative by its last word
    (
        r"\b(?!(?:The|A|An|This|That|These|Those|It|Its|In|On|At|By|For|But|And|Some|Many|Most|Such)\b)[A-Z][\w&.-]*\s+(?:[a-z]+\s+){0,2}(?:has\s+|have\s+|had\s+|is\s+|are\s+)?(?:axing|cutting|shedding|to\s+axe|to\s+shed|axed|shed|doubled|tripled|halved|lifted|lowered|increased|reduced|hiked|froze|posted|reported|made|announced|recorded|booked|offered|agreed|bid|paid|pays|will\s+pay|is\s+to\s+pay|bought|sold|acquired|raised|cut|plans\s+to\s+cut|is\s+to\s+cut|will\s+cut|invested|is\s+to\s+invest|will\s+invest|spent|fined|was\s+fined|valued)\b"
    ): Gate(
        False,
        (
            "axe",
            "axing",
            "cut",
            "shed",
            "doubled",
            "tripled",
            "halved",
            "lifted",
            "lowered",
            "increased",
            "reduced",
            "hiked",
            "froze",
            "posted",
            "reported",
            "made",
            "announced",
            "recorded",
            "booked",
            "offered",
            "agreed",
            "bid",
            "paid",
            "pay",
            "bought",
            "sold",
            "acquired",
            "raised",
            "invest",
            "spent",
            "fined",
            "valued",
        ),
    ),
}


# Prefilters for the built-in SR001 market-words patterns (as _OWN_FIGURE_GATES).
_MARKET_WORD_GATES: dict[str, Gate] = {
    # the opening noun group is required; a multi-word alternative by one of its words
    (
        r"(?i)\b(?:market\s+(?:capitali[sz]ation|value)|stock\s+exchange|bourse|oil\s+prices?|crude\s+prices?|interest\s+rates?|borrowing\s+costs|base\s+rate|shares?|stocks?|stock\s+market|index|indices|FTSE|Dow|Nasdaq|Nikkei|Dax|Cac|Hang\s+Seng|S&P|bonds?|yields?|dollar|euro|yen|sterling|the\s+pound|currency|crude|oil\s+prices?|a\s+barrel|gold\s+price)\b[^.;]{0,140}\b(?:ended|finished|rose|fell|gained|lost|closed|opened|traded|trading|hit|jumped|slipped|climbed|dropped|edged|surged|slumped|tumbled|rallied|up|down|firmed|weakened|strengthened|higher|lower|performed|risen|fallen|lose|gain|rise|fall|above|below|hovered|stood|sold|expensive|cheaper|dearer|sunk|sank|slid|plummeted|record|remain|remained|unchanged|hold|held|taking)\b"
    ): Gate(
        True,
        (
            "market",
            "stock",
            "bourse",
            "oil",
            "crude",
            "interest",
            "borrowing",
            "base",
            "share",
            "index",
            "indices",
            "ftse",
            "dow",
            "nasdaq",
            "nikkei",
            "dax",
            "cac",
            "hang",
            "s&p",
            "bond",
            "yield",
            "dollar",
            "euro",
            "yen",
            "sterling",
            "pound",
            "currency",
            "barrel",
            "gold",
        ),
    ),
    # every alternative contains one of these words
    (
        r"(?i)\b(?:IPO|flotation|share\s+offer|in\s+value|record[\s-]high\s+oil\s+prices|oil\s+prices?\s+(?:at|of|near)\s+(?:a\s+)?record)\b"
    ): Gate(True, ("ipo", "flotation", "share", "value", "oil")),
    r"(?i)\b(?:closing|share|opening|offer)\s+price\b": Gate(True, ("price",)),
    # the closing group is required: each alternative has "trading", "exchange" or "market"
    (
        r"(?i)\b(?:rose|fell|gained|lost|closed|jumped|slipped|climbed|dropped|edged|surged|slumped|tumbled|rallied)\b[^.;]{0,60}\b(?:in\s+(?:early|late|morning|afternoon|after-hours)\s+trading|on\s+the\s+(?:stock\s+)?(?:exchange|market))"
    ): Gate(True, ("trading", "exchange", "market")),
}


def gated_patterns(key: str, patterns: Iterable[str], gates: Mapping[str, Gate]) -> GatedPatterns | None:
    """Newslint's own patterns of one key, each searched alone behind its gate (see GatedPatterns)."""
    entries: list[tuple[LazyPattern, Gate | None]] = []
    for pattern in patterns:
        lazy = compile_phrases(key, [], [pattern], check=False)
        if lazy is not None:
            entries.append((lazy, gates.get(pattern)))
    return GatedPatterns(entries) if entries else None


def is_builtin_pack(meta: RuleMeta) -> bool:
    """Whether a rule comes from newslint's own `rules/` (its patterns are compiled by the tests)."""
    return bool(meta.source) and Path(meta.source).resolve().is_relative_to(rules_dir())


def _read_scope(settings: Settings) -> str:
    scope = str(settings.get("sourcing").get("attribution-scope", "paragraph"))
    if scope not in SCOPES:
        raise PackError("attribution-scope", f"must be one of {', '.join(SCOPES)}, got {scope!r}")
    return scope


def _phrase_spans(low: str, gates: tuple[tuple[str, tuple[str, ...]], ...]) -> Iterator[tuple[int, int]]:
    """Word-bounded places in a lower-cased text of the phrases `_gated` grouped, group by group."""
    for word, phrases in gates:
        if word not in low:
            continue  # no phrase of this group occurs (see `_gated`)
        for phrase in phrases:
            i = low.find(phrase)
            while i >= 0:
                if _bounded(low, i, i + len(phrase)):
                    yield i, i + len(phrase)
                i = low.find(phrase, i + 1)


def _gated(items: Iterable[tuple[str, Any]]) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """(phrase, item) pairs grouped under each phrase's longest word, in first-seen order.

    A phrase occurs in a text only if its longest word does (a substring of it), so one `in`
    test on that word rules out every phrase of its group: most sentences hold none of them.
    """
    groups: dict[str, list[Any]] = {}
    for phrase, item in items:
        groups.setdefault(max(phrase.split(), key=len, default=phrase), []).append(item)
    return tuple((word, tuple(group)) for word, group in groups.items())


class Literals:
    """Literal phrases found with plain string search (any case, word-bounded)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple({" ".join(p.lower().split()) for p in phrases if p.strip()})
        self._gates = _gated((phrase, phrase) for phrase in self.phrases)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Each phrase's word-bounded places; callers only test them, so the order is free."""
        return _phrase_spans(text.lower().translate(_SPACES), self._gates)

    def search(self, text: str) -> bool:
        return next(self.spans(text), None) is not None

    def overlaps(self, text: str, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.spans(text))


_ANAPHORIC_START = LazyPattern(
    r"\s*(?:[\"“‘']\s*)?(?:(?:In|By|Since|During|For)\s+(?:\d{4}|the\s+\w+\s+\w+|that\s+\w+|last\s+\w+),?\s+)?"
    r"(?:[Ii]t|This|That|These|Those|Such|[Tt]hey|Its|Their|The\s+(?:rise|fall|increase|decrease|drop|figure|figures|total"
    r"|number|gain|growth|decline|jump|cut|amount|rate|sum|level|latest\s+\w+)|That\s+figure|Both|Of\s+these"
    r"|Of\s+those|Of\s+the|Among\s+them|In\s+(?:total|all)|Overall|For\s+[A-Z]\w*,\s+(?:that|the)\s+figure)\b"
)
_RESULTS_SUBJECT = LazyPattern(
    r"\s*(?:(?:Total|Net|Pre-tax|Operating|Annual|Quarterly|Full-year|Half-year|First-half|Second-half"
    r"|Underlying|Group|Its|Their|The\s+(?:firm|company|group|bank|airline|carrier|retailer|chain|business"
    r"|club|network|operator)['’]s)\s+)*(?:sales|profits?|revenues?|turnover|earnings|income|losses|debts?"
    r"|margins?|dividends?|orders|deliveries|output)\b",
    re.IGNORECASE,
)


# Survey answers ("65% of those questioned said", "18% said they would") belong to the survey the
# story is about; when the article names that survey once, its figures are sourced.
_RESPONDENTS = LazyPattern(
    r"\b(?:those|people|adults|users|voters|parents)\s+(?:questioned|surveyed|polled|asked|interviewed)\b"
    r"|\brespondents\b|^\s*(?:\d[\d.,]*\s?%|\w+\s+per\s?cent)\s+(?:of\s+\w+\s+)?(?:said|say|says|thought|believed|agreed)\b",
    re.IGNORECASE,
)
_SURVEY_WORDS = _words(
    "survey surveys poll polls study studies research report questionnaire interviewed polled"
)


def _names_a_survey(analysis: Analysis) -> bool:
    for para in analysis.paragraphs:
        for sentence in para.sentences:
            for cue in sentence.cues:
                if cue.named and not _SURVEY_WORDS.isdisjoint(
                    analysis.lowered[cue.start : cue.end].translate(_PUNCT_SPACE).split()
                ):
                    return True
    return False


_PUNCT_SPACE = translation_table(str.maketrans({c: " " for c in ".,;:!?()\"'“”‘’"}))

_HYPOTHETICAL = LazyPattern(r"\s*(?:[\"“‘']\s*)?(?:If|Unless|Only\s+(?:if|when)|Suppose|Imagine|Even\s+if)\b")
# Personal testimony ("my company paid an extra £5,000") and allegations ("accused of funnelling
# $2m") are not statistics stated as fact.
_NOT_FACT = LazyPattern(
    r"\b(?:I|my|me|mine)\b|\b(?:accused\s+of|charged\s+with|alleged(?:ly)?|allegations?)\b"
)
_AGENT_BEFORE = LazyPattern(
    r"(?<!rose\s)(?<!fell\s)(?<!grew\s)(?<!up\s)(?<!down\s)(?<!increased\s)(?<!decreased\s)(?<!dropped\s)"
    r"(?<!declined\s)(?<!risen\s)(?<!fallen\s)(?<!cut\s)\bby\s+(?:about|around|some|nearly|almost|more\s+than"
    r"|over|roughly|approximately|up\s+to|at\s+least)?\s*$",
    re.IGNORECASE,
)


def _title_like(text: str) -> bool:
    """A line of headlines ("Related: A | B | C") or a title, not a sentence."""
    if text.count("|") >= 2 or text.count(" · ") >= 2:
        return True
    words = [w for w in _LONG_WORD_RE.findall(text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class UnattributedStatistic(Record):
    """SR001: a quantitative claim with no named source in its attribution scope."""

    _fields = (
        "meta",
        "lexicon",
        "scope",
        "not_claims",
        "result_words",
        "market_words",
        "own_figures",
        "deal_after",
        "deal_before",
        "deal_after_gate",
    )
    meta: RuleMeta
    lexicon: Lexicon
    scope: str
    not_claims: Literals
    result_words: Literals
    market_words: LazyPattern | GatedPatterns | None
    own_figures: LazyPattern | GatedPatterns | None
    deal_after: LazyPattern | None
    deal_before: LazyPattern | None
    deal_after_gate: Gate | None  # prefilter for deal_after (see deal_noun_gate)

    def __init__(
        self,
        meta: RuleMeta,
        lexicon: Lexicon,
        scope: str,
        not_claims: Literals,
        result_words: Literals,
        market_words: LazyPattern | GatedPatterns | None,
        own_figures: LazyPattern | GatedPatterns | None,
        deal_after: LazyPattern | None,
        deal_before: LazyPattern | None,
        deal_after_gate: Gate | None,
    ) -> None:
        for name, value in zip(
            self._fields,
            (
                meta,
                lexicon,
                scope,
                not_claims,
                result_words,
                market_words,
                own_figures,
                deal_after,
                deal_before,
                deal_after_gate,
            ),
            strict=True,
        ):
            object.__setattr__(self, name, value)

    def check(self, doc: Document) -> Iterator[Finding]:
        analysis = analyse(doc, self.lexicon)
        paragraphs = analysis.paragraphs
        for p_index, para in enumerate(paragraphs):
            if not para.has_claims or (self.scope != "sentence" and para.named):
                continue
            for index, sentence in enumerate(para.sentences):
                if not sentence.claims or sentence.named or sentence.vague:
                    continue
                if self.scope == "adjacent" and self._next_door(analysis, p_index, index):
                    continue
                if (
                    self.scope != "sentence"
                    and index == 0
                    and p_index > 0
                    and _ANAPHORIC_START.match(sentence.text)
                    and analysis.cued(p_index - 1).named
                ):
                    continue  # "The rise ..." continues the attributed figure just before it
                claim = self.first_claim(sentence, analysis)
                if claim is None or self._first_party(sentence, analysis):
                    continue
                if _RESPONDENTS.search(sentence.text) and _names_a_survey(analysis):
                    continue  # "65% of those questioned said ..." in a story built on a named survey
                text = doc.source[claim.start : claim.end]
                yield Finding(Span(claim.start, claim.end), render(self.meta.message, match=text))

    def _first_party(self, sentence: Sentence, analysis: Analysis) -> bool:
        """A named company's own results or actions, or results continuing an earlier such sentence."""
        if self.own_figures is None:
            return False
        if self.own_figures.search(sentence.text):
            return True
        if not _RESULTS_SUBJECT.match(sentence.text):
            return False
        for para in analysis.paragraphs:  # "Sales rose 5%" after "Profits at Tesco rose"
            for earlier in para.sentences:
                if earlier.start >= sentence.start:
                    return False
                if self.own_figures.search(earlier.text):
                    return True
        return False

    @staticmethod
    def _next_door(analysis: Analysis, p_index: int, index: int) -> bool:
        """A named source in the sentence just before or after, across a paragraph break.

        Only reported speech counts ("The ONS said ..."), not a direct quote's
        speaker: a quotation does not source the figure next to it.
        """
        paragraphs = analysis.paragraphs
        para = paragraphs[p_index]
        neighbours: list[Sentence] = []
        if index == 0 and p_index > 0:
            neighbours.append(analysis.cued(p_index - 1).sentences[-1])
        if index == len(para.sentences) - 1 and p_index + 1 < len(paragraphs):
            neighbours.append(analysis.cued(p_index + 1).sentences[0])
        return any(n.named and not n.quoted for n in neighbours)

    def first_claim(self, sentence: Sentence, analysis: Analysis) -> Claim | None:
        """The first claim of a sentence that is a statistic needing a source, if any."""
        text = sentence.text
        if _title_like(text) or _HYPOTHETICAL.match(text) or _NOT_FACT.search(text):
            return None  # a list of headlines, or a condition rather than a claim
        if self.result_words.search(text):
            return None  # sports results and match statistics
        market: bool | None = None  # looked up on first need
        for claim in sentence.claims:
            rel_start, rel_end = claim.start - sentence.start, claim.end - sentence.start
            if self.not_claims.overlaps(text, rel_start, rel_end):
                continue
            if claim.kind in ("percent", "money", "count", "record", "multiplier"):
                if market is None:
                    market = self.market_words is not None and bool(self.market_words.search(text))
                if market:
                    continue
            if claim.kind in ("money", "percent") and self._deal(text, rel_start, rel_end, claim.kind):
                continue
            if claim.kind == "count" and _AGENT_BEFORE.search(text, max(0, rel_start - 40), rel_start):
                continue  # "voted for by nearly 4,000 listeners", "a strike by 400,000 workers"
            keys = {_number_key(m.group(0)) for m in _NUMBER_TOKEN.finditer(text, rel_start, rel_end)}
            if keys and all(self._attributed_elsewhere(analysis, key, sentence) for key in keys):
                continue  # a summary of a figure attributed elsewhere in the article
            return claim
        return None

    def _attributed_elsewhere(self, analysis: Analysis, key: str, sentence: Sentence) -> bool:
        places = analysis.attributed_numbers.get(key, ())
        return any(start != sentence.start and (named or self.scope != "sentence") for start, named in places)

    def _deal(self, text: str, start: int, end: int, kind: str) -> bool:
        """A sum (or share) that is the amount of one deal, bid, fine or prize rather than a statistic."""
        if (
            self.deal_after is not None
            and (self.deal_after_gate is None or gate_passes(self.deal_after_gate, text[end:]))
            and self.deal_after.match(text, end)
        ):
            return True
        if kind != "money" or self.deal_before is None:
            return False
        return self.deal_before.search(text, max(0, start - 70), start) is not None


def deal_noun_gate(nouns: Iterable[str]) -> Gate | None:
    """A prefilter for SR001's deal_after pattern: a match there contains one of the nouns.

    The pattern ends in one of the phrases (any case), so the first word of one of them is in the
    text it matches. None (no prefilter) when a noun is blank or not ASCII (`gate_passes` compares
    ASCII lower case).
    """
    nouns = list(nouns)
    if not nouns or not all(noun.strip() and noun.isascii() for noun in nouns):
        return None  # a blank noun is an empty alternative, which any text matches
    return Gate(True, tuple(noun.split()[0].lower() for noun in nouns))


def unattributed_statistic(
    meta: RuleMeta, options: Mapping[str, Any], settings: Settings
) -> UnattributedStatistic:
    """Build SR001: keys not-claims, result-words, market-words, own-figures, deal-nouns, deal-verbs."""
    read = OptionReader(options)
    check = not is_builtin_pack(meta)
    nouns = read.strings("deal-nouns", [])
    verbs = read.strings("deal-verbs", [])
    noun_alt = "|".join(_phrase_regex(n) for n in nouns)
    verb_alt = "|".join(_phrase_regex(v) for v in verbs)
    # read and checked in the order of the fields below, so the first error stays the one shown
    lexicon = lexicon_from_settings(settings)
    scope = _read_scope(settings)
    not_claims = Literals(read.strings("not-claims", []))
    result_words = Literals(read.strings("result-words", []))
    market_words: LazyPattern | GatedPatterns | None
    own_figures: LazyPattern | GatedPatterns | None
    if check:
        market_words = compile_phrases("market-words", [], read.strings("market-words", []), check)
        own_figures = compile_phrases("own-figures", [], read.strings("own-figures", []), check)
    else:  # newslint's own patterns: split, each behind a literal prefilter (GatedPatterns)
        market_words = gated_patterns("market-words", read.strings("market-words", []), _MARKET_WORD_GATES)
        own_figures = gated_patterns("own-figures", read.strings("own-figures", []), _OWN_FIGURE_GATES)
    rule = UnattributedStatistic(
        meta=meta,
        lexicon=lexicon,
        scope=scope,
        not_claims=not_claims,
        result_words=result_words,
        market_words=market_words,
        own_figures=own_figures,
        deal_after=LazyPattern(
            r"(?:\s*\([^)]{1,20}\))?\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + noun_alt + r")s?\b", re.IGNORECASE
        )
        if nouns
        else None,
        deal_before=LazyPattern(
            r"(?:\bfor\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|up\s+to\s+|more\s+than\s+|roughly\s+)?"
            r"|\b(?:" + verb_alt + r")\s+(?:\S+\s+){0,6}?|\b(?:" + noun_alt + r")s?\s+(?:worth|of|valued\s+at"
            r"|totalling|totaling|amounting\s+to|at|topping|exceeding|over|above|of\s+up\s+to|up\s+to"
            r"|of\s+more\s+than|of\s+over|of\s+nearly|of\s+almost|of\s+about|of\s+around)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?)"
            r"(?:an?\s+)?(?:\w+\s+)?$",
            re.IGNORECASE,
        )
        if verbs and nouns
        else None,
        deal_after_gate=deal_noun_gate(nouns),
    )
    read.finish()
    return rule


_NAMED_SOURCE_PHRASE = LazyPattern(r"\baccording\s+to\s+(?:the\s+)?[A-Z]|\b(?:by|from)\s+(?:the\s+)?[A-Z]")
_APPOSITIVE_NAME = LazyPattern(r",?\s+(?:the\s+)?[A-Z][\w&.-]*")
_OWNED_AFTER = LazyPattern(
    r"\s+(?:(?:published|released|commissioned|conducted|carried\s+out)\s+)?(?:in|by|from|at|of|for|with)\s+"
    r"(?:the\s+)?[A-Z]"
)
_OPENING_QUOTES = ('"', "“", "‘")
_SPACES = translation_table(str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\xa0": " "}))
_NEXT_WORDS = LazyPattern(r" +([a-z]+)(?: +([a-z]+))?(?: +([a-z]+))?")
_PREVIOUS_WORD = LazyPattern(r"([a-z]+) +$")


def _bounded(low: str, start: int, end: int) -> bool:
    return (start == 0 or not low[start - 1].isalnum()) and (end >= len(low) or not low[end].isalnum())


_FUNCTION_WORDS = frozenset(["is", "are", "was", "were", "be", "been", "being", "it", "has", "have", "had"])


class PhraseGroup(tuple[tuple[str, ...], frozenset[str], frozenset[str]]):
    """Optional `before` word, a subject, then a verb: "many experts warn"."""

    __slots__ = ()
    subjects: tuple[str, ...] = tuple_field(0)
    before: frozenset[str] = tuple_field(1)
    verbs: frozenset[str] = tuple_field(2)

    def __new__(cls, subjects: tuple[str, ...], before: frozenset[str], verbs: frozenset[str]) -> PhraseGroup:
        return tuple.__new__(cls, (subjects, before, verbs))

    @property
    def anchors(self) -> set[str]:
        """Strings every match contains: its subjects, or for short subjects ("is") its verbs."""
        if any(w in _FUNCTION_WORDS for w in self.subjects):  # "is widely believed"
            return set(self.verbs)
        return set(self.subjects)


class PhraseMatcher:
    """Vague-source phrases found with plain string search on lower-case text (no big pattern)."""

    def __init__(self, phrases: Iterable[str], groups: Iterable[PhraseGroup], patterns: LazyPattern | None):
        self.phrases = tuple(
            sorted({" ".join(p.lower().split()) for p in phrases if p.strip()}, key=len, reverse=True)
        )
        self.groups = tuple(groups)
        self.patterns = patterns
        words = set(self.phrases)
        for group in self.groups:
            words |= group.anchors
        self.anchors = tuple(sorted(words))
        # `find` sorts what it finds, so phrases and subjects are searched group by group.
        self._phrase_gates = _gated((phrase, phrase) for phrase in self.phrases)
        self._subject_gates = _gated(
            (subject, (group, subject)) for group in self.groups for subject in group.subjects
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of vague-source phrases in one sentence, in order."""
        low = text.lower().translate(_SPACES)
        spans = list(_phrase_spans(low, self._phrase_gates))
        for word, subjects in self._subject_gates:
            if word not in low:
                continue
            for group, subject in subjects:
                i = low.find(subject)
                while i >= 0:
                    end = i + len(subject)
                    if _bounded(low, i, end):
                        span = self._verb_after(group, low, i, end)
                        if span is not None:
                            spans.append(span)
                    i = low.find(subject, i + 1)
        if self.patterns is not None:
            spans.extend(m.span() for m in self.patterns.finditer(text))
        return sorted(spans)

    @staticmethod
    def _verb_after(group: PhraseGroup, low: str, start: int, end: int) -> tuple[int, int] | None:
        nxt = _NEXT_WORDS.match(low, end)
        if nxt is None:
            return None
        verb_end = None
        words = [w for w in nxt.groups() if w]
        for n in (3, 2, 1):
            if len(words) >= n and " ".join(words[:n]) in group.verbs:
                verb_end = nxt.end(n)
                break
        if verb_end is None:
            return None
        if group.before:
            prev = _PREVIOUS_WORD.search(low, max(0, start - 25), start)
            if prev is not None and prev.group(1) in group.before:
                start = prev.start(1)
        return start, verb_end


class VagueAttribution(Record):
    """SR002: a phrase that stands in for a source without naming one."""

    # The rule records keep a `__dict__` (no `__slots__`), as the dataclasses they replace
    # had: `vars(rule)` lists their fields.
    _fields = ("meta", "lexicon", "matcher", "figure_message")
    meta: RuleMeta
    lexicon: Lexicon
    matcher: PhraseMatcher
    figure_message: str

    def __init__(self, meta: RuleMeta, lexicon: Lexicon, matcher: PhraseMatcher, figure_message: str) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "lexicon", lexicon)
        object.__setattr__(self, "matcher", matcher)
        object.__setattr__(self, "figure_message", figure_message)

    def check(self, doc: Document) -> Iterator[Finding]:
        analysis = analyse(doc, self.lexicon)
        anchored = {s.start for s in analysis.sentences_with(self.matcher.anchors)}
        everywhere = self.matcher.patterns is not None
        for para in analysis.paragraphs:
            for sentence in para.sentences:
                phrases = everywhere or sentence.start in anchored
                if phrases or (sentence.claims and sentence.vague):
                    finding = self.finding(doc, sentence, phrases)
                    if finding is not None:
                        yield finding

    def finding(self, doc: Document, sentence: Sentence, phrases: bool = True) -> Finding | None:
        message = self.figure_message if sentence.claims else self.meta.message
        text = sentence.text
        for m_start, m_end in self.matcher.find(text) if phrases else ():
            if not self._vague_here(text, sentence, m_start, m_end):
                continue
            start, end = sentence.start + m_start, sentence.start + m_end
            return Finding(Span(start, end), render(message, match=doc.source[start:end].strip()))
        if sentence.claims and sentence.vague and not sentence.named:
            cue = next(c for c in sentence.cues if not c.named)
            return Finding(
                Span(cue.start, cue.end), render(self.figure_message, match=doc.source[cue.start : cue.end])
            )
        return None

    def _vague_here(self, text: str, sentence: Sentence, start: int, end: int) -> bool:
        found = text[start:end]
        if text.lstrip()[:1] in _OPENING_QUOTES:
            return False  # quoted speech (BBC style opens every quoted sentence with a mark)
        previous = _PREVIOUS_WORD.search(text.lower(), max(0, start - 12), start)
        if previous is not None and previous.group(1) in _DETERMINERS:
            return False  # "the research found": the study named earlier
        if _OWNED_AFTER.match(text, end):
            return False  # "according to reports in the Financial Times"
        before = text[:start].rstrip()
        initial = before.strip(" \"“‘'(") == ""
        if found[:1].isupper() and not initial:
            return False  # "Forrester Research found": part of a name
        owner = not initial and _OWNER_BEFORE_RE.search(before)
        if owner and not _SENTENCE_START_NAME_RE.search(before):
            return False  # "Ericsson's research has shown", "Gartner analysts say": owned
        if found.lower().startswith("according") and _APPOSITIVE_NAME.match(text, end):
            return False  # "according to analysts Gartner"
        if _PRONOUN_OBJECT_AFTER_RE.match(text[end:]):
            return False  # "many people believe you"
        # "it is estimated that 53% ..., according to Intervoice"
        return not (
            _NAMED_SOURCE_PHRASE.search(text, end)
            and any(c.named for c in (sentence.cues or self.lexicon.cues(text)))
        )


def vague_attribution(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> VagueAttribution:
    """Build SR002: keys phrases, groups (subjects, before, verbs), patterns, figure-message."""
    read = OptionReader(options)
    literal = read.strings("phrases", [])
    groups: list[PhraseGroup] = []
    raw_groups = read._get("groups", list, [], "a list of tables")
    for index, raw in enumerate(raw_groups):
        if not isinstance(raw, dict) or set(raw) - {"subjects", "before", "verbs"}:
            raise PackError(f"groups[{index}]", "must be a table with subjects, verbs and optional before")
        lists = {}
        for key in ("subjects", "before", "verbs"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PackError(f"groups[{index}].{key}", "must be a list of strings")
            lists[key] = [" ".join(v.lower().split()) for v in value if v.strip()]
        if not lists["subjects"] or not lists["verbs"]:
            raise PackError(f"groups[{index}]", "needs at least one subject and one verb")
        groups.append(
            PhraseGroup(tuple(lists["subjects"]), frozenset(lists["before"]), frozenset(lists["verbs"]))
        )
    patterns = compile_phrases("patterns", [], read.strings("patterns", []), not is_builtin_pack(meta))
    if not literal and not groups and patterns is None:
        raise PackError("phrases", "give at least one of phrases, groups or patterns")
    rule = VagueAttribution(
        meta=meta,
        lexicon=lexicon_from_settings(settings),
        matcher=PhraseMatcher(literal, groups, patterns),
        figure_message=str(read.string("figure-message", meta.message)),
    )
    read.finish()
    return rule


_DATED = LazyPattern(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|yesterday|today)\b"
    r"|\b(?:1[89]|20)\d\d\b|\b(?:last|this|earlier\s+this|next)\s+(?:week|month|year|spring|summer"
    r"|autumn|fall|winter)\b|\b(?:published|released|issued)\s+(?:in|on|by|last)\b"
    r"|\b(?:titled|entitled|called)\b|[“\"][A-Z][^”\"]{3,}[”\"]"
)


_ORG_WORD = r"[A-Z][\w&'’.-]*"
_ORG = _ORG_WORD + r"(?:\s+(?:(?:of|for|and|&|the|on|de)\s+)*" + _ORG_WORD + r")*"


class IncompleteAttribution(Record):
    """SR003: a named organisation's study or survey with no date, title or link."""

    _fields = ("meta", "lexicon", "study", "use", "nouns")
    meta: RuleMeta
    lexicon: Lexicon
    study: LazyPattern
    use: LazyPattern
    nouns: tuple[str, ...]

    def __init__(
        self,
        meta: RuleMeta,
        lexicon: Lexicon,
        study: LazyPattern,
        use: LazyPattern,
        nouns: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "lexicon", lexicon)
        object.__setattr__(self, "study", study)
        object.__setattr__(self, "use", use)
        object.__setattr__(self, "nouns", nouns)

    def check(self, doc: Document) -> Iterator[Finding]:
        analysis = analyse(doc, self.lexicon)
        links = _LinkIndex(doc) if doc.links else None
        for sentence in analysis.sentences_with(self.nouns):
            finding = self.finding(doc, sentence, links)
            if finding is not None:
                yield finding

    def finding(self, doc: Document, sentence: Sentence, links: _LinkIndex | None) -> Finding | None:
        text = sentence.text
        if text.lstrip()[:1] in _OPENING_QUOTES:
            return None  # quoted speech
        for m in self.study.finditer(text):
            if not (
                sentence.claims
                or self.use.match(text, m.end(), m.end() + 60)
                or _ACCORDING_TO_END_RE.search(text[max(0, m.start() - 15) : m.start()])
            ):
                continue  # "Learn more in a Pew study": not used as the source of a claim
            if _DATED.search(text):
                return None
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if links is not None and links(sentence.start, sentence.end):
                return None
            return Finding(Span(start, end), render(self.meta.message, match=doc.source[start:end]))
        return None


def incomplete_attribution(
    meta: RuleMeta, options: Mapping[str, Any], settings: Settings
) -> IncompleteAttribution:
    """Build SR003: keys study-nouns, qualifiers (words allowed between article and organisation)."""
    read = OptionReader(options)
    nouns = read.strings("study-nouns", ["study", "survey", "report", "poll", "analysis"])
    qualifiers = read.strings("qualifiers", ["recent", "new", "latest"])
    read.finish()
    if not nouns:
        raise PackError("study-nouns", "must not be empty")
    noun_alt = "|".join(_phrase_regex(n) for n in sorted(nouns, key=len, reverse=True))
    qual_alt = "|".join(_phrase_regex(q) for q in qualifiers) or "(?!)"
    article = r"\b(?:[Aa]n?|[Oo]ne)\s+(?:(?i:" + qual_alt + r")\s+)*"
    study = LazyPattern(
        article + _ORG + r"\s+(?i:" + noun_alt + r")"
        r"|"
        + article
        + r"(?i:"
        + noun_alt
        + r")\s+(?:(?:published|commissioned|conducted|carried\s+out)\s+)?"
        r"(?:by|from|for)\s+(?:the\s+)?" + _ORG
    )
    use = LazyPattern(
        r"\s*(?:\w+\s+){0,3}?(?:found|finds|shows?|showed|suggests?|suggested|says|said|revealed|reveals"
        r"|estimated|estimates|concluded|indicated|indicates|reported|predicts|predicted)\b"
    )
    return IncompleteAttribution(
        meta=meta,
        lexicon=lexicon_from_settings(settings),
        study=study,
        use=use,
        nouns=tuple(n.lower() for n in nouns),
    )


RULE_TYPES = {
    "unattributed-statistic": unattributed_statistic,
    "vague-attribution": vague_attribution,
    "incomplete-attribution": incomplete_attribution,
}
