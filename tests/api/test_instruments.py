"""Instruments, their provision trees and their provisions, read anonymously over HTTP."""

from __future__ import annotations

import pytest

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lists_every_instrument_with_counts(corpus, anonymous):
    response = anonymous.get("/instruments/")
    assert response.status_code == 200
    body = response.json()
    ids = [i["id"] for i in body["results"]]
    assert body["count"] == 4 and sorted(ids) == ["coe-trafficking", "smuggling-protocol", "tip-protocol", "untoc"]
    untoc = next(i for i in body["results"] if i["id"] == "untoc")
    assert untoc["label"] == "UNTOC" and untoc["counts"]["articles"] == 41
    assert untoc["html_url"] == "/treaties/untoc/"


def test_it_shows_one_instrument_and_refuses_an_unknown_one(corpus, anonymous):
    assert anonymous.get("/instruments/untoc/").json()["title"].startswith("United Nations Convention")
    assert_error(anonymous.get("/instruments/no-such-treaty/"), 404)


def test_the_tree_has_every_provision_of_the_instrument_once_in_document_order(corpus, anonymous):
    from treaties.models import Provision

    body = anonymous.get("/instruments/untoc/tree/").json()
    assert body["instrument"] == "untoc"

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node["children"])

    nodes = list(walk(body["provisions"]))
    expected = list(Provision.objects.filter(treaty__slug="untoc").order_by("position").values_list("eid", flat=True))
    assert [n["eid"] for n in nodes] == expected
    art5 = next(n for n in body["provisions"] if n["eid"] == "art_5")
    assert [c["eid"] for c in art5["children"]][:2] == ["art_5__para_1", "art_5__para_2"]


def test_provisions_filter_by_instrument_kind_article_and_eid(corpus, anonymous):
    body = anonymous.get("/provisions/", params={"instrument": "untoc", "article": "art_5", "limit": 500}).json()
    assert body["results"][0]["eid"] == "art_5"
    assert all(p["eid"] == "art_5" or p["eid"].startswith("art_5__") for p in body["results"])
    assert {p["instrument"] for p in body["results"]} == {"untoc"}
    paragraphs = anonymous.get("/provisions/", params={"instrument": "untoc", "kind": "paragraph", "article": "art_5"})
    assert {p["kind"] for p in paragraphs.json()["results"]} == {"paragraph"}
    same_eid = anonymous.get("/provisions/", params={"eid": "art_3"}).json()
    assert {p["ref"] for p in same_eid["results"]} >= {"untoc/art_3", "tip-protocol/art_3"}


def test_provisions_search_ranks_matches_and_marks_them(corpus, anonymous):
    body = anonymous.get("/provisions/", params={"q": "smuggling of migrants", "limit": 5}).json()
    assert body["count"] > 0
    first = body["results"][0]
    assert first["rank"] > 0 and "<mark>" in first["snippet"]
    ranks = [p["rank"] for p in body["results"]]
    assert ranks == sorted(ranks, reverse=True)


def test_pages_of_provisions_follow_each_other_without_overlap(corpus, anonymous):
    first = anonymous.get("/provisions/", params={"limit": 50}).json()
    second = anonymous.get("/provisions/", params={"limit": 50, "offset": 50}).json()
    both = anonymous.get("/provisions/", params={"limit": 100}).json()
    assert [p["ref"] for p in first["results"] + second["results"]] == [p["ref"] for p in both["results"]]


def test_one_provision_by_instrument_and_eid(corpus, anonymous):
    body = anonymous.get("/instruments/untoc/provisions/art_5__para_1/").json()
    assert body["ref"] == "untoc/art_5__para_1" and body["citation"] == "UNTOC art. 5(1)"
    assert body["parent"] == "art_5" and body["kind"] == "paragraph" and body["text"]
    assert_error(anonymous.get("/instruments/untoc/provisions/art_999/"), 404)
    assert_error(anonymous.get("/instruments/nothing/provisions/art_1/"), 404)


def test_bad_filters_are_400_with_the_field_named(corpus, anonymous):
    assert_error(anonymous.get("/provisions/", params={"instrument": "atlantis"}), 400, "instrument")
    assert_error(anonymous.get("/provisions/", params={"kind": "clause", "eid": "art 5"}), 400, "kind", "eid")
    assert_error(anonymous.get("/provisions/", params={"q": "x" * 201}), 400, "q")
    assert_error(anonymous.get("/provisions/", params={"q": "bad\x00byte"}), 400, "q")


def test_reads_are_refused_to_writes(corpus, anonymous, curator):
    assert_error(anonymous.post("/instruments/", json={"id": "x"}), 401)
    assert_error(curator.post("/instruments/", json={"id": "x"}), 405)
