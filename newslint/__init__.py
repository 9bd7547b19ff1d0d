"""newslint: a content-quality linter for news articles.

The public API is small: `lint_text` lints a string, `hookimpl` marks plugin hook
implementations, and the record types in `newslint.model` describe findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.hookspecs import hookimpl

if TYPE_CHECKING:
    from newslint.model import Violation

__version__ = "0.1.0"


def lint_text(text: str, path: str = "article.md", select: list[str] | None = None) -> list[Violation]:
    """Lint an article given as a string with the default configuration (plus `select`)."""
    from pathlib import Path

    from newslint.config import Config
    from newslint.runner import lint_text as run_one

    config = Config(root=Path.cwd(), select=tuple(select) if select is not None else None)
    return run_one(path, text, config).violations


__all__ = ["__version__", "hookimpl", "lint_text"]
