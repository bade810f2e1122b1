"""The align / export_alignment commands on the real corpus, and curated work surviving re-runs."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from comparisons.models import AlignmentRun, Comparison, CuratedDecision
from comparisons.services import record_decision, run_alignment
from treaties.services import import_file

COE = ["--target", "coe-trafficking", "--sources", "tip-protocol", "untoc"]


def export(*extra: str) -> dict:
    out = io.StringIO()
    call_command("export_alignment", *COE, *extra, stdout=out)
    return json.loads(out.getvalue())


def units_of(comparison: Comparison) -> tuple[set[str], set[str]]:
    run = comparison.latest_run()
    target = {f"{comparison.target.slug}/{eid}" for eid in run.target_units}
    sources = {f"{slug}/{eid}" for slug, eid in run.source_units}
    return target, sources


@pytest.fixture
def coe(corpus) -> Comparison:
    call_command("align", *COE, stdout=io.StringIO())
    return Comparison.objects.get(slug="coe-trafficking--tip-protocol+untoc")


@pytest.mark.django_db
def test_align_prints_counts_per_relation(corpus):
    out = io.StringIO()
    call_command("align", *COE, stdout=out)
    text = out.getvalue()
    for relation in ("adopted", "modified", "added", "pruned"):
        assert f"  {relation}" in text
    run = AlignmentRun.objects.get()
    assert sum(run.counts.values()) > 0
    assert run.engine_version and run.timings["engine"] > 0


@pytest.mark.django_db
def test_export_has_the_documented_shape_and_covers_every_unit(coe):
    data = export()
    assert set(data) == {"target", "sources", "unit_level", "links", "added", "pruned"}
    assert (data["target"], data["sources"], data["unit_level"]) == (
        "coe-trafficking",
        ["tip-protocol", "untoc"],
        "paragraph",
    )
    for link in data["links"]:
        assert set(link) == {"target", "source", "relation", "score", "features", "origin"}
        assert link["relation"] in {"adopted", "modified"}
        assert 0 <= link["score"] <= 100
        assert link["origin"] == "machine"
        assert link["target"].startswith("coe-trafficking/")
        assert link["source"].split("/")[0] in {"tip-protocol", "untoc"}
    target_units, source_units = units_of(coe)
    linked_targets = {link["target"] for link in data["links"]}
    linked_sources = {link["source"] for link in data["links"]}
    assert linked_targets | set(data["added"]) == target_units
    assert not linked_targets & set(data["added"])
    assert linked_sources | set(data["pruned"]) == source_units
    assert not linked_sources & set(data["pruned"])
    assert "coe-trafficking/art_4" in linked_targets  # definitions derive from the TIP Protocol's


@pytest.mark.django_db
def test_article_level_export_rolls_paragraphs_up(coe):
    data = export("--level", "article")
    assert data["unit_level"] == "article"
    refs = [link["target"] for link in data["links"]] + data["added"]
    assert all("__" not in ref for ref in refs)
    assert all("__" not in ref for ref in data["pruned"])


@pytest.mark.django_db
def test_csv_export_writes_a_file(coe, tmp_path):
    path = tmp_path / "coe.csv"
    call_command("export_alignment", *COE, "--format", "csv", "--output", str(path), stdout=io.StringIO())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["target", "source", "relation", "score", "features", "origin"]
    assert {row["relation"] for row in rows} == {"adopted", "modified", "added", "pruned"}


@pytest.mark.django_db
def test_export_with_evidence_says_why_each_link_was_made(coe, tmp_path):
    added = next(item for item in coe.latest_run().items.all() if item.relation == "added")
    pruned = next(item for item in coe.latest_run().items.all() if item.relation == "pruned")
    record_decision(
        comparison=coe,
        target_eid=added.target_eid,
        source_ref=f"{pruned.source_treaty}/{pruned.source_eid}",
        action="relate",
        relation="modified",
    )

    links = export("--with-evidence")["links"]
    path = tmp_path / "coe.csv"
    call_command(
        "export_alignment", *COE, "--format", "csv", "--with-evidence", "--output", str(path), stdout=io.StringIO()
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8")))

    machine = [link for link in links if link["origin"] == "machine"]
    assert machine and all(link["evidence"] for link in machine)
    curated = next(link for link in links if link["target"] == f"coe-trafficking/{added.target_eid}")
    assert curated["origin"] == "curated" and curated["evidence"] == []
    assert list(rows[0])[-1] == "evidence"
    csv_evidence = {(r["target"], r["source"]): r["evidence"] for r in rows if r["relation"] in ("adopted", "modified")}
    assert all(csv_evidence[(link["target"], link["source"])] == ";".join(link["evidence"]) for link in links)
    assert all(r["evidence"] == "" for r in rows if r["relation"] in ("added", "pruned"))


@pytest.mark.django_db
def test_export_with_candidates_lists_them_apart_and_never_as_links(coe, tmp_path):
    plain = export()
    data = export("--with-candidates")
    assert set(data) == {"target", "sources", "unit_level", "links", "added", "pruned", "candidates"}
    assert {key: data[key] for key in plain} == plain  # the links, added and pruned are exactly as without
    assert data["candidates"]
    links = {(link["target"], link["source"]) for link in data["links"]}
    for candidate in data["candidates"]:
        assert candidate["candidate"] is True
        assert (candidate["target"], candidate["source"]) not in links
        assert candidate["target"] in data["added"] or candidate["source"] in data["pruned"]
        unit = candidate["target"] if candidate["offered_for"] == "target" else candidate["source"]
        assert unit in (data["added"] if candidate["offered_for"] == "target" else data["pruned"])
        assert set(candidate) == {
            "candidate",
            "offered_for",
            "target",
            "source",
            "rank",
            "score",
            "evidence",
            "meaning",
            "shared_words",
        }

    # a candidate a curator accepted is a curated link, no longer a candidate
    first = data["candidates"][0]
    record_decision(
        comparison=coe,
        target_eid=first["target"].partition("/")[2],
        source_ref=first["source"],
        action="accept",
    )
    after = export("--with-candidates")
    assert (first["target"], first["source"]) in {(link["target"], link["source"]) for link in after["links"]}
    assert (first["target"], first["source"]) not in {(c["target"], c["source"]) for c in after["candidates"]}

    path = tmp_path / "coe.csv"
    call_command(
        "export_alignment", *COE, "--format", "csv", "--with-candidates", "--output", str(path), stdout=io.StringIO()
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["target", "source", "relation", "score", "features", "origin", "candidate"]
    marked = [row for row in rows if row["candidate"]]
    assert len(marked) == len(after["candidates"])
    assert {row["candidate"] for row in marked} <= {"possible_source", "possible_target"}
    assert all(row["relation"] == "" for row in marked)
    assert all(row["candidate"] == "" for row in rows if row["relation"])
    with pytest.raises(CommandError, match="--with-candidates"):
        call_command("export_alignment", *COE, "--level", "article", "--with-candidates")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "nope", "--sources", "untoc"], "target: no imported instrument with id 'nope'"),
        (["--target", "untoc", "--sources", "untoc"], "sources: 'untoc' cannot be its own source"),
        (["--target", "untoc", "--sources", "tip-protocol", "missing"], "sources: no imported instrument"),
    ],
)
def test_align_refuses_unknown_or_circular_instruments(corpus, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("align", *args)
    assert not Comparison.objects.exists()


@pytest.mark.django_db
def test_export_before_any_run_is_refused(corpus):
    with pytest.raises(CommandError, match="run `align` first"):
        call_command("export_alignment", *COE)


def curate(comparison: Comparison) -> dict[str, CuratedDecision]:
    data = export()
    machine_link = data["links"][0]
    added = data["added"][0].partition("/")[2]
    pruned = data["pruned"][0]
    return {
        "reject": record_decision(
            comparison=comparison,
            target_eid=machine_link["target"].partition("/")[2],
            source_ref=machine_link["source"],
            action="reject",
            note="not derived",
        ),
        "relate": record_decision(
            comparison=comparison, target_eid=added, source_ref=pruned, action="relate", relation="modified"
        ),
    }


def assert_curated_effect(decisions: dict[str, CuratedDecision]) -> None:
    data = export()
    rejected = decisions["reject"]
    related = decisions["relate"]
    pairs = {(link["target"], link["source"]): link for link in data["links"]}
    assert (f"coe-trafficking/{rejected.target_eid}", rejected.source_ref) not in pairs
    link = pairs[(f"coe-trafficking/{related.target_eid}", related.source_ref)]
    assert (link["relation"], link["origin"]) == ("modified", "curated")
    assert f"coe-trafficking/{related.target_eid}" not in data["added"]


@pytest.mark.django_db
def test_curated_decisions_survive_re_running_the_alignment(coe):
    decisions = curate(coe)
    assert_curated_effect(decisions)
    call_command("align", *COE, stdout=io.StringIO())
    call_command("align", *COE, stdout=io.StringIO())
    assert AlignmentRun.objects.count() == 3
    assert CuratedDecision.objects.count() == 2
    assert_curated_effect(decisions)


@pytest.mark.django_db
def test_curated_decisions_survive_re_importing_an_edited_treaty(coe, corpus_dir, tmp_path):
    decisions = curate(coe)
    original = (corpus_dir / "coe-trafficking.md").read_text(encoding="utf-8")
    lines = original.split("\n")
    # an edit far from the curated pairs: the first line of the last article gains a word
    last = max(i for i, line in enumerate(lines) if line.startswith("## Article")) + 1
    lines[last] = lines[last] + " (edited)"
    edited = tmp_path / "coe-trafficking.md"
    edited.write_text("\n".join(lines), encoding="utf-8")
    report = import_file(path=edited)
    assert report.edited
    run_alignment(comparison=coe)
    assert_curated_effect(decisions)


@pytest.mark.django_db
def test_the_same_text_aligned_with_itself_is_all_adopted(corpus, tmp_path, corpus_dir):
    copy = tmp_path / "tip-copy.md"
    copy.write_text(
        (corpus_dir / "tip-protocol.md").read_text(encoding="utf-8").replace("id: tip-protocol", "id: tip-copy"),
        encoding="utf-8",
    )
    import_file(path=copy)
    call_command("align", "--target", "tip-copy", "--sources", "tip-protocol", stdout=io.StringIO())
    run = AlignmentRun.objects.get()
    assert run.counts["added"] == run.counts["pruned"] == run.counts["modified"] == 0
    assert run.counts["adopted"] == len(run.target_units)


def test_align_defaults_aligns_the_shipped_comparisons_whose_instruments_are_imported(corpus):
    out = io.StringIO()
    call_command("align_defaults", stdout=out)
    slugs = set(Comparison.objects.values_list("slug", flat=True))
    assert slugs == {"coe-trafficking--tip-protocol+untoc", "smuggling-protocol--tip-protocol"}
    assert "skipping actip ← tip-protocol + untoc" in out.getvalue()


def test_align_defaults_refuses_a_malformed_file_naming_it_and_the_entry(db, tmp_path):
    bad = tmp_path / "comparisons.json"
    bad.write_text('{"comparisons": [{"target": "coe-trafficking", "sources": []}]}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"comparisons\.json: comparison 1 \(coe-trafficking\): sources"):
        call_command("align_defaults", "--file", str(bad), stdout=io.StringIO())
    assert not Comparison.objects.exists()
