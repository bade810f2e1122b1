"""Published annotations as W3C Web Annotation JSON-LD and as CSV keyed by eIds.

JSON-LD: one ``AnnotationCollection`` (https://www.w3.org/TR/annotation-model/) whose single page
holds one ``Annotation`` per published explanation or literature claim. Each targets the
provisions it names (their permalinks) with a ``TextQuoteSelector`` of the provision's text, and
its body is the rationale (Markdown) plus one ``SpecificResource`` per norm (purpose
``classifying``) and per citation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse

from treaties.eids import SEPARATOR
from treaties.models import Provision

from .models import Annotation

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FORMATS = ("jsonld", "csv")
CSV_COLUMNS = (
    "id",
    "origin",
    "comparison",
    "kind",
    "target_instrument",
    "target_eid",
    "source_treaty",
    "source_eid",
    "claimed_relation",
    "norms",
    "stage",
    "status",
    "author",
    "citations",
    "rationale",
    "created",
    "modified",
)


def exported(comparison: str = "") -> Any:
    """The published annotations an export holds (one comparison's, or all with the literature's claims)."""
    found = Annotation.objects.published().select_related("comparison", "author", "finding")
    if comparison:
        found = found.filter(comparison__slug=comparison)
    return found.prefetch_related("norms", "citations__reference").order_by("origin", "comparison__slug", "pk")


def filename(fmt: str, comparison: str = "") -> str:
    """The download's name: ``normdiff-explanations[-<comparison>].<jsonld|csv>``."""
    return f"normdiff-explanations{'-' + comparison if comparison else ''}.{fmt}"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def provision_texts(refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The text of each ``(treaty slug, eId)`` with its descendants' (one query)."""
    wanted = set(refs)
    slugs = {slug for slug, _ in wanted}
    texts: dict[tuple[str, str], list[str]] = {ref: [] for ref in wanted}
    rows = Provision.objects.filter(treaty__slug__in=slugs).order_by("treaty__slug", "position")
    for slug, eid, text in rows.values_list("treaty__slug", "eid", "text"):
        if not text:
            continue
        for ref in _within(slug, eid, wanted):
            texts[ref].append(text)
    return {ref: "\n".join(parts) for ref, parts in texts.items() if parts}


def _within(slug: str, eid: str, wanted: set[tuple[str, str]]) -> list[tuple[str, str]]:
    parts = eid.split(SEPARATOR)
    return [ref for n in range(len(parts)) if (ref := (slug, SEPARATOR.join(parts[: n + 1]))) in wanted]


def _target(slug: str, eid: str, texts: dict[tuple[str, str], str]) -> dict[str, Any]:
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": _absolute(reverse("treaties:provision_detail", args=[slug, eid])),
    }
    if (slug, eid) in texts:
        target["selector"] = {"type": "TextQuoteSelector", "exact": texts[(slug, eid)]}
    return target


def web_annotation(annotation: Annotation, texts: dict[tuple[str, str], str]) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if annotation.rationale:
        body.append(
            {"type": "TextualBody", "value": annotation.rationale, "format": "text/markdown", "purpose": "commenting"}
        )
    body += [
        {
            "type": "SpecificResource",
            "source": _absolute(norm.get_absolute_url()),
            "purpose": "classifying",
            "id": f"norm:{norm.slug}",
        }
        for norm in annotation.norms.all()
    ]
    body += [
        {
            "type": "SpecificResource",
            "source": citation.reference.link or f"reference:{citation.reference.slug}",
            "purpose": "linking",
            "value": f"{citation.reference.short}{', ' + citation.locator if citation.locator else ''}",
        }
        for citation in annotation.citations.all()
    ]
    item: dict[str, Any] = {
        "id": _absolute(f"/annotations/{annotation.pk}"),
        "type": "Annotation",
        "motivation": "commenting" if annotation.origin == Annotation.Origin.RESEARCHER else "assessing",
        "created": annotation.created_at.isoformat(),
        "modified": annotation.updated_at.isoformat(),
        "body": body,
        "target": [_target(slug, eid, texts) for slug, eid in annotation.provisions()],
        "normdiff:decision": {
            "kind": annotation.kind,
            "comparison": annotation.comparison.slug if annotation.comparison else None,
            "target": annotation.target_ref or None,
            "source": annotation.source_ref or None,
            "stage": annotation.stage or None,
            "claimed_relation": annotation.claimed_relation or None,
        },
    }
    if annotation.author is not None:
        item["creator"] = {"type": "Person", "nickname": annotation.author.get_username()}
    return item


def jsonld(annotations: Sequence[Annotation], *, comparison: str = "") -> dict[str, Any]:
    texts = provision_texts(ref for annotation in annotations for ref in annotation.provisions())
    items = [web_annotation(a, texts) for a in annotations]
    return {
        "@context": [W3C_CONTEXT, {"normdiff": _absolute("/ns#")}],
        "id": _absolute(
            reverse("research:annotation_export", args=["jsonld"]) + (f"?comparison={comparison}" if comparison else "")
        ),
        "type": "AnnotationCollection",
        "label": f"normdiff explanations{f' of {comparison}' if comparison else ''}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def csv_text(annotations: Sequence[Annotation]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in annotations:
        writer.writerow(
            [
                a.pk,
                a.origin,
                a.comparison.slug if a.comparison else "",
                a.kind,
                a.target_instrument,
                a.target_eid,
                a.source_treaty,
                a.source_eid,
                a.claimed_relation,
                ";".join(n.slug for n in a.norms.all()),
                a.stage,
                a.status,
                a.author.get_username() if a.author else "",
                ";".join(f"{c.reference.slug}{' ' + c.locator if c.locator else ''}" for c in a.citations.all()),
                a.rationale,
                a.created_at.isoformat(),
                a.updated_at.isoformat(),
            ]
        )
    return out.getvalue()
