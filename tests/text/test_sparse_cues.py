"""A cue matcher run only where a cue may start finds what the plain matcher finds.

``SparseCueMatcher`` lets ``CueMatcher`` match the windows of a Doc where a cue may start,
and answers any token range from the matches of the whole Doc. Both must give exactly what
``CueMatcher.find`` gives on the whole Doc and on every range of it: same spans, same
payloads, same order, including cues inside longer cues, cues sharing a first word, and
acronyms that count only in capitals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from porteparole.text.cues import CueMatcher
from porteparole.text.sparse_cues import SparseCueMatcher

if TYPE_CHECKING:
    from spacy.language import Language

CUES = {
    "fr": [
        ("ligne", "line"), ("ligne téléphonique directe", "hotline"),
        ("ligne directe", "direct"), ("la ligne directe militaire", "military"),
        ("IA", "ai"), ("mer de Chine méridionale", "scs"), ("mer", "sea"),
        ("canal de communication", "channel"), ("canaux de communication", "channels"),
    ],
    "en": [
        ("talks", "talks"), ("military talks", "military-talks"),
        ("the military maritime consultative agreement", "mmca"), ("MMCA", "mmca-acronym"),
        ("AI", "ai"), ("South China Sea", "scs"), ("China Sea", "cs"), ("sea", "sea"),
        ("export control", "export"),
    ],
}
TEXTS = {
    "fr": ("La ligne directe militaire a été rétablie ; la ligne téléphonique directe aussi.\n"
           "L'IA et l'ia en mer de Chine méridionale : les canaux de communication, la mer, "
           "la ligne"),
    "en": ("The military talks under the Military Maritime Consultative Agreement (MMCA) "
           "resumed; the mmca and the AI, not ai, in the South China Sea.\n"
           "New export controls on the sea and China Sea talks"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_same_matches_as_the_plain_matcher(
    language: str, nlp_fr: Language, nlp_en: Language
) -> None:
    doc = (nlp_fr if language == "fr" else nlp_en)(TEXTS[language])
    plain = CueMatcher(language, CUES[language])
    sparse = SparseCueMatcher(language, CUES[language]).find(doc)
    everything = plain.find(doc)
    assert sparse.matches == everything
    assert len({m.payload for m in everything}) >= 7  # the sentences exercise most cues
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert sparse.within(start, end) == plain.find(doc, start, end), (start, end)


def test_no_cue_no_window(nlp_en: Language) -> None:
    doc = nlp_en("Nothing here names a cue.")
    assert SparseCueMatcher("en", []).find(doc).matches == []
    assert SparseCueMatcher("en", [("talks", "t")]).find(doc).within(0, len(doc)) == []
