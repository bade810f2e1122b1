"""Comparisons scoped to chosen articles of each instrument (``align --articles``, the align page).

The scope is part of the comparison's identity (its slug), the engine aligns only the units of
those articles, added and pruned are counted within the scope, re-running keeps curated
decisions, and every page of the comparison (and the API) says which articles it reads.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from comparisons.models import Comparison, CuratedDecision
from comparisons.overlay import relation_counts
from comparisons.scope import ScopeError, describe, parse_specs, parse_text, slug_suffix, to_specs
from comparisons.selectors import effective_rows
from comparisons.services import ComparisonError, record_decision
from tests.factories import decide_on
from tests.jobs import run_queued_jobs
from tests.page_text import page_text
from treaties.services import import_file

from ..treaties.test_excerpts import markdown as excerpt_markdown
from .test_align_view import post_with_token
from .test_curation import login

SMUGGLING = ["--target", "smuggling-protocol", "--sources", "tip-protocol"]
UNSCOPED = "smuggling-protocol--tip-protocol"
SCOPE = ["tip-protocol:3,5-6", "smuggling-protocol:3-6"]
SCOPED = "smuggling-protocol--tip-protocol--tip-protocol-arts-3-and-5-6+smuggling-protocol-arts-3-6"
LABEL = "Scoped to TIP Protocol arts. 3, 5-6; Smuggling of Migrants Protocol arts. 3-6"
IN_SCOPE = {"tip-protocol": {3, 5, 6}, "smuggling-protocol": {3, 4, 5, 6}}


def article(eid: str) -> int:
    head = eid.split("__")[0]
    assert head.startswith("art_"), f"{eid} is not inside an article"
    return int(head.removeprefix("art_"))


@pytest.fixture
def protocols(db, corpus_dir: Path) -> None:
    for name in ("tip-protocol", "smuggling-protocol"):
        import_file(path=corpus_dir / f"{name}.md")


def align(*extra: str) -> str:
    out = io.StringIO()
    call_command("align", *SMUGGLING, *extra, stdout=out)
    return out.getvalue()


# -- the syntax --------------------------------------------------------------------------------------


def test_specs_read_ranges_and_lists_and_write_them_back() -> None:
    scope = parse_specs(["untoc:5,8-10", "coe-trafficking:10-17"])
    assert scope == {"untoc": (5, 8, 9, 10), "coe-trafficking": tuple(range(10, 18))}
    assert parse_text(" untoc:5,8-10;coe-trafficking:10-17\n") == scope
    order = ["untoc", "coe-trafficking"]
    assert to_specs(scope, order) == ["untoc:5,8-10", "coe-trafficking:10-17"]
    assert parse_specs(to_specs(scope, order)) == scope
    assert describe(scope, {"untoc": "UNTOC", "coe-trafficking": "CoE"}, order) == (
        "Scoped to UNTOC arts. 5, 8-10; CoE arts. 10-17"
    )
    assert describe({"untoc": (5,)}, {"untoc": "UNTOC"}, order) == "Scoped to UNTOC art. 5"
    assert slug_suffix({}, order) == ""
    assert slug_suffix(scope, order) == "--untoc-arts-5-and-8-10+coe-trafficking-arts-10-17"
    long_scope = {"untoc": tuple(range(1, 90, 2))}
    assert re.fullmatch(r"--scope-[0-9a-f]{16}", slug_suffix(long_scope, order, base_length=30))


@pytest.mark.parametrize(
    ("specs", "problem"),
    [
        (["untoc"], r"'untoc': write it as ID:ARTICLES"),
        (["untoc:"], r"'untoc:': no article numbers given"),
        (["untoc:8-5"], r"'untoc:8-5': '8-5' is a descending range \(write 5-8\)"),
        (["untoc:5,x"], r"'untoc:5,x': 'x' is not an article number"),
        (["untoc:0"], r"'untoc:0': '0': articles are numbered from 1"),
        (["untoc:5", "untoc:6"], r"'untoc:6': untoc is named twice"),
        (["Untoc:5"], r"'Untoc:5': write it as ID:ARTICLES"),
    ],
)
def test_bad_specs_say_what_is_wrong(specs: list[str], problem: str) -> None:
    with pytest.raises(ScopeError, match=problem):
        parse_specs(specs)


def test_unscoped_slugs_are_unchanged() -> None:
    assert Comparison.slug_for("coe-trafficking", ["untoc", "tip-protocol"]) == "coe-trafficking--tip-protocol+untoc"
    assert (
        Comparison.slug_for("coe-trafficking", ["untoc", "tip-protocol"], {}) == "coe-trafficking--tip-protocol+untoc"
    )


# -- the command -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("articles", "problem"),
    [
        pytest.param(
            ["tip-protocol:6-3"], r"--articles 'tip-protocol:6-3': '6-3' is a descending range", id="descending-range"
        ),
        pytest.param(["tip-protocol"], r"--articles 'tip-protocol': write it as ID:ARTICLES", id="no-article-numbers"),
        pytest.param(
            ["untoc:5"], r"--articles: 'untoc' is neither the target nor a source", id="not-in-the-comparison"
        ),
        pytest.param(
            ["tip-protocol:5,40-41"],
            r"--articles: tip-protocol has no articles 40-41 \(it holds articles 1-20\)",
            id="articles-the-instrument-lacks",
        ),
    ],
)
def test_bad_articles_are_refused_naming_the_argument(protocols, articles: list[str], problem: str) -> None:
    with pytest.raises(CommandError, match=problem):
        align("--articles", *articles)
    assert not Comparison.objects.exists()


def test_a_bad_spec_exits_non_zero_from_the_shell() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", "align", *SMUGGLING, "--articles", "tip-protocol:9-2"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "--articles 'tip-protocol:9-2': '9-2' is a descending range" in done.stderr


@pytest.mark.django_db
def test_a_scoped_alignment_reads_only_its_articles_and_counts_added_and_pruned_within_them(protocols) -> None:
    align()
    output = align("--articles", *SCOPE)
    assert LABEL in output

    unscoped, scoped = Comparison.objects.get(slug=UNSCOPED), Comparison.objects.get(slug=SCOPED)
    assert unscoped.scope == {} and scoped.scope == {"tip-protocol": [3, 5, 6], "smuggling-protocol": [3, 4, 5, 6]}
    assert scoped.scope_label == LABEL and scoped.scope_specs == SCOPE

    run = scoped.latest_run()
    assert {article(eid) for eid in run.target_units} == IN_SCOPE["smuggling-protocol"]
    assert {article(eid) for slug, eid in run.source_units} == IN_SCOPE["tip-protocol"]
    assert "preamble" not in run.target_units

    rows = effective_rows(scoped)
    linked_targets = {r.target_eid for r in rows if r.relation in ("adopted", "modified")}
    linked_sources = {r.source_eid for r in rows if r.relation in ("adopted", "modified")}
    added = {r.target_eid for r in rows if r.relation == "added"}
    pruned = {r.source_eid for r in rows if r.relation == "pruned"}
    assert linked_targets | added == set(run.target_units) and not linked_targets & added
    assert linked_sources | pruned == {eid for _, eid in run.source_units} and not linked_sources & pruned
    assert {article(eid) for eid in pruned} <= IN_SCOPE["tip-protocol"]
    assert {article(eid) for eid in added} <= IN_SCOPE["smuggling-protocol"]
    # the criminalisation article is copied across, within the scope as without it
    assert any(r.target_eid.startswith("art_6") and r.source_eid.startswith("art_5") for r in rows if r.source_eid)

    # outside the scope nothing is pruned: the unscoped comparison prunes TIP art. 7, the scoped one never saw it
    whole = effective_rows(unscoped)
    assert any(r.relation == "pruned" and r.source_eid.startswith("art_7") for r in whole)
    assert sum(relation_counts(rows).values()) < sum(relation_counts(whole).values())

    # the same scope written otherwise is the same comparison; another scope is another one
    align("--articles", "smuggling-protocol:6,3-5", "tip-protocol:6,5,3")
    assert scoped.runs.count() == 2
    align("--articles", "tip-protocol:5")
    assert Comparison.objects.count() == 3


@pytest.mark.django_db
def test_re_running_a_scoped_alignment_keeps_curated_decisions(protocols) -> None:
    align("--articles", *SCOPE)
    scoped = Comparison.objects.get(slug=SCOPED)
    machine = scoped.latest_run().items.filter(relation__in=["adopted", "modified"]).first()
    assert machine is not None
    decide_on(scoped, machine, action="reject", note="not this one")
    record_decision(
        comparison=scoped,
        target_eid="art_4",
        source_ref="tip-protocol/art_3",
        action="relate",
        relation="modified",
    )
    with pytest.raises(ComparisonError, match="no comparison unit 'art_7__para_1' in this comparison"):
        record_decision(comparison=scoped, target_eid="art_4", source_ref="tip-protocol/art_7__para_1", action="relate")

    align("--articles", *SCOPE)

    assert scoped.runs.count() == 2 and CuratedDecision.objects.filter(comparison=scoped).count() == 2
    rows = {r.key: r for r in effective_rows(scoped)}
    assert (machine.target_eid, "tip-protocol", machine.source_eid) not in rows
    kept = rows[("art_4", "tip-protocol", "art_3")]
    assert (kept.relation, kept.origin) == ("modified", "curated")


@pytest.mark.django_db
def test_an_excerpt_can_be_scoped_only_to_the_articles_it_holds(tmp_path: Path, protocols) -> None:
    path = tmp_path / "lighthouses.md"
    path.write_text(excerpt_markdown(), encoding="utf-8")
    import_file(path=path)
    with pytest.raises(CommandError, match=r"lighthouses has no articles 16-17 \(it holds articles 14-15, 18\)"):
        call_command("align", "--target", "lighthouses", "--sources", "tip-protocol", "--articles", "lighthouses:14-18")
    call_command(
        "align", "--target", "lighthouses", "--sources", "tip-protocol", "--articles", "lighthouses:14-15",
        stdout=io.StringIO(),
    )  # fmt: skip
    run = Comparison.objects.get(slug="lighthouses--tip-protocol--lighthouses-arts-14-15").latest_run()
    assert {article(eid) for eid in run.target_units} == {14, 15}


@pytest.mark.django_db
def test_export_reads_the_scoped_comparison(protocols) -> None:
    align("--articles", *SCOPE)
    out = io.StringIO()
    call_command("export_alignment", *SMUGGLING, "--articles", *SCOPE, stdout=out)
    data = json.loads(out.getvalue())
    assert {article(ref.split("/")[1]) for ref in data["pruned"]} <= IN_SCOPE["tip-protocol"]
    with pytest.raises(CommandError, match="with that scope yet"):
        call_command("export_alignment", *SMUGGLING, "--articles", "tip-protocol:5", stdout=io.StringIO())


# -- the browser and the API -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_curator_scopes_a_comparison_on_the_align_page(protocols) -> None:
    curator = login("curator")
    page = "/comparisons/align/"
    form = page_text(curator.get(page))
    assert "Only these articles (optional)" in form

    base = {"target": "smuggling-protocol", "sources": ["tip-protocol"]}
    for articles, problem in (
        ("tip-protocol:6-3", "'tip-protocol:6-3': '6-3' is a descending range (write 3-6)."),
        ("untoc:5", "'untoc' is neither the target nor a source"),
        ("tip-protocol:99", "tip-protocol has no article 99 (it holds articles 1-20)"),
    ):
        refused = post_with_token(curator, page, {**base, "articles": articles})
        assert refused.status_code == 400
        html = refused.content.decode()
        assert problem in page_text(refused)
        assert re.search(r'<input[^>]*name="articles"[^>]*aria-invalid="true"', html), "the field is marked invalid"
    assert not Comparison.objects.exists() and run_queued_jobs() == 0

    queued = post_with_token(curator, page, {**base, "articles": " ".join(SCOPE)})
    assert queued.status_code == 302 and queued["Location"].startswith("/jobs/")
    assert run_queued_jobs() == 1
    assert LABEL in page_text(curator.get(queued["Location"]))
    scoped = Comparison.objects.get(slug=SCOPED)
    assert scoped.latest_run() is not None

    # "Align again" on its page keeps the scope: a second run of the same comparison
    detail = curator.get(scoped.get_absolute_url()).content.decode()
    assert re.search(r'<input type="hidden" name="articles" value="tip-protocol:3,5-6 smuggling-protocol:3-6">', detail)
    again = post_with_token(curator, scoped.get_absolute_url(), {**base, "articles": " ".join(scoped.scope_specs)})
    assert again.status_code == 302 and run_queued_jobs() == 1
    assert scoped.runs.count() == 2 and Comparison.objects.count() == 1


@pytest.mark.django_db
def test_the_pages_and_the_api_say_which_articles_a_comparison_reads(protocols) -> None:
    align()
    align("--articles", *SCOPE)
    scoped = Comparison.objects.get(slug=SCOPED)
    reader = Client()
    for name in ("comparison_detail", "coverage_map", "candidate_review", "method"):
        response = reader.get(reverse(f"comparisons:{name}", args=[scoped.slug]))
        assert response.status_code == 200
        assert LABEL in page_text(response), name
        unscoped = reader.get(reverse(f"comparisons:{name}", args=[UNSCOPED]))
        assert "Scoped to" not in page_text(unscoped), name
    listing = page_text(reader.get(reverse("comparisons:comparison_list")))
    assert listing.count("Scoped to") == 1 and LABEL in listing

    api = reader.get(f"/api/v1/comparisons/{scoped.slug}/").json()
    assert api["scope"] == {"tip-protocol": [3, 5, 6], "smuggling-protocol": [3, 4, 5, 6]}
    assert api["scope_label"] == LABEL
    assert reader.get(f"/api/v1/comparisons/{UNSCOPED}/").json()["scope"] == {}


@pytest.mark.django_db
def test_a_comparison_of_an_excerpt_says_which_articles_it_holds(tmp_path: Path, protocols) -> None:
    path = tmp_path / "lighthouses.md"
    path.write_text(excerpt_markdown(), encoding="utf-8")
    import_file(path=path)
    call_command("align", "--target", "lighthouses", "--sources", "tip-protocol", stdout=io.StringIO())
    for name in ("comparison_detail", "coverage_map", "candidate_review", "method"):
        text = page_text(Client().get(reverse(f"comparisons:{name}", args=["lighthouses--tip-protocol"])))
        assert "is an excerpt: it holds articles 14-15, 18." in text, name
        assert "scope the sources to the articles the excerpt holds" in text, name
    api = Client().get("/api/v1/instruments/").json()["results"]
    assert {row["id"]: row["excerpt"] for row in api} == {
        "lighthouses": True,
        "tip-protocol": False,
        "smuggling-protocol": False,
    }


@pytest.mark.django_db
def test_the_picker_offers_only_units_in_scope(protocols) -> None:
    align("--articles", *SCOPE)
    picker = reverse("comparisons:provision_picker", args=[SCOPED])
    curator = login("curator")
    for query in ({"target": "art_6__para_1"}, {"target": "art_6__para_1", "q": "trafficking"}):
        html = curator.get(picker, query).content.decode()
        offered = re.findall(r'name="source" value="tip-protocol/([^"]+)"', html)
        assert offered, query
        assert {article(eid) for eid in offered} <= IN_SCOPE["tip-protocol"], query
    outside = curator.get(picker, {"target": "art_7"})  # a unit of the Protocol, outside the scope
    assert outside.status_code == 400
    assert "is not a comparison unit of this comparison" in page_text(outside)
