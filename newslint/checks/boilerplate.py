"""Boilerplate residue: page furniture, widget text and tool output left in an article.

Every boilerplate rule is a TOML pack of type ``residue`` (see ``rules/boilerplate/``
and docs/rules/boilerplate.md). A pack lists regular expressions by where they may
stand:

``lines``
    strong markers that are the whole line ("Leave a Comment", "Advertisement");
``starts``
    strong markers that open a line, the rest of the line being residue too
    ("We use cookies to ...", "Related Posts: ...", "Home » News » ..."); on a
    long line only the sentence the marker opens is reported;
``openers``
    markers that open a sentence of tool output ("As an AI language model, ...");
    only the marker is reported, and the sentence is what the (unsafe) fix removes;
``inline``
    markers that can stand anywhere, even inside a paragraph ("(Image:
    Shutterstock)", "[Insert quote here]", a lone "TK"). They are searched through
    the whole text one by one and case-sensitively: start each with a literal, so
    the search is a fast substring scan. Matches inside quotations are skipped;
``weak``
    whole-line markers that are residue only in context ("Email", "Most Popular"):
    in the top or bottom edge of the article (before its first or after its last
    line of running text), or next to another residue line;
``clustered``
    whole-line markers that are residue only next to another residue line
    ("All rights reserved", which also ends some wire copy).

Markers are matched case-insensitively (``ignorecase = false`` to change that),
after curly apostrophes and quotes are straightened. With ``glued = true`` the
``lines`` and ``starts`` markers also count where they follow the end of a sentence
on the same line ("... on Monday. Story continues below advertisement").

Speed: each pack key's patterns are combined into one expression, compiled the
first time a line could match it (most keys are never tried on a given article,
and compiling them all cost a one-file run ~0.1 s). A pack from outside newslint
is checked when it loads, so a bad pattern is still reported as a pack error;
the built-in packs are checked by the test suite instead. Line starts and
sentence starts are looked up by their first word, and only the expressions with
a pattern that can start with that word are tried there; patterns whose first
word cannot be worked out (``[^»]+»``) are tried only
at the start of lines of up to 200 characters.
``hints`` (plain substrings) can gate a rule's ``inline`` patterns.

Most articles have no residue, so most of the work is proving that, cheaply: a gate
that is one list of case-insensitive prefixes is one ``lower`` and ``startswith``
(`_opens_fast`); the sentence starts are listed, and their lines looked up, only if
one of them passes its gate on the characters that follow (`_may_open_sentence`);
an inline pattern runs only where the text has the rare characters all its matches
have (one memchr scan per character and document).

All residue rules share that analysis, once per document, so a weak marker of one
rule is supported by a residue line of another (a lone "Email" line next to "Share
this:"), whatever rules are selected.
"""

from __future__ import annotations

import _thread
import bisect
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint._record import Record
from newslint.model import Edit, Finding, Fix, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import CASE_TWINS, compile_pattern, has_case_twin
from newslint.resources import rules_dir
from newslint.settings import Settings

if TYPE_CHECKING:
    from newslint.document import Document

NAMESPACE = "boilerplate"

SETTINGS: dict[str, dict[str, Any]] = {
    NAMESPACE: {
        # A line of at least this many words is running text: the top and bottom
        # edges of an article are the lines before the first and after the last one.
        "body-line-words": 12,
        # How many lines away a strong residue line may be and still support a weak
        # marker (weak markers support each other only on adjacent lines).
        "support-window": 2,
        # A line that opens with residue ("We use cookies ...") and has at least this
        # many words is taken as copy with residue in it: only the sentence the
        # residue opens is reported, and its fix is unsafe. Shorter lines are
        # residue through to their end and are deleted whole by the safe fix.
        "long-line-words": 45,
    }
}

FIX_KINDS = ("remove", "none")
# Patterns that do not start with a word are tried on lines up to this long.
GENERIC_MAX_CHARS = 200
KINDS = ("lines", "starts", "openers", "weak", "clustered")
_STRONG_KINDS = frozenset({"lines", "starts", "openers"})

# Characters skipped before a marker: list bullets, separators and the spaces that
# masked Markdown markup leaves behind (`str.lstrip` strips them).
_LEAD_CHARS = " \t*_#>|•·▪►▸◦‣–—-"
# Characters allowed after a whole-line marker.
_TRAIL = r"[\s:;.,!?…»›>|*_\-–—•·()\[\]]*$"
_WORD = compile_pattern(r"[^\W\d_]+|\d")
# Sentence ends inside a line, one literal each so that the search is fast (one search
# for a class of marks is slower than four for a literal each): the document's own
# sentence splitter is far slower than this analysis needs. Group 2 is the next
# sentence's first word, group 1 the next `_HEAD_CHARS` characters from it.
_HEAD_CHARS = 64
_SENTENCE_MARKS = (".", "?", "!", "…")
_SENTENCE_TAIL = r"""["'”’)\]]*[ \t]+(?=\S)(?=(.{0,%d}))([^\W\d_]*|\d?)""" % _HEAD_CHARS  # noqa: UP031
_SENTENCE_BREAKS = tuple(
    compile_pattern(re.escape(mark) + _SENTENCE_TAIL, re.DOTALL) for mark in _SENTENCE_MARKS
)
# Same-length replacements, so offsets stay valid.
_STRAIGHTEN = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "), ("\u202f", " "))

# --------------------------------------------------------------------- first words

_FOLLOWERS = frozenset(" :;,!'\"-/&»›>")
_ESCAPED_FOLLOWERS = frozenset("sbW.?!:,-'/&()[]+|*$")
_QUANTIFIERS = frozenset("?*+{")
_REGEX_SPECIALS = frozenset(".^$*+?{}[]\\|()")
_LETTERS = compile_pattern(r"[^\W\d_]+")
# The ASCII characters `_LETTERS` matches.
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def first_words(pattern: str) -> frozenset[str] | None:
    """The lowercase first words a pattern can start with, or None if unknown.

    A word is a run of letters; "#" stands for any number and "" for a line that
    starts with a symbol. ``Leave a (?:comment|reply)`` gives {"leave"};
    ``(?:Please )?whitelist`` gives {"please", "whitelist"}; ``Comments?`` gives
    {"comment", "comments"}; ``Log ?in`` gives {"log", "login"}; ``\\d+ comments``
    gives {"#"}; ``[^»]+»`` gives None (tried everywhere).
    """
    # The leading run of letters (`_LETTERS`). Most pieces start with one, so it is found
    # first, and in one `lstrip` when the run ends at an ASCII character or the end (a
    # non-ASCII one may be a letter: then the pattern says). This runs on every piece.
    after = pattern.lstrip(_ASCII_LETTERS)
    if after[:1].isascii():
        end = len(pattern) - len(after)
    else:
        m = _LETTERS.match(pattern)
        end = 0 if m is None else m.end()
        after = pattern[end:]
    if end:
        word = pattern[:end]
        if after[:1] == "?" and end > 1:
            # "Comments?": the last letter is optional.
            if _word_ends(after[1:]):
                return frozenset((word.lower(), word[:-1].lower()))
            return None
        if after[:2] in (" ?", "-?"):
            second = _LETTERS.match(after, 2)
            if second is not None:
                # "Log ?in", "E-?mail": two words, or one joined word.
                if _word_ends(after[second.end() :]):
                    return frozenset((word.lower(), (word + second.group(0)).lower()))
                return None
        # `_word_ends`, without the call for its commonest answers: the pattern ends, or a
        # follower such as a space comes with no quantifier after it.
        follower = after[:1]
        if not follower or (follower in _FOLLOWERS and after[1:2] not in _QUANTIFIERS) or _word_ends(after):
            return frozenset((word.lower(),))
        return None
    if not pattern:
        return None
    if pattern.startswith(("(?:", "(?i:", "(?-i:")):
        return _group_first_words(pattern)
    if pattern.startswith((r"\d", r"[\d]", "[0-9]")):
        return frozenset({"#"})
    head = pattern[0]
    if head == "\\":
        escaped = pattern[1:2]
        return frozenset({""}) if escaped and not escaped.isalnum() else None
    if head not in _REGEX_SPECIALS and not head.isalnum() and not head.isspace():
        return frozenset({""})
    return None  # not a letter (`_LETTERS` did not match above)


def _group_first_words(pattern: str) -> frozenset[str] | None:
    close, alternatives = _group_parts(pattern, pattern.index(":") + 1)
    if close < 0:
        return None
    optional, rest = _quantifier(pattern[close + 1 :])
    words: set[str] = set()
    # Most alternatives are ASCII words ("Facebook"). Before a rest that starts with no
    # letter and that `first_words` reads no further for ("?", " ?", "-?"), the first
    # word of `alternative + rest` is the alternative, a first word if the rest ends it:
    # so `first_words` need not read each joined string.
    head = rest[:1]
    plain_rest = head.isascii() and not head.isalpha() and head != "?" and rest[:2] not in (" ?", "-?")
    rest_ends: bool | None = None
    for alternative in alternatives:
        if plain_rest and alternative.isalpha() and alternative.isascii():
            if rest_ends is None:
                rest_ends = _word_ends(rest)
            if not rest_ends:
                return None
            words.add(alternative.lower())
            continue
        found = first_words(alternative + rest)
        if found is None:
            return None
        words |= found
    if optional:
        found = first_words(rest)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _quantifier(rest: str) -> tuple[bool, str]:
    """Whether a quantifier at the start of `rest` makes the atom before it optional, and what follows it."""
    if rest[:1] in ("?", "*", "+"):
        optional, rest = rest[0] != "+", rest[1:]
    elif rest[:1] == "{":
        close = rest.find("}")
        if close < 0:
            return False, rest
        optional, rest = rest[1:2] == "0" or rest[1:2] == ",", rest[close + 1 :]
    else:
        return False, rest
    return optional, rest.removeprefix("?").removeprefix("+")


# What `_structure` looks at: an escape with the character it escapes (skipped whole, as
# the loop over every character it replaces did: `\\` at the very end is no token), class
# brackets, group parentheses and bars. One regex finds them in C; a pattern has far fewer
# tokens than characters, and building a rule book reads every pattern's structure.
_STRUCTURE_TOKENS = compile_pattern(r"\\.|[\[\]()|]", re.DOTALL)
_DEPTH_STEP = {"(": 1, ")": -1, "|": 0}


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each `(`, `)` and `|` outside escapes and classes."""
    depth, in_class = 0, False
    for m in _STRUCTURE_TOKENS.finditer(pattern):
        ch = m.group()
        if len(ch) == 2:  # an escape
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch != "]":
            depth += _DEPTH_STEP[ch]
            yield m.start(), ch, depth


# For `_alternation_cuts`: escapes are first masked to two inert characters (one `sub`,
# in C, same length), after which a class is "[" to the next "]" (or the end) and is one
# token, and every other "(", ")" and "|" is structure. The same structure as `_structure`.
_ESCAPES = compile_pattern(r"\\.", re.DOTALL)
_CUT_TOKENS = compile_pattern(r"\[[^\]]*\]?|[()|]")
# A class token (as `_CUT_TOKENS` reads them), and the start of one that holds a
# parenthesis or a bar: only such a class hides characters that would pass for structure.
_CLASS = compile_pattern(r"\[[^\]]*\]?")
_STRUCTURED_CLASS = compile_pattern(r"\[[^\]()|]*[()|]")
# A group with no parenthesis inside it: removing such groups over and over pairs every
# parenthesis with the one a depth count pairs it with.
_INNER_GROUP = compile_pattern(r"\([^()]*\)")
_BAR = compile_pattern(r"\|")


def _blank(m: re.Match[str]) -> str:
    return "_" * (m.end() - m.start())


def _alternation_cuts(pattern: str, level: int, start: int = 0) -> tuple[list[int], int]:
    """The indexes of the `|` at nesting `level` (from `start` on) and, for a level above 0,
    of the `)` that closes it (-1 if none).

    This runs on every pattern when the analysis is built, so the two questions asked
    (level 0 of a pattern, level 1 of one that opens with a group) are answered in C where
    the structure is balanced: groups with none inside are removed (or blanked, keeping
    offsets) until none is left, or until the opening group has none inside. Anything
    else, such as an unbalanced parenthesis or bars at level 0, takes the token scan
    (`_scan_cuts`), which gives the same answer for those cases too.
    """
    masked = _ESCAPES.sub("__", pattern) if "\\" in pattern else pattern
    if "[" in masked and _STRUCTURED_CLASS.search(masked) is not None:
        masked = _CLASS.sub(_blank, masked)  # same length, no structure inside classes
    if level == 0:
        stripped, removed = masked, 1
        while removed and "(" in stripped:
            stripped, removed = _INNER_GROUP.subn("", stripped)
        if "|" not in stripped and "(" not in stripped and ")" not in stripped:
            return [], -1  # balanced, and every bar is inside a group
    elif level == 1 and masked[:1] == "(":
        while True:
            group = _INNER_GROUP.match(masked)
            if group is not None:  # the opening group, with nothing left inside it
                close = group.end() - 1
                return [m.start() for m in _BAR.finditer(masked, start, close)], close
            masked, removed = _INNER_GROUP.subn(_blank, masked)
            if not removed:
                break  # the opening group is never closed
    return _scan_cuts(pattern, level, start)


def _scan_cuts(pattern: str, level: int, start: int) -> tuple[list[int], int]:
    """`_alternation_cuts` by one scan of the pattern's tokens (see `_CUT_TOKENS`)."""
    bars: list[int] = []
    depth = 0
    masked = _ESCAPES.sub("__", pattern) if "\\" in pattern else pattern
    for m in _CUT_TOKENS.finditer(masked):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if level and depth == level - 1:
                return bars, m.start()
        elif ch == "|" and depth == level and m.start() >= start:
            bars.append(m.start())
    return bars, -1


def _group_parts(pattern: str, body: int) -> tuple[int, list[str]]:
    """For a pattern that opens with a group whose body starts at `body`: the index of the
    closing parenthesis and the body's top-level alternatives, in one pass
    (``_group_end`` and ``split_top`` of the body); (-1, []) if the group is not closed."""
    bars, close = _alternation_cuts(pattern, 1, body)
    if close < 0:
        return -1, []
    cuts = [body - 1, *bars, close]
    return close, [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


def _group_end(pattern: str) -> int:
    """The index of the parenthesis closing the group that opens the pattern (-1 if none)."""
    return next((i for i, ch, depth in _structure(pattern) if ch == ")" and depth == 0), -1)


def split_top(pattern: str) -> list[str]:
    """A pattern's top-level alternatives (``a|b(?:c|d)`` gives ``a`` and ``b(?:c|d)``)."""
    if "|" not in pattern:
        return [pattern]
    cuts = [-1, *_alternation_cuts(pattern, 0)[0], len(pattern)]
    return [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


# `_split_list` reads a whole list's structure at once, its patterns joined by a character
# none of them has: `_alternation_cuts`' masks and group removal, none of which reaches
# across it, so each pattern is read as on its own (a lone "\\" at a pattern's end escapes
# nothing, and a class left open ends with its pattern).
_SEPARATOR = "\x00"
_ESCAPES_IN_LIST = compile_pattern(r"\\[^\x00]")
_CLASS_IN_LIST = compile_pattern(r"\[[^\]\x00]*\]?")
_STRUCTURED_CLASS_IN_LIST = compile_pattern(r"\[[^\]()|\x00]*[()|]")
_INNER_GROUP_IN_LIST = compile_pattern(r"\([^()\x00]*\)")


def _split_list(patterns: Sequence[str]) -> list[list[str]]:
    """`split_top` of each pattern. A few calls in C for the whole list, instead of a few
    for each pattern: building the dispatch splits every pattern, and few have bars at
    the top level. Those, and any list with an unbalanced parenthesis, take `split_top`."""
    joined = _SEPARATOR.join(patterns)
    if "|" not in joined:
        return [[pattern] for pattern in patterns]
    if joined.count(_SEPARATOR) != len(patterns) - 1:
        return [split_top(pattern) for pattern in patterns]
    if "\\" in joined:
        joined = _ESCAPES_IN_LIST.sub("", joined)
    if "[" in joined and _STRUCTURED_CLASS_IN_LIST.search(joined) is not None:
        joined = _CLASS_IN_LIST.sub("", joined)
    removed = 1
    while removed and "(" in joined:
        joined, removed = _INNER_GROUP_IN_LIST.subn("", joined)
    if "(" in joined or ")" in joined:
        return [split_top(pattern) for pattern in patterns]
    if "|" not in joined:  # balanced, every bar inside a group
        return [[pattern] for pattern in patterns]
    return [
        split_top(pattern) if "|" in left else [pattern]
        for pattern, left in zip(patterns, joined.split(_SEPARATOR), strict=True)
    ]


# Cached: the alternatives of a group are each read with the rest of the pattern after
# them, so building the dispatch asks about the same rest many times (618 calls, 167
# distinct strings for the built-in packs).
@functools.lru_cache(maxsize=4096)
def _word_ends(rest: str) -> bool:
    """Whether what follows a literal word in a pattern cannot continue the word."""
    if not rest or rest[0] == "$":
        return True
    if rest[0] in _FOLLOWERS or not (rest[0].isalnum() or rest[0] in _REGEX_SPECIALS or rest[0] == "_"):
        size = 1
    elif rest.startswith("\\x") and len(rest) >= 4:
        try:
            char = chr(int(rest[2:4], 16))
        except ValueError:
            return False
        if char.isalnum():
            return False
        size = 4
    elif rest[0] == "\\":
        if rest[1:2] not in _ESCAPED_FOLLOWERS or not rest[1:2]:
            return False
        size = 2
    elif rest[0] == "[":
        close = rest.find("]", 1)
        members = rest[1:close]
        if close < 0 or members.startswith("^") or "\\" in members or any(c.isalnum() for c in members):
            return False
        size = close + 1
    elif rest.startswith("(?:"):
        close, alternatives = _group_parts(rest, 3)
        if close < 0:
            return False
        optional, after = _quantifier(rest[close + 1 :])
        ends = all(alt and _word_ends(alt + after) for alt in alternatives)
        return ends and (not optional or _word_ends(after))
    else:
        return False
    if rest[size : size + 1] not in _QUANTIFIERS:
        return True  # no quantifier: `_quantifier` would find the separator not optional
    optional, after = _quantifier(rest[size:])
    if optional:
        # An optional separator: what comes after it must end the word too.
        return _word_ends(after)
    return True


# --------------------------------------------------------------------- rule specs


# --------------------------------------------------------------------- openings
#
# A prefilter in front of each pattern list, so that a line a list cannot match neither
# compiles nor runs it: the literal strings one of which every match starts with
# ("leave a comment", "home"), and for patterns that open with a lookahead such as
# ``(?=[^\n»›]{0,80}+[»›])``, strings one of which must occur later on the line. Both are
# worked out from the pattern source (see `openings`) and are a superset test: a
# construct the analysis does not know makes the pattern "always tried".
#
# Case-insensitive tests compare lowered text with lowered literals. That is sound
# because under ``re.IGNORECASE`` an ASCII letter matches no non-ASCII character
# except these four (checked over all of Unicode), and ``str.lower`` keeps every other
# character one character long (only U+0130 grows), so offsets stay aligned; text
# with one of them is always tried, as before. The literals are ASCII or characters
# without case (which ``re`` matches exactly, and ``str.lower`` leaves alone).
# An analysis stops adding strings beyond this many, or once they are this long (what it
# has so far stays valid: a prefix of a prefix is one too).
_MAX_OPENINGS = 64
_PREFIX_CHARS = 10
# Characters that stand for themselves in a pattern, and what starts a quantifier.
_PLAIN_RUN = compile_pattern(r"[^\\\[\](){}|.^$*+?]+")
_QUANTIFIER_STARTS = ("?", "*", "+", "{")
_PLAIN_CLASS = compile_pattern(r"\[([^\]\\^\-\[][^\]\\\-\[]{0,7})\]")
_BOUNDED = compile_pattern(r"\{(\d*)(?:,(\d*))?\}")
_HEX = frozenset("0123456789abcdefABCDEF")


class Opening(NamedTuple):
    """How a match of a pattern list can begin (see the comment above).

    ``always``: the list may match anywhere (no test). Otherwise a match at ``pos``
    starts with one of ``prefixes`` or with a decimal digit (if ``digit``), or has one
    of ``needles`` between ``pos`` and the end of the line. With ``caseless`` prefixes
    and needles are lower case and compared with the lowered text. ``by_first`` holds
    the prefixes by their first character, ``head`` is the length of the longest.
    A text where it matches has all the ``rare`` characters (which every prefix has) and
    ``common``, the start all prefixes share (both only for case-sensitive openings).
    """

    always: bool
    prefixes: tuple[str, ...] = ()
    needles: tuple[str, ...] = ()
    caseless: bool = False
    digit: bool = False
    by_first: Mapping[str, tuple[str, ...]] = {}  # never mutated
    head: int = 0
    rare: tuple[str, ...] = ()
    common: str = ""
    plain_needles: tuple[str, ...] = ()
    cased_needles: tuple[str, ...] = ()


def may_open(opening: Opening, text: str, pos: int, end: int) -> bool:
    """False only if nothing with that opening can match `text` at `pos` (before `end`)."""
    if opening.always:
        return True
    first = text[pos : pos + 1]
    if opening.digit and first.isdecimal():
        return True
    if not opening.caseless:
        prefixes = opening.by_first.get(first)
        if prefixes is not None and text.startswith(prefixes, pos, end):
            return True
    elif first in CASE_TWINS:
        return True
    else:
        prefixes = opening.by_first.get(first.lower())
        if prefixes is not None:
            head = text[pos : min(end, pos + opening.head)]
            if has_case_twin(head):
                return True
            if head.lower().startswith(prefixes):
                return True
    for needle in opening.plain_needles:  # no cased characters: found as they are
        if text.find(needle, pos, end) >= 0:
            return True
    if opening.cased_needles:
        line = text[pos:end]
        if has_case_twin(line):
            return True
        line = line.lower()
        return any(needle in line for needle in opening.cased_needles)
    return False


def merge_openings(found: Iterable[Opening]) -> tuple[Opening, ...]:
    """Openings one of which any match of one of several pattern lists has (a gate in front
    of them): at most one case-insensitive and one case-sensitive."""
    prefixes: dict[bool, set[str]] = {True: set(), False: set()}
    needles: dict[bool, set[str]] = {True: set(), False: set()}
    digit = False
    for opening in found:
        if opening.always:
            return (opening,)
        prefixes[opening.caseless].update(opening.prefixes)
        needles[opening.caseless].update(opening.needles)
        digit = digit or opening.digit
    return tuple(
        _opening(prefixes[caseless], needles[caseless], caseless, digit)
        for caseless in (True, False)
        if prefixes[caseless] or needles[caseless] or digit
    )


def openings(patterns: Sequence[str], flags: int) -> Opening:
    """The opening of an alternation of `patterns` compiled with `flags`."""
    caseless = bool(flags & re.IGNORECASE)
    prefixes: set[str] = set()
    needles: set[str] = set()
    digit = False
    for whole in patterns:
        for pattern in split_top(whole):  # a lookahead opens one alternative, not all
            if _DIGIT_FIRST.match(pattern):
                digit = True  # `\d` is what str.isdecimal accepts
                continue
            ended, whole_matches = _literal_run(pattern, caseless)  # no top-level "|" left
            starts = ended | whole_matches
            if starts and "" not in starts:
                prefixes |= starts
                continue
            found = _lookahead_needles(pattern, caseless)
            if found is None or "" in found:
                return Opening(True)
            needles |= found
    return _opening(prefixes, needles, caseless, digit)


def _opening(prefixes: set[str], needles: set[str], caseless: bool, digit: bool) -> Opening:
    shortest = _shortest(prefixes)
    by_first: dict[str, tuple[str, ...]] = {}
    for prefix in shortest:
        by_first[prefix[0]] = (*by_first.get(prefix[0], ()), prefix)
    head = max(map(len, shortest), default=0)
    # For a search through a whole text (inline patterns, case-sensitive): the rarest
    # characters that every prefix has.
    shared = set.intersection(*map(set, shortest)) if shortest and not caseless else set()
    rare = tuple(sorted(shared, key=lambda c: (_RANK.get(c, -1), c))[:_MAX_RARE])
    common = os.path.commonprefix(shortest) if shared else ""  # noqa: RUF071  # strings, not paths
    needles_ = _shortest(needles)
    plain = tuple(n for n in needles_ if not caseless or n.lower() == n.upper())
    cased = tuple(n for n in needles_ if n not in plain)
    return Opening(
        always=False,
        prefixes=shortest,
        needles=needles_,
        caseless=caseless,
        digit=digit,
        by_first=by_first,
        head=head,
        rare=rare,
        common=common,
        plain_needles=plain,
        cased_needles=cased,
    )


# A pattern that opens with a digit, not made optional by a quantifier.
_DIGIT_FIRST = compile_pattern(r"(?:\\d|\[\\d\]|\[0-9\])(?![?*]|\{0|\{,)")
# A text is searched for at most this many rare characters (see `Analyser._may_occur`).
_MAX_RARE = 3
# ASCII characters, the rarest in English news text first (rough ranks: a character
# not listed counts as rarer than all of these).
_COMMON_ORDER = (
    "{}[]<>|~^`@#$%&*+=_\\/;:()!?\"'-,.0123456789ZQXJKVBYWGPFMUCDLHRSNIOATEzqxjkvbpygfwmucldrhsnioate "
)
_RANK = {char: rank for rank, char in enumerate(_COMMON_ORDER)}


def _shortest(strings: set[str]) -> tuple[str, ...]:
    """The strings that have no other one of them as a prefix (testing those is enough)."""
    kept: list[str] = []
    for string in sorted(strings):  # a prefix sorts right before the strings it starts
        if not kept or not string.startswith(kept[-1]):
            kept.append(string)
    return tuple(kept)


def _lookahead_needles(pattern: str, caseless: bool) -> frozenset[str] | None:
    """For a pattern that opens with ``(?=[...]{m,n}REST)``: the literal starts of REST.

    The lookahead holds only if REST matches somewhere after the start, so one of
    its starts occurs there.
    """
    if not pattern.startswith("(?="):
        return None
    close = _group_end(pattern)
    skip = _PLAIN_CLASS_OR_NEGATED.match(pattern, 3)
    if close < 0 or skip is None:
        return None
    bound = _BOUNDED.match(pattern, skip.end())
    if bound is None:
        return None
    rest = pattern[bound.end() : close]
    rest = rest[1:] if rest[:1] in ("+", "?") else rest
    return _literal_starts(rest, caseless)


_PLAIN_CLASS_OR_NEGATED = compile_pattern(r"\[\^?(?:\\.|[^\]\\])+\]")


def _literal_starts(pattern: str, caseless: bool) -> frozenset[str]:
    """Strings one of which every match of `pattern` starts with ("" among them: anything)."""
    starts: set[str] = set()
    for alternative in split_top(pattern):
        ended, whole = _literal_run(alternative, caseless)
        starts |= ended | whole
    return frozenset(starts)


def _literal_run(pattern: str, caseless: bool, budget: int = _PREFIX_CHARS) -> tuple[set[str], set[str]]:
    """(starts of matches the analysis stopped inside, whole matches if the pattern is literal).

    `pattern` has no top-level "|" (see `split_top`). The analysis stops once every
    string has `budget` characters.
    """
    ended: set[str] = set()
    whole: set[str] = {""}
    i = 0
    while i < len(pattern) and whole:
        done = min(map(len, whole))
        if done >= budget:
            break  # long enough to tell lines apart
        run = _PLAIN_RUN.match(pattern, i)
        if run is not None:
            # Several plain characters at once; a quantified last one is an atom of its own.
            chars = run.group()
            if pattern[run.end() : run.end() + 1] in _QUANTIFIER_STARTS:
                chars = chars[:-1]
            literal = _literal_text(chars, caseless)
            if literal:
                whole = {w + literal for w in whole}
                i += len(literal)
                if len(literal) < len(chars):
                    break  # a character the lowered text cannot be compared at
                continue
        atom = _literal_atom(pattern, i, caseless, budget - done)
        if atom is None:
            break
        atom_ended, atom_whole, i = atom
        optional, repeated, i = _repetition(pattern, i)
        if optional is None or len(whole) * (len(atom_ended) + len(atom_whole)) > _MAX_OPENINGS:
            break  # "{" that is no quantifier, or too many strings: stop before the atom
        ended |= {w + a for w in whole for a in atom_ended}
        longer = {w + a for w in whole for a in atom_whole}
        if repeated:  # after the first repetition anything may follow
            ended |= longer
            if optional:
                ended |= whole
            whole = set()
        elif optional:
            whole |= longer
        else:
            whole = longer
    else:
        return ended, whole
    return ended | whole, set()


def _literal_text(chars: str, caseless: bool) -> str:
    """`chars` as the text to compare holds them, cut before the first that cannot be compared."""
    if not caseless:
        return chars
    if chars.isascii():
        return chars.lower()
    out: list[str] = []
    for char in chars:
        literal = _literal_char(char, caseless)
        if literal is None:
            break
        out.append(literal)
    return "".join(out)


def _repetition(pattern: str, i: int) -> tuple[bool | None, bool, int]:
    """(optional, repeated, index after it) for the quantifier at `i`, if any."""
    q = pattern[i : i + 1]
    if q == "?":
        optional, repeated, i = True, False, i + 1
    elif q in ("*", "+"):
        optional, repeated, i = q == "*", True, i + 1
    elif q == "{":
        bound = _BOUNDED.match(pattern, i)
        if bound is None:
            return None, False, i
        low = bound.group(1)
        optional, repeated, i = low in ("", "0"), True, bound.end()
        if bound.group(2) is None and low == "1":
            repeated = False
    else:
        return False, False, i
    if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive: the same strings
        i += 1
    return optional, repeated, i


def _literal_atom(pattern: str, i: int, caseless: bool, budget: int) -> tuple[set[str], set[str], int] | None:
    """The atom at `i` as (starts it may stop inside, whole strings it matches, index after it)."""
    ch = pattern[i]
    if ch == "\\":
        escaped = pattern[i + 1 : i + 2]
        if escaped == "x" and len(pattern) >= i + 4 and all(c in _HEX for c in pattern[i + 2 : i + 4]):
            char, after = chr(int(pattern[i + 2 : i + 4], 16)), i + 4
        elif escaped and not escaped.isalnum() and escaped != "_":
            char, after = escaped, i + 2
        else:
            return None
        literal = _literal_char(char, caseless)
        return None if literal is None else (set(), {literal}, after)
    if ch == "[":
        m = _PLAIN_CLASS.match(pattern, i)
        if m is None:
            return None
        chars = {_literal_char(c, caseless) for c in m.group(1)}
        if None in chars:
            return None
        return set(), {c for c in chars if c is not None}, m.end()
    if ch == "(":
        if pattern.startswith(("(?:", "(?-i:"), i):
            body = pattern.index(":", i) + 1
        elif pattern.startswith("(?i:", i) and caseless:
            body = i + 4
        elif not pattern.startswith("(?", i):
            body = i + 1  # a capturing group
        else:
            return None
        close, alternatives = _group_parts(pattern[i:], body - i)
        if close < 0:
            return None
        ended: set[str] = set()
        whole: set[str] = set()
        for alternative in alternatives:
            alternative_ended, alternative_whole = _literal_run(alternative, caseless, budget)
            ended |= alternative_ended
            whole |= alternative_whole
        return ended, whole, i + close + 1
    if ch in _REGEX_SPECIALS:
        return None
    literal = _literal_char(ch, caseless)
    return None if literal is None else (set(), {literal}, i + 1)


def _literal_char(char: str, caseless: bool) -> str | None:
    """The character as the lowered text holds it (None: not comparable that way)."""
    if not caseless:
        return char
    if char.isascii():
        return char.lower()
    return char if char.lower() == char == char.upper() else None


class LazyPattern:
    """A regular expression compiled the first time it is used, with a cheap test in front.

    Two threads may both compile it: harmless, they get equal patterns.
    """

    __slots__ = ("_compiled", "_opening", "alternatives", "flags", "source")

    def __init__(self, source: str, flags: int, alternatives: Sequence[str] | None = None) -> None:
        self.source = source
        self.flags = flags
        # The patterns the source is an alternation of (for `opening`).
        self.alternatives = tuple(alternatives) if alternatives is not None else (source,)
        self._compiled: re.Pattern[str] | None = None
        self._opening: Opening | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_pattern(self.source, self.flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    @property
    def opening(self) -> Opening:
        if self._opening is None:
            self._opening = openings(self.alternatives, self.flags)
        return self._opening

    def may_match(self, text: str, pos: int, end: int) -> bool:
        """False only if the pattern cannot match `text` at `pos` (before `end`)."""
        return may_open(self._opening or self.opening, text, pos, end)

    def match(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        return self.compiled.match(text, pos, end)


class ResidueSpec(Record):
    """The markers of one residue rule, by kind (see the module docstring).

    Compared and hashed as the frozen dataclass it was: `compiled` is not compared,
    and neither it nor `patterns` is hashed.
    """

    __slots__ = ("code", "compiled", "glued", "hints", "ignorecase", "inline", "patterns")
    _fields = ("code", "patterns", "compiled", "inline", "hints", "glued", "ignorecase")
    _compared = ("code", "patterns", "inline", "hints", "glued", "ignorecase")
    _hashed = ("code", "inline", "hints", "glued", "ignorecase")
    code: str
    patterns: Mapping[str, tuple[str, ...]]
    compiled: Mapping[str, LazyPattern]
    inline: tuple[LazyPattern, ...]
    hints: tuple[str, ...]
    glued: bool
    ignorecase: bool

    def __init__(
        self,
        code: str,
        patterns: Mapping[str, tuple[str, ...]],
        compiled: Mapping[str, LazyPattern] | None = None,
        inline: tuple[LazyPattern, ...] = (),
        hints: tuple[str, ...] = (),
        glued: bool = False,
        ignorecase: bool = True,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "code", code)
        setattr_(self, "patterns", patterns)
        setattr_(self, "compiled", {} if compiled is None else compiled)
        setattr_(self, "inline", inline)
        setattr_(self, "hints", hints)
        setattr_(self, "glued", glued)
        setattr_(self, "ignorecase", ignorecase)

    def pattern(self, kind: str) -> LazyPattern:
        """The expression of one pack key (checked now if the spec was built by hand)."""
        found = self.compiled.get(kind)
        if found is None:
            found = compile_kind(kind, self.patterns[kind], re.IGNORECASE if self.ignorecase else 0)
            found.compiled  # noqa: B018  # a spec built by hand is checked at once
        return found


class TextLine(NamedTuple):
    """One line of prose: its offsets in the text and its block kind."""

    start: int
    end: int
    kind: str = "paragraph"


class Residue(Record):
    """One residue hit.

    ``how`` is "line" (the whole line is residue), "start" (residue from the line
    start to its end), "glued" (from a sentence start to the line end), "opener"
    (the marker at the start of a sentence of tool output) or "inline" (a span
    inside a line). ``kind`` is the pack key whose pattern matched.
    """

    __slots__ = ("code", "end", "how", "kind", "line", "start")
    _fields = ("code", "line", "start", "end", "how", "kind")
    code: str
    line: int
    start: int
    end: int
    how: str
    kind: str

    def __init__(self, code: str, line: int, start: int, end: int, how: str, kind: str) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "code", code)
        setattr_(self, "line", line)
        setattr_(self, "start", start)
        setattr_(self, "end", end)
        setattr_(self, "how", how)
        setattr_(self, "kind", kind)

    @property
    def strong(self) -> bool:
        return self.kind in _STRONG_KINDS or self.kind == "inline"


class Options(Record):
    """The `[boilerplate]` settings (see `SETTINGS`)."""

    __slots__ = ("body_line_words", "long_line_words", "support_window")
    _fields = ("body_line_words", "support_window", "long_line_words")
    body_line_words: int
    support_window: int
    long_line_words: int

    def __init__(self, body_line_words: int = 12, support_window: int = 2, long_line_words: int = 45) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "body_line_words", body_line_words)
        setattr_(self, "support_window", support_window)
        setattr_(self, "long_line_words", long_line_words)


_Entry = tuple[str, str]  # (code, kind)
_Candidate = tuple[str, str, LazyPattern]  # (code, kind, expression of that kind)
# A candidate with the opening of the part of its expression that can match at a word.
_Tried = tuple[str, str, LazyPattern, Opening]
_Piece = tuple[str, frozenset[str] | None]  # a top-level alternative and its first words
# The specs with inline patterns, each pattern with the characters its matches need, and
# all those characters (see `Analyser._inline_tests`).
_InlineTests = tuple[
    tuple[tuple["ResidueSpec", tuple[tuple["LazyPattern", frozenset[str]], ...]], ...], frozenset[str]
]
# The candidates at a word, their merged opening, and its quick form (see `_Dispatch.prepare`).
_Prepared = tuple[tuple[_Tried, ...], tuple[Opening, ...], tuple[str, ...], int]


@functools.lru_cache(maxsize=1024)
def _list_pieces(patterns: tuple[str, ...]) -> tuple[_Piece, ...]:
    """A pattern list's top-level alternatives with their first words (None: unknown)."""
    return tuple((piece, first_words(piece)) for pieces in _split_list(patterns) for piece in pieces)


@functools.lru_cache(maxsize=1024)
def _list_words(patterns: tuple[str, ...]) -> tuple[tuple[_Piece, ...], tuple[str, ...], bool]:
    """`_list_pieces`, the first words of all its pieces (each once, in the order met),
    and whether a piece's first words are unknown."""
    listed = _list_pieces(patterns)
    words: dict[str, None] = {}
    unknown = False
    for _, found in listed:
        if found is None:
            unknown = True
        else:
            words.update(dict.fromkeys(found))
    return listed, tuple(words), unknown


def _ascii(words: frozenset[str]) -> bool:
    return all(word.isascii() for word in words)


@functools.lru_cache(maxsize=4096)
def _pieces_opening(pieces: tuple[str, ...], flags: int) -> Opening:
    return openings(pieces, flags)


class _Dispatch:
    """Which rules' patterns to try where, by the first word there.

    Every pattern list (one rule, one kind) is one alternation, compiled when it is
    first tried; here each first word gets the lists that can match it.
    """

    def __init__(self, entries: Sequence[tuple[ResidueSpec, str]]) -> None:
        keyed: dict[str, list[_Candidate]] = {}
        loose: list[_Candidate] = []
        rank: dict[_Entry, int] = {}
        pieces: dict[_Entry, tuple[_Piece, ...]] = {}
        for spec, kind in entries:  # already in priority order
            entry = (spec.code, kind)
            rank[entry] = len(rank)
            candidate = (spec.code, kind, spec.pattern(kind))
            listed, words, unknown = _list_words(spec.patterns[kind])
            pieces[entry] = listed
            for word in words:  # each once: the candidate is listed once under each word
                found = keyed.get(word)
                if found is None:
                    keyed[word] = [candidate]
                else:
                    found.append(candidate)
            if unknown:
                loose.append(candidate)

        self.rank = rank
        self.pieces = pieces
        self.by_word = keyed  # unordered, put in order when a word is first met
        self.generic = tuple(loose)
        # (word, generic) -> its candidates in order, each with the opening of what can
        # match at that word, and the merged opening of them all: most lines fail that
        # one test and try no candidate at all. Filled on first use.
        self.tried: dict[tuple[str, bool], _Prepared] = {}

    def candidates(self, word: str, generic: bool) -> tuple[_Candidate, ...]:
        """The pattern lists to try at a line or sentence start with that first word, in order:
        those keyed by the word first (the more specific), then (`generic`) the others."""
        found = self.by_word.get(word)
        if found is None:
            return self.generic if generic else ()
        rank = self.rank
        keyed = tuple(sorted(set(found), key=lambda c: rank[(c[0], c[1])]))
        if not generic:
            return keyed
        return keyed + tuple(c for c in self.generic if c not in keyed)

    def opening_at(self, candidate: _Candidate, word: str) -> Opening:
        """The opening of the alternatives of a candidate list that can match at `word`.

        A match of the list at a start is a match of one of its top-level alternatives
        there, and an alternative can only match where the first word is one of its
        `first_words` (or they are unknown). For an ASCII word and ASCII first words,
        case-insensitive equality is equality of `str.lower`: the other alternatives
        cannot change whether or where the list matches, so their openings are left out
        of the test (fewer strings, and no analysis of patterns a document never meets).
        """
        code, kind, pattern = candidate
        listed = self.pieces[(code, kind)]
        if word.isascii():
            pieces = tuple(
                piece for piece, words in listed if words is None or word in words or not _ascii(words)
            )
        else:
            # Case-insensitive matching folds a few letters beyond `str.lower` ("ſ" is "s"),
            # so a non-ASCII word may be another alternative's first word: keep them all.
            pieces = tuple(piece for piece, _ in listed)
        return _pieces_opening(pieces, pattern.flags)

    def prepare(self, word: str, generic: bool) -> _Prepared:
        """The candidates at a word, each with its opening, their merged opening, and that
        opening's lowered prefixes and their longest length if it is one case-insensitive
        list of prefixes and nothing else (else ``()``; see `_opens_fast`); cached."""
        tried = self.tried.get((word, generic))
        if tried is None:
            candidates = tuple((*c, self.opening_at(c, word)) for c in self.candidates(word, generic))
            gate = merge_openings(c[3] for c in candidates) if candidates else ()
            prefixes: tuple[str, ...] = ()
            head = 0
            if len(gate) == 1:
                only = gate[0]
                if (
                    not only.always
                    and only.caseless
                    and not only.digit
                    and not only.needles
                    and only.prefixes
                ):
                    prefixes, head = only.prefixes, only.head
            tried = self.tried[(word, generic)] = (candidates, gate, prefixes, head)
        return tried


def _opens_fast(prepared: _Prepared, text: str, pos: int, end: int, twins: bool) -> bool:
    """`_opens` of a prepared gate, where `twins` is `has_case_twin` of the whole text.

    A gate that is one case-insensitive list of prefixes (and no needles nor digits) lets
    a match at `pos` exactly when the lowered head there starts with one of them and the
    head has no case twin (`may_open`: its test by first character only picks out the
    prefixes that can start the lowered head, since `str.lower` keeps every character
    that is no case twin one character long). A text without case twins has them in no
    head, so the test is one slice, `lower` and `startswith`, all in C.
    """
    prefixes = prepared[2]
    if prefixes and not twins:
        return text[pos : min(end, pos + prepared[3])].lower().startswith(prefixes)
    return _opens(prepared[1], text, pos, end)


def _opens(gate: tuple[Opening, ...], text: str, pos: int, end: int) -> bool:
    """Whether one of the openings lets a match at `pos` (False: no candidate can match)."""
    for opening in gate:  # noqa: SIM110  # a loop: no generator per line (hot)
        if may_open(opening, text, pos, end):
            return True
    return False


def _first_match(
    candidates: tuple[_Tried, ...], text: str, pos: int, end: int
) -> tuple[_Entry, re.Match[str]] | None:
    for code, kind, pattern, opening in candidates:
        if not may_open(opening, text, pos, end):
            continue  # it cannot match here: neither compile nor run it
        m = pattern.match(text, pos, end)
        if m is not None:
            return (code, kind), m
    return None


class Analyser:
    """Finds the residue of a set of specs in one document."""

    def __init__(self, specs: Sequence[ResidueSpec], options: Options) -> None:
        self.specs = sorted(specs, key=lambda s: s.code)
        self.options = options
        order = ("lines", "starts", "openers", "weak", "clustered")
        line_entries = [(s, k) for k in order for s in self.specs if s.patterns.get(k)]
        sentence_entries = [
            (s, k) for s, k in line_entries if k == "openers" or (s.glued and k in ("lines", "starts"))
        ]
        self.at_line = _Dispatch(line_entries)
        self.at_sentence = _Dispatch(sentence_entries)
        self._inline_needs: _InlineTests | None = None
        # Sentence starts' first words -> the quick prefixes of their gate, cut to
        # `_HEAD_CHARS` (empty: no quick test); filled on first use.
        self.sentence_quick: dict[str, tuple[str, ...]] = {}

    def analyse(
        self,
        text: str,
        lines: Sequence[tuple[int, int, str]],
        sentence_starts: Sequence[int] | None = None,
        in_quote: Callable[[int], bool] | None = None,
    ) -> list[Residue]:
        """All residue hits: at most one per line (the first, strongest), weak ones only where supported.

        `text` is the prose (markup masked); `lines` its prose lines in order (`TextLine`s,
        or plain (start, end, kind) tuples); `sentence_starts` offsets where sentences
        begin inside lines (for glued residue and openers; found with a quick splitter
        when None); `in_quote(offset)` whether an offset is inside a quotation.
        """
        if not text.isascii():  # all the characters to straighten are non-ASCII
            for old, new in _STRAIGHTEN:
                if old in text:
                    text = text.replace(old, new)
        twins = has_case_twin(text)
        words: list[tuple[int, str]] | None = None  # sentence starts with their first words
        if sentence_starts is not None:
            words = [(offset, _first_word(text, offset)) for offset in sentence_starts]
        elif self._may_open_sentence(text, twins):
            words = _sentence_words(text)
        found: dict[int, Residue] = {}
        # Most lines and sentences are prose: their first word's candidates (often none)
        # and merged opening are looked up here, so that they are rejected without calls.
        at_line = self.at_line
        tried_at_line = at_line.tried
        for index, (start, line_end, kind) in enumerate(lines):
            if kind == "headline":
                continue
            # The line from its first character after the lead to its last that is not
            # white space (`str.lstrip` and `str.rstrip`, in C).
            unled = text[start:line_end].lstrip(_LEAD_CHARS)
            body = unled.rstrip()
            if not body:
                continue
            pos = line_end - len(unled)
            end = pos + len(body)
            word_m = _WORD.match(body)
            word = "" if word_m is None else _key(word_m.group(0))
            generic = end - pos <= GENERIC_MAX_CHARS
            prepared = tried_at_line.get((word, generic)) or at_line.prepare(word, generic)
            if prepared[0] and _opens_fast(prepared, text, pos, end, twins):
                hit = self._hit(prepared[0], text, index, pos, end, words, line_start=True)
                if hit is not None:
                    found[index] = hit
        if words:
            self._at_sentences(text, lines, words, found, twins)
        hits = list(found.values())
        inline = self._inline(text, lines, found, in_quote)
        if inline:
            hits.extend(inline)
        if not hits:
            return hits
        hits = self._supported(hits, lines, text)
        hits.sort(key=lambda h: (h.start, h.code))
        return hits

    def _may_open_sentence(self, text: str, twins: bool) -> bool:
        """False only if no sentence start inside a line can hold residue (then the
        sentence starts are not listed, nor their lines looked up).

        Each sentence start's first word is looked up as in `_at_sentences`. With no
        generic candidates (the built-in packs have none) a word has one gate whatever
        the line's length, and its quick test (`_opens_fast`) is made here on the next
        `_HEAD_CHARS` characters with the prefixes cut to as many: a superset, since a
        lowered head that starts with a prefix starts with the prefix's start, and
        reading past the line's end only lets more through.
        """
        at_sentence = self.at_sentence
        if at_sentence.generic:
            return True
        by_word = at_sentence.by_word
        quick = self.sentence_quick
        for mark, pattern in zip(_SENTENCE_MARKS, _SENTENCE_BREAKS, strict=True):
            if mark not in text:
                continue  # every match has its mark (a scan in C, faster than the search)
            for head, word in pattern.findall(text):
                key = "#" if word.isdigit() else word.lower()  # `_key`, and "" for ""
                if key not in by_word:
                    continue
                prefixes = quick.get(key)
                if prefixes is None:
                    prefixes = self._sentence_prefixes(key)
                if not prefixes or twins or head.lower().startswith(prefixes):
                    return True
        return False

    def _sentence_prefixes(self, word: str) -> tuple[str, ...]:
        """The quick prefixes of a sentence word's gate cut to `_HEAD_CHARS` (cached;
        only without generic candidates, when the gate does not depend on the line)."""
        prepared = self.at_sentence.prepare(word, False)
        prefixes = self.sentence_quick[word] = tuple(sorted({p[:_HEAD_CHARS] for p in prepared[2]}))
        return prefixes

    def _at_sentences(
        self,
        text: str,
        lines: Sequence[tuple[int, int, str]],
        words: Sequence[tuple[int, str]],
        found: dict[int, Residue],
        twins: bool,
    ) -> None:
        """Residue that opens a sentence inside a line (glued markers, openers), into `found`."""
        at_sentence = self.at_sentence
        tried_at_sentence = at_sentence.tried
        by_word = at_sentence.by_word
        any_word = bool(at_sentence.generic)
        quick = self.sentence_quick
        starts = [line[0] for line in lines]
        for offset, word in words:
            if not any_word:
                if word not in by_word:
                    continue
                # `_may_open_sentence`'s quick test, before the line is looked up.
                prefixes = quick.get(word)
                if prefixes is None:
                    prefixes = self._sentence_prefixes(word)
                if (
                    prefixes
                    and not twins
                    and not text[offset : offset + _HEAD_CHARS].lower().startswith(prefixes)
                ):
                    continue
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or index in found:
                continue
            start, line_end, kind = lines[index]
            if kind == "headline" or offset <= start or offset >= line_end:
                continue
            end = _rstrip(text, offset, line_end)
            generic = end - offset <= GENERIC_MAX_CHARS
            prepared = tried_at_sentence.get((word, generic)) or at_sentence.prepare(word, generic)
            if prepared[0] and _opens_fast(prepared, text, offset, end, twins):
                hit = self._hit(prepared[0], text, index, offset, end, words, line_start=False)
                if hit is not None:
                    found[index] = hit

    def _hit(
        self,
        candidates: tuple[_Tried, ...],
        text: str,
        index: int,
        pos: int,
        end: int,
        words: Sequence[tuple[int, str]] | None,
        *,
        line_start: bool,
    ) -> Residue | None:
        """The first candidate's match at `pos` as a hit; `words` are the sentence starts
        with their first words (None: not listed yet)."""
        result = _first_match(candidates, text, pos, end)
        if result is None:
            return None
        (code, kind), m = result
        if kind == "openers":
            return Residue(code, index, pos, _rstrip(text, pos, m.end()), "opener", kind)
        if kind == "starts" and (not line_start or text.count(" ", pos, end) >= self.options.long_line_words):
            # On a long line the residue is the sentence the marker opens, not the whole line.
            breaks = sentence_breaks(text) if words is None else [offset for offset, _ in words]
            end = _sentence_end(text, breaks, m.end(), end)
            return Residue(code, index, pos, end, "glued", kind)
        if not line_start:
            return Residue(code, index, pos, end, "glued", kind)
        how = "start" if kind == "starts" else "line"
        return Residue(code, index, pos, end, how, kind)

    def _inline(
        self,
        text: str,
        lines: Sequence[tuple[int, int, str]],
        found: Mapping[int, Residue],
        in_quote: Callable[[int], bool] | None,
    ) -> list[Residue]:
        hits: list[Residue] = []
        seen: dict[str, bool] = {}
        starts: list[int] | None = None
        tests = self._inline_tests()
        # The rare characters the patterns need that the text has: one fast scan
        # (memchr) each, and then one subset test per pattern.
        present = {char for char in tests[1] if char in text}
        for spec, patterns in tests[0]:
            if spec.hints and not any(h in text for h in spec.hints):
                continue
            matches: list[re.Match[str]] = []
            for pattern, needs in patterns:
                if not present.issuperset(needs):
                    continue  # a character every match has is missing (`_may_occur`)
                # The test spares compiling a pattern most texts cannot match. Once it is
                # compiled, its own search is about as fast as the test's string search.
                if pattern.is_compiled or self._may_occur(pattern, text, seen):
                    matches.extend(pattern.compiled.finditer(text))
            if not matches:
                continue
            if starts is None:
                starts = [line[0] for line in lines]
            matches.sort(key=lambda m: m.start())
            hit_lines: set[int] = set()
            for m in matches:
                if m.end() == m.start():
                    continue
                index = bisect.bisect_right(starts, m.start()) - 1
                if index < 0 or m.start() >= lines[index][1] or lines[index][2] == "headline":
                    continue
                if index in hit_lines or (index in found and found[index].how != "opener"):
                    continue
                if in_quote is not None and in_quote(m.start()):
                    continue
                hit_lines.add(index)
                hits.append(Residue(spec.code, index, m.start(), m.end(), "inline", "inline"))
        return hits

    def _inline_tests(self) -> _InlineTests:
        """The specs with inline patterns, each pattern with the rare characters all its
        matches have (see `_may_occur`), and all those characters; made on first use."""
        tests = self._inline_needs
        if tests is None:
            specs = tuple(
                (spec, tuple((pattern, frozenset(_needed_chars(pattern.opening))) for pattern in spec.inline))
                for spec in self.specs
                if spec.inline
            )
            chars = frozenset(char for _, patterns in specs for _, needs in patterns for char in needs)
            tests = self._inline_needs = (specs, chars)
        return tests

    @staticmethod
    def _may_occur(pattern: LazyPattern, text: str, seen: dict[str, bool]) -> bool:
        """False only if an inline pattern matches nowhere in `text`.

        Its rarest required characters are looked for first: a single character is found
        by a fast scan (memchr), while a search for a string costs about what the
        pattern's own search does. `seen` remembers for the text what was looked for.
        """
        opening = pattern.opening
        if opening.always or opening.caseless or opening.needles or opening.digit:
            return True
        for char in _needed_chars(opening):
            found = seen.get(char)
            if found is None:
                found = seen[char] = char in text
            if not found:
                return False
        # Then the start all its prefixes share ("Photo" for "Photo:", "Photograph by"):
        # a string search, about as slow as running the pattern, but it spares compiling it.
        if len(opening.common) > 1:
            found = seen.get(opening.common)
            if found is None:
                found = seen[opening.common] = opening.common in text
            return found
        return True

    def _supported(
        self, hits: list[Residue], lines: Sequence[tuple[int, int, str]], text: str
    ) -> list[Residue]:
        if all(h.strong for h in hits):
            return hits
        first_body, last_body = self._body_range(lines, text)
        by_line = {h.line: h for h in hits if h.how != "inline" and h.how != "opener"}
        window = self.options.support_window
        kept: list[Residue] = []
        for h in hits:
            if h.strong or (h.kind == "weak" and not first_body <= h.line <= last_body):
                kept.append(h)
                continue
            for j in range(h.line - window, h.line + window + 1):
                other = by_line.get(j)
                if other is not None and j != h.line and (other.strong or abs(j - h.line) == 1):
                    kept.append(h)
                    break
        return kept

    def _body_range(self, lines: Sequence[tuple[int, int, str]], text: str) -> tuple[int, int]:
        need = self.options.body_line_words - 1
        body = [
            i
            for i, (start, end, kind) in enumerate(lines)
            if kind != "headline" and text.count(" ", start, end) >= need
        ]
        if not body:
            return (len(lines), -1)
        return body[0], body[-1]


def _needed_chars(opening: Opening) -> tuple[str, ...]:
    """Characters every match of an (inline, case-sensitive) opening has: its `rare` ones."""
    if opening.always or opening.caseless or opening.needles or opening.digit:
        return ()
    return opening.rare


def sentence_breaks(text: str) -> list[int]:
    """Offsets where a sentence starts after another on the same line (a quick splitter:
    an abbreviation such as "Mr." also counts, which only costs a lookup)."""
    return [offset for offset, _ in _sentence_words(text)]


def _sentence_words(text: str) -> list[tuple[int, str]]:
    """`sentence_breaks` with the dispatch key of each sentence's first word."""
    found: list[tuple[int, str]] = []
    for mark, pattern in zip(_SENTENCE_MARKS, _SENTENCE_BREAKS, strict=True):
        if mark not in text:
            continue  # every match has its mark
        for m in pattern.finditer(text):
            word = m.group(2)
            found.append((m.start(2), ("#" if word.isdigit() else word.lower()) if word else ""))
    found.sort()
    return found


def _first_word(text: str, offset: int) -> str:
    m = _WORD.match(text, offset)
    return "" if m is None else _key(m.group(0))


def _sentence_end(text: str, sentence_starts: Sequence[int], offset: int, line_end: int) -> int:
    """Where the sentence containing `offset` ends (at most `line_end`)."""
    i = bisect.bisect_right(sentence_starts, offset)
    if i < len(sentence_starts) and sentence_starts[i] < line_end:
        return _rstrip(text, offset, sentence_starts[i])
    return line_end


def _key(word: str) -> str:
    return "#" if word.isdigit() else word.lower()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------- registry and cache

_Analysed = tuple[Any, "Analyser", list[Residue], dict[str, list[Residue]], "Options", int]
# `threading.Lock` is this same lock; importing `threading` for it costs ~2.6M instructions.
_LOCK = _thread.allocate_lock()
_REGISTRY: dict[str, ResidueSpec] = {}


class _State:
    version = 0
    analyser: Analyser | None = None
    analyser_version = -1
    # The last document analysed: (document, analyser, its hits, the hits by rule code,
    # the options asked for, the registry version).
    last: _Analysed | None = None
    # Analysers by what they were built from, so that rebuilding the rules (another
    # configuration, a test) does not recompile the same expressions.
    built: dict[Any, Analyser] = {}  # noqa: RUF012


def register(spec: ResidueSpec) -> None:
    """Make a spec part of the shared per-document analysis (replacing one of the same code)."""
    with _LOCK:
        if _REGISTRY.get(spec.code) != spec:
            _REGISTRY[spec.code] = spec
            _State.version += 1


def _spec_key(spec: ResidueSpec) -> Any:
    return (
        spec.code,
        tuple(sorted(spec.patterns.items())),
        tuple(p.source for p in spec.inline),
        spec.hints,
        spec.glued,
        spec.ignorecase,
    )


def _analyser(options: Options) -> Analyser:
    analyser = _State.analyser
    if (
        analyser is not None
        and _State.analyser_version == _State.version
        and (analyser.options is options or analyser.options == options)
    ):
        return analyser
    with _LOCK:
        specs = sorted(_REGISTRY.values(), key=lambda s: s.code)
        key = (tuple(_spec_key(s) for s in specs), options)
        analyser = _State.built.get(key)
        if analyser is None:
            analyser = _State.built[key] = Analyser(specs, options)
        _State.analyser = analyser
        _State.analyser_version = _State.version
        return analyser


def analyse_document(doc: Document, options: Options) -> list[Residue]:
    """The residue hits of a document, computed once and shared by every residue rule."""
    return _analysed(doc, options)[2]


def _analysed(doc: Document, options: Options) -> _Analysed:
    last = _State.last
    # The same document, options and registry: `_analyser(options)` would give the same
    # analyser again (the one cached for those specs and options), so no need to ask.
    if last is not None and last[0] is doc and last[4] is options and last[5] == _State.version:
        return last
    version = _State.version
    analyser = _analyser(options)
    if last is not None and last[0] is doc and last[1] is analyser:
        return last
    lines = [(span.start, span.end, b.kind) for b in doc.lines for span in (b.span,)]
    hits = analyser.analyse(doc.prose, lines, None, doc.in_quote)
    by_code: dict[str, list[Residue]] = {}
    for hit in hits:
        by_code.setdefault(hit.code, []).append(hit)
    last = _State.last = (doc, analyser, hits, by_code, options, version)
    return last


# --------------------------------------------------------------------- the rule


class ResidueRule:
    """A boilerplate-residue rule (type ``residue``)."""

    __slots__ = ("fix_kind", "meta", "options", "spec")

    def __init__(self, meta: RuleMeta, spec: ResidueSpec, fix_kind: str, options: Options) -> None:
        self.meta = meta
        self.spec = spec
        self.fix_kind = fix_kind
        self.options = options

    def check(self, doc: Document) -> list[Finding]:
        # The analysis is shared: the first residue rule to see a document makes it, the
        # others look their hits up (most documents have none).
        last = _State.last
        if last is None or last[0] is not doc or last[4] is not self.options or last[5] != _State.version:
            last = _analysed(doc, self.options)  # (the same test, inlined: 14 rules ask)
        hits = last[3].get(self.meta.code)
        if not hits:
            return []
        findings: list[Finding] = []
        for hit in hits:
            match = " ".join(doc.source[hit.start : hit.end].split()).rstrip(",;:")
            message = self.meta.message.replace("{match}", _shorten(match))
            findings.append(Finding(Span(hit.start, hit.end), message, self._fix(doc, hit)))
        return findings

    def _fix(self, doc: Document, hit: Residue) -> Fix | None:
        if self.fix_kind == "none":
            return None
        span = Span(hit.start, hit.end)
        if hit.how in ("line", "start"):
            return Fix("Delete the residue line", (Edit(doc.line_removal_span(span)),), hit.strong)
        if hit.how == "glued":
            start, end = hit.start, hit.end
            if end < len(doc.source) and doc.source[end] in " \t":
                while end < len(doc.source) and doc.source[end] in " \t":
                    end += 1
            else:
                while start > 0 and doc.source[start - 1] in " \t":
                    start -= 1
            return Fix("Delete the residue", (Edit(Span(start, end)),), False)
        if hit.how == "opener":
            return _sentence_fix(doc, hit)
        start, end = hit.start, hit.end
        if end < len(doc.source) and doc.source[end] == " ":
            end += 1
        elif start > 0 and doc.source[start - 1] == " ":
            start -= 1
        return Fix("Delete the residue", (Edit(Span(start, end)),), False)


def _sentence_fix(doc: Document, hit: Residue) -> Fix:
    """Delete the sentence a chatbot opener starts (the whole line if it is the line)."""
    sentence = next((s for s in doc.sentences if s.span.start <= hit.start < s.span.end), None)
    if sentence is None:
        return Fix("Delete the chatbot text", (Edit(Span(hit.start, hit.end)),), False)
    source = doc.source
    line_start = source.rfind("\n", 0, sentence.span.start) + 1
    line_end = source.find("\n", sentence.span.end)
    line_end = len(source) if line_end < 0 else line_end
    before = source[line_start : sentence.span.start]
    after = source[sentence.span.end : line_end]
    if not before.strip() and not after.strip():
        # A preamble line ending in a colon ("Sure! Here's the article:") is all chatbot.
        safe = source[sentence.span.start : sentence.span.end].rstrip().endswith(":")
        return Fix("Delete the chatbot line", (Edit(doc.line_removal_span(sentence.span)),), safe)
    end = sentence.span.end
    while end < line_end and source[end] in " \t":
        end += 1
    return Fix("Delete the chatbot sentence", (Edit(Span(sentence.span.start, end)),), False)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_BAD_GROUP = compile_pattern(r"\(\?P<|\(\?P=|\\[1-9]")


def _compile_check(key: str, pattern: str, flags: int) -> None:
    if _BAD_GROUP.search(pattern):
        raise PackError(key, f"named groups and back-references are not allowed: {pattern!r}")
    try:
        compile_pattern(pattern, flags)
    except re.error as exc:
        raise PackError(key, f"bad regular expression {pattern!r}: {exc}") from None


def compile_kind(kind: str, patterns: Sequence[str], flags: int) -> LazyPattern:
    """One pack key's patterns as one expression, anchored to the line end for whole-line kinds.

    Longest first, so that "Related Posts" is preferred to "Related". Not compiled
    yet: see `check_kind`.
    """
    for pattern in patterns:
        if _BAD_GROUP.search(pattern):
            raise PackError(kind, f"named groups and back-references are not allowed: {pattern!r}")
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    tail = _TRAIL if kind in ("lines", "weak", "clustered") else ""
    return LazyPattern("(?:" + "|".join(f"(?:{p})" for p in ordered) + ")" + tail, flags, ordered)


def check_kind(kind: str, patterns: Sequence[str], lazy: LazyPattern) -> None:
    """Compile a pack key's expression now, naming the bad pattern as a pack error."""
    try:
        lazy.compiled  # noqa: B018
    except re.error:
        for pattern in patterns:  # name the culprit
            _compile_check(kind, pattern, lazy.flags)
        raise


def is_builtin_pack(meta: RuleMeta) -> bool:
    """Whether a rule comes from newslint's own `rules/` (its patterns are checked by the tests)."""
    return bool(meta.source) and Path(meta.source).resolve().is_relative_to(rules_dir())


def build_spec(meta: RuleMeta, read: OptionReader) -> ResidueSpec:
    """Check and gather a residue pack's pattern keys into a spec."""
    ignorecase = read.boolean("ignorecase", True)
    flags = re.IGNORECASE if ignorecase else 0
    patterns: dict[str, tuple[str, ...]] = {}
    compiled: dict[str, LazyPattern] = {}
    check_now = not is_builtin_pack(meta)
    for kind in KINDS:
        values: list[str] = read.strings(kind, [])
        if values:
            patterns[kind] = tuple(values)
            compiled[kind] = compile_kind(kind, values, flags)
            if check_now:
                check_kind(kind, values, compiled[kind])
    inline_patterns: list[str] = read.strings("inline", [])
    # Searched through the whole text one by one, case-sensitively: a pattern that
    # starts with a literal is found by a fast substring search (and compiled only for
    # a text that has it).
    inline = tuple(LazyPattern(p, 0) for p in inline_patterns)
    for pattern, lazy in zip(inline_patterns, inline, strict=True):
        if check_now:
            _compile_check("inline", pattern, 0)
            lazy.compiled  # noqa: B018
        elif _BAD_GROUP.search(pattern):
            raise PackError("inline", f"named groups and back-references are not allowed: {pattern!r}")
    if not patterns and not inline:
        raise PackError("lines", f"give at least one of {', '.join(KINDS)}, inline")
    return ResidueSpec(
        code=meta.code,
        patterns=patterns,
        compiled=compiled,
        inline=inline,
        hints=tuple(read.strings("hints", [])),
        glued=read.boolean("glued", False),
        ignorecase=ignorecase,
    )


_OPTIONS: dict[Options, Options] = {}


def _shared_options(options: Options) -> Options:
    """One instance per distinct value, so that rules compare their options by identity."""
    return _OPTIONS.setdefault(options, options)


def residue(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> ResidueRule:
    """Build a ``residue`` rule from a pack.

    Keys: lines, starts, openers, weak, clustered, inline (lists of regular
    expressions), hints (substrings gating inline), glued, ignorecase (default
    true), fix ("remove" or "none").
    """
    read = OptionReader(options)
    spec = build_spec(meta, read)
    fix_kind = read.choice("fix", FIX_KINDS, "remove")
    read.finish()
    values = {**SETTINGS[NAMESPACE], **settings.get(NAMESPACE)}
    register(spec)
    return ResidueRule(
        meta=replace(meta, fixable=fix_kind != "none"),
        spec=spec,
        fix_kind=fix_kind,
        options=_shared_options(
            Options(
                body_line_words=int(values["body-line-words"]),
                support_window=int(values["support-window"]),
                long_line_words=int(values["long-line-words"]),
            )
        ),
    )


RULE_TYPES = {"residue": residue}
