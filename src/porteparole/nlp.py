"""spaCy models per language, loaded once per process.

The model for a language is named in ``knowledge/languages.yaml``; models are PyPI packages
pinned in ``pyproject.toml``, so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from porteparole.errors import ModelError


@cache
def language_table() -> dict[str, dict[str, Any]]:
    """The languages porteparole knows, keyed by ISO 639-1 code."""
    text = resources.files("porteparole.knowledge").joinpath("languages.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text)["languages"])


def model_name(language: str) -> str | None:
    """The spaCy model package for ``language``, or None if porteparole has none for it."""
    entry = language_table().get(language)
    return entry.get("spacy_model") if entry else None


@cache
def load_model(language: str) -> Any:
    """The spaCy pipeline for ``language``, loaded once and shared by every stage."""
    import spacy

    name = model_name(language)
    if name is None:
        raise ModelError(f"no spaCy model is configured for language {language!r}")
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} for {language!r} is not installed; run `make setup`"
        ) from error
