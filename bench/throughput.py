"""Throughput of the default rule set (or a selection) over a directory of articles.

    python bench/throughput.py DIR [--jobs N] [--select RULES] [--repeat K] [--per-rule] [--profile FILE]

Lints every .md/.txt under DIR through the CLI's own code path (`newslint.runner.run`)
and prints articles/s, MB/s and peak memory (ru_maxrss of this process and of the
largest worker process with --jobs), then the wall time of a one-file CLI run
(`newslint FILE` in a fresh process, best of 5: the pre-commit case).

A benchmark, not a test. The targets (issue 2): at least 1,500 articles/s in one
process on the BBC set, near-linear over 2 processes, at most 150 MiB peak, and a
one-file run within 0.15 s wall.

On a busy machine wall time overstates the cost: the CPU figures (this process
plus its workers) are the steadier measure. --per-rule times reading + parsing
and then each rule alone, in CPU microseconds per article.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslint.config import Overrides  # noqa: E402
from newslint.document import parse  # noqa: E402
from newslint.files import WalkOptions, read_article, walk  # noqa: E402
from newslint.model import FileError, Rule  # noqa: E402
from newslint.runner import RunOptions, config_for, rulebook, run  # noqa: E402


def _selectors(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _mib(kib: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "newslint"
    if script.exists():
        return [str(script)]
    found = shutil.which("newslint")
    return [found] if found else [sys.executable, "-m", "newslint"]


def one_file_wall(path: Path, select: tuple[str, ...] | None, runs: int = 5) -> float:
    """Best-of-`runs` wall time of `newslint FILE` in a fresh process."""
    cmd = [*_cli(), "check", "--exit-zero", str(path)]
    if select:
        cmd += ["--select", ",".join(select)]
    # Installed packages carry compiled bytecode; let this run write it too, then time warm runs.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_rule(files: list[Path], rules: Sequence[Rule]) -> None:
    """CPU time per article of reading + parsing, then of each rule alone (slowest first)."""
    start = time.process_time()
    articles = [a for a in (read_article(str(f)) for f in files) if not isinstance(a, FileError)]
    docs = [parse(a.path, a.text) for a in articles]
    for doc in docs:  # the lazily built parts most rules use
        _ = (doc.sentences, doc.quotes, doc.lines)
    per_doc = 1e6 / max(1, len(docs))
    print(f"  read+parse   {(time.process_time() - start) * per_doc:8.0f} us/article")
    costs = []
    for rule in rules:
        start = time.process_time()
        for doc in docs:
            with contextlib.suppress(Exception):
                list(rule.check(doc))
        costs.append((time.process_time() - start, rule.meta.code, rule.meta.name))
    for seconds, code, name in sorted(costs, reverse=True):
        print(f"  {code:<12} {seconds * per_doc:8.0f} us/article  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--select", type=_selectors, default=None, metavar="RULES")
    parser.add_argument("--repeat", type=int, default=1, help="lint the directory K times, report the best")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="write a cProfile of the run (jobs 1)")
    parser.add_argument("--no-one-file", action="store_true", help="skip the one-file CLI timing")
    parser.add_argument("--per-rule", action="store_true", help="also time parsing and each rule alone")
    args = parser.parse_args()

    options = RunOptions(overrides=Overrides(select=args.select), jobs=max(1, args.jobs))
    directory: Path = args.directory
    config = config_for(directory, options)

    excludes = config.exclude + config.extend_exclude
    walk_options = WalkOptions(config.extensions, excludes, config.respect_gitignore, config.root)
    files = list(walk(directory, walk_options))
    size = sum(f.stat().st_size for f in files)
    if not files:
        print(f"no articles under {directory}", file=sys.stderr)
        return 2

    start = time.perf_counter()
    book = rulebook(config)
    setup = time.perf_counter() - start
    rules = book.selected(config)

    best = cpu = float("inf")
    result = None
    for _ in range(max(1, args.repeat)):
        start, start_cpu, start_children = time.perf_counter(), time.process_time(), _children_cpu()
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            result = profiler.runcall(run, [str(directory)], options)
            profiler.dump_stats(args.profile)
        else:
            result = run([str(directory)], options)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu + _children_cpu() - start_children)
    assert result is not None

    self_peak = _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    child_peak = _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"directory      {directory} ({len(files)} articles, {size / 1e6:.2f} MB)")
    print(f"rules          {len(rules)} selected of {len(book.rules)} ({args.select or 'defaults'})")
    print(f"jobs           {options.jobs} (cpu count {os.cpu_count()}, load {os.getloadavg()[0]:.1f})")
    print(f"rule setup     {setup * 1000:.0f} ms (once per process, not in the rates below)")
    repeat = max(1, args.repeat)
    print(f"lint time      {best:.3f} s wall, {cpu:.3f} s CPU incl. workers (best of {repeat})")
    print(f"articles/s     {len(files) / best:,.0f} (per CPU second: {len(files) / cpu:,.0f})")
    print(f"MB/s           {size / 1e6 / best:.2f}")
    print(f"findings       {len(result.violations)}, errors {len(result.errors)}")
    if options.jobs > 1:
        print(f"peak memory    {self_peak:.1f} MiB main process, {child_peak:.1f} MiB largest worker")
    else:
        print(f"peak memory    {self_peak:.1f} MiB")
    if args.per_rule:
        per_rule(files, rules)
    if not args.no_one_file:
        sample = sorted(files, key=lambda f: f.stat().st_size)[len(files) // 2]
        print(f"one-file wall  {one_file_wall(sample, args.select) * 1000:.0f} ms (best of 5, {sample.name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
