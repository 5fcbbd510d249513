"""How a cue is asserted: negated, intended, refused, conditional, hypothetical, future.

The reading looks at the cue's *verbal chain*: the cue, the verb it hangs from (a noun cue's
light verb: "être d'accord", "lancer un avertissement") and the verbs governing that one
through control ("est disposée à coopérer", "refuse de discuter", "ne peut pas accepter").
The words come from the language file (``negation``, ``intent``, ``refusal``,
``hypothetical``, ``condition``, ``future_*``); the morphology (``Tense=Fut``,
``Mood=Cnd``) from the model. Nothing here names a word of any language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.events.patterns import Lexicon
from porteparole.events.stance import qualified_noun, stance_noun

if TYPE_CHECKING:
    from spacy.tokens import Token

_MAX_CHAIN = 5


@dataclass(frozen=True, slots=True)
class Reading:
    """What the verbal chain says about the cue."""

    negated: bool = False
    intent: bool = False
    refusal: bool = False
    prepared: bool = False  # "se prépare à envahir": readied, not done
    condition: bool = False
    ultimatum: bool = False  # "will withdraw … unless …": a threat, asserted
    hypothetical: bool = False
    future: bool = False


def verbal_chain(cue: Token) -> list[Token]:
    """The cue, its light verb if it is a noun, and the verbs that control it."""
    chain = [cue]
    current = cue
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i and len(
            chain) < _MAX_CHAIN:
        current = current.head
        chain.append(current)
    while current.head.i != current.i and len(chain) < 2 * _MAX_CHAIN:
        if current.dep_ == "xcomp":
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep" and (
                current.head.head.i != current.head.i):
            current = current.head.head  # "open to resuming", "committed to restoring"
        else:
            break
        chain.append(current)
    return chain


def read(cue: Token, lexicon: Lexicon) -> Reading:
    """The modality of a cue from its verbal chain."""
    chain = verbal_chain(cue)
    noun = stance_noun(chain[-1], lexicon)
    if noun is not None:  # « sa décision de sanctionner », « sa volonté de coopérer »
        chain = [*chain, *verbal_chain(noun)]
    governors = chain[1:]
    children = [c for t in chain for c in t.children]
    words = {c.lower_ for c in children} | {c.lemma_.lower() for c in children}
    # "its refusal to extradite …": the stance noun, now one of the governors, says it
    return Reading(
        negated=_negated(words, lexicon),
        intent=any(_lemma(t) in lexicon.intent or _predicative(t, lexicon) for t in governors),
        refusal=any(_lemma(t) in lexicon.refusal for t in governors),
        prepared=any(_lemma(t) in lexicon.preparation for t in governors),
        condition=_condition(chain, lexicon),
        ultimatum=_marked(chain, lexicon.ultimatum, own=False),
        hypothetical=_hypothetical(chain, children, lexicon) or _would(chain, lexicon, False),
        future=_future(chain, children, lexicon) or _would(chain, lexicon, True),
    )


def _predicative(token: Token, lexicon: Lexicon) -> bool:
    """An intent adjective or participle used as such, by its form and without an auxiliary
    ("se dit ouvert à", "is open to"), not the verb it comes from ("a ouvert", "opened")."""
    return token.lower_ in lexicon.intent_forms and not any(
        c.dep_.startswith("aux") for c in token.children)


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _negated(words: set[str], lexicon: Lexicon) -> bool:
    negation = lexicon.negation
    if not words & negation.words:
        return False
    return not negation.markers or bool(words & negation.markers)


def _condition(chain: list[Token], lexicon: Lexicon) -> bool:
    return _marked(chain, lexicon.condition | lexicon.ultimatum, own=True)


def _marked(chain: list[Token], words: frozenset[str], own: bool) -> bool:
    """Whether a clause of the chain (``own``: the cue is what the condition supposes) or a
    clause hanging from it (the cue is what follows: "will withdraw … unless …") opens with
    one of the words ("à moins que": the word may be a fixed part of the marker)."""
    if not words:
        return False
    for token in chain:
        if own:
            marks = [c for c in token.children if c.dep_ == "mark"]
        else:  # the marker of a clause hanging from the cue, or one hung on the cue itself
            marks = [m for c in token.children if c.dep_ in ("advcl", "ccomp")
                     for m in c.children if m.dep_ == "mark"]
            hung = [c for c in token.children if c.dep_ in ("advmod", "mark", "cc")]
            # a locution hung on the cue counts by its fixed part only ("à moins",
            # not "encore moins")
            if any(f.dep_ == "fixed" and f.lower_ in words for c in hung for f in c.children):
                return True
        for mark in marks:
            if ({mark.lower_} | {f.lower_ for f in mark.children if f.dep_ == "fixed"}) & words:
                return True
    return False


def _would(chain: list[Token], lexicon: Lexicon, reported: bool) -> bool:
    """ "would": in a clause a speech verb governs, the future of reported speech ("said they
    would boycott"); elsewhere a hypothetical ("that would reward the regime")."""
    for token in chain:
        if any(c.dep_.startswith("aux") and c.lower_ in lexicon.conditional_auxiliaries
               for c in token.children):
            return (token.dep_ in _REPORTED) == reported
    return False


_ADVERBIAL = frozenset({"advcl"})  # an infinitive hung on a verb: its aim, if marked so
_AIMS = _ADVERBIAL | {"acl"}  # … or on a noun before it, where the parser put it


def _purpose(verb: Token, lexicon: Lexicon) -> bool:
    """An infinitive that says what another act is for ("offered to host a summit to hammer
    out an agreement", « pour négocier »): an aim, not an act. The marker comes from the
    language file (``purpose``). A conjunct, or a later infinitive of the same verb, shares
    the first aim's marker (« pour intensifier …, assurer … et aider … »: three aims)."""
    while verb.dep_ == "conj" and _infinitive(verb) and _infinitive(verb.head):
        verb = verb.head
    if not _infinitive(verb) or verb.dep_ not in _ADVERBIAL | {"conj"}:
        return False  # a conjunct of a finite verb is an aim after an aim of that verb
    # a list of aims shares the first one's marker (« pour renforcer …, assurer … »); the
    # parser may hang that first aim on the object before it (« profitera de l'adoption de
    # la résolution pour intensifier …, assurer … et aider … »): an infinitive conjoined
    # with a finite verb is an aim when an aim so marked comes before it in that verb's clause
    aims = (verb, *verb.head.children) if verb.dep_ != "conj" or _infinitive(verb.head) else (
        verb, *(t for t in verb.head.subtree if t.i < verb.i))
    return any(_infinitive(aim) and aim.dep_ in _AIMS and aim.i <= verb.i and any(
        c.dep_ in ("aux", "mark") and c.lower_ in lexicon.purpose for c in aim.children)
        for aim in aims)


def _infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", [])


def _hypothetical(chain: list[Token], children: list[Token], lexicon: Lexicon) -> bool:
    last = chain[-1]
    owner = qualified_noun(last)
    if owner is not None and _lemma(owner) not in (
            lexicon.intent | lexicon.refusal | lexicon.decision_nouns):
        return True  # "a summit to hammer out an agreement", "une réunion pour trouver …"
    if _purpose(last, lexicon):
        return True
    verbs = chain + [c for t in chain for c in t.children if c.dep_.startswith("aux")]
    if any(_unconfirmed(t, lexicon) and _lemma(t) not in lexicon.mood_lemmas for t in verbs):
        return True
    for token in chain[1:]:
        lemma = _lemma(token)
        if lemma in lexicon.conditional_only:
            if _conditional(token, lexicon):
                return True
        elif lemma in lexicon.hypothetical:
            return True
    if any(c.dep_ == "advmod" and c.lower_ in lexicon.hedges for c in children):
        return True  # "reportedly attacked", « a prétendument attaqué »: hedged, not asserted
    return any(c.dep_.startswith("aux") and c.lower_ in lexicon.hypothetical
               for c in children)


_REPORTED = frozenset({"ccomp", "xcomp"})


def _unconfirmed(token: Token, lexicon: Lexicon) -> bool:
    """A verb in the conditional mood outside a complement clause ("il s'agirait de …",
    "X aurait attaqué"): the press's unconfirmed report. In a complement clause it is
    the sequence of tenses of reported speech ("a déclaré qu'elle prendrait …")."""
    clause = token.head if token.dep_.startswith("aux") else token
    return _conditional(token, lexicon) and clause.dep_ not in _REPORTED and (
        token.pos_ in ("VERB", "AUX"))


def _conditional(token: Token, lexicon: Lexicon) -> bool:
    """The model's Mood=Cnd, or a form built on the infinitive with a conditional ending
    ("agir" -> "agirait", "prendre" -> "prendrait") that the model took for an imperfect."""
    if "Cnd" in token.morph.get("Mood", []):
        return True
    lemma, form = _lemma(token), token.lower_
    stems = (lemma, lemma[:-1]) if lemma.endswith("e") else (lemma,)
    return any(form == stem + ending for stem in stems
               for ending in lexicon.conditional_endings)


def _future(chain: list[Token], children: list[Token], lexicon: Lexicon) -> bool:
    if any("Fut" in t.morph.get("Tense", []) for t in chain):
        return True
    if any(_lemma(t) in lexicon.future_heads for t in chain[1:]):
        return True
    return any(c.dep_.startswith("aux") and c.lower_ in lexicon.future_auxiliaries
               for c in children)
