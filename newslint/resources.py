"""Where the built-in rule packs live, in a checkout and in an installed wheel."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def rules_dir() -> Path:
    """The built-in `rules/` directory.

    The wheel ships the top-level `rules/` as `newslint/_rules`; a source
    checkout (or an editable install) reads the top-level folder itself.
    """
    installed = _PACKAGE_DIR / "_rules"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "rules"


def rules_path(relative: str) -> Path:
    """A file inside the built-in rules directory, e.g. ``"experts/data/names.txt"``."""
    return rules_dir() / relative
