"""Sets of article numbers written as ranges and lists: ``5, 8-10`` (pure functions on strings).

An excerpt says which articles it holds ("holds articles 14-15, 18") and a scoped comparison which
articles of each instrument it reads (``--articles untoc:5,8-10``): both read and write this syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ITEM_RE = re.compile(r"^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$")


def parse_ranges(spec: str) -> tuple[int, ...]:
    """``"5,8-10"`` -> ``(5, 8, 9, 10)``: sorted, each number once; ValueError saying what is wrong."""
    text = spec.strip()
    if not text:
        raise ValueError("no article numbers given (write them as 5,8-10)")
    numbers: set[int] = set()
    for raw in text.split(","):
        item = raw.strip()
        match = _ITEM_RE.match(item)
        if not match:
            shown = item[:20] or "an empty item"
            raise ValueError(f"{shown!r} is not an article number or a range such as 8-10")
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if first < 1 or last < 1:
            raise ValueError(f"{item!r}: articles are numbered from 1")
        if last < first:
            raise ValueError(f"{item!r} is a descending range (write {last}-{first})")
        numbers.update(range(first, last + 1))
    return tuple(sorted(numbers))


def format_ranges(numbers: Iterable[int], *, separator: str = ", ") -> str:
    """``[5, 8, 9, 10]`` -> ``"5, 8-10"``: consecutive numbers as one range."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = previous = None
    for number in ordered:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(_range(start, previous))
        start = previous = number
    if start is not None:
        parts.append(_range(start, previous))
    return separator.join(parts)


def _range(first: int, last: int | None) -> str:
    return str(first) if last is None or last == first else f"{first}-{last}"
