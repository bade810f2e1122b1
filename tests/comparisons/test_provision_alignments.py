"""A provision's page says how it is aligned in every comparison, curated decisions included."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from comparisons.models import Comparison
from comparisons.selectors import alignments_of
from comparisons.services import record_decision
from treaties.eids import overlapping
from treaties.models import Treaty

pytestmark = pytest.mark.django_db
COE = "coe-trafficking--tip-protocol+untoc"


def align(target: str, sources: list[str]) -> None:
    call_command("align", target=target, sources=sources, stdout=StringIO())


def url(slug: str, eid: str) -> str:
    return reverse("comparisons:provision_alignments", args=[slug, eid])


def test_overlapping_units_are_the_provisions_paragraph_or_its_paragraphs():
    units = ["preamble", "art_1", "art_2__para_1", "art_2__para_2", "art_12__para_1"]
    assert overlapping(units, "art_2") == ["art_2__para_1", "art_2__para_2"]
    assert overlapping(units, "art_2__para_2__subpara_a") == ["art_2__para_2"]
    assert overlapping(units, "art_1") == ["art_1"]
    assert overlapping(units, "art_12") == ["art_12__para_1"]  # not art_1's
    assert overlapping(units, "art_3") == []


def test_a_source_article_lists_where_each_paragraph_went(corpus):
    align("coe-trafficking", ["tip-protocol", "untoc"])
    tip = Treaty.objects.get(slug="tip-protocol")
    [coe] = alignments_of(tip, "art_6")
    assert coe.role == "source" and coe.comparison.slug == COE and coe.several_units
    seen = {(e.unit_eid, e.row.relation, e.row.target_eid) for e in coe.entries}
    assert ("art_6__para_3", "modified", "art_12__para_1") in seen
    # 6(1) is taken over in 11(1) (a restated sentence); 6(6) is one the engine leaves pruned.
    assert ("art_6__para_1", "modified", "art_11__para_1") in seen
    assert ("art_6__para_6", "pruned", "") in seen
    assert {e.unit_eid for e in coe.entries} == {f"art_6__para_{n}" for n in range(1, 7)}

    html = Client().get(url("tip-protocol", "art_6"), headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section id="alignments"')
    assert "art. 6(3): taken over in" in re.sub(r"\s+", " ", html)
    assert f'href="/comparisons/{COE}/pair/?target=art_12__para_1&amp;source=tip-protocol/art_6__para_3"' in html


def test_a_curated_decision_shows_on_both_sides(corpus):
    align("coe-trafficking", ["tip-protocol", "untoc"])
    comparison = Comparison.objects.get(slug=COE)
    record_decision(
        comparison=comparison,
        target_eid="art_12__para_1",
        source_ref="tip-protocol/art_6__para_3",
        action="reject",
    )
    coe = Treaty.objects.get(slug="coe-trafficking")
    [as_target] = alignments_of(coe, "art_12__para_1")
    assert as_target.role == "target" and not as_target.several_units
    assert "tip-protocol/art_6__para_3" not in {f"{e.row.source_treaty}/{e.row.source_eid}" for e in as_target.entries}
    tip = Treaty.objects.get(slug="tip-protocol")
    [as_source] = alignments_of(tip, "art_6__para_3")
    rows = {(e.row.relation, e.row.target_eid) for e in as_source.entries}
    assert rows and ("modified", "art_12__para_1") not in rows  # still taken over in 12(5)

    # A curator's new link shows too, marked curated.
    record_decision(
        comparison=comparison,
        target_eid="art_14__para_1",
        source_ref="tip-protocol/art_7__para_1",
        action="relate",
        relation="modified",
    )
    [added] = alignments_of(tip, "art_7__para_1")
    [entry] = added.entries
    assert (entry.row.relation, entry.row.origin, entry.other) == ("modified", "curated", f"{coe.label} art. 14(1)")


def test_the_queries_do_not_grow_with_the_comparisons(corpus, django_assert_max_num_queries):
    align("coe-trafficking", ["tip-protocol", "untoc"])
    with django_assert_max_num_queries(7) as one:
        assert Client().get(url("tip-protocol", "art_8")).status_code == 200
    align("smuggling-protocol", ["tip-protocol"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = Client().get(url("tip-protocol", "art_8"))
    assert len(response.context["alignments"]) == 2


def test_a_provision_page_loads_the_section_and_links_it_without_javascript(corpus):
    html = Client().get("/treaties/untoc/art_8__para_2/").content.decode()
    assert f'hx-get="{url("untoc", "art_8__para_2")}" hx-trigger="load"' in html
    assert f'<a href="{url("untoc", "art_8__para_2")}">' in html
    page = Client().get(url("untoc", "art_8__para_2")).content.decode()
    assert "No comparison has aligned this provision yet." in page
    assert "<html" in page


def test_an_unknown_provision_or_treaty_is_a_404(corpus):
    assert Client().get(url("untoc", "art_99")).status_code == 404
    assert Client().get(url("no-such-treaty", "art_1")).status_code == 404
