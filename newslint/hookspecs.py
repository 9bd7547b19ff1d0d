"""The plugin contract: every hook newslint calls, typed and documented.

This file IS the contract. Built-in rules, rule types and output formats are
registered through exactly these hooks (see `newslint.builtin`), the same way a
third-party plugin registers through the ``newslint`` entry-point group::

    [project.entry-points.newslint]
    myplugin = "my_package.newslint_plugin"

and implements any subset of them with ``@newslint.hookimpl``. Call hooks with
keyword arguments only; specs grow by adding arguments, never by new hooks that
do the same job.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import pluggy

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.model import Rule, RuleMeta
    from newslint.report import Report
    from newslint.settings import Settings

PROJECT_NAME = "newslint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

Formatter = Callable[["Report", TextIO], None]
"""An output format: writes a whole report (findings and summary) to a stream."""


class RuleType(Protocol):
    """A declarative rule type usable as ``type = "..."`` in a TOML rule pack."""

    def __call__(self, meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> Rule:
        """Build a rule from a pack file's metadata and its type-specific keys.

        Raise `newslint.packs.PackError(key, message)` for a missing or bad key;
        newslint reports it as ``file: key: message`` and exits 2.
        """
        ...


@hookspec
def newslint_add_options(parser: argparse.ArgumentParser) -> None:
    """Add command-line options to the ``check`` command.

    :param parser: the argparse parser of ``newslint check``.
    """


@hookspec
def newslint_rule_types() -> Mapping[str, RuleType]:
    """Return declarative rule types by the name packs use in ``type = "..."``."""
    return {}


@hookspec
def newslint_rule_packs() -> Iterable[Path]:
    """Return directories of TOML rule packs this plugin ships.

    Each ``*.toml`` file below a directory is one rule (see docs/writing-rules.md).
    """
    return []


@hookspec
def newslint_settings() -> Mapping[str, Mapping[str, Any]]:
    """Declare configurable settings and their defaults, by namespace.

    ``{"sourcing": {"attribution-scope": "paragraph"}}`` lets users write
    ``[tool.newslint.settings.sourcing]`` with ``attribution-scope = "sentence"``.
    A user value must have the type of the default (a list for a list, and so
    on); anything else is reported as a configuration error naming the key.
    """
    return {}


@hookspec
def newslint_rules(settings: Settings) -> Iterable[Rule]:
    """Return Python rule objects (see `newslint.model.Rule`).

    :param settings: the effective settings, defaults merged with the
        configuration of the files being linted; read your namespace with
        ``settings.get("namespace")``.
    """
    return []


@hookspec
def newslint_formatters() -> Mapping[str, Formatter]:
    """Return output formats by the name ``--output-format`` selects."""
    return {}


@hookspec(firstresult=True)
def newslint_parse(path: str, source: str) -> Document | None:
    """Parse a file type newslint does not read itself; ``None`` to decline.

    :param path: the path as given on the command line.
    :param source: the decoded file text.
    """
