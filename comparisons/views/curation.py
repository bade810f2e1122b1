"""Curators accept, reject, re-label and add links; everyone else reads.

``decide`` answers htmx with the updated curation fragment and plain forms with a
redirect back to the pair page; ``provision_picker`` finds units to link (fragment
for htmx, a full page that works without JavaScript otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.roles import can_curate
from core.htmx import wants_fragment
from treaties.eids import article_of

from .. import services
from ..corpus_index import CorpusIndex
from ..forms import CandidateForm, DecisionForm, PickerForm, add_service_error
from ..models import Comparison, CuratedDecision
from ..overlay import Row
from ..selectors import corpus_index, current_pair_row
from ..semantic.vectors import suggestions_by_meaning
from . import review, side_by_side

FRAGMENT = "comparisons/_curation_form.html"
PICKER = "comparisons/_picker.html"
#: Suggestions by meaning (stored sentence embeddings) shown beside those by wording.
MEANING_SUGGESTIONS = 5
DONE = {
    CuratedDecision.Action.ACCEPT: "Link accepted",
    CuratedDecision.Action.REJECT: "Link rejected",
    CuratedDecision.Action.RELATE: "Link saved",
}


def pair_url(comparison: Comparison, target_eid: str, source_ref: str) -> str:
    query = urlencode({"target": target_eid, "source": source_ref})
    return f"{reverse('comparisons:pair_detail', args=[comparison.slug])}?{query}"


def _safe_next(request: HttpRequest, value: str, fallback: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return fallback


def _posted_next(request: HttpRequest, fallback: str) -> str:
    """Where a POST asks to go afterwards (its ``next`` field), if it is on this site; else ``fallback``."""
    return _safe_next(request, str(request.POST.get("next", ""))[:1000], fallback)


def _refuse_non_curator(
    request: HttpRequest, next_url: str, htmx: bool, forbidden: Callable[[], HttpResponse], message: str
) -> HttpResponse | None:
    """None for a curator.  Otherwise a signed-out plain request goes to the login page (then
    back to ``next_url``); htmx gets ``forbidden()`` (a 403 the page can show in place), and
    a plain request of a signed-in non-curator a 403 page saying ``message``."""
    if not request.user.is_authenticated and not htmx:
        return redirect_to_login(next_url)
    if can_curate(request.user):
        return None
    if htmx:
        return forbidden()
    raise PermissionDenied(message)


@require_POST
@vary_on_headers("HX-Request")
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    form = DecisionForm(request.POST)
    posted_target = str(request.POST.get("target", ""))[:200]
    posted_source = str(request.POST.get("source", ""))[:265]
    fallback = pair_url(comparison, posted_target, posted_source)
    next_url = _posted_next(request, fallback)
    htmx = wants_fragment(request)
    source_treaty, _, source_eid = posted_source.partition("/")
    row = Row(relation="", target_eid=posted_target, source_treaty=source_treaty, source_eid=source_eid)
    context: dict[str, Any] = {"comparison": comparison, "row": row, "next": next_url, "curation_form": form}

    refusal = _refuse_non_curator(
        request,
        next_url,
        htmx,
        lambda: render(request, FRAGMENT, context, status=403),
        "Only curators can change links.",
    )
    if refusal is not None:
        return refusal

    decision = None
    if form.is_valid():
        try:
            decision = services.record_posted_decision(
                comparison=comparison, posted=form.cleaned_data, user=request.user
            )
        except services.ComparisonError as exc:
            add_service_error(form, exc)

    if decision is None:
        if htmx:
            target, source = form.cleaned_data.get("target"), form.cleaned_data.get("source")
            if target and source:  # validated values only: show the pair as it stands, with the errors
                context["row"] = current_pair_row(comparison, target, source)
            return render(request, FRAGMENT, context, status=400)
        return _picker_page(request, comparison, form, status=400)

    message = f"{DONE[CuratedDecision.Action(decision.action)]}: now marked curated."
    if not htmx:
        messages.success(request, message)
        if decision.action == CuratedDecision.Action.REJECT:  # the pair page has no such pair any more
            article = article_of(decision.target_eid)
            query = urlencode({"article": article})
            next_url = f"{reverse('comparisons:comparison_detail', args=[comparison.slug])}?{query}"
        return HttpResponseRedirect(next_url)
    context.update(
        row=current_pair_row(comparison, decision.target_eid, decision.source_ref),
        decision=decision,
        message=message,
        curation_form=None,
    )
    response = render(request, FRAGMENT, context)
    # Lets the rest of the page (relation badges, history) refresh itself: listen for "curation-saved".
    # (No "target" key in the detail: htmx would read it as a selector for where to dispatch the event.)
    saved = {"target_eid": decision.target_eid, "source_ref": decision.source_ref, "action": decision.action}
    response["HX-Trigger"] = json.dumps({"curation-saved": saved})
    return response


@require_POST
@vary_on_headers("HX-Request")
def decide_candidate(request: HttpRequest, slug: str) -> HttpResponse:
    """A curator accepts one of the engine's candidates as a curated link (relation as the engine
    classifies the pair), or sets it aside as not a link (a curated rejection: never offered again).
    Over htmx, the possible-links page gets the decided row back; an acceptance from the side-by-side
    page the affected rows re-rendered, from the pair page a redirect to the new link's page (a
    rejection from elsewhere: a redirect to ``next``).  A plain form is redirected to ``next``."""
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    form = CandidateForm(request.POST)
    htmx = wants_fragment(request)
    fallback = reverse("comparisons:comparison_detail", args=[comparison.slug])
    next_url = _posted_next(request, fallback)
    refused = "Only curators can decide on candidates."
    refusal = _refuse_non_curator(
        request, next_url, htmx, lambda: HttpResponse(refused, status=403, content_type="text/plain"), refused
    )
    if refusal is not None:
        return refusal
    decision = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.record_decision(
                comparison=comparison,
                target_eid=data["target"],
                source_ref=data["source"],
                action=data["action"] or CuratedDecision.Action.ACCEPT,
                user=request.user,
            )
        except services.ComparisonError as exc:
            add_service_error(form, exc)
    if decision is None:
        problems = " ".join(
            f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        )
        if htmx:
            return HttpResponse(f"The candidate was not decided: {problems}", status=400, content_type="text/plain")
        messages.error(request, f"The candidate was not decided: {problems}")
        return HttpResponseRedirect(next_url)
    accepted = decision.action == CuratedDecision.Action.ACCEPT
    message = f"{DONE[CuratedDecision.Action(decision.action)]}: now marked curated."
    new_pair = pair_url(comparison, decision.target_eid, decision.source_ref)
    if not htmx:
        messages.success(request, message)
        return HttpResponseRedirect(next_url if request.POST.get("next") or not accepted else new_pair)
    if form.cleaned_data["page"] == "review":
        return review.decided_row(
            request,
            comparison,
            decision,
            message=message,
            pair_url=new_pair,
            side=form.cleaned_data["side"],
            next_url=next_url,
        )
    if form.cleaned_data["page"] == "pair" or not accepted:
        response = HttpResponse(status=200)
        response["HX-Redirect"] = new_pair if accepted else next_url
        return response
    return side_by_side.accepted_rows(
        request, comparison, decision, from_pruned=form.cleaned_data["side"] == "source", message=message
    )


@require_safe
@vary_on_headers("HX-Request")
def provision_picker(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    return _picker_page(request, comparison, None)


def _picker_page(
    request: HttpRequest, comparison: Comparison, decision_form: DecisionForm | None, status: int = 200
) -> HttpResponse:
    """The picker: GET params come from the query string, or from a failed plain POST to ``decide``."""
    if decision_form is None:
        params: Any = request.GET
    else:  # re-show the pair's fixed side (the picker page says which; otherwise the target)
        fixed = "source" if request.POST.get("fixed") == "source" else "target"
        params = {fixed: request.POST.get(fixed, ""), "next": request.POST.get("next", "")}
    form = PickerForm(params)
    index = corpus_index()
    context: dict[str, Any] = {"comparison": comparison, "picker_form": form, "decision_form": decision_form}
    if form.is_valid():
        context.update(_picker_results(comparison, index, form.cleaned_data))
        if context.get("fixed_error"):
            form.add_error(context["side_fixed"], context["fixed_error"])
    if form.errors and status == 200:
        status = 400
    fallback = reverse("comparisons:comparison_detail", args=[comparison.slug])
    context["next"] = _safe_next(request, str(params.get("next", "")), fallback)
    template = PICKER
    if wants_fragment(request) and decision_form is None:
        template += "#picker-results"
    return render(request, template, context, status=status)


def _picker_results(comparison: Comparison, index: CorpusIndex, data: dict[str, Any]) -> dict[str, Any]:
    target_slug = comparison.target.slug
    source_slugs = comparison.source_slugs()
    if data["target"]:
        side_fixed, side_pick, ref = "target", "source", f"{target_slug}/{data['target']}"
        allowed, pick_from = [target_slug], source_slugs
    else:
        side_fixed, side_pick, ref = "source", "target", data["source"]
        allowed, pick_from = source_slugs, [target_slug]
    fixed = index.unit(ref)
    if fixed is None or fixed.instrument not in allowed or not comparison.reads(fixed.instrument, fixed.eid):
        return {
            "side_fixed": side_fixed,
            "fixed_error": f"{ref} is not a comparison unit of this comparison's "
            f"{'target' if side_fixed == 'target' else 'sources'}.",
        }
    q = data["q"]
    if q:
        units = index.lookup(q, instruments=pick_from)
        results: list[dict[str, Any]] = [{"unit": u, "citation": index.citation(u), "score": None} for u in units]
        meaning: list[dict[str, Any]] = []
    else:  # no search yet: suggest the most similar units, by wording and by meaning
        matches = index.search(fixed.text, instruments=pick_from, with_diffs=False)
        results = [{"unit": m.unit, "citation": m.citation, "score": m.score} for m in matches]
        shown = [m.unit.ref for m in matches]
        meaning = suggestions_by_meaning(index, fixed, pick_from, shown=shown, limit=MEANING_SUGGESTIONS)
    # a scoped comparison links only units of its articles
    results = [r for r in results if comparison.reads(r["unit"].instrument, r["unit"].eid)]
    meaning = [r for r in meaning if comparison.reads(r["unit"].instrument, r["unit"].eid)]
    for result in (*results, *meaning):
        unit = result["unit"]
        result["value"] = unit.eid if side_pick == "target" else unit.ref
    return {
        "side_fixed": side_fixed,
        "side_pick": side_pick,
        "fixed": fixed,
        "fixed_citation": index.citation(fixed),
        "results": results,
        "meaning": meaning,
        "suggested": not q,
        "q": q,
    }
