"""Event cue patterns per language, as data, matched over the dependency parse.

``knowledge/events/<lang>.yaml`` lists the cues of a language (a verb or noun lemma, the
words it needs around it, its PLOVER type, where its source and target are) and the small
vocabularies the other modules read (negation, intention, refusal, months...).
Adding a language is adding one such file: nothing here knows any language.

Argument roles, used in ``source`` and ``target`` lists (tried in order, first with actors
wins):

- ``subj``: the clause's subject (inherited through control verbs and conjuncts; the agent of
  a passive); for a noun cue, the subject of the verb that governs it;
- ``obj``: the direct or indirect object (the subject of a passive with an agent);
- a preposition (``à``, ``avec``, ``entre``, ``with``, ``between``): the object of that
  preposition, on the cue or, for a noun cue, on its governing verb;
- ``head``: the noun a participle cue modifies ("les entreprises mises sur liste noire");
- ``amod``: a noun cue's own adjective or compound naming a party ("Israeli strikes",
  « des frappes israéliennes », "US sanctions"); added before ``subj`` for material acts;
- ``ccomp_subj``: the subject of the cue's complement clause ("nous espérons que X …");
- ``speaker``: the state of whoever speaks the sentence (an answer's spokesperson, a quote's
  speaker);
- ``xcomp``: the actors of the infinitive the cue governs ("threatened to suspend licences for
  Icelandic vessels", "a refusé d'extrader les suspects vers le Togo").

A cue may list ``unless_near`` words: near the cue they make it figurative ("meet someone
halfway", "rencontrer un succès"), and the cue does not fire.

A cue's needed words are normally part of it ("suspendre le dialogue" is not also a dialogue).
A cue may name a ``default_target`` (an actor id): the party an act is against when the text
names none, because the act exists only in that body (a veto, a vote against: the United
Nations, in the gold sets' convention).

With ``keep_needs`` they stay cues of their own: a stance towards another party's act
("comprend l'action militaire de X", "backs the decision of X") reports the act as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from porteparole.errors import KnowledgeError
from porteparole.events.ontology import Ontology, load_ontology
from porteparole.events.parse import Parse, parse_of
from porteparole.knowledge import knowledge_path, per_root, read_yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

ROLES = frozenset({"subj", "obj", "head", "ccomp_subj", "speaker", "xcomp", "amod"})
_CUE_KEYS = frozenset({"lemma", "pos", "needs", "type", "mode", "source", "target", "mutual",
                       "negated_type", "mood", "reciprocal", "note", "unless_near",
                       "keep_needs", "default_target"})
_POS = {"VERB": frozenset({"VERB", "AUX"}), "NOUN": frozenset({"NOUN", "PROPN"}),
        "ADJ": frozenset({"ADJ", "VERB"}), "AUX": frozenset({"AUX", "VERB"}),
        "ANY": frozenset({"ADP", "ADV", "ADJ", "NOUN", "VERB", "AUX", "PROPN", "PRON"})}


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: a lemma, what it needs around it, and how it is coded."""

    lemma: str
    pos: str  # VERB | NOUN | ADJ | AUX
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    needs: tuple[frozenset[str], ...] = ()  # each: alternatives, one must be near the cue
    mode: str | None = None
    mutual: bool = False  # joint participants are all sources, in every direction
    reciprocal: bool = False  # "X a rencontré Y": Y acts on X as well
    negated_type: str | None = None  # "ne peut pas être d'accord": REJECT, not negated AGREE
    mood: str | None = None  # a required verbal mood ("Cnd": "devrait")
    unless_near: frozenset[str] = frozenset()  # words that make the cue figurative
    keep_needs: bool = False  # the needed words are events of their own, not consumed
    default_target: str | None = None  # actor id of the target when the text names none

    @property
    def is_noun(self) -> bool:
        """Whether the cue's clause is that of the verb it hangs from (nouns, particles)."""
        return self.pos in ("NOUN", "ANY")


@dataclass(frozen=True, slots=True)
class Negation:
    """Negation words; in French "pas" negates only with "ne" (markers), in English alone."""

    markers: frozenset[str]
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything a language file says: its cues and the vocabularies that shape them."""

    language: str
    cues: tuple[Cue, ...]
    negation: Negation
    intent: frozenset[str] = frozenset()
    intent_forms: frozenset[str] = frozenset()  # "ouvert", "open": by form, no auxiliary
    refusal: frozenset[str] = frozenset()
    preparation: frozenset[str] = frozenset()  # "prepare": an act being readied (prepared_type)
    purpose: frozenset[str] = frozenset()  # "to", « pour »: an infinitive that is an aim
    # « la décision de X de … », "decision to send": the act, decided (asserted)
    decision_nouns: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()  # "part of", "a round of": see-through nouns
    hypothetical: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()  # "reportedly", « prétendument »: not asserted
    conditional_only: frozenset[str] = frozenset()  # hypothetical only in the conditional
    condition: frozenset[str] = frozenset()
    ultimatum: frozenset[str] = frozenset()  # "unless": a condition that makes a threat
    conditional_auxiliaries: frozenset[str] = frozenset()  # "would": future when reported
    conditional_endings: frozenset[str] = frozenset()  # infinitive + ending = conditional
    future_auxiliaries: frozenset[str] = frozenset()
    future_heads: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    party_pronouns: frozenset[str] = frozenset()  # "it", « il »: a party named just before
    noun_agent: tuple[str, ...] = ()  # "by", « par »: the agent of a nominal event
    genitive: frozenset[str] = frozenset()  # "of", « de »: a noun's owner ("the decision of X")
    channels: frozenset[str] = frozenset()  # « téléphone »: a means a verb's partner may hang on
    pair_numbers: dict[str, int] = field(default_factory=dict)  # "deux": 2, "trois": 3
    pair_nouns: frozenset[str] = frozenset()
    pair_people: frozenset[str] = frozenset()  # "les deux ministres": two persons named before
    joint: frozenset[str] = frozenset()  # "between", "entre": a noun's own participants
    leading: frozenset[str] = frozenset()  # "lead": "Saudi-led forces" act for that state
    companions: frozenset[str] = frozenset()  # "along with X", « aux côtés de X »: co-subjects
    dative: frozenset[str] = frozenset()  # "to", "à": also the verb's indirect object
    according: frozenset[str] = frozenset()
    background: frozenset[str] = frozenset()
    descriptions: frozenset[str] = frozenset()  # "the archipelago", "le royaume": a state
    own_government: frozenset[str] = frozenset()  # "the government" in speech: the speaker's
    # Words that make a target phrase point back to something already named: demonstrative
    # and definite determiners, third-person object pronouns (reflexives are not listed).
    demonstratives: frozenset[str] = frozenset()
    definites: frozenset[str] = frozenset()
    anaphors: frozenset[str] = frozenset()
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    relative_days: dict[str, int] = field(default_factory=dict)
    by_lemma: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    # regular inflected forms of verb cues, for verbs the model leaves unlemmatized
    # ("conteste" with lemma "conteste"): built from the language file's ``inflections``
    by_form: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    mood_lemmas: frozenset[str] = frozenset()  # cues that need a mood ("devrait"): not modal
    # Unions the stage asks for every cue, made once here from the fields above (not set by
    # callers, not compared): see ``__post_init__``.
    stance_nouns: frozenset[str] = field(init=False, repr=False, compare=False)
    markers: frozenset[str] = field(init=False, repr=False, compare=False)
    date_words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # stance_nouns: nouns whose infinitive tells what their owner decided, intends or
        # refuses to do (« la décision de X de … », « sa volonté de … », "its refusal to …");
        # markers: the words that open a condition, an ultimatum's included; date_words: the
        # words a relative date is read from (``timing``).
        object.__setattr__(self, "stance_nouns",
                           self.decision_nouns | self.intent | self.refusal)
        object.__setattr__(self, "markers", self.condition | self.ultimatum)
        object.__setattr__(self, "date_words", frozenset(self.relative_days)
                           | frozenset(self.weekdays) | frozenset(self.months))

    def cues_for(self, token: Token) -> list[Cue]:
        """The cues whose lemma, part of speech, mood and needed words fit this token."""
        return self.cues_at(parse_of(token.doc), token.i)

    def cues_at(self, parse: Parse, i: int) -> list[Cue]:
        """``cues_for`` the token ``i`` of a Doc's ``Parse``: no ``Token`` is built for a
        word that is no cue, nor for the words near it."""
        lower, tag = parse.lower[i], parse.pos[i]
        found: list[Cue] = []
        candidates = [c for key in _word_keys(parse.lemma[i], lower)
                      for c in self.by_lemma.get(key, ())]
        if not candidates and tag in _POS["VERB"]:
            candidates = list(self.by_form.get(lower, ()))  # a form left unlemmatized
        for cue in candidates:
            if tag in _POS[cue.pos] and _has_mood(parse, i, cue) and _has_needs(
                    parse, i, cue, self.partitives) and not _figurative(parse, i, cue) and (
                    cue not in found):
                found.append(cue)
        return found


def _word_keys(lemma: str, lower: str) -> tuple[str, ...]:
    """A token's lemma and form, typographic apostrophes folded ("s’" is "s'")."""
    if "’" in lower or "’" in lemma:
        lemma, lower = lemma.replace("’", "'"), lower.replace("’", "'")
    return (lemma,) if lemma == lower else (lemma, lower)


def _has_mood(parse: Parse, i: int, cue: Cue) -> bool:
    return cue.mood is None or cue.mood in parse.morph(i, "Mood")


def _has_needs(parse: Parse, i: int, cue: Cue,
               partitives: frozenset[str] = frozenset()) -> bool:
    """Each needed word is a child or grandchild of the cue ("mettre sur liste noire"), or
    stands below a partitive ("suspended part of a military aid program")."""
    if not cue.needs:
        return True
    lemma, lower = parse.lemma, parse.lower
    near = {w for t in near_indices(parse, i, partitives) for w in _word_keys(lemma[t], lower[t])}
    return all(alternatives & near for alternatives in cue.needs)


# A participle hung on a noun ("the resolution proposed by China", « la résolution proposée
# par la Chine ») says what that noun underwent: the noun is the verb's object, as near as one.
_PARTICIPLE = frozenset({"acl", "amod"})


def _figurative(parse: Parse, i: int, cue: Cue) -> bool:
    """A word near the cue that makes it a figure of speech ("meet someone halfway"), or the
    noun a participle cue describes ("the resolution proposed by China")."""
    if not cue.unless_near:
        return False
    near = near_indices(parse, i)
    if parse.dep[i] in _PARTICIPLE and parse.head[i] != i:
        near.append(parse.head[i])
    lemma, lower = parse.lemma, parse.lower
    return any(w in cue.unless_near for t in near for w in _word_keys(lemma[t], lower[t]))


# Dependents that start another predication: a needed word there belongs to another verb
# ("will suspend reviews and will sanction …": "sanction" is not what is suspended).
_OTHER_CLAUSE = frozenset({"conj", "cc", "parataxis", "advcl", "ccomp", "punct"})
_FUNCTION = frozenset({"prep", "case", "agent", "dative", "det", "punct", "cc"})


def near_words(token: Token, partitives: frozenset[str] = frozenset()) -> Iterable[Token]:
    """Children and grandchildren of a cue within its own clause, the dependents of a
    prepositional object counted as grandchildren; a partitive child ("part of", "a new
    round of", « une partie de ») is see-through: the phrase it quantifies is near too."""
    doc = token.doc
    return [doc[i] for i in near_indices(parse_of(doc), token.i, partitives)]


def near_indices(parse: Parse, i: int, partitives: frozenset[str] = frozenset()) -> list[int]:
    """``near_words`` as token indices, in the same order, walked over the Doc's parse."""
    dep, children, lemma, lower = parse.dep, parse.children, parse.lemma, parse.lower
    near: list[int] = []
    for child in children[i]:
        if dep[child] in _OTHER_CLAUSE:
            continue
        near.append(child)
        near += children[child]
        if dep[child] == "prep":  # ClearNLP spends a level on the preposition: "designated
            near += [w for g in children[child] if dep[g] == "pobj"  # … as a terrorist
                     for w in children[g]  # group" reaches "terrorist" as UD's obl would,
                     if dep[w] not in _FUNCTION]  # not another phrase's preposition
        if lemma[child] in partitives or lower[child] in partitives:
            near += _quantified(parse, child)
    return near


def _quantified(parse: Parse, partitive: int) -> list[int]:
    """The noun phrase a partitive quantifies, and that noun's own dependents."""
    dep, children = parse.dep, parse.children
    found: list[int] = []
    for link in children[partitive]:
        nouns = [g for g in children[link] if dep[g] == "pobj"] if dep[link] == "prep" else (
            [link] if dep[link] == "nmod" else [])
        for noun in nouns:
            found.append(noun)
            found += children[noun]
    return found


def load_lexicon(language: str, directory: str | Path | None = None) -> Lexicon | None:
    """The cue lexicon of a language, or None when porteparole has no event file for it."""
    if directory is None:
        return _default(language)
    source = Path(directory) / f"{language}.yaml"
    return _read(source, load_ontology()) if source.is_file() else None


@per_root
def _default(language: str) -> Lexicon | None:
    source = knowledge_path("events", f"{language}.yaml")
    return _read(source, load_ontology()) if source.is_file() else None


_FILE_KEYS = frozenset({"version", "language", "negation", "intent", "intent_forms", "refusal",
                        "preparation", "inflections",
                        "purpose", "decision_nouns", "partitives",
                        "hypothetical", "hedges",
                        "conditional_only", "condition", "ultimatum", "conditional_auxiliaries",
                        "conditional_endings",
                        "future_auxiliaries", "future_heads", "first_person", "party_pronouns",
                        "noun_agent", "genitive", "channels",
                        "pair",
                        "according", "background", "descriptions", "own_government",
                        "demonstratives", "definites", "anaphors",
                        "joint", "dative", "leading", "companions",
                        "months", "weekdays", "relative_days", "cues"})


def _read(source: Traversable | Path, ontology: Ontology) -> Lexicon:
    where, data = read_yaml(path=source)
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    cues = tuple(_cue(where, i, raw, ontology) for i, raw in enumerate(data.get("cues") or []))
    by_lemma: dict[str, list[Cue]] = {}
    for cue in cues:
        by_lemma.setdefault(cue.lemma, []).append(cue)
    negation = data.get("negation") or {}
    pair = data.get("pair") or {}
    return Lexicon(
        language=str(data.get("language", "")),
        cues=cues,
        negation=Negation(_words(negation.get("markers")), _words(negation.get("words"))),
        intent=_words(data.get("intent")),
        intent_forms=_words(data.get("intent_forms")),
        refusal=_words(data.get("refusal")),
        preparation=_words(data.get("preparation")),
        purpose=_words(data.get("purpose")),
        decision_nouns=_words(data.get("decision_nouns")),
        partitives=_words(data.get("partitives")),
        hypothetical=_words(data.get("hypothetical")),
        hedges=_words(data.get("hedges")),
        conditional_only=_words(data.get("conditional_only")),
        condition=_words(data.get("condition")),
        ultimatum=_words(data.get("ultimatum")),
        conditional_auxiliaries=_words(data.get("conditional_auxiliaries")),
        conditional_endings=_words(data.get("conditional_endings")),
        future_auxiliaries=_words(data.get("future_auxiliaries")),
        future_heads=_words(data.get("future_heads")),
        first_person=_words(data.get("first_person")),
        party_pronouns=_words(data.get("party_pronouns")),
        noun_agent=tuple(sorted(_words(data.get("noun_agent")))),
        genitive=_words(data.get("genitive")),
        channels=_words(data.get("channels")),
        pair_numbers=_counts(where, pair.get("numbers")),
        pair_nouns=_words(pair.get("nouns")),
        pair_people=_words(pair.get("people")),
        joint=_words(data.get("joint")),
        leading=_words(data.get("leading")),
        companions=_words(data.get("companions")),
        dative=_words(data.get("dative")),
        according=_words(data.get("according")),
        background=_words(data.get("background")),
        descriptions=_words(data.get("descriptions")),
        own_government=_words(data.get("own_government")),
        demonstratives=_words(data.get("demonstratives")),
        definites=_words(data.get("definites")),
        anaphors=_words(data.get("anaphors")),
        months=_numbers(where, "months", data.get("months")),
        weekdays=_numbers(where, "weekdays", data.get("weekdays")),
        relative_days=_numbers(where, "relative_days", data.get("relative_days")),
        by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        by_form=_inflected(where, cues, data.get("inflections")),
        mood_lemmas=frozenset(c.lemma for c in cues if c.mood),
    )


def _inflected(where: str, cues: tuple[Cue, ...], raw: Any) -> dict[str, tuple[Cue, ...]]:
    """Regular forms of the verb cues: for each infinitive ending the language file lists
    (``inflections: {er: [e, ent, é, …]}``), the stem plus each form's ending."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(e, str) for e in v)
            for k, v in raw.items()):
        raise KnowledgeError(f"{where}: inflections must map infinitive endings to endings")
    forms: dict[str, list[Cue]] = {}
    for cue in cues:
        if cue.pos not in ("VERB", "AUX"):
            continue
        for ending, endings in raw.items():
            if cue.lemma.endswith(ending):
                stem = cue.lemma[: -len(ending)]
                for form in {stem + str(e) for e in endings} - {cue.lemma}:
                    forms.setdefault(form, []).append(cue)
    return {form: tuple(found) for form, found in forms.items()}


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw or ())


def _counts(where: str, raw: Any) -> dict[str, int]:
    """Group numbers: a list means pairs ("both", "deux"), a mapping gives each its count."""
    if isinstance(raw, list):
        return {str(w).lower(): 2 for w in raw}
    counts = _numbers(where, "pair.numbers", raw)
    if any(n < 2 for n in counts.values()):
        raise KnowledgeError(f"{where}: pair.numbers must count at least two parties")
    return counts


def _numbers(where: str, key: str, raw: Any) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, int) for v in raw.values()):
        raise KnowledgeError(f"{where}: {key} must map words to integers")
    return {str(k).lower(): v for k, v in raw.items()}


def _cue(where: str, index: int, raw: Any, ontology: Ontology) -> Cue:
    label = f"{where}: cue #{index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
        raise KnowledgeError(f"{label}: must be a mapping with a 'lemma'")
    label = f"{label} ({raw['lemma']})"
    unknown = set(raw) - _CUE_KEYS
    if unknown:
        raise KnowledgeError(f"{label}: unknown keys {', '.join(sorted(unknown))}")
    kind = str(raw.get("type"))
    if kind not in ontology.types:
        raise KnowledgeError(f"{label}: type {kind!r} is not a PLOVER type")
    for key in ("negated_type",):
        if raw.get(key) is not None and raw[key] not in ontology.types:
            raise KnowledgeError(f"{label}: {key} {raw[key]!r} is not a PLOVER type")
    mode = raw.get("mode")
    if mode is not None and mode not in ontology.types[kind].modes:
        raise KnowledgeError(f"{label}: {kind} has no mode {mode!r}")
    pos = str(raw.get("pos", "VERB")).upper()
    if pos not in _POS:
        raise KnowledgeError(f"{label}: pos must be one of {', '.join(_POS)}")
    default_source = ("subj",) if pos != "NOUN" else ("poss", "subj")
    return Cue(
        lemma=raw["lemma"].lower(),
        pos=pos,
        type=kind,
        source=_roles(label, raw.get("source"), default_source),
        target=_roles(label, raw.get("target"), ()),
        needs=tuple(frozenset(n.lower().split("|")) for n in _strings(label, raw.get("needs"))),
        mode=mode,
        mutual=bool(raw.get("mutual", False)),
        reciprocal=bool(raw.get("reciprocal", False)),
        negated_type=raw.get("negated_type"),
        mood=raw.get("mood"),
        unless_near=frozenset(w.lower() for w in _strings(label, raw.get("unless_near"))),
        keep_needs=bool(raw.get("keep_needs", False)),
        default_target=_default_target(label, raw.get("default_target")),
    )


def _default_target(label: str, raw: Any) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw:
        raise KnowledgeError(f"{label}: default_target must be an actor id, got {raw!r}")
    return raw


def _strings(label: str, raw: Any) -> list[str]:
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise KnowledgeError(f"{label}: expected a word or a list of words, got {raw!r}")
    return items


def _roles(label: str, raw: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    roles = tuple(_strings(label, raw)) or default
    return tuple(r.lower() for r in roles)
