"""Curators create or re-run a comparison from the browser (what ``manage.py align`` does).

Aligning takes a few seconds (longer the first time a text is encoded for meaning), so it
runs only on this explicit POST, never on a page view; the run is stored like any other
and curated decisions are kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.roles import can_curate
from treaties.models import Treaty

from .. import services
from ..forms import AlignForm, add_service_error
from ..overlay import relation_counts


@login_required
@require_http_methods(["GET", "POST"])
def align_comparison(request: HttpRequest) -> HttpResponse:
    """GET: the form (pre-filled from the query string); POST: align, then show the comparison."""
    if not can_curate(request.user):
        raise PermissionDenied("Only curators can run alignments.")
    instruments = [(t.slug, t.label) for t in Treaty.objects.order_by("slug")]
    if request.method == "GET":
        # Pre-filled from a link (the import page's, say), not validated: nothing was submitted yet.
        initial = {"target": request.GET.get("target", ""), "sources": request.GET.getlist("sources")}
        form = AlignForm(initial=initial, instruments=instruments)
    else:
        form = AlignForm(request.POST, instruments=instruments)
    if request.method == "POST" and form.is_valid():
        target, sources = form.cleaned_data["target"], form.cleaned_data["sources"]
        try:
            comparison = services.get_or_create_comparison(target=target, sources=sources)
            run = services.run_alignment(comparison=comparison)
        except services.ComparisonError as error:
            add_service_error(form, error)
        else:
            counts = relation_counts(run.overlay().rows)
            summary = ", ".join(f"{n} {relation}" for relation, n in counts.items())
            messages.success(request, f"Aligned {comparison.target.label} (engine {run.engine_version}): {summary}.")
            return HttpResponseRedirect(comparison.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "comparisons/align.html", {"form": form}, status=status)
