"""Possible links to review: every open candidate of a comparison on one page, best first.

The side-by-side rows offer each added or pruned provision its own candidates; a curator
doing a pass over what the engine left unlinked wants them all at once, the likeliest first,
each decided in one click (a link, or not a link) without leaving the list.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .. import selectors
from ..display.rows import review_views
from ..forms import CandidateReviewForm
from ..models import Comparison, CuratedDecision
from .side_by_side import decision_citations, instrument_views

#: Candidates per page.
PER_PAGE = 25
#: The decisions a curator takes on a candidate from the list: (action, button).
DECISIONS = ((CuratedDecision.Action.ACCEPT, "Link"), (CuratedDecision.Action.REJECT, "Not a link"))


@require_safe
def candidate_review(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    form = CandidateReviewForm(request.GET)
    context: dict[str, object] = {"comparison": comparison, "form": form, "run": comparison.latest_run()}
    if not form.is_valid():
        return render(request, "comparisons/candidate_review.html", context, status=400)
    if context["run"] is None:
        return render(request, "comparisons/candidate_review.html", context)
    review = selectors.candidate_review(comparison, form.cleaned_data["side"])
    paginator = Paginator(review.pairs, PER_PAGE, allow_empty_first_page=True)
    number = form.cleaned_data["page"] or 1
    if number > paginator.num_pages:
        raise Http404(f"There is no page {number}: the list has {paginator.num_pages}.")
    page = paginator.page(number)
    listed = list(page.object_list)
    target, sources = instrument_views(comparison)
    units = selectors.comparison_units(comparison, {target.slug, *(c.source_treaty for c in listed)})
    context |= {
        "page": page,
        "entries": review_views(listed, target=target, sources=sources, units=units, sides=review.sides),
        "review": review,
        "side": form.cleaned_data["side"],
        "decisions": DECISIONS,
    }
    return render(request, "comparisons/candidate_review.html", context)


def decided_row(
    request: HttpRequest, comparison: Comparison, decision: CuratedDecision, message: str, pair_url: str
) -> HttpResponse:
    """The row of a pair just decided from the list (htmx swaps it for the pair's row): what was
    decided, and a link to the pair's page (``pair_url``)."""
    target_citation, source_citation = decision_citations(*instrument_views(comparison), decision)
    context = {
        "target_citation": target_citation,
        "source_citation": source_citation,
        "message": message,
        "pair_url": pair_url,
    }
    return render(request, "comparisons/_review_decided.html", context)
