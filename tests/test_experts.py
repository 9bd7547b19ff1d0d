"""Unit tests for the experts family (newslint.checks.experts): pure string analysis and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checks import experts as ex
from newslint.config import Config
from newslint.document import parse
from newslint.model import RuleMeta, Severity
from newslint.packs import PackError
from newslint.runner import lint_text
from newslint.settings import Settings


def flagged(text: str, headline: str = "", config: ex.Config | None = None) -> dict[str, ex.Assessment]:
    """Assessments over the threshold, by name."""
    config = config or ex.Config()
    view = ex.TextView.from_text(text, headline)
    return {a.mention.name: a for a in ex.assess(view, config) if a.score >= config.threshold}


def scores(text: str) -> dict[str, float]:
    return {a.mention.name: a.score for a in ex.assess(ex.TextView.from_text(text))}


# ----------------------------------------------------------------- registry


def test_name_tokens_ignore_case_stopwords_and_spelling() -> None:
    assert ex.org_key("the Institute of Fiscal Studies") == ex.org_key("Institute for Fiscal Studies")
    assert ex.org_key("Centre for Cities") == ex.org_key("Center for Cities")
    assert ex.name_tokens("King's College London") == ("king", "college", "london")


@pytest.mark.parametrize(
    "name",
    [
        "International Institute for Strategic Studies",
        "IISS",
        "Institute for National Strategic Studies",
        "Institute for Security Studies",
        "Institute for the Study of War",
        "Center for Strategic and International Studies",
        "Institute for Fiscal Studies",
        "Institute of Fiscal Studies",
        "Institute for Government",
        "Max Planck Institute for Demographic Research",
        "Pew Research Center",
        "Chatham House",
        "Bank of England",
        "Office for National Statistics",
        "University of Surrey",
        "Yale",
        "KU Leuven",
    ],
)
def test_known_institutions(name: str) -> None:
    verdict = ex.classify_org(name, ex.registry(), ex.generic_words())
    assert verdict.kind == "known", verdict


def test_near_miss_names_the_real_institutions() -> None:
    verdict = ex.classify_org("Institute for Strategic Studies", ex.registry(), ex.generic_words())
    assert verdict.kind == "near-miss"
    assert "International Institute for Strategic Studies" in verdict.canonical
    assert "Institute for National Strategic Studies" in verdict.canonical


def test_near_miss_catches_a_misspelling() -> None:
    verdict = ex.classify_org("Brookings Instution", ex.registry(), ex.generic_words())
    assert verdict.kind == "near-miss"
    assert verdict.canonical == ("Brookings Institution",)


@pytest.mark.parametrize(
    "name",
    [
        "Institute for Urban Mobility Studies",
        "Global Space Policy Institute",
        "Center for Academic Futures",
        "Global Energy Insights",
        "National Institute for Consumer Research",
    ],
)
def test_generic_unknown_institutions(name: str) -> None:
    assert ex.classify_org(name, ex.registry(), ex.generic_words()).kind == "generic"


@pytest.mark.parametrize(
    "name", ["Ebersbach & Roth", "Sparebanken Vest", "Harrow & Lane Securities", "Strategy Insight"]
)
def test_other_names_are_not_generic(name: str) -> None:
    assert ex.classify_org(name, ex.registry(), ex.generic_words()).kind == "other"


def test_extra_known_institutions_from_settings() -> None:
    reg = ex.registry(("Institute for Urban Mobility Studies",))
    assert ex.classify_org("Institute for Urban Mobility Studies", reg, ex.generic_words()).kind == "known"


@pytest.mark.parametrize("scans", [0, 10**9])
def test_university_index_equals_the_full_key_table(scans: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # all look-ups by the word -> lines index, or (a sample) by scanning the text
    monkeypatch.setattr(ex, "_SCANS", scans)
    names = ex._university_names()
    generic = ex.generic_words().all_words
    full = ex.university_exact(names, generic)
    index = ex.UniversityIndex(names, generic)
    assert len(full) > 10_000
    keys = list(full) if not scans else list(full)[::25]
    for key in keys:
        assert index.get(key) == full[key], key
    # keys no name has: a word too many or too few, generic rests, normalised spellings
    for key in keys[:2000:3] if scans else keys[:2000]:
        for other in (key | {"zzz"}, key - {max(key, key=len)}, key | {"university"}):
            if other:
                assert index.get(other) == full.get(other), other
    for words in ("center", "technology", "ge", "university", "london", "labor", "state university"):
        key = frozenset(words.split())
        assert index.get(key) == full.get(key), key


@pytest.mark.parametrize("scans", [0, 10**9])
def test_university_index_on_a_small_list(scans: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "_SCANS", scans)
    names = ["Yale University", "University of Yale", "Centre for Trees", "University of Research", "A&M"]
    index = ex.UniversityIndex(names, frozenset({"research"}))
    assert index.get(frozenset({"yale", "university"})) == "Yale University"
    assert index.get(frozenset({"yale"})) == "Yale University"  # the first name with that rest
    assert index.get(frozenset({"center", "trees"})) == "Centre for Trees"
    assert index.get(frozenset({"research"})) is None  # a generic rest is no key
    assert index.get(frozenset({"m"})) is None
    assert index.get(frozenset({"a&m"})) == "A&M"
    assert ex.university_exact(names, frozenset({"research"})) == {
        frozenset({"yale", "university"}): "Yale University",
        frozenset({"yale"}): "Yale University",
        frozenset({"center", "trees"}): "Centre for Trees",
        frozenset({"university", "research"}): "University of Research",
        frozenset({"a&m"}): "A&M",
    }


def test_machine_names_data() -> None:
    names = ex.machine_names()
    assert ("aris", "thorne") in names.pairs
    assert names.first["elara"] == 1
    # Common real surnames are never machine-name signals on their own.
    for surname in ("chen", "sharma", "petrova", "tanaka", "reed", "patel"):
        assert surname not in names.surnames


# ----------------------------------------------------------------- extraction


def test_finds_titled_appositive_and_pre_role_mentions() -> None:
    text = (
        "Dr. Jane Holt, a transport economist at the Centre for Cities, said fares would rise.\n"
        '"It will pass," said political analyst Dr. James Whitaker of the Institute for Democratic Studies.\n'
        "Tom Field, an analyst at Capital Economics, agreed.\n"
    )
    found = {m.name: m for m in ex.find_mentions(ex.TextView.from_text(text))}
    assert set(found) == {"Jane Holt", "James Whitaker", "Tom Field"}
    assert found["Jane Holt"].title == "Dr"
    assert "transport economist" in found["Jane Holt"].role
    assert found["James Whitaker"].title == "Dr"


def test_name_span_points_at_the_name() -> None:
    text = "Experts disagree. Professor Daniel Hartley, a renowned economist, said so."
    (mention,) = ex.find_mentions(ex.TextView.from_text(text))
    assert text[mention.name_start : mention.name_end] == "Daniel Hartley"


def test_plural_and_adjective_uses_are_not_mentions() -> None:
    text = (
        "Near the Quagga Project, scientists have bred zebras.\n"
        "He beat fellow Russian Ivan Petrov in the final.\n"
        "Dr Sepp's study was published in May.\n"
    )
    names = [m.name for m in ex.find_mentions(ex.TextView.from_text(text))]
    assert "Quagga Project" not in names
    assert "Ivan Petrov" not in names
    assert names == ["Sepp"]


# ----------------------------------------------------------------- scoring


def test_seed_style_expert_is_flagged_with_the_near_miss() -> None:
    text = (
        'Expert Insight: "It is a strategic move," explains Dr. Anya Petrova, a geopolitical '
        "analyst at the Institute for Strategic Studies.\n"
    )
    hits = flagged(text)
    assert "Anya Petrova" in hits
    reasons = " ".join(hits["Anya Petrova"].reasons)
    assert "did you mean the International Institute for Strategic Studies" in reasons
    assert "expert box" in reasons
    assert "machine-written" in reasons


@pytest.mark.parametrize(
    "sentence",
    [
        '"A game-changer," said Dr. Aris Thorne, an astrophysicist at the Global Space Policy Institute.',
        "Dr. Sarah Mitchell, a leading immunologist, called the results exciting.",
        '"Worse to come," said structural engineering expert Dr. Michael Harrington, who has decades '
        "of experience in infrastructure.",
        '"Households are squeezed," said Dr. Emily Carter, a consumer economist at the National '
        "Institute for Consumer Research.",
        '"Europe must act," said Dr. Helena Voss, Chief Analyst at Global Energy Insights.',
    ],
)
def test_invented_looking_experts_are_flagged(sentence: str) -> None:
    assert flagged(sentence), ex.assess(ex.TextView.from_text(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        '"Budgets will be tight," said Fiona Hale, a senior fellow at the Brookings Institution.',
        "Helen Marsh-Okoye, a research economist at the Institute for Fiscal Studies, said so.",
        "Dr. Jonas Weber, a demographer at the Max Planck Institute for Demographic Research, agreed.",
        "Analyst Kofi Mensah of the Institute for Security Studies said the talks would fail.",
        '"We will cope," said Dr. Naomi Fraser, the trust\'s medical director.',
        "Dr. Priya Sharma, a lecturer in epidemiology at the University of Leeds, said it was mild.",
        '"Calm," said Met Office meteorologist Aidan Quigley.',
        "Dr. Marcus Chen, the hospital's head of emergency medicine, said staff coped. Chen said more.",
        "Karen Doyle, regional organiser for the drivers' union, said members were angry.",
        "Dr Andrew Burn, associate director of the Institute of Education's Centre for the Study of "
        "Children, Youth and Media, said games belonged in class.",
    ],
)
def test_real_looking_experts_are_not_flagged(sentence: str) -> None:
    assert flagged(sentence) == {}


def test_a_machine_favoured_surname_alone_never_flags() -> None:
    text = "Dr. Li Chen, a virologist at the University of Hong Kong, said the strain was mild."
    assert flagged(text) == {}
    text = "Dr. Lena Petrova, a research fellow at Chatham House, said the talks would stall."
    assert flagged(text) == {}


def test_subject_of_the_story_is_never_flagged() -> None:
    text = "Professor Evelyn Reed, a fire scientist at the Global Wildfire Research Centre, retires."
    assert "Evelyn Reed" in flagged(text)
    assert flagged(text, headline="Professor Evelyn Reed retires after thirty years") == {}


def test_known_sources_from_settings_are_never_flagged() -> None:
    text = "Professor Evelyn Reed, a fire scientist at the Global Wildfire Research Centre, retires."
    config = ex.Config(known_sources=frozenset({"evelyn reed"}))
    assert flagged(text, config=config) == {}


def test_repeated_and_linked_names_count_against() -> None:
    once = "Dr. Olivia Bennett, a higher education analyst at the Center for Academic Futures, spoke."
    again = once + " Bennett said fees would rise. Bennett added that demand was strong."
    assert scores(again)["Olivia Bennett"] < scores(once)["Olivia Bennett"]
    assert flagged(again) == {}


def test_threshold_and_weights_are_configurable() -> None:
    text = "Dr. Olivia Bennett, a higher education analyst at the Center for Academic Futures, spoke."
    assert flagged(text)
    assert flagged(text, config=ex.Config(threshold=10.0)) == {}
    weights = dict(ex.DEFAULT_WEIGHTS, **{"invented-institution": 0.0})
    assert flagged(text, config=ex.Config(weights=weights)) == {}


# ----------------------------------------------------------------- anonymous


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            '"Never seen it," says one veteran cocoa trader with more than 25 years of experience.',
            "one veteran cocoa trader with more than 25 years of experience",
        ),
        ("Prices could double, a leading economist warned.", "a leading economist"),
        ("Industry insiders say two plants will close.", "Industry insiders"),
    ],
)
def test_anonymous_authorities_are_found(text: str, phrase: str) -> None:
    found = ex.find_anonymous(ex.TextView.from_text(text))
    assert [a.phrase for a in found] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Experts say the shortage could last, and analysts expect high prices.",
        "A senior trader, who spoke on condition of anonymity, said buyers were paying more.",
        '"Sellers\' market," said a leading economist at Capital Economics.',
        'A leading expert on farming says the crisis is old. "It is," says Ama Owusu, an adviser.',
        "A top Ghanaian economist, Kwame Asante, said prices should rise.",
        "The finance director, a veteran of the industry, said prices would rise.",
        "It was a leading indicator of demand, the bank said.",
    ],
)
def test_anonymous_traps_are_quiet(text: str) -> None:
    assert ex.find_anonymous(ex.TextView.from_text(text)) == []


# ----------------------------------------------------------------- rules and configuration


def _meta(code: str = "EX001") -> RuleMeta:
    return RuleMeta(code, "unverifiable-expert", "experts", Severity.WARNING, "{name}: {reasons}")


def test_rule_type_reads_threshold_and_weights() -> None:
    rule = ex.unverifiable_expert(_meta(), {"threshold": 2, "weights": {"callout": 4}}, Settings())
    assert rule.config.threshold == 2.0
    assert rule.config.weights["callout"] == 4.0
    assert rule.config.weights["single-mention"] == ex.DEFAULT_WEIGHTS["single-mention"]


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"weights": {"bogus": 1}}, "weights.bogus"),
        ({"weights": {"callout": "x"}}, "weights.callout"),
        ({"threshold": "high"}, "threshold"),
        ({"colour": 1}, "colour"),
    ],
)
def test_rule_type_rejects_bad_keys(options: dict[str, object], key: str) -> None:
    with pytest.raises(PackError) as info:
        ex.unverifiable_expert(_meta(), options, Settings())
    assert info.value.key == key


def test_rule_reports_at_the_name_span() -> None:
    source = (
        "# Title\n\nDr. Elara Voss, a senior researcher at the Center for Advanced Policy Insights, spoke.\n"
    )
    rule = ex.unverifiable_expert(_meta(), {}, Settings())
    (finding,) = list(rule.check(parse("a.md", source)))
    assert source[finding.span.start : finding.span.end] == "Elara Voss"
    assert finding.message.startswith("Dr. Elara Voss: ")


def test_settings_known_sources_through_configuration(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Fares to rise\n\nDr. Elara Voss, a senior researcher at the Center for Advanced Policy "
        "Insights, said fares would rise.\n",
        encoding="utf-8",
    )
    plain = lint_text(str(article), article.read_text(), Config(root=tmp_path, select=("EX001",)))
    assert [v.code for v in plain.violations] == ["EX001"]
    known = Config(
        root=tmp_path, select=("EX001",), settings={"experts": {"known-sources": ["Dr. Elara Voss"]}}
    )
    quiet = lint_text(str(article), article.read_text(), known)
    assert quiet.violations == []
    extra = {"experts": {"known-institutions": ["Center for Advanced Policy Insights"]}}
    institutions = Config(root=tmp_path, select=("EX001",), settings=extra)
    assert lint_text(str(article), article.read_text(), institutions).violations == []


def test_data_files_carry_licences_and_sources() -> None:
    from newslint.resources import rules_path

    data = rules_path("experts/data")
    assert "MIT" in (data / "universities.LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in (data / "antislop.LICENSE").read_text(encoding="utf-8")
    notice = (data / "NOTICE").read_text(encoding="utf-8")
    assert "antislop-sampler" in notice and "university-domains-list" in notice
    assert "bb07faf" in (data / "universities.txt").read_text(encoding="utf-8")[:400]


def test_builtin_experts_patterns_compile() -> None:
    # The module's patterns compile on first use, not at import: compile every one here so a
    # broken pattern fails the suite rather than the first article that reaches it.
    import newslint.checks.experts as experts
    from newslint.patterns import LazyPattern

    lazy = [v for v in vars(experts).values() if isinstance(v, LazyPattern)]
    assert len(lazy) > 20
    for pattern in lazy:
        assert pattern.compiled.pattern == pattern.pattern
