"""The knowledge of one analyzer, loaded once, validated, frozen and hashed (``Knowledge``).

Every stage reads data files: the actor base, and per language the structure vocabulary,
the quote, event, speech, role and pronoun lexicons, the kind cues and the boilerplate
patterns. ``Knowledge.load(directory)`` reads all of them from one directory (default: the
package's ``knowledge/``, or the directory ``PORTEPAROLE_KNOWLEDGE`` names) and fails at
once, with a ``KnowledgeError`` naming the file, when any of them is invalid: a bad edit is
found when the analyzer starts, not half-way through an ingest.

``digest`` is a content hash of every data file of the directory: two analyzers read the
same way exactly when their knowledge digests (and package and model versions) are equal,
which is what an analysis's stamp (``analyzer.Stamp``) records and ``ingest --reanalyze``
compares. Python files are not hashed: code is versioned by the package version.

Stages take a ``Knowledge`` as their third argument. The lexicons they use deep inside are
still read through their modules' loaders; ``active()`` makes those loaders read this
bundle's directory for the duration of a stage (``knowledge.using``), so a bundle built
from another directory gives another reading.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from porteparole.errors import KnowledgeError
from porteparole.knowledge import package_root, read_yaml, using

if TYPE_CHECKING:
    from porteparole.actors.lexicon import Lexicon as ActorLexicon
    from porteparole.actors.resolve import Resolver
    from porteparole.clean import Boilerplate
    from porteparole.detect import KindCues
    from porteparole.events.ontology import Ontology
    from porteparole.events.patterns import Lexicon as EventLexicon
    from porteparole.kb import KnowledgeBase
    from porteparole.knowledge.speech import SpeechLexicon
    from porteparole.mechanisms.catalog import Catalog
    from porteparole.quotes.lexicon import QuoteLexicon
    from porteparole.structure.vocabulary import Vocabulary
    from porteparole.topics.taxonomy import Taxonomy

ENVIRONMENT = "PORTEPAROLE_KNOWLEDGE"  # a knowledge directory to use instead of the package's
DIGEST_LENGTH = 16  # hex digits kept of the SHA-256, as for document ids
_CODE_SUFFIXES = (".py", ".pyc")


@dataclass(frozen=True, slots=True)
class LanguageKnowledge:
    """What the stages read for one language."""

    language: str
    structure: Vocabulary  # labels, dates, ministries of press conferences and articles
    kinds: KindCues  # statement or news article
    quotes: QuoteLexicon  # quotation marks, cues, speaker words
    speech: SpeechLexicon  # speech verbs and their frames
    events: EventLexicon | None  # event cues (None: no event file for the language)
    actors: ActorLexicon  # roles, institutions, pronouns, titles for actor resolution


@dataclass(frozen=True, slots=True, eq=False)
class Knowledge:
    """Everything porteparole knows, read from one directory (see the module docstring).

    Compared and hashed by identity (a bundle is loaded once per directory); two bundles
    read alike exactly when their ``digest`` is equal.
    """

    root: Traversable  # the directory it was read from
    digest: str  # hash of every data file under ``root``
    models: Mapping[str, str]  # language -> spaCy model package (languages.yaml)
    actors: KnowledgeBase
    ontology: Ontology  # PLOVER types, CAMEO roots, Goldstein scores
    taxonomy: Taxonomy  # topic labels and cues
    mechanisms: Catalog  # tracked mechanisms
    boilerplate: Boilerplate  # lines cleaning removes
    languages: Mapping[str, LanguageKnowledge]
    # Built on first use per language, kept with the knowledge they were built from.
    _resolvers: dict[str, Resolver] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Knowledge:
        """Read and validate every knowledge file of ``directory`` (None: the package's)."""
        root: Traversable = package_root() if directory is None else Path(directory)
        if not root.is_dir():
            raise KnowledgeError(f"{directory}: not a knowledge directory")
        with using(root):
            return _read(root)

    @property
    def directory(self) -> str | None:
        """The directory to load this knowledge again from (None: the package's own)."""
        return None if str(self.root) == str(package_root()) else str(self.root)

    def active(self) -> AbstractContextManager[None]:
        """Make the modules' loaders read this knowledge's directory inside the block."""
        return using(self.root)

    def language(self, code: str) -> LanguageKnowledge | None:
        """The knowledge of one language, or None when there is none for it."""
        return self.languages.get(code)

    def resolver(self, language: str) -> Resolver:
        """The actor resolver of ``language``, built once from this knowledge."""
        found = self._resolvers.get(language)
        if found is None:
            from porteparole.actors.lexicon import load_lexicon
            from porteparole.actors.resolve import Resolver

            with self.active():
                found = Resolver(self.actors, load_lexicon(language))
            self._resolvers[language] = found
        return found


def _read(root: Traversable) -> Knowledge:
    from porteparole.clean import boilerplate
    from porteparole.events.ontology import load_ontology
    from porteparole.kb import load_knowledge_base
    from porteparole.mechanisms.catalog import load_catalog
    from porteparole.topics.taxonomy import load_taxonomy

    models = _models()
    return Knowledge(
        root=root,
        digest=digest(root),
        models=models,
        actors=load_knowledge_base(),
        ontology=load_ontology(),
        taxonomy=load_taxonomy(),
        mechanisms=load_catalog(),
        boilerplate=boilerplate(),
        languages={code: _language(code) for code in models},
    )


def _models() -> dict[str, str]:
    name, data = read_yaml("languages.yaml")
    table = data.get("languages")
    if not isinstance(table, dict):
        raise KnowledgeError(f"{name}: 'languages' must map language codes to their models")
    models: dict[str, str] = {}
    for code, entry in table.items():
        model = entry.get("spacy_model") if isinstance(entry, dict) else None
        if not isinstance(model, str):
            raise KnowledgeError(f"{name}: {code} needs a spacy_model")
        models[str(code)] = model
    return models


def _language(code: str) -> LanguageKnowledge:
    from porteparole.actors.lexicon import load_lexicon as load_actor_lexicon
    from porteparole.detect import kind_cues
    from porteparole.events.patterns import load_lexicon as load_event_lexicon
    from porteparole.knowledge.speech import load_speech_lexicon
    from porteparole.quotes.lexicon import load_quote_lexicon
    from porteparole.structure.vocabulary import vocabulary

    return LanguageKnowledge(
        language=code,
        structure=vocabulary(code),
        kinds=kind_cues(code),
        quotes=load_quote_lexicon(code),
        speech=load_speech_lexicon(code),
        events=load_event_lexicon(code),
        actors=load_actor_lexicon(code),
    )


def digest(root: Traversable) -> str:
    """The content hash of every data file under ``root``: names and bytes, in name order."""
    hasher = hashlib.sha256()
    for name, node in sorted(_data_files(root, "")):
        hasher.update(name.encode("utf-8") + b"\0")
        hasher.update(node.read_bytes() + b"\0")
    return hasher.hexdigest()[:DIGEST_LENGTH]


def _data_files(node: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for child in node.iterdir():
        name = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _data_files(child, name + "/")
        elif not child.name.endswith(_CODE_SUFFIXES):
            yield name, child


def default_knowledge() -> Knowledge:
    """The knowledge of ``PORTEPAROLE_KNOWLEDGE`` when set, else the package's; loaded once."""
    return _loaded(os.environ.get(ENVIRONMENT) or None)


@cache
def _loaded(directory: str | None) -> Knowledge:
    return Knowledge.load(directory)


def knowledge_at(directory: str | Path | None) -> Knowledge:
    """The knowledge of ``directory`` (None: the default), loaded once per directory."""
    if directory is None:
        return default_knowledge()
    return _loaded(str(Path(directory).resolve()))

