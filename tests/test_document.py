"""The document model: structure, masking, sentences, quotes, and offsets that map to line:column."""

from __future__ import annotations

import pytest

from newslint.document import Block, Document, parse
from newslint.files import decode
from newslint.model import Position, Span


def text_of(doc: Document, block: Block | None) -> str:
    assert block is not None
    return " ".join(block.text.split())


def where(doc: Document, needle: str) -> Position:
    return doc.position(doc.source.index(needle))


def test_markdown_headline_byline_and_blocks() -> None:
    doc = parse(
        "a.md",
        "# Storm Closes Bridge\n\nBy Ana Ruiz\n\nThe bridge shut on **Monday**.\n\n"
        "## Why it matters\n\n- one\n- two\n",
    )
    assert text_of(doc, doc.headline) == "Storm Closes Bridge"
    assert text_of(doc, doc.byline) == "By Ana Ruiz"
    assert [b.kind for b in doc.blocks] == [
        "headline",
        "byline",
        "paragraph",
        "heading",
        "list_item",
        "list_item",
    ]
    assert [text_of(doc, b) for b in doc.paragraphs] == ["The bridge shut on Monday .", "one", "two"]
    assert doc.headings[0].level == 2


def test_front_matter_title_is_the_headline_and_h1_is_kept() -> None:
    source = (
        '---\ntitle: "Council Extends Meals"\ndate: 2025-01-15\n---\n\n'
        "# Breakfast Clubs Close\n\nBody text.\n"
    )
    doc = parse("a.md", source)
    assert doc.meta["title"] == "Council Extends Meals"
    assert text_of(doc, doc.headline) == "Council Extends Meals"
    assert doc.position(doc.headline.span.start) == Position(2, 8)  # type: ignore[union-attr]
    assert text_of(doc, doc.first_h1) == "Breakfast Clubs Close"
    assert doc.prose[: source.index("# Breakfast")].strip() == "Council Extends Meals"


def test_toml_front_matter() -> None:
    doc = parse("a.md", '+++\ntitle = "Port Reopens"\n+++\n\nShips returned on Friday.\n')
    assert doc.meta == {"title": "Port Reopens"}
    assert text_of(doc, doc.headline) == "Port Reopens"


def test_broken_front_matter_is_reported_not_raised() -> None:
    doc = parse("a.md", "---\ntitle: [unclosed\n---\n\n# Head\n\nText.\n")
    assert doc.front_matter_error is not None
    assert "YAML" in doc.front_matter_error
    assert text_of(doc, doc.headline) == "Head"


def test_setext_heading_is_the_headline() -> None:
    doc = parse("a.md", "Floods Hit Valley\n=================\n\nRain fell.\n")
    assert text_of(doc, doc.headline) == "Floods Hit Valley"


def test_code_html_and_link_targets_are_not_prose() -> None:
    source = (
        '# Head\n\nSee [the report](https://example.org/r "Report") and `x = 1` here <b>now</b>.\n\n'
        "```\nAdblock Detected\n```\n\n<div>Leave a Comment</div>\n"
    )
    doc = parse("a.md", source)
    assert len(doc.prose) == len(source)
    assert "example.org" not in doc.prose
    assert "x = 1" not in doc.prose
    assert "Adblock" not in doc.prose
    assert "Leave a Comment" not in doc.prose
    assert "the report" in doc.prose
    (link,) = doc.links
    assert link.text == "the report"
    assert link.target == "https://example.org/r"
    assert source[link.span.start : link.span.end] == "the report"


def test_bare_urls_are_links_and_masked() -> None:
    doc = parse("a.txt", "Headline Here\n\nRead it at https://example.org/x.\n")
    assert doc.links[0].target == "https://example.org/x"
    assert "example.org" not in doc.prose


def test_masked_text_keeps_offsets() -> None:
    source = "# Head\n\n> Quoted **bold** [link](http://a.b) text.\n"
    doc = parse("a.md", source)
    (quote,) = doc.paragraphs
    assert quote.kind == "blockquote"
    assert len(quote.text) == quote.span.end - quote.span.start
    i = quote.text.index("bold")
    assert source[quote.span.start + i : quote.span.start + i + 4] == "bold"


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        ("# Head\r\n\r\nFirst line.\r\nTarget here.\r\n", "Target", Position(4, 1)),
        ("# Head\n\n\tTabbed Target\n", "Target", Position(3, 9)),
        ("# Head\n\n“Curly” quotes then Target\n", "Target", Position(3, 21)),
        ("# Head\n\nA\u00a0non-breaking space then Target\n", "Target", Position(3, 27)),
        ("# Head\n\nEmoji 🎉🎉 then Target\n", "Target", Position(3, 15)),
        ("# Head\n\nنص عربي then Target\n", "Target", Position(3, 14)),
    ],
)
def test_positions(source: str, needle: str, expected: Position) -> None:
    doc = parse("a.md", source)
    assert where(doc, needle) == expected


def test_bom_is_removed_on_decode_and_columns_start_after_it() -> None:
    article = decode("a.md", "\ufeff# Head\n\nBody.\n".encode())
    assert not isinstance(article, type(None))
    doc = parse("a.md", article.text)  # type: ignore[union-attr]
    assert doc.position(doc.source.index("Head")) == Position(1, 3)


def test_crlf_lines_exclude_the_carriage_return() -> None:
    doc = parse("a.txt", "Headline\r\n\r\nBody line.\r\n")
    body = doc.lines[-1]
    assert doc.source[body.span.start : body.span.end] == "Body line."


def test_sentences_keep_abbreviations_together() -> None:
    doc = parse(
        "a.md",
        "# Head\n\nDr. Smith met Gen. Ruiz in the U.S. on Jan. 5. Prices rose 5.5%. No. 10 said so! "
        "J. K. Rowling agreed.\n",
    )
    assert [s.text for s in doc.sentences] == [
        "Dr. Smith met Gen. Ruiz in the U.S. on Jan. 5.",
        "Prices rose 5.5%.",
        "No. 10 said so!",
        "J. K. Rowling agreed.",
    ]


def test_sentence_ends_after_closing_quote() -> None:
    doc = parse("a.md", '# Head\n\n"We won," she said. "It was hard." Then they left.\n')
    assert [s.text for s in doc.sentences] == ['"We won," she said.', '"It was hard."', "Then they left."]


def test_quotes_curly_straight_and_open_to_paragraph_end() -> None:
    source = '# Head\n\nHe said “it works” and "so do we". “This runs on\n\nNext para.\n'
    doc = parse("a.md", source)
    quoted = [source[s.start : s.end] for s in doc.quotes]
    assert quoted == ["“it works”", "“This runs on", '"so do we"']
    assert doc.in_quote(source.index("works"))
    assert not doc.in_quote(source.index("He said"))
    assert not doc.in_quote(source.index("Next"))


def test_plain_text_headline_skips_breadcrumb_and_finds_headings() -> None:
    source = (
        "Home » world » Some Title\n\nSome Title Here\n\nby A Writer\n\n"
        "A paragraph of text.\nWhat Comes Next?\n"
    )
    doc = parse("a.txt", source)
    assert text_of(doc, doc.headline) == "Some Title Here"
    assert text_of(doc, doc.byline) == "by A Writer"
    assert [b.kind for b in doc.blocks] == ["paragraph", "headline", "byline", "paragraph", "heading"]


def test_plain_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    doc = parse("a.txt", "Head Line\nFirst paragraph here.\nSecond paragraph here.\n")
    assert [text_of(doc, b) for b in doc.paragraphs] == ["First paragraph here.", "Second paragraph here."]


def test_tables_rows_are_blocks_with_header_marked() -> None:
    doc = parse("a.md", "# Head\n\n| Year | Share |\n|---|---|\n| 2024 | 45% |\n")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["headline", "table_header", "table_row"]
    assert "|" not in doc.blocks[2].text


def test_no_headline_in_markdown_without_h1() -> None:
    doc = parse("a.md", "Just a paragraph.\n")
    assert doc.headline is None


def test_empty_and_whitespace_documents() -> None:
    for source in ("", "\n\n", "   "):
        doc = parse("a.md", source)
        assert doc.blocks == ()
        doc = parse("a.txt", source)
        assert doc.headline is None


def test_line_removal_span_takes_the_following_blank_line() -> None:
    source = "# Head\n\nLeave a Comment\n\nBody.\n"
    doc = parse("a.md", source)
    start = source.index("Leave")
    span = doc.line_removal_span(Span(start, start + 5))
    assert source[: span.start] + source[span.end :] == "# Head\n\nBody.\n"


def test_line_removal_span_at_end_of_file_takes_the_blank_line_before() -> None:
    source = "# Head\n\nBody.\n\nLeave a Comment\n"
    doc = parse("a.md", source)
    start = source.index("Leave")
    span = doc.line_removal_span(Span(start, start + 5))
    assert source[: span.start] + source[span.end :] == "# Head\n\nBody.\n"


def test_suppression_comments_are_not_prose() -> None:
    doc = parse("a.txt", "Head\n\n<!-- newslint: ignore[ST001] -->\nBody.\n")
    assert "newslint" not in doc.prose


# ----------------------------------------------------------- fast paths against plain references

TRICKY = [
    "Mr. Smith met Dr. Jones. They left.",
    "He works for the U.S. Army. It is big. She said e.g. That was it.",
    "J. K. Rowling wrote it. (Mr. Brown.) “Dr. Who.” Then he went.",
    "Prices rose 3.5% in Jan. The year before. Shares fell. Approx. 200 left.",
    'A long word """""""""Mr. Name and (((((((((((etc. Next one.',
    "Tab\tMr. Tab\nDr. New line. 12.5 Then. x. Y.",
    "Wait... What? No! Yes?! “Really?” he asked. Ok… Fine.",
    "The KELVIN sign: \u212arev. Next. İst. Other. ßst. Third.",
    "End without a stop",
    "  Leading space. Trailing space.   ",
    ". .. ... A. b. C",
    "\u00a0Mr.\u00a0Smith. NBSP\u00a0here. A\u2003B. C.",
    "vs. Bros. Ltd. Inc. Corp. Co. Plc. St. Mt. Ft. Nos. Sept. Thurs. Approx. Cf. Viz.",
]


def _reference_is_abbreviation(text: str, dot: int) -> bool:
    """The abbreviation test written plainly: the word after the last space, newline or tab."""
    from newslint.document import ABBREVIATIONS

    start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), text.rfind("\t", 0, dot)) + 1
    word = text[start:dot].lstrip("\"'“‘([").lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True
    return word in ABBREVIATIONS


def _reference_sentence_ends(text: str) -> list[tuple[int, int, int]]:
    from newslint.document import _SENTENCE_END

    return [(m.start(), m.end(), m.end(1)) for m in _SENTENCE_END.finditer(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_abbreviation_prefilter_agrees_with_the_plain_test(text: str) -> None:
    from newslint.document import _is_abbreviation

    for dot, char in enumerate(text):
        if char == ".":
            assert _is_abbreviation(text, dot) == _reference_is_abbreviation(text, dot), (text, dot)


@pytest.mark.parametrize("text", TRICKY)
def test_full_stop_search_finds_what_the_pattern_finds(text: str) -> None:
    from newslint.document import _sentence_ends

    for variant in (text, text.replace("!", ".").replace("?", ".").replace("…", ".")):
        assert _sentence_ends(variant) == _reference_sentence_ends(variant)


def test_abbreviation_and_sentence_fast_paths_on_random_text() -> None:
    import random

    from newslint.document import _is_abbreviation, _sentence_ends

    pieces = ["Mr", "dr", "e.g", "U.S", "J", "word", "approx", "\u212arev", " ", "  ", ".", ".", "!", "?",
              "…", '"', "“", "”", "’", "(", ")", "\n", "\t", "A", "3", "£", "\u00a0", "İ"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert _sentence_ends(text) == _reference_sentence_ends(text), text
        for dot, char in enumerate(text):
            if char == ".":
                assert _is_abbreviation(text, dot) == _reference_is_abbreviation(text, dot), (text, dot)


def test_views_match_plain_constructions() -> None:
    source = 'Headline here\n\nMr. Smith said: “It works.” Then "he" left.\nSecond line. \r\n\nLast one\n'
    doc = parse("a.txt", source)
    assert doc.line_starts == tuple([0] + [i + 1 for i, c in enumerate(source) if c == "\n"])
    for block in doc.paragraphs:
        assert doc.sentences_of(block) == tuple(
            s for s in doc.sentences if block.span.start <= s.span.start < block.span.end
        )
    lines = [line for line in doc.lines if line.kind != "headline"]
    assert [line.text for line in lines] == [
        'Mr. Smith said: “It works.” Then "he" left.',
        "Second line.",
        "Last one",
    ]
    assert all(source[line.span.start : line.span.end] == line.text for line in lines)
    assert [source[q.start : q.end] for q in doc.quotes] == ["“It works.”", '"he"']


def test_records_keep_their_checks_and_stay_frozen() -> None:
    import dataclasses

    from newslint.model import Edit, Finding, Fix, trusted_span

    with pytest.raises(ValueError):
        Span(3, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)
    assert trusted_span(1, 4) == Span(1, 4) == Span(start=1, end=4)
    block = Block("paragraph", Span(0, 3), "abc")
    assert block == Block(kind="paragraph", span=Span(0, 3), text="abc", level=0)
    assert dataclasses.replace(block, kind="heading").kind == "heading"
    finding = Finding(Span(0, 1), "m", Fix("t", (Edit(Span(0, 1)),)))
    assert finding.fix is not None and finding.fix.safe and finding.fix.edits[0].replacement == ""
    for record in (block, finding, Span(0, 1), Edit(Span(0, 1)), finding.fix):
        name = dataclasses.fields(record)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, None)


def test_inline_markup_prefilter_only_skips_text_mask_inline_leaves_alone() -> None:
    import random

    from newslint.document import Link, _may_have_inline_markup, mask_inline

    pieces = ["a", " ", "http", "https", "://", "www", ".", "x", "[", "]", "(", ")", "<", ">", "`", "*", "_",
              "~", "\\", "!", "/", "mailto:", "h", "t", "p", "w"]  # fmt: skip
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        links: list[Link] = []
        if not _may_have_inline_markup(text):
            assert mask_inline(text, 0, links) == text and not links, text
