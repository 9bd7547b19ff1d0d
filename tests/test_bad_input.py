"""Bad input never crashes newslint.

Every problem file, configuration, pack or plugin gives one clear line on
standard error naming it (`path: what is wrong`), never a traceback; every
other file is still linted; the run exits 2 at the end. An empty (or blank)
file is not an error: there is nothing to lint, so it is skipped silently. A
file without a headline is not an error either: it is linted like any other.

The rule ST001 (repeated word) stands in for "the rules ran": every good file
here has one doubled word.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint import hookimpl
from newslint.cli import main
from newslint.model import Finding, RuleMeta, Severity
from newslint.plugins import get_plugins
from newslint.runner import _RULEBOOKS

GOOD = "# Council sets its budget\n\nThe council said the the budget would rise.\n"
GOOD_FINDING = "3:18: ST001 'the' is repeated: delete one of them."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def lint(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--output-format", "concise", *args], stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


def assert_clean_errors(run: Run, expected: dict[str, str]) -> None:
    """stderr holds exactly one line per problem path, starting `path: `, and no traceback."""
    assert "Traceback" not in run.err
    assert len(run.err_lines) == len(expected), run.err
    for path, fragment in expected.items():
        lines = [line for line in run.err_lines if line.startswith(f"{path}: ")]
        assert len(lines) == 1, (path, run.err)
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def huge_file(path: Path, size: int = 50 * 1024 * 1024) -> Path:
    """A 50 MiB file, created sparse (instant, no disk used)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


# ----------------------------------------------------------------- files


def test_missing_path(folder: Path) -> None:
    write(folder / "good.md", GOOD)
    run = lint("good.md", "missing.md", "gone/")
    assert run.code == 2
    assert_clean_errors(
        run,
        {
            "missing.md": "cannot read: no such file or directory",
            "gone/": "cannot read: no such file or directory",
        },
    )
    assert run.out == f"good.md:{GOOD_FINDING}\n"


def test_mixed_directory_lints_articles_and_ignores_other_files(folder: Path) -> None:
    write(folder / "news/a.md", GOOD)
    write(folder / "news/b.txt", "Library opens\n\nIt was was late on Saturday.\n")
    write(folder / "news/photo.png", PNG)
    write(folder / "news/data.json", '{"the the": 1}\n')
    write(folder / "news/.hidden.md", GOOD)
    run = lint("news")
    assert run.err == ""
    assert run.code == 1
    assert run.out.splitlines() == [
        f"news/a.md:{GOOD_FINDING}",
        "news/b.txt:3:4: ST001 'was' is repeated: delete one of them.",
    ]


def test_binary_file_named_md(folder: Path) -> None:
    write(folder / "good.md", GOOD)
    write(folder / "picture.md", PNG)
    run = lint("good.md", "picture.md")
    assert run.code == 2
    assert_clean_errors(run, {"picture.md": "cannot read: binary file, not text"})
    assert run.out == f"good.md:{GOOD_FINDING}\n"


def test_binary_md_inside_a_directory(folder: Path) -> None:
    write(folder / "news/good.md", GOOD)
    write(folder / "news/picture.md", PNG)
    run = lint("news")
    assert run.code == 2
    assert_clean_errors(run, {"news/picture.md": "cannot read: binary file, not text"})
    assert run.out == f"news/good.md:{GOOD_FINDING}\n"


def test_invalid_utf8(folder: Path) -> None:
    write(folder / "good.md", GOOD)
    write(folder / "latin1.txt", "Café owners\n\nThe café shut.\n".encode("latin-1"))
    run = lint("good.md", "latin1.txt")
    assert run.code == 2
    assert_clean_errors(run, {"latin1.txt": "cannot read: not UTF-8 text (byte 0xe9 at offset 3)"})
    assert run.out == f"good.md:{GOOD_FINDING}\n"


@pytest.mark.parametrize("content", ["", "\n\n", "   \n\t\n"])
def test_empty_or_blank_file_is_skipped_silently(folder: Path, content: str) -> None:
    write(folder / "empty.md", content)
    run = lint("empty.md")
    assert (run.code, run.out, run.err) == (0, "", "")
    write(folder / "good.md", GOOD)
    run = lint("empty.md", "good.md")
    assert (run.code, run.err) == (1, "")
    assert run.out == f"good.md:{GOOD_FINDING}\n"


def test_50_mb_file_is_refused_with_one_line(folder: Path) -> None:
    write(folder / "good.md", GOOD)
    huge_file(folder / "huge.md")
    run = lint("good.md", "huge.md")
    assert run.code == 2
    assert_clean_errors(run, {"huge.md": "skipped: file is 50.0 MiB, over the 10 MiB limit for an article"})
    assert run.out == f"good.md:{GOOD_FINDING}\n"


def test_50_mb_file_in_a_directory(folder: Path) -> None:
    write(folder / "news/good.md", GOOD)
    huge_file(folder / "news/huge.txt")
    run = lint("news")
    assert run.code == 2
    assert_clean_errors(run, {"news/huge.txt": "skipped: file is 50.0 MiB"})
    assert run.out == f"news/good.md:{GOOD_FINDING}\n"


def test_file_without_headline_is_linted(folder: Path) -> None:
    write(folder / "nohead.md", "The council said the the budget would rise.\n\nIt met on Monday.\n")
    write(folder / "nohead.txt", "\n\n")  # blank: nothing to lint
    write(folder / "list.md", "- the the first item\n- a second item\n")
    run = lint("nohead.md", "nohead.txt", "list.md")
    assert run.err == ""
    assert run.code == 1
    assert run.out.splitlines() == [
        "list.md:1:3: ST001 'the' is repeated: delete one of them.",
        "nohead.md:1:18: ST001 'the' is repeated: delete one of them.",
    ]


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "front matter is not valid YAML"),
        ("+++\ntitle = \n+++\n", "front matter is not valid TOML"),
        ("---\n- just\n- a list\n---\n", "front matter is not a mapping of keys to values"),
    ],
)
def test_broken_front_matter_is_named_and_the_body_still_linted(
    folder: Path, front_matter: str, message: str
) -> None:
    write(folder / "article.md", front_matter + "\nThe council said the the budget would rise.\n")
    run = lint("article.md")
    assert run.code == 2
    assert_clean_errors(run, {"article.md": message})
    assert "ST001 'the' is repeated" in run.out


def test_every_bad_file_at_once_one_line_each(folder: Path) -> None:
    """The issue's list in one run, through the process pool (-j 2) and in one process."""
    write(folder / "good.md", GOOD)
    write(folder / "picture.md", PNG)
    write(folder / "latin1.txt", b"Caf\xe9\n\nThe caf\xe9 shut.\n")
    write(folder / "empty.md", "")
    huge_file(folder / "huge.md")
    write(folder / "nohead.md", "\nit was was late.\n")
    names = ["good.md", "missing.md", "picture.md", "latin1.txt", "empty.md", "huge.md", "nohead.md"]
    expected = {
        "missing.md": "cannot read: no such file or directory",
        "picture.md": "cannot read: binary file, not text",
        "latin1.txt": "cannot read: not UTF-8 text",
        "huge.md": "skipped: file is 50.0 MiB",
    }
    runs = [lint("-j", jobs, *names) for jobs in ("1", "2")]
    for run in runs:
        assert run.code == 2
        assert_clean_errors(run, expected)
        assert run.out.splitlines() == [
            f"good.md:{GOOD_FINDING}",
            "nohead.md:2:4: ST001 'was' is repeated: delete one of them.",
        ]
    assert runs[0] == runs[1]


# ----------------------------------------------------------------- configuration


def test_config_with_unknown_key(folder: Path) -> None:
    write(folder / "good/a.md", GOOD)
    write(folder / "bad/a.md", GOOD)
    write(folder / "bad/newslint.toml", 'select = ["ST"]\nbogus-key = 1\n')
    run = lint("good", "bad")
    assert run.code == 2
    assert_clean_errors(run, {"bad": "newslint.toml: bogus-key: unknown key"})
    assert str(folder / "bad" / "newslint.toml") in run.err
    assert run.out == f"good/a.md:{GOOD_FINDING}\n"


def test_config_that_is_not_toml(folder: Path) -> None:
    write(folder / "good/a.md", GOOD)
    write(folder / "bad/a.md", GOOD)
    write(folder / "bad/newslint.toml", "select = [\n")
    run = lint("good", "bad/a.md")
    assert run.code == 2
    assert_clean_errors(run, {"bad/a.md": "newslint.toml: toml: not valid TOML"})
    assert run.out == f"good/a.md:{GOOD_FINDING}\n"


def test_pyproject_with_bad_value(folder: Path) -> None:
    write(folder / "a.md", GOOD)
    write(folder / "pyproject.toml", '[tool.newslint]\nfail-on = "sometimes"\n')
    write(folder / "other/b.md", GOOD)
    write(folder / "other/newslint.toml", "")  # its own (default) configuration
    run = lint("a.md", "other/b.md")
    assert run.code == 2
    problem = "tool.newslint.fail-on: must be one of error, warning, info"
    assert_clean_errors(run, {"a.md": f"pyproject.toml: {problem}"})
    assert run.out == f"other/b.md:{GOOD_FINDING}\n"
    # With no file left to lint, the configuration error is still the one line.
    run = lint("a.md")
    assert (run.code, run.out) == (2, "")
    assert run.err_lines == [f"{folder / 'pyproject.toml'}: {problem} (got 'sometimes')"]


# ----------------------------------------------------------------- rule packs

RULE_HEAD = """\
code = "{code}"
name = "{name}"
category = "style"
severity = "warning"
"""
RULE_DOCS = """
[docs]
what = "w"
why = "y"
example = "e"
instead = "i"
"""


def rule_text(code: str, name: str, body: str) -> str:
    """A rule file: the common keys, `body` (type and type keys), the docs."""
    return RULE_HEAD.format(code=code, name=name) + body + RULE_DOCS


@pytest.mark.parametrize(
    ("file_name", "text", "key_and_problem"),
    [
        ("XX901-bad-toml.toml", 'code = "XX901\n', "toml: not valid TOML"),
        (
            "XX902-no-message.toml",
            rule_text("XX902", "no-message", 'type = "existence"\ntokens = ["x"]\n'),
            "message: is required and must be a non-empty string",
        ),
        (
            "XX903-unknown-type.toml",
            rule_text("XX903", "unknown-type", 'type = "nope"\nmessage = "m"\n'),
            "type: unknown rule type 'nope' (known: ",
        ),
        (
            "XX904-unknown-key.toml",
            rule_text(
                "XX904", "unknown-key", 'type = "existence"\nmessage = "m"\ntokens = ["x"]\ntokenz = ["y"]\n'
            ),
            "tokenz: unknown key",
        ),
        (
            "XX905-bad-code.toml",
            rule_text("X1", "bad-code", 'type = "existence"\nmessage = "m"\ntokens = ["x"]\n'),
            "code: code 'X1' must be 2-3 capital letters and 3 digits",
        ),
    ],
)
def test_malformed_pack_gives_file_key_problem(
    folder: Path, file_name: str, text: str, key_and_problem: str
) -> None:
    write(folder / "a.md", GOOD)
    rule_file = write(folder / "pack" / file_name, text)
    run = lint("--pack", "pack", "a.md")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert run.err_lines == [line for line in run.err_lines if line.startswith(f"{rule_file}: ")]
    assert len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith(f"{rule_file}: {key_and_problem}"), run.err
    assert run.out == f"a.md:{GOOD_FINDING}\n"  # the built-in rules still run


def test_every_malformed_pack_file_is_named_and_good_pack_rules_still_load(folder: Path) -> None:
    write(folder / "a.md", GOOD + "\nA banana split.\n")
    write(folder / "pack/XX901-bad.toml", 'code = "XX901\n')
    write(
        folder / "pack/XX906-banana.toml",
        rule_text("XX906", "banana", 'type = "existence"\nmessage = "No {match}."\ntokens = ["banana"]\n'),
    )
    run = lint("--pack", "pack", "a.md")
    assert run.code == 2
    assert len(run.err_lines) == 1 and "XX901-bad.toml: toml: not valid TOML" in run.err
    assert run.out.splitlines() == [f"a.md:{GOOD_FINDING}", "a.md:5:3: XX906 No banana."]


def test_pack_directory_that_does_not_exist(folder: Path) -> None:
    write(folder / "a.md", GOOD)
    run = lint("--pack", "nowhere", "a.md")
    assert run.code == 2
    assert_clean_errors(run, {str(folder / "nowhere"): "packs: is not a directory"})
    assert run.out == f"a.md:{GOOD_FINDING}\n"


# ----------------------------------------------------------------- plugins


class _Raising:
    """A rule whose check() raises on every article."""

    meta = RuleMeta(
        code="ZZ901",
        name="always-raises",
        category="style",
        severity=Severity.WARNING,
        message="never shown",
        source="test-raising-plugin",
        doc={"what": "w", "why": "y", "example": "e", "instead": "i"},
    )

    def check(self, doc: object) -> Iterable[Finding]:
        raise RuntimeError("boom in check")


class RaisingRulePlugin:
    @hookimpl
    def newslint_rules(self, settings: object) -> list[object]:
        return [_Raising()]


class RaisingHookPlugin:
    @hookimpl
    def newslint_rules(self, settings: object) -> list[object]:
        raise ValueError("cannot build my rules")


class RaisingRuleTypePlugin:
    @hookimpl
    def newslint_rule_types(self) -> dict[str, object]:
        def broken(meta: object, options: object, settings: object) -> object:
            raise KeyError("oops")

        return {"broken-type": broken}


@pytest.fixture
def register() -> Iterator[list[object]]:
    """Register plugin objects with the (cached) plugin manager for one test, then remove them."""
    manager = get_plugins().manager
    registered: list[object] = []
    yield registered
    for plugin in registered:
        manager.unregister(plugin)
    _RULEBOOKS.clear()


def _add(registered: list[object], plugin: object, name: str) -> None:
    get_plugins().manager.register(plugin, name=name)
    registered.append(plugin)
    _RULEBOOKS.clear()  # rule books are cached per configuration: rebuild with the plugin


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rule_that_raises_is_one_line_naming_it(folder: Path, register: list[object], jobs: str) -> None:
    _add(register, RaisingRulePlugin(), "test-raising-plugin")
    for name in ("a.md", "b.md", "c.md", "d.md"):
        write(folder / name, GOOD)
    run = lint("-j", jobs, "--select", "ST001,ZZ901", "a.md", "b.md", "c.md", "d.md")
    assert run.code == 2
    expected = "rule ZZ901 (always-raises, from test-raising-plugin) failed: RuntimeError: boom in check"
    assert run.err_lines == [f"{name}: {expected}" for name in ("a.md", "b.md", "c.md", "d.md")]
    assert run.out.splitlines() == [f"{name}:{GOOD_FINDING}" for name in ("a.md", "b.md", "c.md", "d.md")]


def test_plugin_hook_that_raises_is_one_line_naming_the_plugin(folder: Path, register: list[object]) -> None:
    _add(register, RaisingHookPlugin(), "test-raising-hook")
    write(folder / "a.md", GOOD)
    run = lint("a.md")
    assert run.code == 2
    assert run.err_lines == [
        "plugin test-raising-hook: newslint_rules failed: ValueError: cannot build my rules"
    ]
    assert run.out == f"a.md:{GOOD_FINDING}\n"


def test_rule_type_that_raises_names_the_rule_file(folder: Path, register: list[object]) -> None:
    _add(register, RaisingRuleTypePlugin(), "test-raising-type")
    write(folder / "a.md", GOOD)
    rule_file = write(
        folder / "pack/XX907-uses-broken.toml",
        rule_text("XX907", "uses-broken", 'type = "broken-type"\nmessage = "m"\n'),
    )
    run = lint("--pack", "pack", "a.md")
    assert run.code == 2
    assert run.err_lines == [f"{rule_file}: type: building the rule failed: KeyError: 'oops'"]
    assert run.out == f"a.md:{GOOD_FINDING}\n"
