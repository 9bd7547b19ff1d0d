"""Copy hygiene: unbalanced quotation marks and brackets, repeated paragraphs, double spaces.

The repeated word ("the the") is the declarative `repetition` type (ST001); the
checks here need a little more than a pattern: pairing marks within a paragraph,
comparing paragraphs with each other, or looking at the raw source spacing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from newslint.document import Block, Document
from newslint.model import Edit, Finding, Fix, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import compile_pattern
from newslint.settings import Settings


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A module pattern, compiled on first need: a one-file run compiles only what its article uses."""
    return compile_pattern(pattern)


# --------------------------------------------------------------------- quotation marks


def _is_inch_mark(text: str, j: int) -> bool:
    r"""Whether the straight double quote at `j` is an inch or second mark (a 55" screen, 4'11").

    The string test for ``(?<=\d)"|(?<=\d['’])"`` (a regex `\d` is `str.isdecimal`),
    without a regex call per quotation mark.
    """
    return (j > 0 and text[j - 1].isdecimal()) or (j > 1 and text[j - 1] in "'’" and text[j - 2].isdecimal())


_QUOTE_MARKS = ('"', "“", "”")
# Text before a mark ends with a full sentence: a new quotation may open there (what
# `_ends_sentence` tests without a regex scan of the whole text before the mark).
_SENTENCE_END = r"[.!?…:][\"'”’)]?\s+$"
_SENTENCE_END_MARKS = ".!?…:"
_SENTENCE_END_CLOSERS = "\"'”’)"


def _starts_with_quote(block: Block, mark: str) -> bool:
    return block.text.lstrip(" \t*_>-").startswith(mark)


def _quote_marks(text: str) -> list[tuple[int, bool]]:
    """(offset, is_opening) for every double quotation mark of a text.

    Curly marks say which they are. A straight mark opens when it follows a space
    or an opening bracket and precedes a non-space, closes in the mirror case, and
    otherwise toggles.
    """
    marks: list[tuple[int, bool]] = []
    is_open = False
    for j in _quote_mark_offsets(text):
        ch = text[j]
        if ch == "“":
            opening = True
        elif ch == "”":
            opening = False
        else:
            if not is_open and _is_inch_mark(text, j):
                continue  # 'a 55" screen'; but 'the "CeBit 2005" show' closes its quote
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


def _quote_mark_offsets(text: str) -> list[int]:
    """The offsets of the double quotation marks of a text, in order.

    `str.find` runs in C and skips ahead; a regex character class with non-ASCII
    members is tested character by character, several times slower. An ASCII text
    can only hold the straight mark.
    """
    offsets: list[int] = []
    for mark in ('"',) if text.isascii() else _QUOTE_MARKS:
        j = text.find(mark)
        while j >= 0:
            offsets.append(j)
            j = text.find(mark, j + 1)
    if not text.isascii():
        offsets.sort()
    return offsets


def _ends_sentence(text: str, j: int) -> bool:
    """Whether `_SENTENCE_END` matches in `text[:j]`: a run of spaces ends it, and
    before the run come closing punctuation and at most one closing quote or bracket.

    `\\s` and `str.isspace` are the same set, and `$` before a final newline adds no
    match, as the newline is a space the run takes in.
    """
    k = j
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == j or k == 0:
        return False
    if text[k - 1] in _SENTENCE_END_MARKS:
        return True
    return k > 1 and text[k - 1] in _SENTENCE_END_CLOSERS and text[k - 2] in _SENTENCE_END_MARKS


def unbalanced_quotes(paragraphs: tuple[Block, ...]) -> Iterator[tuple[int, str]]:
    """(offset, problem) for double quotation marks left unpaired inside a paragraph.

    News style leaves a quotation open at the end of a paragraph when the same
    speaker goes on in the next one, which then opens with a quotation mark; that
    is not an error. For the same reason a quote opened again after a sentence
    end is taken as such a continuation (scraped text often loses the paragraph
    break between the two).
    """
    for i, block in enumerate(paragraphs):
        text = block.text
        if '"' not in text and "“" not in text and "”" not in text:
            continue
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        open_at: int | None = None
        for j, opening in _quote_marks(text):
            if opening:
                if open_at is not None and not _ends_sentence(text, j):
                    yield block.span.start + open_at, "opened and not closed"
                open_at = j
            elif open_at is None:
                yield block.span.start + j, "closed but never opened"
            else:
                open_at = None
        if open_at is not None:
            mark = text[open_at]
            continued = following is not None and _starts_with_quote(following, "“" if mark == "“" else '"')
            if not continued:
                yield block.span.start + open_at, "opened and not closed"


# --------------------------------------------------------------------- brackets

_PAIRS = {")": "(", "]": "["}
_BRACKET = r"[()\[\]]"
# "1)", "a)", "iv)" enumerators and ":)"-style emoticons close nothing.
_ENUMERATOR = r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)|[:;]-?[()\]]"


# Fast path for `unbalanced_brackets`: brackets nested properly (two levels deep at most)
# report nothing, whatever the enumerators, since a closing bracket that matches the
# innermost open one is always taken as its partner. One C-level fullmatch proves it.
_NOT_BRACKET = r"[^()\[\]]*"
_INNER = rf"(?:\({_NOT_BRACKET}\)|\[{_NOT_BRACKET}\])"
_OUTER = rf"(?:\((?:{_NOT_BRACKET}{_INNER})*{_NOT_BRACKET}\)|\[(?:{_NOT_BRACKET}{_INNER})*{_NOT_BRACKET}\])"
_NESTED_BRACKETS = rf"{_NOT_BRACKET}(?:{_OUTER}{_NOT_BRACKET})*"


def unbalanced_brackets(paragraphs: tuple[Block, ...]) -> Iterator[tuple[int, str]]:
    """(offset, bracket) for a bracket with no partner in its paragraph."""
    for block in paragraphs:
        text = block.text
        # four `in` scans (in C) cost less than a generator over the four brackets
        no_brackets = "(" not in text and ")" not in text and "[" not in text and "]" not in text
        if no_brackets or _compiled(_NESTED_BRACKETS).fullmatch(text):
            continue
        skip = {m.end() - 1 for m in _compiled(_ENUMERATOR).finditer(text)}
        stack: list[tuple[str, int]] = []
        for m in _compiled(_BRACKET).finditer(text):
            ch, j = m.group(), m.start()
            if ch in "([":
                stack.append((ch, j))
            else:
                if stack and stack[-1][0] == _PAIRS[ch]:
                    stack.pop()
                elif j in skip:
                    continue  # an enumerator "1)" or emoticon with nothing open to close
                elif any(opener == _PAIRS[ch] for opener, _ in stack):
                    # Close the matching opener; the ones above it were never closed.
                    while stack and stack[-1][0] != _PAIRS[ch]:
                        opener, at = stack.pop()
                        yield block.span.start + at, opener
                    stack.pop()
                else:
                    yield block.span.start + j, ch
        for opener, at in stack:
            yield block.span.start + at, opener


class UnbalancedRule:
    """Report unpaired quotation marks or brackets within a paragraph."""

    # Plain classes with __slots__, not dataclasses: building a dataclass costs start-up time.
    __slots__ = ("kind", "meta")

    def __init__(self, meta: RuleMeta, kind: str) -> None:
        self.meta = meta
        self.kind = kind

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        if self.kind == "quotes":
            for offset, problem in unbalanced_quotes(paragraphs):
                mark = doc.source[offset]
                message = self.meta.message.replace("{match}", mark).replace("{problem}", problem)
                yield Finding(Span(offset, offset + 1), message)
        else:
            for offset, mark in unbalanced_brackets(paragraphs):
                partner = {"(": ")", "[": "]", ")": "(", "]": "["}[mark]
                problem = "has no closing" if mark in "([" else "has no opening"
                message = self.meta.message.replace("{match}", mark).replace(
                    "{problem}", f"{problem} '{partner}'"
                )
                yield Finding(Span(offset, offset + 1), message)


def unbalanced(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> UnbalancedRule:
    """Build an `unbalanced` rule: key `marks` = "quotes" or "brackets"."""
    read = OptionReader(options)
    kind = read.choice("marks", ("quotes", "brackets"), "quotes")
    read.finish()
    return UnbalancedRule(meta, kind)


# --------------------------------------------------------------------- repeated paragraphs


def repeated_paragraphs(paragraphs: tuple[Block, ...], min_words: int) -> Iterator[tuple[Block, Block]]:
    """(repeat, first) for every paragraph that repeats an earlier one word for word."""
    # Prefilter: paragraphs equal word for word have the same first and last word, which
    # `split(None, 1)` and `rsplit(None, 1)` find without splitting the whole text; only
    # paragraphs sharing that pair with another can repeat or be repeated.
    ends: list[tuple[str, str] | None] = []
    for block in paragraphs:
        head = block.text.split(None, 1)
        ends.append((head[0], block.text.rsplit(None, 1)[-1]) if head else None)
    if len(set(ends)) == len(ends):
        return  # all pairs differ (nearly every article): nothing is shared
    shared = {pair for pair, count in Counter(ends).items() if count > 1 and pair is not None}
    if not shared:
        return
    seen: dict[str, Block] = {}
    for block, pair in zip(paragraphs, ends, strict=True):
        if pair not in shared:
            continue
        words = block.text.split()
        if len(words) < min_words:
            continue
        key = " ".join(words)
        first = seen.get(key)
        if first is None:
            seen[key] = block
        else:
            yield block, first


class RepeatedParagraphRule:
    """Report a paragraph that repeats an earlier one verbatim (a scraper or CMS fault)."""

    __slots__ = ("fix_safe", "meta", "min_words")

    def __init__(self, meta: RuleMeta, min_words: int, fix_safe: bool) -> None:
        self.meta = meta
        self.min_words = min_words
        self.fix_safe = fix_safe

    def check(self, doc: Document) -> Iterator[Finding]:
        for block, first in repeated_paragraphs(doc.paragraphs, self.min_words):
            line = doc.position(first.span.start).line
            text = block.text
            start = len(text) - len(text.lstrip())
            span = Span(block.span.start + start, block.span.end)
            delete = Edit(doc.line_removal_span(block.span))
            fix = Fix("Delete the repeated paragraph", (delete,), self.fix_safe)
            yield Finding(span, self.meta.message.replace("{line}", str(line)), fix)


def repeated_paragraph(
    meta: RuleMeta, options: Mapping[str, Any], settings: Settings
) -> RepeatedParagraphRule:
    """Build a `repeated-paragraph` rule: keys `min-words` (default 8), `fix-safe`."""
    read = OptionReader(options)
    min_words = read.integer("min-words", 8)
    fix_safe = read.boolean("fix-safe", False)
    read.finish()
    if min_words < 1:
        raise PackError("min-words", "must be at least 1")
    return RepeatedParagraphRule(replace(meta, fixable=True), min_words, fix_safe)


# --------------------------------------------------------------------- double spaces

_DOUBLE_SPACE = r"[.!?][\"'”’)\]]?(?P<gap> {2,})(?=[^\s])"


def double_spaces(doc: Document) -> Iterator[Span]:
    """Spans of two or more spaces after a sentence's closing punctuation, inside body paragraphs.

    The raw source is read (the masked text turns markup into spaces), but only
    where the masked text keeps the same characters, so "end. **Next**" is clean.
    """
    source, prose = doc.source, doc.prose
    for block in doc.paragraphs:
        for m in _compiled(_DOUBLE_SPACE).finditer(source, block.span.start, block.span.end):
            gap = m.span("gap")
            if prose[m.start()] != source[m.start()] or not prose[gap[1]].strip():
                continue
            yield Span(*gap)


class DoubleSpaceRule:
    """Report two spaces after a full stop, where house style wants one."""

    __slots__ = ("meta",)

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    def check(self, doc: Document) -> Iterator[Finding]:
        for span in double_spaces(doc):
            yield Finding(span, self.meta.message, Fix("Use one space", (Edit(span, " "),), True))


def double_space(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> DoubleSpaceRule:
    """Build a `double-space` rule (no type-specific keys)."""
    OptionReader(options).finish()
    return DoubleSpaceRule(replace(meta, fixable=True))


RULE_TYPES = {
    "unbalanced": unbalanced,
    "repeated-paragraph": repeated_paragraph,
    "double-space": double_space,
}
