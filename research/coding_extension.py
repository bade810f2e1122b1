"""What tagging adds to the side-by-side page (``settings.COMPARISON_PAGE_EXTENSIONS``).

Each row carries a chip per tag coded on its link, its target or its source provision (linking
to the tag's page), and, for researchers, a "Tag" action that loads the row's coding forms into
the row's slot (a plain link without JavaScript). The filter "Tagged with" keeps the rows one of
whose units carries the tag. Two queries, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from accounts.roles import can_annotate
from comparisons.display.rows import Chip, RowExtras
from comparisons.extensions import PageExtras, SummaryLink

from .coding_models import Coding, Tag
from .coding_views import row_units

if TYPE_CHECKING:
    from comparisons.models import Comparison
    from comparisons.overlay import Row

FILTER = "tagged"


class CodingPageExtension:
    def filter_fields(self) -> dict[str, forms.Field]:
        tags = Tag.objects.filter(merged_into__isnull=True).select_related("codebook").order_by("codebook", "name")
        return {FILTER: forms.ModelChoiceField(queryset=tags, required=False, label="Tagged with", empty_label="any")}

    def rows(self, *, comparison: Comparison, rows: Sequence[Row], filters: Mapping[str, Any], user: Any) -> PageExtras:
        target = comparison.target.slug
        units = {
            row.key: row_units(comparison.slug, target, row.target_eid, row.source_treaty, row.source_eid)
            for row in rows
        }
        keys = {unit.key for found in units.values() for unit in found}
        tags_by_unit: dict[str, dict[int, Tag]] = defaultdict(dict)
        coders: dict[tuple[str, int], int] = defaultdict(int)
        for coding in Coding.objects.filter(unit__in=keys).select_related("tag").only("unit", "tag", "coder_id"):
            tags_by_unit[coding.unit][coding.tag_id] = coding.tag
            coders[(coding.unit, coding.tag_id)] += 1
        may_code = can_annotate(user)
        row_url = reverse("research:coding:row") if may_code else ""  # once, not once a row
        chosen = filters.get(FILTER)
        keep: set[tuple[str, str, str]] = set()
        by_row = {}
        for key, found in units.items():
            chips = []
            for unit in found:
                for tag in tags_by_unit.get(unit.key, {}).values():
                    n = coders[(unit.key, tag.pk)]
                    what = "link" if unit.comparison else f"{unit.instrument} provision"
                    title = f"{tag.name} on the {what}, by {n} coder{'s' if n != 1 else ''}"
                    chips.append(Chip(f"#{tag.name}", tag.get_absolute_url(), title))
                    if chosen is not None and tag.pk == chosen.pk:
                        keep.add(key)
            actions: tuple[Chip, ...] = ()
            if may_code:
                query = {"comparison": comparison.slug, "target": key[0]}
                if key[2]:
                    query["source"] = f"{key[1]}/{key[2]}"
                url = f"{row_url}?{urlencode(query)}"
                actions = (Chip("Tag", url, "this row", inline=True),)
            if chips or actions:
                by_row[key] = RowExtras(chips=tuple(chips), actions=actions)
        return PageExtras(by_row=by_row, keep=frozenset(keep) if chosen is not None else None)

    def summaries(
        self, comparisons: Sequence[Comparison], rows: Mapping[int, Sequence[Row]]
    ) -> dict[int, list[SummaryLink]]:
        return {}
