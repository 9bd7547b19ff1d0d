"""Helpers the rule families share for compiling patterns late and prefiltering them safely.

Compiling a regular expression with `re` runs in Python and costs 0.1-15 ms. A one-file run
(the pre-commit case) would spend most of its time compiling patterns the article never needs,
so the families compile theirs on first use (`LazyPattern`) behind cheap tests that are proven
supersets of what the pattern can match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any, AnyStr

# The only non-ASCII characters that `re` matches to an ASCII letter under IGNORECASE:
# capital I with dot, dotless i, long s and the Kelvin sign (tests/test_core_speed.py scans all
# of Unicode to prove the list complete). A text without them matches a case-insensitive ASCII
# literal only in ASCII letters, so the literal's lower case is a substring of `text.lower()`.
CASE_TWINS: tuple[str, ...] = ("\u0130", "\u0131", "\u017f", "\u212a")


def translation_table(table: dict[int, Any]) -> dict[int, Any]:
    """A `str.translate` table that also maps every other ASCII character to itself.

    That changes no result, only the speed: `str.translate` looks each character of
    the text up in the table, and one missing from it costs a raised and cleared
    KeyError (about twice the time of the whole call on an ordinary sentence).
    """
    filled: dict[int, Any] = {code: code for code in range(128)}
    filled.update(table)
    return filled


def has_case_twin(text: str) -> bool:
    """Whether `text` holds a character that IGNORECASE matches to an ASCII letter it is not.

    A lower-cased literal test cannot rule a case-insensitive pattern out on such a text.
    """
    return not text.isascii() and any(twin in text for twin in CASE_TWINS)


# While `newslint.pattern_cache.recording()` runs: the (pattern, flags) asked of `compile_pattern`.
recorded: list[tuple[str | bytes, int]] | None = None
_shipped: Mapping[tuple[str | bytes, int], Any] | None = None


def compile_pattern(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile`, for every pattern newslint compiles itself.

    In a built wheel most patterns come ready compiled (`newslint.pattern_cache`):
    an entry is used only for this exact text and flags under the interpreter that
    compiled it, so the result is the pattern `re.compile` would give.
    """
    global _shipped
    if recorded is not None:
        recorded.append((pattern, int(flags)))
    if _shipped is None:
        from newslint.pattern_cache import shipped

        _shipped = shipped()
    if _shipped:
        entry = _shipped.get((pattern, flags))
        if entry is not None:
            from newslint.pattern_cache import decode

            compiled = decode(pattern, entry)
            if compiled is not None:
                return compiled
    return re.compile(pattern, flags)


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Two threads may both compile it: harmless, they get equal patterns.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_pattern(self.pattern, self.flags)
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str) -> list[Any]:
        return self.compiled.findall(string)

    def split(self, string: str) -> list[str | Any]:
        return self.compiled.split(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str) -> str:
        return self.compiled.sub(repl, string)
