"""Output formats. Each is a function `(report, stream) -> None`, registered through a hook.

File and setup errors are not part of a format's output: the CLI writes them to
standard error, one line each, so machine-readable output on standard output
stays valid.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from newslint import __version__
from newslint.model import Severity, Violation
from newslint.report import Report

FIXABLE_MARK = "[*]"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    """`Found 7 problems (3 errors, 4 warnings) in 2 files.` or `All checks passed.`"""
    violations = report.violations
    if not violations:
        return (
            "All checks passed."
            if not report.errors
            else "No problems found in the files that could be read."
        )
    by_severity = Counter(v.severity for v in violations)
    parts = [
        _plural(by_severity[s], str(s))
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if by_severity[s]
    ]
    files = len({v.path for v in violations})
    problems = _plural(len(violations), "problem")
    return f"Found {problems} ({', '.join(parts)}) in {_plural(files, 'file')}."


def _fix_hints(report: Report) -> list[str]:
    lines = []
    if report.fixed:
        lines.append(f"Fixed {_plural(report.fixed, 'problem')}.")
    safe = sum(1 for v in report.violations if v.fix is not None and v.fix.safe)
    unsafe = sum(1 for v in report.violations if v.fix is not None and not v.fix.safe)
    if safe:
        lines.append(f"{FIXABLE_MARK} {safe} fixable with the --fix option.")
    if unsafe:
        lines.append(f"{unsafe} more fixable with the --unsafe-fixes option (check the result).")
    return lines


def _location(v: Violation) -> str:
    return f"{v.path}:{v.start.line}:{v.start.column}"


def full(report: Report, stream: TextIO) -> None:
    """The default: `path:line:col: CODE [name] message`, then a summary."""
    for v in report.violations:
        mark = f" {FIXABLE_MARK}" if v.fix is not None and v.fix.safe else ""
        stream.write(f"{_location(v)}: {v.code}{mark} [{v.name}] {v.message}\n")
    if report.statistics:
        statistics(report, stream)
    stream.write(summary_line(report) + "\n")
    for line in _fix_hints(report):
        stream.write(line + "\n")


def concise(report: Report, stream: TextIO) -> None:
    """One line per finding, `path:line:col: CODE message`, nothing else (for scripts and editors)."""
    for v in report.violations:
        stream.write(f"{_location(v)}: {v.code} {v.message}\n")
    if report.statistics:
        statistics(report, stream)


def statistics(report: Report, stream: TextIO) -> None:
    """Counts per rule, most frequent first (`--statistics`)."""
    counts = Counter((v.code, v.name) for v in report.violations)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{count:5d}\t{code}\t[{name}]\n")


def _fix_json(v: Violation, report: Report) -> dict[str, Any] | None:
    if v.fix is None:
        return None
    return {
        "title": v.fix.title,
        "applicability": "safe" if v.fix.safe else "unsafe",
        "edits": [
            {
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "content": e.replacement,
            }
            for e, (start, end) in zip(v.fix.edits, v.edit_positions, strict=True)
        ],
    }


def violation_json(v: Violation, report: Report) -> dict[str, Any]:
    return {
        "path": v.path,
        "line": v.start.line,
        "column": v.start.column,
        "end_line": v.end.line,
        "end_column": v.end.column,
        "code": v.code,
        "name": v.name,
        "category": v.category,
        "severity": str(v.severity),
        "message": v.message,
        "fix": _fix_json(v, report),
    }


def json_format(report: Report, stream: TextIO) -> None:
    """A JSON array of findings with stable keys."""
    import json  # only for the JSON formats: importing it costs ~2 ms of a one-file run

    json.dump([violation_json(v, report) for v in report.violations], stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def json_lines(report: Report, stream: TextIO) -> None:
    """One JSON object per line (streams well into other tools)."""
    import json

    for v in report.violations:
        stream.write(json.dumps(violation_json(v, report), ensure_ascii=False) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: Report, stream: TextIO) -> None:
    """GitHub Actions workflow commands: one annotation per finding, escaped as @actions/core does."""
    for v in report.violations:
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", v.path),
                ("line", v.start.line),
                ("col", v.start.column),
                ("endLine", v.end.line),
                ("endColumn", v.end.column),
                ("title", f"newslint ({v.code})"),
            )
        )
        message = f"{v.code} [{v.name}] {v.message}"
        stream.write(f"::{GITHUB_LEVELS[v.severity]} {props}::{_escape_data(message)}\n")


SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(report: Report, stream: TextIO) -> None:
    """SARIF 2.1.0 for code-scanning upload."""
    rules = sorted({(v.code, v.name) for v in report.violations})
    results = [
        {
            "ruleId": v.code,
            "level": SARIF_LEVELS[v.severity],
            "message": {"text": v.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": v.path.replace("\\", "/")},
                        "region": {
                            "startLine": v.start.line,
                            "startColumn": v.start.column,
                            "endLine": v.end.line,
                            "endColumn": v.end.column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"primaryLocationLineHash": _fingerprint(v)},
        }
        for v in report.violations
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/newslint/",
                        "rules": [
                            {"id": code, "name": name, "shortDescription": {"text": name.replace("-", " ")}}
                            for code, name in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    import json

    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _fingerprint(v: Violation) -> str:
    import hashlib  # SARIF only

    return hashlib.sha256(f"{v.path}:{v.code}:{v.message}".encode()).hexdigest()[:16]


FORMATTERS = {
    "full": full,
    "concise": concise,
    "json": json_format,
    "json-lines": json_lines,
    "github": github,
    "sarif": sarif,
}
