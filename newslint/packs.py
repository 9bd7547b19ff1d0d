"""Load declarative TOML rule packs: one file per rule, errors name `file: key`.

A pack is a directory; every ``*.toml`` file below it is one rule, except files
inside a folder named ``data`` (word lists and tables the rules read). See
docs/writing-rules.md for the format.

A built wheel also ships its packs pre-parsed (``parsed-packs.marshal``, written
by ``hatch_build.py``): reading 39 rule files with tomllib is about a tenth of a
one-file run. A rule file's pre-parsed data is used only when the text it was
parsed from equals the file's text now, so an edited file is always read anew.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint._record import Record
from newslint.model import Rule, RuleMeta, Severity
from newslint.settings import Settings

COMMON_KEYS = frozenset(
    {
        "code",
        "name",
        "category",
        "severity",
        "type",
        "message",
        "summary",
        "enabled",
        "scope",
        "docs",
        "lint-quotes",
    }
)
DOC_HEADINGS: tuple[tuple[str, str], ...] = (
    ("what", "What it does"),
    ("why", "Why is this bad?"),
    ("example", "Example"),
    ("instead", "Use instead"),
    ("fix", "Fix"),
)
REQUIRED_DOCS = ("what", "why", "example", "instead")

RuleTypeFn = Callable[[RuleMeta, Mapping[str, Any], Settings], Rule]

# Pre-parsed rule files of a pack: {path relative to the pack, "/"-separated: (text, data)}.
PARSED_PACKS = "parsed-packs.marshal"
ParsedFiles = Mapping[str, tuple[str, dict[str, Any]]]


class PackError(Exception):
    """A rule file with a missing or bad key. `str()` gives `file: key: what is wrong`."""

    def __init__(self, key: str, message: str, path: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.key}: {self.message}"


class OptionReader:
    """Typed access to a rule file's type-specific keys; `finish()` rejects leftovers."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self._options = dict(options)
        self._seen: set[str] = set()

    def _get(self, key: str, kind: type | tuple[type, ...], default: Any, what: str) -> Any:
        self._seen.add(key)
        if key not in self._options:
            if default is _REQUIRED:
                raise PackError(key, "is required")
            return default
        value = self._options[key]
        if isinstance(value, bool) and kind is not bool:
            raise PackError(key, f"must be {what}")
        if not isinstance(value, kind):
            raise PackError(key, f"must be {what}, got {value!r}")
        return value

    def string(self, key: str, default: Any = None) -> Any:
        return self._get(key, str, default, "a string")

    def boolean(self, key: str, default: bool) -> bool:
        return bool(self._get(key, bool, default, "true or false"))

    def integer(self, key: str, default: Any = None) -> Any:
        return self._get(key, int, default, "a whole number")

    def number(self, key: str, default: Any = None) -> Any:
        value = self._get(key, (int, float), default, "a number")
        return float(value) if value is not None else None

    def strings(self, key: str, default: Any = None) -> Any:
        value = self._get(key, list, default, "a list of strings")
        if value is not None and not all(isinstance(v, str) for v in value):
            raise PackError(key, "must be a list of strings")
        return value

    def table(self, key: str, default: Any = None) -> Any:
        return self._get(key, dict, default, "a table")

    def choice(self, key: str, choices: Sequence[str], default: str) -> str:
        value = str(self.string(key, default))
        if value not in choices:
            raise PackError(key, f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    def finish(self) -> None:
        extra = sorted(set(self._options) - self._seen)
        if extra:
            raise PackError(extra[0], "unknown key")


_REQUIRED: Any = object()
REQUIRED = _REQUIRED


class LoadedPacks(Record):
    """Rules read from pack directories, and the errors met on the way."""

    _fields = ("rules", "errors")
    rules: tuple[Rule, ...]
    errors: tuple[PackError, ...]

    def __init__(self, rules: tuple[Rule, ...], errors: tuple[PackError, ...]) -> None:
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "errors", errors)


def pack_files(directory: Path) -> list[Path]:
    """The rule files of one pack directory, sorted as paths, skipping `data` folders."""
    return [path for _, path in _pack_entries(directory)]


def _pack_entries(directory: Path) -> list[tuple[str, Path]]:
    """`pack_files`, each with its path below `directory` in POSIX form.

    The same list as `directory.rglob("*.toml")` filtered (symbolic links to folders are
    not followed; an entry named *.toml that is a folder is listed, and then reported as
    unreadable), walked with `os.scandir`: pathlib's glob and `relative_to` cost ~2 ms
    more per run.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(str(directory), ())]
    while pending:
        folder, parts = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".toml") and "data" not in parts:
                found.append(((*parts, entry.name), entry.path))
            try:
                descend = entry.is_dir() and not entry.is_symlink()
            except OSError:
                descend = False
            if descend:
                pending.append((entry.path, (*parts, entry.name)))
    # Sorted by their parts below `directory`: the order of sorting the paths themselves.
    return [("/".join(parts), Path(path)) for parts, path in sorted(found)]


def load_packs(
    directories: Iterable[Path], rule_types: Mapping[str, RuleTypeFn], settings: Settings
) -> LoadedPacks:
    """Load every rule of every pack; a bad file is an error, the others still load."""
    rules: list[Rule] = []
    errors: list[PackError] = []
    seen: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            errors.append(PackError("packs", "is not a directory", str(directory)))
            continue
        parsed = read_parsed_packs(directory)
        for name, path in _pack_entries(directory):
            known = parsed.get(name) if parsed else None
            try:
                rule = load_rule_file(path, rule_types, settings, known)
            except PackError as exc:
                exc.path = str(path)
                errors.append(exc)
                continue
            except Exception as exc:  # a rule type with a bug: name it, load the other rules
                errors.append(
                    PackError("type", f"building the rule failed: {type(exc).__name__}: {exc}", str(path))
                )
                continue
            for ident in (rule.meta.code, rule.meta.name):
                if ident in seen:
                    errors.append(
                        PackError(
                            "code" if ident == rule.meta.code else "name",
                            f"{ident} is already defined in {seen[ident]}",
                            str(path),
                        )
                    )
                    break
            else:
                seen[rule.meta.code] = seen[rule.meta.name] = path
                rules.append(rule)
    return LoadedPacks(tuple(rules), tuple(errors))


def read_parsed_packs(directory: Path) -> ParsedFiles:
    """The pre-parsed rule files shipped in a pack directory, or {} (none, or unreadable)."""
    try:
        blob = (directory / PARSED_PACKS).read_bytes()
    except OSError:
        return {}
    try:
        files = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        name: entry
        for name, entry in files.items()
        if isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], dict)
    }


def load_rule_file(
    path: Path,
    rule_types: Mapping[str, RuleTypeFn],
    settings: Settings,
    parsed: tuple[str, dict[str, Any]] | None = None,
) -> Rule:
    """Read one rule file and build its rule through its type.

    `parsed` is the file's pre-parsed (text, data), used if the file still holds that text.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError("file", f"cannot read: {exc}") from None
    if parsed is not None and parsed[0] == text:
        data = parsed[1]
    else:
        import tomllib  # not imported when every pack is pre-parsed (a wheel's built-in packs)

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PackError("toml", f"not valid TOML: {exc}") from None
    meta = read_meta(data, source=str(path))
    type_name = data.get("type")
    if not isinstance(type_name, str):
        raise PackError("type", f"is required (one of {', '.join(sorted(rule_types))})")
    if type_name not in rule_types:
        raise PackError("type", f"unknown rule type {type_name!r} (known: {', '.join(sorted(rule_types))})")
    options = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    return rule_types[type_name](meta, options, settings)


def _required_str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(key, "is required and must be a non-empty string")
    return value


def read_meta(data: Mapping[str, Any], source: str = "") -> RuleMeta:
    """Validate the keys every rule file shares and build its `RuleMeta`."""
    try:
        severity = Severity.parse(_required_str(data, "severity"))
    except ValueError as exc:
        raise PackError("severity", str(exc)) from None
    docs = read_docs(data.get("docs"))
    enabled = data.get("enabled", True)
    lint_quotes = data.get("lint-quotes", False)
    if not isinstance(enabled, bool):
        raise PackError("enabled", "must be true or false")
    if not isinstance(lint_quotes, bool):
        raise PackError("lint-quotes", "must be true or false")
    scope = data.get("scope", "text")
    if not isinstance(scope, str):
        raise PackError("scope", "must be a string")
    try:
        return RuleMeta(
            code=_required_str(data, "code"),
            name=_required_str(data, "name"),
            category=_required_str(data, "category"),
            severity=severity,
            message=_required_str(data, "message"),
            scope=scope,
            summary=str(data.get("summary", "")),
            doc=docs,
            source=source,
            default_enabled=enabled,
            lint_quotes=lint_quotes,
        )
    except ValueError as exc:
        key = str(exc).split()[0]
        raise PackError(key if key in COMMON_KEYS else "code", str(exc)) from None


def read_docs(value: Any) -> dict[str, str]:
    """The `[docs]` table: What it does / Why is this bad? / Example / Use instead (/ Fix)."""
    if value is None:
        raise PackError("docs", "is required: a table with what, why, example and instead")
    if not isinstance(value, dict):
        raise PackError("docs", "must be a table")
    known = {key for key, _ in DOC_HEADINGS}
    for key, text in value.items():
        if key not in known:
            raise PackError(f"docs.{key}", f"unknown heading (use {', '.join(sorted(known))})")
        if not isinstance(text, str):
            raise PackError(f"docs.{key}", "must be a string")
    for key in REQUIRED_DOCS:
        if not str(value.get(key, "")).strip():
            raise PackError(f"docs.{key}", "is required")
    return {key: _dedent(value[key]).strip("\n").rstrip() for key, _ in DOC_HEADINGS if key in value}


def _dedent(text: str) -> str:
    """`textwrap.dedent`, without its regular expressions (or importing textwrap).

    Most doc texts are written flush left and come back unchanged; the others
    (indented examples) get textwrap's rules spelled out with string methods:
    lines of only spaces and tabs become empty, then the longest run of spaces
    and tabs that starts every other line is cut from each. Compiling dedent's
    patterns and importing textwrap cost ~2 ms of a one-file run.
    """
    if not text.startswith((" ", "\t")) and "\n " not in text and "\n\t" not in text:
        return text
    lines = ["" if line and not line.strip(" \t") else line for line in text.split("\n")]
    margin: str | None = None
    for line in lines:
        if not line:
            continue
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if margin is None or margin.startswith(indent):
            margin = indent
        elif not indent.startswith(margin):
            common = 0
            while margin[common] == indent[common]:
                common += 1
            margin = margin[:common]
        if not margin:
            break
    if not margin:
        return "\n".join(lines)
    cut = len(margin)
    return "\n".join(line[cut:] for line in lines)
