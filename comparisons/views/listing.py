"""Every comparison with its instruments, its last run and how many units fall in each relation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..display.summaries import summarise
from ..extensions import summary_links
from ..models import Comparison
from ..selectors import latest_counts


@require_safe
def comparison_list(request: HttpRequest) -> HttpResponse:
    found = latest_counts(list(Comparison.objects.with_instruments()))
    links = summary_links([c.comparison for c in found], {c.comparison.pk: c.rows for c in found if c.run})
    summaries = [summarise(c.comparison, c.run, c.counts, links.get(c.comparison.pk, [])) for c in found]
    return render(request, "comparisons/comparison_list.html", {"summaries": summaries})
