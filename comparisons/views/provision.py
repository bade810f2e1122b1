"""How one provision is aligned: a section of its page (loaded by htmx) and a page of its own."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.htmx import wants_fragment
from treaties.citations import cite
from treaties.models import Provision, Treaty

from ..selectors import alignments_of


@require_safe
@vary_on_headers("HX-Request")
def provision_alignments(request: HttpRequest, slug: str, eid: str) -> HttpResponse:
    """A fixed number of queries: treaty, provision, comparisons and sources, runs, rows, decisions."""
    treaty = get_object_or_404(Treaty, slug=slug)
    if not Provision.objects.filter(treaty=treaty, eid=eid).exists():
        raise Http404(f"{slug} has no provision {eid}")
    context = {
        "treaty": treaty,
        "eid": eid,
        "citation": cite(treaty.label, eid),
        "alignments": alignments_of(treaty, eid),
    }
    template = "comparisons/provision_alignments.html"
    if wants_fragment(request):
        template += "#alignments"
    return render(request, template, context)
