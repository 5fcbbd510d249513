"""Structure: what a document is made of, beyond its words.

``parse_press_conference`` finds a transcript's turns (statements, questions, answers);
``parse_article`` finds an article's title, dateline and paragraphs. Both return a
``Structure``; the pipeline tries the press-conference parser first, and a document is a
press conference exactly when that parser finds at least one question and one answer.
``vocabulary(language)`` gives the words the parsers read; ``in_office`` says whether a
speaker held a speaking role on a date (the pipeline checks a completed year with it).
"""

from porteparole.structure.article import parse_article
from porteparole.structure.press_conference import parse_press_conference
from porteparole.structure.record import Structure
from porteparole.structure.tenure import in_office
from porteparole.structure.vocabulary import Vocabulary, vocabulary

__all__ = [
    "Structure", "Vocabulary", "in_office", "parse_article", "parse_press_conference",
    "vocabulary",
]
