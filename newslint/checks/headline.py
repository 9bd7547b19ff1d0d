"""Headline integrity: a headline the body does not support, a headline figure
the body contradicts, and an article with two different titles.

Rule types (declared by the TOML files in rules/headline/):

* ``unsupported-headline`` -- low relatedness between headline and body, or a
  specific element of the headline (figure, quoted words, name) the body lacks.
* ``number-contradicted`` -- a counted headline figure ("Six Clinics") the
  body states differently ("Four of the trust's 11 community clinics").
* ``conflicting-titles`` -- front-matter title vs H1, a second H1, or a
  title-like line right under the headline of a plain-text article.
* ``winner-contradicted`` -- a headline that says a named X won Y while
  the body gives Y to someone else.

All findings are reported on the headline. The text analysis lives in
`newslint.checks.headline_text` (pure functions on strings).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.checks.headline_text import (
    Analysis,
    HeadlineAnalyser,
    Lexicon,
    Quantity,
    clean,
    contradictions,
    may_have_figure,
    strip_breadcrumb,
    titles_conflict,
    winner_contradiction,
)
from newslint.document import Block, Document
from newslint.model import Finding, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import LazyPattern, compile_pattern
from newslint.resources import rules_path
from newslint.ruletypes import render
from newslint.settings import Settings

SETTINGS: dict[str, dict[str, Any]] = {}


@functools.cache
def _base_lexicon() -> Lexicon:
    def lines(name: str) -> list[str]:
        return rules_path(f"headline/data/{name}").read_text(encoding="utf-8").splitlines()

    return Lexicon.from_lines(lines("stopwords.txt"), lines("weak-words.txt"), lines("word-forms.txt"))


@functools.cache
def _base_analyser() -> HeadlineAnalyser:
    return HeadlineAnalyser(_base_lexicon())


def _lexicon(extra_stop: list[str], extra_weak: list[str], extra_forms: list[str]) -> Lexicon:
    base = _base_lexicon()
    if not (extra_stop or extra_weak or extra_forms):
        return base
    return Lexicon.from_lines(
        [*base.stopwords, *extra_stop],
        [*base.weak, *extra_weak],
        [" ".join(v) for v in base.forms.values()] + list(extra_forms),
    )


def headline_span(block: Block) -> Span:
    """The headline's text without surrounding spaces (or quotes of a front-matter value)."""
    text = block.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= start:
        return block.span
    return Span(block.span.start + start, block.span.start + end)


def body_text(doc: Document) -> str:
    """The article body the headline is compared with: its paragraphs, list items and quotes."""
    return "\n\n".join(b.text.strip() for b in doc.paragraphs)


_LAST: list[tuple[Any, Any]] = [(None, None)]


def analyse(analyser: HeadlineAnalyser, doc: Document) -> tuple[str, str, Analysis]:
    """The headline (breadcrumb trail removed), the body and their analysis; the
    last result is kept so that the three rules analyse a document once. (One
    tuple swapped in one assignment, so concurrent callers never see a key with
    another document's value.)"""
    key = (id(analyser.lex), doc.path, doc.source)
    last_key, last_value = _LAST[0]
    if last_key == key:
        cached: tuple[str, str, Analysis] = last_value
        return cached
    assert doc.headline is not None
    title = strip_breadcrumb(doc.headline.text)
    body = body_text(doc)
    value = (title, body, analyser.analyse(title, body))
    _LAST[0] = (key, value)
    return value


@functools.cache
def _counted_re() -> re.Pattern[str]:
    return compile_pattern(r"\s+(?:[A-Za-z][\w'-]*\s+){0,2}?[A-Za-z][\w'-]*")


def _claims(q: Quantity, title: str) -> bool:
    """Is a headline figure a claim worth checking? Amounts, percentages, scaled
    figures and counts of something ("12 dead", "2,000 jobs") are; a bare number
    ("Jess Smith, 19"), one, and small numbers written as words are not."""
    if q.vague is not None or q.percent:
        return True
    raw = q.text.lower()
    if any(c in raw for c in "£$€¥") or any(s in raw for s in ("bn", "billion", "m", "k", "thousand", "tn")):
        return True
    if q.value <= 2 or (q.words and q.value < 10):
        return False  # "2 Teenagers" is often the reader's sum of "a girl and her brother"
    if not _title_case(title, _base_lexicon()) and (
        _capitalised_before_re().search(title, 0, q.start) or _capitalised_after_re().match(title, q.end)
    ):
        return False  # part of a name or title in a sentence-case headline: "Star Trek 4", "12 Years a Slave"
    return bool(_counted_re().match(title, q.end))


@functools.cache
def _capitalised_before_re() -> re.Pattern[str]:
    return compile_pattern(r"(?<=\S)\s+[A-Z][a-z]+\s+$")


@functools.cache
def _capitalised_after_re() -> re.Pattern[str]:
    return compile_pattern(r"\s+[A-Z][a-z]")


@functools.cache
def _next_word_re() -> re.Pattern[str]:
    return compile_pattern(r"\s+([A-Za-z][\w'-]*)")


def _figure_phrase(q: Quantity, title: str) -> str:
    """A headline figure as the message shows it: a bare count with what it counts
    ("2,000 Jobs"), an amount or percentage as written ("£50m", "12%")."""
    text = clean(q.text)
    if q.percent or q.vague is not None or any(c in text for c in "£$€¥") or not q.text[-1:].isdigit():
        return text
    m = _next_word_re().match(title, q.end)
    if m and m.group(1).lower() not in _base_lexicon().stopwords:
        return clean(title[q.start : m.end()])
    return text


def _quoted(items: list[str]) -> str:
    shown = [f'"{item}"' for item in items[:4]]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


# ------------------------------------------------------------------ HL001


class UnsupportedHeadline:
    """Report a headline that the body does not support (see the module docstring)."""

    # The rule classes are plain classes, not dataclasses: creating a frozen
    # dataclass costs about 1 ms at import, a tenth of this family's start-up budget.
    __slots__ = (
        "analyser",
        "check_names",
        "check_numbers",
        "check_quotes",
        "full_body_chars",
        "meta",
        "min_body_words",
        "min_relatedness",
    )

    def __init__(
        self,
        meta: RuleMeta,
        analyser: HeadlineAnalyser,
        min_relatedness: float,
        full_body_chars: int,
        min_body_words: int,
        check_numbers: bool,
        check_quotes: bool,
        check_names: bool,
    ) -> None:
        self.meta = meta
        self.analyser = analyser
        self.min_relatedness = min_relatedness
        self.full_body_chars = full_body_chars
        self.min_body_words = min_body_words
        self.check_numbers = check_numbers
        self.check_quotes = check_quotes
        self.check_names = check_names

    def check(self, doc: Document) -> Iterator[Finding]:
        headline = doc.headline
        if headline is None:
            return
        title, body, result = analyse(self.analyser, doc)
        if result.body_words < self.min_body_words:
            return
        detail = self.detail(result, title, body)
        if detail:
            yield Finding(headline_span(headline), render(self.meta.message, detail=detail))

    def detail(self, result: Analysis, title: str, body: str) -> str:
        """What the body does not support, in words for the message ('' if all is well)."""
        if self.analyser.unrelated(result, self.min_relatedness, self.full_body_chars):
            key = [t for t in result.terms if t.weight >= 1.0]
            missing = [t.text for t, f in zip(result.terms, result.found, strict=True) if not f and t in key]
            found = [t.text for t, f in zip(result.terms, result.found, strict=True) if f and t in key]
            check = "check that this headline belongs to this story"
            if not found:
                return f"none of its key words ({_quoted(missing)}) appear in the body; {check}"
            verb = "appears" if len(found) == 1 else "appear"
            if missing:
                return (
                    f"the body is about something else: of the headline's key words only "
                    f"{_quoted(found)} {verb} in it, not {_quoted(missing)}; {check}"
                )
            return f"the body is about something else: {_quoted(found)} {verb} only in passing; {check}"
        parts: list[str] = []
        if self.check_numbers:
            contradicted = {q.start for q, _, _ in contradictions(title, body, result, self.analyser.lex)}
            numbers = [
                _figure_phrase(q, title)
                for q in result.missing_numbers
                if q.start not in contradicted and _claims(q, title)
            ]
            if numbers:
                word = "figure" if len(numbers) == 1 else "figures"
                verb = "does" if len(numbers) == 1 else "do"
                parts.append(f"the {word} {_quoted(numbers)} {verb} not appear in the body")
        if self.check_quotes and result.missing_quotes:
            parts.append(f"the quoted words {_quoted(result.missing_quotes)} are not in the body")
        if self.check_names and result.missing_names:
            parts.append(f"the body never mentions {_quoted(result.missing_names)}")
        return "; ".join(parts)


def _unsupported(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> UnsupportedHeadline:
    reader = OptionReader(options)
    min_rel = reader.number("min-relatedness", 0.3)
    full = reader.integer("full-body-chars", 1500)
    min_words = reader.integer("min-body-words", 40)
    lexicon = _lexicon(
        reader.strings("stopwords", []), reader.strings("weak-words", []), reader.strings("word-forms", [])
    )
    rule = UnsupportedHeadline(
        meta,
        _base_analyser() if lexicon is _base_lexicon() else HeadlineAnalyser(lexicon),
        min_rel,
        full,
        min_words,
        reader.boolean("check-numbers", True),
        reader.boolean("check-quotes", True),
        reader.boolean("check-names", True),
    )
    reader.finish()
    if not 0.0 <= min_rel <= 1.0:
        raise PackError("min-relatedness", "must be between 0 and 1")
    if full < 0 or min_words < 0:
        raise PackError("full-body-chars", "must not be negative")
    if "{detail}" not in meta.message:
        raise PackError("message", "must contain {detail}")
    return rule


# ------------------------------------------------------------------ HL002


class NumberContradicted:
    """Report a counted headline figure that the body gives as a different number."""

    __slots__ = ("analyser", "meta")

    def __init__(self, meta: RuleMeta, analyser: HeadlineAnalyser) -> None:
        self.meta = meta
        self.analyser = analyser

    def check(self, doc: Document) -> Iterator[Finding]:
        headline = doc.headline
        if headline is None:
            return
        if not may_have_figure(headline.text):
            return  # no figure: no need for the (shared) analysis when HL002 runs alone
        title, body, result = analyse(self.analyser, doc)
        if not result.missing_numbers:
            return
        for _, phrase, said in contradictions(title, body, result, self.analyser.lex):
            message = render(self.meta.message, headline=phrase, body=said)
            yield Finding(headline_span(headline), message)
            return  # one finding per headline


def _contradicted(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> NumberContradicted:
    reader = OptionReader(options)
    rule = NumberContradicted(meta, _base_analyser())
    reader.finish()
    return rule


# ------------------------------------------------------------------ HL003


@functools.cache
def _residue_re() -> re.Pattern[str]:
    return compile_pattern(
        r"\b(?:share|facebook|twitter|whatsapp|linkedin|pinterest|email|e-mail|print|subscribe|"
        r"newsletter|sign up|log ?in|advertisement|sponsored|cookies?|menu|read more|related|"
        r"comments?|updated|published|posted|photo|image|credit|getty|reuters|minutes? read|website|"
        r"live|radio|tv|bbc\d?|gmt|bst)\b"
    )


# "Description: Fake news / Satire", "KANSAS CITY, MO (KCTV) -": labels and datelines


@functools.cache
def _label_line_re() -> re.Pattern[str]:
    return compile_pattern(r"^[\w-]+:\s|.*\s/\s|.*[-\u2013\u2014]\s*$")


@functools.cache
def _digit_word_re() -> re.Pattern[str]:
    return compile_pattern(r"\S*[0-9]\S*")


def _ends_sentence(text: str) -> bool:
    """Does `text` end with closing punctuation, perhaps followed by closing quotes
    or a bracket and then spaces? The same as searching it for
    `_ENDS_SENTENCE_PATTERN`, without compiling a pattern: `rstrip()` strips
    what `\\s` matches, and no closing character is a space or a quote."""
    return text.rstrip().rstrip("'\"\u2019\u201d)")[-1:] in _CLOSING


_CLOSING = frozenset(".!…:;,")
_ENDS_SENTENCE_PATTERN = r"[.!…:;,]['\"\u2019\u201d)]*\s*$"  # what `_ends_sentence` tests (see the tests)


# Module-level, so that a wheel install takes it from the compiled-pattern cache.
_TITLE_WORD = LazyPattern(r"[^\W\d_][\w'-]*")


def _title_case(text: str, lexicon: Lexicon) -> bool:
    words = [w for w in _TITLE_WORD.findall(text) if w.lower() not in lexicon.stopwords]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.75 * len(words)


def _title_like(text: str, lexicon: Lexicon) -> bool:
    """A line that reads as a title: short, Title Case, no closing full stop, not page furniture."""
    if len(text) > 160:
        return False
    words = text.split()
    if not 5 <= len(words) <= 22:
        return False
    return (
        not _ends_sentence(text[-4:])
        and not _label_line_re().match(text)
        and _title_case(text, lexicon)
        and len(_digit_word_re().findall(text)) <= 1
        and not _residue_re().search(text.lower())
        and strip_breadcrumb(text) == text
    )


class ConflictingTitles:
    """Report an article that carries two titles telling different stories."""

    __slots__ = ("lexicon", "max_overlap", "meta", "top_blocks")

    def __init__(self, meta: RuleMeta, lexicon: Lexicon, max_overlap: float, top_blocks: int) -> None:
        self.meta = meta
        self.lexicon = lexicon
        self.max_overlap = max_overlap
        self.top_blocks = top_blocks

    def candidates(self, doc: Document) -> Iterator[Block]:
        """Other titles of the article: the H1 under a front-matter title, a second
        H1, and in plain text a title-like line right under the headline."""
        headline = doc.headline
        if headline is None:
            return
        for block in doc.headings:
            if block.level == 1 and block is not headline:
                yield block
        # a Title Case line under a sentence-case headline is a work's or a section's name
        headline_title_case: bool | None = None
        # the first `top_blocks` blocks (in list order) that start after the headline,
        # without walking the rest of the article
        top = self.top_blocks
        headline_start = headline.span.start
        after: list[Block] = []
        if top < 0:  # (a negative setting slices from the end, as it always has)
            after = [b for b in doc.blocks if b.span.start > headline_start][:top]
        elif top:
            for block in doc.blocks:
                if block.span.start > headline_start:
                    after.append(block)
                    if len(after) >= top:
                        break
        for block in after:
            if block.kind == "byline":
                continue
            if doc.format != "text" and block.kind != "paragraph":
                break  # Markdown: only a plain line right under the headline, not a section heading
            text = block.text.strip()
            if len(text) > 160:
                break  # the body has started
            if _title_like(text, self.lexicon):
                if headline_title_case is None:
                    headline_title_case = _title_case(headline.text, self.lexicon)
                if headline_title_case:
                    yield block
                continue
            if len(text) <= 80 and (
                strip_breadcrumb(text) != text or len(text.split()) <= 3 or _residue_re().search(text.lower())
            ):
                continue  # breadcrumb, share bar, dateline: keep looking
            break  # the body has started

    def check(self, doc: Document) -> Iterator[Finding]:
        headline = doc.headline
        if headline is None:
            return
        title = strip_breadcrumb(headline.text.strip())
        for block in self.candidates(doc):
            other = strip_breadcrumb(block.text.strip())
            if titles_conflict(title, other, self.lexicon, self.max_overlap):
                line = doc.position(block.span.start).line
                message = render(self.meta.message, other=" ".join(other.split()), line=str(line))
                yield Finding(headline_span(headline), message)
                return


def _conflicting(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> ConflictingTitles:
    reader = OptionReader(options)
    overlap = reader.number("max-overlap", 0.5)
    top = reader.integer("top-blocks", 4)
    reader.finish()
    if not 0.0 <= overlap <= 1.0:
        raise PackError("max-overlap", "must be between 0 and 1")
    return ConflictingTitles(meta, _base_lexicon(), overlap, top)


# ------------------------------------------------------------------ HL004


class WinnerContradicted:
    """Report a headline whose named winner the body gives to someone else."""

    __slots__ = ("analyser", "meta")

    def __init__(self, meta: RuleMeta, analyser: HeadlineAnalyser) -> None:
        self.meta = meta
        self.analyser = analyser

    def check(self, doc: Document) -> Iterator[Finding]:
        headline = doc.headline
        if headline is None:
            return
        title = strip_breadcrumb(headline.text)
        if not _may_name_winner(title):
            return
        found = winner_contradiction(self.analyser, title, body_text(doc))
        if found is not None:
            message = render(
                self.meta.message,
                claimed=found.claimed,
                verb=found.verb,
                prize=found.prize,
                named=found.named,
                sentence=found.sentence,
            )
            yield Finding(headline_span(headline), message)


@functools.cache
def _win_hint_re() -> re.Pattern[str]:
    return compile_pattern(
        r"(?i)\b(?:wins?|won|takes|took|claims|claimed|scoops|scooped|lands|landed|clinch|tops|topped|crowned)"
    )


# every match of `_win_hint_re`, lower-cased, starts with one of these at a word start
_WIN_STEMS = ("win", "won", "take", "took", "claim", "scoop", "land", "clinch", "top", "crown")


def _may_name_winner(title: str) -> bool:
    """Does the title have a verb of winning (`_win_hint_re`)? The pattern costs
    ~17 us a headline (case-insensitive, no literal prefix), so an ASCII title
    first needs one of `_WIN_STEMS` at a word start in its lower case ("\\b":
    after a character that is not a letter, digit or "_"). Only ASCII: with (?i),
    re also matches "\u017f" for "s" and "\u212a" for "k", which lower() keeps."""
    if title.isascii():
        low = title.lower()
        for stem in _WIN_STEMS:  # a loop, not any(generator): this runs on every headline
            if stem in low and _starts_word(low, stem):
                break
        else:
            return False
    return _win_hint_re().search(title) is not None


def _starts_word(low: str, stem: str) -> bool:
    """Does `stem` occur in ASCII `low` at a word start?"""
    i = low.find(stem)
    while i >= 0:
        if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
            return True
        i = low.find(stem, i + 1)
    return False


def _winner(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> WinnerContradicted:
    reader = OptionReader(options)
    reader.finish()
    return WinnerContradicted(meta, _base_analyser())


RULE_TYPES = {
    "unsupported-headline": _unsupported,
    "number-contradicted": _contradicted,
    "conflicting-titles": _conflicting,
    "winner-contradicted": _winner,
}
