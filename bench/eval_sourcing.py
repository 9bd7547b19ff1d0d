#!/usr/bin/env python3
"""Measure the sourcing rules (SR001-SR003) on the devset and the shared corpora.

Run from the repository root (the corpora live in ../shared, outside the repo):

    python bench/eval_sourcing.py                 # every measurement
    python bench/eval_sourcing.py --only bbc --sample 30 --seed 7   # print 30 BBC findings to judge

Prints: devset precision/recall for the sourcing category (through
../shared/devset/score.py), findings per article on the BBC 2005 set (unique
articles), rates on the FakeNewsCorpus sample and on human vs machine-written
news (ai-vs-human-news), SR002 precision on the CoNLL-2010 Wikipedia weasel
sentences, and the time the three rules take per BBC article.
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
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newslint.config import Config
from newslint.document import Document, parse
from newslint.engine import lint_document
from newslint.model import Rule, Violation
from newslint.runner import rulebook

SHARED = Path(__file__).resolve().parents[1].parent.parent / "shared"
CODES = ("SR001", "SR002", "SR003")


def sourcing_rules(root: Path, scope: str | None = None) -> tuple[Rule, ...]:
    settings = {"sourcing": {"attribution-scope": scope}} if scope else {}
    config = Config(root=root, select=("SR",), settings=settings)
    return rulebook(config).selected(config)


def lint(doc: Document, rules: Sequence[Rule]) -> tuple[Violation, ...]:
    return lint_document(doc, rules).violations


def article_text(headline: str, body: str) -> str:
    return f"{headline.strip()}\n\n{body.strip()}\n"


def words(text: str) -> int:
    return len(text.split())


def sentence_at(doc: Document, offset: int) -> str:
    for s in doc.sentences:
        if s.span.start <= offset < s.span.end:
            return " ".join(doc.source[s.span.start : s.span.end].split())
    return ""


# --------------------------------------------------------------------- devset


def devset(shared: Path, scope: str | None) -> None:
    articles = shared / "devset" / "articles"
    with (
        tempfile.NamedTemporaryFile("w+", suffix=".json") as tmp,
        tempfile.NamedTemporaryFile("w", suffix=".toml") as config,
    ):
        config.write(f'[settings.sourcing]\nattribution-scope = "{scope}"\n' if scope else "")
        config.flush()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newslint",
                "check",
                "--output-format",
                "json",
                "--exit-zero",
                "--config",
                config.name,
                "--select",
                "SR",
                str(articles),
            ],
            stdout=tmp,
            check=True,
        )
        tmp.flush()
        out = subprocess.run(
            [
                sys.executable,
                str(shared / "devset" / "score.py"),
                str(shared / "devset" / "labels.jsonl"),
                tmp.name,
                "--verbose",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    print("== devset (sourcing)")
    for line in out.splitlines():
        if line.startswith(("category", "sourcing")) or " sourcing" in line:
            print("  " + line)


# --------------------------------------------------------------------- corpora


def bbc_articles(shared: Path) -> list[tuple[str, str]]:
    root = shared / "corpus" / "bbc-news-2005"
    dupes = set()
    with open(root / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("duplicate_of"):
                dupes.add(rec["id"])
    out = []
    for path in sorted((root / "bbc").glob("*/*.txt")):
        ident = f"bbc-{path.parent.name}-{path.stem}"
        if ident not in dupes:
            out.append((f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8")))
    return out


def jsonl(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def rate_table(title: str, groups: dict[str, list[tuple[str, str]]], rules: Sequence[Rule]) -> None:
    print(f"== {title}")
    print(
        f"  {'group':<18}{'articles':>9}{'findings':>9}{'/article':>9}{'/1k words':>10}{'any':>7}  "
        + "  ".join(CODES)
    )
    for name, items in groups.items():
        counts: collections.Counter[str] = collections.Counter()
        total_words = 0
        flagged = 0
        for path, text in items:
            vs = lint(parse(path, text), rules)
            counts.update(v.code for v in vs)
            total_words += words(text)
            flagged += bool(vs)
        n = sum(counts.values())
        print(
            f"  {name:<18}{len(items):>9}{n:>9}{n / max(1, len(items)):>9.2f}"
            f"{1000 * n / max(1, total_words):>10.2f}{flagged / max(1, len(items)):>7.0%}  "
            + "  ".join(f"{counts[c]:>5}" for c in CODES)
        )


def bbc(shared: Path, rules: Sequence[Rule], sample: int, seed: int, codes: Sequence[str] = ()) -> None:
    items = bbc_articles(shared)
    by_cat: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for path, text in items:
        by_cat[path.split("/")[0]].append((path, text))
    rate_table("BBC News 2005 (unique articles)", {"all": items, **dict(sorted(by_cat.items()))}, rules)
    if sample:
        found: list[tuple[str, Violation, str]] = []
        for path, text in items:
            doc = parse(path, text)
            found.extend((path, v, sentence_at(doc, v.offset)) for v in lint(doc, rules))
        if codes:
            found = [f for f in found if f[1].code in codes]
        random.Random(seed).shuffle(found)
        print(f"== BBC sample of {sample} findings (seed {seed})")
        for i, (path, v, sentence) in enumerate(found[:sample], 1):
            print(f"{i:>3}. {path}:{v.start.line} {v.code} [{v.message.split(':')[0]}]\n     {sentence}")


def fakenews(shared: Path, rules: Sequence[Rule]) -> None:
    recs = list(jsonl(shared / "corpus" / "fakenewscorpus-sample" / "articles.jsonl"))
    groups: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for rec in recs:
        item = (rec["id"] + ".txt", article_text(rec.get("headline") or "Untitled", rec.get("body") or ""))
        groups["all"].append(item)
        groups[rec.get("label") or "unlabelled"].append(item)
    big = {k: v for k, v in groups.items() if k == "all" or len(v) >= 10}
    rate_table("FakeNewsCorpus sample (site labels)", big, rules)


def ai_vs_human(shared: Path, rules: Sequence[Rule]) -> None:
    groups: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for rec in jsonl(shared / "corpus" / "ai-vs-human-news" / "articles.jsonl"):
        groups[rec["label"]].append((rec["id"] + ".txt", article_text(rec["headline"], rec["body"])))
    ordered: dict[str, list[tuple[str, str]]] = {
        k: groups[k]
        for k in ("human", "generated_base", "generated_expert", "rephrase_base", "rephrase_expert")
        if k in groups
    }
    rate_table("ai-vs-human-news (by label)", ordered, rules)


def conll(shared: Path, rules: Sequence[Rule]) -> None:
    sr002 = [r for r in rules if r.meta.code == "SR002"]
    tp = fp = 0
    positives = 0
    fps = []
    for rec in jsonl(shared / "corpus" / "conll2010-wiki-weasel" / "sentences.jsonl"):
        if rec.get("likely_heading"):
            continue
        uncertain = rec["label"] == "uncertain"
        positives += uncertain
        hit = bool(lint(parse("s.txt", article_text("Headline", rec["text"])), sr002))
        if hit and uncertain:
            tp += 1
        elif hit:
            fp += 1
            fps.append(rec["text"])
    print("== CoNLL-2010 Wikipedia weasel sentences (SR002 vague-attribution)")
    print(
        f"  fired on {tp + fp} sentences: precision {tp / max(1, tp + fp):.3f} "
        f"(recall of all {positives} uncertain sentences {tp / max(1, positives):.3f}; "
        "the uncertain label also covers hedges such as 'may' and 'several', out of SR002's scope)"
    )
    for text in fps[:10]:
        print(f"   FP: {text[:160]}")


def timing(shared: Path, rules: Sequence[Rule]) -> None:
    docs = [parse(p, t) for p, t in bbc_articles(shared)]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            for rule in rules:
                for _finding in rule.check(doc):
                    pass
        best = min(best, time.perf_counter() - start)
    print("== speed (three rules' check only, parsed BBC documents, best of 3)")
    print(f"  {1000 * best / len(docs):.3f} ms per article over {len(docs)} articles")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--only", choices=("devset", "bbc", "fakenews", "ai", "conll", "speed"))
    parser.add_argument("--sample", type=int, default=0, help="print N random BBC findings to judge")
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--codes", nargs="*", default=(), help="sample only these codes")
    parser.add_argument(
        "--scope",
        choices=("sentence", "paragraph", "adjacent"),
        help="attribution scope to measure (default: the configured one)",
    )
    args = parser.parse_args(argv)
    rules = sourcing_rules(Path.cwd(), args.scope)
    steps: dict[str, Callable[[], None]] = {
        "devset": lambda: devset(args.shared, args.scope),
        "bbc": lambda: bbc(args.shared, rules, args.sample, args.seed, args.codes),
        "fakenews": lambda: fakenews(args.shared, rules),
        "ai": lambda: ai_vs_human(args.shared, rules),
        "conll": lambda: conll(args.shared, rules),
        "speed": lambda: timing(args.shared, rules),
    }
    for name, step in steps.items():
        if args.only in (None, name):
            step()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
