"""Fast paths of the core (packs loader, start-up) give the answers of the slow paths they skip."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from newslint.packs import _dedent, pack_files

RULES = Path(__file__).resolve().parents[1] / "rules"


def test_dedent_shortcut_is_textwrap_dedent() -> None:
    pieces = ["a", " ", "\t", "\n", "  x", "\n  ", "\n\t", "b\n", "\n \n", "    code\n", "\r", " \t", "\t "]
    rng = random.Random(3)
    for _ in range(40000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _dedent(text) == textwrap.dedent(text), repr(text)


def test_linting_with_the_builtin_packs_does_not_import_regex() -> None:
    # `regex` costs ~15 ms to import; only packs with existence, substitution or
    # occurrence rules, or a custom repetition token, need it.
    code = (
        "import sys, newslint\n"
        "newslint.lint_text('# Head\\n\\nThe the council met on Monday. Mr. Smith said so.\\n')\n"
        "print('regex' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_linting_plain_text_does_not_import_threading() -> None:
    # `threading` costs ~2.6M instructions to import; the families' locks come from `_thread`.
    # (markdown-it imports it for Markdown files.)
    code = (
        "import sys, newslint\n"
        "newslint.lint_text('Council budget\\n\\nThe council met on Monday. It said 40% was spent.\\n', "
        "path='article.txt')\n"
        "print('threading' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_records_behave_like_the_dataclasses_they_replace() -> None:
    # The internal records dropped @dataclass (its generated methods cost ~1 ms per
    # class at import); equality, hashing, repr and frozenness must stay the same.
    import dataclasses
    import pickle

    from newslint.config import Overrides
    from newslint.engine import LintResult, RuleFailure
    from newslint.runner import Outcome, RuleBook, RunResult, Target
    from newslint.suppress import Directive, Suppressions

    @dataclasses.dataclass(frozen=True)
    class RuleFailureDC:
        code: str
        name: str
        source: str
        error: str

    a, b = RuleFailure("AB001", "x", "s", "boom"), RuleFailure("AB001", "x", "s", "boom")
    assert a == b and hash(a) == hash(b) and a != RuleFailure("AB001", "x", "s", "other")
    assert repr(a) == "RuleFailure(" + repr(RuleFailureDC("AB001", "x", "s", "boom")).split("(", 1)[1]
    assert a != RuleFailureDC("AB001", "x", "s", "boom")  # another class is never equal
    for record, name in ((a, "code"), (Directive("ignore", 1, ()), "line"), (LintResult((), ()), "failures")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(record, name)
    assert Directive("ignore", 3, ("BP",)) == Directive("ignore", 3, ("BP",), 0, 0)
    assert repr(Directive("ignore", 3, ("BP",), 1, 2)) == (
        "Directive(kind='ignore', line=3, selectors=('BP',), first=1, last=2)"
    )
    assert {Suppressions(()), Suppressions(())} == {Suppressions(())}
    # the selection cache is neither compared nor shown
    book = RuleBook((), ("e",))
    book._selections["k"] = ((), {})
    assert book == RuleBook((), ("e",)) and repr(book) == "RuleBook(rules=(), errors=('e',))"
    # mutable records: compared, unhashable, fresh default lists, picklable (worker results)
    outcome = Outcome()
    outcome.fixed = 2
    assert outcome == Outcome(fixed=2) and outcome.violations is not Outcome().violations
    assert repr(Outcome()) == "Outcome(violations=[], errors=[], fixed=0, diff='')"
    assert RunResult().fail_on == RunResult(files=0).fail_on
    with pytest.raises(TypeError):
        hash(outcome)
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    target = Target("a.md", Overrides())  # type: ignore[arg-type]  # any picklable value will do
    assert pickle.loads(pickle.dumps(target)) == target
    directive = Directive("ignore", 3, ("BP",), 1, 2)
    assert pickle.loads(pickle.dumps(directive)) == directive
    # replace() like dataclasses.replace; defaults as before
    from newslint.runner import RunOptions

    options = RunOptions(jobs=3)
    assert options.replace(fix=True) == RunOptions(jobs=3, fix=True) and not options.fix
    assert RunOptions().overrides == Overrides() and hash(Overrides()) == hash(Overrides())
    assert Overrides(select=("BP",)) != Overrides() and RunOptions().max_bytes == 10 * 1024 * 1024


def test_help_width_is_shutils(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI's help formatter sizes itself without importing shutil; same width.
    import shutil

    from newslint.cli import _terminal_columns

    for columns in (None, "", "abc", "0", "-5", "40", "132"):
        for lines in (None, "0", "30"):
            for name, value in (("COLUMNS", columns), ("LINES", lines)):
                if value is None:
                    monkeypatch.delenv(name, raising=False)
                else:
                    monkeypatch.setenv(name, value)
            assert _terminal_columns() == shutil.get_terminal_size().columns, (columns, lines)


def test_a_one_file_run_skips_json_and_shutil() -> None:
    code = (
        "import sys\n"
        "from newslint.cli import main\n"
        "try:\n    main(['-'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('json', 'shutil') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input="# Head\n\nThe council met.\n", capture_output=True, text=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_public_records_keep_the_generated_dataclass_methods() -> None:
    # The public records take __eq__/__hash__/__repr__ from DataclassMethods instead
    # of having @dataclass compile them at every start-up; each must answer exactly
    # as a twin declared with plain @dataclass(frozen=True) and the same fields.
    import dataclasses
    import pickle
    from pathlib import Path

    from newslint.config import Config
    from newslint.document import Block, FrontMatter, Link, parse
    from newslint.model import Edit, FileError, Finding, Fix, Position, RuleMeta, Severity, Span, Violation
    from newslint.report import Report
    from newslint.settings import Settings

    def twin(record: object) -> object:
        cls = type(record)
        specs = [
            (f.name, f.type, dataclasses.field(compare=f.compare, hash=f.hash, repr=f.repr))
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        ]
        twin_cls = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
        twin_cls.__qualname__ = cls.__qualname__
        return twin_cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(cls)})  # type: ignore[arg-type]

    span, fix = Span(1, 4), Fix("t", (Edit(Span(0, 1), "x"),), safe=False)
    meta = RuleMeta("AB123", "a-b", "style", Severity.ERROR, "m", doc={"why": "w"})
    doc = parse("a.md", "# Head\n\nText [link](http://x.y).\n")
    samples: list[tuple[object, object]] = [
        (span, Span(1, 5)),
        (Position(2, 3), Position(3, 2)),
        (Edit(span), Edit(span, "y")),
        (fix, Fix("t", fix.edits)),
        (Finding(span, "m", fix), Finding(span, "m")),
        (meta, dataclasses.replace(meta, code="AB124")),
        (
            Violation("p", "AB123", "a-b", "style", Severity.INFO, "m", Position(1, 1), Position(1, 2)),
            Violation("q", "AB123", "a-b", "style", Severity.INFO, "m", Position(1, 1), Position(1, 2)),
        ),
        (FileError("p", "m"), FileError("p", "n")),
        (Block("paragraph", span, "abc"), Block("heading", span, "abc", 1)),
        (Link(span, "t", "u"), Link(span, "t", "v")),
        (FrontMatter(3, {}, None, "bad"), FrontMatter(4, {}, None, None)),
        (Config(root=Path("/x")), Config(root=Path("/y"))),
        (Settings(), Settings({"a": {"b": 1}})),
        (Report(()), Report((), (FileError("p", "m"),))),
        (doc, parse("a.md", "other\n")),
    ]
    for record, other in samples:
        assert dataclasses.is_dataclass(record)
        copy, expected = dataclasses.replace(record), twin(record)  # type: ignore[type-var]
        assert repr(record) == repr(expected)
        assert record == copy and (record != copy) is False and record != other and record != expected
        if type(record) not in (Settings, FrontMatter):  # hold dicts or lists
            assert hash(record) == hash(copy) == hash(expected)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, dataclasses.fields(record)[0].name, None)
    # compare=False fields are neither compared nor hashed (RuleMeta.doc)
    assert meta == dataclasses.replace(meta, doc={}) and hash(meta) == hash(dataclasses.replace(meta, doc={}))
    assert pickle.loads(pickle.dumps(Finding(span, "m", fix))) == Finding(span, "m", fix)


def test_case_twins_are_every_non_ascii_character_an_ascii_letter_matches_ignoring_case() -> None:
    # The families lower-case a text for a literal prefilter only when it has none of these:
    # prove they are all the non-ASCII characters an ASCII letter matches under IGNORECASE.
    from newslint.patterns import CASE_TWINS, has_case_twin

    letter = re.compile(r"[a-z]", re.IGNORECASE)
    twins = {chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))}
    assert twins == set(CASE_TWINS)
    assert has_case_twin("Kelvin \u212a") and has_case_twin("\u017fecond")
    assert not has_case_twin("plain ascii") and not has_case_twin("café naïve")


def test_lazy_pattern_compiles_on_first_use_and_behaves_like_the_pattern() -> None:
    from newslint.patterns import LazyPattern

    lazy = LazyPattern(r"\b(\w)(\w*)", re.IGNORECASE)
    assert lazy._compiled is None
    text = "Two words"
    real = re.compile(lazy.pattern, lazy.flags)
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub(lambda m: m[1].upper() + m[2], text) == "Two Words"
    assert [m.span() for m in lazy.finditer(text, 1)] == [m.span() for m in real.finditer(text, 1)]
    assert lazy.compiled is lazy.compiled


def test_filled_translation_tables_translate_as_the_plain_ones() -> None:
    from newslint.patterns import translation_table

    rng = random.Random(7)
    alphabet = "ab Z09.,;:!?()\"'“”‘’\n\t\r\xa0£é—İſK\u212a\x00\x7f"
    tables: list[dict[int, Any]] = [
        str.maketrans({c: " " for c in ".,;:!?()\"'“”‘’"}),
        str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\xa0": " "}),
        str.maketrans("", "", '!"#%&()*+,-./:;<=>?@[\\]^_`{|}~“”‘«»–—…•·'),
    ]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(500)]
    texts.append("".join(map(chr, range(256))))
    for table in tables:
        filled = translation_table(table)
        assert all(text.translate(filled) == text.translate(table) for text in texts)


def test_records_compare_and_hash_only_the_fields_they_name() -> None:
    import dataclasses

    from newslint._record import Record

    class Spec(Record):
        __slots__ = ("cache", "code", "table")
        _fields = ("code", "table", "cache")
        _compared = ("code", "table")
        _hashed = ("code",)

        def __init__(self, code: str, table: tuple[str, ...], cache: object) -> None:
            object.__setattr__(self, "code", code)
            object.__setattr__(self, "table", table)
            object.__setattr__(self, "cache", cache)

    @dataclasses.dataclass(frozen=True)
    class Generated:
        code: str
        table: tuple[str, ...] = dataclasses.field(hash=False)
        cache: object = dataclasses.field(compare=False)

    pairs = [(("A", ("x",), 1), ("A", ("x",), 2)), (("A", ("x",), 1), ("A", ("y",), 1))]
    pairs.append((("A", ("x",), 1), ("B", ("x",), 1)))
    for left, right in pairs:
        assert (Spec(*left) == Spec(*right)) == (Generated(*left) == Generated(*right))
        same_hash = hash(Generated(*left)) == hash(Generated(*right))
        assert (hash(Spec(*left)) == hash(Spec(*right))) == same_hash


def test_pack_files_lists_what_rglob_does(tmp_path: Path) -> None:
    # `pack_files` walks with os.scandir instead of pathlib's glob; the same files in
    # the same order, `data` folders skipped, folder links not followed.
    def by_rglob(directory: Path) -> list[Path]:
        found = directory.rglob("*.toml")
        return sorted(p for p in found if "data" not in p.relative_to(directory).parts[:-1])

    names = [
        "a-b.toml", "a/b.toml", "a/data/x.toml", "data/y.toml", "x/data.toml", "z/deep/data/q.toml",
        "z/deep/ok.toml", ".hidden/h.toml", "B.toml", "b.TOML", "notes.txt", "dir.toml/inner.toml",
    ]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder-link").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "file-link.toml").symlink_to(tmp_path / "a" / "b.toml")
    assert pack_files(tmp_path) == by_rglob(tmp_path)
    assert "a/data/x.toml" not in {p.relative_to(tmp_path).as_posix() for p in pack_files(tmp_path)}
    assert pack_files(RULES) == by_rglob(RULES)
    assert pack_files(tmp_path / "missing") == []
