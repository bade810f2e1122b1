"""Find the source of a text: the provisions, across every instrument, that read most like it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.htmx import wants_fragment
from treaties.citations import cite

from ..corpus_index import MAX_RESULTS
from ..forms import FindSourceForm
from ..selectors import corpus_index
from ..semantic.vectors import suggestions_by_meaning

TEMPLATE = "comparisons/find_source.html"
#: Provisions close in meaning (stored sentence embeddings) listed under the word matches.
MEANING_RESULTS = 8
NOT_SEARCHABLE = {"chapter": "a whole chapter", "testimonium": "the testimonium"}


@require_safe
@vary_on_headers("HX-Request")
def find_source(request: HttpRequest) -> HttpResponse:
    """One query (the treaties' checksums) while the corpus index is cached, two when it is rebuilt,
    and one more for the stored vectors when a picked comparison unit gets suggestions by meaning."""
    index = corpus_index()
    form = FindSourceForm(request.GET or None, instruments=[(k.slug, k.label) for k in index.keys])
    context: dict[str, Any] = {"form": form, "matches": None, "picked": None, "meaning": []}
    if form.is_valid():
        data = form.cleaned_data
        text, exclude = data["text"], []
        if data["provision"]:
            slug, _, eid = data["provision"].partition("/")
            provision = index.provision(slug, eid)
            if provision is None:
                form.add_error("provision", f"There is no provision {data['provision']}.")
            elif provision.kind in NOT_SEARCHABLE:
                form.add_error("provision", f"Pick an article or a paragraph, not {NOT_SEARCHABLE[provision.kind]}.")
            else:
                text = index.provision_text(slug, eid) or ""
                exclude = index.overlapping_units(slug, eid)
                context["picked"] = {
                    "slug": slug,
                    "eid": eid,
                    "citation": cite(index.labels.get(slug, slug), eid),
                    "text": text,
                }
                if not text.strip():
                    form.add_error("provision", "That provision has no text to compare.")
        if not form.errors:
            context["matches"] = index.search(
                text, limit=data["limit"] or MAX_RESULTS, instruments=data["instrument"], exclude=exclude
            )
            picked_unit = index.unit(data["provision"]) if data["provision"] else None
            if picked_unit is not None:  # nearest in meaning in the other instruments (stored vectors)
                context["meaning"] = suggestions_by_meaning(
                    index,
                    picked_unit,
                    data["instrument"] or index.instruments,
                    shown=[*exclude, *(m.unit.ref for m in context["matches"])],
                    limit=MEANING_RESULTS,
                )
    template = TEMPLATE
    if wants_fragment(request):
        template += "#source-results"
    return render(request, template, context, status=400 if form.errors else 200)
