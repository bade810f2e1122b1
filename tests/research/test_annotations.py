"""Annotations: who may write what, safe rationales, and survival across re-imports and re-runs."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from research.markdown import render_markdown
from research.models import Annotation, mark_orphans
from research.services import (
    AnnotationError,
    AnnotationPermissionError,
    create_annotation,
    publish_annotation,
    update_annotation,
)

pytestmark = pytest.mark.django_db


def annotate(comparison, user, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "kind": "pruned",
        "source_treaty": "untoc",
        "source_eid": "art_8__para_2",
        "norms": ["non-intervention"],
        "stage": "pruning",
        "rationale": "Foreign bribery would reach into other members' administrations.",
        "citations": [("pradityo-2021", "p. 165")],
    }
    return create_annotation(user=user, comparison=comparison, **{**fields, **overrides})


def test_a_researcher_writes_a_draft_with_norms_citations_and_history(aligned, researcher):
    annotation = annotate(aligned, researcher)
    assert annotation.status == "draft"
    assert annotation.author == researcher
    assert annotation.target_instrument == "actip"
    assert [n.slug for n in annotation.norms.all()] == ["non-intervention"]
    assert [str(c) for c in annotation.citations.all()] == ["Pradityo et al. 2021, p. 165"]
    update_annotation(user=researcher, annotation=annotation, rationale="Second thoughts.", norms=["sovereignty"])
    history = annotation.history.order_by("history_date")
    assert history.first().rationale.startswith("Foreign bribery")
    assert history.last().rationale == "Second thoughts."
    assert history.last().history_user == researcher


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_anonymous_users_and_readers_cannot_annotate(aligned, reader, who):
    user = AnonymousUser() if who == "anonymous" else reader
    with pytest.raises(AnnotationPermissionError):
        annotate(aligned, user)
    assert not Annotation.objects.filter(origin="researcher").exists()


def test_a_researcher_cannot_edit_anothers_annotation_or_publish(aligned, researcher, other_researcher):
    annotation = annotate(aligned, researcher)
    with pytest.raises(AnnotationPermissionError):
        update_annotation(user=other_researcher, annotation=annotation, rationale="Mine now.")
    with pytest.raises(AnnotationPermissionError):
        publish_annotation(user=researcher, annotation=annotation)
    annotation.refresh_from_db()
    assert annotation.status == "draft"
    assert annotation.rationale.startswith("Foreign bribery")


def test_a_curator_edits_anyones_annotation_and_publishes(aligned, researcher, curator):
    annotation = annotate(aligned, researcher)
    update_annotation(user=curator, annotation=annotation, stage="grafting")
    publish_annotation(user=curator, annotation=annotation)
    annotation.refresh_from_db()
    assert (annotation.stage, annotation.status) == ("grafting", "published")
    assert annotation.history.latest().history_user == curator


def test_only_curators_touch_literature_claims(research_data, researcher, curator):
    claim = Annotation.objects.literature().first()
    with pytest.raises(AnnotationPermissionError):
        update_annotation(user=researcher, annotation=claim, rationale="No.")
    update_annotation(user=curator, annotation=claim, rationale="Curated wording.")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"norms": []}, "norms"),
        ({"norms": ["no-such-norm"]}, "norms"),
        ({"stage": "uprooting"}, "stage"),
        ({"source_eid": "art_99"}, "source_eid"),
        ({"source_treaty": "tip-protocol", "source_eid": "art_5"}, "source_treaty"),
        ({"kind": "link", "target_eid": "art_7"}, "target_eid"),
        ({"kind": "added", "target_eid": "art_3__para_1"}, "source_eid"),
        ({"citations": [("nobody-1999", "p. 1")]}, "citations"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(aligned, researcher, fields, field):
    with pytest.raises(AnnotationError) as caught:
        annotate(aligned, researcher, **fields)
    assert caught.value.field == field
    assert not Annotation.objects.filter(origin="researcher").exists()


@pytest.mark.parametrize(
    "markdown",
    [
        "Fine <script>alert('x')</script> text",
        "[click](javascript:alert('x'))",
        '<img src=x onerror="alert(1)">',
        "[click](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">raw</a>',
    ],
)
def test_a_rationale_renders_harmless(markdown):
    html = str(render_markdown(markdown)).lower()
    assert "<script" not in html
    assert not re.search(r"<[^>]+(href|src)\s*=\s*[\"']?\s*javascript:", html)  # as text it is harmless
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)


def test_a_rationale_keeps_its_markdown(aligned, researcher, curator, client):
    annotation = annotate(
        aligned,
        researcher,
        rationale="**Non-intervention** first; see [the paper](https://doi.org/10.25077/ajis.10.1.151-170.2021)."
        "\n\n<script>document.title='owned'</script>[x](javascript:alert(1))",
    )
    publish_annotation(user=curator, annotation=annotation)
    page = client.get(reverse("research:norm_detail", args=["non-intervention"])).content.decode()
    assert "<strong>Non-intervention</strong>" in page
    assert 'href="https://doi.org/10.25077/ajis.10.1.151-170.2021"' in page
    assert "<script>document.title" not in page
    assert 'href="javascript:' not in page


def test_annotations_survive_reimport_and_realignment(aligned, researcher, curator, import_sample, corpus_dir):
    from comparisons.services import run_alignment
    from treaties.services import import_file

    run = aligned.latest_run()
    link = run.items.filter(source_treaty="untoc", source_eid="art_9__para_2").exclude(target_eid="").first()
    assert link is not None, "the sample copies UNTOC art. 9(2)"
    on_link = annotate(
        aligned, researcher, kind="link", target_eid=link.target_eid, source_eid="art_9__para_2", stage="grafting"
    )
    on_pruned = annotate(aligned, researcher)
    for a in (on_link, on_pruned):
        publish_annotation(user=curator, annotation=a)

    import_file(path=corpus_dir / "untoc.md")  # unchanged, re-imported
    import_sample()
    run_alignment(comparison=aligned)
    run_alignment(comparison=aligned)
    assert aligned.runs.count() == 3
    kept = {(a.kind, a.target_eid, a.source_eid, a.rationale) for a in Annotation.objects.filter(origin="researcher")}
    assert kept == {
        ("link", link.target_eid, "art_9__para_2", on_link.rationale),
        ("pruned", "", "art_8__para_2", on_pruned.rationale),
    }
    assert not any(a.orphaned for a in mark_orphans(Annotation.objects.all()))  # type: ignore[attr-defined]


def test_an_annotation_whose_provision_disappears_is_listed_as_orphaned(
    aligned, researcher, curator, import_sample, client
):
    from comparisons.services import run_alignment

    on_article_3 = annotate(
        aligned, researcher, kind="added", target_eid="art_3__para_2", source_treaty="", source_eid=""
    )
    survivor = annotate(aligned, researcher)
    for a in (on_article_3, survivor):
        publish_annotation(user=curator, annotation=a)

    # a new version of the target without its (invented) article 3 and its two paragraphs
    report = import_sample(drop_article="3", allow_removals=3)
    assert "art_3__para_2" in report.removed
    run_alignment(comparison=aligned)

    assert Annotation.objects.filter(pk=on_article_3.pk).exists()  # kept, not lost
    page = client.get(reverse("research:orphaned_annotations")).content.decode()
    assert f'id="annotation-{on_article_3.pk}"' in page
    assert f'id="annotation-{survivor.pk}"' not in page
    norm_page = client.get(reverse("research:norm_detail", args=["non-intervention"])).content.decode()
    assert "orphaned: a provision it names no longer exists" in norm_page
