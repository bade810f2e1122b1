"""Researchers explain alignment decisions from the comparison pages; curators publish; chips, filters
and the worklist count follow. On the invented stand-in for ACTIP aligned against UNTOC."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from research.models import Annotation
from research.services import create_annotation, publish_annotation

PRUNED = "untoc/art_8__para_2"  # UNTOC art. 8(2): bribery of foreign officials, which the stand-in leaves out


def explain_url(comparison, query: str) -> str:
    return reverse("research:annotation_new", args=[comparison.slug]) + f"?{query}"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pruned_rows(html: str) -> list[str]:
    return re.findall(r'<tbody id="(pruned-[^"]+)"', html)


def explain(comparison, user, source: str = PRUNED, norms=("non-intervention",)) -> Annotation:
    treaty, _, eid = source.partition("/")
    return create_annotation(
        user=user, comparison=comparison, kind="pruned", source_treaty=treaty, source_eid=eid, norms=list(norms)
    )


def test_anonymous_visitors_are_sent_to_log_in_and_write_nothing(client, aligned):
    url = explain_url(aligned, f"source={PRUNED}")
    assert client.get(url).status_code == 302
    response = client.post(url, {"norms": ["non-intervention"]})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Annotation.objects.filter(comparison=aligned).exists()


def test_a_reader_may_not_explain(aligned, reader):
    assert (
        client_for(reader).post(explain_url(aligned, f"source={PRUNED}"), {"norms": ["sovereignty"]}).status_code == 403
    )


def test_a_researcher_explains_a_pruned_provision_as_a_draft(aligned, researcher):
    response = client_for(researcher).post(
        explain_url(aligned, f"source={PRUNED}"),
        {
            "norms": ["non-intervention", "domestic-law-primacy"],
            "stage": "pruning",
            "rationale": "Left to *national* law.",
            "citation_1": "pradityo-2021",
            "locator_1": "p. 165",
        },
    )
    assert response.status_code == 302 and "/pair/?source=untoc/art_8__para_2" in response["Location"]
    annotation = Annotation.objects.get(comparison=aligned)
    assert (annotation.kind, annotation.source_eid, annotation.status) == ("pruned", "art_8__para_2", "draft")
    assert {n.slug for n in annotation.norms.all()} == {"non-intervention", "domestic-law-primacy"}
    assert [(c.reference.slug, c.locator) for c in annotation.citations.all()] == [("pradityo-2021", "p. 165")]


def test_htmx_gets_the_form_as_a_fragment_and_its_errors_in_place(aligned, researcher):
    client = client_for(researcher)
    url = explain_url(aligned, f"source={PRUNED}")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section class="annotation-editor"') and "<html" not in fragment
    refused = client.post(url, {"rationale": "no norm chosen"}, headers={"HX-Request": "true"})
    assert refused.status_code == 400 and "The explanation was not saved" in refused.content.decode()
    saved = client.post(url, {"norms": ["consensus"]}, headers={"HX-Request": "true"})
    assert saved.status_code == 200 and "Explanation saved as a draft" in saved.content.decode()


def test_a_decision_that_is_not_in_the_comparison_is_refused_with_the_field(aligned, researcher):
    response = client_for(researcher).post(explain_url(aligned, "source=untoc/art_999"), {"norms": ["consensus"]})
    assert response.status_code == 400 and "untoc has no provision" in response.content.decode()
    assert client_for(researcher).get(explain_url(aligned, "target=../x")).status_code == 400


def test_publishing_puts_the_chip_on_the_row_and_takes_it_off_the_worklist(aligned, researcher, curator, client):
    page = aligned.get_absolute_url()
    waiting = pruned_rows(client.get(page + "?relation=pruned&explained=no").content.decode())
    annotation = explain(aligned, researcher)
    row = "pruned-untoc-art_8__para_2"
    assert row in waiting
    html = client.get(page).content.decode()
    assert 'href="/norms/non-intervention/"' not in html  # a draft shows no chip

    response = client_for(curator).post(
        reverse("research:annotation_status", args=[annotation.pk]), {"status": "published"}
    )
    assert response.status_code == 302
    html = client.get(page).content.decode()
    body = html[html.index(f'<tbody id="{row}"') :]
    assert '<a class="chip" href="/norms/non-intervention/"' in body[: body.index("</tbody>")]
    now_waiting = pruned_rows(client.get(page + "?relation=pruned&explained=no").content.decode())
    assert row not in now_waiting and len(now_waiting) == len(waiting) - 1
    listing = client.get(reverse("comparisons:comparison_list")).content.decode()
    assert f"{len(waiting) - 1} pruned, not yet explained" in listing


def test_the_norm_filter_keeps_the_rows_explained_by_that_norm(aligned, researcher, curator, client):
    publish_annotation(user=curator, annotation=explain(aligned, researcher))
    publish_annotation(user=curator, annotation=explain(aligned, researcher, "untoc/art_11__para_1", ["consensus"]))
    html = client.get(aligned.get_absolute_url() + "?norm=non-intervention").content.decode()
    assert pruned_rows(html) == ["pruned-untoc-art_8__para_2"]


def test_researchers_may_not_publish_or_edit_what_others_wrote(aligned, researcher, other_researcher):
    annotation = explain(aligned, researcher)
    other = client_for(other_researcher)
    assert (
        other.post(reverse("research:annotation_status", args=[annotation.pk]), {"status": "published"}).status_code
        == 403
    )
    assert other.get(reverse("research:annotation_edit", args=[annotation.pk])).status_code == 403
    mine = client_for(researcher).post(
        reverse("research:annotation_edit", args=[annotation.pk]), {"norms": ["consensus"]}
    )
    assert mine.status_code == 302
    assert [n.slug for n in Annotation.objects.get(pk=annotation.pk).norms.all()] == ["consensus"]


def test_the_pair_page_shows_the_explanations_its_reader_may_see(aligned, researcher, curator, client):
    annotation = explain(aligned, researcher)
    pair = reverse("comparisons:pair_detail", args=[aligned.slug]) + f"?source={PRUNED}"
    assert f'id="annotation-{annotation.pk}"' not in client.get(pair).content.decode()  # drafts are the author's
    assert f'id="annotation-{annotation.pk}"' in client_for(researcher).get(pair).content.decode()
    as_curator = client_for(curator).get(pair).content.decode()
    assert f'id="annotation-{annotation.pk}"' in as_curator and ">Publish</button>" in as_curator


def test_the_side_by_side_page_reads_a_fixed_number_of_queries_however_many_explanations(aligned, researcher, curator):
    client = client_for(researcher)
    page = aligned.get_absolute_url()
    client.get(page)  # warm caches (corpus index, sessions)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    publish_annotation(user=curator, annotation=explain(aligned, researcher))
    few = queries()
    run = aligned.latest_run()
    for _slug, eid in [pair for pair in run.source_units if pair[1] != "art_8__para_2"][:8]:
        publish_annotation(
            user=curator, annotation=explain(aligned, researcher, f"untoc/{eid}", ["consensus", "pragmatism"])
        )
    assert queries() == few


def test_a_source_provision_page_shows_the_literature_claims_about_it(aligned, client):
    html = client.get(reverse("treaties:provision_detail", args=["untoc", "art_8"])).content.decode()
    section = html[html.index('class="provision-annotations"') :]
    assert "What the literature and researchers say" in section
    assert 'href="/norms/non-intervention/"' in section and "untoc art. 8(2)" in section
    unrelated = client.get(reverse("treaties:provision_detail", args=["untoc", "art_1"])).content.decode()
    assert 'class="provision-annotations"' not in unrelated
