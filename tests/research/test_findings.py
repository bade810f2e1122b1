"""/findings/ and /norms/: the ten findings with norm links and citations, and the computed agreement."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from research.models import Annotation, Norm
from research.selectors import findings_with_evidence
from research.services import create_annotation, publish_annotation
from tests.factories import annotation_on, decide_on

pytestmark = pytest.mark.django_db


def section(html: str, number: int) -> str:
    match = re.search(
        rf'<li class="finding" id="finding-{number}">(.*?)</li>\s*(?=<li class="finding"|</ol>)', html, re.S
    )
    assert match, f"finding {number} not on the page"
    return match.group(1)


def test_all_ten_findings_are_listed_with_provisions_norms_and_citations(client, research_data, corpus):
    response = client.get(reverse("research:finding_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for number in range(1, 11):
        part = section(html, number)
        assert 'class="norm-chip" href="/norms/' in part, f"finding {number} has no norm link"
        assert "<cite>" in part, f"finding {number} has no citation"
        assert "/treaties/" in part, f"finding {number} links no provision"
    finding_2 = section(html, 2)
    assert f'href="{reverse("treaties:provision_detail", args=["untoc", "art_8__para_2"])}"' in finding_2
    assert f'href="{reverse("research:norm_detail", args=["non-intervention"])}"' in finding_2
    assert "Pradityo et al. 2021</cite>, p. 165" in finding_2
    assert "No aligned comparison with actip" in finding_2


def test_the_computed_alignment_agrees_with_one_claim_and_not_another(client, aligned):
    views = {v.finding.number: v for v in findings_with_evidence()}
    # the sample carries UNTOC art. 5 and art. 9 and nothing else of UNTOC
    [foreign_bribery] = views[2].comparisons
    assert foreign_bribery.verdict == "agrees"  # art. 8(2) pruned, as the literature says
    [corruption] = views[3].comparisons
    assert corruption.verdict == "disagrees"  # the sample keeps art. 9, which ACTIP pruned
    [participation] = views[1].comparisons
    by_source = {c.claim.source_ref: c.assessment.verdict for c in participation.claims}
    assert by_source == {"untoc/art_5__para_1": "agrees", "tip-protocol/art_5__para_2": "not in this comparison"}

    html = client.get(reverse("research:finding_list")).content.decode()
    pair = reverse("comparisons:pair_detail", args=[aligned.slug])
    assert f'{pair}?source=untoc/art_8__para_2"' in section(html, 2)
    assert 'verdict-disagrees">disagrees' in section(html, 3)
    assert f'href="{aligned.get_absolute_url()}"' in section(html, 3)
    assert re.search(rf'{re.escape(pair)}\?target=art_2__para_\d&amp;source=untoc/art_9__para_1"', section(html, 3))
    # the evidence link opens the pair page
    assert client.get(f"{pair}?source=untoc/art_8__para_2").status_code == 200


def test_a_curated_decision_changes_the_verdict(aligned, curator):
    run = aligned.latest_run()
    for item in run.items.filter(source_treaty="untoc", source_eid__startswith="art_9__"):
        if item.target_eid:
            decide_on(aligned, item, action="reject", user=curator)
    views = {v.finding.number: v for v in findings_with_evidence()}
    assert views[3].comparisons[0].verdict == "agrees"


def test_norm_pages_list_the_vocabulary_by_family_and_every_decision_linked_to_a_norm(
    client, research_data, aligned, researcher, curator
):
    html = client.get(reverse("research:norm_list")).content.decode()
    assert html.index("ASEAN Way: core norms") < html.index("ASEAN Way: procedural norms")
    for norm in Norm.objects.all():
        assert f'href="{norm.get_absolute_url()}"' in html
    assert 'id="stage-pruning"' in html

    run = aligned.latest_run()
    pruned = run.items.filter(relation="pruned", source_eid="art_11__para_1").get()
    annotation = create_annotation(
        user=researcher,
        comparison=aligned,
        kind="pruned",
        source_treaty="untoc",
        source_eid=pruned.source_eid,
        norms=["non-intervention"],
        stage="pruning",
        rationale="Sanctions stay national.",
        citations=[("yusran-2018", "p. 270")],
    )
    url = reverse("research:norm_detail", args=["non-intervention"])
    assert "Sanctions stay national." not in client.get(url).content.decode()  # a draft, not mine
    client.force_login(curator)
    assert "Sanctions stay national." in client.get(url).content.decode()  # curators see drafts to publish them
    client.logout()
    publish_annotation(user=curator, annotation=annotation)
    page = client.get(url).content.decode()
    assert "Sanctions stay national." in page
    assert f'href="{reverse("treaties:provision_detail", args=["untoc", "art_11__para_1"])}"' in page
    assert "Finding 2" in page and "Finding 6" in page  # the literature claims citing the norm
    assert "Yusran 2018</cite>, p. 270" in page


def test_unknown_norm_is_a_404(client, research_data):
    assert client.get(reverse("research:norm_detail", args=["no-such-norm"])).status_code == 404


def _annotate(comparison, author, curator, n: int) -> None:  # type: ignore[no-untyped-def]
    run = comparison.latest_run()
    pruned = list(run.items.filter(relation="pruned").order_by("position")[:n])
    for item in pruned:
        if Annotation.objects.filter(comparison=comparison, source_eid=item.source_eid).exists():
            continue
        annotation_on(
            comparison,
            item,
            user=author,
            publish_as=curator,
            kind="pruned",
            norms=["non-intervention", "domestic-law-primacy"],
            stage="pruning",
            rationale=f"Why {item.source_eid} was left out.",
            citations=[("pradityo-2021", "p. 165"), ("yusran-2018", "")],
        )


@pytest.mark.parametrize("url", ["/norms/non-intervention/", "/findings/", "/norms/", "/annotations/orphaned/"])
def test_page_queries_stay_constant_as_annotations_grow(client, aligned, researcher, curator, url):
    client.force_login(researcher)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _annotate(aligned, researcher, curator, 2)
    small = queries()
    _annotate(aligned, researcher, curator, 12)
    assert Annotation.objects.filter(origin="researcher").count() >= 12
    assert queries() == small
