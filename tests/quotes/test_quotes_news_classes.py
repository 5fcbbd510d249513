"""Quotes on English (and French) news by class of text (issue 7), on sentences we wrote.

Each test runs the whole pipeline on a short text of its own, so that the speaker comes
from the real resolver and the real parse, and checks who is credited with which words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import read_quotes, said

# -- institutions named by their words ------------------------------------------------------

def test_a_state_and_an_institution_noun_name_the_institution(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "BEIJING – China's coast guard said on Monday it had expelled "
                   "a Philippine vessel from waters near the shoal.")
    assert said(quotes, "CHN-CCG", "expelled a Philippine vessel")


def test_a_shorter_form_names_the_institution_named_before(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
China's Ministry of Commerce criticised the tariffs on Tuesday.

The European Commission defended its plan in a long statement.

Brussels will hold talks with carmakers next month.

The decision has no legal basis, according to the Ministry of Commerce.

The ministry also said that the tariffs would hurt trade between the two sides.
""")
    assert said(quotes, "CHN-MOFCOM", "The decision has no legal basis")
    assert said(quotes, "CHN-MOFCOM", "the tariffs would hurt trade")


def test_french_institution_words_and_sources(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Les garde-côtes de la Chine ont affirmé lundi qu'ils avaient "
                   "expulsé un navire philippin.")
    assert said(quotes, "CHN-CCG", "expulsé un navire philippin")
    quotes = read_quotes(tmp_path, "Le ministère chinois du Commerce a critiqué les droits de "
                   "douane. L'avis publié n'a aucune base juridique, selon le ministère du "
                   "Commerce.")
    assert said(quotes, "CHN-MOFCOM", "aucune base juridique")


# -- offices and officials without a name ---------------------------------------------------

def test_an_unnamed_spokesman_is_the_institution_he_spoke_for(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
A spokesman for China's Ministry of Commerce said the tariffs were unfair.

Carmakers in Europe fear a trade war.

"The European Commission is waving a protectionist stick," the spokesman said.
""")
    assert said(quotes, "CHN-MOFCOM", "waving a protectionist stick")


def test_an_unnamed_official_of_a_state_is_the_state(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "A senior US official told reporters that Washington would keep "
                   "its troops in the region.")
    assert said(quotes, "USA", "would keep its troops")


def test_a_definite_office_is_the_person_named_as_subject_before(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Foreign Ministry spokesperson Mao Ning held a briefing on "
                   "Monday. The Chinese diplomat said that the sanctions were unlawful.")
    assert said(quotes, "mao-ning", "the sanctions were unlawful")
    quotes = read_quotes(tmp_path, "Following Donald Trump's election victory, the premier said "
                   "that momentum was returning to the talks.")
    assert not said(quotes, "donald-trump", "momentum was returning")


def test_a_surname_points_back_to_a_speaker_printed_before(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
The theater command spokesman Zhou Xi emphasized that the patrol had been lawful.
The command organized naval forces to monitor the transit, Zhou said.
""")  # a name the knowledge base does not know (Li Xi is a Politburo member's)
    assert said(quotes, "Zhou Xi", "organized naval forces to monitor")


# -- speakers named elsewhere than as the subject -------------------------------------------

def test_quoted_as_saying_credits_the_quoted_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
"This is a victory for dialogue," the Chinese foreign ministry cited Wang Yi as saying.

China Daily quoted an unidentified Chinese official as urging Japan to take concrete steps.
""")
    assert said(quotes, "wang-yi", "a victory for dialogue")
    assert said(quotes, "CHN", "to take concrete steps")
    assert not said(quotes, "CHN-MFA", "a victory for dialogue")


def test_a_tag_the_parse_conjoins_to_another_verb_keeps_its_own_subject(
        tmp_path: Path) -> None:
    quotes = read_quotes(
        tmp_path, "China's foreign minister met Japan's top diplomat on Tuesday and "
                   "discussed problems between the two countries as a state-run newspaper "
                   "said Beijing had ruled out a summit.")
    assert not any("ruled out a summit" in what and who == "CHN" for who, what in quotes)


def test_a_participle_after_an_incise_carries_its_own_clause(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, '"The door is open," said Sergei Lavrov, the Russian foreign '
                   "minister, adding that Moscow was ready to talk.")
    assert said(quotes, "sergey-lavrov", "Moscow was ready to talk")
    quotes = read_quotes(
        tmp_path, "« Nous sommes prêts », a déclaré M. Lavrov, ajoutant que Moscou "
                   "était disposé à discuter.")
    assert said(quotes, "sergey-lavrov", "Moscou était disposé à discuter")


# -- sources --------------------------------------------------------------------------------

def test_a_relay_noun_that_names_its_outlet_is_that_outlet(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "According to Japan's Kyodo news agency, the two leaders agreed "
                   "to meet again next year.")
    assert said(quotes, "media-kyodo", "the two leaders agreed")
    quotes = read_quotes(tmp_path, "The ships left the area, according to Chinese state media.")
    assert quotes == []


def test_a_speech_noun_with_a_that_clause_is_speech_of_its_agent(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "The spokesman rejected Washington's claim that Chinese hackers "
                   "had targeted the election.")
    assert said(quotes, "USA", "Chinese hackers had targeted the election")
    quotes = read_quotes(tmp_path, "Beijing dismissed accusations from the West over the drills.")
    assert quotes == []


# -- headlines and paragraphs ---------------------------------------------------------------

def test_a_headline_tag_may_describe_its_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
Tariff threats will backfire on Washington: Chinese FM

Chinese Foreign Ministry spokesperson Hua Chunying said on Monday the remarks were groundless.
""")
    assert said(quotes, "CHN-MFA", "Tariff threats will backfire")
    quotes = read_quotes(tmp_path, """
Talks must resume as soon as possible: spokesperson

Foreign Ministry spokesperson Mao Ning told a regular briefing that China supported dialogue.
""")
    assert said(quotes, "mao-ning", "Talks must resume")


def test_quotation_paragraphs_after_reported_speech_keep_its_speaker(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
Foreign Ministry spokesperson Mao Ning said the sanctions imposed by Washington were illegal.

"The US should immediately lift the sanctions and stop its bullying practices.

"China will take resolute measures to protect the rights of its companies."
""")
    assert said(quotes, "mao-ning", "immediately lift the sanctions")
    assert said(quotes, "mao-ning", "take resolute measures")
    quotes = read_quotes(tmp_path, """
La porte-parole Mao Ning a déclaré que les sanctions étaient illégales.

« Les États-Unis doivent lever immédiatement ces sanctions. »
""")
    assert said(quotes, "mao-ning", "lever immédiatement ces sanctions")


# -- content boundaries ---------------------------------------------------------------------

def test_a_clause_stops_before_another_speakers_tag(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Japan's coast guard said on Friday it had spotted two Chinese "
                   "ships near the islands, Japanese media reported.")
    assert any(who == "JPN-JCG" and what.endswith("near the islands")
               for who, what in quotes)


def test_a_short_fragment_inside_the_clause_is_no_quote_of_its_own(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Chief Cabinet Secretary Yoshimasa Hayashi said the ships had "
                   'violated international law, describing the intrusion as "unacceptable."')
    assert [what for _, what in quotes if "unacceptable" in what and len(what) < 20] == []


def test_a_quotation_an_infinitive_only_verb_cannot_carry_is_not_its_subjects(
        tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Prime Minister Mohammed bin Abdulrahman Al Thani said the "
                   'incoming Trump administration had offered "a lot of encouragement to '
                   'achieve a deal."')
    assert not said(quotes, "donald-trump", "a lot of encouragement")


# -- speech verbs by class ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, words", [
    ("Japan's Defense Ministry signaled that new patrols were coming.", "new patrols"),
    ("Japan's Defense Ministry hinted that talks could resume.", "talks could resume"),
    ("Japan's Defense Ministry projected that spending would rise.", "spending would rise"),
    ("Japan's Defense Ministry requested that Beijing withdraw the ships.", "withdraw the ships"),
    ("Japan's Defense Ministry made clear that it would not back down.", "would not back down"),
    ("Japan's Defense Ministry reminded reporters that the deadline was near.", "deadline"),
])
def test_speech_verbs_of_each_class_carry_their_clause(
        tmp_path: Path, sentence: str, words: str) -> None:
    assert said(read_quotes(tmp_path, sentence), "JPN-MOD", words)


# -- more sources and quoting ---------------------------------------------------------------

def test_a_pronoun_source_is_the_person_before_it(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Foreign Ministry spokeswoman Mao Ning spoke at a briefing on "
                   "Monday. According to her, Washington's sanctions were illegal.")
    assert said(quotes, "mao-ning", "sanctions were illegal")


def test_a_source_after_a_quotation_tags_it(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, '"The situation remains tense," according to the Japanese '
                   "Defense Ministry.")
    assert said(quotes, "JPN-MOD", "The situation remains tense")


def test_a_passive_quoting_verb_credits_its_subject(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Foreign Minister Wang Yi was quoted by Xinhua as saying that "
                   "China would never accept the ruling.")
    assert said(quotes, "wang-yi", "China would never accept the ruling")
    assert not said(quotes, "media-xinhua", "China would never accept the ruling")


def test_an_institution_of_the_one_state_named_before_with_such_a_body(
        tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
North Korea fired a missile on Sunday, according to South Korea.

The Joint Chiefs of Staff (JCS) said in a text message that the missile flew about 600 km.
""")
    assert said(quotes, "KOR-JCS", "the missile flew about 600 km")


# -- documents and settings -----------------------------------------------------------------

def test_a_document_as_subject_speaks_for_its_issuers(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "China and Russia issued a joint statement on Monday. The "
                   "statement said both sides opposed unilateral sanctions.")
    assert said(quotes, "CHN", "both sides opposed unilateral sanctions")
    assert said(quotes, "RUS", "both sides opposed unilateral sanctions")
    quotes = read_quotes(tmp_path, "The White House said in a readout that the two leaders "
                   "discussed trade. The readout said Biden raised concerns about human rights.")
    assert said(quotes, "USA-WH", "Biden raised concerns")


def test_a_clause_hung_on_the_setting_of_the_verb_is_its_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Kim Yo Jong warned in a statement carried by KCNA that the "
                   "North would respond.")
    assert said(quotes, "kim-yo-jong", "the North would respond")


def test_the_side_of_a_state_is_the_state(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "The Chinese side said it was willing to strengthen cooperation "
                   "with Vietnam.")
    assert said(quotes, "CHN", "willing to strengthen cooperation")


def test_an_indefinite_office_is_the_person_printed_beside_it_later(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, """
China is willing to strengthen military ties with the United States, a Chinese military \
spokesperson said Friday.

Wu Qian, spokesperson for the Ministry of National Defense, made the remarks at a briefing.
""")
    assert said(quotes, "wu-qian", "strengthen military ties")


def test_an_acronym_repeats_an_institution_a_speaker_phrase_named(tmp_path: Path) -> None:
    quotes = read_quotes(
        tmp_path, "North Korea fired a ballistic missile on Thursday, South Korea's "
                   'Joint Chiefs of Staff (JCS) said. "We strongly condemn this provocative '
                   'act," the JCS said in a text message.')
    assert said(quotes, "KOR-JCS", "We strongly condemn this provocative act")


def test_a_personal_pronoun_with_no_speaker_before_is_the_person_named_before(
        tmp_path: Path) -> None:
    quotes = read_quotes(
        tmp_path, "Foreign Ministry spokeswoman Mao Ning held a briefing on Monday. "
                   "She said the sanctions were illegal.")
    assert said(quotes, "mao-ning", "the sanctions were illegal")
    quotes = read_quotes(
        tmp_path, "La porte-parole Mao Ning a tenu un point de presse lundi. Elle a "
                   "déclaré que les sanctions étaient illégales.")
    assert said(quotes, "mao-ning", "les sanctions étaient illégales")


def test_a_promise_may_carry_its_object(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Japan's Defense Ministry pledged further support for the "
                   "Philippine coast guard.")
    assert said(quotes, "JPN-MOD", "further support for the Philippine coast guard")


def test_a_numbered_group_is_the_states_named_before(tmp_path: Path) -> None:
    quotes = read_quotes(
        tmp_path, "Foreign ministers of China, Japan and South Korea met in Busan on "
                   "Sunday. The three countries said they would resume their annual summit.")
    for state in ("CHN", "JPN", "KOR"):
        assert said(quotes, state, "resume their annual summit")
