"""The command line: `newslint [check] PATH...`, `newslint rule CODE`, `newslint rules`.

Exit codes: 0 nothing at or above `fail-on`; 1 something is (or `--diff`
would change a file); 2 a usage, configuration, pack, plugin, file or internal
error.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from newslint import __version__
from newslint.config import ConfigError, Overrides
from newslint.model import Severity
from newslint.plugins import get_plugins
from newslint.report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rule", "rules", "version")


def _selectors(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _severity(value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _formats() -> list[str]:
    names: list[str] = []
    for formats in get_plugins().manager.hook.newslint_formatters():
        names.extend(formats)
    return sorted(set(names))


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, by the same rules: $COLUMNS, else stdout's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    if stdout is None:
        return 80
    try:
        return os.get_terminal_size(stdout.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, sized without importing `shutil`.

    argparse builds a formatter for every `add_argument`, and the stock one imports
    `shutil` (with `bz2`, `lzma`, `zlib`: ~3 ms of a one-file run) to read the
    terminal width. Same width, same output.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ):
        super().__init__(
            prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        formatter_class=HelpFormatter,
        description="Lint news articles for page residue, unsourced figures, unverifiable experts, "
        "headline problems, template artifacts and readability.",
        epilog="Run `newslint rule CODE` to read what a rule checks and how to fix it.",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check", help="lint files and directories (the default command)", formatter_class=HelpFormatter
    )
    _add_check_options(check)
    get_plugins().manager.hook.newslint_add_options(parser=check)
    rule = sub.add_parser("rule", help="explain a rule in plain English", formatter_class=HelpFormatter)
    rule.add_argument("rule", nargs="?", metavar="CODE", help="a rule code or name, e.g. BP001")
    rule.add_argument("--all", action="store_true", help="explain every rule")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")
    rules = sub.add_parser("rules", help="list every rule", formatter_class=HelpFormatter)
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    sub.add_parser("version", help="print the version", formatter_class=HelpFormatter)
    return parser


def _add_check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: .); - reads stdin"
    )
    sel = check.add_argument_group("rule selection")
    sel.add_argument(
        "--select",
        type=_selectors,
        metavar="RULES",
        help="comma-separated codes, prefixes, names or categories to run (replaces the defaults)",
    )
    sel.add_argument("--ignore", type=_selectors, metavar="RULES", help="rules not to run")
    sel.add_argument(
        "--extend-select",
        type=_selectors,
        default=[],
        metavar="RULES",
        help="rules to run in addition to the defaults",
    )
    sel.add_argument(
        "--per-file-ignores",
        action="append",
        default=[],
        metavar="GLOB:RULES",
        help="ignore rules in matching files, e.g. 'opinion/**:SR'",
    )
    out = check.add_argument_group("output")
    out.add_argument(
        "--output-format",
        default="full",
        metavar="FORMAT",
        help="full (default), concise, json, json-lines, github, sarif, or a plugin's format",
    )
    out.add_argument("-o", "--output-file", metavar="FILE", help="write findings to a file")
    out.add_argument("--statistics", action="store_true", help="count findings per rule")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    out.add_argument(
        "--fail-on",
        type=_severity,
        metavar="LEVEL",
        help="lowest severity that fails the run: error, warning (default) or info",
    )
    fix = check.add_argument_group("fixing")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    fix.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes"
    )
    fix.add_argument("--diff", action="store_true", help="print the fixes as a diff instead of writing them")
    files = check.add_argument_group("files and configuration")
    files.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file only")
    files.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    files.add_argument("--stdin-filename", metavar="NAME", help="the name of the file read from stdin (-)")
    files.add_argument("--exclude", type=_selectors, metavar="GLOBS", help="replace the exclude globs")
    files.add_argument(
        "--extend-exclude", type=_selectors, default=[], metavar="GLOBS", help="add exclude globs"
    )
    files.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply excludes to files named on the command line too (pre-commit)",
    )
    files.add_argument(
        "--pack",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="load an extra directory of rule packs",
    )
    files.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="files linted in parallel (default: all cores)",
    )


def _normalise_argv(argv: Sequence[str]) -> list[str]:
    args = list(argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        return ["check", *args]
    return args


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run newslint; returns the exit code (tests call this directly)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(_normalise_argv(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_ERROR
    try:
        if args.command == "rule":
            return _explain(args, out, err)
        if args.command == "rules":
            return _list_rules(args, out)
        if args.command == "version":
            out.write(f"newslint {__version__}\n")
            return EXIT_OK
        return _check(args, out, err)
    except ConfigError as exc:
        err.write(f"{exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("newslint: interrupted\n")
        return EXIT_ERROR
    except Exception:  # the last line of defence: one clear message, not a bare crash
        err.write("newslint: internal error, please report it with this trace:\n")
        import traceback  # only for an internal error

        err.write(traceback.format_exc())
        return EXIT_ERROR


def main_entry() -> None:
    """The console script."""
    raise SystemExit(main())


def _overrides(args: argparse.Namespace) -> Overrides:
    per_file = []
    for item in args.per_file_ignores:
        glob, _, codes = item.rpartition(":")
        if not glob or not codes:
            raise ConfigError("command line", "--per-file-ignores", f"expected GLOB:RULES, got {item!r}")
        per_file.append((glob, tuple(_selectors(codes))))
    return Overrides(
        select=tuple(args.select) if args.select is not None else None,
        ignore=tuple(args.ignore) if args.ignore is not None else None,
        extend_select=tuple(args.extend_select),
        fail_on=args.fail_on,
        packs=tuple(p.resolve() for p in args.pack),
        exclude=tuple(args.exclude) if args.exclude is not None else None,
        extend_exclude=tuple(args.extend_exclude),
        per_file_ignores=tuple(per_file),
    )


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newslint.runner import RunOptions, lint_stdin, run

    formatters: dict[str, object] = {}
    for formats in reversed(get_plugins().manager.hook.newslint_formatters()):
        formatters.update(formats)
    if args.output_format not in formatters:
        err.write(
            f"newslint: unknown output format {args.output_format!r} "
            f"(known: {', '.join(sorted(formatters))})\n"
        )
        return EXIT_ERROR
    if args.unsafe_fixes and not (args.fix or args.diff):
        err.write("newslint: --unsafe-fixes goes with --fix or --diff\n")
        return EXIT_ERROR
    options = RunOptions(
        overrides=_overrides(args),
        config_file=args.config,
        isolated=args.isolated,
        force_exclude=args.force_exclude,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        jobs=max(1, args.jobs),
    )
    paths = args.paths or ["."]
    if paths == ["-"]:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        result = lint_stdin(data, args.stdin_filename or "stdin.md", options)
    elif "-" in paths:
        err.write("newslint: '-' (standard input) cannot be mixed with other paths\n")
        return EXIT_ERROR
    else:
        result = run(paths, options)
    for error in sorted(result.errors, key=lambda e: (e.path, e.message)):
        err.write(f"{error.path}: {error.message}\n")
    if result.files == 0 and not result.errors:
        err.write(
            "newslint: no articles found (.md, .markdown and .txt files, unless configured otherwise)\n"
        )
    report = Report(
        tuple(result.violations), tuple(result.errors), result.files, result.fixed, args.statistics
    )
    if args.diff:
        for diff in result.diffs:
            out.write(diff)
    else:
        _write_report(formatters[args.output_format], report, args.output_file, out)
    if result.errors:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if result.diffs else EXIT_OK
    failing = any(v.severity >= result.fail_on for v in result.violations)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_OK


def _write_report(formatter: object, report: Report, output_file: str | None, out: TextIO) -> None:
    buffer = io.StringIO()
    formatter(report, buffer)  # type: ignore[operator]
    if output_file:
        Path(output_file).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        out.write(buffer.getvalue())


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newslint.ruledocs import find_rule, render_rule
    from newslint.runner import RunOptions, resolve_default, rulebook

    rules = [r.meta for r in rulebook(resolve_default(RunOptions())).rules]
    if args.all:
        chosen = rules
    elif args.rule:
        meta = find_rule(rules, args.rule)
        if meta is None:
            err.write(f"newslint: no rule named {args.rule!r}; `newslint rules` lists them\n")
            return EXIT_ERROR
        chosen = [meta]
    else:
        err.write("newslint: give a rule code or name, e.g. `newslint rule BP001`, or --all\n")
        return EXIT_ERROR
    if args.output_format == "json":
        import json  # only for --output-format json

        json.dump([_meta_json(m) for m in chosen], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write("\n\n".join(render_rule(m) for m in chosen))
    return EXIT_OK


def _meta_json(meta: object) -> dict[str, object]:
    from newslint.model import RuleMeta

    assert isinstance(meta, RuleMeta)
    return {
        "code": meta.code,
        "name": meta.name,
        "category": meta.category,
        "severity": str(meta.severity),
        "summary": meta.summary,
        "fixable": meta.fixable,
        "enabled": meta.default_enabled,
        "docs": meta.doc,
    }


def _list_rules(args: argparse.Namespace, out: TextIO) -> int:
    from newslint.runner import RunOptions, resolve_default, rulebook

    metas = [r.meta for r in rulebook(resolve_default(RunOptions())).rules]
    if args.output_format == "json":
        import json  # only for --output-format json

        json.dump([_meta_json(m) for m in metas], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    for m in metas:
        flags = ("fix" if m.fixable else "   ") + (" " if m.default_enabled else " off")
        out.write(
            f"{m.code:<7}{m.name:<32}{m.category:<13}{m.severity!s:<9}{flags:<8}{m.summary}\n".rstrip() + "\n"
        )
    return EXIT_OK
