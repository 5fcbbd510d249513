"""The exception tree, with short stable codes that say how to fix the problem.

    PorteparoleError (PP000)
    ├── InputError (PP100)        a path, option or argument the user gave is unusable
    │   ├── QueryError (PP110)    a malformed search query
    │   └── LanguageError (PP120) a text in a language porteparole does not analyse
    ├── KnowledgeError (PP200)    a knowledge data file is invalid (names file and entry)
    ├── StoreError (PP300)        the SQLite store cannot be opened, migrated or written
    ├── ModelError (PP400)        a spaCy model for a language is not installed
    └── EvalError (PP500)         a gold file or corpus cannot be scored

Only the CLI and API turn these into user messages; library code raises them and never
swallows them. An input that cannot be *read* is not an exception for the caller: it becomes
a ``records.Rejected`` with one of ``REJECTION_REASONS`` and is stored.
"""

from __future__ import annotations


class PorteparoleError(Exception):
    """Base of every error porteparole raises on purpose."""

    code = "PP000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(PorteparoleError):
    code = "PP100"


class QueryError(InputError):
    code = "PP110"


class LanguageError(InputError):
    code = "PP120"


class KnowledgeError(PorteparoleError):
    code = "PP200"


class StoreError(PorteparoleError):
    code = "PP300"


class ModelError(PorteparoleError):
    code = "PP400"


class EvalError(PorteparoleError):
    code = "PP500"


# Stable codes stored with every Rejected record, and the sentence shown to users.
REJECTION_REASONS: dict[str, str] = {
    "unreadable": "the file could not be opened or read",
    "empty": "the input holds no text",
    "binary": "the input is binary data, not text",
    "encoding": "the bytes are not valid text in any supported encoding",
    "too_large": "the input is larger than the configured maximum size",
    "malformed_html": "the HTML could not be parsed or holds no main text",
    "malformed_json": "a JSON Lines record is not valid JSON or lacks a 'text' string",
    "malformed_warc": "a WARC archive is truncated or corrupt (the records before the fault "
                      "are read)",
    "unsupported": "the file type is not one porteparole reads",
    "listing_page": "the page is a list of links (a site index), not a document",
    "analysis_failed": "the document could not be analysed (an internal error, reported)",
    "unsupported_language": "the text is in a language porteparole has no model or "
                            "knowledge for (kept out with `ingest --unsupported reject`)",
    "moved_stub": "the page is a server's 'document has moved' notice, not a document",
}
