"""Attribution forms of wire copy (issue 7), on sentences we wrote, in English and French.

Each test runs the whole pipeline on a short text of its own. The classes: a second voice
set against the first by a conjunction of contrast ends the first voice's content; judging
verbs say what their object is with "as" / « comme »; verbs of communication by class; a
tag between two commas inside its content; printed names with name particles; a surname
before the full name; hedged speech ("is believed to have called for").
"""

from __future__ import annotations

from pathlib import Path

from builders import read_quotes, said

# -- "…, while Y said …": the first content ends before the second voice ------------------


def test_a_contrasted_second_voice_ends_the_first_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Antony Blinken said the naval drills must stop at once, "
                         "while Wang Yi insisted they were routine exercises.")
    assert said(quotes, "wang-yi", "they were routine exercises")
    blinken = [what for who, what in quotes if who == "antony-blinken"]
    assert blinken and all("routine" not in what for what in blinken)
    assert any("the naval drills must stop" in what for what in blinken)


def test_a_contrasted_second_voice_ends_the_first_content_in_french(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Wang Yi a déclaré que les discussions avaient été utiles, "
                         "tandis que le Japon a affirmé qu'elles avaient échoué.")
    assert said(quotes, "JPN", "elles avaient échoué")
    wang = [what for who, what in quotes if who == "wang-yi"]
    assert wang and all("échoué" not in what for what in wang)


def test_a_temporal_clause_stays_in_the_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Joe Biden said he would lower the tariffs, after Xi Jinping "
                         "promised to curb the export of the chemicals.")
    assert said(quotes, "joe-biden", "after Xi Jinping promised")


# -- judging verbs with "as": what the object is said to be is content ---------------------


def test_dismissed_as_gives_the_judgement_to_the_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi dismissed the allegations "
                         "as groundless smears.")
    assert said(quotes, "wang-yi", "as groundless smears")


def test_a_judging_verb_with_its_target_alone_has_no_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi condemned the arms sale.")
    assert quotes == []


def test_condamner_comme_gives_the_judgement_to_the_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Le ministre chinois des Affaires étrangères Wang Yi a "
                         "condamné la vente d'armes comme une grave provocation.")
    assert said(quotes, "wang-yi", "comme une grave provocation")


# -- verbs of communication audited by class (Levin 37) -------------------------------------


def test_advise_and_complain_class_verbs_report_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Antony Blinken admonished Beijing to respect the ruling of "
                         "the tribunal.\nJapanese Prime Minister Fumio Kishida deplored that the "
                         "talks had made little progress.")
    assert said(quotes, "antony-blinken", "to respect the ruling")
    assert said(quotes, "fumio-kishida", "the talks had made little progress")


def test_phrasal_and_irregular_say_verbs_report_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi spelled out that China "
                         "would not accept the ruling.\nJapanese Prime Minister Fumio Kishida "
                         "foresaw that the talks would fail.\nAntony Blinken set out for "
                         "Manila on Monday.")
    assert said(quotes, "wang-yi", "China would not accept the ruling")
    assert said(quotes, "fumio-kishida", "the talks would fail")
    assert not any(who == "antony-blinken" for who, _ in quotes)


def test_manner_of_speaking_verbs_introduce_a_quotation(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, 'Antony Blinken whispered, "We are almost there."')
    assert said(quotes, "antony-blinken", "We are almost there.")
    quotes = read_quotes(tmp_path, "Le ministre Wang Yi a murmuré : « Nous y sommes presque. »")
    assert said(quotes, "wang-yi", "Nous y sommes presque.")


# -- a tag between two commas inside its content ---------------------------------------------


def test_a_tag_inside_its_content_gives_the_sentence_to_the_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "The drills, Wu Qian said, were routine.")
    assert said(quotes, "wu-qian", "The drills, Wu Qian said, were routine")
    quotes = read_quotes(tmp_path, "The naval exercises, Wu Qian said on Thursday, were "
                         "routine and aimed at no country.")
    assert said(quotes, "wu-qian", "were routine and aimed at no country")


def test_a_quotation_a_tag_interrupts_stays_two_direct_quotes(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, '"The drills must stop," Wu Qian said, "and the ships must '
                         'leave."')
    assert said(quotes, "wu-qian", "The drills must stop")
    assert said(quotes, "wu-qian", "and the ships must leave")
    assert all("Wu Qian said" not in what for _, what in quotes)


def test_commas_around_the_subject_are_no_interrupting_tag(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Wu Qian, a spokesman for the ministry, said the exercises "
                         "were routine.")
    assert said(quotes, "wu-qian", "the exercises were routine")
    assert all("Wu Qian" not in what for _, what in quotes)


# -- a speaker the knowledge base lacks, with name particles, under its printed name ----------


def test_a_printed_name_with_a_particle_keeps_the_quote(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Senior Hamas official Khalil al-Hayya said the group would "
                         "accept a ceasefire that ends the war.")
    assert said(quotes, "Khalil al-Hayya", "the group would accept a ceasefire")


# -- a surname before the full name: forward look-up, one person of that name only ------------


def test_a_surname_before_the_full_name_points_forward(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Safadi said the talks on the border crossings had stalled.\n"
                         "Jordanian Foreign Minister Ayman Safadi arrived in Cairo on Monday.")
    assert said(quotes, "Ayman Safadi", "the talks on the border crossings had stalled")


def test_a_surname_two_later_full_names_share_stays_unresolved(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Safadi said the talks on the border crossings had stalled.\n"
                         "Ayman Safadi and Nasser Safadi arrived in Cairo on Monday.")
    assert quotes and all(who not in ("Ayman Safadi", "Nasser Safadi") for who, _ in quotes)


def test_a_surname_before_the_full_name_points_forward_in_french(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Safadi a déclaré que les discussions sur les points de "
                         "passage étaient dans l'impasse.\nLe ministre jordanien des Affaires "
                         "étrangères, Ayman Safadi, est arrivé lundi au Caire.")
    assert said(quotes, "Ayman Safadi", "les discussions sur les points de passage")


# -- hedged speech: "is believed to have called for" ------------------------------------------


def test_hedged_speech_keeps_its_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi is believed to have called "
                         "for a new round of talks on the peninsula.")
    assert said(quotes, "wang-yi", "a new round of talks on the peninsula")
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi is reported to have warned "
                         "that China would respond to any provocation.")
    assert said(quotes, "wang-yi", "China would respond to any provocation")


def test_a_perfect_infinitive_under_an_object_is_the_objects(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chinese Foreign Minister Wang Yi urged Manila to have "
                         "withdrawn its vessels by June.")
    assert said(quotes, "wang-yi", "Manila to have withdrawn its vessels")
