"""A treaty's versions: the list (who, when, from what file), the differences between two, and restore."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Treaty, TreatyVersion
from .versions import compare_versions, restore_version

#: Restoring rewrites the text, as an import does: the same people may do it (curators).
RESTORE_PERMISSION = "treaties.add_treaty"


class CompareForm(forms.Form):
    old = forms.IntegerField(label="Older version", min_value=1, max_value=1_000_000)
    new = forms.IntegerField(label="Newer version", min_value=1, max_value=1_000_000)


def treaty_versions(request: HttpRequest, slug: str) -> HttpResponse:
    treaty = get_object_or_404(Treaty, slug=slug)
    versions = list(treaty.versions.select_related("created_by", "restored_from").order_by("-number"))
    context = {
        "treaty": treaty,
        "versions": versions,
        "can_restore": request.user.has_perm(RESTORE_PERMISSION),
        "form": CompareForm(initial={"old": versions[1].number, "new": versions[0].number})
        if len(versions) > 1
        else None,
    }
    return render(request, "treaties/treaty_versions.html", context)


def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    treaty = get_object_or_404(Treaty, slug=slug)
    form = CompareForm(request.GET)
    if not form.is_valid():
        return render(request, "treaties/version_compare.html", {"treaty": treaty, "form": form}, status=400)
    old = get_object_or_404(TreatyVersion, treaty=treaty, number=form.cleaned_data["old"])
    new = get_object_or_404(TreatyVersion, treaty=treaty, number=form.cleaned_data["new"])
    context = {"treaty": treaty, "form": form, "diff": compare_versions(old, new)}
    return render(request, "treaties/version_compare.html", context)


@login_required
@require_POST
def version_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    if not request.user.has_perm(RESTORE_PERMISSION):
        raise PermissionDenied("Only curators can restore a version.")
    version = get_object_or_404(TreatyVersion, treaty__slug=slug, number=number)
    report = restore_version(version=version, user=request.user)
    if report.unchanged:
        messages.info(request, f"Version {number} is already the current text: nothing changed.")
    else:
        messages.success(
            request,
            f"Restored version {number}: {len(report.added)} provisions added, "
            f"{len(report.removed)} removed, {len(report.edited)} edited.",
        )
    return redirect("treaties:treaty_versions", slug)
