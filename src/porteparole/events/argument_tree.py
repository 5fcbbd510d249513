"""The dependency walks of the argument finder (``events.arguments``), over token indices.

Why: finding a cue's arguments asks the same few dozen tokens around every cue for their
children, heads, labels and morphology, again and again (a subject, then its conjuncts,
then a preposition's phrase three levels down). On ``Token`` objects every step builds new
Python objects (``token.children``, ``token.head``, ``doc[i]``): tens of thousands per
document. Here the parse is the events stage's ``Parse`` of the token table's columns (``head``,
``dep``, ``pos``, ``tag``, ``lower``, ``lemma``, ``children``, ``sentence``), plus the
morphological features read once per Doc, so a walk is list look-ups on integers and the
caller builds a ``Token`` only for what leaves the argument finder.

Each function answers exactly what its former ``Token`` version answered (token indices
in the same order): ``Tree.lower[i]`` is ``doc[i].lower_``, ``Tree.lemma[i]`` is
``doc[i].lemma_.lower()``, ``Tree.kids[i]`` is ``doc[i].children`` in text order and
``Tree.morph(i, field)`` holds the values of ``doc[i].morph.get(field)``.

The dependency labels of both schemes in use are understood: Universal Dependencies
(French models: ``obl`` + ``case``) and ClearNLP (English models: ``prep`` + ``pobj``).
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, cast

from porteparole.events.parse import Parse
from porteparole.events.patterns import Lexicon
from porteparole.events.stance import owners, qualified_noun
from porteparole.text import doc_table

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from spacy.tokens import Doc, Token

SUBJECT = frozenset({"nsubj", "csubj", "expl:subj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass", "nsubjpass", "csubj:pass"})
OBJECT = frozenset({"obj", "dobj", "iobj", "dative"})
PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})
_RELATIVE = frozenset({"acl:relcl", "relcl"})
_WH = frozenset({"WP", "WDT"})
_NOTHING: frozenset[str] = frozenset()


class Tree(Parse):
    """One Doc's parse (``Parse``), with punctuation, token ranges, sentence roots,
    subtrees and prepositional phrases on demand: the questions the argument walks ask."""

    __slots__ = ("_lexical", "_phrases", "_subtrees", "kids")

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc)
        self.kids: list[list[int]] = self.children
        self._lexical: NDArray[np.uint64] | None = None  # see ``_columns``
        self._phrases: dict[int, dict[str, list[int]]] = {}  # see ``phrases``
        self._subtrees: dict[int, frozenset[int]] = {}

    def token(self, i: int) -> Token:
        """The ``Token`` of index ``i``, for what leaves the module or another module reads."""
        return self.doc[i]

    def is_punct(self, i: int) -> bool:
        """``doc[i].is_punct``."""
        return bool(self._columns()[i, 0])

    def _columns(self) -> NDArray[np.uint64]:
        """Each token's morphology hash, punctuation flag, length and trailing space, read
        in one ``to_array`` call and left as an array: few tokens are ever asked, so none
        is turned into a Python object before it is."""
        if self._lexical is None:
            from spacy.attrs import IS_PUNCT, LENGTH, SPACY  # loaded with a model

            # spaCy's stub types every array as float: these columns are 64-bit integers
            self._lexical = cast("NDArray[np.uint64]",
                                 self.doc.to_array([IS_PUNCT, LENGTH, SPACY]))
        return self._lexical

    def token_range(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens ``doc.char_span(start_char, end_char, alignment_mode="expand")``
        covers, as ``(start, end)`` indices, or None where it gives no span; found by
        bisection over the offsets instead of building a ``Span``."""
        start = self._token_at(start_char)
        end = self._token_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char != self.idx[start] and (
                start_char == self.idx[start] + int(self._columns()[start, 1])):
            start += 1  # on the white space after a token: not that token
        return start, end + 1

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, else -1: the
        tokens tile the text, each from its offset to the next one's."""
        i = bisect.bisect_right(self.idx, char) - 1
        if i < 0:
            return -1
        if i == len(self.idx) - 1:  # the last token ends where the text does
            columns = self._columns()
            if char >= self.idx[i] + int(columns[i, 1]) + int(columns[i, 2]):
                return -1
        return i

    def sentence_start(self, number: int) -> int:
        """The index of the first token of sentence ``number``."""
        return self._sentence_starts[number]

    def sentence_end(self, number: int) -> int:
        """The index just past the last token of sentence ``number``."""
        starts = self._sentence_starts
        return starts[number + 1] if number + 1 < len(starts) else self.size

    def start_char(self, number: int) -> int:
        """Sentence ``number``'s ``start_char``."""
        return self.idx[self.sentence_start(number)]

    def end_char(self, number: int) -> int:
        """Sentence ``number``'s ``end_char``."""
        return doc_table.sentence_ends(self.doc)[number]

    def root(self, number: int) -> int:
        """The index of sentence ``number``'s root (``Span.root``: its first token that is
        its own head; a sentence without one is left to spaCy)."""
        head = self.head
        for i in range(self.sentence_start(number), self.sentence_end(number)):
            if head[i] == i:
                return i
        start, end = self.sentence_start(number), self.sentence_end(number)
        return int(self.doc[start:end].root.i)  # pragma: no cover - parsers root a sentence

    def subtree(self, i: int) -> frozenset[int]:
        """The indices of ``doc[i].subtree``, kept for the life of the tree."""
        found = self._subtrees.get(i)
        if found is None:
            kids, out, stack = self.kids, [], [i]
            while stack:
                current = stack.pop()
                out.append(current)
                stack.extend(kids[current])
            found = self._subtrees[i] = frozenset(out)
        return found


_TREES: weakref.WeakKeyDictionary[Doc, Tree] = weakref.WeakKeyDictionary()


def tree(doc: Doc) -> Tree:
    """The Doc's parse tree, built on first use and dropped with the Doc."""
    found = _TREES.get(doc)
    if found is None or found.table is not doc_table.table(doc):  # retokenized: read again
        found = _TREES[doc] = Tree(doc)
    return found


# -- questions about one token --------------------------------------------------------------


def word(t: Tree, i: int, form: str) -> bool:
    """Whether token ``i`` is ``form``, by its lower-cased form or its lemma."""
    return t.lower[i] == form or t.lemma[i] == form


def infinitive(t: Tree, i: int) -> bool:
    return "Inf" in t.morph(i, "VerbForm")


def reflexive(t: Tree, i: int) -> bool:
    return "Yes" in t.morph(i, "Reflex") or t.lower[i] in ("se", "s'", "s’")


def relative_subject(t: Tree, verb: int) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("X, qui a menacé …",
    "X, who threatened …"): the clause then tells what its antecedent did."""
    dep = t.dep
    return dep[verb] in _RELATIVE and any(
        dep[c] in SUBJECT and ("Rel" in t.morph(c, "PronType") or t.tag[c] in _WH)
        for c in t.kids[verb])


def is_passive(t: Tree, i: int) -> bool:
    dep = t.dep
    return any(dep[c] in PASSIVE_AUX or dep[c] in PASSIVE_SUBJECT for c in t.kids[i])


def is_passive_participle(t: Tree, i: int) -> bool:
    return "Part" in t.morph(i, "VerbForm") and bool(agent_of(t, i))


def governor(t: Tree, i: int) -> int | None:
    """The verb a noun cue depends on (through other nouns and prepositions)."""
    pos, head = t.pos, t.head
    current = i
    for _ in range(6):
        if pos[current] in ("VERB", "AUX") and current != i:
            return current
        if head[current] == current:
            return current if current != i else None
        current = head[current]
    return None


def with_conjuncts(t: Tree, tokens: Iterable[int], blocked: Set[int]) -> list[int]:
    """The tokens and, breadth-first, their conjuncts, none blocked, each once."""
    dep, kids = t.dep, t.kids
    out: list[int] = []
    stack = list(tokens)
    while stack:
        token = stack.pop(0)
        if token in blocked or token in out:
            continue
        out.append(token)
        for child in kids[token]:
            if dep[child] == "conj":
                stack.append(child)
    return out


# -- subjects, agents, objects --------------------------------------------------------------


def agent_of(t: Tree, i: int) -> list[int]:
    """The agent of a passive verb ("par les États-Unis", "by the Pentagon")."""
    dep, kids = t.dep, t.kids
    out: list[int] = []
    for child in kids[i]:
        if dep[child] == "obl:agent":
            out.append(child)
        elif dep[child] == "agent":
            out += [g for g in kids[child] if dep[g] == "pobj"]
    if not out and any(dep[c] in PASSIVE_AUX for c in kids[i]):
        # « a été sanctionné par les États-Unis » parsed as obl:mod: on a verb with a passive
        # auxiliary, an oblique introduced by « par » is still the agent.
        lower = t.lower
        out = [c for c in kids[i] if dep[c].startswith("obl") and any(
            dep[g] == "case" and lower[g] == "par" for g in kids[c])]
    return out


def subject_of(t: Tree, token: int | None, lexicon: Lexicon) -> list[int]:
    """The subject of a verb: its own, a passive's agent, or its controller's."""
    dep, kids, head = t.dep, t.kids, t.head
    for _ in range(6):
        if token is None:
            return []
        own = [c for c in kids[token] if dep[c] in SUBJECT]
        if own and relative_subject(t, token):
            return [head[token]]  # "Maas, qui effectuera une visite": Maas visits
        if own:
            return own
        agent = agent_of(t, token)
        if agent:
            return agent
        passive = [c for c in kids[token] if dep[c] in PASSIVE_SUBJECT]
        if passive:
            return passive
        if dep[token] == "pcomp" and dep[head[token]] == "prep" and t.lower[head[token]] == "as":
            controller = [c for c in kids[head[head[token]]] if dep[c] in OBJECT]
            if controller:  # "quoted an official as urging …": the official urges
                return controller
        owner = _qualified_noun(t, token)
        if owner is not None:  # "Germany's decision to send …", "made an offer to host …"
            found = [o.i for o in owners(t.token(owner), lexicon)]
            if found or dep[owner] not in OBJECT:
                return found
            token = head[owner]
            continue
        if dep[token] not in ("xcomp", "conj", "advcl", "acomp") or head[token] == token:
            return _left_subject(t, token)
        controller = [c for c in kids[head[token]] if dep[c] in OBJECT]
        if dep[token] == "xcomp" and controller:
            return controller  # "exhorter X à cesser": X ceases
        token = head[token]
    return []


def _qualified_noun(t: Tree, verb: int) -> int | None:
    """``stance.qualified_noun``, asked only of an ``acl``: the one dependency it accepts,
    so that no ``Token`` is built for every other verb on the way up."""
    if t.dep[verb] != "acl":
        return None
    noun = qualified_noun(t.token(verb))
    return None if noun is None else int(noun.i)


_LEFT_SUBJECT = frozenset({"PROPN", "NOUN", "PRON", "ADJ"})


def _left_subject(t: Tree, verb: int) -> list[int]:
    """A finite verb the parser left without a subject: the noun phrase just before it.

    Parsers often attach a subordinate clause's subject elsewhere ("… a déclaré le 30
    novembre que Pékin et les États-Unis discutaient …"); the words between the clause's
    opening and the verb are then its subject.
    """
    dep, pos = t.dep, t.pos
    if "Fin" not in t.morph(verb, "VerbForm") and not any(
            dep[c].startswith("aux") for c in t.kids[verb]):
        return []
    found: list[int] = []
    start = t.sentence_start(t.sentence[verb])
    index = verb - 1
    while index >= start and verb - index <= 12:
        if pos[index] in ("VERB", "SCONJ") or dep[index] == "mark" or (
                t.is_punct(index) and t.lower[index] not in (",", "'", "’")):
            break
        if pos[index] in _LEFT_SUBJECT:
            found.append(index)
        index -= 1
    return list(reversed(found))


def objects_of(t: Tree, i: int) -> list[int]:
    """Objects; for a passive with an agent, its subject ("X a été sanctionné par Y")."""
    dep, kids = t.dep, t.kids
    out = [c for c in kids[i] if dep[c] in OBJECT]
    out += [c for c in kids[i] if dep[c] == "xcomp" and t.pos[c] == "PROPN"]
    if is_passive(t, i) and agent_of(t, i):
        out += [c for c in kids[i] if dep[c] in PASSIVE_SUBJECT]
    if dep[i].startswith("acl") and is_passive_participle(t, i):
        out.append(t.head[i])
    return out


# -- prepositional phrases ------------------------------------------------------------------


def prepositional(t: Tree, i: int, preposition: str) -> list[int]:
    """Objects of a preposition on a token, else on its objects ("imposer des sanctions
    contre X", where parsers hang "contre X" on the noun), else, for a noun, on its noun
    complements ("une vente d'armes à X"), else its head when the head is itself that
    preposition's object ("d'accord avec X")."""
    dep, kids = t.dep, t.kids
    found = one_preposition(t, i, preposition)
    if not found:  # hung on a modifier: "un avertissement agressif aux États-Unis"
        found = [h for mod in kids[i] if dep[mod] == "amod"
                 for h in one_preposition(t, mod, preposition)]
    if not found:
        found = [h for obj in kids[i] if dep[obj] in OBJECT
                 for h in one_preposition(t, obj, preposition)]
    if not found and t.pos[i] in ("NOUN", "PROPN"):  # hung on the noun's complement:
        found = [h for mod in _noun_complements(t, i)  # « une vente d'armes à la Pologne »,
                 for h in one_preposition(t, mod, preposition)]  # "the visit of X to Y"
    if not found and any(dep[c] == "case" and word(t, c, preposition)
                         for c in kids[t.head[i]]):
        found = [t.head[i]]
    if not found:  # deeper in the object: "trained hackers capable of attacks against X"
        found = [h for obj in kids[i] if dep[obj] in OBJECT
                 for h in _deep_prepositional(t, obj, preposition, _DEEP_PREPOSITION)]
    return found


_DEEP_PREPOSITION = 5  # levels below an object searched for a preposition's phrase
_DEEP_LINKS = frozenset({"amod", "prep", "pcomp", "pobj", "acl", "dobj", "obj", "nmod", "obl"})


def _noun_complements(t: Tree, i: int) -> list[int]:
    """A noun's prepositional complements: ``nmod`` (UD), the ``pobj`` of a ``prep``
    (ClearNLP)."""
    dep, kids = t.dep, t.kids
    return [c for c in kids[i] if dep[c] == "nmod"] + [
        g for c in kids[i] if dep[c] == "prep" for g in kids[c] if dep[g] == "pobj"]


def _deep_prepositional(t: Tree, i: int, preposition: str, depth: int) -> list[int]:
    if depth == 0:
        return []
    found = one_preposition(t, i, preposition)
    if found:
        return found
    for child in t.kids[i]:
        if t.dep[child] in _DEEP_LINKS:
            found = _deep_prepositional(t, child, preposition, depth - 1)
            if found:
                return found
    return []


_OBLIQUES = frozenset({"obl", "nmod", "iobj", "obj"})
_BASES: dict[str, str] = {}  # a label without its subtype: "obl:mod" -> "obl"


def _base(label: str) -> str:
    """``label.split(":")[0]``, remembered (a parser has a few dozen labels)."""
    found = _BASES.get(label)
    if found is None:
        found = _BASES[label] = label.split(":")[0]
    return found


_ADVERBIAL_PHRASES = frozenset({"obl", "nmod", "dep"})


def one_preposition(t: Tree, i: int, preposition: str) -> list[int]:
    """The phrases of one preposition hung on the token itself, in either scheme.

    The phrases of every preposition on a token are found in one pass over its children
    and kept (``_phrases``): a cue is asked for several prepositions (its source's and its
    target's), and the same tokens are passed through again for the next cue.
    """
    table = t._phrases.get(i)
    if table is None:
        table = t._phrases[i] = _phrases(t, i)
    found = table.get(preposition)
    if not found:
        return []
    return [*found, *_coordinated_phrases(t, i, preposition, found)]


def _phrases(t: Tree, i: int) -> dict[str, list[int]]:
    """The phrases hung on token ``i``, by the word (form or lemma) of their preposition.
    Each word's list is what ``one_preposition`` gave when it looked for that word alone,
    in the same order:

    - ClearNLP ``prep`` (also ``agent``, ``dative``) of that word: its ``pobj``/``pcomp``;
    - UD ``obl``/``nmod``/``iobj``/``obj`` with a ``case`` of that word: the phrase itself;
    - ``advmod``/``dep`` of that word ("auprès de Pékin", « près de la frontière »): its
      oblique or nominal dependents;
    - a ``prep`` without a ``pobj`` (a two-word preposition: "pulled out of X"): the
      ``pobj`` of its own ``prep`` of that word, unless the first is that word itself.
    """
    dep, kids = t.dep, t.kids
    found: dict[str, list[int]] = {}
    for child in kids[i]:
        label = dep[child]
        words = _words(t, child)
        if label in ("prep", "agent", "dative"):
            heads = [g for g in kids[child] if dep[g] in ("pobj", "pcomp")]
            for form in words:
                found.setdefault(form, []).extend(heads)
            if label == "prep" and not any(dep[g] == "pobj" for g in kids[child]):
                for inner in kids[child]:
                    if dep[inner] != "prep":
                        continue
                    objects = [g for g in kids[inner] if dep[g] == "pobj"]
                    for form in _words(t, inner):
                        if form not in words:
                            found.setdefault(form, []).extend(objects)
        elif _base(label) in _OBLIQUES:
            cases = {form for g in kids[child] if dep[g] == "case" for form in _words(t, g)}
            for form in cases:
                found.setdefault(form, []).append(child)
        elif label in ("advmod", "dep"):
            heads = [g for g in kids[child] if _base(dep[g]) in _ADVERBIAL_PHRASES]
            for form in words:
                found.setdefault(form, []).extend(heads)
    return found


def _words(t: Tree, i: int) -> tuple[str, ...]:
    """The words a token answers to: its lower-cased form and its lemma, once each."""
    lower, lemma = t.lower[i], t.lemma[i]
    return (lower,) if lower == lemma else (lower, lemma)


def _coordinated_phrases(t: Tree, i: int, preposition: str, found: list[int]) -> list[int]:
    """Coordinated phrases of the same preposition that the parser hung on the token
    itself rather than on the first phrase ("l'action des États-Unis, de la France et de la
    Grande-Bretagne": "France" and "Grande-Bretagne" as conjuncts of "action"). Only after a
    first phrase of that preposition, so that a coordinated noun is never taken for one."""
    dep, kids = t.dep, t.kids
    first = min(found)
    return [c for c in kids[i] if dep[c] == "conj" and c > first and c not in found
            and any(dep[g] == "case" and word(t, g, preposition) for g in kids[c])]
