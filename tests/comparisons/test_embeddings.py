"""Unit embeddings are stored once per unit text and reused; without the packages, alignment still runs."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from comparisons.models import AlignmentRun, MachineLink, UnitEmbedding
from comparisons.semantic import model as semantic
from comparisons.semantic.vectors import HEADING_SUFFIX
from treaties.services import import_file

SMUGGLING = ["--target", "smuggling-protocol", "--sources", "tip-protocol"]


@pytest.fixture
def encoded(monkeypatch):
    """Count the texts handed to the model (the real model still encodes them)."""
    texts: list[str] = []
    real = semantic.encode_units

    def counting(batch, **kwargs):
        texts.extend(batch)
        return real(batch, **kwargs)

    monkeypatch.setattr(semantic, "encode_units", counting)
    return texts


@pytest.mark.django_db
def test_each_unit_and_heading_is_encoded_once_and_reused_on_later_runs(corpus, encoded):
    out = io.StringIO()
    call_command("align", *SMUGGLING, stdout=out)
    run = AlignmentRun.objects.get()
    units = len(run.target_units) + len(run.source_units)
    headings = UnitEmbedding.objects.filter(eid__endswith=HEADING_SUFFIX)
    # One heading per article and preamble of the two instruments.
    articles = {("smuggling-protocol", eid.split("__")[0]) for eid in run.target_units}
    articles |= {(slug, eid.split("__")[0]) for slug, eid in run.source_units}
    assert headings.count() == len(articles)
    assert len(encoded) == units + len(articles)
    assert UnitEmbedding.objects.count() == units + len(articles)
    heading = headings.get(treaty__slug="smuggling-protocol", eid="art_18" + HEADING_SUFFIX)
    assert heading.text_hash == semantic.text_hash("Return of smuggled migrants")
    assert run.params["embeddings"] == semantic.MODEL_NAME
    assert f"embeddings: {semantic.MODEL_NAME}" in out.getvalue()
    vector = UnitEmbedding.objects.first().vector
    assert abs(sum(x * x for x in vector) - 1.0) < 1e-3

    encoded.clear()
    call_command("align", *SMUGGLING, stdout=io.StringIO())
    assert encoded == []


@pytest.mark.django_db
def test_aligning_with_stored_vectors_matches_articles_by_their_headings(corpus):
    call_command("align", *SMUGGLING, stdout=io.StringIO())
    # Smuggling 15 ("Other prevention measures") and TIP 9 ("Prevention of trafficking in
    # persons") share no link on wording: only the corresponding-articles rule links them.
    link = MachineLink.objects.get(
        run__comparison__target__slug="smuggling-protocol", target_eid="art_15__para_3", source_eid="art_9__para_4"
    )
    assert link.evidence == ["corresponding_articles"]


@pytest.mark.django_db
def test_an_edited_unit_is_re_encoded_and_only_that_one(corpus, corpus_dir, tmp_path, encoded):
    call_command("align", *SMUGGLING, stdout=io.StringIO())
    text = (corpus_dir / "smuggling-protocol.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("## Article 2 ")) + 1
    lines[index] += " Invented closing words."
    edited = tmp_path / "smuggling-protocol.md"
    edited.write_text("\n".join(lines), encoding="utf-8")
    import_file(path=edited)
    encoded.clear()
    call_command("align", *SMUGGLING, stdout=io.StringIO())
    assert len(encoded) == 1 and encoded[0].endswith("Invented closing words.")
    row = UnitEmbedding.objects.get(treaty__slug="smuggling-protocol", eid="art_2")
    assert row.text_hash == semantic.text_hash(encoded[0])


@pytest.mark.django_db
def test_without_the_optional_packages_alignment_runs_on_wording_alone(corpus, monkeypatch):
    def unavailable(texts, **kwargs):
        raise semantic.SemanticUnavailable("not installed here")

    monkeypatch.setattr(semantic, "encode_units", unavailable)
    out = io.StringIO()
    call_command("align", *SMUGGLING, stdout=out)
    run = AlignmentRun.objects.get()
    assert run.params["embeddings"] is None
    assert run.counts["adopted"] > 0
    assert "embeddings: off" in out.getvalue()
    assert not UnitEmbedding.objects.exists()
