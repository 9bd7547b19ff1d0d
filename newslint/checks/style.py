"""Copy hygiene: unbalanced quotation marks and brackets, repeated paragraphs, double spaces.

The repeated word ("the the") is the declarative `repetition` type (ST001); the
checks here need a little more than a pattern: pairing marks within a paragraph,
comparing paragraphs with each other, or looking at the raw source spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from newslint.document import Block, Document
from newslint.model import Edit, Finding, Fix, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.settings import Settings

# --------------------------------------------------------------------- quotation marks

_OPENING = "“"
_CLOSING = "”"
# A straight double quote used as an inch or second mark ('a 55" screen', '4\'11"').
_INCH_MARK = re.compile(r"(?<=\d)\"|(?<=\d['’])\"")
_STRAIGHT = re.compile(r'"')


def _starts_with_quote(block: Block, mark: str) -> bool:
    return block.text.lstrip(" \t*_>-").startswith(mark)


def unbalanced_quotes(paragraphs: tuple[Block, ...]) -> Iterator[tuple[int, str]]:
    """(offset, problem) for quotation marks left unpaired inside a paragraph.

    News style leaves a quotation open at the end of a paragraph when the same
    speaker goes on in the next one, which then opens with a quotation mark; that
    is not an error. Curly quotes pair as “ ... ”; straight quotes pair in turn.
    """
    for i, block in enumerate(paragraphs):
        text = block.text
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if _OPENING in text or _CLOSING in text:
            open_at: int | None = None
            for j, ch in enumerate(text):
                if ch == _OPENING:
                    if open_at is not None:
                        yield block.span.start + open_at, "opened and not closed"
                    open_at = j
                elif ch == _CLOSING:
                    if open_at is None:
                        yield block.span.start + j, "closed but never opened"
                    open_at = None
            if open_at is not None and not (following and _starts_with_quote(following, _OPENING)):
                yield block.span.start + open_at, "opened and not closed"
        if '"' in text:
            marks = [m.start() for m in _STRAIGHT.finditer(text) if not _INCH_MARK.match(text, m.start())]
            if len(marks) % 2 and not (following and _starts_with_quote(following, '"')):
                yield block.span.start + marks[-1], "opened and not closed"


# --------------------------------------------------------------------- brackets

_PAIRS = {")": "(", "]": "["}
_BRACKET = re.compile(r"[()\[\]]")
# "1)", "a)", "iv)" enumerators and ":)"-style emoticons close nothing.
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)|[:;]-?[()\]]")


def unbalanced_brackets(paragraphs: tuple[Block, ...]) -> Iterator[tuple[int, str]]:
    """(offset, bracket) for a bracket with no partner in its paragraph."""
    for block in paragraphs:
        text = block.text
        if not any(c in text for c in "()[]"):
            continue
        skip = {m.end() - 1 for m in _ENUMERATOR.finditer(text)}
        stack: list[tuple[str, int]] = []
        for m in _BRACKET.finditer(text):
            ch, j = m.group(), m.start()
            if ch in "([":
                stack.append((ch, j))
            else:
                if j in skip:
                    continue
                if stack and stack[-1][0] == _PAIRS[ch]:
                    stack.pop()
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


@dataclass(frozen=True)
class UnbalancedRule:
    """Report unpaired quotation marks or brackets within a paragraph."""

    meta: RuleMeta
    kind: str

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
                message = (
                    self.meta.message.replace("{match}", mark)
                    .replace("{problem}", f"{problem} '{partner}'")
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
    seen: dict[str, Block] = {}
    for block in paragraphs:
        words = block.text.split()
        if len(words) < min_words:
            continue
        key = " ".join(words)
        first = seen.get(key)
        if first is None:
            seen[key] = block
        else:
            yield block, first


@dataclass(frozen=True)
class RepeatedParagraphRule:
    """Report a paragraph that repeats an earlier one verbatim (a scraper or CMS fault)."""

    meta: RuleMeta
    min_words: int
    fix_safe: bool

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

_DOUBLE_SPACE = re.compile(r"[.!?][\"'”’)\]]?(?P<gap> {2,})(?=[^\s])")


def double_spaces(doc: Document) -> Iterator[Span]:
    """Spans of two or more spaces after a sentence's closing punctuation, inside body paragraphs.

    The raw source is read (the masked text turns markup into spaces), but only
    where the masked text keeps the same characters, so "end. **Next**" is clean.
    """
    source, prose = doc.source, doc.prose
    for block in doc.paragraphs:
        for m in _DOUBLE_SPACE.finditer(source, block.span.start, block.span.end):
            gap = m.span("gap")
            if prose[m.start()] != source[m.start()] or not prose[gap[1]].strip():
                continue
            yield Span(*gap)


@dataclass(frozen=True)
class DoubleSpaceRule:
    """Report two spaces after a full stop, where house style wants one."""

    meta: RuleMeta

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
