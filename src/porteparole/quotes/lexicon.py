"""The language-specific words quotation attribution reads, from ``knowledge/quotes/<lang>.yaml``.

The extraction code is language-neutral: which prepositions name a source, which words are
pronouns, and which dependency labels the language's model uses come from here; which verbs
introduce speech and what they need to carry content come from the language's one speech
lexicon (``knowledge/speech/<lang>.yaml``, ``porteparole.knowledge.speech``). A language
without files gets empty lexicons and yields no quotes instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import check_version, knowledge_path, per_root, read_yaml
from porteparole.knowledge.speech import SpeechLexicon, load_speech_lexicon
from porteparole.quotes.columns import columns

if TYPE_CHECKING:
    from spacy.tokens import Token

DEP_KEYS = (
    "subject", "clause", "infinitive", "complement", "apposition", "nominal_modifier",
    "relative", "conjunct", "adverbial", "negation", "argument", "parataxis", "object",
    "noun_clause", "trailing", "predicative", "agent",
)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Everything language-specific the quotes stage reads, for one language."""

    language: str
    pairs: tuple[tuple[str, str], ...] = ()
    weak_marks: frozenset[str] = frozenset()
    speech: SpeechLexicon = field(default_factory=lambda: SpeechLexicon(""))
    forms: dict[str, str] = field(default_factory=dict)  # lowercased word -> lemma
    document_cues: frozenset[str] = frozenset()
    self_pronouns: frozenset[str] = frozenset()
    addressee_pronouns: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    sources: tuple[tuple[str, ...], ...] = ()
    # « Pour X, … », "In the eyes of X, …": a view, opening its sentence, with X named
    view_sources: tuple[tuple[str, ...], ...] = ()
    relay_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    office_nouns: frozenset[str] = frozenset()
    pair_numbers: frozenset[str] = frozenset()
    group_numbers: dict[str, int] = field(default_factory=dict)  # "three" -> 3
    latter: frozenset[str] = frozenset()
    # "Kremlin on fishing talks: …": words after which a headline's speaker side is its topic
    topic_words: frozenset[str] = frozenset()
    quoting_verbs: frozenset[str] = frozenset()  # "quoted X as saying": X speaks
    quoting_links: frozenset[str] = frozenset()
    # A state's unnamed voices: "a US official", "the Chinese side", « le gouvernement chinois »
    state_voices: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()  # "claim", "remark": "X's claim that …"
    agent_links: frozenset[str] = frozenset()  # "comments *by* X"
    # "issued a warning that …", "renewed its call for …": verbs that make the speech act of
    # their object noun their subject's, and the particles that open such a noun's content
    support_verbs: frozenset[str] = frozenset()
    noun_particles: frozenset[str] = frozenset()
    # "It was suggested that …", « Il a été suggéré que … »: the subject of an impersonal
    # passive, which leaves the speaker to the context rather than naming an addressee
    expletive_pronouns: frozenset[str] = frozenset()
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "fm" -> words
    mission_nouns: frozenset[str] = frozenset()  # "l'ambassade de Chine en France"
    auxiliaries: frozenset[str] = frozenset()  # tense auxiliaries: avoir, être; have, be
    person_pronouns: frozenset[str] = frozenset()  # pronouns only a person takes: he, she
    relative_pronouns: frozenset[str] = frozenset()  # "X, qui a appelé à": X speaks
    impersonal_pronouns: frozenset[str] = frozenset()  # « on »: a place or document speaks
    anaphoric_modifiers: frozenset[str] = frozenset()  # « la même source »: the one before
    stressed_pronouns: frozenset[str] = frozenset()  # « selon lui », "according to him"
    narrative_markers: frozenset[str] = frozenset()  # « Et de préciser que … »
    purpose_markers: frozenset[str] = frozenset()  # « pour lui faire part de … »: no speech
    # "…, while Y said …", « …, tandis que Y a dit … »: a second voice set against the first
    contrast_marks: frozenset[str] = frozenset()
    # "dismissed X *as* Y": the word that opens what a judging verb's object is said to be
    predicative_marks: frozenset[str] = frozenset()
    deps: dict[str, frozenset[str]] = field(default_factory=dict)

    def lemma(self, token: Token) -> str:
        """The cue lemma of a token: the model's lemma, or the listed form's."""
        word = token.text.lower()
        return self.forms.get(word) or self.speech.lemma(token)

    def needs(self, token: Token) -> frozenset[str]:
        """What the token needs to carry content as a speech verb (empty: not a cue).

        Asked of the same token by several rules (is it a cue, does its head take a
        clause, does a sentence hold another speech verb): decided once per token of a Doc.
        """
        words = columns(token.doc)
        if words.needs is None or words.needs[0] is not self:
            words.needs = (self, {})  # the lexicon is kept with them: ``is`` stays true
        remembered = words.needs[1]
        found = remembered.get(token.i)
        if found is None:
            found = remembered[token.i] = self._frames(token)
        return found

    def _frames(self, token: Token) -> frozenset[str]:
        """``speech.frames``: a token whose lemma is the cue word of no phrase has its
        verb's frames alone, so the phrases are tried only for the few lemmas they have
        (``frames`` compares every phrase with every token it is asked about). The lemma
        is read from the Doc's token table."""
        speech = self.speech
        words = columns(token.doc)
        lemma = speech.lemma_of(words.lower[token.i], words.lemma[token.i])
        if lemma in _phrase_cues(speech):
            return speech.frames(token)
        return speech.verbs.get(lemma, frozenset())

    def particles(self, token: Token) -> frozenset[str]:
        """``speech.particles``: none for a token whose lemma is the cue word of no phrase
        (the phrases are compared only for the few lemmas they have)."""
        words = columns(token.doc)
        lemma = self.speech.lemma_of(words.lower[token.i], words.lemma[token.i])
        if lemma in _phrase_cues(self.speech):
            return self.speech.particles(token)
        return frozenset()

    def listed_form(self, token: Token) -> bool:
        """Whether the token's form is listed (the model may mistag it)."""
        word = columns(token.doc).lower[token.i]  # ``token.text.lower()``
        return word in self.forms or word in self.speech.forms

    def dep(self, key: str) -> frozenset[str]:
        return self.deps.get(key, _NO_DEPS)


_NO_DEPS: frozenset[str] = frozenset()
_PHRASE_CUES: dict[int, tuple[SpeechLexicon, frozenset[str]]] = {}


def _phrase_cues(speech: SpeechLexicon) -> frozenset[str]:
    """The cue words of the lexicon's phrases, gathered once per lexicon (kept with it, so
    that its ``id`` stays its own)."""
    found = _PHRASE_CUES.get(id(speech))
    if found is None or found[0] is not speech:
        found = _PHRASE_CUES[id(speech)] = (
            speech, frozenset(phrase.words[phrase.cue] for phrase in speech.phrases))
    return found[1]


@per_root
def load_quote_lexicon(language: str) -> QuoteLexicon:
    """The lexicon of ``language`` from the package's knowledge files (cached)."""
    parts = ("quotes", f"{language}.yaml")
    if not knowledge_path(*parts).is_file():
        return QuoteLexicon(language)
    where, raw = read_yaml(*parts, version=None)  # parse_quote_lexicon checks the version
    return parse_quote_lexicon(language, raw, where)


def parse_quote_lexicon(language: str, raw: Any, where: str = "<quotes>") -> QuoteLexicon:
    """Validate one quotes knowledge file and build its lexicon."""
    check_version(where, raw, 1)
    if "cues" in raw:
        raise KnowledgeError(f"{where}: speech verbs belong in knowledge/speech/{language}.yaml")
    marks = raw.get("marks") or {}
    pairs = tuple(_pair(where, p) for p in marks.get("pairs") or ())
    deps = raw.get("deps") or {}
    unknown = set(deps) - set(DEP_KEYS)
    if unknown:
        raise KnowledgeError(f"{where}: unknown deps keys {sorted(unknown)}")
    return QuoteLexicon(
        language=language,
        pairs=pairs,
        weak_marks=frozenset(marks.get("weak") or ()),
        speech=load_speech_lexicon(language),
        forms={str(k).lower(): str(v).lower() for k, v in (raw.get("forms") or {}).items()},
        document_cues=_set(where, raw, "document_cues"),
        self_pronouns=_set(where, raw, "self_pronouns"),
        addressee_pronouns=_set(where, raw, "addressee_pronouns"),
        pronouns=_set(where, raw, "pronouns"),
        complementizers=_set(where, raw, "complementizers"),
        sources=tuple(tuple(_words(where, "sources", s)) for s in raw.get("sources") or ()),
        view_sources=tuple(tuple(_words(where, "view_sources", s))
                           for s in raw.get("view_sources") or ()),
        relay_nouns=_set(where, raw, "relay_nouns"),
        document_nouns=_set(where, raw, "document_nouns"),
        office_nouns=_set(where, raw, "office_nouns"),
        pair_numbers=_set(where, raw, "pair_numbers"),
        group_numbers=_numbers(where, raw.get("group_numbers")),
        latter=_set(where, raw, "latter"),
        topic_words=_set(where, raw, "topic_words"),
        quoting_verbs=_set(where, raw.get("quoting") or {}, "verbs"),
        quoting_links=_set(where, raw.get("quoting") or {}, "links"),
        abbreviations=_abbreviations(where, raw.get("abbreviations")),
        speech_nouns=_set(where, raw, "speech_nouns"),
        state_voices=_set(where, raw, "state_voices"),
        agent_links=_set(where, raw, "agent_links"),
        support_verbs=_set(where, raw, "support_verbs"),
        noun_particles=_set(where, raw, "noun_particles"),
        expletive_pronouns=_set(where, raw, "expletive_pronouns"),
        mission_nouns=_set(where, raw, "mission_nouns"),
        auxiliaries=_set(where, raw, "auxiliaries"),
        person_pronouns=_set(where, raw, "person_pronouns"),
        relative_pronouns=_set(where, raw, "relative_pronouns"),
        impersonal_pronouns=_set(where, raw, "impersonal_pronouns"),
        anaphoric_modifiers=_set(where, raw, "anaphoric_modifiers"),
        stressed_pronouns=_set(where, raw, "stressed_pronouns"),
        narrative_markers=_set(where, raw, "narrative_markers"),
        purpose_markers=_set(where, raw, "purpose_markers"),
        contrast_marks=_set(where, raw, "contrast_marks"),
        predicative_marks=_set(where, raw, "predicative_marks"),
        deps={key: frozenset(_words(where, f"deps.{key}", deps.get(key))) for key in DEP_KEYS},
    )


def _numbers(where: str, value: Any) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and v > 2 for k, v in value.items()):
        raise KnowledgeError(f"{where}: group_numbers must map a word to a number above 2")
    return {k.lower(): v for k, v in value.items()}


def _abbreviations(where: str, value: Any) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise KnowledgeError(f"{where}: abbreviations must map a word to its words")
    return {k.lower(): tuple(v.lower().split()) for k, v in value.items()}


def _pair(where: str, value: Any) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise KnowledgeError(f"{where}: marks.pairs entry {value!r} is not [open, close]")
    return value[0], value[1]


def _words(where: str, label: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {label} must be a list of strings")
    return [v.lower() for v in value]


def _set(where: str, raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_words(where, key, raw.get(key)))
