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

The public methods take and give ``Token`` objects; inside, the parse is walked over token
indices (``events.argument_tree``), which also holds the dependency helpers of both label
schemes, and a ``Token`` is built only for what another module reads (a voice, a stance
noun, an agreement check).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence, Set
from typing import TYPE_CHECKING, TypeAlias

from porteparole.actors.anaphora import lookback_for, turn_start
from porteparole.events import argument_tree
from porteparole.events.argument_tree import (
    OBJECT,
    PASSIVE_SUBJECT,
    SUBJECT,
    Tree,
    agent_of,
    governor,
    infinitive,
    is_passive_participle,
    objects_of,
    one_preposition,
    prepositional,
    reflexive,
    subject_of,
    with_conjuncts,
)
from porteparole.events.memo import per_document
from porteparole.events.patterns import ROLES, Cue, Lexicon, near_words
from porteparole.events.stance import owners, stance_noun
from porteparole.kb import KnowledgeBase, actor_code
from porteparole.knowledge.speech import load_speech_lexicon
from porteparole.records import Analysis, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
_DESCRIBED = _COMPLEMENTS | {"amod"}  # … or an adjective: "the government", not "the Thai"
_POINTING_OBJECTS = frozenset({"obj", "iobj", "obl", "obl:arg", "dobj", "dative", "expl:comp"})

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
        self._tree = argument_tree.tree(doc)
        # The two questions asked tens of thousands of times per document are remembered in
        # plain dicts: ``memo.per_document``'s general keying costs as much as their answers.
        self._codes: dict[str | None, str | None] = {}
        self._heads: dict[tuple[int, str, bool], list[int]] = {}
        mentions = analysis.mentions  # with the anaphora of the actors stage on pronouns
        self._by_token = _mentions_by_token(self._tree, mentions)
        self._states = _state_mentions(mentions, self.code)
        self._state_starts = [start for start, _ in self._states]
        self._people = _person_states(mentions, kb, self.code)
        self._people_starts = [start for start, _ in self._people]
        self._mentions = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
        self._mention_starts = [m.start for m in self._mentions]
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
        spans: list[tuple[range, list[str]]] = []
        lower = self._tree.lower
        for mention in unknown:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            person = mention.entity_type in _PERSON_TYPES
            # a later bare family name may be tagged anything ("Duque" as ORG): it matches
            # a name whole; a person's name matches by its family name too
            names = [mention.surface.lower(), lower[span.end - 1] if person else ""]
            spans.append((range(span.start, span.end), names))
            state = self._state_in_phrase(span) if person and len(span) > 1 else None
            if state is None:
                continue
            for name in names:
                if by_name.setdefault(name, state) != state:
                    by_name[name] = None  # two persons of that name, two states
        out: dict[int, str] = {}
        for tokens, names in spans:
            state = by_name.get(names[0]) or (by_name.get(names[1]) if names[1] else None)
            if state is not None:
                out.update((i, state) for i in tokens)
        return out

    def _state_in_phrase(self, span: Span) -> str | None:
        """The one state named around an unknown person's name: its modifiers and title
        (compound, adjective, apposition, possessive), or an apposition set off by commas
        right after it."""
        t = self._tree
        root = span.root.i
        starts = [root]
        if t.dep[root] in _NAME_LINKS and t.head[root] != root:
            starts.append(t.head[root])  # « le président colombien Ivan Duque »: on the title
        seen = set(range(span.start, span.end))
        frontier = list(starts)
        found: set[str] = set()
        by_token = self._by_token
        for _ in range(3):
            found |= {by_token[i].actor_id or "" for i in frontier if i in by_token}
            seen |= set(frontier)
            frontier = [c for i in frontier for c in t.kids[i]
                        if t.dep[c] in _NAME_LINKS and c not in seen]
        after = span.end
        if after < len(t.idx) - 1 and t.lower[after] == ",":
            for i in range(after + 1, min(after + 8, len(t.idx))):
                if t.lower[i] == "," or t.pos[i] in ("VERB", "AUX"):
                    break
                if i in by_token:
                    found.add(by_token[i].actor_id or "")
        states = {a for a in found if a and self._is_state(a)}
        return states.pop() if len(states) == 1 else None

    def _is_state(self, actor_id: str) -> bool:
        code = self.code(actor_id)
        actor = self.kb.actor(actor_id)
        return code is not None and len(code) == 3 and code.isupper() and (
            actor is not None and actor.type == "state")

    # -- codes ----------------------------------------------------------------------------

    def code(self, actor_id: str | None) -> str | None:
        """The state or IGO an actor acts for in events (None for outlets and unknowns)."""
        if actor_id in self._codes:
            return self._codes[actor_id]
        found = self._codes[actor_id] = self._code(actor_id)
        return found

    def _code(self, actor_id: str | None) -> str | None:
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

    def _voice_of(self, i: int) -> str | None:
        """The voice token ``i`` is in (the voice reads ``Token`` objects)."""
        return self.voice(self._tree.token(i))

    # -- roles ----------------------------------------------------------------------------

    def role_heads(self, cue: int, role: str, is_noun: bool) -> list[int]:
        """The head tokens (indices) of one argument role of a cue (an index), found once:
        an event's source and target, the other party's phrases and the pronoun rules all
        ask for them. A copy is given, so that a caller may extend it."""
        key = (cue, role, is_noun)
        found = self._heads.get(key)
        if found is None:
            found = self._heads[key] = self._role_heads(cue, role, is_noun)
        return list(found)

    def _role_heads(self, cue: int, role: str, is_noun: bool) -> list[int]:
        t = self._tree
        dep, kids = t.dep, t.kids
        if role == "subj":
            if is_noun:
                verb = governor(t, cue)
                if verb is not None and dep[cue] in PASSIVE_SUBJECT:
                    return []  # "the attack was condemned by France": France did not attack
                if verb is not None and self.evaluates(verb):
                    return []  # "Russia condemned the sanctions": Russia imposed none
                return subject_of(t, verb, self.lexicon)
            return subject_of(t, cue, self.lexicon)
        if role == "obj":
            found = objects_of(t, cue)
            if not found and not is_noun:  # "condemned and rejected the decision": the
                found = [o for c in kids[cue]  # object the next verb has
                         if dep[c] == "conj" and t.pos[c] in ("VERB", "ADJ") and c > cue
                         and not any(dep[g] in SUBJECT for g in kids[c])
                         for o in objects_of(t, c)]
            if not found:  # "a accusé dimanche la Chine": parsed as the weekday's object
                days = self.lexicon.weekdays.keys() | self.lexicon.relative_days.keys()
                found = [o for c in kids[cue] if t.lower[c] in days
                         for o in kids[c] if dep[o] in OBJECT]
            return found
        if role == "agent":  # "the attack by X on Y", « l'attaque menée par X »: the noun's own
            own = [h for word in self.lexicon.noun_agent  # agent, never its governor's
                   for h in prepositional(t, cue, word)]
            return own or [h for c in kids[cue] if dep[c] in ("acl", "acl:relcl")
                           and is_passive_participle(t, c) for h in agent_of(t, c)]
        if role == "passive_agent":  # "talks were held by X and Y", « menés par X »: the
            verb = governor(t, cue)  # agent of the verb a joint noun is the subject of
            if verb is None or t.head[cue] != verb or (
                    dep[cue] not in PASSIVE_SUBJECT) or self.evaluates(verb):
                return []
            return agent_of(t, verb)
        if role == "poss":
            return [c for c in kids[cue] if dep[c] in ("poss", "nmod:poss") or (
                dep[c] == "det" and "Yes" in t.morph(c, "Poss"))]
        if role == "amod":  # "Israeli strikes", « des frappes israéliennes », "US sanctions"
            return [c for c in kids[cue] if dep[c] in ("amod", "compound")]
        if role == "head":  # the noun a participle or an adjective cue qualifies
            return [t.head[cue]] if dep[cue].startswith("acl") or dep[cue] == "amod" else []
        if role == "ccomp_subj":  # "hopes that X …"; a noun's content clause: "the hope that X"
            return [s for c in kids[cue] if dep[c] in ("ccomp", "xcomp") or (
                is_noun and dep[c].startswith("acl") and any(
                    dep[g] == "mark" for g in kids[c])) for s in subject_of(t, c, self.lexicon)]
        if role == "xcomp":  # "threatened to suspend licences for Icelandic vessels"
            return [c for c in kids[cue] if dep[c] == "xcomp" or (
                dep[c] == "ccomp" and infinitive(t, c))]
        return self._prepositional_heads(cue, role, is_noun)

    def _prepositional_heads(self, cue: int, role: str, is_noun: bool) -> list[int]:
        """The phrases of a preposition role: on the cue, else where parsers hang them."""
        t = self._tree
        dep, kids = t.dep, t.kids
        heads = prepositional(t, cue, role)
        if not heads and not is_noun:  # « s'est entretenu au téléphone avec X »: the phrase
            heads = [h for c in kids[cue]  # hung on the means of communication
                     if t.lemma[c] in self.lexicon.channels
                     for h in one_preposition(t, c, role)]
        if not heads and is_noun and dep[cue] == "compound":  # "a mediation effort
            heads = prepositional(t, t.head[cue], role)  # between X and Y"
        if not heads and is_noun:  # "accusations made by X against Y": on the participle
            heads = [h for c in kids[cue] if dep[c] == "acl"
                     for h in prepositional(t, c, role)]
        if not heads and is_noun:
            verb = governor(t, cue)
            if verb is not None and verb != cue:
                heads = prepositional(t, verb, role)
                if not heads and role in self.lexicon.dative:  # "sent Moscow an offer"
                    heads = [c for c in kids[verb] if dep[c] in ("dative", "iobj")]
        return heads

    @per_document
    def evaluates(self, verb: int) -> bool:
        """Whether a verb judges what someone else did ("condemned the sanctions", "welcomed
        the withdrawal", « a dénoncé les manœuvres »): a verb cue of a stance type. The event
        noun it governs is another party's act, so the verb's subject is not its source."""
        t = self._tree
        if t.pos[verb] not in ("VERB", "AUX"):
            return False
        lemmas, forms = _stance_words(self.lexicon)
        if not (_apostrophe(t.lemma[verb]) in lemmas or _apostrophe(t.lower[verb]) in lemmas
                or t.lower[verb] in forms):
            return False  # no stance cue among those ``cues_for`` could find: no Token built
        token = t.token(verb)
        return any(cue.type in STANCE_TYPES and not cue.is_noun
                   and _needs_in_predicate(token, cue) for cue in self.lexicon.cues_for(token))

    def actors(self, cue_token: Token, roles: Sequence[str], is_noun: bool,
               exclude: Iterable[str] = (), avoid: Sequence[str] = ()) -> list[str]:
        """Actor ids of the first role that has any (not counting excluded codes).

        ``avoid`` names the roles of the other party: their phrases are not searched for this
        one ("la visite du président chinois au Japon", with « au Japon » hung on
        « président »: Japan is where the visit goes, not who visits)."""
        cue = cue_token.i
        excluded = set(exclude)
        fenced = self._other_party(cue, [r for r in avoid if r not in roles], is_noun)
        named = False  # an earlier role names someone the mentions do not resolve
        for role in roles:
            if role == "speaker":
                if named:
                    break  # "Kim and Ri held talks with Wu, the ministry said": not the speaker
                speaker = self.state_of(self.voice(cue_token))
                found = [speaker] if speaker and self.code(speaker) not in excluded else []
            else:
                inside = role == "head" or (role == "subj" and is_noun)
                blocked = (self._tree.subtree(cue) if inside else {cue}) | fenced
                found = []
                for head in self.role_heads(cue, role, is_noun):
                    found += self._phrase_actors(head, excluded, blocked)
                    named = named or head not in blocked
            if not found and role == "subj":
                found = (self._stance_owner(cue, is_noun)
                         or self._reported_pronoun(cue, is_noun)
                         or self._previous_subject(cue, is_noun)
                         or self._previous_party(cue, is_noun))
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
        t = self._tree  # not its sentence: a split hyphen may end one for the parser
        lower, pos = t.lower, t.pos
        for step in (-1, 1):
            run: list[int] = []
            index = noun.i + step
            while 0 <= index < len(lower) and len(run) < _PAIR_RUN:
                if index not in self._by_token and lower[index] not in ("-", "–") and not (
                        "-" in lower[index] and pos[index] in ("ADJ", "PROPN", "NOUN")):
                    break
                run.append(index)
                index += step
            if not any("-" in lower[i] or "–" in lower[i] for i in run):
                continue
            start = min(t.idx[i] for i in run)
            end = max(token.idx + len(token.text) for token in map(t.token, run))
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
        t = self._tree
        excluded: set[str] = set()
        blocked = {verb.i}
        found: list[str] = []
        heads = [verb.i, *subject_of(t, verb.i, self.lexicon)]
        for child in (c for h in heads for c in t.kids[h] if c < verb.i):
            words = {t.lower[child], t.lemma[child]} | {
                t.lower[g] for g in t.kids[child] if t.dep[g] in ("advmod", "case")}
            if words & self.lexicon.companions:
                found += self._phrase_actors(child, excluded, blocked)
        return found

    def _other_party(self, cue: int, roles: Sequence[str], is_noun: bool) -> set[int]:
        """Tokens of the prepositional phrases of the other party's roles."""
        fenced: set[int] = set()
        # only a preposition's phrase is unambiguous about its role
        prepositions = [r for r in roles if r not in ROLES and r not in ("agent", "poss")]
        if not prepositions:
            return fenced
        # A passive verb's own agent is its subject ("Venezuela was condemned by Colombia",
        # « a été condamné par la Colombie »), even where the other party's role is that
        # preposition's phrase below the object ("condemned the attack by X").
        agents = set() if is_noun else set(agent_of(self._tree, cue))
        for role in prepositions:
            for head in self.role_heads(cue, role, is_noun):
                if head not in agents:
                    fenced |= self._tree.subtree(head)
        return fenced

    def names_others(self, cue_token: Token) -> bool:
        """Whether a noun cue names its own participants and none is a state or an
        organization ("contacts between al Qaeda and Baath members"): the noun is about them,
        not an event of the verb's subject."""
        cue = cue_token.i
        heads = [h for word in self.lexicon.joint for h in one_preposition(self._tree, cue, word)]
        return bool(heads) and not any(self._phrase_actors(h, set(), {cue}) for h in heads)

    def _reported_pronoun(self, cue: int, is_noun: bool) -> list[str]:
        """ "X said he had raised …": a third-person subject pronoun in a clause that a
        speech verb governs stands for the one who speaks."""
        t = self._tree
        heads = self.role_heads(cue, "subj", is_noun)
        if not any(t.pos[h] == "PRON" and "3" in t.morph(h, "Person")
                   and h not in self._by_token
                   and t.lower[h] not in self.lexicon.first_person for h in heads):
            return []
        reported_by = getattr(self.voice, "reported_by", None)
        speaker = reported_by(t.token(cue)) if reported_by is not None else None
        return [speaker] if speaker else []

    def _stance_owner(self, cue: int, is_noun: bool) -> list[str]:
        """« la décision de la Chine de sanctionner … »: the owner of the decision,
        intention or refusal noun the cue's infinitive hangs from is its subject."""
        # ``stance_noun`` finds a noun only for an ``acl`` or an ``xcomp`` infinitive: any
        # other cue is answered here without building its Token.
        if is_noun or self._tree.dep[cue] not in ("acl", "xcomp"):
            return []
        noun = stance_noun(self._tree.token(cue), self.lexicon)
        if noun is None:
            return []
        found: list[str] = []
        inside = self._tree.subtree(cue)  # never the infinitive's own object
        for head in owners(noun, self.lexicon):
            found += self._phrase_actors(head.i, set(), inside)
        return found

    def _previous_subject(self, cue: int, is_noun: bool) -> list[str]:
        """ "The ministry's spokesperson says … . However, he blamed …": a third-person
        singular personal subject pronoun stands for the one who spoke in the previous
        sentence (the subject of its speech verb, in the same press-conference turn)."""
        t = self._tree
        heads = self.role_heads(cue, "subj", is_noun)
        if not any(self._third_person_pronoun(h) and "Sing" in t.morph(h, "Number")
                   and "Neut" not in t.morph(h, "Gender") for h in heads):
            return []  # "he", "she", "il", "elle": a person, not "it" or "they"
        pronoun = next(h for h in heads if self._third_person_pronoun(h))
        previous = self._previous_sentence(cue, speech=True)
        if previous is None:
            return self._previous_person(cue, pronoun)
        found: list[str] = []
        for subject in subject_of(t, t.root(previous), self.lexicon):
            found += self._phrase_actors(subject, set(), set())
        return found

    def _previous_person(self, cue: int, pronoun: int) -> list[str]:
        """ "Biden arrived in Tokyo on Monday. He met Kishida …", « Macron est arrivé à
        Pékin. Il a rencontré Xi … »: after a sentence that is not speech, "he"/"she" stands
        for its subject when that subject is one named person and no other person is
        named in that sentence (two would leave the pronoun open)."""
        t = self._tree
        previous = self._previous_sentence(cue, speech=False)
        if previous is None:
            return []
        subjects = subject_of(t, t.root(previous), self.lexicon)
        if len(subjects) != 1:
            return []
        found = self._phrase_actors(subjects[0], set(), set())
        start, end = t.start_char(previous), t.end_char(previous)
        persons = {m.actor_id for m in self._mentions
                   if start <= m.start < end
                   and m.actor_id and (actor := self.kb.actor(m.actor_id)) is not None
                   and actor.type == "person"}
        if len(found) != 1 or len(persons) != 1 or found[0] not in persons:
            return []
        if not self._agrees(pronoun, found, previous):
            return []  # « Le ministre X est arrivé. Elle a … »: not him
        return found

    def _agrees(self, pronoun: int, persons: Sequence[str], sentence: int) -> bool:
        """Whether ``pronoun`` can stand for each person of ``persons`` as sentence number
        ``sentence`` names them (the agreement rules of ``actors.anaphora``, the same as the
        quotes')."""
        t = self._tree
        start, end = t.start_char(sentence), t.end_char(sentence)
        word = t.token(pronoun)
        return all(self._lookback.agrees_with(word, m) for m in self._mentions
                   if m.actor_id in persons and m.end > start and m.start < end)

    def _third_person_pronoun(self, head: int) -> bool:
        """A third-person personal pronoun no mention covers: not a relative, interrogative
        or reflexive one."""
        t = self._tree
        return (t.pos[head] == "PRON" and "3" in t.morph(head, "Person")
                and head not in self._by_token and "Rel" not in t.morph(head, "PronType")
                and t.tag[head] not in ("WP", "WDT") and not reflexive(t, head))

    def _previous_sentence(self, cue: int, *, speech: bool) -> int | None:
        """The number of the sentence before the cue's, in the same turn, when its main verb
        is (or, with ``speech`` False, is not) a speech verb; otherwise None."""
        t = self._tree
        sentence = t.sentence[cue]
        if sentence == 0:
            return None
        previous = sentence - 1
        if t.start_char(previous) < self._floor(t.idx[cue]):
            return None
        lemmas = load_speech_lexicon(self.lexicon.language).lemmas
        spoken = t.lemma[t.root(previous)] in lemmas
        return previous if spoken == speech else None

    def _previous_party(self, cue: int, is_noun: bool) -> list[str]:
        """ "China sent warships to the strait. It also …", « Le Japon a convoqué … . Il a … »:
        a third-person subject pronoun ("it", "they", « il », « elle », « ils », « elles »)
        stands for the subject of the previous sentence, when that sentence is not speech
        and its subject is the only
        candidate: it names actors and agrees with the pronoun in number (and in French, in
        gender when both are marked). "he"/"she" stand for persons and are left to the
        speaker rule; anything ambiguous is skipped."""
        t = self._tree
        pronouns = [h for h in self.role_heads(cue, "subj", is_noun)
                    if self._third_person_pronoun(h)
                    and t.lower[h] in self.lexicon.party_pronouns]
        if len(pronouns) != 1:
            return []
        pronoun = pronouns[0]
        previous = self._previous_sentence(cue, speech=False)
        if previous is None:
            return []  # after speech, "it" may be anything the speaker talked about
        subjects = subject_of(t, t.root(previous), self.lexicon)
        if len(subjects) != 1:
            return []
        subject = subjects[0]
        found = self._phrase_actors(subject, set(), set())
        if not found:
            return []
        conjoined = any(t.dep[c] == "conj" for c in t.kids[subject])
        plural = len(found) > 1 or conjoined or "Plur" in t.morph(subject, "Number")
        wanted_plural = "Plur" in t.morph(pronoun, "Number")
        persons = [a for a in found if (actor := self.kb.actor(a)) and actor.type == "person"]
        if not self._agrees(pronoun, persons, previous):
            return []  # a person the pronoun cannot stand for
        if self.lexicon.language == "en":
            if persons:
                return []  # "it", "they" of a named person: not this rule
            if wanted_plural != (len(found) > 1 or conjoined):
                return []  # "The United States … It": a plural name is still one state
        elif wanted_plural != plural:
            return []
        gender, subject_gender = t.morph(pronoun, "Gender"), t.morph(subject, "Gender")
        if gender and subject_gender and not gender & subject_gender:
            return []
        return found

    # -- targets named before ---------------------------------------------------------------

    def points_back(self, cue_token: Token, roles: Sequence[str], is_noun: bool,
                    implicit: bool = False) -> bool:
        """Whether a cue's target phrase is anaphoric: a pronoun, a demonstrative or bare
        definite noun phrase, or, when ``implicit`` (a hostile noun cue: "prendra les
        contre-mesures nécessaires"), no target phrase at all."""
        t = self._tree
        cue = cue_token.i
        heads = [h for role in roles if role != "speaker"
                 for h in self.role_heads(cue, role, is_noun)]
        heads += [c for c in t.kids[cue] if t.pos[c] in ("PRON", "DET")
                  and t.dep[c] in _POINTING_OBJECTS and not reflexive(t, c)
                  and t.lower[c] in self.lexicon.anaphors]
        if not heads:
            return implicit
        return any(_anaphoric(t, h, self.lexicon) and not any(
            i in self._by_token or self._first_person(i) for i in t.subtree(h)) for h in heads)

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
        t = self._tree
        excluded = set(excluded)
        sentence = t.sentence[cue_token.i]
        floor = self._floor(cue_token.idx)
        end = t.end_char(sentence) if whole_sentence else cue_token.idx
        here = self._codes_in(sentence, max(t.start_char(sentence), floor), end, excluded)
        if here:
            return here if len(here) == 1 else []
        for _ in range(ANTECEDENT_SENTENCES):
            if sentence == 0:
                return []
            sentence -= 1
            if t.end_char(sentence) <= floor:
                return []
            before = self._codes_in(sentence, max(t.start_char(sentence), floor),
                                    t.end_char(sentence), excluded)
            if before:
                return before if len(before) == 1 else []
        return []

    def _codes_in(self, sentence: int, start: int, end: int, excluded: set[str]) -> list[str]:
        """The actors (one per code) named in ``[start, end)`` of sentence number
        ``sentence``, by a mention or a first-person word, none of the ``excluded`` codes."""
        found: dict[str, str] = {}
        first = bisect.bisect_left(self._mention_starts, start)
        last = bisect.bisect_left(self._mention_starts, end)
        for mention in self._mentions[first:last]:  # those starting in [start, end)
            code = self.code(mention.actor_id)
            if code is not None and code not in excluded and mention.actor_id:
                found.setdefault(code, mention.actor_id)
        t = self._tree
        idx = t.idx
        for i in range(t.sentence_start(sentence), t.sentence_end(sentence)):
            if start <= idx[i] < end and self._first_person(i):
                speaker = self.state_of(self._voice_of(i))
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
        """The nearest actors of a phrase and of each of its conjuncts (``_phrase_actors``)."""
        return self._phrase_actors(head.i, excluded, blocked)

    def _phrase_actors(self, head: int, excluded: set[str], blocked: Set[int]) -> list[str]:
        """The nearest actors of a phrase and of each of its conjuncts.

        Each conjunct is searched on its own, so that "Biden et son homologue chinois Xi"
        gives both presidents, not only the one named at the shallower depth.
        """
        conjuncts = with_conjuncts(self._tree, [head], blocked)
        if len(conjuncts) == 1:
            return self._nearest(head, excluded, blocked, conjuncts)
        inner = blocked | set(conjuncts)
        found: list[str] = []
        for conjunct in conjuncts:
            found += self._nearest(conjunct, excluded, inner - {conjunct})
        return list(dict.fromkeys(found))

    def _nearest(self, head: int, excluded: set[str], blocked: Set[int],
                 conjuncts: list[int] | None = None) -> list[str]:
        """The actors nearest to a head, breadth-first (conjuncts at the same depth, given as
        ``conjuncts`` when the caller has found them already)."""
        t = self._tree
        dep, kids, lower = t.dep, t.kids, t.lower
        first_person, by_token = self.lexicon.first_person, self._by_token
        frontier = with_conjuncts(t, [head], blocked) if conjuncts is None else conjuncts
        seen: set[int] = set()
        for _ in range(MAX_DEPTH):
            found = [a for i in frontier for a in self._token_actors(i, excluded)]
            found = [a for a in found if (code := self.code(a)) and code not in excluded]
            if found:
                return found
            seen.update(frontier)
            # (``_leader`` and ``_first_person`` written out: asked of every child)
            children = [c for i in frontier for c in kids[i]
                        if (dep[c] in EXPAND or dep[c] == "npadvmod" and self._leader(i, c))
                        and c not in blocked and c not in seen
                        or lower[c] in first_person and c not in by_token]
            # only a child with a conjunct of its own makes a group (``_conjoined``)
            if any(dep[g] == "conj" for c in children for g in kids[c]):
                shared = self._conjoined(children, excluded, blocked | seen)
                if shared:
                    return shared
            frontier = [i for i in with_conjuncts(t, children, blocked) if i not in seen]
            if not frontier:
                break
        return []

    def _leader(self, participle: int, child: int) -> bool:
        """Whether ``child`` is the hyphenated leader of a "led" participle ("Saudi-led
        coalition jets", parsed as the participle's ``npadvmod``): the group acts for it."""
        t = self._tree
        return t.dep[child] == "npadvmod" and t.dep[participle] == "amod" and (
            t.lemma[participle] in self.lexicon.leading) and child < participle

    def _conjoined(self, children: list[int], excluded: set[str],
                   blocked: Set[int]) -> list[str]:
        """Conjuncts met below the head are searched each on its own: in "les ministres de
        la défense du Japon et de la Chine" the parser hangs "la Chine" on "défense", one
        level above "Japon", and both are the ministers' states."""
        for child in children:
            group = with_conjuncts(self._tree, [child], blocked)
            if len(group) < 2:
                continue
            members = set(group)
            found: list[str] = []
            for member in group:
                found += self._nearest(member, excluded, blocked | (members - {member}))
            if len(set(found)) > 1:
                return list(dict.fromkeys(found))
        return []

    def _token_actors(self, i: int, excluded: Iterable[str] = ()) -> list[str]:
        """The actors a token stands for: its mention, a pair phrase, a definite description
        of a state (the nearest state named before, not on the ``excluded`` side), or a first
        person."""
        mention = self._by_token.get(i)
        t, lexicon = self._tree, self.lexicon
        lower, lemma = t.lower[i], t.lemma[i]
        if lower in lexicon.first_person and mention is None:  # ``_first_person``
            speaker = self.state_of(self._voice_of(i))
            return [speaker] if speaker else []
        if mention is not None:
            return [mention.actor_id] if mention.actor_id else []
        printed = self._printed.get(i)
        if printed is not None:  # "Duque", after "Colombian President Ivan Duque"
            return [printed]
        # Each reading below is asked only of the words its own first test accepts.
        count = self._group_size(i) if lower in lexicon.pair_numbers or (
            lemma in lexicon.pair_nouns or lower in lexicon.pair_nouns) else 0
        if count:
            if lemma in lexicon.pair_people or lower in lexicon.pair_people:
                people = _last_distinct(self._people, self._people_starts, t.idx[i], count,
                                        set(excluded))
                if people:  # "the two ministers": the states of the last two named
                    return people
            return self.last_states(t.idx[i], count, set(excluded))
        if lemma in lexicon.descriptions and self._is_description(i):
            return self.last_states(t.idx[i], 1, set(excluded))
        if lemma in lexicon.own_government and self._is_own_government(i):
            speaker = self.state_of(self._voice_of(i))
            return [speaker] if speaker and self.code(speaker) not in set(excluded) else []
        return []

    def _is_own_government(self, i: int) -> bool:
        """ "the government", « le gouvernement » with nothing saying whose, in someone's
        speech ("Hayashi said the government lodged a protest"): the speaker's own."""
        t = self._tree
        if t.lemma[i] not in self.lexicon.own_government or t.pos[i] != "NOUN":
            return False
        if any(t.dep[c] in _DESCRIBED for c in t.kids[i]):
            return False
        determiners = {t.lower[c] for c in t.kids[i] if t.dep[c] == "det"}
        plural = "Plur" in t.morph(i, "Number")
        return bool(determiners & self.lexicon.definites) and not plural

    def _first_person(self, i: int) -> bool:
        return self._tree.lower[i] in self.lexicon.first_person and i not in self._by_token

    def _group_size(self, i: int) -> int:
        """How many parties a counted group names: "les deux pays", "the two sides", "les
        trois pays" (2, 2, 3), "Both have …" (the number alone as the subject); else 0."""
        t = self._tree
        numbers = self.lexicon.pair_numbers
        lower = t.lower
        if lower[i] in numbers and t.dep[i] in SUBJECT:
            return numbers[lower[i]]
        if t.lemma[i] not in self.lexicon.pair_nouns and lower[i] not in self.lexicon.pair_nouns:
            return 0
        return next((numbers[lower[c]] for c in t.kids[i] if lower[c] in numbers), 0)

    def _is_description(self, i: int) -> bool:
        """ "the archipelago", "le royaume", "the island nation": a definite description of a
        state that says nothing more about it (no complement naming someone)."""
        t = self._tree
        if t.pos[i] != "NOUN" or t.lemma[i] not in self.lexicon.descriptions:
            return False
        determiners = [c for c in t.kids[i] if t.dep[c] == "det"]
        pointing = self.lexicon.definites | self.lexicon.demonstratives
        if not {t.lower[d] for d in determiners} & pointing:
            return False
        if any("Plur" in t.morph(d, "Number") for d in [i, *determiners]):
            return False  # "appelle les pays à …": countries in general
        return not any(t.dep[c] in _DESCRIBED for c in t.kids[i])

    def last_states(self, offset: int, count: int, excluded: set[str] | None = None
                    ) -> list[str]:
        """The last ``count`` distinct states named before ``offset`` (nearby, none of the
        ``excluded`` codes), else nothing."""
        return _last_distinct(self._states, self._state_starts, offset, count, excluded)


def relative_subject(verb: Token) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("X, qui a menacé …",
    "X, who threatened …"): the clause then tells what its antecedent did."""
    return argument_tree.relative_subject(argument_tree.tree(verb.doc), verb.i)


# Lexicon (by identity) -> the lemmas and forms that have a verb cue of a stance type.
_STANCE_WORDS: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}


def _stance_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of ``Lexicon.by_lemma`` and ``by_form`` under which ``cues_for`` may find a
    verb cue of a stance type (the words ``evaluates`` can be true of), made once per
    lexicon: a verb without any is answered without a ``Token``."""
    found = _STANCE_WORDS.get(id(lexicon))
    if found is None or found[0] is not lexicon:
        def judging(cues: Sequence[Cue]) -> bool:
            return any(cue.type in STANCE_TYPES and not cue.is_noun for cue in cues)

        found = _STANCE_WORDS[id(lexicon)] = (
            lexicon,
            frozenset(key for key, cues in lexicon.by_lemma.items() if judging(cues)),
            frozenset(key for key, cues in lexicon.by_form.items() if judging(cues)))
    return found[1], found[2]


def _apostrophe(word: str) -> str:
    """A word with its typographic apostrophe folded, as ``patterns`` keys its cues."""
    return word.replace("’", "'") if "’" in word else word


def _needs_in_predicate(verb: Token, cue: Cue) -> bool:
    """Whether a cue's needed words are found outside the verb's subject: "expressed concern
    over …" is a judgement, « les responsables … ont tenu » is not "tenir responsable"."""
    near = [t for t in near_words(verb) if t.dep_ not in SUBJECT and t.head.dep_ not in SUBJECT]
    words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    return all(alternatives & words for alternatives in cue.needs)


def _anaphoric(t: Tree, head: int, lexicon: Lexicon) -> bool:
    """A target phrase that points back: "it", "leur", "cette démarche", "the account"."""
    pos, lower = t.pos[head], t.lower[head]
    if pos == "PRON" or pos == "DET" and t.dep[head] in OBJECT:  # "leur", as DET
        return (lower in lexicon.anaphors and not reflexive(t, head)
                and lower not in lexicon.first_person)
    if pos != "NOUN":
        return False
    determiners = {t.lower[c] for c in t.kids[head] if t.dep[c] == "det"}
    if determiners & lexicon.demonstratives:
        return True
    # A bare definite only as a singular direct object ("rejected the account"): a plural
    # ("appelle les pays à …") or a place ("autour de l'île") is generic more often than not.
    return (bool(determiners & lexicon.definites) and t.dep[head] in OBJECT
            and "Plur" not in t.morph(head, "Number")
            and t.lemma[head] not in lexicon.pair_nouns
            and not any(t.dep[c] in _COMPLEMENTS for c in t.kids[head]))


def _mentions_by_token(tree: Tree, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Each token's resolved mention; the longest wins where mentions nest."""
    out: dict[int, Mention] = {}
    for mention in sorted((m for m in mentions if m.actor_id),
                          key=lambda m: m.end - m.start):
        tokens = tree.token_range(mention.start, mention.end)  # ``char_span``'s, "expand"
        if tokens is None:
            continue
        for i in range(*tokens):
            out[i] = mention
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
