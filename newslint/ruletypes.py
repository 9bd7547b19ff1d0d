"""The declarative rule types packs use: existence, substitution, occurrence, repetition.

Each type is a callable `(meta, options, settings) -> Rule` and registers through
the `newslint_rule_types` hook like any plugin's type. Phrase lists are combined
into one compiled alternation per rule, once, when the pack loads.
"""

from __future__ import annotations

import codecs
import functools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from newslint._record import Record
from newslint.document import Block, Document
from newslint.model import Edit, Finding, Fix, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import compile_pattern
from newslint.settings import Settings

if TYPE_CHECKING:
    import regex

SCOPES = ("text", "block", "line", "paragraph", "sentence", "heading", "headline")


@functools.cache
def _regex() -> Any:
    """The `regex` module, imported when a pack first needs it (importing it costs ~15 ms).

    The built-in packs use none of the types that need it.
    """
    import regex

    return regex


@functools.cache
def _word() -> regex.Pattern[str]:
    word: regex.Pattern[str] = _regex().compile(r"\w")
    return word


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
    regex = _regex()
    body = r"\s+".join(regex.escape(part) for part in phrase.split())
    head = r"\b" if _word().match(phrase[:1]) else ""
    tail = r"\b" if _word().match(phrase[-1:]) else ""
    return f"{head}{body}{tail}"


def compile_alternation(
    tokens: list[str] | None, patterns: list[str] | None, ignorecase: bool, key: str = "tokens"
) -> regex.Pattern[str]:
    """One compiled alternation of literal tokens and raw patterns."""
    regex = _regex()
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
    word = _word()
    return not word.search(before) and not word.search(after)


FIX_KINDS = ("none", "delete-line", "delete-match")


class ExistenceRule(Record):
    """Report every match of a phrase list or pattern within the rule's scope."""

    _fields = ("meta", "pattern", "standalone", "max_words", "fix_kind", "fix_safe")
    meta: RuleMeta
    pattern: regex.Pattern[str]
    standalone: bool
    max_words: int | None
    fix_kind: str
    fix_safe: bool

    def __init__(
        self,
        meta: RuleMeta,
        pattern: regex.Pattern[str],
        standalone: bool,
        max_words: int | None,
        fix_kind: str,
        fix_safe: bool,
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "standalone", standalone)
        object.__setattr__(self, "max_words", max_words)
        object.__setattr__(self, "fix_kind", fix_kind)
        object.__setattr__(self, "fix_safe", fix_safe)

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


class SubstitutionRule(Record):
    """Report a word or phrase that has a preferred replacement, and offer the swap."""

    _fields = ("meta", "pattern", "swaps", "fix_safe")
    meta: RuleMeta
    pattern: regex.Pattern[str]
    swaps: tuple[tuple[regex.Pattern[str], str], ...]
    fix_safe: bool

    def __init__(
        self,
        meta: RuleMeta,
        pattern: regex.Pattern[str],
        swaps: tuple[tuple[regex.Pattern[str], str], ...],
        fix_safe: bool,
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "swaps", swaps)
        object.__setattr__(self, "fix_safe", fix_safe)

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
    regex = _regex()
    flags = regex.IGNORECASE if ignorecase else 0
    rule = SubstitutionRule(
        meta=replace(meta, fixable=True),
        pattern=compile_alternation(list(swap), None, ignorecase, key="swap"),
        swaps=tuple((regex.compile(phrase_pattern(k), flags), v) for k, v in swap.items()),
        fix_safe=read.boolean("fix-safe", False),
    )
    read.finish()
    return rule


class OccurrenceRule(Record):
    """Report a scope block where a token occurs more than `max` (or fewer than `min`) times."""

    _fields = ("meta", "pattern", "maximum", "minimum")
    meta: RuleMeta
    pattern: regex.Pattern[str]
    maximum: int | None
    minimum: int | None

    def __init__(
        self, meta: RuleMeta, pattern: regex.Pattern[str], maximum: int | None, minimum: int | None
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "maximum", maximum)
        object.__setattr__(self, "minimum", minimum)

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


class RepetitionRule(Record):
    """Report a token repeated back to back ("the the"), unless the second one has a capital."""

    _fields = ("meta", "pattern", "exceptions", "fix_safe", "builtin_token")
    meta: RuleMeta
    pattern: regex.Pattern[str] | re.Pattern[str]
    exceptions: frozenset[str]
    fix_safe: bool
    builtin_token: bool

    def __init__(
        self,
        meta: RuleMeta,
        pattern: regex.Pattern[str] | re.Pattern[str],
        exceptions: frozenset[str],
        fix_safe: bool,
        builtin_token: bool = False,
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "exceptions", exceptions)
        object.__setattr__(self, "fix_safe", fix_safe)
        object.__setattr__(self, "builtin_token", builtin_token)

    def check(self, doc: Document) -> Iterator[Finding]:
        blocks = scope_blocks(doc, self.meta.scope)
        matches: Iterable[Any]
        if self.builtin_token:
            matches = repeated_word_matches(self.pattern, doc.prose, blocks)
        else:
            matches = (m for block in blocks for m in finditer(self.pattern, doc, block))
        for m in matches:
            word = m.group("word")
            # "Duran Duran", "Bafana Bafana", "lord Lord Bingham": a capital on the second
            # word marks a name or a title, not a slip.
            if word.lower() in self.exceptions or m.group("second")[:1].isupper():
                continue
            span = Span(m.start(), m.end())
            fix = Fix(f"Delete the second '{word}'", (Edit(Span(m.start("gap"), m.end())),), self.fix_safe)
            yield Finding(span, render(self.meta.message, match=word), fix)


DEFAULT_TOKEN = r"[^\W\d_]+"  # a run of letters
_LETTER_RUN = compile_pattern(DEFAULT_TOKEN)


def repeated_word_matches(
    pattern: regex.Pattern[str] | re.Pattern[str], prose: str, blocks: Iterable[Block]
) -> Iterator[Any]:
    """The matches of the built-in repetition pattern in each block, in order.

    The same matches as `pattern.finditer(prose, block start, block end)`, but the
    back-reference pattern, which is tried at every word and costs far more than
    listing the words in C, is only tried where a word equals the next one.

    In a match, the first word has a non-word character (or nothing) before it
    and spaces after it, and the second has spaces before it and a non-word
    character (or the end of the search) after it: in `word_runs` of the block
    both are whole runs, next to each other, and equal, as `word_runs` gives
    letters the pattern's case-insensitive back-reference calls equal the same
    byte. So every match starts where such a pair starts; trying those places in
    order, after the end of the last match, finds what finditer finds.
    """
    runs = word_runs(prose)
    for block in blocks:
        start, end = block.span.start, block.span.end
        block_runs = runs[start:end]
        words = block_runs.split()
        if not any(map(operator.eq, words, islice(words, 1, None))):
            continue  # nearly every block
        resume = start
        for offset in _repeated_run_starts(block_runs, words):
            if start + offset >= resume:
                m = pattern.match(prose, start + offset, end)
                if m:
                    yield m
                    resume = m.end()


def _repeated_run_starts(runs: bytes, words: list[bytes]) -> list[int]:
    """Where in `runs` each word of `runs.split()` that equals the next one starts."""
    out: list[int] = []
    find = runs.find
    position = 0
    for word, following in zip(words, islice(words, 1, None), strict=False):
        # Runs are separated by spaces, which `word` has none of: the next run is the
        # first place from `position` that holds it.
        position = find(word, position)
        if word == following:
            out.append(position)
        position += len(word)
    return out


def blocks_that_may_repeat(prose: str, blocks: Iterable[Block]) -> list[Block]:
    """The blocks in which the built-in repetition pattern could match (see `repeated_word_matches`)."""
    runs = word_runs(prose)
    out: list[Block] = []
    for block in blocks:
        words = runs[block.span.start : block.span.end].split()
        if any(map(operator.eq, words, islice(words, 1, None))):
            out.append(block)
    return out


def may_repeat(prose: str, blocks: Iterable[Block]) -> bool:
    """Whether the built-in repetition pattern could match in `blocks` of `prose` (a cheap superset test).

    True also when a block ends inside a word.
    """
    blocks = tuple(blocks)
    return any(_LETTER_RUN.match(prose, b.span.end) for b in blocks) or bool(
        blocks_that_may_repeat(prose, blocks)
    )


# Lower-cases ASCII letters, keeps digits and "_" (the other word characters) and
# turns every other byte into a space.
_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32 for c in range(256)
)
# The non-ASCII characters whose simple lower case (what the regex engine compares a
# back-reference by) is an ASCII letter: DOTTED CAPITAL I and the KELVIN SIGN.
_ASCII_LOWER_CASE = {"\u0130": "i", "\u212a": "k"}


def _fold_non_ascii(error: UnicodeError) -> tuple[str, int]:
    r"""The `word_runs` stand-ins for a stretch of non-ASCII characters, one each.

    A letter to the regex engine (`[^\W\d_]`) becomes a letter: its ASCII lower
    case if it has one, else "z" (which may make runs equal that the pattern
    finds unequal, never the reverse). Another word character (a digit) becomes
    "0" and anything else a space.
    """
    assert isinstance(error, UnicodeEncodeError)
    chars = error.object[error.start : error.end]
    return "".join(
        _ASCII_LOWER_CASE.get(c) or (("0" if c.isdecimal() else "z") if c.isalnum() else " ") for c in chars
    ), error.end


codecs.register_error("newslint-word-runs", _fold_non_ascii)


def word_runs(text: str) -> bytes:
    r"""`text` as bytes of the same length: runs of word characters (`\w`) in place, all else spaces.

    Letters are lower-cased. Encoding and `bytes.translate` run in C; only
    non-ASCII stretches (a pound sign, curly quotes) call back into Python.
    """
    return text.encode("ascii", "newslint-word-runs").translate(_WORD_BYTES)


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
        pattern = compile_pattern(source, re.IGNORECASE if ignorecase else 0)
    else:
        regex = _regex()
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
