"""The pre-commit hooks, end to end: `pre-commit try-repo` against this checkout.

`try-repo` clones this checkout into a temporary store and pip-installs it into
the hook's own environment (so this also installs newslint the way users get it;
its dependencies come from the package index). When the checkout has
uncommitted changes, try-repo builds a "shadow" repository with a commit of the
staged files and every modified *tracked* file (`git add -u`): an untracked new
file (say a rule pack not yet `git add`ed) is not part of the hook under test.

Each try-repo run installs a fresh environment (about 20 s), so the module runs
it twice: once on articles that must fail, once on articles that must pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
MANIFEST = CHECKOUT / ".pre-commit-hooks.yaml"

# A rule pack local to the test repository, so the fix hook has a safe fix to apply
# whatever rules the built-in packs hold.
PACK_RULE = """\
code = "ZZ901"
name = "read-more-line"
category = "boilerplate"
severity = "error"
type = "existence"
scope = "line"
message = "'{match}' is page residue: delete the line."
tokens = ["Read more here"]
standalone = true
fix = "delete-line"
fix-safe = true

[docs]
what = "Finds a 'Read more here' line."
why = "It is page furniture, not part of the article."
example = "Read more here"
instead = "Delete the line."
"""

BAD_ARTICLE = """\
# Council sets its budget

The council said the the budget would rise by a tenth next year.

Read more here

Members voted on Tuesday evening.
"""

CLEAN_ARTICLE = """\
# Council sets its budget

The council said the budget would rise by a tenth next year.

Members voted on Tuesday evening.
"""

CLEAN_TEXT = """\
Library opens on Saturday

The new library opens on Saturday morning, the council said.
"""


def _git_env(tmp_path: Path) -> dict[str, str]:
    """The environment without the GIT_* variables a surrounding git hook may set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="newslint tests",
        GIT_AUTHOR_EMAIL="tests@newslint.invalid",
        GIT_COMMITTER_NAME="newslint tests",
        GIT_COMMITTER_EMAIL="tests@newslint.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _git(args: list[str], cwd: Path, env: Mapping[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


@pytest.fixture(scope="module")
def checkout() -> Path:
    """This checkout, if it is a git work tree whose hook manifest is tracked."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=CHECKOUT, env=env, capture_output=True, text=True
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        pytest.skip("not a git checkout (pre-commit needs one to clone)")
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", MANIFEST.name], cwd=CHECKOUT, env=env, capture_output=True
    )
    assert tracked.returncode == 0, (
        f"{MANIFEST.name} is not tracked: `git add` it (try-repo only sees tracked files)"
    )
    return CHECKOUT


def _make_repo(root: Path, files: Mapping[str, str], env: Mapping[str, str]) -> Path:
    repo = root / "articles"
    repo.mkdir()
    _git(["init", "-q"], repo, env)
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(["add", "-A"], repo, env)
    _git(["commit", "-q", "--no-gpg-sign", "-m", "articles"], repo, env)
    return repo


def _try_repo(repo: Path, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(CHECKOUT), *args, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _status(output: str, hook_name: str) -> str | None:
    """`Passed` / `Failed` / `Skipped` for one hook, from pre-commit's report."""
    m = re.search(rf"^{re.escape(hook_name)}\.+[^\n]*?(Passed|Failed|Skipped)$", output, re.M)
    return m.group(1) if m else None


def test_manifest_declares_both_hooks() -> None:
    from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped]

    hooks = {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}
    assert set(hooks) == {"newslint", "newslint-fix"}
    assert hooks["newslint"]["entry"] == "newslint check --force-exclude"
    assert hooks["newslint-fix"]["entry"] == "newslint check --fix --force-exclude"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "plain-text"]
        assert hook["require_serial"] is True
        assert hook["minimum_pre_commit_version"] == "2.9.0"  # types_or arrived in 2.9.0


def test_hooks_fail_on_a_bad_article_and_fix_applies_safe_fixes(checkout: Path, tmp_path: Path) -> None:
    env = _git_env(tmp_path)
    repo = _make_repo(
        tmp_path,
        {
            "news/budget.md": BAD_ARTICLE,
            "newslint.toml": 'select = ["ST001", "ZZ901"]\npacks = ["pack"]\n',
            "pack/ZZ901-read-more-line.toml": PACK_RULE,
        },
        env,
    )
    done = _try_repo(repo, env)  # every hook of the manifest: newslint, then newslint-fix
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert _status(output, "newslint") == "Failed", output
    assert "news/budget.md:3:18: ST001 [repeated-word]" in output
    assert "news/budget.md:5:1: ZZ901 [*] [read-more-line]" in output
    # The fix hook deleted the residue line (a safe fix) and left the doubled word
    # (an unsafe fix: only --unsafe-fixes applies it); pre-commit fails a hook that edits files.
    assert _status(output, "newslint (fix)") == "Failed", output
    assert "files were modified by this hook" in output
    fixed = (repo / "news/budget.md").read_text(encoding="utf-8")
    assert "Read more here" not in fixed
    assert "the the budget" in fixed
    assert fixed == BAD_ARTICLE.replace("Read more here\n\n", "")


def test_hook_passes_on_clean_articles_and_honours_excludes(checkout: Path, tmp_path: Path) -> None:
    env = _git_env(tmp_path)
    head = _git(["rev-parse", "HEAD"], checkout, env).strip()
    repo = _make_repo(
        tmp_path,
        {
            "news/budget.md": CLEAN_ARTICLE,
            "news/library.txt": CLEAN_TEXT,
            # pre-commit passes this file by name; --force-exclude keeps it out.
            "drafts/budget.md": BAD_ARTICLE,
            "newslint.toml": 'select = ["ST001"]\nextend-exclude = ["drafts/"]\n',
            # What a newsroom would commit (try-repo writes its own config for the run).
            ".pre-commit-config.yaml": (
                f"repos:\n  - repo: {checkout}\n    rev: {head}\n    hooks:\n      - id: newslint\n"
            ),
        },
        env,
    )
    valid = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    done = _try_repo(repo, env, "newslint")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert _status(output, "newslint") == "Passed", output
    assert "ST001" not in output
