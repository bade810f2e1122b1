"""Full-text search: ranked, highlighted, filtered by instrument, paginated, htmx-aware, safe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import imported
from treaties.models import Provision, Treaty

HOSTILE_TREATY = """---
id: hostile-treaty
title: Hostile Treaty
short_title: Hostile
adopted: 2020-01-01
---

## Article 1 — Zanzibarite rules
1. The zanzibarite clause <script>alert("x")</script> applies <img src=x onerror=alert(1)>.
2. A literal </mark><mark> pair and zanzibarite &amp; entities stay text.
"""


@pytest.fixture
def hostile_treaty(db, tmp_path: Path) -> Treaty:
    return imported(tmp_path, HOSTILE_TREATY)


def html(response) -> str:
    return response.content.decode()


# ---- the snippet sanitiser, no database ------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("plain", "plain"),
        ("a <mark>word</mark> here", "a <mark>word</mark> here"),
        ("<script>x</script> <mark>y</mark>", "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"),
        ('<img src=x onerror="a()">', "&lt;img src=x onerror=&quot;a()&quot;&gt;"),
        ("<mark onclick=x>y</mark>", "&lt;mark onclick=x&gt;y</mark>"),
        ("Tom &amp; Jerry & co", "Tom &amp;amp; Jerry &amp; co"),
    ],
)
def test_it_escapes_snippets_and_keeps_only_mark_tags(snippet, expected):
    provision = Provision(text="")
    provision.snippet = snippet
    assert provision.snippet_html == expected


def test_a_provision_without_a_snippet_has_empty_snippet_html():
    assert Provision(text="x").snippet_html == ""


# ---- the page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_empty_search_page_shows_the_form_and_no_results(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/search/")
    assert response.status_code == 200
    page = html(response)
    assert '<form class="search-form" role="search" method="get" action="/search/"' in page
    assert 'type="search" name="q"' in page
    assert 'name="treaty" value="untoc"' in page
    assert 'class="result"' not in page


@pytest.mark.django_db
def test_it_finds_ranked_highlighted_provisions_across_instruments(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/search/", {"q": "extradition"})
    assert response.status_code == 200
    page = html(response)
    results = list(response.context["page"])
    assert results, "expected matches for 'extradition'"
    assert [r.rank for r in results] == sorted((r.rank for r in results), reverse=True)
    assert "<mark>extradition</mark>" in page.lower()
    first = results[0]
    assert f'<a href="/treaties/{first.treaty.slug}/{first.eid}/">{first.citation}</a>' in page
    assert {r.treaty.slug for r in Provision.objects.search("extradition")} >= {"untoc", "coe-trafficking"}


@pytest.mark.django_db
def test_a_paragraph_result_names_its_article(client, corpus):
    response = client.get("/search/", {"q": "extradition", "treaty": ["untoc"]})
    results = list(response.context["page"])
    paragraph = next(r for r in results if r.kind == "paragraph")
    article = Provision.objects.get(treaty=paragraph.treaty, eid=paragraph.eid.split("__")[0])
    assert article.heading and paragraph.article_heading == article.heading
    title = re.search(rf'id="result-{paragraph.pk}">(.*?)</h3>', html(response), re.S)
    assert title and f"— {article.heading}" in title.group(1)


@pytest.mark.django_db
def test_it_filters_by_instrument(client, corpus):
    response = client.get("/search/", {"q": "trafficking", "treaty": ["coe-trafficking"]})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count > 0
    assert {r.treaty.slug for r in page.paginator.object_list} == {"coe-trafficking"}
    assert re.search(r'<input type="checkbox" name="treaty" value="coe-trafficking" id="\w+" checked>', html(response))
    assert not re.search(r'value="untoc" id="\w+" checked', html(response))

    both = client.get("/search/", {"q": "trafficking", "treaty": ["coe-trafficking", "tip-protocol"]})
    slugs = {r.treaty.slug for r in both.context["page"].paginator.object_list}
    assert slugs == {"coe-trafficking", "tip-protocol"}


@pytest.mark.django_db
def test_it_paginates_and_keeps_the_query_in_page_links(client, corpus, django_assert_max_num_queries):
    first = client.get("/search/", {"q": "state"})
    assert first.context["page"].has_next()
    assert 'href="?q=state&amp;page=2"' in html(first)
    with django_assert_max_num_queries(3):
        second = client.get("/search/", {"q": "state", "page": 2})
    assert second.context["page"].number == 2
    assert html(second).count('class="result"') == 20
    assert {r.pk for r in first.context["page"]}.isdisjoint(r.pk for r in second.context["page"])
    assert 'href="?q=state&amp;page=1"' in html(second)
    beyond = client.get("/search/", {"q": "state", "page": 999})
    assert beyond.status_code == 200
    assert beyond.context["page"].number == beyond.context["page"].paginator.num_pages


@pytest.mark.django_db
def test_a_search_without_matches_says_so(client, corpus):
    response = client.get("/search/", {"q": "xylophonist"})
    assert response.status_code == 200
    assert "0 provisions match" in html(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 201}, {"q": "victims", "treaty": "no-such-treaty"}, {"q": "victims", "page": "two"}],
)
def test_an_invalid_query_string_is_a_400_with_the_reason(client, corpus, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert 'class="errorlist"' in html(response)
    assert 'class="result"' not in html(response)


@pytest.mark.django_db
def test_an_htmx_request_gets_only_the_results_partial(client, corpus):
    response = client.get("/search/", {"q": "extradition"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith("<title>Search: extradition · normdiff</title>")  # htmx updates the title
    assert '<section id="search-results"' in page
    assert "<html" not in page and "<form" not in page
    assert "<mark>" in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_an_htmx_history_restore_gets_the_whole_page(client, corpus):
    response = client.get(
        "/search/",
        {"q": "extradition"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in html(response)


@pytest.mark.django_db
def test_the_form_works_without_javascript_and_enhances_with_htmx(client, corpus):
    page = html(client.get("/search/", {"q": "extradition"}))
    assert 'method="get" action="/search/"' in page
    assert 'hx-get="/search/" hx-target="#search-results" hx-swap="outerHTML"' in page
    assert 'hx-push-url="true"' in page
    assert 'value="extradition"' in page


@pytest.mark.django_db
def test_snippets_of_untrusted_text_are_escaped(client, hostile_treaty):
    response = client.get("/search/", {"q": "zanzibarite"})
    page = html(response)
    assert response.context["page"].paginator.count == 3  # article heading + two paragraphs
    assert "<mark>zanzibarite</mark>" in page.lower()
    # ts_headline drops whole tags but leaves a tag cut by the snippet's end: both must be inert.
    assert "<script" not in page.replace('<script src="/static/', "")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert" in page
