"""Browsing pages: home, treaty list, treaty text with its contents, provision permalinks."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import imported
from treaties.models import Treaty

pytestmark = pytest.mark.django_db

HOSTILE_TREATY = """---
id: hostile-treaty
title: Hostile Treaty <b>bold</b>
short_title: Hostile
adopted: 2020-01-01
---

## Article 1 — Heading <em>here</em>
The zanzibarite clause <script>alert("x")</script> applies.
"""


@pytest.fixture
def hostile_treaty(tmp_path: Path) -> Treaty:
    return imported(tmp_path, HOSTILE_TREATY)


def html(response) -> str:
    return response.content.decode()


# ---- home and navigation ---------------------------------------------------------------------


def test_it_serves_the_home_page_at_the_root(client, sample_treaty, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(reverse("treaties:home"))
    assert response.status_code == 200
    page = html(response)
    assert reverse("treaties:home") == "/"
    assert 'href="/treaties/"' in page
    assert 'href="/search/"' in page
    assert "import_treaty" in page  # how to import ACTIP
    assert sample_treaty.get_absolute_url() in page


def test_the_base_template_has_skip_link_nav_search_box_and_htmx(client):
    page = html(client.get("/"))
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main" tabindex="-1">' in page
    assert '<nav class="site-nav" aria-label="Main">' in page
    assert 'role="search"' in page and 'action="/search/"' in page
    assert "htmx-2.min.js" in page
    assert "X-CSRFToken" not in page  # anonymous: no token, so no cookie (signed-in users: tests/serving)
    assert "/static/css/normdiff.css" in page
    assert reverse("login") in page


def test_the_nav_links_comparisons_only_when_the_url_exists(client):
    from django.urls import NoReverseMatch

    try:
        url = reverse("comparisons:comparison_list")
    except NoReverseMatch:
        url = None
    page = html(client.get("/"))
    if url:
        assert f'href="{url}"' in page
    else:
        assert "Comparisons</a>" not in page


def test_the_login_page_renders_and_login_redirects_home(client, django_user_model):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="username"' in html(response) and 'name="password"' in html(response)
    django_user_model.objects.create_user("reader", password="a long secret 123")
    response = client.post(reverse("login"), {"username": "reader", "password": "a long secret 123"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = html(client.get("/"))
    assert 'action="/accounts/logout/"' in page and "Log out" in page
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"


# ---- treaty list -----------------------------------------------------------------------------


def test_the_treaty_list_shows_titles_dates_and_counts(client, sample_treaty, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(reverse("treaties:treaty_list"))
    assert response.status_code == 200
    page = html(response)
    assert f'<a href="/treaties/sample-convention/">{sample_treaty.title}</a>' in page
    assert '<time datetime="2001-02-03">3 Feb 2001</time>' in page
    assert '<td class="num">3</td>' in page  # three articles, three paragraphs


def test_the_treaty_list_counts_every_corpus_instrument_in_one_query(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/treaties/")
    page = html(response)
    for treaty in Treaty.objects.all():
        assert treaty.get_absolute_url() in page
    assert '<td class="num">41</td>' in page  # UNTOC's 41 articles


# ---- treaty page -----------------------------------------------------------------------------


def test_the_treaty_page_has_a_table_of_contents_of_chapters_and_articles(client, sample_treaty):
    response = client.get("/treaties/sample-convention/")
    assert response.status_code == 200
    page = html(response)
    toc = page[page.index('<nav class="toc"') : page.index("</nav>", page.index('<nav class="toc"'))]
    assert "<ol>" in toc
    for eid in ("preamble", "chp_I", "art_1", "art_2", "chp_II", "art_3", "testimonium"):
        assert f'href="#provision-{eid}"' in toc
    assert "Article 3 — Duties" in toc
    assert toc.index("#provision-chp_II") < toc.index("#provision-art_3")
    assert "para_" not in toc  # paragraphs are not in the contents


def test_every_provision_is_anchored_by_its_eid_with_a_permalink(client, sample_treaty):
    page = html(client.get("/treaties/sample-convention/"))
    for provision in sample_treaty.provisions.all():
        assert f'id="provision-{provision.eid}"' in page
        assert f'href="/treaties/sample-convention/{provision.eid}/"' in page


def test_the_text_nests_children_inside_their_parents_in_document_order(client, sample_treaty):
    page = html(client.get("/treaties/sample-convention/"))
    order = [
        "provision-art_3",
        "provision-art_3__para_2",
        "provision-art_3__para_2__subpara_b",
        "provision-art_3__para_2__subpara_b__point_ii",
        "provision-art_3__para_3",
    ]
    positions = [page.index(f'id="{dom_id}"') for dom_id in order]
    assert positions == sorted(positions)
    assert "Such reports shall be public." in page
    assert '<h2 class="prov-title" id="provision-chp_II-title">' in page  # chapter under h1
    assert '<h3 class="prov-title" id="provision-art_3-title">' in page  # article under chapter


def test_the_treaty_page_query_count_does_not_grow_with_the_treaty(
    client, corpus, sample_treaty, django_assert_max_num_queries
):
    # The sample has 20 provisions, UNTOC several hundred: both take the same two queries.
    assert Treaty.objects.get(slug="untoc").provisions.count() > 300
    for slug in ("sample-convention", "untoc", "coe-trafficking"):
        with django_assert_max_num_queries(2):
            response = client.get(f"/treaties/{slug}/")
        assert response.status_code == 200


def test_a_corpus_treaty_page_anchors_untoc_article_8(client, corpus):
    page = html(client.get("/treaties/untoc/"))
    assert 'id="provision-art_8__para_2"' in page
    assert 'href="#provision-art_8"' in page


def test_an_unknown_treaty_is_a_404(client, sample_treaty):
    assert client.get("/treaties/no-such-treaty/").status_code == 404


def test_treaty_text_is_escaped(client, hostile_treaty):
    page = html(client.get("/treaties/hostile-treaty/"))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<em>here</em>" not in page and "<b>bold</b>" not in page


# ---- provision permalink ---------------------------------------------------------------------


def test_a_provision_page_has_breadcrumb_citation_and_children(client, sample_treaty, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # treaty, provisions, the annotations that name it
        response = client.get("/treaties/sample-convention/art_3__para_2/")
    assert response.status_code == 200
    page = html(response)
    breadcrumb = page[page.index('<nav class="breadcrumb"') : page.index("</nav>", page.index("breadcrumb"))]
    assert 'href="/treaties/"' in breadcrumb
    assert 'href="/treaties/sample-convention/"' in breadcrumb
    assert 'href="/treaties/sample-convention/chp_II/"' in breadcrumb
    assert 'href="/treaties/sample-convention/art_3/"' in breadcrumb
    assert '<cite class="citation">Sample Convention art. 3(2)</cite>' in page
    assert "<code>sample-convention/art_3__para_2</code>" in page
    assert 'id="provision-art_3__para_2__subpara_b__point_ii"' in page  # children shown
    assert 'id="provision-art_3__para_3"' not in page  # siblings are not
    assert 'href="/treaties/sample-convention/#provision-art_3__para_2"' in page


def test_previous_and_next_stay_at_the_same_level(client, sample_treaty):
    page = html(client.get("/treaties/sample-convention/art_3__para_2/"))
    assert 'href="/treaties/sample-convention/art_3__para_1/" rel="prev"' in page
    assert 'href="/treaties/sample-convention/art_3__para_3/" rel="next"' in page

    page = html(client.get("/treaties/sample-convention/art_3__para_2__subpara_a/"))
    assert 'rel="prev"' not in page
    assert 'href="/treaties/sample-convention/art_3__para_2__subpara_b/" rel="next"' in page


def test_previous_and_next_article_cross_chapter_boundaries(client, sample_treaty):
    page = html(client.get("/treaties/sample-convention/art_2/"))
    assert 'href="/treaties/sample-convention/art_1/" rel="prev"' in page
    assert 'href="/treaties/sample-convention/art_3/" rel="next"' in page  # art_3 is in chapter II
    page = html(client.get("/treaties/sample-convention/art_1/"))
    assert 'rel="prev"' not in page


def test_a_corpus_provision_page_cites_untoc_art_8_2(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # treaty, provisions, the annotations that name it
        response = client.get("/treaties/untoc/art_8__para_2/")
    page = html(response)
    assert "UNTOC art. 8(2)" in page
    assert 'href="/treaties/untoc/art_8__para_1/" rel="prev"' in page
    assert "Article 8 —" in page  # the article it belongs to


def test_an_unknown_provision_is_a_404(client, sample_treaty):
    assert client.get("/treaties/sample-convention/art_99/").status_code == 404
    assert client.get("/treaties/no-such-treaty/art_1/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/treaties/",
        "/treaties/untoc/",
        "/treaties/coe-trafficking/",
        "/treaties/untoc/art_2/",
        "/treaties/coe-trafficking/chp_II/",
        "/search/?q=victims",
    ],
)
def test_pages_have_unique_ids_and_headings_in_order(client, corpus, url):
    page = html(client.get(url))
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    levels = [int(level) for level in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))


def test_an_unknown_address_gets_a_helpful_404_page(client, db):
    response = client.get("/treaties/no-such-treaty/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Not found</h1>" in body
    assert 'href="/treaties/"' in body and "/treaties/no-such-treaty/" in body
