#!/usr/bin/env python3
"""Findings per article, by category, on the shared evaluation corpora (evaluation only: reads ../shared).

    python bench/corpus_rates.py [--shared ../shared] [--select ...]

BBC files are linted as they are (headline on line 1); the JSONL corpora become temporary
plain-text articles (headline, blank line, body). Nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from newslint.config import Config
from newslint.runner import lint_text

CATEGORIES = ("boilerplate", "sourcing", "experts", "headline", "ai-template", "readability", "style")


def rates(articles: list[tuple[str, str]], config: Config) -> tuple[int, Counter[str], Counter[str]]:
    per_category: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for name, text in articles:
        seen = set()
        for v in lint_text(name, text, config).violations:
            per_category[v.category] += 1
            seen.add(v.category)
        flagged.update(seen)
    return len(articles), per_category, flagged


def jsonl_articles(path: Path, group_by: str | None = None) -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = f"{record['headline']}\n\n" + "\n\n".join(p for p in record["body"].split("\n") if p.strip())
        key = str(record.get(group_by, "all")) if group_by else "all"
        groups[key].append((f"{record['id']}.txt", text + "\n"))
    return groups


def show(label: str, result: tuple[int, Counter[str], Counter[str]]) -> None:
    count, per_category, flagged = result
    cells = "  ".join(f"{c} {per_category[c] / count:.3f} ({flagged[c] / count:.0%})" for c in CATEGORIES)
    print(f"{label:<34} n={count:<5} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--select", default=None, help="comma-separated selectors (default: the default set)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(root=Path(tmp), select=tuple(args.select.split(",")) if args.select else None)
        print("findings per article by category (share of articles with at least one)")
        bbc = sorted((args.shared / "corpus/bbc-news-2005/bbc").glob("*/*.txt"))
        show("bbc-news-2005", rates([(str(p), p.read_text(encoding="latin-1")) for p in bbc], config))
        corpus = args.shared / "corpus"
        for label, group in sorted(
            jsonl_articles(corpus / "ai-vs-human-news/articles.jsonl", "label").items()
        ):
            show(f"ai-vs-human {label}", rates(group, config))
        fake = corpus / "fakenewscorpus-sample"
        for path in sorted(fake.glob("*.jsonl")):
            show(f"fakenewscorpus {path.stem}", rates(jsonl_articles(path)["all"], config))


if __name__ == "__main__":
    main()
