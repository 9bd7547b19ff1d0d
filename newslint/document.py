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
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from newslint.model import Position, Span

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote"})


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of prose: its kind, where it is, and its masked text (same length as the span)."""

    kind: str
    span: Span
    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """A link: the span of its visible text in the source, the text, and its target."""

    span: Span
    text: str
    target: str


@dataclass(frozen=True)
class Document:
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

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.source))
        return tuple(starts)

    def position(self, offset: int) -> Position:
        """The 1-based line and column of a source offset (columns count characters)."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    @cached_property
    def headings(self) -> tuple[Block, ...]:
        """Headings other than the headline (a second H1 among them)."""
        return tuple(b for b in self.blocks if b.kind == "heading")

    @cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body blocks: paragraphs, list items and block quotes."""
        return tuple(b for b in self.blocks if b.kind in PROSE_KINDS)

    @cached_property
    def lines(self) -> tuple[Block, ...]:
        """One block per source line of every prose block, of that block's kind."""
        out: list[Block] = []
        for block in self.blocks:
            out.extend(_split_lines(block))
        return tuple(out)

    @cached_property
    def sentences(self) -> tuple[Block, ...]:
        """Sentences of the body paragraphs, in order."""
        out: list[Block] = []
        for block in self.paragraphs:
            out.extend(self.sentences_of(block))
        return tuple(out)

    def sentences_of(self, block: Block) -> tuple[Block, ...]:
        """Split one block into sentence blocks."""
        return tuple(split_sentences(block))

    @cached_property
    def quotes(self) -> tuple[Span, ...]:
        """Direct quotations, quote marks included, in order."""
        spans: list[Span] = []
        for block in self.blocks:
            spans.extend(find_quotes(block))
        return tuple(spans)

    @cached_property
    def _quote_starts(self) -> tuple[int, ...]:
        return tuple(s.start for s in self.quotes)

    def in_quote(self, offset: int) -> bool:
        """Whether an offset lies inside a direct quotation."""
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    @cached_property
    def _block_starts(self) -> tuple[int, ...]:
        return tuple(b.span.start for b in self.blocks)

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


_NEWLINE = re.compile(r"\n")


# --------------------------------------------------------------------- masking


def _mask(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines."""
    piece = text[start:end]
    return text[:start] + _NON_NEWLINE.sub(" ", piece) + text[end:]


_NON_NEWLINE = re.compile(r"[^\n]")

_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_INLINE = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]"
    r"(\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[([^\]\n]*)\])"
)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’]")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])|~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_SUPPRESSION = re.compile(r"<!--\s*newslint:[^>]*?-->")


def mask_inline(text: str, offset: int, links: list[Link]) -> str:
    """Mask inline markup in a block's text and collect its links.

    `offset` is where `text` starts in the source, so link spans are source offsets.
    """
    if "`" in text:
        text = _CODE_SPAN.sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
    if "<" in text:
        for m in _AUTOLINK.finditer(text):
            links.append(Link(Span(offset + m.start(1), offset + m.end(1)), m.group(1), m.group(1)))
        text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
        text = _HTML_INLINE.sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
    if "[" in text:
        text = _IMAGE.sub(lambda m: " " * len(m.group(0)), text)
        text = _mask_links(text, offset, links)
    if "http" in text or "www." in text:
        for m in _BARE_URL.finditer(text):
            links.append(Link(Span(offset + m.start(), offset + m.end()), m.group(0), m.group(0)))
        text = _BARE_URL.sub(lambda m: " " * len(m.group(0)), text)
    if "\\" in text:
        text = _ESCAPE.sub(" ", text)
    if "*" in text or "_" in text or "~" in text:
        text = _EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _mask_links(text: str, offset: int, links: list[Link]) -> str:
    parts: list[str] = []
    last = 0
    for m in _LINK.finditer(text):
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
# so the regex engine rejects "e.g. the" without a Python call per candidate.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9£$€¥])")


_SPACES = re.compile(r"\s*")


def split_sentences(block: Block) -> Iterator[Block]:
    """Yield the sentences of a block, as blocks of kind "sentence"."""
    text = block.text
    base = block.span.start
    skip = _SPACES.match
    start = skip(text).end()
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        end = m.end()
        if end > start:
            yield Block("sentence", Span(base + start, base + end), text[start:end])
        start = skip(text, end).end()
    end = len(text.rstrip())
    if end > start:
        yield Block("sentence", Span(base + start, base + end), text[start:end])


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial, not a sentence.

    The word before it starts after the last space or newline (found by two C-level
    searches: a Python loop or a regex anchored at the block start cost more per stop).
    """
    start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), text.rfind("\t", 0, dot)) + 1
    word = text[start:dot].lstrip("\"'“‘([").lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. K. Rowling"
    return word in ABBREVIATIONS


# --------------------------------------------------------------------- quotes

_CURLY_QUOTE = re.compile(r"“[^”]*(?:”|$)")
# Written to start with the quote mark itself (the lookbehind checks the character
# before it), so the regex engine jumps from quote mark to quote mark.
_STRAIGHT_QUOTE = re.compile(r'"(?<![\w"]")(?=\S)[^"\n]*(?:"|$)')


def find_quotes(block: Block) -> Iterator[Span]:
    """Direct quotations in a block: curly or straight double quotes.

    A quotation still open at the end of a paragraph runs to its end, as news
    style does for a quote that continues in the next paragraph.
    """
    text = block.text
    base = block.span.start
    if "“" in text:
        for m in _CURLY_QUOTE.finditer(text):
            yield Span(base + m.start(), base + m.end())
    if '"' in text:
        for m in _STRAIGHT_QUOTE.finditer(text):
            yield Span(base + m.start(), base + m.end())


# --------------------------------------------------------------------- lines


def _split_lines(block: Block) -> Iterator[Block]:
    text = block.text
    base = block.span.start
    start = 0
    while True:
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        # The masked text holds a space where a CRLF file has "\r": trim trailing space.
        stripped_end = start + len(text[start:end].rstrip())
        if text[start:stripped_end].strip():
            yield Block(
                block.kind, Span(base + start, base + stripped_end), text[start:stripped_end], block.level
            )
        if nl < 0:
            return
        start = nl + 1


# --------------------------------------------------------------------- front matter

_YAML_FENCE = re.compile(r"---[ \t]*\n")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*\n")
_TITLE_LINE = re.compile(r"(?m)^title[ \t]*[:=][ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    end: int
    meta: dict[str, Any]
    title: Block | None
    error: str | None


def read_front_matter(text: str) -> FrontMatter | None:
    """Read YAML (`---`) or TOML (`+++`) front matter at the very start of the text."""
    fence = "---" if _YAML_FENCE.match(text) else "+++" if _TOML_FENCE.match(text) else None
    if fence is None:
        return None
    close = re.compile(rf"(?m)^(?:{re.escape(fence)}|\.\.\.)[ \t]*$")
    first_nl = text.index("\n") + 1
    m = close.search(text, first_nl)
    if m is None:
        return None
    body = text[first_nl : m.start()]
    end = m.end() + 1 if m.end() < len(text) else m.end()
    meta, error = _load_meta(body, fence)
    return FrontMatter(end, meta, _title_block(text, first_nl, m.start(), meta), error)


def _load_meta(body: str, fence: str) -> tuple[dict[str, Any], str | None]:
    import yaml  # only for files with YAML front matter (importing it costs ~20 ms)

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
    m = _TITLE_LINE.search(text, start, end)
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
_NOT_A_HEADLINE = re.compile(
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
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.blocks: list[Block] = []
        self.links: list[Link] = []

    def line_span(self, first: int, last: int) -> Span:
        """Source span of lines [first, last) without the final newline."""
        start = self.line_starts[first]
        end = self.line_starts[last] - 1 if last < len(self.line_starts) else len(self.text)
        return Span(start, max(start, end))

    def add(self, kind: str, span: Span, masked: str, level: int = 0) -> Block:
        masked = mask_inline(masked, span.start, self.links)
        block = Block(kind, span, masked, level)
        self.blocks.append(block)
        return block


_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?")
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)+")
_ATX = re.compile(r"[ \t]*#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^[ \t]*#+[ \t]*$")
_TABLE_PIPES = re.compile(r"\|")


def _strip_prefixes(text: str, pattern: re.Pattern[str], first_only: bool) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _QUOTE_PREFIX.match(line) if first_only and i > 0 else pattern.match(line)
        if m and m.end():
            lines[i] = " " * m.end() + line[m.end() :]
    return "\n".join(lines)


def _parse_markdown(path: str, source: str) -> Document:
    text = _normalise_newlines(source)
    fm = read_front_matter(text)
    if fm is not None:
        text = _blank_out(text, 0, fm.end)
    text = _SUPPRESSION.sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
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
        masked = _strip_prefixes(raw, _CONTAINER_PREFIX, first_only=True) if containers else raw
        m = _ATX.match(masked)
        if m:
            masked = " " * m.end() + masked[m.end() :]
        masked = _ATX_CLOSE.sub(lambda x: " " * len(x.group(0)), masked)
        builder.add("heading", span, masked, heading)
        return
    if containers:
        masked = _strip_prefixes(raw, _CONTAINER_PREFIX, first_only="list_item_open" in containers)
        kind = "list_item" if containers[-1] == "list_item_open" else "blockquote"
    else:
        masked, kind = raw, "paragraph"
    builder.add(kind, span, masked)


def _add_table_row(builder: _Builder, line_map: list[int]) -> None:
    span = builder.line_span(line_map[0], line_map[0] + 1)
    raw = builder.text[span.start : span.end]
    kind = "table_header" if line_map[0] == 0 or _is_header_row(builder, line_map[0]) else "table_row"
    builder.add(kind, span, _TABLE_PIPES.sub(" ", raw))


_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _is_header_row(builder: _Builder, line: int) -> bool:
    nxt = line + 1
    if nxt >= len(builder.line_starts):
        return False
    end = builder.line_starts[nxt + 1] if nxt + 1 < len(builder.line_starts) else len(builder.text)
    return bool(_DELIMITER_ROW.match(builder.text[builder.line_starts[nxt] : end].rstrip("\n")))


# Plain text: short title-like lines without closing punctuation are headings.
_TITLE_LIKE_END = re.compile(r"[.,;:!\"”’)\]…-]\s*$")


def _parse_text(path: str, source: str) -> Document:
    text = _normalise_newlines(source)
    text = _SUPPRESSION.sub(lambda m: _NON_NEWLINE.sub(" ", m.group(0)), text)
    builder = _Builder(text)
    headline_seen = False
    for index in range(len(builder.line_starts)):
        span = builder.line_span(index, index + 1)
        line = text[span.start : span.end]
        if not line.strip():
            continue
        if not headline_seen and not is_headline_residue(line):
            builder.add("headline", span, line, 1)
            headline_seen = True
        elif headline_seen and _is_plain_heading(line):
            builder.add("heading", span, line, 2)
        else:
            builder.add("paragraph", span, line)
    return _finish(path, source, "text", builder, None)


def _is_plain_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 90:
        return False  # most lines are paragraphs: no need to count their words
    return (
        len(stripped.split()) <= 12
        and (stripped[0].isupper() or stripped[0].isdigit())
        and not _TITLE_LIKE_END.search(stripped)
    )


_BYLINE = re.compile(r"^\W{0,3}by\s+\S", re.I)


def _finish(path: str, source: str, fmt: str, builder: _Builder, fm: FrontMatter | None) -> Document:
    fm_title = fm.title if fm else None
    first_h1 = next((b for b in builder.blocks if b.level == 1 and b.kind in ("heading", "headline")), None)
    headline = fm_title or first_h1
    blocks = [_retype(b, headline) for b in builder.blocks]
    byline = _find_byline(blocks)
    if byline is not None:
        blocks = [Block("byline", b.span, b.text) if b is byline else b for b in blocks]
    if fm_title is not None:
        blocks.insert(0, fm_title)
    headline_block = next((b for b in blocks if b.kind == "headline"), None)
    first_h1_block = next(
        (b for b in blocks if b.level == 1 and b.kind in ("heading", "headline") and b is not fm_title),
        None,
    )
    return Document(
        path=path,
        source=source,
        format=fmt,
        prose=_prose(builder.text, blocks),
        blocks=tuple(blocks),
        links=tuple(sorted(builder.links, key=lambda link: link.span.start)),
        meta=fm.meta if fm else {},
        headline=headline_block,
        byline=next((b for b in blocks if b.kind == "byline"), None),
        front_matter_title=fm_title,
        first_h1=first_h1_block,
        front_matter_error=fm.error if fm else None,
    )


def _retype(block: Block, headline: Block | None) -> Block:
    if headline is not None and block is headline and block.kind != "headline":
        return Block("headline", block.span, block.text, block.level)
    return block


def _find_byline(blocks: list[Block]) -> Block | None:
    for block in blocks[:5]:
        if block.kind == "headline":
            continue
        if _BYLINE.match(block.text.strip()) and len(block.text.split()) <= 12:
            return block
    return None


def _prose(text: str, blocks: list[Block]) -> str:
    """The whole text with everything outside prose blocks masked."""
    parts: list[str] = []
    last = 0
    for block in sorted(blocks, key=lambda b: b.span.start):
        if block.span.start < last:
            continue
        parts.append(_NON_NEWLINE.sub(" ", text[last : block.span.start]))
        parts.append(block.text)
        last = block.span.end
    parts.append(_NON_NEWLINE.sub(" ", text[last:]))
    return "".join(parts)
