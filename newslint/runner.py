"""Lint files: resolve configuration, build rules once per configuration, spread files over processes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint._record import MutableRecord, Record
from newslint.config import Config, ConfigError, Overrides, ignored_codes_for, resolve_config
from newslint.document import Document, parse
from newslint.engine import lint_document
from newslint.files import WalkOptions, excluded, read_article, walk
from newslint.model import FileError, Rule, Severity, Violation
from newslint.packs import load_packs
from newslint.plugins import call_hook, get_plugins
from newslint.select import is_selected, is_valid_selector, severity_for, specificity
from newslint.settings import Settings, SettingsError


class RuleBook(Record):
    """Every rule available under one configuration, and what went wrong building them."""

    _fields = ("rules", "errors")  # not _selections: a cache, neither compared nor shown
    rules: tuple[Rule, ...]
    errors: tuple[str, ...]
    _selections: dict[Any, tuple[tuple[Rule, ...], dict[str, Severity]]]

    def __init__(self, rules: tuple[Rule, ...], errors: tuple[str, ...]) -> None:
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "errors", errors)
        object.__setattr__(self, "_selections", {})

    def selected(self, config: Config, file_ignores: Sequence[str] = ()) -> tuple[Rule, ...]:
        """The rules that run on a file: select/ignore by specificity, then per-file ignores.

        A per-file ignore always wins (as in ruff): it names rules that must not
        run on those files, whatever the selection says.
        """
        return tuple(
            r
            for r in self.rules
            if is_selected(r.meta, config.select, config.ignore, config.extend_select)
            and not any(specificity(s, r.meta) is not None for s in file_ignores)
        )

    def selection(
        self, config: Config, file_ignores: Sequence[str] = ()
    ) -> tuple[tuple[Rule, ...], dict[str, Severity]]:
        """The rules that run on a file and their severities, worked out once per selection.

        Every file of a run asks the same question; the answer depends only on
        the selectors, so it is kept (the severities dict is shared: read only).
        """
        key = (config.select, config.ignore, config.extend_select, tuple(file_ignores), config.severity)
        found = self._selections.get(key)
        if found is None:
            rules = self.selected(config, file_ignores)
            found = (rules, {r.meta.code: severity_for(r.meta, config.severity) for r in rules})
            self._selections[key] = found
        return found

    def selector_errors(self, config: Config) -> list[str]:
        where = str(config.path) if config.path else "command line"
        metas = [r.meta for r in self.rules]
        bad: list[str] = []
        for key, selectors in (
            ("select", config.select or ()),
            ("ignore", config.ignore),
            ("extend-select", config.extend_select),
        ):
            bad.extend(
                f"{where}: {key}: unknown rule selector {s!r}"
                for s in selectors
                if not is_valid_selector(s, metas)
            )
        return bad


_RULEBOOKS: dict[Any, RuleBook] = {}


def rulebook(config: Config) -> RuleBook:
    """Build (once per process and configuration) every rule: packs, code rules, plugin rules."""
    key = config.cache_key
    if key not in _RULEBOOKS:
        _RULEBOOKS[key] = _build_rulebook(config)
    return _RULEBOOKS[key]


def _build_rulebook(config: Config) -> RuleBook:
    plugins = get_plugins()
    hook = plugins.manager.hook
    errors: list[str] = list(plugins.errors)
    defaults: dict[str, Mapping[str, Any]] = {}
    for declared in call_hook(hook.newslint_settings, errors):
        defaults.update(declared)
    try:
        settings = Settings.build(defaults, config.settings)
    except SettingsError as exc:
        errors.append(f"{config.path or 'configuration'}: {exc}")
        settings = Settings.build(defaults, {})
    rule_types: dict[str, Any] = {}
    for types in reversed(call_hook(hook.newslint_rule_types, errors)):
        rule_types.update(types)
    directories = [Path(d) for dirs in reversed(call_hook(hook.newslint_rule_packs, errors)) for d in dirs]
    loaded = load_packs([*directories, *config.packs], rule_types, settings)
    errors.extend(str(e) for e in loaded.errors)
    rules = list(loaded.rules)
    for plugin_rules in call_hook(hook.newslint_rules, errors, settings=settings):
        rules.extend(plugin_rules)
    return RuleBook(tuple(sorted(rules, key=lambda r: r.meta.code)), tuple(errors))


class RunOptions(Record):
    """How to run: CLI overrides and modes."""

    _fields = (
        "overrides",
        "config_file",
        "isolated",
        "force_exclude",
        "fix",
        "unsafe_fixes",
        "diff",
        "jobs",
        "max_bytes",
    )
    overrides: Overrides
    config_file: Path | None
    isolated: bool
    force_exclude: bool
    fix: bool
    unsafe_fixes: bool
    diff: bool
    jobs: int
    max_bytes: int

    def __init__(
        self,
        overrides: Overrides | None = None,
        config_file: Path | None = None,
        isolated: bool = False,
        force_exclude: bool = False,
        fix: bool = False,
        unsafe_fixes: bool = False,
        diff: bool = False,
        jobs: int = 1,
        max_bytes: int = 10 * 1024 * 1024,
    ) -> None:
        object.__setattr__(self, "overrides", Overrides() if overrides is None else overrides)
        object.__setattr__(self, "config_file", config_file)
        object.__setattr__(self, "isolated", isolated)
        object.__setattr__(self, "force_exclude", force_exclude)
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "unsafe_fixes", unsafe_fixes)
        object.__setattr__(self, "diff", diff)
        object.__setattr__(self, "jobs", jobs)
        object.__setattr__(self, "max_bytes", max_bytes)


class Outcome(MutableRecord):
    """What linting one file produced."""

    _fields = ("violations", "errors", "fixed", "diff")

    def __init__(
        self,
        violations: list[Violation] | None = None,
        errors: list[FileError] | None = None,
        fixed: int = 0,
        diff: str = "",
    ) -> None:
        self.violations: list[Violation] = [] if violations is None else violations
        self.errors: list[FileError] = [] if errors is None else errors
        self.fixed = fixed
        self.diff = diff


class RunResult(MutableRecord):
    """Everything a run produced, ready for a formatter."""

    _fields = ("violations", "errors", "files", "fixed", "diffs", "fail_on")

    def __init__(
        self,
        violations: list[Violation] | None = None,
        errors: list[FileError] | None = None,
        files: int = 0,
        fixed: int = 0,
        diffs: list[str] | None = None,
        fail_on: Severity = Severity.WARNING,
    ) -> None:
        self.violations: list[Violation] = [] if violations is None else violations
        self.errors: list[FileError] = [] if errors is None else errors
        self.files = files
        self.fixed = fixed
        self.diffs: list[str] = [] if diffs is None else diffs
        self.fail_on = fail_on

    def add(self, outcome: Outcome) -> None:
        self.violations.extend(outcome.violations)
        self.errors.extend(outcome.errors)
        self.fixed += outcome.fixed
        if outcome.diff:
            self.diffs.append(outcome.diff)


def config_for(path: Path, options: RunOptions) -> Config:
    return resolve_config(
        path.parent if not path.is_dir() else path, options.overrides, options.config_file, options.isolated
    )


def lint_text(path: str, text: str, config: Config, options: RunOptions | None = None) -> Outcome:
    """Lint one article's text under a configuration (fixing it if asked)."""
    options = options or RunOptions()
    book = rulebook(config)
    file_ignores = ignored_codes_for(config, Path(path)) if config.per_file_ignores else ()
    rules, severities = book.selection(config, file_ignores)
    outcome = Outcome()
    try:
        doc = _parse(path, text)
    except Exception as exc:  # a parser bug or a parser plugin that raises: this file only
        outcome.errors.append(FileError(path, f"cannot parse: {type(exc).__name__}: {exc}"))
        return outcome
    if doc.front_matter_error:
        outcome.errors.append(FileError(path, doc.front_matter_error))
    result = lint_document(doc, rules, severities)
    if result.failures:
        outcome.errors.extend(FileError(path, f.message) for f in result.failures)
    violations = list(result.violations)
    if options.fix or options.diff:
        violations, fixed_text, outcome.fixed = _fix_loop(path, text, violations, rules, severities, options)
        if fixed_text != text:
            from newslint.fix import unified_diff, write_atomically

            if options.diff:
                outcome.diff = unified_diff(path, text, fixed_text)
            else:
                write_atomically(path, fixed_text)
    outcome.violations = violations
    return outcome


def _parse(path: str, text: str) -> Document:
    hook = get_plugins().manager.hook.newslint_parse
    # Calling a hook nobody implements still costs pluggy's call machinery, per file.
    custom = hook(path=path, source=text) if hook.get_hookimpls() else None
    return custom if custom is not None else parse(path, text)


def _fix_loop(
    path: str,
    text: str,
    violations: list[Violation],
    rules: Sequence[Rule],
    severities: dict[str, Severity],
    options: RunOptions,
) -> tuple[list[Violation], str, int]:
    """Apply fixes and re-lint until nothing more applies (at most ten rounds)."""
    from newslint.fix import applicable, apply_fixes

    total = 0
    for _ in range(10):
        fixes = applicable(violations, options.unsafe_fixes)
        if not fixes:
            break
        applied = apply_fixes(text, fixes)
        if applied.count == 0 or applied.text == text:
            break
        text, total = applied.text, total + applied.count
        violations = list(lint_document(_parse(path, text), rules, severities).violations)
    return violations, text, total


def lint_file(path: str, config: Config, options: RunOptions) -> Outcome:
    """Read and lint one file; unreadable files become one error line."""
    article = read_article(path, max_bytes=options.max_bytes)
    if isinstance(article, FileError):
        return Outcome(errors=[article])
    if not article.text or article.text.isspace():  # as `not text.strip()`, without the copy
        return Outcome()
    return lint_text(article.path, article.text, config, options)


class Target(Record):
    _fields = ("path", "config")
    path: str
    config: Config

    def __init__(self, path: str, config: Config) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "config", config)


def collect(paths: Iterable[str], options: RunOptions) -> tuple[list[Target], list[FileError]]:
    """Expand directories, apply excludes, and pair every file with its configuration."""
    targets: list[Target] = []
    errors: list[FileError] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(FileError(raw, "cannot read: no such file or directory"))
            continue
        try:
            config = config_for(path, options)
        except ConfigError as exc:
            errors.append(FileError(raw, f"not linted: {exc}"))
            continue
        walk_options = WalkOptions(
            config.extensions, config.exclude + config.extend_exclude, config.respect_gitignore, config.root
        )
        if path.is_dir():
            # A file's configuration depends on its folder only: look it up once per folder.
            folders: dict[Path, Config | ConfigError] = {}
            for file in walk(path, walk_options):
                found = folders.get(file.parent)
                if found is None:
                    try:
                        found = config_for(file, options)
                    except ConfigError as exc:
                        found = exc
                    folders[file.parent] = found
                if isinstance(found, ConfigError):
                    errors.append(FileError(str(file), f"not linted: {found}"))
                else:
                    targets.append(Target(str(file), found))
        elif not (options.force_exclude and excluded(path, walk_options)):
            targets.append(Target(raw, config))
    return targets, errors


def run(paths: Sequence[str], options: RunOptions) -> RunResult:
    """Lint paths (files or directories) and gather the results in a stable order."""
    targets, errors = collect(paths, options)
    result = RunResult(errors=errors, files=len(targets))
    configs = {t.config.cache_key: t.config for t in targets}
    if not configs:
        default = resolve_default(options)
        configs = {default.cache_key: default}
    result.errors.extend(_setup_errors(configs.values()))
    for outcome in _lint_all(targets, options):
        result.add(outcome)
    result.fail_on = _fail_on(targets, options)
    result.violations.sort(key=lambda v: v.sort_key)
    return result


def resolve_default(options: RunOptions) -> Config:
    return resolve_config(Path.cwd(), options.overrides, options.config_file, options.isolated)


def _setup_errors(configs: Iterable[Config]) -> list[FileError]:
    """Pack, plugin, settings and selector errors of these configurations, each once.

    They come as `file: key: what` lines; the part before the first ": " is the file.
    """
    seen: list[str] = []
    for config in configs:
        book = rulebook(config)
        for message in [*book.errors, *book.selector_errors(config)]:
            if message not in seen:
                seen.append(message)
    return [FileError(*m.split(": ", 1)) if ": " in m else FileError("newslint", m) for m in seen]


def _fail_on(targets: Sequence[Target], options: RunOptions) -> Severity:
    if options.overrides.fail_on is not None:
        return options.overrides.fail_on
    levels = {t.config.fail_on for t in targets}
    return min(levels) if levels else Severity.WARNING


def _lint_all(targets: Sequence[Target], options: RunOptions) -> Iterable[Outcome]:
    jobs = min(options.jobs, len(targets))
    if jobs <= 1 or len(targets) < 4:
        return [lint_file(t.path, t.config, options) for t in targets]
    # fork keeps the rule books built above, so workers compile nothing again.
    # Imported here: a one-file run (pre-commit) never pays for the process pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    chunk = max(1, len(targets) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(_lint_target, targets, [options] * len(targets), chunksize=chunk))


def _lint_target(target: Target, options: RunOptions) -> Outcome:
    return lint_file(target.path, target.config, options)


def lint_stdin(data: bytes, filename: str, options: RunOptions) -> RunResult:
    """Lint standard input as if it were the file `filename` (never written)."""
    config = config_for(Path(filename), options)
    result = RunResult(files=1, fail_on=options.overrides.fail_on or config.fail_on)
    result.errors.extend(_setup_errors([config]))
    article = read_article(filename, data=data, max_bytes=options.max_bytes)
    if isinstance(article, FileError):
        result.errors.append(article)
        return result
    stdin_options = options.replace(fix=False)
    outcome = lint_text(filename, article.text, config, stdin_options)
    result.add(outcome)
    return result


__all__ = ["RunOptions", "RunResult", "lint_text", "rulebook", "run"]
