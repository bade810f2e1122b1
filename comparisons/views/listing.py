"""Every comparison with its instruments, its last run and how many units fall in each relation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..display.summaries import summarise
from ..models import Comparison
from ..selectors import latest_counts


def comparison_list(request: HttpRequest) -> HttpResponse:
    found = latest_counts(list(Comparison.objects.with_instruments()))
    summaries = [summarise(c.comparison, c.run, c.counts) for c in found]
    return render(request, "comparisons/comparison_list.html", {"summaries": summaries})
