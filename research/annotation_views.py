"""Researchers explain an alignment decision; curators publish. Full pages without JavaScript,
fragments for htmx (the form loaded into a side-by-side row or the pair page)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.roles import can_annotate
from comparisons.models import Comparison
from comparisons.overlay import PairFields, pair_fields
from core.htmx import wants_fragment

from . import exports, services
from .annotation_forms import AnnotationForm, DecisionForm, StatusForm
from .models import Annotation

FORM = "research/annotations/form.html"


def _pair_url(sides: PairFields, comparison: Comparison) -> str:
    query = []
    if sides["target_eid"]:
        query.append(f"target={sides['target_eid']}")
    if sides["source_eid"]:
        query.append(f"source={sides['source_treaty']}/{sides['source_eid']}")
    return f"{reverse('comparisons:pair_detail', args=[comparison.slug])}?{'&'.join(query)}"


def _sides(annotation: Annotation) -> PairFields:
    return pair_fields(annotation)


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    if not request.user.is_authenticated and not wants_fragment(request):
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(message)


def _show_errors(form: AnnotationForm, error: services.AnnotationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def annotation_new(request: HttpRequest, slug: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison.objects.with_instruments(), slug=slug)
    decision = DecisionForm(request.GET)
    if not decision.is_valid():
        return render(request, FORM, {"comparison": comparison, "decision": decision}, status=400)
    if not can_annotate(request.user):
        return _refuse(request, "Only researchers and curators can explain decisions.")
    form = AnnotationForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"comparison": comparison, "decision": decision, "form": form}
    context["pair_url"] = _pair_url(decision.sides, comparison)

    def save(**content: Any) -> Annotation:
        user, kind = request.user, decision.kind
        return services.create_annotation(user=user, comparison=comparison, kind=kind, **decision.sides, **content)

    return _save_or_show(request, form, context, save, "Explanation saved as a draft")


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def annotation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = get_object_or_404(Annotation.objects.select_related("comparison__target"), pk=pk)
    if annotation.comparison is None or not services.may_edit(request.user, annotation):
        return _refuse(request, "You may edit only your own explanations (curators may edit any).")
    comparison = annotation.comparison
    if request.method == "POST":
        form = AnnotationForm(request.POST)
    else:
        form = AnnotationForm(initial=AnnotationForm.initial_for(annotation))
    context: dict[str, Any] = {"comparison": comparison, "annotation": annotation, "form": form}
    context["pair_url"] = _pair_url(_sides(annotation), comparison)

    def save(**content: Any) -> Annotation:
        return services.update_annotation(user=request.user, annotation=annotation, **content)

    return _save_or_show(request, form, context, save, "Explanation saved")


@require_POST
def annotation_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Curators publish an explanation (or withdraw it to draft)."""
    annotation = get_object_or_404(Annotation.objects.select_related("comparison"), pk=pk)
    form = StatusForm(request.POST)
    if annotation.comparison is None or not form.is_valid():
        return HttpResponse("Give status=published or status=draft.", status=400, content_type="text/plain")
    try:
        services.set_status(user=request.user, annotation=annotation, status=form.cleaned_data["status"])
    except services.AnnotationPermissionError as error:
        return _refuse(request, str(error))
    except services.AnnotationError as error:
        messages.error(request, f"Not published: {error.message}.")
    else:
        done = "published" if annotation.is_published else "withdrawn to draft"
        messages.success(request, f"Explanation {done}.")
    fallback = _pair_url(_sides(annotation), annotation.comparison)
    target = str(request.POST.get("next", ""))
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return HttpResponseRedirect(target if target and safe else fallback)


def _save_or_show(
    request: HttpRequest,
    form: AnnotationForm,
    context: dict[str, Any],
    save: Callable[..., Annotation],
    message: str,
) -> HttpResponse:
    """On a valid POST, ``save`` what the form says and show it saved; else the form (with its errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            annotation = save(**form.content)
        except services.AnnotationError as error:
            _show_errors(form, error)
        else:
            return _saved(request, annotation, context["pair_url"], message)
    status = 400 if request.method == "POST" else 200
    return render(request, FORM + ("#annotation-form" if wants_fragment(request) else ""), context, status=status)


def _saved(request: HttpRequest, annotation: Annotation, pair_url: str, message: str) -> HttpResponse:
    if wants_fragment(request):
        context = {"annotation": annotation, "pair_url": pair_url, "message": message}
        return render(request, "research/annotations/_saved.html", context)
    messages.success(request, f"{message}. A curator publishes it.")
    return HttpResponseRedirect(pair_url)


@require_GET
def annotation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The published explanations (``?comparison=<slug>`` for one comparison's) as a download."""
    if fmt not in exports.FORMATS:
        raise Http404(f"No export format {fmt!r}: use jsonld or csv.")
    slug = str(request.GET.get("comparison", ""))[:200]
    if slug and not Comparison.objects.filter(slug=slug).exists():
        raise Http404(f"No comparison {slug!r}.")
    annotations = list(exports.exported(slug))
    if fmt == "csv":
        response = HttpResponse(exports.csv_text(annotations), content_type="text/csv; charset=utf-8")
    else:
        body = json.dumps(exports.jsonld(annotations, comparison=slug), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(fmt, slug)}"'
    return response
