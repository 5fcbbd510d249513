"""English speech frames and speakers by class of text (issue 7), on sentences we wrote.

Each test runs the whole pipeline on a short text of its own, so that the speaker comes
from the real resolver and the real parse. The classes: support verbs with speech nouns,
documents with a participle, "in the words of",
"call X Y", a tag after a coordinated clause, honorifics before a surname, an office
described through its state, and speech verbs in the passive (in English and French).
"""

from __future__ import annotations

from pathlib import Path

from builders import read_quotes, said

# -- support verbs: "issued a warning that", "renewed his call for" ---------------------------

def test_a_support_verb_makes_the_speech_noun_its_subjects(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Philippine President Ferdinand Marcos Jr. on Monday issued a "
                   "warning that Manila would answer any armed attack on its vessels.")
    assert said(quotes, "ferdinand-marcos-jr", "Manila would answer any armed attack")
    quotes = read_quotes(tmp_path, "Chinese Premier Li Qiang renewed his call for a ceasefire in "
                   "Gaza during talks in Cairo.")
    assert said(quotes, "li-qiang", "a ceasefire in Gaza")


def test_a_support_verb_with_a_bare_noun_has_no_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Premier Li Qiang made the announcement in Cairo on "
                   "Monday.")
    assert quotes == []


# -- a document's participle speaks for its issuer --------------------------------------------

def test_a_statement_calling_on_speaks_for_its_issuer(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Japan's foreign ministry issued a statement calling on China "
                   "to release the detained employee without delay.")
    speakers = {who for who, what in quotes if "release the detained employee" in what}
    assert speakers and "CHN" not in speakers


# -- "in the words of X" is a source -----------------------------------------------------------

def test_in_the_words_of_names_the_source(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "In the words of one senior Indonesian diplomat, the region "
                   "cannot afford another cold war.")
    assert said(quotes, "IDN", "the region cannot afford another cold war")


# -- "called X Y": what the object is, to the speaker ------------------------------------------

def test_called_the_sanctions_illegal_is_a_quote(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi called the new sanctions "
                   "illegal and unilateral.")
    assert said(quotes, "wang-yi", "the new sanctions illegal")


# -- a tag after a coordinated clause belongs to that clause -----------------------------------

def test_a_tag_after_and_is_not_the_quotations(tmp_path: Path) -> None:
    quotes = read_quotes(
        tmp_path, "Russian officials called the drills a \"dangerous provocation,\" "
                   "and Kremlin spokesman Dmitry Peskov said Moscow would respond.")
    assert not said(quotes, "dmitry-peskov", "dangerous provocation")
    assert said(quotes, "dmitry-peskov", "Moscow would respond")


# -- an honorific before a surname is no given name --------------------------------------------

def test_mr_before_a_surname_is_the_known_person(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Secretary of State Antony Blinken arrived in Beijing on Sunday."
                   "\n\nMr. Blinken told his Chinese counterpart that Washington remained "
                   "concerned about the support for Russia's defense industry.")
    assert said(quotes, "antony-blinken", "Washington remained concerned")


# -- an office described through its state is the person printed with it before ---------------

def test_the_state_s_adviser_is_the_adviser_named_before(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "The remarks by the US national security adviser Robert O'Brien "
                   "drew criticism in Beijing.\n\nThe US president's national security "
                   "adviser reportedly called the party a threat to the economies of its "
                   "neighbours.")
    assert said(quotes, "robert-obrien", "a threat to the economies")


# -- a speech verb in the passive: its subject is the addressee --------------------------------

def test_a_passive_speech_verb_gives_no_quote_to_its_subject(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Japanese Prime Minister Fumio Kishida was asked to clarify his "
                   "government's position on the dispute. The Chinese foreign ministry did "
                   "not respond when asked for comment.")
    assert quotes == []


def test_the_agent_of_a_passive_speech_verb_speaks(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Defense Minister Dong Jun was urged by US Defense "
                   "Secretary Lloyd Austin to keep military channels open.")
    assert not any(who == "dong-jun" for who, _ in quotes)


def test_a_passive_speech_verb_gives_no_quote_to_its_subject_fr(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Le Premier ministre japonais Fumio Kishida a été invité à "
                   "clarifier la position de son gouvernement sur le différend.")
    assert not any(who == "fumio-kishida" for who, _ in quotes)


def test_an_impersonal_passive_keeps_its_clause(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Secretary of State Antony Blinken spoke in Manila on Monday. "
                   "It was suggested that the dispute could be discussed at the summit.")
    assert all(who != "antony-blinken" or "dispute" in what for who, what in quotes)
