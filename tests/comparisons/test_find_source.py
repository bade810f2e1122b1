"""Find the source of a text: ranked similar units across every instrument, with word diffs."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.alignment import Instrument, ProvisionIn
from comparisons.corpus_index import TreatyKey, build_index
from comparisons.selectors import corpus_index

URL = reverse("comparisons:find_source")

# Invented paraphrases (our own wording) and the provision each restates.
PARAPHRASES = [
    (
        "Every Party should consider passing laws that make it a criminal offence when the conduct in paragraph 1 "
        "involves a foreign public official or an international civil servant.",
        "untoc/art_8__para_2",
    ),
    (
        "A victim of trafficking will not be penalised for having taken part in unlawful activities to the extent "
        "that they were forced to do so.",
        "coe-trafficking/art_26",
    ),
]


def results(html: str) -> list[tuple[str, int]]:
    """(citation link target, score) of each result, in rank order."""
    found = re.findall(r'<a href="/treaties/([^"]+)/">[^<]+</a>\s*<span class="fs-score[^"]*"[^>]*>(\d+)</span>', html)
    return [(ref, int(score)) for ref, score in found]


def test_the_index_is_pure_and_ranks_an_identical_text_first():
    words = "Each Party shall keep a register of invented widgets and report on it yearly."
    instrument = Instrument(
        "inv",
        (
            ProvisionIn("art_1", "article", None, "1", "Widgets", words),
            ProvisionIn("art_2", "article", None, "2", "Gadgets", "Gadgets and widgets are painted blue every spring."),
        ),
    )
    index = build_index([TreatyKey("inv", "INV", "v1")], [instrument])
    matches = index.search(words)
    assert [m.unit.ref for m in matches][:1] == ["inv/art_1"]
    assert matches[0].score == 100.0
    assert matches[0].link is not None and matches[0].link.relation == "adopted"
    assert index.search(words, exclude=["inv/art_1"])[0].unit.ref == "inv/art_2"
    assert index.search("zzz qqq xxx") == []
    assert [u.ref for u in index.lookup("art. 2", instruments=["inv"])] == ["inv/art_2"]
    assert [u.ref for u in index.lookup("painted BLUE", instruments=["inv"])] == ["inv/art_2"]


@pytest.mark.django_db
def test_a_corpus_paragraph_finds_itself_first_with_score_100(corpus):
    text = corpus_index().unit("untoc/art_16__para_1").text
    response = Client().get(URL, {"text": text})
    assert response.status_code == 200
    found = results(response.content.decode())
    assert found[0] == ("untoc/art_16", 100) or found[0][1] == 100
    assert 'href="/treaties/untoc/art_16__para_1/"' in response.content.decode()
    assert 1 < len(found) <= 10


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "ref"), PARAPHRASES)
def test_an_invented_paraphrase_finds_the_provision_it_restates(corpus, text, ref):
    response = Client().get(URL, {"text": text})
    assert response.status_code == 200
    slug, eid = ref.split("/")
    listed = response.content.decode().split('class="fs-results"')[1]
    first = re.search(r'<a href="/treaties/([^/]+)/([^/]+)/">', listed)
    assert first is not None and (first.group(1), first.group(2)) == (slug, eid)
    assert "<del>" in response.content.decode() or "<ins>" in response.content.decode()


@pytest.mark.django_db
def test_a_picked_provision_finds_others_and_leaves_itself_out(corpus):
    response = Client().get(URL, {"provision": "coe-trafficking/art_18"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Similar to CoE" in html
    listed = html.split('class="fs-results"')[1]
    assert "/treaties/coe-trafficking/art_18/" not in listed
    assert "/treaties/tip-protocol/art_5__para_1/" in listed


@pytest.mark.django_db
def test_results_can_be_limited_to_some_instruments(corpus):
    text = corpus_index().unit("untoc/art_16__para_1").text
    response = Client().get(URL, {"text": text, "instrument": ["coe-trafficking"], "limit": 3})
    listed = response.content.decode().split('class="fs-results"')[1]
    refs = re.findall(r'<a href="/treaties/([^/]+)/[^/]+/">', listed)
    assert refs == ["coe-trafficking"] * 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"text": "too short"}, "at least 20 characters"),
        ({"text": "x" * 5001}, "at most 5000 characters"),
        ({"provision": "untoc"}, "instrument id / eId"),
        ({"provision": "untoc/art_999"}, "There is no provision"),
        ({"provision": "coe-trafficking/chp_I"}, "not a whole chapter"),
        ({"text": "a perfectly long enough invented clause", "provision": "untoc/art_5"}, "not both"),
        ({"limit": "11", "text": "a perfectly long enough invented clause"}, "less than or equal to 10"),
        ({"instrument": "nope", "text": "a perfectly long enough invented clause"}, "valid choice"),
        ({"limit": "2"}, "Paste a text or name a provision"),
    ],
)
def test_invalid_input_is_a_400_with_the_error_shown(corpus, params, message):
    response = Client().get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
def test_the_empty_form_and_the_htmx_fragment(corpus):
    page = Client().get(URL)
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode()
    fragment = Client().get(URL, {"text": PARAPHRASES[0][0]}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert html.lstrip().startswith("<title>")
    assert 'id="source-results"' in html and "<html" not in html


@pytest.mark.django_db
def test_one_query_per_lookup_once_the_corpus_index_is_built(corpus):
    client = Client()
    client.get(URL, {"text": PARAPHRASES[0][0]})  # builds the index: two queries
    # A picked comparison unit also reads the stored vectors for suggestions by meaning.
    for params, expected in (
        ({"text": PARAPHRASES[1][0]}, 1),
        ({"provision": "untoc/art_8"}, 1),
        ({"provision": "untoc/art_8__para_2"}, 2),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        assert len(queries) == expected, [q["sql"][:80] for q in queries]


@pytest.mark.django_db
def test_a_picked_unit_also_gets_provisions_close_in_meaning(corpus):
    """CoE 14(1) restates TIP 7(1) in other words: listed by meaning once an alignment stored vectors."""
    params = {"provision": "coe-trafficking/art_14__para_1"}
    before = Client().get(URL, params)
    assert before.context["meaning"] == [] and "Close in meaning" not in before.content.decode()

    call_command("align", target="coe-trafficking", sources=["tip-protocol", "untoc"], stdout=StringIO())
    response = Client().get(URL, params)
    meaning = response.context["meaning"]
    assert "tip-protocol/art_7__para_1" in [item["unit"].ref for item in meaning]
    assert [item["score"] for item in meaning] == sorted((item["score"] for item in meaning), reverse=True)
    listed = {m.unit.ref for m in response.context["matches"]} | {"coe-trafficking/art_14__para_1"}
    assert not listed & {item["unit"].ref for item in meaning}
    html = response.content.decode()
    assert "Close in meaning" in html and 'href="/treaties/tip-protocol/art_7__para_1/"' in html
    only_untoc = Client().get(URL, {**params, "instrument": ["untoc"]}).context["meaning"]
    assert only_untoc and {item["unit"].instrument for item in only_untoc} == {"untoc"}


@pytest.mark.django_db
def test_the_index_is_rebuilt_when_a_treaty_changes(corpus, sample_treaty):
    index = corpus_index()
    assert index.unit("sample-convention/art_3__para_2") is not None
    assert corpus_index() is index
    sample_treaty.checksum = "f" * 64
    sample_treaty.save()
    assert corpus_index() is not index


@pytest.mark.django_db
def test_provision_pages_link_to_similar_provisions(corpus):
    html = Client().get("/treaties/untoc/art_8__para_2/").content.decode()
    assert 'href="/find-source/?provision=untoc/art_8__para_2"' in html
