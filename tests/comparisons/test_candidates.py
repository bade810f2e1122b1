"""The candidates a run offers curators: stored with the run, shown on the side-by-side and pair
pages, accepted in one click by curators only, never offered again once decided, never lost work."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import save_user_with_role
from comparisons.alignment import LINK_RELATIONS
from comparisons.models import Comparison, CuratedDecision, MachineCandidate
from comparisons.selectors import candidates_of, effective_rows, offered_candidates
from comparisons.services import get_or_create_comparison, record_decision, run_alignment
from treaties.eids import article_of

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def comparison(corpus) -> Comparison:
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    run_alignment(comparison=comparison)
    return comparison


def login(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=role, password=PASSWORD)
    return client


def best(comparison: Comparison, side: str) -> MachineCandidate:
    """The best candidate of the first added target unit (side "target") or pruned source unit."""
    return comparison.latest_run().candidates.filter(side=side, rank=1).order_by("position").first()


def page(comparison: Comparison) -> str:
    return reverse("comparisons:comparison_detail", args=[comparison.slug])


def post_candidate(client: Client, comparison: Comparison, candidate: MachineCandidate, *, on: str, **extra: str):
    """Post a decision on ``candidate`` as the page at ``on`` does (its CSRF token); ``htmx="yes"`` as htmx."""
    html = client.get(on).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    data = {
        "csrfmiddlewaretoken": token.group(1) if token else "",
        "target": candidate.target_eid,
        "source": candidate.source_ref,
        "side": candidate.side,
        **extra,
    }
    headers = {"HX-Request": "true"} if data.pop("htmx", "") else {}
    return client.post(reverse("comparisons:decide_candidate", args=[comparison.slug]), data, headers=headers)


def accept(client: Client, comparison: Comparison, candidate: MachineCandidate, htmx: bool = False, **extra: str):
    return post_candidate(client, comparison, candidate, on=page(comparison), htmx="yes" if htmx else "", **extra)


def row_html(html: str, dom_id: str) -> str:
    match = re.search(rf'<tbody id="{re.escape(dom_id)}".*?</tbody>', html, re.S)
    assert match, f"no row {dom_id}"
    return match.group(0)


def accepted_with_htmx(comparison: Comparison, side: str) -> tuple[Client, MachineCandidate, str]:
    """A curator accepts the best candidate on ``side`` from the page (htmx): the client, the candidate, the HTML."""
    curator = login("curator")
    candidate = best(comparison, side)
    response = accept(curator, comparison, candidate, htmx=True)
    assert response.status_code == 200
    return curator, candidate, response.content.decode()


def assert_the_one_decision_accepts(candidate: MachineCandidate) -> None:
    decision = CuratedDecision.objects.get()
    assert (decision.action, decision.target_eid, decision.source_ref) == (
        "accept",
        candidate.target_eid,
        candidate.source_ref,
    )


def test_a_run_stores_its_candidates_and_a_new_run_keeps_the_curated_decisions(comparison):
    run = comparison.latest_run()
    stored = list(run.candidates.all())
    assert stored
    added = {item.target_eid for item in run.items.filter(relation="added")}
    pruned = {(item.source_treaty, item.source_eid) for item in run.items.filter(relation="pruned")}
    links = {(i.target_eid, i.source_treaty, i.source_eid) for i in run.items.filter(relation__in=LINK_RELATIONS)}
    for candidate in stored:
        assert (candidate.target_eid, candidate.source_treaty, candidate.source_eid) not in links
        if candidate.side == "target":
            assert candidate.target_eid in added
        else:
            assert (candidate.source_treaty, candidate.source_eid) in pruned
        assert 1 <= candidate.rank <= 3

    chosen = best(comparison, "target")
    decision = record_decision(
        comparison=comparison, target_eid=chosen.target_eid, source_ref=chosen.source_ref, action="accept"
    )
    assert decision.relation in LINK_RELATIONS  # as the engine classifies the pair

    again = run_alignment(comparison=comparison)
    assert again.pk != run.pk
    assert again.candidates.exists()
    assert CuratedDecision.objects.filter(pk=decision.pk).exists()
    row = next(r for r in again.overlay().rows if r.key == (chosen.target_eid, chosen.source_treaty, chosen.source_eid))
    assert row.origin == "curated" and row.is_link
    # the accepted pair is not offered again, in the new run either
    offered = candidates_of(again)
    assert all(c.key != row.key for found in offered.values() for c in found)
    assert MachineCandidate.objects.filter(run=run).count() == len(stored)  # each run keeps its own


def test_the_side_by_side_rows_offer_possible_sources_and_targets_to_everyone_but_accept_to_curators(
    client, comparison
):
    target_candidate = best(comparison, "target")
    source_candidate = best(comparison, "source")
    html = client.get(page(comparison)).content.decode()
    added_row = row_html(html, f"pair-{target_candidate.target_eid}")
    assert re.search(r"\d possible sources?", added_row)
    assert "best: " in added_row and f"score {target_candidate.score:.1f}" in added_row
    pruned_row = row_html(html, f"pruned-{source_candidate.source_treaty}-{source_candidate.source_eid}")
    assert re.search(r"\d possible targets?", pruned_row)

    # opening a row loads its list (the pair page's fragment); without JavaScript its link leads there
    pair = reverse("comparisons:pair_detail", args=[comparison.slug])
    fragment_url = f"{pair}?target={target_candidate.target_eid}&amp;part=candidates"
    assert f'hx-get="{fragment_url}"' in added_row
    assert f'href="{pair}?target={target_candidate.target_eid}"' in added_row
    listed = client.get(fragment_url.replace("&amp;", "&"), headers={"HX-Request": "true"}).content.decode()
    assert f"target={target_candidate.target_eid}&amp;source={target_candidate.source_ref}" in listed
    assert "shared words:" in listed
    assert "candidate-accept" not in listed  # anonymous readers see them, cannot accept

    curator = login("curator")
    listed = curator.get(fragment_url.replace("&amp;", "&"), headers={"HX-Request": "true"}).content.decode()
    assert 'class="candidate-accept"' in listed
    assert f'name="next" value="{page(comparison)}#pair-{target_candidate.target_eid}"' in listed


def test_a_curator_accepts_a_possible_source_and_the_row_re_renders_as_a_curated_link(comparison):
    curator, candidate, html = accepted_with_htmx(comparison, "target")

    row = row_html(html, f"pair-{candidate.target_eid}")
    assert "curated-mark" in row
    assert "Link accepted" in row
    assert "possible source" not in row
    assert_the_one_decision_accepts(candidate)
    # the source unit's pruned row, if it was pruned, gives way to a notice
    source_pruned = comparison.latest_run().items.filter(
        relation="pruned", source_treaty=candidate.source_treaty, source_eid=candidate.source_eid
    )
    if source_pruned.exists():
        assert 'hx-swap-oob="outerHTML"' in row_html(html, f"pruned-{candidate.source_treaty}-{candidate.source_eid}")
    # the page now shows the link, and no longer offers the pair
    page_html = curator.get(page(comparison)).content.decode()
    assert "curated-mark" in row_html(page_html, f"pair-{candidate.target_eid}")


def test_a_curator_accepts_a_possible_target_without_javascript(comparison):
    curator = login("curator")
    candidate = best(comparison, "source")
    next_url = page(comparison) + f"#pruned-{candidate.source_treaty}-{candidate.source_eid}"
    response = accept(curator, comparison, candidate, next=next_url)

    assert response.status_code == 302
    assert response["Location"] == next_url
    assert_the_one_decision_accepts(candidate)
    html = curator.get(page(comparison)).content.decode()
    assert f'id="pruned-{candidate.source_treaty}-{candidate.source_eid}"' not in html  # linked now


def test_from_a_pruned_row_htmx_swaps_a_notice_and_updates_the_target_row_out_of_band(comparison):
    _, candidate, html = accepted_with_htmx(comparison, "source")
    notice = row_html(html, f"pruned-{candidate.source_treaty}-{candidate.source_eid}")
    assert "is now linked to" in notice and 'role="status"' in notice
    assert 'hx-swap-oob="outerHTML"' in row_html(html, f"pair-{candidate.target_eid}")


def test_readers_and_researchers_cannot_accept_candidates(comparison):
    candidate = best(comparison, "target")
    url = reverse("comparisons:decide_candidate", args=[comparison.slug])
    data = {"target": candidate.target_eid, "source": candidate.source_ref, "side": "target"}
    anonymous = Client()
    response = anonymous.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert anonymous.post(url, data, headers={"HX-Request": "true"}).status_code == 403
    for role in ("reader", "researcher"):
        client = login(role)
        assert accept(client, comparison, candidate).status_code == 403
        assert accept(client, comparison, candidate, htmx=True).status_code == 403
    assert not CuratedDecision.objects.exists()


def test_a_rejected_candidate_is_not_offered_again(client, comparison):
    candidate = best(comparison, "target")
    record_decision(
        comparison=comparison, target_eid=candidate.target_eid, source_ref=candidate.source_ref, action="reject"
    )
    key = (candidate.target_eid, "", "")
    offered = candidates_of(comparison.latest_run(), key).get(key, [])
    assert candidate.source_ref not in [c.source_ref for c in offered]
    pair = reverse("comparisons:pair_detail", args=[comparison.slug])
    html = client.get(f"{pair}?target={candidate.target_eid}").content.decode()
    assert f"source={candidate.source_ref}" not in html


def test_the_pair_page_of_an_added_unit_offers_its_possible_sources(comparison):
    curator = login("curator")
    candidate = best(comparison, "target")
    url = reverse("comparisons:pair_detail", args=[comparison.slug]) + f"?target={candidate.target_eid}"
    html = curator.get(url).content.decode()
    assert "Possible sources" in html
    assert f'name="source" value="{candidate.source_ref}"' in html
    response = accept(curator, comparison, candidate, htmx=True, page="pair")
    assert response.status_code == 200
    assert response["HX-Redirect"].endswith(
        f"target={candidate.target_eid}&source={candidate.source_ref.replace('/', '%2F')}"
    )


def test_bad_input_is_a_400_naming_the_field_never_a_500(comparison):
    curator = login("curator")
    candidate = best(comparison, "target")
    candidate.target_eid = "art_999"
    response = accept(curator, comparison, candidate, htmx=True)
    assert response.status_code == 400
    assert "art_999" in response.content.decode()
    candidate.target_eid = "not an eid!"
    assert accept(curator, comparison, candidate, htmx=True).status_code == 400
    assert not CuratedDecision.objects.exists()


# The review page: every open candidate of the comparison, best first, decided in place.


def review(comparison: Comparison, **query: str) -> str:
    url = reverse("comparisons:candidate_review", args=[comparison.slug])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def listed_pairs(html: str) -> list[str]:
    """The pair-page queries of the rows, in order (``target=…&amp;source=…``)."""
    return re.findall(r'<a href="[^"]*/pair/\?(target=[^"]+)">Compare side by side', html)


def decide_from_review(client: Client, comparison: Comparison, candidate: MachineCandidate, action: str, **query: str):
    listed = review(comparison, **query)
    return post_candidate(client, comparison, candidate, on=listed, action=action, next=listed)


def test_the_review_page_lists_every_open_candidate_best_first(client, comparison):
    offered = offered_candidates(comparison, effective_rows(comparison))
    html = client.get(review(comparison)).content.decode()

    pairs, units = len({c.key for c in offered}), len({c.unit_key for c in offered})
    assert pairs < len(offered)  # some pairs are offered both for their added and their pruned unit: listed once
    assert f"{pairs} open candidates for {units} unlinked provisions." in html
    scores = [float(s) for s in re.findall(r'<td class="review-score">([\d.]+)', html)]
    assert len(scores) == min(pairs, 25)
    assert scores == sorted(scores, reverse=True)
    top = max(offered, key=lambda c: (c.score, c.meaning or 0.0))
    assert scores[0] == round(top.score, 1)
    # each row leads to the pair's page, where the two texts stand side by side
    assert all(query.startswith("target=") and "&amp;source=" in query for query in listed_pairs(html))
    assert 'aria-current="page">Possible links</a>' in html
    assert "Not a link" not in html  # readers see the list, only curators decide


def test_the_review_page_filters_by_side_and_pages_and_names_bad_input(client, comparison):
    html = client.get(review(comparison, side="source")).content.decode()
    rows = re.findall(r'<tr class="review-row">.*?</tr>', html, re.S)
    assert rows and all("badge-pruned" in row for row in rows)
    assert any("badge-added" not in row for row in rows)

    offered = offered_candidates(comparison, effective_rows(comparison))
    if len(offered) > 25:
        second = client.get(review(comparison, page="2")).content.decode()
        assert "Page 2 of" in second
        assert not set(listed_pairs(second)) & set(listed_pairs(client.get(review(comparison)).content.decode()))
    assert client.get(review(comparison, page="999")).status_code == 404
    for query, field in (
        ({"side": "neither"}, "Offered for"),
        ({"page": "two"}, "Page"),
        ({"article": "art_999"}, "Target article"),
        ({"instrument": "coe-trafficking"}, "Source instrument"),  # the target is no source
        ({"source_article": "untoc/art_999"}, "Source article"),
    ):
        response = client.get(review(comparison, **query))
        assert response.status_code == 400
        assert f"<li>{field}: " in response.content.decode()


def test_the_review_page_filters_by_article_for_a_pass_chapter_by_chapter(client, comparison):
    offered = offered_candidates(comparison, effective_rows(comparison))
    article = article_of(max(offered, key=lambda c: c.score).target_eid)
    html = client.get(review(comparison, article=article)).content.decode()
    listed = listed_pairs(html)
    expected = {c.key for c in offered if article_of(c.target_eid) == article}
    assert listed and len(listed) == min(len(expected), 25)
    assert all(re.match(rf"target={article}(__|&)", query) for query in listed)
    assert f" {len(expected)} of them match" in html
    assert f'<option value="{article}" selected>' in html  # the filter says what it shows

    source = next(c for c in offered if c.side == "source")
    source_article = f"{source.source_treaty}/{article_of(source.source_eid)}"
    html = client.get(review(comparison, side="source", source_article=source_article)).content.decode()
    kept = {
        c.key
        for c in offered
        if c.side == "source" and f"{c.source_treaty}/{article_of(c.source_eid)}" == source_article
    }
    assert len(listed_pairs(html)) == min(len(kept), 25)
    for query in listed_pairs(html):
        treaty, _, eid = query.split("&amp;source=")[1].partition("/")
        assert f"{treaty}/{article_of(eid)}" == source_article
    instrument = client.get(review(comparison, instrument="untoc")).content.decode()
    assert listed_pairs(instrument) and all("&amp;source=untoc/" in q for q in listed_pairs(instrument))


def first_listed(comparison: Comparison, html: str, side: str) -> MachineCandidate:
    """The candidate of the list's first row, as offered on ``side``."""
    target_eid, source_ref = re.match(r"target=(.+)&amp;source=(.+)", listed_pairs(html)[0]).groups()
    treaty, _, eid = source_ref.partition("/")
    found = comparison.latest_run().candidates
    return found.get(side=side, target_eid=target_eid, source_treaty=treaty, source_eid=eid)


def test_a_curator_sets_a_candidate_aside_and_it_is_not_offered_again_even_after_a_new_run(comparison):
    curator = login("curator")
    candidate = first_listed(comparison, curator.get(review(comparison, side="target")).content.decode(), "target")
    query = f"target={candidate.target_eid}&amp;source={candidate.source_ref}"

    response = decide_from_review(curator, comparison, candidate, "reject", side="target")
    assert response.status_code == 302 and response["Location"] == review(comparison, side="target")
    decision = CuratedDecision.objects.get()
    assert (decision.action, decision.target_eid, decision.source_ref) == (
        "reject",
        candidate.target_eid,
        candidate.source_ref,
    )
    html = curator.get(review(comparison, side="target")).content.decode()
    assert "Link rejected: now marked curated." in html
    assert query not in listed_pairs(html)
    # the unit is still added: its other candidates stay on offer
    others = comparison.latest_run().candidates.filter(side="target", target_eid=candidate.target_eid)
    still = {
        c.source_ref
        for c in offered_candidates(comparison, effective_rows(comparison))
        if c.side == "target" and c.target_eid == candidate.target_eid
    }
    assert {c.source_ref for c in others} - still == {candidate.source_ref}

    run_alignment(comparison=comparison)
    assert query not in listed_pairs(curator.get(review(comparison, side="target")).content.decode())


def test_a_curator_links_a_candidate_from_the_review_page_and_its_unit_leaves_the_list(comparison):
    curator = login("curator")
    candidate = first_listed(comparison, curator.get(review(comparison, side="source")).content.decode(), "source")
    response = decide_from_review(curator, comparison, candidate, "accept")
    assert response.status_code == 302 and response["Location"] == review(comparison)
    assert_the_one_decision_accepts(candidate)
    assert "Link accepted: now marked curated." in curator.get(review(comparison)).content.decode()
    # the source unit is linked now, no longer pruned: no possible target is offered for it any more
    # (it may still be offered as a possible source of an added target unit: links are many-to-many)
    offered = offered_candidates(comparison, effective_rows(comparison))
    assert not [c for c in offered if c.side == "source" and c.source_ref == candidate.source_ref]
    html = curator.get(review(comparison, side="source")).content.decode()
    assert not any(q.endswith(f"&amp;source={candidate.source_ref}") for q in listed_pairs(html))


def test_only_curators_decide_on_candidates_and_htmx_is_sent_back_to_the_list(comparison):
    candidate = best(comparison, "target")
    url = reverse("comparisons:decide_candidate", args=[comparison.slug])
    data = {"target": candidate.target_eid, "source": candidate.source_ref, "side": "target", "action": "reject"}
    anonymous = Client()
    response = anonymous.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for role in ("reader", "researcher"):
        assert decide_from_review(login(role), comparison, candidate, "reject").status_code == 403
    assert not CuratedDecision.objects.exists()

    curator = login("curator")
    curator_html = curator.get(review(comparison)).content.decode()
    assert curator_html.count(">Not a link<") == curator_html.count(">Link<") == len(listed_pairs(curator_html))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', curator_html).group(1)
    response = curator.post(
        url, {**data, "csrfmiddlewaretoken": token, "next": review(comparison)}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and response["HX-Redirect"] == review(comparison)
    # from the list itself, htmx gets the decided row back, in place of the pair's row
    other = best(comparison, "source")
    response = curator.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "target": other.target_eid,
            "source": other.source_ref,
            "side": "source",
            "action": "accept",
            "page": "review",
        },
        headers={"HX-Request": "true"},
    )
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith('<tr class="review-row review-decided">')
    assert "Link accepted: now marked curated." in row and 'role="status"' in row
    assert f"target={other.target_eid}&amp;source={other.source_ref.replace('/', '%2F')}" in row
    # second thoughts: the opposite decision on the same pair, from the decided row
    assert re.search(r'name="action" value="reject">.*>Not a link after all<', row)
    # the count line, out of band, counts what is left: the pair and its pruned unit are off the list
    left = offered_candidates(comparison, effective_rows(comparison))
    count = re.search(r'<p class="review-count" id="review-count" hx-swap-oob="true">([^<]+)</p>', row).group(1)
    pairs, units = len({c.key for c in left}), len({c.unit_key for c in left})
    assert count == f"{pairs} open candidates for {units} unlinked provisions."
    bad = curator.post(url, {**data, "csrfmiddlewaretoken": token, "action": "maybe", "next": review(comparison)})
    assert bad.status_code == 302 and bad["Location"] == review(comparison)  # back, the error as a message
    assert (
        "The candidate was not decided: Decision: Select a valid choice."
        in curator.get(review(comparison)).content.decode()
    )
    assert CuratedDecision.objects.count() == 2


def test_a_curator_thinks_again_from_the_decided_row_and_the_count_follows_the_list_filter(comparison):
    curator = login("curator")
    listed = review(comparison, side="source")
    html = curator.get(listed).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    candidate = first_listed(comparison, html, "source")
    url = reverse("comparisons:decide_candidate", args=[comparison.slug])
    pair = {"target": candidate.target_eid, "source": candidate.source_ref, "side": "source", "page": "review"}

    def decide(action: str) -> str:
        response = curator.post(
            url,
            {**pair, "action": action, "next": f"{listed}#review-list", "csrfmiddlewaretoken": token},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        return response.content.decode()

    rejected = decide("reject")
    assert "Link rejected: now marked curated." in rejected
    assert re.search(r'name="action" value="accept">.*>Link after all<', rejected)
    left = offered_candidates(comparison, effective_rows(comparison))
    pruned = len({c.key for c in left if c.side == "source"})
    assert f" {pruned} of them match the filter.</p>" in rejected  # the list's own filter

    accepted = decide("accept")  # the newest decision on a pair wins: now it is a link
    assert "Link accepted: now marked curated." in accepted and ">Not a link after all<" in accepted
    assert [d.action for d in CuratedDecision.objects.order_by("pk")] == ["reject", "accept"]
    key = (candidate.target_eid, candidate.source_treaty, candidate.source_eid)
    assert any(row.key == key and row.is_link for row in effective_rows(comparison))


def test_the_review_page_costs_a_fixed_number_of_queries(client, comparison, django_assert_max_num_queries):
    # comparison and instruments, latest run, its items and decisions (the overlay), its candidates,
    # the units of the page's instruments: ten, whatever the page or the number of candidates
    for query in ({}, {"side": "target", "page": "2"}):
        with django_assert_max_num_queries(10):
            assert client.get(review(comparison, **query)).status_code == 200
