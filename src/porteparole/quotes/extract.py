"""Stage 6: direct and reported speech, each with its speaker.

``extract_quotes(analysis, doc)`` reads the spaCy Doc of the whole text and the mentions of
stage 5, and adds ``Quote`` records:

- reported speech: a speech verb with the content it needs (``cues``), its subject as
  speaker (``speaker``); "selon X, …" sources with the rest of the sentence;
- direct speech: each quoted span (``marks``) attributed to the speech verb that governs it
  in the parse, else the one right after it ("», a-t-il déclaré", `," said Blinken`), else a
  verb before a colon, else — for a quote opening a sentence — the speaker of the quote just
  before (a continuation). A quote with no attribution (titles, names, scare quotes) is not
  speech and is left out.

Conventions (the gold's, see ../shared/eval/seeds/NOTES.md): one quote per quoted fragment
and one per speech verb; a short fragment (one or two words) inside a reported clause of the
same verb is not a quote of its own; negated speech, the writer's and the spokesperson's own
voice in an answer, and outlets that only relay a named speaker (content
that overlaps that speaker's quote) are not speakers. A quote whose speaker is
not resolved is kept with ``speaker_actor`` None.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from porteparole.actors.anaphora import (
    ANTECEDENT,
    LATTER,
    NAMED,
    Lookback,
    agrees,
    is_lookback,
    is_word,
    paragraph_starts,
    window_start,
)
from porteparole.kb import printed_person_name
from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.nlp import doc_text
from porteparole.quotes.boundaries import before_other_voice
from porteparole.quotes.columns import columns, feature
from porteparole.quotes.compound import split_auxiliary
from porteparole.quotes.cues import (
    Content,
    Source,
    Units,
    cue_candidates,
    find_sources,
    is_cue,
    is_negated,
    is_purpose,
    reported_content,
)
from porteparole.quotes.headline import headline_tags, title_span
from porteparole.quotes.institutions import (
    content_words,
    earlier_institution,
    phrase_words,
    state_institutions,
)
from porteparole.quotes.leading import interrupted_content, inverted_tag, leading_content
from porteparole.quotes.lexicon import QuoteLexicon, load_quote_lexicon
from porteparole.quotes.marks import MarkSet, QuotedSpan, find_quoted_spans
from porteparole.quotes.nouns import agent_of, noun_speech, supported_content
from porteparole.quotes.printed import PrintedNames
from porteparole.quotes.questions import asked_about
from porteparole.quotes.quoting import quoted_speaker, speech_of
from porteparole.quotes.relative import relative_antecedent
from porteparole.quotes.speaker import (
    MentionIndex,
    Speaker,
    adjacent_subject,
    after_subject,
    apposed_holder,
    speaker_from_head,
    subject_of,
)
from porteparole.quotes.voices import Lookup, missions, voice_of
from porteparole.records import Analysis, Mention, Quote, QuoteKind
from porteparole.text.doc_table import sentence_ends, table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_FRAGMENT_WORDS = 3  # shorter quoted fragments inside a reported clause are not quotes
MIN_REPORTED_WORDS = 2
MAX_QUOTED_VERB_WORDS = 3  # « a « fermement condamné » »: a quoted verb, not a quotation
POST_CUE_WINDOW = 6  # tokens after a closing mark in which "a-t-il déclaré" is looked for


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speech cue and who it attributes speech to."""

    cue: Token  # the verb token (or the first token of a source phrase)
    cue_text: str
    speaker: Speaker | None
    others: tuple[Speaker, ...] = ()  # further speakers of a joint subject ("X and Y said")


def extract_quotes(analysis: Analysis, doc: Doc, knowledge: Knowledge | None = None, *,
                   actor_lookup: Lookup | None = None) -> Analysis:
    """Stage 6: the analysis with its quotes added, read with ``knowledge`` (default: the
    default bundle).

    ``actor_lookup`` (actor id -> ``Actor``) tells outlets and a spokesperson's own
    institutions apart; it defaults to the knowledge's actor base.
    """
    knowledge = knowledge if knowledge is not None else default_knowledge()
    with knowledge.active():
        language = knowledge.language(analysis.document.language)
        lexicon = (language.quotes if language is not None
                   else load_quote_lexicon(analysis.document.language))
        if not lexicon.speech.verbs or doc is None or not doc.has_annotation("DEP"):
            return analysis
        if actor_lookup is None:
            actor_lookup = knowledge.actors.actor
        quotes = _Extractor(analysis, doc, lexicon, actor_lookup).run()
    return dataclasses.replace(analysis, quotes=analysis.quotes + tuple(quotes))


_PASSIVE_DEPS = frozenset({"aux:pass", "auxpass", "nsubj:pass", "nsubjpass"})


def _present_participle(verb: Token) -> bool:
    return "Part" in feature(verb, "VerbForm") and "Pres" in feature(verb, "Tense")


def _passive(verb: Token) -> bool:
    """A verb in the passive voice: its subject undergoes it."""
    return any(c.dep_ in _PASSIVE_DEPS for c in verb.children)


def _passive_auxiliary(verb: Token) -> bool:
    """A verb with a passive auxiliary ("was asked to", « a été appelé à »): the surest
    mark of the passive; a passive subject label alone may be a parse slip on a
    compound tense (« Xi a également accusé »)."""
    if "Part" not in feature(verb, "VerbForm"):
        return False  # a finite verb the parse gave a passive auxiliary from a quotation
    return any(c.dep_ in ("aux:pass", "auxpass") and c.i < verb.i for c in verb.children)


def _bare_participle(verb: Token, lexicon: QuoteLexicon) -> bool:
    """A past participle with neither auxiliary nor subject ("when asked for comment",
    "Asked about the report, …", "the plan announced on Monday"): passive in sense, its
    understood subject is whoever was asked or what was announced, not a speaker. A
    participle the parse split from its auxiliary (``compound``) is a compound tense."""
    if "Part" not in feature(verb, "VerbForm") or "Past" not in feature(verb, "Tense"):
        return False
    if any(c.dep_.startswith(("aux", "nsubj", "expl")) for c in verb.children):
        return False
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and before.text.startswith("-") and before.pos_ == "PRON":
        return False  # « a-t-il dit »: an inverted tag the parse did not join
    if verb.dep_ in lexicon.dep("conjunct") and verb.head.i != verb.i and any(
            c.dep_.startswith(("aux", "nsubj")) for c in verb.head.children):
        return False  # « ont annoncé …, et rappelé que »: the first verb's tense
    return split_auxiliary(verb, lexicon) is None


_PARENTHESES = re.compile(r"\([^()]*\)")


@cache
def _titles(language: str) -> frozenset[str]:
    """The words of the language's titles ("Secretary", "Premier", "Mr"), lowercased."""
    from porteparole.kb import load_titles

    return frozenset(w.lower().strip(".") for t in load_titles(language) for w in t.split())


def _before_tags(
    cues: list[tuple[Token, Content | None]], leading: set[int]
) -> list[tuple[Token, Content | None]]:
    """A clause that runs into the tag of another speaker ("the coast guard said it
    expelled the ship, state media reported"): the clause stops where the tagged content
    ends, before the tag's comma."""
    ends = [(t.i, c.last) for t, c in cues if c is not None and t.i in leading]
    kept: list[tuple[Token, Content | None]] = []
    for token, content in cues:
        if content is not None and token.i not in leading:
            for tag, last in ends:
                if token.i < last < content.last and last < tag <= content.last:
                    content = Content(content.first, last)
        kept.append((token, content))
    return kept


class _Extractor:
    def __init__(self, analysis: Analysis, doc: Doc, lexicon: QuoteLexicon, lookup: Lookup):
        self.analysis, self.doc, self.lexicon, self.lookup = analysis, doc, lexicon, lookup
        self.text = analysis.document.text
        named = [m for m in analysis.mentions if not is_lookback(m)]
        self.index = MentionIndex(named)
        # the actors stage's look-back on each pronoun, taken only where no one spoke before
        self.anaphors = {m.start: m for m in analysis.mentions if is_lookback(m)}
        marks = MarkSet.of(lexicon.pairs, lexicon.weak_marks)
        self.spans = find_quoted_spans(self.text, marks)
        self.span_at = {s.open_at: s for s in self.spans}
        ordered = sorted(self.spans, key=lambda s: s.start)
        self.span_starts = [s.start for s in ordered]
        self.span_ends = list(accumulate((s.end for s in ordered), max))  # reach so far
        self.title = title_span(self.text, analysis.document.title)
        self.openers = marks.openers | marks.weak_openers
        self.token_starts = table(doc).idx  # read only
        self.doc_text = doc_text(doc)
        self.columns = columns(doc)
        self.units = Units(doc)
        self.paragraph_starts = paragraph_starts(self.text)
        self.turn_starts = [t.start for t in analysis.turns]
        self.found: list[Quote] = []
        self.found_speakers: list[Speaker | None] = []  # the phrase behind each found quote
        self.found_attributions: list[Attribution] = []  # the tag behind each found quote
        self.indefinite: dict[int, str] = {}  # "a spokesman": phrase start -> office word
        self.attributions: dict[int, Attribution] = {}  # cue token index -> attribution
        self.nested: set[int] = set()  # cues inside another's content: never an antecedent
        self.leading: set[int] = set()  # cues that tag content before them
        self.leading_contents: dict[int, Content] = {}
        self.source_attributions: list[Attribution] = []  # "selon X" naming a known actor
        self.found_sources: list[Source] = []
        self.source_at: dict[int, Source] = {}  # first token of a source phrase -> source
        self.source_quotes: dict[int, Attribution] = {}  # « Selon lui, « … » »: mark -> tag
        self.printed = PrintedNames(named, analysis.document.language)
        self.lookback = Lookback(doc, named, lookup, lexicon, analysis.document.language)
        self.first_named: dict[str, int] = {}  # actor id -> where the text first names it
        # readings of one verb several rules ask for, by token index (see ``_inverted_tag``)
        self._inverted_tags: dict[int, Content | None] = {}
        self._contents: dict[int, Content | None] = {}
        self._subjects: dict[int, Token | None] = {}
        self._speakers: dict[int, Speaker] = {}
        self._institutions_and_states: tuple[list[Mention], list[Mention]] | None = None
        for mention in reversed(self.index.mentions):
            if mention.actor_id and mention.method != "role" and mention.entity_type != "PRON":
                self.first_named[mention.actor_id] = mention.start

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        self.found_sources = find_sources(
            self.doc, self.lexicon, frozenset(self.turn_starts), self.units)
        self.source_attributions = self._named_sources()
        self.source_at = {s.cue_first: s for s in self.found_sources}
        reported = self._reported()
        self._sources()
        self._nouns()
        self._direct(reported)
        self._headline()
        self._named_later()
        return self._filtered(self.found)

    # -- reported speech ------------------------------------------------------------------

    def _reported(self) -> list[tuple[Attribution, Content]]:
        cues: list[tuple[Token, Content | None]] = []
        leading: set[int] = set()
        for i in cue_candidates(self.doc, self.lexicon):  # the rest is neither (see there)
            token = self.doc[i]
            cue = is_cue(token, self.lexicon)
            supported = None if cue else supported_content(
                token, self.lexicon, self.units)  # "issued a warning that …"
            if not cue and supported is None:
                continue
            quoted = self._quoted_at(token.idx)
            quoted_verb = self._quoted_verb(token) if quoted and cue else None
            if quoted and quoted_verb is None:
                continue
            if is_negated(token, self.lexicon) or self._absorbed(token):
                continue
            if is_purpose(token, self.lexicon):
                continue
            if asked_about(token, self.lexicon, self.units):
                continue
            if supported is not None:
                cues.append((token, supported))
                continue
            content = None
            tags = "clause" in self.lexicon.needs(token) and not _present_participle(token)
            if tags:  # « …, ajoutant que »: a participle adds, it tags nothing before it
                content = self._inverted_tag(token)
            if content is None:
                content = self._reported_content(token)
                if content is not None and content.first > token.i:
                    content = before_other_voice(token, content, self.lexicon)
            if content is None and tags:
                content = leading_content(token, self.lexicon, self._quoted_at)
            if content is None and tags:  # "The talks, Wang said, were useful"
                content = interrupted_content(token, self.lexicon, self._quoted_at)
            if content is not None and content.last < token.i:
                leading.add(token.i)
                self.leading_contents[token.i] = content
            elif content is not None and quoted_verb is not None:
                # « a « regretté » la décision »: the quoted verb is part of what is quoted
                content = Content(min(content.first, quoted_verb), content.last)
            cues.append((token, content))
        self.leading = leading
        cues = _before_tags(cues, leading)
        cues = self._innermost(cues, leading)
        contents = [c for _, c in cues if c is not None]
        out = []
        for token, content in cues:
            inner = any(c.first <= token.i <= c.last for c in contents)
            if inner and not self._named_subject(token):
                continue  # a verb inside reported speech ("qu'il répondait à …") is content
            attribution = self._attribution(token)
            if attribution is None:
                continue
            self.attributions[token.i] = attribution
            if inner:
                self.nested.add(token.i)
            if content is not None:
                out.append((attribution, content))
        emitted = []
        for attribution, content in out:
            start, end = content.chars(self.doc)
            if self._words_outside_quotes(start, end) >= MIN_REPORTED_WORDS:
                self._emit(start, end, attribution, "reported")
                emitted.append((attribution, content))
        return emitted  # a clause that is all quote ("a dénoncé une « escalade grave »")
        # leaves its quoted fragment to stand as the direct quote

    def _quoted_verb(self, verb: Token) -> int | None:
        """A speech verb the writer quotes from a communiqué (« Austin a « réaffirmé »
        l'importance … », « Reynders « regrette » la décision »): the verb inside a quoted
        span of at most ``MAX_QUOTED_VERB_WORDS`` words whose subject stands before the
        span is still the cue. Returns the index of the span's first token, else None."""
        span = next((s for s in self.spans if s.start <= verb.idx < s.end), None)
        if span is None or self._words(span.start, span.end) > MAX_QUOTED_VERB_WORDS:
            return None
        subject = self._subject_of(verb)
        if subject is None or subject.idx >= span.open_at:
            return None
        tokens = self._tokens_in(span.start, span.end)
        return tokens[0].i if tokens else None

    def _innermost(
        self, cues: list[tuple[Token, Content | None]], leading: set[int]
    ) -> list[tuple[Token, Content | None]]:
        """Content before its tag that holds a speech verb of its own with a named subject
        and content belongs to that inner speaker alone ("La Chine estime que X, a déclaré
        Wang Yi": X is China's; FORMAT.md, nested speech): the tag's quote is dropped."""
        # only a verb inside another tag's content can make that content inner speech:
        # the named-subject test, which resolves a speaker, is made for those alone
        spans = [(c.first, c.last, t.i) for t, c in cues if c is not None]
        inner = [t.i for t, c in cues if c is not None and t.i not in leading
                 and any(first <= t.i <= last and i != t.i for first, last, i in spans)
                 and self._named_subject(t)]
        if not inner:
            return cues
        kept: list[tuple[Token, Content | None]] = []
        for token, content in cues:
            if content is not None and self._holds_inner_speech(
                    token, content, token.i in leading, inner):
                content = None
            kept.append((token, content))
        return kept

    def _holds_inner_speech(
        self, token: Token, content: Content, leading: bool, inner: list[int]
    ) -> bool:
        """A tag's content holding a named speaker's speech verb, or a clause that is one."""
        if leading:
            return any(content.first <= i <= content.last for i in inner)
        return any(self._speech_clause(content, self.doc[i]) for i in inner if i != token.i)

    def _speech_clause(self, content: Content, inner: Token) -> bool:
        """Content that is itself a speech act of a named speaker: « a rappelé que Séoul et
        Washington avaient exprimé leur intention de … » reports only what Seoul and
        Washington said, which belongs to them (FORMAT.md, nested speech). The content
        must open with the inner verb's subject, then only its auxiliaries and adverbs."""
        if not content.first < inner.i <= content.last:
            return False
        subject = adjacent_subject(inner, self._subject_of(inner), self.lexicon)
        if subject is None or subject.i > inner.i:
            return False
        words = {t.i for t in subject.subtree}
        return all(i in words or self.doc[i].dep_.startswith("aux")
                   or self.doc[i].pos_ in ("ADV", "AUX", "PUNCT")
                   for i in range(content.first, inner.i))

    def _named_subject(self, verb: Token) -> bool:
        """A speech verb inside another's content with a named subject of its own speaks for
        that subject ("Trump said he would cut tariffs, after Xi promised to …")."""
        subject = quoted_speaker(verb, self.lexicon) or self._subject_of(verb)
        antecedent = relative_antecedent(verb, subject, self.lexicon)
        if antecedent is not subject and antecedent is not None:
            subject = antecedent  # "… Trump, qui a menacé de …": Trump's own words
            return self._speaker_from(subject).actor_id is not None
        subject = adjacent_subject(verb, subject, self.lexicon)
        if subject is None or subject.i > verb.i:
            return False
        if subject.head.i != verb.i and not self._adjacent(verb, subject):
            return False
        if is_word(subject, self.lexicon.pronouns | self.lexicon.self_pronouns):
            return False
        if subject.pos_ == "PROPN" and self.index.best(
                subject.idx, subject.idx + len(subject.text)) is not None:
            return True
        speaker = self._speaker_from(subject)
        if self._institution(subject, speaker).actor_id is not None:
            return True
        # « Le gouvernement japonais a annoncé que …, a rapporté l'agence Kyodo »: a state's
        # voice named by what it is speaks for itself; the outer tag only relays
        return self._voice(subject, speaker) is not None

    # -- per-verb readings, asked by several rules: each made once per verb ----------------

    def _inverted_tag(self, verb: Token) -> Content | None:
        """``leading.inverted_tag`` of the verb."""
        if verb.i not in self._inverted_tags:
            self._inverted_tags[verb.i] = inverted_tag(verb, self.lexicon, self._quoted_at)
        return self._inverted_tags[verb.i]

    def _reported_content(self, verb: Token) -> Content | None:
        """``cues.reported_content`` of the verb."""
        if verb.i not in self._contents:
            self._contents[verb.i] = reported_content(verb, self.lexicon, self.units)
        return self._contents[verb.i]

    def _subject_of(self, verb: Token) -> Token | None:
        """``speaker.subject_of`` of the verb (the same Token each time it is asked)."""
        if verb.i not in self._subjects:
            self._subjects[verb.i] = subject_of(verb, self.lexicon)
        return self._subjects[verb.i]

    def _speaker_from(self, head: Token) -> Speaker:
        """``speaker.speaker_from_head`` of the token (the phrase and mention it names)."""
        found = self._speakers.get(head.i)
        if found is None:
            found = self._speakers[head.i] = speaker_from_head(head, self.lexicon, self.index)
        return found

    def _adjacent(self, verb: Token, subject: Token) -> bool:
        """The subject's phrase ends right before the verb group (auxiliaries, adverbs)."""
        last = max(t.i for t in subject.subtree if t.i < verb.i) if any(
            t.i < verb.i for t in subject.subtree) else subject.i
        between = self.doc[last + 1 : verb.i]
        return all(t.dep_.startswith("aux") or t.pos_ in ("ADV", "AUX") for t in between)

    def _absorbed(self, verb: Token) -> bool:
        """A participle elaborating another speech verb's clause ("a déclaré que …,
        affirmant que …"); after a tag with no clause of its own (`"…," said X, adding
        that …`) the participle carries content of its own."""
        participle = ("Part" in feature(verb, "VerbForm")
                      and "Pres" in feature(verb, "Tense"))
        if not participle or verb.head.i == verb.i or not is_cue(verb.head, self.lexicon):
            return False
        if not self.lexicon.needs(verb.head) - {"direct"}:
            return False
        # `"…," said Lavrov, adding that …`: a tag with no clause has nothing to elaborate;
        # "a souligné la nécessité de X, notant que Y": an object's content stops before the
        # participle, whose clause is a quote of its own
        content = self._reported_content(verb.head)
        return content is not None and content.first <= verb.i <= content.last

    def _attribution(self, verb: Token) -> Attribution | None:
        cue_text = self._cue_text(verb)
        participle = ("Part" in feature(verb, "VerbForm")
                      and "Pres" in feature(verb, "Tense"))
        if participle and not any(
                c.dep_ in self.lexicon.dep("subject") for c in verb.children):
            issuer = self._issuer(verb, cue_text)  # "issued a statement calling for …"
            if issuer is not None:
                return issuer
            head = self._cue_before(verb)
            if head is not None:  # "…, a souligné M. Liu, ajoutant que …": he goes on
                return Attribution(verb, cue_text, head.speaker, head.others)
        subject = quoted_speaker(verb, self.lexicon) or self._subject_of(verb)
        if self._addressed_passive(verb):
            subject = self._agent(verb)  # "was urged by X to …": X speaks, not the subject
            if subject is None:
                return None  # "was asked to clarify", "when asked for comment": no speaker
        subject = relative_antecedent(verb, subject, self.lexicon)
        subject = adjacent_subject(verb, subject, self.lexicon)
        if subject is not None and subject.i < verb.i and self._quoted_at(subject.idx):
            subject = None  # "« Ceux qui … », a ajouté Fidan": the quote's words, not its tag
        if subject is None or (subject.i < verb.i and self._inverted_tag(
                verb) is not None):
            subject = after_subject(verb, self.lexicon) or subject
        if subject is None and self._narrative(verb):
            return Attribution(verb, cue_text, self._recent_speaker(verb.idx))
        if subject is None:
            return Attribution(verb, cue_text, None)
        if is_word(subject, self.lexicon.impersonal_pronouns):
            placed = self._impersonal(verb)  # « juge-t-on dans le communiqué », « à Paris »
            return None if placed is None else Attribution(verb, cue_text, placed)
        if is_word(subject, self.lexicon.self_pronouns):
            return None
        if is_word(subject, self.lexicon.addressee_pronouns):
            return Attribution(verb, cue_text, self._addressee(subject))
        speaker = self._speaker_from(subject)
        if self._indefinite_office(subject):
            self.indefinite[speaker.start] = subject.text.lower()
        office = self._is_office(subject)
        voiced = None if office or not self._true_subject(verb, subject) else self._voice(
            subject, speaker)
        if voiced is not None:
            return Attribution(verb, cue_text, voiced[0], voiced[1])
        if speaker.actor_id is None and speaker.text.lower() in self.lexicon.latter:
            speaker = self._latter(subject, speaker)
        if speaker.actor_id is None:
            printed = self.printed.name(speaker, surname=False)
            if printed.person is not None:  # "le ministre … Didier Reynders": no guessing
                return Attribution(verb, cue_text, printed, self._joint(subject, printed))
        if speaker.actor_id is None and is_word(subject, self.lexicon.pronouns):
            speaker = self._antecedent(verb, speaker)
        elif speaker.actor_id is None and subject.i < verb.i:
            speaker = self._leading_name(verb, subject, speaker)
        if speaker.actor_id is None and self._document_subject(subject):
            author = self._recent_speaker(subject.idx)  # « ajoute le communiqué »
            if author is not None:
                return Attribution(verb, cue_text, dataclasses.replace(
                    speaker, actor_id=author.actor_id, person=author.person))
        if speaker.actor_id is None and self._definite(subject):
            speaker = self._named_before(subject, speaker)
        if speaker.actor_id is None:
            speaker = self._definite_inside(subject, speaker)
        speaker = self._institution(subject, speaker)
        if speaker.actor_id is None and speaker.person is None and (
                subject.lemma_.lower() in self.lexicon.document_nouns):
            issuers = self._document_issuers(subject)
            if issuers:
                return Attribution(verb, cue_text, issuers[0], issuers[1:])
        speaker = self._office(subject, speaker)
        speaker = self._named_person(speaker)
        if office and speaker.person is None and self._true_subject(verb, subject):
            voiced = self._voice(subject, speaker)  # "le porte-parole de l'ambassade"
            if voiced is not None:
                return Attribution(verb, cue_text, voiced[0], voiced[1])
        if speaker.actor_id is None and speaker.person is None and not office:
            voiced = self._voice(subject, speaker)  # "quoted a senior US official as …"
            if voiced is not None:
                return Attribution(verb, cue_text, voiced[0], voiced[1])
        others = self._joint(subject, speaker)
        if others and speaker.actor_id is None and speaker.person is None:
            speaker, others = others[0], others[1:]
        return Attribution(verb, cue_text, speaker, others)

    def _addressed_passive(self, verb: Token) -> bool:
        """A speech verb in the passive ("was asked to clarify", "was urged by X to …",
        "when asked for comment"): its subject is the addressee, not the speaker. An
        impersonal passive with a clause ("It was suggested that …") names no addressee
        and keeps the speaker the context gives."""
        if not (_passive_auxiliary(verb) or _bare_participle(verb, self.lexicon)):
            return False
        subjects = [c for c in verb.children if c.dep_ in self.lexicon.dep("subject")]
        impersonal = bool(subjects) and all(
            s.lower_ in self.lexicon.expletive_pronouns for s in subjects)
        clause = any(c.dep_ in self.lexicon.dep("clause") for c in verb.children)
        return not (impersonal and clause)

    def _agent(self, verb: Token) -> Token | None:
        """The agent of a passive speech verb ("urged *by his counterpart* to …"), the
        head of its phrase."""
        for child in verb.children:
            if child.dep_ in self.lexicon.dep("agent"):
                objects = [g for g in child.children if g.pos_ in ("NOUN", "PROPN", "PRON")]
                return objects[0] if child.pos_ == "ADP" and objects else (
                    None if child.pos_ == "ADP" else child)
        return None

    def _issuer(self, verb: Token, cue_text: str) -> Attribution | None:
        """A participle on a document noun ("X issued a statement calling on Y to …", "a
        statement from the ministry saying …"): the document speaks for its issuer
        (FORMAT.md), the noun's agent or possessor, else the subject of the verb that
        issued it; the participle has no subject of its own to inherit."""
        noun = verb.head
        if verb.dep_ not in self.lexicon.dep("relative") or noun.pos_ != "NOUN" or (
                noun.lemma_.lower() not in self.lexicon.document_nouns):
            return None
        agent = agent_of(noun, self.lexicon)
        if agent is not None:
            speaker = self._named_person(self._institution(
                agent, self._speaker_from(agent)))
            if speaker.actor_id is not None or speaker.person is not None:
                return Attribution(verb, cue_text, speaker)
        if noun.dep_ not in self.lexicon.dep("object") or noun.head.pos_ != "VERB" or (
                noun.head.i == noun.i):
            return None
        issued = self._attribution(noun.head)
        return None if issued is None else Attribution(
            verb, cue_text, issued.speaker, issued.others)

    def _voice(self, head: Token, speaker: Speaker) -> tuple[Speaker, tuple[Speaker, ...]] | None:
        """A subject named only by what it is (``voices``): "le gouvernement chinois" and
        "des responsables états-uniens et chinois" are their states, "l'ambassade de Pékin
        à Paris" its mission, and "l'ambassade" alone the mission named just before."""
        actor = None if speaker.actor_id is None else self.lookup(speaker.actor_id)
        if (actor is not None and actor.type != "state") or (
                self.printed.name(speaker).person is not None):
            return None  # "l'ambassade de Pékin": the phrase names a state, not who speaks
        voice = voice_of(head, self.lexicon, self.index, self.lookup,
                         (speaker.start, speaker.end))
        actors = voice.actors
        if voice.bare_mission and self._definite_phrase(head):
            recent = self._recent_mission(head.idx)
            actors = () if recent is None else (recent,)
        if not actors:
            return None
        found = [dataclasses.replace(speaker, actor_id=a) for a in actors]
        return found[0], tuple(found[1:])

    def _is_office(self, token: Token) -> bool:
        return token.text.lower() in self.lexicon.office_nouns or (
            token.lemma_.lower() in self.lexicon.office_nouns)

    def _true_subject(self, verb: Token, subject: Token) -> bool:
        """A subject the parse gives as one, or the phrase after a tag's verb (« …, a
        déclaré le gouvernement chinois »); not an object taken for a missing subject
        ("quoted an official as urging the Japanese government to …")."""
        if subject.dep_ in self.lexicon.dep("subject") or subject.i < verb.i:
            return True
        return self._inverted_tag(verb) is not None or (
            self._after_quote(verb))

    def _after_quote(self, verb: Token) -> bool:
        """The verb opens a tag right after a closing quotation mark and a comma."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].dep_.startswith("aux"):
            i -= 1
        return i >= 1 and self.doc[i].text == "," and bool(self.doc[i - 1].is_quote)

    def _definite_phrase(self, head: Token) -> bool:
        """"l'ambassade", "the embassy", or an office whose complement is one."""
        if self._definite(head):
            return True
        return any(self._definite(c) for c in head.children
                   if c.dep_ in self.lexicon.dep("nominal_modifier"))

    def _recent_mission(self, position: int) -> str | None:
        """The diplomatic mission named or speaking last before ``position``, nearby."""
        known = set(missions().values())
        window = self._window_start(position)
        seen = [(m.start, m.actor_id) for m in self.index.overlapping(window, position)
                if m.actor_id in known and m.end <= position]
        seen += [(a.cue.idx, a.speaker.actor_id) for a in self.attributions.values()
                 if a.speaker is not None and a.speaker.actor_id in known
                 and window <= a.cue.idx < position]
        return max(seen)[1] if seen else None

    def _joint(self, subject: Token, speaker: Speaker) -> tuple[Speaker, ...]:
        """Further speakers of a joint subject: conjuncts ("Oslo and Reykjavik said"), or
        the two states named just before for a pair ("les deux parties", "both sides")."""
        found: list[Speaker] = []
        for child in subject.children:
            if child.dep_ in self.lexicon.dep("conjunct") and child.pos_ in ("PROPN", "NOUN"):
                if self._apposed_holder(subject, child):
                    continue
                other = self._named_person(self._speaker_from(child))
                if other.actor_id is not None or other.person is not None:
                    found.append(other)
        first = self._detached_conjunct(subject)
        if first is not None:
            other = self._named_person(self._speaker_from(first))
            if other.actor_id is not None or other.person is not None:
                found.insert(0, other)
        if found or speaker.actor_id is not None:
            return tuple(found)
        size = 2 if any(c.lower_ in self.lexicon.pair_numbers for c in subject.children) else (
            max((self.lexicon.group_numbers.get(c.lower_, 0) for c in subject.children),
                default=0))
        if not size:
            return ()  # "the three countries": the three states named just before
        states: list[str] = []
        window = self._window_start(subject.idx)
        for mention in reversed(self.index.overlapping(window, subject.idx)):
            actor = None if mention.actor_id is None else self.lookup(mention.actor_id)
            if actor is None or actor.type != "state" or mention.end > subject.idx:
                continue
            assert mention.actor_id is not None
            if mention.actor_id not in states:
                states.append(mention.actor_id)
            if len(states) == size:
                return tuple(dataclasses.replace(speaker, actor_id=a) for a in states)
        return ()

    def _detached_conjunct(self, subject: Token) -> Token | None:
        """Parser slip: « Washington et Séoul ont promis … » read with « Washington » as a
        root of its own and « et Séoul » as the subject. A name right before the
        coordinating word that opens the subject, hanging on nothing, is its first member."""
        first = subject.left_edge.i
        if first < 2 or self.doc[first - 1].dep_ != "cc" and self.doc[first].dep_ != "cc":
            return None
        at = first - 2 if self.doc[first - 1].dep_ == "cc" else first - 1
        token = self.doc[at]
        while token.head.i != token.i and token.head.i < first and token.head.i != subject.i:
            token = token.head
        if token.head.i != token.i or token.pos_ not in ("NOUN", "PROPN"):
            return None
        return token

    def _apposed_holder(self, subject: Token, conjunct: Token) -> bool:
        """``apposed_holder``, with a name the resolver took for something else than a
        person left out."""
        mention = self.index.best(conjunct.idx, conjunct.idx + len(conjunct.text))
        return apposed_holder(subject, conjunct, self.lexicon) and (
            mention is None or mention.entity_type == "PER")

    def _office(self, subject: Token, speaker: Speaker) -> Speaker:
        """An office named without its holder's name (NOTES: examples and seeds).

        A role resolved by date ("le porte-parole du Kremlin") is its holder only when the
        text names them earlier, else the institution the phrase names. A definite office
        noun whose phrase names only an institution ("The Pentagon chief", "le chef de la
        diplomatie chinoise") is the last person of that country who spoke just before.
        """
        own = self.index.best(subject.idx, subject.idx + len(subject.text))
        if own is not None and own.method == "role" and own.actor_id is not None:
            if self.first_named.get(own.actor_id, len(self.text)) < speaker.end:
                return speaker
            institution = self._institution_in(speaker, own)
            return speaker if institution is None else dataclasses.replace(
                speaker, actor_id=institution)
        office = subject.text.lower() in self.lexicon.office_nouns or (
            subject.lemma_.lower() in self.lexicon.office_nouns)
        if self.printed.name(speaker).person is not None:
            return speaker  # "le ministre Didier Reynders": the printed name, not a guess
        if speaker.actor_id is None and office and self._definite(subject) and (
                speaker.end <= subject.idx + len(subject.text) + 4):
            holder = self._recent_speaker(subject.idx, person=True) or self._same_office(
                subject) or self._person_named_before(subject, speaker)
            return speaker if holder is None else dataclasses.replace(
                speaker, actor_id=holder.actor_id, person=holder.person)
        if speaker.actor_id is None or (own is not None and own.actor_id is not None):
            return speaker
        named = self.lookup(speaker.actor_id)
        if not office or named is None or not (
                self._definite(subject) or self._possessed(subject)):
            return speaker
        holder = self._recent_speaker(subject.idx, country=named.country) or (
            self._person_with_office(speaker, subject.lower_, before=True, country=named.id))
        return speaker if holder is None else dataclasses.replace(
            speaker, actor_id=holder.actor_id, person=holder.person)

    def _institution(self, subject: Token, speaker: Speaker) -> Speaker:
        """"China's coast guard said", "the Ministry of Commerce said": an institution the
        subject phrase names by its words rather than by a listed alias, either with its
        state ("China's" + "coast guard") or as part of an institution named earlier
        (``institutions``). A phrase headed by a person's office ("the spokesman") or a
        state's own name is left as it is."""
        if speaker.person is not None or subject.pos_ not in ("NOUN", "PROPN"):
            return speaker
        if subject.lower_ in self.lexicon.office_nouns or (
                subject.lemma_.lower() in self.lexicon.office_nouns):
            return speaker
        actor = None if speaker.actor_id is None else self.lookup(speaker.actor_id)
        if actor is not None and actor.type != "state":
            return speaker
        own = self.index.best(subject.idx, subject.idx + len(subject.text))
        if own is not None and own.actor_id is not None:
            return speaker  # the head itself names the actor ("China", "Beijing")
        phrase = _PARENTHESES.sub(" ", self.text[speaker.start : speaker.end] + ")")
        words = phrase.split()  # "The Joint Chiefs of Staff (JCS)": the acronym aside
        for source in self.lexicon.sources:  # "selon le ministère": the preposition's
            if [w.lower() for w in words[: len(source)]] == list(source):  # own phrase
                words = words[len(source) :]
        states = {m.actor_id for m in self.index.overlapping(speaker.start, speaker.end)
                  if m.actor_id is not None and self._is_state(m.actor_id)}
        if actor is None and len(states) == 1:
            actor = self.lookup(states.pop())
        if actor is not None:
            found = state_institutions().find(actor.id, words)
        else:
            institutions, state_mentions = self._typed_mentions()
            before = [m for m in institutions if m.end <= speaker.start]
            found = earlier_institution(words, before, self._is_institution)
            if found is None:
                found = self._earlier_speaker_named(words, speaker.start)
            if found is None:
                named = [m.actor_id or "" for m in state_mentions if m.end <= speaker.start]
                found = state_institutions().find_among(named, words)
        return speaker if found is None else dataclasses.replace(speaker, actor_id=found)

    def _typed_mentions(self) -> tuple[list[Mention], list[Mention]]:
        """The mentions resolved to an institution and those resolved to a state, in text
        order: ``_institution`` looks among those before each speaker phrase, and sorting
        them out of every mention once per document spares a pass per phrase."""
        if self._institutions_and_states is None:
            resolved = [m for m in self.index.mentions if m.actor_id]
            self._institutions_and_states = (
                [m for m in resolved if self._is_institution(m.actor_id or "")],
                [m for m in resolved if self._is_state(m.actor_id or "")])
        return self._institutions_and_states

    def _document_issuers(self, subject: Token) -> tuple[Speaker, ...]:
        """"The statement said …" after "China and Russia issued a joint statement" (or
        "the White House said in a readout"): a document speaks for its issuers (FORMAT.md),
        the subjects of the verb that last issued or delivered the same document noun
        within the paragraph or the two before."""
        words = {subject.lemma_.lower(), subject.lower_}
        window = self._window_start(subject.idx)
        for token in reversed(self._tokens_in(window, subject.idx)):
            if token.pos_ != "NOUN" or token.lemma_.lower() not in words:
                continue
            verb = token.head.head if token.head.pos_ == "ADP" else token.head
            if verb.pos_ != "VERB" or verb.i == token.i:
                continue
            issuer = self._subject_of(verb)
            if issuer is None or issuer.i > verb.i:
                continue
            first = self._named_person(self._institution(
                issuer, self._speaker_from(issuer)))
            speakers = [s for s in (first, *self._joint(issuer, first))
                        if s.actor_id is not None or s.person is not None]
            return tuple(speakers)
        return ()

    def _earlier_speaker_named(self, words: list[str], position: int) -> str | None:
        """"the JCS said" after "South Korea's Joint Chiefs of Staff (JCS) said": the one
        institution an earlier speaker phrase holding these words resolved to."""
        wanted = set(content_words(words))
        found = {a.speaker.actor_id for a in self.attributions.values()
                 if a.cue.idx < position and a.speaker is not None
                 and a.speaker.actor_id is not None and self._is_institution(a.speaker.actor_id)
                 and wanted and wanted <= phrase_words(a.speaker.text)}
        return found.pop() if len(found) == 1 else None

    def _is_state(self, actor_id: str) -> bool:
        actor = self.lookup(actor_id)
        return actor is not None and actor.type == "state"

    def _is_institution(self, actor_id: str) -> bool:
        actor = self.lookup(actor_id)
        return actor is not None and actor.type == "organization"

    def _same_office(self, subject: Token) -> Speaker | None:
        """"the spokesman said" after "a spokesman for the ministry said" with no name
        printed: the actor the last earlier phrase with the same office word resolved to,
        anywhere before (an unnamed spokesperson of an institution is the institution,
        FORMAT.md)."""
        words = {subject.lower_, subject.lemma_.lower()}
        before = sorted((a for a in self.attributions.values()
                         if a.cue.idx < subject.idx and a.speaker is not None
                         and a.speaker.actor_id is not None), key=lambda a: a.cue.idx)
        for attribution in reversed(before):
            assert attribution.speaker is not None
            if words & set(attribution.speaker.text.lower().split()):
                return attribution.speaker
        return None

    def _institution_in(self, speaker: Speaker, role: Mention) -> str | None:
        for mention in self.index.overlapping(speaker.start, speaker.end):
            if mention is not role and mention.actor_id is not None and (
                    mention.entity_type in ("ORG", "GPE")):
                return mention.actor_id
        return None

    def _possessed(self, token: Token) -> bool:
        """A noun with a possessor ("Russia's foreign minister", "the president's
        adviser"): as determined as a definite one."""
        return token.pos_ == "NOUN" and any(
            c.dep_ in ("poss", "nmod:poss") for c in token.children if c.i < token.i)

    def _definite(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and any(
            "Def" in feature(c, "Definite") for c in token.children if c.i < token.i)

    def _named_before(self, head: Token, speaker: Speaker) -> Speaker:
        """"The ministry said …" after "the Chinese commerce ministry": a definite noun names
        the last resolved actor, within the paragraph or the two before, whose name has it."""
        words = {head.text.lower(), head.lemma_.lower()}
        window = self._window_start(head.idx)
        for mention in reversed(self.index.overlapping(window, head.idx)):
            if mention.actor_id is None or mention.end > head.idx:
                continue
            if words & set(mention.surface.lower().replace("'", " ").split()):
                return dataclasses.replace(speaker, actor_id=mention.actor_id)
        return speaker

    def _latter(self, word: Token, speaker: Speaker) -> Speaker:
        """« ce dernier », "the latter", « selon lui »: the last person named before, known
        or printed, wherever the text names them."""
        mention = self.anaphors.get(speaker.start)  # the actors stage's (``actors.anaphora``)
        if mention is None or mention.method != LATTER:
            return speaker
        if mention.actor_id is not None:
            return dataclasses.replace(speaker, actor_id=mention.actor_id)
        found = self._person_before(word, speaker, self._window_start(speaker.start),
                                    subjects_only=False)  # printed: the name it finds
        return speaker if found is None else found

    def _person_named_before(self, word: Token, speaker: Speaker) -> Speaker | None:
        """"Spokesperson Mao Ning made the remarks. The Chinese diplomat said …" or "She
        said": with no speaker before it, the last person the text makes a subject within
        the paragraph or the two before (``actors.anaphora``)."""
        return self._person_before(word, speaker, self._window_start(word.idx))

    def _anaphor(self, word: Token, speaker: Speaker, *, named: bool = False
                 ) -> Speaker | None:
        """The person the actors stage resolved the pronoun ``word`` to (its look-back
        mention, ``actors.anaphora``); ``named`` also takes the fallback of a stressed
        pronoun, the last person named at all. A person the base does not know is printed
        under the name the look-back finds (a mention holds no printed name)."""
        offset = len(word.text) - len(word.text.lstrip("-"))
        mention = self.anaphors.get(word.idx + offset)
        if mention is None or mention.method not in ((ANTECEDENT, NAMED) if named else (
                ANTECEDENT,)):
            return None
        if mention.actor_id is not None:
            return dataclasses.replace(speaker, actor_id=mention.actor_id)
        return self._person_before(word, speaker, self._window_start(word.idx),
                                   subjects_only=mention.method == ANTECEDENT)

    def _person_before(self, word: Token, speaker: Speaker, window: int, *,
                       subjects_only: bool = True) -> Speaker | None:
        found = self.lookback.person_before(word, speaker.start, speaker.end, window,
                                            subjects_only=subjects_only)
        if found is None:
            return None
        if found.actor_id is not None:
            return dataclasses.replace(speaker, actor_id=found.actor_id)
        return dataclasses.replace(speaker, person=found.name)

    def _cue_before(self, verb: Token) -> Attribution | None:
        """The attribution of the speech verb the participle elaborates: its head in the
        parse, else the last cue before it in the sentence (the parse may hang the
        participle on the content's verb). A passive head ("X ont été salués par la
        communauté internationale, a souligné M. Liu, ajoutant que …") is no tag: its
        subject is what was praised, not who speaks."""
        if verb.head.i in self.attributions and not _passive(verb.head):
            return self.attributions[verb.head.i]
        if verb.i == 0 or self.doc[verb.i - 1].text != ",":
            return None
        for i in range(verb.i - 2, self._sentence_start(verb.i) - 1, -1):
            if i in self.attributions:
                return self.attributions[i]
        return None

    def _named_person(self, speaker: Speaker) -> Speaker:
        """A person the base lacks, printed in the subject phrase, speaks rather than the
        institution or state the phrase also names ("The PLA's Eastern Theater Command
        spokesman Li Xi", "Dutch Defence Minister Ruben Brekelmans")."""
        if speaker.person is not None:
            return speaker
        actor = None if speaker.actor_id is None else self.lookup(speaker.actor_id)
        if actor is not None and actor.type == "person" and not self._glued_surname(speaker):
            return speaker
        if actor is not None and actor.type == "person":
            speaker = dataclasses.replace(speaker, actor_id=None)
        printed = self.printed.name(speaker, surname=speaker.actor_id is None)
        if printed.person is None:
            name = self._unmarked_name(speaker)
            if name is None and speaker.actor_id is None:
                name = self._earlier_printed(speaker)
            if name is None:
                return speaker
            printed = dataclasses.replace(speaker, person=name)
        return dataclasses.replace(printed, actor_id=None)

    def _glued_surname(self, speaker: Speaker) -> bool:
        """The person was resolved by a surname alone that ends the phrase right after an
        unresolved capitalised name ("spokesman Li Xi" is not Xi Jinping)."""
        mentions = [m for m in self.index.overlapping(speaker.start, speaker.end)
                    if m.actor_id == speaker.actor_id]
        if not mentions or mentions[-1].method != "surname" or mentions[-1].end != speaker.end:
            return False
        tokens = self._tokens_in(mentions[-1].start, mentions[-1].end)
        if not tokens or tokens[0].i == 0 or not self._given_before(tokens[0]):
            return False
        return not self._title_word(self.doc[tokens[0].i - 1])  # "Secretary Blinken"

    def _earlier_printed(self, speaker: Speaker) -> str | None:
        """"Li said" after "spokesman Li Xi emphasized": a lone capitalised surname points
        back to the printed full name of a speaker found before that begins or ends with
        it (the NER may have split the full name, so no mention holds it)."""
        words = speaker.text.split()
        if len(words) != 1 or not words[0][:1].isupper() or not words[0].isalpha():
            return None
        earlier = sorted((a for a in self.attributions.values()
                          if a.cue.idx < speaker.start and a.speaker is not None
                          and a.speaker.person is not None), key=lambda a: a.cue.idx)
        for attribution in reversed(earlier):
            assert attribution.speaker is not None and attribution.speaker.person is not None
            parts = attribution.speaker.person.split()
            if words[0] in (parts[0], parts[-1]):
                return attribution.speaker.person
        return None

    def _unmarked_name(self, speaker: Speaker) -> str | None:
        """A full name that ends the subject phrase though the NER missed it ("Dutch Defence
        Minister Ruben Brekelmans"): the capitalised words after every mention but a
        person's and after the office word."""
        tokens = self._tokens_in(speaker.start, speaker.end)
        run: list[Token] = []
        for token in reversed(tokens):
            # a surname match glued to a given name ("Li Xi" read as Xi) is another person
            inside = [m for m in self.index.overlapping(token.idx, token.idx + 1)
                      if (m.entity_type != "PER" or m.actor_id is not None)
                      and not (m.method == "surname" and run == [] and self._given_before(token))]
            if token.pos_ != "PROPN" or inside or not token.text[:1].isupper() or (
                    token.lower_ in self.lexicon.office_nouns):
                break
            run.insert(0, token)
        if len(run) < 2:
            return None
        return printed_person_name(self.text[run[0].idx : speaker.end],
                                   self.analysis.document.language)

    def _title_word(self, token: Token) -> bool:
        """An office or an honorific, abbreviated or not ("Secretary", "Mr.", "Dr"): the
        word before a surname that is no given name ("Mr. Blinken" is Blinken)."""
        word = token.lower_.strip(".")
        return word in self.lexicon.office_nouns or word in _titles(
            self.analysis.document.language)

    def _given_before(self, token: Token) -> bool:
        """A capitalised proper noun no actor resolves stands right before ``token``."""
        if token.i == 0:
            return False
        before = self.doc[token.i - 1]
        if self._title_word(before):
            return False
        resolved = [m for m in self.index.overlapping(before.idx, before.idx + 1)
                    if m.actor_id is not None]
        return before.pos_ == "PROPN" and before.text[:1].isupper() and not resolved and (
            before.idx + len(before.text) + 1 == token.idx)

    def _definite_inside(self, subject: Token, speaker: Speaker) -> Speaker:
        """"a spokesman for the ministry": a definite noun inside the phrase that names an
        actor resolved just before names the speaker's institution."""
        for token in subject.subtree:
            if token.i != subject.i and self._definite(token):
                found = self._named_before(token, speaker)
                if found.actor_id is not None:
                    return found
        return speaker

    def _leading_name(self, verb: Token, subject: Token, speaker: Speaker) -> Speaker:
        """A subject the parse got wrong ("Milley, président des chefs d'état-major, a déclaré"):
        the first named actor of the clause before that subject, when no other verb (the
        cue's own auxiliary aside) stands between it and the cue. A name after the subject
        head ("Les analystes interrogés à Pékin estiment") is a modifier, not the speaker.
        """
        own = self.index.best(subject.idx, subject.idx + len(subject.text))
        if (own is not None and own.entity_type == "PER") or subject.pos_ == "PROPN":
            return speaker  # a named person the knowledge base lacks stays unresolved
        start = self.doc[self._sentence_start(subject.i)].idx
        auxiliaries = {c.i for c in verb.children if c.dep_.startswith("aux")}
        for mention in self.index.overlapping(start, subject.idx):
            if mention.actor_id is None or self._quoted_at(mention.start):
                continue
            between = self._tokens_in(mention.end, verb.idx)
            if any("Fin" in feature(t, "VerbForm") and t.i not in auxiliaries
                   for t in between):
                return speaker
            opens = not self.text[start : mention.start].strip(" \t\n«“\"'")
            if not (opens and self.text[mention.end : mention.end + 1] == ","):
                return speaker  # "Following Trump's victory, the sheikh said": a setting
            return dataclasses.replace(speaker, actor_id=mention.actor_id)
        return speaker

    def _sentence_start(self, i: int, reach: int = 40) -> int:
        """The first token after the last sentence end or line break before token ``i``:
        the parse's own sentences sometimes split at a hyphen ("chefs d'état-major")."""
        first = i
        while first > 0 and i - first < reach:
            previous = self.doc[first - 1]
            if previous.text in (".", "!", "?") or "\n" in previous.text_with_ws:
                break
            first -= 1
        return first

    def _cue_text(self, verb: Token) -> str:
        """The cue as printed: the verb with its auxiliaries ("a déclaré", "a-t-il déclaré")."""
        words = columns(self.doc)
        first = min([verb.i, *(c for c in words.children(verb.i)
                               if words.dep(c).startswith("aux") and c < verb.i)])
        # a span's text is the document's text between its first and last token's ends
        return self.doc_text[self.token_starts[first] : verb.idx + len(verb.text)]

    def _antecedent(self, verb: Token, speaker: Speaker) -> Speaker:
        """An unresolved "il": the subject of the clause it depends on, else the last speaker.

        "le Pentagone a abattu ce qu'il a qualifié de …": the pronoun is the main clause's
        subject. "« … », a-t-il déclaré": it is whoever spoke just before.
        """
        first, last = self.units.bounds(verb.i)
        token, hops = verb.head, 0
        if verb.i in self.leading:
            token = verb  # "The EU was displaying …, it said": "it" is not the EU
            own = self._content_person(verb)
            if own is not None:  # « Michel « comprend » l'action …, indique-t-il »
                return own
        while token.i != verb.i and first <= token.i <= last and hops < 6:
            if not self._quoted_at(token.idx):
                candidate = self._subject_of(token)
                if candidate is not None and not is_word(candidate, self.lexicon.pronouns):
                    found = self._speaker_from(candidate)
                    if found.actor_id is not None:
                        return dataclasses.replace(speaker, actor_id=found.actor_id)
            if token.head.i == token.i:
                break
            token, hops = token.head, hops + 1
        subject = self._subject_of(verb)
        previous = self._recent_speaker(verb.idx, pronoun=subject)
        if previous is None:
            subject = self._subject_of(verb)
            # "Mao Ning held a briefing. She said …": the person named before
            if subject is not None and feature(subject, "Gender") and (
                    "Neut" not in feature(subject, "Gender")):
                return self._anaphor(subject, speaker) or speaker
            return speaker
        return dataclasses.replace(speaker, actor_id=previous.actor_id, person=previous.person)

    def _content_person(self, verb: Token) -> Speaker | None:
        """The person the content before a pronoun tag names as its own subject: « Le
        Premier ministre Charles Michel comprend X, indique-t-il » is Michel speaking of
        himself. Only a person (a state or ministry before "it said" is what is spoken of),
        and one the pronoun agrees with."""
        content = self.leading_contents.get(verb.i)
        pronoun = self._subject_of(verb)
        if content is None or pronoun is None:
            return None
        for token in self.doc[content.first : content.last + 1]:
            if token.dep_ not in self.lexicon.dep("subject") or self._quoted_at(token.idx):
                continue
            found = self._named_person(self._speaker_from(token))
            if self._is_person(found.actor_id, found) and self._agrees(pronoun, found):
                return found
            return None  # the first subject is the content's own: no one further in
        return None

    def _narrative(self, verb: Token) -> bool:
        """« Et de préciser que … »: the narrative infinitive opening a sentence goes on
        with the speaker before (its words: ``narrative_markers``)."""
        if "Inf" not in feature(verb, "VerbForm"):
            return False
        first = self.units.first[verb.i]
        opening = " ".join(t.lower_ for t in self.doc[first : verb.i])
        return opening in self.lexicon.narrative_markers

    def _pronoun_source(self, head: Token) -> Speaker | None:
        """« Selon lui, … »: the last speaker the pronoun agrees with, else the last person
        named before it as a subject (the sentence's topic, not an object met in passing),
        else the last person named."""
        found = self._recent_speaker(head.idx, pronoun=head)
        if found is not None:
            return found
        own = Speaker(head.idx, head.idx + len(head.text), head.text, None)
        # « X a rencontré Y. Selon lui »: X, the subject; else the last person named
        return self._anaphor(head, own, named=True)

    def _document_subject(self, subject: Token) -> bool:
        """A document or "the same source" as subject: « précise le communiqué », « ajoute
        la même source », "the statement said"."""
        words = {subject.lower_, subject.lemma_.lower()}
        if words & self.lexicon.document_nouns:
            return True
        return bool(words & self.lexicon.relay_nouns) and any(
            c.lower_ in self.lexicon.anaphoric_modifiers for c in subject.children)

    def _impersonal(self, verb: Token) -> Speaker | None:
        """« on » with the document or the capital it speaks from: « juge-t-on dans le
        même communiqué » is the communiqué's author, « estime-t-on à Paris » France."""
        first, last = self.units.bounds(verb.i)
        for child in self.doc[verb.i + 1 : min(verb.i + 8, last + 1)]:
            if child.is_punct:
                break
            if child.pos_ not in ("NOUN", "PROPN"):
                continue
            words = {child.lower_, child.lemma_.lower()}
            if words & self.lexicon.document_nouns:
                author = self._recent_speaker(child.idx)
                if author is not None:
                    return author
            mention = self.index.best(child.idx, child.idx + len(child.text))
            actor = None if mention is None or mention.actor_id is None else self.lookup(
                mention.actor_id)
            if actor is not None and actor.type == "state" and mention is not None:
                return Speaker(mention.start, mention.end, mention.surface, actor.id)
        return None

    def _recent_speaker(
        self, position: int, country: str | None = None, person: bool = False,
        pronoun: Token | None = None,
    ) -> Speaker | None:
        """The last resolved speaker before ``position``, in its paragraph or the two before
        (with ``country``: the last person of that country; with ``person``: the last
        person, known or printed)."""
        window = self._window_start(position)
        before = [a for i, a in self.attributions.items()
                  if window <= a.cue.idx < position and i not in self.nested
                  and a.speaker is not None
                  and (a.speaker.actor_id is not None or (
                      country is None and a.speaker.person is not None))
                  and (country is None or self._person_of(a.speaker.actor_id, country))
                  and (not person or a.speaker.person is not None
                       or self._person_of(a.speaker.actor_id, None))]
        if country is None and not person:
            before += [a for a in self.source_attributions
                       if window <= a.cue.idx < position and a.speaker is not None]
        before.sort(key=lambda a: a.cue.idx)
        if pronoun is not None:  # "elle" is not the spokesman, "he" not the ministry
            before = [a for a in before if a.speaker is not None and self._agrees(
                pronoun, a.speaker)]
        return before[-1].speaker if before else None

    def _agrees(self, pronoun: Token, speaker: Speaker) -> bool:
        """``agrees``, with a spokesman resolved to their ministry still a person."""
        head = self._phrase_head(speaker)
        actor = None if speaker.actor_id is None else self.lookup(speaker.actor_id)
        person = actor is None or actor.type == "person" or (
            head is not None and self._is_office(head))
        return agrees(pronoun, head, person, self.lexicon.person_pronouns)

    def _phrase_head(self, speaker: Speaker) -> Token | None:
        """The head word of a speaker's phrase: its token whose head lies outside it."""
        tokens = self._tokens_in(speaker.start, speaker.end)
        inside = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        return heads[0] if heads else None

    def _person_of(self, actor_id: str | None, country: str | None) -> bool:
        actor = None if actor_id is None else self.lookup(actor_id)
        return actor is not None and actor.type == "person" and (
            country is None or actor.country == country)

    def _window_start(self, position: int) -> int:
        """How far back a speaker is looked for (``actors.anaphora.window_start``)."""
        return window_start(self.text, self.paragraph_starts, position)

    def _addressee(self, subject: Token) -> Speaker | None:
        """"vous"/"you" in a question is the official who answers it."""
        turns = self.analysis.turns
        position = bisect_right(self.turn_starts, subject.idx) - 1
        if position < 0 or turns[position].role != "question":
            return None
        following = [t for t in turns[position + 1 :] if t.role == "answer"]
        if not following or following[0].speaker_actor is None:
            return None
        end = subject.idx + len(subject.text)
        return Speaker(subject.idx, end, subject.text, following[0].speaker_actor)

    # -- headlines ------------------------------------------------------------------------

    def _headline(self) -> None:
        """"Talks will resume: Norway's Eide": a title tagged by punctuation (``headline``)."""
        if self.title is None or any(q.start < self.title[1] and q.end > self.title[0]
                                     for q in self.found):
            return
        for first, last, who_start, who_end, separator in headline_tags(self.text, self.title,
                                                                      self.lexicon.topic_words):
            speaker = self._tag_speaker(who_start, who_end)
            if speaker is None:
                continue
            cue = self._tokens_in(separator, separator + 3)  # " : ", "’-"
            if not cue:
                continue
            first, last = self._strip(first, last)
            quoted = self._quoted_at(first) and self._quoted_at(last - 1)
            kind: QuoteKind = "direct" if quoted else "reported"
            self._emit(first, last, Attribution(cue[0], cue[0].text, speaker), kind)
            return

    def _tag_speaker(self, start: int, end: int) -> Speaker | None:
        """The known actor (or printed person) whose name ends the tag ("Norway's Eide")."""
        start, end = self._strip(start, end)
        for mention in reversed(self.index.overlapping(start, end)):
            if mention.actor_id is None or mention.entity_type in ("PRON", "ROLE"):
                continue
            if self.text[mention.end : end].strip(" '’s"):
                return self._described_tag(start, end)  # "Chinese FM": not a name
            return Speaker(start, end, self.text[start:end], mention.actor_id)
        name = printed_person_name(self.text[start:end], self.analysis.document.language)
        if name is not None:
            return Speaker(start, end, name, None, name)
        return self._described_tag(start, end)

    def _described_tag(self, start: int, end: int) -> Speaker | None:
        """A tag that describes its speaker instead of naming it: a state and an
        institution's (abbreviated) noun ("…: Chinese FM" → the Chinese foreign ministry),
        or an office alone ("…: spokesperson") → the first holder of that office the body
        quotes."""
        words: list[str] = []
        for word in self.text[start:end].split():
            words.extend(self.lexicon.abbreviations.get(word.lower().strip(".’'"), (word,)))
        states = {m.actor_id for m in self.index.overlapping(start, end) if m.actor_id}
        if len(states) == 1:
            state = states.pop()
            actor = self.lookup(state)
            found = None if actor is None or actor.type != "state" else (
                state_institutions().find(state, words))
            if found is not None:
                return Speaker(start, end, self.text[start:end], found)
        if not words or words[-1].lower() not in self.lexicon.office_nouns:
            return None  # "…: FM spokesperson": the office word ends the tag
        words = words[-1:]
        later = sorted((a for a in self.attributions.values()
                        if a.cue.idx >= end and a.speaker is not None
                        and a.cue.i not in self.nested), key=lambda a: a.cue.idx)
        for attribution in later:
            speaker = attribution.speaker
            assert speaker is not None
            if self._is_person(speaker.actor_id, speaker) and set(words) & set(
                    speaker.text.lower().split()):
                return dataclasses.replace(speaker, start=start, end=end)
        return None

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        while start < end and (self.text[start].isspace() or self.text[start] in "«“\"‘'"):
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in "»”\"’'"):
            end -= 1
        return start, end

    def _summary_headline(self, start: int, attribution: Attribution) -> bool:
        """A headline that only summarizes speech with its verb first ("Norway vows to …",
        "Oslo appelle à …") is not a quote (FORMAT.md)."""
        if self.title is None or not self.title[0] <= start < self.title[1]:
            return False
        if attribution.cue.idx > start or attribution.cue.pos_ not in ("VERB", "AUX"):
            return False
        return not any(self.title[0] <= s.open_at < self.title[1] for s in self.spans)

    # -- nominal sources ------------------------------------------------------------------

    def _sources(self) -> None:
        for source in self.found_sources:
            first, last = self.units.bounds(source.cue_first)
            relative = self.lexicon.dep("relative")
            trailing = source.content.last < source.cue_first
            if trailing and any(i in self.attributions and self.doc[i].dep_ not in relative
                                for i in range(first, last + 1)):
                continue  # "…, a-t-il déclaré, selon Xinhua": the outlet only relays
            speaker = self._source_speaker(source.head)
            if speaker is None or (source.view and not self._holds_view(source, speaker)):
                continue
            cue = self.doc[source.cue_first : source.cue_first + 1]
            voiced = self._voice(source.head, speaker)
            attribution = Attribution(cue[0], cue.text, speaker) if voiced is None else (
                Attribution(cue[0], cue.text, voiced[0], voiced[1]))
            start, end = source.content.chars(self.doc)
            if self._words_outside_quotes(start, end) < MIN_REPORTED_WORDS:
                # `"…," according to X` / « Selon lui, « … » »: the quotation is direct
                # speech, and a source before it is its tag
                for span in self.spans:
                    if start <= span.start < end and source.content.last > source.cue_last:
                        self.source_quotes[span.open_at] = attribution
                continue
            self._emit(start, end, attribution, "reported")

    def _holds_view(self, source: Source, speaker: Speaker) -> bool:
        """« Pour X, … » gives X a view (``view_sources``) when X is a person, or a state or
        institution whose content quotes words: « Pour Pékin, il s'agit d'une « ingérence »
        », not « Pour la Chine, l'enjeu est de taille », which may be the writer's analysis.
        """
        if self._is_person(speaker.actor_id, speaker):
            return True
        if speaker.actor_id is None:
            return False
        start, end = source.content.chars(self.doc)
        return any(start <= s.open_at < end for s in self.spans)

    def _nouns(self) -> None:
        """"comments by Peter Navarro that China was …": a speech noun with a named agent
        and a that-clause (``nouns``)."""
        for found in noun_speech(self.doc, self.lexicon, self.units):
            if self._quoted_at(found.noun.idx):
                continue
            speaker = self._named_person(self._institution(
                found.agent, self._speaker_from(found.agent)))
            if speaker.actor_id is None and speaker.person is None:
                continue
            start, end = found.content.chars(self.doc)
            if self._words_outside_quotes(start, end) >= MIN_REPORTED_WORDS:
                self._emit(start, end, Attribution(found.noun, found.noun.text, speaker),
                           "reported")

    def _named_sources(self) -> list[Attribution]:
        """"according to the Ministry of Commerce" names a speaker a later "it said" may
        point back to: the sources whose phrase names a resolved actor."""
        found = []
        for source in self.found_sources:
            head = source.head
            if head.lower_ in self.lexicon.relay_nouns or (
                    head.lemma_.lower() in self.lexicon.relay_nouns):
                continue
            speaker = self._institution(head, self._speaker_from(head))
            if speaker.actor_id is not None:
                cue = self.doc[source.cue_first]
                found.append(Attribution(cue, cue.text, speaker))
        return found

    def _named_relay(self, head: Token) -> Speaker | None:
        """"according to Japan's Kyodo news agency", "according to the report from CCTV":
        a relay noun whose phrase names the outlet or institution it comes from is that
        source (FORMAT.md: "selon Xinhua"); a state's adjective or name alone ("Chinese
        state media", "according to media reports") names no source."""
        speaker = self._speaker_from(head)
        found = []
        for mention in self.index.overlapping(speaker.start, speaker.end):
            actor = None if mention.actor_id is None else self.lookup(mention.actor_id)
            if actor is not None and actor.type not in ("state", "person"):
                found.append(actor.id)
        if len(set(found)) != 1:
            return None
        return dataclasses.replace(speaker, actor_id=found[0])

    def _source_speaker(self, head: Token) -> Speaker | None:
        if is_word(head, self.lexicon.stressed_pronouns):
            return self._pronoun_source(head)  # « selon elle », "according to him"
        word = head.lemma_.lower()
        if self._document_subject(head) and any(
                c.lower_ in self.lexicon.anaphoric_modifiers for c in head.children):
            return self._recent_speaker(head.idx)  # « selon la même source »: the one before
        if head.text.lower() in self.lexicon.relay_nouns or word in self.lexicon.relay_nouns:
            return self._named_relay(head)
        if head.pos_ == "PRON" and not is_word(head, self.lexicon.self_pronouns):
            pronoun = self._speaker_from(head)  # "According to
            return self._recent_speaker(head.idx) or self._anaphor(  # "According to her, …"
                head, pronoun)
        speaker = self._institution(head, self._speaker_from(head))
        if speaker.actor_id is not None:
            return speaker
        printed = self.printed.name(speaker)
        if printed.person is not None:
            return printed
        if (head.text.lower() in self.lexicon.office_nouns
                or word in self.lexicon.office_nouns) and self._definite(head):
            holder = self._recent_speaker(head.idx, person=True)
            if holder is not None:
                return dataclasses.replace(
                    speaker, actor_id=holder.actor_id, person=holder.person)
        if head.text.lower() in self.lexicon.document_nouns or word in self.lexicon.document_nouns:
            author = self._recent_speaker(head.idx)
            if author is None:
                return None
            return dataclasses.replace(speaker, actor_id=author.actor_id)
        return speaker

    # -- direct speech --------------------------------------------------------------------

    def _direct(self, reported: list[tuple[Attribution, Content]]) -> None:
        covered = {a.cue.i: c.chars(self.doc) for a, c in reported}
        chains: dict[int, Attribution | None] = {}
        for span in self.spans:
            attribution = self._governing(span) or self._after(span) or self._colon(span) or (
                self.source_quotes.get(span.open_at))
            if attribution is None and span.chain in chains:
                attribution = chains[span.chain]
            if attribution is None:
                attribution = self._continuation(span)
            if attribution is None:
                attribution = self._chain_cue(span)
            if attribution is None:
                attribution = self._paragraph_after_speech(span)
            chains.setdefault(span.chain, attribution)
            if attribution is None:
                continue
            inside = covered.get(attribution.cue.i)
            short = self._words(span.start, span.end) < MIN_FRAGMENT_WORDS
            if short and inside is not None and inside[0] <= span.start and span.end <= inside[1]:
                continue
            if short and self._in_reported(span, attribution):
                continue  # `called the move "unacceptable."`: the clause already holds it
            self._emit(span.start, span.end, attribution, "direct")

    def _in_reported(self, span: QuotedSpan, attribution: Attribution) -> bool:
        """The fragment opens inside reported speech already found for the same speaker
        (its closing mark may fall after the clause's end)."""
        actor = None if attribution.speaker is None else attribution.speaker.actor_id
        return actor is not None and any(
            q.kind == "reported" and q.speaker_actor == actor and q.start <= span.start < q.end
            for q in self.found)

    def _tokens_in(self, start: int, end: int, limit: int | None = None) -> list[Token]:
        """The tokens that start in ``[start, end)``; the first ``limit`` of them only when
        given, so that a window after a mark does not build every token to the end."""
        # Token offsets increase: those in ``[start, end)`` are one run of indices.
        first = bisect_left(self.token_starts, start)
        last = bisect_left(self.token_starts, end)
        if limit is not None:
            last = min(last, first + max(limit, 0))
        return [self.doc[i] for i in range(first, last)]

    def _governing(self, span: QuotedSpan) -> Attribution | None:
        """The speech verb the quote depends on in the parse ("a déclaré que « … »")."""
        inside = self._indices_in(span.start, span.end)
        head = self.columns.head  # the walk up runs over indices; a Token for a cue only
        for i in inside:
            if head[i] in inside:
                continue
            child, ancestor, hops = i, head[i], 0
            while hops < 4 and ancestor not in inside and child != ancestor:
                if ancestor in self.attributions and not self._cannot_quote(
                        self.doc[ancestor]):
                    return self.attributions[ancestor] if self._carries(
                        self.doc[ancestor], self.doc[child]) else None
                child, ancestor, hops = ancestor, head[ancestor], hops + 1
        return None

    def _cannot_quote(self, verb: Token) -> bool:
        """A verb inside another's reported speech that takes only an infinitive ("said
        the administration had offered “a lot of encouragement”"): the quotation is the
        outer speaker's words, not speech of the inner subject."""
        return verb.i in self.nested and not (
            self.lexicon.needs(verb) & {"object", "direct", "clause"})

    def _carries(self, verb: Token, child: Token) -> bool:
        """Whether the path from a quote reaches the verb as its content, not as a setting
        ("Dans une note sur la “fusion …”, X a déclaré": the note is no content)."""
        lexicon = self.lexicon
        if child.i > verb.i:
            return child.dep_ not in lexicon.dep("conjunct")
        return child.dep_ in lexicon.dep("clause") | lexicon.dep("parataxis") | {"obj", "dobj"}

    def _after(self, span: QuotedSpan, depth: int = 0) -> Attribution | None:
        """"« … », a-t-il déclaré" / `"…," said Blinken`: a cue right after the closing mark,
        or after the next quoted fragment of the same sentence (« "X" mais "Y", a déclaré »)."""
        after = self._tokens_in(span.outer_end, len(self.text), limit=POST_CUE_WINDOW)
        for token in after:
            if token.text in self.openers and depth < 2:
                following = self.span_at.get(token.idx)
                if following is not None and following.start > span.start:
                    return self._after(following, depth + 1)
            if token.i in self.attributions:
                if ("Pres" in feature(token, "Tense")
                        and "Part" in feature(token, "VerbForm")):
                    return None  # "…« Guide », affirmant que …": the participle has its own
                speaker = self.attributions[token.i].speaker
                if speaker is not None and speaker.start <= span.start < speaker.end:
                    return None  # `Beijing's "wolf warrior" diplomats said`: a name, no tag
                return self.attributions[token.i]
            source = self.source_at.get(token.i)
            if source is not None:  # `"…," according to the ministry`
                speaker = self._source_speaker(source.head)
                return None if speaker is None else Attribution(token, token.text, speaker)
            if token.lemma_.lower() in self.lexicon.quoting_verbs:
                speech = speech_of(token, self.lexicon)  # `"…," Xinhua quoted Wang as saying`
                if speech is not None and speech.i in self.attributions:
                    return self.attributions[speech.i]
            if self.lexicon.lemma(token) in self.lexicon.document_cues:
                author = self._recent_speaker(token.idx)
                return None if author is None else Attribution(token, token.text, author)
            if token.text in ".!?" or token.text in self.openers or "\n" in token.text:
                return None
            if self._new_clause(token):
                return None  # `called it "a provocation," and Peskov said`: his own clause
        return None

    def _new_clause(self, token: Token) -> bool:
        """A coordinating conjunction that opens a clause with a subject of its own after
        a quotation (`called it "a provocation," and Peskov said`): a cue after it tags
        that clause, not the quotation before. Not one that joins two quotations (`"…"
        and "…", said X`) or a second verb of the same subject (« … » et a souligné)."""
        if token.pos_ != "CCONJ":
            return False
        for following in self.doc[token.i + 1 : token.i + 2 * POST_CUE_WINDOW]:
            if following.text in self.openers or following.pos_ in ("VERB", "AUX"):
                return False
            if following.dep_ in self.lexicon.dep("subject"):
                return True
        return False

    def _colon(self, span: QuotedSpan) -> Attribution | None:
        """"Wu Qian a déclaré : « … »": a cue before a colon that opens the quote."""
        before = self._indices_in(max(span.open_at - 400, 0), span.open_at)
        words = self.columns
        if not before or words.text(before[-1]) != ":":
            return None
        for i in reversed(before[:-1]):  # read from the columns: most quotes stop at once
            if i in self.attributions:
                return self.attributions[i]
            if words.text(i) in ".!?\n" or words.is_space(i):
                return None
        return None

    def _continuation(self, span: QuotedSpan) -> Attribution | None:
        """A quote opening a sentence right after an attributed quote continues it."""
        tokens = self._tokens_in(span.open_at, span.open_at + 1)
        if not tokens or self.units.first[tokens[0].i] != tokens[0].i:
            return None
        previous = [q for q in self.found if q.end <= span.open_at and q.kind == "direct"]
        # « il s'agit « de rumeurs », a commenté l'intéressée. « La question ne se pose
        # pas » »: reported content tagged after it is followed the same way
        tagged = [(q, a) for q, a in zip(self.found, self.found_attributions, strict=True)
                  if q.end <= span.open_at and q.kind == "reported" and a.cue.i in self.leading]
        if tagged and (not previous or tagged[-1][0].end > previous[-1].end):
            last, attribution = tagged[-1]
            gap = self.text[last.end : span.open_at]
            tag_end = self.text.find(".", attribution.cue.idx)
            if gap.count("\n") == 0 and 0 <= tag_end < span.open_at and not self.text[
                    tag_end + 1 : span.open_at].strip(" \t«“\"'"):
                return attribution
            return None
        if not previous:
            return None
        last = previous[-1]
        gap = self.text[last.end : span.open_at]
        if gap.count("\n") > 2 or sum(1 for c in gap if c in ".!?") > 2:
            return None
        return self._last_direct_attribution

    def _paragraph_after_speech(self, span: QuotedSpan) -> Attribution | None:
        """A quotation paragraph with no tag of its own, right after a paragraph whose last
        speech is attributed ("Hua said the remarks were groundless." then a paragraph
        “The US side should …”): wire copy goes on quoting the same speaker (NOTES: an
        untagged quotation paragraph keeps the speaker before it)."""
        at = bisect_right(self.paragraph_starts, span.open_at) - 1
        if at < 1 or self.text[self.paragraph_starts[at] : span.open_at].strip():
            return None  # the mark must open its paragraph
        previous = at - 1
        while previous > 0 and not self.text[
                self.paragraph_starts[previous] : self.paragraph_starts[previous + 1]].strip():
            previous -= 1
        low, high = self.paragraph_starts[previous], self.paragraph_starts[previous + 1]
        found = [a for i, a in self.attributions.items() if low <= a.cue.idx < high
                 and i not in self.nested and a.speaker is not None]
        return max(found, key=lambda a: a.cue.idx) if found else None

    def _chain_cue(self, span: QuotedSpan) -> Attribution | None:
        """A later segment of the same multi-paragraph quote may carry the cue."""
        for other in self.spans:
            if other.chain == span.chain and other.start > span.start:
                found = self._governing(other) or self._after(other)
                if found is not None:
                    return found
        return None

    # -- output ---------------------------------------------------------------------------

    _last_direct_attribution: Attribution | None = None

    def _emit(self, start: int, end: int, attribution: Attribution, kind: QuoteKind
              ) -> None:
        if kind == "reported" and self._summary_headline(start, attribution):
            return
        for other in attribution.others:
            self._emit_one(start, end, attribution, other, kind)
        self._emit_one(start, end, attribution, attribution.speaker, kind)

    def _emit_one(
        self, start: int, end: int, attribution: Attribution, speaker: Speaker | None,
        kind: QuoteKind,
    ) -> None:
        self.found.append(Quote(
            document_id=self.analysis.document.id,
            start=start,
            end=end,
            speaker_actor=None if speaker is None else speaker.actor_id,
            speaker_text=None if speaker is None else speaker.person or speaker.text,
            kind=kind,
            cue=attribution.cue_text,
            turn_index=self._turn_at(start),
        ))
        self.found_speakers.append(speaker)
        self.found_attributions.append(attribution)
        if kind == "direct":
            self._last_direct_attribution = attribution

    def _indefinite_office(self, subject: Token) -> bool:
        """An office noun introduced by an indefinite article ("un porte-parole du
        ministère", "a spokesman"): someone the text may name only afterwards."""
        office = subject.text.lower() in self.lexicon.office_nouns or (
            subject.lemma_.lower() in self.lexicon.office_nouns)
        return office and any(
            "Ind" in feature(c, "Definite") for c in subject.children if c.i < subject.i)

    def _named_later(self) -> None:
        """A description resolved by a name that comes after it (FORMAT.md: a person is
        named by canonical name also where the text first describes them): "un porte-parole
        du ministère a souligné X. « Y », a déclaré le porte-parole, Lu Kang" and "X, a
        spokesman said. … spokesman Li Xi emphasized" give X to the person the next tag
        with the same office word names, within the two sentences that follow."""
        for i, speaker in enumerate(self.found_speakers):
            if speaker is None or speaker.start not in self.indefinite or self._is_person(
                    self.found[i].speaker_actor, speaker):
                continue
            word = self.indefinite[speaker.start]
            named = self._later_holder(speaker, word)
            if named is not None:
                self.found[i] = dataclasses.replace(
                    self.found[i], speaker_actor=named.actor_id,
                    speaker_text=named.person or named.text)
        for i, speaker in enumerate(self.found_speakers):
            if speaker is None or speaker.actor_id is not None or speaker.person is not None:
                continue
            if speaker.start in self.indefinite:
                continue  # "a spokesman": only a tag with the same office word names him
            named = self._next_person(speaker)
            if named is not None:
                self.found[i] = dataclasses.replace(
                    self.found[i], speaker_actor=named.actor_id,
                    speaker_text=named.person or named.text)

    def _next_person(self, speaker: Speaker) -> Speaker | None:
        """« Le porte-parole du ministère de la Réunification a déclaré X. Koo Byung-sam a
        ajouté Y »: an office phrase nothing resolved is the person the very next tag names,
        in the sentence that follows, when no other speaker comes between and the tag names
        no other office."""
        words = set(speaker.text.lower().replace("'", " ").split())
        if not words & self.lexicon.office_nouns:
            return None
        limit = self._sentences_end(speaker.end, 1)
        later = sorted((s for s in self.found_speakers
                        if s is not None and speaker.end <= s.start < limit
                        and s.start != speaker.start), key=lambda s: s.start)
        if not later:
            return None
        first = later[0]
        offices = set(first.text.lower().replace("'", " ").split()) & self.lexicon.office_nouns
        if offices - words:
            return None  # « Le ministre de la Pêche Ola Berg a ajouté »: another office
        return first if self._is_person(first.actor_id, first) else None

    def _later_holder(self, speaker: Speaker, word: str) -> Speaker | None:
        """The holder of the office named in the two sentences after, else the one person
        the rest of the text quotes under that office word."""
        limit = self._sentences_end(speaker.end, 2)
        later = sorted((s for s in self.found_speakers
                        if s is not None and speaker.end <= s.start < limit),
                       key=lambda s: s.start)
        for other in later:
            if word in other.text.lower() and other.start not in self.indefinite:
                return other if self._is_person(other.actor_id, other) else None
        named = self._person_with_office(speaker, word)
        if named is not None:
            return named
        anywhere = {(s.actor_id, s.person): s for s in self.found_speakers
                    if s is not None and s.start >= speaker.end and s.start not in self.indefinite
                    and word in s.text.lower() and self._is_person(s.actor_id, s)}
        return next(iter(anywhere.values())) if len(anywhere) == 1 else None

    def _person_with_office(self, speaker: Speaker, word: str, *, before: bool = False,
                            country: str | None = None) -> Speaker | None:
        """"Wu Qian, spokesperson for the ministry, made the remarks": the one person the
        rest of the text prints right beside the office word (before or after the name),
        when no quote of theirs is tagged with it. With ``before``, the one the text
        printed so before the phrase, of ``country``: "the US president's national
        security advisor" after "the US national security advisor Robert O'Brien"."""
        found: dict[tuple[str | None, str | None], Speaker] = {}
        span = (0, speaker.start) if before else (speaker.end, len(self.text))
        for mention in self.index.overlapping(*span):
            if mention.entity_type != "PER" or not (
                    span[0] <= mention.start and mention.end <= span[1]):
                continue
            following = self.text[mention.end : mention.end + len(word) + 6].lower()
            preceding = self.text[max(mention.start - len(word) - 2, 0) : mention.start].lower()
            if word not in following and word not in preceding:
                continue
            actor = None if mention.actor_id is None else self.lookup(mention.actor_id)
            if actor is not None and actor.type == "person":
                if country is None or actor.country == country:
                    found[(actor.id, None)] = dataclasses.replace(speaker, actor_id=actor.id)
                continue
            if country is not None:
                continue  # a printed name's state is unknown
            name = printed_person_name(mention.surface, self.analysis.document.language)
            if name is not None:
                found[(None, name)] = dataclasses.replace(speaker, actor_id=None, person=name)
        return next(iter(found.values())) if len(found) == 1 else None

    def _is_person(self, actor_id: str | None, speaker: Speaker) -> bool:
        if speaker.person is not None and actor_id is None:
            return True
        actor = None if actor_id is None else self.lookup(actor_id)
        return actor is not None and actor.type == "person"

    def _sentences_end(self, position: int, count: int) -> int:
        """Where the ``count``-th sentence after the one holding ``position`` ends."""
        every = sentence_ends(self.doc)  # in text order: those after ``position`` are a tail
        ends = every[bisect_right(every, position):]
        return ends[min(count, len(ends) - 1)] if ends else len(self.text)

    def _turn_at(self, position: int) -> int | None:
        turns = self.analysis.turns
        at = bisect_right(self.turn_starts, position) - 1
        if at < 0 or position >= turns[at].end:
            return None
        return turns[at].index

    def _filtered(self, quotes: list[Quote]) -> list[Quote]:
        seen: set[tuple[int, int, str | None]] = set()
        kept = []
        ordered = sorted(quotes, key=lambda q: (q.start, q.end))
        voiced = [q for q in ordered if not self._outlet(q.speaker_actor) and (
            q.speaker_actor is not None or q.speaker_text)]
        for quote in ordered:
            key = (quote.start, quote.end, quote.speaker_actor)
            if key in seen or self._not_a_speaker(quote) or self._relayed(quote, voiced):
                continue
            seen.add(key)
            kept.append(quote)
        return kept

    def _not_a_speaker(self, quote: Quote) -> bool:
        """Outlets relay; a spokesperson's answer is the turn, not a quote of their side."""
        actor = None if quote.speaker_actor is None else self.lookup(quote.speaker_actor)
        if quote.turn_index is None or actor is None or quote.speaker_actor is None:
            return False
        turn = self.analysis.turns[quote.turn_index]
        if turn.role == "question" or turn.speaker_actor is None:
            return False
        return self._own_side(turn.speaker_actor, quote.speaker_actor)

    def _outlet(self, actor_id: str | None) -> bool:
        actor = None if actor_id is None else self.lookup(actor_id)
        return actor is not None and actor.type == "outlet"

    def _relayed(self, quote: Quote, voiced: list[Quote]) -> bool:
        """An outlet is a speaker only where it is the source of the content (FORMAT.md:
        "selon Xinhua", "CCTV reported that"); content that holds or overlaps speech of a
        named speaker ("X a déclaré que …, selon Xinhua") is only relayed."""
        if not self._outlet(quote.speaker_actor):
            return False
        return any(q.start < quote.end and quote.start < q.end for q in voiced)

    def _own_side(self, actor_id: str, speaker_id: str) -> bool:
        """The spokesperson, their state, or one of their state's institutions."""
        actor, speaker = self.lookup(actor_id), self.lookup(speaker_id)
        if actor is None or speaker is None or speaker_id == actor_id:
            return speaker_id == actor_id
        if speaker.type == "person":
            return False
        return speaker.country is not None and speaker.country == actor.country

    # -- text helpers ---------------------------------------------------------------------

    def _quoted_at(self, position: int) -> bool:
        """Inside some quoted span: the furthest end among the spans opened before it."""
        at = bisect_right(self.span_starts, position) - 1
        return at >= 0 and position < self.span_ends[at]

    def _indices_in(self, start: int, end: int) -> range:
        """The indices of the tokens that start in ``[start, end)`` (``_tokens_in`` without
        building them)."""
        return range(bisect_left(self.token_starts, start), bisect_left(self.token_starts, end))

    def _words(self, start: int, end: int) -> int:
        alpha = self.columns.is_alpha
        return sum(1 for i in self._indices_in(start, end) if alpha(i))

    def _words_outside_quotes(self, start: int, end: int) -> int:
        alpha, starts = self.columns.is_alpha, self.token_starts
        return sum(1 for i in self._indices_in(start, end)
                   if alpha(i) and not self._quoted_at(starts[i]))
