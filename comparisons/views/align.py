"""Curators create or re-run a comparison from the browser (what ``manage.py align`` does).

Aligning takes a few seconds (longer the first time a text is encoded for meaning), so this
POST only queues it (:mod:`comparisons.tasks`) and sends the curator to the job's page; the
run is stored like any other and curated decisions are kept.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.roles import can_curate
from treaties.models import Treaty

from ..forms import AlignForm
from ..tasks import enqueue_alignment


@login_required
@require_http_methods(["GET", "POST"])
def align_comparison(request: HttpRequest) -> HttpResponse:
    """GET: the form (pre-filled from the query string); POST: queue the run, then follow it."""
    if not can_curate(request.user):
        raise PermissionDenied("Only curators can run alignments.")
    instruments = [(t.slug, t.label) for t in Treaty.objects.order_by("slug")]
    if request.method == "GET":
        # Pre-filled from a link (the import page's, say), not validated: nothing was submitted yet.
        initial = {
            "target": request.GET.get("target", ""),
            "sources": request.GET.getlist("sources"),
            "articles": request.GET.get("articles", ""),
        }
        form = AlignForm(initial=initial, instruments=instruments)
    else:
        form = AlignForm(request.POST, instruments=instruments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = enqueue_alignment(target=data["target"], sources=data["sources"], articles=data["articles"])
        return redirect("treaties:job_status", job.id)
    status = 400 if request.method == "POST" else 200
    return render(request, "comparisons/align.html", {"form": form}, status=status)
