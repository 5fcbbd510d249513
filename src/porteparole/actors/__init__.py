"""Stage 5, actors: ``resolve_actors(analysis, doc)`` (see ``resolve``), the stage's entry.

The knowledge base it resolves against is ``porteparole.kb``, shared with the other stages.
"""

from porteparole.actors.resolve import resolve_actors

__all__ = ["resolve_actors"]
