"""Pre-parsed rule packs (`parsed-packs.marshal`, shipped in a built wheel).

An entry is used only when the rule file still holds the text it was parsed from;
anything else (an edited file, a damaged or foreign cache) falls back to TOML.
The wheel's own cache is checked in tests/test_wheel.py.
"""

from __future__ import annotations

import marshal
import shutil
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from newslint.builtin import newslint_rule_types, newslint_settings
from newslint.document import parse
from newslint.packs import PARSED_PACKS, LoadedPacks, load_packs, pack_files, read_parsed_packs
from newslint.resources import rules_dir
from newslint.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

RULE = """\
code = "XX950"
name = "cached-rule"
category = "style"
severity = "warning"
type = "existence"
message = "from the TOML file"
tokens = ["alpha"]

[docs]
what = "w"
why = "y"
example = "e"
instead = "i"
"""


def _load(directory: Path) -> LoadedPacks:
    return load_packs([directory], newslint_rule_types(), Settings.build(newslint_settings(), {}))


def _pack(tmp_path: Path, entries: Any) -> Path:
    rule = tmp_path / "style" / "XX950-cached-rule.toml"
    rule.parent.mkdir()
    rule.write_text(RULE, encoding="utf-8")
    (tmp_path / PARSED_PACKS).write_bytes(marshal.dumps(entries))
    return tmp_path


def _data(message: str) -> dict[str, object]:
    data = tomllib.loads(RULE)
    data["message"] = message
    return data


def test_entry_for_the_same_text_is_used(tmp_path: Path) -> None:
    pack = _pack(tmp_path, {"style/XX950-cached-rule.toml": (RULE, _data("from the cache"))})
    loaded = _load(pack)
    assert loaded.errors == ()
    assert [r.meta.message for r in loaded.rules] == ["from the cache"]


def test_entry_for_other_text_is_ignored(tmp_path: Path) -> None:
    old_text = RULE.replace("alpha", "beta")
    pack = _pack(tmp_path, {"style/XX950-cached-rule.toml": (old_text, _data("stale"))})
    assert [r.meta.message for r in _load(pack).rules] == ["from the TOML file"]


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    pack = _pack(tmp_path, {})
    (pack / PARSED_PACKS).write_bytes(b"\x00not marshal data")
    assert read_parsed_packs(pack) == {}
    assert [r.meta.message for r in _load(pack).rules] == ["from the TOML file"]


def test_entries_of_the_wrong_shape_are_dropped(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        {
            "style/XX950-cached-rule.toml": [RULE, _data("a list, not a pair")],
            "a.toml": (RULE,),
            "b.toml": (RULE, "not a table"),
            "c.toml": (RULE, {"code": "XX951"}),
        },
    )
    assert list(read_parsed_packs(pack)) == ["c.toml"]
    assert [r.meta.message for r in _load(pack).rules] == ["from the TOML file"]


def test_a_broken_file_is_still_reported_by_key(tmp_path: Path) -> None:
    pack = _pack(tmp_path, {"style/XX950-cached-rule.toml": (RULE, _data("cached"))})
    (pack / "style" / "XX950-cached-rule.toml").write_text('code = "XX950\n', encoding="utf-8")
    (error,) = _load(pack).errors
    assert str(error).startswith(f"{pack / 'style' / 'XX950-cached-rule.toml'}: toml: not valid TOML")


def test_built_in_packs_load_the_same_from_a_cache(tmp_path: Path) -> None:
    # What hatch_build.py writes for a wheel: every rule file's text and its TOML data.
    source = rules_dir()
    entries = {}
    for path in pack_files(source):
        text = path.read_text(encoding="utf-8")
        entries[path.relative_to(source).as_posix()] = (text, tomllib.loads(text))
    copy = tmp_path / "rules"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", PARSED_PACKS))
    (copy / PARSED_PACKS).write_bytes(marshal.dumps(entries))
    assert len(read_parsed_packs(copy)) == len(entries) > 30
    settings = Settings.build(newslint_settings(), {})
    with_cache = load_packs([copy], newslint_rule_types(), settings)
    from_toml = load_packs([source], newslint_rule_types(), settings)
    assert with_cache.errors == from_toml.errors == ()

    def described(loaded: LoadedPacks) -> list[tuple[object, ...]]:
        return [(replace(r.meta, source=""), r.meta.doc) for r in loaded.rules]

    assert described(with_cache) == described(from_toml)
    total = 0
    for example in sorted(EXAMPLES.iterdir()):
        doc = parse(str(example), example.read_text(encoding="utf-8"))
        found = [list(r.check(doc)) for r in with_cache.rules]
        assert found == [list(r.check(doc)) for r in from_toml.rules]
        total += sum(map(len, found))
    assert total > 10  # the content-farm example has findings of several families
