"""Run rules over a document and turn their findings into sorted violations."""

from __future__ import annotations

from collections.abc import Sequence

from newslint._record import Record
from newslint.document import Document
from newslint.model import Finding, Rule, Severity, Violation
from newslint.suppress import find_suppressions


class RuleFailure(Record):
    """A rule that raised: reported as one error line naming it; the other rules still run."""

    _fields = ("code", "name", "source", "error")
    code: str
    name: str
    source: str
    error: str

    def __init__(self, code: str, name: str, source: str, error: str) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "error", error)

    @property
    def message(self) -> str:
        return f"rule {self.code} ({self.name}, from {self.source}) failed: {self.error}"


class LintResult(Record):
    _fields = ("violations", "failures")
    violations: tuple[Violation, ...]
    failures: tuple[RuleFailure, ...]

    def __init__(self, violations: tuple[Violation, ...], failures: tuple[RuleFailure, ...]) -> None:
        object.__setattr__(self, "violations", violations)
        object.__setattr__(self, "failures", failures)


def lint_document(
    doc: Document,
    rules: Sequence[Rule],
    severities: dict[str, Severity] | None = None,
) -> LintResult:
    """Run every rule on a document; suppressions and quote skipping applied, output sorted."""
    suppressions = find_suppressions(doc)
    severity_of = (severities or {}).get
    violations: list[Violation] = []
    failures: list[RuleFailure] = []
    # This loop runs once per rule and document, and most rules find nothing:
    # the per-rule work before a finding shows up is kept to the call itself.
    for rule in rules:
        try:
            findings = list(rule.check(doc))
        except Exception as exc:  # one broken rule must not stop the others
            meta = rule.meta
            failures.append(RuleFailure(meta.code, meta.name, meta.source, f"{type(exc).__name__}: {exc}"))
            continue
        if not findings:
            continue
        meta = rule.meta
        severity = severity_of(meta.code, meta.severity)
        for finding in findings:
            if not meta.lint_quotes and doc.in_quote(finding.span.start):
                continue
            violation = _violation(doc, rule, finding, severity)
            if not suppressions.suppresses(meta, violation.start.line):
                violations.append(violation)
    if len(violations) > 1:
        violations.sort(key=_order)
        violations = _dedupe(violations)
    return LintResult(tuple(violations), tuple(failures))


def _order(v: Violation) -> tuple[int, int, str, int, int, str]:
    return (v.start.line, v.start.column, v.code, v.end.line, v.end.column, v.message)


def _violation(doc: Document, rule: Rule, finding: Finding, severity: Severity) -> Violation:
    meta = rule.meta
    end = max(finding.span.start, finding.span.end)
    return Violation(
        path=doc.path,
        code=meta.code,
        name=meta.name,
        category=meta.category,
        severity=severity,
        message=finding.message,
        start=doc.position(finding.span.start),
        end=doc.position(end),
        fix=finding.fix,
        offset=finding.span.start,
        edit_positions=tuple(
            (doc.position(e.span.start), doc.position(e.span.end))
            for e in (finding.fix.edits if finding.fix else ())
        ),
    )


def _dedupe(violations: list[Violation]) -> list[Violation]:
    """Drop exact repeats (same rule, place and message), which say nothing new."""
    out: list[Violation] = []
    for v in violations:
        if out and (out[-1].code, out[-1].start, out[-1].end, out[-1].message) == (
            v.code,
            v.start,
            v.end,
            v.message,
        ):
            continue
        out.append(v)
    return out
