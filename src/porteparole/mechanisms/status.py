"""Which status cue governs a mechanism's name in a sentence, and whether it really happened.

The rules, on the dependency parse of one sentence (one line of it: a title and the
dateline after it are never one clause):

1. **Path.** From the root token of the mechanism's name, walk up the heads. The first
   status cue met is the *near cue*: a verb whose subtree holds the name ("suspended the
   talks", "the talks resumed") or a noun the name attaches to ("the resumption of the
   talks", "la reprise des communications"). Before it, the path may only cross function
   words, adjectives, other mechanism names and *carrier* nouns ("hold meetings under the
   MMCA"); another verb or noun means the cue is about something else ("signed an MOU under
   the BRI"), and a preposition of circumstance makes the name a mere circumstance ("during
   the consultations, the two sides reached consensus").
2. **Upper cue.** Above the near cue, an ``agreed`` or ``proposed`` cue decides instead:
   "agreed to resume X" is an agreement, not a resumption; "proposed creating X" a proposal.
3. **Irrealis.** A wish, plan, discussion or effort above the near cue ("hope to resume",
   "discutaient du rétablissement", "en vue du rétablissement") means nothing happened yet:
   no update. Climbing stops at a coordinated main clause ("and commanders will resume").
4. **Modifiers.** A participle or relative clause on the name or on the nouns that carry it
   ("the channel, suspended in 2022", "la résolution proposée par la Chine") is a cue of its
   own, judged on its own modality (and dropped with the rest under an irrealis word).
5. **Modality of the deciding cue** (or of the verb a cue noun depends on; a coordinated
   verb shares the auxiliaries of the first): negated ("n'ont pas repris", "did not agree"):
   nothing; hypothetical (conditional mood, "could", "pourraient", an "if" clause): nothing;
   future ("reprendront", "will resume"): mapped by ``future`` in the data
   (resumed/held/agreed -> agreed, suspended stays, proposed/adopted are dropped).
   An infinitive cue with no upper cue is a purpose ("the commitment made to reopen X"),
   unless the verb above enacts it (``realis``: "decided to suspend", "décidé d'ouvrir").
6. A question ("Will the talks resume?") asserts nothing: the caller skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.mechanisms.catalog import Modality
from porteparole.text.folds import fold_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Cue", "Decision", "Grammar", "decide"]

_UPPER = ("agreed", "proposed")
_MODIFIER_DEPS = {"acl", "acl:relcl", "relcl", "amod"}
_FUNCTION = {"ADP", "DET", "PUNCT", "CCONJ", "ADJ", "NUM", "PART", "SYM", "X", "SPACE"}
_NOMINAL = {"NOUN", "PROPN", *_FUNCTION}


@dataclass(frozen=True, slots=True)
class Cue:
    """A status cue word in the sentence: token index, status, and part (verb or noun)."""

    token: int
    status: str
    part: str  # "verbs" | "nouns"


@dataclass(frozen=True, slots=True)
class Decision:
    status: str
    cue: int  # token index of the cue that decided


@dataclass(frozen=True, slots=True)
class Grammar:
    """The language's words the rules need, and what the sentence holds."""

    modality: Modality
    future: dict[str, str]
    carriers: frozenset[str]
    circumstantial: frozenset[str]
    cues: dict[int, Cue]
    names: frozenset[int]  # token indices inside any mechanism name of the sentence
    bounds: tuple[int, int]  # token range of the line being read


def decide(doc: Doc, name: tuple[int, int], grammar: Grammar) -> list[Decision]:
    """The status updates the name at tokens ``[start, end)`` receives."""
    path = [t for t in _path(doc, name, grammar.bounds) if not name[0] <= t.i < name[1]]
    on_path, blocked = _path_decision(path, grammar)
    decisions = [] if on_path is None else [on_path]
    if not blocked:
        decisions += [Decision(c.status, c.token) for c in _modifiers(doc, name, path, grammar)]
    return [d for d in (_with_modality(doc, d, grammar) for d in decisions) if d]


def _root(doc: Doc, start: int, end: int) -> Token:
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[start]


def _path(doc: Doc, name: tuple[int, int], bounds: tuple[int, int]) -> list[Token]:
    token = _root(doc, *name)
    path = [token]
    while token.head.i != token.i and bounds[0] <= token.head.i < bounds[1]:
        token = token.head
        path.append(token)
    return path


def _path_decision(path: list[Token], grammar: Grammar) -> tuple[Decision | None, bool]:
    """The decision on the path, and whether an irrealis word blocked everything."""
    near = None
    for position, token in enumerate(path):
        if token.i in grammar.cues:
            near = position
            break
        if not _transparent(token, grammar):
            return None, False
    if near is None:
        return None, False
    first = deciding = grammar.cues[path[near].i]
    for position in range(near + 1, len(path)):
        below, token = path[position - 1], path[position]
        if below.dep_ == "conj" and _is_clause_head(token):
            break
        cue = grammar.cues.get(token.i)
        if cue is None and _word_in(token, grammar.modality.irrealis):
            return None, True
        if cue is not None and cue.status in _UPPER and deciding is first:
            deciding = cue if cue.status != first.status else first
    if deciding is first and _bare_infinitive(path[near], grammar.modality):
        return None, False  # "the commitment made to reopen X": a purpose, not an update
    return Decision(deciding.status, deciding.token), False


def _bare_infinitive(token: Token, modality: Modality) -> bool:
    """An infinitive cue with no agreement above it, under a verb that does not enact it."""
    if "Inf" not in token.morph.get("VerbForm", []) or token.dep_ in {"ROOT", "conj"}:
        return False
    return not _word_in(token.head, modality.realis)


def _transparent(token: Token, grammar: Grammar) -> bool:
    """May the path from a name to its cue cross this token?"""
    on_verb = token.head.pos_ in {"VERB", "AUX"}
    if on_verb and (_word_in(token, grammar.circumstantial) or any(
        c.dep_ in {"case", "mark"} and _word_in(c, grammar.circumstantial)
        for c in token.children
    )):
        return False  # the name is an adverbial of a verb: "during the talks, they agreed"
    return token.i in grammar.names or token.pos_ in _FUNCTION or _word_in(token, grammar.carriers)


def _modifiers(doc: Doc, name: tuple[int, int], path: list[Token], grammar: Grammar) -> list[Cue]:
    """Cues on participles or relative clauses of the name and of the nouns carrying it."""
    carriers = list(doc[name[0]:name[1]])
    for token in path:
        if token.pos_ not in _NOMINAL:
            break
        carriers.append(token)
    found = []
    for carrier in carriers:
        for child in carrier.children:
            cue = grammar.cues.get(child.i)
            if (
                cue is not None and cue.part == "verbs" and child.dep_ in _MODIFIER_DEPS
                and not name[0] <= child.i < name[1]
            ):
                found.append(cue)
    return found


def _with_modality(doc: Doc, decision: Decision, grammar: Grammar) -> Decision | None:
    modality = grammar.modality
    token = doc[decision.cue]
    verb = _governing_verb(token)
    frames = [token] if verb is None else [token, *_coordination(verb)]
    if any(_negated(t, modality) for t in frames):
        return None
    if verb is None:
        return decision
    if any(_hypothetical(v, modality) for v in frames):
        return None
    if any(_future(v, modality) for v in frames):
        status = grammar.future.get(decision.status)
        return None if status is None else Decision(status, decision.cue)
    return decision


def _governing_verb(token: Token) -> Token | None:
    """The verb whose tense and mood apply to a cue: itself, or the verb a cue noun is under."""
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in {"VERB", "AUX"} or "Part" in candidate.morph.get("VerbForm", []):
            return candidate
    return None


def _coordination(verb: Token) -> list[Token]:
    """The verb and the verbs it is coordinated under ("will restart X and hold Y")."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in {"VERB", "AUX"}:
        chain.append(chain[-1].head)
    return chain


def _negated(token: Token, modality: Modality) -> bool:
    return any(
        child.dep_ == "neg" or "Neg" in child.morph.get("Polarity", [])
        or (child.dep_ in {"advmod", "det", "neg"} and _word_in(child, modality.negation))
        for child in token.children
    )


def _hypothetical(verb: Token, modality: Modality) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Cnd" in t.morph.get("Mood", []) for t in [verb, *auxiliaries]):
        return True
    for child in verb.children:
        if (child.dep_.startswith("aux") or child.dep_ == "mark") and _word_in(
            child, modality.hypothetical
        ):
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and _word_in(g, modality.hypothetical) for g in child.children
        ):
            return True
    return False


def _future(verb: Token, modality: Modality) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    return "Fut" in verb.morph.get("Tense", []) or any(
        _word_in(a, modality.future) or "Fut" in a.morph.get("Tense", []) for a in auxiliaries
    )


def _is_clause_head(token: Token) -> bool:
    return token.dep_ in {"ROOT", "conj", "parataxis"} and token.pos_ in {"VERB", "AUX"}


def _word_in(token: Token, words: frozenset[str]) -> bool:
    return fold_key(token.text) in words or fold_key(token.lemma_) in words


def clause(doc: Doc, cue: int, name: tuple[int, int]) -> str:
    """The cue's own clause, with nested clauses that do not hold the name blanked out.

    "met for the first talks since Beijing froze the dialogue in August 2022": the date
    belongs to the freezing, not to the meeting.
    """
    token = doc[cue]
    start, end = token.left_edge.i, token.right_edge.i + 1
    chars = list(doc[start:end].text)
    offset = doc[start].idx
    for child in token.children:
        nested = child.dep_ in {"advcl", "relcl", "acl:relcl", "ccomp", "acl", "parataxis"}
        holds_name = child.left_edge.i <= name[0] < child.right_edge.i + 1
        if nested and not holds_name:
            for position in range(child.left_edge.idx, child.right_edge.idx +
                                  len(child.right_edge)):
                chars[position - offset] = " "
    return "".join(chars)
