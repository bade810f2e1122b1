"""The vocabulary as curators grow it (a family, a norm) and the norms × relations summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import can_curate

from . import selectors, services
from .vocabulary_forms import NormFamilyForm, NormForm, SummaryFilterForm


def _curators_only(request: HttpRequest) -> HttpResponse | None:
    if can_curate(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("Only curators can add to the vocabulary.")


Write = Callable[[dict[str, Any]], tuple[str, str]]  # cleaned data -> (message, where to go next)


def _write(request: HttpRequest, form: forms.Form, template: str, write: Write) -> HttpResponse:
    """Render ``form``; on a valid POST call ``write(cleaned_data)`` and redirect where it says."""
    if request.method == "POST" and form.is_valid():
        try:
            message, url = write(form.cleaned_data)
        except services.AnnotationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, message)
            return HttpResponseRedirect(url)
    return render(request, template, {"form": form}, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def family_new(request: HttpRequest) -> HttpResponse:
    if refused := _curators_only(request):
        return refused

    def write(data: dict[str, Any]) -> tuple[str, str]:
        family = services.create_norm_family(user=request.user, **data)
        url = f"{reverse('research:norm_new')}?family={family.slug}"
        return f"Family “{family.name}” added. Add its first norm.", url

    form = NormFamilyForm(request.POST if request.method == "POST" else None)
    return _write(request, form, "research/family_new.html", write)


@require_http_methods(["GET", "POST"])
def norm_new(request: HttpRequest) -> HttpResponse:
    if refused := _curators_only(request):
        return refused

    def write(data: dict[str, Any]) -> tuple[str, str]:
        norm = services.create_norm(
            user=request.user,
            name=data["name"],
            slug=data["slug"],
            family=data["family"],
            definition=data["definition"],
            citations=form.citations,
        )
        return f"Norm “{norm.name}” added.", f"{reverse('research:norm_list')}#norm-{norm.slug}"

    if request.method == "POST":
        form = NormForm(request.POST)
    else:
        form = NormForm(initial={"family": str(request.GET.get("family", ""))[:80]})
    return _write(request, form, "research/norm_new.html", write)


@require_GET
def norm_summary(request: HttpRequest) -> HttpResponse:
    form = SummaryFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "research/norm_summary.html", {"form": form}, status=400)
    comparison = form.cleaned_data["comparison"]
    context = {"form": form, "comparison": comparison, "summary": selectors.norm_summary(comparison)}
    return render(request, "research/norm_summary.html", context)
