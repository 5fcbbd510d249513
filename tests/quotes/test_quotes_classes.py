"""Quotes on unseen news, by class of text (issue 7), on sentences we wrote."""

from __future__ import annotations

import pytest

from builders import with_anaphora
from porteparole.errors import KnowledgeError
from porteparole.knowledge.speech import load_speech_lexicon, parse_speech_lexicon
from porteparole.quotes import extract_quotes
from porteparole.records import Actor, Analysis, Document, Mention, Origin


def _analysis(text: str, language: str, names: dict[str, tuple[str | None, str]]) -> Analysis:
    document = Document("doc", Origin("<test>", "text"), language, "news_article", text)
    mentions = []
    for surface, (actor_id, entity_type) in names.items():
        start = text.index(surface)
        mentions.append(
            Mention("doc", start, start + len(surface), surface, entity_type, actor_id, 1.0)
        )
    return Analysis(document=document, mentions=tuple(mentions))


_STATES = {code: Actor(code, code, "state", code, None) for code in ("NOR", "ISL", "CHL")}


def _quotes(nlp, text, language, names):
    doc = nlp(text)
    analysis = extract_quotes(
        with_anaphora(_analysis(text, language, names), doc, _STATES.get), doc,
        actor_lookup=_STATES.get,
    )
    return [(q.kind, q.speaker_actor or q.speaker_text, text[q.start : q.end])
            for q in analysis.quotes]


# -- the speech lexicon (knowledge/speech) ----------------------------------------------------

def test_every_language_has_one_speech_lexicon_with_frames():
    for language in ("fr", "en"):
        lexicon = load_speech_lexicon(language)
        assert lexicon.verbs and all(lexicon.verbs.values())
    assert "clause" in load_speech_lexicon("fr").verbs["estimer"]
    assert "object" in load_speech_lexicon("fr").verbs["prôner"]
    assert "infinitive" in load_speech_lexicon("en").verbs["urge"]


def test_a_frame_outside_the_list_is_refused_on_load():
    with pytest.raises(KnowledgeError, match="frames"):
        parse_speech_lexicon("xx", {"version": 1, "verbs": {"dire": ["clausal"]}})
    with pytest.raises(KnowledgeError, match="unknown keys"):
        parse_speech_lexicon("xx", {"version": 1, "cues": {}})
    with pytest.raises(KnowledgeError, match="phrase"):
        parse_speech_lexicon("xx", {"version": 1, "phrases": {"*faire *savoir": ["clause"]}})


def test_every_consumer_reads_the_same_verbs():
    from porteparole.actors.lexicon import load_lexicon

    speech = load_speech_lexicon("fr")
    assert load_lexicon("fr").speech_verbs == speech.lemmas
    assert speech.voiced >= {v for v, f in speech.verbs.items() if "clause" in f}


# -- class 1: attribution after unquoted content ----------------------------------------------

def test_content_before_an_inverted_tag_fr(nlp_fr):
    text = ("Les négociations sur le traité de pêche reprendront en mars, a indiqué jeudi la "
            "ministre norvégienne des Affaires étrangères, Kari Nordmann.")
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": ("kari", "PER")})
    assert found == [("reported", "kari",
                      "Les négociations sur le traité de pêche reprendront en mars")]


def test_content_before_a_subject_tag_en(nlp_en):
    text = ("The tariffs will stay in place until the audit is finished, the Mexican economy "
            "minister Carlos Ruiz said on Monday.")
    found = _quotes(nlp_en, text, "en", {"Carlos Ruiz": ("ruiz", "PER")})
    assert found == [("reported", "ruiz",
                      "The tariffs will stay in place until the audit is finished")]


def test_inner_speaker_keeps_content_before_the_tag_fr(nlp_fr):
    text = ("La Norvège estime que les quotas doivent baisser cette année, a déclaré "
            "Kari Nordmann.")
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE"),
                                         "Kari Nordmann": ("kari", "PER")})
    assert [(s, c[:30]) for _, s, c in found] == [("NOR", "les quotas doivent baisser cet")]


def test_a_comma_after_the_subject_is_no_content(nlp_fr):
    text = "La ministre, Kari Nordmann, a annoncé que les quotas baisseraient."
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": ("kari", "PER")})
    assert found == [("reported", "kari", "les quotas baisseraient")]


# -- class 3: a speaker the knowledge base lacks keeps the printed name ------------------------

def test_unknown_person_is_kept_under_the_printed_name_and_by_surname_fr(nlp_fr):
    text = ("Le ministre islandais de la Pêche, Jón Gunnarsson, a affirmé que la flotte "
            "resterait au port. « Nous ne céderons pas », a ajouté Gunnarsson.")
    found = _quotes(nlp_fr, text, "fr", {"Jón Gunnarsson": (None, "PER")})
    assert [s for _, s, _ in found] == ["Jón Gunnarsson", "Jón Gunnarsson"]


def test_unknown_person_is_kept_through_a_pronoun_en(nlp_en):
    text = ("Icelandic fisheries minister Jon Gunnarsson said the fleet would stay in port. "
            "\"We will not give in,\" he said.")
    found = _quotes(nlp_en, text, "en", {"Jon Gunnarsson": (None, "PER")})
    assert [s for _, s, _ in found] == ["Jon Gunnarsson", "Jon Gunnarsson"]


# -- class 2: reporting verbs and their frames ------------------------------------------------

def test_object_and_phrase_frames_fr(nlp_fr):
    text = ("Le gouvernement chilien prône une gestion régionale des stocks de poissons. "
            "Le Chili a mis en avant la coopération scientifique entre les pays riverains.")
    found = _quotes(nlp_fr, text, "fr", {"gouvernement chilien": ("CHL", "ORG"),
                                         "Chili": ("CHL", "GPE")})
    contents = [c for _, _, c in found]
    assert any(c.startswith("une gestion régionale") for c in contents)
    assert any("coopération scientifique" in c for c in contents)


def test_object_frame_skips_relative_clauses_and_dates_en(nlp_en):
    text = ("Chile will lift the export controls that it announced on October 9. "
            "Chile proposed a regional fisheries council on Tuesday.")
    found = _quotes(nlp_en, text, "en", {"Chile": ("CHL", "GPE")})
    assert [c for _, _, c in found] == ["a regional fisheries council"]


def test_inverted_tag_whose_subject_the_parse_takes_for_an_object_fr(nlp_fr):
    text = ("La question des quotas n'est pas un problème entre la Norvège et l'Islande, a "
            "annoncé mercredi le porte-parole du ministère norvégien Per Hansen, à Oslo.")
    found = _quotes(nlp_fr, text, "fr", {"Per Hansen": ("per", "PER")})
    assert found == [("reported", "per",
                      "La question des quotas n'est pas un problème entre la Norvège et "
                      "l'Islande")]


def test_a_subject_inside_the_quotation_is_not_the_tag_speaker_fr(nlp_fr):
    text = ("Kari Nordmann a parlé aux pêcheurs. « Ceux qui se taisent sont complices de "
            "cette pêche illégale », a ajouté Nordmann.")
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": ("kari", "PER"),
                                         "Nordmann.": ("kari", "PER")})
    assert [(k, s) for k, s, _ in found] == [("direct", "kari")]


def test_a_bare_office_is_the_person_who_just_spoke_fr(nlp_fr):
    text = ("La ministre islandaise de la Pêche, Jóna Gunnarsdóttir, a affirmé que la flotte "
            "resterait au port. Selon la ministre, les quotas doivent être revus chaque année.")
    found = _quotes(nlp_fr, text, "fr", {"Jóna Gunnarsdóttir": (None, "PER")})
    assert [s for _, s, _ in found] == ["Jóna Gunnarsdóttir", "Jóna Gunnarsdóttir"]


def test_a_known_office_does_not_swallow_a_printed_name_en(nlp_en):
    text = ("Prime Minister Erna Solberg said the fleet would stay in port. The foreign "
            "minister Ine Eriksen said that the talks would resume in March.")
    found = _quotes(nlp_en, text, "en", {"Erna Solberg": ("solberg", "PER"),
                                         "Ine Eriksen": (None, "PER")})
    assert [s for _, s, _ in found] == ["solberg", "Ine Eriksen"]


# -- class 5: several speakers, one quote each -------------------------------------------------

def test_conjoined_subjects_each_get_the_quote_en(nlp_en):
    text = "Norway and Iceland said that the fishing talks would resume in March."
    found = _quotes(nlp_en, text, "en", {"Norway": ("NOR", "GPE"), "Iceland": ("ISL", "GPE")})
    assert sorted(s for _, s, _ in found) == ["ISL", "NOR"]
    assert all(c.startswith("the fishing talks") for _, _, c in found)


def test_a_pair_subject_is_the_two_states_named_before_fr(nlp_fr):
    text = ("Lors de la visite du ministre norvégien en Islande, les deux parties ont annoncé "
            "la reprise des négociations sur la pêche.")
    found = _quotes(nlp_fr, text, "fr", {"norvégien": ("NOR", "GPE"), "Islande": ("ISL", "GPE")})
    assert sorted(s for _, s, _ in found) == ["ISL", "NOR"]


# -- class 4: content boundaries and « ajoutant que » --------------------------------------------

def test_adding_that_continues_the_speaker_of_a_tag_fr(nlp_fr):
    text = ("La position de la Norvège a été saluée par ses voisins, a souligné M. Hansen, "
            "ajoutant que toute tentative de diviser les pays nordiques était vaine.")
    found = _quotes(nlp_fr, text, "fr", {"Hansen": ("per", "PER")})
    assert {s for _, s, _ in found} == {"per"}
    assert any(c.startswith("toute tentative de diviser") for _, _, c in found)


def test_selon_skips_the_apposition_describing_its_source_fr(nlp_fr):
    text = ("Selon Per Hansen, porte-parole du ministère norvégien, la flotte restera au port "
            "jusqu'en mars.")
    found = _quotes(nlp_fr, text, "fr", {"Per Hansen": ("per", "PER")})
    assert found == [("reported", "per", "la flotte restera au port jusqu'en mars")]


def test_family_name_first_points_back_to_the_printed_name_fr(nlp_fr):
    text = ("Selon Liu Weiming, porte-parole du ministère, la flotte restera au port. "
            "« Nous ne céderons pas », a fait remarquer M. Liu lors du point de presse.")
    found = _quotes(nlp_fr, text, "fr", {"Liu Weiming": (None, "PER")})
    assert [s for _, s, _ in found] == ["Liu Weiming", "Liu Weiming"]


def test_a_full_name_the_ner_missed_ends_the_subject_phrase_en(nlp_en):
    text = ("Norwegian Fisheries Minister Odd Bakkevig described the quota cut as a "
            "necessary step for the cod stocks.")
    found = _quotes(nlp_en, text, "en", {"Norwegian": ("NOR", "NORP")})
    assert [s for _, s, _ in found] == ["Odd Bakkevig"]


def test_two_quoted_fragments_share_the_tag_after_the_second_fr(nlp_fr):
    text = ("« La flotte restera au port jusqu'en mars » mais « les quotas seront revus "
            "chaque année », a déclaré Kari Nordmann.")
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": ("kari", "PER")})
    assert [(s, c[:20]) for _, s, c in found] == [
        ("kari", "La flotte restera au"), ("kari", "les quotas seront re")]


def test_it_points_back_to_the_source_named_before_en(nlp_en):
    text = ("The quota lacks any legal basis, according to the Norwegian fisheries ministry. "
            "The cut was causing tensions in the region, it said.")
    found = _quotes(nlp_en, text, "en", {"Norwegian fisheries ministry": ("NOR-MFI", "ORG")})
    assert [s for _, s, _ in found] == ["NOR-MFI", "NOR-MFI"]


# -- headlines: tagged by punctuation, or only summarizing --------------------------------------

def _titled(nlp, title, body, language, names):
    text = title + "\n" + body
    document = Document("doc", Origin("<test>", "text"), language, "news_article", text,
                        title=title)
    analysis = _analysis(text, language, names)
    analysis = Analysis(document=document, mentions=analysis.mentions)
    found = extract_quotes(analysis, nlp(text), actor_lookup=_STATES.get).quotes
    return [(q.speaker_actor, text[q.start : q.end]) for q in found]


def test_headline_tagged_by_a_colon_en(nlp_en):
    found = _titled(nlp_en, "Norway on fishing talks: Do not expect a quick deal",
                    "The talks resumed on Monday in Oslo.", "en", {"Norway": ("NOR", "GPE")})
    assert found == [("NOR", "Do not expect a quick deal")]


def test_headline_tagged_after_its_content_fr(nlp_fr):
    found = _titled(nlp_fr, "Les quotas de pêche baisseront en mars : Norvège",
                    "Les pourparlers ont repris lundi.", "fr", {"Norvège": ("NOR", "GPE")})
    assert found == [("NOR", "Les quotas de pêche baisseront en mars")]


def test_a_headline_that_only_summarizes_speech_is_not_a_quote_en(nlp_en):
    found = _titled(nlp_en, "Norway proposes a regional fisheries council",
                    "The talks resumed on Monday in Oslo.", "en", {"Norway": ("NOR", "GPE")})
    assert found == []


def test_the_latter_is_the_last_person_named_fr(nlp_fr):
    text = ("La tension monte entre Erna Solberg et le ministre islandais Jón Gunnarsson, ce "
            "dernier ayant affirmé que les quotas norvégiens étaient illégaux.")
    found = _quotes(nlp_fr, text, "fr", {"Erna Solberg": ("solberg", "PER"),
                                         "Jón Gunnarsson": (None, "PER")})
    assert [s for _, s, _ in found] == ["Jón Gunnarsson"]


# -- a description resolved by a name that comes after it (class 1) ---------------------------

def test_a_spokesman_named_in_the_next_sentence_fr(nlp_fr):
    text = ("Un porte-parole du ministère norvégien de la Pêche a souligné que les quotas "
            "resteraient inchangés cette année. « Nous attendons une réponse rapide », a "
            "ajouté le porte-parole, Ola Berg, lors d'un point de presse.")
    found = _quotes(nlp_fr, text, "fr", {"ministère norvégien de la Pêche": ("NOR", "ORG"),
                                         "Ola Berg": (None, "PER")})
    assert ("reported", "Ola Berg", "les quotas resteraient inchangés cette année") in found
    assert all(s == "Ola Berg" for _, s, _ in found)


def test_a_spokesman_named_in_the_next_sentence_en(nlp_en):
    text = ("The Norwegian coast guard expelled two trawlers from the zone on Monday, a "
            "spokesman said. The Norwegian coast guard spokesman Ola Berg stressed in a "
            "statement that \"the vessels ignored every warning\".")
    found = _quotes(nlp_en, text, "en", {"Norwegian coast guard": ("NOR", "ORG"),
                                         "Ola Berg": (None, "PER")})
    speakers = {content: s for _, s, content in found}
    assert speakers["The Norwegian coast guard expelled two trawlers from the zone on Monday"] \
        == "Ola Berg"


def test_a_spokesman_stays_unnamed_when_the_next_tag_names_another_office_en(nlp_en):
    text = ("The Norwegian coast guard expelled two trawlers from the zone on Monday, a "
            "spokesman said. Fisheries minister Ola Berg said that the quotas would not change.")
    found = _quotes(nlp_en, text, "en", {"Norwegian coast guard": ("NOR", "ORG"),
                                         "Ola Berg": (None, "PER")})
    speakers = {content: s for _, s, content in found}
    assert speakers.get(
        "The Norwegian coast guard expelled two trawlers from the zone on Monday") != "Ola Berg"


# -- a surname match glued to a given name is another person ----------------------------------

def _with_surname_match(text: str, language: str, names: dict, glued: str, actor: str):
    analysis = _analysis(text, language, names)
    start = text.index(glued)
    extra = Mention("doc", start, start + len(glued), glued, "PER", actor, 0.8, "surname")
    return Analysis(document=analysis.document, mentions=(*analysis.mentions, extra))


def test_a_given_name_before_a_known_surname_is_a_new_person_en(nlp_en):
    text = ("The Norwegian coast guard spokesman Li Xi stressed in a statement that the "
            "trawlers had ignored every warning.")
    analysis = _with_surname_match(text, "en", {"Norwegian coast guard": ("NOR", "ORG"),
                                                "Li": (None, "PER")}, "Xi", "xi-jinping")
    quotes = extract_quotes(analysis, nlp_en(text), actor_lookup=_STATES.get).quotes
    assert [(q.speaker_actor, q.speaker_text) for q in quotes] == [(None, "Li Xi")]


def test_a_given_name_before_a_known_surname_is_a_new_person_fr(nlp_fr):
    text = ("Le porte-parole des garde-côtes norvégiens Li Xi a affirmé que les chalutiers "
            "avaient ignoré tous les avertissements.")
    analysis = _with_surname_match(text, "fr", {"garde-côtes norvégiens": ("NOR", "ORG"),
                                                "Li": (None, "PER")}, "Xi", "xi-jinping")
    quotes = extract_quotes(analysis, nlp_fr(text), actor_lookup=_STATES.get).quotes
    assert [(q.speaker_actor, q.speaker_text) for q in quotes] == [(None, "Li Xi")]


# -- a participle goes on the tag before it, not on a passive verb it hangs on ----------------

def test_a_participle_after_a_passive_clause_goes_on_the_tag_fr(nlp_fr):
    text = ("La position impartiale de la Norvège de même que ses efforts diplomatiques ont été "
            "largement salués et soutenus par la communauté internationale, a souligné M. Berg, "
            "ajoutant que tout effort visant à entacher l'image de la Norvège était vain.")
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE"),
                                         "M. Berg": (None, "PER")})
    speakers = {content: s for _, s, content in found}
    assert speakers.get("tout effort visant à entacher l'image de la Norvège était vain") \
        == "M. Berg"


def test_a_participle_after_a_passive_clause_goes_on_the_tag_en(nlp_en):
    text = ("Norway's constructive proposal was widely welcomed and supported by the other "
            "delegations, Ola Berg said, adding that any attempt to divide the coastal states "
            "would fail.")
    found = _quotes(nlp_en, text, "en", {"Norway": ("NOR", "GPE"),
                                         "Ola Berg": (None, "PER")})
    speakers = {content: s for _, s, content in found}
    assert speakers.get("any attempt to divide the coastal states would fail") == "Ola Berg"


# -- an outlet speaks where it is the source, not where it relays a named speaker -------------

_WITH_OUTLET = {**_STATES, "NRK": Actor("NRK", "NRK", "outlet", "NOR", None)}


def _outlet_quotes(nlp, text: str, language: str, names: dict) -> list[tuple[str | None, str]]:
    analysis = extract_quotes(_analysis(text, language, names), nlp(text),
                              actor_lookup=_WITH_OUTLET.get)
    return [(q.speaker_actor or q.speaker_text, text[q.start : q.end]) for q in analysis.quotes]


def test_an_outlet_that_reports_is_the_speaker_fr(nlp_fr):
    text = "La chaîne NRK a rapporté que les deux ministres avaient eu un long entretien lundi."
    found = _outlet_quotes(nlp_fr, text, "fr", {"NRK": ("NRK", "ORG")})
    assert found == [("NRK", "les deux ministres avaient eu un long entretien lundi")]


def test_an_outlet_that_reports_is_the_speaker_en(nlp_en):
    text = "NRK reported that the two ministers had held long talks on Monday."
    found = _outlet_quotes(nlp_en, text, "en", {"NRK": ("NRK", "ORG")})
    assert found == [("NRK", "the two ministers had held long talks on Monday")]


def test_an_outlet_that_relays_a_named_speaker_is_not_one_fr(nlp_fr):
    text = ("Selon NRK, Ola Berg a déclaré que les quotas de pêche resteraient inchangés "
            "cette année.")
    found = _outlet_quotes(nlp_fr, text, "fr", {"NRK": ("NRK", "ORG"),
                                                "Ola Berg": (None, "PER")})
    assert found and all(s == "Ola Berg" for s, _ in found)


def test_an_outlet_that_relays_a_named_speaker_is_not_one_en(nlp_en):
    text = "NRK reported that Ola Berg said the quotas would stay unchanged this year."
    found = _outlet_quotes(nlp_en, text, "en", {"NRK": ("NRK", "ORG"),
                                                "Ola Berg": (None, "PER")})
    assert found and all(s == "Ola Berg" for s, _ in found)
