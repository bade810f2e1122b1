"""A comparison's scope: the articles of each instrument it reads (pure; no Django).

Researchers compare one chapter, or hold only an excerpt: ``align --articles untoc:5,8-10
coe-trafficking:10-17`` reads only those articles of UNTOC and of the CoE Convention (and every
article of an instrument the scope does not name). The scope is part of a comparison's identity:
its slug carries it, so two scopes of the same instruments are two comparisons, and an unscoped
comparison keeps the slug it always had.

A scope is a mapping ``{instrument id: (article numbers ascending)}``; an instrument it does not
name is read whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from treaties.article_ranges import format_ranges, parse_ranges
from treaties.eids import article_of

Scope = dict[str, tuple[int, ...]]

#: What a spec looks like, for messages and help texts.
SPEC_HELP = "ID:ARTICLES, e.g. untoc:5,8-10"
SPEC_RE = re.compile(r"^([a-z0-9][a-z0-9-]*):(.*)$")
#: Specs in one text field are separated by spaces, semicolons or new lines.
SEPARATOR_RE = re.compile(r"[\s;]+")
SLUG_MAX = 200


class ScopeError(ValueError):
    """A bad article spec; ``spec`` is the one at fault ("" when the problem is the whole scope)."""

    def __init__(self, spec: str, problem: str) -> None:
        self.spec = spec
        self.problem = problem
        super().__init__(f"{spec!r}: {problem}" if spec else problem)


def parse_specs(specs: Sequence[str]) -> Scope:
    """``["untoc:5,8-10", "coe-trafficking:10-17"]`` -> ``{"untoc": (5, 8, 9, 10), …}``; ScopeError if bad.

    Each spec names an instrument once; the numbers are ranges and lists (ascending ranges,
    articles from 1). Whether the instruments and articles exist is checked against the database
    by :func:`comparisons.services.check_scope`.
    """
    scope: Scope = {}
    for raw in specs:
        spec = raw.strip()
        match = SPEC_RE.match(spec)
        if not match:
            raise ScopeError(spec, f"write it as {SPEC_HELP}")
        slug, numbers = match.groups()
        if slug in scope:
            raise ScopeError(spec, f"{slug} is named twice: give all its articles in one spec")
        try:
            scope[slug] = parse_ranges(numbers)
        except ValueError as error:
            raise ScopeError(spec, str(error)) from None
    return scope


def parse_text(text: str) -> Scope:
    """The specs of one text field (``untoc:5,8-10 coe-trafficking:10-17``; spaces, ``;`` or lines apart)."""
    return parse_specs([spec for spec in SEPARATOR_RE.split(text.strip()) if spec])


def normalise(scope: Mapping[str, Iterable[int]] | None) -> Scope:
    """A scope as stored: each instrument's articles sorted, each once; empty instruments dropped."""
    return {slug: tuple(sorted(set(numbers))) for slug, numbers in (scope or {}).items() if numbers}


def ordered(scope: Mapping[str, Sequence[int]], instruments: Sequence[str]) -> list[tuple[str, Sequence[int]]]:
    """The scope's instruments in the comparison's order (``instruments``), then any other by id."""
    rank = {slug: index for index, slug in enumerate(instruments)}
    return sorted(scope.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def to_specs(scope: Mapping[str, Sequence[int]], instruments: Sequence[str] = ()) -> list[str]:
    """The scope as ``--articles`` specs (``["untoc:5,8-10"]``): what :func:`parse_specs` reads back."""
    return [f"{slug}:{format_ranges(numbers, separator=',')}" for slug, numbers in ordered(scope, instruments)]


def slug_suffix(scope: Mapping[str, Sequence[int]], instruments: Sequence[str], base_length: int = 0) -> str:
    """What a scoped comparison's slug adds to ``<target>--<sources>``: ``""`` without a scope, else
    ``--untoc-arts-5-and-8-10+coe-trafficking-arts-10-17`` (a digest if that would be too long)."""
    if not scope:
        return ""
    parts = [
        f"{slug}-arts-{format_ranges(numbers, separator='-and-')}" for slug, numbers in ordered(scope, instruments)
    ]
    suffix = "--" + "+".join(parts)
    if base_length + len(suffix) <= SLUG_MAX:
        return suffix
    digest = hashlib.sha256(" ".join(to_specs(scope, instruments)).encode()).hexdigest()[:16]
    return f"--scope-{digest}"


def describe(scope: Mapping[str, Sequence[int]], labels: Mapping[str, str], instruments: Sequence[str]) -> str:
    """``Scoped to UNTOC arts. 5, 8-10; CoE arts. 10-17`` ("" without a scope); ``labels`` by id."""
    if not scope:
        return ""
    parts = [
        f"{labels.get(slug, slug)} {'art.' if len(numbers) == 1 else 'arts.'} {format_ranges(numbers)}"
        for slug, numbers in ordered(scope, instruments)
    ]
    return "Scoped to " + "; ".join(parts)


def article_number(eid: str) -> int | None:
    """``art_14__para_2`` -> 14; None for the preamble, the testimonium and chapters."""
    head = article_of(eid)
    digits = head.removeprefix("art_")
    return int(digits) if head.startswith("art_") and digits.isdigit() else None


def keeps(eid: str, articles: frozenset[int] | None) -> bool:
    """Whether a provision is in scope: every one without a scope, otherwise those inside its articles."""
    if articles is None:
        return True
    number = article_number(eid)
    return number is not None and number in articles
