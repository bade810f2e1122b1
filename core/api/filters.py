"""What the apps' django-filter FilterSets share."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet


def related_filter(
    field_name: str, queryset: QuerySet[Any], help_text: str, *, by: str | None = "slug"
) -> django_filters.ModelChoiceFilter:
    """A query parameter that names a related object (``field_name``, a lookup path) by its slug, or by
    another unique field ``by`` (None: by its id); an unknown value is a 400 that names the parameter."""
    return django_filters.ModelChoiceFilter(
        field_name=field_name, to_field_name=by, queryset=queryset, help_text=help_text
    )
