"""Unit tests for the headline family's text analysis (newslint.checks.headline_text)."""

from __future__ import annotations

import pytest

from newslint.checks.headline import _base_lexicon, _claims
from newslint.checks.headline_text import (
    BodyText,
    HeadlineAnalyser,
    Lexicon,
    Quantity,
    contradictions,
    digit_quantities,
    quantities,
    stem_key,
    strip_breadcrumb,
    supports,
    titles_conflict,
)
from newslint.document import parse


@pytest.fixture(scope="module")
def analyser() -> HeadlineAnalyser:
    return HeadlineAnalyser(_base_lexicon())


def one(text: str) -> Quantity:
    found = [q for q in quantities(text) if not q.year]
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("libraries", "librar"),
        ("library", "librar"),
        ("courageous", "courage"),
        ("hails", "hail"),
        ("trump's", "trump"),
        ("russian", "russ"),
        ("dead", "dead"),
    ],
)
def test_stem_key_is_a_shared_prefix(word: str, key: str) -> None:
    assert stem_key(word) == key


def test_body_text_counts_words_by_prefix_and_boundary() -> None:
    body = BodyText("The Library closed. Libraries elsewhere stay open; a sublibrary too.")
    assert body.count_prefix("librar") == 2  # not "sublibrary"
    assert body.count_word("stay", ("", "s")) == 1
    assert body.count_word("open", ("",)) == 1
    assert body.count_word("ope", ("",)) == 0


_TRICKY_BODIES = [
    "The Library closed. Libraries elsewhere stay open; a sublibrary too.",
    "£5m for cafés: CAFÉ owners' café-bar, Café, écafé and xcafe; 3cafe cafe3 _cafe cafe_",
    "\u212aelvin \u212a-pop kpop K-pop \u0130stanbul istanbul \u0130\u0130 iistanbul",
    "\u201cQuoted\u201d \u2018words\u2019 \u2014 dashes\u2013here; Ωmega ωmega-ray ω ray Straße strasse",
    "O'Neill's o'neill oneill don't dont  tabs\tand\nnew\r\nlines \x80x \xaax \xb5x \xbax",
    "12 120 1200 1,200 twenty-five twentyfive five-year 5year year",
    "",
]
_TRICKY_KEYS = [
    "librar", "stay", "open", "ope", "cafe", "café", "caf", "e", "x", "k", "kelvin", "elvin", "pop",
    "i", "istanbul", "stanbul", "ii", "quoted", "words", "dashes", "here", "mega", "ωmega", "ray",
    "straße", "strasse", "o'neill", "neill", "oneill", "don't", "dont", "t", "tabs", "and", "new",
    "lines", "12", "120", "1", "200", "twenty-five", "twenty", "five", "year", "5year", "3cafe", "",
]  # fmt: skip


@pytest.mark.parametrize("text", _TRICKY_BODIES)
def test_body_text_marked_search_equals_the_scan(text: str) -> None:
    # the fast path (str.find over the marked copy) must give what the character scan gives
    for key in _TRICKY_KEYS:
        for whole in (None, ("",), ("", "s"), ("s",), ("", "s", "es", "d", "ed"), ("", "é"), ("'s",)):
            for cap in (1, 2, 4):
                body = BodyText(text)
                assert body._find(key, cap, None, whole) == body._find_scan(key, cap, None, whole), (
                    key,
                    whole,
                    cap,
                )


def test_word_marks_keep_offsets_and_word_characters() -> None:
    # every character of a text (bar one) lower-cases to one character, with the
    # same alphanumeric-ness: so offsets in the marked copy match the lower-cased text
    import sys

    from newslint.checks.headline_text import _word_marks

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if code == 0x130:
            assert len(low) == 2  # "\u0130": BodyText marks the lower-cased text instead
            continue
        assert len(low) == 1 and low.isalnum() == c.isalnum()
    chars = "".join(chr(c) for c in range(0x2000)) + "\u212a\U0001d400"
    marks = _word_marks(chars)
    assert len(marks) == len(chars) + 2 and marks[0] == marks[-1] == " "
    for c, m in zip(chars, marks[1:-1], strict=True):
        if not c.isalnum():
            assert m == " "
        elif c.lower().isascii():
            assert m == c.lower()
        else:
            assert m == "\xaa"


def test_lexicon_groups_word_forms() -> None:
    lex = Lexicon.from_lines(["the"], ["says"], ["dead died killed", "# comment"])
    assert lex.forms["died"] == ("dead", "died", "killed")
    assert "the" in lex.stopwords and "says" in lex.weak


def test_terms_weigh_names_in_sentence_case_only(analyser: HeadlineAnalyser) -> None:
    sentence = {t.text: t for t in analyser.terms("Quinlan says UK flood aid to soar")}
    assert sentence["Quinlan"].name is False  # first word: no evidence either way
    assert sentence["UK"].name is False  # a common acronym is a weak word
    assert {t.text: t.weight for t in analyser.terms("Quinlan show flops on US screens")}["US"] == 0.25
    assert "us" not in {t.text for t in analyser.terms("Quinlan tells us why")}
    assert sentence["flood"].weight == 1.0
    named = {t.text: t for t in analyser.terms("Flood aid backed by Martha Quinlan")}
    assert named["Martha"].name and named["Quinlan"].name
    title = {t.text: t for t in analyser.terms("Flood Aid Backed By Martha Quinlan")}
    assert not title["Martha"].name
    shouting = {t.text: t for t in analyser.terms("GRAPHIC CONTENT: Crowd chases thief in Leeds")}
    assert not shouting["GRAPHIC"].name and shouting["Leeds"].name


# ----------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("€1.2bn", 1.2e9),
        ("1.2 billion euros", 1.2e9),
        ("£50m", 50e6),
        ("1,200,000 litres", 1.2e6),
        ("1.2m litres", 1.2e6),
        ("12%", 12.0),
        ("21 per cent", 21.0),
        ("nine libraries", 9.0),
        ("twenty-five jobs", 25.0),
        ("a fifth", 20.0),
    ],
)
def test_quantities_read_formats(text: str, value: float) -> None:
    assert one(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["N95 masks", "Covid-19 cases", "3G phones", "won 3-2", "at 10am", "the 17th", "Windows 10x"],
)
def test_quantities_skip_codes_scores_and_times(text: str) -> None:
    assert [q for q in quantities(text) if not q.label] == []


def test_quantities_mark_years_ranks_and_compounds() -> None:
    assert [q.year for q in quantities("in 2024")] == [True]
    assert quantities("Band Aid goes to No 1")[0].label
    assert quantities("24-hour drinking")[0].label


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Over 200", "214"),
        ("Dozens", "37"),
        ("Thousands", "about 3,000"),
        ("a Fifth", "21%"),
        ("€3bn", "€3 billion"),
        ("$1.2bn", "$1.23 billion"),
        ("1.2m", "1,200,000"),
        ("almost 500", "480"),
    ],
)
def test_hard_negatives_are_supported(headline: str, body: str) -> None:
    h = one(headline)
    assert any(supports(h, b) for b in quantities(body)), (h, quantities(body))


@pytest.mark.parametrize(
    ("headline", "body"), [("12", "10"), ("Over 200", "150"), ("2,000", "1,200"), ("15%", "14 votes")]
)
def test_different_figures_are_not_supported(headline: str, body: str) -> None:
    h = one(headline)
    assert not any(supports(h, b) for b in quantities(body))


def test_digit_quantities_matches_the_general_reader() -> None:
    text = "It cost £4.5m, up 12% on the 2,000 budgeted in 2023; Covid-19 and N95 aside, 3-2."
    fast = [(q.text, q.value, q.year) for q in digit_quantities(text)]
    full = [(q.text, q.value, q.year) for q in quantities(text) if not q.words]
    assert fast == full


def test_claims_are_amounts_percentages_and_counts() -> None:
    title = "Lena Hart, 19, wins £5m as 12 dead and 1 hurt"
    qs = {q.text: q for q in quantities(title)}
    assert _claims(qs["£5m"], title)
    assert _claims(qs["12"], title)
    assert not _claims(qs["1"], title)
    for title in ("Star Trek 4 eyes new director", "Film from 12 Years a Slave director due"):
        assert not _claims(quantities(title)[0], title)
    title = "Veltrona Cuts 1,800 Jobs in New Round of Layoffs"
    assert _claims(quantities(title)[0], title)


# ----------------------------------------------------------------- analysis


def test_paraphrase_is_support(analyser: HeadlineAnalyser) -> None:
    result = analyser.analyse(
        "Mayor hails 'courageous' lifeboat crews",
        "Mayor Ruth Adeyemi on Friday praised the volunteers, lauding the lifeboat crews' 'courage' at sea.",
    )
    assert result.found == [True] * len(result.terms)
    assert not result.missing_quotes and not result.missing_names


def test_missing_figure_quote_and_name(analyser: HeadlineAnalyser) -> None:
    result = analyser.analyse(
        'Gallery opens: "A lantern for the whole coast," says Marta Sollen, as £50m plan unveiled',
        "The gallery opened on Saturday. Its director said the town was a meeting place. " * 5,
    )
    assert [q.text for q in result.missing_numbers] == ["£50m"]
    assert result.missing_quotes == ["A lantern for the whole coast"]
    assert result.missing_names == ["Marta Sollen"]


def test_surname_and_acronym_count_as_mentions(analyser: HeadlineAnalyser) -> None:
    result = analyser.analyse(
        "Analyst Tamsin Ruell joins IISS",
        "Ruell will join the International Institute for Strategic Studies in May.",
    )
    assert result.missing_names == []
    assert all(result.found[i] for i, t in enumerate(result.terms) if t.text in ("Ruell", "IISS"))


def test_unrelated_body_is_detected(analyser: HeadlineAnalyser) -> None:
    body = (
        "Harbour City manager Tomas Brennick has resigned for family reasons after only eleven "
        "games in charge of the club. " * 12
    )
    result = analyser.analyse("Island ferry firm back in state hands", body)
    assert analyser.unrelated(result, 0.3, 1500)
    related = analyser.analyse("Brennick quits as Harbour City manager", body)
    assert not analyser.unrelated(related, 0.3, 1500)


def test_short_bodies_lower_the_bar(analyser: HeadlineAnalyser) -> None:
    result = analyser.analyse("Rebels seize grain convoy near border post", "The ministry confirmed it.")
    assert result.evidence == 0.0
    assert analyser.unrelated(result, 0.3, 1500)
    partial = analyser.analyse("Rebels seize grain convoy near border post", "A convoy was seized.")
    assert not analyser.unrelated(partial, 0.3, 1500)


def test_contradicted_count(analyser: HeadlineAnalyser) -> None:
    headline = "Health Trust to Shut Six Clinics"
    body = "Four of the trust's 11 community clinics will shut by March, the board decided."
    result = analyser.analyse(headline, body)
    found = contradictions(headline, body, result, analyser.lex)
    assert [(phrase, said) for _, phrase, said in found] == [
        ("Six Clinics", "Four of the trust's 11 community clinics")
    ]


def test_dead_and_died_are_one_count(analyser: HeadlineAnalyser) -> None:
    headline = "Fog pile-up leaves 12 dead"
    body = "Police said 10 people died when 40 cars collided in fog on the motorway."
    result = analyser.analyse(headline, body)
    assert [said for _, _, said in contradictions(headline, body, result, analyser.lex)] == ["10 people died"]


# ----------------------------------------------------------------- titles


def test_breadcrumb_is_stripped() -> None:
    assert (
        strip_breadcrumb("Home » world » Ministers Praise Pipeline Deal") == "Ministers Praise Pipeline Deal"
    )
    assert strip_breadcrumb("Rock > Paper") == "Paper"
    assert strip_breadcrumb("Plain title") == "Plain title"


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (
            "Oil & Gas Talks: Ministers Praise Pipeline Deal Progress",
            "Energy Policy Shift: A New Partnership and the Looming Redrawing of Regional Markets",
            True,
        ),
        (
            "Town Extends Free Bus Passes to All Pensioners",
            "Library Hours Cut as Town Faces Funding Gap",
            True,
        ),
        (
            "Town Extends Free Bus Passes to All Pensioners",
            "Free Bus Passes Extended to Every Pensioner in Marlow Vale",
            False,
        ),
        (
            "Ministers Praise Pipeline Deal",
            "Home » world » Ministers Praise Pipeline Deal",
            False,
        ),
    ],
)
def test_titles_conflict(a: str, b: str, conflict: bool) -> None:
    assert titles_conflict(a, b, _base_lexicon()) is conflict


def test_seed_style_second_title_is_found_in_text() -> None:
    from newslint.checks.headline import ConflictingTitles
    from newslint.model import RuleMeta, Severity

    source = (
        "Home » world » Ministers Praise Pipeline Deal Progress\n\n"
        "Ministers Praise Pipeline Deal Progress\n\n"
        "by A Writer Senior News Editor\n\n"
        "Energy Policy Shift: A New Partnership and the Looming Redrawing of Regional Markets\n\n"
        "Could a surprising partnership between the two neighbours be on the horizon? "
        "Officials say the pipeline plan matches their own strategy in many ways.\n"
    )
    meta = RuleMeta("HL003", "conflicting-titles", "headline", Severity.WARNING, "{other} {line}")
    rule = ConflictingTitles(meta, _base_lexicon(), 0.5, 4)
    findings = list(rule.check(parse("a.txt", source)))
    assert len(findings) == 1
    assert findings[0].message.endswith(" 7")


# ----------------------------------------------------------------- rules on documents


def _lint(name: str, text: str, code: str) -> list[str]:
    from newslint.config import Config
    from newslint.runner import lint_text

    outcome = lint_text(name, text, Config(select=(code,)))
    assert not outcome.errors, outcome.errors
    return [f"{v.start.line}:{v.start.column} {v.code}" for v in outcome.violations]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Only a headline\n",
        "---\ntitle: A title with no body\n---\n",
        "# Heading\n\n## Section\n",
        "Short headline\r\n\r\nOne line of body text.\r\n",
    ],
)
@pytest.mark.parametrize("code", ["HL001", "HL002", "HL003"])
def test_degenerate_articles_are_quiet(text: str, code: str) -> None:
    suffix = ".md" if text.startswith(("#", "---")) else ".txt"
    assert _lint(f"a{suffix}", text, code) == []


def test_crlf_article_reports_on_the_headline_line() -> None:
    body = "Floodwater closed roads and schools in three valley towns on Friday, police said. " * 6
    text = f"Home » News » Floods\r\n\r\n  Government Announces £20m Recovery Fund\r\n\r\n{body}\r\n"
    assert _lint("a.txt", text, "HL001") == ["3:3 HL001"]


def test_bad_options_are_pack_errors() -> None:
    from newslint.checks.headline import RULE_TYPES, UnsupportedHeadline
    from newslint.model import RuleMeta, Severity
    from newslint.packs import PackError
    from newslint.settings import Settings

    meta = RuleMeta("HL001", "unsupported-headline", "headline", Severity.WARNING, "x {detail}")
    with pytest.raises(PackError, match="min-relatedness"):
        RULE_TYPES["unsupported-headline"](meta, {"min-relatedness": 2}, Settings())
    with pytest.raises(PackError, match="colour"):
        RULE_TYPES["unsupported-headline"](meta, {"colour": 1}, Settings())
    bare = RuleMeta("HL001", "unsupported-headline", "headline", Severity.WARNING, "no detail")
    with pytest.raises(PackError, match="message"):
        RULE_TYPES["unsupported-headline"](bare, {}, Settings())
    extended = RULE_TYPES["unsupported-headline"](meta, {"word-forms": ["nhs health"]}, Settings())
    assert isinstance(extended, UnsupportedHeadline)  # a rule with an extended lexicon builds


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Band turns down $800m reunion deal", "The band rejected a £500m reunion deal, its agent said."),
        ("Searchers find at least '15 bodies' in pit", "Officials said 28 bodies had been found in the pit."),
    ],
)
def test_not_contradictions(analyser: HeadlineAnalyser, headline: str, body: str) -> None:
    result = analyser.analyse(headline, body)
    assert contradictions(headline, body, result, analyser.lex) == []


def test_winner_contradiction(analyser: HeadlineAnalyser) -> None:
    from newslint.checks.headline_text import winner_contradiction

    body = (
        'The Estonian drama "Salt Road" won the Golden Anchor for best film on Saturday. '
        'The Danish thriller "North Light" took the prize for best screenplay.'
    )
    found = winner_contradiction(analyser, "Danish Thriller 'North Light' Wins Golden Anchor", body)
    assert found is not None
    assert (found.claimed, found.verb, found.prize, found.named) == (
        "North Light",
        "won",
        "Golden Anchor",
        "Salt Road",
    )
    assert winner_contradiction(analyser, "Estonian Drama 'Salt Road' Wins Golden Anchor", body) is None
    # a generic subject names no one; a winner-less prize sentence is no evidence
    assert winner_contradiction(analyser, "Low-budget drama wins Golden Anchor", body) is None
    assert winner_contradiction(analyser, "'North Light' wins Silver Anchor", body) is None


def test_unrelated_message_when_only_weak_words_are_missing() -> None:
    from newslint.checks.headline import UnsupportedHeadline, _base_analyser
    from newslint.checks.headline_text import Analysis, Term
    from newslint.model import RuleMeta, Severity

    meta = RuleMeta("HL001", "unsupported-headline", "headline", Severity.WARNING, "{detail}")
    rule = UnsupportedHeadline(meta, _base_analyser(), 0.3, 1500, 10, True, True, True)
    terms = [Term("Harbour", "harbour", 1.0, False, 0), Term("ferry", "ferry", 1.0, False, 8)]
    terms += [Term(f"w{i}", f"w{i}", 0.25, False, 20 + i) for i in range(8)]
    result = Analysis(
        terms,
        [True, True] + [False] * 8,
        0.5,
        0.0,
        counts=[1, 1] + [0] * 8,
        in_lead=[False] * 10,
        body_chars=3000,
        body_words=500,
    )
    assert rule.detail(result, "Harbour ferry", "") == (
        'the body is about something else: "Harbour" and "ferry" appear only in passing; '
        "check that this headline belongs to this story"
    )


def test_ends_sentence_equals_its_pattern() -> None:
    import itertools
    import re

    from newslint.checks.headline import _ENDS_SENTENCE_PATTERN, _ends_sentence

    pattern = re.compile(_ENDS_SENTENCE_PATTERN)
    alphabet = "a.!\u2026:,'\"\u2019\u201d) \n\u00a0\u2003"
    for n in range(5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert _ends_sentence(text) == bool(pattern.search(text)), repr(text)


@pytest.mark.parametrize(
    "title",
    [
        "Spurs win cup",
        "WINS",
        "Oscar-winner",
        "Towns",
        "Winter storm",
        "Lands' End",
        "England stop",
        "Stops at the top",
        "Scooped!",
        "Crowned king",
        "Ta\u212aes the crown",
        "Clai\u017fs prize",
        "Wi\u017f",
        "Nothing here",
        "",
        "TOOK",
        "Tak-es",
        "Stop the top",
        "England",
        "Scotland lands",
        "twin_wins",
        "x_win",
        "3win",
        "(Won)",
        "mistake-takes",
        "Winwin",
    ],
)
def test_win_prefilter_equals_the_pattern(title: str) -> None:
    from newslint.checks.headline import _may_name_winner, _win_hint_re

    assert _may_name_winner(title) == bool(_win_hint_re().search(title))


def _acronym_by_words(word: str, low: str) -> bool:
    """The word-by-word definition `_acronym_expanded` must agree with."""
    import re

    letters = word.rstrip("s").lower()
    if not (2 <= len(letters) <= 6 and letters.isalpha()):
        return False
    words = [
        w for w in re.split(r"[\W_]+", low) if w and w not in {"of", "for", "and", "the", "de", "on", "in"}
    ]
    n = len(letters)
    return any("".join(w[0] for w in words[i : i + n]) == letters for i in range(len(words) - n + 1))


@pytest.mark.parametrize(
    "text",
    [
        *_TRICKY_BODIES,
        "The International Institute for Strategic Studies (IISS) said; the_institute of Ideas",
        "Kelvin \u212aelvin Élan Ölbaum National Health Service, north-east England's NHS",
        "Ärzte ohne Grenzen and Médecins Sans Frontières; 3 Mobile 3M; the BBC",
    ],
)
def test_acronym_by_initials_equals_the_word_scan(text: str) -> None:
    body = BodyText(text)
    for word in [
        "IISS",
        "NHS",
        "NHSs",
        "SF",
        "MSF",
        "AoG",
        "ÄoG",
        "ÉÖ",
        "KE",
        "KK",
        "3M",
        "I",
        "TIIFSS",
        "OO",
        "EE",
        "NE",
    ]:
        got = HeadlineAnalyser._acronym_expanded(word, body)
        assert got == _acronym_by_words(word, text.lower()), (word, text)


@pytest.mark.parametrize(
    "text",
    [
        "plain `ascii`",
        "\u00a35m \u00e9t\u00e9",
        "\u201cQuoted\u201d \u2018x\u2019 \u2014 a\u2013b \u2212 1 \u00abfr\u00bb",
        "\u201en\u201d a\u00a0b c\u202fd `e` \u2032 \u201b",
        "Caf\u00e9 &amp; \u2019bar\u2019 &#8220;x&#8221;",
        "\u0394\u03b5\u03bb\u03c4\u03b1 \u2014 only one",
        "",
    ],
)
def test_clean_equals_translate(text: str) -> None:
    import html

    from newslint.checks.headline_text import _TRANSLATE, clean

    expected = html.unescape(text) if "&" in text and ";" in text else text
    assert clean(text) == expected.translate(_TRANSLATE)


def _stem_key_reference(word: str) -> str:
    """`stem_key` as first written: the first suffix of the list that leaves four characters."""
    from newslint.checks.headline_text import _SUFFIXES

    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def test_stem_key_by_tail_lookup_equals_the_suffix_loop() -> None:
    from newslint.checks.headline_text import _SUFFIXES

    words = [
        "libraries", "library", "nationalities", "nations", "nation", "helpfulness", "hopefulness",
        "presidency", "governments", "ministers", "dancers", "happiness", "clearances", "violence",
        "agreedly", "tied", "dies", "ties", "sayings", "cities", "city", "ation", "xation", "stations",
        "tourism", "tourisms", "tourists", "journalist", "unionist's", "players'", "abcde", "abcdes",
        "bakery", "famous", "fully", "italian", "german", "sudan", "ence", "xences", "ances",
        "e", "", "'s", "ly", "quietly", "bbc's", "ities", "xities", "xxxities", "xxxxities",
    ]  # fmt: skip
    # every suffix alone and with 1-5 letters before it (the four-letter bound)
    words += [("abcde"[:n] + suffix) for suffix in _SUFFIXES for n in range(6)]
    for word in words:
        assert stem_key.__wrapped__(word) == _stem_key_reference(word), word


def test_winner_contradiction_reads_sentences_after_earlier_matches(analyser: HeadlineAnalyser) -> None:
    from newslint.checks.headline_text import winner_contradiction

    # the prize is named in several sentences; only a later one has the verb and a winner
    body = (
        "The Golden Anchor is awarded each year. Critics said the Golden Anchor jury was divided! "
        "Was the Golden Anchor fair? Some doubted it.\n"
        'Finally "Salt Road" won the Golden Anchor on Saturday. The Golden Anchor gala ended late.'
    )
    found = winner_contradiction(analyser, "'North Light' Wins Golden Anchor", body)
    assert found is not None
    assert found.named == "Salt Road"
    assert found.sentence == 'Finally "Salt Road" won the Golden Anchor on Saturday.'
    # one sentence before the match: the sentence with the prize starts after its break
    body = 'No vote. "Salt Road" won the Golden Anchor.'
    found = winner_contradiction(analyser, "'North Light' Wins Golden Anchor", body)
    assert found is not None and found.sentence == '"Salt Road" won the Golden Anchor.'


def test_builtin_headline_patterns_compile() -> None:
    # Patterns are built by cached zero-argument functions on first use, not at import: build
    # every one here so a broken pattern fails the suite, not the first headline that needs it.
    import inspect

    import newslint.checks.headline as headline
    import newslint.checks.headline_text as headline_text

    built = 0
    for module in (headline, headline_text):
        for value in vars(module).values():
            if hasattr(value, "cache_info") and not inspect.signature(value).parameters:
                value()
                built += 1
    assert built > 20
