"""Published explanations export as W3C Web Annotation JSON-LD and as CSV keyed by eIds."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from research.exports import CSV_COLUMNS, W3C_CONTEXT
from research.services import create_annotation, publish_annotation


@pytest.fixture
def explained(aligned, researcher, curator):
    """Two explanations of pruning decisions, one published, one a draft."""
    published = create_annotation(
        user=researcher,
        comparison=aligned,
        kind="pruned",
        source_treaty="untoc",
        source_eid="art_8__para_2",
        norms=["non-intervention", "domestic-law-primacy"],
        stage="pruning",
        rationale="Bribery abroad stays a *national* matter.",
        citations=[("pradityo-2021", "p. 165")],
    )
    publish_annotation(user=curator, annotation=published)
    create_annotation(
        user=researcher,
        comparison=aligned,
        kind="pruned",
        source_treaty="untoc",
        source_eid="art_11__para_1",
        norms=["consensus"],
    )
    return published


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_annotations", *args, stdout=out)
    return out.getvalue()


def test_jsonld_holds_one_web_annotation_per_published_explanation(explained, aligned):
    data = json.loads(export("--format", "jsonld", "--comparison", aligned.slug))
    assert W3C_CONTEXT in data["@context"] and data["type"] == "AnnotationCollection"
    (item,) = data["first"]["items"]
    assert data["total"] == 1 and item["type"] == "Annotation" and item["motivation"] == "commenting"
    (target,) = item["target"]
    assert target["source"].endswith("/treaties/untoc/art_8__para_2/")
    assert (
        target["selector"]["type"] == "TextQuoteSelector" and "foreign public official" in target["selector"]["exact"]
    )
    norms = [b["id"] for b in item["body"] if b.get("purpose") == "classifying"]
    assert norms == ["norm:non-intervention", "norm:domestic-law-primacy"]
    assert {
        "type": "TextualBody",
        "value": "Bribery abroad stays a *national* matter.",
        "format": "text/markdown",
        "purpose": "commenting",
    } in item["body"]


def test_the_whole_export_adds_the_literature_claims(explained):
    data = json.loads(export("--format", "jsonld"))
    motivations = [item["motivation"] for item in data["first"]["items"]]
    assert motivations.count("commenting") == 1 and motivations.count("assessing") >= 10


def test_csv_is_keyed_by_eids(explained, aligned):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv", "--comparison", aligned.slug))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 1
    assert (rows[0]["source_treaty"], rows[0]["source_eid"], rows[0]["norms"]) == (
        "untoc",
        "art_8__para_2",
        "non-intervention;domestic-law-primacy",
    )
    assert rows[0]["citations"] == "pradityo-2021 p. 165"


def test_an_unknown_comparison_is_refused(explained):
    with pytest.raises(CommandError, match="--comparison: no comparison 'nope'"):
        export("--comparison", "nope")


def test_the_pages_offer_the_same_downloads(explained, aligned, client):
    url = reverse("research:annotation_export", args=["jsonld"]) + f"?comparison={aligned.slug}"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content)["total"] == 1
    csv_response = client.get(reverse("research:annotation_export", args=["csv"]))
    assert "attachment" in csv_response["Content-Disposition"]
    assert client.get(reverse("research:annotation_export", args=["xml"])).status_code == 404
