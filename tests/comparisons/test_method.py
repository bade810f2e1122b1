"""'How links are found': the method page shows the thresholds the comparison's run used."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.alignment import DEFAULT_PARAMS, ENGINE_VERSION
from comparisons.services import get_or_create_comparison, run_alignment
from tests.page_text import page_text

pytestmark = pytest.mark.django_db
SLUG = "smuggling-protocol--tip-protocol"


def test_the_page_shows_the_thresholds_the_latest_run_used(corpus, django_assert_max_num_queries):
    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    comparison.params = {"link_score": 61.0, "context_min_score": 35.0, "candidate_limit": 2}
    comparison.save()
    run = run_alignment(comparison=comparison)

    with django_assert_max_num_queries(5):
        response = Client().get(reverse("comparisons:method", args=[SLUG]))
    assert response.status_code == 200
    page = page_text(response)
    assert "Close copy The score reaches 61." in page
    assert "from 35 if it keeps document order" in page
    floor = DEFAULT_PARAMS.candidate_min_score
    assert f"the engine’s best unlinked pairs (up to 2, from a score of {floor:.0f}" in page
    assert f"from {DEFAULT_PARAMS.gap_min_score:.0f} if it sits between two such links" in page
    assert f"engine {ENGINE_VERSION}" in page
    assert "Changed from the defaults candidate_limit, context_min_score, link_score" in page
    assert f"{len(run.target_units)} in Smuggling" in page
    assert '"link_score": 61.0' in unescape(response.content.decode())  # the stored parameters, in full


def test_before_any_alignment_it_shows_the_defaults_and_says_so(corpus):
    get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    response = Client().get(reverse("comparisons:method", args=[SLUG]))
    assert response.status_code == 200
    page = page_text(response)
    assert "this comparison has not been aligned yet" in page
    assert f"The score reaches {DEFAULT_PARAMS.link_score:.0f}." in page
    assert "This alignment" not in page


def test_an_unknown_comparison_is_a_404(db):
    assert Client().get(reverse("comparisons:method", args=["no-such--thing"])).status_code == 404


def test_each_view_of_a_comparison_links_the_others_and_marks_itself(corpus):
    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    run_alignment(comparison=comparison)
    views = {
        "comparisons:comparison_detail": "Side by side",
        "comparisons:coverage_map": "Coverage map",
        "comparisons:method": "How links are found",
    }
    for name, label in views.items():
        html = Client().get(reverse(name, args=[SLUG])).content.decode()
        nav = re.search(r'<nav class="comparison-nav".*?</nav>', html, re.S)
        assert nav, name
        for other in views:
            assert f'href="{reverse(other, args=[SLUG])}"' in nav.group(0)
        current = re.findall(r'aria-current="page">([^<]+)<', nav.group(0))
        assert current == [label], name


def test_every_kind_of_evidence_is_described_with_the_thresholds_the_run_used(corpus):
    from comparisons.alignment import EVIDENCE_KINDS

    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    comparison.params = {"restatement_coverage": 80.0, "twin_link_score": 25.0}
    comparison.save()
    run_alignment(comparison=comparison)
    response = Client().get(reverse("comparisons:method", args=[SLUG]))
    html = response.content.decode()
    for kind in EVIDENCE_KINDS:  # the targets of the "Linked on" labels
        assert f'id="evidence-{kind}"' in html, kind
    page = page_text(response)
    assert "at least 80 % of one sentence’s distinctive words lie inside the other" in page
    assert "private life and privacy" in page
    assert "is linked to it if their score reaches 25." in page
