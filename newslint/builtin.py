"""newslint's own plugin: built-in rule types, rule packs, settings and output formats.

It registers through the same hooks as any third-party plugin (see
`newslint.hookspecs`). Code-based rule families live in `newslint.checks`; each
module listed here exposes `RULE_TYPES` and optionally `SETTINGS`. Modules are
imported when a hook is first called, never at import time.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from newslint.hookspecs import Formatter, RuleType, hookimpl

CHECK_MODULES: tuple[str, ...] = (
    "experts",
    "headline",
    "boilerplate",
    "ai_template",
    "readability",
    "style",
    "sourcing",
)


@functools.cache
def _check_modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"newslint.checks.{name}") for name in CHECK_MODULES)


@hookimpl
def newslint_rule_types() -> Mapping[str, RuleType]:
    from newslint.ruletypes import RULE_TYPES

    types: dict[str, Any] = dict(RULE_TYPES)
    for module in _check_modules():
        types.update(module.RULE_TYPES)
    return types


@hookimpl
def newslint_rule_packs() -> Iterable[Path]:
    from newslint.resources import rules_dir

    return [rules_dir()]


@hookimpl
def newslint_settings() -> Mapping[str, Mapping[str, Any]]:
    settings: dict[str, Mapping[str, Any]] = {}
    for module in _check_modules():
        settings.update(getattr(module, "SETTINGS", {}))
    return settings


@hookimpl
def newslint_formatters() -> Mapping[str, Formatter]:
    from newslint.formatters import FORMATTERS

    return FORMATTERS
