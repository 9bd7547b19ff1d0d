"""Patterns shipped compiled in a built wheel, so a run does not compile them again.

`re` parses a pattern and generates its code in Python: 0.1-6 ms a pattern, about
a quarter of a one-file run (the pre-commit case) for the 80 or so patterns that
linting an article needs. The result of that work is a list of integers that the
C matcher (`_sre`) turns into a pattern object in microseconds.

So the wheel build hook (`hatch_build.py`) runs `python -m newslint.pattern_cache
OUT PATH...`: it lints the example articles and rule fixtures with every rule,
records the patterns `newslint.patterns.compile_pattern` is asked for, and writes
their compiled code to OUT (shipped as `newslint/compiled-patterns.marshal`).

Compiled code belongs to one interpreter build, so the file carries a stamp of the
interpreter that wrote it, and `compile_pattern` uses it only under an interpreter
with the same stamp and only for the exact pattern text and flags. Each entry is
checked when written to give a pattern equal to `re.compile`'s (same code, flags,
group count and group names). Anything else, a missing or damaged file included,
is compiled by `re` as usual, so the cache changes speed, never results. Source
checkouts and editable installs have no such file.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the C half of `re`, untyped
import array
import importlib
import marshal
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import newslint.patterns as patterns

FILE_NAME = "compiled-patterns.marshal"

# What `_sre.compile` needs besides the pattern text: the flags `re` settles on, the code
# (as bytes of `_CODE_TYPE` items), the number of groups, and the group names both ways.
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str | bytes, int]

_CODE_TYPE = "I"  # array type code of one `_sre` code word, when the sizes agree (see the stamp)
# Flags that make the code depend on more than the pattern text and the interpreter.
_UNCACHED_FLAGS = re.LOCALE | re.DEBUG


def interpreter_stamp() -> str:
    """What must match for compiled code to be usable: the interpreter build and the code format."""
    word = array.array(_CODE_TYPE).itemsize
    return (
        f"{sys.implementation.cache_tag} {sys.version} {sys.byteorder} "
        f"sre {_sre.MAGIC} code {_sre.CODESIZE}/{word} maxunicode {sys.maxunicode}"
    )


def encode(pattern: str | bytes, flags: int) -> Entry | None:
    """The compiled form of a pattern, or None when it cannot be shipped.

    This repeats what `re._compiler.compile` does before it calls `_sre.compile`, and
    keeps the result only if rebuilding from it gives a pattern equal to `re.compile`'s.
    """
    flags = int(flags)
    if flags & _UNCACHED_FLAGS or array.array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        return None
    try:
        # `re` internals, used only while building the cache (a wheel build).
        _parser = importlib.import_module("re._parser")
        _compiler = importlib.import_module("re._compiler")
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: Entry = (
            flags | state.flags,
            array.array(_CODE_TYPE, code).tobytes(),
            state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:  # an interpreter whose internals differ: ship nothing
        return None
    rebuilt = decode(pattern, entry)
    expected = re.compile(pattern, flags)
    if rebuilt is None or not _same_pattern(rebuilt, expected):
        return None
    return entry


def _same_pattern(a: re.Pattern[Any], b: re.Pattern[Any]) -> bool:
    # Pattern equality compares the text, flags and code but not the groups.
    return a == b and a.groups == b.groups and a.groupindex == b.groupindex


def decode(pattern: str | bytes, entry: Entry) -> re.Pattern[Any] | None:
    """The pattern object an entry describes, or None if `_sre` rejects it."""
    try:
        flags, code, groups, groupindex, indexgroup = entry
        words = array.array(_CODE_TYPE, code).tolist()
        compiled: re.Pattern[Any] = _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)
    except Exception:  # a damaged entry: `re` compiles the pattern instead
        return None
    return compiled


def dumps(keys: Iterable[Key]) -> bytes:
    """The cache file for these patterns: the ones that can be shipped, under this interpreter's stamp."""
    entries: dict[Key, Entry] = {}
    for pattern, flags in keys:
        key = (pattern, int(flags))
        if key not in entries and (entry := encode(*key)) is not None:
            entries[key] = entry
    return marshal.dumps((interpreter_stamp(), entries))


def loads(data: bytes) -> Mapping[Key, Entry]:
    """The entries of a cache file, or none if it was written by another interpreter or is damaged."""
    try:
        stamp, entries = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if stamp != interpreter_stamp() or not isinstance(entries, dict):
        return {}
    return entries


def shipped() -> Mapping[Key, Entry]:
    """The cache file shipped beside this module, if any."""
    try:
        with open(os.path.join(os.path.dirname(__file__), FILE_NAME), "rb") as file:
            data = file.read()
    except OSError:
        return {}
    return loads(data)


@contextmanager
def recording() -> Iterator[list[Key]]:
    """Collect every (pattern, flags) that `compile_pattern` is asked for meanwhile."""
    keys: list[Key] = []
    previous = patterns.recorded
    patterns.recorded = keys
    try:
        yield keys
    finally:
        patterns.recorded = previous


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newslint.pattern_cache OUT PATH...`: lint PATHs, cache the patterns that compiles."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        print("usage: python -m newslint.pattern_cache OUT PATH...", file=sys.stderr)
        return 2
    out, paths = args[0], args[1:]
    codes = []
    with open(os.devnull, "w", encoding="utf-8") as devnull, recording() as keys:
        # Imported here: some modules compile patterns as they load.
        from newslint.cli import main as lint

        # The default rules and every rule: some families build their patterns from the rules
        # selected. One process (--jobs 1), so every compile is recorded here.
        for select in ([], ["--select", "ALL"]):
            argv = ["check", "--isolated", *select, "--exit-zero", "--jobs", "1", *paths]
            codes.append(lint(argv, stdout=devnull))
    code = max(codes)
    if code != 0:
        print(f"newslint.pattern_cache: linting {' '.join(paths)} exited {code}", file=sys.stderr)
        return 1
    data = dumps(keys)
    with open(out, "wb") as file:
        file.write(data)
    print(f"newslint.pattern_cache: {len(loads(data))} of {len(set(keys))} patterns compiled to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
