"""Turn an article's text into a `Document`: headline, byline, blocks, sentences, quotes, links.

Offsets never move. Every block's `text` is the source slice with markup
(`**`, `[`, `](url)`, `#`, list and quote markers, code, HTML) replaced by spaces
of equal length, so `block.span.start + i` is an offset into `doc.source` and no
remapping table is needed. `Document.prose` is the same masking applied to the
whole file: everything that is not prose (front matter, code, HTML, link
targets, suppression comments) is a space, newlines are kept.

Markdown block structure comes from markdown-it-py (CommonMark plus GFM
tables); inline markup inside a block is masked by the small set of patterns
below, which is all newslint needs from inline parsing (link text and target
offsets, which markdown-it's inline tokens do not carry).
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from newslint._record import DataclassMethods
from newslint.model import Position, Span, trusted_span
from newslint.patterns import compile_pattern

_new_object = object.__new__

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote"})


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Block(DataclassMethods):
    """A piece of prose: its kind, where it is, and its masked text (same length as the span)."""

    kind: str
    span: Span
    text: str
    level: int = 0

    # Hand-written for speed (an article has dozens of blocks, lines and sentences):
    # the slot setters cost about half of the generated `object.__setattr__` calls.
    def __init__(self, kind: str, span: Span, text: str, level: int = 0) -> None:
        _set_block_kind(self, kind)
        _set_block_span(self, span)
        _set_block_text(self, text)
        _set_block_level(self, level)


_set_block_kind = Block.__dict__["kind"].__set__
_set_block_span = Block.__dict__["span"].__set__
_set_block_text = Block.__dict__["text"].__set__
_set_block_level = Block.__dict__["level"].__set__


_T = TypeVar("_T")


class _cached(Generic[_T]):
    """`functools.cached_property` without its lock, which on Python 3.11 doubles the
    cost of each first access (a document's views are each read once or twice).

    The value goes into the instance's `__dict__`, which then shadows this
    non-data descriptor: later reads are plain attribute lookups.
    """

    __slots__ = ("func", "name")

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _cached[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> _T | _cached[_T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Link(DataclassMethods):
    """A link: the span of its visible text in the source, the text, and its target."""

    span: Span
    text: str
    target: str


@dataclass(frozen=True, eq=False, repr=False)
class Document(DataclassMethods):
    """A parsed article. Build one with `parse`; rules only read it."""

    path: str
    source: str
    format: str
    prose: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    headline: Block | None = None
    byline: Block | None = None
    front_matter_title: Block | None = None
    first_h1: Block | None = None
    front_matter_error: str | None = None

    @_cached
    def line_starts(self) -> tuple[int, ...]:
        return _line_starts(self.source)

    def position(self, offset: int) -> Position:
        """The 1-based line and column of a source offset (columns count characters)."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    @_cached
    def headings(self) -> tuple[Block, ...]:
        """Headings other than the headline (a second H1 among them)."""
        return tuple([b for b in self.blocks if b.kind == "heading"])

    @_cached
    def paragraphs(self) -> tuple[Block, ...]:
        """Body blocks: paragraphs, list items and block quotes."""
        return tuple([b for b in self.blocks if b.kind in PROSE_KINDS])

    @_cached
    def lines(self) -> tuple[Block, ...]:
        """One block per source line of every prose block, of that block's kind."""
        out: list[Block] = []
        for block in self.blocks:
            _lines(block, out)
        return tuple(out)

    @_cached
    def sentences(self) -> tuple[Block, ...]:
        """Sentences of the body paragraphs, in order."""
        out: list[Block] = []
        for block in self.paragraphs:
            out += _sentences(block)
        return tuple(out)

    def sentences_of(self, block: Block) -> tuple[Block, ...]:
        """Split one block into sentence blocks."""
        return tuple(_sentences(block))

    @_cached
    def quotes(self) -> tuple[Span, ...]:
        """Direct quotations, quote marks included, in order."""
        spans: list[Span] = []
        for block in self.blocks:
            _quotes(block.text, block.span.start, spans)
        return tuple(spans)

    @_cached
    def _quote_starts(self) -> tuple[int, ...]:
        return tuple([s.start for s in self.quotes])

    def in_quote(self, offset: int) -> bool:
        """Whether an offset lies inside a direct quotation."""
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    @_cached
    def _block_starts(self) -> tuple[int, ...]:
        return tuple([b.span.start for b in self.blocks])

    def block_at(self, offset: int) -> Block | None:
        """The prose block that contains an offset, if any."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].span.end:
            return self.blocks[i]
        return None

    def line_removal_span(self, span: Span) -> Span:
        """The whole lines covering `span`, their line endings, and one blank line after them.

        This is what a fix that deletes a residue line removes, so that the
        article does not keep a double blank line where the residue stood. A
        blank line before is taken instead when the residue is the last line.
        """
        starts = self.line_starts
        first = bisect.bisect_right(starts, span.start) - 1
        last = bisect.bisect_right(starts, max(span.start, span.end - 1)) - 1
        start = starts[first]
        end = starts[last + 1] if last + 1 < len(starts) else len(self.source)
        if last + 2 < len(starts) and not self.source[end : starts[last + 2]].strip():
            end = starts[last + 2]
        elif end == len(self.source) and first > 0 and not self._line_text(first - 1).strip():
            start = starts[first - 1]
        return Span(start, end)

    def _line_text(self, index: int) -> str:
        starts = self.line_starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self.source)
        return self.source[starts[index] : end]


def _line_starts(text: str) -> tuple[int, ...]:
    """The offset where each line of `text` starts (after each "\n")."""
    starts = [0]
    find = text.find
    nl = find("\n")
    while nl >= 0:
        nl += 1
        starts.append(nl)
        nl = find("\n", nl)
    return tuple(starts)


# --------------------------------------------------------------------- masking


def _mask(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines."""
    piece = text[start:end]
    return text[:start] + _NON_NEWLINE.sub(" ", piece) + text[end:]


_NON_NEWLINE = compile_pattern(r"[^\n]")


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled on first use: call it for the compiled pattern.

    For the patterns only Markdown, front matter or inline markup need: a
    one-file run on plain text (the pre-commit case) then compiles none of them.
    """
    return functools.cache(functools.partial(compile_pattern, pattern, flags))


_CODE_SPAN = _lazy(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_INLINE = _lazy(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_AUTOLINK = _lazy(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_IMAGE = _lazy(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = _lazy(
    r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]"
    r"(\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[([^\]\n]*)\])"
)
_BARE_URL = _lazy(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’]")
_EMPHASIS = _lazy(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])|~~")
_ESCAPE = _lazy(r"\\(?=[!-/:-@\[-`{-~])")
_SUPPRESSION = _lazy(r"<!--\s*newslint:[^>]*?-->")  # files with suppression comments only


def mask_inline(text: str, offset: int, links: list[Link]) -> str:
    """Mask inline markup in a block's text and collect its links.

    `offset` is where `text` starts in the source, so link spans are source offsets.
    """
    if "`" in text:
        text = _CODE_SPAN().sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
    if "<" in text:
        for m in _AUTOLINK().finditer(text):
            links.append(Link(Span(offset + m.start(1), offset + m.end(1)), m.group(1), m.group(1)))
        text = _AUTOLINK().sub(lambda m: " " * len(m.group(0)), text)
        text = _HTML_INLINE().sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
    if "[" in text:
        text = _IMAGE().sub(lambda m: " " * len(m.group(0)), text)
        text = _mask_links(text, offset, links)
    if "http" in text or "www." in text:
        for m in _BARE_URL().finditer(text):
            links.append(Link(Span(offset + m.start(), offset + m.end()), m.group(0), m.group(0)))
        text = _BARE_URL().sub(lambda m: " " * len(m.group(0)), text)
    if "\\" in text:
        text = _ESCAPE().sub(" ", text)
    if "*" in text or "_" in text or "~" in text:
        text = _EMPHASIS().sub(lambda m: " " * len(m.group(0)), text)
    return text


def _mask_links(text: str, offset: int, links: list[Link]) -> str:
    parts: list[str] = []
    last = 0
    for m in _LINK().finditer(text):
        label = m.group(1)
        target = m.group(3) if m.group(3) is not None else f"[{m.group(4) or label}]"
        start = offset + m.start(1)
        links.append(Link(Span(start, start + len(label)), label, target))
        parts.append(text[last : m.start()])
        parts.append(" " + label + _NON_NEWLINE.sub(" ", text[m.end(1) : m.end()]))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


# --------------------------------------------------------------------- sentences

# Words that end in a full stop without ending a sentence. Lower-case, no final dot.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "rev",
        "fr",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "cpl",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "hon",
        "supt",
        "insp",
        "det",
        "cmdr",
        "brig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "pp",
        "ch",
        "art",
        "sec",
        "para",
        "approx",
        "est",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "llc",
        "bros",
        "dept",
        "univ",
        "assn",
        "vs",
        "v",
        "etc",
        "al",
        "e.g",
        "i.e",
        "cf",
        "viz",
        "ca",
        "c",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "d.c",
        "a.m",
        "p.m",
    ]
)

# A sentence ends at a run of final marks (and closing quotes or brackets) followed by
# space and a capital, a digit or a currency sign. The lookahead holds the whole test,
# so the regex engine rejects "e.g. the" without a Python call per candidate. Its
# group 1 is the space after the end, where the next sentence starts: `\s+` takes the
# whole run, as the class after it holds no space.
_SENTENCE_END = compile_pattern(r"[.!?…]+[\"'”’)\]]*(?=(\s+)[\"'“‘(\[]*[A-Z0-9£$€¥])")

# The longest entry of ABBREVIATIONS: a word before a full stop that is longer than
# this (after its opening quotes and brackets) is not an abbreviation.
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
# The last three letters of the abbreviations that have three or more.
_TAILS = frozenset(word[-3:] for word in ABBREVIATIONS if len(word) >= 3)
# Stripped from the start of the word before a full stop.
_OPENERS = "\"'“‘(["
# What ends the word before a full stop (space) or is stripped from its start.
_WORD_BREAKS = " \n\t" + _OPENERS


def split_sentences(block: Block) -> Iterator[Block]:
    """Yield the sentences of a block, as blocks of kind "sentence"."""
    return iter(_sentences(block))


def _sentences(block: Block) -> list[Block]:
    text = block.text
    base = block.span.start
    out: list[Block] = []
    start = len(text) - len(text.lstrip())  # str.strip and the regex `\s` agree on what a space is
    end = 0
    for dot, end, next_start in _sentence_ends(text):
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        if end > start:
            out.append(_new_block("sentence", base + start, base + end, text[start:end], 0))
        start = next_start
    end = len(text.rstrip())
    if end > start:
        out.append(_new_block("sentence", base + start, base + end, text[start:end], 0))
    return out


def _sentence_ends(text: str) -> list[tuple[int, int, int]]:
    """Every match of _SENTENCE_END in `text`: where it starts, ends, and the next sentence starts.

    A match takes the whole run of final marks and closing marks (the lookahead
    wants a space after them), so matches begin where a run of marks begins, and
    a run whose first mark fails fails at every later mark too. When the only
    final mark in the text is the full stop, the stops are found with str.find
    (at memchr speed) and the pattern is tried at each: the same matches, found
    about twice as fast as by letting the regex engine test every character.
    """
    if "!" in text or "?" in text or "…" in text:
        return [(m.start(), m.end(), m.end(1)) for m in _SENTENCE_END.finditer(text)]
    out: list[tuple[int, int, int]] = []
    find = text.find
    match = _SENTENCE_END.match
    dot = find(".")
    while dot >= 0:
        m = match(text, dot)
        if m is None:
            dot = find(".", dot + 1)
        else:
            end = m.end()
            out.append((dot, end, m.end(1)))
            dot = find(".", end)
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial, not a sentence.

    The word before it starts after the last space, newline or tab. They are looked
    for in a short window first: a word that fills the window is too long to be an
    abbreviation unless opening quotes and brackets pad it, which the full search
    behind the window settles.
    """
    if dot >= 3:
        tail = text[dot - 3 : dot]
        if tail[0] not in _WORD_BREAKS and tail[1] not in _WORD_BREAKS and tail.lower() not in _TAILS:
            # Prefilter (98 % of full stops): the word is at least three characters long, as
            # nothing in the last three breaks it or is stripped from its start, and it
            # does not end like an abbreviation. (Lower-casing maps a character to one ASCII
            # letter only when it is one itself, or the Kelvin sign, so the last three
            # characters of a word in ABBREVIATIONS lower-case to one of _TAILS.)
            return False
    low = dot - _LONGEST_ABBREVIATION - 2
    if low < 0:
        low = 0
    start = max(text.rfind(" ", low, dot), text.rfind("\n", low, dot), text.rfind("\t", low, dot)) + 1
    if not start and low:
        if text[low] not in _OPENERS:
            return False  # a word of more than _LONGEST_ABBREVIATION + 1 characters
        start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), text.rfind("\t", 0, dot)) + 1
    word = text[start:dot].lstrip(_OPENERS).lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. K. Rowling"
    return word in ABBREVIATIONS


# --------------------------------------------------------------------- quotes

_CURLY_QUOTE = compile_pattern(r"“[^”]*(?:”|$)")
# Written to start with the quote mark itself (the lookbehind checks the character
# before it), so the regex engine jumps from quote mark to quote mark.
_STRAIGHT_QUOTE = compile_pattern(r'"(?<![\w"]")(?=\S)[^"\n]*(?:"|$)')


def find_quotes(block: Block) -> Iterator[Span]:
    """Direct quotations in a block: curly or straight double quotes.

    A quotation still open at the end of a paragraph runs to its end, as news
    style does for a quote that continues in the next paragraph.
    """
    return iter(_quotes(block.text, block.span.start, []))


def _quotes(text: str, base: int, out: list[Span]) -> list[Span]:
    """Append the quotations of one block's text (at source offset `base`) to `out`."""
    if "“" in text:
        for m in _CURLY_QUOTE.finditer(text):
            out.append(trusted_span(base + m.start(), base + m.end()))
    if '"' in text:
        for m in _STRAIGHT_QUOTE.finditer(text):
            out.append(trusted_span(base + m.start(), base + m.end()))
    return out


# --------------------------------------------------------------------- lines


def _split_lines(block: Block) -> Iterator[Block]:
    return iter(_lines(block, []))


def _lines(block: Block, out: list[Block]) -> list[Block]:
    """Append one block per non-blank line of `block` to `out`, trailing space trimmed."""
    # The masked text holds a space where a CRLF file has "\r": trim trailing space.
    text = block.text
    base = block.span.start
    if "\n" not in text:  # most blocks are one line
        line = text.rstrip()
        if line:
            out.append(_new_block(block.kind, base, base + len(line), line, block.level))
        return out
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip():
            out.append(_new_block(block.kind, base, base + len(stripped), stripped, block.level))
        base += len(line) + 1
    return out


def _new_block(kind: str, start: int, end: int, text: str, level: int) -> Block:
    """A block with a span the caller knows is valid, built without the span check."""
    block: Block = _new_object(Block)
    _set_block_kind(block, kind)
    _set_block_span(block, trusted_span(start, end))
    _set_block_text(block, text)
    _set_block_level(block, level)
    return block


# --------------------------------------------------------------------- front matter

_YAML_FENCE = _lazy(r"---[ \t]*\n")
_TOML_FENCE = _lazy(r"\+\+\+[ \t]*\n")
_TITLE_LINE = _lazy(r"(?m)^title[ \t]*[:=][ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FrontMatter(DataclassMethods):
    """Front matter at the start of a file: where it ends, its table, title line and any error.

    (A docstring also spares `@dataclass` writing one from `inspect.signature` at import.)
    """

    end: int
    meta: dict[str, Any]
    title: Block | None
    error: str | None


def read_front_matter(text: str) -> FrontMatter | None:
    """Read YAML (`---`) or TOML (`+++`) front matter at the very start of the text."""
    fence = "---" if _YAML_FENCE().match(text) else "+++" if _TOML_FENCE().match(text) else None
    if fence is None:
        return None
    close = compile_pattern(rf"(?m)^(?:{re.escape(fence)}|\.\.\.)[ \t]*$")
    first_nl = text.index("\n") + 1
    m = close.search(text, first_nl)
    if m is None:
        return None
    body = text[first_nl : m.start()]
    end = m.end() + 1 if m.end() < len(text) else m.end()
    meta, error = _load_meta(body, fence)
    return FrontMatter(end, meta, _title_block(text, first_nl, m.start(), meta), error)


def _load_meta(body: str, fence: str) -> tuple[dict[str, Any], str | None]:
    import tomllib

    import yaml  # only for files with front matter (importing PyYAML costs ~20 ms, tomllib ~4 ms)

    try:
        loaded = yaml.safe_load(body) if fence == "---" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        return {}, f"front matter is not valid {'YAML' if fence == '---' else 'TOML'}: {exc}".split("\n")[0]
    if loaded is None:
        return {}, None
    if not isinstance(loaded, dict):
        return {}, "front matter is not a mapping of keys to values"
    return {str(k): v for k, v in loaded.items()}, None


def _title_block(text: str, start: int, end: int, meta: dict[str, Any]) -> Block | None:
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        return None
    m = _TITLE_LINE().search(text, start, end)
    if m is None:
        return None
    value_start, value_end = m.span(1)
    raw = text[value_start:value_end]
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = " " + raw[1:-1] + " "
    return Block("headline", Span(value_start, value_end), raw, 1)


# --------------------------------------------------------------------- residue lines

# Lines that are page furniture rather than a headline, used only to choose the
# headline of a plain-text file. The boilerplate rules report them in detail.
_NOT_A_HEADLINE = compile_pattern(
    r"(?i)^\W*(?:"
    r"home\s*(?:[»›>|/]|&gt;).*"
    r"|.*\s[»›]\s.*"
    r"|skip to (?:main )?content|menu|search|advertisement|sign in|log in|subscribe"
    r"|share(?: this)?:?|you may also like|related (?:posts|articles|stories)"
    r")\W*$"
)


def is_headline_residue(line: str) -> bool:
    """Whether a plain-text line is page furniture that cannot be the headline."""
    return bool(_NOT_A_HEADLINE.match(line.strip()))


# --------------------------------------------------------------------- parsing


@functools.cache
def _markdown_parser() -> Any:
    from markdown_it import MarkdownIt  # heavy-ish: load on first Markdown file only

    # Only the block structure is used: inline markup is masked by the patterns
    # above, so markdown-it's inline pass (a third of its time) is switched off.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def parse(path: str, source: str) -> Document:
    """Parse an article; Markdown by file extension, plain text otherwise."""
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return _parse_markdown(path, source)
    return _parse_text(path, source)


def _normalise_newlines(source: str) -> str:
    """CRLF and lone CR become one newline each, without moving any offset."""
    if "\r" not in source:
        return source
    return source.replace("\r\n", " \n").replace("\r", "\n")


def _blank_out(text: str, start: int, end: int) -> str:
    return _mask(text, start, end)


class _Builder:
    """Collects blocks and links while a parser walks a file."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.markup = _may_have_inline_markup(text)
        self.known_line_starts: tuple[int, ...] | None = None

    @property
    def line_starts(self) -> tuple[int, ...]:
        if self.known_line_starts is None:
            self.known_line_starts = _line_starts(self.text)
        return self.known_line_starts

    def line_span(self, first: int, last: int) -> Span:
        """Source span of lines [first, last) without the final newline."""
        start = self.line_starts[first]
        end = self.line_starts[last] - 1 if last < len(self.line_starts) else len(self.text)
        return Span(start, max(start, end))

    def add(self, kind: str, span: Span, masked: str, level: int = 0) -> Block:
        if self.markup:
            masked = mask_inline(masked, span.start, self.links)
        block = Block(kind, span, masked, level)
        self.blocks.append(block)
        return block


def _may_have_inline_markup(text: str) -> bool:
    """Whether mask_inline could change a block cut from `text` (a cheap superset test).

    These are the markers mask_inline looks for before it masks anything, except
    that a bare URL is found by its "/" (in "://") or "www.": single characters
    are found in C at memchr speed, while "http" costs a slow substring search.
    Every block's text is a slice of `text`, masked with spaces at most.
    """
    return (
        "`" in text
        or "<" in text
        or "[" in text
        or "\\" in text
        or "*" in text
        or "_" in text
        or "~" in text
        or "/" in text
        or "www." in text
    )


_CONTAINER_PREFIX = _lazy(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?")
_QUOTE_PREFIX = _lazy(r"[ \t]*(?:>[ \t]?)+")
_ATX = _lazy(r"[ \t]*#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = _lazy(r"[ \t]+#+[ \t]*$|^[ \t]*#+[ \t]*$")
_TABLE_PIPES = _lazy(r"\|")


def _strip_prefixes(text: str, pattern: re.Pattern[str], first_only: bool) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _QUOTE_PREFIX().match(line) if first_only and i > 0 else pattern.match(line)
        if m and m.end():
            lines[i] = " " * m.end() + line[m.end() :]
    return "\n".join(lines)


def _parse_markdown(path: str, source: str) -> Document:
    text = _normalise_newlines(source)
    fm = read_front_matter(text)
    if fm is not None:
        text = _blank_out(text, 0, fm.end)
    text = _mask_suppressions(text)
    builder = _Builder(text)
    _walk_tokens(builder, _markdown_parser().parse(text))
    return _finish(path, source, "markdown", builder, fm)


def _walk_tokens(builder: _Builder, tokens: list[Any]) -> None:
    containers: list[str] = []
    pending_heading: int | None = None
    in_table = False
    for tok in tokens:
        kind = tok.type
        if kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif in_table:
            if kind == "tr_open" and tok.map is not None:
                _add_table_row(builder, tok.map)
        elif kind in ("blockquote_open", "list_item_open"):
            containers.append(kind)
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            pending_heading = int(tok.tag[1])
        elif kind == "inline" and tok.map is not None:
            _add_inline_block(builder, tok.map, containers, pending_heading)
            pending_heading = None


def _add_inline_block(
    builder: _Builder, line_map: list[int], containers: list[str], heading: int | None
) -> None:
    span = builder.line_span(line_map[0], line_map[1])
    raw = builder.text[span.start : span.end]
    if heading is not None:
        masked = _strip_prefixes(raw, _CONTAINER_PREFIX(), first_only=True) if containers else raw
        m = _ATX().match(masked)
        if m:
            masked = " " * m.end() + masked[m.end() :]
        masked = _ATX_CLOSE().sub(lambda x: " " * len(x.group(0)), masked)
        builder.add("heading", span, masked, heading)
        return
    if containers:
        masked = _strip_prefixes(raw, _CONTAINER_PREFIX(), first_only="list_item_open" in containers)
        kind = "list_item" if containers[-1] == "list_item_open" else "blockquote"
    else:
        masked, kind = raw, "paragraph"
    builder.add(kind, span, masked)


def _add_table_row(builder: _Builder, line_map: list[int]) -> None:
    span = builder.line_span(line_map[0], line_map[0] + 1)
    raw = builder.text[span.start : span.end]
    kind = "table_header" if line_map[0] == 0 or _is_header_row(builder, line_map[0]) else "table_row"
    builder.add(kind, span, _TABLE_PIPES().sub(" ", raw))


_DELIMITER_ROW = _lazy(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _is_header_row(builder: _Builder, line: int) -> bool:
    nxt = line + 1
    if nxt >= len(builder.line_starts):
        return False
    end = builder.line_starts[nxt + 1] if nxt + 1 < len(builder.line_starts) else len(builder.text)
    return bool(_DELIMITER_ROW().match(builder.text[builder.line_starts[nxt] : end].rstrip("\n")))


# Plain text: short title-like lines without closing punctuation are headings.
_TITLE_LIKE_END = compile_pattern(r"[.,;:!\"”’)\]…-]\s*$")


def _parse_text(path: str, source: str) -> Document:
    text = _mask_suppressions(_normalise_newlines(source))
    builder = _Builder(text)
    headline_seen = False
    start = 0
    starts: list[int] = []
    for line in text.split("\n"):
        starts.append(start)
        end = start + len(line)
        if not line.strip():
            pass
        elif not headline_seen and not is_headline_residue(line):
            builder.add("headline", trusted_span(start, end), line, 1)
            headline_seen = True
        elif headline_seen and _is_plain_heading(line):
            builder.add("heading", trusted_span(start, end), line, 2)
        else:
            builder.add("paragraph", trusted_span(start, end), line)
        start = end + 1
    builder.known_line_starts = tuple(starts)
    return _finish(path, source, "text", builder, None)


def _mask_suppressions(text: str) -> str:
    if "newslint:" not in text:  # prefilter: every suppression comment holds it
        return text
    return _SUPPRESSION().sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)


def _is_plain_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 90:
        return False  # most lines are paragraphs: no need to count their words
    return (
        len(stripped.split()) <= 12
        and (stripped[0].isupper() or stripped[0].isdigit())
        and not _TITLE_LIKE_END.search(stripped)
    )


_BYLINE = compile_pattern(r"^\W{0,3}by\s+\S", re.I)


def _finish(path: str, source: str, fmt: str, builder: _Builder, fm: FrontMatter | None) -> Document:
    fm_title = fm.title if fm else None
    blocks = builder.blocks
    first_h1 = next((i for i, b in enumerate(blocks) if b.level == 1 and b.kind in _HEADLINE_KINDS), -1)
    if fm_title is None and first_h1 >= 0 and blocks[first_h1].kind != "headline":
        # Without a front-matter title, the first H1 is the headline.
        h1 = blocks[first_h1]
        blocks[first_h1] = Block("headline", h1.span, h1.text, h1.level)
    byline = None
    found = _find_byline(blocks)
    if found >= 0:
        byline = blocks[found] = Block("byline", blocks[found].span, blocks[found].text)
    if fm_title is not None:
        blocks.insert(0, fm_title)
    headline_block = next((b for b in blocks if b.kind == "headline"), None)
    first_h1_block = next(
        (b for b in blocks if b.level == 1 and b.kind in ("heading", "headline") and b is not fm_title),
        None,
    )
    links = builder.links
    # Document's own fields, set without its generated __init__ (about 3 us per article).
    doc: Document = _new_object(Document)
    doc.__dict__.update(
        path=path,
        source=source,
        format=fmt,
        prose=_prose(builder.text, blocks),
        blocks=tuple(blocks),
        links=tuple(sorted(links, key=lambda link: link.span.start)) if links else (),
        meta=fm.meta if fm else {},
        headline=headline_block,
        byline=byline,
        front_matter_title=fm_title,
        first_h1=first_h1_block,
        front_matter_error=fm.error if fm else None,
    )
    if builder.known_line_starts is not None and "\r" not in source:
        # Masking kept every newline where it was, so the source has these line starts.
        doc.__dict__["line_starts"] = builder.known_line_starts
    return doc


_HEADLINE_KINDS = ("heading", "headline")


def _find_byline(blocks: list[Block]) -> int:
    """The index of the byline among the first five blocks, or -1."""
    for i, block in enumerate(blocks[:5]):
        if block.kind == "headline":
            continue
        if _BYLINE.match(block.text.strip()) and len(block.text.split()) <= 12:
            return i
    return -1


def _prose(text: str, blocks: list[Block]) -> str:
    """The whole text with everything outside prose blocks masked."""
    parts: list[str] = []
    last = 0
    for block in sorted(blocks, key=_span_start):
        start = block.span.start
        if start < last:
            continue
        gap = text[last:start]
        parts.append(_NON_NEWLINE.sub(" ", gap) if gap.strip("\n") else gap)  # mostly "\n\n"
        parts.append(block.text)
        last = block.span.end
    parts.append(_NON_NEWLINE.sub(" ", text[last:]))
    return "".join(parts)


_span_start = operator.attrgetter("span.start")
