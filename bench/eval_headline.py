#!/usr/bin/env python3
"""Measure the headline rules (HL001-HL004) on the evaluation corpora.

Usage (from the repository root, with newslint installed):

    python bench/eval_headline.py [--shared ../shared] [--all-pairs] [--seed 7]

* FNC-1 train (../shared/corpus/fnc1-train): each (headline, body) pair becomes
  a plain-text article "headline, blank line, body"; a pair counts as flagged
  when any HL rule reports on it. The positive class is `unrelated`. Reports
  precision, recall, F1 and accuracy on pairs_sample.jsonl and, with
  --all-pairs, on all 49,619 pairs of stances.jsonl.
* BBC News 2005 (../shared/corpus/bbc-news-2005): the share of articles flagged
  with their real headlines (false alarms), and with headlines swapped between
  articles of different sections (recall). Exact duplicates are skipped.
* Speed: the CPU time the HL rules' `check` takes per BBC article (parsing
  excluded), measured over the real-headline pass.
* Devset: runs the CLI on ../shared/devset/articles with --select HL and score.py.

Reads the corpora only; writes nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from newslint.config import Config
from newslint.document import parse
from newslint.model import Rule
from newslint.runner import RunOptions, resolve_default, rulebook


def hl_rules() -> list[Rule]:
    config: Config = resolve_default(RunOptions(isolated=True))
    return [r for r in rulebook(config).rules if r.meta.code.startswith("HL")]


UNRELATED = "HL001-unrelated"  # the relatedness part of HL001 ("... belongs to this story")


class Linter:
    def __init__(self) -> None:
        self.rules = hl_rules()
        self.check_seconds = 0.0
        self.checked = 0

    def codes(self, headline: str, body: str) -> list[str]:
        """The codes reported on an article; HL001's unrelated-body finding is
        also listed as HL001-unrelated."""
        doc = parse("article.txt", f"{headline}\n\n{body}\n")
        start = time.process_time()
        codes = []
        for rule in self.rules:
            for finding in rule.check(doc):
                codes.append(rule.meta.code)
                if "belongs to this story" in finding.message:
                    codes.append(UNRELATED)
        self.check_seconds += time.process_time() - start
        self.checked += 1
        return codes


def prf(flags: Sequence[bool], truth: Sequence[bool]) -> str:
    tp = sum(f and t for f, t in zip(flags, truth, strict=True))
    fp = sum(f and not t for f, t in zip(flags, truth, strict=True))
    fn = sum(t and not f for f, t in zip(flags, truth, strict=True))
    tn = len(flags) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = (tp + tn) / len(flags) if flags else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  accuracy {acc:.3f}  (tp {tp} fp {fp} fn {fn} tn {tn})"


def read_jsonl(path: Path) -> Iterable[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def fnc(linter: Linter, shared: Path, all_pairs: bool) -> None:
    root = shared / "corpus" / "fnc1-train"
    sample = list(read_jsonl(root / "pairs_sample.jsonl"))
    results = [linter.codes(str(r["headline"]), str(r["body"])) for r in sample]
    truth = [r["stance"] == "unrelated" for r in sample]
    print(f"FNC-1 sample ({len(sample)} pairs, {sum(truth)} unrelated):")
    print("  any HL finding:      ", prf([bool(c) for c in results], truth))
    print("  HL001 only:          ", prf(["HL001" in c for c in results], truth))
    print("  HL001 unrelated part:", prf([UNRELATED in c for c in results], truth))
    by_stance: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r, codes in zip(sample, results, strict=True):
        by_stance[str(r["stance"])].update(set(codes) or {"-"})
    for stance, counter in sorted(by_stance.items()):
        print(f"    {stance:9} {dict(sorted(counter.items()))}")
    if not all_pairs:
        return
    bodies = {int(str(r["body_id"])): str(r["body"]) for r in read_jsonl(root / "bodies.jsonl")}
    stances = list(read_jsonl(root / "stances.jsonl"))
    results = [linter.codes(str(r["headline"]), bodies[int(str(r["body_id"]))]) for r in stances]
    truth = [r["stance"] == "unrelated" for r in stances]
    print(f"FNC-1 all pairs ({len(stances)} pairs, {sum(truth)} unrelated):")
    print("  any HL finding:      ", prf([bool(c) for c in results], truth))
    print("  HL001 unrelated part:", prf([UNRELATED in c for c in results], truth))


def bbc(linter: Linter, shared: Path, seed: int) -> None:
    records = [r for r in read_jsonl(shared / "corpus" / "bbc-news-2005" / "articles.jsonl")]
    unique = [r for r in records if not r["duplicate_of"]]
    linter.check_seconds, linter.checked = 0.0, 0
    real = [linter.codes(str(r["headline"]), str(r["body"])) for r in unique]
    per_article_ms = 1000 * linter.check_seconds / max(1, linter.checked)
    counts = collections.Counter(c for codes in real for c in set(codes))
    flagged = sum(1 for c in real if c)
    print(
        f"BBC real headlines ({len(unique)} unique articles): flagged {flagged} = {flagged / len(unique):.2%}"
    )
    print(f"  by code: {dict(sorted(counts.items()))}")
    rng = random.Random(seed)
    swapped = []
    for r in unique:
        while True:
            other = rng.choice(unique)
            if other["category"] != r["category"]:
                break
        swapped.append(linter.codes(str(other["headline"]), str(r["body"])))
    flagged = sum(1 for c in swapped if c)
    counts = collections.Counter(c for codes in swapped for c in set(codes))
    print(f"BBC swapped headlines (other section): flagged {flagged} = {flagged / len(unique):.2%}")
    print(f"  by code: {dict(sorted(counts.items()))}")
    print(f"Speed: HL rules check() {per_article_ms:.3f} ms CPU per BBC article (parsing excluded)")


def devset(shared: Path) -> None:
    dev = shared / "devset"
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newslint",
                "check",
                "--output-format",
                "json",
                "--exit-zero",
                "--select",
                "HL",
                str(dev / "articles"),
            ],
            stdout=out,
            check=True,
        )
        out.flush()
        score = subprocess.run(
            [sys.executable, str(dev / "score.py"), str(dev / "labels.jsonl"), out.name, "--verbose"],
            capture_output=True,
            text=True,
            check=True,
        )
    lines = [ln for ln in score.stdout.splitlines() if ln.startswith(("category", "headline"))]
    lines += [ln for ln in score.stdout.splitlines() if " headline" in ln and ln.startswith(("FP", "FN"))]
    print("Devset (--select HL):")
    for line in lines:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1].parent.parent / "shared"
    )
    parser.add_argument("--all-pairs", action="store_true", help="also lint all 49,619 FNC-1 pairs (slow)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip", nargs="*", default=[], choices=["fnc", "bbc", "devset"])
    args = parser.parse_args()
    shared = args.shared if args.shared.is_dir() else Path("../shared")
    linter = Linter()
    if "devset" not in args.skip:
        devset(shared)
    if "bbc" not in args.skip:
        bbc(linter, shared, args.seed)
    if "fnc" not in args.skip:
        fnc(linter, shared, args.all_pairs)


if __name__ == "__main__":
    main()
