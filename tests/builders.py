"""Records and stores the tests build by hand, shared by several test modules.

Every text here is written for the tests (no corpus text). Three sets:

- ``full_analysis``: one French press conference with one record of every type (the store
  and the core queries);
- ``plain_article`` with ``ARTICLE_FR`` / ``ARTICLE_EN``: documents with paragraphs only;
- ``conference``, ``article``, ``statement`` and ``build_store``: a store about actors,
  quotes, events and a mechanism suspended then resumed (stored in the opposite order, so
  that "current" must come from the dates, not from the storage order);

the command-line harness the command tests share (``cli_app``, ``invoke``,
``one_line_error``); and ``edited_knowledge``, a copy of the package's knowledge with one
person added, for the tests of analyzer stamps and reanalysis.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import typer
from click.testing import Result
from typer.testing import CliRunner

from porteparole.actors.anaphora import lookback_mentions
from porteparole.cli import commands_core
from porteparole.knowledge import package_root
from porteparole.quotes.lexicon import load_quote_lexicon
from porteparole.records import (
    Actor,
    Analysis,
    Document,
    Event,
    MechanismUpdate,
    Mention,
    Origin,
    Paragraph,
    Quote,
    Topic,
    Turn,
    document_id_for,
)
from porteparole.store import Store

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from porteparole.kb import KnowledgeBase


def span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def paragraphs(doc: str, text: str) -> tuple[Paragraph, ...]:
    out, start = [], 0
    for index, line in enumerate(text.split("\n")):
        out.append(Paragraph(doc, index, start, start + len(line)))
        start += len(line) + 1
    return tuple(out)


# -- one press conference with a record of every type -----------------------------------

CONFERENCE = (
    "Conférence de presse régulière du 3 mai 2024\n"
    "Mao Ning : Bonjour. Le ministre se rendra à Pékin la semaine prochaine.\n"
    "Agence de presse Xinhua : Quel est l'objet de cette visite ?\n"
    "Mao Ning : Les deux parties rétabliront la ligne directe militaire."
)


def full_analysis(text: str = CONFERENCE, source: str = "a.txt") -> Analysis:
    """A press conference with one record of every type, spans computed from the text."""
    doc_id = document_id_for(text)
    lines = text.split("\n")
    turns, offset = [], len(lines[0]) + 1
    for index, line in enumerate(lines[1:]):
        label, _, body = line.partition(" : ")
        start = offset + len(label) + 3
        role = "question" if label.startswith("Agence") else ("statement" if index == 0
                                                             else "answer")
        turns.append(Turn(doc_id, index, role, label, start, start + len(body), label))
        offset += len(line) + 1
    pekin = span(text, "Pékin")
    hotline = span(text, "la ligne directe militaire")
    document = Document(
        id=doc_id, origin=Origin(source, "text"), language="fr", kind="press_conference",
        text=text, title=lines[0], date="2024-05-03", time="15:00", place=None,
        ministry="Ministère des Affaires étrangères", spokesperson="Mao Ning",
        flags=("boilerplate_removed",), removed=("Imprimer cette page",),
    )
    return Analysis(
        document=document,
        turns=tuple(turns),
        paragraphs=tuple(Paragraph(doc_id, t.index, t.start, t.end) for t in turns),
        mentions=(Mention(doc_id, *pekin, "Pékin", "GPE", "CHN", 0.9, "metonymy"),),
        quotes=(Quote(doc_id, turns[2].start, turns[2].end, "mao_ning", "Mao Ning", "direct",
                      None, 2),),
        events=(Event(doc_id, *hotline, "CHN", "COOPERATE", "USA", "military", "06", 4.0,
                      False, "intent", "2024-05-03", 0.8, "mao_ning"),),
        topics=(Topic(doc_id, turns[1].start, turns[1].end, "diplomacy", 0.7, "turn"),),
        mechanism_updates=(MechanismUpdate("mil_hotline", "resumed", "2024-05-03",
                                           ("CHN", "USA"), doc_id, *hotline),),
    )


# -- plain articles ----------------------------------------------------------------------

ARTICLE_FR = (
    "Coopération renforcée entre Hanoï et Pékin\n"
    "HANOÏ, 12 mars 2024 – Les deux gouvernements ont signé un accord de coopération "
    "portuaire.\n"
    "Le texte prévoit un dialogue annuel sur la sécurité maritime."
)
ARTICLE_EN = (
    "Ministers hold talks on trade\n"
    "Officials from both countries met in Geneva on Tuesday to discuss tariffs and "
    "sanctions.\n"
    "No agreement on the sanctions was announced."
)


def plain_article(text: str, language: str, kind: str, date: str, source: str) -> Analysis:
    """A document with its paragraphs and no other record."""
    doc_id = document_id_for(text)
    document = Document(doc_id, Origin(source, "text"), language, kind, text,
                        title=text.split("\n")[0], date=date)
    return Analysis(document=document, paragraphs=paragraphs(doc_id, text))


# -- the actors, quotes, events and mechanisms store ------------------------------------

CONFERENCE_ON_SANCTIONS = (
    "Conférence de presse régulière du 5 mars 2024\n"
    "Mao Ning : Bonjour à tous.\n"
    "Agence France-Presse : Quelle est la position de la Chine sur les sanctions ?\n"
    "Mao Ning : La Chine rejette fermement les sanctions des États-Unis. Pékin demande à "
    "Washington de reprendre le dialogue avec la commission Tanaka."
)
ARTICLE_ON_HOTLINE = (
    "Beijing and Washington resume military hotline\n"
    "BEIJING, May 20 - Defence spokesman Wu Qian said the two militaries would resume talks "
    "with the Pentagon. Observers from Zorland attended. The PLA did not fire on the ship.\n"
    "Manila accused Beijing of blocking its boats."
)
STATEMENT_ON_HOTLINE = (
    "Statement on the hotline\n"
    "The military hotline between China and the United States was suspended after the "
    "visit. Washington imposed new sanctions on Chinese firms. The Commission Tanaka met."
)
HOTLINE = "chn-usa-military-communication"  # an id of knowledge/mechanisms.yaml


def mention(doc: str, text: str, words: str, actor: str | None, nth: int = 0) -> Mention:
    kind = "ner" if actor is None else "alias"
    return Mention(doc, *span(text, words, nth), words, "GPE", actor,
                   0.5 if actor is None else 0.95, kind)


def conference() -> Analysis:
    text, doc = CONFERENCE_ON_SANCTIONS, document_id_for(CONFERENCE_ON_SANCTIONS)
    lines = text.split("\n")
    turns, offset = [], len(lines[0]) + 1
    for index, line in enumerate(lines[1:]):
        label, _, body = line.partition(" : ")
        start = offset + len(label) + 3
        role, actor = (("question", "media-afp") if label.startswith("Agence")
                       else ("statement" if index == 0 else "answer", "mao-ning"))
        turns.append(Turn(doc, index, role, label, start, start + len(body), label, actor))
        offset += len(line) + 1
    answer = turns[2]
    return Analysis(
        document=Document(doc, Origin("conf.txt", "text"), "fr", "press_conference", text,
                          title=lines[0], date="2024-03-05", spokesperson="Mao Ning"),
        turns=tuple(turns),
        mentions=(
            mention(doc, text, "Mao Ning", "mao-ning"),
            mention(doc, text, "la Chine", "CHN"),
            mention(doc, text, "La Chine", "CHN"),
            mention(doc, text, "États-Unis", "USA"),
            mention(doc, text, "Pékin", "CHN"),
            mention(doc, text, "Washington", "USA"),
            mention(doc, text, "commission Tanaka", None),
        ),
        quotes=(Quote(doc, answer.start, answer.end, "mao-ning", "Mao Ning", "direct", None, 2),),
        events=(
            Event(doc, *span(text, "La Chine rejette fermement les sanctions"), "CHN",
                  "REJECT", "USA", None, "12", -4.0, date="2024-03-05"),
            Event(doc, *span(text, "Pékin demande à Washington de reprendre le dialogue"),
                  "CHN", "REQUEST", "USA", None, "02", 3.0, date="2024-03-05"),
        ),
    )


def article() -> Analysis:
    text, doc = ARTICLE_ON_HOTLINE, document_id_for(ARTICLE_ON_HOTLINE)
    said = span(text, "the two militaries would resume talks with the Pentagon")
    return Analysis(
        document=Document(doc, Origin("article.txt", "text"), "en", "news_article", text,
                          title=text.split("\n")[0], date="2024-05-20"),
        paragraphs=paragraphs(doc, text),
        mentions=(
            mention(doc, text, "Beijing", "CHN"),
            mention(doc, text, "Washington", "USA"),
            mention(doc, text, "Wu Qian", "wu-qian"),
            mention(doc, text, "Pentagon", "USA-DOD"),
            mention(doc, text, "Zorland", None),
            mention(doc, text, "PLA", "CHN-PLA"),
            mention(doc, text, "Manila", "PHL"),
            mention(doc, text, "Beijing", "CHN", nth=1),
        ),
        quotes=(Quote(doc, *said, "wu-qian", "Wu Qian", "reported", "said", None),),
        events=(
            Event(doc, *said, "wu-qian", "COOPERATE", "USA-DOD", None, "06", 6.0,
                  date="2024-05-20", speaker_actor="wu-qian"),
            Event(doc, *span(text, "The PLA did not fire on the ship"), "CHN-PLA", "ASSAULT",
                  "USA", None, "19", -10.0, negated=True, date="2024-05-20"),
            Event(doc, *span(text, "Manila accused Beijing of blocking its boats"), "PHL",
                  "ACCUSE", "CHN", None, "11", -2.0, date=None),
        ),
        mechanism_updates=(MechanismUpdate(HOTLINE, "resumed", "2024-05-20",
                                           ("CHN", "USA"), doc, *said),),
    )


def statement() -> Analysis:
    text, doc = STATEMENT_ON_HOTLINE, document_id_for(STATEMENT_ON_HOTLINE)
    suspended = span(text, "The military hotline between China and the United States was "
                           "suspended after the visit")
    return Analysis(
        document=Document(doc, Origin("statement.txt", "text"), "en", "statement", text,
                          title=text.split("\n")[0], date="2023-12-01"),
        paragraphs=paragraphs(doc, text),
        mentions=(
            mention(doc, text, "China", "CHN"),
            mention(doc, text, "United States", "USA"),
            mention(doc, text, "Washington", "USA"),
            mention(doc, text, "Commission Tanaka", None),
        ),
        events=(
            # No date of its own: the document's date stands in.
            Event(doc, *span(text, "Washington imposed new sanctions on Chinese firms"),
                  "USA", "SANCTION", "CHN", None, "16", -4.0),
        ),
        mechanism_updates=(MechanismUpdate(HOTLINE, "suspended", "2023-12-01",
                                           ("CHN", "USA"), doc, *suspended),),
    )


def build_store(path: Path) -> Path:
    """The test store: the article (resumed) is written before the statement (suspended)."""
    with Store(path) as store:
        store.write_batch([conference(), article(), statement()])
    return path


ARMY_NOTE = "The AFP patrolled the shoal.\nThe Philippine army said so."


def build_ambiguous_store(path: Path) -> Path:
    """The test store and one more note naming the Philippine armed forces ("AFP"): in this
    store "AFP" names two actors, the news agency and the army."""
    build_store(path)
    doc = document_id_for(ARMY_NOTE)
    with Store(path) as store:
        store.write_batch([Analysis(
            Document(doc, Origin("army.txt", "text"), "en", "statement", ARMY_NOTE,
                     title="The AFP patrolled the shoal.", date="2024-06-01"),
            mentions=(Mention(doc, *span(ARMY_NOTE, "AFP"), "AFP", "ORG", "PHL-AFP", 0.9,
                              "alias"),))])
    return path


# -- the command line --------------------------------------------------------------------


def cli_app(*modules: ModuleType) -> typer.Typer:
    """The core commands and those of ``modules``; errors are not prettified, so that a
    test sees the message the user would."""
    application = typer.Typer(pretty_exceptions_enable=False)
    for module in (commands_core, *modules):
        module.register(application)
    return application


def invoke(app: typer.Typer, db: Path, *args: str, columns: int) -> Result:
    """``porteparole ARGS --db DB`` on a terminal ``columns`` wide (table cells on one line)."""
    return CliRunner().invoke(app, [*args, "--db", str(db)], env={"COLUMNS": str(columns)})


def one_line_error(result: Result, needle: str) -> None:
    """The command failed with exit code 2 and one line on stderr naming ``needle``."""
    assert result.exit_code == 2, result.output
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


# -- a knowledge directory of the tests' own ---------------------------------------------

PACKAGE_KNOWLEDGE = Path(str(package_root()))
# A person no real text names: a reading with the edited knowledge resolves the name, one
# with the package's does not.
NEW_PERSON = """
  - id: zorvan-quilbet
    name: Zorvan Quilbet
    type: person
    country: FRA
    sector: GOV
    surname: Quilbet
    aliases:
      en: [Zorvan Quilbet]
      fr: [Zorvan Quilbet]
"""


def copy_knowledge(target: Path) -> Path:
    """The package's knowledge files (not its code) copied to ``target``."""
    shutil.copytree(PACKAGE_KNOWLEDGE, target,
                    ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def edited_knowledge(target: Path) -> Path:
    """A copy of the package's knowledge with ``NEW_PERSON`` added to the actor base."""
    root = copy_knowledge(target)
    with (root / "actors" / "persons.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_PERSON)
    return root


Quotes = list[tuple[str | None, str]]  # (speaker actor id or printed name, quoted words)


def read_quotes(tmp_path: Path, text: str) -> Quotes:
    """The quotes the whole pipeline reads in ``text``, as (speaker, words): the speaker from
    the real resolver and the real parse, not from hand-made mentions."""
    import pytest

    from porteparole.evaluate.runner import analyze_file

    pytest.importorskip("spacy")
    path = tmp_path / "news.txt"
    path.write_text(text.strip() + "\n", encoding="utf-8")
    analysis = analyze_file(path)
    assert isinstance(analysis, Analysis)
    body = analysis.document.text
    return [(q.speaker_actor or q.speaker_text, body[q.start : q.end]) for q in analysis.quotes]


def said(quotes: Quotes, speaker: str | None, words: str) -> bool:
    """Whether ``speaker`` is credited with a quote containing ``words``."""
    return any(who == speaker and words in what for who, what in quotes)


def with_anaphora(analysis: Analysis, doc: Doc, lookup: Callable[[str], Actor | None]
                  ) -> Analysis:
    """An analysis of hand-made mentions with the look-back mentions the actors stage adds
    on pronouns (``actors.anaphora``), for tests that skip the actors stage."""
    language = analysis.document.language
    found = lookback_mentions(doc, analysis.mentions, lookup, load_quote_lexicon(language),
                              analysis.document.id, language, analysis.turns)
    return dataclasses.replace(analysis, mentions=analysis.mentions + tuple(found))


def sentence_events(model: Language, language: str, text: str, actors: dict[str, str], *,
                    kinds: dict[str, str] | None = None, anaphora: bool = False
                    ) -> tuple[Event, ...]:
    """The events stage alone on ``text``, with a mention wherever an ``actors`` surface
    stands as a whole word (an entity type from ``kinds``, GPE by default), parsed by
    ``model``; ``anaphora`` adds the actors stage's look-back mentions on pronouns."""
    import re

    from porteparole.events import extract_events
    from porteparole.kb import load_knowledge_base

    document = Document(id="doc", origin=Origin("<test>", "text"), language=language,
                        kind="news_article", text=text)
    kinds = kinds or {}
    mentions = [Mention("doc", m.start(), m.end(), surface, kinds.get(surface, "GPE"),
                        actor_id, 1.0)
                for surface, actor_id in actors.items()
                for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    analysis = Analysis(document=document, mentions=tuple(mentions))
    doc = model(text)
    if anaphora:
        analysis = with_anaphora(analysis, doc, load_knowledge_base().actor)
    return extract_events(analysis, doc).events


def offices_on(kb: KnowledgeBase, actor_id: str, day: str,
               offices: tuple[str, ...]) -> set[tuple[str, str]]:
    """(role, organization) of the ``offices`` the person held on ``day``: how a mention
    of them reaches its state on that date."""
    actor = kb.actor(actor_id)
    assert actor is not None
    return {(r.role, r.organization or "") for r in actor.roles
            if r.role in offices and r.held_on(day)}
