"""Comparisons with their counts, their effective links with filters, and the exports, over HTTP."""

from __future__ import annotations

import csv
import io

import pytest

from comparisons.overlay import relation_counts
from comparisons.selectors import effective_rows

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "smuggling-protocol--tip-protocol"


def test_comparisons_list_their_effective_counts(aligned, anonymous):
    body = anonymous.get("/comparisons/").json()
    (found,) = body["results"]
    assert found["slug"] == SLUG and found["target"] == "smuggling-protocol" and found["sources"] == ["tip-protocol"]
    assert found["counts"] == relation_counts(effective_rows(aligned))
    assert found["latest_run"]["engine_version"]
    assert anonymous.get(f"/comparisons/{SLUG}/").json() == found
    assert_error(anonymous.get("/comparisons/nothing--here/"), 404)


def test_links_carry_both_sides_texts_score_features_evidence_diff_and_origin(aligned, anonymous):
    body = anonymous.get(f"/comparisons/{SLUG}/links/", params={"relation": "adopted", "limit": 1000}).json()
    rows = [r for r in effective_rows(aligned) if r.relation == "adopted"]
    assert body["count"] == len(rows) > 0
    link = body["results"][0]
    assert link["relation"] == "adopted" and link["origin"] == "machine"
    assert link["target"]["instrument"] == "smuggling-protocol" and link["source"]["instrument"] == "tip-protocol"
    assert link["target"]["eid"] == rows[0].target_eid and link["source"]["eid"] == rows[0].source_eid
    assert link["target"]["text"] and link["source"]["text"]
    assert link["score"] == rows[0].score and link["evidence"] == list(rows[0].evidence)
    assert "".join(op["target"] for op in link["diff"]) == link["target"]["text"]
    assert "".join(op["source"] for op in link["diff"]) == link["source"]["text"]


def test_links_filter_by_relation_feature_evidence_source_article_and_curated(aligned, anonymous):
    rows = effective_rows(aligned)
    url = f"/comparisons/{SLUG}/links/"

    def count(**params) -> int:
        response = anonymous.get(url, params={**params, "limit": 1})
        assert response.status_code == 200, response.text
        return response.json()["count"]

    assert count() == len(rows)
    assert count(relation=["added", "pruned"]) == sum(r.relation in ("added", "pruned") for r in rows)
    assert count(feature="text_added") == sum("text_added" in r.features for r in rows)
    assert count(evidence="close_copy") == sum("close_copy" in r.evidence for r in rows) > 0
    assert count(source="tip-protocol") == sum(r.source_treaty == "tip-protocol" for r in rows)
    assert count(article="art_3") == sum(r.target_eid.split("__")[0] == "art_3" for r in rows) > 0
    assert count(curated="true") == 0 and count(curated="false") == len(rows)
    articles = anonymous.get(url, params={"level": "article", "relation": "adopted"}).json()["results"]
    assert articles and all("__" not in r["target"]["eid"] for r in articles)


def test_bad_link_filters_are_400_with_each_field_named(aligned, anonymous):
    url = f"/comparisons/{SLUG}/links/"
    response = anonymous.get(url, params={"relation": "copied", "level": "chapter", "curated": "maybe"})
    assert_error(response, 400, "relation", "level", "curated")
    assert_error(anonymous.get(url, params={"source": "untoc"}), 400, "source")
    assert_error(anonymous.get("/comparisons/nothing--here/links/"), 404)


def test_the_export_downloads_as_json_and_csv(aligned, anonymous):
    url = f"/comparisons/{SLUG}/export/"
    response = anonymous.get(url, params={"evidence": "true"})
    assert response.headers["Content-Disposition"] == f'attachment; filename="{SLUG}-paragraph.json"'
    data = response.json()
    assert data["target"] == "smuggling-protocol" and data["sources"] == ["tip-protocol"]
    assert data["links"] and all("evidence" in link for link in data["links"])
    as_csv = anonymous.get(url, params={"format": "csv", "level": "article"})
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert as_csv.headers["Content-Disposition"].endswith('-article.csv"')
    table = list(csv.reader(io.StringIO(as_csv.text)))
    assert table[0] == ["target", "source", "relation", "score", "features", "origin"]
    by_accept = anonymous.get(url, headers={"Accept": "text/csv"})
    assert by_accept.text.splitlines()[0] == "target,source,relation,score,features,origin"
    assert len(by_accept.text.splitlines()) == 1 + len(data["links"]) + len(data["added"]) + len(data["pruned"])


def test_the_export_adds_the_candidates_apart_from_the_links_only_when_asked(aligned, anonymous):
    url = f"/comparisons/{SLUG}/export/"
    plain = anonymous.get(url).json()
    assert "candidates" not in plain
    data = anonymous.get(url, params={"candidates": "true"}).json()
    assert {key: data[key] for key in plain} == plain
    assert data["candidates"] and all(c["candidate"] is True for c in data["candidates"])
    links = {(link["target"], link["source"]) for link in data["links"]}
    assert not {(c["target"], c["source"]) for c in data["candidates"]} & links
    table = list(csv.DictReader(io.StringIO(anonymous.get(url, params={"candidates": "true", "format": "csv"}).text)))
    marked = [row for row in table if row["candidate"]]
    assert len(marked) == len(data["candidates"]) and all(row["relation"] == "" for row in marked)
    assert_error(anonymous.get(url, params={"candidates": "true", "level": "article"}), 400, "candidates")


def test_candidates_are_listed_and_one_accepted_as_a_decision_is_no_longer_offered(aligned, anonymous, curator):
    url = f"/comparisons/{SLUG}/candidates/"
    body = anonymous.get(url, params={"limit": 1000}).json()
    candidates = body["results"]
    assert candidates and body["count"] == len(candidates)
    export = anonymous.get(f"/comparisons/{SLUG}/export/", params={"candidates": "true"}).json()
    assert [(c["target"]["ref"], c["source"]["ref"]) for c in candidates] == [
        (c["target"], c["source"]) for c in export["candidates"]
    ]
    first = candidates[0]
    assert first["offered_for"] in ("target", "source") and first["rank"] == 1
    assert first["target"]["text"] and first["source"]["citation"]

    pair = {"target": first["target"]["eid"], "source": first["source"]["ref"], "action": "accept"}
    accepted = curator.post(f"/comparisons/{SLUG}/decisions/", json=pair)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["relation"] in ("adopted", "modified")  # the engine's relation for the pair
    after = anonymous.get(url, params={"limit": 1000}).json()["results"]
    assert (first["target"]["ref"], first["source"]["ref"]) not in {
        (c["target"]["ref"], c["source"]["ref"]) for c in after
    }


def test_a_bad_export_query_is_a_json_error_even_when_csv_was_asked(aligned, anonymous):
    url = f"/comparisons/{SLUG}/export/"
    assert_error(anonymous.get(url, params={"format": "csv", "level": "chapter"}), 400, "level")
    assert_error(anonymous.get(url, headers={"Accept": "image/png"}), 406)
