"""Rules about eIds themselves (``art_8__para_2``): which article a provision is in, which contain which.

Pure functions on strings; citations of eIds are in :mod:`treaties.citations`.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "__"


def article_of(eid: str) -> str:
    """``art_5__para_2`` -> ``art_5``; the preamble and unnumbered articles are their own article."""
    return eid.split(SEPARATOR, 1)[0]


def overlaps(eid: str, other: str) -> bool:
    """Whether one of the two provisions is the other or lies inside it (``art_1`` and ``art_12`` do not)."""
    return eid == other or eid.startswith(other + SEPARATOR) or other.startswith(eid + SEPARATOR)


def overlapping(eids: Iterable[str], eid: str) -> list[str]:
    """The ``eids`` that contain provision ``eid`` or lie inside it, in the order given."""
    return [candidate for candidate in eids if overlaps(candidate, eid)]
