"""Query-string forms: every GET parameter a page reads is validated here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from .models import Treaty


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search all instruments",
        max_length=200,
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    treaty = forms.MultipleChoiceField(label="Instruments", required=False, widget=forms.CheckboxSelectMultiple)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, treaties: Iterable[Treaty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        treaty_field = self.fields["treaty"]
        assert isinstance(treaty_field, forms.MultipleChoiceField)
        treaty_field.choices = [(t.slug, t.label) for t in treaties]
