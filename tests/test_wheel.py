"""The built wheel, installed into a fresh virtual environment, lints with its bundled rules.

The top-level `rules/` ships inside the wheel as `newslint/_rules` (hatchling
`force-include` in pyproject.toml). This builds the wheel from this checkout,
installs it (dependencies come from the package index) into one venv for the
whole module, and runs that venv's `newslint` from a folder outside the
checkout, so nothing can fall back to the source tree's rules.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint import pattern_cache
from newslint.packs import PARSED_PACKS, pack_files
from newslint.pattern_cache import loads

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
RULES = CHECKOUT / "rules"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    workdir: Path

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            cwd=self.workdir,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")

    def pip(*args: str) -> None:
        done = subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", *args], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr

    # Built by the fresh venv's own pip, as the README's `pip install .` builds it: pip's build
    # environment reaches the backend's dependencies through PYTHONPATH, unlike `python -m build`.
    dist = root / "dist"
    pip("wheel", "--no-deps", "--wheel-dir", str(dist), str(CHECKOUT))
    (wheel,) = dist.glob("newslint-*.whl")
    pip("install", "--quiet", str(wheel))
    workdir = root / "work"
    workdir.mkdir()
    return Installed(wheel, bin_dir, workdir)


def test_wheel_holds_every_file_of_rules(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        shipped = {n.removeprefix("newslint/_rules/") for n in archive.namelist() if "/_rules/" in n}
    expected = {
        p.relative_to(RULES).as_posix()
        for p in RULES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "style/ST001-repeated-word.toml" in expected
    assert shipped == expected | {PARSED_PACKS}


def test_wheel_ships_every_rule_file_pre_parsed(installed: Installed) -> None:
    # hatch_build.py: each rule file's text and the data tomllib reads from it.
    with zipfile.ZipFile(installed.wheel) as archive:
        parsed = marshal.loads(archive.read(f"newslint/_rules/{PARSED_PACKS}"))
    expected = {p.relative_to(RULES).as_posix(): p for p in pack_files(RULES)}
    assert set(parsed) == set(expected)
    for name, path in expected.items():
        text = path.read_text(encoding="utf-8")
        assert parsed[name] == (text, tomllib.loads(text)), name


def test_installed_package_reads_its_packs_without_toml(installed: Installed) -> None:
    script = (
        "import json, sys; from pathlib import Path; import newslint.runner as r; "
        "book = r.rulebook(r.config_for(Path('x.md'), r.RunOptions())); "
        "print(json.dumps([len(book.rules), list(book.errors), 'tomllib' in sys.modules]))"
    )
    done = installed.run("python", "-c", script)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [len(pack_files(RULES)), [], False]


def test_wheel_ships_newslints_patterns_compiled(installed: Installed) -> None:
    # hatch_build.py runs `python -m newslint.pattern_cache` with the interpreter building the
    # wheel: the venv's, made from this one.
    with zipfile.ZipFile(installed.wheel) as archive:
        entries = loads(archive.read(f"newslint/{pattern_cache.FILE_NAME}"))
    assert len(entries) > 150


# Lints the examples with the installed newslint and prints the patterns that newslint's
# own code had to compile with `re` (none, if the shipped ones serve): those whose first
# caller outside `re` is a newslint module (argparse's or pathlib's own are not counted).
_COUNT_COMPILES = """
import json, re._compiler, sys
compile, compiled = re._compiler.compile, []
def counting(pattern, flags=0):
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "re":
        frame = frame.f_back
    if frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "newslint":
        compiled.append(pattern)
    return compile(pattern, flags)
re._compiler.compile = counting
from newslint.cli import main
code = main(["check", "--exit-zero", "--jobs", "1", *sys.argv[1:]])
print(json.dumps([repr(pattern) for pattern in compiled]))
"""


def test_installed_package_compiles_none_of_its_patterns(installed: Installed) -> None:
    examples = sorted(str(path) for path in (CHECKOUT / "examples").iterdir())
    done = installed.run("python", "-c", _COUNT_COMPILES, *examples)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_installed_package_reads_its_own_rules(installed: Installed) -> None:
    done = installed.run("python", "-c", "import newslint.resources as r; print(r.rules_dir())")
    assert done.returncode == 0, done.stderr
    rules_dir = Path(done.stdout.strip())
    assert rules_dir.name == "_rules"
    assert rules_dir.is_relative_to(installed.bin.parent)  # inside the venv, not this checkout


def test_rules_lists_bundled_rules(installed: Installed) -> None:
    done = installed.run("newslint", "rules", "--output-format", "json")
    assert done.returncode == 0, done.stderr
    codes = {rule["code"] for rule in json.loads(done.stdout)}
    assert "ST001" in codes
    source_codes = {p.name.split("-", 1)[0] for p in RULES.rglob("*.toml") if "data" not in p.parts}
    assert source_codes <= codes


def test_rule_docs_come_from_the_wheel(installed: Installed) -> None:
    done = installed.run("newslint", "rule", "ST001")
    assert done.returncode == 0, done.stderr
    assert "repeated-word" in done.stdout
    assert "What it does" in done.stdout


def test_lints_an_article(installed: Installed) -> None:
    article = installed.workdir / "budget.md"
    article.write_text("# Council sets its budget\n\nThe council said the the budget rose.\n", "utf-8")
    done = installed.run("newslint", "check", "--select", "ST001", "budget.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("budget.md:3:18: ST001 [repeated-word] ")
    assert done.stderr == ""


def test_module_entry_and_stdin(installed: Installed) -> None:
    done = installed.run(
        "python",
        "-m",
        "newslint",
        "check",
        "--select",
        "ST001",
        "--output-format",
        "concise",
        "--stdin-filename",
        "piped.txt",
        "-",
        stdin="Headline here\n\nIt was was late.\n",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "piped.txt:3:4: ST001 'was' is repeated: delete one of them.\n"
