"""Stage 6: direct and reported speech with their speakers (``extract_quotes``)."""

from porteparole.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
