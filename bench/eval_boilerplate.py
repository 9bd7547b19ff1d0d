"""Corpus figures for the boilerplate rules (BP*): an evaluation script, not a test.

    python bench/eval_boilerplate.py [--shared ../shared] [--show N] [--time]

Prints:
- BBC News 2005 (clean professional copy, 2,225 files): files with any BP finding
  (target: zero), and every finding when --show is given;
- AEB scraped-vs-clean (181 real pages): the share of naive full-page texts with at
  least one BP finding (recall proxy, target >= 80%) and the share of the hand-cleaned
  bodies of the same pages with one (false-positive proxy, target <= 2%); also the
  jusText extractions, for information;
- with --time, the time the BP rules take per BBC article (their `check` only; the
  document is parsed beforehand and the shared analysis is counted once per document).

Records are linted as plain-text articles: headline line, blank line, body.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from newslint.config import Config
from newslint.document import parse
from newslint.runner import RunOptions, lint_text, resolve_default, rulebook

HERE = Path(__file__).resolve().parent


def _config() -> Config:
    return Config(root=HERE, select=("BP",))


def lint(name: str, text: str, config: Config) -> list[tuple[int, str, str]]:
    outcome = lint_text(name, text, config)
    return [(v.start.line, v.code, v.message) for v in outcome.violations]


def bbc(shared: Path, config: Config, show: int) -> None:
    root = shared / "corpus" / "bbc-news-2005" / "bbc"
    files = sorted(root.glob("*/*.txt"))
    flagged = 0
    codes: collections.Counter[str] = collections.Counter()
    shown = 0
    for path in files:
        found = lint(path.name, path.read_text(encoding="utf-8"), config)
        if found:
            flagged += 1
            for line, code, message in found:
                codes[code] += 1
                if shown < show:
                    shown += 1
                    print(f"  {path.relative_to(root)}:{line}: {code} {message[:110]}")
    print(f"BBC 2005: {flagged} of {len(files)} files with a boilerplate finding; by code {dict(codes)}")


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def aeb(shared: Path, config: Config, show: int) -> None:
    root = shared / "corpus" / "aeb-scraped-vs-clean"
    for view in ("naive", "clean", "justext"):
        records = _records(root / f"{view}.jsonl")
        flagged = 0
        codes: collections.Counter[str] = collections.Counter()
        shown = 0
        for record in records:
            text = f"{record['headline']}\n\n{record['body']}\n"
            found = lint(f"{record['id']}.txt", text, config)
            if found:
                flagged += 1
                codes.update({code for _, code, _ in found})
                if view == "clean" and shown < show:
                    for line, code, message in found:
                        shown += 1
                        print(f"  {record['id']}:{line}: {code} {message[:110]}")
        share = flagged / len(records) if records else 0.0
        print(
            f"AEB {view:8s}: {flagged:3d} of {len(records)} pages flagged ({share:.1%});"
            f" pages per code {dict(sorted(codes.items()))}"
        )


def timing(shared: Path) -> None:
    root = shared / "corpus" / "bbc-news-2005" / "bbc"
    docs = [parse(p.name, p.read_text(encoding="utf-8")) for p in sorted(root.glob("*/*.txt"))]
    for doc in docs:  # the document model's own lazy work is not ours to time
        _ = doc.lines, doc.sentences
    book = rulebook(resolve_default(RunOptions(isolated=True)))
    rules = [r for r in book.rules if r.meta.code.startswith("BP")]
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for doc in docs:
            for rule in rules:
                for _finding in rule.check(doc):
                    pass
        best = min(best, time.process_time() - start)
    per = best / len(docs)
    print(f"BP rules: {per * 1e6:.1f} us per BBC article ({len(rules)} rules, best of 3)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    parser.add_argument("--show", type=int, default=20, help="print up to N false positives per corpus")
    parser.add_argument("--time", action="store_true", help="also time the BP rules on the BBC set")
    args = parser.parse_args()
    shared: Path = args.shared
    if not (shared / "corpus").is_dir():
        print(f"no corpus under {shared}; pass --shared", file=sys.stderr)
        return 2
    config = _config()
    bbc(shared, config, args.show)
    aeb(shared, config, args.show)
    if args.time:
        timing(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
