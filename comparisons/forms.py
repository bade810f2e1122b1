"""Query-string forms of the comparison pages: every GET parameter they read is validated here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms

from .alignment.features import FEATURES
from .alignment.link import EVIDENCE_KINDS
from .overlay import RELATIONS
from .rows import EVIDENCE_LABELS, RowFilter, feature_label

Choices = Sequence[tuple[str, str]]
GroupedChoices = Sequence[tuple[str, Choices]]

EID_RE = r"[A-Za-z0-9_]+"
SLUG_RE = r"[-a-zA-Z0-9_]+"
REF_HELP = "instrument id / eId, e.g. untoc/art_8__para_2"
REF_RE = re.compile(rf"{SLUG_RE}/{EID_RE}")


class ProvisionRefField(forms.CharField):
    """``<instrument id>/<eId>``, cleaned to that exact shape ("" when empty and optional)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 265)
        kwargs.setdefault("help_text", REF_HELP)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        value = value.strip()
        if not REF_RE.fullmatch(value):
            raise forms.ValidationError(f"Give a provision as {REF_HELP}.")
        return value


class ComparisonFilterForm(forms.Form):
    """Filters of the side-by-side page (``?relation=pruned&instrument=untoc&diff=on``)."""

    relation = forms.MultipleChoiceField(
        label="Relation",
        required=False,
        choices=[(r, r) for r in RELATIONS],
        widget=forms.CheckboxSelectMultiple,
    )
    feature = forms.MultipleChoiceField(
        label="Change",
        required=False,
        choices=[(f, feature_label(f)) for f in FEATURES],
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.MultipleChoiceField(
        label="Linked on",
        required=False,
        choices=[(kind, EVIDENCE_LABELS[kind]) for kind in EVIDENCE_KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    article = forms.ChoiceField(label="Target article", required=False)
    instrument = forms.ChoiceField(label="Source instrument", required=False)
    source_article = forms.ChoiceField(label="Source article", required=False)
    curated = forms.ChoiceField(
        label="Curated",
        required=False,
        choices=[("", "curated or not"), ("yes", "curated only"), ("no", "machine only")],
    )
    diff = forms.BooleanField(label="Show word changes", required=False)

    def __init__(
        self,
        *args: Any,
        articles: Choices,
        instruments: Choices,
        source_articles: GroupedChoices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices("article", [("", "all articles"), *articles])
        self._choices("instrument", [("", "all sources"), *instruments])
        self._choices("source_article", [("", "any source article"), *source_articles])

    def _choices(self, name: str, choices: Sequence[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def row_filter(self) -> RowFilter:
        """The valid part of the query: an invalid field is reported and ignored, not fatal."""
        data = getattr(self, "cleaned_data", {})
        curated = data.get("curated") or ""
        return RowFilter(
            relations=frozenset(data.get("relation") or ()),
            features=frozenset(data.get("feature") or ()),
            evidence=frozenset(data.get("evidence") or ()),
            article=data.get("article") or "",
            instrument=data.get("instrument") or "",
            source_article=data.get("source_article") or "",
            curated={"yes": True, "no": False}.get(curated),
        )

    @property
    def diff_on(self) -> bool:
        """``diff=on`` (read after ``is_valid()``, so valid even if another field is not)."""
        return bool(getattr(self, "cleaned_data", {}).get("diff"))


class PairForm(forms.Form):
    """The pair on the pair-detail page: ``?target=art_5__para_2&source=untoc/art_8__para_2``."""

    target = forms.RegexField(regex=rf"^{EID_RE}$", max_length=200, required=False)
    source = ProvisionRefField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("target") and not data.get("source"):
            raise forms.ValidationError("Name a target unit, a source unit or both.")
        return data

    @property
    def source_parts(self) -> tuple[str, str]:
        slug, _, eid = (self.cleaned_data.get("source") or "").partition("/")
        return slug, eid
