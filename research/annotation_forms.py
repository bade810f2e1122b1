"""The form a researcher explains an alignment decision with: norms, stage, rationale, citations."""

from __future__ import annotations

from typing import Any

from django import forms

from comparisons.forms import PairForm
from comparisons.overlay import PairFields

from .models import Annotation, Norm, NormFamily, Reference, Stage

RATIONALE_MAX = 10_000
CITATION_ROWS = 2  # citations the form offers; an annotation keeps any others it has


def norm_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Norms grouped by family, in the vocabulary's order (two queries)."""
    norms = Norm.objects.order_by("family__position", "family__name", "position", "name").select_related("family")
    grouped: dict[int, tuple[str, list[tuple[str, str]]]] = {
        f.pk: (f.name, []) for f in NormFamily.objects.order_by("position", "name")
    }
    for norm in norms:
        grouped[norm.family_id][1].append((norm.slug, norm.name))
    return [group for group in grouped.values() if group[1]]


class CitationRowsForm(forms.Form):
    """A form with a few "cites (reference) at (page or section)" rows; :attr:`citations` gives them."""

    def add_citation_fields(self) -> None:
        references = [("", "—"), *((r.slug, r.short) for r in Reference.objects.order_by("authors", "year"))]
        for n in range(1, CITATION_ROWS + 1):
            self.fields[f"citation_{n}"] = forms.ChoiceField(label=f"Cites ({n})", required=False, choices=references)
            self.fields[f"locator_{n}"] = forms.CharField(
                label=f"Page or section ({n})", max_length=120, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, CITATION_ROWS + 1):
            if data.get(f"locator_{n}") and not data.get(f"citation_{n}"):
                self.add_error(f"citation_{n}", "Choose the work the page or section belongs to.")
        return data

    @property
    def citations(self) -> list[tuple[str, str]]:
        """``(reference slug, locator)`` of the citation rows that name a work."""
        data = self.cleaned_data
        found = [(data.get(f"citation_{n}"), data.get(f"locator_{n}", "")) for n in range(1, CITATION_ROWS + 1)]
        return [(slug, locator) for slug, locator in found if slug]

    @property
    def content(self) -> dict[str, Any]:
        """What the annotation says, as the annotation services take it."""
        data = self.cleaned_data
        return {
            "norms": data["norms"],
            "stage": data["stage"],
            "rationale": data["rationale"],
            "citations": self.citations,
        }

    @property
    def citation_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"citation_{n}"], self[f"locator_{n}"]) for n in range(1, CITATION_ROWS + 1)]


class AnnotationForm(CitationRowsForm):
    norms = forms.MultipleChoiceField(
        label="Norms that explain it", widget=forms.CheckboxSelectMultiple, help_text="One or more."
    )
    stage = forms.ChoiceField(label="Localisation stage", required=False)
    rationale = forms.CharField(
        label="Rationale",
        max_length=RATIONALE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown: *emphasis*, lists, [links](https://…). Scripts and unsafe links are removed.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("norms", norm_choices())
        self._choices("stage", [("", "—"), *Stage.choices])
        self.add_citation_fields()

    def _choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @classmethod
    def initial_for(cls, annotation: Annotation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "norms": [n.slug for n in annotation.norms.all()],
            "stage": annotation.stage,
            "rationale": annotation.rationale,
        }
        for n, citation in enumerate(annotation.citations.select_related("reference")[:CITATION_ROWS], start=1):
            initial[f"citation_{n}"] = citation.reference.slug
            initial[f"locator_{n}"] = citation.locator
        return initial


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Annotation.Status.choices)


class DecisionForm(PairForm):
    """Which decision of a comparison an annotation is on: ``?target=<eId>&source=<slug>/<eId>`` (one or both),
    read as the pair page reads it."""

    @property
    def kind(self) -> str:
        target, source = self.cleaned_data.get("target"), self.cleaned_data.get("source")
        if target and source:
            return Annotation.Kind.LINK
        return Annotation.Kind.ADDED if target else Annotation.Kind.PRUNED

    @property
    def sides(self) -> PairFields:
        source_treaty, source_eid = self.source_parts
        target_eid = self.cleaned_data.get("target") or ""
        return PairFields(target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid)
