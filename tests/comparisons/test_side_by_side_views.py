"""Comparison list, side-by-side page and pair detail, on the real corpus aligned in the test."""

from __future__ import annotations

import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.alignment import EVIDENCE_KINDS, SYSTEMATIC_KINDS
from comparisons.models import Comparison
from comparisons.services import get_or_create_comparison, record_decision, run_alignment
from tests.factories import decide_on

pytestmark = pytest.mark.django_db

#: Whatever the number of rows (the candidates the engine offers added and pruned rows are one of them).
MAX_QUERIES = 11


@pytest.fixture
def comparison(corpus) -> Comparison:
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    run_alignment(comparison=comparison)
    return comparison


@pytest.fixture
def run(comparison):
    return comparison.latest_run()


def page_url(comparison: Comparison, query: str = "") -> str:
    return reverse("comparisons:comparison_detail", args=[comparison.slug]) + (f"?{query}" if query else "")


def pair_url(comparison: Comparison, query: str) -> str:
    return reverse("comparisons:pair_detail", args=[comparison.slug]) + f"?{query}"


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tbody id="((?:pair|pruned)-[^"]+)"', html)


def checked(html: str, name: str, value: str = "") -> bool:
    value_attr = f'[^>]*value="{value}"' if value else ""
    return re.search(rf'<input[^>]*name="{name}"{value_attr}[^>]*checked', html) is not None


def pair_page(client, comparison: Comparison, item) -> str:
    """The pair page of a stored run item."""
    return client.get(
        pair_url(comparison, f"target={item.target_eid}&source={item.source_treaty}/{item.source_eid}")
    ).content.decode()


def first(run, relation: str):
    return next(item for item in run.items.order_by("position") if item.relation == relation)


# ---- list ------------------------------------------------------------------------------------


def test_the_list_shows_each_comparison_with_its_instruments_run_and_counts(client, comparison, run):
    response = client.get(reverse("comparisons:comparison_list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert comparison.get_absolute_url() in html
    assert "TIP Protocol" in html and "UNTOC" in html
    assert f"engine {run.engine_version}" in html
    for relation in ("adopted", "modified", "added", "pruned"):
        assert f"{run.counts[relation]} {relation}" in html  # text counts, not only the bar
    assert 'class="relation-bar" aria-hidden="true"' in html


def test_the_list_says_when_a_comparison_has_not_been_aligned(client, corpus):
    get_or_create_comparison(target="smuggling-protocol", sources=["untoc"])

    response = client.get(reverse("comparisons:comparison_list"))

    assert response.status_code == 200
    assert "not aligned yet" in response.content.decode()


# ---- side-by-side page -----------------------------------------------------------------------


def test_the_page_shows_every_target_unit_in_document_order_and_every_pruned_unit(client, comparison, run):
    response = client.get(page_url(comparison))

    assert response.status_code == 200
    html = response.content.decode()
    ids = row_ids(html)
    targets = [i.removeprefix("pair-") for i in ids if i.startswith("pair-")]
    assert targets == run.target_units
    assert len([i for i in ids if i.startswith("pruned-")]) == run.counts["pruned"]
    assert '<th scope="col">CoE Anti-Trafficking Convention (CETS No. 197)</th>' in html
    assert 'aria-live="polite"' in html
    assert f"{len(ids)} rows." in html


def test_pruned_rows_follow_the_row_that_took_the_source_unit_before_them(client, comparison, run):
    ids = row_ids(client.get(page_url(comparison)).content.decode())
    links = [item for item in run.items.all() if item.relation in ("adopted", "modified")]
    pruned = {(item.source_treaty, item.source_eid) for item in run.items.all() if item.relation == "pruned"}
    order = [tuple(pair) for pair in run.source_units]
    checked = 0
    for previous, current in itertools.pairwise(order):
        if current in pruned and previous[0] == current[0]:
            linking = [f"pair-{item.target_eid}" for item in links if (item.source_treaty, item.source_eid) == previous]
            if linking:
                position = ids.index(f"pruned-{current[0]}-{current[1]}")
                anchor = max(ids.index(i) for i in linking)
                assert position > anchor
                assert all(i.startswith("pruned-") for i in ids[anchor + 1 : position])
                checked += 1
    assert checked  # the corpus has such cases; the rule is tested in detail in test_rows.py


def test_rows_name_their_source_instrument_with_a_colour_class(client, comparison):
    html = client.get(page_url(comparison)).content.decode()

    assert '<span class="src-chip src-0">TIP Protocol</span>' in html
    assert '<span class="src-chip src-1">UNTOC</span>' in html
    assert "obligation strengthened" in html or "text added" in html  # human feature labels
    assert "text_added" not in re.sub(r'value="[^"]*"', "", html)


def test_the_diff_is_shown_inline_with_diff_on_and_behind_a_toggle_otherwise(client, comparison):
    clean = client.get(page_url(comparison)).content.decode()
    marked = client.get(page_url(comparison, "diff=on")).content.decode()

    assert '<details class="row-diff">' in clean
    assert '<details class="row-diff">' not in marked
    assert '<del><span class="visually-hidden">deleted: </span>' in marked
    assert '<ins><span class="visually-hidden">inserted: </span>' in marked
    assert checked(marked, "diff") and not checked(clean, "diff")


def test_filtering_to_pruned_keeps_only_pruned_rows(client, comparison, run):
    html = client.get(page_url(comparison, "relation=pruned")).content.decode()

    ids = row_ids(html)
    assert ids and all(i.startswith("pruned-") for i in ids)
    assert len(ids) == run.counts["pruned"]
    assert "Showing" in html


def test_filters_by_instrument_source_article_and_target_article(client, comparison):
    untoc = row_ids(client.get(page_url(comparison, "instrument=untoc&relation=pruned")).content.decode())
    art_8 = row_ids(client.get(page_url(comparison, "source_article=untoc/art_8")).content.decode())
    art_5 = row_ids(client.get(page_url(comparison, "article=art_5")).content.decode())

    assert untoc and all(i.startswith("pruned-untoc-") for i in untoc)
    assert art_8 and all(i.startswith("pruned-untoc-art_8") or i.startswith("pair-") for i in art_8)
    assert "pruned-untoc-art_8__para_2" in art_8
    assert "pair-art_5__para_1" in art_5 and "pair-art_4" not in art_5


def test_filtering_by_evidence_keeps_the_links_found_on_those_rules(client, comparison, run):
    items = list(run.items.all())
    on_structure = {f"pair-{i.target_eid}" for i in items if "structure" in i.evidence}
    on_either = {f"pair-{i.target_eid}" for i in items if {"structure", "meaning"} & set(i.evidence)}

    structure = row_ids(client.get(page_url(comparison, "evidence=structure")).content.decode())
    either = row_ids(client.get(page_url(comparison, "evidence=structure&evidence=meaning")).content.decode())

    assert structure and set(structure) == on_structure
    assert set(either) == on_either and len(either) >= len(structure)
    assert len(either) < len(row_ids(client.get(page_url(comparison)).content.decode()))


def test_each_row_says_what_its_link_was_found_on(client, comparison, run):
    html = client.get(page_url(comparison, "evidence=corresponding_articles")).content.decode()
    # CoE 25 ("Previous convictions") is linked to UNTOC 22 only by matching the two articles.
    row = html[html.index('<tbody id="pair-art_25"') :]
    row = row[: row.index("</tbody>")]
    assert re.search(r'<span class="linked-on"[^>]*>on corresponding articles</span>', row)
    # A close copy needs no such note (the pair page lists its evidence), nor does a pruned source.
    html = client.get(page_url(comparison)).content.decode()
    copy = next(i for i in run.items.order_by("position") if "close_copy" in i.evidence)
    row = html[html.index(f'<tbody id="pair-{copy.target_eid}"') :]
    assert 'class="linked-on"' not in row[: row.index("</tbody>")]
    pruned = html[html.index('<tbody id="pruned-') :]
    assert 'class="linked-on"' not in pruned[: pruned.index("</tbody>")]


def test_filtering_by_curation(client, comparison, run):
    link = first(run, "modified")
    decide_on(comparison, link, action="accept", note="Checked against the travaux.")

    html = client.get(page_url(comparison, "curated=yes")).content.decode()

    assert row_ids(html) == [f"pair-{link.target_eid}"]
    assert "Checked against the travaux." in html
    assert "curated-mark" in html


@pytest.mark.parametrize(
    "query",
    [
        "article=art_999",
        "relation=bogus",
        "curated=maybe",
        "instrument=nowhere",
        "source_article=../../etc",
        "evidence=hunch",
    ],
)
def test_invalid_filter_values_are_reported_not_fatal(client, comparison, query):
    response = client.get(page_url(comparison, query))

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="filter-errors" role="alert"' in html
    assert "Select a valid choice" in html
    assert row_ids(html)  # the rows are still there, unfiltered by the bad value


def test_an_invalid_value_does_not_drop_the_valid_filters(client, comparison):
    html = client.get(page_url(comparison, "relation=pruned&article=art_999")).content.decode()

    assert all(i.startswith("pruned-") for i in row_ids(html))


def test_an_htmx_request_gets_only_the_pair_list_fragment(client, comparison):
    response = client.get(page_url(comparison, "relation=pruned"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert row_ids(html) and all(i.startswith("pruned-") for i in row_ids(html))
    assert '<p id="result-count" hx-swap-oob="innerHTML">Showing' in html
    assert "HX-Request" in response["Vary"]


def test_the_fragment_url_is_also_a_full_page(client, comparison):
    plain = client.get(page_url(comparison, "relation=pruned")).content.decode()
    restore = client.get(
        page_url(comparison, "relation=pruned"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    ).content.decode()

    for html in (plain, restore):
        assert "<html" in html and 'id="filters"' in html
        assert checked(html, "relation", "pruned")
        assert "hx-swap-oob" not in html


def test_the_page_links_each_row_to_its_permalink_and_pair_detail(client, comparison, run):
    html = client.get(page_url(comparison)).content.decode()
    link = first(run, "modified")

    assert f'href="#pair-{link.target_eid}"' in html
    detail = pair_url(comparison, f"target={link.target_eid}&amp;source={link.source_treaty}/{link.source_eid}")
    assert f'href="{detail}" hx-get="{detail}" hx-target="#slot-pair-{link.target_eid}"' in html
    assert reverse("treaties:provision_detail", args=["coe-trafficking", link.target_eid]) in html


def test_unknown_comparison_is_404(client, db):
    assert client.get("/comparisons/no-such-comparison/").status_code == 404
    assert client.get("/comparisons/no-such-comparison/pair/?target=art_1").status_code == 404


def test_a_comparison_without_a_run_says_how_to_align_it(client, corpus):
    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["untoc"])

    response = client.get(page_url(comparison))

    assert response.status_code == 200
    assert "has not been aligned yet" in response.content.decode()


# ---- pair detail -----------------------------------------------------------------------------


def test_pair_detail_of_a_link_shows_both_texts_diff_run_and_history(client, comparison, run):
    link = first(run, "modified")
    decide_on(
        comparison,
        link,
        action="relate",
        relation="adopted",
        note="Same obligation.",
        user=get_user_model().objects.create_user("curator", password="x" * 12),
    )

    response = client.get(
        pair_url(comparison, f"target={link.target_eid}&source={link.source_treaty}/{link.source_eid}")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert reverse("treaties:provision_detail", args=["coe-trafficking", link.target_eid]) in html
    assert reverse("treaties:provision_detail", args=[link.source_treaty, link.source_eid]) in html
    assert f"engine {run.engine_version}" in html
    assert "<del>" in html or "<ins>" in html
    assert "curator" in html and "Same obligation." in html and "link with a chosen relation" in html
    assert "(current)" in html  # the machine relation in this run


def test_pair_detail_says_what_a_link_rests_on_with_links_to_the_method(client, comparison, run):
    links = [item for item in run.items.all() if item.relation in ("adopted", "modified")]
    assert links and all(item.evidence for item in links)  # stored with the run
    link = next(item for item in links if "structure" in item.evidence or "mutual_best" in item.evidence)
    method_url = reverse("comparisons:method", args=[comparison.slug])

    html = pair_page(client, comparison, link)
    method_html = client.get(method_url).content.decode()

    assert "<dt>Linked on</dt>" in html
    for kind in link.evidence:
        assert f'href="{method_url}#evidence-{kind}"' in html
    for kind in EVIDENCE_KINDS:
        assert f'id="evidence-{kind}"' in method_html


def test_pair_detail_says_what_an_adopted_link_was_adopted_through(client, comparison, run):
    adopted = [item for item in run.items.all() if item.relation == "adopted"]
    # stored with the run: CoE 18 <- TIP 5(1) differs by party wording, a synonym and a renumbered reference
    link = next(item for item in adopted if item.target_eid == "art_18")
    assert {"party_wording", "synonym", "cross_reference"} <= set(link.adopted_through)
    assert all(item.adopted_through == [] for item in run.items.all() if item.relation != "adopted")

    html = pair_page(client, comparison, link)
    method_url = reverse("comparisons:method", args=[comparison.slug])
    assert "<dt>Adopted through</dt>" in html
    for kind in link.adopted_through:
        assert f'href="{method_url}#systematic-{kind}"' in html
    assert "trivial synonym" in html and "party wording" in html
    method_html = client.get(method_url).content.decode()
    assert all(f'id="systematic-{kind}"' in method_html for kind in SYSTEMATIC_KINDS)
    modified = next(item for item in run.items.all() if item.relation == "modified")
    assert "Adopted through" not in pair_page(client, comparison, modified)


def related_as_modified(client, comparison: Comparison, target, source) -> str:
    """A curator relates ``target``'s unit to ``source``'s as *modified* (stored run items): the pair page then."""
    source_ref = f"{source.source_treaty}/{source.source_eid}"
    record_decision(
        comparison=comparison, target_eid=target.target_eid, source_ref=source_ref, action="relate", relation="modified"
    )
    return client.get(pair_url(comparison, f"target={target.target_eid}&source={source_ref}")).content.decode()


def test_a_curator_who_calls_an_adopted_link_modified_drops_what_it_was_adopted_through(client, comparison, run):
    link = next(item for item in run.items.all() if item.relation == "adopted" and item.adopted_through)

    html = related_as_modified(client, comparison, link, link)

    assert "curated-mark" in html and "Adopted through" not in html


def test_a_link_a_curator_added_gives_no_machine_reasons(client, comparison, run):
    added, pruned = first(run, "added"), first(run, "pruned")

    html = related_as_modified(client, comparison, added, pruned)

    assert "curated-mark" in html and "Linked on" not in html


def test_pair_detail_of_an_added_and_a_pruned_unit(client, comparison, run):
    added, pruned = first(run, "added"), first(run, "pruned")

    added_html = client.get(pair_url(comparison, f"target={added.target_eid}")).content.decode()
    pruned_response = client.get(pair_url(comparison, f"source={pruned.source_treaty}/{pruned.source_eid}"))

    assert "badge-added" in added_html and "No counterpart in" not in added_html
    assert "No source: added by" in added_html
    assert pruned_response.status_code == 200
    assert "not taken over" in pruned_response.content.decode()


def test_pair_detail_for_htmx_is_the_panel_fragment(client, comparison, run):
    pruned = first(run, "pruned")

    response = client.get(
        pair_url(comparison, f"source={pruned.source_treaty}/{pruned.source_eid}"), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section class="pair-panel pair-pruned"')
    assert "panel-close" in html
    assert "HX-Request" in response["Vary"]


def test_a_rejected_link_is_shown_as_not_linked_with_its_history(client, comparison, run):
    link = first(run, "modified")
    source_ref = f"{link.source_treaty}/{link.source_eid}"
    record_decision(
        comparison=comparison, target_eid=link.target_eid, source_ref=source_ref, action="reject", note="Coincidence."
    )

    response = client.get(pair_url(comparison, f"target={link.target_eid}&source={source_ref}"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "not linked in the current alignment" in html
    assert "reject the link" in html and "Coincidence." in html
    assert "modified" in html  # what the machine said in this run


@pytest.mark.parametrize(
    "query",
    ["target=art_999", "source=untoc/art_999", "target=art_999&source=untoc/art_1", "source=nowhere/art_1"],
)
def test_unknown_pairs_are_404(client, comparison, query):
    assert client.get(pair_url(comparison, query)).status_code == 404


@pytest.mark.parametrize("query", ["", "target=<script>", "source=untoc"])
def test_malformed_pair_queries_are_400(client, comparison, query):
    response = client.get(pair_url(comparison, query))

    assert response.status_code == 400
    assert "does not name a pair" in response.content.decode()


# ---- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "diff=on", "relation=pruned&relation=modified&instrument=untoc", "curated=yes&feature=text_added"]
)
def test_the_page_runs_a_fixed_number_of_queries(client, comparison, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(page_url(comparison, query)).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(page_url(comparison, query), headers={"HX-Request": "true"})


def test_the_list_and_pair_detail_run_a_fixed_number_of_queries(client, comparison, run, django_assert_max_num_queries):
    link = first(run, "modified")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("comparisons:comparison_list")).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        url = pair_url(comparison, f"target={link.target_eid}&source={link.source_treaty}/{link.source_eid}")
        assert client.get(url).status_code == 200


def test_the_list_query_count_does_not_grow_with_the_number_of_comparisons(
    client, comparison, django_assert_num_queries
):
    url = reverse("comparisons:comparison_list")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    second = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    run_alignment(comparison=second)
    get_or_create_comparison(target="untoc", sources=["tip-protocol"])  # never aligned
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    body = response.content.decode()
    assert "/comparisons/smuggling-protocol--tip-protocol/" in body and "not aligned yet" in body
