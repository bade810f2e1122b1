"""The side-by-side reading of a comparison and the detail of one pair of units.

Both pages are also htmx fragments of themselves: ``#pair-list`` (filtered rows) and
``#pair-panel`` (one pair, expanded in place in its row).
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.htmx import HtmxHttpRequest, wants_fragment
from treaties.citations import cite

from ..alignment import ADDED, PRUNED, Unit
from ..display.rows import (
    InstrumentView,
    SourceEntry,
    UnitView,
    article_choices,
    build_table,
    candidate_views,
    source_article_choices,
)
from ..extensions import extension_filter_fields, row_extras
from ..forms import ComparisonFilterForm, PairForm
from ..models import Comparison, CuratedDecision
from ..overlay import relation_counts
from ..selectors import candidates_of, comparison_units, pair_history, pair_row


def instrument_views(comparison: Comparison) -> tuple[InstrumentView, list[InstrumentView]]:
    sources = sorted(comparison.sources.all(), key=lambda t: t.slug)
    return (
        InstrumentView(comparison.target.slug, comparison.target.label),
        [InstrumentView(t.slug, t.label, colour=n) for n, t in enumerate(sources)],
    )


@require_safe
@vary_on_headers("HX-Request")
def comparison_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    target, sources = instrument_views(comparison)
    run = comparison.latest_run()
    context: dict[str, object] = {"comparison": comparison, "target": target, "sources": sources, "run": run}
    if run is None:
        return render(request, "comparisons/comparison_detail.html", context)

    units = comparison_units(comparison)
    prefetch_related_objects([comparison], "decisions")  # the overlay and the open candidates share them
    source_order = [(s, e) for s, e in run.source_units]
    form = ComparisonFilterForm(
        request.GET or None,
        articles=article_choices(target, run.target_units, units),
        instruments=[(s.slug, s.label) for s in sources],
        source_articles=source_article_choices(sources, source_order),
        extension_fields=extension_filter_fields(),
    )
    form.is_valid()
    overlay = run.overlay()
    extras = row_extras(comparison=comparison, rows=overlay.rows, filters=form.extension_data, user=request.user)
    table = build_table(
        overlay.rows,
        target=target,
        sources=sources,
        units=units,
        target_order=run.target_units,
        source_order=source_order,
        keep=form.row_filter(keys=extras.keep),
        extras=extras.by_row,
        candidates=candidates_of(run),
    )
    context |= {
        "form": form,
        "table": table,
        "diff_on": form.diff_on,
        "counts": relation_counts(overlay.rows),
        "orphans": overlay.orphans,
    }
    context["fragment"] = wants_fragment(request)
    template = "comparisons/comparison_detail.html" + ("#pair-list" if context["fragment"] else "")
    return render(request, template, context, status=400 if form.errors else 200)


@require_safe
@vary_on_headers("HX-Request")
def pair_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    form = PairForm(request.GET)
    if not form.is_valid():
        return render(request, "comparisons/pair_detail.html", {"comparison": comparison, "form": form}, status=400)
    target_eid = form.cleaned_data["target"]
    source_slug, source_eid = form.source_parts
    run = comparison.latest_run()
    if run is None:
        raise Http404("This comparison has not been aligned yet.")
    row = pair_row(run, target_eid, source_slug, source_eid)
    if row is None:
        raise Http404("No such pair in the current alignment.")

    target, sources = instrument_views(comparison)
    instruments = {i.slug: i for i in (target, *sources)}
    # an added or pruned unit's candidates: the units they propose are shown too
    offered = candidates_of(run, row.key).get(row.key, []) if row.relation in (ADDED, PRUNED) else []
    slugs = {target.slug, source_slug, *(c.source_treaty for c in offered)} - {""}
    units = comparison_units(comparison, slugs)
    target_unit = units.get((target.slug, target_eid)) if target_eid else None
    source_unit = units.get((source_slug, source_eid)) if source_eid else None
    decisions, machine = pair_history(
        comparison, target_eid=target_eid, source_treaty=source_slug, source_eid=source_eid
    )
    target_view = _view(instruments[target.slug], target_eid, target_unit) if target_unit else None
    source_view = (
        _view(instruments[source_slug], source_eid, source_unit) if source_unit and source_slug in instruments else None
    )
    # what the candidates are offered for: an added target unit, or a pruned source unit
    offered_for = target_view if row.relation == ADDED else source_view
    context = {
        "comparison": comparison,
        "run": run,
        "row": row,
        "entry": SourceEntry(row, None),
        "target_view": target_view,
        "source_view": source_view,
        "row_anchor": f"pair-{target_eid}" if target_eid else f"pruned-{source_slug}-{source_eid}",
        "panel_id": "panel-" + "-".join(part for part in (target_eid, source_slug, source_eid) if part),
        "decisions": decisions,
        "machine_history": machine,
        "candidates": candidate_views(offered, target=target, sources=sources, units=units),
        "side": "target" if row.relation == ADDED else "source",
        "of": offered_for.citation if offered_for else "",
    }
    context["fragment"] = wants_fragment(request)
    if context["fragment"] and request.GET.get("part") == "candidates":  # a side-by-side row opens its list
        context["next"] = f"{comparison.get_absolute_url()}#{context['row_anchor']}"
        return render(request, "comparisons/_candidates.html", context)
    template = "comparisons/pair_detail.html" + ("#pair-panel" if context["fragment"] else "")
    return render(request, template, context)


def accepted_rows(
    request: HttpRequest, comparison: Comparison, decision: CuratedDecision, *, from_pruned: bool, message: str
) -> HttpResponse:
    """The side-by-side rows a candidate's acceptance changed, for htmx to swap in: the target unit's
    row (now a curated link) and, where the source unit was pruned, a notice in place of its row."""
    run = comparison.latest_run()
    assert run is not None  # accepting needs a run
    target, sources = instrument_views(comparison)
    prefetch_related_objects([comparison], "decisions")
    overlay = run.overlay()
    extras = row_extras(comparison=comparison, rows=overlay.rows, filters={}, user=request.user)
    table = build_table(
        overlay.rows,
        target=target,
        sources=sources,
        units=comparison_units(comparison),
        target_order=run.target_units,
        source_order=[(s, e) for s, e in run.source_units],
        extras=extras.by_row,
        candidates=candidates_of(run),
    )
    rows = {display.dom_id: display for group in table.groups for display in group.rows}
    source_key = (decision.source_treaty, decision.source_eid)
    source_links = [r for r in overlay.rows if r.is_link and r.source_key == source_key]
    context = {
        "comparison": comparison,
        "target": target,
        "sources": sources,
        "row": rows.get(f"pair-{decision.target_eid}"),
        "pruned_id": f"pruned-{decision.source_treaty}-{decision.source_eid}",
        "from_pruned": from_pruned,
        "was_pruned": from_pruned or len(source_links) == 1,  # its only link is the one just accepted
        "source_citation": decision_citations(target, sources, decision)[1],
        "message": message,
    }
    return render(request, "comparisons/_candidate_accepted.html", context)


def decision_citations(
    target: InstrumentView, sources: list[InstrumentView], decision: CuratedDecision
) -> tuple[str, str]:
    """How the target unit and the source unit of a decision are cited (``UNTOC art. 8(2)``)."""
    source = next((s.label for s in sources if s.slug == decision.source_treaty), decision.source_treaty)
    return cite(target.label, decision.target_eid), cite(source, decision.source_eid)


def _view(instrument: InstrumentView, eid: str, unit: Unit) -> UnitView:
    return UnitView(instrument=instrument, eid=eid, text=unit.text, heading=unit.heading)
