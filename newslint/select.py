"""Rule selection: select / ignore / extend-select by code prefix, name or category.

The most specific selector wins (a name or full code beats a prefix, a longer
prefix beats a shorter one, any prefix beats a category, which beats ``ALL``);
on a tie, ignore wins. This is flake8's DecisionEngine and ruff's behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newslint.model import CATEGORIES, RuleMeta, Severity

NAME_SPECIFICITY = 1000


def specificity(selector: str, meta: RuleMeta) -> int | None:
    """How specifically a selector names a rule, or None if it does not match it."""
    if selector == "ALL":
        return 0
    if selector == meta.name or selector == meta.code:
        return NAME_SPECIFICITY
    if selector == meta.category:
        return 1
    if meta.code.startswith(selector):
        return 1 + len(selector)
    return None


def _best(selectors: Iterable[str], meta: RuleMeta) -> int | None:
    scores = [s for s in (specificity(sel, meta) for sel in selectors) if s is not None]
    return max(scores) if scores else None


def is_selected(
    meta: RuleMeta,
    select: Sequence[str] | None,
    ignore: Sequence[str],
    extend_select: Sequence[str] = (),
) -> bool:
    """Whether a rule runs under these selectors (``select=None`` means the default set)."""
    chosen = _best(select, meta) if select is not None else (0 if meta.default_enabled else None)
    extended = _best(extend_select, meta)
    if extended is not None and (chosen is None or extended > chosen):
        chosen = extended
    if chosen is None:
        return False
    ignored = _best(ignore, meta)
    return ignored is None or chosen > ignored


def is_valid_selector(selector: str, metas: Iterable[RuleMeta]) -> bool:
    """Whether a selector names at least one known rule (or ALL, or a category)."""
    if selector == "ALL" or selector in CATEGORIES:
        return True
    return any(specificity(selector, meta) is not None for meta in metas)


def severity_for(meta: RuleMeta, overrides: Sequence[tuple[str, Severity]]) -> Severity:
    """The rule's severity after overrides; the most specific override wins."""
    best: tuple[int, Severity] | None = None
    for selector, severity in overrides:
        score = specificity(selector, meta)
        if score is not None and (best is None or score >= best[0]):
            best = (score, severity)
    return best[1] if best else meta.severity
