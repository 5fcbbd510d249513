"""Quotes on unseen news, by class of text (issue 7, French side), on sentences we wrote:
unnamed state voices, diplomatic missions, inverted pronoun tags, questions about speech,
participles split from their auxiliary, and pronoun agreement."""

from __future__ import annotations

from builders import with_anaphora
from porteparole.kb import load_knowledge_base
from porteparole.quotes import extract_quotes
from porteparole.records import Analysis, Document, Mention, Origin

Names = dict[str, tuple[str | None, str, str]]  # surface -> (actor id, entity type, method)


def _quotes(nlp, text: str, language: str, names: Names) -> list[tuple[str, str]]:
    """(speaker, content) of every quote, with the given mentions (first occurrence of
    each surface, or every occurrence for a surface listed with a trailing '*')."""
    document = Document("doc", Origin("<test>", "text"), language, "news_article", text)
    mentions = []
    for surface, (actor_id, entity_type, method) in names.items():
        every = surface.endswith("*")
        word = surface.rstrip("*")
        start = text.find(word)
        while start >= 0:
            mentions.append(Mention("doc", start, start + len(word), word, entity_type,
                                    actor_id, 1.0, method))
            if not every:
                break
            start = text.find(word, start + 1)
    doc, lookup = nlp(text), load_knowledge_base().actor
    analysis = with_anaphora(Analysis(document=document, mentions=tuple(mentions)), doc, lookup)
    found = extract_quotes(analysis, doc, actor_lookup=lookup)
    return [(q.speaker_actor or q.speaker_text or "", text[q.start : q.end])
            for q in found.quotes]


# -- a state's unnamed voices: "le gouvernement chinois", "US officials" -----------------------

def test_government_named_by_its_adjective_is_the_state_fr(nlp_fr):
    text = "Le gouvernement norvégien a déclaré que les quotas de pêche resteraient inchangés."
    found = _quotes(nlp_fr, text, "fr", {"norvégien": ("NOR", "NORP", "adjective")})
    assert found == [("NOR", "les quotas de pêche resteraient inchangés")]


def test_coordinated_adjectives_give_one_entry_per_state_fr(nlp_fr):
    text = ("Selon des responsables norvégiens et islandais, les deux ministres ont convenu "
            "de poursuivre le dialogue.")
    found = _quotes(nlp_fr, text, "fr", {"norvégiens": ("NOR", "NORP", "adjective"),
                                         "islandais": ("ISL", "NORP", "adjective")})
    assert sorted(s for s, _ in found) == ["ISL", "NOR"]
    assert all(c.startswith("les deux ministres ont convenu") for _, c in found)


def test_officials_named_by_their_state_are_the_state_en(nlp_en):
    text = "Senior Norwegian officials said the fishing quotas would stay unchanged."
    found = _quotes(nlp_en, text, "en", {"Norwegian": ("NOR", "NORP", "adjective")})
    assert found == [("NOR", "the fishing quotas would stay unchanged")]


def test_an_object_taken_for_a_subject_is_not_a_voice_en(nlp_en):
    text = ("The newspaper quoted an unnamed official as urging the Norwegian government "
            "to lift the quotas.")
    found = _quotes(nlp_en, text, "en", {"Norwegian": ("NOR", "NORP", "adjective")})
    assert all(s != "NOR" for s, _ in found)


# -- diplomatic missions ------------------------------------------------------------------------

def test_an_embassy_by_sender_and_host_and_then_alone_fr(nlp_fr):
    text = ("L'ambassade de Pékin à Paris a indiqué que les propos de l'ambassadeur "
            "n'engageaient pas le gouvernement. Le porte-parole de l'ambassade a ajouté que "
            "la position de la Chine restait la même.")
    found = _quotes(nlp_fr, text, "fr", {"Pékin": ("CHN", "GPE", "metonymy"),
                                         "Paris": ("FRA", "GPE", "metonymy"),
                                         "Chine": ("CHN", "GPE", "alias")})
    assert [s for s, _ in found] == ["CHN-EMB-FRA", "CHN-EMB-FRA"]


def test_an_embassy_by_adjective_and_host_en(nlp_en):
    text = ("The Chinese embassy in Paris said the ambassador's remarks did not bind the "
            "government.")
    found = _quotes(nlp_en, text, "en", {"Chinese": ("CHN", "NORP", "adjective"),
                                         "Paris": ("FRA", "GPE", "metonymy")})
    assert [s for s, _ in found] == ["CHN-EMB-FRA"]


def test_a_mission_the_base_does_not_list_is_not_guessed_fr(nlp_fr):
    text = ("La mission norvégienne auprès de l'Islande a déclaré que la visite était une "
            "provocation.")
    found = _quotes(nlp_fr, text, "fr", {"norvégienne": ("NOR", "NORP", "adjective"),
                                         "Islande": ("ISL", "GPE", "alias")})
    assert all(s not in ("NOR", "ISL") for s, _ in found)


# -- inverted pronoun tags: « ajoute-t-il », « indique-t-elle » ----------------------------------

def test_an_inverted_pronoun_tag_speaks_for_the_speaker_before_fr(nlp_fr):
    text = ("La ministre Kari Nordmann a affirmé que la flotte resterait au port. « Il faut "
            "désormais se concentrer sur les négociations », ajoute-t-elle.")
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": (None, "PER", "ner")})
    assert [s for s, _ in found] == ["Kari Nordmann", "Kari Nordmann"]
    assert all(s != "-t" for s, _ in found)


def test_an_unlemmatized_verb_before_its_clitic_is_a_cue_fr(nlp_fr):
    text = ("Le ministre Ola Berg a affirmé que la flotte resterait au port. Les négociations "
            "reprendront en mars, indique-t-il samedi sur son compte.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert ("Ola Berg", "Les négociations reprendront en mars") in found


# -- a question about speech is not a quote ----------------------------------------------------

def test_speech_a_question_asks_about_is_no_quote_fr(nlp_fr):
    text = ("Le gouvernement norvégien a-t-il pris contact avec Reykjavik pour lui demander "
            "de suspendre la pêche ? Le gouvernement norvégien a demandé de fermer la zone.")
    found = _quotes(nlp_fr, text, "fr", {"norvégien*": ("NOR", "NORP", "adjective")})
    assert found == [("NOR", "de fermer la zone")]


def test_speech_a_question_asks_about_is_no_quote_en(nlp_en):
    text = ("Did the Norwegian government ask Reykjavik to suspend fishing? The Norwegian "
            "government asked Reykjavik to suspend fishing.")
    found = _quotes(nlp_en, text, "en", {"Norwegian*": ("NOR", "NORP", "adjective")})
    assert len(found) == 1 and found[0][0] == "NOR"


# -- a participle the parser split from its auxiliary ------------------------------------------

def test_a_participle_split_from_its_auxiliary_keeps_its_subject_fr(nlp_fr):
    text = "La Norvège a plusieurs fois appelé à la reprise des pourparlers de paix."
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE", "alias")})
    assert found == [("NOR", "à la reprise des pourparlers de paix")]


def test_a_phrase_particle_names_the_content_en(nlp_en):
    text = "Norway has repeatedly called for a resumption of the peace talks."
    found = _quotes(nlp_en, text, "en", {"Norway": ("NOR", "GPE", "alias")})
    assert [s for s, _ in found] == ["NOR"]
    assert "resumption of the peace talks" in found[0][1]


# -- a pronoun agrees with the speaker it points back to ---------------------------------------

def test_a_feminine_pronoun_is_not_the_spokesman_fr(nlp_fr):
    text = ("« Toutes les parties devraient faire preuve de retenue », a déclaré le "
            "porte-parole, Ola Berg. La Norvège a appelé à la reprise des pourparlers. Elle "
            "plaide également pour un moratoire sur les essais.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner"),
                                         "Norvège": ("NOR", "GPE", "alias")})
    assert found[-1] == ("NOR", "pour un moratoire sur les essais")


def test_he_is_a_person_not_the_government_before_en(nlp_en):
    text = ("Foreign minister Ola Berg said the fleet would stay in port. The Norwegian "
            "government said the quotas would stay unchanged. \"We will not give in,\" he "
            "added.")
    found = _quotes(nlp_en, text, "en", {"Ola Berg": (None, "PER", "ner"),
                                         "Norwegian": ("NOR", "NORP", "adjective")})
    assert found[-1][0] == "Ola Berg" and found[-1][1].startswith("We will not give in")


# -- a speech verb in a relative clause speaks for its antecedent ------------------------------

def test_a_relative_clause_speaks_for_its_antecedent_fr(nlp_fr):
    text = ("« La question est compliquée », a souligné Ola Berg, qui a appelé à « se "
            "concentrer sur la résolution de la crise actuelle ».")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert [s for s, _ in found] == ["Ola Berg", "Ola Berg"]
    assert found[1][1].startswith("se concentrer sur la résolution")


def test_a_relative_clause_speaks_for_its_antecedent_en(nlp_en):
    text = ("The remarks came from foreign minister Ola Berg, who said the fleet would stay "
            "in port.")
    found = _quotes(nlp_en, text, "en", {"Ola Berg": (None, "PER", "ner")})
    assert found == [("Ola Berg", "the fleet would stay in port")]


# -- content boundaries: a participle outside an object's content, a trailing complement -------

def test_a_participle_after_an_object_is_a_quote_of_its_own_fr(nlp_fr):
    text = ("Le ministre Ola Berg a souligné la nécessité de la solidarité régionale, notant "
            "que ce parcours ne sera pas sans défis.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert ("Ola Berg", "ce parcours ne sera pas sans défis") in found
    assert any(c.startswith("la nécessité de la solidarité") for _, c in found)


def test_a_clause_keeps_its_participle_inside_fr(nlp_fr):
    text = ("Le ministre Ola Berg a déclaré que la flotte resterait au port, ajoutant que les "
            "quotas baisseraient.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert len(found) == 1 and found[0][1].endswith("les quotas baisseraient")


def test_an_object_keeps_the_complement_the_parse_hung_on_the_verb_fr(nlp_fr):
    text = ("Le ministre Ola Berg a exprimé jeudi le soutien de la Norvège au rôle de premier "
            "plan des Nations unies dans la réforme.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner"),
                                         "Norvège": ("NOR", "GPE", "alias")})
    assert found and found[0][1].startswith("le soutien de la Norvège au rôle")


def test_a_one_word_object_is_content_not_a_date_fr(nlp_fr):
    text = "Le ministre Ola Berg a appelé Oslo à la retenue."
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert found == [("Ola Berg", "Oslo à la retenue")]


# -- reporting verbs by class: regret and praise take their object as content ------------------

def test_regret_and_praise_verbs_take_an_object_fr(nlp_fr):
    """« se féliciter de X » voices X; « féliciter Y pour X » is praise addressed to Y, with
    no content of its own (dev-fr gold)."""
    text = ("La Norvège déplore les blocages persistants au Conseil de sécurité. Le ministre "
            "Ola Berg s'est félicité de l'adhésion de l'Islande à l'accord. Il a aussi "
            "félicité la Suède pour son engagement.")
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE", "alias"),
                                         "Ola Berg": (None, "PER", "ner")})
    assert [s for s, _ in found] == ["NOR", "Ola Berg"]
    assert found[0][1].startswith("les blocages persistants")
    assert "l'adhésion de l'Islande" in found[1][1]


# -- a document, "the same source", or « on » with its document or capital -------------------

def test_a_document_or_the_same_source_speaks_for_its_issuer_fr(nlp_fr):
    text = ("L'ambassade de Pékin à Paris a affirmé que la position restait la même. Les "
            "entretiens porteront sur la coopération, précise la même source. « Ce "
            "déplacement permettra un large échange de vues », ajoute le communiqué.")
    found = _quotes(nlp_fr, text, "fr", {"Pékin": ("CHN", "GPE", "metonymy"),
                                         "Paris": ("FRA", "GPE", "metonymy")})
    assert [s for s, _ in found] == ["CHN-EMB-FRA"] * 3


def test_impersonal_on_speaks_for_its_document_or_capital_fr(nlp_fr):
    text = ("L'ambassade de Pékin à Paris a affirmé que la position restait la même. « La "
            "partie chinoise respecte la souveraineté de tous les pays », juge-t-on dans le "
            "même communiqué. La Norvège soutient l'accord, estime-t-on à Oslo. Les quotas "
            "baisseront, pense-t-on.")
    found = _quotes(nlp_fr, text, "fr", {"Pékin": ("CHN", "GPE", "metonymy"),
                                         "Paris": ("FRA", "GPE", "metonymy"),
                                         "Oslo": ("NOR", "GPE", "metonymy")})
    assert [s for s, _ in found] == ["CHN-EMB-FRA", "CHN-EMB-FRA", "NOR"]


# -- a pronoun tag whose content names its own speaker ------------------------------------------

def test_a_pronoun_tag_after_content_about_its_speaker_fr(nlp_fr):
    text = ("Le Premier ministre Ola Berg « comprend » l'action des alliés en mer du Nord, "
            "indique-t-il samedi sur son compte.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert found and found[0][0] == "Ola Berg"


def test_it_after_a_state_is_not_the_state_en(nlp_en):
    text = "Norway was displaying a lack of good faith in the talks, it said."
    found = _quotes(nlp_en, text, "en", {"Norway": ("NOR", "GPE", "alias")})
    assert all(s != "NOR" for s, _ in found)


# -- speech inside another's content with a relative subject is its own -----------------------

def test_a_relative_speaker_inside_content_keeps_its_words_fr(nlp_fr):
    text = ("La Norvège a demandé l'arrêt des provocations après les déclarations du ministre "
            "Ola Berg qui a menacé de « fermer totalement » la zone de pêche.")
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE", "alias"),
                                         "Ola Berg": ("ola-berg", "PER", "alias")})
    assert ("ola-berg", "de « fermer totalement » la zone de pêche") in found


# -- a participle after a tag adds content of its own -------------------------------------------

def test_a_participle_after_a_tag_takes_its_own_object_fr(nlp_fr):
    text = ("« Ceux qui se taisent sont complices », a ajouté Ola Berg, réitérant l'idée de "
            "créer un mécanisme de garantie pour la région.")
    found = _quotes(nlp_fr, text, "fr", {"Ola Berg": (None, "PER", "ner")})
    assert ("Ola Berg", "Ceux qui se taisent sont complices") in found
    assert any(c.startswith("l'idée de créer un mécanisme") for _, c in found)


# -- « selon elle », "according to him": the speaker before --------------------------------------

def test_a_pronoun_source_is_the_speaker_before_fr(nlp_fr):
    text = ("La ministre Kari Nordmann a déclaré que la flotte resterait au port. Selon elle, "
            "les négociations reprendront en mars.")
    found = _quotes(nlp_fr, text, "fr", {"Kari Nordmann": (None, "PER", "ner")})
    assert found == [("Kari Nordmann", "la flotte resterait au port"),
                     ("Kari Nordmann", "les négociations reprendront en mars")]


def test_a_pronoun_source_is_the_speaker_before_en(nlp_en):
    text = ("Minister Kari Nordmann said the fleet would stay in port. According to her, the "
            "talks will resume in March.")
    found = _quotes(nlp_en, text, "en", {"Kari Nordmann": (None, "PER", "ner")})
    assert [s for s, _ in found] == ["Kari Nordmann", "Kari Nordmann"]


# -- « s'est dit prêt à … »: the attribute a reflexive verb of saying gives is content ---------

def test_a_reflexive_saying_verb_takes_its_attribute_fr(nlp_fr):
    text = "La Norvège s'est déclarée prête à reprendre les négociations sur la pêche."
    found = _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE", "alias")})
    assert found == [("NOR", "prête à reprendre les négociations sur la pêche")]


# -- a finite tag the parse hung on a noun ------------------------------------------------------

def test_a_finite_tag_hung_on_a_noun_is_still_a_tag_fr(nlp_fr):
    text = ("Le ministre norvégien Ola Berg a eu samedi un entretien téléphonique avec son "
            "homologue islandais au sujet de la pêche et de la question arctique, à la "
            "demande de ce dernier, rapporte l'agence Reuters.")
    found = _quotes(nlp_fr, text, "fr", {"Reuters": ("media-reuters", "ORG", "alias")})
    assert found and found[0][0] == "media-reuters"
    assert found[0][1].startswith("Le ministre norvégien")


# -- « Et de préciser que … »: the narrative infinitive goes on with the speaker before --------

def test_a_narrative_infinitive_continues_the_speaker_fr(nlp_fr):
    text = ("L'ambassade de Pékin à Paris a affirmé que la position restait la même. Et de "
            "préciser que les propos de l'ambassadeur n'étaient qu'une expression de vues "
            "personnelles.")
    found = _quotes(nlp_fr, text, "fr", {"Pékin": ("CHN", "GPE", "metonymy"),
                                         "Paris": ("FRA", "GPE", "metonymy")})
    assert [s for s, _ in found] == ["CHN-EMB-FRA", "CHN-EMB-FRA"]
    assert found[1][1].startswith("les propos de l'ambassadeur")


# -- one antecedent resolver: pronouns, descriptions and "the latter" look back alike ---------

def test_according_to_her_is_the_person_named_before_en(nlp_en):
    text = ("Foreign minister Kari Dahl opened the fisheries talks in Oslo on Monday. "
            "According to her, the quotas would stay unchanged this year.")
    found = _quotes(nlp_en, text, "en", {"Kari Dahl": (None, "PER", "ner")})
    assert found == [("Kari Dahl", "the quotas would stay unchanged this year")]


def test_the_latter_is_the_last_person_named_en(nlp_en):
    text = ("Talks between Kari Dahl and the Icelandic minister Jon Gunnarsson ended on "
            "Monday. The latter said that the Norwegian quotas were illegal.")
    found = _quotes(nlp_en, text, "en", {"Kari Dahl": (None, "PER", "ner"),
                                         "Jon Gunnarsson": (None, "PER", "ner")})
    assert found == [("Jon Gunnarsson", "the Norwegian quotas were illegal")]


def test_an_official_the_parse_detaches_from_its_state_is_the_state_en(nlp_en):
    text = ("State television quoted a senior Norwegian official as saying that the fleet "
            "would stay in port.")
    found = _quotes(nlp_en, text, "en", {"Norwegian": ("NOR", "NORP", "adjective")})
    assert ("NOR", "the fleet would stay in port") in found
