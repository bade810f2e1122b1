"""Browsing and searching treaties: parse the request, read, render one template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from core.htmx import HtmxHttpRequest, wants_fragment

from .forms import ImportForm, SearchForm
from .models import Provision, ProvisionNode, Treaty
from .tasks import enqueue_import

#: Who may import treaties from the web (curators have it: see accounts.roles).
IMPORT_PERMISSION = "treaties.add_treaty"

RESULTS_PER_PAGE = 20


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    treaties = Treaty.objects.with_counts()
    return render(request, "treaties/home.html", {"treaties": treaties})


@require_safe
def treaty_list(request: HttpRequest) -> HttpResponse:
    treaties = Treaty.objects.with_counts()
    return render(request, "treaties/treaty_list.html", {"treaties": treaties})


@require_safe
def treaty_detail(request: HttpRequest, slug: str) -> HttpResponse:
    treaty = get_object_or_404(Treaty, slug=slug)
    return render(request, "treaties/treaty_detail.html", {"treaty": treaty, "tree": treaty.provision_tree()})


@require_safe
def provision_detail(request: HttpRequest, slug: str, eid: str) -> HttpResponse:
    treaty = get_object_or_404(Treaty, slug=slug)
    tree = treaty.provision_tree()
    path = _path_to(tree, eid)
    if path is None:
        raise Http404(f"{slug} has no provision {eid}")
    node = path[-1]
    previous, following = _neighbours(tree, path)
    context = {
        "treaty": treaty,
        "nodes": [node],
        "provision": node.provision,
        "ancestors": [n.provision for n in path[:-1]],
        "previous": previous,
        "next": following,
    }
    return render(request, "treaties/provision_detail.html", context)


@require_safe
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    treaties = list(Treaty.objects.only("slug", "short_title"))
    form = SearchForm(request.GET or None, treaties=treaties)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = Provision.objects.search(form.cleaned_data["q"], form.cleaned_data["treaty"])
        page = Paginator(results, RESULTS_PER_PAGE).get_page(form.cleaned_data["page"])
    template = "treaties/search.html"
    if wants_fragment(request):
        template += "#search-results"
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, "page": page}, status=status)


def _path_to(nodes: list[ProvisionNode], eid: str) -> list[ProvisionNode] | None:
    """The nodes from a root down to the provision ``eid``, or None."""
    for node in nodes:
        if node.provision.eid == eid:
            return [node]
        below = _path_to(node.children, eid)
        if below:
            return [node, *below]
    return None


def _neighbours(tree: list[ProvisionNode], path: list[ProvisionNode]) -> tuple[Provision | None, Provision | None]:
    """Previous and next provision at the same level: articles and chapters across the whole
    treaty (so article 5 follows article 4 across a chapter break), anything else among the
    siblings of the same kind."""
    provision = path[-1].provision
    if provision.kind in (Provision.Kind.ARTICLE, Provision.Kind.CHAPTER):
        peers = [n.provision for root in tree for n in root.walk() if n.provision.kind == provision.kind]
    else:
        siblings = path[-2].children if len(path) > 1 else tree
        peers = [n.provision for n in siblings if n.provision.kind == provision.kind]
    index = next(i for i, p in enumerate(peers) if p.pk == provision.pk)
    previous = peers[index - 1] if index > 0 else None
    following = peers[index + 1] if index + 1 < len(peers) else None
    return previous, following


@login_required
@require_http_methods(["GET", "POST"])
def import_treaty(request: HttpRequest) -> HttpResponse:
    """Upload an official text; a background job checks it (nothing written) or imports it in one
    transaction, and its page (:mod:`treaties.jobs`) shows the result."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied("Only curators can import treaties.")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = enqueue_import(
            name=data["file"].name,
            data=data["file"].read(),
            user=request.user,
            fmt=data["format"] or None,
            slug=data["slug"] or None,
            title=data["title"] or None,
            check_only=data["check_only"],
            allow_removals=data["allow_removals"] or 0,
            excerpt=data["excerpt"],
        )
        return redirect("treaties:job_status", job.id)
    status = 400 if form.errors else 200
    return render(request, "treaties/import.html", {"form": form}, status=status)
