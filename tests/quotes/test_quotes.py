"""Stage 6 (quotes) on sentences we wrote: marks, cues, speakers from hand-made mentions."""

from __future__ import annotations

from builders import with_anaphora
from porteparole.quotes import extract_quotes
from porteparole.quotes.lexicon import load_quote_lexicon
from porteparole.quotes.marks import MarkSet, find_quoted_spans
from porteparole.records import Actor, Analysis, Document, Mention, Origin


def _marks(language: str) -> MarkSet:
    lexicon = load_quote_lexicon(language)
    return MarkSet.of(lexicon.pairs, lexicon.weak_marks)


def _contents(text: str, language: str = "fr") -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text, _marks(language))]


# -- marks ----------------------------------------------------------------------------------

def test_guillemets_with_inner_spaces_give_the_content_only():
    assert _contents("Il a dit : « La paix est proche. » Puis il est parti.") == [
        "La paix est proche."
    ]


def test_mixed_pairs_close_each_other():
    assert _contents("Elle a parlé d'« une étape utile.” Fin.") == ["une étape utile."]


def test_unclosed_mark_runs_to_the_paragraph_end_and_chains_into_the_next():
    text = "Il a déclaré : « Nous resterons unis.\n« Nous ne céderons rien », a-t-il ajouté."
    spans = find_quoted_spans(text, _marks("fr"))
    contents = [text[s.start : s.end] for s in spans]
    assert contents == ["Nous resterons unis.", "Nous ne céderons rien"]
    assert spans[0].chain == spans[1].chain
    assert not spans[0].closed and spans[1].closed


def test_a_new_paragraph_without_a_mark_starts_a_new_chain():
    text = "« Un.\nDeux « trois » quatre."
    spans = find_quoted_spans(text, _marks("fr"))
    assert spans[0].chain != spans[1].chain


def test_apostrophes_are_not_quotation_marks():
    assert _contents("L’armée d’Alice n’a ‘rien’ dit aujourd’hui.") == ["rien"]
    assert _contents("The countries’ leaders met on the ship.", "en") == []


def test_straight_quotes_pair_by_position():
    assert _contents('He said "yes" and "no" today.', "en") == ["yes", "no"]


# -- attribution ----------------------------------------------------------------------------

def _analysis(text: str, language: str, names: dict[str, tuple[str, str]]) -> Analysis:
    """An analysis with one mention per listed surface (surface -> (actor id, type))."""
    document = Document("doc", Origin("<test>", "text"), language, "news_article", text)
    mentions = []
    for surface, (actor_id, entity_type) in names.items():
        start = text.index(surface)
        mentions.append(
            Mention("doc", start, start + len(surface), surface, entity_type, actor_id, 1.0)
        )
    return Analysis(document=document, mentions=tuple(mentions))


def _quotes(nlp, text, language, names):
    doc = nlp(text)
    analysis = extract_quotes(
        with_anaphora(_analysis(text, language, names), doc, lambda _: None), doc,
        actor_lookup=lambda _: None,
    )
    return [(q.kind, q.speaker_actor, text[q.start : q.end], q.cue) for q in analysis.quotes]


def test_reported_clause_with_apposition_subject(nlp_fr):
    text = ("Le porte-parole du ministère de la Défense, Paul Martin, a déclaré jeudi que les "
            "deux armées reprendraient leurs échanges réguliers.")
    found = _quotes(nlp_fr, text, "fr", {"Paul Martin": ("paul-martin", "PER")})
    assert len(found) == 1
    kind, speaker, content, cue = found[0]
    assert (kind, speaker, cue) == ("reported", "paul-martin", "a déclaré")
    assert content.startswith("les deux armées reprendraient")


def test_direct_quote_with_inverted_cue_after_it(nlp_fr):
    text = "« Nous ne céderons jamais sur ce point », a déclaré Martin lors du point de presse."
    found = _quotes(nlp_fr, text, "fr", {"Martin": ("paul-martin", "PER")})
    assert found == [("direct", "paul-martin", "Nous ne céderons jamais sur ce point",
                      "a déclaré")]


def test_continuation_quote_takes_the_previous_speaker(nlp_fr):
    text = ("« Nous ne céderons jamais sur ce point », a déclaré Martin. « Notre porte reste "
            "ouverte au dialogue avec tous nos voisins. »")
    found = _quotes(nlp_fr, text, "fr", {"Martin": ("paul-martin", "PER")})
    assert [q[1] for q in found] == ["paul-martin", "paul-martin"]
    assert found[1][2].startswith("Notre porte reste ouverte")


def test_negated_speech_is_not_a_quote(nlp_fr):
    text = "Paul Martin n'a pas déclaré que la frontière serait fermée."
    assert _quotes(nlp_fr, text, "fr", {"Paul Martin": ("paul-martin", "PER")}) == []


def test_stance_without_infinitive_is_not_a_quote(nlp_fr):
    text = "Les relations restent tendues, la Norvège accusant la Suède de manque de clarté."
    assert _quotes(nlp_fr, text, "fr", {"Norvège": ("NOR", "GPE")}) == []


def test_selon_gives_the_rest_of_the_sentence_to_the_source(nlp_fr):
    text = "Selon le ministère norvégien, les pourparlers ont été très utiles pour les deux pays."
    found = _quotes(nlp_fr, text, "fr", {"ministère norvégien": ("NOR-MOD", "ORG")})
    assert len(found) == 1
    assert found[0][:2] == ("reported", "NOR-MOD")
    assert found[0][2].startswith("les pourparlers ont été très utiles")


def test_an_outlet_that_relays_is_not_the_speaker(nlp_fr):
    text = "Selon les médias locaux, les pourparlers ont été très utiles pour les deux pays."
    assert _quotes(nlp_fr, text, "fr", {}) == []


def test_unattributed_quoted_title_is_not_a_quote(nlp_fr):
    text = "La résolution « Renforcer la coopération maritime régionale » a été adoptée hier."
    assert _quotes(nlp_fr, text, "fr", {}) == []


def test_english_said_after_the_quote(nlp_en):
    text = '"We will not be intimidated by anyone," said Blinken on Tuesday.'
    found = _quotes(nlp_en, text, "en", {"Blinken": ("antony-blinken", "PER")})
    assert found == [("direct", "antony-blinken", "We will not be intimidated by anyone,",
                      "said")]


def test_english_reported_clause_and_urge(nlp_en):
    text = ("Japan said that the talks had been useful and urged all parties to refrain from "
            "dangerous behavior.")
    found = _quotes(nlp_en, text, "en", {"Japan": ("JPN", "GPE")})
    contents = [q[2] for q in found]
    assert all(q[1] == "JPN" and q[0] == "reported" for q in found)
    assert any(c.startswith("the talks had been useful") for c in contents)
    assert any("refrain from dangerous behavior" in c for c in contents)


# -- error classes: cues, subjects, fragments, offices ---------------------------------------

def _mention(text: str, surface: str, actor_id: str | None, entity_type: str,
             method: str = "alias") -> Mention:
    start = text.index(surface)
    return Mention("doc", start, start + len(surface), surface, entity_type, actor_id, 1.0,
                   method)


def _quotes_with(nlp, text, language, mentions, actors=()):
    """Quotes with hand-made mentions (methods included) and a small actor table."""
    table = {a.id: a for a in actors}
    document = Document("doc", Origin("<test>", "text"), language, "news_article", text)
    doc = nlp(text)
    analysis = extract_quotes(
        with_anaphora(Analysis(document=document, mentions=tuple(mentions)), doc, table.get),
        doc, actor_lookup=table.get)
    return [(q.kind, q.speaker_actor, text[q.start : q.end]) for q in analysis.quotes]


def _actor(actor_id: str, kind: str, country: str) -> Actor:
    return Actor(actor_id, actor_id, kind, country, None)


def test_underscored_is_a_cue_and_he_continues_its_speaker(nlp_en):
    text = ("Admiral Larsen underscored that open channels prevent accidents at sea. He also "
            "pressed the navy to reconsider its risky manoeuvres near the coast.")
    found = _quotes(nlp_en, text, "en", {"Larsen": ("erik-larsen", "PER")})
    assert [q[1] for q in found] == ["erik-larsen", "erik-larsen"]
    assert found[0][2].startswith("open channels prevent accidents")
    assert "reconsider its risky manoeuvres" in found[1][2]


def test_a_mislemmatized_rating_verb_carries_its_quoted_fragment(nlp_en):
    text = 'Jones said the summit went well. He rated the meeting "a nine out of ten".'
    found = _quotes(nlp_en, text, "en", {"Jones": ("tom-jones", "PER")})
    assert ("direct", "tom-jones", "a nine out of ten") in [q[:3] for q in found]


def test_a_controlled_infinitive_takes_the_controller_as_speaker(nlp_en):
    # "I" is the writer: no quote, and certainly none by the country after "that".
    text = "I want to stress that Norway is a peaceful country with no claims abroad."
    assert _quotes(nlp_en, text, "en", {"Norway": ("NOR", "GPE")}) == []


def test_a_name_inside_the_subject_modifier_is_not_the_speaker(nlp_fr):
    text = ("Les analystes interrogés à Oslo estiment que la suspension du dialogue accroît "
            "le risque d'incident en mer.")
    assert all(q[1] is None for q in _quotes(nlp_fr, text, "fr", {"Oslo": ("NOR", "GPE")}))


def test_a_clause_that_is_all_quote_leaves_the_fragment_as_direct_speech(nlp_fr, nlp_en):
    text = "Le ministre Paul Martin a dénoncé une « escalade grave » dans la région."
    found = _quotes(nlp_fr, text, "fr", {"Paul Martin": ("paul-martin", "PER")})
    assert ("direct", "paul-martin", "escalade grave") in [q[:3] for q in found]
    text = 'Oslo expressed "serious concern" and urged all parties to stay calm.'
    found = _quotes(nlp_en, text, "en", {"Oslo": ("NOR", "GPE")})
    assert ("direct", "NOR", "serious concern") in [q[:3] for q in found]


def test_a_speech_verb_with_its_own_named_subject_inside_a_clause(nlp_en):
    text = ("Jones said that he would lower the tariffs on steel, after Smith promised to curb "
            "the exports of cheap metal. He rated the talks as excellent.")
    names = {"Jones": ("tom-jones", "PER"), "Smith": ("ann-smith", "PER")}
    found = _quotes(nlp_en, text, "en", names)
    assert any(q[1] == "ann-smith" and "curb the exports" in q[2] for q in found)
    assert any(q[1] == "tom-jones" and "lower the tariffs" in q[2] for q in found)
    assert not any(q[1] == "ann-smith" and "talks" in q[2] for q in found)


def test_according_to_at_the_end_and_the_definite_noun_after_it(nlp_en):
    text = ("Norway will lift the export controls that it announced in May, according to the "
            "Norwegian trade ministry. The ministry said the talks would resume in June.")
    mentions = [_mention(text, "Norway", "NOR", "GPE"),
                _mention(text, "Norwegian trade ministry", "NOR-MOT", "ORG")]
    found = _quotes_with(nlp_en, text, "en", mentions)
    assert any(q[1] == "NOR-MOT" and q[2].startswith("Norway will lift") for q in found)
    assert any(q[1] == "NOR-MOT" and q[2].startswith("the talks would resume") for q in found)


def test_an_unknown_named_person_is_not_replaced_by_their_country(nlp_en):
    text = '"This text belongs to every member state," Norway\'s UN ambassador Ola Berg said.'
    mentions = [_mention(text, "Norway", "NOR", "GPE"), _mention(text, "Ola Berg", None, "PER")]
    found = _quotes_with(nlp_en, text, "en", mentions)
    assert found and all(q[1] is None for q in found)


def test_a_role_whose_holder_is_not_named_is_its_institution(nlp_fr):
    text = ("Le porte-parole du Kremlin a déclaré que les deux présidents pourraient se "
            "rencontrer en mai.")
    mentions = [_mention(text, "porte-parole du Kremlin", "ivan-petrov", "ROLE", "role"),
                _mention(text, "Kremlin", "RUS-KREMLIN", "ORG")]
    found = _quotes_with(nlp_fr, text, "fr", mentions)
    assert [q[1] for q in found] == ["RUS-KREMLIN"]
    named = "Ivan Petrov est arrivé hier. " + text
    mentions = [_mention(named, "Ivan Petrov", "ivan-petrov", "PER"),
                _mention(named, "porte-parole du Kremlin", "ivan-petrov", "ROLE", "role"),
                _mention(named, "Kremlin", "RUS-KREMLIN", "ORG")]
    assert [q[1] for q in _quotes_with(nlp_fr, named, "fr", mentions)] == ["ivan-petrov"]


def test_an_office_after_its_holder_spoke_is_that_person(nlp_fr, nlp_en):
    actors = [_actor("paul-martin", "person", "NOR"), _actor("NOR-MFA", "organization", "NOR")]
    text = ("Paul Martin a estimé que la rencontre avait été utile.\n\n« Les canaux rétablis ne "
            "doivent pas être coupés », a poursuivi le chef de la diplomatie norvégienne.")
    mentions = [_mention(text, "Paul Martin", "paul-martin", "PER"),
                _mention(text, "diplomatie norvégienne", "NOR-MFA", "ORG")]
    found = _quotes_with(nlp_fr, text, "fr", mentions, actors)
    assert ("direct", "paul-martin", "Les canaux rétablis ne doivent pas être coupés") in found
    actors = [_actor("tom-jones", "person", "USA"), _actor("USA-DOD", "organization", "USA")]
    text = ('"We do not seek conflict," Jones wrote on social media.\n\nThe Pentagon chief '
            "said he had raised concerns about the patrols near the islands.")
    mentions = [_mention(text, "Jones", "tom-jones", "PER"),
                _mention(text, "Pentagon", "USA-DOD", "ORG")]
    found = _quotes_with(nlp_en, text, "en", mentions, actors)
    assert any(q[1] == "tom-jones" and q[2].startswith("he had raised concerns") for q in found)
