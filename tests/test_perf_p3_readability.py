"""The readability speed shortcuts give the counts of the code they stand for."""

from __future__ import annotations

import random

import pytest

from newslint.checks import readability as rd

_TRICKY_TEXT = (
    "ſ ı İ \u212a K k ß ẞ ǅ ǆ Ǆ ϒ İstanbul KELVIN \u212aelvin ſtate ı́ ﬁ Σ ς ŉ ² ½ ٣ ' ’ 's ’s "
    "don't O'Neil O’NEIL BBC's WWW wwws TVs PCs Mr. Mr U.S. well-known — • « » “quoted” 3.5 £4m "
    "i̇ The the THE Said, said said. (BBC) “People” people’s Queue queue Guard guard yes Yes"
)
TRICKY_TOKENS = _TRICKY_TEXT.split()


def _reference_pack(token: str) -> int:
    syllables = rd.token_syllables(token)
    return syllables + (rd._WORD if syllables else 0) + (rd._POLY if syllables >= 3 else 0)


def _tokens() -> list[str]:
    alphabet = list("aeiouyAEIOUYbcdfgklmnpqrstwxzBCDKMSTWX'’-.,;:!?\"“”()0123456789ſıİ\u212aßéÉñ²½٣\u0307")
    rnd = random.Random(3)
    out = list(TRICKY_TOKENS)
    out += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 9))) for _ in range(20_000)]
    return out


@pytest.mark.parametrize("order", ["given", "sorted", "reversed-lower"])
def test_token_cache_fills_from_itself_as_token_syllables_counts(order: str) -> None:
    """A miss filled from the cache ("Said," from "Said" from "said") packs what `token_syllables` gives."""
    tokens = _tokens()
    if order == "sorted":
        tokens.sort()
    elif order == "reversed-lower":
        tokens.sort(key=str.lower, reverse=True)
    rd._PACKED.clear()
    rd._WORD_SYLLABLES.clear()
    try:
        for token in tokens:
            assert rd._PACKED[token] == _reference_pack(token), token
    finally:
        rd._PACKED.clear()


def test_deletion_tables_match_maketrans() -> None:
    """The full-ASCII tables delete exactly what ``str.maketrans("", "", chars)`` deletes."""
    plain = str.maketrans("", "", '!"#%&()*+,-./:;<=>?@[\\]^_`{|}~“”‘«»–—…•·')
    text = "".join(map(chr, range(0x300))) + "“”‘’«»–—…•·£€¥§¶ſıİ\u212a" + " U.S. well-known, “quoted” 1,240."
    assert text.translate(rd._PUNCTUATION) == text.translate(plain)
    for token in TRICKY_TOKENS:
        assert token.translate(rd._PUNCTUATION) == token.translate(plain)
