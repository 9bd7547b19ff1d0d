"""Sourcing rules (SR001-SR003): claim detection, attribution cues, phrase groups, settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newslint.checks.sourcing import (
    DEFAULT_REPORTING_VERBS,
    DEFAULT_VAGUE_SOURCES,
    PhraseGroup,
    PhraseMatcher,
    _cue_words_within,
    analyse_paragraph,
    doc_words,
    find_claims,
    lexicon_for,
    vague_attribution,
    words_of,
)
from newslint.config import Config, Overrides
from newslint.model import RuleMeta, Severity
from newslint.packs import PackError
from newslint.patterns import LazyPattern
from newslint.runner import lint_text, rulebook
from newslint.settings import Settings

LEXICON = lexicon_for(DEFAULT_REPORTING_VERBS, DEFAULT_VAGUE_SOURCES)


def claims(text: str) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.kind) for c in find_claims(text)]


def cues(text: str) -> list[tuple[str, bool]]:
    return [(text[c.start : c.end], c.named) for c in LEXICON.cues(text)]


def lint(
    text: str, select: str = "SR", settings: dict[str, Any] | None = None, name: str = "a.md"
) -> list[str]:
    config = Config(root=Path.cwd(), select=(select,), settings=settings or {})
    outcome = lint_text(name, text, config)
    assert not outcome.errors, outcome.errors
    return [f"{v.start.line}:{v.code}:{v.message.split(':')[0]}" for v in outcome.violations]


# --------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Around 45% of commuters use the bus.", ("45%", "percent")),
        ("Forty per cent of routes are hourly.", ("Forty per cent", "percent")),
        ("Support fell by six percentage points.", ("six percentage points", "percent")),
        ("Nearly two-thirds of homes have no car.", ("two-thirds", "fraction")),
        ("About 1/3 of the fleet is old.", ("1/3 of", "fraction")),
        ("Groundwater has fallen by roughly a fifth.", ("roughly a fifth", "fraction")),
        ("More than half of all sales are online.", ("More than half", "fraction")),
        ("One in five adults skipped a meal.", ("One in five", "ratio")),
        ("Nine out of ten voters agreed.", ("Nine out of ten", "ratio")),
        ("More than 150,000 workers lost their jobs.", ("150,000", "count")),
        ("Flu kills up to 650,000 people worldwide every year.", ("650,000", "count")),
        ("The strike costs around £4 million a day.", ("£4 million", "money")),
        ("Families spend £1,200 more a year on food.", ("£1,200", "money")),
        ("Prices have more than tripled since 2020.", ("tripled", "multiplier")),
        ("Indoor air is up to five times more polluted.", ("five times more", "multiplier")),
        ("The number of food banks has doubled.", ("doubled", "multiplier")),
        ("The depot is now the country's third-largest.", ("is now the country's third-largest", "ranking")),
        ("Complaints reached a record high in March.", ("a record high", "record")),
        ("The majority of drivers work split shifts.", ("The majority of", "majority")),
    ],
)
def test_each_claim_kind_is_found(text: str, expected: tuple[str, str]) -> None:
    assert claims(text)[:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 1998 and was rebuilt in 2024.",  # years
        "The train left at 11:42 on Saturday.",  # times
        "The 45-year-old coxswain was unhurt.",  # ages
        "United won 3-1, and Lind won 6-4, 7-6 (8-6).",  # scores
        "Tickets cost 12 euros and the service costs $15 per month.",  # single prices
        "The office at 1600 Harbour Road takes calls on 0800 123 4567.",  # address, phone
        "The 19th-century boathouse hosts a third consecutive festival on Fifth Avenue.",  # ordinals
        "Crews wear N95 masks, study GLP-1 drugs and restored a Kestrel-2 and a Boeing 737.",  # names
        "In the second half of the year a third party joined for a third consecutive season.",
        "They think twice about the bottom half of the table, and the 3230 and 7710 handsets.",
        "The crowd saw Ulster breached four times as the game went on.",
        "Labour won a huge majority of 167 in 2001.",
        "Winners were voted for by 21 million online viewers in a 2003 poll.",  # bare count: event detail
    ],
)
def test_non_claims_are_not_claims(text: str) -> None:
    assert claims(text) == []


def test_currency_conversion_belongs_to_the_sum_before_it() -> None:
    text = "The firm sold for about $11bn (£5.7bn) last year."
    assert claims(text) == [("$11bn (£5.7bn)", "money")]


# --------------------------------------------------------------------- attribution


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rightmove said asking prices fell 1.4% in February.", [("Rightmove said", True)]),
        ("Prices fell 1.4%, the portal said on Monday.", [("the portal said", True)]),
        ('"Prices rose 12%," said Jane Roe, chief economist at Moody\'s.', [("said Jane Roe", True)]),
        ("Unemployment is 5.2%, according to the Office for National Statistics.", None),
        ("Figures from Eurostat show a 3% rise.", None),
        ("Experts say prices could climb another 15%.", [("Experts say", False)]),
        ("Wildfires rose 400% over two decades, experts warn.", [("experts warn", False)]),
        ("According to reports, buyers need £60,000.", [("According to reports", False)]),
        ("A recent study found that families spend more.", [("A recent study found", False)]),
        ("It is thought that half a million pupils skip school.", [("It is thought", False)]),
        ("According to industry estimates, the plant could create 3,500 jobs.", None),
    ],
)
def test_attribution_cues(text: str, expected: list[tuple[str, bool]] | None) -> None:
    found = cues(text)
    if expected is not None:
        assert found == expected
    elif "industry estimates" in text:
        assert found == [("According to industry estimates", False)]
    else:
        assert found and all(named for _, named in found)


@pytest.mark.parametrize(
    "text",
    [
        "Cocoa futures have tripled, and the rally shows no sign of slowing.",  # "shows" without a source
        "The market is expected to be worth $25 billion by 2030.",  # agentless forecast
        "Companies are racing to claim a share of it.",  # infinitive
        "Vaccines are updated to match the strains expected to circulate.",  # participle
        "The survey of 2,000 adults was better than expected.",  # "than expected"
    ],
)
def test_words_that_look_like_reporting_verbs_are_not_sources(text: str) -> None:
    assert not any(named for _, named in cues(text))


def test_paragraph_scope_covers_the_number_first_then_source_style() -> None:
    sentences = [(0, "Around 45% of callouts come from tourists."), (45, "The RNLI said the figure was new.")]
    para = analyse_paragraph(LEXICON, sentences)
    assert para.sentences[0].claims and not para.sentences[0].named
    assert para.named


def test_phrase_groups_match_modifier_subject_and_verb() -> None:
    group = PhraseGroup(("experts",), frozenset({"many", "leading"}), frozenset({"warn", "have warned"}))
    matcher = PhraseMatcher(["according to reports"], [group], None)
    text = "Many experts warn of a shortage, according to reports."
    assert [text[a:b] for a, b in matcher.find(text)] == ["Many experts warn", "according to reports"]
    assert matcher.find("The experts' warnings were ignored.") == []


# --------------------------------------------------------------------- rules


PEW = (
    "# Nationalism on the Rise\n\n"
    "Did you know? According to a recent Pew Research Center study, nationalist sentiment is on the "
    "rise in nearly two-thirds of the world's countries, with a strong surge in Europe.\n"
)


def test_the_pew_sentence_gives_exactly_one_incomplete_attribution() -> None:
    assert lint(PEW) == ["3:SR003:'a recent Pew Research Center study' names who but not which one"]


def test_a_vague_source_for_a_figure_is_reported_once_as_vague() -> None:
    text = "# Title\n\nExperts say prices could climb another 15% before the end of the year.\n"
    assert lint(text) == ["3:SR002:This figure's only source is 'Experts say'"]


def test_attribution_scope_sentence_reports_the_number_first_style() -> None:
    text = "# Title\n\nAround 45% of callouts come from tourists. The RNLI said the figure was new.\n"
    assert lint(text, "SR001") == []
    strict = {"sourcing": {"attribution-scope": "sentence"}}
    assert lint(text, "SR001", strict) == ["3:SR001:'45%' is stated as fact with no source"]


def test_extra_reporting_verbs_and_vague_sources_are_configurable() -> None:
    text = "# Title\n\nThe harbour board reckoned 45% of boats were idle.\n"
    assert lint(text, "SR001") == []  # "reckoned" is a reporting verb
    text = "# Title\n\nThe harbour board opined that 45% of boats were idle.\n"
    assert lint(text, "SR001") == ["3:SR001:'45%' is stated as fact with no source"]
    assert lint(text, "SR001", {"sourcing": {"extra-reporting-verbs": ["opined"]}}) == []
    text = "# Title\n\nBoatmen say 45% of boats were idle.\n"
    assert lint(text, "SR") == []
    assert lint(text, "SR", {"sourcing": {"extra-vague-sources": ["boatmen"]}}) == [
        "3:SR002:This figure's only source is 'Boatmen say'"
    ]


def test_a_bad_scope_is_reported() -> None:
    config = Config(
        root=Path.cwd(), select=("SR001",), settings={"sourcing": {"attribution-scope": "chapter"}}
    )
    assert any("attribution-scope: must be one of" in e for e in rulebook(config).errors)


def test_groups_are_checked_when_a_pack_loads() -> None:
    meta = RuleMeta("SR902", "vague-test", "sourcing", Severity.WARNING, "'{match}' is vague.")
    settings = Settings.build({}, {})
    with pytest.raises(PackError) as err:
        vague_attribution(meta, {"groups": [{"subjects": ["experts"]}]}, settings)
    assert err.value.key == "groups[0]"
    with pytest.raises(PackError):
        vague_attribution(meta, {"groups": [{"subjects": ["x"], "verbs": ["say"], "after": []}]}, settings)
    rule = vague_attribution(meta, {"phrases": ["pundits reckon"]}, settings)
    assert rule.matcher.anchors == ("pundits reckon",)


def test_numeric_starts_match_the_regex_scan() -> None:
    from newslint.checks.sourcing import _NUMERIC_START, _numeric_starts

    for text in (
        "",
        "7",
        "$",
        "a1 b22,000 c3.5%",
        "£5bn and €3.2m, ¥40 or ₹9; $$1",
        "Arabic-Indic digits ١٢ then 3",  # not ASCII: the regex path
        "12$3 4\n5 “6” café 7",
    ):
        assert _numeric_starts(text) == {m.start() for m in _NUMERIC_START.finditer(text)}, text


# --------------------------------------------------------------------- fast paths

_TRICKY_CLAIM_TEXTS = (
    "Around 45% of commuters use the bus; fiftypercent said so, onepc more.",
    "Profits grew x2-fold and ab_c-fold, a 3-fold rise; _x-fold too, and a TENFOLD jump.",
    "US$5bn, A$3m, C$1, NZ$2, HK$9, S$4 and £5bn (€3m) were spent.",
    "The vast majority of voters, a record high, the highest rate since 1990.",
    "It was ranked 3rd; is the second-largest; has become the fifth biggest.",
    "Sales doubled. Costs will triple in 2030. Doubling of fares; set to halve by 2025.",
    "One in five; nine out of ten; 3 in 10 people; half of all; half a million; a million people.",
    "Nearly two-thirds, a third of, roughly a fifth, cut costs in half, for the first time in years.",
    'He said "half" and (twice as many) [hundreds of times more] -- an all-time low.',
    "HALF OF ALL VOTERS; Twice As Likely; THE MAJORITY OF; Record-Breaking Turnout.",
    "",
    "a",
    "fold",
    "Half\u00a0of voters, “twice as many”, xé-fold, é2-fold, naïve ninety\u2009per cent — a record high.",
    "Café one\u2011third of; ١٢ in ten; déjà one in five; «half of all»; half—of; over\u00a0half.",
)


def _example_texts() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "examples").glob("*")) + sorted((root / "tests" / "fixtures").rglob("*.*"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.suffix in (".md", ".txt")]


def test_word_start_patterns_match_as_the_whole_claim_pattern() -> None:
    # At a word start of ASCII text, find_claims tries only the branches of `_CLAIM_RE` that can
    # open with that word: check every position of tricky strings, the examples and the fixtures.
    from newslint.checks.sourcing import (
        _CLAIM_RE,
        _LETTER_MARKS,
        _NUMERIC_FIRST,
        _ascii_form,
        _claim_pattern,
        _word_claim_branches,
        _word_form,
    )

    def found(m: re.Match[str] | None) -> tuple[int, int, str | None] | None:
        return None if m is None else (m.start(), m.end(), m.lastgroup)

    checked = 0
    for text in (*_TRICKY_CLAIM_TEXTS, *_example_texts()):
        word_form = _word_form(text, _ascii_form(text))
        if word_form is None:
            continue
        low = word_form.lower()
        letters = low.translate(_LETTER_MARKS)
        for pos in range(len(text)):
            if text[pos] in _NUMERIC_FIRST:
                continue
            whole = found(_CLAIM_RE.match(text, pos))
            branches = _word_claim_branches(text, low, letters, pos)
            cut = found(_claim_pattern(branches).match(text, pos)) if branches else None
            assert cut == whole, (text[pos : pos + 40], pos)
            checked += whole is not None
    assert checked > 50


_TRICKY_FIGURE_TEXTS = (
    "5% 5 % 5-% 5 per cent 5per cent 5 percent 5 percentage points 5pc 5 pc; 1/3 of 12/25 of them",
    "3 in 10, 3 out of 10, 3 of every 10; 5 times more, 2.5 times as likely, 3\ttimes higher",
    "5bn 5 bn euros, 5m pounds, 70m euros, 5 Swiss francs, 5 big dollars, 5\xa0per cent, 5\u2009%",
    "12,000 people, 10000 people, 2004, 2004. 2004, 1,5 and 1.5.3 people; 5-year high, 12-month low",
    "In 2004 the 3 firms and 10 of the 20 staff; 100,000 jobs; 1,000 in every; 25,5 m; 7\x1cpercent",
    "$5 £5bn €3m ¥40 ₹9 US$5 and 5 dollars; ١٢ per cent; 5 Kronor; 5 won; 9 yen.",
)


def test_figure_prefilter_is_a_superset_of_the_figure_pattern() -> None:
    # `_may_open_numeric_claim` skips figures `_NUMERIC_CLAIM_RE` cannot match at: check every
    # position of tricky strings, the examples and the fixtures against the pattern itself.
    from newslint.checks.sourcing import (
        _LETTER_MARKS,
        _NUMERIC_CLAIM_RE,
        _NUMERIC_FIRST,
        _ascii_form,
        _may_open_numeric_claim,
        _word_form,
    )

    checked = 0
    for text in (*_TRICKY_FIGURE_TEXTS, *_TRICKY_CLAIM_TEXTS, *_example_texts()):
        word_form = _word_form(text, _ascii_form(text))
        if word_form is None:
            continue
        low = word_form.lower()
        letters = low.translate(_LETTER_MARKS)
        for pos in range(len(text)):
            if text[pos] in _NUMERIC_FIRST and _NUMERIC_CLAIM_RE.match(text, pos):
                checked += 1
                assert _may_open_numeric_claim(low, letters, pos), (text[pos : pos + 40], pos)
    assert checked > 50
    low = b"in 2004, the 3 firms said"
    assert not _may_open_numeric_claim(low, low.translate(_LETTER_MARKS), 3)  # "2004,"


def test_word_start_branches_skip_ordinary_words() -> None:
    from newslint.checks.sourcing import _LETTER_MARKS, _word_claim_branches, _word_form

    text = "analysts said the council met, (quietly) in june"
    low = text.encode("ascii")
    letters = low.translate(_LETTER_MARKS)
    assert _word_claim_branches(text, low, letters, 0) == ()  # "analysts"
    assert _word_claim_branches(text, low, letters, 30) == ()  # "("
    assert _word_claim_branches(text, low, letters, 14)  # "the" may open "the majority of"
    assert _word_form("ſome 5%", None) is None  # "ſ" matches "s" under IGNORECASE


def test_builtin_sourcing_patterns_compile() -> None:
    # Newslint's own sourcing packs and this module's patterns compile on first use, not at
    # load: compile every one here so a broken pattern still fails the suite.
    import newslint.checks.sourcing as sourcing
    from newslint.runner import RunOptions, config_for

    lazy = [v for v in vars(sourcing).values() if isinstance(v, LazyPattern)]
    assert len(lazy) > 30
    config = config_for(Path("."), RunOptions(overrides=Overrides(select=("ALL",)), isolated=True))
    rules = [r for r in rulebook(config).rules if r.meta.category == "sourcing"]
    assert len(rules) == 3
    for rule in rules:
        assert sourcing.is_builtin_pack(rule.meta)
        lazy += [v for v in vars(rule).values() if isinstance(v, LazyPattern)]
        matcher = getattr(rule, "matcher", None)
        if matcher is not None and matcher.patterns is not None:
            lazy.append(matcher.patterns)
    for pattern in lazy:
        assert isinstance(pattern.compiled, re.Pattern)


def test_a_bad_pattern_in_a_user_pack_is_a_pack_error_at_load() -> None:
    meta = RuleMeta(
        "SR903", "vague-test", "sourcing", Severity.WARNING, "'{match}' is vague.", source="/x/p.toml"
    )
    settings = Settings.build({}, {})
    with pytest.raises(PackError) as err:
        vague_attribution(meta, {"patterns": ["(unclosed"]}, settings)
    assert err.value.key == "patterns"


CUE_SENTENCES = [
    "Analysts said sales rose 5%.",
    "unsaid things, the ONS reported",  # the cut first word is a key word only in the sentence
    "The figures from Eurostat show a rise, officials saïd.",  # non-ASCII letters drop out
    "Pr\u0130ces rose, according to the Bank of England's report",  # lower() grows the text
    "He told reporters: [1] the data showed it",
    "",
    "   ",
    "Said",
]


@pytest.mark.parametrize("sentence", CUE_SENTENCES)
def test_cues_with_document_words_equal_cues_alone(sentence: str) -> None:
    # The sentence's words are worked out from the document's (`DocWords`); the cues must not
    # change, wherever the sentence sits and whatever cuts its first and last words.
    for before, after in (("", ""), ("Reports un", "ly said. "), ("Xx. ", " estimates")):
        document = before + sentence + after
        lowered = document.lower()
        doc = doc_words(LEXICON, lowered, words_of(lowered))
        assert LEXICON.cues(sentence, doc, len(before)) == LEXICON.cues(sentence)
        words = _cue_words_within(sentence.lower(), doc.cue_words) & LEXICON.cue_keys
        if lowered.startswith(sentence.lower(), len(before)):
            assert words == words_of(sentence.lower()) & LEXICON.cue_keys


def _may_open_reference(low_bytes: bytes, letters: bytes, pos: int) -> bool:
    """The figure prefilter as the Python loop it was before it became one pattern."""
    from newslint.checks.sourcing import _AFTER_FIGURE_WORDS

    figure_chars = frozenset(b"0123456789.,")
    spaces = frozenset(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")
    if low_bytes[pos] not in figure_chars:
        return True
    end = len(low_bytes)
    j = pos
    while j < end and low_bytes[j] in figure_chars:
        j += 1
    figure = low_bytes[pos:j].rstrip(b".,")
    if b"," in figure or any(len(digits) >= 5 for digits in figure.split(b".")):
        return True
    if j >= end:
        return False
    if low_bytes[j] in b"%/-?" or letters[j] == 97:
        return True
    for _ in range(2):
        if j >= end or low_bytes[j] == 63:
            return j < end
        if low_bytes[j] not in spaces:
            return False
        while j < end and low_bytes[j] in spaces:
            j += 1
        if j >= end:
            return False
        if low_bytes[j] in b"%?":
            return True
        word_end = letters.find(b" ", j)
        if word_end < 0:
            word_end = end
        if word_end == j:
            return False
        if low_bytes[j:word_end] in _AFTER_FIGURE_WORDS:
            return True
        j = word_end
    return False


def test_figure_prefilter_pattern_equals_the_python_loop() -> None:
    import random

    from newslint.checks.sourcing import _LETTER_MARKS, _may_open_numeric_claim

    pieces = [
        "1", "12", "12345", "1,000", "2004", ".", ",", "5.5", " ", "  ", "\t", "\n", "\x1c", "%", "/",
        "-", "?", "$", "x", "bn", "m", "per", "cent", "percent", "in", "out", "of", "times", "million",
        "swiss", "francs", "zloty", "mx", "people", "the", "a",
    ]  # fmt: skip
    rng = random.Random(7)
    texts = [b"2004, the 3 firms said", b"5 per cent", b"5 Swiss francs", b"12,000 people", b"5"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))).encode() for _ in range(6000)]
    for text in texts:
        low = text.lower()  # as `find_claims` gives it
        letters = low.translate(_LETTER_MARKS)
        for pos in range(len(low)):
            if low[pos] in b"0123456789$?":
                expected = _may_open_reference(low, letters, pos)
                assert _may_open_numeric_claim(low, letters, pos) == expected, (low, pos)


def _sr001_patterns(key: str) -> list[str]:
    import tomllib

    from newslint.resources import rules_dir

    with open(rules_dir() / "sourcing" / "SR001-unattributed-statistic.toml", "rb") as f:
        data = tomllib.load(f)
    found = [v for table in data.values() if isinstance(table, dict) for k, v in table.items() if k == key]
    found += [v for k, v in data.items() if k == key]
    assert len(found) == 1
    return list(found[0])


def test_every_builtin_own_figures_and_market_words_pattern_has_a_gate() -> None:
    from newslint.checks.sourcing import _MARKET_WORD_GATES, _OWN_FIGURE_GATES

    assert len(_OWN_FIGURE_GATES) > 10
    assert set(_sr001_patterns("own-figures")) == set(_OWN_FIGURE_GATES)
    assert set(_sr001_patterns("market-words")) == set(_MARKET_WORD_GATES)


_OWN_FIGURE_SAMPLES = [
    "Profits at Tesco rose 5% last year.",
    "PROFITS AT TESCO rose 5%.",
    "Pre-tax profits of the Bank of Scotland rose.",
    "Tesco's annual sales rose 5%.",
    "Tesco\u2019s shares fell 3%.",
    "The firm made a profit of \u00a35m.",
    "It posted record losses of $3bn.",
    "The bank will cut 1,200 jobs.",
    "BT is axing 2,000 posts.",
    "Rover has seen a 10% rise in sales.",
    "Its annual profits rose 10%.",
    "The airline\u2019s staff numbers fell by 4%.",
    "Vodafone owns a 45% stake in Verizon.",
    "It bought 12 per\ncent of the firm.",
    "The budget sets out a 5% rise.",
    "Spending plans rise by 3%.",
    "Net income rose 8%, while earnings per share rose 4%.",
    "The firm earned nearly \u20ac3bn.",
    "a 51%-owned unit",
    "Taxes are to be raised from 20% to 22%.",
    "Jobs will go at the plant, 300 of them.",
    "The firm employs about 3,000 people.",
    "Under the deal, 40% of shares change hands.",
    "The council plans to raise taxes by 4%.",
    "Ford has cut 5,000 jobs.",
    "Yukos was fined $3bn.",
    "Glaxo is to invest \u00a3200m.",
    # case twins and odd letters: dotless i, long s, Kelvin sign, capital I with dot
    "Profıts at Tesco rose 5%.",
    "\u017fales at Tesco rose 5%.",
    "The firm \u017fuffered a \u00a31m lo\u017fs.",
    "\u212aeep: Tesco's profİts rose.",
    "Inflation rose 3% in the year to May.",
    "Shares in Tesco rose 5% to 250p.",
    "The FTSE 100 closed 1.2% higher.",
    "The S&P 500 index fell 2%.",
    "Oil prices hit a record $55 a barrel.",
    "The dollar weakened 1% against the euro.",
    "Its IPO raised $1.7bn, a record flotation.",
    "The closing price was 3% above the offer price.",
    "It jumped 8% in early trading on the stock exchange.",
    "It fell 4% on the market.",
    "Sterling rose against the Yen.",
    "ſtockſ fell 3%; ındex down.",
    "About 40% of people agree, a survey suggests.",
    "",
]


@pytest.mark.parametrize("key", ["own-figures", "market-words"])
@pytest.mark.parametrize("text", _OWN_FIGURE_SAMPLES)
def test_gates_are_supersets_of_their_patterns(key: str, text: str) -> None:
    # prefiltered (gated, one pattern at a time) equals unfiltered (one alternation of all)
    from newslint.checks.sourcing import (
        _MARKET_WORD_GATES,
        _OWN_FIGURE_GATES,
        compile_phrases,
        gate_passes,
        gated_patterns,
    )

    gates = _OWN_FIGURE_GATES if key == "own-figures" else _MARKET_WORD_GATES
    patterns = _sr001_patterns(key)
    for pattern in patterns:
        alone = compile_phrases(key, [], [pattern])
        assert alone is not None
        if alone.search(text):
            assert gate_passes(gates[pattern], text), pattern
    whole = compile_phrases(key, [], patterns)
    gated = gated_patterns(key, patterns, gates)
    assert whole is not None and gated is not None
    assert gated.search(text) == (whole.search(text) is not None)


_DEAL_SAMPLES = [
    "It agreed a \u00a35m bid for the club.",
    "He paid $3bn (\u00a31.6bn) takeover fees.",
    "a 5% stake in the firm",
    "\u00a310m in new Bonus payments",
    "$2m Fines were paid",
    "\u00a34m of \u017fettlement money",
    "\u00a34m \u212aitty",
    "a rise of 5% in sales",
    "\u00a33m",
    "",
]


@pytest.mark.parametrize("text", _DEAL_SAMPLES)
def test_deal_noun_gate_is_a_superset_of_deal_after(text: str) -> None:
    # prefiltered (gate, then the pattern) equals unfiltered (the pattern alone) after each number
    from newslint.checks.sourcing import UnattributedStatistic, deal_noun_gate, gate_passes

    config = config_for_all()
    rule = next(r for r in rulebook(config).rules if r.meta.code == "SR001")
    assert isinstance(rule, UnattributedStatistic)
    assert rule.deal_after is not None and rule.deal_after_gate is not None
    for end in range(len(text) + 1):
        if rule.deal_after.match(text, end):
            assert gate_passes(rule.deal_after_gate, text[end:]), (text, end)
    assert deal_noun_gate(["bid", ""]) is None
    assert deal_noun_gate(["bid", "pr\u00e9mio"]) is None


def config_for_all() -> Config:
    from newslint.runner import RunOptions, config_for

    return config_for(Path("."), RunOptions(overrides=Overrides(select=("ALL",)), isolated=True))
