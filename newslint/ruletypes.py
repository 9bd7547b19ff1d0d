"""The declarative rule types packs use: existence, substitution, occurrence, repetition.

Each type is a callable `(meta, options, settings) -> Rule` and registers through
the `newslint_rule_types` hook like any plugin's type. Phrase lists are combined
into one compiled alternation per rule, once, when the pack loads.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

import regex

from newslint.document import Block, Document
from newslint.model import Edit, Finding, Fix, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.settings import Settings

SCOPES = ("text", "block", "line", "paragraph", "sentence", "heading", "headline")

_WORD = regex.compile(r"\w")


def scope_blocks(doc: Document, scope: str) -> Iterable[Block]:
    """The blocks a declarative rule looks at, by its scope."""
    if scope == "line":
        return doc.lines
    if scope == "paragraph":
        return doc.paragraphs
    if scope == "sentence":
        return doc.sentences
    if scope == "heading":
        return tuple(b for b in doc.blocks if b.kind in ("heading", "headline"))
    if scope == "headline":
        return (doc.headline,) if doc.headline else ()
    if scope == "block":
        return doc.blocks
    return (Block("text", Span(0, len(doc.prose)), doc.prose),)


def check_scope(meta: RuleMeta) -> None:
    if meta.scope not in SCOPES:
        raise PackError("scope", f"must be one of {', '.join(SCOPES)}, got {meta.scope!r}")


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a regex: any run of spaces matches any whitespace, word edges bounded."""
    body = r"\s+".join(regex.escape(part) for part in phrase.split())
    head = r"\b" if _WORD.match(phrase[:1]) else ""
    tail = r"\b" if _WORD.match(phrase[-1:]) else ""
    return f"{head}{body}{tail}"


def compile_alternation(
    tokens: list[str] | None, patterns: list[str] | None, ignorecase: bool, key: str = "tokens"
) -> regex.Pattern[str]:
    """One compiled alternation of literal tokens and raw patterns."""
    parts = [phrase_pattern(t) for t in tokens or () if t.strip()]
    for pattern in patterns or ():
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise PackError("patterns", f"bad regular expression {pattern!r}: {exc}") from None
        parts.append(f"(?:{pattern})")
    if not parts:
        raise PackError(key, "give at least one of tokens or patterns")
    # Longest alternatives first so "Related Posts" wins over "Related".
    parts.sort(key=len, reverse=True)
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile("|".join(parts), flags | regex.VERSION0)


def render(message: str, **values: str) -> str:
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return message


def finditer(pattern: regex.Pattern[str] | re.Pattern[str], doc: Document, block: Block) -> Iterator[Any]:
    """Matches of a pattern inside one block, with source offsets."""
    matches: Iterator[Any] = pattern.finditer(doc.prose, block.span.start, block.span.end)
    return matches


def is_standalone(doc: Document, block: Block, start: int, end: int) -> bool:
    """Whether a match is all the words of its block (punctuation and symbols around it allowed)."""
    before = doc.prose[block.span.start : start]
    after = doc.prose[end : block.span.end]
    return not _WORD.search(before) and not _WORD.search(after)


FIX_KINDS = ("none", "delete-line", "delete-match")


@dataclass(frozen=True)
class ExistenceRule:
    """Report every match of a phrase list or pattern within the rule's scope."""

    meta: RuleMeta
    pattern: regex.Pattern[str]
    standalone: bool
    max_words: int | None
    fix_kind: str
    fix_safe: bool

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in scope_blocks(doc, self.meta.scope):
            if self.max_words is not None and len(block.text.split()) > self.max_words:
                continue
            for m in finditer(self.pattern, doc, block):
                if self.standalone and not is_standalone(doc, block, m.start(), m.end()):
                    continue
                span = Span(m.start(), m.end())
                yield Finding(span, render(self.meta.message, match=m.group(0)), self._fix(doc, span))

    def _fix(self, doc: Document, span: Span) -> Fix | None:
        if self.fix_kind == "delete-line":
            return Fix(
                f"Delete the line ({self.meta.name})", (Edit(doc.line_removal_span(span)),), self.fix_safe
            )
        if self.fix_kind == "delete-match":
            return Fix(f"Delete '{doc.source[span.start : span.end]}'", (Edit(span),), self.fix_safe)
        return None


def existence(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> ExistenceRule:
    """Build an `existence` rule: keys tokens, patterns, ignorecase, standalone, max-words, fix, fix-safe."""
    check_scope(meta)
    read = OptionReader(options)
    pattern = compile_alternation(
        read.strings("tokens"), read.strings("patterns"), read.boolean("ignorecase", True)
    )
    fix_kind = read.choice("fix", FIX_KINDS, "none")
    rule = ExistenceRule(
        meta=replace(meta, fixable=fix_kind != "none"),
        pattern=pattern,
        standalone=read.boolean("standalone", False),
        max_words=read.integer("max-words"),
        fix_kind=fix_kind,
        fix_safe=read.boolean("fix-safe", True),
    )
    read.finish()
    return rule


@dataclass(frozen=True)
class SubstitutionRule:
    """Report a word or phrase that has a preferred replacement, and offer the swap."""

    meta: RuleMeta
    pattern: regex.Pattern[str]
    swaps: tuple[tuple[regex.Pattern[str], str], ...]
    fix_safe: bool

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in scope_blocks(doc, self.meta.scope):
            for m in finditer(self.pattern, doc, block):
                found = m.group(0)
                replacement = next((r for p, r in self.swaps if p.fullmatch(found)), "")
                span = Span(m.start(), m.end())
                fix = Fix(f"Replace with '{replacement}'", (Edit(span, replacement),), self.fix_safe)
                yield Finding(span, render(self.meta.message, match=found, replacement=replacement), fix)


def substitution(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> SubstitutionRule:
    """Build a `substitution` rule: keys swap (table of phrase -> replacement), ignorecase, fix-safe."""
    check_scope(meta)
    read = OptionReader(options)
    swap = read.table("swap", {})
    if not swap or not all(isinstance(v, str) for v in swap.values()):
        raise PackError("swap", 'must be a non-empty table of phrase = "replacement"')
    ignorecase = read.boolean("ignorecase", True)
    flags = regex.IGNORECASE if ignorecase else 0
    rule = SubstitutionRule(
        meta=replace(meta, fixable=True),
        pattern=compile_alternation(list(swap), None, ignorecase, key="swap"),
        swaps=tuple((regex.compile(phrase_pattern(k), flags), v) for k, v in swap.items()),
        fix_safe=read.boolean("fix-safe", False),
    )
    read.finish()
    return rule


@dataclass(frozen=True)
class OccurrenceRule:
    """Report a scope block where a token occurs more than `max` (or fewer than `min`) times."""

    meta: RuleMeta
    pattern: regex.Pattern[str]
    maximum: int | None
    minimum: int | None

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in scope_blocks(doc, self.meta.scope):
            matches = list(finditer(self.pattern, doc, block))
            count = str(len(matches))
            if self.maximum is not None and len(matches) > self.maximum:
                extra = matches[self.maximum]
                yield Finding(
                    Span(extra.start(), extra.end()),
                    render(self.meta.message, count=count, match=extra.group(0)),
                )
            elif self.minimum is not None and len(matches) < self.minimum:
                yield Finding(_first_line(block), render(self.meta.message, count=count, match=""))


def _first_line(block: Block) -> Span:
    text = block.text
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start)
    end = len(text.rstrip()) if nl < 0 else nl
    return Span(block.span.start + start, block.span.start + max(start, end))


def occurrence(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> OccurrenceRule:
    """Build an `occurrence` rule: keys tokens or patterns, max, min, ignorecase."""
    check_scope(meta)
    read = OptionReader(options)
    rule = OccurrenceRule(
        meta=meta,
        pattern=compile_alternation(
            read.strings("tokens"), read.strings("patterns"), read.boolean("ignorecase", True)
        ),
        maximum=read.integer("max"),
        minimum=read.integer("min"),
    )
    if rule.maximum is None and rule.minimum is None:
        raise PackError("max", "give max, min or both")
    read.finish()
    return rule


@dataclass(frozen=True)
class RepetitionRule:
    """Report a token repeated back to back ("the the"), unless the second one has a capital."""

    meta: RuleMeta
    pattern: regex.Pattern[str] | re.Pattern[str]
    exceptions: frozenset[str]
    fix_safe: bool
    builtin_token: bool = False

    def check(self, doc: Document) -> Iterator[Finding]:
        blocks = scope_blocks(doc, self.meta.scope)
        if self.builtin_token and not may_repeat(doc.prose, blocks):
            return
        for block in blocks:
            for m in finditer(self.pattern, doc, block):
                word = m.group("word")
                # "Duran Duran", "Bafana Bafana", "lord Lord Bingham": a capital on the second
                # word marks a name or a title, not a slip.
                if word.lower() in self.exceptions or m.group("second")[:1].isupper():
                    continue
                span = Span(m.start(), m.end())
                fix = Fix(
                    f"Delete the second '{word}'", (Edit(Span(m.start("gap"), m.end())),), self.fix_safe
                )
                yield Finding(span, render(self.meta.message, match=word), fix)


DEFAULT_TOKEN = r"[^\W\d_]+"  # a run of letters
_LETTER_RUN = re.compile(DEFAULT_TOKEN)
_ASCII_RUN = re.compile(r"[a-z]+")


def may_repeat(prose: str, blocks: Iterable[Block]) -> bool:
    """Whether the built-in repetition pattern could match in `blocks` of `prose` (a cheap superset test).

    The back-reference pattern is tried at every word and costs far more than
    listing the words (in C) and comparing neighbours. A match is two neighbouring
    maximal letter runs equal but for case: the first run's start sees the real
    character before a block, but a block's end cuts a run short, so a block
    followed directly by a letter, or non-ASCII prose (case folding beyond
    `str.lower`; listing Unicode letter runs costs as much as the pattern),
    sends the document to the full pattern.
    """
    if not prose.isascii() or any(_LETTER_RUN.match(prose, b.span.end) for b in blocks):
        return True
    # In ASCII text a letter run is [a-z]+ after lower-casing, which the regex
    # engine scans several times faster than the Unicode class [^\W\d_].
    words = _ASCII_RUN.findall(prose.lower())
    return any(map(operator.eq, words, islice(words, 1, None)))


def repetition(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> RepetitionRule:
    """Build a `repetition` rule: keys token (regex for one token), exceptions, ignorecase, fix-safe."""
    check_scope(meta)
    read = OptionReader(options)
    token = read.string("token", None)
    ignorecase = read.boolean("ignorecase", True)
    source = rf"\b(?P<word>{token or DEFAULT_TOKEN})\b(?P<gap>[ \t]+(?P<second>(?P=word))\b(?![-‐]))"
    pattern: regex.Pattern[str] | re.Pattern[str]
    if token is None:
        # The built-in token means the same to both engines, and the standard
        # library runs this back-reference pattern about 1.7 times faster.
        pattern = re.compile(source, re.IGNORECASE if ignorecase else 0)
    else:
        try:
            pattern = regex.compile(source, (regex.IGNORECASE if ignorecase else 0) | regex.VERSION0)
        except regex.error as exc:
            raise PackError("token", f"bad regular expression: {exc}") from None
    rule = RepetitionRule(
        meta=replace(meta, fixable=True),
        pattern=pattern,
        exceptions=frozenset(w.lower() for w in read.strings("exceptions", [])),
        fix_safe=read.boolean("fix-safe", False),
        builtin_token=token is None,
    )
    read.finish()
    return rule


RULE_TYPES = {
    "existence": existence,
    "substitution": substitution,
    "occurrence": occurrence,
    "repetition": repetition,
}
