"""The name tokenizer cuts a text exactly as its definition says, however the text is spaced.

``tokenize`` reads a text chunk by chunk (runs of non-space characters, each cut once and
remembered); the tokens must be those of the definition applied to the whole text: a run
of letters and digits, or any other visible character alone, with its offsets and fold.
"""

from __future__ import annotations

import re

import pytest

from porteparole.text.folds import fold_token
from porteparole.text.tokens import Token, keys, tokenize

_DEFINITION = re.compile(r"\w+|[^\w\s]")


def _by_definition(text: str) -> list[tuple[int, int, str, bool, bool]]:
    return [
        (m.start(), m.end(), fold_token(m.group()), m.group()[:1].isupper(), m.group().isupper())
        for m in _DEFINITION.finditer(text)
    ]


@pytest.mark.parametrize("text", [
    "Le porte-parole a réaffirmé que l’OTAN « n’a rien à faire » en mer de Chine méridionale.",
    "Les relations sino-américaines, selon PÉKIN, se sont dégradées ; Pékin, Pekin et pékin.",
    "The U.S.-China talks resumed; Biden-Harris officials met Wang Yi's deputy (MFA).",
    "  Tabs\tand\u00a0non-breaking\u202fspaces, a line\u2028separator and\u3000wide space.  ",
    "İstanbul, STRAẞE, Øresund, 3,5 % and 2024-03-01 — the_snake_case word.",
    "",
    "   \n\t ",
    "Chine, Chine, Chine,Chine",
])
def test_tokens_are_those_of_the_definition(text: str) -> None:
    tokens = tokenize(text)
    assert [tuple(t) for t in tokens] == _by_definition(text)
    assert all(isinstance(t, Token) for t in tokens)
    assert all(text[t.start:t.end] for t in tokens)


def test_a_recurring_chunk_keeps_the_offsets_of_each_occurrence() -> None:
    text = "l'OTAN et l'OTAN\n\nl'OTAN"
    starts = [t.start for t in tokenize(text) if t.key == "otan"]
    assert starts == [2, 12, 20]
    assert [text[s:s + 4] for s in starts] == ["OTAN"] * 3


def test_knowledge_names_are_cut_like_the_text() -> None:
    assert keys("Sino-American talks") == tuple(t.key for t in tokenize("Sino-American talks"))
