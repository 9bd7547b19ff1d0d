"""Wheel build hook: ship the built-in rule packs pre-parsed and newslint's patterns compiled.

Reading the 39 rule files with tomllib is about a tenth of a one-file run (the
pre-commit case). The wheel therefore also carries `newslint/_rules/parsed-packs.marshal`:
for every rule file, its text and the data tomllib reads from it. newslint uses
an entry only when the installed file still holds exactly that text
(`newslint.packs.load_rule_file`), so the TOML files stay the source of truth.
Editable installs and source checkouts have no such file and read the TOML.

Compiling newslint's regular expressions is about a quarter of a one-file run. The
wheel therefore also carries `newslint/compiled-patterns.marshal`, written by
`python -m newslint.pattern_cache` from this source tree after it lints the example
articles and rule fixtures (see that module: an entry serves only the interpreter
that built it, and only the exact pattern). That needs newslint's own dependencies
in the build environment (`require-runtime-dependencies` in pyproject.toml). If it
fails, the wheel is built without the file and newslint compiles as usual.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARSED_PACKS = "parsed-packs.marshal"  # the name newslint.packs looks for
COMPILED_PATTERNS = "compiled-patterns.marshal"  # the name newslint.pattern_cache looks for
SAMPLE_ARTICLES = ("examples", "tests/fixtures")  # linted to find the patterns newslint compiles


class ParsedPacksHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version != "standard":
            return
        rules = Path(self.root) / "rules"
        parsed: dict[str, tuple[str, dict[str, Any]]] = {}
        for path in sorted(rules.rglob("*.toml")):
            if "data" in path.relative_to(rules).parts[:-1]:
                continue  # word lists and tables, not rules (as newslint.packs.pack_files)
            text = path.read_text(encoding="utf-8")
            try:
                data = tomllib.loads(text)
                marshal.dumps(data)  # dates and times are not marshalled: leave such a file to tomllib
            except (tomllib.TOMLDecodeError, ValueError):
                continue
            parsed[path.relative_to(rules).as_posix()] = (text, data)
        self._folder = tempfile.TemporaryDirectory()
        target = Path(self._folder.name) / PARSED_PACKS
        target.write_bytes(marshal.dumps(parsed))
        build_data["force_include"][str(target)] = f"newslint/_rules/{PARSED_PACKS}"
        compiled = Path(self._folder.name) / COMPILED_PATTERNS
        if self._compile_patterns(compiled):
            build_data["force_include"][str(compiled)] = f"newslint/{COMPILED_PATTERNS}"

    def _compile_patterns(self, target: Path) -> bool:
        root = Path(self.root)
        samples = [name for name in SAMPLE_ARTICLES if (root / name).is_dir()]
        # This source tree's newslint, without leaving __pycache__ folders in it. The build
        # environment may itself be on PYTHONPATH (pip's is), so it is extended, not replaced.
        path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "newslint.pattern_cache", str(target), *samples]
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
            self.app.display_warning(f"newslint: patterns not shipped compiled ({detail})")
            return False
        self.app.display_info(result.stdout.strip())
        return True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
