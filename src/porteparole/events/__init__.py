"""Stage 7: PLOVER events (source, type, target, mode), CAMEO root and Goldstein score.

The public function is ``extract_events(analysis, doc) -> Analysis``; ``reportable(event)``
says whether an event is asserted (not negated, conditional or hypothetical), which is what
an evaluation against a gold set should count. The ontology (``ontology.load_ontology``) and
the per-language cue lexicons (``patterns.load_lexicon``) are data under
``knowledge/events/``.
"""

from porteparole.events.extract import extract_events, reportable
from porteparole.events.ontology import Ontology, load_ontology
from porteparole.events.patterns import Lexicon, load_lexicon

__all__ = ["Lexicon", "Ontology", "extract_events", "load_lexicon", "load_ontology",
           "reportable"]
