"""Forms for the vocabulary pages: curators add families and norms; anyone filters the summary."""

from __future__ import annotations

from typing import Any

from django import forms

from comparisons.models import Comparison

from .annotation_forms import CitationRowsForm
from .models import NormFamily
from .services import NAME_MAX, SLUG_MAX

SLUG_HELP = "Lowercase letters, digits and hyphens; left empty, it is made from the name."


class NormFamilyForm(forms.Form):
    name = forms.CharField(max_length=NAME_MAX)
    slug = forms.CharField(max_length=SLUG_MAX, required=False, help_text=SLUG_HELP)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    asean_way = forms.BooleanField(
        label="Part of the ASEAN Way", required=False, help_text="Its norms count as ASEAN Way norms."
    )


class NormForm(CitationRowsForm):
    name = forms.CharField(max_length=NAME_MAX)
    slug = forms.CharField(max_length=SLUG_MAX, required=False, help_text=SLUG_HELP)
    family = forms.ChoiceField()
    definition = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="In our own words.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        family = self.fields["family"]
        assert isinstance(family, forms.ChoiceField)
        family.choices = [("", "—"), *NormFamily.objects.order_by("position", "name").values_list("slug", "name")]
        self.add_citation_fields()


class SummaryFilterForm(forms.Form):
    """``?comparison=<slug>``: one comparison's explanations and the claims about its instruments."""

    comparison = forms.ModelChoiceField(
        queryset=Comparison.objects.with_instruments(),
        to_field_name="slug",
        required=False,
        empty_label="All comparisons",
    )
