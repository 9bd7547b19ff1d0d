#!/usr/bin/env python3
"""Measure the experts rules (EX...) on the shared devset and corpora.

Reads ../shared (evaluation data only; nothing from it is copied into the repo):

* devset: precision and recall of the experts category (runs score.py);
* BBC News 2005 (unique articles only): findings per 200 articles, each printed with its
  sentence so it can be judged by hand;
* ai-vs-human-news: share of texts with an expert finding, machine-written vs human;
* speed: time of the EX rules' `check` alone over the BBC documents (parsing excluded).

Usage: python bench/eval_experts.py [--shared ../shared] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from newslint.config import Config
from newslint.document import parse
from newslint.engine import lint_document
from newslint.runner import rulebook

HERE = Path(__file__).resolve().parent


def ex_rules() -> list:  # type: ignore[type-arg]
    book = rulebook(Config())
    return [r for r in book.rules if r.meta.code.startswith("EX")]


def article_text(rec: dict) -> str:  # type: ignore[type-arg]
    return f"{rec['headline']}\n\n{rec['body']}\n"


def devset(shared: Path) -> None:
    articles = shared / "devset" / "articles"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--select",
            "EX",
            "--output-format",
            "json",
            "--exit-zero",
            str(articles),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        handle.write(out)
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "devset" / "score.py"),
            str(shared / "devset" / "labels.jsonl"),
            handle.name,
            "--verbose",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print("== devset (experts category)")
    for line in score.splitlines():
        if line.startswith(("category", "experts")) or " experts" in line:
            print("  " + line)


def bbc(shared: Path, quiet: bool) -> list:  # type: ignore[type-arg]
    rules = ex_rules()
    path = shared / "corpus" / "bbc-news-2005" / "articles.jsonl"
    docs = []
    findings = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("duplicate_of"):
            continue
        doc = parse(f"{rec['id']}.txt", article_text(rec))
        docs.append(doc)
        for v in lint_document(doc, rules).violations:
            findings.append((rec["id"], v))
    n = len(docs)
    print(
        f"== BBC News 2005: {n} unique articles, {len(findings)} EX findings "
        f"= {200 * len(findings) / n:.2f} per 200 articles"
    )
    for code, count in sorted(Counter(v.code for _, v in findings).items()):
        print(f"  {code}: {count}")
    if not quiet:
        for aid, v in findings:
            print(f"  {aid}:{v.start.line}:{v.start.column} {v.code} {v.message}")
    return docs


def ai_vs_human(shared: Path, quiet: bool) -> None:
    rules = ex_rules()
    path = shared / "corpus" / "ai-vs-human-news" / "articles.jsonl"
    texts: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    examples: list[str] = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        doc = parse(f"{rec['id']}.txt", article_text(rec))
        found = lint_document(doc, rules).violations
        label = rec["label"]
        texts[label] += 1
        counts[label] += len(found)
        if found:
            flagged[label] += 1
            examples.extend(f"  {rec['id']} ({label}) {v.code} {v.message}" for v in found)
    print("== ai-vs-human-news: texts with >= 1 EX finding")
    for label in ("human", "generated_base", "generated_expert", "rephrase_base", "rephrase_expert"):
        total = texts[label]
        print(
            f"  {label:17} {flagged[label]:3}/{total} = {flagged[label] / max(total, 1):6.1%}"
            f"  ({counts[label]} findings)"
        )
    machine = sum(texts[k] for k in texts if k != "human")
    machine_flagged = sum(flagged[k] for k in flagged if k != "human")
    print(
        f"  machine-written (all 4) {machine_flagged}/{machine} = {machine_flagged / max(machine, 1):.1%};"
        f" human {flagged['human']}/{texts['human']} = {flagged['human'] / max(texts['human'], 1):.1%}"
    )
    if not quiet:
        print("\n".join(examples))


def speed(docs: list) -> None:  # type: ignore[type-arg]
    """CPU time (process_time: fair on a shared machine) and wall time of the EX rules' checks."""
    rules = ex_rules()
    for doc in docs:  # warm caches (data loads once per process) and cached document properties
        for rule in rules:
            list(rule.check(doc))
    best_cpu = best_wall = float("inf")
    for _ in range(5):
        cpu, wall = time.process_time(), time.perf_counter()
        for doc in docs:
            for rule in rules:
                list(rule.check(doc))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    n = len(docs)
    print(
        f"== speed: EX rules' check over {n} BBC documents (parsing excluded, best of 5): "
        f"CPU {best_cpu * 1e6 / n:.0f} µs per article, wall {best_wall * 1e6 / n:.0f} µs"
    )
    # Articles per second for the whole default rule set, parsing included, without and with EX.
    texts = [doc.source for doc in docs]
    everything = list(rulebook(Config()).rules)
    without = [r for r in everything if not r.meta.code.startswith("EX")]
    for label, rules_used in (("without EX", without), ("with EX", everything)):
        best = float("inf")
        for _ in range(3):
            cpu = time.process_time()
            for i, text in enumerate(texts):
                lint_document(parse(f"{i}.txt", text), rules_used)
            best = min(best, time.process_time() - cpu)
        print(f"  all default rules {label}: {n / best:,.0f} articles/s (CPU, parsing included)")
    from newslint.checks import experts

    experts.registry.cache_clear()
    experts._university_names.cache_clear()
    experts._curated_lines.cache_clear()
    cpu = time.process_time()
    experts.registry(())
    print(
        f"  data load (institution registry, once per process): "
        f"{(time.process_time() - cpu) * 1000:.0f} ms CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    parser.add_argument("--quiet", action="store_true", help="counts only, no per-finding lines")
    args = parser.parse_args()
    shared: Path = args.shared
    if not shared.is_dir():
        shared = Path("/work/shared")
    devset(shared)
    docs = bbc(shared, args.quiet)
    ai_vs_human(shared, args.quiet)
    speed(docs)


if __name__ == "__main__":
    main()
