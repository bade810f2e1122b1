"""Query parameters of the provision list: instrument, kind, eId, article, full-text ``q``."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from core.api.filters import related_filter

from ..models import Provision, ProvisionQuerySet, Treaty

#: eIds are letters, digits and underscores (``art_8__para_2``); instrument ids are slugs.
EID_PATTERN = r"^[A-Za-z0-9_]+$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class EidFilter(django_filters.CharFilter):
    field_class = forms.RegexField

    def __init__(self, **kwargs: object) -> None:
        super().__init__(regex=EID_PATTERN, max_length=200, **kwargs)  # type: ignore[arg-type]


class ProvisionFilter(django_filters.FilterSet):
    instrument = related_filter(
        "treaty", Treaty.objects.all(), "Only this instrument's provisions (its id, e.g. `untoc`)."
    )
    kind = django_filters.ChoiceFilter(choices=Provision.Kind.choices, help_text="Only provisions of this kind.")
    eid = EidFilter(help_text="Only the provision with this eId (in every instrument that has one).")
    article = EidFilter(
        method="filter_article", help_text="An article's eId (or `preamble`): it and everything inside it."
    )
    q = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text='Full-text search (web-search syntax: `"exact phrase"`, `-word`, `or`), best match first.',
    )

    class Meta:
        model = Provision
        fields = ["instrument", "kind", "eid", "article", "q"]

    def filter_article(self, queryset: ProvisionQuerySet, name: str, value: str) -> ProvisionQuerySet:
        return queryset.filter(Q(eid=value) | Q(eid__startswith=value + "__"))

    def filter_search(self, queryset: ProvisionQuerySet, name: str, value: str) -> ProvisionQuerySet:
        return queryset.search(value) if value.strip() else queryset
