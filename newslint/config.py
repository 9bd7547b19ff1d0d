"""Configuration: `[tool.newslint]` in pyproject.toml, or newslint.toml / .newslint.toml.

The configuration file nearest to each linted file applies (a pyproject.toml
without a `[tool.newslint]` table is skipped). Command-line options override
file values. Unknown keys and bad values raise `ConfigError` naming the file
and key.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newslint._record import DataclassMethods, Record
from newslint.model import Severity

CONFIG_FILES = (".newslint.toml", "newslint.toml", "pyproject.toml")

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    "build",
    "dist",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")


class ConfigError(Exception):
    """A configuration file (or option) with a bad key: `file: key: what is wrong`."""

    def __init__(self, path: str, key: str, message: str) -> None:
        super().__init__(f"{path}: {key}: {message}")


@dataclass(frozen=True, eq=False, repr=False)
class Config(DataclassMethods):
    """The effective configuration for a set of files (frozen: share it freely)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    packs: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @functools.cached_property
    def cache_key(self) -> tuple[Any, ...]:
        """What decides which rules are built: packs and settings (worked out once: every file asks)."""
        return (self.packs, _freeze(self.settings))


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class _Reader:
    """Validate one configuration table, naming the file and key on error."""

    def __init__(self, path: str, prefix: str, table: Mapping[str, Any]) -> None:
        self.path, self.prefix, self.table = path, prefix, table

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.path, f"{self.prefix}{key}", message)

    def strings(self, key: str) -> tuple[str, ...] | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"must be a list of strings, got {value!r}")
        return tuple(value)

    def severity(self, key: str) -> Severity | None:
        if key not in self.table:
            return None
        try:
            return Severity.parse(str(self.table[key]))
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def boolean(self, key: str) -> bool | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, got {value!r}")
        return value

    def table_of(self, key: str) -> Mapping[str, Any]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return value


KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "per-file-ignores",
        "severity",
        "fail-on",
        "packs",
        "exclude",
        "extend-exclude",
        "respect-gitignore",
        "extensions",
        "settings",
    }
)


def parse_config(table: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    """Build a Config from one file's table (without the `tool.newslint` prefix)."""
    read = _Reader(str(path), prefix, table)
    for key in table:
        if key not in KNOWN_KEYS:
            raise read.error(key, f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})")
    root = path.parent
    base = Config(path=path, root=root)
    changes: dict[str, Any] = {}
    for key, attr in (
        ("select", "select"),
        ("ignore", "ignore"),
        ("extend-select", "extend_select"),
        ("exclude", "exclude"),
        ("extend-exclude", "extend_exclude"),
        ("extensions", "extensions"),
    ):
        value = read.strings(key)
        if value is not None:
            changes[attr] = value
    packs = read.strings("packs")
    if packs is not None:
        changes["packs"] = tuple((root / p).resolve() for p in packs)
    fail_on = read.severity("fail-on")
    if fail_on is not None:
        changes["fail_on"] = fail_on
    gitignore = read.boolean("respect-gitignore")
    if gitignore is not None:
        changes["respect_gitignore"] = gitignore
    changes["per_file_ignores"] = _per_file_ignores(read)
    changes["severity"] = _severities(read)
    changes["settings"] = read.table_of("settings")
    return replace(base, **changes)


def _per_file_ignores(read: _Reader) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = read.table_of("per-file-ignores")
    out = []
    for pattern, codes in table.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise read.error(f"per-file-ignores.{pattern}", "must be a list of rule selectors")
        out.append((pattern, tuple(codes)))
    return tuple(out)


def _severities(read: _Reader) -> tuple[tuple[str, Severity], ...]:
    table = read.table_of("severity")
    out = []
    for selector, value in table.items():
        try:
            out.append((selector, Severity.parse(str(value))))
        except ValueError as exc:
            raise read.error(f"severity.{selector}", str(exc)) from None
    return tuple(out)


def load_config_file(path: Path) -> Config | None:
    """Read one configuration file; None for a pyproject.toml without [tool.newslint]."""
    import tomllib  # ~4 ms: a run with no configuration file (or only pre-parsed packs) never needs it

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "toml", f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "file", f"cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newslint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(str(path), "tool.newslint", "must be a table")
        return parse_config(table, path, "tool.newslint.")
    return parse_config(data, path)


@functools.cache
def find_config(directory: Path) -> Config:
    """The configuration nearest to a directory (walking up), or the defaults."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                config = load_config_file(candidate)
                if config is not None:
                    return config
    return Config(root=directory)


class Overrides(Record):
    """Command-line values that override every configuration file."""

    _fields = (
        "select",
        "ignore",
        "extend_select",
        "fail_on",
        "packs",
        "exclude",
        "extend_exclude",
        "per_file_ignores",
    )
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    fail_on: Severity | None
    packs: tuple[Path, ...]
    exclude: tuple[str, ...] | None
    extend_exclude: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        fail_on: Severity | None = None,
        packs: tuple[Path, ...] = (),
        exclude: tuple[str, ...] | None = None,
        extend_exclude: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
    ) -> None:
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)
        object.__setattr__(self, "extend_select", extend_select)
        object.__setattr__(self, "fail_on", fail_on)
        object.__setattr__(self, "packs", packs)
        object.__setattr__(self, "exclude", exclude)
        object.__setattr__(self, "extend_exclude", extend_exclude)
        object.__setattr__(self, "per_file_ignores", per_file_ignores)

    def apply(self, config: Config) -> Config:
        changes: dict[str, Any] = {}
        if self.select is not None:
            changes["select"] = self.select
        if self.ignore is not None:
            changes["ignore"] = self.ignore
        if self.extend_select:
            changes["extend_select"] = config.extend_select + self.extend_select
        if self.fail_on is not None:
            changes["fail_on"] = self.fail_on
        if self.packs:
            changes["packs"] = config.packs + self.packs
        if self.exclude is not None:
            changes["exclude"] = self.exclude
        if self.extend_exclude:
            changes["extend_exclude"] = config.extend_exclude + self.extend_exclude
        if self.per_file_ignores:
            changes["per_file_ignores"] = config.per_file_ignores + self.per_file_ignores
        return replace(config, **changes)


def resolve_config(
    directory: Path, overrides: Overrides, config_file: Path | None = None, isolated: bool = False
) -> Config:
    """The configuration for files in a directory: explicit file, nearest file, or defaults; then CLI."""
    if isolated:
        base = Config(root=Path.cwd())
    elif config_file is not None:
        loaded = load_config_file(config_file)
        base = loaded if loaded is not None else Config(path=config_file, root=config_file.parent)
    else:
        base = find_config(directory.resolve())
    return overrides.apply(base)


def ignored_codes_for(config: Config, path: Path) -> tuple[str, ...]:
    """Selectors that per-file-ignores adds for one file."""
    if not config.per_file_ignores:
        return ()
    from newslint.files import glob_matches

    out: list[str] = []
    for pattern, codes in config.per_file_ignores:
        if glob_matches(pattern, path, config.root):
            out.extend(codes)
    return tuple(out)


def as_sequence(values: Sequence[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None
