"""Possible links to review: every open candidate of a comparison on one page, best first.

The side-by-side rows offer each added or pruned provision its own candidates; a curator
doing a pass over what the engine left unlinked wants them all at once, the likeliest first,
each decided in one click (a link, or not a link) without leaving the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .. import selectors
from ..alignment import Unit
from ..display.rows import InstrumentView, article_choices, review_views, source_article_choices
from ..forms import CandidateReviewForm
from ..models import AlignmentRun, Comparison, CuratedDecision
from .side_by_side import decision_citations, instrument_views

#: Candidates per page.
PER_PAGE = 25
#: The decisions a curator takes on a candidate from the list: (action, button).
DECISIONS = ((CuratedDecision.Action.ACCEPT, "Link"), (CuratedDecision.Action.REJECT, "Not a link"))
#: What a curator may do instead once a pair is decided from the list: (action, button), by the action taken.
SECOND_THOUGHTS = {
    CuratedDecision.Action.ACCEPT: (CuratedDecision.Action.REJECT, "Not a link after all"),
    CuratedDecision.Action.REJECT: (CuratedDecision.Action.ACCEPT, "Link after all"),
}


@require_safe
def candidate_review(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    run = comparison.latest_run()
    target, sources = instrument_views(comparison)
    units = selectors.comparison_units(comparison) if run is not None else {}
    form = _review_form(request.GET, run, target, sources, units)
    context: dict[str, object] = {"comparison": comparison, "form": form, "run": run}
    if not form.is_valid():
        return render(request, "comparisons/candidate_review.html", context, status=400)
    if run is None:
        return render(request, "comparisons/candidate_review.html", context)
    keep = form.candidate_filter()
    review = selectors.candidate_review(comparison, keep)
    paginator = Paginator(review.pairs, PER_PAGE, allow_empty_first_page=True)
    number = form.cleaned_data["page"] or 1
    if number > paginator.num_pages:
        raise Http404(f"There is no page {number}: the list has {paginator.num_pages}.")
    page = paginator.page(number)
    context |= {
        "page": page,
        "entries": review_views(
            list(page.object_list), target=target, sources=sources, units=units, sides=review.sides
        ),
        "decisions": DECISIONS,
        **_count_context(review, keep),
    }
    return render(request, "comparisons/candidate_review.html", context)


def _review_form(
    data: QueryDict,
    run: AlignmentRun | None,
    target: InstrumentView,
    sources: list[InstrumentView],
    units: Mapping[tuple[str, str], Unit],
) -> CandidateReviewForm:
    """The review page's filter form, its choices the comparison's articles (none before a run);
    ``units`` only give the article choices their headings."""
    return CandidateReviewForm(
        data,
        articles=article_choices(target, run.target_units, units) if run is not None else [],
        instruments=[(s.slug, s.label) for s in sources],
        source_articles=source_article_choices(sources, [(s, e) for s, e in run.source_units])
        if run is not None
        else [],
    )


def _count_context(review: selectors.CandidateReview, keep: selectors.CandidateFilter) -> dict[str, object]:
    """What the list's count line says: every open candidate, and how many the filter keeps."""
    return {"review": review, "filtered": keep.restricts, "listed": len(review.pairs)}


def _listing_filter(
    next_url: str, comparison: Comparison, target: InstrumentView, sources: list[InstrumentView]
) -> selectors.CandidateFilter:
    """The filter of the list a decision was taken on (read off its ``next`` URL; none if invalid).
    Reading a filter needs the choices' values only, not their headings: no units are built."""
    query = QueryDict(urlsplit(next_url).query)
    form = _review_form(query, comparison.latest_run(), target, sources, {})
    return form.candidate_filter() if form.is_valid() else selectors.CandidateFilter()


def decided_row(
    request: HttpRequest,
    comparison: Comparison,
    decision: CuratedDecision,
    *,
    message: str,
    pair_url: str,
    side: str,
    next_url: str,
) -> HttpResponse:
    """The row of a pair just decided from the list (htmx swaps it for the pair's row): what was
    decided, a link to the pair's page (``pair_url``) and the opposite decision, should the curator
    think again; with the list's count line brought up to date (out of band).  ``side`` is the
    side the candidate was offered on, ``next_url`` the list it was decided on."""
    target, sources = instrument_views(comparison)
    target_citation, source_citation = decision_citations(target, sources, decision)
    listing = _listing_filter(next_url, comparison, target, sources)
    instead, instead_label = SECOND_THOUGHTS[CuratedDecision.Action(decision.action)]
    context = {
        "comparison": comparison,
        "decision": decision,
        "target_citation": target_citation,
        "source_citation": source_citation,
        "message": message,
        "pair_url": pair_url,
        "side": side,
        "next": next_url,
        "instead": instead,
        "instead_label": instead_label,
        "count": _count_context(selectors.candidate_review(comparison, listing), listing),
    }
    return render(request, "comparisons/_review_decided.html", context)
