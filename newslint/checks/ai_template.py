"""Content-farm template artifacts: callout labels, FAQ blocks, stripped links, stock phrasing.

Machine-assembled "news" carries scaffolding a news desk does not publish:
"Did you know?" and "Pro Tip:" boxes, "Expert Insight:" callouts, a
"Frequently Asked Questions" block bolted onto the story, and calls to action
whose link was lost in export ("see our guide on ..."). Each detector here is a
small pure function over a `Document` so it can be tested on plain strings.

Precision comes from position, not vocabulary: a label counts only when it
heads a line, paragraph, heading or box (never inside a sentence or a quote);
an FAQ heading counts only when questions follow it; a call to action counts
only when it opens its sentence and nothing in the sentence is a link.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint.checks.readability import paragraph_sentences
from newslint.document import Block, Document
from newslint.model import Finding, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import LazyPattern, compile_pattern
from newslint.resources import rules_path
from newslint.settings import Settings

# --------------------------------------------------------------------- shared helpers

# Module patterns compile on first use (`LazyPattern`): each costs 0.1-1 ms of a one-file
# run, and most articles never need most of them.
_LEADING_SYMBOLS = LazyPattern(r"[^\w\"“‘'(\[]*")
_QUOTE_OPENERS = "\"“‘'«„"


def _phrase_regex(phrase: str) -> str:
    """A label or phrase as a regex: words separated by any whitespace, apostrophes either way."""
    parts = []
    for word in phrase.split():
        parts.append("".join("['’]" if c in "'’" else re.escape(c) for c in word))
    return r"\s+".join(parts)


def _render(message: str, **values: str) -> str:
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return message


def _first_word_offset(text: str) -> int:
    """Offset of the first character after leading masked markup, bullets and emoji."""
    if text[:1].isalnum():
        return 0  # most lines: a letter or digit is a word character, which the pattern stops at
    return _LEADING_SYMBOLS.match(text).end()  # type: ignore[union-attr]


# --------------------------------------------------------------------- template labels

DEFAULT_LABELS: tuple[str, ...] = (
    "Did you know?",
    "Pro Tip",
    "Pro Tips",
    "Expert Insight",
    "Expert Insights",
    "Expert Tip",
    "Expert Opinion",
    "Key Takeaway",
    "Key Takeaways",
    "Fun Fact",
    "Fun Facts",
    "Quick Tip",
    "Quick Fact",
    "Quick Facts",
    "Insider Tip",
    "Key Insight",
    "Key Insights",
    "Important Note",
    "TL;DR",
)


def compile_labels(labels: Sequence[str]) -> re.Pattern[str]:
    """One pattern that matches a label heading a line.

    A label that ends in punctuation ("Did you know?") matches as written; any
    other label must be followed by a colon, dash or "?"/"!", or stand alone on
    its line ("## Key Takeaways", "**Pro Tip**"), so "Key takeaways from the
    report include ..." is not a label.
    """
    parts = sorted((_phrase_regex(label.strip()) for label in labels if label.strip()), key=len, reverse=True)
    if not parts:
        raise PackError("labels", "give at least one label")
    alternation = "|".join(parts)
    return compile_pattern(
        rf"(?P<label>(?:{alternation}))"
        r"(?:(?<=[?!:])|\s*[:?!—–]|\s+-\s|\s*-\s*$|\s*$)",
        re.IGNORECASE,
    )


def phrase_starts(phrases: Sequence[str]) -> tuple[str, ...] | None:
    """The lowercased first words of phrases, for `may_start_phrase`; None if one is not plain ASCII.

    A phrase regex (`_phrase_regex`) starts with its first word's characters, escaped,
    up to an apostrophe (which matches either kind).
    """
    starts: list[str] = []
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        first = words[0].replace("’", "'").partition("'")[0]
        if not first or not first.isascii():
            return None
        starts.append(first.lower())
    return tuple(starts)


def may_start_phrase(text: str, start: int, starts: tuple[str, ...] | None) -> bool:
    """False only if no phrase of `starts` (see `phrase_starts`) can match at `start` (a prefilter).

    Under IGNORECASE an ASCII character matches only the same letter in either case (a few
    non-ASCII letters, like the Kelvin sign for "k", match ASCII ones, so a head that is not
    ASCII goes to the pattern): an ASCII head must start with a phrase's lowercased first word.
    """
    if starts is None:
        return True
    head = text[start : start + _longest(starts)]
    return not head.isascii() or head.lower().startswith(starts)


@functools.cache
def _longest(starts: tuple[str, ...]) -> int:
    return max(map(len, starts), default=0)


def find_template_labels(
    doc: Document,
    pattern: re.Pattern[str] | Callable[[], re.Pattern[str]],
    starts: tuple[str, ...] | None = None,
) -> Iterator[Span]:
    """Spans of template labels that head a line of a heading, paragraph, list item or box.

    `pattern` may be a function returning it, called only when a line passes the `starts` prefilter.
    """
    for line in doc.lines:
        if line.kind == "headline":
            continue
        text = line.text
        start = _first_word_offset(text)
        if start >= len(text) or text[start] in _QUOTE_OPENERS:
            continue
        if not isinstance(pattern, re.Pattern):
            # Until the pattern is compiled, the prefilter (a Python call per line) saves
            # compiling it; once compiled, its C-level match is the cheaper test.
            if not may_start_phrase(text, start, starts):
                continue
            pattern = pattern()
        m = pattern.match(text, start)
        if m is None:
            continue
        base = line.span.start
        yield Span(base + m.start("label"), base + m.end("label"))


_label_pattern = functools.cache(compile_labels)  # keyed by the tuple of labels


class TemplateLabelRule:
    """Report a content-farm box label ("Did you know?", "Pro Tip:") heading a line."""

    __slots__ = ("_pattern", "labels", "meta", "starts")

    def __init__(self, meta: RuleMeta, labels: tuple[str, ...]) -> None:
        if not any(label.strip() for label in labels):
            raise PackError("labels", "give at least one label")
        self.meta = meta
        self.labels = labels
        self.starts = phrase_starts(labels)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The label pattern, compiled on first need (a line that passes the prefilter)."""
        if self._pattern is None:
            self._pattern = _label_pattern(self.labels)
        return self._pattern

    def check(self, doc: Document) -> Iterator[Finding]:
        pattern = self._pattern or (lambda: self.pattern)
        for span in find_template_labels(doc, pattern, self.starts):
            label = " ".join(doc.source[span.start : span.end].split())
            yield Finding(span, _render(self.meta.message, match=label))


def template_label(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> TemplateLabelRule:
    """Build a `template-label` rule: key `labels` (list of labels; default list if omitted)."""
    read = OptionReader(options)
    labels = read.strings("labels", list(DEFAULT_LABELS))
    extra = read.strings("extend-labels", [])
    read.finish()
    return TemplateLabelRule(meta, (*labels, *extra))


# --------------------------------------------------------------------- FAQ blocks

DEFAULT_FAQ_HEADINGS: tuple[str, ...] = (
    "Frequently Asked Questions",
    "Frequently Asked Question",
    "FAQ",
    "FAQs",
    "People Also Ask",
)

_QUESTION_PREFIX = LazyPattern(r"(?:Q|Question)\s*[:.)]|Q\d+\s*[:.)]", re.IGNORECASE)


def compile_faq_headings(headings: Sequence[str]) -> re.Pattern[str]:
    parts = sorted((_phrase_regex(h.strip()) for h in headings if h.strip()), key=len, reverse=True)
    if not parts:
        raise PackError("headings", "give at least one heading")
    # The heading may go on a little ("FAQs about the strike"), but not into a sentence.
    return compile_pattern(rf"(?:{'|'.join(parts)})\b[^.!?\n]{{0,60}}?[\s:?]*$", re.IGNORECASE)


def _is_question_line(text: str) -> bool:
    stripped = text.strip(" \t*_#>-–—")
    if not stripped:
        return False
    if _QUESTION_PREFIX.match(stripped):
        return True
    words = len(stripped.split())
    return stripped.endswith("?") and words <= 30


def _is_heading_like(block: Block) -> bool:
    """A heading, or a short line standing alone as a heading would ("**FAQ**")."""
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return block.kind in ("paragraph", "blockquote") and "\n" not in text and len(text.split()) <= 8


def find_faq_blocks(
    doc: Document,
    heading: re.Pattern[str] | Callable[[], re.Pattern[str]],
    min_questions: int,
    starts: tuple[str, ...] | None = None,
) -> Iterator[Span]:
    """The heading of every FAQ block: an FAQ title followed by question-and-answer pairs.

    A question is a line that ends in "?" or starts with "Q:"; the block ends at
    the next heading that is not itself a question. Question-style section
    headings ("How does the vaccine work?") never start a block by themselves.
    `heading` may be a function returning the pattern, called only when a block
    passes the `starts` prefilter.
    """
    blocks = [b for b in doc.blocks if b.kind != "headline"]
    for i, block in enumerate(blocks):
        # The heading pattern first: it fails at the first letter of almost every block,
        # while `_is_heading_like` splits the block into words.
        text = block.text
        start = _first_word_offset(text)
        if not isinstance(heading, re.Pattern):
            # As in `find_template_labels`: the prefilter only until the pattern is compiled.
            if not may_start_phrase(text, start, starts):
                continue
            heading = heading()
        m = heading.match(text, start)
        if m is None or not _is_heading_like(block):
            continue
        questions = 0
        for follower in blocks[i + 1 :]:
            lines = [ln for ln in follower.text.split("\n") if ln.strip()]
            if not lines:
                continue
            if follower.kind == "heading" and not _is_question_line(lines[0]):
                break
            questions += sum(1 for ln in lines if _is_question_line(ln))
            if questions >= min_questions:
                break
        if questions >= min_questions:
            end = len(text.rstrip())
            yield Span(block.span.start + start, block.span.start + max(start, end))


_faq_pattern = functools.cache(compile_faq_headings)  # keyed by the tuple of headings


class FaqBlockRule:
    """Report a "Frequently Asked Questions" block appended to a news article."""

    __slots__ = ("_heading", "headings", "meta", "min_questions", "starts")

    def __init__(self, meta: RuleMeta, headings: tuple[str, ...], min_questions: int) -> None:
        if not any(h.strip() for h in headings):
            raise PackError("headings", "give at least one heading")
        self.meta = meta
        self.headings = headings
        self.min_questions = min_questions
        self.starts = phrase_starts(headings)
        self._heading: re.Pattern[str] | None = None

    @property
    def heading(self) -> re.Pattern[str]:
        """The heading pattern, compiled on first need (a block that passes the prefilter)."""
        if self._heading is None:
            self._heading = _faq_pattern(self.headings)
        return self._heading

    def check(self, doc: Document) -> Iterator[Finding]:
        heading = self._heading or (lambda: self.heading)
        for span in find_faq_blocks(doc, heading, self.min_questions, self.starts):
            title = " ".join(doc.source[span.start : span.end].strip("#*_ \t").split())
            yield Finding(span, _render(self.meta.message, match=title))


def faq_block(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> FaqBlockRule:
    """Build an `faq-block` rule: keys `headings` and `min-questions` (default 2)."""
    read = OptionReader(options)
    headings = read.strings("headings", list(DEFAULT_FAQ_HEADINGS))
    min_questions = read.integer("min-questions", 2)
    read.finish()
    if min_questions < 1:
        raise PackError("min-questions", "must be at least 1")
    return FaqBlockRule(meta, tuple(headings), min_questions)


# --------------------------------------------------------------------- orphan link text

# Nouns a call to action points at when it means "follow this link".
_RESOURCE_NOUNS = (
    r"guides?|reports?|study|studies|articles?|explainers?|analys[ie]s|posts?|pieces?|features?|"
    r"resources?|interactives?|trackers?|calculators?|maps?|timelines?|briefings?|fact\s?sheets?|"
    r"FAQs?|podcasts?|videos?|series|breakdowns?|coverage|stor(?:y|ies)|investigations?|reviews?|"
    r"surveys?|papers?|checklists?|tutorials?|round-?ups?|live\s+blog|liveblog|hub|quiz|gallery|"
    r"newsletter|ebook|e-book|whitepaper|white\s+paper|infographic|deep\s+dive|primer|overview"
)
_CTA_VERBS = (
    r"see|read|explore|check\s+out|visit|browse|download|watch|listen\s+to|view|consult|discover|"
    r"dive\s+into|dig\s+into|head\s+to|take\s+a\s+look\s+at|have\s+a\s+look\s+at|look\s+at|try|"
    r"don['’]t\s+miss|catch\s+up\s+on|refer\s+to|find"
)
_LEAD_INS = r"for|to|if\s+you"  # "For a deeper dive into X, " / "To learn more, "
_MORE_VERBS = r"learn|find\s+out|read|discover|hear|see|know|get"
_CLICK_VERBS = r"click|tap"
_LABELS = (
    r"related|read\s+more|read\s+also|also\s+read|see\s+also|further\s+reading|more\s+on\s+this(?:\s+story)?"
    r"|recommended(?:\s+reading)?|you\s+might\s+also\s+like"
)
_ORPHAN_CTA = (
    rf"(?:(?:{_LEAD_INS})\s[^,.;:!?\n]{{3,90}},\s*)?"
    r"(?P<cta>"
    rf"(?:{_MORE_VERBS})\s+more\b(?!\s+(?:than|and|or)\b)"
    rf"|(?:{_CTA_VERBS})\s+(?:our|my)\s"
    rf"|(?:{_CTA_VERBS})\s+(?:the|this|these|a|an)\s+(?:[\w'’-]+\s+){{0,6}}?(?:{_RESOURCE_NOUNS})\b"
    rf"|(?:{_CLICK_VERBS})\s+(?:here|below|the\s+link)\b"
    rf"|(?:{_LABELS})\s*:"
    r")"
)


@functools.cache
def _orphan_cta() -> re.Pattern[str]:
    """The call-to-action pattern, compiled on first need (~4 ms, the module's largest)."""
    return compile_pattern(_ORPHAN_CTA, re.IGNORECASE)


# Prefilter: a call to action starts with one of the words above, so its first two letters
# (ASCII, any case) are the first two of one of them. Every alternative is at least two letters.
CTA_STARTS = frozenset(
    word[:2]
    for words in (_LEAD_INS, _MORE_VERBS, _CTA_VERBS, _CLICK_VERBS, _LABELS)
    for word in words.split("|")
)
# Prefilter after it: a call to action that starts a sentence starts with one of these words
# (the leading letters of each alternative above), and in the pattern a character that is no
# letter (a space, an apostrophe, a colon, "(") always follows them. So where the sentence's
# first 12 characters are ASCII, its leading run of letters, lower-cased, must be one of them
# (none has 12 letters). This spares most articles the pattern's compilation (~4 ms).
CTA_FIRST_WORDS = frozenset(
    word.split("\\", 1)[0].split("[", 1)[0].split("(", 1)[0]
    for words in (_LEAD_INS, _MORE_VERBS, _CTA_VERBS, _CLICK_VERBS, _LABELS)
    for word in words.split("|")
)
_LEADING_LETTERS = LazyPattern(r"[A-Za-z]*")


def _first_letters(text: str) -> str:
    """The run of ASCII letters that starts `text`, lower-cased."""
    return _LEADING_LETTERS.match(text).group().lower()  # type: ignore[union-attr]


_DOMAIN = LazyPattern(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|uk|us|eu|io|co|info|ie|au|ca|nz|in|de|fr)\b",
    re.IGNORECASE,
)
_URL_ONLY = LazyPattern(r"\s*(?:https?://|www\.)\S+\s*$")


_NON_SPACE = LazyPattern(r"\S")
# The quotation openers that `_LEADING_SYMBOLS` stops at (it skips "«" and "„")
_QUOTE_FIRST = frozenset("\"“‘'")


def _next_word(prose: str, start: int, end: int) -> int:
    m = _NON_SPACE.search(prose, start, end)
    return m.start() if m else end


def may_start_call_to_action(text: str) -> bool:
    """False only if no call to action can start a sentence `text` (a cheap prefilter).

    A sentence that starts with a letter or digit has no leading symbols to skip, so a call
    to action would start at its first character: its first two letters must then be the
    start of one of the pattern's words. Anything else (leading symbols, non-ASCII letters,
    whose case folding the prefilter does not try to follow) goes to the full pattern.
    """
    head = text[:2]
    return not (head[:1].isalnum() and head.isascii()) or head.lower() in CTA_STARTS


def find_orphan_links(doc: Document) -> Iterator[Span]:
    """Calls to action ("see our guide on X", "Learn more about X in a Y study") with no link."""
    link_starts: list[int] | None = None
    for paragraph, sentences in paragraph_sentences(doc):  # shared with the readability rules
        for sentence in sentences:
            text = sentence.text
            # `may_start_call_to_action` and `_first_word_offset` inlined for the usual cases
            # (this loop sees every sentence): a sentence that starts with a letter or digit
            # has nothing to skip, and one that starts with a straight or curly quotation mark
            # or an apostrophe (which `_LEADING_SYMBOLS` does not skip) is a quotation.
            head = text[:2]
            if head[:1].isalnum():
                if head.isascii() and head.lower() not in CTA_STARTS:
                    continue
                first = text[:12]
                if first.isascii() and _first_letters(first) not in CTA_FIRST_WORDS:
                    continue
                start = 0
            elif head[:1] in _QUOTE_FIRST:
                continue
            else:
                start = _first_word_offset(text)
                if start >= len(text) or text[start] in _QUOTE_OPENERS:
                    continue
            m = _orphan_cta().match(text, start)
            if m is None:
                continue
            span = sentence.span
            # A link masked out of the prose right after the sentence ("See more at: <url>")
            # belongs to it: look up to the next word of the paragraph.
            reach = _next_word(doc.prose, span.end, paragraph.span.end)
            if link_starts is None:
                link_starts = [link.span.start for link in doc.links]
            if any(span.start <= s < reach for s in link_starts):
                continue
            raw = doc.source[span.start : reach]
            if _DOMAIN.search(raw) or "http" in raw or "@" in raw:
                continue
            if text.rstrip().endswith(":"):
                following = _next_paragraph(doc, paragraph)
                after = doc.source[following.span.start : following.span.end] if following else ""
                if _URL_ONLY.match(after):
                    continue
            end = len(text.rstrip())
            yield Span(span.start + start, span.start + end)


def _next_paragraph(doc: Document, paragraph: Block) -> Block | None:
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs[:-1]):
        if p is paragraph:
            return paragraphs[i + 1]
    return None


class OrphanLinkRule:
    """Report a call to action whose link is missing."""

    __slots__ = ("meta",)

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    def check(self, doc: Document) -> Iterator[Finding]:
        for span in find_orphan_links(doc):
            text = " ".join(doc.source[span.start : span.end].split())
            if len(text) > 60:
                text = text[:57].rstrip() + "..."
            yield Finding(span, _render(self.meta.message, match=text))


def orphan_link(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> OrphanLinkRule:
    """Build an `orphan-link` rule (no type-specific keys)."""
    OptionReader(options).finish()
    return OrphanLinkRule(meta)


# --------------------------------------------------------------------- stock phrases

_COMMENT = LazyPattern(r"\s*#.*$")


@functools.cache
def load_phrase_file(path: Path) -> tuple[str, ...]:
    """Phrases from a list file: one a line, `#` starts a comment."""
    phrases: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        phrase = _COMMENT.sub("", line).strip()
        if phrase:
            phrases.append(phrase)
    return tuple(phrases)


def compile_phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    parts = sorted({_phrase_regex(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not parts:
        raise PackError("lists", "give at least one phrase")
    return compile_pattern(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


@functools.cache
def _stock_pattern(lists: tuple[str, ...], extra: tuple[str, ...]) -> re.Pattern[str]:
    phrases: list[str] = list(extra)
    for name in lists:
        phrases.extend(load_phrase_file(rules_path(name)))
    return compile_phrases(phrases)


class StockPhraseRule:
    """Report machine-favoured stock phrasing, when an article has several distinct ones."""

    __slots__ = ("extra", "lists", "meta", "min_distinct")

    def __init__(
        self, meta: RuleMeta, lists: tuple[str, ...], extra: tuple[str, ...], min_distinct: int
    ) -> None:
        self.meta = meta
        self.lists = lists
        self.extra = extra
        self.min_distinct = min_distinct

    @property
    def pattern(self) -> re.Pattern[str]:
        """The phrase pattern, compiled on first need."""
        return _stock_pattern(self.lists, self.extra)

    def check(self, doc: Document) -> Iterator[Finding]:
        found: list[tuple[Span, str]] = []
        for block in doc.paragraphs:
            for m in self.pattern.finditer(doc.prose, block.span.start, block.span.end):
                found.append((Span(m.start(), m.end()), " ".join(m.group(0).split())))
        quoted = {i for i, (span, _) in enumerate(found) if doc.in_quote(span.start)}
        kept = [item for i, item in enumerate(found) if i not in quoted]
        if len({phrase.lower() for _, phrase in kept}) < self.min_distinct:
            return
        for span, phrase in kept:
            yield Finding(span, _render(self.meta.message, match=phrase))


def stock_phrase(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> StockPhraseRule:
    """Build a `stock-phrase` rule: keys `lists` (data files), `phrases`, `min-distinct`."""
    read = OptionReader(options)
    lists = read.strings("lists", [])
    extra = read.strings("phrases", [])
    min_distinct = read.integer("min-distinct", 2)
    read.finish()
    if not lists and not extra:
        raise PackError("lists", "give at least one of lists or phrases")
    for name in lists:
        if not rules_path(name).is_file():
            raise PackError("lists", f"no such data file {name!r} in the built-in rules")
    if min_distinct < 1:
        raise PackError("min-distinct", "must be at least 1")
    return StockPhraseRule(meta, tuple(lists), tuple(extra), min_distinct)


RULE_TYPES = {
    "template-label": template_label,
    "faq-block": faq_block,
    "orphan-link": orphan_link,
    "stock-phrase": stock_phrase,
}
