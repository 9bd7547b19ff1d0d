"""Readability: the declarative `metric` rule type and the counts behind it.

A `metric` rule computes one readability measure over each block of its scope
(paragraph, sentence, lede, whole article...) and reports the blocks above
`max` or below `min`::

    type = "metric"
    metric = "flesch_kincaid_grade"
    scope = "paragraph"
    max = 14

Why the formulas are computed here and not by calling textstat
--------------------------------------------------------------
textstat 0.7.13 counts English syllables with the CMU Pronouncing Dictionary
and calls ``nltk.download('cmudict')`` the first time it needs it: a network
call in the middle of a lint, which newslint must never make. Its only
download-free path is the Pyphen hyphenation fallback, which undercounts
(pyphen will not split the first or last two letters: "about", "over",
"area" come out one syllable short); on the 2,225 BBC articles it agreed with
the CMU dictionary on 90.6% of word tokens and counted 6% too few syllables,
which moves a Flesch-Kincaid grade by about a grade. textstat also counts
sentences with its own regular expression, which splits "Mr." and "3.5" into
sentences; newslint already has the document's sentences.

So this module counts words, sentences (the document's), letters and syllables
itself and applies the published formulas (Flesch 1948; Kincaid et al. 1975;
Gunning 1952; McLaughlin 1969; Coleman & Liau 1975; Smith & Senter 1967), with
the coefficients textstat uses for English. The syllable counter below is a
rule-based estimate with a small exception table; on the BBC word tokens it
agrees with the CMU dictionary on 98.8% of tokens (total syllables within
1%). textstat is imported lazily, only by `textstat_syllables` (a
cross-check used by the evaluation script, never by a lint), and only through
its Pyphen path, which needs no download.

Speed: counts are cached per word (a dict with `__missing__`, so a hit costs
one C-level lookup), and each rule only scores blocks with at least
`min-words` words, so a short paragraph costs one regex scan.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from newslint.document import Block, Document
from newslint.model import Finding, RuleMeta, Span
from newslint.packs import OptionReader, PackError
from newslint.patterns import compile_pattern, translation_table
from newslint.settings import Settings

# --------------------------------------------------------------------- syllables

_VOWEL_GROUPS = compile_pattern(r"[aeiouy]+")
_Q_U = compile_pattern(r"(?<=q)u(?=[aeiouy])")
_G_U = compile_pattern(r"(^|n)gu(?=[aeiouy])")
_Y_BETWEEN_VOWELS = compile_pattern(r"(?<=[aeiou])y(?=[aeiou])")
_SILENT_E_BEFORE_SUFFIX = compile_pattern(r"[aeiouy][^aeiouy]e(?:ly|ment|ments|ful|less|ness)$")
_HIATUS_I = compile_pattern(r"(?<![ctsgx])(?<!ll)(?<!n)i[ao](?!u)")
_HIATUS = compile_pattern(r"eo|iu|ua(?!y)|uo|[aeo]ing|uing|ier$|iest$|(?<![cgtx])iou|(?<![cst])ien(?=ce|t)")
_VOWELS = frozenset("aeiouy")
_E_SUFFIXES = ("ly", "ment", "ments", "ful", "less", "ness")
_EXTRA_ENDINGS = ("ism", "snt", "dnt")

# Common words the rules get wrong (checked against the CMU Pronouncing Dictionary).
_EXCEPTIONS: dict[str, int] = {
    "mr": 2,
    "mrs": 2,
    "ms": 1,
    "dr": 2,
    "st": 1,
    "vs": 2,
    "etc": 4,
    "jr": 2,
    "people": 2,
    "business": 2,
    "businesses": 3,
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "everybody": 4,
    "something": 2,
    "sometimes": 2,
    "someone": 2,
    "somewhere": 2,
    "somebody": 3,
    "anything": 3,
    "anyone": 3,
    "nothing": 2,
    "wednesday": 2,
    "evening": 2,
    "different": 2,
    "family": 3,
    "interest": 2,
    "interested": 3,
    "interesting": 3,
    "naive": 2,
    "create": 2,
    "created": 3,
    "area": 3,
    "areas": 3,
    "idea": 3,
    "ideas": 3,
    "real": 1,
    "really": 2,
    "being": 2,
    "europe": 2,
    "european": 4,
    "science": 2,
    "society": 4,
    "quiet": 2,
    "diet": 2,
    "fuel": 2,
    "poem": 2,
    "poet": 2,
    "going": 2,
    "doing": 2,
    "seeing": 2,
    "fire": 1,
    "hour": 1,
    "hours": 1,
    "our": 1,
    "year": 1,
    "years": 1,
    "your": 1,
    "you": 1,
    "young": 1,
    "yes": 1,
    "yet": 1,
    "average": 3,
    "several": 3,
    "general": 3,
    "chocolate": 2,
    "camera": 3,
    "vegetable": 4,
    "temperature": 4,
    "actually": 4,
    "usually": 4,
    "eventually": 5,
    "annual": 3,
    "individual": 5,
    "evaluate": 4,
    "situation": 4,
    "graduate": 3,
    "january": 4,
    "february": 4,
    "spokesman": 2,
    "spokeswoman": 3,
    "spokesmen": 2,
    "spokespeople": 3,
    "spokesperson": 4,
    "forecast": 2,
    "forecasts": 2,
    "takeover": 3,
    "whereas": 2,
}
# Letters read out in an acronym ("BBC", "TV"): W is three syllables, the rest one.
_LETTER_SYLLABLES = {"w": 3}


def count_syllables(word: str) -> int:
    """Estimate the syllables of one word (a token of letters, maybe with an apostrophe)."""
    stem = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    if 1 < len(stem) <= 4 and stem.isupper() and stem.isalpha():
        return sum(_LETTER_SYLLABLES.get(c, 1) for c in stem.lower())
    if word.isalpha():
        w = word.lower()  # no apostrophe to normalise or strip: apostrophes are not letters
    else:
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.replace("'", "")
    if not w or not w.isalpha():
        return 1 if any(c.isalnum() for c in w) else 0
    known = _EXCEPTIONS.get(w)
    if known is not None:
        return known
    if _VOWELS.isdisjoint(w):
        return len(w) if len(w) <= 4 else 1
    return _estimate(w)


def _estimate(w: str) -> int:
    # Cheap substring and suffix tests guard every regular expression: this runs
    # once per distinct word, and a run over thousands of articles meets tens of
    # thousands of them.
    if "qu" in w:
        w = _Q_U.sub("", w)
    if "gu" in w:
        w = _G_U.sub(r"\1g", w)
    if "y" in w:
        w = _Y_BETWEEN_VOWELS.sub("j", w)
        if w[0] == "y":
            w = "j" + w[1:]
    n = len(_VOWEL_GROUPS.findall(w))
    if n > 1:
        if w[-1] == "e":
            if not _keeps_final_e(w):
                n -= 1
        elif w.endswith("es"):
            if _silent_es(w):
                n -= 1
        elif w.endswith("ed") and len(w) > 2 and w[-3] not in "aeiouytd":  # [^aeiouytd]ed$
            n -= 1
    if w.endswith(_E_SUFFIXES) and _SILENT_E_BEFORE_SUFFIX.search(w):
        n -= 1
    if "ia" in w or "io" in w:
        n += len(_HIATUS_I.findall(w))
    # Prefilter: every _HIATUS match contains one of these (eo, iu, ua, uo; "ing" in
    # [aeo]ing and uing; "ie" in ier, iest and ien; "io" in iou).
    if "eo" in w or "iu" in w or "ua" in w or "uo" in w or "ing" in w or "ie" in w or "io" in w:
        n += len(_HIATUS.findall(w))
    if w.endswith(_EXTRA_ENDINGS):
        n += 1
    return max(1, n)


# The suffix tests below are string tests, several times cheaper than a regex search
# on this path. Each says which expression it stands for; `c in "aeiouy"` with one
# character `c` is a membership test.


def _keeps_final_e(w: str) -> bool:
    """A sounded final e: ``[^aeiouy](?:le|[tbc]re)$|[^gq]ue$|(?:ee|ye|oe|ie)$``."""
    end = w[-2:]
    if end == "le":
        return len(w) > 2 and w[-3] not in "aeiouy"
    if end == "re":
        return len(w) > 3 and w[-3] in "tbc" and w[-4] not in "aeiouy"
    if end == "ue":
        return len(w) > 2 and w[-3] not in "gq"
    return end in ("ee", "ye", "oe", "ie")


def _silent_es(w: str) -> bool:
    """A final "es" adds no syllable: ``[^aeiouy]es$`` but not ``(?:[cgsxz]|ch|sh)es$|[^aeiouy]les$``."""
    if len(w) < 3:
        return False
    before = w[-3]
    if before in "aeiouycgsxz":
        return False
    return not (len(w) > 3 and (w[-4:-2] in ("ch", "sh") or (before == "l" and w[-4] not in "aeiouy")))


_LETTER_RUN = compile_pattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _deletion_table(chars: str) -> dict[int, int | None]:
    """A `str.translate` table deleting `chars`, the same as ``str.maketrans("", "", chars)``
    but faster (`newslint.patterns.translation_table`)."""
    return translation_table(str.maketrans("", "", chars))


# Deleted before splitting a text into words: punctuation around and inside words ("said,",
# "U.S.", "well-known", "1,240"), quotation marks and dashes. Apostrophes stay (contractions).
_PUNCTUATION = _deletion_table('!"#%&()*+,-./:;<=>?@[\\]^_`{|}~“”‘«»–—…•·')


class _WordCache(dict[str, int]):
    """Syllables per word, estimated once per process; a hit is one C-level dict lookup."""

    limit = 200_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        lower = word.lower()
        # "The" and "the" share one estimate; "BBC" is read out letter by letter.
        value = self[lower] if lower != word and not word.isupper() else count_syllables(word)
        self[word] = value
        return value


_WORD_SYLLABLES = _WordCache()


def token_syllables(token: str) -> int:
    """Syllables of one whitespace-separated token; 0 if it is not a word (a dash, a bullet).

    Punctuation around a token is ignored; a hyphenated token counts each part;
    a number ("1,240", "2025", "£4m") is one word of one syllable.
    """
    # An all-letter token has no punctuation to delete (nothing in the table is a letter).
    word = token if token.isalpha() else token.translate(_PUNCTUATION)
    if word.isalpha():
        return _WORD_SYLLABLES[word]
    # An ASCII digit settles it with ten C-level substring tests; other digits ("²", "٣") need the loop.
    if any(map(word.__contains__, "0123456789")) or any(c.isdigit() for c in word):
        return 1
    return sum(map(_WORD_SYLLABLES.__getitem__, _LETTER_RUN.findall(word)))


# A token's tally packed in one int: its syllables, plus `_WORD` if it is a word, plus `_POLY`
# if it has three syllables or more. Summing the packed values of a text's tokens (one C-level
# `sum`, no list, no per-token Python code) then gives all three totals at once; the fields
# cannot carry into each other while the text is shorter than `_PACKED_MAX_CHARS` (below).
_FIELD_BITS = 24
_FIELD = (1 << _FIELD_BITS) - 1
_WORD = 1 << _FIELD_BITS
_POLY = 1 << (2 * _FIELD_BITS)
# A token has at most about three syllables per character (a four-letter acronym of W's, "WWWW",
# has 12; the estimate adds at most one per vowel group, per two-letter hiatus and per ending; a
# lowercased letter may become two or three), so a text shorter than 2**19 characters has fewer
# than 2**19 words and, even at 30 syllables a character, fewer than 2**24 syllables.
_PACKED_MAX_CHARS = 1 << 19


def _pack(syllables: int) -> int:
    """A token's packed tally (see `_FIELD_BITS`) from its syllables."""
    return syllables + (_WORD if syllables else 0) + (_POLY if syllables >= 3 else 0)


class _TokenCache(dict[str, int]):
    """Packed tally per raw token ("said," and "said" apart).

    A miss is filled from this same cache where it can (a new article brings tens of
    new tokens, most of them variants of known words): `token_syllables` deletes
    punctuation first, so "said," tallies as "said" does; and `_WordCache` counts an
    all-letter token that is not all capitals as its lower-case form, so "Said"
    tallies as "said" does when that form is all letters too ("İ" lower-cases to "i"
    plus a combining dot, which is not a letter). Only a new lower-case word runs the
    estimate; anything else takes `token_syllables` itself.
    """

    limit = 300_000

    def __missing__(self, token: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        if token.isalpha():
            lower = token.lower()
            if lower == token and token.isascii():
                # `count_syllables` of a lower-case ASCII word, without the acronym and
                # apostrophe tests it cannot need (no capitals, nothing but letters).
                known = _EXCEPTIONS.get(token)
                if known is not None:
                    value = _pack(known)
                elif _VOWELS.isdisjoint(token):
                    value = _pack(len(token) if len(token) <= 4 else 1)
                else:
                    value = _pack(_estimate(token))
            elif lower != token and not token.isupper() and lower.isalpha():
                value = self[lower]
            else:
                value = _pack(token_syllables(token))
        else:
            word = token.translate(_PUNCTUATION)
            # Deleting punctuation twice deletes nothing more, so the word tallies as the token.
            value = self[word] if word != token else _pack(token_syllables(token))
        self[token] = value
        return value


_PACKED = _TokenCache()


def textstat_syllables(text: str) -> int:
    """textstat's download-free (Pyphen) syllable count, for cross-checks in bench scripts.

    textstat's English path loads the CMU dictionary through nltk and may
    download it; this asks Pyphen directly, exactly as textstat's fallback does.
    """
    from textstat.backend.selections import list_words  # lazy: importing textstat imports nltk
    from textstat.backend.utils import get_pyphen

    pyphen = get_pyphen("en_US")
    return sum(len(pyphen.positions(w)) + 1 for w in list_words(text, lowercase=True))


# --------------------------------------------------------------------- counts


class Counts(NamedTuple):
    """The counts a readability formula needs, for one stretch of text.

    A NamedTuple, not a dataclass: one is built per scored block, and a tuple is
    quicker to build (and to define at import).
    """

    words: int
    sentences: int
    syllables: int
    letters: int
    polysyllables: int

    def __add__(self, other: Counts) -> Counts:  # type: ignore[override]  # field-wise, not concatenation
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.letters + other.letters,
            self.polysyllables + other.polysyllables,
        )


EMPTY = Counts(0, 0, 0, 0, 0)
# Deletes whitespace and punctuation, leaving the letters and digits ARI and Coleman-Liau count.
_NOT_LETTERS = _deletion_table(" \t\n\r\f\v" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "“”‘’–—…«»•·£€¥§¶")


def _tally(text: str) -> tuple[int, int, int]:
    """(words, syllables, polysyllables) of a text: one `str.split` and one cached lookup per token.

    No regular expression runs over the text and no Python code runs per token
    (the lookups are `map` over a dict's `__getitem__`, in C), which keeps
    readability cheap enough to be on by default.
    """
    packed = map(_PACKED.__getitem__, text.split())
    if len(text) < _PACKED_MAX_CHARS:
        total = sum(packed)
        return (total >> _FIELD_BITS) & _FIELD, total & _FIELD, total >> (2 * _FIELD_BITS)
    # A huge text: unpack token by token so that no field can overflow into the next.
    words = syllables = polysyllables = 0
    for value in packed:
        syllables += value & _FIELD
        if value:
            words += 1
            polysyllables += value >= _POLY
    return words, syllables, polysyllables


def word_count(text: str) -> int:
    """Words in a text: whitespace tokens with a letter or digit in them, punctuation removed."""
    return _tally(text)[0]


def words_of(text: str) -> list[str]:
    """The words of a text, punctuation removed (a dash standing alone is not a word)."""
    return [w for w in text.translate(_PUNCTUATION).split() if any(c.isalnum() for c in w)]


def _counts(tally: tuple[int, int, int], sentences: int) -> Counts:
    words, syllables, polysyllables = tally
    if not words:
        return EMPTY
    # letters=0: only ARI and Coleman-Liau need it, see `letter_count`.
    return Counts(words, max(1, sentences), syllables, 0, polysyllables)


def count_text(text: str, sentences: int) -> Counts:
    """Counts for a text whose sentences the caller counted (the document's own split)."""
    return _counts(_tally(text), sentences)


def letter_count(text: str) -> int:
    """Letters and digits in a text."""
    return len(text.translate(_NOT_LETTERS))


# What `str.split()` splits words on besides " " and "\n" (tests check it against all of Unicode).
OTHER_SPACES = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_OTHER_SPACES = tuple(c for c in OTHER_SPACES if c.isascii())


@functools.cache
def _other_space() -> re.Pattern[str]:
    return compile_pattern(f"[{re.escape(OTHER_SPACES)}]")


def plain_spaces(text: str) -> bool:
    """Whether only spaces and newlines can separate the words of `text`.

    Then spaces + newlines + 1 bounds its word count; a tab or a no-break space
    between words would break that bound (and hide a long sentence from RD005).
    """
    if text.isascii():
        return not any(c in text for c in _ASCII_OTHER_SPACES)  # memchr scans
    return _other_space().search(text) is None


def max_tokens(text: str) -> int:
    """An upper bound on the words of a text: two C-level counts when only spaces separate them."""
    if not plain_spaces(text):
        return len(text.split())
    # `in` scans with memchr, far faster than `count`'s character loop; most texts have no newline.
    return text.count(" ") + (text.count("\n") if "\n" in text else 0) + 1


def count_syllables_in(text: str) -> int:
    """Total syllables of a text (numbers count one each)."""
    return count_text(text, 1).syllables


# What a metric needs counted: 0 sentences only, 1 words, 2 syllables, 3 letters as well.
_NEEDS = {
    "sentences": 0,
    "words": 1,
    "words_per_sentence": 1,
    "coleman_liau_index": 3,
    "automated_readability_index": 3,
}


# --------------------------------------------------------------------- metrics


def _per(a: float, b: float) -> float:
    return a / b if b else 0.0


def flesch_reading_ease(c: Counts) -> float:
    return 206.835 - 1.015 * _per(c.words, c.sentences) - 84.6 * _per(c.syllables, c.words)


def flesch_kincaid_grade(c: Counts) -> float:
    return 0.39 * _per(c.words, c.sentences) + 11.8 * _per(c.syllables, c.words) - 15.59


def gunning_fog(c: Counts) -> float:
    return 0.4 * (_per(c.words, c.sentences) + 100 * _per(c.polysyllables, c.words))


def smog_index(c: Counts) -> float:
    return 1.043 * math.sqrt(c.polysyllables * _per(30, c.sentences)) + 3.1291 if c.sentences else 0.0


def coleman_liau_index(c: Counts) -> float:
    return 0.0588 * 100 * _per(c.letters, c.words) - 0.296 * 100 * _per(c.sentences, c.words) - 15.8


def automated_readability_index(c: Counts) -> float:
    return 4.71 * _per(c.letters, c.words) + 0.5 * _per(c.words, c.sentences) - 21.43


METRICS: dict[str, Callable[[Counts], float]] = {
    "flesch_reading_ease": flesch_reading_ease,
    "flesch_kincaid_grade": flesch_kincaid_grade,
    "gunning_fog": gunning_fog,
    "smog_index": smog_index,
    "coleman_liau_index": coleman_liau_index,
    "automated_readability_index": automated_readability_index,
    "words": lambda c: float(c.words),
    "sentences": lambda c: float(c.sentences),
    "words_per_sentence": lambda c: _per(c.words, c.sentences),
    "syllables_per_word": lambda c: _per(c.syllables, c.words),
}
METRIC_LABELS = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog_index": "SMOG grade",
    "coleman_liau_index": "Coleman-Liau index",
    "automated_readability_index": "automated readability index",
    "words": "words",
    "sentences": "sentences",
    "words_per_sentence": "words per sentence",
    "syllables_per_word": "syllables per word",
}

SCOPES = ("paragraph", "sentence", "lede", "lede-sentence", "text", "headline", "heading")


# --------------------------------------------------------------------- scopes


def paragraph_sentences(doc: Document) -> list[tuple[Block, list[Block]]]:
    """Each body paragraph with its sentences (the document's own split, computed once)."""
    return _memo(doc).paragraphs


_SPAN_KEY = operator.attrgetter("span.start", "span.end")


def _group_sentences(doc: Document) -> list[tuple[Block, list[Block]]]:
    paragraphs = doc.paragraphs
    out: list[tuple[Block, list[Block]]] = [(p, []) for p in paragraphs]
    if not paragraphs:
        return out
    ends = [p.span.end for p in paragraphs]
    last = len(paragraphs) - 1
    index = 0
    for sentence in doc.sentences:
        start = sentence.span.start
        while index < last and start >= ends[index]:
            index += 1
        out[index][1].append(sentence)
    return out


class _DocumentMemo:
    """What every metric rule needs from the document being linted, worked out once.

    Rules run one after another on one document, so one slot is enough: the
    paragraphs with their sentences, the lede, and each paragraph's tally (words,
    syllables, polysyllables), which RD001, RD002, RD003 and RD007 all read: each
    paragraph's words are looked up once per document, not once per rule.
    """

    __slots__ = ("_paragraph_tallies", "_plain", "doc", "lede", "paragraph_units", "paragraphs", "tallies")

    def __init__(self, doc: Document | None) -> None:
        self.doc = doc
        self.paragraphs: list[tuple[Block, list[Block]]] = _group_sentences(doc) if doc is not None else []
        self.paragraph_units = [(block, len(sentences)) for block, sentences in self.paragraphs]
        self.tallies: dict[tuple[int, int], tuple[int, int, int]] = {}
        self._paragraph_tallies: list[tuple[int, int, int]] | None = None
        # The lede's paragraph index and sentence count; False: not looked for yet.
        self.lede: tuple[int, int] | bool | None = False
        self._plain: bool | None = None

    def plain_spaces(self) -> bool:
        """Whether only spaces and newlines separate words anywhere in the document's prose."""
        if self._plain is None:
            self._plain = self.doc is None or plain_spaces(self.doc.prose)
        return self._plain

    def paragraph_tallies(self) -> list[tuple[int, int, int]]:
        """The tally of every paragraph, in order: all at once, as RD007 reads them all anyway."""
        tallies = self._paragraph_tallies
        if tallies is None:
            blocks = [block for block, _ in self.paragraph_units]
            tallies = self._paragraph_tallies = list(map(_tally, map(_TEXT, blocks)))
            # The lede scope looks its paragraph up by span.
            self.tallies.update(zip(map(_SPAN_KEY, blocks), tallies, strict=True))
        return tallies

    def tally(self, block: Block) -> tuple[int, int, int]:
        """The tally of any block (a sentence, a heading): paragraphs are in `paragraph_tallies`."""
        span = block.span
        key = (span.start, span.end)
        tally = self.tallies.get(key)
        if tally is None:
            tally = self.tallies[key] = _tally(block.text)
        return tally

    def block_counts(self, block: Block, sentences: int) -> Counts:
        return _counts(self.tally(block), sentences)

    def _lede_index(self) -> tuple[int, int] | None:
        """The lede (as `lede` finds it) as its paragraph index and sentence count."""
        if self.lede is False:
            self.lede = None
            units = zip(self.paragraph_units, self.paragraph_tallies(), strict=True)
            for index, ((block, sentences), tally) in enumerate(units):
                if block.kind == "paragraph" and tally[0] >= 12:
                    self.lede = (index, sentences)
                    break
        return self.lede if isinstance(self.lede, tuple) else None

    def lede_unit(self) -> tuple[Block, int] | None:
        """The lede (as `lede` finds it) and its sentence count."""
        found = self._lede_index()
        return (self.paragraphs[found[0]][0], found[1]) if found is not None else None

    def lede_sentence(self) -> Block | None:
        """The first sentence of the lede."""
        found = self._lede_index()
        if found is None:
            return None
        sentences = self.paragraphs[found[0]][1]
        return sentences[0] if sentences else None

    def units(self, scope: str) -> Iterable[tuple[Block, int]]:
        """(block, sentence count) for every unit a metric scores."""
        doc = self.doc
        assert doc is not None
        if scope == "sentence":
            return zip(doc.sentences, itertools.repeat(1))
        if scope == "paragraph":
            return self.paragraph_units
        if scope == "lede":
            unit = self.lede_unit()
            return (unit,) if unit is not None else ()
        if scope == "lede-sentence":
            first = self.lede_sentence()
            return ((first, 1),) if first is not None else ()
        if scope == "headline":
            return ((doc.headline, 1),) if doc.headline else ()
        if scope == "heading":
            return [(block, 1) for block in doc.headings]
        return ()


_MEMO = _DocumentMemo(None)


def _memo(doc: Document) -> _DocumentMemo:
    global _MEMO
    if _MEMO.doc is not doc:
        _MEMO = _DocumentMemo(doc)
    return _MEMO


def block_counts(doc: Document, block: Block, sentences: int) -> Counts:
    """Counts for one block of `doc`, memoised while `doc` is the document being linted."""
    return _memo(doc).block_counts(block, sentences)


def lede(doc: Document, min_words: int = 12) -> Block | None:
    """The lede: the first body paragraph long enough to be prose (not a dateline or residue)."""
    for block in doc.paragraphs:
        text = block.text
        if block.kind == "paragraph" and max_tokens(text) >= min_words and word_count(text) >= min_words:
            return block
    return None


_TEXT = operator.attrgetter("text")
_SECOND = operator.itemgetter(1)


_SPACE = itertools.repeat(" ")
_NEWLINE = itertools.repeat("\n")
_ONE = itertools.repeat(1)
_NONE = itertools.repeat(None)


def _report_span(block: Block) -> Span:
    """Where a block-level finding points: its first word to the end of its first line."""
    text = block.text
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start)
    end = len(text.rstrip()) if nl < 0 else len(text[:nl].rstrip())
    return Span(block.span.start + start, block.span.start + max(start, end))


def _format(value: float, metric: str) -> str:
    if metric in ("words", "sentences") or float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


class MetricRule:
    """Report blocks whose readability metric is above `max` or below `min`."""

    # A plain class with __slots__, not a dataclass: building a dataclass costs start-up time.
    __slots__ = ("exclude_lede", "maximum", "meta", "metric", "min_sentences", "min_words", "minimum")

    def __init__(
        self,
        meta: RuleMeta,
        metric: str,
        maximum: float | None,
        minimum: float | None,
        min_words: int,
        min_sentences: int,
        exclude_lede: bool = False,
    ) -> None:
        self.meta = meta
        self.metric = metric
        self.maximum = maximum
        self.minimum = minimum
        self.min_words = min_words
        self.min_sentences = min_sentences
        self.exclude_lede = exclude_lede

    def check(self, doc: Document) -> Iterator[Finding]:
        memo = _memo(doc)
        scope = self.meta.scope
        if scope == "text":
            yield from self._check_text(memo, METRICS[self.metric])
            return
        # The loop below runs for every paragraph or sentence of every article, so
        # it avoids function calls until a block can still fail: word-count bounds
        # from two C-level str.count calls come first, syllables only after.
        fn = METRICS[self.metric]
        need = _NEEDS.get(self.metric, 2)
        hi, lo = self.maximum, self.minimum
        min_words = max(1, self.min_words)
        min_sentences = self.min_sentences
        sentence_only = need == 0 and not self.min_words
        # A words or words-per-sentence limit cannot be passed by a block with fewer tokens.
        prune_limit = hi if need == 1 and lo is None else None
        per_sentence = self.metric == "words_per_sentence"
        # Prefilter: only a paragraph with more than `max` sentences can be reported.
        if (
            sentence_only
            and lo is None
            and hi is not None
            and scope == "paragraph"
            and max(1, max(map(_SECOND, memo.paragraph_units), default=0)) <= hi
        ):
            return
        skip_start = skip_end = -1
        if self.exclude_lede:
            # Paragraph rules leave the lede paragraph to the lede rules; sentence rules
            # leave only its opening sentence (a one-paragraph article still gets checked).
            unit = memo.lede_unit()
            lede_block = memo.lede_sentence() if scope == "sentence" else unit[0] if unit else None
            if lede_block is not None:
                skip_start, skip_end = lede_block.span.start, lede_block.span.end
        units = memo.units(scope)
        plain = memo.plain_spaces()  # else the cheap word bound below does not hold: count exactly
        if prune_limit is not None and not per_sentence and scope == "sentence":
            # Prefilter (RD005): the loop below skips every sentence whose token bound
            # (as `max_tokens`) is at most the limit; find the few
            # that pass it with C-level counts and maps, without a Python step per sentence.
            texts = list(map(_TEXT, doc.sentences))
            if plain:
                bounds = map(operator.add, map(str.count, texts, _SPACE), map(str.count, texts, _NEWLINE))
                bounds = map(operator.add, bounds, _ONE)
            else:
                bounds = map(max_tokens, texts)
            passing = map(operator.lt, itertools.repeat(prune_limit), bounds)
            units = zip(itertools.compress(doc.sentences, passing), itertools.repeat(1))
        # Paragraphs come with their tallies (computed once for all rules); other blocks look theirs up.
        tallies: Iterable[tuple[int, int, int] | None] = (
            memo.paragraph_tallies() if scope == "paragraph" and not sentence_only else _NONE
        )
        # Every `continue` below is a filter with no side effect, so the cheapest come first.
        for (block, sentences), tally in zip(units, tallies, strict=False):  # tallies may repeat
            if sentence_only:
                value = float(max(1, sentences))  # the `sentences` metric, without building Counts
                if (hi is not None and value > hi) or (lo is not None and value < lo):
                    if sentences < min_sentences or skip_start <= block.span.start < skip_end:
                        continue
                    counts = Counts(0, max(1, sentences), 0, 0, 0)
                    yield Finding(_report_span(block), self._message(value, counts))
                continue
            text = block.text
            if plain:
                bound = text.count(" ") + (text.count("\n") if "\n" in text else 0) + 1  # as `max_tokens`
            else:
                bound = len(text.split())
            if bound < min_words:
                continue
            if (
                prune_limit is not None
                and (bound / max(1, sentences) if per_sentence else bound) <= prune_limit
            ):
                continue  # even if every token were a word, the limit cannot be passed
            if sentences < min_sentences:
                continue
            if skip_start <= block.span.start < skip_end:
                continue  # the lede has rules of its own
            if tally is None:
                tally = memo.tally(block)
            if need == 1:
                words = tally[0]
                if words < min_words:
                    continue
                counts = Counts(words, max(1, sentences), 0, 0, 0)
            else:
                counts = _counts(tally, sentences)
                if counts.words < min_words:
                    continue
                if need == 3:
                    counts = counts._replace(letters=letter_count(text))
            value = fn(counts)
            if (hi is not None and value > hi) or (lo is not None and value < lo):
                yield Finding(_report_span(block), self._message(value, counts))

    def _check_text(self, memo: _DocumentMemo, fn: Callable[[Counts], float]) -> Iterator[Finding]:
        letters_needed = _NEEDS.get(self.metric, 2) == 3
        words = sentences = syllables = polysyllables = letters = 0
        first: Block | None = None
        for (block, count), tally in zip(memo.paragraph_units, memo.paragraph_tallies(), strict=True):
            if not count:
                continue
            if first is None:
                first = block
            if tally[0]:  # a paragraph without words adds no sentences either (its Counts is EMPTY)
                words += tally[0]
                sentences += count
                syllables += tally[1]
                polysyllables += tally[2]
            if letters_needed:
                letters += letter_count(block.text)
        if first is None or words < self.min_words or sentences < self.min_sentences:
            return
        total = Counts(words, sentences, syllables, letters, polysyllables)
        value = fn(total)
        if (self.maximum is not None and value > self.maximum) or (
            self.minimum is not None and value < self.minimum
        ):
            yield Finding(_report_span(first), self._message(value, total))

    def _message(self, value: float, counts: Counts) -> str:
        limit = self.maximum if self.maximum is not None and value > self.maximum else self.minimum
        assert limit is not None
        message = self.meta.message
        for key, text in (
            ("value", _format(value, self.metric)),
            ("limit", _format(limit, self.metric)),
            ("max", _format(self.maximum, self.metric) if self.maximum is not None else ""),
            ("min", _format(self.minimum, self.metric) if self.minimum is not None else ""),
            ("metric", METRIC_LABELS[self.metric]),
            ("words", str(counts.words)),
            ("sentences", str(counts.sentences)),
            ("words_per_sentence", f"{_per(counts.words, counts.sentences):.0f}"),
        ):
            message = message.replace("{" + key + "}", text)
        return message


SETTINGS: dict[str, dict[str, Any]] = {
    # Override a built-in metric rule's limit without copying its file:
    # [tool.newslint.settings.readability.thresholds] paragraph-grade = 12
    "readability": {"thresholds": {}},
}


def _threshold_override(meta: RuleMeta, settings: Settings) -> float | None:
    thresholds = settings.get("readability").get("thresholds", {})
    if not isinstance(thresholds, Mapping):
        return None
    value = thresholds.get(meta.name, thresholds.get(meta.code))
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PackError("max", f"settings.readability.thresholds.{meta.name} must be a number, got {value!r}")
    return float(value)


def metric(meta: RuleMeta, options: Mapping[str, Any], settings: Settings) -> MetricRule:
    """Build a `metric` rule: keys metric, max, min, min-words, min-sentences, exclude-lede.

    A number under ``[tool.newslint.settings.readability.thresholds]``, keyed by
    the rule's name or code, replaces its `max` (or its `min` if it has no max).
    """
    read = OptionReader(options)
    name = read.string("metric")
    if name is None:
        raise PackError("metric", f"is required (one of {', '.join(METRICS)})")
    if name not in METRICS:
        raise PackError("metric", f"unknown metric {name!r} (known: {', '.join(METRICS)})")
    if meta.scope not in SCOPES:
        raise PackError("scope", f"must be one of {', '.join(SCOPES)} for a metric rule, got {meta.scope!r}")
    rule = MetricRule(
        meta=meta,
        metric=name,
        maximum=read.number("max"),
        minimum=read.number("min"),
        min_words=read.integer("min-words", 0),
        min_sentences=read.integer("min-sentences", 0),
        exclude_lede=read.boolean("exclude-lede", False),
    )
    read.finish()
    if rule.exclude_lede and meta.scope not in ("paragraph", "sentence"):
        raise PackError("exclude-lede", "applies to the paragraph and sentence scopes only")
    if rule.maximum is None and rule.minimum is None:
        raise PackError("max", "give max, min or both")
    override = _threshold_override(meta, settings)
    if override is not None:
        if rule.maximum is not None:
            rule.maximum = override
        else:
            rule.minimum = override
    return rule


RULE_TYPES = {"metric": metric}
