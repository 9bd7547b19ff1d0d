"""The plugin manager: hook specs, the built-in plugin, and installed plugins' entry points."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.metadata import entry_points

import pluggy

from newslint import builtin, hookspecs
from newslint.hookspecs import PROJECT_NAME


@dataclass(frozen=True)
class Plugins:
    """The plugin manager and the plugins that failed to load (one message each)."""

    manager: pluggy.PluginManager
    errors: tuple[str, ...]


@functools.cache
def get_plugins() -> Plugins:
    """Build the plugin manager once per process: specs, built-ins, then entry points.

    A plugin that fails to import or register is reported by name and skipped,
    so one broken plugin never stops the others.
    """
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="newslint.builtin")
    errors: list[str] = []
    for ep in entry_points(group=PROJECT_NAME):
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the run
            errors.append(f"plugin {ep.name} ({ep.value}): failed to load: {type(exc).__name__}: {exc}")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        errors.append(f"plugin validation failed: {exc}")
    return Plugins(pm, tuple(errors))


def get_plugin_manager() -> pluggy.PluginManager:
    return get_plugins().manager
