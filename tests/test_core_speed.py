"""Fast paths of the core (packs loader, start-up) give the answers of the slow paths they skip."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

from newslint.packs import _dedent


def test_dedent_shortcut_is_textwrap_dedent() -> None:
    pieces = ["a", " ", "\t", "\n", "  x", "\n  ", "\n\t", "b\n", "\n \n", "    code\n"]
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _dedent(text) == textwrap.dedent(text), repr(text)


def test_linting_with_the_builtin_packs_does_not_import_regex() -> None:
    # `regex` costs ~15 ms to import; only packs with existence, substitution or
    # occurrence rules, or a custom repetition token, need it.
    code = (
        "import sys, newslint\n"
        "newslint.lint_text('# Head\\n\\nThe the council met on Monday. Mr. Smith said so.\\n')\n"
        "print('regex' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
