"""The norms × relations chart on /norms/summary/: what it counts, its table, its filter, its queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.services import record_decision
from research.models import Annotation
from research.selectors import norm_summary
from research.services import create_annotation, publish_annotation

URL = reverse("research:norm_summary")


def cell(summary, norm: str, relation: str) -> tuple[int, int]:
    row = next(r for r in summary.rows if r.norm.slug == norm)
    found = row.cells[summary.relations.index(relation)]
    return found.explanations, found.claims


def explain(comparison, author, curator, *, kind: str, norms: list[str], publish: bool = True, **sides) -> Annotation:
    annotation = create_annotation(user=author, comparison=comparison, kind=kind, norms=norms, **sides)
    return publish_annotation(user=curator, annotation=annotation) if publish else annotation


def a_link(comparison):
    return comparison.latest_run().items.filter(relation__in=["adopted", "modified"]).order_by("position").first()


def claims(norm: str, relation: str) -> int:
    return Annotation.objects.literature().published().filter(norms__slug=norm, claimed_relation=relation).count()


def test_the_literatures_claims_count_under_the_relation_they_claim(research_data):
    summary = norm_summary()
    assert claims("non-intervention", "pruned") > 0
    assert cell(summary, "non-intervention", "pruned") == (0, claims("non-intervention", "pruned"))
    assert cell(summary, "sovereignty", "adopted") == (0, claims("sovereignty", "adopted"))
    assert summary.total == Annotation.norms.through.objects.filter(annotation__origin="literature").count()


def test_published_explanations_count_under_their_decisions_relation(aligned, researcher, curator):
    link = a_link(aligned)
    sides = {"target_eid": link.target_eid, "source_treaty": link.source_treaty, "source_eid": link.source_eid}
    explain(aligned, researcher, curator, kind="pruned", norms=["non-intervention"], **_pruned(aligned))
    explain(aligned, researcher, curator, kind="link", norms=["consensus"], **sides)
    explain(aligned, researcher, curator, kind="pruned", norms=["consensus"], publish=False, **_pruned(aligned, 1))

    summary = norm_summary()
    assert cell(summary, "non-intervention", "pruned") == (1, claims("non-intervention", "pruned"))
    assert cell(summary, "consensus", link.relation) == (1, claims("consensus", link.relation))
    assert cell(summary, "consensus", "pruned") == (0, claims("consensus", "pruned"))  # the draft is not counted

    # a curator relates the pair the other way: the explanation follows the effective relation
    other = "modified" if link.relation == "adopted" else "adopted"
    record_decision(comparison=aligned, **_pair(link), action="relate", relation=other, user=curator)
    assert cell(norm_summary(), "consensus", other)[0] == 1
    # rejected, the pair is no longer a link: the explanation is still counted, as "linked"
    record_decision(comparison=aligned, **_pair(link), action="reject", user=curator)
    summary = norm_summary()
    assert "linked" in summary.relations
    assert cell(summary, "consensus", "linked") == (1, 0)


def _pruned(comparison, n: int = 0) -> dict[str, str]:
    item = comparison.latest_run().items.filter(relation="pruned").order_by("position")[n]
    return {"source_treaty": item.source_treaty, "source_eid": item.source_eid}


def _pair(link) -> dict[str, str]:
    return {"target_eid": link.target_eid, "source_ref": f"{link.source_treaty}/{link.source_eid}"}


def test_the_page_is_a_captioned_table_whose_cells_link_to_the_norm(client, aligned, researcher, curator):
    explain(aligned, researcher, curator, kind="pruned", norms=["non-intervention"], **_pruned(aligned))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<table class=\"norm-summary\">\s*<caption>", html)
    relations = response.context["summary"].relations
    assert html.count('<th scope="col"') == len(relations) + 2  # norm, each relation, all relations
    assert '<th scope="row"><a href="/norms/non-intervention/">Non-intervention in domestic affairs</a></th>' in html
    assert '<th scope="rowgroup"' in html
    row = re.search(r'<tr id="summary-non-intervention">(.*?)</tr>', html, re.S)[1]
    cells = re.findall(r"<td class=\"heat heat-(\d)\">(.*?)</td>", row, re.S)
    pruned = cells[relations.index("pruned")]
    assert pruned[0] != "0" and 'href="/norms/non-intervention/"' in pruned[1]
    assert f"{1 + claims('non-intervention', 'pruned')}</span>" in pruned[1]
    assert '1 <abbr title="explanation">expl.</abbr>' in pruned[1]
    assert "<svg" in row and 'aria-hidden="true"' in row


def test_the_norms_page_links_to_the_chart(client, research_data):
    assert f'href="{URL}"' in client.get(reverse("research:norm_list")).content.decode()


def test_the_filter_keeps_one_comparisons_explanations_and_the_claims_on_its_instruments(
    client, aligned, researcher, curator
):
    explain(aligned, researcher, curator, kind="pruned", norms=["non-intervention"], **_pruned(aligned))
    everything = norm_summary()
    response = client.get(URL, {"comparison": aligned.slug})
    assert response.status_code == 200
    summary = response.context["summary"]
    about_untoc = Annotation.norms.through.objects.filter(
        annotation__origin="literature", annotation__target_instrument="actip", annotation__source_treaty="untoc"
    ).count()
    assert summary.total == 1 + about_untoc < everything.total  # TIP Protocol claims are left out: not a source
    assert aligned.target.label in response.content.decode()


def test_an_unknown_comparison_is_a_400_naming_the_field(client, research_data):
    response = client.get(URL, {"comparison": "no-such--thing"})
    assert response.status_code == 400
    assert "Comparison:" in response.content.decode()


@pytest.mark.parametrize("query", [{}, {"comparison": "actip--untoc"}])
def test_the_chart_takes_the_same_queries_however_many_explanations(client, aligned, researcher, curator, query):
    runs = aligned.latest_run().items
    pruned = list(runs.filter(relation="pruned").order_by("position"))
    links = list(runs.filter(relation__in=["adopted", "modified"]).order_by("position"))
    assert len(pruned) >= 12 and len(links) >= 5

    def add(start: int, stop: int) -> None:
        for item in pruned[start:stop]:
            sides = {"source_treaty": item.source_treaty, "source_eid": item.source_eid}
            explain(aligned, researcher, curator, kind="pruned", norms=["non-intervention", "consensus"], **sides)
        for item in links[start : min(stop, 5)]:
            sides = {"target_eid": item.target_eid, "source_treaty": item.source_treaty, "source_eid": item.source_eid}
            explain(aligned, researcher, curator, kind="link", norms=["sovereignty"], **sides)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, query).status_code == 200
        return len(captured)

    add(0, 1)
    small = queries()
    add(1, 12)
    assert Annotation.objects.filter(origin="researcher", status="published").count() == 12 + 5
    assert queries() == small
