"""The research pages: the norm vocabulary, a norm with every decision linked to it, the findings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import Norm


def norm_list(request: HttpRequest) -> HttpResponse:
    context = {"families": selectors.norm_families(), "stages": selectors.stages()}
    return render(request, "research/norm_list.html", context)


def norm_detail(request: HttpRequest, slug: str) -> HttpResponse:
    norm = get_object_or_404(Norm.objects.for_listing(), slug=slug)
    annotations = selectors.annotations_for_norm(norm, request.user)
    context = {
        "norm": norm,
        "claims": [a for a in annotations if a.origin == a.Origin.LITERATURE],
        "annotations": [a for a in annotations if a.origin == a.Origin.RESEARCHER],
    }
    return render(request, "research/norm_detail.html", context)


def finding_list(request: HttpRequest) -> HttpResponse:
    return render(request, "research/finding_list.html", {"findings": selectors.findings_with_evidence()})


def orphaned_annotations(request: HttpRequest) -> HttpResponse:
    annotations = selectors.orphaned_annotations(request.user)
    return render(request, "research/orphaned.html", {"annotations": annotations})
