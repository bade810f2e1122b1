"""Annotations over HTTP: researchers explain decisions as drafts, edit their own; curators publish and edit
any; anonymous clients see published ones; history, exports, and the links filtered by them."""

from __future__ import annotations

import csv
import io

import pytest

from comparisons.selectors import effective_rows
from research.models import Annotation

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "smuggling-protocol--tip-protocol"


def _pruned(comparison):
    return next(r for r in effective_rows(comparison) if r.relation == "pruned")


def _link(comparison):
    return next(r for r in effective_rows(comparison) if r.is_link)


def explain(api, row, **fields):
    body = {"comparison": SLUG, "norms": ["sovereignty"], "stage": "pruning", "rationale": "Kept *out*."} | fields
    if row.target_eid:
        body.setdefault("target", row.target_eid)
    if row.source_eid:
        body.setdefault("source", f"{row.source_treaty}/{row.source_eid}")
    return api.post("/annotations/", json=body)


def test_a_researcher_explains_a_pruned_unit_as_a_draft_only_they_and_curators_see(
    research_data, aligned, researcher, other_researcher, curator, anonymous
):
    row = _pruned(aligned)
    created = explain(researcher, row, citations=[{"reference": "acharya-2004", "locator": "p. 245"}])
    assert created.status_code == 201, created.text
    note = created.json()
    assert note["kind"] == "pruned" and note["status"] == "draft" and note["author"] == "rita"
    assert note["comparison"] == SLUG and note["source_ref"] == f"tip-protocol/{row.source_eid}"
    assert note["target_eid"] == "" and note["norms"] == ["sovereignty"] and note["orphaned"] is False
    assert note["citations"] == [{"reference": "acharya-2004", "locator": "p. 245", "label": "Acharya 2004, p. 245"}]
    mine = researcher.get("/annotations/", params={"origin": "researcher"}).json()
    assert [a["id"] for a in mine["results"]] == [note["id"]]
    assert anonymous.get("/annotations/", params={"origin": "researcher"}).json()["count"] == 0
    assert other_researcher.get("/annotations/", params={"origin": "researcher"}).json()["count"] == 0
    assert curator.get("/annotations/", params={"status": "draft"}).json()["count"] == 1
    assert_error(anonymous.get(f"/annotations/{note['id']}/"), 404)
    link = explain(researcher, _link(aligned), norms=["consensus", "sovereignty"], stage="grafting")
    assert link.status_code == 201 and link.json()["kind"] == "link"


def test_ownership_authors_edit_their_own_curators_edit_any_and_publish(
    research_data, aligned, researcher, other_researcher, curator, anonymous, reader
):
    note = explain(researcher, _pruned(aligned)).json()
    url = f"/annotations/{note['id']}/"
    assert_error(other_researcher.patch(url, json={"rationale": "mine now"}), 404)  # a draft they cannot see
    assert_error(researcher.post(url + "status/", json={"status": "published"}), 403)
    assert_error(anonymous.post(url + "status/", json={"status": "published"}), 401)
    published = curator.post(url + "status/", json={"status": "published"})
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert anonymous.get(url).json()["status"] == "published"
    assert_error(other_researcher.patch(url, json={"rationale": "mine now"}), 403)
    assert_error(reader.patch(url, json={"rationale": "mine now"}), 403)
    assert_error(anonymous.patch(url, json={"rationale": "mine now"}), 401)
    edited = researcher.patch(url, json={"rationale": "Second thoughts.", "norms": ["consensus"]})
    assert edited.status_code == 200, edited.text
    assert edited.json()["rationale"] == "Second thoughts." and edited.json()["norms"] == ["consensus"]
    assert edited.json()["stage"] == "pruning"  # only the fields given change
    by_curator = curator.patch(url, json={"stage": "grafting"})
    assert by_curator.status_code == 200 and by_curator.json()["stage"] == "grafting"
    history = anonymous.get(url + "history/").json()
    assert (history[0]["change"], history[0]["user"]) == ("created", "rita")
    assert history[-1]["user"] == "carla" and history[-1]["stage"] == "grafting"
    norms = [h["norms"] for h in history if h["norms"]]  # each change of the norms is a version of its own
    assert norms[0] == ["sovereignty"] and norms[-1] == ["consensus"]
    assert Annotation.objects.get(pk=note["id"]).rationale == "Second thoughts."


def test_annotations_filter_by_comparison_norm_stage_status_author_and_eids(
    research_data, aligned, researcher, curator, anonymous
):
    pruned, link = _pruned(aligned), _link(aligned)
    first = explain(researcher, pruned).json()
    second = explain(curator, link, norms=["consensus"], stage="grafting").json()
    curator.post(f"/annotations/{second['id']}/status/", json={"status": "published"})

    def ids(api, **params):
        response = api.get("/annotations/", params={**params, "origin": "researcher"})
        assert response.status_code == 200, response.text
        return [a["id"] for a in response.json()["results"]]

    assert ids(curator) == [first["id"], second["id"]]
    assert ids(curator, comparison=SLUG, norm="consensus") == [second["id"]]
    assert ids(curator, stage="pruning") == [first["id"]] and ids(curator, status="published") == [second["id"]]
    assert ids(curator, author="rita") == [first["id"]] and ids(curator, kind="link") == [second["id"]]
    assert ids(curator, target=link.target_eid) == [second["id"]]
    assert ids(curator, source=pruned.source_eid) == [first["id"]]
    assert ids(curator, source=f"tip-protocol/{pruned.source_eid}") == [first["id"]]
    assert ids(anonymous) == [second["id"]]
    claims = anonymous.get("/annotations/", params={"origin": "literature", "norm": "sovereignty"}).json()
    assert claims["count"] > 0 and all(a["kind"] == "claim" and a["finding"] for a in claims["results"])
    response = anonymous.get("/annotations/", params={"stage": "sprouting", "norm": "atlantis", "author": "nobody"})
    assert_error(response, 400, "stage", "norm", "author")


def test_bad_annotations_are_400_with_the_field_named(research_data, aligned, researcher, reader, anonymous):
    row = _pruned(aligned)
    assert_error(explain(researcher, row, norms=[]), 400, "norms")
    assert (
        "unknown norm" in assert_error(explain(researcher, row, norms=["atlantis"]), 400, "norms")["errors"]["norms"][0]
    )
    assert_error(explain(researcher, row, source="untoc/art_1"), 400, "source")
    assert_error(explain(researcher, row, source="tip-protocol/art_999"), 400, "source")
    assert_error(researcher.post("/annotations/", json={"comparison": SLUG, "norms": ["sovereignty"]}), 400, "target")
    assert_error(explain(researcher, row, comparison="nothing--here"), 400, "comparison")
    assert_error(explain(researcher, row, stage="sprouting", target="art 1"), 400, "stage", "target")
    assert_error(explain(researcher, row, citations=[{"reference": "nobody"}]), 400, "citations")
    assert_error(explain(reader, row), 403)
    assert_error(explain(anonymous, row), 401)
    assert not Annotation.objects.filter(origin="researcher").exists()
    url = f"/annotations/{explain(researcher, row).json()['id']}/"
    assert_error(researcher.patch(url, json={"citations": [{"locator": "p. 1"}]}), 400, "citations.0.reference")
    assert_error(researcher.patch(url, json={"norms": [], "stage": "x"}), 400, "norms", "stage")
    assert_error(researcher.patch(url, json={"citations": [{"reference": "nobody"}]}), 400, "citations")
    assert Annotation.objects.get(origin="researcher").citations.count() == 0


def test_the_published_annotations_download_as_json_ld_and_csv(research_data, aligned, researcher, curator, anonymous):
    note = explain(researcher, _pruned(aligned)).json()
    explain(researcher, _link(aligned))  # a draft: not exported
    curator.post(f"/annotations/{note['id']}/status/", json={"status": "published"})
    jsonld = anonymous.get("/annotations/export/", params={"comparison": SLUG})
    assert jsonld.headers["Content-Type"].startswith("application/ld+json")
    assert jsonld.headers["Content-Disposition"] == f'attachment; filename="normdiff-explanations-{SLUG}.jsonld"'
    collection = jsonld.json()
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 1
    (item,) = collection["first"]["items"]
    assert item["normdiff:decision"]["source"] == note["source_ref"] and item["creator"]["nickname"] == "rita"
    everything = anonymous.get("/annotations/export/", params={"format": "csv"})
    assert everything.headers["Content-Type"].startswith("text/csv")
    assert everything.headers["Content-Disposition"] == 'attachment; filename="normdiff-explanations.csv"'
    rows = list(csv.DictReader(io.StringIO(everything.text)))
    assert len(rows) == 1 + Annotation.objects.literature().published().count()
    assert {r["status"] for r in rows} == {"published"}
    assert_error(
        anonymous.get("/annotations/export/", params={"comparison": "nothing--here", "format": "csv"}),
        400,
        "comparison",
    )


def test_links_filter_by_the_norm_of_their_explanations_and_by_explained_or_not(
    research_data, aligned, researcher, curator, anonymous
):
    pruned = _pruned(aligned)
    note = explain(researcher, pruned, norms=["non-intervention"]).json()
    url = f"/comparisons/{SLUG}/links/"

    def refs(**params):
        response = anonymous.get(url, params={**params, "limit": 1000})
        assert response.status_code == 200, response.text
        return [
            (r["target"] or {}).get("eid", "") + "|" + (r["source"] or {}).get("ref", "")
            for r in response.json()["results"]
        ]

    everything = refs()
    assert refs(explained="yes") == [] and len(refs(explained="no")) == len(everything)  # a draft explains nothing
    curator.post(f"/annotations/{note['id']}/status/", json={"status": "published"})
    key = f"|tip-protocol/{pruned.source_eid}"
    assert (
        refs(explained="yes")
        == [key]
        == refs(norm="non-intervention")
        == refs(norm="non-intervention", relation="pruned")
    )
    assert refs(norm="consensus") == [] and refs(norm="non-intervention", relation="adopted") == []
    assert len(refs(explained="no")) == len(everything) - 1 and key not in refs(explained="no")
    assert_error(anonymous.get(url, params={"norm": "atlantis", "explained": "maybe"}), 400, "norm", "explained")
