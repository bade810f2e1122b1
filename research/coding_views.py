"""Tagging pages: code a unit in place (htmx) or with plain forms; my codings, all coders, per tag,
per provision; the codebook and its management; agreement and settling; downloads.

Views are thin: reads come from :mod:`research.coding_selectors`, writes from
:mod:`research.coding_services`. A unit is named in the query string (``instrument`` + ``eid``
for a provision; ``comparison`` + ``target`` + ``source`` for an alignment link), the same way
everywhere, so each page works as a plain link.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import can_annotate, can_curate
from core.htmx import wants_fragment
from treaties.models import Provision, Treaty

from . import coding_selectors as selectors
from . import coding_services as services
from .coding_exchange import write_codings
from .coding_models import Codebook, Coding, Tag, TagStatus, UnitRef
from .qdc import build

# --- units in URLs --------------------------------------------------------------------------


def unit_from(data: Any) -> UnitRef:
    """The unit a request names (GET or POST); Http404 when it names none."""
    comparison = data.get("comparison", "").strip()
    if comparison:
        link = UnitRef.link(comparison, data.get("target", "").strip(), data.get("source", "").strip())
        if not (link.eid and link.source_treaty and link.source_eid):
            raise Http404("a link needs target and source")
        return link
    instrument, eid = data.get("instrument", "").strip(), data.get("eid", "").strip()
    if not (instrument and eid):
        raise Http404("name a provision (instrument and eid) or a link (comparison, target, source)")
    return UnitRef.provision(instrument, eid)


def row_units(comparison_slug: str, target_slug: str, target_eid: str, source_treaty: str, source_eid: str):
    """The units of a side-by-side row: the link (when there is one), the target and the source provision."""
    units = []
    if target_eid and source_eid:
        units.append(UnitRef(target_slug, target_eid, comparison_slug, source_treaty, source_eid))
    if target_eid:
        units.append(UnitRef.provision(target_slug, target_eid))
    if source_eid:
        units.append(UnitRef.provision(source_treaty, source_eid))
    return units


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def unit_url(unit: UnitRef) -> str:
    return f"{reverse('research:coding:unit')}?{unit.query}"


def _panel(request: HttpRequest, unit: UnitRef, codings: list[Coding], **extra: Any) -> dict[str, Any]:
    mine = [c for c in codings if c.coder_id == request.user.pk]
    return {
        "unit": unit,
        "codings": codings,
        "mine": {c.tag_id for c in mine},
        "can_code": can_annotate(request.user),
        "next": extra.pop("next", "") or request.get_full_path(),
        **extra,
    }


def unit_panels(request: HttpRequest, units: list[UnitRef], next_url: str = "") -> list[dict[str, Any]]:
    by_unit = selectors.codings_by_unit(units)
    return [_panel(request, unit, by_unit[unit.key], next=next_url) for unit in units]


def _tags_context() -> dict[str, Any]:
    return {"tag_choices": selectors.usable_tags()}


# --- sections on the pages of treaties and comparisons (settings.PAGE_SECTIONS) -----------


def _placeholder(request: HttpRequest, url: str, citation: str, level: int) -> str:
    """A section that loads itself (htmx, after the page), and a plain link without JavaScript: no queries."""
    query = urlencode({"level": str(level), "next": request.get_full_path()})
    context = {"url": f"{url}&{query}", "citation": citation, "level": level}
    return render_to_string("research/coding/_section_placeholder.html", context, request=request)


def provision_section(request: HttpRequest, *, treaty: Treaty, provision: Provision, **_: Any) -> str:
    """The tags of a provision, below its text on the provision page, with the form to add one."""
    unit = UnitRef.provision(treaty.slug, provision.eid)
    return _placeholder(request, unit_url(unit), unit.citation, 2)


def pair_section(request: HttpRequest, *, comparison: Any, row: Any, **_: Any) -> str:
    """The tags of a pair (the link, its target, its source) on the pair page."""
    query = {"comparison": comparison.slug, "target": row.target_eid}
    if row.source_eid:
        query["source"] = f"{row.source_treaty}/{row.source_eid}"
    url = f"{reverse('research:coding:row')}?{urlencode(query)}"
    return _placeholder(request, url, "this pair", 3)


def _section(request: HttpRequest, units: list[UnitRef], next_url: str) -> HttpResponse | None:
    """The whole section (heading and panels) when a placeholder asked for it with ``level``."""
    level = request.GET.get("level", "")
    if not (wants_fragment(request) and level in ("2", "3")):
        return None
    context = {"panels": unit_panels(request, units, next_url), "heading": "Tags", "level": level}
    return render(request, "research/coding/_section.html", context | _tags_context())


# --- coding ---------------------------------------------------------------------------------


@require_GET
def unit_codings(request: HttpRequest) -> HttpResponse:
    """One unit: every coder's codings, and the form to add one (a fragment for htmx)."""
    unit = unit_from(request.GET)
    next_url = _next(request, unit_url(unit))
    section = _section(request, [unit], next_url)
    if section is not None:
        return section
    context = {"panel": unit_panels(request, [unit], next_url)[0], **_tags_context()}
    template = "research/coding/unit.html" + ("#unit-panel" if wants_fragment(request) else "")
    return render(request, template, context)


@require_GET
def row_codings(request: HttpRequest) -> HttpResponse:
    """The units of one side-by-side row, each with its codings and form (loaded into the row's slot)."""
    comparison = request.GET.get("comparison", "")
    target_slug = comparison.split("--", 1)[0]
    source_treaty, _, source_eid = request.GET.get("source", "").partition("/")
    units = row_units(comparison, target_slug, request.GET.get("target", ""), source_treaty, source_eid)
    if not comparison or not units:
        raise Http404("name a row: comparison, target and/or source")
    next_url = _next(request, request.get_full_path())
    section = _section(request, units, next_url)
    if section is not None:
        return section
    context = {"panels": unit_panels(request, units, next_url), "heading": "Tag this row", **_tags_context()}
    template = "research/coding/row.html" + ("#row-panels" if wants_fragment(request) else "")
    return render(request, template, context)


def _after_write(request: HttpRequest, unit: UnitRef, *, message: str = "", error: str = "", status: int = 200):
    """htmx: the unit's panel again (with the message or error); plain form: back where it came from."""
    if wants_fragment(request):
        panel = unit_panels(request, [unit], _next(request, unit_url(unit)))[0]
        panel |= {"message": message, "error": error}
        context = {"panel": panel, **_tags_context()}
        return render(request, "research/coding/unit.html#unit-panel", context, status=status)
    if error:
        panel = unit_panels(request, [unit], _next(request, unit_url(unit)))[0] | {"error": error}
        return render(request, "research/coding/unit.html", {"panel": panel, **_tags_context()}, status=status)
    return redirect(_next(request, unit_url(unit)))


@require_POST
def coding_add(request: HttpRequest) -> HttpResponse:
    unit = unit_from(request.POST)
    try:
        tag = Tag.objects.get(pk=int(request.POST.get("tag", "")))
    except (ValueError, Tag.DoesNotExist):
        return _after_write(request, unit, error="Choose a tag.", status=400)
    try:
        services.add_coding(user=request.user, tag=tag, unit=unit, memo=request.POST.get("memo", ""))
    except services.CodingPermissionError as exc:
        return _after_write(request, unit, error=str(exc), status=403)
    except services.CodingError as exc:
        return _after_write(request, unit, error=exc.message, status=400)
    return _after_write(request, unit, message=f"Tagged {tag.name}.")


@require_POST
def coding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    coding = get_object_or_404(Coding.objects.select_related("comparison"), pk=pk)
    try:
        if request.POST.get("action") == "remove":
            services.remove_coding(user=request.user, coding=coding)
            message = "Tag removed."
        else:
            services.edit_coding(user=request.user, coding=coding, memo=request.POST.get("memo", ""))
            message = "Memo saved."
    except services.CodingPermissionError as exc:
        return _after_write(request, coding.ref, error=str(exc), status=403)
    return _after_write(request, coding.ref, message=message)


# --- lists ----------------------------------------------------------------------------------


def _download(found: list[Coding], format: str) -> HttpResponse:
    content_type = "application/json" if format == "json" else "text/csv"
    response = HttpResponse(write_codings(found, format), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codings.{format}"'
    return response


@login_required
def my_codings(request: HttpRequest) -> HttpResponse:
    found = selectors.codings(coder=request.user)
    if request.GET.get("format") in ("csv", "json"):
        return _download(found, request.GET["format"])
    return render(request, "research/coding/list.html", {"codings": found, "title": "My codings", "mine": True})


def all_codings(request: HttpRequest) -> HttpResponse:
    """Everyone's codings, filtered by coder, tag and instrument."""
    coders = selectors.coders()
    coder = selectors.coder_named(request.GET.get("coder"), coders)
    tag = Tag.objects.filter(pk=request.GET["tag"]).first() if request.GET.get("tag", "").isdigit() else None
    instrument = request.GET.get("instrument", "").strip()
    found = selectors.codings(coder=coder, tag=tag, instrument=instrument)
    if request.GET.get("format") in ("csv", "json"):
        return _download(found, request.GET["format"])
    context = {
        "codings": found,
        "title": "All codings",
        "coders": coders,
        "coder": coder,
        "tag": tag,
        "instrument": instrument,
        **_tags_context(),
    }
    return render(request, "research/coding/list.html", context)


def provision_codings(request: HttpRequest, slug: str, eid: str) -> HttpResponse:
    """Per provision: its codings and those of the links it is part of."""
    provision = get_object_or_404(Provision.objects.select_related("treaty"), treaty__slug=slug, eid=eid)
    found = selectors.mark_orphans(selectors.codings_of_provision(slug, eid))
    unit = UnitRef.provision(slug, eid)
    context = {"provision": provision, "codings": found, "title": f"Codings of {unit.citation}", "unit": unit}
    return render(request, "research/coding/list.html", context)


def tag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Per tag: every unit carrying it (or a sub-tag) across all instruments, with counts per instrument."""
    tag = get_object_or_404(Tag.objects.select_related("codebook", "merged_into"), pk=pk)
    return render(request, "research/coding/tag_detail.html", {"use": selectors.tag_use(tag)})


def orphaned_codings(request: HttpRequest) -> HttpResponse:
    found = selectors.orphaned_codings()
    return render(request, "research/coding/list.html", {"codings": found, "title": "Orphaned codings"})


# --- the codebook ---------------------------------------------------------------------------


def _codebooks_page(request: HttpRequest, *, message: str = "", error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "books": [(book, selectors.tag_tree(book)) for book in Codebook.objects.all()],
        "can_code": can_annotate(request.user),
        "can_curate": can_curate(request.user),
        "statuses": TagStatus.choices,
        "message": message,
        "error": error,
    }
    return render(request, "research/coding/codebooks.html", context, status=status)


def codebooks(request: HttpRequest) -> HttpResponse:
    return _codebooks_page(request, message=request.GET.get("message", ""))


def _codebook_back(message: str) -> HttpResponse:
    return redirect(f"{reverse('research:coding:codebooks')}?{urlencode({'message': message})}")


def _codebook_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return _codebooks_page(request, error=message, status=status)


def _optional_tag(value: str) -> Tag | None:
    return Tag.objects.filter(pk=value).first() if value.isdigit() else None


@require_POST
def codebook_write(request: HttpRequest) -> HttpResponse:
    """Every codebook form posts here, with ``action``: codebook, tag, rename, move, merge, status."""
    post = request.POST
    action = post.get("action", "")
    try:
        if action == "codebook":
            book = services.create_codebook(
                user=request.user, slug=post.get("slug", "").strip(), name=post.get("name", "")
            )
            return _codebook_back(f"Codebook {book.name} created.")
        if action == "tag":
            book = get_object_or_404(Codebook, pk=post.get("codebook") or 0)
            tag = services.create_tag(
                user=request.user,
                codebook=book,
                name=post.get("name", ""),
                parent=_optional_tag(post.get("parent", "")),
                description=post.get("description", ""),
                colour=post.get("colour", ""),
            )
            return _codebook_back(f"Tag {tag.name} {'added' if tag.status == TagStatus.ACTIVE else 'proposed'}.")
        tag = get_object_or_404(Tag, pk=post.get("tag") or 0)
        if action == "rename":
            services.update_tag(
                user=request.user,
                tag=tag,
                name=post.get("name", tag.name),
                description=post.get("description", tag.description),
                colour=post.get("colour", tag.colour),
            )
        elif action == "move":
            services.move_tag(user=request.user, tag=tag, parent=_optional_tag(post.get("parent", "")))
        elif action == "merge":
            into = _optional_tag(post.get("into", ""))
            if into is None:
                raise services.CodingError("into", "choose the tag to merge into")
            services.merge_tag(user=request.user, tag=tag, into=into)
        elif action == "status":
            services.update_tag(user=request.user, tag=tag, status=post.get("status", ""))
        else:
            raise services.CodingError("action", f"unknown action {action!r}")
    except services.CodingPermissionError as exc:
        return _codebook_error(request, str(exc), 403)
    except services.CodingError as exc:
        return _codebook_error(request, f"{exc.field}: {exc.message}", 400)
    return _codebook_back("Codebook saved.")


def codebook_export(request: HttpRequest, slug: str) -> HttpResponse:
    book = get_object_or_404(Codebook, slug=slug)
    codes = selectors.codebook_codes(book)
    if not codes:
        raise Http404("this codebook has no tags yet")
    response = HttpResponse(build(codes, origin="normdiff"), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{book.slug}.qdc"'
    return response


# --- agreement ------------------------------------------------------------------------------


def agreement(request: HttpRequest) -> HttpResponse:
    """κ, α, observed agreement and disagreements for chosen coders on a codebook or one of its tags."""
    books = list(Codebook.objects.all())
    book = next((b for b in books if b.slug == request.GET.get("codebook")), books[0] if books else None)
    all_coders = [c.get_username() for c in selectors.coders()]
    chosen = selectors.chosen_coders(request.GET.getlist("coders"), all_coders)
    tag = _optional_tag(request.GET.get("tag", ""))
    if tag is not None and book is not None and tag.codebook_id != book.pk:
        tag = None
    result = None
    if book is not None and len(chosen) >= 2:
        result = selectors.agreement(codebook=book, coders=chosen, tag=tag)
    context = {
        "books": books,
        "book": book,
        "tags": selectors.tag_tree(book) if book else [],
        "tag": tag,
        "all_coders": all_coders,
        "chosen": chosen,
        "agreement": result,
        "can_curate": can_curate(request.user),
        "message": request.GET.get("message", ""),
    }
    return render(request, "research/coding/agreement.html", context)


@require_POST
def settle(request: HttpRequest) -> HttpResponse:
    unit = unit_from(request.POST)
    tag = get_object_or_404(Tag, pk=request.POST.get("tag") or 0)
    back = _next(request, reverse("research:coding:agreement"))
    try:
        services.settle(
            user=request.user,
            tag=tag,
            unit=unit,
            applies=request.POST.get("applies") == "yes",
            note=request.POST.get("note", ""),
        )
    except services.CodingPermissionError as exc:
        return HttpResponse(str(exc), status=403, content_type="text/plain; charset=utf-8")
    except services.CodingError as exc:
        return HttpResponse(f"{exc.field}: {exc.message}", status=400, content_type="text/plain; charset=utf-8")
    return redirect(back)
