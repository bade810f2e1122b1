"""Curators accept, reject, re-label and add links over HTTP; their decisions survive re-runs and re-imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.roles import save_user_with_role
from comparisons.models import Comparison, CuratedDecision
from treaties.services import import_file

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
TARGET, SOURCES = "coe-trafficking", ["tip-protocol", "untoc"]
SLUG = "coe-trafficking--tip-protocol+untoc"


def align() -> None:
    call_command("align", target=TARGET, sources=SOURCES, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def comparison(corpus) -> Comparison:
    align()
    return Comparison.objects.get(slug=SLUG)


def overlay(comparison: Comparison):
    return comparison.latest_run().overlay()


def first(comparison: Comparison, relation: str):
    return next(r for r in overlay(comparison).rows if r.relation == relation)


def row_for(comparison: Comparison, target_eid: str, source_ref: str):
    treaty, _, eid = source_ref.partition("/")
    return next((r for r in overlay(comparison).rows if r.is_link and r.key == (target_eid, treaty, eid)), None)


def login(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=role, password=PASSWORD)
    return client


def csrf(client: Client, comparison: Comparison, target_eid: str) -> str:
    """Load a page with a curation form the way a browser would, and read its CSRF token."""
    page = client.get(reverse("comparisons:provision_picker", args=[comparison.slug]), {"target": target_eid})
    assert page.status_code == 200
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert match, "no CSRF token on the page"
    return match.group(1)


def decide(client: Client, comparison: Comparison, htmx: bool = False, **data: str):
    token = csrf(client, comparison, "art_18")
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("comparisons:decide", args=[comparison.slug]), {"csrfmiddlewaretoken": token, **data}, headers=headers
    )


@pytest.fixture
def curator() -> Client:
    return login("curator")


def test_a_curator_accepts_a_machine_link_and_returns_to_the_pair_page(curator, comparison):
    link = first(comparison, "modified")
    source = f"{link.source_treaty}/{link.source_eid}"
    pair_page = f"/comparisons/{SLUG}/pair/?target={link.target_eid}&source={source}"
    response = decide(curator, comparison, target=link.target_eid, source=source, action="accept", next=pair_page)
    assert response.status_code == 302
    assert response["Location"] == pair_page
    row = row_for(comparison, link.target_eid, source)
    assert (row.relation, row.origin) == ("modified", "curated")
    decision = CuratedDecision.objects.get()
    assert decision.user.username == "curator"
    assert decision.created_at is not None
    page = curator.get(pair_page)
    assert '<ul class="messages" role="status">' in page.content.decode()
    assert "Link accepted: now marked curated." in page.content.decode()


def test_an_htmx_decision_answers_with_the_updated_fragment(curator, comparison):
    link = first(comparison, "modified")
    source = f"{link.source_treaty}/{link.source_eid}"
    response = decide(
        curator,
        comparison,
        htmx=True,
        target=link.target_eid,
        source=source,
        action="relate",
        relation="adopted",
        note="only spelling differs",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="curation"' in html
    assert "curated" in html
    assert "Link saved" in html
    assert "only spelling differs" in html
    assert "<html" not in html
    assert "curation-saved" in response["HX-Trigger"]
    row = row_for(comparison, link.target_eid, source)
    assert (row.relation, row.origin, row.note) == ("adopted", "curated", "only spelling differs")


def test_a_curator_rejects_a_link(curator, comparison):
    link = first(comparison, "adopted")
    source = f"{link.source_treaty}/{link.source_eid}"
    response = decide(curator, comparison, target=link.target_eid, source=source, action="reject")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/comparisons/{SLUG}/?article=")
    assert row_for(comparison, link.target_eid, source) is None


def test_a_curator_adds_a_link_the_engine_missed(curator, comparison):
    added = first(comparison, "added")
    pruned = first(comparison, "pruned")
    source = f"{pruned.source_treaty}/{pruned.source_eid}"
    response = decide(
        curator, comparison, htmx=True, target=added.target_eid, source=source, action="relate", relation="modified"
    )
    assert response.status_code == 200
    row = row_for(comparison, added.target_eid, source)
    assert (row.relation, row.origin) == ("modified", "curated")
    assert row.diff, "a hand-made link gets its own word diff"
    assert added.target_eid not in [r.target_eid for r in overlay(comparison).rows if r.relation == "added"]


def test_anonymous_visitors_are_sent_to_log_in(comparison):
    client = Client()
    data = {"target": "art_1__para_1", "source": "untoc/art_1", "action": "accept"}
    response = client.post(reverse("comparisons:decide", args=[SLUG]), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = client.post(reverse("comparisons:decide", args=[SLUG]), data, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert "Log in to curate" in response.content.decode()
    assert not CuratedDecision.objects.exists()


def test_researchers_may_not_curate(comparison):
    researcher = login("researcher")
    link = first(comparison, "modified")
    data = {"target": link.target_eid, "source": f"{link.source_treaty}/{link.source_eid}", "action": "reject"}
    assert decide(researcher, comparison, **data).status_code == 403
    response = decide(researcher, comparison, htmx=True, **data)
    assert response.status_code == 403
    assert "not a curator" in response.content.decode()
    assert not CuratedDecision.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target": "art_1__para_1", "source": "untoc/art_1", "action": "relate"}, "Relation", "adopted or modified"),
        ({"target": "art_1__para_1", "source": "untoc/art_1", "action": "merge"}, "Decision", "valid choice"),
        ({"target": "art_999", "source": "untoc/art_1", "action": "relate", "relation": "adopted"}, "Target", "no"),
        ({"target": "art_1__para_1", "source": "smuggling-protocol/art_1", "action": "reject"}, "Source", "not a"),
        ({"target": "art_1__para_1", "source": "untoc", "action": "reject"}, "Source", "instrument id / eId"),
        ({"target": "art_1__para_1", "source": "untoc/art_1", "action": "reject", "note": "x" * 2001}, "Note", "most"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_never_a_500(curator, comparison, data, field, message):
    response = decide(curator, comparison, htmx=True, **data)
    assert response.status_code == 400
    errors = re.findall(r"<li>([^<]+)</li>", response.content.decode())
    assert any(e.startswith(field) and message in e for e in errors), errors
    plain = decide(curator, comparison, **data)
    assert plain.status_code == 400
    assert "The decision was not saved" in plain.content.decode()
    assert not CuratedDecision.objects.exists()


def test_decide_accepts_only_post(curator, comparison):
    assert curator.get(reverse("comparisons:decide", args=[SLUG])).status_code == 405


def test_decisions_survive_a_new_alignment_run(curator, comparison):
    link = first(comparison, "modified")
    source = f"{link.source_treaty}/{link.source_eid}"
    decide(curator, comparison, target=link.target_eid, source=source, action="relate", relation="adopted")
    runs = comparison.runs.count()
    align()
    assert comparison.runs.count() == runs + 1
    row = row_for(comparison, link.target_eid, source)
    assert (row.relation, row.origin) == ("adopted", "curated")


def _section(text: str, heading: str, number: str | None = None) -> tuple[int, int]:
    """Character span of an article's section (or, with ``number``, of its last numbered paragraph)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"## Article {heading}\b", line))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    if number is not None:
        start = next(i for i in range(start, end) if lines[i].startswith(f"{number}. "))
    return sum(map(len, lines[:start])), sum(map(len, lines[:end]))


def test_decisions_survive_a_reimport_of_the_target_and_orphans_are_listed(curator, comparison, corpus_dir, tmp_path):
    units = set(comparison.latest_run().target_units)
    # The last paragraph of an article with several: removing it leaves a valid treaty.
    target = next(
        eid
        for eid in comparison.latest_run().target_units
        if re.fullmatch(r"art_\d+__para_([2-9])", eid)
        and eid.rsplit("_", 1)[0] + f"_{int(eid.rsplit('_', 1)[1]) + 1}" not in units
    )
    article, paragraph = target.removeprefix("art_").split("__para_")
    decide(curator, comparison, target=target, source="untoc/art_1", action="relate", relation="modified", note="n")
    original = (corpus_dir / f"{TARGET}.md").read_text(encoding="utf-8")
    edited: Path = tmp_path / f"{TARGET}.md"

    # An edit elsewhere in the target (new checksum, provisions updated in place by eId).
    other = "1" if article != "1" else "2"
    _start, end = _section(original, other)
    edited.write_text(original[:end].rstrip("\n") + " Invented extra words.\n\n" + original[end:], encoding="utf-8")
    assert not import_file(path=edited).unchanged
    align()
    row = row_for(comparison, target, "untoc/art_1")
    assert (row.relation, row.origin, row.note) == ("modified", "curated", "n")

    # The decided paragraph disappears: the decision is kept and listed as an orphan.
    start, end = _section(original, article, paragraph)
    edited.write_text(original[:start] + original[end:], encoding="utf-8")
    assert target in import_file(path=edited, allow_removals=1).removed  # the removal confirmed
    align()
    result = overlay(comparison)
    assert [(d.target_eid, d.source_treaty, d.source_eid) for d in result.orphans] == [(target, "untoc", "art_1")]
    assert CuratedDecision.objects.count() == 1
    page = Client().get(reverse("comparisons:coverage_map", args=[SLUG])).content.decode()
    assert "no longer exist" in page
    assert f"{TARGET}/{target}" in page


def test_the_picker_finds_units_by_citation_as_a_fragment_and_as_a_page(curator, comparison):
    url = reverse("comparisons:provision_picker", args=[SLUG])
    fragment = curator.get(url, {"target": "art_18", "q": "UNTOC art. 8(2)"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'name="source" value="untoc/art_8__para_2"' in html
    page = curator.get(url, {"target": "art_18", "q": "foreign public official"})
    assert page.status_code == 200
    assert 'value="untoc/art_8__para_2"' in page.content.decode()
    assert "<html" in page.content.decode()
    suggestions = curator.get(url, {"source": "untoc/art_8__para_2"}, headers={"HX-Request": "true"})
    assert "Most similar target provisions" in suggestions.content.decode()
    assert 'name="target" value="' in suggestions.content.decode()


@pytest.mark.parametrize(
    "params",
    [{}, {"target": "art_18", "source": "untoc/art_8"}, {"target": "art_999"}, {"source": "coe-trafficking/art_18"}],
)
def test_the_picker_rejects_bad_parameters_with_400(curator, comparison, params):
    response = curator.get(reverse("comparisons:provision_picker", args=[SLUG]), params)
    assert response.status_code == 400


def test_the_curation_form_shows_each_reader_what_they_may_do(comparison, rf):
    from django.contrib.auth.models import AnonymousUser, User
    from django.template.loader import render_to_string

    link = first(comparison, "modified")
    request = rf.get(f"/comparisons/{SLUG}/pair/")

    def render(user) -> str:
        request.user = user
        return render_to_string(
            "comparisons/_curation_form.html", {"comparison": comparison, "row": link, "user": user}, request=request
        )

    anonymous = render(AnonymousUser())
    assert "Log in to curate" in anonymous
    assert "<form" not in anonymous
    save_user_with_role(username="reader", role="researcher", password=PASSWORD)
    assert "not a curator" in render(User.objects.get(username="reader"))
    save_user_with_role(username="cur", role="curator", password=PASSWORD)
    html = render(User.objects.get(username="cur"))
    assert 'value="accept"' in html and 'value="reject"' in html
    assert "machine" in html


def decide_on_first(client: Client, comparison: Comparison, relation: str, action: str) -> tuple[int, str]:
    """An htmx decision on the first machine link with ``relation``: the status and the fragment."""
    link = first(comparison, relation)
    source = f"{link.source_treaty}/{link.source_eid}"
    response = decide(client, comparison, htmx=True, target=link.target_eid, source=source, action=action)
    return response.status_code, response.content.decode()


def test_after_an_htmx_reject_the_fragment_offers_to_restore_the_link(curator, comparison):
    status, html = decide_on_first(curator, comparison, "adopted", "reject")
    assert status == 200
    assert "Link rejected" in html and "a curator rejected it" in html and "Restore link" in html


def test_an_htmx_error_shows_the_pair_as_it_stands(curator, comparison):
    status, html = decide_on_first(curator, comparison, "modified", "relate")
    assert status == 400
    assert "Proposed by the engine as" in html and "The decision was not saved" in html


def test_after_a_reject_the_pair_page_and_its_fragment_tell_the_same_story(curator, comparison):
    link = first(comparison, "adopted")
    source = f"{link.source_treaty}/{link.source_eid}"
    decide(curator, comparison, target=link.target_eid, source=source, action="reject")
    url = reverse("comparisons:pair_detail", args=[comparison.slug])
    page = curator.get(url, {"target": link.target_eid, "source": source})
    fragment = curator.get(url, {"target": link.target_eid, "source": source}, headers={"HX-Request": "true"})
    for response in (page, fragment):
        assert response.status_code == 200
        assert "No link: a curator rejected it." in response.content.decode()
        assert "Restore the link as" in response.content.decode()


@pytest.mark.parametrize("field", ["target", "source"])
def test_a_nul_byte_in_a_posted_pair_is_a_400_not_a_500(curator, comparison, field):
    link = first(comparison, "modified")
    data = {"target": link.target_eid, "source": f"{link.source_treaty}/{link.source_eid}", "action": "accept"}
    data[field] += "\x00"
    response = decide(curator, comparison, htmx=True, **data)
    assert response.status_code == 400
    assert not CuratedDecision.objects.exists()


def test_accepting_keeps_the_machine_relation_whatever_relation_was_ticked(curator, comparison):
    link = first(comparison, "modified")
    source = f"{link.source_treaty}/{link.source_eid}"
    decide(curator, comparison, target=link.target_eid, source=source, action="accept", relation="adopted")
    assert CuratedDecision.objects.get().relation == "modified"
    row = row_for(comparison, link.target_eid, source)
    assert (row.relation, row.origin) == ("modified", "curated")


def test_the_picker_also_suggests_provisions_close_in_meaning(curator, comparison):
    """CoE 14(1) (residence permit) restates TIP 7(1) (status of victims in receiving States)
    with few shared words: the engine leaves it added, the picker offers the source by meaning."""
    assert row_for(comparison, "art_14__para_1", "tip-protocol/art_7__para_1") is None
    url = reverse("comparisons:provision_picker", args=[SLUG])
    response = curator.get(url, {"target": "art_14__para_1"})
    assert response.status_code == 200
    meaning = response.context["meaning"]
    assert "tip-protocol/art_7__para_1" in [m["value"] for m in meaning]
    assert len(meaning) <= 5
    assert [m["score"] for m in meaning] == sorted((m["score"] for m in meaning), reverse=True)
    by_wording = {r["value"] for r in response.context["results"]}
    assert not by_wording & {m["value"] for m in meaning}  # nothing offered twice
    fragment = curator.get(url, {"target": "art_14__para_1"}, headers={"HX-Request": "true"}).content.decode()
    assert "Close in meaning" in fragment
    assert 'value="tip-protocol/art_7__para_1"' in fragment
    # A search by words replaces both lists.
    searched = curator.get(url, {"target": "art_14__para_1", "q": "art. 7(1)"})
    assert searched.context["meaning"] == [] and "Close in meaning" not in searched.content.decode()
