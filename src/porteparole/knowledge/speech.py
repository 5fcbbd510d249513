"""The one list of speech verbs per language, with each verb's frames (``knowledge/speech``).

Quotes, pronoun coreference and the voice events are reported in all ask the same question:
is this verb a verb of saying, and what does it take as its content? Listing the verbs in
each consumer's own file let the lists drift apart; this module reads the single lexicon
every one of them uses (format: ``docs/knowledge-format.md``).

A frame says what a verb needs to carry content of its own:

- ``clause``: a complement clause ("a déclaré que …", "said that …");
- ``infinitive``: an infinitive or verbal complement ("a exhorté X à …", "urged X to …");
- ``bare``: an infinitive with no preposition whose subject is the speaker's own ("a nié
  avoir fourni des armes", "affirme être prêt"): declaratives take it in French where
  English needs a clause; kept apart from ``infinitive``, which any prepositional argument
  satisfies ("a déclaré à l'AFP" must not make "à l'AFP" content);
- ``object``: any complement ("a exprimé l'espoir de …", "proposed a meeting");
- ``predicative``: an object with a predicative complement ("called the sanctions
  illegal", "called the party a threat to …"): naming what the object is, not its target;
- ``direct``: only a quotation ("a lancé : « … »", "quipped").

``phrases`` are verbs that are speech only with their particle or light verb ("mettre en
avant", "faire savoir", "point out"); the word marked ``*`` is the cue, the others must
stand next to it in the text. ``opinion`` verbs (penser, believe) say whose view a clause is
without making it a quote: events use them for the voice of a clause, quotes do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_path, per_root, read_yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

FRAMES = ("clause", "infinitive", "bare", "object", "predicative", "direct")
PHRASE_GAP = 2  # tokens (adverbs, clitics) allowed between the words of a phrase


@dataclass(frozen=True, slots=True)
class Phrase:
    """A multiword cue: its words in order and which of them is the cue token."""

    words: tuple[str, ...]
    cue: int
    frames: frozenset[str]


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The speech verbs of one language and the frames each takes."""

    language: str
    verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # lemma -> frames
    phrases: tuple[Phrase, ...] = ()
    forms: dict[str, str] = field(default_factory=dict)  # lowercased word -> lemma
    opinion: frozenset[str] = frozenset()
    # (form ending, lemma ending): inflections the model leaves unlemmatized ("indique"
    # before "-t-il" kept as its own lemma) are read as the listed verb they inflect
    endings: tuple[tuple[str, str], ...] = ()

    @property
    def lemmas(self) -> frozenset[str]:
        """Every lemma that is a speech verb by itself."""
        return frozenset(self.verbs)

    @property
    def voiced(self) -> frozenset[str]:
        """Lemmas whose subject is the voice of the clause they govern: verbs that report a
        clause ("déclarer que", "say that") and opinion verbs."""
        clause = [lemma for lemma, frames in self.verbs.items() if "clause" in frames]
        return frozenset(clause) | self.opinion

    def lemma(self, token: Token) -> str:
        """The lemma of a token: a listed form's when the model mislemmatizes it."""
        return self.lemma_of(token.text.lower(), token.lemma_.lower())

    def lemma_of(self, word: str, model_lemma: str) -> str:
        """``lemma`` from a token's lower-cased form and the model's lower-cased lemma, for
        a caller that reads them from a table instead of a ``Token`` (``text.doc_table``)."""
        lemma: str = self.forms.get(word) or model_lemma
        if lemma != word or lemma in self.verbs:
            return lemma
        for ending, replacement in self.endings:
            if word.endswith(ending):
                candidate = word[: len(word) - len(ending)] + replacement
                if candidate in self.verbs:
                    return candidate
        return lemma

    @property
    def cue_lemmas(self) -> frozenset[str]:
        """Every lemma ``frames`` can find non-empty: a speech verb's, or a phrase's cue word."""
        return self.lemmas | {phrase.words[phrase.cue] for phrase in self.phrases}

    def frames(self, token: Token) -> frozenset[str]:
        """The frames of ``token`` as a speech cue (empty: it is not one)."""
        lemma = self.lemma(token)
        found = self.verbs.get(lemma, frozenset())
        for phrase in self.phrases:
            if phrase.words[phrase.cue] == lemma and _phrase_at(token, phrase, self):
                found = found | phrase.frames
        return found


    def particles(self, token: Token) -> frozenset[str]:
        """The words that follow ``token`` in the phrases it is the cue of here ("à" in
        « appeler à la reprise »): a complement they introduce is the phrase's content."""
        lemma = self.lemma(token)
        return frozenset(
            word for phrase in self.phrases
            if phrase.words[phrase.cue] == lemma and _phrase_at(token, phrase, self)
            for word in phrase.words[phrase.cue + 1 :])


def _phrase_at(token: Token, phrase: Phrase, lexicon: SpeechLexicon) -> bool:
    """Whether the phrase's other words stand around ``token`` in order, each at most
    ``PHRASE_GAP`` tokens from the one before ("a mis notamment en avant")."""
    doc = token.doc
    position = token.i
    for word in phrase.words[phrase.cue + 1 :]:
        window = doc[position + 1 : position + 2 + PHRASE_GAP]
        hit = next((t for t in window if _is(t, word, lexicon)), None)
        if hit is None:
            return False
        position = hit.i
    position = token.i
    for word in reversed(phrase.words[: phrase.cue]):
        window = doc[max(position - 1 - PHRASE_GAP, 0) : position]
        hit = next((t for t in reversed(window) if _is(t, word, lexicon)), None)
        if hit is None:
            return False
        position = hit.i
    return True


def _is(token: Token, word: str, lexicon: SpeechLexicon) -> bool:
    return token.text.lower() == word or lexicon.lemma(token) == word


@per_root
def load_speech_lexicon(language: str) -> SpeechLexicon:
    """The speech lexicon of ``language`` (empty when the language has no file; cached)."""
    parts = ("speech", f"{language}.yaml")
    if not knowledge_path(*parts).is_file():
        return SpeechLexicon(language)
    where, raw = read_yaml(*parts)
    return parse_speech_lexicon(language, raw, where)


def parse_speech_lexicon(language: str, raw: Any, where: str = "<speech>") -> SpeechLexicon:
    """Validate one speech file (already version-checked) and build its lexicon."""
    unknown = set(raw) - {"version", "verbs", "phrases", "forms", "opinion", "endings"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    verbs = {
        _word(where, "verbs", lemma): _frames(where, f"verbs.{lemma}", frames)
        for lemma, frames in _mapping(where, "verbs", raw.get("verbs")).items()
    }
    phrases = tuple(
        _phrase(where, str(words), frames)
        for words, frames in _mapping(where, "phrases", raw.get("phrases")).items()
    )
    forms = {
        _word(where, "forms", k): _word(where, "forms", v)
        for k, v in _mapping(where, "forms", raw.get("forms")).items()
    }
    opinion = raw.get("opinion") or []
    if not isinstance(opinion, list):
        raise KnowledgeError(f"{where}: opinion must be a list of lemmas")
    endings = tuple(
        (_word(where, "endings", k), _word(where, "endings", v))
        for k, v in _mapping(where, "endings", raw.get("endings")).items()
    )
    return SpeechLexicon(
        language=language,
        endings=endings,
        verbs=verbs,
        phrases=phrases,
        forms=forms,
        opinion=frozenset(_word(where, "opinion", v) for v in opinion),
    )


def _mapping(where: str, key: str, value: Any) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KnowledgeError(f"{where}: {key} must be a mapping")
    return value


def _word(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: {key} holds {value!r}, not a word")
    return value.strip().lower()


def _frames(where: str, label: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise KnowledgeError(f"{where}: {label} must list frames among {', '.join(FRAMES)}")
    wrong = [f for f in value if f not in FRAMES]
    if wrong:
        raise KnowledgeError(
            f"{where}: {label}: {wrong} not among the frames {', '.join(FRAMES)}")
    return frozenset(value)


def _phrase(where: str, text: str, frames: Any) -> Phrase:
    words = text.lower().split()
    marked = [i for i, w in enumerate(words) if w.startswith("*")]
    if len(words) < 2 or len(marked) > 1:
        raise KnowledgeError(
            f"{where}: phrase {text!r} needs two words or more and at most one '*' cue")
    cue = marked[0] if marked else 0
    words = [w.lstrip("*") for w in words]
    return Phrase(tuple(words), cue, _frames(where, f"phrases.{text}", frames))
