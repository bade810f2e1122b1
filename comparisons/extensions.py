"""How a layer above comparisons adds to the comparison pages without comparisons importing it.

Dependencies run one way (research -> comparisons), yet the side-by-side page must show the
norms researchers attached to a row and filter by them, and the comparison list must count
the pruning decisions still unexplained.  So comparisons defines this small interface and
settings name the classes that implement it (``COMPARISON_PAGE_EXTENSIONS``, dotted paths, the
way Django names middleware); the research app provides one.

An extension adds:

* query-string fields to the side-by-side filter form (:meth:`PageExtension.filter_fields`);
* for the rows of one comparison, what each row carries (chips linking to what they name,
  actions such as "explain") and, when its filters are set, which rows to keep
  (:meth:`PageExtension.rows`);
* per comparison on the list page, links with counts (:meth:`PageExtension.summaries`).

Every method must answer in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .display.rows import RowExtras

if TYPE_CHECKING:
    from django import forms

    from .models import Comparison
    from .overlay import Row

RowKey = tuple[str, str, str]


@dataclass(frozen=True)
class PageExtras:
    """What extensions add to one comparison's rows: extras by row key, and the rows to keep."""

    by_row: dict[RowKey, RowExtras] = field(default_factory=dict)
    #: Row keys the extension filters keep (None: no extension filter is set).
    keep: frozenset[RowKey] | None = None


@dataclass(frozen=True)
class SummaryLink:
    """One line an extension adds to a comparison on the list page ("12 pruned, not yet explained")."""

    label: str
    url: str
    count: int


class PageExtension(Protocol):
    def filter_fields(self) -> dict[str, forms.Field]: ...

    def rows(
        self, *, comparison: Comparison, rows: Sequence[Row], filters: Mapping[str, Any], user: Any
    ) -> PageExtras: ...

    def summaries(
        self, comparisons: Sequence[Comparison], rows: Mapping[int, Sequence[Row]]
    ) -> dict[int, list[SummaryLink]]: ...


@cache
def _load(paths: tuple[str, ...]) -> tuple[PageExtension, ...]:
    return tuple(import_string(path)() for path in paths)


def page_extensions() -> tuple[PageExtension, ...]:
    """The extensions settings name, instantiated once per process (per list of names)."""
    return _load(tuple(getattr(settings, "COMPARISON_PAGE_EXTENSIONS", ())))


def extension_filter_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for extension in page_extensions():
        fields |= extension.filter_fields()
    return fields


def row_extras(*, comparison: Comparison, rows: Sequence[Row], filters: Mapping[str, Any], user: Any) -> PageExtras:
    """Every extension's extras merged: chips and actions in extension order, kept rows intersected."""
    by_row: dict[RowKey, RowExtras] = {}
    keep: frozenset[RowKey] | None = None
    for extension in page_extensions():
        extras = extension.rows(comparison=comparison, rows=rows, filters=filters, user=user)
        for key, more in extras.by_row.items():
            by_row[key] = by_row[key].merged(more) if key in by_row else more
        if extras.keep is not None:
            keep = extras.keep if keep is None else keep & extras.keep
    return PageExtras(by_row, keep)


def summary_links(comparisons: Sequence[Comparison], rows: Mapping[int, Sequence[Row]]) -> dict[int, list[SummaryLink]]:
    links: dict[int, list[SummaryLink]] = {}
    for extension in page_extensions():
        for pk, found in extension.summaries(comparisons, rows).items():
            links.setdefault(pk, []).extend(found)
    return links
