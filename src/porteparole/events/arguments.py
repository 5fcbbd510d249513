"""Who does what to whom: the actors of a cue's arguments, read from the parse and the mentions.

Actors are never resolved here: stage 5 (``porteparole.actors``) has put an actor id on every
mention it could, and this module only finds which mentions fill which argument of a cue.
An argument phrase is searched breadth-first from its head ("les responsables de la défense
de la Chine" -> "Chine"), so the nearest actor wins and a conjunction gives several
("l'Australie, le Royaume-Uni et les États-Unis"). Three readings are added on top of the
mentions, because they need the event's context rather than the name: "les deux pays" / "the
two sides" (the last two states named before), and first-person words ("nous", "notre",
"we") in someone's speech, which stand for the speaker's state. A person the knowledge base
does not know acts for the one state the text prints with the name ("Colombian President
X", later "X" alone), and a hyphenated pair ("the US-China talks") names a joint noun's
parties.

Pronouns that stand for a person ("il a déclaré", "she accused", "… où il s'est entretenu
avec …") are resolved once, by the actors stage (``porteparole.actors.anaphora``): their
mentions reach the arguments like any name's. What stays here is what only an event has:
"he"/"it"/"they" as the subject of the sentence before (``_previous_subject``,
``_previous_party``, with the same agreement rules as the anaphora module), and a target
named before.

A cue whose target phrase names nobody but points back ("s'oppose à cette démarche", "opposes
it", "nous leur demandons", "rejected the account") or is not said at all ("prendra les
contre-mesures") takes its target from the text just before it (``target_named_before``):
an implicit argument of the event rather than a word's antecedent, so no mention. It is the
one state or organization named earlier in its sentence, else in the nearest previous
sentence (a few at most, never across a press-conference turn: ``actors.anaphora``'s turn
rule) that names any, and not on the source's or the speaker's side. Two candidates there
and nothing is guessed.

The dependency labels of both schemes in use are understood: Universal Dependencies
(French models: ``obl`` + ``case``) and ClearNLP (English models: ``prep`` + ``pobj``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from porteparole.actors.anaphora import lookback_for, turn_start
from porteparole.events.memo import per_document
from porteparole.events.patterns import ROLES, Cue, Lexicon, near_words
from porteparole.events.stance import owners, qualified_noun, stance_noun
from porteparole.kb import KnowledgeBase, actor_code
from porteparole.knowledge.speech import load_speech_lexicon
from porteparole.records import Analysis, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT = frozenset({"nsubj", "csubj", "expl:subj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass", "nsubjpass", "csubj:pass"})
OBJECT = frozenset({"obj", "dobj", "iobj", "dative"})
PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})
# Children through which an argument phrase is searched for its actors (never a subject of
# an embedded clause: "la tentative du Japon qui …" is about Japan, not about "qui").
EXPAND = frozenset({"nmod", "nmod:poss", "poss", "amod", "appos", "compound", "flat",
                    "flat:name", "obl:agent", "agent", "acl", "acl:relcl", "relcl", "prep",
                    "pobj", "obj", "dobj", "obl", "obl:arg", "obl:mod", "xcomp", "conj",
                    "nummod", "fixed", "dative"})
MAX_DEPTH = 5
# Types whose verbs judge an act rather than perform one (condemn, reject, welcome): an event
# noun they govern is someone else's act.
STANCE_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
PAIR_LOOKBACK = 1500  # characters searched back for the two parties of "les deux pays"
_PAIR_RUN = 7  # words at most in a hyphenated pair of parties ("Saudi Arabia-United States")
ANTECEDENT_SENTENCES = 4  # sentences searched back for the target of "cette démarche", "it"
# Dependents that make a definite noun phrase say what it is about ("la militarisation de la
# région"): such a phrase is not pointing back.
_COMPLEMENTS = frozenset({"nmod", "prep", "acl", "acl:relcl", "relcl", "appos", "compound",
                          "nmod:poss", "poss", "conj"})

# Entity types of a person's name, and the links between a name, its title and its modifiers.
_PERSON_TYPES = frozenset({"PER", "PERSON"})
_NAME_LINKS = frozenset({"compound", "amod", "appos", "flat", "flat:name", "nmod:poss", "poss",
                         "nmod", "nmod:npmod"})

Voice: TypeAlias = "Callable[[Token], str | None]"  # token -> actor id of whoever speaks it


class Arguments:
    """The actors filling a cue's argument roles in one document."""

    def __init__(self, analysis: Analysis, doc: Doc, lexicon: Lexicon, kb: KnowledgeBase,
                 voice: Voice | None = None) -> None:
        self.analysis = analysis
        self.doc = doc
        self.lexicon = lexicon
        self.kb = kb
        self.voice = voice or (lambda token: None)
        mentions = analysis.mentions  # with the anaphora of the actors stage on pronouns
        self._by_token = _mentions_by_token(doc, mentions)
        self._states = _state_mentions(mentions, self.code)
        self._state_starts = [start for start, _ in self._states]
        self._people = _person_states(mentions, kb, self.code)
        self._people_starts = [start for start, _ in self._people]
        self._mentions = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
        self._lookback = lookback_for(doc, mentions, kb.actor, lexicon.language)
        self._printed = self._printed_states(mentions)

    # -- persons the knowledge base does not know -------------------------------------------

    def _printed_states(self, mentions: Sequence[Mention]) -> dict[int, str]:
        """Token -> state for persons the knowledge base does not know but whose state the
        text prints: "Colombian President Ivan Duque", « le président colombien Ivan Duque »,
        "Ivan Duque, Colombia's president," and, later, "Duque" alone. Each unresolved
        person's name (and family name) takes the one state named in its own noun phrase;
        a name printed with two different states is left out."""
        unknown = [m for m in sorted(mentions, key=lambda m: m.start) if m.actor_id is None]
        by_name: dict[str, str | None] = {}
        spans: list[tuple[Span, list[str]]] = []
        for mention in unknown:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            person = mention.entity_type in _PERSON_TYPES
            # a later bare family name may be tagged anything ("Duque" as ORG): it matches
            # a name whole; a person's name matches by its family name too
            names = [mention.surface.lower(), span[-1].lower_ if person else ""]
            spans.append((span, names))
            state = self._state_in_phrase(span) if person and len(span) > 1 else None
            if state is None:
                continue
            for name in names:
                if by_name.setdefault(name, state) != state:
                    by_name[name] = None  # two persons of that name, two states
        out: dict[int, str] = {}
        for span, names in spans:
            state = by_name.get(names[0]) or (by_name.get(names[1]) if names[1] else None)
            if state is not None:
                out.update((token.i, state) for token in span)
        return out

    def _state_in_phrase(self, span: Span) -> str | None:
        """The one state named around an unknown person's name: its modifiers and title
        (compound, adjective, apposition, possessive), or an apposition set off by commas
        right after it."""
        root = span.root
        starts = [root]
        if root.dep_ in _NAME_LINKS and root.head.i != root.i:
            starts.append(root.head)  # « le président colombien Ivan Duque »: on the title
        seen = {t.i for t in span}
        frontier = list(starts)
        found: set[str] = set()
        for _ in range(3):
            found |= {self._by_token[t.i].actor_id or "" for t in frontier
                      if t.i in self._by_token}
            seen |= {t.i for t in frontier}
            frontier = [c for t in frontier for c in t.children
                        if c.dep_ in _NAME_LINKS and c.i not in seen]
        after = span.end
        if after < len(self.doc) - 1 and self.doc[after].text == ",":
            for token in self.doc[after + 1:min(after + 8, len(self.doc))]:
                if token.text == "," or token.pos_ in ("VERB", "AUX"):
                    break
                if token.i in self._by_token:
                    found.add(self._by_token[token.i].actor_id or "")
        states = {a for a in found if a and self._is_state(a)}
        return states.pop() if len(states) == 1 else None

    def _is_state(self, actor_id: str) -> bool:
        code = self.code(actor_id)
        actor = self.kb.actor(actor_id)
        return code is not None and len(code) == 3 and code.isupper() and (
            actor is not None and actor.type == "state")

    # -- codes ----------------------------------------------------------------------------

    @per_document
    def code(self, actor_id: str | None) -> str | None:
        """The state or IGO an actor acts for in events (None for outlets and unknowns)."""
        actor = self.kb.actor(actor_id) if actor_id else None
        if actor is None or actor.type == "outlet":
            return None
        return actor_code(actor, self.kb.actor, self.analysis.document.date)

    def state_of(self, actor_id: str | None) -> str | None:
        """The actor id of the state an actor speaks for (an IGO speaks for itself)."""
        actor = self.kb.actor(actor_id) if actor_id else None
        if actor is None or actor.type == "outlet":
            return None
        if actor.type == "state" or actor.country is None:
            return actor.id
        return actor.country if self.kb.actor(actor.country) else None

    # -- roles ----------------------------------------------------------------------------

    @per_document
    def role_heads(self, cue_token: Token, role: str, is_noun: bool) -> list[Token]:
        """The head tokens of one argument role of a cue."""
        if role == "subj":
            if is_noun:
                governor = _governor(cue_token)
                if governor is not None and cue_token.dep_ in PASSIVE_SUBJECT:
                    return []  # "the attack was condemned by France": France did not attack
                if governor is not None and self.evaluates(governor):
                    return []  # "Russia condemned the sanctions": Russia imposed none
                return subject_of(governor, self.lexicon)
            return subject_of(cue_token, self.lexicon)
        if role == "obj":
            found = objects_of(cue_token)
            if not found and not is_noun:  # "condemned and rejected the decision": the
                found = [o for c in cue_token.children  # object the next verb has
                         if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ") and c.i > cue_token.i
                         and not any(g.dep_ in SUBJECT for g in c.children)
                         for o in objects_of(c)]
            if not found:  # "a accusé dimanche la Chine": parsed as the weekday's object
                days = self.lexicon.weekdays.keys() | self.lexicon.relative_days.keys()
                found = [o for c in cue_token.children if c.lower_ in days
                         for o in c.children if o.dep_ in OBJECT]
            return found
        if role == "agent":  # "the attack by X on Y", « l'attaque menée par X »: the noun's own
            own = [h for word in self.lexicon.noun_agent  # agent, never its governor's
                   for h in prepositional(cue_token, word)]
            return own or [h for c in cue_token.children if c.dep_ in ("acl", "acl:relcl")
                           and is_passive_participle(c) for h in agent_of(c)]
        if role == "passive_agent":  # "talks were held by X and Y", « menés par X »: the
            governor = _governor(cue_token)  # agent of the verb a joint noun is the subject of
            if governor is None or cue_token.head.i != governor.i or (
                    cue_token.dep_ not in PASSIVE_SUBJECT) or self.evaluates(governor):
                return []
            return agent_of(governor)
        if role == "poss":
            return [c for c in cue_token.children if c.dep_ in ("poss", "nmod:poss") or (
                c.dep_ == "det" and "Yes" in c.morph.get("Poss", []))]
        if role == "amod":  # "Israeli strikes", « des frappes israéliennes », "US sanctions"
            return [c for c in cue_token.children if c.dep_ in ("amod", "compound")]
        if role == "head":  # the noun a participle or an adjective cue qualifies
            return [cue_token.head] if cue_token.dep_.startswith("acl") or (
                cue_token.dep_ == "amod") else []
        if role == "ccomp_subj":  # "hopes that X …"; a noun's content clause: "the hope that X"
            return [s for c in cue_token.children if c.dep_ in ("ccomp", "xcomp") or (
                is_noun and c.dep_.startswith("acl") and any(
                    g.dep_ == "mark" for g in c.children)) for s in subject_of(c, self.lexicon)]
        if role == "xcomp":  # "threatened to suspend licences for Icelandic vessels"
            return [c for c in cue_token.children if c.dep_ == "xcomp" or (
                c.dep_ == "ccomp" and _infinitive(c))]
        heads = prepositional(cue_token, role)
        if not heads and not is_noun:  # « s'est entretenu au téléphone avec X »: the phrase
            heads = [h for c in cue_token.children  # hung on the means of communication
                     if c.lemma_.lower() in self.lexicon.channels
                     for h in _prepositional(c, role)]
        if not heads and is_noun and cue_token.dep_ == "compound":  # "a mediation effort
            heads = prepositional(cue_token.head, role)  # between X and Y"
        if not heads and is_noun:  # "accusations made by X against Y": on the participle
            heads = [t for c in cue_token.children if c.dep_ == "acl"
                     for t in prepositional(c, role)]
        if not heads and is_noun:
            governor = _governor(cue_token)
            if governor is not None and governor.i != cue_token.i:
                heads = prepositional(governor, role)
                if not heads and role in self.lexicon.dative:  # "sent Moscow an offer"
                    heads = [c for c in governor.children if c.dep_ in ("dative", "iobj")]
        return heads

    def evaluates(self, verb: Token) -> bool:
        """Whether a verb judges what someone else did ("condemned the sanctions", "welcomed
        the withdrawal", « a dénoncé les manœuvres »): a verb cue of a stance type. The event
        noun it governs is another party's act, so the verb's subject is not its source."""
        return verb.pos_ in ("VERB", "AUX") and any(
            cue.type in STANCE_TYPES and not cue.is_noun and _needs_in_predicate(verb, cue)
            for cue in self.lexicon.cues_for(verb))

    def actors(self, cue_token: Token, roles: Sequence[str], is_noun: bool,
               exclude: Iterable[str] = (), avoid: Sequence[str] = ()) -> list[str]:
        """Actor ids of the first role that has any (not counting excluded codes).

        ``avoid`` names the roles of the other party: their phrases are not searched for this
        one ("la visite du président chinois au Japon", with « au Japon » hung on
        « président »: Japan is where the visit goes, not who visits)."""
        excluded = set(exclude)
        fenced = self._other_party(cue_token, [r for r in avoid if r not in roles], is_noun)
        named = False  # an earlier role names someone the mentions do not resolve
        for role in roles:
            if role == "speaker":
                if named:
                    break  # "Kim and Ri held talks with Wu, the ministry said": not the speaker
                speaker = self.state_of(self.voice(cue_token))
                found = [speaker] if speaker and self.code(speaker) not in excluded else []
            else:
                inside = role == "head" or (role == "subj" and is_noun)
                blocked = {t.i for t in cue_token.subtree} if inside else {cue_token.i}
                blocked |= fenced
                found = []
                for head in self.role_heads(cue_token, role, is_noun):
                    found += self.phrase_actors(head, excluded, blocked)
                    named = named or head.i not in blocked
            if not found and role == "subj":
                found = (self._stance_owner(cue_token, is_noun)
                         or self._reported_pronoun(cue_token, is_noun)
                         or self._previous_subject(cue_token, is_noun)
                         or self._previous_party(cue_token, is_noun))
            found = [a for a in dict.fromkeys(found) if self.code(a) not in excluded]
            if found:
                return found
        return []

    def hyphen_pair(self, noun: Token) -> list[str]:
        """The parties a joint noun's hyphenated modifier names ("the US-China talks", "the
        Sino-Russian summit", « les pourparlers sino-américains », « les discussions
        Chine-Japon »): the run of words right before or after the noun, each of them a
        mention, a hyphen or a word holding one, with a hyphen somewhere and at least two
        states or organizations in it. Read on the surface, since parsers split such pairs
        in many ways."""
        doc = noun.doc  # not its sentence: a split hyphen may end one for the parser
        for step in (-1, 1):
            run: list[Token] = []
            index = noun.i + step
            while 0 <= index < len(doc) and len(run) < _PAIR_RUN:
                token = doc[index]
                if token.i not in self._by_token and token.text not in ("-", "–") and not (
                        "-" in token.text and token.pos_ in ("ADJ", "PROPN", "NOUN")):
                    break
                run.append(token)
                index += step
            if not any("-" in t.text or "–" in t.text for t in run):
                continue
            start = min(t.idx for t in run)
            end = max(t.idx + len(t.text) for t in run)
            found = [m.actor_id for m in self._mentions
                     if start <= m.start and m.end <= end and m.actor_id]
            codes = {self.code(a) for a in found} - {None}
            if len(codes) >= 2:
                return list(dict.fromkeys(found))
        return []

    def companions(self, verb: Token) -> list[str]:
        """Co-subjects set between the subject and the verb ("Egypt, along with Jordan,
        condemned …", "Egypt, together with Jordan, …", « l'Égypte, aux côtés de la
        Jordanie, a condamné … »); never after the verb, where "along with" joins objects."""
        excluded: set[str] = set()
        blocked = {verb.i}
        found: list[str] = []
        heads = [verb, *subject_of(verb, self.lexicon)]
        for child in (c for h in heads for c in h.children if c.i < verb.i):
            words = {child.lower_, child.lemma_.lower()} | {
                g.lower_ for g in child.children if g.dep_ in ("advmod", "case")}
            if words & self.lexicon.companions:
                found += self.phrase_actors(child, excluded, blocked)
        return found

    def _other_party(self, cue_token: Token, roles: Sequence[str], is_noun: bool) -> set[int]:
        """Tokens of the prepositional phrases of the other party's roles."""
        fenced: set[int] = set()
        # A passive verb's own agent is its subject ("Venezuela was condemned by Colombia",
        # « a été condamné par la Colombie »), even where the other party's role is that
        # preposition's phrase below the object ("condemned the attack by X").
        agents = set() if is_noun else {t.i for t in agent_of(cue_token)}
        for role in roles:
            if role in ROLES or role in ("agent", "poss"):
                continue  # only a preposition's phrase is unambiguous about its role
            for head in self.role_heads(cue_token, role, is_noun):
                if head.i not in agents:
                    fenced |= {t.i for t in head.subtree}
        return fenced

    def names_others(self, cue_token: Token) -> bool:
        """Whether a noun cue names its own participants and none is a state or an
        organization ("contacts between al Qaeda and Baath members"): the noun is about them,
        not an event of the verb's subject."""
        heads = [h for word in self.lexicon.joint for h in _prepositional(cue_token, word)]
        return bool(heads) and not any(self.phrase_actors(h, set(), {cue_token.i})
                                       for h in heads)

    def _reported_pronoun(self, cue_token: Token, is_noun: bool) -> list[str]:
        """ "X said he had raised …": a third-person subject pronoun in a clause that a
        speech verb governs stands for the one who speaks."""
        heads = self.role_heads(cue_token, "subj", is_noun)
        if not any(h.pos_ == "PRON" and "3" in h.morph.get("Person", [])
                   and h.i not in self._by_token
                   and h.lower_ not in self.lexicon.first_person for h in heads):
            return []
        reported_by = getattr(self.voice, "reported_by", None)
        speaker = reported_by(cue_token) if reported_by is not None else None
        return [speaker] if speaker else []

    def _stance_owner(self, cue_token: Token, is_noun: bool) -> list[str]:
        """« la décision de la Chine de sanctionner … »: the owner of the decision,
        intention or refusal noun the cue's infinitive hangs from is its subject."""
        noun = None if is_noun else stance_noun(cue_token, self.lexicon)
        if noun is None:
            return []
        found: list[str] = []
        inside = {t.i for t in cue_token.subtree}  # never the infinitive's own object
        for head in owners(noun, self.lexicon):
            found += self.phrase_actors(head, set(), inside)
        return found

    def _previous_subject(self, cue_token: Token, is_noun: bool) -> list[str]:
        """ "The ministry's spokesperson says … . However, he blamed …": a third-person
        singular personal subject pronoun stands for the one who spoke in the previous
        sentence (the subject of its speech verb, in the same press-conference turn)."""
        heads = self.role_heads(cue_token, "subj", is_noun)
        if not any(self._third_person_pronoun(h) and "Sing" in h.morph.get("Number", [])
                   and "Neut" not in h.morph.get("Gender", []) for h in heads):
            return []  # "he", "she", "il", "elle": a person, not "it" or "they"
        pronoun = next(h for h in heads if self._third_person_pronoun(h))
        previous = self._previous_sentence(cue_token, speech=True)
        if previous is None:
            return self._previous_person(cue_token, pronoun)
        found: list[str] = []
        for subject in subject_of(previous.root, self.lexicon):
            found += self.phrase_actors(subject, set(), set())
        return found

    def _previous_person(self, cue_token: Token, pronoun: Token) -> list[str]:
        """ "Biden arrived in Tokyo on Monday. He met Kishida …", « Macron est arrivé à
        Pékin. Il a rencontré Xi … »: after a sentence that is not speech, "he"/"she" stands
        for its subject when that subject is one named person and no other person is
        named in that sentence (two would leave the pronoun open)."""
        previous = self._previous_sentence(cue_token, speech=False)
        if previous is None:
            return []
        subjects = subject_of(previous.root, self.lexicon)
        if len(subjects) != 1:
            return []
        found = self.phrase_actors(subjects[0], set(), set())
        persons = {m.actor_id for m in self._mentions
                   if previous.start_char <= m.start < previous.end_char
                   and m.actor_id and (actor := self.kb.actor(m.actor_id)) is not None
                   and actor.type == "person"}
        if len(found) != 1 or len(persons) != 1 or found[0] not in persons:
            return []
        if not self._agrees(pronoun, found, previous):
            return []  # « Le ministre X est arrivé. Elle a … »: not him
        return found

    def _agrees(self, pronoun: Token, persons: Sequence[str], sentence: Span) -> bool:
        """Whether ``pronoun`` can stand for each person of ``persons`` as ``sentence``
        names them (the agreement rules of ``actors.anaphora``, the same as the quotes')."""
        return all(self._lookback.agrees_with(pronoun, m) for m in self._mentions
                   if m.actor_id in persons
                   and m.end > sentence.start_char and m.start < sentence.end_char)

    def _third_person_pronoun(self, head: Token) -> bool:
        """A third-person personal pronoun no mention covers: not a relative, interrogative
        or reflexive one."""
        return (head.pos_ == "PRON" and "3" in head.morph.get("Person", [])
                and head.i not in self._by_token and "Rel" not in head.morph.get("PronType", [])
                and head.tag_ not in ("WP", "WDT") and not _reflexive(head))

    def _previous_sentence(self, cue_token: Token, *, speech: bool) -> Span | None:
        """The sentence before the cue's, in the same turn, when its main verb is (or, with
        ``speech`` False, is not) a speech verb; otherwise None."""
        sentence = cue_token.sent
        if sentence.start == 0:
            return None
        previous = cue_token.doc[sentence.start - 1].sent
        if previous.start_char < self._floor(cue_token.idx):
            return None
        spoken = previous.root.lemma_.lower() in load_speech_lexicon(self.lexicon.language).lemmas
        return previous if spoken == speech else None

    def _previous_party(self, cue_token: Token, is_noun: bool) -> list[str]:
        """ "China sent warships to the strait. It also …", « Le Japon a convoqué … . Il a … »:
        a third-person subject pronoun ("it", "they", « il », « elle », « ils », « elles »)
        stands for the subject of the previous sentence, when that sentence is not speech
        and its subject is the only
        candidate: it names actors and agrees with the pronoun in number (and in French, in
        gender when both are marked). "he"/"she" stand for persons and are left to the
        speaker rule; anything ambiguous is skipped."""
        pronouns = [h for h in self.role_heads(cue_token, "subj", is_noun)
                    if self._third_person_pronoun(h) and h.lower_ in self.lexicon.party_pronouns]
        if len(pronouns) != 1:
            return []
        pronoun = pronouns[0]
        previous = self._previous_sentence(cue_token, speech=False)
        if previous is None:
            return []  # after speech, "it" may be anything the speaker talked about
        subjects = subject_of(previous.root, self.lexicon)
        if len(subjects) != 1:
            return []
        subject = subjects[0]
        found = self.phrase_actors(subject, set(), set())
        if not found:
            return []
        plural = len(found) > 1 or any(c.dep_ == "conj" for c in subject.children) or (
            "Plur" in subject.morph.get("Number", []))
        wanted_plural = "Plur" in pronoun.morph.get("Number", [])
        persons = [a for a in found if (actor := self.kb.actor(a)) and actor.type == "person"]
        if not self._agrees(pronoun, persons, previous):
            return []  # a person the pronoun cannot stand for
        if self.lexicon.language == "en":
            if persons:
                return []  # "it", "they" of a named person: not this rule
            if wanted_plural != (len(found) > 1 or any(c.dep_ == "conj"
                                                       for c in subject.children)):
                return []  # "The United States … It": a plural name is still one state
        elif wanted_plural != plural:
            return []
        gender, subject_gender = pronoun.morph.get("Gender", []), subject.morph.get("Gender", [])
        if gender and subject_gender and not set(gender) & set(subject_gender):
            return []
        return found

    # -- targets named before ---------------------------------------------------------------

    def points_back(self, cue_token: Token, roles: Sequence[str], is_noun: bool,
                    implicit: bool = False) -> bool:
        """Whether a cue's target phrase is anaphoric: a pronoun, a demonstrative or bare
        definite noun phrase, or, when ``implicit`` (a hostile noun cue: "prendra les
        contre-mesures nécessaires"), no target phrase at all."""
        heads = [h for role in roles if role != "speaker"
                 for h in self.role_heads(cue_token, role, is_noun)]
        heads += [c for c in cue_token.children if c.pos_ in ("PRON", "DET") and c.dep_ in (
            "obj", "iobj", "obl", "obl:arg", "dobj", "dative", "expl:comp") and not _reflexive(c)
            and c.lower_ in self.lexicon.anaphors]
        if not heads:
            return implicit
        return any(_anaphoric(h, self.lexicon) and not any(
            t.i in self._by_token or self._first_person(t) for t in h.subtree) for h in heads)

    def target_named_before(self, cue_token: Token, excluded: Iterable[str],
                   whole_sentence: bool = False) -> list[str]:
        """The one state or organization named just before a cue, not on the excluded side.

        Searched: the cue's own sentence before the cue (all of it for an unsaid target,
        ``whole_sentence``: "countermeasures in response to the actions of X"), then the
        previous sentences, nearest first, up to ``ANTECEDENT_SENTENCES``, never across a
        turn of a press conference. The first of these that
        names anyone decides: one candidate is the target, two are not guessed between.
        A first-person word counts for its speaker's state ("We will not be intimidated").
        """
        excluded = set(excluded)
        sentence = cue_token.sent
        floor = self._floor(cue_token.idx)
        end = sentence.end_char if whole_sentence else cue_token.idx
        here = self._codes_in(sentence, max(sentence.start_char, floor), end, excluded)
        if here:
            return here if len(here) == 1 else []
        for _ in range(ANTECEDENT_SENTENCES):
            if sentence.start == 0:
                return []
            sentence = cue_token.doc[sentence.start - 1].sent
            if sentence.end_char <= floor:
                return []
            before = self._codes_in(sentence, max(sentence.start_char, floor),
                                    sentence.end_char, excluded)
            if before:
                return before if len(before) == 1 else []
        return []

    def _codes_in(self, sentence: Span, start: int, end: int, excluded: set[str]) -> list[str]:
        found: dict[str, str] = {}
        for mention in self._mentions:
            if start <= mention.start < end:
                code = self.code(mention.actor_id)
                if code is not None and code not in excluded and mention.actor_id:
                    found.setdefault(code, mention.actor_id)
        for token in sentence:
            if start <= token.idx < end and self._first_person(token):
                speaker = self.state_of(self.voice(token))
                code = self.code(speaker)
                if speaker and code is not None and code not in excluded:
                    found.setdefault(code, speaker)
        return list(found.values())

    def _floor(self, offset: int) -> int:
        """How far back a target may be looked for: the start of the turn in a press
        conference (a question's actors are not the answer's; ``actors.anaphora``'s window
        rule); in an article, where wire copy makes a paragraph of each sentence, only the
        sentence window limits it."""
        return turn_start(self.analysis.turns, offset)

    def phrase_actors(self, head: Token, excluded: set[str], blocked: set[int]) -> list[str]:
        """The nearest actors of a phrase and of each of its conjuncts.

        Each conjunct is searched on its own, so that "Biden et son homologue chinois Xi"
        gives both presidents, not only the one named at the shallower depth.
        """
        conjuncts = _with_conjuncts([head], blocked)
        if len(conjuncts) == 1:
            return self._nearest(head, excluded, blocked)
        inner = blocked | {t.i for t in conjuncts}
        found: list[str] = []
        for conjunct in conjuncts:
            found += self._nearest(conjunct, excluded, inner - {conjunct.i})
        return list(dict.fromkeys(found))

    def _nearest(self, head: Token, excluded: set[str], blocked: set[int]) -> list[str]:
        """The actors nearest to a head, breadth-first (conjuncts at the same depth)."""
        frontier = _with_conjuncts([head], blocked)
        seen: set[int] = set()
        for _ in range(MAX_DEPTH):
            found = [a for t in frontier for a in self.token_actors(t, excluded)]
            found = [a for a in found if (code := self.code(a)) and code not in excluded]
            if found:
                return found
            seen.update(t.i for t in frontier)
            children = [c for t in frontier for c in t.children
                        if (c.dep_ in EXPAND or self._leader(t, c)) and c.i not in blocked
                        and c.i not in seen or self._first_person(c)]
            shared = self._conjoined(children, excluded, blocked | seen)
            if shared:
                return shared
            frontier = [t for t in _with_conjuncts(children, blocked) if t.i not in seen]
            if not frontier:
                break
        return []

    def _leader(self, participle: Token, child: Token) -> bool:
        """Whether ``child`` is the hyphenated leader of a "led" participle ("Saudi-led
        coalition jets", parsed as the participle's ``npadvmod``): the group acts for it."""
        return child.dep_ == "npadvmod" and participle.dep_ == "amod" and (
            participle.lemma_.lower() in self.lexicon.leading) and child.i < participle.i

    def _conjoined(self, children: list[Token], excluded: set[str],
                   blocked: set[int]) -> list[str]:
        """Conjuncts met below the head are searched each on its own: in "les ministres de
        la défense du Japon et de la Chine" the parser hangs "la Chine" on "défense", one
        level above "Japon", and both are the ministers' states."""
        for child in children:
            group = _with_conjuncts([child], blocked)
            if len(group) < 2:
                continue
            members = {t.i for t in group}
            found: list[str] = []
            for member in group:
                found += self._nearest(member, excluded, blocked | (members - {member.i}))
            if len(set(found)) > 1:
                return list(dict.fromkeys(found))
        return []

    def token_actors(self, token: Token, excluded: Iterable[str] = ()) -> list[str]:
        """The actors a token stands for: its mention, a pair phrase, a definite description
        of a state (the nearest state named before, not on the ``excluded`` side), or a first
        person."""
        if self._first_person(token):
            speaker = self.state_of(self.voice(token))
            return [speaker] if speaker else []
        mention = self._by_token.get(token.i)
        if mention is not None:
            return [mention.actor_id] if mention.actor_id else []
        printed = self._printed.get(token.i)
        if printed is not None:  # "Duque", after "Colombian President Ivan Duque"
            return [printed]
        count = self.group_size(token)
        if count:
            if token.lemma_.lower() in self.lexicon.pair_people or (
                    token.lower_ in self.lexicon.pair_people):
                people = _last_distinct(self._people, self._people_starts, token.idx, count,
                                        set(excluded))
                if people:  # "the two ministers": the states of the last two named
                    return people
            return self.last_states(token.idx, count, set(excluded))
        if self.is_description(token):
            return self.last_states(token.idx, 1, set(excluded))
        if self.is_own_government(token):
            speaker = self.state_of(self.voice(token))
            return [speaker] if speaker and self.code(speaker) not in set(excluded) else []
        return []

    def is_own_government(self, token: Token) -> bool:
        """ "the government", « le gouvernement » with nothing saying whose, in someone's
        speech ("Hayashi said the government lodged a protest"): the speaker's own."""
        if token.lemma_.lower() not in self.lexicon.own_government or token.pos_ != "NOUN":
            return False
        if any(c.dep_ in _COMPLEMENTS or c.dep_ == "amod" for c in token.children):
            return False
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        plural = "Plur" in token.morph.get("Number", [])
        return bool(determiners & self.lexicon.definites) and not plural

    def _first_person(self, token: Token) -> bool:
        return token.lower_ in self.lexicon.first_person and token.i not in self._by_token

    def is_pair(self, token: Token) -> bool:
        """ "les deux pays", "the two sides", "both commanders"."""
        return self.group_size(token) == 2

    def group_size(self, token: Token) -> int:
        """How many parties a counted group names: "les deux pays", "the two sides", "les
        trois pays" (2, 2, 3), "Both have …" (the number alone as the subject); else 0."""
        numbers = self.lexicon.pair_numbers
        if token.lower_ in numbers and token.dep_ in SUBJECT:
            return numbers[token.lower_]
        if token.lemma_.lower() not in self.lexicon.pair_nouns and (
                token.lower_ not in self.lexicon.pair_nouns):
            return 0
        return next((numbers[c.lower_] for c in token.children if c.lower_ in numbers), 0)

    def is_description(self, token: Token) -> bool:
        """ "the archipelago", "le royaume", "the island nation": a definite description of a
        state that says nothing more about it (no complement naming someone)."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lexicon.descriptions:
            return False
        determiners = [c for c in token.children if c.dep_ == "det"]
        pointing = self.lexicon.definites | self.lexicon.demonstratives
        if not {d.lower_ for d in determiners} & pointing:
            return False
        if any("Plur" in t.morph.get("Number", []) for t in [token, *determiners]):
            return False  # "appelle les pays à …": countries in general
        return not any(c.dep_ in _COMPLEMENTS or c.dep_ == "amod" for c in token.children)

    def last_two_states(self, offset: int) -> list[str]:
        """The last two distinct states named before ``offset`` (nearby), else nothing."""
        return self.last_states(offset, 2)

    def last_states(self, offset: int, count: int, excluded: set[str] | None = None
                    ) -> list[str]:
        """The last ``count`` distinct states named before ``offset`` (nearby, none of the
        ``excluded`` codes), else nothing."""
        return _last_distinct(self._states, self._state_starts, offset, count, excluded)


# -- dependency helpers (both label schemes) -----------------------------------------------


def _needs_in_predicate(verb: Token, cue: Cue) -> bool:
    """Whether a cue's needed words are found outside the verb's subject: "expressed concern
    over …" is a judgement, « les responsables … ont tenu » is not "tenir responsable"."""
    near = [t for t in near_words(verb) if t.dep_ not in SUBJECT and t.head.dep_ not in SUBJECT]
    words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    return all(alternatives & words for alternatives in cue.needs)


def _infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", [])


def _reflexive(token: Token) -> bool:
    return "Yes" in token.morph.get("Reflex", []) or token.lower_ in ("se", "s'", "s’")


def _anaphoric(head: Token, lexicon: Lexicon) -> bool:
    """A target phrase that points back: "it", "leur", "cette démarche", "the account"."""
    if head.pos_ == "PRON" or head.pos_ == "DET" and head.dep_ in OBJECT:  # "leur", as DET
        return (head.lower_ in lexicon.anaphors and not _reflexive(head)
                and head.lower_ not in lexicon.first_person)
    if head.pos_ != "NOUN":
        return False
    determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
    if determiners & lexicon.demonstratives:
        return True
    # A bare definite only as a singular direct object ("rejected the account"): a plural
    # ("appelle les pays à …") or a place ("autour de l'île") is generic more often than not.
    return (bool(determiners & lexicon.definites) and head.dep_ in OBJECT
            and "Plur" not in head.morph.get("Number", [])
            and head.lemma_.lower() not in lexicon.pair_nouns
            and not any(c.dep_ in _COMPLEMENTS for c in head.children))



def relative_subject(verb: Token) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("X, qui a menacé …",
    "X, who threatened …"): the clause then tells what its antecedent did."""
    return verb.dep_ in ("acl:relcl", "relcl") and any(
        c.dep_ in SUBJECT and ("Rel" in c.morph.get("PronType", []) or c.tag_ in ("WP", "WDT"))
        for c in verb.children)


def is_passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_AUX or c.dep_ in PASSIVE_SUBJECT for c in token.children)


def agent_of(token: Token) -> list[Token]:
    """The agent of a passive verb ("par les États-Unis", "by the Pentagon")."""
    out = []
    for child in token.children:
        if child.dep_ == "obl:agent":
            out.append(child)
        elif child.dep_ == "agent":
            out += [g for g in child.children if g.dep_ == "pobj"]
    if not out and any(c.dep_ in PASSIVE_AUX for c in token.children):
        # « a été sanctionné par les États-Unis » parsed as obl:mod: on a verb with a passive
        # auxiliary, an oblique introduced by « par » is still the agent.
        out = [c for c in token.children if c.dep_.startswith("obl") and any(
            g.dep_ == "case" and g.lower_ == "par" for g in c.children)]
    return out


def subject_of(token: Token | None, lexicon: Lexicon) -> list[Token]:
    """The subject of a verb: its own, a passive's agent, or its controller's."""
    for _ in range(6):
        if token is None:
            return []
        own = [c for c in token.children if c.dep_ in SUBJECT]
        if own and relative_subject(token):
            return [token.head]  # "Maas, qui effectuera une visite": Maas visits
        if own:
            return own
        agent = agent_of(token)
        if agent:
            return agent
        passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT]
        if passive:
            return passive
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ == "as":
            controller = [c for c in token.head.head.children if c.dep_ in OBJECT]
            if controller:  # "quoted an official as urging …": the official urges
                return controller
        owner = qualified_noun(token)
        if owner is not None:  # "Germany's decision to send …", "made an offer to host …"
            found = owners(owner, lexicon)
            if found or owner.dep_ not in OBJECT:
                return found
            token = owner.head
            continue
        if token.dep_ not in ("xcomp", "conj", "advcl", "acomp") or token.head.i == token.i:
            return _left_subject(token)
        controller = [c for c in token.head.children if c.dep_ in OBJECT]
        if token.dep_ == "xcomp" and controller:
            return controller  # "exhorter X à cesser": X ceases
        token = token.head
    return []


_CLAUSE_EDGE = frozenset({"mark", "punct", "cc"})


def _left_subject(verb: Token) -> list[Token]:
    """A finite verb the parser left without a subject: the noun phrase just before it.

    Parsers often attach a subordinate clause's subject elsewhere ("… a déclaré le 30
    novembre que Pékin et les États-Unis discutaient …"); the words between the clause's
    opening and the verb are then its subject.
    """
    if "Fin" not in verb.morph.get("VerbForm", []) and not any(
            c.dep_.startswith("aux") for c in verb.children):
        return []
    doc = verb.doc
    found: list[Token] = []
    index = verb.i - 1
    while index >= verb.sent.start and verb.i - index <= 12:
        token = doc[index]
        if token.pos_ in ("VERB", "SCONJ") or token.dep_ == "mark" or (
                token.is_punct and token.text not in (",", "'", "’")):
            break
        if token.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
            found.append(token)
        index -= 1
    return list(reversed(found))


def objects_of(token: Token) -> list[Token]:
    """Objects; for a passive with an agent, its subject ("X a été sanctionné par Y")."""
    out = [c for c in token.children if c.dep_ in OBJECT]
    out += [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "PROPN"]
    if is_passive(token) and agent_of(token):
        out += [c for c in token.children if c.dep_ in PASSIVE_SUBJECT]
    if token.dep_.startswith("acl") and is_passive_participle(token):
        out.append(token.head)
    return out


def is_passive_participle(token: Token) -> bool:
    return "Part" in token.morph.get("VerbForm", []) and bool(agent_of(token))


def prepositional(token: Token, preposition: str) -> list[Token]:
    """Objects of a preposition on a token, else on its objects ("imposer des sanctions
    contre X", where parsers hang "contre X" on the noun), else, for a noun, on its noun
    complements ("une vente d'armes à X"), else its head when the head is itself that
    preposition's object ("d'accord avec X")."""
    found = _prepositional(token, preposition)
    if not found:  # hung on a modifier: "un avertissement agressif aux États-Unis"
        found = [t for mod in token.children if mod.dep_ == "amod"
                 for t in _prepositional(mod, preposition)]
    if not found:
        found = [t for obj in token.children if obj.dep_ in OBJECT
                 for t in _prepositional(obj, preposition)]
    if not found and token.pos_ in ("NOUN", "PROPN"):  # hung on the noun's complement:
        found = [t for mod in _noun_complements(token)  # « une vente d'armes à la Pologne »,
                 for t in _prepositional(mod, preposition)]  # "the visit of X to Y"
    if not found and any(c.dep_ == "case" and _word(c, preposition) for c in token.head.children):
        found = [token.head]
    if not found:  # deeper in the object: "trained hackers capable of attacks against X"
        found = [t for obj in token.children if obj.dep_ in OBJECT
                 for t in _deep_prepositional(obj, preposition, _DEEP_PREPOSITION)]
    return found


_DEEP_PREPOSITION = 5  # levels below an object searched for a preposition's phrase


def _noun_complements(token: Token) -> list[Token]:
    """A noun's prepositional complements: ``nmod`` (UD), the ``pobj`` of a ``prep``
    (ClearNLP)."""
    return [c for c in token.children if c.dep_ == "nmod"] + [
        g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _deep_prepositional(token: Token, preposition: str, depth: int) -> list[Token]:
    if depth == 0:
        return []
    found = _prepositional(token, preposition)
    if found:
        return found
    for child in token.children:
        if child.dep_ in ("amod", "prep", "pcomp", "pobj", "acl", "dobj", "obj", "nmod", "obl"):
            found = _deep_prepositional(child, preposition, depth - 1)
            if found:
                return found
    return []


def _prepositional(token: Token, preposition: str) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and _word(child, preposition):
            out += [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        elif child.dep_.split(":")[0] in ("obl", "nmod", "iobj", "obj") and any(
                g.dep_ == "case" and _word(g, preposition) for g in child.children):
            out.append(child)
        elif child.dep_ in ("advmod", "dep") and _word(child, preposition):  # "auprès de
            out += [g for g in child.children  # Pékin", « près de la frontière »
                    if g.dep_.split(":")[0] in ("obl", "nmod", "dep")]
        elif child.dep_ == "prep" and not any(g.dep_ == "pobj" for g in child.children):
            out += [p for g in child.children  # a two-word preposition: "pulled out of X"
                    if g.dep_ == "prep" and _word(g, preposition)
                    for p in g.children if p.dep_ == "pobj"]
    if out:
        out += _coordinated_phrases(token, preposition, out)
    return out


def _coordinated_phrases(token: Token, preposition: str, found: list[Token]) -> list[Token]:
    """Coordinated phrases of the same preposition that the parser hung on the token
    itself rather than on the first phrase ("l'action des États-Unis, de la France et de la
    Grande-Bretagne": "France" and "Grande-Bretagne" as conjuncts of "action"). Only after a
    first phrase of that preposition, so that a coordinated noun is never taken for one."""
    first = min(t.i for t in found)
    return [c for c in token.children if c.dep_ == "conj" and c.i > first and c not in found
            and any(g.dep_ == "case" and _word(g, preposition) for g in c.children)]


def _word(token: Token, word: str) -> bool:
    return bool(token.lower_ == word or token.lemma_.lower() == word)


def _governor(token: Token) -> Token | None:
    """The verb a noun cue depends on (through other nouns and prepositions)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return current
        if current.head.i == current.i:
            return current if current is not token else None
        current = current.head
    return None


def _with_conjuncts(tokens: Iterable[Token], blocked: set[int]) -> list[Token]:
    out: list[Token] = []
    stack = list(tokens)
    while stack:
        token = stack.pop(0)
        if token.i in blocked or token in out:
            continue
        out.append(token)
        stack += [c for c in token.children if c.dep_ == "conj"]
    return out


def _mentions_by_token(doc: Doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Each token's resolved mention; the longest wins where mentions nest."""
    out: dict[int, Mention] = {}
    for mention in sorted((m for m in mentions if m.actor_id),
                          key=lambda m: m.end - m.start):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            out[token.i] = mention
    return out


def _last_distinct(items: list[tuple[int, str]], starts: list[int], offset: int, count: int,
                   excluded: set[str] | None = None) -> list[str]:
    """The last ``count`` distinct ids of ``items`` (start, id) before ``offset``, nearby."""
    position = bisect.bisect_left(starts, offset)
    found: list[str] = []
    for start, actor_id in reversed(items[:position]):
        if offset - start > PAIR_LOOKBACK:
            break
        if excluded and actor_id in excluded:
            continue
        if actor_id not in found:
            found.append(actor_id)
        if len(found) == count:
            return list(reversed(found))
    return []


def _person_states(mentions: Sequence[Mention], kb: KnowledgeBase,
                   code: Callable[[str | None], str | None]) -> list[tuple[int, str]]:
    """(start, state code) of every mention of a known person, in text order."""
    out = []
    for mention in sorted(mentions, key=lambda m: m.start):
        actor = kb.actor(mention.actor_id) if mention.actor_id else None
        state = code(mention.actor_id) if actor is not None and actor.type == "person" else None
        if state is not None and len(state) == 3 and state.isupper():
            out.append((mention.start, state))
    return out


def _state_mentions(mentions: Sequence[Mention],
                    code: Callable[[str | None], str | None]) -> list[tuple[int, str]]:
    """(start, state id) of every mention that stands for a state, in text order."""
    out = []
    for mention in sorted(mentions, key=lambda m: m.start):
        state = code(mention.actor_id)
        if state is not None and len(state) == 3 and state.isupper():
            out.append((mention.start, state))
    return out
