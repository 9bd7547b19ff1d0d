"""Unit tests for the ai-template detectors (template labels, FAQ blocks, orphan links, stock phrases)."""

from __future__ import annotations

import pytest

from newslint.checks.ai_template import (
    DEFAULT_FAQ_HEADINGS,
    DEFAULT_LABELS,
    compile_faq_headings,
    compile_labels,
    compile_phrases,
    find_faq_blocks,
    find_orphan_links,
    find_template_labels,
    may_start_phrase,
    phrase_starts,
)
from newslint.document import parse
from newslint.packs import PackError

LABELS = compile_labels(DEFAULT_LABELS)
FAQ = compile_faq_headings(DEFAULT_FAQ_HEADINGS)


def labels(text: str, path: str = "a.md") -> list[str]:
    doc = parse(path, text)
    return [doc.source[s.start : s.end] for s in find_template_labels(doc, LABELS)]


def faqs(text: str, path: str = "a.md") -> list[str]:
    doc = parse(path, text)
    return [doc.source[s.start : s.end] for s in find_faq_blocks(doc, FAQ, 2)]


def orphans(text: str, path: str = "a.md") -> list[str]:
    doc = parse(path, text)
    return [doc.source[s.start : s.end] for s in find_orphan_links(doc)]


HEAD = "# Headline Here\n\nThe council met on Monday, its spokesman said.\n\n"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("**Did you know?** Half of trips are short.", "Did you know?"),
        ("Did you know? Half of trips are short.", "Did you know?"),
        ('> **Expert Insight:** "Quote," says a planner.', "Expert Insight"),
        ("## Key Takeaways\n\n- One.", "Key Takeaways"),
        ("**Key takeaways**\n\n- One.", "Key takeaways"),
        ("Pro Tip: book early.", "Pro Tip"),
        ("PRO TIP — book early.", "PRO TIP"),
        ("- **Fun fact:** the bridge is old.", "Fun fact"),
        ("💡 Quick Tip: book early.", "Quick Tip"),
    ],
)
def test_labels_heading_a_line_are_found(body: str, found: str) -> None:
    assert labels(HEAD + body + "\n") == [found]


@pytest.mark.parametrize(
    "body",
    [
        "The key takeaway for every trust is that backups matter.",
        "Key takeaways from the summit include a new budget.",
        'Panels headed "Did you know?" line the rooms.',
        '"Did you know? Half of trips are short," she said.',
        "“Pro tip: leave early,” said a commuter.",
        "Did you know that half of all trips are short?",
        "Riders swapped pro tips before the race.",
        "Expert insight is hard to come by, the panel said.",
    ],
)
def test_label_words_inside_a_sentence_or_quote_are_not_labels(body: str) -> None:
    assert labels(HEAD + body + "\n") == []


def test_headline_is_not_scanned_for_labels() -> None:
    assert labels("Did You Know? Ten Facts About Bridges\n\nThe bridge opened in 1890.\n", "a.txt") == []


def test_label_list_must_not_be_empty() -> None:
    with pytest.raises(PackError):
        compile_labels([" "])


def test_faq_block_markdown_bold_questions() -> None:
    text = HEAD + "## Frequently Asked Questions\n\n**Is it safe?**\nYes.\n\n**When?**\nSoon.\n"
    assert faqs(text) == ["Frequently Asked Questions"]


def test_faq_block_plain_text_q_and_a() -> None:
    text = (
        "Headline Here\n\nThe council met on Monday.\n\nFrequently Asked Questions\n\n"
        "Q: Is a deal likely?\n\nA: Not this year.\n\nQ: What about the budget?\n\nA: It is unchanged.\n"
    )
    assert faqs(text, "a.txt") == ["Frequently Asked Questions"]


def test_faq_heading_needs_questions_after_it() -> None:
    assert faqs(HEAD + "## FAQ\n\nThe help pages have not been updated.\n") == []
    assert faqs(HEAD + "## FAQs\n\n**Is it safe?**\nYes.\n\n## Background\n\nIs it? Yes.\n") == []


def test_question_style_section_headings_are_not_faq_blocks() -> None:
    text = HEAD + "## How Does the Vaccine Work?\n\nIt trains the body.\n\n## What Comes Next?\n\nA trial.\n"
    assert faqs(text) == []


def test_faq_words_in_a_sentence_are_not_a_heading() -> None:
    text = HEAD + "The company's frequently asked questions page lists the routes. Is it useful? Maybe?\n"
    assert faqs(text) == []


@pytest.mark.parametrize(
    "body",
    [
        "Learn more about orbits in a European Space Agency explainer.",
        "For tips on saving money, see our guide on budgeting for families.",
        "Explore our analysis of global coffee supply chains.",
        "Read more: Why prices keep rising",
        "To find out more, read the council's full report on the closures.",
        "Check out our interactive map of the closures.",
        "Click here to see the full list.",
    ],
)
def test_calls_to_action_without_a_link_are_orphans(body: str) -> None:
    assert orphans(HEAD + body + "\n") == [body]


@pytest.mark.parametrize(
    "body",
    [
        "Learn more about orbits in [an explainer](https://example.org/orbits).",
        "See our guide at https://example.org/guide for details.",
        "Read more at example.org.",
        "A breakdown of the figures is published on the UCAS website.",
        "Full details will be published on the council's website before the summer.",
        "Researchers hope to learn more about the disease in a follow-up study.",
        '"Read our report and you will see," the chief executive said.',
        "Learn more than you expected, the advert promised.",
        "For decades, the two countries have been rivals.",
        "See the results for yourself, the coach told his players.",
    ],
)
def test_links_references_and_ordinary_sentences_are_not_orphans(body: str) -> None:
    assert orphans(HEAD + body + "\n") == []


def test_read_more_label_followed_by_a_url_line_is_not_an_orphan() -> None:
    text = "Headline Here\n\nThe council met on Monday.\n\nRead more:\nhttps://example.org/story\n"
    assert orphans(text, "a.txt") == []


def test_url_masked_out_after_the_sentence_belongs_to_it() -> None:
    text = "Headline Here\n\nThe council met on Monday.\n\nSee more at: http://example.org/a.html#x.y\n"
    assert orphans(text, "a.txt") == []


def test_orphan_in_plain_text_with_no_url() -> None:
    text = "Headline Here\n\nThe council met on Monday.\nSee our guide on council tax bands.\n"
    assert orphans(text, "a.txt") == ["See our guide on council tax bands."]


def test_stock_phrases_match_whole_words_and_curly_apostrophes() -> None:
    pattern = compile_phrases(["in today's rapidly evolving", "a testament to"])
    assert pattern.search("In today’s rapidly evolving market")
    assert pattern.search("it is a testament to them")
    assert not pattern.search("not a testament toward")


def test_stock_phrase_rule_needs_several_distinct_phrases() -> None:
    from newslint import lint_text

    one = "# Ports\n\nThe delays are a stark reminder of the winter rush, agents said.\n"
    several = (
        "# Ports\n\nIn today's rapidly evolving market, the stakes are higher than ever. "
        "The delay sent shockwaves through the industry.\n"
    )
    assert lint_text(one, select=["AT004"]) == []
    assert [v.code for v in lint_text(several, select=["AT004"])] == ["AT004"] * 3


def test_stock_phrases_inside_quotes_are_not_counted() -> None:
    from newslint import lint_text

    text = (
        '# Ports\n\n"In today\'s rapidly evolving market, the stakes are higher than ever," '
        "she said. The delay sent shockwaves through the industry.\n"
    )
    assert lint_text(text, select=["AT004"]) == []


def test_shipped_stock_phrase_lists_load() -> None:
    from newslint.checks.ai_template import load_phrase_file
    from newslint.resources import rules_path

    for name in ("antislop-news.txt", "newslint-stock-phrases.txt"):
        phrases = load_phrase_file(rules_path(f"ai-template/data/{name}"))
        assert len(phrases) > 20
        assert all(not p.startswith("#") and p == p.strip() for p in phrases)
    assert (rules_path("ai-template/data/NOTICE")).is_file()
    assert "Apache License" in rules_path("ai-template/data/LICENSE-antislop").read_text(encoding="utf-8")


def test_call_to_action_prefilter_covers_every_word_the_pattern_starts_with() -> None:
    from newslint.checks import ai_template

    for words in ("for to if", "learn find read discover hear see know get", "click tap"):
        for word in words.split():
            assert ai_template.may_start_call_to_action(word.title() + " more")
    others = "explore check browse download watch listen consult dive dig head take have look try don't catch"
    for word in (others + " refer related also further recommended you").split():
        assert ai_template.may_start_call_to_action(word.upper())
    assert not ai_template.may_start_call_to_action("The council met.")
    assert ai_template.may_start_call_to_action("“See our guide")  # leading symbols: full pattern
    assert ai_template.may_start_call_to_action("Ѕee our guide")  # non-ASCII: full pattern


@pytest.mark.parametrize(
    "body",
    [
        "See our guide on budgeting. The council met. To learn more, read the full report.",
        "READ MORE: the story. Tap here for more. Further reading: the archive.",
        "* Explore our map of the closures.\n* Don’t miss our podcast series on the vote.",
        "“Learn more about it,” she said. ‘Read our report.’ (See our guide on tax.)",
        "Theatre reviews: see also. You might also like: this. Recommended reading: that.",
        "Kelvin: Know more here. ſee our guide on fees. İf you want, see our guide.",
    ],
)
def test_call_to_action_prefilter_changes_nothing(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.checks import ai_template

    fast = orphans(HEAD + body + "\n")
    monkeypatch.setattr(ai_template, "may_start_call_to_action", lambda text: True)
    assert orphans(HEAD + body + "\n") == fast


PREFILTER_TEXTS = [
    "\u212aey Takeaway: the Kelvin sign folds to k.",
    "PRO TIP: caps.",
    "pro\ttip - tabs.",
    "İmportant Note: a dotted capital I.",
    "Dıd you know? A dotless i.",
    "ﬁun fact: a ligature.",
    "**Did you know?** Bold.",
    "> Expert insight: boxed.",
    "TL;DR: short.",
    "Keys to the city.",
    "K",
    "## Frequently asked questions\n\nWhat is it?\n\nA thing.\n\nWhy?\n\nBecause.",
    "## FAQs about the strike\n\nQ: When?\n\nA: Now.\n\nQ: Where?\n\nA: Here.",
    "## \u212aAQ\n\nWhat?\n\nThat.\n\nWho?\n\nThem.",
]


@pytest.mark.parametrize("text", PREFILTER_TEXTS)
def test_phrase_prefilter_finds_what_the_patterns_find(text: str) -> None:
    doc = parse("a.md", text)
    assert list(find_template_labels(doc, LABELS, phrase_starts(DEFAULT_LABELS))) == list(
        find_template_labels(doc, LABELS)
    )
    assert list(find_faq_blocks(doc, FAQ, 2, phrase_starts(DEFAULT_FAQ_HEADINGS))) == list(
        find_faq_blocks(doc, FAQ, 2)
    )
    for line in text.splitlines():
        if LABELS.match(line) or FAQ.match(line):
            assert may_start_phrase(line, 0, phrase_starts([*DEFAULT_LABELS, *DEFAULT_FAQ_HEADINGS]))


def test_phrase_starts_gives_up_on_non_ascii_first_words() -> None:
    assert phrase_starts(["Did you know?", "Don’t miss"]) == ("did", "don")
    assert phrase_starts(["Ärger"]) is None
    assert may_start_phrase("anything", 0, None)
