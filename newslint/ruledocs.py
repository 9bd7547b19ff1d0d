"""One source for `newslint rule CODE` and docs/rule-reference.md: each rule's [docs] table."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from newslint.model import RuleMeta
from newslint.packs import DOC_HEADINGS


def find_rule(metas: Iterable[RuleMeta], key: str) -> RuleMeta | None:
    """A rule by code (any case) or name."""
    wanted = key.strip()
    for meta in metas:
        if meta.code == wanted.upper() or meta.name == wanted.lower():
            return meta
    return None


def render_rule(meta: RuleMeta) -> str:
    """A rule's documentation as plain text that reads well in a terminal and as Markdown."""
    state = "on by default" if meta.default_enabled else "off by default: turn it on with --extend-select"
    fix = "; --fix can remove it" if meta.fixable else ""
    lines = [
        f"# {meta.code} {meta.name}",
        "",
        f"Category: {meta.category}. Severity: {meta.severity}. {state.capitalize()}{fix}.",
        "",
    ]
    if meta.summary:
        lines += [meta.summary, ""]
    for key, heading in DOC_HEADINGS:
        text = meta.doc.get(key)
        if text:
            body = _fence(text) if key in ("example", "instead") else _wrap(text)
            lines += [f"## {heading}", "", body, ""]
    return "\n".join(lines)


def _fence(text: str) -> str:
    """Examples are article text: fence them so a `#` or `---` line stays text in Markdown."""
    if "```" in text:
        return text
    return "```text\n" + textwrap.dedent(text).strip("\n") + "\n```"


def _wrap(text: str) -> str:
    paragraphs = text.strip().split("\n\n")
    out = []
    for para in paragraphs:
        if any(line.startswith(("    ", "-", "*", ">", "|", "```")) for line in para.splitlines()):
            out.append(para)  # examples and lists keep their layout
        else:
            out.append(textwrap.fill(" ".join(para.split()), width=88))
    return "\n\n".join(out)


def reference(metas: Sequence[RuleMeta]) -> str:
    """docs/rule-reference.md: every built-in rule, generated (a test keeps it current)."""
    head = [
        "# Rule reference",
        "",
        "Generated from the rule files in `rules/` by `python -m newslint.ruledocs`; do not edit by hand.",
        "",
        "| code | name | category | severity | on by default |",
        "|---|---|---|---|---|",
    ]
    head += [
        f"| [{m.code}](#{m.code.lower()}-{m.name}) | {m.name} | {m.category} | {m.severity} | "
        f"{'yes' if m.default_enabled else 'no'} |"
        for m in metas
    ]
    body = [render_rule(m).replace("\n## ", "\n### ").replace("# ", "## ", 1) for m in metas]
    return "\n".join(head) + "\n\n" + "\n".join(body)


def main() -> None:
    from newslint.resources import rules_dir
    from newslint.runner import RunOptions, resolve_default, rulebook

    book = rulebook(resolve_default(RunOptions(isolated=True)))
    builtin = [r.meta for r in book.rules if r.meta.source.startswith(str(rules_dir()))]
    print(reference(builtin), end="")


if __name__ == "__main__":
    main()
