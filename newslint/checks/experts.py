"""The experts family: quoted or cited experts an editor cannot verify from the article.

newslint cannot prove that a person does not exist. It looks for the marks that
press investigations of invented experts found again and again, adds them up, and
reports an expert only when several agree:

* an institution that is not in the shipped registry and sounds generic
  ("Institute for Urban Mobility Studies"), or that is one word off a real one
  ("Institute for Strategic Studies" for the *International* Institute for
  Strategic Studies);
* a full name that machine-written text favours ("Aris Thorne", "Elara Voss");
  never a surname alone;
* a vague or inflated credential ("a leading immunologist", "who has decades of
  experience") and no affiliation at all;
* framing in an "Expert Insight:" box, a single appearance, no link.

Real affiliations (a university, a think tank, an agency from the registry), a
specific post at a named body, repeated references and links count against.
People the story is about (named in the headline), a newsroom's own known
sources (settings) and anonymous sources who "spoke on condition of anonymity"
are never reported.

Two rule types:

* ``unverifiable-expert``: named experts (EX001);
* ``anonymous-expert``: unnamed authorities with an inflated credential,
  "a leading economist said", "one veteran trader with 25 years of experience"
  (EX002).

The analysis is pure string work on ``doc.prose`` (see `analyze`), so it is
tested on plain strings. Data files live in ``rules/experts/data`` and load
lazily, once per process.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint._record import MutableRecord, Record, tuple_field
from newslint.model import Finding, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import LazyPattern
from newslint.resources import rules_path
from newslint.settings import Settings

if TYPE_CHECKING:
    from newslint.document import Document

# --------------------------------------------------------------------- settings

NAMESPACE = "experts"
SETTINGS: dict[str, dict[str, Any]] = {
    NAMESPACE: {
        # People a newsroom knows are real: staff, regular contributors, local officials.
        "known-sources": [],
        # Extra institutions (full names or acronyms) to treat as known.
        "known-institutions": [],
    }
}

# Signal weights: a newsroom can override any of them in the rule file's [weights] table.
DEFAULT_WEIGHTS: dict[str, float] = {
    "near-miss-institution": 3.0,
    "invented-institution": 2.0,
    "machine-name": 2.0,
    "machine-name-partial": 1.0,
    "machine-surname": 0.5,
    "inflated-credential": 2.0,
    "vague-role": 1.0,
    "title-no-institution": 0.5,
    "no-affiliation": 1.0,
    "callout": 1.0,
    "single-mention": 1.0,
    "no-link": 0.5,
    "known-institution": -3.0,
    "local-affiliation": -2.0,
    "linked": -2.0,
    "repeated": -2.0,
}
DEFAULT_THRESHOLD = 3.5

# --------------------------------------------------------------------- patterns


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİĶĹĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽ"
_TOK = rf"[{_UP}][^\W\d_]*(?:['’\-][{_UP}]?[^\W\d_]+)*"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|la|le|bin|ibn|al|el|ter|ten|dos|das)"
_SP = r"[ \t\u00a0]+"
NAME = rf"{_TOK}(?:{_SP}(?:[{_UP}]\.{_SP})?(?:{_PARTICLE}{_SP}){{0,2}}{_TOK}){{0,2}}"
_NAME_RE = LazyPattern(NAME)
TITLE = r"(?:Dr|Prof|Professor)"

EXPERT_NOUNS = (
    "expert",
    "analyst",
    "economist",
    "scientist",
    "researcher",
    "strategist",
    "specialist",
    "consultant",
    "adviser",
    "advisor",
    "academic",
    "scholar",
    "commentator",
    "forecaster",
    "futurist",
    "pundit",
    "authority",
    "psychologist",
    "psychiatrist",
    "psychotherapist",
    "therapist",
    "nutritionist",
    "dietitian",
    "dietician",
    "physician",
    "astrophysicist",
    "physicist",
    "chemist",
    "biologist",
    "historian",
    "demographer",
    "statistician",
    "professor",
    "lecturer",
    "fellow",
    "engineer",
    "geographer",
    "epidemiologist",
)
_NOUN_ALT = "|".join(EXPERT_NOUNS) + r"|[a-z]+ologist"
INFLATED = (
    r"leading|renowned|world-renowned|world-leading|world-class|internationally[ -]renowned|"
    r"internationally[ -]recogni[sz]ed|prominent|top|distinguished|eminent|noted|"
    r"highly[ -]respected|well-respected|respected|well-known|acclaimed|celebrated|esteemed|"
    r"foremost|veteran|seasoned|award-winning|pre-?eminent|influential|top-ranked|trusted"
)
_INFLATED_RE = LazyPattern(rf"\b(?:{INFLATED})\b", re.IGNORECASE)
_NUMBER_WORDS = (
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"twenty-five|thirty|forty|fifty|many|several"
)
_EXPERIENCE_RE = LazyPattern(
    rf"\b(?:(?:more than|over|nearly|almost|some|about)\s+)?(?:(?:{_NUMBER_WORDS})\s*\+?\s+)?"
    r"(?:years|decades)\s+of\s+(?:experience|expertise|research)\b"
    r"|\bwho\s+has\s+spent\s+(?:decades|years)\b",
    re.IGNORECASE,
)


def _trie(words: Sequence[str]) -> str:
    """A regex alternation of words arranged as a trie: far faster than a flat alternation."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    parts: list[str] = []
    for head, rests in sorted(heads.items()):
        if len(rests) == 1:
            parts.append(re.escape(head + rests[0]))
            continue
        longer = [r for r in rests if r]
        tail = "|" if len(longer) < len(rests) else ""
        parts.append(f"{re.escape(head)}(?:{_trie(longer)}{tail})")
    return "|".join(parts)


ANON_NOUNS = ("trader", "dealer", "banker", "investor", "insider", "observer")
# One pass over the prose finds every role noun worth a closer look. The leading space (a literal)
# lets the regex engine jump from space to space; titles are found by literal searches.
_NOUN_SCAN_RE = LazyPattern(rf" (?:{_trie([*EXPERT_NOUNS, *ANON_NOUNS])})s?\b")
_WORD_AT_RE = LazyPattern(r"[A-Za-z]+")
_TITLE_NAME_RE = LazyPattern(rf"(?P<title>{TITLE})\b\.?{_SP}(?P<name>{NAME})")
# "<Name>, a|an|the ... <noun>": the text between the comma and the noun (checked separately).
# "<role words> <noun> [Dr.] <Name>": "political analyst Dr. James Whitaker".
_PRE_ROLE_NAME_RE = LazyPattern(rf"{_SP}(?:(?P<title>{TITLE})\b\.?{_SP})?(?P<name>{NAME})")
_ROLE_WORDS_LEFT_RE = LazyPattern(r"(?:(?:[A-Za-z][\w'’&-]*)[ \t]+){0,4}$")
_CALLOUT_RE = LazyPattern(
    r"\b(?:Expert|Expert's|Specialist|Analyst)[ \t]+(?:Insights?|Opinion|Take|Says|View|Views|"
    r"Analysis|Corner|Perspective|Quote|Commentary|Tip|Weighs In)[ \t]*[:\-–—]",
    re.IGNORECASE,
)
_CALLOUT_ONLY_RE = LazyPattern(
    r"\s*(?:Expert|Expert's|Specialist|Analyst)[ \t]+(?:Insights?|Opinion|Take|Says|View|Views|"
    r"Analysis|Corner|Perspective|Quote|Commentary|Tip|Weighs In)[ \t]*[:\-–—]?\s*$",
    re.IGNORECASE,
)
# Specific posts: a named body's own officer is a checkable source.
_POST_RE = LazyPattern(
    r"\b(?:professor|lecturer|reader|director|head|chair|chairman|chairwoman|chairperson|chief|"
    r"president|dean|spokesman|spokeswoman|spokesperson|minister|secretary|officer|manager|"
    r"co-?ordinator|organi[sz]er|editor|founder|co-founder|partner|governor|commissioner|curator|"
    r"leader|lead|deputy|vice|member|mayor|councillor|councilor|senator|representative|MP|MEP|"
    r"superintendent|inspector|principal|captain|coach|owner|ceo|cfo|coo)\b",
    re.IGNORECASE,
)
_POSSESSIVE_RE = LazyPattern(r"\b(?:the|its|their|his|her|our)\s+(?:[\w-]+\s+){0,2}[\w-]+['’]s?\s")
_ORG_AFTER_PREP_RE = LazyPattern(
    rf"\b(?:at|of|with|from|for|in)[ \t]+(?:the[ \t]+)?(?P<org>(?:[{_UP}][\w'’.&-]*|&)"
    rf"(?:[ \t]+(?:(?:of|for|on|and|the|in|de|du|des|der|&)[ \t]+)*(?:[{_UP}][\w'’.&-]*|&))*)"
)
_CAP_SEQ_RE = LazyPattern(
    rf"(?:[{_UP}][\w'’.&-]*)(?:[ \t]+(?:(?:of|for|on|and|the|&)[ \t]+)*[{_UP}][\w'’.&-]*)*"
)
_SPEECH_RE = LazyPattern(
    r"\b(?:said|says|say|told|tells|explains?|explained|warns?|warned|notes?|noted|adds?|added|"
    r"believes?|believed|argues?|argued|predicts?|predicted|cautions?|cautioned|suggests?|"
    r"suggested|insists?|insisted|claims?|claimed|thinks?|agrees?|agreed|according\s+to|"
    r"estimates?|estimated|observes?|observed|points?\s+out|pointed\s+out)\b",
    re.IGNORECASE,
)
_ANONYMITY_RE = LazyPattern(
    r"\b(?:anonymity|anonymously|not\s+to\s+be\s+(?:named|identified)|(?:declined|refused)\s+to\s+be\s+"
    r"(?:named|identified)|not\s+authori[sz]ed\s+to|unnamed|whose\s+name)\b",
    re.IGNORECASE,
)
_ANON_ARTICLE_RE = LazyPattern(r"\b(?:a|an|one)[ \t]+((?:[\w'’-]+[ \t]+){0,5})$", re.IGNORECASE)
_SENTENCE_END_RE = LazyPattern(r"[.!?](?=[\s\"”’)]|$)|\n")
_SENTENCE_START_RE = LazyPattern(r"[.!?][\"”’)]?\s|\n")
_ABBREV = frozenset(
    {
        "dr",
        "prof",
        "st",
        "mr",
        "mrs",
        "ms",
        "no",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "vs",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "rev",
        "mt",
        "u.s",
        "u.k",
    }
)
_NOT_NAME_TOKENS = _wordset(
    "The A An In On At Of And But Or He She It They We I You This That These Those His Her Their "
    "Its Our Mr Mrs Ms Miss Dr Prof Professor Sir Lord Lady Dame Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October "
    "November December According Said Says However Meanwhile While When After Before Despite "
    "Expert Insight Insights Opinion Analysis Institute Center Centre University College Council "
    "Foundation Group Research Studies Global National International Department Ministry Chief "
    "Senior Junior Head Director Analyst Economist Scientist Researcher Associate Assistant "
    "Welshman Welshwoman Scot Scotsman Englishman Irishman Briton American British English Scottish "
    "Welsh Irish French German Russian Australian Canadian Tory Labour Conservative Liberal "
    "Democrat Republican Former Veteran Leading Top"
)
_WORD_RE = LazyPattern(r"[\w'’&-]+")
_STOP = frozenset(
    {"the", "of", "for", "and", "on", "in", "at", "to", "a", "an", "&", "de", "du", "des", "der", "la", "le"}
)
_NORMALISE = {
    "centre": "center",
    "centres": "centers",
    "organisation": "organization",
    "programme": "program",
    "defence": "defense",
    "labour": "labor",
    "&": "and",
}


# --------------------------------------------------------------------- data


def _fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(name: str) -> tuple[str, ...]:
    """An organisation name's content words: lower case, no accents, no 'the/of/for/and'."""
    out: list[str] = []
    known = _TOKEN_WORDS
    for raw in _WORD_RE.compiled.findall(_fold(name).lower().replace("’", "'")):
        word = known.get(raw)
        if word is None:
            word = _token_word(raw)
            if len(known) < _TOKEN_WORDS_MAX:
                known[raw] = word
        if word:
            out.append(word)
    return tuple(out)


# Building the registry tokenises some 10,000 university names whose words repeat:
# each raw word's content word ("" for none) is remembered, up to a bound.
_TOKEN_WORDS: dict[str, str] = {}
_TOKEN_WORDS_MAX = 50_000


def _token_word(raw: str) -> str:
    word = raw.strip("'-.")
    if word.endswith("'s"):
        word = word[:-2]
    word = _NORMALISE.get(word, word)
    return "" if word in _STOP else word


def org_key(name: str) -> frozenset[str]:
    return frozenset(name_tokens(name))


def _data_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def _sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in _data_lines(path):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        out.setdefault(current, []).append(line)
    return out


class Registry(NamedTuple):
    """Known institutions: exact keys, name prefixes, and an index for near misses."""

    exact: Mapping[frozenset[str], str]
    prefixes: tuple[tuple[tuple[str, ...], str], ...]
    curated: Mapping[frozenset[str], str]
    # key minus one word -> (that word, canonical name), for keys of 2+ words
    one_off: Mapping[frozenset[str], tuple[tuple[str, str], ...]]
    # the university names, for keys `exact` (the curated names, which win) lacks
    universities: UniversityIndex

    def lookup(self, name: str) -> str | None:
        """The canonical name of a known institution, or None."""
        tokens = name_tokens(name)
        if not tokens:
            return None
        key = frozenset(tokens)
        found = self.exact.get(key)
        if found is None:
            found = self.universities.get(key)
        if found is not None:
            return found
        for prefix, canonical in self.prefixes:
            if tokens[: len(prefix)] == prefix:
                return canonical
        return None

    def near_misses(self, name: str) -> tuple[str, ...]:
        """Known institutions one word away from `name` (which is itself unknown)."""
        key = org_key(name)
        if len(key) < 2:
            return ()
        found: list[str] = []
        if len(key) >= 3:
            # a word missing: "Institute for Strategic Studies" -> the International Institute ...
            found.extend(c for _, c in self.one_off.get(key, ()))
        if len(key) >= 4:
            # a word too many: "Global Brookings Institution"
            for token in key:
                hit = self.curated.get(key - {token})
                if hit is not None:
                    found.append(hit)
        for token in key:
            # a misspelt word: "Brookings Instution"
            if len(token) < 5:
                continue
            for other, canonical in self.one_off.get(key - {token}, ()):
                if other == token or len(other) < 5 or abs(len(other) - len(token)) > 2:
                    continue
                limit = 2 if min(len(token), len(other)) >= 8 else 1
                if _edit_distance(token, other) <= limit:
                    found.append(canonical)
        return tuple(dict.fromkeys(found))


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@functools.cache
def _curated_lines() -> tuple[tuple[str, ...], ...]:
    """Lines of institutions.txt as (canonical, alias, ...); prefix lines as ("prefix:", name)."""
    out: list[tuple[str, ...]] = []
    for line in _data_lines(rules_path("experts/data/institutions.txt")):
        if line.lower().startswith("prefix:"):
            out.append(("prefix:", line.split(":", 1)[1].strip()))
        else:
            out.append(tuple(part.strip() for part in line.split("|") if part.strip()))
    return tuple(out)


@functools.cache
def _university_names() -> tuple[str, ...]:
    return tuple(_data_lines(rules_path("experts/data/universities.txt")))


_UNIVERSITY_WORDS = frozenset({"university", "universiteit", "universitat"})


class UniversityIndex:
    """The university names as keys of the registry, found on demand: making every
    name's key (its frozenset of words) costs ~60 ms, which would land on the first
    article with a candidate expert. A key's name is the first in file order whose
    key, or whose key without "university" (if that rest is not all generic words),
    is the key: what `exact.setdefault` over the names in order kept
    (`university_exact`, which the tests compare this with).

    Only names that have one word of the key are tokenised: for the first look-ups
    the names whose text contains the word (or a spelling `_NORMALISE` turns into
    it), a superset as `_token_word` takes a content word from its raw word by
    stripping characters only; after `_SCANS` look-ups, a word -> lines index of
    all names, read with one `findall`, which then costs less than more scans."""

    __slots__ = ("_blob", "_found", "_generic", "_lines", "_names", "_scans", "_starts")

    def __init__(self, names: Sequence[str], generic: frozenset[str]) -> None:
        self._names = names
        self._generic = generic
        self._found: dict[frozenset[str], str | None] = {}
        # each name as `name_tokens` reads it, one a line
        lines = [_fold(name).lower().replace("’", "'") for name in names]
        self._blob = "\n".join(lines)
        self._starts = list(itertools.accumulate([len(line) + 1 for line in lines[:-1]], initial=0))
        self._lines: dict[str, list[int]] | None = None
        self._scans = 0

    def get(self, key: frozenset[str]) -> str | None:
        """The university name with this (non-empty) key, or None."""
        if key in self._found:
            return self._found[key]
        found: str | None = None
        for i in self._candidates(key):
            name = self._names[i]
            own = frozenset(name_tokens(name))
            if own == key:
                found = name
                break
            if not own.isdisjoint(_UNIVERSITY_WORDS):
                rest = own - _UNIVERSITY_WORDS
                if rest == key and not rest <= self._generic:
                    found = name
                    break
        if len(self._found) < 10_000:
            self._found[key] = found
        return found

    def _candidates(self, key: frozenset[str]) -> list[int]:
        """Numbers of the lines that may have every word of `key`, in order: a
        superset of those that do."""
        if self._lines is None and self._scans < _SCANS:
            self._scans += 1
            # any word of the key will do: the longest is the rarest, "university" the commonest
            word = max(sorted(key - _UNIVERSITY_WORDS or key), key=len)
            lines = self._lines_containing([word, *_SPELLINGS.get(word, ())])
            # and the other words, before tokenising ("technology" is in 550 names)
            others = [(w, *_SPELLINGS.get(w, ())) for w in sorted(key) if w != word]
            blob, starts, last = self._blob, self._starts, len(self._starts) - 1
            return [
                i
                for i in lines
                if all(
                    any(n in blob[starts[i] : starts[i + 1] if i < last else len(blob)] for n in needles)
                    for needles in others
                )
            ]
        index = self._lines
        if index is None:
            index = self._lines = self._index()
        # a name with the key has each of its words: the lines of the rarest
        return min((index.get(word, []) for word in sorted(key)), key=len)

    def _lines_containing(self, needles: list[str]) -> list[int]:
        blob, starts = self._blob, self._starts
        out: set[int] = set()
        for needle in needles:
            i = blob.find(needle)
            while i >= 0:
                line = bisect.bisect_right(starts, i) - 1
                out.add(line)
                if line + 1 >= len(starts):
                    break
                i = blob.find(needle, starts[line + 1])
        return sorted(out)

    def _index(self) -> dict[str, list[int]]:
        """Content word -> numbers of the lines that have it, in order. A line's raw
        words are the `_WORD_RE` matches between two newlines ("\\n" is not a word
        character)."""
        lines: dict[str, list[int]] = {}
        known = _TOKEN_WORDS
        line = 0
        for raw in _WORD_OR_NEWLINE_RE.compiled.findall(self._blob):
            if raw == "\n":
                line += 1
                continue
            word = known.get(raw)
            if word is None:
                word = _token_word(raw)
                if len(known) < _TOKEN_WORDS_MAX:
                    known[raw] = word
            if word:
                found = lines.get(word)
                if found is None:
                    lines[word] = [line]
                elif found[-1] != line:
                    found.append(line)
        return lines


# look-ups by scanning the names' text before `UniversityIndex` builds its index
_SCANS = 4

# a content word -> the other spellings `_token_word` turns into it
_SPELLINGS: dict[str, tuple[str, ...]] = {}
for _raw, _word in _NORMALISE.items():
    _SPELLINGS[_word] = (*_SPELLINGS.get(_word, ()), _raw)

_WORD_OR_NEWLINE_RE = LazyPattern(r"[\w'’&-]+|\n")


@functools.cache
def _university_index() -> UniversityIndex:
    return UniversityIndex(_university_names(), generic_words().all_words)


@functools.cache
def registry(extra: tuple[str, ...] = ()) -> Registry:
    """The institution registry (built once per set of extra names)."""
    exact: dict[frozenset[str], str] = {}
    curated: dict[frozenset[str], str] = {}
    prefixes: list[tuple[tuple[str, ...], str]] = []
    lines = [*_curated_lines(), *((name,) for name in extra)]
    for parts in lines:
        if parts[0] == "prefix:":
            prefixes.append((name_tokens(parts[1]), parts[1]))
            continue
        canonical = parts[0]
        for alias in parts:
            key = org_key(alias)
            if key:
                exact[key] = canonical
                curated.setdefault(key, canonical)
    one_off: dict[frozenset[str], list[tuple[str, str]]] = {}
    for key, canonical in curated.items():
        if len(key) >= 2:
            for token in key:
                one_off.setdefault(key - {token}, []).append((token, canonical))
    return Registry(
        exact=exact,
        prefixes=tuple(prefixes),
        curated=curated,
        one_off={k: tuple(dict.fromkeys(v)) for k, v in one_off.items()},
        universities=_university_index(),
    )


def university_exact(names: Sequence[str], generic: frozenset[str]) -> dict[frozenset[str], str]:
    """Every university key and its name, built in one pass (what `UniversityIndex`
    finds on demand; the tests compare the two)."""
    exact: dict[frozenset[str], str] = {}
    for name in names:
        tokens = name_tokens(name)
        if not tokens:
            continue
        key = frozenset(tokens)
        exact.setdefault(key, name)
        # "Yale University" is also "Yale"; "University of Surrey" also "Surrey". (Without
        # such a word the rest is the key itself, already set.)
        if not key.isdisjoint(_UNIVERSITY_WORDS):
            rest = key - _UNIVERSITY_WORDS
            if rest and not rest <= generic:
                exact.setdefault(rest, name)
    return exact


class GenericWords(tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]):
    __slots__ = ()
    heads: frozenset[str] = tuple_field(0)
    company_heads: frozenset[str] = tuple_field(1)
    words: frozenset[str] = tuple_field(2)
    all_words: frozenset[str] = tuple_field(3)

    def __new__(
        cls,
        heads: frozenset[str],
        company_heads: frozenset[str],
        words: frozenset[str],
        all_words: frozenset[str],
    ) -> GenericWords:
        return tuple.__new__(cls, (heads, company_heads, words, all_words))


@functools.cache
def generic_words() -> GenericWords:
    sections = _sections(rules_path("experts/data/generic_words.txt"))

    def words(name: str) -> frozenset[str]:
        return frozenset(
            _NORMALISE.get(w, w) for line in sections.get(name, []) for w in line.lower().split()
        )

    heads, company, topic = words("head"), words("company-head"), words("word")
    return GenericWords(heads, company, topic, heads | company | topic)


class MachineNames(tuple[Mapping[str, int], Mapping[str, int], Mapping[tuple[str, str], str]]):
    __slots__ = ()
    first: Mapping[str, int] = tuple_field(0)
    surnames: Mapping[str, int] = tuple_field(1)
    pairs: Mapping[tuple[str, str], str] = tuple_field(2)

    def __new__(
        cls, first: Mapping[str, int], surnames: Mapping[str, int], pairs: Mapping[tuple[str, str], str]
    ) -> MachineNames:
        return tuple.__new__(cls, (first, surnames, pairs))


@functools.cache
def machine_names() -> MachineNames:
    sections = _sections(rules_path("experts/data/machine_names.txt"))

    def ranked(name: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for line in sections.get(name, []):
            parts = line.split("\t")
            out[parts[0].lower()] = int(parts[1]) if len(parts) > 1 else 0
        return out

    pairs: dict[tuple[str, str], str] = {}
    for line in sections.get("pair", []):
        who, _, source = line.partition("\t")
        first, _, last = who.strip().partition(" ")
        pairs[(_fold(first).lower(), _fold(last).lower())] = source.strip()
    return MachineNames(ranked("first"), ranked("surname"), pairs)


# --------------------------------------------------------------------- analysis


class OrgVerdict(tuple[str, str, tuple[str, ...]]):
    """What the registry says about one organisation name."""

    __slots__ = ()
    name: str = tuple_field(0)
    kind: str = tuple_field(1)  # "known" | "near-miss" | "generic" | "other"
    canonical: tuple[str, ...] = tuple_field(2)

    def __new__(cls, name: str, kind: str, canonical: tuple[str, ...] = ()) -> OrgVerdict:
        return tuple.__new__(cls, (name, kind, canonical))


def classify_org(name: str, reg: Registry, generic: GenericWords) -> OrgVerdict:
    """Known, a near miss of a known one, generic-sounding, or some other (unremarkable) name."""
    name = name.strip(" .,'’")
    found = reg.lookup(name)
    if found is not None:
        return OrgVerdict(name, "known", (found,))
    words = set(name_tokens(name))
    has_head = bool(words & generic.heads)
    has_company_head = bool(words & generic.company_heads)
    if len(words) >= 2:
        near = reg.near_misses(name)
        if near:
            return OrgVerdict(name, "near-miss", near)
    if (has_head or (has_company_head and len(words) >= 3)) and words <= generic.all_words:
        return OrgVerdict(name, "generic")
    return OrgVerdict(name, "other")


# The records below are `newslint._record` classes, not dataclasses: each dataclass
# cost about 1 ms of this module's import, most of its start-up.


class Mention(MutableRecord):
    """One named expert: where the name is and what the text says about them."""

    __slots__ = ("block", "context", "name", "name_end", "name_start", "role", "title")
    _fields = ("name_start", "name_end", "name", "title", "role", "context", "block")

    def __init__(
        self,
        name_start: int,
        name_end: int,
        name: str,
        title: str = "",
        role: str = "",
        context: str = "",
        block: int = 0,
    ) -> None:
        self.name_start = name_start
        self.name_end = name_end
        self.name = name
        self.title = title
        self.role = role
        self.context = context
        self.block = block


class Assessment(MutableRecord):
    """A scored mention: the evidence for and against, and the reasons an editor reads."""

    __slots__ = ("mention", "reasons", "score", "signals")
    _fields = ("mention", "score", "reasons", "signals")

    def __init__(
        self,
        mention: Mention,
        score: float,
        reasons: list[str] | None = None,
        signals: dict[str, float] | None = None,
    ) -> None:
        self.mention = mention
        self.score = score
        self.reasons: list[str] = [] if reasons is None else reasons
        self.signals: dict[str, float] = {} if signals is None else signals


class TextView(NamedTuple):
    """What the analysis reads: the masked prose, prose block spans, headline, link spans."""

    prose: str
    blocks: tuple[tuple[int, int], ...]
    headline: str = ""
    links: tuple[tuple[int, int], ...] = ()
    markdown: bool = False

    @classmethod
    def from_text(cls, text: str, headline: str = "") -> TextView:
        """Every non-blank line is a paragraph (plain-text articles, tests)."""
        blocks: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                blocks.append((pos, pos + len(line)))
            pos += len(line) + 1
        return cls(text, tuple(blocks), headline)

    @classmethod
    def from_document(cls, doc: Document) -> TextView:
        cached = _VIEW_CACHE.get("last")
        if cached is not None and cached[0] is doc:
            return cached[1]
        view = cls._build(doc)
        _VIEW_CACHE["last"] = (doc, view)
        return view

    @classmethod
    def _build(cls, doc: Document) -> TextView:
        blocks = tuple((b.span.start, b.span.end) for b in doc.blocks if b.kind != "headline")
        headline = doc.headline.text if doc.headline else ""
        links = tuple((link.span.start, link.span.end) for link in doc.links)
        return cls(doc.prose, blocks, headline, links, doc.format == "markdown")


# The two EX rules run one after the other on the same document: build its view once.
_VIEW_CACHE: dict[str, tuple[Any, TextView]] = {}


def _clean_name(raw: str) -> str:
    tokens = raw.split()
    if tokens and tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
    while tokens and (tokens[-1] in _NOT_NAME_TOKENS or tokens[-1].rstrip("'’s") in _NOT_NAME_TOKENS):
        tokens.pop()
    while tokens and tokens[0] in _NOT_NAME_TOKENS:
        tokens.pop(0)
    return " ".join(tokens)


def _sentence_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around [start, end) inside the block [lo, hi), at most ~300 chars each way."""
    left = max(lo, start - 300)
    s = left
    pos = start
    while pos > left:
        # the nearest end mark before the mention that is not an abbreviation ("Dr.", "J.")
        mark = max(
            text.rfind(".", left, pos),
            text.rfind("?", left, pos),
            text.rfind("!", left, pos),
            text.rfind("\n", left, pos),
        )
        if mark < 0:
            break
        m = _SENTENCE_START_RE.match(text, mark)
        if m is not None and (m.group(0) == "\n" or not _is_abbrev(text, mark)):
            s = m.end()
            break
        pos = mark
    e = min(hi, end + 300)
    for m in _SENTENCE_END_RE.finditer(text, end, e):
        if m.group(0) != "\n" and _is_abbrev(text, m.start()):
            continue
        e = m.end()
        break
    return s, e


def _is_abbrev(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    return (len(word) == 1 and word.isalpha()) or word in _ABBREV


def _block_index(starts: Sequence[int], blocks: Sequence[tuple[int, int]], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < blocks[i][1]:
        return i
    return -1


class Hit(tuple[int, int, str, int]):
    """A place worth a closer look: a title ("Dr", "Prof") or a role noun ("analyst")."""

    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    word: str = tuple_field(2)
    block: int = tuple_field(3)

    def __new__(cls, start: int, end: int, word: str, block: int) -> Hit:
        return tuple.__new__(cls, (start, end, word, block))


_SCAN_CACHE: list[tuple[str, tuple[tuple[int, int], ...], tuple[Hit, ...]]] = []


def scan(view: TextView) -> tuple[Hit, ...]:
    """Titles and role nouns in the prose blocks, in order (cached for the last text seen)."""
    if _SCAN_CACHE and _SCAN_CACHE[0][0] is view.prose and _SCAN_CACHE[0][1] == view.blocks:
        return _SCAN_CACHE[0][2]
    text = view.prose
    found: list[tuple[int, int, str]] = []
    for title in ("Dr", "Prof"):
        i = text.find(title)
        while i >= 0:
            end = i + len(title)
            if title == "Prof" and text.startswith("essor", end):
                end += 5
            if (i == 0 or not text[i - 1].isalnum()) and (end >= len(text) or not text[end].isalnum()):
                found.append((i, end, text[i:end]))
            i = text.find(title, end)
    for m in _NOUN_SCAN_RE.finditer(text):
        found.append((m.start() + 1, m.end(), m.group(0)[1:]))
    i = text.find("ologist")
    while i >= 0:
        w = _WORD_AT_RE.match(text, _word_start(text, i))
        if w and w.start() > 0 and not text[w.start() - 1].isalnum():
            found.append((w.start(), w.end(), w.group(0)))
        i = text.find("ologist", i + 7)
    found.sort()
    starts = [b[0] for b in view.blocks]
    hits: list[Hit] = []
    for start, end, word in found:
        bi = _block_index(starts, view.blocks, start)
        if bi >= 0:
            hits.append(Hit(start, end, word, bi))
    result = tuple(hits)
    _SCAN_CACHE[:] = [(view.prose, view.blocks, result)]
    return result


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


def find_mentions(view: TextView) -> list[Mention]:
    """Named people presented as experts: titled names, appositives, role-before-name."""
    text = view.prose
    found: dict[int, Mention] = {}
    for hit in scan(view):
        lo, hi = view.blocks[hit.block]
        word = hit.word
        if word[0].isupper():
            m = _TITLE_NAME_RE.match(text, hit.start, hi)
            if m:
                _add(
                    found,
                    m.group("name"),
                    m.start("name"),
                    m.group("title"),
                    _role_after(text, m.end(), hi),
                    hit.block,
                )
            continue
        if word.rstrip("s") in ANON_NOUNS:
            continue
        # "<Name>, a <role words> <noun>"
        left = _appositive_left(text, max(lo, hit.start - 160), hit.start)
        if left and _plausible_role(left.group("role"), word):
            end = _role_end(text, hit.end, hi)
            _add(
                found,
                left.group("name"),
                left.start("name"),
                left.group("title") or "",
                left.group("role") + text[hit.start : end],
                hit.block,
            )
            continue
        # "<role words> <noun> [Dr.] <Name>"
        if word == "fellow" or (word.endswith("s") and word[:-1] in EXPERT_NOUNS):
            continue  # "fellow Russian Svetlana Feofanova", "analysts Screen Digest"
        right = _PRE_ROLE_NAME_RE.match(text, hit.end, hi)
        if right:
            words = _ROLE_WORDS_LEFT_RE.search(text, max(lo, hit.start - 60), hit.start)
            role = _strip_lead(words.group(0) if words else "") + word
            _add(found, right.group("name"), right.start("name"), right.group("title") or "", role, hit.block)
    mentions = sorted(found.values(), key=lambda m: m.name_start)
    for mention in mentions:
        lo, hi = view.blocks[mention.block]
        s, e = _sentence_bounds(text, mention.name_start, mention.name_end, lo, hi)
        mention.context = text[s:e]
    return mentions


_LEAD_RE = LazyPattern(
    r"^.*\b(?:said|says|told|tells|explains|explained|according\s+to|by|from|with|and|but|that|"
    r"warns|warned|added|adds|notes|noted)\s+",
    re.IGNORECASE,
)


_APPOSITIVE_NAME_RE = LazyPattern(
    rf"(?:(?P<title>{TITLE})\b\.?{_SP})?(?P<name>{NAME})[ \t]*[,–—-][ \t]*(?P<role>[^,.;:!?\"“”()\n]*)"
)


def _appositive_left(text: str, lo: int, noun: int) -> re.Match[str] | None:
    """'<Name>, <role words>' ending right before a role noun, or None.

    Looks for the separator first (a cheap reverse find), then matches the name only in the
    few dozen characters before it.
    """
    sep = max(
        text.rfind(",", lo, noun),
        text.rfind(" – ", lo, noun),
        text.rfind(" — ", lo, noun),
        text.rfind(" - ", lo, noun),
    )
    if sep < 0:
        return None
    between = text[sep + 1 : noun]
    if any(ch in between for ch in '.;:!?"“”()'):
        return None
    start = lo if sep - 70 <= lo else max(lo, text.rfind(" ", lo, sep - 70))
    for m in _APPOSITIVE_NAME_RE.finditer(text, start, noun):
        if m.end() == noun:
            return m
    return None


_ROLE_BREAK = _wordset(
    "and but or nor so yet which who whom whose that many some most several all both few two three "
    "have has had are is was were be been will would can could may might said says told as if when "
    "while because although did does do"
)


def _plausible_role(role: str, noun: str) -> bool:
    """Whether the words between '<Name>,' and the noun describe one person: 'a leading', 'the'."""
    if (noun.endswith("s") and noun[:-1] in EXPERT_NOUNS) or noun.endswith("ists"):
        return False  # "the Quagga Project, scientists have bred ..."
    words = role.split()
    if noun == "fellow" and not _FELLOW_RE.search(role):
        return False  # "known by his fellow professionals"
    return len(words) <= 8 and not any(w.lower() in _ROLE_BREAK for w in words)


_FELLOW_RE = LazyPattern(
    r"\b(?:a|an|the|senior|research|visiting|teaching|postdoctoral|honorary|junior|distinguished|"
    r"associate|policy|non-resident|nonresident)[ \t]+$",
    re.IGNORECASE,
)


def _strip_lead(words: str) -> str:
    """Drop everything up to the last speech verb or preposition: "said the" -> ""."""
    return _LEAD_RE.sub("", words)


_ROLE_AFTER_RE = LazyPattern(r"[ \t]*(?:,|[ \t]–|[ \t]—|[ \t]-)[ \t]*|[ \t]+(?=(?:of|from|at)[ \t])")


def _role_after(text: str, pos: int, hi: int) -> str:
    """The appositive after a titled name: 'Dr. X, the trust's medical director' -> the role."""
    m = _ROLE_AFTER_RE.match(text, pos, hi)
    if m is None:
        return ""
    end = _role_end(text, m.end(), hi)
    role = text[m.end() : end]
    words = role.split()
    if not words or len(words) > 14:
        return ""
    first = words[0]
    if first.lower() in _ROLE_BREAK or (first.endswith(("ed", "ly")) and first[0].islower()):
        return ""  # "Dr X, who has said ...", "Dr X, described the novel as ..."
    if (
        first.lower() in _DETERMINERS
        or first[0].isupper()
        or _POST_RE.search(role)
        or _NOUN_SCAN_RE.search(" " + role)
    ):
        return role
    return ""


_DETERMINERS = _wordset("a an the one his her their its our former ex- chief senior")


_ROLE_END_RE = LazyPattern(
    r"[;:!?\"“”()\n]|,[ \t]+(?:which|and|but)\b|[ \t]who\b|\.(?=\s|$)"
    r"|,?[ \t]+(?:said|says|told|tells|explains|explained|added|adds|warned|warns|believes|thinks)\b"
)


def _role_end(text: str, pos: int, hi: int) -> int:
    m = _ROLE_END_RE.search(text, pos, hi)
    return m.start() if m else hi


def _add(found: dict[int, Mention], raw: str, start: int, title: str, role: str, block: int) -> None:
    name = _clean_name(raw)
    if not name:
        return
    offset = raw.find(name)
    start += max(offset, 0)
    if not title and len(name.split()) < 2:
        return  # one capitalised word without a title is no name
    existing = found.get(start)
    if existing is not None:
        if role and not existing.role:
            existing.role = role
        if title and not existing.title:
            existing.title = title
        return
    found[start] = Mention(start, start + len(name), name, title, role.strip(), "", block)


class Config(Record):
    """A rule's tunables and a newsroom's data."""

    __slots__ = ("known_institutions", "known_sources", "threshold", "weights")
    _fields = ("threshold", "weights", "known_sources", "known_institutions")
    threshold: float
    weights: Mapping[str, float]
    known_sources: frozenset[str]
    known_institutions: tuple[str, ...]

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        weights: Mapping[str, float] | None = None,
        known_sources: frozenset[str] = frozenset(),
        known_institutions: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "weights", dict(DEFAULT_WEIGHTS) if weights is None else weights)
        object.__setattr__(self, "known_sources", known_sources)
        object.__setattr__(self, "known_institutions", known_institutions)


def _norm_person(name: str) -> str:
    return " ".join(_fold(name).lower().replace(".", " ").split())


def assess(view: TextView, config: Config | None = None) -> list[Assessment]:
    """Score every named expert mention in a text (the first mention of each person)."""
    mentions = find_mentions(view)
    if not mentions:
        return []
    config = config or Config()
    reg = registry(config.known_institutions)
    generic = generic_words()
    names = machine_names()
    w = config.weights
    text = view.prose
    headline_words = set(_WORD_RE.findall(_fold(view.headline).lower()))
    out: list[Assessment] = []
    seen_people: set[str] = set()
    for mention in mentions:
        person = _norm_person(mention.name)
        if person in seen_people:
            continue
        seen_people.add(person)
        if (
            person in config.known_sources
            or _norm_person(f"{mention.title} {mention.name}") in config.known_sources
        ):
            continue
        tokens = mention.name.split()
        surname = tokens[-1]
        if _fold(surname).lower() in headline_words:
            continue  # the story is about this person
        a = Assessment(mention, 0.0)

        def signal(key: str, reason: str | None = None, a: Assessment = a) -> None:
            value = w.get(key, 0.0)
            a.signals[key] = value
            a.score += value
            if reason and value > 0:
                a.reasons.append(reason)

        # --- the institution
        orgs = _orgs(mention, reg)
        verdicts = [classify_org(o, reg, generic) for o in orgs]
        kinds = {v.kind for v in verdicts}
        local = bool(_POSSESSIVE_RE.search(mention.role + " "))
        if "known" in kinds:
            signal("known-institution")
        elif "near-miss" in kinds:
            v = next(v for v in verdicts if v.kind == "near-miss")
            signal(
                "near-miss-institution",
                f'"{v.name}" is not a known institution (did you mean {_or_list(v.canonical)}?)',
            )
        elif "generic" in kinds:
            v = next(v for v in verdicts if v.kind == "generic")
            signal("invented-institution", f'"{v.name}" matches no known institution and sounds generic')
        elif local:
            signal("local-affiliation")
        elif not verdicts:
            signal("no-affiliation", "no institution is named")
        if mention.title and not verdicts and not local:
            signal("title-no-institution")
        # --- the credential
        role = mention.role
        tail = mention.context[mention.context.find(mention.name) + len(mention.name) :]
        inflated = _INFLATED_RE.search(role) or _EXPERIENCE_RE.search(role + " " + tail)
        if inflated:
            signal(
                "inflated-credential", f'the credential is inflated but unspecific ("{inflated.group(0)}")'
            )
        elif role and not _POST_RE.search(role) and "known" not in kinds and not local:
            signal("vague-role", f'the role is vague ("{_short(_role_core(role))}")')
        # --- the name
        first = _fold(tokens[0]).lower() if len(tokens) >= 2 else ""
        last = _fold(surname).lower()
        if (first, last) in names.pairs:
            signal("machine-name", f"the name {mention.name} is common in machine-written text")
        elif first in names.first and last in names.surnames:
            signal(
                "machine-name-partial", f"both names of {mention.name} are favoured by machine-written text"
            )
        elif last in names.surnames:
            signal("machine-surname")
        # --- the framing
        if _in_callout(view, mention.block):
            signal("callout", "it is framed as an expert box")
        count = _count_word(text, surname)
        if count <= 1:
            signal("single-mention", "the name appears only once")
        elif count >= 3:
            signal("repeated")
        if any(s < mention.name_end + 200 and e > mention.name_start - 50 for s, e in view.links):
            signal("linked")
        elif view.markdown and view.links:
            signal("no-link", "the article links elsewhere but not to this expert")
        out.append(a)
    return out


def _count_word(text: str, word: str) -> int:
    count = 0
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (end >= len(text) or not text[end].isalnum()):
            count += 1
        i = text.find(word, end)
    return count


_ROLE_CORE_END_RE = LazyPattern(r"[ \t]+(?:at|of|with|from|for)[ \t]+(?:the[ \t]+)?[A-Z]")


def _role_core(role: str) -> str:
    """The role without its institution: "an analyst at the Institute ..." -> "an analyst"."""
    m = _ROLE_CORE_END_RE.search(role)
    return role[: m.start()] if m else role


def _short(role: str) -> str:
    role = " ".join(role.split())
    return role if len(role) <= 60 else role[:57] + "..."


def _or_list(names: Sequence[str]) -> str:
    names = [f"the {n}" if not n.lower().startswith("the ") else n for n in names[:3]]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


_POSSESSIVE_SPLIT_RE = LazyPattern(r"['’]s?(?:[ \t]+|$)")


def _orgs(mention: Mention, reg: Registry) -> list[str]:
    """Organisation names attached to a mention: after at/of/with..., or capitalised in the role."""
    ctx = mention.context
    after = ctx[ctx.find(mention.name) + len(mention.name) :] if mention.name in ctx else ""
    # Only the clause that describes the person: up to the end of the appositive.
    cut = _SPEECH_CUT_RE.search(after)
    if cut:
        after = after[: cut.start()]
    found: list[str] = []
    for m in _ORG_AFTER_PREP_RE.finditer(after):
        org = m.group("org")
        if org and org[0].isupper():
            # "the Institute of Education's Centre for ...": the parent and the unit, separately
            found.extend(p.strip() for p in _POSSESSIVE_SPLIT_RE.split(org) if p.strip())
    role = mention.role
    for m in _CAP_SEQ_RE.finditer(role):
        seq = m.group(0)
        if seq.split()[0] in ("Dr", "Prof", "Professor"):
            continue
        if (
            m.start() == 0
            and " " not in seq
            and role[m.end() : m.end() + 2].strip()[:1].islower()
            and reg.lookup(seq) is None
        ):
            continue  # "Sleep expert Dr. X": a capitalised first word, not an organisation
        found.append(seq)
    out: list[str] = []
    for org in found:
        org = org.strip(" .,'’")
        if org and org not in out and not _is_title_case_role(org):
            out.append(org)
    return out


def _is_title_case_role(seq: str) -> bool:
    """'Chief Analyst', 'Senior Fellow': a capitalised post, not an organisation."""
    words = {w.lower() for w in seq.split()}
    return bool(words) and words <= _POST_WORDS


# (a module constant: a set literal in the function above was built on every call)
_POST_WORDS = frozenset(
    {
        "chief",
        "senior",
        "analyst",
        "economist",
        "fellow",
        "director",
        "head",
        "research",
        "lead",
        "principal",
        "associate",
        "executive",
        "officer",
        "scientist",
        "strategist",
        "adviser",
        "advisor",
        "expert",
        "consultant",
        "partner",
        "manager",
    }
)


def _in_callout(view: TextView, block: int) -> bool:
    """Whether a block is an expert box: it starts "Expert Insight:", or follows a block that is only that."""
    text = view.prose
    s, e = view.blocks[block]
    if _CALLOUT_RE.search(text, s, min(e, s + 60)):
        return True
    if block > 0:
        ps, pe = view.blocks[block - 1]
        return bool(_CALLOUT_ONLY_RE.fullmatch(text, ps, pe))
    return False


# --------------------------------------------------------------------- anonymous


class Anonymous(tuple[int, int, str, tuple[str, ...]]):
    __slots__ = ()
    start: int = tuple_field(0)
    end: int = tuple_field(1)
    phrase: str = tuple_field(2)
    reasons: tuple[str, ...] = tuple_field(3)

    def __new__(cls, start: int, end: int, phrase: str, reasons: tuple[str, ...]) -> Anonymous:
        return tuple.__new__(cls, (start, end, phrase, reasons))


_GROUP_RE = LazyPattern(r"\b(?:[Ii]ndustry|[Mm]arket|[Ww]ell-placed|[Ss]enior)[ \t]+insiders$")
_EXPERIENCE_AFTER_RE = LazyPattern(
    r"[ \t]+(?:with|who[ \t]+has|who[ \t]+have|boasting)[ \t]+(?:[\w-]+[ \t]+){0,3}?"
    r"(?:years|decades)[ \t]+of[ \t]+(?:experience|expertise)"
)
_NAMED_NEXT_RE = LazyPattern(
    r"(?:\b(?:said|says|told|explains|explained|added|adds|argues|argued)[ \t]+"
    r"|(?:^|[.!?”\"][ \t]+|\n[ \t]*))"
    rf"(?:{TITLE}\.?[ \t]+)?{_TOK}[ \t]+{_TOK}",
    re.MULTILINE,
)
_AFFILIATED_RE = LazyPattern(rf"[ \t]+(?:at|of|with|from)[ \t]+(?:the[ \t]+)?[{_UP}]")


_NOT_ANONYMOUS_EXPERTS = frozenset(
    {"adviser", "advisor", "fellow", "engineer", "professor", "lecturer", "physician", "authority"}
)


def find_anonymous(view: TextView) -> list[Anonymous]:
    """Unnamed authorities with an inflated credential who are quoted or cited."""
    text = view.prose
    out: list[Anonymous] = []
    for hit in scan(view):
        word = hit.word
        if word[0].isupper():
            continue
        lo, hi = view.blocks[hit.block]
        if word == "insiders":
            group = _GROUP_RE.search(text, max(lo, hit.start - 12), hit.end)
            if group is None:
                continue
            s, e = _sentence_bounds(text, hit.start, hit.end, lo, hi)
            sentence = text[s:e]
            if (
                _SPEECH_RE.search(sentence)
                and not _ANONYMITY_RE.search(sentence)
                and not _named_outlet(sentence)
            ):
                out.append(
                    Anonymous(
                        group.start(),
                        group.end(),
                        group.group(0),
                        ("no one is named", "an unnamed group is the source"),
                    )
                )
            continue
        if (word.endswith("s") and word[:-1] in (*EXPERT_NOUNS, *ANON_NOUNS)) or word.endswith("ists"):
            continue  # plural groups ("experts say") are a sourcing matter
        if word in _NOT_ANONYMOUS_EXPERTS:
            continue  # "a top Obama adviser" is a political source, not an expert
        art = _ANON_ARTICLE_RE.search(text, max(lo, hit.start - 80), hit.start)
        if art is None:
            continue
        start = art.start()
        reasons: list[str] = []
        if any(w[:1].isupper() for w in art.group(1).split()):
            continue  # "a leading Yale economist": a named body to check
        inflated = _INFLATED_RE.search(art.group(1))
        if inflated:
            reasons.append(f'the credential is inflated but unspecific ("{inflated.group(0)}")')
        after = text[hit.end : hi]
        end = hit.end
        exp = _EXPERIENCE_AFTER_RE.match(after)
        if exp:
            end = hit.end + exp.end()
            reasons.append("experience is claimed but nothing checkable is given")
        if not reasons:
            continue
        # A name right before ("David Kahn, a leading expert") or right after makes it a named expert.
        if _NAME_BEFORE_RE.search(text[max(lo, start - 40) : start]):
            continue
        if _NAME_AFTER_RE.match(after):
            continue
        if _AFFILIATED_RE.match(after):
            continue  # "a leading economist at Capital Economics": the firm is checkable
        s, e = _sentence_bounds(text, start, end, lo, hi)
        sentence = text[s:e]
        if not _SPEECH_RE.search(sentence) or _ANONYMITY_RE.search(sentence):
            continue
        # A teaser named in what follows: "says a top academic. Amitai Etzioni, ..., says".
        follow_end = view.blocks[hit.block + 1][1] if hit.block + 1 < len(view.blocks) else hi
        if _NAMED_NEXT_RE.search(text, end, min(follow_end, end + 400)):
            continue
        out.append(Anonymous(start, end, text[start:end], ("no name is given", *reasons)))
    return out


# Module-level, so that a wheel install takes them from the compiled-pattern cache.
_SPEECH_CUT_RE = LazyPattern(r"[;\"“”]|,[ \t]+(?:said|says|told|adding|and\s+(?:said|says))\b")
_NAME_BEFORE_RE = LazyPattern(rf"{_TOK}[ \t]*[,–—-][ \t]*$")
_NAME_AFTER_RE = LazyPattern(rf"[ \t]*,?[ \t]*(?:{TITLE}\.?[ \t]+)?{_TOK}[ \t]+{_TOK}")
_NAMED_OUTLET_RE = LazyPattern(rf"\b(?:told|quoted|according to)[ \t]+(?:the[ \t]+)?[{_UP}]")


def _named_outlet(sentence: str) -> bool:
    return bool(_NAMED_OUTLET_RE.search(sentence))


# --------------------------------------------------------------------- rules


def render(message: str, **values: str) -> str:
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return message


def _config(read: OptionReader, settings: Settings) -> Config:
    threshold = read.number("threshold", DEFAULT_THRESHOLD)
    weights = dict(DEFAULT_WEIGHTS)
    table = read.table("weights", {}) or {}
    for key, value in table.items():
        if key not in DEFAULT_WEIGHTS:
            raise PackError(f"weights.{key}", f"unknown signal (known: {', '.join(sorted(DEFAULT_WEIGHTS))})")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PackError(f"weights.{key}", f"must be a number, got {value!r}")
        weights[key] = float(value)
    ns = settings.get(NAMESPACE)
    sources = frozenset(_norm_person(str(s)) for s in ns.get("known-sources", []))
    institutions = tuple(sorted(str(s) for s in ns.get("known-institutions", [])))
    return Config(float(threshold), weights, sources, institutions)


class UnverifiableExpertRule(Record):
    """EX001: a named expert whose evidence of being unverifiable passes the threshold."""

    __slots__ = ("config", "meta")
    _fields = ("meta", "config")
    meta: RuleMeta
    config: Config

    def __init__(self, meta: RuleMeta, config: Config) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "config", config)

    def check(self, doc: Document) -> Iterator[Finding]:
        view = TextView.from_document(doc)
        for a in assess(view, self.config):
            if a.score < self.config.threshold or not a.reasons:
                continue
            m = a.mention
            yield Finding(
                Span(m.name_start, m.name_end),
                render(self.meta.message, name=_display(m), reasons="; ".join(a.reasons)),
            )


def _display(m: Mention) -> str:
    if m.title:
        dot = "." if m.title in ("Dr", "Prof") else ""
        return f"{m.title}{dot} {m.name}"
    return m.name


def unverifiable_expert(
    meta: RuleMeta, options: Mapping[str, Any], settings: Settings
) -> UnverifiableExpertRule:
    """Build an `unverifiable-expert` rule: keys threshold, weights."""
    read = OptionReader(options)
    config = _config(read, settings)
    read.finish()
    return UnverifiableExpertRule(meta, config)


class AnonymousExpertRule(Record):
    """EX002: an unnamed authority with an inflated credential is quoted or cited."""

    __slots__ = ("meta",)
    _fields = ("meta",)
    meta: RuleMeta

    def __init__(self, meta: RuleMeta) -> None:
        object.__setattr__(self, "meta", meta)

    def check(self, doc: Document) -> Iterator[Finding]:
        view = TextView.from_document(doc)
        for a in find_anonymous(view):
            yield Finding(
                Span(a.start, a.end), render(self.meta.message, match=a.phrase, reasons="; ".join(a.reasons))
            )


def anonymous_expert(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> AnonymousExpertRule:
    """Build an `anonymous-expert` rule (no type-specific keys)."""
    OptionReader(options).finish()
    return AnonymousExpertRule(meta)


RULE_TYPES: dict[str, Any] = {
    "unverifiable-expert": unverifiable_expert,
    "anonymous-expert": anonymous_expert,
}


def iter_assessments(text: str, headline: str = "") -> Iterable[Assessment]:
    """Convenience for tests and benches: assess a plain string."""
    return assess(TextView.from_text(text, headline))
