"""Forms for curation and for the pages that read query strings (picker, find source)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from .find_source import MAX_RESULTS
from .forms import EID_RE, ProvisionRefField
from .models import CuratedDecision, Relation

if TYPE_CHECKING:
    from .services import ComparisonError

NOTE_MAX = 2000


def add_service_error(form: forms.Form, error: ComparisonError) -> None:
    """Report a ``ComparisonError`` on the form field it names (on the form as a whole if it has no such field)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def require_one_of(form: forms.Form, data: dict[str, Any], first: str, second: str, message: str) -> None:
    """Exactly one of two alternative fields must be given (checked once the fields are valid)."""
    if not form.errors and bool(data.get(first)) == bool(data.get(second)):
        raise forms.ValidationError(message)


class DecisionForm(forms.Form):
    """One curator's decision on a (target unit, source unit) pair."""

    target = forms.RegexField(label="Target provision (eId)", regex=rf"^{EID_RE}$", max_length=200)
    source = ProvisionRefField(label="Source provision")
    action = forms.ChoiceField(label="Decision", choices=CuratedDecision.Action.choices)
    relation = forms.ChoiceField(
        label="Relation",
        choices=[("", "as proposed"), (Relation.ADOPTED, "adopted"), (Relation.MODIFIED, "modified")],
        required=False,
    )
    note = forms.CharField(label="Note", max_length=NOTE_MAX, required=False, widget=forms.Textarea)
    next = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == CuratedDecision.Action.RELATE and not data.get("relation"):
            self.add_error("relation", "Choose adopted or modified for the link.")
        if data.get("action") == CuratedDecision.Action.REJECT:
            data["relation"] = ""
        return data


class PickerForm(forms.Form):
    """Find units to link to one fixed provision: a target eId (pick a source) or a source ref (pick a target)."""

    q = forms.CharField(label="Find a provision", max_length=200, required=False, strip=True)
    target = forms.RegexField(regex=rf"^{EID_RE}$", max_length=200, required=False, widget=forms.HiddenInput)
    source = ProvisionRefField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_one_of(
            self, data, "target", "source", "Name either the target provision or the source provision to link."
        )
        return data


class FindSourceForm(forms.Form):
    """``?text=`` (pasted clause) or ``?provision=<slug>/<eid>``; optionally only some instruments."""

    text = forms.CharField(
        label="Text to trace",
        max_length=5000,
        min_length=20,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Paste a clause or paragraph (20–5,000 characters).",
    )
    provision = ProvisionRefField(label="Or a provision", required=False)
    instrument = forms.MultipleChoiceField(label="Search only in", required=False, widget=forms.CheckboxSelectMultiple)
    limit = forms.IntegerField(label="Results", min_value=1, max_value=MAX_RESULTS, required=False)

    def __init__(self, *args: Any, instruments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instrument"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = instruments

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        require_one_of(self, data, "text", "provision", "Paste a text or name a provision (not both).")
        return data


class AlignForm(forms.Form):
    """A comparison to (re-)align: a target instrument and the instruments it draws on."""

    target = forms.ChoiceField(label="Regional instrument (target)")
    sources = forms.MultipleChoiceField(
        label="Global instruments it draws on (sources)", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, instruments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target", "sources"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = instruments

    def clean_sources(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["sources"]))  # a source ticked twice is one source

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") and data.get("target") in (data.get("sources") or ()):
            self.add_error("sources", "An instrument cannot be its own source: untick the target.")
        return data
