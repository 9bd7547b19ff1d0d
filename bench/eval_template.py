#!/usr/bin/env python3
"""Measure the ai-template, readability and style families (issue 7).

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/eval_template.py [--shared ../shared] [--repeat 3]

Prints:
1. devset ai-template precision/recall (through ../shared/devset/score.py);
2. findings per article for each category, and per rule, on the BBC News 2005 set
   (ai-template findings there are false positives);
3. the same on ai-vs-human-news, split into human and machine-written texts;
4. speed on the BBC set, one core: the full default rule set with and without the
   readability rules, and each family alone (articles/s, ms per article).
Reads ../shared (evaluation only); writes nothing into the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from newslint.config import Config
from newslint.document import Document, parse
from newslint.engine import lint_document
from newslint.model import Rule
from newslint.runner import rulebook
from newslint.select import is_selected

CATEGORIES = ("ai-template", "readability", "style")
PREFIXES = {"ai-template": "AT", "readability": "RD", "style": "ST"}


def rules_for(select: Sequence[str] | None, ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
    config = Config(root=Path.cwd())
    book = rulebook(config)
    return tuple(r for r in book.rules if is_selected(r.meta, select, tuple(ignore)))


def bbc_docs(shared: Path) -> list[Document]:
    records = [json.loads(line) for line in (shared / "corpus/bbc-news-2005/articles.jsonl").open()]
    docs = []
    for record in records:
        if record.get("duplicate_of"):
            continue
        docs.append(parse(f"{record['id']}.txt", f"{record['headline']}\n\n{record['body']}\n"))
    return docs


def ai_docs(shared: Path) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = collections.defaultdict(list)
    for line in (shared / "corpus/ai-vs-human-news/articles.jsonl").open():
        record = json.loads(line)
        doc = parse(f"{record['id']}.txt", f"{record['headline']}\n\n{record['body']}\n")
        groups[record["label"]].append(doc)
    return dict(groups)


Tally = collections.Counter[str]


def rates(docs: Sequence[Document], rules: Sequence[Rule]) -> tuple[Tally, Tally, int]:
    by_category: collections.Counter[str] = collections.Counter()
    by_code: collections.Counter[str] = collections.Counter()
    flagged = 0
    for doc in docs:
        result = lint_document(doc, rules)
        for v in result.violations:
            by_category[v.category] += 1
            by_code[v.code] += 1
        if any(v.category == "ai-template" for v in result.violations):
            flagged += 1
        if result.failures:
            raise SystemExit(f"rule failure: {result.failures[0].describe(doc.path)}")
    return by_category, by_code, flagged


def print_rates(title: str, docs: Sequence[Document], rules: Sequence[Rule]) -> None:
    by_category, by_code, flagged = rates(docs, rules)
    n = len(docs)
    cats = "  ".join(f"{c} {by_category[c] / n:.3f}" for c in CATEGORIES)
    print(f"{title:<22} n={n:<5} per article: {cats}  (articles with ai-template: {flagged})")
    codes = "  ".join(f"{code} {count / n:.3f}" for code, count in sorted(by_code.items()))
    print(f"{'':<22} by rule: {codes or '-'}")


def devset(shared: Path) -> None:
    articles = shared / "devset/articles"
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "newslint", "--output-format", "json", "--exit-zero",
             "--select", "AT001,AT002,AT003", str(articles.resolve())],
            stdout=out, check=True,
        )
        result = subprocess.run(
            [sys.executable, str(shared / "devset/score.py"), str(shared / "devset/labels.jsonl"), out.name],
            capture_output=True, text=True, check=True,
        )
    for line in result.stdout.splitlines():
        if line.startswith(("category", "ai-template")):
            print("  " + line)


def timed(docs: Sequence[Document], rules: Sequence[Rule], repeat: int) -> float:
    """Best-of-`repeat` seconds to lint every document (parsed, fresh copies each round)."""
    best = float("inf")
    sources = [(d.path, d.source) for d in docs]
    for _ in range(repeat):
        fresh = [parse(p, s) for p, s in sources]  # cached properties must be recomputed
        start = time.perf_counter()
        for doc in fresh:
            lint_document(doc, rules)
        best = min(best, time.perf_counter() - start)
    return best


def timed_parse(docs: Sequence[Document], repeat: int) -> float:
    best = float("inf")
    sources = [(d.path, d.source) for d in docs]
    for _ in range(repeat):
        start = time.perf_counter()
        for path, source in sources:
            parse(path, source).sentences  # noqa: B018 - the split every rule set needs
        best = min(best, time.perf_counter() - start)
    return best


def speed(docs: Sequence[Document], repeat: int) -> None:
    n = len(docs)
    full = rules_for(None)
    without = rules_for(None, ["RD"])
    parse_s = timed_parse(docs, repeat)
    print(f"  parse + sentence split only      {parse_s / n * 1e3:.3f} ms/article")
    rows: list[tuple[str, Iterable[Rule]]] = [
        ("default set", full),
        ("default set without RD", without),
        ("ai-template (default)", [r for r in full if r.meta.category == "ai-template"]),
        ("readability (default)", [r for r in full if r.meta.category == "readability"]),
        ("style (default)", [r for r in full if r.meta.category == "style"]),
        ("AT004 stock phrases (opt-in)", rules_for(["AT004"])),
    ]
    results = {}
    for title, rules in rows:
        rules = tuple(rules)
        seconds = timed(docs, rules, repeat)
        results[title] = seconds
        total = parse_s + seconds
        print(f"  {title:<32} rules {seconds / n * 1e3:.3f} ms/article;"
              f" with parsing {n / total:,.0f} articles/s")
    slow = (parse_s + results["default set"]) / (parse_s + results["default set without RD"]) - 1
    print(f"  readability costs {slow:.1%} of the default set's time (target <= 20%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    candidates = (Path("../shared"), Path("../../shared"))
    default_shared = next((p for p in candidates if p.is_dir()), candidates[0])
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shared: Path = args.shared

    print("1. devset, ai-template (AT001-AT003):")
    devset(shared)

    default = rules_for(None)
    everything = rules_for(["AT", "RD", "ST"])
    print("\n2./3. findings per article (default rule set; then with the opt-in AT004 and ST005):")
    bbc = bbc_docs(shared)
    print_rates("BBC 2005 (unique)", bbc, [r for r in default if r.meta.category in CATEGORIES])
    print_rates("BBC 2005, all AT/RD/ST", bbc, everything)
    for label, docs in sorted(ai_docs(shared).items()):
        print_rates(f"ai-vs-human {label}", docs, everything)

    print(f"\n4. speed on {len(bbc)} BBC articles, one core, best of {args.repeat}:")
    speed(bbc, args.repeat)


if __name__ == "__main__":
    main()
