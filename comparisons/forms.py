"""Every form of the comparison pages: the query strings they read (filters, pair, picker, find
source) and what curators post (decisions, alignments)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django import forms

from .alignment import EVIDENCE_KINDS, FEATURES, RELATIONS
from .corpus_index import MAX_RESULTS
from .display.labels import evidence_label, feature_label
from .display.rows import RowFilter
from .models import CuratedDecision, Relation
from .scope import SPEC_HELP, Scope, ScopeError, parse_text
from .selectors.candidates import CandidateFilter

if TYPE_CHECKING:
    from .services import ComparisonError

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
        value = str(super().clean(value) or "").strip()
        if not value:
            return ""
        if not REF_RE.fullmatch(value):
            raise forms.ValidationError(f"Give a provision as {REF_HELP}.")
        return value


def _article_choices(
    form: forms.Form, articles: Choices, instruments: Choices, source_articles: GroupedChoices
) -> None:
    """The choices of a form's ``article``, ``instrument`` and ``source_article`` fields (the
    comparison's target articles, sources and source articles), each with "any" first."""
    for name, choices in (
        ("article", [("", "all articles"), *articles]),
        ("instrument", [("", "all sources"), *instruments]),
        ("source_article", [("", "any source article"), *source_articles]),
    ):
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


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
        choices=[(kind, evidence_label(kind)) for kind in EVIDENCE_KINDS],
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
        extension_fields: Mapping[str, forms.Field] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        #: Fields that page extensions add (see :mod:`comparisons.extensions`), shown after ours.
        self.extension_names = list(extension_fields or {})
        self.fields.update(extension_fields or {})
        _article_choices(self, articles, instruments, source_articles)

    @property
    def extension_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.extension_names]

    @property
    def extension_data(self) -> dict[str, Any]:
        """The valid values of the extensions' fields (read after ``is_valid()``)."""
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.extension_names if name in data}

    def row_filter(self, *, keys: frozenset[tuple[str, str, str]] | None = None) -> RowFilter:
        """The valid part of the query: an invalid field is reported and ignored, not fatal.
        ``keys`` are the rows the extensions' filters keep."""
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
            keys=keys,
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


class CandidateForm(forms.Form):
    """A curator accepts a candidate the engine offered an added target unit or a pruned source unit,
    or sets it aside as not a link (``action=reject``; accepting is the default)."""

    target = forms.RegexField(label="Target provision (eId)", regex=rf"^{EID_RE}$", max_length=200)
    source = ProvisionRefField(label="Source provision")
    side = forms.ChoiceField(
        label="Offered for", choices=[("target", "the target unit"), ("source", "the source unit")]
    )
    action = forms.ChoiceField(
        label="Decision",
        choices=[(CuratedDecision.Action.ACCEPT, "a link"), (CuratedDecision.Action.REJECT, "not a link")],
        required=False,
    )
    page = forms.ChoiceField(
        label="Page", choices=[("", "side by side"), ("pair", "pair"), ("review", "possible links")], required=False
    )
    next = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)


class CandidateReviewForm(forms.Form):
    """Which possible links the review page lists (``?side=target&article=art_12&page=2``)."""

    side = forms.ChoiceField(
        label="Offered for",
        choices=[("", "every unlinked provision"), ("target", "added provisions"), ("source", "pruned provisions")],
        required=False,
    )
    article = forms.ChoiceField(label="Target article", required=False)
    instrument = forms.ChoiceField(label="Source instrument", required=False)
    source_article = forms.ChoiceField(label="Source article", required=False)
    page = forms.IntegerField(label="Page", min_value=1, required=False)

    def __init__(
        self, *args: Any, articles: Choices, instruments: Choices, source_articles: GroupedChoices, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _article_choices(self, articles, instruments, source_articles)

    def candidate_filter(self) -> CandidateFilter:
        """The filter asked for (read after a successful ``is_valid()``)."""
        data = self.cleaned_data
        return CandidateFilter(
            side=data["side"],
            article=data["article"],
            instrument=data["instrument"],
            source_article=data["source_article"],
        )


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
    articles = forms.CharField(
        label="Only these articles (optional)",
        required=False,
        max_length=2000,
        help_text=f"Scope the comparison to some articles of an instrument: {SPEC_HELP}, one instrument per "
        "entry, separated by spaces (coe-trafficking:10-17 untoc:5,8-10). An instrument not named is read "
        "whole; added and pruned are then counted within the scope. Each scope is a comparison of its own.",
    )

    def __init__(self, *args: Any, instruments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target", "sources"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = instruments

    def clean_sources(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["sources"]))  # a source ticked twice is one source

    def clean_articles(self) -> Scope:
        try:
            return parse_text(self.cleaned_data["articles"])
        except ScopeError as error:
            raise forms.ValidationError(f"{error}. Write {SPEC_HELP}.") from None

    def clean(self) -> dict[str, Any]:
        from .services import ComparisonError, check_scope

        data = super().clean() or {}
        if data.get("target") and data.get("target") in (data.get("sources") or ()):
            self.add_error("sources", "An instrument cannot be its own source: untick the target.")
        if not self.errors and data.get("articles"):
            try:  # the instruments it names are this comparison's, and hold those articles
                data["articles"] = check_scope(
                    target=data["target"], sources=data["sources"], articles=data["articles"]
                )
            except ComparisonError as error:
                add_service_error(self, error)
        return data
