"""The command line: exact output of every format, exit codes, selection, suppression, config, fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import run_cli

ARTICLE = """# Council Approves New Bus Timetable

The council said the the new timetable starts on Monday.

Drivers welcomed it, and and passengers were told to check the app.
"""


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_default_output_is_exact(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001")
    assert result.out == (
        "story.md:3:18: ST001 [repeated-word] 'the' is repeated: delete one of them.\n"
        "story.md:5:22: ST001 [repeated-word] 'and' is repeated: delete one of them.\n"
        "Found 2 problems (2 warnings) in 1 file.\n"
        "2 more fixable with the --unsafe-fixes option (check the result).\n"
    )
    assert result.err == ""
    assert result.code == 1


def test_concise_output_is_exact(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "concise")
    assert result.out == (
        "story.md:3:18: ST001 'the' is repeated: delete one of them.\n"
        "story.md:5:22: ST001 'and' is repeated: delete one of them.\n"
    )


def test_json_output_has_the_documented_keys(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "json")
    data = json.loads(result.out)
    assert [sorted(item) for item in data] == [
        sorted(
            [
                "path",
                "line",
                "column",
                "end_line",
                "end_column",
                "code",
                "name",
                "category",
                "severity",
                "message",
                "fix",
            ]
        )
    ] * 2
    first = data[0]
    assert first == {
        "path": "story.md",
        "line": 3,
        "column": 18,
        "end_line": 3,
        "end_column": 25,
        "code": "ST001",
        "name": "repeated-word",
        "category": "style",
        "severity": "warning",
        "message": "'the' is repeated: delete one of them.",
        "fix": {
            "title": "Delete the second 'the'",
            "applicability": "unsafe",
            "edits": [{"line": 3, "column": 21, "end_line": 3, "end_column": 25, "content": ""}],
        },
    }


def test_json_lines_output(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "json-lines")
    lines = result.out.splitlines()
    assert [json.loads(line)["line"] for line in lines] == [3, 5]


def test_github_output_is_exact_and_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.md").write_text("# Head\n\nIt was 100% the the case.\n", encoding="utf-8")
    result = run_cli("a,b:c.md", "--select", "ST001", "--output-format", "github")
    assert result.out == (
        "::warning file=a%2Cb%3Ac.md,line=3,col=13,endLine=3,endColumn=20,title=newslint (ST001)"
        "::ST001 [repeated-word] 'the' is repeated: delete one of them.\n"
    )


def test_sarif_output(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "sarif")
    sarif = json.loads(result.out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "ST001"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 25}
    assert run["results"][0]["level"] == "warning"


def test_statistics(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "concise", "--statistics")
    assert result.out.endswith("    2\tST001\t[repeated-word]\n")


def test_output_file(article: Path, tmp_path: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--output-format", "json", "-o", "out.json")
    assert result.out == ""
    assert len(json.loads((tmp_path / "out.json").read_text())) == 2


def test_exit_zero_and_fail_on(article: Path) -> None:
    assert run_cli("story.md", "--select", "ST001", "--exit-zero").code == 0
    assert run_cli("story.md", "--select", "ST001", "--fail-on", "error").code == 0
    assert run_cli("story.md", "--select", "ST001", "--fail-on", "info").code == 1


def test_clean_file_exits_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("# Head\n\nAll fine here.\n", encoding="utf-8")
    result = run_cli("ok.md", "--select", "ST001")
    assert (result.code, result.out) == (0, "All checks passed.\n")


def test_select_by_prefix_name_and_category(article: Path) -> None:
    for selector in ("ST", "ST0", "repeated-word", "style", "ALL"):
        assert run_cli("story.md", "--select", selector, "--output-format", "concise").out.count("ST001") == 2
    assert run_cli("story.md", "--select", "ST", "--ignore", "ST001").out == "All checks passed.\n"
    # The more specific selector wins: select the code, ignore the prefix.
    assert (
        run_cli("story.md", "--select", "ST001", "--ignore", "ST", "--output-format", "concise").out.count(
            "ST001"
        )
        == 2
    )


def test_unknown_selector_is_a_usage_error(article: Path) -> None:
    result = run_cli("story.md", "--select", "ZZ999")
    assert result.code == 2
    assert "unknown rule selector 'ZZ999'" in result.err


def test_unknown_format_is_a_usage_error(article: Path) -> None:
    result = run_cli("story.md", "--output-format", "xml")
    assert result.code == 2
    assert "unknown output format 'xml'" in result.err


def test_bad_flag_is_a_usage_error(article: Path) -> None:
    assert run_cli("story.md", "--no-such-flag").code == 2


def test_per_file_ignores_on_the_command_line(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--per-file-ignores", "story.*:ST")
    assert result.out == "All checks passed.\n"


# ---------------------------------------------------------------- suppression


@pytest.mark.parametrize(
    ("body", "expected_lines"),
    [
        ("<!-- newslint: ignore[ST001] -->\nThe the one.\n\nAnd and two.\n", [6]),
        ("The the one. <!-- newslint: ignore[repeated-word] -->\n\nAnd and two.\n", [5]),
        (
            "<!-- newslint: disable[ST] -->\nThe the one.\n\n<!-- newslint: enable[ST] -->\nAnd and two.\n",
            [7],
        ),
        ("<!-- newslint: disable -->\nThe the one.\n\nAnd and two.\n", []),
        (
            "The the one.\n\nAnd and two.\n\n<!-- newslint: file-ignore[style] -- a quoted transcript -->\n",
            [],
        ),
        ("<!-- newslint: ignore[SR001] -->\nThe the one.\n\nAnd and two.\n", [4, 6]),
    ],
)
def test_suppression_comments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected_lines: list[int]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.md").write_text("# Head\n\n" + body, encoding="utf-8")
    result = run_cli("s.md", "--select", "ST001", "--output-format", "json")
    assert [v["line"] for v in json.loads(result.out)] == expected_lines


def test_suppression_in_plain_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.txt").write_text(
        "Headline Here\n\n<!-- newslint: ignore[ST001] -->\nThe the one.\n", encoding="utf-8"
    )
    assert run_cli("s.txt", "--select", "ST001").out == "All checks passed.\n"


# ---------------------------------------------------------------- configuration


def test_config_discovery_nearest_file_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["ST001"]\n', encoding="utf-8")
    (tmp_path / "opinion").mkdir()
    (tmp_path / "opinion" / "newslint.toml").write_text('ignore = ["repeated-word"]\n', encoding="utf-8")
    for folder in (tmp_path, tmp_path / "opinion"):
        (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(".", "--output-format", "concise")
    assert result.out.splitlines() == [
        "a.md:3:18: ST001 'the' is repeated: delete one of them.",
        "a.md:5:22: ST001 'and' is repeated: delete one of them.",
    ]


def test_pyproject_without_table_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newslint.toml").write_text('select = ["ST001"]\nfail-on = "error"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("sub/a.md", "--output-format", "concise")
    assert result.out.count("ST001") == 2
    assert result.code == 0  # fail-on = "error" from the outer newslint.toml


def test_config_per_file_ignores_severity_and_cli_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".newslint.toml").write_text(
        'select = ["ST001"]\n[per-file-ignores]\n"archive/**" = ["ST"]\n[severity]\nST = "error"\n',
        encoding="utf-8",
    )
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "new.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(".", "--output-format", "json")
    data = json.loads(result.out)
    assert {v["path"] for v in data} == {"new.md"}
    assert {v["severity"] for v in data} == {"error"}
    assert run_cli(".", "--select", "style", "--ignore", "ST001").out == "All checks passed.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selec = ["ST"]\n', "newslint.toml: selec: unknown key"),
        ('fail-on = "fatal"\n', "newslint.toml: fail-on: must be one of error, warning, info"),
        ('select = "ST"\n', "newslint.toml: select: must be a list of strings"),
        ("select = [\n", "newslint.toml: toml: not valid TOML"),
        ("[settings.nosuch]\nx = 1\n", "settings.nosuch: unknown settings namespace"),
    ],
)
def test_bad_config_names_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newslint.toml").write_text(content, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("a.md")
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_gitignore_and_exclude_respected_when_walking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(
        'select = ["ST001"]\nextend-exclude = ["wire/*.txt"]\n', encoding="utf-8"
    )
    for name in ("drafts/a.md", "wire/b.txt", "live/c.md", "live/d.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = run_cli(".", "--output-format", "json")
    assert {v["path"] for v in json.loads(result.out)} == {"live/c.md"}
    # Named explicitly, an excluded file is linted, unless --force-exclude (the pre-commit case).
    assert run_cli("wire/b.txt", "--output-format", "concise").out.count("ST001") == 2
    assert run_cli("wire/b.txt", "--force-exclude").out == "All checks passed.\n"


# ---------------------------------------------------------------- stdin and fixes


def test_stdin_with_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    result = run_cli(
        "-", "--stdin-filename", "desk/story.md", "--select", "ST001", "--output-format", "concise"
    )
    assert result.out.splitlines()[0] == "desk/story.md:3:18: ST001 'the' is repeated: delete one of them."


def test_unsafe_fix_writes_only_the_reported_bytes(article: Path) -> None:
    os.chmod(article, 0o640)
    assert run_cli("story.md", "--select", "ST001", "--fix").code == 1  # unsafe: nothing applied
    assert article.read_text(encoding="utf-8") == ARTICLE
    result = run_cli("story.md", "--select", "ST001", "--fix", "--unsafe-fixes")
    assert result.code == 0
    assert "Fixed 2 problems." in result.out
    assert article.read_text(encoding="utf-8") == ARTICLE.replace("the the", "the").replace("and and", "and")
    assert oct(article.stat().st_mode & 0o777) == oct(0o640)
    second = run_cli("story.md", "--select", "ST001", "--fix", "--unsafe-fixes")
    assert second.code == 0 and "Fixed" not in second.out


def test_diff_prints_and_does_not_write(article: Path) -> None:
    result = run_cli("story.md", "--select", "ST001", "--diff", "--unsafe-fixes")
    assert result.code == 1
    assert "-The council said the the new timetable starts on Monday.\n" in result.out
    assert "+The council said the new timetable starts on Monday.\n" in result.out
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_unsafe_fixes_needs_fix(article: Path) -> None:
    assert run_cli("story.md", "--unsafe-fixes").code == 2


# ---------------------------------------------------------------- rule docs


def test_rule_command_explains_a_rule() -> None:
    result = run_cli("rule", "ST001")
    assert result.code == 0
    for heading in (
        "# ST001 repeated-word",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ):
        assert heading in result.out
    assert run_cli("rule", "repeated-word").out == result.out


def test_rule_command_unknown_rule() -> None:
    result = run_cli("rule", "XX999")
    assert result.code == 2
    assert "no rule named 'XX999'" in result.err


def test_rules_command_lists_and_json() -> None:
    assert "ST001" in run_cli("rules").out
    listed = json.loads(run_cli("rules", "--output-format", "json").out)
    assert any(r["code"] == "ST001" and r["category"] == "style" for r in listed)


def test_a_folder_without_articles_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = run_cli(".")
    assert result.code == 0
    assert (
        result.err
        == "newslint: no articles found (.md, .markdown and .txt files, unless configured otherwise)\n"
    )
