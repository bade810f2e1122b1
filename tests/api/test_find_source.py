"""Find the source of a text over HTTP: a POST anyone may make."""

from __future__ import annotations

import pytest

from comparisons.selectors import corpus_index

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_provisions_own_text_finds_it_first(corpus, anonymous):
    text = corpus_index().unit("untoc/art_5__para_1").text  # the paragraph with its subparagraphs
    response = anonymous.post("/find-source/", json={"text": text, "instruments": ["untoc"], "limit": 3})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 3
    assert results[0]["ref"] == "untoc/art_5__para_1" and results[0]["citation"] == "UNTOC art. 5(1)"
    assert results[0]["score"] >= results[1]["score"]
    assert {r["instrument"] for r in results} == {"untoc"}
    assert "".join(op["target"] for op in results[0]["diff"]) == text


def test_bad_find_source_input_is_400_with_the_field_named(corpus, anonymous):
    assert_error(anonymous.post("/find-source/", json={}), 400, "text")
    assert_error(anonymous.post("/find-source/", json={"text": "  ...  "}), 400, "text")
    assert_error(
        anonymous.post("/find-source/", json={"text": "x", "limit": 0, "instruments": "untoc"}),
        400,
        "limit",
        "instruments",
    )
    assert_error(
        anonymous.post("/find-source/", json={"text": "states", "instruments": ["atlantis"]}), 400, "instruments"
    )
    assert_error(anonymous.post("/find-source/", data="text=x", headers={"Content-Type": "text/plain"}), 415)
