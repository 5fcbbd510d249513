"""Remember a method's answers for the life of the object it belongs to.

Why: the events stage asks the same questions of one document's parse many times over:
an event's source and target, the other party's phrases and whether a verb judges an act
all ask for the heads of a cue's roles (about half of those calls repeat one already
made), and every candidate pair asks for the code of the same few actors. The objects
that ask (``arguments.Arguments``) live for one document, so their answers can be kept on
them and dropped with them. Only methods whose answer depends on their arguments and on
the document alone may be decorated; a ``Token`` argument is keyed by its index (one
document), and a list answer is copied so that a caller may extend it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

# Arguments that are their own key. The memo is asked tens of thousands of times per run,
# mostly with these alone: their key is the argument tuple itself, built by no call.
_PLAIN = frozenset({str, bool, int, float, type(None), tuple, frozenset})
# The classes seen keyed by index (spaCy's Token), so that the next one is known by its type.
_INDEXED: set[type] = set()
_MISSING = object()


def per_document(method: Callable[P, R]) -> Callable[P, R]:
    """``method`` with its answers kept on the instance, by positional arguments."""
    name = f"_memo_{method.__name__}"

    @wraps(method)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs or not args:  # not keyed: computed every time
            return method(*args, **kwargs)
        answers = vars(args[0])
        memo: dict[tuple[Hashable, ...], R] | None = answers.get(name)
        if memo is None:
            memo = answers[name] = {}
        key: tuple[Hashable, ...] = args[1:]
        for argument in key:
            if type(argument) not in _PLAIN:
                key = tuple([a if type(a) in _PLAIN else _key(a) for a in key])
                break
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            found = memo[key] = method(*args, **kwargs)
        return cast(R, list(found)) if isinstance(found, list) else cast(R, found)

    return remembered


def _key(argument: object) -> Hashable:
    """A Token by its index (the instance reads one document), anything else as itself."""
    kind = type(argument)
    if kind in _INDEXED:
        return ("token", argument.i)  # type: ignore[attr-defined]
    index = getattr(argument, "i", None)
    if isinstance(index, int) and hasattr(argument, "doc"):
        if kind.__module__.startswith("spacy."):
            _INDEXED.add(kind)
        return ("token", index)
    # The other arguments of a memoized method are strings, booleans, None or tuples; an
    # unhashable one raises when keyed, it does not pass silently.
    return argument
