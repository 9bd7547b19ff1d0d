"""Wheel build hook: ship the built-in rule packs pre-parsed as well as in TOML.

Reading the 39 rule files with tomllib is about a tenth of a one-file run (the
pre-commit case). The wheel therefore also carries `newslint/_rules/parsed-packs.marshal`:
for every rule file, its text and the data tomllib reads from it. newslint uses
an entry only when the installed file still holds exactly that text
(`newslint.packs.load_rule_file`), so the TOML files stay the source of truth.
Editable installs and source checkouts have no such file and read the TOML.
"""

from __future__ import annotations

import marshal
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARSED_PACKS = "parsed-packs.marshal"  # the name newslint.packs looks for


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

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
