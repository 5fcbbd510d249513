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

from porteparole.events.parse import Parse, parse_of
from porteparole.events.patterns import Lexicon
from porteparole.events.stance import infinitive_at, qualified_noun_at, stance_noun_at

if TYPE_CHECKING:
    from spacy.tokens import Token

_MAX_CHAIN = 5
_VERBS = frozenset({"VERB", "AUX"})

# The reading walks the Doc's parse (``events.parse``) over token indices: it is asked for
# every cue, and a ``Token`` built for each word of each chain and of their children cost
# more than the rules themselves.


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
    doc = cue.doc
    return [doc[i] for i in verbal_chain_at(parse_of(doc), cue.i)]


def verbal_chain_at(parse: Parse, cue: int) -> list[int]:
    """``verbal_chain`` as token indices."""
    heads, dep, pos = parse.head, parse.dep, parse.pos
    chain = [cue]
    current = cue
    while pos[current] not in _VERBS and heads[current] != current and len(chain) < _MAX_CHAIN:
        current = heads[current]
        chain.append(current)
    while heads[current] != current and len(chain) < 2 * _MAX_CHAIN:
        head = heads[current]
        if dep[current] == "xcomp":
            current = head
        elif dep[current] == "pcomp" and dep[head] == "prep" and heads[head] != head:
            current = heads[head]  # "open to resuming", "committed to restoring"
        else:
            break
        chain.append(current)
    return chain


def read(cue: Token, lexicon: Lexicon) -> Reading:
    """The modality of a cue from its verbal chain."""
    return read_at(parse_of(cue.doc), cue.i, lexicon)


def read_at(parse: Parse, cue: int, lexicon: Lexicon) -> Reading:
    """``read`` for the Doc's token ``cue``."""
    lemma, lower, dep = parse.lemma, parse.lower, parse.dep
    chain = verbal_chain_at(parse, cue)
    noun = stance_noun_at(parse, chain[-1], lexicon)
    if noun is not None:  # « sa décision de sanctionner », « sa volonté de coopérer »
        chain = [*chain, *verbal_chain_at(parse, noun)]
    governors = chain[1:]
    # "its refusal to extradite …": the stance noun, now one of the governors, says it
    governing = {lemma[t] for t in governors}
    children = [c for t in chain for c in parse.children[t]]
    words = {lower[c] for c in children} | {lemma[c] for c in children}
    auxiliaries = [c for c in children if dep[c].startswith("aux")]
    would = _would(parse, chain, lexicon)
    return Reading(
        negated=_negated(words, lexicon),
        intent=not lexicon.intent.isdisjoint(governing) or any(
            _predicative(parse, t, lexicon) for t in governors),
        refusal=not lexicon.refusal.isdisjoint(governing),
        prepared=not lexicon.preparation.isdisjoint(governing),
        condition=_marked(parse, chain, lexicon.markers, own=True),
        ultimatum=_marked(parse, chain, lexicon.ultimatum, own=False),
        hypothetical=_hypothetical(parse, chain, children, auxiliaries, lexicon) or (
            would is False),
        future=_future(parse, chain, governing, auxiliaries, lexicon) or would is True,
    )


def _predicative(parse: Parse, token: int, lexicon: Lexicon) -> bool:
    """An intent adjective or participle used as such, by its form and without an auxiliary
    ("se dit ouvert à", "is open to"), not the verb it comes from ("a ouvert", "opened")."""
    if parse.lower[token] not in lexicon.intent_forms:
        return False
    dep = parse.dep
    return not any(dep[c].startswith("aux") for c in parse.children[token])


def _negated(words: set[str], lexicon: Lexicon) -> bool:
    negation = lexicon.negation
    if not words & negation.words:
        return False
    return not negation.markers or bool(words & negation.markers)


def _marked(parse: Parse, chain: list[int], words: frozenset[str], own: bool) -> bool:
    """Whether a clause of the chain (``own``: the cue is what the condition supposes) or a
    clause hanging from it (the cue is what follows: "will withdraw … unless …") opens with
    one of the words ("à moins que": the word may be a fixed part of the marker)."""
    if not words:
        return False
    dep, lower, children = parse.dep, parse.lower, parse.children
    for token in chain:
        if own:
            marks = [c for c in children[token] if dep[c] == "mark"]
        else:  # the marker of a clause hanging from the cue, or one hung on the cue itself
            marks = [m for c in children[token] if dep[c] in ("advcl", "ccomp")
                     for m in children[c] if dep[m] == "mark"]
            hung = [c for c in children[token] if dep[c] in ("advmod", "mark", "cc")]
            # a locution hung on the cue counts by its fixed part only ("à moins",
            # not "encore moins")
            if any(dep[f] == "fixed" and lower[f] in words for c in hung for f in children[c]):
                return True
        for mark in marks:
            if ({lower[mark]} | {lower[f] for f in children[mark] if dep[f] == "fixed"}
                    ) & words:
                return True
    return False


def _would(parse: Parse, chain: list[int], lexicon: Lexicon) -> bool | None:
    """ "would": in a clause a speech verb governs, the future of reported speech ("said they
    would boycott": True); elsewhere a hypothetical ("that would reward the regime": False);
    None without such an auxiliary on the chain."""
    dep, lower, children = parse.dep, parse.lower, parse.children
    auxiliaries = lexicon.conditional_auxiliaries
    for token in chain:
        for c in children[token]:
            if lower[c] in auxiliaries and dep[c].startswith("aux"):
                return dep[token] in _REPORTED
    return None


_ADVERBIAL = frozenset({"advcl"})  # an infinitive hung on a verb: its aim, if marked so
_AIMS = _ADVERBIAL | {"acl"}  # … or on a noun before it, where the parser put it


def _purpose(parse: Parse, verb: int, lexicon: Lexicon) -> bool:
    """An infinitive that says what another act is for ("offered to host a summit to hammer
    out an agreement", « pour négocier »): an aim, not an act. The marker comes from the
    language file (``purpose``). A conjunct, or a later infinitive of the same verb, shares
    the first aim's marker (« pour intensifier …, assurer … et aider … »: three aims)."""
    dep, heads, children, lower = parse.dep, parse.head, parse.children, parse.lower
    while dep[verb] == "conj" and infinitive_at(parse, verb) and infinitive_at(parse, heads[verb]):
        verb = heads[verb]
    if not infinitive_at(parse, verb) or dep[verb] not in _ADVERBIAL | {"conj"}:
        return False  # a conjunct of a finite verb is an aim after an aim of that verb
    # a list of aims shares the first one's marker (« pour renforcer …, assurer … »); the
    # parser may hang that first aim on the object before it (« profitera de l'adoption de
    # la résolution pour intensifier …, assurer … et aider … »): an infinitive conjoined
    # with a finite verb is an aim when an aim so marked comes before it in that verb's clause
    head = heads[verb]
    aims = [verb, *children[head]] if dep[verb] != "conj" or infinitive_at(parse, head) else [
        verb, *(t for t in _subtree(parse.children, head) if t < verb)]
    return any(dep[aim] in _AIMS and aim <= verb and infinitive_at(parse, aim) and any(
        dep[c] in ("aux", "mark") and lower[c] in lexicon.purpose for c in children[aim])
        for aim in aims)


def _subtree(children: list[list[int]], top: int) -> list[int]:
    """The token and every token below it (``Token.subtree``, order aside)."""
    found, stack = [], [top]
    while stack:
        token = stack.pop()
        found.append(token)
        stack += children[token]
    return found


def _hypothetical(parse: Parse, chain: list[int], children: list[int],
                  auxiliaries: list[int], lexicon: Lexicon) -> bool:
    """A purpose, a conditional report, a hypothetical governor, a hedge or a hypothetical
    auxiliary (``children``: the chain's dependents, ``auxiliaries`` those that are aux)."""
    dep, lemma, lower = parse.dep, parse.lemma, parse.lower
    last = chain[-1]
    owner = qualified_noun_at(parse, last)
    if owner is not None and lemma[owner] not in lexicon.stance_nouns:
        return True  # "a summit to hammer out an agreement", "une réunion pour trouver …"
    if _purpose(parse, last, lexicon):
        return True
    mood_lemmas = lexicon.mood_lemmas
    if any(_unconfirmed(parse, t, lexicon) and lemma[t] not in mood_lemmas
           for t in (*chain, *auxiliaries)):
        return True
    for token in chain[1:]:
        if lemma[token] in lexicon.conditional_only:
            if _conditional(parse, token, lexicon):
                return True
        elif lemma[token] in lexicon.hypothetical:
            return True
    hedges = lexicon.hedges
    if any(lower[c] in hedges and dep[c] == "advmod" for c in children):
        return True  # "reportedly attacked", « a prétendument attaqué »: hedged, not asserted
    return not lexicon.hypothetical.isdisjoint([lower[c] for c in auxiliaries])


_REPORTED = frozenset({"ccomp", "xcomp"})


def _unconfirmed(parse: Parse, token: int, lexicon: Lexicon) -> bool:
    """A verb in the conditional mood outside a complement clause ("il s'agirait de …",
    "X aurait attaqué"): the press's unconfirmed report. In a complement clause it is
    the sequence of tenses of reported speech ("a déclaré qu'elle prendrait …")."""
    dep = parse.dep
    clause = parse.head[token] if dep[token].startswith("aux") else token
    return parse.pos[token] in _VERBS and dep[clause] not in _REPORTED and _conditional(
        parse, token, lexicon)


def _conditional(parse: Parse, token: int, lexicon: Lexicon) -> bool:
    """The model's Mood=Cnd, or a form built on the infinitive with a conditional ending
    ("agir" -> "agirait", "prendre" -> "prendrait") that the model took for an imperfect."""
    if "Cnd" in parse.morph(token, "Mood"):
        return True
    lemma, form = parse.lemma[token], parse.lower[token]
    stems = (lemma, lemma[:-1]) if lemma.endswith("e") else (lemma,)
    endings = lexicon.conditional_endings
    return any(form.startswith(stem) and form[len(stem):] in endings for stem in stems)


def _future(parse: Parse, chain: list[int], governing: set[str], auxiliaries: list[int],
            lexicon: Lexicon) -> bool:
    """A verb of the chain in the future tense, a future governor ("va", "will") or a future
    auxiliary (``governing``: the lemmas of the chain past the cue)."""
    morph = parse.morph
    if any("Fut" in morph(t, "Tense") for t in chain):
        return True
    if not lexicon.future_heads.isdisjoint(governing):
        return True
    lower = parse.lower
    return not lexicon.future_auxiliaries.isdisjoint([lower[c] for c in auxiliaries])
