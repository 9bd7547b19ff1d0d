"""The plugin manager: hook specs, the built-in plugin, and installed plugins' entry points."""

from __future__ import annotations

import functools
import os
import sys
from importlib.machinery import PathFinder
from typing import Any

import pluggy

from newslint import builtin, hookspecs
from newslint._record import Record
from newslint.hookspecs import PROJECT_NAME


class Plugins(Record):
    """The plugin manager and the plugins that failed to load (one message each)."""

    _fields = ("manager", "errors")
    manager: pluggy.PluginManager
    errors: tuple[str, ...]

    def __init__(self, manager: pluggy.PluginManager, errors: tuple[str, ...]) -> None:
        object.__setattr__(self, "manager", manager)
        object.__setattr__(self, "errors", errors)


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
    for ep in _entry_points(PROJECT_NAME):
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


def _entry_points(group: str) -> list[Any]:
    """The installed entry points of a group, as `importlib.metadata.entry_points` finds them."""
    if not _may_declare(group):
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=group))


def _may_declare(group: str) -> bool:
    """Whether any installed distribution may declare an entry point in `group`.

    Importing importlib.metadata (email, zipfile, csv ...) is the largest single
    cost of a one-file run, the pre-commit case, and most installs have no
    newslint plugin. So first read the entry_points.txt files of the .dist-info
    and .egg-info folders on sys.path, as importlib.metadata would, looking for
    the group's section. Whatever this cannot vouch for (a zip file or egg on
    sys.path, a custom distribution finder, an unreadable file) answers True and
    the caller asks importlib.metadata: this never hides a plugin.
    """
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue
            except (OSError, UnicodeDecodeError):
                return True
            # prefilter: a section named `group` holds it, so a file without it has none
            if group in text and any(_section(line) == group for line in text.splitlines()):
                return True
    return False


def _section(line: str) -> str | None:
    """The section a line of entry_points.txt opens (`[group]`), read as importlib.metadata does."""
    line = line.strip()
    if line.startswith("[") and line.endswith("]"):
        return line.strip("[]").strip()
    return None


def call_hook(hook: Any, errors: list[str], **kwargs: Any) -> list[Any]:
    """Call a hook; an implementation that raises becomes one error line naming its plugin.

    The ordinary pluggy call runs first. Only when it raises are the
    implementations called one at a time (in pluggy's order), so that the
    failing plugin is named in `errors` and the others still answer.
    """
    try:
        return list(hook(**kwargs))
    except Exception:
        pass
    results: list[Any] = []
    for impl in reversed(hook.get_hookimpls()):
        if impl.hookwrapper or impl.wrapper:
            continue
        try:
            result = impl.function(*(kwargs[name] for name in impl.argnames))
        except Exception as exc:
            errors.append(f"plugin {impl.plugin_name}: {hook.name} failed: {type(exc).__name__}: {exc}")
            continue
        if result is not None:
            results.append(result)
    return results


def get_plugin_manager() -> pluggy.PluginManager:
    return get_plugins().manager
