"""Fast paths of the core (packs loader, start-up) give the answers of the slow paths they skip."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

from newslint.packs import _dedent


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
